//! A policy file read into typed values with their lines: YAML as Python's `yaml.safe_load`
//! types it (YAML 1.1: `true`, `yes` and `on` are booleans, `0x1F` an integer, `"true"` a
//! string), or JSON.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;

use super::python::Py;
use crate::yaml::{self, Node, NodeValue};

/// One value of a policy file and the 1-based line it starts on (0 when the format does not
/// say, as for JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Doc {
    pub line: u32,
    pub value: DocValue,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DocValue {
    /// A scalar: None, a boolean, a number or a string (never a list or a dictionary).
    Scalar(Py),
    List(Vec<Doc>),
    /// Entries in order, each with the line of its key.
    Map(Vec<(String, Doc, u32)>),
}

/// A file that is not YAML (or JSON): the 1-based line and column, and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl Doc {
    /// Reads a policy file: JSON when `path` ends with `.json`, else YAML.
    pub fn read(path: &str, text: &str) -> Result<Doc, SyntaxError> {
        if super::extension(path) == Some("json") {
            let json: serde_json::Value =
                serde_json::from_str(text).map_err(|error| SyntaxError {
                    line: error.line() as u32,
                    column: error.column() as u32,
                    message: error.to_string(),
                })?;
            return Ok(Doc::from_json(&json));
        }
        let node = yaml::parse_nodes(text).map_err(|error| SyntaxError {
            line: error.line,
            column: error.column,
            message: error.message,
        })?;
        Ok(Doc::from_yaml(node))
    }

    fn from_yaml(node: Node) -> Doc {
        let value = match node.value {
            NodeValue::Null => DocValue::Scalar(Py::None),
            NodeValue::Scalar { text, quoted: true } => DocValue::Scalar(Py::Str(text)),
            NodeValue::Scalar {
                text,
                quoted: false,
            } => DocValue::Scalar(plain_scalar(&text)),
            NodeValue::List(items) => {
                DocValue::List(items.into_iter().map(Doc::from_yaml).collect())
            }
            NodeValue::Map(entries) => DocValue::Map(
                entries
                    .into_iter()
                    .map(|(key, value, line)| (key, Doc::from_yaml(value), line))
                    .collect(),
            ),
        };
        Doc {
            line: node.line,
            value,
        }
    }

    fn from_json(json: &serde_json::Value) -> Doc {
        Doc {
            line: 0,
            value: match json {
                serde_json::Value::Array(items) => {
                    DocValue::List(items.iter().map(Doc::from_json).collect())
                }
                serde_json::Value::Object(map) => DocValue::Map(
                    map.iter()
                        .map(|(key, value)| (key.clone(), Doc::from_json(value), 0))
                        .collect(),
                ),
                scalar => DocValue::Scalar(json_to_py(scalar)),
            },
        }
    }

    /// The entry `key` of a map, with its key's line.
    pub fn get(&self, key: &str) -> Option<(&Doc, u32)> {
        match &self.value {
            DocValue::Map(entries) => entries
                .iter()
                .find(|(name, _, _)| name == key)
                .map(|(_, value, line)| (value, *line)),
            _ => None,
        }
    }

    /// The value as Python holds it.
    pub fn to_py(&self) -> Py {
        match &self.value {
            DocValue::Scalar(scalar) => scalar.clone(),
            DocValue::List(items) => Py::List(items.iter().map(Doc::to_py).collect()),
            DocValue::Map(entries) => Py::Dict(
                entries
                    .iter()
                    .map(|(key, value, _)| (key.clone(), value.to_py()))
                    .collect(),
            ),
        }
    }

    /// The text of a string scalar.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            DocValue::Scalar(Py::Str(text)) => Some(text),
            _ => None,
        }
    }

    /// What kind of value this is, for messages.
    pub fn describe(&self) -> String {
        match &self.value {
            DocValue::Scalar(Py::None) => String::from("nothing"),
            DocValue::Scalar(Py::Str(text)) => format!("\"{text}\""),
            DocValue::Scalar(other) => other.to_str(),
            DocValue::List(_) => String::from("a list"),
            DocValue::Map(_) => String::from("a map"),
        }
    }
}

/// A JSON value as Python's `json.loads` makes it.
pub fn json_to_py(json: &serde_json::Value) -> Py {
    match json {
        serde_json::Value::Null => Py::None,
        serde_json::Value::Bool(flag) => Py::Bool(*flag),
        serde_json::Value::Number(number) => match number.as_i64() {
            Some(integer) => Py::Int(integer),
            None => Py::Float(number.as_f64().unwrap_or(f64::NAN)),
        },
        serde_json::Value::String(text) => Py::Str(text.clone()),
        serde_json::Value::Array(items) => Py::List(items.iter().map(json_to_py).collect()),
        serde_json::Value::Object(map) => Py::Dict(
            map.iter()
                .map(|(key, value)| (key.clone(), json_to_py(value)))
                .collect(),
        ),
    }
}

/// An unquoted YAML scalar as YAML 1.1 (PyYAML's safe loader) types it: booleans (`true`,
/// `yes`, `on`, ... in three spellings), integers (decimal, `0x`, `0o`-less octal `017`,
/// `0b`, with `_`), floats (with a `.`, or `.inf` / `.nan`); anything else is a string
/// (dates too, which Checkov cannot load at all).
fn plain_scalar(text: &str) -> Py {
    match text {
        "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Py::Bool(true)
        }
        "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Py::Bool(false)
        }
        _ => {}
    }
    if let Some(integer) = yaml_int(text) {
        return Py::Int(integer);
    }
    if let Some(float) = yaml_float(text) {
        return Py::Float(float);
    }
    Py::Str(String::from(text))
}

fn yaml_int(text: &str) -> Option<i64> {
    let (negative, unsigned) = match text.as_bytes().first() {
        Some(b'-') => (true, &text[1..]),
        Some(b'+') => (false, &text[1..]),
        _ => (false, text),
    };
    let digits = unsigned.replace('_', "");
    let (radix, body) = if let Some(hex) = digits.strip_prefix("0x") {
        (16, hex)
    } else if let Some(binary) = digits.strip_prefix("0b") {
        (2, binary)
    } else if digits.len() > 1 && digits.starts_with('0') {
        (8, &digits[1..])
    } else {
        (10, digits.as_str())
    };
    if body.is_empty() || unsigned.starts_with('_') {
        return None;
    }
    let value = i64::from_str_radix(body, radix).ok()?;
    Some(if negative { -value } else { value })
}

fn yaml_float(text: &str) -> Option<f64> {
    let unsigned = text.trim_start_matches(['+', '-']);
    if text.len() - unsigned.len() > 1 {
        return None;
    }
    let negative = text.starts_with('-');
    let special = match unsigned {
        ".inf" | ".Inf" | ".INF" => Some(f64::INFINITY),
        ".nan" | ".NaN" | ".NAN" if unsigned.len() == text.len() => Some(f64::NAN),
        _ => None,
    };
    if let Some(value) = special {
        return Some(if negative { -value } else { value });
    }
    // YAML 1.1 needs a `.`: `1e3` is a string, `1.0e+3` a float (its exponent has a sign).
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(at) => (&unsigned[..at], Some(&unsigned[at + 1..])),
        None => (unsigned, None),
    };
    let (whole, fraction) = mantissa.split_once('.')?;
    let digits = |part: &str| part.chars().all(|c| c.is_ascii_digit() || c == '_');
    let whole_ok = digits(whole) && !whole.starts_with('_');
    let fraction_ok = digits(fraction);
    // `.5` is a float, `-.5` a string; `1.` is a float.
    let signed = unsigned.len() != text.len();
    if !whole_ok || !fraction_ok || (whole.is_empty() && (fraction.is_empty() || signed)) {
        return None;
    }
    if let Some(exponent) = exponent {
        let valid = exponent.len() > 1
            && matches!(exponent.as_bytes()[0], b'+' | b'-')
            && exponent[1..].chars().all(|c| c.is_ascii_digit());
        if !valid {
            return None;
        }
    }
    let cleaned = unsigned.replace('_', "");
    let value: f64 = cleaned.parse().ok()?;
    Some(if negative { -value } else { value })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_are_typed_as_yaml_1_1() {
        assert_eq!(plain_scalar("yes"), Py::Bool(true));
        assert_eq!(plain_scalar("Off"), Py::Bool(false));
        assert_eq!(plain_scalar("y"), Py::Str(String::from("y")));
        assert_eq!(plain_scalar("443"), Py::Int(443));
        assert_eq!(plain_scalar("-1_000"), Py::Int(-1000));
        assert_eq!(plain_scalar("0x1F"), Py::Int(31));
        assert_eq!(plain_scalar("017"), Py::Int(15));
        assert_eq!(plain_scalar("1.5"), Py::Float(1.5));
        assert_eq!(plain_scalar("1e3"), Py::Str(String::from("1e3")));
        assert_eq!(plain_scalar("1.0e+3"), Py::Float(1000.0));
        assert_eq!(plain_scalar("-.inf"), Py::Float(f64::NEG_INFINITY));
        assert_eq!(
            plain_scalar("2024-01-01"),
            Py::Str(String::from("2024-01-01"))
        );
        assert_eq!(
            plain_scalar("10.0.0.0/8"),
            Py::Str(String::from("10.0.0.0/8"))
        );
    }

    #[test]
    fn quoted_scalars_stay_strings_and_lines_are_kept() {
        let doc = Doc::read("p.yaml", "a: \"true\"\nb:\n  - 5\n").unwrap();
        let (a, line) = doc.get("a").unwrap();
        assert_eq!((a.to_py(), line), (Py::Str(String::from("true")), 1));
        let (b, line) = doc.get("b").unwrap();
        assert_eq!(line, 2);
        assert_eq!(b.to_py(), Py::List(alloc::vec![Py::Int(5)]));
    }

    #[test]
    fn json_policies_are_read_too() {
        let doc = Doc::read("p.json", "{\"a\": [1, 2.5, \"x\", null]}").unwrap();
        assert_eq!(
            doc.get("a").unwrap().0.to_py(),
            Py::List(alloc::vec![
                Py::Int(1),
                Py::Float(2.5),
                Py::Str(String::from("x")),
                Py::None
            ])
        );
        let error = Doc::read("p.json", "{\"a\": }").unwrap_err();
        assert_eq!((error.line, error.column), (1, 7));
    }
}
