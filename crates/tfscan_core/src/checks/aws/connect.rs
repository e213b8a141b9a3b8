//! Amazon Connect instance storage checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&VIDEO_STREAM_CMK, &S3_CMK];

static VIDEO_STREAM_CMK: Check = Check {
    id: "CKV_AWS_269",
    name: "Ensure Connect Instance Kinesis Video Stream Storage Config uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_connect_instance_storage_config"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "Media streamed to Kinesis Video Streams is encrypted with a customer managed KMS key.",
        why: "Call recordings are sensitive; your own key lets you restrict and audit who can decrypt them.",
        fix: "Set `key_id` in the Kinesis video stream `encryption_config`.",
        fixed: r#"resource "aws_connect_instance_storage_config" "media" {
  resource_type = "MEDIA_STREAMS"
  storage_config {
    storage_type = "KINESIS_VIDEO_STREAM"
    kinesis_video_stream_config {
      prefix                 = "calls"
      retention_period_hours = 24
      encryption_config {
        encryption_type = "KMS"
        key_id          = aws_kms_key.connect.arn
      }
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_connect_instance_storage_config" "media" {
  storage_config {
    kinesis_video_stream_config {
      encryption_config {
        encryption_type = "KMS"
        key_id          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}"#],
    failing: &[r#"
resource "aws_connect_instance_storage_config" "media" {
  storage_config {
    storage_type = "KINESIS_VIDEO_STREAM"
  }
}"#],
    evaluate: video_stream_cmk,
};

fn video_stream_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(
        resource,
        "storage_config.0.kinesis_video_stream_config.0.encryption_config.0.key_id",
    )
}

static S3_CMK: Check = Check {
    id: "CKV_AWS_270",
    name: "Ensure Connect Instance S3 Storage Config uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_connect_instance_storage_config"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "Contact data stored in S3 is encrypted with a customer managed KMS key.",
        why: "Transcripts and recordings are sensitive; your own key lets you restrict and audit who can decrypt them.",
        fix: "Set `key_id` in the S3 `encryption_config`.",
        fixed: r#"resource "aws_connect_instance_storage_config" "transcripts" {
  resource_type = "CHAT_TRANSCRIPTS"
  storage_config {
    storage_type = "S3"
    s3_config {
      bucket_name   = aws_s3_bucket.connect.id
      bucket_prefix = "transcripts"
      encryption_config {
        encryption_type = "KMS"
        key_id          = aws_kms_key.connect.arn
      }
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_connect_instance_storage_config" "transcripts" {
  storage_config {
    s3_config {
      encryption_config {
        encryption_type = "KMS"
        key_id          = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
      }
    }
  }
}"#],
    failing: &[r#"
resource "aws_connect_instance_storage_config" "transcripts" {
  storage_config {
    s3_config {
      bucket_name = "connect"
    }
  }
}"#],
    evaluate: s3_cmk,
};

fn s3_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(
        resource,
        "storage_config.0.s3_config.0.encryption_config.0.key_id",
    )
}
