//! Inferred mappings through a pivot: where crosswalks A→P and P→B exist (or
//! one of them can be read backwards), A's items reach B's items through P's.
//!
//! A chain is only as strong as its weakest link: covered∘covered = covered,
//! anything with partial is partial, and none breaks the chain. The NIST IR
//! 8477 relation composes conservatively ([`compose_strm`]).
//!
//! How this module reads a crosswalk entry: `source = a`, `targets = T`,
//! `strm = s` says "the target items T, together, are `s` the requirement a"
//! (covered: `superset-of`, T meets all of a; partial: `subset-of`, T meets
//! part of a). An entry without `strm` is read as the weakest relation its
//! `relation` allows (covered → superset-of, partial → intersects-with), as
//! the OSCAL export does.
//!
//! Reading an entry backwards ([`invert`]) asks the other question: how much
//! of one target t does the requirement a meet? "T meets all of a" says
//! nothing of the kind: a may be a small part of t. So:
//!
//! | forward strm (T s a) | one target: a … t | several targets: a … t |
//! | --- | --- | --- |
//! | equal-to / equivalent-to | the same (covered) | superset-of (covered): a = ∪T ⊇ t |
//! | superset-of | subset-of (partial): a ⊆ t | intersects-with (partial) |
//! | subset-of | superset-of (covered): t ⊆ ∪T ⊆ a | superset-of (covered) |
//! | intersects-with | intersects-with (partial) | intersects-with (partial) |
//!
//! So a backwards `covered` needs an equal/equivalent or a `subset-of`
//! forward entry: a forward `covered` with `superset-of` (the usual case)
//! becomes `partial` backwards.
//!
//! Pure functions of the loaded repository; the handbook shows the result,
//! always labelled as inferred (推定), never as reviewed.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Crosswalk, GuidelineRef, ItemRef, Relation, Repository, Strm};

/// The relation assumed when an entry gives none: the weakest its `relation`
/// allows.
pub fn default_strm(r: Relation) -> Strm {
    match r {
        Relation::Covered => Strm::SupersetOf,
        Relation::Partial => Strm::IntersectsWith,
        // A citation asserts no set relationship (and citation crosswalks
        // are never legs: see [`legs`]).
        Relation::None | Relation::Cited | Relation::NotCited => Strm::NoRelationship,
    }
}

/// An entry's strm, or the default for its relation when it has none or one
/// that contradicts it (M005 reports that).
pub fn effective_strm(r: Relation, s: Option<Strm>) -> Strm {
    match s {
        Some(s) if s.relation() == r => s,
        _ => default_strm(r),
    }
}

/// The weaker of two relations (covered > partial > none).
pub fn weakest(a: Relation, b: Relation) -> Relation {
    a.max(b)
}

/// Two set relations in a row: if X is `b` Y and Y is `a` Z, X is
/// `compose_strm(a, b)` Z. Equal (and equivalent) is the identity, subset of
/// subset is subset, superset of superset is superset; anything else may be
/// only an intersection. No relationship anywhere stays no relationship.
pub fn compose_strm(a: Strm, b: Strm) -> Strm {
    use Strm::*;
    match (a, b) {
        (NoRelationship, _) | (_, NoRelationship) => NoRelationship,
        (EqualTo, x) | (x, EqualTo) => x,
        (EquivalentTo, x) | (x, EquivalentTo) => x,
        (SubsetOf, SubsetOf) => SubsetOf,
        (SupersetOf, SupersetOf) => SupersetOf,
        _ => IntersectsWith,
    }
}

/// One target of an entry read backwards (see the module's table): how the
/// entry's source relates to that target, when the entry has `targets`
/// targets. `None` for `none` entries, which link nothing.
pub fn invert(r: Relation, s: Option<Strm>, targets: usize) -> Option<(Relation, Strm)> {
    use Strm::*;
    let back = match effective_strm(r, s) {
        NoRelationship => return None,
        x @ (EqualTo | EquivalentTo) if targets <= 1 => x,
        EqualTo | EquivalentTo => SupersetOf,
        SupersetOf if targets <= 1 => SubsetOf,
        SupersetOf => IntersectsWith,
        SubsetOf => SupersetOf,
        IntersectsWith => IntersectsWith,
    };
    Some((back.relation(), back))
}

/// Several links from one item, taken together (the union of their targets):
/// covered if any one covers it; subset-of if every one is a subset;
/// otherwise an intersection.
pub fn union(links: &[(Relation, Strm)]) -> Option<(Relation, Strm)> {
    match links {
        [] => None,
        [one] => Some(*one),
        _ if links.iter().any(|l| l.0 == Relation::Covered) => {
            Some((Relation::Covered, Strm::SupersetOf))
        }
        _ if links.iter().all(|l| l.1 == Strm::SubsetOf) => {
            Some((Relation::Partial, Strm::SubsetOf))
        }
        _ => Some((Relation::Partial, Strm::IntersectsWith)),
    }
}

/// One direction of a crosswalk: its entries as links between items.
#[derive(Clone, Debug)]
pub struct Leg {
    pub from: GuidelineRef,
    pub to: GuidelineRef,
    /// The crosswalk's `source--target`.
    pub crosswalk: String,
    /// Read backwards (from the crosswalk's target to its source).
    pub inverted: bool,
    /// From item id → the links that start there.
    pub links: BTreeMap<String, Vec<Link>>,
}

/// A `from` item reaching `to` items (together) with a relation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub to: Vec<String>,
    pub relation: Relation,
    pub strm: Strm,
}

/// The two legs of a crosswalk: as written, and backwards. A citation
/// crosswalk has none: that a publisher cites an item says nothing of how
/// much of it is met, so nothing is inferred from it.
pub fn legs(cw: &Crosswalk) -> Option<[Leg; 2]> {
    if !cw.is_judgment() {
        return None;
    }
    let src = GuidelineRef::parse(&cw.source.value).ok()?;
    let tgt = GuidelineRef::parse(&cw.target.value).ok()?;
    let mut fwd = Leg {
        from: src.clone(),
        to: tgt.clone(),
        crosswalk: cw.key(),
        inverted: false,
        links: BTreeMap::new(),
    };
    let mut back = Leg {
        from: tgt.clone(),
        to: src.clone(),
        crosswalk: cw.key(),
        inverted: true,
        links: BTreeMap::new(),
    };
    for m in &cw.maps {
        let (Some(rel), Ok(a)) = (&m.relation, ItemRef::parse_in(&m.source.value, &src)) else {
            continue;
        };
        if a.guideline != src {
            continue;
        }
        let targets: Vec<String> = m
            .targets
            .iter()
            .filter_map(|t| ItemRef::parse_in(&t.value, &tgt).ok())
            .filter(|r| r.guideline == tgt)
            .map(|r| r.item)
            .collect();
        let strm = m.strm.as_ref().map(|s| s.value);
        fwd.links.entry(a.item.clone()).or_default().push(Link {
            to: targets.clone(),
            relation: rel.value,
            strm: effective_strm(rel.value, strm),
        });
        if let Some((r, s)) = invert(rel.value, strm, targets.len()) {
            for t in targets {
                back.links.entry(t).or_default().push(Link {
                    to: vec![a.item.clone()],
                    relation: r,
                    strm: s,
                });
            }
        }
    }
    Some([fwd, back])
}

/// The second half of a chain at one pivot item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hop {
    pub pivot: String,
    pub to: Vec<String>,
    pub relation: Relation,
    pub strm: Strm,
}

/// One inferred mapping: a source item, through pivot items, to target items.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chain {
    pub source: String,
    /// The first link: the source item to its pivot items (together).
    pub first: Link,
    /// For each pivot item the chain continues from, the second link.
    pub hops: Vec<Hop>,
    /// Pivot items of the first link the second leg does not continue from
    /// (no entry, or `none`): the chain reaches only part of the way.
    pub broken: Vec<String>,
    /// The inferred relation and strm, and the target items reached.
    pub relation: Relation,
    pub strm: Strm,
    pub targets: Vec<String>,
}

impl Chain {
    /// Where the chain is weakest: `None` for the first link, the pivot item
    /// for a hop. Empty when every link is covered.
    pub fn weakest_links(&self) -> Vec<Option<&str>> {
        if self.relation == Relation::Covered {
            return Vec::new();
        }
        let mut v = Vec::new();
        if self.first.relation == self.relation {
            v.push(None);
        }
        v.extend(
            self.hops
                .iter()
                .filter(|h| h.relation == self.relation)
                .map(|h| Some(h.pivot.as_str())),
        );
        v
    }
}

/// Composes `first` (a link from `source`) with the second leg.
pub fn chain(source: &str, first: &Link, second: &Leg) -> Option<Chain> {
    if first.relation == Relation::None {
        return None;
    }
    let mut hops = Vec::new();
    let mut broken = Vec::new();
    for p in &first.to {
        let links: Vec<&Link> = second
            .links
            .get(p)
            .into_iter()
            .flatten()
            .filter(|l| l.relation != Relation::None && !l.to.is_empty())
            .collect();
        let pairs: Vec<(Relation, Strm)> = links.iter().map(|l| (l.relation, l.strm)).collect();
        match union(&pairs) {
            None => broken.push(p.clone()),
            Some((relation, strm)) => {
                let to: BTreeSet<&String> = links.iter().flat_map(|l| &l.to).collect();
                hops.push(Hop {
                    pivot: p.clone(),
                    to: to.into_iter().cloned().collect(),
                    relation,
                    strm,
                });
            }
        }
    }
    if hops.is_empty() {
        return None;
    }
    let mut relation = first.relation;
    let mut second = hops[0].strm;
    for h in &hops {
        relation = weakest(relation, h.relation);
        second = compose_strm(second, h.strm);
    }
    if !broken.is_empty() {
        // Only part of the pivot items go on: B reaches a part of them.
        relation = weakest(relation, Relation::Partial);
        second = compose_strm(second, Strm::SubsetOf);
    }
    let mut targets: Vec<String> = hops.iter().flat_map(|h| h.to.iter().cloned()).collect();
    targets.sort_by_key(|a| natural(a));
    targets.dedup();
    Some(Chain {
        source: source.to_owned(),
        first: first.clone(),
        hops,
        broken,
        relation,
        strm: compose_strm(first.strm, second),
        targets,
    })
}

/// A sort key that puts `2` before `10` and `diag-2` before `diag-10`.
pub fn natural(s: &str) -> Vec<(String, u64)> {
    let mut out = Vec::new();
    let mut text = String::new();
    let mut num: Option<u64> = None;
    for c in s.chars() {
        match (c.to_digit(10), num) {
            (Some(d), n) => num = Some(n.unwrap_or(0).saturating_mul(10).saturating_add(d as u64)),
            (None, Some(n)) => {
                out.push((std::mem::take(&mut text), n));
                num = None;
                text.push(c);
            }
            (None, None) => text.push(c),
        }
    }
    out.push((text, num.unwrap_or(0)));
    out
}

/// Every inferred mapping from `source` to `target` through `pivot`.
#[derive(Clone, Debug)]
pub struct Pair {
    pub source: GuidelineRef,
    pub pivot: GuidelineRef,
    pub target: GuidelineRef,
    /// The two legs' crosswalks (`source--target`) and whether each is read
    /// backwards.
    pub first: (String, bool),
    pub second: (String, bool),
    /// In the source catalog's order of item ids (natural), then by pivot.
    pub chains: Vec<Chain>,
}

/// Every pair of guidelines with no crosswalk of their own that a pivot
/// connects: chains A→P→B where each leg is a crosswalk read as written or
/// backwards (never both backwards: that is only a written chain reversed),
/// A, P and B are three different guidelines (by id, so two versions of one
/// guideline are never paired), sorted by (A, B, P).
///
/// B is always a reference: a guideline some crosswalk is written onto (the
/// SME guideline, ★, ISO). Industry catalogs that are only ever mapped from
/// are not targets: with N industries mapped onto one base, pairing each with
/// each would give N × (N − 1) pages nobody asked for, where the useful
/// question is how an industry's requirements reach a reference.
pub fn pairs(repo: &Repository) -> Vec<Pair> {
    let legs: Vec<Leg> = repo.crosswalks.iter().filter_map(legs).flatten().collect();
    let direct: BTreeSet<(GuidelineRef, GuidelineRef)> = legs
        .iter()
        .map(|l| (l.from.clone(), l.to.clone()))
        .collect();
    let references: BTreeSet<&GuidelineRef> =
        legs.iter().filter(|l| !l.inverted).map(|l| &l.to).collect();
    let mut out = Vec::new();
    for a in &legs {
        for b in &legs {
            if a.to != b.from
                || !references.contains(&b.to)
                || (a.inverted && b.inverted)
                || a.from.id == b.to.id
                || a.from.id == a.to.id
                || b.from.id == b.to.id
                || direct.contains(&(a.from.clone(), b.to.clone()))
            {
                continue;
            }
            let mut chains: Vec<Chain> = a
                .links
                .iter()
                .flat_map(|(src, links)| links.iter().filter_map(|l| chain(src, l, b)))
                .collect();
            if chains.is_empty() {
                continue;
            }
            chains.sort_by(|x, y| {
                (
                    natural(&x.source),
                    x.first.to.iter().map(|p| natural(p)).collect::<Vec<_>>(),
                )
                    .cmp(&(
                        natural(&y.source),
                        y.first.to.iter().map(|p| natural(p)).collect(),
                    ))
            });
            out.push(Pair {
                source: a.from.clone(),
                pivot: a.to.clone(),
                target: b.to.clone(),
                first: (a.crosswalk.clone(), a.inverted),
                second: (b.crosswalk.clone(), b.inverted),
                chains,
            });
        }
    }
    out.sort_by(|x, y| {
        (&x.source, &x.target, &x.pivot, &x.first, &x.second)
            .cmp(&(&y.source, &y.target, &y.pivot, &y.first, &y.second))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Relation::{Covered, None as NoneRel, Partial};
    use Strm::*;

    #[test]
    fn strm_composition_is_conservative() {
        assert_eq!(compose_strm(EqualTo, SubsetOf), SubsetOf);
        assert_eq!(compose_strm(SupersetOf, EqualTo), SupersetOf);
        assert_eq!(compose_strm(EquivalentTo, EqualTo), EquivalentTo);
        assert_eq!(compose_strm(SubsetOf, SubsetOf), SubsetOf);
        assert_eq!(compose_strm(SupersetOf, SupersetOf), SupersetOf);
        assert_eq!(compose_strm(SubsetOf, SupersetOf), IntersectsWith);
        assert_eq!(compose_strm(SupersetOf, SubsetOf), IntersectsWith);
        assert_eq!(compose_strm(IntersectsWith, EqualTo), IntersectsWith);
        assert_eq!(compose_strm(IntersectsWith, SupersetOf), IntersectsWith);
        assert_eq!(compose_strm(EqualTo, NoRelationship), NoRelationship);
        // The composed strm always agrees with the weakest relation.
        let all = [EqualTo, EquivalentTo, SubsetOf, SupersetOf, IntersectsWith];
        for a in all {
            for b in all {
                assert_eq!(
                    compose_strm(a, b).relation(),
                    weakest(a.relation(), b.relation()),
                    "{a:?}∘{b:?}"
                );
            }
        }
    }

    #[test]
    fn weakest_link_decides() {
        assert_eq!(weakest(Covered, Covered), Covered);
        assert_eq!(weakest(Covered, Partial), Partial);
        assert_eq!(weakest(Partial, Covered), Partial);
        assert_eq!(weakest(Partial, NoneRel), NoneRel);
    }

    #[test]
    fn reading_backwards_swaps_subset_and_superset() {
        // "kitei-1 ⊇ requirement" says nothing of how much of kitei-1 the
        // requirement meets: only part of it.
        assert_eq!(
            invert(Covered, Some(SupersetOf), 1),
            Some((Partial, SubsetOf))
        );
        assert_eq!(
            invert(Covered, Some(SupersetOf), 3),
            Some((Partial, IntersectsWith))
        );
        // "the targets are part of the requirement": the requirement meets each.
        assert_eq!(
            invert(Partial, Some(SubsetOf), 1),
            Some((Covered, SupersetOf))
        );
        assert_eq!(
            invert(Partial, Some(SubsetOf), 2),
            Some((Covered, SupersetOf))
        );
        assert_eq!(invert(Covered, Some(EqualTo), 1), Some((Covered, EqualTo)));
        assert_eq!(
            invert(Covered, Some(EquivalentTo), 2),
            Some((Covered, SupersetOf))
        );
        assert_eq!(
            invert(Partial, Some(IntersectsWith), 1),
            Some((Partial, IntersectsWith))
        );
        // No strm: the weakest reading of the relation.
        assert_eq!(invert(Covered, None, 1), Some((Partial, SubsetOf)));
        assert_eq!(invert(Partial, None, 1), Some((Partial, IntersectsWith)));
        // A strm contradicting the relation is not trusted.
        assert_eq!(
            invert(Partial, Some(EqualTo), 1),
            Some((Partial, IntersectsWith))
        );
        assert_eq!(invert(NoneRel, None, 0), None);
        // Read backwards twice, equal stays equal and subset/superset come back
        // only as far as the weaker reading allows.
        let (r, s) = invert(Covered, Some(EqualTo), 1).unwrap();
        assert_eq!(invert(r, Some(s), 1), Some((Covered, EqualTo)));
    }

    fn leg(links: &[(&str, Link)]) -> Leg {
        let mut map: BTreeMap<String, Vec<Link>> = BTreeMap::new();
        for (from, l) in links {
            map.entry((*from).into()).or_default().push(l.clone());
        }
        Leg {
            from: GuidelineRef::parse("p@1").unwrap(),
            to: GuidelineRef::parse("b@1").unwrap(),
            crosswalk: "p@1--b@1".into(),
            inverted: false,
            links: map,
        }
    }

    fn link(to: &[&str], relation: Relation, strm: Strm) -> Link {
        Link {
            to: to.iter().map(|s| s.to_string()).collect(),
            relation,
            strm,
        }
    }

    #[test]
    fn a_chain_is_as_strong_as_its_weakest_link() {
        let second = leg(&[
            ("p1", link(&["b1"], Covered, SupersetOf)),
            ("p2", link(&["b2", "b1"], Partial, SubsetOf)),
            ("p3", link(&[], NoneRel, NoRelationship)),
        ]);
        // covered ∘ covered = covered, superset ∘ superset = superset.
        let c = chain("a", &link(&["p1"], Covered, SupersetOf), &second).unwrap();
        assert_eq!((c.relation, c.strm), (Covered, SupersetOf));
        assert_eq!(c.targets, ["b1"]);
        assert!(c.weakest_links().is_empty());
        // covered ∘ partial = partial; superset ∘ subset = intersects.
        let c = chain("a", &link(&["p2"], Covered, SupersetOf), &second).unwrap();
        assert_eq!((c.relation, c.strm), (Partial, IntersectsWith));
        assert_eq!(c.weakest_links(), [Some("p2")]);
        // equal ∘ subset = subset.
        let c = chain("a", &link(&["p2"], Covered, EqualTo), &second).unwrap();
        assert_eq!((c.relation, c.strm), (Partial, SubsetOf));
        // partial first: the first link is the weakest.
        let c = chain("a", &link(&["p1"], Partial, SubsetOf), &second).unwrap();
        assert_eq!((c.relation, c.strm), (Partial, IntersectsWith));
        assert_eq!(c.weakest_links(), [None]);
        // none breaks the chain: through p3 alone nothing is inferred.
        assert!(chain("a", &link(&["p3"], Covered, EqualTo), &second).is_none());
        assert!(chain("a", &link(&["p1"], NoneRel, NoRelationship), &second).is_none());
        assert!(chain("a", &link(&["nowhere"], Covered, EqualTo), &second).is_none());
        // Two pivots together, one of them a dead end: only partial, and the
        // dead end is listed.
        // (b1 ⊇ p1, but p1 is only part of a: b1 and a merely intersect.)
        let c = chain("a", &link(&["p1", "p3"], Covered, EqualTo), &second).unwrap();
        assert_eq!((c.relation, c.strm), (Partial, IntersectsWith));
        assert_eq!(c.broken, ["p3"]);
        assert_eq!(c.targets, ["b1"]);
        // Two pivots that both go on: targets are their union, sorted.
        let c = chain("a", &link(&["p2", "p1"], Covered, EqualTo), &second).unwrap();
        assert_eq!(c.targets, ["b1", "b2"]);
        assert_eq!(c.relation, Partial);
    }

    #[test]
    fn several_links_from_one_item_are_taken_together() {
        assert_eq!(
            union(&[(Partial, IntersectsWith), (Covered, EqualTo)]),
            Some((Covered, SupersetOf))
        );
        assert_eq!(
            union(&[(Partial, SubsetOf), (Partial, SubsetOf)]),
            Some((Partial, SubsetOf))
        );
        assert_eq!(
            union(&[(Partial, SubsetOf), (Partial, IntersectsWith)]),
            Some((Partial, IntersectsWith))
        );
        assert_eq!(union(&[(Covered, EqualTo)]), Some((Covered, EqualTo)));
        assert_eq!(union(&[]), None);
    }

    #[test]
    fn natural_order_of_ids() {
        let mut v = vec!["diag-10", "diag-2", "10", "9", "1-2-1-10", "1-2-1-9"];
        v.sort_by_key(|s| natural(s));
        assert_eq!(v, ["1-2-1-9", "1-2-1-10", "9", "10", "diag-2", "diag-10"]);
    }

    #[test]
    fn pairs_through_a_pivot_read_one_leg_backwards() {
        let files = [
            (
                "mappings/m@1--s@1.toml",
                "[crosswalk]\nsource = \"m@1\"\ntarget = \"s@1\"\n\n[[map]]\nsource = \"1\"\nrelation = \"partial\"\ntargets = [\"k1\"]\nstrm = \"subset-of\"\nrationale = \"一部\"\n\n[[map]]\nsource = \"2\"\nrelation = \"covered\"\ntargets = [\"k2\"]\nstrm = \"superset-of\"\n\n[[map]]\nsource = \"3\"\nrelation = \"none\"\ntargets = []\nrationale = \"なし\"\n",
            ),
            (
                "mappings/m@1--j@1.toml",
                "[crosswalk]\nsource = \"m@1\"\ntarget = \"j@1\"\n\n[[map]]\nsource = \"1\"\nrelation = \"covered\"\ntargets = [\"9\"]\nstrm = \"equal-to\"\n\n[[map]]\nsource = \"2\"\nrelation = \"covered\"\ntargets = [\"9\", \"10\"]\nstrm = \"superset-of\"\n\n[[map]]\nsource = \"3\"\nrelation = \"covered\"\ntargets = [\"11\"]\nstrm = \"equal-to\"\n",
            ),
        ];
        let repo = crate::load_from_memory(files.iter().map(|(p, t)| (*p, t.as_bytes()))).repo;
        let pairs = pairs(&repo);
        let names: Vec<String> = pairs
            .iter()
            .map(|p| format!("{}→{}→{}", p.source, p.pivot, p.target))
            .collect();
        assert_eq!(names, ["j@1→m@1→s@1", "s@1→m@1→j@1"]);
        let js = &pairs[0];
        assert_eq!(js.first, ("m@1--j@1".to_string(), true));
        assert_eq!(js.second, ("m@1--s@1".to_string(), false));
        let rows: Vec<String> = js
            .chains
            .iter()
            .map(|c| {
                format!(
                    "{} via {} → {} {} {}",
                    c.source,
                    c.first.to.join(","),
                    c.targets.join(","),
                    c.relation.as_str(),
                    c.strm.as_str()
                )
            })
            .collect();
        // j:9 = m:1 (equal, backwards equal) and m:1 ⊇ s:k1 (subset-of): k1 is
        // part of 9 → partial, subset-of. j:9 via m:2: backwards, m:2 meets
        // part of 9 (two targets: intersects) and k2 ⊇ m:2 → partial,
        // intersects. j:10 the same way. j:11 = m:3, which maps to nothing:
        // the chain breaks.
        assert_eq!(
            rows,
            [
                "9 via 1 → k1 partial subset-of",
                "9 via 2 → k2 partial intersects-with",
                "10 via 2 → k2 partial intersects-with",
            ]
        );
        // Backwards from s: m:1 ⊇ k1 (subset-of forwards), so m:1 meets all
        // of k1, and 9 = m:1: covered, superset-of.
        let sj = &pairs[1];
        let k1 = sj.chains.iter().find(|c| c.source == "k1").unwrap();
        assert_eq!((k1.relation, k1.strm), (Covered, SupersetOf));
        assert_eq!(k1.targets, ["9"]);
        // k2 ⊇ m:2 forwards: m:2 meets only part of k2 (subset-of), and
        // {9, 10} ⊇ m:2 → intersects-with, partial.
        let k2 = sj.chains.iter().find(|c| c.source == "k2").unwrap();
        assert_eq!((k2.relation, k2.strm), (Partial, IntersectsWith));
        assert_eq!(k2.targets, ["9", "10"]);
        assert_eq!(k2.weakest_links(), [None]);
    }

    #[test]
    fn industries_mapped_onto_one_base_are_not_paired_with_each_other() {
        let cw = |src: &str| {
            format!(
                "[crosswalk]\nsource = \"{src}@1\"\ntarget = \"base@1\"\n\n[[map]]\nsource = \"1\"\nrelation = \"covered\"\ntargets = [\"k1\"]\n"
            )
        };
        let files = [
            ("mappings/a@1--base@1.toml".to_owned(), cw("a")),
            ("mappings/b@1--base@1.toml".to_owned(), cw("b")),
            ("mappings/c@1--base@1.toml".to_owned(), cw("c")),
        ];
        let repo =
            crate::load_from_memory(files.iter().map(|(p, t)| (p.as_str(), t.as_bytes()))).repo;
        // a, b and c are only ever sources: no a→base→b and so on.
        assert!(pairs(&repo).is_empty());
    }
}
