//! AWS checks that look at connected resources (Checkov's graph checks, and resource checks
//! Checkov satisfies through separate resources): IAM users and groups, policies that grant
//! full IAM access, and resources that need a companion resource (a DynamoDB table its
//! autoscaling, a secret its rotation, a KMS key its policy, a CodeCommit repository its
//! approval rule).
//!
//! "Connected" is Checkov's word: one of the two blocks refers to the other, in either
//! direction. The graph follows references within one module instance only, so a resource
//! whose companion lives in another module (or is passed in as a variable) has none here —
//! as in Checkov, which also connects only the blocks it sees.

use alloc::vec::Vec;

use crate::check::{Check, EntityKind, Resource, Verdict};

mod companions;
mod full_access;
mod managed_policy;
mod statements;
mod users;

/// This group's checks. `CKV2_AWS_40` and `CKV2_AWS_56` read both resources and a data source,
/// so each is two entries with the same ID, one per kind of block.
pub static CHECKS: &[&Check] = &[
    &users::GROUP_HAS_USERS,
    &companions::DYNAMODB_AUTOSCALING,
    &users::MEMBERSHIP_CONNECTS_USERS_AND_GROUP,
    &users::USER_WITHOUT_CONSOLE_ACCESS,
    &companions::CODECOMMIT_APPROVAL_RULE,
    &full_access::FULL_IAM_PRIVILEGES,
    &full_access::FULL_IAM_PRIVILEGES_DOCUMENT,
    &managed_policy::IAM_FULL_ACCESS_ATTACHED,
    &managed_policy::IAM_FULL_ACCESS_DATA,
    &companions::SECRET_ROTATION,
    &companions::KMS_KEY_POLICY,
    &full_access::SAGEMAKER_ROLE_EVERY_ACTION,
];

/// The managed resources of `resource_type` connected to `resource`: those it refers to and
/// those that refer to it. Data sources of the same type name are left out, as Checkov's
/// connections name resource types.
fn connected<'a>(resource: &Resource<'a>, resource_type: &str) -> Vec<Resource<'a>> {
    let mut found = resource.references(Some(resource_type));
    found.extend(resource.referrers(Some(resource_type)));
    found.retain(|other| other.kind == EntityKind::Resource);
    found
}

/// Checkov's `exists` on an attribute: present and not null. An empty string or list exists,
/// and so does a value known only after apply.
fn exists(resource: &Resource<'_>, path: &str) -> bool {
    resource.get(path).is_some_and(|value| !value.is_null())
}

/// A three-valued answer to "does this hold?": `Some(true)`, `Some(false)`, or `None` when it
/// depends on a value known only after apply.
type Holds = Option<bool>;

/// Failed when the bad condition holds, Passed when it does not, Unknown when it is open.
fn unless(bad: Holds) -> Verdict {
    match bad {
        Some(true) => Verdict::Failed,
        Some(false) => Verdict::Passed,
        None => Verdict::Unknown,
    }
}

/// "Any of these holds": true as soon as one is, open while one is open.
fn any_holds(answers: impl IntoIterator<Item = Holds>) -> Holds {
    let mut open = false;
    for answer in answers {
        match answer {
            Some(true) => return Some(true),
            None => open = true,
            Some(false) => {}
        }
    }
    if open {
        None
    } else {
        Some(false)
    }
}

/// "Both hold": false as soon as one is false, open while one is open.
fn both_hold(first: Holds, second: Holds) -> Holds {
    match (first, second) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn three_valued_answers_combine_as_logic_does() {
        assert_eq!(any_holds([Some(false), None, Some(true)]), Some(true));
        assert_eq!(any_holds([Some(false), None]), None);
        assert_eq!(any_holds([Some(false), Some(false)]), Some(false));
        assert_eq!(any_holds([]), Some(false));
        assert_eq!(both_hold(None, Some(false)), Some(false));
        assert_eq!(both_hold(None, Some(true)), None);
        assert_eq!(both_hold(Some(true), Some(true)), Some(true));
    }
}
