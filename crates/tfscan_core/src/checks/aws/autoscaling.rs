//! Amazon EC2 Auto Scaling checks: groups and the launch configurations they start.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &GROUP_TAGS,
    &GROUP_LAUNCH_TEMPLATE,
    &LAUNCH_CONFIGURATION_PUBLIC_IP,
];

static GROUP_TAGS: Check = Check {
    id: "CKV_AWS_153",
    name: "Autoscaling groups should supply tags to launch configurations",
    kind: EntityKind::Resource,
    resource_types: &["aws_autoscaling_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The group declares tags (a `tag` block or `tags`) for the instances it launches.",
        why: "Untagged instances cannot be traced to an owner or cost centre, and tag-based access policies do not apply to them.",
        fix: "Add `tag` blocks with `propagate_at_launch = true`.",
        fixed: r#"resource "aws_autoscaling_group" "app" {
  tag {
    key                 = "team"
    value               = "payments"
    propagate_at_launch = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_autoscaling_group" "app" {
  tag {
    key                 = "team"
    value               = "payments"
    propagate_at_launch = true
  }
}"#],
    failing: &[r#"
resource "aws_autoscaling_group" "app" {
  max_size = 3
  min_size = 1
}"#],
    evaluate: group_tags,
};

fn group_tags(resource: &Resource<'_>) -> Verdict {
    rules::verdict(resource.get("tag").is_some() || resource.get("tags").is_some())
}

static GROUP_LAUNCH_TEMPLATE: Check = Check {
    id: "CKV_AWS_315",
    name: "Ensure EC2 Auto Scaling groups use EC2 launch templates",
    kind: EntityKind::Resource,
    resource_types: &["aws_autoscaling_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The group launches instances from a launch template (a `launch_template` block).",
        why: "Launch configurations are deprecated and lack newer settings such as IMDSv2 defaults and versioning.",
        fix: "Replace `launch_configuration` with a `launch_template` block.",
        fixed: r#"resource "aws_autoscaling_group" "app" {
  launch_template {
    id      = aws_launch_template.app.id
    version = "$Latest"
  }
}"#,
    },
    passing: &[r#"
resource "aws_autoscaling_group" "app" {
  launch_template {
    id      = "lt-0a1b2c3d"
    version = "$Latest"
  }
}"#],
    failing: &[r#"
resource "aws_autoscaling_group" "app" {
  launch_configuration = "app-v1"
}"#],
    evaluate: group_launch_template,
};

fn group_launch_template(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "launch_template")
}

static LAUNCH_CONFIGURATION_PUBLIC_IP: Check = Check {
    id: "CKV_AWS_389",
    name: "Ensure AWS Auto Scaling group launch configuration doesn't have public IP address assignment enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_launch_configuration"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The launch configuration does not give its instances public IP addresses.",
        why: "Every instance the group starts would be reachable from the internet as soon as a security group allows it.",
        fix: "Remove `associate_public_ip_address = true` and place the group in private subnets.",
        fixed: r#"resource "aws_launch_configuration" "app" {
  image_id                    = "ami-0abcdef1234567890"
  instance_type               = "t3.micro"
  associate_public_ip_address = false
}"#,
    },
    passing: &[r#"
resource "aws_launch_configuration" "app" {
  associate_public_ip_address = false
}"#],
    failing: &[r#"
resource "aws_launch_configuration" "app" {
  associate_public_ip_address = true
}"#],
    evaluate: launch_configuration_public_ip,
};

fn launch_configuration_public_ip(resource: &Resource<'_>) -> Verdict {
    match resource.get("associate_public_ip_address") {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(value) => rules::verdict(
            !value
                .to_terraform_string()
                .is_some_and(|text| text.eq_ignore_ascii_case("true")),
        ),
        None => Verdict::Passed,
    }
}
