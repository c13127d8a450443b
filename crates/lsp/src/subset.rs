//! The part of the repository one file's findings depend on.
//!
//! Linting the whole repository after each keystroke takes hundreds of
//! milliseconds on the 60-industry corpus, nearly all of it in files the
//! edit did not touch. The lint's rules read a file together with what it
//! refers to: a crosswalk with its two catalogs, the industry measures and
//! regulation clauses it names; every text with the glossaries of its scope.
//! [`build`] makes a repository of just those files (the model's documents
//! cloned, their [`FileId`]s renumbered) so the same rules run on a few
//! files. Findings that need the whole repository ([`GLOBAL`]) are taken
//! from the last whole run instead.

use std::collections::BTreeSet;

use sc3_model::{Diagnostic, FileId, GuidelineRef, ItemRef, MeasureRef, PrhSource, Repository};

/// Rules whose findings in a file depend on files outside [`deps`]: ids
/// defined twice anywhere (R001), base items no crosswalk uses (M006),
/// spelling variation over all texts (T004), the code owners (O001) and the
/// table of contents (S004). The findings of a subset run with these codes
/// are dropped; the whole run supplies them.
pub const GLOBAL: &[&str] = &["R001", "M006", "T004", "O001", "S004"];

/// The industry whose texts a file holds (see the lint's `industries_of`):
/// the profile itself, its own catalogs, crosswalks from them, and its
/// pages under `book/src/industries/<id>`.
fn scope_of(repo: &Repository, focus: FileId) -> Option<String> {
    for ind in &repo.industries {
        if ind.file == focus {
            return Some(ind.id.value.clone());
        }
    }
    let path = &repo.file(focus).path;
    if let Some(rest) = path.strip_prefix("book/src/industries/") {
        let id = rest.split('/').next().unwrap_or(rest);
        return Some(id.trim_end_matches(".md").to_owned());
    }
    let own = |key: &str| {
        repo.industries
            .iter()
            .find(|i| i.guidelines.iter().any(|g| g.value == key))
            .map(|i| i.id.value.clone())
    };
    for g in &repo.guidelines {
        if g.file == focus {
            return own(&g.key());
        }
    }
    for c in &repo.crosswalks {
        if c.file == focus {
            return own(&c.source.value);
        }
    }
    for g in &repo.glossaries {
        if g.file == focus {
            return g.scope.as_ref().map(|s| s.value.clone());
        }
    }
    None
}

/// The files `focus`'s findings depend on, `focus` first.
pub fn deps(repo: &Repository, focus: FileId) -> Vec<FileId> {
    let mut out = BTreeSet::new();
    let mut guideline_ids: BTreeSet<String> = BTreeSet::new();
    let mut industries: BTreeSet<String> = BTreeSet::new();
    if let Some(s) = scope_of(repo, focus) {
        industries.insert(s);
    }
    let id_of = |key: &str| GuidelineRef::parse(key).ok().map(|r| r.id);
    for c in repo.crosswalks.iter().filter(|c| c.file == focus) {
        guideline_ids.extend(id_of(&c.source.value));
        guideline_ids.extend(id_of(&c.target.value));
        for m in &c.maps {
            if let Some(r) = m
                .measure
                .as_ref()
                .and_then(|m| MeasureRef::parse(&m.value).ok())
            {
                industries.insert(r.industry);
            }
        }
        // The clauses `regulations` names.
        out.extend(repo.templates.iter().copied());
    }
    for g in repo.guidelines.iter().filter(|g| g.file == focus) {
        guideline_ids.insert(g.id.value.clone());
        guideline_ids.extend(g.supersedes.as_ref().and_then(|s| id_of(&s.value)));
        for i in &repo.industries {
            if i.guidelines.iter().any(|x| x.value == g.key()) {
                industries.insert(i.id.value.clone());
            }
        }
    }
    for i in repo.industries.iter().filter(|i| i.file == focus) {
        let named = i
            .base
            .iter()
            .chain(&i.guidelines)
            .filter_map(|g| id_of(&g.value));
        guideline_ids.extend(named.collect::<Vec<_>>());
        for p in i.handling.iter().chain(&i.measures) {
            for r in &p.relates {
                if let Ok(r) = ItemRef::parse(&r.value) {
                    guideline_ids.insert(r.guideline.id);
                }
            }
        }
    }
    // Profiles of the industries in play, and the catalogs they list (an
    // industry's own catalogs decide the scope of their texts).
    for i in &repo.industries {
        if industries.contains(&i.id.value) {
            out.insert(i.file);
        }
    }
    for g in &repo.guidelines {
        if guideline_ids.contains(&g.id.value) {
            out.insert(g.file);
        }
    }
    // Glossaries of every scope in play, and prh dictionaries.
    for g in &repo.glossaries {
        let scope = g.scope.as_ref().map_or("all", |s| s.value.as_str());
        if scope == "all" || industries.contains(scope) || g.file == focus {
            out.insert(g.file);
        }
    }
    out.extend(repo.prh.iter().map(|p| p.file));
    if let Some(i) = repo
        .files
        .iter()
        .position(|f| f.path == sc3_model::config::FILE_NAME)
    {
        out.insert(FileId(i));
    }
    out.remove(&focus);
    std::iter::once(focus).chain(out).collect()
}

/// A repository of `files` only (their documents cloned, renumbered in this
/// order), and the map from its ids back to `repo`'s.
pub fn build(repo: &Repository, files: &[FileId]) -> (Repository, Vec<FileId>) {
    let mut new_id = vec![None; repo.files.len()];
    let mut sub = Repository {
        root: repo.root.clone(),
        config: repo.config.clone(),
        other_files: repo.other_files.clone(),
        ..Repository::default()
    };
    for &f in files {
        new_id[f.0] = Some(sub.add_file(repo.file(f).clone()));
    }
    let map = |f: FileId| new_id[f.0];
    for g in &repo.guidelines {
        if let Some(id) = map(g.file) {
            let mut g = g.clone();
            g.file = id;
            sub.guidelines.push(g);
        }
    }
    for i in &repo.industries {
        if let Some(id) = map(i.file) {
            let mut i = i.clone();
            i.file = id;
            sub.industries.push(i);
        }
    }
    for g in &repo.glossaries {
        if let Some(id) = map(g.file) {
            let mut g = g.clone();
            g.file = id;
            sub.glossaries.push(g);
        }
    }
    for c in &repo.crosswalks {
        if let Some(id) = map(c.file) {
            let mut c = c.clone();
            c.file = id;
            sub.crosswalks.push(c);
        }
    }
    sub.markdown = repo.markdown.iter().filter_map(|&f| map(f)).collect();
    sub.templates = repo.templates.iter().filter_map(|&f| map(f)).collect();
    sub.prh = repo
        .prh
        .iter()
        .filter_map(|p| {
            map(p.file).map(|file| PrhSource {
                file,
                dictionary: p.dictionary.clone(),
            })
        })
        .collect();
    (sub, files.to_vec())
}

/// Renumbers a subset run's finding back to the repository's files; `None`
/// when it names none of them.
pub fn map_back(d: &mut Diagnostic, back: &[FileId]) -> Option<()> {
    d.file = Some(*back.get(d.file?.0)?);
    d.related.retain_mut(|r| match back.get(r.file.0) {
        Some(&f) => {
            r.file = f;
            true
        }
        None => false,
    });
    Some(())
}
