//! Inputs on which the lint once did work growing faster than the content
//! (issue 18, `sc3_lint::worst_case`), at sizes where the old code took
//! seconds to minutes in a debug build and the new one milliseconds. The
//! tests check what is found, not how long it takes; a return of the old
//! behaviour shows as a suite that suddenly takes minutes.

use prh::{BACKTRACK_LIMIT, Budget, MAX_BACKTRACKING_CHARS};
use sc3_lint::report::{self, HumanOptions};
use sc3_lint::{Report, lint, worst_case};
use sc3_model::load_from_memory;

fn lint_files(files: &worst_case::Files) -> Report {
    lint(load_from_memory(
        files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())),
    ))
}

fn with_code<'r>(r: &'r Report, code: &str) -> Vec<&'r sc3_model::Diagnostic> {
    r.diagnostics.iter().filter(|d| d.code == code).collect()
}

/// The `[path:line:column]` headers of a human report, in order.
fn headers(text: &str) -> Vec<&str> {
    text.lines()
        .filter_map(|l| Some(l.split_once("╭─[")?.1.strip_suffix(']').unwrap_or(l)))
        .collect()
}

#[test]
fn the_human_report_of_a_thousand_findings_in_one_file() {
    // 8 to 10 s before (every snippet read the file from its start), 0.3 s now.
    let r = lint_files(&worst_case::report(1000));
    assert_eq!(with_code(&r, "T001").len(), 1000);
    assert_eq!(r.diagnostics.len(), 1000, "{:?}", r.diagnostics.first());
    let text = report::human(&r, HumanOptions::default());
    let heads = headers(&text);
    // Each finding, then the glossary definition it relates to.
    assert_eq!(heads.len(), 2000);
    assert_eq!(heads[0], "book/src/report.md:3:8");
    assert_eq!(heads[1998], "book/src/report.md:1002:8");
    assert_eq!(heads[1999], "guidelines/glossary/common.toml:7:13");
    // The last finding shows its line with one line of context either side.
    let last = text.rfind("╭─[book/src/report.md:1002:8]").unwrap();
    let snippet: Vec<&str> = text[last..].lines().skip(1).take(5).collect();
    assert!(
        snippet[0].starts_with(" 1001 │ 00998. サーバ"),
        "{snippet:?}"
    );
    assert!(
        snippet[1].starts_with(" 1002 │ 00999. サーバ"),
        "{snippet:?}"
    );
    assert!(snippet[2].contains("───┬──"), "{snippet:?}");
    assert!(text.ends_with("エラー 0 件、警告 1000 件、情報 0 件（2 ファイルを検査）\n"));
}

#[test]
fn a_finding_on_a_long_line_shows_the_line_around_it() {
    // 400 variants on one line of 200 KB: before, each snippet printed the
    // whole line (80 MB in all); now a window of the line around the span.
    let unit = "確認のため、サーバの設定を点検し、担当者が結果を記録して照らし合わせます。";
    let line = unit.repeat(400);
    let files = vec![
        worst_case::report(0)[0].clone(),
        ("book/src/long.md".to_owned(), format!("# 記録\n\n{line}\n")),
    ];
    let r = lint_files(&files);
    assert_eq!(with_code(&r, "T001").len(), 400);
    let text = report::human(&r, HumanOptions::default());
    assert!(text.len() < 400 * 3000, "{} bytes", text.len());
    let per_unit = unit.chars().count();
    let heads = headers(&text);
    assert_eq!(heads[0], "book/src/long.md:3:7");
    assert_eq!(
        heads[2 * 399],
        format!("book/src/long.md:3:{}", 399 * per_unit + 7)
    );
    // The last finding's snippet: the end of the line, not its start, and
    // no context line (the window does not start at a line start).
    let last = text.rfind("╭─[book/src/long.md").unwrap();
    let shown = text[last..].lines().nth(1).unwrap();
    assert!(shown.starts_with(" 3 │ "), "{shown}");
    assert!(shown.ends_with("照らし合わせます。"), "{shown}");
    assert!(shown.len() < 2000, "{} bytes", shown.len());
    assert!(shown.contains("サーバの設定"));
}

#[test]
fn spelling_variation_on_a_single_line_paragraph_of_256_kb() {
    // 6.5 s before (every word compared with every registered term of its
    // paragraph), 0.3 s now.
    let r = lint_files(&worst_case::spelling(256 * 1024));
    let t004 = with_code(&r, "T004");
    assert_eq!(t004.len(), 1);
    assert_eq!(
        t004[0].message,
        "送り仮名だけが違う書き方が混在しています: 「取り組み」1 か所、「取組み」1 か所"
    );
    let file = r.repo.file(t004[0].file.unwrap());
    assert_eq!(file.slice(t004[0].span.as_ref().unwrap()), "取組み");
}

#[test]
fn a_group_chain_1500_levels_deep_has_its_one_cycle_reported_once() {
    // 8 s before (cubic), milliseconds now.
    let r = lint_files(&worst_case::cycle(1500));
    let r004 = with_code(&r, "R004");
    assert_eq!(r004.len(), 1);
    assert_eq!(
        r004[0].message,
        "グループの親子関係が循環しています: g0 → g1 → g0"
    );
    let file = r.repo.file(r004[0].file.unwrap());
    assert_eq!(file.slice(r004[0].span.as_ref().unwrap()), "\"g1\"");
    assert_eq!(file.position(r004[0].span.as_ref().unwrap().start).line, 8);
}

fn matcher(pattern: &str) -> prh::PrhMatcher {
    let yaml = format!("version: 1\nrules:\n  - expected: サーバー\n    pattern: {pattern}\n");
    let file = prh::parse("hostile.yml", &yaml).unwrap();
    prh::PrhDictionary::from_file(file).compile().unwrap()
}

/// The paragraph of `worst_case::prh`: `n` サーバ, one line.
fn servers(n: usize) -> String {
    format!("{}接続します。", "サーバと".repeat(n))
}

#[test]
fn a_lookahead_rule_is_not_run_on_a_paragraph_over_its_budget_and_says_so() {
    // 30,000 characters: 3 minutes before (debug build), milliseconds now.
    let m = matcher("/サーバ(?=[^。]*ます)/");
    let text = servers(7500);
    let found = m.find(&text);
    assert!(found.matches.is_empty());
    assert_eq!(
        found.incomplete,
        [prh::Incomplete {
            start: 0,
            end: text.len(),
            rule_index: 0,
            budget: Budget::TooLong { chars: 30_006 },
        }]
    );
    // Within the budget, every match is found, as textlint finds them.
    let text = servers(498);
    assert!(text.chars().count() > MAX_BACKTRACKING_CHARS - 4);
    assert!(text.chars().count() <= MAX_BACKTRACKING_CHARS);
    let found = m.find(&text);
    assert!(found.incomplete.is_empty());
    assert_eq!(found.matches.len(), 498);
    assert!(found.matches.iter().all(|f| f.matched == "サーバ"));
    // Each paragraph has its own budget: a short one after a long one is checked.
    let text = format!("{}\n\nサーバを止めます。", servers(600));
    let found = m.find(&text);
    assert_eq!(found.matches.len(), 1);
    assert_eq!(found.incomplete.len(), 1);
    assert_eq!(found.incomplete[0].end, text.find("\n\n").unwrap());
    // Rules the regex crate runs (no look-around) have no budget.
    let plain = matcher("/サーバ(?:と|を)/");
    let found = plain.find(&servers(7500));
    assert_eq!(found.matches.len(), 7500);
    assert!(found.incomplete.is_empty());
    assert!(found.matches.iter().all(|f| f.matched == "サーバと"));
}

#[test]
fn a_search_that_backtracks_too_much_stops_and_says_so() {
    let m = matcher("/(サ)(?=(?:\\1|サ)*ます)/");
    let found = m.find(&"サ".repeat(40));
    assert!(found.matches.is_empty());
    assert_eq!(found.incomplete.len(), 1);
    assert_eq!(found.incomplete[0].budget, Budget::Backtracking);
    // The limit leaves room for what prh dictionaries write.
    const { assert!(BACKTRACK_LIMIT >= 50 * MAX_BACKTRACKING_CHARS) };
}

#[test]
fn two_thousand_prh_disable_lines_in_one_paragraph() {
    // Every finding was compared with every pragma: 9 s before, now each
    // distinct text once against all patterns together.
    let m = matcher("/サーバ(?:と|を)?/");
    // Plain, look-ahead and invalid (compared as text) patterns.
    let mut text: String = (0..2000)
        .map(|i| match i % 3 {
            0 => format!("サーバと prh:disable:x{i}\n"),
            1 => format!("サーバと prh:disable:x(?=y{i})\n"),
            _ => format!("サーバと prh:disable:x{i}[\n"),
        })
        .collect();
    let found = m.find(&text);
    assert_eq!(found.matches.len(), 2000);
    assert!(found.matches.iter().all(|f| f.matched == "サーバと"));
    // One more pattern that matches the findings drops them all.
    text.push_str("prh:disable:バと\n");
    assert!(m.find(&text).matches.is_empty());
}
