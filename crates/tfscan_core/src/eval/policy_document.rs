//! The `json` attribute of an `aws_iam_policy_document` data source, rendered from its blocks
//! as the AWS provider renders it, so that a policy reads the same whether it was written as a
//! heredoc, with `jsonencode(...)` or through this data source.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use serde_json::{Map, Value as Json};

use crate::value::{Value, HOLE};

/// The policy JSON for a data source's evaluated attributes; Unknown when any part of it is.
pub fn render(attributes: &Value) -> Value {
    let Some(mut statements) = base_statements(attributes, "source_policy_documents") else {
        return Value::Unknown;
    };
    for block in list(attributes.get("statement")) {
        let Some(statement) = statement(block) else {
            return Value::Unknown;
        };
        merge_by_sid(&mut statements, statement);
    }
    let Some(overrides) = base_statements(attributes, "override_policy_documents") else {
        return Value::Unknown;
    };
    for statement in overrides {
        merge_by_sid(&mut statements, statement);
    }

    let mut policy = Map::new();
    let version = match attributes.get("version") {
        Some(Value::String(version)) => version.clone(),
        Some(Value::Unknown) => return Value::Unknown,
        _ => String::from("2012-10-17"),
    };
    policy.insert("Version".into(), Json::String(version));
    match attributes.get("policy_id") {
        Some(Value::String(id)) => {
            policy.insert("Id".into(), Json::String(id.clone()));
        }
        Some(Value::Unknown) => return Value::Unknown,
        _ => {}
    }
    policy.insert("Statement".into(), Json::Array(statements));
    serde_json::to_string(&Json::Object(policy)).map_or(Value::Unknown, Value::String)
}

/// The statements of the JSON documents listed in `attribute` (known strings only).
fn base_statements(attributes: &Value, attribute: &str) -> Option<Vec<Json>> {
    let mut statements: Vec<Json> = Vec::new();
    match attributes.get(attribute) {
        None | Some(Value::Null) => {}
        Some(Value::List(documents)) => {
            for document in documents {
                let text = document.as_str()?;
                let parsed: Json = serde_json::from_str(text).ok()?;
                let found = match parsed.get("Statement") {
                    Some(Json::Array(found)) => found.clone(),
                    Some(single @ Json::Object(_)) => alloc::vec![single.clone()],
                    _ => Vec::new(),
                };
                for statement in found {
                    merge_by_sid(&mut statements, statement);
                }
            }
        }
        Some(_) => return None,
    }
    Some(statements)
}

/// Adds a statement; one with the same non-empty `Sid` as an earlier one replaces it.
fn merge_by_sid(statements: &mut Vec<Json>, statement: Json) {
    let sid = statement
        .get("Sid")
        .and_then(Json::as_str)
        .filter(|sid| !sid.is_empty())
        .map(ToString::to_string);
    if let Some(sid) = sid {
        if let Some(existing) = statements
            .iter_mut()
            .find(|existing| existing.get("Sid").and_then(Json::as_str) == Some(&sid))
        {
            *existing = statement;
            return;
        }
    }
    statements.push(statement);
}

/// One `statement { ... }` block as a JSON statement; None when a part is unknown.
fn statement(block: &Value) -> Option<Json> {
    let mut out = Map::new();
    if let Some(sid) = known_string(block.get("sid"))? {
        if !sid.is_empty() {
            out.insert("Sid".into(), Json::String(sid));
        }
    }
    let effect = known_string(block.get("effect"))?.unwrap_or_else(|| String::from("Allow"));
    out.insert("Effect".into(), Json::String(effect));
    for (attribute, key) in [
        ("actions", "Action"),
        ("not_actions", "NotAction"),
        ("resources", "Resource"),
        ("not_resources", "NotResource"),
    ] {
        if let Some(values) = string_set(block.get(attribute))? {
            out.insert(key.into(), collapse(values));
        }
    }
    for (attribute, key) in [
        ("principals", "Principal"),
        ("not_principals", "NotPrincipal"),
    ] {
        let blocks = list(block.get(attribute));
        if !blocks.is_empty() {
            out.insert(key.into(), principals(blocks)?);
        }
    }
    let conditions = list(block.get("condition"));
    if !conditions.is_empty() {
        let mut by_test: BTreeMap<String, Map<String, Json>> = BTreeMap::new();
        for condition in conditions {
            let test = known_string(condition.get("test"))??;
            let variable = known_string(condition.get("variable"))??;
            let values = string_set(condition.get("values"))?.unwrap_or_default();
            by_test
                .entry(test)
                .or_default()
                .insert(variable, collapse(values));
        }
        let map = by_test
            .into_iter()
            .map(|(test, variables)| (test, Json::Object(variables)))
            .collect();
        out.insert("Condition".into(), Json::Object(map));
    }
    Some(Json::Object(out))
}

/// `principals { type = "AWS" identifiers = [...] }` blocks as `{"AWS": [...]}`, or `"*"` for
/// the anonymous principal `type = "*", identifiers = ["*"]`.
fn principals(blocks: &[Value]) -> Option<Json> {
    let mut by_type: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for block in blocks {
        let kind = known_string(block.get("type"))??;
        let identifiers = string_set(block.get("identifiers"))?.unwrap_or_default();
        by_type.entry(kind).or_default().extend(identifiers);
    }
    if by_type.len() == 1
        && by_type
            .get("*")
            .is_some_and(|ids| ids.iter().all(|id| id == "*"))
    {
        return Some(Json::String(String::from("*")));
    }
    let map = by_type
        .into_iter()
        .map(|(kind, mut identifiers)| {
            identifiers.sort();
            identifiers.dedup();
            (kind, collapse(identifiers))
        })
        .collect();
    Some(Json::Object(map))
}

/// A list of one string is written as the string, as the provider does.
fn collapse(mut values: Vec<String>) -> Json {
    if values.len() == 1 {
        Json::String(values.remove(0))
    } else {
        Json::Array(values.into_iter().map(Json::String).collect())
    }
}

/// `Some(None)` when absent or null, `None` when unknown.
#[allow(clippy::option_option)] // absent and unknown are different answers here
fn known_string(value: Option<&Value>) -> Option<Option<String>> {
    match value {
        None | Some(Value::Null) => Some(None),
        Some(Value::Unknown) => None,
        Some(other) => Some(other.to_terraform_string()),
    }
}

/// A set of strings, sorted and without repeats (the provider's sets); `Some(None)` when
/// absent; an unknown element, or an unknown set, is a [`HOLE`].
#[allow(clippy::option_option)] // absent and unknown are different answers here
fn string_set(value: Option<&Value>) -> Option<Option<Vec<String>>> {
    match value {
        None | Some(Value::Null) => Some(None),
        Some(Value::List(items)) => {
            let mut strings = Vec::with_capacity(items.len());
            for item in items {
                // A value known only after apply is a hole in the JSON (see `Value`).
                strings.push(match item {
                    Value::Unknown => String::from(HOLE),
                    item => item.to_terraform_string()?,
                });
            }
            strings.sort();
            strings.dedup();
            Some(Some(strings))
        }
        Some(Value::Unknown) => Some(Some(alloc::vec![String::from(HOLE)])),
        Some(single) => Some(Some(alloc::vec![single.to_terraform_string()?])),
    }
}

fn list(value: Option<&Value>) -> &[Value] {
    value.and_then(Value::as_list).unwrap_or(&[])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn strings(items: &[&str]) -> Value {
        Value::List(items.iter().map(|item| Value::from(*item)).collect())
    }

    #[test]
    fn renders_statements_principals_and_conditions() {
        let document = object([(
            "statement",
            Value::List(vec![object([
                ("actions", strings(&["s3:GetObject", "s3:ListBucket"])),
                ("resources", strings(&["*"])),
                (
                    "principals",
                    Value::List(vec![object([
                        ("type", "AWS".into()),
                        ("identifiers", strings(&["arn:aws:iam::1:root"])),
                    ])]),
                ),
                (
                    "condition",
                    Value::List(vec![object([
                        ("test", "Bool".into()),
                        ("variable", "aws:SecureTransport".into()),
                        ("values", strings(&["true"])),
                    ])]),
                ),
            ])]),
        )]);
        let Value::String(json) = render(&document) else {
            panic!("not rendered")
        };
        let parsed: Json = serde_json::from_str(&json).unwrap();
        let statement = &parsed["Statement"][0];
        assert_eq!(parsed["Version"], "2012-10-17");
        assert_eq!(statement["Effect"], "Allow");
        assert_eq!(
            statement["Action"],
            serde_json::json!(["s3:GetObject", "s3:ListBucket"])
        );
        assert_eq!(statement["Resource"], "*");
        assert_eq!(statement["Principal"]["AWS"], "arn:aws:iam::1:root");
        assert_eq!(
            statement["Condition"]["Bool"]["aws:SecureTransport"],
            "true"
        );
    }

    #[test]
    fn an_unknown_value_is_a_hole_in_the_policy() {
        let document = object([(
            "statement",
            Value::List(vec![object([
                ("actions", strings(&["s3:*"])),
                ("resources", Value::List(vec![Value::Unknown])),
            ])]),
        )]);
        let rendered = render(&document);
        assert!(rendered.is_partial());
        let Value::String(json) = rendered else {
            panic!("not rendered")
        };
        let parsed: Json = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["Statement"][0]["Action"], "s3:*");
        assert_eq!(parsed["Statement"][0]["Resource"], String::from(HOLE));
    }

    #[test]
    fn an_unknown_effect_makes_the_policy_unknown() {
        let document = object([(
            "statement",
            Value::List(vec![object([
                ("effect", Value::Unknown),
                ("actions", strings(&["s3:*"])),
            ])]),
        )]);
        assert_eq!(render(&document), Value::Unknown);
    }

    #[test]
    fn statements_with_the_same_sid_override_the_source_documents() {
        let source = r#"{"Version":"2012-10-17","Statement":[{"Sid":"A","Effect":"Deny","Action":"*","Resource":"*"},{"Sid":"B","Effect":"Allow","Action":"s3:*","Resource":"*"}]}"#;
        let document = object([
            ("source_policy_documents", strings(&[source])),
            (
                "statement",
                Value::List(vec![object([
                    ("sid", "A".into()),
                    ("actions", strings(&["ec2:*"])),
                    ("resources", strings(&["*"])),
                ])]),
            ),
        ]);
        let Value::String(json) = render(&document) else {
            panic!("not rendered")
        };
        let parsed: Json = serde_json::from_str(&json).unwrap();
        assert_eq!(parsed["Statement"].as_array().unwrap().len(), 2);
        assert_eq!(parsed["Statement"][0]["Action"], "ec2:*");
        assert_eq!(parsed["Statement"][0]["Effect"], "Allow");
    }
}
