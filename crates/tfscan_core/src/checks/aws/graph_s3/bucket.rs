//! What a bucket keeps and records: access logs, encryption at rest, versions, replicas,
//! lifecycle rules and event notifications, set on the bucket or by its own resources.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};

use super::{any_connected, any_in, any_true, connected, exists, Answer};

/// A bucket's encryption algorithm, in the bucket's own nested blocks (older AWS providers).
const INLINE_SSE_ALGORITHM: &str = "server_side_encryption_configuration.rule.\
                                    apply_server_side_encryption_by_default.sse_algorithm";

/// The same algorithm in an `aws_s3_bucket_server_side_encryption_configuration`.
const SSE_ALGORITHM: &str = "rule.apply_server_side_encryption_by_default.sse_algorithm";

const SSE_CONFIGURATION: &str = "aws_s3_bucket_server_side_encryption_configuration";

pub(super) static LOGGING: Check = Check {
    id: "CKV_AWS_18",
    name: "Ensure the S3 bucket has access logging enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The bucket writes server access logs, through a `logging` block or an `aws_s3_bucket_logging` resource.",
        why: "Without access logs there is no record of who read, changed or deleted objects, which an investigation needs.",
        fix: "Add an `aws_s3_bucket_logging` resource for the bucket that names a separate log bucket.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = "example-access-logs"
  target_prefix = "data/"
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_logging" "data" {
  bucket        = aws_s3_bucket.data.id
  target_bucket = "example-access-logs"
  target_prefix = "data/"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  logging {
    target_bucket = "example-access-logs"
    target_prefix = "data/"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#,
        // The logging resource belongs to another bucket.
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket" "other" {
  bucket = "example-other"
}

resource "aws_s3_bucket_logging" "other" {
  bucket        = aws_s3_bucket.other.id
  target_bucket = "example-access-logs"
}"#,
    ],
    evaluate: logging,
};

/// A logging resource connected to the bucket in any way counts, as in Checkov's rule: the
/// log bucket that a logging resource names as its `target_bucket` passes too.
fn logging(bucket: &Resource<'_>) -> Verdict {
    let inline = Answer::from_bool(exists(bucket, "logging"));
    let separate = Answer::from_bool(!connected(bucket, "aws_s3_bucket_logging").is_empty());
    inline.or(separate).verdict()
}

pub(super) static ENCRYPTION: Check = Check {
    id: "CKV_AWS_19",
    name: "Ensure all data stored in the S3 bucket is securely encrypted at rest",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The bucket encrypts objects at rest with `AES256` or `aws:kms`, or leaves its encryption at the default, which AWS now sets to `AES256`.",
        why: "Objects stored without encryption can be read from the storage media or from a copy of the data outside S3's access controls.",
        fix: "Configure default encryption with an `aws_s3_bucket_server_side_encryption_configuration` whose algorithm is `AES256` or `aws:kms`.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
}"#,
        // Nothing configured: AWS encrypts new objects with AES256.
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms:dsse"
    }
  }
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms:dsse"
      }
    }
  }
}"#,
    ],
    evaluate: encryption,
};

/// Checkov's rule accepts exactly `AES256` and `aws:kms`, in the bucket's own block or in a
/// connected encryption resource, and a bucket with neither (AWS's default is `AES256`). So it
/// fails dual-layer `aws:kms:dsse`, although that encrypts with KMS too.
fn encryption(bucket: &Resource<'_>) -> Verdict {
    const ACCEPTED: &[&str] = &["aws:kms", "AES256"];
    let configurations = connected(bucket, SSE_CONFIGURATION);

    let inline = any_in(bucket, INLINE_SSE_ALGORITHM, ACCEPTED);
    let default =
        Answer::from_bool(configurations.is_empty() && !exists(bucket, INLINE_SSE_ALGORITHM));
    let separate = Answer::any(
        configurations
            .iter()
            .map(|configuration| any_in(configuration, SSE_ALGORITHM, ACCEPTED)),
    );
    inline.or(default).or(separate).verdict()
}

pub(super) static KMS_ENCRYPTION: Check = Check {
    id: "CKV_AWS_145",
    name: "Ensure that S3 buckets are encrypted with KMS by default",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The bucket's default encryption uses AWS KMS (`sse_algorithm = \"aws:kms\"`).",
        why: "With a KMS key, reading an object also needs permission on the key, and every use of the key is logged in CloudTrail.",
        fix: "Set the bucket's default encryption algorithm to `aws:kms`, with a customer managed key where you can.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm     = "aws:kms"
      kms_master_key_id = aws_kms_key.data.arn
    }
  }
}

resource "aws_kms_key" "data" {
  enable_key_rotation = true
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "aws:kms"
    }
  }
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  server_side_encryption_configuration {
    rule {
      apply_server_side_encryption_by_default {
        sse_algorithm = "aws:kms"
      }
    }
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_server_side_encryption_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    apply_server_side_encryption_by_default {
      sse_algorithm = "AES256"
    }
  }
}"#,
    ],
    evaluate: kms_encryption,
};

/// Only `aws:kms` itself counts (Checkov's rule does not list `aws:kms:dsse`).
fn kms_encryption(bucket: &Resource<'_>) -> Verdict {
    const ACCEPTED: &[&str] = &["aws:kms"];
    let inline = any_in(bucket, INLINE_SSE_ALGORITHM, ACCEPTED);
    let separate = any_connected(bucket, SSE_CONFIGURATION, |configuration| {
        any_in(configuration, SSE_ALGORITHM, ACCEPTED)
    });
    inline.or(separate).verdict()
}

pub(super) static VERSIONING: Check = Check {
    id: "CKV_AWS_21",
    name: "Ensure all data stored in the S3 bucket have versioning enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The bucket keeps object versions, through `versioning { enabled = true }` or an `aws_s3_bucket_versioning` whose status is `Enabled`.",
        why: "Without versions an overwritten or deleted object is gone, whether by mistake, by a faulty deployment or by ransomware.",
        fix: "Add an `aws_s3_bucket_versioning` resource for the bucket with `status = \"Enabled\"`.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id

  versioning_configuration {
    status = "Enabled"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id

  versioning_configuration {
    status = "Enabled"
  }
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  versioning {
    enabled = true
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_versioning" "data" {
  bucket = aws_s3_bucket.data.id

  versioning_configuration {
    status = "Suspended"
  }
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  versioning {
    enabled = false
  }
}"#,
    ],
    evaluate: versioning,
};

fn versioning(bucket: &Resource<'_>) -> Verdict {
    let inline = any_true(bucket, "versioning.enabled");
    let separate = any_connected(bucket, "aws_s3_bucket_versioning", |versioning| {
        any_in(versioning, "versioning_configuration.status", &["Enabled"])
    });
    inline.or(separate).verdict()
}

pub(super) static REPLICATION: Check = Check {
    id: "CKV_AWS_144",
    name: "Ensure that S3 bucket has cross-region replication enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The bucket replicates its objects, with at least one replication rule whose status is `Enabled`.",
        why: "A copy in another region keeps the data available when a region fails or the bucket is damaged.",
        fix: "Add an `aws_s3_bucket_replication_configuration` for the bucket with an enabled rule that copies to a bucket in another region.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"

  rule {
    id     = "everything"
    status = "Enabled"

    destination {
      bucket = "arn:aws:s3:::example-data-replica"
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"

  rule {
    id     = "everything"
    status = "Enabled"

    destination {
      bucket = "arn:aws:s3:::example-data-replica"
    }
  }
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  replication_configuration {
    role = "arn:aws:iam::111122223333:role/replication"

    rules {
      id     = "everything"
      status = "Enabled"

      destination {
        bucket = "arn:aws:s3:::example-data-replica"
      }
    }
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_replication_configuration" "data" {
  bucket = aws_s3_bucket.data.id
  role   = "arn:aws:iam::111122223333:role/replication"

  rule {
    id     = "paused"
    status = "Disabled"

    destination {
      bucket = "arn:aws:s3:::example-data-replica"
    }
  }
}"#,
    ],
    evaluate: replication,
};

fn replication(bucket: &Resource<'_>) -> Verdict {
    let inline = any_in(
        bucket,
        "replication_configuration.rules.status",
        &["Enabled"],
    );
    let separate = any_connected(
        bucket,
        "aws_s3_bucket_replication_configuration",
        |configuration| any_in(configuration, "rule.status", &["Enabled"]),
    );
    inline.or(separate).verdict()
}

pub(super) static LIFECYCLE: Check = Check {
    id: "CKV2_AWS_61",
    name: "Ensure that an S3 bucket has a lifecycle configuration",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The bucket has lifecycle rules, in a `lifecycle_rule` block or an `aws_s3_bucket_lifecycle_configuration`.",
        why: "Without them old objects, old versions and abandoned uploads stay forever, costing money and keeping data longer than it should be kept.",
        fix: "Add an `aws_s3_bucket_lifecycle_configuration` for the bucket that expires or archives what is no longer needed.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    id     = "expire-old-versions"
    status = "Enabled"

    filter {}

    noncurrent_version_expiration {
      noncurrent_days = 90
    }
  }
}"#,
        r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"

  lifecycle_rule {
    id      = "expire-temporary-files"
    enabled = true
    prefix  = "tmp/"

    expiration {
      days = 7
    }
  }
}"#,
    ],
    failing: &[r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#],
    evaluate: lifecycle,
};

/// Any lifecycle configuration counts, whatever its rules say.
fn lifecycle(bucket: &Resource<'_>) -> Verdict {
    let inline = Answer::from_bool(exists(bucket, "lifecycle_rule"));
    let separate =
        Answer::from_bool(!connected(bucket, "aws_s3_bucket_lifecycle_configuration").is_empty());
    inline.or(separate).verdict()
}

pub(super) static NOTIFICATIONS: Check = Check {
    id: "CKV2_AWS_62",
    name: "Ensure S3 buckets should have event notifications enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The bucket has an `aws_s3_bucket_notification` that sends its events somewhere.",
        why: "Event notifications let other systems react to new, changed or deleted objects, and make unexpected changes visible as they happen.",
        fix: "Add an `aws_s3_bucket_notification` for the bucket that sends the events you care about to a queue, topic, function or EventBridge.",
        fixed: r#"resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_notification" "data" {
  bucket      = aws_s3_bucket.data.id
  eventbridge = true
}"#,
    },
    passing: &[r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}

resource "aws_s3_bucket_notification" "data" {
  bucket      = aws_s3_bucket.data.id
  eventbridge = true
}"#],
    failing: &[r#"
resource "aws_s3_bucket" "data" {
  bucket = "example-data"
}"#],
    evaluate: notifications,
};

fn notifications(bucket: &Resource<'_>) -> Verdict {
    Answer::from_bool(!connected(bucket, "aws_s3_bucket_notification").is_empty()).verdict()
}
