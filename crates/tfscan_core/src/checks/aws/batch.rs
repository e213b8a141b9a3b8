//! AWS Batch checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::{self, truthy, Document};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&NOT_PRIVILEGED];

static NOT_PRIVILEGED: Check = Check {
    id: "CKV_AWS_210",
    name: "Batch job does not define a privileged container",
    kind: EntityKind::Resource,
    resource_types: &["aws_batch_job_definition"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The job's container does not run in privileged mode.",
        why: "A privileged container has root access to its host and can escape to it and to other jobs.",
        fix: "Remove `privileged = true` from `container_properties`.",
        fixed: r#"resource "aws_batch_job_definition" "report" {
  name = "report"
  type = "container"
  container_properties = jsonencode({
    image      = "registry.example.com/report:1.4"
    privileged = false
  })
}"#,
    },
    passing: &[r#"
resource "aws_batch_job_definition" "report" {
  type = "container"
  container_properties = jsonencode({
    image = "registry.example.com/report:1.4"
  })
}"#],
    failing: &[r#"
resource "aws_batch_job_definition" "report" {
  type = "container"
  container_properties = jsonencode({
    image      = "registry.example.com/report:1.4"
    privileged = true
  })
}"#],
    evaluate: not_privileged,
};

/// A job without container properties, or with properties that are not a JSON object, gets
/// no verdict.
fn not_privileged(resource: &Resource<'_>) -> Verdict {
    let container = match iam_policy::read_attribute(resource.get("container_properties")) {
        None => return Verdict::NotApplicable,
        Some(Document::Unknown) => return Verdict::Unknown,
        Some(Document::Invalid) => return Verdict::NotApplicable,
        Some(Document::Known(container)) => container,
    };
    if container.as_object().is_none() {
        return Verdict::NotApplicable;
    }
    match container.get("privileged") {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(privileged) => rules::verdict(!truthy(privileged)),
        None => Verdict::Passed,
    }
}
