//! AWS Keyspaces (Cassandra) checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&TABLE_CMK];

static TABLE_CMK: Check = Check {
    id: "CKV_AWS_265",
    name: "Ensure Keyspaces Table uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_keyspaces_table"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Keyspaces table is encrypted with a customer managed KMS key.",
        why: "With the default AWS owned key you cannot limit or audit who decrypts the table.",
        fix: "Add `encryption_specification` with `type = \"CUSTOMER_MANAGED_KMS_KEY\"` and `kms_key_identifier`.",
        fixed: r#"resource "aws_keyspaces_table" "orders" {
  keyspace_name = "shop"
  table_name    = "orders"

  schema_definition {
    column {
      name = "id"
      type = "text"
    }

    partition_key {
      name = "id"
    }
  }

  encryption_specification {
    type               = "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_identifier = aws_kms_key.keyspaces.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_keyspaces_table" "orders" {
  encryption_specification {
    type               = "CUSTOMER_MANAGED_KMS_KEY"
    kms_key_identifier = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
  }
}"#],
    failing: &[
        r#"
resource "aws_keyspaces_table" "orders" {
  encryption_specification {
    type = "AWS_OWNED_KMS_KEY"
  }
}"#,
        r#"
resource "aws_keyspaces_table" "orders" {
  table_name = "orders"
}"#,
    ],
    evaluate: table_cmk,
};

/// Checkov asks for a written key identifier (any value) and the customer managed type.
fn table_cmk(resource: &Resource<'_>) -> Verdict {
    let key_written = !matches!(
        resource.get("encryption_specification.0.kms_key_identifier"),
        None | Some(Value::Null)
    );
    match resource.get("encryption_specification.0.type") {
        Some(known_later) if known_later.is_unknown() && key_written => Verdict::Unknown,
        Some(Value::String(key_type)) if key_type == "CUSTOMER_MANAGED_KMS_KEY" => {
            rules::verdict(key_written)
        }
        _ => Verdict::Failed,
    }
}
