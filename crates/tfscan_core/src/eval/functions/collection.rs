//! Collection functions: `length`, `lookup`, `merge`, `concat`, ... (the set functions are in
//! `set.rs`).

use alloc::collections::BTreeMap;

use alloc::string::String;
use alloc::vec::Vec;
use unicode_segmentation::UnicodeSegmentation;

use super::conversion::{convert, type_of, unify, Type};
use super::{
    at_least, between, bool_arg, fixed, integer_arg, invalid, known, list_arg, number_arg,
    string_arg, string_list_arg, uniform_list_arg, wrong_type,
};
use crate::value::Value;

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let result = match name {
        "alltrue" => all_or_any(name, args, true),
        "anytrue" => all_or_any(name, args, false),
        "chunklist" => chunklist(name, args),
        "coalesce" => coalesce(name, args),
        "coalescelist" => coalescelist(name, args),
        "compact" => compact(name, args),
        "concat" => concat(name, args),
        "contains" => contains(name, args),
        "distinct" => distinct(name, args),
        "element" => element(name, args),
        "flatten" => flatten(name, args),
        "index" => index(name, args),
        "keys" => keys_or_values(name, args, true),
        "values" => keys_or_values(name, args, false),
        "length" => length(name, args),
        "lookup" => lookup(name, args),
        "matchkeys" => matchkeys(name, args),
        "merge" => merge(name, args),
        "one" => one(name, args),
        "range" => range(name, args),
        "reverse" => reverse(name, args),
        "slice" => slice(name, args),
        "sort" => sort(name, args),
        "sum" => sum(name, args),
        "transpose" => transpose(name, args),
        "zipmap" => zipmap(name, args),
        _ => return None,
    };
    Some(result)
}

fn object_arg<'a>(
    name: &str,
    value: &'a Value,
) -> Result<Option<&'a BTreeMap<String, Value>>, String> {
    match value {
        Value::Unknown => Ok(None),
        Value::Object(map) => Ok(Some(map)),
        Value::Null => Err(invalid(name, "argument must not be null")),
        _ => Err(wrong_type(name, "a map", value)),
    }
}

/// `alltrue` (`all` true) and `anytrue`: a known answer wins over unknown elements
/// (`alltrue([false, unknown])` is false). Null elements count as false.
fn all_or_any(name: &str, args: &[Value], all: bool) -> Result<Value, String> {
    let [list] = fixed::<1>(name, args)?;
    let items = known!(list_arg(name, list));
    let mut unknown = false;
    for item in items {
        let flag = match item {
            Value::Null => false,
            _ => match bool_arg(name, item)? {
                Some(flag) => flag,
                None => {
                    unknown = true;
                    continue;
                }
            },
        };
        if flag != all {
            return Ok(Value::Bool(flag));
        }
    }
    Ok(if unknown {
        Value::Unknown
    } else {
        Value::Bool(all)
    })
}

fn chunklist(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list, size] = fixed::<2>(name, args)?;
    let items = uniform_list_arg(name, list)?;
    let size = integer_arg(name, size)?;
    let (Some(items), Some(size)) = (items, size) else {
        return Ok(Value::Unknown);
    };
    let size =
        usize::try_from(size).map_err(|_| invalid(name, "the chunk size must not be negative"))?;
    if size == 0 {
        return Ok(Value::List(if items.is_empty() {
            Vec::new()
        } else {
            alloc::vec![Value::List(items)]
        }));
    }
    Ok(Value::List(
        items
            .chunks(size)
            .map(|chunk| Value::List(chunk.to_vec()))
            .collect(),
    ))
}

/// The first argument that is neither null nor an empty string, in the type all arguments
/// share (`coalesce(1, "a")` is `"1"`).
fn coalesce(name: &str, args: &[Value]) -> Result<Value, String> {
    at_least(name, args, 1)?;
    // Text with unknown pieces is never null, and never empty when a piece of it is known or
    // is an identifier: among strings, it decides as a known one would.
    let all_text = args
        .iter()
        .all(|value| matches!(value, Value::Null | Value::String(_) | Value::Unknown));
    if all_text && args.iter().any(Value::is_partial) {
        for value in args {
            match value {
                Value::Null => {}
                Value::String(text) if text.is_empty() => {}
                Value::String(text) if text.chars().any(|c| c != crate::value::HOLE) => {
                    return Ok(value.clone());
                }
                _ => return Ok(Value::Unknown),
            }
        }
    }
    if args.iter().any(Value::is_unknown) {
        return Ok(Value::Unknown);
    }
    let types: Vec<Type> = args.iter().map(type_of).collect();
    let ty = unify(&types).ok_or_else(|| invalid(name, "all arguments must have the same type"))?;
    for value in args {
        let converted = convert(value, &ty)
            .ok_or_else(|| invalid(name, "all arguments must have the same type"))?;
        match &converted {
            Value::Null => {}
            Value::String(text) if text.is_empty() => {}
            _ => return Ok(converted),
        }
    }
    Err(invalid(name, "no non-null, non-empty-string arguments"))
}

fn coalescelist(name: &str, args: &[Value]) -> Result<Value, String> {
    at_least(name, args, 1)?;
    for value in args {
        match value {
            Value::Unknown => return Ok(Value::Unknown),
            Value::List(items) if items.is_empty() => {}
            Value::List(_) => return Ok(value.clone()),
            _ => return Err(wrong_type(name, "a list", value)),
        }
    }
    Err(invalid(name, "no non-null, non-empty list arguments"))
}

fn compact(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list] = fixed::<1>(name, args)?;
    let items = known!(list_arg(name, list));
    let mut kept = Vec::new();
    for item in items {
        match item {
            // An unknown element might be an empty string, so the length is not known.
            Value::Unknown => return Ok(Value::Unknown),
            Value::Null => {}
            _ => {
                let text = item
                    .to_terraform_string()
                    .ok_or_else(|| wrong_type(name, "a list of strings", item))?;
                if !text.is_empty() {
                    kept.push(Value::String(text));
                }
            }
        }
    }
    Ok(Value::List(kept))
}

fn concat(name: &str, args: &[Value]) -> Result<Value, String> {
    at_least(name, args, 1)?;
    let mut joined = Vec::new();
    let mut unknown = false;
    for value in args {
        match list_arg(name, value)? {
            Some(items) => joined.extend_from_slice(items),
            None => unknown = true,
        }
    }
    Ok(if unknown {
        Value::Unknown
    } else {
        Value::List(joined)
    })
}

fn contains(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list, wanted] = fixed::<2>(name, args)?;
    let items = known!(list_arg(name, list));
    if wanted.is_null() {
        return Err(invalid(name, "the value to look for must not be null"));
    }
    if items.contains(wanted) && !wanted.contains_unknown() {
        return Ok(Value::Bool(true));
    }
    if wanted.contains_unknown() || items.iter().any(Value::contains_unknown) {
        return Ok(Value::Unknown);
    }
    Ok(Value::Bool(false))
}

fn distinct(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list] = fixed::<1>(name, args)?;
    let items = known!(uniform_list_arg(name, list));
    let mut seen: Vec<Value> = Vec::with_capacity(items.len());
    for item in items {
        if item.contains_unknown() && !item.is_partial() {
            return Ok(Value::Unknown);
        }
        let mut repeated = false;
        for earlier in &seen {
            match earlier.same_text(&item) {
                Some(same) => repeated |= same,
                None => return Ok(Value::Unknown),
            }
        }
        if !repeated {
            seen.push(item);
        }
    }
    Ok(Value::List(seen))
}

/// `element(list, index)`: the index wraps around the end of the list.
fn element(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list, index] = fixed::<2>(name, args)?;
    let items = list_arg(name, list)?;
    let index = integer_arg(name, index)?;
    let (Some(items), Some(index)) = (items, index) else {
        return Ok(Value::Unknown);
    };
    if items.is_empty() {
        return Err(invalid(
            name,
            "cannot use element function with an empty list",
        ));
    }
    let index =
        u64::try_from(index).map_err(|_| invalid(name, "the index must not be negative"))?;
    let wrapped = (index % items.len() as u64) as usize;
    Ok(items.get(wrapped).cloned().unwrap_or_default())
}

fn flatten(name: &str, args: &[Value]) -> Result<Value, String> {
    fn flatten_into(items: &[Value], out: &mut Vec<Value>) -> bool {
        for item in items {
            match item {
                Value::List(inner) => {
                    if !flatten_into(inner, out) {
                        return false;
                    }
                }
                // An unknown element might be a list, so the result's shape is not known.
                Value::Unknown => return false,
                _ => out.push(item.clone()),
            }
        }
        true
    }
    let [list] = fixed::<1>(name, args)?;
    let items = known!(list_arg(name, list));
    let mut flat = Vec::new();
    Ok(if flatten_into(items, &mut flat) {
        Value::List(flat)
    } else {
        Value::Unknown
    })
}

fn index(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list, wanted] = fixed::<2>(name, args)?;
    let items = known!(list_arg(name, list));
    if wanted.contains_unknown() {
        return Ok(Value::Unknown);
    }
    for (position, item) in items.iter().enumerate() {
        if item.contains_unknown() {
            return Ok(Value::Unknown);
        }
        if item == wanted {
            return Ok(Value::Number(position as f64));
        }
    }
    Err(invalid(name, "the given value is not in the list"))
}

fn keys_or_values(name: &str, args: &[Value], keys: bool) -> Result<Value, String> {
    let [map] = fixed::<1>(name, args)?;
    let map = known!(object_arg(name, map));
    Ok(Value::List(if keys {
        map.keys().map(|key| Value::String(key.clone())).collect()
    } else {
        map.values().cloned().collect()
    }))
}

fn length(name: &str, args: &[Value]) -> Result<Value, String> {
    let [value] = fixed::<1>(name, args)?;
    let count = match value {
        Value::Unknown => return Ok(Value::Unknown),
        Value::List(items) => items.len(),
        Value::Object(map) => map.len(),
        Value::String(text) => text.graphemes(true).count(),
        Value::Null => return Err(invalid(name, "argument must not be null")),
        _ => return Err(wrong_type(name, "a collection or a string", value)),
    };
    Ok(Value::Number(count as f64))
}

fn lookup(name: &str, args: &[Value]) -> Result<Value, String> {
    between(name, args, 2, 3)?;
    let (Some(map), Some(key)) = (args.first(), args.get(1)) else {
        return Ok(Value::Unknown);
    };
    let map = object_arg(name, map)?;
    // Values and the default are copied through with their known pieces (see `Value`); a key
    // with unknown pieces is not known.
    let key = string_arg(name, &key.clone().without_partials())?;
    let (Some(map), Some(key)) = (map, key) else {
        return Ok(Value::Unknown);
    };
    match (map.get(&key), args.get(2)) {
        (Some(found), _) => Ok(found.clone()),
        (None, Some(default)) => Ok(default.clone()),
        (None, None) => Err(invalid(name, format_args!("the map has no key \"{key}\""))),
    }
}

fn matchkeys(name: &str, args: &[Value]) -> Result<Value, String> {
    let [values, keys, searchset] = fixed::<3>(name, args)?;
    let values = list_arg(name, values)?;
    let keys = list_arg(name, keys)?;
    let searchset = list_arg(name, searchset)?;
    let (Some(values), Some(keys), Some(searchset)) = (values, keys, searchset) else {
        return Ok(Value::Unknown);
    };
    if values.len() != keys.len() {
        return Err(invalid(
            name,
            "the values and keys lists must have the same length",
        ));
    }
    if keys.iter().chain(searchset).any(Value::contains_unknown) {
        return Ok(Value::Unknown);
    }
    // Keys and the search set are compared in the type they share.
    let types: Vec<Type> = keys.iter().chain(searchset).map(type_of).collect();
    let ty =
        unify(&types).ok_or_else(|| invalid(name, "keys and searchset must have the same type"))?;
    let wanted: Vec<Value> = searchset
        .iter()
        .filter_map(|item| convert(item, &ty))
        .collect();
    let mut matched = Vec::new();
    for (value, key) in values.iter().zip(keys) {
        if convert(key, &ty).is_some_and(|key| wanted.contains(&key)) {
            matched.push(value.clone());
        }
    }
    Ok(Value::List(matched))
}

fn merge(name: &str, args: &[Value]) -> Result<Value, String> {
    let mut merged = BTreeMap::new();
    for value in args {
        match value {
            Value::Null => {}
            Value::Unknown => return Ok(Value::Unknown),
            Value::Object(map) => {
                merged.extend(map.iter().map(|(key, item)| (key.clone(), item.clone())));
            }
            _ => return Err(wrong_type(name, "maps or objects", value)),
        }
    }
    Ok(Value::Object(merged))
}

fn one(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list] = fixed::<1>(name, args)?;
    let items = known!(list_arg(name, list));
    match items {
        [] => Ok(Value::Null),
        [only] => Ok(only.clone()),
        _ => Err(invalid(
            name,
            format_args!(
                "must be a list with at most one element, got {}",
                items.len()
            ),
        )),
    }
}

/// The most elements `range` produces, as in Terraform.
const RANGE_LIMIT: usize = 1024;

fn range(name: &str, args: &[Value]) -> Result<Value, String> {
    between(name, args, 1, 3)?;
    let mut numbers = Vec::with_capacity(args.len());
    for arg in args {
        numbers.push(known!(number_arg(name, arg)));
    }
    let (start, limit, step) = match numbers.as_slice() {
        [limit] => (0.0, *limit, if *limit >= 0.0 { 1.0 } else { -1.0 }),
        [start, limit] => (*start, *limit, if start <= limit { 1.0 } else { -1.0 }),
        [start, limit, step] => (*start, *limit, *step),
        _ => return Ok(Value::Unknown),
    };
    if step == 0.0 {
        return Err(invalid(name, "the step must not be zero"));
    }
    if (limit > start && step < 0.0) || (limit < start && step > 0.0) {
        return Err(invalid(
            name,
            "the step must move from the start towards the limit",
        ));
    }
    let mut values = Vec::new();
    let mut current = start;
    while (step > 0.0 && current < limit) || (step < 0.0 && current > limit) {
        if values.len() == RANGE_LIMIT {
            return Err(invalid(
                name,
                format_args!("more than {RANGE_LIMIT} values"),
            ));
        }
        values.push(Value::Number(current));
        current += step;
    }
    Ok(Value::List(values))
}

fn reverse(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list] = fixed::<1>(name, args)?;
    let items = known!(list_arg(name, list));
    Ok(Value::List(items.iter().rev().cloned().collect()))
}

fn slice(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list, start, end] = fixed::<3>(name, args)?;
    let items = list_arg(name, list)?;
    let start = integer_arg(name, start)?;
    let end = integer_arg(name, end)?;
    let (Some(items), Some(start), Some(end)) = (items, start, end) else {
        return Ok(Value::Unknown);
    };
    let start = usize::try_from(start)
        .map_err(|_| invalid(name, "the start index must not be negative"))?;
    let end =
        usize::try_from(end).map_err(|_| invalid(name, "the end index must not be negative"))?;
    if start > end {
        return Err(invalid(
            name,
            "the start index must not be greater than the end index",
        ));
    }
    match items.get(start..end) {
        Some(part) => Ok(Value::List(part.to_vec())),
        None => Err(invalid(
            name,
            format_args!(
                "the end index must not be greater than the length of the list ({})",
                items.len()
            ),
        )),
    }
}

/// Sorts strings by their bytes (numbers and booleans become strings first).
fn sort(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list] = fixed::<1>(name, args)?;
    let mut strings = known!(string_list_arg(name, list));
    strings.sort_unstable_by(|left, right| left.as_bytes().cmp(right.as_bytes()));
    Ok(Value::List(
        strings.into_iter().map(Value::String).collect(),
    ))
}

fn sum(name: &str, args: &[Value]) -> Result<Value, String> {
    let [list] = fixed::<1>(name, args)?;
    let items = known!(list_arg(name, list));
    if items.is_empty() {
        return Err(invalid(name, "cannot sum an empty list"));
    }
    // Starting from the first element keeps a lone -0 negative, as in Terraform.
    let mut total: Option<f64> = None;
    for item in items {
        if item.is_null() {
            return Err(invalid(name, "the list must not contain null values"));
        }
        let number = known!(number_arg(name, item));
        total = Some(total.map_or(number, |total| total + number));
    }
    // Terraform's numbers do not overflow; a float that does is unknown.
    Ok(total
        .filter(|total| total.is_finite())
        .map_or(Value::Unknown, Value::Number))
}

/// `transpose({a = ["1", "2"], b = ["2"]})` is `{"1" = ["a"], "2" = ["a", "b"]}`.
fn transpose(name: &str, args: &[Value]) -> Result<Value, String> {
    let [map] = fixed::<1>(name, args)?;
    let map = known!(object_arg(name, map));
    let mut transposed: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    for (key, list) in map {
        let Some(strings) = string_list_arg(name, list)? else {
            return Ok(Value::Unknown);
        };
        for text in strings {
            transposed
                .entry(text)
                .or_default()
                .push(Value::String(key.clone()));
        }
    }
    Ok(Value::Object(
        transposed
            .into_iter()
            .map(|(key, keys)| (key, Value::List(keys)))
            .collect(),
    ))
}

fn zipmap(name: &str, args: &[Value]) -> Result<Value, String> {
    let [keys, values] = fixed::<2>(name, args)?;
    let keys = string_list_arg(name, keys)?;
    let values = list_arg(name, values)?;
    let (Some(keys), Some(values)) = (keys, values) else {
        return Ok(Value::Unknown);
    };
    if keys.len() != values.len() {
        return Err(invalid(
            name,
            format_args!(
                "{} keys but {} values: the lists must have the same length",
                keys.len(),
                values.len()
            ),
        ));
    }
    Ok(Value::Object(
        keys.into_iter().zip(values.iter().cloned()).collect(),
    ))
}
