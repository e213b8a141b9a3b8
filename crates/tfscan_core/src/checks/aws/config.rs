//! AWS Config checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&AGGREGATOR_ALL_REGIONS];

static AGGREGATOR_ALL_REGIONS: Check = Check {
    id: "CKV_AWS_121",
    name: "Ensure AWS Config is enabled in all regions",
    kind: EntityKind::Resource,
    resource_types: &["aws_config_configuration_aggregator"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Config aggregator's account or organization aggregation source sets `all_regions`.",
        why: "An aggregator limited to some regions shows nothing of resources created elsewhere, which is where unwanted ones tend to be.",
        fix: "Set `all_regions = true` in the aggregation source instead of listing `regions`.",
        fixed: r#"resource "aws_config_configuration_aggregator" "organization" {
  name = "organization"

  organization_aggregation_source {
    all_regions = true
    role_arn    = aws_iam_role.aggregator.arn
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_config_configuration_aggregator" "organization" {
  name = "organization"

  organization_aggregation_source {
    all_regions = true
    role_arn    = "arn:aws:iam::111122223333:role/aggregator"
  }
}"#,
        r#"
resource "aws_config_configuration_aggregator" "accounts" {
  name = "accounts"

  account_aggregation_source {
    account_ids = ["111122223333"]
    all_regions = true
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_config_configuration_aggregator" "accounts" {
  name = "accounts"

  account_aggregation_source {
    account_ids = ["111122223333"]
    regions     = ["eu-west-1"]
  }
}"#,
        r#"
resource "aws_config_configuration_aggregator" "nothing" {
  name = "nothing"
}"#,
    ],
    evaluate: aggregator_all_regions,
};

/// Checkov reads the account source if there is one, else the organization source, and passes
/// when it sets `all_regions` at all: it tests that the setting is there, not its value, so
/// `all_regions = false` passes too.
fn aggregator_all_regions(aggregator: &Resource<'_>) -> Verdict {
    let source = [
        "account_aggregation_source",
        "organization_aggregation_source",
    ]
    .into_iter()
    .find_map(|name| match aggregator.get(name) {
        Some(Value::List(blocks)) if !blocks.is_empty() => Some(blocks.first()),
        Some(Value::Unknown) => Some(None),
        _ => None,
    });
    match source {
        None => Verdict::Failed,
        Some(None) => Verdict::Unknown,
        Some(Some(block)) => verdict(block.get("all_regions").is_some_and(|set| !set.is_null())),
    }
}
