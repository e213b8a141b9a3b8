//! Terraform files parsed into tfscan's model ([`tfscan_core::syntax`]), and the whole scan of a
//! set of files. Parsing covers the native syntax (`.tf`, `.tfvars`) through hcl-edit, and
//! Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) through a small reader of our own that
//! keeps line numbers.
//!
//! Every block and attribute carries its lines: from the line of its first token to the line
//! of its last (a block's closing brace), as Checkov reports them. A file that cannot be read
//! gives a [`ParseError`] with the line, the column and what was expected; no input panics.

mod errors;
mod expr;
mod json;
mod json_reader;
mod lines;
mod native;
mod nesting;
mod repeated_keys;
mod template;

use tfscan_core::syntax::{Expr, FileKind, TemplatePart};
use tfscan_core::{ParseError, Report, ScanOptions, SourceFile};

use crate::errors::error_at;
use crate::lines::LineIndex;

/// The deepest bracket nesting (`(`, `[`, `{`, and `${` in strings) a text may have. The
/// parser recurses, so deeper input is refused with an error before it is parsed.
pub const MAX_NESTING: usize = 128;

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

/// Parses and scans a set of files: what every host calls. Files that are not Terraform are
/// ignored; files that do not parse become parsing errors and the rest is still scanned.
pub fn scan(inputs: &[InputFile<'_>], options: &ScanOptions) -> Report {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for input in inputs.iter().filter(|input| is_terraform_file(input.path)) {
        match parse_file(input.path, input.bytes) {
            Ok(file) => files.push(file),
            Err(error) => errors.push(error),
        }
    }
    let mut report = tfscan_core::scan(&files, errors, options);
    report.files_read = inputs.len();
    report.files_scanned = files.len();
    report
}

/// Parses one file; its name decides how: `*.tf.json` and `*.tfvars.json` are Terraform's JSON
/// syntax, `*.tfvars` and `*.tfvars.json` hold variable values (top-level attributes only), and
/// every other name (`*.tf` above all) is a configuration file in the native syntax.
// Terraform itself reads only lowercase extensions (`main.TF` is not a configuration file).
#[allow(clippy::case_sensitive_file_extension_comparisons)]
pub fn parse_file(path: &str, bytes: &[u8]) -> Result<SourceFile, ParseError> {
    let text = decode(path, bytes)?;
    let kind = if path.ends_with(".tfvars") || path.ends_with(".tfvars.json") {
        FileKind::VariableValues
    } else {
        FileKind::Configuration
    };
    let body = if path.ends_with(".json") {
        json::parse_body(path, &text, kind)?
    } else {
        native::parse_body(path, &text, kind)?
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
    native::parse_expression("<expression>", text)
}

/// Parses a template (the contents of a file given to `templatefile`): literal text with
/// `${...}` interpolations and `%{...}` directives. Errors name the path `<template>`.
pub fn parse_template(text: &str) -> Result<Vec<TemplatePart>, ParseError> {
    native::parse_template("<template>", text)
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
