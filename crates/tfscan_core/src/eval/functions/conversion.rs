//! Type conversion functions (`tostring`, `tolist`, ...) and the type rules they share with
//! the other families: what type a value has, the one type a group of values can all take,
//! and converting a value to a type.
//!
//! Values do not record whether a sequence is a list, a tuple or a set, or whether an object
//! is a map: a [`Value::List`] is typed as a tuple and a [`Value::Object`] as an object, which
//! is what Terraform's literals are.

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::{describe, fixed, invalid};
use crate::value::Value;

/// A Terraform type, as far as evaluation needs one to convert values.
#[derive(Debug, Clone, PartialEq)]
pub enum Type {
    /// Any type: `null` and unknown values have it, and converting to it changes nothing.
    Dynamic,
    Bool,
    Number,
    String,
    List(Box<Type>),
    Map(Box<Type>),
    Tuple(Vec<Type>),
    Object(BTreeMap<String, Type>),
}

impl core::fmt::Display for Type {
    /// Terraform's name for the type: `string`, `list(number)`, `object`, ...
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        match self {
            Type::Dynamic => f.write_str("any"),
            Type::Bool => f.write_str("bool"),
            Type::Number => f.write_str("number"),
            Type::String => f.write_str("string"),
            Type::List(element) => write!(f, "list({element})"),
            Type::Map(element) => write!(f, "map({element})"),
            Type::Tuple(_) => f.write_str("tuple"),
            Type::Object(_) => f.write_str("object"),
        }
    }
}

/// The type of a value: sequences are tuples and objects are objects.
pub fn type_of(value: &Value) -> Type {
    match value {
        Value::Null | Value::Unknown => Type::Dynamic,
        Value::Bool(_) => Type::Bool,
        Value::Number(_) => Type::Number,
        Value::String(_) => Type::String,
        Value::List(items) => Type::Tuple(items.iter().map(type_of).collect()),
        Value::Object(map) => Type::Object(
            map.iter()
                .map(|(key, item)| (key.clone(), type_of(item)))
                .collect(),
        ),
    }
}

/// The one type that all of `types` convert to, as Terraform chooses it for the elements of
/// a list or the arguments of `coalesce`; `None` when there is none (a number and a bool).
pub fn unify(types: &[Type]) -> Option<Type> {
    let known: Vec<&Type> = types.iter().filter(|ty| **ty != Type::Dynamic).collect();
    let Some(first) = known.first() else {
        return Some(Type::Dynamic);
    };
    if known.iter().all(|ty| ty == first) {
        return Some((*first).clone());
    }

    if known
        .iter()
        .all(|ty| matches!(ty, Type::Bool | Type::Number | Type::String))
    {
        // Numbers and booleans become strings; a number and a bool have no common type.
        return known.contains(&&Type::String).then_some(Type::String);
    }
    if known
        .iter()
        .all(|ty| matches!(ty, Type::Tuple(_) | Type::List(_)))
    {
        return unify_sequences(&known);
    }
    if known
        .iter()
        .all(|ty| matches!(ty, Type::Object(_) | Type::Map(_)))
    {
        return unify_objects(&known);
    }
    None
}

/// Tuples of one length stay tuples, element by element; otherwise everything becomes a list
/// of one element type.
fn unify_sequences(types: &[&Type]) -> Option<Type> {
    let tuples: Option<Vec<&Vec<Type>>> = types
        .iter()
        .map(|ty| match ty {
            Type::Tuple(elements) => Some(elements),
            _ => None,
        })
        .collect();
    if let Some(tuples) = tuples {
        let length = tuples.first().map_or(0, |elements| elements.len());
        if tuples.iter().all(|elements| elements.len() == length) {
            let columns = (0..length).map(|index| {
                let column: Vec<Type> = tuples
                    .iter()
                    .filter_map(|elements| elements.get(index).cloned())
                    .collect();
                unify(&column)
            });
            return columns.collect::<Option<Vec<Type>>>().map(Type::Tuple);
        }
    }

    let mut elements = Vec::new();
    for ty in types {
        match ty {
            Type::Tuple(items) => elements.extend(items.iter().cloned()),
            Type::List(element) => elements.push((**element).clone()),
            _ => return None,
        }
    }
    unify(&elements).map(|element| Type::List(Box::new(element)))
}

/// Objects with the same attribute names stay objects, attribute by attribute; otherwise
/// everything becomes a map of one element type.
fn unify_objects(types: &[&Type]) -> Option<Type> {
    let objects: Option<Vec<&BTreeMap<String, Type>>> = types
        .iter()
        .map(|ty| match ty {
            Type::Object(attributes) => Some(attributes),
            _ => None,
        })
        .collect();
    if let Some(objects) = objects {
        let first = objects.first()?;
        if objects
            .iter()
            .all(|attributes| attributes.keys().eq(first.keys()))
        {
            let mut unified = BTreeMap::new();
            for key in first.keys() {
                let column: Vec<Type> = objects
                    .iter()
                    .filter_map(|attributes| attributes.get(key).cloned())
                    .collect();
                unified.insert(key.clone(), unify(&column)?);
            }
            return Some(Type::Object(unified));
        }
    }

    let mut elements = Vec::new();
    for ty in types {
        match ty {
            Type::Object(attributes) => elements.extend(attributes.values().cloned()),
            Type::Map(element) => elements.push((**element).clone()),
            _ => return None,
        }
    }
    unify(&elements).map(|element| Type::Map(Box::new(element)))
}

/// Converts a value to a type the way Terraform does (`1` to `"1"`, `"5"` to `5`); `None`
/// when it does not convert. Null and unknown values convert to every type.
pub fn convert(value: &Value, ty: &Type) -> Option<Value> {
    match (value, ty) {
        (Value::Null | Value::Unknown, _) | (_, Type::Dynamic) => Some(value.clone()),
        (Value::String(_), Type::String)
        | (Value::Number(_), Type::Number)
        | (Value::Bool(_), Type::Bool) => Some(value.clone()),
        (Value::Number(_) | Value::Bool(_), Type::String) => {
            value.to_terraform_string().map(Value::String)
        }
        (Value::String(text), Type::Number) => parse_number(text).map(Value::Number),
        (Value::String(_), Type::Bool) => to_bool(value).map(Value::Bool),
        (Value::List(items), Type::List(element)) => items
            .iter()
            .map(|item| convert(item, element))
            .collect::<Option<_>>()
            .map(Value::List),
        (Value::List(items), Type::Tuple(types)) if items.len() == types.len() => items
            .iter()
            .zip(types)
            .map(|(item, ty)| convert(item, ty))
            .collect::<Option<_>>()
            .map(Value::List),
        (Value::Object(map), Type::Map(element)) => map
            .iter()
            .map(|(key, item)| Some((key.clone(), convert(item, element)?)))
            .collect::<Option<_>>()
            .map(Value::Object),
        (Value::Object(map), Type::Object(attributes)) if map.keys().eq(attributes.keys()) => map
            .iter()
            .zip(attributes.values())
            .map(|((key, item), ty)| Some((key.clone(), convert(item, ty)?)))
            .collect::<Option<_>>()
            .map(Value::Object),
        _ => None,
    }
}

/// The elements converted to their one common type; `None` when they have none.
pub(crate) fn uniform(items: &[Value]) -> Option<Vec<Value>> {
    let types: Vec<Type> = items.iter().map(type_of).collect();
    let ty = unify(&types)?;
    items.iter().map(|item| convert(item, &ty)).collect()
}

/// Terraform's number syntax in strings: an optional sign, decimal digits with an optional
/// fraction and exponent (`"1.5e3"`, `".5"`, `"5."`). No spaces, no hexadecimal.
pub(crate) fn parse_number(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    let mut index = usize::from(matches!(bytes.first(), Some(b'+' | b'-')));
    let digits_from = index;
    while bytes.get(index).is_some_and(u8::is_ascii_digit) {
        index += 1;
    }
    let mut digit_count = index - digits_from;
    if bytes.get(index) == Some(&b'.') {
        index += 1;
        let fraction_from = index;
        while bytes.get(index).is_some_and(u8::is_ascii_digit) {
            index += 1;
        }
        digit_count += index - fraction_from;
    }
    if digit_count == 0 {
        return None;
    }
    if matches!(bytes.get(index), Some(b'e' | b'E')) {
        index += 1;
        if matches!(bytes.get(index), Some(b'+' | b'-')) {
            index += 1;
        }
        let exponent_from = index;
        while bytes.get(index).is_some_and(u8::is_ascii_digit) {
            index += 1;
        }
        if index == exponent_from {
            return None;
        }
    }
    if index != bytes.len() {
        return None;
    }
    text.parse::<f64>().ok().filter(|number| number.is_finite())
}

/// Terraform's conversion to bool: booleans, and the strings `"true"`, `"false"`, `"1"` and
/// `"0"`.
pub(crate) fn to_bool(value: &Value) -> Option<bool> {
    match value {
        Value::Bool(flag) => Some(*flag),
        Value::String(text) => match text.as_str() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        },
        _ => None,
    }
}

#[cfg_attr(target_family = "wasm", inline(never))]
pub(super) fn call(name: &str, args: &[Value]) -> Option<Result<Value, String>> {
    let result = match name {
        "tobool" => to_primitive(name, args, &Type::Bool),
        "tonumber" => to_primitive(name, args, &Type::Number),
        "tostring" => to_primitive(name, args, &Type::String),
        "tolist" => tolist(name, args),
        "toset" => toset(name, args),
        "tomap" => tomap(name, args),
        "sensitive" | "nonsensitive" | "ephemeralasnull" => {
            // Sensitivity only hides values from output, and a scan sees no ephemeral values.
            fixed::<1>(name, args).map(|[value]| value.clone())
        }
        _ => return None,
    };
    Some(result)
}

fn to_primitive(name: &str, args: &[Value], ty: &Type) -> Result<Value, String> {
    let [value] = fixed::<1>(name, args)?;
    let converted = match value {
        Value::List(_) | Value::Object(_) => None,
        _ => convert(value, ty),
    };
    converted.ok_or_else(|| match value {
        Value::String(text) => invalid(name, format_args!("cannot convert \"{text}\" to {ty}")),
        _ => invalid(
            name,
            format_args!("cannot convert {} to {ty}", describe(value)),
        ),
    })
}

fn tolist(name: &str, args: &[Value]) -> Result<Value, String> {
    let [value] = fixed::<1>(name, args)?;
    match value {
        Value::Null | Value::Unknown => Ok(value.clone()),
        Value::List(items) => uniform(items)
            .map(Value::List)
            .ok_or_else(|| invalid(name, "all elements must have the same type")),
        _ => Err(invalid(
            name,
            format_args!("cannot convert {} to list", describe(value)),
        )),
    }
}

fn toset(name: &str, args: &[Value]) -> Result<Value, String> {
    let [value] = fixed::<1>(name, args)?;
    if value.is_null() {
        return Ok(Value::Null);
    }
    if !matches!(value, Value::List(_) | Value::Unknown) {
        return Err(invalid(
            name,
            format_args!("cannot convert {} to set", describe(value)),
        ));
    }
    Ok(super::set::set_arg(name, value)?.map_or(Value::Unknown, Value::List))
}

fn tomap(name: &str, args: &[Value]) -> Result<Value, String> {
    let [value] = fixed::<1>(name, args)?;
    match value {
        Value::Null | Value::Unknown => Ok(value.clone()),
        Value::Object(map) => {
            let types: Vec<Type> = map.values().map(type_of).collect();
            let converted =
                unify(&types).and_then(|element| convert(value, &Type::Map(Box::new(element))));
            converted.ok_or_else(|| invalid(name, "all map elements must have the same type"))
        }
        _ => Err(invalid(
            name,
            format_args!("cannot convert {} to map", describe(value)),
        )),
    }
}
