//! Amazon EventBridge Scheduler checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&SCHEDULE_CMK];

static SCHEDULE_CMK: Check = Check {
    id: "CKV_AWS_297",
    name: "Ensure EventBridge Scheduler Schedule uses Customer Managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_scheduler_schedule"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The schedule encrypts its target input with a customer managed KMS key.",
        why: "With the AWS owned key you cannot control or audit who can decrypt the data the schedule carries.",
        fix: "Set `kms_key_arn` to your own KMS key.",
        fixed: r#"resource "aws_scheduler_schedule" "nightly" {
  schedule_expression = "cron(0 2 * * ? *)"
  kms_key_arn         = aws_kms_key.scheduler.arn
}"#,
    },
    passing: &[r#"
resource "aws_scheduler_schedule" "nightly" {
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}"#],
    failing: &[r#"
resource "aws_scheduler_schedule" "nightly" {
  schedule_expression = "cron(0 2 * * ? *)"
}"#],
    evaluate: schedule_cmk,
};

fn schedule_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_arn")
}
