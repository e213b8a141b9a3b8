//! Whole files in the native syntax: blocks and attributes with their lines, variable files,
//! encodings, line endings, and the errors a file that is not Terraform gives.

use std::path::Path;

use tfscan_core::syntax::{Expr, FileKind, LineRange, ObjectKey, SourceFile};
use tfscan_hcl::{parse_file, MAX_NESTING};

fn parse(path: &str, text: &str) -> SourceFile {
    match parse_file(path, text.as_bytes()) {
        Ok(file) => file,
        Err(error) => panic!("{path} does not parse: {error}"),
    }
}

const MAIN_TF: &str = r#"# A bucket with logging.
resource "aws_s3_bucket" "logs" {
  bucket = "logs"

  tags = {
    Name = "logs"
  }
}

resource aws_s3_bucket_logging this {
  bucket = aws_s3_bucket.logs.id
  target_grant {
    grantee { type = "Group" }
    permission = "READ"
  }
}

data "aws_iam_policy_document" "x" {}
locals { one = 1 }
"#;

#[test]
fn blocks_and_attributes_carry_their_lines() {
    let file = parse("main.tf", MAIN_TF);
    assert_eq!(file.kind, FileKind::Configuration);
    assert_eq!(file.text, MAIN_TF);

    let blocks = &file.body.blocks;
    let summary: Vec<_> = blocks
        .iter()
        .map(|block| (block.kind.as_str(), block.labels.clone(), block.lines))
        .collect();
    assert_eq!(
        summary,
        [
            (
                "resource",
                vec!["aws_s3_bucket".into(), "logs".into()],
                LineRange::new(2, 8)
            ),
            (
                "resource",
                vec!["aws_s3_bucket_logging".into(), "this".into()],
                LineRange::new(10, 16)
            ),
            (
                "data",
                vec!["aws_iam_policy_document".into(), "x".into()],
                LineRange::new(18, 18)
            ),
            ("locals", vec![], LineRange::new(19, 19)),
        ]
    );

    let bucket = &blocks[0].body;
    assert_eq!(
        bucket.attribute("bucket").map(|a| a.lines),
        Some(LineRange::new(3, 3))
    );
    assert_eq!(
        bucket.attribute("tags").map(|a| a.lines),
        Some(LineRange::new(5, 7))
    );

    let grant = blocks[1]
        .body
        .blocks_of("target_grant")
        .next()
        .expect("a nested block");
    assert_eq!(grant.lines, LineRange::new(12, 15));
    let grantee = grant
        .body
        .blocks_of("grantee")
        .next()
        .expect("a one-line block");
    assert_eq!(grantee.lines, LineRange::new(13, 13));
    assert_eq!(
        grantee.body.attribute("type").map(|a| &a.expr),
        Some(&Expr::String("Group".into()))
    );
    assert_eq!(
        blocks[3].body.attribute("one").map(|a| &a.expr),
        Some(&Expr::Number(1.0))
    );
}

#[test]
fn crlf_line_endings_keep_lines_and_values() {
    let crlf = MAIN_TF.replace('\n', "\r\n");
    let file = parse("main.tf", &crlf);
    let lines: Vec<_> = file.body.blocks.iter().map(|block| block.lines).collect();
    let expected: Vec<_> = parse("main.tf", MAIN_TF)
        .body
        .blocks
        .iter()
        .map(|block| block.lines)
        .collect();
    assert_eq!(lines, expected);
    let bucket = &file.body.blocks[0].body;
    assert_eq!(
        bucket.attribute("bucket").map(|a| &a.expr),
        Some(&Expr::String("logs".into()))
    );
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(b"a = 1\n");
    let file = parse_file("vars.tfvars", &bytes).expect("a BOM is allowed");
    assert_eq!(file.text, "a = 1\n");
    assert_eq!(file.body.attributes[0].lines, LineRange::new(1, 1));
}

#[test]
fn binary_and_non_utf8_files_are_refused_where_they_go_wrong() {
    let error = parse_file("x.tf", b"a = 1\nb = \"\x00\"\n").unwrap_err();
    assert_eq!((error.line, error.column), (2, 6));
    assert!(
        error.message.starts_with("binary file, not Terraform"),
        "{}",
        error.message
    );

    let error = parse_file("x.tf", b"a = 1\nb = \"caf\xE9\"\n").unwrap_err();
    assert_eq!(
        (error.path.as_str(), error.line, error.column),
        ("x.tf", 2, 9)
    );
    assert!(
        error.message.starts_with("file is not UTF-8 text"),
        "{}",
        error.message
    );
}

#[test]
fn parse_errors_name_file_line_and_column() {
    let error = parse_file(
        "modules/x/main.tf",
        b"resource \"a\" \"b\" {\n  acl \"private\"\n}\n",
    )
    .unwrap_err();
    assert_eq!(error.to_string().lines().count(), 1);
    assert!(
        error.to_string().starts_with("modules/x/main.tf:2:"),
        "{error}"
    );
    assert!(error.message.contains("'='"), "{error}");
}

#[test]
fn deep_nesting_is_an_error_at_the_point_it_goes_too_deep() {
    let text = format!("locals {{\n  x = {}\n}}\n", "[".repeat(100_000));
    let error = parse_file("deep.tf", text.as_bytes()).unwrap_err();
    // `locals {` is one level, so the limit is crossed by the bracket number MAX_NESTING of
    // line 2, whose first bracket is in column 7.
    assert_eq!((error.line, error.column), (2, 7 + MAX_NESTING as u32 - 1));
    assert!(
        error.message.contains("nested more than 128 levels"),
        "{}",
        error.message
    );

    let json = "[".repeat(100_000);
    let error = parse_file("deep.tf.json", json.as_bytes()).unwrap_err();
    assert_eq!(error.line, 1);
    assert!(
        error.message.contains("nested more than 128 levels"),
        "{}",
        error.message
    );
}

#[test]
fn nothing_panics_on_odd_input() {
    let inputs: [&[u8]; 12] = [
        b"",
        b"\n\n",
        b"}",
        b"a = ",
        b"a = \"${",
        b"a = <<EOT",
        b"a = <<-EOT\n",
        b"\xEF\xBB\xBF",
        b"\xFF\xFE",
        b"resource \"a\" {",
        b"a = {for}",
        b"a = [for x in y : x if]",
    ];
    for input in inputs {
        for name in ["x.tf", "x.tfvars", "x.tf.json", "x.tfvars.json"] {
            let _ = parse_file(name, input);
        }
    }
    for text in [
        "{",
        "[",
        "(",
        "\"${",
        "{a=",
        "[for x in [",
        "-",
        "!",
        "a.b[",
        "f(",
    ] {
        // Just under the pre-scan's limit, hcl-edit's own limit (64 levels) must answer, on a
        // test thread's small stack.
        for count in [MAX_NESTING / 2, MAX_NESTING - 2, 1000] {
            let deep = text.repeat(count);
            assert!(parse_file("x.tf", format!("a = {deep}").as_bytes()).is_err());
            assert!(tfscan_hcl::parse_expression(&deep).is_err());
            assert!(tfscan_hcl::parse_template(&deep).is_err() || !text.contains('$'));
        }
    }
    let blocks = "a {\n".repeat(MAX_NESTING - 1) + &"}\n".repeat(MAX_NESTING - 1);
    assert!(parse_file("x.tf", blocks.as_bytes()).is_err());
    let operators = format!("a = {}1", "1 + ".repeat(10_000));
    assert!(parse_file("x.tf", operators.as_bytes()).is_err());
}

#[test]
fn variable_files_hold_attributes_only() {
    let file = parse(
        "prod.tfvars",
        "region = \"eu-west-1\"\ncount = 3\ntags = { a = 1 }\n",
    );
    assert_eq!(file.kind, FileKind::VariableValues);
    let names: Vec<_> = file
        .body
        .attributes
        .iter()
        .map(|a| a.name.as_str())
        .collect();
    assert_eq!(names, ["region", "count", "tags"]);

    let error = parse_file("prod.tfvars", b"a = 1\n\nvariable \"x\" {\n}\n").unwrap_err();
    assert_eq!((error.path.as_str(), error.line), ("prod.tfvars", 3));
    assert!(
        error.message.contains("`variable` block on line 3"),
        "{}",
        error.message
    );
}

#[test]
fn repeated_object_keys_in_the_corpus_parse_and_keep_both_entries() {
    let shared = std::env::var_os("TFSCAN_SHARED").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared"),
        std::path::PathBuf::from,
    );
    let examples = shared.join("corpus/terraform-aws-alb/examples");
    if !examples.is_dir() {
        println!(
            "SKIPPED: {} is absent (set TFSCAN_SHARED)",
            examples.display()
        );
        return;
    }
    for (example, group) in [
        ("complete-alb", "ex-instance"),
        ("mutual-auth-alb", "ex-instance"),
    ] {
        let path = examples.join(example).join("main.tf");
        let bytes = std::fs::read(&path).expect("the corpus file can be read");
        assert!(
            hcl_edit_rejects(&bytes),
            "{example}: hcl-edit alone is expected to reject this file"
        );
        let file = parse_file("main.tf", &bytes).unwrap_or_else(|error| panic!("{error}"));
        let module = file
            .body
            .blocks
            .iter()
            .find(|b| b.kind == "module")
            .expect("a module call");
        let Some(Expr::Object(groups)) = module.body.attribute("target_groups").map(|a| &a.expr)
        else {
            panic!("{example}: target_groups is an object");
        };
        let Some((_, Expr::Object(entries))) = groups
            .iter()
            .find(|(key, _)| *key == ObjectKey::Name(group.into()))
        else {
            panic!("{example}: {group} is an object");
        };
        let ports: Vec<_> = entries
            .iter()
            .filter(|(key, _)| *key == ObjectKey::Name("port".into()))
            .map(|(_, value)| value)
            .collect();
        assert_eq!(
            ports,
            [&Expr::Number(80.0), &Expr::Number(80.0)],
            "{example}"
        );
    }
}

fn hcl_edit_rejects(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    hcl_edit::parser::parse_body(&text)
        .is_err_and(|error| error.message().contains("redefined object key"))
}

/// Every prefix of a file, and the file with bytes swapped for characters that matter to the
/// grammar, gives a file or an error: never a panic.
#[test]
fn damaged_files_never_panic() {
    let json = r#"{"resource": {"a": {"b": {"c": "${x[0]}", "d": [{"e": {"f": 1}}]}}}}"#;
    let texts = [
        MAIN_TF,
        json,
        "a = <<-EOT\n  %{ for x in y ~}\n  ${x}\n  %{ endfor }\n  EOT\n",
    ];
    let specials = b"{}[]()\"$%~<-=:,.*#/\\\n\r\0\xff";
    let mut seed: u32 = 0x2545_f491;
    for text in texts {
        let bytes = text.as_bytes();
        for end in 0..=bytes.len() {
            for name in ["x.tf", "x.tfvars", "x.tf.json"] {
                let _ = parse_file(name, &bytes[..end]);
            }
        }
        for _ in 0..1000 {
            let mut damaged = bytes.to_vec();
            for _ in 0..3 {
                seed ^= seed << 13;
                seed ^= seed >> 17;
                seed ^= seed << 5;
                let at = seed as usize % damaged.len();
                damaged[at] = specials[(seed >> 8) as usize % specials.len()];
            }
            for name in ["x.tf", "x.tf.json"] {
                let _ = parse_file(name, &damaged);
            }
            if let Ok(text) = std::str::from_utf8(&damaged) {
                let _ = tfscan_hcl::parse_expression(text);
                let _ = tfscan_hcl::parse_template(text);
            }
        }
    }
}
