//! Amazon SQS queue and queue policy checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::ecr::public_access;
use crate::checks::aws::iam_policy::{self, force_list, statements, Document};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &QUEUE_ENCRYPTED,
    &POLICY_ALL_ACTIONS,
    &POLICY_NOT_PUBLIC,
    &POLICY_NO_WILDCARD_PRINCIPAL,
];

static QUEUE_ENCRYPTED: Check = Check {
    id: "CKV_AWS_27",
    name: "Ensure all data stored in the SQS queue is encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_sqs_queue"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The queue encrypts its messages at rest, with SQS managed keys or a KMS key.",
        why: "Messages often carry personal or business data that should not sit unencrypted on disk.",
        fix: "Set `sqs_managed_sse_enabled = true`, or `kms_master_key_id` to a KMS key.",
        fixed: r#"resource "aws_sqs_queue" "jobs" {
  name              = "jobs"
  kms_master_key_id = aws_kms_key.jobs.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_sqs_queue" "jobs" {
  kms_master_key_id = "alias/aws/sqs"
}"#,
        r#"
resource "aws_sqs_queue" "jobs" {
  sqs_managed_sse_enabled = true
}"#,
    ],
    failing: &[
        r#"
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}"#,
        // Checkov reads an explicit `sqs_managed_sse_enabled` first, even when a key is set.
        r#"
resource "aws_sqs_queue" "jobs" {
  sqs_managed_sse_enabled = false
  kms_master_key_id       = "alias/aws/sqs"
}"#,
    ],
    evaluate: queue_encrypted,
};

fn queue_encrypted(resource: &Resource<'_>) -> Verdict {
    match resource.get("sqs_managed_sse_enabled") {
        None | Some(Value::Null) => rules::is_set(resource, "kms_master_key_id"),
        Some(Value::Unknown) => Verdict::Unknown,
        Some(value) => rules::verdict(iam_policy::truthy(value) && value.as_bool() != Some(false)),
    }
}

static POLICY_ALL_ACTIONS: Check = Check {
    id: "CKV_AWS_72",
    name: "Ensure SQS policy does not allow ALL (*) actions.",
    kind: EntityKind::Resource,
    resource_types: &["aws_sqs_queue_policy"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The queue policy's first statement does not grant the action `*`.",
        why: "`*` hands over every SQS action, deleting the queue and changing its policy included, to whoever the statement names.",
        fix: "List the SQS actions the principal needs, such as `sqs:SendMessage`.",
        fixed: r#"resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { Service = "sns.amazonaws.com" }
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}"#],
    failing: &[r#"
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "*"
      Resource  = "*"
    }]
  })
}"#],
    evaluate: policy_all_actions,
};

/// Checkov looks at the first statement only, and only at an `Action` that is the string `*`.
fn policy_all_actions(resource: &Resource<'_>) -> Verdict {
    let document = match iam_policy::read_attribute(resource.get("policy")) {
        None | Some(Document::Invalid) => return Verdict::Passed,
        Some(Document::Unknown) => return Verdict::Unknown,
        Some(Document::Known(document)) => document,
    };
    let Some(first) = statements(&document).and_then(<[Value]>::first) else {
        return Verdict::Passed;
    };
    match first.get("Action") {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(action) => rules::verdict(action.as_str() != Some("*")),
        None => Verdict::Passed,
    }
}

static POLICY_NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_168",
    name: "Ensure SQS queue policy is not public by only allowing specific services or principals to access it",
    kind: EntityKind::Resource,
    resource_types: &["aws_sqs_queue", "aws_sqs_queue_policy"],
    severity: Severity::High,
    explanation: Explanation {
        what: "No allowing statement of the queue's policy lets any principal in without a condition that restricts the caller.",
        why: "A public queue lets anyone on the internet read, send or delete its messages.",
        fix: "Name the accounts, roles or services in `Principal`, or add a condition on `aws:SourceArn`, `aws:SourceAccount` or `aws:PrincipalOrgID`.",
        fixed: r#"resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = aws_sqs_queue.jobs.arn
      Condition = { ArnEquals = { "aws:SourceArn" = aws_sns_topic.events.arn } }
    }]
  })
}"#,
    },
    passing: &[
        r#"
resource "aws_sqs_queue" "jobs" {
  name = "jobs"
}

resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "*"
      Condition = { ArnEquals = { "aws:SourceArn" = "arn:aws:sns:eu-west-1:111122223333:events" } }
    }]
  })
}"#,
    ],
    failing: &[
        r#"
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "sqs:*"
      Resource  = "*"
    }]
  })
}"#,
        r#"
resource "aws_sqs_queue" "jobs" {
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "sqs:SendMessage"
      Resource  = "*"
    }]
  })
}"#,
    ],
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

static POLICY_NO_WILDCARD_PRINCIPAL: Check = Check {
    id: "CKV_AWS_387",
    name: "Ensure SQS policy does not allow public access through wildcards",
    kind: EntityKind::Resource,
    resource_types: &["aws_sqs_queue_policy"],
    severity: Severity::High,
    explanation: Explanation {
        what: "No allowing statement grants SQS actions to the principal `*` without a condition.",
        why: "A wildcard principal with no condition opens the queue's messages to every AWS account.",
        fix: "Name the principals that need the queue, or add a `Condition` that restricts the caller.",
        fixed: r#"resource "aws_sqs_queue_policy" "jobs" {
  queue_url = aws_sqs_queue.jobs.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:role/worker" }
      Action    = "sqs:ReceiveMessage"
      Resource  = aws_sqs_queue.jobs.arn
    }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy = jsonencode({
    Statement = [
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "sqs:SendMessage"
        Resource  = "*"
        Condition = { StringEquals = { "aws:SourceAccount" = "111122223333" } }
      },
      {
        Effect    = "Allow"
        Principal = { AWS = ["*"] }
        Action    = "s3:GetObject"
        Resource  = "*"
      },
    ]
  })
}"#],
    failing: &[
        r#"
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["sqs:SendMessage", "sqs:ReceiveMessage"]
      Resource  = "*"
    }]
  })
}"#,
        r#"
resource "aws_sqs_queue_policy" "jobs" {
  queue_url = "https://sqs.eu-west-1.amazonaws.com/111122223333/jobs"
  policy = jsonencode({
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::111122223333:root", "*"] }
      Action    = "*"
      Resource  = "*"
    }]
  })
}"#,
    ],
    evaluate: policy_no_wildcard_principal,
};

/// Checkov's rule: an allowing statement with an SQS action (`sqs:`/`SQS:` prefix or `*`),
/// the principal `*` (bare, or under `AWS`) and no `Condition` fails the policy.
fn policy_no_wildcard_principal(resource: &Resource<'_>) -> Verdict {
    let document = match iam_policy::read_attribute(resource.get("policy")) {
        None | Some(Document::Invalid) => return Verdict::Passed,
        Some(Document::Unknown) => return Verdict::Unknown,
        Some(Document::Known(document)) => document,
    };
    let mut unknown = false;
    for statement in statements(&document).unwrap_or_default() {
        let deciding = ["Effect", "Action", "Principal", "Condition"];
        if statement.is_unknown()
            || deciding
                .iter()
                .any(|field| statement.get(field).is_some_and(Value::contains_unknown))
        {
            unknown = true;
            continue;
        }
        if statement.get("Effect").and_then(Value::as_str) != Some("Allow")
            || statement.get("Condition").is_some()
        {
            continue;
        }
        let sqs_action = statement.get("Action").is_some_and(|actions| {
            force_list(actions)
                .iter()
                .filter_map(Value::as_str)
                .any(|action| {
                    action == "*" || action.starts_with("sqs:") || action.starts_with("SQS:")
                })
        });
        if sqs_action && statement.get("Principal").is_some_and(wildcard_principal) {
            return Verdict::Failed;
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

/// `"*"`, or an `AWS` entry that is `"*"` or a list holding it.
fn wildcard_principal(principal: &Value) -> bool {
    match principal {
        Value::String(text) => text == "*",
        Value::Object(_) => principal.get("AWS").is_some_and(|aws| {
            force_list(aws)
                .iter()
                .any(|item| item.as_str() == Some("*"))
        }),
        _ => false,
    }
}
