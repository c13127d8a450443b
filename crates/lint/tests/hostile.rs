//! Hostile content through the whole lint: bidirectional controls in the
//! titles of every kind of file, however they are written, and a catalog of
//! 100,000 items.

use sc3_lint::{Report, lint};
use sc3_model::load_from_memory;

/// (code, path, line, column) of each finding with `code`.
fn places(r: &Report, code: &str) -> Vec<(String, usize, usize)> {
    r.diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| {
            let f = r.repo.file(d.file.unwrap());
            let p = f.position(d.span.clone().unwrap().start);
            (f.path.clone(), p.line, p.column)
        })
        .collect()
}

fn at(path: &str, line: usize, column: usize) -> (String, usize, usize) {
    (path.to_owned(), line, column)
}

/// One file of each kind, each with a bidirectional control in its title
/// (or what stands for one), written as `{bidi}`.
fn files_with(bidi: &str) -> Vec<(&'static str, String)> {
    vec![
        (
            "guidelines/base/1.toml",
            format!(
                "[guideline]\nid = \"base\"\nversion = \"1\"\ntitle = \"基本{bidi}\"\n\n[[group]]\nid = \"g\"\ntitle = \"{bidi}群\"\n\n[[item]]\nid = \"a\"\ngroup = \"g\"\ntitle = \"項目{bidi}\"\n"
            ),
        ),
        (
            "guidelines/glossary/g.toml",
            format!(
                "[glossary]\nid = \"g\"\nscope = \"all\"\n\n[[term]]\npreferred = \"語{bidi}\"\nnote = \"注\"\n"
            ),
        ),
        (
            "guidelines/industries/ind.toml",
            format!("[industry]\nid = \"ind\"\nname = \"業{bidi}\"\nbase = \"base@1\"\n"),
        ),
        (
            "mappings/base@1--base@1.toml",
            format!(
                "[crosswalk]\nsource = \"base@1\"\ntarget = \"base@1\"\n\n[[map]]\nsource = \"a\"\nrelation = \"partial\"\ntargets = [\"a\"]\nrationale = \"理由{bidi}\"\n"
            ),
        ),
    ]
}

fn lint_files(files: &[(&str, String)]) -> Report {
    lint(load_from_memory(
        files.iter().map(|(p, t)| (*p, t.as_bytes())),
    ))
}

const EXPECTED: [(&str, usize, usize); 6] = [
    ("guidelines/base/1.toml", 4, 12),
    ("guidelines/base/1.toml", 8, 10),
    ("guidelines/base/1.toml", 13, 12),
    ("guidelines/glossary/g.toml", 6, 15),
    ("guidelines/industries/ind.toml", 3, 10),
    ("mappings/base@1--base@1.toml", 9, 16),
];

#[test]
fn a_bidi_control_in_any_title_is_reported_where_it_is() {
    let mut files = files_with("\u{202E}");
    files.push(("book/src/a.md", "# 見出し\u{2066}\n".into()));
    let r = lint_files(&files);
    let mut want: Vec<_> = EXPECTED.iter().map(|&(p, l, c)| at(p, l, c)).collect();
    want.insert(0, at("book/src/a.md", 1, 6));
    assert_eq!(places(&r, "T008"), want);
    assert!(r.diagnostics.iter().filter(|d| d.code == "T008").all(|d| {
        d.message == "表示の向きを変える制御文字 U+202E があります"
            || d.message == "表示の向きを変える制御文字 U+2066 があります"
    }));
}

#[test]
fn a_bidi_control_written_as_an_escape_is_reported_too() {
    // In TOML basic strings as \u202E and \U0000202E; in Markdown as a
    // character reference. Each reaches the page as the control itself.
    for (escape, width) in [("\\u202E", 6), ("\\U0000202e", 10)] {
        let mut files = files_with(escape);
        files.push(("book/src/a.md", "# 見出し&#x202E; と &#8294;\n".into()));
        let r = lint_files(&files);
        let mut want: Vec<_> = EXPECTED.iter().map(|&(p, l, c)| at(p, l, c)).collect();
        want.splice(
            0..0,
            [at("book/src/a.md", 1, 6), at("book/src/a.md", 1, 17)],
        );
        assert_eq!(places(&r, "T008"), want, "{escape}");
        let t008: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "T008").collect();
        assert_eq!(
            t008[0].message,
            "表示の向きを変える制御文字 U+202E があります（&#x202E; と書かれています）"
        );
        assert_eq!(
            t008[2].message,
            format!("表示の向きを変える制御文字 U+202E があります（{escape} と書かれています）")
        );
        // The fix removes exactly the escape.
        assert!(
            t008.iter()
                .all(|d| d.fix.as_ref().unwrap().span.len() == d.span.as_ref().unwrap().len())
        );
        assert_eq!(t008[2].span.as_ref().unwrap().len(), width);
        let fixed = sc3_lint::fix::apply(&r.repo, &r.diagnostics);
        let again =
            lint(load_from_memory(fixed.iter().map(|f| {
                (r.repo.file(f.file).path.as_str(), f.bytes.as_slice())
            })));
        assert_eq!(places(&again, "T008"), vec![], "a second run finds nothing");
    }
}

#[test]
fn escapes_that_are_not_bidi_controls_are_not_reported() {
    // An escaped backslash, a literal string, a comment, other characters.
    let text = "[glossary]\nid = \"g\" # \\u202E\nscope = 'all\\u202E'\n\n[[term]]\npreferred = \"\\\\u202E\\u3042\"\nnote = '''\\u2066'''\nvariants = [\"\"\"a\\u2069\"\"\"]\n";
    let r = lint(load_from_memory([(
        "guidelines/glossary/g.toml",
        text.as_bytes(),
    )]));
    assert_eq!(
        places(&r, "T008"),
        vec![at("guidelines/glossary/g.toml", 8, 17)]
    );
}

#[test]
fn a_catalog_of_100000_items_loads_and_lints() {
    let mut text = String::from(
        "[guideline]\nid = \"big\"\nversion = \"1\"\ntitle = \"大きなカタログ\"\npublisher = \"発行者\"\nholds = \"numbers\"\n\n[[group]]\nid = \"g\"\ntitle = \"群\"\n",
    );
    for n in 0..100_000 {
        text.push_str(&format!(
            "\n[[item]]\nid = \"i{n}\"\ngroup = \"g\"\ntitle = \"項目{n}\"\n"
        ));
    }
    // One duplicate at the very end, so the rules had to look at every item.
    text.push_str("\n[[item]]\nid = \"i5\"\ngroup = \"g\"\ntitle = \"重複\"\n");
    let r = lint(load_from_memory([(
        "guidelines/big/1.toml",
        text.as_bytes(),
    )]));
    assert_eq!(r.repo.guidelines[0].items.len(), 100_001);
    let codes: Vec<_> = r.diagnostics.iter().map(|d| d.code).collect();
    assert_eq!(codes, ["R001"], "{:?}", r.diagnostics);
    assert_eq!(
        places(&r, "R001"),
        vec![at("guidelines/big/1.toml", 500_013, 6)]
    );
}
