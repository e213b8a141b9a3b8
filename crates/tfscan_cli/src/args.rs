//! The command line's flags: read by the core's [`command_line`], which the npm package's
//! command uses too, so that both accept the same flags and say the same things.

use tfscan_core::command_line::{self, UsageError};

pub use tfscan_core::command_line::{Command, CommandLine as Arguments, Target, HELP};

/// Reads the flags (without the program's name) and the configuration files they lead to
/// (`--config-file`, `.checkov.yml` / `.checkov.yaml` in the first `-d` folder).
pub fn parse(raw: &[String]) -> Result<Arguments, UsageError> {
    command_line::parse_with_config(raw, &mut read_if_present)
}

/// A file's text, or None when there is no such file.
fn read_if_present(path: &str) -> Result<Option<String>, String> {
    match std::fs::read_to_string(path) {
        Ok(text) => Ok(Some(text)),
        // `-d main.tf` looks for `main.tf/.checkov.yml`: not there, and the scan then says
        // that a file was given as a folder.
        Err(error)
            if matches!(
                error.kind(),
                std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
            ) =>
        {
            Ok(None)
        }
        Err(error) => {
            let what = tfscan_core::reading::Reading::File;
            Err(crate::files::problem_of(&error, what).describe(what))
        }
    }
}
