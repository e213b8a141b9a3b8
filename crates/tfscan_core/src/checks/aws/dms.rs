//! AWS Database Migration Service checks: replication instances and endpoints.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &INSTANCE_NOT_PUBLIC,
    &INSTANCE_CMK,
    &INSTANCE_MINOR_UPGRADES,
    &ENDPOINT_CMK,
    &S3_ENDPOINT_CMK,
];

static INSTANCE_NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_89",
    name: "DMS replication instance should not be publicly accessible",
    kind: EntityKind::Resource,
    resource_types: &["aws_dms_replication_instance"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A DMS replication instance does not set `publicly_accessible = true`.",
        why: "A public replication instance, which holds credentials for both databases, can be reached from the internet.",
        fix: "Set `publicly_accessible = false` and place the instance in private subnets.",
        fixed: r#"resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  publicly_accessible        = false
}"#,
    },
    passing: &[
        r#"
resource "aws_dms_replication_instance" "migration" {
  publicly_accessible = false
}"#,
        r#"
resource "aws_dms_replication_instance" "migration" {
  replication_instance_class = "dms.t3.medium"
}"#,
    ],
    failing: &[r#"
resource "aws_dms_replication_instance" "migration" {
  publicly_accessible = true
}"#],
    evaluate: instance_not_public,
};

fn instance_not_public(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "publicly_accessible", true)
}

static INSTANCE_CMK: Check = Check {
    id: "CKV_AWS_212",
    name: "Ensure DMS replication instance is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_dms_replication_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A DMS replication instance encrypts its storage with a customer managed KMS key named in `kms_key_arn`.",
        why: "With a key you manage, you decide and audit who can decrypt the data held during migration.",
        fix: "Set `kms_key_arn` to your key.",
        fixed: r#"resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  kms_key_arn                = aws_kms_key.migration.arn
}"#,
    },
    passing: &[r#"
resource "aws_dms_replication_instance" "migration" {
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_dms_replication_instance" "migration" {
  replication_instance_class = "dms.t3.medium"
}"#],
    evaluate: kms_key_arn_set,
};

fn kms_key_arn_set(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_arn")
}

static INSTANCE_MINOR_UPGRADES: Check = Check {
    id: "CKV_AWS_222",
    name: "Ensure DMS replication instance gets all minor upgrade automatically",
    kind: EntityKind::Resource,
    resource_types: &["aws_dms_replication_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A DMS replication instance has `auto_minor_version_upgrade = true`.",
        why: "Minor engine versions carry security fixes; an instance that does not take them stays exposed.",
        fix: "Set `auto_minor_version_upgrade = true`.",
        fixed: r#"resource "aws_dms_replication_instance" "migration" {
  replication_instance_id    = "migration"
  replication_instance_class = "dms.t3.medium"
  auto_minor_version_upgrade = true
}"#,
    },
    passing: &[r#"
resource "aws_dms_replication_instance" "migration" {
  auto_minor_version_upgrade = true
}"#],
    failing: &[
        r#"
resource "aws_dms_replication_instance" "migration" {
  auto_minor_version_upgrade = false
}"#,
        r#"
resource "aws_dms_replication_instance" "migration" {
  replication_instance_class = "dms.t3.medium"
}"#,
    ],
    evaluate: instance_minor_upgrades,
};

fn instance_minor_upgrades(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "auto_minor_version_upgrade",
        true,
        Verdict::Failed,
    )
}

static ENDPOINT_CMK: Check = Check {
    id: "CKV_AWS_296",
    name: "Ensure DMS endpoint uses Customer Managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_dms_endpoint"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A DMS endpoint names a customer managed KMS key: `kms_key_arn`, or for S3 endpoints `server_side_encryption_kms_key_id` in `s3_settings`.",
        why: "With a key you manage, you decide and audit who can decrypt the endpoint's connection details and the data it writes.",
        fix: "Set `kms_key_arn` (or, for `engine_name = \"s3\"`, `s3_settings.server_side_encryption_kms_key_id`).",
        fixed: r#"resource "aws_dms_endpoint" "source" {
  endpoint_id   = "source"
  endpoint_type = "source"
  engine_name   = "postgres"
  kms_key_arn   = aws_kms_key.migration.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_dms_endpoint" "source" {
  engine_name = "postgres"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#,
        r#"
resource "aws_dms_endpoint" "target" {
  engine_name = "s3"

  s3_settings {
    bucket_name                      = "landing"
    server_side_encryption_kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_dms_endpoint" "source" {
  engine_name = "postgres"
}"#,
        r#"
resource "aws_dms_endpoint" "target" {
  engine_name = "s3"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"

  s3_settings {
    bucket_name = "landing"
  }
}"#,
    ],
    evaluate: endpoint_cmk,
};

fn endpoint_cmk(resource: &Resource<'_>) -> Verdict {
    let key = match resource.get("engine_name") {
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        Some(Value::String(engine)) if engine == "s3" => {
            resource.get("s3_settings.0.server_side_encryption_kms_key_id")
        }
        _ => resource.get("kms_key_arn"),
    };
    match key {
        Some(key) => rules::verdict(truthy(key)),
        None => Verdict::Failed,
    }
}

static S3_ENDPOINT_CMK: Check = Check {
    id: "CKV_AWS_298",
    name: "Ensure DMS S3 uses Customer Managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_dms_s3_endpoint"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A DMS S3 endpoint names a customer managed KMS key in `kms_key_arn`.",
        why: "With a key you manage, you decide and audit who can decrypt what the endpoint holds.",
        fix: "Set `kms_key_arn` to your key.",
        fixed: r#"resource "aws_dms_s3_endpoint" "landing" {
  endpoint_id             = "landing"
  endpoint_type           = "target"
  bucket_name             = "landing"
  service_access_role_arn = aws_iam_role.dms.arn
  kms_key_arn             = aws_kms_key.migration.arn
}"#,
    },
    passing: &[r#"
resource "aws_dms_s3_endpoint" "landing" {
  bucket_name = "landing"
  kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_dms_s3_endpoint" "landing" {
  bucket_name = "landing"
}"#],
    evaluate: kms_key_arn_set,
};
