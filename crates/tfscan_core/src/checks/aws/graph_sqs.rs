//! SQS checks that Checkov writes as graph checks; this one reads only the queue's settings.

use crate::check::{Check, EntityKind, Explanation, Severity};

use super::graph_conditions::{any_of, not_contains, not_exists};

/// This group's checks.
pub static CHECKS: &[&Check] = &[&QUEUE_NOT_ON_DEFAULT_KEY];

static QUEUE_NOT_ON_DEFAULT_KEY: Check = Check {
    id: "CKV2_AWS_73",
    name: "Ensure AWS SQS uses CMK not AWS default keys for encryption",
    kind: EntityKind::Resource,
    resource_types: &["aws_sqs_queue"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A queue encrypted with KMS does not use the AWS managed key `alias/aws/sqs`.",
        why: "The AWS managed key's policy cannot be changed, so other accounts and services cannot be granted access precisely and its use cannot be restricted or audited per queue.",
        fix: "Set `kms_master_key_id` to a customer managed KMS key.",
        fixed: r#"resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = aws_kms_key.queues.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = "arn:aws:kms:eu-west-1:111122223333:key/0a1b2c3d-1111-2222-3333-444455556666"
}"#,
        // Without a KMS key the check has nothing to object to (SQS-managed encryption).
        r#"
resource "aws_sqs_queue" "orders" {
  name                    = "orders"
  sqs_managed_sse_enabled = true
}"#,
    ],
    failing: &[r#"
resource "aws_sqs_queue" "orders" {
  name              = "orders"
  kms_master_key_id = "alias/aws/sqs"
}"#],
    evaluate: |queue| {
        any_of([
            not_exists(queue.attributes, "kms_master_key_id"),
            not_contains(queue.attributes, "kms_master_key_id", "alias/aws/sqs"),
        ])
    },
};
