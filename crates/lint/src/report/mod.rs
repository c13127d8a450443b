//! Output formats for a lint [`Report`]: each a pure function to a `String`.
//!
//! Positions are 1-based; columns count Unicode characters; an end position is
//! exclusive (the character after the span), as in SARIF.

mod github;
mod human;
mod json;
mod sarif;
mod visible;

pub use github::render as github;
pub use human::{HumanOptions, render as human, render_one as human_one};
pub use json::{render as json, write as json_to};
pub use sarif::render as sarif;
pub use visible::{is_control, visible};

use sc3_model::{Diagnostic, Position, Repository, Severity};

use crate::{Report, RuleMeta};

/// Where a diagnostic is, in the terms every format shares.
pub(crate) struct Place<'a> {
    /// Path relative to the root, `/`-separated.
    pub path: &'a str,
    pub start: Position,
    pub end: Position,
}

pub(crate) fn place<'a>(repo: &'a Repository, d: &Diagnostic) -> Option<Place<'a>> {
    let file = repo.file(d.file?);
    let (start, end) = match &d.span {
        Some(span) => file.range(span),
        None => {
            let p = Position { line: 1, column: 1 };
            (p, p)
        }
    };
    Some(Place {
        path: &file.path,
        start,
        end,
    })
}

/// Metadata of every code a report can contain: loader codes, then rules.
pub(crate) fn all_codes() -> Vec<RuleMeta> {
    let mut v: Vec<RuleMeta> = sc3_model::diag::codes::ALL
        .iter()
        .map(|&(code, name, summary)| RuleMeta {
            code,
            name,
            severity: Severity::Error,
            summary,
            doc: "",
        })
        .collect();
    v.extend(crate::all_rules().into_iter().copied());
    v
}

/// Counts the report ends with, in Japanese.
pub(crate) fn summary_line(report: &Report) -> String {
    let s = report.summary();
    format!(
        "エラー {} 件、警告 {} 件、情報 {} 件（{} ファイルを検査）",
        s.errors, s.warnings, s.infos, s.files
    )
}
