//! CloudTrail checks: trails and event data stores.

use crate::check::{Check, EntityKind, Explanation, Severity, Verdict};
use crate::checks::rules::{bool_equals, is_set};

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &TRAIL_KMS_KEY,
    &LOG_FILE_VALIDATION,
    &MULTI_REGION,
    &LOGGING_ENABLED,
    &SNS_TOPIC,
    &EVENT_DATA_STORE_KMS_KEY,
];

/// A trail with every setting these checks ask for.
const GOOD_TRAIL: &str = r#"
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "trail-bucket"
  kms_key_id                 = "arn:aws:kms:eu-west-1:111122223333:key/abc"
  enable_log_file_validation = true
  is_multi_region_trail      = true
  enable_logging             = true
  sns_topic_name             = "trail-notifications"
}"#;

/// A trail with none of them.
const BARE_TRAIL: &str = r#"
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "trail-bucket"
}"#;

static TRAIL_KMS_KEY: Check = Check {
    id: "CKV_AWS_35",
    name: "Ensure CloudTrail logs are encrypted at rest using KMS CMKs",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudtrail"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A trail names a KMS key in `kms_key_id` for its log files.",
        why: "With a key of your own, reading the audit log needs permission on the key as well as on the bucket, and every use of the key is logged.",
        fix: "Set `kms_key_id` to a customer managed KMS key whose policy lets CloudTrail use it.",
        fixed: r#"resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
  kms_key_id     = aws_kms_key.trail.arn
}"#,
    },
    passing: &[GOOD_TRAIL],
    failing: &[BARE_TRAIL],
    evaluate: |trail| is_set(trail, "kms_key_id"),
};

static LOG_FILE_VALIDATION: Check = Check {
    id: "CKV_AWS_36",
    name: "Ensure CloudTrail log file validation is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudtrail"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A trail has `enable_log_file_validation = true`.",
        why: "Digest files let you prove that no log file was changed or deleted after CloudTrail wrote it, which an intruder covering tracks would do.",
        fix: "Set `enable_log_file_validation = true`.",
        fixed: r#"resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = aws_s3_bucket.trail.id
  enable_log_file_validation = true
}"#,
    },
    passing: &[GOOD_TRAIL],
    failing: &[
        BARE_TRAIL,
        r#"
resource "aws_cloudtrail" "main" {
  name                       = "main"
  s3_bucket_name             = "trail-bucket"
  enable_log_file_validation = false
}"#,
    ],
    evaluate: |trail| bool_equals(trail, "enable_log_file_validation", true, Verdict::Failed),
};

static MULTI_REGION: Check = Check {
    id: "CKV_AWS_67",
    name: "Ensure CloudTrail is enabled in all Regions",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudtrail"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A trail has `is_multi_region_trail = true`.",
        why: "A single-region trail misses activity in every other region, which is exactly where an intruder would start resources unnoticed.",
        fix: "Set `is_multi_region_trail = true`.",
        fixed: r#"resource "aws_cloudtrail" "main" {
  name                  = "main"
  s3_bucket_name        = aws_s3_bucket.trail.id
  is_multi_region_trail = true
}"#,
    },
    passing: &[GOOD_TRAIL],
    failing: &[BARE_TRAIL],
    evaluate: |trail| bool_equals(trail, "is_multi_region_trail", true, Verdict::Failed),
};

static LOGGING_ENABLED: Check = Check {
    id: "CKV_AWS_251",
    name: "Ensure CloudTrail logging is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudtrail"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A trail does not set `enable_logging = false`.",
        why: "A trail that does not log records nothing, while looking in the configuration as if the account were audited.",
        fix: "Remove `enable_logging = false` (logging is on by default) or set it to `true`.",
        fixed: r#"resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
  enable_logging = true
}"#,
    },
    passing: &[GOOD_TRAIL, BARE_TRAIL],
    failing: &[r#"
resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = "trail-bucket"
  enable_logging = false
}"#],
    evaluate: |trail| bool_equals(trail, "enable_logging", true, Verdict::Passed),
};

static SNS_TOPIC: Check = Check {
    id: "CKV_AWS_252",
    name: "Ensure CloudTrail defines an SNS Topic",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudtrail"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A trail names an SNS topic in `sns_topic_name`.",
        why: "A notification for each log file delivered lets other systems process the audit log as it arrives, instead of polling the bucket.",
        fix: "Set `sns_topic_name` to a topic whose policy lets CloudTrail publish.",
        fixed: r#"resource "aws_cloudtrail" "main" {
  name           = "main"
  s3_bucket_name = aws_s3_bucket.trail.id
  sns_topic_name = aws_sns_topic.trail.name
}"#,
    },
    passing: &[GOOD_TRAIL],
    failing: &[BARE_TRAIL],
    evaluate: |trail| is_set(trail, "sns_topic_name"),
};

static EVENT_DATA_STORE_KMS_KEY: Check = Check {
    id: "CKV_AWS_294",
    name: "Ensure CloudTrail Event Data Store uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudtrail_event_data_store"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A CloudTrail Lake event data store names a KMS key in `kms_key_id`.",
        why: "With a key of your own, querying the stored events needs permission on the key too, and every use of the key is logged.",
        fix: "Set `kms_key_id` to a customer managed KMS key.",
        fixed: r#"resource "aws_cloudtrail_event_data_store" "audit" {
  name       = "audit"
  kms_key_id = aws_kms_key.audit.arn
}"#,
    },
    passing: &[r#"
resource "aws_cloudtrail_event_data_store" "audit" {
  name       = "audit"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/abc"
}"#],
    failing: &[r#"
resource "aws_cloudtrail_event_data_store" "audit" {
  name = "audit"
}"#],
    evaluate: |store| is_set(store, "kms_key_id"),
};
