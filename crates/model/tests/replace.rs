//! `replace_file`: one file read again from a buffer, the rest untouched.

use std::path::Path;

use sc3_model::load::replace_file;

fn small() -> sc3_model::Repository {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/small");
    sc3_model::load(&root).expect("the fixture loads").repo
}

#[test]
fn a_catalog_read_again_replaces_its_items_and_keeps_its_id() {
    let mut repo = small();
    let g = repo.guidelines.first().expect("a catalog").clone();
    let path = repo.file(g.file).path.clone();
    let text = repo.file(g.file).text.clone();
    let first = &g.items[0].id.value;
    let edited = text.replacen(&format!("id = \"{first}\""), "id = \"renamed-1\"", 1);
    assert_ne!(edited, text, "the item id is written as expected");
    let files = repo.files.len();
    let found = replace_file(&mut repo, &path, edited.as_bytes()).expect("a content file");
    assert!(found.is_empty(), "{found:?}");
    assert_eq!(repo.files.len(), files);
    let again: Vec<_> = repo
        .guidelines
        .iter()
        .filter(|x| x.file == g.file)
        .collect();
    assert_eq!(again.len(), 1);
    assert!(again[0].item("renamed-1").is_some());
    assert!(again[0].item(first).is_none());
    assert_eq!(repo.file(g.file).text, edited);
}

#[test]
fn half_typed_toml_is_a_syntax_finding_and_the_old_document_is_gone() {
    let mut repo = small();
    let cw = repo.crosswalks.first().expect("a crosswalk").clone();
    let path = repo.file(cw.file).path.clone();
    let mut text = repo.file(cw.file).text.clone();
    text.push_str("\n[[map]]\nsource = \"x\ntargets = [\"");
    let found = replace_file(&mut repo, &path, text.as_bytes()).expect("a content file");
    assert!(
        found
            .iter()
            .any(|d| d.code == "L002" && d.file == Some(cw.file)),
        "{found:?}"
    );
    assert!(repo.crosswalks.iter().filter(|c| c.file == cw.file).count() <= 1);
}

#[test]
fn new_files_are_added_and_other_files_are_refused() {
    let mut repo = small();
    let n = repo.files.len();
    let found = replace_file(&mut repo, "book/src/new.md", "# 新しい章\n".as_bytes());
    assert_eq!(found.map(|f| f.len()), Some(0));
    assert_eq!(repo.files.len(), n + 1);
    assert!(repo.markdown.contains(&sc3_model::FileId(n)));
    assert!(replace_file(&mut repo, "lint.toml", b"").is_none());
    assert!(replace_file(&mut repo, "src/main.rs", b"").is_none());
    assert!(replace_file(&mut repo, "book/.hidden/x.md", b"").is_none());
    assert_eq!(repo.files.len(), n + 1);
}
