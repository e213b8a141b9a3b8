//! The command line for JavaScript hosts: the npm package's `tfscan` command reads its flags,
//! its help and its `--list` here, from the same core code as the native command line, and
//! does only what needs Node itself (reading files, writing reports, the exit code).

use serde::Serialize;
use tfscan_core::command_line::{self, CommandLine, Target};
use tfscan_core::render::Format;
use wasm_bindgen::prelude::*;

use crate::to_js;

/// Reads the command line's flags (`process.argv.slice(2)`) into a plain description. Throws an
/// `Error` whose message is what to print after `tfscan: ` (the problem and a pointer to
/// `--help`) when the flags cannot be run.
#[wasm_bindgen(js_name = parseCommandLine, unchecked_return_type = "CommandLine")]
pub fn parse_command_line(argv: Vec<String>) -> Result<JsValue, JsError> {
    let parsed = command_line::parse(argv).map_err(|error| JsError::new(&error.to_string()))?;
    to_js(&CommandLineDescription::of(&parsed))
}

/// `tfscan --help`.
#[wasm_bindgen(js_name = helpText)]
pub fn help_text() -> String {
    String::from(command_line::HELP)
}

/// `tfscan --list`: one check a line, or with `json` a JSON array, as the command line prints it.
#[wasm_bindgen(js_name = checkListText)]
pub fn check_list_text(json: bool) -> String {
    command_line::check_list(json)
}

/// Where each of `formats` goes: `null` for the console or the path of a file, from
/// `--output-file-path` (a folder, or a comma-separated list with one entry per format).
/// Throws when a format is unknown or the list's length is not the number of formats.
#[wasm_bindgen(js_name = outputDestinations, unchecked_return_type = "(string | null)[]")]
#[allow(
    clippy::needless_pass_by_value,
    reason = "wasm-bindgen hands arrays and strings from JavaScript over as owned values"
)]
pub fn output_destinations(
    formats: Vec<String>,
    output_file_path: Option<String>,
) -> Result<JsValue, JsError> {
    let formats = formats
        .iter()
        .map(|name| {
            Format::from_name(name)
                .ok_or_else(|| JsError::new(&format!("unknown output format {name:?}")))
        })
        .collect::<Result<Vec<_>, _>>()?;
    let destinations = command_line::destinations(&formats, output_file_path.as_deref())
        .map_err(|message| JsError::new(&message))?;
    to_js(&destinations)
}

/// The parsed command line as JavaScript sees it; the scan options carry the names that
/// `scanToText`'s options use.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each bool is one independent switch of the command line"
)]
struct CommandLineDescription {
    command: &'static str,
    targets: Vec<TargetDescription>,
    formats: Vec<&'static str>,
    output_file_path: Option<String>,
    check: Vec<String>,
    skip_check: Vec<String>,
    var_file: Vec<String>,
    unresolved_null_variables: bool,
    ignore_inline_skips: bool,
    soft_fail: bool,
    compact: bool,
    quiet: bool,
}

/// `{ directory: "..." }` for `-d`, `{ file: "..." }` for `-f`.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
enum TargetDescription {
    Directory(String),
    File(String),
}

impl CommandLineDescription {
    fn of(parsed: &CommandLine) -> Self {
        Self {
            command: parsed.command.name(),
            targets: parsed
                .targets
                .iter()
                .map(|target| match target {
                    Target::Directory(path) => TargetDescription::Directory(path.clone()),
                    Target::File(path) => TargetDescription::File(path.clone()),
                })
                .collect(),
            formats: parsed.formats.iter().map(|format| format.name()).collect(),
            output_file_path: parsed.output_file_path.clone(),
            check: parsed.scan_options.checks.clone(),
            skip_check: parsed.scan_options.skip_checks.clone(),
            var_file: parsed.var_files.clone(),
            unresolved_null_variables: parsed.scan_options.null_variables_unknown,
            ignore_inline_skips: parsed.scan_options.ignore_inline_suppressions,
            soft_fail: parsed.soft_fail,
            compact: parsed.compact,
            quiet: parsed.quiet,
        }
    }
}
