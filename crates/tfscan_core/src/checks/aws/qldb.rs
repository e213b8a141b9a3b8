//! AWS QLDB checks: ledger permissions mode and deletion protection.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&STANDARD_PERMISSIONS, &DELETION_PROTECTION];

static STANDARD_PERMISSIONS: Check = Check {
    id: "CKV_AWS_170",
    name: "Ensure QLDB ledger permissions mode is set to STANDARD",
    kind: EntityKind::Resource,
    resource_types: &["aws_qldb_ledger"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A QLDB ledger uses the `STANDARD` permissions mode.",
        why: "In `ALLOW_ALL` mode any principal allowed to send commands to the ledger may read and write every table in it.",
        fix: "Set `permissions_mode = \"STANDARD\"` and grant table-level permissions in IAM.",
        fixed: r#"resource "aws_qldb_ledger" "orders" {
  name             = "orders"
  permissions_mode = "STANDARD"
}"#,
    },
    passing: &[r#"
resource "aws_qldb_ledger" "orders" {
  permissions_mode = "STANDARD"
}"#],
    failing: &[
        r#"
resource "aws_qldb_ledger" "orders" {
  permissions_mode = "ALLOW_ALL"
}"#,
        r#"
resource "aws_qldb_ledger" "orders" {
  name = "orders"
}"#,
    ],
    evaluate: standard_permissions,
};

fn standard_permissions(resource: &Resource<'_>) -> Verdict {
    rules::string_in(resource, "permissions_mode", &["STANDARD"], Verdict::Failed)
}

static DELETION_PROTECTION: Check = Check {
    id: "CKV_AWS_172",
    name: "Ensure QLDB ledger has deletion protection enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_qldb_ledger"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A QLDB ledger does not turn deletion protection off.",
        why: "Without it a mistaken destroy deletes the ledger and its whole history.",
        fix: "Leave `deletion_protection` unset or true.",
        fixed: r#"resource "aws_qldb_ledger" "orders" {
  name                = "orders"
  permissions_mode    = "STANDARD"
  deletion_protection = true
}"#,
    },
    passing: &[
        r#"
resource "aws_qldb_ledger" "orders" {
  deletion_protection = true
}"#,
        r#"
resource "aws_qldb_ledger" "orders" {
  name = "orders"
}"#,
    ],
    failing: &[r#"
resource "aws_qldb_ledger" "orders" {
  deletion_protection = false
}"#],
    evaluate: deletion_protection,
};

fn deletion_protection(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "deletion_protection", true, Verdict::Passed)
}
