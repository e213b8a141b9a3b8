//! AWS ElastiCache checks: replication group encryption, cluster backups, upgrades and
//! networking.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &AT_REST_ENCRYPTION,
    &TRANSIT_ENCRYPTION,
    &TRANSIT_ENCRYPTION_AND_AUTH_TOKEN,
    &AUTOMATIC_BACKUP,
    &REPLICATION_GROUP_CMK,
    &NO_SECURITY_GROUP,
    &MINOR_UPGRADES,
    &CUSTOM_SUBNET_GROUP,
];

static AT_REST_ENCRYPTION: Check = Check {
    id: "CKV_AWS_29",
    name: "Ensure all data stored in the ElastiCache Replication Group is securely encrypted at rest",
    kind: EntityKind::Resource,
    resource_types: &["aws_elasticache_replication_group"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A replication group has `at_rest_encryption_enabled = true`.",
        why: "Cached data, backups and swap files on unencrypted disks can be read by anyone who reaches the storage or a copied backup.",
        fix: "Set `at_rest_encryption_enabled = true` (it applies to new replication groups).",
        fixed: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "application cache"
  at_rest_encryption_enabled = true
}"#,
    },
    passing: &[r#"
resource "aws_elasticache_replication_group" "cache" {
  at_rest_encryption_enabled = true
}"#],
    failing: &[
        r#"
resource "aws_elasticache_replication_group" "cache" {
  at_rest_encryption_enabled = false
}"#,
        r#"
resource "aws_elasticache_replication_group" "cache" {
  description = "application cache"
}"#,
    ],
    evaluate: at_rest_encryption,
};

fn at_rest_encryption(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "at_rest_encryption_enabled",
        true,
        Verdict::Failed,
    )
}

static TRANSIT_ENCRYPTION: Check = Check {
    id: "CKV_AWS_30",
    name: "Ensure all data stored in the ElastiCache Replication Group is securely encrypted at transit",
    kind: EntityKind::Resource,
    resource_types: &["aws_elasticache_replication_group"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A replication group has `transit_encryption_enabled = true`.",
        why: "Without TLS, cached data and commands cross the network in clear text for anyone on the path to read or alter.",
        fix: "Set `transit_encryption_enabled = true`.",
        fixed: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "application cache"
  transit_encryption_enabled = true
}"#,
    },
    passing: &[r#"
resource "aws_elasticache_replication_group" "cache" {
  transit_encryption_enabled = true
}"#],
    failing: &[
        r#"
resource "aws_elasticache_replication_group" "cache" {
  transit_encryption_enabled = false
}"#,
        r#"
resource "aws_elasticache_replication_group" "cache" {
  description = "application cache"
}"#,
    ],
    evaluate: transit_encryption,
};

fn transit_encryption(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "transit_encryption_enabled",
        true,
        Verdict::Failed,
    )
}

static TRANSIT_ENCRYPTION_AND_AUTH_TOKEN: Check = Check {
    id: "CKV_AWS_31",
    name: "Ensure all data stored in the ElastiCache Replication Group is securely encrypted at transit and has auth token",
    kind: EntityKind::Resource,
    resource_types: &["aws_elasticache_replication_group"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A replication group encrypts traffic in transit and requires an `auth_token` from clients.",
        why: "Without a token any host that reaches the cache's port can read and overwrite its data.",
        fix: "Set `transit_encryption_enabled = true` and an `auth_token` taken from a secret store.",
        fixed: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "application cache"
  transit_encryption_enabled = true
  auth_token                 = var.cache_auth_token
}"#,
    },
    passing: &[r#"
resource "aws_elasticache_replication_group" "cache" {
  transit_encryption_enabled = true
  auth_token                 = "a-long-random-token-from-a-secret"
}"#],
    failing: &[
        r#"
resource "aws_elasticache_replication_group" "cache" {
  transit_encryption_enabled = true
}"#,
        r#"
resource "aws_elasticache_replication_group" "cache" {
  transit_encryption_enabled = false
  auth_token                 = "a-long-random-token-from-a-secret"
}"#,
    ],
    evaluate: transit_encryption_and_auth_token,
};

/// Any written `auth_token` satisfies Checkov; the encryption flag is read by truthiness.
fn transit_encryption_and_auth_token(resource: &Resource<'_>) -> Verdict {
    let has_token = !matches!(resource.get("auth_token"), None | Some(Value::Null));
    match resource.get("transit_encryption_enabled") {
        _ if !has_token => Verdict::Failed,
        Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
        Some(enabled) => rules::verdict(truthy(enabled)),
        None => Verdict::Failed,
    }
}

static AUTOMATIC_BACKUP: Check = Check {
    id: "CKV_AWS_134",
    name: "Ensure that Amazon ElastiCache Redis clusters have automatic backup turned on",
    kind: EntityKind::Resource,
    resource_types: &["aws_elasticache_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Redis cache cluster keeps automatic snapshots (`snapshot_retention_limit` above zero).",
        why: "Without snapshots, data held only in the cache is gone after a node failure or a bad flush.",
        fix: "Set `snapshot_retention_limit` to the number of days of snapshots to keep.",
        fixed: r#"resource "aws_elasticache_cluster" "cache" {
  cluster_id               = "cache"
  engine                   = "redis"
  node_type                = "cache.t4g.small"
  snapshot_retention_limit = 5
}"#,
    },
    passing: &[
        r#"
resource "aws_elasticache_cluster" "cache" {
  engine                   = "redis"
  snapshot_retention_limit = 5
}"#,
        r#"
resource "aws_elasticache_cluster" "sessions" {
  engine = "memcached"
}

resource "aws_elasticache_cluster" "cache" {
  snapshot_retention_limit = 1
}"#,
    ],
    failing: &[
        r#"
resource "aws_elasticache_cluster" "cache" {
  engine                   = "redis"
  snapshot_retention_limit = 0
}"#,
        r#"
resource "aws_elasticache_cluster" "cache" {
  engine = "redis"
}"#,
    ],
    evaluate: automatic_backup,
};

fn automatic_backup(resource: &Resource<'_>) -> Verdict {
    unless_memcached(
        resource,
        rules::number_not_equals(resource, "snapshot_retention_limit", 0.0, Verdict::Failed),
    )
}

/// Memcached keeps no snapshots and has no minor upgrades, so Checkov gives those clusters no
/// verdict; an engine known only after apply leaves a failure in doubt.
fn unless_memcached(resource: &Resource<'_>, verdict: Verdict) -> Verdict {
    match resource.get("engine") {
        Some(Value::String(engine)) if engine == "memcached" => Verdict::NotApplicable,
        Some(known_later) if known_later.is_unknown() && verdict == Verdict::Failed => {
            Verdict::Unknown
        }
        _ => verdict,
    }
}

static REPLICATION_GROUP_CMK: Check = Check {
    id: "CKV_AWS_191",
    name: "Ensure ElastiCache replication group is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_elasticache_replication_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A replication group encrypts its data at rest with a customer managed KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can decrypt the cache's disks and backups, and can revoke that access.",
        fix: "Set `kms_key_id` to your key's ARN (with `at_rest_encryption_enabled = true`).",
        fixed: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "application cache"
  at_rest_encryption_enabled = true
  kms_key_id                 = aws_kms_key.cache.arn
}"#,
    },
    passing: &[r#"
resource "aws_elasticache_replication_group" "cache" {
  at_rest_encryption_enabled = true
  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_elasticache_replication_group" "cache" {
  at_rest_encryption_enabled = true
}"#],
    evaluate: replication_group_cmk,
};

fn replication_group_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static NO_SECURITY_GROUP: Check = Check {
    id: "CKV_AWS_196",
    name: "Ensure no aws_elasticache_security_group resources exist",
    kind: EntityKind::Resource,
    resource_types: &["aws_elasticache_security_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The configuration declares no `aws_elasticache_security_group`.",
        why: "ElastiCache security groups belong to EC2-Classic, which AWS has retired; caches in a VPC are protected by VPC security groups.",
        fix: "Delete the `aws_elasticache_security_group` and attach an `aws_security_group` through `security_group_ids`.",
        fixed: r#"resource "aws_elasticache_cluster" "cache" {
  cluster_id         = "cache"
  engine             = "redis"
  node_type          = "cache.t4g.small"
  security_group_ids = [aws_security_group.cache.id]
}"#,
    },
    passing: &[],
    failing: &[r#"
resource "aws_elasticache_security_group" "legacy" {
  name                 = "legacy"
  security_group_names = ["default"]
}"#],
    evaluate: no_security_group,
};

fn no_security_group(_: &Resource<'_>) -> Verdict {
    Verdict::Failed
}

static MINOR_UPGRADES: Check = Check {
    id: "CKV_AWS_322",
    name: "Ensure ElastiCache for Redis cache clusters have auto minor version upgrades enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_elasticache_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Redis cache cluster does not turn off automatic minor version upgrades.",
        why: "Minor versions carry security fixes; a cluster that does not take them stays exposed to published flaws.",
        fix: "Remove `auto_minor_version_upgrade = false` or set it to `true`.",
        fixed: r#"resource "aws_elasticache_cluster" "cache" {
  cluster_id                 = "cache"
  engine                     = "redis"
  node_type                  = "cache.t4g.small"
  auto_minor_version_upgrade = true
}"#,
    },
    passing: &[
        r#"
resource "aws_elasticache_cluster" "cache" {
  engine                     = "redis"
  auto_minor_version_upgrade = true
}"#,
        r#"
resource "aws_elasticache_cluster" "cache" {
  engine = "redis"
}"#,
    ],
    failing: &[r#"
resource "aws_elasticache_cluster" "cache" {
  engine                     = "redis"
  auto_minor_version_upgrade = false
}"#],
    evaluate: minor_upgrades,
};

fn minor_upgrades(resource: &Resource<'_>) -> Verdict {
    unless_memcached(
        resource,
        rules::bool_equals(
            resource,
            "auto_minor_version_upgrade",
            true,
            Verdict::Passed,
        ),
    )
}

static CUSTOM_SUBNET_GROUP: Check = Check {
    id: "CKV_AWS_323",
    name: "Ensure ElastiCache clusters do not use the default subnet group",
    kind: EntityKind::Resource,
    resource_types: &["aws_elasticache_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A cache cluster names its own subnet group.",
        why: "Without one the cluster lands in the default subnet group, whose subnets of the default VPC may be public.",
        fix: "Create an `aws_elasticache_subnet_group` of private subnets and set `subnet_group_name`.",
        fixed: r#"resource "aws_elasticache_cluster" "cache" {
  cluster_id        = "cache"
  engine            = "redis"
  node_type         = "cache.t4g.small"
  subnet_group_name = aws_elasticache_subnet_group.private.name
}"#,
    },
    passing: &[r#"
resource "aws_elasticache_cluster" "cache" {
  subnet_group_name = "private"
}"#],
    failing: &[r#"
resource "aws_elasticache_cluster" "cache" {
  engine = "redis"
}"#],
    evaluate: custom_subnet_group,
};

fn custom_subnet_group(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "subnet_group_name")
}
