//! `--soft-fail`, `--soft-fail-on` and `--hard-fail-on` through the command line's exit code,
//! on tests/fixtures/gates: failures of LOW (CKV2_AWS_64), MEDIUM (CKV_AWS_7) and HIGH
//! (CKV2_AWS_6) severity. Each case narrows the failures with --check, then asks for the code
//! Checkov's rules give.

mod common;

use std::path::PathBuf;

fn folder() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/gates")
}

/// The exit code of a scan running `checks` with the extra flags.
fn code(checks: &str, flags: &str) -> i32 {
    let mut args = vec!["-d", ".", "-o", "json", "--check", checks];
    args.extend(flags.split_whitespace());
    let run = common::tfscan(&folder(), &args);
    assert!(run.code == 0 || run.code == 1, "{}", run.stderr);
    run.code
}

#[test]
fn the_fixture_fails_what_the_cases_assume() {
    let run = common::tfscan(&folder(), &["-d", ".", "-o", "json"]);
    let failed = run.failed_ids();
    for id in ["CKV2_AWS_64", "CKV_AWS_7", "CKV2_AWS_6"] {
        assert!(failed.contains(&id.to_string()), "{id} in {failed:?}");
    }
    let list = common::tfscan(&folder(), &["--list"]).stdout;
    for (id, severity) in [
        ("CKV2_AWS_64", "LOW"),
        ("CKV_AWS_7", "MEDIUM"),
        ("CKV2_AWS_6", "HIGH"),
    ] {
        let line = list
            .lines()
            .find(|line| line.starts_with(&format!("{id} ")))
            .unwrap();
        assert!(line.contains(&format!(" {severity} ")), "{line}");
    }
}

#[test]
fn without_gates_a_failure_fails_and_soft_fail_forgives_it() {
    assert_eq!(code("CKV_AWS_7", ""), 1);
    assert_eq!(code("CKV_AWS_7", "--soft-fail"), 0);
    assert_eq!(code("CKV_AWS_7", "-s"), 0);
    // Nothing failed: 0 whatever the gates say.
    assert_eq!(code("CKV_AWS_20", "--hard-fail-on LOW"), 0);
}

#[test]
fn soft_fail_on_forgives_what_it_names_and_nothing_else() {
    assert_eq!(code("CKV_AWS_7", "--soft-fail-on CKV_AWS_7"), 0);
    assert_eq!(code("CKV_AWS_7,CKV2_AWS_6", "--soft-fail-on CKV_AWS_7"), 1);
    assert_eq!(
        code(
            "CKV_AWS_7,CKV2_AWS_6",
            "--soft-fail-on CKV_AWS_7,CKV2_AWS_6"
        ),
        0
    );
    assert_eq!(
        code(
            "CKV_AWS_7,CKV2_AWS_6",
            "--soft-fail-on CKV_AWS_7 --soft-fail-on CKV2_*"
        ),
        0
    );
    assert_eq!(code("CKV_AWS_7,CKV2_AWS_64", "--soft-fail-on CKV*"), 0);
    // A severity: that one and below; the highest of several.
    assert_eq!(code("CKV_AWS_7,CKV2_AWS_64", "--soft-fail-on MEDIUM"), 0);
    assert_eq!(code("CKV_AWS_7", "--soft-fail-on low"), 1);
    assert_eq!(code("CKV2_AWS_6", "--soft-fail-on LOW,HIGH"), 0);
}

#[test]
fn hard_fail_on_fails_on_what_it_names_and_nothing_else() {
    assert_eq!(code("CKV_AWS_7", "--hard-fail-on CKV2_AWS_6"), 0);
    assert_eq!(code("CKV_AWS_7,CKV2_AWS_6", "--hard-fail-on CKV2_AWS_6"), 1);
    assert_eq!(code("CKV_AWS_7", "--hard-fail-on CKV_AWS_*"), 1);
    // A severity: that one and above; the lowest of several.
    assert_eq!(code("CKV_AWS_7", "--hard-fail-on HIGH"), 0);
    assert_eq!(code("CKV2_AWS_6", "--hard-fail-on HIGH"), 1);
    assert_eq!(code("CKV_AWS_7", "--hard-fail-on CRITICAL,MEDIUM"), 1);
    assert_eq!(code("CKV2_AWS_6", "--hard-fail-on OFF"), 0);
}

#[test]
fn precedence_when_both_lists_or_soft_fail_speak() {
    // Named by both lists: hard.
    assert_eq!(
        code(
            "CKV_AWS_7",
            "--soft-fail-on CKV_AWS_7 --hard-fail-on CKV_AWS_7"
        ),
        1
    );
    // A check named soft beats a severity named hard; a check named hard beats a severity
    // named soft.
    assert_eq!(
        code("CKV2_AWS_6", "--soft-fail-on CKV2_AWS_6 --hard-fail-on LOW"),
        0
    );
    assert_eq!(
        code(
            "CKV2_AWS_6",
            "--soft-fail-on CRITICAL --hard-fail-on CKV2_AWS_6"
        ),
        1
    );
    // Named by neither while --soft-fail-on is given: hard, even below --hard-fail-on's
    // severity.
    assert_eq!(
        code("CKV_AWS_7", "--soft-fail-on LOW --hard-fail-on HIGH"),
        1
    );
    // --soft-fail forgives what no list names, not what --hard-fail-on names.
    assert_eq!(code("CKV_AWS_7", "--soft-fail --soft-fail-on LOW"), 0);
    assert_eq!(code("CKV_AWS_7", "--soft-fail --hard-fail-on CKV_AWS_7"), 1);
    assert_eq!(code("CKV_AWS_7", "--soft-fail --hard-fail-on HIGH"), 0);
}

#[test]
fn a_gate_entry_that_matches_nothing_is_noticed() {
    let run = common::tfscan(
        &folder(),
        &[
            "-d",
            ".",
            "-o",
            "json",
            "--soft-fail-on",
            "HIHG",
            "--hard-fail-on",
            "CKV_AWS_7",
        ],
    );
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains(
            "tfscan: --soft-fail-on HIHG is no severity and matches no check (see tfscan --list)"
        ),
        "{}",
        run.stderr
    );
}

/// `--check` and `--skip-check` take severities as Checkov does: `--check HIGH` runs HIGH and
/// CRITICAL checks, `--skip-check MEDIUM` skips MEDIUM and LOW ones.
#[test]
fn check_selection_takes_severities() {
    let failed = |flags: &[&str]| {
        let mut args = vec!["-d", ".", "-o", "json"];
        args.extend(flags);
        let run = common::tfscan(&folder(), &args);
        assert!(!run.stderr.contains("matches no check"), "{}", run.stderr);
        run.failed_ids()
    };
    let high = failed(&["--check", "HIGH"]);
    assert!(high.contains(&"CKV2_AWS_6".to_string()), "{high:?}");
    assert!(!high.contains(&"CKV_AWS_7".to_string()), "{high:?}");
    assert!(!high.contains(&"CKV2_AWS_64".to_string()), "{high:?}");
    let skipped = failed(&["--skip-check", "MEDIUM"]);
    assert!(skipped.contains(&"CKV2_AWS_6".to_string()), "{skipped:?}");
    assert!(!skipped.contains(&"CKV_AWS_7".to_string()), "{skipped:?}");
    assert!(!skipped.contains(&"CKV2_AWS_64".to_string()), "{skipped:?}");
    let mixed = failed(&["--check", "LOW,CKV_AWS_7"]);
    assert!(mixed.contains(&"CKV_AWS_7".to_string()), "{mixed:?}");
}
