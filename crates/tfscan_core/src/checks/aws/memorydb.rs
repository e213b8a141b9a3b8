//! AWS `MemoryDB` checks: encryption of clusters and snapshots.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&CLUSTER_CMK, &TLS, &SNAPSHOT_CMK];

static CLUSTER_CMK: Check = Check {
    id: "CKV_AWS_201",
    name: "Ensure MemoryDB is encrypted at rest using KMS CMKs",
    kind: EntityKind::Resource,
    resource_types: &["aws_memorydb_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A MemoryDB cluster is encrypted at rest with a customer managed KMS key named in `kms_key_arn`.",
        why: "With a key you manage, you decide and audit who can decrypt the database's storage and snapshots.",
        fix: "Set `kms_key_arn` to your key.",
        fixed: r#"resource "aws_memorydb_cluster" "app" {
  name        = "app"
  node_type   = "db.t4g.small"
  acl_name    = "open-access"
  kms_key_arn = aws_kms_key.memorydb.arn
}"#,
    },
    passing: &[r#"
resource "aws_memorydb_cluster" "app" {
  name        = "app"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_memorydb_cluster" "app" {
  name = "app"
}"#],
    evaluate: kms_key_arn_set,
};

fn kms_key_arn_set(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_arn")
}

static TLS: Check = Check {
    id: "CKV_AWS_202",
    name: "Ensure MemoryDB data is encrypted in transit",
    kind: EntityKind::Resource,
    resource_types: &["aws_memorydb_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A MemoryDB cluster does not turn TLS off with `tls_enabled = false`.",
        why: "Without TLS, data and credentials cross the network in clear text.",
        fix: "Remove `tls_enabled = false` (TLS is on by default).",
        fixed: r#"resource "aws_memorydb_cluster" "app" {
  name        = "app"
  node_type   = "db.t4g.small"
  acl_name    = "app-users"
  tls_enabled = true
}"#,
    },
    passing: &[
        r#"
resource "aws_memorydb_cluster" "app" {
  tls_enabled = true
}"#,
        r#"
resource "aws_memorydb_cluster" "app" {
  name = "app"
}"#,
    ],
    failing: &[r#"
resource "aws_memorydb_cluster" "app" {
  tls_enabled = false
}"#],
    evaluate: tls,
};

fn tls(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "tls_enabled", false)
}

static SNAPSHOT_CMK: Check = Check {
    id: "CKV_AWS_278",
    name: "Ensure MemoryDB snapshot is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_memorydb_snapshot"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A MemoryDB snapshot is encrypted with a customer managed KMS key named in `kms_key_arn`.",
        why: "With a key you manage, you decide and audit who can restore the snapshot.",
        fix: "Set `kms_key_arn` to your key.",
        fixed: r#"resource "aws_memorydb_snapshot" "app" {
  cluster_name = aws_memorydb_cluster.app.name
  name         = "app"
  kms_key_arn  = aws_kms_key.memorydb.arn
}"#,
    },
    passing: &[r#"
resource "aws_memorydb_snapshot" "app" {
  cluster_name = "app"
  kms_key_arn  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_memorydb_snapshot" "app" {
  cluster_name = "app"
}"#],
    evaluate: kms_key_arn_set,
};
