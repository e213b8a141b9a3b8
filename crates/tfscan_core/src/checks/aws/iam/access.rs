//! Checks on who gets access: roles' trust policies, users, access keys and the attachment of
//! managed policies.

use super::{holds_string, none_bad};
use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::{self, force_list, truthy, Document};
use crate::checks::rules;
use crate::value::Value;

/// AWS's managed policy that grants everything.
const ADMINISTRATOR_ACCESS: &str = "AdministratorAccess";
const ADMINISTRATOR_ACCESS_ARN: &str = "arn:aws:iam::aws:policy/AdministratorAccess";

pub static ATTACHED_TO_USERS: Check = Check {
    id: "CKV_AWS_40",
    name: "Ensure IAM policies are attached only to groups or roles (Reducing access management complexity may in-turn reduce opportunity for a principal to inadvertently receive or retain excessive privileges.)",
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_iam_policy_attachment",
        "aws_iam_user_policy",
        "aws_iam_user_policy_attachment",
    ],
    severity: Severity::Low,
    explanation: Explanation {
        what: "Policies are attached to groups or roles, never directly to users.",
        why: "Permissions attached user by user drift apart and linger after people change jobs; groups and roles keep them reviewable in one place.",
        fix: "Attach the policy to a group the user belongs to (or a role the user assumes) instead of to the user.",
        fixed: r#"resource "aws_iam_group_policy_attachment" "developers" {
  group      = "developers"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}"#,
    },
    passing: &[r#"
resource "aws_iam_policy_attachment" "readers" {
  name       = "readers"
  groups     = ["developers"]
  roles      = ["ci"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}"#],
    failing: &[
        r#"
resource "aws_iam_user_policy_attachment" "alice" {
  user       = "alice"
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}"#,
        r#"
resource "aws_iam_policy_attachment" "readers" {
  name       = "readers"
  users      = ["alice"]
  policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}"#,
        r#"
resource "aws_iam_user_policy" "alice" {
  name = "alice"
  user = "alice"
  policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "s3:ListAllMyBuckets", Resource = "*" }]
  })
}"#,
    ],
    evaluate: attached_to_users,
};

pub static ROLE_ASSUMABLE_BY_ANYONE: Check = Check {
    id: "CKV_AWS_60",
    name: "Ensure IAM role allows only specific services or principals to assume it",
    kind: EntityKind::Resource,
    resource_types: &["aws_iam_role"],
    severity: Severity::Critical,
    explanation: Explanation {
        what: "The role's trust policy does not let the AWS principal `*` assume it.",
        why: "A role that trusts `*` can be assumed from any AWS account in the world.",
        fix: "Name the accounts, roles or services that may assume the role in `Principal`.",
        fixed: r#"resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:role/ci" } }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } },
      { Effect = "Deny", Action = "sts:AssumeRole", Principal = { AWS = "*" } },
    ]
  })
}"#],
    failing: &[r#"
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = <<EOF
{
  "Version": "2012-10-17",
  "Statement": [
    { "Effect": "Allow", "Action": "sts:AssumeRole", "Principal": { "AWS": ["arn:aws:iam::123456789012:root", "*"] } }
  ]
}
EOF
}"#],
    evaluate: role_assumable_by_anyone,
};

pub static ROLE_ASSUMABLE_BY_ACCOUNT: Check = Check {
    id: "CKV_AWS_61",
    name: "Ensure AWS IAM policy does not allow assume role permission across all services",
    kind: EntityKind::Resource,
    resource_types: &["aws_iam_role"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The role's trust policy does not trust a whole AWS account (an account ID or `arn:aws:iam::<account>:root`).",
        why: "Trusting an account delegates the decision to every principal there that IAM lets call `sts:AssumeRole`, instead of the one role or user that needs it.",
        fix: "Name the specific role or user ARN in `Principal.AWS`.",
        fixed: r#"resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:role/ci" } }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:role/ci" } },
      { Effect = "Deny", Action = "sts:AssumeRole", Principal = { AWS = "210987654321" } },
    ]
  })
}"#],
    failing: &[
        r#"
resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = "arn:aws:iam::123456789012:root" } }]
  })
}"#,
        r#"
resource "aws_iam_role" "deploy" {
  name = "deploy"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { AWS = ["123456789012"] } }]
  })
}"#,
    ],
    evaluate: role_assumable_by_account,
};

pub static USER_DEFINED: Check = Check {
    id: "CKV_AWS_273",
    name: "Ensure access is controlled through SSO and not AWS IAM defined users",
    kind: EntityKind::Resource,
    resource_types: &["aws_iam_user"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The configuration defines no IAM users: people sign in through single sign-on.",
        why: "IAM users carry long-lived passwords and access keys that are managed apart from the organisation's identity provider and outlive its offboarding.",
        fix: "Remove the IAM user and grant access through IAM Identity Center permission sets (or roles federated from your identity provider).",
        fixed: r#"resource "aws_ssoadmin_permission_set" "developers" {
  name         = "developers"
  instance_arn = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
}"#,
    },
    // Every IAM user fails, so the passing example has none: a permission set instead.
    passing: &[],
    failing: &[r#"
resource "aws_iam_user" "alice" {
  name = "alice"
}"#],
    evaluate: user_defined,
};

pub static MANAGED_ADMIN_POLICY: Check = Check {
    id: "CKV_AWS_274",
    name: "Disallow IAM roles, users, and groups from using the AWS AdministratorAccess policy",
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_iam_group_policy_attachment",
        "aws_iam_policy_attachment",
        "aws_iam_role",
        "aws_iam_role_policy_attachment",
        "aws_iam_user_policy_attachment",
        "aws_ssoadmin_managed_policy_attachment",
    ],
    severity: Severity::High,
    explanation: Explanation {
        what: "No role, user, group or permission set gets AWS's managed `AdministratorAccess` policy.",
        why: "`AdministratorAccess` allows every action on every resource: whoever holds it owns the account.",
        fix: "Attach a narrower managed policy, or one of your own that lists the actions needed.",
        fixed: r#"resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}"#,
    },
    passing: &[r#"
resource "aws_iam_role_policy_attachment" "ops" {
  role       = "ops"
  policy_arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}

resource "aws_iam_role" "ops" {
  name                = "ops"
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}

resource "aws_ssoadmin_managed_policy_attachment" "readers" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef"
  managed_policy_arn = "arn:aws:iam::aws:policy/ReadOnlyAccess"
}"#, r#"
data "aws_partition" "current" {}

resource "aws_iam_policy" "own" {
  name   = "own"
  policy = jsonencode({ Version = "2012-10-17", Statement = [{ Effect = "Allow", Action = "s3:GetObject", Resource = "*" }] })
}

resource "aws_iam_role_policy_attachment" "own" {
  role       = "ops"
  policy_arn = aws_iam_policy.own.arn
}

resource "aws_iam_role_policy_attachment" "monitoring" {
  role       = "ops"
  policy_arn = "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole"
}"#],
    failing: &[
        r#"
resource "aws_iam_group_policy_attachment" "admins" {
  group      = "admins"
  policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}"#,
        r#"
resource "aws_iam_role" "ops" {
  name                = "ops"
  managed_policy_arns = ["arn:aws:iam::aws:policy/AdministratorAccess"]
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "ec2.amazonaws.com" } }]
  })
}"#,
        r#"
resource "aws_ssoadmin_managed_policy_attachment" "admins" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-0123456789abcdef"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-0123456789abcdef"
  managed_policy_arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}"#,
    ],
    evaluate: managed_admin_policy,
};

pub static ADMIN_POLICY_DATA: Check = Check {
    id: "CKV_AWS_275",
    name: "Disallow policies from using the AWS AdministratorAccess policy",
    kind: EntityKind::Data,
    resource_types: &["aws_iam_policy"],
    severity: Severity::High,
    explanation: Explanation {
        what: "No `aws_iam_policy` data source looks up AWS's managed `AdministratorAccess` policy.",
        why: "Looking it up is the first step to attaching it, and `AdministratorAccess` allows every action on every resource.",
        fix: "Look up (and attach) a narrower managed policy, or write one that lists the actions needed.",
        fixed: r#"data "aws_iam_policy" "read_only" {
  name = "ReadOnlyAccess"
}"#,
    },
    passing: &[r#"
data "aws_iam_policy" "read_only" {
  name = "ReadOnlyAccess"
}

data "aws_iam_policy" "power_user" {
  arn = "arn:aws:iam::aws:policy/PowerUserAccess"
}"#],
    failing: &[
        r#"
data "aws_iam_policy" "admin" {
  name = "AdministratorAccess"
}"#,
        r#"
data "aws_iam_policy" "admin" {
  arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}"#,
    ],
    evaluate: admin_policy_data,
};

pub static ROOT_ACCESS_KEY: Check = Check {
    id: "CKV_AWS_348",
    name: "Ensure IAM root user does not have Access keys",
    kind: EntityKind::Resource,
    resource_types: &["aws_iam_access_key"],
    severity: Severity::Critical,
    explanation: Explanation {
        what: "No access key is created for the user `root`.",
        why: "The root user can do anything, including closing the account, and its keys cannot be limited by any policy.",
        fix: "Create access keys only for IAM users with limited permissions, or better, use roles.",
        fixed: r#"resource "aws_iam_access_key" "ci" {
  user = "ci"
}"#,
    },
    passing: &[r#"
resource "aws_iam_access_key" "ci" {
  user = "ci"
}"#],
    failing: &[r#"
resource "aws_iam_access_key" "root" {
  user = "root"
}"#],
    evaluate: root_access_key,
};

fn attached_to_users(resource: &Resource<'_>) -> Verdict {
    let key = if resource.resource_type == "aws_iam_policy_attachment" {
        "users"
    } else {
        "user"
    };
    match resource.get(key) {
        None | Some(Value::Null) => Verdict::Passed,
        Some(Value::List(users)) if users.is_empty() => Verdict::Passed,
        Some(users) if users.contains_unknown() => Verdict::Unknown,
        Some(_) => Verdict::Failed,
    }
}

/// The role's trust policy as a document, or the verdict when there is none to read.
fn trust_policy(resource: &Resource<'_>, unreadable: Verdict) -> Result<Value, Verdict> {
    match iam_policy::read_attribute(resource.get("assume_role_policy")) {
        None => Err(unreadable),
        Some(Document::Invalid) => Err(Verdict::Passed),
        Some(Document::Unknown) => Err(Verdict::Unknown),
        Some(Document::Known(document)) => Ok(document),
    }
}

/// Checkov walks the statements in order and stops, passing, at the first statement it cannot
/// read (one without `Principal`, or whose principal is text or a list naming `AWS`).
fn role_assumable_by_anyone(resource: &Resource<'_>) -> Verdict {
    let document = match trust_policy(resource, Verdict::Passed) {
        Ok(document) => document,
        Err(verdict) => return verdict,
    };
    let Some(Value::List(statements)) = document.get("Statement") else {
        return Verdict::Passed;
    };
    for statement in statements {
        let Value::Object(_) = statement else {
            return Verdict::Passed;
        };
        if statement.get("Effect").and_then(Value::as_str) == Some("Deny") {
            continue;
        }
        let Some(principal) = statement.get("Principal") else {
            return Verdict::Passed;
        };
        let aws = match principal {
            Value::Object(map) => map.get("AWS"),
            Value::String(text) if text.contains("AWS") => return Verdict::Passed,
            Value::List(items) if items.iter().any(|item| item.as_str() == Some("AWS")) => {
                return Verdict::Passed;
            }
            _ => None,
        };
        let anyone = match aws {
            Some(Value::String(text)) => text == "*",
            Some(Value::List(items)) => items.iter().any(|item| item.as_str() == Some("*")),
            _ => false,
        };
        if anyone {
            return Verdict::Failed;
        }
    }
    Verdict::Passed
}

/// An account ID at the start of the text, or `arn:aws:iam::<account ID>:root`.
fn names_an_account(principal: &str) -> bool {
    let twelve_digits = |text: &str| {
        text.as_bytes()
            .get(..12)
            .is_some_and(|digits| digits.iter().all(u8::is_ascii_digit))
    };
    twelve_digits(principal)
        || principal.strip_prefix("arn:aws:iam::").is_some_and(|rest| {
            twelve_digits(rest) && rest.get(12..).is_some_and(|tail| tail.starts_with(":root"))
        })
}

/// Checkov reports no result for a trust policy whose statements it cannot read as objects.
fn role_assumable_by_account(resource: &Resource<'_>) -> Verdict {
    let document = match trust_policy(resource, Verdict::NotApplicable) {
        Ok(document) => document,
        Err(verdict) => return verdict,
    };
    if !truthy(&document) {
        return Verdict::Passed;
    }
    let statements = match document.get("Statement") {
        None => return Verdict::Passed,
        Some(Value::List(statements)) => statements,
        Some(_) => return Verdict::NotApplicable,
    };
    for statement in statements {
        let Value::Object(_) = statement else {
            return Verdict::NotApplicable;
        };
        if statement.get("Effect").and_then(Value::as_str) == Some("Deny") {
            continue;
        }
        let aws = match statement.get("Principal") {
            Some(Value::Object(map)) => map.get("AWS"),
            Some(Value::String(text)) if text.contains("AWS") => return Verdict::NotApplicable,
            Some(Value::List(items)) if items.iter().any(|item| item.as_str() == Some("AWS")) => {
                return Verdict::NotApplicable;
            }
            _ => None,
        };
        let account = aws.is_some_and(|aws| {
            force_list(aws)
                .iter()
                .any(|item| item.as_str().is_some_and(names_an_account))
        });
        if account {
            return Verdict::Failed;
        }
    }
    Verdict::Passed
}

fn user_defined(_resource: &Resource<'_>) -> Verdict {
    Verdict::Failed
}

fn managed_admin_policy(resource: &Resource<'_>) -> Verdict {
    let key = match resource.resource_type {
        "aws_iam_role" => "managed_policy_arns",
        "aws_ssoadmin_managed_policy_attachment" => "managed_policy_arn",
        _ => "policy_arn",
    };
    match resource.get(key) {
        None | Some(Value::Null) => Verdict::Passed,
        // A role's list holds the ARN; a single ARN is compared whole.
        Some(arns @ Value::List(_)) => {
            none_bad([holds_string(Some(arns), ADMINISTRATOR_ACCESS_ARN)])
        }
        // Known pieces may rule the ARN out ("arn:${partition}:iam::aws:policy/ReadOnlyAccess").
        Some(arn) if arn.may_equal(ADMINISTRATOR_ACCESS_ARN) == Some(false) => Verdict::Passed,
        // The ARN of a policy this configuration creates is an ARN in the customer's account,
        // never AWS's managed policy. (A looked-up `data "aws_iam_policy"` could be anything.)
        Some(arn)
            if arn.is_unknown() && key == "policy_arn" && refers_only_to_own_policies(resource) =>
        {
            Verdict::Passed
        }
        Some(arn) if arn.contains_unknown() => Verdict::Unknown,
        Some(arn) if key == "managed_policy_arns" => rules::verdict(
            !arn.as_str()
                .is_some_and(|text| text.contains(ADMINISTRATOR_ACCESS_ARN)),
        ),
        Some(arn) => rules::verdict(arn.as_str() != Some(ADMINISTRATOR_ACCESS_ARN)),
    }
}

/// True when the attachment refers to a policy resource of this configuration and to no
/// `aws_iam_policy` data source.
fn refers_only_to_own_policies(resource: &Resource<'_>) -> bool {
    let policies = resource.references(Some("aws_iam_policy"));
    !policies.is_empty()
        && policies
            .iter()
            .all(|policy| policy.kind == EntityKind::Resource)
}

fn admin_policy_data(resource: &Resource<'_>) -> Verdict {
    none_bad([
        holds_exactly(resource.get("name"), ADMINISTRATOR_ACCESS),
        holds_exactly(resource.get("arn"), ADMINISTRATOR_ACCESS_ARN),
    ])
}

/// Whether a single value is exactly `wanted`; absent values are not.
fn holds_exactly(value: Option<&Value>, wanted: &str) -> Option<bool> {
    match value {
        None => Some(false),
        Some(value) => value.may_equal(wanted),
    }
}

fn root_access_key(resource: &Resource<'_>) -> Verdict {
    match resource.get("user") {
        None | Some(Value::Null) => Verdict::Passed,
        Some(Value::List(users)) if users.is_empty() => Verdict::Passed,
        Some(user) if user.contains_unknown() => Verdict::Unknown,
        Some(user) => none_bad([holds_string(Some(user), "root")]),
    }
}
