//! `yamldecode` for the YAML that Terraform configurations usually hold: block mappings and
//! sequences, flow collections, plain, quoted and block (`|`, `>`) scalars, and
//! comments, with Terraform's reading of plain scalars (YAML 1.1: `yes` and `on` are true).
//!
//! Whatever else YAML allows (anchors and aliases, tags, several documents, complex keys,
//! timestamps) gives an unknown value rather than a guess: the reader only answers when it is
//! sure to answer as Terraform does.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::conversion::parse_number;
use crate::value::{format_number, Value};

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

    let mut reader = Reader { lines, depth: 0 };
    let mut position = reader.skip_blank(0);
    if let Some(line) = reader.lines.get(position) {
        if line.text.starts_with('%') {
            return None;
        }
        if line.indent == 0 && is_marker(line.text, "---") {
            if !strip_comment(line.text.get(3..)?).trim().is_empty() {
                return None;
            }
            position = reader.skip_blank(position + 1);
        }
    }
    let (value, next) = match reader.lines.get(position) {
        // Terraform refuses a document without a value.
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
            let rest = line.text.get(1..)?;
            let content = rest.trim_start_matches(' ');
            if strip_comment(content).trim().is_empty() {
                // The item is on the following lines, or null.
                let next = self.skip_blank(position + 1);
                match self.lines.get(next) {
                    Some(child) if child.indent > indent => {
                        let (value, after) = self.node(next, indent + 1)?;
                        items.push(value);
                        position = after;
                    }
                    _ => {
                        items.push(Value::Null);
                        position += 1;
                    }
                }
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
            let key = mapping_key(key)?;
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
            map.insert(key, value);
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
        text: &str,
        block_parent: usize,
    ) -> Option<(Value, usize)> {
        let text = text.trim_start_matches([' ', '\t']);
        let first = text.chars().next()?;
        if matches!(first, '|' | '>') {
            return self.block_scalar(position, block_parent, text);
        }
        if matches!(first, '&' | '*' | '!' | '%' | '@' | '`') {
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

/// The most lines one scalar or flow collection may take.
const MAX_CONTINUATION_LINES: usize = 10_000;

/// A plain scalar, folded over the more indented lines that follow it: a line break becomes a
/// space, and blank lines become line breaks. Comments and `key: value` inside it are not
/// read. Returns the value and how many following lines it took.
fn plain_over_lines(first: &str, following: &[&str]) -> Option<(Value, usize)> {
    let first_content = strip_comment(first).trim_end();
    let has_comment = first_content.len() != first.trim_end().len();
    let mut text = String::from(first_content);
    let mut used = 0;
    let mut blank_lines = 0;
    let mut ended = false;
    for (index, line) in following.iter().enumerate().take(MAX_CONTINUATION_LINES) {
        if line.is_empty() {
            blank_lines += 1;
            continue;
        }
        // A comment ends the scalar; text after it would be an error.
        if line.starts_with('#') {
            ended = true;
            continue;
        }
        if ended || has_comment || line.contains(" #") {
            return None;
        }
        if line.contains(": ") || line.ends_with(':') || line.contains(":\t") {
            return None;
        }
        if blank_lines == 0 {
            text.push(' ');
        } else {
            text.extend(core::iter::repeat_n('\n', blank_lines));
        }
        text.push_str(line);
        blank_lines = 0;
        used = index + 1;
    }
    if text.contains(": ") || text.ends_with(':') || text.contains(" #") {
        return None;
    }
    Some((resolve_plain(&text)?, used))
}

/// A quoted scalar that may close on a later line: line breaks fold to spaces, blank lines
/// to line breaks.
fn quoted_over_lines(first: &str, following: &[&str]) -> Option<(Value, usize)> {
    let mut joined = String::from(first.trim_end());
    let mut used = 0;
    loop {
        if let Some((value, rest)) = quoted(&joined) {
            if !strip_comment(rest).trim().is_empty() {
                return None;
            }
            return Some((Value::String(value), used));
        }
        // An escaped line break is not read here.
        if joined.ends_with('\\') || used >= MAX_CONTINUATION_LINES {
            return None;
        }
        let mut blank_lines = 0;
        loop {
            let line = following.get(used)?;
            used += 1;
            if line.is_empty() {
                blank_lines += 1;
                continue;
            }
            if blank_lines == 0 {
                joined.push(' ');
            } else {
                joined.extend(core::iter::repeat_n('\n', blank_lines));
            }
            joined.push_str(line);
            break;
        }
    }
}

/// A flow collection that may close on a later line.
fn flow_over_lines(first: &str, following: &[&str]) -> Option<(Value, usize)> {
    let mut joined = String::from(strip_comment(first));
    let mut used = 0;
    loop {
        let mut flow = Flow {
            text: &joined,
            at: 0,
            depth: 0,
        };
        if let Some(value) = flow.collection() {
            if !strip_comment(flow.rest()).trim().is_empty() {
                return None;
            }
            return Some((value, used));
        }
        if used >= MAX_CONTINUATION_LINES {
            return None;
        }
        loop {
            let line = following.get(used)?;
            used += 1;
            if !line.is_empty() {
                joined.push(' ');
                joined.push_str(strip_comment(line));
                break;
            }
        }
    }
}

/// Folding for `>` scalars: a line break between two ordinary lines becomes a space, empty
/// lines become line breaks, and more indented lines keep theirs.
fn fold(lines: &[String]) -> String {
    let mut out = String::new();
    let mut pending_breaks = 0;
    let mut previous_ordinary: Option<bool> = None;
    for line in lines {
        if line.is_empty() {
            pending_breaks += 1;
            continue;
        }
        let ordinary = !line.starts_with(' ');
        match previous_ordinary {
            None => out.extend(core::iter::repeat_n('\n', pending_breaks)),
            Some(true) if ordinary => {
                if pending_breaks == 0 {
                    out.push(' ');
                } else {
                    out.extend(core::iter::repeat_n('\n', pending_breaks));
                }
            }
            Some(_) => out.extend(core::iter::repeat_n('\n', pending_breaks + 1)),
        }
        out.push_str(line);
        previous_ordinary = Some(ordinary);
        pending_breaks = 0;
    }
    out
}

fn is_sequence_entry(text: &str) -> bool {
    text == "-" || text.starts_with("- ") || text.starts_with("-\t")
}

/// `key: rest` or `key:` at the end of the line, with a plain or quoted key.
fn split_mapping_entry(text: &str) -> Option<(&str, &str)> {
    if text.starts_with(['"', '\'']) {
        let (_, rest) = quoted(text)?;
        let key_length = text.len() - rest.len();
        let after = rest.strip_prefix(':')?;
        if !(after.is_empty() || after.starts_with([' ', '\t'])) {
            return None;
        }
        return Some((text.get(..key_length)?, after));
    }
    if text.starts_with(['[', '{', '#', '?', '&', '*', '!', '|', '>', '%', '@', '`']) {
        return None;
    }
    let content = strip_comment(text);
    let mut search = 0;
    while let Some(found) = content.get(search..)?.find(':') {
        let colon = search + found;
        let after = content.get(colon + 1..)?;
        if after.is_empty() || after.starts_with([' ', '\t']) {
            let key = content.get(..colon)?.trim_end();
            let rest = text.get(colon + 1..)?;
            return Some((key, rest));
        }
        search = colon + 1;
    }
    None
}

/// A mapping key as Terraform reads it: quoted keys as they are, plain keys resolved and
/// turned into strings (`yes` becomes `"true"`, `1.0` becomes `"1"`).
fn mapping_key(key: &str) -> Option<String> {
    if key.starts_with(['"', '\'']) {
        let (text, rest) = quoted(key)?;
        return rest.trim().is_empty().then_some(text);
    }
    match resolve_plain(key)? {
        Value::String(text) => Some(text),
        Value::Bool(flag) => Some(String::from(if flag { "true" } else { "false" })),
        Value::Number(number) => Some(format_number(number)),
        _ => None,
    }
}

/// The text before a comment: `#` at the start or after a space, outside quotes.
fn strip_comment(text: &str) -> &str {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for (index, c) in text.char_indices() {
        match quote {
            Some('"') if c == '\\' => {}
            Some(open) if c == open && !(open == '"' && previous == '\\') => quote = None,
            Some(_) => {}
            None if c == '#' && (previous == ' ' || previous == '\t') => {
                return text.get(..index).unwrap_or(text);
            }
            None if (c == '"' || c == '\'') && matches!(previous, ' ' | '[' | '{' | ',' | ':') => {
                quote = Some(c);
            }
            None => {}
        }
        previous = if previous == '\\' && c == '\\' {
            ' '
        } else {
            c
        };
    }
    text
}

/// A quoted scalar at the start of `text`, closed on the same line; the rest of the line.
fn quoted(text: &str) -> Option<(String, &str)> {
    let mut chars = text.char_indices();
    let (_, open) = chars.next()?;
    let mut out = String::new();
    while let Some((index, c)) = chars.next() {
        match (open, c) {
            ('\'', '\'') => {
                if text.get(index + 1..)?.starts_with('\'') {
                    chars.next();
                    out.push('\'');
                } else {
                    return Some((out, text.get(index + 1..)?));
                }
            }
            ('"', '"') => return Some((out, text.get(index + 1..)?)),
            ('"', '\\') => {
                let (_, escaped) = chars.next()?;
                let simple = match escaped {
                    '0' => Some('\0'),
                    'a' => Some('\u{7}'),
                    'b' => Some('\u{8}'),
                    't' | '\t' => Some('\t'),
                    'n' => Some('\n'),
                    'v' => Some('\u{b}'),
                    'f' => Some('\u{c}'),
                    'r' => Some('\r'),
                    'e' => Some('\u{1b}'),
                    ' ' => Some(' '),
                    '"' => Some('"'),
                    '/' => Some('/'),
                    '\\' => Some('\\'),
                    'N' => Some('\u{85}'),
                    '_' => Some('\u{a0}'),
                    'L' => Some('\u{2028}'),
                    'P' => Some('\u{2029}'),
                    _ => None,
                };
                if let Some(c) = simple {
                    out.push(c);
                    continue;
                }
                let digits = match escaped {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => return None,
                };
                let mut code = 0u32;
                for _ in 0..digits {
                    let (_, digit) = chars.next()?;
                    code = code * 16 + digit.to_digit(16)?;
                }
                out.push(char::from_u32(code)?);
            }
            _ => out.push(c),
        }
    }
    // Not closed on this line: quoted scalars over several lines are not read here.
    None
}

/// Terraform's reading of a plain scalar: YAML 1.1 booleans and nulls, decimal numbers, and
/// `0x` and `0o` integers; anything else is a string. Infinities, NaN, timestamps and prefixed
/// integers with `_` are not read (`None`).
fn resolve_plain(text: &str) -> Option<Value> {
    match text {
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Some(Value::Bool(true));
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Some(Value::Bool(false));
        }
        "" | "~" | "null" | "Null" | "NULL" => return Some(Value::Null),
        _ => {}
    }
    if text.starts_with(['-', '?', ':']) && text.get(1..2).is_none_or(|next| next == " ") {
        return None;
    }
    let first = text.chars().next()?;
    let lower = text.to_ascii_lowercase();
    let numeric_start = first == '.' || first == '+' || first == '-' || first.is_ascii_digit();
    if numeric_start && (lower.contains("inf") || lower.contains("nan")) {
        return None;
    }
    if first == '.' {
        return Some(parse_number(text).map_or_else(|| Value::from(text), Value::Number));
    }
    if first.is_ascii_digit() || first == '+' || first == '-' {
        let digits = text.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 4 && text.as_bytes().get(4) == Some(&b'-') {
            // Perhaps a timestamp, which Terraform rewrites.
            return None;
        }
        if let Some(number) = parse_number(text) {
            return Some(Value::Number(number));
        }
        // Hexadecimal and octal integers with a prefix; `010` is decimal (read above).
        let (negative, unsigned) = match (text.strip_prefix('-'), text.strip_prefix('+')) {
            (Some(unsigned), _) => (true, unsigned),
            (None, Some(unsigned)) => (false, unsigned),
            (None, None) => (false, text),
        };
        let radix_digits = match unsigned.get(..2) {
            Some("0x" | "0X") => Some((16, unsigned.get(2..)?)),
            Some("0o" | "0O") => Some((8, unsigned.get(2..)?)),
            _ => None,
        };
        if let Some((radix, digits)) = radix_digits {
            if digits.contains('_') {
                return None;
            }
            if let Ok(magnitude) = i64::from_str_radix(digits, radix) {
                let number = magnitude as f64;
                return Some(Value::Number(if negative { -number } else { number }));
            }
        }
        return Some(Value::from(text));
    }
    Some(Value::from(text))
}

/// A flow collection (`[a, b]`, `{a: 1}`) on one line.
struct Flow<'t> {
    text: &'t str,
    at: usize,
    depth: usize,
}

impl<'t> Flow<'t> {
    fn rest(&self) -> &'t str {
        self.text.get(self.at..).unwrap_or_default()
    }

    fn skip_spaces(&mut self) {
        let rest = self.rest();
        self.at += rest.len() - rest.trim_start_matches([' ', '\t']).len();
    }

    fn eat(&mut self, c: char) -> bool {
        self.skip_spaces();
        if self.rest().starts_with(c) {
            self.at += c.len_utf8();
            true
        } else {
            false
        }
    }

    fn collection(&mut self) -> Option<Value> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            return None;
        }
        let value = if self.eat('[') {
            let mut items = Vec::new();
            while !self.eat(']') {
                items.push(self.node()?);
                if self.rest().trim_start().starts_with(':') {
                    return None;
                }
                if !self.eat(',') {
                    if !self.eat(']') {
                        return None;
                    }
                    break;
                }
            }
            Value::List(items)
        } else if self.eat('{') {
            let mut map = BTreeMap::new();
            while !self.eat('}') {
                let key = match self.node()? {
                    Value::String(text) => text,
                    Value::Bool(flag) => String::from(if flag { "true" } else { "false" }),
                    Value::Number(number) => format_number(number),
                    _ => return None,
                };
                let value = if self.eat(':') {
                    self.node()?
                } else {
                    Value::Null
                };
                if map.insert(key, value).is_some() {
                    return None;
                }
                if !self.eat(',') {
                    if !self.eat('}') {
                        return None;
                    }
                    break;
                }
            }
            Value::Object(map)
        } else {
            return None;
        };
        self.depth -= 1;
        Some(value)
    }

    fn node(&mut self) -> Option<Value> {
        self.skip_spaces();
        let rest = self.rest();
        match rest.chars().next()? {
            '[' | '{' => self.collection(),
            '"' | '\'' => {
                let (text, after) = quoted(rest)?;
                self.at += rest.len() - after.len();
                Some(Value::String(text))
            }
            '&' | '*' | '!' | '%' | '@' | '`' | '|' | '>' | '#' => None,
            _ => {
                // A plain scalar ends at `,`, a closing bracket, or `: `.
                let mut end = rest.len();
                for (index, c) in rest.char_indices() {
                    let next = rest.get(index + 1..).and_then(|after| after.chars().next());
                    if matches!(c, ',' | ']' | '}' | '[' | '{')
                        || (c == ':' && matches!(next, None | Some(' ' | ',' | ']' | '}')))
                        || (c == '#' && index > 0)
                    {
                        end = index;
                        break;
                    }
                }
                let plain = rest.get(..end)?.trim_end();
                self.at += end;
                resolve_plain(plain)
            }
        }
    }
}
