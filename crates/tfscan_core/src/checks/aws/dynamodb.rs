//! AWS `DynamoDB` checks.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::Value;

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &POINT_IN_TIME_RECOVERY,
    &TABLE_CMK,
    &GLOBAL_TABLE_POINT_IN_TIME_RECOVERY,
    &REPLICA_CMK,
];

static POINT_IN_TIME_RECOVERY: Check = Check {
    id: "CKV_AWS_28",
    name: "Ensure DynamoDB point in time recovery (backup) is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_dynamodb_table"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A DynamoDB table has point-in-time recovery turned on.",
        why: "Without it, a bad write, a buggy migration or a deleted item cannot be rolled back to any second of the last 35 days.",
        fix: "Add a `point_in_time_recovery` block with `enabled = true`.",
        fixed: r#"resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }
}"#,
        r#"
variable "recovery" {
  type    = bool
  default = true
}

resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  point_in_time_recovery {
    enabled                 = var.recovery
    recovery_period_in_days = 14
  }
}"#,
        r#"
# Generated blocks count like written ones.
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  dynamic "point_in_time_recovery" {
    for_each = [true]

    content {
      enabled = point_in_time_recovery.value
    }
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }
}"#,
        r#"
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = false
  }
}"#,
        r#"
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  point_in_time_recovery {
    recovery_period_in_days = 7
  }
}"#,
        r#"
variable "point_in_time_recovery_enabled" {
  type    = bool
  default = false
}

resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  point_in_time_recovery {
    enabled = var.point_in_time_recovery_enabled
  }
}"#,
    ],
    evaluate: point_in_time_recovery,
};

fn point_in_time_recovery(resource: &Resource<'_>) -> Verdict {
    rules::bool_equals(
        resource,
        "point_in_time_recovery.0.enabled",
        true,
        Verdict::Failed,
    )
}

static TABLE_CMK: Check = Check {
    id: "CKV_AWS_119",
    name: "Ensure DynamoDB Tables are encrypted using a KMS Customer Managed CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_dynamodb_table"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A DynamoDB table is encrypted at rest with a customer managed KMS key named in `server_side_encryption`.",
        why: "With the default AWS owned key you cannot control or audit who decrypts the table, nor revoke that access.",
        fix: "Add a `server_side_encryption` block with `enabled = true` and `kms_key_arn` set to your key.",
        fixed: r#"resource "aws_dynamodb_table" "orders" {
  name         = "orders"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }
}"#,
    },
    passing: &[r#"
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}"#,
        r#"
resource "aws_kms_key" "orders" {
  description         = "orders table"
  enable_key_rotation = true
}

# The key's ARN is known only after apply, but it is set: that is all the check asks.
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  server_side_encryption {
    enabled     = true
    kms_key_arn = aws_kms_key.orders.arn
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }
}"#,
        r#"
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  server_side_encryption {
    enabled = true
  }
}"#,
        r#"
resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  server_side_encryption {
    enabled     = false
    kms_key_arn = "arn:aws:kms:eu-west-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
  }
}"#,
        r#"
variable "server_side_encryption_enabled" {
  type    = bool
  default = false
}

resource "aws_dynamodb_table" "orders" {
  name     = "orders"
  hash_key = "OrderId"

  attribute {
    name = "OrderId"
    type = "S"
  }

  server_side_encryption {
    enabled = var.server_side_encryption_enabled
  }
}"#,
    ],
    evaluate: table_cmk,
};

/// Passed when the first `server_side_encryption` block is enabled and names a key. Checkov
/// asks only that `kms_key_arn` be written, so a key known only after apply still passes.
fn table_cmk(resource: &Resource<'_>) -> Verdict {
    match rules::bool_equals(
        resource,
        "server_side_encryption.0.enabled",
        true,
        Verdict::Failed,
    ) {
        Verdict::Passed => match resource.get("server_side_encryption.0.kms_key_arn") {
            None | Some(Value::Null) => Verdict::Failed,
            Some(_) => Verdict::Passed,
        },
        other => other,
    }
}

static GLOBAL_TABLE_POINT_IN_TIME_RECOVERY: Check = Check {
    id: "CKV_AWS_165",
    name: "Ensure DynamoDB point in time recovery (backup) is enabled for global tables",
    kind: EntityKind::Resource,
    resource_types: &["aws_dynamodb_global_table"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A legacy DynamoDB global table is noted for point-in-time recovery, which is set on its member tables.",
        why: "Without recovery on each replica, a bad write cannot be rolled back in any region.",
        fix: "Enable `point_in_time_recovery` on every `aws_dynamodb_table` the global table joins; the global table itself has no such setting.",
        fixed: r#"resource "aws_dynamodb_global_table" "orders" {
  name = "orders"

  replica {
    region_name = "eu-west-1"
  }

  replica {
    region_name = "us-east-1"
  }
}"#,
    },
    passing: &[r#"
resource "aws_dynamodb_global_table" "orders" {
  name = "orders"

  replica {
    region_name = "eu-west-1"
  }
}"#],
    // The resource has no recovery setting, so Checkov passes every one: no snippet fails.
    failing: &[],
    evaluate: global_table_point_in_time_recovery,
};

/// `aws_dynamodb_global_table` cannot carry a point-in-time recovery setting, so Checkov
/// passes it whatever it says; recovery is judged on the member tables by `CKV_AWS_28`.
fn global_table_point_in_time_recovery(_resource: &Resource<'_>) -> Verdict {
    Verdict::Passed
}

static REPLICA_CMK: Check = Check {
    id: "CKV_AWS_271",
    name: "Ensure DynamoDB table replica KMS encryption uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_dynamodb_table_replica"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A DynamoDB table replica names the customer managed KMS key that encrypts it in `kms_key_arn`.",
        why: "With the default key you cannot control or audit who decrypts the replica in its region, nor revoke that access.",
        fix: "Set `kms_key_arn` to a customer managed key in the replica's region.",
        fixed: r#"resource "aws_dynamodb_table_replica" "orders_us" {
  provider         = aws.us_east_1
  global_table_arn = aws_dynamodb_table.orders.arn
  kms_key_arn      = aws_kms_key.orders_us.arn
}"#,
    },
    passing: &[r#"
resource "aws_dynamodb_table_replica" "orders_us" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
  kms_key_arn      = "arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab"
}"#,
        r#"
resource "aws_kms_key" "orders_us" {
  description         = "orders replica in us-east-1"
  enable_key_rotation = true
}

resource "aws_dynamodb_table_replica" "orders_us" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
  kms_key_arn      = aws_kms_key.orders_us.arn
}"#,
    ],
    failing: &[
        r#"
resource "aws_dynamodb_table_replica" "orders_us" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
}"#,
        r#"
resource "aws_dynamodb_table_replica" "orders_us" {
  global_table_arn = "arn:aws:dynamodb:eu-west-1:111122223333:table/orders"
  kms_key_arn      = ""
}"#,
    ],
    evaluate: replica_cmk,
};

fn replica_cmk(resource: &Resource<'_>) -> Verdict {
    rules::is_set(resource, "kms_key_arn")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn table(attributes: &Value) -> Resource<'_> {
        Resource {
            kind: EntityKind::Resource,
            resource_type: "aws_dynamodb_table",
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        }
    }

    fn encryption(enabled: Value, key: Option<Value>) -> Value {
        let mut fields = vec![("enabled", enabled)];
        if let Some(key) = key {
            fields.push(("kms_key_arn", key));
        }
        object([("server_side_encryption", Value::List(vec![object(fields)]))])
    }

    #[test]
    fn table_key_may_be_unknown_but_enabled_may_not() {
        let unknown_key = encryption(Value::Bool(true), Some(Value::Unknown));
        assert_eq!(table_cmk(&table(&unknown_key)), Verdict::Passed);

        let unknown_enabled = encryption(Value::Unknown, Some(Value::from("arn:aws:kms:key")));
        assert_eq!(table_cmk(&table(&unknown_enabled)), Verdict::Unknown);

        let null_key = encryption(Value::Bool(true), Some(Value::Null));
        assert_eq!(table_cmk(&table(&null_key)), Verdict::Failed);

        let disabled = encryption(Value::Bool(false), Some(Value::from("arn:aws:kms:key")));
        assert_eq!(table_cmk(&table(&disabled)), Verdict::Failed);
    }

    #[test]
    fn recovery_reads_the_first_block() {
        let enabled = object([(
            "point_in_time_recovery",
            Value::List(vec![object([("enabled", Value::from("true"))])]),
        )]);
        assert_eq!(point_in_time_recovery(&table(&enabled)), Verdict::Passed);

        let unknown = object([(
            "point_in_time_recovery",
            Value::List(vec![object([("enabled", Value::Unknown)])]),
        )]);
        assert_eq!(point_in_time_recovery(&table(&unknown)), Verdict::Unknown);
    }
}
