//! VPCs, network ACLs and security groups seen with what uses them.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;
use crate::value::Value;

use super::{all_of, any_of, blocks, connected, elsewhere, present};

pub(super) static NETWORK_ACL_ATTACHED: Check = Check {
    id: "CKV2_AWS_1",
    name: "Ensure that all NACL are attached to subnets",
    kind: EntityKind::Resource,
    resource_types: &["aws_network_acl"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A network ACL lists subnets of the configuration it applies to in `subnet_ids`.",
        why: "A network ACL attached to no subnet filters nothing: the rules someone wrote for it protect no traffic, while the subnets stay on the VPC's default ACL.",
        fix: "List the subnets in `subnet_ids`, or delete the unused network ACL.",
        fixed: r#"resource "aws_network_acl" "private" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.private.id]
}"#,
    },
    passing: &[
        r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_subnet" "private" {
  vpc_id     = aws_vpc.main.id
  cidr_block = "10.0.1.0/24"
}

resource "aws_network_acl" "private" {
  vpc_id     = aws_vpc.main.id
  subnet_ids = [aws_subnet.private.id]
}"#,
        r#"
resource "aws_subnet" "private" {
  count      = 2
  vpc_id     = "vpc-0a1b2c3d4e5f60718"
  cidr_block = "10.0.${count.index}.0/24"
}

resource "aws_network_acl" "private" {
  vpc_id     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids = aws_subnet.private[*].id
}"#,
    ],
    failing: &[
        r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_network_acl" "unused" {
  vpc_id = aws_vpc.main.id
}"#,
        r#"
resource "aws_network_acl" "empty" {
  vpc_id     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids = []
}"#,
        // Subnets that are not blocks of the configuration do not satisfy Checkov's rule.
        r#"
resource "aws_network_acl" "elsewhere" {
  vpc_id     = "vpc-0a1b2c3d4e5f60718"
  subnet_ids = ["subnet-0a1b2c3d4e5f60718"]
}"#,
    ],
    evaluate: network_acl_attached,
};

/// Checkov asks for `subnet_ids` and a connection to an `aws_subnet` block of the
/// configuration. Subnet IDs that arrive from outside this module instance (a variable, a
/// module output) cannot be followed by the resource graph, so without a connection they give
/// Unknown; literal subnet IDs fail, as in Checkov, although they attach the ACL all the same.
/// `aws_network_acl_association` blocks do not count, as in Checkov's rule.
fn network_acl_attached(acl: &Resource<'_>) -> Verdict {
    let listed = present(acl.attributes, "subnet_ids");
    if listed != Verdict::Passed {
        return listed;
    }
    if !connected(acl, &["aws_subnet"]).is_empty() {
        return Verdict::Passed;
    }
    match acl.get("subnet_ids") {
        Some(ids) if ids.contains_unknown() => Verdict::Unknown,
        _ => Verdict::Failed,
    }
}

pub(super) static SECURITY_GROUP_ATTACHED: Check = Check {
    id: "CKV2_AWS_5",
    name: "Ensure that Security Groups are attached to another resource",
    kind: EntityKind::Resource,
    resource_types: &["aws_security_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A security group is used by a resource that takes security groups: an instance, a launch template, a load balancer, a database, a Lambda function, an ECS service, a VPC endpoint and the like.",
        why: "An unused security group is clutter that hides which rules really apply, and is easily attached later with rules nobody reviewed for that use.",
        fix: "Attach the security group to the resource it was written for, or delete it.",
        fixed: r#"resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = aws_vpc.main.id
}

resource "aws_instance" "web" {
  ami                    = "ami-0c55b159cbfafe1f0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]
}"#,
    },
    passing: &[
        r#"
resource "aws_security_group" "web" {
  name   = "web"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_instance" "web" {
  ami                    = "ami-0c55b159cbfafe1f0"
  instance_type          = "t3.micro"
  vpc_security_group_ids = [aws_security_group.web.id]
}"#,
        r#"
resource "aws_security_group" "database" {
  name   = "database"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

locals {
  database_groups = [aws_security_group.database.id]
}

resource "aws_db_instance" "main" {
  engine                 = "postgres"
  instance_class         = "db.t3.micro"
  allocated_storage      = 20
  vpc_security_group_ids = local.database_groups
}"#,
    ],
    failing: &[
        r#"
resource "aws_security_group" "unused" {
  name   = "unused"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}"#,
        r#"
resource "aws_security_group" "rules_only" {
  name   = "rules-only"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_security_group_rule" "https" {
  type              = "ingress"
  security_group_id = aws_security_group.rules_only.id
  from_port         = 443
  to_port           = 443
  protocol          = "tcp"
  cidr_blocks       = ["10.0.0.0/8"]
}"#,
    ],
    evaluate: security_group_attached,
};

/// The resource types that take security groups, as Checkov lists them. A rule resource
/// (`aws_security_group_rule`, `aws_vpc_security_group_ingress_rule`) or another security
/// group that names this one does not attach it.
const TAKES_SECURITY_GROUPS: &[&str] = &[
    "aws_alb",
    "aws_apprunner_vpc_connector",
    "aws_appstream_fleet",
    "aws_batch_compute_environment",
    "aws_cloudwatch_event_target",
    "aws_codebuild_project",
    "aws_codestarconnections_host",
    "aws_dax_cluster",
    "aws_db_instance",
    "aws_dms_replication_instance",
    "aws_docdb_cluster",
    "aws_ec2_client_vpn_endpoint",
    "aws_ec2_client_vpn_network_association",
    "aws_ec2_spot_fleet_request",
    "aws_ecs_service",
    "aws_efs_mount_target",
    "aws_eks_cluster",
    "aws_eks_node_group",
    "aws_elasticache_cluster",
    "aws_elasticache_replication_group",
    "aws_elasticsearch_domain",
    "aws_elb",
    "aws_emr_cluster",
    "aws_emr_studio",
    "aws_glue_dev_endpoint",
    "aws_instance",
    "aws_lambda_function",
    "aws_launch_configuration",
    "aws_launch_template",
    "aws_lb",
    "aws_memorydb_cluster",
    "aws_mq_broker",
    "aws_msk_cluster",
    "aws_mwaa_environment",
    "aws_neptune_cluster",
    "aws_network_interface",
    "aws_quicksight_vpc_connection",
    "aws_rds_cluster",
    "aws_redshift_cluster",
    "aws_route53_resolver_endpoint",
    "aws_sagemaker_notebook_instance",
    "aws_transfer_server",
    "aws_vpc_endpoint",
    "aws_vpclattice_service_network_vpc_association",
];

/// Only what the resource graph sees counts: a group whose ID leaves its module through an
/// output, or enters a module through a variable, looks unattached here (Checkov follows some
/// of those paths). A group used only by a resource with `count = 0` is unattached, as in
/// Terraform; Checkov counts the unused block.
fn security_group_attached(group: &Resource<'_>) -> Verdict {
    verdict(!connected(group, TAKES_SECURITY_GROUPS).is_empty())
}

pub(super) static EMR_SECURITY_GROUP_NOT_OPEN: Check = Check {
    id: "CKV2_AWS_7",
    name: "Ensure that Amazon EMR clusters' security groups are not open to the world",
    kind: EntityKind::Resource,
    resource_types: &["aws_emr_cluster"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The security groups of an EMR cluster have no inline `ingress` rule open to `0.0.0.0/0`.",
        why: "EMR nodes run web consoles and services such as YARN and Hadoop that let anyone who reaches them read data and run code.",
        fix: "Restrict the ingress rules of the cluster's security groups to the networks that need them, and reach the consoles through a bastion or Session Manager.",
        fixed: r#"resource "aws_security_group" "emr_master" {
  name   = "emr-master"
  vpc_id = aws_vpc.main.id

  ingress {
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}"#,
    },
    passing: &[r#"
resource "aws_security_group" "emr_master" {
  name   = "emr-master"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress {
    from_port   = 8443
    to_port     = 8443
    protocol    = "tcp"
    cidr_blocks = ["10.0.0.0/16"]
  }
}

resource "aws_security_group" "emr_core" {
  name   = "emr-core"
  vpc_id = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_emr_cluster" "analytics" {
  name          = "analytics"
  release_label = "emr-7.1.0"
  applications  = ["Spark"]
  service_role  = "arn:aws:iam::111122223333:role/EMR_DefaultRole"

  ec2_attributes {
    subnet_id                         = "subnet-0a1b2c3d4e5f60718"
    emr_managed_master_security_group = aws_security_group.emr_master.id
    emr_managed_slave_security_group  = aws_security_group.emr_core.id
    instance_profile                  = "arn:aws:iam::111122223333:instance-profile/EMR_EC2_DefaultRole"
  }

  master_instance_group {
    instance_type = "m5.xlarge"
  }
}"#],
    failing: &[
        r#"
resource "aws_security_group" "emr_master" {
  name   = "emr-master"
  vpc_id = "vpc-0a1b2c3d4e5f60718"

  ingress {
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_emr_cluster" "analytics" {
  name          = "analytics"
  release_label = "emr-7.1.0"
  service_role  = "arn:aws:iam::111122223333:role/EMR_DefaultRole"

  ec2_attributes {
    subnet_id                         = "subnet-0a1b2c3d4e5f60718"
    emr_managed_master_security_group = aws_security_group.emr_master.id
    emr_managed_slave_security_group  = aws_security_group.emr_master.id
    instance_profile                  = "arn:aws:iam::111122223333:instance-profile/EMR_EC2_DefaultRole"
  }
}"#,
        r#"
resource "aws_emr_cluster" "no_groups" {
  name          = "analytics"
  release_label = "emr-7.1.0"
  service_role  = "arn:aws:iam::111122223333:role/EMR_DefaultRole"

  ec2_attributes {
    subnet_id        = "subnet-0a1b2c3d4e5f60718"
    instance_profile = "arn:aws:iam::111122223333:instance-profile/EMR_EC2_DefaultRole"
  }
}"#,
    ],
    evaluate: emr_security_groups_not_open,
};

/// The `ec2_attributes` settings that name a cluster's security groups.
const EMR_SECURITY_GROUP_SETTINGS: &[&str] = &[
    "ec2_attributes.emr_managed_master_security_group",
    "ec2_attributes.emr_managed_slave_security_group",
    "ec2_attributes.service_access_security_group",
    "ec2_attributes.additional_master_security_groups",
    "ec2_attributes.additional_slave_security_groups",
];

/// Checkov's rule needs a connected security group: a cluster with none fails, and one whose
/// groups are named but are not blocks of this configuration is Unknown (their rules cannot
/// be read). Only inline `ingress` blocks are read, as in Checkov: separate rule resources
/// are not.
fn emr_security_groups_not_open(cluster: &Resource<'_>) -> Verdict {
    let groups = connected(cluster, &["aws_security_group"]);
    if groups.is_empty() {
        return elsewhere(cluster.attributes, EMR_SECURITY_GROUP_SETTINGS);
    }
    all_of(
        groups
            .iter()
            .map(|group| no_ingress_from_anywhere(group.attributes)),
    )
}

fn no_ingress_from_anywhere(group: &Value) -> Verdict {
    let Some(rules) = blocks(group, "ingress") else {
        return Verdict::Unknown;
    };
    all_of(rules.iter().map(|rule| match rule.get("cidr_blocks") {
        None | Some(Value::Null) => Verdict::Passed,
        Some(Value::List(cidrs)) => {
            if cidrs.iter().any(|cidr| cidr.as_str() == Some("0.0.0.0/0")) {
                Verdict::Failed
            } else if cidrs.iter().any(Value::is_unknown) {
                Verdict::Unknown
            } else {
                Verdict::Passed
            }
        }
        Some(Value::Unknown) => Verdict::Unknown,
        Some(other) => verdict(other.as_str() != Some("0.0.0.0/0")),
    }))
}

pub(super) static VPC_FLOW_LOG: Check = Check {
    id: "CKV2_AWS_11",
    name: "Ensure VPC flow logging is enabled in all VPCs",
    kind: EntityKind::Resource,
    resource_types: &["aws_vpc"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A VPC has an `aws_flow_log` that records its traffic.",
        why: "Without flow logs there is no record of which addresses talked to which, so an intrusion or a data leak cannot be traced afterwards.",
        fix: "Add an `aws_flow_log` with `vpc_id` set to the VPC, sending to CloudWatch Logs or S3.",
        fixed: r#"resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = aws_s3_bucket.flow_logs.arn
}"#,
    },
    passing: &[r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "main" {
  vpc_id               = aws_vpc.main.id
  traffic_type         = "ALL"
  log_destination_type = "s3"
  log_destination      = "arn:aws:s3:::example-flow-logs"
}"#],
    failing: &[r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}"#],
    evaluate: vpc_flow_log,
};

/// A flow log whose `count` is 0 records nothing and does not count (Checkov counts the
/// block).
fn vpc_flow_log(vpc: &Resource<'_>) -> Verdict {
    verdict(!connected(vpc, &["aws_flow_log"]).is_empty())
}

pub(super) static DEFAULT_SECURITY_GROUP_RESTRICTED: Check = Check {
    id: "CKV2_AWS_12",
    name: "Ensure the default security group of every VPC restricts all traffic",
    kind: EntityKind::Resource,
    resource_types: &["aws_vpc"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The VPC's default security group is managed in an `aws_default_security_group` with no ingress or egress rule, inline or as a separate rule resource.",
        why: "Resources launched without a security group land in the default one, and AWS's default rules let them talk to each other and to the internet.",
        fix: "Add an `aws_default_security_group` for the VPC with no `ingress` or `egress` blocks, which removes every rule, and give resources their own groups.",
        fixed: r#"resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
}"#,
    },
    passing: &[r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
}"#],
    failing: &[
        r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}"#,
        r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id

  egress {
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#,
        r#"
resource "aws_vpc" "main" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "main" {
  vpc_id = aws_vpc.main.id
}

resource "aws_vpc_security_group_ingress_rule" "self" {
  security_group_id            = aws_default_security_group.main.id
  referenced_security_group_id = aws_default_security_group.main.id
  ip_protocol                  = "-1"
}"#,
    ],
    evaluate: default_security_group_restricted,
};

/// What Checkov reads in an inline rule of the default group: any of these makes it a rule.
const INGRESS_SETTINGS: &[&str] = &["to_port", "from_port", "self", "protocol"];
const EGRESS_SETTINGS: &[&str] = &["to_port", "from_port", "cidr_blocks", "protocol"];

/// A VPC without an `aws_default_security_group` fails: AWS's default group allows traffic
/// between its members and out to anywhere. An inline rule over an unknown collection (a
/// dynamic block) makes the verdict Unknown; one over an empty collection is no rule, where
/// Checkov judges the dynamic block's unexpanded content and fails.
fn default_security_group_restricted(vpc: &Resource<'_>) -> Verdict {
    let groups = connected(vpc, &["aws_default_security_group"]);
    if groups.is_empty() {
        return Verdict::Failed;
    }
    all_of(groups.iter().map(|group| {
        let separate_rules = connected(
            group,
            &[
                "aws_security_group_rule",
                "aws_vpc_security_group_ingress_rule",
                "aws_vpc_security_group_egress_rule",
            ],
        );
        all_of([
            no_rules(group.attributes, "ingress", INGRESS_SETTINGS),
            no_rules(group.attributes, "egress", EGRESS_SETTINGS),
            verdict(separate_rules.is_empty()),
        ])
    }))
}

fn no_rules(group: &Value, direction: &str, settings: &[&str]) -> Verdict {
    let Some(rules) = blocks(group, direction) else {
        return Verdict::Unknown;
    };
    all_of(rules.iter().map(|rule| {
        let is_rule = any_of(settings.iter().map(|setting| present(rule, setting)));
        super::negate(is_rule)
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;

    fn group_with_ingress(cidrs: Value) -> Value {
        object([(
            "ingress",
            Value::List([object([("cidr_blocks", cidrs)])].into()),
        )])
    }

    #[test]
    fn ingress_from_anywhere_is_found_in_any_rule() {
        let open = group_with_ingress(Value::List(
            ["10.0.0.0/8".into(), "0.0.0.0/0".into()].into(),
        ));
        assert_eq!(no_ingress_from_anywhere(&open), Verdict::Failed);
        let private = group_with_ingress(Value::List(["10.0.0.0/8".into()].into()));
        assert_eq!(no_ingress_from_anywhere(&private), Verdict::Passed);
        let unknown = group_with_ingress(Value::List([Value::Unknown].into()));
        assert_eq!(no_ingress_from_anywhere(&unknown), Verdict::Unknown);
        let dynamic = object([("ingress", Value::Unknown)]);
        assert_eq!(no_ingress_from_anywhere(&dynamic), Verdict::Unknown);
        assert_eq!(
            no_ingress_from_anywhere(&object::<_, &str>([])),
            Verdict::Passed
        );
    }

    #[test]
    fn an_inline_rule_is_a_block_with_ports_or_protocol() {
        let egress = object([(
            "egress",
            Value::List([object([("protocol", "-1".into())])].into()),
        )]);
        assert_eq!(
            no_rules(&egress, "egress", EGRESS_SETTINGS),
            Verdict::Failed
        );
        assert_eq!(
            no_rules(&egress, "ingress", INGRESS_SETTINGS),
            Verdict::Passed
        );
        let unknown = object([("egress", Value::Unknown)]);
        assert_eq!(
            no_rules(&unknown, "egress", EGRESS_SETTINGS),
            Verdict::Unknown
        );
    }
}
