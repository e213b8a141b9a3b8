//! AWS MSK (managed Kafka) checks: broker logging, encryption and public access.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&LOGGING, &ENCRYPTION, &NODES_PRIVATE];

static LOGGING: Check = Check {
    id: "CKV_AWS_80",
    name: "Ensure MSK Cluster logging is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_msk_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An MSK cluster sends its broker logs to CloudWatch Logs, Firehose or S3.",
        why:
            "Without broker logs, failed authentications and errors on the cluster leave no trace.",
        fix: "Add `logging_info { broker_logs { ... } }` with one destination `enabled = true`.",
        fixed: r#"resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  logging_info {
    broker_logs {
      cloudwatch_logs {
        enabled   = true
        log_group = aws_cloudwatch_log_group.msk.name
      }
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_msk_cluster" "events" {
  logging_info {
    broker_logs {
      s3 {
        enabled = true
        bucket  = "broker-logs"
      }
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_msk_cluster" "events" {
  logging_info {
    broker_logs {
      firehose {
        enabled = false
      }
    }
  }
}"#,
        r#"
resource "aws_msk_cluster" "events" {
  cluster_name = "events"
}"#,
    ],
    evaluate: logging,
};

fn logging(resource: &Resource<'_>) -> Verdict {
    let mut unknown = false;
    for destination in ["cloudwatch_logs", "firehose", "s3"] {
        let path = alloc::format!("logging_info.0.broker_logs.0.{destination}.0.enabled");
        match resource.get(&path) {
            Some(known_later) if known_later.is_unknown() => unknown = true,
            Some(Value::Bool(true)) => return Verdict::Passed,
            _ => {}
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

static ENCRYPTION: Check = Check {
    id: "CKV_AWS_81",
    name: "Ensure MSK Cluster encryption in rest and transit is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_msk_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An MSK cluster has an `encryption_info` block and does not weaken encryption in transit (TLS between clients and brokers, and inside the cluster).",
        why: "Plain-text Kafka traffic exposes every message and credential to anyone on the network path.",
        fix: "Add `encryption_info` and keep `client_broker = \"TLS\"` and `in_cluster = true` in `encryption_in_transit`.",
        fixed: r#"resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  encryption_info {
    encryption_at_rest_kms_key_arn = aws_kms_key.msk.arn

    encryption_in_transit {
      client_broker = "TLS"
      in_cluster    = true
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_msk_cluster" "events" {
  encryption_info {
    encryption_in_transit {
      client_broker = "TLS"
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_msk_cluster" "events" {
  encryption_info {
    encryption_in_transit {
      client_broker = "TLS_PLAINTEXT"
    }
  }
}"#,
        r#"
resource "aws_msk_cluster" "events" {
  encryption_info {
    encryption_in_transit {
      in_cluster = false
    }
  }
}"#,
        r#"
resource "aws_msk_cluster" "events" {
  cluster_name = "events"
}"#,
    ],
    evaluate: encryption,
};

fn encryption(resource: &Resource<'_>) -> Verdict {
    match resource.get("encryption_info") {
        None | Some(Value::Null) => return Verdict::Failed,
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        Some(_) => {}
    }
    let client_broker = resource.get("encryption_info.0.encryption_in_transit.0.client_broker");
    let in_cluster = resource.get("encryption_info.0.encryption_in_transit.0.in_cluster");
    // Anything but "TLS" fails; the known pieces of a partial string may already rule it out.
    let weak_client = client_broker.is_some_and(|mode| mode.may_equal("TLS") == Some(false));
    let weak_cluster = matches!(in_cluster, Some(Value::Bool(false)));
    if weak_client || weak_cluster {
        Verdict::Failed
    } else if client_broker.is_some_and(Value::is_unknown)
        || in_cluster.is_some_and(Value::is_unknown)
    {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

static NODES_PRIVATE: Check = Check {
    id: "CKV_AWS_291",
    name: "Ensure MSK nodes are private",
    kind: EntityKind::Resource,
    resource_types: &["aws_msk_cluster"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An MSK cluster's brokers are not given public addresses (`public_access.type = \"SERVICE_PROVIDED_EIPS\"`).",
        why: "Public brokers put the Kafka cluster on the internet.",
        fix: "Set `type = \"DISABLED\"` in `connectivity_info.public_access`, or leave the block out.",
        fixed: r#"resource "aws_msk_cluster" "events" {
  cluster_name           = "events"
  kafka_version          = "3.6.0"
  number_of_broker_nodes = 3

  broker_node_group_info {
    instance_type   = "kafka.m5.large"
    client_subnets  = aws_subnet.private[*].id
    security_groups = [aws_security_group.msk.id]

    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_msk_cluster" "events" {
  broker_node_group_info {
    connectivity_info {
      public_access {
        type = "DISABLED"
      }
    }
  }
}"#,
        r#"
resource "aws_msk_cluster" "events" {
  broker_node_group_info {
    instance_type = "kafka.m5.large"
  }
}"#,
    ],
    failing: &[r#"
resource "aws_msk_cluster" "events" {
  broker_node_group_info {
    connectivity_info {
      public_access {
        type = "SERVICE_PROVIDED_EIPS"
      }
    }
  }
}"#],
    evaluate: nodes_private,
};

fn nodes_private(resource: &Resource<'_>) -> Verdict {
    rules::string_not_in(
        resource,
        "broker_node_group_info.0.connectivity_info.0.public_access.0.type",
        &["SERVICE_PROVIDED_EIPS"],
    )
}
