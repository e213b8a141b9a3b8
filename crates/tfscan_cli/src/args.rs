//! The command line's flags: Checkov's names where they overlap.

use std::path::PathBuf;

use tfscan_core::render::Format;
use tfscan_core::ScanOptions;

pub const HELP: &str = "\
tfscan: a Terraform security scanner with Checkov's check IDs and verdicts

Usage: tfscan [-d DIR]... [-f FILE]... [options]

  -d, --directory DIR     scan a folder and its subfolders (repeatable)
  -f, --file FILE         scan one file (repeatable)
  -o, --output FORMAT     cli (default) or json, Checkov's JSON shape (repeatable)
      --check IDS         run only these checks (comma-separated; CKV_AWS_* wildcards)
      --skip-check IDS    do not run these checks (comma-separated; wildcards)
      --var-file FILE     variable values, after terraform.tfvars and *.auto.tfvars (repeatable)
      --soft-fail         exit 0 even when a check failed
      --unresolved-null-variables
                          read variables whose value is null as unknown, as Checkov does
                          (by default null means \"not set\", as in Terraform)
      --compact           leave the code blocks out of the output
      --quiet             show failed checks only
      --framework NAME    accepted for Checkov compatibility; only terraform is supported
      --list              list every check (with -o json: as JSON)
  -v, --version           print the version
  -h, --help              print this help

Exit codes: 0 nothing failed, 1 a check failed, 2 a usage or input error.
";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Command {
    Scan,
    List,
    Help,
    Version,
}

/// The parsed command line.
#[derive(Debug)]
pub struct Arguments {
    pub command: Command,
    pub targets: Vec<Target>,
    pub formats: Vec<Format>,
    pub scan_options: ScanOptions,
    pub var_files: Vec<PathBuf>,
    pub soft_fail: bool,
    pub compact: bool,
    pub quiet: bool,
}

/// What to scan.
#[derive(Debug, Clone)]
pub enum Target {
    Directory(PathBuf),
    File(PathBuf),
}

/// Reads the flags; an error says which flag is wrong and why.
pub fn parse(raw: impl Iterator<Item = String>) -> Result<Arguments, String> {
    let mut arguments = Arguments {
        command: Command::Scan,
        targets: Vec::new(),
        formats: Vec::new(),
        scan_options: ScanOptions::default(),
        var_files: Vec::new(),
        soft_fail: false,
        compact: false,
        quiet: false,
    };
    let mut raw = raw.peekable();
    while let Some(flag) = raw.next() {
        // `--flag=value` is the same as `--flag value`.
        let (flag, inline) = match flag.split_once('=') {
            Some((name, value)) if name.starts_with("--") => {
                (name.to_string(), Some(value.to_string()))
            }
            _ => (flag, None),
        };
        let mut value = |name: &str| -> Result<String, String> {
            inline
                .clone()
                .or_else(|| raw.next())
                .ok_or_else(|| format!("{name} needs a value"))
        };
        match flag.as_str() {
            "-d" | "--directory" => arguments
                .targets
                .push(Target::Directory(value(&flag)?.into())),
            "-f" | "--file" => arguments.targets.push(Target::File(value(&flag)?.into())),
            "-o" | "--output" => {
                let name = value(&flag)?;
                let format = Format::from_name(&name).ok_or_else(|| {
                    format!("unknown output format \"{name}\" (expected cli or json)")
                })?;
                arguments.formats.push(format);
            }
            "--check" | "-c" => arguments
                .scan_options
                .checks
                .extend(split_ids(&value(&flag)?)),
            "--skip-check" => arguments
                .scan_options
                .skip_checks
                .extend(split_ids(&value(&flag)?)),
            "--var-file" => arguments.var_files.push(value(&flag)?.into()),
            "--framework" => {
                let frameworks = value(&flag)?;
                for framework in frameworks.split(',').map(str::trim) {
                    if framework != "terraform" && framework != "all" {
                        return Err(format!(
                            "framework \"{framework}\" is not supported: tfscan scans terraform only"
                        ));
                    }
                }
            }
            "--soft-fail" => arguments.soft_fail = true,
            "--unresolved-null-variables" => arguments.scan_options.null_variables_unknown = true,
            "--compact" => arguments.compact = true,
            "--quiet" => arguments.quiet = true,
            "--list" | "-l" => arguments.command = Command::List,
            "-h" | "--help" => arguments.command = Command::Help,
            "-v" | "--version" => arguments.command = Command::Version,
            other => return Err(format!("unknown flag \"{other}\"")),
        }
    }
    if arguments.formats.is_empty() {
        arguments.formats.push(Format::Cli);
    }
    if arguments.command == Command::Scan && arguments.targets.is_empty() {
        return Err("nothing to scan: give a folder with -d DIR or a file with -f FILE".into());
    }
    Ok(arguments)
}

fn split_ids(list: &str) -> impl Iterator<Item = String> + '_ {
    list.split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .map(String::from)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_words(words: &str) -> Result<Arguments, String> {
        parse(words.split_whitespace().map(String::from))
    }

    #[test]
    fn reads_checkov_flags() {
        let arguments =
            parse_words("-d a -d b -o json --check CKV_AWS_1,CKV_AWS_2 --skip-check=CKV_AWS_3 --framework terraform --soft-fail")
                .unwrap();
        assert_eq!(arguments.targets.len(), 2);
        assert_eq!(arguments.formats, vec![Format::Json]);
        assert_eq!(arguments.scan_options.checks, ["CKV_AWS_1", "CKV_AWS_2"]);
        assert_eq!(arguments.scan_options.skip_checks, ["CKV_AWS_3"]);
        assert!(arguments.soft_fail);
    }

    #[test]
    fn refuses_other_frameworks_and_unknown_flags() {
        assert!(parse_words("-d a --framework kubernetes")
            .unwrap_err()
            .contains("kubernetes"));
        assert!(parse_words("-d a --bogus").unwrap_err().contains("--bogus"));
        assert!(parse_words("-o json")
            .unwrap_err()
            .contains("nothing to scan"));
        assert!(parse_words("-d a -o yaml").unwrap_err().contains("yaml"));
    }
}
