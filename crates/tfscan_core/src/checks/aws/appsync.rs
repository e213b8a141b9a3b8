//! AWS AppSync GraphQL API and API cache checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &API_LOGGING,
    &FIELD_LEVEL_LOGS,
    &CACHE_AT_REST_ENCRYPTION,
    &CACHE_IN_TRANSIT_ENCRYPTION,
];

static API_LOGGING: Check = Check {
    id: "CKV_AWS_193",
    name: "Ensure AppSync has Logging enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_appsync_graphql_api"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The API sends its logs to CloudWatch through a logging role.",
        why:
            "Without logs, failed resolvers, abuse and data access through the API leave no trace.",
        fix: "Add a `log_config` block with `cloudwatch_logs_role_arn`.",
        fixed: r#"resource "aws_appsync_graphql_api" "shop" {
  authentication_type = "AWS_IAM"
  name                = "shop"
  log_config {
    cloudwatch_logs_role_arn = aws_iam_role.appsync_logs.arn
    field_log_level          = "ERROR"
  }
}"#,
    },
    passing: &[r#"
resource "aws_appsync_graphql_api" "shop" {
  log_config {
    cloudwatch_logs_role_arn = "arn:aws:iam::111122223333:role/appsync-logs"
    field_log_level          = "ERROR"
  }
}"#],
    failing: &[r#"
resource "aws_appsync_graphql_api" "shop" {
  authentication_type = "AWS_IAM"
}"#],
    evaluate: api_logging,
};

fn api_logging(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "log_config.0.cloudwatch_logs_role_arn")
}

static FIELD_LEVEL_LOGS: Check = Check {
    id: "CKV_AWS_194",
    name: "Ensure AppSync has Field-Level logs enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_appsync_graphql_api"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The API logs resolver activity at field level (`ALL` or `ERROR`).",
        why: "Field-level logs show which resolvers fail or are probed, which request-level logs do not.",
        fix: "Set `field_log_level` to `ERROR` or `ALL` in `log_config`.",
        fixed: r#"resource "aws_appsync_graphql_api" "shop" {
  log_config {
    cloudwatch_logs_role_arn = aws_iam_role.appsync_logs.arn
    field_log_level          = "ERROR"
  }
}"#,
    },
    passing: &[r#"
resource "aws_appsync_graphql_api" "shop" {
  log_config {
    cloudwatch_logs_role_arn = "arn:aws:iam::111122223333:role/appsync-logs"
    field_log_level          = "ALL"
  }
}"#],
    failing: &[
        r#"
resource "aws_appsync_graphql_api" "shop" {
  log_config {
    cloudwatch_logs_role_arn = "arn:aws:iam::111122223333:role/appsync-logs"
    field_log_level          = "NONE"
  }
}"#,
        r#"
resource "aws_appsync_graphql_api" "shop" {
  authentication_type = "AWS_IAM"
}"#,
    ],
    evaluate: field_level_logs,
};

fn field_level_logs(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "log_config.0.field_log_level",
        &["ALL", "ERROR"],
        Verdict::Failed,
    )
}

static CACHE_AT_REST_ENCRYPTION: Check = Check {
    id: "CKV_AWS_214",
    name: "Ensure AppSync API Cache is encrypted at rest",
    kind: EntityKind::Resource,
    resource_types: &["aws_appsync_api_cache"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The API cache encrypts the data it stores.",
        why: "Cached resolver results can hold personal or business data that should not sit unencrypted.",
        fix: "Set `at_rest_encryption_enabled = true`.",
        fixed: r#"resource "aws_appsync_api_cache" "shop" {
  api_id                      = aws_appsync_graphql_api.shop.id
  api_caching_behavior        = "FULL_REQUEST_CACHING"
  type                        = "SMALL"
  ttl                         = 900
  at_rest_encryption_enabled  = true
  transit_encryption_enabled  = true
}"#,
    },
    passing: &[r#"
resource "aws_appsync_api_cache" "shop" {
  at_rest_encryption_enabled = true
}"#],
    failing: &[r#"
resource "aws_appsync_api_cache" "shop" {
  type = "SMALL"
}"#],
    evaluate: cache_at_rest_encryption,
};

fn cache_at_rest_encryption(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "at_rest_encryption_enabled",
        true,
        Verdict::Failed,
    )
}

static CACHE_IN_TRANSIT_ENCRYPTION: Check = Check {
    id: "CKV_AWS_215",
    name: "Ensure AppSync API Cache is encrypted in transit",
    kind: EntityKind::Resource,
    resource_types: &["aws_appsync_api_cache"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The API cache encrypts traffic between AppSync and the cache.",
        why: "Unencrypted cache traffic can be read by anything able to observe the network path.",
        fix: "Set `transit_encryption_enabled = true`.",
        fixed: r#"resource "aws_appsync_api_cache" "shop" {
  api_id                      = aws_appsync_graphql_api.shop.id
  api_caching_behavior        = "FULL_REQUEST_CACHING"
  type                        = "SMALL"
  ttl                         = 900
  at_rest_encryption_enabled  = true
  transit_encryption_enabled  = true
}"#,
    },
    passing: &[r#"
resource "aws_appsync_api_cache" "shop" {
  transit_encryption_enabled = true
}"#],
    failing: &[r#"
resource "aws_appsync_api_cache" "shop" {
  transit_encryption_enabled = false
}"#],
    evaluate: cache_in_transit_encryption,
};

fn cache_in_transit_encryption(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "transit_encryption_enabled",
        true,
        Verdict::Failed,
    )
}
