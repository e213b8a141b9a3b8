//! AWS ECR checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &IMMUTABLE_TAGS,
    &KMS_ENCRYPTION,
    &SCAN_ON_PUSH,
    &PUBLIC_POLICY,
];

static IMMUTABLE_TAGS: Check = Check {
    id: "CKV_AWS_51",
    name: "Ensure ECR Image Tags are immutable",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecr_repository"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An ECR repository sets `image_tag_mutability = \"IMMUTABLE\"`.",
        why: "With mutable tags, anyone allowed to push can replace the image behind a tag such as `v1.2.0` and have it deployed in place of the reviewed one.",
        fix: "Set `image_tag_mutability = \"IMMUTABLE\"` and publish each build under a new tag.",
        fixed: r#"resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}"#,
    },
    passing: &[r#"
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "IMMUTABLE"
}"#],
    failing: &[
        r#"
resource "aws_ecr_repository" "app" {
  name                 = "app"
  image_tag_mutability = "MUTABLE"
}"#,
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"
}"#,
    ],
    evaluate: immutable_tags,
};

fn immutable_tags(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "image_tag_mutability",
        &["IMMUTABLE"],
        Verdict::Failed,
    )
}

static KMS_ENCRYPTION: Check = Check {
    id: "CKV_AWS_136",
    name: "Ensure that ECR repositories are encrypted using KMS",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecr_repository"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An ECR repository encrypts its images with KMS (`encryption_type = \"KMS\"`) rather than the default AES-256.",
        why: "With KMS, reading the images also takes permission on a key you control, and every use of the key is logged in CloudTrail.",
        fix: "Add an `encryption_configuration` block with `encryption_type = \"KMS\"` and, ideally, your own `kms_key`.",
        fixed: r#"resource "aws_ecr_repository" "app" {
  name = "app"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_ecr_repository" "app" {
  name = "app"

  encryption_configuration {
    encryption_type = "KMS"
    kms_key         = aws_kms_key.ecr.arn
  }
}"#],
    failing: &[
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"
}"#,
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"

  encryption_configuration {
    encryption_type = "AES256"
  }
}"#,
    ],
    evaluate: kms_encryption,
};

fn kms_encryption(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "encryption_configuration.0.encryption_type",
        &["KMS"],
        Verdict::Failed,
    )
}

static SCAN_ON_PUSH: Check = Check {
    id: "CKV_AWS_163",
    name: "Ensure ECR image scanning on push is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecr_repository"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An ECR repository scans every pushed image for known vulnerabilities (`scan_on_push = true`).",
        why: "Without scanning, images with known vulnerable packages are stored and deployed without anyone being told.",
        fix: "Add `image_scanning_configuration { scan_on_push = true }` to the repository.",
        fixed: r#"resource "aws_ecr_repository" "app" {
  name = "app"

  image_scanning_configuration {
    scan_on_push = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_ecr_repository" "app" {
  name = "app"

  image_scanning_configuration {
    scan_on_push = true
  }
}"#],
    failing: &[
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"
}"#,
        r#"
resource "aws_ecr_repository" "app" {
  name = "app"

  image_scanning_configuration {
    scan_on_push = false
  }
}"#,
    ],
    evaluate: scan_on_push,
};

fn scan_on_push(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "image_scanning_configuration.0.scan_on_push",
        true,
        Verdict::Failed,
    )
}

// ---------------------------------------------------------------------------------------------
// Repository policies (CKV_AWS_32), read with the IAM policy helpers.
// ---------------------------------------------------------------------------------------------

static PUBLIC_POLICY: Check = Check {
    id: "CKV_AWS_32",
    name: "Ensure ECR policy is not set to public",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecr_repository_policy"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The repository policy allows no action to everyone: no allowing statement names the principal `*` (or an ARN of any account) without a condition that pins the caller down.",
        why: "A public repository policy lets anyone pull, and possibly push or delete, the images your workloads run.",
        fix: "Name the accounts or roles that need access, or add a condition on `aws:PrincipalOrgID`, `aws:SourceAccount` or a similar key.",
        fixed: r#"resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::123456789012:root" }
      Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
    }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::123456789012:root" }
        Action    = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer"]
      },
      {
        Effect    = "Allow"
        Principal = "*"
        Action    = ["ecr:BatchGetImage"]
        Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-abcdefghij" } }
      },
      { Effect = "Deny", Principal = "*", Action = "ecr:DeleteRepository" },
    ]
  })
}"#],
    failing: &[
        r#"
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Principal = "*", Action = ["ecr:BatchGetImage"] }]
  })
}"#,
        r#"
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [{
    "Effect": "Allow",
    "Principal": { "AWS": "arn:aws:iam::*:root" },
    "Action": "ecr:*"
  }]
}
POLICY
}"#,
        r#"
resource "aws_ecr_repository_policy" "app" {
  repository = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = ["ecr:BatchGetImage"]
      Condition = { IpAddress = { "aws:SourceIp" = "0.0.0.0/0" } }
    }]
  })
}"#,
    ],
    evaluate: public_policy,
};

fn public_policy(resource: &Resource<'_>) -> Verdict {
    use super::iam_policy::{self, truthy, Document};

    let Some(policy) = resource.get("policy").filter(|policy| truthy(policy)) else {
        return Verdict::Passed;
    };
    match iam_policy::read_attribute(Some(policy)) {
        None => Verdict::Passed,
        Some(Document::Unknown) => Verdict::Unknown,
        Some(Document::Known(document @ Value::Object(_))) => {
            match public_access::allows_everyone(&document) {
                Some(public) => rules::verdict(!public),
                // Checkov reports nothing when it cannot read the statements.
                None => Verdict::NotApplicable,
            }
        }
        Some(_) => Verdict::NotApplicable,
    }
}

/// Whether a resource policy lets anyone in, as Checkov judges it (Cloudsplaining's reading of
/// resource policies): an allowing statement with actions whose principal is `*` or an ARN of
/// any account, unless it has a condition on a key that identifies the caller with a value
/// that is not itself open (`*`, `/0`, `o-*`). Shared with the Glacier vault policy check, which
/// Checkov runs through the same reading.
pub(super) mod public_access {
    use alloc::vec::Vec;

    use crate::checks::aws::iam_policy::{force_list, statements, truthy};
    use crate::value::Value;

    /// Condition keys that pin the caller down, by what their values name.
    const IDENTIFYING_KEYS: &[(&str, Category)] = &[
        ("aws:sourcearn", Category::Arn),
        ("aws:principalarn", Category::Arn),
        ("aws:sourceowner", Category::Other),
        ("aws:sourceaccount", Category::Other),
        ("aws:principalaccount", Category::Other),
        ("aws:principalorgid", Category::Organization),
        ("aws:principalorgpaths", Category::Organization),
        ("kms:calleraccount", Category::Other),
        ("aws:userid", Category::UserId),
        ("aws:sourceip", Category::Cidr),
        ("aws:sourcevpc", Category::Other),
        ("aws:sourcevpce", Category::Other),
        ("saml:aud", Category::Other),
    ];

    /// Condition operators whose tests can pin the caller down (lower case; a `ForAllValues:`
    /// or `ForAnyValue:` qualifier and an `IfExists` or `IgnoreCase` suffix are allowed).
    const RELEVANT_OPERATORS: &[&str] = &[
        "arnequals",
        "arnlike",
        "stringequals",
        "stringlike",
        "ipaddress",
    ];

    #[derive(Debug, Clone, Copy)]
    enum Category {
        Arn,
        Cidr,
        Organization,
        UserId,
        Other,
    }

    /// Some(true) when a statement lets anyone in; None when Checkov's reading of any
    /// statement raises (it reads them all before it answers).
    pub(in crate::checks::aws) fn allows_everyone(document: &Value) -> Option<bool> {
        let statements = statements(document).unwrap_or_default();
        for statement in statements {
            let Value::Object(_) = statement else {
                return None;
            };
            statement.get("Effect")?;
            conditions(statement)?;
        }
        let mut open = false;
        for statement in statements {
            if statement.get("Effect").and_then(Value::as_str) == Some("Deny") {
                continue;
            }
            let has_actions = statement.get("Action").is_some_and(truthy);
            open |= statement_is_open(statement)? && has_actions;
        }
        Some(open)
    }

    fn statement_is_open(statement: &Value) -> Option<bool> {
        let conditions = conditions(statement)?;
        for (category, value) in &conditions {
            if value_is_open(*category, value)? {
                return Some(true);
            }
        }
        if !conditions.is_empty() {
            return Some(false);
        }
        for principal in principals(statement) {
            if arn_is_open(principal)? {
                return Some(true);
            }
        }
        Some(false)
    }

    /// The principals a statement names: `*`, or the values under `AWS`, `Federated` and
    /// `Service`.
    fn principals(statement: &Value) -> Vec<&Value> {
        match statement.get("Principal") {
            Some(Value::Object(map)) => ["AWS", "Federated", "Service"]
                .iter()
                .filter_map(|kind| map.get(*kind))
                .flat_map(force_list)
                .collect(),
            Some(principal) if truthy(principal) => alloc::vec![principal],
            _ => Vec::new(),
        }
    }

    /// The identifying condition values, each with what it names; None when the condition is
    /// not a map of maps.
    fn conditions(statement: &Value) -> Option<Vec<(Category, &Value)>> {
        let mut found = Vec::new();
        let condition = match statement.get("Condition") {
            Some(condition) if truthy(condition) => condition,
            _ => return Some(found),
        };
        let Value::Object(operators) = condition else {
            return None;
        };
        for (operator, tests) in operators {
            if !is_relevant_operator(operator) {
                continue;
            }
            let Value::Object(tests) = tests else {
                return None;
            };
            for (key, values) in tests {
                let lowercase = key.to_lowercase();
                let Some((_, category)) = IDENTIFYING_KEYS
                    .iter()
                    .find(|(known, _)| *known == lowercase)
                else {
                    continue;
                };
                found.extend(force_list(values).iter().map(|value| (*category, value)));
            }
        }
        Some(found)
    }

    fn is_relevant_operator(operator: &str) -> bool {
        let lowercase = operator.to_lowercase();
        let starts_relevant = |text: &str| {
            RELEVANT_OPERATORS
                .iter()
                .any(|relevant| text.starts_with(relevant))
        };
        starts_relevant(&lowercase)
            || ["forallvalues:", "foranyvalue:"].iter().any(|qualifier| {
                lowercase
                    .strip_prefix(qualifier)
                    .is_some_and(starts_relevant)
            })
    }

    /// Whether a condition value leaves the statement open; None where Checkov's reading of a
    /// value that is not text raises.
    fn value_is_open(category: Category, value: &Value) -> Option<bool> {
        match category {
            Category::Arn => arn_is_open(value),
            Category::Cidr => Some(value.as_str()?.ends_with("/0")),
            Category::UserId => {
                // Only a trailing `*` (a role's sessions) keeps a user ID specific.
                let text = value.as_str()?;
                Some(text.find('*') != text.len().checked_sub(1))
            }
            Category::Organization => contains(value, "o-*"),
            Category::Other => contains(value, "*"),
        }
    }

    /// Python's `needle in value` for text (substring) and lists (element).
    fn contains(value: &Value, needle: &str) -> Option<bool> {
        match value {
            Value::String(text) => Some(text.contains(needle)),
            Value::List(items) => Some(items.iter().any(|item| item.as_str() == Some(needle))),
            Value::Object(map) => Some(map.contains_key(needle)),
            _ => None,
        }
    }

    /// `*`, or an ARN whose account is `*` (S3 ARNs have no account and never count).
    fn arn_is_open(arn: &Value) -> Option<bool> {
        let text = arn.as_str()?;
        if text == "*" {
            return Some(true);
        }
        let Some(rest) = text.strip_prefix("arn:") else {
            return Some(false);
        };
        let parts: Vec<&str> = rest.splitn(5, ':').collect();
        let [_, service, _, account, resource] = parts.as_slice() else {
            return Some(text.contains('*'));
        };
        if resource.is_empty() || resource.contains('\n') {
            return Some(text.contains('*'));
        }
        if *service == "s3" {
            return Some(false);
        }
        Some((account.is_empty() && service.is_empty()) || *account == "*")
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn arns() {
            let open = |arn: &str| arn_is_open(&Value::from(arn));
            assert_eq!(open("*"), Some(true));
            assert_eq!(open("arn:aws:iam::*:root"), Some(true));
            assert_eq!(open("arn:aws:iam::123456789012:root"), Some(false));
            assert_eq!(open("arn:aws:s3:::*"), Some(false));
            assert_eq!(open("arn:aws:::*:x"), Some(true));
            assert_eq!(open("arn:aws:iam:*"), Some(true));
            assert_eq!(open("123456789012"), Some(false));
            assert_eq!(arn_is_open(&Value::Number(1.0)), None);
        }

        #[test]
        fn operators() {
            assert!(is_relevant_operator("StringEquals"));
            assert!(is_relevant_operator("stringequalsignorecase"));
            assert!(is_relevant_operator("ForAnyValue:ArnLike"));
            assert!(is_relevant_operator("IpAddressIfExists"));
            assert!(!is_relevant_operator("StringNotEquals"));
            assert!(!is_relevant_operator("NotIpAddress"));
            assert!(!is_relevant_operator("Bool"));
        }
    }
}
