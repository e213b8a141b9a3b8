//! Terraform's JSON syntax (`.tf.json`, `.tfvars.json`) into the model.
//!
//! The top-level object holds block types; `resource` and `data` nest type, then name, then
//! the body; `module`, `variable`, `output` and `provider` nest one label. A body's keys are its
//! attributes and nested blocks, and JSON alone does not say which is which: Terraform decides
//! with the provider's schema, which tfscan does not have. The rule used here:
//!
//! - a key whose value is an object, or an array of objects, is a nested block (one block per
//!   object), `dynamic`, `provisioner` and `backend` taking one label from the object's keys;
//! - except where the value is known to be a map: `tags`, `tags_all`, `labels`, `variables`
//!   (as in `environment { variables = {...} }`), `triggers`, `parameters`, `metadata`,
//!   `inputs`, `for_each` anywhere; `default` and `type` in `variable`; `value` in `output`;
//!   every key of `locals`, of a `module` call (module arguments are all attributes) and of
//!   `required_providers`;
//! - everything else is an attribute; keys named `"//"` are comments and are dropped.
//!
//! A map-valued attribute that is missing from the list becomes a block, and its checks see a
//! block where Terraform sees an attribute.
//!
//! Strings are templates: `"${var.x}"` is an interpolation. The meta-arguments that Terraform
//! reads as references (`depends_on`, `provider`, a module call's `providers`,
//! `ignore_changes`, `replace_triggered_by`, a variable's `type`) are parsed as expressions, so
//! they look as in the native syntax. In a `.tfvars.json` file values are taken literally, as
//! Terraform does.

use tfscan_core::syntax::{
    Attribute, Block, Body, Expr, FileKind, LineRange, ObjectKey, ParseError,
};

use crate::errors::error_at;
use crate::json_reader::{self, Json, JsonValue, Member};
use crate::lines::LineIndex;
use crate::native;
use crate::template::parts_to_expr;

/// Keys whose object value is an attribute (a map) in any block.
const MAP_ATTRIBUTES: &[&str] = &[
    "tags",
    "tags_all",
    "labels",
    "variables",
    "triggers",
    "parameters",
    "metadata",
    "inputs",
    "for_each",
];

/// Parses the text of a `.tf.json` or `.tfvars.json` file.
pub(crate) fn parse_body(
    path: &str,
    text: &str,
    kind: FileKind,
    max_nesting: usize,
) -> Result<Body, ParseError> {
    let lines = LineIndex::new(text);
    let document = json_reader::read(text, max_nesting)
        .map_err(|error| error_at(path, &lines, error.offset, error.message))?;
    let JsonValue::Object(members) = &document.value else {
        return Err(error_at(
            path,
            &lines,
            document.start,
            "expected a JSON object at the top of the file",
        ));
    };

    let converter = JsonConverter {
        path,
        lines: &lines,
        kind,
        max_nesting,
    };
    match kind {
        FileKind::VariableValues => {
            let mut body = Body::default();
            for member in members {
                converter.check_unique(&body, member)?;
                body.attributes.push(converter.attribute("", member)?);
            }
            Ok(body)
        }
        FileKind::Configuration => {
            let mut body = Body::default();
            for member in members.iter().filter(|member| !is_comment(member)) {
                let label_count = top_level_labels(&member.key);
                let mut labels = Vec::new();
                converter.blocks(
                    &member.key,
                    label_count,
                    &mut labels,
                    member,
                    &mut body.blocks,
                )?;
            }
            Ok(body)
        }
    }
}

/// How many labels a top-level block type takes.
fn top_level_labels(kind: &str) -> usize {
    match kind {
        "resource" | "data" => 2,
        "module" | "variable" | "output" | "provider" | "check" => 1,
        _ => 0,
    }
}

/// How many labels a nested block type takes.
fn nested_labels(kind: &str) -> usize {
    match kind {
        "dynamic" | "provisioner" | "backend" => 1,
        _ => 0,
    }
}

fn is_comment(member: &Member) -> bool {
    member.key == "//"
}

/// Whether `key` in a `block_kind` body is an attribute even when its value is an object.
fn is_map_attribute(block_kind: &str, key: &str) -> bool {
    MAP_ATTRIBUTES.contains(&key)
        || matches!(block_kind, "locals" | "module" | "required_providers")
        || (block_kind == "variable" && matches!(key, "default" | "type"))
        || (block_kind == "output" && key == "value")
}

/// Whether `key` in a `block_kind` body holds references written as strings.
fn is_reference_attribute(block_kind: &str, key: &str) -> bool {
    match key {
        "depends_on" => true,
        "provider" => matches!(block_kind, "resource" | "data"),
        "ignore_changes" | "replace_triggered_by" => block_kind == "lifecycle",
        "type" => block_kind == "variable",
        "providers" => block_kind == "module",
        _ => false,
    }
}

struct JsonConverter<'a> {
    path: &'a str,
    lines: &'a LineIndex<'a>,
    kind: FileKind,
    max_nesting: usize,
}

impl JsonConverter<'_> {
    fn error(&self, offset: usize, message: impl Into<String>) -> ParseError {
        error_at(self.path, self.lines, offset, message)
    }

    /// The blocks of type `kind` under `member`, whose keys (when `labels` is not yet full)
    /// are the next labels. A block's lines run from its last label's key (or, for one of
    /// several bodies in an array, its opening brace) to its closing brace.
    fn blocks(
        &self,
        kind: &str,
        label_count: usize,
        labels: &mut Vec<String>,
        member: &Member,
        out: &mut Vec<Block>,
    ) -> Result<(), ParseError> {
        let value = &member.value;
        if labels.len() < label_count {
            for object in objects_in(value) {
                let JsonValue::Object(members) = &object.value else {
                    return Err(self.error(
                        object.start,
                        format!("expected an object whose keys name the `{kind}` blocks"),
                    ));
                };
                for inner in members.iter().filter(|inner| !is_comment(inner)) {
                    labels.push(inner.key.clone());
                    self.blocks(kind, label_count, labels, inner, out)?;
                    labels.pop();
                }
            }
            return Ok(());
        }

        let from_key = matches!(value.value, JsonValue::Object(_));
        for object in objects_in(value) {
            let JsonValue::Object(members) = &object.value else {
                return Err(self.error(
                    object.start,
                    format!("expected an object for the body of the `{kind}` block"),
                ));
            };
            let first = if from_key {
                member.key_start
            } else {
                object.start
            };
            out.push(Block {
                kind: kind.to_owned(),
                labels: labels.clone(),
                body: self.body(kind, members)?,
                lines: self.range(first, object.end),
            });
        }
        Ok(())
    }

    fn body(&self, kind: &str, members: &[Member]) -> Result<Body, ParseError> {
        let mut body = Body::default();
        for member in members.iter().filter(|member| !is_comment(member)) {
            if holds_objects(&member.value) && !is_map_attribute(kind, &member.key) {
                let mut labels = Vec::new();
                let label_count = nested_labels(&member.key);
                self.blocks(
                    &member.key,
                    label_count,
                    &mut labels,
                    member,
                    &mut body.blocks,
                )?;
                continue;
            }
            self.check_unique(&body, member)?;
            body.attributes.push(self.attribute(kind, member)?);
        }
        Ok(body)
    }

    /// Terraform refuses an attribute set twice in one body.
    fn check_unique(&self, body: &Body, member: &Member) -> Result<(), ParseError> {
        if body.attribute(&member.key).is_some() {
            return Err(self.error(
                member.key_start,
                format!("the attribute '{}' is set twice here", member.key),
            ));
        }
        Ok(())
    }

    fn attribute(&self, block_kind: &str, member: &Member) -> Result<Attribute, ParseError> {
        let references =
            self.kind == FileKind::Configuration && is_reference_attribute(block_kind, &member.key);
        let expr = if references {
            self.reference_expr(&member.value)?
        } else {
            self.expr(&member.value)?
        };
        Ok(Attribute {
            name: member.key.clone(),
            expr,
            lines: self.range(member.key_start, member.value.end),
        })
    }

    fn expr(&self, json: &Json) -> Result<Expr, ParseError> {
        Ok(match &json.value {
            JsonValue::Null => Expr::Null,
            JsonValue::Bool(value) => Expr::Bool(*value),
            JsonValue::Number(value) => Expr::Number(*value),
            JsonValue::String(text) => self.string_expr(text, json.start)?,
            JsonValue::Array(items) => Expr::Tuple(
                items
                    .iter()
                    .map(|item| self.expr(item))
                    .collect::<Result<_, _>>()?,
            ),
            JsonValue::Object(members) => {
                let mut entries = Vec::with_capacity(members.len());
                for member in members {
                    let key = match self.string_expr(&member.key, member.key_start)? {
                        Expr::String(name) => ObjectKey::Name(name),
                        key => ObjectKey::Expr(key),
                    };
                    entries.push((key, self.expr(&member.value)?));
                }
                Expr::Object(entries)
            }
        })
    }

    /// A JSON string: a template in configuration files, literal text in variable files.
    fn string_expr(&self, text: &str, start: usize) -> Result<Expr, ParseError> {
        if self.kind == FileKind::VariableValues || !(text.contains("${") || text.contains("%{")) {
            return Ok(Expr::String(text.to_owned()));
        }
        let parts = native::parse_template(self.path, text, self.max_nesting)
            .map_err(|error| self.error(start, format!("in this string: {}", error.message)))?;
        Ok(parts_to_expr(parts))
    }

    /// A string (or an array or object of strings) that Terraform reads as an expression:
    /// `"aws.west"`, `["aws_s3_bucket.logs"]`, `{"aws": "aws.west"}`.
    fn reference_expr(&self, json: &Json) -> Result<Expr, ParseError> {
        match &json.value {
            JsonValue::String(text) => native::parse_expression(self.path, text, self.max_nesting)
                .map_err(|error| {
                    self.error(json.start, format!("in this string: {}", error.message))
                }),
            JsonValue::Array(items) => Ok(Expr::Tuple(
                items
                    .iter()
                    .map(|item| self.reference_expr(item))
                    .collect::<Result<_, _>>()?,
            )),
            JsonValue::Object(members) => Ok(Expr::Object(
                members
                    .iter()
                    .map(|member| {
                        let value = self.reference_expr(&member.value)?;
                        Ok((ObjectKey::Name(member.key.clone()), value))
                    })
                    .collect::<Result<_, ParseError>>()?,
            )),
            _ => self.expr(json),
        }
    }

    fn range(&self, start: usize, end: usize) -> LineRange {
        self.lines.range(&(start..end))
    }
}

/// The objects a block key holds: the object itself, or each element of an array.
fn objects_in(json: &Json) -> Vec<&Json> {
    match &json.value {
        JsonValue::Array(items) => items.iter().collect(),
        _ => vec![json],
    }
}

/// An object, or a non-empty array of objects: what a nested block looks like.
fn holds_objects(json: &Json) -> bool {
    match &json.value {
        JsonValue::Object(_) => true,
        JsonValue::Array(items) => {
            !items.is_empty()
                && items
                    .iter()
                    .all(|item| matches!(item.value, JsonValue::Object(_)))
        }
        _ => false,
    }
}
