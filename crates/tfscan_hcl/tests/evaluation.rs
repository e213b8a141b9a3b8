//! Evaluation as Terraform does it, through the real parser: variables, locals, references,
//! count, for_each, dynamic blocks, modules and what stays unknown.

use std::collections::BTreeMap;

use tfscan_core::eval::module::ModuleScope;
use tfscan_core::{Outcome, ScanOptions, SourceFile, Value};
use tfscan_hcl::{parse_expression, parse_file, InputFile};

fn parse(files: &[(&str, &str)]) -> Vec<SourceFile> {
    files
        .iter()
        .map(|(path, text)| parse_file(path, text.as_bytes()).expect("parses"))
        .collect()
}

/// Evaluates `expression` in the module made of `files`, with `inputs` as variable values.
fn evaluate(files: &[(&str, &str)], inputs: &[(&str, Value)], expression: &str) -> Value {
    let parsed = parse(files);
    let references: Vec<&SourceFile> = parsed.iter().collect();
    let inputs: BTreeMap<String, Value> = inputs
        .iter()
        .map(|(k, v)| ((*k).to_string(), v.clone()))
        .collect();
    let scope = ModuleScope::new(".", &references, inputs);
    scope.value_of(&parse_expression(expression).expect("expression parses"))
}

fn s(text: &str) -> Value {
    Value::String(text.into())
}

const MODULE: &str = r#"
variable "name" { default = "logs" }
variable "enabled" { type = bool }
variable "ports" { default = [80, 443] }
locals {
  bucket = "${var.name}-bucket"
  chained = upper(local.bucket)
  tags = merge({ team = "a" }, { env = "prod" })
  loop_a = local.loop_b
  loop_b = local.loop_a
  by_port = { for port in var.ports : tostring(port) => port * 2 }
  even = [for port in var.ports : port if port > 100]
}
resource "aws_s3_bucket" "b" {
  bucket = local.bucket
}
resource "aws_instance" "many" {
  count = 2
  ami   = "ami-${count.index}"
}
resource "aws_instance" "keyed" {
  for_each = toset(["a", "b"])
  ami      = "ami-${each.key}"
}
data "aws_iam_policy_document" "p" {
  statement {
    actions   = ["s3:GetObject"]
    resources = ["*"]
  }
}
"#;

#[test]
fn variables_locals_and_templates() {
    let files = [("main.tf", MODULE)];
    assert_eq!(evaluate(&files, &[], "local.bucket"), s("logs-bucket"));
    assert_eq!(
        evaluate(&files, &[("name", s("data"))], "local.chained"),
        s("DATA-BUCKET")
    );
    assert_eq!(evaluate(&files, &[], "local.tags.env"), s("prod"));
    assert_eq!(
        evaluate(&files, &[], "local.by_port[\"443\"]"),
        Value::Number(886.0)
    );
    assert_eq!(
        evaluate(&files, &[], "local.even"),
        Value::List(vec![Value::Number(443.0)])
    );
    assert_eq!(
        evaluate(&files, &[], "var.ports[0] + 1"),
        Value::Number(81.0)
    );
}

#[test]
fn what_cannot_be_known_is_unknown() {
    let files = [("main.tf", MODULE)];
    // A variable with no default and no value.
    assert_eq!(evaluate(&files, &[], "var.enabled"), Value::Unknown);
    assert_eq!(evaluate(&files, &[], "var.enabled ? 1 : 2"), Value::Unknown);
    // Both branches agree: the answer is known whatever the condition.
    assert_eq!(
        evaluate(&files, &[], "var.enabled ? 1 : 1"),
        Value::Number(1.0)
    );
    // An attribute computed at apply time: unknown, or, for an identifier (an ID, an ARN),
    // unknown text that is never empty and never a wildcard.
    assert_eq!(
        evaluate(&files, &[], "aws_s3_bucket.b.bucket_domain_name"),
        Value::Unknown
    );
    let arn = evaluate(&files, &[], "aws_s3_bucket.b.arn");
    assert!(arn.is_unknown() && arn.may_equal("*") == Some(false));
    // Text around it is known: the string is partial, unknown to whoever asks, with a hole
    // where the ARN goes.
    let partial = evaluate(&files, &[], "\"${aws_s3_bucket.b.arn}/*\"");
    assert!(partial.is_unknown() && partial.is_partial());
    let text = partial.as_str().unwrap_or_default();
    assert!(
        text.starts_with(tfscan_core::value::ID_HOLE) && text.ends_with("/*"),
        "{partial:?}"
    );
    assert_eq!(partial.may_equal("*"), Some(false));
    // The identifier knows its instance: the same ARN is the same, another bucket's differs.
    let same = evaluate(&files, &[], "\"${aws_s3_bucket.b.arn}\"");
    assert_eq!(same.same_identifier(&arn), Some(true));
    assert_eq!(
        evaluate(&files, &[], "\"${var.enabled}/*\""),
        Value::String(format!("{}/*", tfscan_core::value::HOLE))
    );
    assert_eq!(
        evaluate(&files, &[], "upper(\"${aws_s3_bucket.b.arn}/*\")"),
        Value::Unknown
    );
    assert_eq!(
        evaluate(&files, &[], "\"${aws_s3_bucket.b.arn}/*\" == \"x/*\""),
        Value::Unknown
    );
    assert_eq!(
        evaluate(&files, &[], "\"${aws_s3_bucket.b.arn}/*\" == \"*\""),
        Value::Bool(false)
    );
    assert_eq!(evaluate(&files, &[], "\"${var.enabled}\""), Value::Unknown);
    assert_eq!(
        evaluate(&files, &[], "aws_s3_bucket.b.arn != null"),
        Value::Bool(true)
    );
    // A cycle between locals.
    assert_eq!(evaluate(&files, &[], "local.loop_a"), Value::Unknown);
    // `false && unknown` is known.
    assert_eq!(
        evaluate(&files, &[], "false && var.enabled"),
        Value::Bool(false)
    );
    // A list with unknown parts is not null, as Terraform sees it; unknown itself may be.
    assert_eq!(
        evaluate(&files, &[], "[aws_s3_bucket.b.arn] != null"),
        Value::Bool(true)
    );
    assert_eq!(
        evaluate(&files, &[], "null == { arn = aws_s3_bucket.b.arn }"),
        Value::Bool(false)
    );
    assert_eq!(evaluate(&files, &[], "var.enabled != null"), Value::Unknown);
    assert_eq!(
        evaluate(&files, &[], "[aws_s3_bucket.b.arn] == [\"x\"]"),
        Value::Unknown
    );
}

#[test]
fn references_to_resources_count_and_for_each() {
    let files = [("main.tf", MODULE)];
    assert_eq!(
        evaluate(&files, &[], "aws_s3_bucket.b.bucket"),
        s("logs-bucket")
    );
    assert_eq!(
        evaluate(&files, &[], "aws_instance.many[1].ami"),
        s("ami-1")
    );
    assert_eq!(
        evaluate(&files, &[], "aws_instance.many[*].ami"),
        Value::List(vec![s("ami-0"), s("ami-1")])
    );
    assert_eq!(
        evaluate(&files, &[], "aws_instance.keyed[\"b\"].ami"),
        s("ami-b")
    );
    assert_eq!(
        evaluate(&files, &[], "try(local.tags.missing, \"fallback\")"),
        s("fallback")
    );
}

#[test]
fn policy_documents_render_to_json() {
    let files = [("main.tf", MODULE)];
    let json = evaluate(&files, &[], "data.aws_iam_policy_document.p.json");
    let Value::String(json) = json else {
        panic!("expected JSON, got {json:?}")
    };
    assert!(json.contains("\"Action\":\"s3:GetObject\""), "{json}");
    assert!(json.contains("\"Resource\":\"*\""), "{json}");
}

fn scan(files: &[(&str, &str)], check: &str) -> Vec<(String, String, Outcome)> {
    let inputs: Vec<InputFile<'_>> = files
        .iter()
        .map(|(path, text)| InputFile {
            path,
            bytes: text.as_bytes(),
        })
        .collect();
    let options = ScanOptions {
        checks: vec![check.to_string()],
        ..ScanOptions::default()
    };
    let report = tfscan_hcl::scan(&inputs, &options);
    assert!(
        report.parsing_errors.is_empty(),
        "{:?}",
        report.parsing_errors
    );
    report
        .findings
        .into_iter()
        .map(|f| (f.resource, f.file_path, f.outcome))
        .collect()
}

const KEY_MODULE: &str = r#"
variable "rotate" { default = false }
variable "keys" { default = ["one"] }
resource "aws_kms_key" "this" {
  for_each            = toset(var.keys)
  enable_key_rotation = var.rotate
}
output "rotate" { value = var.rotate }
"#;

#[test]
fn module_calls_pass_arguments_and_address_resources() {
    let root = r#"
module "rotated" {
  source = "./modules/key"
  rotate = true
  keys   = ["a", "b"]
}
module "default" {
  source = "./modules/key"
}
module "counted" {
  count  = 2
  source = "./modules/key"
  rotate = module.rotated.rotate
}
module "remote" {
  source = "terraform-aws-modules/kms/aws"
}
"#;
    let files = [("main.tf", root), ("modules/key/main.tf", KEY_MODULE)];
    let found = scan(&files, "CKV_AWS_7");
    let expect = |resource: &str, outcome: Outcome| {
        assert!(
            found.iter().any(|(r, path, o)| r == resource
                && path == "modules/key/main.tf"
                && *o == outcome),
            "{resource} {outcome:?} not in {found:#?}"
        );
    };
    expect("module.rotated.aws_kms_key.this[\"a\"]", Outcome::Passed);
    expect("module.rotated.aws_kms_key.this[\"b\"]", Outcome::Passed);
    expect("module.default.aws_kms_key.this[\"one\"]", Outcome::Failed);
    // An output of one module flows into another's argument.
    expect(
        "module.counted[1].aws_kms_key.this[\"one\"]",
        Outcome::Passed,
    );
    // The module folder is not scanned again as a root of its own.
    assert_eq!(found.len(), 5, "{found:#?}");

    let inputs: Vec<InputFile<'_>> = files
        .iter()
        .map(|(path, text)| InputFile {
            path,
            bytes: text.as_bytes(),
        })
        .collect();
    let report = tfscan_hcl::scan(&inputs, &ScanOptions::default());
    assert_eq!(report.unscanned_modules.len(), 1);
    assert_eq!(report.unscanned_modules[0].address, "module.remote");
}

#[test]
fn module_cycles_are_reported_not_followed_forever() {
    let a = "module \"b\" {\n  source = \"../b\"\n}\n";
    let b = "module \"a\" {\n  source = \"../a\"\n}\nresource \"aws_kms_key\" \"k\" {}\n";
    let root = "module \"a\" {\n  source = \"./a\"\n}\n";
    let files = [("main.tf", root), ("a/main.tf", a), ("b/main.tf", b)];
    let inputs: Vec<InputFile<'_>> = files
        .iter()
        .map(|(path, text)| InputFile {
            path,
            bytes: text.as_bytes(),
        })
        .collect();
    let report = tfscan_hcl::scan(&inputs, &ScanOptions::default());
    let cycle = report
        .parsing_errors
        .iter()
        .find(|e| e.message.contains("module cycle"))
        .expect("cycle reported");
    assert_eq!(cycle.path, "b/main.tf");
    assert!(cycle.message.contains("a -> b -> a"), "{}", cycle.message);
}

#[test]
fn dynamic_blocks_expand_and_tfvars_apply() {
    let main = r#"
variable "rules" { default = [] }
resource "aws_kms_key" "k" {
  enable_key_rotation = var.rotate
}
variable "rotate" {}
"#;
    let files = [("main.tf", main), ("terraform.tfvars", "rotate = true\n")];
    let found = scan(&files, "CKV_AWS_7");
    assert_eq!(
        found,
        vec![(
            "aws_kms_key.k".to_string(),
            "main.tf".to_string(),
            Outcome::Passed
        )]
    );

    let without_value = scan(&[("main.tf", main)], "CKV_AWS_7");
    assert_eq!(without_value[0].2, Outcome::Unknown);

    let dynamic = r#"
locals { ports = [22, 443] }
resource "aws_security_group" "g" {
  dynamic "ingress" {
    for_each = local.ports
    iterator = port
    content {
      from_port = port.value
      to_port   = port.value
    }
  }
}
"#;
    let parsed = parse(&[("main.tf", dynamic)]);
    let references: Vec<&SourceFile> = parsed.iter().collect();
    let scope = ModuleScope::new(".", &references, BTreeMap::new());
    let block = &parsed[0].body.blocks[1];
    let instances = scope.instances(block);
    let ingress = instances[0]
        .attributes
        .get("ingress")
        .and_then(Value::as_list)
        .expect("ingress blocks");
    assert_eq!(ingress.len(), 2);
    assert_eq!(ingress[1].get("from_port"), Some(&Value::Number(443.0)));
}

#[test]
fn count_zero_makes_no_instance() {
    let main = "resource \"aws_kms_key\" \"k\" {\n  count = 0\n}\n";
    assert!(scan(&[("main.tf", main)], "CKV_AWS_7").is_empty());
}

#[test]
fn variable_types_convert_and_fill_optional_attributes() {
    let main = r#"
variable "rules" {
  type = map(object({
    from_port = number
    to_port   = optional(number)
    enabled   = optional(bool, true)
  }))
  default = {
    web = { from_port = "80" }
  }
}
variable "flag" {
  type    = bool
  default = "true"
}
"#;
    let files = [("main.tf", main)];
    assert_eq!(
        evaluate(&files, &[], "var.rules.web.from_port"),
        Value::Number(80.0)
    );
    assert_eq!(evaluate(&files, &[], "var.rules.web.to_port"), Value::Null);
    assert_eq!(
        evaluate(&files, &[], "var.rules.web.enabled"),
        Value::Bool(true)
    );
    assert_eq!(
        evaluate(
            &files,
            &[],
            "try(coalesce(var.rules.web.to_port, var.rules.web.from_port), null)"
        ),
        Value::Number(80.0)
    );
    assert_eq!(evaluate(&files, &[], "var.flag"), Value::Bool(true));
}

#[test]
fn connections_cross_module_boundaries_through_outputs_and_variables() {
    // A flow log in the root refers to a VPC inside a module through its output.
    let root = r#"
module "network" {
  source = "./network"
}
resource "aws_flow_log" "vpc" {
  vpc_id          = module.network.vpc_id
  traffic_type    = "ALL"
  log_destination = "arn:aws:s3:::flow-logs"
}
resource "aws_security_group" "db" {
  description = "database"
}
module "database" {
  source             = "./database"
  security_group_ids = [aws_security_group.db.id]
}
"#;
    let network = r#"
resource "aws_vpc" "this" {
  cidr_block = "10.0.0.0/16"
}
locals { id = aws_vpc.this.id }
output "vpc_id" { value = local.id }
"#;
    let database = r#"
variable "security_group_ids" {}
resource "aws_db_instance" "this" {
  vpc_security_group_ids = var.security_group_ids
}
"#;
    let files = [
        ("main.tf", root),
        ("network/main.tf", network),
        ("database/main.tf", database),
    ];
    let flow_logs = scan(&files, "CKV2_AWS_11");
    assert_eq!(
        flow_logs,
        vec![(
            "module.network.aws_vpc.this".to_string(),
            "network/main.tf".to_string(),
            Outcome::Passed
        )],
    );
    let attached = scan(&files, "CKV2_AWS_5");
    assert_eq!(
        attached,
        vec![(
            "aws_security_group.db".to_string(),
            "main.tf".to_string(),
            Outcome::Passed
        )],
    );
}

/// A policy given as `data.aws_iam_policy_document.x.json` is the document the provider renders
/// from the blocks, and is judged as such. Checkov cannot read such a reference and gives no
/// verdict (a known difference in the parity test). An ARN built from a bucket's ARN is never
/// `*`, even though the bucket's ARN is known only after apply.
#[test]
fn policy_document_data_is_analysed() {
    let main = r#"
resource "aws_s3_bucket" "b" { bucket = "b" }
data "aws_iam_policy_document" "anywhere" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["*"]
  }
}
data "aws_iam_policy_document" "one_bucket" {
  statement {
    actions   = ["s3:PutObject"]
    resources = ["${aws_s3_bucket.b.arn}/*"]
  }
}
data "aws_iam_policy_document" "unknown" {
  statement {
    actions   = ["s3:PutObject"]
    resources = [var.arn]
  }
}
variable "arn" { type = string }
resource "aws_iam_role_policy" "anywhere" {
  role   = "r"
  policy = data.aws_iam_policy_document.anywhere.json
}
resource "aws_iam_role_policy" "one_bucket" {
  role   = "r"
  policy = data.aws_iam_policy_document.one_bucket.json
}
resource "aws_iam_role_policy" "unknown" {
  role   = "r"
  policy = data.aws_iam_policy_document.unknown.json
}
resource "aws_iam_role_policy" "encoded" {
  role = "r"
  policy = jsonencode({
    Statement = [{ Effect = "Allow", Action = "s3:PutObject", Resource = "${aws_s3_bucket.b.arn}/*" }]
  })
}
"#;
    let found: BTreeMap<String, Outcome> = scan(&[("main.tf", main)], "CKV_AWS_290")
        .into_iter()
        .map(|(resource, _, outcome)| (resource, outcome))
        .collect();
    assert_eq!(found["aws_iam_role_policy.anywhere"], Outcome::Failed);
    assert_eq!(found["aws_iam_role_policy.one_bucket"], Outcome::Passed);
    assert_eq!(found["aws_iam_role_policy.encoded"], Outcome::Passed);
    // `var.arn` could be "*": no verdict.
    assert_eq!(found["aws_iam_role_policy.unknown"], Outcome::Unknown);
}

/// A `count` that is unknown only because its condition is (`var.enabled ? 2 : 0`) makes the
/// instances of the branch that makes some, for the block's own checks; what other blocks read
/// of it stays unknown, since whether it exists is not known.
#[test]
fn a_count_unknown_only_by_its_condition_makes_the_instances_it_would() {
    let main = r#"
variable "enabled" { type = bool }
variable "names" { default = ["a", "b"] }

resource "aws_sqs_queue" "queue" {
  count = var.enabled ? length(var.names) : 0
  name  = var.names[count.index]
}

resource "aws_sqs_queue" "undecided" {
  count = var.enabled ? 1 : length(var.names)
  name  = "x"
}
"#;
    let report = tfscan_hcl::scan(
        &[InputFile {
            path: "main.tf",
            bytes: main.as_bytes(),
        }],
        &ScanOptions::default(),
    );
    let mut queues: Vec<&str> = report
        .findings
        .iter()
        .map(|finding| finding.resource.as_str())
        .filter(|resource| resource.starts_with("aws_sqs_queue.queue"))
        .collect();
    queues.dedup();
    assert_eq!(queues, ["aws_sqs_queue.queue[0]", "aws_sqs_queue.queue[1]"]);
    // Both branches make instances, in different numbers: one instance of unknown index.
    assert!(report
        .findings
        .iter()
        .any(|finding| finding.resource == "aws_sqs_queue.undecided"));
    let files = [("main.tf", main)];
    assert_eq!(
        evaluate(&files, &[], "aws_sqs_queue.queue[0].name"),
        Value::Unknown
    );
    assert_eq!(
        evaluate(
            &files,
            &[("enabled", Value::Bool(true))],
            "aws_sqs_queue.queue[1].name"
        ),
        s("b")
    );
}

/// An unknown finding says which of the block's values are known only after apply.
#[test]
fn unknown_findings_say_why() {
    let main = r#"
variable "public" { type = bool }

resource "aws_s3_bucket_public_access_block" "logs" {
  bucket                  = aws_s3_bucket.logs.id
  block_public_acls       = true
  block_public_policy     = true
  ignore_public_acls      = true
  restrict_public_buckets = var.public
}

resource "aws_s3_bucket" "logs" {
  bucket = "logs"
}
"#;
    let report = tfscan_hcl::scan(
        &[InputFile {
            path: "main.tf",
            bytes: main.as_bytes(),
        }],
        &ScanOptions {
            checks: vec!["CKV_AWS_56".into()],
            ..ScanOptions::default()
        },
    );
    let finding = &report.findings[0];
    assert_eq!(finding.outcome, Outcome::Unknown);
    let because = finding.unknown_because.as_deref().unwrap_or_default();
    // The bucket's ID is an identifier known after apply, named only when nothing else is.
    assert_eq!(
        because,
        "Not decided before apply: known only after apply here: restrict_public_buckets"
    );
}

/// After `terraform init`, a registry or git module call is followed into the copy Terraform
/// installed, as `.terraform/modules/modules.json` records it; nested calls inside it (local
/// and remote) too. The installed folders are not root modules of their own.
#[test]
fn remote_modules_installed_by_terraform_init_are_scanned() {
    let root = r#"
module "keys" {
  source  = "example/kms/aws"
  version = "1.0.0"
  rotate  = false
}
module "pinned" {
  source = "git::https://example.com/kms.git//modules/key?ref=v1"
  rotate = true
}
module "absent" {
  source = "example/absent/aws"
}
"#;
    let installed = r#"
variable "rotate" {}
resource "aws_kms_key" "this" {
  enable_key_rotation = var.rotate
}
module "inner" {
  source = "./modules/key"
  rotate = var.rotate
}
module "deeper" {
  source = "example/other/aws"
}
"#;
    let leaf = r#"
variable "rotate" { default = true }
resource "aws_kms_key" "this" {
  enable_key_rotation = var.rotate
}
"#;
    let manifest = r#"{"Modules":[
  {"Key":"","Source":"","Dir":"."},
  {"Key":"keys","Source":"registry.terraform.io/example/kms/aws","Version":"1.0.0","Dir":".terraform/modules/keys"},
  {"Key":"keys.inner","Source":"./modules/key","Dir":".terraform/modules/keys/modules/key"},
  {"Key":"keys.deeper","Source":"registry.terraform.io/example/other/aws","Version":"2.0.0","Dir":".terraform/modules/keys.deeper"},
  {"Key":"pinned","Source":"git::https://example.com/kms.git//modules/key?ref=v1","Dir":".terraform/modules/pinned/modules/key"}
]}"#;
    let files = [
        ("main.tf", root),
        (".terraform/modules/modules.json", manifest),
        (".terraform/modules/keys/main.tf", installed),
        (".terraform/modules/keys/modules/key/main.tf", leaf),
        (".terraform/modules/keys.deeper/main.tf", leaf),
        (".terraform/modules/pinned/modules/key/main.tf", leaf),
    ];
    let inputs: Vec<InputFile<'_>> = files
        .iter()
        .map(|(path, text)| InputFile {
            path,
            bytes: text.as_bytes(),
        })
        .collect();
    let report = tfscan_hcl::scan(&inputs, &ScanOptions::default());
    let mut found: Vec<(String, String, Outcome)> = report
        .findings
        .iter()
        .filter(|finding| finding.check.id() == "CKV_AWS_7")
        .map(|f| (f.resource.clone(), f.file_path.clone(), f.outcome.clone()))
        .collect();
    found.sort_by(|a, b| a.0.cmp(&b.0));
    let expected = [
        (
            "module.keys.aws_kms_key.this",
            ".terraform/modules/keys/main.tf",
            Outcome::Failed,
        ),
        (
            "module.keys.module.deeper.aws_kms_key.this",
            ".terraform/modules/keys.deeper/main.tf",
            Outcome::Passed,
        ),
        (
            "module.keys.module.inner.aws_kms_key.this",
            ".terraform/modules/keys/modules/key/main.tf",
            Outcome::Failed,
        ),
        (
            "module.pinned.aws_kms_key.this",
            ".terraform/modules/pinned/modules/key/main.tf",
            Outcome::Passed,
        ),
    ];
    let expected: Vec<(String, String, Outcome)> = expected
        .iter()
        .map(|(r, p, o)| ((*r).to_owned(), (*p).to_owned(), o.clone()))
        .collect();
    assert_eq!(found, expected);
    assert_eq!(
        report.unscanned_modules.len(),
        1,
        "{:#?}",
        report.unscanned_modules
    );
    assert_eq!(report.unscanned_modules[0].address, "module.absent");
    assert!(
        report.unscanned_modules[0]
            .reason
            .contains("not in .terraform/modules/modules.json"),
        "{}",
        report.unscanned_modules[0].reason
    );

    // Without the manifest the calls are not followed, and the reason says how to have them.
    let without: Vec<InputFile<'_>> = inputs
        .iter()
        .filter(|input| !input.path.ends_with("modules.json"))
        .map(|input| InputFile {
            path: input.path,
            bytes: input.bytes,
        })
        .collect();
    let report = tfscan_hcl::scan(&without, &ScanOptions::default());
    assert!(report
        .findings
        .iter()
        .all(|finding| !finding.file_path.starts_with(".terraform/")));
    assert_eq!(report.unscanned_modules.len(), 3);
    assert!(report.unscanned_modules[0]
        .reason
        .contains("--download-external-modules true"));

    // A manifest that is not one is a parsing error naming the file; the rest is scanned.
    let broken = [
        InputFile {
            path: "main.tf",
            bytes: root.as_bytes(),
        },
        InputFile {
            path: ".terraform/modules/modules.json",
            bytes: b"{\"Modules\": 3}",
        },
    ];
    let report = tfscan_hcl::scan(&broken, &ScanOptions::default());
    assert_eq!(report.parsing_errors.len(), 1);
    assert_eq!(
        report.parsing_errors[0].path,
        ".terraform/modules/modules.json"
    );
    assert_eq!(report.unscanned_modules.len(), 3);
}
