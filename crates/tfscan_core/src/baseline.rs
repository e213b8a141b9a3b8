//! Baselines, as Checkov keeps them: `--create-baseline` writes today's failures to
//! `.checkov.baseline` (Checkov's JSON shape, so that either tool reads the other's), and
//! `--baseline FILE` narrows a report to what changed since: failures the baseline does not
//! hold, plus the passed, skipped and unknown findings of (check, resource) pairs it holds
//! (what was fixed or silenced since). As in Checkov, a finding is in the baseline when its
//! resource and check ID are, whatever its file: the file is written for people to read.

use alloc::collections::{BTreeMap, BTreeSet};
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write as _;

use crate::render::json::display_path;
use crate::report::{Outcome, Report};

/// The name of the file `--create-baseline` writes in the scanned folder.
pub const FILE_NAME: &str = ".checkov.baseline";

/// What `--output-baseline-as-skipped` puts as the reason of a failure the baseline holds.
pub const SKIP_REASON: &str = "baseline-skipped";

/// The failures of `report` as a baseline file: files in order, in each the resources in
/// order, each with its failed check IDs in order; indented by four spaces, non-ASCII text
/// escaped, and no newline at the end, byte for byte as Checkov writes it.
pub fn create(report: &Report) -> String {
    let mut by_file: BTreeMap<String, BTreeMap<&str, Vec<&str>>> = BTreeMap::new();
    for finding in &report.findings {
        if finding.outcome == Outcome::Failed {
            by_file
                .entry(display_path(&finding.file_path))
                .or_default()
                .entry(finding.resource.as_str())
                .or_default()
                .push(finding.check.id());
        }
    }

    let mut out = String::from("{\n    \"failed_checks\": [");
    if by_file.is_empty() {
        out.push_str("]\n}");
        return out;
    }
    for (file_index, (file, resources)) in by_file.iter().enumerate() {
        out.push_str(if file_index == 0 { "\n" } else { ",\n" });
        out.push_str("        {\n            \"file\": ");
        push_string(&mut out, file);
        out.push_str(",\n            \"findings\": [");
        for (resource_index, (resource, check_ids)) in resources.iter().enumerate() {
            out.push_str(if resource_index == 0 { "\n" } else { ",\n" });
            out.push_str("                {\n                    \"resource\": ");
            push_string(&mut out, resource);
            out.push_str(",\n                    \"check_ids\": [");
            let mut check_ids = check_ids.clone();
            check_ids.sort_unstable();
            for (check_index, check_id) in check_ids.iter().enumerate() {
                out.push_str(if check_index == 0 { "\n" } else { ",\n" });
                out.push_str("                        ");
                push_string(&mut out, check_id);
            }
            out.push_str("\n                    ]\n                }");
        }
        out.push_str("\n            ]\n        }");
    }
    out.push_str("\n    ]\n}");
    out
}

/// A JSON string as Python's `json.dump` writes it by default: non-ASCII characters as
/// `\uXXXX` (lowercase hex, surrogate pairs beyond the first plane).
fn push_string(out: &mut String, text: &str) {
    out.push('"');
    for character in text.chars() {
        match character {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            ' '..='~' => out.push(character),
            other => {
                let mut units = [0u16; 2];
                for unit in other.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

/// A baseline read from its file: the (resource, check ID) pairs it holds.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Baseline {
    pairs: BTreeSet<(String, String)>,
}

impl Baseline {
    /// Reads a baseline file's text; `name` says which file in messages.
    ///
    /// # Errors
    ///
    /// Text that is not JSON, or JSON that is not a baseline's shape.
    pub fn parse(name: &str, text: &str) -> Result<Self, String> {
        let document: serde_json::Value = serde_json::from_str(text)
            .map_err(|error| alloc::format!("{name}: not JSON: {error}"))?;
        let shape = || {
            alloc::format!(
                "{name}: not a baseline file (expected {{\"failed_checks\": [{{\"file\": ..., \
                 \"findings\": [{{\"resource\": ..., \"check_ids\": [...]}}]}}]}})"
            )
        };
        let mut baseline = Baseline::default();
        let Some(object) = document.as_object() else {
            return Err(shape());
        };
        let Some(files) = object.get("failed_checks") else {
            return Ok(baseline);
        };
        for file in files.as_array().ok_or_else(shape)? {
            let findings = file
                .get("findings")
                .and_then(serde_json::Value::as_array)
                .ok_or_else(shape)?;
            for finding in findings {
                let resource = finding
                    .get("resource")
                    .and_then(serde_json::Value::as_str)
                    .ok_or_else(shape)?;
                let check_ids = finding
                    .get("check_ids")
                    .and_then(serde_json::Value::as_array)
                    .ok_or_else(shape)?;
                for check_id in check_ids {
                    let check_id = check_id.as_str().ok_or_else(shape)?;
                    baseline
                        .pairs
                        .insert((String::from(resource), String::from(check_id)));
                }
            }
        }
        Ok(baseline)
    }

    /// True when the baseline holds `check_id` failing on `resource`.
    pub fn holds(&self, resource: &str, check_id: &str) -> bool {
        self.pairs
            .contains(&(String::from(resource), String::from(check_id)))
    }

    /// Narrows `report` to what changed since the baseline: failures it holds are left out
    /// (or, with `as_skipped`, reported as skipped with the reason `baseline-skipped`); other
    /// failures stay; passed, skipped and unknown findings stay only when the baseline holds
    /// their resource and check.
    pub fn apply(&self, report: &mut Report, as_skipped: bool) {
        report.findings.retain_mut(|finding| {
            let held = self.holds(&finding.resource, finding.check.id());
            match finding.outcome {
                Outcome::Failed if held && as_skipped => {
                    finding.outcome = Outcome::Skipped {
                        reason: String::from(SKIP_REASON),
                    };
                    true
                }
                Outcome::Failed => !held,
                _ => held,
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::Finding;
    use crate::syntax::LineRange;

    fn finding(id: &str, resource: &str, file: &str, outcome: Outcome) -> Finding {
        Finding {
            check: crate::checks::all()
                .into_iter()
                .find(|check| check.id == id)
                .unwrap()
                .into(),
            outcome,
            resource: String::from(resource),
            file_path: String::from(file),
            lines: LineRange { first: 1, last: 3 },
            caller: None,
            code: alloc::sync::Arc::from(Vec::new()),
            unknown_because: None,
            root: None,
        }
    }

    fn sample() -> Report {
        Report {
            findings: alloc::vec![
                finding("CKV_AWS_21", "aws_s3_bucket.b", "s3.tf", Outcome::Failed),
                finding("CKV_AWS_18", "aws_s3_bucket.b", "s3.tf", Outcome::Failed),
                finding("CKV_AWS_20", "aws_s3_bucket.b", "s3.tf", Outcome::Passed),
                finding("CKV_AWS_7", "aws_kms_key.k", "kms.tf", Outcome::Failed),
                finding("CKV_AWS_7", "aws_kms_key.é", "kms.tf", Outcome::Failed),
            ],
            ..Report::default()
        }
    }

    #[test]
    fn writes_checkovs_shape_sorted() {
        let expected = r#"{
    "failed_checks": [
        {
            "file": "/kms.tf",
            "findings": [
                {
                    "resource": "aws_kms_key.k",
                    "check_ids": [
                        "CKV_AWS_7"
                    ]
                },
                {
                    "resource": "aws_kms_key.\u00e9",
                    "check_ids": [
                        "CKV_AWS_7"
                    ]
                }
            ]
        },
        {
            "file": "/s3.tf",
            "findings": [
                {
                    "resource": "aws_s3_bucket.b",
                    "check_ids": [
                        "CKV_AWS_18",
                        "CKV_AWS_21"
                    ]
                }
            ]
        }
    ]
}"#;
        assert_eq!(create(&sample()), expected);
        assert_eq!(
            create(&Report::default()),
            "{\n    \"failed_checks\": []\n}"
        );
    }

    #[test]
    fn reads_back_what_it_writes_and_keeps_only_new_failures() {
        let baseline = Baseline::parse(".checkov.baseline", &create(&sample())).unwrap();
        assert!(baseline.holds("aws_kms_key.é", "CKV_AWS_7"));

        let mut today = sample();
        today.findings.push(finding(
            "CKV_AWS_19",
            "aws_s3_bucket.b",
            "s3.tf",
            Outcome::Failed,
        ));
        // Fixed since the baseline: kept, to show it.
        today.findings[0].outcome = Outcome::Passed;
        baseline.apply(&mut today, false);
        let left: Vec<(&str, &str)> = today
            .findings
            .iter()
            .map(|finding| (finding.check.id(), finding.outcome.as_str()))
            .collect();
        assert_eq!(left, [("CKV_AWS_21", "PASSED"), ("CKV_AWS_19", "FAILED")]);
    }

    #[test]
    fn matches_by_resource_and_check_whatever_the_file() {
        let baseline = Baseline::parse("b", &create(&sample())).unwrap();
        let mut moved = Report {
            findings: alloc::vec![finding(
                "CKV_AWS_7",
                "aws_kms_key.k",
                "other.tf",
                Outcome::Failed
            )],
            ..Report::default()
        };
        baseline.apply(&mut moved, true);
        assert_eq!(
            moved.findings[0].outcome,
            Outcome::Skipped {
                reason: String::from("baseline-skipped")
            }
        );
    }

    #[test]
    fn refuses_what_is_not_a_baseline() {
        assert!(Baseline::parse("b", "nope")
            .unwrap_err()
            .starts_with("b: not JSON: "));
        assert!(Baseline::parse("b", "{\"failed_checks\": [{\"file\": 1}]}")
            .unwrap_err()
            .starts_with("b: not a baseline file"));
        assert_eq!(Baseline::parse("b", "{}").unwrap(), Baseline::default());
    }
}
