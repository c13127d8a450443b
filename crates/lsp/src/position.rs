//! Positions as the protocol counts them: a 0-based line and a character
//! offset in UTF-16 code units, against byte offsets into the text.
//!
//! The client may send any numbers: a line past the end, a character past
//! the line's end or between the two halves of a surrogate pair. They are
//! clamped to the nearest place in the text (the end of the line, the
//! character before), never a panic. A line ends at `\n`; a `\r` before it
//! belongs to the line break, as editors count it.

use std::ops::Range;

use lsp_types::Position;

/// Byte offsets of the line starts of a text.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex {
            starts,
            len: text.len(),
        }
    }

    /// The byte range of 0-based line `line` without its line break.
    fn line(&self, text: &str, line: usize) -> Range<usize> {
        let start = self.starts[line];
        let mut end = self.starts.get(line + 1).map_or(self.len, |&s| s - 1);
        if end > start && text.as_bytes()[end - 1] == b'\r' {
            end -= 1;
        }
        start..end
    }

    /// The byte offset of `p` in `text` (the text this index was made
    /// from), clamped: a line past the end is the end of the text, a
    /// character past the line's end is the line's end, and a character in
    /// the middle of a UTF-16 pair is the start of that character.
    pub fn offset(&self, text: &str, p: Position) -> usize {
        let line = p.line as usize;
        if line >= self.starts.len() {
            return self.len;
        }
        let span = self.line(text, line);
        let mut units = 0usize;
        let want = p.character as usize;
        for (i, c) in text[span.clone()].char_indices() {
            let next = units + c.len_utf16();
            if next > want {
                return span.start + i;
            }
            units = next;
        }
        span.end
    }

    /// The position of byte `offset` (clamped to the text and to a
    /// character boundary).
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let mut offset = offset.min(self.len);
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.starts.partition_point(|&s| s <= offset) - 1;
        let start = self.starts[line];
        let character: usize = text[start..offset].chars().map(char::len_utf16).sum();
        Position::new(line as u32, character as u32)
    }

    /// The range of a byte span.
    pub fn range(&self, text: &str, span: &Range<usize>) -> lsp_types::Range {
        lsp_types::Range::new(
            self.position(text, span.start),
            self.position(text, span.end),
        )
    }

    /// The byte span of a protocol range; a range whose end comes before
    /// its start is read as the empty range at its start.
    pub fn span(&self, text: &str, r: lsp_types::Range) -> Range<usize> {
        let start = self.offset(text, r.start);
        let end = self.offset(text, r.end).max(start);
        start..end
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn japanese_and_astral_characters_count_in_utf16_units() {
        // 取 is one UTF-16 unit and three bytes; 𝄞 is two units and four bytes.
        let text = "a取𝄞b\r\nx";
        let ix = LineIndex::new(text);
        let b = text.find('b').unwrap();
        assert_eq!(ix.position(text, b), Position::new(0, 4));
        assert_eq!(ix.offset(text, Position::new(0, 4)), b);
        // Inside the surrogate pair: the start of 𝄞.
        let clef = text.find('𝄞').unwrap();
        assert_eq!(ix.offset(text, Position::new(0, 3)), clef);
        // Past the line's end: before the \r\n.
        assert_eq!(ix.offset(text, Position::new(0, 99)), b + 1);
        // Past the last line: the end of the text.
        assert_eq!(ix.offset(text, Position::new(9, 0)), text.len());
        assert_eq!(ix.position(text, text.len()), Position::new(1, 1));
        // Inside a multi-byte character: the character's start.
        assert_eq!(ix.position(text, 2), Position::new(0, 1));
        assert_eq!(
            ix.span(
                text,
                lsp_types::Range::new(Position::new(1, 1), Position::new(0, 0))
            ),
            text.len()..text.len()
        );
    }
}
