//! AWS CloudSearch checks: HTTPS and TLS on domain endpoints.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&LATEST_TLS, &ENFORCE_HTTPS];

static LATEST_TLS: Check = Check {
    id: "CKV_AWS_218",
    name: "Ensure that CloudSearch is using latest TLS",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudsearch_domain"],
    severity: Severity::Medium,
    explanation: Explanation {
        what:
            "A CloudSearch domain's endpoint uses the `Policy-Min-TLS-1-2-2019-07` security policy.",
        why:
            "Older TLS versions have known weaknesses that let traffic be downgraded or decrypted.",
        fix: "Set `tls_security_policy = \"Policy-Min-TLS-1-2-2019-07\"` in `endpoint_options`.",
        fixed: r#"resource "aws_cloudsearch_domain" "search" {
  name = "search"

  endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}"#,
    },
    passing: &[r#"
resource "aws_cloudsearch_domain" "search" {
  endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}"#],
    failing: &[
        r#"
resource "aws_cloudsearch_domain" "search" {
  endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}"#,
        r#"
resource "aws_cloudsearch_domain" "search" {
  name = "search"
}"#,
    ],
    evaluate: latest_tls,
};

fn latest_tls(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "endpoint_options.0.tls_security_policy",
        &["Policy-Min-TLS-1-2-2019-07"],
        Verdict::Failed,
    )
}

static ENFORCE_HTTPS: Check = Check {
    id: "CKV_AWS_220",
    name: "Ensure that CloudSearch is using https",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudsearch_domain"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A CloudSearch domain only accepts HTTPS (`enforce_https = true`).",
        why: "Over plain HTTP, queries, documents and signed requests cross the network readable.",
        fix: "Set `enforce_https = true` in `endpoint_options`.",
        fixed: r#"resource "aws_cloudsearch_domain" "search" {
  name = "search"

  endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}"#,
    },
    passing: &[r#"
resource "aws_cloudsearch_domain" "search" {
  endpoint_options {
    enforce_https = true
  }
}"#],
    failing: &[
        r#"
resource "aws_cloudsearch_domain" "search" {
  endpoint_options {
    enforce_https = false
  }
}"#,
        r#"
resource "aws_cloudsearch_domain" "search" {
  name = "search"
}"#,
    ],
    evaluate: enforce_https,
};

fn enforce_https(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "endpoint_options.0.enforce_https",
        true,
        Verdict::Failed,
    )
}
