//! Amazon SES checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&CONFIGURATION_SET_TLS];

static CONFIGURATION_SET_TLS: Check = Check {
    id: "CKV_AWS_365",
    name: "Ensure SES Configuration Set enforces TLS usage",
    kind: EntityKind::Resource,
    resource_types: &["aws_ses_configuration_set"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "Mail sent with the configuration set is delivered only over TLS.",
        why: "With TLS optional, mail can travel to the receiving server in clear text.",
        fix: "Set `tls_policy = \"Require\"` in `delivery_options`.",
        fixed: r#"resource "aws_ses_configuration_set" "mail" {
  name = "mail"
  delivery_options {
    tls_policy = "Require"
  }
}"#,
    },
    passing: &[r#"
resource "aws_ses_configuration_set" "mail" {
  delivery_options {
    tls_policy = "Require"
  }
}"#],
    failing: &[
        r#"
resource "aws_ses_configuration_set" "mail" {
  delivery_options {
    tls_policy = "Optional"
  }
}"#,
        r#"
resource "aws_ses_configuration_set" "mail" {
  name = "mail"
}"#,
    ],
    evaluate: configuration_set_tls,
};

fn configuration_set_tls(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "delivery_options.0.tls_policy",
        &["Require"],
        Verdict::Failed,
    )
}
