//! JSON as Terraform writes and reads it: `jsonencode` and `jsondecode`.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use core::fmt::Write;

use crate::value::{format_number, Value};

/// Terraform's compact JSON for a value: object keys sorted, numbers without a needless
/// `.0`, and `<`, `>`, `&`, U+2028 and U+2029 escaped as `\u003c` and so on. `None` when the
/// value is or holds an unknown value.
pub fn encode(value: &Value) -> Option<String> {
    let mut out = String::new();
    write_value(&mut out, value, false)?;
    Some(out)
}

/// As [`encode`], but a value known only after apply is written as a string holding a
/// [`HOLE`](crate::value::HOLE), so that the JSON of a document with a few unknown values
/// still shows everything else (a policy whose `Resource` is a bucket's ARN).
pub fn encode_with_holes(value: &Value) -> Option<String> {
    let mut out = String::new();
    write_value(&mut out, value, true)?;
    Some(out)
}

fn write_value(out: &mut String, value: &Value, holes: bool) -> Option<()> {
    match value {
        Value::Unknown if holes => {
            out.push('"');
            out.push(crate::value::HOLE);
            out.push('"');
        }
        Value::Unknown => return None,
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => out.push_str(&format_number(*number)),
        Value::String(text) => write_string(out, text),
        Value::List(items) => {
            out.push('[');
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_value(out, item, holes)?;
            }
            out.push(']');
        }
        Value::Object(map) => {
            out.push('{');
            for (index, (key, item)) in map.iter().enumerate() {
                if index > 0 {
                    out.push(',');
                }
                write_string(out, key);
                out.push(':');
                write_value(out, item, holes)?;
            }
            out.push('}');
        }
    }
    Some(())
}

/// A JSON string literal with Terraform's escaping.
pub(crate) fn encode_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    write_string(&mut out, text);
    out
}

fn write_string(out: &mut String, text: &str) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            // Escaped so that the JSON can be embedded in HTML and JavaScript.
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' | '\u{0}'..='\u{1f}' => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// Parses JSON text into a value; the error says what is wrong.
pub(crate) fn decode(text: &str) -> Result<Value, String> {
    let parsed: serde_json::Value =
        serde_json::from_str(text).map_err(|error| format!("invalid JSON: {error}"))?;
    Ok(from_json(parsed))
}

fn from_json(value: serde_json::Value) -> Value {
    match value {
        serde_json::Value::Null => Value::Null,
        serde_json::Value::Bool(flag) => Value::Bool(flag),
        serde_json::Value::Number(number) => Value::Number(number.as_f64().unwrap_or(f64::NAN)),
        serde_json::Value::String(text) => Value::String(text),
        serde_json::Value::Array(items) => Value::List(items.into_iter().map(from_json).collect()),
        serde_json::Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(key, item)| (key, from_json(item)))
                .collect::<BTreeMap<_, _>>(),
        ),
    }
}
