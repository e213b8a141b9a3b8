//! A variable's `type` constraint applied to its value, as Terraform converts it: primitives
//! convert (`"true"` to a bool for `bool`), and object types fill in their `optional(...)`
//! attributes with the default or null and drop attributes they do not declare.

use alloc::collections::BTreeMap;
use alloc::string::String;

use super::expr::Scope;
use crate::syntax::{Expr, ObjectKey};
use crate::value::Value;

/// Deeper type expressions than this are left unapplied.
const MAX_DEPTH: usize = 32;

/// Converts `value` to the type written as `constraint`; what does not fit is left as it is
/// (Terraform would refuse it; a scanner reports what it can).
pub fn convert(value: Value, constraint: &Expr, scope: &dyn Scope) -> Value {
    convert_at(value, constraint, scope, 0)
}

fn convert_at(value: Value, constraint: &Expr, scope: &dyn Scope, depth: usize) -> Value {
    if depth > MAX_DEPTH || value.is_unknown() || value.is_null() {
        return value;
    }
    match constraint {
        Expr::Variable(name) => convert_primitive(value, name),
        Expr::FunctionCall(call) => match (call.name.as_str(), call.args.as_slice()) {
            ("list" | "set", [element]) => match value {
                Value::List(items) => Value::List(
                    items
                        .into_iter()
                        .map(|item| convert_at(item, element, scope, depth + 1))
                        .collect(),
                ),
                other => other,
            },
            ("map", [element]) => match value {
                Value::Object(map) => Value::Object(
                    map.into_iter()
                        .map(|(key, item)| (key, convert_at(item, element, scope, depth + 1)))
                        .collect(),
                ),
                other => other,
            },
            ("tuple", [Expr::Tuple(elements)]) => match value {
                Value::List(items) => Value::List(
                    items
                        .into_iter()
                        .enumerate()
                        .map(|(index, item)| match elements.get(index) {
                            Some(element) => convert_at(item, element, scope, depth + 1),
                            None => item,
                        })
                        .collect(),
                ),
                other => other,
            },
            ("object", [Expr::Object(attributes)]) => {
                convert_object(value, attributes, scope, depth)
            }
            ("optional", [inner, ..]) => convert_at(value, inner, scope, depth + 1),
            _ => value,
        },
        _ => value,
    }
}

fn convert_primitive(value: Value, name: &str) -> Value {
    match (name, &value) {
        ("string", Value::Number(_) | Value::Bool(_)) => {
            value.to_terraform_string().map_or(value, Value::String)
        }
        ("number", Value::String(text)) => text.trim().parse().map_or(value, Value::Number),
        ("bool", Value::String(_)) => value.as_bool().map_or(value, Value::Bool),
        _ => value,
    }
}

fn convert_object(
    value: Value,
    attributes: &[(ObjectKey, Expr)],
    scope: &dyn Scope,
    depth: usize,
) -> Value {
    let Value::Object(mut given) = value else {
        return value;
    };
    let mut converted = BTreeMap::new();
    for (key, attribute_type) in attributes {
        let name: String = match key {
            ObjectKey::Name(name) => name.clone(),
            ObjectKey::Expr(Expr::Variable(name)) => name.clone(),
            ObjectKey::Expr(Expr::String(name)) => name.clone(),
            ObjectKey::Expr(_) => continue,
        };
        let optional = match attribute_type {
            Expr::FunctionCall(call) if call.name == "optional" => Some(call.args.get(1)),
            _ => None,
        };
        let value = match (given.remove(&name), optional) {
            (Some(Value::Null) | None, Some(Some(default))) => {
                super::expr::evaluate(default, scope).unwrap_or(Value::Unknown)
            }
            (Some(value), _) => value,
            (None, Some(None)) => Value::Null,
            (None, None) => continue,
        };
        converted.insert(name, convert_at(value, attribute_type, scope, depth + 1));
    }
    Value::Object(converted)
}
