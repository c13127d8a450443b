//! The terminology dictionary: every glossary term, variant and industry term of
//! a scope, compiled into one leftmost-longest automaton.
//!
//! At each position the longest registered string wins, whatever it is. A
//! variant is a finding only when it is that longest match, so a variant inside
//! a preferred or registered term (サーバ in サーバー) is never reported, and one
//! pass over a text checks every term at once.

use std::collections::HashMap;
use std::ops::Range;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use sc3_model::{FileId, Glossary, Industry};

/// What a registered string is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A glossary's preferred term (or a term registered without variants).
    Preferred,
    /// A glossary variant: write `preferred` instead.
    Variant,
    /// A base term in an industry's text: the industry writes `preferred`.
    IndustryTerm { industry: String },
}

/// One registered string and where it was defined.
#[derive(Clone, Debug)]
pub struct Entry {
    pub text: String,
    pub preferred: String,
    pub kind: Kind,
    pub note: Option<String>,
    /// The glossary or industry file and the span of the definition.
    pub file: FileId,
    pub span: Range<usize>,
}

/// A compiled dictionary.
pub struct Dictionary {
    automaton: Option<AhoCorasick>,
    entries: Vec<Entry>,
}

/// One match of a registered string: its byte range in the file and the
/// index of its entry in the dictionary that found it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TermMatch {
    pub range: Range<usize>,
    entry: usize,
}

/// The text the dictionary is matched against: pieces of a file, joined,
/// with what shows as nothing left out (zero-width spaces, soft hyphens, and
/// escapes or references that stand for one; see
/// [`crate::written::is_default_ignorable`]), and the way back to the file's
/// bytes. サー\u{200B}バ is matched as サーバ, and the match covers the file
/// from its first character to its last, the invisible ones between them
/// included, so a fix replaces them too.
pub struct Folded<'a> {
    text: std::borrow::Cow<'a, str>,
    /// Where each run of kept bytes starts: in `text`, and in the file.
    runs: Vec<(usize, usize)>,
}

impl<'a> Folded<'a> {
    /// `pieces` of `file` (in order), without the `hidden` byte ranges (in
    /// order, not overlapping).
    pub fn new(file: &'a str, pieces: &[Range<usize>], hidden: &[Range<usize>]) -> Self {
        let first = hidden.partition_point(|h| h.end <= pieces.first().map_or(0, |p| p.start));
        let hidden = &hidden[first..];
        if let [piece] = pieces
            && hidden.first().is_none_or(|h| h.start >= piece.end)
        {
            return Folded {
                text: std::borrow::Cow::Borrowed(&file[piece.clone()]),
                runs: vec![(0, piece.start)],
            };
        }
        let mut text = String::new();
        let mut runs: Vec<(usize, usize)> = Vec::new();
        let mut keep = |from: usize, to: usize, text: &mut String| {
            if from < to {
                runs.push((text.len(), from));
                text.push_str(&file[from..to]);
            }
        };
        let mut h = hidden.iter().peekable();
        for piece in pieces {
            let mut at = piece.start;
            while let Some(x) = h.peek() {
                if x.start >= piece.end {
                    break;
                }
                keep(at, x.start.max(at), &mut text);
                at = at.max(x.end);
                if x.end > piece.end {
                    break;
                }
                h.next();
            }
            keep(at, piece.end, &mut text);
        }
        Folded {
            text: std::borrow::Cow::Owned(text),
            runs,
        }
    }

    /// The byte of the file that byte `i` of the text came from.
    fn source(&self, i: usize) -> usize {
        let (f, t) = self.runs[self.runs.partition_point(|&(f, _)| f <= i) - 1];
        t + (i - f)
    }
}

impl Dictionary {
    /// Compiles the terms of `glossaries`, and, for an industry's texts, the
    /// industry's `[terms]`. A string registered twice keeps its first meaning
    /// (the conflict is a finding of its own).
    pub fn new(glossaries: &[&Glossary], industry: Option<&Industry>) -> Self {
        let mut entries: Vec<Entry> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut push = |e: Entry, entries: &mut Vec<Entry>| {
            if e.text.is_empty() || seen.contains_key(&e.text) {
                return;
            }
            seen.insert(e.text.clone(), entries.len());
            entries.push(e);
        };
        // An industry's [terms] come first: in its texts, a base term the
        // industry renames is reported even where a glossary registers it
        // (委託先 is the base guideline's word, and the construction industry's
        // texts say 協力会社).
        if let Some(ind) = industry {
            for (base, word) in &ind.terms {
                push(
                    Entry {
                        text: word.value.clone(),
                        preferred: word.value.clone(),
                        kind: Kind::Preferred,
                        note: None,
                        file: ind.file,
                        span: word.span.clone(),
                    },
                    &mut entries,
                );
                push(
                    Entry {
                        text: base.value.clone(),
                        preferred: word.value.clone(),
                        kind: Kind::IndustryTerm {
                            industry: ind.name.value.clone(),
                        },
                        note: None,
                        file: ind.file,
                        span: base.span.clone(),
                    },
                    &mut entries,
                );
            }
        }
        // Then preferred terms: a string that is both someone's preferred term
        // and someone's variant is never reported.
        for g in glossaries {
            for t in &g.terms {
                push(
                    Entry {
                        text: t.preferred.value.clone(),
                        preferred: t.preferred.value.clone(),
                        kind: Kind::Preferred,
                        note: t.note.as_ref().map(|n| n.value.clone()),
                        file: g.file,
                        span: t.preferred.span.clone(),
                    },
                    &mut entries,
                );
            }
        }
        for g in glossaries {
            for t in &g.terms {
                for v in &t.variants {
                    push(
                        Entry {
                            text: v.value.clone(),
                            preferred: t.preferred.value.clone(),
                            kind: Kind::Variant,
                            note: t.note.as_ref().map(|n| n.value.clone()),
                            file: g.file,
                            span: v.span.clone(),
                        },
                        &mut entries,
                    );
                }
            }
        }
        let automaton = if entries.is_empty() {
            None
        } else {
            Some(
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(entries.iter().map(|e| e.text.as_str()))
                    .expect("a dictionary of plain strings always compiles"),
            )
        };
        Dictionary { automaton, entries }
    }

    /// Every leftmost-longest match of a registered string in `text` (preferred
    /// terms included), appended to `out` with ranges in the file's bytes.
    /// The lint scans each text once, in [`crate::Context::new`], and every
    /// terminology rule reads that one scan.
    pub fn scan(&self, text: &Folded<'_>, out: &mut Vec<TermMatch>) {
        let Some(ac) = &self.automaton else {
            return;
        };
        out.extend(ac.find_iter(text.text.as_ref()).map(|m| TermMatch {
            range: text.source(m.start())..text.source(m.end() - 1) + 1,
            entry: m.pattern().as_usize(),
        }));
    }

    /// The registered string a match is of.
    pub fn entry(&self, m: &TermMatch) -> &Entry {
        &self.entries[m.entry]
    }

    /// Whether `s` is registered at all (preferred, variant or industry term).
    pub fn registers(&self, s: &str) -> bool {
        self.entries.iter().any(|e| e.text == s)
    }
}

#[cfg(test)]
mod tests {
    use super::Folded;

    #[test]
    fn folded_text_maps_back_to_the_file() {
        // Pieces [0,4) [4,10) [12,16); hidden [2,3) inside, [3,5) across a
        // piece boundary, [10,12) between pieces, [15,16) at the end.
        let file = "ab-*cdefgh!!ijk~";
        let f = Folded::new(file, &[0..4, 4..10, 12..16], &[2..3, 3..5, 10..12, 15..16]);
        assert_eq!(f.text, "abdefghijk");
        let back: Vec<usize> = (0..f.text.len()).map(|i| f.source(i)).collect();
        assert_eq!(back, [0, 1, 5, 6, 7, 8, 9, 12, 13, 14]);
        // One piece with nothing hidden in it borrows the file.
        let f = Folded::new(file, std::slice::from_ref(&(5..9)), &[2..3, 10..12]);
        assert!(matches!(f.text, std::borrow::Cow::Borrowed("defg")));
        assert_eq!(f.source(2), 7);
    }
}
