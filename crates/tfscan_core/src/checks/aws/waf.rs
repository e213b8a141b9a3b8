//! AWS WAF checks, for the web ACLs and rule groups of WAF Classic (`aws_waf_*`,
//! `aws_wafregional_*`) and of WAF version 2 (`aws_wafv2_*`).
//!
//! The three generations name their rule blocks differently: `rules` (WAF Classic global web
//! ACLs), `rule` (regional web ACLs and all of version 2) and `activated_rule` (WAF Classic
//! rule groups).
//!
//! Checkov renders a `dynamic` rule block differently from the expanded blocks tfscan sees: it
//! counts a `dynamic "rule"` whose `for_each` is empty as a rule, and gives no `CKV_AWS_192`
//! verdict for rules a `dynamic` block produces. tfscan judges the expanded blocks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&HAS_RULES, &LOG4J_RULE_SET, &RULES_HAVE_ACTIONS, &LOGGING];

static HAS_RULES: Check = Check {
    id: "CKV_AWS_175",
    name: "Ensure WAF has associated rules",
    kind: EntityKind::Resource,
    resource_types: &["aws_waf_web_acl", "aws_wafregional_web_acl", "aws_wafv2_web_acl"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A WAF web ACL holds at least one rule that is not an empty block.",
        why: "A web ACL without rules only applies its default action, so it inspects nothing while looking like protection.",
        fix: "Add rules to the web ACL, for example AWS managed rule groups for common attacks.",
        fixed: r#"resource "aws_wafv2_web_acl" "web" {
  name  = "web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "common"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "common"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_wafv2_web_acl" "web" {
  name  = "web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "common"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "common"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}

resource "aws_waf_web_acl" "classic" {
  name        = "classic"
  metric_name = "classic"

  default_action {
    type = "ALLOW"
  }

  rules {
    priority = 1
    rule_id  = "4e8f9c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b"
    type     = "REGULAR"

    action {
      type = "BLOCK"
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_wafv2_web_acl" "web" {
  name  = "web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}"#,
        r#"
resource "aws_wafregional_web_acl" "regional" {
  name        = "regional"
  metric_name = "regional"

  default_action {
    type = "ALLOW"
  }
}"#,
    ],
    evaluate: has_rules,
};

static LOG4J_RULE_SET: Check = Check {
    id: "CKV_AWS_192",
    name: "Ensure WAF prevents message lookup in Log4j2. See CVE-2021-44228 aka log4jshell",
    kind: EntityKind::Resource,
    resource_types: &["aws_wafv2_web_acl"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A WAFv2 web ACL applies AWS's Known Bad Inputs managed rule group, without excluding its Log4JRCE rule and without overriding the group's actions to count.",
        why: "That rule group blocks the JNDI lookups that exploit Log4Shell (CVE-2021-44228), which lets an attacker run code on servers that log request data with Log4j 2.",
        fix: "Add a rule using `AWSManagedRulesKnownBadInputsRuleSet` with `override_action { none {} }`, and do not exclude Log4JRCE.",
        fixed: r#"resource "aws_wafv2_web_acl" "web" {
  name  = "web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "known-bad-inputs"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_wafv2_web_acl" "web" {
  name  = "web"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "rate-limit"
    priority = 0

    action {
      block {}
    }

    statement {
      rate_based_statement {
        limit              = 2000
        aggregate_key_type = "IP"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "rate-limit"
      sampled_requests_enabled   = true
    }
  }

  rule {
    name     = "known-bad-inputs"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}"#],
    failing: &[
        r#"
resource "aws_wafv2_web_acl" "counting" {
  name  = "counting"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "known-bad-inputs"
    priority = 1

    override_action {
      count {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "counting"
    sampled_requests_enabled   = true
  }
}"#,
        r#"
resource "aws_wafv2_web_acl" "excluding" {
  name  = "excluding"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "known-bad-inputs"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesKnownBadInputsRuleSet"
        vendor_name = "AWS"

        excluded_rule {
          name = "Log4JRCE"
        }
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "known-bad-inputs"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "excluding"
    sampled_requests_enabled   = true
  }
}"#,
        r#"
resource "aws_wafv2_web_acl" "common_only" {
  name  = "common-only"
  scope = "REGIONAL"

  default_action {
    allow {}
  }

  rule {
    name     = "common"
    priority = 1

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesCommonRuleSet"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "common"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "common-only"
    sampled_requests_enabled   = true
  }
}"#,
    ],
    evaluate: log4j_rule_set,
};

static RULES_HAVE_ACTIONS: Check = Check {
    id: "CKV_AWS_342",
    name: "Ensure WAF rule has any actions",
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_waf_rule_group",
        "aws_waf_web_acl",
        "aws_wafregional_rule_group",
        "aws_wafregional_web_acl",
        "aws_wafv2_rule_group",
        "aws_wafv2_web_acl",
    ],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "Every rule of a WAF web ACL or rule group says what to do with a match: an `action`, an `override_action`, or a managed rule group whose rules carry their own.",
        why: "A rule without an action does nothing with the requests it matches, so the protection it seems to add is not there.",
        fix: "Give each rule an `action` block (such as `block {}`), or an `override_action` for a rule that uses a rule group.",
        fixed: r#"resource "aws_wafv2_rule_group" "blocklist" {
  name     = "blocklist"
  scope    = "REGIONAL"
  capacity = 2

  rule {
    name     = "blocked-countries"
    priority = 1

    action {
      block {}
    }

    statement {
      geo_match_statement {
        country_codes = ["KP"]
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "blocked-countries"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "blocklist"
    sampled_requests_enabled   = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_wafv2_rule_group" "blocklist" {
  name     = "blocklist"
  scope    = "REGIONAL"
  capacity = 2

  rule {
    name     = "blocked-countries"
    priority = 1

    action {
      block {}
    }

    statement {
      geo_match_statement {
        country_codes = ["KP"]
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "blocked-countries"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "blocklist"
    sampled_requests_enabled   = true
  }
}

resource "aws_wafregional_rule_group" "classic" {
  name        = "classic"
  metric_name = "classic"

  activated_rule {
    priority = 50
    rule_id  = "4e8f9c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b"

    action {
      type = "COUNT"
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_wafv2_rule_group" "blocklist" {
  name     = "blocklist"
  scope    = "REGIONAL"
  capacity = 2

  rule {
    name     = "blocked-countries"
    priority = 1

    statement {
      geo_match_statement {
        country_codes = ["KP"]
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "blocked-countries"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "blocklist"
    sampled_requests_enabled   = true
  }
}"#,
        r#"
resource "aws_waf_web_acl" "classic" {
  name        = "classic"
  metric_name = "classic"

  default_action {
    type = "ALLOW"
  }

  rules {
    priority = 1
    rule_id  = "4e8f9c1a-2b3d-4e5f-8a9b-0c1d2e3f4a5b"
  }
}"#,
    ],
    evaluate: rules_have_actions,
};

/// Whether a nested block value is exactly one empty block, `name {}`, which Checkov does not
/// count as content.
fn is_one_empty_block(value: &Value) -> bool {
    match value {
        Value::List(blocks) => match blocks.as_slice() {
            [Value::Object(settings)] => settings.is_empty(),
            _ => false,
        },
        _ => false,
    }
}

/// Passes when `rules` or `rule` is set to anything but one empty block.
fn has_rules(resource: &Resource<'_>) -> Verdict {
    let mut unknown = false;
    for key in ["rules", "rule"] {
        match resource.get(key) {
            None => {}
            Some(Value::Unknown) => unknown = true,
            Some(value) if is_one_empty_block(value) => {}
            Some(_) => return Verdict::Passed,
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

/// The managed rule group whose `Log4JRCE` rule blocks the Log4j remote code execution of CVE-2021-44228.
const KNOWN_BAD_INPUTS: &str = "AWSManagedRulesKnownBadInputsRuleSet";

/// Checkov looks at the first `statement` of each rule in order. The first rule whose
/// statement uses the Known Bad Inputs group decides: it fails when an `excluded_rule` names
/// `Log4JRCE` or when `override_action` is not `none {}`, and passes otherwise. Later rules,
/// nested statements and `rule_action_override` are not read; without such a rule the web ACL
/// fails.
fn log4j_rule_set(resource: &Resource<'_>) -> Verdict {
    let rules = match resource.get("rule") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(rules)) => rules.as_slice(),
        _ => &[],
    };

    for rule in rules {
        if rule.is_unknown() {
            return Verdict::Unknown;
        }
        let statement = match rule.get("statement") {
            None | Some(Value::Null) => continue,
            Some(Value::List(statements)) => match statements.first() {
                None => continue,
                Some(statement) => statement,
            },
            Some(_) => return Verdict::NotApplicable,
        };
        let group = match statement {
            Value::Object(_) => statement.get("managed_rule_group_statement"),
            Value::Unknown => return Verdict::Unknown,
            // Checkov gives no verdict on a statement that is not a block.
            _ => return Verdict::NotApplicable,
        };
        let group = match group {
            None | Some(Value::Null) => continue,
            Some(Value::Unknown) => return Verdict::Unknown,
            Some(Value::List(groups)) => match groups.first() {
                None => continue,
                Some(group) => group,
            },
            Some(group) => group,
        };
        match group.get("name") {
            Some(Value::Unknown) => return Verdict::Unknown,
            Some(Value::String(name)) if name == KNOWN_BAD_INPUTS => {}
            _ => continue,
        }
        return known_bad_inputs_rule(rule, group);
    }
    Verdict::Failed
}

/// The verdict on the rule that uses the Known Bad Inputs group.
fn known_bad_inputs_rule(rule: &Value, group: &Value) -> Verdict {
    match group.get("excluded_rule") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(excluded)) => {
            for excluded_rule in excluded {
                if excluded_rule.is_unknown() {
                    return Verdict::Unknown;
                }
                match excluded_rule.get("name") {
                    Some(Value::Unknown) => return Verdict::Unknown,
                    Some(Value::String(name)) if name == "Log4JRCE" => return Verdict::Failed,
                    _ => {}
                }
            }
        }
        _ => {}
    }

    let override_action = match rule.get("override_action") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(actions)) => actions.first(),
        _ => None,
    };
    match override_action.and_then(|action| action.get("none")) {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(Value::List(none)) if matches!(none.first(), Some(Value::Object(_))) => {
            Verdict::Passed
        }
        _ if override_action.is_some_and(Value::is_unknown) => Verdict::Unknown,
        _ => Verdict::Failed,
    }
}

/// Every rule needs an action, an override action (neither an empty block), or a first-level
/// statement using a managed rule group. Checkov reads `rule`, else `rules`, else
/// `activated_rule`, whichever first is a non-empty list; with none it gives no verdict.
fn rules_have_actions(resource: &Resource<'_>) -> Verdict {
    let mut rules = None;
    for key in ["rule", "rules", "activated_rule"] {
        match resource.get(key) {
            Some(Value::Unknown) => return Verdict::Unknown,
            Some(Value::List(items)) if !items.is_empty() => {
                rules = Some(items);
                break;
            }
            _ => {}
        }
    }
    let Some(rules) = rules else {
        return Verdict::NotApplicable;
    };

    let mut unknown = false;
    for rule in rules {
        match rule_has_action(rule) {
            Some(true) => {}
            Some(false) => return Verdict::Failed,
            None => unknown = true,
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

/// Whether one rule says what to do with a match; `None` when that depends on an unknown value.
fn rule_has_action(rule: &Value) -> Option<bool> {
    let Value::Object(settings) = rule else {
        return if rule.is_unknown() { None } else { Some(false) };
    };

    let mut unknown = false;
    for key in ["action", "override_action"] {
        match settings.get(key) {
            None => {}
            Some(Value::Unknown) => unknown = true,
            Some(value) if is_one_empty_block(value) => {}
            Some(_) => return Some(true),
        }
    }
    match settings.get("statement") {
        Some(Value::Unknown) => unknown = true,
        Some(Value::List(statements)) => {
            for statement in statements {
                if statement.is_unknown() {
                    unknown = true;
                    continue;
                }
                match statement.get("managed_rule_group_statement") {
                    Some(Value::Unknown) => unknown = true,
                    Some(Value::List(groups)) if !groups.is_empty() => return Some(true),
                    _ => {}
                }
            }
        }
        _ => {}
    }

    if unknown {
        None
    } else {
        Some(false)
    }
}

static LOGGING: Check = Check {
    id: "CKV_AWS_176",
    name: "Ensure Logging is enabled for WAF Web Access Control Lists",
    kind: EntityKind::Resource,
    resource_types: &["aws_waf_web_acl", "aws_wafregional_web_acl"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The WAF Classic web ACL sends its request logs to a Kinesis Data Firehose stream.",
        why: "Without logs there is no record of which requests the firewall allowed or blocked, and why.",
        fix: "Add a `logging_configuration` block with the `log_destination` stream's ARN.",
        fixed: r#"resource "aws_waf_web_acl" "site" {
  name        = "site"
  metric_name = "site"
  default_action {
    type = "ALLOW"
  }
  logging_configuration {
    log_destination = aws_kinesis_firehose_delivery_stream.waf_logs.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_wafregional_web_acl" "site" {
  logging_configuration {
    log_destination = "arn:aws:firehose:eu-west-1:111122223333:deliverystream/aws-waf-logs-site"
  }
}"#],
    failing: &[r#"
resource "aws_waf_web_acl" "site" {
  name = "site"
}"#],
    evaluate: logging,
};

fn logging(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "logging_configuration.0.log_destination")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::collections::BTreeMap;
    use alloc::vec;

    fn block(pairs: impl IntoIterator<Item = (&'static str, Value)>) -> Value {
        Value::List(vec![object(pairs)])
    }

    fn empty_block() -> Value {
        Value::List(vec![Value::Object(BTreeMap::new())])
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
    fn an_empty_rule_block_is_no_rule() {
        let acl = object([("rule", empty_block())]);
        assert_eq!(
            has_rules(&sample("aws_wafv2_web_acl", &acl)),
            Verdict::Failed
        );
        assert_eq!(
            rules_have_actions(&sample("aws_wafv2_web_acl", &acl)),
            Verdict::Failed
        );

        let none = object([("name", Value::from("acl"))]);
        assert_eq!(
            rules_have_actions(&sample("aws_wafv2_web_acl", &none)),
            Verdict::NotApplicable
        );
    }

    #[test]
    fn a_managed_group_counts_as_an_action() {
        let rule = object([(
            "statement",
            block([(
                "managed_rule_group_statement",
                block([("name", Value::from("x"))]),
            )]),
        )]);
        assert_eq!(rule_has_action(&rule), Some(true));

        let empty_action = object([("action", empty_block())]);
        assert_eq!(rule_has_action(&empty_action), Some(false));

        let unknown_action = object([("action", Value::Unknown)]);
        assert_eq!(rule_has_action(&unknown_action), None);
    }

    fn known_bad_inputs(override_action: Value) -> Value {
        object([(
            "rule",
            Value::List(vec![object([
                ("override_action", override_action),
                (
                    "statement",
                    block([(
                        "managed_rule_group_statement",
                        block([("name", Value::from(KNOWN_BAD_INPUTS))]),
                    )]),
                ),
            ])]),
        )])
    }

    #[test]
    fn the_known_bad_inputs_group_must_not_be_counted() {
        let blocking = known_bad_inputs(block([("none", empty_block())]));
        assert_eq!(
            log4j_rule_set(&sample("aws_wafv2_web_acl", &blocking)),
            Verdict::Passed
        );

        let counting = known_bad_inputs(block([("count", empty_block())]));
        assert_eq!(
            log4j_rule_set(&sample("aws_wafv2_web_acl", &counting)),
            Verdict::Failed
        );

        let unknown = known_bad_inputs(Value::Unknown);
        assert_eq!(
            log4j_rule_set(&sample("aws_wafv2_web_acl", &unknown)),
            Verdict::Unknown
        );

        let without_rules = object([("name", Value::from("acl"))]);
        assert_eq!(
            log4j_rule_set(&sample("aws_wafv2_web_acl", &without_rules)),
            Verdict::Failed
        );
    }
}
