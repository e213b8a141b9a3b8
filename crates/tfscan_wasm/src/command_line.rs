//! The command line for JavaScript hosts: the npm package's `tfscan` command reads its flags,
//! its help and its `--list` here, from the same core code as the native command line, and
//! does only what needs Node itself (reading files, writing reports, the exit code).

use serde::Serialize;
use tfscan_core::command_line::{self, CommandLine, Target};
use tfscan_core::reading::{self, Problem, Reading};
use tfscan_core::render::Format;
use tfscan_core::skip_path::{self, SkipPaths};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::to_js;

/// Reads the command line's flags (`process.argv.slice(2)`) into a plain description, with
/// the configuration files they lead to (`--config-file`, `.checkov.yml` / `.checkov.yaml` in
/// the first `-d` folder) when `readFile` is given: it gets a path and returns the file's
/// text, or `null` / `undefined` when there is no such file (it may throw for a file it cannot
/// read). Throws an `Error` whose message is what to print after `tfscan: ` (the problem and a
/// pointer to `--help`) when the flags cannot be run.
#[wasm_bindgen(js_name = parseCommandLine, unchecked_return_type = "CommandLine")]
#[allow(
    clippy::needless_pass_by_value,
    reason = "wasm-bindgen hands arrays from JavaScript over as owned values"
)]
pub fn parse_command_line(
    argv: Vec<String>,
    #[wasm_bindgen(unchecked_optional_param_type = "(path: string) => string | null | undefined")]
    read_file: Option<js_sys::Function>,
) -> Result<JsValue, JsError> {
    let mut read = |path: &str| -> Result<Option<String>, String> {
        let Some(read_file) = &read_file else {
            return Ok(None);
        };
        match read_file.call1(&JsValue::NULL, &JsValue::from_str(path)) {
            Ok(text) => Ok(text.as_string()),
            Err(error) => Err(error.dyn_ref::<js_sys::Error>().map_or_else(
                || String::from("cannot be read"),
                |error| String::from(error.message()),
            )),
        }
    };
    let parsed = command_line::parse_with_config(&argv, &mut read)
        .map_err(|error| JsError::new(&error.to_string()))?;
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
    /// `--skip-path`: regular expressions; the host leaves what they match out of each `-d`
    /// folder's walk (see `SkipPathMatcher`).
    skip_path: Vec<String>,
    var_file: Vec<String>,
    /// `--download-external-modules true`: the host also reads the modules `terraform init`
    /// installed (`.terraform/modules/modules.json` and the folders it names).
    external_modules: bool,
    unresolved_null_variables: bool,
    ignore_inline_skips: bool,
    soft_fail: bool,
    soft_fail_on: Vec<String>,
    hard_fail_on: Vec<String>,
    compact: bool,
    quiet: bool,
    config_file: Option<String>,
    /// `--external-checks-dir`, as given: folders whose policy files the host reads.
    external_checks_dir: Vec<String>,
    baseline: Option<String>,
    create_baseline: bool,
    output_baseline_as_skipped: bool,
    /// Where `--create-baseline` writes each target's baseline (one entry per file, targets
    /// sharing a folder share it), with what to say once it is written.
    baseline_files: Vec<BaselineFile>,
    /// The configuration files read, highest priority first.
    config_files: Vec<String>,
    /// What to print on stderr about the configuration files.
    notices: Vec<String>,
}

/// One baseline file `--create-baseline` writes: where, for which targets (indexes into
/// `targets`), and the notice to print.
#[derive(Serialize)]
struct BaselineFile {
    path: String,
    targets: Vec<usize>,
    notice: String,
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
            skip_path: parsed.scan_options.skip_paths.clone(),
            var_file: parsed.var_files.clone(),
            external_modules: parsed.external_modules,
            unresolved_null_variables: parsed.scan_options.null_variables_unknown,
            ignore_inline_skips: parsed.scan_options.ignore_inline_suppressions,
            soft_fail: parsed.gates.soft_fail,
            soft_fail_on: parsed.gates.soft_fail_on.clone(),
            hard_fail_on: parsed.gates.hard_fail_on.clone(),
            compact: parsed.compact,
            quiet: parsed.quiet,
            config_file: parsed.config_file.clone(),
            external_checks_dir: parsed.external_checks_dirs.clone(),
            baseline: parsed.baseline.clone(),
            create_baseline: parsed.create_baseline,
            output_baseline_as_skipped: parsed.output_baseline_as_skipped,
            baseline_files: baseline_files(parsed),
            config_files: parsed.config_files.clone(),
            notices: parsed.notices.clone(),
        }
    }
}

/// The baseline files of `--create-baseline`, in path order as the native command line writes
/// them.
fn baseline_files(parsed: &CommandLine) -> Vec<BaselineFile> {
    if !parsed.create_baseline {
        return Vec::new();
    }
    let mut files: std::collections::BTreeMap<String, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (index, target) in parsed.targets.iter().enumerate() {
        files
            .entry(command_line::baseline_path(target))
            .or_default()
            .push(index);
    }
    files
        .into_iter()
        .map(|(path, targets)| BaselineFile {
            notice: command_line::baseline_created_notice(&path),
            path,
            targets,
        })
        .collect()
}

/// The message for `path` that could not be read, in the native command line's words, from a
/// Node.js file-system error's `code` and `message`; `reading` says what was read: `"folder"`,
/// `"file"`, `"scanFolder"` (`-d`) or `"scanFile"` (`-f`). For the npm package's command and
/// `readFolder`, so that their messages are the native command line's byte for byte.
#[wasm_bindgen(js_name = readErrorMessage, skip_typescript)]
pub fn read_error_message(path: &str, reading: &str, code: &str, message: &str) -> String {
    let what = Reading::named(reading).unwrap_or(Reading::File);
    reading::message(path, what, &Problem::from_node_code(code, message, what))
}

/// The problem alone, without the path (`no such file`, `permission denied`): for a
/// configuration file, whose path the core adds to the message.
#[wasm_bindgen(js_name = readProblem, skip_typescript)]
pub fn read_problem(reading: &str, code: &str, message: &str) -> String {
    let what = Reading::named(reading).unwrap_or(Reading::File);
    Problem::from_node_code(code, message, what).describe(what)
}

/// The folders (as the scan names them) of the modules that the manifest at `path`
/// (`.terraform/modules/modules.json` below a root module's folder) records; none when it does
/// not read, which the scan reports once it gets the manifest. For the npm package's command,
/// so that it reads the folders the native command line reads.
#[wasm_bindgen(js_name = installedModuleFolders, skip_typescript)]
pub fn installed_module_folders(path: &str, text: &str) -> Vec<String> {
    tfscan_core::engine::read_module_manifest(path, text)
        .map(|modules| modules.into_iter().map(|module| module.directory).collect())
        .unwrap_or_default()
}

/// `--skip-path` patterns compiled once, for a host that walks a folder and leaves out what
/// they match as it goes (the npm package's command and `readFolder`), as the native command
/// line does: see `tfscan_core::skip_path`.
#[wasm_bindgen(skip_typescript)]
pub struct SkipPathMatcher {
    paths: SkipPaths,
    prefix: String,
}

#[wasm_bindgen]
impl SkipPathMatcher {
    /// `patterns` for the walk of `folder` (as given, with `/`), whose absolute path is
    /// `absolute`.
    #[wasm_bindgen(constructor)]
    #[allow(
        clippy::needless_pass_by_value,
        reason = "wasm-bindgen hands arrays from JavaScript over as owned values"
    )]
    pub fn new(patterns: Vec<String>, folder: &str, absolute: Option<String>) -> SkipPathMatcher {
        let relative = if folder.is_empty() {
            String::from(".")
        } else {
            String::from(folder)
        };
        let root = tfscan_core::report::Root { relative, absolute };
        SkipPathMatcher {
            paths: SkipPaths::new(&patterns),
            prefix: skip_path::prefix(Some(&root)),
        }
    }

    /// True when no pattern was given.
    #[wasm_bindgen(js_name = isEmpty)]
    pub fn is_empty(&self) -> bool {
        self.paths.is_empty()
    }

    /// The pattern that leaves out the folder or file at `path` (below the walked folder, with
    /// `/`), or `undefined`.
    pub fn skipping(&self, path: &str) -> Option<String> {
        self.paths
            .skipping_entry(&format!("{}/{path}", self.prefix))
            .map(String::from)
    }
}
