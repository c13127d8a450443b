//! `docs/format.md` is the format's definition: every TOML example in it
//! marked with a file name (```` ```toml file=guidelines/x/1.0.toml ````)
//! loads and lints, together with the repository's base catalog and sample
//! templates it refers to, without an error or a warning.

use std::fs;
use std::path::Path;

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// (file name, TOML) of every example with a file name.
fn examples() -> Vec<(String, String)> {
    let doc = fs::read_to_string(root().join("docs/format.md")).unwrap();
    let mut out = Vec::new();
    let mut lines = doc.lines();
    while let Some(line) = lines.next() {
        let Some(name) = line.strip_prefix("```toml file=") else {
            continue;
        };
        let body: Vec<&str> = lines.by_ref().take_while(|l| *l != "```").collect();
        out.push((name.trim().to_owned(), body.join("\n") + "\n"));
    }
    out
}

#[test]
fn every_named_example_of_the_format_loads_and_lints_clean() {
    let examples = examples();
    let names: Vec<&str> = examples.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(
        names,
        [
            "guidelines/kakuu-assoc/1.0.toml",
            "guidelines/industries/kakuu-parts.toml",
            "mappings/kakuu-assoc@1.0--ipa-sme@3.1.toml",
            "guidelines/glossary/kakuu-parts.toml"
        ]
    );
    // The examples refer to the base catalog; copy it beside them.
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in &examples {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    let base = dir.path().join("guidelines/ipa-sme");
    fs::create_dir_all(&base).unwrap();
    fs::copy(
        root().join("guidelines/ipa-sme/3.1.toml"),
        base.join("3.1.toml"),
    )
    .unwrap();
    let regs = dir.path().join("book/regulations");
    fs::create_dir_all(&regs).unwrap();
    for e in fs::read_dir(root().join("book/regulations")).unwrap() {
        let e = e.unwrap();
        fs::copy(e.path(), regs.join(e.file_name())).unwrap();
    }
    let report = sc3_lint::lint(sc3_model::load(dir.path()).unwrap());
    let loud: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.severity > sc3_model::Severity::Info)
        .map(|d| {
            format!(
                "{} {} {}",
                d.code,
                report.repo.file(d.file.unwrap()).path,
                d.message
            )
        })
        .collect();
    assert!(loud.is_empty(), "{loud:#?}");
    let g = report
        .repo
        .guidelines
        .iter()
        .find(|g| g.key() == "kakuu-assoc@1.0")
        .unwrap();
    assert_eq!(g.holds.as_ref().unwrap().value, sc3_model::Holds::Titles);
    assert_eq!(g.total.as_ref().unwrap().value, 120);
    assert!(g.item("L-101").is_some(), "ids keep the publisher's case");
}
