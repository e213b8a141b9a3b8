//! Amazon Cognito checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&NO_GUEST_ACCESS];

static NO_GUEST_ACCESS: Check = Check {
    id: "CKV_AWS_366",
    name: "Ensure AWS Cognito identity pool does not allow unauthenticated guest access",
    kind: EntityKind::Resource,
    resource_types: &["aws_cognito_identity_pool"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The identity pool hands out AWS credentials only to authenticated users.",
        why: "Guest identities give anyone on the internet credentials for the pool's unauthenticated role.",
        fix: "Set `allow_unauthenticated_identities = false`.",
        fixed: r#"resource "aws_cognito_identity_pool" "app" {
  identity_pool_name               = "app"
  allow_unauthenticated_identities = false
}"#,
    },
    passing: &[r#"
resource "aws_cognito_identity_pool" "app" {
  allow_unauthenticated_identities = false
}"#],
    failing: &[r#"
resource "aws_cognito_identity_pool" "app" {
  allow_unauthenticated_identities = true
}"#],
    evaluate: no_guest_access,
};

fn no_guest_access(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "allow_unauthenticated_identities",
        false,
        Verdict::Failed,
    )
}
