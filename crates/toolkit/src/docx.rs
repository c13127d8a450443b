//! Markdown (as the regulations render) to a DOCX that Word and LibreOffice
//! open, with real heading styles so the chapters appear in the navigation
//! pane and a table of contents can be inserted.
//!
//! Only what the regulations use is understood: headings, paragraphs, bold,
//! numbered and bulleted lists, and tables (written as plain paragraphs per
//! row). Inline HTML (anchors, the cross-reference line) is dropped.

use docx_rs::{
    AbstractNumbering, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat, Numbering,
    NumberingId, Paragraph, Run, RunFonts, Start, Style, StyleType,
};

const FONT: &str = "Yu Gothic";

fn fonts() -> RunFonts {
    RunFonts::new().east_asia(FONT).ascii(FONT).hi_ansi(FONT)
}

/// A bold paragraph style based on Normal; headings carry their outline level
/// so they appear in the navigation pane and in a table of contents.
fn heading(id: &str, name: &str, size: usize, outline: Option<usize>) -> Style {
    let style = Style::new(id, StyleType::Paragraph)
        .name(name)
        .based_on("Normal")
        .bold()
        .size(size)
        .fonts(fonts());
    match outline {
        Some(level) => style.outline_lvl(level),
        None => style,
    }
}

fn styles(doc: Docx) -> Docx {
    doc.add_style(
        Style::new("Normal", StyleType::Paragraph)
            .name("Normal")
            .fonts(fonts())
            .size(21),
    )
    .add_style(heading("Title", "Title", 36, None))
    .add_style(heading("Heading1", "heading 1", 30, Some(0)))
    .add_style(heading("Heading2", "heading 2", 24, Some(1)))
    .add_style(heading("Heading3", "heading 3", 22, Some(2)))
}

/// Text with inline HTML tags removed and the few entities decoded.
fn plain(s: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// A paragraph from Markdown inline text: `**bold**` becomes bold runs.
fn inline(text: &str) -> Paragraph {
    let text = plain(text);
    let mut p = Paragraph::new();
    for (i, part) in text.split("**").enumerate() {
        if part.is_empty() {
            continue;
        }
        let run = Run::new().add_text(part);
        p = p.add_run(if i % 2 == 1 { run.bold() } else { run });
    }
    p
}

/// A one-level list style (numbered or bulleted) with a hanging indent.
fn list_numbering(id: usize, format: &str, text: &str) -> AbstractNumbering {
    AbstractNumbering::new(id).add_level(
        Level::new(
            0,
            Start::new(1),
            NumberFormat::new(format),
            LevelText::new(text),
            LevelJc::new("left"),
        )
        .indent(
            Some(420),
            Some(docx_rs::SpecialIndentType::Hanging(420)),
            None,
            None,
        ),
    )
}

/// Converts `markdown` into DOCX bytes.
pub fn markdown_to_docx(markdown: &str) -> Result<Vec<u8>, String> {
    let mut doc = styles(Docx::new())
        .add_abstract_numbering(list_numbering(1, "decimal", "%1."))
        .add_abstract_numbering(list_numbering(2, "bullet", "・"));
    // Each numbered list restarts at 1: a numbering instance per list.
    let mut next_numbering = 3usize;
    let mut current_list: Option<(usize, bool)> = None; // (numbering id, ordered)
    let mut first_heading = true;
    for line in markdown.lines() {
        let t = line.trim();
        if t.is_empty() {
            current_list = None;
            continue;
        }
        if t.starts_with("<p class=\"sc3-implements\"")
            || t.starts_with("<a id=")
            || t.starts_with("<div")
            || t.starts_with("</div")
        {
            continue;
        }
        if let Some(h) = t.strip_prefix("# ") {
            let style = if first_heading { "Title" } else { "Heading1" };
            first_heading = false;
            doc = doc.add_paragraph(inline(h).style(style));
        } else if let Some(h) = t.strip_prefix("## ") {
            doc = doc.add_paragraph(inline(h).style("Heading1"));
        } else if let Some(h) = t.strip_prefix("### ").or_else(|| t.strip_prefix("#### ")) {
            doc = doc.add_paragraph(inline(h).style("Heading2"));
        } else if let Some((num, rest)) = t
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            let _ = num;
            let id = match current_list {
                Some((id, true)) => id,
                _ => {
                    let id = next_numbering;
                    next_numbering += 1;
                    doc = doc.add_numbering(Numbering::new(id, 1));
                    current_list = Some((id, true));
                    id
                }
            };
            doc = doc
                .add_paragraph(inline(rest).numbering(NumberingId::new(id), IndentLevel::new(0)));
        } else if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            let id = match current_list {
                Some((id, false)) => id,
                _ => {
                    let id = next_numbering;
                    next_numbering += 1;
                    doc = doc.add_numbering(Numbering::new(id, 2));
                    current_list = Some((id, false));
                    id
                }
            };
            doc = doc
                .add_paragraph(inline(rest).numbering(NumberingId::new(id), IndentLevel::new(0)));
        } else if t.starts_with('|') {
            if t.chars().all(|c| matches!(c, '|' | '-' | ':' | ' ')) {
                continue; // the separator row of a table
            }
            let cells: Vec<String> = t
                .trim_matches('|')
                .split('|')
                .map(|c| plain(c.trim()))
                .collect();
            doc = doc.add_paragraph(inline(&cells.join("　")));
        } else {
            current_list = None;
            doc = doc.add_paragraph(inline(t));
        }
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    doc.build().pack(&mut buf).map_err(|e| e.to_string())?;
    Ok(buf.into_inner())
}
