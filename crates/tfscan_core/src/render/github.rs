//! `github_failed_only`: the failed checks as one Markdown table, small enough for a pull
//! request comment or a job summary, with the columns Checkov's format of that name has.

use alloc::string::String;

use super::json::display_path;
use super::{escape_markdown, Options};
use crate::report::{Outcome, Report};

/// Renders the failed findings as a Markdown table (every option but the date is moot: only
/// failures are shown, without code).
pub fn render(report: &Report, _options: &Options<'_>) -> String {
    let mut out = String::from("#### terraform scan results:\n\n");
    let mut failed = report
        .findings
        .iter()
        .filter(|finding| finding.outcome == Outcome::Failed)
        .peekable();
    if failed.peek().is_none() {
        out.push_str("No failed checks.\n");
        return out;
    }
    out.push_str("| check_id | file | resource | check_name | guideline |\n");
    out.push_str("|---|---|---|---|---|\n");
    for finding in failed {
        let check = &finding.check;
        for cell in [
            check.id(),
            &display_path(&finding.file_path),
            &finding.resource,
            check.name(),
        ] {
            out.push_str("| ");
            escape_markdown(&mut out, cell);
            out.push(' ');
        }
        out.push_str("| ");
        out.push_str(check.guideline().unwrap_or_default());
        out.push_str(" |\n");
    }
    out
}
