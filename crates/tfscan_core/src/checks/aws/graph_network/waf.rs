//! WAFv2 web ACLs seen with their logging configuration and with what they protect.

use alloc::vec::Vec;

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;
use crate::value::Value;

use super::{all_of, any_of, blocks, connected, elsewhere, equals};

pub(super) static WEB_ACL_LOGGING: Check = Check {
    id: "CKV2_AWS_31",
    name: "Ensure WAF2 has a Logging Configuration",
    kind: EntityKind::Resource,
    resource_types: &["aws_wafv2_web_acl"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A WAFv2 web ACL has an `aws_wafv2_web_acl_logging_configuration`.",
        why: "Without logs there is no record of the requests the firewall allowed or blocked, so attacks and false positives go unseen.",
        fix: "Add an `aws_wafv2_web_acl_logging_configuration` for the web ACL, sending to CloudWatch Logs, S3 or Kinesis Data Firehose.",
        fixed: r#"resource "aws_wafv2_web_acl_logging_configuration" "web" {
  resource_arn            = aws_wafv2_web_acl.web.arn
  log_destination_configs = [aws_cloudwatch_log_group.waf.arn]
}"#,
    },
    passing: &[r#"
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
}

resource "aws_wafv2_web_acl_logging_configuration" "web" {
  resource_arn            = aws_wafv2_web_acl.web.arn
  log_destination_configs = ["arn:aws:logs:eu-west-1:111122223333:log-group:aws-waf-logs-web"]
}"#],
    failing: &[r#"
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
}"#],
    evaluate: web_acl_logging,
};

fn web_acl_logging(acl: &Resource<'_>) -> Verdict {
    verdict(!connected(acl, &["aws_wafv2_web_acl_logging_configuration"]).is_empty())
}

/// A web ACL with both managed rule groups the Log4j checks ask for; the examples below start
/// from it.
macro_rules! protected_web_acl {
    ($name:literal) => {
        concat!(
            r#"
resource "aws_wafv2_web_acl" ""#,
            $name,
            r#"" {
  name  = ""#,
            $name,
            r#""
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

  rule {
    name     = "anonymous-ip"
    priority = 2

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAnonymousIpList"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "anonymous-ip"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = ""#,
            $name,
            r#""
    sampled_requests_enabled   = true
  }
}
"#
        )
    };
}

/// A web ACL with only the common rule set: not enough for the Log4j checks.
macro_rules! common_rules_web_acl {
    ($name:literal) => {
        concat!(
            r#"
resource "aws_wafv2_web_acl" ""#,
            $name,
            r#"" {
  name  = ""#,
            $name,
            r#""
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
    metric_name                = ""#,
            $name,
            r#""
    sampled_requests_enabled   = true
  }
}
"#
        )
    };
}

const LOG4J_WHY: &str = "Log4Shell lets a single crafted header or form field run code on any Java service that logs it; the AWS managed rule groups block the known payloads and the anonymising networks attackers send them from.";

const LOG4J_FIX: &str = "Add rules with `managed_rule_group_statement` blocks named `AWSManagedRulesKnownBadInputsRuleSet` and `AWSManagedRulesAnonymousIpList` to the web ACL.";

const LOG4J_FIXED_RULES: &str = r#"resource "aws_wafv2_web_acl" "web" {
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

  rule {
    name     = "anonymous-ip"
    priority = 2

    override_action {
      none {}
    }

    statement {
      managed_rule_group_statement {
        name        = "AWSManagedRulesAnonymousIpList"
        vendor_name = "AWS"
      }
    }

    visibility_config {
      cloudwatch_metrics_enabled = true
      metric_name                = "anonymous-ip"
      sampled_requests_enabled   = true
    }
  }

  visibility_config {
    cloudwatch_metrics_enabled = true
    metric_name                = "web"
    sampled_requests_enabled   = true
  }
}"#;

pub(super) static CLOUDFRONT_LOG4J_RULES: Check = Check {
    id: "CKV2_AWS_47",
    name: "Ensure AWS CloudFront attached WAFv2 WebACL is configured with AMR for Log4j Vulnerability",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudfront_distribution"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A CloudFront distribution has a WAFv2 web ACL (`web_acl_id`) with the AWS managed rule groups against Log4j: known bad inputs and anonymous IP addresses.",
        why: LOG4J_WHY,
        fix: "Attach a web ACL with `web_acl_id`, and give it rules with `managed_rule_group_statement` blocks named `AWSManagedRulesKnownBadInputsRuleSet` and `AWSManagedRulesAnonymousIpList`.",
        fixed: LOG4J_FIXED_RULES,
    },
    passing: &[concat!(
        protected_web_acl!("edge"),
        r#"
resource "aws_cloudfront_distribution" "site" {
  enabled    = true
  web_acl_id = aws_wafv2_web_acl.edge.arn

  origin {
    domain_name = "example-site.s3.eu-west-1.amazonaws.com"
    origin_id   = "site"
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}"#
    )],
    failing: &[
        concat!(
            common_rules_web_acl!("edge"),
            r#"
resource "aws_cloudfront_distribution" "site" {
  enabled    = true
  web_acl_id = aws_wafv2_web_acl.edge.arn

  origin {
    domain_name = "example-site.s3.eu-west-1.amazonaws.com"
    origin_id   = "site"
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}"#
        ),
        r#"
resource "aws_cloudfront_distribution" "no_waf" {
  enabled = true

  origin {
    domain_name = "example-site.s3.eu-west-1.amazonaws.com"
    origin_id   = "site"
  }

  default_cache_behavior {
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    cache_policy_id        = "658327ea-f89d-4fab-a63d-7e88639e58f6"
  }

  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }

  viewer_certificate {
    cloudfront_default_certificate = true
  }
}"#,
    ],
    evaluate: cloudfront_log4j_rules,
};

/// A distribution without a web ACL fails: Checkov's rule asks for the connection. One whose
/// `web_acl_id` names an ACL outside the configuration is Unknown; one naming a classic WAF web
/// ACL fails, as classic ACLs have no managed rule groups.
fn cloudfront_log4j_rules(distribution: &Resource<'_>) -> Verdict {
    let acls = connected(distribution, &["aws_wafv2_web_acl"]);
    if acls.is_empty() {
        if !connected(distribution, &["aws_waf_web_acl"]).is_empty() {
            return Verdict::Failed;
        }
        return elsewhere(distribution.attributes, &["web_acl_id"]);
    }
    all_of(acls.iter().map(|acl| has_log4j_rule_groups(acl.attributes)))
}

/// The managed rule groups AWS recommends against Log4Shell: Checkov asks for both.
const LOG4J_RULE_GROUPS: [&str; 2] = [
    "AWSManagedRulesKnownBadInputsRuleSet",
    "AWSManagedRulesAnonymousIpList",
];

/// Whether a web ACL has a rule for each of [`LOG4J_RULE_GROUPS`]: a rule whose statement is a
/// `managed_rule_group_statement` of that name (a group nested deeper, in a rule group or an
/// `and_statement`, does not count, as in Checkov).
fn has_log4j_rule_groups(acl: &Value) -> Verdict {
    let Some(rules) = blocks(acl, "rule") else {
        return Verdict::Unknown;
    };
    all_of(LOG4J_RULE_GROUPS.iter().map(|group| {
        any_of(
            rules
                .iter()
                .map(|rule| equals(rule, "statement.managed_rule_group_statement.name", group)),
        )
    }))
}

/// What a web ACL protects, among the resource types one check is about.
enum Protects {
    /// An `aws_wafv2_web_acl_association` joins it to a resource of those types.
    Them,
    /// An association joins it to a resource outside the configuration (an ARN from a
    /// variable or a literal), which may be one of them.
    Perhaps,
    Nothing,
}

/// What the web ACL `acl` is associated with through `aws_wafv2_web_acl_association`. A data
/// source of a protected type (an existing load balancer looked up by name) counts as one.
fn protects(acl: &Resource<'_>, protected_types: &[&str]) -> Protects {
    let mut found = Protects::Nothing;
    for association in connected(acl, &["aws_wafv2_web_acl_association"]) {
        let targets: Vec<Resource<'_>> = association
            .references(None)
            .into_iter()
            .filter(|target| target.resource_type != "aws_wafv2_web_acl")
            .collect();
        if targets
            .iter()
            .any(|target| protected_types.contains(&target.resource_type))
        {
            return Protects::Them;
        }
        if targets.is_empty() {
            found = Protects::Perhaps;
        }
    }
    found
}

/// The Log4j checks of web ACLs associated with load balancers, API Gateway and AppSync, which
/// Checkov reports on the web ACL: one associated with a resource of `protected_types` must
/// carry both rule groups. One associated with nothing of those types is not judged (Checkov
/// fails it, its rule asking for the connection: so a web ACL protecting only a CloudFront
/// distribution fails its ALB, API Gateway and AppSync checks there). One associated with a
/// resource outside the configuration passes with both rule groups and is Unknown without.
fn log4j_rules_where_associated(acl: &Resource<'_>, protected_types: &[&str]) -> Verdict {
    match protects(acl, protected_types) {
        Protects::Nothing => Verdict::NotApplicable,
        Protects::Them => has_log4j_rule_groups(acl.attributes),
        Protects::Perhaps => match has_log4j_rule_groups(acl.attributes) {
            Verdict::Failed => Verdict::Unknown,
            other => other,
        },
    }
}

fn alb_log4j_rules(acl: &Resource<'_>) -> Verdict {
    log4j_rules_where_associated(acl, &["aws_lb", "aws_alb"])
}

fn api_gateway_log4j_rules(acl: &Resource<'_>) -> Verdict {
    log4j_rules_where_associated(acl, &["aws_api_gateway_stage", "aws_apigatewayv2_api"])
}

fn appsync_log4j_rules(acl: &Resource<'_>) -> Verdict {
    log4j_rules_where_associated(acl, &["aws_appsync_graphql_api"])
}

pub(super) static ALB_LOG4J_RULES: Check = Check {
    id: "CKV2_AWS_76",
    name: "Ensure AWS ALB attached WAFv2 WebACL is configured with AMR for Log4j Vulnerability",
    kind: EntityKind::Resource,
    resource_types: &["aws_wafv2_web_acl"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A WAFv2 web ACL associated with a load balancer has the AWS managed rule groups against Log4j: known bad inputs and anonymous IP addresses.",
        why: LOG4J_WHY,
        fix: LOG4J_FIX,
        fixed: LOG4J_FIXED_RULES,
    },
    passing: &[concat!(
        protected_web_acl!("web"),
        common_rules_web_acl!("unused"),
        r#"
resource "aws_lb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_lb.web.arn
  web_acl_arn  = aws_wafv2_web_acl.web.arn
}"#
    )],
    failing: &[concat!(
        common_rules_web_acl!("web"),
        r#"
resource "aws_alb" "web" {
  name    = "web"
  subnets = ["subnet-0a1b2c3d4e5f60718", "subnet-0f1e2d3c4b5a69788"]
}

resource "aws_wafv2_web_acl_association" "web" {
  resource_arn = aws_alb.web.arn
  web_acl_arn  = aws_wafv2_web_acl.web.arn
}"#
    )],
    evaluate: alb_log4j_rules,
};

pub(super) static API_GATEWAY_LOG4J_RULES: Check = Check {
    id: "CKV2_AWS_77",
    name: "Ensure AWS API Gateway Rest API attached WAFv2 WebACL is configured with AMR for Log4j Vulnerability",
    kind: EntityKind::Resource,
    resource_types: &["aws_wafv2_web_acl"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A WAFv2 web ACL associated with an API Gateway stage or API has the AWS managed rule groups against Log4j: known bad inputs and anonymous IP addresses.",
        why: LOG4J_WHY,
        fix: LOG4J_FIX,
        fixed: LOG4J_FIXED_RULES,
    },
    passing: &[concat!(
        protected_web_acl!("api"),
        r#"
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "f6g7h8"
  stage_name    = "prod"
}

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}"#
    )],
    failing: &[
        concat!(
            common_rules_web_acl!("api"),
            r#"
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "f6g7h8"
  stage_name    = "prod"
}

resource "aws_wafv2_web_acl_association" "prod" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}"#
        ),
        concat!(
            common_rules_web_acl!("api"),
            r#"
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_wafv2_web_acl_association" "http" {
  resource_arn = aws_apigatewayv2_api.http.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}"#
        ),
    ],
    evaluate: api_gateway_log4j_rules,
};

pub(super) static APPSYNC_LOG4J_RULES: Check = Check {
    id: "CKV2_AWS_78",
    name: "Ensure AWS AppSync attached WAFv2 WebACL is configured with AMR for Log4j Vulnerability",
    kind: EntityKind::Resource,
    resource_types: &["aws_wafv2_web_acl"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A WAFv2 web ACL associated with an AppSync GraphQL API has the AWS managed rule groups against Log4j: known bad inputs and anonymous IP addresses.",
        why: LOG4J_WHY,
        fix: LOG4J_FIX,
        fixed: LOG4J_FIXED_RULES,
    },
    passing: &[concat!(
        protected_web_acl!("graphql"),
        r#"
resource "aws_appsync_graphql_api" "orders" {
  name                = "orders"
  authentication_type = "AWS_IAM"
}

resource "aws_wafv2_web_acl_association" "orders" {
  resource_arn = aws_appsync_graphql_api.orders.arn
  web_acl_arn  = aws_wafv2_web_acl.graphql.arn
}"#
    )],
    failing: &[concat!(
        common_rules_web_acl!("graphql"),
        r#"
resource "aws_appsync_graphql_api" "orders" {
  name                = "orders"
  authentication_type = "AWS_IAM"
}

resource "aws_wafv2_web_acl_association" "orders" {
  resource_arn = aws_appsync_graphql_api.orders.arn
  web_acl_arn  = aws_wafv2_web_acl.graphql.arn
}"#
    )],
    evaluate: appsync_log4j_rules,
};

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;

    fn list(items: impl IntoIterator<Item = Value>) -> Value {
        Value::List(items.into_iter().collect())
    }

    fn rule(name: &str) -> Value {
        object([(
            "statement",
            list([object([(
                "managed_rule_group_statement",
                list([object([("name", name.into())])]),
            )])]),
        )])
    }

    #[test]
    fn log4j_needs_both_managed_rule_groups() {
        let acl = |names: &[&str]| object([("rule", list(names.iter().map(|name| rule(name))))]);
        assert_eq!(
            has_log4j_rule_groups(&acl(&[
                "AWSManagedRulesAnonymousIpList",
                "AWSManagedRulesKnownBadInputsRuleSet"
            ])),
            Verdict::Passed
        );
        assert_eq!(
            has_log4j_rule_groups(&acl(&["AWSManagedRulesKnownBadInputsRuleSet"])),
            Verdict::Failed
        );
        assert_eq!(has_log4j_rule_groups(&acl(&[])), Verdict::Failed);
        let unknown_rules = object([("rule", Value::Unknown)]);
        assert_eq!(has_log4j_rule_groups(&unknown_rules), Verdict::Unknown);
        let unknown_statement = object([(
            "rule",
            list([
                rule("AWSManagedRulesAnonymousIpList"),
                object([("statement", Value::Unknown)]),
            ]),
        )]);
        assert_eq!(has_log4j_rule_groups(&unknown_statement), Verdict::Unknown);
    }
}
