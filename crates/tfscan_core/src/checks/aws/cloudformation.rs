//! CloudFormation checks.

use crate::check::{Check, EntityKind, Explanation, Severity};
use crate::checks::rules::is_set;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&STACK_NOTIFICATIONS];

static STACK_NOTIFICATIONS: Check = Check {
    id: "CKV_AWS_124",
    name: "Ensure that CloudFormation stacks are sending event notifications to an SNS topic",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudformation_stack"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A CloudFormation stack lists SNS topics in `notification_arns`.",
        why: "Stack events (a failed update, a rollback, a deleted resource) then reach people and systems as they happen.",
        fix: "Set `notification_arns` to a topic that someone or something subscribes to.",
        fixed: r#"resource "aws_cloudformation_stack" "network" {
  name              = "network"
  template_body     = file("network.yaml")
  notification_arns = [aws_sns_topic.stack_events.arn]
}"#,
    },
    passing: &[r#"
resource "aws_cloudformation_stack" "network" {
  name              = "network"
  template_url      = "https://s3.amazonaws.com/templates/network.yaml"
  notification_arns = ["arn:aws:sns:eu-west-1:111122223333:stack-events"]
}"#],
    failing: &[r#"
resource "aws_cloudformation_stack" "network" {
  name         = "network"
  template_url = "https://s3.amazonaws.com/templates/network.yaml"
}"#],
    evaluate: |stack| is_set(stack, "notification_arns"),
};
