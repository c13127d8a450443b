//! Mapping suggestions: for a source item with no crosswalk entry yet, rank the
//! target catalog's items by how much text they share with it.
//!
//! Japanese has no spaces, so texts are compared as character bigrams (and
//! ASCII words), NFKC-folded, with every glossary variant rewritten to its
//! preferred term first, so 外注先 and 委託先 count as the same words when the
//! glossary says so. Scoring is BM25 over the target items.
//!
//! A target item's document is its own title and text, its group's title, and
//! the texts of the source items the crosswalk already maps onto it: a
//! crosswalk teaches the index its own vocabulary as it grows. This is what
//! makes suggestions useful against catalogs that carry only numbers (a
//! standard's control ids), and why the benchmark is leave-one-out.
//!
//! Pure functions of the model: no network, no downloaded model.

use std::collections::{HashMap, HashSet};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use sc3_model::{Crosswalk, Glossary, Guideline, GuidelineRef, Item, ItemRef};
use unicode_normalization::UnicodeNormalization;

const K1: f64 = 1.2;
const B: f64 = 0.75;

/// One ranked target item.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Candidate {
    pub target: String,
    /// BM25 score; only comparable within one source item.
    pub score: f64,
    /// Words of the source item (glossary terms, kanji and katakana runs)
    /// that the target's text contains.
    pub shared: Vec<String>,
}

/// The candidates for one source item.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Suggestion {
    pub source: String,
    pub candidates: Vec<Candidate>,
}

/// Text folding shared by queries and documents.
pub struct Folder {
    /// Variants and preferred terms, leftmost-longest, so a variant inside a
    /// preferred term (サーバ in サーバー) is left alone.
    automaton: Option<AhoCorasick>,
    /// For each pattern, what it becomes (a preferred term becomes itself).
    replacement: Vec<String>,
    preferred: Vec<String>,
}

impl Folder {
    pub fn new(glossaries: &[&Glossary]) -> Self {
        let mut variants = Vec::new();
        let mut preferred = Vec::new();
        for g in glossaries {
            for t in &g.terms {
                let p: String = t.preferred.value.nfkc().collect();
                for v in &t.variants {
                    let v: String = v.value.nfkc().collect();
                    if !v.is_empty() && v != p {
                        variants.push((v, p.clone()));
                    }
                }
                preferred.push(p);
            }
        }
        preferred.sort();
        preferred.dedup();
        let mut patterns: Vec<String> = Vec::new();
        let mut replacement = Vec::new();
        let mut seen = HashSet::new();
        let all = preferred
            .iter()
            .map(|p| (p.to_lowercase(), p.to_lowercase()))
            .chain(
                variants
                    .into_iter()
                    .map(|(v, p)| (v.to_lowercase(), p.to_lowercase())),
            );
        for (from, to) in all {
            if seen.insert(from.clone()) {
                patterns.push(from);
                replacement.push(to);
            }
        }
        let automaton = (!patterns.is_empty()).then(|| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .expect("glossary patterns compile")
        });
        Folder {
            automaton,
            replacement,
            preferred,
        }
    }

    /// NFKC, lower case, and every glossary variant as its preferred term.
    pub fn fold(&self, text: &str) -> String {
        let s: String = text.nfkc().collect::<String>().to_lowercase();
        let Some(ac) = &self.automaton else { return s };
        let mut out = String::with_capacity(s.len());
        let mut last = 0;
        for m in ac.find_iter(&s) {
            out.push_str(&s[last..m.start()]);
            out.push_str(&self.replacement[m.pattern().as_usize()]);
            last = m.end();
        }
        out.push_str(&s[last..]);
        out
    }

    /// Bigram and word tokens of a folded text.
    fn tokens(&self, folded: &str) -> Vec<String> {
        let mut out = Vec::new();
        let mut word = String::new();
        let mut prev: Option<char> = None;
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                word.push(c);
                prev = None;
                continue;
            }
            if word.chars().count() >= 2 {
                out.push(std::mem::take(&mut word));
            }
            word.clear();
            if c.is_alphanumeric() {
                if let Some(p) = prev {
                    out.push(format!("{p}{c}"));
                }
                prev = Some(c);
            } else {
                prev = None;
            }
        }
        if word.chars().count() >= 2 {
            out.push(word);
        }
        out
    }

    /// Explaining words: glossary terms and runs of kanji or katakana.
    fn words(&self, folded: &str) -> HashSet<String> {
        let mut out: HashSet<String> = self
            .preferred
            .iter()
            .filter(|p| p.chars().count() >= 2 && folded.contains(p.as_str()))
            .cloned()
            .collect();
        let script = |c: char| match c {
            '\u{4E00}'..='\u{9FFF}' | '々' => 1,
            '\u{30A1}'..='\u{30FA}' | 'ー' => 2,
            _ => 0,
        };
        let mut run = String::new();
        let mut kind = 0;
        for c in folded.chars().chain(std::iter::once(' ')) {
            let k = script(c);
            if k != 0 && k == kind {
                run.push(c);
                continue;
            }
            if kind != 0 && run.chars().count() >= 2 {
                out.insert(std::mem::take(&mut run));
            }
            run.clear();
            kind = k;
            if k != 0 {
                run.push(c);
            }
        }
        out
    }
}

/// A BM25 index over one target catalog.
pub struct Index<'f> {
    folder: &'f Folder,
    ids: Vec<String>,
    docs: Vec<HashMap<String, f64>>,
    texts: Vec<String>,
    lens: Vec<f64>,
    avg: f64,
    df: HashMap<String, usize>,
}

fn item_text(g: &Guideline, it: &Item) -> String {
    let group = it
        .group
        .as_ref()
        .and_then(|gr| g.group(&gr.value))
        .map(|x| x.title.value.as_str())
        .unwrap_or("");
    let text = it.text.as_ref().map_or("", |t| t.value.as_str());
    format!("{} {} {}", it.title.value, text, group)
}

impl<'f> Index<'f> {
    /// Indexes `target`'s items; `learned` adds, per target item id, texts
    /// already mapped onto it.
    pub fn new(
        folder: &'f Folder,
        target: &Guideline,
        learned: &HashMap<String, Vec<String>>,
    ) -> Self {
        let mut ids = Vec::new();
        let mut docs = Vec::new();
        let mut texts = Vec::new();
        let mut lens = Vec::new();
        let mut df: HashMap<String, usize> = HashMap::new();
        for it in &target.items {
            let mut text = item_text(target, it);
            for extra in learned.get(&it.id.value).into_iter().flatten() {
                text.push(' ');
                text.push_str(extra);
            }
            let folded = folder.fold(&text);
            let toks = folder.tokens(&folded);
            let mut tf: HashMap<String, f64> = HashMap::new();
            for t in &toks {
                *tf.entry(t.clone()).or_default() += 1.0;
            }
            for t in tf.keys() {
                *df.entry(t.clone()).or_default() += 1;
            }
            lens.push(toks.len() as f64);
            ids.push(it.id.value.clone());
            docs.push(tf);
            texts.push(folded);
        }
        let avg = if lens.is_empty() {
            1.0
        } else {
            (lens.iter().sum::<f64>() / lens.len() as f64).max(1.0)
        };
        Index {
            folder,
            ids,
            docs,
            texts,
            lens,
            avg,
            df,
        }
    }

    /// The `top` best target items for `query`, best first; items that share
    /// nothing with the query are left out. Ties keep catalog order.
    pub fn rank(&self, query: &str, top: usize) -> Vec<Candidate> {
        let folded = self.folder.fold(query);
        let mut terms = self.folder.tokens(&folded);
        terms.sort();
        terms.dedup();
        let qwords = self.folder.words(&folded);
        let n = self.docs.len() as f64;
        let mut scored: Vec<(usize, f64)> = Vec::new();
        for (i, doc) in self.docs.iter().enumerate() {
            let mut score = 0.0;
            for t in &terms {
                let Some(&tf) = doc.get(t) else { continue };
                let df = self.df[t] as f64;
                let idf = ((n - df + 0.5) / (df + 0.5) + 1.0).ln();
                score +=
                    idf * tf * (K1 + 1.0) / (tf + K1 * (1.0 - B + B * self.lens[i] / self.avg));
            }
            if score > 0.0 {
                scored.push((i, score));
            }
        }
        scored.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        scored.truncate(top);
        scored
            .into_iter()
            .map(|(i, score)| {
                let mut shared: Vec<String> = qwords
                    .iter()
                    .filter(|w| self.texts[i].contains(w.as_str()))
                    .cloned()
                    .collect();
                // Longest first: the most telling words lead.
                shared.sort_by(|a, b| b.chars().count().cmp(&a.chars().count()).then(a.cmp(b)));
                shared.truncate(5);
                Candidate {
                    target: self.ids[i].clone(),
                    score: (score * 1000.0).round() / 1000.0,
                    shared,
                }
            })
            .collect()
    }
}

/// Target item id → texts of the source items mapped onto it, leaving out the
/// entry at `skip` (for leave-one-out).
pub fn learned(
    cw: &Crosswalk,
    source: &Guideline,
    target: &GuidelineRef,
    skip: Option<usize>,
) -> HashMap<String, Vec<String>> {
    let source_ref = GuidelineRef::parse(&cw.source.value).ok();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    for (i, m) in cw.maps.iter().enumerate() {
        if Some(i) == skip {
            continue;
        }
        let Some(sref) = &source_ref else { break };
        let Ok(s) = ItemRef::parse_in(&m.source.value, sref) else {
            continue;
        };
        let Some(it) = source.item(&s.item) else {
            continue;
        };
        let text = item_text(source, it);
        for t in &m.targets {
            if let Ok(r) = ItemRef::parse_in(&t.value, target) {
                out.entry(r.item).or_default().push(text.clone());
            }
        }
    }
    out
}

/// Suggestions for every in-scope source item of `cw` that has no entry yet.
pub fn suggest(
    cw: &Crosswalk,
    source: &Guideline,
    target: &Guideline,
    in_scope: &[&Item],
    glossaries: &[&Glossary],
    top: usize,
) -> Vec<Suggestion> {
    let Ok(tref) = GuidelineRef::parse(&cw.target.value) else {
        return Vec::new();
    };
    let folder = Folder::new(glossaries);
    let index = Index::new(&folder, target, &learned(cw, source, &tref, None));
    let mapped: HashSet<&str> = cw.maps.iter().map(|m| m.source.value.as_str()).collect();
    in_scope
        .iter()
        .filter(|it| !mapped.contains(it.id.value.as_str()))
        .map(|it| Suggestion {
            source: it.id.value.clone(),
            candidates: index.rank(&item_text(source, it), top),
        })
        .collect()
}

/// Leave-one-out figures over one crosswalk's entries that have targets.
#[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
pub struct Evaluation {
    pub entries: usize,
    /// Mean share of an entry's targets found among the top 5 (capped at 5 targets).
    pub recall_at_5: f64,
    /// Share of entries whose first candidate is one of their targets.
    pub precision_at_1: f64,
    /// recall@5 at best from the other entries alone: the mean share of an
    /// entry's targets that some other entry also maps to. The ceiling for
    /// catalogs whose items carry only numbers.
    pub learnable: f64,
}

/// Hides each entry in turn, ranks its source item against the rest, and
/// compares with the entry's real targets.
pub fn evaluate(
    cw: &Crosswalk,
    source: &Guideline,
    target: &Guideline,
    glossaries: &[&Glossary],
) -> Evaluation {
    let (Ok(sref), Ok(tref)) = (
        GuidelineRef::parse(&cw.source.value),
        GuidelineRef::parse(&cw.target.value),
    ) else {
        return Evaluation::default();
    };
    let folder = Folder::new(glossaries);
    let mut ev = Evaluation::default();
    let (mut recall, mut p1, mut learnable) = (0.0, 0.0, 0.0);
    let mut uses: HashMap<String, usize> = HashMap::new();
    for m in &cw.maps {
        for t in &m.targets {
            if let Ok(r) = ItemRef::parse_in(&t.value, &tref) {
                *uses.entry(r.item).or_default() += 1;
            }
        }
    }
    for (i, m) in cw.maps.iter().enumerate() {
        let gold: HashSet<String> = m
            .targets
            .iter()
            .filter_map(|t| ItemRef::parse_in(&t.value, &tref).ok().map(|r| r.item))
            .collect();
        if gold.is_empty() {
            continue;
        }
        let Ok(s) = ItemRef::parse_in(&m.source.value, &sref) else {
            continue;
        };
        let Some(it) = source.item(&s.item) else {
            continue;
        };
        let index = Index::new(&folder, target, &learned(cw, source, &tref, Some(i)));
        let ranked = index.rank(&item_text(source, it), 5);
        let hits = ranked.iter().filter(|c| gold.contains(&c.target)).count();
        recall += hits as f64 / gold.len().min(5) as f64;
        let shared = gold.iter().filter(|t| uses[*t] > 1).count().min(5);
        learnable += shared as f64 / gold.len().min(5) as f64;
        if ranked.first().is_some_and(|c| gold.contains(&c.target)) {
            p1 += 1.0;
        }
        ev.entries += 1;
    }
    if ev.entries > 0 {
        ev.recall_at_5 = recall / ev.entries as f64;
        ev.precision_at_1 = p1 / ev.entries as f64;
        ev.learnable = learnable / ev.entries as f64;
    }
    ev
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bigrams_and_ascii_words() {
        let f = Folder::new(&[]);
        assert_eq!(f.tokens(&f.fold("ＵＳＢメモリ")), ["usb", "メモ", "モリ"]);
        assert_eq!(f.tokens("情報 資産"), ["情報", "資産"]);
    }

    #[test]
    fn explaining_words_are_kanji_and_katakana_runs() {
        let f = Folder::new(&[]);
        let w = f.words("パスワードを定期的に変更する");
        assert!(w.contains("パスワード"));
        assert!(w.contains("定期的"));
        assert!(w.contains("変更"));
        assert!(!w.contains("を"));
    }
}
