//! Where each report goes: `--output-file-path` and the dates reports carry.

use std::path::PathBuf;

use tfscan_core::render::Format;

/// For each format in order: None for the console, or the file to write.
///
/// `path` is either one folder (each format goes to `results_<format>.<ext>` in it, as
/// Checkov names them) or a comma-separated list with one entry per format, where `console`
/// keeps that format on the console.
pub fn destinations(
    formats: &[Format],
    path: Option<&str>,
) -> Result<Vec<Option<PathBuf>>, String> {
    let Some(path) = path else {
        return Ok(vec![None; formats.len()]);
    };
    if !path.contains(',') {
        let folder = PathBuf::from(path);
        return Ok(formats
            .iter()
            .map(|format| Some(folder.join(format.file_name())))
            .collect());
    }
    let entries: Vec<&str> = path.split(',').map(str::trim).collect();
    if entries.len() != formats.len() {
        return Err(format!(
            "--output-file-path names {} files for {} output formats: give one per -o, or one folder",
            entries.len(),
            formats.len()
        ));
    }
    Ok(entries
        .into_iter()
        .map(|entry| (entry != "console").then(|| PathBuf::from(entry)))
        .collect())
}

/// The date `days` after 1970-01-01, as `YYYY-MM-DD` (the proleptic Gregorian calendar).
pub fn civil_date(days: u64) -> String {
    // Howard Hinnant's days-to-civil method, on eras of 400 years (146,097 days).
    let days = days + 719_468;
    let era = days / 146_097;
    let day_of_era = days % 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_index = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * month_index + 2) / 5 + 1;
    let month = if month_index < 10 {
        month_index + 3
    } else {
        month_index - 9
    };
    let year = era * 400 + year_of_era + u64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_from_days() {
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(11_016), "2000-02-29");
        assert_eq!(civil_date(20_454), "2026-01-01");
        assert_eq!(civil_date(20_818), "2026-12-31");
        assert_eq!(civil_date(20_819), "2027-01-01");
    }

    #[test]
    fn a_folder_or_one_file_per_format() {
        let formats = [Format::Cli, Format::Sarif];
        let folder = destinations(&formats, Some("out")).unwrap();
        assert_eq!(folder[1], Some(PathBuf::from("out/results_sarif.sarif")));
        let listed = destinations(&formats, Some("console, a.sarif")).unwrap();
        assert_eq!(listed, vec![None, Some(PathBuf::from("a.sarif"))]);
        assert!(destinations(&formats, Some("a,b,c")).is_err());
    }
}
