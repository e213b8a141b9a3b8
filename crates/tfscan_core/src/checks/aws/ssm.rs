//! AWS Systems Manager checks: Session Manager preference documents, document sharing and
//! parameters.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::{self, truthy, Document};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &SESSION_ENCRYPTION,
    &SESSION_LOGGING,
    &DOCUMENT_NOT_PUBLIC,
    &PARAMETER_CMK,
];

/// The `inputs` of a Session Manager preferences document, or the verdict to give without
/// them: no verdict for other documents. JSON and YAML content are read.
fn session_inputs(resource: &Resource<'_>) -> Result<Option<Value>, Verdict> {
    match resource.get("document_type") {
        Some(Value::Unknown) => return Err(Verdict::Unknown),
        Some(kind) if kind.as_str() == Some("Session") => {}
        _ => return Err(Verdict::NotApplicable),
    }
    let Some(content) = resource.get("content") else {
        return Err(Verdict::NotApplicable);
    };
    let format = match resource.get("document_format") {
        None => "JSON",
        Some(Value::Unknown) => return Err(Verdict::Unknown),
        Some(format) => format.as_str().unwrap_or_default(),
    };
    let document = match content {
        Value::Object(_) => Some(content.clone()),
        _ if content.is_unknown() => return Err(Verdict::Unknown),
        Value::String(text) if format == "YAML" => {
            crate::eval::functions::call("yamldecode", &[Value::String(text.clone())])
                .ok()
                .filter(|document| !document.is_unknown())
        }
        _ if format != "JSON" => None,
        _ => match iam_policy::read_attribute(Some(content)) {
            Some(Document::Known(document)) => Some(document),
            Some(Document::Unknown) => return Err(Verdict::Unknown),
            _ => None,
        },
    };
    Ok(document.and_then(|document| document.get("inputs").cloned()))
}

static SESSION_ENCRYPTION: Check = Check {
    id: "CKV_AWS_112",
    name: "Ensure Session Manager data is encrypted in transit",
    kind: EntityKind::Resource,
    resource_types: &["aws_ssm_document"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Session Manager preferences document that sets inputs names a KMS key for session data.",
        why: "Without a KMS key, session traffic is protected only by TLS, and commands and output are not encrypted end to end.",
        fix: "Set `kmsKeyId` in the document's `inputs`.",
        fixed: r#"resource "aws_ssm_document" "session_preferences" {
  name            = "SSM-SessionManagerRunShell"
  document_type   = "Session"
  document_format = "JSON"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs        = { kmsKeyId = aws_kms_key.sessions.arn }
  })
}"#,
    },
    passing: &[r#"
resource "aws_ssm_document" "session_preferences" {
  document_type = "Session"
  content = jsonencode({
    sessionType = "Standard_Stream"
    inputs      = { kmsKeyId = "alias/sessions" }
  })
}"#],
    failing: &[r#"
resource "aws_ssm_document" "session_preferences" {
  document_type = "Session"
  content = jsonencode({
    sessionType = "Standard_Stream"
    inputs      = { s3BucketName = "session-logs" }
  })
}"#],
    evaluate: session_encryption,
};

fn session_encryption(resource: &Resource<'_>) -> Verdict {
    match session_inputs(resource) {
        Err(verdict) => verdict,
        Ok(Some(inputs)) if truthy(&inputs) => {
            rules::verdict(inputs.get("kmsKeyId").is_some_and(truthy))
        }
        Ok(_) => Verdict::Passed,
    }
}

static SESSION_LOGGING: Check = Check {
    id: "CKV_AWS_113",
    name: "Ensure Session Manager logs are enabled and encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_ssm_document"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Session Manager preferences document sends session logs to S3 or CloudWatch Logs with encryption required.",
        why: "Session logs record every command run on managed instances; unencrypted or missing, they either leak or are not there when needed.",
        fix: "Set `s3BucketName` with `s3EncryptionEnabled = true`, or `cloudWatchLogGroupName` with `cloudWatchEncryptionEnabled = true`, in `inputs`.",
        fixed: r#"resource "aws_ssm_document" "session_preferences" {
  name          = "SSM-SessionManagerRunShell"
  document_type = "Session"
  content = jsonencode({
    schemaVersion = "1.0"
    sessionType   = "Standard_Stream"
    inputs = {
      cloudWatchLogGroupName      = aws_cloudwatch_log_group.sessions.name
      cloudWatchEncryptionEnabled = true
    }
  })
}"#,
    },
    passing: &[r#"
resource "aws_ssm_document" "session_preferences" {
  document_type = "Session"
  content = jsonencode({
    inputs = { s3BucketName = "session-logs", s3EncryptionEnabled = true }
  })
}

resource "aws_ssm_document" "session_preferences_yaml" {
  document_type   = "Session"
  document_format = "YAML"
  content         = <<-EOT
    schemaVersion: "1.0"
    inputs:
      cloudWatchLogGroupName: sessions
      cloudWatchEncryptionEnabled: true
  EOT
}"#],
    failing: &[
        r#"
resource "aws_ssm_document" "session_preferences" {
  document_type = "Session"
  content = jsonencode({
    inputs = { cloudWatchLogGroupName = "sessions", cloudWatchEncryptionEnabled = false }
  })
}"#,
        r#"
resource "aws_ssm_document" "session_preferences" {
  document_type   = "Session"
  document_format = "YAML"
  content         = <<-EOT
    inputs:
      s3BucketName: session-logs
      s3EncryptionEnabled: false
  EOT
}"#,
    ],
    evaluate: session_logging,
};

fn session_logging(resource: &Resource<'_>) -> Verdict {
    let inputs = match session_inputs(resource) {
        Err(verdict) => return verdict,
        Ok(Some(inputs)) if truthy(&inputs) => inputs,
        Ok(_) => return Verdict::NotApplicable,
    };
    let both = |first: &str, second: &str| {
        inputs.get(first).is_some_and(truthy) && inputs.get(second).is_some_and(truthy)
    };
    rules::verdict(
        both("s3BucketName", "s3EncryptionEnabled")
            || both("cloudWatchLogGroupName", "cloudWatchEncryptionEnabled"),
    )
}

static DOCUMENT_NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_303",
    name: "Ensure SSM documents are not Public",
    kind: EntityKind::Resource,
    resource_types: &["aws_ssm_document"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The document is not shared with every AWS account (`account_ids = \"All\"`).",
        why: "A public document exposes its commands, and any secrets or internal details in them, to everyone.",
        fix: "Share the document with named account IDs, or not at all.",
        fixed: r#"resource "aws_ssm_document" "maintenance" {
  name          = "maintenance"
  document_type = "Command"
  permissions = {
    type        = "Share"
    account_ids = "111122223333"
  }
}"#,
    },
    passing: &[r#"
resource "aws_ssm_document" "maintenance" {
  document_type = "Command"
  permissions = {
    type        = "Share"
    account_ids = "111122223333"
  }
}"#],
    failing: &[r#"
resource "aws_ssm_document" "maintenance" {
  document_type = "Command"
  permissions = {
    type        = "Share"
    account_ids = "All"
  }
}"#],
    evaluate: document_not_public,
};

fn document_not_public(resource: &Resource<'_>) -> Verdict {
    let account_ids = resource
        .get("permissions.0.account_ids")
        .or_else(|| resource.get("permissions.account_ids"));
    match account_ids {
        None | Some(Value::Null) => Verdict::Passed,
        Some(Value::Unknown) => Verdict::Unknown,
        Some(ids) => rules::verdict(ids.as_str() != Some("All")),
    }
}

static PARAMETER_CMK: Check = Check {
    id: "CKV_AWS_337",
    name: "Ensure SSM parameters are using KMS CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_ssm_parameter"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The parameter names the KMS key that encrypts it.",
        why: "With the default AWS managed key you cannot restrict or audit who decrypts the parameter separately.",
        fix: "Set `key_id` to a customer managed KMS key.",
        fixed: r#"resource "aws_ssm_parameter" "db_password" {
  name   = "/app/db/password"
  type   = "SecureString"
  value  = var.db_password
  key_id = aws_kms_key.parameters.arn
}"#,
    },
    passing: &[r#"
resource "aws_ssm_parameter" "db_password" {
  type   = "SecureString"
  key_id = "alias/parameters"
}"#],
    failing: &[r#"
resource "aws_ssm_parameter" "db_password" {
  type = "SecureString"
}"#],
    evaluate: parameter_cmk,
};

fn parameter_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "key_id")
}
