//! AWS Transfer Family server checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;
use alloc::vec::Vec;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&NOT_PUBLIC, &SECURE_PROTOCOLS, &RECENT_SECURITY_POLICY];

static NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_164",
    name: "Ensure Transfer Server is not exposed publicly.",
    kind: EntityKind::Resource,
    resource_types: &["aws_transfer_server"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The server's endpoint lives in a VPC (`VPC` or `VPC_ENDPOINT`).",
        why: "A public endpoint takes connections from the whole internet, with no security group in front of it.",
        fix: "Set `endpoint_type = \"VPC\"` and give `endpoint_details` with subnets and security groups.",
        fixed: r#"resource "aws_transfer_server" "files" {
  endpoint_type = "VPC"
  endpoint_details {
    vpc_id             = aws_vpc.main.id
    subnet_ids         = [aws_subnet.private.id]
    security_group_ids = [aws_security_group.sftp.id]
  }
}"#,
    },
    passing: &[r#"
resource "aws_transfer_server" "files" {
  endpoint_type = "VPC"
}"#],
    failing: &[
        r#"
resource "aws_transfer_server" "files" {
  endpoint_type = "PUBLIC"
}"#,
        r#"
resource "aws_transfer_server" "files" {
  protocols = ["SFTP"]
}"#,
    ],
    evaluate: not_public,
};

fn not_public(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "endpoint_type",
        &["VPC", "VPC_ENDPOINT"],
        Verdict::Failed,
    )
}

static SECURE_PROTOCOLS: Check = Check {
    id: "CKV_AWS_357",
    name: "Ensure Transfer Server allows only secure protocols",
    kind: EntityKind::Resource,
    resource_types: &["aws_transfer_server"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The server does not offer plain FTP.",
        why: "FTP sends user names, passwords and files in clear text.",
        fix: "Offer only `SFTP` or `FTPS` in `protocols`.",
        fixed: r#"resource "aws_transfer_server" "files" {
  protocols = ["SFTP"]
}"#,
    },
    passing: &[r#"
resource "aws_transfer_server" "files" {
  protocols = ["SFTP", "FTPS"]
}"#],
    failing: &[r#"
resource "aws_transfer_server" "files" {
  protocols = ["SFTP", "FTP"]
}"#],
    evaluate: secure_protocols,
};

static RECENT_SECURITY_POLICY: Check = Check {
    id: "CKV_AWS_380",
    name: "Ensure AWS Transfer Server uses latest Security Policy",
    kind: EntityKind::Resource,
    resource_types: &["aws_transfer_server"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The server's security policy was published less than 24 months before the scan (its name carries the year and month).",
        why: "Older policies keep ciphers and key exchanges that have since been deprecated; the default, `TransferSecurityPolicy-2018-11`, is one of them.",
        fix: "Set `security_policy_name` to a recent policy, and move to newer ones as AWS publishes them.",
        fixed: r#"resource "aws_transfer_server" "files" {
  security_policy_name = "TransferSecurityPolicy-2025-03"
}"#,
    },
    // Judged on the examples runner's fixed date, 2026-12-04.
    passing: &[r#"
resource "aws_transfer_server" "files" {
  security_policy_name = "TransferSecurityPolicy-FIPS-2025-03"
}"#],
    failing: &[
        r#"
resource "aws_transfer_server" "files" {
  security_policy_name = "TransferSecurityPolicy-2020-06"
}"#,
        r#"
resource "aws_transfer_server" "files" {
  protocols = ["SFTP"]
}"#,
    ],
    evaluate: recent_security_policy,
};

/// Checkov's rule: the first `YYYY-MM` pair in the name, 24 months or more before the scan's
/// month, fails; so does a missing name (the provider's default is from 2018) or one without
/// a date. Without the scan's date there is no verdict.
fn recent_security_policy(resource: &Resource<'_>) -> Verdict {
    let name = match resource.get("security_policy_name") {
        None | Some(Value::Null) => return Verdict::Failed,
        Some(name) if name.is_unknown() => return Verdict::Unknown,
        Some(name) => name.as_str().unwrap_or_default(),
    };
    if name.is_empty() {
        return Verdict::Failed;
    }
    let Some((year, month)) = resource.today().and_then(year_month_of_date) else {
        return Verdict::Unknown;
    };
    let parts: Vec<&str> = name.split('-').collect();
    let published = parts.windows(2).find_map(|pair| {
        let year = pair[0].trim().parse::<i64>().ok()?;
        let month = pair[1].trim().parse::<i64>().ok()?;
        ((1..=9999).contains(&year) && (1..=12).contains(&month)).then_some((year, month))
    });
    match published {
        Some((policy_year, policy_month)) => {
            rules::verdict((year - policy_year) * 12 + (month - policy_month) < 24)
        }
        None => Verdict::Failed,
    }
}

/// The year and month of a `YYYY-MM-DD` date.
fn year_month_of_date(date: &str) -> Option<(i64, i64)> {
    let mut parts = date.split('-');
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    Some((year, month))
}

fn secure_protocols(resource: &Resource<'_>) -> Verdict {
    match resource.get("protocols") {
        Some(Value::List(protocols)) => {
            if protocols
                .iter()
                .any(|protocol| protocol.as_str() == Some("FTP"))
            {
                Verdict::Failed
            } else if protocols.iter().any(Value::is_unknown) {
                Verdict::Unknown
            } else {
                Verdict::Passed
            }
        }
        Some(Value::Unknown) => Verdict::Unknown,
        _ => Verdict::Passed,
    }
}
