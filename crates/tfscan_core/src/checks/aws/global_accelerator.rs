//! AWS Global Accelerator checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&FLOW_LOGS];

static FLOW_LOGS: Check = Check {
    id: "CKV_AWS_75",
    name: "Ensure Global Accelerator accelerator has flow logs enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_globalaccelerator_accelerator"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The accelerator records flow logs of the traffic it carries.",
        why: "Flow logs are the record needed to investigate traffic patterns and attacks against the accelerator.",
        fix: "Set `flow_logs_enabled = true` with an S3 bucket in the `attributes` block.",
        fixed: r#"resource "aws_globalaccelerator_accelerator" "edge" {
  name = "edge"
  attributes {
    flow_logs_enabled   = true
    flow_logs_s3_bucket = "accelerator-logs"
    flow_logs_s3_prefix = "edge/"
  }
}"#,
    },
    passing: &[r#"
resource "aws_globalaccelerator_accelerator" "edge" {
  attributes {
    flow_logs_enabled   = true
    flow_logs_s3_bucket = "accelerator-logs"
  }
}"#],
    failing: &[r#"
resource "aws_globalaccelerator_accelerator" "edge" {
  name = "edge"
}"#],
    evaluate: flow_logs,
};

fn flow_logs(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "attributes.0.flow_logs_enabled",
        true,
        Verdict::Failed,
    )
}
