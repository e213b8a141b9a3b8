//! Route 53 checks that look at connected resources (Checkov's graph checks): A records point
//! at a resource of the configuration, hosted zones have DNSSEC signing and query logging.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;
use crate::value::Value;

use super::graph_conditions::has_connected;

/// This group's checks.
pub static CHECKS: &[&Check] = &[&A_RECORD_ATTACHED, &DNSSEC_SIGNING, &QUERY_LOGGING];

static A_RECORD_ATTACHED: Check = Check {
    id: "CKV2_AWS_23",
    name: "Route53 A Record has Attached Resource",
    kind: EntityKind::Resource,
    resource_types: &["aws_route53_record"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An A record points at a resource of the configuration (an instance, an Elastic IP, a load balancer, a CloudFront distribution, a bucket, an API domain, ...) rather than at a literal address.",
        why: "A record left pointing at an address that was released can be taken over: whoever gets the address next receives the domain's traffic (a dangling DNS record).",
        fix: "Point the record at the resource itself (`records = [aws_eip.web.public_ip]` or an `alias` block), so the record follows it and goes away with it.",
        fixed: r#"resource "aws_route53_record" "www" {
  zone_id = aws_route53_zone.main.zone_id
  name    = "www.example.com"
  type    = "A"
  ttl     = 300
  records = [aws_eip.web.public_ip]
}"#,
    },
    passing: &[r#"
resource "aws_eip" "web" {
  domain = "vpc"
}

resource "aws_route53_record" "www" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "www.example.com"
  type    = "A"
  ttl     = 300
  records = [aws_eip.web.public_ip]
}

# Records of other types are not judged.
resource "aws_route53_record" "mail" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "example.com"
  type    = "MX"
  ttl     = 300
  records = ["10 mail.example.com"]
}"#],
    failing: &[r#"
resource "aws_route53_record" "www" {
  zone_id = "Z0123456789ABCDEFGHIJ"
  name    = "www.example.com"
  type    = "A"
  ttl     = 300
  records = ["203.0.113.10"]
}"#],
    evaluate: a_record_attached,
};

/// The resource types an A record may point at, as Checkov lists them.
const ADDRESSABLE: &[&str] = &[
    "aws_instance",
    "aws_eip",
    "aws_elb",
    "aws_lb",
    "aws_alb",
    "aws_route53_record",
    "aws_s3_bucket",
    "aws_api_gateway_domain_name",
    "aws_elastic_beanstalk_environment",
    "aws_vpc_endpoint",
    "aws_globalaccelerator_accelerator",
    "aws_cloudfront_distribution",
    "aws_db_instance",
    "aws_apigatewayv2_domain_name",
];

/// Checkov also passes an alias whose name comes from a module or a data source, which it
/// cannot follow; such a name is unknown here, and so is the verdict.
fn a_record_attached(record: &Resource<'_>) -> Verdict {
    match record.get("type") {
        None | Some(Value::Null) => return Verdict::NotApplicable,
        Some(kind) if kind.contains_unknown() => return Verdict::Unknown,
        Some(kind) if kind.as_str() != Some("A") => return Verdict::NotApplicable,
        Some(_) => {}
    }
    if has_connected(record, ADDRESSABLE) {
        return Verdict::Passed;
    }
    match record.get("alias.name") {
        Some(name) if name.contains_unknown() => Verdict::Unknown,
        _ => Verdict::Failed,
    }
}

static DNSSEC_SIGNING: Check = Check {
    id: "CKV2_AWS_38",
    name: "Ensure Domain Name System Security Extensions (DNSSEC) signing is enabled for Amazon Route 53 public hosted zones",
    kind: EntityKind::Resource,
    resource_types: &["aws_route53_zone"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A hosted zone has an `aws_route53_hosted_zone_dnssec` or an `aws_route53_key_signing_key` of the configuration.",
        why: "Without DNSSEC, resolvers cannot tell a genuine answer from a forged one, so DNS spoofing and cache poisoning can send users elsewhere.",
        fix: "Add a key signing key (backed by an asymmetric KMS key in us-east-1) and an `aws_route53_hosted_zone_dnssec` for the zone.",
        fixed: r#"resource "aws_route53_hosted_zone_dnssec" "main" {
  hosted_zone_id = aws_route53_key_signing_key.main.hosted_zone_id
}"#,
    },
    passing: &[r#"
resource "aws_route53_zone" "main" {
  name = "example.com"
}

resource "aws_route53_key_signing_key" "main" {
  hosted_zone_id             = aws_route53_zone.main.id
  key_management_service_arn = "arn:aws:kms:us-east-1:111122223333:key/abc"
  name                       = "main"
}"#],
    failing: &[r#"
resource "aws_route53_zone" "main" {
  name = "example.com"
}"#],
    evaluate: |zone| {
        verdict(has_connected(
            zone,
            &[
                "aws_route53_hosted_zone_dnssec",
                "aws_route53_key_signing_key",
            ],
        ))
    },
};

static QUERY_LOGGING: Check = Check {
    id: "CKV2_AWS_39",
    name: "Ensure Domain Name System (DNS) query logging is enabled for Amazon Route 53 hosted zones",
    kind: EntityKind::Resource,
    resource_types: &["aws_route53_zone"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A hosted zone has an `aws_route53_query_log` of the configuration.",
        why: "Query logs show which names are asked for and from where, which helps spot reconnaissance and data exfiltration over DNS.",
        fix: "Add an `aws_route53_query_log` sending the zone's queries to a CloudWatch log group in us-east-1.",
        fixed: r#"resource "aws_route53_query_log" "main" {
  zone_id                  = aws_route53_zone.main.zone_id
  cloudwatch_log_group_arn = aws_cloudwatch_log_group.dns.arn
}"#,
    },
    passing: &[r#"
resource "aws_route53_zone" "main" {
  name = "example.com"
}

resource "aws_route53_query_log" "main" {
  zone_id                  = aws_route53_zone.main.zone_id
  cloudwatch_log_group_arn = "arn:aws:logs:us-east-1:111122223333:log-group:/aws/route53/example.com"
}"#],
    failing: &[r#"
resource "aws_route53_zone" "main" {
  name = "example.com"
}"#],
    evaluate: |zone| verdict(has_connected(zone, &["aws_route53_query_log"])),
};
