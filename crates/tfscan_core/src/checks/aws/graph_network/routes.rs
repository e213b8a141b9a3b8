//! Where traffic goes: route tables and routes, and network firewalls with their logging.
//!
//! Checkov reads a route table's inline routes one at a time and passes the table when any
//! route meets a condition (`route.*.cidr_block` lacks the default route): so a table with
//! a default route through an instance and another route passes. tfscan follows it.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::graph_conditions::{
    all_of, any_of, equals, has_connected, not_contains, not_exists,
};
use crate::checks::rules::verdict;

/// The route's paths in a route table's `route` and in an `aws_route`: instance, IPv4
/// destination, IPv6 destination, peering connection.
struct RoutePaths {
    instance: &'static str,
    ipv4: &'static str,
    ipv6: &'static str,
    peering: &'static str,
}

const TABLE_ROUTES: RoutePaths = RoutePaths {
    instance: "route.*.instance_id",
    ipv4: "route.*.cidr_block",
    ipv6: "route.*.ipv6_cidr_block",
    peering: "route.*.vpc_peering_connection_id",
};

const ROUTE: RoutePaths = RoutePaths {
    instance: "instance_id",
    ipv4: "destination_cidr_block",
    ipv6: "destination_ipv6_cidr_block",
    peering: "vpc_peering_connection_id",
};

fn paths(resource: &Resource<'_>) -> &'static RoutePaths {
    if resource.resource_type == "aws_route_table" {
        &TABLE_ROUTES
    } else {
        &ROUTE
    }
}

pub(in crate::checks::aws) static NAT_GATEWAY_FOR_DEFAULT_ROUTE: Check = Check {
    id: "CKV2_AWS_35",
    name: "AWS NAT Gateways should be utilized for the default route",
    kind: EntityKind::Resource,
    resource_types: &["aws_route", "aws_route_table"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A default route (`0.0.0.0/0`) does not go through an EC2 instance acting as NAT.",
        why: "A NAT instance is a single point of failure that someone must patch and scale; a NAT gateway is managed, redundant within its zone and scales on its own.",
        fix: "Send the default route to an `aws_nat_gateway` (`nat_gateway_id`) instead of an instance.",
        fixed: r#"resource "aws_route" "private_default" {
  route_table_id         = aws_route_table.private.id
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = aws_nat_gateway.main.id
}"#,
    },
    passing: &[
        r#"
resource "aws_route" "private_default" {
  route_table_id         = "rtb-0a1b2c3d4e5f60718"
  destination_cidr_block = "0.0.0.0/0"
  nat_gateway_id         = "nat-0a1b2c3d4e5f60718"
}"#,
        r#"
resource "aws_route_table" "private" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  route {
    cidr_block     = "0.0.0.0/0"
    nat_gateway_id = "nat-0a1b2c3d4e5f60718"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_route" "private_default" {
  route_table_id         = "rtb-0a1b2c3d4e5f60718"
  destination_cidr_block = "0.0.0.0/0"
  instance_id            = "i-0123456789abcdef0"
}"#,
        r#"
resource "aws_route_table" "private" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  route {
    cidr_block  = "0.0.0.0/0"
    instance_id = "i-0123456789abcdef0"
  }
}"#,
    ],
    evaluate: nat_gateway_for_default_route,
};

fn nat_gateway_for_default_route(route: &Resource<'_>) -> Verdict {
    let paths = paths(route);
    let attributes = route.attributes;
    any_of([
        not_exists(attributes, paths.instance),
        equals(attributes, paths.instance, ""),
        not_contains(attributes, paths.ipv4, "0.0.0.0/0"),
    ])
}

pub(in crate::checks::aws) static PEERING_NOT_OVERLY_PERMISSIVE: Check = Check {
    id: "CKV2_AWS_44",
    name: "Ensure AWS route table with VPC peering does not contain routes overly permissive to all traffic",
    kind: EntityKind::Resource,
    resource_types: &["aws_route", "aws_route_table"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A route through a VPC peering connection is not a default route (`0.0.0.0/0` or `::/0`).",
        why: "A default route over a peering connection sends all traffic without a more specific route to the peered VPC, which then sees, and may answer, far more than it should.",
        fix: "Route only the peered VPC's CIDR blocks through the peering connection.",
        fixed: r#"resource "aws_route" "to_shared" {
  route_table_id            = aws_route_table.private.id
  destination_cidr_block    = "10.20.0.0/16"
  vpc_peering_connection_id = aws_vpc_peering_connection.shared.id
}"#,
    },
    passing: &[
        r#"
resource "aws_route" "to_shared" {
  route_table_id            = "rtb-0a1b2c3d4e5f60718"
  destination_cidr_block    = "10.20.0.0/16"
  vpc_peering_connection_id = "pcx-0a1b2c3d4e5f60718"
}"#,
        r#"
resource "aws_route_table" "public" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  route {
    cidr_block = "0.0.0.0/0"
    gateway_id = "igw-0a1b2c3d4e5f60718"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_route" "everything" {
  route_table_id            = "rtb-0a1b2c3d4e5f60718"
  destination_cidr_block    = "0.0.0.0/0"
  vpc_peering_connection_id = "pcx-0a1b2c3d4e5f60718"
}"#,
        r#"
resource "aws_route_table" "peered" {
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  route {
    ipv6_cidr_block           = "::/0"
    vpc_peering_connection_id = "pcx-0a1b2c3d4e5f60718"
  }
}"#,
    ],
    evaluate: peering_not_overly_permissive,
};

fn peering_not_overly_permissive(route: &Resource<'_>) -> Verdict {
    let paths = paths(route);
    let attributes = route.attributes;
    any_of([
        not_exists(attributes, paths.peering),
        all_of([
            not_contains(attributes, paths.ipv4, "0.0.0.0/0"),
            not_contains(attributes, paths.ipv4, "0.0.0.0"),
            not_contains(attributes, paths.ipv6, "::0"),
            not_contains(attributes, paths.ipv6, "::/0"),
        ]),
    ])
}

pub(in crate::checks::aws) static NETWORK_FIREWALL_LOGGING: Check = Check {
    id: "CKV2_AWS_63",
    name: "Ensure Network firewall has logging configuration defined",
    kind: EntityKind::Resource,
    resource_types: &["aws_networkfirewall_firewall"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Network Firewall firewall has an `aws_networkfirewall_logging_configuration` of the configuration.",
        why: "Without flow and alert logs nobody can tell what the firewall allowed or blocked when investigating an incident.",
        fix: "Add an `aws_networkfirewall_logging_configuration` for the firewall that sends its alert and flow logs to CloudWatch Logs, S3 or Firehose.",
        fixed: r#"resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = aws_networkfirewall_firewall.main.arn

  logging_configuration {
    log_destination_config {
      log_destination      = { logGroup = "network-firewall" }
      log_destination_type = "CloudWatchLogs"
      log_type             = "ALERT"
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_networkfirewall_firewall" "main" {
  name                = "main"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/main"
  vpc_id              = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_networkfirewall_logging_configuration" "main" {
  firewall_arn = aws_networkfirewall_firewall.main.arn

  logging_configuration {
    log_destination_config {
      log_destination      = { logGroup = "network-firewall" }
      log_destination_type = "CloudWatchLogs"
      log_type             = "FLOW"
    }
  }
}"#],
    failing: &[r#"
resource "aws_networkfirewall_firewall" "main" {
  name                = "main"
  firewall_policy_arn = "arn:aws:network-firewall:eu-west-1:111122223333:firewall-policy/main"
  vpc_id              = "vpc-0a1b2c3d4e5f60718"
}"#],
    evaluate: |firewall| {
        verdict(has_connected(
            firewall,
            &["aws_networkfirewall_logging_configuration"],
        ))
    },
};
