//! AWS KMS checks.

use alloc::vec::Vec;

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&KEY_ROTATION, &KEY_POLICY_WILDCARD_PRINCIPAL, &KEY_ENABLED];

static KEY_ROTATION: Check = Check {
    id: "CKV_AWS_7",
    name: "Ensure rotation for customer created CMKs is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_kms_key"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A customer managed KMS key has automatic yearly rotation of its key material turned on.",
        why: "Key material that never changes keeps every past and future ciphertext exposed to a single leaked key.",
        fix: "Set `enable_key_rotation = true` on the key.",
        fixed: r#"resource "aws_kms_key" "app" {
  description         = "application data"
  enable_key_rotation = true
}"#,
    },
    passing: &[
        r#"
resource "aws_kms_key" "app" {
  enable_key_rotation = true
}"#,
        r#"
resource "aws_kms_key" "app" {
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = "true"
}"#,
        // Asymmetric keys cannot rotate automatically, so the check says nothing about them.
        r#"
resource "aws_kms_key" "app" {
  enable_key_rotation = true
}

resource "aws_kms_key" "signing" {
  customer_master_key_spec = "ECC_NIST_P256"
  key_usage                = "SIGN_VERIFY"
}"#,
        r#"
resource "aws_kms_key" "app" {
  enable_key_rotation = true
}

# HMAC keys do not rotate automatically: no verdict.
resource "aws_kms_key" "tokens" {
  customer_master_key_spec = "HMAC_256"
  key_usage                = "GENERATE_VERIFY_MAC"
}"#,
    ],
    failing: &[
        r#"
resource "aws_kms_key" "app" {
  enable_key_rotation = false
}"#,
        r#"
resource "aws_kms_key" "app" {
  description = "rotation left at its default, off"
}"#,
        r#"
resource "aws_kms_key" "app" {
  customer_master_key_spec = "SYMMETRIC_DEFAULT"
  enable_key_rotation      = false
}"#,
        r#"
variable "enable_key_rotation" {
  type    = bool
  default = false
}

resource "aws_kms_key" "app" {
  description         = "rotation switched off through a variable"
  enable_key_rotation = var.enable_key_rotation
}"#,
    ],
    evaluate: key_rotation,
};

/// Only symmetric encryption keys rotate automatically, so Checkov looks at the rotation flag
/// only when the key spec is absent (symmetric by default) or names a symmetric key, and has
/// nothing to say about the others. It compares the spec whole: `HMAC_256` does not count as
/// symmetric here, and AWS does not rotate HMAC keys either.
fn key_rotation(resource: &Resource<'_>) -> Verdict {
    match resource.get("customer_master_key_spec") {
        None | Some(Value::Null) => {}
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(spec) => match spec.as_str() {
            Some("SYMMETRIC_DEFAULT" | "HMAC") => {}
            _ => return Verdict::NotApplicable,
        },
    }
    rules::bool_equals(resource, "enable_key_rotation", true, Verdict::Failed)
}

static KEY_POLICY_WILDCARD_PRINCIPAL: Check = Check {
    id: "CKV_AWS_33",
    name: "Ensure KMS key policy does not contain wildcard (*) principal",
    kind: EntityKind::Resource,
    resource_types: &["aws_kms_key"],
    severity: Severity::High,
    explanation: Explanation {
        what: "No unconditional Allow statement of the key's policy names `*` as its principal.",
        why: "A wildcard principal lets any AWS account use or manage the key, and so read whatever it protects.",
        fix: "Name the accounts or roles that need the key in `Principal`, or restrict the statement with a `Condition`.",
        fixed: r#"resource "aws_kms_key" "app" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountAdministers"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}"#,
    },
    passing: &[
        r#"
resource "aws_kms_key" "default_policy" {
  description = "no policy: AWS gives the account's root access only"
}"#,
        r#"
resource "aws_kms_key" "account" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = ["arn:aws:iam::111122223333:root", "arn:aws:iam::111122223333:role/app"] }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}"#,
        r#"
resource "aws_kms_key" "deny_everyone_else" {
  policy = <<-POLICY
    {
      "Version": "2012-10-17",
      "Statement": [
        {
          "Effect": "Allow",
          "Principal": {"AWS": "arn:aws:iam::111122223333:root"},
          "Action": "kms:*",
          "Resource": "*"
        },
        {
          "Effect": "Deny",
          "Principal": "*",
          "Action": "kms:Decrypt",
          "Resource": "*"
        }
      ]
    }
  POLICY
}"#,
        r#"
resource "aws_kms_key" "organisation" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = {
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:Decrypt"
      Resource  = "*"
      Condition = { StringEquals = { "aws:PrincipalOrgID" = "o-a1b2c3d4e5" } }
    }
  })
}"#,
    ],
    failing: &[
        r#"
resource "aws_kms_key" "open" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "*" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}"#,
        r#"
resource "aws_kms_key" "open" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      {
        Sid       = "Admins"
        Effect    = "Allow"
        Principal = { AWS = "arn:aws:iam::111122223333:root" }
        Action    = "kms:*"
        Resource  = "*"
      },
      {
        Sid       = "Everyone"
        Effect    = "Allow"
        Principal = { AWS = ["arn:aws:iam::111122223333:role/app", "*"] }
        Action    = "kms:Decrypt"
        Resource  = "*"
      },
    ]
  })
}"#,
        r#"
resource "aws_kms_key" "open" {
  policy = <<-POLICY
    {
      "Statement": {
        "Principal": "*",
        "Action": "kms:Encrypt",
        "Resource": "*"
      }
    }
  POLICY
}"#,
    ],
    evaluate: key_policy_wildcard_principal,
};

/// Checkov's rule: a key with no policy passes; so does a policy that is not JSON. Otherwise
/// the first statement that is not a Deny, has no Condition and whose principal is `*` (as a
/// string, in a list, or under `AWS`) fails the key. A wildcard under `Service` or
/// `Federated` is not looked at.
fn key_policy_wildcard_principal(resource: &Resource<'_>) -> Verdict {
    let policy = match resource.get("policy") {
        None | Some(Value::Null) => return Verdict::Passed,
        Some(Value::Unknown) => return Verdict::Unknown,
        // Text with unknown pieces (see `Value`) decodes when they sit inside JSON strings.
        Some(Value::String(text)) => match parse_json(text) {
            Some(document) => document,
            None if text.contains(crate::value::is_hole) => return Verdict::Unknown,
            None => return Verdict::Passed,
        },
        Some(other) => other.clone(),
    };

    let statements = match policy.get("Statement") {
        None => return Verdict::Passed,
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(statements)) => statements.as_slice(),
        Some(single) => core::slice::from_ref(single),
    };

    let mut unknown = false;
    for statement in statements {
        match statement_has_wildcard_principal(statement) {
            Some(true) => return Verdict::Failed,
            Some(false) => {}
            None => unknown = true,
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

/// Whether one policy statement allows `*` without a condition; `None` when a part that
/// decides it is unknown.
fn statement_has_wildcard_principal(statement: &Value) -> Option<bool> {
    if statement.is_unknown() {
        return None;
    }
    let Some(fields) = statement.as_object() else {
        return Some(false);
    };
    let Some(principal) = fields.get("Principal") else {
        return Some(false);
    };
    match fields.get("Effect") {
        Some(Value::Unknown) => return None,
        Some(Value::String(effect)) if effect == "Deny" => return Some(false),
        _ => {}
    }
    if fields.contains_key("Condition") {
        return Some(false);
    }

    if let Some(aws) = principal.as_object().and_then(|map| map.get("AWS")) {
        match is_wildcard(aws) {
            Some(false) => {}
            decided => return decided,
        }
    }
    is_wildcard(principal)
}

/// `*` itself, or a list holding `*`; `None` when that cannot be known.
fn is_wildcard(value: &Value) -> Option<bool> {
    match value {
        Value::Unknown => None,
        Value::String(_) => value.may_equal("*"),
        Value::List(items) => {
            let answers: Vec<Option<bool>> = items.iter().map(|item| item.may_equal("*")).collect();
            if answers.contains(&Some(true)) {
                Some(true)
            } else if answers.contains(&None) {
                None
            } else {
                Some(false)
            }
        }
        _ => Some(false),
    }
}

/// A JSON document as a [`Value`], or `None` when the text is not JSON.
fn parse_json(text: &str) -> Option<Value> {
    serde_json::from_str::<serde_json::Value>(text)
        .ok()
        .map(super::iam_policy::from_json)
}

static KEY_ENABLED: Check = Check {
    id: "CKV_AWS_227",
    name: "Ensure KMS key is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_kms_key"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The KMS key is not switched off with `is_enabled = false`.",
        why: "A disabled key cannot decrypt anything, so the data and services that depend on it stop working.",
        fix: "Remove `is_enabled = false` or set it to `true`, and delete keys that are no longer needed instead.",
        fixed: r#"resource "aws_kms_key" "app" {
  enable_key_rotation = true
  is_enabled          = true
}"#,
    },
    passing: &[
        r#"
resource "aws_kms_key" "app" {
  is_enabled = true
}"#,
        r#"
resource "aws_kms_key" "app" {
  description = "enabled by default"
}"#,
        r#"
variable "is_enabled" {
  type    = bool
  default = true
}

resource "aws_kms_key" "app" {
  is_enabled = var.is_enabled
}"#,
    ],
    failing: &[r#"
resource "aws_kms_key" "app" {
  is_enabled = false
}"#,
        r#"
resource "aws_kms_key" "app" {
  is_enabled = "false"
}"#,
    ],
    evaluate: key_enabled,
};

fn key_enabled(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "is_enabled", true, Verdict::Passed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn key(attributes: &Value) -> Resource<'_> {
        Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_kms_key",
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    fn with_policy(policy: &str) -> Value {
        object([("policy", Value::from(policy))])
    }

    #[test]
    fn rotation_is_not_applicable_to_asymmetric_keys() {
        let signing = object([("customer_master_key_spec", Value::from("RSA_2048"))]);
        assert_eq!(key_rotation(&key(&signing)), Verdict::NotApplicable);

        let hmac = object([("customer_master_key_spec", Value::from("HMAC_256"))]);
        assert_eq!(key_rotation(&key(&hmac)), Verdict::NotApplicable);

        let unknown = object([("customer_master_key_spec", Value::Unknown)]);
        assert_eq!(key_rotation(&key(&unknown)), Verdict::Unknown);

        let symmetric = object([
            ("customer_master_key_spec", Value::from("SYMMETRIC_DEFAULT")),
            ("enable_key_rotation", Value::Bool(true)),
        ]);
        assert_eq!(key_rotation(&key(&symmetric)), Verdict::Passed);
    }

    #[test]
    fn policy_with_a_wildcard_principal_fails() {
        let cases = [
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*"}]}"#,
            r#"{"Statement": {"Effect": "Allow", "Principal": {"AWS": "*"}}}"#,
            r#"{"Statement": [{"Principal": {"AWS": ["arn:aws:iam::1:root", "*"]}}]}"#,
            r#"{"Statement": [{"Principal": ["*"]}]}"#,
        ];
        for policy in cases {
            assert_eq!(
                key_policy_wildcard_principal(&key(&with_policy(policy))),
                Verdict::Failed,
                "{policy}"
            );
        }
    }

    #[test]
    fn policy_without_an_open_allow_passes() {
        let cases = [
            r#"{"Statement": [{"Effect": "Deny", "Principal": "*"}]}"#,
            r#"{"Statement": [{"Effect": "Allow", "Principal": "*", "Condition": {}}]}"#,
            r#"{"Statement": [{"Effect": "Allow", "Principal": {"Service": "*"}}]}"#,
            r#"{"Statement": [{"Effect": "Allow", "Principal": {"AWS": "arn:aws:iam::1:root"}}]}"#,
            r#"{"Version": "2012-10-17"}"#,
            r#"{"Statement": ["not an object", 3]}"#,
            "not JSON at all",
        ];
        for policy in cases {
            assert_eq!(
                key_policy_wildcard_principal(&key(&with_policy(policy))),
                Verdict::Passed,
                "{policy}"
            );
        }
    }

    #[test]
    fn unknown_policy_parts_give_unknown() {
        let unknown_policy = object([("policy", Value::Unknown)]);
        assert_eq!(
            key_policy_wildcard_principal(&key(&unknown_policy)),
            Verdict::Unknown
        );

        let unknown_principal = object([(
            "policy",
            object([(
                "Statement",
                Value::List(vec![object([(
                    "Principal",
                    object([("AWS", Value::Unknown)]),
                )])]),
            )]),
        )]);
        assert_eq!(
            key_policy_wildcard_principal(&key(&unknown_principal)),
            Verdict::Unknown
        );
    }
}
