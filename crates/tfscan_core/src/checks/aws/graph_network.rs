//! AWS checks that look at connected resources (Checkov's graph checks, and resource checks
//! Checkov satisfies through separate resources): network.
//!
//! The checks live in four files by subject (listeners, load balancers, VPCs and security
//! groups, WAF);
//! what several of them share is here: reading an attribute the way Checkov's graph conditions
//! compare it and combining conditions whose values may be unknown.
//!
//! A connection is what the resource graph sees: one block referring to another within the
//! same module instance, directly or through a `local`. A block that receives the other's ID
//! through a module's variable or output is not connected (Checkov follows some of those), and
//! a block with `count = 0` has no instance to connect to (Checkov connects it all the same).

mod listener;
mod load_balancer;
mod routes;
mod vpc;
mod waf;

use crate::check::{Check, Verdict};
use crate::value::Value;

// The connections and the three-valued combinations are the ones every graph check shares.
use super::graph_conditions::{all_of, any_of, connected, negate};

/// A load balancer listener, under either of its names.
const LISTENER_TYPES: &[&str] = &["aws_lb_listener", "aws_alb_listener"];
/// An Elastic Load Balancing v2 load balancer, under either of its names.
const LOAD_BALANCER_TYPES: &[&str] = &["aws_lb", "aws_alb"];

/// This group's checks.
pub static CHECKS: &[&Check] = &[
    &listener::LISTENER_TLS_1_2,
    &load_balancer::TARGET_GROUP_NOT_HTTP,
    &vpc::NETWORK_ACL_ATTACHED,
    &vpc::SECURITY_GROUP_ATTACHED,
    &vpc::EMR_SECURITY_GROUP_NOT_OPEN,
    &vpc::VPC_FLOW_LOG,
    &vpc::DEFAULT_SECURITY_GROUP_RESTRICTED,
    &load_balancer::AUTOSCALING_ELB_HEALTH_CHECK,
    &listener::ALB_REDIRECTS_HTTP,
    &load_balancer::ALB_PROTECTED_BY_WAF,
    &waf::WEB_ACL_LOGGING,
    &waf::CLOUDFRONT_LOG4J_RULES,
    &listener::LISTENER_STRONG_CIPHERS,
    &waf::ALB_LOG4J_RULES,
    &waf::API_GATEWAY_LOG4J_RULES,
    &waf::APPSYNC_LOG4J_RULES,
    &routes::NAT_GATEWAY_FOR_DEFAULT_ROUTE,
    &routes::PEERING_NOT_OVERLY_PERMISSIVE,
    &routes::NETWORK_FIREWALL_LOGGING,
];

/// The verdict when a rule needs a connected resource and there is none: Unknown when one of
/// `paths` names something anyway (an ID from a variable, a module output, a data source or a
/// literal: a resource outside this configuration, whose settings cannot be read), Failed when
/// none is set.
fn elsewhere(attributes: &Value, paths: &[&str]) -> Verdict {
    let named = paths
        .iter()
        .any(|path| !matches!(field(attributes, path), Field::Absent));
    if named {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

/// An attribute as a graph condition sees it.
enum Field<'a> {
    /// Not set, or null.
    Absent,
    Unknown,
    Known(&'a Value),
}

fn field<'a>(attributes: &'a Value, path: &str) -> Field<'a> {
    match attributes.lookup(path) {
        None | Some(Value::Null) => Field::Absent,
        Some(Value::Unknown) => Field::Unknown,
        Some(value) => Field::Known(value),
    }
}

/// Checkov's `exists`: Passed when the attribute or block is set to anything but null, an
/// empty string or no blocks (an unknown value is set too).
fn present(attributes: &Value, path: &str) -> Verdict {
    match field(attributes, path) {
        Field::Absent => Verdict::Failed,
        Field::Known(Value::String(text)) if text.is_empty() => Verdict::Failed,
        Field::Known(Value::List(items)) if items.is_empty() => Verdict::Failed,
        Field::Unknown | Field::Known(_) => Verdict::Passed,
    }
}

/// Checkov's `equals`: Failed when the attribute is absent.
fn equals(attributes: &Value, path: &str, expected: &str) -> Verdict {
    within(attributes, path, &[expected])
}

/// Checkov's `not_equals`: Passed when the attribute is absent.
fn not_equals(attributes: &Value, path: &str, forbidden: &str) -> Verdict {
    negate(equals(attributes, path, forbidden))
}

/// Checkov's `within`: Passed when the attribute is one of `allowed`, Failed when absent.
/// Values are compared as Terraform's text of them, so `80` and `"80"` are the same.
fn within(attributes: &Value, path: &str, allowed: &[&str]) -> Verdict {
    match field(attributes, path) {
        Field::Absent => Verdict::Failed,
        Field::Unknown => Verdict::Unknown,
        Field::Known(value) if value.contains_unknown() => Verdict::Unknown,
        Field::Known(value) => {
            let found = value
                .to_terraform_string()
                .is_some_and(|text| allowed.contains(&text.as_str()));
            crate::checks::rules::verdict(found)
        }
    }
}

/// The nested blocks of one type, each as its object; `None` when they are unknown (a dynamic
/// block over an unknown collection).
fn blocks<'a>(attributes: &'a Value, name: &str) -> Option<&'a [Value]> {
    match attributes.get(name) {
        None | Some(Value::Null) => Some(&[]),
        Some(Value::List(items)) => Some(items),
        Some(Value::Unknown) => None,
        Some(single) => Some(core::slice::from_ref(single)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;

    #[test]
    fn combinations_follow_three_valued_logic() {
        use Verdict::{Failed, Passed, Unknown};
        assert_eq!(any_of([Failed, Unknown]), Unknown);
        assert_eq!(any_of([Unknown, Passed]), Passed);
        assert_eq!(any_of([]), Failed);
        assert_eq!(all_of([Passed, Unknown]), Unknown);
        assert_eq!(all_of([Unknown, Failed]), Failed);
        assert_eq!(all_of([]), Passed);
    }

    #[test]
    fn comparisons_treat_numbers_and_strings_alike() {
        let listener = object([("port", Value::Number(80.0)), ("protocol", "HTTP".into())]);
        assert_eq!(equals(&listener, "port", "80"), Verdict::Passed);
        assert_eq!(not_equals(&listener, "protocol", "HTTP"), Verdict::Failed);
        assert_eq!(not_equals(&listener, "ssl_policy", "x"), Verdict::Passed);
        assert_eq!(equals(&listener, "ssl_policy", "x"), Verdict::Failed);
        let unknown = object([("port", Value::Unknown)]);
        assert_eq!(equals(&unknown, "port", "80"), Verdict::Unknown);
    }
}
