//! Small rules that many checks share: "this attribute must be true", "must be set", ...
//! Each takes the resource and a dotted path (see [`crate::Value::lookup`]) and follows
//! Checkov's conventions for a missing attribute, which the caller states.

use crate::check::{Resource, Verdict};
use crate::value::Value;

/// Passed when the value at `path` is the boolean `expected` (or its string form), Failed
/// when it is another known value, `missing` when it is absent or null, Unknown when unknown.
pub fn bool_equals(
    resource: &Resource<'_>,
    path: &str,
    expected: bool,
    missing: Verdict,
) -> Verdict {
    match resource.get(path) {
        None | Some(Value::Null) => missing,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => verdict(value.as_bool() == Some(expected)),
    }
}

/// Passed when `path` is set to something other than null or an empty string or list —
/// including a value that is unknown until apply, which is still set.
pub fn is_set(resource: &Resource<'_>, path: &str) -> Verdict {
    match resource.get(path) {
        None | Some(Value::Null) => Verdict::Failed,
        Some(Value::String(text)) if text.is_empty() => Verdict::Failed,
        Some(Value::List(items)) if items.is_empty() => Verdict::Failed,
        Some(_) => Verdict::Passed,
    }
}

/// Passed when the string at `path` is one of `allowed` (compared exactly), Failed when it is
/// another known value, `missing` when absent or null, Unknown when unknown.
pub fn string_in(
    resource: &Resource<'_>,
    path: &str,
    allowed: &[&str],
    missing: Verdict,
) -> Verdict {
    match resource.get(path) {
        None | Some(Value::Null) => missing,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => verdict(
            value
                .to_terraform_string()
                .is_some_and(|text| allowed.contains(&text.as_str())),
        ),
    }
}

/// `Passed` when `condition` holds, else `Failed`.
pub fn verdict(condition: bool) -> Verdict {
    if condition {
        Verdict::Passed
    } else {
        Verdict::Failed
    }
}
