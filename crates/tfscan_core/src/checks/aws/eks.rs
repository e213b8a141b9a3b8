//! Amazon EKS cluster and node group checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &CONTROL_PLANE_LOGGING,
    &PUBLIC_ENDPOINT_CIDRS,
    &PUBLIC_ENDPOINT_DISABLED,
    &SECRETS_ENCRYPTION,
    &NODE_GROUP_SSH,
    &SUPPORTED_VERSION,
];

const CLUSTER: &[&str] = &["aws_eks_cluster"];

/// The control plane log types EKS offers; Checkov wants all of them.
const LOG_TYPES: &[&str] = &[
    "api",
    "audit",
    "authenticator",
    "controllerManager",
    "scheduler",
];

static CONTROL_PLANE_LOGGING: Check = Check {
    id: "CKV_AWS_37",
    name: "Ensure Amazon EKS control plane logging is enabled for all log types",
    kind: EntityKind::Resource,
    resource_types: CLUSTER,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The cluster sends all five control plane log types (api, audit, authenticator, controllerManager, scheduler) to CloudWatch.",
        why: "Control plane logs are the only record of who called the Kubernetes API and what the cluster did about it.",
        fix: "List every log type in `enabled_cluster_log_types`.",
        fixed: r#"resource "aws_eks_cluster" "main" {
  name                      = "main"
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
}"#,
    },
    passing: &[r#"
resource "aws_eks_cluster" "main" {
  enabled_cluster_log_types = ["api", "audit", "authenticator", "controllerManager", "scheduler"]
}"#],
    failing: &[
        r#"
resource "aws_eks_cluster" "main" {
  enabled_cluster_log_types = ["api", "audit"]
}"#,
        r#"
resource "aws_eks_cluster" "main" {
  name = "main"
}"#,
    ],
    evaluate: control_plane_logging,
};

fn control_plane_logging(resource: &Resource<'_>) -> Verdict {
    let types = match resource.get("enabled_cluster_log_types") {
        None | Some(Value::Null) => return Verdict::Failed,
        Some(Value::List(types)) => types,
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(_) => return Verdict::Failed,
    };
    let has = |wanted: &&str| types.iter().any(|item| item.as_str() == Some(*wanted));
    if LOG_TYPES.iter().all(has) {
        Verdict::Passed
    } else if types.iter().any(Value::is_unknown) {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

static PUBLIC_ENDPOINT_CIDRS: Check = Check {
    id: "CKV_AWS_38",
    name: "Ensure Amazon EKS public endpoint not accessible to 0.0.0.0/0",
    kind: EntityKind::Resource,
    resource_types: CLUSTER,
    severity: Severity::High,
    explanation: Explanation {
        what: "The cluster's public API endpoint is either off or limited to named address ranges other than 0.0.0.0/0.",
        why: "An API endpoint open to the whole internet invites credential stuffing and exploits of API server flaws.",
        fix: "Set `endpoint_public_access = false`, or list your own ranges in `public_access_cidrs`.",
        fixed: r#"resource "aws_eks_cluster" "main" {
  vpc_config {
    subnet_ids             = var.subnet_ids
    endpoint_public_access = true
    public_access_cidrs    = ["203.0.113.0/24"]
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_eks_cluster" "main" {
  vpc_config {
    endpoint_public_access = false
  }
}"#,
        r#"
resource "aws_eks_cluster" "main" {
  vpc_config {
    public_access_cidrs = ["203.0.113.0/24"]
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_eks_cluster" "main" {
  vpc_config {
    public_access_cidrs = ["0.0.0.0/0"]
  }
}"#,
        // The provider's default is 0.0.0.0/0.
        r#"
resource "aws_eks_cluster" "main" {
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}"#,
    ],
    evaluate: public_endpoint_cidrs,
};

/// Checkov's rule; a cluster without `vpc_config` gets no verdict.
fn public_endpoint_cidrs(resource: &Resource<'_>) -> Verdict {
    let Some(config) = resource.get("vpc_config.0") else {
        return Verdict::NotApplicable;
    };
    if config.is_unknown() {
        return Verdict::Unknown;
    }
    match config.get("endpoint_public_access") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(public) if !truthy(public) || public.as_bool() == Some(false) => {
            return Verdict::Passed;
        }
        _ => {}
    }
    match config.get("public_access_cidrs") {
        None => Verdict::Failed,
        Some(Value::List(cidrs)) => {
            if cidrs.is_empty() || cidrs.iter().any(|cidr| cidr.as_str() == Some("0.0.0.0/0")) {
                Verdict::Failed
            } else if cidrs.iter().any(Value::is_unknown) {
                Verdict::Unknown
            } else {
                Verdict::Passed
            }
        }
        Some(Value::Unknown) => Verdict::Unknown,
        Some(_) => Verdict::Failed,
    }
}

static PUBLIC_ENDPOINT_DISABLED: Check = Check {
    id: "CKV_AWS_39",
    name: "Ensure Amazon EKS public endpoint disabled",
    kind: EntityKind::Resource,
    resource_types: CLUSTER,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The cluster's Kubernetes API is reachable only through its private endpoint.",
        why: "A public API endpoint is one more door to the cluster that anyone on the internet can knock on.",
        fix: "Set `endpoint_public_access = false` (and `endpoint_private_access = true`) in `vpc_config`.",
        fixed: r#"resource "aws_eks_cluster" "main" {
  vpc_config {
    subnet_ids              = var.subnet_ids
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}"#,
    },
    passing: &[r#"
resource "aws_eks_cluster" "main" {
  vpc_config {
    endpoint_private_access = true
    endpoint_public_access  = false
  }
}"#],
    failing: &[
        r#"
resource "aws_eks_cluster" "main" {
  vpc_config {
    endpoint_public_access = true
  }
}"#,
        r#"
resource "aws_eks_cluster" "main" {
  vpc_config {
    subnet_ids = ["subnet-0a1b2c3d"]
  }
}"#,
    ],
    evaluate: public_endpoint_disabled,
};

fn public_endpoint_disabled(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "vpc_config.0.endpoint_public_access",
        false,
        Verdict::Failed,
    )
}

static SECRETS_ENCRYPTION: Check = Check {
    id: "CKV_AWS_58",
    name: "Ensure EKS Cluster has Secrets Encryption Enabled",
    kind: EntityKind::Resource,
    resource_types: CLUSTER,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The cluster encrypts Kubernetes secrets with a KMS key (envelope encryption of `secrets`).",
        why: "Without it, secrets sit in etcd only base64-encoded, readable by anyone who reaches the data store or its backups.",
        fix: "Add an `encryption_config` block with `resources = [\"secrets\"]` and a KMS `provider`.",
        fixed: r#"resource "aws_eks_cluster" "main" {
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = aws_kms_key.eks.arn
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_eks_cluster" "main" {
  encryption_config {
    resources = ["secrets"]
    provider {
      key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
    }
  }
}"#],
    failing: &[r#"
resource "aws_eks_cluster" "main" {
  name = "main"
}"#],
    evaluate: secrets_encryption,
};

/// Checkov compares the list whole: it must be exactly `["secrets"]`.
fn secrets_encryption(resource: &Resource<'_>) -> Verdict {
    match resource.get("encryption_config.0.resources") {
        None | Some(Value::Null) => Verdict::Failed,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(Value::List(items)) => {
            rules::verdict(matches!(items.as_slice(), [only] if only.as_str() == Some("secrets")))
        }
        Some(_) => Verdict::Failed,
    }
}

static NODE_GROUP_SSH: Check = Check {
    id: "CKV_AWS_100",
    name: "Ensure AWS EKS node group does not have implicit SSH access from 0.0.0.0/0",
    kind: EntityKind::Resource,
    resource_types: &["aws_eks_node_group"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A node group that allows SSH with a key pair also names the security groups SSH may come from.",
        why: "With a key pair and no source security groups, EKS opens port 22 on the nodes to the whole internet.",
        fix: "Set `source_security_group_ids` in `remote_access`, or drop `ec2_ssh_key`.",
        fixed: r#"resource "aws_eks_node_group" "workers" {
  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = [aws_security_group.bastion.id]
  }
}"#,
    },
    passing: &[r#"
resource "aws_eks_node_group" "workers" {
  remote_access {
    ec2_ssh_key               = "ops"
    source_security_group_ids = ["sg-0a1b2c3d"]
  }
}"#],
    failing: &[r#"
resource "aws_eks_node_group" "workers" {
  remote_access {
    ec2_ssh_key = "ops"
  }
}"#],
    evaluate: node_group_ssh,
};

fn node_group_ssh(resource: &Resource<'_>) -> Verdict {
    let Some(access) = resource.get("remote_access.0") else {
        return Verdict::Passed;
    };
    let open =
        access.get("ec2_ssh_key").is_some() && access.get("source_security_group_ids").is_none();
    rules::verdict(!open)
}

static SUPPORTED_VERSION: Check = Check {
    id: "CKV_AWS_339",
    name: "Ensure EKS clusters run on a supported Kubernetes version",
    kind: EntityKind::Resource,
    resource_types: CLUSTER,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The cluster's Kubernetes version, when set, is one EKS still supports (1.25 to 1.32 in Checkov's list).",
        why: "Versions past their end of support get no security fixes.",
        fix: "Upgrade `version` to a supported Kubernetes release.",
        fixed: r#"resource "aws_eks_cluster" "main" {
  name    = "main"
  version = "1.31"
}"#,
    },
    passing: &[
        r#"
resource "aws_eks_cluster" "main" {
  version = "1.31"
}"#,
        r#"
resource "aws_eks_cluster" "main" {
  name = "the latest version by default"
}"#,
    ],
    failing: &[r#"
resource "aws_eks_cluster" "main" {
  version = "1.21"
}"#],
    evaluate: supported_version,
};

fn supported_version(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "version",
        &[
            "1.25", "1.26", "1.27", "1.28", "1.29", "1.30", "1.31", "1.32",
        ],
        Verdict::Passed,
    )
}
