//! AWS VPC checks: endpoint services, subnets and the default VPC.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&ENDPOINT_ACCEPTANCE, &SUBNET_PUBLIC_IP, &DEFAULT_VPC];

static ENDPOINT_ACCEPTANCE: Check = Check {
    id: "CKV_AWS_123",
    name: "Ensure that VPC Endpoint Service is configured for Manual Acceptance",
    kind: EntityKind::Resource,
    resource_types: &["aws_vpc_endpoint_service"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A VPC endpoint service requires each connection request to be accepted by hand.",
        why: "With automatic acceptance any account allowed by the service's principals list is connected at once, with no one reviewing who is joining.",
        fix: "Set `acceptance_required = true` and accept connection requests you expect.",
        fixed: r#"resource "aws_vpc_endpoint_service" "api" {
  acceptance_required        = true
  network_load_balancer_arns = [aws_lb.api.arn]
}"#,
    },
    passing: &[r#"
resource "aws_vpc_endpoint_service" "api" {
  acceptance_required        = true
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/api/50dc6c495c0c9188"]
}"#],
    failing: &[
        r#"
resource "aws_vpc_endpoint_service" "api" {
  acceptance_required        = false
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/api/50dc6c495c0c9188"]
}"#,
        r#"
resource "aws_vpc_endpoint_service" "api" {
  network_load_balancer_arns = ["arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/api/50dc6c495c0c9188"]
}"#,
    ],
    evaluate: endpoint_acceptance,
};

static SUBNET_PUBLIC_IP: Check = Check {
    id: "CKV_AWS_130",
    name: "Ensure VPC subnets do not assign public IP by default",
    kind: EntityKind::Resource,
    resource_types: &["aws_subnet"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A subnet does not give every instance launched in it a public IP address.",
        why: "Instances that get a public address by default are reachable from the internet as soon as a security group lets traffic in, often without anyone deciding they should be.",
        fix: "Leave `map_public_ip_on_launch` unset or false, and give a public address only to the instances that need one.",
        fixed: r#"resource "aws_subnet" "app" {
  vpc_id                  = aws_vpc.main.id
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = false
}"#,
    },
    passing: &[
        r#"
resource "aws_subnet" "app" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.1.0/24"
  map_public_ip_on_launch = false
}

resource "aws_subnet" "data" {
  vpc_id     = "vpc-0123456789abcdef0"
  cidr_block = "10.0.2.0/24"
}"#,
    ],
    failing: &[r#"
resource "aws_subnet" "public" {
  vpc_id                  = "vpc-0123456789abcdef0"
  cidr_block              = "10.0.0.0/24"
  map_public_ip_on_launch = true
}"#],
    evaluate: subnet_public_ip,
};

static DEFAULT_VPC: Check = Check {
    id: "CKV_AWS_148",
    name: "Ensure no default VPC is planned to be provisioned",
    kind: EntityKind::Resource,
    resource_types: &["aws_default_vpc"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The configuration does not manage the region's default VPC with `aws_default_vpc`.",
        why: "The default VPC comes with public subnets and permissive defaults, so workloads placed in it are exposed more than in a VPC designed for them.",
        fix: "Remove the `aws_default_vpc` block and place workloads in a VPC you define.",
        fixed: r#"resource "aws_vpc" "main" {
  cidr_block           = "10.0.0.0/16"
  enable_dns_hostnames = true
}"#,
    },
    // Checkov fails every `aws_default_vpc`, so no block of this type can pass: the fix is to
    // remove it (see `fixed`).
    passing: &[],
    failing: &[r#"
resource "aws_default_vpc" "default" {
  tags = {
    Name = "Default VPC"
  }
}"#],
    evaluate: default_vpc,
};

fn endpoint_acceptance(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "acceptance_required", true, Verdict::Failed)
}

fn subnet_public_ip(resource: &Resource<'_>) -> Verdict {
    match resource.get("map_public_ip_on_launch") {
        None | Some(Value::Null) => Verdict::Passed,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => rules::verdict(value.as_bool() != Some(true)),
    }
}

/// Checkov fails every `aws_default_vpc`: managing it at all is what the check reports.
fn default_vpc(_resource: &Resource<'_>) -> Verdict {
    Verdict::Failed
}
