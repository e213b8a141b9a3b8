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
const POLICY_IDS: &str = "CKV2_CUSTOM_*,CKV2_T_*,CKV2_C_*,CKV2_M_*,CKV2_E_*,CKV2_I_*";

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

/// A fresh folder with `main.tf` and a `policies/` folder holding `policies` (name, text).
fn workspace(name: &str, main: &str, policies: &[(&str, &str)]) -> PathBuf {
    let folder = std::env::temp_dir().join(format!("tfscan-custom-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&folder);
    std::fs::create_dir_all(folder.join("policies")).expect("a temporary folder");
    common::write(&folder, "main.tf", main);
    for (file, text) in policies {
        let path = folder.join("policies").join(file);
        std::fs::create_dir_all(path.parent().expect("a folder")).expect("a policy folder");
        std::fs::write(path, text).expect("written");
    }
    folder
}

const BUCKETS: &str = "resource \"aws_s3_bucket\" \"owned\" {\n  tags = { Owner = \"me\" }\n}\n\n\
                       resource \"aws_s3_bucket\" \"orphan\" {\n  # checkov:skip=CKV2_ACME_2:handed over\n  bucket = \"orphan\"\n}\n";

fn owner_policy(id: &str, severity: &str) -> String {
    format!(
        "metadata:\n  id: {id}\n  name: Buckets have an owner\n  category: CONVENTION\n  \
         severity: {severity}\ndefinition:\n  cond_type: attribute\n  resource_types: \
         [aws_s3_bucket]\n  attribute: tags.Owner\n  operator: exists\n"
    )
}

#[test]
fn the_configuration_key_skip_comments_selection_and_gates_apply_to_custom_policies() {
    let high = owner_policy("CKV2_ACME_1", "HIGH");
    let low = owner_policy("CKV2_ACME_2", "LOW");
    let folder = workspace(
        "flags",
        BUCKETS,
        &[("high.yaml", &high), ("nested/low.yml", &low)],
    );
    common::write(
        &folder,
        ".checkov.yaml",
        "external-checks-dir: [policies]\noutput: json\n",
    );

    let run = tfscan(&folder, &["-d", ".", "--check", "CKV2_ACME_*"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(
        run.results("failed_checks"),
        [(
            String::from("CKV2_ACME_1"),
            String::from("aws_s3_bucket.orphan")
        )]
    );
    assert_eq!(
        run.results("skipped_checks"),
        [(
            String::from("CKV2_ACME_2"),
            String::from("aws_s3_bucket.orphan")
        )]
    );
    let failed = &run.json()["results"]["failed_checks"][0];
    assert_eq!(failed["severity"], "HIGH");
    assert_eq!(failed["check_name"], "Buckets have an owner");
    assert!(failed["guideline"].is_null() && failed["description"].is_null());

    // Severities select and gate custom policies as they do built-in checks.
    let run = tfscan(
        &folder,
        &[
            "-d",
            ".",
            "--check",
            "HIGH",
            "--skip-check",
            "CKV_*,CKV2_AWS_*",
        ],
    );
    assert_eq!(run.failed_ids(), ["CKV2_ACME_1"]);
    assert!(
        run.results("skipped_checks").is_empty(),
        "the LOW policy does not run"
    );
    let run = tfscan(
        &folder,
        &["-d", ".", "--skip-check", "MEDIUM,CKV_*,CKV2_AWS_*"],
    );
    assert_eq!(run.failed_ids(), ["CKV2_ACME_1"]);
    let run = tfscan(
        &folder,
        &[
            "-d",
            ".",
            "--check",
            "CKV2_ACME_*",
            "--soft-fail-on",
            "HIGH",
        ],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let run = tfscan(
        &folder,
        &[
            "-d",
            ".",
            "--check",
            "CKV2_ACME_*",
            "--hard-fail-on",
            "CKV2_ACME_1",
            "--soft-fail",
        ],
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    // A --check naming a custom policy is no typo.
    assert!(!run.stderr.contains("matches no check"), "{}", run.stderr);

    // The command line's flag replaces the file's folders; a folder that is not there stops
    // the run.
    let run = tfscan(&folder, &["-d", ".", "--external-checks-dir", "missing"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        run.stderr,
        "tfscan: --external-checks-dir missing: no such folder\n"
    );
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn baselines_hold_custom_policy_failures() {
    let policy = owner_policy("CKV2_ACME_1", "MEDIUM");
    let folder = workspace("baseline", BUCKETS, &[("owner.yaml", &policy)]);
    let args = [
        "-d",
        ".",
        "--external-checks-dir",
        "policies",
        "--check",
        "CKV2_ACME_1",
    ];
    let created = tfscan(&folder, &[&args[..], &["--create-baseline"]].concat());
    assert_eq!(created.code, 1, "{}", created.stderr);
    let baseline = std::fs::read_to_string(folder.join(".checkov.baseline")).expect("written");
    assert!(baseline.contains("\"CKV2_ACME_1\""), "{baseline}");
    let run = tfscan(
        &folder,
        &[
            &args[..],
            &["--baseline", ".checkov.baseline", "-o", "json"],
        ]
        .concat(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.results("failed_checks").is_empty());
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn every_format_renders_custom_findings() {
    let policy = owner_policy("CKV2_ACME_1", "CRITICAL");
    let unrated = owner_policy("CKV2_ACME_3", "").replace("  severity: \n", "");
    let folder = workspace(
        "formats",
        BUCKETS,
        &[("owner.yaml", &policy), ("unrated.yaml", &unrated)],
    );
    for (format, expected) in [
        ("cli", "Check: CKV2_ACME_1: \"Buckets have an owner\"\n\tFAILED for resource: aws_s3_bucket.orphan\n\tSeverity: CRITICAL\n"),
        ("csv", "CKV2_ACME_1,Buckets have an owner,FAILED,CRITICAL,aws_s3_bucket.orphan,/main.tf,5,8,,\n"),
        ("csv", "CKV2_ACME_3,Buckets have an owner,FAILED,,aws_s3_bucket.orphan,/main.tf,5,8,,\n"),
        ("junitxml", "name=\"[CRITICAL][CKV2_ACME_1] Buckets have an owner\""),
        ("junitxml", "name=\"[CKV2_ACME_3] Buckets have an owner\""),
        ("sarif", "\"ruleId\": \"CKV2_ACME_1\""),
        ("markdown", "### CKV2_ACME_1: Buckets have an owner\n\nSeverity: CRITICAL. Custom policy.\n"),
        ("github_failed_only", "| CKV2_ACME_3 | /main.tf | aws_s3_bucket.orphan | Buckets have an owner |  |\n"),
    ] {
        let run = tfscan(
            &folder,
            &["-d", ".", "--external-checks-dir", "policies", "--check", "CKV2_ACME_*", "-o", format],
        );
        assert!(run.stdout.contains(expected), "{format}: {expected:?} not in\n{}", run.stdout);
    }
    std::fs::remove_dir_all(folder).ok();
}
