//! API checks that look at connected resources (Checkov's graph checks): API Gateway stages
//! with their method settings, APIs and web ACLs, request validation, and AppSync APIs with
//! their web ACLs.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;

use super::graph_conditions::{
    all_of, any_connected, any_of, connected, contains, equals, exists, has_connected, not_equals,
    within,
};

/// This group's checks.
pub static CHECKS: &[&Check] = &[
    &STAGE_LOGGING_LEVEL,
    &PUBLIC_API_BEHIND_WAF,
    &APPSYNC_BEHIND_WAF,
    &STAGE_CLIENT_CERTIFICATE,
    &REQUEST_VALIDATED,
];

// Checkov's catalogue names the method settings too; its verdicts are on the stages.
static STAGE_LOGGING_LEVEL: Check = Check {
    id: "CKV2_AWS_4",
    name: "Ensure API Gateway stage have logging level defined as appropriate",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_stage"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An API Gateway stage has `aws_api_gateway_method_settings` with `logging_level` `ERROR` or `INFO` and `metrics_enabled = true`.",
        why: "Without execution logs and metrics, failed and abusive calls to the API go unseen and cannot be investigated.",
        fix: "Add method settings for the stage that turn on logging and metrics.",
        fixed: r#"resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = aws_api_gateway_rest_api.api.id
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    logging_level   = "ERROR"
    metrics_enabled = true
  }
}"#,
    },
    passing: &[r#"
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "dep123"
  stage_name    = "prod"
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    logging_level   = "INFO"
    metrics_enabled = true
  }
}"#],
    failing: &[
        r#"
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "dep123"
  stage_name    = "prod"
}"#,
        r#"
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "dep123"
  stage_name    = "prod"
}

resource "aws_api_gateway_method_settings" "all" {
  rest_api_id = "a1b2c3d4e5"
  stage_name  = aws_api_gateway_stage.prod.stage_name
  method_path = "*/*"

  settings {
    logging_level   = "OFF"
    metrics_enabled = true
  }
}"#,
    ],
    evaluate: |stage| {
        any_connected(stage, &["aws_api_gateway_method_settings"], |settings| {
            all_of([
                within(settings.attributes, "settings.logging_level", &["ERROR", "INFO"]),
                equals(settings.attributes, "settings.metrics_enabled", "true"),
            ])
        })
    },
};

// Checkov's catalogue names the REST API too; its verdicts are on the stages.
static PUBLIC_API_BEHIND_WAF: Check = Check {
    id: "CKV2_AWS_29",
    name: "Ensure public API gateway are protected by WAF",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_stage"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A stage of a public REST API has a web ACL association (WAF Classic regional or WAFv2); a stage of a private API needs none.",
        why: "A public API without a web ACL meets injection attempts, scrapers and floods with nothing in front of it.",
        fix: "Make the API `REGIONAL` and associate a WAFv2 web ACL with the stage's ARN.",
        fixed: r#"resource "aws_wafv2_web_acl_association" "api" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "dep123"
  stage_name    = "prod"
}

resource "aws_wafv2_web_acl_association" "api" {
  resource_arn = aws_api_gateway_stage.prod.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/1234"
}"#,
        r#"
resource "aws_api_gateway_rest_api" "internal" {
  name = "internal"
  endpoint_configuration {
    types = ["PRIVATE"]
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.internal.id
  deployment_id = "dep123"
  stage_name    = "prod"
}"#,
    ],
    failing: &[
        r#"
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
  endpoint_configuration {
    types = ["REGIONAL"]
  }
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "dep123"
  stage_name    = "prod"
}"#,
        // An edge-optimized API (the default) cannot take a regional web ACL.
        r#"
resource "aws_api_gateway_rest_api" "api" {
  name = "api"
}

resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = aws_api_gateway_rest_api.api.id
  deployment_id = "dep123"
  stage_name    = "prod"
}"#,
    ],
    evaluate: public_api_behind_waf,
};

/// A stage whose REST API is not a block of the configuration passes, as in Checkov.
fn public_api_behind_waf(stage: &Resource<'_>) -> Verdict {
    let apis = connected(stage, &["aws_api_gateway_rest_api"]);
    if apis.is_empty() {
        return Verdict::Passed;
    }
    let types = "endpoint_configuration.types";
    let behind_waf = verdict(has_connected(
        stage,
        &[
            "aws_wafregional_web_acl_association",
            "aws_wafv2_web_acl_association",
        ],
    ));
    any_of(apis.iter().map(|api| {
        any_of([
            contains(api.attributes, types, "PRIVATE"),
            all_of([contains(api.attributes, types, "REGIONAL"), behind_waf]),
        ])
    }))
}

static APPSYNC_BEHIND_WAF: Check = Check {
    id: "CKV2_AWS_33",
    name: "Ensure AppSync is protected by WAF",
    kind: EntityKind::Resource,
    resource_types: &["aws_appsync_graphql_api"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An AppSync GraphQL API has an `aws_wafv2_web_acl_association` of the configuration.",
        why: "A GraphQL endpoint without a web ACL meets injection attempts, introspection scraping and floods with nothing in front of it.",
        fix: "Associate a regional WAFv2 web ACL with the API's ARN.",
        fixed: r#"resource "aws_wafv2_web_acl_association" "graphql" {
  resource_arn = aws_appsync_graphql_api.main.arn
  web_acl_arn  = aws_wafv2_web_acl.api.arn
}"#,
    },
    passing: &[r#"
resource "aws_appsync_graphql_api" "main" {
  name                = "main"
  authentication_type = "AWS_IAM"
}

resource "aws_wafv2_web_acl_association" "graphql" {
  resource_arn = aws_appsync_graphql_api.main.arn
  web_acl_arn  = "arn:aws:wafv2:eu-west-1:111122223333:regional/webacl/api/1234"
}"#],
    failing: &[r#"
resource "aws_appsync_graphql_api" "main" {
  name                = "main"
  authentication_type = "AWS_IAM"
}"#],
    evaluate: |api| verdict(has_connected(api, &["aws_wafv2_web_acl_association"])),
};

// Checkov's catalogue names the HTTP/WebSocket API too; its verdicts are on the stages.
static STAGE_CLIENT_CERTIFICATE: Check = Check {
    id: "CKV2_AWS_51",
    name: "Ensure AWS API Gateway endpoints uses client certificate authentication",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_stage", "aws_apigatewayv2_stage"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A REST API stage, or a WebSocket API stage, sets `client_certificate_id`.",
        why: "With a client certificate the backend can tell that a request came through API Gateway and not straight from someone who found its address.",
        fix: "Create an `aws_api_gateway_client_certificate`, name it in the stage's `client_certificate_id` and make the backend check it.",
        fixed: r#"resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = aws_api_gateway_rest_api.api.id
  deployment_id         = aws_api_gateway_deployment.api.id
  stage_name            = "prod"
  client_certificate_id = aws_api_gateway_client_certificate.backend.id
}"#,
    },
    passing: &[
        r#"
resource "aws_api_gateway_stage" "prod" {
  rest_api_id           = "a1b2c3d4e5"
  deployment_id         = "dep123"
  stage_name            = "prod"
  client_certificate_id = "cert123"
}"#,
        // HTTP APIs have no client certificates, so their stages are not held to it.
        r#"
resource "aws_apigatewayv2_api" "http" {
  name          = "http"
  protocol_type = "HTTP"
}

resource "aws_apigatewayv2_stage" "prod" {
  api_id = aws_apigatewayv2_api.http.id
  name   = "prod"
}"#,
    ],
    failing: &[
        r#"
resource "aws_api_gateway_stage" "prod" {
  rest_api_id   = "a1b2c3d4e5"
  deployment_id = "dep123"
  stage_name    = "prod"
}"#,
        r#"
resource "aws_apigatewayv2_api" "socket" {
  name                       = "socket"
  protocol_type              = "WEBSOCKET"
  route_selection_expression = "$request.body.action"
}

resource "aws_apigatewayv2_stage" "prod" {
  api_id = aws_apigatewayv2_api.socket.id
  name   = "prod"
}"#,
    ],
    evaluate: stage_client_certificate,
};

/// A v2 stage whose API is not a block of the configuration passes, as in Checkov.
fn stage_client_certificate(stage: &Resource<'_>) -> Verdict {
    let certificate = exists(stage.attributes, "client_certificate_id");
    if stage.resource_type == "aws_api_gateway_stage" {
        return certificate;
    }
    let apis = connected(stage, &["aws_apigatewayv2_api"]);
    if apis.is_empty() {
        return Verdict::Passed;
    }
    any_of([
        certificate,
        any_of(
            apis.iter()
                .map(|api| not_equals(api.attributes, "protocol_type", "WEBSOCKET")),
        ),
    ])
}

static REQUEST_VALIDATED: Check = Check {
    id: "CKV2_AWS_53",
    name: "Ensure AWS API gateway request is validated",
    kind: EntityKind::Resource,
    resource_types: &["aws_api_gateway_method"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An API Gateway method names a request validator in `request_validator_id`.",
        why: "Without validation, malformed or oversized requests reach the backend, which must then defend itself against each of them.",
        fix: "Create an `aws_api_gateway_request_validator` and name it in the method's `request_validator_id`.",
        fixed: r#"resource "aws_api_gateway_method" "create" {
  rest_api_id          = aws_api_gateway_rest_api.api.id
  resource_id          = aws_api_gateway_resource.items.id
  http_method          = "POST"
  authorization        = "AWS_IAM"
  request_validator_id = aws_api_gateway_request_validator.body.id
}"#,
    },
    passing: &[r#"
resource "aws_api_gateway_method" "create" {
  rest_api_id          = "a1b2c3d4e5"
  resource_id          = "res123"
  http_method          = "POST"
  authorization        = "AWS_IAM"
  request_validator_id = "val123"
}"#],
    failing: &[r#"
resource "aws_api_gateway_method" "create" {
  rest_api_id   = "a1b2c3d4e5"
  resource_id   = "res123"
  http_method   = "POST"
  authorization = "AWS_IAM"
}"#],
    evaluate: |method| exists(method.attributes, "request_validator_id"),
};
