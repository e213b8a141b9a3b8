//! Inline suppressions through the command line, on tests/fixtures/suppressions: each
//! placement rule, tfsec / Trivy comments with expiry dates, the hygiene notes, and
//! `--ignore-inline-skips`. The scan runs on 2026-01-01 (SOURCE_DATE_EPOCH).

use std::process::Command;

use serde_json::Value;

fn scan(extra: &[&str]) -> Value {
    let folder = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/suppressions");
    let output = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args(["-d", folder, "-o", "json"])
        .args(extra)
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .expect("tfscan runs");
    serde_json::from_slice(&output.stdout).expect("JSON on stdout")
}

/// The result of `check` on `resource`, and the skip's reason when skipped.
fn outcome(report: &Value, check: &str, resource: &str) -> (String, Option<String>) {
    for list in [
        "passed_checks",
        "failed_checks",
        "skipped_checks",
        "unknown_checks",
    ] {
        for row in report["results"][list].as_array().unwrap() {
            if row["check_id"] == check && row["resource"] == resource {
                let result = &row["check_result"];
                return (
                    result["result"].as_str().unwrap().to_string(),
                    result["suppress_comment"].as_str().map(String::from),
                );
            }
        }
    }
    panic!("no result for {check} on {resource}");
}

const BUCKET: &str = "aws_s3_bucket_public_access_block";

#[test]
fn a_skip_in_a_module_call_covers_every_instance_it_creates() {
    let report = scan(&[]);
    for index in 0..2 {
        let resource = format!("module.buckets[{index}].{BUCKET}.this");
        let (result, reason) = outcome(&report, "CKV_AWS_53", &resource);
        assert_eq!(result, "SKIPPED");
        assert_eq!(
            reason.as_deref(),
            Some("the module's buckets are public on purpose")
        );
        // Only the named check is skipped.
        assert_eq!(outcome(&report, "CKV_AWS_54", &resource).0, "FAILED");
    }
    // Another call of the same module is not covered.
    let plain = format!("module.plain.{BUCKET}.this");
    assert_eq!(outcome(&report, "CKV_AWS_53", &plain).0, "FAILED");
}

#[test]
fn a_skip_in_an_outer_module_call_covers_nested_modules() {
    let report = scan(&[]);
    let nested = format!("module.outer.module.inner.{BUCKET}.this");
    assert_eq!(outcome(&report, "CKV_AWS_54", &nested).0, "SKIPPED");
    assert_eq!(outcome(&report, "CKV_AWS_53", &nested).0, "FAILED");
}

#[test]
fn a_checkov_skip_above_a_block_does_not_apply() {
    let report = scan(&[]);
    assert_eq!(
        outcome(&report, "CKV_AWS_55", &format!("{BUCKET}.above")).0,
        "FAILED"
    );
}

#[test]
fn a_trivy_ignore_above_a_block_applies_through_the_id_table() {
    let report = scan(&[]);
    let (result, reason) = outcome(&report, "CKV_AWS_53", &format!("{BUCKET}.trivy_above"));
    assert_eq!(result, "SKIPPED");
    assert_eq!(
        reason.as_deref(),
        Some("trivy:ignore:aws-s3-block-public-acls")
    );
}

#[test]
fn tfsec_ignores_apply_until_their_expiry_date() {
    let report = scan(&[]);
    let resource = format!("{BUCKET}.tfsec_expired");
    // exp:2026-01-01 still applies on 2026-01-01; exp:2025-12-31 no longer does.
    assert_eq!(outcome(&report, "CKV_AWS_53", &resource).0, "SKIPPED");
    assert_eq!(outcome(&report, "CKV_AWS_54", &resource).0, "FAILED");
}

fn notes(report: &Value) -> Vec<(u64, String, String)> {
    report["suppression_notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|note| {
            (
                note["line"].as_u64().unwrap(),
                note["check"].as_str().unwrap().to_string(),
                note["problem"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn unknown_ids_and_skips_that_matched_nothing_are_listed() {
    let notes = notes(&scan(&[]));
    let expected = [
        (18, "CKV_AWS_55", "matched_nothing"),
        (37, "aws-s3-block-public-policy", "expired"),
        (47, "CKV_AWS_9999", "unknown_check"),
        (48, "CKV_AWS_24", "matched_nothing"),
        (49, "aws-made-up-rule", "unknown_check"),
        (59, "CKV_AWS_5*", "wildcard"),
    ];
    let expected: Vec<(u64, String, String)> = expected
        .iter()
        .map(|(line, check, problem)| (*line, (*check).to_string(), (*problem).to_string()))
        .collect();
    assert_eq!(notes, expected);
}

#[test]
fn ignore_inline_skips_makes_every_skip_ineffective() {
    let report = scan(&["--ignore-inline-skips"]);
    assert_eq!(report["summary"]["skipped"], 0);
    let resource = format!("module.buckets[0].{BUCKET}.this");
    assert_eq!(outcome(&report, "CKV_AWS_53", &resource).0, "FAILED");
    // Unknown IDs are still worth knowing; "matched nothing" would be noise here.
    let problems: Vec<String> = notes(&report).into_iter().map(|note| note.2).collect();
    assert_eq!(problems, ["unknown_check", "unknown_check", "wildcard"]);
}

/// Checkov 3.3.30's reading, checked against it on this fixture: `cortex:skip=` is a skip, a
/// skip text in a string value counts, and a wildcard ends the list of IDs (Checkov reads
/// `CKV_AWS_5` and skips nothing; tfscan names the wildcard in a note).
#[test]
fn skips_are_read_where_checkov_reads_them() {
    let report = scan(&[]);
    let resource = format!("{BUCKET}.like_checkov");
    let skipped = |check: &str, reason: &str| {
        (
            String::from("SKIPPED"),
            Some(String::from(reason)),
            check.to_string(),
        )
    };
    let outcome_of = |check: &str| {
        let (result, reason) = outcome(&report, check, &resource);
        (result, reason, check.to_string())
    };
    assert_eq!(
        outcome_of("CKV_AWS_53"),
        skipped("CKV_AWS_53", "cortex marker")
    );
    assert_eq!(
        outcome_of("CKV_AWS_54"),
        skipped("CKV_AWS_54", "a skip in a string")
    );
    assert_eq!(outcome_of("CKV_AWS_56").0, "FAILED");

    let cli = Command::new(env!("CARGO_BIN_EXE_tfscan"))
        .args([
            "-d",
            concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/suppressions"),
        ])
        .args(["--compact", "--check", "CKV_AWS_53"])
        .env("SOURCE_DATE_EPOCH", "1767225600")
        .output()
        .expect("tfscan runs");
    let text = String::from_utf8(cli.stdout).expect("UTF-8");
    assert!(
        text.contains(
            "Suppression /main.tf:59: CKV_AWS_5* has a wildcard, which a skip comment does not take"
        ),
        "{text}"
    );
}
