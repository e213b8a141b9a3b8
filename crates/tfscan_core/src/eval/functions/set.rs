//! Set functions: `setunion`, `setintersection`, `setsubtract`, `setproduct`.
//!
//! Their arguments become sets: elements take one shared type (`setunion(["a"], [1])` holds
//! `"1"`), duplicates go, and the result is ordered as Terraform orders sets.

use alloc::string::String;
use alloc::vec::Vec;

use super::conversion::{convert, set_of, type_of, unify, Type};
use super::{at_least, invalid, list_arg, uniform_list_arg};
use crate::value::Value;

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
    Ok(set_of(build(&sets)))
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
