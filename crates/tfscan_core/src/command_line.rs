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
      --check IDS         run only these checks (comma-separated; CKV_AWS_* wildcards)
      --skip-check IDS    do not run these checks (comma-separated; wildcards)
      --var-file FILE     variable values, after terraform.tfvars and *.auto.tfvars (repeatable)
      --soft-fail         exit 0 even when a check failed
      --ignore-inline-skips
                          apply no checkov:skip / tfsec:ignore / trivy:ignore comment (to audit
                          what they silence)
      --unresolved-null-variables
                          read variables whose value is null as unknown, as Checkov does
                          (by default null means \"not set\", as in Terraform)
      --compact           leave the code blocks out of the output
      --quiet             show failed checks only
      --framework NAME    accepted for Checkov compatibility; only terraform is supported
      --list              list every check (with -o json: as JSON)
  -v, --version           print the version
  -h, --help              print this help

Accepted for Checkov command lines, and changing nothing (tfscan never connects anywhere):
  --skip-download, --skip-results-upload, --no-guide, --download-external-modules VALUE,
  --repo-id VALUE, --branch VALUE, --evaluate-variables VALUE

Exit codes: 0 nothing failed, 1 a check failed, 2 a usage or input error. A file that does
not parse is reported under parsing errors (and on stderr) and does not change the exit code,
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
    pub soft_fail: bool,
    pub compact: bool,
    pub quiet: bool,
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
    let mut parsed = CommandLine {
        command: Command::Scan,
        targets: Vec::new(),
        formats: Vec::new(),
        output_file_path: None,
        scan_options: ScanOptions::default(),
        var_files: Vec::new(),
        soft_fail: false,
        compact: false,
        quiet: false,
    };
    let mut raw = raw.into_iter().map(Into::into);
    while let Some(word) = raw.next() {
        // `--flag=value` is the same as `--flag value`.
        let (flag, inline) = match word.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_string(), Some(value.to_string()))
            }
            _ => (word, None),
        };
        let mut value = || -> Result<String, UsageError> {
            inline
                .clone()
                .or_else(|| raw.next())
                .ok_or_else(|| UsageError::from(format!("{flag} needs a value")))
        };
        if inline.is_some() && SWITCHES.contains(&flag.as_str()) {
            return Err(format!("{flag} takes no value").into());
        }
        match flag.as_str() {
            // Checkov flags about its platform and downloads: tfscan never connects anywhere,
            // so they change nothing and are accepted for Checkov command lines to work.
            "--skip-download" | "--skip-results-upload" | "--no-guide" => {}
            "--download-external-modules" | "--repo-id" | "--branch" | "--evaluate-variables" => {
                value()?;
            }
            "-d" | "--directory" => parsed.targets.push(Target::Directory(value()?)),
            "-f" | "--file" => parsed.targets.push(Target::File(value()?)),
            "-o" | "--output" => {
                for name in split_ids(&value()?) {
                    parsed.formats.push(format_named(&name)?);
                }
            }
            "--output-file-path" => parsed.output_file_path = Some(value()?),
            "--check" | "-c" => parsed.scan_options.checks.extend(split_ids(&value()?)),
            "--skip-check" => parsed.scan_options.skip_checks.extend(split_ids(&value()?)),
            "--var-file" => parsed.var_files.push(value()?),
            "--framework" => check_frameworks(&value()?)?,
            "--soft-fail" => parsed.soft_fail = true,
            "--ignore-inline-skips" => parsed.scan_options.ignore_inline_suppressions = true,
            "--unresolved-null-variables" => parsed.scan_options.null_variables_unknown = true,
            "--compact" => parsed.compact = true,
            "--quiet" => parsed.quiet = true,
            "--list" | "-l" => parsed.command = Command::List,
            "-h" | "--help" => parsed.command = Command::Help,
            "-v" | "--version" => parsed.command = Command::Version,
            other => return Err(format!("unknown flag \"{other}\"").into()),
        }
    }
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
/// findings are missing from the report), and each `--check` / `--skip-check` pattern that
/// matches no check (a typo there silently runs nothing, or everything).
pub fn notices(report: &crate::Report, options: &ScanOptions) -> Vec<String> {
    let mut notices: Vec<String> = report
        .parsing_errors
        .iter()
        .map(|error| format!("parsing error: {error}"))
        .collect();
    let checks = crate::checks::all();
    for (flag, patterns) in [
        ("--check", &options.checks),
        ("--skip-check", &options.skip_checks),
    ] {
        for pattern in patterns {
            if !checks
                .iter()
                .any(|check| crate::engine::pattern_matches(pattern, check.id))
            {
                notices.push(format!(
                    "{flag} {pattern} matches no check (see tfscan --list)"
                ));
            }
        }
    }
    notices
}

/// Flags that take no value: `--soft-fail=false` is refused rather than read as `--soft-fail`.
const SWITCHES: &[&str] = &[
    "--soft-fail",
    "--ignore-inline-skips",
    "--unresolved-null-variables",
    "--compact",
    "--quiet",
    "--list",
    "--help",
    "--version",
    "--skip-download",
    "--skip-results-upload",
    "--no-guide",
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
        assert!(parsed.soft_fail);
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
            "--soft-fail",
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
