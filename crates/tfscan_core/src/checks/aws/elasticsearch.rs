//! Amazon OpenSearch Service (formerly Elasticsearch) domain checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &ENCRYPTED_AT_REST,
    &NODE_TO_NODE_ENCRYPTION,
    &ENFORCES_HTTPS,
    &LOGGING,
    &IN_VPC,
    &TLS_POLICY,
    &ENCRYPTED_WITH_CMK,
    &NOT_DEFAULT_SECURITY_GROUP,
    &AUDIT_LOGGING,
    &DEDICATED_MASTERS,
];

const DOMAINS: &[&str] = &["aws_elasticsearch_domain", "aws_opensearch_domain"];

static ENCRYPTED_AT_REST: Check = Check {
    id: "CKV_AWS_5",
    name: "Ensure all data stored in the Elasticsearch is securely encrypted at rest",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::High,
    explanation: Explanation {
        what: "The domain encrypts its indices, logs and snapshots at rest.",
        why: "Unencrypted storage exposes every indexed document to anyone who gets hold of the disks or snapshots.",
        fix: "Add `encrypt_at_rest { enabled = true }`.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  encrypt_at_rest {
    enabled = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_elasticsearch_domain" "search" {
  encrypt_at_rest {
    enabled = true
  }
}"#],
    failing: &[
        r#"
resource "aws_opensearch_domain" "search" {
  encrypt_at_rest {
    enabled = false
  }
}"#,
        r#"
resource "aws_elasticsearch_domain" "search" {
  domain_name = "search"
}"#,
    ],
    evaluate: encrypted_at_rest,
};

fn encrypted_at_rest(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "encrypt_at_rest.0.enabled", true, Verdict::Failed)
}

static NODE_TO_NODE_ENCRYPTION: Check = Check {
    id: "CKV_AWS_6",
    name: "Ensure all Elasticsearch has node-to-node encryption enabled",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A domain with more than one instance encrypts the traffic between its nodes.",
        why: "Without node-to-node encryption, documents travel in clear text inside the VPC between the cluster's nodes.",
        fix: "Add `node_to_node_encryption { enabled = true }`.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  cluster_config {
    instance_count = 3
  }
  node_to_node_encryption {
    enabled = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_opensearch_domain" "search" {
  cluster_config {
    instance_count = 3
  }
  node_to_node_encryption {
    enabled = true
  }
}"#,
        r#"
resource "aws_elasticsearch_domain" "single" {
  cluster_config {
    instance_count = 1
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_elasticsearch_domain" "search" {
  cluster_config {
    instance_count = 2
  }
}"#,
        r#"
resource "aws_opensearch_domain" "search" {
  cluster_config {
    instance_count = 3
  }
  node_to_node_encryption {
    enabled = false
  }
}"#,
    ],
    evaluate: node_to_node_encryption,
};

/// Checkov asks for node-to-node encryption only when `cluster_config` names more than one
/// instance. A count that is not a number, or zero, and an `enabled` that is not a boolean
/// give no verdict.
fn node_to_node_encryption(resource: &Resource<'_>) -> Verdict {
    let Some(cluster) = resource.get("cluster_config.0") else {
        return Verdict::Passed;
    };
    if cluster.is_unknown() {
        return Verdict::Unknown;
    }
    let count = match cluster.get("instance_count") {
        None => return Verdict::Passed,
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::Number(count)) if *count != 0.0 => *count,
        Some(_) => return Verdict::NotApplicable,
    };
    if count <= 1.0 {
        return Verdict::Passed;
    }
    match resource.get("node_to_node_encryption.0.enabled") {
        None => Verdict::Failed,
        Some(Value::Unknown) => Verdict::Unknown,
        Some(Value::Bool(enabled)) => rules::verdict(*enabled),
        Some(_) => Verdict::NotApplicable,
    }
}

static ENFORCES_HTTPS: Check = Check {
    id: "CKV_AWS_83",
    name: "Ensure Elasticsearch Domain enforces HTTPS",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The domain endpoint does not turn HTTPS enforcement off.",
        why: "A domain that accepts plain HTTP lets credentials and documents cross the network unencrypted.",
        fix: "Set `enforce_https = true` in `domain_endpoint_options`, or leave the block out.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  domain_endpoint_options {
    enforce_https = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_opensearch_domain" "search" {
  domain_endpoint_options {
    enforce_https = true
  }
}"#,
        r#"
resource "aws_elasticsearch_domain" "search" {
  domain_name = "search"
}"#,
    ],
    failing: &[r#"
resource "aws_elasticsearch_domain" "search" {
  domain_endpoint_options {
    enforce_https = false
  }
}"#],
    evaluate: enforces_https,
};

fn enforces_https(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "domain_endpoint_options.0.enforce_https",
        true,
        Verdict::Passed,
    )
}

static LOGGING: Check = Check {
    id: "CKV_AWS_84",
    name: "Ensure Elasticsearch Domain Logging is enabled",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The domain publishes logs to CloudWatch: it has a `log_publishing_options` block, and the first one is not switched off.",
        why: "Without published logs, slow queries, errors and access attempts on the domain leave no trace to investigate.",
        fix: "Add a `log_publishing_options` block with `cloudwatch_log_group_arn` and a `log_type`.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  log_publishing_options {
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.search.arn
    log_type                 = "INDEX_SLOW_LOGS"
  }
}"#,
    },
    passing: &[r#"
resource "aws_elasticsearch_domain" "search" {
  log_publishing_options {
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:search"
    log_type                 = "INDEX_SLOW_LOGS"
  }
}"#],
    failing: &[
        r#"
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
}"#,
        r#"
resource "aws_elasticsearch_domain" "search" {
  log_publishing_options {
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:search"
    log_type                 = "INDEX_SLOW_LOGS"
    enabled                  = false
  }
}"#,
    ],
    evaluate: logging,
};

/// Checkov's rule: any `log_publishing_options` block passes unless the first one names a
/// log group and switches itself off with `enabled = false`.
fn logging(resource: &Resource<'_>) -> Verdict {
    let Some(first) = resource.get("log_publishing_options.0") else {
        return Verdict::Failed;
    };
    let names_group = first
        .get("cloudwatch_log_group_arn")
        .is_some_and(crate::checks::aws::iam_policy::truthy);
    match first.get("enabled") {
        Some(Value::Unknown) if names_group => Verdict::Unknown,
        Some(enabled) if names_group && enabled.as_bool() == Some(false) => Verdict::Failed,
        _ => Verdict::Passed,
    }
}

static IN_VPC: Check = Check {
    id: "CKV_AWS_137",
    name: "Ensure that Elasticsearch is configured inside a VPC",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The domain is placed in a VPC with a `vpc_options` block.",
        why: "A domain outside a VPC has a public endpoint that only its access policy protects.",
        fix: "Add `vpc_options` with the subnets and security groups the domain should live in.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  vpc_options {
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = [aws_security_group.search.id]
  }
}"#,
    },
    passing: &[r#"
resource "aws_opensearch_domain" "search" {
  vpc_options {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}"#],
    failing: &[r#"
resource "aws_elasticsearch_domain" "search" {
  domain_name = "search"
}"#],
    evaluate: in_vpc,
};

fn in_vpc(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "vpc_options")
}

static TLS_POLICY: Check = Check {
    id: "CKV_AWS_228",
    name: "Verify Elasticsearch domain is using an up to date TLS policy",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The domain endpoint requires at least TLS 1.2 (`Policy-Min-TLS-1-2-2019-07` or `Policy-Min-TLS-1-2-PFS-2023-10`).",
        why: "Older TLS versions have known weaknesses that let an attacker on the path read or alter traffic.",
        fix: "Set `tls_security_policy = \"Policy-Min-TLS-1-2-PFS-2023-10\"` in `domain_endpoint_options`.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  domain_endpoint_options {
    enforce_https       = true
    tls_security_policy = "Policy-Min-TLS-1-2-PFS-2023-10"
  }
}"#,
    },
    passing: &[r#"
resource "aws_elasticsearch_domain" "search" {
  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-2-2019-07"
  }
}"#],
    failing: &[
        r#"
resource "aws_opensearch_domain" "search" {
  domain_endpoint_options {
    tls_security_policy = "Policy-Min-TLS-1-0-2019-07"
  }
}"#,
        r#"
resource "aws_elasticsearch_domain" "search" {
  domain_name = "search"
}"#,
    ],
    evaluate: tls_policy,
};

fn tls_policy(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "domain_endpoint_options.0.tls_security_policy",
        &[
            "Policy-Min-TLS-1-2-2019-07",
            "Policy-Min-TLS-1-2-PFS-2023-10",
        ],
        Verdict::Failed,
    )
}

static ENCRYPTED_WITH_CMK: Check = Check {
    id: "CKV_AWS_247",
    name: "Ensure all data stored in the Elasticsearch is encrypted with a CMK",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The domain's encryption at rest uses a customer managed KMS key.",
        why: "With the AWS managed key you cannot restrict who uses the key, audit it separately or revoke it.",
        fix: "Set `kms_key_id` in `encrypt_at_rest` to your own key.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  encrypt_at_rest {
    enabled    = true
    kms_key_id = aws_kms_key.search.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_opensearch_domain" "search" {
  encrypt_at_rest {
    enabled    = true
    kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}"#],
    failing: &[r#"
resource "aws_elasticsearch_domain" "search" {
  encrypt_at_rest {
    enabled = true
  }
}"#],
    evaluate: encrypted_with_cmk,
};

fn encrypted_with_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "encrypt_at_rest.0.kms_key_id")
}

static NOT_DEFAULT_SECURITY_GROUP: Check = Check {
    id: "CKV_AWS_248",
    name: "Ensure that Elasticsearch is not using the default Security Group",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The domain's `vpc_options` name its own security groups.",
        why: "A domain without security groups falls back to the VPC's default group, whose rules are rarely meant for it.",
        fix: "Set `security_group_ids` in `vpc_options` to a group made for the domain.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  vpc_options {
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = [aws_security_group.search.id]
  }
}"#,
    },
    passing: &[r#"
resource "aws_opensearch_domain" "search" {
  vpc_options {
    subnet_ids         = ["subnet-0a1b2c3d"]
    security_group_ids = ["sg-0a1b2c3d"]
  }
}"#],
    failing: &[
        r#"
resource "aws_elasticsearch_domain" "search" {
  vpc_options {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}"#,
        r#"
resource "aws_opensearch_domain" "search" {
  domain_name = "search"
}"#,
    ],
    evaluate: not_default_security_group,
};

fn not_default_security_group(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "vpc_options.0.security_group_ids")
}

static AUDIT_LOGGING: Check = Check {
    id: "CKV_AWS_317",
    name: "Ensure Elasticsearch Domain Audit Logging is enabled",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A `log_publishing_options` block publishes `AUDIT_LOGS` with `enabled = true`.",
        why: "Audit logs record who authenticated and what they did, the trail an investigation needs.",
        fix: "Add a `log_publishing_options` block with `log_type = \"AUDIT_LOGS\"` and `enabled = true`.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  log_publishing_options {
    cloudwatch_log_group_arn = aws_cloudwatch_log_group.audit.arn
    log_type                 = "AUDIT_LOGS"
    enabled                  = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_opensearch_domain" "search" {
  log_publishing_options {
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:audit"
    log_type                 = "AUDIT_LOGS"
    enabled                  = true
  }
}"#],
    failing: &[
        r#"
resource "aws_elasticsearch_domain" "search" {
  log_publishing_options {
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:slow"
    log_type                 = "INDEX_SLOW_LOGS"
    enabled                  = true
  }
}"#,
        // Checkov wants `enabled` written out, although the provider defaults it to true.
        r#"
resource "aws_opensearch_domain" "search" {
  log_publishing_options {
    cloudwatch_log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:audit"
    log_type                 = "AUDIT_LOGS"
  }
}"#,
    ],
    evaluate: audit_logging,
};

fn audit_logging(resource: &Resource<'_>) -> Verdict {
    let Some(options) = resource.get("log_publishing_options") else {
        return Verdict::Failed;
    };
    if options.is_unknown() {
        return Verdict::Unknown;
    }
    let mut unknown = false;
    for option in options.as_list().unwrap_or_default() {
        let log_type = option.get("log_type");
        let enabled = option.get("enabled");
        if log_type.is_some_and(Value::is_unknown) || enabled.is_some_and(Value::is_unknown) {
            unknown = true;
            continue;
        }
        let audit = log_type.and_then(Value::as_str) == Some("AUDIT_LOGS");
        if audit && enabled.and_then(Value::as_bool) == Some(true) {
            return Verdict::Passed;
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

static DEDICATED_MASTERS: Check = Check {
    id: "CKV_AWS_318",
    name: "Ensure Elasticsearch domains are configured with at least three dedicated master nodes for HA",
    kind: EntityKind::Resource,
    resource_types: DOMAINS,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The domain has at least three dedicated master nodes and zone awareness turned on.",
        why: "With fewer masters, or all nodes in one Availability Zone, losing a node or a zone can make the cluster unavailable.",
        fix: "Set `dedicated_master_count = 3` (or more) and `zone_awareness_enabled = true` in `cluster_config`.",
        fixed: r#"resource "aws_opensearch_domain" "search" {
  domain_name = "search"
  cluster_config {
    dedicated_master_enabled = true
    dedicated_master_count   = 3
    zone_awareness_enabled   = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_opensearch_domain" "search" {
  cluster_config {
    dedicated_master_count = 3
    zone_awareness_enabled = true
  }
}"#],
    failing: &[
        r#"
resource "aws_elasticsearch_domain" "search" {
  cluster_config {
    dedicated_master_count = 2
    zone_awareness_enabled = true
  }
}"#,
        r#"
resource "aws_opensearch_domain" "search" {
  cluster_config {
    dedicated_master_count = 3
  }
}"#,
        r#"
resource "aws_elasticsearch_domain" "search" {
  domain_name = "search"
}"#,
    ],
    evaluate: dedicated_masters,
};

fn dedicated_masters(resource: &Resource<'_>) -> Verdict {
    let count = resource.get("cluster_config.0.dedicated_master_count");
    let zones = resource.get("cluster_config.0.zone_awareness_enabled");
    if count.is_some_and(Value::is_unknown) || zones.is_some_and(Value::is_unknown) {
        return Verdict::Unknown;
    }
    let enough = matches!(count, Some(Value::Number(count)) if *count >= 3.0);
    rules::verdict(enough && zones.and_then(Value::as_bool) == Some(true))
}
