//! `dev gen-corpus` writes a repository that lints clean, and the lint reports
//! every defect it plants, where it planted it, and nothing else.

mod common;

use std::collections::BTreeSet;
use std::path::Path;

use common::xtask;

/// (code, file, line) of every finding, and the message of each.
fn findings(root: &Path) -> (i32, Vec<(String, String, u64, String)>) {
    let (code, out, err) = xtask(&["lint", "--root", root.to_str().unwrap(), "--format", "json"]);
    let doc: serde_json::Value =
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}\n{err}"));
    let list = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (code, list)
}

fn generate(dir: &Path, industries: usize, defects: usize, mb: &str) -> String {
    let (code, out, err) = xtask(&[
        "dev",
        "gen-corpus",
        "--industries",
        &industries.to_string(),
        "--defects",
        &defects.to_string(),
        "--markdown-mb",
        mb,
        "--out",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}\n{err}");
    out
}

#[test]
fn a_corpus_without_defects_lints_clean_at_the_promised_size() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let out = generate(&dir, 4, 0, "0.5");
    assert!(out.contains("4 industries"), "{out}");
    let (code, list) = findings(&dir);
    assert_eq!(list, vec![], "a clean corpus has no findings");
    assert_eq!(code, 0);

    // Each industry has a profile, a 200-item catalog, a 100-term glossary
    // and a crosswalk with one entry per item.
    for i in 1..=4 {
        let id = format!("ind-{i:03}");
        let catalog =
            std::fs::read_to_string(dir.join(format!("guidelines/{id}/1.0.toml"))).unwrap();
        assert_eq!(catalog.matches("[[item]]").count(), 200);
        let glossary =
            std::fs::read_to_string(dir.join(format!("guidelines/glossary/{id}.toml"))).unwrap();
        assert_eq!(glossary.matches("[[term]]").count(), 100);
        let cw = std::fs::read_to_string(dir.join(format!("mappings/{id}@1.0--ipa-sme@3.1.toml")))
            .unwrap();
        assert_eq!(cw.matches("[[map]]").count(), 200);
        assert!(
            dir.join(format!("guidelines/industries/{id}.toml"))
                .is_file()
        );
    }
    let markdown: u64 = walkdir::WalkDir::new(dir.join("book/src"))
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.metadata().unwrap().len())
        .sum();
    assert!(
        (500_000..600_000).contains(&markdown),
        "about 0.5 MB of Markdown, got {markdown}"
    );

    // The same arguments give the same bytes.
    let again = tmp.path().join("again");
    generate(&again, 4, 0, "0.5");
    for rel in [
        "guidelines/ind-003/1.0.toml",
        "book/src/industries/ind-002/notes-01.md",
    ] {
        assert_eq!(
            std::fs::read(dir.join(rel)).unwrap(),
            std::fs::read(again.join(rel)).unwrap(),
            "{rel} differs between two runs"
        );
    }
}

#[test]
fn every_planted_defect_in_a_sixty_industry_corpus_is_reported_and_nothing_else() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    // 9 kinds; 180 defects is 3 per industry, so every kind is planted 20 times.
    generate(&dir, 60, 180, "2");
    let planted: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("planted.json")).unwrap()).unwrap();
    let planted = planted["planted"].as_array().unwrap();
    assert_eq!(planted.len(), 180);
    let kinds: BTreeSet<&str> = planted
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds.into_iter().collect::<Vec<_>>(),
        [
            "M001", "M003", "M004", "R001", "R003", "T001", "T002", "T008"
        ]
    );

    let (code, list) = findings(&dir);
    assert_eq!(code, 1, "the planted errors fail the lint");
    let mut unmatched: Vec<_> = list.clone();
    for p in planted {
        let (c, f, l, detail) = (
            p["code"].as_str().unwrap(),
            p["file"].as_str().unwrap(),
            p["line"].as_u64().unwrap(),
            p["detail"].as_str().unwrap(),
        );
        let at = unmatched
            .iter()
            .position(|(code, file, line, msg)| {
                code == c && file == f && *line == l && msg.contains(detail)
            })
            .unwrap_or_else(|| panic!("planted {c} at {f}:{l} ({detail}) is not reported"));
        unmatched.remove(at);
    }
    assert_eq!(unmatched, vec![], "findings that were not planted");
}

#[test]
fn too_many_defects_or_no_industries_is_a_usage_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("c");
    let (code, _, err) = xtask(&[
        "dev",
        "gen-corpus",
        "--industries",
        "2",
        "--defects",
        "19",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("at most 18 defects fit in 2 industries"),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written on a usage error");
    // The old top-level spelling still works, and says where the task went.
    let (code, _, err) = xtask(&["gen-corpus", "--industries", "0"]);
    assert_eq!(code, 2);
    assert!(err.contains("--industries must be at least 1"), "{err}");
    assert!(
        err.starts_with("note: `cargo xtask gen-corpus` is now `cargo xtask dev gen-corpus`"),
        "{err}"
    );
}

#[test]
fn a_directory_it_did_not_write_is_never_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let mine = tmp.path().join("notes");
    std::fs::create_dir_all(&mine).unwrap();
    std::fs::write(mine.join("keep.md"), "大事なメモ").unwrap();
    let (code, _, err) = xtask(&[
        "dev",
        "gen-corpus",
        "--industries",
        "1",
        "--out",
        mine.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("was not written by this command"), "{err}");
    assert_eq!(
        std::fs::read_to_string(mine.join("keep.md")).unwrap(),
        "大事なメモ"
    );
    // A corpus it wrote is replaced.
    let corpus = tmp.path().join("corpus");
    generate(&corpus, 1, 0, "0.1");
    generate(&corpus, 2, 0, "0.1");
    assert!(corpus.join("guidelines/ind-002/1.0.toml").is_file());
    // So is the staging directory of `book --staging`, and only that.
    let (code, _, err) = xtask(&[
        "book",
        "--root",
        corpus.to_str().unwrap(),
        "--out",
        tmp.path().join("out").to_str().unwrap(),
        "--staging",
        mine.to_str().unwrap(),
    ]);
    assert_eq!(code, 1);
    assert!(err.contains("was not written by this command"), "{err}");
    assert!(mine.join("keep.md").is_file());
}
