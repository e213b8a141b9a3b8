//! AWS `DocumentDB` checks: cluster encryption, logs and backups, and the TLS and audit
//! settings of cluster parameter groups.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &ENCRYPTED,
    &LOGS_EXPORTED,
    &TLS_NOT_DISABLED,
    &AUDIT_LOGS,
    &CLUSTER_CMK,
    &GLOBAL_CLUSTER_ENCRYPTED,
    &BACKUP_RETENTION,
];

static ENCRYPTED: Check = Check {
    id: "CKV_AWS_74",
    name: "Ensure DocumentDB is encrypted at rest (default is unencrypted)",
    kind: EntityKind::Resource,
    resource_types: &["aws_docdb_cluster"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A DocumentDB cluster has `storage_encrypted = true`.",
        why: "Unencrypted cluster storage, and its snapshots, can be read by anyone who reaches the volumes or a shared snapshot.",
        fix: "Set `storage_encrypted = true` (an existing cluster must be restored into a new encrypted one).",
        fixed: r#"resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
  storage_encrypted  = true
}"#,
    },
    passing: &[r#"
resource "aws_docdb_cluster" "docs" {
  storage_encrypted = true
}"#],
    failing: &[
        r#"
resource "aws_docdb_cluster" "docs" {
  storage_encrypted = false
}"#,
        r#"
resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
}"#,
    ],
    evaluate: storage_encrypted,
};

fn storage_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "storage_encrypted", true, Verdict::Failed)
}

static LOGS_EXPORTED: Check = Check {
    id: "CKV_AWS_85",
    name: "Ensure DocumentDB Logging is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_docdb_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A DocumentDB cluster exports its `audit` or `profiler` log to CloudWatch Logs.",
        why: "Without them there is no record of who connected and what they ran, nor of slow operations.",
        fix: "List `audit` and `profiler` in `enabled_cloudwatch_logs_exports`.",
        fixed: r#"resource "aws_docdb_cluster" "docs" {
  cluster_identifier              = "docs"
  enabled_cloudwatch_logs_exports = ["audit", "profiler"]
}"#,
    },
    passing: &[r#"
resource "aws_docdb_cluster" "docs" {
  enabled_cloudwatch_logs_exports = ["profiler"]
}"#],
    failing: &[
        r#"
resource "aws_docdb_cluster" "docs" {
  enabled_cloudwatch_logs_exports = []
}"#,
        r#"
resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
}"#,
    ],
    evaluate: logs_exported,
};

fn logs_exported(resource: &Resource<'_>) -> Verdict {
    list_holds_any(
        resource,
        "enabled_cloudwatch_logs_exports",
        &["profiler", "audit"],
    )
}

/// Passed when the list at `path` holds one of `wanted`, Failed when it is absent or holds
/// none of them, Unknown when it is unknown or holds an unknown item and none of them.
pub(super) fn list_holds_any(resource: &Resource<'_>, path: &str, wanted: &[&str]) -> Verdict {
    match resource.get(path) {
        Some(Value::List(items)) => {
            if items
                .iter()
                .any(|item| item.as_str().is_some_and(|text| wanted.contains(&text)))
            {
                Verdict::Passed
            } else if items.iter().any(Value::contains_unknown) {
                Verdict::Unknown
            } else {
                Verdict::Failed
            }
        }
        Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
        _ => Verdict::Failed,
    }
}

static TLS_NOT_DISABLED: Check = Check {
    id: "CKV_AWS_90",
    name: "Ensure DocumentDB TLS is not disabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_docdb_cluster_parameter_group"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A DocumentDB cluster parameter group does not set `tls` to `disabled`.",
        why: "With TLS off, clients connect in clear text and credentials and documents cross the network readable.",
        fix: "Remove the `tls = disabled` parameter or set it to `enabled`.",
        fixed: r#"resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"
  name   = "docs"

  parameter {
    name  = "tls"
    value = "enabled"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"

  parameter {
    name  = "tls"
    value = "enabled"
  }
}"#,
        r#"
resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"
}"#,
    ],
    failing: &[r#"
resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"

  parameter {
    name  = "tls"
    value = "disabled"
  }
}"#],
    evaluate: tls_not_disabled,
};

fn tls_not_disabled(resource: &Resource<'_>) -> Verdict {
    let mut unknown = false;
    for (name, value) in parameters(resource) {
        match (name, value) {
            (Some("tls"), Some("disabled")) => return Verdict::Failed,
            (None, _) | (_, None) => unknown = true,
            _ => {}
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

/// The `parameter` blocks as (name, value) strings; `None` for a part known only after apply
/// (or not a string). An unknown list gives one unknown pair.
fn parameters<'a>(resource: &Resource<'a>) -> alloc::vec::Vec<(Option<&'a str>, Option<&'a str>)> {
    let text = |value: Option<&'a Value>| match value {
        Some(known_later) if known_later.is_unknown() => None,
        None => None,
        Some(value) => value.as_str(),
    };
    match resource.get("parameter") {
        Some(Value::List(blocks)) => blocks
            .iter()
            .map(|block| (text(block.get("name")), text(block.get("value"))))
            .collect(),
        Some(known_later) if known_later.is_unknown() => alloc::vec![(None, None)],
        _ => alloc::vec::Vec::new(),
    }
}

static AUDIT_LOGS: Check = Check {
    id: "CKV_AWS_104",
    name: "Ensure DocumentDB has audit logs enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_docdb_cluster_parameter_group"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A DocumentDB cluster parameter group turns on `audit_logs` (`enabled`, `ddl` or `all`).",
        why: "Without auditing there is no record of authentication attempts and schema changes.",
        fix: "Add a `parameter` block with `name = \"audit_logs\"` and `value = \"all\"` (or `ddl`).",
        fixed: r#"resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"
  name   = "docs"

  parameter {
    name  = "audit_logs"
    value = "all"
  }
}"#,
    },
    passing: &[r#"
resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"

  parameter {
    name  = "audit_logs"
    value = "ddl,dml_read"
  }
}"#],
    failing: &[
        r#"
resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"

  parameter {
    name  = "audit_logs"
    value = "disabled"
  }
}"#,
        r#"
resource "aws_docdb_cluster_parameter_group" "docs" {
  family = "docdb5.0"
}"#,
    ],
    evaluate: audit_logs,
};

/// Checkov looks for `enabled`, `ddl` or `all` anywhere in the value, so a list such as
/// `ddl,dml_read` passes.
fn audit_logs(resource: &Resource<'_>) -> Verdict {
    let mut unknown = false;
    for (name, value) in parameters(resource) {
        match (name, value) {
            (Some("audit_logs"), Some(value))
                if ["enabled", "ddl", "all"]
                    .iter()
                    .any(|wanted| value.contains(wanted)) =>
            {
                return Verdict::Passed;
            }
            (None, _) | (Some("audit_logs"), None) => unknown = true,
            _ => {}
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

static CLUSTER_CMK: Check = Check {
    id: "CKV_AWS_182",
    name: "Ensure DocumentDB is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_docdb_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A DocumentDB cluster is encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can decrypt the cluster and its snapshots.",
        fix: "Set `kms_key_id` to your key's ARN (with `storage_encrypted = true`).",
        fixed: r#"resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
  storage_encrypted  = true
  kms_key_id         = aws_kms_key.docs.arn
}"#,
    },
    passing: &[r#"
resource "aws_docdb_cluster" "docs" {
  storage_encrypted = true
  kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_docdb_cluster" "docs" {
  storage_encrypted = true
}"#],
    evaluate: cluster_cmk,
};

fn cluster_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static GLOBAL_CLUSTER_ENCRYPTED: Check = Check {
    id: "CKV_AWS_292",
    name: "Ensure DocumentDB Global Cluster is encrypted at rest (default is unencrypted)",
    kind: EntityKind::Resource,
    resource_types: &["aws_docdb_global_cluster"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A DocumentDB global cluster has `storage_encrypted = true`.",
        why: "Every regional cluster of an unencrypted global cluster keeps its data unencrypted at rest.",
        fix: "Set `storage_encrypted = true`.",
        fixed: r#"resource "aws_docdb_global_cluster" "docs" {
  global_cluster_identifier = "docs"
  engine                    = "docdb"
  storage_encrypted         = true
}"#,
    },
    passing: &[r#"
resource "aws_docdb_global_cluster" "docs" {
  storage_encrypted = true
}"#],
    failing: &[r#"
resource "aws_docdb_global_cluster" "docs" {
  global_cluster_identifier = "docs"
}"#],
    evaluate: storage_encrypted,
};

static BACKUP_RETENTION: Check = Check {
    id: "CKV_AWS_360",
    name: "Ensure DocumentDB has an adequate backup retention period",
    kind: EntityKind::Resource,
    resource_types: &["aws_docdb_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A DocumentDB cluster keeps its automated backups for at least 7 days.",
        why: "The default of one day leaves little time to notice a bad change or deletion before the last good backup is gone.",
        fix: "Set `backup_retention_period` to 7 or more.",
        fixed: r#"resource "aws_docdb_cluster" "docs" {
  cluster_identifier      = "docs"
  backup_retention_period = 7
}"#,
    },
    passing: &[r#"
resource "aws_docdb_cluster" "docs" {
  backup_retention_period = 14
}"#],
    failing: &[
        r#"
resource "aws_docdb_cluster" "docs" {
  backup_retention_period = 3
}"#,
        r#"
resource "aws_docdb_cluster" "docs" {
  cluster_identifier = "docs"
}"#,
    ],
    evaluate: backup_retention,
};

fn backup_retention(resource: &Resource<'_>) -> Verdict {
    retention_of_a_week(resource)
}

/// Passed when `backup_retention_period` is at least 7 days; unset means AWS's one day.
pub(super) fn retention_of_a_week(resource: &Resource<'_>) -> Verdict {
    match resource.get("backup_retention_period") {
        None | Some(Value::Null) => Verdict::Failed,
        Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
        Some(days) => rules::verdict(days.as_number().is_some_and(|days| days >= 7.0)),
    }
}
