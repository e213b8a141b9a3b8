//! The AWS managed policy `IAMFullAccess`: attached to a principal, or looked up.

use super::{any_holds, unless, Holds};
use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::value::{is_hole, Value};

const IAM_FULL_ACCESS_NAME: &str = "Ensure AWS Managed IAMFullAccess IAM policy is not used.";

const IAM_FULL_ACCESS_EXPLANATION: Explanation = Explanation {
    what: "The AWS managed policy `IAMFullAccess` is not attached, nor looked up.",
    why: "`IAMFullAccess` allows every IAM action, which lets the holder grant itself any permission in the account.",
    fix: "Attach a policy that names only the IAM actions the principal needs.",
    fixed: r#"resource "aws_iam_role_policy_attachment" "read_iam" {
  role       = aws_iam_role.auditor.name
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}"#,
};

/// The text Checkov looks for in policy ARNs, anywhere in them.
const IAM_FULL_ACCESS: &str = "IAMFullAccess";

/// `CKV2_AWS_56` on attachments and roles: no attached policy ARN may contain
/// `IAMFullAccess`.
pub static IAM_FULL_ACCESS_ATTACHED: Check = Check {
    id: "CKV2_AWS_56",
    name: IAM_FULL_ACCESS_NAME,
    kind: EntityKind::Resource,
    resource_types: &[
        "aws_iam_group_policy_attachment",
        "aws_iam_policy_attachment",
        "aws_iam_role",
        "aws_iam_role_policy_attachment",
        "aws_iam_user_policy_attachment",
        "aws_ssoadmin_managed_policy_attachment",
    ],
    severity: Severity::High,
    explanation: IAM_FULL_ACCESS_EXPLANATION,
    passing: &[r#"
resource "aws_iam_role" "auditor" {
  name = "auditor"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
    }]
  })
  managed_policy_arns = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}

resource "aws_iam_role_policy_attachment" "read_iam" {
  role       = aws_iam_role.auditor.name
  policy_arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}"#],
    failing: &[
        r#"
resource "aws_iam_user_policy_attachment" "alice" {
  user       = "alice"
  policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}"#,
        r#"
resource "aws_iam_role" "admin" {
  name = "admin"
  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
    }]
  })
  managed_policy_arns = [
    "arn:aws:iam::aws:policy/ReadOnlyAccess",
    "arn:aws:iam::aws:policy/IAMFullAccess",
  ]
}"#,
        r#"
resource "aws_ssoadmin_managed_policy_attachment" "operators" {
  instance_arn       = "arn:aws:sso:::instance/ssoins-1111111111111111"
  permission_set_arn = "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-1111111111111111"
  managed_policy_arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}"#,
    ],
    evaluate: iam_full_access_attached,
};

fn iam_full_access_attached(resource: &Resource<'_>) -> Verdict {
    let arns = match resource.resource_type {
        "aws_iam_role" => "managed_policy_arns",
        "aws_ssoadmin_managed_policy_attachment" => "managed_policy_arn",
        _ => "policy_arn",
    };
    unless(names_iam_full_access(resource.get(arns)))
}

/// Whether an ARN, or any ARN of a list, contains `IAMFullAccess`. An ARN known only in part
/// (`arn:${data.aws_partition.current.partition}:iam::aws:policy/...`) contains it when its
/// known pieces do, and otherwise cannot be told: the unknown piece could hold the text.
fn names_iam_full_access(value: Option<&Value>) -> Holds {
    match value {
        None | Some(Value::Null) => Some(false),
        Some(Value::Unknown) => None,
        Some(Value::String(arn)) if arn.contains(IAM_FULL_ACCESS) => Some(true),
        Some(Value::String(arn)) if arn.contains(is_hole) => None,
        Some(Value::String(_)) => Some(false),
        Some(Value::List(arns)) => {
            any_holds(arns.iter().map(|arn| names_iam_full_access(Some(arn))))
        }
        Some(_) => Some(false),
    }
}

/// `CKV2_AWS_56` on `aws_iam_policy` data sources: looking the managed policy up by name
/// (`IAMFullAccess`) or by an ARN that contains it fails.
pub static IAM_FULL_ACCESS_DATA: Check = Check {
    id: "CKV2_AWS_56",
    name: IAM_FULL_ACCESS_NAME,
    kind: EntityKind::Data,
    resource_types: &["aws_iam_policy"],
    severity: Severity::High,
    explanation: IAM_FULL_ACCESS_EXPLANATION,
    passing: &[r#"
data "aws_iam_policy" "read_only" {
  arn = "arn:aws:iam::aws:policy/IAMReadOnlyAccess"
}"#],
    failing: &[
        r#"
data "aws_iam_policy" "iam_full_access" {
  name = "IAMFullAccess"
}"#,
        r#"
data "aws_iam_policy" "iam_full_access" {
  arn = "arn:aws:iam::aws:policy/IAMFullAccess"
}"#,
    ],
    evaluate: iam_full_access_data,
};

fn iam_full_access_data(policy: &Resource<'_>) -> Verdict {
    let by_name = match policy.get("name") {
        None | Some(Value::Null) => Some(false),
        Some(Value::Unknown) => None,
        Some(name) => name.may_equal(IAM_FULL_ACCESS),
    };
    unless(any_holds([
        by_name,
        names_iam_full_access(policy.get("arn")),
    ]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Connections;
    use crate::value::object;
    use alloc::vec;
    use alloc::vec::Vec;

    fn resource<'a>(resource_type: &'a str, attributes: &'a Value) -> Resource<'a> {
        Resource {
            kind: EntityKind::Resource,
            resource_type,
            name: "r",
            attributes,
            connections: Connections::NONE,
        }
    }

    /// `arn:` + an unknown partition + `rest`, as `"arn:${data.aws_partition.x.partition}..."`.
    fn partial(rest: &str) -> Value {
        Value::String(alloc::format!("arn:{}{rest}", crate::value::HOLE))
    }

    #[test]
    fn managed_policy_arns_are_read_one_by_one() {
        let arns = |items: Vec<Value>| object([("managed_policy_arns", Value::List(items))]);
        let full = Value::from("arn:aws:iam::aws:policy/IAMFullAccess");
        let other = Value::from("arn:aws:iam::aws:policy/ReadOnlyAccess");
        let cases = [
            (arns(vec![other.clone()]), Verdict::Passed),
            (arns(vec![Value::Unknown, full]), Verdict::Failed),
            (arns(vec![Value::Unknown, other]), Verdict::Unknown),
            (
                object([("managed_policy_arns", Value::Unknown)]),
                Verdict::Unknown,
            ),
            (object::<_, &str>([]), Verdict::Passed),
            (
                arns(vec![partial(":iam::aws:policy/ReadOnlyAccess")]),
                Verdict::Unknown,
            ),
            (
                arns(vec![partial(":iam::aws:policy/IAMFullAccess")]),
                Verdict::Failed,
            ),
        ];
        for (attributes, expected) in cases {
            assert_eq!(
                iam_full_access_attached(&resource("aws_iam_role", &attributes)),
                expected,
                "{attributes}"
            );
        }
    }

    #[test]
    fn the_data_source_fails_by_name_or_by_arn() {
        let by_name = object([("name", Value::from("IAMFullAccess"))]);
        let other = object([("name", Value::from("IAMFullAccessLimited"))]);
        let unknown = object([("name", Value::Unknown)]);
        assert_eq!(
            iam_full_access_data(&resource("aws_iam_policy", &by_name)),
            Verdict::Failed
        );
        assert_eq!(
            iam_full_access_data(&resource("aws_iam_policy", &other)),
            Verdict::Passed
        );
        assert_eq!(
            iam_full_access_data(&resource("aws_iam_policy", &unknown)),
            Verdict::Unknown
        );
        let by_partial_arn = object([(
            "arn",
            partial(":iam::aws:policy/service-role/AWSLambdaENIManagementAccess"),
        )]);
        assert_eq!(
            iam_full_access_data(&resource("aws_iam_policy", &by_partial_arn)),
            Verdict::Unknown
        );
    }
}
