//! `cargo xtask regulation`: a company's regulations and its basic policy,
//! each as Markdown and DOCX, from the repository's samples.

use std::fs;
use std::path::Path;

mod common;
use common::xtask;

#[test]
fn the_company_gets_its_regulations_and_its_basic_policy() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let out = tempfile::tempdir().unwrap();
    let prefix = out.path().join("規程");
    let (code, stdout, stderr) = xtask(&[
        "regulation",
        "--root",
        root.to_str().unwrap(),
        "--company",
        root.join("book/toolkit/example/company.toml")
            .to_str()
            .unwrap(),
        "--out",
        prefix.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let mut names: Vec<String> = fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "規程-基本方針.docx",
            "規程-基本方針.md",
            "規程.docx",
            "規程.md"
        ]
    );
    let policy = fs::read_to_string(out.path().join("規程-基本方針.md")).unwrap();
    assert!(
        policy
            .starts_with("# 情報セキュリティ基本方針\n\n**株式会社さくら土木（架空の記入例）**\n")
    );
    // The company file names the construction edition: its words are used.
    assert!(policy.contains("発注者と取引先から預かる情報"), "{policy}");
    assert!(!policy.contains("{{"), "every expression is rendered");
    assert!(policy.contains("代表者"));
    let docx = fs::read(out.path().join("規程-基本方針.docx")).unwrap();
    assert!(docx.starts_with(b"PK"), "a DOCX is a zip");
}
