//! AWS S3 checks on buckets and their companion resources (public access blocks, ACLs,
//! lifecycle rules, access points, objects). Bucket policy checks live in `s3_policy.rs`.

use alloc::collections::BTreeMap;

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &BLOCK_PUBLIC_ACLS,
    &BLOCK_PUBLIC_POLICY,
    &IGNORE_PUBLIC_ACLS,
    &RESTRICT_PUBLIC_BUCKETS,
    &OBJECT_LOCK,
    &OBJECT_COPY_CMK,
    &BUCKET_OBJECT_CMK,
    &ABORT_INCOMPLETE_UPLOADS,
    &ACL_GLOBAL_VIEW,
    &ACL_SECURE_TRANSPORT,
    &ACCESS_POINT_BLOCKS_PUBLIC_ACCESS,
];

/// A public access block with all four settings on: it passes each of the four checks.
const ALL_BLOCKED: &str = r#"resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = true
}"#;

static BLOCK_PUBLIC_ACLS: Check = Check {
    id: "CKV_AWS_53",
    name: "Ensure S3 bucket has block public ACLS enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_public_access_block"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The bucket's public access block sets `block_public_acls = true`.",
        why: "Without it, anyone who may write ACLs can make the bucket or its objects public with a single request.",
        fix: "Set `block_public_acls = true` on the public access block.",
        fixed: ALL_BLOCKED,
    },
    passing: &[
        ALL_BLOCKED,
        r#"
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket            = "logs"
  block_public_acls = "true"
}"#,
        r#"
# Settings passed in as variables, as modules do.
variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = "logs"
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket            = "logs"
  block_public_acls = false
}"#,
        r#"
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket              = "logs"
  block_public_policy = true
}"#,
        r#"
# Only this setting is turned off.
variable "block_public_acls" {
  type    = bool
  default = false
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = "logs"
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}"#,
    ],
    evaluate: block_public_acls,
};

fn block_public_acls(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "block_public_acls", true, Verdict::Failed)
}

static BLOCK_PUBLIC_POLICY: Check = Check {
    id: "CKV_AWS_54",
    name: "Ensure S3 bucket has block public policy enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_public_access_block"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The bucket's public access block sets `block_public_policy = true`.",
        why: "Without it, a bucket policy that grants access to everyone is accepted, and the whole bucket becomes public.",
        fix: "Set `block_public_policy = true` on the public access block.",
        fixed: ALL_BLOCKED,
    },
    passing: &[ALL_BLOCKED,
        r#"
# Settings passed in as variables, as modules do.
variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = "logs"
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket              = "logs"
  block_public_policy = false
}"#,
        r#"
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket            = "logs"
  block_public_acls = true
}"#,
        r#"
# Only this setting is turned off.
variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = false
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = "logs"
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}"#,
    ],
    evaluate: block_public_policy,
};

fn block_public_policy(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "block_public_policy", true, Verdict::Failed)
}

static IGNORE_PUBLIC_ACLS: Check = Check {
    id: "CKV_AWS_55",
    name: "Ensure S3 bucket has ignore public ACLs enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_public_access_block"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The bucket's public access block sets `ignore_public_acls = true`.",
        why: "Without it, public ACLs already on the bucket or its objects keep granting access to everyone.",
        fix: "Set `ignore_public_acls = true` on the public access block.",
        fixed: ALL_BLOCKED,
    },
    passing: &[ALL_BLOCKED,
        r#"
# Settings passed in as variables, as modules do.
variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = "logs"
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket             = "logs"
  ignore_public_acls = false
}"#,
        r#"
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket            = "logs"
  block_public_acls = true
}"#,
        r#"
# Only this setting is turned off.
variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = false
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = "logs"
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}"#,
    ],
    evaluate: ignore_public_acls,
};

fn ignore_public_acls(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "ignore_public_acls", true, Verdict::Failed)
}

static RESTRICT_PUBLIC_BUCKETS: Check = Check {
    id: "CKV_AWS_56",
    name: "Ensure S3 bucket has 'restrict_public_buckets' enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_public_access_block"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The bucket's public access block sets `restrict_public_buckets = true`.",
        why: "Without it, a public bucket policy still lets anonymous and cross-account callers read the bucket.",
        fix: "Set `restrict_public_buckets = true` on the public access block.",
        fixed: ALL_BLOCKED,
    },
    passing: &[ALL_BLOCKED,
        r#"
# Settings passed in as variables, as modules do.
variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = true
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = "logs"
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = "logs"
  restrict_public_buckets = false
}"#,
        r#"
resource "aws_s3_bucket_public_access_block" "logs" {
  bucket            = "logs"
  block_public_acls = true
}"#,
        r#"
# Only this setting is turned off.
variable "block_public_acls" {
  type    = bool
  default = true
}

variable "block_public_policy" {
  type    = bool
  default = true
}

variable "ignore_public_acls" {
  type    = bool
  default = true
}

variable "restrict_public_buckets" {
  type    = bool
  default = false
}

resource "aws_s3_bucket_public_access_block" "this" {
  bucket                  = "logs"
  block_public_acls       = var.block_public_acls
  block_public_policy     = var.block_public_policy
  ignore_public_acls      = var.ignore_public_acls
  restrict_public_buckets = var.restrict_public_buckets
}"#,
    ],
    evaluate: restrict_public_buckets,
};

fn restrict_public_buckets(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "restrict_public_buckets", true, Verdict::Failed)
}

static OBJECT_LOCK: Check = Check {
    id: "CKV_AWS_143",
    name: "Ensure that S3 bucket has lock configuration enabled by default",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A bucket's `object_lock_configuration` block sets `object_lock_enabled = \"Enabled\"`.",
        why: "Object lock keeps objects from being deleted or overwritten, which protects backups and audit logs from ransomware and mistakes.",
        fix: "Set `object_lock_enabled = \"Enabled\"` in the bucket's `object_lock_configuration` block.",
        fixed: r#"resource "aws_s3_bucket" "audit" {
  bucket = "audit-logs"

  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket" "audit" {
  bucket = "audit-logs"

  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}"#,
        // Checkov only judges buckets that have the block: this one gets no verdict.
        r#"
resource "aws_s3_bucket" "audit" {
  bucket = "audit-logs"

  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

resource "aws_s3_bucket" "scratch" {
  bucket = "scratch"
}"#,
        r#"
resource "aws_s3_bucket" "audit" {
  bucket = "audit-logs"

  object_lock_configuration {
    object_lock_enabled = "Enabled"
  }
}

# The provider's newer top-level attribute is not what Checkov reads: no verdict here.
resource "aws_s3_bucket" "backups" {
  bucket              = "backups"
  object_lock_enabled = true
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket" "audit" {
  bucket = "audit-logs"

  object_lock_configuration {
    object_lock_enabled = "Disabled"
  }
}"#,
        r#"
resource "aws_s3_bucket" "audit" {
  bucket = "audit-logs"

  object_lock_configuration {
    rule {
      default_retention {
        mode = "GOVERNANCE"
        days = 30
      }
    }
  }
}"#,
    ],
    evaluate: object_lock,
};

/// Checkov has no verdict for a bucket without an `object_lock_configuration` block (or with
/// an empty one); with one, it wants `object_lock_enabled = "Enabled"` in the first block.
/// The provider's newer top-level `object_lock_enabled` attribute is not looked at.
fn object_lock(resource: &Resource<'_>) -> Verdict {
    let first = match resource.get("object_lock_configuration") {
        None | Some(Value::Null) => return Verdict::NotApplicable,
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(blocks)) => blocks.first(),
        Some(single) => Some(single),
    };
    let Some(block) = first else {
        return Verdict::NotApplicable;
    };
    if block.is_unknown() {
        return Verdict::Unknown;
    }
    if block.as_object().is_none_or(BTreeMap::is_empty) {
        return Verdict::NotApplicable;
    }
    match block.get("object_lock_enabled") {
        Some(Value::Unknown) => Verdict::Unknown,
        enabled => rules::verdict(enabled.and_then(Value::as_str) == Some("Enabled")),
    }
}

static OBJECT_COPY_CMK: Check = Check {
    id: "CKV_AWS_181",
    name: "Ensure S3 Object Copy is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_object_copy"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An S3 object copy names the customer managed KMS key that encrypts the copy in `kms_key_id`.",
        why: "With a key of your own you decide who may decrypt the object and every use of the key is logged.",
        fix: "Set `kms_key_id` to the ARN of a customer managed key (and `server_side_encryption = \"aws:kms\"`).",
        fixed: r#"resource "aws_s3_object_copy" "report" {
  bucket                 = "reports"
  key                    = "2024/report.csv"
  source                 = "staging/report.csv"
  server_side_encryption = "aws:kms"
  kms_key_id             = aws_kms_key.reports.arn
}"#,
    },
    passing: &[r#"
resource "aws_s3_object_copy" "report" {
  bucket                 = "reports"
  key                    = "2024/report.csv"
  source                 = "staging/report.csv"
  server_side_encryption = "aws:kms"
  kms_key_id             = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}"#],
    failing: &[
        r#"
resource "aws_s3_object_copy" "report" {
  bucket = "reports"
  key    = "2024/report.csv"
  source = "staging/report.csv"
}"#,
        r#"
resource "aws_s3_object_copy" "report" {
  bucket     = "reports"
  key        = "2024/report.csv"
  source     = "staging/report.csv"
  kms_key_id = ""
}"#,
    ],
    evaluate: kms_key_id_set,
};

static BUCKET_OBJECT_CMK: Check = Check {
    id: "CKV_AWS_186",
    name: "Ensure S3 bucket Object is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_object"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An S3 bucket object names the customer managed KMS key that encrypts it in `kms_key_id`.",
        why: "With a key of your own you decide who may decrypt the object and every use of the key is logged.",
        fix: "Set `kms_key_id` to the ARN of a customer managed key.",
        fixed: r#"resource "aws_s3_bucket_object" "config" {
  bucket     = "app-config"
  key        = "settings.json"
  source     = "settings.json"
  kms_key_id = aws_kms_key.config.arn
}"#,
    },
    passing: &[r#"
resource "aws_s3_bucket_object" "config" {
  bucket     = "app-config"
  key        = "settings.json"
  source     = "settings.json"
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}"#],
    failing: &[
        r#"
resource "aws_s3_bucket_object" "config" {
  bucket = "app-config"
  key    = "settings.json"
  source = "settings.json"
}"#,
        r#"
resource "aws_s3_bucket_object" "config" {
  bucket                 = "app-config"
  key                    = "settings.json"
  server_side_encryption = "aws:kms"
  kms_key_id             = null
}"#,
    ],
    evaluate: kms_key_id_set,
};

fn kms_key_id_set(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static ABORT_INCOMPLETE_UPLOADS: Check = Check {
    id: "CKV_AWS_300",
    name: "Ensure S3 lifecycle configuration sets period for aborting failed uploads",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_lifecycle_configuration"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An enabled rule of the lifecycle configuration that covers the whole bucket aborts incomplete multipart uploads.",
        why: "Parts of uploads that never finish stay in the bucket, invisible in listings, and are billed until someone removes them.",
        fix: "Add an enabled rule with an empty `filter {}` and an `abort_incomplete_multipart_upload` block.",
        fixed: r#"resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = aws_s3_bucket.data.id

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}"#,
    },
    passing: &[
        r#"
# A known difference: Checkov fails this, counting the null argument as a filter. In Terraform
# an argument set to null is left out, so the filter is empty and the rule covers the bucket.
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = "data"

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    filter {
      prefix = null
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}"#,
        r#"
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = "data"

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}"#,
        r#"
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = "data"

  rule {
    id     = "expire-tmp"
    status = "Enabled"

    filter {
      prefix = "tmp/"
    }

    expiration {
      days = 1
    }
  }

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    filter {}

    abort_incomplete_multipart_upload {
      days_after_initiation = 3
    }
  }
}"#,
        r#"
locals {
  lifecycle_rules = [
    { id = "abort", enabled = true, abort_days = 7 },
  ]
}

# Rules generated from a list, with an empty filter block when a rule has none.
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = "data"

  dynamic "rule" {
    for_each = local.lifecycle_rules

    content {
      id     = rule.value.id
      status = rule.value.enabled ? "Enabled" : "Disabled"

      abort_incomplete_multipart_upload {
        days_after_initiation = rule.value.abort_days
      }

      dynamic "filter" {
        for_each = length(try(rule.value.filter, {})) == 0 ? [true] : []

        content {}
      }
    }
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = "data"

  rule {
    id     = "expire-old"
    status = "Enabled"

    expiration {
      days = 365
    }
  }
}"#,
        r#"
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = "data"

  rule {
    id     = "abort-incomplete-uploads"
    status = "Disabled"

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}"#,
        r#"
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = "data"

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    filter {
      prefix = "uploads/"
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}"#,
        r#"
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = "data"

  rule {
    id     = "abort-incomplete-uploads"
    status = "Enabled"

    filter {
      tag {
        key   = "kind"
        value = "upload"
      }
    }

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}"#,
        r#"
resource "aws_s3_bucket_lifecycle_configuration" "data" {
  bucket = "data"

  rule {
    id     = "abort-incomplete-uploads"
    status = "enabled"

    abort_incomplete_multipart_upload {
      days_after_initiation = 7
    }
  }
}"#,
    ],
    evaluate: abort_incomplete_uploads,
};

/// Passed when some rule is `Enabled`, has an `abort_incomplete_multipart_upload` block and
/// has no filter or an empty one. Like Checkov, a filter with any argument in it (even an
/// empty prefix) makes the rule count as partial.
fn abort_incomplete_uploads(resource: &Resource<'_>) -> Verdict {
    let rules = match resource.get("rule") {
        None | Some(Value::Null) => return Verdict::Failed,
        Some(Value::List(rules)) => rules.as_slice(),
        Some(_) => return Verdict::Unknown,
    };
    any_of(rules.iter().map(rule_aborts_uploads_everywhere))
}

/// Whether one lifecycle rule aborts incomplete uploads for the whole bucket; `None` when a
/// part that decides it is unknown.
fn rule_aborts_uploads_everywhere(rule: &Value) -> Option<bool> {
    if rule.is_unknown() {
        return None;
    }
    let has_abort = match rule.get("abort_incomplete_multipart_upload") {
        None | Some(Value::Null) => Some(false),
        Some(Value::List(blocks)) => Some(!blocks.is_empty()),
        Some(_) => None,
    };
    let enabled = match rule.get("status") {
        Some(Value::Unknown) => None,
        status => Some(status.and_then(Value::as_str) == Some("Enabled")),
    };
    let whole_bucket = match rule.get("filter") {
        None | Some(Value::Null) => Some(true),
        Some(Value::List(filters)) => match filters.first() {
            None => Some(true),
            Some(Value::Object(fields)) => Some(fields.is_empty()),
            Some(_) => None,
        },
        Some(_) => None,
    };
    all_of([has_abort, enabled, whole_bucket])
}

static ACL_GLOBAL_VIEW: Check = Check {
    id: "CKV_AWS_375",
    name: "Ensure AWS S3 bucket does not have global view ACL permissions enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_acl"],
    severity: Severity::High,
    explanation: Explanation {
        what: "No grant of the bucket ACL gives `FULL_CONTROL` or `READ_ACP` to the AllUsers group.",
        why: "Anyone on the internet could then read the bucket's permissions, and with FULL_CONTROL also change them and its contents.",
        fix: "Remove grants to `http://acs.amazonaws.com/groups/global/AllUsers` and grant only named accounts.",
        fixed: r#"resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id

  access_control_policy {
    grant {
      grantee {
        id   = data.aws_canonical_user_id.current.id
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    owner {
      id = data.aws_canonical_user_id.current.id
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket_acl" "data" {
  bucket = "data"
  acl    = "private"
}"#,
        r#"
resource "aws_s3_bucket_acl" "data" {
  bucket = "data"

  access_control_policy {
    grant {
      grantee {
        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        type = "CanonicalUser"
      }
      permission = "FULL_CONTROL"
    }

    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "READ_ACP"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
        r#"
locals {
  grants = [
    { type = "Group", uri = "http://acs.amazonaws.com/groups/s3/LogDelivery", permission = "FULL_CONTROL" },
    { type = "Group", uri = "http://acs.amazonaws.com/groups/global/AllUsers", permission = "READ" },
  ]
}

# Grants generated from a list; reading objects is not what this check looks at.
resource "aws_s3_bucket_acl" "data" {
  bucket = "data"

  access_control_policy {
    dynamic "grant" {
      for_each = local.grants

      content {
        permission = grant.value.permission

        grantee {
          type = grant.value.type
          uri  = grant.value.uri
        }
      }
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_s3_bucket_acl" "data" {
  bucket = "data"

  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "READ_ACP"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
        r#"
resource "aws_s3_bucket_acl" "data" {
  bucket = "data"

  access_control_policy {
    grant {
      grantee {
        id   = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
        type = "CanonicalUser"
      }
      permission = "READ"
    }

    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/global/AllUsers"
      }
      permission = "FULL_CONTROL"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
        r#"
locals {
  grants = [
    { type = "Group", uri = "http://acs.amazonaws.com/groups/global/AllUsers", permission = "FULL_CONTROL" },
  ]
}

resource "aws_s3_bucket_acl" "data" {
  bucket = "data"

  access_control_policy {
    dynamic "grant" {
      for_each = local.grants

      content {
        permission = grant.value.permission

        grantee {
          type = grant.value.type
          uri  = grant.value.uri
        }
      }
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
    ],
    evaluate: acl_global_view,
};

/// The grantee URI of the group of everyone on the internet.
const ALL_USERS: &str = "http://acs.amazonaws.com/groups/global/AllUsers";

/// Failed when a grant gives `AllUsers` `FULL_CONTROL` or `READ_ACP`. Checkov looks at exactly
/// these two permissions: `READ` or `WRITE` for everyone is left to other checks.
fn acl_global_view(resource: &Resource<'_>) -> Verdict {
    let Some(policies) = blocks(resource.attributes, "access_control_policy") else {
        return Verdict::Unknown;
    };
    let mut open = Some(false);
    for policy in policies {
        let Some(grants) = blocks(policy, "grant") else {
            open = either(open, None);
            continue;
        };
        for grant in grants {
            let permission = match grant.get("permission") {
                Some(Value::Unknown) => None,
                permission => Some(
                    permission
                        .and_then(Value::as_str)
                        .is_some_and(|text| text == "FULL_CONTROL" || text == "READ_ACP"),
                ),
            };
            open = either(open, all_of([permission, grants_all_users(grant)]));
        }
    }
    match open {
        Some(true) => Verdict::Failed,
        Some(false) => Verdict::Passed,
        None => Verdict::Unknown,
    }
}

/// Whether any grantee of a grant is the `AllUsers` group; `None` when that is unknown.
fn grants_all_users(grant: &Value) -> Option<bool> {
    let grantees = blocks(grant, "grantee")?;
    any_of_options(grantees.iter().map(|grantee| match grantee.get("uri") {
        Some(Value::Unknown) => None,
        uri => Some(uri.and_then(Value::as_str) == Some(ALL_USERS)),
    }))
}

static ACL_SECURE_TRANSPORT: Check = Check {
    id: "CKV_AWS_379",
    name: "Ensure AWS S3 bucket is configured with secure data transport policy",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_bucket_acl"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A bucket whose ACL makes it public also has a policy that refuses requests not made over HTTPS.",
        why: "Objects read from a public bucket over plain HTTP can be read and altered by anyone on the network path.",
        fix: "Keep the bucket private, or attach a bucket policy that denies requests where `aws:SecureTransport` is false.",
        fixed: r#"resource "aws_s3_bucket_acl" "data" {
  bucket = aws_s3_bucket.data.id
  acl    = "private"
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_bucket_acl" "data" {
  bucket = "data"
  acl    = "private"
}"#,
        r#"
resource "aws_s3_bucket_acl" "data" {
  bucket = "data"

  access_control_policy {
    grant {
      grantee {
        type = "Group"
        uri  = "http://acs.amazonaws.com/groups/s3/LogDelivery"
      }
      permission = "WRITE"
    }

    owner {
      id = "79a59df900b949e55d96a1e698fbacedfd6e09d98eacf8f8d5218e7cd47ef2be"
    }
  }
}"#,
        r#"
variable "acl" {
  type    = string
  default = "log-delivery-write"
}

resource "aws_s3_bucket_acl" "logs" {
  bucket = "logs"
  acl    = var.acl == "null" ? null : var.acl
}"#,
    ],
    // A public bucket fails only when the rest of its configuration (public access block,
    // website, bucket policy) does not make up for it, which this check cannot see yet: no
    // snippet fails it.
    failing: &[],
    evaluate: acl_secure_transport,
};

/// Checkov passes a bucket ACL that is not public. For a public one (a `public-read` or
/// `public-read-write` canned ACL, or a grant to `AllUsers`) its verdict depends on the
/// bucket's other resources: a public access block, a website configuration, a bucket
/// policy with an `aws:SecureTransport` condition. This check sees only the ACL, so it
/// answers Unknown there rather than guess.
fn acl_secure_transport(resource: &Resource<'_>) -> Verdict {
    let canned_public = match resource.get("acl") {
        Some(Value::Unknown) => None,
        acl => Some(
            acl.and_then(Value::as_str)
                .is_some_and(|text| text == "public-read" || text == "public-read-write"),
        ),
    };
    let granted_public = match blocks(resource.attributes, "access_control_policy") {
        None => None,
        Some([]) => Some(false),
        Some([policy, ..]) => match blocks(policy, "grant") {
            None => None,
            Some(grants) => any_of_options(grants.iter().map(first_grantee_is_all_users)),
        },
    };
    match either(canned_public, granted_public) {
        Some(false) => Verdict::Passed,
        _ => Verdict::Unknown,
    }
}

/// Whether a grant's first grantee is the `AllUsers` group (the only one Checkov reads here).
fn first_grantee_is_all_users(grant: &Value) -> Option<bool> {
    match blocks(grant, "grantee")? {
        [] => Some(false),
        [grantee, ..] => match grantee.get("uri") {
            Some(Value::Unknown) => None,
            uri => Some(uri.and_then(Value::as_str) == Some(ALL_USERS)),
        },
    }
}

static ACCESS_POINT_BLOCKS_PUBLIC_ACCESS: Check = Check {
    id: "CKV_AWS_392",
    name: "Ensure AWS S3 access point block public access setting is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_s3_access_point"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An S3 access point does not turn off every one of its block public access settings.",
        why: "An access point with all of them off can serve the bucket's objects to anyone on the internet.",
        fix: "Leave the `public_access_block_configuration` settings at their default, `true`, or turn at least one back on.",
        fixed: r#"resource "aws_s3_access_point" "reports" {
  bucket = aws_s3_bucket.reports.id
  name   = "reports"

  public_access_block_configuration {
    block_public_acls       = true
    block_public_policy     = true
    ignore_public_acls      = true
    restrict_public_buckets = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_s3_access_point" "reports" {
  bucket = "reports"
  name   = "reports"
}"#,
        r#"
resource "aws_s3_access_point" "reports" {
  bucket = "reports"
  name   = "reports"

  public_access_block_configuration {
    block_public_acls       = false
    block_public_policy     = false
    ignore_public_acls      = false
    restrict_public_buckets = true
  }
}"#,
        r#"
# Checkov requires `ignore_public_acls` to be written before it fails an access point.
resource "aws_s3_access_point" "reports" {
  bucket = "reports"
  name   = "reports"

  public_access_block_configuration {
    block_public_acls       = false
    block_public_policy     = false
    restrict_public_buckets = false
  }
}"#,
    ],
    failing: &[r#"
resource "aws_s3_access_point" "reports" {
  bucket = "reports"
  name   = "reports"

  public_access_block_configuration {
    block_public_acls       = false
    block_public_policy     = false
    ignore_public_acls      = false
    restrict_public_buckets = false
  }
}"#,
        r#"
resource "aws_s3_access_point" "reports" {
  bucket = "reports"
  name   = "reports"

  public_access_block_configuration {
    block_public_acls       = "false"
    block_public_policy     = "false"
    ignore_public_acls      = true
    restrict_public_buckets = "false"
  }
}"#,
    ],
    evaluate: access_point_blocks_public_access,
};

/// Checkov fails an access point only when its first `public_access_block_configuration`
/// sets `block_public_acls`, `block_public_policy` and `restrict_public_buckets` all to
/// false. It requires `ignore_public_acls` to be written too, but whatever its value.
fn access_point_blocks_public_access(resource: &Resource<'_>) -> Verdict {
    let configuration = match blocks(resource.attributes, "public_access_block_configuration") {
        None => return Verdict::Unknown,
        Some([]) => return Verdict::Passed,
        Some([first, ..]) => first,
    };
    if configuration.is_unknown() {
        return Verdict::Unknown;
    }
    let ignore_written = !matches!(
        configuration.get("ignore_public_acls"),
        None | Some(Value::Null)
    );
    let is_false = |name: &str| match configuration.get(name) {
        Some(Value::Unknown) => None,
        value => Some(value.and_then(Value::as_bool) == Some(false)),
    };
    let all_off = all_of([
        Some(ignore_written),
        is_false("block_public_acls"),
        is_false("block_public_policy"),
        is_false("restrict_public_buckets"),
    ]);
    match all_off {
        Some(true) => Verdict::Failed,
        Some(false) => Verdict::Passed,
        None => Verdict::Unknown,
    }
}

/// The nested blocks of one type in `parent` (none when absent); `None` when they are unknown,
/// e.g. a dynamic block over a value known only after apply.
fn blocks<'a>(parent: &'a Value, name: &str) -> Option<&'a [Value]> {
    match parent.get(name) {
        None | Some(Value::Null) => Some(&[]),
        Some(Value::List(items)) if !items.iter().any(Value::is_unknown) => Some(items),
        Some(single @ Value::Object(_)) => Some(core::slice::from_ref(single)),
        Some(_) => None,
    }
}

/// Three-valued "or": true when one is true, unknown when none is true but one is unknown.
fn either(left: Option<bool>, right: Option<bool>) -> Option<bool> {
    match (left, right) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (Some(false), Some(false)) => Some(false),
        _ => None,
    }
}

/// Three-valued "and": false when one is false, unknown when none is false but one is
/// unknown.
fn all_of<const N: usize>(parts: [Option<bool>; N]) -> Option<bool> {
    if parts.contains(&Some(false)) {
        Some(false)
    } else if parts.contains(&None) {
        None
    } else {
        Some(true)
    }
}

/// Three-valued "or" over many.
fn any_of_options(parts: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    parts.fold(Some(false), either)
}

/// Passed when one part holds, Unknown when none does but one is unknown, else Failed.
fn any_of(parts: impl Iterator<Item = Option<bool>>) -> Verdict {
    match any_of_options(parts) {
        Some(true) => Verdict::Passed,
        Some(false) => Verdict::Failed,
        None => Verdict::Unknown,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;
    use alloc::vec::Vec;

    fn resource<'a>(resource_type: &'a str, attributes: &'a Value) -> Resource<'a> {
        Resource {
            kind: EntityKind::Resource,
            resource_type,
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    fn block(pairs: Vec<(&str, Value)>) -> Value {
        Value::List(vec![object(pairs)])
    }

    fn lifecycle_rule(status: Value, filter: Option<Value>) -> Value {
        let mut pairs = vec![
            ("status", status),
            (
                "abort_incomplete_multipart_upload",
                block(vec![("days_after_initiation", Value::Number(7.0))]),
            ),
        ];
        if let Some(filter) = filter {
            pairs.push(("filter", filter));
        }
        object(pairs)
    }

    #[test]
    fn lifecycle_rule_must_be_enabled_and_unfiltered() {
        let lifecycle = |rules: Vec<Value>| object([("rule", Value::List(rules))]);
        let check = |attributes: &Value| {
            abort_incomplete_uploads(&resource(
                "aws_s3_bucket_lifecycle_configuration",
                attributes,
            ))
        };

        let enabled = lifecycle(vec![lifecycle_rule(Value::from("Enabled"), None)]);
        assert_eq!(check(&enabled), Verdict::Passed);

        let empty_filter = lifecycle(vec![lifecycle_rule(
            Value::from("Enabled"),
            Some(Value::List(vec![object::<[(&str, Value); 0], &str>([])])),
        )]);
        assert_eq!(check(&empty_filter), Verdict::Passed);

        let prefixed = lifecycle(vec![lifecycle_rule(
            Value::from("Enabled"),
            Some(block(vec![("prefix", Value::from(""))])),
        )]);
        assert_eq!(check(&prefixed), Verdict::Failed);

        let unknown_status = lifecycle(vec![lifecycle_rule(Value::Unknown, None)]);
        assert_eq!(check(&unknown_status), Verdict::Unknown);

        let one_known_good = lifecycle(vec![
            lifecycle_rule(Value::Unknown, None),
            lifecycle_rule(Value::from("Enabled"), None),
        ]);
        assert_eq!(check(&one_known_good), Verdict::Passed);

        assert_eq!(check(&object([("rule", Value::Unknown)])), Verdict::Unknown);
        assert_eq!(
            check(&object([("bucket", Value::from("b"))])),
            Verdict::Failed
        );
    }

    fn acl_with_grant(permission: Value, uri: Value) -> Value {
        object([(
            "access_control_policy",
            block(vec![(
                "grant",
                block(vec![
                    ("permission", permission),
                    (
                        "grantee",
                        block(vec![("type", Value::from("Group")), ("uri", uri)]),
                    ),
                ]),
            )]),
        )])
    }

    #[test]
    fn global_view_needs_both_permission_and_all_users() {
        let check =
            |attributes: &Value| acl_global_view(&resource("aws_s3_bucket_acl", attributes));

        let open = acl_with_grant(Value::from("READ_ACP"), Value::from(ALL_USERS));
        assert_eq!(check(&open), Verdict::Failed);

        let read_only = acl_with_grant(Value::from("READ"), Value::from(ALL_USERS));
        assert_eq!(check(&read_only), Verdict::Passed);

        let unknown_uri = acl_with_grant(Value::from("FULL_CONTROL"), Value::Unknown);
        assert_eq!(check(&unknown_uri), Verdict::Unknown);

        let unknown_permission_elsewhere = acl_with_grant(Value::Unknown, Value::from("x"));
        assert_eq!(check(&unknown_permission_elsewhere), Verdict::Passed);
    }

    #[test]
    fn secure_transport_is_unknown_for_public_buckets() {
        let check =
            |attributes: &Value| acl_secure_transport(&resource("aws_s3_bucket_acl", attributes));

        assert_eq!(
            check(&object([("acl", Value::from("public-read"))])),
            Verdict::Unknown
        );
        assert_eq!(
            check(&object([("acl", Value::from("private"))])),
            Verdict::Passed
        );
        assert_eq!(check(&object([("acl", Value::Unknown)])), Verdict::Unknown);

        let all_users = acl_with_grant(Value::from("READ"), Value::from(ALL_USERS));
        assert_eq!(check(&all_users), Verdict::Unknown);
    }

    #[test]
    fn access_point_fails_only_with_every_setting_off() {
        let check = |settings: Vec<(&str, Value)>| {
            let attributes = object([("public_access_block_configuration", block(settings))]);
            access_point_blocks_public_access(&resource("aws_s3_access_point", &attributes))
        };
        let off = || Value::Bool(false);

        assert_eq!(
            check(vec![
                ("block_public_acls", off()),
                ("block_public_policy", off()),
                ("ignore_public_acls", Value::Bool(true)),
                ("restrict_public_buckets", Value::from("false")),
            ]),
            Verdict::Failed
        );
        assert_eq!(
            check(vec![
                ("block_public_acls", off()),
                ("block_public_policy", off()),
                ("restrict_public_buckets", off()),
            ]),
            Verdict::Passed
        );
        assert_eq!(
            check(vec![
                ("block_public_acls", off()),
                ("block_public_policy", Value::Unknown),
                ("ignore_public_acls", off()),
                ("restrict_public_buckets", off()),
            ]),
            Verdict::Unknown
        );
    }

    #[test]
    fn object_lock_needs_the_block() {
        let check = |attributes: &Value| object_lock(&resource("aws_s3_bucket", attributes));

        assert_eq!(
            check(&object([("bucket", Value::from("b"))])),
            Verdict::NotApplicable
        );
        let enabled = object([(
            "object_lock_configuration",
            block(vec![("object_lock_enabled", Value::from("Enabled"))]),
        )]);
        assert_eq!(check(&enabled), Verdict::Passed);
        let unknown = object([(
            "object_lock_configuration",
            block(vec![("object_lock_enabled", Value::Unknown)]),
        )]);
        assert_eq!(check(&unknown), Verdict::Unknown);
        let empty = object([(
            "object_lock_configuration",
            Value::List(vec![object::<[(&str, Value); 0], &str>([])]),
        )]);
        assert_eq!(check(&empty), Verdict::NotApplicable);
    }
}
