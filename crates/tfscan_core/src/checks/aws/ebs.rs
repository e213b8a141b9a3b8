//! AWS EBS checks: volume, default and snapshot-copy encryption.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &VOLUME_ENCRYPTED,
    &DEFAULT_ENCRYPTION,
    &SNAPSHOT_COPY_CMK,
    &VOLUME_CMK,
];

static VOLUME_ENCRYPTED: Check = Check {
    id: "CKV_AWS_3",
    name: "Ensure all data stored in the EBS is securely encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_ebs_volume"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An EBS volume has `encrypted = true`.",
        why: "An unencrypted volume, and every snapshot taken of it, can be read by anyone who gets hold of the snapshot or the disk.",
        fix: "Set `encrypted = true` (or turn on EBS encryption by default for the region).",
        fixed: r#"resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
}"#,
    },
    passing: &[r#"
resource "aws_ebs_volume" "data" {
  size      = 100
  encrypted = true
}"#],
    failing: &[
        r#"
resource "aws_ebs_volume" "data" {
  size      = 100
  encrypted = false
}"#,
        r#"
resource "aws_ebs_volume" "data" {
  size = 100
}"#,
    ],
    evaluate: volume_encrypted,
};

fn volume_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "encrypted", true, Verdict::Failed)
}

static DEFAULT_ENCRYPTION: Check = Check {
    id: "CKV_AWS_106",
    name: "Ensure EBS default encryption is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_ebs_encryption_by_default"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The region's EBS encryption by default is not switched off with `enabled = false`.",
        why: "With it off, every volume created without an explicit `encrypted = true` stores its data unencrypted.",
        fix: "Set `enabled = true` (the default) on `aws_ebs_encryption_by_default`.",
        fixed: r#"resource "aws_ebs_encryption_by_default" "region" {
  enabled = true
}"#,
    },
    passing: &[
        r#"
resource "aws_ebs_encryption_by_default" "region" {
  enabled = true
}"#,
        r#"
resource "aws_ebs_encryption_by_default" "region" {}
"#,
    ],
    failing: &[r#"
resource "aws_ebs_encryption_by_default" "region" {
  enabled = false
}"#],
    evaluate: default_encryption,
};

fn default_encryption(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "enabled", false)
}

static SNAPSHOT_COPY_CMK: Check = Check {
    id: "CKV_AWS_183",
    name: "Ensure EBS Snapshot Copy is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_ebs_snapshot_copy"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A copied EBS snapshot is encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can create volumes from the copy, and can revoke that access.",
        fix: "Set `encrypted = true` and `kms_key_id` to your key's ARN.",
        fixed: r#"resource "aws_ebs_snapshot_copy" "data" {
  source_snapshot_id = aws_ebs_snapshot.data.id
  source_region      = "eu-west-1"
  encrypted          = true
  kms_key_id         = aws_kms_key.snapshots.arn
}"#,
    },
    passing: &[r#"
resource "aws_ebs_snapshot_copy" "data" {
  source_region = "eu-west-1"
  kms_key_id    = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_ebs_snapshot_copy" "data" {
  source_region = "eu-west-1"
  encrypted     = true
}"#],
    evaluate: kms_key_id_set,
};

fn kms_key_id_set(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static VOLUME_CMK: Check = Check {
    id: "CKV_AWS_189",
    name: "Ensure EBS Volume is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_ebs_volume"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An EBS volume is encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With the AWS managed key you cannot limit or audit who decrypts the volume, nor share its snapshots across accounts.",
        fix: "Set `kms_key_id` to your key's ARN (with `encrypted = true`).",
        fixed: r#"resource "aws_ebs_volume" "data" {
  availability_zone = "eu-west-1a"
  size              = 100
  encrypted         = true
  kms_key_id        = aws_kms_key.volumes.arn
}"#,
    },
    passing: &[r#"
resource "aws_ebs_volume" "data" {
  encrypted  = true
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_ebs_volume" "data" {
  encrypted = true
}"#],
    evaluate: kms_key_id_set,
};
