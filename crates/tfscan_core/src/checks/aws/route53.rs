//! Amazon Route 53 domain registration checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&TRANSFER_LOCK];

static TRANSFER_LOCK: Check = Check {
    id: "CKV_AWS_377",
    name: "Ensure Route 53 domains have transfer lock protection",
    kind: EntityKind::Resource,
    resource_types: &["aws_route53domains_registered_domain"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The registered domain keeps its transfer lock on.",
        why: "Without the lock, a domain can be transferred to another registrar and hijacked with little warning.",
        fix: "Leave `transfer_lock` unset or set it to true.",
        fixed: r#"resource "aws_route53domains_registered_domain" "site" {
  domain_name   = "example.com"
  transfer_lock = true
}"#,
    },
    passing: &[r#"
resource "aws_route53domains_registered_domain" "site" {
  transfer_lock = true
}"#],
    failing: &[r#"
resource "aws_route53domains_registered_domain" "site" {
  transfer_lock = false
}"#],
    evaluate: transfer_lock,
};

fn transfer_lock(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "transfer_lock", false)
}
