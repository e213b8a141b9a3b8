//! Which failures fail the run: `--soft-fail`, `--soft-fail-on` and `--hard-fail-on`, with
//! Checkov's rules between them. Each of the two lists holds check IDs (with `*`, `?` and
//! `[...]` wildcards, as Python's fnmatch reads them) and severities; a severity in
//! `--soft-fail-on` covers that severity and below, one in `--hard-fail-on` that severity and
//! above. Severities are tfscan's own (Checkov's open-source edition gives none, so there a
//! severity in these lists never matches a check).

use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use crate::check::Severity;
use crate::report::{Outcome, Report};

/// The flags that decide the exit code.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Gates {
    /// `--soft-fail`: failures do not fail the run, unless `--hard-fail-on` names them.
    pub soft_fail: bool,
    /// `--soft-fail-on`: these failures do not fail the run; any other one does.
    pub soft_fail_on: Vec<String>,
    /// `--hard-fail-on`: these failures fail the run; others do not.
    pub hard_fail_on: Vec<String>,
}

/// One list, read: the check patterns, and the severity threshold its severities make.
struct Criteria<'a> {
    checks: Vec<&'a str>,
    threshold: Option<i32>,
}

impl<'a> Criteria<'a> {
    /// `keep_higher`: several severities in `--soft-fail-on` make the highest one the
    /// threshold; in `--hard-fail-on`, the lowest.
    fn read(entries: &'a [String], keep_higher: bool) -> Self {
        let mut criteria = Criteria {
            checks: Vec::new(),
            threshold: None,
        };
        for entry in entries {
            match severity_level(entry) {
                Some(level) => {
                    let better = match criteria.threshold {
                        None => true,
                        Some(threshold) if keep_higher => level > threshold,
                        Some(threshold) => level < threshold,
                    };
                    if better {
                        criteria.threshold = Some(level);
                    }
                }
                None => criteria.checks.push(entry),
            }
        }
        criteria
    }

    fn is_empty(&self) -> bool {
        self.checks.is_empty() && self.threshold.is_none()
    }

    fn names(&self, id: &str) -> bool {
        self.checks.iter().any(|pattern| glob_matches(pattern, id))
    }
}

/// The level of a severity name as Checkov ranks them (`NONE` below everything, `OFF` above
/// everything; `MODERATE` is `MEDIUM` and `IMPORTANT` is `HIGH`), in any case.
pub(crate) fn severity_level(name: &str) -> Option<i32> {
    let level = match name.to_ascii_uppercase().as_str() {
        "NONE" => -999,
        "INFO" => 1,
        "LOW" => 2,
        "MEDIUM" | "MODERATE" => 3,
        "HIGH" | "IMPORTANT" => 4,
        "CRITICAL" => 5,
        "OFF" => 999,
        _ => return None,
    };
    Some(level)
}

pub(crate) fn level_of(severity: Severity) -> i32 {
    match severity {
        Severity::Info => 1,
        Severity::Low => 2,
        Severity::Medium => 3,
        Severity::High => 4,
        Severity::Critical => 5,
    }
}

impl Gates {
    /// The exit code for `report`: 1 when a failure fails the run, else 0.
    pub fn exit_code(&self, report: &Report) -> u8 {
        u8::from(self.fails(report))
    }

    /// True when at least one failed finding fails the run under these flags.
    pub fn fails(&self, report: &Report) -> bool {
        let soft = Criteria::read(&self.soft_fail_on, true);
        let hard = Criteria::read(&self.hard_fail_on, false);
        let mut failed = report
            .findings
            .iter()
            .filter(|finding| finding.outcome == Outcome::Failed)
            .peekable();
        if failed.peek().is_none() {
            return false;
        }
        if soft.is_empty() && hard.is_empty() {
            return !self.soft_fail;
        }
        failed.any(|finding| {
            // A custom policy without a severity is covered by no severity, as in Checkov.
            let level = finding.check.severity().map(level_of);
            let soft_by_severity = soft
                .threshold
                .zip(level)
                .is_some_and(|(threshold, level)| level <= threshold);
            let hard_by_severity = hard
                .threshold
                .zip(level)
                .is_some_and(|(threshold, level)| level >= threshold);
            let named_soft = soft.names(finding.check.id());
            let named_hard = hard.names(finding.check.id());
            // A failure no list speaks for is soft when only --hard-fail-on was given, hard
            // when --soft-fail-on was (it names what may fail, so anything else may not).
            let unnamed_soft = !named_hard && soft.is_empty();
            let unnamed_hard = !named_soft && !soft_by_severity;
            named_hard
                || (hard_by_severity && !named_soft)
                || (unnamed_hard && !unnamed_soft && !self.soft_fail)
        })
    }

    /// Entries of the two lists that are neither a severity nor a pattern any check matches
    /// (a built-in check, or one of the custom policies `custom_ids`): most likely a typo,
    /// which would silently change what fails the run.
    pub fn notices(&self, custom_ids: &[&str]) -> Vec<String> {
        let checks = crate::checks::all();
        let mut notices = Vec::new();
        for (flag, entries) in [
            ("--soft-fail-on", &self.soft_fail_on),
            ("--hard-fail-on", &self.hard_fail_on),
        ] {
            for entry in entries {
                let known = severity_level(entry).is_some()
                    || checks.iter().any(|check| glob_matches(entry, check.id))
                    || custom_ids.iter().any(|id| glob_matches(entry, id));
                if !known {
                    notices.push(format!(
                        "{flag} {entry} is no severity and matches no check (see tfscan --list)"
                    ));
                }
            }
        }
        notices
    }
}

/// Python's `fnmatch` on one name, case-sensitive as on Linux: `*` any run of characters, `?`
/// one character, `[abc]` / `[a-z]` one of a set, `[!abc]` one not in it; a `[` without its `]`
/// is itself.
pub fn glob_matches(pattern: &str, name: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let name: Vec<char> = name.chars().collect();
    matches_from(&pattern, &name)
}

fn matches_from(pattern: &[char], name: &[char]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some(('*', rest)) => (0..=name.len()).any(|skip| matches_from(rest, &name[skip..])),
        Some(('?', rest)) => name
            .split_first()
            .is_some_and(|(_, name_rest)| matches_from(rest, name_rest)),
        Some(('[', rest)) => match set_end(rest) {
            Some(end) => name.split_first().is_some_and(|(character, name_rest)| {
                in_set(&rest[..end], *character) && matches_from(&rest[end + 1..], name_rest)
            }),
            None => name.split_first().is_some_and(|(character, name_rest)| {
                *character == '[' && matches_from(rest, name_rest)
            }),
        },
        Some((literal, rest)) => name.split_first().is_some_and(|(character, name_rest)| {
            character == literal && matches_from(rest, name_rest)
        }),
    }
}

/// Where the `]` closing a set is in `rest` (what follows its `[`); a `]` right after the `[`
/// or `[!` belongs to the set.
fn set_end(rest: &[char]) -> Option<usize> {
    let mut start = usize::from(rest.first() == Some(&'!'));
    if rest.get(start) == Some(&']') {
        start += 1;
    }
    rest.iter()
        .skip(start)
        .position(|character| *character == ']')
        .map(|position| position + start)
}

fn in_set(set: &[char], character: char) -> bool {
    let (negated, set) = match set.split_first() {
        Some(('!', rest)) => (true, rest),
        _ => (false, set),
    };
    let mut found = false;
    let mut index = 0;
    while let Some(&first) = set.get(index) {
        if set.get(index + 1) == Some(&'-') {
            if let Some(&last) = set.get(index + 2) {
                found |= first <= character && character <= last;
                index += 3;
                continue;
            }
        }
        found |= first == character;
        index += 1;
    }
    found != negated
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Finding;
    use crate::syntax::LineRange;
    use alloc::string::ToString;
    use alloc::vec;

    #[test]
    fn wildcards_as_fnmatch_reads_them() {
        assert!(glob_matches("CKV_AWS_*", "CKV_AWS_20"));
        assert!(!glob_matches("CKV_AWS_*", "CKV2_AWS_20"));
        assert!(glob_matches("CKV*_AWS_2?", "CKV2_AWS_20"));
        assert!(glob_matches("CKV_AWS_[12]", "CKV_AWS_2"));
        assert!(glob_matches("CKV_AWS_[!12]", "CKV_AWS_3"));
        assert!(glob_matches("CKV_AWS_[0-9]0", "CKV_AWS_20"));
        assert!(!glob_matches("ckv_aws_20", "CKV_AWS_20"));
        assert!(glob_matches("a[b", "a[b"));
        assert!(glob_matches("*", ""));
    }

    /// A check by ID among tfscan's, and its severity.
    fn check(id: &str) -> &'static crate::check::Check {
        crate::checks::all()
            .into_iter()
            .find(|check| check.id == id)
            .unwrap()
    }

    fn report(failed: &[&str]) -> Report {
        let findings = failed
            .iter()
            .map(|id| Finding {
                check: check(id).into(),
                outcome: Outcome::Failed,
                resource: String::from("aws_s3_bucket.b"),
                file_path: String::from("main.tf"),
                lines: LineRange { first: 1, last: 2 },
                caller: None,
                code: alloc::sync::Arc::from(Vec::new()),
                unknown_because: None,
                root: None,
            })
            .collect();
        Report {
            findings,
            ..Report::default()
        }
    }

    fn gates(soft_fail: bool, soft: &str, hard: &str) -> Gates {
        let list = |text: &str| {
            text.split(',')
                .filter(|entry| !entry.is_empty())
                .map(ToString::to_string)
                .collect()
        };
        Gates {
            soft_fail,
            soft_fail_on: list(soft),
            hard_fail_on: list(hard),
        }
    }

    /// The severities these tests lean on, so that a change of severity shows here first.
    fn assume_severities() -> (&'static str, &'static str) {
        let low = crate::checks::all()
            .into_iter()
            .find(|check| check.severity == Severity::Low)
            .unwrap();
        let high = crate::checks::all()
            .into_iter()
            .find(|check| check.severity >= Severity::High)
            .unwrap();
        (low.id, high.id)
    }

    #[test]
    fn without_gates_any_failure_fails_unless_soft_fail() {
        let (low, _) = assume_severities();
        assert_eq!(gates(false, "", "").exit_code(&report(&[low])), 1);
        assert_eq!(gates(true, "", "").exit_code(&report(&[low])), 0);
        assert_eq!(gates(false, "", "").exit_code(&report(&[])), 0);
        assert_eq!(gates(false, "", "CKV_AWS_*").exit_code(&report(&[])), 0);
    }

    #[test]
    fn soft_fail_on_names_what_may_fail() {
        let (low, high) = assume_severities();
        assert_eq!(gates(false, low, "").exit_code(&report(&[low])), 0);
        assert_eq!(gates(false, low, "").exit_code(&report(&[low, high])), 1);
        assert_eq!(gates(false, "LOW", "").exit_code(&report(&[low])), 0);
        // A severity covers itself and below; several severities: the highest counts.
        assert_eq!(gates(false, "LOW", "").exit_code(&report(&[high])), 1);
        assert_eq!(
            gates(false, "low,CRITICAL", "").exit_code(&report(&[high])),
            0
        );
        assert_eq!(gates(false, "CKV*", "").exit_code(&report(&[low, high])), 0);
    }

    #[test]
    fn hard_fail_on_names_what_must_fail() {
        let (low, high) = assume_severities();
        assert_eq!(gates(false, "", high).exit_code(&report(&[low])), 0);
        assert_eq!(gates(false, "", high).exit_code(&report(&[low, high])), 1);
        // A severity covers itself and above; several severities: the lowest counts.
        assert_eq!(gates(false, "", "HIGH").exit_code(&report(&[low])), 0);
        assert_eq!(gates(false, "", "HIGH").exit_code(&report(&[high])), 1);
        assert_eq!(
            gates(false, "", "CRITICAL,LOW").exit_code(&report(&[low])),
            1
        );
        assert_eq!(gates(false, "", "OFF").exit_code(&report(&[high])), 0);
    }

    #[test]
    fn precedence_between_the_lists() {
        let (low, high) = assume_severities();
        // Named in both: hard wins.
        assert_eq!(gates(false, high, high).exit_code(&report(&[high])), 1);
        // A check named soft beats a severity named hard.
        assert_eq!(gates(false, high, "LOW").exit_code(&report(&[high])), 0);
        // A check named hard beats a severity named soft.
        assert_eq!(
            gates(false, "CRITICAL", high).exit_code(&report(&[high])),
            1
        );
        // Named by neither list while --soft-fail-on is given: hard.
        assert_eq!(
            gates(false, "LOW", "CRITICAL").exit_code(&report(&[high])),
            1
        );
        // --soft-fail makes unnamed failures soft, but not what --hard-fail-on names.
        assert_eq!(gates(true, "LOW", "").exit_code(&report(&[high])), 0);
        assert_eq!(gates(true, "", high).exit_code(&report(&[high])), 1);
        assert_eq!(gates(true, "", "HIGH").exit_code(&report(&[low])), 0);
    }

    #[test]
    fn typos_are_noticed() {
        let notices = gates(false, "HIHG,CKV_AWS_*", "CKV_NOPE_1").notices(&[]);
        assert_eq!(
            notices,
            vec![
                String::from(
                    "--soft-fail-on HIHG is no severity and matches no check (see tfscan --list)"
                ),
                String::from(
                    "--hard-fail-on CKV_NOPE_1 is no severity and matches no check (see tfscan --list)"
                ),
            ]
        );
    }
}
