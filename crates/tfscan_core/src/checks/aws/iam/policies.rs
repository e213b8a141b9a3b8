//! Checks on the JSON policy of IAM policy resources (`aws_iam_policy`, the inline role, user
//! and group policies, and SSO permission sets' inline policies).

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::{self, force_list, Document, Finding};
use crate::value::Value;

const TYPES: &[&str] = &[
    "aws_iam_group_policy",
    "aws_iam_policy",
    "aws_iam_role_policy",
    "aws_iam_user_policy",
    "aws_ssoadmin_permission_set_inline_policy",
];

pub static ADMIN: Check = Check {
    id: "CKV_AWS_62",
    name: "Ensure IAM policies that allow full \"*-*\" administrative privileges are not created",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Critical,
    explanation: Explanation {
        what: "No statement of the policy allows every action (`*`) on every resource (`*`).",
        why: "A principal with `*` on `*` is an administrator of the account: one leaked credential or compromised workload owns everything.",
        fix: "List the actions and resources the principal needs instead of `*`.",
        fixed: r#"resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "arn:aws:s3:::app-data/*" }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["s3:GetObject"], Resource = "*" }]
  })
}

resource "aws_iam_role_policy" "guard" {
  name = "guard"
  role = "app"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [{ "Effect": "Deny", "Action": "*", "Resource": "*" }]
}
EOF
}

resource "aws_ssoadmin_permission_set_inline_policy" "readers" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef"
  inline_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:s3:::reports/*" }]
  })
}"#],
    failing: &[
        r#"
resource "aws_iam_group_policy" "admins" {
  name  = "admins"
  group = "admins"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "*" }]
  })
}"#,
        r#"
resource "aws_iam_user_policy" "admin" {
  name = "admin"
  user = "alice"
  policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": { "Action": ["*"], "Resource": ["*"] }
}
EOF
}"#,
    ],
    evaluate: admin,
};

pub static STAR_ACTION: Check = Check {
    id: "CKV_AWS_63",
    name: "Ensure no IAM policies documents allow \"*\" as a statement's actions",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "No allowing statement of the policy has the action `*`.",
        why: "`*` grants every current and future action of every service, far beyond what any workload needs, even when the resources are limited.",
        fix: "Name the actions the principal needs.",
        fixed: r#"resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_role_policy" "app" {
  name = "app"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["sqs:SendMessage"], Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" },
      { Effect = "Deny", Action = "*", NotResource = "arn:aws:sqs:eu-west-1:123456789012:jobs" },
    ]
  })
}"#],
    failing: &[r#"
resource "aws_iam_policy" "queue" {
  name = "queue"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "*", Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" }]
  })
}"#],
    evaluate: star_action,
};

pub static PRIVILEGE_ESCALATION: Check = Check {
    id: "CKV_AWS_286",
    name: "Ensure IAM policies does not allow privilege escalation",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Critical,
    explanation: Explanation {
        what: "The policy does not allow, without resource constraints, a combination of actions known to let a principal raise its own privileges.",
        why: "Paths such as `iam:PassRole` with `ec2:RunInstances`, or `iam:CreatePolicyVersion` alone, turn a narrow principal into an administrator.",
        fix: "Limit `iam:PassRole`, policy and user-management actions to the exact roles, policies and users they are meant for.",
        fixed: r#"resource "aws_iam_policy" "launcher" {
  name = "launcher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/app-instance" },
      { Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" },
    ]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_policy" "launcher" {
  name = "launcher"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "iam:PassRole", Resource = "arn:aws:iam::123456789012:role/app-instance" },
      { Effect = "Allow", Action = "ec2:RunInstances", Resource = "*" },
    ]
  })
}"#],
    failing: &[r#"
resource "aws_iam_user_policy" "self_service" {
  name = "self-service"
  user = "alice"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:CreatePolicyVersion", Resource = "*" }]
  })
}"#],
    evaluate: privilege_escalation,
};

pub static CREDENTIALS_EXPOSURE: Check = Check {
    id: "CKV_AWS_287",
    name: "Ensure IAM policies does not allow credentials exposure",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "The policy allows no action that returns credentials (such as `iam:CreateAccessKey` or `sts:AssumeRole`) without a resource constraint.",
        why: "Actions that hand out keys, tokens or passwords let the holder become other principals, so they must be limited to named resources.",
        fix: "Limit such actions to the ARNs of the users, roles or resources they are meant for.",
        fixed: r#"resource "aws_iam_policy" "ci" {
  name = "ci"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::123456789012:role/deploy" }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_policy" "ci" {
  name = "ci"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sts:AssumeRole", Resource = "arn:aws:iam::123456789012:role/deploy" },
      { Effect = "Allow", Action = "ecr:GetAuthorizationToken", Resource = "*" },
    ]
  })
}"#],
    failing: &[r#"
resource "aws_iam_role_policy" "ci" {
  name = "ci"
  role = "ci"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "iam:CreateAccessKey", Resource = "*" }]
  })
}"#],
    evaluate: credentials_exposure,
};

pub static DATA_EXFILTRATION: Check = Check {
    id: "CKV_AWS_288",
    name: "Ensure IAM policies does not allow data exfiltration",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The policy does not allow reading objects or secrets (`s3:GetObject`, `ssm:GetParameter*`, `secretsmanager:GetSecretValue`) on every resource.",
        why: "Unrestricted object and secret reads let one compromised principal copy out every bucket and secret of the account.",
        fix: "Limit these actions to the buckets, parameters and secrets the principal needs.",
        fixed: r#"resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ssm:GetParameter", Resource = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/*" }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "ssm:GetParameter", Resource = "arn:aws:ssm:eu-west-1:123456789012:parameter/app/*" }]
  })
}"#],
    failing: &[r#"
resource "aws_iam_policy" "app" {
  name = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:Get*", Resource = "*" }]
  })
}"#],
    evaluate: data_exfiltration,
};

pub static PERMISSIONS_MANAGEMENT: Check = Check {
    id: "CKV_AWS_289",
    name: "Ensure IAM policies does not allow permissions management / resource exposure without constraints",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "No statement of the policy allows a permissions-management action (changing policies, grants or sharing) on every resource without a condition.",
        why: "Permissions management on `*` lets the holder rewrite who may do what, including making buckets, keys or snapshots public.",
        fix: "Limit such actions to named resources, or add a condition that narrows them.",
        fixed: r#"resource "aws_iam_policy" "bucket_admin" {
  name = "bucket-admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:PutBucketPolicy", Resource = "arn:aws:s3:::app-data" }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_policy" "bucket_admin" {
  name = "bucket-admin"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:PutBucketPolicy", Resource = "arn:aws:s3:::app-data" }]
  })
}"#],
    failing: &[r#"
resource "aws_iam_group_policy" "operators" {
  name  = "operators"
  group = "operators"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:*", Resource = "*" }]
  })
}"#],
    evaluate: permissions_management,
};

pub static WRITE_ACCESS: Check = Check {
    id: "CKV_AWS_290",
    name: "Ensure IAM policies does not allow write access without constraints",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No statement of the policy allows a write action that could be limited to resources on every resource without a condition.",
        why: "Unconstrained write access lets one principal change or destroy every resource of a service, not just its own.",
        fix: "Limit write actions to the ARNs of the resources the principal manages, or add a narrowing condition.",
        fixed: r#"resource "aws_iam_role_policy" "logs" {
  name = "logs"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "arn:aws:logs:eu-west-1:123456789012:log-group:/app/*" }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_role_policy" "logs" {
  name = "logs"
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = ["logs:CreateLogStream", "logs:PutLogEvents"], Resource = "arn:aws:logs:eu-west-1:123456789012:log-group:/app/*" },
      { Effect = "Allow", Action = "ec2:Describe*", Resource = "*" },
    ]
  })
}"#],
    failing: &[r#"
resource "aws_iam_role_policy" "logs" {
  name = "logs"
  role = "app"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "logs:PutLogEvents", Resource = "*" }]
  })
}"#],
    evaluate: write_access,
};

pub static STAR_RESOURCE: Check = Check {
    id: "CKV_AWS_355",
    name: "Ensure no IAM policies documents allow \"*\" as a statement's resource for restrictable actions",
    kind: EntityKind::Resource,
    resource_types: TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No allowing statement without a condition grants, on the resource `*`, an action that could be limited to resource ARNs.",
        why: "Actions that accept resource ARNs should name them: `*` extends them to every present and future resource of the account.",
        fix: "Replace `*` with the ARNs of the resources; keep `*` only for actions AWS does not let you limit (such as `ec2:Describe*`).",
        fixed: r#"resource "aws_iam_policy" "queue" {
  name = "queue"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_policy" "queue" {
  name = "queue"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sqs:SendMessage", Resource = "arn:aws:sqs:eu-west-1:123456789012:jobs" },
      { Effect = "Allow", Action = "ec2:DescribeInstances", Resource = "*" },
    ]
  })
}"#],
    failing: &[r#"
resource "aws_iam_policy" "queue" {
  name = "queue"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sqs:SendMessage", Resource = "*" }]
  })
}"#],
    evaluate: star_resource,
};

/// The JSON policy of the resource: `policy`, or `inline_policy` where there is no `policy`.
fn policy_attribute<'a>(resource: &Resource<'a>) -> Option<&'a Value> {
    resource
        .get("policy")
        .or_else(|| resource.get("inline_policy"))
}

/// The statements to scan, or the verdict when there is nothing to scan. Checkov passes a
/// policy it cannot read as JSON.
fn statements_or_verdict(document: Option<&Document>) -> Result<&[Value], Verdict> {
    match document {
        None | Some(Document::Invalid) => Err(Verdict::Passed),
        Some(Document::Unknown) => Err(Verdict::Unknown),
        Some(Document::Known(document)) => iam_policy::statements(document).ok_or(Verdict::Passed),
    }
}

/// Checkov reads each statement with `"Action" in statement` and then as an object; a
/// statement of another shape stops the scan with Passed where that raises (text containing
/// `Action`, a list holding it, a number or null) and is skipped otherwise.
fn stops_scan(statement: &Value) -> bool {
    match statement {
        Value::Object(_) => false,
        Value::String(text) => text.contains("Action"),
        Value::List(items) => items.iter().any(|item| item.as_str() == Some("Action")),
        _ => true,
    }
}

fn admin(resource: &Resource<'_>) -> Verdict {
    let document = iam_policy::read_attribute(policy_attribute(resource));
    let statements = match statements_or_verdict(document.as_ref()) {
        Ok(statements) => statements,
        Err(verdict) => return verdict,
    };
    for statement in statements {
        if stops_scan(statement) {
            return Verdict::Passed;
        }
        if statement.get("Action").is_none() {
            continue;
        }
        let allow = statement
            .get("Effect")
            .is_none_or(|effect| effect.as_str() == Some("Allow"));
        let star = |key: &str| {
            statement.get(key).is_some_and(|value| {
                force_list(value)
                    .iter()
                    .any(|item| item.as_str() == Some("*"))
            })
        };
        if allow && star("Action") && star("Resource") {
            return Verdict::Failed;
        }
    }
    Verdict::Passed
}

fn star_action(resource: &Resource<'_>) -> Verdict {
    let document = iam_policy::read_attribute(policy_attribute(resource));
    let statements = match statements_or_verdict(document.as_ref()) {
        Ok(statements) => statements,
        Err(verdict) => return verdict,
    };
    for statement in statements {
        if stops_scan(statement) {
            return Verdict::Passed;
        }
        let Some(actions) = statement.get("Action") else {
            continue;
        };
        let actions = force_list(actions);
        // An empty `Action` list raises in Checkov, which then passes the whole policy.
        let Some(first) = actions.first() else {
            return Verdict::Passed;
        };
        let allow = statement
            .get("Effect")
            .is_none_or(|effect| effect.as_str() == Some("Allow"));
        let star = actions.iter().any(|action| action.as_str() == Some("*"));
        if first.as_str().is_some() && allow && star {
            return Verdict::Failed;
        }
    }
    Verdict::Passed
}

/// Runs the grant analysis on the resource's policy (`inline_policy` for permission sets),
/// once per resource for all the analysis checks.
fn grants(resource: &Resource<'_>, finding: Finding) -> Verdict {
    let key = if resource.resource_type == "aws_ssoadmin_permission_set_inline_policy" {
        "inline_policy"
    } else {
        "policy"
    };
    let verdicts = resource.shared("iam policy grants", || {
        iam_policy::read_attribute(resource.get(key))
            .map(|document| iam_policy::grants_verdicts(&document))
    });
    verdicts.map_or(Verdict::Passed, |verdicts| finding.of(&verdicts))
}

fn privilege_escalation(resource: &Resource<'_>) -> Verdict {
    grants(resource, Finding::PrivilegeEscalation)
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

fn write_access(resource: &Resource<'_>) -> Verdict {
    grants(resource, Finding::WriteAccess)
}

fn star_resource(resource: &Resource<'_>) -> Verdict {
    grants(resource, Finding::RestrictableActionsOnAnyResource)
}
