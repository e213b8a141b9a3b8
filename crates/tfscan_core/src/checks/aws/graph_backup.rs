//! AWS Backup checks (Checkov's graph checks): a database cluster is named by an
//! `aws_backup_selection` of the configuration.
//!
//! Only a selection that refers to the resource itself counts (`resources =
//! [aws_rds_cluster.main.arn]`); a selection by tag, or one in another module, is not seen,
//! as in Checkov.
//!
//! Checkov's `CKV2_AWS_9` (EBS volumes) and `CKV2_AWS_18` (EFS file systems) are not here:
//! Checkov reports them only on `aws_backup_selection` blocks while their own filter keeps only
//! volumes and file systems, so Checkov 3.3.30 never gives them a verdict, and a check that
//! agrees with it could only ever say nothing.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;

use super::graph_conditions::has_connected;

/// This group's checks.
pub static CHECKS: &[&Check] = &[&RDS_CLUSTER_BACKED_UP];

fn selected_for_backup(resource: &Resource<'_>) -> Verdict {
    verdict(has_connected(resource, &["aws_backup_selection"]))
}

static RDS_CLUSTER_BACKED_UP: Check = Check {
    id: "CKV2_AWS_8",
    name: "Ensure that RDS clusters has backup plan of AWS Backup",
    kind: EntityKind::Resource,
    resource_types: &["aws_rds_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An RDS cluster is among the resources of an `aws_backup_selection`.",
        why: "AWS Backup keeps copies beyond the cluster's own retention window, in a vault that can be locked and copied to another account or region.",
        fix: "Add the cluster's ARN to the `resources` of a backup selection of a backup plan.",
        fixed: r#"resource "aws_backup_selection" "databases" {
  name         = "databases"
  plan_id      = aws_backup_plan.daily.id
  iam_role_arn = aws_iam_role.backup.arn
  resources    = [aws_rds_cluster.main.arn]
}"#,
    },
    passing: &[r#"
resource "aws_rds_cluster" "main" {
  engine             = "aurora-postgresql"
  cluster_identifier = "main"
}

resource "aws_backup_selection" "databases" {
  name         = "databases"
  plan_id      = "plan-0123"
  iam_role_arn = "arn:aws:iam::111122223333:role/backup"
  resources    = [aws_rds_cluster.main.arn]
}"#],
    failing: &[r#"
resource "aws_rds_cluster" "main" {
  engine             = "aurora-postgresql"
  cluster_identifier = "main"
}"#],
    evaluate: selected_for_backup,
};
