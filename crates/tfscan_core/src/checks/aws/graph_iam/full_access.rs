//! Policies that grant full IAM access, and SageMaker notebooks whose role allows every
//! action.

use alloc::vec::Vec;

use super::statements::{attribute_allows, policy_document_allows, EVERY_ACTION, FULL_IAM};
use super::{any_holds, connected, unless, Holds};
use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::value::Value;

const FULL_IAM_NAME: &str = "Ensure AWS IAM policy does not allow full IAM privileges";

const FULL_IAM_EXPLANATION: Explanation = Explanation {
    what: "No `Allow` statement of the policy grants `iam:*` or `*`.",
    why: "Full IAM access lets the holder create users, keys and policies, and so grant itself anything in the account.",
    fix: "Name the IAM actions the principal needs, or deny the IAM service where it needs none.",
    fixed: r#"resource "aws_iam_policy" "ops" {
  name = "ops"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["iam:GetRole", "iam:ListRoles"]
      Resource = "*"
    }]
  })
}"#,
};

/// `CKV2_AWS_40` on policy resources: the policy text must have no `Allow` statement whose
/// `Action` holds `iam:*` or `*`.
pub static FULL_IAM_PRIVILEGES: Check = Check {
    id: "CKV2_AWS_40",
    name: FULL_IAM_NAME,
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_iam_group_policy",
        "aws_iam_policy",
        "aws_iam_role_policy",
        "aws_iam_user_policy",
        "aws_ssoadmin_permission_set_inline_policy",
    ],
    severity: Severity::High,
    explanation: FULL_IAM_EXPLANATION,
    passing: &[
        r#"
resource "aws_iam_policy" "storage" {
  name = "storage"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:*"]
      Resource = "*"
    }]
  })
}

resource "aws_iam_role_policy" "no_iam" {
  role = "app"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [
      { Effect = "Allow", Action = "ec2:Describe*", Resource = "*" },
      { Effect = "Deny", Action = "iam:*", Resource = "*" },
    ]
  })
}"#,
        // The document's bucket ARN is known only after apply, but no IAM action is allowed.
        r#"
resource "aws_s3_bucket" "logs" {
  bucket_prefix = "logs-"
}

data "aws_iam_policy_document" "read_logs" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["${aws_s3_bucket.logs.arn}/*"]
  }
}

resource "aws_iam_user_policy" "read_logs" {
  user   = "auditor"
  policy = data.aws_iam_policy_document.read_logs.json
}"#,
    ],
    failing: &[
        r#"
resource "aws_iam_policy" "iam_admin" {
  name = "iam-admin"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = "iam:*"
      Resource = "*"
    }]
  })
}"#,
        // `*` is every action, IAM's included, whatever the resources.
        r#"
resource "aws_iam_group_policy" "admins" {
  group  = "admins"
  policy = <<POLICY
{
  "Version": "2012-10-17",
  "Statement": [
    {
      "Effect": "Allow",
      "Action": ["ec2:*", "*"],
      "Resource": "arn:aws:ec2:eu-west-1:111122223333:instance/*"
    }
  ]
}
POLICY
}"#,
        r#"
resource "aws_iam_role" "deployer" {
  name = "deployer"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "codebuild.amazonaws.com" }
    }]
  })
}

# The role's ARN is known only after apply, and `iam:*` is allowed whatever it is.
data "aws_iam_policy_document" "manage_itself" {
  statement {
    actions   = ["iam:*"]
    resources = [aws_iam_role.deployer.arn]
  }
}

resource "aws_iam_role_policy" "manage_itself" {
  role   = aws_iam_role.deployer.id
  policy = data.aws_iam_policy_document.manage_itself.json
}"#,
        r#"
resource "aws_ssoadmin_permission_set_inline_policy" "operators" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1111111111111111"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-1111111111111111"
  inline_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect   = "Allow"
      Action   = ["s3:HeadBucket", "iam:*"]
      Resource = "*"
    }]
  })
}"#,
    ],
    evaluate: full_iam_privileges,
};

fn full_iam_privileges(policy: &Resource<'_>) -> Verdict {
    let attribute = if policy.resource_type == "aws_ssoadmin_permission_set_inline_policy" {
        "inline_policy"
    } else {
        "policy"
    };
    // Unknown text may still be settled by the known parts of the document it comes from.
    // (Checkov judges no policy written as a reference to a document, known or not: it
    // reports no result for it.)
    let allows = attribute_allows(policy.get(attribute), FULL_IAM)
        .or_else(|| documents_behind(policy, FULL_IAM));
    unless(allows)
}

/// What the policy allows when its text is the `json` of an `aws_iam_policy_document` that is
/// known only after apply (an ARN in it is): the known parts of the documents the policy
/// refers to, when they all give the same answer, since the text is one of them. Open when the
/// policy refers to no document with unknown parts: then something else made its text
/// unknown.
fn documents_behind(policy: &Resource<'_>, actions: &[&str]) -> Holds {
    let documents: Vec<Resource<'_>> = policy
        .references(Some("aws_iam_policy_document"))
        .into_iter()
        .filter(|document| document.kind == EntityKind::Data)
        .collect();
    if !documents
        .iter()
        .any(|document| document.attributes.contains_unknown())
    {
        return None;
    }
    let mut answers = documents
        .iter()
        .map(|document| policy_document_allows(document.attributes, actions));
    let first = answers.next().flatten();
    if answers.all(|answer| answer == first) {
        first
    } else {
        None
    }
}

/// `CKV2_AWS_40` on `aws_iam_policy_document` data sources: no statement whose effect is
/// `Allow` (the provider's default) may list `iam:*` or `*` among its `actions`.
pub static FULL_IAM_PRIVILEGES_DOCUMENT: Check = Check {
    id: "CKV2_AWS_40",
    name: FULL_IAM_NAME,
    kind: EntityKind::Data,
    resource_types: &["aws_iam_policy_document"],
    severity: Severity::High,
    explanation: FULL_IAM_EXPLANATION,
    passing: &[
        r#"
data "aws_iam_policy_document" "read_only" {
  statement {
    effect    = "Allow"
    actions   = ["iam:Get*", "iam:List*"]
    resources = ["*"]
  }

  statement {
    effect    = "Deny"
    actions   = ["iam:*"]
    resources = ["*"]
  }
}"#,
        // The role's ARN is known only after apply; the actions alone settle the answer.
        r#"
resource "aws_iam_role" "app" {
  name = "app"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "ec2.amazonaws.com" }
    }]
  })
}

data "aws_iam_policy_document" "pass_role" {
  statement {
    actions   = ["iam:PassRole"]
    resources = [aws_iam_role.app.arn]
  }
}"#,
    ],
    failing: &[
        r#"
data "aws_iam_policy_document" "iam_admin" {
  statement {
    effect    = "Allow"
    actions   = ["iam:*"]
    resources = ["arn:aws:iam::111122223333:user/*"]
  }
}"#,
        // Without `effect` a statement allows. (Checkov passes this one: it looks only at
        // statements that spell `effect = "Allow"` out.)
        r#"
data "aws_iam_policy_document" "admin" {
  statement {
    actions   = ["*"]
    resources = ["*"]
  }
}"#,
    ],
    evaluate: full_iam_privileges_document,
};

fn full_iam_privileges_document(document: &Resource<'_>) -> Verdict {
    unless(policy_document_allows(document.attributes, FULL_IAM))
}

/// `CKV2_AWS_68`: a notebook instance passes when it is connected to an `aws_iam_role` whose
/// own policies allow no `*` action.
pub static SAGEMAKER_ROLE_EVERY_ACTION: Check = Check {
    id: "CKV2_AWS_68",
    name: "Ensure SageMaker notebook instance IAM policy is not overly permissive",
    kind: EntityKind::Resource,
    resource_types: &["aws_sagemaker_notebook_instance"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The notebook instance runs with an IAM role of the configuration whose inline policies do not allow every action (`*`).",
        why: "Code in a notebook runs with its role's permissions; a role that allows everything turns any notebook user into an account administrator.",
        fix: "Give the notebook a role of its own whose policies name the actions and resources the notebook needs.",
        fixed: r#"resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = aws_iam_role.notebook.arn
}"#,
    },
    passing: &[r#"
resource "aws_iam_role" "notebook" {
  name = "notebook"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "sagemaker.amazonaws.com" }
    }]
  })

  inline_policy {
    name = "data"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = ["s3:GetObject", "s3:ListBucket"]
        Resource = "*"
      }]
    })
  }
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = aws_iam_role.notebook.arn
}"#],
    failing: &[
        r#"
resource "aws_iam_role" "notebook" {
  name = "notebook"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "sagemaker.amazonaws.com" }
    }]
  })

  inline_policy {
    name = "everything"
    policy = jsonencode({
      Version = "2012-10-17"
      Statement = [{
        Effect   = "Allow"
        Action   = "*"
        Resource = "*"
      }]
    })
  }
}

resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = aws_iam_role.notebook.arn
}"#,
        // The role is not one of the configuration's, so nothing says what it allows.
        r#"
resource "aws_sagemaker_notebook_instance" "research" {
  name          = "research"
  instance_type = "ml.t3.medium"
  role_arn      = "arn:aws:iam::111122223333:role/notebook"
}"#,
    ],
    evaluate: sagemaker_role_every_action,
};

/// Checkov reads a `policy` attribute on the role (which the AWS provider does not have, but
/// Checkov's own test writes one); tfscan reads it too, and the `policy` of each
/// `inline_policy` block, where a role's own policies are written. Policies attached through
/// other resources are not followed. With several connected roles (a reference to a `count`
/// block), one that allows no `*` action is enough, as in Checkov.
fn sagemaker_role_every_action(notebook: &Resource<'_>) -> Verdict {
    let roles = connected(notebook, "aws_iam_role");
    let answers: Vec<Holds> = roles.iter().map(role_allows_every_action).collect();
    if answers.contains(&Some(false)) {
        Verdict::Passed
    } else if answers.contains(&None) {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

fn role_allows_every_action(role: &Resource<'_>) -> Holds {
    let own = attribute_allows(role.get("policy"), EVERY_ACTION);
    let blocks = match role.get("inline_policy") {
        Some(Value::Unknown) => return any_holds([own, None]),
        Some(Value::List(blocks)) => blocks.as_slice(),
        _ => &[],
    };
    let inline = blocks.iter().map(|block| match block {
        Value::Unknown => None,
        block => attribute_allows(block.get("policy"), EVERY_ACTION),
    });
    any_holds(core::iter::once(own).chain(inline))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Connections;
    use crate::value::object;
    use alloc::vec;

    fn resource<'a>(resource_type: &'a str, attributes: &'a Value) -> Resource<'a> {
        Resource {
            kind: EntityKind::Resource,
            resource_type,
            name: "r",
            attributes,
            connections: Connections::NONE,
        }
    }

    #[test]
    fn a_role_allows_every_action_through_its_inline_policies() {
        let every = r#"{"Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}"#;
        let some = r#"{"Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
        let inline = |policies: Vec<Value>| {
            object([(
                "inline_policy",
                Value::List(
                    policies
                        .into_iter()
                        .map(|policy| object([("policy", policy)]))
                        .collect(),
                ),
            )])
        };
        let role =
            |attributes: &Value| role_allows_every_action(&resource("aws_iam_role", attributes));
        assert_eq!(role(&inline(vec![some.into(), every.into()])), Some(true));
        assert_eq!(role(&inline(vec![some.into()])), Some(false));
        assert_eq!(role(&inline(vec![some.into(), Value::Unknown])), None);
        assert_eq!(role(&object([("inline_policy", Value::Unknown)])), None);
        // The attribute Checkov reads, which the provider does not have.
        assert_eq!(role(&object([("policy", Value::from(every))])), Some(true));
    }
}
