//! AWS DynamoDB Accelerator (DAX) checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&ENCRYPTED, &ENDPOINT_TLS];

static ENCRYPTED: Check = Check {
    id: "CKV_AWS_47",
    name: "Ensure DAX is encrypted at rest (default is unencrypted)",
    kind: EntityKind::Resource,
    resource_types: &["aws_dax_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A DAX cluster turns on server-side encryption.",
        why: "Cached table items sit unencrypted on the cluster's disks otherwise.",
        fix: "Add `server_side_encryption { enabled = true }`.",
        fixed: r#"resource "aws_dax_cluster" "cache" {
  cluster_name       = "cache"
  iam_role_arn       = aws_iam_role.dax.arn
  node_type          = "dax.r5.large"
  replication_factor = 3

  server_side_encryption {
    enabled = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_dax_cluster" "cache" {
  server_side_encryption {
    enabled = true
  }
}"#],
    failing: &[
        r#"
resource "aws_dax_cluster" "cache" {
  server_side_encryption {
    enabled = false
  }
}"#,
        r#"
resource "aws_dax_cluster" "cache" {
  node_type = "dax.r5.large"
}"#,
    ],
    evaluate: encrypted,
};

fn encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "server_side_encryption.0.enabled",
        true,
        Verdict::Failed,
    )
}

static ENDPOINT_TLS: Check = Check {
    id: "CKV_AWS_239",
    name: "Ensure DAX cluster endpoint is using TLS",
    kind: EntityKind::Resource,
    resource_types: &["aws_dax_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what:
            "A DAX cluster's endpoint requires TLS (`cluster_endpoint_encryption_type = \"TLS\"`).",
        why: "Without TLS, cached items and requests cross the network in clear text.",
        fix: "Set `cluster_endpoint_encryption_type = \"TLS\"` (it applies to new clusters).",
        fixed: r#"resource "aws_dax_cluster" "cache" {
  cluster_name                     = "cache"
  iam_role_arn                     = aws_iam_role.dax.arn
  node_type                        = "dax.r5.large"
  replication_factor               = 3
  cluster_endpoint_encryption_type = "TLS"
}"#,
    },
    passing: &[r#"
resource "aws_dax_cluster" "cache" {
  cluster_endpoint_encryption_type = "TLS"
}"#],
    failing: &[
        r#"
resource "aws_dax_cluster" "cache" {
  cluster_endpoint_encryption_type = "NONE"
}"#,
        r#"
resource "aws_dax_cluster" "cache" {
  node_type = "dax.r5.large"
}"#,
    ],
    evaluate: endpoint_tls,
};

fn endpoint_tls(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "cluster_endpoint_encryption_type",
        &["TLS"],
        Verdict::Failed,
    )
}
