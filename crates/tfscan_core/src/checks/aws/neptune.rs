//! AWS Neptune checks: cluster encryption, logging, authentication and backups, instances
//! and snapshots.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::docdb::{list_holds_any, retention_of_a_week};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &STORAGE_ENCRYPTED,
    &AUDIT_LOGS,
    &INSTANCE_NOT_PUBLIC,
    &SNAPSHOT_ENCRYPTED,
    &SNAPSHOT_CMK,
    &CLUSTER_CMK,
    &IAM_AUTHENTICATION,
    &BACKUP_RETENTION,
    &COPY_TAGS,
];

static STORAGE_ENCRYPTED: Check = Check {
    id: "CKV_AWS_44",
    name: "Ensure Neptune storage is securely encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A Neptune cluster has `storage_encrypted = true`.",
        why: "Unencrypted graph storage, and its snapshots, can be read by anyone who reaches the volumes or a shared snapshot.",
        fix: "Set `storage_encrypted = true`.",
        fixed: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  storage_encrypted  = true
}"#,
    },
    passing: &[r#"
resource "aws_neptune_cluster" "graph" {
  storage_encrypted = true
}"#],
    failing: &[
        r#"
resource "aws_neptune_cluster" "graph" {
  storage_encrypted = false
}"#,
        r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}"#,
    ],
    evaluate: storage_encrypted,
};

fn storage_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "storage_encrypted", true, Verdict::Failed)
}

static AUDIT_LOGS: Check = Check {
    id: "CKV_AWS_101",
    name: "Ensure Neptune logging is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Neptune cluster exports its `audit` log to CloudWatch Logs.",
        why: "Without the audit log there is no record of who queried or changed the graph.",
        fix: "Set `enable_cloudwatch_logs_exports = [\"audit\"]` (and `neptune_enable_audit_log` in the parameter group).",
        fixed: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier             = "graph"
  enable_cloudwatch_logs_exports = ["audit"]
}"#,
    },
    passing: &[r#"
resource "aws_neptune_cluster" "graph" {
  enable_cloudwatch_logs_exports = ["audit", "slowquery"]
}"#],
    failing: &[
        r#"
resource "aws_neptune_cluster" "graph" {
  enable_cloudwatch_logs_exports = ["slowquery"]
}"#,
        r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}"#,
    ],
    evaluate: audit_logs,
};

fn audit_logs(resource: &Resource<'_>) -> Verdict {
    list_holds_any(resource, "enable_cloudwatch_logs_exports", &["audit"])
}

static INSTANCE_NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_102",
    name: "Ensure Neptune Cluster instance is not publicly available",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster_instance"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A Neptune instance does not set `publicly_accessible = true`.",
        why: "A public endpoint exposes the graph database to the whole internet.",
        fix: "Remove `publicly_accessible = true` and reach the instance from inside the VPC.",
        fixed: r#"resource "aws_neptune_cluster_instance" "graph" {
  cluster_identifier  = aws_neptune_cluster.graph.id
  instance_class      = "db.r6g.large"
  publicly_accessible = false
}"#,
    },
    passing: &[
        r#"
resource "aws_neptune_cluster_instance" "graph" {
  publicly_accessible = false
}"#,
        r#"
resource "aws_neptune_cluster_instance" "graph" {
  instance_class = "db.r6g.large"
}"#,
    ],
    failing: &[r#"
resource "aws_neptune_cluster_instance" "graph" {
  publicly_accessible = true
}"#],
    evaluate: instance_not_public,
};

fn instance_not_public(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "publicly_accessible", true)
}

static SNAPSHOT_ENCRYPTED: Check = Check {
    id: "CKV_AWS_279",
    name: "Ensure Neptune snapshot is securely encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster_snapshot"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Neptune cluster snapshot states `storage_encrypted = true`.",
        why: "An unencrypted snapshot is a full readable copy of the graph for anyone it reaches.",
        fix: "Snapshot an encrypted cluster and state `storage_encrypted = true` on the snapshot.",
        fixed: r#"resource "aws_neptune_cluster_snapshot" "graph" {
  db_cluster_identifier          = aws_neptune_cluster.graph.id
  db_cluster_snapshot_identifier = "graph"
  storage_encrypted              = true
}"#,
    },
    passing: &[r#"
resource "aws_neptune_cluster_snapshot" "graph" {
  storage_encrypted = true
}"#],
    failing: &[r#"
resource "aws_neptune_cluster_snapshot" "graph" {
  db_cluster_snapshot_identifier = "graph"
}"#],
    evaluate: storage_encrypted,
};

static SNAPSHOT_CMK: Check = Check {
    id: "CKV_AWS_280",
    name: "Ensure Neptune snapshot is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster_snapshot"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Neptune cluster snapshot names the customer managed KMS key that encrypts it.",
        why: "With a key you manage, you decide and audit who can restore the snapshot.",
        fix: "Set `kms_key_id` to your key.",
        fixed: r#"resource "aws_neptune_cluster_snapshot" "graph" {
  db_cluster_identifier          = aws_neptune_cluster.graph.id
  db_cluster_snapshot_identifier = "graph"
  kms_key_id                     = aws_kms_key.graph.arn
}"#,
    },
    passing: &[r#"
resource "aws_neptune_cluster_snapshot" "graph" {
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_neptune_cluster_snapshot" "graph" {
  db_cluster_snapshot_identifier = "graph"
}"#],
    evaluate: snapshot_cmk,
};

fn snapshot_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static CLUSTER_CMK: Check = Check {
    id: "CKV_AWS_347",
    name: "Ensure Neptune is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Neptune cluster is encrypted with a customer managed KMS key named in `kms_key_arn`.",
        why: "With a key you manage, you decide and audit who can decrypt the graph and its snapshots.",
        fix: "Set `kms_key_arn` to your key (with `storage_encrypted = true`).",
        fixed: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
  storage_encrypted  = true
  kms_key_arn        = aws_kms_key.graph.arn
}"#,
    },
    passing: &[r#"
resource "aws_neptune_cluster" "graph" {
  storage_encrypted = true
  kms_key_arn       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_neptune_cluster" "graph" {
  storage_encrypted = true
}"#],
    evaluate: cluster_cmk,
};

fn cluster_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_arn")
}

static IAM_AUTHENTICATION: Check = Check {
    id: "CKV_AWS_359",
    name: "Neptune DB clusters should have IAM database authentication enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Neptune cluster requires IAM authentication.",
        why: "Without it any client that reaches the endpoint can query the graph, with no identity attached to its requests.",
        fix: "Set `iam_database_authentication_enabled = true`.",
        fixed: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier                  = "graph"
  iam_database_authentication_enabled = true
}"#,
    },
    passing: &[r#"
resource "aws_neptune_cluster" "graph" {
  iam_database_authentication_enabled = true
}"#],
    failing: &[
        r#"
resource "aws_neptune_cluster" "graph" {
  iam_database_authentication_enabled = false
}"#,
        r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}"#,
    ],
    evaluate: iam_authentication,
};

fn iam_authentication(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "iam_database_authentication_enabled",
        true,
        Verdict::Failed,
    )
}

static BACKUP_RETENTION: Check = Check {
    id: "CKV_AWS_361",
    name: "Ensure that Neptune DB cluster has automated backups enabled with adequate retention",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Neptune cluster keeps its automated backups for at least 7 days.",
        why: "The default of one day leaves little time to notice a bad change before the last good backup is gone.",
        fix: "Set `backup_retention_period` to 7 or more.",
        fixed: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier      = "graph"
  backup_retention_period = 7
}"#,
    },
    passing: &[r#"
resource "aws_neptune_cluster" "graph" {
  backup_retention_period = 7
}"#],
    failing: &[
        r#"
resource "aws_neptune_cluster" "graph" {
  backup_retention_period = 1
}"#,
        r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}"#,
    ],
    evaluate: retention_of_a_week,
};

static COPY_TAGS: Check = Check {
    id: "CKV_AWS_362",
    name: "Neptune DB clusters should be configured to copy tags to snapshots",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Neptune cluster copies its tags to its snapshots.",
        why: "Untagged snapshots lose the owner and data-classification tags that access policies and clean-up rely on.",
        fix: "Set `copy_tags_to_snapshot = true`.",
        fixed: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier    = "graph"
  copy_tags_to_snapshot = true
}"#,
    },
    passing: &[r#"
resource "aws_neptune_cluster" "graph" {
  copy_tags_to_snapshot = true
}"#],
    failing: &[r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}"#],
    evaluate: copy_tags,
};

fn copy_tags(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "copy_tags_to_snapshot", true, Verdict::Failed)
}
