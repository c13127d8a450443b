//! Source files as loaded: their path relative to the root, their text, and the
//! conversion from byte offsets to 1-based line and column (in Unicode characters).

use std::ops::Range;

/// Index of a file in [`crate::Repository::files`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub usize);

/// A file as the loader read it.
#[derive(Clone, Debug)]
pub struct SourceFile {
    /// Path relative to the repository root, with `/` separators.
    pub path: String,
    /// The text, without a leading byte-order mark. Invalid UTF-8 sequences were
    /// replaced by U+FFFD (and reported), so spans always index valid text.
    pub text: String,
    /// Whether the file started with a UTF-8 byte-order mark.
    pub bom: bool,
    /// Byte offset of the start of each line in `text`.
    line_starts: Vec<usize>,
}

/// A 1-based position: line, and column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: String, bom: bool) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceFile {
            path: path.into(),
            text,
            bom,
            line_starts,
        }
    }

    /// The position of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line_starts.partition_point(|&start| start <= offset) - 1;
        let column = self.text[self.line_starts[line]..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and column (in characters), clamped to
    /// the text.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let line_end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        self.text[start..line_end]
            .char_indices()
            .nth(position.column.saturating_sub(1))
            .map_or(line_end, |(i, _)| start + i)
    }

    /// Start and end positions of a span. The end is exclusive, like the span.
    pub fn range(&self, span: &Range<usize>) -> (Position, Position) {
        (self.position(span.start), self.position(span.end))
    }

    /// The text of a span, or `""` if it is out of range.
    pub fn slice(&self, span: &Range<usize>) -> &str {
        self.text.get(span.clone()).unwrap_or("")
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_count_characters_not_bytes() {
        let f = SourceFile::new("a.toml", "title = \"取り組み\"\nx = 1\r\ny".into(), false);
        assert_eq!(f.position(0), Position { line: 1, column: 1 });
        // "取" is three bytes: the closing quote sits at column 14.
        let quote = f.text.rfind('"').unwrap();
        assert_eq!(
            f.position(quote),
            Position {
                line: 1,
                column: 14
            }
        );
        assert_eq!(
            f.position(f.text.find('x').unwrap()),
            Position { line: 2, column: 1 }
        );
        assert_eq!(
            f.position(f.text.find('y').unwrap()),
            Position { line: 3, column: 1 }
        );
        // Past the end and inside a character are clamped, never a panic.
        assert_eq!(f.position(10_000).line, 3);
        assert_eq!(f.position(10).column, 10);
    }
}
