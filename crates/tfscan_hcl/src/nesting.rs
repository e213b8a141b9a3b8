//! A quick scan for bracket nesting before the text reaches hcl-edit, whose parser recurses:
//! a hostile file of 100,000 `[` must give an error, not a stack overflow. The scan is
//! approximate on purpose (it knows strings, interpolations, comments and heredocs well enough
//! to keep ordinary files far below the limit) and linear in the text.

use tfscan_core::syntax::ParseError;

use crate::errors::error_at;
use crate::lines::LineIndex;

/// What the scanner is inside of.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Expressions and structure: brackets count here.
    Code,
    /// The inside of a quoted string.
    String,
    /// A `${` or `%{` sequence inside a string or template, which closes at `}` when the bracket
    /// depth is back to the value it had just after the opening.
    Interpolation { depth: usize },
    /// The literal text of a bare template (what `parse_template` reads).
    TemplateText,
}

/// Where the scan starts: in configuration code or in template text.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Start {
    Code,
    Template,
}

/// Fails at the first bracket that is nested more than `max_nesting` levels deep.
pub(crate) fn check(
    path: &str,
    text: &str,
    start: Start,
    max_nesting: usize,
) -> Result<(), ParseError> {
    match deepest_point(text.as_bytes(), start, max_nesting) {
        Some(offset) => Err(error_at(
            path,
            &LineIndex::new(text),
            offset,
            format!(
                "brackets are nested more than {max_nesting} levels deep here; \
                 this is too deep to read (--limit max-nesting)"
            ),
        )),
        None => Ok(()),
    }
}

/// The offset of the first opening bracket beyond the nesting limit, if there is one.
fn deepest_point(bytes: &[u8], start: Start, max_nesting: usize) -> Option<usize> {
    let mut modes = vec![match start {
        Start::Code => Mode::Code,
        Start::Template => Mode::TemplateText,
    }];
    let mut depth = 0usize;
    let mut at = 0usize;

    loop {
        let mode = modes.last().copied().unwrap_or(Mode::Code);

        // Most bytes mean nothing to the scan: jump to the next one that may (at the end of
        // the text, the scan is over and found nothing too deep).
        let meaningful = match mode {
            Mode::Code | Mode::Interpolation { .. } => &CODE_BYTES,
            Mode::String | Mode::TemplateText => &TEXT_BYTES,
        };
        let rest = bytes.get(at..).unwrap_or_default();
        at += rest
            .iter()
            .position(|&byte| meaningful[usize::from(byte)])?;
        let &byte = bytes.get(at)?;
        let next = bytes.get(at + 1).copied();

        match mode {
            Mode::Code | Mode::Interpolation { .. } => match byte {
                b'"' => modes.push(Mode::String),
                b'(' | b'[' | b'{' => {
                    depth += 1;
                    if depth > max_nesting {
                        return Some(at);
                    }
                }
                b')' | b']' => depth = depth.saturating_sub(1),
                b'}' => {
                    if mode == (Mode::Interpolation { depth }) {
                        modes.pop();
                    }
                    depth = depth.saturating_sub(1);
                }
                b'#' => at = end_of_line(bytes, at),
                b'/' if next == Some(b'/') => at = end_of_line(bytes, at),
                b'/' if next == Some(b'*') => at = end_of_block_comment(bytes, at + 2),
                b'<' if next == Some(b'<') => at = end_of_heredoc(bytes, at + 2),
                _ => {}
            },
            Mode::String | Mode::TemplateText => match (byte, next) {
                (b'\\', _) if mode == Mode::String => at += 1,
                (b'"' | b'\n', _) if mode == Mode::String => {
                    modes.pop();
                }
                (b'$', Some(b'$')) | (b'%', Some(b'%')) => at += 1,
                (b'$' | b'%', Some(b'{')) => {
                    depth += 1;
                    if depth > max_nesting {
                        return Some(at);
                    }
                    modes.push(Mode::Interpolation { depth });
                    at += 1;
                }
                _ => {}
            },
        }
        at += 1;
    }
}

/// The bytes that matter in code, and in string or template text.
const CODE_BYTES: [bool; 256] = byte_set(b"\"()[]{}#/<");
const TEXT_BYTES: [bool; 256] = byte_set(b"\\\"\n$%");

const fn byte_set(bytes: &[u8]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut index = 0;
    while index < bytes.len() {
        set[bytes[index] as usize] = true;
        index += 1;
    }
    set
}

/// The offset of the newline that ends the line holding `at` (or the end of the text).
fn end_of_line(bytes: &[u8], at: usize) -> usize {
    bytes
        .iter()
        .skip(at)
        .position(|&b| b == b'\n')
        .map_or(bytes.len(), |n| at + n)
}

/// The offset of the `/` that closes a block comment whose text starts at `at`.
fn end_of_block_comment(bytes: &[u8], at: usize) -> usize {
    bytes
        .get(at..)
        .and_then(|rest| rest.windows(2).position(|pair| pair == b"*/"))
        .map_or(bytes.len(), |n| at + n + 1)
}

/// After `<<` at `at - 2`: if a heredoc starts here, the offset of the last byte of its closing
/// delimiter line; otherwise `at - 1` (the second `<`), so that scanning simply goes on.
fn end_of_heredoc(bytes: &[u8], at: usize) -> usize {
    let name_start = if bytes.get(at) == Some(&b'-') {
        at + 1
    } else {
        at
    };
    let name_len = bytes
        .iter()
        .skip(name_start)
        .take_while(|&&b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-')
        .count();
    let name = match bytes.get(name_start..name_start + name_len) {
        Some(name) if !name.is_empty() => name,
        _ => return at - 1,
    };
    let mut line_end = end_of_line(bytes, name_start + name_len);
    while line_end < bytes.len() {
        let line_start = line_end + 1;
        line_end = end_of_line(bytes, line_start);
        let line = bytes.get(line_start..line_end).unwrap_or_default();
        let trimmed = line.trim_ascii();
        if trimmed == name {
            return line_end;
        }
    }
    bytes.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAX_NESTING: usize = tfscan_core::limits::DEFAULT_MAX_NESTING;

    fn deepest(text: &str) -> Option<usize> {
        deepest_point(text.as_bytes(), Start::Code, MAX_NESTING)
    }

    #[test]
    fn deep_brackets_are_found_where_the_limit_is_crossed() {
        let text = "a = ".to_owned() + &"[".repeat(100_000);
        assert_eq!(deepest(&text), Some(4 + MAX_NESTING));
        let error = check("deep.tf", &text, Start::Code, MAX_NESTING).unwrap_err();
        assert_eq!((error.line, error.column), (1, 5 + MAX_NESTING as u32));
    }

    #[test]
    fn balanced_brackets_stay_shallow() {
        let line = "a = [{ b = (1) }]\n";
        assert_eq!(deepest(&line.repeat(10_000)), None);
    }

    #[test]
    fn strings_comments_and_heredocs_are_not_counted() {
        let open = "[".repeat(MAX_NESTING + 1);
        for text in [
            format!("a = \"{open}\""),
            format!("# {open}\na = 1"),
            format!("// {open}\na = 1"),
            format!("/* {open} */ a = 1"),
            format!("a = <<EOT\n{open}\nEOT\n"),
            format!("a = <<-EOT\n  {open}\n  EOT\nb = 1"),
        ] {
            assert_eq!(deepest(&text), None, "{text}");
        }
    }

    #[test]
    fn interpolations_count_and_close() {
        let shallow = "a = \"${f(\"x\")}\" ".repeat(1000);
        assert_eq!(deepest(&shallow), None);
        let deep = "\"${".repeat(MAX_NESTING + 1);
        assert!(deepest(&deep).is_some());
        let template = "%{ if x }".to_owned() + &"${".repeat(MAX_NESTING + 1);
        assert!(deepest_point(template.as_bytes(), Start::Template, MAX_NESTING).is_some());
        assert_eq!(
            deepest_point(b"[[[[ \"quotes\" are text", Start::Template, MAX_NESTING),
            None
        );
    }
}
