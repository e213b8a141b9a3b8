//! AWS Athena checks: database and workgroup encryption.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &DATABASE_ENCRYPTED,
    &WORKGROUP_ENFORCED,
    &WORKGROUP_ENCRYPTED,
];

static DATABASE_ENCRYPTED: Check = Check {
    id: "CKV_AWS_77",
    name: "Ensure Athena Database is encrypted at rest (default is unencrypted)",
    kind: EntityKind::Resource,
    resource_types: &["aws_athena_database"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An Athena database encrypts the query results it writes (`encryption_configuration`).",
        why: "Query results land in S3 and can hold any data the database exposes; unencrypted they are readable by whoever reaches the bucket.",
        fix: "Add `encryption_configuration` with an `encryption_option` (`SSE_KMS` with your key, or `SSE_S3`).",
        fixed: r#"resource "aws_athena_database" "analytics" {
  name   = "analytics"
  bucket = aws_s3_bucket.results.id

  encryption_configuration {
    encryption_option = "SSE_KMS"
    kms_key           = aws_kms_key.athena.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_athena_database" "analytics" {
  encryption_configuration {
    encryption_option = "SSE_S3"
  }
}"#],
    failing: &[r#"
resource "aws_athena_database" "analytics" {
  name = "analytics"
}"#],
    evaluate: database_encrypted,
};

fn database_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "encryption_configuration.0.encryption_option")
}

static WORKGROUP_ENFORCED: Check = Check {
    id: "CKV_AWS_82",
    name: "Ensure Athena Workgroup should enforce configuration to prevent client disabling encryption",
    kind: EntityKind::Resource,
    resource_types: &["aws_athena_workgroup"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An Athena workgroup does not let clients override its settings (`enforce_workgroup_configuration` is not false).",
        why: "When clients may override the workgroup, any of them can write query results unencrypted or elsewhere.",
        fix: "Leave `enforce_workgroup_configuration` unset or true in `configuration`.",
        fixed: r#"resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    enforce_workgroup_configuration = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_athena_workgroup" "analysts" {
  configuration {
    enforce_workgroup_configuration = true
  }
}"#,
        r#"
resource "aws_athena_workgroup" "analysts" {
  name = "analysts"
}"#,
    ],
    failing: &[r#"
resource "aws_athena_workgroup" "analysts" {
  configuration {
    enforce_workgroup_configuration = false
  }
}"#],
    evaluate: workgroup_enforced,
};

fn workgroup_enforced(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "configuration.0.enforce_workgroup_configuration",
        true,
        Verdict::Passed,
    )
}

static WORKGROUP_ENCRYPTED: Check = Check {
    id: "CKV_AWS_159",
    name: "Ensure that Athena Workgroup is encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_athena_workgroup"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An Athena workgroup encrypts its query results, through `result_configuration.encryption_configuration` or managed query results.",
        why: "Query results can hold any data the queries read; unencrypted they are readable by whoever reaches the results bucket.",
        fix: "Add `encryption_configuration { encryption_option = \"SSE_KMS\" ... }` to `result_configuration`, or use managed query results.",
        fixed: r#"resource "aws_athena_workgroup" "analysts" {
  name = "analysts"

  configuration {
    result_configuration {
      output_location = "s3://athena-results/analysts/"

      encryption_configuration {
        encryption_option = "SSE_KMS"
        kms_key_arn       = aws_kms_key.athena.arn
      }
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_athena_workgroup" "analysts" {
  configuration {
    result_configuration {
      encryption_configuration {
        encryption_option = "SSE_S3"
      }
    }
  }
}"#,
        r#"
resource "aws_athena_workgroup" "analysts" {
  configuration {
    managed_query_results_configuration {
      enabled = true
    }
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_athena_workgroup" "analysts" {
  configuration {
    result_configuration {
      output_location = "s3://athena-results/analysts/"
    }
  }
}"#,
        r#"
resource "aws_athena_workgroup" "analysts" {
  name = "analysts"
}"#,
    ],
    evaluate: workgroup_encrypted,
};

/// Managed query results are always encrypted, so Checkov passes a workgroup that turns them on.
fn workgroup_encrypted(resource: &Resource<'_>) -> Verdict {
    let managed = resource.get("configuration.0.managed_query_results_configuration.0.enabled");
    if managed.and_then(Value::as_bool) == Some(true) {
        return Verdict::Passed;
    }
    let verdict = rules::is_set(
        resource,
        "configuration.0.result_configuration.0.encryption_configuration.0.encryption_option",
    );
    if verdict == Verdict::Failed && managed.is_some_and(Value::is_unknown) {
        Verdict::Unknown
    } else {
        verdict
    }
}
