//! Parsing Terraform files into the core model, and the whole scan of a set of files.

use tfscan_core::{ParseError, Report, ScanOptions, SourceFile};

/// One file handed to a scan: its path relative to the scanned folder, and its bytes.
#[derive(Debug, Clone, Copy)]
pub struct InputFile<'a> {
    pub path: &'a str,
    pub bytes: &'a [u8],
}

/// Parses one file. Stub until the frontend lands.
pub fn parse_file(path: &str, bytes: &[u8]) -> Result<SourceFile, ParseError> {
    let _ = bytes;
    Err(ParseError { path: path.into(), line: 1, column: 1, message: "parser not built yet".into() })
}

/// True for the files a Terraform scan reads: `.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`.
pub fn is_terraform_file(path: &str) -> bool {
    [".tf", ".tf.json", ".tfvars", ".tfvars.json"].iter().any(|suffix| path.ends_with(suffix))
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
