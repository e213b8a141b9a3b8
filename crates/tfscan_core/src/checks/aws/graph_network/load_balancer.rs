//! Load balancers and target groups seen with their listeners, WAF associations and Auto
//! Scaling attachments.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;

use super::{
    all_of, any_of, connected, elsewhere, equals, not_equals, present, within, LISTENER_TYPES,
    LOAD_BALANCER_TYPES,
};

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
