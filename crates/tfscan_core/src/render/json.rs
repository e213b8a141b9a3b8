//! Checkov's JSON report shape (`checkov -o json` for the terraform framework), so that CI
//! scripts and dashboards that read Checkov's output read ours unchanged.
//!
//! Fields Checkov fills from its platform (bc_check_id, bc_category, benchmarks, ...) are
//! written as null or empty, as Checkov's open-source edition writes them. As in Checkov,
//! `results.parsing_errors` lists the paths of the files that did not parse and
//! `summary.parsing_errors` counts them. tfscan adds `results.unknown_checks`,
//! `summary.unknown`, `parsing_error_details` (the file, line, column and message of each
//! parsing error), `skipped_files`, `limits_reached`, `unscanned_modules`,
//! `suppression_notes` (skips naming an unknown check or silencing nothing), `not_created`
//! (blocks whose `count` or `for_each` creates nothing) and, when a custom policy could not be
//! read, `custom_policy_problems`, which Checkov has not.

use alloc::string::String;

use super::writer::JsonWriter;
use super::Options;
use crate::report::{Finding, Outcome, Report};

/// The version written in `summary.tfscan_version`.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Renders the report as Checkov-shaped, indented JSON.
pub fn render(report: &Report, options: &Options) -> String {
    let mut text = String::new();
    write(report, options, &mut |piece| text.push_str(piece));
    text
}

/// [`render`], handing the text to `sink` in pieces as it is written.
pub fn write(report: &Report, options: &Options, sink: &mut dyn FnMut(&str)) {
    let mut json = JsonWriter::new(true);
    json.item().begin_object();
    json.key("check_type").string("terraform");

    json.key("results").begin_object();
    for (name, wanted) in [
        ("passed_checks", "PASSED"),
        ("failed_checks", "FAILED"),
        ("skipped_checks", "SKIPPED"),
        ("unknown_checks", "UNKNOWN"),
    ] {
        json.key(name).begin_array();
        if !(options.quiet && wanted != "FAILED") {
            for finding in report
                .findings
                .iter()
                .filter(|f| f.outcome.as_str() == wanted)
            {
                write_finding(&mut json, finding, *options);
                json.flush_if_large(sink);
            }
        }
        json.end_array();
    }
    // Checkov's shape: the path of each file that did not parse, once, absolute where the
    // host knows it. What went wrong where is in `parsing_error_details`.
    json.key("parsing_errors").begin_array();
    for error in report.files_not_parsed() {
        json.item().string(&error.absolute_path());
    }
    json.end_array();
    json.end_object();

    let summary = report.summary();
    json.key("summary").begin_object();
    json.key("passed").unsigned(summary.passed);
    json.key("failed").unsigned(summary.failed);
    json.key("skipped").unsigned(summary.skipped);
    json.key("parsing_errors").unsigned(summary.parsing_errors);
    json.key("resource_count").unsigned(summary.resource_count);
    json.key("unknown").unsigned(summary.unknown);
    json.key("files_read").unsigned(report.files_read);
    json.key("files_scanned").unsigned(report.files_scanned);
    json.key("files_skipped")
        .unsigned(report.skipped_files.len());
    json.key("tfscan_version").string(VERSION);
    json.end_object();

    json.key("parsing_error_details").begin_array();
    for error in &report.parsing_errors {
        json.item().begin_object();
        json.key("file_path").string(&display_path(&error.path));
        json.key("file_abs_path").string(&error.absolute_path());
        json.key("line").unsigned(error.line as usize);
        json.key("column").unsigned(error.column as usize);
        json.key("message").string(&error.message);
        json.end_object();
    }
    json.end_array();

    json.key("skipped_files").begin_array();
    for file in &report.skipped_files {
        json.item().begin_object();
        json.key("file_path").string(&display_path(&file.path));
        json.key("reason").string(&file.reason);
        json.end_object();
    }
    json.end_array();

    json.key("limits_reached").begin_array();
    for note in &report.limit_notes {
        json.item().begin_object();
        json.key("file_path").string(&display_path(&note.file_path));
        json.key("line").unsigned(note.line as usize);
        json.key("message").string(&note.message);
        json.end_object();
    }
    json.end_array();

    json.key("unscanned_modules").begin_array();
    for module in &report.unscanned_modules {
        json.item().begin_object();
        json.key("module").string(&module.address);
        json.key("source").string(&module.source);
        json.key("file_path")
            .string(&display_path(&module.file_path));
        json.key("file_line_range")
            .line_range(module.lines.first, module.lines.last);
        json.key("reason").string(&module.reason);
        json.end_object();
    }
    json.end_array();

    json.key("suppression_notes").begin_array();
    for note in &report.suppression_notes {
        json.item().begin_object();
        json.key("file_path").string(&display_path(&note.file_path));
        json.key("line").unsigned(note.line as usize);
        json.key("check").string(&note.check);
        json.key("problem").string(note.problem.name());
        json.end_object();
    }
    json.end_array();

    json.key("not_created").begin_array();
    for block in &report.not_created {
        json.item().begin_object();
        json.key("resource").string(&block.address);
        json.key("file_path")
            .string(&display_path(&block.file_path));
        json.key("file_line_range")
            .line_range(block.lines.first, block.lines.last);
        json.key("reason").string("count is 0 or for_each is empty");
        json.end_object();
    }
    json.end_array();

    // Only when there are some, so that reports without custom policies keep their shape.
    if !report.policy_problems.is_empty() {
        json.key("custom_policy_problems").begin_array();
        for problem in &report.policy_problems {
            json.item().begin_object();
            json.key("file_path").string(&problem.path);
            json.key("line").unsigned(problem.line as usize);
            json.key("column").unsigned(problem.column as usize);
            json.key("message").string(&problem.message);
            json.end_object();
        }
        json.end_array();
    }

    json.end_object();
    sink(&json.finish());
}

fn write_finding(json: &mut JsonWriter, finding: &Finding, options: Options) {
    let check = &finding.check;
    let path = display_path(&finding.file_path);
    json.item().begin_object();
    json.key("check_id").string(check.id());
    json.key("bc_check_id").null();
    json.key("check_name").string(check.name());

    json.key("check_result").begin_object();
    json.key("result").string(finding.outcome.as_str());
    if let Outcome::Skipped { reason } = &finding.outcome {
        json.key("suppress_comment").string(reason);
    }
    json.key("evaluated_keys").begin_array();
    json.end_array();
    json.end_object();

    json.key("code_block");
    if options.compact || finding.code.is_empty() {
        json.null();
    } else {
        json.begin_array();
        for (line, text) in finding.code.iter() {
            json.item().begin_array();
            json.item().unsigned(*line as usize);
            let mut with_newline = text.clone();
            with_newline.push('\n');
            json.item().string(&with_newline);
            json.end_array();
        }
        json.end_array();
    }
    json.key("file_path").string(&path);
    // Where the host named the scanned folder: the file's absolute path, and its path from
    // where the scan ran (Checkov's repository path); else both relative to the folder.
    let absolute = crate::report::absolute_or_given(finding.root.as_deref(), &finding.file_path);
    json.key("file_abs_path").string(&absolute);
    match &finding.root {
        Some(root) => json
            .key("repo_file_path")
            .string(&display_path(&root.relative_path(&finding.file_path))),
        None => json.key("repo_file_path").string(&path),
    }
    json.key("file_line_range")
        .line_range(finding.lines.first, finding.lines.last);
    json.key("resource").string(&finding.resource);
    json.key("evaluations").null();
    json.key("check_class").string("tfscan");
    json.key("fixed_definition").null();
    json.key("entity_tags").null();
    match &finding.caller {
        Some(caller) => {
            json.key("caller_file_path")
                .string(&display_path(&caller.file_path));
            json.key("caller_file_line_range")
                .line_range(caller.lines.first, caller.lines.last);
        }
        None => {
            json.key("caller_file_path").null();
            json.key("caller_file_line_range").null();
        }
    }
    json.key("resource_address").null();
    match check.severity() {
        Some(severity) => json.key("severity").string(severity.as_str()),
        None => json.key("severity").null(),
    }
    json.key("bc_category").null();
    json.key("benchmarks").null();
    match check.explanation() {
        Some(explanation) => json.key("description").string(explanation.what),
        None => json.key("description").null(),
    }
    json.key("short_description").null();
    json.key("vulnerability_details").null();
    json.key("connected_node").null();
    match check.guideline() {
        Some(guideline) => json.key("guideline").string(guideline),
        None => json.key("guideline").null(),
    }
    json.key("details").begin_array();
    if let Some(because) = &finding.unknown_because {
        json.item().string(because);
    }
    json.end_array();
    json.key("check_len").null();
    json.key("definition_context_file_path").string(&absolute);
    json.end_object();
}

/// Checkov's form of a path relative to the scanned folder: with a leading `/`.
pub fn display_path(path: &str) -> String {
    if path.starts_with('/') {
        String::from(path)
    } else {
        let mut shown = String::with_capacity(path.len() + 1);
        shown.push('/');
        shown.push_str(path.strip_prefix("./").unwrap_or(path));
        shown
    }
}
