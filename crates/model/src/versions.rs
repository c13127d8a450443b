//! Versions of a guideline: what changed between a catalog and the one it
//! `supersedes`, and what that means for a crosswalk's entries.
//!
//! Pure comparisons of loaded content, shared by `crosswalk migrate` (in the
//! lint crate) and the handbook's migration report (in the site crate), so the
//! command and the page never disagree about what changed.

use crate::{Crosswalk, Guideline, GuidelineRef, Index, Item, ItemRef, MapEntry};

/// Whether two versions of an item read the same: title and text. Tags,
/// levels and groups may move without a crosswalk needing review.
pub fn same(a: &Item, b: &Item) -> bool {
    a.title.value == b.title.value
        && a.text.as_ref().map(|t| &t.value) == b.text.as_ref().map(|t| &t.value)
}

/// Whether `new` supersedes `old`, directly or through intermediate versions
/// (followed through `index`, at most 64 steps, so a cycle ends).
pub fn supersedes(index: &Index<'_>, new: &Guideline, old: &GuidelineRef) -> bool {
    let mut at = new;
    for _ in 0..64 {
        let Some(s) = &at.supersedes else {
            return false;
        };
        let Ok(r) = GuidelineRef::parse(&s.value) else {
            return false;
        };
        if &r == old {
            return true;
        }
        match index.guideline(&r) {
            Some(g) => at = g,
            None => return false,
        }
    }
    false
}

/// The catalog `g` names in its `supersedes`, when it is in the repository.
pub fn superseded<'r>(index: &Index<'r>, g: &Guideline) -> Option<&'r Guideline> {
    let r = GuidelineRef::parse(&g.supersedes.as_ref()?.value).ok()?;
    index.guideline(&r)
}

/// How each item fared between two versions of a catalog. Items are matched
/// by id; each list is in the order of the catalog it comes from (added and
/// the pairs: the new one; removed: the old one).
#[derive(Clone, Debug, Default)]
pub struct CatalogDiff<'a> {
    pub unchanged: Vec<(&'a Item, &'a Item)>,
    /// (old, new).
    pub changed: Vec<(&'a Item, &'a Item)>,
    pub added: Vec<&'a Item>,
    pub removed: Vec<&'a Item>,
}

/// Compares the items of `old` and `new` by id.
pub fn diff<'a>(old: &'a Guideline, new: &'a Guideline) -> CatalogDiff<'a> {
    let mut d = CatalogDiff::default();
    for n in &new.items {
        match old.item(&n.id.value) {
            None => d.added.push(n),
            Some(o) if same(o, n) => d.unchanged.push((o, n)),
            Some(o) => d.changed.push((o, n)),
        }
    }
    d.removed = old
        .items
        .iter()
        .filter(|o| new.item(&o.id.value).is_none())
        .collect();
    d
}

/// `current` as it read when `cw` was last confirmed, if `cw` has a stamp for
/// `key` (`id@version:item`); otherwise `current` itself.
pub fn as_reviewed(cw: &Crosswalk, key: &str, current: &Item) -> Item {
    let mut it = current.clone();
    if let Some(r) = cw.reviewed.iter().find(|r| r.item.value == key) {
        it.title = r.title.clone();
        it.text = r.text.clone();
    }
    it
}

/// One target item of an entry, moved from the old version to the new.
#[derive(Clone, Debug)]
pub struct TargetMove<'a> {
    /// The item id (the same in both versions).
    pub item: String,
    /// The old version's item as the old crosswalk was reviewed against.
    pub before: Item,
    /// The new version's item, if it still exists.
    pub after: Option<&'a Item>,
}

impl TargetMove<'_> {
    /// Whether the entry can rely on this item without review.
    pub fn unchanged(&self) -> bool {
        self.after.is_some_and(|a| same(&self.before, a))
    }
}

/// The targets of `m` (an entry of `cw`, whose target is `old`) as they move
/// to `new`. Targets naming another guideline or no item of `old` are left out
/// (they are other rules' findings).
pub fn target_moves<'a>(
    cw: &Crosswalk,
    m: &MapEntry,
    old_ref: &GuidelineRef,
    old: &Guideline,
    new: &'a Guideline,
) -> Vec<TargetMove<'a>> {
    let mut out = Vec::new();
    for t in &m.targets {
        let Ok(r) = ItemRef::parse_in(&t.value, old_ref) else {
            continue;
        };
        if &r.guideline != old_ref {
            continue;
        }
        let Some(before) = old.item(&r.item) else {
            continue;
        };
        out.push(TargetMove {
            before: as_reviewed(cw, &r.to_string(), before),
            after: new.item(&r.item),
            item: r.item,
        });
    }
    out
}

/// What became of one entry when its crosswalk moved to a new version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Every target item reads the same in the new version.
    Carried,
    /// Some target items changed (listed) or are gone from the new version.
    Review {
        changed: Vec<String>,
        missing: Vec<String>,
    },
}

/// The outcome of an entry from its target moves.
pub fn outcome(moves: &[TargetMove<'_>]) -> Outcome {
    let (mut changed, mut missing) = (Vec::new(), Vec::new());
    for mv in moves {
        match mv.after {
            None => missing.push(mv.item.clone()),
            Some(_) if !mv.unchanged() => changed.push(mv.item.clone()),
            Some(_) => {}
        }
    }
    if changed.is_empty() && missing.is_empty() {
        Outcome::Carried
    } else {
        Outcome::Review { changed, missing }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load_from_memory;

    fn repo() -> crate::Repository {
        let files = [
            (
                "guidelines/b/1.0.toml",
                "[guideline]\nid = \"b\"\nversion = \"1.0\"\ntitle = \"B\"\n\n[[item]]\nid = \"x\"\ntitle = \"同じ\"\n\n[[item]]\nid = \"y\"\ntitle = \"旧\"\ntext = \"本文\"\n\n[[item]]\nid = \"z\"\ntitle = \"消える\"\n",
            ),
            (
                "guidelines/b/1.1.toml",
                "[guideline]\nid = \"b\"\nversion = \"1.1\"\nsupersedes = \"b@1.0\"\ntitle = \"B\"\n\n[[item]]\nid = \"x\"\ntitle = \"同じ\"\ntags = [\"分類が変わっても同じ\"]\n\n[[item]]\nid = \"y\"\ntitle = \"旧\"\ntext = \"本文が変わった\"\n\n[[item]]\nid = \"w\"\ntitle = \"加わった\"\n",
            ),
            (
                "guidelines/b/2.0.toml",
                "[guideline]\nid = \"b\"\nversion = \"2.0\"\nsupersedes = \"b@1.1\"\ntitle = \"B\"\n",
            ),
            (
                "mappings/a@1--b@1.0.toml",
                "[crosswalk]\nsource = \"a@1\"\ntarget = \"b@1.0\"\n\n[[map]]\nsource = \"1\"\nrelation = \"covered\"\ntargets = [\"x\"]\n\n[[map]]\nsource = \"2\"\nrelation = \"covered\"\ntargets = [\"x\", \"y\", \"z\", \"other@1:q\"]\n\n[[map]]\nsource = \"3\"\nrelation = \"none\"\ntargets = []\nrationale = \"なし\"\n",
            ),
        ];
        load_from_memory(files.iter().map(|(p, t)| (*p, t.as_bytes()))).repo
    }

    #[test]
    fn diff_sorts_items_into_four_kinds() {
        let repo = repo();
        let index = repo.index();
        let g = |v: &str| index.guideline(&GuidelineRef::parse(v).unwrap()).unwrap();
        let d = diff(g("b@1.0"), g("b@1.1"));
        let ids = |v: &[&Item]| v.iter().map(|i| i.id.value.clone()).collect::<Vec<_>>();
        assert_eq!(d.unchanged.len(), 1);
        assert_eq!(d.unchanged[0].1.id.value, "x");
        assert_eq!(d.changed.len(), 1);
        assert_eq!(d.changed[0].0.text.as_ref().unwrap().value, "本文");
        assert_eq!(
            d.changed[0].1.text.as_ref().unwrap().value,
            "本文が変わった"
        );
        assert_eq!(ids(&d.added), ["w"]);
        assert_eq!(ids(&d.removed), ["z"]);
    }

    #[test]
    fn supersedes_follows_the_chain_and_stops() {
        let repo = repo();
        let index = repo.index();
        let g = |v: &str| index.guideline(&GuidelineRef::parse(v).unwrap()).unwrap();
        let r = |v: &str| GuidelineRef::parse(v).unwrap();
        assert!(supersedes(&index, g("b@1.1"), &r("b@1.0")));
        assert!(supersedes(&index, g("b@2.0"), &r("b@1.0")));
        assert!(!supersedes(&index, g("b@1.0"), &r("b@1.1")));
        assert!(!supersedes(&index, g("b@1.1"), &r("b@2.0")));
        assert_eq!(superseded(&index, g("b@2.0")).unwrap().key(), "b@1.1");
        assert!(superseded(&index, g("b@1.0")).is_none());
    }

    #[test]
    fn an_entry_is_carried_only_when_every_target_reads_the_same() {
        let repo = repo();
        let index = repo.index();
        let old_ref = GuidelineRef::parse("b@1.0").unwrap();
        let old = index.guideline(&old_ref).unwrap();
        let new = index
            .guideline(&GuidelineRef::parse("b@1.1").unwrap())
            .unwrap();
        let cw = &repo.crosswalks[0];
        let outcomes: Vec<Outcome> = cw
            .maps
            .iter()
            .map(|m| outcome(&target_moves(cw, m, &old_ref, old, new)))
            .collect();
        assert_eq!(outcomes[0], Outcome::Carried);
        // y changed, z is gone; the target in another guideline is not ours.
        assert_eq!(
            outcomes[1],
            Outcome::Review {
                changed: vec!["y".into()],
                missing: vec!["z".into()],
            }
        );
        // No targets, nothing to review.
        assert_eq!(outcomes[2], Outcome::Carried);
    }
}
