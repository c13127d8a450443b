//! What rules share: the repository, its lookup index, and how crosswalk
//! references resolve. Resolution lives here once so that every rule reads a
//! reference the same way.

use std::collections::HashMap;

use sc3_model::prh::{PrhError, PrhMatcher};

use sc3_model::{
    Crosswalk, FileId, Guideline, GuidelineRef, Index, Item, ItemRef, MapEntry, Repository, Spanned,
};

use crate::terms::Dictionary;
use crate::text::{self, FileText};

pub struct Context<'r> {
    pub repo: &'r Repository,
    pub index: Index<'r>,
    /// The prose of every file, for the terminology rules.
    pub texts: Vec<FileText>,
    /// The dictionary for texts of no industry (`None`) and for each industry's.
    dictionaries: HashMap<Option<String>, Dictionary>,
    /// Each prh dictionary, compiled (or why it could not be).
    pub prh: Vec<(FileId, Result<PrhMatcher, Vec<PrhError>>)>,
    /// The repository file behind each path a prh dictionary names (its own
    /// file and its imports), resolved once.
    prh_files: HashMap<String, Option<FileId>>,
}

/// The industry whose texts `file` holds: the industry profile itself, the
/// industry's own guidelines, crosswalks from them, and the handbook's pages
/// under `book/src/industries/<id>/` (or `book/src/industries/<id>.md`).
fn industry_of(repo: &Repository, file: FileId) -> Option<String> {
    let path = &repo.file(file).path;
    if let Some(rest) = path.strip_prefix("book/src/industries/") {
        let id = rest.split('/').next().unwrap_or(rest);
        return Some(id.trim_end_matches(".md").to_owned());
    }
    for ind in &repo.industries {
        if ind.file == file {
            return Some(ind.id.value.clone());
        }
        let own = |key: &str| ind.guidelines.iter().any(|g| g.value == key);
        if repo
            .guidelines
            .iter()
            .any(|g| g.file == file && own(&g.key()))
            || repo
                .crosswalks
                .iter()
                .any(|c| c.file == file && own(&c.source.value))
        {
            return Some(ind.id.value.clone());
        }
    }
    None
}

impl<'r> Context<'r> {
    pub fn new(repo: &'r Repository) -> Self {
        let index = repo.index();
        let applies = |scope: Option<&str>| {
            repo.glossaries
                .iter()
                .filter(|g| {
                    let s = g.scope.as_ref().map_or("all", |s| s.value.as_str());
                    s == "all" || Some(s) == scope
                })
                .collect::<Vec<_>>()
        };
        let mut dictionaries = HashMap::new();
        dictionaries.insert(None, Dictionary::new(&applies(None), None));
        for ind in &repo.industries {
            let id = ind.id.value.clone();
            let d = Dictionary::new(&applies(Some(&id)), Some(ind));
            dictionaries.entry(Some(id)).or_insert(d);
        }
        // Finding the prose and compiling the prh dictionaries are independent
        // and both take a while on a large repository.
        let (texts, prh): (Vec<FileText>, Vec<_>) = rayon::join(
            || text::collect(repo, |f| industry_of(repo, f)),
            || {
                repo.prh
                    .iter()
                    .map(|p| (p.file, p.dictionary.compile()))
                    .collect()
            },
        );
        let root = repo
            .root
            .canonicalize()
            .unwrap_or_else(|_| repo.root.clone());
        let mut prh_files = HashMap::new();
        for p in &repo.prh {
            for f in &p.dictionary.files {
                let label = f.display().to_string();
                let named = f.canonicalize().unwrap_or_else(|_| f.clone());
                let id = repo
                    .files
                    .iter()
                    .position(|x| root.join(&x.path) == named)
                    .map(FileId);
                prh_files.insert(label, id);
            }
        }
        Context {
            repo,
            index,
            texts,
            dictionaries,
            prh,
            prh_files,
        }
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
        let source = self.repo.file(file);
        let at = source.offset(sc3_model::Position {
            line: e.line,
            column: e.column,
        });
        let end = source.text[at..]
            .chars()
            .next()
            .map_or(at, |c| at + c.len_utf8());
        (file, at..end)
    }

    /// The dictionary that applies to texts of `industry` (or of none).
    pub fn dictionary(&self, industry: Option<&str>) -> &Dictionary {
        self.dictionaries
            .get(&industry.map(str::to_owned))
            .unwrap_or_else(|| &self.dictionaries[&None])
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
