//! Amazon WorkSpaces checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&USER_VOLUME_ENCRYPTED, &ROOT_VOLUME_ENCRYPTED];

static USER_VOLUME_ENCRYPTED: Check = Check {
    id: "CKV_AWS_155",
    name: "Ensure that Workspace user volumes are encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_workspaces_workspace"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The WorkSpace encrypts its user volume.",
        why: "The user volume holds the user's files and profile, readable by whoever gets the storage otherwise.",
        fix: "Set `user_volume_encryption_enabled = true` (with a `volume_encryption_key`).",
        fixed: r#"resource "aws_workspaces_workspace" "desk" {
  user_volume_encryption_enabled = true
  root_volume_encryption_enabled = true
  volume_encryption_key          = aws_kms_key.workspaces.arn
}"#,
    },
    passing: &[r#"
resource "aws_workspaces_workspace" "desk" {
  user_volume_encryption_enabled = true
}"#],
    failing: &[r#"
resource "aws_workspaces_workspace" "desk" {
  user_name = "jdoe"
}"#],
    evaluate: user_volume_encrypted,
};

fn user_volume_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "user_volume_encryption_enabled",
        true,
        Verdict::Failed,
    )
}

static ROOT_VOLUME_ENCRYPTED: Check = Check {
    id: "CKV_AWS_156",
    name: "Ensure that Workspace root volumes are encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_workspaces_workspace"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The WorkSpace encrypts its root volume.",
        why: "The root volume holds the operating system, caches and temporary files, which often include user data.",
        fix: "Set `root_volume_encryption_enabled = true` (with a `volume_encryption_key`).",
        fixed: r#"resource "aws_workspaces_workspace" "desk" {
  user_volume_encryption_enabled = true
  root_volume_encryption_enabled = true
  volume_encryption_key          = aws_kms_key.workspaces.arn
}"#,
    },
    passing: &[r#"
resource "aws_workspaces_workspace" "desk" {
  root_volume_encryption_enabled = true
}"#],
    failing: &[r#"
resource "aws_workspaces_workspace" "desk" {
  root_volume_encryption_enabled = false
}"#],
    evaluate: root_volume_encrypted,
};

fn root_volume_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "root_volume_encryption_enabled",
        true,
        Verdict::Failed,
    )
}
