//! `--create-baseline` then `--baseline` on a copy of tests/fixtures/gates: the baseline file
//! is Checkov's shape byte for byte (tests/snapshots/gates.checkov.baseline, which Checkov
//! 3.3.30 writes the same for these checks), the same on a second run, and a later scan with
//! it reports only new failures, as Checkov does.

mod common;

use std::path::Path;

fn snapshot() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots/gates.checkov.baseline");
    std::fs::read_to_string(path).expect("the baseline snapshot")
}

#[test]
fn create_then_use_a_baseline() {
    let folder = common::copy_of("gates", "baseline-round-trip");

    let created = common::tfscan(&folder, &["-d", ".", "-o", "json", "--create-baseline"]);
    assert_eq!(
        created.code, 1,
        "today's failures still fail: {}",
        created.stderr
    );
    assert!(
        created
            .stderr
            .contains("tfscan: baseline written to ./.checkov.baseline"),
        "{}",
        created.stderr
    );
    let baseline = std::fs::read_to_string(folder.join(".checkov.baseline")).unwrap();
    assert_eq!(baseline, snapshot());
    // The same files give the same bytes.
    common::tfscan(&folder, &["-d", ".", "--create-baseline"]);
    assert_eq!(
        std::fs::read_to_string(folder.join(".checkov.baseline")).unwrap(),
        baseline
    );

    // Nothing changed: nothing to report, nothing fails.
    let same = common::tfscan(
        &folder,
        &["-d", ".", "-o", "json", "--baseline", ".checkov.baseline"],
    );
    assert_eq!(same.code, 0, "{}", same.stderr);
    assert!(same.results("failed_checks").is_empty());
    assert!(same.results("passed_checks").is_empty());
    assert!(same.stderr.contains(
        "tfscan: compared with the baseline .checkov.baseline: failures it holds are left out"
    ));

    // A new key fails anew; the old key is fixed by the variable file: its rotation check now
    // passes and is shown; what the baseline holds and still fails is left out.
    common::write(
        &folder,
        "new.tf",
        "resource \"aws_kms_key\" \"new\" {\n  description = \"new\"\n}\n",
    );
    let later = common::tfscan(
        &folder,
        &[
            "-d",
            ".",
            "-o",
            "json",
            "--baseline",
            ".checkov.baseline",
            "--var-file",
            "rotate.tfvars",
        ],
    );
    assert_eq!(later.code, 1);
    assert_eq!(
        later.results("failed_checks"),
        [
            ("CKV2_AWS_64".to_string(), "aws_kms_key.new".to_string()),
            ("CKV_AWS_7".to_string(), "aws_kms_key.new".to_string()),
        ]
    );
    assert_eq!(
        later.results("passed_checks"),
        [("CKV_AWS_7".to_string(), "aws_kms_key.key".to_string())]
    );
    assert_eq!(later.json()["summary"]["failed"], 2);

    // --output-baseline-as-skipped: what the baseline holds is listed as skipped.
    let skipped = common::tfscan(
        &folder,
        &[
            "-d",
            ".",
            "-o",
            "json",
            "--baseline",
            ".checkov.baseline",
            "--output-baseline-as-skipped",
        ],
    );
    let report = skipped.json();
    let rows = report["results"]["skipped_checks"].as_array().unwrap();
    assert!(rows.len() >= 3);
    for row in rows {
        assert_eq!(row["check_result"]["suppress_comment"], "baseline-skipped");
    }
    // The gates see only what the baseline leaves.
    let gated = common::tfscan(
        &folder,
        &[
            "-d",
            ".",
            "-o",
            "json",
            "--baseline",
            ".checkov.baseline",
            "--hard-fail-on",
            "CKV2_AWS_6",
        ],
    );
    assert_eq!(gated.code, 0);
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn a_file_that_is_not_a_baseline_is_an_input_error() {
    let folder = common::copy_of("gates", "baseline-bad");
    common::write(&folder, "old.baseline", "{\"failed_checks\": {}}");
    let run = common::tfscan(&folder, &["-d", ".", "--baseline", "old.baseline"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr
            .starts_with("tfscan: old.baseline: not a baseline file"),
        "{}",
        run.stderr
    );
    let missing = common::tfscan(&folder, &["-d", ".", "--baseline", "nope.baseline"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing.stderr.starts_with("tfscan: nope.baseline: "),
        "{}",
        missing.stderr
    );
    std::fs::remove_dir_all(folder).ok();
}
