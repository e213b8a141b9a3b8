//! Checks on the account's password policy (`aws_iam_account_password_policy`).

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

const TYPES: &[&str] = &["aws_iam_account_password_policy"];

/// A password policy that meets every check, for the explanations.
const STRONG_POLICY: &str = r#"resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length        = 14
  require_lowercase_characters   = true
  require_uppercase_characters   = true
  require_numbers                = true
  require_symbols                = true
  password_reuse_prevention      = 24
  max_password_age               = 90
  allow_users_to_change_password = true
}"#;

pub static EXPIRATION: Check = Check {
    id: "CKV_AWS_9",
    name: "Ensure IAM password policy expires passwords within 90 days or less",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The account password policy sets `max_password_age` between 1 and 90 days.",
        why: "A password that never expires stays useful to whoever obtained it for as long as the user keeps it.",
        fix: "Set `max_password_age = 90` (or fewer days).",
        fixed: STRONG_POLICY,
    },
    passing: &[r#"
resource "aws_iam_account_password_policy" "strict" {
  max_password_age = 60
}"#],
    failing: &[
        r#"
resource "aws_iam_account_password_policy" "strict" {
  max_password_age = 365
}"#,
        r#"
resource "aws_iam_account_password_policy" "strict" {
  max_password_age = 0
}"#,
        r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
}"#,
    ],
    evaluate: expiration,
};

pub static LENGTH: Check = Check {
    id: "CKV_AWS_10",
    name: "Ensure IAM password policy requires minimum length of 14 or greater",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The account password policy sets `minimum_password_length` to 14 or more.",
        why: "Short passwords fall quickly to guessing and offline cracking.",
        fix: "Set `minimum_password_length = 14` or more.",
        fixed: STRONG_POLICY,
    },
    passing: &[r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 16
}"#],
    failing: &[
        r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 8
}"#,
        r#"
resource "aws_iam_account_password_policy" "strict" {
  require_symbols = true
}"#,
    ],
    evaluate: length,
};

pub static LOWERCASE: Check = Check {
    id: "CKV_AWS_11",
    name: "Ensure IAM password policy requires at least one lowercase letter",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The account password policy sets `require_lowercase_characters = true`.",
        why: "Requiring several character classes widens the space an attacker must search.",
        fix: "Set `require_lowercase_characters = true`.",
        fixed: STRONG_POLICY,
    },
    passing: &[r#"
resource "aws_iam_account_password_policy" "strict" {
  require_lowercase_characters = true
}"#],
    failing: &[
        r#"
resource "aws_iam_account_password_policy" "strict" {
  require_lowercase_characters = false
}"#,
        r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
}"#,
    ],
    evaluate: lowercase,
};

pub static NUMBER: Check = Check {
    id: "CKV_AWS_12",
    name: "Ensure IAM password policy requires at least one number",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The account password policy sets `require_numbers = true`.",
        why: "Requiring several character classes widens the space an attacker must search.",
        fix: "Set `require_numbers = true`.",
        fixed: STRONG_POLICY,
    },
    passing: &[r#"
resource "aws_iam_account_password_policy" "strict" {
  require_numbers = true
}"#],
    failing: &[
        r#"
resource "aws_iam_account_password_policy" "strict" {
  require_numbers = false
}"#,
        r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
}"#,
    ],
    evaluate: number,
};

pub static REUSE: Check = Check {
    id: "CKV_AWS_13",
    name: "Ensure IAM password policy prevents password reuse",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The account password policy sets `password_reuse_prevention` to 24, the most AWS allows.",
        why: "Users who may cycle back to an old password bring back credentials that may already have leaked.",
        fix: "Set `password_reuse_prevention = 24`.",
        fixed: STRONG_POLICY,
    },
    passing: &[r#"
resource "aws_iam_account_password_policy" "strict" {
  password_reuse_prevention = 24
}"#],
    failing: &[
        r#"
resource "aws_iam_account_password_policy" "strict" {
  password_reuse_prevention = 5
}"#,
        r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
}"#,
    ],
    evaluate: reuse,
};

pub static SYMBOL: Check = Check {
    id: "CKV_AWS_14",
    name: "Ensure IAM password policy requires at least one symbol",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The account password policy sets `require_symbols = true`.",
        why: "Requiring several character classes widens the space an attacker must search.",
        fix: "Set `require_symbols = true`.",
        fixed: STRONG_POLICY,
    },
    passing: &[r#"
resource "aws_iam_account_password_policy" "strict" {
  require_symbols = true
}"#],
    failing: &[
        r#"
resource "aws_iam_account_password_policy" "strict" {
  require_symbols = false
}"#,
        r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
}"#,
    ],
    evaluate: symbol,
};

pub static UPPERCASE: Check = Check {
    id: "CKV_AWS_15",
    name: "Ensure IAM password policy requires at least one uppercase letter",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The account password policy sets `require_uppercase_characters = true`.",
        why: "Requiring several character classes widens the space an attacker must search.",
        fix: "Set `require_uppercase_characters = true`.",
        fixed: STRONG_POLICY,
    },
    passing: &[r#"
resource "aws_iam_account_password_policy" "strict" {
  require_uppercase_characters = true
}"#],
    failing: &[
        r#"
resource "aws_iam_account_password_policy" "strict" {
  require_uppercase_characters = false
}"#,
        r#"
resource "aws_iam_account_password_policy" "strict" {
  minimum_password_length = 14
}"#,
    ],
    evaluate: uppercase,
};

/// A number as Checkov's `int(...)` reads it: numbers truncated toward zero, booleans as 0 or
/// 1, decimal integer text (surrounding spaces, a sign and `_` between digits allowed);
/// anything else is no number.
fn python_int(value: &Value) -> Option<i64> {
    match value {
        Value::Number(number) if number.is_finite() => Some(libm::trunc(*number) as i64),
        Value::Bool(flag) => Some(i64::from(*flag)),
        Value::String(text) => {
            let text = text.trim();
            let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
            let well_formed = !digits.is_empty()
                && !digits.starts_with('_')
                && !digits.ends_with('_')
                && !digits.contains("__")
                && digits.chars().all(|c| c.is_ascii_digit() || c == '_');
            if !well_formed {
                return None;
            }
            text.replace('_', "").parse().ok()
        }
        _ => None,
    }
}

/// The integer at `key`: Err with the verdict when it is absent (Failed) or unknown.
fn integer(resource: &Resource<'_>, key: &str) -> Result<Option<i64>, Verdict> {
    match resource.get(key) {
        None => Err(Verdict::Failed),
        Some(value) if value.contains_unknown() => Err(Verdict::Unknown),
        Some(value) => Ok(python_int(value)),
    }
}

fn expiration(resource: &Resource<'_>) -> Verdict {
    match integer(resource, "max_password_age") {
        Ok(days) => rules::verdict(days.is_some_and(|days| (1..=90).contains(&days))),
        Err(verdict) => verdict,
    }
}

/// Checkov fails only a set number below `minimum`: a value it cannot read as a number, and
/// zero, pass.
fn at_least(resource: &Resource<'_>, key: &str, minimum: i64) -> Verdict {
    match integer(resource, key) {
        Ok(number) => rules::verdict(!number.is_some_and(|number| number != 0 && number < minimum)),
        Err(verdict) => verdict,
    }
}

fn length(resource: &Resource<'_>) -> Verdict {
    at_least(resource, "minimum_password_length", 14)
}

fn reuse(resource: &Resource<'_>) -> Verdict {
    at_least(resource, "password_reuse_prevention", 24)
}

fn lowercase(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "require_lowercase_characters",
        true,
        Verdict::Failed,
    )
}

fn number(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "require_numbers", true, Verdict::Failed)
}

fn symbol(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "require_symbols", true, Verdict::Failed)
}

fn uppercase(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "require_uppercase_characters",
        true,
        Verdict::Failed,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn integers_read_like_python() {
        assert_eq!(python_int(&Value::Number(90.7)), Some(90));
        assert_eq!(python_int(&Value::Number(-3.5)), Some(-3));
        assert_eq!(python_int(&Value::Bool(true)), Some(1));
        assert_eq!(python_int(&Value::from(" 14 ")), Some(14));
        assert_eq!(python_int(&Value::from("+1_4")), Some(14));
        assert_eq!(python_int(&Value::from("14.0")), None);
        assert_eq!(python_int(&Value::from("_14")), None);
        assert_eq!(python_int(&Value::from("")), None);
        assert_eq!(python_int(&Value::Null), None);
    }
}
