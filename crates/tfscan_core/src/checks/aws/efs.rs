//! AWS EFS checks: file system encryption and access point restrictions.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &ENCRYPTED,
    &FILE_SYSTEM_CMK,
    &ACCESS_POINT_ROOT_DIRECTORY,
    &ACCESS_POINT_USER_IDENTITY,
];

static ENCRYPTED: Check = Check {
    id: "CKV_AWS_42",
    name: "Ensure EFS is securely encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_efs_file_system"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An EFS file system has `encrypted = true`.",
        why: "Files on an unencrypted file system, and its backups, can be read by anyone who reaches the underlying storage.",
        fix: "Set `encrypted = true` (a new file system is needed for an existing one).",
        fixed: r#"resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true
}"#,
    },
    passing: &[r#"
resource "aws_efs_file_system" "shared" {
  encrypted = true
}"#],
    failing: &[
        r#"
resource "aws_efs_file_system" "shared" {
  encrypted = false
}"#,
        r#"
resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
}"#,
    ],
    evaluate: encrypted,
};

fn encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "encrypted", true, Verdict::Failed)
}

static FILE_SYSTEM_CMK: Check = Check {
    id: "CKV_AWS_184",
    name: "Ensure resource is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_efs_file_system"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An EFS file system is encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can decrypt the files, and can revoke that access.",
        fix: "Set `kms_key_id` to your key's ARN (with `encrypted = true`).",
        fixed: r#"resource "aws_efs_file_system" "shared" {
  creation_token = "shared"
  encrypted      = true
  kms_key_id     = aws_kms_key.files.arn
}"#,
    },
    passing: &[r#"
resource "aws_efs_file_system" "shared" {
  encrypted  = true
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_efs_file_system" "shared" {
  encrypted = true
}"#],
    evaluate: file_system_cmk,
};

fn file_system_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static ACCESS_POINT_ROOT_DIRECTORY: Check = Check {
    id: "CKV_AWS_329",
    name: "EFS access points should enforce a root directory",
    kind: EntityKind::Resource,
    resource_types: &["aws_efs_access_point"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An EFS access point confines its clients to a directory other than the file system's root.",
        why: "An access point rooted at `/` lets every client that uses it reach all the files of the file system.",
        fix: "Add a `root_directory` block whose `path` is the application's own directory.",
        fixed: r#"resource "aws_efs_access_point" "app" {
  file_system_id = aws_efs_file_system.shared.id

  root_directory {
    path = "/app"
  }
}"#,
    },
    passing: &[r#"
resource "aws_efs_access_point" "app" {
  root_directory {
    path = "/app"
  }
}"#],
    failing: &[
        r#"
resource "aws_efs_access_point" "app" {
  root_directory {
    path = "/"
  }
}"#,
        r#"
resource "aws_efs_access_point" "app" {
  file_system_id = "fs-12345678"
}"#,
    ],
    evaluate: access_point_root_directory,
};

/// Checkov tests the path with Python's `in` against the string `/`, so an empty path counts
/// as the root too.
fn access_point_root_directory(resource: &Resource<'_>) -> Verdict {
    match resource.get("root_directory.0.path") {
        None | Some(Value::Null) => Verdict::Failed,
        Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
        Some(path) => rules::verdict(!matches!(path.as_str(), Some("/" | ""))),
    }
}

static ACCESS_POINT_USER_IDENTITY: Check = Check {
    id: "CKV_AWS_330",
    name: "EFS access points should enforce a user identity",
    kind: EntityKind::Resource,
    resource_types: &["aws_efs_access_point"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An EFS access point imposes a POSIX user, so every request through it runs as that user and group.",
        why: "Without one, clients act with whatever user ID they claim, including root.",
        fix: "Add a `posix_user` block with `uid` and `gid`.",
        fixed: r#"resource "aws_efs_access_point" "app" {
  file_system_id = aws_efs_file_system.shared.id

  posix_user {
    uid = 1000
    gid = 1000
  }
}"#,
    },
    passing: &[r#"
resource "aws_efs_access_point" "app" {
  posix_user {
    uid = 1000
    gid = 1000
  }
}"#],
    failing: &[r#"
resource "aws_efs_access_point" "app" {
  file_system_id = "fs-12345678"
}"#],
    evaluate: access_point_user_identity,
};

fn access_point_user_identity(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "posix_user.0.gid")
}
