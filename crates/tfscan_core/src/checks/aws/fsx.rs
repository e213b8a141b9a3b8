//! AWS FSx checks: file systems encrypted with customer managed keys.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&ONTAP_CMK, &WINDOWS_CMK, &LUSTRE_CMK, &OPENZFS_CMK];

const WHY: &str = "With the AWS managed key you cannot limit or audit who decrypts the file system and its backups, nor revoke that access.";
const FIX: &str = "Set `kms_key_id` to your key's ARN.";

static ONTAP_CMK: Check = Check {
    id: "CKV_AWS_178",
    name: "Ensure fx ontap file system is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_fsx_ontap_file_system"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An FSx for NetApp ONTAP file system is encrypted with a customer managed KMS key.",
        why: WHY,
        fix: FIX,
        fixed: r#"resource "aws_fsx_ontap_file_system" "files" {
  deployment_type     = "SINGLE_AZ_1"
  storage_capacity    = 1024
  throughput_capacity = 128
  subnet_ids          = [aws_subnet.private.id]
  preferred_subnet_id = aws_subnet.private.id
  kms_key_id          = aws_kms_key.files.arn
}"#,
    },
    passing: &[r#"
resource "aws_fsx_ontap_file_system" "files" {
  deployment_type = "SINGLE_AZ_1"
  kms_key_id      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_fsx_ontap_file_system" "files" {
  deployment_type = "SINGLE_AZ_1"
}"#],
    evaluate: kms_key_id_set,
};

fn kms_key_id_set(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static WINDOWS_CMK: Check = Check {
    id: "CKV_AWS_179",
    name: "Ensure FSX Windows filesystem is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_fsx_windows_file_system"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An FSx for Windows File Server file system is encrypted with a customer managed KMS key.",
        why: WHY,
        fix: FIX,
        fixed: r#"resource "aws_fsx_windows_file_system" "files" {
  storage_capacity    = 300
  throughput_capacity = 32
  subnet_ids          = [aws_subnet.private.id]
  kms_key_id          = aws_kms_key.files.arn
}"#,
    },
    passing: &[r#"
resource "aws_fsx_windows_file_system" "files" {
  storage_capacity = 300
  kms_key_id       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_fsx_windows_file_system" "files" {
  storage_capacity = 300
}"#],
    evaluate: kms_key_id_set,
};

static LUSTRE_CMK: Check = Check {
    id: "CKV_AWS_190",
    name: "Ensure lustre file systems is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_fsx_lustre_file_system"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An FSx for Lustre file system is encrypted with a customer managed KMS key.",
        why: WHY,
        fix: FIX,
        fixed: r#"resource "aws_fsx_lustre_file_system" "scratch" {
  storage_capacity = 1200
  subnet_ids       = [aws_subnet.private.id]
  deployment_type  = "PERSISTENT_2"
  kms_key_id       = aws_kms_key.files.arn
}"#,
    },
    passing: &[r#"
resource "aws_fsx_lustre_file_system" "scratch" {
  storage_capacity = 1200
  kms_key_id       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_fsx_lustre_file_system" "scratch" {
  storage_capacity = 1200
}"#],
    evaluate: kms_key_id_set,
};

static OPENZFS_CMK: Check = Check {
    id: "CKV_AWS_203",
    name: "Ensure resource is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_fsx_openzfs_file_system"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An FSx for OpenZFS file system is encrypted with a customer managed KMS key.",
        why: WHY,
        fix: FIX,
        fixed: r#"resource "aws_fsx_openzfs_file_system" "files" {
  storage_capacity    = 64
  subnet_ids          = [aws_subnet.private.id]
  deployment_type     = "SINGLE_AZ_1"
  throughput_capacity = 64
  kms_key_id          = aws_kms_key.files.arn
}"#,
    },
    passing: &[r#"
resource "aws_fsx_openzfs_file_system" "files" {
  storage_capacity = 64
  kms_key_id       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_fsx_openzfs_file_system" "files" {
  storage_capacity = 64
}"#],
    evaluate: kms_key_id_set,
};
