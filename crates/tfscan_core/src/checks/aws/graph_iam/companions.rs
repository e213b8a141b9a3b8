//! Resources that need a companion resource: a provisioned DynamoDB table its autoscaling, a
//! CodeCommit repository its approval rule, a secret its rotation, a KMS key its policy.

use super::{any_holds, both_hold, connected, exists, Holds};
use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;
use crate::value::Value;

/// `CKV2_AWS_16`: an on-demand table passes; a provisioned one passes when an
/// `aws_appautoscaling_target` for the `dynamodb` namespace is connected to it and has an
/// `aws_appautoscaling_policy` connected in turn.
pub static DYNAMODB_AUTOSCALING: Check = Check {
    id: "CKV2_AWS_16",
    name: "Ensure that Auto Scaling is enabled on your DynamoDB tables",
    kind: EntityKind::Resource,
    resource_types: &["aws_dynamodb_table"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A DynamoDB table either bills per request or has its provisioned capacity scaled by Application Auto Scaling.",
        why: "Fixed provisioned capacity throttles requests when traffic grows and wastes money when it falls.",
        fix: "Set `billing_mode = \"PAY_PER_REQUEST\"`, or add an `aws_appautoscaling_target` for the table with an `aws_appautoscaling_policy`.",
        fixed: r#"resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "id"

  attribute {
    name = "id"
    type = "S"
  }
}"#,
        // Provisioned (the default billing mode) and scaled.
        r#"
resource "aws_dynamodb_table" "orders" {
  name           = "orders"
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_appautoscaling_target" "orders_read" {
  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.orders.name}"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  min_capacity       = 5
  max_capacity       = 50
}

resource "aws_appautoscaling_policy" "orders_read" {
  name               = "orders-read"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.orders_read.service_namespace
  resource_id        = aws_appautoscaling_target.orders_read.resource_id
  scalable_dimension = aws_appautoscaling_target.orders_read.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value = 70

    predefined_metric_specification {
      predefined_metric_type = "DynamoDBReadCapacityUtilization"
    }
  }
}"#,
        // Whichever mode the variable picks, the table is either on demand or scaled.
        r#"
variable "billing_mode" {
  type = string
}

resource "aws_dynamodb_table" "orders" {
  name           = "orders"
  billing_mode   = var.billing_mode
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_appautoscaling_target" "orders_write" {
  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.orders.name}"
  scalable_dimension = "dynamodb:table:WriteCapacityUnits"
  min_capacity       = 5
  max_capacity       = 50
}

resource "aws_appautoscaling_policy" "orders_write" {
  name               = "orders-write"
  policy_type        = "TargetTrackingScaling"
  service_namespace  = aws_appautoscaling_target.orders_write.service_namespace
  resource_id        = aws_appautoscaling_target.orders_write.resource_id
  scalable_dimension = aws_appautoscaling_target.orders_write.scalable_dimension

  target_tracking_scaling_policy_configuration {
    target_value = 70

    predefined_metric_specification {
      predefined_metric_type = "DynamoDBWriteCapacityUtilization"
    }
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_dynamodb_table" "orders" {
  name           = "orders"
  billing_mode   = "PROVISIONED"
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }
}"#,
        // A scaling target without a scaling policy scales nothing.
        r#"
resource "aws_dynamodb_table" "orders" {
  name           = "orders"
  billing_mode   = "PROVISIONED"
  read_capacity  = 5
  write_capacity = 5
  hash_key       = "id"

  attribute {
    name = "id"
    type = "S"
  }
}

resource "aws_appautoscaling_target" "orders_read" {
  service_namespace  = "dynamodb"
  resource_id        = "table/${aws_dynamodb_table.orders.name}"
  scalable_dimension = "dynamodb:table:ReadCapacityUnits"
  min_capacity       = 5
  max_capacity       = 50
}"#,
    ],
    evaluate: dynamodb_autoscaling,
};

/// An absent `billing_mode` is `PROVISIONED`, Terraform's default (Checkov's own test of the
/// rule passes such a table when it is scaled). A value that is neither mode fails both of
/// Checkov's branches.
fn dynamodb_autoscaling(table: &Resource<'_>) -> Verdict {
    let scaled = || {
        any_holds(
            connected(table, "aws_appautoscaling_target")
                .iter()
                .map(scales),
        )
    };
    match table.get("billing_mode") {
        Some(Value::String(mode)) if mode == "PAY_PER_REQUEST" => Verdict::Passed,
        None | Some(Value::Null) => holds_verdict(scaled()),
        Some(Value::String(mode)) if mode == "PROVISIONED" => holds_verdict(scaled()),
        // Either mode passes a scaled table; an unscaled one depends on the mode.
        Some(Value::Unknown) => match scaled() {
            Some(true) => Verdict::Passed,
            _ => Verdict::Unknown,
        },
        Some(_) => Verdict::Failed,
    }
}

/// Whether a scaling target scales a DynamoDB table: its namespace is `dynamodb` and a scaling
/// policy is connected to it.
fn scales(target: &Resource<'_>) -> Holds {
    let dynamodb = match target.get("service_namespace") {
        Some(Value::Unknown) => None,
        other => Some(other.and_then(Value::as_str) == Some("dynamodb")),
    };
    let has_policy = !connected(target, "aws_appautoscaling_policy").is_empty();
    both_hold(dynamodb, Some(has_policy))
}

/// Passed when the bad condition's absence holds, Failed when it does not, Unknown when open.
fn holds_verdict(good: Holds) -> Verdict {
    match good {
        Some(good) => verdict(good),
        None => Verdict::Unknown,
    }
}

/// `CKV2_AWS_37`: a repository passes when an
/// `aws_codecommit_approval_rule_template_association` is connected to it.
pub static CODECOMMIT_APPROVAL_RULE: Check = Check {
    id: "CKV2_AWS_37",
    name: "Ensure CodeCommit associates an approval rule",
    kind: EntityKind::Resource,
    resource_types: &["aws_codecommit_repository"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An approval rule template is associated with the CodeCommit repository.",
        why: "Without an approval rule, a pull request can be merged without anyone else reviewing it.",
        fix: "Add an `aws_codecommit_approval_rule_template_association` that names the repository.",
        fixed: r#"resource "aws_codecommit_approval_rule_template_association" "app" {
  approval_rule_template_name = aws_codecommit_approval_rule_template.two_reviewers.name
  repository_name             = aws_codecommit_repository.app.repository_name
}"#,
    },
    passing: &[r#"
resource "aws_codecommit_repository" "app" {
  repository_name = "app"
}

resource "aws_codecommit_approval_rule_template" "two_reviewers" {
  name    = "two-reviewers"
  content = jsonencode({
    Version               = "2018-11-08"
    DestinationReferences = ["refs/heads/main"]
    Statements = [{
      Type                    = "Approvers"
      NumberOfApprovalsNeeded = 2
    }]
  })
}

resource "aws_codecommit_approval_rule_template_association" "app" {
  approval_rule_template_name = aws_codecommit_approval_rule_template.two_reviewers.name
  repository_name             = aws_codecommit_repository.app.repository_name
}"#],
    failing: &[r#"
resource "aws_codecommit_repository" "app" {
  repository_name = "app"
}"#],
    evaluate: codecommit_approval_rule,
};

fn codecommit_approval_rule(repository: &Resource<'_>) -> Verdict {
    let associations = connected(
        repository,
        "aws_codecommit_approval_rule_template_association",
    );
    verdict(!associations.is_empty())
}

/// `CKV2_AWS_57`: a secret passes when an `aws_secretsmanager_secret_rotation` is connected to
/// it.
pub static SECRET_ROTATION: Check = Check {
    id: "CKV2_AWS_57",
    name: "Ensure Secrets Manager secrets should have automatic rotation enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_secretsmanager_secret"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The Secrets Manager secret has a rotation configured.",
        why: "A secret that never changes stays usable for as long as anyone who once read it keeps a copy.",
        fix: "Add an `aws_secretsmanager_secret_rotation` for the secret, with a rotation function and a schedule.",
        fixed: r#"resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id           = aws_secretsmanager_secret.database.id
  rotation_lambda_arn = aws_lambda_function.rotate.arn

  rotation_rules {
    automatically_after_days = 30
  }
}"#,
    },
    passing: &[r#"
resource "aws_secretsmanager_secret" "database" {
  name = "database"
}

resource "aws_secretsmanager_secret_rotation" "database" {
  secret_id           = aws_secretsmanager_secret.database.id
  rotation_lambda_arn = "arn:aws:lambda:eu-west-1:111122223333:function:rotate"

  rotation_rules {
    automatically_after_days = 30
  }
}"#],
    failing: &[r#"
resource "aws_secretsmanager_secret" "database" {
  name = "database"
}"#],
    evaluate: secret_rotation,
};

fn secret_rotation(secret: &Resource<'_>) -> Verdict {
    verdict(!connected(secret, "aws_secretsmanager_secret_rotation").is_empty())
}

/// `CKV2_AWS_64`: a key passes when it sets `policy` (to anything, even a value known only
/// after apply) or an `aws_kms_key_policy` is connected to it.
pub static KMS_KEY_POLICY: Check = Check {
    id: "CKV2_AWS_64",
    name: "Ensure KMS key Policy is defined",
    kind: EntityKind::Resource,
    resource_types: &["aws_kms_key"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "The KMS key has a key policy written in the configuration, on the key or as an `aws_kms_key_policy`.",
        why: "Without one, AWS applies its default key policy, which lets every IAM principal of the account that is allowed by IAM use and manage the key.",
        fix: "Set the key's `policy`, or add an `aws_kms_key_policy` for it, naming who may administer and use the key.",
        fixed: r#"resource "aws_kms_key" "app" {
  enable_key_rotation = true
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Sid       = "AccountAdministers"
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}"#,
    },
    passing: &[
        r#"
resource "aws_kms_key" "app" {
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}"#,
        r#"
resource "aws_kms_key" "app" {
  description = "the policy is its own resource"
}

resource "aws_kms_key_policy" "app" {
  key_id = aws_kms_key.app.id
  policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Principal = { AWS = "arn:aws:iam::111122223333:root" }
      Action    = "kms:*"
      Resource  = "*"
    }]
  })
}"#,
    ],
    failing: &[r#"
resource "aws_kms_key" "app" {
  description = "AWS's default key policy"
}"#],
    evaluate: kms_key_policy,
};

fn kms_key_policy(key: &Resource<'_>) -> Verdict {
    verdict(exists(key, "policy") || !connected(key, "aws_kms_key_policy").is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::graph::Connections;
    use crate::value::object;

    fn table(attributes: &Value) -> Resource<'_> {
        Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_dynamodb_table",
            name: "t",
            attributes,
            connections: Connections::NONE,
        }
    }

    #[test]
    fn billing_modes_without_autoscaling() {
        let cases = [
            (Some(Value::from("PAY_PER_REQUEST")), Verdict::Passed),
            (Some(Value::from("PROVISIONED")), Verdict::Failed),
            (None, Verdict::Failed),
            (Some(Value::from("provisioned")), Verdict::Failed),
            (Some(Value::Unknown), Verdict::Unknown),
        ];
        for (mode, expected) in cases {
            let attributes = object(mode.clone().map(|mode| ("billing_mode", mode)));
            assert_eq!(
                dynamodb_autoscaling(&table(&attributes)),
                expected,
                "{mode:?}"
            );
        }
    }

    #[test]
    fn a_key_policy_known_only_after_apply_is_set() {
        let key = object([("policy", Value::Unknown)]);
        assert_eq!(kms_key_policy(&table(&key)), Verdict::Passed);
        let empty = object([("policy", Value::from(""))]);
        assert_eq!(kms_key_policy(&table(&empty)), Verdict::Passed);
        let none = object::<_, &str>([]);
        assert_eq!(kms_key_policy(&table(&none)), Verdict::Failed);
    }
}
