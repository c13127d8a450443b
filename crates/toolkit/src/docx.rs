//! Markdown (as the regulations render) to a DOCX that Word and LibreOffice
//! open, with real heading styles so the chapters appear in the navigation
//! pane and a table of contents can be inserted.
//!
//! Only what the regulations use is understood: headings, paragraphs, bold,
//! numbered and bulleted lists, and tables (written as plain paragraphs per
//! row). Inline HTML (anchors, the cross-reference line) is dropped.

use docx_rs::{
    AbstractNumbering, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, Paragraph, Run, RunFonts, Start, Style, StyleType,
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

/// A character reference's character: `&#45;`, `&#x2D;`, `&amp;` (the
/// site's escape writes every character that means something to Markdown or
/// HTML as one), or `None` when `s` does not start with a reference.
fn reference(s: &str) -> Option<(char, usize)> {
    // The longest reference read is `&#x10FFFF;`: look no further, so text
    // with many `&` stays linear.
    let end = s.bytes().take(11).position(|b| b == b';')?;
    let body = &s[1..end];
    let c = if let Some(hex) = body.strip_prefix("#x").or_else(|| body.strip_prefix("#X")) {
        u32::from_str_radix(hex, 16)
            .ok()
            .map(|n| char::from_u32(n).unwrap_or('\u{FFFD}'))?
    } else if let Some(dec) = body.strip_prefix('#') {
        dec.parse::<u32>()
            .ok()
            .map(|n| char::from_u32(n).unwrap_or('\u{FFFD}'))?
    } else {
        match body {
            "amp" => '&',
            "lt" => '<',
            "gt" => '>',
            "quot" => '"',
            "apos" => '\'',
            "nbsp" => '\u{A0}',
            _ => return None,
        }
    };
    Some((c, end + 1))
}

/// Whether XML 1.0 allows `c` in a document (tab, line feed, carriage
/// return and everything from U+0020 except U+FFFE and U+FFFF).
fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// Markdown inline text as it reads in Word: inline HTML tags removed
/// (`<br>` becomes a line break), character references decoded once, and
/// characters XML cannot hold (control characters) replaced by U+FFFD, as
/// the handbook's pages show them. docx-rs escapes `&`, `<`, `>`, `"` and
/// `'` for XML itself.
fn plain(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(c) = rest.chars().next() {
        let mut len = c.len_utf8();
        match c {
            '<' if rest[1..].starts_with(|n: char| n.is_ascii_alphabetic() || n == '/') => {
                // A tag ends at `>`; a `<` first means this one is text (and
                // keeps the scan linear).
                match rest[1..]
                    .find(['<', '>'])
                    .map(|i| i + 1)
                    .filter(|&i| rest[i..].starts_with('>'))
                {
                    Some(end) => {
                        let tag = rest[1..end].trim().trim_end_matches('/').trim();
                        if tag.eq_ignore_ascii_case("br") {
                            out.push('\n');
                        }
                        len = end + 1;
                    }
                    None => out.push('<'),
                }
            }
            '&' => match reference(rest) {
                Some((decoded, used)) => {
                    out.push(if xml_char(decoded) {
                        decoded
                    } else {
                        '\u{FFFD}'
                    });
                    len = used;
                }
                None => out.push('&'),
            },
            c if xml_char(c) => out.push(c),
            _ => out.push('\u{FFFD}'),
        }
        rest = &rest[len..];
    }
    out
}

/// A paragraph from Markdown inline text: `**bold**` becomes bold runs and
/// line breaks (`<br>`) breaks within the paragraph. Bold is found before
/// references are decoded, so an asterisk in content (`&#42;`) stays text.
fn inline(text: &str) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, part) in text.split("**").enumerate() {
        let part = plain(part);
        for (j, line) in part.split(['\n', '\r']).enumerate() {
            if j > 0 {
                p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
            }
            if line.is_empty() {
                continue;
            }
            let run = Run::new().add_text(line);
            p = p.add_run(if i % 2 == 1 { run.bold() } else { run });
        }
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
            // Cells are split on the raw text: a `|` in content is `&#124;`.
            let cells: Vec<&str> = t.trim_matches('|').split('|').map(str::trim).collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_reaches_word_as_the_characters_it_stands_for() {
        // What the site's escape makes of a company name, decoded once.
        let escaped = "ABC&#45;Tech &#40;Japan&#41; &#60;&#38;&#34;&#39;&#62;";
        assert_eq!(plain(escaped), "ABC-Tech (Japan) <&\"'>");
        assert_eq!(plain("&#x2D;&amp;lt;&nbsp;"), "-&lt;\u{A0}");
        assert_eq!(plain("一行目<br>二行目<a id=\"x\"></a>"), "一行目\n二行目");
        assert_eq!(plain("a < b & c"), "a < b & c");
        assert_eq!(plain("<a<b>x"), "<ax");
        assert_eq!(
            plain("&#1114111;&#11141111;&#111411111;"),
            "\u{10FFFF}\u{FFFD}&#111411111;"
        );
        // Characters XML 1.0 cannot hold, raw or as references.
        assert_eq!(
            plain("\u{1}x&#1;&#xD800;&#xFFFE;\u{FFFF}\t"),
            "\u{FFFD}x\u{FFFD}\u{FFFD}\u{FFFD}\u{FFFD}\t"
        );
    }
}
