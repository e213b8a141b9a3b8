//! AWS Certificate Manager checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&CREATE_BEFORE_DESTROY, &TRANSPARENCY_LOGGING];

static CREATE_BEFORE_DESTROY: Check = Check {
    id: "CKV_AWS_233",
    name: "Ensure Create before destroy for ACM certificates",
    kind: EntityKind::Resource,
    resource_types: &["aws_acm_certificate"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The certificate is replaced by issuing the new one before deleting the old.",
        why: "Deleting first leaves load balancers and distributions that use the certificate without one, an outage.",
        fix: "Add `lifecycle { create_before_destroy = true }`.",
        fixed: r#"resource "aws_acm_certificate" "site" {
  domain_name       = "example.com"
  validation_method = "DNS"
  lifecycle {
    create_before_destroy = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_acm_certificate" "site" {
  domain_name = "example.com"
  lifecycle {
    create_before_destroy = true
  }
}"#],
    failing: &[r#"
resource "aws_acm_certificate" "site" {
  domain_name = "example.com"
}"#],
    evaluate: create_before_destroy,
};

fn create_before_destroy(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "lifecycle.0.create_before_destroy",
        true,
        Verdict::Failed,
    )
}

static TRANSPARENCY_LOGGING: Check = Check {
    id: "CKV_AWS_234",
    name: "Verify logging preference for ACM certificates",
    kind: EntityKind::Resource,
    resource_types: &["aws_acm_certificate"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The certificate is not kept out of certificate transparency logs.",
        why: "Browsers distrust public certificates missing from transparency logs, and the logs reveal certificates issued by mistake.",
        fix: "Leave `certificate_transparency_logging_preference` at `ENABLED`, its default.",
        fixed: r#"resource "aws_acm_certificate" "site" {
  domain_name = "example.com"
  options {
    certificate_transparency_logging_preference = "ENABLED"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_acm_certificate" "site" {
  options {
    certificate_transparency_logging_preference = "ENABLED"
  }
}"#,
        r#"
resource "aws_acm_certificate" "site" {
  domain_name = "example.com"
}"#,
    ],
    failing: &[r#"
resource "aws_acm_certificate" "site" {
  options {
    certificate_transparency_logging_preference = "DISABLED"
  }
}"#],
    evaluate: transparency_logging,
};

fn transparency_logging(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "options.0.certificate_transparency_logging_preference",
        &["ENABLED"],
        Verdict::Passed,
    )
}
