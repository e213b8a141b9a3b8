//! Amazon CloudFront distribution and response headers policy checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &VIEWER_HTTPS,
    &WAF,
    &ACCESS_LOGGING,
    &TLS_1_2,
    &ENABLED,
    &STRICT_TRANSPORT_SECURITY,
    &DEFAULT_ROOT_OBJECT,
    &ORIGIN_FAILOVER,
    &GEO_RESTRICTION,
];

const DISTRIBUTION: &[&str] = &["aws_cloudfront_distribution"];

static VIEWER_HTTPS: Check = Check {
    id: "CKV_AWS_34",
    name: "Ensure CloudFront distribution ViewerProtocolPolicy is set to HTTPS",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No cache behaviour of the distribution lets viewers use plain HTTP (`allow-all`).",
        why: "Content and cookies served over HTTP can be read and changed by anyone on the network path.",
        fix: "Set `viewer_protocol_policy` to `redirect-to-https` or `https-only` in every cache behaviour.",
        fixed: r#"resource "aws_cloudfront_distribution" "site" {
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
  }
}"#,
    },
    passing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  default_cache_behavior {
    viewer_protocol_policy = "redirect-to-https"
  }
  ordered_cache_behavior {
    path_pattern           = "/api/*"
    viewer_protocol_policy = "https-only"
  }
}"#],
    failing: &[
        r#"
resource "aws_cloudfront_distribution" "site" {
  default_cache_behavior {
    viewer_protocol_policy = "allow-all"
  }
}"#,
        r#"
resource "aws_cloudfront_distribution" "site" {
  default_cache_behavior {
    viewer_protocol_policy = "https-only"
  }
  ordered_cache_behavior {
    path_pattern           = "/legacy/*"
    viewer_protocol_policy = "allow-all"
  }
}"#,
    ],
    evaluate: viewer_https,
};

fn viewer_https(resource: &Resource<'_>) -> Verdict {
    let behaviours = [
        resource.get("default_cache_behavior.0"),
        resource.get("ordered_cache_behavior"),
    ];
    let policies = behaviours
        .into_iter()
        .flatten()
        .flat_map(crate::checks::aws::iam_policy::force_list)
        .filter_map(|behaviour| behaviour.get("viewer_protocol_policy"));
    let mut unknown = false;
    for policy in policies {
        if policy.is_unknown() {
            unknown = true;
        } else if policy.as_str() == Some("allow-all") {
            return Verdict::Failed;
        }
    }
    if unknown {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

static WAF: Check = Check {
    id: "CKV_AWS_68",
    name: "CloudFront Distribution should have WAF enabled",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The distribution is associated with a WAF web ACL.",
        why: "Without a web application firewall, injection attempts, bots and floods reach the origin unfiltered.",
        fix: "Set `web_acl_id` to a WAF web ACL (its ARN for WAFv2).",
        fixed: r#"resource "aws_cloudfront_distribution" "site" {
  web_acl_id = aws_wafv2_web_acl.site.arn
}"#,
    },
    passing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  web_acl_id = "arn:aws:wafv2:us-east-1:111122223333:global/webacl/site/a1b2c3d4"
}"#],
    failing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true
}"#],
    evaluate: waf,
};

fn waf(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "web_acl_id")
}

static ACCESS_LOGGING: Check = Check {
    id: "CKV_AWS_86",
    name: "Ensure CloudFront distribution has Access Logging enabled",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The distribution writes standard access logs to an S3 bucket.",
        why: "Access logs are the record of who requested what, needed to investigate abuse or a leak.",
        fix: "Add a `logging_config` block with the `bucket` that receives the logs.",
        fixed: r#"resource "aws_cloudfront_distribution" "site" {
  logging_config {
    bucket = "logs.s3.amazonaws.com"
    prefix = "site/"
  }
}"#,
    },
    passing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  logging_config {
    bucket = "logs.s3.amazonaws.com"
  }
}"#],
    failing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true
}"#],
    evaluate: access_logging,
};

fn access_logging(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "logging_config.0.bucket")
}

static TLS_1_2: Check = Check {
    id: "CKV_AWS_174",
    name: "Verify CloudFront Distribution Viewer Certificate is using TLS v1.2 or higher",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The distribution uses its own certificate with a minimum protocol of TLS 1.2 or 1.3 (`TLSv1.2_2021` and the like).",
        why: "The default CloudFront certificate and older minimum protocols accept TLS versions with known weaknesses.",
        fix: "Use an ACM certificate in `viewer_certificate` and set `minimum_protocol_version = \"TLSv1.2_2021\"`.",
        fixed: r#"resource "aws_cloudfront_distribution" "site" {
  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}"#,
    },
    passing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/a1b2c3d4"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}"#],
    failing: &[
        r#"
resource "aws_cloudfront_distribution" "site" {
  viewer_certificate {
    cloudfront_default_certificate = true
    minimum_protocol_version       = "TLSv1.2_2021"
  }
}"#,
        r#"
resource "aws_cloudfront_distribution" "site" {
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/a1b2c3d4"
    minimum_protocol_version = "TLSv1.1_2016"
  }
}"#,
        r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true
}"#,
    ],
    evaluate: tls_1_2,
};

fn tls_1_2(resource: &Resource<'_>) -> Verdict {
    let Some(certificate) = resource.get("viewer_certificate.0") else {
        return Verdict::Failed;
    };
    if certificate.is_unknown() {
        return Verdict::Unknown;
    }
    match certificate.get("cloudfront_default_certificate") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(default) if default.as_bool() == Some(true) => return Verdict::Failed,
        _ => {}
    }
    match certificate.get("minimum_protocol_version") {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(Value::String(version)) => rules::verdict(is_tls_1_2_or_later(version)),
        _ => Verdict::Failed,
    }
}

/// `TLSv1.2_` or `TLSv1.3_` followed by a four-digit year, and nothing else.
fn is_tls_1_2_or_later(version: &str) -> bool {
    let year = version
        .strip_prefix("TLSv1.2_")
        .or_else(|| version.strip_prefix("TLSv1.3_"));
    year.is_some_and(|year| year.len() == 4 && year.bytes().all(|byte| byte.is_ascii_digit()))
}

static ENABLED: Check = Check {
    id: "CKV_AWS_216",
    name: "Ensure CloudFront distribution is enabled",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The distribution is enabled.",
        why: "A disabled distribution serves nothing, and one left around unused is easily forgotten and misconfigured.",
        fix: "Set `enabled = true`, or delete the distribution when it is no longer needed.",
        fixed: r#"resource "aws_cloudfront_distribution" "site" {
  enabled = true
}"#,
    },
    passing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true
}"#],
    failing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = false
}"#],
    evaluate: enabled,
};

fn enabled(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "enabled", true, Verdict::Failed)
}

static STRICT_TRANSPORT_SECURITY: Check = Check {
    id: "CKV_AWS_259",
    name: "Ensure CloudFront response header policy enforces Strict Transport Security",
    kind: EntityKind::Resource,
    resource_types: &["aws_cloudfront_response_headers_policy"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The policy sends a Strict-Transport-Security header for at least a year, with subdomains, preload and override all on.",
        why: "Without HSTS a browser may still make a first request over plain HTTP, which an attacker can intercept and downgrade.",
        fix: "Add `strict_transport_security` to `security_headers_config` with `access_control_max_age_sec = 31536000`, `include_subdomains`, `preload` and `override` set to true.",
        fixed: r#"resource "aws_cloudfront_response_headers_policy" "site" {
  name = "site"
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_cloudfront_response_headers_policy" "site" {
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 63072000
      include_subdomains         = true
      preload                    = true
      override                   = true
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_cloudfront_response_headers_policy" "site" {
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 86400
      include_subdomains         = true
      preload                    = true
      override                   = true
    }
  }
}"#,
        r#"
resource "aws_cloudfront_response_headers_policy" "site" {
  security_headers_config {
    strict_transport_security {
      access_control_max_age_sec = 31536000
      include_subdomains         = true
      override                   = true
    }
  }
}"#,
        r#"
resource "aws_cloudfront_response_headers_policy" "site" {
  name = "no security headers"
}"#,
    ],
    evaluate: strict_transport_security,
};

/// Checkov fails a policy without the header, with a max age under a year, or with any of
/// `include_subdomains`, `preload` and `override` missing or false. A policy whose security
/// headers block has no `strict_transport_security` also fails.
fn strict_transport_security(resource: &Resource<'_>) -> Verdict {
    let Some(sts) = resource.get("security_headers_config.0.strict_transport_security.0") else {
        return Verdict::Failed;
    };
    if sts.contains_unknown() {
        return Verdict::Unknown;
    }
    let max_age = sts
        .get("access_control_max_age_sec")
        .and_then(Value::as_number);
    if !max_age.is_some_and(|age| age >= 31_536_000.0) {
        return Verdict::Failed;
    }
    let flags_on = ["include_subdomains", "preload", "override"]
        .iter()
        .all(|flag| {
            sts.get(flag)
                .is_some_and(|value| truthy(value) && value.as_bool() != Some(false))
        });
    rules::verdict(flags_on)
}

static DEFAULT_ROOT_OBJECT: Check = Check {
    id: "CKV_AWS_305",
    name: "Ensure CloudFront distribution has a default root object configured",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The distribution names the object it returns for requests to its root URL.",
        why: "Without one, a request for `/` goes to the origin as is, which can list a bucket's contents or expose an error page.",
        fix: "Set `default_root_object`, for example to `index.html`.",
        fixed: r#"resource "aws_cloudfront_distribution" "site" {
  default_root_object = "index.html"
}"#,
    },
    passing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  default_root_object = "index.html"
}"#],
    failing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true
}"#],
    evaluate: default_root_object,
};

fn default_root_object(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "default_root_object")
}

static ORIGIN_FAILOVER: Check = Check {
    id: "CKV_AWS_310",
    name: "Ensure CloudFront distributions should have origin failover configured",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The distribution has origin groups, each with failover criteria and at least two members.",
        why: "Without a second origin to fail over to, an outage of the one origin takes the whole site down.",
        fix: "Add an `origin_group` with `failover_criteria` and two `member` origins, and point the cache behaviour at it.",
        fixed: r#"resource "aws_cloudfront_distribution" "site" {
  origin_group {
    origin_id = "site"
    failover_criteria {
      status_codes = [500, 502, 503, 504]
    }
    member {
      origin_id = "primary"
    }
    member {
      origin_id = "secondary"
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  origin_group {
    origin_id = "site"
    failover_criteria {
      status_codes = [503]
    }
    member {
      origin_id = "primary"
    }
    member {
      origin_id = "secondary"
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true
}"#,
        r#"
resource "aws_cloudfront_distribution" "site" {
  origin_group {
    origin_id = "site"
    failover_criteria {
      status_codes = [503]
    }
    member {
      origin_id = "primary"
    }
  }
}"#,
    ],
    evaluate: origin_failover,
};

fn origin_failover(resource: &Resource<'_>) -> Verdict {
    let groups = match resource.get("origin_group") {
        None | Some(Value::Null) => return Verdict::Failed,
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(groups)) if !groups.is_empty() => groups,
        Some(_) => return Verdict::Failed,
    };
    let all_fail_over = groups.iter().all(|group| {
        group.get("failover_criteria").is_some_and(truthy)
            && group
                .get("member")
                .and_then(Value::as_list)
                .is_some_and(|members| members.len() >= 2)
    });
    rules::verdict(all_fail_over)
}

static GEO_RESTRICTION: Check = Check {
    id: "CKV_AWS_374",
    name: "Ensure AWS CloudFront web distribution has geo restriction enabled",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Low,
    explanation: Explanation {
        what: "The distribution's geo restriction is not set to `none`.",
        why: "Serving every country widens the audience for abuse where the content is not meant to be offered.",
        fix: "Set `restriction_type` to `whitelist` or `blacklist` with the `locations` that apply.",
        fixed: r#"resource "aws_cloudfront_distribution" "site" {
  restrictions {
    geo_restriction {
      restriction_type = "whitelist"
      locations        = ["DE", "FR", "GB"]
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  restrictions {
    geo_restriction {
      restriction_type = "blacklist"
      locations        = ["KP"]
    }
  }
}"#],
    failing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  restrictions {
    geo_restriction {
      restriction_type = "none"
    }
  }
}"#],
    evaluate: geo_restriction,
};

fn geo_restriction(resource: &Resource<'_>) -> Verdict {
    rules::string_not_in(
        resource,
        "restrictions.0.geo_restriction.0.restriction_type",
        &["none"],
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tls_versions_from_1_2_with_a_year_are_modern() {
        assert!(is_tls_1_2_or_later("TLSv1.2_2021"));
        assert!(is_tls_1_2_or_later("TLSv1.3_2025"));
        assert!(!is_tls_1_2_or_later("TLSv1.2_2021x"));
        assert!(!is_tls_1_2_or_later("TLSv1.1_2016"));
        assert!(!is_tls_1_2_or_later("TLSv1"));
    }
}
