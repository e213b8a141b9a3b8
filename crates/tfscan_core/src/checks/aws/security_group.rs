//! AWS security group checks: a description on every group and rule, and no rule that opens a
//! port (or all traffic) to the whole internet.
//!
//! A rule reaches these checks in one of three shapes: an `ingress` / `egress` block inside an
//! `aws_security_group`, an `aws_security_group_rule` whose `type` says its direction, or an
//! `aws_vpc_security_group_ingress_rule` / `aws_vpc_security_group_egress_rule`. The port
//! checks share [`open_to_world`], which reads all three the way Checkov 3.3.30 does, quirks
//! included; each quirk is said where the code follows it.

use core::slice;

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &DESCRIPTION,
    &INGRESS_SSH,
    &INGRESS_RDP,
    &INGRESS_HTTP,
    &INGRESS_ALL_TRAFFIC,
    &EGRESS_ALL_TRAFFIC,
];

static DESCRIPTION: Check = Check {
    id: "CKV_AWS_23",
    name: "Ensure every security group and rule has a description",
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_db_security_group",
        "aws_elasticache_security_group",
        "aws_redshift_security_group",
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_egress_rule",
        "aws_vpc_security_group_ingress_rule",
    ],
    severity: Severity::Low,
    explanation: Explanation {
        what: "Every security group, each of its inline ingress and egress rules, and every separate rule resource sets a description.",
        why: "A firewall rule nobody can explain is a rule nobody dares to remove, so open ports outlive the reason they were opened.",
        fix: "Set `description` on the group and on each rule, saying who needs the access and why.",
        fixed: r#"resource "aws_security_group" "web" {
  name        = "web"
  description = "Public web tier"

  ingress {
    description = "HTTPS from the internet"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_security_group" "web" {
  name        = "web"
  description = "Public web tier"

  ingress {
    description = "HTTPS from the internet"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }

  egress {
    description = "Calls to the payment API"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["203.0.113.0/24"]
  }
}

resource "aws_security_group_rule" "admin" {
  type              = "ingress"
  description       = "SSH from the bastion subnet"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["10.0.8.0/24"]
}

resource "aws_vpc_security_group_ingress_rule" "postgres" {
  description       = "Postgres from the application subnet"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 5432
  to_port           = 5432
  ip_protocol       = "tcp"
  cidr_ipv4         = "10.0.16.0/20"
}

resource "aws_vpc_security_group_egress_rule" "https" {
  description       = "HTTPS to the internet for package updates"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_elasticache_security_group" "cache" {
  name                 = "cache"
  description          = "Cache clients"
  security_group_names = ["app"]
}"#,
    ],
    failing: &[
        r#"
resource "aws_security_group" "web" {
  name        = "web"
  description = "Public web tier"

  ingress {
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#,
        r#"
resource "aws_security_group" "bare" {
  name = "bare"
}"#,
        r#"
resource "aws_security_group_rule" "admin" {
  type              = "ingress"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = ["10.0.8.0/24"]
}"#,
        r#"
resource "aws_vpc_security_group_egress_rule" "all" {
  security_group_id = "sg-0123456789abcdef0"
  ip_protocol       = "-1"
  cidr_ipv4         = "10.0.0.0/8"
}"#,
        r#"
resource "aws_db_security_group" "legacy" {
  name        = "legacy"
  description = "Classic RDS access"

  ingress {
    cidr = "10.0.0.0/24"
  }
}"#,
    ],
    evaluate: described,
};

static INGRESS_SSH: Check = Check {
    id: "CKV_AWS_24",
    name: "Ensure no security groups allow ingress from 0.0.0.0:0 to port 22",
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
    ],
    severity: Severity::High,
    explanation: Explanation {
        what: "No ingress rule lets the whole internet (0.0.0.0/0 or ::/0) reach port 22.",
        why: "SSH open to everyone invites password guessing and exploitation of any SSH flaw from every address on earth.",
        fix: "Allow port 22 only from the addresses that administer the hosts, or reach them through Session Manager instead.",
        fixed: r#"resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "Bastion host"

  ingress {
    description = "SSH from the office"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.0/24"]
  }
}"#,
    },
    passing: &[r#"
resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "Bastion host"

  ingress {
    description = "SSH from the office"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["198.51.100.0/24"]
  }

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "ssh_from_app" {
  type                     = "ingress"
  description              = "SSH from the application tier"
  security_group_id        = "sg-0123456789abcdef0"
  from_port                = 22
  to_port                  = 22
  protocol                 = "tcp"
  source_security_group_id = "sg-0fedcba9876543210"
}

resource "aws_vpc_security_group_ingress_rule" "ssh_from_vpn" {
  description       = "SSH from the VPN range"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
  cidr_ipv4         = "10.8.0.0/16"
}"#],
    failing: &[
        r#"
resource "aws_security_group" "bastion" {
  name        = "bastion"
  description = "Bastion host"

  ingress {
    description = "SSH from anywhere"
    from_port   = 22
    to_port     = 22
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#,
        r#"
resource "aws_security_group_rule" "wide_range" {
  type              = "ingress"
  description       = "Every low port over IPv6"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 0
  to_port           = 1024
  protocol          = "tcp"
  ipv6_cidr_blocks  = ["::/0"]
}"#,
        r#"
resource "aws_vpc_security_group_ingress_rule" "ssh" {
  description       = "SSH from anywhere"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 22
  to_port           = 22
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}"#,
    ],
    evaluate: ingress_ssh,
};

static INGRESS_RDP: Check = Check {
    id: "CKV_AWS_25",
    name: "Ensure no security groups allow ingress from 0.0.0.0:0 to port 3389",
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
    ],
    severity: Severity::High,
    explanation: Explanation {
        what: "No ingress rule lets the whole internet (0.0.0.0/0 or ::/0) reach port 3389.",
        why: "Remote Desktop open to everyone is one of the most scanned and most exploited entry points into Windows hosts.",
        fix: "Allow port 3389 only from the administrators' addresses, or reach the hosts through a VPN or Fleet Manager.",
        fixed: r#"resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  description       = "RDP from the office"
  security_group_id = aws_security_group.windows.id
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["198.51.100.0/24"]
}"#,
    },
    passing: &[r#"
resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  description       = "RDP from the office"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["198.51.100.0/24"]
}

resource "aws_security_group" "windows" {
  name        = "windows"
  description = "Windows hosts"

  ingress {
    description = "Web traffic from anywhere"
    from_port   = 80
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#],
    failing: &[
        r#"
resource "aws_security_group_rule" "rdp" {
  type              = "ingress"
  description       = "RDP from anywhere"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 3389
  to_port           = 3389
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}"#,
        r#"
resource "aws_security_group" "windows" {
  name        = "windows"
  description = "Windows hosts"

  ingress {
    description = "Every port, written as 0 to 0"
    from_port   = 0
    to_port     = 0
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#,
    ],
    evaluate: ingress_rdp,
};

static INGRESS_HTTP: Check = Check {
    id: "CKV_AWS_260",
    name: "Ensure no security groups allow ingress from 0.0.0.0:0 to port 80",
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
    ],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No ingress rule lets the whole internet (0.0.0.0/0 or ::/0) reach port 80.",
        why: "Plain HTTP carries requests and credentials unencrypted, and a public port 80 usually means a service answers without TLS.",
        fix: "Serve the public on 443 behind TLS, and keep port 80 closed or limited to known addresses.",
        fixed: r#"resource "aws_vpc_security_group_ingress_rule" "https" {
  description       = "HTTPS from anywhere"
  security_group_id = aws_security_group.web.id
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}"#,
    },
    passing: &[r#"
resource "aws_vpc_security_group_ingress_rule" "https" {
  description       = "HTTPS from anywhere"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 443
  to_port           = 443
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}

resource "aws_security_group" "internal" {
  name        = "internal"
  description = "Internal web tier"

  ingress {
    description     = "HTTP from the load balancer"
    from_port       = 80
    to_port         = 80
    protocol        = "tcp"
    security_groups = ["sg-0fedcba9876543210"]
  }
}

# The VPC's own range (known at plan) is never the whole internet.
data "aws_vpc" "default" {
  default = true
}

resource "aws_security_group_rule" "http_in_vpc" {
  description       = "HTTP from the VPC"
  security_group_id = "sg-0123456789abcdef0"
  type              = "ingress"
  from_port         = 80
  to_port           = 80
  protocol          = "tcp"
  cidr_blocks       = [data.aws_vpc.default.cidr_block]
}"#],
    failing: &[
        r#"
resource "aws_vpc_security_group_ingress_rule" "http" {
  description       = "HTTP from anywhere"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 80
  to_port           = 80
  ip_protocol       = "tcp"
  cidr_ipv4         = "0.0.0.0/0"
}"#,
        r#"
resource "aws_security_group" "web" {
  name        = "web"
  description = "Web tier"

  ingress {
    description      = "HTTP and HTTPS over IPv6"
    from_port        = 80
    to_port          = 443
    protocol         = "tcp"
    ipv6_cidr_blocks = ["::/0"]
  }
}"#,
    ],
    evaluate: ingress_http,
};

static INGRESS_ALL_TRAFFIC: Check = Check {
    id: "CKV_AWS_277",
    name: "Ensure no security groups allow ingress from 0.0.0.0:0 to port -1",
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_ingress_rule",
    ],
    severity: Severity::Critical,
    explanation: Explanation {
        what: "No ingress rule lets the whole internet reach every port and protocol (protocol \"-1\" over all ports, or ports -1 to -1).",
        why: "A group open to all traffic from anywhere exposes every service on its hosts, including ones never meant to be reachable.",
        fix: "Replace the all-traffic rule with rules for the specific ports the service needs, from the sources that need them.",
        fixed: r#"resource "aws_security_group" "app" {
  name        = "app"
  description = "Application hosts"

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#,
    },
    passing: &[r#"
resource "aws_security_group" "app" {
  name        = "app"
  description = "Application hosts"

  ingress {
    description = "All traffic from the VPC"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["10.0.0.0/16"]
  }

  ingress {
    description = "HTTPS from anywhere"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "cluster" {
  type              = "ingress"
  description       = "All traffic between members of the group"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  self              = true
}"#],
    failing: &[
        r#"
resource "aws_security_group" "app" {
  name        = "app"
  description = "Application hosts"

  ingress {
    description = "Everything from everywhere"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#,
        r#"
resource "aws_security_group_rule" "everything" {
  type              = "ingress"
  description       = "Everything from everywhere, written with -1 ports"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = -1
  to_port           = -1
  protocol          = "-1"
  cidr_blocks       = ["0.0.0.0/0"]
}"#,
    ],
    evaluate: ingress_all_traffic,
};

static EGRESS_ALL_TRAFFIC: Check = Check {
    id: "CKV_AWS_382",
    name: "Ensure no security groups allow egress from 0.0.0.0:0 to port -1",
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_security_group",
        "aws_security_group_rule",
        "aws_vpc_security_group_egress_rule",
    ],
    severity: Severity::Low,
    explanation: Explanation {
        what: "No egress rule lets the hosts send every protocol to every port of the whole internet.",
        why: "Unrestricted egress lets compromised code download tools and send data anywhere, and hides that traffic among legitimate calls.",
        fix: "Allow only the destinations and ports the workload calls, such as HTTPS to the internet or the VPC's own range.",
        fixed: r#"resource "aws_security_group" "app" {
  name        = "app"
  description = "Application hosts"

  egress {
    description = "HTTPS to the internet"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#,
    },
    passing: &[r#"
resource "aws_security_group" "app" {
  name        = "app"
  description = "Application hosts"

  egress {
    description = "HTTPS to the internet"
    from_port   = 443
    to_port     = 443
    protocol    = "tcp"
    cidr_blocks = ["0.0.0.0/0"]
  }
}

resource "aws_security_group_rule" "to_vpc" {
  type              = "egress"
  description       = "Everything inside the VPC"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 0
  to_port           = 0
  protocol          = "-1"
  cidr_blocks       = ["10.0.0.0/16"]
}

resource "aws_vpc_security_group_egress_rule" "dns" {
  description       = "DNS to the resolver"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = 53
  to_port           = 53
  ip_protocol       = "udp"
  cidr_ipv4         = "10.0.0.2/32"
}"#],
    failing: &[
        r#"
resource "aws_security_group" "app" {
  name        = "app"
  description = "Application hosts"

  egress {
    description = "Everything to everywhere"
    from_port   = 0
    to_port     = 0
    protocol    = "-1"
    cidr_blocks = ["0.0.0.0/0"]
  }
}"#,
        r#"
resource "aws_vpc_security_group_egress_rule" "everything" {
  description       = "Everything to everywhere"
  security_group_id = "sg-0123456789abcdef0"
  from_port         = -1
  to_port           = -1
  ip_protocol       = "-1"
  cidr_ipv4         = "0.0.0.0/0"
}"#,
    ],
    evaluate: egress_all_traffic,
};

fn ingress_ssh(resource: &Resource<'_>) -> Verdict {
    open_to_world(resource, Direction::Ingress, 22)
}

fn ingress_rdp(resource: &Resource<'_>) -> Verdict {
    open_to_world(resource, Direction::Ingress, 3389)
}

fn ingress_http(resource: &Resource<'_>) -> Verdict {
    open_to_world(resource, Direction::Ingress, 80)
}

fn ingress_all_traffic(resource: &Resource<'_>) -> Verdict {
    open_to_world(resource, Direction::Ingress, ALL_TRAFFIC)
}

fn egress_all_traffic(resource: &Resource<'_>) -> Verdict {
    open_to_world(resource, Direction::Egress, ALL_TRAFFIC)
}

/// `CKV_AWS_23`. Checkov asks only whether a `description` key is there, so an empty string or
/// null counts as a description, on the group and on each rule alike.
fn described(resource: &Resource<'_>) -> Verdict {
    if resource.get("description").is_none() {
        return Verdict::Failed;
    }

    // Only `aws_security_group_rule` has a `type`; it has no inline rules to look into.
    if resource.get("type").is_some() {
        return Verdict::Passed;
    }

    let mut unknown = false;
    for direction in ["egress", "ingress"] {
        match resource.get(direction) {
            Some(Value::Unknown) => unknown = true,
            Some(Value::List(rules)) => {
                for rule in rules {
                    match rule {
                        Value::Unknown => unknown = true,
                        Value::Object(attributes) if !attributes.contains_key("description") => {
                            return Verdict::Failed;
                        }
                        _ => {}
                    }
                }
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

/// The port Checkov's all-traffic checks look for: a rule from -1 to -1, or protocol "-1"
/// over the whole port range.
const ALL_TRAFFIC: i64 = -1;

/// The highest port number; Checkov reads a rule from port 0 to port 0 as reaching up to it.
const HIGHEST_PORT: i64 = 65535;

/// The direction of traffic a check is about, named as Terraform names the blocks and the
/// `type` of an `aws_security_group_rule`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Direction {
    Ingress,
    Egress,
}

impl Direction {
    fn as_str(self) -> &'static str {
        match self {
            Direction::Ingress => "ingress",
            Direction::Egress => "egress",
        }
    }
}

/// A value a decision needed was unknown, so the decision cannot be made.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct ValueUnknown;

/// What one rule means for a port check.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RuleFinding {
    /// The rule only admits the group itself (`self = true`).
    OnlyItself,
    /// The rule opens the port to the whole internet.
    OpenToWorld,
    /// The rule does not open the port to the whole internet.
    Closed,
    /// Something the decision needs is unknown.
    Unknown,
}

/// Whether the resource opens `port` (or, for [`ALL_TRAFFIC`], everything) to the whole
/// internet in `direction`, with Checkov's answer for each of the three shapes of rule.
fn open_to_world(resource: &Resource<'_>, direction: Direction, port: i64) -> Verdict {
    // A group with inline rules of this direction: the first rule that decides, decides. As in
    // Checkov, a `self` rule ends the search with a pass even when a later rule is open.
    if let Some(rules) = resource.get(direction.as_str()) {
        return match first_decisive_rule(rules, port) {
            RuleFinding::OpenToWorld => Verdict::Failed,
            RuleFinding::Unknown => Verdict::Unknown,
            RuleFinding::OnlyItself | RuleFinding::Closed => Verdict::Passed,
        };
    }

    // An `aws_security_group_rule`: Checkov gives no verdict on the other direction's rules.
    if let Some(rule_type) = resource.get("type") {
        return match rule_type {
            Value::Unknown => Verdict::Unknown,
            Value::String(text) if text == direction.as_str() => {
                match rule_finding(resource.attributes, port) {
                    RuleFinding::OpenToWorld => Verdict::Failed,
                    RuleFinding::Unknown => Verdict::Unknown,
                    RuleFinding::OnlyItself | RuleFinding::Closed => Verdict::Passed,
                }
            }
            _ => Verdict::NotApplicable,
        };
    }

    // An `aws_vpc_security_group_*_rule`, or a group without rules of this direction. Checkov
    // only looks at a rule resource that sets a port: an all-traffic rule (`ip_protocol =
    // "-1"`, no ports) passes, and these resources' `ip_protocol` and
    // `referenced_security_group_id` are never read.
    if resource.get("from_port").is_none() && resource.get("to_port").is_none() {
        return Verdict::Passed;
    }
    match opens_to_world(resource.attributes, port) {
        Ok(true) => Verdict::Failed,
        Ok(false) => Verdict::Passed,
        Err(ValueUnknown) => Verdict::Unknown,
    }
}

/// The finding of the first rule in a group's `ingress` or `egress` list that is not
/// [`RuleFinding::Closed`], or `Closed` when there is none.
fn first_decisive_rule(rules: &Value, port: i64) -> RuleFinding {
    let rules = match rules {
        Value::Unknown => return RuleFinding::Unknown,
        Value::List(rules) => rules,
        _ => return RuleFinding::Closed,
    };

    // Checkov also accepts a list nested one level deeper, as an `ingress = [...]` attribute
    // can produce.
    let flattened = rules.iter().flat_map(|rule| match rule {
        Value::List(inner) => inner.as_slice(),
        single => slice::from_ref(single),
    });
    for rule in flattened {
        let finding = match rule {
            Value::Object(_) => rule_finding(rule, port),
            Value::Unknown => RuleFinding::Unknown,
            _ => RuleFinding::Closed,
        };
        if finding != RuleFinding::Closed {
            return finding;
        }
    }
    RuleFinding::Closed
}

/// What one rule (an inline block or an `aws_security_group_rule`) means for `port`.
fn rule_finding(rule: &Value, port: i64) -> RuleFinding {
    match admits_only_itself(rule) {
        Err(ValueUnknown) => RuleFinding::Unknown,
        Ok(true) => RuleFinding::OnlyItself,
        Ok(false) => match opens_to_world(rule, port) {
            Ok(true) => RuleFinding::OpenToWorld,
            Ok(false) => RuleFinding::Closed,
            Err(ValueUnknown) => RuleFinding::Unknown,
        },
    }
}

/// Whether the rule sets `self` to a true value.
fn admits_only_itself(rule: &Value) -> Result<bool, ValueUnknown> {
    match rule.get("self") {
        None | Some(Value::Null) => Ok(false),
        Some(Value::Unknown) => Err(ValueUnknown),
        Some(value) => Ok(truthy(value)),
    }
}

/// Python's truthiness, which Checkov applies to `self`: strings "true"/"false" by their
/// meaning, other strings when not empty, numbers when not zero, a list by its first item.
fn truthy(value: &Value) -> bool {
    match value {
        Value::Bool(flag) => *flag,
        Value::String(text) => value.as_bool().unwrap_or(!text.is_empty()),
        Value::Number(number) => *number != 0.0,
        Value::List(items) => items.first().is_some_and(truthy),
        Value::Object(map) => !map.is_empty(),
        Value::Null | Value::Unknown => false,
    }
}

/// Checkov's test for one rule: does it reach `port` (or everything) from the whole internet?
///
/// The rule's port range is `from_port..=to_port`, where 0 to 0 means every port; a port that
/// is missing or not a whole number means the range matches nothing. For [`ALL_TRAFFIC`] the
/// range matches when it is -1 to -1, or when `protocol` is the string "-1" over every port
/// ("all" and the number -1 do not count). The rule is open when the range matches and:
/// - `cidr_blocks` (or, without it, `cidr_ipv4`) lists 0.0.0.0/0, or
/// - `ipv6_cidr_blocks` lists `::/0` (`cidr_ipv6` never counts: Checkov compares it character by
///   character), or
/// - it names no source at all: no IPv4 entries, no IPv6 attribute, no `security_groups` and no
///   `source_security_group_id` (so a VPC rule that names only a referenced group or a prefix
///   list counts as open).
///
/// A rule with a non-empty `prefix_list_ids` is never open.
fn opens_to_world(rule: &Value, port: i64) -> Result<bool, ValueUnknown> {
    let prefix_lists_unknown = match rule.get("prefix_list_ids") {
        None => false,
        Some(Value::List(ids)) if ids.is_empty() => false,
        Some(Value::Unknown) => true,
        Some(_) => return Ok(false),
    };

    // A rule that does not reach the port is closed to it, whatever its sources.
    if !port_range_matches(rule, port)? {
        return Ok(false);
    }
    if prefix_lists_unknown {
        return Err(ValueUnknown);
    }

    let ipv4_value = match rule.get("cidr_blocks") {
        Some(value) => Some(value),
        None => rule.get("cidr_ipv4"),
    };
    let ipv4 = entries(ipv4_value);
    let ipv4_world = match ipv4 {
        Some(entries) => lists_any(entries, &["0.0.0.0/0"]),
        None => None,
    };
    if ipv4_world == Some(true) {
        return Ok(true);
    }

    let ipv6_world = match rule.get("ipv6_cidr_blocks") {
        Some(Value::List(entries)) => lists_any(entries, &["::/0", IPV6_WORLD_LONG]),
        Some(Value::Unknown) => None,
        _ => Some(false),
    };
    if ipv6_world == Some(true) {
        return Ok(true);
    }

    let names_ipv6 = rule.get("ipv6_cidr_blocks").is_some() || rule.get("cidr_ipv6").is_some();
    let names_group =
        rule.get("security_groups").is_some() || rule.get("source_security_group_id").is_some();
    if !names_ipv6 && !names_group {
        match ipv4 {
            Some([]) => return Ok(true),
            Some(_) => {}
            None => return Err(ValueUnknown),
        }
    }

    if ipv4_world.is_none() || ipv6_world.is_none() {
        return Err(ValueUnknown);
    }
    Ok(false)
}

/// `::/0` written out in full, which Checkov also recognises.
const IPV6_WORLD_LONG: &str = "0000:0000:0000:0000:0000:0000:0000:0000/0";

/// Whether the rule's ports (and, for [`ALL_TRAFFIC`], its protocol) reach `port`.
fn port_range_matches(rule: &Value, port: i64) -> Result<bool, ValueUnknown> {
    let from = port_number(rule.get("from_port"))?;
    let mut to = port_number(rule.get("to_port"))?;
    if from == Some(0) && to == Some(0) {
        to = Some(HIGHEST_PORT);
    }

    if let (Some(from), Some(to)) = (from, to) {
        if from <= port && port <= to {
            return Ok(true);
        }
    }

    // Checkov's second way in: protocol "-1" across the whole range. It only changes the
    // answer for the all-traffic checks, as every other port lies inside that range.
    if from == Some(0) && to == Some(HIGHEST_PORT) {
        return match rule.get("protocol") {
            Some(Value::Unknown) => Err(ValueUnknown),
            Some(Value::String(protocol)) => Ok(protocol == "-1"),
            _ => Ok(false),
        };
    }
    Ok(false)
}

/// A port attribute as Checkov's `int()` reads it: a whole number, a number cut to its whole
/// part, or a string of digits; `None` for anything else, including a missing attribute.
fn port_number(value: Option<&Value>) -> Result<Option<i64>, ValueUnknown> {
    match value {
        Some(Value::Unknown) => Err(ValueUnknown),
        Some(Value::Number(number)) if number.is_finite() => Ok(Some(*number as i64)),
        Some(Value::String(text)) => Ok(text.trim().parse().ok()),
        Some(Value::Bool(flag)) => Ok(Some(i64::from(*flag))),
        _ => Ok(None),
    }
}

/// The entries of a CIDR attribute as Checkov lists them: none when absent, a single value
/// as one entry, `None` when the whole value is unknown.
fn entries(value: Option<&Value>) -> Option<&[Value]> {
    match value {
        None => Some(&[]),
        Some(Value::Unknown) => None,
        Some(Value::List(items)) => Some(items),
        Some(single) => Some(slice::from_ref(single)),
    }
}

/// `Some(true)` when an entry is one of `wanted`, `None` when none is but an entry is
/// unknown, `Some(false)` otherwise.
fn lists_any(entries: &[Value], wanted: &[&str]) -> Option<bool> {
    let mut unknown = false;
    for entry in entries {
        match entry {
            Value::String(text) if wanted.contains(&text.as_str()) => return Some(true),
            // Text with unknown pieces may be one of them.
            Value::String(_) if entry.is_partial() => {
                unknown |= wanted.iter().any(|text| entry.may_equal(text).is_none());
            }
            Value::Unknown => unknown = true,
            _ => {}
        }
    }
    if unknown {
        None
    } else {
        Some(false)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn strings(items: &[&str]) -> Value {
        Value::List(items.iter().map(|item| Value::from(*item)).collect())
    }

    fn tcp(from: f64, to: f64, cidr: &[&str]) -> Value {
        object([
            ("from_port", Value::Number(from)),
            ("to_port", Value::Number(to)),
            ("protocol", "tcp".into()),
            ("cidr_blocks", strings(cidr)),
        ])
    }

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
    fn unknown_sources_do_not_matter_to_a_port_the_rule_does_not_reach() {
        let mut rule = tcp(9100.0, 9100.0, &[]);
        if let Value::Object(map) = &mut rule {
            map.insert("prefix_list_ids".into(), Value::Unknown);
        }
        assert_eq!(opens_to_world(&rule, 22), Ok(false));
        assert_eq!(opens_to_world(&rule, 9100), Err(ValueUnknown));
        // A CIDR with unknown pieces may be the world, unless its known pieces rule it out.
        let hole = crate::value::HOLE;
        let open = tcp(22.0, 22.0, &[&alloc::format!("{hole}/0")]);
        assert_eq!(opens_to_world(&open, 22), Err(ValueUnknown));
        let private = tcp(22.0, 22.0, &[&alloc::format!("10.{hole}.0.0/16")]);
        assert_eq!(opens_to_world(&private, 22), Ok(false));
    }

    #[test]
    fn a_range_matches_the_ports_inside_it() {
        let web = tcp(80.0, 443.0, &[]);
        assert_eq!(port_range_matches(&web, 80), Ok(true));
        assert_eq!(port_range_matches(&web, 443), Ok(true));
        assert_eq!(port_range_matches(&web, 22), Ok(false));
        assert_eq!(port_range_matches(&web, ALL_TRAFFIC), Ok(false));
    }

    #[test]
    fn zero_to_zero_is_every_port_but_not_all_traffic_unless_the_protocol_says_so() {
        let tcp_zero = tcp(0.0, 0.0, &[]);
        assert_eq!(port_range_matches(&tcp_zero, 22), Ok(true));
        assert_eq!(port_range_matches(&tcp_zero, 3389), Ok(true));
        assert_eq!(port_range_matches(&tcp_zero, ALL_TRAFFIC), Ok(false));

        let mut all = tcp(0.0, 0.0, &[]);
        if let Value::Object(map) = &mut all {
            map.insert("protocol".into(), "-1".into());
        }
        assert_eq!(port_range_matches(&all, ALL_TRAFFIC), Ok(true));

        let mut named_all = tcp(0.0, 65535.0, &[]);
        if let Value::Object(map) = &mut named_all {
            map.insert("protocol".into(), "all".into());
        }
        assert_eq!(port_range_matches(&named_all, 22), Ok(true));
        assert_eq!(port_range_matches(&named_all, ALL_TRAFFIC), Ok(false));
    }

    #[test]
    fn minus_one_ports_match_only_all_traffic() {
        let minus_one = object([
            ("from_port", Value::Number(-1.0)),
            ("to_port", Value::Number(-1.0)),
            ("protocol", "-1".into()),
        ]);
        assert_eq!(port_range_matches(&minus_one, ALL_TRAFFIC), Ok(true));
        assert_eq!(port_range_matches(&minus_one, 22), Ok(false));
    }

    #[test]
    fn ports_read_like_python_int() {
        assert_eq!(port_number(Some(&"22".into())), Ok(Some(22)));
        assert_eq!(port_number(Some(&" 8080 ".into())), Ok(Some(8080)));
        assert_eq!(port_number(Some(&"22.0".into())), Ok(None));
        assert_eq!(port_number(Some(&Value::Number(22.9))), Ok(Some(22)));
        assert_eq!(port_number(None), Ok(None));
        assert_eq!(port_number(Some(&Value::Null)), Ok(None));
        assert_eq!(port_number(Some(&Value::Unknown)), Err(ValueUnknown));
    }

    #[test]
    fn a_missing_port_matches_nothing() {
        let no_from = object([
            ("to_port", Value::Number(22.0)),
            ("cidr_blocks", strings(&["0.0.0.0/0"])),
        ]);
        assert_eq!(opens_to_world(&no_from, 22), Ok(false));
    }

    #[test]
    fn world_sources_open_a_matching_rule() {
        assert_eq!(
            opens_to_world(&tcp(22.0, 22.0, &["10.0.0.0/8", "0.0.0.0/0"]), 22),
            Ok(true)
        );
        assert_eq!(
            opens_to_world(&tcp(22.0, 22.0, &["10.0.0.0/8"]), 22),
            Ok(false)
        );

        let ipv6 = object([
            ("from_port", Value::Number(22.0)),
            ("to_port", Value::Number(22.0)),
            ("ipv6_cidr_blocks", strings(&[IPV6_WORLD_LONG])),
        ]);
        assert_eq!(opens_to_world(&ipv6, 22), Ok(true));

        let vpc_rule = object([
            ("from_port", Value::Number(22.0)),
            ("to_port", Value::Number(22.0)),
            ("cidr_ipv4", "0.0.0.0/0".into()),
        ]);
        assert_eq!(opens_to_world(&vpc_rule, 22), Ok(true));
    }

    #[test]
    fn cidr_ipv6_never_counts() {
        let vpc_rule = object([
            ("from_port", Value::Number(22.0)),
            ("to_port", Value::Number(22.0)),
            ("cidr_ipv6", "::/0".into()),
        ]);
        assert_eq!(opens_to_world(&vpc_rule, 22), Ok(false));
    }

    #[test]
    fn a_rule_without_any_source_is_open() {
        let bare = object([
            ("from_port", Value::Number(22.0)),
            ("to_port", Value::Number(22.0)),
        ]);
        assert_eq!(opens_to_world(&bare, 22), Ok(true));
        assert_eq!(opens_to_world(&tcp(22.0, 22.0, &[]), 22), Ok(true));

        let referenced = object([
            ("from_port", Value::Number(22.0)),
            ("to_port", Value::Number(22.0)),
            ("referenced_security_group_id", "sg-1".into()),
        ]);
        assert_eq!(opens_to_world(&referenced, 22), Ok(true));

        let grouped = object([
            ("from_port", Value::Number(22.0)),
            ("to_port", Value::Number(22.0)),
            ("security_groups", Value::List(vec![])),
        ]);
        assert_eq!(opens_to_world(&grouped, 22), Ok(false));
    }

    #[test]
    fn prefix_lists_close_a_rule() {
        let mut listed = tcp(22.0, 22.0, &["0.0.0.0/0"]);
        if let Value::Object(map) = &mut listed {
            map.insert("prefix_list_ids".into(), strings(&["pl-1"]));
        }
        assert_eq!(opens_to_world(&listed, 22), Ok(false));

        let mut empty = tcp(22.0, 22.0, &["0.0.0.0/0"]);
        if let Value::Object(map) = &mut empty {
            map.insert("prefix_list_ids".into(), Value::List(vec![]));
        }
        assert_eq!(opens_to_world(&empty, 22), Ok(true));
    }

    #[test]
    fn unknown_values_are_unknown_only_when_they_decide() {
        let unknown_cidr = object([
            ("from_port", Value::Number(22.0)),
            ("to_port", Value::Number(22.0)),
            ("cidr_blocks", Value::List(vec![Value::Unknown])),
        ]);
        assert_eq!(opens_to_world(&unknown_cidr, 22), Err(ValueUnknown));
        assert_eq!(opens_to_world(&unknown_cidr, 80), Ok(false));

        let known_world = object([
            ("from_port", Value::Number(22.0)),
            ("to_port", Value::Number(22.0)),
            (
                "cidr_blocks",
                Value::List(vec![Value::Unknown, "0.0.0.0/0".into()]),
            ),
        ]);
        assert_eq!(opens_to_world(&known_world, 22), Ok(true));

        let unknown_port = object([
            ("from_port", Value::Unknown),
            ("to_port", Value::Number(22.0)),
            ("cidr_blocks", strings(&["0.0.0.0/0"])),
        ]);
        assert_eq!(opens_to_world(&unknown_port, 22), Err(ValueUnknown));
    }

    #[test]
    fn a_self_rule_ends_the_search_with_a_pass() {
        let self_rule = object([
            ("from_port", Value::Number(0.0)),
            ("to_port", Value::Number(0.0)),
            ("protocol", "-1".into()),
            ("self", Value::Bool(true)),
        ]);
        let group = object([(
            "ingress",
            Value::List(vec![self_rule, tcp(22.0, 22.0, &["0.0.0.0/0"])]),
        )]);
        let resource = sample("aws_security_group", &group);
        assert_eq!(
            open_to_world(&resource, Direction::Ingress, 22),
            Verdict::Passed
        );

        let reversed = object([(
            "ingress",
            Value::List(vec![tcp(22.0, 22.0, &["0.0.0.0/0"]), Value::Unknown]),
        )]);
        let resource = sample("aws_security_group", &reversed);
        assert_eq!(
            open_to_world(&resource, Direction::Ingress, 22),
            Verdict::Failed
        );
    }

    #[test]
    fn a_rule_resource_of_the_other_direction_gets_no_verdict() {
        let egress = object([
            ("type", Value::from("egress")),
            ("from_port", Value::Number(0.0)),
            ("to_port", Value::Number(0.0)),
            ("protocol", "-1".into()),
            ("cidr_blocks", strings(&["0.0.0.0/0"])),
        ]);
        let resource = sample("aws_security_group_rule", &egress);
        assert_eq!(
            open_to_world(&resource, Direction::Ingress, 22),
            Verdict::NotApplicable
        );
        assert_eq!(
            open_to_world(&resource, Direction::Egress, ALL_TRAFFIC),
            Verdict::Failed
        );
    }

    #[test]
    fn a_vpc_rule_without_ports_passes() {
        let all = object([
            ("ip_protocol", Value::from("-1")),
            ("cidr_ipv4", "0.0.0.0/0".into()),
        ]);
        let resource = sample("aws_vpc_security_group_egress_rule", &all);
        assert_eq!(
            open_to_world(&resource, Direction::Egress, ALL_TRAFFIC),
            Verdict::Passed
        );
    }

    #[test]
    fn descriptions_are_required_on_groups_and_inline_rules() {
        let group = object([
            ("description", Value::from("")),
            (
                "ingress",
                Value::List(vec![object([("description", Value::Null)])]),
            ),
        ]);
        assert_eq!(
            described(&sample("aws_security_group", &group)),
            Verdict::Passed
        );

        let bare_rule = object([
            ("description", Value::from("web")),
            (
                "egress",
                Value::List(vec![object([("from_port", Value::Number(0.0))])]),
            ),
        ]);
        assert_eq!(
            described(&sample("aws_security_group", &bare_rule)),
            Verdict::Failed
        );

        let unknown_rules = object([
            ("description", Value::from("web")),
            ("ingress", Value::Unknown),
        ]);
        assert_eq!(
            described(&sample("aws_security_group", &unknown_rules)),
            Verdict::Unknown
        );

        let rule = object([("type", Value::from("ingress"))]);
        assert_eq!(
            described(&sample("aws_security_group_rule", &rule)),
            Verdict::Failed
        );
    }
}
