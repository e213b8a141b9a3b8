//! The part of YAML that configuration files such as `.checkov.yaml` use: block maps and
//! lists, flow lists and maps (`[a, b]`, `{a: b}`, also over several lines), plain, single- and
//! double-quoted scalars, comments and a leading `---`. Anchors, aliases, tags and block
//! scalars (`|`, `>`) are refused with a message saying so, never misread.
//!
//! Written here rather than taken from a crate: the YAML crates for Rust need the standard
//! library, the core is `no_std`, and this subset is small enough to read in one sitting while
//! giving errors with a line and column.
//!
//! [`parse`] gives plain [`Yaml`] values, as configuration files need them; [`parse_nodes`]
//! gives the same document as [`Node`]s, which also say where each value was written and
//! whether a scalar was quoted (custom policies need both: `value: true` is a boolean, `value:
//! "true"` a string, and a mistake is reported at its line).

use alloc::format;
use alloc::string::{String, ToString};
use alloc::vec::Vec;
use core::fmt;

/// A YAML value. Scalars keep their text as written (after unquoting): what a number or a
/// boolean means is up to the reader, as `true`, `yes` and `on` all mean true to Checkov.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Yaml {
    /// `~`, `null` or nothing.
    Null,
    Scalar(String),
    List(Vec<Yaml>),
    /// Entries in the order written, each with the 1-based line of its key.
    Map(Vec<(String, Yaml, u32)>),
}

/// How deep lists and maps may nest: deeper text is refused rather than read on a stack that
/// (in WebAssembly) is 1 MiB.
const MAX_DEPTH: usize = 128;

/// Text that is not in the YAML subset read here, at a 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YamlError {
    pub line: u32,
    pub column: u32,
    pub message: String,
}

impl fmt::Display for YamlError {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{}:{}: {}", self.line, self.column, self.message)
    }
}

/// A YAML value as written: where it starts (1-based line and column) and, for a scalar,
/// whether it was quoted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    pub line: u32,
    pub column: u32,
    pub value: NodeValue,
}

/// What a [`Node`] holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NodeValue {
    /// `~`, `null` or nothing.
    Null,
    /// A scalar's text (after unquoting), and whether it was quoted: only an unquoted scalar
    /// can be read as a boolean or a number.
    Scalar {
        text: String,
        quoted: bool,
    },
    List(Vec<Node>),
    /// Entries in the order written, each with the 1-based line of its key.
    Map(Vec<(String, Node, u32)>),
}

impl Node {
    fn at(line: &Line, column: usize, value: NodeValue) -> Self {
        Node {
            line: line.number,
            column: column as u32 + 1,
            value,
        }
    }

    /// The plain [`Yaml`] value, without positions and quoting.
    pub fn into_yaml(self) -> Yaml {
        match self.value {
            NodeValue::Null => Yaml::Null,
            NodeValue::Scalar { text, .. } => Yaml::Scalar(text),
            NodeValue::List(items) => Yaml::List(items.into_iter().map(Node::into_yaml).collect()),
            NodeValue::Map(entries) => Yaml::Map(
                entries
                    .into_iter()
                    .map(|(key, value, line)| (key, value.into_yaml(), line))
                    .collect(),
            ),
        }
    }
}

/// Reads a YAML document.
///
/// # Errors
///
/// Bad indentation, an unclosed quote or bracket, text after a closing quote, a key without a
/// value, or a feature outside the subset (anchors, aliases, tags, block scalars, several
/// documents).
pub fn parse(text: &str) -> Result<Yaml, YamlError> {
    parse_nodes(text).map(Node::into_yaml)
}

/// Reads a YAML document into [`Node`]s, which keep where each value was written and whether a
/// scalar was quoted. An empty document is a [`NodeValue::Null`] at line 1.
///
/// # Errors
///
/// As [`parse`].
pub fn parse_nodes(text: &str) -> Result<Node, YamlError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = logical_lines(text)?;
    let mut parser = BlockParser {
        lines,
        next: 0,
        depth: 0,
    };
    let Some(first) = parser.lines.first() else {
        return Ok(Node {
            line: 1,
            column: 1,
            value: NodeValue::Null,
        });
    };
    let indent = first.indent;
    let value = parser.block(indent)?;
    if let Some(line) = parser.lines.get(parser.next) {
        let message = if line.indent < indent {
            "this line is indented less than the first one"
        } else {
            "expected a list item (`- value`)"
        };
        return Err(line.error_at(line.indent, message));
    }
    Ok(value)
}

/// A line with content: its number, the column its content starts at (0-based), and its
/// content without the comment and trailing blanks. A flow collection spread over several
/// lines is joined into the line it starts on.
#[derive(Debug, Clone)]
struct Line {
    number: u32,
    indent: usize,
    content: String,
}

impl Line {
    fn error_at(&self, column: usize, message: &str) -> YamlError {
        YamlError {
            line: self.number,
            column: column as u32 + 1,
            message: String::from(message),
        }
    }
}

fn logical_lines(text: &str) -> Result<Vec<Line>, YamlError> {
    let mut lines: Vec<Line> = Vec::new();
    // A flow collection still open: the line it started on, and how deep it is.
    let mut open: Option<(usize, usize)> = None;
    for (index, raw) in text.split('\n').enumerate() {
        let number = index as u32 + 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        if let Some(position) = raw.find('\t') {
            if raw[..position].trim().is_empty() {
                return Err(YamlError {
                    line: number,
                    column: position as u32 + 1,
                    message: String::from("tabs cannot indent YAML; use spaces"),
                });
            }
        }
        let content = strip_comment(raw, number)?;
        let indent = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if let Some((start, depth)) = open {
            let mut depth = depth;
            bracket_depth(trimmed, &mut depth);
            if let Some(line) = lines.get_mut(start) {
                line.content.push(' ');
                line.content.push_str(trimmed);
            }
            open = (depth > 0).then_some((start, depth));
            continue;
        }
        if trimmed.is_empty() {
            continue;
        }
        if indent == 0 && (trimmed == "---" || trimmed.starts_with("--- ")) {
            if !lines.is_empty() {
                return Err(YamlError {
                    line: number,
                    column: 1,
                    message: String::from("only one YAML document is read; remove this `---`"),
                });
            }
            continue;
        }
        if indent == 0 && trimmed == "..." {
            break;
        }
        let mut depth = 0;
        bracket_depth(trimmed, &mut depth);
        lines.push(Line {
            number,
            indent,
            content: String::from(content.trim_end()),
        });
        if depth > 0 {
            open = Some((lines.len() - 1, depth));
        }
    }
    if let Some((start, _)) = open {
        if let Some(line) = lines.get(start) {
            return Err(line.error_at(line.indent, "a `[` or `{` here is never closed"));
        }
    }
    Ok(lines)
}

/// Adds the flow brackets that `text` opens and closes (outside quotes) to `depth`.
fn bracket_depth(text: &str, depth: &mut usize) {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    for character in text.chars() {
        match quote {
            Some('"') if character == '"' && previous != '\\' => quote = None,
            Some('\'') if character == '\'' => quote = None,
            Some(_) => {}
            None => match character {
                '"' | '\'' if *depth > 0 || previous == ' ' || previous == ':' => {
                    quote = Some(character);
                }
                '[' | '{' => *depth += 1,
                ']' | '}' => *depth = depth.saturating_sub(1),
                _ => {}
            },
        }
        previous = character;
    }
}

/// The line without its comment: a `#` at the start or after a blank, outside quotes.
fn strip_comment(line: &str, number: u32) -> Result<&str, YamlError> {
    let mut quote: Option<char> = None;
    let mut previous = ' ';
    let mut escaped = false;
    for (position, character) in line.char_indices() {
        match quote {
            Some('"') => {
                if escaped {
                    escaped = false;
                } else if character == '\\' {
                    escaped = true;
                } else if character == '"' {
                    quote = None;
                }
            }
            Some(_) => {
                if character == '\'' {
                    quote = None;
                }
            }
            None => match character {
                '#' if previous == ' ' || previous == '\t' => return Ok(&line[..position]),
                '"' | '\'' if starts_scalar(previous) => quote = Some(character),
                _ => {}
            },
        }
        previous = character;
    }
    if quote.is_some() {
        // A quoted scalar cannot go on to the next line in this subset.
        return Err(YamlError {
            line: number,
            column: line.len() as u32 + 1,
            message: String::from("a quoted string is not closed on its line"),
        });
    }
    Ok(line)
}

/// A quote after this character opens a quoted scalar (inside a plain one it is text).
fn starts_scalar(previous: char) -> bool {
    matches!(previous, ' ' | '\t' | ':' | '[' | '{' | ',' | '-')
}

struct BlockParser {
    lines: Vec<Line>,
    next: usize,
    /// How many blocks are being read, one inside the other.
    depth: usize,
}

/// A null where no line gives a value, placed at the line of its key or list item.
fn null_after(owner: &Line) -> Node {
    Node {
        line: owner.number,
        column: owner.indent as u32 + 1,
        value: NodeValue::Null,
    }
}

impl BlockParser {
    /// The block (a map, a list or one scalar) whose lines start at column `indent`.
    fn block(&mut self, indent: usize) -> Result<Node, YamlError> {
        if self.depth >= MAX_DEPTH {
            let line = self.lines.get(self.next).cloned().unwrap_or(Line {
                number: 1,
                indent: 0,
                content: String::new(),
            });
            return Err(line.error_at(
                indent,
                &format!("lists and maps nest more than {MAX_DEPTH} levels deep here"),
            ));
        }
        self.depth += 1;
        let block = self.block_within(indent);
        self.depth -= 1;
        block
    }

    fn block_within(&mut self, indent: usize) -> Result<Node, YamlError> {
        let Some(line) = self.lines.get(self.next).cloned() else {
            let line = self.lines.last().map_or(1, |line| line.number);
            return Ok(Node {
                line,
                column: 1,
                value: NodeValue::Null,
            });
        };
        if line.indent != indent {
            return Err(line.error_at(line.indent, "unexpected indentation"));
        }
        let content = line.content.trim_start();
        if content == "-" || content.starts_with("- ") {
            return self.list(indent, false);
        }
        if split_key(content).is_some() {
            return self.map(indent);
        }
        self.next += 1;
        let value = flow_value(content, &line, line.indent)?;
        if let Some(following) = self.lines.get(self.next) {
            if following.indent > indent {
                return Err(following.error_at(
                    following.indent,
                    "a value cannot go on over several lines here; quote it or use a list",
                ));
            }
        }
        Ok(value)
    }

    /// A block list. `under_key`: the list is written at its key's own indentation, so a line
    /// that is no item ends it (the next key); otherwise such a line is an error.
    fn list(&mut self, indent: usize, under_key: bool) -> Result<Node, YamlError> {
        let mut items = Vec::new();
        let start = self.lines.get(self.next).cloned();
        while let Some(line) = self.lines.get(self.next).cloned() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return Err(line.error_at(line.indent, "unexpected indentation in a list"));
            }
            let content = line.content.trim_start();
            let rest = content
                .strip_prefix('-')
                .filter(|rest| rest.is_empty() || rest.starts_with(' '));
            let Some(rest) = rest else {
                if under_key {
                    break;
                }
                return Err(line.error_at(indent, "expected a list item (`- value`)"));
            };
            let item = rest.trim_start();
            if item.is_empty() {
                self.next += 1;
                items.push(self.nested(indent, &line)?);
                continue;
            }
            // The item's text is read as a block of its own, starting at its column.
            let column = indent + (content.len() - item.len());
            if let Some(current) = self.lines.get_mut(self.next) {
                current.indent = column;
                current.content = String::from(item);
            }
            items.push(self.block(column)?);
        }
        Ok(match start {
            Some(line) => Node::at(&line, indent, NodeValue::List(items)),
            None => Node {
                line: 1,
                column: 1,
                value: NodeValue::List(items),
            },
        })
    }

    fn map(&mut self, indent: usize) -> Result<Node, YamlError> {
        let mut entries: Vec<(String, Node, u32)> = Vec::new();
        let start = self.lines.get(self.next).cloned();
        while let Some(line) = self.lines.get(self.next).cloned() {
            if line.indent < indent {
                break;
            }
            if line.indent > indent {
                return Err(line.error_at(line.indent, "unexpected indentation in a map"));
            }
            let content = line.content.trim_start();
            let Some((key, rest)) = split_key(content) else {
                if content.starts_with("- ") || content == "-" {
                    return Err(line.error_at(indent, "a list item where a map key was expected"));
                }
                return Err(line.error_at(indent, "expected `key: value`"));
            };
            let key = match scalar(key.trim(), &line, indent)?.value {
                NodeValue::Scalar { text, .. } => text,
                NodeValue::Null => String::new(),
                _ => return Err(line.error_at(indent, "a key must be text")),
            };
            if entries.iter().any(|(existing, _, _)| *existing == key) {
                return Err(line.error_at(indent, &format!("the key `{key}` is given twice")));
            }
            self.next += 1;
            let rest = rest.trim();
            let value = if rest.is_empty() {
                self.nested(indent, &line)?
            } else {
                let column = line.indent + (content.len() - rest.len());
                let value = flow_value(rest, &line, column)?;
                if let Some(following) = self.lines.get(self.next) {
                    if following.indent > indent {
                        return Err(following.error_at(
                            following.indent,
                            "unexpected indentation: the key above already has its value",
                        ));
                    }
                }
                value
            };
            entries.push((key, value, line.number));
        }
        Ok(match start {
            Some(line) => Node::at(&line, indent, NodeValue::Map(entries)),
            None => Node {
                line: 1,
                column: 1,
                value: NodeValue::Map(entries),
            },
        })
    }

    /// The value of a key or list item written on the lines after it: a block indented more,
    /// or (for a key) a list at the key's own indentation, as YAML allows.
    fn nested(&mut self, indent: usize, owner: &Line) -> Result<Node, YamlError> {
        let Some(following) = self.lines.get(self.next) else {
            return Ok(null_after(owner));
        };
        let is_item =
            following.content.trim_start().starts_with("- ") || following.content.trim() == "-";
        let owner_is_key = !owner.content.trim_start().starts_with('-');
        if following.indent > indent {
            let column = following.indent;
            self.block(column)
        } else if following.indent == indent && is_item && owner_is_key {
            self.list(indent, true)
        } else {
            Ok(null_after(owner))
        }
    }
}

/// Splits `key: value` at the colon that ends the key (a `:` followed by a blank or the end,
/// outside quotes and brackets).
fn split_key(content: &str) -> Option<(&str, &str)> {
    let bytes = content.as_bytes();
    let mut quote: Option<u8> = None;
    let mut depth = 0usize;
    for (position, byte) in bytes.iter().enumerate() {
        match quote {
            Some(b'"') if *byte == b'"' && (position == 0 || bytes[position - 1] != b'\\') => {
                quote = None;
            }
            Some(b'\'') if *byte == b'\'' => quote = None,
            Some(_) => {}
            None => match byte {
                b'"' | b'\'' if position == 0 => quote = Some(*byte),
                b'[' | b'{' if position == 0 || depth > 0 => depth += 1,
                b']' | b'}' if depth > 0 => depth -= 1,
                b':' if depth == 0 => {
                    let after = bytes.get(position + 1);
                    if after.is_none() || after == Some(&b' ') {
                        return Some((&content[..position], &content[position + 1..]));
                    }
                }
                _ => {}
            },
        }
    }
    None
}

/// A value written on one (logical) line: a flow list or map, or a scalar.
fn flow_value(text: &str, line: &Line, column: usize) -> Result<Node, YamlError> {
    if text.starts_with('[') || text.starts_with('{') {
        let mut flow = Flow {
            text,
            position: 0,
            line,
            column,
            depth: 0,
        };
        let value = flow.value()?;
        flow.blanks();
        if flow.position < text.len() {
            return Err(flow.error("unexpected text after the closing bracket"));
        }
        return Ok(value);
    }
    scalar(text, line, column)
}

/// One scalar: quoted or plain.
fn scalar(text: &str, line: &Line, column: usize) -> Result<Node, YamlError> {
    match text.chars().next() {
        Some('"' | '\'') => {
            let (value, used) = quoted(text, line, column)?;
            if !text[used..].trim().is_empty() {
                return Err(line.error_at(column + used, "unexpected text after the closing quote"));
            }
            Ok(Node::at(
                line,
                column,
                NodeValue::Scalar {
                    text: value,
                    quoted: true,
                },
            ))
        }
        _ => plain(text, line, column),
    }
}

fn plain(text: &str, line: &Line, column: usize) -> Result<Node, YamlError> {
    let text = text.trim();
    match text.chars().next() {
        Some('&' | '*') => Err(line.error_at(
            column,
            "YAML anchors and aliases (`&name`, `*name`) are not supported; write the value out",
        )),
        Some('!') => Err(line.error_at(column, "YAML tags (`!name`) are not supported")),
        Some('|' | '>') => Err(line.error_at(
            column,
            "block scalars (`|`, `>`) are not supported; write the value on one line",
        )),
        Some('@' | '`') => Err(line.error_at(
            column,
            "a plain value cannot start with `@` or a backtick; quote it",
        )),
        Some('%') => Err(line.error_at(column, "YAML directives (`%`) are not supported")),
        _ if text.is_empty()
            || text == "~"
            || text == "null"
            || text == "Null"
            || text == "NULL" =>
        {
            Ok(Node::at(line, column, NodeValue::Null))
        }
        _ => Ok(Node::at(
            line,
            column,
            NodeValue::Scalar {
                text: String::from(text),
                quoted: false,
            },
        )),
    }
}

/// A quoted scalar at the start of `text`, and how many bytes it used.
fn quoted(text: &str, line: &Line, column: usize) -> Result<(String, usize), YamlError> {
    let mut characters = text.char_indices();
    let Some((_, quote)) = characters.next() else {
        return Err(line.error_at(column, "expected a quoted string"));
    };
    let mut value = String::new();
    while let Some((position, character)) = characters.next() {
        if character == quote {
            if quote == '\'' && text[position + 1..].starts_with('\'') {
                characters.next();
                value.push('\'');
                continue;
            }
            return Ok((value, position + 1));
        }
        if character == '\\' && quote == '"' {
            let Some((escape_at, escape)) = characters.next() else {
                break;
            };
            let decoded = match escape {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                '0' => '\0',
                '"' => '"',
                '\\' => '\\',
                '/' => '/',
                ' ' => ' ',
                'u' | 'x' | 'U' => {
                    let digits = match escape {
                        'x' => 2,
                        'u' => 4,
                        _ => 8,
                    };
                    let start = escape_at + 1;
                    let hex = text.get(start..start + digits).unwrap_or("");
                    let code = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32);
                    let Some(code) = code.filter(|_| hex.len() == digits) else {
                        return Err(line.error_at(column + escape_at, "invalid escape sequence"));
                    };
                    for _ in 0..digits {
                        characters.next();
                    }
                    code
                }
                _ => {
                    return Err(line.error_at(
                        column + escape_at - 1,
                        &format!("unknown escape `\\{escape}` in a double-quoted string"),
                    ))
                }
            };
            value.push(decoded);
            continue;
        }
        value.push(character);
    }
    Err(line.error_at(column, "a quoted string is not closed"))
}

/// A flow collection: `[a, "b", {c: d}]`.
struct Flow<'a> {
    text: &'a str,
    position: usize,
    line: &'a Line,
    column: usize,
    /// How many brackets are open.
    depth: usize,
}

impl Flow<'_> {
    fn error(&self, message: &str) -> YamlError {
        self.line.error_at(self.column + self.position, message)
    }

    fn rest(&self) -> &str {
        self.text.get(self.position..).unwrap_or("")
    }

    fn blanks(&mut self) {
        let rest = self.rest();
        self.position += rest.len() - rest.trim_start().len();
    }

    fn node(&self, column: usize, value: NodeValue) -> Node {
        Node::at(self.line, column, value)
    }

    fn value(&mut self) -> Result<Node, YamlError> {
        if self.depth >= MAX_DEPTH {
            return Err(self.error(&format!(
                "lists and maps nest more than {MAX_DEPTH} levels deep here"
            )));
        }
        self.depth += 1;
        let value = self.value_within();
        self.depth -= 1;
        value
    }

    fn value_within(&mut self) -> Result<Node, YamlError> {
        self.blanks();
        let start = self.column + self.position;
        match self.rest().chars().next() {
            Some('[') => {
                self.position += 1;
                let mut items = Vec::new();
                loop {
                    self.blanks();
                    if self.rest().starts_with(']') {
                        self.position += 1;
                        return Ok(self.node(start, NodeValue::List(items)));
                    }
                    items.push(self.value()?);
                    self.blanks();
                    if self.rest().starts_with(',') {
                        self.position += 1;
                    } else if !self.rest().starts_with(']') {
                        return Err(self.error("expected `,` or `]` in a flow list"));
                    }
                }
            }
            Some('{') => {
                self.position += 1;
                let mut entries: Vec<(String, Node, u32)> = Vec::new();
                loop {
                    self.blanks();
                    if self.rest().starts_with('}') {
                        self.position += 1;
                        return Ok(self.node(start, NodeValue::Map(entries)));
                    }
                    let key = match self.value()?.value {
                        NodeValue::Scalar { text, .. } => text,
                        NodeValue::Null => String::new(),
                        _ => return Err(self.error("a key must be text")),
                    };
                    self.blanks();
                    let value = if self.rest().starts_with(':') {
                        self.position += 1;
                        self.value()?
                    } else {
                        self.node(self.column + self.position, NodeValue::Null)
                    };
                    entries.push((key, value, self.line.number));
                    self.blanks();
                    if self.rest().starts_with(',') {
                        self.position += 1;
                    } else if !self.rest().starts_with('}') {
                        return Err(self.error("expected `,` or `}` in a flow map"));
                    }
                }
            }
            Some('"' | '\'') => {
                let (value, used) = quoted(self.rest(), self.line, start)?;
                self.position += used;
                Ok(self.node(
                    start,
                    NodeValue::Scalar {
                        text: value,
                        quoted: true,
                    },
                ))
            }
            None => Err(self.error("a `[` or `{` is never closed")),
            Some(_) => {
                // A plain scalar ends at `,`, a closing bracket, or a `: ` inside a flow map.
                let rest = self.rest();
                let mut end = rest.len();
                for (position, character) in rest.char_indices() {
                    let next = rest[position + character.len_utf8()..].chars().next();
                    let ends_key =
                        character == ':' && matches!(next, None | Some(' ' | ',' | '}' | ']'));
                    if matches!(character, ',' | ']' | '}' | '[' | '{') || ends_key {
                        end = position;
                        break;
                    }
                }
                let value = plain(&rest[..end], self.line, start)?;
                self.position += end;
                Ok(value)
            }
        }
    }
}

impl Yaml {
    /// The kind of value, for messages: `a list`, `a map`, ...
    pub fn describe(&self) -> &'static str {
        match self {
            Yaml::Null => "nothing",
            Yaml::Scalar(_) => "a value",
            Yaml::List(_) => "a list",
            Yaml::Map(_) => "a map",
        }
    }
}

impl fmt::Display for Yaml {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Yaml::Null => formatter.write_str("null"),
            Yaml::Scalar(text) => formatter.write_str(text),
            Yaml::List(items) => {
                let texts: Vec<String> = items.iter().map(ToString::to_string).collect();
                write!(formatter, "[{}]", texts.join(", "))
            }
            Yaml::Map(entries) => {
                let texts: Vec<String> = entries
                    .iter()
                    .map(|(key, value, _)| format!("{key}: {value}"))
                    .collect();
                write!(formatter, "{{{}}}", texts.join(", "))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn scalar(text: &str) -> Yaml {
        Yaml::Scalar(String::from(text))
    }

    fn error_of(text: &str) -> String {
        parse(text).map_or_else(
            |error| error.to_string(),
            |value| format!("no error: {value}"),
        )
    }

    #[test]
    fn reads_the_maps_lists_and_scalars_checkov_configs_use() {
        let text = "---\n# tfscan settings\ncompact: true\ncheck:\n  - CKV_AWS_1   # first\n  - 'CKV_AWS_2'\nskip-check: [CKV_AWS_3, \"CKV_AWS_4\"]\nquiet:\noutput:\n- cli\n- json\nsoft-fail-on: HIGH,CKV_AWS_5\nnested:\n  a: 1\n  b: {c: d, e: [f]}\n";
        let Yaml::Map(entries) = parse(text).unwrap() else {
            panic!("not a map");
        };
        let get = |name: &str| {
            entries
                .iter()
                .find(|(key, _, _)| key == name)
                .map(|(_, value, line)| (value.clone(), *line))
                .unwrap()
        };
        assert_eq!(get("compact"), (scalar("true"), 3));
        assert_eq!(
            get("check").0,
            Yaml::List(vec![scalar("CKV_AWS_1"), scalar("CKV_AWS_2")])
        );
        assert_eq!(
            get("skip-check").0,
            Yaml::List(vec![scalar("CKV_AWS_3"), scalar("CKV_AWS_4")])
        );
        assert_eq!(get("quiet").0, Yaml::Null);
        assert_eq!(
            get("output").0,
            Yaml::List(vec![scalar("cli"), scalar("json")])
        );
        assert_eq!(get("soft-fail-on").0, scalar("HIGH,CKV_AWS_5"));
        assert_eq!(get("nested").0.to_string(), "{a: 1, b: {c: d, e: [f]}}");
    }

    #[test]
    fn flow_lists_may_span_lines_and_quotes_keep_their_text() {
        let text = "check: [\n  CKV_AWS_1,  # one\n  CKV_AWS_2\n]\nname: \"a # not a comment\\n\"\nother: 'it''s'\nurl: http://x/#y\n";
        let value = parse(text).unwrap();
        assert_eq!(
            value.to_string(),
            "{check: [CKV_AWS_1, CKV_AWS_2], name: a # not a comment\n, other: it's, url: http://x/#y}"
        );
    }

    #[test]
    fn lists_of_maps_and_empty_documents() {
        assert_eq!(
            parse("- a: 1\n  b: 2\n- c\n").unwrap().to_string(),
            "[{a: 1, b: 2}, c]"
        );
        assert_eq!(parse("# nothing\n\n").unwrap(), Yaml::Null);
        assert_eq!(parse("\u{feff}a: b\r\n").unwrap().to_string(), "{a: b}");
    }

    #[test]
    fn bad_yaml_says_where_and_why() {
        assert_eq!(
            error_of("check:\n  - a\n   - b\n"),
            "3:4: unexpected indentation in a list"
        );
        assert_eq!(
            error_of("a: [b, c\n"),
            "1:1: a `[` or `{` here is never closed"
        );
        assert_eq!(
            error_of("a: \"b\n"),
            "1:6: a quoted string is not closed on its line"
        );
        assert_eq!(error_of("a: b\na: c\n"), "2:1: the key `a` is given twice");
        assert_eq!(
            error_of("a: &x b\n"),
            "1:4: YAML anchors and aliases (`&name`, `*name`) are not supported; write the value out"
        );
        assert_eq!(
            error_of("a: |\n  text\n"),
            "1:4: block scalars (`|`, `>`) are not supported; write the value on one line"
        );
        assert_eq!(
            error_of("a: b\n  c: d\n"),
            "2:3: unexpected indentation: the key above already has its value"
        );
        assert_eq!(
            error_of("\ta: b\n"),
            "1:1: tabs cannot indent YAML; use spaces"
        );
        assert_eq!(
            error_of("a: [b c] d\n"),
            "1:10: unexpected text after the closing bracket"
        );
        assert_eq!(
            error_of("  a: b\nc: d\n"),
            "2:1: this line is indented less than the first one"
        );
        assert_eq!(
            error_of("a: \"b\" c\n"),
            "1:7: unexpected text after the closing quote"
        );
        assert_eq!(
            error_of("a: b\n---\nc: d\n"),
            "2:1: only one YAML document is read; remove this `---`"
        );
    }

    #[test]
    fn nodes_say_where_values_start_and_whether_scalars_were_quoted() {
        let text = "a: true\nb: \"true\"\nc:\n  - x\n  - 'y'\nd: [1, \"2\"]\ne:\n";
        let node = parse_nodes(text).unwrap();
        let NodeValue::Map(entries) = &node.value else {
            panic!("not a map");
        };
        let value = |name: &str| {
            entries
                .iter()
                .find(|(key, _, _)| key == name)
                .map(|(_, value, line)| (value.clone(), *line))
                .unwrap()
        };
        let scalar = |text: &str, quoted: bool| NodeValue::Scalar {
            text: String::from(text),
            quoted,
        };
        let (a, line) = value("a");
        assert_eq!(
            (a.value, a.line, a.column, line),
            (scalar("true", false), 1, 4, 1)
        );
        assert_eq!(value("b").0.value, scalar("true", true));
        let (c, line) = value("c");
        assert_eq!((c.line, c.column, line), (4, 3, 3));
        let NodeValue::List(items) = c.value else {
            panic!("not a list");
        };
        assert_eq!(
            items
                .iter()
                .map(|item| (item.value.clone(), item.line, item.column))
                .collect::<Vec<_>>(),
            [(scalar("x", false), 4, 5), (scalar("y", true), 5, 5)]
        );
        let NodeValue::List(flow) = value("d").0.value else {
            panic!("not a flow list");
        };
        assert_eq!(flow[1].value, scalar("2", true));
        assert_eq!(flow[1].column, 8);
        assert_eq!(
            value("e"),
            (
                Node {
                    line: 7,
                    column: 1,
                    value: NodeValue::Null
                },
                7
            )
        );
        // The plain values are what `parse` gives.
        assert_eq!(node.into_yaml(), parse(text).unwrap());
        assert_eq!(parse_nodes("").unwrap().value, NodeValue::Null);
    }

    #[test]
    fn never_panics_on_odd_input() {
        for text in [
            "-",
            "- -",
            ":",
            "a:",
            "[",
            "]",
            "{a",
            "\"",
            "'",
            "a: '",
            "a: [\"b",
            "- a\nb: c",
            "a:\n- b\n c",
            "a: {b: [c, {d: e}]}",
            "\"\\u12\"",
            "a: \"\\uD800\"",
            "? a",
            "a: b: c",
            "é: ü",
            "- - - a",
            "a: [,]",
            "{}: x",
        ] {
            let _ = parse(text);
        }
        // Nesting deep enough to overflow a small stack is refused.
        let flow = format!("a: {}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(
            error_of(&flow).contains("nest more than 128 levels"),
            "{}",
            error_of(&flow)
        );
        let block = "- ".repeat(50_000) + "a";
        assert!(
            error_of(&block).contains("nest more than 128 levels"),
            "{}",
            error_of(&block)
        );
        let fine = format!("a: {}1{}", "[".repeat(100), "]".repeat(100));
        assert!(parse(&fine).is_ok());
    }
}
