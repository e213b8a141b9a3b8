//! AWS S3 Glacier checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::ecr::public_access;
use crate::checks::aws::iam_policy::{self, Document};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&VAULT_NOT_PUBLIC];

static VAULT_NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_167",
    name: "Ensure Glacier Vault access policy is not public by only allowing specific services or principals to access it",
    kind: EntityKind::Resource,
    resource_types: &["aws_glacier_vault"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A Glacier vault's access policy allows no action to everyone (`*` or any account) without a condition that names the caller.",
        why: "A public vault policy lets anyone read or delete the archives it allows.",
        fix: "Name the accounts or roles that need the vault in `Principal`, or restrict the statement with a condition on the caller.",
        fixed: r#"resource "aws_glacier_vault" "archive" {
  name = "archive"

  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = ["glacier:InitiateJob", "glacier:GetJobOutput"]
      Resource  = "arn:aws:glacier:eu-west-1:111122223333:vaults/archive"
    }]
  })
}"#,
    },
    passing: &[
        r#"
resource "aws_glacier_vault" "archive" {
  access_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "glacier:InitiateJob"
      Resource  = "*"
    }]
  })
}"#,
        r#"
resource "aws_glacier_vault" "archive" {
  name = "archive"
}"#,
    ],
    failing: &[r#"
resource "aws_glacier_vault" "archive" {
  access_policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": "*",
          "Action": ["glacier:InitiateJob", "glacier:GetJobOutput"],
          "Resource": "*"
        }
      ]
    }
  POLICY
}"#],
    evaluate: vault_not_public,
};

/// Checkov reads the policy with Cloudsplaining, as for ECR repository policies. It gives no
/// verdict for text that looks like a reference to a rendered `.json` document, for text that is
/// not JSON, and for a document its reader cannot take apart.
fn vault_not_public(resource: &Resource<'_>) -> Verdict {
    let policy = match resource.get("access_policy") {
        None => return Verdict::Passed,
        Some(Value::String(text)) if names_a_json_document(text) => {
            return Verdict::NotApplicable;
        }
        Some(policy) => policy,
    };
    match iam_policy::read_attribute(Some(policy)) {
        None => Verdict::NotApplicable,
        Some(Document::Unknown) => Verdict::Unknown,
        Some(Document::Known(document @ Value::Object(_))) => {
            match public_access::allows_everyone(&document) {
                Some(public) => rules::verdict(!public),
                None => Verdict::NotApplicable,
            }
        }
        Some(_) => Verdict::NotApplicable,
    }
}

/// Checkov's test for a reference such as `${data.x.json}`: on the first line, `json` after at
/// least two other characters.
fn names_a_json_document(text: &str) -> bool {
    let first_line = text.split('\n').next().unwrap_or_default();
    first_line
        .match_indices("json")
        .any(|(index, _)| first_line[..index].chars().count() >= 2)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_document_references_are_recognised() {
        assert!(names_a_json_document(
            "${data.aws_iam_policy_document.vault.json}"
        ));
        assert!(names_a_json_document("policy.json"));
        assert!(!names_a_json_document("{\n  \"Statement\": []\n}"));
        assert!(!names_a_json_document("json"));
    }
}
