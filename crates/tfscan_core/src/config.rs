//! Checkov's configuration files (`.checkov.yaml`, `.checkov.yml`, `--config-file`): a YAML map
//! whose keys are the long flags' names (`soft-fail-on: HIGH`). Each key becomes the words of
//! its flag, as Checkov's argument parser turns them into command-line words: `true` / `yes` /
//! `on` / `1` gives a switch, `false` / `no` / `off` / `0` leaves it out, a value gives
//! `--key=value`, and a list gives the flag once per item. The command line then decides, key
//! by key, which source wins (see [`crate::command_line::parse_with_config`]).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::command_line::{Arity, UsageError, FLAGS};
use crate::yaml::{self, Yaml};

/// The names a configuration file is found by in the scanned folder, in Checkov's order (when
/// both are there, `.checkov.yml`'s keys win over `.checkov.yaml`'s).
pub const FILE_NAMES: [&str; 2] = [".checkov.yaml", ".checkov.yml"];

/// True for a path whose file name is a configuration file's.
pub fn is_config_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    FILE_NAMES.contains(&name)
}

/// One key of a file: the flag it sets (by long name) and the words that set it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Setting {
    pub flag: &'static str,
    pub words: Vec<String>,
}

/// A file read: its settings in the order written, and what to say about keys it ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Settings {
    pub settings: Vec<Setting>,
    pub notices: Vec<String>,
}

/// Checkov's flags that tfscan does not have: in a configuration file they are ignored with a
/// notice (on the command line they are usage errors).
const CHECKOV_ONLY: &[&str] = &[
    "add-check",
    "block-list-secret-scan",
    "bc-api-key",
    "ca-certificate",
    "create-config",
    "custom-tool-name",
    "deep-analysis",
    "docker-image",
    "dockerfile-path",
    "enable-secret-scan-all-files",
    "external-checks-git",
    "external-checks-public-key",
    "external-modules-download-path",
    "image",
    "include-all-checkov-policies",
    "mask",
    "no-cert-verify",
    "no-fail-on-crash",
    "output-bc-ids",
    "policy-metadata-filter",
    "policy-metadata-filter-exception",
    "prisma-api-url",
    "repo-root-for-plan-enrichment",
    "run-all-external-checks",
    "scan-secrets-history",
    "secrets-history-timeout",
    "secrets-scan-file-type",
    "show-config",
    "skip-cve-package",
    "skip-framework",
    "skip-resources-without-violations",
    "summary-position",
    "support",
    "use-enforcement-rules",
];

/// Flags that mean nothing inside a configuration file.
const NOT_IN_A_FILE: &[&str] = &["--config-file", "--help", "--version"];

/// Reads a configuration file's text (`path` names it in messages).
///
/// # Errors
///
/// Text that is not YAML, a document that is not a map, a switch whose value is not a
/// boolean, a list or map where one value is expected.
pub fn read(path: &str, text: &str) -> Result<Settings, UsageError> {
    let document =
        yaml::parse(text).map_err(|error| UsageError::from(format!("{path}:{error}")))?;
    let entries = match document {
        Yaml::Map(entries) => entries,
        Yaml::Null => Vec::new(),
        other => {
            return Err(format!(
                "{path}: expected `key: value` settings (a YAML map), found {}",
                other.describe()
            )
            .into())
        }
    };

    let mut read = Settings::default();
    for (key, value, line) in entries {
        let at = format!("{path}:{line}");
        let name = key.strip_prefix("--").unwrap_or(&key);
        let long = format!("--{name}");
        let Some(flag) = FLAGS.iter().find(|flag| flag.long == long) else {
            read.notices.push(if CHECKOV_ONLY.contains(&name) {
                format!("{at}: \"{key}\" is a Checkov option tfscan does not have; ignored")
            } else {
                format!("{at}: unknown key \"{key}\"; ignored")
            });
            continue;
        };
        if NOT_IN_A_FILE.contains(&flag.long) {
            read.notices.push(format!(
                "{at}: \"{key}\" means nothing in a configuration file; ignored"
            ));
            continue;
        }
        let mut words = words_of(flag.long, flag.arity, &value)
            .map_err(|message| UsageError::from(format!("{at}: \"{key}\" {message}")))?;
        if flag.long == "--framework" {
            // A file shared with Checkov often lists other frameworks: tfscan scans the
            // Terraform it is given and says so, where the same flag would be refused.
            words = words
                .map(|words| terraform_only(&words))
                .filter(|words| !words.is_empty());
            let others = framework_names(&value)
                .into_iter()
                .filter(|name| *name != "terraform" && *name != "all")
                .collect::<Vec<_>>();
            if !others.is_empty() {
                read.notices.push(format!(
                    "{at}: tfscan scans terraform only; framework {} ignored",
                    others.join(", ")
                ));
            }
        }
        if let Some(words) = words {
            read.settings.push(Setting {
                flag: flag.long,
                words,
            });
        }
    }
    Ok(read)
}

/// The framework names a `framework` value lists (one, a comma-separated list, or a list).
fn framework_names(value: &Yaml) -> Vec<&str> {
    let items: Vec<&str> = match value {
        Yaml::Scalar(text) => alloc::vec![text.as_str()],
        Yaml::List(items) => items
            .iter()
            .filter_map(|item| match item {
                Yaml::Scalar(text) => Some(text.as_str()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    items
        .into_iter()
        .flat_map(|item| item.split(','))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

/// `--framework=...` words keeping only terraform (and all).
fn terraform_only(words: &[String]) -> Vec<String> {
    let mut kept = Vec::new();
    for word in words {
        let value = word.split_once('=').map_or("", |(_, value)| value);
        let names: Vec<&str> = value
            .split(',')
            .map(str::trim)
            .filter(|name| *name == "terraform" || *name == "all")
            .collect();
        if !names.is_empty() {
            kept.push(format!("--framework={}", names.join(",")));
        }
    }
    kept
}

/// The command-line words of one key, or None when it sets nothing (a switch set to false, an
/// empty value).
fn words_of(long: &str, arity: Arity, value: &Yaml) -> Result<Option<Vec<String>>, String> {
    match (arity, value) {
        (_, Yaml::Null) => Ok(None),
        (Arity::Switch, Yaml::Scalar(text)) => match text.to_ascii_lowercase().as_str() {
            "true" | "yes" | "on" | "1" => Ok(Some(alloc::vec![String::from(long)])),
            "false" | "no" | "off" | "0" => Ok(None),
            _ => Err(format!("expects true or false, got \"{text}\"")),
        },
        (Arity::Switch, other) => Err(format!("expects true or false, got {}", other.describe())),
        (_, Yaml::Scalar(text)) if text.is_empty() => Ok(None),
        (_, Yaml::Scalar(text)) => Ok(Some(alloc::vec![format!("{long}={text}")])),
        (Arity::Repeatable, Yaml::List(items)) => {
            let mut words = Vec::new();
            for item in items {
                match item {
                    Yaml::Scalar(text) => words.push(format!("{long}={text}")),
                    Yaml::Null => {}
                    other => {
                        return Err(format!(
                            "expects a list of values, but one item is {}",
                            other.describe()
                        ))
                    }
                }
            }
            Ok((!words.is_empty()).then_some(words))
        }
        (Arity::Value, Yaml::List(_)) => Err(String::from("takes one value, not a list")),
        (_, Yaml::Map(_)) => Err(String::from("expects a value or a list, not a map")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn words(text: &str) -> Vec<String> {
        read(".checkov.yaml", text)
            .unwrap()
            .settings
            .into_iter()
            .flat_map(|setting| setting.words)
            .collect()
    }

    fn error_of(text: &str) -> String {
        read(".checkov.yaml", text).map_or_else(|error| error.message, |_| String::from("no error"))
    }

    #[test]
    fn each_key_becomes_its_flag() {
        assert_eq!(
            words(
                "check: CKV_AWS_1,CKV_AWS_2\nskip-check:\n  - CKV_AWS_3\n  - CKV_AWS_4\n\
                 soft-fail: true\nsoft-fail-on: [LOW]\nhard-fail-on: CKV_AWS_5\ncompact: yes\n\
                 quiet: false\noutput: [cli, json]\noutput-file-path: out\nvar-file: a.tfvars\n\
                 directory: infra\nfile: [main.tf]\nframework: terraform\nbaseline: b.json\n\
                 create-baseline: off\n--ignore-inline-skips: true\nrepo-id: a/b\n\
                 skip-path: [legacy, 'a,b']\n"
            ),
            [
                "--check=CKV_AWS_1,CKV_AWS_2",
                "--skip-check=CKV_AWS_3",
                "--skip-check=CKV_AWS_4",
                "--soft-fail",
                "--soft-fail-on=LOW",
                "--hard-fail-on=CKV_AWS_5",
                "--compact",
                "--output=cli",
                "--output=json",
                "--output-file-path=out",
                "--var-file=a.tfvars",
                "--directory=infra",
                "--file=main.tf",
                "--framework=terraform",
                "--baseline=b.json",
                "--ignore-inline-skips",
                "--repo-id=a/b",
                "--skip-path=legacy",
                "--skip-path=a,b",
            ]
        );
    }

    #[test]
    fn unknown_keys_are_noticed_by_name_and_ignored() {
        let read = read(
            "conf/.checkov.yml",
            "external-checks-git: [x]\ncolour: blue\nconfig-file: other.yaml\nempty:\n",
        )
        .unwrap();
        assert!(read.settings.is_empty());
        assert_eq!(
            read.notices,
            vec![
                String::from(
                    "conf/.checkov.yml:1: \"external-checks-git\" is a Checkov option tfscan does not have; ignored"
                ),
                String::from("conf/.checkov.yml:2: unknown key \"colour\"; ignored"),
                String::from(
                    "conf/.checkov.yml:3: \"config-file\" means nothing in a configuration file; ignored"
                ),
                String::from("conf/.checkov.yml:4: unknown key \"empty\"; ignored"),
            ]
        );
    }

    #[test]
    fn values_of_the_wrong_shape_are_errors_naming_file_and_line() {
        assert_eq!(
            error_of("compact: maybe\n"),
            ".checkov.yaml:1: \"compact\" expects true or false, got \"maybe\""
        );
        assert_eq!(
            error_of("quiet: true\noutput-file-path: [a, b]\n"),
            ".checkov.yaml:2: \"output-file-path\" takes one value, not a list"
        );
        assert_eq!(
            error_of("check:\n  a: b\n"),
            ".checkov.yaml:1: \"check\" expects a value or a list, not a map"
        );
        assert_eq!(
            error_of("- check\n"),
            ".checkov.yaml: expected `key: value` settings (a YAML map), found a list"
        );
        assert_eq!(
            error_of("check: [a\n"),
            ".checkov.yaml:1:1: a `[` or `{` here is never closed"
        );
        assert!(words("# only a comment\n").is_empty());
    }

    #[test]
    fn other_frameworks_are_noticed_not_refused() {
        let read = read("c.yaml", "framework: [terraform, kubernetes]\n").unwrap();
        assert_eq!(read.settings[0].words, ["--framework=terraform"]);
        assert_eq!(
            read.notices,
            ["c.yaml:1: tfscan scans terraform only; framework kubernetes ignored"]
        );
        let read = super::read("c.yaml", "framework: helm\n").unwrap();
        assert!(read.settings.is_empty());
    }

    #[test]
    fn finds_config_files_by_name() {
        assert!(is_config_file(".checkov.yaml"));
        assert!(is_config_file("infra/.checkov.yml"));
        assert!(!is_config_file("checkov.yaml"));
    }
}
