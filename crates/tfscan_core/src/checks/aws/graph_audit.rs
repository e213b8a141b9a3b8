//! Checks on the account's audit services that Checkov writes as graph checks: GuardDuty with
//! its organization configuration, CloudTrail with its CloudWatch log group, and AWS Config
//! recorders.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;

use super::graph_conditions::{
    all_of, any_connected, any_of, equals, exists, has_connected, not_equals, within,
};

/// This group's checks.
pub static CHECKS: &[&Check] = &[
    &GUARDDUTY_ORGANIZATION,
    &CLOUDTRAIL_TO_CLOUDWATCH,
    &CONFIG_RECORDER_ENABLED,
    &CONFIG_RECORDS_GLOBAL_RESOURCES,
];

// Checkov's catalogue names the organization configuration too; its verdicts are on the
// detectors.
static GUARDDUTY_ORGANIZATION: Check = Check {
    id: "CKV2_AWS_3",
    name: "Ensure GuardDuty is enabled to specific org/region",
    kind: EntityKind::Resource,
    resource_types: &["aws_guardduty_detector"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A GuardDuty detector has `enable = true` and an `aws_guardduty_organization_configuration` that enables GuardDuty for the organization's accounts.",
        why: "Accounts of the organization that GuardDuty does not cover get no threat detection at all, and new accounts are the ones least watched.",
        fix: "Add an organization configuration for the detector with `auto_enable_organization_members = \"ALL\"` (or `\"NEW\"`).",
        fixed: r#"resource "aws_guardduty_organization_configuration" "main" {
  detector_id                      = aws_guardduty_detector.main.id
  auto_enable_organization_members = "ALL"
}"#,
    },
    passing: &[r#"
resource "aws_guardduty_detector" "main" {
  enable = true
}

resource "aws_guardduty_organization_configuration" "main" {
  detector_id                      = aws_guardduty_detector.main.id
  auto_enable_organization_members = "NEW"
}"#],
    failing: &[
        r#"
resource "aws_guardduty_detector" "main" {
  enable = true
}"#,
        r#"
resource "aws_guardduty_detector" "main" {
  enable = true
}

resource "aws_guardduty_organization_configuration" "main" {
  detector_id                      = aws_guardduty_detector.main.id
  auto_enable_organization_members = "NONE"
}"#,
    ],
    evaluate: guardduty_organization,
};

/// As in Checkov, a detector without `enable` fails, although the provider's default is
/// `true`.
fn guardduty_organization(detector: &Resource<'_>) -> Verdict {
    let organization = any_connected(
        detector,
        &["aws_guardduty_organization_configuration"],
        |configuration| {
            let attributes = configuration.attributes;
            any_of([
                equals(attributes, "auto_enable", "true"),
                within(
                    attributes,
                    "auto_enable_organization_members",
                    &["ALL", "NEW"],
                ),
            ])
        },
    );
    all_of([equals(detector.attributes, "enable", "true"), organization])
}

static CLOUDTRAIL_TO_CLOUDWATCH: Check = Check {
    id: "CKV2_AWS_10",
    name: "Ensure CloudTrail trails are integrated with CloudWatch Logs",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudtrail"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A trail sends its events to a CloudWatch log group of the configuration (`cloud_watch_logs_group_arn`).",
        why: "In CloudWatch Logs, trail events can raise alarms as they happen (root logins, policy changes); in S3 alone they are read only after the fact.",
        fix: "Set `cloud_watch_logs_group_arn` (with `:*` at the end) and `cloud_watch_logs_role_arn` on the trail.",
        fixed: r#"resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = aws_iam_role.trail.arn
}"#,
    },
    passing: &[r#"
resource "aws_cloudwatch_log_group" "trail" {
  name = "trail"
}

resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "trail-bucket"
  cloud_watch_logs_group_arn = "${aws_cloudwatch_log_group.trail.arn}:*"
  cloud_watch_logs_role_arn  = "arn:aws:iam::111122223333:role/trail"
}"#],
    failing: &[r#"
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "trail-bucket"
}"#],
    evaluate: |trail| {
        all_of([
            verdict(has_connected(trail, &["aws_cloudwatch_log_group"])),
            exists(trail.attributes, "cloud_watch_logs_group_arn"),
        ])
    },
};

// Checkov's catalogue names the recorder too; its verdicts are on the recorder statuses.
static CONFIG_RECORDER_ENABLED: Check = Check {
    id: "CKV2_AWS_45",
    name: "Ensure AWS Config recorder is enabled to record all supported resources",
    kind: EntityKind::Resource,
    resource_types: &["aws_config_configuration_recorder_status"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Config recorder status has `is_enabled = true` for a recorder of the configuration that does not set `all_supported = false`.",
        why: "A stopped recorder, or one that records only some resource types, leaves changes unrecorded and the Config rules built on them blind.",
        fix: "Set `is_enabled = true` on the status and leave `all_supported` at `true` in the recorder's `recording_group`.",
        fixed: r#"resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
  depends_on = [aws_config_delivery_channel.main]
}"#,
    },
    passing: &[r#"
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"

  recording_group {
    all_supported = true
  }
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
}"#],
    failing: &[
        r#"
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = false
}"#,
        r#"
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"

  recording_group {
    all_supported  = false
    resource_types = ["AWS::EC2::Instance"]
  }
}

resource "aws_config_configuration_recorder_status" "main" {
  name       = aws_config_configuration_recorder.main.name
  is_enabled = true
}"#,
    ],
    evaluate: |status| {
        all_of([
            equals(status.attributes, "is_enabled", "true"),
            any_connected(status, &["aws_config_configuration_recorder"], |recorder| {
                not_equals(recorder.attributes, "recording_group.all_supported", "false")
            }),
        ])
    },
};

static CONFIG_RECORDS_GLOBAL_RESOURCES: Check = Check {
    id: "CKV2_AWS_48",
    name: "Ensure AWS Config must record all possible resources",
    kind: EntityKind::Resource,
    resource_types: &["aws_config_configuration_recorder"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Config recorder has `recording_group { include_global_resource_types = true }`.",
        why: "Global resources (IAM users, roles and policies) are where privilege changes happen; a recorder that skips them misses those changes.",
        fix: "Set `include_global_resource_types = true` in the recorder's `recording_group` (in one region only, to avoid duplicates).",
        fixed: r#"resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = aws_iam_role.config.arn

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"

  recording_group {
    all_supported                 = true
    include_global_resource_types = true
  }
}"#],
    failing: &[r#"
resource "aws_config_configuration_recorder" "main" {
  name     = "main"
  role_arn = "arn:aws:iam::111122223333:role/config"
}"#],
    evaluate: |recorder| {
        equals(
            recorder.attributes,
            "recording_group.include_global_resource_types",
            "true",
        )
    },
};
