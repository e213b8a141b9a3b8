//! Checks on `aws_iam_policy_document` data sources, read from their `statement` blocks.

use super::{all_hold, any_holds, holds_string, none_bad, Holds};
use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::{self, force_list, truthy, Finding};
use crate::value::Value;

const TYPES: &[&str] = &["aws_iam_policy_document"];

pub static ADMIN: Check = Check {
    id: "CKV_AWS_1",
    name: "Ensure IAM policies that allow full \"*-*\" administrative privileges are not created",
    kind: EntityKind::Data,
    resource_types: TYPES,
    severity: Severity::Critical,
    explanation: Explanation {
        what: "No statement of the policy document allows every action (`*`) on every resource (`*`).",
        why: "A principal with `*` on `*` is an administrator of the account: one leaked credential or compromised workload owns everything.",
        fix: "List the actions and resources the principal needs instead of `*`; use AWS's managed job-function policies for broad human roles.",
        fixed: r#"data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject", "s3:PutObject"]
    resources = ["arn:aws:s3:::app-data/*"]
  }
}"#,
    },
    passing: &[r#"
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
  }
}"#],
    failing: &[
        r#"
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}"#,
        r#"
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["arn:aws:s3:::app-data/*"]
  }
  statement {
    effect    = "Allow"
    actions   = ["*"]
    resources = ["*"]
  }
}"#,
    ],
    evaluate: admin,
};

pub static STAR_ACTION: Check = Check {
    id: "CKV_AWS_49",
    name: "Ensure no IAM policies documents allow \"*\" as a statement's actions",
    kind: EntityKind::Data,
    resource_types: TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "No statement of the policy document allows the action `*`.",
        why: "`*` grants every current and future action of every service, far beyond what any workload needs, even when the resources are limited.",
        fix: "Name the actions the principal needs.",
        fixed: r#"data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
  }
}"#,
    },
    passing: &[r#"
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
  }
  statement {
    effect    = "Deny"
    actions   = ["*"]
    resources = ["*"]
  }
}"#],
    failing: &[r#"
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["*"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
  }
}"#],
    evaluate: star_action,
};

pub static CREDENTIALS_EXPOSURE: Check = Check {
    id: "CKV_AWS_107",
    name: "Ensure IAM policies does not allow credentials exposure",
    kind: EntityKind::Data,
    resource_types: TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "The policy document allows no action that returns credentials (such as `iam:CreateAccessKey` or `sts:AssumeRole`) without a resource constraint.",
        why: "Actions that hand out keys, tokens or passwords let the holder become other principals, so they must be limited to named resources.",
        fix: "Limit such actions to the ARNs of the users, roles or resources they are meant for.",
        fixed: r#"data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::123456789012:role/deploy"]
  }
}"#,
    },
    passing: &[r#"
data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["sts:AssumeRole"]
    resources = ["arn:aws:iam::123456789012:role/deploy"]
  }
  statement {
    actions   = ["ecr:GetAuthorizationToken"]
    resources = ["*"]
  }
}"#],
    failing: &[
        r#"
data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["iam:CreateAccessKey"]
    resources = ["*"]
  }
}"#,
        r#"
data "aws_iam_policy_document" "ci" {
  statement {
    actions   = ["sts:GetSessionToken"]
    resources = ["arn:aws:iam::123456789012:user/ci"]
  }
}"#,
    ],
    evaluate: credentials_exposure,
};

pub static DATA_EXFILTRATION: Check = Check {
    id: "CKV_AWS_108",
    name: "Ensure IAM policies does not allow data exfiltration",
    kind: EntityKind::Data,
    resource_types: TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The policy document does not allow reading objects or secrets (`s3:GetObject`, `ssm:GetParameter*`, `secretsmanager:GetSecretValue`) on every resource.",
        why: "Unrestricted object and secret reads let one compromised principal copy out every bucket and secret of the account.",
        fix: "Limit these actions to the buckets, parameters and secrets the principal needs.",
        fixed: r#"data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-db-*"]
  }
}"#,
    },
    passing: &[r#"
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["secretsmanager:GetSecretValue", "s3:GetObject"]
    resources = ["arn:aws:secretsmanager:eu-west-1:123456789012:secret:app-db-*"]
  }
}"#],
    failing: &[r#"
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["ssm:GetParameters"]
    resources = ["*"]
  }
}"#],
    evaluate: data_exfiltration,
};

pub static PERMISSIONS_MANAGEMENT: Check = Check {
    id: "CKV_AWS_109",
    name: "Ensure IAM policies does not allow permissions management / resource exposure without constraints",
    kind: EntityKind::Data,
    resource_types: TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "No statement of the policy document allows a permissions-management action (changing policies, grants or sharing) on every resource without a condition.",
        why: "Permissions management on `*` lets the holder rewrite who may do what, including making buckets, keys or snapshots public.",
        fix: "Limit such actions to named resources, or add a condition that narrows them.",
        fixed: r#"data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:PutBucketPolicy"]
    resources = ["arn:aws:s3:::app-data"]
  }
}"#,
    },
    passing: &[r#"
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["s3:PutBucketPolicy"]
    resources = ["arn:aws:s3:::app-data"]
  }
  statement {
    actions   = ["kms:CreateGrant"]
    resources = ["*"]
    condition {
      test     = "Bool"
      variable = "kms:GrantIsForAWSResource"
      values   = ["true"]
    }
  }
}"#],
    failing: &[r#"
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["iam:Attach*"]
    resources = ["*"]
  }
}"#],
    evaluate: permissions_management,
};

pub static PRIVILEGE_ESCALATION: Check = Check {
    id: "CKV_AWS_110",
    name: "Ensure IAM policies does not allow privilege escalation",
    kind: EntityKind::Data,
    resource_types: TYPES,
    severity: Severity::Critical,
    explanation: Explanation {
        what: "The policy document does not allow, without resource constraints, a combination of actions known to let a principal raise its own privileges.",
        why: "Paths such as `iam:PassRole` with `ec2:RunInstances`, or `iam:CreatePolicyVersion` alone, turn a narrow principal into an administrator.",
        fix: "Limit `iam:PassRole`, policy and user-management actions to the exact roles, policies and users they are meant for.",
        fixed: r#"data "aws_iam_policy_document" "launcher" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::123456789012:role/app-instance"]
  }
  statement {
    actions   = ["ec2:RunInstances"]
    resources = ["*"]
  }
}"#,
    },
    passing: &[r#"
data "aws_iam_policy_document" "launcher" {
  statement {
    actions   = ["iam:PassRole"]
    resources = ["arn:aws:iam::123456789012:role/app-instance"]
  }
  statement {
    actions   = ["ec2:RunInstances"]
    resources = ["*"]
  }
}"#],
    failing: &[r#"
data "aws_iam_policy_document" "launcher" {
  statement {
    actions   = ["iam:PassRole", "ec2:RunInstances"]
    resources = ["*"]
  }
}"#],
    evaluate: privilege_escalation,
};

pub static WRITE_ACCESS: Check = Check {
    id: "CKV_AWS_111",
    name: "Ensure IAM policies does not allow write access without constraints",
    kind: EntityKind::Data,
    resource_types: TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No statement of the policy document allows a write action that could be limited to resources on every resource without a condition.",
        why: "Unconstrained write access lets one principal change or destroy every resource of a service, not just its own.",
        fix: "Limit write actions to the ARNs of the resources the principal manages, or add a narrowing condition.",
        fixed: r#"data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:eu-west-1:123456789012:log-group:/app/*"]
  }
}"#,
    },
    passing: &[r#"
data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["arn:aws:logs:eu-west-1:123456789012:log-group:/app/*"]
  }
  statement {
    actions   = ["ec2:Describe*"]
    resources = ["*"]
  }
}"#],
    failing: &[r#"
data "aws_iam_policy_document" "logs" {
  statement {
    actions   = ["logs:PutLogEvents"]
    resources = ["*"]
  }
}"#],
    evaluate: write_access,
};

pub static ANY_AWS_PRINCIPAL: Check = Check {
    id: "CKV_AWS_283",
    name: "Ensure no IAM policies documents allow ALL or any AWS principal permissions to the resource",
    kind: EntityKind::Data,
    resource_types: TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "No allowing statement without a condition names the AWS principal `*`.",
        why: "A resource policy that trusts the AWS principal `*` opens the resource to every AWS account in the world.",
        fix: "Name the accounts or roles that need access, or add a condition such as `aws:PrincipalOrgID`.",
        fixed: r#"data "aws_iam_policy_document" "queue" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
}"#,
    },
    passing: &[r#"
data "aws_iam_policy_document" "queue" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::123456789012:root"]
    }
  }
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
    condition {
      test     = "StringEquals"
      variable = "aws:PrincipalOrgID"
      values   = ["o-abcdefghij"]
    }
  }
  statement {
    effect    = "Deny"
    actions   = ["sqs:*"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}"#],
    failing: &[r#"
data "aws_iam_policy_document" "queue" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
    principals {
      type        = "AWS"
      identifiers = ["*"]
    }
  }
}"#],
    evaluate: any_aws_principal,
};

pub static STAR_RESOURCE: Check = Check {
    id: "CKV_AWS_356",
    name: "Ensure no IAM policies documents allow \"*\" as a statement's resource for restrictable actions",
    kind: EntityKind::Data,
    resource_types: TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No allowing statement without a condition grants, on the resource `*`, an action that could be limited to resource ARNs.",
        why: "Actions that accept resource ARNs should name them: `*` extends them to every present and future resource of the account.",
        fix: "Replace `*` with the ARNs of the resources; keep `*` only for actions AWS does not let you limit (such as `ec2:Describe*`).",
        fixed: r#"data "aws_iam_policy_document" "queue" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
  }
}"#,
    },
    passing: &[r#"
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["arn:aws:sqs:eu-west-1:123456789012:jobs"]
  }
  statement {
    actions   = ["ec2:DescribeInstances", "s3:ListAllMyBuckets"]
    resources = ["*"]
  }
}"#],
    failing: &[r#"
data "aws_iam_policy_document" "app" {
  statement {
    actions   = ["sqs:SendMessage"]
    resources = ["*"]
  }
}"#],
    evaluate: star_resource,
};

/// The statement blocks, or the verdict when there are none (Passed) or they are unknown.
fn statement_blocks<'a>(resource: &Resource<'a>) -> Result<&'a [Value], Verdict> {
    match resource.get("statement") {
        None => Err(Verdict::Passed),
        Some(Value::Unknown) => Err(Verdict::Unknown),
        Some(statements) => Ok(force_list(statements)),
    }
}

/// Passed when no `statement` block (blocks only: Checkov skips other values) is one that
/// `holds` describes; Passed too without statements, Unknown when they are unknown.
fn no_statement_holds(resource: &Resource<'_>, holds: impl Fn(&Value) -> Holds) -> Verdict {
    match statement_blocks(resource) {
        Ok(statements) => none_bad(
            statements
                .iter()
                .filter(|statement| statement.as_object().is_some())
                .map(holds),
        ),
        Err(verdict) => verdict,
    }
}

/// Whether a block's `effect` is `Allow`; `absent` answers for a missing one, and Checkov
/// reads an explicit null as not `Allow`.
fn effect_is_allow(statement: &Value, null_allows: bool) -> Holds {
    match statement.get("effect") {
        None => Some(true),
        Some(Value::Null) => Some(null_allows),
        Some(Value::Unknown) => None,
        Some(effect) => Some(effect.as_str() == Some("Allow")),
    }
}

fn admin(resource: &Resource<'_>) -> Verdict {
    no_statement_holds(resource, |statement| {
        all_hold([
            effect_is_allow(statement, false),
            holds_string(statement.get("actions"), "*"),
            holds_string(statement.get("resources"), "*"),
        ])
    })
}

fn star_action(resource: &Resource<'_>) -> Verdict {
    no_statement_holds(resource, |statement| {
        all_hold([
            effect_is_allow(statement, true),
            holds_string(statement.get("actions"), "*"),
        ])
    })
}

fn any_aws_principal(resource: &Resource<'_>) -> Verdict {
    no_statement_holds(resource, |statement| {
        let unconditional = match statement.get("condition") {
            Some(Value::Unknown) => None,
            Some(condition) => Some(!truthy(condition)),
            None => Some(true),
        };
        let not_denied = match statement.get("effect") {
            Some(Value::Unknown) => None,
            Some(effect) => Some(effect.as_str() != Some("Deny")),
            None => Some(true),
        };
        let principals = statement.get("principals").map_or(&[][..], force_list);
        all_hold([
            unconditional,
            not_denied,
            any_holds(principals.iter().map(is_any_aws)),
        ])
    })
}

/// A `principals` block of type `AWS` whose identifiers list holds `*`.
fn is_any_aws(principal: &Value) -> Holds {
    let kind = match principal.get("type") {
        Some(Value::Unknown) => None,
        Some(kind) => Some(kind.as_str() == Some("AWS")),
        None => Some(false),
    };
    let identifiers = match principal.get("identifiers") {
        Some(Value::Unknown) => None,
        Some(list @ Value::List(_)) => holds_string(Some(list), "*"),
        _ => Some(false),
    };
    all_hold([kind, identifiers])
}

/// Runs the grant analysis on the document the blocks render, once per data source for all
/// the analysis checks.
fn grants(resource: &Resource<'_>, finding: Finding) -> Verdict {
    if resource.get("statement").is_none() {
        return Verdict::Passed;
    }
    let verdicts = resource.shared("iam policy document grants", || {
        iam_policy::grants_verdicts(&iam_policy::from_policy_document_data(resource.attributes))
    });
    finding.of(&verdicts)
}

fn credentials_exposure(resource: &Resource<'_>) -> Verdict {
    grants(resource, Finding::CredentialsExposure)
}

fn data_exfiltration(resource: &Resource<'_>) -> Verdict {
    grants(resource, Finding::DataExfiltration)
}

fn permissions_management(resource: &Resource<'_>) -> Verdict {
    grants(resource, Finding::PermissionsManagement)
}

fn privilege_escalation(resource: &Resource<'_>) -> Verdict {
    grants(resource, Finding::PrivilegeEscalation)
}

fn write_access(resource: &Resource<'_>) -> Verdict {
    grants(resource, Finding::WriteAccess)
}

fn star_resource(resource: &Resource<'_>) -> Verdict {
    grants(resource, Finding::RestrictableActionsOnAnyResource)
}
