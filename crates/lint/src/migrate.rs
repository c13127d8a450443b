//! Moving a crosswalk to a new version of its target catalog.
//!
//! The new crosswalk is the old file with `target` (and `status`) rewritten and
//! its `[[reviewed]]` block rebuilt; every entry keeps its bytes. Items whose
//! title and text are the same in both versions are stamped as they are now, so
//! their entries carry forward silently. Items that changed are stamped with
//! the old version's text under the new reference, so lint rule M008 shows
//! each affected entry with the old and new text side by side until someone
//! reviews it and runs `crosswalk confirm`. Items the new version lacks are
//! unknown references (R003).

use std::collections::BTreeMap;

use sc3_model::prh_convert::toml_string;
use sc3_model::{Crosswalk, Guideline, GuidelineRef, Item, ItemRef};

use crate::Context;
use crate::review::{render, replace};

/// What became of one entry.
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

/// The result of a migration, for the command line to write and print.
#[derive(Clone, Debug)]
pub struct Migration {
    /// The new crosswalk's path, `mappings/<source>--<new target>.toml`.
    pub path: String,
    pub text: String,
    /// Entry source id and its outcome, in file order.
    pub entries: Vec<(String, Outcome)>,
}

fn same(a: &Item, b: &Item) -> bool {
    a.title.value == b.title.value
        && a.text.as_ref().map(|t| &t.value) == b.text.as_ref().map(|t| &t.value)
}

/// `current` as it read when `cw` was last confirmed, if it was: a review
/// still pending on the old version stays pending on the new one.
fn as_reviewed(cw: &Crosswalk, key: &str, current: &Item) -> Item {
    let mut it = current.clone();
    if let Some(r) = cw.reviewed.iter().find(|r| r.item.value == key) {
        it.title = r.title.clone();
        it.text = r.text.clone();
    }
    it
}

/// Whether `new` supersedes `old`, directly or through intermediate versions.
fn supersedes(cx: &Context<'_>, new: &Guideline, old: &GuidelineRef) -> bool {
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
        match cx.index.guideline(&r) {
            Some(g) => at = g,
            None => return false,
        }
    }
    false
}

/// Moves `cw` onto `to`, which must supersede its current target.
pub fn migrate(cx: &Context<'_>, cw: &Crosswalk, to: &GuidelineRef) -> Result<Migration, String> {
    let old_ref = GuidelineRef::parse(&cw.target.value).map_err(|e| e.to_string())?;
    let old = cx
        .index
        .guideline(&old_ref)
        .ok_or_else(|| format!("{old_ref} がリポジトリにありません"))?;
    let new = cx
        .index
        .guideline(to)
        .ok_or_else(|| format!("{to} がリポジトリにありません"))?;
    if !supersedes(cx, new, &old_ref) {
        return Err(format!(
            "{to} は {old_ref} の新しい版として書かれていません（[guideline] の supersedes = \"{old_ref}\" が必要です）"
        ));
    }
    let mut stamps: BTreeMap<String, Item> = BTreeMap::new();
    let mut entries = Vec::new();
    for m in &cw.maps {
        if let Some(s) = cx.entry_source(cw, m)
            && let Some(it) = cx.index.item(&s)
        {
            let key = s.to_string();
            stamps.insert(key.clone(), as_reviewed(cw, &key, it));
        }
        let (mut changed, mut missing) = (Vec::new(), Vec::new());
        for t in &m.targets {
            let Ok(r) = ItemRef::parse_in(&t.value, &old_ref) else {
                continue;
            };
            if r.guideline != old_ref {
                continue;
            }
            let Some(before) = old.item(&r.item).cloned() else {
                continue;
            };
            let before = as_reviewed(cw, &r.to_string(), &before);
            let key = format!("{to}:{}", r.item);
            match new.item(&r.item) {
                None => missing.push(r.item.clone()),
                Some(after) => {
                    if !same(&before, after) {
                        changed.push(r.item.clone());
                    }
                    // Stamp what was reviewed: the old text. Unchanged items
                    // match the new version, changed ones will be reported.
                    stamps.insert(key, before);
                }
            }
        }
        let outcome = if changed.is_empty() && missing.is_empty() {
            Outcome::Carried
        } else {
            Outcome::Review { changed, missing }
        };
        entries.push((m.source.value.clone(), outcome));
    }

    let file = cx.repo.file(cw.file);
    let mut text = file.text.clone();
    // Rewrite from the end so earlier spans stay valid.
    let mut edits = vec![(cw.target.span.clone(), toml_string(&to.to_string()))];
    let needs_review = entries.iter().any(|(_, o)| *o != Outcome::Carried);
    if let Some(st) = &cw.status
        && needs_review
    {
        edits.push((st.span.clone(), toml_string("draft")));
    }
    edits.sort_by_key(|(span, _)| std::cmp::Reverse(span.start));
    for (span, with) in edits {
        text.replace_range(span, &with);
    }
    let block = render(stamps);
    let source = &cw.source.value;
    Ok(Migration {
        path: format!("mappings/{source}--{to}.toml"),
        text: replace(&text, &block),
        entries,
    })
}
