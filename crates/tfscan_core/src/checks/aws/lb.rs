//! AWS Elastic Load Balancing checks: load balancers (`aws_lb`, its alias `aws_alb`, the
//! classic `aws_elb`), their listeners and their target groups.
//!
//! Several checks apply only to some kinds of `aws_lb`. Checkov compares
//! `load_balancer_type` with the exact string ("application", "network", "gateway"); a type
//! left out is AWS's "application" only where a check says so.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &LISTENER_HTTPS,
    &ACCESS_LOGS,
    &DROP_INVALID_HEADERS,
    &DELETION_PROTECTION,
    &CROSS_ZONE,
    &TARGET_GROUP_HEALTH_CHECK,
    &DESYNC_MITIGATION,
];

static LISTENER_HTTPS: Check = Check {
    id: "CKV_AWS_2",
    name: "Ensure ALB protocol is HTTPS",
    kind: EntityKind::Resource,
    resource_types: &["aws_alb_listener", "aws_lb_listener"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A load balancer listener uses HTTPS, TLS, TCP, UDP or TCP_UDP, or is an HTTP listener whose default action redirects to HTTPS.",
        why: "A plain HTTP listener sends requests, cookies and credentials across the network unencrypted.",
        fix: "Serve HTTPS with a certificate, and turn any HTTP listener into a redirect to HTTPS.",
        fixed: r#"resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a6f4cbb-1d57-4d2b-a5a8-2b86a1f5d4e1"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}

resource "aws_alb_listener" "http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type = "redirect"

    redirect {
      port        = "443"
      protocol    = "HTTPS"
      status_code = "HTTP_301"
    }
  }
}

resource "aws_lb_listener" "tls" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/api/50dc6c495c0c9188"
  port              = 443
  protocol          = "TLS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a6f4cbb-1d57-4d2b-a5a8-2b86a1f5d4e1"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/6d0ecf831eec9f09"
  }
}"#],
    failing: &[
        r#"
resource "aws_lb_listener" "http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}"#,
        r#"
resource "aws_alb_listener" "default_protocol" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 8080

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}"#,
    ],
    evaluate: listener_https,
};

static ACCESS_LOGS: Check = Check {
    id: "CKV_AWS_91",
    name: "Ensure the ELBv2 (Application/Network) has access logging enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_alb", "aws_lb"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An application or network load balancer writes access logs (`access_logs` with `enabled = true`); gateway load balancers are not checked.",
        why: "Without access logs there is no record of who sent which requests, which leaves incidents and abuse without evidence.",
        fix: "Add an `access_logs` block naming an S3 bucket and set `enabled = true` in it.",
        fixed: r#"resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = var.public_subnet_ids

  access_logs {
    bucket  = aws_s3_bucket.lb_logs.id
    prefix  = "web"
    enabled = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"

  access_logs {
    bucket  = "lb-logs"
    prefix  = "web"
    enabled = true
  }
}

resource "aws_alb" "api" {
  name               = "api"
  load_balancer_type = "network"

  access_logs {
    bucket  = "lb-logs"
    enabled = true
  }
}"#],
    failing: &[
        r#"
resource "aws_lb" "web" {
  name = "web"
}"#,
        r#"
resource "aws_lb" "web" {
  name = "web"

  access_logs {
    bucket = "lb-logs"
  }
}"#,
        r#"
resource "aws_alb" "api" {
  name               = "api"
  load_balancer_type = "network"

  access_logs {
    bucket  = "lb-logs"
    enabled = false
  }
}"#,
    ],
    evaluate: access_logs,
};

static DROP_INVALID_HEADERS: Check = Check {
    id: "CKV_AWS_131",
    name: "Ensure that ALB drops HTTP headers",
    kind: EntityKind::Resource,
    resource_types: &["aws_alb", "aws_lb"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An application load balancer drops HTTP headers whose names are not valid (`drop_invalid_header_fields = true`); network and gateway load balancers are not checked.",
        why: "Malformed headers passed through to the targets are a known way to smuggle requests past the load balancer and confuse the application behind it.",
        fix: "Set `drop_invalid_header_fields = true` on the application load balancer.",
        fixed: r#"resource "aws_lb" "web" {
  name                       = "web"
  load_balancer_type         = "application"
  drop_invalid_header_fields = true
}"#,
    },
    passing: &[r#"
resource "aws_lb" "web" {
  name                       = "web"
  load_balancer_type         = "application"
  drop_invalid_header_fields = true
}

resource "aws_alb" "default_type" {
  name                       = "default-type"
  drop_invalid_header_fields = true
}"#],
    failing: &[
        r#"
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
}"#,
        r#"
resource "aws_alb" "default_type" {
  name                       = "default-type"
  drop_invalid_header_fields = false
}"#,
    ],
    evaluate: drop_invalid_headers,
};

static DELETION_PROTECTION: Check = Check {
    id: "CKV_AWS_150",
    name: "Ensure that Load Balancer has deletion protection enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_alb", "aws_lb"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A load balancer of any type has deletion protection turned on.",
        why: "Deleting a load balancer by mistake, from the console or a careless apply, takes down everything behind it and changes its DNS name.",
        fix: "Set `enable_deletion_protection = true` on the load balancer.",
        fixed: r#"resource "aws_lb" "web" {
  name                       = "web"
  enable_deletion_protection = true
}"#,
    },
    passing: &[r#"
resource "aws_lb" "web" {
  name                       = "web"
  enable_deletion_protection = true
}

resource "aws_alb" "api" {
  name                       = "api"
  load_balancer_type         = "network"
  enable_deletion_protection = true
}"#],
    failing: &[
        r#"
resource "aws_lb" "web" {
  name = "web"
}"#,
        r#"
resource "aws_alb" "api" {
  name                       = "api"
  load_balancer_type         = "gateway"
  enable_deletion_protection = false
}"#,
    ],
    evaluate: deletion_protection,
};

static CROSS_ZONE: Check = Check {
    id: "CKV_AWS_152",
    name: "Ensure that Load Balancer (Network/Gateway) has cross-zone load balancing enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_alb", "aws_lb"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A network or gateway load balancer spreads traffic across the targets of every availability zone (`enable_cross_zone_load_balancing = true`); application load balancers, and load balancers that do not set a type, are not checked.",
        why: "Without cross-zone balancing each zone's targets take that zone's share of traffic alone, so a zone with fewer healthy targets is overloaded.",
        fix: "Set `enable_cross_zone_load_balancing = true` on the network or gateway load balancer.",
        fixed: r#"resource "aws_lb" "api" {
  name                             = "api"
  load_balancer_type               = "network"
  enable_cross_zone_load_balancing = true
}"#,
    },
    passing: &[r#"
resource "aws_lb" "api" {
  name                             = "api"
  load_balancer_type               = "network"
  enable_cross_zone_load_balancing = true
}

resource "aws_alb" "inspection" {
  name                             = "inspection"
  load_balancer_type               = "gateway"
  enable_cross_zone_load_balancing = true
}"#],
    failing: &[
        r#"
resource "aws_lb" "api" {
  name               = "api"
  load_balancer_type = "network"
}"#,
        r#"
resource "aws_alb" "inspection" {
  name                             = "inspection"
  load_balancer_type               = "gateway"
  enable_cross_zone_load_balancing = false
}"#,
    ],
    evaluate: cross_zone,
};

static TARGET_GROUP_HEALTH_CHECK: Check = Check {
    id: "CKV_AWS_261",
    name: "Ensure HTTP HTTPS Target group defines Healthcheck",
    kind: EntityKind::Resource,
    resource_types: &["aws_alb_target_group", "aws_lb_target_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An HTTP or HTTPS target group has a `health_check` block that names the `path` to probe.",
        why: "Without a health check on a real path, the load balancer keeps sending requests to targets whose application is broken.",
        fix: "Add a `health_check` block with the `path` of an endpoint that answers only when the application works.",
        fixed: r#"resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = var.vpc_id

  health_check {
    path    = "/healthz"
    matcher = "200"
  }
}"#,
    },
    passing: &[r#"
resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"

  health_check {
    path    = "/healthz"
    matcher = "200"
  }
}

resource "aws_alb_target_group" "api" {
  name     = "api"
  port     = 8443
  protocol = "HTTPS"
  vpc_id   = "vpc-0123456789abcdef0"

  health_check {
    path = "/status"
  }
}"#],
    failing: &[
        r#"
resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0123456789abcdef0"
}"#,
        r#"
resource "aws_alb_target_group" "api" {
  name     = "api"
  port     = 8443
  protocol = "HTTPS"
  vpc_id   = "vpc-0123456789abcdef0"

  health_check {
    interval = 15
  }
}"#,
    ],
    evaluate: target_group_health_check,
};

static DESYNC_MITIGATION: Check = Check {
    id: "CKV_AWS_328",
    name: "Ensure that ALB is configured with defensive or strictest desync mitigation mode",
    kind: EntityKind::Resource,
    resource_types: &["aws_alb", "aws_elb", "aws_lb"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A load balancer does not set its HTTP desync mitigation mode to \"monitor\" (the default, \"defensive\", and \"strictest\" pass).",
        why: "In monitor mode the load balancer forwards ambiguous requests it should block, which opens the application to HTTP request smuggling.",
        fix: "Leave `desync_mitigation_mode` at its default or set it to \"defensive\" or \"strictest\".",
        fixed: r#"resource "aws_lb" "web" {
  name                   = "web"
  desync_mitigation_mode = "strictest"
}"#,
    },
    passing: &[r#"
resource "aws_lb" "web" {
  name                   = "web"
  desync_mitigation_mode = "strictest"
}

resource "aws_alb" "default_mode" {
  name = "default-mode"
}

resource "aws_elb" "classic" {
  name                   = "classic"
  availability_zones     = ["eu-west-1a"]
  desync_mitigation_mode = "defensive"

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}"#],
    failing: &[
        r#"
resource "aws_lb" "web" {
  name                   = "web"
  desync_mitigation_mode = "monitor"
}"#,
        r#"
resource "aws_elb" "classic" {
  name                   = "classic"
  availability_zones     = ["eu-west-1a"]
  desync_mitigation_mode = "monitor"

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }
}"#,
    ],
    evaluate: desync_mitigation,
};

/// Listener protocols that are encrypted, or are not HTTP at all.
const PASSING_PROTOCOLS: &[&str] = &["HTTPS", "TLS", "TCP", "UDP", "TCP_UDP"];

/// Checkov's rule, exact and case-sensitive: a missing protocol fails (AWS's default is HTTP),
/// and so does "GENEVE". An HTTP listener passes when its first default action redirects to
/// HTTPS; a redirect that does not name a protocol (keeping the request's own) gets no verdict.
fn listener_https(resource: &Resource<'_>) -> Verdict {
    let protocol = match resource.get("protocol") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::String(protocol)) => protocol.as_str(),
        _ => return Verdict::Failed,
    };
    if PASSING_PROTOCOLS.contains(&protocol) {
        return Verdict::Passed;
    }
    if protocol != "HTTP" {
        return Verdict::Failed;
    }

    let action = match resource.get("default_action") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(actions)) => match actions.first() {
            Some(Value::Unknown) => return Verdict::Unknown,
            Some(action) => action,
            None => return Verdict::Failed,
        },
        _ => return Verdict::Failed,
    };
    match action.get("type") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::String(kind)) if kind == "redirect" => {}
        _ => return Verdict::Failed,
    }

    let redirect = match action.get("redirect") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(redirects)) => redirects.first(),
        other => other,
    };
    let Some(redirect) = redirect else {
        return Verdict::Failed;
    };
    match redirect.get("protocol") {
        None => Verdict::NotApplicable,
        Some(Value::Unknown) => Verdict::Unknown,
        Some(Value::String(target)) if target == "HTTPS" => Verdict::Passed,
        Some(_) => Verdict::Failed,
    }
}

/// Whether `load_balancer_type` is exactly one of `types`: `None` when it is unknown, `false`
/// when it is absent or not a string.
fn load_balancer_type_is(resource: &Resource<'_>, types: &[&str]) -> Option<bool> {
    match resource.get("load_balancer_type") {
        Some(Value::Unknown) => None,
        Some(Value::String(kind)) => Some(types.contains(&kind.as_str())),
        _ => Some(false),
    }
}

/// Checkov skips gateway load balancers only; a missing `access_logs` block or `enabled`
/// fails, as AWS leaves logging off unless `enabled` is true.
fn access_logs(resource: &Resource<'_>) -> Verdict {
    match load_balancer_type_is(resource, &["gateway"]) {
        None => return Verdict::Unknown,
        Some(true) => return Verdict::NotApplicable,
        Some(false) => {}
    }
    let first_block = match resource.get("access_logs") {
        Some(Value::List(blocks)) => blocks.first(),
        other => other,
    };
    if first_block.is_some_and(Value::is_unknown) {
        return Verdict::Unknown;
    }
    rules::bool_equals(resource, "access_logs.0.enabled", true, Verdict::Failed)
}

/// Only application load balancers have the setting; a missing type counts as one.
fn drop_invalid_headers(resource: &Resource<'_>) -> Verdict {
    match load_balancer_type_is(resource, &["gateway", "network"]) {
        None => Verdict::Unknown,
        Some(true) => Verdict::NotApplicable,
        Some(false) => rules::bool_equals(
            resource,
            "drop_invalid_header_fields",
            true,
            Verdict::Failed,
        ),
    }
}

fn deletion_protection(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "enable_deletion_protection",
        true,
        Verdict::Failed,
    )
}

/// Application load balancers always balance across zones, so Checkov skips them, and a
/// load balancer without `load_balancer_type` (an application one). It does check one whose
/// type is null, which it does not recognise as missing.
fn cross_zone(resource: &Resource<'_>) -> Verdict {
    if resource.get("load_balancer_type").is_none() {
        return Verdict::NotApplicable;
    }
    match load_balancer_type_is(resource, &["application"]) {
        None => Verdict::Unknown,
        Some(true) => Verdict::NotApplicable,
        Some(false) => rules::bool_equals(
            resource,
            "enable_cross_zone_load_balancing",
            true,
            Verdict::Failed,
        ),
    }
}

/// Only target groups whose `protocol` is exactly "HTTP" or "HTTPS" are checked (a missing
/// protocol gets no verdict). The first `health_check` block must set `path`; Checkov accepts
/// any value there, even an empty string.
fn target_group_health_check(resource: &Resource<'_>) -> Verdict {
    match resource.get("protocol") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::String(protocol)) if protocol == "HTTP" || protocol == "HTTPS" => {}
        _ => return Verdict::NotApplicable,
    }

    let health_check = match resource.get("health_check") {
        Some(Value::List(blocks)) => blocks.first(),
        Some(Value::Unknown) => return Verdict::Unknown,
        _ => None,
    };
    match health_check {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(Value::Object(settings)) => rules::verdict(settings.contains_key("path")),
        _ => Verdict::Failed,
    }
}

/// The mode Checkov forbids. It tests the value with Python's `in` against this string, so
/// any part of it fails too: "monitor", but also "mon" or an empty string.
const FORBIDDEN_DESYNC_MODE: &str = "monitor";

fn desync_mitigation(resource: &Resource<'_>) -> Verdict {
    match resource.get("desync_mitigation_mode") {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(Value::String(mode)) => rules::verdict(!FORBIDDEN_DESYNC_MODE.contains(mode.as_str())),
        // Absent, null or not a string: no forbidden mode is set.
        _ => Verdict::Passed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn sample<'a>(resource_type: &'a str, attributes: &'a Value) -> Resource<'a> {
        Resource {
            kind: EntityKind::Resource,
            resource_type,
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    #[test]
    fn load_balancer_types_gate_the_checks_like_checkov() {
        let network = object([("load_balancer_type", Value::from("network"))]);
        let network = sample("aws_lb", &network);
        assert_eq!(drop_invalid_headers(&network), Verdict::NotApplicable);
        assert_eq!(cross_zone(&network), Verdict::Failed);
        assert_eq!(access_logs(&network), Verdict::Failed);

        let untyped = object([("name", Value::from("web"))]);
        let untyped = sample("aws_lb", &untyped);
        assert_eq!(drop_invalid_headers(&untyped), Verdict::Failed);
        assert_eq!(cross_zone(&untyped), Verdict::NotApplicable);

        let null_type = object([("load_balancer_type", Value::Null)]);
        assert_eq!(cross_zone(&sample("aws_lb", &null_type)), Verdict::Failed);

        let gateway = object([("load_balancer_type", Value::from("gateway"))]);
        assert_eq!(
            access_logs(&sample("aws_lb", &gateway)),
            Verdict::NotApplicable
        );

        let unknown = object([
            ("load_balancer_type", Value::Unknown),
            ("drop_invalid_header_fields", Value::Bool(true)),
        ]);
        let unknown = sample("aws_lb", &unknown);
        assert_eq!(drop_invalid_headers(&unknown), Verdict::Unknown);
        assert_eq!(cross_zone(&unknown), Verdict::Unknown);
    }

    #[test]
    fn access_logs_read_the_first_block() {
        let unknown_block = object([("access_logs", Value::List(vec![Value::Unknown]))]);
        assert_eq!(
            access_logs(&sample("aws_lb", &unknown_block)),
            Verdict::Unknown
        );

        let enabled_text = object([(
            "access_logs",
            Value::List(vec![object([("enabled", Value::from("true"))])]),
        )]);
        assert_eq!(
            access_logs(&sample("aws_lb", &enabled_text)),
            Verdict::Passed
        );
    }

    #[test]
    fn an_http_redirect_without_a_protocol_gets_no_verdict() {
        let listener = object([
            ("protocol", Value::from("HTTP")),
            (
                "default_action",
                Value::List(vec![object([
                    ("type", Value::from("redirect")),
                    (
                        "redirect",
                        Value::List(vec![object([("status_code", "HTTP_301".into())])]),
                    ),
                ])]),
            ),
        ]);
        assert_eq!(
            listener_https(&sample("aws_lb_listener", &listener)),
            Verdict::NotApplicable
        );

        let geneve = object([("protocol", Value::from("GENEVE"))]);
        assert_eq!(
            listener_https(&sample("aws_lb_listener", &geneve)),
            Verdict::Failed
        );
    }

    #[test]
    fn desync_mode_fails_any_part_of_monitor() {
        for (mode, expected) in [
            ("monitor", Verdict::Failed),
            ("mon", Verdict::Failed),
            ("", Verdict::Failed),
            ("defensive", Verdict::Passed),
            ("MONITOR", Verdict::Passed),
        ] {
            let lb = object([("desync_mitigation_mode", Value::from(mode))]);
            assert_eq!(
                desync_mitigation(&sample("aws_lb", &lb)),
                expected,
                "{mode:?}"
            );
        }
    }

    #[test]
    fn target_groups_need_a_health_check_path_only_for_http() {
        let tcp = object([("protocol", Value::from("TCP"))]);
        assert_eq!(
            target_group_health_check(&sample("aws_lb_target_group", &tcp)),
            Verdict::NotApplicable
        );

        let empty_path = object([
            ("protocol", Value::from("HTTP")),
            (
                "health_check",
                Value::List(vec![object([("path", Value::from(""))])]),
            ),
        ]);
        assert_eq!(
            target_group_health_check(&sample("aws_lb_target_group", &empty_path)),
            Verdict::Passed
        );
    }
}
