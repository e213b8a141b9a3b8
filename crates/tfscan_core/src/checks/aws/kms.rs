//! AWS KMS checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&KEY_ROTATION];

static KEY_ROTATION: Check = Check {
    id: "CKV_AWS_7",
    name: "Ensure rotation for customer created CMKs is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_kms_key"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A customer managed KMS key has automatic yearly rotation of its key material turned on.",
        why: "Key material that never changes keeps every past and future ciphertext exposed to a single leaked key.",
        fix: "Set `enable_key_rotation = true` on the key.",
        fixed: r#"resource "aws_kms_key" "app" {
  description         = "application data"
  enable_key_rotation = true
}"#,
    },
    passing: &[r#"
resource "aws_kms_key" "app" {
  enable_key_rotation = true
}"#],
    failing: &[
        r#"
resource "aws_kms_key" "app" {
  enable_key_rotation = false
}"#,
        r#"
resource "aws_kms_key" "app" {
  description = "rotation left at its default, off"
}"#,
    ],
    evaluate: key_rotation,
};

fn key_rotation(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "enable_key_rotation", true, Verdict::Failed)
}
