//! Amazon MWAA (managed Apache Airflow) environment checks. `CKV2_AWS_66` is a graph check in
//! Checkov, but reads only the environment's own settings.

use crate::check::{Check, EntityKind, Explanation, Severity, Verdict};
use crate::checks::rules::{bool_equals, string_in};

/// This service's checks.
pub static CHECKS: &[&Check] = &[&SCHEDULER_LOGS, &WORKER_LOGS, &WEBSERVER_LOGS, &NOT_PUBLIC];

/// An environment with every setting these checks ask for.
const GOOD_ENVIRONMENT: &str = r#"
resource "aws_mwaa_environment" "airflow" {
  name                  = "airflow"
  dag_s3_path           = "dags/"
  execution_role_arn    = "arn:aws:iam::111122223333:role/airflow"
  source_bucket_arn     = "arn:aws:s3:::airflow-dags"
  webserver_access_mode = "PRIVATE_ONLY"

  logging_configuration {
    scheduler_logs {
      enabled   = true
      log_level = "INFO"
    }
    webserver_logs {
      enabled   = true
      log_level = "INFO"
    }
    worker_logs {
      enabled   = true
      log_level = "INFO"
    }
  }
}"#;

/// An environment with none of them.
const BARE_ENVIRONMENT: &str = r#"
resource "aws_mwaa_environment" "airflow" {
  name                  = "airflow"
  dag_s3_path           = "dags/"
  execution_role_arn    = "arn:aws:iam::111122223333:role/airflow"
  source_bucket_arn     = "arn:aws:s3:::airflow-dags"
  webserver_access_mode = "PUBLIC_ONLY"
}"#;

macro_rules! logs_check {
    ($name:ident, $id:literal, $title:literal, $logs:literal, $what:literal) => {
        static $name: Check = Check {
            id: $id,
            name: $title,
            kind: EntityKind::Resource,
            resource_types: &["aws_mwaa_environment"],
            severity: Severity::Low,
            explanation: Explanation {
                what: concat!(
                    "An environment's `logging_configuration` has `",
                    $logs,
                    "` with `enabled = true`."
                ),
                why: $what,
                fix: concat!(
                    "Add `",
                    $logs,
                    " { enabled = true }` to the environment's `logging_configuration`."
                ),
                fixed: concat!(
                    "  logging_configuration {\n    ",
                    $logs,
                    " {\n      enabled   = true\n      log_level = \"INFO\"\n    }\n  }"
                ),
            },
            passing: &[GOOD_ENVIRONMENT],
            failing: &[BARE_ENVIRONMENT],
            evaluate: |environment| {
                bool_equals(
                    environment,
                    concat!("logging_configuration.", $logs, ".enabled"),
                    true,
                    Verdict::Failed,
                )
            },
        };
    };
}

logs_check!(
    SCHEDULER_LOGS,
    "CKV_AWS_242",
    "Ensure MWAA environment has scheduler logs enabled",
    "scheduler_logs",
    "The scheduler's logs show why DAG runs were or were not started, and who changed what they run."
);
logs_check!(
    WORKER_LOGS,
    "CKV_AWS_243",
    "Ensure MWAA environment has worker logs enabled",
    "worker_logs",
    "The workers' logs are the only record of what each task actually did with the data and credentials it was given."
);
logs_check!(
    WEBSERVER_LOGS,
    "CKV_AWS_244",
    "Ensure MWAA environment has webserver logs enabled",
    "webserver_logs",
    "The web server's logs record who used the Airflow interface and what they triggered."
);

static NOT_PUBLIC: Check = Check {
    id: "CKV2_AWS_66",
    name: "Ensure MWAA environment is not publicly accessible",
    kind: EntityKind::Resource,
    resource_types: &["aws_mwaa_environment"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An environment's web server is reachable only from its VPC (`webserver_access_mode` absent, which means private, or `PRIVATE_ONLY`).",
        why: "A public Airflow web server can be reached by anyone on the internet, one stolen login away from running arbitrary DAGs with the environment's role.",
        fix: "Set `webserver_access_mode = \"PRIVATE_ONLY\"` and reach the web server through a VPN or a VPC endpoint.",
        fixed: r#"resource "aws_mwaa_environment" "airflow" {
  name                  = "airflow"
  dag_s3_path           = "dags/"
  execution_role_arn    = aws_iam_role.airflow.arn
  source_bucket_arn     = aws_s3_bucket.dags.arn
  webserver_access_mode = "PRIVATE_ONLY"
}"#,
    },
    passing: &[GOOD_ENVIRONMENT],
    failing: &[BARE_ENVIRONMENT],
    evaluate: |environment| {
        string_in(
            environment,
            "webserver_access_mode",
            &["PRIVATE_ONLY"],
            Verdict::Passed,
        )
    },
};
