//! What a scan found: one finding per check and resource, the files that could not be read,
//! and the module calls that could not be followed.

use alloc::string::String;
use alloc::vec::Vec;

use crate::check::CheckRef;
use crate::syntax::{LineRange, ParseError};

/// The result of a scan, independent of how it is shown.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// Sorted by file, lines, resource and check ID.
    pub findings: Vec<Finding>,
    /// Each problem that kept a file from being scanned (a file may have several: two module
    /// calls of one file in a cycle), in the order found.
    pub parsing_errors: Vec<ParsingError>,
    /// Resource instances evaluated, data sources not included (Checkov's `resource_count`).
    pub resource_count: usize,
    /// Module calls whose source is not on disk (registry, git, http): not fetched, not scanned.
    pub unscanned_modules: Vec<UnscannedModule>,
    /// Blocks that create nothing: `count = 0` or an empty `for_each` (no findings for them).
    pub not_created: Vec<NotCreated>,
    /// Inline suppressions that name a check tfscan does not know, or that silenced nothing.
    pub suppression_notes: Vec<SuppressionNote>,
    /// Files given to the scan, and how many of them were Terraform that parsed.
    pub files_read: usize,
    pub files_scanned: usize,
    /// The files given that were not scanned, each with the reason; with `files_scanned` they
    /// make up `files_read`.
    pub skipped_files: Vec<SkippedFile>,
    /// Limits that stopped part of the scan (see [`crate::limits`]), where they did.
    pub limit_notes: Vec<LimitNote>,
    /// Custom policy files that could not be read (see [`crate::custom::load`]): the host
    /// that read the policies puts them here, once for the whole run.
    pub policy_problems: Vec<crate::custom::PolicyProblem>,
}

/// A file that could not be read as Terraform, and the scanned folder its path is relative to.
/// It reads as the [`ParseError`] it holds (`error.path`, `error.line`, ...).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParsingError {
    pub error: ParseError,
    /// The scanned folder, where the host says (see [`Root`]).
    pub root: Option<alloc::sync::Arc<Root>>,
}

impl From<ParseError> for ParsingError {
    fn from(error: ParseError) -> Self {
        Self { error, root: None }
    }
}

impl core::ops::Deref for ParsingError {
    type Target = ParseError;

    fn deref(&self) -> &ParseError {
        &self.error
    }
}

/// `path:line:column: message`, the path from where the scan ran (see
/// [`ParsingError::shown_path`]): what the command line prints, so that two scanned folders
/// stay apart and an editor opens the file.
impl core::fmt::Display for ParsingError {
    fn fmt(&self, formatter: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(
            formatter,
            "{}:{}:{}: {}",
            self.shown_path(),
            self.error.line,
            self.error.column,
            self.error.message
        )
    }
}

impl ParsingError {
    /// The file's path from where the scan ran (`infra/main.tf`), where the host named the
    /// scanned folder; else as the host named the file.
    pub fn shown_path(&self) -> String {
        match &self.root {
            Some(root) => root.relative_path(&self.error.path),
            None => self.error.path.clone(),
        }
    }

    /// The file's absolute path where the host knows the scanned folder's, else its path as
    /// the host named it (Checkov's `results.parsing_errors` holds absolute paths).
    pub fn absolute_path(&self) -> String {
        absolute_or_given(self.root.as_deref(), &self.error.path)
    }
}

/// `path` (relative to the scanned folder `root`) as an absolute path where the host knows the
/// folder's, else as given.
pub fn absolute_or_given(root: Option<&Root>, path: &str) -> String {
    root.and_then(|root| root.absolute_path(path))
        .unwrap_or_else(|| String::from(path))
}

/// A file given to the scan that was not scanned, and why (not Terraform, too large, past the
/// file limit, did not parse).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SkippedFile {
    pub path: String,
    pub reason: String,
}

/// A limit reached while evaluating a block: the values it stopped are unknown, and the rest
/// of the scan went on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitNote {
    pub file_path: String,
    /// The first line of the block being evaluated.
    pub line: u32,
    pub message: String,
}

/// One check's answer on one resource.
#[derive(Debug, Clone)]
pub struct Finding {
    pub check: CheckRef,
    pub outcome: Outcome,
    /// Checkov's id of the block: `aws_s3_bucket.logs`, `module.web.aws_lb.this[0]`; data
    /// sources without `data.`.
    pub resource: String,
    /// The file holding the block, as the host named it (relative to the scanned folder).
    pub file_path: String,
    pub lines: LineRange,
    /// For a resource inside a module: the `module` block that called it.
    pub caller: Option<Caller>,
    /// The block's lines, `(line number, text)`, kept for failed findings only (for people).
    /// Shared by the findings of one block.
    pub code: alloc::sync::Arc<[(u32, String)]>,
    /// For an unknown finding: why the check could not decide (which of the block's values
    /// are known only after apply). Shared by the findings of one block.
    pub unknown_because: Option<alloc::sync::Arc<str>>,
    /// The scanned folder `file_path` is relative to, where the host says (see [`Root`]).
    pub root: Option<alloc::sync::Arc<Root>>,
}

/// A scanned folder as the host knows it, so that reports can name files the way the person
/// who ran the scan sees them: `infra/main.tf` from where the scan ran, `/home/me/infra/main.tf`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Root {
    /// The folder relative to where the scan ran (`infra`, `.`), with `/` between names.
    pub relative: String,
    /// The folder as an absolute path, with `/` between names, where the host knows it.
    pub absolute: Option<String>,
}

impl Root {
    /// `path` (relative to this folder) relative to where the scan ran: `infra/main.tf`.
    /// A folder given as an absolute path gives absolute paths; an absolute `path` (a
    /// `--var-file` given so) stays as it is.
    pub fn relative_path(&self, path: &str) -> String {
        if path.starts_with('/') {
            return String::from(path);
        }
        let joined = crate::engine::normalize_path(&self.relative, path);
        if self.relative.starts_with('/') {
            alloc::format!("/{joined}")
        } else {
            joined
        }
    }

    /// `path` (relative to this folder) as an absolute path, where the host knows the folder's.
    pub fn absolute_path(&self, path: &str) -> Option<String> {
        if path.starts_with('/') {
            return Some(String::from(path));
        }
        let absolute = self.absolute.as_deref()?;
        let joined = crate::engine::normalize_path(absolute, path);
        Some(if absolute.starts_with('/') {
            alloc::format!("/{joined}")
        } else {
            joined
        })
    }
}

/// The `module` block through which a resource was reached.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Caller {
    pub file_path: String,
    pub lines: LineRange,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    Passed,
    Failed,
    /// Silenced by an inline `checkov:skip` comment, with its reason (may be empty).
    Skipped {
        reason: String,
    },
    /// The value the check needs cannot be known statically.
    Unknown,
}

impl Outcome {
    /// Checkov's word for the outcome.
    pub fn as_str(&self) -> &'static str {
        match self {
            Outcome::Passed => "PASSED",
            Outcome::Failed => "FAILED",
            Outcome::Skipped { .. } => "SKIPPED",
            Outcome::Unknown => "UNKNOWN",
        }
    }
}

/// A suppression comment worth a second look.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SuppressionNote {
    pub file_path: String,
    pub line: u32,
    /// The check as the comment names it (`CKV_AWS_20`, `aws-s3-block-public-acls`).
    pub check: String,
    pub problem: SuppressionProblem,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SuppressionProblem {
    /// tfscan has no check of that ID (for tfsec / Trivy IDs: none of the same meaning).
    UnknownCheck,
    /// The check ran, but the comment silenced none of its findings.
    MatchedNothing,
    /// A `tfsec:ignore` / `trivy:ignore` past its `exp:` date: it no longer applies.
    Expired,
    /// A `checkov:skip` ID with a wildcard (`CKV_AWS_*`): skips take exact IDs, so it
    /// silences nothing, nor do the IDs written after it.
    Wildcard,
}

impl SuppressionProblem {
    /// The problem's name in JSON (`suppression_notes[].problem`).
    pub fn name(self) -> &'static str {
        match self {
            SuppressionProblem::UnknownCheck => "unknown_check",
            SuppressionProblem::MatchedNothing => "matched_nothing",
            SuppressionProblem::Expired => "expired",
            SuppressionProblem::Wildcard => "wildcard",
        }
    }

    /// What the note says, in a few words.
    pub fn as_str(self) -> &'static str {
        match self {
            SuppressionProblem::UnknownCheck => "names a check tfscan does not have",
            SuppressionProblem::MatchedNothing => "silenced nothing",
            SuppressionProblem::Expired => "has expired and no longer applies",
            SuppressionProblem::Wildcard => {
                "has a wildcard, which a skip comment does not take (nor does Checkov's): \
                 it silences nothing, nor do the IDs after it; name each check"
            }
        }
    }
}

/// A module call that was not followed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnscannedModule {
    /// `module.vpc`, or `module.app.module.vpc` when nested.
    pub address: String,
    pub source: String,
    pub file_path: String,
    pub lines: LineRange,
    pub reason: String,
}

/// A resource, data source or module call whose `count` or `for_each` made no instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotCreated {
    /// `aws_s3_bucket.logs`, `module.app.aws_lb.this`, or a module call `module.app`.
    pub address: String,
    pub file_path: String,
    pub lines: LineRange,
}

/// The counts a report opens with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Summary {
    pub passed: usize,
    pub failed: usize,
    pub skipped: usize,
    pub unknown: usize,
    /// Files that did not parse, each counted once (Checkov's count).
    pub parsing_errors: usize,
    pub resource_count: usize,
}

impl Summary {
    /// Passed checks as a share of passed and failed, in percent; `None` when no check passed
    /// or failed (a folder of variables only, or only unknown verdicts).
    pub fn pass_rate(&self) -> Option<f64> {
        let decided = self.passed + self.failed;
        (decided > 0).then(|| self.passed as f64 * 100.0 / decided as f64)
    }

    /// [`Summary::pass_rate`] as reports print it: `87.5%`, or `n/a`.
    pub fn pass_rate_text(&self) -> String {
        self.pass_rate()
            .map_or_else(|| String::from("n/a"), |rate| alloc::format!("{rate:.1}%"))
    }
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut summary = Summary {
            parsing_errors: self.files_not_parsed().len(),
            resource_count: self.resource_count,
            ..Summary::default()
        };
        for finding in &self.findings {
            match finding.outcome {
                Outcome::Passed => summary.passed += 1,
                Outcome::Failed => summary.failed += 1,
                Outcome::Skipped { .. } => summary.skipped += 1,
                Outcome::Unknown => summary.unknown += 1,
            }
        }
        summary
    }

    /// The files that did not parse, each once, in the order of their first problem: Checkov's
    /// `results.parsing_errors`.
    pub fn files_not_parsed(&self) -> Vec<&ParsingError> {
        let mut seen = alloc::collections::BTreeSet::new();
        self.parsing_errors
            .iter()
            .filter(|error| {
                let root = error.root.as_ref().map(|root| root.relative.as_str());
                seen.insert((root, error.path.as_str()))
            })
            .collect()
    }

    /// True when at least one check failed (the command line then exits 1).
    pub fn has_failures(&self) -> bool {
        self.findings
            .iter()
            .any(|finding| finding.outcome == Outcome::Failed)
    }

    /// Says which folder the findings and parsing errors that do not name one yet were
    /// scanned in.
    pub fn set_root(&mut self, root: &Root) {
        let root = alloc::sync::Arc::new(root.clone());
        for finding in &mut self.findings {
            if finding.root.is_none() {
                finding.root = Some(root.clone());
            }
        }
        for error in &mut self.parsing_errors {
            if error.root.is_none() {
                error.root = Some(root.clone());
            }
        }
    }

    /// Appends another scan's report, as hosts combine the scans of several folders or files
    /// (`-d a -d b`): findings, parsing errors and unscanned modules follow this report's, in
    /// order, and the counts add up.
    pub fn merge(&mut self, other: Report) {
        // Every field by name, so that a new field cannot be forgotten here.
        let Report {
            findings,
            parsing_errors,
            resource_count,
            unscanned_modules,
            not_created,
            suppression_notes,
            files_read,
            files_scanned,
            skipped_files,
            limit_notes,
            policy_problems,
        } = other;
        self.findings.extend(findings);
        self.parsing_errors.extend(parsing_errors);
        self.resource_count += resource_count;
        self.unscanned_modules.extend(unscanned_modules);
        self.not_created.extend(not_created);
        self.suppression_notes.extend(suppression_notes);
        self.files_read += files_read;
        self.files_scanned += files_scanned;
        self.skipped_files.extend(skipped_files);
        self.limit_notes.extend(limit_notes);
        self.policy_problems.extend(policy_problems);
    }
}
