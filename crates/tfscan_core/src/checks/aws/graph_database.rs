//! Database checks that Checkov writes as graph checks: RDS instances and clusters with their
//! parameter groups, Neptune, ElastiCache and DMS endpoints.

use crate::check::{Check, EntityKind, Explanation, Resource, Severity, Verdict};
use crate::checks::rules::verdict;
use crate::value::Value;

use super::graph_conditions::{
    all_of, any_connected, any_of, contains, equals, equals_ignore_case, has_connected, negate,
    not_equals, values_at, within,
};

/// This group's checks.
pub static CHECKS: &[&Check] = &[
    &AURORA_POSTGRES_QUERY_LOGGING,
    &POSTGRES_QUERY_LOGGING,
    &DMS_ENDPOINT_SSL,
    &REDIS_AUTOMATIC_FAILOVER,
    &NEPTUNE_DELETION_PROTECTION,
    &COPY_TAGS_TO_SNAPSHOT,
    &ENCRYPTION_IN_TRANSIT,
];

/// Whether Checkov's engine filter keeps a database: None when it leaves the database out,
/// Some(Unknown) when the engine cannot be known. Checkov's filter asks whether the engine is
/// part of the text it names (`engine` in `"aurora-postgresql"`), so `aurora`, the MySQL
/// flavour's old name, is kept by the Aurora PostgreSQL rule too.
fn engine_within(database: &Resource<'_>, engines: &str) -> Option<Verdict> {
    match database.get("engine") {
        None | Some(Value::Null) => None,
        Some(value) if value.contains_unknown() => Some(Verdict::Unknown),
        Some(value) => value
            .as_str()
            .is_some_and(|engine| !engine.is_empty() && engines.contains(engine))
            .then_some(Verdict::Passed),
    }
}

// Checkov's catalogue names the parameter group too; its verdicts are on the clusters.
static AURORA_POSTGRES_QUERY_LOGGING: Check = Check {
    id: "CKV2_AWS_27",
    name: "Ensure Postgres RDS as aws_rds_cluster has Query Logging enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_rds_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An Aurora PostgreSQL cluster uses a cluster parameter group of the configuration that sets `log_statement` and `log_min_duration_statement`.",
        why: "Without query logging there is no record of what was run against the database when investigating an incident or a slow query.",
        fix: "Give the cluster a `aws_rds_cluster_parameter_group` that sets both parameters, and name it in `db_cluster_parameter_group_name`.",
        fixed: r#"resource "aws_rds_cluster_parameter_group" "logging" {
  name   = "logging"
  family = "aurora-postgresql15"

  parameter {
    name  = "log_statement"
    value = "ddl"
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}"#,
    },
    passing: &[r#"
resource "aws_rds_cluster_parameter_group" "logging" {
  name   = "logging"
  family = "aurora-postgresql15"

  parameter {
    name  = "log_statement"
    value = "ddl"
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

resource "aws_rds_cluster" "main" {
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.logging.name
}

# Other engines are not judged.
resource "aws_rds_cluster" "mysql" {
  engine = "aurora-mysql"
}"#],
    failing: &[
        r#"
resource "aws_rds_cluster" "main" {
  engine = "aurora-postgresql"
}"#,
        r#"
resource "aws_rds_cluster_parameter_group" "partial" {
  name   = "partial"
  family = "aurora-postgresql15"

  parameter {
    name  = "log_statement"
    value = "all"
  }
}

resource "aws_rds_cluster" "main" {
  engine                          = "aurora-postgresql"
  db_cluster_parameter_group_name = aws_rds_cluster_parameter_group.partial.name
}"#,
    ],
    evaluate: aurora_postgres_query_logging,
};

fn aurora_postgres_query_logging(cluster: &Resource<'_>) -> Verdict {
    let Some(engine) = engine_within(cluster, "aurora-postgresql") else {
        return Verdict::NotApplicable;
    };
    let logging = any_connected(cluster, &["aws_rds_cluster_parameter_group"], |group| {
        all_of([
            contains(group.attributes, "parameter.*.name", "log_statement"),
            contains(
                group.attributes,
                "parameter.*.name",
                "log_min_duration_statement",
            ),
        ])
    });
    // A cluster whose engine is unknown may not be Aurora PostgreSQL: not known to fail.
    if engine == Verdict::Unknown && logging != Verdict::Passed {
        return Verdict::Unknown;
    }
    all_of([engine, logging])
}

// Checkov's catalogue names the parameter group too; its verdicts are on the instances.
static POSTGRES_QUERY_LOGGING: Check = Check {
    id: "CKV2_AWS_30",
    name: "Ensure Postgres RDS as aws_db_instance has Query Logging enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A PostgreSQL RDS instance uses a parameter group of the configuration.",
        why: "Query logging (`log_statement`, `log_min_duration_statement`) is set in a parameter group; the default group logs no queries, leaving no record of what was run against the database.",
        fix: "Give the instance an `aws_db_parameter_group` that sets `log_statement` and `log_min_duration_statement`, and name it in `parameter_group_name`.",
        fixed: r#"resource "aws_db_instance" "main" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.logging.name
}"#,
    },
    passing: &[r#"
resource "aws_db_parameter_group" "logging" {
  name   = "logging"
  family = "postgres15"

  parameter {
    name  = "log_statement"
    value = "ddl"
  }
  parameter {
    name  = "log_min_duration_statement"
    value = "1000"
  }
}

resource "aws_db_instance" "main" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.logging.name
}

# Other engines are not judged.
resource "aws_db_instance" "mysql" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}"#],
    failing: &[r#"
resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}"#],
    evaluate: postgres_query_logging,
};

/// Checkov joins this rule's conditions with "or": once its filters keep PostgreSQL
/// instances, a connection to any `aws_db_parameter_group` passes, whatever parameters the
/// group sets, and the parameter conditions (on the group's type) change nothing.
fn postgres_query_logging(instance: &Resource<'_>) -> Verdict {
    let Some(engine) = engine_within(instance, "postgres") else {
        return Verdict::NotApplicable;
    };
    let connected = has_connected(instance, &["aws_db_parameter_group"]);
    // An instance whose engine is unknown may not be PostgreSQL at all: without a parameter
    // group it is not known to fail.
    if engine == Verdict::Unknown && !connected {
        return Verdict::Unknown;
    }
    all_of([engine, verdict(connected)])
}

static DMS_ENDPOINT_SSL: Check = Check {
    id: "CKV2_AWS_49",
    name: "Ensure AWS Database Migration Service endpoints have SSL configured",
    kind: EntityKind::Resource,
    resource_types: &["aws_dms_endpoint"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "A DMS source or target endpoint does not set `ssl_mode = \"none\"`, unless its engine is one that does not take the setting (S3, DynamoDB, Kinesis and the like).",
        why: "Without SSL the data being migrated crosses the network in clear text, credentials included.",
        fix: "Set `ssl_mode` to `require`, `verify-ca` or `verify-full` on the endpoint.",
        fixed: r#"resource "aws_dms_endpoint" "source" {
  endpoint_id   = "source"
  endpoint_type = "source"
  engine_name   = "postgres"
  ssl_mode      = "verify-full"
}"#,
    },
    passing: &[
        r#"
resource "aws_dms_endpoint" "source" {
  endpoint_id   = "source"
  endpoint_type = "source"
  engine_name   = "postgres"
  ssl_mode      = "require"
}"#,
        r#"
resource "aws_dms_endpoint" "target" {
  endpoint_id   = "target"
  endpoint_type = "target"
  engine_name   = "s3"
  ssl_mode      = "none"
}"#,
    ],
    failing: &[
        r#"
resource "aws_dms_endpoint" "source" {
  endpoint_id   = "source"
  endpoint_type = "source"
  engine_name   = "mysql"
  ssl_mode      = "none"
}"#,
        r#"
resource "aws_dms_endpoint" "target" {
  endpoint_id   = "target"
  endpoint_type = "target"
  engine_name   = "aurora"
  ssl_mode      = "none"
}"#,
    ],
    evaluate: dms_endpoint_ssl,
};

/// Engines whose source endpoints do not take `ssl_mode`, as Checkov lists them.
const SOURCES_WITHOUT_SSL_MODE: &[&str] = &["s3", "azuredb"];
/// Engines whose target endpoints do not take `ssl_mode`, as Checkov lists them.
const TARGETS_WITHOUT_SSL_MODE: &[&str] = &[
    "dynamodb",
    "kinesis",
    "neptune",
    "redshift",
    "s3",
    "elasticsearch",
    "kafka",
];

/// An endpoint without `ssl_mode` passes, as in Checkov's rule (AWS's default is `none`).
fn dms_endpoint_ssl(endpoint: &Resource<'_>) -> Verdict {
    let attributes = endpoint.attributes;
    let ssl = |exempt: &[&str]| {
        any_of([
            within(attributes, "engine_name", exempt),
            not_equals(attributes, "ssl_mode", "none"),
        ])
    };
    any_of([
        all_of([
            equals(attributes, "endpoint_type", "source"),
            ssl(SOURCES_WITHOUT_SSL_MODE),
        ]),
        all_of([
            equals(attributes, "endpoint_type", "target"),
            ssl(TARGETS_WITHOUT_SSL_MODE),
        ]),
    ])
}

static REDIS_AUTOMATIC_FAILOVER: Check = Check {
    id: "CKV2_AWS_50",
    name: "Ensure AWS ElastiCache Redis cluster with Multi-AZ Automatic Failover feature set to enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_elasticache_replication_group"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An ElastiCache replication group has `automatic_failover_enabled = true`.",
        why: "Without automatic failover, the loss of the primary node leaves the cache unwritable until someone promotes a replica by hand.",
        fix: "Set `automatic_failover_enabled = true` (with at least one replica, and ideally `multi_az_enabled = true`).",
        fixed: r#"resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "application cache"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
}"#,
    },
    passing: &[r#"
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "application cache"
  num_cache_clusters         = 2
  automatic_failover_enabled = true
}"#],
    failing: &[
        r#"
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id = "cache"
  description          = "application cache"
}"#,
        r#"
resource "aws_elasticache_replication_group" "cache" {
  replication_group_id       = "cache"
  description                = "application cache"
  automatic_failover_enabled = false
}"#,
    ],
    evaluate: |group| equals(group.attributes, "automatic_failover_enabled", "true"),
};

static NEPTUNE_DELETION_PROTECTION: Check = Check {
    id: "CKV2_AWS_58",
    name: "Ensure AWS Neptune cluster deletion protection is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_neptune_cluster"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "A Neptune cluster has `deletion_protection = true`.",
        why: "Without it, one mistaken `terraform destroy` or console click deletes the database.",
        fix: "Set `deletion_protection = true` on the cluster.",
        fixed: r#"resource "aws_neptune_cluster" "graph" {
  cluster_identifier  = "graph"
  deletion_protection = true
}"#,
    },
    passing: &[r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier  = "graph"
  deletion_protection = true
}"#],
    failing: &[
        r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier = "graph"
}"#,
        r#"
resource "aws_neptune_cluster" "graph" {
  cluster_identifier  = "graph"
  deletion_protection = false
}"#,
    ],
    evaluate: |cluster| equals_ignore_case(cluster.attributes, "deletion_protection", "true"),
};

static COPY_TAGS_TO_SNAPSHOT: Check = Check {
    id: "CKV2_AWS_60",
    name: "Ensure RDS instance with copy tags to snapshots is enabled",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::Low,
    explanation: Explanation {
        what: "An RDS instance has `copy_tags_to_snapshot = true`, and its engine is not `neptune`, `aurora` or `docdb`, whose instances take the setting from their cluster.",
        why: "Snapshots without the instance's tags escape the tag-based access rules, cost reports and retention policies written for it.",
        fix: "Set `copy_tags_to_snapshot = true` on the instance.",
        fixed: r#"resource "aws_db_instance" "main" {
  engine                = "postgres"
  instance_class        = "db.t3.micro"
  allocated_storage     = 20
  copy_tags_to_snapshot = true
}"#,
    },
    passing: &[r#"
resource "aws_db_instance" "main" {
  engine                = "postgres"
  instance_class        = "db.t3.micro"
  allocated_storage     = 20
  copy_tags_to_snapshot = true
}"#],
    failing: &[
        r#"
resource "aws_db_instance" "main" {
  engine            = "postgres"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}"#,
        // Checkov fails these engines whatever the setting.
        r#"
resource "aws_db_instance" "main" {
  engine                = "aurora"
  instance_class        = "db.t3.medium"
  copy_tags_to_snapshot = true
}"#,
    ],
    evaluate: copy_tags_to_snapshot,
};

fn copy_tags_to_snapshot(instance: &Resource<'_>) -> Verdict {
    all_of([
        equals(instance.attributes, "copy_tags_to_snapshot", "true"),
        negate(within(
            instance.attributes,
            "engine",
            &["neptune", "aurora", "docdb"],
        )),
    ])
}

// Checkov's catalogue names the parameter group too; its verdicts are on the instances.
static ENCRYPTION_IN_TRANSIT: Check = Check {
    id: "CKV2_AWS_69",
    name: "Ensure AWS RDS database instance configured with encryption in transit",
    kind: EntityKind::Resource,
    resource_types: &["aws_db_instance"],
    severity: Severity::Medium,
    explanation: Explanation {
        what: "The parameter group of an RDS instance forces encrypted connections for its engine: `rds.force_ssl = 1` for PostgreSQL and SQL Server, `require_secure_transport = 1` for MySQL and MariaDB, `db2comm = SSL` for Db2.",
        why: "Otherwise clients may connect in clear text, exposing queries, results and credentials on the network.",
        fix: "Set the engine's parameter in the instance's `aws_db_parameter_group`.",
        fixed: r#"resource "aws_db_parameter_group" "tls" {
  name   = "tls"
  family = "mysql8.0"

  parameter {
    name  = "require_secure_transport"
    value = "1"
  }
}"#,
    },
    passing: &[
        r#"
resource "aws_db_parameter_group" "tls" {
  name   = "tls"
  family = "postgres15"

  parameter {
    name  = "rds.force_ssl"
    value = "1"
  }
}

resource "aws_db_instance" "main" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.tls.name
}"#,
        // Checkov judges only parameter groups of the configuration.
        r#"
resource "aws_db_instance" "main" {
  engine            = "mysql"
  instance_class    = "db.t3.micro"
  allocated_storage = 20
}"#,
    ],
    failing: &[
        r#"
resource "aws_db_parameter_group" "plain" {
  name   = "plain"
  family = "mysql8.0"

  parameter {
    name  = "character_set_client"
    value = "utf8"
  }
}

resource "aws_db_instance" "main" {
  engine               = "mysql"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.plain.name
}"#,
        r#"
resource "aws_db_parameter_group" "off" {
  name   = "off"
  family = "postgres15"

  parameter {
    name  = "rds.force_ssl"
    value = "0"
  }
}

resource "aws_db_instance" "main" {
  engine               = "postgres"
  instance_class       = "db.t3.micro"
  allocated_storage    = 20
  parameter_group_name = aws_db_parameter_group.off.name
}"#,
    ],
    evaluate: encryption_in_transit,
};

fn encryption_in_transit(instance: &Resource<'_>) -> Verdict {
    if !has_connected(instance, &["aws_db_parameter_group"]) {
        return Verdict::Passed;
    }
    any_connected(instance, &["aws_db_parameter_group"], |group| {
        let family = group.get("family");
        all_of([
            unless_family(
                family,
                is_postgres_or_sql_server,
                group,
                "rds.force_ssl",
                "1",
            ),
            unless_family(
                family,
                is_mysql_or_mariadb,
                group,
                "require_secure_transport",
                "1",
            ),
            unless_family(
                family,
                |family| family.contains("db2-ae"),
                group,
                "db2comm",
                "SSL",
            ),
        ])
    })
}

/// Checkov's family patterns, which it matches from the start of the family name.
fn is_postgres_or_sql_server(family: &str) -> bool {
    family.starts_with("postgres") || family.contains("sqlserver")
}

fn is_mysql_or_mariadb(family: &str) -> bool {
    family.starts_with("mysql") || family.starts_with("mariadb")
}

/// Passed when the group's family is not one `of_family` names, else when every parameter
/// called `name` has the value `expected` and there is one.
fn unless_family(
    family: Option<&Value>,
    of_family: impl Fn(&str) -> bool,
    group: &Resource<'_>,
    name: &str,
    expected: &str,
) -> Verdict {
    match family {
        None | Some(Value::Null) => return Verdict::Passed,
        Some(value) if value.contains_unknown() => return Verdict::Unknown,
        Some(value) if !value.as_str().is_some_and(&of_family) => return Verdict::Passed,
        Some(_) => {}
    }
    let Some(parameters) = group.get("parameter") else {
        return Verdict::Failed;
    };
    if parameters.contains_unknown() && values_at(parameters, "name").is_empty() {
        return Verdict::Unknown;
    }
    let values: alloc::vec::Vec<Verdict> = parameters
        .as_list()
        .unwrap_or_default()
        .iter()
        .filter(|parameter| parameter.get("name").and_then(Value::as_str) == Some(name))
        .map(|parameter| equals(parameter, "value", expected))
        .collect();
    if values.is_empty() {
        return Verdict::Failed;
    }
    all_of(values)
}
