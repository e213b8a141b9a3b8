//! Every check's examples, run through the whole scan: in a passing example every block the
//! check reads passes (and there is at least one); in a failing example at least one fails.

use tfscan_core::{Outcome, ScanOptions};
use tfscan_hcl::InputFile;

fn outcomes(check_id: &str, example: &str) -> Result<Vec<(String, Outcome)>, String> {
    let input = [InputFile {
        path: "main.tf",
        bytes: example.as_bytes(),
    }];
    let options = ScanOptions {
        checks: vec![check_id.to_string()],
        // Fixed, so that rules that age (CKV_AWS_380) judge the examples the same every day.
        today: Some("2026-12-04".to_string()),
        ..ScanOptions::default()
    };
    let report = tfscan_hcl::scan(&input, &options);
    if let Some(error) = report.parsing_errors.first() {
        return Err(format!("example does not parse: {error}"));
    }
    Ok(report
        .findings
        .into_iter()
        .map(|finding| (finding.resource, finding.outcome))
        .collect())
}

/// Checks that fail every block of their type, as Checkov's do: a passing example cannot exist,
/// so they carry only failing ones (their explanation's `fixed` shows what to write instead).
const NEVER_PASS: &[&str] = &[
    // "Ensure no default VPC is planned to be provisioned": any `aws_default_vpc` fails.
    "CKV_AWS_148",
    // "Ensure access is controlled through SSO and not AWS IAM defined users": any
    // `aws_iam_user` fails.
    "CKV_AWS_273",
    // "Ensure no aws_db_security_group resources exist": any `aws_db_security_group` fails.
    "CKV_AWS_198",
    // "Ensure no aws_elasticache_security_group resources exist": likewise.
    "CKV_AWS_196",
    // "Ensure to Limit AMI launch Permissions": any `aws_ami_launch_permission` fails.
    "CKV_AWS_205",
];

/// Checks that cannot fail a block on its own: a failing example cannot exist, so they carry
/// only passing ones.
const NEVER_FAIL: &[&str] = &[
    // "...point in time recovery ... for global tables": `aws_dynamodb_global_table` has no
    // such setting, and Checkov passes every one.
    "CKV_AWS_165",
    // "...secure data transport policy" on `aws_s3_bucket_acl`: a public ACL fails only through
    // the bucket's other resources (public access block, website, bucket policy), which a
    // check of one resource does not see; it is Unknown there.
    "CKV_AWS_379",
];

#[test]
fn every_check_has_examples_that_pass_and_fail_as_documented() {
    let mut problems = Vec::new();
    let mut examples = 0;
    for check in tfscan_core::checks::all() {
        let needs_passing = !NEVER_PASS.contains(&check.id);
        let needs_failing = !NEVER_FAIL.contains(&check.id);
        if (needs_passing && check.passing.is_empty())
            || (needs_failing && check.failing.is_empty())
        {
            problems.push(format!(
                "{}: needs at least one passing and one failing example",
                check.id
            ));
        }
        for (index, example) in check.passing.iter().enumerate() {
            examples += 1;
            match outcomes(check.id, example) {
                Err(error) => problems.push(format!("{} passing #{index}: {error}", check.id)),
                Ok(found) if found.is_empty() => {
                    problems.push(format!(
                        "{} passing #{index}: the check reported nothing",
                        check.id
                    ));
                }
                Ok(found) => {
                    for (resource, outcome) in found
                        .iter()
                        .filter(|(_, outcome)| *outcome != Outcome::Passed)
                    {
                        problems.push(format!(
                            "{} passing #{index}: {resource} is {outcome:?}",
                            check.id
                        ));
                    }
                }
            }
        }
        for (index, example) in check.failing.iter().enumerate() {
            examples += 1;
            match outcomes(check.id, example) {
                Err(error) => problems.push(format!("{} failing #{index}: {error}", check.id)),
                Ok(found) if !found.iter().any(|(_, outcome)| *outcome == Outcome::Failed) => {
                    problems.push(format!(
                        "{} failing #{index}: nothing failed, got {found:?}",
                        check.id
                    ));
                }
                Ok(_) => {}
            }
        }
    }
    println!(
        "{examples} examples of {} checks",
        tfscan_core::checks::all().len()
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
}

#[test]
fn every_check_is_described() {
    for check in tfscan_core::checks::all() {
        let explanation = &check.explanation;
        for (part, text) in [
            ("what", explanation.what),
            ("why", explanation.why),
            ("fix", explanation.fix),
            ("fixed", explanation.fixed),
        ] {
            assert!(
                !text.trim().is_empty(),
                "{}: empty explanation.{part}",
                check.id
            );
        }
        assert!(
            !check.resource_types.is_empty(),
            "{}: no resource types",
            check.id
        );
    }
}
