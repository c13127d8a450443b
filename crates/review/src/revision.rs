//! 新旧対照表: for a release, one table per catalog and crosswalk that changed,
//! in the layout Japanese guideline revisions use: 改正後 (new) beside 改正前
//! (old), one row per changed item or entry, the changed passages marked
//! (underlined) in both columns. As Markdown for the handbook (`<ins>` and
//! `<del>`), XLSX (underlined rich text) and DOCX (a real table, underlined
//! runs).

use std::fmt::Write as _;

use docx_rs::{Docx, Paragraph, Run, RunFonts, Table as DocxTable, TableCell, TableRow, WidthType};
use rust_xlsxwriter::{Format, FormatUnderline, Workbook};
use sc3_model::Repository;
use similar::{ChangeTag, TextDiff};

use crate::change::{EntryView, ItemView};
use crate::diff::{Side, diff};

/// A run of text, changed or not.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub text: String,
    pub changed: bool,
}

/// One changed item or entry: its label and both texts, marked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Row {
    /// The item id, or the crosswalk entry's source item.
    pub label: String,
    pub after: Vec<Segment>,
    pub before: Vec<Segment>,
}

/// The table of one catalog or crosswalk.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Table {
    /// `id@version` or `source--target`.
    pub key: String,
    /// What the table is about, for its heading.
    pub title: String,
    pub rows: Vec<Row>,
}

/// The changed passages of `before` and `after`, character by character
/// (Japanese has no spaces to split words at): each side's text as runs,
/// with the runs that differ marked.
pub fn marks(before: &str, after: &str) -> (Vec<Segment>, Vec<Segment>) {
    let diff = TextDiff::from_chars(before, after);
    let (mut b, mut a): (Vec<Segment>, Vec<Segment>) = (Vec::new(), Vec::new());
    let push = |v: &mut Vec<Segment>, text: &str, changed: bool| match v.last_mut() {
        Some(last) if last.changed == changed => last.text.push_str(text),
        _ => v.push(Segment {
            text: text.to_owned(),
            changed,
        }),
    };
    for c in diff.iter_all_changes() {
        let text = c.value();
        match c.tag() {
            ChangeTag::Equal => {
                push(&mut b, text, false);
                push(&mut a, text, false);
            }
            ChangeTag::Delete => push(&mut b, text, true),
            ChangeTag::Insert => push(&mut a, text, true),
        }
    }
    (b, a)
}

fn item_text(i: &ItemView) -> String {
    let mut s = i.title.clone();
    if let Some(t) = &i.text {
        s.push('\n');
        s.push_str(t);
    }
    if let Some(l) = &i.level {
        let _ = write!(s, "（{l}）");
    }
    s
}

fn entry_text(e: &EntryView) -> String {
    let relation = match e.relation.as_deref() {
        Some("covered") => "対応",
        Some("partial") => "準対応",
        Some("none") => "非対応",
        Some("cited") => "参照あり",
        Some("not-cited") => "参照なし",
        _ => "（未記入）",
    };
    let mut s = format!("判定: {relation}");
    if !e.targets.is_empty() {
        let _ = write!(s, "\n突合先: {}", e.targets.join("、"));
    }
    if let Some(r) = &e.rationale {
        let _ = write!(s, "\n理由: {r}");
    }
    if !e.regulations.is_empty() {
        let _ = write!(s, "\nサンプル規程: {}", e.regulations.join("、"));
    }
    if let Some(m) = &e.measure {
        let _ = write!(s, "\n業界固有の対策: {m}");
    }
    s
}

fn row(label: &str, before: &str, after: &str) -> Row {
    let (b, a) = marks(before, after);
    Row {
        label: label.to_owned(),
        after: a,
        before: b,
    }
}

/// The tables between two releases of the repository: every catalog and
/// crosswalk that changed, each with a row per changed, added (empty 改正前)
/// or removed (empty 改正後) item or entry.
pub fn tables(before: &Repository, after: &Repository) -> Vec<Table> {
    let change = diff(
        Side {
            repo: before,
            diagnostics: &[],
        },
        Side {
            repo: after,
            diagnostics: &[],
        },
    );
    let mut out = Vec::new();
    for g in &change.catalogs {
        let mut rows = Vec::new();
        for d in &g.items.changed {
            rows.push(row(&d.id, &item_text(&d.before), &item_text(&d.after)));
        }
        for i in &g.items.added {
            rows.push(row(&i.id, "", &item_text(i)));
        }
        for i in &g.items.removed {
            rows.push(row(&i.id, &item_text(i), ""));
        }
        if !rows.is_empty() {
            out.push(Table {
                key: g.key.clone(),
                title: format!("{}（{}）", g.title, g.key),
                rows,
            });
        }
    }
    for x in &change.crosswalks {
        let mut rows = Vec::new();
        for d in &x.entries.changed {
            rows.push(row(
                &d.source,
                &entry_text(&d.before),
                &entry_text(&d.after),
            ));
        }
        for e in &x.entries.added {
            rows.push(row(&e.source, "", &entry_text(e)));
        }
        for e in &x.entries.removed {
            rows.push(row(&e.source, &entry_text(e), ""));
        }
        if !rows.is_empty() {
            out.push(Table {
                key: x.key.clone(),
                title: format!("突合表 {}", x.key.replace("--", " → ")),
                rows,
            });
        }
    }
    out
}

/// HTML-escaped text with line breaks as `<br>`.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\n' => out.push_str("<br>"),
            c => out.push(c),
        }
    }
    out
}

fn cell_html(segments: &[Segment], tag: &str) -> String {
    segments
        .iter()
        .map(|s| {
            if s.changed {
                format!("<{tag}>{}</{tag}>", html(&s.text))
            } else {
                html(&s.text)
            }
        })
        .collect()
}

/// The tables as Markdown (HTML tables) for the handbook: additions in
/// `<ins>`, deletions in `<del>`; every value escaped.
pub fn markdown(tables: &[Table], heading: &str) -> String {
    let mut out = String::new();
    for t in tables {
        let _ = write!(
            out,
            "{heading} {}\n\n<table class=\"sc3-revision\"><thead><tr><th>項目</th><th>改正後</th><th>改正前</th></tr></thead><tbody>\n",
            html(&t.title)
        );
        for r in &t.rows {
            let _ = writeln!(
                out,
                "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
                html(&r.label),
                cell_html(&r.after, "ins"),
                cell_html(&r.before, "del")
            );
        }
        out.push_str("</tbody></table>\n\n");
    }
    out
}

/// The tables as one XLSX workbook, a sheet per table (改正後, 改正前), the
/// changed passages underlined.
pub fn xlsx(tables: &[Table]) -> Result<Vec<u8>, String> {
    let mut book = Workbook::new();
    let plain = Format::new().set_text_wrap();
    let header = Format::new().set_bold();
    let marked = Format::new()
        .set_underline(FormatUnderline::Single)
        .set_bold();
    for (n, t) in tables.iter().enumerate() {
        let sheet = book.add_worksheet();
        // Sheet names: at most 31 characters, none of []:*?/\.
        let name: String = format!("{} {}", n + 1, t.key)
            .chars()
            .map(|c| if "[]:*?/\\".contains(c) { '_' } else { c })
            .take(31)
            .collect();
        sheet.set_name(&name).map_err(|e| e.to_string())?;
        sheet
            .write_string_with_format(0, 0, &t.title, &header)
            .map_err(|e| e.to_string())?;
        for (c, h) in ["項目", "改正後", "改正前"].iter().enumerate() {
            sheet
                .write_string_with_format(2, c as u16, *h, &header)
                .map_err(|e| e.to_string())?;
        }
        sheet.set_column_width(0, 14).map_err(|e| e.to_string())?;
        sheet.set_column_width(1, 60).map_err(|e| e.to_string())?;
        sheet.set_column_width(2, 60).map_err(|e| e.to_string())?;
        for (i, r) in t.rows.iter().enumerate() {
            let row = 3 + i as u32;
            sheet
                .write_string_with_format(row, 0, &r.label, &plain)
                .map_err(|e| e.to_string())?;
            for (col, segs) in [(1u16, &r.after), (2u16, &r.before)] {
                let parts: Vec<(&Format, &str)> = segs
                    .iter()
                    .filter(|s| !s.text.is_empty())
                    .map(|s| (if s.changed { &marked } else { &plain }, s.text.as_str()))
                    .collect();
                match parts.len() {
                    0 => {}
                    // A rich string needs two runs at least.
                    1 => {
                        sheet
                            .write_string_with_format(row, col, parts[0].1, parts[0].0)
                            .map_err(|e| e.to_string())?;
                    }
                    _ => {
                        sheet
                            .write_rich_string_with_format(row, col, &parts, &plain)
                            .map_err(|e| e.to_string())?;
                    }
                }
            }
        }
    }
    book.save_to_buffer().map_err(|e| e.to_string())
}

const FONT: &str = "Yu Gothic";

fn run(text: &str, changed: bool) -> Run {
    let fonts = RunFonts::new().east_asia(FONT).ascii(FONT).hi_ansi(FONT);
    let r = Run::new().add_text(text).fonts(fonts);
    if changed {
        r.underline("single").bold()
    } else {
        r
    }
}

/// One cell's paragraphs: a paragraph per line, each line's runs underlined
/// where changed.
fn cell_docx(segments: &[Segment]) -> TableCell {
    let mut cell = TableCell::new();
    let mut para = Paragraph::new();
    for s in segments {
        let mut lines = s.text.split('\n');
        if let Some(first) = lines.next()
            && !first.is_empty()
        {
            para = para.add_run(run(first, s.changed));
        }
        for line in lines {
            cell = cell.add_paragraph(para);
            para = Paragraph::new();
            if !line.is_empty() {
                para = para.add_run(run(line, s.changed));
            }
        }
    }
    cell.add_paragraph(para)
}

/// The tables as a DOCX: a heading and a real table per catalog or crosswalk,
/// the changed passages underlined, as 新旧対照表 are printed.
pub fn docx(tables: &[Table], title: &str) -> Result<Vec<u8>, String> {
    let mut doc = Docx::new().add_paragraph(Paragraph::new().add_run(run(title, false).size(32)));
    doc = doc.add_paragraph(Paragraph::new().add_run(run("（傍線部分は改正部分）", false)));
    for t in tables {
        doc = doc.add_paragraph(Paragraph::new().add_run(run(&t.title, false).size(26).bold()));
        let mut rows = vec![TableRow::new(vec![
            TableCell::new().add_paragraph(Paragraph::new().add_run(run("項目", false).bold())),
            TableCell::new().add_paragraph(Paragraph::new().add_run(run("改正後", false).bold())),
            TableCell::new().add_paragraph(Paragraph::new().add_run(run("改正前", false).bold())),
        ])];
        for r in &t.rows {
            rows.push(TableRow::new(vec![
                TableCell::new().add_paragraph(Paragraph::new().add_run(run(&r.label, false))),
                cell_docx(&r.after),
                cell_docx(&r.before),
            ]));
        }
        let table = DocxTable::new(rows)
            .set_grid(vec![1300, 4000, 4000])
            .width(9300, WidthType::Dxa);
        doc = doc.add_table(table);
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build()
        .pack(&mut buf)
        .map_err(|e| format!("cannot write the DOCX: {e}"))?;
    Ok(buf.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn show(v: &[Segment]) -> String {
        v.iter()
            .map(|s| {
                if s.changed {
                    format!("[{}]", s.text)
                } else {
                    s.text.clone()
                }
            })
            .collect()
    }

    #[test]
    fn changed_passages_are_marked_on_both_sides() {
        let (b, a) = marks("事故に備える", "事故と災害に備える");
        assert_eq!(show(&b), "事故に備える");
        assert_eq!(show(&a), "事故[と災害]に備える");
        let (b, a) = marks("パスワードは8文字以上", "パスワードは10文字以上");
        assert_eq!(show(&b), "パスワードは[8]文字以上");
        assert_eq!(show(&a), "パスワードは[10]文字以上");
    }

    #[test]
    fn markdown_escapes_values_and_marks_changes() {
        let t = Table {
            key: "a@1".into(),
            title: "<script>".into(),
            rows: vec![row("1", "古い<b>", "新しい<b>")],
        };
        let md = markdown(&[t], "##");
        assert!(md.contains("## &lt;script&gt;"));
        assert!(
            md.contains("<td><ins>新し</ins>い&lt;b&gt;</td><td><del>古</del>い&lt;b&gt;</td>")
        );
    }
}
