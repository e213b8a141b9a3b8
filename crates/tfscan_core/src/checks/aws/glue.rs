//! AWS Glue checks: Data Catalog encryption, security configurations and their use.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &DATA_CATALOG_ENCRYPTED,
    &SECURITY_CONFIGURATION_ENCRYPTED,
    &SECURITY_CONFIGURATION_USED,
];

static DATA_CATALOG_ENCRYPTED: Check = Check {
    id: "CKV_AWS_94",
    name: "Ensure Glue Data Catalog Encryption is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_glue_data_catalog_encryption_settings"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The Glue Data Catalog encrypts its metadata with KMS (`SSE-KMS` and a key) and returns connection passwords encrypted with a key.",
        why: "Catalog metadata and connection passwords describe and open every data store the catalog points to.",
        fix: "Set `encryption_at_rest` to `SSE-KMS` with `sse_aws_kms_key_id`, and `connection_password_encryption` with `return_connection_password_encrypted = true` and `aws_kms_key_id`.",
        fixed: r#"resource "aws_glue_data_catalog_encryption_settings" "catalog" {
  data_catalog_encryption_settings {
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = aws_kms_key.glue.arn
    }

    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                       = aws_kms_key.glue.arn
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_glue_data_catalog_encryption_settings" "catalog" {
  data_catalog_encryption_settings {
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
    }

    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_glue_data_catalog_encryption_settings" "catalog" {
  data_catalog_encryption_settings {
    encryption_at_rest {
      catalog_encryption_mode = "DISABLED"
    }

    connection_password_encryption {
      return_connection_password_encrypted = true
      aws_kms_key_id                       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
    }
  }
}"#,
        r#"
resource "aws_glue_data_catalog_encryption_settings" "catalog" {
  data_catalog_encryption_settings {
    encryption_at_rest {
      catalog_encryption_mode = "SSE-KMS"
      sse_aws_kms_key_id      = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
    }

    connection_password_encryption {
      return_connection_password_encrypted = false
      aws_kms_key_id                       = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
    }
  }
}"#,
    ],
    evaluate: data_catalog_encrypted,
};

fn data_catalog_encrypted(resource: &Resource<'_>) -> Verdict {
    let Some(settings) = resource.get("data_catalog_encryption_settings.0") else {
        return Verdict::Failed;
    };
    let at_rest = mode_with_key(
        settings.lookup("encryption_at_rest.0"),
        "catalog_encryption_mode",
        |mode| mode.as_str() == Some("SSE-KMS"),
        "sse_aws_kms_key_id",
    );
    let passwords = mode_with_key(
        settings.lookup("connection_password_encryption.0"),
        "return_connection_password_encrypted",
        |flag| matches!(flag, Value::Bool(true)),
        "aws_kms_key_id",
    );
    both(at_rest, passwords)
}

/// Whether a block's `mode` satisfies `accepted` and its `key` is written (any value, as
/// Checkov only asks for the attribute); `None` when the mode is unknown.
fn mode_with_key(
    block: Option<&Value>,
    mode: &str,
    accepted: impl Fn(&Value) -> bool,
    key: &str,
) -> Option<bool> {
    let Some(block) = block else {
        return Some(false);
    };
    if block.is_unknown() {
        return None;
    }
    match block.get(mode) {
        Some(known_later) if known_later.is_unknown() => None,
        Some(value) => Some(accepted(value) && block.get(key).is_some()),
        None => Some(false),
    }
}

/// Passed when both parts hold, Failed when one is known not to, Unknown otherwise.
fn both(first: Option<bool>, second: Option<bool>) -> Verdict {
    match (first, second) {
        (Some(false), _) | (_, Some(false)) => Verdict::Failed,
        (Some(true), Some(true)) => Verdict::Passed,
        _ => Verdict::Unknown,
    }
}

static SECURITY_CONFIGURATION_ENCRYPTED: Check = Check {
    id: "CKV_AWS_99",
    name: "Ensure Glue Security Configuration Encryption is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_glue_security_configuration"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Glue security configuration encrypts CloudWatch logs (`SSE-KMS`), job bookmarks (`CSE-KMS`), each with a key, and S3 output.",
        why: "Jobs run with a partial configuration leave logs, bookmarks or output unencrypted.",
        fix: "Set all three of `cloudwatch_encryption`, `job_bookmarks_encryption` (with `kms_key_arn`) and `s3_encryption` in `encryption_configuration`.",
        fixed: r#"resource "aws_glue_security_configuration" "jobs" {
  name = "jobs"

  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = aws_kms_key.glue.arn
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = aws_kms_key.glue.arn
    }

    s3_encryption {
      s3_encryption_mode = "SSE-KMS"
      kms_key_arn        = aws_kms_key.glue.arn
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_glue_security_configuration" "jobs" {
  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "SSE-KMS"
      kms_key_arn                = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
    }

    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_glue_security_configuration" "jobs" {
  encryption_configuration {
    cloudwatch_encryption {
      cloudwatch_encryption_mode = "DISABLED"
    }

    job_bookmarks_encryption {
      job_bookmarks_encryption_mode = "CSE-KMS"
      kms_key_arn                   = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
    }

    s3_encryption {
      s3_encryption_mode = "SSE-S3"
    }
  }
}"#,
        r#"
resource "aws_glue_security_configuration" "jobs" {
  name = "jobs"
}"#,
    ],
    evaluate: security_configuration_encrypted,
};

fn security_configuration_encrypted(resource: &Resource<'_>) -> Verdict {
    let Some(configuration) = resource.get("encryption_configuration.0") else {
        return Verdict::Failed;
    };
    let logs = mode_with_key(
        configuration.lookup("cloudwatch_encryption.0"),
        "cloudwatch_encryption_mode",
        |mode| mode.as_str() == Some("SSE-KMS"),
        "kms_key_arn",
    );
    let bookmarks = mode_with_key(
        configuration.lookup("job_bookmarks_encryption.0"),
        "job_bookmarks_encryption_mode",
        |mode| mode.as_str() == Some("CSE-KMS"),
        "kms_key_arn",
    );
    let output = match configuration.lookup("s3_encryption.0.s3_encryption_mode") {
        Some(known_later) if known_later.is_unknown() => None,
        Some(mode) => Some(mode.as_str() != Some("DISABLED")),
        None => Some(false),
    };
    match both(logs, bookmarks) {
        Verdict::Passed => both(Some(true), output),
        Verdict::Unknown if output == Some(false) => Verdict::Failed,
        other => other,
    }
}

static SECURITY_CONFIGURATION_USED: Check = Check {
    id: "CKV_AWS_195",
    name: "Ensure Glue component has a security configuration associated",
    kind: EntityKind::Resource,
    resource_types: &["aws_glue_crawler", "aws_glue_dev_endpoint", "aws_glue_job"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Glue crawler, development endpoint or job names a security configuration.",
        why: "Without one, the logs, bookmarks and S3 output it writes are not encrypted with your keys.",
        fix: "Set `security_configuration` to the name of an `aws_glue_security_configuration`.",
        fixed: r#"resource "aws_glue_job" "etl" {
  name                   = "etl"
  role_arn               = aws_iam_role.glue.arn
  security_configuration = aws_glue_security_configuration.jobs.name

  command {
    script_location = "s3://scripts/etl.py"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_glue_job" "etl" {
  security_configuration = "jobs"
}"#,
        r#"
resource "aws_glue_crawler" "raw" {
  security_configuration = "jobs"
}

resource "aws_glue_dev_endpoint" "dev" {
  security_configuration = "jobs"
}"#,
    ],
    failing: &[
        r#"
resource "aws_glue_job" "etl" {
  name = "etl"
}"#,
        r#"
resource "aws_glue_crawler" "raw" {
  name = "raw"
}"#,
        r#"
resource "aws_glue_dev_endpoint" "dev" {
  name = "dev"
}"#,
    ],
    evaluate: security_configuration_used,
};

fn security_configuration_used(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "security_configuration")
}
