//! Markdown (as the regulations render) to a DOCX that Word and LibreOffice
//! open, with real heading styles so the chapters appear in the navigation
//! pane and a table of contents can be inserted.
//!
//! Only what the regulations use is understood: headings, clause titles,
//! paragraphs, bold, numbered and bulleted lists (each numbered list starts
//! at 1), and tables (Word tables). Inline HTML (anchors, the
//! cross-reference line) is dropped. The company name can be held once and
//! shown everywhere by bound content controls ([`DocxOptions`]).

use docx_rs::{
    AbstractNumbering, BreakType, Docx, IndentLevel, Level, LevelJc, LevelText, NumberFormat,
    Numbering, NumberingId, Paragraph, Run, RunFonts, Start, Style, StyleType, Table,
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

/// The company name is held once, in a custom XML part of the document
/// (`customXml/item1.xml`: `<company>…</company>` in this namespace), and
/// every place the name appears is a plain-text content control bound to
/// it. In Word, typing a new name into any of them changes them all; a
/// program (or a person with a ZIP tool) changes the part, and Word and
/// LibreOffice show the new name everywhere when they open the file.
pub const COMPANY_NAMESPACE: &str = "urn:sc3-toolkit:company";
/// The custom XML part's id (`ds:itemID`, written in braces), which each
/// binding names.
pub const COMPANY_STORE_ITEM: &str = "5C3B1F0E-8A2D-4C6B-9E7F-0A1B2C3D4E5F";
/// The title of each company-name content control, as Word shows it.
pub const COMPANY_ALIAS: &str = "会社名";

/// How a document is made beyond its Markdown.
#[derive(Clone, Copy, Debug, Default)]
pub struct DocxOptions<'a> {
    /// The company name, as it appears in the text (the page's escapes are
    /// decoded before it is looked for). Each occurrence becomes a content
    /// control bound to the one place that holds the name (see
    /// [`COMPANY_NAMESPACE`]).
    pub company: Option<&'a str>,
}

/// `s` escaped for XML text.
fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&apos;")
}

/// The custom XML part that holds the company name.
fn company_part(name: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\
         <c:doc xmlns:c=\"{COMPANY_NAMESPACE}\"><c:company>{}</c:company></c:doc>",
        xml_text(name)
    )
}

/// `text` added to `p`, every occurrence of the company name as a content
/// control bound to the company part (its content is the name, so a reader
/// that ignores bindings shows the same text).
fn add_text(mut p: Paragraph, text: &str, bold: bool, company: Option<&str>) -> Paragraph {
    use docx_rs::{DataBinding, StructuredDataTag};
    let styled = |run: Run| if bold { run.bold() } else { run };
    let mut rest = text;
    while !rest.is_empty() {
        let hit = company
            .filter(|c| !c.is_empty())
            .and_then(|c| rest.find(c).map(|i| (i, c)));
        let (before, field) = match hit {
            Some((i, c)) => (&rest[..i], Some(c)),
            None => (rest, None),
        };
        if !before.is_empty() {
            p = p.add_run(styled(Run::new().add_text(before)));
        }
        let Some(name) = field else { break };
        p = p.add_structured_data_tag(
            StructuredDataTag::new()
                .alias(COMPANY_ALIAS)
                .data_binding(
                    DataBinding::new()
                        .prefix_mappings(format!("xmlns:c='{COMPANY_NAMESPACE}'"))
                        .xpath("/c:doc[1]/c:company[1]")
                        .store_item_id(format!("{{{COMPANY_STORE_ITEM}}}")),
                )
                .add_run(styled(Run::new().add_text(name))),
        );
        rest = &rest[before.len() + name.len()..];
    }
    p
}

/// A paragraph from Markdown inline text: `**bold**` becomes bold runs and
/// line breaks (`<br>`) breaks within the paragraph. Bold is found before
/// references are decoded, so an asterisk in content (`&#42;`) stays text.
fn inline(text: &str, company: Option<&str>) -> Paragraph {
    let mut p = Paragraph::new();
    for (i, part) in text.split("**").enumerate() {
        let part = plain(part);
        for (j, line) in part.split(['\n', '\r']).enumerate() {
            if j > 0 {
                p = p.add_run(Run::new().add_break(BreakType::TextWrapping));
            }
            p = add_text(p, line, i % 2 == 1, company);
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

/// The abstract numbering of numbered lists, and of bulleted ones.
const DECIMAL: usize = 1;
const BULLET: usize = 2;

/// A Markdown table's cells: `| a | b |` → `["a", "b"]` (a `|` in content is
/// `&#124;`, so splitting the raw text is exact).
fn table_cells(line: &str) -> Vec<&str> {
    line.trim()
        .trim_start_matches('|')
        .trim_end_matches('|')
        .split('|')
        .map(str::trim)
        .collect()
}

/// Whether `line` is a table's separator row (`| --- | :-: |`).
fn separator(line: &str) -> bool {
    line.contains('-') && line.chars().all(|c| matches!(c, '|' | '-' | ':' | ' '))
}

/// A Markdown table as a Word table: the heading row bold and shaded and
/// repeated on each page, every row as wide as the widest, the table as
/// wide as the text.
fn table(lines: &[&str], company: Option<&str>) -> Table {
    use docx_rs::{Shading, ShdType, TableCell, TableRow, WidthType};
    let rows: Vec<Vec<&str>> = lines
        .iter()
        .filter(|l| !separator(l))
        .map(|l| table_cells(l))
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(1).max(1);
    // A4 with Word's default margins leaves about 9,000 twips of text.
    let column = 9000 / width;
    let has_heading = lines.get(1).is_some_and(|l| separator(l));
    let table_rows = rows
        .iter()
        .enumerate()
        .map(|(r, cells)| {
            let heading = has_heading && r == 0;
            TableRow::new(
                (0..width)
                    .map(|c| {
                        let text = cells.get(c).copied().unwrap_or("");
                        let text = if heading && !text.is_empty() {
                            format!("**{text}**")
                        } else {
                            text.to_owned()
                        };
                        let cell = TableCell::new()
                            .width(column, WidthType::Dxa)
                            .add_paragraph(inline(&text, company));
                        if heading {
                            cell.shading(Shading::new().shd_type(ShdType::Clear).fill("D9D9D9"))
                        } else {
                            cell
                        }
                    })
                    .collect(),
            )
        })
        .collect();
    Table::new(table_rows)
        .set_grid(vec![column; width])
        .width(column * width, WidthType::Dxa)
}

/// A clause's title as the regulations write it: a paragraph that is bold
/// as a whole (`**第1.1条（目的）**`) right after the clause's anchor.
fn clause_title(line: &str) -> Option<&str> {
    let inner = line.strip_prefix("**")?.strip_suffix("**")?;
    (!inner.is_empty() && !inner.contains("**")).then_some(inner)
}

/// Converts `markdown` into DOCX bytes.
pub fn markdown_to_docx(markdown: &str) -> Result<Vec<u8>, String> {
    markdown_to_docx_with(markdown, &DocxOptions::default())
}

/// Converts `markdown` into DOCX bytes: the first `#` heading in the Title
/// style, `##` chapters in Heading 1, clause titles (`**第1.1条（…）**`
/// after a clause anchor) and `###` in Heading 2, `####` in Heading 3 (each
/// heading with its outline level, so Word's navigation pane and table of
/// contents list them); every numbered list its own numbering starting at 1;
/// tables as Word tables; the company name as bound content controls (see
/// [`DocxOptions`]).
pub fn markdown_to_docx_with(markdown: &str, options: &DocxOptions<'_>) -> Result<Vec<u8>, String> {
    use docx_rs::LevelOverride;
    let company = options.company.map(plain);
    let company = company.as_deref().filter(|c| !c.is_empty());
    let mut doc = styles(Docx::new())
        .add_abstract_numbering(list_numbering(DECIMAL, "decimal", "%1."))
        .add_abstract_numbering(list_numbering(BULLET, "bullet", "・"));
    if let Some(name) = company {
        doc = doc.add_custom_item(COMPANY_STORE_ITEM, &company_part(name));
    }
    // Each list is a numbering instance of its own, and each instance
    // overrides its start: without the override Word and LibreOffice carry
    // the count on from the previous instance of the same abstract
    // numbering (a second list would begin at 4).
    let mut next_numbering = 3usize;
    let mut current_list: Option<(usize, bool)> = None; // (numbering id, ordered)
    let mut first_heading = true;
    let mut after_clause_anchor = false;
    let lines: Vec<&str> = markdown.lines().map(str::trim).collect();
    let mut i = 0;
    while i < lines.len() {
        let t = lines[i];
        i += 1;
        let anchor = std::mem::take(&mut after_clause_anchor);
        if t.is_empty() {
            current_list = None;
            after_clause_anchor = anchor;
            continue;
        }
        if t.starts_with("<a id=") {
            after_clause_anchor = t.starts_with("<a id=\"clause-");
            continue;
        }
        if t.starts_with("<p class=\"sc3-implements\"")
            || t.starts_with("<div")
            || t.starts_with("</div")
        {
            continue;
        }
        if let Some(h) = t.strip_prefix("# ") {
            let style = if first_heading { "Title" } else { "Heading1" };
            first_heading = false;
            doc = doc.add_paragraph(inline(h, company).style(style));
        } else if let Some(h) = t.strip_prefix("## ") {
            doc = doc.add_paragraph(inline(h, company).style("Heading1"));
        } else if let Some(h) = t.strip_prefix("### ") {
            doc = doc.add_paragraph(inline(h, company).style("Heading2"));
        } else if let Some(h) = t.strip_prefix("#### ") {
            doc = doc.add_paragraph(inline(h, company).style("Heading3"));
        } else if let Some(title) = clause_title(t).filter(|_| anchor) {
            doc = doc.add_paragraph(inline(title, company).style("Heading2"));
        } else if let Some((_, rest)) = t
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
        {
            let id = match current_list {
                Some((id, true)) => id,
                _ => {
                    let id = next_numbering;
                    next_numbering += 1;
                    doc = doc.add_numbering(
                        Numbering::new(id, DECIMAL).add_override(LevelOverride::new(0).start(1)),
                    );
                    current_list = Some((id, true));
                    id
                }
            };
            doc = doc.add_paragraph(
                inline(rest, company).numbering(NumberingId::new(id), IndentLevel::new(0)),
            );
        } else if let Some(rest) = t.strip_prefix("- ").or_else(|| t.strip_prefix("* ")) {
            let id = match current_list {
                Some((id, false)) => id,
                _ => {
                    let id = next_numbering;
                    next_numbering += 1;
                    doc = doc.add_numbering(Numbering::new(id, BULLET));
                    current_list = Some((id, false));
                    id
                }
            };
            doc = doc.add_paragraph(
                inline(rest, company).numbering(NumberingId::new(id), IndentLevel::new(0)),
            );
        } else if t.starts_with('|') {
            let start = i - 1;
            while i < lines.len() && lines[i].starts_with('|') {
                i += 1;
            }
            current_list = None;
            doc = doc.add_table(table(&lines[start..i], company));
            // Word joins a table to one that follows it directly.
            doc = doc.add_paragraph(Paragraph::new());
        } else {
            current_list = None;
            doc = doc.add_paragraph(inline(t, company));
        }
    }
    let mut xml = doc.build();
    // docx-rs writes no control type: a bound control must be plain text
    // (`w:text`), the only kind Word binds to a text value.
    if company.is_some() {
        let document = String::from_utf8_lossy(&xml.document)
            .replace("</w:sdtPr>", "<w:text /></w:sdtPr>")
            .into_bytes();
        xml.document = document;
    }
    let mut buf = std::io::Cursor::new(Vec::new());
    xml.pack(&mut buf).map_err(|e| e.to_string())?;
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
