//! VPC network ACL checks: ingress from the whole internet to administrative ports, and
//! ingress rules that cover every port.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&PORT_21, &PORT_20, &PORT_3389, &PORT_22, &ALL_PORTS];

const NACL_TYPES: &[&str] = &["aws_network_acl", "aws_network_acl_rule"];

static PORT_21: Check = Check {
    id: "CKV_AWS_229",
    name: "Ensure no NACL allow ingress from 0.0.0.0:0 to port 21",
    kind: EntityKind::Resource,
    resource_types: NACL_TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No network ACL rule allows FTP control traffic (port 21) in from 0.0.0.0/0 or ::/0.",
        why: "FTP sends credentials in clear text and its servers are a frequent target of brute-force attacks.",
        fix: "Allow port 21 only from the address ranges that need it, or deny it before any broader allow.",
        fixed: r#"resource "aws_network_acl_rule" "ftp" {
  network_acl_id = aws_network_acl.main.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "10.0.0.0/16"
  from_port      = 21
  to_port        = 21
}"#,
    },
    passing: &[
        r#"
resource "aws_network_acl_rule" "ftp" {
  network_acl_id = "acl-0a1b2c3d"
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "10.0.0.0/16"
  from_port      = 21
  to_port        = 21
}"#,
        r#"
resource "aws_network_acl" "main" {
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 21
    to_port    = 21
  }
  ingress {
    rule_no    = 200
    protocol   = "-1"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 0
    to_port    = 0
  }
}"#,
    ],
    failing: &[r#"
resource "aws_network_acl_rule" "ftp" {
  network_acl_id = "acl-0a1b2c3d"
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 20
  to_port        = 21
}"#],
    evaluate: port_21,
};

fn port_21(resource: &Resource<'_>) -> Verdict {
    unrestricted_ingress(resource, 21)
}

static PORT_20: Check = Check {
    id: "CKV_AWS_230",
    name: "Ensure no NACL allow ingress from 0.0.0.0:0 to port 20",
    kind: EntityKind::Resource,
    resource_types: NACL_TYPES,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No network ACL rule allows FTP data traffic (port 20) in from 0.0.0.0/0 or ::/0.",
        why: "FTP transfers files and credentials in clear text, and an open data port widens what an attacker can reach.",
        fix: "Allow port 20 only from the address ranges that need it, or deny it before any broader allow.",
        fixed: r#"resource "aws_network_acl_rule" "ftp_data" {
  network_acl_id = aws_network_acl.main.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "10.0.0.0/16"
  from_port      = 20
  to_port        = 20
}"#,
    },
    passing: &[r#"
resource "aws_network_acl" "main" {
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 443
    to_port    = 443
  }
}"#],
    failing: &[r#"
resource "aws_network_acl" "main" {
  ingress {
    rule_no         = 100
    protocol        = "tcp"
    action          = "allow"
    ipv6_cidr_block = "::/0"
    from_port       = 1
    to_port         = 1024
  }
}"#],
    evaluate: port_20,
};

fn port_20(resource: &Resource<'_>) -> Verdict {
    unrestricted_ingress(resource, 20)
}

static PORT_3389: Check = Check {
    id: "CKV_AWS_231",
    name: "Ensure no NACL allow ingress from 0.0.0.0:0 to port 3389",
    kind: EntityKind::Resource,
    resource_types: NACL_TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "No network ACL rule allows remote desktop (port 3389) in from 0.0.0.0/0 or ::/0.",
        why: "Internet-facing RDP is one of the most attacked services, by password guessing and remote exploits.",
        fix: "Allow port 3389 only from your administration ranges, or reach hosts through a bastion or Session Manager.",
        fixed: r#"resource "aws_network_acl_rule" "rdp" {
  network_acl_id = aws_network_acl.main.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "198.51.100.0/24"
  from_port      = 3389
  to_port        = 3389
}"#,
    },
    passing: &[r#"
resource "aws_network_acl_rule" "outbound" {
  network_acl_id = "acl-0a1b2c3d"
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}"#],
    failing: &[r#"
resource "aws_network_acl_rule" "everything" {
  network_acl_id = "acl-0a1b2c3d"
  egress         = false
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}"#],
    evaluate: port_3389,
};

fn port_3389(resource: &Resource<'_>) -> Verdict {
    unrestricted_ingress(resource, 3389)
}

static PORT_22: Check = Check {
    id: "CKV_AWS_232",
    name: "Ensure no NACL allow ingress from 0.0.0.0:0 to port 22",
    kind: EntityKind::Resource,
    resource_types: NACL_TYPES,
    severity: Severity::High,
    explanation: Explanation {
        what: "No network ACL rule allows SSH (port 22) in from 0.0.0.0/0 or ::/0.",
        why: "SSH open to the internet draws constant password guessing and exploits against the daemon.",
        fix: "Allow port 22 only from your administration ranges, or reach hosts through a bastion or Session Manager.",
        fixed: r#"resource "aws_network_acl_rule" "ssh" {
  network_acl_id = aws_network_acl.main.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "198.51.100.0/24"
  from_port      = 22
  to_port        = 22
}"#,
    },
    passing: &[r#"
resource "aws_network_acl_rule" "ssh" {
  network_acl_id = "acl-0a1b2c3d"
  protocol       = "tcp"
  rule_action    = "deny"
  cidr_block     = "0.0.0.0/0"
  from_port      = 22
  to_port        = 22
}"#],
    failing: &[r#"
resource "aws_network_acl" "main" {
  ingress {
    rule_no    = 200
    protocol   = "tcp"
    action     = "deny"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
  ingress {
    rule_no    = 100
    protocol   = "tcp"
    action     = "allow"
    cidr_block = "0.0.0.0/0"
    from_port  = 22
    to_port    = 22
  }
}"#],
    evaluate: port_22,
};

fn port_22(resource: &Resource<'_>) -> Verdict {
    unrestricted_ingress(resource, 22)
}

/// Checkov's rule. An `aws_network_acl` reads its inline `ingress` blocks in `rule_no` order:
/// the first one that allows the port from everywhere fails the ACL, the first one that
/// denies it from everywhere passes it. An `aws_network_acl_rule` that is not an egress rule
/// fails when it allows the port from everywhere. An ACL without inline ingress rules gets no
/// verdict.
fn unrestricted_ingress(resource: &Resource<'_>, port: i64) -> Verdict {
    match resource.get("ingress") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(rules)) if !rules.is_empty() => return ordered_rules(rules, port),
        _ => {}
    }
    if !resource.get("network_acl_id").is_some_and(truthy) {
        return Verdict::NotApplicable;
    }
    match resource.get("egress") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(egress) if truthy(egress) && egress.as_bool() != Some(false) => {
            return Verdict::Passed;
        }
        _ => {}
    }
    rule_verdict(resource.attributes, port, "allow")
        .map_or(Verdict::Unknown, |opens| rules::verdict(!opens))
}

fn ordered_rules(rules: &[Value], port: i64) -> Verdict {
    let mut ordered: alloc::vec::Vec<&Value> = rules.iter().collect();
    ordered.sort_by(|left, right| {
        let number = |rule: &Value| rule.get("rule_no").and_then(Value::as_number);
        number(left)
            .partial_cmp(&number(right))
            .unwrap_or(core::cmp::Ordering::Equal)
    });
    for rule in ordered {
        if rule.as_object().is_none() {
            return if rule.is_unknown() {
                Verdict::Unknown
            } else {
                Verdict::NotApplicable
            };
        }
        match rule_verdict(rule, port, "allow") {
            None => return Verdict::Unknown,
            Some(true) => return Verdict::Failed,
            Some(false) => {}
        }
        if rule_verdict(rule, port, "deny") == Some(true) {
            return Verdict::Passed;
        }
    }
    Verdict::Passed
}

/// Whether the rule takes `action` (`allow` or `deny`) on the port for traffic from
/// 0.0.0.0/0 or ::/0: with protocol -1, or with a port range that holds it. Checkov reads the
/// range only when both ends are non-zero numbers. `None` when an unknown value decides it.
fn rule_verdict(rule: &Value, port: i64, action: &str) -> Option<bool> {
    let from_world = rule.get("cidr_block").and_then(Value::as_str) == Some("0.0.0.0/0")
        || rule.get("ipv6_cidr_block").and_then(Value::as_str) == Some("::/0");
    let takes_action = ["action", "rule_action"]
        .iter()
        .any(|key| rule.get(key).and_then(Value::as_str) == Some(action));
    let deciding = ["cidr_block", "ipv6_cidr_block", "action", "rule_action"];
    if !(from_world && takes_action) {
        let unknown = deciding
            .iter()
            .any(|key| rule.get(key).is_some_and(Value::is_unknown));
        return if unknown { None } else { Some(false) };
    }
    match rule.get("protocol") {
        Some(Value::Unknown) => return None,
        Some(protocol) if protocol.to_terraform_string().as_deref() == Some("-1") => {
            return Some(true);
        }
        _ => {}
    }
    let bound = |key: &str| match rule.get(key) {
        Some(Value::Unknown) => Err(()),
        Some(value) => Ok(value
            .as_number()
            .map(libm::trunc)
            .filter(|number| *number != 0.0)),
        None => Ok(None),
    };
    let (Ok(from), Ok(to)) = (bound("from_port"), bound("to_port")) else {
        return None;
    };
    #[allow(clippy::cast_precision_loss)] // ports are small
    let port = port as f64;
    Some(matches!((from, to), (Some(from), Some(to)) if from <= port && port <= to))
}

static ALL_PORTS: Check = Check {
    id: "CKV_AWS_352",
    name: "Ensure NACL ingress does not allow all Ports",
    kind: EntityKind::Resource,
    resource_types: &["aws_network_acl_rule"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An ingress network ACL rule names a starting port other than 0.",
        why: "A rule without a port range applies to every port, so it lets far more traffic in than intended.",
        fix: "Give the rule `from_port` and `to_port` that cover only the ports it is for.",
        fixed: r#"resource "aws_network_acl_rule" "https" {
  network_acl_id = aws_network_acl.main.id
  rule_number    = 100
  egress         = false
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}"#,
    },
    passing: &[r#"
resource "aws_network_acl_rule" "https" {
  network_acl_id = "acl-0a1b2c3d"
  protocol       = "tcp"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
  from_port      = 443
  to_port        = 443
}

resource "aws_network_acl_rule" "outbound_has_no_verdict" {
  network_acl_id = "acl-0a1b2c3d"
  egress         = true
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "0.0.0.0/0"
}"#],
    failing: &[r#"
resource "aws_network_acl_rule" "everything" {
  network_acl_id = "acl-0a1b2c3d"
  protocol       = "-1"
  rule_action    = "allow"
  cidr_block     = "10.0.0.0/8"
  from_port      = 0
  to_port        = 0
}"#],
    evaluate: all_ports,
};

fn all_ports(resource: &Resource<'_>) -> Verdict {
    match resource.get("egress") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(egress) if truthy(egress) && egress.as_bool() != Some(false) => {
            return Verdict::NotApplicable;
        }
        _ => {}
    }
    match resource.get("from_port") {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(port) => rules::verdict(truthy(port) && port.as_number() != Some(0.0)),
        None => Verdict::Failed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;

    #[test]
    fn a_rule_opens_a_port_only_from_everywhere_and_with_a_non_zero_range() {
        let rule = |cidr: &str, from: f64, to: f64| {
            object([
                ("cidr_block", Value::from(cidr)),
                ("action", Value::from("allow")),
                ("protocol", Value::from("tcp")),
                ("from_port", Value::Number(from)),
                ("to_port", Value::Number(to)),
            ])
        };
        assert_eq!(
            rule_verdict(&rule("0.0.0.0/0", 20.0, 22.0), 22, "allow"),
            Some(true)
        );
        assert_eq!(
            rule_verdict(&rule("0.0.0.0/0", 23.0, 80.0), 22, "allow"),
            Some(false)
        );
        assert_eq!(
            rule_verdict(&rule("10.0.0.0/8", 0.0, 65535.0), 22, "allow"),
            Some(false)
        );
        // Checkov skips a range that starts at 0.
        assert_eq!(
            rule_verdict(&rule("0.0.0.0/0", 0.0, 65535.0), 22, "allow"),
            Some(false)
        );
        assert_eq!(
            rule_verdict(&rule("0.0.0.0/0", 20.0, 22.0), 22, "deny"),
            Some(false)
        );
    }
}
