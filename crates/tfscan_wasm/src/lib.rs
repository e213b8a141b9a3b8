//! The JavaScript API: `scan`, `scanToText`, `listChecks`, `version`, `isTerraformFile`,
//! `formatNames`, the `Workspace` class (in `workspace`) and the npm package's command line (in
//! `command_line`). The npm package wraps them (pkg/lib/api.js).
//!
//! Everything crosses the boundary as plain JavaScript values: files come in as an object or
//! a `Map` from path to text (or bytes), reports go out as plain objects. Nothing returned
//! holds Rust memory that JavaScript would have to free. Every failure is a JavaScript `Error`
//! whose message says what to change.
//!
//! A report is rendered once, by the core's JSON renderer, and handed to `JSON.parse`: the
//! object JavaScript receives is then exactly the command line's `-o json` output (same keys,
//! same order, same numbers), and one string crossing the boundary is much cheaper than
//! building thousands of small objects field by field.

use serde::de::{self, Deserializer, SeqAccess, Visitor};
use serde::{Deserialize, Serialize};
use tfscan_core::baseline::Baseline;
use tfscan_core::check::{Check, EntityKind};
use tfscan_core::gate::Gates;
use tfscan_core::render::{self, Format};
use tfscan_core::{Report, ScanOptions};
use tfscan_hcl::InputFile;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod command_line;
mod types;
mod workspace;

pub use crate::workspace::Workspace;

/// Makes a panic readable in the console (it is a bug: input never panics on purpose).
#[wasm_bindgen(start, skip_typescript)]
fn start() {
    console_error_panic_hook::set_once();
}

/// tfscan's version, e.g. `0.1.0`.
#[wasm_bindgen]
pub fn version() -> String {
    String::from(render::json::VERSION)
}

/// True for the files a scan reads (`.tf`, `.tf.json`, `.tfvars`, `.tfvars.json`); hosts use
/// it to skip reading anything else.
#[wasm_bindgen(js_name = isTerraformFile)]
pub fn is_terraform_file(path: &str) -> bool {
    tfscan_hcl::is_terraform_file(path)
}

/// Scans `files` and returns the report as the command line's `-o json` prints it, as plain
/// objects. An array of file sets is several scanned folders, combined into one report.
#[wasm_bindgen(unchecked_return_type = "Report")]
pub fn scan(
    #[wasm_bindgen(unchecked_param_type = "Files | Files[]")] files: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ScanOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let options = HostOptions::from_js(options)?;
    let scanned = run(files, &options)?;
    let today = scanned.options.today();
    let json = render::render(
        &scanned.report,
        Format::Json,
        &scanned.options.render(&today),
    );
    js_sys::JSON::parse(&json).map_err(|_| JsError::new("tfscan produced JSON it cannot parse"))
}

/// Scans `files` (as `scan` does) and returns the report rendered as text in `options.output`
/// (`"cli"`, the default, or any other `-o` format: byte for byte what the command line
/// prints), with its summary.
#[wasm_bindgen(js_name = scanToText, unchecked_return_type = "TextReport")]
pub fn scan_to_text(
    #[wasm_bindgen(unchecked_param_type = "Files | Files[]")] files: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "TextOptions")] options: Option<JsValue>,
) -> Result<JsValue, JsError> {
    let options = HostOptions::from_js(options)?;
    let scanned = run(files, &options)?;
    let options = scanned.options;
    let report = scanned.report;
    let format = match options.output.as_deref() {
        None => Format::Cli,
        Some(name) => {
            Format::from_name(name).ok_or_else(|| unknown_format("options.output", name))?
        }
    };
    let today = options.today();
    let mut notices = scanned.notices;
    notices.extend(tfscan_core::skip_path::SkipPaths::new(&options.skip_path.0).notices());
    notices.extend(tfscan_core::command_line::notices(
        &report,
        &options.scan(),
        &options.gates(),
    ));
    if let Some(path) = &options.baseline {
        notices.push(tfscan_core::command_line::baseline_used_notice(path));
    }
    let text = TextReport {
        output: render::render(&report, format, &options.render(&today)),
        summary: SummaryCounts::of(&report),
        notices,
        exit_code: options.gates().exit_code(&report),
    };
    to_js(&text)
}

/// Scans `files` (as `scan` does) and returns today's failures as a baseline file's text
/// (`.checkov.baseline`, Checkov's shape): a later scan with this text as `options.baseline`
/// reports only new failures.
#[wasm_bindgen(js_name = createBaseline)]
pub fn create_baseline(
    #[wasm_bindgen(unchecked_param_type = "Files | Files[]")] files: &JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "ScanOptions")] options: Option<JsValue>,
) -> Result<String, JsError> {
    let options = HostOptions::from_js(options)?;
    let scanned = run(files, &options)?;
    Ok(tfscan_core::baseline::create(&scanned.report))
}

/// The report formats, by the names `-o` takes: `render` and `scanToText` accept these.
#[wasm_bindgen(js_name = formatNames, unchecked_return_type = "OutputFormat[]")]
pub fn format_names() -> Vec<String> {
    Format::ALL
        .iter()
        .map(|format| String::from(format.name()))
        .collect()
}

/// The report format called `name` (an `-o` value).
fn format_named(name: &str) -> Result<Format, JsError> {
    Format::from_name(name).ok_or_else(|| unknown_format("format", name))
}

fn unknown_format(what: &str, name: &str) -> JsError {
    let names: Vec<String> = Format::ALL
        .iter()
        .map(|format| format!("{:?}", format.name()))
        .collect();
    JsError::new(&format!(
        "{what}: unknown format {name:?}; use one of {}",
        names.join(", ")
    ))
}

/// Every check tfscan runs, with its metadata and explanation.
#[wasm_bindgen(js_name = listChecks, unchecked_return_type = "CheckInfo[]")]
pub fn list_checks() -> Result<JsValue, JsError> {
    let checks: Vec<CheckInfo> = tfscan_core::checks::all()
        .into_iter()
        .map(CheckInfo::of)
        .collect();
    to_js(&checks)
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(JsError::from)
}

/// A scan's report, the options it ran with (the caller's, completed by the configuration
/// file), and what the configuration file's keys left to say.
struct Scanned {
    report: Report,
    options: HostOptions,
    notices: Vec<String>,
}

/// Reads the files and runs the scan: one scan per file set when `files` is an array of them
/// (several scanned folders), combined into one report as the command line combines `-d a -d b`.
/// A `.checkov.yml` / `.checkov.yaml` among the (first set's) files, and `options.config`,
/// set the options the caller left out; `options.baseline` narrows the report.
fn run(files: &JsValue, options: &HostOptions) -> Result<Scanned, JsError> {
    let several = js_sys::Array::is_array(files);
    let targets: Vec<JsValue> = if several {
        js_sys::Array::from(files).iter().collect()
    } else {
        vec![files.clone()]
    };
    let mut sets = Vec::with_capacity(targets.len());
    for (index, target) in targets.iter().enumerate() {
        let name = if several {
            format!("files[{index}]")
        } else {
            String::from("files")
        };
        let files = read_files(target, &name)?;
        sets.push((name, files));
    }

    let (options, notices) =
        options.with_config(sets.first().map(|(_, files)| files.as_slice()))?;
    let baseline = match &options.baseline {
        None => None,
        Some(path) => {
            let text = sets
                .iter()
                .flat_map(|(_, files)| files.iter())
                .find(|(file, _)| file == path)
                .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned())
                .ok_or_else(|| {
                    JsError::new(&format!(
                        "options.baseline: {path:?} is not among the files given"
                    ))
                })?;
            Some(Baseline::parse(path, &text).map_err(|message| JsError::new(&message))?)
        }
    };

    let scan_options = options.scan();
    let mut report = Report::default();
    for (index, (name, files)) in sets.iter().enumerate() {
        // The command line refuses a --var-file it cannot read; a path missing here is the
        // same mistake, and ignoring it would scan with the variables unset.
        for path in &scan_options.var_files {
            if !files.iter().any(|(file, _)| file == path) {
                return Err(JsError::new(&format!(
                    "options.varFile: {path:?} is not among the files given in {name}"
                )));
            }
        }
        // Configuration and baseline files are read above, not scanned (the command line
        // never loads them among the Terraform).
        let inputs: Vec<InputFile<'_>> = files
            .iter()
            .filter(|(path, _)| {
                !tfscan_core::config::is_config_file(path)
                    && options.baseline.as_deref() != Some(path.as_str())
            })
            .map(|(path, bytes)| InputFile { path, bytes })
            .collect();
        let root = options.root(index);
        let mut scanned = tfscan_hcl::scan(
            &inputs,
            &ScanOptions {
                scanned_folder: root.clone(),
                ..scan_options.clone()
            },
        );
        if let Some(root) = &root {
            scanned.set_root(root);
        }
        if let Some(baseline) = &baseline {
            baseline.apply(&mut scanned, options.output_baseline_as_skipped);
        }
        report.merge(scanned);
    }
    report
        .policy_problems
        .clone_from(&options.custom_policies.problems);
    Ok(Scanned {
        report,
        options,
        notices,
    })
}

/// One set of files, from a plain object or a `Map`, path to text (a string) or raw bytes (a
/// `Uint8Array`, so that a file that is not UTF-8 is reported as the command line reports it),
/// in the order given. `name` is how error messages call it.
fn read_files(files: &JsValue, name: &str) -> Result<Vec<(String, Vec<u8>)>, JsError> {
    let entries: js_sys::Array = if let Some(map) = files.dyn_ref::<js_sys::Map>() {
        js_sys::Array::from(&map.entries())
    } else if files.is_object() && !js_sys::Array::is_array(files) {
        js_sys::Object::entries(files.unchecked_ref())
    } else {
        return Err(JsError::new(&format!(
            "{name}: expected an object or a Map from path to file text, got {}",
            describe(files)
        )));
    };

    let mut read = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let key = entry.get(0);
        let Some(path) = key.as_string() else {
            return Err(JsError::new(&format!(
                "{name}: every key must be a file path (a string), got {}",
                describe(&key)
            )));
        };
        let content = entry.get(1);
        let bytes = if let Some(text) = content.as_string() {
            text.into_bytes()
        } else if let Some(array) = content.dyn_ref::<js_sys::Uint8Array>() {
            array.to_vec()
        } else {
            return Err(JsError::new(&format!(
                "{name}[{path:?}]: expected the file's text (a string) or bytes (a Uint8Array), \
                 got {}",
                describe(&content)
            )));
        };
        read.push((path, bytes));
    }
    Ok(read)
}

/// `customPolicies`: an object or a `Map` from a policy file's path to its text.
fn read_policy_texts(value: &JsValue) -> Result<Vec<(String, String)>, JsError> {
    let entries: js_sys::Array = if let Some(map) = value.dyn_ref::<js_sys::Map>() {
        js_sys::Array::from(&map.entries())
    } else if value.is_object() && !js_sys::Array::is_array(value) {
        js_sys::Object::entries(value.unchecked_ref())
    } else {
        return Err(JsError::new(&format!(
            "options.customPolicies: expected an object or a Map from a policy file's path to \
             its text, got {}",
            describe(value)
        )));
    };
    let mut texts = Vec::with_capacity(entries.length() as usize);
    for entry in entries.iter() {
        let entry: js_sys::Array = entry.unchecked_into();
        let path = entry.get(0).as_string().unwrap_or_default();
        let Some(text) = entry.get(1).as_string() else {
            return Err(JsError::new(&format!(
                "options.customPolicies[{path:?}]: expected the policy's text (a string), got {}",
                describe(&entry.get(1))
            )));
        };
        texts.push((path, text));
    }
    Ok(texts)
}

/// A short description of a JavaScript value's type for error messages.
fn describe(value: &JsValue) -> String {
    if value.is_null() {
        String::from("null")
    } else if js_sys::Array::is_array(value) {
        String::from("an array")
    } else {
        value
            .js_typeof()
            .as_string()
            .unwrap_or_else(|| String::from("a value of unknown type"))
    }
}

/// The options every entry point accepts. An unknown key is an error, so that a typo such as
/// `skipChecks` never silently runs every check.
#[derive(Debug, Default, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each bool is one independent option, as the command line's switches are"
)]
struct HostOptions {
    /// `--check`: only these check IDs.
    check: CheckIds,
    /// `--skip-check`: never these check IDs.
    skip_check: CheckIds,
    /// `--var-file`: paths (keys of `files`) of extra variable files, applied in order.
    var_file: Paths,
    /// `--skip-path`: regular expressions; files whose path they match are not scanned.
    skip_path: Paths,
    /// `--unresolved-null-variables`: variables whose value is null are unknown, as in Checkov.
    unresolved_null_variables: bool,
    /// `--compact`: no code blocks.
    compact: bool,
    /// `--quiet`: failed checks only.
    quiet: bool,
    /// `-o`: the text format of `scanToText`.
    output: Option<String>,
    /// `--ignore-inline-skips`: no suppression comment is applied.
    ignore_inline_skips: bool,
    /// Today as `YYYY-MM-DD` (by default the JavaScript clock's date in UTC): suppression
    /// comments expire by it, and the Markdown report shows it.
    today: Option<String>,
    /// `--limit NAME=VALUE`: `limits: { maxFiles: 10, ... }`, camelCase names.
    limits: tfscan_core::Limits,
    /// `--soft-fail`: failures do not fail the run (`exitCode` 0), unless named hard.
    soft_fail: bool,
    /// `--soft-fail-on`: check IDs, wildcards and severities whose failures do not fail the run.
    soft_fail_on: CheckIds,
    /// `--hard-fail-on`: check IDs, wildcards and severities whose failures fail the run.
    hard_fail_on: CheckIds,
    /// `--baseline`: the key of `files` holding a baseline file; only new failures are reported.
    baseline: Option<String>,
    /// `--output-baseline-as-skipped`: failures the baseline holds are reported as skipped.
    output_baseline_as_skipped: bool,
    /// The text of a `.checkov.yaml`, above one among the files.
    config: Option<String>,
    /// The scanned folders, one per file set, as the command line was given them: reports
    /// then name files from where the scan ran (`infra/main.tf`) and absolutely.
    roots: Vec<String>,
    /// Where the scan ran, as an absolute path (with `roots`).
    cwd: Option<String>,
    /// The options the caller gave (by JavaScript name): a configuration file sets only the
    /// others, as the command line's flags override a configuration file.
    given: Vec<String>,
    /// `--external-checks-dir`: the custom policies of `customPolicies` (path to text), read,
    /// with the problems met reading them.
    custom_policies: tfscan_core::custom::Policies,
}

/// The option names, as JavaScript spells them.
const OPTION_NAMES: &str = "check, skipCheck, skipPath, varFile, unresolvedNullVariables, \
                            ignoreInlineSkips, compact, quiet, output, today, softFail, \
                            softFailOn, hardFailOn, baseline, outputBaselineAsSkipped, config, limits, \
                            roots, cwd, customPolicies";

impl HostOptions {
    fn from_js(options: Option<JsValue>) -> Result<Self, JsError> {
        let mut parsed = Self::default();
        let Some(options) = options.filter(|options| !options.is_null()) else {
            return Ok(parsed);
        };
        if !options.is_object() || js_sys::Array::is_array(&options) {
            return Err(JsError::new(&format!(
                "options: expected an object such as {{ check: [\"CKV_AWS_7\"] }}, got {}",
                describe(&options)
            )));
        }

        for entry in js_sys::Object::entries(options.unchecked_ref()).iter() {
            let entry: js_sys::Array = entry.unchecked_into();
            let name = entry.get(0).as_string().unwrap_or_default();
            let value = entry.get(1);
            if value.is_undefined() {
                continue;
            }
            parsed.given.push(name.clone());
            match name.as_str() {
                "check" => parsed.check = option_value(&name, value)?,
                "skipCheck" => parsed.skip_check = option_value(&name, value)?,
                "varFile" => parsed.var_file = option_value(&name, value)?,
                "skipPath" => parsed.skip_path = option_value(&name, value)?,
                "unresolvedNullVariables" => {
                    parsed.unresolved_null_variables = option_value(&name, value)?;
                }
                "compact" => parsed.compact = option_value(&name, value)?,
                "quiet" => parsed.quiet = option_value(&name, value)?,
                "output" => parsed.output = option_value(&name, value)?,
                "ignoreInlineSkips" => parsed.ignore_inline_skips = option_value(&name, value)?,
                "today" => parsed.today = option_value(&name, value)?,
                "limits" => {
                    let limits: std::collections::BTreeMap<String, f64> =
                        option_value(&name, value)?;
                    for (limit, value) in limits {
                        set_limit(&mut parsed.limits, &limit, value)?;
                    }
                }
                "softFail" => parsed.soft_fail = option_value(&name, value)?,
                "softFailOn" => parsed.soft_fail_on = option_value(&name, value)?,
                "hardFailOn" => parsed.hard_fail_on = option_value(&name, value)?,
                "baseline" => parsed.baseline = option_value(&name, value)?,
                "outputBaselineAsSkipped" => {
                    parsed.output_baseline_as_skipped = option_value(&name, value)?;
                }
                "config" => parsed.config = option_value(&name, value)?,
                "roots" => parsed.roots = option_value(&name, value)?,
                "customPolicies" => {
                    let texts = read_policy_texts(&value)?;
                    parsed.custom_policies = tfscan_core::custom::load(&texts);
                }
                "cwd" => parsed.cwd = option_value(&name, value)?,
                _ => {
                    return Err(JsError::new(&format!(
                        "options.{name}: unknown option; the options are {OPTION_NAMES}"
                    )))
                }
            }
        }
        if let Some(today) = parsed.today.as_deref().filter(|today| !is_date(today)) {
            return Err(JsError::new(&format!(
                "options.today: expected a date as YYYY-MM-DD, got {today:?}"
            )));
        }
        Ok(parsed)
    }

    fn scan(&self) -> ScanOptions {
        ScanOptions {
            checks: self.check.0.clone(),
            skip_checks: self.skip_check.0.clone(),
            var_files: self.var_file.0.clone(),
            null_variables_unknown: self.unresolved_null_variables,
            today: Some(self.today()),
            ignore_inline_suppressions: self.ignore_inline_skips,
            limits: self.limits,
            // Read from a `.terraform/modules/modules.json` among the files, if given.
            installed_modules: Vec::new(),
            skip_paths: self.skip_path.0.clone(),
            scanned_folder: self.root(0),
            policies: self.custom_policies.policies.clone(),
        }
    }

    /// The scanned folder of file set `index`, as `roots` and `cwd` name it.
    fn root(&self, index: usize) -> Option<tfscan_core::report::Root> {
        let relative = self.roots.get(index)?;
        let absolute = self.cwd.as_deref().map(|cwd| {
            if relative.starts_with('/') {
                relative.clone()
            } else {
                format!("{cwd}/{relative}")
            }
        });
        Some(tfscan_core::report::Root {
            relative: relative.clone(),
            absolute,
        })
    }

    fn gates(&self) -> Gates {
        Gates {
            soft_fail: self.soft_fail,
            soft_fail_on: self.soft_fail_on.0.clone(),
            hard_fail_on: self.hard_fail_on.0.clone(),
        }
    }

    /// These options completed by the configuration files: `options.config`, then
    /// `.checkov.yml` and `.checkov.yaml` among `files` (the first file set), each setting
    /// only what the caller and the files before it left out; and the notices about keys
    /// they ignored.
    fn with_config(
        &self,
        files: Option<&[(String, Vec<u8>)]>,
    ) -> Result<(HostOptions, Vec<String>), JsError> {
        let mut sources: Vec<(String, String)> = Vec::new();
        if let Some(text) = &self.config {
            sources.push((String::from("options.config"), text.clone()));
        }
        for name in tfscan_core::config::FILE_NAMES.iter().rev() {
            let found = files
                .unwrap_or_default()
                .iter()
                .find(|(path, _)| path == name || path.strip_prefix("./") == Some(name));
            if let Some((path, bytes)) = found {
                sources.push((path.clone(), String::from_utf8_lossy(bytes).into_owned()));
            }
        }
        let mut options = self.clone();
        if sources.is_empty() {
            return Ok((options, Vec::new()));
        }
        let (config, set, mut notices) = tfscan_core::command_line::from_config_files(&sources)
            .map_err(|error| JsError::new(&error.message))?;
        let given = |name: &str| self.given.iter().any(|given| given == name);
        for flag in set {
            match flag {
                "--check" if !given("check") => {
                    options.check = CheckIds(config.scan_options.checks.clone());
                }
                "--skip-check" if !given("skipCheck") => {
                    options.skip_check = CheckIds(config.scan_options.skip_checks.clone());
                }
                "--var-file" if !given("varFile") => {
                    options.var_file = Paths(config.var_files.clone());
                }
                "--skip-path" if !given("skipPath") => {
                    options.skip_path = Paths(config.scan_options.skip_paths.clone());
                }
                "--soft-fail" if !given("softFail") => options.soft_fail = config.gates.soft_fail,
                "--soft-fail-on" if !given("softFailOn") => {
                    options.soft_fail_on = CheckIds(config.gates.soft_fail_on.clone());
                }
                "--hard-fail-on" if !given("hardFailOn") => {
                    options.hard_fail_on = CheckIds(config.gates.hard_fail_on.clone());
                }
                "--compact" if !given("compact") => options.compact = config.compact,
                "--quiet" if !given("quiet") => options.quiet = config.quiet,
                // `scanToText` renders one format: the file's first.
                "--output" if !given("output") => {
                    options.output = config
                        .formats
                        .first()
                        .map(|format| String::from(format.name()));
                }
                "--ignore-inline-skips" if !given("ignoreInlineSkips") => {
                    options.ignore_inline_skips = config.scan_options.ignore_inline_suppressions;
                }
                "--unresolved-null-variables" if !given("unresolvedNullVariables") => {
                    options.unresolved_null_variables = config.scan_options.null_variables_unknown;
                }
                "--output-baseline-as-skipped" if !given("outputBaselineAsSkipped") => {
                    options.output_baseline_as_skipped = config.output_baseline_as_skipped;
                }
                "--directory"
                | "--file"
                | "--output-file-path"
                | "--baseline"
                | "--create-baseline"
                | "--list"
                | "--external-checks-dir" => notices.push(format!(
                    "configuration: {} applies to the command line only; ignored here",
                    flag.trim_start_matches('-')
                )),
                _ => {}
            }
        }
        Ok((options, notices))
    }

    /// `options.today`, or the JavaScript clock's date.
    fn today(&self) -> String {
        self.today.clone().unwrap_or_else(today)
    }

    fn render<'a>(&self, today: &'a str) -> render::Options<'a> {
        render::Options {
            compact: self.compact,
            quiet: self.quiet,
            date: Some(today),
        }
    }
}

/// `limits: { maxFiles: 10 }`: sets one limit, or an error naming it, and for an unknown one
/// listing the limits by their JavaScript names.
fn set_limit(limits: &mut tfscan_core::Limits, name: &str, value: f64) -> Result<(), JsError> {
    let names = &tfscan_core::limits::LIMIT_NAMES;
    // The command line's names (`max-files`) are taken too, as they always were.
    if !names
        .iter()
        .any(|limit| limit.camel_case == name || limit.name == name)
    {
        let known: Vec<&str> = names.iter().map(|limit| limit.camel_case).collect();
        return Err(JsError::new(&format!(
            "options.limits.{name}: unknown limit; the limits are {}",
            known.join(", ")
        )));
    }
    let whole = value >= 1.0 && value.fract() == 0.0 && value <= 2f64.powi(53);
    if !whole {
        return Err(JsError::new(&format!(
            "options.limits.{name}: expected a whole number of at least 1, got {value}"
        )));
    }
    limits
        .set(name, value as u64)
        .map_err(|error| JsError::new(&format!("options.limits.{name}: {error}")))
}

/// Today's date in UTC as `YYYY-MM-DD`, from the JavaScript clock: the expiry dates of
/// `tfsec:ignore` / `trivy:ignore` comments are compared with it.
fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_utc_full_year(),
        now.get_utc_month() + 1,
        now.get_utc_date()
    )
}

/// True for `YYYY-MM-DD`: four digits, a dash, two digits, a dash, two digits.
fn is_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| {
            if index == 4 || index == 7 {
                *byte == b'-'
            } else {
                byte.is_ascii_digit()
            }
        })
}

/// One option's value, or an error that names the option.
fn option_value<T: de::DeserializeOwned>(name: &str, value: JsValue) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value).map_err(|error| {
        let error = JsValue::from(error);
        let message = error.dyn_ref::<js_sys::Error>().map_or_else(
            || String::from("invalid value"),
            |error| String::from(error.message()),
        );
        JsError::new(&format!("options.{name}: {message}"))
    })
}

/// Check IDs given as an array of strings or as one string, comma-separated as on the command
/// line (`"CKV_AWS_7,CKV_AWS_20"`).
#[derive(Debug, Default, Clone)]
struct CheckIds(Vec<String>);

impl<'de> Deserialize<'de> for CheckIds {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let items = deserializer.deserialize_any(StringsVisitor { what: "check IDs" })?;
        let ids = items.iter().flat_map(|item| item.split(',')).map(str::trim);
        Ok(Self(
            ids.filter(|id| !id.is_empty()).map(String::from).collect(),
        ))
    }
}

/// File paths given as an array of strings or as one string.
#[derive(Debug, Default, Clone)]
struct Paths(Vec<String>);

impl<'de> Deserialize<'de> for Paths {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer
            .deserialize_any(StringsVisitor { what: "file paths" })
            .map(Self)
    }
}

/// Reads one string or an array of strings.
struct StringsVisitor {
    what: &'static str,
}

impl<'de> Visitor<'de> for StringsVisitor {
    type Value = Vec<String>;

    fn expecting(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            formatter,
            "{}, as a string or an array of strings",
            self.what
        )
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<Vec<String>, E> {
        Ok(vec![String::from(text)])
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Vec<String>, A::Error> {
        let mut strings = Vec::new();
        while let Some(item) = items.next_element::<String>()? {
            strings.push(item);
        }
        Ok(strings)
    }
}

/// `scanToText`'s answer: the rendered report and the counts a host needs for its exit code.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct TextReport {
    output: String,
    summary: SummaryCounts,
    notices: Vec<String>,
    /// The command line's exit code for this report: 1 when a failure fails the run under
    /// `softFail`, `softFailOn` and `hardFailOn`, else 0.
    exit_code: u8,
}

/// The report's summary, named as in the JSON report's `summary`.
#[derive(Serialize)]
struct SummaryCounts {
    passed: usize,
    failed: usize,
    skipped: usize,
    unknown: usize,
    parsing_errors: usize,
    resource_count: usize,
}

impl SummaryCounts {
    fn of(report: &Report) -> Self {
        let summary = report.summary();
        Self {
            passed: summary.passed,
            failed: summary.failed,
            skipped: summary.skipped,
            unknown: summary.unknown,
            parsing_errors: summary.parsing_errors,
            resource_count: summary.resource_count,
        }
    }
}

/// One check as `listChecks` describes it.
#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct CheckInfo {
    id: &'static str,
    name: &'static str,
    kind: &'static str,
    resource_types: &'static [&'static str],
    severity: &'static str,
    guideline: &'static str,
    explanation: ExplanationInfo,
}

#[derive(Serialize)]
struct ExplanationInfo {
    what: &'static str,
    why: &'static str,
    fix: &'static str,
    fixed: &'static str,
}

impl CheckInfo {
    fn of(check: &'static Check) -> Self {
        Self {
            id: check.id,
            name: check.name,
            kind: match check.kind {
                EntityKind::Resource => "resource",
                EntityKind::Data => "data",
                EntityKind::Provider => "provider",
            },
            resource_types: check.resource_types,
            severity: check.severity.as_str(),
            guideline: check.guideline(),
            explanation: ExplanationInfo {
                what: check.explanation.what,
                why: check.explanation.why,
                fix: check.explanation.fix,
                fixed: check.explanation.fixed,
            },
        }
    }
}
