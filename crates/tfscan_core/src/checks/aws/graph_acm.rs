//! ACM checks that Checkov writes as graph checks; this one reads only the certificate's
//! settings.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};

use super::graph_conditions::{all_of, any_of, not_contains, not_exists};

/// This group's checks.
pub static CHECKS: &[&Check] = &[&NO_WILDCARD_DOMAIN];

static NO_WILDCARD_DOMAIN: Check = Check {
    id: "CKV2_AWS_71",
    name: "Ensure AWS ACM Certificate domain name does not include wildcards",
    kind: EntityKind::Resource,
    resource_types: &["aws_acm_certificate"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A certificate's `domain_name` and subject alternative names have no wildcard (`*`).",
        why: "A wildcard certificate is valid for every host of the domain, so one leaked private key lets an attacker impersonate all of them.",
        fix: "Request certificates for the exact host names that need them.",
        fixed: r#"resource "aws_acm_certificate" "web" {
  domain_name               = "www.example.com"
  subject_alternative_names = ["example.com"]
  validation_method         = "DNS"
}"#,
    },
    passing: &[r#"
resource "aws_acm_certificate" "web" {
  domain_name               = "www.example.com"
  subject_alternative_names = ["example.com"]
  validation_method         = "DNS"
}"#],
    failing: &[
        r#"
resource "aws_acm_certificate" "web" {
  domain_name       = "*.example.com"
  validation_method = "DNS"
}"#,
        r#"
resource "aws_acm_certificate" "web" {
  domain_name               = "example.com"
  subject_alternative_names = ["*.example.com"]
  validation_method         = "DNS"
}"#,
    ],
    evaluate: no_wildcard_domain,
};

/// Checkov reads the alternative names one by one and passes when any of them has no
/// wildcard, so `["*.example.com", "example.com"]` passes; tfscan follows it.
fn no_wildcard_domain(certificate: &Resource<'_>) -> Verdict {
    let attributes = certificate.attributes;
    all_of([
        not_contains(attributes, "domain_name", "*"),
        any_of([
            not_exists(attributes, "subject_alternative_names"),
            not_contains(attributes, "subject_alternative_names.*", "*"),
        ]),
    ])
}
