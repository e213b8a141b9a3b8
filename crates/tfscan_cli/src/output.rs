//! Where each report goes (the console, or the files `--output-file-path` names), and the
//! date reports carry.

use std::io::Write;
use std::path::Path;

use tfscan_core::command_line;
use tfscan_core::render;
use tfscan_core::Report;

use crate::args::Arguments;

/// Writes each `-o` format to the console, or to the files `--output-file-path` names.
pub fn write_reports(
    report: &Report,
    arguments: &Arguments,
    options: &render::Options<'_>,
) -> Result<(), String> {
    let destinations =
        command_line::destinations(&arguments.formats, arguments.output_file_path.as_deref())?;
    let mut stdout = std::io::stdout().lock();
    for (format, destination) in arguments.formats.iter().zip(destinations) {
        match destination {
            None => match write_report(report, *format, options, &mut stdout) {
                Ok(()) => {}
                // The reader went away (`tfscan ... | head`): nobody is left to read the rest.
                Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => return Ok(()),
                Err(error) => return Err(format!("cannot write the report: {error}")),
            },
            Some(path) => {
                let path = Path::new(&path);
                if let Some(folder) = path
                    .parent()
                    .filter(|folder| !folder.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(folder)
                        .map_err(|error| format!("{}: {error}", folder.display()))?;
                }
                std::fs::File::create(path)
                    .map(std::io::BufWriter::new)
                    .and_then(|mut file| {
                        write_report(report, *format, options, &mut file)?;
                        file.flush()
                    })
                    .map_err(|error| format!("{}: {error}", path.display()))?;
            }
        }
    }
    Ok(())
}

/// Writes one report to `out` as it is rendered, piece by piece; stops at the first error.
fn write_report(
    report: &Report,
    format: render::Format,
    options: &render::Options<'_>,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut failure = None;
    render::write(report, format, options, &mut |piece| {
        if failure.is_none() {
            failure = out.write_all(piece.as_bytes()).err();
        }
    });
    match failure {
        Some(error) => Err(error),
        None => out.flush(),
    }
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
}
