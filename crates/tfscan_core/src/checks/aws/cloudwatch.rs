//! AWS checks on log groups (retention, encryption) and metric alarms of `CloudWatch`.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &LOG_GROUP_RETENTION,
    &LOG_GROUP_KMS,
    &ALARM_ACTIONS,
    &LOG_GROUP_RETENTION_YEAR,
];

static LOG_GROUP_RETENTION: Check = Check {
    id: "CKV_AWS_66",
    name: "Ensure that CloudWatch Log Group specifies retention days",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudwatch_log_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A CloudWatch log group sets `retention_in_days`.",
        why: "A log group without a retention setting keeps its logs forever, so old data piles up, costs money and stays exposed long after it is useful.",
        fix: "Set `retention_in_days` to how long the logs must be kept.",
        fixed: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 365
}"#,
    },
    passing: &[r#"
resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 90
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/app/audit"
  retention_in_days = 0
}"#],
    failing: &[
        r#"
resource "aws_cloudwatch_log_group" "app" {
  name = "/app/web"
}"#,
        r#"
resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = null
}"#,
    ],
    evaluate: log_group_retention,
};

static LOG_GROUP_KMS: Check = Check {
    id: "CKV_AWS_158",
    name: "Ensure that CloudWatch Log Group is encrypted by KMS",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudwatch_log_group"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A CloudWatch log group is encrypted with a KMS key you manage (`kms_key_id`).",
        why: "Logs often hold personal data, tokens and internal details; a key you control decides who can read them and records every use.",
        fix: "Set `kms_key_id` to the ARN of a KMS key whose policy lets the CloudWatch Logs service use it.",
        fixed: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 365
  kms_key_id        = aws_kms_key.logs.arn
}"#,
    },
    passing: &[r#"
resource "aws_cloudwatch_log_group" "app" {
  name       = "/app/web"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}"#],
    failing: &[
        r#"
resource "aws_cloudwatch_log_group" "app" {
  name = "/app/web"
}"#,
        r#"
resource "aws_cloudwatch_log_group" "app" {
  name       = "/app/web"
  kms_key_id = ""
}"#,
    ],
    evaluate: log_group_kms,
};

static ALARM_ACTIONS: Check = Check {
    id: "CKV_AWS_319",
    name: "Ensure that CloudWatch alarm actions are enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudwatch_metric_alarm"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A CloudWatch metric alarm does not turn its actions off (`actions_enabled = false`).",
        why: "An alarm whose actions are off changes state without notifying anyone or triggering any remedy, so the problem it watches for goes unanswered.",
        fix: "Remove `actions_enabled = false`, or set it to true.",
        fixed: r#"resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "api-errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "5XXError"
  namespace           = "AWS/ApiGateway"
  period              = 60
  statistic           = "Sum"
  threshold           = 10
  actions_enabled     = true
  alarm_actions       = [aws_sns_topic.alerts.arn]
}"#,
    },
    passing: &[r#"
resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "api-errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "5XXError"
  namespace           = "AWS/ApiGateway"
  period              = 60
  statistic           = "Sum"
  threshold           = 10
  actions_enabled     = true
  alarm_actions       = ["arn:aws:sns:eu-west-1:111122223333:alerts"]
}

resource "aws_cloudwatch_metric_alarm" "latency" {
  alarm_name          = "api-latency"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 5
  metric_name         = "Latency"
  namespace           = "AWS/ApiGateway"
  period              = 60
  statistic           = "Average"
  threshold           = 500
  alarm_actions       = ["arn:aws:sns:eu-west-1:111122223333:alerts"]
}"#],
    failing: &[r#"
resource "aws_cloudwatch_metric_alarm" "errors" {
  alarm_name          = "api-errors"
  comparison_operator = "GreaterThanThreshold"
  evaluation_periods  = 1
  metric_name         = "5XXError"
  namespace           = "AWS/ApiGateway"
  period              = 60
  statistic           = "Sum"
  threshold           = 10
  actions_enabled     = false
  alarm_actions       = ["arn:aws:sns:eu-west-1:111122223333:alerts"]
}"#],
    evaluate: alarm_actions,
};

static LOG_GROUP_RETENTION_YEAR: Check = Check {
    id: "CKV_AWS_338",
    name: "Ensure CloudWatch log groups retains logs for at least 1 year",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudwatch_log_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A CloudWatch log group keeps its logs for at least 365 days, or forever (`retention_in_days = 0`).",
        why: "Investigations often start months after an intrusion, and many compliance regimes require a year of logs; shorter retention deletes the evidence first.",
        fix: "Set `retention_in_days` to 365 or more.",
        fixed: r#"resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 365
}"#,
    },
    passing: &[r#"
resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 365
}

resource "aws_cloudwatch_log_group" "audit" {
  name              = "/app/audit"
  retention_in_days = 0
}"#],
    failing: &[
        r#"
resource "aws_cloudwatch_log_group" "app" {
  name              = "/app/web"
  retention_in_days = 30
}"#,
        r#"
resource "aws_cloudwatch_log_group" "app" {
  name = "/app/web"
}"#,
    ],
    evaluate: log_group_retention_year,
};

fn log_group_retention(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "retention_in_days")
}

fn log_group_kms(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

/// Alarm actions are on unless `actions_enabled` is false.
fn alarm_actions(resource: &Resource<'_>) -> Verdict {
    match resource.get("actions_enabled") {
        None | Some(Value::Null) => Verdict::Passed,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => rules::verdict(value.as_bool() != Some(false)),
    }
}

/// The shortest retention that passes, in days.
const ONE_YEAR: f64 = 365.0;

/// Checkov judges only a whole number written as a number: 0 (keep forever) or at least 365
/// passes, a missing retention fails, and anything else (the string "400", null) gets no
/// verdict.
// Comparing with `trunc` is exact: it tells a whole number from a fraction.
#[allow(clippy::float_cmp)]
fn log_group_retention_year(resource: &Resource<'_>) -> Verdict {
    match resource.get("retention_in_days") {
        None => Verdict::Failed,
        Some(Value::Unknown) => Verdict::Unknown,
        Some(Value::Number(days)) if *days == libm::trunc(*days) => {
            rules::verdict(*days == 0.0 || *days >= ONE_YEAR)
        }
        Some(_) => Verdict::NotApplicable,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;

    fn sample(attributes: &Value) -> Resource<'_> {
        Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_cloudwatch_log_group",
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    #[test]
    fn retention_of_a_year_reads_only_whole_numbers() {
        for (value, expected) in [
            (Value::Number(365.0), Verdict::Passed),
            (Value::Number(3653.0), Verdict::Passed),
            (Value::Number(0.0), Verdict::Passed),
            (Value::Number(364.0), Verdict::Failed),
            (Value::Number(400.5), Verdict::NotApplicable),
            (Value::from("400"), Verdict::NotApplicable),
            (Value::Null, Verdict::NotApplicable),
            (Value::Unknown, Verdict::Unknown),
        ] {
            let group = object([("retention_in_days", value.clone())]);
            assert_eq!(
                log_group_retention_year(&sample(&group)),
                expected,
                "{value}"
            );
        }
        let missing = object([("name", Value::from("/app"))]);
        assert_eq!(log_group_retention_year(&sample(&missing)), Verdict::Failed);
    }

    #[test]
    fn a_retention_or_key_that_is_not_known_yet_is_still_set() {
        let group = object([
            ("retention_in_days", Value::Unknown),
            ("kms_key_id", Value::Unknown),
        ]);
        assert_eq!(log_group_retention(&sample(&group)), Verdict::Passed);
        assert_eq!(log_group_kms(&sample(&group)), Verdict::Passed);
    }
}
