//! GuardDuty checks.

use crate::check::{Check, EntityKind, Explanation, Severity, Verdict};
use crate::checks::rules::bool_equals;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&DETECTOR_ENABLED];

static DETECTOR_ENABLED: Check = Check {
    id: "CKV_AWS_238",
    name: "Ensure that GuardDuty detector is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_guardduty_detector"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A GuardDuty detector does not set `enable = false`.",
        why: "A disabled detector analyses nothing, so compromised credentials, crypto-mining and calls from known bad addresses go unnoticed.",
        fix: "Remove `enable = false` (detectors are enabled by default) or set it to `true`.",
        fixed: r#"resource "aws_guardduty_detector" "main" {
  enable = true
}"#,
    },
    passing: &[
        r#"
resource "aws_guardduty_detector" "main" {
  enable = true
}"#,
        r#"
resource "aws_guardduty_detector" "main" {
  finding_publishing_frequency = "FIFTEEN_MINUTES"
}"#,
    ],
    failing: &[r#"
resource "aws_guardduty_detector" "main" {
  enable = false
}"#],
    evaluate: |detector| bool_equals(detector, "enable", true, Verdict::Passed),
};
