//! `load_from_memory` reads what `load` reads from disk the same way: prh
//! dictionaries, templates and `lint.toml` included.

use sc3_model::{Loaded, load, load_from_memory};

const FILES: &[(&str, &str)] = &[
    (
        "lint.toml",
        "[terms]\nallow = [\"①\"]\nfullwidth-alnum = false\n",
    ),
    (
        "guidelines/glossary/words.yml",
        "version: 1\nrules:\n  - expected: サーバー\n    pattern: /サーバ(?!ー)/\n    specs:\n      - from: サーバ管理\n        to: サーバー管理\n",
    ),
    (
        "guidelines/glossary/broken.yaml",
        "version: 1\nrules:\n  - pattern: /x/\n",
    ),
    ("book/regulations/01-a.hbs", "# {{company}}\n"),
    ("book/src/intro.md", "# はじめに\n"),
];

/// What a load found, without the root (which only the disk has).
fn summary(l: &Loaded) -> String {
    let mut out = String::new();
    for f in &l.repo.files {
        out.push_str(&format!("file {} {:?}\n", f.path, f.text));
    }
    for p in &l.repo.prh {
        let path = &l.repo.file(p.file).path;
        for r in &p.dictionary.rules {
            out.push_str(&format!(
                "prh {path} {} {:?} {}:{}\n",
                r.expected, r.specs, r.line, r.column
            ));
        }
    }
    for t in &l.repo.templates {
        out.push_str(&format!("template {}\n", l.repo.file(*t).path));
    }
    out.push_str(&format!("config {:?}\n", l.repo.config));
    for d in &l.diagnostics {
        let f = l.repo.file(d.file.unwrap());
        out.push_str(&format!(
            "{} {} {:?} {}\n",
            d.code, f.path, d.span, d.message
        ));
    }
    out
}

#[test]
fn memory_reads_prh_templates_and_settings_as_the_disk_does() {
    let dir = tempfile::tempdir().unwrap();
    for (path, text) in FILES {
        let p = dir.path().join(path);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, text).unwrap();
    }
    let disk = load(dir.path()).unwrap();
    // The order `load` discovers files in: the settings, then each content
    // folder depth-first, names in order.
    let order = [0, 2, 1, 3, 4];
    let memory = load_from_memory(order.map(|i| (FILES[i].0, FILES[i].1.as_bytes())));
    assert_eq!(summary(&memory), summary(&disk));
    let s = summary(&memory);
    assert!(
        s.contains("prh guidelines/glossary/words.yml サーバー"),
        "{s}"
    );
    assert!(s.contains("allow: ['①']"), "{s}");
    assert!(s.contains("L009 guidelines/glossary/broken.yaml"), "{s}");
    assert!(s.contains("template book/regulations/01-a.hbs"), "{s}");
}

#[test]
fn an_import_missing_in_memory_is_reported_where_it_is_written() {
    let yml = "version: 1\nimports:\n  - other.yml\nrules:\n  - expected: a\n";
    let l = load_from_memory([("guidelines/glossary/words.yml", yml.as_bytes())]);
    assert!(l.repo.prh.is_empty());
    let d = &l.diagnostics[0];
    assert_eq!(d.code, "L009");
    assert!(d.message.contains("other.yml"), "{}", d.message);
    let at = l
        .repo
        .file(d.file.unwrap())
        .position(d.span.clone().unwrap().start);
    assert_eq!((at.line, at.column), (3, 5));
}

/// An import is read among the files given, as it is on disk: a rule test
/// in memory sees the dictionary a repository would.
#[test]
fn an_import_given_in_memory_is_followed() {
    let yml = "version: 1\nimports:\n  - ./sub/other.yml\nrules:\n  - expected: サーバー\n";
    let other = "version: 1\nrules:\n  - expected: ユーザー\n";
    let l = load_from_memory([
        ("guidelines/glossary/words.yml", yml.as_bytes()),
        ("guidelines/glossary/sub/other.yml", other.as_bytes()),
    ]);
    assert!(l.diagnostics.is_empty(), "{:?}", l.diagnostics);
    assert_eq!(l.repo.prh.len(), 1);
    let expected: Vec<&str> = l.repo.prh[0]
        .dictionary
        .rules
        .iter()
        .map(|r| r.expected.as_str())
        .collect();
    assert_eq!(expected, ["サーバー", "ユーザー"]);
}
