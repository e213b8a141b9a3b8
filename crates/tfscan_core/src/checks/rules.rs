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
        // Known pieces of a partial string may rule every allowed value out.
        Some(value) if value.is_partial() => {
            if allowed
                .iter()
                .all(|text| value.may_equal(text) == Some(false))
            {
                Verdict::Failed
            } else {
                Verdict::Unknown
            }
        }
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => verdict(
            value
                .to_terraform_string()
                .is_some_and(|text| allowed.contains(&text.as_str())),
        ),
    }
}

/// Checkov's negative-value rule: Failed when the string at `path` is one of `forbidden`
/// (compared exactly), or, for a list, when any of its items is; Passed when it is another known
/// value, absent or null; Unknown when it is unknown and no known item is forbidden.
pub fn string_not_in(resource: &Resource<'_>, path: &str, forbidden: &[&str]) -> Verdict {
    let is_forbidden = |value: &Value| {
        value
            .to_terraform_string()
            .is_some_and(|text| forbidden.contains(&text.as_str()))
    };
    match resource.get(path) {
        None | Some(Value::Null) => Verdict::Passed,
        Some(Value::List(items)) if items.iter().any(is_forbidden) => Verdict::Failed,
        Some(value) if value.is_partial() => {
            if forbidden
                .iter()
                .all(|text| value.may_equal(text) == Some(false))
            {
                Verdict::Passed
            } else {
                Verdict::Unknown
            }
        }
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => verdict(!is_forbidden(value)),
    }
}

/// Checkov's negative-value rule for a boolean: Failed when the value at `path` is `forbidden`
/// (or its string form), Passed when it is another known value, absent or null, Unknown when
/// unknown.
pub fn bool_not_equals(resource: &Resource<'_>, path: &str, forbidden: bool) -> Verdict {
    match resource.get(path) {
        None | Some(Value::Null) => Verdict::Passed,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => verdict(value.as_bool() != Some(forbidden)),
    }
}

/// Passed when the number at `path` (or a string holding one) is one of `allowed`, Failed when
/// it is another known value, `missing` when absent or null, Unknown when unknown.
pub fn number_in(
    resource: &Resource<'_>,
    path: &str,
    allowed: &[f64],
    missing: Verdict,
) -> Verdict {
    match resource.get(path) {
        None | Some(Value::Null) => missing,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => verdict(
            value
                .as_number()
                .is_some_and(|number| allowed.contains(&number)),
        ),
    }
}

/// Checkov's negative-value rule for a number: Failed when the number at `path` (or a string
/// holding one) is `forbidden`, Passed when it is another known value, `missing` when absent or
/// null, Unknown when unknown.
pub fn number_not_equals(
    resource: &Resource<'_>,
    path: &str,
    forbidden: f64,
    missing: Verdict,
) -> Verdict {
    match resource.get(path) {
        None | Some(Value::Null) => missing,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => verdict(value.as_number() != Some(forbidden)),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::EntityKind;
    use crate::value::object;
    use alloc::vec;

    fn resource(attributes: &Value) -> Resource<'_> {
        Resource {
            kind: EntityKind::Resource,
            resource_type: "t",
            name: "n",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    #[test]
    fn bool_and_number_rules_follow_checkov() {
        let public = object([("public", "true".into())]);
        assert_eq!(
            bool_not_equals(&resource(&public), "public", true),
            Verdict::Failed
        );
        assert_eq!(
            bool_not_equals(&resource(&public), "other", true),
            Verdict::Passed
        );
        let private = object([("public", Value::Bool(false))]);
        assert_eq!(
            bool_not_equals(&resource(&private), "public", true),
            Verdict::Passed
        );
        let unknown = object([("public", Value::Unknown)]);
        assert_eq!(
            bool_not_equals(&resource(&unknown), "public", true),
            Verdict::Unknown
        );

        let interval = object([("interval", "60".into())]);
        let allowed = &[1.0, 60.0];
        assert_eq!(
            number_in(&resource(&interval), "interval", allowed, Verdict::Failed),
            Verdict::Passed
        );
        let zero = object([("interval", Value::Number(0.0))]);
        assert_eq!(
            number_in(&resource(&zero), "interval", allowed, Verdict::Passed),
            Verdict::Failed
        );
        assert_eq!(
            number_not_equals(&resource(&zero), "interval", 0.0, Verdict::Passed),
            Verdict::Failed
        );
        assert_eq!(
            number_not_equals(&resource(&interval), "interval", 0.0, Verdict::Failed),
            Verdict::Passed
        );
        assert_eq!(
            number_not_equals(&resource(&zero), "missing", 0.0, Verdict::Failed),
            Verdict::Failed
        );
    }

    #[test]
    fn string_not_in_follows_the_negative_value_rule() {
        let forbidden = &["NONE"];
        let cases = [
            (object([("mode", "NONE".into())]), Verdict::Failed),
            (object([("mode", "AWS_IAM".into())]), Verdict::Passed),
            (object([("mode", Value::Null)]), Verdict::Passed),
            (object::<_, &str>([]), Verdict::Passed),
            (object([("mode", Value::Unknown)]), Verdict::Unknown),
            (
                object([("mode", Value::List(vec![Value::Unknown, "NONE".into()]))]),
                Verdict::Failed,
            ),
            (
                object([("mode", Value::List(vec![Value::Unknown, "X".into()]))]),
                Verdict::Unknown,
            ),
        ];
        for (attributes, expected) in cases {
            assert_eq!(
                string_not_in(&resource(&attributes), "mode", forbidden),
                expected,
                "{attributes}"
            );
        }
    }
}
