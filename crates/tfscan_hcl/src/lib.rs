//! Terraform files parsed into tfscan's model ([`tfscan_core::syntax`]), and the whole scan of a
//! set of files. Parsing covers the native syntax (`.tf`, `.tfvars`) through hcl-edit, and
//! Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) through a small reader of our own that
//! keeps line numbers.
//!
//! Every block and attribute carries its lines: from the line of its first token to the line
//! of its last (a block's closing brace), as Checkov reports them. A file that cannot be read
//! gives a [`ParseError`] with the line, the column and what was expected; no input panics.

mod delimiters;
mod errors;
mod expr;
mod json;
mod json_reader;
mod lines;
mod native;
mod nesting;
mod repeated_keys;
mod template;
mod workspace;

use tfscan_core::report::SkippedFile;
use tfscan_core::syntax::{Expr, FileKind, TemplatePart};
use tfscan_core::{Limits, ParseError, Report, ScanOptions, SourceFile};

use crate::errors::error_at;
use crate::lines::LineIndex;

pub use crate::workspace::Workspace;

/// The deepest bracket nesting (`(`, `[`, `{`, and `${` in strings) a text may have by
/// default ([`Limits::max_nesting`]). The parser recurses, so deeper input is refused with an
/// error before it is parsed.
pub const MAX_NESTING: usize = tfscan_core::limits::DEFAULT_MAX_NESTING;

/// One file handed to a scan: its path relative to the scanned folder, and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct InputFile<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// True for the files a Terraform scan reads: `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`.
pub fn is_terraform_file(path: &str) -> bool {
    [".tf", ".tf.json", ".tfvars", ".tfvars.json"]
        .iter()
        .any(|suffix| path.ends_with(suffix))
}

/// Parses and scans a set of files: what every host calls. Files that are not Terraform,
/// files past the limits of [`ScanOptions::limits`], files under a skip path
/// ([`ScanOptions::skip_paths`]) and files that do not parse are skipped
/// (the report says which and why; the ones that do not parse are parsing errors too), and the
/// rest is scanned. The order of `inputs` does not matter, except for which files are past the
/// file-count limit.
pub fn scan(inputs: &[InputFile<'_>], options: &ScanOptions) -> Report {
    let limits = &options.limits;
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut skipped = Vec::new();
    let mut terraform_files = 0usize;
    let mut seen = std::collections::BTreeSet::new();
    let mut installed_modules = Vec::new();
    for input in inputs {
        let skip = |reason: String| SkippedFile {
            path: input.path.to_owned(),
            reason,
        };
        if is_module_manifest(input.path) {
            let text = String::from_utf8_lossy(input.bytes);
            match tfscan_core::engine::read_module_manifest(input.path, &text) {
                Ok(modules) => installed_modules.extend(modules),
                Err(message) => {
                    let error = ParseError {
                        path: input.path.to_owned(),
                        line: 1,
                        column: 1,
                        message,
                    };
                    skipped.push(did_not_parse(&error));
                    errors.push(error);
                }
            }
            continue;
        }
        if !is_terraform_file(input.path) {
            skipped.push(not_terraform(input.path));
            continue;
        }
        if !seen.insert(input.path) {
            skipped.push(skip("given twice: the first copy is scanned".to_owned()));
            continue;
        }
        terraform_files += 1;
        if terraform_files > limits.max_files {
            skipped.push(skip(format!(
                "more than {} files in one scan (--limit max-files)",
                limits.max_files
            )));
            continue;
        }
        match parse_file_with(input.path, input.bytes, limits) {
            Ok(file) => files.push(file),
            Err(error) => {
                skipped.push(did_not_parse(&error));
                errors.push(error);
            }
        }
    }
    // The same files in any order make the same report: they are scanned sorted by path.
    files.sort_by(|a, b| a.path.cmp(&b.path));
    sort_skipped(&mut errors, &mut skipped);
    let mut report = if installed_modules.is_empty() {
        tfscan_core::scan(&files, errors, options)
    } else {
        let mut options = options.clone();
        options.installed_modules.extend(installed_modules);
        tfscan_core::scan(&files, errors, &options)
    };
    report.files_read = inputs.len();
    add_skipped(&mut report, skipped);
    report
}

/// True for the manifest of the modules `terraform init` installed, which a host passes with
/// the files of those modules to have remote module calls followed into them.
pub fn is_module_manifest(path: &str) -> bool {
    let manifest = tfscan_core::engine::MODULE_MANIFEST;
    path == manifest
        || path
            .strip_suffix(manifest)
            .is_some_and(|folder| folder.ends_with('/'))
}

/// Adds the files skipped before the scan to those the scan left out (under a skip path), in
/// the order reports list them. A file the scan left out is not also listed as one that did
/// not parse: it was never to be read.
pub(crate) fn add_skipped(report: &mut Report, mut skipped: Vec<SkippedFile>) {
    let left_out: std::collections::BTreeSet<String> = report
        .skipped_files
        .iter()
        .map(|file| file.path.clone())
        .collect();
    skipped.retain(|file| !left_out.contains(&file.path));
    report.skipped_files.extend(skipped);
    report
        .skipped_files
        .sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
}

/// A file skipped because its name is not a Terraform file's.
pub(crate) fn not_terraform(path: &str) -> SkippedFile {
    SkippedFile {
        path: path.to_owned(),
        reason: "not a Terraform file (.tf, .tf.json, .tfvars, .tfvars.json)".to_owned(),
    }
}

/// A file skipped because it did not parse.
pub(crate) fn did_not_parse(error: &ParseError) -> SkippedFile {
    SkippedFile {
        path: error.path.clone(),
        reason: format!(
            "parsing error at line {}, column {}: {}",
            error.line, error.column, error.message
        ),
    }
}

/// Parsing errors and skipped files in the order reports list them, whatever the files' order.
pub(crate) fn sort_skipped(errors: &mut [ParseError], skipped: &mut [SkippedFile]) {
    errors.sort_by(|a, b| (&a.path, a.line, a.column).cmp(&(&b.path, b.line, b.column)));
    skipped.sort_by(|a, b| (&a.path, &a.reason).cmp(&(&b.path, &b.reason)));
}

/// Parses one file; its name decides how: `*.tf.json` and `*.tfvars.json` are Terraform's JSON
/// syntax, `*.tfvars` and `*.tfvars.json` hold variable values (top-level attributes only), and
/// every other name (`*.tf` above all) is a configuration file in the native syntax.
// Terraform itself reads only lowercase extensions (`main.TF` is not a configuration file).
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub fn parse_file(path: &str, bytes: &[u8]) -> Result<SourceFile, ParseError> {
    parse_file_with(path, bytes, &Limits::default())
}

/// [`parse_file`] within `limits` (file size and nesting).
#[allow(clippy::case_sensitive_file_extension_comparisons)] // as in parse_file
pub fn parse_file_with(
    path: &str,
    bytes: &[u8],
    limits: &Limits,
) -> Result<SourceFile, ParseError> {
    if bytes.len() > limits.max_file_bytes {
        return Err(ParseError {
            path: path.to_owned(),
            line: 1,
            column: 1,
            message: format!(
                "the file is {} bytes, more than the limit of {} (--limit max-file-bytes); \
                 it is not read",
                bytes.len(),
                limits.max_file_bytes
            ),
        });
    }
    let text = decode(path, bytes)?;
    let kind = if path.ends_with(".tfvars") || path.ends_with(".tfvars.json") {
        FileKind::VariableValues
    } else {
        FileKind::Configuration
    };
    let body = if path.ends_with(".json") {
        json::parse_body(path, &text, kind, limits.max_nesting)?
    } else {
        native::parse_body(path, &text, kind, limits.max_nesting)?
    };
    Ok(SourceFile {
        path: path.to_owned(),
        kind,
        body,
        text,
    })
}

/// Parses one expression in the native syntax, as `terraform console` reads it. Errors name
/// the path `<expression>`.
pub fn parse_expression(text: &str) -> Result<Expr, ParseError> {
    native::parse_expression("<expression>", text, MAX_NESTING)
}

/// Parses a template (the contents of a file given to `templatefile`): literal text with
/// `${...}` interpolations and `%{...}` directives. Errors name the path `<template>`.
pub fn parse_template(text: &str) -> Result<Vec<TemplatePart>, ParseError> {
    native::parse_template("<template>", text, MAX_NESTING)
}

/// The file's text: UTF-8 without its byte order mark. A NUL byte means a binary file.
fn decode(path: &str, bytes: &[u8]) -> Result<String, ParseError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);

    if let Some(nul) = bytes.iter().position(|&byte| byte == 0) {
        let readable = String::from_utf8_lossy(bytes.get(..nul).unwrap_or_default());
        return Err(error_at(
            path,
            &LineIndex::new(&readable),
            readable.len(),
            "binary file, not Terraform (it holds a NUL byte)",
        ));
    }

    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_owned()),
        Err(error) => {
            let valid = bytes.get(..error.valid_up_to()).unwrap_or_default();
            let valid = std::str::from_utf8(valid).unwrap_or_default();
            Err(error_at(
                path,
                &LineIndex::new(valid),
                valid.len(),
                "file is not UTF-8 text (save it as UTF-8)",
            ))
        }
    }
}
