//! Custom policies in Checkov's YAML format, against Checkov 3.3.30's own verdicts on the same
//! inputs. Each folder of tests/fixtures/custom_policies holds `terraform/` (scanned),
//! `policies/` (given with --external-checks-dir) and `checkov.tsv`: what Checkov 3.3.30
//! answered, recorded offline by scripts/record-custom-policy-verdicts (Checkov itself never
//! runs in these tests).
//!
//! Every (policy, resource) verdict must be Checkov's, with two kinds of exceptions:
//! - tfscan answers UNKNOWN where the value a condition reads is known only after apply (an
//!   unset variable, another resource's ID) and Checkov answers nothing (it sees an unrendered
//!   reference and leaves the resource out of the check's results);
//! - the rows of `differences.tsv`, each with the reason tfscan's answer is the right one.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::tfscan;

/// The policy ID patterns of the fixtures.
const POLICY_IDS: &str = "CKV2_CUSTOM_*,CKV2_T_*,CKV2_C_*,CKV2_M_*,CKV2_E_*";

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/custom_policies")
}

/// The scenario folders, by name.
fn scenarios() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixtures())
        .expect("the fixtures")
        .filter_map(Result::ok)
        .filter(|entry| entry.path().join("policies").is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

type Verdicts = BTreeMap<(String, String), String>;

/// Checkov's recorded verdicts of one scenario: (check, resource) to PASSED / FAILED / SKIPPED.
fn checkov(scenario: &str) -> Verdicts {
    let text = std::fs::read_to_string(fixtures().join(scenario).join("checkov.tsv"))
        .expect("checkov.tsv (scripts/record-custom-policy-verdicts writes it)");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 3, "checkov.tsv: {line}");
            (
                (fields[0].to_string(), fields[1].to_string()),
                fields[2].to_string(),
            )
        })
        .collect()
}

/// tfscan's verdicts on one scenario, and its JSON report.
fn tfscan_verdicts(scenario: &str) -> (Verdicts, serde_json::Value) {
    let folder = fixtures().join(scenario).join("terraform");
    let run = tfscan(
        &folder,
        &[
            "-d",
            ".",
            "--external-checks-dir",
            "../policies",
            "-o",
            "json",
            "--check",
            POLICY_IDS,
        ],
    );
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    let report = run.json();
    let mut verdicts = Verdicts::new();
    for list in [
        "passed_checks",
        "failed_checks",
        "skipped_checks",
        "unknown_checks",
    ] {
        for row in report["results"][list].as_array().expect("a list") {
            let key = (
                row["check_id"].as_str().unwrap_or_default().to_string(),
                row["resource"].as_str().unwrap_or_default().to_string(),
            );
            let result = row["check_result"]["result"].as_str().unwrap_or_default();
            let previous = verdicts.insert(key.clone(), result.to_string());
            assert!(previous.is_none(), "{scenario}: {key:?} reported twice");
        }
    }
    (verdicts, report)
}

/// One listed difference: what Checkov and tfscan answer (`-` for no answer), and why tfscan's
/// answer stands.
struct Difference {
    checkov: String,
    tfscan: String,
    reason: String,
}

/// differences.tsv: scenario, check, resource, Checkov's answer, tfscan's, the reason.
fn differences() -> BTreeMap<(String, String, String), Difference> {
    let text = std::fs::read_to_string(fixtures().join("differences.tsv")).expect("differences");
    text.lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let fields: Vec<&str> = line.split('\t').collect();
            assert_eq!(fields.len(), 6, "differences.tsv: {line}");
            assert!(
                !fields[5].trim().is_empty(),
                "differences.tsv: no reason: {line}"
            );
            (
                (
                    fields[0].to_string(),
                    fields[1].to_string(),
                    fields[2].to_string(),
                ),
                Difference {
                    checkov: fields[3].to_string(),
                    tfscan: fields[4].to_string(),
                    reason: fields[5].to_string(),
                },
            )
        })
        .collect()
}

#[test]
fn verdicts_are_checkovs_but_for_unknown_values_and_the_listed_differences() {
    let differences = differences();
    let mut used = BTreeSet::new();
    let mut unexplained = Vec::new();
    let (mut same, mut unknown, mut listed) = (0, 0, 0);
    for scenario in scenarios() {
        let expected = checkov(&scenario);
        let (actual, _) = tfscan_verdicts(&scenario);
        let keys: BTreeSet<&(String, String)> = expected.keys().chain(actual.keys()).collect();
        for key in keys {
            let theirs = expected.get(key).map_or("-", String::as_str);
            let ours = actual.get(key).map_or("-", String::as_str);
            let listed_key = (scenario.clone(), key.0.clone(), key.1.clone());
            if let Some(difference) = differences.get(&listed_key) {
                used.insert(listed_key.clone());
                assert_eq!(
                    (theirs, ours),
                    (difference.checkov.as_str(), difference.tfscan.as_str()),
                    "{scenario}: {} on {}: differences.tsv says otherwise ({})",
                    key.0,
                    key.1,
                    difference.reason
                );
                listed += 1;
            } else if theirs == ours {
                same += 1;
            } else if theirs == "-" && ours == "UNKNOWN" {
                unknown += 1;
            } else {
                unexplained.push(format!(
                    "{scenario}\t{}\t{}\t{theirs}\t{ours}",
                    key.0, key.1
                ));
            }
        }
    }
    let stale: Vec<_> = differences
        .keys()
        .filter(|key| !used.contains(*key))
        .collect();
    assert!(
        stale.is_empty(),
        "differences.tsv rows no scan gives: {stale:?}"
    );
    assert!(
        unexplained.is_empty(),
        "verdicts unlike Checkov's (scenario, check, resource, Checkov, tfscan):\n{}",
        unexplained.join("\n")
    );
    eprintln!(
        "custom policies: {same} verdicts as Checkov's, {unknown} UNKNOWN where Checkov answers \
         nothing, {listed} listed differences"
    );
    // The fixtures must keep testing something.
    assert!(same > 600, "only {same} verdicts compared");
}

#[test]
fn policies_that_cannot_run_are_reported_with_file_line_and_problem() {
    let (_, report) = tfscan_verdicts("problems");
    let problems: Vec<String> = report["custom_policy_problems"]
        .as_array()
        .expect("custom_policy_problems")
        .iter()
        .map(|problem| {
            format!(
                "{}:{}: {}",
                problem["file_path"].as_str().unwrap_or_default(),
                problem["line"],
                problem["message"].as_str().unwrap_or_default()
            )
        })
        .collect();
    let expected = [
        "../policies/check.py:0: Python custom checks are not run by tfscan (only YAML and JSON policies are); skipped",
        "../policies/conn_bad.yaml:9: unknown operator \"equals\" for a connection (exists, one_exists or not_exists)",
        "../policies/filter_alone.yaml:5: a filter cannot stand alone: put it in an `and` with a connection",
        "../policies/jsonpath.yaml:9: operator jsonpath_exists: JSONPath attributes are not supported by tfscan (write the attribute as a dotted path with `exists`)",
        "../policies/list_def.yaml:6: a condition must be a map (`cond_type: ...` or `and:` / `or:` / `not:`), not a list",
        "../policies/lookahead.yaml:5: unknown severity \"SEVERE\" (INFO, LOW, MEDIUM, HIGH or CRITICAL): the policy runs without a severity",
        "../policies/lookahead.yaml:11: the regular expression \"^(?!10\\\\.)\" uses a negative look-ahead `(?!...)`, which tfscan's regular expressions do not support",
        "../policies/missing_name.yaml:0: not a policy: metadata.name missing",
        "../policies/no_attr.yaml:6: the attribute condition has no `attribute`",
        "../policies/not_conn.yaml:6: `not` cannot hold a connection (Checkov has no such solver; use `operator: not_exists`)",
        "../policies/not_two.yaml:6: `not` takes exactly one condition",
        "../policies/package.json:0: not a policy: metadata.id, metadata.name, metadata.category, definition missing",
        "../policies/unknown_cond.yaml:6: unknown cond_type \"attributes\" (attribute, connection, filter or resource)",
        "../policies/unknown_operator.yaml:9: unknown operator \"equal\" for an attribute condition",
    ];
    assert_eq!(problems, expected);
}
