//! The JavaScript API: `scan`, `scanToText`, `listChecks`, `version` and `isTerraformFile`, and
//! the npm package's command line (in `command_line`).
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
use tfscan_core::check::{Check, EntityKind};
use tfscan_core::render::{self, Format};
use tfscan_core::{Report, ScanOptions};
use tfscan_hcl::InputFile;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

mod command_line;
mod types;

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
    let report = run(files, &options)?;
    let today = options.today();
    let json = render::render(&report, Format::Json, &options.render(&today));
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
    let format = match options.output.as_deref() {
        None => Format::Cli,
        Some(name) => Format::from_name(name).ok_or_else(|| {
            let names: Vec<String> = Format::ALL
                .iter()
                .map(|format| format!("{:?}", format.name()))
                .collect();
            JsError::new(&format!(
                "options.output: unknown format {name:?}; use one of {}",
                names.join(", ")
            ))
        })?,
    };
    let report = run(files, &options)?;
    let today = options.today();
    let text = TextReport {
        output: render::render(&report, format, &options.render(&today)),
        summary: SummaryCounts::of(&report),
        notices: tfscan_core::command_line::notices(&report, &options.scan()),
    };
    to_js(&text)
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

/// Reads the files and runs the scan: one scan per file set when `files` is an array of them
/// (several scanned folders), combined into one report as the command line combines `-d a -d b`.
fn run(files: &JsValue, options: &HostOptions) -> Result<Report, JsError> {
    let scan_options = options.scan();
    let several = js_sys::Array::is_array(files);
    let targets: Vec<JsValue> = if several {
        js_sys::Array::from(files).iter().collect()
    } else {
        vec![files.clone()]
    };

    let mut report = Report::default();
    for (index, target) in targets.iter().enumerate() {
        let name = if several {
            format!("files[{index}]")
        } else {
            String::from("files")
        };
        let files = read_files(target, &name)?;
        // The command line refuses a --var-file it cannot read; a path missing here is the
        // same mistake, and ignoring it would scan with the variables unset.
        for path in &scan_options.var_files {
            if !files.iter().any(|(file, _)| file == path) {
                return Err(JsError::new(&format!(
                    "options.varFile: {path:?} is not among the files given in {name}"
                )));
            }
        }
        let inputs: Vec<InputFile<'_>> = files
            .iter()
            .map(|(path, bytes)| InputFile { path, bytes })
            .collect();
        report.merge(tfscan_hcl::scan(&inputs, &scan_options));
    }
    Ok(report)
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
#[derive(Debug, Default)]
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
}

/// The option names, as JavaScript spells them.
const OPTION_NAMES: &str = "check, skipCheck, varFile, unresolvedNullVariables, \
                            ignoreInlineSkips, compact, quiet, output, today";

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
            match name.as_str() {
                "check" => parsed.check = option_value(&name, value)?,
                "skipCheck" => parsed.skip_check = option_value(&name, value)?,
                "varFile" => parsed.var_file = option_value(&name, value)?,
                "unresolvedNullVariables" => {
                    parsed.unresolved_null_variables = option_value(&name, value)?;
                }
                "compact" => parsed.compact = option_value(&name, value)?,
                "quiet" => parsed.quiet = option_value(&name, value)?,
                "output" => parsed.output = option_value(&name, value)?,
                "ignoreInlineSkips" => parsed.ignore_inline_skips = option_value(&name, value)?,
                "today" => parsed.today = option_value(&name, value)?,
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
        }
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
#[derive(Debug, Default)]
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
#[derive(Debug, Default)]
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
struct TextReport {
    output: String,
    summary: SummaryCounts,
    notices: Vec<String>,
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
