//! SARIF 2.1.0, the format code-scanning services read (GitHub, GitLab, Azure DevOps).
//!
//! One run, tool `tfscan`. Its rules are the checks that have a result, by ID, each with its
//! help text (why it matters and how to fix it). Results are the failed findings (kind
//! `fail`, level from the severity: CRITICAL and HIGH are `error`, MEDIUM `warning`, LOW
//! `note`), the skipped ones (also `fail`, with an in-source suppression carrying the skip's
//! reason, so that viewers show them as suppressed) and the unknown ones (kind `review`, level
//! `none`: a person has to look). Passed findings are left out, as Checkov leaves them out.
//! Files that did not parse are tool notifications of the invocation.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use super::json::VERSION;
use super::writer::JsonWriter;
use super::Options;
use crate::check::{CheckRef, Severity};
use crate::report::{Finding, Outcome, Report, Root};
use crate::syntax::LineRange;

const SCHEMA: &str =
    "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json";
const INFORMATION_URI: &str = "https://www.checkov.io/5.Policy%20Index/terraform.html";

/// Renders the report as an indented SARIF 2.1.0 log.
pub fn render(report: &Report, options: &Options<'_>) -> String {
    let results: Vec<&Finding> = report
        .findings
        .iter()
        .filter(|finding| match finding.outcome {
            Outcome::Failed => true,
            Outcome::Skipped { .. } | Outcome::Unknown => !options.quiet,
            Outcome::Passed => false,
        })
        .collect();
    let mut rules: BTreeMap<&str, &CheckRef> = BTreeMap::new();
    for finding in &results {
        rules.insert(finding.check.id(), &finding.check);
    }
    let rule_index: BTreeMap<&str, usize> = rules
        .keys()
        .enumerate()
        .map(|(index, id)| (*id, index))
        .collect();

    let mut json = JsonWriter::new(true);
    json.item().begin_object();
    json.key("$schema").string(SCHEMA);
    json.key("version").string("2.1.0");
    json.key("runs").begin_array();
    json.item().begin_object();

    json.key("tool").begin_object();
    json.key("driver").begin_object();
    json.key("name").string("tfscan");
    json.key("version").string(VERSION);
    json.key("informationUri").string(INFORMATION_URI);
    json.key("rules").begin_array();
    for check in rules.values() {
        write_rule(&mut json, check);
    }
    json.end_array();
    json.end_object();
    json.end_object();

    json.key("invocations").begin_array();
    json.item().begin_object();
    json.key("executionSuccessful").boolean(true);
    json.key("toolExecutionNotifications").begin_array();
    for error in &report.parsing_errors {
        json.item().begin_object();
        json.key("level").string("error");
        json.key("message").begin_object();
        json.key("text").string(&error.message);
        json.end_object();
        json.key("locations").begin_array();
        write_location(
            &mut json,
            &artifact_path(error.root.as_deref(), &error.path),
            LineRange::new(error.line, error.line),
            None,
        );
        json.end_array();
        json.end_object();
    }
    json.end_array();
    json.end_object();
    json.end_array();

    json.key("results").begin_array();
    for finding in results {
        let index = rule_index.get(finding.check.id()).copied().unwrap_or(0);
        write_result(&mut json, finding, index, options);
    }
    json.end_array();

    json.end_object();
    json.end_array();
    json.end_object();
    json.finish()
}

fn write_rule(json: &mut JsonWriter, check: &CheckRef) {
    json.item().begin_object();
    json.key("id").string(check.id());
    json.key("name").string(check.id());
    json.key("shortDescription").begin_object();
    json.key("text").string(check.name());
    json.end_object();
    let Some(explanation) = check.explanation() else {
        // A custom policy: its name, its guideline when it gives one, its severity.
        if let Some(guideline) = check.guideline() {
            json.key("helpUri").string(guideline);
        }
        json.key("defaultConfiguration").begin_object();
        json.key("level").string(level(check.severity()));
        json.end_object();
        json.key("properties").begin_object();
        if let Some(severity) = check.severity() {
            json.key("severity").string(severity.as_str());
        }
        json.key("tags").begin_array();
        json.item().string("terraform");
        json.item().string("custom");
        json.end_array();
        json.end_object();
        json.end_object();
        return;
    };
    json.key("fullDescription").begin_object();
    json.key("text").string(explanation.what);
    json.end_object();
    json.key("help").begin_object();
    json.key("text").string(&alloc::format!(
        "{}\nWhy: {}\nFix: {}",
        explanation.what,
        explanation.why,
        explanation.fix
    ));
    let mut markdown = alloc::format!(
        "{}\n\n**Why:** {}\n\n**Fix:** {}\n",
        explanation.what,
        explanation.why,
        explanation.fix
    );
    if !explanation.fixed.is_empty() {
        let _ = write!(
            markdown,
            "\n```hcl\n{}\n```\n",
            explanation.fixed.trim_end()
        );
    }
    json.key("markdown").string(&markdown);
    json.end_object();
    if let Some(guideline) = check.guideline() {
        json.key("helpUri").string(guideline);
    }
    json.key("defaultConfiguration").begin_object();
    json.key("level").string(level(check.severity()));
    json.end_object();
    json.key("properties").begin_object();
    json.key("severity").string(check.severity_name());
    json.key("tags").begin_array();
    json.item().string("terraform");
    json.item().string("security");
    json.end_array();
    json.end_object();
    json.end_object();
}

fn write_result(json: &mut JsonWriter, finding: &Finding, rule_index: usize, options: &Options) {
    let check = &finding.check;
    json.item().begin_object();
    json.key("ruleId").string(check.id());
    json.key("ruleIndex").unsigned(rule_index);
    let (kind, level) = match finding.outcome {
        Outcome::Unknown => ("review", "none"),
        _ => ("fail", level(check.severity())),
    };
    json.key("kind").string(kind);
    json.key("level").string(level);
    json.key("message").begin_object();
    let message = match finding.outcome {
        Outcome::Unknown => alloc::format!(
            "{} ({}): cannot be decided statically for {}. {}",
            check.name(),
            check.id(),
            finding.resource,
            finding.unknown_because.as_deref().unwrap_or_default()
        ),
        _ => alloc::format!("{} ({}): {}", check.name(), check.id(), finding.resource),
    };
    json.key("text").string(&message);
    json.end_object();
    json.key("locations").begin_array();
    let snippet = (!options.compact && !finding.code.is_empty()).then(|| {
        let mut text = String::new();
        for (_, line) in finding.code.iter() {
            text.push_str(line);
            text.push('\n');
        }
        text
    });
    let path = artifact_path(finding.root.as_deref(), &finding.file_path);
    write_location(json, &path, finding.lines, snippet.as_deref());
    json.end_array();
    if let Outcome::Skipped { reason } = &finding.outcome {
        json.key("suppressions").begin_array();
        json.item().begin_object();
        json.key("kind").string("inSource");
        json.key("justification").string(reason);
        json.end_object();
        json.end_array();
    }
    json.key("partialFingerprints").begin_object();
    json.key("tfscan/v1").string(&alloc::format!(
        "{}|{}|{}",
        check.id(),
        finding.resource,
        finding.file_path
    ));
    json.end_object();
    json.end_object();
}

/// One location: the file relative to the scanned folder, and its lines (at least line 1, as
/// SARIF requires).
/// A file's path as locations give it: from where the scan ran, when the host named the
/// scanned folder, so that code scanning finds the file from the repository's root (a
/// `file://` URI when that path is absolute); else as the host named the file.
fn artifact_path(root: Option<&Root>, path: &str) -> String {
    match root {
        Some(root) => {
            let shown = root.relative_path(path);
            if shown.starts_with('/') {
                alloc::format!("file://{shown}")
            } else {
                shown
            }
        }
        None => String::from(path),
    }
}

fn write_location(json: &mut JsonWriter, path: &str, lines: LineRange, snippet: Option<&str>) {
    let first = lines.first.max(1);
    let last = lines.last.max(first);
    json.item().begin_object();
    json.key("physicalLocation").begin_object();
    json.key("artifactLocation").begin_object();
    json.key("uri").string(&relative_uri(path));
    json.end_object();
    json.key("region").begin_object();
    json.key("startLine").unsigned(first as usize);
    json.key("endLine").unsigned(last as usize);
    if let Some(snippet) = snippet {
        json.key("snippet").begin_object();
        json.key("text").string(snippet);
        json.end_object();
    }
    json.end_object();
    json.end_object();
    json.end_object();
}

/// SARIF's level for a severity (a custom policy without one is a warning).
fn level(severity: Option<Severity>) -> &'static str {
    match severity {
        Some(Severity::Critical | Severity::High) => "error",
        Some(Severity::Medium) | None => "warning",
        Some(Severity::Low | Severity::Info) => "note",
    }
}

/// A path as a relative URI reference: no leading `./` or `/`, every byte that is not
/// unreserved (or a `/` between segments) percent-encoded.
fn relative_uri(path: &str) -> String {
    if let Some(absolute) = path.strip_prefix("file://") {
        return alloc::format!("file:///{}", relative_uri(absolute));
    }
    let trimmed = path.strip_prefix("./").unwrap_or(path);
    let trimmed = trimmed.trim_start_matches('/');
    let mut uri = String::with_capacity(trimmed.len());
    for byte in trimmed.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(byte));
        } else {
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_become_relative_uris() {
        assert_eq!(relative_uri("./a b/main.tf"), "a%20b/main.tf");
        assert_eq!(relative_uri("../modules/x/main.tf"), "../modules/x/main.tf");
        assert_eq!(relative_uri("/abs/é.tf"), "abs/%C3%A9.tf");
    }
}
