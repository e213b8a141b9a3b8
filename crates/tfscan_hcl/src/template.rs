//! hcl-edit templates (quoted strings with `${...}` or `%{...}`, heredocs, template files) into
//! the model's [`TemplatePart`]s. hcl-edit records strip markers (`~`) but leaves the
//! whitespace in place; Terraform removes it, and so does this conversion, so the model holds
//! the text exactly as it will be rendered.

use hcl_edit::template::{Directive, Element, Template};
use tfscan_core::syntax::{Expr, TemplatePart};

use crate::expr::Converter;

impl Converter<'_> {
    /// A template as an expression: a plain string when nothing in it is interpolated.
    pub(crate) fn template_expr<'e>(self, elements: impl IntoIterator<Item = &'e Element>) -> Expr {
        parts_to_expr(self.template_parts(elements, false, false))
    }

    /// The parts of a template. `strip_first` and `strip_last` ask for the whitespace at the
    /// start of the first and the end of the last literal to be removed: the strip markers of
    /// the directive around this template say so.
    pub(crate) fn template_parts<'e>(
        self,
        elements: impl IntoIterator<Item = &'e Element>,
        strip_first: bool,
        strip_last: bool,
    ) -> Vec<TemplatePart> {
        let mut parts = Vec::new();
        // Set when the previous element ended with `~}`: the next literal loses its leading
        // whitespace.
        let mut strip_next = strip_first;

        for element in elements {
            let strip_this = std::mem::take(&mut strip_next);
            match element {
                Element::Literal(text) => {
                    let text = if strip_this {
                        text.trim_start()
                    } else {
                        text.as_str()
                    };
                    push_literal(&mut parts, text);
                }
                Element::Interpolation(interpolation) => {
                    if interpolation.strip.strip_start() {
                        trim_last_literal(&mut parts);
                    }
                    parts.push(TemplatePart::Interpolation(self.expr(&interpolation.expr)));
                    strip_next = interpolation.strip.strip_end();
                }
                Element::Directive(directive) => match directive.as_ref() {
                    Directive::If(directive) => {
                        let if_part = &directive.if_expr;
                        let endif = &directive.endif_expr;
                        if if_part.strip.strip_start() {
                            trim_last_literal(&mut parts);
                        }
                        let then_strips_end = directive
                            .else_expr
                            .as_ref()
                            .map_or(endif.strip.strip_start(), |else_part| {
                                else_part.strip.strip_start()
                            });
                        let then_parts = self.template_parts(
                            &if_part.template,
                            if_part.strip.strip_end(),
                            then_strips_end,
                        );
                        let else_parts = directive.else_expr.as_ref().map_or_else(Vec::new, |e| {
                            self.template_parts(
                                &e.template,
                                e.strip.strip_end(),
                                endif.strip.strip_start(),
                            )
                        });
                        parts.push(TemplatePart::If {
                            condition: self.expr(&if_part.cond_expr),
                            then_parts,
                            else_parts,
                        });
                        strip_next = endif.strip.strip_end();
                    }
                    Directive::For(directive) => {
                        let for_part = &directive.for_expr;
                        let endfor = &directive.endfor_expr;
                        if for_part.strip.strip_start() {
                            trim_last_literal(&mut parts);
                        }
                        parts.push(TemplatePart::For {
                            key_var: for_part
                                .key_var
                                .as_ref()
                                .map(|name| name.value().as_str().to_owned()),
                            value_var: for_part.value_var.value().as_str().to_owned(),
                            collection: self.expr(&for_part.collection_expr),
                            body: self.template_parts(
                                &for_part.template,
                                for_part.strip.strip_end(),
                                endfor.strip.strip_start(),
                            ),
                        });
                        strip_next = endfor.strip.strip_end();
                    }
                },
            }
        }

        if strip_last {
            trim_last_literal(&mut parts);
        }
        parts
    }

    /// A whole template (a template file, or a string of Terraform's JSON syntax).
    pub(crate) fn template(self, template: &Template) -> Vec<TemplatePart> {
        self.template_parts(template, false, false)
    }
}

/// A plain string when every part is literal text, a template otherwise.
pub(crate) fn parts_to_expr(parts: Vec<TemplatePart>) -> Expr {
    if parts
        .iter()
        .all(|part| matches!(part, TemplatePart::Literal(_)))
    {
        let mut text = String::new();
        for part in parts {
            if let TemplatePart::Literal(literal) = part {
                text.push_str(&literal);
            }
        }
        return Expr::String(text);
    }
    Expr::Template(parts)
}

/// Appends literal text, joining it to a literal just before it; empty text adds nothing.
fn push_literal(parts: &mut Vec<TemplatePart>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(TemplatePart::Literal(last)) = parts.last_mut() {
        last.push_str(text);
    } else {
        parts.push(TemplatePart::Literal(text.to_owned()));
    }
}

/// Removes the whitespace at the end of the last part, if that part is literal text.
fn trim_last_literal(parts: &mut Vec<TemplatePart>) {
    if let Some(TemplatePart::Literal(last)) = parts.last_mut() {
        let kept = last.trim_end().len();
        last.truncate(kept);
        if last.is_empty() {
            parts.pop();
        }
    }
}
