//! Load balancers seen with their listeners, target groups, WAF associations and Auto Scaling
//! attachments.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;
use crate::value::Value;

use super::{
    all_of, any_of, blocks, connected, elsewhere, equals, field, negate, not_equals, present,
    within, Field,
};

const LISTENER_TYPES: &[&str] = &["aws_lb_listener", "aws_alb_listener"];
const LOAD_BALANCER_TYPES: &[&str] = &["aws_lb", "aws_alb"];

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

pub(super) static TARGET_GROUP_NOT_HTTP: Check = Check {
    id: "CKV_AWS_378",
    name: "Ensure AWS Load Balancer doesn't use HTTP protocol",
    kind: EntityKind::Resource,
    resource_types: &["aws_lb_target_group", "aws_alb_target_group"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A target group does not use HTTP, unless every listener that sends it traffic uses a protocol other than HTTP.",
        why: "HTTP end to end leaves requests and responses readable on the network between clients, load balancer and targets.",
        fix: "Use HTTPS for the target group, or put it only behind HTTPS listeners so that traffic from clients is encrypted.",
        fixed: r#"resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 443
  protocol = "HTTPS"
  vpc_id   = aws_vpc.main.id
}"#,
    },
    passing: &[
        r#"
resource "aws_lb_target_group" "https" {
  name     = "web"
  port     = 443
  protocol = "HTTPS"
  vpc_id   = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_lb_target_group" "lambda" {
  name        = "handler"
  target_type = "lambda"
}"#,
        r#"
resource "aws_lb_target_group" "app" {
  name     = "app"
  port     = 8080
  protocol = "HTTP"
  vpc_id   = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_lb_listener" "https" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 443
  protocol          = "HTTPS"
  ssl_policy        = "ELBSecurityPolicy-TLS13-1-2-2021-06"
  certificate_arn   = "arn:aws:acm:eu-west-1:111122223333:certificate/8a6f4cbb-1d57-4d2b-a5a8-2b86a1f5d4e1"

  default_action {
    type             = "forward"
    target_group_arn = aws_lb_target_group.app.arn
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_lb_target_group" "app" {
  name     = "app"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0a1b2c3d4e5f60718"
}"#,
        r#"
resource "aws_alb_target_group" "app" {
  name     = "app"
  port     = 80
  protocol = "HTTP"
  vpc_id   = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_alb_listener" "http" {
  load_balancer_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:loadbalancer/app/web/50dc6c495c0c9188"
  port              = 80
  protocol          = "HTTP"

  default_action {
    type             = "forward"
    target_group_arn = aws_alb_target_group.app.arn
  }
}"#,
    ],
    evaluate: target_group_not_http,
};

/// A target group without a protocol (Lambda targets) passes, as in Checkov. An HTTP group
/// passes when it has listeners and none of them is HTTP; with no listener in the
/// configuration it fails, since Checkov's rule asks for one.
fn target_group_not_http(group: &Resource<'_>) -> Verdict {
    let own = not_equals(group.attributes, "protocol", "HTTP");
    let listeners = connected(group, LISTENER_TYPES);
    let behind_other_protocols = if listeners.is_empty() {
        Verdict::Failed
    } else {
        all_of(
            listeners
                .iter()
                .map(|listener| not_equals(listener.attributes, "protocol", "HTTP")),
        )
    };
    any_of([own, behind_other_protocols])
}

pub(super) static AUTOSCALING_ELB_HEALTH_CHECK: Check = Check {
    id: "CKV2_AWS_15",
    name: "Ensure that auto Scaling groups that are associated with a load balancer are using Elastic Load Balancing health checks.",
    kind: EntityKind::Resource,
    resource_types: &["aws_autoscaling_attachment"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An Auto Scaling attachment joins a group whose `health_check_type` is `ELB` to a classic load balancer or target group that has a `health_check` block.",
        why: "With EC2 health checks only, instances the load balancer considers unhealthy stay in service and keep receiving traffic.",
        fix: "Set `health_check_type = \"ELB\"` on the Auto Scaling group and give the load balancer or target group a `health_check` block.",
        fixed: r#"resource "aws_autoscaling_group" "web" {
  min_size          = 2
  max_size          = 4
  health_check_type = "ELB"
}

resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 443
  protocol = "HTTPS"
  vpc_id   = aws_vpc.main.id

  health_check {
    path = "/health"
  }
}

resource "aws_autoscaling_attachment" "web" {
  autoscaling_group_name = aws_autoscaling_group.web.id
  lb_target_group_arn    = aws_lb_target_group.web.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_autoscaling_group" "web" {
  min_size          = 2
  max_size          = 4
  health_check_type = "ELB"
}

resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 443
  protocol = "HTTPS"
  vpc_id   = "vpc-0a1b2c3d4e5f60718"

  health_check {
    path = "/health"
  }
}

resource "aws_autoscaling_attachment" "web" {
  autoscaling_group_name = aws_autoscaling_group.web.id
  lb_target_group_arn    = aws_lb_target_group.web.arn
}"#,
        r#"
resource "aws_autoscaling_group" "legacy" {
  min_size          = 1
  max_size          = 2
  health_check_type = "ELB"
}

resource "aws_elb" "legacy" {
  availability_zones = ["eu-west-1a"]

  listener {
    instance_port     = 8080
    instance_protocol = "http"
    lb_port           = 80
    lb_protocol       = "http"
  }

  health_check {
    healthy_threshold   = 2
    unhealthy_threshold = 2
    timeout             = 3
    target              = "HTTP:8080/health"
    interval            = 30
  }
}

resource "aws_autoscaling_attachment" "legacy" {
  autoscaling_group_name = aws_autoscaling_group.legacy.id
  elb                    = aws_elb.legacy.id
}"#,
    ],
    failing: &[
        r#"
resource "aws_autoscaling_group" "web" {
  min_size = 2
  max_size = 4
}

resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 443
  protocol = "HTTPS"
  vpc_id   = "vpc-0a1b2c3d4e5f60718"

  health_check {
    path = "/health"
  }
}

resource "aws_autoscaling_attachment" "web" {
  autoscaling_group_name = aws_autoscaling_group.web.id
  lb_target_group_arn    = aws_lb_target_group.web.arn
}"#,
        r#"
resource "aws_autoscaling_group" "web" {
  min_size          = 2
  max_size          = 4
  health_check_type = "ELB"
}

resource "aws_lb_target_group" "web" {
  name     = "web"
  port     = 443
  protocol = "HTTPS"
  vpc_id   = "vpc-0a1b2c3d4e5f60718"
}

resource "aws_autoscaling_attachment" "web" {
  autoscaling_group_name = aws_autoscaling_group.web.id
  lb_target_group_arn    = aws_lb_target_group.web.arn
}"#,
    ],
    evaluate: autoscaling_elb_health_check,
};

/// Checkov reports this check on the attachment. Its rule needs the group and the load
/// balancer (or target group) as blocks of the configuration; where the attachment names one
/// that is not (a variable, a literal name), its settings cannot be read and the verdict is
/// Unknown. A target group without a `health_check` block fails, as Checkov asks for the block
/// although AWS checks target health by default.
fn autoscaling_elb_health_check(attachment: &Resource<'_>) -> Verdict {
    let attributes = attachment.attributes;

    let groups = connected(attachment, &["aws_autoscaling_group"]);
    let group_uses_elb = if groups.is_empty() {
        elsewhere(attributes, &["autoscaling_group_name"])
    } else {
        all_of(
            groups
                .iter()
                .map(|group| equals(group.attributes, "health_check_type", "ELB")),
        )
    };

    let balancers = connected(
        attachment,
        &["aws_elb", "aws_lb_target_group", "aws_alb_target_group"],
    );
    let balancer_checks_health = if balancers.is_empty() {
        elsewhere(
            attributes,
            &["elb", "lb_target_group_arn", "alb_target_group_arn"],
        )
    } else {
        all_of(
            balancers
                .iter()
                .map(|balancer| present(balancer.attributes, "health_check")),
        )
    };

    all_of([group_uses_elb, balancer_checks_health])
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
    let Ok(actions) = blocks(listener, "default_action") else {
        return Verdict::Unknown;
    };
    any_of(actions.iter().map(|action| {
        let Ok(redirects) = blocks(action, "redirect") else {
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

pub(super) static ALB_PROTECTED_BY_WAF: Check = Check {
    id: "CKV2_AWS_28",
    name: "Ensure public facing ALB are protected by WAF",
    kind: EntityKind::Resource,
    resource_types: LOAD_BALANCER_TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An internet-facing application load balancer has a WAF web ACL association (WAFv2 or WAF Regional).",
        why: "Without a web application firewall every request from the internet reaches the application, including injection attempts and known exploits.",
        fix: "Associate a web ACL with the load balancer in an `aws_wafv2_web_acl_association`, or make the load balancer internal if it need not be public.",
        fixed: r#"resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = aws_wafv2_web_acl.web.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/web/a1b2c3d4-5678-90ab-cdef-111122223333"
}

resource "aws_alb" "internal" {
  name     = "backend"
  internal = true
  subnets  = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_lb" "network" {
  name               = "tcp"
  load_balancer_type = "network"
  subnets            = ["subnet-0a1b2c3d4e5f60718"]
}"#,
    ],
    failing: &[
        r#"
resource "aws_lb" "web" {
  name     = "web"
  internal = false
  subnets  = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}"#,
        r#"
resource "aws_alb" "web" {
  name               = "web"
  load_balancer_type = "application"
  subnets            = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}"#,
    ],
    evaluate: alb_protected_by_waf,
};

fn alb_protected_by_waf(balancer: &Resource<'_>) -> Verdict {
    let associations = connected(
        balancer,
        &[
            "aws_wafv2_web_acl_association",
            "aws_wafregional_web_acl_association",
        ],
    );
    let attributes = balancer.attributes;
    any_of([
        verdict(!associations.is_empty()),
        equals(attributes, "internal", "true"),
        within(attributes, "load_balancer_type", &["network", "gateway"]),
    ])
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
