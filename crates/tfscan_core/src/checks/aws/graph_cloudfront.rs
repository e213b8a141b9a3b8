//! CloudFront distribution checks that Checkov writes as graph checks: response headers
//! policies, viewer certificates, S3 origin access and the protocols used towards origins.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;
use crate::value::Value;

use super::graph_conditions::{
    all_of, any_of, equals, exists, has_connected, not_contains, not_exists,
};

/// This group's checks.
pub static CHECKS: &[&Check] = &[
    &RESPONSE_HEADERS_POLICY,
    &CUSTOM_CERTIFICATE,
    &S3_ORIGIN_ACCESS,
    &NO_SSLV3_TO_ORIGINS,
    &HTTPS_ONLY_TO_ORIGINS,
];

const DISTRIBUTION: &[&str] = &["aws_cloudfront_distribution"];

/// The smallest distribution the examples build on: `{origin}` and `{extra}` are filled in.
macro_rules! distribution {
    ($origin:expr, $extra:expr) => {
        concat!(
            r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true
"#,
            $origin,
            $extra,
            r#"
  default_cache_behavior {
    target_origin_id       = "site"
    viewer_protocol_policy = "redirect-to-https"
    allowed_methods        = ["GET", "HEAD"]
    cached_methods         = ["GET", "HEAD"]
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
        )
    };
}

/// An origin at a custom (non-S3) server, with the protocol policy and TLS versions given.
macro_rules! custom_origin {
    ($domain:literal, $policy:literal, $protocols:literal) => {
        concat!(
            r#"
  origin {
    origin_id   = "site"
    domain_name = ""#,
            $domain,
            r#""
    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = ""#,
            $policy,
            r#""
      origin_ssl_protocols   = "#,
            $protocols,
            r#"
    }
  }
"#
        )
    };
}

static RESPONSE_HEADERS_POLICY: Check = Check {
    id: "CKV2_AWS_32",
    name: "Ensure CloudFront distribution has a response headers policy attached",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Low,
    explanation: Explanation {
        what: "A distribution refers to a response headers policy (a resource or a data source of the configuration).",
        why: "A response headers policy adds the security headers browsers rely on (HSTS, content type options, frame options, a content security policy) to every response.",
        fix: "Set `response_headers_policy_id` on the cache behaviours, from an `aws_cloudfront_response_headers_policy` or a managed policy read with a data source.",
        fixed: r#"data "aws_cloudfront_response_headers_policy" "security" {
  name = "Managed-SecurityHeadersPolicy"
}

# in each cache behaviour of the distribution:
#   response_headers_policy_id = data.aws_cloudfront_response_headers_policy.security.id"#,
    },
    passing: &[r#"
data "aws_cloudfront_response_headers_policy" "security" {
  name = "Managed-SecurityHeadersPolicy"
}

resource "aws_cloudfront_distribution" "site" {
  enabled = true
  origin {
    origin_id   = "site"
    domain_name = "site.example.com"
  }
  default_cache_behavior {
    target_origin_id           = "site"
    viewer_protocol_policy     = "redirect-to-https"
    allowed_methods            = ["GET", "HEAD"]
    cached_methods             = ["GET", "HEAD"]
    response_headers_policy_id = data.aws_cloudfront_response_headers_policy.security.id
  }
}"#],
    failing: &[distribution!(
        r#"
  origin {
    origin_id   = "site"
    domain_name = "site.example.com"
  }
"#,
        ""
    )],
    evaluate: |distribution| {
        verdict(has_connected(
            distribution,
            &[
                "aws_cloudfront_response_headers_policy",
                "data.aws_cloudfront_response_headers_policy",
            ],
        ))
    },
};

static CUSTOM_CERTIFICATE: Check = Check {
    id: "CKV2_AWS_42",
    name: "Ensure AWS CloudFront distribution uses custom SSL certificate",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Low,
    explanation: Explanation {
        what: "A distribution's `viewer_certificate` names an ACM or IAM certificate rather than CloudFront's default one.",
        why: "The default certificate covers only `*.cloudfront.net`, so users reach the site under a CloudFront name they cannot tell from any other, and its TLS settings cannot be tightened.",
        fix: "Set `acm_certificate_arn` (a certificate in us-east-1) with `ssl_support_method = \"sni-only\"` and a current `minimum_protocol_version`.",
        fixed: r#"  viewer_certificate {
    acm_certificate_arn      = aws_acm_certificate.site.arn
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }"#,
    },
    passing: &[r#"
resource "aws_cloudfront_distribution" "site" {
  enabled = true
  viewer_certificate {
    acm_certificate_arn      = "arn:aws:acm:us-east-1:111122223333:certificate/abc"
    ssl_support_method       = "sni-only"
    minimum_protocol_version = "TLSv1.2_2021"
  }
}"#],
    failing: &[distribution!(
        r#"
  origin {
    origin_id   = "site"
    domain_name = "site.example.com"
  }
"#,
        ""
    )],
    evaluate: |distribution| {
        any_of([
            exists(distribution.attributes, "viewer_certificate.iam_certificate_id"),
            exists(distribution.attributes, "viewer_certificate.acm_certificate_arn"),
        ])
    },
};

static S3_ORIGIN_ACCESS: Check = Check {
    id: "CKV2_AWS_46",
    name: "Ensure AWS CloudFront Distribution with S3 have Origin Access set to enabled",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A distribution connected to an S3 bucket of the configuration reaches its origins through an origin access control or identity.",
        why: "Without one, the bucket must be readable by everyone for CloudFront to serve it, so anyone can bypass CloudFront (and its WAF, logging and signed URLs).",
        fix: "Create an `aws_cloudfront_origin_access_control`, set `origin_access_control_id` on the S3 origin and let only the distribution read the bucket.",
        fixed: r#"  origin {
    origin_id                = "assets"
    domain_name              = aws_s3_bucket.assets.bucket_regional_domain_name
    origin_access_control_id = aws_cloudfront_origin_access_control.assets.id
  }"#,
    },
    passing: &[concat!(
        r#"
resource "aws_s3_bucket" "assets" {
  bucket = "assets"
}
"#,
        distribution!(
            r#"
  origin {
    origin_id                = "site"
    domain_name              = aws_s3_bucket.assets.bucket_regional_domain_name
    origin_access_control_id = "E2QWRUHAPOMQZL"
  }
"#,
            ""
        )
    )],
    failing: &[concat!(
        r#"
resource "aws_s3_bucket" "assets" {
  bucket = "assets"
}
"#,
        distribution!(
            r#"
  origin {
    origin_id   = "site"
    domain_name = aws_s3_bucket.assets.bucket_regional_domain_name
  }
"#,
            ""
        )
    )],
    evaluate: |distribution| {
        any_of([
            verdict(!has_connected(distribution, &["aws_s3_bucket"])),
            exists(distribution.attributes, "origin.*.s3_origin_config"),
            exists(distribution.attributes, "origin.*.origin_access_control_id"),
        ])
    },
};

static NO_SSLV3_TO_ORIGINS: Check = Check {
    id: "CKV2_AWS_54",
    name: "Ensure AWS CloudFront distribution is using secure SSL protocols for HTTPS communication",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No custom origin of a distribution lists `SSLv3` in `origin_ssl_protocols`.",
        why: "SSLv3 is broken (POODLE): traffic between CloudFront and the origin can be decrypted by someone on the path.",
        fix: "List only `TLSv1.2` in `origin_ssl_protocols`.",
        fixed: r#"    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }"#,
    },
    passing: &[distribution!(
        custom_origin!("app.example.com", "https-only", r#"["TLSv1.2"]"#),
        ""
    )],
    failing: &[distribution!(
        custom_origin!("app.example.com", "https-only", r#"["SSLv3", "TLSv1.2"]"#),
        ""
    )],
    evaluate: |distribution| {
        not_contains(
            distribution.attributes,
            "origin.*.custom_origin_config.origin_ssl_protocols",
            "SSLv3",
        )
    },
};

static HTTPS_ONLY_TO_ORIGINS: Check = Check {
    id: "CKV2_AWS_72",
    name: "Ensure AWS CloudFront origin protocol policy enforces HTTPS-only",
    kind: EntityKind::Resource,
    resource_types: DISTRIBUTION,
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A custom origin that is a load balancer or a MediaStore or MediaPackage endpoint has `origin_protocol_policy = \"https-only\"`.",
        why: "Otherwise CloudFront may fetch content over plain HTTP, readable and changeable by anyone on the path to the origin.",
        fix: "Set `origin_protocol_policy = \"https-only\"` and serve HTTPS on the origin.",
        fixed: r#"    custom_origin_config {
      http_port              = 80
      https_port             = 443
      origin_protocol_policy = "https-only"
      origin_ssl_protocols   = ["TLSv1.2"]
    }"#,
    },
    passing: &[
        distribution!(
            custom_origin!(
                "app-123.eu-west-1.elb.amazonaws.com",
                "https-only",
                r#"["TLSv1.2"]"#
            ),
            ""
        ),
        // Other custom origins are not judged.
        distribution!(
            custom_origin!("app.example.com", "http-only", r#"["TLSv1.2"]"#),
            ""
        ),
    ],
    failing: &[distribution!(
        custom_origin!(
            "app-123.eu-west-1.elb.amazonaws.com",
            "match-viewer",
            r#"["TLSv1.2"]"#
        ),
        ""
    )],
    evaluate: https_only_to_origins,
};

/// The hosts Checkov's rule holds to HTTPS: load balancers, MediaStore and MediaPackage.
const HTTPS_HOSTS: &[&str] = &[".mediastore.", ".mediapackage.", ".elb."];

fn https_only_to_origins(distribution: &Resource<'_>) -> Verdict {
    let attributes = distribution.attributes;
    let origins = match attributes.get("origin") {
        Some(Value::List(origins)) => origins.as_slice(),
        Some(Value::Unknown) => return Verdict::Unknown,
        _ => &[],
    };
    let not_https_only = origins.iter().filter(|origin| {
        exists(origin, "custom_origin_config") == Verdict::Passed
            && equals(
                origin,
                "custom_origin_config.origin_protocol_policy",
                "https-only",
            ) != Verdict::Passed
    });
    let allowed = all_of(not_https_only.map(|origin| {
        let protocol = equals(
            origin,
            "custom_origin_config.origin_protocol_policy",
            "https-only",
        );
        all_of(HTTPS_HOSTS.iter().map(|host| {
            // An unknown policy matters only where the host is one the rule covers.
            match not_contains(origin, "domain_name", host) {
                Verdict::Failed if protocol == Verdict::Unknown => Verdict::Unknown,
                other => other,
            }
        }))
    }));
    any_of([
        equals(attributes, "enabled", "false"),
        not_exists(attributes, "origin.*.custom_origin_config"),
        allowed,
    ])
}
