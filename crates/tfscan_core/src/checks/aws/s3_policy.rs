//! AWS S3 bucket policy checks, on `aws_s3_bucket_policy` and the `policy` attribute of
//! `aws_s3_bucket`, read with the IAM policy helpers.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::{self, force_list, statements, Document};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&ANY_PRINCIPAL, &LOCKOUT];

const TYPES: &[&str] = &["aws_s3_bucket", "aws_s3_bucket_policy"];

static ANY_PRINCIPAL: Check = Check {
    id: "CKV_AWS_70",
    name: "Ensure S3 bucket does not allow an action with any Principal",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "No allowing statement of the bucket policy names the principal `*` (or `AWS = \"*\"`) without a condition that pins the caller down.",
        why: "A bucket policy open to `*` lets anyone on the internet perform its actions on the bucket, the most common way S3 data leaks.",
        fix: "Name the accounts or roles in `Principal`, or keep `*` only with a condition on `aws:PrincipalOrgID`, `aws:PrincipalArn`, `aws:SourceVpc` or a similar key.",
        fixed: r#"resource "aws_s3_bucket_policy" "reports" {
  bucket = "reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::reports/*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } }
    }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_s3_bucket_policy" "reports" {
  bucket = "reports"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:role/reader" }
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::reports/*"
      },
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:*"
        Resource  = "arn:aws:s3:::reports/*"
        Condition = { Bool = { "aws:SecureTransport" = "false" } }
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = "s3:GetObject"
        Resource  = "arn:aws:s3:::reports/*"
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } }
      },
    ]
  })
}

resource "aws_s3_bucket" "legacy" {
  bucket = "legacy"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["*"] }
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::legacy/*"
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/*" } }
    }]
  })
}"#],
    failing: &[
        r#"
resource "aws_s3_bucket_policy" "public" {
  bucket = "public"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = "s3:GetObject", Resource = "arn:aws:s3:::public/*" }]
  })
}"#,
        r#"
resource "aws_s3_bucket" "legacy" {
  bucket = "legacy"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "*" },
    "Action": "s3:PutObject",
    "Resource": "arn:aws:s3:::legacy/*",
    "Condition": { "StringNotEquals": { "aws:SourceVpce": "vpce-0123456789abcdef0" } }
  }]
}
POLICY
}"#,
        r#"
resource "aws_s3_bucket_policy" "any_role" {
  bucket = "any-role"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "s3:GetObject"
      Resource  = "arn:aws:s3:::any-role/*"
      Condition = { ArnLike = { "aws:PrincipalArn" = "arn:aws:iam::*:role/reader" } }
    }]
  })
}"#,
    ],
    evaluate: any_principal,
};

static LOCKOUT: Check = Check {
    id: "CKV_AWS_93",
    name: "Ensure S3 bucket policy does not lockout all but root user. (Prevent lockouts needing root account fixes)",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No unconditional `Deny` statement of the bucket policy denies everyone (`*`) the right to change the bucket policy.",
        why: "Such a statement locks every principal out of the policy, including the administrators who wrote it; only the account's root user can undo it.",
        fix: "Limit the `Deny` with a condition (for example on `aws:PrincipalArn`) or narrow its principals and actions so administrators keep `s3:PutBucketPolicy`.",
        fixed: r#"resource "aws_s3_bucket_policy" "guarded" {
  bucket = "guarded"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Deny"
      Principal = "*"
      Action    = "s3:PutBucketPolicy"
      Resource  = "arn:aws:s3:::guarded"
      Condition = { ArnNotEquals = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/admin" } }
    }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_s3_bucket_policy" "guarded" {
  bucket = "guarded"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Deny"
        Principal = "*"
        Action    = "s3:PutBucketPolicy"
        Resource  = "arn:aws:s3:::guarded"
        Condition = { ArnNotEquals = { "aws:PrincipalArn" = "arn:aws:iam::123456789012:role/admin" } }
      },
      { Effect = "Deny", Principal = "*", Action = "s3:DeleteObject", Resource = "arn:aws:s3:::guarded/*" },
    ]
  })
}

resource "aws_s3_bucket" "plain" {
  bucket = "plain"
}"#],
    failing: &[
        r#"
resource "aws_s3_bucket_policy" "locked" {
  bucket = "locked"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Deny", Principal = "*", Action = "s3:*", Resource = "arn:aws:s3:::locked" }]
  })
}"#,
        r#"
resource "aws_s3_bucket" "locked" {
  bucket = "locked"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Deny",
    "Principal": { "AWS": ["*"] },
    "Action": ["s3:GetObject", "s3:PutBucketPolicy"],
    "Resource": "arn:aws:s3:::locked"
  }]
}
POLICY
}"#,
    ],
    evaluate: lockout,
};

/// Checkov's verdict on a statement that allows `*`: passed when its condition pins the caller
/// down. None where Checkov's reading raises. The condition keys are compared exactly, as
/// Checkov spells them (so `aws:sourceVpce` counts and `aws:SourceVpce` does not).
fn restricted_by_condition(statement: &Value) -> Option<bool> {
    let Some(condition) = statement.get("Condition") else {
        return Some(false);
    };
    let has = |key: &str| condition.get(key).is_some();
    if has("ArnNotEquals") || has("ArnNotLike") {
        return Some(true);
    }
    for operator in ["ArnEquals", "ArnLike"] {
        let Some(tests) = condition.get(operator) else {
            continue;
        };
        for key in ["aws:PrincipalArn", "aws:SourceArn"] {
            let Some(arn) = tests.get(key) else { continue };
            if is_any_account_arn(arn.as_str()?) {
                return Some(false);
            }
        }
        return Some(true);
    }
    let identifying = [
        "aws:sourceVpce",
        "aws:SourceVpc",
        "aws:VpceAccount",
        "aws:PrincipalOrgPaths",
        "aws:userid",
        "aws:PrincipalArn",
        "aws:PrincipalAccount",
        "aws:PrincipalOrgID",
        "aws:Ec2InstanceSourceVpc",
        "ec2:SourceInstanceArn",
        "lambda:SourceFunctionArn",
        "ssm:SourceInstanceArn",
    ];
    let pins = ["StringEquals", "StringEqualsIgnoreCase", "StringLike"]
        .iter()
        .any(|operator| {
            condition
                .get(operator)
                .is_some_and(|tests| identifying.iter().any(|key| tests.get(key).is_some()))
        });
    Some(pins)
}

/// `arn:aws:<service>::*...`: an ARN of any account.
fn is_any_account_arn(arn: &str) -> bool {
    arn.strip_prefix("arn:aws:").is_some_and(|rest| {
        let service_end = rest
            .find(|c: char| !(c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-'))
            .unwrap_or(rest.len());
        service_end > 0 && rest[service_end..].starts_with("::*")
    })
}

/// The policy as Checkov reads it for these checks, or the verdict for what it cannot read.
fn policy_document(resource: &Resource<'_>, unreadable: Verdict) -> Result<Value, Verdict> {
    match iam_policy::read_attribute(resource.get("policy")) {
        None | Some(Document::Invalid) => Err(unreadable),
        Some(Document::Unknown) => Err(Verdict::Unknown),
        Some(Document::Known(document)) => Ok(document),
    }
}

fn any_principal(resource: &Resource<'_>) -> Verdict {
    // Checkov reports nothing for a bucket without a policy or a policy it cannot parse.
    let document = match policy_document(resource, Verdict::NotApplicable) {
        Ok(document) => document,
        Err(verdict) => return verdict,
    };
    let Some(statements) = statements(&document) else {
        return Verdict::Passed;
    };
    let lacks_effect = |statement: &Value| match statement {
        Value::Object(map) => !map.contains_key("Effect"),
        Value::String(text) => !text.contains("Effect"),
        Value::List(items) => !items.iter().any(|item| item.as_str() == Some("Effect")),
        _ => true,
    };
    if statements.iter().all(lacks_effect) {
        return Verdict::NotApplicable;
    }
    for statement in statements {
        let Value::Object(_) = statement else {
            continue;
        };
        let effect = statement.get("Effect");
        let Some(principal) = statement.get("Principal") else {
            continue;
        };
        if effect.is_none() || effect.and_then(Value::as_str) == Some("Deny") {
            continue;
        }
        let open = match principal {
            Value::String(text) if text == "*" => true,
            Value::Object(map) => map.get("AWS").is_some_and(|aws| match aws {
                Value::String(text) => text == "*",
                Value::List(items) => items.iter().any(|item| item.as_str() == Some("*")),
                _ => false,
            }),
            // Text or a list naming `AWS` raises in Checkov, which then reports nothing.
            Value::String(text) if text.contains("AWS") => return Verdict::NotApplicable,
            Value::List(items) if items.iter().any(|item| item.as_str() == Some("AWS")) => {
                return Verdict::NotApplicable;
            }
            _ => false,
        };
        if open {
            return match restricted_by_condition(statement) {
                Some(restricted) => rules::verdict(restricted),
                None => Verdict::NotApplicable,
            };
        }
    }
    Verdict::Passed
}

/// Actions that include changing the bucket policy, as Checkov lists them (compared exactly).
const POLICY_CHANGING_ACTIONS: &[&str] = &[
    "s3:PutBucketPolicy",
    "s3:*BucketPolicy",
    "s3:Put*",
    "s3:*",
    "*",
];

/// Checkov passes a policy it cannot read, and stops (passing) at the first statement it cannot
/// read: one that is not an object, or a denying one without `Principal` or `Action`.
fn lockout(resource: &Resource<'_>) -> Verdict {
    let document = match policy_document(resource, Verdict::Passed) {
        Ok(document @ Value::Object(_)) => document,
        Ok(_) => return Verdict::Passed,
        Err(verdict) => return verdict,
    };
    let Some(statements) = statements(&document) else {
        return Verdict::Passed;
    };
    for statement in statements {
        let Value::Object(map) = statement else {
            return Verdict::Passed;
        };
        let denies = map.get("Effect").and_then(Value::as_str) == Some("Deny");
        if map.contains_key("Condition") || map.contains_key("NotAction") || !denies {
            continue;
        }
        let Some(principal) = map.get("Principal") else {
            return Verdict::Passed;
        };
        let everyone = match principal {
            Value::String(text) if text == "*" => true,
            Value::Object(principals) => principals.get("AWS").is_some_and(|aws| {
                force_list(aws)
                    .iter()
                    .any(|item| item.as_str() == Some("*"))
                    && !matches!(aws, Value::Object(_))
            }),
            Value::String(text) if text.contains("AWS") => return Verdict::Passed,
            Value::List(items) if items.iter().any(|item| item.as_str() == Some("AWS")) => {
                return Verdict::Passed;
            }
            _ => false,
        };
        let Some(actions) = map.get("Action") else {
            return Verdict::Passed;
        };
        let changes_policy = force_list(actions).iter().any(|action| {
            action
                .as_str()
                .is_some_and(|a| POLICY_CHANGING_ACTIONS.contains(&a))
        });
        if everyone && changes_policy {
            return Verdict::Failed;
        }
    }
    Verdict::Passed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn any_account_arns() {
        assert!(is_any_account_arn("arn:aws:iam::*:role/x"));
        assert!(is_any_account_arn("arn:aws:sts::*"));
        assert!(!is_any_account_arn("arn:aws:iam::123456789012:role/x"));
        assert!(!is_any_account_arn("arn:aws:::*"));
        assert!(!is_any_account_arn("arn:aws:s3:::*"));
    }
}
