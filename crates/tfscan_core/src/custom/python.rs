//! Values as Checkov's policy engine sees them: the types a YAML policy's `value` and a
//! Terraform attribute become in Python, with Python's equality, `str()`, `in`, `float()` and
//! `int()`. Checkov's operators are written in those terms (`str(attr) == str(value)`, `attr in
//! value`), so tfscan spells them out here to give the same answers.
//!
//! Where Python raises an error (`5 in "abc"`, `"a".startswith(["a"])`), Checkov's policy
//! engine drops the resource from the check's results: the functions here return `None` for
//! those cases, and the caller reports nothing for the resource.

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt::Write as _;

use crate::value::Value;

/// A Python value, as `yaml.safe_load` or Checkov's Terraform graph makes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Py {
    None,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(String),
    List(Vec<Py>),
    /// Keys in order (as Python's dictionaries keep them).
    Dict(Vec<(String, Py)>),
    /// A Terraform value known only after apply, or one the scan has no value for: Checkov
    /// sees an unrendered reference (`var.x`, `aws_kms_key.k.arn`) and cannot decide.
    Unknown,
}

impl Py {
    /// A Terraform value as Checkov's graph holds it: numbers without a fraction are `int`s,
    /// the strings `"true"` and `"false"` are booleans (Checkov's parser turns them into
    /// booleans), and anything known only after apply is [`Py::Unknown`].
    pub fn from_value(value: &Value) -> Py {
        match value {
            Value::Null => Py::None,
            Value::Bool(flag) => Py::Bool(*flag),
            Value::Number(number) => Py::number(*number),
            Value::String(_) if value.is_unknown() => Py::Unknown,
            Value::String(text) if text == "true" => Py::Bool(true),
            Value::String(text) if text == "false" => Py::Bool(false),
            Value::String(text) => Py::Str(text.clone()),
            Value::List(items) => Py::List(items.iter().map(Py::from_value).collect()),
            Value::Object(map) => Py::Dict(
                map.iter()
                    .map(|(key, item)| (key.clone(), Py::from_value(item)))
                    .collect(),
            ),
            Value::Unknown => Py::Unknown,
        }
    }

    /// A number: an `int` when it is whole and fits, else a `float`.
    pub fn number(number: f64) -> Py {
        // 2^63: every whole f64 below it converts to i64 exactly.
        if libm::trunc(number) == number && number.abs() < 9.223_372_036_854_776e18 {
            Py::Int(number as i64)
        } else {
            Py::Float(number)
        }
    }

    /// True when this value or anything inside it is unknown.
    pub fn contains_unknown(&self) -> bool {
        match self {
            Py::Unknown => true,
            Py::List(items) => items.iter().any(Py::contains_unknown),
            Py::Dict(entries) => entries.iter().any(|(_, item)| item.contains_unknown()),
            _ => false,
        }
    }

    /// Python's truth value (`bool(x)`).
    pub fn truthy(&self) -> bool {
        match self {
            Py::None => false,
            Py::Bool(flag) => *flag,
            Py::Int(number) => *number != 0,
            Py::Float(number) => *number != 0.0,
            Py::Str(text) => !text.is_empty(),
            Py::List(items) => !items.is_empty(),
            Py::Dict(entries) => !entries.is_empty(),
            Py::Unknown => true,
        }
    }

    /// The number a boolean or number stands for in arithmetic comparisons.
    fn numeric(&self) -> Option<f64> {
        match self {
            Py::Bool(flag) => Some(f64::from(u8::from(*flag))),
            Py::Int(number) => Some(*number as f64),
            Py::Float(number) => Some(*number),
            _ => None,
        }
    }

    /// `len(x)` for the values that have a length (strings count characters).
    pub fn len(&self) -> Option<usize> {
        match self {
            Py::Str(text) => Some(text.chars().count()),
            Py::List(items) => Some(items.len()),
            Py::Dict(entries) => Some(entries.len()),
            _ => None,
        }
    }

    /// `str(x)`.
    pub fn to_str(&self) -> String {
        match self {
            Py::Str(text) => text.clone(),
            other => other.repr(),
        }
    }

    /// `repr(x)`, which `str()` of a list or a dictionary shows for each item.
    pub fn repr(&self) -> String {
        match self {
            Py::None => String::from("None"),
            Py::Bool(true) => String::from("True"),
            Py::Bool(false) => String::from("False"),
            Py::Int(number) => number.to_string(),
            Py::Float(number) => float_repr(*number),
            Py::Str(text) => string_repr(text),
            Py::List(items) => {
                let items: Vec<String> = items.iter().map(Py::repr).collect();
                format!("[{}]", items.join(", "))
            }
            Py::Dict(entries) => {
                let entries: Vec<String> = entries
                    .iter()
                    .map(|(key, item)| format!("{}: {}", string_repr(key), item.repr()))
                    .collect();
                format!("{{{}}}", entries.join(", "))
            }
            // Never shown: unknown values are decided before anything is printed.
            Py::Unknown => String::from("None"),
        }
    }

    /// `float(x)`, or None where Python raises.
    pub fn to_float(&self) -> Option<f64> {
        match self {
            Py::Bool(_) | Py::Int(_) | Py::Float(_) => self.numeric(),
            Py::Str(text) => parse_python_float(text),
            _ => None,
        }
    }

    /// `int(x)`, or None where Python raises (`int("5.0")` does; `int(5.7)` is 5).
    pub fn to_int(&self) -> Option<i64> {
        match self {
            Py::Bool(flag) => Some(i64::from(*flag)),
            Py::Int(number) => Some(*number),
            Py::Float(number) if number.is_finite() => Some(libm::trunc(*number) as i64),
            Py::Str(text) => parse_python_int(text),
            _ => None,
        }
    }

    /// True for the values Python can hash (a dictionary key, a set member): not lists or
    /// dictionaries.
    pub fn hashable(&self) -> bool {
        !matches!(self, Py::List(_) | Py::Dict(_))
    }
}

/// Python's `==`: numbers (booleans included) by value, strings by text, lists item by item,
/// dictionaries by their keys and values.
pub fn equal(left: &Py, right: &Py) -> bool {
    match (left, right) {
        (Py::None, Py::None) => true,
        (Py::Str(a), Py::Str(b)) => a == b,
        (Py::List(a), Py::List(b)) => {
            a.len() == b.len() && a.iter().zip(b).all(|(x, y)| equal(x, y))
        }
        (Py::Dict(a), Py::Dict(b)) => {
            a.len() == b.len()
                && a.iter().all(|(key, value)| {
                    b.iter()
                        .any(|(other_key, other)| other_key == key && equal(value, other))
                })
        }
        _ => match (left.numeric(), right.numeric()) {
            (Some(a), Some(b)) => a == b,
            _ => false,
        },
    }
}

/// Python's `needle in haystack`, or None where Python raises: a substring for strings (the
/// needle must be a string), an equal item for lists, a key for dictionaries (the needle must
/// be hashable); other haystacks cannot be searched.
pub fn contains(haystack: &Py, needle: &Py) -> Option<bool> {
    match haystack {
        Py::Str(text) => match needle {
            Py::Str(part) => Some(text.contains(part.as_str())),
            _ => None,
        },
        Py::List(items) => Some(items.iter().any(|item| equal(item, needle))),
        Py::Dict(entries) => {
            if !needle.hashable() {
                return None;
            }
            Some(
                entries
                    .iter()
                    .any(|(key, _)| equal(&Py::Str(key.clone()), needle)),
            )
        }
        _ => None,
    }
}

/// The items `for item in x` gives: characters of a string, items of a list, keys of a
/// dictionary; None for what Python cannot iterate.
pub fn iterate(value: &Py) -> Option<Vec<Py>> {
    match value {
        Py::Str(text) => Some(text.chars().map(|c| Py::Str(c.to_string())).collect()),
        Py::List(items) => Some(items.clone()),
        Py::Dict(entries) => Some(
            entries
                .iter()
                .map(|(key, _)| Py::Str(key.clone()))
                .collect(),
        ),
        _ => None,
    }
}

/// Python's `a > b` on two strings: by code point.
pub fn string_greater(left: &str, right: &str) -> bool {
    left.chars().gt(right.chars())
}

/// `float(text)`: optional blanks, a sign, digits with `_` between them, a fraction, an
/// exponent, or `inf` / `infinity` / `nan` in any case.
fn parse_python_float(text: &str) -> Option<f64> {
    let trimmed = text.trim();
    let unsigned = trimmed.trim_start_matches(['+', '-']);
    if trimmed.len() - unsigned.len() > 1 {
        return None;
    }
    let negative = trimmed.starts_with('-');
    let lower = unsigned.to_ascii_lowercase();
    let special = match lower.as_str() {
        "inf" | "infinity" => Some(f64::INFINITY),
        "nan" => Some(f64::NAN),
        _ => None,
    };
    if let Some(value) = special {
        return Some(if negative { -value } else { value });
    }
    let digits = without_underscores(unsigned)?;
    let valid = !digits.is_empty()
        && digits
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '+' | '-'))
        && digits.chars().any(|c| c.is_ascii_digit());
    if !valid {
        return None;
    }
    let value: f64 = digits.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// `int(text)`: optional blanks, a sign, decimal digits with `_` between them.
fn parse_python_int(text: &str) -> Option<i64> {
    let trimmed = text.trim();
    let (negative, unsigned) = match trimmed.as_bytes().first() {
        Some(b'-') => (true, &trimmed[1..]),
        Some(b'+') => (false, &trimmed[1..]),
        _ => (false, trimmed),
    };
    let digits = without_underscores(unsigned)?;
    if digits.is_empty() || !digits.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let value: i64 = digits.parse().ok()?;
    Some(if negative { -value } else { value })
}

/// The text without the `_` Python allows between digits; None when one is misplaced.
fn without_underscores(text: &str) -> Option<String> {
    if text.starts_with('_') || text.ends_with('_') || text.contains("__") {
        return None;
    }
    Some(text.replace('_', ""))
}

/// `repr()` of a float: the shortest text that reads back the same, with Python's switch to
/// exponent notation below 1e-4 and from 1e16.
pub fn float_repr(number: f64) -> String {
    if number.is_nan() {
        return String::from("nan");
    }
    if number.is_infinite() {
        return String::from(if number > 0.0 { "inf" } else { "-inf" });
    }
    let magnitude = number.abs();
    if magnitude != 0.0 && !(1e-4..1e16).contains(&magnitude) {
        // Rust writes `1e16` and `1.5e-5`; Python writes `1e+16` and `1.5e-05`.
        let text = format!("{number:e}");
        let (mantissa, exponent) = text.split_once('e').unwrap_or((&text, "0"));
        let (sign, digits) = match exponent.strip_prefix('-') {
            Some(digits) => ('-', digits),
            None => ('+', exponent),
        };
        return format!("{mantissa}e{sign}{digits:0>2}");
    }
    let text = format!("{number:?}");
    if text.contains('.') || text.contains('e') {
        text
    } else {
        format!("{text}.0")
    }
}

/// `repr()` of a string: single quotes unless the text holds one and no double quote, with
/// backslash escapes for the quote, backslashes and control characters.
pub fn string_repr(text: &str) -> String {
    let quote = if text.contains('\'') && !text.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(text.len() + 2);
    out.push(quote);
    for character in text.chars() {
        match character {
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            c if (c as u32) < 0x20 || c as u32 == 0x7f => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push(quote);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn text(value: &str) -> Py {
        Py::Str(String::from(value))
    }

    #[test]
    fn str_and_repr_read_as_python_prints_them() {
        assert_eq!(Py::Bool(true).to_str(), "True");
        assert_eq!(Py::None.to_str(), "None");
        assert_eq!(Py::Float(5.0).to_str(), "5.0");
        assert_eq!(Py::Float(1.5).to_str(), "1.5");
        assert_eq!(Py::Float(1e16).to_str(), "1e+16");
        assert_eq!(Py::Float(1.5e-5).to_str(), "1.5e-05");
        assert_eq!(
            Py::List(vec![text("a"), Py::Int(1), text("it's")]).to_str(),
            "['a', 1, \"it's\"]"
        );
        assert_eq!(
            Py::Dict(vec![(String::from("k"), Py::Bool(false))]).to_str(),
            "{'k': False}"
        );
    }

    #[test]
    fn equality_and_membership_follow_python() {
        assert!(equal(&Py::Int(1), &Py::Bool(true)));
        assert!(equal(&Py::Int(5), &Py::Float(5.0)));
        assert!(!equal(&Py::Int(5), &text("5")));
        assert_eq!(contains(&text("abc"), &text("b")), Some(true));
        assert_eq!(contains(&text("abc"), &Py::Int(1)), None);
        assert_eq!(
            contains(&Py::List(vec![Py::Int(80)]), &Py::Float(80.0)),
            Some(true)
        );
        assert_eq!(contains(&Py::Int(3), &Py::Int(3)), None);
    }

    #[test]
    fn conversions_follow_python() {
        assert_eq!(text(" 5 ").to_float(), Some(5.0));
        assert_eq!(text("1_000").to_int(), Some(1000));
        assert_eq!(text("5.0").to_int(), None);
        assert_eq!(Py::Float(5.7).to_int(), Some(5));
        assert_eq!(text("abc").to_float(), None);
        assert_eq!(text("-inf").to_float(), Some(f64::NEG_INFINITY));
        assert_eq!(Py::None.to_float(), None);
    }
}
