//! Values as evaluation produces them and checks read them.

use alloc::collections::BTreeMap;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// A Terraform value. Lists, tuples and sets are all [`Value::List`]; objects and maps are
/// both [`Value::Object`] (keys sorted, as Terraform prints them).
///
/// [`Value::Unknown`] is a value that cannot be known before `terraform apply` or without
/// inputs the scan does not have (a resource's computed attribute, a variable with no value).
/// Operations on it give `Unknown` again, and a check that meets it answers
/// [`crate::Verdict::Unknown`], never a pass or a fail.
#[derive(Debug, Clone, PartialEq, Default)]
pub enum Value {
    #[default]
    Null,
    Bool(bool),
    Number(f64),
    String(String),
    List(Vec<Value>),
    Object(BTreeMap<String, Value>),
    Unknown,
}

impl Value {
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    pub fn is_unknown(&self) -> bool {
        matches!(self, Value::Unknown)
    }

    /// True when this value or anything inside it is unknown.
    pub fn contains_unknown(&self) -> bool {
        match self {
            Value::Unknown => true,
            Value::List(items) => items.iter().any(Value::contains_unknown),
            Value::Object(map) => map.values().any(Value::contains_unknown),
            _ => false,
        }
    }

    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_list(&self) -> Option<&[Value]> {
        match self {
            Value::List(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_object(&self) -> Option<&BTreeMap<String, Value>> {
        match self {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(number) => Some(*number),
            Value::String(text) => text.trim().parse().ok(),
            _ => None,
        }
    }

    /// The value as a boolean the way Terraform converts it: `true`/`false` and the strings
    /// `"true"`/`"false"` (any case, as Checkov also accepts).
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(flag) => Some(*flag),
            Value::String(text) if text.eq_ignore_ascii_case("true") => Some(true),
            Value::String(text) if text.eq_ignore_ascii_case("false") => Some(false),
            _ => None,
        }
    }

    /// An object's attribute or a list's element by a decimal index.
    pub fn get(&self, key: &str) -> Option<&Value> {
        match self {
            Value::Object(map) => map.get(key),
            Value::List(items) => key.parse::<usize>().ok().and_then(|index| items.get(index)),
            _ => None,
        }
    }

    /// Follows a dotted path such as `versioning.0.enabled` or `server_side_encryption.
    /// rule.apply_server_side_encryption_by_default`. A step that meets a list of one
    /// element without an index goes into that element, since nested blocks are lists.
    /// A step that meets an unknown value gives that unknown value: what lies below it is
    /// unknown too, not absent.
    pub fn lookup(&self, path: &str) -> Option<&Value> {
        let mut current = self;
        for step in path.split('.') {
            current = match (current, current.get(step)) {
                (Value::Unknown, _) => return Some(current),
                (_, Some(next)) => next,
                (Value::List(items), None) if items.len() == 1 => items[0].get(step)?,
                _ => return None,
            };
        }
        Some(current)
    }

    /// The name of the value's type, for messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool(_) => "bool",
            Value::Number(_) => "number",
            Value::String(_) => "string",
            Value::List(_) => "list",
            Value::Object(_) => "object",
            Value::Unknown => "unknown",
        }
    }

    /// Terraform's conversion of a primitive to a string: numbers without a trailing `.0`.
    pub fn to_terraform_string(&self) -> Option<String> {
        match self {
            Value::String(text) => Some(text.clone()),
            Value::Bool(flag) => Some(flag.to_string()),
            Value::Number(number) => Some(format_number(*number)),
            _ => None,
        }
    }
}

/// Formats a number as Terraform prints it: integers without a fraction.
pub fn format_number(number: f64) -> String {
    if number == 0.0 && number.is_sign_negative() {
        // Terraform keeps the sign of zero: `-0` and `jsondecode("-0")` print as -0.
        return "-0".into();
    }
    if number.abs() < 1e15 && number == (number as i64) as f64 {
        alloc::format!("{}", number as i64)
    } else {
        alloc::format!("{number}")
    }
}

impl From<&str> for Value {
    fn from(text: &str) -> Self {
        Value::String(text.into())
    }
}

impl From<String> for Value {
    fn from(text: String) -> Self {
        Value::String(text)
    }
}

impl From<bool> for Value {
    fn from(flag: bool) -> Self {
        Value::Bool(flag)
    }
}

impl From<f64> for Value {
    fn from(number: f64) -> Self {
        Value::Number(number)
    }
}

impl fmt::Display for Value {
    /// JSON-like rendering, used in messages and by `jsonencode` for primitive values.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Value::Null => f.write_str("null"),
            Value::Bool(flag) => write!(f, "{flag}"),
            Value::Number(number) => f.write_str(&format_number(*number)),
            Value::String(text) => write!(f, "{text:?}"),
            Value::Unknown => f.write_str("(known after apply)"),
            Value::List(items) => {
                f.write_str("[")?;
                for (index, item) in items.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{item}")?;
                }
                f.write_str("]")
            }
            Value::Object(map) => {
                f.write_str("{")?;
                for (index, (key, item)) in map.iter().enumerate() {
                    if index > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{key:?}: {item}")?;
                }
                f.write_str("}")
            }
        }
    }
}

/// Builds a `Value::Object` from pairs; handy in tests and checks.
pub fn object<I, K>(pairs: I) -> Value
where
    I: IntoIterator<Item = (K, Value)>,
    K: Into<String>,
{
    Value::Object(
        pairs
            .into_iter()
            .map(|(key, value)| (key.into(), value))
            .collect::<BTreeMap<_, _>>(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn lookup_steps_into_single_block_lists() {
        let bucket = object([(
            "versioning",
            Value::List(vec![object([("enabled", Value::Bool(true))])]),
        )]);
        assert_eq!(
            bucket.lookup("versioning.enabled"),
            Some(&Value::Bool(true))
        );
        assert_eq!(
            bucket.lookup("versioning.0.enabled"),
            Some(&Value::Bool(true))
        );
        assert_eq!(bucket.lookup("versioning.1.enabled"), None);
    }

    #[test]
    fn lookup_below_an_unknown_value_is_unknown() {
        let table = object([("point_in_time_recovery", Value::Unknown)]);
        assert_eq!(
            table.lookup("point_in_time_recovery.0.enabled"),
            Some(&Value::Unknown)
        );
        assert_eq!(table.lookup("ttl.enabled"), None);
    }

    #[test]
    fn numbers_print_like_terraform() {
        assert_eq!(format_number(3.0), "3");
        assert_eq!(format_number(1.5), "1.5");
        assert_eq!(format_number(-0.0), "-0");
    }
}
