//! Templates: interpolations, `%{if}` and `%{for}` directives, and the whitespace that strip
//! markers (`~`) remove, in template files and in quoted strings.

use tfscan_core::syntax::{Expr, TemplatePart};
use tfscan_hcl::{parse_expression, parse_template};

fn literal(text: &str) -> TemplatePart {
    TemplatePart::Literal(text.to_owned())
}

fn interpolate(name: &str) -> TemplatePart {
    TemplatePart::Interpolation(Expr::Variable(name.to_owned()))
}

fn template(text: &str) -> Vec<TemplatePart> {
    match parse_template(text) {
        Ok(parts) => parts,
        Err(error) => panic!("{text:?} does not parse: {error}"),
    }
}

#[test]
fn literal_text_and_interpolations() {
    assert_eq!(
        template("Hello, ${name}!"),
        [literal("Hello, "), interpolate("name"), literal("!")]
    );
    assert_eq!(template("no markers"), [literal("no markers")]);
    assert_eq!(template(""), []);
    assert_eq!(
        template("$${kept} %%{kept} \\n stays"),
        [literal("${kept} %{kept} \\n stays")],
        "a template file decodes only the marker escapes"
    );
}

#[test]
fn strip_markers_remove_whitespace_next_to_them() {
    assert_eq!(
        template("a  ${~ x ~}  b"),
        [literal("a"), interpolate("x"), literal("b")]
    );
    assert_eq!(
        template("a \n ${~ x} b"),
        [literal("a"), interpolate("x"), literal(" b")]
    );
    assert_eq!(
        template("a ${x ~}\n\n b"),
        [literal("a "), interpolate("x"), literal("b")]
    );
    assert_eq!(
        template("${x ~}   "),
        [interpolate("x")],
        "a literal stripped to nothing goes"
    );
}

#[test]
fn if_directives() {
    assert_eq!(
        template("%{ if on }yes%{ else }no%{ endif }"),
        [TemplatePart::If {
            condition: Expr::Variable("on".into()),
            then_parts: vec![literal("yes")],
            else_parts: vec![literal("no")],
        }]
    );
    assert_eq!(
        template("begin\n%{~ if on ~}\n  yes\n%{~ else ~}\n  no\n%{~ endif ~}\nend"),
        [
            literal("begin"),
            TemplatePart::If {
                condition: Expr::Variable("on".into()),
                then_parts: vec![literal("yes")],
                else_parts: vec![literal("no")],
            },
            literal("end"),
        ]
    );
    assert_eq!(
        template("%{ if on ~}\n  yes \n%{ endif }"),
        [TemplatePart::If {
            condition: Expr::Variable("on".into()),
            then_parts: vec![literal("yes \n")],
            else_parts: vec![],
        }]
    );
}

#[test]
fn for_directives() {
    assert_eq!(
        template("%{ for k, v in items ~}\n${k}=${v}\n%{ endfor ~}\ntail"),
        [
            TemplatePart::For {
                key_var: Some("k".into()),
                value_var: "v".into(),
                collection: Expr::Variable("items".into()),
                body: vec![
                    interpolate("k"),
                    literal("="),
                    interpolate("v"),
                    literal("\n")
                ],
            },
            literal("tail"),
        ]
    );
    assert_eq!(
        template("%{for x in xs}${x},%{endfor}"),
        [TemplatePart::For {
            key_var: None,
            value_var: "x".into(),
            collection: Expr::Variable("xs".into()),
            body: vec![interpolate("x"), literal(",")],
        }]
    );
}

#[test]
fn directives_in_quoted_strings_and_heredocs() {
    assert_eq!(
        parse_expression("\"%{ if on }a%{ endif }\"").unwrap(),
        Expr::Template(vec![TemplatePart::If {
            condition: Expr::Variable("on".into()),
            then_parts: vec![literal("a")],
            else_parts: vec![],
        }])
    );
    assert_eq!(
        parse_expression("<<-EOT\n  %{~ for x in xs ~}\n  ${x}\n  %{~ endfor ~}\n  EOT\n").unwrap(),
        Expr::Template(vec![TemplatePart::For {
            key_var: None,
            value_var: "x".into(),
            collection: Expr::Variable("xs".into()),
            body: vec![interpolate("x")],
        }])
    );
}

#[test]
fn template_errors_say_where() {
    let error = parse_template("line one\nvalue: ${x").unwrap_err();
    assert_eq!(
        (error.path.as_str(), error.line, error.column),
        ("<template>", 2, 11)
    );
    assert_eq!(error.message, "expected '}'; found the end of the text");
    let error = parse_template("%{ if x }never closed").unwrap_err();
    assert!(error.message.contains("%{endif}"), "{}", error.message);
    let error = parse_template(&"${".repeat(100_000)).unwrap_err();
    assert!(
        error.message.contains("nested more than 128"),
        "{}",
        error.message
    );
}
