//! `--fix` on text made of everything the fixes touch, at random: glossary
//! variants, half- and full-width forms, invisible, bidirectional and
//! control characters, written as themselves and as references, beside
//! code, links and registered terms. However they meet, fixing converges:
//! a second round (overlapping fixes wait for it) leaves nothing to fix,
//! every round's text loads with no new syntax finding, and text in code
//! is never touched.

use sc3_lint::{Report, fix, lint};
use sc3_model::load_from_memory;

const GLOSSARY: &str = "[glossary]\nid = \"common\"\nscope = \"all\"\n\n[[term]]\npreferred = \"サーバー\"\nvariants = [\"サーバ\"]\n\n[[term]]\npreferred = \"取り組み\"\nvariants = [\"取組み\", \"取組\"]\n";

const PIECES: &[&str] = &[
    "サーバ",
    "サーバー",
    "サ",
    "ーバ",
    "取組み",
    "取組",
    "取り組み",
    "ｻｰﾊﾞｰ",
    "ＰＣ",
    "\u{200B}",
    "&#x200B;",
    "\u{202E}",
    "&#x202E;",
    "\u{1b}",
    "&#x1b;",
    "\u{AD}",
    "\u{FE0F}",
    "、",
    "。",
    " ",
    "\n",
    "\n\n",
    "`サーバ`",
    "[サーバ](https://example.org/サーバ)",
];

struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((self.0 >> 33) % n as u64) as usize
    }
}

fn lint_page(page: &str) -> Report {
    lint(load_from_memory([
        ("guidelines/glossary/common.toml", GLOSSARY.as_bytes()),
        ("book/src/a.md", page.as_bytes()),
    ]))
}

/// One round of `--fix` on the page: its text after, and how many fixes
/// the findings offered.
fn round(page: &str) -> (String, usize) {
    let r = lint_page(page);
    let offered = r.diagnostics.iter().filter(|d| d.fix.is_some()).count();
    let fixed = fix::apply(&r.repo, &r.diagnostics);
    let text = fixed
        .into_iter()
        .find(|f| r.repo.file(f.file).path == "book/src/a.md")
        .map_or_else(|| page.to_owned(), |f| String::from_utf8(f.bytes).unwrap());
    (text, offered)
}

#[test]
fn fixing_random_text_converges_in_two_rounds() {
    let mut rng = Rng(2026);
    for case in 0..400 {
        let mut page = String::from("# 見出し\n\n");
        for _ in 0..rng.below(40) + 1 {
            page.push_str(PIECES[rng.below(PIECES.len())]);
        }
        page.push('\n');
        let (once, _) = round(&page);
        let (twice, _) = round(&once);
        let (_, left) = round(&twice);
        assert_eq!(
            left, 0,
            "case {case}: {page:?}\nafter two rounds: {twice:?}"
        );
        // Code spans are shown as written: never fixed.
        let code = |t: &str| t.matches("`サーバ`").count();
        assert_eq!(
            code(&twice),
            code(&page),
            "case {case}: {page:?} → {twice:?}"
        );
        let findings = lint_page(&twice);
        assert!(
            !findings.diagnostics.iter().any(|d| d.code.starts_with('L')),
            "case {case}: {twice:?}"
        );
    }
}

const TOML_PIECES: &[&str] = &[
    "サーバ",
    "サーバー",
    "取組み",
    "ｻｰﾊﾞｰ",
    "ＰＣ",
    "\\u200B",
    "\\u202E",
    "\\u001b",
    "\\e",
    "\\b",
    "\\xAD",
    "\\\\",
    "\\\"",
    "\u{200B}",
    "、",
    " ",
];

/// The same in the title of a catalog item, where escapes stand for the
/// characters: a fix removes the escape whole and never leaves a
/// backslash that escapes something else.
#[test]
fn fixing_random_toml_strings_converges_in_two_rounds() {
    let mut rng = Rng(3);
    for case in 0..400 {
        let mut title = String::from("項目");
        for _ in 0..rng.below(12) + 1 {
            title.push_str(TOML_PIECES[rng.below(TOML_PIECES.len())]);
        }
        let catalog = format!(
            "[guideline]\nid = \"g\"\nversion = \"1\"\ntitle = \"題\"\npublisher = \"発行者\"\nholds = \"summaries\"\n\n[[item]]\nid = \"a\"\ntitle = \"{title}\"\n"
        );
        let path = "guidelines/g/1.toml";
        let lint_it = |text: &str| {
            lint(load_from_memory([
                ("guidelines/glossary/common.toml", GLOSSARY.as_bytes()),
                (path, text.as_bytes()),
            ]))
        };
        let fix_round = |text: &str| -> (String, usize) {
            let r = lint_it(text);
            let offered = r.diagnostics.iter().filter(|d| d.fix.is_some()).count();
            let out = fix::apply(&r.repo, &r.diagnostics)
                .into_iter()
                .find(|f| r.repo.file(f.file).path == path)
                .map_or_else(|| text.to_owned(), |f| String::from_utf8(f.bytes).unwrap());
            (out, offered)
        };
        let (once, _) = fix_round(&catalog);
        let (twice, _) = fix_round(&once);
        let (_, left) = fix_round(&twice);
        assert_eq!(
            left, 0,
            "case {case}: {catalog:?}\nafter two rounds: {twice:?}"
        );
        let r = lint_it(&twice);
        let broken: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code.starts_with('L'))
            .map(|d| &d.message)
            .collect();
        assert!(
            broken.is_empty(),
            "case {case}: {catalog:?} → {twice:?}: {broken:?}"
        );
    }
}
