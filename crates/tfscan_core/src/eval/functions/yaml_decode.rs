//! `yamldecode` for the YAML that Terraform configurations usually hold: block mappings and
//! sequences, flow collections, plain, quoted and block (`|`, `>`) scalars, and
//! comments, with Terraform's reading of plain scalars (YAML 1.1: `yes` and `on` are true).
//!
//! `&anchors`, `*aliases`, `<<` merge keys and the standard scalar tags (`!!str`) are read;
//! whatever else YAML allows (other tags, several documents, complex keys) gives an unknown value rather than a guess: the reader only answers when it is
//! sure to answer as Terraform does.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::yaml_scalar::{
    flow_over_lines, fold, is_sequence_entry, mapping_key, plain_over_lines, quoted_over_lines,
    resolve_plain, split_mapping_entry, strip_comment,
};
use crate::value::Value;

/// Deeper nesting than this is left unknown.
const MAX_DEPTH: usize = 64;

/// The value of a YAML document; `None` when the document uses something this reader does not
/// handle, or is not valid YAML.
pub(crate) fn decode(text: &str) -> Option<Value> {
    let mut lines = Vec::new();
    for raw in text.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let content = raw.trim_start_matches(' ');
        if content.starts_with('\t') && !content.trim().is_empty() {
            return None;
        }
        lines.push(Line {
            indent: raw.len() - content.len(),
            text: content,
        });
    }

    let mut reader = Reader {
        lines,
        depth: 0,
        anchors: BTreeMap::new(),
    };
    let mut position = reader.skip_blank(0);
    let mut started = false;
    if let Some(line) = reader.lines.get(position) {
        if line.text.starts_with('%') {
            return None;
        }
        if line.indent == 0 && is_marker(line.text, "---") {
            if !strip_comment(line.text.get(3..)?).trim().is_empty() {
                return None;
            }
            position = reader.skip_blank(position + 1);
            started = true;
        }
    }
    let (value, next) = match reader.lines.get(position) {
        // An empty document is null after `---`; without it, Terraform refuses it.
        None if started => (Value::Null, position),
        Some(line) if started && line.indent == 0 && is_marker(line.text, "...") => {
            (Value::Null, position)
        }
        None => return None,
        Some(line) if line.indent == 0 && is_marker(line.text, "...") => return None,
        Some(line) => reader.node(position, line.indent)?,
    };
    let rest = reader.skip_blank(next);
    match reader.lines.get(rest) {
        None => Some(value),
        Some(line) if line.indent == 0 && is_marker(line.text, "...") => {
            let after = reader.skip_blank(rest + 1);
            (after >= reader.lines.len()).then_some(value)
        }
        Some(_) => None,
    }
}

/// `---` or `...` alone or followed by a space.
fn is_marker(text: &str, marker: &str) -> bool {
    text.strip_prefix(marker)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([' ', '\t']))
}

#[derive(Clone, Copy)]
struct Line<'a> {
    indent: usize,
    text: &'a str,
}

struct Reader<'a> {
    lines: Vec<Line<'a>>,
    depth: usize,
    /// Values named with `&name`, for `*name` to repeat.
    anchors: BTreeMap<&'a str, Value>,
}

impl<'a> Reader<'a> {
    /// The first line from `position` that holds more than a comment.
    fn skip_blank(&self, mut position: usize) -> usize {
        while let Some(line) = self.lines.get(position) {
            let content = strip_comment(line.text).trim();
            if !content.is_empty() {
                break;
            }
            position += 1;
        }
        position
    }

    /// Remembers a value named with `&name`.
    fn name(&mut self, anchor: Option<&'a str>, value: &Value) {
        if let Some(anchor) = anchor {
            self.anchors.insert(anchor, value.clone());
        }
    }

    /// The node starting at `position`, whose lines are indented by at least `indent`.
    /// Returns the value and the position after it.
    fn node(&mut self, position: usize, indent: usize) -> Option<(Value, usize)> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let result = self.node_inner(position, indent);
        self.depth -= 1;
        result
    }

    fn node_inner(&mut self, position: usize, indent: usize) -> Option<(Value, usize)> {
        let line = *self.lines.get(position)?;
        if line.indent < indent {
            return None;
        }
        if is_sequence_entry(line.text) {
            return self.sequence(position, line.indent);
        }
        if split_mapping_entry(line.text).is_some() {
            return self.mapping(position, line.indent);
        }
        // The scalar's own lines may go on at any indentation past the parent's.
        let parent = indent.saturating_sub(1);
        self.inline_value(position, parent, line.text, parent)
    }

    fn sequence(&mut self, mut position: usize, indent: usize) -> Option<(Value, usize)> {
        let mut items = Vec::new();
        loop {
            position = self.skip_blank(position);
            let Some(line) = self.lines.get(position).copied() else {
                break;
            };
            if line.indent != indent || !is_sequence_entry(line.text) {
                if line.indent > indent {
                    return None;
                }
                break;
            }
            let (anchor, rest) = split_anchor(line.text.get(1..)?)?;
            let content = rest.trim_start_matches(' ');
            if strip_comment(content).trim().is_empty() {
                // The item is on the following lines, or null.
                let next = self.skip_blank(position + 1);
                let value = match self.lines.get(next) {
                    Some(child) if child.indent > indent => {
                        let (value, after) = self.node(next, indent + 1)?;
                        position = after;
                        value
                    }
                    _ => {
                        position += 1;
                        Value::Null
                    }
                };
                self.name(anchor, &value);
                items.push(value);
                continue;
            }
            if let Some(anchor) = anchor {
                let (value, after) = self.inline_value(position, indent, content, indent)?;
                self.name(Some(anchor), &value);
                items.push(value);
                position = after;
                continue;
            }
            // A compact item (`- a: 1`, `- - x`): read it as if it started a line of its own.
            let column = indent + 1 + (rest.len() - content.len());
            if let Some(slot) = self.lines.get_mut(position) {
                *slot = Line {
                    indent: column,
                    text: content,
                };
            }
            let (value, after) = self.node(position, indent + 1)?;
            items.push(value);
            position = after;
        }
        Some((Value::List(items), position))
    }

    fn mapping(&mut self, mut position: usize, indent: usize) -> Option<(Value, usize)> {
        let mut map = BTreeMap::new();
        let mut merges: Vec<BTreeMap<String, Value>> = Vec::new();
        loop {
            position = self.skip_blank(position);
            let Some(line) = self.lines.get(position).copied() else {
                break;
            };
            if line.indent != indent {
                if line.indent > indent {
                    return None;
                }
                break;
            }
            if is_sequence_entry(line.text) {
                break;
            }
            let (key, rest) = split_mapping_entry(line.text)?;
            let merge = key == "<<";
            let key = if merge {
                String::new()
            } else {
                mapping_key(key)?
            };
            let (anchor, rest) = split_anchor(rest)?;
            // A repeated key takes the later value, as in Terraform.
            let content = strip_comment(rest).trim();
            let value = if content.is_empty() {
                let next = self.skip_blank(position + 1);
                match self.lines.get(next) {
                    Some(child) if child.indent > indent => {
                        let (value, after) = self.node(next, indent + 1)?;
                        position = after;
                        value
                    }
                    // A sequence under a key may start at the key's own indentation.
                    Some(child) if child.indent == indent && is_sequence_entry(child.text) => {
                        let (value, after) = self.sequence(next, indent)?;
                        position = after;
                        value
                    }
                    _ => {
                        position += 1;
                        Value::Null
                    }
                }
            } else {
                let (value, after) = self.inline_value(position, indent, rest, indent)?;
                position = after;
                value
            };
            self.name(anchor, &value);
            if merge {
                // `<<: *defaults` brings in the keys of another mapping.
                let Value::Object(merged) = value else {
                    return None;
                };
                merges.push(merged);
            } else {
                map.insert(key, value);
            }
        }
        // Merged keys never override the mapping's own; when they would, or when two merged
        // mappings share a key, the result is left unknown.
        for merged in merges {
            for (key, value) in merged {
                if map.insert(key, value).is_some() {
                    return None;
                }
            }
        }
        Some((Value::Object(map), position))
    }

    /// A value written after `key:` or `- ` (or alone): a block scalar header, a flow
    /// collection, a quoted or a plain scalar. Lines indented past `parent` would continue a
    /// scalar (not read here); the lines of a block scalar must be indented past
    /// `block_parent`.
    fn inline_value(
        &mut self,
        position: usize,
        parent: usize,
        text: &'a str,
        block_parent: usize,
    ) -> Option<(Value, usize)> {
        let text = text.trim_start_matches([' ', '\t']);
        let first = text.chars().next()?;
        if matches!(first, '|' | '>') {
            return self.block_scalar(position, block_parent, text);
        }
        if first == '*' {
            // An alias repeats a value named earlier.
            let name = text.get(1..)?;
            let (name, rest) = name.split_once([' ', '\t']).unwrap_or((name, ""));
            let value = self.anchors.get(name)?.clone();
            let following = self.continuation_lines(position, parent);
            let only_comments = following
                .iter()
                .all(|line| line.is_empty() || line.starts_with('#'));
            if !strip_comment(rest).trim().is_empty() || !only_comments {
                return None;
            }
            return Some((value, position + 1 + following.len()));
        }
        if let Some(tagged) = text.strip_prefix("!!") {
            return self.tagged_value(position, parent, tagged);
        }
        if matches!(first, '&' | '!' | '%' | '@' | '`') {
            return None;
        }
        let following = self.continuation_lines(position, parent);
        let (value, used) = match first {
            '[' | '{' => flow_over_lines(text, &following)?,
            '"' | '\'' => quoted_over_lines(text, &following)?,
            _ => plain_over_lines(text, &following)?,
        };
        // Whatever more indented lines remain cannot belong to this value.
        if following
            .iter()
            .skip(used)
            .any(|line| !line.is_empty() && !line.starts_with('#'))
        {
            return None;
        }
        Some((value, position + 1 + used))
    }

    /// A scalar with a standard tag (`!!str 1` is the string `"1"`), on one line.
    fn tagged_value(
        &mut self,
        position: usize,
        parent: usize,
        tagged: &'a str,
    ) -> Option<(Value, usize)> {
        let (tag, rest) = tagged.split_once([' ', '\t'])?;
        let rest = rest.trim_start_matches([' ', '\t']);
        let following = self.continuation_lines(position, parent);
        if following
            .iter()
            .any(|line| !line.is_empty() && !line.starts_with('#'))
        {
            return None;
        }
        let (value, _) = match rest.chars().next()? {
            '"' | '\'' => quoted_over_lines(rest, &[])?,
            '[' | '{' | '&' | '*' | '!' | '|' | '>' => return None,
            _ => (
                Value::String(String::from(strip_comment(rest).trim_end())),
                0,
            ),
        };
        let Value::String(text) = value else {
            return None;
        };
        let quoted_text = rest.starts_with(['"', '\'']);
        let value = match tag {
            "str" => Value::String(text),
            "null" => Value::Null,
            "bool" | "int" | "float" if !quoted_text => match (tag, resolve_plain(&text)?) {
                ("bool", value @ Value::Bool(_)) | ("int" | "float", value @ Value::Number(_)) => {
                    value
                }
                _ => return None,
            },
            _ => return None,
        };
        Some((value, position + 1 + following.len()))
    }

    /// The lines after `position` that are blank or indented past `parent`, trimmed (blank
    /// lines and comment lines as they are, for the caller to judge).
    fn continuation_lines(&self, position: usize, parent: usize) -> Vec<&'a str> {
        let mut following = Vec::new();
        for line in self.lines.iter().skip(position + 1) {
            let trimmed = line.text.trim();
            if !trimmed.is_empty() && line.indent <= parent {
                break;
            }
            following.push(trimmed);
        }
        while following.last().is_some_and(|line| line.is_empty()) {
            following.pop();
        }
        following
    }

    /// `|` (literal) or `>` (folded) with optional chomping (`-`, `+`) and indentation digit.
    fn block_scalar(&self, position: usize, parent: usize, header: &str) -> Option<(Value, usize)> {
        let mut chars = header.chars();
        let folded = chars.next()? == '>';
        let mut chomp = ' ';
        let mut explicit_indent = None;
        let rest: &str = chars.as_str();
        let indicators = strip_comment(rest).trim_end();
        for c in indicators.chars() {
            match c {
                '-' | '+' if chomp == ' ' => chomp = c,
                '1'..='9' if explicit_indent.is_none() => {
                    explicit_indent = c.to_digit(10).map(|digit| digit as usize);
                }
                _ => return None,
            }
        }

        // The content: following lines that are blank or indented past the parent.
        let mut end = position + 1;
        let mut content_indent = explicit_indent.map(|digit| parent + digit);
        while let Some(line) = self.lines.get(end) {
            let blank = line.text.trim().is_empty();
            if !blank {
                let indent = *content_indent.get_or_insert(line.indent);
                if line.indent < indent || indent <= parent {
                    break;
                }
            }
            end += 1;
        }
        let content_indent = content_indent.unwrap_or(parent + 1);
        let mut texts: Vec<String> = Vec::new();
        for index in position + 1..end {
            let line = self.lines.get(index)?;
            if line.text.trim().is_empty() {
                let full = line.indent + line.text.len();
                let kept = full.saturating_sub(content_indent);
                texts.push(core::iter::repeat_n(' ', kept).collect());
                continue;
            }
            let mut text = String::new();
            text.extend(core::iter::repeat_n(' ', line.indent - content_indent));
            text.push_str(line.text);
            texts.push(text);
        }

        let last_content = texts.iter().rposition(|text| !text.is_empty());
        let (body, trailing) = match last_content {
            Some(last) => texts.split_at(last + 1),
            None => texts.split_at(0),
        };
        let mut value = if folded { fold(body) } else { body.join("\n") };
        if texts.iter().any(|text| text.contains('\t')) {
            return None;
        }
        match chomp {
            '-' => {}
            '+' => {
                if last_content.is_some() {
                    value.push('\n');
                }
                for _ in trailing {
                    value.push('\n');
                }
            }
            _ if last_content.is_some() => value.push('\n'),
            _ => {}
        }
        Some((Value::String(value), end))
    }
}

/// `&name` at the start of a value: the name and the rest of the line. `None` for an empty
/// name.
fn split_anchor(text: &str) -> Option<(Option<&str>, &str)> {
    let trimmed = text.trim_start_matches([' ', '\t']);
    let Some(named) = trimmed.strip_prefix('&') else {
        return Some((None, text));
    };
    let (name, rest) = named.split_once([' ', '\t']).unwrap_or((named, ""));
    if name.is_empty() {
        return None;
    }
    Some((Some(name), rest))
}
