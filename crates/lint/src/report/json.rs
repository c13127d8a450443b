//! `--format json`: the shape scripts depend on.
//!
//! ```json
//! {"diagnostics":[{"code","severity","message","file","line","column",
//!                  "end_line","end_column","help",
//!                  "fix": null | {"replacement","line","column","end_line","end_column"},
//!                  "related": [{"file","line","column","message"}]}],
//!  "summary":{"errors","warnings","infos","files"}}
//! ```
//!
//! The document is serialised straight from borrowed structs: building a
//! `serde_json::Value` tree first cost more than all the lint rules together
//! on a large corpus.

use serde::Serialize;

use super::place;
use crate::Report;

#[derive(Serialize)]
struct Document<'a> {
    diagnostics: Vec<Entry<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
struct Entry<'a> {
    code: &'a str,
    severity: &'a str,
    message: &'a str,
    file: Option<&'a str>,
    line: Option<usize>,
    column: Option<usize>,
    end_line: Option<usize>,
    end_column: Option<usize>,
    help: Option<&'a str>,
    fix: Option<Fix<'a>>,
    related: Vec<Related<'a>>,
}

#[derive(Serialize)]
struct Fix<'a> {
    replacement: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

#[derive(Serialize)]
struct Related<'a> {
    file: &'a str,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct Summary {
    errors: usize,
    warnings: usize,
    infos: usize,
    files: usize,
}

/// The report as one JSON document, in a string.
pub fn render(report: &Report) -> String {
    let mut out = Vec::new();
    write(report, &mut out).expect("writing to memory does not fail");
    String::from_utf8(out).expect("serde_json writes UTF-8")
}

/// The report as one JSON document, written to `out` as it is made: a
/// report of thousands of findings is never held whole in memory.
pub fn write(report: &Report, mut out: impl std::io::Write) -> std::io::Result<()> {
    let repo = &report.repo;
    let diagnostics = report
        .diagnostics
        .iter()
        .map(|d| {
            let p = place(repo, d);
            Entry {
                code: d.code,
                severity: d.severity.as_str(),
                message: &d.message,
                file: p.as_ref().map(|p| p.path),
                line: p.as_ref().map(|p| p.start.line),
                column: p.as_ref().map(|p| p.start.column),
                end_line: p.as_ref().map(|p| p.end.line),
                end_column: p.as_ref().map(|p| p.end.column),
                help: d.help.as_deref(),
                fix: d.fix.as_ref().and_then(|f| {
                    let (s, e) = repo.file(d.file?).range(&f.span);
                    Some(Fix {
                        replacement: &f.replacement,
                        line: s.line,
                        column: s.column,
                        end_line: e.line,
                        end_column: e.column,
                    })
                }),
                related: d
                    .related
                    .iter()
                    .map(|r| {
                        let file = repo.file(r.file);
                        let p = file.position(r.span.start);
                        Related {
                            file: &file.path,
                            line: p.line,
                            column: p.column,
                            message: &r.message,
                        }
                    })
                    .collect(),
            }
        })
        .collect();
    let s = report.summary();
    let doc = Document {
        diagnostics,
        summary: Summary {
            errors: s.errors,
            warnings: s.warnings,
            infos: s.infos,
            files: s.files,
        },
    };
    serde_json::to_writer_pretty(&mut out, &doc)?;
    out.write_all(b"\n")
}
