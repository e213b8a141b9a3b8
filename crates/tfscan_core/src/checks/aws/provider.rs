//! Checks on the `provider "aws"` block itself.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::value::Value;

/// This group's checks.
pub static CHECKS: &[&Check] = &[&NO_HARD_CODED_CREDENTIALS];

static NO_HARD_CODED_CREDENTIALS: Check = Check {
    id: "CKV_AWS_41",
    name: "Ensure no hard coded AWS access key and secret key exists in provider",
    kind: EntityKind::Provider,
    resource_types: &["aws"],
    severity: Severity::Critical,
    explanation: Explanation {
        what: "An AWS provider block does not hold an access key ID in `access_key` or a secret access key in `secret_key`.",
        why: "Keys written into Terraform end up in version control, in every copy of it and in logs, where anyone who reads them can act as that identity.",
        fix: "Remove the keys and let the provider find credentials on its own: environment variables, a shared profile, an instance or task role, or single sign-on.",
        fixed: r#"provider "aws" {
  region  = "eu-west-1"
  profile = "deploy"
}"#,
    },
    passing: &[
        r#"
provider "aws" {
  region = "eu-west-1"
}"#,
        r#"
variable "access_key" {
  type    = string
  default = "from-the-environment"
}

provider "aws" {
  alias      = "other"
  region     = "eu-west-1"
  access_key = var.access_key
}"#,
    ],
    failing: &[
        r#"
provider "aws" {
  region     = "eu-west-1"
  access_key = "AKIAIOSFODNN7EXAMPLE"
}"#,
        r#"
provider "aws" {
  alias      = "keys"
  region     = "eu-west-1"
  secret_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}"#,
    ],
    evaluate: no_hard_coded_credentials,
};

/// Checkov looks at the start of each value only: 20 upper-case letters or digits for an
/// access key ID, 40 base64 characters for a secret key, each not followed by another
/// character of its kind.
fn no_hard_coded_credentials(provider: &Resource<'_>) -> Verdict {
    let access_key = starts_with_run(provider.get("access_key"), 20, |byte| {
        byte.is_ascii_uppercase() || byte.is_ascii_digit()
    });
    let secret_key = starts_with_run(provider.get("secret_key"), 40, |byte| {
        byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'+' | b'=')
    });
    match (access_key, secret_key) {
        (Some(true), _) | (_, Some(true)) => Verdict::Failed,
        (Some(false), Some(false)) => Verdict::Passed,
        _ => Verdict::Unknown,
    }
}

/// Whether a string starts with exactly `length` characters of a kind: `Some(false)` when the
/// value is absent or not text, `None` when it is unknown.
fn starts_with_run(value: Option<&Value>, length: usize, of_kind: fn(u8) -> bool) -> Option<bool> {
    match value {
        Some(value) if value.contains_unknown() => None,
        Some(Value::String(text)) => {
            let run = text.bytes().take_while(|byte| of_kind(*byte)).count();
            Some(run == length)
        }
        _ => Some(false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_run_of_the_exact_length_at_the_start_counts() {
        let upper = |byte: u8| byte.is_ascii_uppercase() || byte.is_ascii_digit();
        let key = Value::from("AKIAIOSFODNN7EXAMPLE");
        assert_eq!(starts_with_run(Some(&key), 20, upper), Some(true));
        let longer = Value::from("AKIAIOSFODNN7EXAMPLEX");
        assert_eq!(starts_with_run(Some(&longer), 20, upper), Some(false));
        let quoted = Value::from(" AKIAIOSFODNN7EXAMPLE");
        assert_eq!(starts_with_run(Some(&quoted), 20, upper), Some(false));
        assert_eq!(starts_with_run(Some(&Value::Unknown), 20, upper), None);
        assert_eq!(starts_with_run(None, 20, upper), Some(false));
    }
}
