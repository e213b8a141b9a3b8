//! Every kind of expression of the native syntax, as the model holds it.

use tfscan_core::syntax::{
    BinaryOperator, Conditional, Expr, ForExpr, FunctionCall, ObjectKey, Operator, TemplatePart,
    UnaryOperator,
};
use tfscan_hcl::parse_expression;

fn parse(text: &str) -> Expr {
    match parse_expression(text) {
        Ok(expr) => expr,
        Err(error) => panic!("{text:?} does not parse: {error}"),
    }
}

fn var(name: &str) -> Expr {
    Expr::Variable(name.to_owned())
}

fn string(text: &str) -> Expr {
    Expr::String(text.to_owned())
}

fn name(key: &str) -> ObjectKey {
    ObjectKey::Name(key.to_owned())
}

fn get(expr: Expr, attributes: &[&str]) -> Expr {
    Expr::Traversal(
        Box::new(expr),
        attributes
            .iter()
            .map(|attribute| Operator::GetAttr((*attribute).to_owned()))
            .collect(),
    )
}

#[test]
fn literals() {
    assert_eq!(parse("null"), Expr::Null);
    assert_eq!(parse("true"), Expr::Bool(true));
    assert_eq!(parse("false"), Expr::Bool(false));
    assert_eq!(parse("42"), Expr::Number(42.0));
    assert_eq!(parse("1.5e3"), Expr::Number(1500.0));
    assert_eq!(parse("-3"), Expr::Number(-3.0));
    assert_eq!(parse("\"plain\""), string("plain"));
}

#[test]
fn string_escapes_are_decoded() {
    assert_eq!(parse(r#""a\nb\t\"q\"\\""#), string("a\nb\t\"q\"\\"));
    assert_eq!(parse(r#""\u00e9\U0001F600""#), string("é😀"));
    assert_eq!(parse(r#""$${not} %%{not}""#), string("${not} %{not}"));
}

#[test]
fn interpolation_makes_a_template() {
    assert_eq!(
        parse(r#""arn:${var.partition}:s3""#),
        Expr::Template(vec![
            TemplatePart::Literal("arn:".into()),
            TemplatePart::Interpolation(get(var("var"), &["partition"])),
            TemplatePart::Literal(":s3".into()),
        ])
    );
}

#[test]
fn tuples_and_objects() {
    assert_eq!(
        parse("[1, \"a\", [],]"),
        Expr::Tuple(vec![Expr::Number(1.0), string("a"), Expr::Tuple(vec![]),])
    );
    assert_eq!(
        parse("{ a = 1, \"b c\" = 2, (var.k) = 3, \"${x}\" = 4, d: 5 }"),
        Expr::Object(vec![
            (name("a"), Expr::Number(1.0)),
            (name("b c"), Expr::Number(2.0)),
            (
                ObjectKey::Expr(Expr::Parenthesis(Box::new(get(var("var"), &["k"])))),
                Expr::Number(3.0)
            ),
            (
                ObjectKey::Expr(Expr::Template(vec![TemplatePart::Interpolation(var("x"))])),
                Expr::Number(4.0)
            ),
            (name("d"), Expr::Number(5.0)),
        ])
    );
}

#[test]
fn repeated_object_keys_are_kept_in_order() {
    let expected = Expr::Object(vec![
        (name("port"), Expr::Number(80.0)),
        (name("protocol"), string("HTTP")),
        (name("port"), Expr::Number(443.0)),
    ]);
    assert_eq!(
        parse("{\n  port = 80\n  protocol = \"HTTP\"\n  port = 443\n}"),
        expected
    );
    assert_eq!(
        parse("{ \"port\" = 80, protocol = \"HTTP\", \"port\" = 443 }"),
        expected
    );
    assert_eq!(
        parse("{ a = { x = 1, x = 2 }, a = 3 }"),
        Expr::Object(vec![
            (
                name("a"),
                Expr::Object(vec![
                    (name("x"), Expr::Number(1.0)),
                    (name("x"), Expr::Number(2.0))
                ])
            ),
            (name("a"), Expr::Number(3.0)),
        ])
    );
}

#[test]
fn traversals() {
    assert_eq!(
        parse("aws_s3_bucket.logs[0].arn"),
        Expr::Traversal(
            Box::new(var("aws_s3_bucket")),
            vec![
                Operator::GetAttr("logs".into()),
                Operator::Index(Expr::Number(0.0)),
                Operator::GetAttr("arn".into()),
            ]
        )
    );
    assert_eq!(
        parse("a.0.b"),
        Expr::Traversal(
            Box::new(var("a")),
            vec![Operator::LegacyIndex(0), Operator::GetAttr("b".into())]
        )
    );
    assert_eq!(
        parse("a.*.id"),
        Expr::Traversal(
            Box::new(var("a")),
            vec![Operator::AttrSplat, Operator::GetAttr("id".into())]
        )
    );
    assert_eq!(
        parse("a[*].id"),
        Expr::Traversal(
            Box::new(var("a")),
            vec![Operator::FullSplat, Operator::GetAttr("id".into())]
        )
    );
    assert_eq!(
        parse("each.value[\"k\"]"),
        Expr::Traversal(
            Box::new(var("each")),
            vec![
                Operator::GetAttr("value".into()),
                Operator::Index(string("k"))
            ]
        )
    );
}

#[test]
fn function_calls() {
    assert_eq!(
        parse("merge(var.a, { b = 1 })"),
        Expr::FunctionCall(Box::new(FunctionCall {
            name: "merge".into(),
            args: vec![
                get(var("var"), &["a"]),
                Expr::Object(vec![(name("b"), Expr::Number(1.0))]),
            ],
            expand_final: false,
        }))
    );
    assert_eq!(
        parse("concat(local.lists...)"),
        Expr::FunctionCall(Box::new(FunctionCall {
            name: "concat".into(),
            args: vec![get(var("local"), &["lists"])],
            expand_final: true,
        }))
    );
    assert_eq!(
        parse("provider::aws::arn_parse(x)"),
        Expr::FunctionCall(Box::new(FunctionCall {
            name: "provider::aws::arn_parse".into(),
            args: vec![var("x")],
            expand_final: false,
        }))
    );
}

#[test]
fn operators_follow_precedence() {
    assert_eq!(
        parse("!a || b && c == 1 + 2 * 3"),
        Expr::Binary(
            BinaryOperator::Or,
            Box::new(Expr::Unary(UnaryOperator::Not, Box::new(var("a")))),
            Box::new(Expr::Binary(
                BinaryOperator::And,
                Box::new(var("b")),
                Box::new(Expr::Binary(
                    BinaryOperator::Eq,
                    Box::new(var("c")),
                    Box::new(Expr::Binary(
                        BinaryOperator::Add,
                        Box::new(Expr::Number(1.0)),
                        Box::new(Expr::Binary(
                            BinaryOperator::Mul,
                            Box::new(Expr::Number(2.0)),
                            Box::new(Expr::Number(3.0)),
                        )),
                    )),
                )),
            )),
        )
    );
    for (text, operator) in [
        ("a != b", BinaryOperator::NotEq),
        ("a <= b", BinaryOperator::LessEq),
        ("a >= b", BinaryOperator::GreaterEq),
        ("a < b", BinaryOperator::Less),
        ("a > b", BinaryOperator::Greater),
        ("a / b", BinaryOperator::Div),
        ("a % b", BinaryOperator::Mod),
        ("a - b", BinaryOperator::Sub),
    ] {
        assert_eq!(
            parse(text),
            Expr::Binary(operator, Box::new(var("a")), Box::new(var("b")))
        );
    }
    assert_eq!(
        parse("-x"),
        Expr::Unary(UnaryOperator::Neg, Box::new(var("x")))
    );
    assert_eq!(parse("(1)"), Expr::Parenthesis(Box::new(Expr::Number(1.0))));
}

#[test]
fn conditionals() {
    assert_eq!(
        parse("var.on ? \"yes\" : null"),
        Expr::Conditional(Box::new(Conditional {
            condition: get(var("var"), &["on"]),
            true_expr: string("yes"),
            false_expr: Expr::Null,
        }))
    );
}

#[test]
fn for_expressions() {
    assert_eq!(
        parse("[for s in var.list : upper(s) if s != \"\"]"),
        Expr::For(Box::new(ForExpr {
            key_var: None,
            value_var: "s".into(),
            collection: get(var("var"), &["list"]),
            key: None,
            value: Expr::FunctionCall(Box::new(FunctionCall {
                name: "upper".into(),
                args: vec![var("s")],
                expand_final: false,
            })),
            condition: Some(Expr::Binary(
                BinaryOperator::NotEq,
                Box::new(var("s")),
                Box::new(string("")),
            )),
            grouping: false,
        }))
    );
    assert_eq!(
        parse("{for k, v in var.map : v => k...}"),
        Expr::For(Box::new(ForExpr {
            key_var: Some("k".into()),
            value_var: "v".into(),
            collection: get(var("var"), &["map"]),
            key: Some(var("v")),
            value: var("k"),
            condition: None,
            grouping: true,
        }))
    );
}

#[test]
fn heredocs() {
    assert_eq!(parse("<<EOT\n  a\n    b\nEOT\n"), string("  a\n    b\n"));
    assert_eq!(
        parse("<<-EOT\n    a\n      b\n    EOT\n"),
        string("a\n  b\n")
    );
    assert_eq!(parse("<<-EOT\n\t\ta\n\t\tb\n\tEOT\n"), string("a\nb\n"));
    assert_eq!(
        parse("<<-EOT\n    x = ${var.x}\n    EOT\n"),
        Expr::Template(vec![
            TemplatePart::Literal("x = ".into()),
            TemplatePart::Interpolation(get(var("var"), &["x"])),
            TemplatePart::Literal("\n".into()),
        ])
    );
    assert_eq!(parse("<<EOT\nEOT\n"), string(""));
    assert_eq!(parse("<<EOT\r\nline\r\nEOT\r\n"), string("line\r\n"));
}

#[test]
fn errors_are_one_line_with_a_position() {
    let error = parse_expression("[1, 2").unwrap_err();
    assert_eq!((error.line, error.column), (1, 6));
    assert_eq!(error.message, "expected ']'; found the end of the text");
    let error = parse_expression("\n  [1,\n  x y]\n").unwrap_err();
    assert_eq!((error.line, error.column), (3, 5), "{error}");
    let error = parse_expression("  1 2").unwrap_err();
    assert_eq!((error.line, error.column), (1, 4), "{error}");
    assert_eq!(
        error.message,
        "expected the end of the expression; found '2'"
    );
    let error = parse_expression(&"[".repeat(100_000)).unwrap_err();
    assert_eq!(
        (error.line, error.column),
        (1, tfscan_hcl::MAX_NESTING as u32 + 1)
    );
    assert!(
        error.message.contains("nested more than 128 levels"),
        "{}",
        error.message
    );
    assert!(
        parse_expression(&"(".repeat(70)).is_err(),
        "hcl-edit's own limit holds too"
    );
}
