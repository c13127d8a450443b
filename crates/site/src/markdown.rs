//! The pieces every page builder writes with: a link, a table cell, a list
//! of values, an index page's table. Each escapes the content it is given
//! ([`escape::content`]); what it is given as markup (an `href` from
//! [`crate::links`], prebuilt cells) it takes as it is.

use sc3_model::Spanned;

use crate::escape::content as esc;
use crate::links::PagePath;
use crate::{Page, links};

/// `<a href="…">text</a>`: `href` already escaped (from [`links`]), `text`
/// content.
pub fn link(href: &str, text: &str) -> String {
    format!("<a href=\"{href}\">{}</a>", esc(text))
}

/// A table cell of content.
pub fn cell(s: &str) -> String {
    esc(s)
}

/// A table cell linking to the page `to` from a page `depth` folders below
/// `src/`.
pub fn cell_link(depth: usize, to: &PagePath, text: &str) -> String {
    link(&links::href(depth, &to.page()), text)
}

/// A table row of prebuilt (escaped) cells.
pub fn table_row(cells: &[String]) -> String {
    format!("| {} |\n", cells.join(" | "))
}

/// A value a page shows only when it says something.
pub fn filled(value: Option<&Spanned<String>>) -> Option<&str> {
    value.map(|v| v.value.as_str()).filter(|v| !v.is_empty())
}

/// Content strings, each escaped, joined by `sep`.
pub fn joined<'a>(values: impl Iterator<Item = &'a str>, sep: &str) -> String {
    values.map(esc).collect::<Vec<_>>().join(sep)
}

/// An index page: a title, an introduction and a table of prebuilt
/// (escaped) cells, or a line saying there is nothing yet.
pub fn index_page(
    at: &PagePath,
    title: &str,
    intro: &str,
    columns: &[&str],
    rows: Vec<Vec<String>>,
) -> Page {
    let mut md = format!("# {}\n\n{}\n\n", esc(title), esc(intro));
    if rows.is_empty() {
        md.push_str("（まだありません）\n");
    } else {
        let header: String = columns.iter().map(|c| format!("{} | ", esc(c))).collect();
        md.push_str(&format!(
            "| {header}\n| {}\n",
            "--- | ".repeat(columns.len())
        ));
        for row in rows {
            let cells: String = row.iter().map(|c| format!("{c} | ")).collect();
            md.push_str(&format!("| {cells}\n"));
        }
    }
    Page {
        path: at.file(),
        title: title.to_owned(),
        markdown: md,
    }
}
