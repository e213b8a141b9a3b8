//! Amazon EC2 checks: instances, launch templates and configurations, transit gateways and
//! the availability zones data source.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::checks::secrets;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &EBS_ENCRYPTED,
    &USER_DATA_SECRETS,
    &IMDSV1_DISABLED,
    &NO_PUBLIC_IP,
    &DETAILED_MONITORING,
    &EBS_OPTIMIZED,
    &METADATA_HOP_LIMIT,
    &TRANSIT_GATEWAY_AUTO_ACCEPT,
    &AVAILABILITY_ZONES_PINNED,
];

static EBS_ENCRYPTED: Check = Check {
    id: "CKV_AWS_8",
    name: "Ensure all data stored in the Launch configuration or instance Elastic Blocks Store is securely encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_instance", "aws_launch_configuration"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The root volume block is written out, and each block device (other than ephemeral ones) is encrypted or built from a snapshot.",
        why: "Unencrypted volumes and their snapshots expose everything the instance stores to whoever can copy them.",
        fix: "Add a `root_block_device` with `encrypted = true`, and set `encrypted = true` on every `ebs_block_device`.",
        fixed: r#"resource "aws_instance" "app" {
  ami           = "ami-0abcdef1234567890"
  instance_type = "t3.micro"
  root_block_device {
    encrypted = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_instance" "app" {
  root_block_device {
    encrypted = true
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    snapshot_id = "snap-0a1b2c3d"
  }
}"#,
        r#"
resource "aws_launch_configuration" "app" {
  root_block_device {
    encrypted = true
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_instance" "app" {
  instance_type = "t3.micro"
}"#,
        r#"
resource "aws_launch_configuration" "app" {
  root_block_device {
    encrypted = true
  }
  ebs_block_device {
    device_name = "/dev/sdf"
    encrypted   = false
  }
}"#,
    ],
    evaluate: ebs_encrypted,
};

/// Checkov looks at the first block of every attribute whose name holds `block_device`
/// (ephemeral ones aside): it must be encrypted unless it names a snapshot, whose encryption
/// it cannot know. Without a `root_block_device` the root volume is unencrypted by default.
fn ebs_encrypted(resource: &Resource<'_>) -> Verdict {
    let Some(attributes) = resource.attributes.as_object() else {
        return Verdict::NotApplicable;
    };
    let mut unknown = false;
    let devices = attributes
        .iter()
        .filter(|(name, _)| name.contains("block_device") && !name.contains("ephemeral"));
    for (_, blocks) in devices {
        let Some(first) = blocks.as_list().and_then(<[Value]>::first) else {
            continue;
        };
        if first.as_object().is_none() {
            if first.is_unknown() {
                unknown = true;
            }
            continue;
        }
        let encrypted = first.get("encrypted");
        let from_snapshot = first
            .get("snapshot_id")
            .is_some_and(crate::checks::aws::iam_policy::truthy);
        if encrypted.is_some_and(Value::is_unknown) && !from_snapshot {
            unknown = true;
        } else if encrypted.and_then(Value::as_bool) != Some(true) && !from_snapshot {
            return Verdict::Failed;
        }
    }
    if !attributes.contains_key("root_block_device") {
        return Verdict::Failed;
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

static USER_DATA_SECRETS: Check = Check {
    id: "CKV_AWS_46",
    name: "Ensure no hard-coded secrets exist in EC2 user data",
    kind: EntityKind::Resource,
    resource_types: &["aws_instance", "aws_launch_configuration", "aws_launch_template"],
    severity: Severity::Critical,
    explanation: Explanation {
        what: "The user data script holds no AWS access keys, secret keys or private keys.",
        why: "User data is readable by anyone who can describe the instance and by every process on it through the metadata service.",
        fix: "Give the instance an IAM role, and fetch other secrets at boot from Secrets Manager or SSM Parameter Store.",
        fixed: r#"resource "aws_instance" "app" {
  iam_instance_profile = aws_iam_instance_profile.app.name
  user_data            = <<-EOF
    #!/bin/bash
    aws secretsmanager get-secret-value --secret-id app/config > /etc/app.json
  EOF
}"#,
    },
    passing: &[r#"
resource "aws_instance" "app" {
  user_data = <<-EOF
    #!/bin/bash
    systemctl start app
  EOF
}"#],
    failing: &[r#"
resource "aws_launch_configuration" "app" {
  user_data = <<-EOF
    #!/bin/bash
    export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE
  EOF
}"#],
    evaluate: user_data_secrets,
};

fn user_data_secrets(resource: &Resource<'_>) -> Verdict {
    match resource.get("user_data") {
        Some(Value::String(text)) => rules::verdict(!secrets::has_aws_secret_or_private_key(text)),
        _ => Verdict::Passed,
    }
}

static IMDSV1_DISABLED: Check = Check {
    id: "CKV_AWS_79",
    name: "Ensure Instance Metadata Service Version 1 is not enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_instance", "aws_launch_configuration", "aws_launch_template"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The instance metadata service requires session tokens (IMDSv2) or is switched off.",
        why: "IMDSv1 answers any request from the instance, so a server-side request forgery can read the instance role's credentials.",
        fix: "Add `metadata_options { http_tokens = \"required\" }`.",
        fixed: r#"resource "aws_instance" "app" {
  metadata_options {
    http_endpoint = "enabled"
    http_tokens   = "required"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_instance" "app" {
  metadata_options {
    http_tokens = "required"
  }
}"#,
        r#"
resource "aws_launch_template" "app" {
  metadata_options {
    http_endpoint = "disabled"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_launch_configuration" "app" {
  metadata_options {
    http_tokens = "optional"
  }
}"#,
        r#"
resource "aws_instance" "app" {
  instance_type = "t3.micro"
}"#,
    ],
    evaluate: imdsv1_disabled,
};

fn imdsv1_disabled(resource: &Resource<'_>) -> Verdict {
    let Some(options) = resource.get("metadata_options.0") else {
        return Verdict::Failed;
    };
    let tokens = options.get("http_tokens");
    let endpoint = options.get("http_endpoint");
    if tokens.and_then(Value::as_str) == Some("required")
        || endpoint.and_then(Value::as_str) == Some("disabled")
    {
        return Verdict::Passed;
    }
    if options.is_unknown()
        || tokens.is_some_and(Value::is_unknown)
        || endpoint.is_some_and(Value::is_unknown)
    {
        return Verdict::Unknown;
    }
    Verdict::Failed
}

static NO_PUBLIC_IP: Check = Check {
    id: "CKV_AWS_88",
    name: "EC2 instance should not have public IP.",
    kind: EntityKind::Resource,
    resource_types: &["aws_instance", "aws_launch_template"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The instance (or the first network interface of the launch template) does not ask for a public IP address.",
        why: "A public address makes the instance reachable from the internet as soon as a security group rule allows it.",
        fix: "Remove `associate_public_ip_address = true` and reach the instance through a load balancer, a bastion or Session Manager.",
        fixed: r#"resource "aws_instance" "app" {
  subnet_id                   = aws_subnet.private.id
  associate_public_ip_address = false
}"#,
    },
    passing: &[
        r#"
resource "aws_instance" "app" {
  associate_public_ip_address = false
}"#,
        r#"
resource "aws_launch_template" "app" {
  network_interfaces {
    subnet_id = "subnet-0a1b2c3d"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_instance" "app" {
  associate_public_ip_address = true
}"#,
        r#"
resource "aws_launch_template" "app" {
  network_interfaces {
    associate_public_ip_address = true
  }
}"#,
    ],
    evaluate: no_public_ip,
};

fn no_public_ip(resource: &Resource<'_>) -> Verdict {
    let paths = [
        "associate_public_ip_address",
        "network_interfaces.0.associate_public_ip_address",
    ];
    let mut unknown = false;
    for path in paths {
        match resource.get(path) {
            Some(Value::Unknown) => unknown = true,
            Some(value) if value.as_bool() == Some(true) => return Verdict::Failed,
            _ => {}
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

static DETAILED_MONITORING: Check = Check {
    id: "CKV_AWS_126",
    name: "Ensure that detailed monitoring is enabled for EC2 instances",
    kind: EntityKind::Resource,
    resource_types: &["aws_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The instance sends CloudWatch metrics every minute rather than every five.",
        why: "Five-minute metrics can hide short spikes and delay alarms that should catch trouble early.",
        fix: "Set `monitoring = true`.",
        fixed: r#"resource "aws_instance" "app" {
  monitoring = true
}"#,
    },
    passing: &[r#"
resource "aws_instance" "app" {
  monitoring = true
}"#],
    failing: &[r#"
resource "aws_instance" "app" {
  instance_type = "t3.micro"
}"#],
    evaluate: detailed_monitoring,
};

fn detailed_monitoring(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "monitoring", true, Verdict::Failed)
}

static EBS_OPTIMIZED: Check = Check {
    id: "CKV_AWS_135",
    name: "Ensure that EC2 is EBS optimized",
    kind: EntityKind::Resource,
    resource_types: &["aws_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The instance has dedicated bandwidth to its EBS volumes.",
        why: "Without it, disk traffic competes with network traffic and the instance's storage slows down under load.",
        fix: "Set `ebs_optimized = true`.",
        fixed: r#"resource "aws_instance" "app" {
  ebs_optimized = true
}"#,
    },
    passing: &[r#"
resource "aws_instance" "app" {
  ebs_optimized = true
}"#],
    failing: &[r#"
resource "aws_instance" "app" {
  ebs_optimized = false
}"#],
    evaluate: ebs_optimized,
};

fn ebs_optimized(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "ebs_optimized", true, Verdict::Failed)
}

static METADATA_HOP_LIMIT: Check = Check {
    id: "CKV_AWS_341",
    name: "Ensure Launch template should not have a metadata response hop limit greater than 1",
    kind: EntityKind::Resource,
    resource_types: &["aws_launch_configuration", "aws_launch_template"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The metadata service's response hop limit, when set, is 1.",
        why: "A higher limit lets metadata responses, credentials included, travel on to containers or other hosts behind the instance.",
        fix: "Set `http_put_response_hop_limit = 1` in `metadata_options`, or leave it out.",
        fixed: r#"resource "aws_launch_template" "app" {
  metadata_options {
    http_tokens                 = "required"
    http_put_response_hop_limit = 1
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_launch_template" "app" {
  metadata_options {
    http_put_response_hop_limit = 1
  }
}"#,
        r#"
resource "aws_launch_configuration" "app" {
  metadata_options {
    http_tokens = "required"
  }
}"#,
    ],
    failing: &[r#"
resource "aws_launch_template" "app" {
  metadata_options {
    http_put_response_hop_limit = 2
  }
}"#],
    evaluate: metadata_hop_limit,
};

fn metadata_hop_limit(resource: &Resource<'_>) -> Verdict {
    rules::number_in(
        resource,
        "metadata_options.0.http_put_response_hop_limit",
        &[1.0],
        Verdict::Passed,
    )
}

static TRANSIT_GATEWAY_AUTO_ACCEPT: Check = Check {
    id: "CKV_AWS_331",
    name: "Ensure Transit Gateways do not automatically accept VPC attachment requests",
    kind: EntityKind::Resource,
    resource_types: &["aws_ec2_transit_gateway"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The transit gateway does not accept shared attachment requests automatically.",
        why: "Automatic acceptance connects any VPC the gateway is shared with to your network without review.",
        fix: "Leave `auto_accept_shared_attachments` unset or set it to `disable`.",
        fixed: r#"resource "aws_ec2_transit_gateway" "hub" {
  auto_accept_shared_attachments = "disable"
}"#,
    },
    passing: &[r#"
resource "aws_ec2_transit_gateway" "hub" {
  auto_accept_shared_attachments = "disable"
}"#],
    failing: &[r#"
resource "aws_ec2_transit_gateway" "hub" {
  auto_accept_shared_attachments = "enable"
}"#],
    evaluate: transit_gateway_auto_accept,
};

fn transit_gateway_auto_accept(resource: &Resource<'_>) -> Verdict {
    rules::string_not_in(resource, "auto_accept_shared_attachments", &["enable"])
}

static AVAILABILITY_ZONES_PINNED: Check = Check {
    id: "CKV_AWS_394",
    name: "Ensure aws_availability_zones data source pins zone identity so its result set does not silently expand when AWS adds an Availability Zone",
    kind: EntityKind::Data,
    resource_types: &["aws_availability_zones"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The data source filters on `zone-name` or `zone-id`, so it returns a fixed set of zones.",
        why: "An unfiltered lookup grows when AWS opens a new zone, and resources spread over its result change on the next apply.",
        fix: "Add a `filter` block on `zone-name` or `zone-id` that lists the zones to use.",
        fixed: r#"data "aws_availability_zones" "used" {
  filter {
    name   = "zone-name"
    values = ["eu-west-1a", "eu-west-1b", "eu-west-1c"]
  }
}"#,
    },
    passing: &[r#"
data "aws_availability_zones" "used" {
  filter {
    name   = "zone-id"
    values = ["euw1-az1", "euw1-az2"]
  }
}"#],
    failing: &[
        r#"
data "aws_availability_zones" "available" {
  state = "available"
}"#,
        r#"
data "aws_availability_zones" "available" {
  exclude_names = ["eu-west-1c"]
  filter {
    name   = "opt-in-status"
    values = ["opt-in-not-required"]
  }
}"#,
    ],
    evaluate: availability_zones_pinned,
};

fn availability_zones_pinned(resource: &Resource<'_>) -> Verdict {
    let filters = resource
        .get("filter")
        .and_then(Value::as_list)
        .unwrap_or_default();
    let mut unknown = false;
    for filter in filters {
        match filter.get("name") {
            Some(Value::Unknown) => unknown = true,
            Some(name) if matches!(name.as_str(), Some("zone-name" | "zone-id")) => {
                return Verdict::Passed;
            }
            _ => {}
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}
