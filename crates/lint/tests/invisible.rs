//! Invisible characters that would hide a term variant: the glossary is
//! matched as if they were not there (T001), they are reported (T009), and
//! one `--fix` leaves clean text.

use sc3_lint::{Report, lint};
use sc3_model::load_from_memory;

const GLOSSARY: &str = "[glossary]\nid = \"common\"\nscope = \"all\"\n\n[[term]]\npreferred = \"サーバー\"\nvariants = [\"サーバ\"]\n";

fn lint_files(files: &[(&str, &str)]) -> Report {
    lint(load_from_memory(
        files.iter().map(|(p, t)| (*p, t.as_bytes())),
    ))
}

/// (code, the text of the span) of each finding in `path`, in order.
fn found<'r>(r: &'r Report, path: &str) -> Vec<(&'static str, &'r str)> {
    r.diagnostics
        .iter()
        .filter(|d| d.file.is_some_and(|f| r.repo.file(f).path == path))
        .map(|d| {
            let f = r.repo.file(d.file.unwrap());
            (d.code, f.slice(d.span.as_ref().unwrap()))
        })
        .collect()
}

#[test]
fn a_variant_with_a_zero_width_space_inside_is_still_a_variant() {
    let md = "# 構成\n\nサー\u{200B}バの設定と、\u{200B}サーバ\u{2060}の台数と、サーバ\u{AD}ーの名前。\n\nサー&#x200B;バの役割と、`サー&#x200B;バ` の書き方。\n";
    let toml = "[guideline]\nid = \"g\"\nversion = \"1\"\ntitle = \"サ\\u200Bーバの管理\"\npublisher = \"発行者\"\nholds = \"summaries\"\n";
    let r = lint_files(&[
        ("guidelines/glossary/common.toml", GLOSSARY),
        ("book/src/a.md", md),
        ("guidelines/g/1.toml", toml),
    ]);
    // The variant's span runs from its first to its last character, the
    // invisible ones between them included, and no further; サーバ + soft
    // hyphen + ー reads サーバー, the preferred term, and is no variant.
    assert_eq!(
        found(&r, "book/src/a.md"),
        [
            ("T001", "サー\u{200B}バ"),
            ("T009", "\u{200B}"),
            ("T009", "\u{200B}"),
            ("T001", "サーバ"),
            ("T009", "\u{2060}"),
            ("T009", "\u{AD}"),
            // Written as a reference: the same (in code it is shown as written).
            ("T001", "サー&#x200B;バ"),
            ("T009", "&#x200B;"),
        ]
    );
    let t001 = r.diagnostics.iter().find(|d| d.code == "T001").unwrap();
    assert_eq!(
        t001.message,
        "「サーバ」は用語集で「サーバー」に統一しています"
    );
    // In TOML, as an escape: the runs on either side are read as one.
    assert_eq!(
        found(&r, "guidelines/g/1.toml"),
        [("T001", "サ\\u200Bーバ"), ("T009", "\\u200B")]
    );

    // One --fix: each variant is replaced together with what it hid (the
    // overlapping removal waits), every other invisible character removed.
    let fixed = sc3_lint::fix::apply(&r.repo, &r.diagnostics);
    let files: Vec<(String, String)> = fixed
        .iter()
        .map(|f| {
            (
                r.repo.file(f.file).path.clone(),
                String::from_utf8(f.bytes.clone()).unwrap(),
            )
        })
        .collect();
    let text = |path: &str| files.iter().find(|(p, _)| p == path).unwrap().1.as_str();
    assert_eq!(
        text("book/src/a.md"),
        "# 構成\n\nサーバーの設定と、サーバーの台数と、サーバーの名前。\n\nサーバーの役割と、`サー&#x200B;バ` の書き方。\n"
    );
    assert_eq!(
        text("guidelines/g/1.toml"),
        "[guideline]\nid = \"g\"\nversion = \"1\"\ntitle = \"サーバーの管理\"\npublisher = \"発行者\"\nholds = \"summaries\"\n"
    );
    // A second run finds nothing more to fix.
    let again = lint_files(&[
        ("guidelines/glossary/common.toml", GLOSSARY),
        ("book/src/a.md", text("book/src/a.md")),
        ("guidelines/g/1.toml", text("guidelines/g/1.toml")),
    ]);
    let left: Vec<(&str, &str)> = again
        .diagnostics
        .iter()
        .filter(|d| d.fix.is_some())
        .map(|d| (d.code, again.repo.file(d.file.unwrap()).path.as_str()))
        .collect();
    assert_eq!(left, []);
}

#[test]
fn what_invisible_characters_are_for_is_not_reported() {
    let md = "# 例\n\n葛\u{E0100}城、\u{2764}\u{FE0F}、#\u{FE0F}\u{20E3}、\u{1F469}\u{200D}\u{1F4BB}、\u{1F44D}\u{1F3FD}\u{200D}\u{2642}\u{FE0F}。\n\nか\u{FE0F}、 \u{FE0F}、葛\u{E0100}\u{FE00}、A\u{200D}B、\u{E0041}。\n";
    let r = lint_files(&[("book/src/a.md", md)]);
    // The IVS, the presentation selectors, the joiners between emoji stay;
    // selectors after kana, a space or another selector, a joiner between
    // letters and a tag outside a flag are reported.
    assert_eq!(
        found(&r, "book/src/a.md"),
        [
            ("T009", "\u{FE0F}"),
            ("T009", "\u{FE0F}"),
            ("T009", "\u{FE00}"),
            ("T009", "\u{200D}"),
            ("T009", "\u{E0041}"),
        ]
    );
}

#[test]
fn a_hangul_filler_is_reported_but_not_removed() {
    let r = lint_files(&[("book/src/a.md", "# 例\n\n空白に見える\u{3164}文字。\n")]);
    let t009: Vec<_> = r.diagnostics.iter().filter(|d| d.code == "T009").collect();
    assert_eq!(t009.len(), 1);
    assert_eq!(
        t009[0].message,
        "見えない文字 U+3164（ハングルの埋め草文字）があります"
    );
    assert!(t009[0].fix.is_none());
    // Not T003's either, whose NFKC would turn it into another filler.
    assert!(r.diagnostics.iter().all(|d| d.code != "T003"));
}
