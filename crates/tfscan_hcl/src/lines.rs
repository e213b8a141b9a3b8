//! Byte offsets to 1-based lines and columns, which is how every position reaches the model
//! and the error messages.

use std::ops::Range;

use tfscan_core::syntax::LineRange;

/// Where each line of a text starts, so that an offset finds its line by binary search.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offset of the first character of each line; the first is always 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, byte)| byte == b'\n')
                .map(|(at, _)| at + 1),
        );
        Self { text, starts }
    }

    /// The 1-based line holding byte `offset` (offsets past the end count as the last line).
    pub(crate) fn line(&self, offset: usize) -> u32 {
        // `starts[0]` is 0, so at least one start is <= offset and the count is >= 1.
        self.starts.partition_point(|&start| start <= offset) as u32
    }

    /// The 1-based line and 1-based column (in characters) of byte `offset`.
    pub(crate) fn position(&self, offset: usize) -> (u32, u32) {
        let line = self.line(offset);
        let line_start = self.starts.get(line as usize - 1).copied().unwrap_or(0);
        let end = offset.min(self.text.len());
        let before = self
            .text
            .get(line_start..end)
            .map_or(end - line_start, |s| s.chars().count());
        (line, before as u32 + 1)
    }

    /// The lines of the first and the last byte of `span`.
    pub(crate) fn range(&self, span: &Range<usize>) -> LineRange {
        let last_byte = span.end.saturating_sub(1).max(span.start);
        LineRange::new(self.line(span.start), self.line(last_byte))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_and_columns_are_one_based() {
        let index = LineIndex::new("ab\ncd\r\né\n");
        assert_eq!(index.position(0), (1, 1));
        assert_eq!(index.position(1), (1, 2));
        assert_eq!(index.position(3), (2, 1));
        assert_eq!(
            index.position(5),
            (2, 3),
            "the \\r of a CRLF is on its own line"
        );
        assert_eq!(index.position(7), (3, 1));
        assert_eq!(
            index.position(9),
            (3, 2),
            "columns count characters, not bytes"
        );
        assert_eq!(index.line(10), 4);
        assert_eq!(index.line(1000), 4);
    }

    #[test]
    fn a_range_ends_on_the_line_of_its_last_byte() {
        let index = LineIndex::new("a {\n}\nb");
        assert_eq!(index.range(&(0..5)), LineRange::new(1, 2));
        assert_eq!(
            index.range(&(0..6)),
            LineRange::new(1, 2),
            "a trailing newline stays out"
        );
        assert_eq!(index.range(&(6..6)), LineRange::new(3, 3));
    }
}
