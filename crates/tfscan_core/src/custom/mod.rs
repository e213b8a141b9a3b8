//! Custom policies written for Checkov in YAML (or JSON): a team's own checks, read at run
//! time and run beside tfscan's built-in ones with Checkov 3.3.30's verdicts.
//!
//! A policy has `metadata` (`id`, `name`, `category`, and optionally `severity` and
//! `guideline`) and a `definition`: `attribute`, `connection`, `filter` and `resource` blocks
//! under `and`, `or` and `not` (see [`definition`]). [`load`] reads policy files; the engine
//! runs the policies in [`crate::ScanOptions::policies`] over every block instance of a scan
//! ([`solve`]), and their findings carry the policy's ID, name, severity and guideline like
//! those of built-in checks, so `--check`, `--skip-check`, skip comments, baselines and the
//! gates apply to them.
//!
//! A file that is not a policy, or that uses something Checkov does not have (an unknown
//! operator or `cond_type`), is reported with its line and left out; the others still run.

mod attribute;
pub mod definition;
mod document;
mod net;
mod python;
mod regex;
pub mod solve;
mod view;

use alloc::format;
use alloc::string::String;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;

use crate::check::Severity;
use definition::{Condition, Problem, Scope};
use document::{Doc, DocValue};
use python::Py;

/// One custom policy, read.
#[derive(Debug, Clone)]
pub struct Policy {
    pub id: String,
    pub name: String,
    /// `metadata.category` (`GENERAL_SECURITY`, `LOGGING`, ...), as written.
    pub category: String,
    /// None when the policy gives none (or one Checkov does not know).
    pub severity: Option<Severity>,
    pub guideline: Option<String>,
    /// The file it was read from, as the host named it.
    pub path: String,
    pub(crate) definition: Condition,
}

/// A policy file that was left out, or a part of one that was read differently than written:
/// where, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PolicyProblem {
    pub path: String,
    /// 1-based; 0 when the problem has no line (a JSON file's contents).
    pub line: u32,
    /// 1-based; 0 when only the line is known.
    pub column: u32,
    pub message: String,
}

impl fmt::Display for PolicyProblem {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.column) {
            (0, _) => write!(formatter, "{}: {}", self.path, self.message),
            (line, 0) => write!(formatter, "{}:{line}: {}", self.path, self.message),
            (line, column) => write!(formatter, "{}:{line}:{column}: {}", self.path, self.message),
        }
    }
}

/// Policies read from a set of files, and the problems met.
#[derive(Debug, Clone, Default)]
pub struct Policies {
    /// In the order of their files' paths.
    pub policies: Vec<Arc<Policy>>,
    pub problems: Vec<PolicyProblem>,
}

/// True for the files a folder of policies holds: `.yaml`, `.yml` and `.json`, as Checkov
/// reads them.
pub fn is_policy_file(path: &str) -> bool {
    matches!(extension(path), Some("yaml" | "yml" | "json"))
}

/// True for a Python custom check (`.py`), which tfscan does not run.
pub fn is_python_check(path: &str) -> bool {
    extension(path) == Some("py")
}

/// A file name's extension as Python's `os.path.splitext` gives it to Checkov (a leading dot
/// starts no extension), compared case-sensitively as Checkov compares it.
fn extension(path: &str) -> Option<&str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.trim_start_matches('.')
        .rsplit_once('.')
        .map(|(_, extension)| extension)
}

/// Reads policy files (path and text). Files are taken in path order; of two policies with
/// the same ID the first is kept, as Checkov keeps the first it loads.
pub fn load(files: &[(String, String)]) -> Policies {
    let mut order: Vec<&(String, String)> = files.iter().collect();
    order.sort_by(|a, b| a.0.cmp(&b.0));
    let mut loaded = Policies::default();
    for (path, text) in order {
        if !is_policy_file(path) {
            let message = if is_python_check(path) {
                "Python custom checks are not run by tfscan (only YAML and JSON policies are); \
                 skipped"
            } else {
                "not a policy file (.yaml, .yml or .json); skipped"
            };
            loaded.problems.push(PolicyProblem {
                path: path.clone(),
                line: 0,
                column: 0,
                message: String::from(message),
            });
            continue;
        }
        match read(path, text, &mut loaded.problems) {
            Ok(policy) => {
                if let Some(first) = loaded.policies.iter().find(|known| known.id == policy.id) {
                    loaded.problems.push(PolicyProblem {
                        path: path.clone(),
                        line: 0,
                        column: 0,
                        message: format!(
                            "the policy ID {} is also defined in {}; this file is ignored",
                            policy.id, first.path
                        ),
                    });
                    continue;
                }
                loaded.policies.push(Arc::new(policy));
            }
            Err(problem) => loaded.problems.push(problem),
        }
    }
    loaded
}

/// Reads one policy file. Notes about parts read differently than written go to `notes`.
fn read(path: &str, text: &str, notes: &mut Vec<PolicyProblem>) -> Result<Policy, PolicyProblem> {
    let problem = |problem: Problem| PolicyProblem {
        path: String::from(path),
        line: problem.line,
        column: 0,
        message: problem.message,
    };
    let document = Doc::read(path, text).map_err(|error| PolicyProblem {
        path: String::from(path),
        line: error.line,
        column: error.column,
        message: error.message,
    })?;
    let DocValue::Map(_) = &document.value else {
        return Err(problem(Problem::new(
            document.line,
            format!(
                "expected a policy (a map with `metadata` and `definition`), found {}",
                document.describe()
            ),
        )));
    };

    let metadata = document.get("metadata");
    let field = |name: &str| -> Option<(Py, u32)> {
        let (metadata, _) = metadata?;
        metadata
            .get(name)
            .map(|(value, line)| (value.to_py(), line))
    };
    if let Some((value, line)) = metadata {
        if !matches!(value.value, DocValue::Map(_)) {
            return Err(problem(Problem::new(
                line,
                format!("`metadata` must be a map, not {}", value.describe()),
            )));
        }
    }
    let mut missing: Vec<&str> = ["id", "name", "category"]
        .into_iter()
        .filter(|name| field(name).is_none())
        .map(|name| match name {
            "id" => "metadata.id",
            "name" => "metadata.name",
            _ => "metadata.category",
        })
        .collect();
    if document.get("definition").is_none() {
        missing.push("definition");
    }
    if !missing.is_empty() {
        return Err(problem(Problem::new(
            0,
            format!("not a policy: {} missing", missing.join(", ")),
        )));
    }
    let text_of = |name: &str| {
        field(name)
            .map(|(value, _)| value.to_str())
            .unwrap_or_default()
    };
    let id = text_of("id");
    let name = text_of("name");
    let category = text_of("category");
    let guideline = match field("guideline") {
        None | Some((Py::None, _)) => None,
        Some((value, _)) => Some(value.to_str()),
    };
    let severity = match field("severity") {
        None | Some((Py::None, _)) => None,
        Some((Py::Str(text), _)) if text.is_empty() => None,
        Some((value, line)) => {
            let written = value.to_str();
            let severity = severity_named(&written);
            if severity.is_none()
                && !matches!(written.to_ascii_uppercase().as_str(), "NONE" | "OFF")
            {
                notes.push(PolicyProblem {
                    path: String::from(path),
                    line,
                    column: 0,
                    message: format!(
                        "unknown severity \"{written}\" (INFO, LOW, MEDIUM, HIGH or CRITICAL): \
                         the policy runs without a severity"
                    ),
                });
            }
            severity
        }
    };

    let scope = Scope::read(&document).map_err(problem)?;
    let (definition, line) = document
        .get("definition")
        .ok_or_else(|| problem(Problem::new(0, "not a policy: definition missing")))?;
    if let DocValue::Scalar(_) = definition.value {
        return Err(problem(Problem::new(
            line,
            format!(
                "`definition` must be a map (a condition, or `and` / `or` / `not`), not {}",
                definition.describe()
            ),
        )));
    }
    let definition = definition::read(definition, line, &scope).map_err(problem)?;
    if let Condition::Filter { .. } = definition {
        return Err(problem(Problem::new(
            line,
            "a filter cannot stand alone: put it in an `and` with a connection",
        )));
    }
    Ok(Policy {
        id,
        name,
        category,
        severity,
        guideline,
        path: String::from(path),
        definition,
    })
}

/// A severity by Checkov's names (any case; `MODERATE` is MEDIUM, `IMPORTANT` is HIGH).
fn severity_named(name: &str) -> Option<Severity> {
    match name.to_ascii_uppercase().as_str() {
        "INFO" => Some(Severity::Info),
        "LOW" => Some(Severity::Low),
        "MEDIUM" | "MODERATE" => Some(Severity::Medium),
        "HIGH" | "IMPORTANT" => Some(Severity::High),
        "CRITICAL" => Some(Severity::Critical),
        _ => None,
    }
}

impl Policy {
    /// Where a person reads more about the policy, when it says.
    pub fn guideline(&self) -> Option<&str> {
        self.guideline.as_deref()
    }
}

#[cfg(test)]
mod tests;
