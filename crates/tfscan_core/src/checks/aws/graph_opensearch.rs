//! OpenSearch and Elasticsearch domain checks that Checkov writes as graph checks; both read
//! only the domain's own settings.

use crate::check::{Check, EntityKind, Explanation, Severity};

use super::graph_conditions::{any_of, equals};

/// This group's checks.
pub static CHECKS: &[&Check] = &[&FINE_GRAINED_ACCESS_CONTROL, &DEDICATED_MASTER];

/// A domain, under either of its names.
const DOMAIN_TYPES: &[&str] = &["aws_elasticsearch_domain", "aws_opensearch_domain"];

static FINE_GRAINED_ACCESS_CONTROL: Check = Check {
    id: "CKV2_AWS_52",
    name: "Ensure AWS ElasticSearch/OpenSearch Fine-grained access control is enabled",
    kind: EntityKind::Resource,
    resource_types: DOMAIN_TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A domain turns on fine-grained access control: `advanced_security_options` with `enabled = true` (or with the internal user database).",
        why: "Without it, anyone the domain's access policy lets in can read and change every index; fine-grained control restricts access by index, document and field.",
        fix: "Add `advanced_security_options { enabled = true }` with a master user (an IAM ARN or the internal user database).",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"

  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = false
    master_user_options {
      master_user_arn = aws_iam_role.search_admin.arn
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_opensearch_domain" "search" {
  domain_name = "search"

  advanced_security_options {
    enabled = true
    master_user_options {
      master_user_arn = "arn:aws:iam::111122223333:role/search-admin"
    }
  }
}"#,
        r#"
resource "aws_elasticsearch_domain" "logs" {
  domain_name = "logs"

  advanced_security_options {
    enabled                        = true
    internal_user_database_enabled = true
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
}"#,
        r#"
resource "aws_elasticsearch_domain" "logs" {
  domain_name = "logs"

  advanced_security_options {
    enabled = false
  }
}"#,
    ],
    evaluate: |domain| {
        any_of([
            equals(
                domain.attributes,
                "advanced_security_options.internal_user_database_enabled",
                "true",
            ),
            equals(domain.attributes, "advanced_security_options.enabled", "true"),
        ])
    },
};

static DEDICATED_MASTER: Check = Check {
    id: "CKV2_AWS_59",
    name: "Ensure ElasticSearch/OpenSearch has dedicated master node enabled",
    kind: EntityKind::Resource,
    resource_types: DOMAIN_TYPES,
    severity: Severity::Low,
    explanation: Explanation {
        what: "A domain has `cluster_config { dedicated_master_enabled = true }`.",
        why: "Without dedicated master nodes, data nodes also manage the cluster, and a busy or failing data node can take the whole cluster's management down with it.",
        fix: "Set `dedicated_master_enabled = true` with a `dedicated_master_type` and three master nodes.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"

  cluster_config {
    instance_type            = "r6g.large.search"
    dedicated_master_enabled = true
    dedicated_master_type    = "m6g.large.search"
    dedicated_master_count   = 3
  }
}"#,
    },
    passing: &[r#"
resource "aws_opensearch_domain" "search" {
  domain_name = "search"

  cluster_config {
    dedicated_master_enabled = true
    dedicated_master_count   = 3
  }
}"#],
    failing: &[
        r#"
resource "aws_elasticsearch_domain" "logs" {
  domain_name = "logs"
}"#,
        r#"
resource "aws_opensearch_domain" "search" {
  domain_name = "search"

  cluster_config {
    dedicated_master_enabled = false
  }
}"#,
    ],
    evaluate: |domain| {
        equals(
            domain.attributes,
            "cluster_config.dedicated_master_enabled",
            "true",
        )
    },
};
