//! CSV, one row per finding, for spreadsheets and scripts.
//!
//! Columns: `check_id, check_name, result, severity, resource, file_path, first_line,
//! last_line, suppress_comment, guideline`. Fields are quoted as RFC 4180 says (when they hold
//! a comma, a quote or a line break; quotes doubled); lines end with `\n`. A text field that a
//! spreadsheet would read as a formula (starting with `=`, `+`, `-` or `@`) gets a leading `'`,
//! since skip reasons come from the scanned files.

use alloc::string::String;
use core::fmt::Write;

use super::json::display_path;
use super::{shown_findings, Options};
use crate::report::{Outcome, Report};

const HEADER: &str = "check_id,check_name,result,severity,resource,file_path,first_line,\
                      last_line,suppress_comment,guideline\n";

/// Renders the report as CSV with a header row.
pub fn render(report: &Report, options: &Options<'_>) -> String {
    let mut out = String::from(HEADER);
    for finding in shown_findings(report, options) {
        let check = &finding.check;
        let reason = match &finding.outcome {
            Outcome::Skipped { reason } => reason.as_str(),
            _ => "",
        };
        field(&mut out, check.id());
        field(&mut out, check.name());
        field(&mut out, finding.outcome.as_str());
        field(
            &mut out,
            check.severity().map_or("", |severity| severity.as_str()),
        );
        field(&mut out, &finding.resource);
        field(&mut out, &display_path(&finding.file_path));
        let _ = write!(out, "{},{},", finding.lines.first, finding.lines.last);
        field(&mut out, reason);
        last_field(&mut out, check.guideline().unwrap_or_default());
    }
    out
}

fn field(out: &mut String, text: &str) {
    write_field(out, text);
    out.push(',');
}

fn last_field(out: &mut String, text: &str) {
    write_field(out, text);
    out.push('\n');
}

fn write_field(out: &mut String, text: &str) {
    let formula = text.starts_with(['=', '+', '-', '@']);
    let quoted = formula || text.contains([',', '"', '\n', '\r']);
    if quoted {
        out.push('"');
    }
    if formula {
        out.push('\'');
    }
    for character in text.chars() {
        if character == '"' {
            out.push('"');
        }
        out.push(character);
    }
    if quoted {
        out.push('"');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quotes_what_needs_quoting() {
        let mut out = String::new();
        write_field(&mut out, "plain");
        write_field(&mut out, "a,\"b\"");
        write_field(&mut out, "=cmd()");
        assert_eq!(out, "plain\"a,\"\"b\"\"\"\"'=cmd()\"");
    }
}
