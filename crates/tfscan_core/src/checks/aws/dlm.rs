//! AWS Data Lifecycle Manager checks: encryption of snapshots copied to other regions, by
//! event-based policies (`action` blocks) and by schedules (`cross_region_copy_rule`).

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::aws::iam_policy::truthy;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &EVENTS_ENCRYPTED,
    &EVENTS_CMK,
    &SCHEDULES_ENCRYPTED,
    &SCHEDULES_CMK,
];

static EVENTS_ENCRYPTED: Check = Check {
    id: "CKV_AWS_253",
    name: "Ensure DLM cross region events are encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_dlm_lifecycle_policy"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An event-based lifecycle policy encrypts the snapshots its action copies to another region.",
        why: "Unencrypted copies in another region can be read by anyone who reaches them there.",
        fix: "Add `encryption_configuration { encryption = true }` to the action's `cross_region_copy`.",
        fixed: r#"resource "aws_dlm_lifecycle_policy" "copies" {
  description        = "copy shared snapshots"
  execution_role_arn = aws_iam_role.dlm.arn

  policy_details {
    policy_type = "EVENT_BASED_POLICY"

    action {
      name = "copy"

      cross_region_copy {
        target = "eu-central-1"

        encryption_configuration {
          encryption = true
          cmk_arn    = aws_kms_key.copies.arn
        }

        retain_rule {
          interval      = 7
          interval_unit = "DAYS"
        }
      }
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_dlm_lifecycle_policy" "copies" {
  policy_details {
    action {
      name = "copy"

      cross_region_copy {
        target = "eu-central-1"

        encryption_configuration {
          encryption = true
        }
      }
    }
  }
}"#,
        r#"
resource "aws_dlm_lifecycle_policy" "snapshots" {
  policy_details {
    resource_types = ["VOLUME"]
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_dlm_lifecycle_policy" "copies" {
  policy_details {
    action {
      name = "copy"

      cross_region_copy {
        target = "eu-central-1"
      }
    }
  }
}"#,
        r#"
resource "aws_dlm_lifecycle_policy" "copies" {
  policy_details {
    action {
      name = "copy"

      cross_region_copy {
        target = "eu-central-1"

        encryption_configuration {
          encryption = false
        }
      }
    }
  }
}"#,
    ],
    evaluate: events_encrypted,
};

fn events_encrypted(resource: &Resource<'_>) -> Verdict {
    event_copy(resource, false)
}

fn events_cmk(resource: &Resource<'_>) -> Verdict {
    event_copy(resource, true)
}

/// Checkov's reading of event-based policies: no `policy_details` gives no verdict; no action
/// passes; otherwise only the first action counts, and it gives no verdict unless it copies
/// across regions, in which case its copy must be encrypted (with a key when `with_key`).
fn event_copy(resource: &Resource<'_>, with_key: bool) -> Verdict {
    let Some(policy) = first_block(resource.get("policy_details")) else {
        return Verdict::NotApplicable;
    };
    if policy.is_unknown() {
        return Verdict::Unknown;
    }
    let Some(action) = first_block(policy.get("action")) else {
        return Verdict::Passed;
    };
    let Some(copy) = first_block(action.get("cross_region_copy")) else {
        return Verdict::NotApplicable;
    };
    let Some(configuration) = first_block(copy.get("encryption_configuration")) else {
        return Verdict::Failed;
    };
    encrypted_with(configuration, "encryption", with_key)
}

/// The first of a list of blocks when the list is not empty (the unknown value itself when it
/// is unknown).
fn first_block(value: Option<&Value>) -> Option<&Value> {
    match value {
        Some(Value::List(blocks)) => blocks.first(),
        Some(known_later) if known_later.is_unknown() => value,
        _ => None,
    }
}

/// Whether a block's `flag` is true and, when `with_key`, its `cmk_arn` is set.
fn encrypted_with(block: &Value, flag: &str, with_key: bool) -> Verdict {
    if block.is_unknown() {
        return Verdict::Unknown;
    }
    let encrypted = match block.get(flag) {
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        Some(value) => value.as_bool() == Some(true),
        None => false,
    };
    let keyed = !with_key || block.get("cmk_arn").is_some_and(truthy);
    crate::checks::rules::verdict(encrypted && keyed)
}

static EVENTS_CMK: Check = Check {
    id: "CKV_AWS_254",
    name: "Ensure DLM cross region events are encrypted with Customer Managed Key",
    kind: EntityKind::Resource,
    resource_types: &["aws_dlm_lifecycle_policy"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An event-based lifecycle policy encrypts its cross-region copies with a customer managed KMS key.",
        why: "With a key you manage, you decide and audit who can restore the copies in the other region.",
        fix: "Set `encryption = true` and `cmk_arn` in the action's `encryption_configuration`.",
        fixed: r#"resource "aws_dlm_lifecycle_policy" "copies" {
  description        = "copy shared snapshots"
  execution_role_arn = aws_iam_role.dlm.arn

  policy_details {
    policy_type = "EVENT_BASED_POLICY"

    action {
      name = "copy"

      cross_region_copy {
        target = "eu-central-1"

        encryption_configuration {
          encryption = true
          cmk_arn    = aws_kms_key.copies.arn
        }

        retain_rule {
          interval      = 7
          interval_unit = "DAYS"
        }
      }
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_dlm_lifecycle_policy" "copies" {
  policy_details {
    action {
      name = "copy"

      cross_region_copy {
        target = "eu-central-1"

        encryption_configuration {
          encryption = true
          cmk_arn    = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd"
        }
      }
    }
  }
}"#],
    failing: &[r#"
resource "aws_dlm_lifecycle_policy" "copies" {
  policy_details {
    action {
      name = "copy"

      cross_region_copy {
        target = "eu-central-1"

        encryption_configuration {
          encryption = true
        }
      }
    }
  }
}"#],
    evaluate: events_cmk,
};

static SCHEDULES_ENCRYPTED: Check = Check {
    id: "CKV_AWS_255",
    name: "Ensure DLM cross region schedules are encrypted",
    kind: EntityKind::Resource,
    resource_types: &["aws_dlm_lifecycle_policy"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "Every cross-region copy rule of a lifecycle policy's schedule has `encrypted = true`.",
        why: "Unencrypted snapshot copies in another region can be read by anyone who reaches them there.",
        fix: "Set `encrypted = true` in each `cross_region_copy_rule`.",
        fixed: r#"resource "aws_dlm_lifecycle_policy" "snapshots" {
  description        = "daily snapshots"
  execution_role_arn = aws_iam_role.dlm.arn

  policy_details {
    resource_types = ["VOLUME"]

    schedule {
      name = "daily"

      create_rule {
        interval = 24
      }

      retain_rule {
        count = 7
      }

      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
        cmk_arn   = aws_kms_key.copies.arn
      }
    }

    target_tags = {
      Snapshot = "true"
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_dlm_lifecycle_policy" "snapshots" {
  policy_details {
    schedule {
      name = "daily"

      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
      }
    }
  }
}"#],
    failing: &[r#"
resource "aws_dlm_lifecycle_policy" "snapshots" {
  policy_details {
    schedule {
      name = "daily"

      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = false
      }
    }
  }
}"#],
    evaluate: schedules_encrypted,
};

fn schedules_encrypted(resource: &Resource<'_>) -> Verdict {
    schedule_copies(resource, false)
}

fn schedules_cmk(resource: &Resource<'_>) -> Verdict {
    schedule_copies(resource, true)
}

/// Checkov's reading of schedules: the first schedule with cross-region copy rules decides,
/// and each of its rules must be encrypted (with a key when `with_key`); a policy without
/// such rules gives no verdict.
fn schedule_copies(resource: &Resource<'_>, with_key: bool) -> Verdict {
    let Some(policy) = first_block(resource.get("policy_details")) else {
        return Verdict::NotApplicable;
    };
    if policy.is_unknown() {
        return Verdict::Unknown;
    }
    let schedules = match policy.get("schedule") {
        Some(Value::List(schedules)) => schedules.as_slice(),
        Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
        _ => return Verdict::NotApplicable,
    };
    for schedule in schedules {
        let rules = match schedule.get("cross_region_copy_rule") {
            Some(Value::List(rules)) if !rules.is_empty() => rules,
            Some(known_later) if known_later.is_unknown() => return Verdict::Unknown,
            _ => continue,
        };
        let mut verdict = Verdict::Passed;
        for rule in rules {
            match encrypted_with(rule, "encrypted", with_key) {
                Verdict::Failed => return Verdict::Failed,
                Verdict::Unknown => verdict = Verdict::Unknown,
                _ => {}
            }
        }
        return verdict;
    }
    Verdict::NotApplicable
}

static SCHEDULES_CMK: Check = Check {
    id: "CKV_AWS_256",
    name: "Ensure DLM cross region schedules are encrypted using a Customer Managed Key",
    kind: EntityKind::Resource,
    resource_types: &["aws_dlm_lifecycle_policy"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "Every cross-region copy rule of a lifecycle policy's schedule is encrypted with a customer managed KMS key.",
        why: "With a key you manage, you decide and audit who can restore the copies in the other region.",
        fix: "Set `encrypted = true` and `cmk_arn` in each `cross_region_copy_rule`.",
        fixed: r#"resource "aws_dlm_lifecycle_policy" "snapshots" {
  description        = "daily snapshots"
  execution_role_arn = aws_iam_role.dlm.arn

  policy_details {
    resource_types = ["VOLUME"]

    schedule {
      name = "daily"

      create_rule {
        interval = 24
      }

      retain_rule {
        count = 7
      }

      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
        cmk_arn   = aws_kms_key.copies.arn
      }
    }

    target_tags = {
      Snapshot = "true"
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_dlm_lifecycle_policy" "snapshots" {
  policy_details {
    schedule {
      name = "daily"

      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
        cmk_arn   = "arn:aws:kms:eu-central-1:111122223333:key/1234abcd"
      }
    }
  }
}"#],
    failing: &[r#"
resource "aws_dlm_lifecycle_policy" "snapshots" {
  policy_details {
    schedule {
      name = "daily"

      cross_region_copy_rule {
        target    = "eu-central-1"
        encrypted = true
      }
    }
  }
}"#],
    evaluate: schedules_cmk,
};
