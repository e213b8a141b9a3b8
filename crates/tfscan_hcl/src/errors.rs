//! Parse errors as a person reads them: the file, the line and column, and one line saying what
//! was expected. hcl-edit's own messages name its grammar ("invalid structure; expected `{`,
//! `=`, `\"` or identifier"); the common ones are translated into what the user wrote wrong.

use tfscan_core::syntax::ParseError;

use crate::lines::LineIndex;

/// An error at byte `offset` of the text that `lines` indexes.
pub(crate) fn error_at(
    path: &str,
    lines: &LineIndex<'_>,
    offset: usize,
    message: impl Into<String>,
) -> ParseError {
    let (line, column) = lines.position(offset);
    ParseError {
        path: path.to_owned(),
        line,
        column,
        message: message.into(),
    }
}

/// What hcl-edit was asked to read, which decides what an "unexpected token" means.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grammar {
    /// A file: attributes and blocks.
    Body,
    /// One expression.
    Expression,
    /// A template: literal text with `${...}` and `%{...}`.
    Template,
}

/// An hcl-edit parse error in `text`, at hcl-edit's line and column, with a message a person
/// can act on.
pub(crate) fn from_hcl_edit(
    path: &str,
    text: &str,
    grammar: Grammar,
    error: &hcl_edit::parser::Error,
) -> ParseError {
    let location = error.location();
    let line_chars = error.line().chars().count();
    // hcl-edit clamps the offset to the last byte and counts the rest into the column, so an
    // error at the end of the text has a column past its last line (and the newline ending it).
    let past_newline = if text.ends_with('\n') {
        line_chars + 1
    } else {
        line_chars
    };
    let at_end = location.offset() + 1 >= text.len() && location.column() > past_newline;
    ParseError {
        path: path.to_owned(),
        line: location.line() as u32,
        column: location.column() as u32,
        message: describe(
            error.message(),
            error.line(),
            location.column(),
            at_end,
            grammar,
        ),
    }
}

/// Translates hcl-edit's message. `line` is the text of the line the error is on and `column`
/// its 1-based column there, which tell what the parser stopped at; `at_end` says that it
/// stopped at the end of the text.
fn describe(message: &str, line: &str, column: usize, at_end: bool, grammar: Grammar) -> String {
    // What the parser stopped at, past any spaces it stopped before.
    let found = line
        .chars()
        .skip(column.saturating_sub(1))
        .find(|&c| c != ' ' && c != '\t');
    let found_text = match found {
        _ if at_end && grammar == Grammar::Body => "the end of the file".to_owned(),
        _ if at_end => "the end of the text".to_owned(),
        None | Some('\r' | '\n') => "the end of the line".to_owned(),
        Some(c) => format!("'{c}'"),
    };

    let (label, expected) = match message.strip_prefix("invalid ") {
        Some(rest) => rest.split_once("; ").unwrap_or((rest, "")),
        None => ("", message),
    };

    let translated = match label {
        "structure" => Some(format!(
            "expected '=' after the attribute name, or '{{' after the block type and labels; \
             found {found_text}"
        )),
        "attribute" if expected.contains("redefined attribute") => {
            let name: String = line
                .chars()
                .skip(column.saturating_sub(1))
                .take_while(|&c| c.is_alphanumeric() || c == '_' || c == '-')
                .collect();
            Some(format!("the attribute '{name}' is set twice in this block"))
        }
        "attribute" => Some(format!(
            "expected '=' after the attribute name; found {found_text}"
        )),
        "block body" if at_end => {
            Some("expected '}' to close the block; found the end of the file".to_owned())
        }
        "block body" => Some(format!(
            "expected a newline after '{{' or '}}' to close the block; found {found_text} \
             (a block written on one line holds at most one attribute)"
        )),
        "expression" => Some(format!("expected an expression; found {found_text}")),
        "object item" if expected.contains("redefined object key") => Some(format!(
            "this object key is repeated and could not be read past: repeated keys are \
                 accepted when they are names or plain quoted strings, up to {} in a file",
            crate::repeated_keys::MAX_REPARSES
        )),
        "object item" => Some(format!(
            "expected ',' or a newline between object items, or '}}' to close the object; \
             found {found_text}"
        )),
        "object value assignment" => Some(format!(
            "expected '=' or ':' after the object key; found {found_text}"
        )),
        "traversal operator" => Some(format!(
            "expected an attribute name, '*' or a number after '.'; found {found_text}"
        )),
        "escape sequence" => Some(format!(
            "unknown escape sequence in a string: use \\n, \\r, \\t, \\\", \\\\, \\uNNNN or \
             \\UNNNNNNNN; found {found_text}"
        )),
        "nesting depth" => Some(
            "expressions or blocks are nested more than 64 levels deep here; this is too deep \
             to read"
                .to_owned(),
        ),
        "binary operation" => Some(
            "more than 128 operators are chained in this expression; this is too long to read"
                .to_owned(),
        ),
        _ => None,
    };
    if let Some(translated) = translated {
        return translated;
    }

    if expected.starts_with("expected newline or eof") {
        return format!(
            "expected a newline after the attribute or block; found {found_text} \
             (each attribute and each block starts on its own line)"
        );
    }
    if expected.starts_with("expected heredoc end delimiter") {
        return "the heredoc is not closed: expected its delimiter on a line of its own".to_owned();
    }
    if expected == "expected `{`" {
        return format!(
            "expected '{{' to open the block body, or '=' after the attribute name; found \
             {found_text}"
        );
    }
    if expected == "unexpected token" {
        return match (grammar, found) {
            (Grammar::Expression, _) => {
                format!("expected the end of the expression; found {found_text}")
            }
            (Grammar::Template, _) => "could not read the template from here; check that each \
                                       '${' and '%{' is closed by '}' and that each %{if} and \
                                       %{for} has its %{endif} or %{endfor}"
                .to_owned(),
            (Grammar::Body, Some('}')) => {
                "unexpected '}': no block or object is open here".to_owned()
            }
            (Grammar::Body, Some('=')) => "expected an attribute name before '='".to_owned(),
            (Grammar::Body, _) => "could not read the attribute or block that starts here; \
                                   check that its quotes, brackets and braces are closed"
                .to_owned(),
        };
    }
    if let Some(closing) = expected
        .strip_prefix("expected `")
        .and_then(|s| s.strip_suffix('`'))
    {
        if closing.chars().count() == 1 {
            return format!("expected '{closing}'; found {found_text}");
        }
    }

    // The parser's own words, still one line.
    let own = message.replace('`', "'");
    format!("{own}; found {found_text}")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message_for(text: &str) -> (u32, u32, String) {
        let error = hcl_edit::parser::parse_body(text).unwrap_err();
        let error = from_hcl_edit("main.tf", text, Grammar::Body, &error);
        assert!(!error.message.contains('\n'), "one line: {}", error.message);
        (error.line, error.column, error.message)
    }

    #[test]
    fn a_missing_equals_sign_is_named() {
        let (line, column, message) = message_for("resource \"a\" \"b\" {\n  bucket \"x\"\n}\n");
        assert_eq!((line, column), (2, 13));
        assert!(
            message.starts_with("expected '{' to open the block body"),
            "{message}"
        );
        let (line, column, message) = message_for("a 1\n");
        assert_eq!((line, column), (1, 3));
        assert!(
            message.starts_with("expected '=' after the attribute name"),
            "{message}"
        );
    }

    #[test]
    fn common_mistakes_have_plain_messages() {
        let cases = [
            ("a = 1 b = 2\n", "expected a newline after the attribute"),
            ("a = \n", "expected an expression"),
            ("a = { b = 1 c = 2 }\n", "between object items"),
            ("a = 1\na = 2\n", "the attribute 'a' is set twice"),
            ("a = \"\\q\"\n", "unknown escape sequence"),
            ("a = <<EOT\nx\n", "the heredoc is not closed"),
            (
                "b {\n  a = 1\n",
                "expected '}' to close the block; found the end of the file",
            ),
            ("b { a = 1 c = 2 }\n", "holds at most one attribute"),
            (
                "a = 1 +\n",
                "expected an expression; found the end of the line",
            ),
            (
                "a = { b = 1\n",
                "check that its quotes, brackets and braces are closed",
            ),
            ("}\n", "no block or object is open here"),
            ("= 1\n", "expected an attribute name"),
            ("a = f(1, 2\n", "expected ')'"),
            ("a = x ? 1\n", "expected ':'"),
        ];
        for (text, expected) in cases {
            let (_, _, message) = message_for(text);
            assert!(message.contains(expected), "{text:?}: {message}");
        }
    }
}
