//! Trust policies for GitHub Actions' OIDC provider (`CKV_AWS_358` on policy documents,
//! `CKV_AWS_393` on roles): a role that trusts GitHub's tokens must pin the `sub` claim to a
//! repository, or every workflow on GitHub can assume it.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::{self, force_list, truthy, Document};
use crate::value::Value;

/// The part of the provider's ARN that names GitHub's OIDC issuer.
const GITHUB_PROVIDER: &str = "oidc-provider/token.actions.githubusercontent.com";

/// First claims of a `sub` value that an attacker can choose freely (a workflow name, an
/// environment, a branch), so a trust pinned to them pins nothing.
const ABUSABLE_CLAIMS: &[&str] = &[
    "workflow",
    "environment",
    "ref",
    "context",
    "head_ref",
    "base_ref",
];

pub static POLICY_DOCUMENT: Check = Check {
    id: "CKV_AWS_358",
    name: "Ensure AWS GitHub Actions OIDC authorization policies only allow safe claims and claim order",
    kind: EntityKind::Data,
    resource_types: &["aws_iam_policy_document"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A policy document that trusts GitHub Actions' OIDC provider limits the token's `sub` claim to a repository.",
        why: "Without a `repo:` condition on `sub`, any GitHub workflow in any organisation can exchange its token for the role's credentials.",
        fix: "Add a `StringLike` condition on `token.actions.githubusercontent.com:sub` with values of the form `repo:<org>/<repository>:<ref>`.",
        fixed: r#"data "aws_iam_policy_document" "github" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:example-org/deploy:ref:refs/heads/main"]
    }
  }
}"#,
    },
    passing: &[
        r#"
data "aws_iam_policy_document" "github" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:example-org/*"]
    }
  }
}"#,
        r#"
data "aws_iam_policy_document" "ec2" {
  statement {
    actions = ["sts:AssumeRole"]
    principals {
      type        = "Service"
      identifiers = ["ec2.amazonaws.com"]
    }
  }
}"#,
    ],
    failing: &[
        r#"
data "aws_iam_policy_document" "no_condition" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
  }
}"#,
        r#"
data "aws_iam_policy_document" "audience_only" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringEquals"
      variable = "token.actions.githubusercontent.com:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}"#,
        r#"
data "aws_iam_policy_document" "any_repository" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["repo:*"]
    }
  }
}"#,
        r#"
data "aws_iam_policy_document" "workflow_claim" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]
    principals {
      type        = "Federated"
      identifiers = ["arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"]
    }
    condition {
      test     = "StringLike"
      variable = "token.actions.githubusercontent.com:sub"
      values   = ["workflow:deploy"]
    }
  }
}"#,
    ],
    evaluate: policy_document,
};

pub static ROLE: Check = Check {
    id: "CKV_AWS_393",
    name: "Ensure AWS GitHub Actions OIDC authorization policies only allow safe claims and claim order on IAM role",
    kind: EntityKind::Resource,
    resource_types: &["aws_iam_role"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A role whose trust policy trusts GitHub Actions' OIDC provider limits the token's `sub` claim to a repository.",
        why: "Without a `repo:` condition on `sub`, any GitHub workflow in any organisation can exchange its token for the role's credentials.",
        fix: "Add a `StringLike` condition on `token.actions.githubusercontent.com:sub` with values of the form `repo:<org>/<repository>:<ref>`.",
        fixed: r#"resource "aws_iam_role" "github" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
      Condition = {
        StringLike = { "token.actions.githubusercontent.com:sub" = "repo:example-org/deploy:*" }
      }
    }]
  })
}"#,
    },
    passing: &[r#"
resource "aws_iam_role" "github" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
      Condition = {
        StringEquals = { "token.actions.githubusercontent.com:aud" = "sts.amazonaws.com" }
        StringLike   = { "token.actions.githubusercontent.com:sub" = ["repo:example-org/deploy:*"] }
      }
    }]
  })
}

resource "aws_iam_role" "lambda" {
  name = "lambda"
  assume_role_policy = jsonencode({
    Version   = "2012-10-17"
    Statement = [{ Effect = "Allow", Action = "sts:AssumeRole", Principal = { Service = "lambda.amazonaws.com" } }]
  })
}"#],
    failing: &[
        r#"
resource "aws_iam_role" "github" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
    }]
  })
}"#,
        r#"
resource "aws_iam_role" "github" {
  name = "github-deploy"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRoleWithWebIdentity"
      Principal = { Federated = "arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com" }
      Condition = {
        StringLike = { "token.actions.githubusercontent.com:sub" = "repo:example-org*" }
      }
    }]
  })
}"#,
    ],
    evaluate: role,
};

/// A value the rule reads, or the Unknown verdict when it is known only after apply.
fn known(value: &Value) -> Result<&Value, Verdict> {
    if value.contains_unknown() {
        Err(Verdict::Unknown)
    } else {
        Ok(value)
    }
}

fn policy_document(resource: &Resource<'_>) -> Verdict {
    policy_document_statements(resource).unwrap_or_else(|verdict| verdict)
}

/// Checkov's rule, statement by statement: the first statement that does not trust GitHub
/// decides Passed for the whole document, and the first that does decides by its conditions.
fn policy_document_statements(resource: &Resource<'_>) -> Result<Verdict, Verdict> {
    let Some(statements) = resource.get("statement") else {
        return Ok(Verdict::Passed);
    };
    for statement in force_list(known_shallow(statements)?) {
        let Value::Object(_) = statement else {
            continue;
        };
        if !trusts_github_in_blocks(statement)? {
            return Ok(Verdict::Passed);
        }
        let conditions = statement
            .get("condition")
            .map_or(Ok(&Value::Null), known_shallow)?;
        if !truthy(conditions) {
            return Ok(Verdict::Failed);
        }
        return sub_conditions_in_blocks(force_list(conditions));
    }
    Ok(Verdict::Passed)
}

/// The value itself must be known, not necessarily everything inside it.
fn known_shallow(value: &Value) -> Result<&Value, Verdict> {
    if value.is_unknown() {
        Err(Verdict::Unknown)
    } else {
        Ok(value)
    }
}

/// True when a `principals` block of type `Federated` names GitHub's provider first.
fn trusts_github_in_blocks(statement: &Value) -> Result<bool, Verdict> {
    let principals = statement
        .get("principals")
        .map_or(Ok(&Value::Null), known_shallow)?;
    if !truthy(principals) {
        return Ok(false);
    }
    for principal in force_list(principals) {
        let (Some(kind), Some(identifiers)) = (principal.get("type"), principal.get("identifiers"))
        else {
            continue;
        };
        if known(kind)?.as_str() != Some("Federated") {
            continue;
        }
        // Checkov reads only the first identifier of each block.
        let first = match known_shallow(identifiers)? {
            Value::List(items) => items.first().map(known).transpose()?,
            _ => None,
        };
        if first
            .and_then(Value::as_str)
            .is_some_and(|first| first.contains(GITHUB_PROVIDER))
        {
            return Ok(true);
        }
    }
    Ok(false)
}

/// Checkov's walk over `condition` blocks: once a block tests the `sub` claim, the first value
/// of that block (or of any later block) decides; no decisive value fails.
fn sub_conditions_in_blocks(conditions: &[Value]) -> Result<Verdict, Verdict> {
    let mut tests_sub = false;
    for condition in conditions {
        let variables = condition.get("variable").map_or(Ok(&Value::Null), known)?;
        if variables.is_null() {
            continue;
        }
        tests_sub |= force_list(variables)
            .iter()
            .any(|variable| variable.as_str().is_some_and(is_sub_claim_variable));
        if !tests_sub {
            continue;
        }
        let values = condition.get("values").map_or(Ok(&Value::Null), known)?;
        if let Value::List(values) = values {
            let Some(first) = values.first() else {
                return Err(Verdict::NotApplicable);
            };
            if values.len() == 1 && first.as_str() == Some("*") {
                return Ok(Verdict::Failed);
            }
            let Some(first) = first.as_str() else {
                return Err(Verdict::NotApplicable);
            };
            return Ok(classify_sub_value(first));
        }
    }
    Ok(Verdict::Failed)
}

fn role(resource: &Resource<'_>) -> Verdict {
    let document = match iam_policy::read_attribute(resource.get("assume_role_policy")) {
        None | Some(Document::Invalid) => return Verdict::Passed,
        Some(Document::Unknown) => return Verdict::Unknown,
        Some(Document::Known(document)) => document,
    };
    let Some(statements) = iam_policy::statements(&document) else {
        return Verdict::Passed;
    };
    for statement in statements {
        let Value::Object(_) = statement else {
            continue;
        };
        if !trusts_github_in_json(statement) {
            return Verdict::Passed;
        }
        let Some(Value::Object(condition)) = statement.get("Condition") else {
            return Verdict::Failed;
        };
        return sub_condition_in_json(condition.values()).unwrap_or(Verdict::Failed);
    }
    Verdict::Passed
}

/// True when `Principal.Federated` names GitHub's provider.
fn trusts_github_in_json(statement: &Value) -> bool {
    let Some(federated) = statement
        .get("Principal")
        .and_then(|principal| match principal {
            Value::Object(map) => map.get("Federated"),
            _ => None,
        })
    else {
        return false;
    };
    force_list(federated).iter().any(|identifier| {
        identifier
            .as_str()
            .is_some_and(|text| text.contains(GITHUB_PROVIDER))
    })
}

/// The verdict of the first string value tested against the `sub` claim, if any.
fn sub_condition_in_json<'a>(operators: impl Iterator<Item = &'a Value>) -> Option<Verdict> {
    for tests in operators {
        let Value::Object(tests) = tests else {
            continue;
        };
        for (variable, values) in tests {
            if !is_sub_claim_variable(variable) {
                continue;
            }
            if let Some(value) = force_list(values).iter().find_map(Value::as_str) {
                return Some(classify_sub_value(value));
            }
        }
    }
    None
}

/// A `sub` value is safe when it names a claim other than the abusable ones, with a value
/// other than `*`, and a `repo:` claim names `<org>/<repository>`.
fn classify_sub_value(value: &str) -> Verdict {
    if value == "*" {
        return Verdict::Failed;
    }
    let mut claims = value.split(':');
    let first = claims.next().unwrap_or_default();
    let Some(second) = claims.next() else {
        return Verdict::Failed;
    };
    if second == "*" || ABUSABLE_CLAIMS.iter().any(|claim| first.starts_with(claim)) {
        return Verdict::Failed;
    }
    if first == "repo" && !starts_with_repository(second) {
        return Verdict::Failed;
    }
    Verdict::Passed
}

/// `token.actions.githubusercontent.com:sub`, optionally with `/<enterprise slug>` before the
/// colon.
fn is_sub_claim_variable(variable: &str) -> bool {
    let Some(rest) = variable.strip_prefix("token.actions.githubusercontent.com") else {
        return false;
    };
    let Some(slug) = rest.strip_suffix(":sub") else {
        return false;
    };
    slug.is_empty()
        || slug
            .strip_prefix('/')
            .is_some_and(|slug| !slug.is_empty() && slug.chars().all(is_name_character))
}

/// True when `text` starts with `<org>/<something>`: an organisation (optionally `${...}`
/// around it, dots allowed between name parts), a slash, and at least one more character
/// that is not a slash.
fn starts_with_repository(text: &str) -> bool {
    let rest = text.strip_prefix("${").unwrap_or(text);
    let organisation_end = rest.find(|c: char| !(is_name_character(c) || c == '.'));
    let (organisation, rest) = rest.split_at(organisation_end.unwrap_or(rest.len()));
    let well_formed =
        !organisation.is_empty() && organisation.split('.').all(|part| !part.is_empty());
    if !well_formed {
        return false;
    }
    let rest = rest.strip_prefix('}').unwrap_or(rest);
    rest.strip_prefix('/')
        .is_some_and(|repository| repository.chars().next().is_some_and(|first| first != '/'))
}

fn is_name_character(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sub_values() {
        assert_eq!(
            classify_sub_value("repo:org/repo:ref:refs/heads/main"),
            Verdict::Passed
        );
        assert_eq!(classify_sub_value("repo:org/*"), Verdict::Passed);
        assert_eq!(classify_sub_value("repo:my.org/x"), Verdict::Passed);
        assert_eq!(classify_sub_value("repo:${var.org}/x"), Verdict::Passed);
        assert_eq!(classify_sub_value("repo:org*"), Verdict::Failed);
        assert_eq!(classify_sub_value("repo:*"), Verdict::Failed);
        assert_eq!(classify_sub_value("repo:org/"), Verdict::Failed);
        assert_eq!(classify_sub_value("repo:.org/x"), Verdict::Failed);
        assert_eq!(classify_sub_value("*"), Verdict::Failed);
        assert_eq!(classify_sub_value("repo"), Verdict::Failed);
        assert_eq!(classify_sub_value("environment:prod"), Verdict::Failed);
        assert_eq!(classify_sub_value("references:x"), Verdict::Failed);
        assert_eq!(
            classify_sub_value("job_workflow_ref:org/x"),
            Verdict::Passed
        );
    }

    #[test]
    fn sub_variables() {
        assert!(is_sub_claim_variable(
            "token.actions.githubusercontent.com:sub"
        ));
        assert!(is_sub_claim_variable(
            "token.actions.githubusercontent.com/my-ent:sub"
        ));
        assert!(!is_sub_claim_variable(
            "token.actions.githubusercontent.com/:sub"
        ));
        assert!(!is_sub_claim_variable(
            "token.actions.githubusercontent.com:aud"
        ));
        assert!(!is_sub_claim_variable(
            "token.actions.githubusercontent.com:sub2"
        ));
    }
}
