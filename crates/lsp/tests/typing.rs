//! Days of typing, compressed: a few hundred edits made at random places
//! of the real crosswalk, a glossary, a handbook page and a prh dictionary (half-written tables, quotes, multi-byte and
//! astral characters, control characters, deletions across lines), each
//! followed by completion, hover, definition, code actions and a rename
//! check at a random place. The server must answer every request without an
//! internal error, publish diagnostics for every version, and end cleanly.

mod common;

use common::*;
use serde_json::{Value, json};

/// A small deterministic generator (64-bit LCG, Knuth's constants): the
/// same session on every run, without a dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const MARKDOWN: &[&str] = &[
    "サーバ",
    "ｻｰﾊﾞｰ",
    "[リンク](",
    "](javascript:alert(1))",
    "\n```\n",
    "<script>",
    "&#x1b;",
    "{{#include ../../etc/passwd}}",
    "\n# 見出し\n",
    "取組み",
    "\u{202E}",
    "<!-- terms: off -->",
    "\n",
    "`",
];

const YAML: &[&str] = &[
    "\n  - expected: ",
    "pattern: /サーバ(?!ー)/",
    "\"\\bJS\\b\"",
    "\nimports:\n  - ../../../etc/passwd\n",
    "specs:\n      - from: ",
    "'",
    "{",
    "&a ",
    "*a",
    "!!binary ",
    "\t",
    "$1",
    "\n",
];

/// A prh dictionary that is not on disk: the buffer alone.
const DICTIONARY: &str = "version: 1\nrules:\n  - expected: サーバー\n    pattern: /サーバ(?!ー)/\n    specs:\n      - from: サーバ\n        to: サーバー\n";

const SNIPPETS: &[&str] = &[
    "\n[[map]]\nsource = \"",
    "targets = [\"kitei-",
    "relation = \"",
    "\"",
    "]",
    "[",
    "\n",
    "strm = \"subset-of\"\n",
    "rationale = \"サーバの管理は𝄞で\u{200B}行う\"",
    "\u{1b}[2J",
    "measure = \"",
    "# コメント\n",
    "kitei-7",
    "'''\n",
    "=",
    "\t",
];

/// The text's lines and each line's length in UTF-16 units.
fn line_lengths(text: &str) -> Vec<usize> {
    text.split('\n').map(|l| l.encode_utf16().count()).collect()
}

/// A UTF-16 position inside `text`, sometimes just past a line's end or in
/// the middle of a surrogate pair.
fn somewhere(rng: &mut Rng, text: &str) -> (usize, usize) {
    let lines = line_lengths(text);
    let line = rng.below(lines.len());
    (line, rng.below(lines[line] + 2))
}

/// Applies an LSP range edit to `text` as the server should: positions are
/// clamped to the text, and one inside a surrogate pair counts as its start.
fn apply(text: &str, start: (usize, usize), end: (usize, usize), insert: &str) -> String {
    let offset = |(line, ch): (usize, usize)| -> usize {
        let mut at = 0;
        for (i, l) in text.split('\n').enumerate() {
            if i == line {
                let mut units = 0;
                for (b, c) in l.char_indices() {
                    if units + c.len_utf16() > ch {
                        return at + b;
                    }
                    units += c.len_utf16();
                }
                return at + l.len();
            }
            at += l.len() + 1;
        }
        text.len()
    };
    let (a, b) = (offset(start), offset(end));
    let (a, b) = (a.min(b), a.max(b));
    format!("{}{insert}{}", &text[..a], &text[b..])
}

#[test]
fn three_hundred_random_edits_never_break_the_server() {
    // Other seeds can be tried with SC3_TYPING_SEEDS=1,2,3.
    let seeds: Vec<u64> = std::env::var("SC3_TYPING_SEEDS").map_or(vec![0x5c3_2026, 7], |s| {
        s.split(',').filter_map(|x| x.trim().parse().ok()).collect()
    });
    for seed in seeds {
        let on_disk = |rel: &str| std::fs::read_to_string(root().join(rel)).unwrap();
        session(seed, CROSSWALK, &on_disk(CROSSWALK), SNIPPETS);
        let glossary = "guidelines/glossary/common.toml";
        session(seed, glossary, &on_disk(glossary), SNIPPETS);
        session(
            seed,
            "book/src/intro.md",
            &on_disk("book/src/intro.md"),
            MARKDOWN,
        );
        session(seed, "guidelines/glossary/typing.yml", DICTIONARY, YAML);
    }
}

fn session(seed: u64, file: &str, start: &str, snippets: &[&str]) {
    let mut rng = Rng(seed);
    let mut c = Client::start();
    let mut text = start.to_owned();
    c.open(file, &text);
    let uri = uri_of(file);
    for version in 2..302 {
        let start = somewhere(&mut rng, &text);
        let end = if rng.below(4) == 0 {
            somewhere(&mut rng, &text)
        } else {
            start
        };
        let insert = if rng.below(5) == 0 {
            ""
        } else {
            snippets[rng.below(snippets.len())]
        };
        let change = json!([{ "range": { "start": pos(start.0, start.1), "end": pos(end.0, end.1) }, "text": insert }]);
        let mut published = c.change(file, version, change);
        // The server's text, whatever it made of the edit, is what the next
        // positions are picked in: keep ours the same (a whole-text change
        // now and then brings them back together).
        if start <= end {
            text = apply(&text, start, end, insert);
        } else {
            published = c.change(file, version, json!([{ "text": text }]));
        }
        let (line, ch) = somewhere(&mut rng, &text);
        let here = json!({ "textDocument": { "uri": uri }, "position": pos(line, ch) });
        for method in [
            "textDocument/completion",
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/prepareRename",
        ] {
            let r = c.request_raw(method, here.clone());
            assert!(
                r.as_ref().err().is_none_or(|e| e.code != -32603),
                "seed {seed}, {file} version {version}, {method} at {line}:{ch}: {r:?}"
            );
        }
        // Code actions for a finding just published (its fix, fix-all),
        // or for none.
        let (range, context) = match published.get(rng.below(published.len() + 1)) {
            Some(d) => (d["range"].clone(), json!([d])),
            None => (
                json!({ "start": pos(line, 0), "end": pos(line, ch) }),
                json!([]),
            ),
        };
        let r = c.request_raw(
            "textDocument/codeAction",
            json!({ "textDocument": { "uri": uri }, "range": range, "context": { "diagnostics": context } }),
        );
        assert!(r.is_ok(), "seed {seed}, {file} version {version}: {r:?}");
    }
    // Back to the text it started from: no syntax finding left over.
    let d = c.change(file, 400, json!([{ "text": start }]));
    assert!(!codes(&d).iter().any(|c| c.starts_with('L')), "{d:?}");
    let _: Value = c.request("textDocument/hover", at(file, 0, 0));
    c.stop();
}
