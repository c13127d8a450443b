//! What in the handbook's hand-written Markdown would reach a page as markup
//! rather than as text: raw HTML, link destinations, heading attributes and
//! mdBook's file directives. The `S` rules read this; nothing here decides
//! severity or wording.
//!
//! The Markdown is parsed with the options mdBook 0.5 parses chapters with, so
//! what is found here is what mdBook would put on the page. Raw HTML is split
//! into tags the way an HTML tokenizer (html5ever, which mdBook uses) starts
//! them: a `<` followed by a letter opens a tag whose name runs to white
//! space, `/` or `>`. The scan errs on the side of reporting: a tag that is
//! not closed where expected, or that has anything after its name, counts as
//! a tag with attributes.

use std::ops::Range;

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The parser options of mdBook 0.5's chapters (`mdbook-markdown`'s defaults:
/// smart punctuation, definition lists and GFM blocks are on).
pub const MDBOOK_OPTIONS: Options = Options::ENABLE_TABLES
    .union(Options::ENABLE_FOOTNOTES)
    .union(Options::ENABLE_STRIKETHROUGH)
    .union(Options::ENABLE_TASKLISTS)
    .union(Options::ENABLE_HEADING_ATTRIBUTES)
    .union(Options::ENABLE_SMART_PUNCTUATION)
    .union(Options::ENABLE_DEFINITION_LIST)
    .union(Options::ENABLE_GFM);

/// HTML elements a chapter may write itself, without attributes: text-level
/// elements with no behaviour, that cannot load anything, run anything or
/// cover the page. Everything else is reported.
pub const ALLOWED_TAGS: &[&str] = &[
    "abbr", "b", "br", "dd", "del", "details", "dl", "dt", "em", "i", "ins", "kbd", "mark", "rb",
    "rp", "rt", "ruby", "s", "small", "strong", "sub", "summary", "sup", "u", "wbr",
];

/// Link schemes a chapter may link to.
pub const ALLOWED_SCHEMES: &[&str] = &["http", "https", "mailto"];

/// One thing in raw HTML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Html {
    /// A start or end tag: its lower-case name, and whether anything but
    /// white space and a final `/` follows the name (attributes, or a tag
    /// that does not close where it should).
    Tag {
        name: String,
        end: bool,
        attributes: bool,
    },
    /// `<!DOCTYPE …>`, `<![CDATA[…`, `<?…>`, `</ …>`: markup that is not a
    /// tag and not a plain comment.
    Declaration,
    /// A comment closed by `--!>`, which browsers accept as its end while
    /// simple readers do not.
    TrickComment,
}

/// Scans raw HTML, returning each tag or declaration with its byte range in
/// `html`. Text and ordinary comments are skipped.
pub fn scan_html(html: &str) -> Vec<(Range<usize>, Html)> {
    let b = html.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = memchr(b'<', &b[i..]) {
        let start = i + p;
        let rest = &b[start + 1..];
        match rest.first() {
            Some(c) if c.is_ascii_alphabetic() => {
                let (end, tag) = tag_at(html, start + 1, false);
                out.push((start..end, tag));
                i = end;
            }
            Some(b'/') if rest.get(1).is_some_and(u8::is_ascii_alphabetic) => {
                let (end, tag) = tag_at(html, start + 2, true);
                out.push((start..end, tag));
                i = end;
            }
            Some(b'!') if rest.starts_with(b"!--") => {
                let body = start + 4;
                // `<!-->` and `<!--->` are whole (empty) comments.
                let end = if b[body..].starts_with(b">") {
                    body + 1
                } else if b[body..].starts_with(b"->") {
                    body + 2
                } else {
                    // Browsers end a comment at `-->` or at `--!>`, whichever
                    // comes first; what follows is markup again.
                    let plain = find(&b[body..], b"-->");
                    let trick = find(&b[body..], b"--!>");
                    match (plain, trick) {
                        (_, Some(t)) if plain.is_none_or(|p| t < p) => {
                            out.push((start..body + t + 4, Html::TrickComment));
                            body + t + 4
                        }
                        (Some(p), _) => body + p + 3,
                        _ => b.len(),
                    }
                };
                i = end;
            }
            Some(b'!' | b'?' | b'/') => {
                let end = memchr(b'>', &b[start..]).map_or(b.len(), |p| start + p + 1);
                // `</>` is dropped by browsers; everything else here is a
                // declaration or a bogus comment.
                if &b[start..end] != b"</>" {
                    out.push((start..end, Html::Declaration));
                }
                i = end;
            }
            _ => i = start + 1,
        }
    }
    out
}

/// The tag whose name starts at `name_start`, and where it ends.
fn tag_at(html: &str, name_start: usize, end_tag: bool) -> (usize, Html) {
    let b = html.as_bytes();
    let name_end = b[name_start..]
        .iter()
        .position(|&c| matches!(c, b'\t' | b'\n' | b'\x0C' | b' ' | b'\r' | b'/' | b'>'))
        .map_or(b.len(), |p| name_start + p);
    let name = html[name_start..name_end].to_ascii_lowercase();
    // The tag ends at the first `>`: ending early is safe, since what follows
    // is scanned again.
    let close = memchr(b'>', &b[name_end..]).map(|p| name_end + p);
    let (end, attributes) = match close {
        Some(gt) => {
            let between = html[name_end..gt].trim_matches(|c: char| c.is_ascii_whitespace());
            (gt + 1, !(between.is_empty() || between == "/"))
        }
        None => (b.len(), true),
    };
    (
        end,
        Html::Tag {
            name,
            end: end_tag,
            attributes,
        },
    )
}

fn memchr(needle: u8, hay: &[u8]) -> Option<usize> {
    hay.iter().position(|&c| c == needle)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// Raw HTML of a Markdown document as mdBook receives it: each HTML block
/// whole (its lines joined, as mdBook joins them before parsing), each inline
/// tag on its own. `offsets` maps positions in `text` back to the source.
#[derive(Clone, Debug, Default)]
pub struct RawHtml {
    pub text: String,
    /// (offset in `text`, byte range in the source) of each piece, in order.
    pieces: Vec<(usize, Range<usize>)>,
}

impl RawHtml {
    fn push(&mut self, s: &str, source: Range<usize>) {
        self.pieces.push((self.text.len(), source));
        self.text.push_str(s);
    }

    /// The source range of `range` of [`Self::text`]: from where its first
    /// byte was written to just after where its last byte was.
    pub fn source(&self, range: Range<usize>) -> Range<usize> {
        if self.pieces.is_empty() {
            return 0..0;
        }
        let at = |pos: usize| {
            let i = match self.pieces.binary_search_by_key(&pos, |(o, _)| *o) {
                Ok(i) => i,
                Err(i) => i.saturating_sub(1),
            };
            let (offset, src) = &self.pieces[i];
            (src.start + (pos - offset)).min(src.end)
        };
        let start = at(range.start);
        if range.end <= range.start {
            return start..start;
        }
        start..(at(range.end - 1) + 1).max(start)
    }
}

/// Everything in a Markdown document that is not plain text on the page.
#[derive(Clone, Debug, Default)]
pub struct Markup {
    /// Raw HTML, one entry per HTML block or inline tag.
    pub html: Vec<RawHtml>,
    /// Link and image destinations (as the parser unescaped them), with the
    /// range of the whole link in the source.
    pub links: Vec<(Range<usize>, String)>,
    /// Heading attributes other than an id (`{.class}`, `{key=value}`), with
    /// the heading's range.
    pub heading_attributes: Vec<(Range<usize>, String)>,
}

/// The markup of a Markdown document, parsed as mdBook parses chapters.
pub fn markdown(text: &str) -> Markup {
    let mut out = Markup::default();
    let mut block: Option<RawHtml> = None;
    for (event, range) in Parser::new_ext(text, MDBOOK_OPTIONS).into_offset_iter() {
        match event {
            Event::Start(Tag::HtmlBlock) => block = Some(RawHtml::default()),
            Event::End(pulldown_cmark::TagEnd::HtmlBlock) => {
                out.html.extend(block.take());
            }
            Event::Html(s) | Event::Text(s) if block.is_some() => {
                let src = source_of(text, &s, range);
                block.as_mut().expect("inside a block").push(&s, src);
            }
            Event::InlineHtml(s) | Event::Html(s) => {
                let mut one = RawHtml::default();
                let src = source_of(text, &s, range);
                one.push(&s, src);
                out.html.push(one);
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                out.links.push((range, dest_url.into_string()));
            }
            Event::Start(Tag::Heading { classes, attrs, .. }) => {
                for class in classes {
                    out.heading_attributes
                        .push((range.clone(), format!(".{class}")));
                }
                for (key, value) in attrs {
                    let shown = match value {
                        Some(v) => format!("{key}={v}"),
                        None => key.into_string(),
                    };
                    out.heading_attributes.push((range.clone(), shown));
                }
            }
            _ => {}
        }
    }
    out
}

/// The source range of an event's text: where the text itself is found in
/// the event's range (an HTML line inside a block quote or a list item does
/// not start where its event does), or the event's range.
fn source_of(text: &str, s: &str, range: Range<usize>) -> Range<usize> {
    match text.get(range.clone()).and_then(|r| r.find(s)) {
        Some(p) => range.start + p..range.start + p + s.len(),
        None => range,
    }
}

pub use sc3_model::names::url_scheme as scheme;

#[cfg(test)]
mod tests {
    use super::*;

    fn names(html: &str) -> Vec<(String, bool)> {
        scan_html(html)
            .into_iter()
            .map(|(_, h)| match h {
                Html::Tag {
                    name, attributes, ..
                } => (name, attributes),
                Html::Declaration => ("!decl".into(), false),
                Html::TrickComment => ("!trick".into(), false),
            })
            .collect()
    }

    #[test]
    fn tags_are_found_as_a_tokenizer_starts_them() {
        assert_eq!(
            names("<b>x</b> <svg/onload=alert(1)> <IMG SRC=x onerror=y>"),
            [
                ("b".into(), false),
                ("b".into(), false),
                ("svg".into(), true),
                ("img".into(), true)
            ]
        );
        assert_eq!(names("a < b, 3<4"), []);
        assert_eq!(
            names("<br/> <br />"),
            [("br".into(), false), ("br".into(), false)]
        );
        // A tag that never closes counts as having attributes.
        assert_eq!(names("<b"), [("b".into(), true)]);
        assert_eq!(names("<b\tonclick=x>"), [("b".into(), true)]);
    }

    #[test]
    fn comments_are_skipped_unless_they_end_in_a_trick() {
        assert_eq!(names("<!-- chart: survey -->"), []);
        assert_eq!(names("<!--> <script>"), [("script".into(), false)]);
        assert_eq!(
            names("<!-- a --!><script>x</script> -->"),
            [
                ("!trick".into(), false),
                ("script".into(), false),
                ("script".into(), false)
            ]
        );
        // `--!>` ends the comment even when a `-->` follows.
        assert_eq!(
            names("<!-- a --!><iframe> -->"),
            [("!trick".into(), false), ("iframe".into(), false)]
        );
        assert_eq!(
            names("<!DOCTYPE html><?php ?>"),
            [("!decl".into(), false), ("!decl".into(), false)]
        );
    }

    #[test]
    fn schemes_are_read_as_browsers_read_them() {
        assert_eq!(scheme("javascript:alert(1)").as_deref(), Some("javascript"));
        assert_eq!(scheme(" \x01JaVa\tscript:x").as_deref(), Some("javascript"));
        assert_eq!(scheme("https://example.com").as_deref(), Some("https"));
        assert_eq!(scheme("steps.md#a:b"), None);
        assert_eq!(scheme("./a:b"), None);
        assert_eq!(scheme("#x"), None);
    }

    #[test]
    fn html_blocks_are_joined_and_mapped_back_to_the_source() {
        let text = "本文\n\n<div\nonclick=\"x\">\n\nあ <kbd>K</kbd>\n";
        let m = markdown(text);
        assert_eq!(m.html.len(), 3);
        let block = &m.html[0];
        let found = scan_html(&block.text);
        assert_eq!(found.len(), 1);
        let src = block.source(found[0].0.clone());
        assert_eq!(&text[src], "<div\nonclick=\"x\">");
    }
}
