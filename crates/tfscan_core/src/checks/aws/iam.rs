//! AWS IAM checks: policy documents (data sources and policy resources), the account password
//! policy, roles' trust policies, users and policy attachments.

use crate::check::{Check, Verdict};
use crate::value::Value;

mod access;
mod github_oidc;
mod password_policy;
mod policies;
mod policy_documents;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &policy_documents::ADMIN,
    &policy_documents::STAR_ACTION,
    &policy_documents::CREDENTIALS_EXPOSURE,
    &policy_documents::DATA_EXFILTRATION,
    &policy_documents::PERMISSIONS_MANAGEMENT,
    &policy_documents::PRIVILEGE_ESCALATION,
    &policy_documents::WRITE_ACCESS,
    &policy_documents::ANY_AWS_PRINCIPAL,
    &policy_documents::STAR_RESOURCE,
    &github_oidc::POLICY_DOCUMENT,
    &policies::ADMIN,
    &policies::STAR_ACTION,
    &policies::PRIVILEGE_ESCALATION,
    &policies::CREDENTIALS_EXPOSURE,
    &policies::DATA_EXFILTRATION,
    &policies::PERMISSIONS_MANAGEMENT,
    &policies::WRITE_ACCESS,
    &policies::STAR_RESOURCE,
    &password_policy::EXPIRATION,
    &password_policy::LENGTH,
    &password_policy::LOWERCASE,
    &password_policy::NUMBER,
    &password_policy::REUSE,
    &password_policy::SYMBOL,
    &password_policy::UPPERCASE,
    &access::ATTACHED_TO_USERS,
    &access::ROLE_ASSUMABLE_BY_ANYONE,
    &access::ROLE_ASSUMABLE_BY_ACCOUNT,
    &access::USER_DEFINED,
    &access::MANAGED_ADMIN_POLICY,
    &access::ADMIN_POLICY_DATA,
    &access::ROOT_ACCESS_KEY,
    &github_oidc::ROLE,
];

/// A three-valued answer to "does the rule's bad condition hold?": `Some(true)` yes,
/// `Some(false)` no, `None` it depends on a value known only after apply.
type Holds = Option<bool>;

/// Whether a string-or-list `value` holds `wanted` as an element (or is it): absent values
/// hold nothing; unknown elements leave it open unless `wanted` is found anyway.
fn holds_string(value: Option<&Value>, wanted: &str) -> Holds {
    match value {
        None | Some(Value::Null) => Some(false),
        // A partial string holds `wanted` only if its known pieces allow it: a principal
        // `arn:aws:iam::${local.account_id}:root` is never `*`.
        Some(Value::List(items)) => any_holds(items.iter().map(|item| match item {
            Value::List(_) | Value::Object(_) if item.contains_unknown() => None,
            item => item.may_equal(wanted),
        })),
        Some(other) => other.may_equal(wanted),
    }
}

/// "All of these hold": false as soon as one is false, open while one is open.
fn all_hold(answers: impl IntoIterator<Item = Holds>) -> Holds {
    let mut open = false;
    for answer in answers {
        match answer {
            Some(false) => return Some(false),
            None => open = true,
            Some(true) => {}
        }
    }
    if open {
        None
    } else {
        Some(true)
    }
}

/// "One of these holds": true as soon as one is true, open while one is open.
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

/// The verdict for "no item is bad": Failed when one is, Unknown when one might be.
fn none_bad(answers: impl IntoIterator<Item = Holds>) -> Verdict {
    let mut open = false;
    for answer in answers {
        match answer {
            Some(true) => return Verdict::Failed,
            None => open = true,
            Some(false) => {}
        }
    }
    if open {
        Verdict::Unknown
    } else {
        Verdict::Passed
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn string_holding_is_three_valued() {
        let list = Value::List(vec!["a".into(), Value::Unknown]);
        assert_eq!(holds_string(Some(&list), "a"), Some(true));
        assert_eq!(holds_string(Some(&list), "b"), None);
        assert_eq!(holds_string(Some(&"b".into()), "b"), Some(true));
        assert_eq!(holds_string(None, "b"), Some(false));
        assert_eq!(all_hold([Some(true), None]), None);
        assert_eq!(all_hold([None, Some(false)]), Some(false));
        assert_eq!(any_holds([None, Some(true)]), Some(true));
        assert_eq!(any_holds([None, Some(false)]), None);
        assert_eq!(any_holds([]), Some(false));
        assert_eq!(none_bad([Some(false), None]), Verdict::Unknown);
        assert_eq!(none_bad([None, Some(true)]), Verdict::Failed);
        assert_eq!(none_bad([]), Verdict::Passed);
    }
}
