//! Set functions: `setunion`, `setintersection`, `setsubtract`, `setproduct`.
//!
//! Their arguments become sets: elements take one shared type (`setunion(["a"], [1])` holds
//! `"1"`), duplicates go, and the result is ordered as Terraform orders sets.

use alloc::string::String;
use alloc::vec::Vec;
use core::cmp::Ordering;
use core::fmt::Write;

use super::conversion::{convert, type_of, unify, Type};
use super::{at_least, invalid, list_arg, uniform_list_arg};
use crate::value::Value;

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let result = match name {
        "setunion" => combine(name, args, <[Vec<Value>]>::concat),
        "setintersection" => combine(name, args, |sets| {
            let (first, others) = sets
                .split_first()
                .map_or((&[][..], &[][..]), |(first, others)| {
                    (first.as_slice(), others)
                });
            first
                .iter()
                .filter(|item| others.iter().all(|set| set.contains(item)))
                .cloned()
                .collect()
        }),
        "setsubtract" => {
            if args.len() == 2 {
                combine(name, args, |sets| match sets {
                    [left, right] => left
                        .iter()
                        .filter(|item| !right.contains(item))
                        .cloned()
                        .collect(),
                    _ => Vec::new(),
                })
            } else {
                super::fixed::<2>(name, args).map(|_| Value::Unknown)
            }
        }
        "setproduct" => setproduct(name, args),
        _ => return None,
    };
    Some(result)
}

/// Converts every argument to a set of the one element type they share, then builds the
/// result set from them.
fn combine(
    name: &str,
    args: &[Value],
    build: impl Fn(&[Vec<Value>]) -> Vec<Value>,
) -> Result<Value, String> {
    at_least(name, args, 1)?;
    let mut lists = Vec::with_capacity(args.len());
    for arg in args {
        match list_arg(name, arg)? {
            Some(items) => lists.push(items),
            None => return Ok(Value::Unknown),
        }
    }
    if lists
        .iter()
        .any(|items| items.iter().any(Value::contains_unknown))
    {
        return Ok(Value::Unknown);
    }

    let types: Vec<Type> = lists
        .iter()
        .flat_map(|items| items.iter().map(type_of))
        .collect();
    let ty = unify(&types).ok_or_else(|| invalid(name, "all elements must have the same type"))?;
    let mut sets = Vec::with_capacity(lists.len());
    for items in lists {
        let converted: Option<Vec<Value>> = items.iter().map(|item| convert(item, &ty)).collect();
        let converted =
            converted.ok_or_else(|| invalid(name, "all elements must have the same type"))?;
        sets.push(converted);
    }
    Ok(set_of(build(&sets), &ty))
}

/// Every combination of one element from each argument, in the arguments' order.
fn setproduct(name: &str, args: &[Value]) -> Result<Value, String> {
    at_least(name, args, 2)?;
    let mut lists = Vec::with_capacity(args.len());
    for arg in args {
        match uniform_list_arg(name, arg)? {
            Some(items) => lists.push(items),
            None => return Ok(Value::Unknown),
        }
    }
    let combinations = lists
        .iter()
        .try_fold(1usize, |count, items| count.checked_mul(items.len()));
    if combinations.is_none_or(|count| count > super::MAX_BUILT_LENGTH) {
        return Ok(Value::Unknown);
    }
    let mut product: Vec<Vec<Value>> = alloc::vec![Vec::new()];
    for items in &lists {
        let mut next = Vec::with_capacity(product.len() * items.len());
        for prefix in &product {
            for item in items {
                let mut combination = prefix.clone();
                combination.push(item.clone());
                next.push(combination);
            }
        }
        product = next;
    }
    Ok(Value::List(product.into_iter().map(Value::List).collect()))
}

/// A set argument: the elements in the one type they share, deduplicated and ordered.
/// `Ok(None)` when an element is unknown, since duplicates and order then cannot be known.
pub(super) fn set_arg(name: &str, value: &Value) -> Result<Option<Vec<Value>>, String> {
    let Some(items) = list_arg(name, value)? else {
        return Ok(None);
    };
    if items.iter().any(Value::contains_unknown) {
        return Ok(None);
    }
    let types: Vec<Type> = items.iter().map(type_of).collect();
    let converted = unify(&types).and_then(|ty| {
        let items: Option<Vec<Value>> = items.iter().map(|item| convert(item, &ty)).collect();
        Some((items?, ty))
    });
    let Some((items, ty)) = converted else {
        return Err(invalid(name, "all elements must have the same type"));
    };
    match set_of(items, &ty) {
        Value::List(elements) => Ok(Some(elements)),
        _ => Ok(None),
    }
}

/// Drops duplicates and orders the elements of a set of type `ty` as Terraform does: strings
/// by their bytes, numbers by value, `false` before `true`, and anything else by the text
/// Terraform hashes it with.
pub(super) fn set_of(items: Vec<Value>, ty: &Type) -> Value {
    let mut elements: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        if !elements.contains(&item) {
            elements.push(item);
        }
    }
    match ty {
        Type::String | Type::Number | Type::Bool => elements.sort_by(compare_primitives),
        _ => {
            let mut keyed: Vec<(String, Value)> = elements
                .into_iter()
                .map(|element| {
                    let mut key = String::new();
                    hash_text(&element, ty, &mut key);
                    (key, element)
                })
                .collect();
            keyed.sort_by(|left, right| left.0.as_bytes().cmp(right.0.as_bytes()));
            elements = keyed.into_iter().map(|(_, element)| element).collect();
        }
    }
    Value::List(elements)
}

fn compare_primitives(left: &Value, right: &Value) -> Ordering {
    match (left, right) {
        (Value::String(left), Value::String(right)) => left.as_bytes().cmp(right.as_bytes()),
        (Value::Number(left), Value::Number(right)) => {
            left.partial_cmp(right).unwrap_or(Ordering::Equal)
        }
        (Value::Bool(left), Value::Bool(right)) => left.cmp(right),
        // Nulls go last.
        (Value::Null, Value::Null) => Ordering::Equal,
        (Value::Null, _) => Ordering::Greater,
        (_, Value::Null) => Ordering::Less,
        _ => Ordering::Equal,
    }
}

/// The text Terraform hashes a set element with, which also orders sets of collections:
/// `~` for null, numbers with ten significant digits, strings quoted, `T`/`F`, and
/// collections as `[e;e;]` (lists), `<e;e;>` (tuples and objects) or `{"k":e;}` (maps).
fn hash_text(value: &Value, ty: &Type, out: &mut String) {
    match (value, ty) {
        (Value::Null, _) => out.push('~'),
        (Value::Unknown, _) => out.push('?'),
        (Value::Bool(flag), _) => out.push(if *flag { 'T' } else { 'F' }),
        (Value::Number(number), _) => out.push_str(&super::format::ten_digits(*number)),
        (Value::String(text), _) => quote(text, out),
        (Value::List(items), Type::List(element)) => {
            out.push('[');
            for item in items {
                hash_text(item, element, out);
                out.push(';');
            }
            out.push(']');
        }
        (Value::List(items), _) => {
            let types = match ty {
                Type::Tuple(types) => types.clone(),
                _ => items.iter().map(type_of).collect(),
            };
            out.push('<');
            for (item, ty) in items.iter().zip(&types) {
                hash_text(item, ty, out);
                out.push(';');
            }
            out.push('>');
        }
        (Value::Object(map), Type::Map(element)) => {
            out.push('{');
            for (key, item) in map {
                quote(key, out);
                out.push(':');
                hash_text(item, element, out);
                out.push(';');
            }
            out.push('}');
        }
        (Value::Object(map), _) => {
            out.push('<');
            for item in map.values() {
                hash_text(item, &type_of(item), out);
                out.push(';');
            }
            out.push('>');
        }
    }
}

/// Go's `%q`: a double-quoted string with Go escapes.
fn quote(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{b}' => out.push_str("\\v"),
            '\u{c}' => out.push_str("\\f"),
            c if u32::from(c) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", u32::from(c));
            }
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
}
