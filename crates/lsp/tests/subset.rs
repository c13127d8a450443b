//! The per-edit check gives each file the findings the whole lint gives it:
//! `subset::deps` names every file a file's findings depend on.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use sc3_lsp::workspace::Workspace;
use sc3_model::{Diagnostic, FileId};

fn key(d: &Diagnostic) -> (String, Option<(usize, usize)>, String) {
    (
        d.code.to_owned(),
        d.span.as_ref().map(|s| (s.start, s.end)),
        d.message.clone(),
    )
}

fn same_findings(root: &Path) {
    let mut ws = Workspace::load(root).expect("the repository loads");
    let whole: HashMap<FileId, Vec<Diagnostic>> = ws.initial().into_iter().collect();
    let mut compared = 0;
    for i in 0..ws.repo.files.len() {
        let id = FileId(i);
        let mut fast: Vec<_> = ws.check(id).iter().map(key).collect();
        let mut all: Vec<_> = whole.get(&id).into_iter().flatten().map(key).collect();
        fast.sort();
        all.sort();
        assert_eq!(fast, all, "{}", ws.repo.file(id).path);
        compared += all.len();
    }
    assert!(
        compared > 0,
        "{}: the comparison saw findings",
        root.display()
    );
}

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn this_repository() {
    same_findings(&repo_root());
}

#[test]
fn the_design_examples_with_a_defect_of_each_kind() {
    let dir = tempfile::tempdir().unwrap();
    sc3_fixtures::copy("examples-defects", dir.path());
    same_findings(dir.path());
}
