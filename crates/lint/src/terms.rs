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

use crate::written::is_default_ignorable;

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
    /// terms included), appended to `out` with ranges shifted by `offset`.
    /// The lint scans each text once, in [`crate::Context::new`], and every
    /// terminology rule reads that one scan.
    ///
    /// Characters that show as nothing (zero-width spaces, soft hyphens; see
    /// [`crate::written::is_default_ignorable`]) are left out before matching,
    /// so サー\u{200B}バ is found as サーバ. A match's range is mapped back to
    /// the text: it starts at its first character and ends after its last,
    /// covering the invisible characters between them, so a fix replaces them
    /// too.
    pub fn scan(&self, text: &str, offset: usize, out: &mut Vec<TermMatch>) {
        let Some(ac) = &self.automaton else {
            return;
        };
        if !text.contains(is_default_ignorable) {
            out.extend(ac.find_iter(text).map(|m| TermMatch {
                range: offset + m.start()..offset + m.end(),
                entry: m.pattern().as_usize(),
            }));
            return;
        }
        // The text without them, and where each kept run starts in both.
        let mut folded = String::with_capacity(text.len());
        let mut runs: Vec<(usize, usize)> = Vec::new();
        for (at, c) in text.char_indices() {
            if is_default_ignorable(c) {
                continue;
            }
            if runs.last().is_none_or(|&(f, t)| at - t != folded.len() - f) {
                runs.push((folded.len(), at));
            }
            folded.push(c);
        }
        // The byte of `text` that byte `i` of `folded` came from.
        let source = |i: usize| {
            let (f, t) = runs[runs.partition_point(|&(f, _)| f <= i) - 1];
            t + (i - f)
        };
        out.extend(ac.find_iter(&folded).map(|m| TermMatch {
            range: offset + source(m.start())..offset + source(m.end() - 1) + 1,
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
