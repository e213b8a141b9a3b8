//! Differences from Checkov 3.3.30 where tfscan follows Terraform and Checkov does not. Each
//! test is named by a reason in crates/tfscan_cli/tests/parity/reasons.tsv, gives a small
//! Terraform input shaped like the corpus rows it explains, says what Terraform does with it
//! and what Checkov 3.3.30 answers (run offline on the same input), and asserts tfscan's
//! answer.

use tfscan_core::{Outcome, ScanOptions};
use tfscan_hcl::InputFile;

/// Every finding of `checks` on `main.tf`: (check, resource, outcome).
fn scan(main: &str, checks: &[&str]) -> Vec<(String, String, Outcome)> {
    scan_files(&[("main.tf", main)], checks)
}

/// Every finding of `checks` on a set of files: (check, resource, outcome).
fn scan_files(files: &[(&str, &str)], checks: &[&str]) -> Vec<(String, String, Outcome)> {
    let files: Vec<InputFile<'_>> = files
        .iter()
        .map(|(path, text)| InputFile {
            path,
            bytes: text.as_bytes(),
        })
        .collect();
    let options = ScanOptions {
        checks: checks.iter().map(ToString::to_string).collect(),
        ..ScanOptions::default()
    };
    let report = tfscan_hcl::scan(&files, &options);
    assert!(
        report.parsing_errors.is_empty(),
        "{:?}",
        report.parsing_errors
    );
    report
        .findings
        .into_iter()
        .map(|finding| {
            (
                finding.check.id().to_string(),
                finding.resource,
                finding.outcome,
            )
        })
        .collect()
}

/// The outcome of `check` on `resource`; fails the test when there is not exactly one.
fn outcome(findings: &[(String, String, Outcome)], check: &str, resource: &str) -> Outcome {
    let matching: Vec<&Outcome> = findings
        .iter()
        .filter(|(id, address, _)| id == check && address == resource)
        .map(|(_, _, outcome)| outcome)
        .collect();
    assert_eq!(
        matching.len(),
        1,
        "{check} on {resource}: expected one finding in {findings:?}"
    );
    matching[0].clone()
}

/// Reason `connected-not-created`. The bucket's logging, encryption and lifecycle resources
/// have `count = 0` (the module's inputs are empty maps), so Terraform creates none of them:
/// the bucket is not logged, has no lifecycle rules, and keeps S3's default encryption.
/// Checkov ignores `count` when it links resources and judges the bucket by the resources it
/// would have had: CKV_AWS_18 and CKV2_AWS_61 pass, CKV_AWS_19 fails on the empty
/// encryption resource. The same holds for a VPC whose `aws_flow_log` has `count = 0`.
#[test]
fn connected_resources_with_count_zero_do_not_count() {
    let main = r#"
variable "logging" {
  type    = any
  default = {}
}

variable "encryption" {
  type    = any
  default = {}
}

variable "lifecycle_rules" {
  type    = any
  default = []
}

resource "aws_s3_bucket" "this" {
  count  = 1
  bucket = "example"
}

resource "aws_s3_bucket_logging" "this" {
  count         = length(keys(var.logging)) > 0 ? 1 : 0
  bucket        = aws_s3_bucket.this[0].id
  target_bucket = var.logging["target_bucket"]
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  count  = length(keys(var.encryption)) > 0 ? 1 : 0
  bucket = aws_s3_bucket.this[0].id

  dynamic "rule" {
    for_each = try(flatten([var.encryption["rule"]]), [])
    content {
      apply_server_side_encryption_by_default {
        sse_algorithm = rule.value.sse_algorithm
      }
    }
  }
}

resource "aws_s3_bucket_lifecycle_configuration" "this" {
  count  = length(var.lifecycle_rules) > 0 ? 1 : 0
  bucket = aws_s3_bucket.this[0].id

  rule {
    id     = "expire"
    status = "Enabled"
  }
}

variable "flow_log" {
  default = false
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_flow_log" "this" {
  count        = var.flow_log ? 1 : 0
  vpc_id       = aws_vpc.this.id
  traffic_type = "ALL"
}
"#;
    let findings = scan(
        main,
        &["CKV_AWS_18", "CKV_AWS_19", "CKV2_AWS_61", "CKV2_AWS_11"],
    );
    let bucket = "aws_s3_bucket.this[0]";
    assert_eq!(outcome(&findings, "CKV_AWS_18", bucket), Outcome::Failed);
    assert_eq!(outcome(&findings, "CKV2_AWS_61", bucket), Outcome::Failed);
    assert_eq!(outcome(&findings, "CKV_AWS_19", bucket), Outcome::Passed);
    assert_eq!(
        outcome(&findings, "CKV2_AWS_11", "aws_vpc.this"),
        Outcome::Failed
    );
}

/// Reason `unevaluated-expression`. Terraform evaluates the module's `try(...)` chain to
/// `"Enabled"` (checked with `terraform console`: `var.versioning["enabled"]` does not exist,
/// so the second alternative, `tobool(true) ? "Enabled" : "Suspended"`, is taken), and
/// expands the nested dynamic blocks fed by `try(flatten([...]), [])` into one rule whose
/// algorithm is `aws:kms`. Checkov 3.3.30 evaluates neither and fails CKV_AWS_21 and
/// CKV_AWS_19 on the text of the expressions.
#[test]
fn try_chains_and_nested_dynamic_blocks_evaluate() {
    let main = r#"
variable "versioning" {
  type    = any
  default = { status = true, mfa_delete = false }
}

variable "encryption" {
  type = any
  default = {
    rule = {
      apply_server_side_encryption_by_default = {
        sse_algorithm = "aws:kms"
      }
    }
  }
}

resource "aws_s3_bucket" "this" {
  bucket = "example"
}

resource "aws_s3_bucket_versioning" "this" {
  bucket = aws_s3_bucket.this.id

  versioning_configuration {
    status = try(var.versioning["enabled"] ? "Enabled" : "Suspended", tobool(var.versioning["status"]) ? "Enabled" : "Suspended", title(lower(var.versioning["status"])), "Enabled")
  }
}

resource "aws_s3_bucket_server_side_encryption_configuration" "this" {
  bucket = aws_s3_bucket.this.id

  dynamic "rule" {
    for_each = try(flatten([var.encryption["rule"]]), [])
    content {
      dynamic "apply_server_side_encryption_by_default" {
        for_each = try([rule.value.apply_server_side_encryption_by_default], [])
        content {
          sse_algorithm = apply_server_side_encryption_by_default.value.sse_algorithm
        }
      }
    }
  }
}
"#;
    let findings = scan(main, &["CKV_AWS_19", "CKV_AWS_21"]);
    assert_eq!(
        outcome(&findings, "CKV_AWS_21", "aws_s3_bucket.this"),
        Outcome::Passed
    );
    let url = scan(LAMBDA_URL, &["CKV2_AWS_75"]);
    assert_eq!(
        outcome(&url, "CKV2_AWS_75", "aws_lambda_function.this"),
        Outcome::Failed
    );
    assert_eq!(
        outcome(&findings, "CKV_AWS_19", "aws_s3_bucket.this"),
        Outcome::Passed
    );
}

/// A function URL whose CORS rule comes from `try(cors.value.allow_origins, null)` in a dynamic
/// block: Terraform gives `["*"]`, any origin (CKV2_AWS_75 fails); Checkov 3.3.30 does not
/// evaluate the `try()` and passes.
const LAMBDA_URL: &str = r#"
variable "cors" {
  type = any
  default = {
    allow_origins = ["*"]
    allow_methods = ["*"]
  }
}

resource "aws_lambda_function" "this" {
  function_name = "example"
  role          = "arn:aws:iam::111122223333:role/example"
  runtime       = "python3.12"
  handler       = "index.handler"
  filename      = "function.zip"
}

resource "aws_lambda_function_url" "this" {
  function_name      = aws_lambda_function.this.function_name
  authorization_type = "AWS_IAM"

  dynamic "cors" {
    for_each = length(keys(var.cors)) == 0 ? [] : [var.cors]
    content {
      allow_origins = try(cors.value.allow_origins, null)
      allow_methods = try(cors.value.allow_methods, null)
    }
  }
}
"#;

/// Reason `empty-dynamic-block`. A dynamic block whose `for_each` is empty makes no block in
/// Terraform, so this default security group has no rules at all and restricts all traffic.
/// Checkov 3.3.30 keeps the `content` of the dynamic block as if it were one rule and fails
/// CKV2_AWS_12 on the VPC.
#[test]
fn dynamic_blocks_with_empty_for_each_make_no_block() {
    let main = r#"
variable "ingress" {
  type    = list(map(string))
  default = []
}

resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}

resource "aws_default_security_group" "this" {
  vpc_id = aws_vpc.this.id

  dynamic "ingress" {
    for_each = var.ingress
    content {
      from_port = lookup(ingress.value, "from_port", 0)
      to_port   = lookup(ingress.value, "to_port", 0)
      protocol  = lookup(ingress.value, "protocol", "-1")
    }
  }
}
"#;
    let findings = scan(main, &["CKV2_AWS_12"]);
    assert_eq!(
        outcome(&findings, "CKV2_AWS_12", "aws_vpc.this"),
        Outcome::Passed
    );
}

/// Reason `policy-document-reference`. `data.aws_iam_policy_document.x.json` is known at plan
/// time: the provider renders the document locally from the block's arguments, which are all
/// known here. Checkov 3.3.30 leaves such a reference (with or without an index) unresolved
/// in a policy resource and reports nothing for its IAM checks, or passes a check that passes
/// what it cannot read. tfscan renders the document: only `logs:` actions on one log group,
/// so every IAM check passes; and a trust policy that lets a whole account assume the role,
/// so CKV_AWS_61 fails (Checkov passes it).
#[test]
fn policy_resources_see_the_document_they_reference() {
    let main = r#"
locals {
  log_group_arn = "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/example"
}

data "aws_iam_policy_document" "logs" {
  count = 1

  statement {
    effect    = "Allow"
    actions   = ["logs:CreateLogStream", "logs:PutLogEvents"]
    resources = ["${local.log_group_arn}:*"]
  }
}

resource "aws_iam_role_policy" "logs" {
  name   = "logs"
  role   = "example"
  policy = data.aws_iam_policy_document.logs[0].json
}

data "aws_iam_policy_document" "assume_role" {
  count = 1

  statement {
    effect  = "Allow"
    actions = ["sts:AssumeRole"]

    principals {
      type        = "AWS"
      identifiers = ["arn:aws:iam::111122223333:root"]
    }
  }
}

resource "aws_iam_role" "lambda" {
  name               = "example"
  assume_role_policy = data.aws_iam_policy_document.assume_role[0].json
}
"#;
    let checks = [
        "CKV2_AWS_40",
        "CKV_AWS_286",
        "CKV_AWS_287",
        "CKV_AWS_288",
        "CKV_AWS_289",
        "CKV_AWS_290",
        "CKV_AWS_355",
    ];
    let findings = scan(main, &checks);
    for check in checks {
        assert_eq!(
            outcome(&findings, check, "aws_iam_role_policy.logs"),
            Outcome::Passed,
            "{check}"
        );
    }
    let findings = scan(main, &["CKV_AWS_61"]);
    assert_eq!(
        outcome(&findings, "CKV_AWS_61", "aws_iam_role.lambda"),
        Outcome::Failed
    );

    // The s3-bucket module's shape: the bucket policy is a local that fills placeholders of
    // the rendered document with the bucket's ARN (known at apply) by replace(). Terraform
    // knows everything but the ARN, which is no wildcard; the policy lets only the S3 service
    // put objects, so no action is open to any principal (CKV_AWS_70) and nothing locks the
    // account out (CKV_AWS_93). Checkov 3.3.30 reads the local as text and gives no
    // CKV_AWS_70 row.
    let bucket = r#"
data "aws_caller_identity" "current" {}

resource "aws_s3_bucket" "this" {
  bucket = "inventory"
}

data "aws_iam_policy_document" "inventory" {
  statement {
    sid       = "destinationInventoryPolicy"
    actions   = ["s3:PutObject"]
    resources = ["_BUCKET_ARN_/*"]

    principals {
      type        = "Service"
      identifiers = ["s3.amazonaws.com"]
    }

    condition {
      test     = "StringEquals"
      variable = "aws:SourceAccount"
      values   = [data.aws_caller_identity.current.account_id]
    }
  }
}

locals {
  policy = replace(data.aws_iam_policy_document.inventory.json, "_BUCKET_ARN_", aws_s3_bucket.this.arn)
}

resource "aws_s3_bucket_policy" "this" {
  bucket = aws_s3_bucket.this.id
  policy = local.policy
}
"#;
    let findings = scan(bucket, &["CKV_AWS_70", "CKV_AWS_93"]);
    for check in ["CKV_AWS_70", "CKV_AWS_93"] {
        assert_eq!(
            outcome(&findings, check, "aws_s3_bucket_policy.this"),
            Outcome::Passed,
            "{check}"
        );
    }
}

/// Reason `count-index-unresolved`. With `count = 1`, `var.policy_jsons[count.index]` is the
/// first element of the list, a policy that allows `xray:*` on every resource, and
/// `var.policies[count.index]` is a read-only managed policy. Checkov 3.3.30 does not
/// substitute `count.index`: it reports nothing for these resources, or judges the text (the
/// rule built from `var.rules[var.egress_rules[count.index]]`, which Terraform makes an
/// egress of every protocol to 0.0.0.0/0, passes CKV_AWS_382). tfscan judges the element: no
/// IAM or full access (CKV2_AWS_40 passes), but write actions without a resource constraint
/// (CKV_AWS_290 and CKV_AWS_355 fail), no `IAMFullAccess` (CKV2_AWS_56 passes), and an
/// egress open to the world (CKV_AWS_382 fails).
#[test]
fn count_index_selects_the_element() {
    let main = r#"
variable "policy_jsons" {
  default = [<<-EOT
    {
      "Version": "2012-10-17",
      "Statement": [
        { "Effect": "Allow", "Action": ["xray:*"], "Resource": ["*"] }
      ]
    }
  EOT
  ]
}

variable "policies" {
  default = ["arn:aws:iam::aws:policy/AWSXrayReadOnlyAccess"]
}

resource "aws_iam_role_policy" "additional_jsons" {
  count  = 1
  name   = "additional-${count.index}"
  role   = "example"
  policy = var.policy_jsons[count.index]
}

resource "aws_iam_role_policy_attachment" "additional_many" {
  count      = 1
  role       = "example"
  policy_arn = var.policies[count.index]
}

variable "rules" {
  default = {
    "all-all" = [-1, -1, "-1", "All protocols"]
  }
}

variable "egress_rules" {
  default = ["all-all"]
}

resource "aws_security_group_rule" "egress_rules" {
  count             = length(var.egress_rules)
  security_group_id = "sg-0123456789abcdef0"
  type              = "egress"
  cidr_blocks       = ["0.0.0.0/0"]
  description       = var.rules[var.egress_rules[count.index]][3]
  from_port         = var.rules[var.egress_rules[count.index]][0]
  to_port           = var.rules[var.egress_rules[count.index]][1]
  protocol          = var.rules[var.egress_rules[count.index]][2]
}
"#;
    let findings = scan(
        main,
        &[
            "CKV2_AWS_40",
            "CKV_AWS_290",
            "CKV_AWS_355",
            "CKV2_AWS_56",
            "CKV_AWS_382",
        ],
    );
    assert_eq!(
        outcome(
            &findings,
            "CKV_AWS_382",
            "aws_security_group_rule.egress_rules[0]"
        ),
        Outcome::Failed
    );
    let policy = "aws_iam_role_policy.additional_jsons[0]";
    assert_eq!(outcome(&findings, "CKV2_AWS_40", policy), Outcome::Passed);
    assert_eq!(outcome(&findings, "CKV_AWS_290", policy), Outcome::Failed);
    assert_eq!(outcome(&findings, "CKV_AWS_355", policy), Outcome::Failed);
    assert_eq!(
        outcome(
            &findings,
            "CKV2_AWS_56",
            "aws_iam_role_policy_attachment.additional_many[0]"
        ),
        Outcome::Passed
    );
}

/// Reason `role-name-unresolved`. Whether a role has `IAMFullAccess` attached depends on its
/// `managed_policy_arns` only; a role with none passes whatever its name. Checkov 3.3.30's
/// rule also tests the `name` of `aws_iam_policy` data sources, and reads that condition on
/// every vertex: a role whose own `name` interpolates a value it cannot resolve (an account
/// ID, a `random_pet`) makes the whole check unknown, and Checkov reports nothing.
#[test]
fn a_role_name_does_not_decide_iam_full_access() {
    let main = r#"
data "aws_caller_identity" "current" {}

resource "aws_iam_role" "app" {
  name = "${data.aws_caller_identity.current.account_id}-app"

  assume_role_policy = jsonencode({
    Version = "2012-10-17"
    Statement = [{
      Effect    = "Allow"
      Action    = "sts:AssumeRole"
      Principal = { Service = "lambda.amazonaws.com" }
    }]
  })
}
"#;
    let findings = scan(main, &["CKV2_AWS_56"]);
    assert_eq!(
        outcome(&findings, "CKV2_AWS_56", "aws_iam_role.app"),
        Outcome::Passed
    );
}

/// Reason `policy-document-unevaluated`. Terraform evaluates `compact([...])` over a
/// conditional to the list of non-empty action names (here `logs:CreateLogGroup`,
/// `logs:CreateLogStream`, `logs:PutLogEvents`). Checkov 3.3.30 keeps the expression as text;
/// its policy analysis then raises, and the check ends UNKNOWN, which Checkov does not
/// report. tfscan judges the three log actions: none exposes credentials, exfiltrates data,
/// manages permissions, is IAM-wide or has `*` as its resource.
#[test]
fn computed_action_lists_are_judged() {
    let main = r#"
variable "use_existing_log_group" {
  default = false
}

data "aws_iam_policy_document" "logs" {
  count = 1

  statement {
    effect = "Allow"
    actions = compact([
      !var.use_existing_log_group ? "logs:CreateLogGroup" : "",
      "logs:CreateLogStream",
      "logs:PutLogEvents",
    ])
    resources = flatten([for _, v in ["%v:*", "%v:*:*"] : format(v, "arn:aws:logs:eu-west-1:111122223333:log-group:/aws/lambda/example")])
  }
}
"#;
    let checks = [
        "CKV_AWS_107",
        "CKV_AWS_108",
        "CKV_AWS_109",
        "CKV_AWS_110",
        "CKV_AWS_356",
        "CKV2_AWS_40",
    ];
    let findings = scan(main, &checks);
    for check in checks {
        assert_eq!(
            outcome(&findings, check, "aws_iam_policy_document.logs[0]"),
            Outcome::Passed,
            "{check}"
        );
    }
}

/// Reason `policy-document-dynamic-statement`. Terraform expands `dynamic "statement"` blocks
/// in an `aws_iam_policy_document` as in any block: here one statement allowing `kms:*` on
/// `*`, which gives write and permissions-management actions without a resource constraint.
/// Checkov 3.3.30's data checks do not expand dynamic blocks in this data source, see no
/// statement and pass.
#[test]
fn dynamic_statements_of_a_policy_document_are_expanded() {
    let main = r#"
variable "enable_default_policy" {
  default = true
}

data "aws_iam_policy_document" "this" {
  dynamic "statement" {
    for_each = var.enable_default_policy ? [1] : []
    content {
      sid       = "Default"
      actions   = ["kms:*"]
      resources = ["*"]

      principals {
        type        = "AWS"
        identifiers = ["arn:aws:iam::111122223333:root"]
      }
    }
  }
}
"#;
    let findings = scan(main, &["CKV_AWS_111", "CKV_AWS_356", "CKV_AWS_109"]);
    for check in ["CKV_AWS_111", "CKV_AWS_356", "CKV_AWS_109"] {
        assert_eq!(
            outcome(&findings, check, "aws_iam_policy_document.this"),
            Outcome::Failed,
            "{check}"
        );
    }
}

/// Reason `indirect-connection`. The service's security group reaches `aws_ecs_service`
/// through a local built with `try()` and `concat()`, and a bucket made by one module call is
/// given to another module's `aws_s3_bucket_notification` through a module output. Terraform
/// attaches the group to the service and configures notifications on the bucket all the same,
/// so CKV2_AWS_5 and CKV2_AWS_62 pass. Checkov 3.3.30 does not trace these references and
/// fails both (and passes a database whose parameter group comes through a module output).
#[test]
fn connections_through_locals_and_module_outputs_count() {
    let main = r#"
variable "security_group_ids" {
  default = []
}

locals {
  network_configuration = {
    security_groups = flatten(concat([try(aws_security_group.this[0].id, [])], var.security_group_ids))
    subnets         = ["subnet-0123456789abcdef0"]
  }
}

resource "aws_security_group" "this" {
  count  = 1
  name   = "service"
  vpc_id = "vpc-0123456789abcdef0"
}

resource "aws_ecs_service" "this" {
  name = "service"

  dynamic "network_configuration" {
    for_each = [local.network_configuration]
    content {
      security_groups = network_configuration.value.security_groups
      subnets         = network_configuration.value.subnets
    }
  }
}

module "bucket" {
  source = "./bucket"
}

module "notifications" {
  source = "./notification"
  bucket = module.bucket.id
}
"#;
    let bucket = r#"
resource "aws_s3_bucket" "this" {
  bucket = "example"
}

output "id" {
  value = aws_s3_bucket.this.id
}
"#;
    let notification = r#"
variable "bucket" {}

resource "aws_s3_bucket_notification" "this" {
  bucket      = var.bucket
  eventbridge = true
}
"#;
    let findings = scan_files(
        &[
            ("main.tf", main),
            ("bucket/main.tf", bucket),
            ("notification/main.tf", notification),
        ],
        &["CKV2_AWS_5", "CKV2_AWS_62"],
    );
    assert_eq!(
        outcome(&findings, "CKV2_AWS_5", "aws_security_group.this[0]"),
        Outcome::Passed
    );
    assert_eq!(
        outcome(&findings, "CKV2_AWS_62", "module.bucket.aws_s3_bucket.this"),
        Outcome::Passed
    );

    // A Postgres instance in one module uses the parameter group made by another, given
    // through a module output: the group does not set `rds.force_ssl = 1`, so the instance
    // accepts unencrypted connections (CKV2_AWS_69 fails). Checkov 3.3.30 sees no connected
    // parameter group and passes.
    let main = r#"
module "parameter_group" {
  source = "./pg"
}

module "db" {
  source               = "./db"
  parameter_group_name = module.parameter_group.id
}
"#;
    let parameter_group = r#"
resource "aws_db_parameter_group" "this" {
  name   = "example"
  family = "postgres17"

  parameter {
    name  = "autovacuum"
    value = 1
  }
}

output "id" {
  value = aws_db_parameter_group.this.id
}
"#;
    let instance = r#"
variable "parameter_group_name" {}

resource "aws_db_instance" "this" {
  identifier           = "example"
  engine               = "postgres"
  instance_class       = "db.t4g.large"
  parameter_group_name = var.parameter_group_name
}
"#;
    let findings = scan_files(
        &[
            ("main.tf", main),
            ("pg/main.tf", parameter_group),
            ("db/main.tf", instance),
        ],
        &["CKV2_AWS_69"],
    );
    assert_eq!(
        outcome(&findings, "CKV2_AWS_69", "module.db.aws_db_instance.this"),
        Outcome::Failed
    );
}

/// The module call of the `for_each` and `optional()` tests below: a load balancer module
/// shaped like terraform-aws-alb, with listeners, security group rules and Lambda permissions
/// made per key of a map given by the caller.
const LB_CALL: &str = r#"
module "lb" {
  source = "./lb"

  access_logs = {
    bucket = "example-logs"
  }

  listeners = {
    http = {
      port     = 81
      protocol = "HTTP"
    }
    https = {
      port     = 443
      protocol = "HTTPS"
    }
  }

  ingress_rules = {
    http = {
      from_port = 80
      to_port   = 80
      cidr_ipv4 = "0.0.0.0/0"
    }
  }

  egress_rules = {
    all = {
      ip_protocol = "-1"
      cidr_ipv4   = "10.0.0.0/16"
    }
  }

  allowed_triggers = {
    Config = {
      principal = "config.amazonaws.com"
    }
    Api = {
      service    = "apigateway"
      source_arn = "arn:aws:execute-api:eu-west-1:111122223333:abcdef0123/*/*/*"
    }
  }
}
"#;

const LB_MODULE: &str = r#"
variable "create" {
  default = true
}

variable "access_logs" {
  type = object({
    bucket  = string
    enabled = optional(bool, true)
    prefix  = optional(string)
  })
  default = null
}

variable "listeners" {
  type = map(object({
    port     = number
    protocol = string
  }))
  default = {}
}

variable "ingress_rules" {
  type = map(object({
    from_port   = number
    to_port     = number
    cidr_ipv4   = optional(string)
    description = optional(string)
  }))
  default = {}
}

variable "egress_rules" {
  type = map(object({
    ip_protocol = string
    cidr_ipv4   = optional(string)
    description = optional(string)
  }))
  default = {}
}

variable "allowed_triggers" {
  type    = map(any)
  default = {}
}

resource "aws_lb" "this" {
  name = "example"

  dynamic "access_logs" {
    for_each = var.access_logs != null ? [var.access_logs] : []
    content {
      bucket  = access_logs.value.bucket
      enabled = access_logs.value.enabled
      prefix  = access_logs.value.prefix
    }
  }
}

resource "aws_lb_listener" "this" {
  for_each = { for k, v in var.listeners : k => v if var.create }

  load_balancer_arn = aws_lb.this.arn
  port              = each.value.port
  protocol          = each.value.protocol
  certificate_arn   = each.value.protocol == "HTTPS" ? "arn:aws:acm:eu-west-1:111122223333:certificate/example" : null
  ssl_policy        = each.value.protocol == "HTTPS" ? "ELBSecurityPolicy-TLS13-1-2-2021-06" : null

  default_action {
    type             = "forward"
    target_group_arn = "arn:aws:elasticloadbalancing:eu-west-1:111122223333:targetgroup/example/0123456789abcdef"
  }
}

resource "aws_security_group" "this" {
  name = "lb"
}

resource "aws_vpc_security_group_ingress_rule" "this" {
  for_each = { for k, v in var.ingress_rules : k => v if var.create }

  security_group_id = aws_security_group.this.id
  ip_protocol       = "tcp"
  from_port         = each.value.from_port
  to_port           = each.value.to_port
  cidr_ipv4         = each.value.cidr_ipv4
  description       = "web"
}

resource "aws_vpc_security_group_egress_rule" "this" {
  for_each = { for k, v in var.egress_rules : k => v if var.create }

  security_group_id = aws_security_group.this.id
  ip_protocol       = each.value.ip_protocol
  cidr_ipv4         = each.value.cidr_ipv4
  description       = each.value.description
}

resource "aws_lambda_permission" "triggers" {
  for_each = { for k, v in var.allowed_triggers : k => v if var.create }

  function_name = "example"
  action        = try(each.value.action, "lambda:InvokeFunction")
  principal     = try(each.value.principal, format("%s.amazonaws.com", try(each.value.service, "")))
  source_arn    = try(each.value.source_arn, null)
}
"#;

/// Reason `for-each-unexpanded`. Terraform makes one instance per key of a `for_each` map
/// built by a `for` expression over a module input, each with its own values: the `http`
/// listener forwards plain HTTP (CKV_AWS_2 and CKV_AWS_103 fail), the `https` listener uses
/// TLS 1.3 (both pass); the ingress rule opens port 80 to 0.0.0.0/0 (CKV_AWS_260 fails); the
/// egress rule's `description` is an optional attribute left out, so null, so the rule has no
/// description (CKV_AWS_23 fails); the `Config` permission names a service principal without
/// `source_arn` (null is no argument: CKV_AWS_364 fails) while `Api` has one. Checkov 3.3.30
/// does not expand such a `for_each`: it reports the block once, judging the text
/// `each.value.protocol` (CKV_AWS_2 and CKV_AWS_103 fail) or `each.value.description` (passes),
/// and reports nothing where the text decides nothing (CKV_AWS_364).
#[test]
fn for_each_instances_are_judged_one_by_one() {
    let findings = scan_files(
        &[("main.tf", LB_CALL), ("lb/main.tf", LB_MODULE)],
        &[
            "CKV_AWS_2",
            "CKV_AWS_103",
            "CKV_AWS_23",
            "CKV_AWS_260",
            "CKV_AWS_364",
        ],
    );
    let listener = |key: &str| format!("module.lb.aws_lb_listener.this[\"{key}\"]");
    for check in ["CKV_AWS_2", "CKV_AWS_103"] {
        assert_eq!(
            outcome(&findings, check, &listener("http")),
            Outcome::Failed
        );
        assert_eq!(
            outcome(&findings, check, &listener("https")),
            Outcome::Passed
        );
    }
    assert_eq!(
        outcome(
            &findings,
            "CKV_AWS_260",
            "module.lb.aws_vpc_security_group_ingress_rule.this[\"http\"]"
        ),
        Outcome::Failed
    );
    assert_eq!(
        outcome(
            &findings,
            "CKV_AWS_23",
            "module.lb.aws_vpc_security_group_egress_rule.this[\"all\"]"
        ),
        Outcome::Failed
    );
    let permission = |key: &str| format!("module.lb.aws_lambda_permission.triggers[\"{key}\"]");
    assert_eq!(
        outcome(&findings, "CKV_AWS_364", &permission("Config")),
        Outcome::Failed
    );
    assert_eq!(
        outcome(&findings, "CKV_AWS_364", &permission("Api")),
        Outcome::Passed
    );

    // The alb module's permission for Lambda targets: the principal defaults to the load
    // balancing service of the partition (its DNS suffix known at apply), never `*`; a target
    // that names `*` fails. Checkov 3.3.30 judges `each.value` as text and gives no row.
    let lambda_targets = r#"
data "aws_partition" "current" {}

variable "target_groups" {
  default = {
    lambda = { lambda_function_name = "handler" }
    public = { lambda_function_name = "handler", lambda_principal = "*" }
  }
}

resource "aws_lambda_permission" "this" {
  for_each = var.target_groups

  function_name = each.value.lambda_function_name
  action        = "lambda:InvokeFunction"
  principal     = coalesce(try(each.value.lambda_principal, null), "elasticloadbalancing.${try(data.aws_partition.current.dns_suffix, "")}")
}
"#;
    let findings = scan(lambda_targets, &["CKV_AWS_301"]);
    assert_eq!(
        outcome(
            &findings,
            "CKV_AWS_301",
            "aws_lambda_permission.this[\"lambda\"]"
        ),
        Outcome::Passed
    );
    assert_eq!(
        outcome(
            &findings,
            "CKV_AWS_301",
            "aws_lambda_permission.this[\"public\"]"
        ),
        Outcome::Failed
    );

    // The alb module's DNS records, one per key: the `A` record is an alias of the load
    // balancer (CKV2_AWS_23 passes), the `AAAA` record is not an A record (not judged).
    // Checkov 3.3.30 reads `type = each.value.type` as text, which is not "A": no row.
    let records = r#"
resource "aws_lb" "this" {
  count = 1
  name  = "web"
}

variable "route53_records" {
  default = {
    A    = { type = "A", zone_id = "Z0123456789" }
    AAAA = { type = "AAAA", zone_id = "Z0123456789" }
  }
}

resource "aws_route53_record" "this" {
  for_each = var.route53_records

  zone_id = each.value.zone_id
  name    = each.key
  type    = each.value.type

  alias {
    name                   = aws_lb.this[0].dns_name
    zone_id                = aws_lb.this[0].zone_id
    evaluate_target_health = true
  }
}
"#;
    let findings = scan(records, &["CKV2_AWS_23"]);
    assert_eq!(
        outcome(&findings, "CKV2_AWS_23", "aws_route53_record.this[\"A\"]"),
        Outcome::Passed
    );
    assert!(!findings
        .iter()
        .any(|(_, resource, _)| resource == "aws_route53_record.this[\"AAAA\"]"));
}

/// Reason `optional-default`. The caller gives `access_logs = { bucket = ... }`; the module's
/// variable is typed `object({ bucket = string, enabled = optional(bool, true), ... })`, so
/// Terraform fills `enabled = true` and the load balancer writes access logs (CKV_AWS_91
/// passes). Checkov 3.3.30 does not apply `optional()` defaults, reads `enabled` as null and
/// fails.
#[test]
fn optional_attribute_defaults_apply() {
    let findings = scan_files(
        &[("main.tf", LB_CALL), ("lb/main.tf", LB_MODULE)],
        &["CKV_AWS_91"],
    );
    assert_eq!(
        outcome(&findings, "CKV_AWS_91", "module.lb.aws_lb.this"),
        Outcome::Passed
    );
}

/// Reason `value-check-beside-dynamic-block`. The repository's `image_tag_mutability` is
/// `IMMUTABLE_WITH_EXCLUSION`, given by the module's caller, so tags matching the exclusion
/// filters can be overwritten and the repository is not immutable as Checkov's rule wants
/// (`IMMUTABLE` only). Checkov 3.3.30 fails this value when the resource has no other block,
/// but ends UNKNOWN, and reports nothing, when a `dynamic "image_tag_mutability_exclusion_filter"`
/// block sits beside the attribute in a module. tfscan judges the attribute.
#[test]
fn a_dynamic_block_does_not_hide_the_attribute_beside_it() {
    let main = r#"
module "ecr" {
  source     = "./ecr"
  mutability = "IMMUTABLE_WITH_EXCLUSION"
  exclusion_filters = [
    { filter = "latest*", filter_type = "WILDCARD" },
    { filter = "dev-*", filter_type = "WILDCARD" },
  ]
}
"#;
    let module = r#"
variable "mutability" {
  type    = string
  default = "IMMUTABLE"
}

variable "exclusion_filters" {
  type    = list(object({ filter = string, filter_type = string }))
  default = null
}

resource "aws_ecr_repository" "this" {
  count                = 1
  name                 = "example"
  image_tag_mutability = var.mutability

  dynamic "image_tag_mutability_exclusion_filter" {
    for_each = var.exclusion_filters != null ? var.exclusion_filters : []
    content {
      filter      = image_tag_mutability_exclusion_filter.value.filter
      filter_type = image_tag_mutability_exclusion_filter.value.filter_type
    }
  }
}
"#;
    let findings = scan_files(
        &[("main.tf", main), ("ecr/main.tf", module)],
        &["CKV_AWS_51"],
    );
    assert_eq!(
        outcome(
            &findings,
            "CKV_AWS_51",
            "module.ecr.aws_ecr_repository.this[0]"
        ),
        Outcome::Failed
    );
}

/// Reason `count-index-unresolved`, network ACL rules made from a list with `count`: the rule
/// at `count.index` 1 allows SSH from 0.0.0.0/0, so that instance fails CKV_AWS_232 while the
/// HTTP rule passes. Checkov 3.3.30 does not substitute `count.index` and passes both on the
/// text of the expressions. The same holds when whether the rules are created at all is known
/// only after apply (the vpc module creates them when it has public subnets, counted from the
/// availability zones a data source reads): if the rules exist, they are these, so tfscan
/// judges them.
#[test]
fn count_index_selects_each_acl_rule() {
    let main = r#"
variable "inbound_acl_rules" {
  default = [
    { rule_number = 100, rule_action = "allow", from_port = 80, to_port = 80, protocol = "tcp", cidr_block = "0.0.0.0/0" },
    { rule_number = 110, rule_action = "allow", from_port = 22, to_port = 22, protocol = "tcp", cidr_block = "0.0.0.0/0" },
  ]
}

resource "aws_network_acl_rule" "inbound" {
  count = length(var.inbound_acl_rules)

  network_acl_id = "acl-0123456789abcdef0"
  egress         = false
  rule_number    = var.inbound_acl_rules[count.index]["rule_number"]
  rule_action    = var.inbound_acl_rules[count.index]["rule_action"]
  from_port      = lookup(var.inbound_acl_rules[count.index], "from_port", null)
  to_port        = lookup(var.inbound_acl_rules[count.index], "to_port", null)
  protocol       = var.inbound_acl_rules[count.index]["protocol"]
  cidr_block     = lookup(var.inbound_acl_rules[count.index], "cidr_block", null)
}

data "aws_availability_zones" "available" {}

locals {
  create_public_subnets = length(data.aws_availability_zones.available.names) > 0
}

resource "aws_network_acl_rule" "public_inbound" {
  count = local.create_public_subnets ? length(var.inbound_acl_rules) : 0

  network_acl_id = "acl-0123456789abcdef0"
  egress         = false
  rule_number    = var.inbound_acl_rules[count.index]["rule_number"]
  rule_action    = var.inbound_acl_rules[count.index]["rule_action"]
  from_port      = lookup(var.inbound_acl_rules[count.index], "from_port", null)
  to_port        = lookup(var.inbound_acl_rules[count.index], "to_port", null)
  protocol       = var.inbound_acl_rules[count.index]["protocol"]
  cidr_block     = lookup(var.inbound_acl_rules[count.index], "cidr_block", null)
}
"#;
    let findings = scan(main, &["CKV_AWS_232"]);
    for rules in ["inbound", "public_inbound"] {
        assert_eq!(
            outcome(
                &findings,
                "CKV_AWS_232",
                &format!("aws_network_acl_rule.{rules}[0]")
            ),
            Outcome::Passed
        );
        assert_eq!(
            outcome(
                &findings,
                "CKV_AWS_232",
                &format!("aws_network_acl_rule.{rules}[1]")
            ),
            Outcome::Failed
        );
    }
}

/// Reason `module-variables-unevaluated`. A read replica is the second call of a database
/// module whose `replicate_source_db` is an output of the first call. Terraform evaluates the
/// replica's module like any other: its instance has `deletion_protection = false` (given by
/// the call), storage encrypted (the variable's default) and no Multi-AZ. Checkov 3.3.30, on
/// the corpus's rds examples, leaves every variable of the replica's inner module unevaluated
/// (its graph holds the text `var.deletion_protection`, `var.storage_encrypted`), so each
/// check of a plain setting answers UNKNOWN and reports no row; the primary, the same module
/// called without that output, is judged normally. A smaller module than the corpus's does not
/// reproduce Checkov's behaviour, so this input shows what Terraform does with the shape.
#[test]
fn a_module_call_fed_by_another_calls_output_is_judged() {
    let main = r#"
module "primary" {
  source              = "./db"
  deletion_protection = true
  multi_az            = true
}

module "replica" {
  source              = "./db"
  replicate_source_db = module.primary.identifier
  deletion_protection = false
}
"#;
    let db = r#"
variable "replicate_source_db" {
  default = null
}

variable "deletion_protection" {
  default = false
}

variable "multi_az" {
  default = false
}

variable "storage_encrypted" {
  default = true
}

locals {
  is_replica = var.replicate_source_db != null
}

resource "aws_db_instance" "this" {
  engine              = local.is_replica ? null : "mysql"
  instance_class      = "db.t4g.large"
  replicate_source_db = var.replicate_source_db
  deletion_protection = var.deletion_protection
  multi_az            = var.multi_az
  storage_encrypted   = var.storage_encrypted
}

output "identifier" {
  value = try(aws_db_instance.this.identifier, null)
}
"#;
    let findings = scan_files(
        &[("main.tf", main), ("db/main.tf", db)],
        &["CKV_AWS_16", "CKV_AWS_157", "CKV_AWS_293"],
    );
    let replica = "module.replica.aws_db_instance.this";
    assert_eq!(outcome(&findings, "CKV_AWS_293", replica), Outcome::Failed);
    assert_eq!(outcome(&findings, "CKV_AWS_157", replica), Outcome::Failed);
    assert_eq!(outcome(&findings, "CKV_AWS_16", replica), Outcome::Passed);
    let primary = "module.primary.aws_db_instance.this";
    assert_eq!(outcome(&findings, "CKV_AWS_293", primary), Outcome::Passed);
    assert_eq!(outcome(&findings, "CKV_AWS_157", primary), Outcome::Passed);
}

/// Reason `policy-read-from-aws`. The role policy is `data.aws_iam_policy.x.policy`: the
/// document of a managed policy, which the provider reads from AWS at plan time. Nothing in
/// the configuration says what it grants: here it would be AdministratorAccess, `*` on `*`.
/// Checkov 3.3.30 passes its IAM checks on text it cannot read; tfscan answers UNKNOWN, as it
/// does for any value only AWS knows.
#[test]
fn a_policy_read_from_aws_is_unknown() {
    let main = r#"
data "aws_iam_policy" "admin" {
  arn = "arn:aws:iam::aws:policy/AdministratorAccess"
}

resource "aws_iam_role_policy" "copy" {
  name   = "copy"
  role   = "example"
  policy = data.aws_iam_policy.admin.policy
}
"#;
    let findings = scan(main, &["CKV_AWS_62", "CKV_AWS_63"]);
    for check in ["CKV_AWS_62", "CKV_AWS_63"] {
        assert_eq!(
            outcome(&findings, check, "aws_iam_role_policy.copy"),
            Outcome::Unknown,
            "{check}"
        );
    }
}

/// Reason `module-instances-unexpanded`. The task's containers come from a module call with
/// `for_each`, one instance per container, gathered by `[for name, c in module.containers :
/// c.definition]` as the ecs module's service does. Terraform expands the call into a map of
/// instances, so the definitions are known but for the log region (known after apply): here
/// the proxy shares the host's process namespace and every container has a read-only root.
/// Checkov 3.3.30 does not expand a module call into such a map: `container_definitions` stays
/// text, CKV_AWS_336 passes it as text and CKV_AWS_334 and CKV_AWS_335 give no row (checked
/// offline on this input). tfscan judges the decoded containers.
#[test]
fn module_instances_read_as_a_map_are_expanded() {
    let main = r#"
module "containers" {
  source   = "./container"
  for_each = {
    app   = { image = "nginx:1.27", pid_mode = null }
    proxy = { image = "envoyproxy/envoy:v1.31.0", pid_mode = "host" }
  }
  name     = each.key
  image    = each.value.image
  pid_mode = each.value.pid_mode
}

resource "aws_ecs_task_definition" "app" {
  family                = "app"
  container_definitions = jsonencode([for name, container in module.containers : container.definition])
}
"#;
    let container = r#"
variable "name" {}
variable "image" {}
variable "pid_mode" {
  default = null
}

data "aws_region" "current" {}

locals {
  definition = {
    name                   = var.name
    image                  = var.image
    essential              = true
    readonlyRootFilesystem = true
    pidMode                = var.pid_mode
    logConfiguration = {
      logDriver = "awslogs"
      options   = { awslogs-region = data.aws_region.current.name, awslogs-group = "/ecs/${var.name}" }
    }
  }
}

output "definition" {
  value = { for key, value in local.definition : key => value if value != null }
}
"#;
    let findings = scan_files(
        &[("main.tf", main), ("container/main.tf", container)],
        &["CKV_AWS_334", "CKV_AWS_335", "CKV_AWS_336"],
    );
    let task = "aws_ecs_task_definition.app";
    assert_eq!(outcome(&findings, "CKV_AWS_334", task), Outcome::Passed);
    assert_eq!(outcome(&findings, "CKV_AWS_335", task), Outcome::Failed);
    assert_eq!(outcome(&findings, "CKV_AWS_336", task), Outcome::Passed);
}

/// Reason `remote-module-output`. The value is an output of a module that is not on disk (a
/// registry source, not fetched): nothing in the scanned files says what it is, and a module
/// may well output `*` or `0.0.0.0/0`. tfscan answers UNKNOWN; Checkov 3.3.30 judges the text
/// `${module.lambda.lambda_role_arn}`, which is neither, and passes.
#[test]
fn outputs_of_modules_not_scanned_are_unknown() {
    let main = r#"
module "lambda" {
  source  = "terraform-aws-modules/lambda/aws"
  version = "~> 8.0"
}

data "aws_iam_policy_document" "secret" {
  statement {
    actions   = ["secretsmanager:GetSecretValue"]
    resources = [module.lambda.lambda_function_arn]

    principals {
      type        = "AWS"
      identifiers = [module.lambda.lambda_role_arn]
    }
  }
}

resource "aws_security_group_rule" "ssh" {
  security_group_id = "sg-0123456789abcdef0"
  type              = "ingress"
  from_port         = 22
  to_port           = 22
  protocol          = "tcp"
  cidr_blocks       = [module.lambda.allowed_cidr]
}
"#;
    let findings = scan(main, &["CKV_AWS_283", "CKV_AWS_356", "CKV_AWS_24"]);
    let document = "aws_iam_policy_document.secret";
    assert_eq!(
        outcome(&findings, "CKV_AWS_283", document),
        Outcome::Unknown
    );
    assert_eq!(
        outcome(&findings, "CKV_AWS_356", document),
        Outcome::Unknown
    );
    assert_eq!(
        outcome(&findings, "CKV_AWS_24", "aws_security_group_rule.ssh"),
        Outcome::Unknown
    );
}

/// Not in the corpus: CKV_AWS_363 on `runtime = "python3.8"`. AWS deprecated the Python 3.8
/// runtime for Lambda on 14 October 2024 (no more security patches); Checkov 3.3.30's list of
/// deprecated runtimes has python2.7, 3.6, 3.7 and 3.9 but leaves 3.8 out, so it passes such a
/// function. tfscan fails it.
#[test]
fn python_3_8_is_a_deprecated_runtime() {
    let main = r#"
resource "aws_lambda_function" "receipts" {
  function_name = "receipts"
  role          = "arn:aws:iam::123456789012:role/receipts"
  handler       = "index.handler"
  runtime       = "python3.8"
  filename      = "receipts.zip"
}
"#;
    let findings = scan(main, &["CKV_AWS_363"]);
    assert_eq!(
        outcome(&findings, "CKV_AWS_363", "aws_lambda_function.receipts"),
        Outcome::Failed
    );
}
