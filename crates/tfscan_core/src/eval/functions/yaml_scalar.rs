//! Scalars and flow collections for `yamldecode` (see `yaml_decode.rs`): quoted and plain
//! scalars, Terraform's reading of plain ones, comments, and `[...]` / `{...}` collections.

use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;

use super::conversion::parse_number;
use crate::value::{format_number, Value};

/// Deeper flow nesting than this is left unknown.
const MAX_DEPTH: usize = 64;

/// The most lines one scalar or flow collection may take.
const MAX_CONTINUATION_LINES: usize = 10_000;

/// A plain scalar, folded over the more indented lines that follow it: a line break becomes a
/// space, and blank lines become line breaks. Comments and `key: value` inside it are not
/// read. Returns the value and how many following lines it took.
pub(super) fn plain_over_lines(first: &str, following: &[&str]) -> Option<(Value, usize)> {
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
pub(super) fn quoted_over_lines(first: &str, following: &[&str]) -> Option<(Value, usize)> {
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
pub(super) fn flow_over_lines(first: &str, following: &[&str]) -> Option<(Value, usize)> {
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
pub(super) fn fold(lines: &[String]) -> String {
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

pub(super) fn is_sequence_entry(text: &str) -> bool {
    text == "-" || text.starts_with("- ") || text.starts_with("-\t")
}

/// `key: rest` or `key:` at the end of the line, with a plain or quoted key.
pub(super) fn split_mapping_entry(text: &str) -> Option<(&str, &str)> {
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
pub(super) fn mapping_key(key: &str) -> Option<String> {
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
pub(super) fn strip_comment(text: &str) -> &str {
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
pub(super) fn quoted(text: &str) -> Option<(String, &str)> {
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
/// `0x` and `0o` integers; anything else is a string. Timestamps are rewritten in RFC 3339.
/// Infinities, NaN and prefixed integers with `_` are not read (`None`).
pub(super) fn resolve_plain(text: &str) -> Option<Value> {
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
            // A timestamp, which Terraform rewrites in RFC 3339; what does not parse as one
            // stays a string.
            let timestamp = super::datetime::yaml_timestamp(text);
            return Some(Value::String(
                timestamp.unwrap_or_else(|| String::from(text)),
            ));
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
pub(super) struct Flow<'t> {
    pub(super) text: &'t str,
    pub(super) at: usize,
    pub(super) depth: usize,
}

impl<'t> Flow<'t> {
    pub(super) fn rest(&self) -> &'t str {
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

    pub(super) fn collection(&mut self) -> Option<Value> {
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
