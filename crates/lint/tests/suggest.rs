//! Mapping suggestions against the example repositories.

use sc3_lint::Context;
use sc3_lint::suggest::{self, Folder};

/// Loads `tests/fixtures/<name>` (with its base) from disk.
fn load(name: &str) -> sc3_model::Repository {
    let dir = tempfile::tempdir().unwrap();
    sc3_fixtures::copy(name, dir.path());
    sc3_model::load(dir.path()).unwrap().repo
}

#[test]
fn unmapped_items_get_their_real_targets_first() {
    let repo = load("suggest");
    let cx = Context::new(&repo);
    let cw = &repo.crosswalks[0];
    let (Some(source), Some(target)) = cx.sides(cw) else {
        panic!("sides resolve")
    };
    let gl: Vec<_> = repo.glossaries.iter().collect();
    let out = suggest::suggest(cw, source, target, &cx.in_scope(cw, source), &gl, 5);
    // Item 3 has an entry and item 4 is out of scope (LV2): only 1 and 2 remain.
    let firsts: Vec<(&str, &str)> = out
        .iter()
        .map(|s| (s.source.as_str(), s.candidates[0].target.as_str()))
        .collect();
    assert_eq!(firsts, [("1", "kitei-1"), ("2", "kitei-3")]);
    assert_eq!(out[1].candidates[0].shared, ["情報", "重要"]);
}

#[test]
fn leave_one_out_finds_both_hidden_targets() {
    let repo = load("examples");
    let cx = Context::new(&repo);
    let cw = &repo.crosswalks[0];
    let (Some(source), Some(target)) = cx.sides(cw) else {
        panic!("sides resolve")
    };
    let ev = suggest::evaluate(cw, source, target, &[]);
    // Entries 1 and 2 have targets; entry 3 maps to nothing and is not counted.
    assert_eq!(ev.entries, 2);
    assert_eq!(ev.recall_at_5, 1.0);
    assert_eq!(ev.precision_at_1, 1.0);
    // No target is used by two entries, so the other entries teach nothing:
    // both were found from the catalog's own text.
    assert_eq!(ev.learnable, 0.0);
}

#[test]
fn glossary_variants_fold_to_their_preferred_term() {
    let repo = load("examples");
    let gl: Vec<_> = repo.glossaries.iter().collect();
    let f = Folder::new(&gl);
    assert_eq!(f.fold("取組みと取組"), "取り組みと取り組み");
    // A variant inside its preferred term is not rewritten again.
    assert_eq!(f.fold("サーバーとサーバ"), "サーバーとサーバー");
    // Width and case are folded too.
    assert_eq!(f.fold("ＵＳＢ"), "usb");
    assert_eq!(Folder::new(&[]).fold("取組"), "取組");
}
