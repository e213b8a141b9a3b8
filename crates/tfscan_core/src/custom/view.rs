//! A block as Checkov's policy engine sees it: one flat map from dotted paths to values, where
//! policies' attributes are looked up. Checkov builds it from its own parse; tfscan builds the
//! same shape from the evaluated block, following what Checkov 3.3.30 makes of each kind of
//! value (measured on its graph, see tests/custom_policies):
//!
//! - every attribute under its name, and every value inside it under `name.key` (maps) and
//!   `name.0` (lists): `tags.Owner`, `cidr_blocks.0`;
//! - a nested block written once is a map (`versioning.enabled`, never `versioning.0.enabled`),
//!   written several times a list (`rule.0.id`, `rule.1.id`);
//! - inside a map, a list of one value stands for the value (`{ x = ["a"] }` reads `x = "a"`);
//! - a string holding a JSON object or array (`jsonencode(...)`, a heredoc policy) is read as
//!   the JSON value;
//! - the strings `"true"` and `"false"` are booleans.

use alloc::collections::BTreeMap;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;

use super::document::json_to_py;
use super::python::Py;
use crate::syntax::{Block, Body};
use crate::value::Value;

/// The flat map of one block, and its Checkov type (`aws_s3_bucket`, `data.aws_ami`,
/// `provider.aws`).
#[derive(Debug, Clone, Default)]
pub struct View {
    pub entries: BTreeMap<String, Py>,
}

impl View {
    /// The view of a block instance: its evaluated `attributes` (an object) and the syntax of
    /// its `body`, which tells nested blocks from attributes.
    pub fn of(resource_type: &str, attributes: &Value, body: &Body) -> View {
        let mut view = View::default();
        if let Value::Object(map) = attributes {
            for (name, value) in map {
                let key = if name == "resource_type" {
                    // Checkov keeps its own `resource_type` and reads a block's attribute of
                    // that name as `_resource_type`.
                    String::from("_resource_type")
                } else {
                    name.clone()
                };
                match nested_block(body, name) {
                    Some(template) => view.add_blocks(&key, value, template),
                    None => view.add_attribute(&key, value),
                }
            }
        }
        view.entries.insert(
            String::from("resource_type"),
            Py::Str(String::from(resource_type)),
        );
        view
    }

    /// The value at a dotted path, as Python's `dict.get` (None when absent).
    pub fn get(&self, key: &str) -> Option<&Py> {
        self.entries.get(key)
    }

    fn add_attribute(&mut self, key: &str, value: &Value) {
        if let Some(json) = json_text(value) {
            // The decoded value stands as it is; the paths into it see lists of one value
            // as that value, as for maps.
            let unwrapped = unwrap_inside(&json);
            self.entries.insert(String::from(key), json);
            self.flatten(key, &unwrapped);
            return;
        }
        let py = unwrap_inside(&Py::from_value(value));
        self.flatten(key, &py);
        self.entries.insert(String::from(key), py);
    }

    /// A nested block type: one block is a map, several a list.
    fn add_blocks(&mut self, key: &str, value: &Value, template: &Body) {
        let blocks: Vec<Py> = match value {
            Value::List(items) => items
                .iter()
                .map(|item| block_value(item, template))
                .collect(),
            other => alloc::vec![Py::from_value(other)],
        };
        let py = match <[Py; 1]>::try_from(blocks) {
            Ok([single]) => single,
            Err(blocks) => Py::List(blocks),
        };
        self.flatten(key, &py);
        self.entries.insert(String::from(key), py);
    }

    /// Adds every value inside `value` under `prefix.key` / `prefix.index`.
    fn flatten(&mut self, prefix: &str, value: &Py) {
        match value {
            Py::Dict(entries) => {
                for (key, item) in entries {
                    if key.is_empty() {
                        continue;
                    }
                    let path = format!("{prefix}.{key}");
                    self.flatten(&path, item);
                    self.entries.insert(path, item.clone());
                }
            }
            Py::List(items) => {
                for (index, item) in items.iter().enumerate() {
                    let path = format!("{prefix}.{index}");
                    self.flatten(&path, item);
                    self.entries.insert(path, item.clone());
                }
            }
            _ => {}
        }
    }
}

/// The body that blocks of type `name` nested in `body` are written with: a block `name { }`
/// or the `content` of a `dynamic "name"` block.
fn nested_block<'a>(body: &'a Body, name: &str) -> Option<&'a Body> {
    if let Some(block) = body.blocks.iter().find(|block| block.kind == name) {
        return Some(&block.body);
    }
    body.blocks_of("dynamic")
        .find(|block| block.labels.first().is_some_and(|label| label == name))
        .map(|block: &Block| {
            block
                .body
                .blocks_of("content")
                .next()
                .map_or(&block.body, |content| &content.body)
        })
}

/// One nested block's value, its own nested blocks shaped as at the top.
fn block_value(value: &Value, body: &Body) -> Py {
    let Value::Object(map) = value else {
        return Py::from_value(value);
    };
    let mut entries = Vec::with_capacity(map.len());
    for (name, item) in map {
        let py = match nested_block(body, name) {
            Some(template) => {
                let blocks: Vec<Py> = match item {
                    Value::List(items) => {
                        items.iter().map(|one| block_value(one, template)).collect()
                    }
                    other => alloc::vec![Py::from_value(other)],
                };
                match <[Py; 1]>::try_from(blocks) {
                    Ok([single]) => single,
                    Err(blocks) => Py::List(blocks),
                }
            }
            None => unwrap_inside(&Py::from_value(item)),
        };
        entries.push((name.clone(), py));
    }
    Py::Dict(entries)
}

/// The value with every list of one value inside a map replaced by that value (the list that
/// is `value` itself stays).
fn unwrap_inside(value: &Py) -> Py {
    match value {
        Py::List(items) => Py::List(items.iter().map(unwrap_inside).collect()),
        Py::Dict(entries) => Py::Dict(
            entries
                .iter()
                .map(|(key, item)| {
                    let item = match item {
                        Py::List(items) if items.len() == 1 => &items[0],
                        other => other,
                    };
                    (key.clone(), unwrap_inside(item))
                })
                .collect(),
        ),
        other => other.clone(),
    }
}

/// A string holding a JSON object or array, decoded.
fn json_text(value: &Value) -> Option<Py> {
    let text = value.as_str()?.trim();
    if !(text.starts_with('{') || text.starts_with('[')) || value.is_unknown() {
        return None;
    }
    let json: serde_json::Value = serde_json::from_str(text).ok()?;
    Some(json_to_py(&json))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::object;

    fn body_with_blocks(kinds: &[&str]) -> Body {
        Body {
            attributes: Vec::new(),
            blocks: kinds
                .iter()
                .map(|kind| Block {
                    kind: String::from(*kind),
                    labels: Vec::new(),
                    body: Body::default(),
                    lines: crate::syntax::LineRange::new(1, 1),
                })
                .collect(),
        }
    }

    #[test]
    fn one_nested_block_is_a_map_and_several_a_list() {
        let bucket = object([
            (
                "versioning",
                Value::List(alloc::vec![object([("enabled", Value::Bool(true))])]),
            ),
            (
                "rule",
                Value::List(alloc::vec![
                    object([("id", "a".into())]),
                    object([("id", "b".into())]),
                ]),
            ),
            ("cidr", Value::List(alloc::vec!["10.0.0.0/8".into()])),
            ("tags", object([("Owner", "me".into())])),
        ]);
        let view = View::of(
            "aws_s3_bucket",
            &bucket,
            &body_with_blocks(&["versioning", "rule", "rule"]),
        );
        assert_eq!(view.get("versioning.enabled"), Some(&Py::Bool(true)));
        assert_eq!(view.get("versioning.0.enabled"), None);
        assert_eq!(view.get("rule.1.id"), Some(&Py::Str(String::from("b"))));
        assert_eq!(
            view.get("cidr.0"),
            Some(&Py::Str(String::from("10.0.0.0/8")))
        );
        assert_eq!(view.get("tags.Owner"), Some(&Py::Str(String::from("me"))));
        assert_eq!(
            view.get("resource_type"),
            Some(&Py::Str(String::from("aws_s3_bucket")))
        );
    }

    #[test]
    fn json_strings_are_read_as_their_values() {
        let policy = object([(
            "policy",
            "{\"Statement\": [{\"Effect\": \"Allow\", \"Action\": [\"s3:*\"]}]}".into(),
        )]);
        let view = View::of("aws_iam_policy", &policy, &Body::default());
        assert_eq!(
            view.get("policy.Statement.Effect"),
            Some(&Py::Str(String::from("Allow")))
        );
        assert_eq!(
            view.get("policy.Statement.Action"),
            Some(&Py::Str(String::from("s3:*")))
        );
    }
}
