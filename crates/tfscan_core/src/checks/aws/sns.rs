//! Amazon SNS topic and topic policy checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::ecr::public_access;
use crate::checks::aws::iam_policy::{self, force_list, statements, Document};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &TOPIC_ENCRYPTED,
    &POLICY_NOT_PUBLIC,
    &POLICY_NO_CROSS_ACCOUNT,
];

static TOPIC_ENCRYPTED: Check = Check {
    id: "CKV_AWS_26",
    name: "Ensure all data stored in the SNS topic is encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_sns_topic"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The topic encrypts messages at rest with a KMS key.",
        why: "Messages held by an unencrypted topic can be read by anyone with access to the storage behind it.",
        fix: "Set `kms_master_key_id` to a KMS key (or `alias/aws/sns`).",
        fixed: r#"resource "aws_sns_topic" "events" {
  name              = "events"
  kms_master_key_id = aws_kms_key.events.arn
}"#,
    },
    passing: &[r#"
resource "aws_sns_topic" "events" {
  kms_master_key_id = "alias/aws/sns"
}"#],
    failing: &[r#"
resource "aws_sns_topic" "events" {
  name = "events"
}"#],
    evaluate: topic_encrypted,
};

fn topic_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_master_key_id")
}

static POLICY_NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_169",
    name: "Ensure SNS topic policy is not public by only allowing specific services or principals to access it",
    kind: EntityKind::Resource,
    resource_types: &["aws_sns_topic_policy"],
    severity: Severity::High,
    explanation: Explanation {
        what: "No allowing statement of the topic policy lets any principal in without a condition that restricts the caller.",
        why: "A public topic lets anyone publish to it or subscribe to what it sends.",
        fix: "Name the accounts, roles or services in `Principal`, or add a condition on `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`.",
        fixed: r#"resource "aws_sns_topic_policy" "events" {
  arn = aws_sns_topic.events.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "events.amazonaws.com" }
      Action    = "sns:Publish"
      Resource  = aws_sns_topic.events.arn
    }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_sns_topic_policy" "events" {
  arn = "arn:aws:sns:eu-west-1:111122223333:events"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sns:Publish"
      Resource  = "*"
      Condition = { StringEquals = { "aws:SourceOwner" = "111122223333" } }
    }]
  })
}"#],
    failing: &[r#"
resource "aws_sns_topic_policy" "events" {
  arn = "arn:aws:sns:eu-west-1:111122223333:events"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sns:Subscribe"
      Resource  = "*"
    }]
  })
}"#],
    evaluate: policy_not_public,
};

/// Checkov's rule: no policy passes; a policy that is not a JSON object gets no verdict, nor
/// does one whose statements Checkov's reading cannot take apart.
fn policy_not_public(resource: &Resource<'_>) -> Verdict {
    match iam_policy::read_attribute(resource.get("policy")) {
        None => Verdict::Passed,
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

static POLICY_NO_CROSS_ACCOUNT: Check = Check {
    id: "CKV_AWS_385",
    name: "Ensure AWS SNS topic policies do not allow cross-account access",
    kind: EntityKind::Resource,
    resource_types: &["aws_sns_topic_policy"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No allowing statement names an IAM principal ARN without a condition.",
        why: "An unconditioned grant to another account's principals lets that account use the topic however it likes.",
        fix: "Add a `Condition` to statements that name IAM ARNs, for instance on `aws:SourceAccount` or `aws:PrincipalOrgID`.",
        fixed: r#"resource "aws_sns_topic_policy" "events" {
  arn = aws_sns_topic.events.arn
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::444455556666:root" }
      Action    = "sns:Subscribe"
      Resource  = aws_sns_topic.events.arn
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_sns_topic_policy" "events" {
  arn = "arn:aws:sns:eu-west-1:111122223333:events"
  policy = jsonencode({
    Statement = [
      {
        Effect    = "Allow"
        Principal = { Service = "events.amazonaws.com" }
        Action    = "sns:Publish"
        Resource  = "*"
      },
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::444455556666:root" }
        Action    = "sns:Subscribe"
        Resource  = "*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
      },
    ]
  })
}"#],
    failing: &[r#"
resource "aws_sns_topic_policy" "events" {
  arn = "arn:aws:sns:eu-west-1:111122223333:events"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::444455556666:root"] }
      Action    = "sns:Subscribe"
      Resource  = "*"
    }]
  })
}"#],
    evaluate: policy_no_cross_account,
};

/// Checkov fails an allowing statement whose `Principal.AWS` holds an `arn:aws:iam::` ARN
/// and that has no condition. It gives no verdict when the policy is not a JSON document, or
/// when an allowing statement has no `Principal` at all (its analysis stops there).
fn policy_no_cross_account(resource: &Resource<'_>) -> Verdict {
    let document = match iam_policy::read_attribute(resource.get("policy")) {
        None => return Verdict::Passed,
        Some(Document::Invalid) => return Verdict::NotApplicable,
        Some(Document::Unknown) => return Verdict::Unknown,
        Some(Document::Known(document)) => document,
    };
    let mut unknown = false;
    for statement in statements(&document).unwrap_or_default() {
        let deciding = ["Effect", "Principal", "Condition"];
        if statement.is_unknown()
            || deciding
                .iter()
                .any(|field| statement.get(field).is_some_and(Value::contains_unknown))
        {
            unknown = true;
            continue;
        }
        if statement.get("Effect").and_then(Value::as_str) != Some("Allow") {
            continue;
        }
        let Some(principal) = statement.get("Principal") else {
            return Verdict::NotApplicable;
        };
        let names_iam_arn = principal
            .as_object()
            .and_then(|kinds| kinds.get("AWS"))
            .is_some_and(|aws| {
                force_list(aws)
                    .iter()
                    .filter_map(Value::as_str)
                    .any(|arn| arn.starts_with("arn:aws:iam::"))
            });
        let conditioned = statement.get("Condition").is_some_and(iam_policy::truthy);
        if names_iam_arn && !conditioned {
            return Verdict::Failed;
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}
