//! The report for people: the summary first, then each failure with its resource, its file
//! and lines, and the offending lines.

use alloc::string::String;
use core::fmt::Write;

use super::json::display_path;
use super::Options;
use crate::report::{Outcome, Report};

/// Renders the report as plain text.
pub fn render(report: &Report, options: &Options) -> String {
    let summary = report.summary();
    let mut out = String::new();
    let _ = writeln!(
        out,
        "terraform scan results:\n\nPassed checks: {}, Failed checks: {}, Skipped checks: {}, \
         Unknown: {}, Resources: {}, Pass rate: {}",
        summary.passed,
        summary.failed,
        summary.skipped,
        summary.unknown,
        summary.resource_count,
        summary.pass_rate_text()
    );
    if summary.parsing_errors > 0 {
        let _ = writeln!(out, "Parsing errors: {}", summary.parsing_errors);
    }
    let _ = writeln!(
        out,
        "Files: {} read, {} scanned, {} skipped",
        report.files_read,
        report.files_scanned,
        report.skipped_files.len()
    );
    for error in &report.parsing_errors {
        let _ = writeln!(out, "\nParsing error: {error}");
    }
    for problem in &report.policy_problems {
        let _ = writeln!(out, "\nCustom policy problem: {problem}");
    }
    // Files that did not parse are listed above as parsing errors.
    let parsing_error_paths: alloc::collections::BTreeSet<&str> = report
        .parsing_errors
        .iter()
        .map(|error| error.path.as_str())
        .collect();
    for file in &report.skipped_files {
        if parsing_error_paths.contains(file.path.as_str()) {
            continue;
        }
        let _ = writeln!(
            out,
            "\nFile skipped: {}: {}",
            display_path(&file.path),
            file.reason
        );
    }
    for note in &report.limit_notes {
        let _ = writeln!(
            out,
            "\nLimit reached: {}:{}: {}",
            display_path(&note.file_path),
            note.line,
            note.message
        );
    }
    for module in &report.unscanned_modules {
        let _ = writeln!(
            out,
            "\nModule not scanned: {} (source \"{}\", {}:{}): {}",
            module.address,
            module.source,
            display_path(&module.file_path),
            module.lines.first,
            module.reason
        );
    }

    for note in &report.suppression_notes {
        let _ = writeln!(
            out,
            "\nSuppression {}:{}: {} {}",
            display_path(&note.file_path),
            note.line,
            note.check,
            note.problem.as_str()
        );
    }

    for finding in &report.findings {
        let shown = match finding.outcome {
            Outcome::Failed => true,
            Outcome::Passed | Outcome::Unknown | Outcome::Skipped { .. } => !options.quiet,
        };
        if !shown {
            continue;
        }
        let check = &finding.check;
        let _ = write!(
            out,
            "\nCheck: {}: \"{}\"\n\t{} for resource: {}\n",
            check.id(),
            check.name(),
            finding.outcome.as_str(),
            finding.resource,
        );
        if let Some(severity) = check.severity() {
            let _ = writeln!(out, "\tSeverity: {}", severity.as_str());
        }
        let _ = writeln!(
            out,
            "\tFile: {}:{}-{}",
            display_path(&finding.file_path),
            finding.lines.first,
            finding.lines.last
        );
        if let Some(because) = &finding.unknown_because {
            let _ = writeln!(out, "\t{because}");
        }
        if let Outcome::Skipped { reason } = &finding.outcome {
            let _ = writeln!(out, "\tSuppress comment: {reason}");
        }
        if finding.outcome == Outcome::Failed {
            match check.explanation() {
                Some(explanation) => {
                    let _ = writeln!(
                        out,
                        "\tWhy: {}\n\tFix: {}",
                        explanation.why, explanation.fix
                    );
                }
                None => {
                    if let Some(guideline) = check.guideline() {
                        let _ = writeln!(out, "\tGuide: {guideline}");
                    }
                }
            }
            if !options.compact {
                out.push('\n');
                for (line, text) in finding.code.iter() {
                    let _ = writeln!(out, "\t\t{line:>4} | {text}");
                }
            }
        }
    }
    out
}
