//! `--format json`: the shape scripts depend on.
//!
//! ```json
//! {"diagnostics":[{"code","severity","message","file","line","column",
//!                  "end_line","end_column","help",
//!                  "fix": null | {"replacement","line","column","end_line","end_column"},
//!                  "related": [{"file","line","column","message"}]}],
//!  "summary":{"errors","warnings","infos","files"}}
//! ```

use serde_json::{Value, json};

use super::place;
use crate::Report;

pub fn render(report: &Report) -> String {
    let diagnostics: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let p = place(&report.repo, d);
            json!({
                "code": d.code,
                "severity": d.severity.as_str(),
                "message": d.message,
                "file": p.as_ref().map(|p| p.path),
                "line": p.as_ref().map(|p| p.start.line),
                "column": p.as_ref().map(|p| p.start.column),
                "end_line": p.as_ref().map(|p| p.end.line),
                "end_column": p.as_ref().map(|p| p.end.column),
                "help": d.help,
                "fix": d.fix.as_ref().map(|f| {
                    let file = report.repo.file(d.file.expect("a fix belongs to a file"));
                    let (s, e) = file.range(&f.span);
                    json!({
                        "replacement": f.replacement,
                        "line": s.line,
                        "column": s.column,
                        "end_line": e.line,
                        "end_column": e.column,
                    })
                }),
                "related": d.related.iter().map(|r| {
                    let file = report.repo.file(r.file);
                    let p = file.position(r.span.start);
                    json!({ "file": file.path, "line": p.line, "column": p.column, "message": r.message })
                }).collect::<Vec<_>>(),
            })
        })
        .collect();
    let s = report.summary();
    let doc = json!({
        "diagnostics": diagnostics,
        "summary": {
            "errors": s.errors,
            "warnings": s.warnings,
            "infos": s.infos,
            "files": s.files,
        }
    });
    let mut text = serde_json::to_string_pretty(&doc).expect("a JSON value always serialises");
    text.push('\n');
    text
}
