//! Terraform's built-in functions, one file per family as Terraform's documentation groups
//! them. [`call`] dispatches by name; each family answers for the names it knows.
//!
//! Arguments arrive evaluated. A [`Value::Unknown`] argument usually makes the result unknown,
//! but a function that can still answer does (`length` of a list whose elements are unknown).
//! `try` and `can` are not here: they need their arguments unevaluated, so the evaluator
//! handles them.

mod collection;
mod conversion;
mod datetime;
mod encoding;
mod format;
mod hash;
mod ipnet;
mod json;
mod numeric;
mod path;
pub(crate) mod regex;
mod set;
mod string;
mod yaml;
mod yaml_decode;
mod yaml_scalar;

pub(crate) use regex::ascii_perl_classes;

use alloc::format;
use alloc::string::String;

use crate::value::Value;

pub use conversion::{convert, type_of, unify, Type};
pub use json::encode as json_encode;

/// Calls the built-in function `name` with already evaluated arguments.
///
/// The error is a message for a person: `invalid argument to "lookup": expected a map, got
/// number`.
pub fn call(name: &str, args: &[Value]) -> Result<Value, String> {
    // Functions from providers (`provider::aws::arn_parse`, and Terraform's own
    // `provider::terraform::encode_tfvars`) run inside the provider: unknown to a scan.
    if name.starts_with("provider::") {
        return Ok(Value::Unknown);
    }
    let name = name.strip_prefix("core::").unwrap_or(name);
    // Partial strings (see `Value`) reach only the functions that keep their known pieces
    // apart from the unknown ones; every other function sees them as unknown.
    if name == "replace" && args.iter().any(Value::contains_partial) {
        if let Some(replaced) = regex::replace_partial(args) {
            return Ok(replaced);
        }
    }
    if name == "split" && args.iter().any(Value::contains_partial) {
        if let Some(pieces) = string::split_partial(args) {
            return Ok(pieces);
        }
    }
    if !KEEPS_PARTIALS.contains(&name) && args.iter().any(Value::contains_partial) {
        let whole: alloc::vec::Vec<Value> =
            args.iter().cloned().map(Value::without_partials).collect();
        return call_whole(name, &whole);
    }
    call_whole(name, args)
}

/// Functions that copy strings through without reading them, or that mark what they cannot
/// know with a hole (`format`, `join`, `jsonencode`).
const KEEPS_PARTIALS: &[&str] = &[
    "concat",
    "flatten",
    "compact",
    "distinct",
    "tolist",
    "tostring",
    "merge",
    "coalesce",
    "coalescelist",
    "element",
    "lookup",
    "one",
    "reverse",
    "slice",
    "values",
    "format",
    "join",
    "jsonencode",
];

/// In the WebAssembly build each group's `call` is kept out of line (`#[inline(never)]`):
/// inlined, they made this one function of more than 100 KB, which V8's optimising compiler
/// took a quarter of a second to recompile as soon as a scan had called a few functions. The
/// native build inlines them (0.25% fewer instructions on the corpus).
fn call_whole(name: &str, args: &[Value]) -> Result<Value, String> {
    string::call(name, args)
        .or_else(|| collection::call(name, args))
        .or_else(|| set::call(name, args))
        .or_else(|| encoding::call(name, args))
        .or_else(|| numeric::call(name, args))
        .or_else(|| conversion::call(name, args))
        .or_else(|| ipnet::call(name, args))
        .or_else(|| datetime::call(name, args))
        .or_else(|| hash::call(name, args))
        .or_else(|| path::call(name, args))
        .or_else(|| not_computable(name))
        .unwrap_or_else(|| Err(format!("call to unknown function \"{name}\"")))
}

/// Functions that exist in Terraform but whose result a scan cannot know: they read files or
/// the host's directories, the clock or randomness, render templates the evaluator would have
/// to parse, or give bytes only Go's own compressor reproduces (`base64gzip`). `rsadecrypt`
/// needs a private key, and `issensitive` a sensitivity that evaluation does not track.
fn not_computable(name: &str) -> Option<Result<Value, String>> {
    const NAMES: &[&str] = &[
        "timestamp",
        "plantimestamp",
        "uuid",
        "bcrypt",
        "base64gzip",
        "rsadecrypt",
        "templatestring",
        "templatefile",
        "file",
        "filebase64",
        "fileexists",
        "fileset",
        "filemd5",
        "filesha1",
        "filesha256",
        "filesha512",
        "filebase64sha256",
        "filebase64sha512",
        "abspath",
        "pathexpand",
        "issensitive",
    ];
    NAMES.contains(&name).then_some(Ok(Value::Unknown))
}

/// Unwraps a `Result<Option<T>, String>` where `None` means "unknown": returns
/// `Ok(Value::Unknown)` from the calling function in that case.
macro_rules! known {
    ($expression:expr) => {
        match $expression? {
            Some(value) => value,
            None => return Ok(crate::value::Value::Unknown),
        }
    };
}
pub(crate) use known;

/// The longest string or list a function builds from a count in its arguments (a width, a
/// number of spaces, a product of sets). Past it the result is unknown: a scan should not
/// spend its memory on one value.
pub(crate) const MAX_BUILT_LENGTH: usize = 1 << 20;

/// `invalid argument to "name": detail`.
pub(crate) fn invalid(name: &str, detail: impl core::fmt::Display) -> String {
    format!("invalid argument to \"{name}\": {detail}")
}

/// The message for a value of the wrong type.
pub(crate) fn wrong_type(name: &str, expected: &str, got: &Value) -> String {
    invalid(
        name,
        format_args!("expected {expected}, got {}", describe(got)),
    )
}

/// A value's type as messages name it.
pub(crate) fn describe(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::List(_) => "list",
        Value::Object(_) => "object",
        Value::Unknown => "an unknown value",
    }
}

/// Exactly `N` arguments.
pub(crate) fn fixed<'a, const N: usize>(
    name: &str,
    args: &'a [Value],
) -> Result<&'a [Value; N], String> {
    args.try_into()
        .map_err(|_| arity(name, &N.to_string(), args.len()))
}

/// Between `min` and `max` arguments.
pub(crate) fn between(name: &str, args: &[Value], min: usize, max: usize) -> Result<(), String> {
    if (min..=max).contains(&args.len()) {
        Ok(())
    } else {
        Err(arity(name, &format!("{min} to {max}"), args.len()))
    }
}

/// At least `min` arguments.
pub(crate) fn at_least(name: &str, args: &[Value], min: usize) -> Result<(), String> {
    if args.len() >= min {
        Ok(())
    } else {
        Err(arity(name, &format!("at least {min}"), args.len()))
    }
}

fn arity(name: &str, expected: &str, got: usize) -> String {
    let noun = if expected == "1" {
        "argument"
    } else {
        "arguments"
    };
    format!("wrong number of arguments to \"{name}\": expected {expected} {noun}, got {got}")
}

use alloc::string::ToString;

/// A string argument, with Terraform's conversion of numbers and booleans; `None` when it is
/// unknown.
pub(crate) fn string_arg(name: &str, value: &Value) -> Result<Option<String>, String> {
    match value {
        Value::Unknown => Ok(None),
        Value::String(text) => Ok(Some(text.clone())),
        Value::Number(_) | Value::Bool(_) => Ok(value.to_terraform_string()),
        Value::Null => Err(invalid(name, "argument must not be null")),
        _ => Err(wrong_type(name, "a string", value)),
    }
}

/// A number argument, with Terraform's conversion of numeric strings; `None` when unknown.
pub(crate) fn number_arg(name: &str, value: &Value) -> Result<Option<f64>, String> {
    match value {
        Value::Unknown => Ok(None),
        Value::String(_) if value.is_partial() => Ok(None),
        Value::Number(number) => Ok(Some(*number)),
        Value::String(text) => conversion::parse_number(text)
            .map(Some)
            .ok_or_else(|| invalid(name, format_args!("a number is required, got \"{text}\""))),
        Value::Null => Err(invalid(name, "argument must not be null")),
        _ => Err(wrong_type(name, "a number", value)),
    }
}

/// A whole-number argument; `None` when unknown.
pub(crate) fn integer_arg(name: &str, value: &Value) -> Result<Option<i64>, String> {
    let Some(number) = number_arg(name, value)? else {
        return Ok(None);
    };
    if libm::trunc(number) != number || number.abs() > 9.007_199_254_740_992e15 {
        return Err(invalid(
            name,
            format_args!("{} is not a whole number", Value::Number(number)),
        ));
    }
    Ok(Some(number as i64))
}

/// A boolean argument, with the strings `"true"` and `"false"`; `None` when unknown.
pub(crate) fn bool_arg(name: &str, value: &Value) -> Result<Option<bool>, String> {
    match value {
        Value::Unknown => Ok(None),
        Value::Null => Err(invalid(name, "argument must not be null")),
        _ => conversion::to_bool(value)
            .map(Some)
            .ok_or_else(|| wrong_type(name, "a bool", value)),
    }
}

/// A list (or tuple, or set) argument as it is; `None` when unknown.
pub(crate) fn list_arg<'a>(name: &str, value: &'a Value) -> Result<Option<&'a [Value]>, String> {
    match value {
        Value::Unknown => Ok(None),
        Value::List(items) => Ok(Some(items)),
        Value::Null => Err(invalid(name, "argument must not be null")),
        _ => Err(wrong_type(name, "a list", value)),
    }
}

/// A list argument converted to one element type, as Terraform does for a parameter of type
/// `list(any)`: `[1, "a"]` becomes `["1", "a"]`. `None` when unknown.
pub(crate) fn uniform_list_arg(
    name: &str,
    value: &Value,
) -> Result<Option<alloc::vec::Vec<Value>>, String> {
    let Some(items) = list_arg(name, value)? else {
        return Ok(None);
    };
    conversion::uniform(items)
        .map(Some)
        .ok_or_else(|| invalid(name, "all elements must have the same type"))
}

/// A list of strings (numbers and booleans converted); `None` when it or an element is
/// unknown.
pub(crate) fn string_list_arg(
    name: &str,
    value: &Value,
) -> Result<Option<alloc::vec::Vec<String>>, String> {
    let Some(items) = list_arg(name, value)? else {
        return Ok(None);
    };
    let mut strings = alloc::vec::Vec::with_capacity(items.len());
    for (index, item) in items.iter().enumerate() {
        match item {
            Value::Unknown => return Ok(None),
            Value::Null => {
                return Err(invalid(name, format_args!("element {index} is null")));
            }
            _ => match item.to_terraform_string() {
                Some(text) => strings.push(text),
                None => {
                    return Err(invalid(
                        name,
                        format_args!("element {index}: expected a string, got {}", describe(item)),
                    ))
                }
            },
        }
    }
    Ok(Some(strings))
}

#[cfg(test)]
mod tests;
