//! AWS checks that look at connected resources (Checkov's graph checks, and resource checks
//! Checkov satisfies through separate resources): s3.
//!
//! Most judge an `aws_s3_bucket` together with the resources that configure it from outside
//! (`aws_s3_bucket_versioning`, `aws_s3_bucket_logging`, ... — the AWS provider's style since
//! version 4) and with its own nested blocks (the older style). A resource counts as the
//! bucket's when either refers to the other, as in Checkov's rules: that includes a logging or
//! replication resource that names the bucket only as its target.
//!
//! What the graph connects sets what these checks see: a resource in one module instance that
//! configures a bucket in another (`bucket = module.logs.s3_bucket_id`) is not connected to it
//! yet, so the bucket is judged without it; and a resource with `count` or `for_each` that
//! refers to a bucket block with `count` or `for_each` is connected to every instance of it, so
//! one good resource can make all of those buckets pass.

use alloc::vec::Vec;

use crate::check::{Check, Resource, Verdict};
use crate::value::Value;

mod access;
mod bucket;
mod lambda_url;

/// This group's checks.
pub static CHECKS: &[&Check] = &[
    &bucket::LOGGING,
    &bucket::ENCRYPTION,
    &bucket::KMS_ENCRYPTION,
    &bucket::VERSIONING,
    &bucket::REPLICATION,
    &bucket::LIFECYCLE,
    &bucket::NOTIFICATIONS,
    &access::PUBLIC_READ_ACL,
    &access::PUBLIC_WRITE_ACL,
    &access::PUBLIC_ACCESS_BLOCK,
    &access::AUTHENTICATED_USERS_GRANT,
    &access::ACLS_DISABLED,
    &lambda_url::OPEN_CORS,
];

/// The answer to one condition of a rule: yes, no, or cannot be known (Kleene's three-valued
/// logic, so that an unknown part decides only when the known parts do not).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Answer {
    Yes,
    No,
    Unknown,
}

impl Answer {
    fn from_bool(condition: bool) -> Answer {
        if condition {
            Answer::Yes
        } else {
            Answer::No
        }
    }

    fn or(self, other: Answer) -> Answer {
        match (self, other) {
            (Answer::Yes, _) | (_, Answer::Yes) => Answer::Yes,
            (Answer::No, Answer::No) => Answer::No,
            _ => Answer::Unknown,
        }
    }

    fn and(self, other: Answer) -> Answer {
        match (self, other) {
            (Answer::No, _) | (_, Answer::No) => Answer::No,
            (Answer::Yes, Answer::Yes) => Answer::Yes,
            _ => Answer::Unknown,
        }
    }

    fn not(self) -> Answer {
        match self {
            Answer::Yes => Answer::No,
            Answer::No => Answer::Yes,
            Answer::Unknown => Answer::Unknown,
        }
    }

    /// Yes when any answer is yes; no when there are none.
    fn any(answers: impl IntoIterator<Item = Answer>) -> Answer {
        answers.into_iter().fold(Answer::No, Answer::or)
    }

    /// The check's verdict when this answer is whether the resource passes.
    fn verdict(self) -> Verdict {
        match self {
            Answer::Yes => Verdict::Passed,
            Answer::No => Verdict::Failed,
            Answer::Unknown => Verdict::Unknown,
        }
    }
}

/// The instances of `resource_type` connected to `resource` in either direction: those that
/// refer to it (`bucket = aws_s3_bucket.logs.id`) and those it refers to.
fn connected<'a>(resource: &Resource<'a>, resource_type: &str) -> Vec<Resource<'a>> {
    let mut found = resource.referrers(Some(resource_type));
    found.extend(resource.references(Some(resource_type)));
    found
}

/// Every value at a dotted path, stepping into each element of the lists met on the way, as a
/// `*` between the steps would: `rule.apply_server_side_encryption_by_default.sse_algorithm`
/// gives the algorithm of every rule. An unknown value met on the way is returned as it is,
/// since what lies below it is unknown too.
fn values_at<'a>(value: &'a Value, path: &str) -> Vec<&'a Value> {
    let mut current = alloc::vec![value];
    for step in path.split('.') {
        let mut next = Vec::new();
        for value in current {
            collect_step(value, step, &mut next);
        }
        current = next;
    }
    current
}

fn collect_step<'a>(value: &'a Value, step: &str, found: &mut Vec<&'a Value>) {
    match value {
        Value::Unknown => found.push(value),
        Value::List(items) => {
            for item in items {
                collect_step(item, step, found);
            }
        }
        Value::Object(map) => {
            if let Some(next) = map.get(step) {
                found.push(next);
            }
        }
        _ => {}
    }
}

/// Whether `path` is set on `resource`: a value other than null, or a nested block written at
/// least once. A value unknown until apply is set.
fn exists(resource: &Resource<'_>, path: &str) -> bool {
    values_at(resource.attributes, path)
        .into_iter()
        .any(|value| match value {
            Value::Null => false,
            Value::List(items) => !items.is_empty(),
            _ => true,
        })
}

/// Whether a value is the string `expected` (a boolean or number compares by its string form).
fn equals(value: &Value, expected: &str) -> Answer {
    if value.contains_unknown() {
        return Answer::Unknown;
    }
    Answer::from_bool(value.to_terraform_string().as_deref() == Some(expected))
}

/// Whether a value is the boolean `true`, or its string form.
fn is_true(value: &Value) -> Answer {
    if value.contains_unknown() {
        return Answer::Unknown;
    }
    Answer::from_bool(value.as_bool() == Some(true))
}

/// Whether any value at `path` (see [`values_at`]) is one of `allowed`; no when none is set.
fn any_in(resource: &Resource<'_>, path: &str, allowed: &[&str]) -> Answer {
    Answer::any(
        values_at(resource.attributes, path)
            .into_iter()
            .map(|value| Answer::any(allowed.iter().map(|expected| equals(value, expected)))),
    )
}

/// Whether any value at `path` is the boolean `true`; no when none is set.
fn any_true(resource: &Resource<'_>, path: &str) -> Answer {
    Answer::any(
        values_at(resource.attributes, path)
            .into_iter()
            .map(is_true),
    )
}

/// Whether any of the resources of `resource_type` connected to `resource` meets `condition`:
/// Checkov leaves out the connected resources that fail a rule's conditions and then asks
/// whether a connection remains, so one good resource is enough.
fn any_connected(
    resource: &Resource<'_>,
    resource_type: &str,
    condition: impl Fn(&Resource<'_>) -> Answer,
) -> Answer {
    Answer::any(connected(resource, resource_type).iter().map(condition))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::EntityKind;
    use crate::value::object;
    use alloc::vec;

    fn bucket(attributes: &Value) -> Resource<'_> {
        Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_s3_bucket",
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    fn block(pairs: Vec<(&str, Value)>) -> Value {
        Value::List(vec![object(pairs)])
    }

    #[test]
    fn answers_follow_three_valued_logic() {
        use Answer::{No, Unknown, Yes};
        assert_eq!(Unknown.or(Yes), Yes);
        assert_eq!(Unknown.or(No), Unknown);
        assert_eq!(Unknown.and(No), No);
        assert_eq!(Unknown.and(Yes), Unknown);
        assert_eq!(Unknown.not(), Unknown);
        assert_eq!(Answer::any([]), No);
        assert_eq!(Answer::any([No, Unknown]), Unknown);
        assert_eq!(Answer::any([Unknown, Yes]), Yes);
        assert_eq!(Yes.verdict(), Verdict::Passed);
        assert_eq!(Unknown.verdict(), Verdict::Unknown);
    }

    #[test]
    fn values_at_steps_into_every_block() {
        let configuration = object([(
            "rule",
            Value::List(vec![
                object([("status", "Enabled".into())]),
                object([("status", "Disabled".into())]),
                object([("priority", Value::Number(1.0))]),
            ]),
        )]);
        let statuses: Vec<&Value> = values_at(&configuration, "rule.status");
        assert_eq!(
            statuses,
            [&Value::from("Enabled"), &Value::from("Disabled")]
        );

        let unknown_rules = object([("rule", Value::Unknown)]);
        assert_eq!(values_at(&unknown_rules, "rule.status"), [&Value::Unknown]);
        assert!(values_at(&configuration, "filter.prefix").is_empty());
    }

    #[test]
    fn exists_ignores_blocks_written_zero_times() {
        let written = object([("logging", block(vec![("target_bucket", "logs".into())]))]);
        assert!(exists(&bucket(&written), "logging"));

        let dynamic_without_items = object([("logging", Value::List(Vec::new()))]);
        assert!(!exists(&bucket(&dynamic_without_items), "logging"));

        let unknown = object([("acl", Value::Unknown)]);
        assert!(exists(&bucket(&unknown), "acl"));
        assert!(!exists(&bucket(&unknown), "logging"));
    }

    #[test]
    fn any_in_reads_nested_blocks() {
        let encrypted = object([(
            "server_side_encryption_configuration",
            block(vec![(
                "rule",
                block(vec![(
                    "apply_server_side_encryption_by_default",
                    block(vec![("sse_algorithm", "aws:kms".into())]),
                )]),
            )]),
        )]);
        let path = "server_side_encryption_configuration.rule.\
                    apply_server_side_encryption_by_default.sse_algorithm";
        assert_eq!(
            any_in(&bucket(&encrypted), path, &["AES256", "aws:kms"]),
            Answer::Yes
        );
        assert_eq!(any_in(&bucket(&encrypted), path, &["AES256"]), Answer::No);
        assert_eq!(
            any_in(&bucket(&object::<_, &str>([])), path, &["AES256"]),
            Answer::No
        );

        let unknown = object([("versioning", block(vec![("enabled", Value::Unknown)]))]);
        assert_eq!(
            any_true(&bucket(&unknown), "versioning.enabled"),
            Answer::Unknown
        );
        let text = object([("versioning", block(vec![("enabled", "true".into())]))]);
        assert_eq!(any_true(&bucket(&text), "versioning.enabled"), Answer::Yes);
    }

    #[test]
    fn nothing_is_connected_without_a_graph() {
        let attributes = object::<_, &str>([]);
        assert!(connected(&bucket(&attributes), "aws_s3_bucket_versioning").is_empty());
        assert_eq!(
            any_connected(&bucket(&attributes), "aws_s3_bucket_versioning", |_| {
                Answer::Yes
            }),
            Answer::No
        );
    }
}
