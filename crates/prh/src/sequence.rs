//! Patterns that are a fixed sequence of literals and one-character classes,
//! such as the one prh makes from an English word's `expected`
//! (`/[JjＪｊ][AaＡａ][VvＶｖ][AaＡａ]/`). Each piece matches exactly one
//! way, so a match is decided by reading the pieces once from a position,
//! and the leftmost match is the first position where they all match: what a
//! regex finds, without compiling one. (Compiling them was most of the
//! memory a lint run touched: each non-ASCII class makes the regex compiler
//! set up tables of its own.)

use regex_syntax::hir::{ClassUnicode, Hir, HirKind};

#[derive(Debug)]
enum Piece {
    Literal(Box<str>),
    Class(ClassUnicode),
}

/// At most this many pieces: a match is tried at every position, so the
/// time is the text's length times the pieces, and a word has few.
const MAX_PIECES: usize = 64;

/// A pattern of this kind, ready to run.
#[derive(Debug)]
pub(crate) struct Sequence {
    pieces: Vec<Piece>,
}

impl Sequence {
    /// The pattern, if `hir` is a concatenation of literals and classes of
    /// characters (no groups, repetition, alternation or assertions) with at
    /// least one class in it.
    pub(crate) fn new(hir: &Hir) -> Option<Sequence> {
        let items = match hir.kind() {
            HirKind::Concat(items) => items.as_slice(),
            HirKind::Class(_) => std::slice::from_ref(hir),
            _ => return None,
        };
        let pieces = items
            .iter()
            .map(|item| match item.kind() {
                HirKind::Literal(l) => std::str::from_utf8(&l.0)
                    .ok()
                    .map(|s| Piece::Literal(s.into())),
                HirKind::Class(regex_syntax::hir::Class::Unicode(c)) => {
                    Some(Piece::Class(c.clone()))
                }
                _ => None,
            })
            .collect::<Option<Vec<_>>>()?;
        let classes = pieces.iter().any(|p| matches!(p, Piece::Class(_)));
        (classes && pieces.len() <= MAX_PIECES).then_some(Sequence { pieces })
    }

    /// The end of the match that starts at `at`, if one does.
    fn match_at(&self, text: &str, mut at: usize) -> Option<usize> {
        for piece in &self.pieces {
            match piece {
                Piece::Literal(l) => {
                    if !text[at..].starts_with(&**l) {
                        return None;
                    }
                    at += l.len();
                }
                Piece::Class(class) => {
                    let c = text[at..].chars().next()?;
                    let k = class.ranges().partition_point(|r| r.end() < c);
                    if class.ranges().get(k).is_none_or(|r| r.start() > c) {
                        return None;
                    }
                    at += c.len_utf8();
                }
            }
        }
        Some(at)
    }

    /// Each match in `text` (start, end), left to right, not overlapping.
    pub(crate) fn find(&self, text: &str, mut each: impl FnMut(usize, usize)) {
        let mut at = 0;
        while at < text.len() {
            // A match can only start where a leading literal occurs.
            if let Some(Piece::Literal(l)) = self.pieces.first() {
                match text[at..].find(&**l) {
                    Some(i) => at += i,
                    None => return,
                }
            }
            match self.match_at(text, at) {
                Some(end) => {
                    each(at, end);
                    at = end;
                }
                None => at += text[at..].chars().next().map_or(1, char::len_utf8),
            }
        }
    }
}
