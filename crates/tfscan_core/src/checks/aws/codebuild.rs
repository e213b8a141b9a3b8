//! CodeBuild project checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::{bool_not_equals, verdict};
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &ARTIFACT_ENCRYPTION_NOT_DISABLED,
    &PROJECT_KMS_KEY,
    &S3_LOGS_ENCRYPTED,
    &LOGS_CONFIGURED,
    &NOT_PRIVILEGED,
];

/// A project with every setting these checks ask for.
const GOOD_PROJECT: &str = r#"
resource "aws_codebuild_project" "build" {
  name           = "build"
  service_role   = "arn:aws:iam::111122223333:role/build"
  encryption_key = "arn:aws:kms:eu-west-1:111122223333:key/abc"

  artifacts {
    type     = "S3"
    location = "build-artifacts"
  }
  environment {
    compute_type    = "BUILD_GENERAL1_SMALL"
    image           = "aws/codebuild/standard:7.0"
    type            = "LINUX_CONTAINER"
    privileged_mode = false
  }
  logs_config {
    s3_logs {
      status   = "ENABLED"
      location = "build-logs/build"
    }
  }
  source {
    type     = "CODECOMMIT"
    location = "https://git-codecommit.eu-west-1.amazonaws.com/v1/repos/app"
  }
}"#;

/// The first `artifacts` block of a project, if it has one.
fn artifacts<'a>(project: &Resource<'a>) -> Option<&'a Value> {
    match project.get("artifacts") {
        Some(Value::List(blocks)) => blocks.first(),
        _ => None,
    }
}

static ARTIFACT_ENCRYPTION_NOT_DISABLED: Check = Check {
    id: "CKV_AWS_78",
    name: "Ensure that CodeBuild Project encryption is not disabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_codebuild_project"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A project's `artifacts` block does not set `encryption_disabled`.",
        why: "Unencrypted build artifacts in S3 can be read by anyone who gets access to the bucket, and builds often hold secrets and deployable code.",
        fix: "Remove `encryption_disabled` from the artifacts block: artifacts are encrypted by default.",
        fixed: r#"  artifacts {
    type     = "S3"
    location = "build-artifacts"
  }"#,
    },
    passing: &[GOOD_PROJECT],
    failing: &[r#"
resource "aws_codebuild_project" "build" {
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/build"

  artifacts {
    type                = "S3"
    location            = "build-artifacts"
    encryption_disabled = true
  }
}"#],
    evaluate: artifact_encryption_not_disabled,
};

/// Checkov fails an artifacts block that sets `encryption_disabled` at all, even to `false`
/// (it tests whether the setting is present, not its value), and whatever the artifact type;
/// it has nothing to say about a project without artifacts.
fn artifact_encryption_not_disabled(project: &Resource<'_>) -> Verdict {
    let Some(artifacts) = artifacts(project) else {
        return Verdict::NotApplicable;
    };
    verdict(
        artifacts
            .get("encryption_disabled")
            .is_none_or(Value::is_null),
    )
}

static PROJECT_KMS_KEY: Check = Check {
    id: "CKV_AWS_147",
    name: "Ensure that CodeBuild projects are encrypted using CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_codebuild_project"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A project that produces artifacts names a KMS key in `encryption_key`.",
        why: "With a key of your own you decide who may read the build output, and every use of the key is logged.",
        fix: "Set `encryption_key` to a customer managed KMS key.",
        fixed: r#"resource "aws_codebuild_project" "build" {
  name           = "build"
  service_role   = aws_iam_role.build.arn
  encryption_key = aws_kms_key.build.arn
  # artifacts, environment, source ...
}"#,
    },
    passing: &[GOOD_PROJECT],
    failing: &[r#"
resource "aws_codebuild_project" "build" {
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/build"

  artifacts {
    type     = "S3"
    location = "build-artifacts"
  }
}"#],
    evaluate: project_kms_key,
};

/// Checkov has nothing to say about a project without artifacts, or with `NO_ARTIFACTS`.
fn project_kms_key(project: &Resource<'_>) -> Verdict {
    let Some(artifacts) = artifacts(project) else {
        return Verdict::NotApplicable;
    };
    match artifacts.get("type") {
        Some(kind) if kind.contains_unknown() => return Verdict::Unknown,
        Some(kind) if kind.as_str() == Some("NO_ARTIFACTS") => return Verdict::NotApplicable,
        _ => {}
    }
    verdict(
        project
            .get("encryption_key")
            .is_some_and(|key| !key.is_null()),
    )
}

static S3_LOGS_ENCRYPTED: Check = Check {
    id: "CKV_AWS_311",
    name: "Ensure that CodeBuild S3 logs are encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_codebuild_project"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A project's S3 build logs do not set `encryption_disabled = true`.",
        why: "Build logs often print secrets, tokens and internal addresses; unencrypted they are readable by anyone who gets into the bucket.",
        fix: "Remove `encryption_disabled = true` from `logs_config`'s `s3_logs`.",
        fixed: r#"  logs_config {
    s3_logs {
      status   = "ENABLED"
      location = "build-logs/build"
    }
  }"#,
    },
    passing: &[GOOD_PROJECT],
    failing: &[r#"
resource "aws_codebuild_project" "build" {
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/build"

  logs_config {
    s3_logs {
      status              = "ENABLED"
      location            = "build-logs/build"
      encryption_disabled = true
    }
  }
}"#],
    evaluate: |project| {
        bool_not_equals(project, "logs_config.s3_logs.encryption_disabled", true)
    },
};

static LOGS_CONFIGURED: Check = Check {
    id: "CKV_AWS_314",
    name: "Ensure CodeBuild project environments have a logging configuration",
    kind: EntityKind::Resource,
    resource_types: &["aws_codebuild_project"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A project's `logs_config` has a `cloudwatch_logs` or an `s3_logs` block.",
        why: "Without an explicit logging configuration, what a build did, and who or what triggered it, is hard to trace after the fact.",
        fix: "Add `logs_config` with `cloudwatch_logs` (a group name) or `s3_logs` (a location).",
        fixed: r#"  logs_config {
    cloudwatch_logs {
      group_name = "/codebuild/build"
    }
  }"#,
    },
    passing: &[GOOD_PROJECT],
    failing: &[r#"
resource "aws_codebuild_project" "build" {
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/build"
}"#],
    evaluate: logs_configured,
};

fn logs_configured(project: &Resource<'_>) -> Verdict {
    let configured = |path: &str| match project.get(path) {
        Some(Value::List(blocks)) => !blocks.is_empty(),
        Some(Value::Null) | None => false,
        Some(_) => true,
    };
    match project.get("logs_config") {
        Some(Value::Unknown) => Verdict::Unknown,
        _ => {
            verdict(configured("logs_config.cloudwatch_logs") || configured("logs_config.s3_logs"))
        }
    }
}

static NOT_PRIVILEGED: Check = Check {
    id: "CKV_AWS_316",
    name: "Ensure CodeBuild project environments do not have privileged mode enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_codebuild_project"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A project's `environment` does not set `privileged_mode = true`.",
        why: "Privileged mode gives the build container root access to the host's Docker daemon, so a malicious dependency or build step can escape the container.",
        fix: "Set `privileged_mode = false`, or build images with a tool that needs no privileges.",
        fixed: r#"  environment {
    compute_type    = "BUILD_GENERAL1_SMALL"
    image           = "aws/codebuild/standard:7.0"
    type            = "LINUX_CONTAINER"
    privileged_mode = false
  }"#,
    },
    passing: &[GOOD_PROJECT],
    failing: &[r#"
resource "aws_codebuild_project" "build" {
  name         = "build"
  service_role = "arn:aws:iam::111122223333:role/build"

  environment {
    compute_type    = "BUILD_GENERAL1_SMALL"
    image           = "aws/codebuild/standard:7.0"
    type            = "LINUX_CONTAINER"
    privileged_mode = true
  }
}"#],
    evaluate: |project| bool_not_equals(project, "environment.privileged_mode", true),
};
