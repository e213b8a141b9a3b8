//! AWS RDS checks on database instances, their snapshots and backups, and the rules that
//! Checkov applies to instances and clusters alike (backup retention, the `log_fdw` versions).
//! Checks that read only `aws_rds_cluster` and its companions are in `rds_cluster.rs`.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &STORAGE_ENCRYPTED,
    &NOT_PUBLIC,
    &ENHANCED_MONITORING,
    &LOGS_EXPORTED,
    &BACKUP_RETENTION,
    &MULTI_AZ,
    &IAM_AUTHENTICATION,
    &NO_DB_SECURITY_GROUP,
    &RECENT_CA_CERTIFICATE,
    &MINOR_UPGRADES,
    &REPLICATED_BACKUPS_CMK,
    &LOG_FDW_VERSION,
    &SNAPSHOT_COPY_CMK,
    &DELETION_PROTECTION,
    &SNAPSHOT_NOT_PUBLIC,
    &PERFORMANCE_INSIGHTS,
    &PERFORMANCE_INSIGHTS_CMK,
    &AURORA_POSTGRES_FILE_READ,
];

static STORAGE_ENCRYPTED: Check = Check {
    id: "CKV_AWS_16",
    name: "Ensure all data stored in the RDS is securely encrypted at rest",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An RDS instance has `storage_encrypted = true`.",
        why: "Unencrypted storage, and every snapshot and replica made from it, can be read by anyone who gets hold of the volumes or a shared snapshot.",
        fix: "Set `storage_encrypted = true` (a new instance or a restore from an encrypted snapshot copy is needed for an existing one).",
        fixed: r#"resource "aws_db_instance" "app" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  storage_encrypted = true
}"#,
    },
    passing: &[r#"
resource "aws_db_instance" "app" {
  storage_encrypted = true
}"#],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  storage_encrypted = false
}"#,
        r#"
resource "aws_db_instance" "app" {
  engine = "mysql"
}"#,
    ],
    evaluate: storage_encrypted,
};

fn storage_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "storage_encrypted", true, Verdict::Failed)
}

static NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_17",
    name: "Ensure all data stored in RDS is not publicly accessible",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance", "aws_rds_cluster_instance"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A database instance is not given a public endpoint with `publicly_accessible = true`.",
        why: "A public endpoint puts the database's login prompt on the internet, one weak password or unpatched flaw away from a breach.",
        fix: "Leave `publicly_accessible` unset or false and reach the database from inside the VPC.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  publicly_accessible = false
}"#,
    },
    passing: &[
        r#"
resource "aws_db_instance" "app" {
  publicly_accessible = false
}"#,
        r#"
resource "aws_rds_cluster_instance" "app" {
  cluster_identifier = "app"
  instance_class     = "db.r6g.large"
}"#,
    ],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  publicly_accessible = true
}"#,
        r#"
resource "aws_rds_cluster_instance" "app" {
  publicly_accessible = "true"
}"#,
    ],
    evaluate: not_public,
};

fn not_public(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "publicly_accessible", true)
}

static ENHANCED_MONITORING: Check = Check {
    id: "CKV_AWS_118",
    name: "Ensure that enhanced monitoring is enabled for Amazon RDS instances",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance", "aws_rds_cluster_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A database instance sends enhanced monitoring metrics at one of the intervals RDS offers (1, 5, 10, 15, 30 or 60 seconds).",
        why: "Without operating-system metrics, load, memory pressure and runaway processes on the database host go unseen until they cause an outage.",
        fix: "Set `monitoring_interval` to a supported number of seconds and `monitoring_role_arn` to a role RDS can use.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  monitoring_interval = 60
  monitoring_role_arn = aws_iam_role.rds_monitoring.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_db_instance" "app" {
  monitoring_interval = 30
}"#,
        r#"
resource "aws_rds_cluster_instance" "app" {
  monitoring_interval = 5
}"#,
    ],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  monitoring_interval = 0
}"#,
        r#"
resource "aws_rds_cluster_instance" "app" {
  instance_class = "db.r6g.large"
}"#,
    ],
    evaluate: enhanced_monitoring,
};

fn enhanced_monitoring(resource: &Resource<'_>) -> Verdict {
    rules::number_in(
        resource,
        "monitoring_interval",
        &[1.0, 5.0, 10.0, 15.0, 30.0, 60.0],
        Verdict::Failed,
    )
}

static LOGS_EXPORTED: Check = Check {
    id: "CKV_AWS_129",
    name: "Ensure that respective logs of Amazon Relational Database Service (Amazon RDS) are enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An RDS instance exports at least one of its logs to CloudWatch Logs.",
        why: "Database logs that stay on the instance are lost with it and cannot be searched or alarmed on when investigating an incident.",
        fix: "List the engine's logs in `enabled_cloudwatch_logs_exports`.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine                          = "postgres"
  instance_class                  = "db.t3.micro"
  enabled_cloudwatch_logs_exports = ["postgresql", "upgrade"]
}"#,
    },
    passing: &[r#"
resource "aws_db_instance" "app" {
  enabled_cloudwatch_logs_exports = ["audit", "error"]
}"#],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  enabled_cloudwatch_logs_exports = []
}"#,
        r#"
resource "aws_db_instance" "app" {
  engine = "mysql"
}"#,
    ],
    evaluate: logs_exported,
};

/// Checkov asks for the list's first item to be set.
fn logs_exported(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "enabled_cloudwatch_logs_exports.0")
}

static BACKUP_RETENTION: Check = Check {
    id: "CKV_AWS_133",
    name: "Ensure that RDS instances has backup policy",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance", "aws_rds_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A database keeps automated backups: `backup_retention_period` is unset (one day) or between 1 and 35 days.",
        why: "With a retention of zero there are no automated backups and no point-in-time restore after data is lost or corrupted.",
        fix: "Set `backup_retention_period` to the number of days of backups you need, from 1 to 35.",
        fixed: r#"resource "aws_rds_cluster" "app" {
  engine                  = "aurora-postgresql"
  backup_retention_period = 14
}"#,
    },
    passing: &[
        r#"
resource "aws_db_instance" "app" {
  backup_retention_period = 7
}"#,
        r#"
resource "aws_rds_cluster" "app" {
  engine = "aurora-mysql"
}"#,
    ],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  backup_retention_period = 0
}"#,
        r#"
resource "aws_rds_cluster" "app" {
  backup_retention_period = 40
}"#,
    ],
    evaluate: backup_retention,
};

/// Unset means the default of one day, which passes; a value that is not a whole number fails.
fn backup_retention(resource: &Resource<'_>) -> Verdict {
    match resource.get("backup_retention_period") {
        None | Some(Value::Null) => Verdict::Passed,
        Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
        Some(period) => {
            rules::verdict(whole_number(period).is_some_and(|days| days > 0.0 && days <= 35.0))
        }
    }
}

/// A whole number, or a string holding one, as Checkov's `force_int` reads it (a fraction is
/// cut off a number; a string must hold an integer). A string too long for `i32` is far out of
/// range anyway and fails alike.
fn whole_number(value: &Value) -> Option<f64> {
    match value {
        Value::Number(number) => Some(libm::trunc(*number)),
        Value::String(text) => text.trim().parse::<i32>().ok().map(f64::from),
        _ => None,
    }
}

static MULTI_AZ: Check = Check {
    id: "CKV_AWS_157",
    name: "Ensure that RDS instances have Multi-AZ enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An RDS instance runs with a standby in a second availability zone (`multi_az = true`).",
        why: "A single-zone instance is down for as long as its zone or host is, and a failover needs a restore from backup.",
        fix: "Set `multi_az = true`.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine         = "postgres"
  instance_class = "db.t3.micro"
  multi_az       = true
}"#,
    },
    passing: &[r#"
resource "aws_db_instance" "app" {
  multi_az = true
}"#],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  multi_az = false
}"#,
        r#"
resource "aws_db_instance" "app" {
  engine = "postgres"
}"#,
    ],
    evaluate: multi_az,
};

fn multi_az(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "multi_az", true, Verdict::Failed)
}

static IAM_AUTHENTICATION: Check = Check {
    id: "CKV_AWS_161",
    name: "Ensure RDS database has IAM authentication enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A MySQL or PostgreSQL RDS instance accepts IAM authentication.",
        why: "Without it every client needs a long-lived database password, which cannot be revoked centrally or tied to an IAM identity.",
        fix: "Set `iam_database_authentication_enabled = true`.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine                              = "postgres"
  instance_class                      = "db.t3.micro"
  iam_database_authentication_enabled = true
}"#,
    },
    passing: &[r#"
resource "aws_db_instance" "app" {
  engine                              = "mysql"
  iam_database_authentication_enabled = true
}"#],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  engine = "postgres"
}"#,
        r#"
resource "aws_db_instance" "app" {
  engine                              = "mysql"
  iam_database_authentication_enabled = false
}"#,
    ],
    evaluate: iam_authentication,
};

/// Checkov looks only at the two engines that support IAM authentication, named exactly.
fn iam_authentication(resource: &Resource<'_>) -> Verdict {
    match resource.get("engine") {
        Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
        Some(Value::String(engine)) if engine == "mysql" || engine == "postgres" => {
            rules::bool_equals(
                resource,
                "iam_database_authentication_enabled",
                true,
                Verdict::Failed,
            )
        }
        _ => Verdict::NotApplicable,
    }
}

static NO_DB_SECURITY_GROUP: Check = Check {
    id: "CKV_AWS_198",
    name: "Ensure no aws_db_security_group resources exist",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_security_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The configuration declares no `aws_db_security_group`.",
        why: "DB security groups belong to EC2-Classic, which AWS has retired; databases in a VPC are protected by ordinary VPC security groups.",
        fix: "Delete the `aws_db_security_group` and attach an `aws_security_group` through `vpc_security_group_ids`.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  vpc_security_group_ids = [aws_security_group.db.id]
}"#,
    },
    passing: &[],
    failing: &[r#"
resource "aws_db_security_group" "legacy" {
  name = "legacy"

  ingress {
    cidr = "10.0.0.0/24"
  }
}"#],
    evaluate: no_db_security_group,
};

fn no_db_security_group(_: &Resource<'_>) -> Verdict {
    Verdict::Failed
}

static RECENT_CA_CERTIFICATE: Check = Check {
    id: "CKV_AWS_211",
    name: "Ensure RDS uses a modern CaCert",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An RDS instance that names its certificate authority names a current one (`rds-ca-rsa2048-g1`, `rds-ca-rsa4096-g1`, `rds-ca-ecc384-g1` or `rds-ca-2019`).",
        why: "Clients that verify the server against an expired or retired authority either fail to connect or are configured to skip verification.",
        fix: "Set `ca_cert_identifier` to a current authority, or leave it unset for the default.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine             = "postgres"
  instance_class     = "db.t3.micro"
  ca_cert_identifier = "rds-ca-rsa2048-g1"
}"#,
    },
    passing: &[
        r#"
resource "aws_db_instance" "app" {
  ca_cert_identifier = "rds-ca-ecc384-g1"
}"#,
        r#"
resource "aws_db_instance" "app" {
  engine = "postgres"
}"#,
    ],
    failing: &[r#"
resource "aws_db_instance" "app" {
  ca_cert_identifier = "rds-ca-2015"
}"#],
    evaluate: recent_ca_certificate,
};

fn recent_ca_certificate(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "ca_cert_identifier",
        &[
            "rds-ca-2019",
            "rds-ca-rsa2048-g1",
            "rds-ca-rsa4096-g1",
            "rds-ca-ecc384-g1",
        ],
        Verdict::Passed,
    )
}

static MINOR_UPGRADES: Check = Check {
    id: "CKV_AWS_226",
    name: "Ensure DB instance gets all minor upgrades automatically",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance", "aws_rds_cluster_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A database instance states `auto_minor_version_upgrade = true`.",
        why: "Minor engine versions carry security fixes; an instance that does not take them stays exposed to published flaws.",
        fix: "Set `auto_minor_version_upgrade = true`.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine                     = "postgres"
  instance_class             = "db.t3.micro"
  auto_minor_version_upgrade = true
}"#,
    },
    passing: &[
        r#"
resource "aws_db_instance" "app" {
  auto_minor_version_upgrade = true
}"#,
        r#"
resource "aws_rds_cluster_instance" "app" {
  auto_minor_version_upgrade = true
}"#,
    ],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  auto_minor_version_upgrade = false
}"#,
        r#"
resource "aws_rds_cluster_instance" "app" {
  instance_class = "db.r6g.large"
}"#,
    ],
    evaluate: minor_upgrades,
};

fn minor_upgrades(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "auto_minor_version_upgrade",
        true,
        Verdict::Failed,
    )
}

static REPLICATED_BACKUPS_CMK: Check = Check {
    id: "CKV_AWS_245",
    name: "Ensure replicated backups are encrypted at rest using KMS CMKs",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance_automated_backups_replication"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "Backups replicated to another region are encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can restore the copied backups, and can cut off that access.",
        fix: "Set `kms_key_id` to a key in the destination region.",
        fixed: r#"resource "aws_db_instance_automated_backups_replication" "app" {
  source_db_instance_arn = aws_db_instance.app.arn
  kms_key_id             = aws_kms_key.backups.arn
}"#,
    },
    passing: &[r#"
resource "aws_db_instance_automated_backups_replication" "app" {
  source_db_instance_arn = "arn:aws:rds:eu-west-1:111122223333:db:app"
  kms_key_id             = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_db_instance_automated_backups_replication" "app" {
  source_db_instance_arn = "arn:aws:rds:eu-west-1:111122223333:db:app"
}"#],
    evaluate: kms_key_id_set,
};

fn kms_key_id_set(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static LOG_FDW_VERSION: Check = Check {
    id: "CKV_AWS_250",
    name: "Ensure that RDS PostgreSQL instances use a non vulnerable version with the log_fdw extension (https://aws.amazon.com/security/security-bulletins/AWS-2022-004/)",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance", "aws_rds_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A PostgreSQL database runs an engine version with the fix for the `log_fdw` file-read flaw of security bulletin AWS-2022-004.",
        why: "On older versions a database user with the extension can read files of the host, including other databases' credentials.",
        fix: "Set `engine_version` to a fixed release: PostgreSQL 13.3, 12.7, 11.12, 10.17, 9.6.22 or later; Aurora PostgreSQL 12, 11.9, 10.14 or later.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine         = "postgres"
  engine_version = "15.4"
  instance_class = "db.t3.micro"
}"#,
    },
    passing: &[
        r#"
resource "aws_db_instance" "app" {
  engine         = "postgres"
  engine_version = "13.7"
}"#,
        r#"
resource "aws_rds_cluster" "app" {
  engine         = "aurora-postgresql"
  engine_version = "11.9"
}"#,
    ],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  engine         = "postgres"
  engine_version = "9.6.20"
}"#,
        r#"
resource "aws_rds_cluster" "app" {
  engine         = "aurora-postgresql"
  engine_version = "10.7"
}"#,
    ],
    evaluate: log_fdw_version,
};

/// Checkov judges only the versions it can split: `major.minor` (and `9.6.patch`) for
/// PostgreSQL, `major.minor` for Aurora PostgreSQL. A version it cannot read, another engine
/// or an unset version gives no verdict.
fn log_fdw_version(resource: &Resource<'_>) -> Verdict {
    let aurora = match resource.get("engine") {
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        Some(Value::String(engine)) if engine == "postgres" => false,
        Some(Value::String(engine)) if engine == "aurora-postgresql" => true,
        _ => return Verdict::NotApplicable,
    };
    let version = match resource.get("engine_version") {
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        Some(Value::String(version)) => version,
        _ => return Verdict::NotApplicable,
    };
    let parts: alloc::vec::Vec<&str> = version.split('.').collect();
    let readable = if aurora {
        parts.len() == 2
    } else {
        (2..=3).contains(&parts.len())
    };
    if !readable {
        return Verdict::NotApplicable;
    }
    let number = |index: usize| parts.get(index).and_then(|part| part.parse::<i64>().ok());
    let (Some(major), Some(minor)) = (number(0), number(1)) else {
        return Verdict::NotApplicable;
    };
    let fixed = if aurora {
        major >= 12 || (major == 11 && minor > 8) || (major == 10 && minor > 13)
    } else {
        if major == 9 && minor == 6 {
            match number(2) {
                Some(patch) => return rules::verdict(patch > 21),
                None => return Verdict::NotApplicable,
            }
        }
        major >= 14
            || (major == 13 && minor > 2)
            || (major == 12 && minor > 6)
            || (major == 11 && minor > 11)
            || (major == 10 && minor > 16)
    };
    rules::verdict(fixed)
}

static SNAPSHOT_COPY_CMK: Check = Check {
    id: "CKV_AWS_266",
    name: "Ensure DB Snapshot copy uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_snapshot_copy"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A copied RDS snapshot is encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can restore the copy, and can revoke that access.",
        fix: "Set `kms_key_id` to your key.",
        fixed: r#"resource "aws_db_snapshot_copy" "app" {
  source_db_snapshot_identifier = aws_db_snapshot.app.db_snapshot_arn
  target_db_snapshot_identifier = "app-copy"
  kms_key_id                    = aws_kms_key.snapshots.arn
}"#,
    },
    passing: &[r#"
resource "aws_db_snapshot_copy" "app" {
  target_db_snapshot_identifier = "app-copy"
  kms_key_id                    = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_db_snapshot_copy" "app" {
  target_db_snapshot_identifier = "app-copy"
}"#],
    evaluate: kms_key_id_set,
};

static DELETION_PROTECTION: Check = Check {
    id: "CKV_AWS_293",
    name: "Ensure that AWS database instances have deletion protection enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An RDS instance has `deletion_protection = true`.",
        why: "Without it a mistaken `terraform destroy` or console click deletes the database outright.",
        fix: "Set `deletion_protection = true`.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine              = "postgres"
  instance_class      = "db.t3.micro"
  deletion_protection = true
}"#,
    },
    passing: &[r#"
resource "aws_db_instance" "app" {
  deletion_protection = true
}"#],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  deletion_protection = false
}"#,
        r#"
resource "aws_db_instance" "app" {
  engine = "postgres"
}"#,
    ],
    evaluate: deletion_protection,
};

fn deletion_protection(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "deletion_protection", true, Verdict::Failed)
}

static SNAPSHOT_NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_302",
    name: "Ensure DB Snapshots are not Public",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_snapshot"],
    severity: Severity::Critical,
    explanation: Explanation {
        what: "An RDS snapshot is not shared with `all` accounts.",
        why: "A public snapshot lets any AWS account restore a full copy of the database.",
        fix: "Remove `all` from `shared_accounts` and list only the account IDs that need the snapshot.",
        fixed: r#"resource "aws_db_snapshot" "app" {
  db_instance_identifier = aws_db_instance.app.identifier
  db_snapshot_identifier = "app"
  shared_accounts        = ["111122223333"]
}"#,
    },
    passing: &[
        r#"
resource "aws_db_snapshot" "app" {
  db_snapshot_identifier = "app"
  shared_accounts        = ["111122223333"]
}"#,
        r#"
resource "aws_db_snapshot" "app" {
  db_snapshot_identifier = "app"
}"#,
    ],
    failing: &[r#"
resource "aws_db_snapshot" "app" {
  db_snapshot_identifier = "app"
  shared_accounts        = ["all"]
}"#],
    evaluate: snapshot_not_public,
};

fn snapshot_not_public(resource: &Resource<'_>) -> Verdict {
    rules::string_not_in(resource, "shared_accounts", &["all"])
}

static PERFORMANCE_INSIGHTS: Check = Check {
    id: "CKV_AWS_353",
    name: "Ensure that RDS instances have performance insights enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance", "aws_rds_cluster_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A database instance has `performance_insights_enabled = true`.",
        why: "Without Performance Insights the queries and waits behind a slow or overloaded database are hard to find.",
        fix: "Set `performance_insights_enabled = true`.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine                       = "postgres"
  instance_class               = "db.t3.micro"
  performance_insights_enabled = true
}"#,
    },
    passing: &[
        r#"
resource "aws_db_instance" "app" {
  performance_insights_enabled = true
}"#,
        r#"
resource "aws_rds_cluster_instance" "app" {
  performance_insights_enabled = true
}

# Not available for MySQL on the smallest classes: no verdict.
resource "aws_db_instance" "small" {
  engine         = "mysql"
  instance_class = "db.t3.micro"
}"#,
    ],
    failing: &[
        r#"
resource "aws_db_instance" "app" {
  performance_insights_enabled = false
}"#,
        r#"
resource "aws_rds_cluster_instance" "app" {
  instance_class = "db.r6g.large"
}"#,
    ],
    evaluate: performance_insights,
};

/// Performance Insights do not exist for MySQL and MariaDB on the smallest instance classes,
/// nor for Db2; Checkov gives those no verdict. When the engine or class is known only after
/// apply, a failure is in doubt.
fn performance_insights(resource: &Resource<'_>) -> Verdict {
    let verdict = rules::bool_equals(
        resource,
        "performance_insights_enabled",
        true,
        Verdict::Failed,
    );
    let engine = resource.get("engine");
    let class = resource.get("instance_class");
    let small = class
        .and_then(Value::as_str)
        .is_some_and(|class| SMALL_INSTANCE_CLASSES.contains(&class));
    match engine.and_then(Value::as_str) {
        Some("db2-se" | "db2-ae") => return Verdict::NotApplicable,
        Some("mysql" | "mariadb") if small => return Verdict::NotApplicable,
        Some("mysql" | "mariadb") if class.is_some_and(Value::is_unknown) => {
            return unknown_unless_passed(verdict);
        }
        _ => {}
    }
    if engine.is_some_and(Value::is_unknown) {
        return unknown_unless_passed(verdict);
    }
    verdict
}

/// The instance classes too small for Performance Insights on MySQL and MariaDB.
const SMALL_INSTANCE_CLASSES: &[&str] = &[
    "db.t2.micro",
    "db.t2.small",
    "db.t3.micro",
    "db.t3.small",
    "db.t4g.micro",
    "db.t4g.small",
];

fn unknown_unless_passed(verdict: Verdict) -> Verdict {
    if verdict == Verdict::Passed {
        verdict
    } else {
        Verdict::Unknown
    }
}

static PERFORMANCE_INSIGHTS_CMK: Check = Check {
    id: "CKV_AWS_354",
    name: "Ensure RDS Performance Insights are encrypted using KMS CMKs",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance", "aws_rds_cluster_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A database instance with Performance Insights encrypts them with a customer managed KMS key.",
        why: "Performance Insights keep query text, which can hold personal data; a key you manage lets you decide and audit who reads it.",
        fix: "Set `performance_insights_kms_key_id` wherever `performance_insights_enabled = true`.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine                          = "postgres"
  instance_class                  = "db.t3.micro"
  performance_insights_enabled    = true
  performance_insights_kms_key_id = aws_kms_key.insights.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_db_instance" "app" {
  performance_insights_enabled    = true
  performance_insights_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#,
        r#"
resource "aws_rds_cluster_instance" "app" {
  performance_insights_enabled = false
}"#,
    ],
    failing: &[r#"
resource "aws_rds_cluster_instance" "app" {
  performance_insights_enabled = true
}"#],
    evaluate: performance_insights_cmk,
};

/// Checkov asks for the key only when Performance Insights are on (by Python truthiness), and
/// is satisfied by any key value once the attribute is written.
fn performance_insights_cmk(resource: &Resource<'_>) -> Verdict {
    match resource.get("performance_insights_enabled") {
        Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
        Some(enabled) if truthy(enabled) => match resource.get("performance_insights_kms_key_id") {
            None | Some(Value::Null) => Verdict::Failed,
            Some(_) => Verdict::Passed,
        },
        _ => Verdict::Passed,
    }
}

static AURORA_POSTGRES_FILE_READ: Check = Check {
    id: "CKV_AWS_388",
    name: "Ensure AWS Aurora PostgreSQL is not exposed to local file read vulnerability",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An Aurora PostgreSQL instance does not run one of the engine versions (10.11 to 10.13, 11.6 to 11.8) with the local file read flaw.",
        why: "On those versions a database user can read files of the host, including credentials of the service.",
        fix: "Set `engine_version` to a later release.",
        fixed: r#"resource "aws_db_instance" "app" {
  engine         = "aurora-postgresql"
  engine_version = "11.9"
  instance_class = "db.r6g.large"
}"#,
    },
    passing: &[
        r#"
resource "aws_db_instance" "app" {
  engine         = "aurora-postgresql"
  engine_version = "11.9"
}"#,
        r#"
resource "aws_db_instance" "app" {
  engine         = "postgres"
  engine_version = "11.7"
}"#,
    ],
    failing: &[r#"
resource "aws_db_instance" "app" {
  engine         = "aurora-postgresql"
  engine_version = "10.12"
}"#],
    evaluate: aurora_postgres_file_read,
};

const VULNERABLE_AURORA_POSTGRES: &[&str] = &["10.11", "10.12", "10.13", "11.6", "11.7", "11.8"];

fn aurora_postgres_file_read(resource: &Resource<'_>) -> Verdict {
    match resource.get("engine") {
        // Whatever the engine, a version outside the list passes.
        Some(known_later) if known_later.is_unknown() => match resource.get("engine_version") {
            Some(Value::String(version))
                if !VULNERABLE_AURORA_POSTGRES.contains(&version.as_str()) =>
            {
                Verdict::Passed
            }
            _ => Verdict::Unknown,
        },
        Some(Value::String(engine)) if engine == "aurora-postgresql" => {
            match resource.get("engine_version") {
                Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
                Some(Value::String(version)) => {
                    rules::verdict(!VULNERABLE_AURORA_POSTGRES.contains(&version.as_str()))
                }
                _ => Verdict::Passed,
            }
        }
        _ => Verdict::Passed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::EntityKind;
    use crate::value::object;

    fn database(attributes: &Value) -> Resource<'_> {
        Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_db_instance",
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    fn fdw(engine: &str, version: &str) -> Verdict {
        let attributes = object([
            ("engine", Value::from(engine)),
            ("engine_version", Value::from(version)),
        ]);
        log_fdw_version(&database(&attributes))
    }

    #[test]
    fn log_fdw_versions_follow_the_bulletin() {
        assert_eq!(fdw("postgres", "14.1"), Verdict::Passed);
        assert_eq!(fdw("postgres", "13.3"), Verdict::Passed);
        assert_eq!(fdw("postgres", "13.2"), Verdict::Failed);
        assert_eq!(fdw("postgres", "10.17"), Verdict::Passed);
        assert_eq!(fdw("postgres", "9.6.22"), Verdict::Passed);
        assert_eq!(fdw("postgres", "9.6.21"), Verdict::Failed);
        assert_eq!(fdw("postgres", "9.5.4"), Verdict::Failed);
        assert_eq!(fdw("postgres", "14"), Verdict::NotApplicable);
        assert_eq!(fdw("postgres", "x.1"), Verdict::NotApplicable);
        assert_eq!(fdw("aurora-postgresql", "10.14"), Verdict::Passed);
        assert_eq!(fdw("aurora-postgresql", "10.13"), Verdict::Failed);
        assert_eq!(fdw("aurora-postgresql", "12.4.1"), Verdict::NotApplicable);
        assert_eq!(fdw("mysql", "5.7"), Verdict::NotApplicable);
    }

    #[test]
    fn backup_retention_reads_numbers_and_strings() {
        let cases = [
            (Value::Number(1.0), Verdict::Passed),
            (Value::Number(35.0), Verdict::Passed),
            (Value::Number(36.0), Verdict::Failed),
            (Value::from("7"), Verdict::Passed),
            (Value::from("0"), Verdict::Failed),
            (Value::from("seven"), Verdict::Failed),
            (Value::Unknown, Verdict::Unknown),
            (Value::Null, Verdict::Passed),
        ];
        for (period, expected) in cases {
            let attributes = object([("backup_retention_period", period)]);
            assert_eq!(backup_retention(&database(&attributes)), expected);
        }
    }
}
