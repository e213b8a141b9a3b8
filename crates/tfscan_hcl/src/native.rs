//! Terraform's native syntax (`.tf`, `.tfvars`) through hcl-edit into the model.

use hcl_edit::structure::{self as hcl, Structure};
use hcl_edit::Span;
use tfscan_core::syntax::{Attribute, Block, Body, FileKind, ParseError};

use crate::delimiters;
use crate::errors::{error_at, from_hcl_edit, Grammar};
use crate::expr::Converter;
use crate::lines::LineIndex;
use crate::nesting::{self, Start};
use crate::repeated_keys;

/// Parses the text of a `.tf` or `.tfvars` file.
pub(crate) fn parse_body(
    path: &str,
    text: &str,
    kind: FileKind,
    max_nesting: usize,
) -> Result<Body, ParseError> {
    nesting::check(path, text, Start::Code, max_nesting)?;
    let (parsed, renamed_keys) =
        repeated_keys::parse(text, hcl_edit::parser::parse_body).map_err(|error| {
            // A string, comment, heredoc or bracket that is not closed is named where it opens;
            // hcl-edit reports such a mistake where its backtracking ended.
            match delimiters::unclosed(text, error.location().offset()) {
                Some(problem) => {
                    error_at(path, &LineIndex::new(text), problem.offset, problem.message)
                }
                None => from_hcl_edit(path, text, Grammar::Body, &error),
            }
        })?;

    let lines = LineIndex::new(text);
    let converter = BodyConverter {
        lines: &lines,
        expressions: Converter::new(text, &renamed_keys),
    };
    let body = converter.body(&parsed);

    if kind == FileKind::VariableValues {
        if let Some(block) = body.blocks.first() {
            return Err(ParseError {
                path: path.to_owned(),
                line: block.lines.first,
                column: 1,
                message: format!(
                    "a variable values file holds only `name = value` lines; found a `{}` block \
                     on line {}",
                    block.kind, block.lines.first
                ),
            });
        }
    }
    Ok(body)
}

/// Parses one expression, as `terraform console` would read it: whitespace around it is
/// allowed (hcl-edit's expression parser takes none).
pub(crate) fn parse_expression(
    path: &str,
    text: &str,
    max_nesting: usize,
) -> Result<tfscan_core::syntax::Expr, ParseError> {
    nesting::check(path, text, Start::Code, max_nesting)?;
    let leading = text
        .get(..text.len() - text.trim_start().len())
        .unwrap_or_default();
    let expression = text.trim();
    let (parsed, renamed_keys) = repeated_keys::parse(expression, hcl_edit::parser::parse_expr)
        .map_err(|error| {
            let error = from_hcl_edit(path, expression, Grammar::Expression, &error);
            after_leading_whitespace(error, leading)
        })?;
    Ok(Converter::new(expression, &renamed_keys).expr(&parsed))
}

/// Moves an error found in a text to where it is once `leading` is put back in front.
fn after_leading_whitespace(mut error: ParseError, leading: &str) -> ParseError {
    if error.line == 1 {
        let last_line = leading.rsplit('\n').next().unwrap_or_default();
        error.column += last_line.chars().count() as u32;
    }
    error.line += leading.matches('\n').count() as u32;
    error
}

/// Parses a template (the contents of a template file, or of a JSON string).
pub(crate) fn parse_template(
    path: &str,
    text: &str,
    max_nesting: usize,
) -> Result<Vec<tfscan_core::syntax::TemplatePart>, ParseError> {
    nesting::check(path, text, Start::Template, max_nesting)?;
    let (parsed, renamed_keys) = repeated_keys::parse(text, hcl_edit::parser::parse_template)
        .map_err(|error| from_hcl_edit(path, text, Grammar::Template, &error))?;
    Ok(Converter::new(text, &renamed_keys).template(&parsed))
}

struct BodyConverter<'a> {
    lines: &'a LineIndex<'a>,
    expressions: Converter<'a>,
}

impl BodyConverter<'_> {
    fn body(&self, body: &hcl::Body) -> Body {
        let mut converted = Body::default();
        for structure in body {
            match structure {
                Structure::Attribute(attribute) => {
                    converted.attributes.push(self.attribute(attribute));
                }
                Structure::Block(block) => converted.blocks.push(self.block(block)),
            }
        }
        converted
    }

    fn attribute(&self, attribute: &hcl::Attribute) -> Attribute {
        Attribute {
            name: attribute.key.value().as_str().to_owned(),
            expr: self.expressions.expr(&attribute.value),
            lines: attribute
                .span()
                .map(|span| self.lines.range(&span))
                .unwrap_or_default(),
        }
    }

    fn block(&self, block: &hcl::Block) -> Block {
        Block {
            kind: block.ident.value().as_str().to_owned(),
            labels: block
                .labels
                .iter()
                .map(|label| label.as_str().to_owned())
                .collect(),
            body: self.body(&block.body),
            lines: block
                .span()
                .map(|span| self.lines.range(&span))
                .unwrap_or_default(),
        }
    }
}
