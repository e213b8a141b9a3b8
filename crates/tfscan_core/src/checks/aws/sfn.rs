//! AWS Step Functions state machine checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&XRAY_TRACING, &EXECUTION_LOGGING];

static XRAY_TRACING: Check = Check {
    id: "CKV_AWS_284",
    name: "Ensure State Machine has X-Ray tracing enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_sfn_state_machine"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The state machine traces its executions with AWS X-Ray.",
        why: "Traces show which step of a workflow is slow or failing, and what it called.",
        fix: "Add `tracing_configuration { enabled = true }`.",
        fixed: r#"resource "aws_sfn_state_machine" "orders" {
  tracing_configuration {
    enabled = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_sfn_state_machine" "orders" {
  tracing_configuration {
    enabled = true
  }
}"#],
    failing: &[r#"
resource "aws_sfn_state_machine" "orders" {
  name = "orders"
}"#],
    evaluate: xray_tracing,
};

fn xray_tracing(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "tracing_configuration.0.enabled",
        true,
        Verdict::Failed,
    )
}

static EXECUTION_LOGGING: Check = Check {
    id: "CKV_AWS_285",
    name: "Ensure State Machine has execution history logging enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_sfn_state_machine"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The state machine's logs include execution data.",
        why: "Without execution data in the logs, a failed or abused workflow cannot be reconstructed afterwards.",
        fix: "Set `include_execution_data = true` in `logging_configuration`.",
        fixed: r#"resource "aws_sfn_state_machine" "orders" {
  logging_configuration {
    log_destination        = "${aws_cloudwatch_log_group.orders.arn}:*"
    include_execution_data = true
    level                  = "ERROR"
  }
}"#,
    },
    passing: &[r#"
resource "aws_sfn_state_machine" "orders" {
  logging_configuration {
    include_execution_data = true
    level                  = "ALL"
  }
}"#],
    failing: &[r#"
resource "aws_sfn_state_machine" "orders" {
  logging_configuration {
    include_execution_data = false
    level                  = "ERROR"
  }
}"#],
    evaluate: execution_logging,
};

fn execution_logging(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "logging_configuration.0.include_execution_data",
        true,
        Verdict::Failed,
    )
}
