//! Amazon API Gateway checks (REST APIs and HTTP/WebSocket APIs).

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &METHOD_AUTHORIZATION,
    &STAGE_XRAY,
    &STAGE_ACCESS_LOGGING,
    &STAGE_CACHING,
    &DOMAIN_TLS,
    &DEPLOYMENT_CREATE_BEFORE_DESTROY,
    &METHOD_SETTINGS_CACHING,
    &REST_API_CREATE_BEFORE_DESTROY,
    &METHOD_SETTINGS_DATA_TRACE,
    &METHOD_SETTINGS_CACHE_ENCRYPTED,
    &ROUTE_AUTHORIZATION_TYPE,
    &METHOD_AUTHORIZATION_OR_PRIVATE_API,
];

static METHOD_AUTHORIZATION: Check = Check {
    id: "CKV_AWS_59",
    name: "Ensure there is no open access to back-end resources through API",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_method"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A method other than OPTIONS requires an authorizer or an API key.",
        why: "A method with no authorization lets anyone on the internet call the back end behind it.",
        fix: "Set `authorization` to `AWS_IAM`, `COGNITO_USER_POOLS` or `CUSTOM`, or require an API key.",
        fixed: r#"resource "aws_api_gateway_method" "get_orders" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_resource.orders.id
  http_method   = "GET"
  authorization = "AWS_IAM"
}"#,
    },
    passing: &[
        r#"
resource "aws_api_gateway_method" "get_orders" {
  http_method   = "GET"
  authorization = "AWS_IAM"
}"#,
        r#"
resource "aws_api_gateway_method" "preflight" {
  http_method   = "OPTIONS"
  authorization = "NONE"
}

resource "aws_api_gateway_method" "with_key" {
  http_method      = "GET"
  authorization    = "NONE"
  api_key_required = true
}"#,
    ],
    failing: &[r#"
resource "aws_api_gateway_method" "get_orders" {
  http_method   = "GET"
  authorization = "NONE"
}"#],
    evaluate: method_authorization,
};

fn method_authorization(resource: &Resource<'_>) -> Verdict {
    let method = resource.get("http_method");
    let authorization = resource.get("authorization");
    let key_required = resource.get("api_key_required");
    if [method, authorization, key_required]
        .into_iter()
        .flatten()
        .any(Value::is_unknown)
    {
        return Verdict::Unknown;
    }
    let open = method.is_some_and(|method| method.as_str() != Some("OPTIONS"))
        && authorization.and_then(Value::as_str) == Some("NONE")
        && key_required.is_none_or(|required| required.as_bool() == Some(false));
    rules::verdict(!open)
}

static STAGE_XRAY: Check = Check {
    id: "CKV_AWS_73",
    name: "Ensure API Gateway has X-Ray Tracing enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_stage"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The stage traces requests with AWS X-Ray.",
        why: "Traces show where requests slow down or fail across the API and its back ends.",
        fix: "Set `xray_tracing_enabled = true`.",
        fixed: r#"resource "aws_api_gateway_stage" "prod" {
  stage_name           = "prod"
  xray_tracing_enabled = true
}"#,
    },
    passing: &[r#"
resource "aws_api_gateway_stage" "prod" {
  xray_tracing_enabled = true
}"#],
    failing: &[r#"
resource "aws_api_gateway_stage" "prod" {
  stage_name = "prod"
}"#],
    evaluate: stage_xray,
};

fn stage_xray(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "xray_tracing_enabled", true, Verdict::Failed)
}

static STAGE_ACCESS_LOGGING: Check = Check {
    id: "CKV_AWS_76",
    name: "Ensure API Gateway has Access Logging enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_stage", "aws_apigatewayv2_stage"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The stage writes access logs to a destination.",
        why: "Access logs record who called the API and how, the trail needed after abuse or an incident.",
        fix: "Add `access_log_settings` with a `destination_arn` and a `format`.",
        fixed: r#"resource "aws_api_gateway_stage" "prod" {
  access_log_settings {
    destination_arn = aws_cloudwatch_log_group.api.arn
    format          = "$context.requestId $context.identity.sourceIp $context.status"
  }
}"#,
    },
    passing: &[r#"
resource "aws_apigatewayv2_stage" "prod" {
  access_log_settings {
    destination_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:api"
    format          = "$context.requestId"
  }
}"#],
    failing: &[r#"
resource "aws_api_gateway_stage" "prod" {
  stage_name = "prod"
}"#],
    evaluate: stage_access_logging,
};

fn stage_access_logging(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "access_log_settings.0.destination_arn")
}

static STAGE_CACHING: Check = Check {
    id: "CKV_AWS_120",
    name: "Ensure API Gateway caching is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_stage"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The stage has a cache cluster.",
        why: "Caching absorbs repeated requests, keeping latency low and the back end safe from bursts.",
        fix: "Set `cache_cluster_enabled = true` (and a `cache_cluster_size`).",
        fixed: r#"resource "aws_api_gateway_stage" "prod" {
  cache_cluster_enabled = true
  cache_cluster_size    = "0.5"
}"#,
    },
    passing: &[r#"
resource "aws_api_gateway_stage" "prod" {
  cache_cluster_enabled = true
}"#],
    failing: &[r#"
resource "aws_api_gateway_stage" "prod" {
  cache_cluster_enabled = false
}"#],
    evaluate: stage_caching,
};

fn stage_caching(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(resource, "cache_cluster_enabled", true, Verdict::Failed)
}

static DOMAIN_TLS: Check = Check {
    id: "CKV_AWS_206",
    name: "Ensure API Gateway Domain uses a modern security Policy",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_domain_name"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The custom domain requires TLS 1.2 or later (`TLS_1_2` or one of the newer TLS 1.3 policies).",
        why: "The default `TLS_1_0` policy accepts protocol versions with known weaknesses.",
        fix: "Set `security_policy = \"TLS_1_2\"`.",
        fixed: r#"resource "aws_api_gateway_domain_name" "api" {
  domain_name     = "api.example.com"
  security_policy = "TLS_1_2"
}"#,
    },
    passing: &[r#"
resource "aws_api_gateway_domain_name" "api" {
  security_policy = "TLS_1_2"
}"#],
    failing: &[
        r#"
resource "aws_api_gateway_domain_name" "api" {
  security_policy = "TLS_1_0"
}"#,
        r#"
resource "aws_api_gateway_domain_name" "api" {
  domain_name = "api.example.com"
}"#,
    ],
    evaluate: domain_tls,
};

fn domain_tls(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "security_policy",
        &[
            "TLS_1_2",
            "SecurityPolicy_TLS13_1_3_2025_09",
            "SecurityPolicy_TLS13_1_3_FIPS_2025_09",
            "SecurityPolicy_TLS13_1_2_PFS_PQ_2025_09",
            "SecurityPolicy_TLS13_1_2_FIPS_PQ_2025_09",
            "SecurityPolicy_TLS13_1_2_PQ_2025_09",
            "SecurityPolicy_TLS13_1_2_2021_06",
            "SecurityPolicy_TLS13_2025_EDGE",
        ],
        Verdict::Failed,
    )
}

static DEPLOYMENT_CREATE_BEFORE_DESTROY: Check = Check {
    id: "CKV_AWS_217",
    name: "Ensure Create before destroy for API deployments",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_deployment"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The deployment is replaced by creating the new one before destroying the old.",
        why: "Destroying first fails while a stage still points at the deployment, or leaves the API without one.",
        fix: "Add `lifecycle { create_before_destroy = true }`.",
        fixed: r#"resource "aws_api_gateway_deployment" "shop" {
  rest_api_id = aws_api_gateway_rest_api.shop.id
  lifecycle {
    create_before_destroy = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_api_gateway_deployment" "shop" {
  lifecycle {
    create_before_destroy = true
  }
}"#],
    failing: &[r#"
resource "aws_api_gateway_deployment" "shop" {
  rest_api_id = "a1b2c3d4"
}"#],
    evaluate: create_before_destroy,
};

fn create_before_destroy(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "lifecycle.0.create_before_destroy",
        true,
        Verdict::Failed,
    )
}

static METHOD_SETTINGS_CACHING: Check = Check {
    id: "CKV_AWS_225",
    name: "Ensure API Gateway method setting caching is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_method_settings"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The method settings turn response caching on.",
        why: "Caching absorbs repeated requests, keeping latency low and the back end safe from bursts.",
        fix: "Set `caching_enabled = true` in `settings`.",
        fixed: r#"resource "aws_api_gateway_method_settings" "all" {
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_api_gateway_method_settings" "all" {
  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}"#],
    failing: &[r#"
resource "aws_api_gateway_method_settings" "all" {
  settings {
    metrics_enabled = true
  }
}"#],
    evaluate: method_settings_caching,
};

fn method_settings_caching(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "settings.0.caching_enabled",
        true,
        Verdict::Failed,
    )
}

static REST_API_CREATE_BEFORE_DESTROY: Check = Check {
    id: "CKV_AWS_237",
    name: "Ensure Create before destroy for API Gateway",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_rest_api"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The REST API is replaced by creating the new one before destroying the old.",
        why: "Destroying first leaves clients without an API until the new one is ready.",
        fix: "Add `lifecycle { create_before_destroy = true }`.",
        fixed: r#"resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  lifecycle {
    create_before_destroy = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_api_gateway_rest_api" "shop" {
  lifecycle {
    create_before_destroy = true
  }
}"#],
    failing: &[r#"
resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
}"#],
    evaluate: create_before_destroy,
};

static METHOD_SETTINGS_DATA_TRACE: Check = Check {
    id: "CKV_AWS_276",
    name: "Ensure Data Trace is not enabled in API Gateway Method Settings",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_method_settings"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The method settings do not log full requests and responses (data trace).",
        why: "Data trace writes request and response bodies, tokens and personal data included, to CloudWatch Logs.",
        fix: "Remove `data_trace_enabled = true` from `settings`.",
        fixed: r#"resource "aws_api_gateway_method_settings" "all" {
  method_path = "*/*"
  settings {
    logging_level      = "ERROR"
    data_trace_enabled = false
  }
}"#,
    },
    passing: &[r#"
resource "aws_api_gateway_method_settings" "all" {
  settings {
    data_trace_enabled = false
  }
}"#],
    failing: &[r#"
resource "aws_api_gateway_method_settings" "all" {
  settings {
    data_trace_enabled = true
  }
}"#],
    evaluate: method_settings_data_trace,
};

fn method_settings_data_trace(resource: &Resource<'_>) -> Verdict {
    rules::bool_not_equals(resource, "settings.0.data_trace_enabled", true)
}

static METHOD_SETTINGS_CACHE_ENCRYPTED: Check = Check {
    id: "CKV_AWS_308",
    name: "Ensure API Gateway method setting caching is set to encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_method_settings"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "When the method settings cache responses, the cache is encrypted.",
        why: "Cached responses can hold personal or business data that should not sit unencrypted.",
        fix: "Set `cache_data_encrypted = true` next to `caching_enabled = true`.",
        fixed: r#"resource "aws_api_gateway_method_settings" "all" {
  method_path = "*/*"
  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_api_gateway_method_settings" "all" {
  settings {
    caching_enabled      = true
    cache_data_encrypted = true
  }
}"#,
        r#"
resource "aws_api_gateway_method_settings" "all" {
  settings {
    metrics_enabled = true
  }
}"#,
    ],
    failing: &[r#"
resource "aws_api_gateway_method_settings" "all" {
  settings {
    caching_enabled = true
  }
}"#],
    evaluate: method_settings_cache_encrypted,
};

fn method_settings_cache_encrypted(resource: &Resource<'_>) -> Verdict {
    let caching = resource.get("settings.0.caching_enabled");
    let encrypted = resource.get("settings.0.cache_data_encrypted");
    if caching.is_some_and(Value::is_unknown) {
        return Verdict::Unknown;
    }
    if !caching.is_some_and(|on| truthy(on) && on.as_bool() != Some(false)) {
        return Verdict::Passed;
    }
    match encrypted {
        Some(Value::Unknown) => Verdict::Unknown,
        Some(value) => rules::verdict(truthy(value) && value.as_bool() != Some(false)),
        None => Verdict::Failed,
    }
}

static ROUTE_AUTHORIZATION_TYPE: Check = Check {
    id: "CKV_AWS_309",
    name: "Ensure API GatewayV2 routes specify an authorization type",
    kind: EntityKind::Resource,
    resource_types: &["aws_apigatewayv2_route"],
    severity: Severity::High,
    explanation: Explanation {
        what: "The route authorizes callers with IAM, a Lambda authorizer or JWTs.",
        why: "A route without authorization lets anyone on the internet reach its integration.",
        fix: "Set `authorization_type` to `AWS_IAM`, `CUSTOM` or `JWT` (with an `authorizer_id`).",
        fixed: r#"resource "aws_apigatewayv2_route" "orders" {
  api_id             = aws_apigatewayv2_api.shop.id
  route_key          = "GET /orders"
  authorization_type = "JWT"
  authorizer_id      = aws_apigatewayv2_authorizer.users.id
}"#,
    },
    passing: &[r#"
resource "aws_apigatewayv2_route" "orders" {
  route_key          = "GET /orders"
  authorization_type = "AWS_IAM"
}"#],
    failing: &[
        r#"
resource "aws_apigatewayv2_route" "orders" {
  route_key          = "GET /orders"
  authorization_type = "NONE"
}"#,
        r#"
resource "aws_apigatewayv2_route" "orders" {
  route_key = "GET /orders"
}"#,
    ],
    evaluate: route_authorization_type,
};

fn route_authorization_type(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "authorization_type",
        &["AWS_IAM", "CUSTOM", "JWT"],
        Verdict::Failed,
    )
}

static METHOD_AUTHORIZATION_OR_PRIVATE_API: Check = Check {
    id: "CKV2_AWS_70",
    name: "Ensure API gateway method has authorization or API key set",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_method"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An OPTIONS method without authorization or API key belongs to a private REST API, or to one whose policy does not let everyone invoke it.",
        why: "An open method on a public API can be called by anyone on the internet.",
        fix: "Require authorization or an API key, make the REST API private, or deny `execute-api:Invoke` to `*` in its policy.",
        fixed: r#"resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_method" "preflight" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  resource_id   = aws_api_gateway_rest_api.shop.root_resource_id
  http_method   = "OPTIONS"
  authorization = "NONE"
}"#,
    },
    passing: &[
        r#"
resource "aws_api_gateway_method" "get_orders" {
  http_method   = "GET"
  authorization = "NONE"
}"#,
        r#"
resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_method" "preflight" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}"#,
    ],
    failing: &[r#"
resource "aws_api_gateway_rest_api" "shop" {
  name = "shop"
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = "*"
      Action    = "execute-api:Invoke"
      Resource  = "*"
    }]
  })
}

resource "aws_api_gateway_method" "preflight" {
  rest_api_id   = aws_api_gateway_rest_api.shop.id
  http_method   = "OPTIONS"
  authorization = "NONE"
}"#],
    evaluate: method_authorization_or_private_api,
};

/// Checkov's rule, which looks past the method only for an OPTIONS method with no
/// authorization and no API key: then the REST API it belongs to passes it when private
/// (`types = ["PRIVATE"]` exactly), and otherwise its policy (on the API or in an
/// `aws_api_gateway_rest_api_policy`) decides. Without a REST API or a policy to read there
/// is no verdict.
fn method_authorization_or_private_api(resource: &Resource<'_>) -> Verdict {
    let fields = ["authorization", "api_key_required", "http_method"].map(|key| resource.get(key));
    if fields.iter().flatten().any(|value| value.is_unknown()) {
        return Verdict::Unknown;
    }
    let [authorization, key_required, method] = fields;
    if authorization.and_then(Value::as_str) != Some("NONE")
        || key_required
            .is_some_and(|required| truthy(required) && required.as_bool() != Some(false))
        || method.and_then(Value::as_str) != Some("OPTIONS")
    {
        return Verdict::Passed;
    }

    let apis = resource.references(Some("aws_api_gateway_rest_api"));
    let Some(api) = apis.iter().find(|api| api.kind == EntityKind::Resource) else {
        return Verdict::NotApplicable;
    };
    match api.get("endpoint_configuration.0.types") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(types)) if matches!(types.as_slice(), [only] if only.as_str() == Some("PRIVATE")) =>
        {
            return Verdict::Passed;
        }
        _ => {}
    }
    let policy = if api.get("policy").is_some() {
        api.get("policy")
    } else {
        let policies = api.referrers(Some("aws_api_gateway_rest_api_policy"));
        match policies.first() {
            Some(attached) => attached.get("policy"),
            None => return Verdict::NotApplicable,
        }
    };
    match crate::checks::aws::iam_policy::read_attribute(policy) {
        Some(crate::checks::aws::iam_policy::Document::Known(document)) => {
            policy_is_secure(&document)
        }
        Some(crate::checks::aws::iam_policy::Document::Unknown) => Verdict::Unknown,
        _ => Verdict::NotApplicable,
    }
}

/// The actions that let a caller invoke the API.
const INVOKE_ACTIONS: &[&str] = &["execute-api:Invoke", "execute-api:*", "*"];

/// A denial of invoking to `*` passes the policy at once; an unconditioned allowing of it to
/// `*` fails it. Checkov reads `Action` only as a single string and stops (no verdict) on a
/// list, and reads only a list of statements.
fn policy_is_secure(document: &Value) -> Verdict {
    let Some(Value::List(statements)) = document.get("Statement") else {
        return Verdict::NotApplicable;
    };
    let mut secure = true;
    for statement in statements {
        let effect = statement.get("Effect").and_then(Value::as_str);
        let to_everyone = statement.get("Principal").and_then(Value::as_str) == Some("*");
        let conditioned = statement.get("Condition").is_some();
        if !to_everyone || !matches!(effect, Some("Allow" | "Deny")) {
            continue;
        }
        if effect == Some("Allow") && conditioned {
            continue;
        }
        let invokes = match statement.get("Action") {
            Some(Value::String(action)) => INVOKE_ACTIONS.contains(&action.as_str()),
            Some(Value::List(_)) => return Verdict::NotApplicable,
            _ => false,
        };
        if effect == Some("Deny") && invokes {
            return Verdict::Passed;
        }
        if effect == Some("Allow") && invokes {
            secure = false;
        }
    }
    rules::verdict(secure)
}
