//! Hostile content reaches no terminal: control characters a pull request
//! writes (raw in Markdown, as `\u001b` in TOML, in a file name) are shown as
//! pictures in the human report and the GitHub annotations, so that they
//! cannot rename, clear or recolour the reviewer's terminal or CI log, and
//! the underline still points at the finding.

use sc3_lint::report::{self, HumanOptions};
use sc3_lint::{Report, lint};
use sc3_model::load_from_memory;

/// A Markdown page with escape sequences before a half-width katakana word
/// (T003), a crosswalk whose target id carries some (R002), and a page
/// whose file name does.
fn hostile() -> Report {
    let files: Vec<(&str, Vec<u8>)> = vec![
        (
            "book/x.md",
            b"# t\n\n\x1b]0;T\x07\x1b[31mred\x1b[0m\x7f\xc2\x9b\r ok \xef\xbd\xbb\xef\xbd\xb0\xef\xbe\x8a\xef\xbe\x9e\xef\xbd\xb0\n"
                .to_vec(),
        ),
        (
            "book/\x1b[8mhidden.md",
            "# t\n\nｻｰﾊﾞｰ\n".as_bytes().to_vec(),
        ),
        (
            "guidelines/base/1.toml",
            b"[guideline]\nid = \"base\"\nversion = \"1\"\ntitle = \"t\"\n\n[[item]]\nid = \"a\"\ntitle = \"a\"\n".to_vec(),
        ),
        (
            "mappings/base@1--base@1.toml",
            b"[crosswalk]\nsource = \"base@1\"\ntarget = \"base@1\"\n\n[[map]]\nsource = \"a\"\nrelation = \"covered\"\ntargets = [\"a\\u001b[2J\\r\"]\n".to_vec(),
        ),
    ];
    lint(load_from_memory(
        files.iter().map(|(p, t)| (*p, t.as_slice())),
    ))
}

/// The characters a terminal acts on, but line feeds.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c != '\n' && report::is_control(c))
        .collect()
}

#[test]
fn the_human_report_shows_control_characters_as_pictures() {
    let r = hostile();
    assert!(
        r.diagnostics.iter().any(|d| d.code == "T003"),
        "{:?}",
        r.diagnostics
    );
    assert!(r.diagnostics.iter().any(|d| d.code == "R002"));
    let text = report::human(&r, HumanOptions::default());
    assert_eq!(controls(&text), Vec::<char>::new(), "{text}");
    assert!(
        text.contains("␛]0;T␇␛[31mred␛[0m␡\u{FFFD}␍ ok ｻｰﾊﾞｰ"),
        "{text}"
    );
    assert!(text.contains("「a␛[2J␍」"), "{text}");
    assert!(text.contains("[book/␛[8mhidden.md:1:1]"), "{text}");
    // The header counts characters as written, one per control.
    assert!(text.contains("[book/x.md:3:26]"), "{text}");
}

#[test]
fn the_underline_stays_under_the_finding_after_the_pictures() {
    let text = report::human(&hostile(), HumanOptions::default());
    let lines: Vec<&str> = text.lines().collect();
    // T003's snippet (T010 points at the controls themselves).
    let at = (0..lines.len() - 1)
        .find(|&i| lines[i].contains("␛]0;T␇") && lines[i + 1].contains('─'))
        .expect("the snippet line");
    // Every character before the word is one column wide.
    let word = lines[at].chars().position(|c| c == 'ｻ').unwrap();
    let mark = lines[at + 1].chars().position(|c| c == '─').unwrap();
    assert_eq!(mark, word, "{}\n{}", lines[at], lines[at + 1]);
}

#[test]
fn in_colour_only_the_reports_own_colours_are_escape_sequences() {
    let text = report::human(
        &hostile(),
        HumanOptions {
            width: 100,
            color: true,
        },
    );
    let sgr = regex::Regex::new("\x1b\\[[0-9;]*m").unwrap();
    assert!(sgr.is_match(&text), "coloured");
    let plain = sgr.replace_all(&text, "");
    assert_eq!(controls(&plain), Vec::<char>::new(), "{plain}");
    assert!(plain.contains("␛]0;T␇"));
}

#[test]
fn github_annotations_show_control_characters_as_pictures() {
    let text = report::github(&hostile(), "");
    assert_eq!(controls(&text), Vec::<char>::new(), "{text}");
    assert!(text.contains("「a␛[2J␍」"), "{text}");
    assert!(text.contains("file=book/␛[8mhidden.md,"), "{text}");
}
