//! Classic Elastic Load Balancing checks (`aws_elb` and its policies).

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &ACCESS_LOGS,
    &ACM_CERTIFICATES,
    &CROSS_ZONE,
    &SECURE_PROTOCOLS,
    &LISTENER_TLS,
];

static ACCESS_LOGS: Check = Check {
    id: "CKV_AWS_92",
    name: "Ensure the ELB has access logging enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_elb"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The load balancer writes access logs to S3.",
        why:
            "Access logs are the record of every request, needed to investigate attacks and errors.",
        fix: "Add an `access_logs` block with the `bucket` (and leave `enabled` true).",
        fixed: r#"resource "aws_elb" "web" {
  access_logs {
    bucket  = "elb-logs"
    enabled = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_elb" "web" {
  access_logs {
    bucket = "elb-logs"
  }
}"#,
        r#"
resource "aws_elb" "web" {
  access_logs {
    bucket  = "elb-logs"
    enabled = true
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_elb" "web" {
  access_logs {
    bucket  = "elb-logs"
    enabled = false
  }
}"#,
        r#"
resource "aws_elb" "web" {
  name = "web"
}"#,
    ],
    evaluate: access_logs,
};

fn access_logs(resource: &Resource<'_>) -> Verdict {
    let Some(logs) = resource.get("access_logs.0") else {
        return Verdict::Failed;
    };
    match logs.get("enabled") {
        None => Verdict::Passed,
        Some(Value::Unknown) => Verdict::Unknown,
        Some(enabled) => rules::verdict(enabled.as_bool() == Some(true)),
    }
}

static ACM_CERTIFICATES: Check = Check {
    id: "CKV_AWS_127",
    name: "Ensure that Elastic Load Balancer(s) uses SSL certificates provided by AWS Certificate Manager",
    kind: EntityKind::Resource,
    resource_types: &["aws_elb"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "Every listener of the load balancer names an SSL certificate.",
        why: "A listener without a certificate serves plain HTTP or TCP, which anyone on the path can read.",
        fix: "Serve HTTPS or SSL on every listener with an ACM certificate in `ssl_certificate_id`.",
        fixed: r#"resource "aws_elb" "web" {
  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 443
    instance_protocol  = "https"
    ssl_certificate_id = aws_acm_certificate.web.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_elb" "web" {
  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 443
    instance_protocol  = "https"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/a1b2c3d4"
  }
}"#],
    failing: &[r#"
resource "aws_elb" "web" {
  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 80
    instance_protocol = "http"
  }
}"#],
    evaluate: acm_certificates,
};

fn acm_certificates(resource: &Resource<'_>) -> Verdict {
    let listeners = resource
        .get("listener")
        .and_then(Value::as_list)
        .unwrap_or_default();
    rules::verdict(
        listeners
            .iter()
            .all(|listener| listener.get("ssl_certificate_id").is_some()),
    )
}

static CROSS_ZONE: Check = Check {
    id: "CKV_AWS_138",
    name: "Ensure that ELB is cross-zone-load-balancing enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_elb"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The load balancer spreads requests across the instances of all its Availability Zones.",
        why: "Without cross-zone balancing, a zone with few healthy instances gets overloaded while others sit idle.",
        fix: "Leave `cross_zone_load_balancing` at its default or set it to true.",
        fixed: r#"resource "aws_elb" "web" {
  cross_zone_load_balancing = true
}"#,
    },
    passing: &[
        r#"
resource "aws_elb" "web" {
  cross_zone_load_balancing = true
}"#,
        r#"
resource "aws_elb" "web" {
  name = "on by default"
}"#,
    ],
    failing: &[r#"
resource "aws_elb" "web" {
  cross_zone_load_balancing = false
}"#],
    evaluate: cross_zone,
};

fn cross_zone(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "cross_zone_load_balancing", true, Verdict::Passed)
}

static SECURE_PROTOCOLS: Check = Check {
    id: "CKV_AWS_213",
    name: "Ensure ELB Policy uses only secure protocols",
    kind: EntityKind::Resource,
    resource_types: &["aws_load_balancer_policy"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The policy neither switches on SSLv3, TLS 1.0 or TLS 1.1 nor references an outdated predefined security policy.",
        why: "These protocol versions have known weaknesses that let an attacker decrypt or tamper with traffic.",
        fix: "Reference a current policy such as `ELBSecurityPolicy-TLS-1-2-2017-01`, and do not enable old protocols.",
        fixed: r#"resource "aws_load_balancer_policy" "tls" {
  load_balancer_name = aws_elb.web.name
  policy_name        = "tls"
  policy_type_name   = "SSLNegotiationPolicyType"
  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
}"#,
    },
    passing: &[r#"
resource "aws_load_balancer_policy" "tls" {
  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-TLS-1-2-2017-01"
  }
  policy_attribute {
    name  = "Protocol-TLSv1.2"
    value = "true"
  }
}"#],
    failing: &[
        r#"
resource "aws_load_balancer_policy" "tls" {
  policy_attribute {
    name  = "Protocol-TLSv1"
    value = "true"
  }
}"#,
        r#"
resource "aws_load_balancer_policy" "tls" {
  policy_attribute {
    name  = "Reference-Security-Policy"
    value = "ELBSecurityPolicy-2016-08"
  }
}"#,
    ],
    evaluate: secure_protocols,
};

/// Predefined policies that still allow TLS 1.0 or 1.1.
const OUTDATED_POLICIES: &[&str] = &[
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-2015-05",
    "ELBSecurityPolicy-2015-03",
    "ELBSecurityPolicy-2015-02",
    "ELBSecurityPolicy-TLS-1-0-2015-04",
    "ELBSecurityPolicy-2014-10",
    "ELBSecurityPolicy-Default",
    "ELBSecurityPolicy-2014-01",
];

/// Checkov fails an old protocol attribute whose value is truthy in Python's sense, so the
/// string `"false"` (non-empty) counts as switched on; only the boolean false does not.
fn secure_protocols(resource: &Resource<'_>) -> Verdict {
    let attributes = resource
        .get("policy_attribute")
        .and_then(Value::as_list)
        .unwrap_or_default();
    let mut unknown = false;
    for attribute in attributes {
        let (Some(name), value) = (attribute.get("name"), attribute.get("value")) else {
            continue;
        };
        if name.is_unknown() || value.is_some_and(Value::is_unknown) {
            unknown = true;
            continue;
        }
        match name.as_str() {
            Some("Protocol-SSLv3" | "Protocol-TLSv1" | "Protocol-TLSv1.1")
                if value.is_some_and(truthy) =>
            {
                return Verdict::Failed;
            }
            Some("Reference-Security-Policy")
                if value
                    .and_then(Value::as_str)
                    .is_some_and(|policy| OUTDATED_POLICIES.contains(&policy)) =>
            {
                return Verdict::Failed;
            }
            _ => {}
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

static LISTENER_TLS: Check = Check {
    id: "CKV_AWS_376",
    name: "Ensure AWS Elastic Load Balancer listener uses TLS/SSL",
    kind: EntityKind::Resource,
    resource_types: &["aws_elb"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No listener forwards to instances over HTTP or TCP, and HTTPS or SSL listeners name a certificate.",
        why: "Traffic between the load balancer and the instances travels in clear text otherwise.",
        fix: "Use `instance_protocol = \"https\"` or `\"ssl\"` with an `ssl_certificate_id` on every listener.",
        fixed: r#"resource "aws_elb" "web" {
  listener {
    lb_port            = 443
    lb_protocol        = "https"
    instance_port      = 443
    instance_protocol  = "https"
    ssl_certificate_id = aws_acm_certificate.web.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_elb" "web" {
  listener {
    lb_port            = 443
    lb_protocol        = "ssl"
    instance_port      = 443
    instance_protocol  = "ssl"
    ssl_certificate_id = "arn:aws:acm:eu-west-1:111122223333:certificate/a1b2c3d4"
  }
}"#],
    failing: &[
        r#"
resource "aws_elb" "web" {
  listener {
    lb_port           = 80
    lb_protocol       = "http"
    instance_port     = 80
    instance_protocol = "HTTP"
  }
}"#,
        r#"
resource "aws_elb" "web" {
  listener {
    lb_port           = 443
    lb_protocol       = "https"
    instance_port     = 443
    instance_protocol = "https"
  }
}"#,
    ],
    evaluate: listener_tls,
};

fn listener_tls(resource: &Resource<'_>) -> Verdict {
    let listeners = resource
        .get("listener")
        .and_then(Value::as_list)
        .unwrap_or_default();
    let mut unknown = false;
    for listener in listeners {
        let Some(protocol) = listener.get("instance_protocol") else {
            continue;
        };
        if protocol.is_unknown() {
            unknown = true;
            continue;
        }
        let protocol = protocol.as_str().unwrap_or_default().to_ascii_lowercase();
        let has_certificate = listener
            .get("ssl_certificate_id")
            .is_some_and(|id| id.as_str() != Some(""));
        match protocol.as_str() {
            "http" | "tcp" => return Verdict::Failed,
            "https" | "ssl" if !has_certificate => return Verdict::Failed,
            _ => {}
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}
