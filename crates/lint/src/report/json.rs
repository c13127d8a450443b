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
//! Layout: one finding per line, each line compact JSON, so that `grep`
//! and line diffs work on the report and it stays a third smaller than
//! indented JSON (editors and scripts read it through a pipe):
//!
//! ```text
//! {"diagnostics":[
//! {"code":"T001","severity":"warning",…},
//! {"code":"T004","severity":"info",…}
//! ],
//! "summary":{"errors":0,"warnings":1,"infos":1,"files":3}}
//! ```
//!
//! The document is serialised straight from borrowed structs: building a
//! `serde_json::Value` tree first cost more than all the lint rules together
//! on a large corpus.

use rayon::prelude::*;
use serde::Serialize;

use super::place;
use crate::Report;

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

/// Findings serialised on every core before they are written; each task
/// takes [`CHUNK`] of them.
const BATCH: usize = 2048;
const CHUNK: usize = 128;

/// The report as one JSON document, written to `out` as it is made: a
/// report of thousands of findings is never held whole in memory. Runs of
/// findings are serialised in parallel and written in order.
pub fn write(report: &Report, mut out: impl std::io::Write) -> std::io::Result<()> {
    let repo = &report.repo;
    out.write_all(b"{\"diagnostics\":[")?;
    for (k, batch) in report.diagnostics.chunks(BATCH).enumerate() {
        let pieces: Vec<Vec<u8>> = batch
            .par_chunks(CHUNK)
            .map(|run| {
                let mut buf = Vec::with_capacity(run.len() * 512);
                for d in run {
                    buf.extend_from_slice(b",\n");
                    serde_json::to_writer(&mut buf, &entry(repo, d))
                        .expect("these structs always serialise to memory");
                }
                buf
            })
            .collect();
        for (i, piece) in pieces.iter().enumerate() {
            // The first finding follows the bracket without a comma.
            let skip = usize::from(k == 0 && i == 0);
            out.write_all(&piece[skip..])?;
        }
    }
    if !report.diagnostics.is_empty() {
        out.write_all(b"\n")?;
    }
    let s = report.summary();
    let summary = Summary {
        errors: s.errors,
        warnings: s.warnings,
        infos: s.infos,
        files: s.files,
    };
    let mut buf = b"],\n\"summary\":".to_vec();
    serde_json::to_writer(&mut buf, &summary).expect("a summary always serialises");
    buf.extend_from_slice(b"}\n");
    out.write_all(&buf)
}

/// One finding, with its places resolved to lines and columns.
fn entry<'a>(repo: &'a sc3_model::Repository, d: &'a sc3_model::Diagnostic) -> Entry<'a> {
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
            // Most fixes replace the finding's own span.
            let (s, e) = match &p {
                Some(p) if d.span.as_ref() == Some(&f.span) => (p.start, p.end),
                _ => repo.file(d.file?).range(&f.span),
            };
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
}

#[cfg(test)]
mod tests {
    use super::*;
    use sc3_model::{Diagnostic, load_from_memory};

    /// What `write` must produce: the whole document in one call.
    fn whole(report: &Report) -> String {
        #[derive(Serialize)]
        struct Document<'a> {
            diagnostics: Vec<Entry<'a>>,
            summary: Summary,
        }
        let s = report.summary();
        let doc = Document {
            diagnostics: report
                .diagnostics
                .iter()
                .map(|d| entry(&report.repo, d))
                .collect(),
            summary: Summary {
                errors: s.errors,
                warnings: s.warnings,
                infos: s.infos,
                files: s.files,
            },
        };
        serde_json::to_string(&doc).unwrap()
    }

    /// The report parses to the whole document's value, with one finding on
    /// each line between the first line and the summary.
    fn check_layout(report: &Report) -> Vec<String> {
        let text = render(report);
        let got: serde_json::Value = serde_json::from_str(&text).unwrap();
        let want: serde_json::Value = serde_json::from_str(&whole(report)).unwrap();
        assert_eq!(got, want);
        assert!(text.ends_with("}}\n"), "{text}");
        let lines: Vec<&str> = text.lines().collect();
        let n = report.diagnostics.len();
        let findings = match n {
            0 => {
                assert_eq!(lines.len(), 2, "{text}");
                assert_eq!(lines[0], "{\"diagnostics\":[],");
                &[][..]
            }
            _ => {
                assert_eq!(lines.len(), n + 3, "{text}");
                assert_eq!(lines[0], "{\"diagnostics\":[");
                assert_eq!(lines[n + 1], "],");
                &lines[1..=n]
            }
        };
        assert!(
            lines
                .last()
                .unwrap()
                .starts_with("\"summary\":{\"errors\":")
        );
        findings
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let one = if i + 1 < n {
                    l.strip_suffix(',')
                        .expect("a comma after each finding but the last")
                } else {
                    l
                };
                let v: serde_json::Value = serde_json::from_str(one).unwrap();
                assert_eq!(v, want["diagnostics"][i]);
                v["code"].as_str().unwrap().to_owned()
            })
            .collect()
    }

    fn report(files: &[(&str, &str)]) -> Report {
        crate::lint(load_from_memory(
            files.iter().map(|(p, t)| (*p, t.as_bytes())),
        ))
    }

    #[test]
    fn written_in_batches_it_is_the_whole_document_one_finding_a_line() {
        // Findings with and without a place, a fix, related places, text
        // that needs escaping (a line break and a control character too);
        // more than one batch.
        let glossary = "[glossary]\nid = \"g\"\nscope = \"all\"\n\n[[term]]\npreferred = \"取り組み\"\nvariants = [\"取組み\"]\n";
        let mut prose = String::from("# 見出し\n\n");
        for i in 0..(BATCH + 40) {
            prose.push_str(&format!("取組み {i} は \"引用\" と \\ と\ttab。\n\n"));
        }
        let mut r = report(&[
            ("guidelines/glossary/g.toml", glossary),
            ("book/src/a.md", &prose),
            ("book/src/打合せ.md", "打合せと打ち合わせ、打合せ。\n"),
        ]);
        r.diagnostics
            .push(Diagnostic::error("X001", "場所のない指摘 \u{1}\n二行目"));
        assert!(r.diagnostics.len() > BATCH, "{}", r.diagnostics.len());
        assert!(r.diagnostics.iter().any(|d| d.fix.is_some()));
        assert!(r.diagnostics.iter().any(|d| !d.related.is_empty()));
        let codes = check_layout(&r);
        let want: Vec<&str> = r.diagnostics.iter().map(|d| d.code).collect();
        assert_eq!(codes, want);
        assert!(render(&r).contains(r#""message":"場所のない指摘 \u0001\n二行目""#));
    }

    #[test]
    fn one_finding_and_a_clean_report_have_the_same_layout() {
        let r = report(&[("book/src/a.md", "# 見出し\n\n問題のない文です。\n")]);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert!(check_layout(&r).is_empty());
        let mut r = r;
        r.diagnostics.push(Diagnostic::error("X001", "一つだけ"));
        assert_eq!(check_layout(&r), ["X001"]);
    }
}
