//! AWS Secrets Manager checks.

use alloc::vec::Vec;

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&SECRET_CMK, &ROTATION_WITHIN_90_DAYS];

static SECRET_CMK: Check = Check {
    id: "CKV_AWS_149",
    name: "Ensure that Secrets Manager secret is encrypted using KMS CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_secretsmanager_secret"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Secrets Manager secret is encrypted with a customer managed KMS key, not the AWS managed `aws/secretsmanager` key.",
        why: "With the AWS managed key, anyone allowed to read secrets in the account can decrypt this one; your own key lets you limit and audit that.",
        fix: "Set `kms_key_id` to the ARN or ID of a customer managed key.",
        fixed: r#"resource "aws_secretsmanager_secret" "database" {
  name       = "database-credentials"
  kms_key_id = aws_kms_key.secrets.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_secretsmanager_secret" "database" {
  name       = "database-credentials"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}"#,
        r#"
resource "aws_secretsmanager_secret" "database" {
  name       = "database-credentials"
  kms_key_id = "alias/team-secrets"
}"#,
        r#"
variable "secrets_key" {
  type    = string
  default = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}

# Only the secret's own key is judged, not its replicas' keys.
resource "aws_secretsmanager_secret" "database" {
  name       = "database-credentials"
  kms_key_id = var.secrets_key

  replica {
    region     = "us-east-1"
    kms_key_id = "alias/aws/secretsmanager"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_secretsmanager_secret" "database" {
  name = "database-credentials"
}"#,
        r#"
resource "aws_secretsmanager_secret" "database" {
  name       = "database-credentials"
  kms_key_id = "alias/aws/secretsmanager"
}"#,
        r#"
resource "aws_secretsmanager_secret" "database" {
  name       = "database-credentials"
  kms_key_id = ""
}"#,
        r#"
resource "aws_secretsmanager_secret" "database" {
  name       = "database-credentials"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager"
}"#,
    ],
    evaluate: secret_cmk,
};

/// Failed without a key, or with a key whose name contains `aws/` (the AWS managed
/// `alias/aws/secretsmanager`, by alias or alias ARN).
fn secret_cmk(resource: &Resource<'_>) -> Verdict {
    match resource.get("kms_key_id") {
        None | Some(Value::Null) => Verdict::Failed,
        Some(Value::Unknown) => Verdict::Unknown,
        Some(key) => match key.to_terraform_string() {
            Some(text) if !text.is_empty() && !text.contains("aws/") => Verdict::Passed,
            _ => Verdict::Failed,
        },
    }
}

static ROTATION_WITHIN_90_DAYS: Check = Check {
    id: "CKV_AWS_304",
    name: "Ensure Secrets Manager secrets should be rotated within 90 days",
    kind: EntityKind::Resource,
    resource_types: &["aws_secretsmanager_secret_rotation"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A secret's rotation schedule rotates it at least every 90 days.",
        why: "A credential that lives longer gives whoever copied it a longer window to use it.",
        fix: "Set `automatically_after_days` to 90 or less, or a `schedule_expression` that runs at least every 90 days, in `rotation_rules`.",
        fixed: r#"resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id           = aws_secretsmanager_secret.database.id
  rotation_lambda_arn = aws_lambda_function.rotate.arn

  rotation_rules {
    automatically_after_days = 30
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id           = "database-credentials"
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"

  rotation_rules {
    automatically_after_days = 90
  }
}"#,
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    schedule_expression = "rate(15 days)"
  }
}"#,
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    schedule_expression = "cron(0 4 1 1,3,5,7,9,11 ? *)"
    duration            = "2h"
  }
}"#,
        r#"
variable "rotation_days" {
  type    = number
  default = null
}

# A rotation block written for either setting, as modules do: the schedule decides.
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    automatically_after_days = var.rotation_days
    schedule_expression      = "rate(15 days)"
  }
}"#,
        r#"
# A long day count does not fail the rule when the schedule is short enough.
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    automatically_after_days = 365
    schedule_expression      = "rate(6 hours)"
  }
}"#,
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    schedule_expression = "cron(0 2 ? * SUN *)"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"
}"#,
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    automatically_after_days = 180
  }
}"#,
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    schedule_expression = "rate(91 days)"
  }
}"#,
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    schedule_expression = "cron(0 4 1 1,7 ? *)"
  }
}"#,
        r#"
variable "rotation_days" {
  type    = number
  default = null
}

variable "rotation_schedule" {
  type    = string
  default = null
}

# Both settings left null: nothing schedules the rotation.
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    automatically_after_days = var.rotation_days
    schedule_expression      = var.rotation_schedule
  }
}"#,
        r#"
variable "rotation_rules" {
  type    = any
  default = null
}

# The rules block is generated only when rules are given, and none are.
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  dynamic "rotation_rules" {
    for_each = var.rotation_rules != null ? [var.rotation_rules] : []

    content {
      automatically_after_days = rotation_rules.value.automatically_after_days
    }
  }
}"#,
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    schedule_expression = "rate(4 weeks)"
  }
}"#,
        r#"
resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id = "database-credentials"

  rotation_rules {
    schedule_expression = "cron(0 2 1 */3 ? *)"
  }
}"#,
    ],
    evaluate: rotation_within_90_days,
};

/// The longest rotation interval allowed, in days.
const MAX_DAYS: f64 = 90.0;

/// Checkov reads the first `rotation_rules` block: `automatically_after_days` of 90 or less
/// passes; otherwise a `schedule_expression` decides (a `rate(...)` of at most 90 days, or a
/// `cron(...)` whose months are never more than two apart, counting 31 days a month); any
/// other case fails.
fn rotation_within_90_days(resource: &Resource<'_>) -> Verdict {
    let rules = match resource.get("rotation_rules") {
        None | Some(Value::Null) => return Verdict::Failed,
        Some(Value::List(blocks)) => match blocks.first() {
            Some(first) => first,
            None => return Verdict::Failed,
        },
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(single) => single,
    };
    if rules.is_unknown() {
        return Verdict::Unknown;
    }

    let days = match rules.get("automatically_after_days") {
        Some(Value::Unknown) => None,
        days => Some(
            days.and_then(whole_days)
                .is_some_and(|days| days <= MAX_DAYS),
        ),
    };
    if days == Some(true) {
        return Verdict::Passed;
    }

    let schedule = match rules.get("schedule_expression") {
        Some(Value::Unknown) => None,
        Some(Value::String(expression)) => Some(schedule_within_90_days(expression)),
        _ => Some(false),
    };
    match (days, schedule) {
        (_, Some(true)) => Verdict::Passed,
        (Some(false), Some(false)) => Verdict::Failed,
        _ => Verdict::Unknown,
    }
}

/// A day count the way Checkov reads it (Python's `int()`): a number cut to a whole number,
/// a string holding a whole number, or a boolean as 1 or 0.
fn whole_days(value: &Value) -> Option<f64> {
    match value {
        Value::Number(days) if days.is_finite() => Some(libm::trunc(*days)),
        Value::String(text) => parse_integer(text).map(|days| days as f64),
        Value::Bool(flag) => Some(f64::from(u8::from(*flag))),
        _ => None,
    }
}

/// Whether a rotation schedule expression runs at least every 90 days.
fn schedule_within_90_days(expression: &str) -> bool {
    if let Some(rest) = expression.strip_prefix("rate(") {
        rate_within_90_days(rest)
    } else if expression.starts_with("cron(") {
        cron_within_90_days(expression)
    } else {
        false
    }
}

/// `rate(N unit)` (the text after `rate(`): N whole days, hours or minutes adding up to at
/// most 90 days. Units are lowercase, singular or plural; anything after `)` is ignored.
fn rate_within_90_days(rest: &str) -> bool {
    let digits_end = rest
        .find(|c: char| !c.is_ascii_digit())
        .unwrap_or(rest.len());
    let (digits, after) = rest.split_at(digits_end);
    let Ok(count) = digits.parse::<u64>() else {
        return false;
    };
    let unit_start = after.trim_start();
    if unit_start.len() == after.len() {
        return false;
    }
    let Some((unit, _)) = unit_start.split_once(')') else {
        return false;
    };
    let minutes_per_unit = match unit {
        "day" | "days" => 24 * 60,
        "hour" | "hours" => 60,
        "minute" | "minutes" => 1,
        _ => return false,
    };
    count.saturating_mul(minutes_per_unit) <= 90 * 24 * 60
}

/// `cron(minutes hours day-of-month month day-of-week year)`: passes when the month field
/// is `*`, `?`, `*/1` or `*/2`, or a list of months and ranges whose largest gap (around the
/// year's end too) is at most two months. Anything it cannot read fails.
fn cron_within_90_days(expression: &str) -> bool {
    // Like Checkov: drop `cron(` and the last character, whatever it is.
    let inner = expression
        .get(5..expression.len().saturating_sub(1))
        .unwrap_or_default();
    let fields: Vec<&str> = inner.split_whitespace().collect();
    let [_, _, _, month, _, _] = fields.as_slice() else {
        return false;
    };
    if matches!(*month, "*" | "?") {
        return true;
    }
    if let Some(step) = month.strip_prefix("*/") {
        return parse_integer(step).is_some_and(|step| i128::from(step) * 31 <= 90);
    }

    // Each part is a month or a range of months. Within a range the months are one apart,
    // so only the gaps between the ranges and around the year's end can be larger.
    let mut ranges = Vec::new();
    for part in month.split(',') {
        let range = match part.split_once('-') {
            Some((start, end)) => parse_integer(start).zip(parse_integer(end)),
            None => parse_integer(part).map(|single| (single, single)),
        };
        let Some((start, end)) = range else {
            return false;
        };
        if start <= end {
            ranges.push((i128::from(start), i128::from(end)));
        }
    }
    ranges.sort_unstable();

    let mut merged: Vec<(i128, i128)> = Vec::new();
    for (start, end) in ranges {
        match merged.last_mut() {
            Some(last) if start <= last.1 => last.1 = last.1.max(end),
            _ => merged.push((start, end)),
        }
    }
    let (Some(&(first, _)), Some(&(_, last))) = (merged.first(), merged.last()) else {
        return false;
    };
    let within_ranges = merged.iter().map(|&(start, end)| i128::from(end > start));
    let between_ranges = merged.windows(2).filter_map(|pair| match pair {
        [earlier, later] => Some(later.0 - earlier.1),
        _ => None,
    });
    let around_the_year = 12 - last + first;
    let largest_gap = within_ranges
        .chain(between_ranges)
        .fold(around_the_year, i128::max);
    largest_gap * 31 <= 90
}

/// A decimal integer as Python's `int()` reads one: surrounding spaces and a sign allowed.
fn parse_integer(text: &str) -> Option<i64> {
    let text = text.trim();
    let digits = text.strip_prefix('+').unwrap_or(text);
    if digits.is_empty() {
        return None;
    }
    digits.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn rotation(rules: Value) -> Value {
        object([("rotation_rules", Value::List(vec![rules]))])
    }

    fn check(attributes: &Value) -> Verdict {
        rotation_within_90_days(&Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_secretsmanager_secret_rotation",
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        })
    }

    #[test]
    fn rate_expressions() {
        assert!(rate_within_90_days("90 days)"));
        assert!(rate_within_90_days("1 day)"));
        assert!(rate_within_90_days("2160 hours)"));
        assert!(rate_within_90_days("129600 minutes)"));
        assert!(!rate_within_90_days("91 days)"));
        assert!(!rate_within_90_days("2161 hours)"));
        assert!(!rate_within_90_days("10days)"));
        assert!(!rate_within_90_days("10 weeks)"));
        assert!(!rate_within_90_days("10 Days)"));
        assert!(!rate_within_90_days("days)"));
        assert!(!rate_within_90_days("99999999999999999999 days)"));
    }

    #[test]
    fn cron_expressions() {
        assert!(cron_within_90_days("cron(0 4 1 * ? *)"));
        assert!(cron_within_90_days("cron(0 4 ? * MON *)"));
        assert!(cron_within_90_days("cron(0 4 1 */2 ? *)"));
        assert!(!cron_within_90_days("cron(0 4 1 */3 ? *)"));
        assert!(cron_within_90_days("cron(0 4 1 1,3,5,7,9,11 ? *)"));
        assert!(cron_within_90_days("cron(0 4 1 1-12 ? *)"));
        assert!(!cron_within_90_days("cron(0 4 1 1,4,7,10 ? *)"));
        assert!(!cron_within_90_days("cron(0 4 1 6 ? *)"));
        assert!(!cron_within_90_days("cron(0 4 1 JAN ? *)"));
        assert!(!cron_within_90_days("cron(0 4 1 * ?)"));
        assert!(!cron_within_90_days("cron("));
        assert!(!cron_within_90_days("cron(0 4 1 5-3 ? *)"));
        assert!(cron_within_90_days("cron(0 4 1 1-3,3-5,5-9,8-12 ? *)"));
        assert!(!cron_within_90_days("cron(0 4 1 1-3,7-9 ? *)"));
        assert!(cron_within_90_days("cron(0 4 1 1-999999999999 ? *)"));
        assert!(cron_within_90_days("cron(0 4 1 2,4,6,8,10,12 ? *)"));
        assert!(!cron_within_90_days("cron(0 4 1 3,4,5,6,7,8,9,10 ? *)"));
    }

    #[test]
    fn days_then_schedule() {
        let days = |value: Value| rotation(object([("automatically_after_days", value)]));
        assert_eq!(check(&days(Value::Number(30.0))), Verdict::Passed);
        assert_eq!(check(&days(Value::from("90"))), Verdict::Passed);
        assert_eq!(check(&days(Value::Number(90.5))), Verdict::Passed);
        assert_eq!(check(&days(Value::from("30.5"))), Verdict::Failed);
        assert_eq!(check(&days(Value::Number(91.0))), Verdict::Failed);
        assert_eq!(check(&days(Value::Unknown)), Verdict::Unknown);

        let long_days_short_rate = rotation(object([
            ("automatically_after_days", Value::Number(365.0)),
            ("schedule_expression", Value::from("rate(6 hours)")),
        ]));
        assert_eq!(check(&long_days_short_rate), Verdict::Passed);

        let unknown_days_short_rate = rotation(object([
            ("automatically_after_days", Value::Unknown),
            ("schedule_expression", Value::from("rate(6 hours)")),
        ]));
        assert_eq!(check(&unknown_days_short_rate), Verdict::Passed);

        let unknown_days_long_rate = rotation(object([
            ("automatically_after_days", Value::Unknown),
            ("schedule_expression", Value::from("rate(100 days)")),
        ]));
        assert_eq!(check(&unknown_days_long_rate), Verdict::Unknown);

        let neither = rotation(object([
            ("automatically_after_days", Value::Null),
            ("schedule_expression", Value::Null),
        ]));
        assert_eq!(check(&neither), Verdict::Failed);

        assert_eq!(
            check(&object([("rotation_rules", Value::Unknown)])),
            Verdict::Unknown
        );
    }

    #[test]
    fn secret_key_must_be_customer_managed() {
        let secret = |key: Value| {
            let attributes = object([("kms_key_id", key)]);
            secret_cmk(&Resource {
                kind: EntityKind::Resource,
                resource_type: "aws_secretsmanager_secret",
                name: "test",
                attributes: &attributes,
                connections: crate::graph::Connections::NONE,
            })
        };
        assert_eq!(secret(Value::from("alias/app")), Verdict::Passed);
        assert_eq!(
            secret(Value::from(
                "arn:aws:kms:eu-west-1:111122223333:alias/aws/secretsmanager"
            )),
            Verdict::Failed
        );
        assert_eq!(secret(Value::Unknown), Verdict::Unknown);
        assert_eq!(secret(Value::Null), Verdict::Failed);
    }
}
