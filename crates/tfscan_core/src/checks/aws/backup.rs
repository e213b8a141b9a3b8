//! AWS Backup checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&VAULT_CMK];

static VAULT_CMK: Check = Check {
    id: "CKV_AWS_166",
    name: "Ensure Backup Vault is encrypted at rest using KMS CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_backup_vault"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A backup vault encrypts its recovery points with a customer managed KMS key named in `kms_key_arn`.",
        why: "With a key you manage, you decide and audit who can restore the backups, and can keep that control apart from the account's administrators.",
        fix: "Set `kms_key_arn` to your key.",
        fixed: r#"resource "aws_backup_vault" "main" {
  name        = "main"
  kms_key_arn = aws_kms_key.backups.arn
}"#,
    },
    passing: &[r#"
resource "aws_backup_vault" "main" {
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_backup_vault" "main" {
  name = "main"
}"#],
    evaluate: vault_cmk,
};

fn vault_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_arn")
}
