//! What rules share: the repository, its lookup index, and how crosswalk
//! references resolve. Resolution lives here once so that every rule reads a
//! reference the same way.

use sc3_model::{
    Crosswalk, Guideline, GuidelineRef, Index, Item, ItemRef, MapEntry, Repository, Spanned,
};

pub struct Context<'r> {
    pub repo: &'r Repository,
    pub index: Index<'r>,
}

impl<'r> Context<'r> {
    pub fn new(repo: &'r Repository) -> Self {
        Context {
            repo,
            index: repo.index(),
        }
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
