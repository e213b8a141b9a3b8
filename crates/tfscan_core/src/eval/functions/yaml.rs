//! `yamlencode`: YAML as Terraform writes it. Strings are double-quoted, or literal blocks
//! (`|`) when they hold line breaks; keys are double-quoted; collections use block style,
//! empty ones `[]` and `{}`; long quoted strings fold at column 80. `yamldecode` is not
//! evaluated (its result is unknown): a YAML reader faithful to Terraform's would weigh more
//! than everything else here.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use crate::value::{format_number, Value};

/// Where a long double-quoted string is folded onto the next line.
const BEST_WIDTH: usize = 80;
/// Keys longer than this take YAML's complex-key form (`? key`).
const SIMPLE_KEY_LIMIT: usize = 128;

/// The YAML document for a value; `None` when it is or holds an unknown value, or takes a form
/// this writer does not produce (a collection under a complex key).
pub(crate) fn encode(value: &Value) -> Option<String> {
    let mut out = String::new();
    match value {
        Value::Object(map) if !map.is_empty() => write_mapping(&mut out, value, 0, false)?,
        Value::List(items) if !items.is_empty() => write_sequence(&mut out, items, 0, false)?,
        Value::String(text) => {
            write_string(&mut out, text, 2);
            end_line(&mut out);
        }
        _ => {
            write_scalar(&mut out, value, 2)?;
            end_line(&mut out);
            // A plain scalar at the top is closed with a document end marker.
            if !matches!(value, Value::List(_) | Value::Object(_)) {
                out.push_str("...\n");
            }
        }
    }
    Some(out)
}

fn end_line(out: &mut String) {
    if !out.ends_with('\n') {
        out.push('\n');
    }
}

fn write_indent(out: &mut String, indent: usize) {
    out.extend(core::iter::repeat_n(' ', indent));
}

/// A block mapping whose keys start at column `indent`; `inline` when its first key follows
/// a `- ` already written.
fn write_mapping(out: &mut String, value: &Value, indent: usize, inline: bool) -> Option<()> {
    let Value::Object(map) = value else {
        return None;
    };
    for (index, (key, item)) in map.iter().enumerate() {
        if index > 0 || !inline {
            write_indent(out, indent);
        }
        if key.len() > SIMPLE_KEY_LIMIT || key.chars().any(is_break) {
            // YAML's complex key: `? key` on its own line, then `: value`.
            if matches!(item, Value::List(inner) if !inner.is_empty())
                || matches!(item, Value::Object(inner) if !inner.is_empty())
            {
                return None;
            }
            out.push_str("? ");
            write_string(out, key, indent + 2);
            end_line(out);
            write_indent(out, indent);
            out.push_str(": ");
            write_scalar(out, item, indent + 2)?;
            end_line(out);
            continue;
        }
        write_double_quoted(out, key, indent, false);
        out.push(':');
        match item {
            Value::Object(inner) if !inner.is_empty() => {
                out.push('\n');
                write_mapping(out, item, indent + 2, false)?;
            }
            Value::List(items) if !items.is_empty() => {
                // Sequences under a key are not indented.
                out.push('\n');
                write_sequence(out, items, indent, false)?;
            }
            _ => {
                out.push(' ');
                write_scalar(out, item, indent + 2)?;
                end_line(out);
            }
        }
    }
    Some(())
}

fn write_sequence(out: &mut String, items: &[Value], indent: usize, inline: bool) -> Option<()> {
    for (index, item) in items.iter().enumerate() {
        if index > 0 || !inline {
            write_indent(out, indent);
        }
        out.push_str("- ");
        match item {
            Value::Object(inner) if !inner.is_empty() => {
                write_mapping(out, item, indent + 2, true)?;
            }
            Value::List(inner) if !inner.is_empty() => {
                write_sequence(out, inner, indent + 2, true)?;
            }
            _ => {
                write_scalar(out, item, indent + 2)?;
                end_line(out);
            }
        }
    }
    Some(())
}

/// A value on the current line: plain for numbers, booleans and null, flow style for empty
/// collections, quoted or a literal block for strings.
fn write_scalar(out: &mut String, value: &Value, indent: usize) -> Option<()> {
    match value {
        Value::Unknown => return None,
        Value::Null => out.push_str("null"),
        Value::Bool(flag) => out.push_str(if *flag { "true" } else { "false" }),
        Value::Number(number) => out.push_str(&format_number(*number)),
        Value::String(text) => write_string(out, text, indent),
        Value::List(_) => out.push_str("[]"),
        Value::Object(_) => out.push_str("{}"),
    }
    Some(())
}

fn write_string(out: &mut String, text: &str, indent: usize) {
    if text.contains('\n') && literal_allowed(text) {
        write_literal(out, text, indent);
    } else {
        write_double_quoted(out, text, indent, true);
    }
}

/// YAML's line breaks.
fn is_break(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{85}' | '\u{2028}' | '\u{2029}')
}

/// YAML's printable characters: what may be written without an escape.
fn is_printable(c: char) -> bool {
    matches!(c,
        '\n' | '\u{20}'..='\u{7e}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}')
        && c != '\u{feff}'
}

/// A literal block needs every character printable and no space at the end of the text or
/// of a line.
fn literal_allowed(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    if chars.last() == Some(&' ') {
        return false;
    }
    let space_before_break = chars
        .windows(2)
        .any(|pair| matches!(pair, [' ', next] if is_break(*next)));
    !space_before_break && chars.iter().all(|c| is_printable(*c))
}

fn column(out: &str) -> usize {
    out.rsplit('\n')
        .next()
        .map_or(0, |line| line.chars().count())
}

/// `"..."` with YAML's escapes; with `allow_breaks`, a space past column 80 becomes a line
/// break and an indent.
fn write_double_quoted(out: &mut String, text: &str, indent: usize, allow_breaks: bool) {
    out.push('"');
    let chars: Vec<char> = text.chars().collect();
    let mut after_space = false;
    for (index, &c) in chars.iter().enumerate() {
        if !is_printable(c) || is_break(c) || c == '"' || c == '\\' {
            write_escape(out, c);
            after_space = false;
        } else if c == ' ' {
            let foldable = allow_breaks
                && !after_space
                && index != 0
                && index + 1 != chars.len()
                && column(out) > BEST_WIDTH;
            if foldable {
                out.push('\n');
                write_indent(out, indent);
                if chars.get(index + 1) == Some(&' ') {
                    out.push('\\');
                }
            } else {
                out.push(' ');
            }
            after_space = true;
        } else {
            out.push(c);
            after_space = false;
        }
    }
    out.push('"');
}

fn write_escape(out: &mut String, c: char) {
    let short = match c {
        '\0' => "0",
        '\u{7}' => "a",
        '\u{8}' => "b",
        '\t' => "t",
        '\n' => "n",
        '\u{b}' => "v",
        '\u{c}' => "f",
        '\r' => "r",
        '\u{1b}' => "e",
        '"' => "\"",
        '\\' => "\\",
        '\u{85}' => "N",
        '\u{a0}' => "_",
        '\u{2028}' => "L",
        '\u{2029}' => "P",
        _ => "",
    };
    out.push('\\');
    let code = u32::from(c);
    let _ = match (short, code) {
        ("", 0..=0xff) => write!(out, "x{code:02X}"),
        ("", 0x100..=0xffff) => write!(out, "u{code:04X}"),
        ("", _) => write!(out, "U{code:08X}"),
        (short, _) => write!(out, "{short}"),
    };
}

/// `|` followed by the chomping indicator (`-` without a final line break, none with one,
/// `+` with more) and, when the text starts with a space or a break, the indentation; then
/// each line indented, empty lines left empty.
fn write_literal(out: &mut String, text: &str, indent: usize) {
    out.push('|');
    if text.starts_with(' ') || text.starts_with(is_break) {
        out.push('2');
    }
    let mut ending = text.chars().rev();
    match (ending.next(), ending.next()) {
        (Some(last), _) if !is_break(last) => out.push('-'),
        (Some(_), None) => out.push('+'),
        (Some(_), Some(before)) if is_break(before) => out.push('+'),
        _ => {}
    }
    out.push('\n');
    let mut at_line_start = true;
    for c in text.chars() {
        if is_break(c) {
            // Line separators other than `\n` are written as themselves and end the line too.
            out.push(c);
            at_line_start = true;
        } else {
            if at_line_start {
                write_indent(out, indent);
                at_line_start = false;
            }
            out.push(c);
        }
    }
}
