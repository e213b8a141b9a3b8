//! Amazon MQ broker checks.

use alloc::string::String;

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &GENERAL_LOGGING,
    &NOT_PUBLIC,
    &AUDIT_LOGGING,
    &MINOR_UPGRADES,
    &CURRENT_VERSION,
    &ENCRYPTED_WITH_CMK,
];

static GENERAL_LOGGING: Check = Check {
    id: "CKV_AWS_48",
    name: "Ensure MQ Broker logging is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_mq_broker"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The broker publishes its general logs to CloudWatch.",
        why: "Without broker logs, connection problems and misuse leave nothing to investigate.",
        fix: "Add `logs { general = true }`.",
        fixed: r#"resource "aws_mq_broker" "queue" {
  broker_name = "queue"
  logs {
    general = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_mq_broker" "queue" {
  logs {
    general = true
  }
}"#],
    failing: &[
        r#"
resource "aws_mq_broker" "queue" {
  logs {
    general = false
  }
}"#,
        r#"
resource "aws_mq_broker" "queue" {
  broker_name = "queue"
}"#,
    ],
    evaluate: general_logging,
};

fn general_logging(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "logs.0.general", true, Verdict::Failed)
}

static NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_69",
    name: "Ensure MQ Broker is not publicly exposed",
    kind: EntityKind::Resource,
    resource_types: &["aws_mq_broker"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The broker is not reachable from the internet (`publicly_accessible` is not true).",
        why: "A public broker exposes its console and messaging endpoints to password guessing from anywhere.",
        fix: "Leave `publicly_accessible` unset or false, and reach the broker from inside its VPC.",
        fixed: r#"resource "aws_mq_broker" "queue" {
  broker_name         = "queue"
  publicly_accessible = false
}"#,
    },
    passing: &[
        r#"
resource "aws_mq_broker" "queue" {
  publicly_accessible = false
}"#,
        r#"
resource "aws_mq_broker" "queue" {
  broker_name = "queue"
}"#,
    ],
    failing: &[r#"
resource "aws_mq_broker" "queue" {
  publicly_accessible = true
}"#],
    evaluate: not_public,
};

fn not_public(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "publicly_accessible", true)
}

static AUDIT_LOGGING: Check = Check {
    id: "CKV_AWS_197",
    name: "Ensure MQ Broker Audit logging is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_mq_broker"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An ActiveMQ broker publishes its audit logs to CloudWatch (RabbitMQ brokers have none and are not checked).",
        why: "Audit logs record management actions on the broker, such as users and destinations created or removed.",
        fix: "Add `audit = true` to the broker's `logs` block.",
        fixed: r#"resource "aws_mq_broker" "queue" {
  broker_name = "queue"
  engine_type = "ActiveMQ"
  logs {
    general = true
    audit   = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_mq_broker" "queue" {
  engine_type = "ActiveMQ"
  logs {
    audit = true
  }
}"#,
        r#"
resource "aws_mq_broker" "active" {
  engine_type = "ActiveMQ"
  logs {
    audit = true
  }
}

resource "aws_mq_broker" "no_audit_logs_in_rabbitmq" {
  engine_type = "RabbitMQ"
}"#,
    ],
    failing: &[
        r#"
resource "aws_mq_broker" "queue" {
  engine_type = "ActiveMQ"
  logs {
    audit = false
  }
}"#,
        r#"
resource "aws_mq_broker" "queue" {
  engine_type = "ActiveMQ"
}"#,
    ],
    evaluate: audit_logging,
};

fn audit_logging(resource: &Resource<'_>) -> Verdict {
    match resource.get("engine_type") {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(engine) if engine.as_str() == Some("RabbitMQ") => Verdict::NotApplicable,
        _ => rules::bool_equals(resource, "logs.0.audit", true, Verdict::Failed),
    }
}

static MINOR_UPGRADES: Check = Check {
    id: "CKV_AWS_207",
    name: "Ensure MQ Broker minor version updates are enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_mq_broker"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The broker takes minor engine upgrades automatically in its maintenance window.",
        why: "Minor versions carry security fixes, and a broker that never takes them keeps known vulnerabilities.",
        fix: "Set `auto_minor_version_upgrade = true`.",
        fixed: r#"resource "aws_mq_broker" "queue" {
  broker_name                = "queue"
  auto_minor_version_upgrade = true
}"#,
    },
    passing: &[r#"
resource "aws_mq_broker" "queue" {
  auto_minor_version_upgrade = true
}"#],
    failing: &[
        r#"
resource "aws_mq_broker" "queue" {
  auto_minor_version_upgrade = false
}"#,
        r#"
resource "aws_mq_broker" "queue" {
  broker_name = "queue"
}"#,
    ],
    evaluate: minor_upgrades,
};

fn minor_upgrades(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "auto_minor_version_upgrade",
        true,
        Verdict::Failed,
    )
}

static CURRENT_VERSION: Check = Check {
    id: "CKV_AWS_208",
    name: "Ensure MQ Broker version is current",
    kind: EntityKind::Resource,
    resource_types: &["aws_mq_broker", "aws_mq_configuration"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The broker or configuration runs ActiveMQ 5.17 or later, or RabbitMQ 3.11 or later.",
        why: "Older engine versions are out of support and no longer receive security fixes.",
        fix: "Raise `engine_version` to a supported release.",
        fixed: r#"resource "aws_mq_broker" "queue" {
  broker_name    = "queue"
  engine_type    = "RabbitMQ"
  engine_version = "3.13"
}"#,
    },
    passing: &[
        r#"
resource "aws_mq_broker" "queue" {
  engine_type    = "RabbitMQ"
  engine_version = "3.12.13"
}"#,
        r#"
resource "aws_mq_configuration" "queue" {
  engine_type    = "ActiveMQ"
  engine_version = "5.18.4"
}"#,
    ],
    failing: &[
        r#"
resource "aws_mq_broker" "queue" {
  engine_type    = "ActiveMQ"
  engine_version = "5.15.16"
}"#,
        r#"
resource "aws_mq_configuration" "queue" {
  engine_type    = "RabbitMQ"
  engine_version = "3.8.34"
}"#,
        r#"
resource "aws_mq_broker" "queue" {
  broker_name = "queue"
}"#,
    ],
    evaluate: current_version,
};

/// Checkov's rule: with an engine type, a version that does not look like `x.y.z` gives no
/// verdict; otherwise its `major.minor` is compared with the engine's minimum. Checkov tests
/// the engine type as a substring of `ActiveMQ` or `RabbitMQ`, so a type in other letter
/// cases fails; so does a broker without an engine type.
fn current_version(resource: &Resource<'_>) -> Verdict {
    let engine = match resource.get("engine_type") {
        None | Some(Value::Null) => return Verdict::Failed,
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(engine) => engine.to_terraform_string().unwrap_or_default(),
    };
    if engine.is_empty() {
        return Verdict::Failed;
    }
    let version = match resource.get("engine_version") {
        None | Some(Value::Null) => String::new(),
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(version) => version.to_terraform_string().unwrap_or_default(),
    };
    if !looks_like_full_version(&version) {
        return Verdict::NotApplicable;
    }
    let Some(found) = major_minor(&version) else {
        return Verdict::NotApplicable;
    };
    if "ActiveMQ".contains(engine.as_str()) && found >= (5, 17) {
        return Verdict::Passed;
    }
    if "RabbitMQ".contains(engine.as_str()) && found >= (3, 11) {
        return Verdict::Passed;
    }
    Verdict::Failed
}

/// Whether the text holds digits, a dot, digits, any one character and digits again (the
/// shape Checkov searches for before it reads a version).
fn looks_like_full_version(text: &str) -> bool {
    let bytes = text.as_bytes();
    (0..bytes.len()).any(|start| {
        let first = digits(bytes, start);
        if first == 0 || bytes.get(start + first) != Some(&b'.') {
            return false;
        }
        let middle_start = start + first + 1;
        let middle = digits(bytes, middle_start);
        if middle == 0 {
            return false;
        }
        if middle >= 3 {
            return true;
        }
        let after = middle_start + middle;
        matches!(bytes.get(after), Some(byte) if *byte != b'\n')
            && bytes.get(after + 1).is_some_and(u8::is_ascii_digit)
    })
}

/// The first `major.minor` pair in the text.
fn major_minor(text: &str) -> Option<(u64, u64)> {
    let bytes = text.as_bytes();
    (0..bytes.len()).find_map(|start| {
        let major = digits(bytes, start);
        if major == 0 || bytes.get(start + major) != Some(&b'.') {
            return None;
        }
        let minor_start = start + major + 1;
        let minor = digits(bytes, minor_start);
        if minor == 0 {
            return None;
        }
        Some((
            number(bytes.get(start..start + major)?),
            number(bytes.get(minor_start..minor_start + minor)?),
        ))
    })
}

/// How many ASCII digits start at `start`.
fn digits(bytes: &[u8], start: usize) -> usize {
    bytes.get(start..).map_or(0, |rest| {
        rest.iter().take_while(|byte| byte.is_ascii_digit()).count()
    })
}

fn number(digits: &[u8]) -> u64 {
    digits.iter().fold(0u64, |total, digit| {
        total
            .saturating_mul(10)
            .saturating_add(u64::from(digit - b'0'))
    })
}

static ENCRYPTED_WITH_CMK: Check = Check {
    id: "CKV_AWS_209",
    name: "Ensure MQ broker encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_mq_broker"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The broker encrypts its data with a customer managed KMS key.",
        why: "With an AWS owned key you cannot control or audit who may decrypt the broker's data.",
        fix: "Add `encryption_options { kms_key_id = ... }` with your key and `use_aws_owned_key = false`.",
        fixed: r#"resource "aws_mq_broker" "queue" {
  broker_name = "queue"
  encryption_options {
    kms_key_id        = aws_kms_key.mq.arn
    use_aws_owned_key = false
  }
}"#,
    },
    passing: &[r#"
resource "aws_mq_broker" "queue" {
  encryption_options {
    kms_key_id        = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    use_aws_owned_key = false
  }
}"#],
    failing: &[r#"
resource "aws_mq_broker" "queue" {
  broker_name = "queue"
}"#],
    evaluate: encrypted_with_cmk,
};

fn encrypted_with_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "encryption_options.0.kms_key_id")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_are_read_as_checkov_searches_them() {
        assert!(looks_like_full_version("5.17.6"));
        assert!(looks_like_full_version("3.123"));
        assert!(looks_like_full_version("v3.11-2"));
        assert!(!looks_like_full_version("3.11"));
        assert!(!looks_like_full_version("latest"));
        assert_eq!(major_minor("5.17.6"), Some((5, 17)));
        assert_eq!(major_minor("v3.9.x"), Some((3, 9)));
        assert_eq!(major_minor("3"), None);
    }
}
