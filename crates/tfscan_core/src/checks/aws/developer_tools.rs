//! Checks on AWS's developer tools: CodePipeline, CodeArtifact, CodeCommit and CodeGuru
//! Reviewer.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::{is_set, string_in, verdict};
use crate::value::Value;

/// This group's checks.
pub static CHECKS: &[&Check] = &[
    &PIPELINE_ARTIFACTS_KMS_KEY,
    &CODEARTIFACT_DOMAIN_KMS_KEY,
    &TWO_APPROVALS,
    &CODEGURU_CUSTOMER_KEY,
];

static PIPELINE_ARTIFACTS_KMS_KEY: Check = Check {
    id: "CKV_AWS_219",
    name: "Ensure CodePipeline Artifact store is using a KMS CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_codepipeline"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A pipeline's `artifact_store` names a KMS key in its `encryption_key`.",
        why: "With a key of your own you decide who may read what moves between the pipeline's stages (source code, build output), and every use of the key is logged.",
        fix: "Add `encryption_key { id = ..., type = \"KMS\" }` to the artifact store.",
        fixed: r#"  artifact_store {
    location = aws_s3_bucket.pipeline.bucket
    type     = "S3"

    encryption_key {
      id   = aws_kms_key.pipeline.arn
      type = "KMS"
    }
  }"#,
    },
    passing: &[r#"
resource "aws_codepipeline" "release" {
  name     = "release"
  role_arn = "arn:aws:iam::111122223333:role/pipeline"

  artifact_store {
    location = "pipeline-artifacts"
    type     = "S3"

    encryption_key {
      id   = "arn:aws:kms:eu-west-1:111122223333:key/abc"
      type = "KMS"
    }
  }
}"#],
    failing: &[r#"
resource "aws_codepipeline" "release" {
  name     = "release"
  role_arn = "arn:aws:iam::111122223333:role/pipeline"

  artifact_store {
    location = "pipeline-artifacts"
    type     = "S3"
  }
}"#],
    evaluate: |pipeline| is_set(pipeline, "artifact_store.encryption_key.id"),
};

static CODEARTIFACT_DOMAIN_KMS_KEY: Check = Check {
    id: "CKV_AWS_221",
    name: "Ensure CodeArtifact Domain is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_codeartifact_domain"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A CodeArtifact domain names a KMS key in `encryption_key`.",
        why: "With a key of your own you decide who may read the packages stored in the domain, and every use of the key is logged.",
        fix: "Set `encryption_key` to a customer managed KMS key.",
        fixed: r#"resource "aws_codeartifact_domain" "packages" {
  domain         = "packages"
  encryption_key = aws_kms_key.packages.arn
}"#,
    },
    passing: &[r#"
resource "aws_codeartifact_domain" "packages" {
  domain         = "packages"
  encryption_key = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}"#],
    failing: &[r#"
resource "aws_codeartifact_domain" "packages" {
  domain = "packages"
}"#],
    evaluate: |domain| is_set(domain, "encryption_key"),
};

static TWO_APPROVALS: Check = Check {
    id: "CKV_AWS_257",
    name: "Ensure CodeCommit branch changes have at least 2 approvals",
    kind: EntityKind::Resource,
    resource_types: &["aws_codecommit_approval_rule_template"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The first statement of an approval rule template's `content` asks for `NumberOfApprovalsNeeded` of 2 or more.",
        why: "With a single approval, one colleague (or one compromised account) is enough to merge any change.",
        fix: "Set `NumberOfApprovalsNeeded` to at least 2.",
        fixed: r#"resource "aws_codecommit_approval_rule_template" "two_reviewers" {
  name = "two-reviewers"
  content = jsonencode({
    Version               = "2018-11-08"
    DestinationReferences = ["refs/heads/main"]
    Statements = [{
      Type                    = "Approvers"
      NumberOfApprovalsNeeded = 2
    }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_codecommit_approval_rule_template" "two_reviewers" {
  name = "two-reviewers"
  content = jsonencode({
    Version = "2018-11-08"
    Statements = [{
      Type                    = "Approvers"
      NumberOfApprovalsNeeded = 2
    }]
  })
}"#],
    failing: &[r#"
resource "aws_codecommit_approval_rule_template" "one_reviewer" {
  name = "one-reviewer"
  content = jsonencode({
    Version = "2018-11-08"
    Statements = [{
      Type                    = "Approvers"
      NumberOfApprovalsNeeded = 1
    }]
  })
}"#],
    evaluate: two_approvals,
};

/// Checkov reads only the first statement and wants a whole number; content that is not a JSON
/// object is left alone.
fn two_approvals(template: &Resource<'_>) -> Verdict {
    let content = match template.get("content") {
        None | Some(Value::Null) => return Verdict::Failed,
        Some(Value::String(text)) => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(json) => super::iam_policy::from_json(json),
            Err(_) => return Verdict::NotApplicable,
        },
        Some(value) if value.contains_unknown() => return Verdict::Unknown,
        Some(value) => value.clone(),
    };
    if !matches!(content, Value::Object(_)) {
        return Verdict::NotApplicable;
    }
    let needed = match content.get("Statements") {
        Some(Value::List(statements)) => statements
            .first()
            .and_then(|statement| statement.get("NumberOfApprovalsNeeded")),
        _ => None,
    };
    match needed {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(Value::Number(number)) => verdict(libm::trunc(*number) == *number && *number >= 2.0),
        _ => Verdict::Failed,
    }
}

static CODEGURU_CUSTOMER_KEY: Check = Check {
    id: "CKV_AWS_381",
    name: "Make sure that aws_codegurureviewer_repository_association has a CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_codegurureviewer_repository_association"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A CodeGuru Reviewer repository association sets `kms_key_details { encryption_option = \"CUSTOMER_MANAGED_CMK\" }`.",
        why: "CodeGuru keeps copies of the reviewed source code; with a key of your own you decide who may read them, and every use of the key is logged.",
        fix: "Add `kms_key_details` with `encryption_option = \"CUSTOMER_MANAGED_CMK\"` and the key's ID.",
        fixed: r#"  kms_key_details {
    encryption_option = "CUSTOMER_MANAGED_CMK"
    kms_key_id        = aws_kms_key.reviews.key_id
  }"#,
    },
    passing: &[r#"
resource "aws_codegurureviewer_repository_association" "app" {
  repository {
    codecommit {
      name = "app"
    }
  }
  kms_key_details {
    encryption_option = "CUSTOMER_MANAGED_CMK"
    kms_key_id        = "0a1b2c3d-1111-2222-3333-444455556666"
  }
}"#],
    failing: &[
        r#"
resource "aws_codegurureviewer_repository_association" "app" {
  repository {
    codecommit {
      name = "app"
    }
  }
}"#,
        r#"
resource "aws_codegurureviewer_repository_association" "app" {
  repository {
    codecommit {
      name = "app"
    }
  }
  kms_key_details {
    encryption_option = "AWS_OWNED_CMK"
  }
}"#,
    ],
    evaluate: |association| {
        string_in(
            association,
            "kms_key_details.encryption_option",
            &["CUSTOMER_MANAGED_CMK"],
            Verdict::Failed,
        )
    },
};
