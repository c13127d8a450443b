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
use sc3_model::versions::{as_reviewed, outcome, supersedes, target_moves};
use sc3_model::{Crosswalk, GuidelineRef, Item};

pub use sc3_model::versions::Outcome;

use crate::Context;
use crate::review::{render, replace};

/// The result of a migration, for the command line to write and print.
#[derive(Clone, Debug)]
pub struct Migration {
    /// The new crosswalk's path, `mappings/<source>--<new target>.toml`.
    pub path: String,
    pub text: String,
    /// Entry source id and its outcome, in file order.
    pub entries: Vec<(String, Outcome)>,
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
    if !supersedes(&cx.index, new, &old_ref) {
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
        let moves = target_moves(cw, m, &old_ref, old, new);
        for mv in &moves {
            // Stamp what was reviewed: the old text. Unchanged items match
            // the new version, changed ones will be reported (M008).
            if mv.after.is_some() {
                stamps.insert(format!("{to}:{}", mv.item), mv.before.clone());
            }
        }
        entries.push((m.source.value.clone(), outcome(&moves)));
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
