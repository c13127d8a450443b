//! `--format json`: the shape scripts depend on.
//!
//! ```json
//! {"diagnostics":[{"code","severity","message","file","line","column",
//!                  "end_line","end_column","help"}],
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
