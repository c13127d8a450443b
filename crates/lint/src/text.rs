//! Which parts of the content are prose, as exact byte ranges of the source.
//!
//! Terminology rules look only at prose: the handbook's Markdown (without code,
//! URLs, link targets, HTML, or passages between `<!-- terms: off -->` and
//! `<!-- terms: on -->`) and the free-text fields of the TOML content (titles,
//! texts, rationales). Ranges index the file's text directly, so a finding has an
//! exact line and column and its fix can be applied to the file byte for byte.

use std::ops::Range;
use std::sync::LazyLock;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};
use rayon::prelude::*;
use regex::Regex;
use sc3_model::{FileId, Repository, Spanned};

/// The prose of one file.
#[derive(Clone, Debug)]
pub struct FileText {
    pub file: FileId,
    /// The industry whose texts these are, if any (see [`crate::Context`]).
    pub industry: Option<String>,
    /// Prose for the glossary rules.
    pub ranges: Vec<Range<usize>>,
    /// Text nodes as textlint-rule-prh sees them, for prh dictionaries: a
    /// paragraph's text between inline elements, line breaks included, and
    /// nothing inside links, block quotes or emphasis.
    pub nodes: Vec<Range<usize>>,
}

/// The prose ranges and the prh text nodes of a Markdown document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MarkdownText {
    pub prose: Vec<Range<usize>>,
    pub nodes: Vec<Range<usize>>,
}

static URL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:https?|ftp)://[^\s<>「」『』（）()、。]+|\bwww\.[a-z0-9.-]+\.[a-z]{2,}[^\s<>「」『』（）()、。]*").unwrap()
});
static TERMS_SWITCH: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<!--\s*terms:\s*(off|on)\s*-->").unwrap());

/// Pushes `range` of `text` minus any URLs in it.
fn push_without_urls(text: &str, range: Range<usize>, out: &mut Vec<Range<usize>>) {
    let mut start = range.start;
    for m in URL.find_iter(&text[range.clone()]) {
        if start < range.start + m.start() {
            out.push(start..range.start + m.start());
        }
        start = range.start + m.end();
    }
    if start < range.end {
        out.push(start..range.end);
    }
}

/// The prose ranges of a Markdown document.
pub fn markdown(text: &str) -> Vec<Range<usize>> {
    markdown_text(text).prose
}

/// The Markdown extensions the handbook is read with.
fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// The code spans and code blocks of a Markdown document, in order: where a
/// character reference is shown as written, never decoded.
pub fn markdown_code(text: &str) -> Vec<Range<usize>> {
    Parser::new_ext(text, options())
        .into_offset_iter()
        .filter(|(e, _)| matches!(e, Event::Code(_) | Event::Start(Tag::CodeBlock(_))))
        .map(|(_, r)| r)
        .collect()
}

/// The prose ranges and the prh text nodes of a Markdown document.
pub fn markdown_text(text: &str) -> MarkdownText {
    let options = options();
    let mut out = MarkdownText::default();
    let mut off = false;
    let mut code_block = 0usize;
    let mut autolink = 0usize;
    // Where textlint-rule-prh does not look by default.
    let mut link = 0usize;
    let mut quote = 0usize;
    let mut emphasis = 0usize;
    // The text node being built: consecutive text and soft breaks.
    let mut node: Option<Range<usize>> = None;
    let flush = |node: &mut Option<Range<usize>>, nodes: &mut Vec<Range<usize>>| {
        if let Some(n) = node.take() {
            nodes.push(n);
        }
    };
    for (event, range) in Parser::new_ext(text, options).into_offset_iter() {
        let in_text = matches!(event, Event::Text(_) | Event::SoftBreak);
        let is_text = matches!(event, Event::Text(_));
        if !in_text {
            flush(&mut node, &mut out.nodes);
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => code_block += 1,
            Event::End(TagEnd::CodeBlock) => code_block = code_block.saturating_sub(1),
            Event::Start(Tag::Link { link_type, .. }) => {
                link += 1;
                if matches!(link_type, LinkType::Autolink | LinkType::Email) {
                    autolink += 1;
                }
            }
            Event::End(TagEnd::Link) => {
                link = link.saturating_sub(1);
                autolink = autolink.min(link);
            }
            Event::Start(Tag::BlockQuote(_)) => quote += 1,
            Event::End(TagEnd::BlockQuote(_)) => quote = quote.saturating_sub(1),
            Event::Start(Tag::Emphasis) => emphasis += 1,
            Event::End(TagEnd::Emphasis) => emphasis = emphasis.saturating_sub(1),
            Event::Html(ref html) | Event::InlineHtml(ref html) => {
                // The last switch in the HTML wins.
                if let Some(c) = TERMS_SWITCH.captures_iter(html).last() {
                    off = &c[1] == "off";
                }
            }
            _ => {}
        }
        if !in_text || off || code_block > 0 || text.get(range.clone()).is_none() {
            continue;
        }
        // The range covers the source of the text, escapes included, so
        // positions and fixes refer to the file as written.
        if is_text && autolink == 0 {
            push_without_urls(text, range.clone(), &mut out.prose);
        }
        if link == 0 && quote == 0 && emphasis == 0 {
            match &mut node {
                Some(n) if n.end == range.start => n.end = range.end,
                _ => {
                    flush(&mut node, &mut out.nodes);
                    node = Some(range);
                }
            }
        }
    }
    flush(&mut node, &mut out.nodes);
    out
}

/// The literal runs of a TOML string value whose source is `span` (quotes
/// included): escapes are left out, so every run is exactly the value's text.
pub fn toml_string(text: &str, span: &Range<usize>) -> Vec<Range<usize>> {
    let Some(src) = text.get(span.clone()) else {
        return Vec::new();
    };
    let (delim, literal) = if src.starts_with("\"\"\"") {
        (3, false)
    } else if src.starts_with("'''") {
        (3, true)
    } else if src.starts_with('"') {
        (1, false)
    } else if src.starts_with('\'') {
        (1, true)
    } else {
        return Vec::new(); // Not a string (a date, a number): nothing to check.
    };
    if src.len() < 2 * delim {
        return Vec::new();
    }
    let start = span.start + delim;
    let end = span.end - delim;
    if literal {
        return std::iter::once(start..end).collect();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut run = start;
    let mut i = start;
    while i < end {
        if bytes[i] == b'\\' {
            if run < i {
                out.push(run..i);
            }
            i += 1;
            let skip = match bytes.get(i) {
                Some(b'u') => 5,
                Some(b'U') => 9,
                Some(b'x') => 3,
                Some(b' ' | b'\t' | b'\r' | b'\n') => {
                    // A line-ending backslash: the whitespace that follows is dropped.
                    let mut j = i;
                    while j < end && matches!(bytes[j], b' ' | b'\t' | b'\r' | b'\n') {
                        j += 1;
                    }
                    j - i
                }
                Some(_) => 1,
                None => 0,
            };
            i = (i + skip).min(end);
            run = i;
        } else {
            i += 1;
        }
    }
    if run < end {
        out.push(run..end);
    }
    // Keep ranges on character boundaries (a malformed escape could split one).
    out.retain(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end) && !r.is_empty());
    out
}

/// Every prose range of the repository, file by file.
pub fn collect(repo: &Repository, industry_of: impl Fn(FileId) -> Option<String>) -> Vec<FileText> {
    let mut by_file: Vec<Vec<Range<usize>>> = vec![Vec::new(); repo.files.len()];
    let mut add = |file: FileId, s: &Spanned<String>| {
        let ranges = toml_string(&repo.file(file).text, &s.span);
        by_file[file.0].extend(ranges);
    };
    for g in &repo.guidelines {
        add(g.file, &g.title);
        for x in g.publisher.iter() {
            add(g.file, x);
        }
        for gr in &g.groups {
            add(g.file, &gr.title);
        }
        for it in &g.items {
            add(g.file, &it.title);
            for t in it.text.iter() {
                add(g.file, t);
            }
        }
    }
    for ind in &repo.industries {
        add(ind.file, &ind.name);
        for a in ind.association.iter() {
            add(ind.file, a);
        }
        for p in ind.handling.iter().chain(&ind.measures) {
            add(ind.file, &p.title);
            for t in p.text.iter() {
                add(ind.file, t);
            }
        }
    }
    for cw in &repo.crosswalks {
        for m in &cw.maps {
            for r in m.rationale.iter() {
                add(cw.file, r);
            }
        }
    }
    let mut nodes_by_file: Vec<Option<Vec<Range<usize>>>> = vec![None; repo.files.len()];
    // Parsing the Markdown is most of the work: one file per core.
    let parsed: Vec<(FileId, MarkdownText)> = repo
        .markdown
        .par_iter()
        .map(|&md| (md, markdown_text(&repo.file(md).text)))
        .collect();
    for (md, m) in parsed {
        by_file[md.0] = m.prose;
        nodes_by_file[md.0] = Some(m.nodes);
    }
    by_file
        .into_iter()
        .zip(nodes_by_file)
        .enumerate()
        .filter(|(_, (r, n))| !r.is_empty() || n.as_ref().is_some_and(|n| !n.is_empty()))
        .map(|(i, (mut ranges, nodes))| {
            ranges.sort_by_key(|r| r.start);
            // In TOML every free-text run is a node of its own.
            let nodes = nodes.unwrap_or_else(|| ranges.clone());
            FileText {
                file: FileId(i),
                industry: industry_of(FileId(i)),
                ranges,
                nodes,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(src: &str) -> Vec<&str> {
        markdown(src).into_iter().map(|r| &src[r]).collect()
    }

    #[test]
    fn markdown_skips_code_urls_links_and_switched_off_passages() {
        let src = "# 取組み\n\n本文の取組み `取組み` と [取組み](https://example.org/取組み) と https://x.example/取組み 。\n\n```text\n取組み\n```\n\n<!-- terms: off -->\n取組み（引用）\n<!-- terms: on -->\n\n最後の取組み <https://y.example/取組み>\n";
        let t = texts(src);
        let joined = t.join("|");
        assert_eq!(joined.matches("取組み").count(), 4, "{joined}");
        assert!(!joined.contains("引用"));
        assert!(!joined.contains("example"));
    }

    #[test]
    fn prh_nodes_follow_textlint_rule_prh() {
        let src = "# 見出し\n\n一行目\n二行目の *強調* と **太字** と [リンク](https://x.example) です。\n\n> 引用\n\n末尾  \n改行後\n";
        let nodes: Vec<&str> = markdown_text(src)
            .nodes
            .into_iter()
            .map(|r| &src[r])
            .collect();
        assert_eq!(
            nodes,
            [
                "見出し",
                "一行目\n二行目の ",
                " と ",
                "太字",
                " と ",
                " です。",
                "末尾",
                "改行後"
            ]
        );
    }

    #[test]
    fn toml_strings_map_to_their_exact_source() {
        let src = r#"a = "取組み\n取組" b = '取\n組' c = """
x\
   y""""#;
        let a = src.find("\"取").unwrap()..src.find(" b").unwrap();
        let runs: Vec<_> = toml_string(src, &a).into_iter().map(|r| &src[r]).collect();
        assert_eq!(runs, ["取組み", "取組"]);
        let b = src.find('\'').unwrap()..src.find(" c").unwrap();
        let runs: Vec<_> = toml_string(src, &b).into_iter().map(|r| &src[r]).collect();
        assert_eq!(runs, [r"取\n組"]);
        let c = src.find("\"\"\"").unwrap()..src.len();
        let runs: Vec<_> = toml_string(src, &c).into_iter().map(|r| &src[r]).collect();
        assert_eq!(runs, ["\nx", "y"]);
    }
}
