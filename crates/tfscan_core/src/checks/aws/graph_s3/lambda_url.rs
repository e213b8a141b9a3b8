//! A Lambda function's URL and the browsers it lets in (CORS).

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::value::Value;

use super::{connected, equals, values_at, Answer};

pub(super) static OPEN_CORS: Check = Check {
    id: "CKV2_AWS_75",
    name: "Ensure no open CORS policy",
    kind: EntityKind::Resource,
    // Checkov's catalogue lists every AWS type for this check (its scope is the whole
    // provider), but it filters to Lambda functions and reports only them.
    resource_types: &["aws_lambda_function"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No function URL of the Lambda function allows CORS requests from any origin (`*`) with any method (`*`).",
        why: "An open CORS policy lets scripts on any website call the function from a visitor's browser, with whatever that browser may send.",
        fix: "List the origins and methods the function's callers need in the function URL's `cors` block.",
        fixed: r#"resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "AWS_IAM"

  cors {
    allow_origins = ["https://app.example.com"]
    allow_methods = ["GET", "POST"]
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
}

resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "AWS_IAM"

  cors {
    allow_origins = ["https://app.example.com"]
    allow_methods = ["*"]
  }
}"#,
        // No function URL: nothing reaches the function from a browser.
        r#"
resource "aws_lambda_function" "worker" {
  function_name = "worker"
  role          = "arn:aws:iam::111122223333:role/worker"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "worker.zip"
}"#,
        // A function URL without CORS: browsers refuse cross-origin calls.
        r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
}

resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "AWS_IAM"
}"#,
    ],
    failing: &[r#"
resource "aws_lambda_function" "api" {
  function_name = "api"
  role          = "arn:aws:iam::111122223333:role/api"
  handler       = "index.handler"
  runtime       = "python3.12"
  filename      = "api.zip"
}

resource "aws_lambda_function_url" "api" {
  function_name      = aws_lambda_function.api.function_name
  authorization_type = "NONE"

  cors {
    allow_origins = ["*"]
    allow_methods = ["*"]
  }
}"#],
    evaluate: open_cors,
};

/// Checkov's rule: a function without a URL passes; one with URLs passes when one of them
/// does not allow both every origin and every method.
fn open_cors(function: &Resource<'_>) -> Verdict {
    let urls = connected(function, "aws_lambda_function_url");
    if urls.is_empty() {
        return Verdict::Passed;
    }
    Answer::any(urls.iter().map(|url| {
        let every_origin = contains_wildcard(url, "cors.allow_origins");
        let every_method = contains_wildcard(url, "cors.allow_methods");
        every_origin.and(every_method).not()
    }))
    .verdict()
}

/// Whether a list at `path` holds `*`; no when it is not set.
fn contains_wildcard(url: &Resource<'_>, path: &str) -> Answer {
    Answer::any(
        values_at(url.attributes, path)
            .into_iter()
            .map(|value| match value {
                Value::List(items) => Answer::any(items.iter().map(|item| equals(item, "*"))),
                single => equals(single, "*"),
            }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn url(attributes: &Value) -> Resource<'_> {
        Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_lambda_function_url",
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    fn cors(origins: Value) -> Value {
        object([(
            "cors",
            Value::List(vec![object([("allow_origins", origins)])]),
        )])
    }

    #[test]
    fn wildcards_are_found_in_cors_lists() {
        let open = cors(Value::List(vec!["https://a.example".into(), "*".into()]));
        assert_eq!(
            contains_wildcard(&url(&open), "cors.allow_origins"),
            Answer::Yes
        );
        let named = cors(Value::List(vec!["https://a.example".into()]));
        assert_eq!(
            contains_wildcard(&url(&named), "cors.allow_origins"),
            Answer::No
        );
        let unknown = cors(Value::List(vec![Value::Unknown]));
        assert_eq!(
            contains_wildcard(&url(&unknown), "cors.allow_origins"),
            Answer::Unknown
        );
        assert_eq!(
            contains_wildcard(&url(&open), "cors.allow_methods"),
            Answer::No
        );
    }

    #[test]
    fn a_function_seen_alone_has_no_url_and_passes() {
        let attributes = object([("function_name", "api".into())]);
        let function = Resource {
            resource_type: "aws_lambda_function",
            ..url(&attributes)
        };
        assert_eq!(open_cors(&function), Verdict::Passed);
    }
}
