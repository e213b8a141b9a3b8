//! AWS Lambda checks: functions, function URLs and permissions.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::{rules, secrets};
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &ENVIRONMENT_SECRETS,
    &XRAY_TRACING,
    &CONCURRENCY_LIMIT,
    &DEAD_LETTER_QUEUE,
    &IN_VPC,
    &ENVIRONMENT_ENCRYPTION,
    &URL_AUTHENTICATION,
    &CODE_SIGNING,
    &NOT_PUBLIC,
    &SUPPORTED_RUNTIME,
    &SERVICE_PERMISSION_SCOPED,
];

static ENVIRONMENT_SECRETS: Check = Check {
    id: "CKV_AWS_45",
    name: "Ensure no hard-coded secrets exist in lambda environment",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_function"],
    severity: Severity::Critical,
    explanation: Explanation {
        what: "No environment variable of a Lambda function holds an AWS access key, secret key, account ID assignment or private key written into the configuration.",
        why: "Environment variables are readable by anyone who can view the function's configuration, and a key written in Terraform also lives on in version control and state.",
        fix: "Give the function an execution role instead of keys, and pass other secrets by reference (Secrets Manager or SSM Parameter Store) rather than by value.",
        fixed: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  environment {
    variables = {
      DB_PASSWORD_SECRET = aws_secretsmanager_secret.db.arn
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  environment {
    variables = {
      STAGE       = "production"
      TABLE_NAME  = aws_dynamodb_table.orders.name
      CONFIG_SHA1 = "da39a3ee5e6b4b0d3255bfef95601890afd80709"
    }
  }
}"#,
        r#"
resource "aws_lambda_function" "no_environment" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "worker.zip"
}"#,
    ],
    failing: &[
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  environment {
    variables = {
      ACCESS_KEY_ID = "AKIAIOSFODNN7EXAMPLE"
    }
  }
}"#,
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  environment {
    variables = {
      SECRET_ACCESS_KEY = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
    }
  }
}"#,
    ],
    evaluate: environment_secrets,
};

/// Failed when a known string among the environment variables (or in a list of strings that
/// one of them holds) looks like a credential. A value that is unknown before apply is not
/// written in the configuration, so it cannot be a hard-coded secret and is not counted.
fn environment_secrets(resource: &Resource<'_>) -> Verdict {
    let Some(Value::Object(variables)) = resource.get("environment.0.variables") else {
        return Verdict::Passed;
    };
    let has_secret = variables.values().any(|value| match value {
        Value::String(text) => secrets::has_aws_secret_or_private_key(text),
        Value::List(items) => items
            .iter()
            .filter_map(Value::as_str)
            .any(secrets::has_aws_secret_or_private_key),
        _ => false,
    });
    rules::verdict(!has_secret)
}

static XRAY_TRACING: Check = Check {
    id: "CKV_AWS_50",
    name: "X-Ray tracing is enabled for Lambda",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_function"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Lambda function has a `tracing_config` block whose mode is `Active` or `PassThrough`.",
        why: "Without X-Ray traces, slow or failing calls through the function cannot be followed across services when something goes wrong.",
        fix: "Add `tracing_config { mode = \"Active\" }` to the function.",
        fixed: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  tracing_config {
    mode = "Active"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_lambda_function" "active" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  tracing_config {
    mode = "Active"
  }
}

resource "aws_lambda_function" "pass_through" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"

  tracing_config {
    mode = "PassThrough"
  }
}"#,
    ],
    failing: &[r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
}"#],
    evaluate: xray_tracing,
};

fn xray_tracing(resource: &Resource<'_>) -> Verdict {
    rules::string_in(
        resource,
        "tracing_config.0.mode",
        &["PassThrough", "Active"],
        Verdict::Failed,
    )
}

static CONCURRENCY_LIMIT: Check = Check {
    id: "CKV_AWS_115",
    name: "Ensure that AWS Lambda function is configured for function-level concurrent execution limit",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_function"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Lambda function sets `reserved_concurrent_executions` (to any value: like Checkov, this check also accepts -1, which reserves nothing).",
        why: "A function without a reservation can use up the whole account's concurrency in a burst and starve every other function, or run up costs unchecked.",
        fix: "Set `reserved_concurrent_executions` to the most copies the function should ever run at once.",
        fixed: r#"resource "aws_lambda_function" "api" {
  function_name                  = "api"
  role                           = aws_iam_role.api.arn
  handler                        = "index.handler"
  runtime                        = "python3.12"
  filename                       = "api.zip"
  reserved_concurrent_executions = 50
}"#,
    },
    passing: &[r#"
resource "aws_lambda_function" "api" {
  function_name                  = "api"
  role                           = aws_iam_role.api.arn
  handler                        = "index.handler"
  runtime                        = "python3.12"
  filename                       = "api.zip"
  reserved_concurrent_executions = 50
}"#],
    failing: &[
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
}"#,
        r#"
resource "aws_lambda_function" "api" {
  function_name                  = "api"
  role                           = aws_iam_role.api.arn
  handler                        = "index.handler"
  runtime                        = "python3.12"
  filename                       = "api.zip"
  reserved_concurrent_executions = null
}"#,
    ],
    evaluate: concurrency_limit,
};

/// Only a missing or null value fails. Checkov's rule forbids -1 (the provider's "no
/// reservation") as its parser first writes it, the text `${-1}`; but a full Checkov run
/// evaluates that text to the number -1 before the check sees it, so -1 passes there (the
/// terraform-aws-lambda module's default of -1 passes in every corpus report), and here.
fn concurrency_limit(resource: &Resource<'_>) -> Verdict {
    match resource.get("reserved_concurrent_executions") {
        None | Some(Value::Null) => Verdict::Failed,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(_) => Verdict::Passed,
    }
}

static DEAD_LETTER_QUEUE: Check = Check {
    id: "CKV_AWS_116",
    name: "Ensure that AWS Lambda function is configured for a Dead Letter Queue(DLQ)",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_function"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Lambda function has a `dead_letter_config` block with a `target_arn`.",
        why: "Asynchronous events that keep failing are otherwise dropped after the retries, with no record to inspect or replay.",
        fix: "Add a `dead_letter_config` block that points at an SQS queue or SNS topic.",
        fixed: r#"resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"

  dead_letter_config {
    target_arn = aws_sqs_queue.worker_dlq.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"

  dead_letter_config {
    target_arn = aws_sqs_queue.worker_dlq.arn
  }
}"#],
    failing: &[
        r#"
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"
}"#,
        r#"
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = aws_iam_role.worker.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"

  dead_letter_config {
    target_arn = ""
  }
}"#,
    ],
    evaluate: dead_letter_queue,
};

fn dead_letter_queue(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "dead_letter_config.0.target_arn")
}

static IN_VPC: Check = Check {
    id: "CKV_AWS_117",
    name: "Ensure that AWS Lambda function is configured inside a VPC",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_function"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Lambda function has a `vpc_config` block.",
        why: "A function outside a VPC cannot reach private resources through private networking, nor be held to the network controls (security groups, flow logs) that apply inside it.",
        fix: "Add a `vpc_config` block with the function's subnets and security groups.",
        fixed: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  vpc_config {
    subnet_ids         = aws_subnet.private[*].id
    security_group_ids = [aws_security_group.api.id]
  }
}"#,
    },
    passing: &[r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  vpc_config {
    subnet_ids         = ["subnet-0a1b2c3d", "subnet-4e5f6a7b"]
    security_group_ids = ["sg-0123456789abcdef0"]
  }
}"#],
    failing: &[r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
}"#],
    evaluate: in_vpc,
};

/// Any `vpc_config` block passes, as in Checkov, whatever it holds.
fn in_vpc(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "vpc_config")
}

static ENVIRONMENT_ENCRYPTION: Check = Check {
    id: "CKV_AWS_173",
    name: "Check encryption settings for Lambda environmental variable",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_function"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Lambda function with environment variables names a customer managed KMS key (`kms_key_arn`) for them, and a function without variables names none.",
        why: "Variables encrypted only with the AWS managed key can be read by anyone allowed to view the function, while a key of your own adds a permission you control; a key with nothing to encrypt leaves Terraform showing a change on every plan.",
        fix: "Set `kms_key_arn` to a customer managed key when the function has an `environment` block, and remove it when the function has none.",
        fixed: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
  kms_key_arn   = aws_kms_key.lambda.arn

  environment {
    variables = {
      STAGE = "production"
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
  kms_key_arn   = aws_kms_key.lambda.arn

  environment {
    variables = {
      STAGE = "production"
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"

  environment {
    variables = {
      STAGE = "production"
    }
  }
}"#,
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
  kms_key_arn   = ""

  environment {
    variables = {
      STAGE = "production"
    }
  }
}"#,
        r#"
resource "aws_lambda_function" "no_variables" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
  kms_key_arn   = aws_kms_key.lambda.arn
}"#,
    ],
    evaluate: environment_encryption,
};

/// Checkov asks only whether `kms_key_arn` is written (an empty string counts as no key), not
/// what it holds: with an `environment` block a key must be written; without one it must not
/// be; a function with neither is not reported.
fn environment_encryption(resource: &Resource<'_>) -> Verdict {
    let has_environment = match resource.get("environment") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(blocks)) => !blocks.is_empty(),
        _ => false,
    };
    match (has_environment, resource.get("kms_key_arn")) {
        (true, Some(Value::String(key))) => rules::verdict(!key.is_empty()),
        (true, Some(_)) => Verdict::Passed,
        (true, None) | (false, Some(_)) => Verdict::Failed,
        (false, None) => Verdict::NotApplicable,
    }
}

static URL_AUTHENTICATION: Check = Check {
    id: "CKV_AWS_258",
    name: "Ensure that Lambda function URLs AuthType is not None",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_function_url"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A Lambda function URL does not set `authorization_type` to `NONE`.",
        why: "A URL without authentication lets anyone on the internet invoke the function, and pay for it with your account.",
        fix: "Set `authorization_type = \"AWS_IAM\"` and grant `lambda:InvokeFunctionUrl` to the callers that need it.",
        fixed: r#"resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "AWS_IAM"
}"#,
    },
    passing: &[r#"
resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "AWS_IAM"
}"#],
    failing: &[r#"
resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "NONE"
}"#],
    evaluate: url_authentication,
};

fn url_authentication(resource: &Resource<'_>) -> Verdict {
    rules::string_not_in(resource, "authorization_type", &["NONE"])
}

static CODE_SIGNING: Check = Check {
    id: "CKV_AWS_272",
    name: "Ensure AWS Lambda function is configured to validate code-signing",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_function"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Lambda function names a code signing configuration (`code_signing_config_arn`).",
        why: "Without one, Lambda deploys any package it is handed, so code altered between build and deployment runs unnoticed.",
        fix: "Create an `aws_lambda_code_signing_config` that trusts your signing profile and set the function's `code_signing_config_arn` to it.",
        fixed: r#"resource "aws_lambda_function" "api" {
  function_name           = "api"
  role                    = aws_iam_role.api.arn
  handler                 = "index.handler"
  runtime                 = "python3.12"
  s3_bucket               = aws_signer_signing_job.api.signed_object[0].s3[0].bucket
  s3_key                  = aws_signer_signing_job.api.signed_object[0].s3[0].key
  code_signing_config_arn = aws_lambda_code_signing_config.trusted.arn
}"#,
    },
    passing: &[r#"
resource "aws_lambda_function" "api" {
  function_name           = "api"
  role                    = aws_iam_role.api.arn
  handler                 = "index.handler"
  runtime                 = "python3.12"
  filename                = "api.zip"
  code_signing_config_arn = aws_lambda_code_signing_config.trusted.arn
}"#],
    failing: &[
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
}"#,
        r#"
resource "aws_lambda_function" "api" {
  function_name           = "api"
  role                    = aws_iam_role.api.arn
  handler                 = "index.handler"
  runtime                 = "python3.12"
  filename                = "api.zip"
  code_signing_config_arn = ""
}"#,
    ],
    evaluate: code_signing,
};

/// Container-image functions cannot use code signing, yet Checkov 3.3.30 asks it of them too
/// (its exemption for `package_type = "Image"` compares a list with a string and never
/// applies), so they fail here as well.
fn code_signing(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "code_signing_config_arn")
}

static NOT_PUBLIC: Check = Check {
    id: "CKV_AWS_301",
    name: "Ensure that AWS Lambda function is not publicly accessible",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_permission"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A Lambda permission does not grant invocation to the principal `*`.",
        why: "A wildcard principal lets any AWS account invoke the function, running your code on their input at your cost.",
        fix: "Set `principal` to the service or account that needs to invoke the function, and scope it with `source_arn` or `source_account`.",
        fixed: r#"resource "aws_lambda_permission" "api_gateway" {
  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.api.execution_arn}/*/*"
}"#,
    },
    passing: &[r#"
resource "aws_lambda_permission" "api_gateway" {
  statement_id  = "AllowApiGatewayInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "apigateway.amazonaws.com"
  source_arn    = "${aws_api_gateway_rest_api.api.execution_arn}/*/*"
}"#],
    failing: &[r#"
resource "aws_lambda_permission" "anyone" {
  statement_id  = "AllowAnyoneInvoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.api.function_name
  principal     = "*"
}"#],
    evaluate: not_public,
};

fn not_public(resource: &Resource<'_>) -> Verdict {
    rules::string_not_in(resource, "principal", &["*"])
}

static SUPPORTED_RUNTIME: Check = Check {
    id: "CKV_AWS_363",
    name: "Ensure Lambda Runtime is not deprecated",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_function"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A Lambda function does not use a runtime that AWS has deprecated.",
        why: "Deprecated runtimes get no more security patches, and functions on them can soon no longer be created or updated.",
        fix: "Move the function to a supported runtime version, such as `python3.12` or `nodejs20.x`.",
        fixed: r#"resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "api.zip"
}"#,
    },
    passing: &[
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "nodejs20.x"
  filename      = "api.zip"
}"#,
        r#"
resource "aws_lambda_function" "image" {
  function_name = "image"
  role          = aws_iam_role.image.arn
  package_type  = "Image"
  image_uri     = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/image:1.0"
}"#,
    ],
    failing: &[
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "nodejs12.x"
  filename      = "api.zip"
}"#,
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = aws_iam_role.api.arn
  handler       = "index.handler"
  runtime       = "python3.9"
  filename      = "api.zip"
}"#,
    ],
    evaluate: supported_runtime,
};

/// The runtimes Checkov 3.3.30 counts as deprecated (it does not yet count `nodejs18.x` or
/// `provided.al2`), and `python3.8`, which AWS deprecated for Lambda on 14 October 2024 and
/// Checkov's list leaves out (a known difference: see `python_3_8_is_a_deprecated_runtime` in
/// tfscan_hcl's tests/checkov_differences.rs).
const DEPRECATED_RUNTIMES: &[&str] = &[
    "dotnetcore1.0",
    "dotnetcore2.0",
    "dotnetcore2.1",
    "dotnetcore3.1",
    "dotnet5.0",
    "dotnet6",
    "dotnet7",
    "go1.x",
    "java8",
    "nodejs",
    "nodejs4.3",
    "nodejs4.3-edge",
    "nodejs6.10",
    "nodejs8.10",
    "nodejs10.x",
    "nodejs12.x",
    "nodejs14.x",
    "nodejs16.x",
    "provided",
    "python2.7",
    "python3.6",
    "python3.7",
    "python3.8",
    "python3.9",
    "ruby2.5",
    "ruby2.7",
];

fn supported_runtime(resource: &Resource<'_>) -> Verdict {
    rules::string_not_in(resource, "runtime", DEPRECATED_RUNTIMES)
}

static SERVICE_PERMISSION_SCOPED: Check = Check {
    id: "CKV_AWS_364",
    name: "Ensure that AWS Lambda function permissions delegated to AWS services are limited by SourceArn or SourceAccount",
    kind: EntityKind::Resource,
    resource_types: &["aws_lambda_permission"],
    severity: Severity::High,
    explanation: Explanation {
        what: "A Lambda permission granted to an AWS service principal (`<service>.amazonaws.com`) sets `source_arn` or `source_account`.",
        why: "Without them, the service may invoke the function on behalf of any account's resources, so another customer can trigger it (the confused deputy problem).",
        fix: "Set `source_arn` to the resource that triggers the function, or at least `source_account` to your account.",
        fixed: r#"resource "aws_lambda_permission" "uploads" {
  statement_id   = "AllowS3Invoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.thumbnails.function_name
  principal      = "s3.amazonaws.com"
  source_arn     = aws_s3_bucket.uploads.arn
  source_account = "123456789012"
}"#,
    },
    passing: &[r#"
resource "aws_lambda_permission" "uploads" {
  statement_id  = "AllowS3Invoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.thumbnails.function_name
  principal     = "s3.amazonaws.com"
  source_arn    = aws_s3_bucket.uploads.arn
}

resource "aws_lambda_permission" "schedule" {
  statement_id   = "AllowEventsInvoke"
  action         = "lambda:InvokeFunction"
  function_name  = aws_lambda_function.report.function_name
  principal      = "events.amazonaws.com"
  source_account = "123456789012"
}"#],
    failing: &[r#"
resource "aws_lambda_permission" "uploads" {
  statement_id  = "AllowS3Invoke"
  action        = "lambda:InvokeFunction"
  function_name = aws_lambda_function.thumbnails.function_name
  principal     = "s3.amazonaws.com"
}"#],
    evaluate: service_permission_scoped,
};

/// Only service principals are judged: those whose second and third dot-separated parts are
/// `amazonaws` and `com` (so not `logs.eu-west-1.amazonaws.com`, as in Checkov). Checkov asks
/// only whether `source_arn` or `source_account` is written, not what it holds.
fn service_permission_scoped(resource: &Resource<'_>) -> Verdict {
    let principal = match resource.get("principal") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::String(principal)) => principal,
        _ => return Verdict::NotApplicable,
    };
    let mut parts = principal.split('.').skip(1);
    if parts.next() != Some("amazonaws") || parts.next() != Some("com") {
        return Verdict::NotApplicable;
    }
    rules::verdict(resource.get("source_arn").is_some() || resource.get("source_account").is_some())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn evaluate(check: &Check, resource_type: &str, attributes: &Value) -> Verdict {
        (check.evaluate)(&Resource {
            kind: EntityKind::Resource,
            resource_type,
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        })
    }

    fn with_variables(variables: Value) -> Value {
        object([(
            "environment",
            Value::List(vec![object([("variables", variables)])]),
        )])
    }

    #[test]
    fn environment_secrets_reads_strings_and_lists_of_strings() {
        let check = &ENVIRONMENT_SECRETS;
        let function = "aws_lambda_function";
        let plain = with_variables(object([("STAGE", "prod".into()), ("PORT", 8080.0.into())]));
        assert_eq!(evaluate(check, function, &plain), Verdict::Passed);

        let in_list = with_variables(object([(
            "KEYS",
            Value::List(vec!["a".into(), "AKIAIOSFODNN7EXAMPLE".into()]),
        )]));
        assert_eq!(evaluate(check, function, &in_list), Verdict::Failed);

        // A value known only after apply is not written in the configuration.
        let unknown = with_variables(object([("TOKEN", Value::Unknown)]));
        assert_eq!(evaluate(check, function, &unknown), Verdict::Passed);
        assert_eq!(
            evaluate(check, function, &with_variables(Value::Unknown)),
            Verdict::Passed
        );
    }

    #[test]
    fn environment_encryption_covers_every_branch() {
        let check = &ENVIRONMENT_ENCRYPTION;
        let function = "aws_lambda_function";
        let environment =
            || Value::List(vec![object([("variables", object([("A", "b".into())]))])]);
        let cases = [
            (object([("environment", environment())]), Verdict::Failed),
            (
                object([("environment", environment()), ("kms_key_arn", "".into())]),
                Verdict::Failed,
            ),
            (
                object([
                    ("environment", environment()),
                    ("kms_key_arn", Value::Unknown),
                ]),
                Verdict::Passed,
            ),
            (
                object([("kms_key_arn", "arn:aws:kms:eu-west-1:1:key/x".into())]),
                Verdict::Failed,
            ),
            (
                object([("environment", Value::List(vec![]))]),
                Verdict::NotApplicable,
            ),
            (object([("environment", Value::Unknown)]), Verdict::Unknown),
        ];
        for (attributes, expected) in cases {
            assert_eq!(
                evaluate(check, function, &attributes),
                expected,
                "{attributes}"
            );
        }
    }

    #[test]
    fn concurrency_limit_asks_only_for_a_value_as_checkov_does() {
        let check = &CONCURRENCY_LIMIT;
        let function = "aws_lambda_function";
        let limit = |value: Value| object([("reserved_concurrent_executions", value)]);
        assert_eq!(
            evaluate(check, function, &limit((-1.0).into())),
            Verdict::Passed
        );
        assert_eq!(
            evaluate(check, function, &limit(0.0.into())),
            Verdict::Passed
        );
        assert_eq!(
            evaluate(check, function, &limit(Value::Null)),
            Verdict::Failed
        );
        assert_eq!(
            evaluate(check, function, &limit(Value::Unknown)),
            Verdict::Unknown
        );
    }

    #[test]
    fn service_permission_judges_only_service_principals() {
        let check = &SERVICE_PERMISSION_SCOPED;
        let permission = "aws_lambda_permission";
        let principal = |value: Value| object([("principal", value)]);
        assert_eq!(
            evaluate(check, permission, &principal("sns.amazonaws.com".into())),
            Verdict::Failed
        );
        assert_eq!(
            evaluate(check, permission, &principal("123456789012".into())),
            Verdict::NotApplicable
        );
        assert_eq!(
            evaluate(
                check,
                permission,
                &principal("logs.eu-west-1.amazonaws.com".into())
            ),
            Verdict::NotApplicable
        );
        assert_eq!(
            evaluate(check, permission, &principal(Value::Unknown)),
            Verdict::Unknown
        );
        let scoped = object([
            ("principal", "sns.amazonaws.com".into()),
            ("source_account", Value::Unknown),
        ]);
        assert_eq!(evaluate(check, permission, &scoped), Verdict::Passed);
    }
}
