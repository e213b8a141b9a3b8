//! AWS ECS checks: clusters, services and task definitions.

use alloc::string::String;
use alloc::vec::Vec;

use serde_json::Value as Json;

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules;
use crate::value::{is_hole, Value};

/// This service's checks.
pub static CHECKS: &[&Check] = &[
    &CONTAINER_INSIGHTS,
    &EFS_TRANSIT_ENCRYPTION,
    &EXEC_LOGGING,
    &EXEC_LOGGING_WITH_CMK,
    &DISTINCT_ROLES,
    &FARGATE_LATEST_PLATFORM,
    &NO_PUBLIC_IP,
    &NON_PRIVILEGED_CONTAINERS,
    &NO_HOST_PID_NAMESPACE,
    &READ_ONLY_ROOT_FILESYSTEM,
];

static CONTAINER_INSIGHTS: Check = Check {
    id: "CKV_AWS_65",
    name: "Ensure container insights are enabled on ECS cluster",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An ECS cluster has the `containerInsights` setting set to `enabled` or `enhanced`.",
        why: "Without Container Insights the cluster's tasks report no CPU, memory, network or restart metrics, so failures and exhaustion go unseen.",
        fix: "Add a `setting` block with `name = \"containerInsights\"` and `value = \"enabled\"`.",
        fixed: r#"resource "aws_ecs_cluster" "app" {
  name = "app"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}"#,
    },
    passing: &[r#"
resource "aws_ecs_cluster" "app" {
  name = "app"

  setting {
    name  = "containerInsights"
    value = "enabled"
  }
}

resource "aws_ecs_cluster" "batch" {
  name = "batch"

  setting {
    name  = "containerInsights"
    value = "enhanced"
  }
}"#],
    failing: &[
        r#"
resource "aws_ecs_cluster" "app" {
  name = "app"
}"#,
        r#"
resource "aws_ecs_cluster" "app" {
  name = "app"

  setting {
    name  = "containerInsights"
    value = "disabled"
  }
}"#,
    ],
    evaluate: container_insights,
};

/// The first `containerInsights` setting decides; no such setting fails.
fn container_insights(resource: &Resource<'_>) -> Verdict {
    let settings = match resource.get("setting") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(settings)) => settings,
        _ => return Verdict::Failed,
    };
    for setting in settings {
        match setting.get("name") {
            Some(name) if name.contains_unknown() => return Verdict::Unknown,
            Some(Value::String(name)) if name == "containerInsights" => {
                return match setting.get("value") {
                    Some(value) if value.contains_unknown() => Verdict::Unknown,
                    Some(Value::String(value)) => {
                        rules::verdict(value == "enabled" || value == "enhanced")
                    }
                    _ => Verdict::Failed,
                };
            }
            _ => {}
        }
    }
    Verdict::Failed
}

static EFS_TRANSIT_ENCRYPTION: Check = Check {
    id: "CKV_AWS_97",
    name: "Ensure Encryption in transit is enabled for EFS volumes in ECS Task definitions",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_task_definition"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An EFS volume in an ECS task definition sets `transit_encryption = \"ENABLED\"`.",
        why: "Without it, file data travels between the task and EFS in clear text that anyone on the network path can read or alter.",
        fix: "Set `transit_encryption = \"ENABLED\"` in each `efs_volume_configuration` block.",
        fixed: r#"resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.data.id
      transit_encryption = "ENABLED"
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.data.id
      transit_encryption = "ENABLED"
    }
  }
}"#,
        r#"
resource "aws_ecs_task_definition" "no_efs" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])

  volume {
    name      = "scratch"
    host_path = "/ecs/scratch"
  }
}"#,
    ],
    failing: &[
        r#"
resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id = aws_efs_file_system.data.id
    }
  }
}"#,
        r#"
resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])

  volume {
    name = "data"

    efs_volume_configuration {
      file_system_id     = aws_efs_file_system.data.id
      transit_encryption = "DISABLED"
    }
  }
}"#,
    ],
    evaluate: efs_transit_encryption,
};

/// As in Checkov, the first EFS volume configuration found decides; a task definition without
/// one passes.
fn efs_transit_encryption(resource: &Resource<'_>) -> Verdict {
    let volumes = match resource.get("volume") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::List(volumes)) => volumes,
        _ => return Verdict::Passed,
    };
    for volume in volumes {
        match volume.get("efs_volume_configuration") {
            Some(Value::Unknown) => return Verdict::Unknown,
            Some(Value::List(configurations)) => {
                if let Some(configuration) = configurations.iter().find(|c| c.as_object().is_some())
                {
                    return match configuration.get("transit_encryption") {
                        Some(value) if value.contains_unknown() => Verdict::Unknown,
                        Some(value) => rules::verdict(value.as_str() == Some("ENABLED")),
                        None => Verdict::Failed,
                    };
                }
            }
            _ => {}
        }
    }
    Verdict::Passed
}

static EXEC_LOGGING: Check = Check {
    id: "CKV_AWS_223",
    name: "Ensure ECS Cluster enables logging of ECS Exec",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An ECS cluster's ECS Exec configuration does not turn logging off (`logging = \"NONE\"`).",
        why: "ECS Exec opens interactive shells in running containers; without logs, nobody can tell afterwards who ran what.",
        fix: "Leave `logging` at `DEFAULT` or set it to `OVERRIDE` with a `log_configuration` block.",
        fixed: r#"resource "aws_ecs_cluster" "app" {
  name = "app"

  configuration {
    execute_command_configuration {
      logging = "DEFAULT"
    }
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_ecs_cluster" "app" {
  name = "app"

  configuration {
    execute_command_configuration {
      logging = "DEFAULT"
    }
  }
}"#,
        r#"
resource "aws_ecs_cluster" "no_exec_configuration" {
  name = "app"
}"#,
    ],
    failing: &[r#"
resource "aws_ecs_cluster" "app" {
  name = "app"

  configuration {
    execute_command_configuration {
      logging = "NONE"
    }
  }
}"#],
    evaluate: exec_logging,
};

fn exec_logging(resource: &Resource<'_>) -> Verdict {
    rules::string_not_in(
        resource,
        "configuration.0.execute_command_configuration.0.logging",
        &["NONE"],
    )
}

static EXEC_LOGGING_WITH_CMK: Check = Check {
    id: "CKV_AWS_224",
    name: "Ensure ECS Cluster logging is enabled and client to container communication uses CMK",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_cluster"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An ECS cluster with an ECS Exec configuration encrypts the session with a customer managed KMS key (`kms_key_id`) and writes encrypted logs to CloudWatch or S3.",
        why: "Exec sessions carry shell input and output, which may include secrets; a key of your own controls who can decrypt them, and unencrypted logs keep a readable copy.",
        fix: "Set `kms_key_id` in `execute_command_configuration` and turn on `cloud_watch_encryption_enabled` or `s3_bucket_encryption_enabled` in its `log_configuration`.",
        fixed: r#"resource "aws_ecs_cluster" "app" {
  name = "app"

  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}"#,
    },
    passing: &[r#"
resource "aws_ecs_cluster" "app" {
  name = "app"

  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = true
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}"#],
    failing: &[
        r#"
resource "aws_ecs_cluster" "app" {
  name = "app"

  configuration {
    execute_command_configuration {
      logging = "OVERRIDE"

      log_configuration {
        s3_bucket_encryption_enabled = true
        s3_bucket_name               = aws_s3_bucket.exec_logs.bucket
      }
    }
  }
}"#,
        r#"
resource "aws_ecs_cluster" "app" {
  name = "app"

  configuration {
    execute_command_configuration {
      kms_key_id = aws_kms_key.exec.arn
      logging    = "OVERRIDE"

      log_configuration {
        cloud_watch_encryption_enabled = false
        cloud_watch_log_group_name     = aws_cloudwatch_log_group.exec.name
      }
    }
  }
}"#,
    ],
    evaluate: exec_logging_with_cmk,
};

/// Only clusters with an `execute_command_configuration` whose logging is not `NONE` are
/// judged. As in Checkov, `kms_key_id` only has to be written, whatever it holds.
fn exec_logging_with_cmk(resource: &Resource<'_>) -> Verdict {
    let configuration = match resource.get("configuration.0.execute_command_configuration.0") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(configuration @ Value::Object(_)) => configuration,
        _ => return Verdict::NotApplicable,
    };
    match configuration.get("logging") {
        Some(Value::String(logging)) if logging == "NONE" => return Verdict::NotApplicable,
        Some(Value::Unknown) => return Verdict::Unknown,
        _ => {}
    }
    if configuration.get("kms_key_id").is_none() {
        return Verdict::Failed;
    }
    let log_configuration = match configuration.lookup("log_configuration.0") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(log_configuration @ Value::Object(_)) => log_configuration,
        _ => return Verdict::Failed,
    };
    let flags = [
        "cloud_watch_encryption_enabled",
        "s3_bucket_encryption_enabled",
    ]
    .map(|name| log_configuration.get(name));
    if flags
        .iter()
        .flatten()
        .any(|flag| flag.as_bool() == Some(true))
    {
        Verdict::Passed
    } else if flags.iter().flatten().any(|flag| flag.contains_unknown()) {
        Verdict::Unknown
    } else {
        Verdict::Failed
    }
}

static DISTINCT_ROLES: Check = Check {
    id: "CKV_AWS_249",
    name: "Ensure that the Execution Role ARN and the Task Role ARN are different in ECS Task definitions",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_task_definition"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An ECS task definition does not use the same IAM role as its execution role and its task role.",
        why: "The execution role pulls images and reads secrets for ECS; sharing it hands the application code those permissions too.",
        fix: "Give the task definition a separate `task_role_arn` with only the permissions the application needs.",
        fixed: r#"resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])
  execution_role_arn    = aws_iam_role.ecs_execution.arn
  task_role_arn         = aws_iam_role.app.arn
}"#,
    },
    passing: &[
        r#"
resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])
  execution_role_arn    = "arn:aws:iam::123456789012:role/ecs-execution"
  task_role_arn         = "arn:aws:iam::123456789012:role/app"
}"#,
        r#"
resource "aws_ecs_task_definition" "execution_role_only" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])
  execution_role_arn    = "arn:aws:iam::123456789012:role/ecs-execution"
}"#,
        // Two roles of the configuration: their ARNs are known only after apply, and differ.
        r#"
resource "aws_iam_role" "execution" {
  count              = 1
  name               = "ecs-execution"
  assume_role_policy = "{}"
}

resource "aws_iam_role" "task" {
  count              = 1
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_ecs_task_definition" "roles" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])
  execution_role_arn    = try(aws_iam_role.execution[0].arn, null)
  task_role_arn         = aws_iam_role.task[0].arn
}"#,
    ],
    failing: &[
        r#"
resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])
  execution_role_arn    = "arn:aws:iam::123456789012:role/app"
  task_role_arn         = "arn:aws:iam::123456789012:role/app"
}"#,
        r#"
resource "aws_iam_role" "app" {
  name               = "app"
  assume_role_policy = "{}"
}

resource "aws_ecs_task_definition" "same_role" {
  family                = "app"
  container_definitions = jsonencode([{ name = "app", image = "nginx:1.27", essential = true }])
  execution_role_arn    = aws_iam_role.app.arn
  task_role_arn         = aws_iam_role.app.arn
}"#,
    ],
    evaluate: distinct_roles,
};

fn distinct_roles(resource: &Resource<'_>) -> Verdict {
    let (Some(execution_role), Some(task_role)) = (
        resource.get("execution_role_arn"),
        resource.get("task_role_arn"),
    ) else {
        return Verdict::Passed;
    };
    if execution_role.is_null() {
        return Verdict::Passed;
    }
    // Two roles' ARNs known only after apply still differ when they are two roles.
    match execution_role.same_identifier(task_role) {
        Some(same) => rules::verdict(!same),
        None => Verdict::Unknown,
    }
}

static FARGATE_LATEST_PLATFORM: Check = Check {
    id: "CKV_AWS_332",
    name: "Ensure ECS Fargate services run on the latest Fargate platform version",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_service"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "An ECS service launched on Fargate leaves `platform_version` unset or sets it to `LATEST`.",
        why: "A pinned platform version stops receiving the kernel and runtime fixes that newer Fargate platform versions carry.",
        fix: "Remove `platform_version` or set it to `LATEST`.",
        fixed: r#"resource "aws_ecs_service" "app" {
  name             = "app"
  cluster          = aws_ecs_cluster.app.id
  task_definition  = aws_ecs_task_definition.app.arn
  launch_type      = "FARGATE"
  platform_version = "LATEST"
}"#,
    },
    passing: &[r#"
resource "aws_ecs_service" "latest" {
  name             = "app"
  cluster          = aws_ecs_cluster.app.id
  task_definition  = aws_ecs_task_definition.app.arn
  launch_type      = "FARGATE"
  platform_version = "LATEST"
}

resource "aws_ecs_service" "default_version" {
  name            = "worker"
  cluster         = aws_ecs_cluster.app.id
  task_definition = aws_ecs_task_definition.worker.arn
  launch_type     = "FARGATE"
}"#],
    failing: &[r#"
resource "aws_ecs_service" "app" {
  name             = "app"
  cluster          = aws_ecs_cluster.app.id
  task_definition  = aws_ecs_task_definition.app.arn
  launch_type      = "FARGATE"
  platform_version = "1.3.0"
}"#],
    evaluate: fargate_latest_platform,
};

/// Services not launched as `FARGATE` are not judged. As in Checkov, a `platform_version`
/// written as null fails (only `LATEST` or leaving it out passes).
fn fargate_latest_platform(resource: &Resource<'_>) -> Verdict {
    match resource.get("launch_type") {
        Some(Value::Unknown) => return Verdict::Unknown,
        Some(Value::String(launch_type)) if launch_type == "FARGATE" => {}
        _ => return Verdict::NotApplicable,
    }
    match resource.get("platform_version") {
        None => Verdict::Passed,
        Some(version) if version.contains_unknown() => Verdict::Unknown,
        Some(version) => rules::verdict(version.as_str() == Some("LATEST")),
    }
}

static NO_PUBLIC_IP: Check = Check {
    id: "CKV_AWS_333",
    name: "Ensure ECS services do not have public IP addresses assigned to them automatically",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_service"],
    severity: Severity::High,
    explanation: Explanation {
        what: "An ECS service does not set `assign_public_ip = true` in its `network_configuration`.",
        why: "Tasks with public IP addresses can be reached from the internet directly, bypassing load balancers and private subnets.",
        fix: "Set `assign_public_ip = false` (the default) and run the tasks in private subnets behind a load balancer or NAT gateway.",
        fixed: r#"resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = aws_ecs_cluster.app.id
  task_definition = aws_ecs_task_definition.app.arn
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = aws_subnet.private[*].id
    security_groups  = [aws_security_group.app.id]
    assign_public_ip = false
  }
}"#,
    },
    passing: &[r#"
resource "aws_ecs_service" "private" {
  name            = "app"
  cluster         = aws_ecs_cluster.app.id
  task_definition = aws_ecs_task_definition.app.arn
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ["subnet-0a1b2c3d"]
    assign_public_ip = false
  }
}

resource "aws_ecs_service" "default" {
  name            = "worker"
  cluster         = aws_ecs_cluster.app.id
  task_definition = aws_ecs_task_definition.worker.arn
  launch_type     = "FARGATE"

  network_configuration {
    subnets = ["subnet-0a1b2c3d"]
  }
}"#],
    failing: &[r#"
resource "aws_ecs_service" "app" {
  name            = "app"
  cluster         = aws_ecs_cluster.app.id
  task_definition = aws_ecs_task_definition.app.arn
  launch_type     = "FARGATE"

  network_configuration {
    subnets          = ["subnet-0a1b2c3d"]
    assign_public_ip = true
  }
}"#],
    evaluate: no_public_ip,
};

fn no_public_ip(resource: &Resource<'_>) -> Verdict {
    match resource.get("network_configuration.0.assign_public_ip") {
        None | Some(Value::Null) => Verdict::Passed,
        Some(value) if value.contains_unknown() => Verdict::Unknown,
        Some(value) => rules::verdict(value.as_bool() != Some(true)),
    }
}

static NON_PRIVILEGED_CONTAINERS: Check = Check {
    id: "CKV_AWS_334",
    name: "Ensure ECS containers should run as non-privileged",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_task_definition"],
    severity: Severity::High,
    explanation: Explanation {
        what: "No container in an ECS task definition's `container_definitions` sets the key `privilege` to a true value (Checkov reads this key, not ECS's own `privileged`, and so does this check).",
        why: "A privileged container has root access to the host and every other container on it.",
        fix: "Remove `privilege` and `privileged` from the container definitions, or set them to false.",
        fixed: r#"resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true, privileged = false }
  ])
}"#,
    },
    passing: &[r#"
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true },
    { name = "sidecar", image = "envoyproxy/envoy:v1.31.0", essential = false, privilege = false }
  ])
}"#],
    failing: &[
        r#"
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true },
    { name = "agent", image = "example/agent:2.0", essential = false, privilege = true }
  ])
}"#,
        r#"
resource "aws_ecs_task_definition" "heredoc" {
  family                = "app"
  container_definitions = <<-JSON
    [
      {"name": "agent", "image": "example/agent:2.0", "essential": true, "privilege": true}
    ]
  JSON
}"#,
    ],
    evaluate: non_privileged_containers,
};

/// Checkov looks for `privilege` (not ECS's `privileged`): a container setting ECS's own key
/// passes there, and here, so that verdicts match.
fn non_privileged_containers(resource: &Resource<'_>) -> Verdict {
    let privileged = |container: &Json| container.get("privilege").is_some_and(is_truthy);
    match containers(resource) {
        // A single container object, as plan files hold it.
        Containers::Single(container) => judge_one(&container, "privilege", privileged),
        containers => judge_list(containers, "privilege", privileged),
    }
}

static NO_HOST_PID_NAMESPACE: Check = Check {
    id: "CKV_AWS_335",
    name: "Ensure ECS task definitions should not share the host's process namespace",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_task_definition"],
    severity: Severity::High,
    explanation: Explanation {
        what: "No container in an ECS task definition's `container_definitions` sets `pidMode` to `host`.",
        why: "A container in the host's process namespace sees, and may signal or trace, every process on the host.",
        fix: "Remove `pidMode` from the container definitions or set it to `task`.",
        fixed: r#"resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true, pidMode = "task" }
  ])
}"#,
    },
    passing: &[r#"
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true, pidMode = "task" },
    { name = "sidecar", image = "envoyproxy/envoy:v1.31.0", essential = false }
  ])
}"#],
    failing: &[
        r#"
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true },
    { name = "monitor", image = "example/monitor:2.0", essential = false, pidMode = "host" }
  ])
}"#,
        r#"
resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = <<-JSON
    {"name": "monitor", "image": "example/monitor:2.0", "essential": true, "pidMode": "host"}
  JSON
}"#,
    ],
    evaluate: no_host_pid_namespace,
};

fn no_host_pid_namespace(resource: &Resource<'_>) -> Verdict {
    let shares_host_pids =
        |container: &Json| container.get("pidMode").and_then(Json::as_str) == Some("host");
    match containers(resource) {
        // A single container object, as plan files hold it.
        Containers::Single(container) => judge_one(&container, "pidMode", shares_host_pids),
        containers => judge_list(containers, "pidMode", shares_host_pids),
    }
}

static READ_ONLY_ROOT_FILESYSTEM: Check = Check {
    id: "CKV_AWS_336",
    name: "Ensure ECS containers are limited to read-only access to root filesystems",
    kind: EntityKind::Resource,
    resource_types: &["aws_ecs_task_definition"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "Every container in an ECS task definition's `container_definitions` sets `readonlyRootFilesystem` to true.",
        why: "A writable root filesystem lets an intruder change binaries and configuration inside the container and keep a foothold.",
        fix: "Set `readonlyRootFilesystem = true` on each container and mount volumes for the paths it must write.",
        fixed: r#"resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true, readonlyRootFilesystem = true }
  ])
}"#,
    },
    passing: &[
        r#"
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true, readonlyRootFilesystem = true },
    { name = "sidecar", image = "envoyproxy/envoy:v1.31.0", essential = false, readonlyRootFilesystem = true }
  ])
}"#,
        // Values known only after apply elsewhere in the definitions do not hide this one.
        r#"
data "aws_region" "current" {}

resource "aws_ecs_task_definition" "logged" {
  family = "app"
  container_definitions = jsonencode([{
    name                   = "app"
    image                  = "nginx:1.27"
    readonlyRootFilesystem = true
    logConfiguration = {
      logDriver = "awslogs"
      options   = { awslogs-region = data.aws_region.current.name, awslogs-group = "app" }
    }
  }])
}"#,
        r#"
resource "aws_ecs_task_definition" "heredoc" {
  family                = "app"
  container_definitions = <<-JSON
    [
      {"name": "app", "image": "nginx:1.27", "essential": true, "readonlyRootFilesystem": true}
    ]
  JSON
}"#,
        r#"
resource "aws_ecs_task_definition" "single_container" {
  family                = "app"
  container_definitions = <<-JSON
    {"name": "app", "image": "nginx:1.27", "essential": true, "readonlyRootFilesystem": true}
  JSON
}"#,
    ],
    failing: &[
        r#"
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true, readonlyRootFilesystem = true },
    { name = "sidecar", image = "envoyproxy/envoy:v1.31.0", essential = false }
  ])
}"#,
        r#"
resource "aws_ecs_task_definition" "app" {
  family = "app"
  container_definitions = jsonencode([
    { name = "app", image = "nginx:1.27", essential = true, readonlyRootFilesystem = false }
  ])
}"#,
    ],
    evaluate: read_only_root_filesystem,
};

/// As in Checkov, text that is not JSON passes: only decoded containers are judged.
fn read_only_root_filesystem(resource: &Resource<'_>) -> Verdict {
    let writable = |container: &Json| {
        container.is_object()
            && !container
                .get("readonlyRootFilesystem")
                .is_some_and(is_truthy)
    };
    match containers(resource) {
        Containers::Single(container) => judge_one(&container, "readonlyRootFilesystem", writable),
        Containers::Other => Verdict::Passed,
        containers => judge_list(containers, "readonlyRootFilesystem", writable),
    }
}

/// `container_definitions` as Checkov sees it once the JSON text is decoded.
enum Containers {
    /// A non-empty JSON array: one object per container.
    List(Vec<Json>),
    /// A single non-empty JSON object.
    Single(Json),
    /// Absent, null, empty, or JSON that decodes to a false-like value.
    Empty,
    /// Text that is not JSON, or JSON that is neither an array nor an object.
    Other,
    /// Not known before apply.
    Unknown,
}

/// Decodes the task definition's `container_definitions`, usually JSON text from
/// `jsonencode(...)` or a heredoc.
fn containers(resource: &Resource<'_>) -> Containers {
    let json = match resource.get("container_definitions") {
        None | Some(Value::Null) => return Containers::Empty,
        // Text with unknown pieces (see `Value`) decodes when they sit inside JSON strings,
        // as `jsonencode` puts them; the checks then judge the keys they read when those are
        // known.
        Some(Value::String(text)) => match serde_json::from_str::<Json>(text) {
            Ok(json) => json,
            Err(_) if text.contains(is_hole) => return Containers::Unknown,
            Err(_) if text.is_empty() => return Containers::Empty,
            Err(_) => return Containers::Other,
        },
        Some(value) if value.contains_unknown() => return Containers::Unknown,
        Some(value) => to_json(value),
    };
    match json {
        Json::Array(items) if !items.is_empty() => Containers::List(items),
        Json::Object(ref map) if !map.is_empty() => Containers::Single(json),
        json if is_truthy(&json) => Containers::Other,
        _ => Containers::Empty,
    }
}

/// The rule shared by the container checks: Failed when a container in the list matches
/// `forbidden`, Passed when none does, not judged unless the definitions are a list. A
/// container whose `key` is known only after apply matches or not: Unknown, unless another
/// container fails.
fn judge_list(containers: Containers, key: &str, forbidden: impl Fn(&Json) -> bool) -> Verdict {
    match containers {
        Containers::Unknown => Verdict::Unknown,
        Containers::List(items) => {
            let (open, known): (Vec<&Json>, Vec<&Json>) =
                items.iter().partition(|item| reads_hole(item, key));
            if known.into_iter().any(forbidden) {
                Verdict::Failed
            } else if open.is_empty() {
                Verdict::Passed
            } else {
                Verdict::Unknown
            }
        }
        Containers::Single(_) | Containers::Empty | Containers::Other => Verdict::NotApplicable,
    }
}

/// [`judge_list`] for a single container object, as plan files hold it.
fn judge_one(container: &Json, key: &str, forbidden: impl Fn(&Json) -> bool) -> Verdict {
    if reads_hole(container, key) {
        Verdict::Unknown
    } else {
        rules::verdict(!forbidden(container))
    }
}

/// Whether the container's `key` holds text known only after apply.
fn reads_hole(container: &Json, key: &str) -> bool {
    fn holds_hole(json: &Json) -> bool {
        match json {
            Json::String(text) => text.contains(is_hole),
            Json::Array(items) => items.iter().any(holds_hole),
            Json::Object(map) => map.values().any(holds_hole),
            _ => false,
        }
    }
    container.get(key).is_some_and(holds_hole)
}

/// Truth as Checkov (Python) sees a decoded JSON value: null, false, zero and empty values
/// are false.
fn is_truthy(json: &Json) -> bool {
    match json {
        Json::Null => false,
        Json::Bool(flag) => *flag,
        Json::Number(number) => number.as_f64().is_some_and(|number| number != 0.0),
        Json::String(text) => !text.is_empty(),
        Json::Array(items) => !items.is_empty(),
        Json::Object(map) => !map.is_empty(),
    }
}

/// A known value as JSON, for `container_definitions` given as a list rather than as text.
fn to_json(value: &Value) -> Json {
    match value {
        Value::Null | Value::Unknown => Json::Null,
        Value::Bool(flag) => Json::Bool(*flag),
        Value::Number(number) => {
            serde_json::Number::from_f64(*number).map_or(Json::Null, Json::Number)
        }
        Value::String(text) => Json::String(text.clone()),
        Value::List(items) => Json::Array(items.iter().map(to_json).collect()),
        Value::Object(map) => Json::Object(
            map.iter()
                .map(|(key, item)| (String::from(key), to_json(item)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;
    use alloc::vec;

    fn evaluate(check: &Check, attributes: &Value) -> Verdict {
        (check.evaluate)(&Resource {
            kind: EntityKind::Resource,
            resource_type: check.resource_types[0],
            name: "test",
            attributes,
            connections: crate::graph::Connections::NONE,
        })
    }

    fn task(container_definitions: Value) -> Value {
        object([("container_definitions", container_definitions)])
    }

    #[test]
    fn container_checks_follow_checkovs_reading_of_the_json() {
        let checks = [
            &NON_PRIVILEGED_CONTAINERS,
            &NO_HOST_PID_NAMESPACE,
            &READ_ONLY_ROOT_FILESYSTEM,
        ];
        let (passed, failed, not_applicable, unknown) = (
            Verdict::Passed,
            Verdict::Failed,
            Verdict::NotApplicable,
            Verdict::Unknown,
        );
        // Each row: container_definitions, then the verdicts of CKV_AWS_334, 335 and 336.
        let cases = [
            (
                r#"[{"name":"a","readonlyRootFilesystem":true}]"#,
                [passed, passed, passed],
            ),
            (
                r#"[{"name":"a","privilege":true,"pidMode":"host"}]"#,
                [failed, failed, failed],
            ),
            // ECS's own key is not the one Checkov reads.
            (
                r#"[{"name":"a","privileged":true,"readonlyRootFilesystem":1}]"#,
                [passed, passed, passed],
            ),
            (
                r#"[{"name":"a","readonlyRootFilesystem":"false"}]"#,
                [passed, passed, passed],
            ),
            (
                r#"[{"name":"a","readonlyRootFilesystem":true}, "junk"]"#,
                [passed, passed, passed],
            ),
            (r#"{"name":"a","pidMode":"host"}"#, [passed, failed, failed]),
            (
                r#"{"name":"a","privilege":true,"readonlyRootFilesystem":true}"#,
                [failed, passed, passed],
            ),
            ("[]", [not_applicable, not_applicable, not_applicable]),
            ("", [not_applicable, not_applicable, not_applicable]),
            ("not json", [not_applicable, not_applicable, passed]),
        ];
        for (text, expected) in cases {
            let attributes = task(text.into());
            for (check, expected) in checks.iter().zip(expected) {
                assert_eq!(
                    evaluate(check, &attributes),
                    expected,
                    "{} on {text}",
                    check.id
                );
            }
        }
        for check in checks {
            assert_eq!(
                evaluate(check, &task(Value::Unknown)),
                unknown,
                "{}",
                check.id
            );
            assert_eq!(
                evaluate(check, &object::<_, &str>([])),
                not_applicable,
                "{}",
                check.id
            );
        }
    }

    #[test]
    fn container_definitions_may_also_arrive_as_a_list() {
        let containers = Value::List(vec![object([
            ("name", "a".into()),
            ("pidMode", "host".into()),
        ])]);
        assert_eq!(
            evaluate(&NO_HOST_PID_NAMESPACE, &task(containers)),
            Verdict::Failed
        );
        let partly_unknown = Value::List(vec![object([("pidMode", Value::Unknown)])]);
        assert_eq!(
            evaluate(&NO_HOST_PID_NAMESPACE, &task(partly_unknown)),
            Verdict::Unknown
        );
    }

    #[test]
    fn exec_logging_with_cmk_covers_every_branch() {
        let cluster = |execute_command: Value| {
            object([(
                "configuration",
                Value::List(vec![object([(
                    "execute_command_configuration",
                    Value::List(vec![execute_command]),
                )])]),
            )])
        };
        let logs =
            |flag: Value| Value::List(vec![object([("s3_bucket_encryption_enabled", flag)])]);
        let cases = [
            (object([("logging", "NONE".into())]), Verdict::NotApplicable),
            (object([("logging", "DEFAULT".into())]), Verdict::Failed),
            (object([("kms_key_id", Value::Null)]), Verdict::Failed),
            (
                object([
                    ("kms_key_id", "k".into()),
                    ("log_configuration", logs(true.into())),
                ]),
                Verdict::Passed,
            ),
            (
                object([
                    ("kms_key_id", "k".into()),
                    ("log_configuration", logs(false.into())),
                ]),
                Verdict::Failed,
            ),
            (
                object([
                    ("kms_key_id", "k".into()),
                    ("log_configuration", logs(Value::Unknown)),
                ]),
                Verdict::Unknown,
            ),
            (object([("logging", Value::Unknown)]), Verdict::Unknown),
        ];
        for (execute_command, expected) in cases {
            let attributes = cluster(execute_command);
            assert_eq!(
                evaluate(&EXEC_LOGGING_WITH_CMK, &attributes),
                expected,
                "{attributes}"
            );
        }
        assert_eq!(
            evaluate(&EXEC_LOGGING_WITH_CMK, &object::<_, &str>([])),
            Verdict::NotApplicable
        );
    }

    #[test]
    fn container_insights_reads_the_first_matching_setting() {
        let cluster = |settings: Vec<(&str, &str)>| {
            let blocks = settings
                .into_iter()
                .map(|(name, value)| object([("name", name.into()), ("value", value.into())]))
                .collect();
            object([("setting", Value::List(blocks))])
        };
        let check = &CONTAINER_INSIGHTS;
        assert_eq!(
            evaluate(check, &cluster(vec![("containerInsights", "enhanced")])),
            Verdict::Passed
        );
        assert_eq!(
            evaluate(
                check,
                &cluster(vec![("other", "x"), ("containerInsights", "disabled")])
            ),
            Verdict::Failed
        );
        assert_eq!(
            evaluate(
                check,
                &cluster(vec![
                    ("containerInsights", "disabled"),
                    ("containerInsights", "enabled")
                ])
            ),
            Verdict::Failed
        );
    }

    #[test]
    fn roles_and_platform_versions() {
        let roles = |execution: Value, task: Value| {
            object([("execution_role_arn", execution), ("task_role_arn", task)])
        };
        assert_eq!(
            evaluate(&DISTINCT_ROLES, &roles("a".into(), "a".into())),
            Verdict::Failed
        );
        assert_eq!(
            evaluate(&DISTINCT_ROLES, &roles(Value::Null, Value::Null)),
            Verdict::Passed
        );
        assert_eq!(
            evaluate(&DISTINCT_ROLES, &roles("a".into(), Value::Unknown)),
            Verdict::Unknown
        );

        let service = |version: Value| {
            object([
                ("launch_type", "FARGATE".into()),
                ("platform_version", version),
            ])
        };
        assert_eq!(
            evaluate(&FARGATE_LATEST_PLATFORM, &service(Value::Null)),
            Verdict::Failed
        );
        assert_eq!(
            evaluate(&FARGATE_LATEST_PLATFORM, &service("LATEST".into())),
            Verdict::Passed
        );
        let ec2 = object([("launch_type", "EC2".into())]);
        assert_eq!(
            evaluate(&FARGATE_LATEST_PLATFORM, &ec2),
            Verdict::NotApplicable
        );
    }
}
