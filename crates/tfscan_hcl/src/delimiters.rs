//! A second look at a file hcl-edit could not read: what is not closed. hcl-edit backtracks
//! on error, so it reports a string without its closing quote at the start of its attribute,
//! with a message about the block around it, and a block without its `}` at the end of the
//! file. This scan reads the text the way Terraform's scanner does — quoted strings end at the
//! end of their line, comments and heredocs are skipped, `${...}` opens code inside a string —
//! and pairs every bracket, so that the error can name the string, the comment, the heredoc or
//! the bracket that is not closed, where it opens.
//!
//! It runs only after hcl-edit failed, reads the text once, and keeps a bounded amount of
//! state per bracket that is open (the nesting limit has been checked before).

use crate::lines::LineIndex;

/// A problem found, at byte `offset` of the text, with what to say about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Problem {
    pub(crate) offset: usize,
    pub(crate) message: String,
}

/// What opened the part of the text the scan is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Opener {
    Parenthesis,
    Bracket,
    /// An object constructor or a `{` the scan could not tell from one.
    Object,
    /// A block's body.
    Block,
    /// `${` or `%{` inside a string: code until the matching `}`.
    Interpolation,
    /// A quoted string.
    String,
}

impl Opener {
    fn text(self) -> &'static str {
        match self {
            Opener::Parenthesis => "(",
            Opener::Bracket => "[",
            Opener::Object | Opener::Block => "{",
            Opener::Interpolation => "${",
            Opener::String => "\"",
        }
    }

    fn closer(self) -> u8 {
        match self {
            Opener::Parenthesis => b')',
            Opener::Bracket => b']',
            Opener::Object | Opener::Block | Opener::Interpolation => b'}',
            Opener::String => b'"',
        }
    }
}

#[derive(Debug, Clone, Copy)]
struct Frame {
    opener: Opener,
    /// Where the opening bracket or quote is.
    offset: usize,
    /// For a block: where its statement starts (the block type's first letter).
    start: usize,
    /// The indentation of the line the opener is on, for braces.
    indent: usize,
}

/// Braces closed by a `}` less indented than their line kept, at most.
const MAX_MISALIGNED: usize = 64;

/// Finds what is not closed in `text`, a file hcl-edit failed to read with an error at byte
/// `error_offset`. Returns the first problem the scan meets, up to the end of the top-level
/// attribute or block the error is in (a problem can only cause what comes after it; a
/// problem further on cannot explain the error): a string, comment or heredoc not closed, a
/// bracket closed by the wrong bracket, and last, what is still open at the end of the file.
/// None when every string, comment, heredoc and bracket is closed (hcl-edit's own message is
/// then the best there is).
pub(crate) fn unclosed(text: &str, error_offset: usize) -> Option<Problem> {
    let lines = LineIndex::new(text);
    let mut scan = Scan::new(text.as_bytes(), &lines, error_offset);
    scan.run();
    scan.finish()
}

struct Scan<'a> {
    bytes: &'a [u8],
    lines: &'a LineIndex<'a>,
    error_offset: usize,
    at: usize,
    stack: Vec<Frame>,
    /// The first problem found.
    problem: Option<Problem>,
    /// Braces closed by a `}` that starts a line indented less than the line that opened them,
    /// with where that `}` is: where a `}` is probably missing, when a block is left open at
    /// the end.
    misaligned: Vec<(Frame, usize)>,
    /// In a body (top level or a block's): whether the statement on this line has an `=`
    /// (an attribute), and where it starts.
    statement_has_equals: bool,
    statement_start: Option<usize>,
    /// Where the current line starts, and its indentation once measured.
    line_start: usize,
    line_indent: Option<(usize, usize)>,
    /// Where the scan stopped: at the end of the top-level statement holding the error, or
    /// at the end of the text.
    stopped_at: usize,
    /// The scan ended inside a comment or heredoc that is not closed (already a problem).
    cut_short: bool,
}

impl<'a> Scan<'a> {
    fn new(bytes: &'a [u8], lines: &'a LineIndex<'a>, error_offset: usize) -> Self {
        Scan {
            bytes,
            lines,
            error_offset,
            at: 0,
            stack: Vec::new(),
            problem: None,
            misaligned: Vec::new(),
            statement_has_equals: false,
            statement_start: None,
            line_start: 0,
            line_indent: None,
            stopped_at: bytes.len(),
            cut_short: false,
        }
    }

    fn byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    /// The opener as written: `${` and `%{` for an interpolation.
    fn opening(&self, frame: Frame) -> &'static str {
        match frame.opener {
            Opener::Interpolation if self.byte(frame.offset) == Some(b'%') => "%{",
            opener => opener.text(),
        }
    }

    fn in_body(&self) -> bool {
        self.stack
            .last()
            .is_none_or(|frame| frame.opener == Opener::Block)
    }

    /// Whether a problem is still wanted (checked before its message is made).
    fn wants_problems(&self) -> bool {
        self.problem.is_none()
    }

    fn problem(&mut self, offset: usize, message: String) {
        if self.wants_problems() {
            self.problem = Some(Problem { offset, message });
        }
    }

    fn run(&mut self) {
        while let Some(byte) = self.byte(self.at) {
            let in_string = self
                .stack
                .last()
                .is_some_and(|frame| frame.opener == Opener::String);
            let advance = if in_string {
                self.string_byte(byte)
            } else {
                self.code_byte(byte)
            };
            match advance {
                Step::Next => self.at += 1,
                Step::Skip(count) => self.at += count,
                Step::Again => {}
                Step::Stop => return,
            }
        }
    }

    /// One byte of code (at the top level, in a block, a bracket or an interpolation).
    fn code_byte(&mut self, byte: u8) -> Step {
        let at = self.at;
        let next = self.byte(at + 1);
        let in_body = self.in_body();
        if in_body && self.statement_start.is_none() && !byte.is_ascii_whitespace() {
            self.statement_start = Some(at);
        }
        match byte {
            b'\n' => {
                if self.stack.is_empty() && at >= self.error_offset {
                    self.stopped_at = at;
                    return Step::Stop;
                }
                if in_body {
                    self.statement_has_equals = false;
                    self.statement_start = None;
                }
                self.new_line(at + 1);
            }
            b'=' if in_body => self.statement_has_equals = true,
            b'"' => self.open(Opener::String),
            b'(' => self.open(Opener::Parenthesis),
            b'[' => self.open(Opener::Bracket),
            b'{' if in_body && !self.statement_has_equals => {
                self.open(Opener::Block);
                self.statement_start = None;
            }
            b'{' => self.open(Opener::Object),
            b')' | b']' | b'}' => self.close(byte),
            b'#' => return Step::Skip(self.line_end(at) - at),
            b'/' if next == Some(b'/') => return Step::Skip(self.line_end(at) - at),
            b'/' if next == Some(b'*') => return self.block_comment(),
            b'<' if next == Some(b'<') => return self.heredoc(),
            _ => {}
        }
        Step::Next
    }

    /// One byte inside a quoted string.
    fn string_byte(&mut self, byte: u8) -> Step {
        let at = self.at;
        let next = self.byte(at + 1);
        match byte {
            b'\\' if next.is_some_and(|next| next != b'\n') => Step::Skip(2),
            b'"' => {
                self.stack.pop();
                Step::Next
            }
            b'\n' => {
                // Terraform ends a quoted string at the end of its line; the newline then
                // belongs to the code around the string.
                self.unterminated_string("line");
                Step::Again
            }
            b'$' | b'%' if next == Some(byte) && self.byte(at + 2) == Some(b'{') => Step::Skip(3),
            b'$' | b'%' if next == Some(b'{') => {
                self.open(Opener::Interpolation);
                Step::Skip(2)
            }
            _ => Step::Next,
        }
    }

    fn open(&mut self, opener: Opener) {
        let offset = self.at;
        let start = match opener {
            Opener::Block => self.statement_start.unwrap_or(offset),
            _ => offset,
        };
        // A line that starts by closing something (`}, {` between the objects of a list) is
        // indented as what it closes, not as what it opens: its braces are not measured.
        let indent = match opener {
            Opener::Object | Opener::Block => {
                let indent = self.indent();
                let first = self.byte(self.line_start + indent);
                if matches!(first, Some(b'}' | b')' | b']')) {
                    0
                } else {
                    indent
                }
            }
            _ => 0,
        };
        self.stack.push(Frame {
            opener,
            offset,
            start,
            indent,
        });
    }

    /// A closing bracket: it closes the innermost opener if that is its own; else the
    /// innermost one of its kind within the same code (not past an interpolation), and the
    /// openers in between are not closed; else it closes nothing.
    fn close(&mut self, byte: u8) {
        let at = self.at;
        let top = self.stack.last().copied();
        if let Some(top) = top.filter(|top| top.opener.closer() == byte) {
            self.stack.pop();
            self.closed(top);
            return;
        }
        if !self.wants_problems() {
            // Only the messages are left out: the brackets are still paired below.
            self.recover(byte);
            return;
        }
        let Some(top) = top else {
            let opening = match byte {
                b')' => '(',
                b']' => '[',
                _ => '{',
            };
            self.problem(
                at,
                format!(
                    "unexpected '{}': no '{opening}' is open here",
                    char::from(byte)
                ),
            );
            return;
        };
        if self.recover(byte) {
            let closer_line = self.lines.line(at);
            if matches!(top.opener, Opener::Object | Opener::Block) {
                let then = format!(
                    "the '{}' on line {closer_line} finds a '{{' still open",
                    char::from(byte)
                );
                if self.misaligned_brace(top, &then) {
                    return;
                }
            }
            self.problem(
                top.offset,
                format!(
                    "this '{}' is not closed: expected '{}' before the '{}' on line \
                     {closer_line}",
                    self.opening(top),
                    char::from(top.opener.closer()),
                    char::from(byte)
                ),
            );
        } else {
            self.problem(
                at,
                format!(
                    "unexpected '{}': the innermost open bracket is the '{}' on line {}",
                    char::from(byte),
                    self.opening(top),
                    self.lines.line(top.offset)
                ),
            );
        }
    }

    /// A closer that is not the innermost opener's: closes the innermost opener of its kind
    /// within the same code (not past an interpolation) and every opener inside it. False
    /// when there is none, and the closer closes nothing.
    fn recover(&mut self, byte: u8) -> bool {
        let matching = self
            .stack
            .iter()
            .rposition(|frame| frame.opener.closer() == byte);
        let boundary = self
            .stack
            .iter()
            .rposition(|frame| frame.opener == Opener::Interpolation);
        match (matching, boundary) {
            (Some(index), Some(boundary)) if index < boundary => false,
            (Some(index), _) => {
                self.stack.truncate(index);
                true
            }
            (None, _) => false,
        }
    }

    /// Notes a brace closed by a `}` alone on a line indented less than the brace's line.
    fn closed(&mut self, frame: Frame) {
        if !matches!(frame.opener, Opener::Object | Opener::Block) {
            return;
        }
        let indent = self.indent();
        // Only a `}` alone on its line: `}, {` and `})` close objects in function calls,
        // where formatted code has them less indented than the line that opened them.
        let alone = self.line_start + indent == self.at
            && self
                .bytes
                .get(self.at + 1..self.line_end(self.at))
                .unwrap_or_default()
                .iter()
                .all(u8::is_ascii_whitespace);
        if alone && indent < frame.indent && self.misaligned.len() < MAX_MISALIGNED {
            self.misaligned.push((frame, self.at));
        }
    }

    fn new_line(&mut self, start: usize) {
        self.line_start = start;
        self.line_indent = None;
    }

    /// The indentation (spaces and tabs) of the current line, measured once per line.
    fn indent(&mut self) -> usize {
        if let Some((start, indent)) = self.line_indent {
            if start == self.line_start {
                return indent;
            }
        }
        let indent = self
            .bytes
            .get(self.line_start..)
            .unwrap_or_default()
            .iter()
            .take_while(|&&byte| byte == b' ' || byte == b'\t')
            .count();
        self.line_indent = Some((self.line_start, indent));
        indent
    }

    /// The offset of the newline ending the line that holds `at`, or the end of the text.
    fn line_end(&self, at: usize) -> usize {
        self.bytes
            .get(at..)
            .unwrap_or_default()
            .iter()
            .position(|&byte| byte == b'\n')
            .map_or(self.bytes.len(), |length| at + length)
    }

    /// Skips past the lines of a skipped stretch of text, keeping the line start right.
    fn skip_to(&mut self, end: usize) {
        let skipped = self.bytes.get(self.at..end).unwrap_or_default();
        if let Some(last) = skipped.iter().rposition(|&byte| byte == b'\n') {
            self.new_line(self.at + last + 1);
        }
    }

    /// `/*` at the scan's position: skips the comment, or reports it is not closed.
    fn block_comment(&mut self) -> Step {
        let start = self.at;
        let rest = self.bytes.get(start + 2..).unwrap_or_default();
        match rest.windows(2).position(|pair| pair == b"*/") {
            Some(length) => {
                let end = start + 2 + length + 2;
                self.skip_to(end);
                Step::Skip(end - start)
            }
            None => {
                self.problem(
                    start,
                    "unterminated comment: this '/*' is not closed by '*/' before the end of \
                     the file"
                        .to_owned(),
                );
                self.cut_short = true;
                Step::Stop
            }
        }
    }

    /// `<<` at the scan's position: skips a heredoc to the end of its closing delimiter, or
    /// reports that it is not closed. `<<` that starts no heredoc is passed over.
    fn heredoc(&mut self) -> Step {
        let start = self.at;
        let mut at = start + 2;
        if self.byte(at) == Some(b'-') {
            at += 1;
        }
        let name_start = at;
        if !self.byte(at).is_some_and(is_name_start) {
            return Step::Skip(2);
        }
        while self.byte(at).is_some_and(is_name_byte) {
            at += 1;
        }
        let name = self.bytes.get(name_start..at).unwrap_or_default();
        match (self.byte(at), self.byte(at + 1)) {
            (Some(b'\n'), _) | (Some(b'\r'), Some(b'\n')) => {}
            // Not a heredoc: hcl-edit says what it expected.
            _ => return Step::Skip(at - start),
        }

        // The closing line: spaces or tabs, the name, then no letter of a name.
        let mut line = self.line_end(at) + 1;
        while line < self.bytes.len() {
            let mut cursor = line;
            while matches!(self.byte(cursor), Some(b' ' | b'\t')) {
                cursor += 1;
            }
            let closes = self
                .bytes
                .get(cursor..)
                .is_some_and(|rest| rest.starts_with(name))
                && !self.byte(cursor + name.len()).is_some_and(is_name_byte);
            if closes {
                let end = cursor + name.len();
                self.skip_to(end);
                return Step::Skip(end - start);
            }
            line = self.line_end(line) + 1;
        }
        let name = String::from_utf8_lossy(name);
        self.problem(
            start,
            format!(
                "the heredoc is not closed: expected its delimiter {name} on a line of its own \
                 before the end of the file"
            ),
        );
        self.cut_short = true;
        Step::Stop
    }

    /// The problem to report: the first found, else what is still open at the end of the
    /// file (when the scan got there).
    fn finish(mut self) -> Option<Problem> {
        if self.wants_problems() && self.stopped_at == self.bytes.len() && !self.cut_short {
            self.still_open();
        }
        self.problem
    }

    /// The string on top of the stack reaches the end of its line (or of the file): it is
    /// taken off the stack and reported. A string opened inside a `${` of the same line is
    /// most likely the outer string's closing quote, with the `}` forgotten before it: the
    /// `${` is reported then, and the outer string closed.
    fn unterminated_string(&mut self, end: &str) {
        let Some(string) = self.stack.pop() else {
            return;
        };
        let interpolation = self
            .stack
            .last()
            .copied()
            .filter(|frame| frame.opener == Opener::Interpolation)
            .filter(|frame| self.lines.line(frame.offset) == self.lines.line(string.offset));
        match interpolation {
            Some(interpolation) => {
                // The interpolation and the string it is in.
                self.stack.pop();
                self.stack.pop();
                let message = format!(
                    "this '{}' is not closed: expected '}}' before the '\"' that ends the string",
                    self.opening(interpolation)
                );
                self.problem(interpolation.offset, message);
            }
            None => self.problem(
                string.offset,
                format!(
                    "unterminated string: this '\"' is not closed by another before the end \
                     of the {end} (a quoted string stays on one line; write \\n for a newline, \
                     or use a heredoc <<EOT)"
                ),
            ),
        }
    }

    /// At the end of the text: what is still open. A string or an interpolation is the
    /// innermost thing open; a bracket too. When only braces are open, a brace closed by a
    /// `}` indented less than its own line is the likely one without its `}`; else the
    /// innermost brace.
    fn still_open(&mut self) {
        let lines = self.lines;
        let Some(innermost) = self.stack.last().copied() else {
            return;
        };
        let end_line = lines.line(self.bytes.len().saturating_sub(1));
        let still_open = self.stack.len();
        let braces_only = self
            .stack
            .iter()
            .all(|frame| matches!(frame.opener, Opener::Block | Opener::Object));
        if innermost.opener == Opener::String {
            self.unterminated_string("file");
            return;
        }
        if !braces_only {
            let opener = innermost.opener;
            let message = format!(
                "this '{}' is not closed: expected '{}' before the end of the file \
                 (line {end_line})",
                self.opening(innermost),
                char::from(opener.closer())
            );
            self.problem(innermost.offset, message);
            return;
        }

        let outermost = self.stack.first().copied().unwrap_or(innermost);
        let end = format!(
            "{still_open} '{{' {are} still open at the end of the file (line {end_line})",
            are = if still_open == 1 { "is" } else { "are" }
        );
        if !self.misaligned_brace(outermost, &end) {
            let message = format!(
                "{} is not closed: expected '}}' to match its '{{' before the end of the file \
                 (line {end_line})",
                what(innermost)
            );
            self.problem(innermost.reported_at(), message);
        }
    }

    /// Reports the first brace inside `outer` that a `}` less indented than its line closed,
    /// the likely one without its own `}`, with `then`: what became of `outer`. False when
    /// there is none.
    fn misaligned_brace(&mut self, outer: Frame, then: &str) -> bool {
        let Some((frame, closer)) = self
            .misaligned
            .iter()
            .find(|(frame, _)| frame.offset > outer.offset)
            .copied()
        else {
            return false;
        };
        let message = format!(
            "{} is probably not closed: the '}}' on line {} pairs with its '{{' but is indented \
             as an outer block's, and {then}",
            what(frame),
            self.lines.line(closer)
        );
        self.problem(frame.reported_at(), message);
        true
    }
}

impl Frame {
    /// Where a problem with this opener is reported: a block at its first line's start (its
    /// type), anything else where it opens.
    fn reported_at(self) -> usize {
        if self.opener == Opener::Block {
            self.start
        } else {
            self.offset
        }
    }
}

/// How messages call a brace.
fn what(frame: Frame) -> &'static str {
    match frame.opener {
        Opener::Block => "this block",
        _ => "this '{'",
    }
}

/// What the scan does after a byte.
enum Step {
    /// Goes on with the next byte.
    Next,
    /// Skips this many bytes.
    Skip(usize),
    /// Reads the same byte again, in the mode the stack now says.
    Again,
    /// Stops scanning.
    Stop,
}

fn is_name_start(byte: u8) -> bool {
    byte.is_ascii_alphabetic() || byte == b'_' || byte >= 0x80
}

fn is_name_byte(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || byte == b'_' || byte == b'-' || byte >= 0x80
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The problem `unclosed` finds, as `(line, column, message)`, for an error at `line`.
    fn found(text: &str, error_line: u32) -> Option<(u32, u32, String)> {
        let lines = LineIndex::new(text);
        let error_offset = text
            .split_inclusive('\n')
            .take(error_line as usize - 1)
            .map(str::len)
            .sum();
        let problem = unclosed(text, error_offset)?;
        let (line, column) = lines.position(problem.offset);
        Some((line, column, problem.message))
    }

    #[test]
    fn a_string_that_reaches_the_end_of_its_line_is_unterminated_where_it_opens() {
        let text = "resource \"aws_s3_bucket\" \"q\" {\n  bucket = \"unterminated\n}\n";
        let (line, column, message) = found(text, 2).unwrap();
        assert_eq!((line, column), (2, 12));
        assert!(message.starts_with("unterminated string"), "{message}");
        // At the end of a file without a newline, too.
        let (line, column, message) = found("a = 1\nb = \"x", 2).unwrap();
        assert_eq!((line, column), (2, 5));
        assert!(message.contains("end of the file"), "{message}");
    }

    #[test]
    fn escapes_interpolations_and_comments_do_not_end_or_open_strings() {
        for text in [
            "a = \"\\\"\"\nb = 1 c\n",
            "a = \"${f(\"}\")}\"\nb = 1 c\n",
            "a = \"$${x\"\nb = 1 c\n",
            "# \"\na = 1 c\n",
            "/* \"\n { */ a = 1 c\n",
            "a = <<EOT\n\"{\nEOT\nb = 1 c\n",
            "a = <<-EOT\n  \"{\n  EOT\nb = 1 c\n",
            "a = \"${\n  x\n}\"\nb = 1 c\n",
        ] {
            assert_eq!(found(text, 2), None, "{text:?}");
        }
    }

    #[test]
    fn an_unclosed_block_is_reported_at_its_first_line() {
        let text = "resource \"a\" \"x\" {\n}\n\nresource \"a\" \"y\" {\n  b = 1\n\n\
                    resource \"a\" \"z\" {\n  c = 2\n}\n";
        let (line, column, message) = found(text, 10).unwrap();
        assert_eq!((line, column), (4, 1));
        assert!(
            message.starts_with("this block is not closed") && message.contains("line 9"),
            "{message}"
        );
    }

    #[test]
    fn a_nested_block_without_its_brace_is_found_by_indentation() {
        let text =
            "resource \"a\" \"x\" {\n  tags {\n    a = 1\n\n}\n\nresource \"a\" \"y\" {\n}\n";
        let (line, column, message) = found(text, 8).unwrap();
        assert_eq!((line, column), (2, 3));
        assert!(
            message.starts_with("this block is probably not closed")
                && message.contains("on line 5"),
            "{message}"
        );
    }

    #[test]
    fn brackets_closed_by_the_wrong_bracket_name_the_open_one() {
        let text = "resource \"a\" \"x\" {\n  b = f(1, 2\n}\n";
        let (line, column, message) = found(text, 2).unwrap();
        assert_eq!((line, column), (2, 8));
        assert!(
            message.contains("expected ')' before the '}' on line 3"),
            "{message}"
        );
        let (line, column, message) = found("a = 1)\n", 1).unwrap();
        assert_eq!((line, column), (1, 6));
        assert!(message.starts_with("unexpected ')'"), "{message}");
    }

    #[test]
    fn unclosed_comments_and_heredocs_are_found_where_they_open() {
        let (line, column, message) = found("a = 1\n/* x\nb = 2\n", 2).unwrap();
        assert_eq!((line, column), (2, 1));
        assert!(message.starts_with("unterminated comment"), "{message}");
        let (line, column, message) = found("locals {\n  a = <<EOT\nhello\n}\n", 3).unwrap();
        assert_eq!((line, column), (2, 7));
        assert!(message.contains("delimiter EOT"), "{message}");
    }

    #[test]
    fn a_string_ended_inside_an_interpolation_names_the_interpolation() {
        let (line, column, message) = found("locals {\n  a = \"${var.x\"\n}\n", 2).unwrap();
        assert_eq!((line, column), (2, 8));
        assert!(message.starts_with("this '${' is not closed"), "{message}");
        let (line, column, message) = found("a = \"%{ if x \"", 1).unwrap();
        assert_eq!((line, column), (1, 6));
        assert!(message.starts_with("this '%{' is not closed"), "{message}");
    }

    #[test]
    fn a_problem_after_the_statement_of_the_error_is_not_blamed() {
        // hcl-edit's error is on line 1; the string of line 3 cannot explain it.
        assert_eq!(found("a 1\nb = 2\nc = \"x\n", 1), None);
    }

    #[test]
    fn any_bytes_scan_without_panicking() {
        let pieces = [
            "\"", "${", "%{", "}", "{", "(", ")", "[", "]", "\n", "<<", "EOT", "-", "/*", "*/",
            "#", "\\", "$$", "=", " ", "é", "a",
        ];
        let mut text = String::new();
        for round in 0..2000usize {
            text.push_str(pieces[(round * 7 + round / 3) % pieces.len()]);
            for error_offset in [0, text.len() / 2, text.len()] {
                let _ = unclosed(&text, error_offset);
            }
        }
    }
}
