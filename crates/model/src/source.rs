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
    /// In lines longer than [`CHECKPOINT`] bytes, about every [`CHECKPOINT`]
    /// bytes: a character boundary and its 0-based column. A column is counted
    /// from the nearest one before it, so finding a position costs the same on
    /// a line of a megabyte as on a short one.
    checkpoints: Vec<(usize, usize)>,
}

/// Bytes between two column checkpoints of a long line.
const CHECKPOINT: usize = 1024;

/// A 1-based position: line, and column counted in Unicode scalar values.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub column: usize,
}

impl SourceFile {
    pub fn new(path: impl Into<String>, text: String, bom: bool) -> Self {
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        let mut checkpoints = Vec::new();
        for (i, &start) in line_starts.iter().enumerate() {
            let end = line_starts.get(i + 1).copied().unwrap_or(text.len());
            if end - start <= CHECKPOINT {
                continue;
            }
            let mut next = start + CHECKPOINT;
            for (column, (at, _)) in text[start..end].char_indices().enumerate() {
                if start + at >= next {
                    checkpoints.push((start + at, column));
                    next = start + at + CHECKPOINT;
                }
            }
        }
        SourceFile {
            path: path.into(),
            text,
            bom,
            line_starts,
            checkpoints,
        }
    }

    /// The 0-based line that byte `offset` is on (clamped to the text).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.text.len());
        self.line_starts.partition_point(|&start| start <= offset) - 1
    }

    /// The byte range of 0-based line `line`, its line break included; an
    /// empty range at the end of the text past the last line.
    pub fn line_span(&self, line: usize) -> Range<usize> {
        let Some(&start) = self.line_starts.get(line) else {
            return self.text.len()..self.text.len();
        };
        start
            ..self
                .line_starts
                .get(line + 1)
                .copied()
                .unwrap_or(self.text.len())
    }

    /// The nearest point at or before `offset` on line `line` whose column is
    /// known: a checkpoint, or the line's start.
    fn known_column(&self, line: usize, offset: usize) -> (usize, usize) {
        let start = self.line_starts[line];
        match self.checkpoints.partition_point(|&(at, _)| at <= offset) {
            0 => (start, 0),
            k if self.checkpoints[k - 1].0 >= start => self.checkpoints[k - 1],
            _ => (start, 0),
        }
    }

    /// `offset` clamped to the text and moved back to a char boundary.
    fn clamp(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The position of byte `offset` (clamped to the text and to a char boundary).
    pub fn position(&self, offset: usize) -> Position {
        let offset = self.clamp(offset);
        let line = self.line_of(offset);
        let (from, known) = self.known_column(line, offset);
        let column = known + self.text[from..offset].chars().count() + 1;
        Position {
            line: line + 1,
            column,
        }
    }

    /// The byte span of the one character at a 1-based line and column
    /// (clamped like [`SourceFile::offset`]; empty at the end of the text):
    /// where a tool that reports a line and column points.
    pub fn char_span(&self, position: Position) -> Range<usize> {
        let at = self.offset(position);
        let end = self.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        at..end
    }

    /// The byte offset of a 1-based line and column (in characters), clamped to
    /// the text.
    pub fn offset(&self, position: Position) -> usize {
        let Some(&start) = self.line_starts.get(position.line.saturating_sub(1)) else {
            return self.text.len();
        };
        let span = self.line_span(position.line.saturating_sub(1));
        let line_end = span.end - usize::from(self.text[span].ends_with('\n'));
        let column = position.column.saturating_sub(1);
        // Start from the last checkpoint of the line at or before the column.
        let first = self.checkpoints.partition_point(|&(at, _)| at < start);
        let last = self.checkpoints.partition_point(|&(at, _)| at < line_end);
        let (from, known) =
            match self.checkpoints[first..last].partition_point(|&(_, c)| c <= column) {
                0 => (start, 0),
                k => self.checkpoints[first + k - 1],
            };
        self.text[from..line_end]
            .char_indices()
            .nth(column - known)
            .map_or(line_end, |(i, _)| from + i)
    }

    /// Start and end positions of a span. The end is exclusive, like the span.
    pub fn range(&self, span: &Range<usize>) -> (Position, Position) {
        let start = self.position(span.start);
        let (from, to) = (self.clamp(span.start), self.clamp(span.end));
        // An end on the start's line (most spans) is counted on from the start.
        match self.text.get(from..to) {
            Some(between) if !between.contains('\n') => {
                let column = start.column + between.chars().count();
                (start, Position { column, ..start })
            }
            _ => (start, self.position(span.end)),
        }
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
    fn the_character_at_a_position_is_whole() {
        let f = SourceFile::new("a.yml", "ab\n取り\n".into(), false);
        let at = |line, column| f.char_span(Position { line, column });
        assert_eq!(at(1, 2), 1..2);
        assert_eq!(&f.text[at(2, 2)], "り");
        // Past the line's end: its line break; past the text: empty.
        assert_eq!(&f.text[at(2, 9)], "\n");
        assert_eq!(at(9, 1), f.text.len()..f.text.len());
    }

    #[test]
    fn a_range_is_the_positions_of_its_ends() {
        // Lines short and long (past a checkpoint), CRLF, multi-byte
        // characters, ends inside a character and past the text.
        let long = "あa".repeat(400);
        let text = format!("title = \"取り組み\"\r\n{long}\nx = 1\r\ny\n\n末");
        let f = SourceFile::new("a.toml", text.clone(), false);
        let n = text.len();
        for a in (0..=n + 2).step_by(7) {
            for b in (0..=n + 2).step_by(5) {
                assert_eq!(
                    f.range(&(a..b)),
                    (f.position(a), f.position(b)),
                    "span {a}..{b}"
                );
            }
        }
    }

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

    #[test]
    fn positions_in_long_lines_agree_with_counting_from_the_line_start() {
        // Lines of mixed widths, long enough for several checkpoints.
        let line: String = "aé取𝄞".repeat(700);
        let text = format!("x\n{line}\n\n{line}{line}\ny");
        let f = SourceFile::new("long.md", text.clone(), false);
        assert!(f.checkpoints.len() > 10);
        let mut line_no = 1;
        let mut column = 1;
        for (at, c) in text.char_indices() {
            let p = Position {
                line: line_no,
                column,
            };
            assert_eq!(f.position(at), p, "at {at}");
            assert_eq!(f.offset(p), at, "{p:?}");
            if c == '\n' {
                line_no += 1;
                column = 1;
            } else {
                column += 1;
            }
        }
        // A column past the end of a line is the line's end.
        let end = text.find("\n\n").unwrap();
        assert_eq!(
            f.offset(Position {
                line: 2,
                column: 100_000
            }),
            end
        );
        assert_eq!(f.line_of(end), 1);
        assert_eq!(f.line_span(1), 2..end + 1);
        assert_eq!(f.line_span(99), text.len()..text.len());
    }
}
