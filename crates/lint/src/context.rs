//! What rules share: the repository, its lookup index, and how crosswalk
//! references resolve. Resolution lives here once so that every rule reads a
//! reference the same way.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use prh::{Found, PrhError, PrhMatcher};

use sc3_model::{
    Crosswalk, FileId, Guideline, GuidelineRef, Index, Industry, Item, ItemRef, MapEntry,
    Repository, Spanned,
};

use rayon::prelude::*;

use crate::markup::{self, Markup};
use crate::terms::{Dictionary, Entry, Folded, TermMatch};
use crate::text::{self, FileText};
use crate::written::{self, Written};

pub struct Context<'r> {
    pub repo: &'r Repository,
    pub index: Index<'r>,
    /// The prose of every file, for the terminology rules.
    pub texts: Vec<FileText>,
    /// The dictionary for texts of no industry (`None`) and for each industry's.
    dictionaries: HashMap<Option<String>, Dictionary>,
    /// For each of `texts`, every registered string its prose contains, in
    /// order, found by one scan with its scope's dictionary.
    term_matches: Vec<Vec<TermMatch>>,
    /// Each prh dictionary, compiled (or why it could not be).
    pub prh: Vec<(FileId, Result<PrhMatcher, Vec<PrhError>>)>,
    /// For each of `prh` and each of `texts`, what the dictionary found in
    /// the text's prh nodes (see [`Context::prh_results`]).
    prh_found: Vec<Vec<Found>>,
    /// The repository file behind each path a prh dictionary names (its own
    /// file and its imports), resolved once.
    prh_files: HashMap<String, Option<FileId>>,
    /// Each file's Markdown markup, parsed the first time a rule asks.
    markup: Vec<OnceLock<Markup>>,
    /// Each file's characters that show as nothing, found the first time a
    /// rule asks (see [`Context::hidden`]).
    hidden: Vec<OnceLock<Vec<Written>>>,
    /// How long each step of [`Context::new`] took (see [`crate::Timings`]).
    pub timings: Vec<(&'static str, Duration)>,
}

/// The industry whose texts each file holds: the industry profile itself, the
/// industry's own guidelines, crosswalks from them, and the handbook's pages
/// under `book/src/industries/<id>/` (or `book/src/industries/<id>.md`).
/// Where two industries claim a guideline, the first profile wins. Built in
/// one pass over the repository, so it stays linear in the number of files.
fn industries_of(repo: &Repository) -> Vec<Option<String>> {
    let mut own: HashMap<&str, &str> = HashMap::new();
    let mut by_file: Vec<Option<String>> = vec![None; repo.files.len()];
    for ind in &repo.industries {
        by_file[ind.file.0].get_or_insert_with(|| ind.id.value.clone());
        for g in &ind.guidelines {
            own.entry(g.value.as_str()).or_insert(ind.id.value.as_str());
        }
    }
    for g in &repo.guidelines {
        if let Some(id) = own.get(g.key().as_str()) {
            by_file[g.file.0].get_or_insert_with(|| (*id).to_owned());
        }
    }
    for c in &repo.crosswalks {
        if let Some(id) = own.get(c.source.value.as_str()) {
            by_file[c.file.0].get_or_insert_with(|| (*id).to_owned());
        }
    }
    for (i, f) in repo.files.iter().enumerate() {
        if let Some(rest) = f.path.strip_prefix("book/src/industries/") {
            let id = rest.split('/').next().unwrap_or(rest);
            by_file[i] = Some(id.trim_end_matches(".md").to_owned());
        }
    }
    by_file
}

/// What a prh dictionary finds in the nodes of one text, with offsets into
/// the file.
fn prh_scan(repo: &Repository, matcher: &PrhMatcher, ft: &FileText) -> Found {
    let text = &repo.file(ft.file).text;
    let mut all = Found::default();
    for node in &ft.nodes {
        let mut found = matcher.find(&text[node.clone()]);
        for m in &mut found.matches {
            m.start += node.start;
            m.end += node.start;
        }
        for i in &mut found.incomplete {
            i.start += node.start;
            i.end += node.start;
        }
        all.matches.append(&mut found.matches);
        all.incomplete.append(&mut found.incomplete);
    }
    all
}

/// What `f` gives, and how long it took.
fn timed<T>(f: impl FnOnce() -> T) -> (T, Duration) {
    let started = Instant::now();
    (f(), started.elapsed())
}

impl<'r> Context<'r> {
    pub fn new(repo: &'r Repository) -> Self {
        let applies = |scope: Option<&str>| {
            repo.glossaries
                .iter()
                .filter(|g| {
                    let s = g.scope.as_ref().map_or("all", |s| s.value.as_str());
                    s == "all" || Some(s) == scope
                })
                .collect::<Vec<_>>()
        };
        // One dictionary per scope, compiled in parallel, and the prose of
        // every file; then each text is scanned once with its scope's
        // automaton, and the terminology rules share that scan.
        let industries = industries_of(repo);
        let scopes: Vec<Option<&Industry>> = std::iter::once(None)
            .chain(repo.industries.iter().map(Some))
            .collect();
        let started = Instant::now();
        let index = repo.index();
        let mut timings = vec![("索引", started.elapsed())];
        let (((dictionaries, t_dict), (texts, t_texts)), (prh, t_prh)) = rayon::join(
            || {
                rayon::join(
                    || {
                        timed(|| {
                            scopes
                                .par_iter()
                                .map(|ind| {
                                    let id = ind.map(|i| i.id.value.clone());
                                    let d = Dictionary::new(&applies(id.as_deref()), *ind);
                                    (id, d)
                                })
                                .collect::<Vec<_>>()
                                .into_iter()
                                .rev() // the first profile of an id wins
                                .collect::<HashMap<_, _>>()
                        })
                    },
                    || timed(|| text::collect(repo, |f| industries[f.0].clone())),
                )
            },
            || {
                timed(|| {
                    repo.prh
                        .iter()
                        .map(|p| (p.file, p.dictionary.compile()))
                        .collect::<Vec<_>>()
                })
            },
        );
        timings.extend([
            ("用語集の辞書", t_dict),
            ("文章の抽出", t_texts),
            ("prh 辞書のコンパイル", t_prh),
        ]);
        let root = repo
            .root
            .canonicalize()
            .unwrap_or_else(|_| repo.root.clone());
        let mut prh_files = HashMap::new();
        for p in &repo.prh {
            for f in &p.dictionary.files {
                let label = f.display().to_string();
                // A repository loaded from memory has no root: its labels
                // are the files' own paths.
                let named = if repo.root.as_os_str().is_empty() {
                    f.clone()
                } else {
                    f.canonicalize().unwrap_or_else(|_| f.clone())
                };
                let id = repo
                    .files
                    .iter()
                    .position(|x| root.join(&x.path) == named)
                    .map(FileId);
                prh_files.insert(label, id);
            }
        }
        let mut cx = Context {
            repo,
            index,
            texts,
            dictionaries,
            term_matches: Vec::new(),
            prh,
            prh_found: Vec::new(),
            prh_files,
            markup: repo.files.iter().map(|_| OnceLock::new()).collect(),
            hidden: repo.files.iter().map(|_| OnceLock::new()).collect(),
            timings,
        };
        let started = Instant::now();
        let term_matches = cx
            .texts
            .par_iter()
            .map(|ft| {
                let dict = cx.dictionary(ft.industry.as_deref());
                let file = repo.file(ft.file);
                // What shows as nothing is left out, and prose pieces that
                // only it (or nothing) separates are read as one: サー&#x200B;バ
                // and "サ\u200Bーバ" are サーバ.
                let hidden: Vec<Range<usize>> =
                    cx.hidden(ft.file).iter().map(|w| w.span.clone()).collect();
                let joined = |gap: Range<usize>| {
                    let k = hidden.partition_point(|h| h.end <= gap.start);
                    let mut at = gap.start;
                    for h in &hidden[k..] {
                        if at >= gap.end || h.start > at {
                            break;
                        }
                        at = h.end;
                    }
                    at >= gap.end
                };
                let mut found = Vec::new();
                let mut i = 0;
                while i < ft.ranges.len() {
                    let mut j = i + 1;
                    while j < ft.ranges.len()
                        && ft.ranges[j - 1].end <= ft.ranges[j].start
                        && joined(ft.ranges[j - 1].end..ft.ranges[j].start)
                    {
                        j += 1;
                    }
                    let folded = Folded::new(&file.text, &ft.ranges[i..j], &hidden);
                    dict.scan(&folded, &mut found);
                    i = j;
                }
                found
            })
            .collect();
        cx.term_matches = term_matches;
        cx.timings.push(("用語集の照合", started.elapsed()));
        let started = Instant::now();
        cx.prh_found = cx
            .prh
            .iter()
            .map(|(_, matcher)| match matcher {
                Ok(m) => cx
                    .texts
                    .par_iter()
                    .map(|ft| prh_scan(repo, m, ft))
                    .collect(),
                Err(_) => Vec::new(),
            })
            .collect();
        cx.timings.push(("prh 辞書の照合", started.elapsed()));
        cx
    }

    /// What each compiled prh dictionary found in each text, matched once
    /// for all rules: (dictionary file, its matcher, the text, what was
    /// found, with byte offsets into the text's file). T001 reports the
    /// matches, T007 where a rule met its budget.
    pub fn prh_results(&self) -> impl Iterator<Item = (FileId, &PrhMatcher, &FileText, &Found)> {
        self.prh
            .iter()
            .zip(&self.prh_found)
            .filter_map(|((file, matcher), found)| Some((*file, matcher.as_ref().ok()?, found)))
            .flat_map(|(file, matcher, found)| {
                self.texts
                    .iter()
                    .zip(found)
                    .map(move |(ft, f)| (file, matcher, ft, f))
            })
    }

    /// The file and byte span of a prh rule's definition.
    pub fn prh_rule_place(
        &self,
        dictionary: FileId,
        rule: &prh::PrhRule,
    ) -> (FileId, std::ops::Range<usize>) {
        self.prh_place(
            dictionary,
            &PrhError {
                file: rule.file.clone(),
                line: rule.line,
                column: rule.column,
                message: String::new(),
            },
        )
    }

    /// The file and byte span a prh problem points at: the dictionary file that
    /// the error names, or the dictionary that imported it.
    pub fn prh_place(&self, dictionary: FileId, e: &PrhError) -> (FileId, std::ops::Range<usize>) {
        let file = self
            .prh_files
            .get(&e.file)
            .copied()
            .flatten()
            .unwrap_or(dictionary);
        let span = self.repo.file(file).char_span(sc3_model::Position {
            line: e.line,
            column: e.column,
        });
        (file, span)
    }

    /// The markup of a Markdown file (raw HTML, links, heading attributes),
    /// parsed once however many rules read it.
    pub fn markup(&self, file: FileId) -> &Markup {
        self.markup[file.0].get_or_init(|| markup::markdown(&self.repo.file(file).text))
    }

    /// The characters of a file that show as nothing (Unicode's default
    /// ignorables: zero-width and bidirectional controls, variation
    /// selectors, …), written as themselves or escaped, in file order: one
    /// scan of the file for every rule that looks for some of them.
    pub fn hidden(&self, file: FileId) -> &[Written] {
        self.hidden[file.0].get_or_init(|| written::find(self.repo.file(file)))
    }

    /// The dictionary that applies to texts of `industry` (or of none).
    pub fn dictionary(&self, industry: Option<&str>) -> &Dictionary {
        self.dictionaries
            .get(&industry.map(str::to_owned))
            .unwrap_or_else(|| &self.dictionaries[&None])
    }

    /// The registered strings found in `texts[text]`, with the entry each is
    /// of, in text order; with `within`, only those inside that range.
    pub fn terms_in(
        &self,
        text: usize,
        within: Option<&Range<usize>>,
    ) -> impl Iterator<Item = (Range<usize>, &Entry)> {
        let dict = self.dictionary(self.texts[text].industry.as_deref());
        let all = &self.term_matches[text];
        let slice = match within {
            Some(r) => {
                let from = all.partition_point(|m| m.range.start < r.start);
                let to = all.partition_point(|m| m.range.start < r.end);
                &all[from..to]
            }
            None => &all[..],
        };
        slice.iter().map(move |m| (m.range.clone(), dict.entry(m)))
    }

    /// The guideline a well-formed `id@version` names, if it exists.
    pub fn guideline(&self, r: &Spanned<String>) -> Option<&'r Guideline> {
        self.index.guideline(&GuidelineRef::parse(&r.value).ok()?)
    }

    /// The crosswalk's source and target catalogs, where they resolve.
    pub fn sides(&self, cw: &Crosswalk) -> (Option<&'r Guideline>, Option<&'r Guideline>) {
        (self.guideline(&cw.source), self.guideline(&cw.target))
    }

    /// The source items that must have an entry: all, or those whose level is in
    /// `scope.levels`.
    pub fn in_scope<'g>(&self, cw: &Crosswalk, source: &'g Guideline) -> Vec<&'g Item> {
        let levels: Vec<&str> = cw
            .scope
            .iter()
            .flat_map(|s| s.levels.iter().map(|l| l.value.as_str()))
            .collect();
        source
            .items
            .iter()
            .filter(|i| {
                levels.is_empty()
                    || i.level
                        .as_ref()
                        .is_some_and(|l| levels.contains(&l.value.as_str()))
            })
            .collect()
    }

    /// An entry's `source` as an item reference against the crosswalk's source.
    pub fn entry_source(&self, cw: &Crosswalk, entry: &MapEntry) -> Option<ItemRef> {
        let side = GuidelineRef::parse(&cw.source.value).ok()?;
        ItemRef::parse_in(&entry.source.value, &side).ok()
    }

    /// An entry's target as an item reference against the crosswalk's target.
    pub fn entry_target(&self, cw: &Crosswalk, target: &Spanned<String>) -> Option<ItemRef> {
        let side = GuidelineRef::parse(&cw.target.value).ok()?;
        ItemRef::parse_in(&target.value, &side).ok()
    }
}
