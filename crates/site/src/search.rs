//! Japanese full-text search for the built handbook.
//!
//! mdBook's own search splits words on spaces and drops non-ASCII characters,
//! so it finds no Japanese at all. After mdBook has written the HTML, this
//! module reads every page back, cuts it into sections at its headings, and
//! writes `sc3-search-index.json`: the sections' text and an inverted index of
//! character bigrams (after NFKC and lower-casing). The page script
//! (`templates/sc3-search.js`) looks a query's bigrams up, keeps the sections
//! that contain the whole query, ranks them and shows highlighted snippets.
//! Nothing is downloaded at build or run time.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::{IsNormalized, UnicodeNormalization};

use crate::SiteError;

/// The name of the index file in the output directory.
pub const INDEX_FILE: &str = "sc3-search-index.json";

/// Pages that are not content.
const SKIP: &[&str] = &["print.html", "toc.html", "404.html"];

/// One searchable section.
#[derive(Debug, Serialize, PartialEq, Eq)]
pub struct Section {
    /// Page path and anchor, relative to the book root.
    pub u: String,
    /// Page title and section heading.
    pub t: String,
    /// Plain text.
    pub b: String,
}

#[derive(Serialize)]
struct Index<'a> {
    docs: &'a [Section],
    /// bigram -> section numbers, ascending.
    bigrams: BTreeMap<String, Vec<u32>>,
}

/// Normalises text the way the page script does: NFKC, lower case.
pub fn normalize(s: &str) -> String {
    // Most text is already in NFKC (the quick check says so without
    // decomposing anything), and most of it has no capital letters.
    if unicode_normalization::is_nfkc_quick(s.chars()) == IsNormalized::Yes {
        if !s.chars().any(char::is_uppercase) {
            return s.to_owned();
        }
        return s.chars().flat_map(char::to_lowercase).collect();
    }
    s.nfkc().flat_map(char::to_lowercase).collect()
}

fn decode_entities(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let Some(end) = rest
            .char_indices()
            .take(12)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i)
        else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let entity = &rest[1..end];
        let decoded = match entity {
            "lt" => Some('<'),
            "gt" => Some('>'),
            "amp" => Some('&'),
            "quot" => Some('"'),
            "apos" | "#39" => Some('\''),
            "nbsp" => Some(' '),
            e if e.starts_with("#x") || e.starts_with("#X") => u32::from_str_radix(&e[2..], 16)
                .ok()
                .and_then(char::from_u32),
            e if e.starts_with('#') => e[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match decoded {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The text of an HTML fragment: tags removed (and the contents of script,
/// style and svg), entities decoded, white space collapsed.
fn text_of(html: &str) -> String {
    let mut out = String::with_capacity(html.len() / 2);
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let name = rest.as_bytes().get(1..).unwrap_or_default();
        let skip_to = [
            ("script", "</script>"),
            ("style", "</style>"),
            ("svg", "</svg>"),
        ]
        .into_iter()
        .find(|(t, _)| name.len() >= t.len() && name[..t.len()].eq_ignore_ascii_case(t.as_bytes()))
        .map(|(_, close)| close);
        match skip_to {
            Some(close) => match rest.find(close) {
                Some(j) => rest = &rest[j + close.len()..],
                None => rest = "",
            },
            None => match rest.find('>') {
                Some(j) => {
                    // Block-level boundaries become spaces.
                    out.push(' ');
                    rest = &rest[j + 1..];
                }
                None => rest = "",
            },
        }
    }
    out.push_str(rest);
    let decoded = decode_entities(&out);
    decoded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The page title (mdBook's `<title>`, without the book title after " - ").
fn page_title(html: &str) -> String {
    let t = html
        .find("<title>")
        .and_then(|i| {
            html[i + 7..]
                .find("</title>")
                .map(|j| &html[i + 7..i + 7 + j])
        })
        .unwrap_or("");
    let t = decode_entities(t);
    t.rsplit_once(" - ")
        .map_or(t.clone(), |(a, _)| a.to_owned())
}

/// Cuts a page's `<main>` into sections at `<h1>`–`<h3>` headings with an id.
fn sections(rel: &str, html: &str) -> Vec<Section> {
    let Some(start) = html.find("<main>") else {
        return Vec::new();
    };
    let end = html[start..]
        .find("</main>")
        .map_or(html.len(), |j| start + j);
    let main = &html[start + 6..end];
    let title = page_title(html);
    let mut out = Vec::new();
    // (anchor, heading, start of its content)
    let mut marks: Vec<(String, String, usize, usize)> = Vec::new();
    let mut at = 0;
    while let Some(i) = main[at..].find("<h") {
        let i = at + i;
        let level = main.as_bytes().get(i + 2).copied();
        if !matches!(level, Some(b'1'..=b'3')) {
            at = i + 2;
            continue;
        }
        let close = format!("</h{}>", level.unwrap() as char);
        let Some(j) = main[i..].find(&close) else {
            break;
        };
        let tag_end = main[i..].find('>').map_or(i, |k| i + k + 1);
        let open_tag = &main[i..tag_end];
        let id = open_tag
            .find("id=\"")
            .and_then(|k| {
                open_tag[k + 4..]
                    .find('"')
                    .map(|l| &open_tag[k + 4..k + 4 + l])
            })
            .unwrap_or("")
            .to_owned();
        let heading = text_of(&main[tag_end..i + j]);
        marks.push((id, heading, i, i + j + close.len()));
        at = i + j + close.len();
    }
    if marks.is_empty() || marks[0].2 > 0 {
        let first_end = marks.first().map_or(main.len(), |m| m.2);
        let body = text_of(&main[..first_end]);
        if !body.is_empty() {
            out.push(Section {
                u: rel.to_owned(),
                t: title.clone(),
                b: body,
            });
        }
    }
    for (k, (id, heading, _, content_start)) in marks.iter().enumerate() {
        let content_end = marks.get(k + 1).map_or(main.len(), |m| m.2);
        let body = text_of(&main[*content_start..content_end]);
        let is_title = k == 0 && heading == &title;
        out.push(Section {
            u: if id.is_empty() || is_title {
                rel.to_owned()
            } else {
                format!("{rel}#{id}")
            },
            t: if is_title || heading.is_empty() {
                title.clone()
            } else {
                format!("{title} › {heading}")
            },
            b: body,
        });
    }
    out
}

/// Character bigrams of normalised text, as pairs of characters rather than a
/// string each; a one-character text is its own key, `[c, '\0']`. Pairs sort
/// in the same order as their strings.
fn gram_keys(text: &str) -> Vec<[char; 2]> {
    let chars: Vec<char> = normalize(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if chars.len() == 1 {
        return vec![[chars[0], '\0']];
    }
    chars.windows(2).map(|w| [w[0], w[1]]).collect()
}

fn key_string(k: [char; 2]) -> String {
    k.into_iter().filter(|c| *c != '\0').collect()
}

/// Reads the built book in `out` and writes the search index beside it.
pub fn write_index(out: &Path) -> Result<usize, SiteError> {
    let mut files: Vec<_> = walkdir::WalkDir::new(out)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    // Pages are read and cut into sections in parallel, in path order.
    let pages: Vec<Vec<Section>> = files
        .par_iter()
        .map(|path| {
            let rel = path
                .strip_prefix(out)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            // Results link to pages by their path: only paths of safe names
            // (no `javascript:`, no `..`) are ever offered.
            if SKIP.contains(&rel.as_str())
                || rel
                    .split('/')
                    .any(|part| sc3_model::names::file_name_problem(part).is_some())
            {
                return Ok(Vec::new());
            }
            let html = fs::read_to_string(path)
                .map_err(|e| SiteError(format!("cannot read {}: {e}", path.display())))?;
            Ok(sections(&rel, &html))
        })
        .collect::<Result<_, SiteError>>()?;
    let docs: Vec<Section> = pages.into_iter().flatten().collect();
    let grams: Vec<Vec<[char; 2]>> = docs
        .par_iter()
        .map(|d| {
            let mut grams = gram_keys(&format!("{} {}", d.t, d.b));
            grams.sort_unstable();
            grams.dedup();
            grams
        })
        .collect();
    let mut by_key: BTreeMap<[char; 2], Vec<u32>> = BTreeMap::new();
    for (i, grams) in grams.into_iter().enumerate() {
        for g in grams {
            by_key.entry(g).or_default().push(i as u32);
        }
    }
    let index: BTreeMap<String, Vec<u32>> = by_key
        .into_iter()
        .map(|(k, v)| (key_string(k), v))
        .collect();
    let json = serde_json::to_string(&Index {
        docs: &docs,
        bigrams: index,
    })
    .map_err(|e| SiteError(e.to_string()))?;
    let file = out.join(INDEX_FILE);
    fs::write(&file, json)
        .map_err(|e| SiteError(format!("cannot write {}: {e}", file.display())))?;
    Ok(docs.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_follow_headings_and_text_is_plain() {
        let html = "<html><head><title>第1章 - 手引き</title></head><body><main><h1 id=\"a\"><a class=\"header\" href=\"#a\">第1章</a></h1><p>委託先&amp;協力会社</p><script>var x = '委託先';</script><h2 id=\"b\">節</h2><p>パスワード<svg><text>図</text></svg></p></main></body></html>";
        let s = sections("x.html", html);
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].u, "x.html");
        assert_eq!(s[0].b, "委託先&協力会社");
        assert_eq!(s[1].u, "x.html#b");
        assert_eq!(s[1].t, "第1章 › 節");
        assert_eq!(s[1].b, "パスワード");
    }

    /// Character bigrams of normalised text (a one-character text is its own key).
    fn bigrams(text: &str) -> Vec<String> {
        gram_keys(text).into_iter().map(key_string).collect()
    }

    #[test]
    fn bigrams_are_normalised() {
        assert_eq!(bigrams("ＰＣ管理"), ["pc", "c管", "管理"]);
        assert_eq!(bigrams("図"), ["図"]);
    }
}
