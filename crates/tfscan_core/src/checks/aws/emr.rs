//! Amazon EMR cluster, security configuration and account setting checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::{self, Document};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &KERBEROS_REALM,
    &SSE_KMS,
    &LOCAL_DISK_ENCRYPTION,
    &EBS_ENCRYPTION,
    &IN_TRANSIT_ENCRYPTION,
    &BLOCK_PUBLIC_ACCESS,
];

static KERBEROS_REALM: Check = Check {
    id: "CKV_AWS_114",
    name: "Ensure that EMR clusters with Kerberos have Kerberos Realm set",
    kind: EntityKind::Resource,
    resource_types: &["aws_emr_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A cluster that configures Kerberos names its Kerberos realm.",
        why: "Without a realm the cluster's Kerberos authentication is incomplete and cannot vouch for its users.",
        fix: "Set `realm` in the `kerberos_attributes` block.",
        fixed: r#"resource "aws_emr_cluster" "analytics" {
  name          = "analytics"
  release_label = "emr-6.15.0"
  service_role  = aws_iam_role.emr.arn
  kerberos_attributes {
    kdc_admin_password = var.kdc_admin_password
    realm              = "EC2.INTERNAL"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_emr_cluster" "analytics" {
  kerberos_attributes {
    kdc_admin_password = "example-only"
    realm              = "EC2.INTERNAL"
  }
}"#,
        r#"
resource "aws_emr_cluster" "analytics" {
  kerberos_attributes {
    kdc_admin_password = "example-only"
    realm              = "EC2.INTERNAL"
  }
}

resource "aws_emr_cluster" "without_kerberos" {
  name = "no verdict"
}"#,
    ],
    failing: &[r#"
resource "aws_emr_cluster" "analytics" {
  kerberos_attributes {
    kdc_admin_password = "example-only"
  }
}"#],
    evaluate: kerberos_realm,
};

fn kerberos_realm(resource: &Resource<'_>) -> Verdict {
    match resource.get("kerberos_attributes.0") {
        None => Verdict::NotApplicable,
        Some(Value::Unknown) => Verdict::Unknown,
        Some(attributes) => rules::verdict(attributes.get("realm").is_some()),
    }
}

static SSE_KMS: Check = Check {
    id: "CKV_AWS_171",
    name: "Ensure EMR Cluster security configuration encryption is using SSE-KMS",
    kind: EntityKind::Resource,
    resource_types: &["aws_emr_security_configuration"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The security configuration mentions `SSE-KMS`, the S3 encryption mode that uses a KMS key.",
        why: "With SSE-KMS, access to the cluster's S3 data also needs the key, and every use of the key is logged.",
        fix: "Set `EncryptionMode` to `SSE-KMS` with an `AwsKmsKey` in the `S3EncryptionConfiguration`.",
        fixed: r#"resource "aws_emr_security_configuration" "analytics" {
  name = "analytics"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        S3EncryptionConfiguration = { EncryptionMode = "SSE-KMS", AwsKmsKey = aws_kms_key.emr.arn }
      }
    }
  })
}"#,
    },
    passing: &[r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"EncryptionConfiguration": {"EnableAtRestEncryption": true,
      "AtRestEncryptionConfiguration": {"S3EncryptionConfiguration": {"EncryptionMode": "SSE-KMS"}}}}
  JSON
}"#],
    failing: &[r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"EncryptionConfiguration": {"EnableAtRestEncryption": true,
      "AtRestEncryptionConfiguration": {"S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"}}}}
  JSON
}"#],
    evaluate: sse_kms,
};

/// Checkov searches the configuration's text for `SSE-KMS`, wherever it appears.
fn sse_kms(resource: &Resource<'_>) -> Verdict {
    match resource.get("configuration") {
        None => Verdict::NotApplicable,
        Some(Value::String(text)) => rules::verdict(text.contains("SSE-KMS")),
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => rules::verdict(mentions(value, "SSE-KMS")),
    }
}

/// Whether a key or a string anywhere in the value contains `needle`.
fn mentions(value: &Value, needle: &str) -> bool {
    match value {
        Value::String(text) => text.contains(needle),
        Value::List(items) => items.iter().any(|item| mentions(item, needle)),
        Value::Object(map) => map
            .iter()
            .any(|(key, item)| key.contains(needle) || mentions(item, needle)),
        _ => false,
    }
}

/// The parsed `EncryptionConfiguration`, or the verdict when there is none to read: no
/// verdict when the configuration is absent or not a JSON object, Failed when it has no
/// encryption configuration.
fn encryption_configuration(resource: &Resource<'_>) -> Result<Value, Verdict> {
    let document = match iam_policy::read_attribute(resource.get("configuration")) {
        None | Some(Document::Invalid) => return Err(Verdict::NotApplicable),
        Some(Document::Unknown) => return Err(Verdict::Unknown),
        Some(Document::Known(document)) => document,
    };
    if document.as_object().is_none() {
        return Err(Verdict::NotApplicable);
    }
    match document.get("EncryptionConfiguration") {
        Some(config @ Value::Object(_)) => Ok(config.clone()),
        _ => Err(Verdict::Failed),
    }
}

/// Passed when at-rest encryption is switched on (the boolean `true`) and the value at
/// `path` under `AtRestEncryptionConfiguration` is there and truthy.
fn at_rest_setting(resource: &Resource<'_>, path: &str) -> Verdict {
    let config = match encryption_configuration(resource) {
        Ok(config) => config,
        Err(verdict) => return verdict,
    };
    if config.get("EnableAtRestEncryption") != Some(&Value::Bool(true)) {
        return Verdict::Failed;
    }
    let setting = config
        .get("AtRestEncryptionConfiguration")
        .and_then(|at_rest| at_rest.lookup(path));
    rules::verdict(setting.is_some_and(iam_policy::truthy))
}

static LOCAL_DISK_ENCRYPTION: Check = Check {
    id: "CKV_AWS_349",
    name: "Ensure EMR Cluster security configuration encrypts local disks",
    kind: EntityKind::Resource,
    resource_types: &["aws_emr_security_configuration"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The security configuration turns on at-rest encryption and configures local disk encryption.",
        why: "Cluster nodes spill intermediate job data to local disks, which stay readable on the host without encryption.",
        fix: "Set `EnableAtRestEncryption` to true and add a `LocalDiskEncryptionConfiguration`.",
        fixed: r#"resource "aws_emr_security_configuration" "analytics" {
  name = "analytics"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = aws_kms_key.emr.arn
          EnableEbsEncryption       = true
        }
      }
    }
  })
}"#,
    },
    passing: &[r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"EncryptionConfiguration": {"EnableAtRestEncryption": true,
      "AtRestEncryptionConfiguration": {"LocalDiskEncryptionConfiguration": {
        "EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": "alias/emr"}}}}
  JSON
}"#],
    failing: &[
        r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"EncryptionConfiguration": {"EnableAtRestEncryption": true,
      "AtRestEncryptionConfiguration": {"S3EncryptionConfiguration": {"EncryptionMode": "SSE-S3"}}}}
  JSON
}"#,
        r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"EncryptionConfiguration": {"EnableAtRestEncryption": false, "EnableInTransitEncryption": false}}
  JSON
}"#,
    ],
    evaluate: local_disk_encryption,
};

fn local_disk_encryption(resource: &Resource<'_>) -> Verdict {
    at_rest_setting(resource, "LocalDiskEncryptionConfiguration")
}

static EBS_ENCRYPTION: Check = Check {
    id: "CKV_AWS_350",
    name: "Ensure EMR Cluster security configuration encrypts EBS disks",
    kind: EntityKind::Resource,
    resource_types: &["aws_emr_security_configuration"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The security configuration turns on at-rest encryption and `EnableEbsEncryption` in its local disk encryption.",
        why: "EBS volumes attached to cluster nodes hold job data and can be copied through snapshots.",
        fix: "Set `EnableEbsEncryption` to true in the `LocalDiskEncryptionConfiguration`.",
        fixed: r#"resource "aws_emr_security_configuration" "analytics" {
  name = "analytics"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = true
      EnableInTransitEncryption = false
      AtRestEncryptionConfiguration = {
        LocalDiskEncryptionConfiguration = {
          EncryptionKeyProviderType = "AwsKms"
          AwsKmsKey                 = aws_kms_key.emr.arn
          EnableEbsEncryption       = true
        }
      }
    }
  })
}"#,
    },
    passing: &[r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"EncryptionConfiguration": {"EnableAtRestEncryption": true,
      "AtRestEncryptionConfiguration": {"LocalDiskEncryptionConfiguration": {
        "EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": "alias/emr", "EnableEbsEncryption": true}}}}
  JSON
}"#],
    failing: &[r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"EncryptionConfiguration": {"EnableAtRestEncryption": true,
      "AtRestEncryptionConfiguration": {"LocalDiskEncryptionConfiguration": {
        "EncryptionKeyProviderType": "AwsKms", "AwsKmsKey": "alias/emr"}}}}
  JSON
}"#],
    evaluate: ebs_encryption,
};

fn ebs_encryption(resource: &Resource<'_>) -> Verdict {
    at_rest_setting(
        resource,
        "LocalDiskEncryptionConfiguration.EnableEbsEncryption",
    )
}

static IN_TRANSIT_ENCRYPTION: Check = Check {
    id: "CKV_AWS_351",
    name: "Ensure EMR Cluster security configuration encrypts InTransit",
    kind: EntityKind::Resource,
    resource_types: &["aws_emr_security_configuration"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The security configuration turns on in-transit encryption.",
        why: "Without it, data moves between cluster nodes and to S3 or clients in clear text.",
        fix: "Set `EnableInTransitEncryption` to true and give a `InTransitEncryptionConfiguration` with certificates.",
        fixed: r#"resource "aws_emr_security_configuration" "analytics" {
  name = "analytics"
  configuration = jsonencode({
    EncryptionConfiguration = {
      EnableAtRestEncryption    = false
      EnableInTransitEncryption = true
      InTransitEncryptionConfiguration = {
        TLSCertificateConfiguration = {
          CertificateProviderType = "PEM"
          S3Object                = "s3://certificates/emr.zip"
        }
      }
    }
  })
}"#,
    },
    passing: &[r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"EncryptionConfiguration": {"EnableAtRestEncryption": false, "EnableInTransitEncryption": true}}
  JSON
}"#],
    failing: &[
        r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"EncryptionConfiguration": {"EnableAtRestEncryption": true, "EnableInTransitEncryption": false}}
  JSON
}"#,
        r#"
resource "aws_emr_security_configuration" "analytics" {
  configuration = <<-JSON
    {"AuthenticationConfiguration": {}}
  JSON
}"#,
    ],
    evaluate: in_transit_encryption,
};

fn in_transit_encryption(resource: &Resource<'_>) -> Verdict {
    match encryption_configuration(resource) {
        Ok(config) => rules::verdict(
            config
                .get("EnableInTransitEncryption")
                .is_some_and(iam_policy::truthy),
        ),
        Err(verdict) => verdict,
    }
}

static BLOCK_PUBLIC_ACCESS: Check = Check {
    id: "CKV_AWS_390",
    name: "Ensure AWS EMR block public access setting is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_emr_block_public_access_configuration"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The account's EMR block public access setting is not switched off.",
        why: "With it off, clusters can start with security groups that let the whole internet reach their ports.",
        fix: "Set `block_public_security_group_rules = true`, allowing only the ports you need in `permitted_public_security_group_rule_range`.",
        fixed: r#"resource "aws_emr_block_public_access_configuration" "account" {
  block_public_security_group_rules = true
  permitted_public_security_group_rule_range {
    min_range = 22
    max_range = 22
  }
}"#,
    },
    passing: &[r#"
resource "aws_emr_block_public_access_configuration" "account" {
  block_public_security_group_rules = true
}"#],
    failing: &[r#"
resource "aws_emr_block_public_access_configuration" "account" {
  block_public_security_group_rules = false
}"#],
    evaluate: block_public_access,
};

fn block_public_access(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "block_public_security_group_rules", false)
}
