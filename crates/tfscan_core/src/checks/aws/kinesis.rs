//! AWS Kinesis checks: data streams, video streams and Firehose delivery streams.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &STREAM_ENCRYPTED,
    &VIDEO_STREAM_CMK,
    &STREAM_CMK,
    &FIREHOSE_ENCRYPTED,
    &FIREHOSE_CMK,
];

static STREAM_ENCRYPTED: Check = Check {
    id: "CKV_AWS_43",
    name: "Ensure Kinesis Stream is securely encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_kinesis_stream"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Kinesis data stream has `encryption_type = \"KMS\"`.",
        why: "Records in an unencrypted stream are stored in clear text for its whole retention period.",
        fix: "Set `encryption_type = \"KMS\"` and a `kms_key_id` (`alias/aws/kinesis` or your own key).",
        fixed: r#"resource "aws_kinesis_stream" "events" {
  name            = "events"
  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.events.arn
}"#,
    },
    passing: &[r#"
resource "aws_kinesis_stream" "events" {
  encryption_type = "KMS"
  kms_key_id      = "alias/aws/kinesis"
}"#],
    failing: &[
        r#"
resource "aws_kinesis_stream" "events" {
  encryption_type = "NONE"
}"#,
        r#"
resource "aws_kinesis_stream" "events" {
  shard_count = 1
}"#,
    ],
    evaluate: stream_encrypted,
};

fn stream_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::string_in(resource, "encryption_type", &["KMS"], Verdict::Failed)
}

static VIDEO_STREAM_CMK: Check = Check {
    id: "CKV_AWS_177",
    name: "Ensure Kinesis Video Stream is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_kinesis_video_stream"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Kinesis video stream is encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can decrypt the recorded video.",
        fix: "Set `kms_key_id` to your key's ARN.",
        fixed: r#"resource "aws_kinesis_video_stream" "camera" {
  name       = "camera"
  kms_key_id = aws_kms_key.video.arn
}"#,
    },
    passing: &[r#"
resource "aws_kinesis_video_stream" "camera" {
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_kinesis_video_stream" "camera" {
  name = "camera"
}"#],
    evaluate: kms_key_id_set,
};

fn kms_key_id_set(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static STREAM_CMK: Check = Check {
    id: "CKV_AWS_185",
    name: "Ensure Kinesis Stream is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_kinesis_stream"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Kinesis data stream names the KMS key that encrypts it in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can read the stream's records.",
        fix: "Set `encryption_type = \"KMS\"` and `kms_key_id` to your key.",
        fixed: r#"resource "aws_kinesis_stream" "events" {
  name            = "events"
  encryption_type = "KMS"
  kms_key_id      = aws_kms_key.events.arn
}"#,
    },
    passing: &[r#"
resource "aws_kinesis_stream" "events" {
  encryption_type = "KMS"
  kms_key_id      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_kinesis_stream" "events" {
  encryption_type = "KMS"
}"#],
    evaluate: kms_key_id_set,
};

static FIREHOSE_ENCRYPTED: Check = Check {
    id: "CKV_AWS_240",
    name: "Ensure Kinesis Firehose delivery stream is encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_kinesis_firehose_delivery_stream"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Firehose delivery stream turns on server-side encryption.",
        why: "Without it records wait in the stream's buffers unencrypted.",
        fix: "Add `server_side_encryption { enabled = true }`.",
        fixed: r#"resource "aws_kinesis_firehose_delivery_stream" "logs" {
  name        = "logs"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = aws_s3_bucket.logs.arn
  }

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = aws_kms_key.logs.arn
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  destination = "extended_s3"

  server_side_encryption {
    enabled = true
  }
}"#,
        r#"
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  server_side_encryption {
    enabled = true
  }
}

# Fed by a data stream, which does the encrypting: no verdict.
resource "aws_kinesis_firehose_delivery_stream" "from_stream" {
  kinesis_source_configuration {
    kinesis_stream_arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/events"
    role_arn           = "arn:aws:iam::111122223333:role/firehose"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  destination = "extended_s3"
}"#,
        r#"
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  server_side_encryption {
    enabled = false
  }
}"#,
    ],
    evaluate: firehose_encrypted,
};

/// A stream fed by a Kinesis data stream takes that stream's encryption (AWS refuses
/// server-side encryption on it), so Checkov gives it no verdict.
fn firehose_encrypted(resource: &Resource<'_>) -> Verdict {
    if let Some(verdict) = fed_by_a_data_stream(resource) {
        return verdict;
    }
    rules::bool_equals(
        resource,
        "server_side_encryption.0.enabled",
        true,
        Verdict::Failed,
    )
}

/// `Some(NotApplicable)` for a delivery stream whose source is a Kinesis data stream,
/// `Some(Unknown)` when that is known only after apply, `None` otherwise.
fn fed_by_a_data_stream(resource: &Resource<'_>) -> Option<Verdict> {
    match resource.get("kinesis_source_configuration") {
        Some(known_later) if known_later.is_unknown() => Some(Verdict::Unknown),
        Some(source) if truthy(source) => Some(Verdict::NotApplicable),
        _ => None,
    }
}

static FIREHOSE_CMK: Check = Check {
    id: "CKV_AWS_241",
    name: "Ensure that Kinesis Firehose Delivery Streams are encrypted with CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_kinesis_firehose_delivery_stream"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Firehose delivery stream is encrypted with a customer managed KMS key.",
        why: "With a key you manage, you decide and audit who can read the buffered records.",
        fix: "Set `enabled = true`, `key_type = \"CUSTOMER_MANAGED_CMK\"` and `key_arn` in `server_side_encryption`.",
        fixed: r#"resource "aws_kinesis_firehose_delivery_stream" "logs" {
  name        = "logs"
  destination = "extended_s3"

  extended_s3_configuration {
    role_arn   = aws_iam_role.firehose.arn
    bucket_arn = aws_s3_bucket.logs.arn
  }

  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = aws_kms_key.logs.arn
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
  }
}"#,
        // A stream fed by a Kinesis data stream takes that stream's encryption: no verdict.
        r#"
resource "aws_kinesis_firehose_delivery_stream" "from_stream" {
  kinesis_source_configuration {
    kinesis_stream_arn = "arn:aws:kinesis:eu-west-1:111122223333:stream/events"
    role_arn           = "arn:aws:iam::111122223333:role/firehose"
  }
}

resource "aws_kinesis_firehose_delivery_stream" "logs" {
  server_side_encryption {
    enabled  = true
    key_type = "CUSTOMER_MANAGED_CMK"
    key_arn  = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  server_side_encryption {
    enabled  = true
    key_type = "AWS_OWNED_CMK"
  }
}"#,
        r#"
resource "aws_kinesis_firehose_delivery_stream" "logs" {
  destination = "extended_s3"
}"#,
    ],
    evaluate: firehose_cmk,
};

fn firehose_cmk(resource: &Resource<'_>) -> Verdict {
    if let Some(verdict) = fed_by_a_data_stream(resource) {
        return verdict;
    }
    let encryption = match resource.get("server_side_encryption") {
        Some(Value::List(blocks)) => match blocks.first() {
            Some(block) => block,
            None => return Verdict::Failed,
        },
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        _ => return Verdict::Failed,
    };
    if encryption.contains_unknown() {
        // A key ARN known only after apply is still a key; anything else unknown decides.
        let known_part_fails = encryption.get("enabled").and_then(Value::as_bool) == Some(false)
            || encryption
                .get("key_type")
                .and_then(Value::as_str)
                .is_some_and(|key_type| key_type != "CUSTOMER_MANAGED_CMK");
        if known_part_fails {
            return Verdict::Failed;
        }
        if encryption.get("enabled").is_some_and(Value::is_unknown)
            || encryption.get("key_type").is_some_and(Value::is_unknown)
        {
            return Verdict::Unknown;
        }
    }
    let enabled = encryption.get("enabled").and_then(Value::as_bool) == Some(true);
    let customer_key =
        encryption.get("key_type").and_then(Value::as_str) == Some("CUSTOMER_MANAGED_CMK");
    let key_arn = encryption.get("key_arn").is_some_and(truthy);
    rules::verdict(enabled && customer_key && key_arn)
}
