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
/// report of thousands of findings is never held whole in memory. The bytes
/// are `serde_json::to_writer_pretty`'s for the whole document; runs of
/// findings are serialised in parallel, each already indented to its place.
pub fn write(report: &Report, mut out: impl std::io::Write) -> std::io::Result<()> {
    let repo = &report.repo;
    if report.diagnostics.is_empty() {
        out.write_all(b"{\n  \"diagnostics\": [],\n")?;
    } else {
        out.write_all(b"{\n  \"diagnostics\": [\n")?;
        for (k, batch) in report.diagnostics.chunks(BATCH).enumerate() {
            let pieces: Vec<Vec<u8>> = batch
                .par_chunks(CHUNK)
                .map(|run| {
                    let mut buf = Vec::with_capacity(run.len() * 512);
                    for (i, d) in run.iter().enumerate() {
                        if i > 0 {
                            buf.extend_from_slice(b",\n");
                        }
                        buf.extend_from_slice(b"    ");
                        pretty_at(&mut buf, &entry(repo, d), 2);
                    }
                    buf
                })
                .collect();
            for (i, piece) in pieces.iter().enumerate() {
                if k > 0 || i > 0 {
                    out.write_all(b",\n")?;
                }
                out.write_all(piece)?;
            }
        }
        out.write_all(b"\n  ],\n")?;
    }
    let s = report.summary();
    let summary = Summary {
        errors: s.errors,
        warnings: s.warnings,
        infos: s.infos,
        files: s.files,
    };
    let mut buf = b"  \"summary\": ".to_vec();
    pretty_at(&mut buf, &summary, 1);
    out.write_all(&buf)?;
    out.write_all(b"\n}\n")
}

/// Appends `value` as pretty JSON nested `level` deep in a pretty document
/// (its inner lines indented by `level + 1` steps of two spaces, its closing
/// bracket by `level`).
fn pretty_at(buf: &mut Vec<u8>, value: &impl Serialize, level: usize) {
    let mut ser = serde_json::Serializer::with_formatter(
        buf,
        Nested {
            level,
            has_value: false,
        },
    );
    value
        .serialize(&mut ser)
        .expect("these structs always serialise to memory");
}

/// serde_json's pretty layout (two spaces a level, `": "` after keys),
/// starting `level` deep.
struct Nested {
    level: usize,
    has_value: bool,
}

impl Nested {
    fn indent(&self, w: &mut (impl std::io::Write + ?Sized)) -> std::io::Result<()> {
        for _ in 0..self.level {
            w.write_all(b"  ")?;
        }
        Ok(())
    }

    fn open(
        &mut self,
        w: &mut (impl std::io::Write + ?Sized),
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close(
        &mut self,
        w: &mut (impl std::io::Write + ?Sized),
        bracket: &[u8],
    ) -> std::io::Result<()> {
        self.level -= 1;
        if self.has_value {
            w.write_all(b"\n")?;
            self.indent(w)?;
        }
        w.write_all(bracket)
    }

    fn next(&mut self, w: &mut (impl std::io::Write + ?Sized), first: bool) -> std::io::Result<()> {
        w.write_all(if first { b"\n" } else { b",\n" })?;
        self.indent(w)
    }
}

impl serde_json::ser::Formatter for Nested {
    fn begin_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }
    fn end_array_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + std::io::Write>(
        &mut self,
        w: &mut W,
        first: bool,
    ) -> std::io::Result<()> {
        self.next(w, first)
    }
    fn begin_object_value<W: ?Sized + std::io::Write>(&mut self, w: &mut W) -> std::io::Result<()> {
        w.write_all(b": ")
    }
    fn end_object_value<W: ?Sized + std::io::Write>(&mut self, _: &mut W) -> std::io::Result<()> {
        self.has_value = true;
        Ok(())
    }
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
        serde_json::to_string_pretty(&doc).unwrap() + "\n"
    }

    fn report(files: &[(&str, &str)]) -> Report {
        crate::lint(load_from_memory(
            files.iter().map(|(p, t)| (*p, t.as_bytes())),
        ))
    }

    #[test]
    fn written_in_batches_it_is_the_whole_document_byte_for_byte() {
        // Findings with and without a place, a fix, related places, text
        // that needs escaping; more than one batch.
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
            .push(Diagnostic::error("X001", "場所のない指摘 \u{1}"));
        assert!(r.diagnostics.len() > BATCH, "{}", r.diagnostics.len());
        assert!(r.diagnostics.iter().any(|d| d.fix.is_some()));
        assert!(r.diagnostics.iter().any(|d| !d.related.is_empty()));
        assert_eq!(render(&r), whole(&r));
        let parsed: serde_json::Value = serde_json::from_str(&render(&r)).unwrap();
        assert_eq!(
            parsed["diagnostics"].as_array().unwrap().len(),
            r.diagnostics.len()
        );
    }

    #[test]
    fn a_clean_report_is_the_whole_document_too() {
        let r = report(&[("book/src/a.md", "# 見出し\n\n問題のない文です。\n")]);
        assert!(r.diagnostics.is_empty(), "{:?}", r.diagnostics);
        assert_eq!(render(&r), whole(&r));
        assert!(render(&r).contains("\"diagnostics\": [],\n"));
    }
}
