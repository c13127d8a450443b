//! `[[reviewed]]` stamps: what `cargo xtask crosswalk confirm` writes at the end
//! of a crosswalk so that [`M008`](crate::rules::stale_mapping) can tell when an
//! item the entries rely on changes. Pure text in, text out.

use std::collections::BTreeMap;

use sc3_model::prh_convert::toml_string;
use sc3_model::{Crosswalk, Item};

use crate::Context;

/// The comment that opens the tool-written block; everything from it to the
/// end of the file belongs to the tool.
pub const MARKER: &str = "# cargo xtask crosswalk confirm が書いた、突合を確認したときの項目の内容です。手で直さないでください。";

/// The `[[reviewed]]` block for every item the crosswalk's entries use (their
/// sources and targets) as it reads now, sorted by reference.
pub fn block(cx: &Context<'_>, cw: &Crosswalk) -> String {
    let mut items = BTreeMap::new();
    for m in &cw.maps {
        let refs = cx
            .entry_source(cw, m)
            .into_iter()
            .chain(m.targets.iter().filter_map(|t| cx.entry_target(cw, t)));
        for r in refs {
            if let Some(it) = cx.index.item(&r) {
                items.insert(r.to_string(), it);
            }
        }
    }
    render(items.into_iter().map(|(k, it)| (k, it.clone())))
}

/// The block for (reference, item as reviewed) pairs, in the order given.
pub fn render(items: impl IntoIterator<Item = (String, Item)>) -> String {
    let mut out = format!("{MARKER}\n");
    for (key, it) in items {
        out.push_str(&format!(
            "\n[[reviewed]]\nitem = {}\ntitle = {}\n",
            toml_string(&key),
            toml_string(&it.title.value)
        ));
        if let Some(t) = &it.text {
            out.push_str(&format!("text = {}\n", toml_string(&t.value)));
        }
    }
    out
}

/// `original` with its tool-written block (from [`MARKER`], or from the first
/// `[[reviewed]]` if the marker was deleted) replaced by `block`.
pub fn replace(original: &str, block: &str) -> String {
    let cut = original
        .find(MARKER)
        .or_else(|| {
            let mut at = 0;
            for line in original.split_inclusive('\n') {
                if line.trim() == "[[reviewed]]" {
                    return Some(at);
                }
                at += line.len();
            }
            None
        })
        .unwrap_or(original.len());
    let head = original[..cut].trim_end();
    format!("{head}\n\n{block}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replace_keeps_the_entries_and_swaps_the_block() {
        let old = format!(
            "[[map]]\nsource = \"1\"\n\n{MARKER}\n\n[[reviewed]]\nitem = \"a@1:x\"\ntitle = \"old\"\n"
        );
        let new = replace(
            &old,
            &format!("{MARKER}\n\n[[reviewed]]\nitem = \"a@1:x\"\ntitle = \"new\"\n"),
        );
        assert_eq!(
            new,
            format!(
                "[[map]]\nsource = \"1\"\n\n{MARKER}\n\n[[reviewed]]\nitem = \"a@1:x\"\ntitle = \"new\"\n"
            )
        );
        // Without a marker, the block starts at the first [[reviewed]].
        let bare = "[[map]]\nsource = \"1\"\n[[reviewed]]\nitem = \"a@1:x\"\ntitle = \"old\"\n";
        assert_eq!(replace(bare, "B\n"), "[[map]]\nsource = \"1\"\n\nB\n");
        // A file never confirmed gets the block appended.
        assert_eq!(replace("[[map]]\n", "B\n"), "[[map]]\n\nB\n");
    }
}
