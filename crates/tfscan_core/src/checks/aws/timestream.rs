//! AWS Timestream checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&DATABASE_CMK];

static DATABASE_CMK: Check = Check {
    id: "CKV_AWS_160",
    name: "Ensure that Timestream database is encrypted with KMS CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_timestreamwrite_database"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Timestream database is encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With the AWS managed key you cannot limit or audit who decrypts the time series.",
        fix: "Set `kms_key_id` to your key's ARN.",
        fixed: r#"resource "aws_timestreamwrite_database" "metrics" {
  database_name = "metrics"
  kms_key_id    = aws_kms_key.metrics.arn
}"#,
    },
    passing: &[r#"
resource "aws_timestreamwrite_database" "metrics" {
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_timestreamwrite_database" "metrics" {
  database_name = "metrics"
}"#],
    evaluate: database_cmk,
};

fn database_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}
