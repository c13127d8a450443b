//! How much of a crosswalk's source its entries cover: the counts the
//! handbook, the pull-request diff and the readiness views show.
//!
//! Only a judgment crosswalk has coverage (対応 / 準対応 / 非対応); a citation
//! crosswalk's counts are 参照あり / 参照なし and are never turned into shares.
//! Items in scope without an entry count as 未記入 (unmapped); an item with
//! several entries counts once, by its first entry (M002 reports the rest).

use std::collections::HashMap;

use crate::{Crosswalk, GuidelineRef, ItemRef, Relation, Repository};

/// Counts of a crosswalk's in-scope source items by outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    /// Whether the crosswalk is a judgment (shares may be shown).
    pub judgment: bool,
    pub covered: usize,
    pub partial: usize,
    pub none: usize,
    pub cited: usize,
    pub not_cited: usize,
    pub unmapped: usize,
}

impl Coverage {
    pub fn total(&self) -> usize {
        self.covered + self.partial + self.none + self.cited + self.not_cited + self.unmapped
    }

    /// Counts one item's outcome (`None`: no entry).
    pub fn add(&mut self, relation: Option<Relation>) {
        match relation {
            Some(Relation::Covered) => self.covered += 1,
            Some(Relation::Partial) => self.partial += 1,
            Some(Relation::None) => self.none += 1,
            Some(Relation::Cited) => self.cited += 1,
            Some(Relation::NotCited) => self.not_cited += 1,
            None => self.unmapped += 1,
        }
    }

    /// `n` as a share of the total, in percent with one decimal, or `None`
    /// for a citation crosswalk (no shares) or an empty one.
    pub fn share(&self, n: usize) -> Option<f64> {
        let total = self.total();
        (self.judgment && total > 0).then(|| (n as f64 * 1000.0 / total as f64).round() / 10.0)
    }
}

/// The coverage of `cw` over its source catalog in `repo`: every in-scope
/// item of the source, by its first entry. `None` when the source catalog is
/// not in the repository.
pub fn coverage(repo: &Repository, cw: &Crosswalk) -> Option<Coverage> {
    let index = repo.index();
    let src = GuidelineRef::parse(&cw.source.value).ok()?;
    let source = index.guideline(&src)?;
    let levels: Vec<&str> = cw
        .scope
        .iter()
        .flat_map(|s| s.levels.iter().map(|l| l.value.as_str()))
        .collect();
    let mut first: HashMap<String, Option<Relation>> = HashMap::new();
    for m in &cw.maps {
        if let Ok(r) = ItemRef::parse_in(&m.source.value, &src) {
            first
                .entry(r.item)
                .or_insert(m.relation.as_ref().map(|r| r.value));
        }
    }
    let mut c = Coverage {
        judgment: cw.is_judgment(),
        ..Coverage::default()
    };
    for it in &source.items {
        let in_scope = levels.is_empty()
            || it
                .level
                .as_ref()
                .is_some_and(|l| levels.contains(&l.value.as_str()));
        if in_scope {
            c.add(first.get(&it.id.value).copied().flatten());
        }
    }
    Some(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo(basis: &str, maps: &str) -> Repository {
        let catalog = "[guideline]\nid = \"a\"\nversion = \"1\"\ntitle = \"A\"\nlevels = [\"LV1\", \"LV2\"]\n\n[[item]]\nid = \"1\"\ntitle = \"x\"\nlevel = \"LV1\"\n\n[[item]]\nid = \"2\"\ntitle = \"y\"\nlevel = \"LV1\"\n\n[[item]]\nid = \"3\"\ntitle = \"z\"\nlevel = \"LV1\"\n\n[[item]]\nid = \"4\"\ntitle = \"w\"\nlevel = \"LV2\"\n";
        let cw = format!(
            "[crosswalk]\nsource = \"a@1\"\ntarget = \"b@1\"\nscope = {{ levels = [\"LV1\"] }}\n{basis}\n{maps}"
        );
        crate::load_from_memory([
            ("guidelines/a/1.toml", catalog.as_bytes()),
            ("mappings/a@1--b@1.toml", cw.as_bytes()),
        ])
        .repo
    }

    #[test]
    fn in_scope_items_by_their_first_entry() {
        let r = repo(
            "",
            "[[map]]\nsource = \"1\"\nrelation = \"covered\"\ntargets = [\"x\"]\n\n[[map]]\nsource = \"1\"\nrelation = \"none\"\ntargets = []\n\n[[map]]\nsource = \"2\"\nrelation = \"partial\"\ntargets = [\"x\"]\n\n[[map]]\nsource = \"4\"\nrelation = \"none\"\ntargets = []\n",
        );
        let c = coverage(&r, &r.crosswalks[0]).unwrap();
        assert_eq!(
            (c.covered, c.partial, c.none, c.unmapped, c.total()),
            (1, 1, 0, 1, 3)
        );
        assert_eq!(c.share(c.covered), Some(33.3));
    }

    #[test]
    fn citations_have_counts_and_no_shares() {
        let r = repo(
            "basis = \"citation\"",
            "[[map]]\nsource = \"1\"\nrelation = \"cited\"\ntargets = [\"x\"]\n\n[[map]]\nsource = \"2\"\nrelation = \"not-cited\"\ntargets = []\n",
        );
        let c = coverage(&r, &r.crosswalks[0]).unwrap();
        assert_eq!((c.cited, c.not_cited, c.unmapped), (1, 1, 1));
        assert_eq!(c.share(c.cited), None);
    }
}
