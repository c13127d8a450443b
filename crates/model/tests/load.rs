//! The loader on real content and on hostile input.

use std::path::{Path, PathBuf};

use sc3_model::{Diagnostic, Loaded, Relation, Severity, Status, load, load_from_memory};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

/// (code, path, line, column) of each diagnostic, for compact assertions.
fn places(l: &Loaded) -> Vec<(&'static str, String, usize, usize)> {
    l.diagnostics
        .iter()
        .map(|d| {
            let f = l.repo.file(d.file.unwrap());
            let p = f.position(d.span.clone().map_or(0, |s| s.start));
            (d.code, f.path.clone(), p.line, p.column)
        })
        .collect()
}

fn one(path: &str, text: &str) -> Loaded {
    load_from_memory([(path, text.as_bytes())])
}

#[test]
fn examples_load_unchanged_without_diagnostics() {
    let l = load(&fixtures().join("examples")).unwrap();
    assert_eq!(l.diagnostics, Vec::<Diagnostic>::new());
    let r = &l.repo;
    assert_eq!(r.guidelines.len(), 2);
    let base = r
        .guidelines
        .iter()
        .find(|g| g.id.value == "example-base")
        .unwrap();
    assert_eq!(base.items.len(), 4);
    assert_eq!(base.published.as_ref().unwrap().value, "2024-01-15");
    assert_eq!(base.groups[0].title.value, "関連規程");
    let assoc = r
        .guidelines
        .iter()
        .find(|g| g.id.value == "example-assoc")
        .unwrap();
    assert_eq!(
        assoc
            .levels
            .iter()
            .map(|l| l.value.as_str())
            .collect::<Vec<_>>(),
        ["LV1", "LV2"]
    );
    assert_eq!(r.industries[0].terms[0].1.value, "協力会社");
    assert_eq!(r.industries[0].measures[0].id.value, "second-tier");
    assert_eq!(r.glossaries[0].terms[1].variants[0].value, "サーバ");
    let cw = &r.crosswalks[0];
    assert_eq!(cw.status(), Status::Review);
    assert_eq!(cw.scope.as_ref().unwrap().levels[0].value, "LV1");
    let rel: Vec<_> = cw
        .maps
        .iter()
        .map(|m| m.relation.as_ref().unwrap().value)
        .collect();
    assert_eq!(rel, [Relation::Covered, Relation::Partial, Relation::None]);
    assert_eq!(
        cw.maps[2].measure.as_ref().unwrap().value,
        "example-industry:second-tier"
    );
    // The empty-free crosswalk entry has no rationale at all.
    assert!(cw.maps[0].rationale.is_none());
    assert_eq!(r.markdown.len(), 1);
    assert_eq!(r.file(r.markdown[0]).path, "book/src/intro.md");
}

#[test]
#[ignore = "needs ../shared/design/examples beside the repository; .ci/run runs it"]
fn the_copy_of_the_examples_matches_the_shared_originals() {
    let shared = fixtures().join("../../../shared/design/examples");
    assert!(shared.is_dir(), "{} is missing", shared.display());
    let mut compared = 0;
    for entry in walkdir::WalkDir::new(&shared) {
        let entry = entry.unwrap();
        if entry.file_type().is_file() {
            let rel = entry.path().strip_prefix(&shared).unwrap();
            let ours = std::fs::read(fixtures().join("examples").join(rel)).unwrap();
            assert_eq!(
                ours,
                std::fs::read(entry.path()).unwrap(),
                "{}",
                rel.display()
            );
            compared += 1;
        }
    }
    assert!(
        compared >= 4,
        "only {compared} files in {}",
        shared.display()
    );
}

#[test]
fn the_repository_base_catalog_loads_cleanly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let l = load(&root).unwrap();
    assert_eq!(places(&l), vec![]);
    let sme = l
        .repo
        .guidelines
        .iter()
        .find(|g| g.key() == "ipa-sme@3.1")
        .unwrap();
    let count = |prefix: &str| {
        sme.items
            .iter()
            .filter(|i| i.id.value.starts_with(prefix))
            .count()
    };
    assert_eq!(count("principle-"), 3);
    assert_eq!(count("action-"), 7);
    assert_eq!(count("point-"), 5);
    assert_eq!(count("diag-"), 25);
    assert!(count("kitei-") >= 8);
    // The sample-regulation templates are read as text, in path order, and
    // nothing else under book/ is taken for one.
    let templates: Vec<&str> = l
        .repo
        .templates
        .iter()
        .map(|&t| l.repo.file(t).path.as_str())
        .collect();
    assert_eq!(
        templates[..2],
        [
            "book/policy/basic-policy.hbs",
            "book/regulations/01-organization.hbs"
        ]
    );
    assert!(templates.iter().all(|p| {
        (p.starts_with("book/regulations/") || p.starts_with("book/policy/")) && p.ends_with(".hbs")
    }));
    assert_eq!(templates.len(), 13);
    assert!(l.repo.file(l.repo.templates[1]).text.contains("{{#clause"));
}

#[test]
fn every_problem_is_collected_with_its_place() {
    let l = one(
        "guidelines/x/1.toml",
        "[guideline]\nid = \"x\"\nversion = 1\ntitel = \"t\"\n\n[[item]]\nid = \"a\"\n\n[[item]]\ntitle = \"b\"\ntags = \"one\"\n",
    );
    let got = places(&l);
    assert!(
        got.contains(&("L005", "guidelines/x/1.toml".into(), 3, 11)),
        "{got:?}"
    );
    assert!(
        got.contains(&("L004", "guidelines/x/1.toml".into(), 4, 1)),
        "{got:?}"
    );
    assert!(
        got.contains(&("L006", "guidelines/x/1.toml".into(), 1, 1)),
        "title of [guideline]: {got:?}"
    );
    assert!(
        got.contains(&("L006", "guidelines/x/1.toml".into(), 6, 1)),
        "title of the first item: {got:?}"
    );
    assert!(
        got.contains(&("L006", "guidelines/x/1.toml".into(), 9, 1)),
        "id of the second item: {got:?}"
    );
    assert!(
        got.contains(&("L005", "guidelines/x/1.toml".into(), 11, 8)),
        "{got:?}"
    );
    let unknown = l.diagnostics.iter().find(|d| d.code == "L004").unwrap();
    assert_eq!(unknown.help.as_deref(), Some("`title` のことですか？"));
    let number = l
        .diagnostics
        .iter()
        .find(|d| d.message.contains("`version`"))
        .unwrap();
    assert_eq!(
        number.message,
        "[guideline] の `version` は文字列で書きます（整数になっています）"
    );
    assert_eq!(
        number.help.as_deref(),
        Some("値をダブルクォートで囲んでください: version = \"1\"")
    );
    // What could be read is kept: the single string became a one-tag list.
    assert_eq!(l.repo.guidelines[0].items[1].tags[0].value, "one");
}

#[test]
fn japanese_relation_words_point_to_the_english_values() {
    let l = one(
        "mappings/a@1--b@1.toml",
        "[crosswalk]\nsource = \"a@1\"\ntarget = \"b@1\"\nstatus = \"publish\"\n\n[[map]]\nsource = \"1\"\nrelation = \"準対応\"\n",
    );
    let helps: Vec<_> = l
        .diagnostics
        .iter()
        .map(|d| d.help.clone().unwrap())
        .collect();
    assert!(
        helps[0].starts_with("`published` のことですか？"),
        "{helps:?}"
    );
    assert!(
        helps[1].starts_with("`partial` のことですか？"),
        "{helps:?}"
    );
    assert_eq!(places(&l)[1].2, 8);
}

#[test]
fn a_file_without_a_kind_or_with_two_is_reported() {
    let l = one("guidelines/x.toml", "[guidline]\nid = \"x\"\n");
    assert_eq!(l.diagnostics[0].code, "L003");
    assert_eq!(
        l.diagnostics[0].help.as_deref(),
        Some("[guideline] のことですか？")
    );
    let l = one(
        "guidelines/x.toml",
        "[glossary]\nid = \"g\"\n[industry]\nid = \"i\"\nname = \"n\"\n",
    );
    assert_eq!(places(&l), vec![("L003", "guidelines/x.toml".into(), 3, 2)]);
    assert_eq!(l.repo.glossaries.len(), 1, "the first kind is still read");
}

#[test]
fn hostile_bytes_give_diagnostics_never_panics() {
    // Invalid UTF-8 in the middle of line 2: reported at its column, the rest still read.
    let mut bytes = b"[glossary]\nid = \"g\xff\"\n".to_vec();
    let l = load_from_memory([("guidelines/glossary/g.toml", bytes.as_slice())]);
    assert_eq!(
        places(&l)[0],
        ("L001", "guidelines/glossary/g.toml".into(), 2, 8)
    );
    assert_eq!(l.repo.glossaries.len(), 1);

    // BOM and CRLF: no diagnostic, and columns do not count the BOM.
    bytes = b"\xEF\xBB\xBF[glossary]\r\nid = \"g\"\r\nscope = 1\r\n".to_vec();
    let l = load_from_memory([("guidelines/glossary/g.toml", bytes.as_slice())]);
    assert_eq!(
        places(&l),
        vec![("L005", "guidelines/glossary/g.toml".into(), 3, 9)]
    );
    assert!(l.repo.files[0].bom);

    // Empty and whitespace-only files.
    for text in ["", "  \n\n"] {
        let l = one("guidelines/e.toml", text);
        assert_eq!(l.diagnostics[0].code, "L008");
    }

    // Not TOML at all, and binary noise.
    let l = one("guidelines/p.toml", "# 見出し\n\nこれはTOMLではない。\n");
    assert_eq!(l.diagnostics[0].code, "L002");
    assert_eq!(places(&l)[0].2, 3);
    let noise: Vec<u8> = (0..4096u32)
        .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
        .collect();
    let l = load_from_memory([("guidelines/n.toml", noise.as_slice())]);
    assert!(l.diagnostics.iter().all(|d| d.severity == Severity::Error));
    assert!(!l.diagnostics.is_empty());

    // Deep nesting hits the parser's recursion limit as a syntax error.
    let deep = format!("a = {}{}", "[".repeat(50_000), "]".repeat(50_000));
    assert_eq!(one("guidelines/d.toml", &deep).diagnostics[0].code, "L002");
}

#[test]
fn a_ten_megabyte_file_is_read() {
    let mut text =
        String::from("[guideline]\nid = \"big\"\nversion = \"1\"\ntitle = \"大きなカタログ\"\n");
    let mut n = 0;
    while text.len() < 10 * 1024 * 1024 {
        text.push_str(&format!(
            "\n[[item]]\nid = \"i{n}\"\ntitle = \"項目{n}の説明文をここに書く\"\n"
        ));
        n += 1;
    }
    let l = one("guidelines/big/1.toml", &text);
    assert_eq!(l.diagnostics, vec![]);
    assert_eq!(l.repo.guidelines[0].items.len(), n);
}

#[test]
fn a_single_ten_megabyte_line_is_a_clear_syntax_error() {
    let line = "x".repeat(10 * 1024 * 1024);
    let l = one("guidelines/l.toml", &line);
    assert_eq!(l.diagnostics.len(), 1);
    assert_eq!(l.diagnostics[0].code, "L002");
}
