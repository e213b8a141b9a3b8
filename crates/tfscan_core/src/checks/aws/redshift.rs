//! AWS Redshift checks: clusters, parameter groups, snapshot copy grants and Serverless
//! namespaces.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &ENCRYPTED,
    &LOGGING,
    &NOT_PUBLIC,
    &REQUIRE_SSL,
    &VERSION_UPGRADE,
    &KMS_KEY,
    &IN_VPC,
    &SNAPSHOT_COPY_GRANT_CMK,
    &SERVERLESS_NAMESPACE_CMK,
    &DATABASE_NAME,
    &ENHANCED_VPC_ROUTING,
    &AUTOMATED_SNAPSHOTS,
    &COMMON_USERNAME_AND_PUBLIC,
];

static ENCRYPTED: Check = Check {
    id: "CKV_AWS_64",
    name: "Ensure all data stored in the Redshift cluster is securely encrypted at rest",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A Redshift cluster has `encrypted = true`.",
        why: "An unencrypted warehouse, its backups and snapshots can be read by anyone who reaches the storage or a shared snapshot.",
        fix: "Set `encrypted = true`.",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  encrypted          = true
}"#,
    },
    passing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  encrypted = true
}"#],
    failing: &[
        r#"
resource "aws_redshift_cluster" "warehouse" {
  encrypted = false
}"#,
        r#"
resource "aws_redshift_cluster" "warehouse" {
  node_type = "ra3.xlplus"
}"#,
    ],
    evaluate: encrypted,
};

fn encrypted(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "encrypted", true, Verdict::Failed)
}

static LOGGING: Check = Check {
    id: "CKV_AWS_71",
    name: "Ensure Redshift Cluster logging is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Redshift cluster turns on audit logging in its `logging` block.",
        why: "Without connection and user-activity logs there is no record of who queried the warehouse.",
        fix: "Add a `logging` block with `enable = true` and a destination.",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"

  logging {
    enable               = true
    log_destination_type = "cloudwatch"
    log_exports          = ["connectionlog", "userlog", "useractivitylog"]
  }
}"#,
    },
    passing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  logging {
    enable      = true
    bucket_name = "audit-logs"
  }
}"#],
    failing: &[
        r#"
resource "aws_redshift_cluster" "warehouse" {
  logging {
    enable = false
  }
}"#,
        r#"
resource "aws_redshift_cluster" "warehouse" {
  node_type = "ra3.xlplus"
}"#,
    ],
    evaluate: logging,
};

fn logging(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "logging.0.enable", true, Verdict::Failed)
}

static NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_87",
    name: "Redshift cluster should not be publicly accessible",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A Redshift cluster does not set `publicly_accessible = true`.",
        why: "A public endpoint puts the warehouse's login on the internet, one weak password away from a breach.",
        fix: "Set `publicly_accessible = false` and reach the cluster from inside the VPC.",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier  = "warehouse"
  node_type           = "ra3.xlplus"
  publicly_accessible = false
}"#,
    },
    passing: &[
        r#"
resource "aws_redshift_cluster" "warehouse" {
  publicly_accessible = false
}"#,
        r#"
resource "aws_redshift_cluster" "warehouse" {
  node_type = "ra3.xlplus"
}"#,
    ],
    failing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  publicly_accessible = true
}"#],
    evaluate: not_public,
};

fn not_public(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "publicly_accessible", true)
}

static REQUIRE_SSL: Check = Check {
    id: "CKV_AWS_105",
    name: "Ensure Redshift uses SSL",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_parameter_group"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Redshift parameter group sets `require_ssl` to true.",
        why: "Without it clients may connect in clear text, exposing credentials and query results on the network.",
        fix: "Add a `parameter` block with `name = \"require_ssl\"` and `value = \"true\"`.",
        fixed: r#"resource "aws_redshift_parameter_group" "warehouse" {
  name   = "warehouse"
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = "true"
  }
}"#,
    },
    passing: &[r#"
resource "aws_redshift_parameter_group" "warehouse" {
  family = "redshift-1.0"

  parameter {
    name  = "require_ssl"
    value = true
  }
}"#],
    failing: &[
        r#"
resource "aws_redshift_parameter_group" "warehouse" {
  parameter {
    name  = "require_ssl"
    value = "false"
  }
}"#,
        r#"
resource "aws_redshift_parameter_group" "warehouse" {
  family = "redshift-1.0"
}"#,
    ],
    evaluate: require_ssl,
};

fn require_ssl(resource: &Resource<'_>) -> Verdict {
    let parameters = match resource.get("parameter") {
        Some(Value::List(parameters)) => parameters.as_slice(),
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        _ => return Verdict::Failed,
    };
    let mut unknown = false;
    for parameter in parameters {
        let name = parameter.get("name");
        let value = parameter.get("value");
        if name.is_some_and(Value::is_unknown) || value.is_some_and(Value::is_unknown) {
            unknown = true;
        } else if name.and_then(Value::as_str) == Some("require_ssl")
            && value.and_then(Value::as_bool) == Some(true)
        {
            return Verdict::Passed;
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

static VERSION_UPGRADE: Check = Check {
    id: "CKV_AWS_141",
    name: "Ensured that Redshift cluster allowing version upgrade by default",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Redshift cluster does not turn off major version upgrades with `allow_version_upgrade = false`.",
        why: "A cluster that never upgrades misses the engine's security fixes.",
        fix: "Remove `allow_version_upgrade = false` or set it to `true`.",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier    = "warehouse"
  node_type             = "ra3.xlplus"
  allow_version_upgrade = true
}"#,
    },
    passing: &[
        r#"
resource "aws_redshift_cluster" "warehouse" {
  allow_version_upgrade = true
}"#,
        r#"
resource "aws_redshift_cluster" "warehouse" {
  node_type = "ra3.xlplus"
}"#,
    ],
    failing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  allow_version_upgrade = false
}"#],
    evaluate: version_upgrade,
};

fn version_upgrade(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "allow_version_upgrade", true, Verdict::Passed)
}

static KMS_KEY: Check = Check {
    id: "CKV_AWS_142",
    name: "Ensure that Redshift cluster is encrypted by KMS",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Redshift cluster is encrypted with a KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can decrypt the warehouse and its snapshots, and can revoke that access.",
        fix: "Set `kms_key_id` to your key's ARN (with `encrypted = true`).",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  encrypted          = true
  kms_key_id         = aws_kms_key.warehouse.arn
}"#,
    },
    passing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  encrypted  = true
  kms_key_id = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  encrypted = true
}"#],
    evaluate: kms_key_id_set,
};

fn kms_key_id_set(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_id")
}

static IN_VPC: Check = Check {
    id: "CKV_AWS_154",
    name: "Ensure Redshift is not deployed outside of a VPC",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Redshift cluster names a subnet group, so it runs inside a VPC.",
        why: "Without a subnet group the cluster is placed outside your VPC's network controls (EC2-Classic or the default network).",
        fix: "Create an `aws_redshift_subnet_group` of private subnets and set `cluster_subnet_group_name`.",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier        = "warehouse"
  node_type                 = "ra3.xlplus"
  cluster_subnet_group_name = aws_redshift_subnet_group.private.name
}"#,
    },
    passing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  cluster_subnet_group_name = "private"
}"#],
    failing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  node_type = "ra3.xlplus"
}"#],
    evaluate: in_vpc,
};

fn in_vpc(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "cluster_subnet_group_name")
}

static SNAPSHOT_COPY_GRANT_CMK: Check = Check {
    id: "CKV_AWS_281",
    name: "Ensure RedShift snapshot copy is encrypted by KMS using a customer managed Key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_snapshot_copy_grant"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A snapshot copy grant names the customer managed KMS key that encrypts copied snapshots.",
        why: "With a key you manage, you decide and audit who can restore the snapshots copied to another region.",
        fix: "Set `kms_key_id` to a key in the destination region.",
        fixed: r#"resource "aws_redshift_snapshot_copy_grant" "warehouse" {
  snapshot_copy_grant_name = "warehouse"
  kms_key_id               = aws_kms_key.warehouse_copy.arn
}"#,
    },
    passing: &[r#"
resource "aws_redshift_snapshot_copy_grant" "warehouse" {
  snapshot_copy_grant_name = "warehouse"
  kms_key_id               = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_redshift_snapshot_copy_grant" "warehouse" {
  snapshot_copy_grant_name = "warehouse"
}"#],
    evaluate: kms_key_id_set,
};

static SERVERLESS_NAMESPACE_CMK: Check = Check {
    id: "CKV_AWS_282",
    name: "Ensure that Redshift Serverless namespace is encrypted by KMS using a customer managed key (CMK)",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshiftserverless_namespace"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Redshift Serverless namespace is encrypted with a customer managed KMS key named in `kms_key_id`.",
        why: "With a key you manage, you decide and audit who can decrypt the namespace's data, and can revoke that access.",
        fix: "Set `kms_key_id` to your key's ARN.",
        fixed: r#"resource "aws_redshiftserverless_namespace" "analytics" {
  namespace_name = "analytics"
  kms_key_id     = aws_kms_key.analytics.arn
}"#,
    },
    passing: &[r#"
resource "aws_redshiftserverless_namespace" "analytics" {
  namespace_name = "analytics"
  kms_key_id     = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd"
}"#],
    failing: &[r#"
resource "aws_redshiftserverless_namespace" "analytics" {
  namespace_name = "analytics"
}"#],
    evaluate: kms_key_id_set,
};

static DATABASE_NAME: Check = Check {
    id: "CKV_AWS_320",
    name: "Ensure Redshift clusters do not use the default database name",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Redshift cluster names its database instead of taking the default `dev`.",
        why: "A well-known database name is one less thing an attacker has to guess.",
        fix: "Set `database_name`.",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier = "warehouse"
  node_type          = "ra3.xlplus"
  database_name      = "sales"
}"#,
    },
    passing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  database_name = "sales"
}"#],
    failing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  node_type = "ra3.xlplus"
}"#],
    evaluate: database_name,
};

/// Checkov accepts any written name, `dev` included.
fn database_name(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "database_name")
}

static ENHANCED_VPC_ROUTING: Check = Check {
    id: "CKV_AWS_321",
    name: "Ensure Redshift clusters use enhanced VPC routing",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Redshift cluster has `enhanced_vpc_routing = true`.",
        why: "Without it `COPY` and `UNLOAD` traffic bypasses the VPC, so its security groups, endpoints and flow logs do not see it.",
        fix: "Set `enhanced_vpc_routing = true`.",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier   = "warehouse"
  node_type            = "ra3.xlplus"
  enhanced_vpc_routing = true
}"#,
    },
    passing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  enhanced_vpc_routing = true
}"#],
    failing: &[
        r#"
resource "aws_redshift_cluster" "warehouse" {
  enhanced_vpc_routing = false
}"#,
        r#"
resource "aws_redshift_cluster" "warehouse" {
  node_type = "ra3.xlplus"
}"#,
    ],
    evaluate: enhanced_vpc_routing,
};

fn enhanced_vpc_routing(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "enhanced_vpc_routing", true, Verdict::Failed)
}

static AUTOMATED_SNAPSHOTS: Check = Check {
    id: "CKV_AWS_343",
    name: "Ensure Amazon Redshift clusters should have automatic snapshots enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Redshift cluster does not turn off automated snapshots with `automated_snapshot_retention_period = 0`.",
        why: "Without automated snapshots a dropped table or a corrupted load cannot be restored.",
        fix: "Leave `automated_snapshot_retention_period` unset (one day) or set it to the days to keep.",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier                  = "warehouse"
  node_type                           = "ra3.xlplus"
  automated_snapshot_retention_period = 7
}"#,
    },
    passing: &[
        r#"
resource "aws_redshift_cluster" "warehouse" {
  automated_snapshot_retention_period = 7
}"#,
        r#"
resource "aws_redshift_cluster" "warehouse" {
  node_type = "ra3.xlplus"
}"#,
    ],
    failing: &[r#"
resource "aws_redshift_cluster" "warehouse" {
  automated_snapshot_retention_period = 0
}"#],
    evaluate: automated_snapshots,
};

fn automated_snapshots(resource: &Resource<'_>) -> Verdict {
    rules::number_not_equals(
        resource,
        "automated_snapshot_retention_period",
        0.0,
        Verdict::Passed,
    )
}

static COMMON_USERNAME_AND_PUBLIC: Check = Check {
    id: "CKV_AWS_391",
    name: "Avoid AWS Redshift cluster with commonly used master username and public access setting enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_redshift_cluster"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A Redshift cluster with a common master username (`awsuser`, `admin`, `administrator`) is not publicly accessible.",
        why: "A guessable user name on a public endpoint leaves only the password between the internet and the warehouse.",
        fix: "Choose an uncommon `master_username` and set `publicly_accessible = false`.",
        fixed: r#"resource "aws_redshift_cluster" "warehouse" {
  cluster_identifier  = "warehouse"
  node_type           = "ra3.xlplus"
  master_username     = "warehouse_owner"
  publicly_accessible = false
}"#,
    },
    passing: &[
        r#"
resource "aws_redshift_cluster" "warehouse" {
  master_username     = "admin"
  publicly_accessible = false
}"#,
        r#"
resource "aws_redshift_cluster" "warehouse" {
  master_username = "warehouse_owner"
}"#,
    ],
    failing: &[
        r#"
resource "aws_redshift_cluster" "warehouse" {
  master_username = "awsuser"
}"#,
        r#"
resource "aws_redshift_cluster" "warehouse" {
  master_username     = "administrator"
  publicly_accessible = true
}"#,
    ],
    evaluate: common_username_and_public,
};

/// Checkov takes an unset `publicly_accessible` as public (its reading of the provider's
/// default) once the user name is a common one.
fn common_username_and_public(resource: &Resource<'_>) -> Verdict {
    match resource.get("master_username") {
        Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
        Some(Value::String(user))
            if ["awsuser", "administrator", "admin"].contains(&user.as_str()) =>
        {
            match resource.get("publicly_accessible") {
                None => Verdict::Failed,
                Some(known_later) if known_later.is_unknown() => Verdict::Unknown,
                Some(public) => rules::verdict(public.as_bool() != Some(true)),
            }
        }
        _ => Verdict::Passed,
    }
}
