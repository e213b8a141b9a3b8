//! AWS AMI checks: image encryption, copies, launch permissions and image lookups.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &IMAGE_ENCRYPTED,
    &LAUNCH_PERMISSION,
    &COPY_ENCRYPTED,
    &COPY_CMK,
    &IMAGE_LOOKUP_OWNER,
];

static IMAGE_ENCRYPTED: Check = Check {
    id: "CKV_AWS_204",
    name: "Ensure AMIs are encrypted using KMS CMKs",
    kind: EntityKind::Resource,
    resource_types: &["aws_ami"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "Every EBS block device of an AMI that is not built from a snapshot is marked `encrypted = true`.",
        why: "Instances launched from an image with unencrypted volumes store their data unencrypted.",
        fix: "Set `encrypted = true` on each `ebs_block_device` (or build it from an encrypted snapshot).",
        fixed: r#"resource "aws_ami" "app" {
  name                = "app"
  root_device_name    = "/dev/xvda"
  virtualization_type = "hvm"

  ebs_block_device {
    device_name = "/dev/xvda"
    volume_size = 8
    encrypted   = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_ami" "app" {
  name = "app"

  ebs_block_device {
    device_name = "/dev/xvda"
    encrypted   = true
  }
}"#,
        r#"
resource "aws_ami" "app" {
  name = "app"

  ebs_block_device {
    device_name = "/dev/xvda"
    snapshot_id = "snap-0123456789abcdef0"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_ami" "app" {
  name = "app"

  ebs_block_device {
    device_name = "/dev/xvda"
    volume_size = 8
  }
}"#,
        r#"
resource "aws_ami" "app" {
  name = "app"

  ebs_block_device {
    device_name = "/dev/xvdb"
    encrypted   = false
  }
}"#,
    ],
    evaluate: image_encrypted,
};

/// A device restored from a snapshot takes the snapshot's encryption, which Checkov does not
/// question; the others must say `encrypted` and not `false`.
fn image_encrypted(resource: &Resource<'_>) -> Verdict {
    let devices = match resource.get("ebs_block_device") {
        Some(Value::List(devices)) => devices.as_slice(),
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        _ => return Verdict::Passed,
    };
    let mut unknown = false;
    for device in devices {
        match device.get("snapshot_id") {
            Some(known_later) if known_later.is_unknown() => {
                unknown = true;
                continue;
            }
            Some(snapshot) if !is_empty(snapshot) => continue,
            _ => {}
        }
        match device.get("encrypted") {
            None | Some(Value::Null | Value::Bool(false)) => return Verdict::Failed,
            Some(known_later) if known_later.is_unknown() => unknown = true,
            Some(_) => {}
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

fn is_empty(value: &Value) -> bool {
    match value {
        Value::Null => true,
        Value::List(items) => items.is_empty(),
        _ => false,
    }
}

static LAUNCH_PERMISSION: Check = Check {
    id: "CKV_AWS_205",
    name: "Ensure to Limit AMI launch Permissions",
    kind: EntityKind::Resource,
    resource_types: &["aws_ami_launch_permission"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The configuration grants no launch permission on an AMI to other accounts, groups or organisations.",
        why: "A shared image hands its software, configuration and any secrets baked into it to whoever it is shared with.",
        fix: "Remove the `aws_ami_launch_permission`, or keep it only for accounts you have reviewed and suppress the finding there.",
        fixed: r#"resource "aws_ami" "app" {
  name                = "app"
  root_device_name    = "/dev/xvda"
  virtualization_type = "hvm"
}"#,
    },
    passing: &[],
    failing: &[r#"
resource "aws_ami_launch_permission" "partner" {
  image_id   = "ami-0123456789abcdef0"
  account_id = "111122223333"
}"#],
    evaluate: launch_permission,
};

fn launch_permission(_: &Resource<'_>) -> Verdict {
    Verdict::Failed
}

static COPY_ENCRYPTED: Check = Check {
    id: "CKV_AWS_235",
    name: "Ensure that copied AMIs are encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_ami_copy"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A copied AMI has `encrypted = true`.",
        why: "An unencrypted copy spreads unencrypted volumes to every instance launched from it.",
        fix: "Set `encrypted = true`.",
        fixed: r#"resource "aws_ami_copy" "app" {
  name              = "app"
  source_ami_id     = "ami-0123456789abcdef0"
  source_ami_region = "eu-west-1"
  encrypted         = true
}"#,
    },
    passing: &[r#"
resource "aws_ami_copy" "app" {
  source_ami_region = "eu-west-1"
  encrypted         = true
}"#],
    failing: &[
        r#"
resource "aws_ami_copy" "app" {
  source_ami_region = "eu-west-1"
}"#,
        r#"
resource "aws_ami_copy" "app" {
  encrypted = false
}"#,
    ],
    evaluate: copy_encrypted,
};

fn copy_encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "encrypted", true, Verdict::Failed)
}

static COPY_CMK: Check = Check {
    id: "CKV_AWS_236",
    name: "Ensure AMI copying uses a CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_ami_copy"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A copied AMI is encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can launch or copy the image's volumes.",
        fix: "Set `kms_key_id` to your key's ARN (with `encrypted = true`).",
        fixed: r#"resource "aws_ami_copy" "app" {
  name              = "app"
  source_ami_id     = "ami-0123456789abcdef0"
  source_ami_region = "eu-west-1"
  encrypted         = true
  kms_key_id        = aws_kms_key.images.arn
}"#,
    },
    passing: &[r#"
resource "aws_ami_copy" "app" {
  encrypted  = true
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_ami_copy" "app" {
  encrypted = true
}"#],
    evaluate: copy_cmk,
};

fn copy_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static IMAGE_LOOKUP_OWNER: Check = Check {
    id: "CKV_AWS_386",
    name: "Reduce potential for WhoAMI cloud image name confusion attack",
    kind: EntityKind::Data,
    resource_types: &["aws_ami"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An `aws_ami` lookup that filters the image name with a wildcard also restricts `owners`.",
        why: "Without an owner, anyone can publish a public image whose name matches the pattern and have it picked as the most recent (the \"whoAMI\" attack).",
        fix: "Set `owners` to the account IDs or aliases you trust.",
        fixed: r#"data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"]
  }
}"#,
    },
    passing: &[
        r#"
data "aws_ami" "ubuntu" {
  most_recent = true
  owners      = ["099720109477"]

  filter {
    name   = "name"
    values = ["ubuntu/images/*"]
  }
}"#,
        r#"
data "aws_ami" "pinned" {
  filter {
    name   = "name"
    values = ["app-2024-06-01"]
  }
}"#,
    ],
    failing: &[r#"
data "aws_ami" "ubuntu" {
  most_recent = true

  filter {
    name   = "name"
    values = ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-?"]
  }
}"#],
    evaluate: image_lookup_owner,
};

/// Checkov looks at the name filters only when `owners` is not written at all.
fn image_lookup_owner(resource: &Resource<'_>) -> Verdict {
    if resource.get("owners").is_some() {
        return Verdict::Passed;
    }
    let filters = match resource.get("filter") {
        Some(Value::List(filters)) => filters.as_slice(),
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        _ => return Verdict::Passed,
    };
    let mut unknown = false;
    for filter in filters {
        match filter.get("name") {
            Some(known_later) if known_later.is_unknown() => {
                unknown = true;
                continue;
            }
            Some(Value::String(name)) if name == "name" => {}
            _ => continue,
        }
        match filter.get("values") {
            Some(Value::List(values)) => {
                for value in values {
                    match value {
                        Value::String(pattern) if pattern.contains(['*', '?']) => {
                            return Verdict::Failed;
                        }
                        known_later if known_later.is_unknown() => unknown = true,
                        _ => {}
                    }
                }
            }
            Some(known_later) if known_later.is_unknown() => unknown = true,
            _ => {}
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}
