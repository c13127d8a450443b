//! Hostile input to the loader, beyond tests/load.rs: what the fuzz targets
//! found, and the cases of issue 8 that file does not cover.

use sc3_model::{Loaded, load_from_memory};

/// (code, path, line, column, end line, end column) of each diagnostic.
fn places(l: &Loaded) -> Vec<(&'static str, String, usize, usize, usize, usize)> {
    l.diagnostics
        .iter()
        .map(|d| {
            let f = l.repo.file(d.file.unwrap());
            let span = d.span.clone().unwrap_or(0..0);
            let (a, b) = f.range(&span);
            (d.code, f.path.clone(), a.line, a.column, b.line, b.column)
        })
        .collect()
}

/// Every span lies in its file's text, on character boundaries.
fn assert_spans_inside(l: &Loaded) {
    for d in &l.diagnostics {
        if let (Some(file), Some(span)) = (d.file, &d.span) {
            let text = &l.repo.file(file).text;
            assert!(span.end <= text.len(), "{d:?}");
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{d:?}"
            );
        }
    }
}

/// Found by the `load_toml` fuzz target: a syntax error the parser places
/// before a multi-byte character (an empty span) was widened by one byte, so
/// it ended inside the character.
#[test]
fn a_syntax_error_at_a_japanese_character_underlines_the_whole_character() {
    let l = load_from_memory([("guidelines/x/1.toml", "a = の\"\n".as_bytes())]);
    assert_spans_inside(&l);
    assert_eq!(
        places(&l),
        vec![("L002", "guidelines/x/1.toml".into(), 1, 5, 1, 6)]
    );
    let span = l.diagnostics[0].span.as_ref().unwrap();
    assert_eq!(l.repo.files[0].slice(span), "の");
    // The fuzzer's input: invalid UTF-8 (shown as U+FFFD) inside an array.
    let l = load_from_memory([(
        "guidelines/x/1.toml",
        b"[guideline]\nlevels = [\x94\xa8\xe3\x81\xae\"\npublisher = \"x\"\n".as_slice(),
    )]);
    assert_spans_inside(&l);
    assert_eq!(
        places(&l)[..2],
        [
            ("L001", "guidelines/x/1.toml".into(), 2, 11, 2, 12),
            ("L002", "guidelines/x/1.toml".into(), 2, 11, 2, 12),
        ]
    );
}

/// A fresh directory under the system's temporary directory, canonical (so
/// paths in messages compare as written).
fn scratch(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("sc3-hostile-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::canonicalize(&dir).unwrap()
}

fn write(path: &std::path::Path, text: &str) {
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

#[cfg(unix)]
#[test]
fn references_that_leave_the_repository_are_not_followed() {
    use std::os::unix::fs::symlink;
    let tmp = scratch("escape");
    let outside = tmp.join("outside");
    write(&outside.join("secret.yml"), "rules:\n  - expected: 秘密\n");
    write(
        &outside.join("secret.toml"),
        "[guideline]\nid = \"secret\"\nversion = \"1\"\ntitle = \"秘密\"\n",
    );
    write(&outside.join("secret.md"), "# 秘密\n");
    let root = tmp.join("repo");
    let glossary = root.join("guidelines/glossary");
    write(
        &glossary.join("up.yml"),
        "rules:\n  - Docker\nimports:\n  - ../../../outside/secret.yml\n",
    );
    write(
        &glossary.join("abs.yml"),
        &format!(
            "imports: {}\nrules: []\n",
            outside.join("secret.yml").display()
        ),
    );
    // An import of a link inside the root that points outside it.
    std::fs::create_dir_all(glossary.join("inner")).unwrap();
    symlink(outside.join("secret.yml"), glossary.join("inner/link.yml")).unwrap();
    write(&glossary.join("via.yml"), "imports:\n  - inner/link.yml\n");
    // Links found while discovering content are not followed at all.
    symlink(outside.join("secret.yml"), glossary.join("linked.yml")).unwrap();
    symlink(&outside, root.join("guidelines/linked-dir")).unwrap();
    std::fs::create_dir_all(root.join("book/src")).unwrap();
    symlink(outside.join("secret.md"), root.join("book/src/linked.md")).unwrap();
    symlink(outside.join("secret.toml"), root.join("mappings")).unwrap();

    let l = sc3_model::load(&root).unwrap();
    let _ = std::fs::remove_dir_all(&tmp);
    assert_spans_inside(&l);
    // Every file read has text; the links are there only as places of findings.
    let mut paths: Vec<_> = l
        .repo
        .files
        .iter()
        .filter(|f| !f.text.is_empty())
        .map(|f| f.path.as_str())
        .collect();
    paths.sort();
    assert_eq!(
        paths,
        [
            "guidelines/glossary/abs.yml",
            "guidelines/glossary/up.yml",
            "guidelines/glossary/via.yml"
        ],
        "nothing outside the root is read, and no link is followed"
    );
    assert!(l.repo.guidelines.is_empty() && l.repo.markdown.is_empty());
    assert!(l.repo.prh.is_empty(), "no dictionary reading outside loads");
    let got = places(&l);
    assert_eq!(
        got,
        vec![
            ("L009", "guidelines/glossary/abs.yml".into(), 1, 10, 1, 11),
            ("L009", "guidelines/glossary/up.yml".into(), 4, 5, 4, 6),
            ("L009", "guidelines/glossary/via.yml".into(), 2, 5, 2, 6),
            // Every link is reported at its path, the content folder
            // `mappings` itself included.
            (
                "L010",
                "guidelines/glossary/inner/link.yml".into(),
                1,
                1,
                1,
                1
            ),
            ("L010", "guidelines/glossary/linked.yml".into(), 1, 1, 1, 1),
            ("L010", "guidelines/linked-dir".into(), 1, 1, 1, 1),
            ("L010", "mappings".into(), 1, 1, 1, 1),
            ("L010", "book/src/linked.md".into(), 1, 1, 1, 1),
        ],
        "{:#?}",
        l.diagnostics
    );
    let messages: Vec<_> = l.diagnostics.iter().map(|d| d.message.as_str()).collect();
    assert!(
        messages[0].contains("absolute import path"),
        "{}",
        messages[0]
    );
    assert!(
        messages[1].contains("is outside the repository"),
        "{}",
        messages[1]
    );
    assert!(
        messages[2].contains("guidelines/glossary/inner/link.yml はシンボリックリンクです"),
        "an import of a link inside the root is refused too: {}",
        messages[2]
    );
    assert!(
        messages[6].starts_with("mappings はシンボリックリンクです。GitHub では"),
        "{}",
        messages[6]
    );
}

#[test]
fn control_characters_in_a_title_are_a_syntax_error_at_the_character() {
    // TOML forbids raw control characters in strings (except tab).
    for c in ['\u{1}', '\u{7}', '\u{1b}', '\u{7f}', '\0'] {
        let text = format!("[guideline]\nid = \"x\"\nversion = \"1\"\ntitle = \"題{c}名\"\n");
        let l = load_from_memory([("guidelines/x/1.toml", text.as_bytes())]);
        assert_spans_inside(&l);
        assert_eq!(
            places(&l),
            vec![("L002", "guidelines/x/1.toml".into(), 4, 11, 4, 12)],
            "U+{:04X}",
            c as u32
        );
    }
    // Written as an escape it is a valid string, kept as the character.
    let l = load_from_memory([(
        "guidelines/x/1.toml",
        b"[guideline]\nid = \"x\"\nversion = \"1\"\ntitle = \"\\u0007\"\n".as_slice(),
    )]);
    assert_eq!(places(&l), vec![]);
    assert_eq!(l.repo.guidelines[0].title.value, "\u{7}");
}

#[test]
fn deeply_nested_tables_and_arrays_are_a_syntax_error_not_a_crash() {
    let tables = format!(
        "[guideline]\ntitle = {}1{}\n",
        "{a = ".repeat(20_000),
        "}".repeat(20_000)
    );
    let mixed = format!("[guideline]\ntags = {}\n", "[{a = ".repeat(20_000));
    for text in [tables, mixed] {
        let l = load_from_memory([("guidelines/x/1.toml", text.as_bytes())]);
        assert_spans_inside(&l);
        let got = places(&l);
        assert_eq!(got[0].0, "L002", "{got:?}");
        assert_eq!(got[0].2, 2, "on the nested line: {got:?}");
    }
}

/// Found by the `prh_reader` fuzz target: the YAML parser also ends a line at
/// a lone carriage return, so errors after one were reported a line too far
/// down (and past the end of the line the file shows there). The positions
/// `prh::parse` gives are tested in `crates/prh/tests/prh.rs`; here, through
/// the loader, the diagnostic is on the character itself.
#[test]
fn prh_positions_count_lines_as_the_file_does() {
    let yaml = "version: 1\rrules:\n  - expected: x\n    pattern: \u{0}y\n";
    let tmp = scratch("prh-cr");
    let glossary = tmp.join("guidelines/glossary");
    write(&glossary.join("p.yml"), &format!("\u{feff}{yaml}"));
    let l = sc3_model::load(&tmp).unwrap();
    let _ = std::fs::remove_dir_all(&tmp);
    assert_spans_inside(&l);
    assert_eq!(
        places(&l),
        vec![("L009", "guidelines/glossary/p.yml".into(), 3, 14, 3, 15)]
    );
    let span = l.diagnostics[0].span.clone().unwrap();
    assert_eq!(l.repo.files[0].slice(&span), "\u{0}");
}

/// Found by the `prh_reader` fuzz target: `glossary import-prh` lists the
/// rules it cannot convert in comments, and copied their `expected` there as
/// it was; a control character made the glossary invalid TOML, and a line
/// break ended the comment, so the rest of the text was read as TOML.
#[test]
fn a_converted_glossary_keeps_hostile_text_inside_its_comments() {
    let fuzzed = b"\xef\xbb\xbfversion: 1\r\nrules:\r\n  - $exp\xff\xff\xff\xff\xff\xff\x0f\x0fcted\x82\xb5\xe3\x83\xbc\xe3\x83\x90\r\n";
    let injected = "rules:\n  - expected: \"$1\\n[[term]]\\npreferred = \\\"injected\\\"\"\n    pattern: /(a)/\n";
    for yaml in [
        String::from_utf8_lossy(fuzzed).into_owned(),
        injected.to_owned(),
    ] {
        let file = prh::parse("in.yml", &yaml).unwrap();
        let dict = prh::PrhDictionary::from_file(file);
        let c = sc3_model::prh_convert::to_glossary(&dict, "g", "in\nyml");
        assert_eq!(c.terms, 0);
        assert_eq!(c.skipped.len(), 1);
        let l = load_from_memory([("guidelines/glossary/g.toml", c.toml.as_bytes())]);
        assert_eq!(places(&l), vec![], "{}", c.toml);
        assert!(l.repo.glossaries[0].terms.is_empty(), "{}", c.toml);
        assert!(c.toml.starts_with("# in\\u000Ayml から"), "{}", c.toml);
    }
}

/// prh imports are read by the repository's rule (the loader hands the prh
/// crate a reader built on `fsx`): a FIFO is refused without being opened
/// for reading (the test would hang), a file over the limit unread, a folder
/// as what it is, and a path outside the root before the depth limit is
/// looked at. Cycles name the files by their path.
#[cfg(unix)]
#[test]
fn prh_imports_are_read_by_the_repository_rule() {
    let tmp = scratch("prh-rule");
    let glossary = tmp.join("guidelines/glossary");
    let inner = glossary.join("inner");
    std::fs::create_dir_all(inner.join("dir")).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(inner.join("fifo.yml"))
        .status()
        .unwrap();
    assert!(made.success());
    // Sparse: its size says 17 MB, and nothing is written.
    std::fs::File::create(inner.join("big.yml"))
        .unwrap()
        .set_len(17_000_000)
        .unwrap();
    write(&glossary.join("fifo.yml"), "imports:\n  - inner/fifo.yml\n");
    write(&glossary.join("big.yml"), "imports:\n  - inner/big.yml\n");
    write(&glossary.join("dir.yml"), "imports:\n  - inner/dir\n");
    write(&glossary.join("self.yml"), "imports:\n  - self.yml\n");
    // 32 files deep, the last one imports a file outside the root.
    write(&glossary.join("deep.yml"), "imports:\n  - inner/e0.yml\n");
    for i in 0..30 {
        write(
            &inner.join(format!("e{i}.yml")),
            &format!("imports:\n  - e{}.yml\n", i + 1),
        );
    }
    write(
        &inner.join("e30.yml"),
        "imports:\n  - ../../../../outside.yml\n",
    );
    let l = sc3_model::load(&tmp).unwrap();
    let _ = std::fs::remove_dir_all(&tmp);
    let got: Vec<(String, String, Option<String>)> = l
        .diagnostics
        .iter()
        .filter(|d| d.code == "L009")
        .map(|d| {
            let file = l.repo.file(d.file.unwrap()).path.clone();
            (file, d.message.clone(), d.help.clone())
        })
        .collect();
    let path = |rel: &str| tmp.join(rel).display().to_string();
    let want: Vec<(String, String, Option<String>)> = vec![
        (
            "guidelines/glossary/big.yml".into(),
            "prh 辞書を読めません: guidelines/glossary/inner/big.yml は 16.2 MB あります。16 MB を超えるファイルは読み込みません".into(),
            None,
        ),
        (
            "guidelines/glossary/deep.yml".into(),
            format!(
                "prh 辞書を読めません: `{}` is outside the repository: only files inside it are read",
                path("guidelines/glossary/inner/../../../../outside.yml")
            ),
            Some("guidelines/glossary/inner/e30.yml の 2 行 5 列".into()),
        ),
        (
            "guidelines/glossary/dir.yml".into(),
            "prh 辞書を読めません: guidelines/glossary/inner/dir は通常のファイルではありません".into(),
            None,
        ),
        (
            "guidelines/glossary/fifo.yml".into(),
            "prh 辞書を読めません: guidelines/glossary/inner/fifo.yml は通常のファイルではありません".into(),
            None,
        ),
        (
            "guidelines/glossary/self.yml".into(),
            format!(
                "prh 辞書を読めません: import cycle: {0} -> {0}",
                path("guidelines/glossary/self.yml")
            ),
            None,
        ),
    ];
    assert_eq!(got, want);
}
