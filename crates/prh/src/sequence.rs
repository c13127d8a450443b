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
    /// When the first piece is a class of characters that begin with at
    /// most three different bytes (`[JjＪｊ]`: `J`, `j` and 0xEF), those
    /// bytes: a match can only start at one of them, found with memchr
    /// instead of trying every position.
    first_bytes: Option<Vec<u8>>,
}

/// The distinct first bytes of the UTF-8 forms of `class`'s characters, if
/// there are at most three (and the class is small enough to list).
fn first_bytes(class: &ClassUnicode) -> Option<Vec<u8>> {
    let mut bytes: Vec<u8> = Vec::new();
    let mut buf = [0; 4];
    for r in class.ranges() {
        // A range's characters share a first byte only within one block of
        // the encoding; list them, up to a bound.
        if u32::from(r.end()) - u32::from(r.start()) > 256 {
            return None;
        }
        for c in (u32::from(r.start())..=u32::from(r.end())).filter_map(char::from_u32) {
            let b = c.encode_utf8(&mut buf).as_bytes()[0];
            if !bytes.contains(&b) {
                bytes.push(b);
                if bytes.len() > 3 {
                    return None;
                }
            }
        }
    }
    (!bytes.is_empty()).then_some(bytes)
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
        let first_bytes = match pieces.first() {
            Some(Piece::Class(c)) => first_bytes(c),
            _ => None,
        };
        (classes && pieces.len() <= MAX_PIECES).then_some(Sequence {
            pieces,
            first_bytes,
        })
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
            // A match can only start where a leading literal occurs, or
            // at a first byte of the leading class.
            let next = match (self.pieces.first(), self.first_bytes.as_deref()) {
                (Some(Piece::Literal(l)), _) => text[at..].find(&**l),
                (_, Some(&[a])) => memchr::memchr(a, &text.as_bytes()[at..]),
                (_, Some(&[a, b])) => memchr::memchr2(a, b, &text.as_bytes()[at..]),
                (_, Some(&[a, b, c])) => memchr::memchr3(a, b, c, &text.as_bytes()[at..]),
                _ => Some(0),
            };
            match next {
                Some(i) => at += i,
                None => return,
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sequence(pattern: &str) -> Sequence {
        let hir = regex_syntax::ParserBuilder::new()
            .build()
            .parse(pattern)
            .unwrap();
        Sequence::new(&hir).expect("a sequence")
    }

    fn matches(s: &Sequence, text: &str) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        s.find(text, |a, b| out.push((a, b)));
        out
    }

    #[test]
    fn a_word_class_is_searched_by_its_first_bytes() {
        let java = sequence("[JjＪｊ][AaＡａ][VvＶｖ][AaＡａ]");
        assert_eq!(java.first_bytes.as_deref(), Some(&b"Jj\xEF"[..]));
        // Full-width punctuation shares Ｊ's first byte; ｊ its second.
        let text = "（Java）とｊａｖａ、JAVAとjav、ＪａＶＡ。";
        let found: Vec<&str> = matches(&java, text)
            .into_iter()
            .map(|(a, b)| &text[a..b])
            .collect();
        assert_eq!(found, ["Java", "ｊａｖａ", "JAVA", "ＪａＶＡ"]);
    }

    #[test]
    fn wider_classes_try_every_position_and_find_the_same() {
        // Four first bytes or more: every position is tried.
        let s = sequence("[a-zＡ]x");
        assert_eq!(s.first_bytes, None);
        assert_eq!(matches(&s, "AxbxＡx"), [(2, 4), (4, 8)]);
        // A leading literal is searched for as before.
        let s = sequence("サ[ーｰ]バ");
        assert_eq!(s.first_bytes, None);
        assert_eq!(matches(&s, "サバ サーバ サｰバ"), [(7, 16), (17, 26)]);
        // A match is never overlapped: the next search starts at its end.
        let s = sequence("[aA][aA]");
        assert_eq!(s.first_bytes.as_deref(), Some(&b"Aa"[..]));
        assert_eq!(matches(&s, "aaaAa"), [(0, 2), (2, 4)]);
    }
}
