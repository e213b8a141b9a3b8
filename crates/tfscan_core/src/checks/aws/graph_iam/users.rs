//! IAM users and groups: group memberships that join users to a group, and users that can
//! sign in to the console.

use super::{connected, exists};
use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;

/// `CKV2_AWS_14`. Checkov's rule names groups, but it filters its results to the memberships:
/// a membership passes when it lists `users` and is connected both to an `aws_iam_group` and to
/// an `aws_iam_user` of the configuration. A group with no membership at all gets no result.
pub static GROUP_HAS_USERS: Check = Check {
    id: "CKV2_AWS_14",
    name: "Ensure that IAM groups includes at least one IAM user",
    kind: EntityKind::Resource,
    resource_types: &["aws_iam_group_membership"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A group membership lists users and joins IAM users of the configuration to an IAM group of the configuration.",
        why: "A group without members is dead weight that still carries permissions, and a membership that names no user of the configuration cannot be reviewed with it.",
        fix: "Name the group and its users by reference (`aws_iam_group.x.name`, `aws_iam_user.y.name`) in the membership's `group` and `users`.",
        fixed: r#"resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  group = aws_iam_group.developers.name
  users = [aws_iam_user.alice.name]
}"#,
    },
    passing: &[r#"
resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  group = aws_iam_group.developers.name
  users = [aws_iam_user.alice.name]
}"#],
    failing: &[
        // No users at all.
        r#"
resource "aws_iam_group" "empty" {
  name = "empty"
}

resource "aws_iam_group_membership" "empty" {
  name  = "empty"
  group = aws_iam_group.empty.name
}"#,
        // Users named as text are not users of this configuration.
        r#"
resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  group = aws_iam_group.developers.name
  users = ["alice"]
}"#,
    ],
    evaluate: group_has_users,
};

fn group_has_users(resource: &Resource<'_>) -> Verdict {
    verdict(exists(resource, "users") && joins_users_and_group(resource))
}

/// True when the membership is connected to at least one user and one group.
fn joins_users_and_group(membership: &Resource<'_>) -> bool {
    !connected(membership, "aws_iam_user").is_empty()
        && !connected(membership, "aws_iam_group").is_empty()
}

/// `CKV2_AWS_21`. Despite its name, Checkov reports it on the memberships: one passes when it is
/// connected both to an `aws_iam_user` and to an `aws_iam_group`. Users outside every
/// membership get no result.
pub static MEMBERSHIP_CONNECTS_USERS_AND_GROUP: Check = Check {
    id: "CKV2_AWS_21",
    name: "Ensure that all IAM users are members of at least one IAM group.",
    kind: EntityKind::Resource,
    resource_types: &["aws_iam_group_membership"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A group membership joins IAM users of the configuration to an IAM group of the configuration.",
        why: "Permissions granted through groups are easier to review and revoke than permissions attached to each user.",
        fix: "Refer to the group and to each user in the membership (`group = aws_iam_group.x.name`, `users = [aws_iam_user.y.name]`).",
        fixed: r#"resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  group = aws_iam_group.developers.name
  users = [aws_iam_user.alice.name]
}"#,
    },
    passing: &[r#"
resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  group = aws_iam_group.developers.name
  users = [aws_iam_user.alice.name]
}"#],
    failing: &[
        r#"
resource "aws_iam_group" "developers" {
  name = "developers"
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  group = aws_iam_group.developers.name
  users = []
}"#,
        // The group is named as text, so no group of the configuration is joined.
        r#"
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_group_membership" "developers" {
  name  = "developers"
  group = "developers"
  users = [aws_iam_user.alice.name]
}"#,
    ],
    evaluate: membership_connects_users_and_group,
};

fn membership_connects_users_and_group(resource: &Resource<'_>) -> Verdict {
    verdict(joins_users_and_group(resource))
}

/// `CKV2_AWS_22`: a user fails when an `aws_iam_user_login_profile` is connected to it.
pub static USER_WITHOUT_CONSOLE_ACCESS: Check = Check {
    id: "CKV2_AWS_22",
    name: "Ensure an IAM User does not have access to the console",
    kind: EntityKind::Resource,
    resource_types: &["aws_iam_user"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "No login profile (console password) is created for the IAM user.",
        why: "A console password is a long-lived credential that can be phished or guessed; people should sign in through federation or SSO instead.",
        fix: "Remove the `aws_iam_user_login_profile` of the user and give people access through IAM Identity Center or a federated role.",
        fixed: r#"resource "aws_iam_user" "deploy" {
  name = "deploy"
}"#,
    },
    passing: &[r#"
resource "aws_iam_user" "deploy" {
  name = "deploy"
}

resource "aws_iam_access_key" "deploy" {
  user = aws_iam_user.deploy.name
}"#],
    failing: &[r#"
resource "aws_iam_user" "alice" {
  name = "alice"
}

resource "aws_iam_user_login_profile" "alice" {
  user = aws_iam_user.alice.name
}"#],
    evaluate: user_without_console_access,
};

fn user_without_console_access(resource: &Resource<'_>) -> Verdict {
    verdict(connected(resource, "aws_iam_user_login_profile").is_empty())
}
