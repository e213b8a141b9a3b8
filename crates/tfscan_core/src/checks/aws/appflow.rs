//! Amazon AppFlow checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&FLOW_CMK, &CONNECTOR_PROFILE_CMK];

static FLOW_CMK: Check = Check {
    id: "CKV_AWS_263",
    name: "Ensure AppFlow flow uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_appflow_flow"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The flow encrypts the data it moves with a customer managed KMS key.",
        why: "With the AWS managed key you cannot restrict or audit who decrypts the flow's data.",
        fix: "Set `kms_arn` to your own KMS key.",
        fixed: r#"resource "aws_appflow_flow" "crm_export" {
  name    = "crm-export"
  kms_arn = aws_kms_key.appflow.arn
}"#,
    },
    passing: &[r#"
resource "aws_appflow_flow" "crm_export" {
  kms_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}"#],
    failing: &[r#"
resource "aws_appflow_flow" "crm_export" {
  name = "crm-export"
}"#],
    evaluate: uses_cmk,
};

fn uses_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_arn")
}

static CONNECTOR_PROFILE_CMK: Check = Check {
    id: "CKV_AWS_264",
    name: "Ensure AppFlow connector profile uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_appflow_connector_profile"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The connector profile encrypts its stored credentials with a customer managed KMS key.",
        why: "The profile holds credentials to other systems; your own key lets you control and audit their decryption.",
        fix: "Set `kms_arn` to your own KMS key.",
        fixed: r#"resource "aws_appflow_connector_profile" "crm" {
  name            = "crm"
  connection_mode = "Public"
  kms_arn         = aws_kms_key.appflow.arn
}"#,
    },
    passing: &[r#"
resource "aws_appflow_connector_profile" "crm" {
  kms_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}"#],
    failing: &[r#"
resource "aws_appflow_connector_profile" "crm" {
  connection_mode = "Public"
}"#],
    evaluate: uses_cmk,
};
