//! A Markdown report a team can keep in its repository: when and with what it was made, the
//! overall results, the failed checks by file, the findings grouped by check with their fix,
//! and the skipped checks with their reasons. Everything taken from the scanned files is
//! escaped, so a file's text never becomes markup.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::json::{display_path, VERSION};
use super::{escape_markdown, Options};
use crate::check::CheckRef;
use crate::report::{Finding, Outcome, Report};

/// Renders the report as a Markdown document.
pub fn render(report: &Report, options: &Options<'_>) -> String {
    let mut out = String::from("# Terraform scan report\n\n");
    match options.date {
        Some(date) => {
            out.push_str("Scanned on ");
            escape_markdown(&mut out, date);
            let _ = writeln!(out, " with tfscan {VERSION}.\n");
        }
        None => {
            let _ = writeln!(out, "Scanned with tfscan {VERSION}.\n");
        }
    }

    write_summary(&mut out, report);
    let failed: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|finding| finding.outcome == Outcome::Failed)
        .collect();
    write_failed_by_file(&mut out, &failed);
    write_by_check(&mut out, &failed, options);
    if !options.quiet {
        write_skipped(&mut out, report);
        write_unknown(&mut out, report);
    }
    write_problems(&mut out, report);
    out
}

fn write_summary(out: &mut String, report: &Report) {
    let summary = report.summary();
    out.push_str("## Results\n\n");
    out.push_str("| Passed | Failed | Skipped | Unknown | Resources | Pass rate |\n");
    out.push_str("|---:|---:|---:|---:|---:|---:|\n");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n",
        summary.passed,
        summary.failed,
        summary.skipped,
        summary.unknown,
        summary.resource_count,
        summary.pass_rate_text()
    );
}

fn write_failed_by_file(out: &mut String, failed: &[&Finding]) {
    out.push_str("## Failed checks by file\n\n");
    if failed.is_empty() {
        out.push_str("No check failed.\n\n");
        return;
    }
    out.push_str("| File | Lines | Resource | Check | Severity |\n");
    out.push_str("|---|---|---|---|---|\n");
    // Findings are sorted by file and lines already.
    for finding in failed {
        out.push_str("| ");
        escape_markdown(out, &display_path(&finding.file_path));
        let _ = write!(out, " | {}-{} | ", finding.lines.first, finding.lines.last);
        escape_markdown(out, &finding.resource);
        let _ = writeln!(
            out,
            " | {} | {} |",
            finding.check.id(),
            finding
                .check
                .severity()
                .map_or("-", |severity| severity.as_str())
        );
    }
    out.push('\n');
}

fn write_by_check(out: &mut String, failed: &[&Finding], options: &Options<'_>) {
    let mut by_check: BTreeMap<&str, (&CheckRef, Vec<&Finding>)> = BTreeMap::new();
    for finding in failed {
        by_check
            .entry(finding.check.id())
            .or_insert_with(|| (&finding.check, Vec::new()))
            .1
            .push(finding);
    }
    if by_check.is_empty() {
        return;
    }
    out.push_str("## Findings by check\n");
    for (check, findings) in by_check.values() {
        let _ = write!(out, "\n### {}: ", check.id());
        escape_markdown(out, check.name());
        match check.explanation() {
            Some(explanation) => {
                let _ = writeln!(
                    out,
                    "\n\nSeverity: {}. {}\n\n**Why:** {}\n\n**Fix:** {}\n",
                    check.severity_name(),
                    explanation.what,
                    explanation.why,
                    explanation.fix
                );
                if !options.compact && !explanation.fixed.is_empty() {
                    let _ = writeln!(out, "```hcl\n{}\n```\n", explanation.fixed.trim_end());
                }
            }
            None => {
                // A custom policy: its severity and guideline, when it gives them.
                out.push_str("\n\n");
                if let Some(severity) = check.severity() {
                    let _ = write!(out, "Severity: {}. ", severity.as_str());
                }
                out.push_str("Custom policy.");
                if let Some(guideline) = check.guideline() {
                    out.push_str(" Guideline: ");
                    escape_markdown(out, guideline);
                }
                out.push_str("\n\n");
            }
        }
        out.push_str("Failed on:\n\n");
        for finding in findings {
            out.push_str("- ");
            escape_markdown(out, &finding.resource);
            out.push_str(" in ");
            escape_markdown(out, &display_path(&finding.file_path));
            let _ = writeln!(
                out,
                ", lines {}-{}",
                finding.lines.first, finding.lines.last
            );
        }
    }
    out.push('\n');
}

fn write_skipped(out: &mut String, report: &Report) {
    let skipped: Vec<(&Finding, &str)> = report
        .findings
        .iter()
        .filter_map(|finding| match &finding.outcome {
            Outcome::Skipped { reason } => Some((finding, reason.as_str())),
            _ => None,
        })
        .collect();
    if skipped.is_empty() {
        return;
    }
    out.push_str("## Skipped checks\n\n| Check | Resource | File | Reason |\n|---|---|---|---|\n");
    for (finding, reason) in skipped {
        let _ = write!(out, "| {} | ", finding.check.id());
        escape_markdown(out, &finding.resource);
        out.push_str(" | ");
        escape_markdown(out, &display_path(&finding.file_path));
        out.push_str(" | ");
        if reason.is_empty() {
            out.push_str("(no reason given)");
        } else {
            escape_markdown(out, reason);
        }
        out.push_str(" |\n");
    }
    out.push('\n');
}

fn write_unknown(out: &mut String, report: &Report) {
    let unknown: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|finding| finding.outcome == Outcome::Unknown)
        .collect();
    if unknown.is_empty() {
        return;
    }
    out.push_str(
        "## Not decided\n\nThese checks need a value that cannot be known before `terraform \
         apply` (an unset variable, a remote module's output).\n\n| Check | Resource | File |\n\
         |---|---|---|\n",
    );
    for finding in unknown {
        let _ = write!(out, "| {} | ", finding.check.id());
        escape_markdown(out, &finding.resource);
        out.push_str(" | ");
        escape_markdown(out, &display_path(&finding.file_path));
        out.push_str(" |\n");
    }
    out.push('\n');
}

fn write_problems(out: &mut String, report: &Report) {
    if !report.parsing_errors.is_empty() {
        out.push_str("## Files that could not be parsed\n\n");
        for error in &report.parsing_errors {
            out.push_str("- ");
            escape_markdown(out, &alloc::format!("{error}"));
            out.push('\n');
        }
        out.push('\n');
    }
    if !report.suppression_notes.is_empty() {
        out.push_str(
            "## Suppressions to review\n\n| File | Line | Check | Problem |\n|---|---|---|---|\n",
        );
        for note in &report.suppression_notes {
            out.push_str("| ");
            escape_markdown(out, &display_path(&note.file_path));
            let _ = write!(out, " | {} | ", note.line);
            escape_markdown(out, &note.check);
            let _ = writeln!(out, " | {} |", note.problem.as_str());
        }
        out.push('\n');
    }
    if !report.unscanned_modules.is_empty() {
        out.push_str("## Modules not scanned\n\n");
        for module in &report.unscanned_modules {
            out.push_str("- ");
            escape_markdown(out, &module.address);
            out.push_str(" (source ");
            escape_markdown(out, &module.source);
            out.push_str("): ");
            escape_markdown(out, &module.reason);
            out.push('\n');
        }
        out.push('\n');
    }
}
