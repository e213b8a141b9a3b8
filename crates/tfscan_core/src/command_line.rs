//! The command line's words, shared by every host that offers one (the native `tfscan` and the
//! npm package's `tfscan`): the flags (Checkov's names where they overlap) read into a plain
//! description, the help, where each report goes, and the `--list` output. Nothing here reads
//! a disk or a clock: the hosts read the files the description names and write what it asks.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::{self, Write as _};

use crate::check::EntityKind;
use crate::engine::ScanOptions;
use crate::gate::Gates;
use crate::render::Format;

/// `tfscan --help`.
pub const HELP: &str = "\
tfscan: a Terraform security scanner with Checkov's check IDs and verdicts

Usage: tfscan [-d DIR]... [-f FILE]... [options]

  -d, --directory DIR     scan a folder and its subfolders (repeatable)
  -f, --file FILE         scan one file (repeatable)
  -o, --output FORMAT     cli (default), json (Checkov's shape), sarif, junitxml, csv,
                          markdown or github_failed_only (repeatable)
      --output-file-path PATH
                          write the reports to files instead of the console: a folder gets
                          results_<format>.<ext> for each -o; a comma-separated list names one
                          file per -o, in order (\"console\" keeps that one on the console)
  -c, --check IDS         run only these checks (comma-separated; CKV_AWS_* wildcards; a
                          severity such as HIGH runs that severity and above)
      --skip-check IDS    do not run these checks (comma-separated; wildcards; a severity
                          such as LOW skips that severity and below)
      --var-file FILE     variable values, after terraform.tfvars and *.auto.tfvars (repeatable)
      --skip-path REGEX   do not scan the folders and files of a -d folder whose path (from
                          here, e.g. /infra/legacy) the regular expression matches; local
                          modules that scanned files call are still read (repeatable)
      --external-checks-dir DIR
                          run the custom policies (Checkov's YAML format) in the .yaml, .yml
                          and .json files of this folder and its subfolders (repeatable)
  -s, --soft-fail         exit 0 even when a check failed (unless --hard-fail-on names it)
      --soft-fail-on LIST failures that do not fail the run: check IDs, wildcards, severities
                          (LOW: LOW and below); any other failure does (comma-separated,
                          repeatable)
      --hard-fail-on LIST failures that fail the run: check IDs, wildcards, severities (HIGH:
                          HIGH and above); other failures do not (comma-separated, repeatable)
      --config-file FILE  a Checkov configuration file (YAML); without it .checkov.yml or
                          .checkov.yaml in the first -d folder is read; flags override it
      --create-baseline   write today's failures to .checkov.baseline in the scanned folder
      --baseline FILE     report only failures that this baseline file does not hold
      --output-baseline-as-skipped
                          with --baseline: report the failures it holds as skipped
      --ignore-inline-skips
                          apply no checkov:skip / tfsec:ignore / trivy:ignore comment (to audit
                          what they silence)
      --unresolved-null-variables
                          read variables whose value is null as unknown, as Checkov does
                          (by default null means \"not set\", as in Terraform)
      --compact           leave the code blocks out of the output
      --quiet             show failed checks only
      --framework NAME    accepted for Checkov compatibility; only terraform is supported
      --limit NAME=VALUE  raise a limit (repeatable): max-files, max-file-bytes, max-nesting,
                          max-evaluation-depth, max-string-bytes, max-expansion,
                          max-module-depth, max-evaluation-steps (defaults in the README)
      --list              list every check (with -o json: as JSON)
  -v, --version           print the version
  -h, --help              print this help

      --download-external-modules BOOL
                          true: follow registry, git and http module sources into the copies
                          that terraform init installed in .terraform/modules (nothing is
                          downloaded)

Accepted for Checkov command lines, and changing nothing (tfscan never connects anywhere):
  --skip-download, --skip-results-upload, --no-guide, --repo-id VALUE, --branch VALUE,
  --evaluate-variables VALUE

Exit codes: 0 nothing failed, 1 a check failed (as the --soft-fail flags decide), 2 a usage
or input error. A file that does not parse is reported under parsing errors (and on stderr) and does not change the exit code,
as in Checkov.
";

/// What the command line asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Scan,
    List,
    Help,
    Version,
}

impl Command {
    /// The command's name, as hosts outside Rust see it.
    pub fn name(self) -> &'static str {
        match self {
            Command::Scan => "scan",
            Command::List => "list",
            Command::Help => "help",
            Command::Version => "version",
        }
    }
}

/// What to scan: `-d DIR` or `-f FILE`, as given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    Directory(String),
    File(String),
}

/// The parsed command line: what to do, on which targets, and how to show it.
#[derive(Debug, Clone)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "each bool is one independent switch of the command line"
)]
pub struct CommandLine {
    pub command: Command,
    /// `-d` and `-f`, in the order given.
    pub targets: Vec<Target>,
    /// `-o`, in the order given; `cli` when none is.
    pub formats: Vec<Format>,
    /// `--output-file-path`, as given: see [`destinations`].
    pub output_file_path: Option<String>,
    /// `--check`, `--skip-check`, `--unresolved-null-variables` and `--ignore-inline-skips`;
    /// the host adds the var files' paths and today's date.
    pub scan_options: ScanOptions,
    /// `--var-file`, as given.
    pub var_files: Vec<String>,
    /// `--soft-fail`, `--soft-fail-on` and `--hard-fail-on`: which failures set the exit code.
    pub gates: Gates,
    pub compact: bool,
    pub quiet: bool,
    /// `--config-file`, as given.
    pub config_file: Option<String>,
    /// `--baseline`: report only failures that this baseline file does not hold.
    pub baseline: Option<String>,
    /// `--create-baseline`: write today's failures to `.checkov.baseline` in the scanned folder.
    pub create_baseline: bool,
    /// `--output-baseline-as-skipped`: failures the baseline holds are reported as skipped
    /// instead of left out.
    pub output_baseline_as_skipped: bool,
    /// `--download-external-modules true`: follow remote module calls into the copies
    /// `terraform init` installed; the host passes `.terraform/modules/modules.json` and the
    /// folders it names (tfscan never downloads anything).
    pub external_modules: bool,
    /// `--external-checks-dir`, as given: folders of custom policies (see [`crate::custom`]),
    /// which the host reads.
    pub external_checks_dirs: Vec<String>,
    /// The configuration files read, highest priority first (see [`parse_with_config`]).
    pub config_files: Vec<String>,
    /// What the host should say on stderr before scanning: keys of the configuration files
    /// it ignored, `--skip-path`s matched as plain text only.
    pub notices: Vec<String>,
}

/// A command line that cannot be run. It reads as the message and the hint to see the help.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UsageError {
    /// What is wrong, naming the flag: `unknown flag "--bogus"`.
    pub message: String,
}

impl fmt::Display for UsageError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            formatter,
            "{}\nRun `tfscan --help` for the flags.",
            self.message
        )
    }
}

impl From<String> for UsageError {
    fn from(message: String) -> Self {
        Self { message }
    }
}

/// Reads the flags (without the program's name); an error says which flag is wrong and why.
/// No configuration file is read: see [`parse_with_config`] for that.
///
/// # Errors
///
/// An unknown flag, a flag without its value, an unknown output format, a framework other
/// than terraform, or a scan with nothing to scan.
pub fn parse<I, S>(raw: I) -> Result<CommandLine, UsageError>
where
    I: IntoIterator<Item = S>,
    S: Into<String>,
{
    let words: Vec<String> = raw.into_iter().map(Into::into).collect();
    let (parsed, _) = parse_words(&words)?;
    finish(parsed)
}

/// Reads the flags and the configuration files they lead to, as Checkov does: the file named
/// by `--config-file`, then `.checkov.yml` and `.checkov.yaml` in the first `-d` folder. Each
/// key of a file sets its flag unless the command line (or a file read before it) already
/// sets that flag: flags override files, key by key, and a list on the command line replaces
/// the file's list. `read` is the host's way to read a file: `Ok(None)` when it does not
/// exist.
///
/// # Errors
///
/// What [`parse`] refuses; a `--config-file` that does not exist or cannot be read; a
/// configuration file that is not YAML, or whose values the flags refuse (naming the file).
pub fn parse_with_config(
    raw: &[String],
    read: &mut dyn FnMut(&str) -> Result<Option<String>, String>,
) -> Result<CommandLine, UsageError> {
    let (first, mut given) = parse_words(raw)?;
    // The help and the version never depend on a file (a broken one must not hide the help).
    if matches!(first.command, Command::Help | Command::Version) {
        return finish(first);
    }
    let mut candidates: Vec<(String, bool)> = Vec::new();
    if let Some(path) = &first.config_file {
        candidates.push((path.clone(), true));
    }
    let root = first.targets.iter().find_map(|target| match target {
        Target::Directory(directory) => Some(directory.as_str()),
        Target::File(_) => None,
    });
    if let Some(root) = root {
        for name in crate::config::FILE_NAMES.iter().rev() {
            candidates.push((join_path(root, name), false));
        }
    }

    let mut texts = Vec::new();
    for (path, explicit) in candidates {
        match read(&path) {
            Ok(Some(text)) => texts.push((path, text)),
            Ok(None) if explicit => {
                return Err(format!("--config-file {path}: no such file").into());
            }
            Ok(None) => {}
            Err(message) => return Err(format!("{path}: {message}").into()),
        }
    }
    let mut words = Vec::new();
    let mut notices = Vec::new();
    for (path, text) in &texts {
        notices.extend(config_words(path, text, &mut given, &mut words)?);
    }

    words.extend(raw.iter().cloned());
    let (mut parsed, _) = parse_words(&words)?;
    // Said before the scan, with what the files' keys left to say.
    notices.extend(crate::skip_path::SkipPaths::new(&parsed.scan_options.skip_paths).notices());
    parsed.notices = notices;
    parsed.config_files = texts.into_iter().map(|(path, _)| path).collect();
    finish(parsed)
}

/// What configuration files alone say, for hosts without a command line (the npm API): the
/// settings of `files` (name and text, highest priority first) as a command line with no
/// target, the long names of the flags they set, and the notices about keys they ignored.
///
/// # Errors
///
/// A file that is not YAML, or whose values the flags refuse (naming the file).
pub fn from_config_files(
    files: &[(String, String)],
) -> Result<(CommandLine, Vec<&'static str>, Vec<String>), UsageError> {
    let mut given = Vec::new();
    let mut words = Vec::new();
    let mut notices = Vec::new();
    for (path, text) in files {
        notices.extend(config_words(path, text, &mut given, &mut words)?);
    }
    let (mut parsed, _) = parse_words(&words)?;
    if parsed.formats.is_empty() {
        parsed.formats.push(Format::Cli);
    }
    Ok((parsed, given, notices))
}

/// Adds to `words` the settings of one configuration file whose flags are not in `given` yet,
/// marks them given, and returns the notices about the keys it ignored.
fn config_words(
    path: &str,
    text: &str,
    given: &mut Vec<&'static str>,
    words: &mut Vec<String>,
) -> Result<Vec<String>, UsageError> {
    let settings = crate::config::read(path, text)?;
    let mut from_file = Vec::new();
    let mut set_here = Vec::new();
    for setting in settings.settings {
        if given.contains(&setting.flag) {
            continue;
        }
        from_file.extend(setting.words);
        set_here.push(setting.flag);
    }
    // The file's values must make sense on their own: an error names the file.
    parse_words(&from_file)
        .map_err(|error| UsageError::from(format!("{path}: {}", error.message)))?;
    given.extend(set_here);
    words.extend(from_file);
    Ok(settings.notices)
}

/// What the command line says on stderr after writing a baseline file.
pub fn baseline_created_notice(path: &str) -> String {
    format!(
        "baseline written to {path}: a later scan with --baseline {path} reports only new failures"
    )
}

/// What the command line says on stderr after a scan compared with a baseline file.
pub fn baseline_used_notice(path: &str) -> String {
    format!("compared with the baseline {path}: failures it holds are left out of the report")
}

/// Where `--create-baseline` writes the baseline of a target: `.checkov.baseline` in the
/// scanned folder, or in the folder of a scanned file.
pub fn baseline_path(target: &Target) -> String {
    match target {
        Target::Directory(directory) => join_path(directory, crate::baseline::FILE_NAME),
        Target::File(file) => {
            let folder = file.rfind('/').map_or("", |slash| &file[..=slash]);
            join_path(folder, crate::baseline::FILE_NAME)
        }
    }
}

/// Reads words into a command line, and says which flags (by long name) they set.
fn parse_words(words: &[String]) -> Result<(CommandLine, Vec<&'static str>), UsageError> {
    let mut parsed = CommandLine {
        command: Command::Scan,
        targets: Vec::new(),
        formats: Vec::new(),
        output_file_path: None,
        scan_options: ScanOptions::default(),
        var_files: Vec::new(),
        gates: Gates::default(),
        compact: false,
        quiet: false,
        config_file: None,
        baseline: None,
        create_baseline: false,
        output_baseline_as_skipped: false,
        external_modules: false,
        external_checks_dirs: Vec::new(),
        config_files: Vec::new(),
        notices: Vec::new(),
    };
    let mut given: Vec<&'static str> = Vec::new();
    let mut raw = words.iter().cloned();
    while let Some(word) = raw.next() {
        // `--flag=value` is the same as `--flag value`.
        let (name, inline) = match word.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_string(), Some(value.to_string()))
            }
            _ => (word, None),
        };
        let Some(flag) = FLAGS
            .iter()
            .find(|flag| flag.long == name || flag.short == Some(name.as_str()))
        else {
            if !name.starts_with('-') {
                return Err(format!(
                    "unexpected argument \"{name}\": give folders with -d and files with -f"
                )
                .into());
            }
            return Err(format!("unknown flag \"{name}\"").into());
        };
        if !given.contains(&flag.long) {
            given.push(flag.long);
        }
        let mut value = || -> Result<String, UsageError> {
            inline
                .clone()
                .or_else(|| raw.next())
                .ok_or_else(|| UsageError::from(format!("{name} needs a value")))
        };
        if inline.is_some() && flag.arity == Arity::Switch {
            return Err(format!("{name} takes no value").into());
        }
        match flag.long {
            // Checkov flags about its platform and downloads: tfscan never connects anywhere,
            // so they change nothing and are accepted for Checkov command lines to work.
            "--skip-download" | "--skip-results-upload" | "--no-guide" => {}
            "--repo-id" | "--branch" | "--evaluate-variables" => {
                value()?;
            }
            "--download-external-modules" => {
                let given = value()?;
                parsed.external_modules = match given.to_ascii_lowercase().as_str() {
                    "true" => true,
                    "false" => false,
                    _ => {
                        return Err(format!(
                            "--download-external-modules takes true or false, got \"{given}\""
                        )
                        .into())
                    }
                };
            }
            "--directory" => parsed.targets.push(Target::Directory(value()?)),
            "--external-checks-dir" => parsed.external_checks_dirs.push(value()?),
            "--file" => parsed.targets.push(Target::File(value()?)),
            "--output" => {
                for name in split_ids(&value()?) {
                    parsed.formats.push(format_named(&name)?);
                }
            }
            "--output-file-path" => parsed.output_file_path = Some(value()?),
            "--check" => parsed.scan_options.checks.extend(split_ids(&value()?)),
            "--skip-check" => parsed.scan_options.skip_checks.extend(split_ids(&value()?)),
            "--var-file" => parsed.var_files.push(value()?),
            // One regular expression each time, as Checkov takes it: a comma belongs to it.
            "--skip-path" => parsed.scan_options.skip_paths.push(value()?),
            "--framework" => check_frameworks(&value()?)?,
            "--limit" => set_limit(&mut parsed.scan_options.limits, &value()?)?,
            "--soft-fail" => parsed.gates.soft_fail = true,
            "--soft-fail-on" => parsed.gates.soft_fail_on.extend(split_ids(&value()?)),
            "--hard-fail-on" => parsed.gates.hard_fail_on.extend(split_ids(&value()?)),
            "--config-file" => parsed.config_file = Some(value()?),
            "--baseline" => parsed.baseline = Some(value()?),
            "--create-baseline" => parsed.create_baseline = true,
            "--output-baseline-as-skipped" => parsed.output_baseline_as_skipped = true,
            "--ignore-inline-skips" => parsed.scan_options.ignore_inline_suppressions = true,
            "--unresolved-null-variables" => parsed.scan_options.null_variables_unknown = true,
            "--compact" => parsed.compact = true,
            "--quiet" => parsed.quiet = true,
            "--list" => parsed.command = Command::List,
            "--help" => parsed.command = Command::Help,
            "--version" => parsed.command = Command::Version,
            other => return Err(format!("unknown flag \"{other}\"").into()),
        }
    }
    Ok((parsed, given))
}

/// The checks every complete command line passes: something to scan, a format.
fn finish(mut parsed: CommandLine) -> Result<CommandLine, UsageError> {
    if parsed.formats.is_empty() {
        parsed.formats.push(Format::Cli);
    }
    if parsed.command == Command::Scan && parsed.targets.is_empty() {
        return Err(UsageError::from(String::from(
            "nothing to scan: give a folder with -d DIR or a file with -f FILE",
        )));
    }
    Ok(parsed)
}

/// What the command line says on stderr after a scan: each file that did not parse (its
/// findings are missing from the report), each custom policy file that could not be read,
/// each `--check` / `--skip-check` pattern that
/// matches no check (a typo there silently runs nothing, or everything), each
/// `--soft-fail-on` / `--hard-fail-on` entry that is no severity and matches no check.
pub fn notices(report: &crate::Report, options: &ScanOptions, gates: &Gates) -> Vec<String> {
    let mut notices: Vec<String> = report
        .parsing_errors
        .iter()
        .map(|error| format!("parsing error: {error}"))
        .collect();
    notices.extend(
        report
            .policy_problems
            .iter()
            .map(|problem| format!("custom policy: {problem}")),
    );
    let checks = crate::checks::all();
    let custom_ids: Vec<&str> = options
        .policies
        .iter()
        .map(|policy| policy.id.as_str())
        .collect();
    for (flag, patterns) in [
        ("--check", &options.checks),
        ("--skip-check", &options.skip_checks),
    ] {
        for pattern in patterns {
            let severity = crate::gate::severity_level(pattern).is_some();
            let known = checks
                .iter()
                .map(|check| check.id)
                .chain(custom_ids.iter().copied())
                .any(|id| crate::engine::pattern_matches(pattern, id));
            if !severity && !known {
                notices.push(format!(
                    "{flag} {pattern} matches no check (see tfscan --list)"
                ));
            }
        }
    }
    notices.extend(gates.notices(&custom_ids));
    notices
}

/// `--limit NAME=VALUE`: sets one of the scan's limits.
fn set_limit(limits: &mut crate::Limits, text: &str) -> Result<(), UsageError> {
    let (name, value) = text
        .split_once('=')
        .ok_or_else(|| format!("--limit {text}: expected NAME=VALUE, such as max-files=200000"))?;
    let value: u64 = value
        .parse()
        .map_err(|_| format!("--limit {text}: {value:?} is not a whole number"))?;
    limits
        .set(name, value)
        .map_err(|error| format!("--limit {text}: {error}").into())
}

/// How a flag takes its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Arity {
    /// No value: `--soft-fail=false` is refused rather than read as `--soft-fail`.
    Switch,
    /// One value; given again, the last one counts.
    Value,
    /// A value each time it is given, all kept (`-d a -d b`).
    Repeatable,
}

/// One flag: its long name (also its key in a configuration file, without the dashes), its
/// short name, and how it takes its value.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Flag {
    pub long: &'static str,
    pub short: Option<&'static str>,
    pub arity: Arity,
}

const fn flag(long: &'static str, short: Option<&'static str>, arity: Arity) -> Flag {
    Flag { long, short, arity }
}

/// Every flag the command line accepts.
pub(crate) const FLAGS: &[Flag] = &[
    flag("--directory", Some("-d"), Arity::Repeatable),
    flag("--file", Some("-f"), Arity::Repeatable),
    flag("--output", Some("-o"), Arity::Repeatable),
    flag("--output-file-path", None, Arity::Value),
    flag("--check", Some("-c"), Arity::Repeatable),
    flag("--skip-check", None, Arity::Repeatable),
    flag("--var-file", None, Arity::Repeatable),
    flag("--skip-path", None, Arity::Repeatable),
    flag("--external-checks-dir", None, Arity::Repeatable),
    flag("--framework", None, Arity::Repeatable),
    flag("--limit", None, Arity::Repeatable),
    flag("--soft-fail", Some("-s"), Arity::Switch),
    flag("--soft-fail-on", None, Arity::Repeatable),
    flag("--hard-fail-on", None, Arity::Repeatable),
    flag("--config-file", None, Arity::Value),
    flag("--baseline", None, Arity::Value),
    flag("--create-baseline", None, Arity::Switch),
    flag("--output-baseline-as-skipped", None, Arity::Switch),
    flag("--ignore-inline-skips", None, Arity::Switch),
    flag("--unresolved-null-variables", None, Arity::Switch),
    flag("--compact", None, Arity::Switch),
    flag("--quiet", None, Arity::Switch),
    flag("--list", Some("-l"), Arity::Switch),
    flag("--help", Some("-h"), Arity::Switch),
    flag("--version", Some("-v"), Arity::Switch),
    flag("--skip-download", None, Arity::Switch),
    flag("--skip-results-upload", None, Arity::Switch),
    flag("--no-guide", None, Arity::Switch),
    flag("--download-external-modules", None, Arity::Value),
    flag("--repo-id", None, Arity::Value),
    flag("--branch", Some("-b"), Arity::Value),
    flag("--evaluate-variables", None, Arity::Value),
];

/// `--framework`: Checkov's flag, accepted when it names only what tfscan scans.
fn check_frameworks(frameworks: &str) -> Result<(), UsageError> {
    for framework in frameworks.split(',').map(str::trim) {
        if framework != "terraform" && framework != "all" {
            return Err(format!(
                "framework \"{framework}\" is not supported: tfscan scans terraform only"
            )
            .into());
        }
    }
    Ok(())
}

/// The format called `name`, or an error that lists the formats there are.
fn format_named(name: &str) -> Result<Format, UsageError> {
    Format::from_name(name).ok_or_else(|| {
        let names: Vec<&str> = Format::ALL.iter().map(|format| format.name()).collect();
        UsageError::from(format!(
            "unknown output format \"{name}\" (expected one of {})",
            names.join(", ")
        ))
    })
}

fn split_ids(list: &str) -> impl Iterator<Item = String> + '_ {
    list.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(String::from)
}

/// For each format in order: None for the console, or the path of the file to write.
///
/// `path` (`--output-file-path`) is either one folder (each format goes to
/// `results_<format>.<ext>` in it, as Checkov names them) or a comma-separated list with one
/// entry per format, where `console` keeps that format on the console.
///
/// # Errors
///
/// A list whose length is not the number of formats.
pub fn destinations(formats: &[Format], path: Option<&str>) -> Result<Vec<Option<String>>, String> {
    let Some(path) = path else {
        return Ok(formats.iter().map(|_| None).collect());
    };
    if !path.contains(',') {
        return Ok(formats
            .iter()
            .map(|format| Some(join_path(path, format.file_name())))
            .collect());
    }
    let entries: Vec<&str> = path.split(',').map(str::trim).collect();
    if entries.len() != formats.len() {
        return Err(format!(
            "--output-file-path names {} files for {} output formats: give one per -o, or one folder",
            entries.len(),
            formats.len()
        ));
    }
    Ok(entries
        .into_iter()
        .map(|entry| (entry != "console").then(|| String::from(entry)))
        .collect())
}

/// `name` inside `folder`, joined as a Unix path is (no separator doubled after a trailing one).
fn join_path(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        String::from(name)
    } else if folder.ends_with('/') {
        format!("{folder}{name}")
    } else {
        format!("{folder}/{name}")
    }
}

/// `tfscan --list`: one check a line with its kind, severity, resource types and name, and
/// the count; or, with `json`, an array of the same facts.
pub fn check_list(json: bool) -> String {
    let checks = crate::checks::all();
    let mut out = String::new();
    if json {
        out.push('[');
        for (index, check) in checks.iter().enumerate() {
            if index > 0 {
                out.push(',');
            }
            let types: Vec<String> = check
                .resource_types
                .iter()
                .map(|name| format!("{name:?}"))
                .collect();
            let _ = write!(
                out,
                "\n  {{\"id\": {:?}, \"kind\": {:?}, \"resource_types\": [{}], \"severity\": {:?}, \"name\": {:?}}}",
                check.id,
                kind_name(check.kind),
                types.join(", "),
                check.severity.as_str(),
                check.name
            );
        }
        out.push_str("\n]\n");
    } else {
        for check in &checks {
            let _ = writeln!(
                out,
                "{:<13} {:<8} {:<8} {:<60} {}",
                check.id,
                kind_name(check.kind),
                check.severity.as_str(),
                check.resource_types.join(","),
                check.name
            );
        }
        // A graph check that reads both a resource and a data source is listed once per kind.
        let ids: alloc::collections::BTreeSet<&str> = checks.iter().map(|check| check.id).collect();
        let _ = writeln!(out, "{} checks ({} check IDs)", checks.len(), ids.len());
    }
    out
}

fn kind_name(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Resource => "resource",
        EntityKind::Data => "data",
        EntityKind::Provider => "provider",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn accepts_checkov_platform_flags_and_refuses_values_on_switches() {
        let parsed = parse_words(
            "-d . --framework terraform -o json --compact --skip-download --repo-id x/y --download-external-modules false",
        )
        .unwrap();
        assert!(parsed.compact);
        let error = parse_words("-d . --soft-fail=false").unwrap_err();
        assert!(
            error.to_string().contains("--soft-fail takes no value"),
            "{error}"
        );
    }

    #[test]
    fn limits_are_raised_by_name_and_bad_ones_are_usage_errors() {
        let parsed = parse_words("-d . --limit max-files=7 --limit=max-expansion=20000").unwrap();
        let limits = parsed.scan_options.limits;
        assert_eq!((limits.max_files, limits.max_expansion), (7, 20_000));
        assert_eq!(limits.max_nesting, crate::Limits::default().max_nesting);
        assert!(error_of("-d . --limit max-files").contains("expected NAME=VALUE"));
        assert!(error_of("-d . --limit max-files=lots").contains("not a whole number"));
        assert!(error_of("-d . --limit max-files=0").contains("at least 1"));
        assert!(error_of("-d . --limit max-stuff=3").contains("unknown limit \"max-stuff\""));
    }

    fn parse_words(words: &str) -> Result<CommandLine, UsageError> {
        parse(words.split_whitespace())
    }

    fn error_of(words: &str) -> String {
        parse_words(words).map_or_else(|error| error.message, |_| String::from("no error"))
    }

    #[test]
    fn reads_checkov_flags() {
        let parsed = parse_words(
            "-d a -f b/main.tf -d c -o json --check CKV_AWS_1,CKV_AWS_2 --skip-check=CKV_AWS_3 \
             --framework terraform --soft-fail --var-file x.tfvars --var-file=y.tfvars",
        )
        .unwrap();
        assert_eq!(
            parsed.targets,
            vec![
                Target::Directory("a".into()),
                Target::File("b/main.tf".into()),
                Target::Directory("c".into())
            ]
        );
        assert_eq!(parsed.command, Command::Scan);
        assert_eq!(parsed.formats, vec![Format::Json]);
        assert_eq!(parsed.scan_options.checks, ["CKV_AWS_1", "CKV_AWS_2"]);
        assert_eq!(parsed.scan_options.skip_checks, ["CKV_AWS_3"]);
        assert_eq!(parsed.var_files, ["x.tfvars", "y.tfvars"]);
        assert!(parsed.gates.soft_fail);
        assert!(!parsed.compact && !parsed.quiet);
    }

    #[test]
    fn switches_and_commands() {
        let parsed =
            parse_words("-d a --compact --quiet --unresolved-null-variables --ignore-inline-skips")
                .unwrap();
        assert!(parsed.compact && parsed.quiet);
        assert!(parsed.scan_options.null_variables_unknown);
        assert!(parsed.scan_options.ignore_inline_suppressions);
        assert_eq!(parsed.formats, vec![Format::Cli]);

        assert_eq!(parse_words("--list").unwrap().command, Command::List);
        assert_eq!(parse_words("-h").unwrap().command, Command::Help);
        assert_eq!(parse_words("--version").unwrap().command, Command::Version);
    }

    #[test]
    fn refuses_other_frameworks_and_unknown_flags() {
        assert!(error_of("-d a --framework kubernetes").contains("kubernetes"));
        assert_eq!(error_of("-d a --bogus"), "unknown flag \"--bogus\"");
        assert!(error_of("-o json").starts_with("nothing to scan"));
        assert!(error_of("-d a -o yaml").contains("\"yaml\" (expected one of cli, json,"));
        assert_eq!(error_of("-d"), "-d needs a value");
        assert_eq!(error_of("-d a --check"), "--check needs a value");
    }

    #[test]
    fn a_usage_error_points_to_the_help() {
        let error = parse_words("--bogus").unwrap_err();
        assert_eq!(
            error.to_string(),
            "unknown flag \"--bogus\"\nRun `tfscan --help` for the flags."
        );
    }

    #[test]
    fn output_is_repeatable_and_takes_lists() {
        let parsed = parse_words("-d a -o sarif -o junitxml,csv --output-file-path out").unwrap();
        assert_eq!(
            parsed.formats,
            vec![Format::Sarif, Format::JunitXml, Format::Csv]
        );
        assert_eq!(parsed.output_file_path.as_deref(), Some("out"));
    }

    #[test]
    fn a_folder_or_one_file_per_format() {
        let formats = [Format::Cli, Format::Sarif];
        let folder = destinations(&formats, Some("out")).unwrap();
        assert_eq!(folder[1].as_deref(), Some("out/results_sarif.sarif"));
        let trailing = destinations(&formats, Some("out/")).unwrap();
        assert_eq!(trailing[0].as_deref(), Some("out/results_cli.txt"));
        let listed = destinations(&formats, Some("console, a.sarif")).unwrap();
        assert_eq!(listed, vec![None, Some(String::from("a.sarif"))]);
        assert!(destinations(&formats, Some("a,b,c"))
            .unwrap_err()
            .contains("3 files for 2 output formats"));
        assert_eq!(destinations(&formats, None).unwrap(), vec![None, None]);
    }

    #[test]
    fn the_help_names_every_flag_and_format() {
        for flag in [
            "--directory",
            "--file",
            "--output-file-path",
            "--check",
            "--skip-check",
            "--var-file",
            "--skip-path",
            "--soft-fail",
            "--soft-fail-on",
            "--hard-fail-on",
            "--config-file",
            "--create-baseline",
            "--baseline",
            "--output-baseline-as-skipped",
            "--ignore-inline-skips",
            "--unresolved-null-variables",
            "--compact",
            "--quiet",
            "--framework",
            "--list",
            "--version",
            "--help",
        ] {
            assert!(HELP.contains(flag), "{flag}");
        }
        for format in Format::ALL {
            assert!(HELP.contains(format.name()), "{}", format.name());
        }
    }

    /// `parse_with_config` over files held in memory.
    fn with_files(words: &str, files: &[(&str, &str)]) -> Result<CommandLine, UsageError> {
        let raw: Vec<String> = words.split_whitespace().map(String::from).collect();
        let mut read = |path: &str| -> Result<Option<String>, String> {
            Ok(files
                .iter()
                .find(|(name, _)| *name == path)
                .map(|(_, text)| String::from(*text)))
        };
        parse_with_config(&raw, &mut read)
    }

    #[test]
    fn the_scanned_folders_config_applies_and_flags_override_it_key_by_key() {
        let config = "check: [CKV_AWS_1, CKV_AWS_2]\nskip-check: CKV_AWS_3\ncompact: true\n\
                      soft-fail-on: LOW\nhard-fail-on: [CKV_AWS_9]\noutput: [cli, json]\n\
                      quiet: true\nvar-file: x.tfvars\n";
        let parsed = with_files("-d infra", &[("infra/.checkov.yaml", config)]).unwrap();
        assert_eq!(parsed.scan_options.checks, ["CKV_AWS_1", "CKV_AWS_2"]);
        assert_eq!(parsed.scan_options.skip_checks, ["CKV_AWS_3"]);
        assert!(parsed.compact && parsed.quiet);
        assert_eq!(parsed.gates.soft_fail_on, ["LOW"]);
        assert_eq!(parsed.gates.hard_fail_on, ["CKV_AWS_9"]);
        assert_eq!(parsed.formats, vec![Format::Cli, Format::Json]);
        assert_eq!(parsed.var_files, ["x.tfvars"]);
        assert_eq!(parsed.config_files, ["infra/.checkov.yaml"]);

        // A flag given replaces the file's value (a list too); the others stay.
        let parsed = with_files(
            "-d infra -c CKV_AWS_7 -o sarif --hard-fail-on=HIGH",
            &[("infra/.checkov.yaml", config)],
        )
        .unwrap();
        assert_eq!(parsed.scan_options.checks, ["CKV_AWS_7"]);
        assert_eq!(parsed.formats, vec![Format::Sarif]);
        assert_eq!(parsed.gates.hard_fail_on, ["HIGH"]);
        assert_eq!(parsed.scan_options.skip_checks, ["CKV_AWS_3"]);
    }

    #[test]
    fn config_file_beats_the_folders_and_yml_beats_yaml() {
        let files = [
            (
                "a/.checkov.yaml",
                "check: FROM_YAML\nskip-check: FROM_YAML\nquiet: true\n",
            ),
            ("a/.checkov.yml", "check: FROM_YML\nskip-check: FROM_YML\n"),
            ("ci.yaml", "check: FROM_CONFIG_FILE\n"),
        ];
        let parsed = with_files("-d a", &files).unwrap();
        assert_eq!(parsed.scan_options.checks, ["FROM_YML"]);
        assert!(parsed.quiet);
        let parsed = with_files("-d a --config-file ci.yaml", &files).unwrap();
        assert_eq!(parsed.scan_options.checks, ["FROM_CONFIG_FILE"]);
        assert_eq!(parsed.scan_options.skip_checks, ["FROM_YML"]);
        assert_eq!(
            parsed.config_files,
            ["ci.yaml", "a/.checkov.yml", "a/.checkov.yaml"]
        );
        // Only the first folder's file is read.
        let parsed = with_files("-d b -d a", &files).unwrap();
        assert!(parsed.scan_options.checks.is_empty());
    }

    #[test]
    fn a_config_file_can_name_what_to_scan_and_every_switch() {
        let config = "directory: [infra, modules]\nfile: extra.tf\nsoft-fail: yes\n\
                      create-baseline: true\nbaseline: old.baseline\noutput-baseline-as-skipped: on\n\
                      ignore-inline-skips: true\nunresolved-null-variables: 1\n\
                      output-file-path: out\nframework: terraform\nskip-download: true\n";
        let parsed = with_files("--config-file ci.yaml", &[("ci.yaml", config)]).unwrap();
        assert_eq!(
            parsed.targets,
            vec![
                Target::Directory("infra".into()),
                Target::Directory("modules".into()),
                Target::File("extra.tf".into())
            ]
        );
        assert!(
            parsed.gates.soft_fail && parsed.create_baseline && parsed.output_baseline_as_skipped
        );
        assert_eq!(parsed.baseline.as_deref(), Some("old.baseline"));
        assert!(parsed.scan_options.ignore_inline_suppressions);
        assert!(parsed.scan_options.null_variables_unknown);
        assert_eq!(parsed.output_file_path.as_deref(), Some("out"));
        // A switch set to false in the file leaves the command line's choice.
        let parsed =
            with_files("-d a --compact", &[("a/.checkov.yaml", "compact: false\n")]).unwrap();
        assert!(parsed.compact);
    }

    #[test]
    fn config_errors_and_notices_name_the_file() {
        assert_eq!(
            with_files("-d a --config-file nope.yaml", &[])
                .unwrap_err()
                .message,
            "--config-file nope.yaml: no such file"
        );
        assert_eq!(
            with_files("-d a", &[("a/.checkov.yaml", "check:\n  - a\n - b\n")])
                .unwrap_err()
                .message,
            "a/.checkov.yaml:3:2: unexpected indentation in a map"
        );
        assert_eq!(
            with_files("-d a", &[("a/.checkov.yaml", "output: yaml\n")])
                .unwrap_err()
                .message,
            "a/.checkov.yaml: unknown output format \"yaml\" (expected one of cli, json, sarif, junitxml, csv, markdown, github_failed_only)"
        );
        let parsed = with_files(
            "-d a",
            &[("a/.checkov.yaml", "colour: blue\nexternal-checks-git: x\n")],
        )
        .unwrap();
        assert_eq!(
            parsed.notices,
            [
                "a/.checkov.yaml:1: unknown key \"colour\"; ignored",
                "a/.checkov.yaml:2: \"external-checks-git\" is a Checkov option tfscan does not have; ignored"
            ]
        );
        let mut unreadable =
            |_: &str| -> Result<Option<String>, String> { Err(String::from("denied")) };
        let raw = [String::from("-d"), String::from("a")];
        assert_eq!(
            parse_with_config(&raw, &mut unreadable)
                .unwrap_err()
                .message,
            "a/.checkov.yml: denied"
        );
    }

    #[test]
    fn gates_and_baselines_on_the_command_line() {
        let parsed = parse_words(
            "-d a --soft-fail-on LOW,CKV_AWS_1 --soft-fail-on CKV_AWS_2 --hard-fail-on CKV_AWS_*      --baseline b.json --create-baseline -s",
        )
        .unwrap();
        assert_eq!(parsed.gates.soft_fail_on, ["LOW", "CKV_AWS_1", "CKV_AWS_2"]);
        assert_eq!(parsed.gates.hard_fail_on, ["CKV_AWS_*"]);
        assert!(parsed.gates.soft_fail && parsed.create_baseline);
        assert_eq!(parsed.baseline.as_deref(), Some("b.json"));
        assert_eq!(
            baseline_path(&Target::Directory("infra/".into())),
            "infra/.checkov.baseline"
        );
        assert_eq!(
            baseline_path(&Target::File("x/main.tf".into())),
            "x/.checkov.baseline"
        );
        assert_eq!(
            baseline_path(&Target::File("main.tf".into())),
            ".checkov.baseline"
        );
    }

    #[test]
    fn skip_paths_are_taken_whole_from_flags_and_files() {
        let parsed = parse_words("-d a --skip-path envs/dev --skip-path=a{1,2},b").unwrap();
        assert_eq!(parsed.scan_options.skip_paths, ["envs/dev", "a{1,2},b"]);
        let parsed = with_files(
            "-d a",
            &[(
                "a/.checkov.yaml",
                "skip-path:\n  - legacy\n  - '^/a/tests'\n",
            )],
        )
        .unwrap();
        assert_eq!(parsed.scan_options.skip_paths, ["legacy", "^/a/tests"]);
        assert!(parsed.notices.is_empty(), "{:?}", parsed.notices);
        // The command line's replace the file's.
        let parsed = with_files(
            "-d a --skip-path x",
            &[("a/.checkov.yaml", "skip-path: legacy\n")],
        )
        .unwrap();
        assert_eq!(parsed.scan_options.skip_paths, ["x"]);
    }

    #[test]
    fn the_check_list_counts_every_check() {
        let count = crate::checks::all().len();
        let text = check_list(false);
        assert_eq!(text.lines().count(), count + 1);
        let ids: alloc::collections::BTreeSet<&str> =
            crate::checks::all().iter().map(|check| check.id).collect();
        assert!(text.ends_with(&format!("{count} checks ({} check IDs)\n", ids.len())));
        let json: serde_json::Value = serde_json::from_str(&check_list(true)).unwrap();
        assert_eq!(json.as_array().map(Vec::len), Some(count));
    }
}
