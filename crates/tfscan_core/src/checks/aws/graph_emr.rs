//! EMR checks that Checkov writes as graph checks; this one reads only the cluster's settings.

use crate::check::{Check, EntityKind, Explanation, Severity};

use super::graph_conditions::exists;

/// This group's checks.
pub static CHECKS: &[&Check] = &[&SECURITY_CONFIGURATION];

static SECURITY_CONFIGURATION: Check = Check {
    id: "CKV2_AWS_55",
    name: "Ensure AWS EMR cluster is configured with security configuration",
    kind: EntityKind::Resource,
    resource_types: &["aws_emr_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An EMR cluster names a security configuration in `security_configuration`.",
        why: "The security configuration is where EMR's encryption at rest and in transit and its Kerberos authentication are set; without one, none of them are on.",
        fix: "Create an `aws_emr_security_configuration` with encryption settings and name it in `security_configuration`.",
        fixed: r#"resource "aws_emr_cluster" "analytics" {
  name                   = "analytics"
  release_label          = "emr-6.15.0"
  service_role           = aws_iam_role.emr.arn
  security_configuration = aws_emr_security_configuration.encrypted.name
}"#,
    },
    passing: &[r#"
resource "aws_emr_cluster" "analytics" {
  name                   = "analytics"
  release_label          = "emr-6.15.0"
  service_role           = "arn:aws:iam::111122223333:role/emr"
  security_configuration = "encrypted"
}"#],
    failing: &[r#"
resource "aws_emr_cluster" "analytics" {
  name          = "analytics"
  release_label = "emr-6.15.0"
  service_role  = "arn:aws:iam::111122223333:role/emr"
}"#],
    evaluate: |cluster| exists(cluster.attributes, "security_configuration"),
};
