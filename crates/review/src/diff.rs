//! Computing a [`Change`] from the repository before and after, with each
//! side's lint findings. Pure: the caller loads both sides (from git) and
//! lints them.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use sc3_model::coverage::{Coverage, coverage};
use sc3_model::{
    Crosswalk, Diagnostic, Glossary, GuidelineRef, Industry, Item, ItemRef, MapEntry, Practice,
    Repository, Spanned,
};

use crate::change::*;

/// One side of a change: the repository and its lint findings.
#[derive(Clone, Copy)]
pub struct Side<'a> {
    pub repo: &'a Repository,
    pub diagnostics: &'a [Diagnostic],
}

/// What changed from `before` to `after`.
pub fn diff(before: Side<'_>, after: Side<'_>) -> Change {
    Change {
        catalogs: catalogs(before.repo, after.repo),
        crosswalks: crosswalks(before, after),
        glossaries: glossaries(before.repo, after.repo),
        industries: industries(before.repo, after.repo),
        findings: findings(before, after),
    }
}

fn opt(s: &Option<Spanned<String>>) -> Option<String> {
    s.as_ref().map(|x| x.value.clone())
}

fn list(v: &[Spanned<String>]) -> Vec<String> {
    v.iter().map(|x| x.value.clone()).collect()
}

/// Pairs objects of both sides by key, in key order: (before, after).
fn pair<'a, T>(
    before: impl IntoIterator<Item = (String, &'a T)>,
    after: impl IntoIterator<Item = (String, &'a T)>,
) -> Vec<(String, Option<&'a T>, Option<&'a T>)>
where
    T: 'a,
{
    let mut map: BTreeMap<String, (Option<&T>, Option<&T>)> = BTreeMap::new();
    for (k, v) in before {
        map.entry(k).or_default().0.get_or_insert(v);
    }
    for (k, v) in after {
        map.entry(k).or_default().1.get_or_insert(v);
    }
    map.into_iter().map(|(k, (b, a))| (k, b, a)).collect()
}

fn status(before: bool, after: bool) -> Status {
    match (before, after) {
        (false, _) => Status::Added,
        (_, false) => Status::Removed,
        _ => Status::Changed,
    }
}

/// Header fields (name, value) that differ between two lists.
fn fields(before: &[(&str, String)], after: &[(&str, String)]) -> Vec<FieldChange> {
    let mut out = Vec::new();
    for ((field, b), (_, a)) in before.iter().zip(after) {
        if a != b {
            out.push(FieldChange {
                field: (*field).to_owned(),
                before: b.clone(),
                after: a.clone(),
            });
        }
    }
    out
}

// ---------------------------------------------------------------- catalogs

fn item_view(it: &Item) -> ItemView {
    ItemView {
        id: it.id.value.clone(),
        title: it.title.value.clone(),
        text: opt(&it.text),
        level: opt(&it.level),
    }
}

fn catalog_header(g: &sc3_model::Guideline) -> Vec<(&'static str, String)> {
    vec![
        ("title", g.title.value.clone()),
        ("publisher", opt(&g.publisher).unwrap_or_default()),
        ("published", opt(&g.published).unwrap_or_default()),
        ("url", opt(&g.url).unwrap_or_default()),
        ("levels", list(&g.levels).join(", ")),
        ("supersedes", opt(&g.supersedes).unwrap_or_default()),
        ("document", opt(&g.document).unwrap_or_default()),
        ("edition", opt(&g.edition).unwrap_or_default()),
        (
            "holds",
            g.holds
                .as_ref()
                .map_or(String::new(), |h| h.value.as_str().to_owned()),
        ),
        (
            "total",
            g.total
                .as_ref()
                .map_or(String::new(), |t| t.value.to_string()),
        ),
        ("selection", opt(&g.selection).unwrap_or_default()),
    ]
}

fn catalogs(before: &Repository, after: &Repository) -> Vec<CatalogChange> {
    fn key(g: &sc3_model::Guideline) -> (String, &sc3_model::Guideline) {
        (g.key(), g)
    }
    let mut out = Vec::new();
    for (k, b, a) in pair(
        before.guidelines.iter().map(key),
        after.guidelines.iter().map(key),
    ) {
        let mut items = Changes::default();
        let by_id = |g: Option<&sc3_model::Guideline>| -> BTreeMap<String, ItemView> {
            g.map(|g| {
                g.items
                    .iter()
                    .map(|it| (it.id.value.clone(), item_view(it)))
                    .collect()
            })
            .unwrap_or_default()
        };
        let (bi, ai) = (by_id(b), by_id(a));
        // Items in the order of the catalog they are in (after, else before).
        let order: Vec<String> = a
            .or(b)
            .map(|g| g.items.iter().map(|i| i.id.value.clone()).collect())
            .unwrap_or_default();
        let mut seen = BTreeSet::new();
        let ids = order
            .iter()
            .chain(b.iter().flat_map(|g| g.items.iter().map(|i| &i.id.value)))
            .filter(|id| seen.insert((*id).clone()))
            .cloned()
            .collect::<Vec<_>>();
        for id in ids {
            match (bi.get(&id), ai.get(&id)) {
                (None, Some(v)) => items.added.push(v.clone()),
                (Some(v), None) => items.removed.push(v.clone()),
                (Some(x), Some(y)) if x != y => items.changed.push(ItemDelta {
                    id: id.clone(),
                    before: x.clone(),
                    after: y.clone(),
                }),
                _ => {}
            }
        }
        let header = match (b, a) {
            (Some(b), Some(a)) => fields(&catalog_header(b), &catalog_header(a)),
            _ => Vec::new(),
        };
        if b.is_some() && a.is_some() && items.is_empty() && header.is_empty() {
            continue;
        }
        let shown = a.or(b).expect("one side has it");
        let repo = if a.is_some() { after } else { before };
        out.push(CatalogChange {
            key: k,
            title: shown.title.value.clone(),
            status: status(b.is_some(), a.is_some()),
            file: repo.file(shown.file).path.clone(),
            header,
            items,
        });
    }
    out
}

// ---------------------------------------------------------------- crosswalks

fn entry_view(m: &MapEntry) -> EntryView {
    EntryView {
        source: m.source.value.clone(),
        relation: m.relation.as_ref().map(|r| r.value.as_str().to_owned()),
        targets: list(&m.targets),
        strm: m.strm.as_ref().map(|s| s.value.as_str().to_owned()),
        rationale: opt(&m.rationale),
        measure: opt(&m.measure),
        regulations: list(&m.regulations),
    }
}

/// Entries keyed by their source item (resolved against the crosswalk's
/// source) and, for an item mapped twice, its occurrence.
fn entries(cw: &Crosswalk) -> Vec<(String, &MapEntry)> {
    let src = GuidelineRef::parse(&cw.source.value).ok();
    let mut seen: HashMap<String, usize> = HashMap::new();
    cw.maps
        .iter()
        .map(|m| {
            let id = src
                .as_ref()
                .and_then(|s| ItemRef::parse_in(&m.source.value, s).ok())
                .map_or(m.source.value.clone(), |r| r.item);
            let n = seen.entry(id.clone()).or_default();
            *n += 1;
            let key = if *n == 1 { id } else { format!("{id}#{n}") };
            (key, m)
        })
        .collect()
}

fn coverage_view(c: &Coverage) -> CoverageView {
    let shares = c.judgment.then(|| Shares {
        covered: c.share(c.covered).unwrap_or(0.0),
        partial: c.share(c.partial).unwrap_or(0.0),
        none: c.share(c.none).unwrap_or(0.0),
        unmapped: c.share(c.unmapped).unwrap_or(0.0),
    });
    CoverageView {
        covered: c.covered,
        partial: c.partial,
        none: c.none,
        cited: c.cited,
        not_cited: c.not_cited,
        unmapped: c.unmapped,
        total: c.total(),
        shares,
    }
}

/// The entries of `cw` with an M008 finding, by source item, with its message.
fn stale_entries(side: Side<'_>, cw: &Crosswalk) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for d in side.diagnostics {
        if d.code != "M008" || d.file != Some(cw.file) {
            continue;
        }
        let Some(span) = &d.span else { continue };
        // The entry the finding points into: the last one starting before it.
        if let Some(m) = cw.maps.iter().rev().find(|m| m.span.start <= span.start) {
            out.entry(m.source.value.clone())
                .or_insert_with(|| d.message.clone());
        }
    }
    out
}

fn crosswalk_header(cw: &Crosswalk) -> Vec<(&'static str, String)> {
    vec![
        ("status", cw.status().as_str().to_owned()),
        ("basis", cw.basis().as_str().to_owned()),
        (
            "scope",
            cw.scope
                .as_ref()
                .map_or(String::new(), |s| list(&s.levels).join(", ")),
        ),
        ("maintainers", list(&cw.maintainers).join(", ")),
    ]
}

fn crosswalks(before: Side<'_>, after: Side<'_>) -> Vec<CrosswalkChange> {
    fn key(c: &Crosswalk) -> (String, &Crosswalk) {
        (c.key(), c)
    }
    let mut out = Vec::new();
    for (k, b, a) in pair(
        before.repo.crosswalks.iter().map(key),
        after.repo.crosswalks.iter().map(key),
    ) {
        let mut changes = Changes::default();
        let be: BTreeMap<String, &MapEntry> =
            b.map(entries).unwrap_or_default().into_iter().collect();
        let ae_list = a.map(entries).unwrap_or_default();
        let ae: BTreeMap<String, &MapEntry> = ae_list.iter().cloned().collect();
        let mut order: Vec<String> = ae_list.iter().map(|(k, _)| k.clone()).collect();
        for (k, _) in b.map(entries).unwrap_or_default() {
            if !ae.contains_key(&k) {
                order.push(k);
            }
        }
        for id in order {
            match (be.get(&id), ae.get(&id)) {
                (None, Some(m)) => changes.added.push(entry_view(m)),
                (Some(m), None) => changes.removed.push(entry_view(m)),
                (Some(x), Some(y)) => {
                    let (x, y) = (entry_view(x), entry_view(y));
                    if x != y {
                        changes.changed.push(EntryDelta {
                            source: y.source.clone(),
                            before: x,
                            after: y,
                        });
                    }
                }
                (None, None) => {}
            }
        }
        let cov_b = b.and_then(|c| coverage(before.repo, c));
        let cov_a = a.and_then(|c| coverage(after.repo, c));
        let stale_before = b.map(|c| stale_entries(before, c)).unwrap_or_default();
        let stale: Vec<Stale> = a
            .map(|c| stale_entries(after, c))
            .unwrap_or_default()
            .into_iter()
            .filter(|(s, _)| !stale_before.contains_key(s))
            .map(|(source, message)| Stale { source, message })
            .collect();
        let header = match (b, a) {
            (Some(b), Some(a)) => fields(&crosswalk_header(b), &crosswalk_header(a)),
            _ => Vec::new(),
        };
        if b.is_some()
            && a.is_some()
            && changes.is_empty()
            && stale.is_empty()
            && header.is_empty()
            && cov_b == cov_a
        {
            continue;
        }
        let shown = a.or(b).expect("one side has it");
        let repo = if a.is_some() { after.repo } else { before.repo };
        out.push(CrosswalkChange {
            key: k,
            status: status(b.is_some(), a.is_some()),
            file: repo.file(shown.file).path.clone(),
            basis: shown.basis().as_str().to_owned(),
            header,
            entries: changes,
            coverage: CoverageChange {
                before: cov_b.as_ref().map(coverage_view),
                after: cov_a.as_ref().map(coverage_view),
            },
            stale,
        });
    }
    out
}

// ---------------------------------------------------------------- glossaries

fn glossaries(before: &Repository, after: &Repository) -> Vec<GlossaryChange> {
    fn key(g: &Glossary) -> (String, &Glossary) {
        (g.id.value.clone(), g)
    }
    let terms = |g: Option<&Glossary>| -> BTreeMap<String, (Vec<String>, Option<String>)> {
        g.map(|g| {
            g.terms
                .iter()
                .map(|t| (t.preferred.value.clone(), (list(&t.variants), opt(&t.note))))
                .collect()
        })
        .unwrap_or_default()
    };
    let mut out = Vec::new();
    for (id, b, a) in pair(
        before.glossaries.iter().map(key),
        after.glossaries.iter().map(key),
    ) {
        let (bt, at) = (terms(b), terms(a));
        let added: Vec<String> = at
            .keys()
            .filter(|k| !bt.contains_key(*k))
            .cloned()
            .collect();
        let removed: Vec<String> = bt
            .keys()
            .filter(|k| !at.contains_key(*k))
            .cloned()
            .collect();
        let changed: Vec<String> = at
            .iter()
            .filter(|(k, v)| bt.get(*k).is_some_and(|x| x != *v))
            .map(|(k, _)| k.clone())
            .collect();
        if b.is_some()
            && a.is_some()
            && added.is_empty()
            && removed.is_empty()
            && changed.is_empty()
        {
            continue;
        }
        let shown = a.or(b).expect("one side has it");
        let repo = if a.is_some() { after } else { before };
        out.push(GlossaryChange {
            id,
            status: status(b.is_some(), a.is_some()),
            file: repo.file(shown.file).path.clone(),
            added,
            removed,
            changed,
        });
    }
    out
}

// ---------------------------------------------------------------- industries

fn practice_view(p: &Practice) -> PracticeView {
    PracticeView {
        id: p.id.value.clone(),
        title: p.title.value.clone(),
        text: opt(&p.text),
        relates: list(&p.relates),
    }
}

fn practices(
    before: Option<&[Practice]>,
    after: Option<&[Practice]>,
) -> Changes<PracticeView, PracticeDelta> {
    let map = |v: Option<&[Practice]>| -> Vec<(String, PracticeView)> {
        v.unwrap_or_default()
            .iter()
            .map(|p| (p.id.value.clone(), practice_view(p)))
            .collect()
    };
    let (b, a) = (map(before), map(after));
    let bm: BTreeMap<&String, &PracticeView> = b.iter().map(|(k, v)| (k, v)).collect();
    let am: BTreeMap<&String, &PracticeView> = a.iter().map(|(k, v)| (k, v)).collect();
    let mut out = Changes::default();
    for (id, v) in &a {
        match bm.get(id) {
            None => out.added.push(v.clone()),
            Some(x) if *x != v => out.changed.push(PracticeDelta {
                id: id.clone(),
                before: (*x).clone(),
                after: v.clone(),
            }),
            _ => {}
        }
    }
    for (id, v) in &b {
        if !am.contains_key(id) {
            out.removed.push(v.clone());
        }
    }
    out
}

fn industry_header(i: &Industry) -> Vec<(&'static str, String)> {
    vec![
        ("name", i.name.value.clone()),
        ("association", opt(&i.association).unwrap_or_default()),
        ("base", opt(&i.base).unwrap_or_default()),
        ("guidelines", list(&i.guidelines).join(", ")),
        ("authored-by", i.author().as_str().to_owned()),
    ]
}

fn industries(before: &Repository, after: &Repository) -> Vec<IndustryChange> {
    fn key(i: &Industry) -> (String, &Industry) {
        (i.id.value.clone(), i)
    }
    let mut out = Vec::new();
    for (id, b, a) in pair(
        before.industries.iter().map(key),
        after.industries.iter().map(key),
    ) {
        let term_map = |i: Option<&Industry>| -> BTreeMap<String, String> {
            i.map(|i| {
                i.terms
                    .iter()
                    .map(|(k, v)| (k.value.clone(), v.value.clone()))
                    .collect()
            })
            .unwrap_or_default()
        };
        let (bt, at) = (term_map(b), term_map(a));
        let mut terms = Changes::default();
        for (base, word) in &at {
            match bt.get(base) {
                None => terms.added.push(TermView {
                    base: base.clone(),
                    word: word.clone(),
                }),
                Some(w) if w != word => terms.changed.push(FieldChange {
                    field: base.clone(),
                    before: w.clone(),
                    after: word.clone(),
                }),
                _ => {}
            }
        }
        for (base, word) in &bt {
            if !at.contains_key(base) {
                terms.removed.push(TermView {
                    base: base.clone(),
                    word: word.clone(),
                });
            }
        }
        let handling = practices(b.map(|i| &i.handling[..]), a.map(|i| &i.handling[..]));
        let measures = practices(b.map(|i| &i.measures[..]), a.map(|i| &i.measures[..]));
        let header = match (b, a) {
            (Some(b), Some(a)) => fields(&industry_header(b), &industry_header(a)),
            _ => Vec::new(),
        };
        if b.is_some()
            && a.is_some()
            && header.is_empty()
            && terms.is_empty()
            && handling.is_empty()
            && measures.is_empty()
        {
            continue;
        }
        let shown = a.or(b).expect("one side has it");
        let repo = if a.is_some() { after } else { before };
        out.push(IndustryChange {
            id,
            name: shown.name.value.clone(),
            status: status(b.is_some(), a.is_some()),
            file: repo.file(shown.file).path.clone(),
            header,
            terms,
            handling,
            measures,
        });
    }
    out
}

// ---------------------------------------------------------------- findings

fn finding_view(repo: &Repository, d: &Diagnostic) -> FindingView {
    let file = d.file.map(|f| repo.file(f));
    let pos = file.map(|f| f.position(d.span.as_ref().map_or(0, |s| s.start)));
    FindingView {
        code: d.code.to_owned(),
        severity: d.severity.as_str().to_owned(),
        file: file.map(|f| f.path.clone()),
        line: pos.map(|p| p.line),
        column: pos.map(|p| p.column),
        message: d.message.clone(),
    }
}

/// Findings are the same finding when their code, file and message agree
/// (positions move with every edit above them); each is matched once.
fn findings(before: Side<'_>, after: Side<'_>) -> Findings {
    let key = |repo: &Repository, d: &Diagnostic| {
        (
            d.code.to_owned(),
            d.file.map(|f| repo.file(f).path.clone()),
            d.message.clone(),
        )
    };
    let mut left: HashMap<_, usize> = HashMap::new();
    for d in before.diagnostics {
        *left.entry(key(before.repo, d)).or_default() += 1;
    }
    let mut new = Vec::new();
    for d in after.diagnostics {
        match left.get_mut(&key(after.repo, d)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => new.push(finding_view(after.repo, d)),
        }
    }
    let mut right: HashMap<_, usize> = HashMap::new();
    for d in after.diagnostics {
        *right.entry(key(after.repo, d)).or_default() += 1;
    }
    let mut fixed = Vec::new();
    for d in before.diagnostics {
        match right.get_mut(&key(before.repo, d)) {
            Some(n) if *n > 0 => *n -= 1,
            _ => fixed.push(finding_view(before.repo, d)),
        }
    }
    Findings { new, fixed }
}
