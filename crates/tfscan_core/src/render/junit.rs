//! JUnit XML, which CI servers (Jenkins, GitLab, Azure DevOps, CircleCI) show as test results.
//!
//! One test suite, `terraform scan`; one test case per finding, named
//! `[SEVERITY][CHECK_ID] check name` with the class name `file.resource`, as Checkov names
//! them. A failed finding holds a `failure` with the resource, file, lines, why and fix (and
//! the block's code unless `--compact`); a skipped one a `skipped` with its reason; an
//! unknown one a `skipped` of type `unknown`, since JUnit has no other word for "not
//! decided". Each file that did not parse is a test case with an `error`.

use alloc::string::{String, ToString};
use core::fmt::Write;

use super::json::{display_path, VERSION};
use super::{escape_xml, shown_findings, Options};
use crate::report::{Finding, Outcome, Report};

/// Renders the report as a JUnit XML document.
pub fn render(report: &Report, options: &Options<'_>) -> String {
    let mut tests = 0;
    let mut failures = 0;
    let mut skipped = 0;
    for finding in shown_findings(report, options) {
        tests += 1;
        match finding.outcome {
            Outcome::Failed => failures += 1,
            Outcome::Skipped { .. } | Outcome::Unknown => skipped += 1,
            Outcome::Passed => {}
        }
    }
    let errors = report.parsing_errors.len();
    tests += errors;

    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"tfscan\" tests=\"{tests}\" failures=\"{failures}\" \
         errors=\"{errors}\" time=\"0\">"
    );
    let _ = writeln!(
        out,
        "  <testsuite name=\"terraform scan\" tests=\"{tests}\" failures=\"{failures}\" \
         errors=\"{errors}\" skipped=\"{skipped}\" time=\"0\" package=\"tfscan\" \
         version=\"{VERSION}\">"
    );
    for error in &report.parsing_errors {
        out.push_str("    <testcase name=\"[PARSING ERROR] ");
        escape_xml(&mut out, &display_path(&error.path));
        out.push_str("\" classname=\"");
        escape_xml(&mut out, &display_path(&error.path));
        out.push_str("\" time=\"0\">\n      <error type=\"parsing_error\" message=\"");
        escape_xml(&mut out, &error.to_string());
        out.push_str("\"/>\n    </testcase>\n");
    }
    for finding in shown_findings(report, options) {
        write_case(&mut out, finding, options);
    }
    out.push_str("  </testsuite>\n</testsuites>\n");
    out
}

fn write_case(out: &mut String, finding: &Finding, options: &Options<'_>) {
    let check = &finding.check;
    let path = display_path(&finding.file_path);
    out.push_str("    <testcase name=\"");
    let name = match check.severity() {
        Some(severity) => {
            alloc::format!("[{}][{}] {}", severity.as_str(), check.id(), check.name())
        }
        None => alloc::format!("[{}] {}", check.id(), check.name()),
    };
    escape_xml(out, &name);
    out.push_str("\" classname=\"");
    escape_xml(out, &alloc::format!("{path}.{}", finding.resource));
    out.push_str("\" time=\"0\"");
    match &finding.outcome {
        Outcome::Passed => out.push_str("/>\n"),
        Outcome::Failed => {
            out.push_str(">\n      <failure type=\"failure\" message=\"");
            escape_xml(
                out,
                &alloc::format!("{} ({})", check.name(), finding.resource),
            );
            out.push_str("\">");
            let mut details = alloc::format!(
                "Resource: {}\nFile: {}:{}-{}\n",
                finding.resource,
                path,
                finding.lines.first,
                finding.lines.last,
            );
            if let Some(guideline) = check.guideline() {
                let _ = writeln!(details, "Guideline: {guideline}");
            }
            if let Some(explanation) = check.explanation() {
                let _ = write!(
                    details,
                    "Why: {}\nFix: {}\n",
                    explanation.why, explanation.fix
                );
            }
            if !options.compact && !finding.code.is_empty() {
                details.push('\n');
                for (line, text) in finding.code.iter() {
                    let _ = writeln!(details, "{line:>4} | {text}");
                }
            }
            escape_xml(out, &details);
            out.push_str("</failure>\n    </testcase>\n");
        }
        Outcome::Skipped { reason } => {
            out.push_str(">\n      <skipped type=\"skipped\" message=\"");
            escape_xml(out, reason);
            out.push_str("\"/>\n    </testcase>\n");
        }
        Outcome::Unknown => {
            out.push_str(
                ">\n      <skipped type=\"unknown\" message=\"the value the check needs \
                 cannot be known statically\"/>\n    </testcase>\n",
            );
        }
    }
}
