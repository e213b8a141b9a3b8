//! A small JSON writer that keeps keys in the order they are written, so that our JSON
//! reads in Checkov's field order and is byte-for-byte stable.

use alloc::string::String;
use core::fmt::Write;

pub struct JsonWriter {
    out: String,
    indent: usize,
    /// Per open container: has it had an element yet?
    first: alloc::vec::Vec<bool>,
    pretty: bool,
}

impl JsonWriter {
    pub fn new(pretty: bool) -> Self {
        Self {
            out: String::new(),
            indent: 0,
            first: alloc::vec::Vec::new(),
            pretty,
        }
    }

    /// Hands what has been written so far to `sink` and forgets it, once it has grown past
    /// 64 KB: a long report then goes out in pieces instead of being held whole in memory.
    pub fn flush_if_large(&mut self, sink: &mut dyn FnMut(&str)) {
        if self.out.len() >= 1 << 16 {
            sink(&self.out);
            self.out.clear();
        }
    }

    pub fn finish(mut self) -> String {
        if self.pretty {
            self.out.push('\n');
        }
        self.out
    }

    fn separator(&mut self) {
        if let Some(first) = self.first.last_mut() {
            if *first {
                *first = false;
            } else {
                self.out.push(',');
            }
            if self.pretty {
                self.out.push('\n');
                for _ in 0..self.indent {
                    self.out.push_str("    ");
                }
            }
        }
    }

    fn open(&mut self, bracket: char) {
        self.out.push(bracket);
        self.indent += 1;
        self.first.push(true);
    }

    fn close(&mut self, bracket: char) {
        self.indent -= 1;
        let empty = self.first.pop().unwrap_or(true);
        if self.pretty && !empty {
            self.out.push('\n');
            for _ in 0..self.indent {
                self.out.push_str("    ");
            }
        }
        self.out.push(bracket);
    }

    /// Starts a value in an array (or the top-level value).
    pub fn item(&mut self) -> &mut Self {
        self.separator();
        self
    }

    /// Starts a value under `name` in an object.
    pub fn key(&mut self, name: &str) -> &mut Self {
        self.separator();
        write_string(&mut self.out, name);
        self.out.push(':');
        if self.pretty {
            self.out.push(' ');
        }
        self
    }

    pub fn begin_object(&mut self) {
        self.open('{');
    }

    pub fn end_object(&mut self) {
        self.close('}');
    }

    pub fn begin_array(&mut self) {
        self.open('[');
    }

    pub fn end_array(&mut self) {
        self.close(']');
    }

    pub fn string(&mut self, text: &str) {
        write_string(&mut self.out, text);
    }

    pub fn boolean(&mut self, value: bool) {
        self.out.push_str(if value { "true" } else { "false" });
    }

    pub fn null(&mut self) {
        self.out.push_str("null");
    }

    pub fn unsigned(&mut self, number: usize) {
        let _ = write!(self.out, "{number}");
    }

    /// An array of numbers on one line, as `[first, last]`.
    pub fn line_range(&mut self, first: u32, last: u32) {
        let _ = if self.pretty {
            write!(self.out, "[{first}, {last}]")
        } else {
            write!(self.out, "[{first},{last}]")
        };
    }
}

/// Writes `text` as a JSON string literal. Runs of characters that need no escaping are
/// copied whole: most text has none.
pub fn write_string(out: &mut String, text: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    let mut start = 0;
    for (index, byte) in text.bytes().enumerate() {
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        out.push_str(&text[start..index]);
        if escape.is_empty() {
            let _ = write!(out, "\\u{byte:04x}");
        } else {
            out.push_str(escape);
        }
        start = index + 1;
    }
    out.push_str(&text[start..]);
    out.push('"');
}
