//! What every fuzz target checks, and the fixed content they run against.
//!
//! The properties are the ones ARCHITECTURE.md and SECURITY.md promise: no
//! panic, and every place a diagnostic, a related note or a fix points at lies
//! inside its file's text, on character boundaries, so the line and column
//! shown to people are inside the input.

use sc3_lint::report::{HumanOptions, human_one};
use sc3_model::{Diagnostic, Repository};

/// The design examples (tests/fixtures/examples): a small repository that
/// lints clean, so a fuzzed file has references, glossaries and crosswalks to
/// interact with.
pub const EXAMPLES: [(&str, &str); 6] = [
    (
        "guidelines/example-base/1.0.toml",
        include_str!("../../tests/fixtures/examples/guidelines/example-base/1.0.toml"),
    ),
    (
        "guidelines/example-assoc/2.0.toml",
        include_str!("../../tests/fixtures/examples/guidelines/example-assoc/2.0.toml"),
    ),
    (
        "guidelines/glossary/common.toml",
        include_str!("../../tests/fixtures/examples/guidelines/glossary/common.toml"),
    ),
    (
        "guidelines/industries/example-industry.toml",
        include_str!("../../tests/fixtures/examples/guidelines/industries/example-industry.toml"),
    ),
    (
        "mappings/example-assoc@2.0--example-base@1.0.toml",
        include_str!(
            "../../tests/fixtures/examples/mappings/example-assoc@2.0--example-base@1.0.toml"
        ),
    ),
    (
        "book/src/intro.md",
        include_str!("../../tests/fixtures/examples/book/src/intro.md"),
    ),
];

/// Panics unless `span` is a valid range of `text` on character boundaries.
fn check_span(text: &str, span: &std::ops::Range<usize>, what: &str, d: &Diagnostic) {
    assert!(
        span.start <= span.end && span.end <= text.len(),
        "{what} {span:?} outside a text of {} bytes: {d:?}",
        text.len()
    );
    assert!(
        text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
        "{what} {span:?} splits a character: {d:?}"
    );
}

/// Checks every diagnostic's file, span, related places and fix, and that the
/// line of each is a line of the file.
pub fn check_places(repo: &Repository, diagnostics: &[Diagnostic]) {
    for d in diagnostics {
        let Some(file) = d.file else {
            assert!(d.span.is_none(), "a span without a file: {d:?}");
            assert!(d.fix.is_none(), "a fix without a file: {d:?}");
            continue;
        };
        assert!(file.0 < repo.files.len(), "no such file: {d:?}");
        let f = repo.file(file);
        let lines = f.text.split('\n').count();
        if let Some(span) = &d.span {
            check_span(&f.text, span, "span", d);
            let (start, end) = f.range(span);
            assert!(start.line >= 1 && start.line <= lines && start.column >= 1);
            assert!(end >= start && end.line <= lines);
        }
        if let Some(fix) = &d.fix {
            check_span(&f.text, &fix.span, "fix", d);
        }
        for r in &d.related {
            assert!(r.file.0 < repo.files.len(), "no such related file: {d:?}");
            check_span(&repo.file(r.file).text, &r.span, "related span", d);
        }
    }
}

/// Renders the first few diagnostics as people see them (miette): rendering
/// must not panic on any span the checks above let through.
pub fn render_some(repo: &Repository, diagnostics: &[Diagnostic]) {
    for d in diagnostics.iter().take(4) {
        let _ = human_one(repo, d, HumanOptions::default());
    }
}

/// Lints, checks every place, renders a few findings, and applies the fixes
/// (whose result must still load without panicking).
pub fn lint_and_check(loaded: sc3_model::Loaded) {
    check_places(&loaded.repo, &loaded.diagnostics);
    let report = sc3_lint::lint(loaded);
    check_places(&report.repo, &report.diagnostics);
    render_some(&report.repo, &report.diagnostics);
    for fixed in sc3_lint::fix::apply(&report.repo, &report.diagnostics) {
        let path = report.repo.file(fixed.file).path.clone();
        let again = sc3_model::load_from_memory([(path.as_str(), fixed.bytes.as_slice())]);
        check_places(&again.repo, &again.diagnostics);
    }
}
