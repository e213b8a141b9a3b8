//! AWS ECR checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&IMMUTABLE_TAGS, &KMS_ENCRYPTION, &SCAN_ON_PUSH];

static IMMUTABLE_TAGS: Check = Check {
    id: "CKV_AWS_51",
    name: "Ensure ECR Image Tags are immutable",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecr_repository"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An ECR repository sets `image_tag_mutability = \"IMMUTABLE\"`.",
        why: "With mutable tags, anyone allowed to push can replace the image behind a tag such as `v1.2.0` and have it deployed in place of the reviewed one.",
        fix: "Set `image_tag_mutability = \"IMMUTABLE\"` and publish each build under a new tag.",
        fixed: r#"resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}"#,
    },
    passing: &[r#"
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}"#],
    failing: &[
        r#"
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "MUTABLE"
}"#,
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"
}"#,
    ],
    evaluate: immutable_tags,
};

fn immutable_tags(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "image_tag_mutability",
        &["IMMUTABLE"],
        Verdict::Failed,
    )
}

static KMS_ENCRYPTION: Check = Check {
    id: "CKV_AWS_136",
    name: "Ensure that ECR repositories are encrypted using KMS",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecr_repository"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An ECR repository encrypts its images with KMS (`encryption_type = \"KMS\"`) rather than the default AES-256.",
        why: "With KMS, reading the images also takes permission on a key you control, and every use of the key is logged in CloudTrail.",
        fix: "Add an `encryption_configuration` block with `encryption_type = \"KMS\"` and, ideally, your own `kms_key`.",
        fixed: r#"resource "aws_ecr_repository" "app" {
  name = "app"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_ecr_repository" "app" {
  name = "app"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}"#],
    failing: &[
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"
}"#,
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"

  encryption_configuration {
    encryption_type = "AES256"
  }
}"#,
    ],
    evaluate: kms_encryption,
};

fn kms_encryption(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "encryption_configuration.0.encryption_type",
        &["KMS"],
        Verdict::Failed,
    )
}

static SCAN_ON_PUSH: Check = Check {
    id: "CKV_AWS_163",
    name: "Ensure ECR image scanning on push is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecr_repository"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An ECR repository scans every pushed image for known vulnerabilities (`scan_on_push = true`).",
        why: "Without scanning, images with known vulnerable packages are stored and deployed without anyone being told.",
        fix: "Add `image_scanning_configuration { scan_on_push = true }` to the repository.",
        fixed: r#"resource "aws_ecr_repository" "app" {
  name = "app"

  image_scanning_configuration {
    scan_on_push = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_ecr_repository" "app" {
  name = "app"

  image_scanning_configuration {
    scan_on_push = true
  }
}"#],
    failing: &[
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"
}"#,
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"

  image_scanning_configuration {
    scan_on_push = false
  }
}"#,
    ],
    evaluate: scan_on_push,
};

fn scan_on_push(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "image_scanning_configuration.0.scan_on_push",
        true,
        Verdict::Failed,
    )
}
