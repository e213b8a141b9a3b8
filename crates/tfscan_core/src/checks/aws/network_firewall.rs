//! AWS Network Firewall checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&DELETION_PROTECTION, &FIREWALL_CMK, &POLICY_CMK];

static DELETION_PROTECTION: Check = Check {
    id: "CKV_AWS_344",
    name: "Ensure that Network firewalls have deletion protection enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_networkfirewall_firewall"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The firewall cannot be deleted until its deletion protection is turned off.",
        why: "Deleting a firewall by mistake opens the traffic it was filtering at once.",
        fix: "Set `delete_protection = true`.",
        fixed: r#"resource "aws_networkfirewall_firewall" "edge" {
  delete_protection = true
}"#,
    },
    passing: &[r#"
resource "aws_networkfirewall_firewall" "edge" {
  delete_protection = true
}"#],
    failing: &[r#"
resource "aws_networkfirewall_firewall" "edge" {
  name = "edge"
}"#],
    evaluate: deletion_protection,
};

fn deletion_protection(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "delete_protection", true, Verdict::Failed)
}

static FIREWALL_CMK: Check = Check {
    id: "CKV_AWS_345",
    name: "Ensure that Network firewall encryption is via a CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_networkfirewall_firewall", "aws_networkfirewall_rule_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The firewall or rule group is encrypted with a customer managed KMS key.",
        why: "With the AWS owned key you cannot control or audit who can read the firewall's configuration.",
        fix: "Add `encryption_configuration` with `type = \"CUSTOMER_KMS\"` and your `key_id`.",
        fixed: r#"resource "aws_networkfirewall_firewall" "edge" {
  encryption_configuration {
    type   = "CUSTOMER_KMS"
    key_id = aws_kms_key.firewall.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_networkfirewall_rule_group" "blocklist" {
  encryption_configuration {
    type   = "CUSTOMER_KMS"
    key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}"#],
    failing: &[r#"
resource "aws_networkfirewall_firewall" "edge" {
  name = "edge"
}"#],
    evaluate: uses_cmk,
};

fn uses_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "encryption_configuration.0.key_id")
}

static POLICY_CMK: Check = Check {
    id: "CKV_AWS_346",
    name: "Ensure Network Firewall Policy defines an encryption configuration that uses a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_networkfirewall_firewall_policy"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The firewall policy is encrypted with a customer managed KMS key.",
        why: "With the AWS owned key you cannot control or audit who can read the policy.",
        fix: "Add `encryption_configuration` with `type = \"CUSTOMER_KMS\"` and your `key_id`.",
        fixed: r#"resource "aws_networkfirewall_firewall_policy" "edge" {
  encryption_configuration {
    type   = "CUSTOMER_KMS"
    key_id = aws_kms_key.firewall.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_networkfirewall_firewall_policy" "edge" {
  encryption_configuration {
    type   = "CUSTOMER_KMS"
    key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}"#],
    failing: &[r#"
resource "aws_networkfirewall_firewall_policy" "edge" {
  name = "edge"
}"#],
    evaluate: uses_cmk,
};
