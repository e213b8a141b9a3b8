//! Elastic Beanstalk environment checks, which read the environment's `setting` blocks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[&ENHANCED_HEALTH, &MANAGED_UPDATES];

/// An environment with both settings these checks ask for.
const GOOD_ENVIRONMENT: &str = r#"
resource "aws_elastic_beanstalk_environment" "web" {
  name        = "web"
  application = "web"

  setting {
    namespace = "aws:elasticbeanstalk:healthreporting:system"
    name      = "SystemType"
    value     = "enhanced"
  }
  setting {
    namespace = "aws:elasticbeanstalk:managedactions"
    name      = "ManagedActionsEnabled"
    value     = "true"
  }
}"#;

/// An environment with neither.
const BARE_ENVIRONMENT: &str = r#"
resource "aws_elastic_beanstalk_environment" "web" {
  name        = "web"
  application = "web"

  setting {
    namespace = "aws:elasticbeanstalk:healthreporting:system"
    name      = "SystemType"
    value     = "basic"
  }
}"#;

/// Passed when any `setting` block meets `matches`, Unknown when none does but one cannot be
/// read, else Failed.
fn any_setting(environment: &Resource<'_>, matches: impl Fn(&Value) -> Option<bool>) -> Verdict {
    let settings = match environment.get("setting") {
        Some(Value::List(settings)) => settings.as_slice(),
        Some(Value::Unknown) => return Verdict::Unknown,
        _ => &[],
    };
    let mut open = false;
    for setting in settings {
        match matches(setting) {
            Some(true) => return Verdict::Passed,
            None => open = true,
            Some(false) => {}
        }
    }
    if open {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

/// Whether a setting's field is `expected`: None when it is unknown.
fn field_is(setting: &Value, field: &str, expected: &str) -> Option<bool> {
    match setting.get(field) {
        Some(value) if value.contains_unknown() => None,
        Some(value) => Some(value.as_str() == Some(expected)),
        None => Some(false),
    }
}

static ENHANCED_HEALTH: Check = Check {
    id: "CKV_AWS_312",
    name: "Ensure Elastic Beanstalk environments have enhanced health reporting enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_elastic_beanstalk_environment"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An environment has a setting in the `aws:elasticbeanstalk:healthreporting:system` namespace with the value `enhanced`.",
        why: "Basic health reporting sees only load balancer checks; enhanced reporting shows failing requests, latency and instance problems before users report them.",
        fix: "Add the setting `SystemType = enhanced` in that namespace.",
        fixed: r#"  setting {
    namespace = "aws:elasticbeanstalk:healthreporting:system"
    name      = "SystemType"
    value     = "enhanced"
  }"#,
    },
    passing: &[GOOD_ENVIRONMENT],
    failing: &[BARE_ENVIRONMENT],
    evaluate: |environment| {
        any_setting(environment, |setting| {
            let namespace = "aws:elasticbeanstalk:healthreporting:system";
            both(
                field_is(setting, "namespace", namespace),
                field_is(setting, "value", "enhanced"),
            )
        })
    },
};

static MANAGED_UPDATES: Check = Check {
    id: "CKV_AWS_340",
    name: "Ensure Elastic Beanstalk managed platform updates are enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_elastic_beanstalk_environment"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An environment sets `ManagedActionsEnabled` to true in the `aws:elasticbeanstalk:managedactions` namespace.",
        why: "Without managed updates the platform's security patches wait until someone applies them by hand.",
        fix: "Add the setting `ManagedActionsEnabled = true` in that namespace, with a `PreferredStartTime` for the weekly window.",
        fixed: r#"  setting {
    namespace = "aws:elasticbeanstalk:managedactions"
    name      = "ManagedActionsEnabled"
    value     = "true"
  }"#,
    },
    passing: &[GOOD_ENVIRONMENT],
    failing: &[BARE_ENVIRONMENT],
    evaluate: |environment| {
        any_setting(environment, |setting| {
            let enabled = match setting.get("value") {
                Some(value) if value.contains_unknown() => None,
                Some(value) => Some(value.as_bool() == Some(true)),
                None => Some(false),
            };
            both(
                both(
                    field_is(setting, "namespace", "aws:elasticbeanstalk:managedactions"),
                    field_is(setting, "name", "ManagedActionsEnabled"),
                ),
                enabled,
            )
        })
    },
};

/// Both hold: false as soon as one is false, open while one is open.
fn both(first: Option<bool>, second: Option<bool>) -> Option<bool> {
    match (first, second) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (Some(true), Some(true)) => Some(true),
        _ => None,
    }
}
