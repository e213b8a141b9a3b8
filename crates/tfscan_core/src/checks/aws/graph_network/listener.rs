//! Load balancer listeners: their TLS policy and protocol, alone or as a load balancer's set.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;
use crate::value::Value;

use super::{
    all_of, any_of, blocks, connected, equals, field, negate, not_equals, present, within, Field,
    LISTENER_TYPES, LOAD_BALANCER_TYPES,
};

pub(super) static LISTENER_TLS_1_2: Check = Check {
    id: "CKV_AWS_103",
    name: "Ensure that load balancer is using at least TLS 1.2",
    kind: EntityKind::Resource,
    resource_types: LISTENER_TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "A listener either passes TCP or UDP through, terminates TLS with a policy of TLS 1.2 or later, redirects to HTTPS, or belongs to a Gateway Load Balancer.",
        why: "TLS 1.0 and 1.1 have known weaknesses, and a plain HTTP listener that serves content encrypts nothing.",
        fix: "Give HTTPS and TLS listeners an `ssl_policy` of the `ELBSecurityPolicy-TLS13-`, `ELBSecurityPolicy-TLS-1-2-` or `ELBSecurityPolicy-FS-1-2-` families, and make HTTP listeners redirect to HTTPS.",
        fixed: r#"resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.web.arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
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

resource "aws_lb_listener" "tcp" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/db/50dc6c495c0c9188"
  port              = 5432
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/db/6d0ecf831eec9f09"
  }
}"#,
        r#"
resource "aws_lb" "inspection" {
  name               = "inspection"
  load_balancer_type = "gateway"
  subnets            = ["subnet-0a1b2c3d4e5f60718"]
}

resource "aws_lb_listener" "geneve" {
  load_balancer_arn = aws_lb.inspection.arn

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/appliances/6d0ecf831eec9f09"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_lb_listener" "old_tls" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a6f4cbb-1d57-4d2b-a5a8-2b86a1f5d4e1"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}"#,
        r#"
resource "aws_lb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}"#,
        r#"
resource "aws_alb_listener" "no_policy" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/api/50dc6c495c0c9188"
  port              = 443
  protocol          = "TLS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a6f4cbb-1d57-4d2b-a5a8-2b86a1f5d4e1"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/6d0ecf831eec9f09"
  }
}"#,
    ],
    evaluate: listener_tls_1_2,
};

/// The policy families that allow nothing older than TLS 1.2, by the prefix Checkov compares.
const TLS_1_2_POLICY_PREFIXES: &[&str] = &[
    "ELBSecurityPolicy-FS-1-2",
    "ELBSecurityPolicy-TLS-1-2",
    "ELBSecurityPolicy-TLS13",
];

/// Checkov's rule has four ways to pass. A listener with neither protocol nor redirect fails,
/// even on an application load balancer whose default protocol is HTTP. The gateway way counts
/// only for `aws_lb_listener` on an `aws_lb`, as Checkov writes it (not for the `aws_alb`
/// aliases).
fn listener_tls_1_2(listener: &Resource<'_>) -> Verdict {
    let attributes = listener.attributes;
    let layer_4 = within(attributes, "protocol", &["TCP", "UDP", "TCP_UDP"]);
    let tls_1_2 = all_of([
        within(attributes, "protocol", &["HTTPS", "TLS"]),
        starts_with_any(attributes, "ssl_policy", TLS_1_2_POLICY_PREFIXES),
    ]);
    let redirect = redirects_to_https(attributes, false);
    let gateway = if listener.resource_type == "aws_lb_listener" {
        any_of(
            connected(listener, &["aws_lb"])
                .iter()
                .map(|balancer| equals(balancer.attributes, "load_balancer_type", "gateway")),
        )
    } else {
        Verdict::Failed
    };
    any_of([layer_4, tls_1_2, redirect, gateway])
}

/// Passed when the string at `path` starts with one of `prefixes`; Failed when absent.
fn starts_with_any(attributes: &Value, path: &str, prefixes: &[&str]) -> Verdict {
    match field(attributes, path) {
        Field::Absent => Verdict::Failed,
        Field::Unknown => Verdict::Unknown,
        Field::Known(value) => verdict(
            value
                .as_str()
                .is_some_and(|text| prefixes.iter().any(|prefix| text.starts_with(prefix))),
        ),
    }
}

pub(super) static ALB_REDIRECTS_HTTP: Check = Check {
    id: "CKV2_AWS_20",
    name: "Ensure that ALB redirects HTTP requests into HTTPS ones",
    kind: EntityKind::Resource,
    resource_types: LOAD_BALANCER_TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "Every listener of the load balancer is either off port 80 and not HTTP, or an HTTP listener on port 80 that redirects to HTTPS on port 443.",
        why: "A load balancer that answers plain HTTP lets clients send requests and cookies unencrypted instead of moving them to HTTPS.",
        fix: "Make the port 80 HTTP listener redirect to HTTPS on port 443, and serve content only from HTTPS listeners.",
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
    passing: &[
        r#"
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_lb_listener" "http" {
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
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a6f4cbb-1d57-4d2b-a5a8-2b86a1f5d4e1"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}"#,
        r#"
resource "aws_alb" "no_listener_yet" {
  name    = "staging"
  subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}"#,
    ],
    failing: &[
        r#"
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_lb_listener" "http" {
  load_balancer_arn = aws_lb.web.arn
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}"#,
        r#"
resource "aws_alb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_alb_listener" "redirect" {
  load_balancer_arn = aws_alb.web.arn
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

resource "aws_alb_listener" "admin" {
  load_balancer_arn = aws_alb.web.arn
  port              = 8080
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/admin/6d0ecf831eec9f09"
  }
}"#,
    ],
    evaluate: alb_redirects_http,
};

/// Every listener must pass, as in Checkov, where one failing connected listener fails the
/// load balancer; one without listeners passes. Checkov's rule pays no heed to the load
/// balancer's type, so a TCP listener on port 80 of a Network Load Balancer fails it too.
fn alb_redirects_http(balancer: &Resource<'_>) -> Verdict {
    all_of(
        connected(balancer, LISTENER_TYPES)
            .iter()
            .map(|listener| listener_moves_http_to_https(listener.attributes)),
    )
}

/// Whether a listener's default action redirects to HTTPS (and to port 443 when `port_443`):
/// one `default_action` block of type `redirect` whose `redirect` says so.
fn redirects_to_https(listener: &Value, port_443: bool) -> Verdict {
    let Some(actions) = blocks(listener, "default_action") else {
        return Verdict::Unknown;
    };
    any_of(actions.iter().map(|action| {
        let Some(redirects) = blocks(action, "redirect") else {
            return Verdict::Unknown;
        };
        let target = any_of(redirects.iter().map(|redirect| {
            let port = if port_443 {
                equals(redirect, "port", "443")
            } else {
                Verdict::Passed
            };
            all_of([equals(redirect, "protocol", "HTTPS"), port])
        }));
        all_of([equals(action, "type", "redirect"), target])
    }))
}

fn listener_moves_http_to_https(listener: &Value) -> Verdict {
    let not_http = all_of([
        not_equals(listener, "port", "80"),
        not_equals(listener, "protocol", "HTTP"),
    ]);
    let redirect = all_of([
        equals(listener, "port", "80"),
        equals(listener, "protocol", "HTTP"),
        redirects_to_https(listener, true),
    ]);
    any_of([not_http, redirect])
}

pub(super) static LISTENER_STRONG_CIPHERS: Check = Check {
    id: "CKV2_AWS_74",
    name: "Ensure AWS Load Balancers use strong ciphers",
    kind: EntityKind::Resource,
    resource_types: LISTENER_TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An HTTPS or TLS listener names an `ssl_policy`, and not one of the old policies that still offer weak ciphers.",
        why: "Left out, the policy is `ELBSecurityPolicy-2016-08`, which with the other old policies still negotiates TLS 1.0 and CBC ciphers an attacker can exploit.",
        fix: "Set `ssl_policy` to a current policy such as `ELBSecurityPolicy-TLS13-1-2-2021-06`.",
        fixed: r#"resource "aws_lb_listener" "https" {
  load_balancer_arn = aws_lb.web.arn
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = aws_acm_certificate.web.arn

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.web.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS-1-2-Ext-2018-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a6f4cbb-1d57-4d2b-a5a8-2b86a1f5d4e1"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}

resource "aws_lb_listener" "tcp" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/db/50dc6c495c0c9188"
  port              = 5432
  protocol          = "TCP"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/db/6d0ecf831eec9f09"
  }
}"#],
    failing: &[
        r#"
resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-2016-08"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a6f4cbb-1d57-4d2b-a5a8-2b86a1f5d4e1"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/web/6d0ecf831eec9f09"
  }
}"#,
        r#"
resource "aws_alb_listener" "default_policy" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/net/api/50dc6c495c0c9188"
  port              = 443
  protocol          = "TLS"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a6f4cbb-1d57-4d2b-a5a8-2b86a1f5d4e1"

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/api/6d0ecf831eec9f09"
  }
}"#,
    ],
    evaluate: listener_strong_ciphers,
};

/// The policies Checkov counts as weak.
const WEAK_POLICIES: &[&str] = &[
    "ELBSecurityPolicy-2016-08",
    "ELBSecurityPolicy-2015-05",
    "ELBSecurityPolicy-TLS-1-0-2015-04",
    "ELBSecurityPolicy-TLS-1-1-2017-01",
    "ELBSecurityPolicy-2015-03",
    "ELBSecurityPolicy-2015-02",
    "ELBSecurityPolicy-2014-10",
    "ELBSecurityPolicy-Default",
    "ELBSecurityPolicy-2014-01",
];

/// Only listeners that terminate TLS have ciphers to judge: the others (HTTP, TCP, UDP, no
/// protocol) pass, as a TCP listener does in Checkov.
fn listener_strong_ciphers(listener: &Resource<'_>) -> Verdict {
    let attributes = listener.attributes;
    let terminates_tls = within(attributes, "protocol", &["HTTPS", "TLS"]);
    let strong_policy = all_of([
        present(attributes, "ssl_policy"),
        negate(within(attributes, "ssl_policy", WEAK_POLICIES)),
    ]);
    any_of([negate(terminates_tls), strong_policy])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Connections;
    use crate::value::object;

    fn list(items: impl IntoIterator<Item = Value>) -> Value {
        Value::List(items.into_iter().collect())
    }

    fn listener<'a>(resource_type: &'a str, attributes: &'a Value) -> Resource<'a> {
        Resource {
            kind: EntityKind::Resource,
            resource_type,
            name: "test",
            attributes,
            connections: Connections::NONE,
        }
    }

    #[test]
    fn tls_policy_prefixes_decide_https_listeners() {
        let with_policy = |policy: &str| {
            object([
                ("protocol", Value::from("HTTPS")),
                ("ssl_policy", Value::from(policy)),
            ])
        };
        let modern = with_policy("ELBSecurityPolicy-FS-1-2-Res-2020-10");
        assert_eq!(
            listener_tls_1_2(&listener("aws_lb_listener", &modern)),
            Verdict::Passed
        );
        let old = with_policy("ELBSecurityPolicy-TLS-1-1-2017-01");
        assert_eq!(
            listener_tls_1_2(&listener("aws_lb_listener", &old)),
            Verdict::Failed
        );
        let unknown_protocol = object([("protocol", Value::Unknown)]);
        assert_eq!(
            listener_tls_1_2(&listener("aws_alb_listener", &unknown_protocol)),
            Verdict::Unknown
        );
    }

    #[test]
    fn only_tls_listeners_need_a_strong_policy() {
        let http = object([("protocol", Value::from("HTTP"))]);
        assert_eq!(
            listener_strong_ciphers(&listener("aws_lb_listener", &http)),
            Verdict::Passed
        );
        let unknown_policy = object([
            ("protocol", Value::from("TLS")),
            ("ssl_policy", Value::Unknown),
        ]);
        assert_eq!(
            listener_strong_ciphers(&listener("aws_lb_listener", &unknown_policy)),
            Verdict::Unknown
        );
        let unknown_protocol = object([
            ("protocol", Value::Unknown),
            ("ssl_policy", Value::from("ELBSecurityPolicy-2016-08")),
        ]);
        assert_eq!(
            listener_strong_ciphers(&listener("aws_lb_listener", &unknown_protocol)),
            Verdict::Unknown
        );
    }

    #[test]
    fn http_on_port_80_must_redirect_to_443() {
        let forward_on_81 = object([
            ("port", Value::Number(81.0)),
            ("protocol", Value::from("HTTP")),
        ]);
        assert_eq!(
            listener_moves_http_to_https(&forward_on_81),
            Verdict::Failed
        );
        let https = object([
            ("port", Value::from("443")),
            ("protocol", Value::from("HTTPS")),
        ]);
        assert_eq!(listener_moves_http_to_https(&https), Verdict::Passed);
        let unknown_port = object([("port", Value::Unknown), ("protocol", Value::from("HTTPS"))]);
        assert_eq!(
            listener_moves_http_to_https(&unknown_port),
            Verdict::Unknown
        );
    }

    #[test]
    fn a_redirect_needs_type_protocol_and_port() {
        let redirect = |port: &str, protocol: &str| {
            object([(
                "default_action",
                list([object([
                    ("type", "redirect".into()),
                    (
                        "redirect",
                        list([object([
                            ("port", port.into()),
                            ("protocol", protocol.into()),
                        ])]),
                    ),
                ])]),
            )])
        };
        assert_eq!(
            redirects_to_https(&redirect("443", "HTTPS"), true),
            Verdict::Passed
        );
        assert_eq!(
            redirects_to_https(&redirect("8443", "HTTPS"), true),
            Verdict::Failed
        );
        assert_eq!(
            redirects_to_https(&redirect("8443", "HTTPS"), false),
            Verdict::Passed
        );
        assert_eq!(
            redirects_to_https(&redirect("443", "HTTP"), false),
            Verdict::Failed
        );
        let forward = object([(
            "default_action",
            list([object([("type", "forward".into())])]),
        )]);
        assert_eq!(redirects_to_https(&forward, false), Verdict::Failed);
        let unknown = object([("default_action", Value::Unknown)]);
        assert_eq!(redirects_to_https(&unknown, false), Verdict::Unknown);
    }
}
