//! Terraform's JSON syntax: block types, labels, nested blocks versus map attributes, strings
//! as templates, line ranges, and errors with a position.

use tfscan_core::syntax::{
    Block, Expr, FileKind, LineRange, ObjectKey, Operator, SourceFile, TemplatePart,
};
use tfscan_hcl::parse_file;

fn parse(path: &str, text: &str) -> SourceFile {
    match parse_file(path, text.as_bytes()) {
        Ok(file) => file,
        Err(error) => panic!("{path} does not parse: {error}"),
    }
}

fn traversal(root: &str, attributes: &[&str]) -> Expr {
    Expr::Traversal(
        Box::new(Expr::Variable(root.into())),
        attributes
            .iter()
            .map(|name| Operator::GetAttr((*name).into()))
            .collect(),
    )
}

fn find<'a>(blocks: &'a [Block], kind: &str, labels: &[&str]) -> &'a Block {
    blocks
        .iter()
        .find(|block| block.kind == kind && block.labels == labels)
        .unwrap_or_else(|| panic!("no {kind} {labels:?} block"))
}

const MAIN_TF_JSON: &str = r#"{
  "//": "A bucket, a policy document, a module call and variables.",
  "variable": {
    "region": { "type": "string", "default": "eu-west-1" },
    "settings": {
      "type": "map(string)",
      "default": { "a": "b" },
      "validation": [{ "condition": "${length(var.settings) > 0}", "error_message": "empty" }]
    }
  },
  "locals": { "common": { "team": "platform" }, "name": "logs-${var.region}" },
  "resource": {
    "aws_s3_bucket": {
      "logs": {
        "bucket": "${local.name}",
        "tags": { "Name": "logs", "Env": "${var.env}" },
        "provider": "aws.west",
        "depends_on": ["aws_kms_key.logs"],
        "server_side_encryption_configuration": {
          "rule": {
            "apply_server_side_encryption_by_default": { "sse_algorithm": "aws:kms" }
          }
        },
        "lifecycle_rule": [
          { "id": "one", "enabled": true },
          { "id": "two", "enabled": false }
        ]
      }
    }
  },
  "data": {
    "aws_iam_policy_document": {
      "read": {
        "statement": [{ "actions": ["s3:GetObject"], "resources": ["${aws_s3_bucket.logs.arn}/*"] }]
      }
    }
  },
  "module": {
    "vpc": {
      "source": "../vpc", "cidr": "10.0.0.0/16", "subnets": { "a": "10.0.1.0/24" },
      "providers": { "aws": "aws.west" }
    }
  },
  "provider": {
    "aws": [{ "region": "eu-west-1" }, { "alias": "west", "region": "us-west-2" }]
  },
  "output": { "arn": { "value": { "bucket": "${aws_s3_bucket.logs.arn}" } } }
}
"#;

#[test]
fn blocks_and_labels() {
    let file = parse("main.tf.json", MAIN_TF_JSON);
    assert_eq!(file.kind, FileKind::Configuration);
    let kinds: Vec<_> = file
        .body
        .blocks
        .iter()
        .map(|block| format!("{} {}", block.kind, block.labels.join(".")))
        .collect();
    assert_eq!(
        kinds,
        [
            "variable region",
            "variable settings",
            "locals ",
            "resource aws_s3_bucket.logs",
            "data aws_iam_policy_document.read",
            "module vpc",
            "provider aws",
            "provider aws",
            "output arn",
        ]
    );
}

#[test]
fn line_ranges_run_from_the_last_label_to_the_closing_brace() {
    let file = parse("main.tf.json", MAIN_TF_JSON);
    let blocks = &file.body.blocks;
    assert_eq!(
        find(blocks, "variable", &["region"]).lines,
        LineRange::new(4, 4)
    );
    assert_eq!(
        find(blocks, "variable", &["settings"]).lines,
        LineRange::new(5, 9)
    );
    assert_eq!(find(blocks, "locals", &[]).lines, LineRange::new(11, 11));
    let bucket = find(blocks, "resource", &["aws_s3_bucket", "logs"]);
    assert_eq!(bucket.lines, LineRange::new(14, 28));
    assert_eq!(
        bucket.body.attribute("tags").map(|a| a.lines),
        Some(LineRange::new(16, 16))
    );
    let rules: Vec<_> = bucket
        .body
        .blocks_of("lifecycle_rule")
        .map(|b| b.lines)
        .collect();
    assert_eq!(rules, [LineRange::new(25, 25), LineRange::new(26, 26)]);
    assert_eq!(
        find(blocks, "data", &["aws_iam_policy_document", "read"])
            .lines
            .first,
        33
    );
    let providers: Vec<_> = blocks
        .iter()
        .filter(|b| b.kind == "provider")
        .map(|b| b.lines)
        .collect();
    assert_eq!(providers, [LineRange::new(45, 45), LineRange::new(45, 45)]);
}

#[test]
fn nested_blocks_and_map_attributes() {
    let file = parse("main.tf.json", MAIN_TF_JSON);
    let blocks = &file.body.blocks;
    let bucket = find(blocks, "resource", &["aws_s3_bucket", "logs"]);

    let encryption = bucket
        .body
        .blocks_of("server_side_encryption_configuration")
        .next()
        .expect("an object value is a nested block");
    let rule = encryption
        .body
        .blocks_of("rule")
        .next()
        .expect("a nested block in it");
    let default = rule
        .body
        .blocks_of("apply_server_side_encryption_by_default")
        .next();
    assert_eq!(
        default
            .and_then(|b| b.body.attribute("sse_algorithm"))
            .map(|a| &a.expr),
        Some(&Expr::String("aws:kms".into()))
    );
    assert_eq!(
        bucket.body.blocks_of("lifecycle_rule").count(),
        2,
        "one block per object"
    );

    let Some(Expr::Object(tags)) = bucket.body.attribute("tags").map(|a| &a.expr) else {
        panic!("tags is a map attribute");
    };
    assert_eq!(
        tags[0],
        (ObjectKey::Name("Name".into()), Expr::String("logs".into()))
    );
    assert_eq!(
        tags[1].1,
        Expr::Template(vec![TemplatePart::Interpolation(traversal(
            "var",
            &["env"]
        ))])
    );

    let settings = find(blocks, "variable", &["settings"]);
    assert!(matches!(
        settings.body.attribute("default").map(|a| &a.expr),
        Some(Expr::Object(_))
    ));
    assert_eq!(settings.body.blocks_of("validation").count(), 1);

    let locals = find(blocks, "locals", &[]);
    assert!(matches!(
        locals.body.attribute("common").map(|a| &a.expr),
        Some(Expr::Object(_))
    ));

    let vpc = find(blocks, "module", &["vpc"]);
    assert!(
        vpc.body.blocks.is_empty(),
        "a module call's arguments are all attributes"
    );
    assert!(matches!(
        vpc.body.attribute("subnets").map(|a| &a.expr),
        Some(Expr::Object(_))
    ));

    let output = find(blocks, "output", &["arn"]);
    assert!(matches!(
        output.body.attribute("value").map(|a| &a.expr),
        Some(Expr::Object(_))
    ));

    let read = find(blocks, "data", &["aws_iam_policy_document", "read"]);
    let statement = read
        .body
        .blocks_of("statement")
        .next()
        .expect("a statement block");
    assert_eq!(
        statement.body.attribute("resources").map(|a| &a.expr),
        Some(&Expr::Tuple(vec![Expr::Template(vec![
            TemplatePart::Interpolation(traversal("aws_s3_bucket", &["logs", "arn"])),
            TemplatePart::Literal("/*".into()),
        ])]))
    );
}

#[test]
fn strings_are_templates_and_references_are_expressions() {
    let file = parse("main.tf.json", MAIN_TF_JSON);
    let blocks = &file.body.blocks;
    let bucket = find(blocks, "resource", &["aws_s3_bucket", "logs"]);
    assert_eq!(
        bucket.body.attribute("bucket").map(|a| &a.expr),
        Some(&Expr::Template(vec![TemplatePart::Interpolation(
            traversal("local", &["name"])
        )]))
    );
    assert_eq!(
        bucket.body.attribute("provider").map(|a| &a.expr),
        Some(&traversal("aws", &["west"]))
    );
    assert_eq!(
        bucket.body.attribute("depends_on").map(|a| &a.expr),
        Some(&Expr::Tuple(vec![traversal("aws_kms_key", &["logs"])]))
    );
    let vpc = find(blocks, "module", &["vpc"]);
    assert_eq!(
        vpc.body.attribute("providers").map(|a| &a.expr),
        Some(&Expr::Object(vec![(
            ObjectKey::Name("aws".into()),
            traversal("aws", &["west"])
        )]))
    );
    let settings = find(blocks, "variable", &["settings"]);
    assert!(matches!(
        settings.body.attribute("type").map(|a| &a.expr),
        Some(Expr::FunctionCall(call)) if call.name == "map"
    ));
    let region = find(blocks, "variable", &["region"]);
    assert_eq!(
        region.body.attribute("default").map(|a| &a.expr),
        Some(&Expr::String("eu-west-1".into()))
    );
    let locals = find(blocks, "locals", &[]);
    assert_eq!(
        locals.body.attribute("name").map(|a| &a.expr),
        Some(&Expr::Template(vec![
            TemplatePart::Literal("logs-".into()),
            TemplatePart::Interpolation(traversal("var", &["region"])),
        ]))
    );
    let file = parse(
        "x.tf.json",
        r#"{"locals": {"a": "$${literal}", "//": "dropped"}}"#,
    );
    let locals = &file.body.blocks[0].body;
    assert_eq!(locals.attributes.len(), 1, "a \"//\" key is a comment");
    assert_eq!(locals.attributes[0].expr, Expr::String("${literal}".into()));
}

#[test]
fn labelled_nested_blocks() {
    let text = r#"{
  "resource": { "aws_security_group": { "web": {
    "dynamic": { "ingress": { "for_each": { "http": 80 }, "content": { "from_port": "${ingress.value}" } } },
    "provisioner": { "local-exec": { "command": "echo hi" } }
  } } },
  "terraform": { "backend": { "s3": { "bucket": "state" } },
                 "required_providers": { "aws": { "source": "hashicorp/aws" } } }
}"#;
    let file = parse("sg.tf.json", text);
    let group = &file.body.blocks[0];
    let dynamic = group
        .body
        .blocks_of("dynamic")
        .next()
        .expect("a dynamic block");
    assert_eq!(dynamic.labels, ["ingress"]);
    assert!(matches!(
        dynamic.body.attribute("for_each").map(|a| &a.expr),
        Some(Expr::Object(_))
    ));
    assert_eq!(dynamic.body.blocks_of("content").count(), 1);
    let provisioner = group
        .body
        .blocks_of("provisioner")
        .next()
        .expect("a provisioner");
    assert_eq!(provisioner.labels, ["local-exec"]);

    let terraform = &file.body.blocks[1];
    assert_eq!(
        terraform
            .body
            .blocks_of("backend")
            .next()
            .map(|b| b.labels.clone()),
        Some(vec!["s3".to_owned()])
    );
    let providers = terraform
        .body
        .blocks_of("required_providers")
        .next()
        .expect("a block");
    assert!(matches!(
        providers.body.attribute("aws").map(|a| &a.expr),
        Some(Expr::Object(_))
    ));
}

#[test]
fn variable_values_are_literal() {
    let file = parse(
        "prod.tfvars.json",
        "{\n  \"region\": \"${not_a_template}\",\n  \"tags\": {\"a\": 1},\n  \"n\": [1, null, true]\n}",
    );
    assert_eq!(file.kind, FileKind::VariableValues);
    let attributes = &file.body.attributes;
    assert_eq!(attributes[0].expr, Expr::String("${not_a_template}".into()));
    assert_eq!(attributes[0].lines, LineRange::new(2, 2));
    assert_eq!(
        attributes[1].expr,
        Expr::Object(vec![(ObjectKey::Name("a".into()), Expr::Number(1.0))])
    );
    assert_eq!(
        attributes[2].expr,
        Expr::Tuple(vec![Expr::Number(1.0), Expr::Null, Expr::Bool(true)])
    );
}

#[test]
fn errors_have_a_position() {
    let error = parse_file("x.tfvars.json", b"{\"a\": 1,\n \"a\": 2}").unwrap_err();
    assert_eq!((error.line, error.column), (2, 2), "{error}");
    assert!(error.message.contains("'a' is set twice"), "{error}");

    let cases: [(&str, u32, u32, &str); 6] = [
        (
            "{\n  \"resource\": {\n    \"a\" 1\n  }\n}",
            3,
            9,
            "expected ':'",
        ),
        ("[1]", 1, 1, "expected a JSON object at the top of the file"),
        (
            "{\"resource\": {\"aws_s3_bucket\": 1}}",
            1,
            32,
            "keys name the `resource` blocks",
        ),
        ("{\"locals\": 3}", 1, 12, "body of the `locals` block"),
        ("{\"locals\": {\"a\": 1, \"a\": 2}}", 1, 21, "set twice"),
        (
            "{\"locals\": {\n \"a\": \"${oops\"}}",
            2,
            7,
            "in this string: expected '}'",
        ),
    ];
    for (text, line, column, message) in cases {
        let error = parse_file("bad.tf.json", text.as_bytes()).unwrap_err();
        assert_eq!(
            (error.line, error.column),
            (line, column),
            "{text:?}: {error}"
        );
        assert!(error.message.contains(message), "{text:?}: {error}");
        assert_eq!(error.path, "bad.tf.json");
    }
}
