//! DataSync checks.

use crate::check::{Check, EntityKind, Explanation, Severity};
use crate::checks::rules::verdict;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&OBJECT_STORAGE_NO_SECRET];

static OBJECT_STORAGE_NO_SECRET: Check = Check {
    id: "CKV_AWS_295",
    name: "Ensure DataSync Location Object Storage doesn't expose secrets",
    kind: EntityKind::Resource,
    resource_types: &["aws_datasync_location_object_storage"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An object storage location does not set `secret_key`.",
        why: "A secret key written into Terraform ends up in version control and in the state file, readable by anyone who can read either.",
        fix: "Remove `secret_key`: give the agent access another way, or pass the key from a secrets manager outside the configuration.",
        fixed: r#"resource "aws_datasync_location_object_storage" "archive" {
  agent_arns      = [aws_datasync_agent.main.arn]
  server_hostname = "storage.example.com"
  bucket_name     = "archive"
}"#,
    },
    passing: &[r#"
resource "aws_datasync_location_object_storage" "archive" {
  agent_arns      = ["arn:aws:datasync:eu-west-1:111122223333:agent/agent-0123"]
  server_hostname = "storage.example.com"
  bucket_name     = "archive"
}"#],
    failing: &[r#"
resource "aws_datasync_location_object_storage" "archive" {
  agent_arns      = ["arn:aws:datasync:eu-west-1:111122223333:agent/agent-0123"]
  server_hostname = "storage.example.com"
  bucket_name     = "archive"
  access_key      = "archive-user"
  secret_key      = "do-not-write-me-here"
}"#],
    // Any value fails, a variable's too: Checkov asks only whether the argument is written.
    evaluate: |location| verdict(location.get("secret_key").is_none_or(crate::value::Value::is_null)),
};
