//! The conditions Checkov's graph checks are written in (`exists`, `equals`, `contains`, a
//! connection to a block of some type, ...), read over tfscan's evaluated values with
//! three-valued logic: a condition on a value known only after apply is Unknown, and decides
//! the verdict only when the known conditions do not.
//!
//! The `graph_<service>` files build their checks from these. A path may hold `*` steps, as
//! Checkov's attributes do (`origin.*.s3_origin_config`): they stand for every element of a
//! list, and a condition on such a path holds when it holds for any of the values found.

use alloc::vec::Vec;

use crate::check::{EntityKind, Resource, Verdict};
use crate::value::Value;

/// The instances connected to `resource` whose type is one of `types`, whichever of the two
/// blocks refers to the other (Checkov's connections have no direction). A type written
/// `data.x` names data sources of type `x`; any other names managed resources.
pub(super) fn connected<'a>(resource: &Resource<'a>, types: &[&str]) -> Vec<Resource<'a>> {
    let mut found = Vec::new();
    for written in types {
        let (kind, resource_type) = match written.strip_prefix("data.") {
            Some(data_type) => (EntityKind::Data, data_type),
            None => (EntityKind::Resource, *written),
        };
        let mut of_type = resource.referrers(Some(resource_type));
        of_type.extend(resource.references(Some(resource_type)));
        of_type.retain(|other| other.kind == kind);
        found.extend(of_type);
    }
    found
}

/// Whether any block of `types` is connected to `resource`.
pub(super) fn has_connected(resource: &Resource<'_>, types: &[&str]) -> bool {
    !connected(resource, types).is_empty()
}

/// Passed when any connected block of `types` meets `condition`, else Unknown when one might,
/// else Failed (also when none is connected): Checkov keeps the connected blocks that meet a
/// rule's conditions and asks whether one remains.
pub(super) fn any_connected(
    resource: &Resource<'_>,
    types: &[&str],
    condition: impl Fn(&Resource<'_>) -> Verdict,
) -> Verdict {
    any_of(connected(resource, types).iter().map(condition))
}

/// Passed when any verdict passes, else Unknown when any is unknown, else Failed (also when
/// there is none).
pub(super) fn any_of(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
    let mut result = Verdict::Failed;
    for verdict in verdicts {
        match verdict {
            Verdict::Passed => return Verdict::Passed,
            Verdict::Unknown => result = Verdict::Unknown,
            Verdict::Failed | Verdict::NotApplicable => {}
        }
    }
    result
}

/// Failed when any verdict fails, else Unknown when any is unknown, else Passed (also when
/// there is none).
pub(super) fn all_of(verdicts: impl IntoIterator<Item = Verdict>) -> Verdict {
    let mut result = Verdict::Passed;
    for verdict in verdicts {
        match verdict {
            Verdict::Failed => return Verdict::Failed,
            Verdict::Unknown => result = Verdict::Unknown,
            Verdict::Passed | Verdict::NotApplicable => {}
        }
    }
    result
}

/// The opposite verdict; Unknown stays Unknown.
pub(super) fn negate(verdict: Verdict) -> Verdict {
    match verdict {
        Verdict::Passed => Verdict::Failed,
        Verdict::Failed => Verdict::Passed,
        other => other,
    }
}

/// Every value at a dotted path. A `*` step stands for each element of a list; a named step
/// after a list of nested blocks steps into each block, so `origin.domain_name` reads every
/// origin. An unknown value met on the way is returned as it is, since what lies below it is
/// unknown too; null values are left out.
pub(super) fn values_at<'a>(value: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut current = alloc::vec![value];
    for step in path.split('.') {
        let mut next = Vec::new();
        for value in current {
            step_into(value, step, &mut next);
        }
        current = next;
    }
    current.retain(|value| !value.is_null());
    current
}

fn step_into<'a>(value: &'a Value, step: &str, found: &mut Vec<&'a Value>) {
    match value {
        Value::Unknown => found.push(value),
        Value::List(items) if step == "*" => found.extend(items.iter()),
        Value::List(items) => match step.parse::<usize>() {
            Ok(index) => found.extend(items.get(index)),
            Err(_) => {
                for item in items {
                    step_into(item, step, found);
                }
            }
        },
        Value::Object(map) => found.extend(map.get(step)),
        _ => {}
    }
}

/// Checkov's `exists`: Passed when the path holds a value other than null (a value known only
/// after apply is set) or a nested block written at least once.
pub(super) fn exists(attributes: &Value, path: &str) -> Verdict {
    let found = values_at(attributes, path)
        .into_iter()
        .any(|value| !matches!(value, Value::List(items) if items.is_empty()));
    crate::checks::rules::verdict(found)
}

/// Checkov's `not_exists`.
pub(super) fn not_exists(attributes: &Value, path: &str) -> Verdict {
    negate(exists(attributes, path))
}

/// Whether one value meets `test` on its Terraform text: Unknown when it holds an unknown part.
fn text_test(value: &Value, test: impl Fn(&str) -> bool) -> Verdict {
    if value.contains_unknown() {
        return Verdict::Unknown;
    }
    crate::checks::rules::verdict(value.to_terraform_string().is_some_and(|text| test(&text)))
}

/// Checkov's `equals`: a value at the path is `expected` (compared as text, so `true` and
/// `"true"`, `1` and `"1"` are the same); Failed when none is set.
pub(super) fn equals(attributes: &Value, path: &str, expected: &str) -> Verdict {
    within(attributes, path, &[expected])
}

/// Checkov's `equals_ignore_case`.
pub(super) fn equals_ignore_case(attributes: &Value, path: &str, expected: &str) -> Verdict {
    any_of(
        values_at(attributes, path)
            .into_iter()
            .map(|value| text_test(value, |text| text.eq_ignore_ascii_case(expected))),
    )
}

/// Checkov's `not_equals`: Passed when the path is not set.
pub(super) fn not_equals(attributes: &Value, path: &str, forbidden: &str) -> Verdict {
    negate(equals(attributes, path, forbidden))
}

/// Checkov's `within`: a value at the path is one of `allowed`; Failed when none is set.
pub(super) fn within(attributes: &Value, path: &str, allowed: &[&str]) -> Verdict {
    any_of(
        values_at(attributes, path)
            .into_iter()
            .map(|value| text_test(value, |text| allowed.contains(&text))),
    )
}

/// Checkov's `contains`: a string value has `needle` in it, or a list has an element equal to
/// it; Failed when the path is not set.
pub(super) fn contains(attributes: &Value, path: &str, needle: &str) -> Verdict {
    any_of(
        values_at(attributes, path)
            .into_iter()
            .map(|value| value_contains(value, needle)),
    )
}

/// Checkov's `not_contains`: Passed when the path is not set. On a path with several values
/// (`route.*.cidr_block`) it holds when any of them lacks `needle`, as Checkov reads such
/// paths, not only when all do.
pub(super) fn not_contains(attributes: &Value, path: &str, needle: &str) -> Verdict {
    let values = values_at(attributes, path);
    if values.is_empty() {
        return Verdict::Passed;
    }
    any_of(
        values
            .into_iter()
            .map(|value| negate(value_contains(value, needle))),
    )
}

fn value_contains(value: &Value, needle: &str) -> Verdict {
    match value {
        Value::Unknown => Verdict::Unknown,
        Value::List(items) => any_of(
            items
                .iter()
                .map(|item| text_test(item, |text| text == needle)),
        ),
        other => text_test(other, |text| text.contains(needle)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    #[test]
    fn combinations_follow_three_valued_logic() {
        use Verdict::{Failed, Passed, Unknown};
        assert_eq!(any_of([Failed, Unknown]), Unknown);
        assert_eq!(any_of([Unknown, Passed]), Passed);
        assert_eq!(any_of([]), Failed);
        assert_eq!(all_of([Passed, Unknown]), Unknown);
        assert_eq!(all_of([Unknown, Failed]), Failed);
        assert_eq!(all_of([]), Passed);
        assert_eq!(negate(Unknown), Unknown);
    }

    #[test]
    fn paths_step_into_every_block_and_star() {
        let distribution = object([(
            "origin",
            Value::List(vec![
                object([("domain_name", "a.example.com".into())]),
                object([
                    ("domain_name", "b.example.com".into()),
                    (
                        "custom_origin_config",
                        Value::List(vec![object([(
                            "origin_ssl_protocols",
                            Value::List(vec!["TLSv1.2".into(), "SSLv3".into()]),
                        )])]),
                    ),
                ]),
            ]),
        )]);
        assert_eq!(values_at(&distribution, "origin.*.domain_name").len(), 2);
        assert_eq!(values_at(&distribution, "origin.domain_name").len(), 2);
        assert_eq!(values_at(&distribution, "origin.1.domain_name").len(), 1);
        assert_eq!(
            exists(&distribution, "origin.*.custom_origin_config"),
            Verdict::Passed
        );
        assert_eq!(
            exists(&distribution, "origin.*.s3_origin_config"),
            Verdict::Failed
        );
        let protocols = "origin.*.custom_origin_config.origin_ssl_protocols";
        assert_eq!(contains(&distribution, protocols, "SSLv3"), Verdict::Passed);
        assert_eq!(
            not_contains(&distribution, protocols, "TLSv1"),
            Verdict::Passed
        );
    }

    #[test]
    fn comparisons_read_text_and_stay_unknown_on_unknown_values() {
        let queue = object([
            ("kms_master_key_id", "alias/aws/sqs".into()),
            ("delay_seconds", Value::Number(0.0)),
            ("policy", Value::Unknown),
            ("fifo_queue", "true".into()),
        ]);
        assert_eq!(equals(&queue, "fifo_queue", "true"), Verdict::Passed);
        assert_eq!(equals(&queue, "delay_seconds", "0"), Verdict::Passed);
        assert_eq!(equals(&queue, "name", "x"), Verdict::Failed);
        assert_eq!(not_equals(&queue, "name", "x"), Verdict::Passed);
        assert_eq!(equals(&queue, "policy", "x"), Verdict::Unknown);
        assert_eq!(exists(&queue, "policy"), Verdict::Passed);
        assert_eq!(
            contains(&queue, "kms_master_key_id", "aws/sqs"),
            Verdict::Passed
        );
        assert_eq!(
            equals_ignore_case(&queue, "fifo_queue", "TRUE"),
            Verdict::Passed
        );
        assert_eq!(
            within(&queue, "kms_master_key_id", &["a", "b"]),
            Verdict::Failed
        );
    }
}
