//! The command line's flags: read by the core's [`command_line`], which the npm package's
//! command uses too, so that both accept the same flags and say the same things.

use tfscan_core::command_line::{self, UsageError};

pub use tfscan_core::command_line::{Command, CommandLine as Arguments, Target, HELP};

/// Reads the flags (without the program's name).
pub fn parse(raw: impl Iterator<Item = String>) -> Result<Arguments, UsageError> {
    command_line::parse(raw)
}
