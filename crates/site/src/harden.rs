//! The last step of every build, after mdBook has written the pages: each
//! page gets a Content-Security-Policy, and no page is published whose
//! content could run script.
//!
//! The lint (rules S001–S006) refuses what a pull request could use to put
//! markup on a page; this pass checks the result instead of the sources, so
//! a gap in the lint or a change in mdBook cannot publish a script:
//!
//! - every page is read with an HTML tokenizer (html5ever, as mdBook uses);
//! - inside `<main>` (from the first `<main>` to the last `</main>`: where
//!   mdBook puts a chapter's content) no element may run or embed anything
//!   ([`FORBIDDEN`]; a `<script>` only as `type="application/json"` data),
//!   and no attribute may be an event handler;
//! - on the whole page, links and sources (`href`, `src`, …) are relative,
//!   `http(s):` or `mailto:` (the sidebar and the previous/next links are
//!   outside `<main>`);
//! - the page's own inline scripts (mdBook's, outside `<main>`) are allowed by
//!   their SHA-256 in a `<meta http-equiv="Content-Security-Policy">`, so a
//!   script that reached a page any other way does not run, and neither do
//!   event handlers or `javascript:` links.

use std::cell::RefCell;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use base64::Engine as _;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, TagKind, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use sc3_model::names::url_scheme;

use crate::SiteError;

/// Elements that may not appear in a page's content: they run script, load
/// or embed other documents, submit data, or restyle the whole page.
pub const FORBIDDEN: &[&str] = &[
    "applet",
    "base",
    "embed",
    "form",
    "frame",
    "frameset",
    "iframe",
    "link",
    "meta",
    "object",
    "portal",
    "script",
    "style",
    "template",
    // SVG elements that load or animate attributes (`<set href=javascript:>`).
    "animate",
    "animatemotion",
    "animatetransform",
    "foreignobject",
    "set",
    "use",
];

/// Attributes whose value is a URL a browser follows or loads.
const URL_ATTRIBUTES: &[&str] = &[
    "action",
    "background",
    "cite",
    "data",
    "formaction",
    "href",
    "longdesc",
    "poster",
    "src",
    "xlink:href",
];

/// The policy, with `{scripts}` replaced by the hashes of the page's own
/// inline scripts. Styles may be inline (mdBook and the charts use `style`
/// attributes); nothing from elsewhere may be framed or embedded (mdBook
/// frames its own `toc.html` for readers without JavaScript), and nothing
/// submitted.
const POLICY: &str = "default-src 'self'; script-src 'self'{scripts}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; frame-src 'self'; worker-src 'none'; base-uri 'none'; form-action 'none'";

/// Why a page was not published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub page: String,
    pub what: String,
}

/// Checks every page under `out` and gives it its policy. Fails, naming each
/// page and what was found, if any page's content could run script.
pub fn harden(out: &Path) -> Result<(), SiteError> {
    let pages: Vec<PathBuf> = walkdir::WalkDir::new(out)
        .follow_links(false)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "html"))
        .map(walkdir::DirEntry::into_path)
        .collect();
    let refusals: Vec<Refusal> = pages
        .par_iter()
        .map(|path| -> Result<Vec<Refusal>, SiteError> {
            let name = path
                .strip_prefix(out)
                .unwrap_or(path)
                .to_string_lossy()
                .replace('\\', "/");
            let html = fs::read_to_string(path)
                .map_err(|e| SiteError(format!("cannot read {}: {e}", path.display())))?;
            match page(&html) {
                Ok(hardened) => {
                    fs::write(path, hardened)
                        .map_err(|e| SiteError(format!("cannot write {}: {e}", path.display())))?;
                    Ok(Vec::new())
                }
                Err(found) => Ok(found
                    .into_iter()
                    .map(|what| Refusal {
                        page: name.clone(),
                        what,
                    })
                    .collect()),
            }
        })
        .collect::<Result<Vec<_>, _>>()?
        .into_iter()
        .flatten()
        .collect();
    if refusals.is_empty() {
        return Ok(());
    }
    let mut msg = String::from(
        "the handbook was not published: these pages hold markup that could run script (see `cargo xtask explain S002`):",
    );
    for r in refusals.iter().take(20) {
        let _ = write!(msg, "\n  {}: {}", r.page, r.what);
    }
    if refusals.len() > 20 {
        let _ = write!(msg, "\n  … and {} more", refusals.len() - 20);
    }
    Err(SiteError(msg))
}

/// One page with its policy, or what in it could run script.
pub fn page(html: &str) -> Result<String, Vec<String>> {
    let lower = html.to_ascii_lowercase();
    let (main_start, main_end) = match (lower.find("<main>"), lower.rfind("</main>")) {
        (Some(s), Some(e)) if s < e => (s, e + "</main>".len()),
        _ => (html.len(), html.len()),
    };
    let mut problems = Vec::new();
    let mut scripts = Vec::new();
    for (region, in_main) in [
        (&html[..main_start], false),
        (&html[main_start..main_end], true),
        (&html[main_end..], false),
    ] {
        let found = scan(region, in_main);
        problems.extend(found.problems);
        scripts.extend(found.scripts);
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let mut hashes = String::new();
    let mut seen = std::collections::BTreeSet::new();
    for s in &scripts {
        let digest = Sha256::digest(s.as_bytes());
        let b64 = base64::engine::general_purpose::STANDARD.encode(digest);
        if seen.insert(b64.clone()) {
            let _ = write!(hashes, " 'sha256-{b64}'");
        }
    }
    let meta = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{}\">",
        POLICY.replace("{scripts}", &hashes)
    );
    // Before anything else in <head>: a policy applies only to what follows it.
    let at = ["<meta charset=\"UTF-8\">", "<head>"]
        .iter()
        .find_map(|tag| html.find(tag).map(|p| p + tag.len()))
        .unwrap_or(0);
    let mut out = String::with_capacity(html.len() + meta.len() + 1);
    out.push_str(&html[..at]);
    out.push_str(&meta);
    out.push_str(&html[at..]);
    Ok(out)
}

/// What one region of a page holds.
#[derive(Default)]
struct Found {
    problems: Vec<String>,
    /// Texts of inline scripts outside the content.
    scripts: Vec<String>,
}

struct Sink {
    in_main: bool,
    found: RefCell<Found>,
    /// The text of the inline script being read, if any.
    script: RefCell<Option<String>>,
}

impl TokenSink for Sink {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        match token {
            Token::TagToken(tag) => {
                let name = str::to_ascii_lowercase(&tag.name);
                if tag.kind == TagKind::EndTag {
                    if name == "script"
                        && let Some(text) = self.script.borrow_mut().take()
                    {
                        self.found.borrow_mut().scripts.push(text);
                    }
                    return TokenSinkResult::Continue;
                }
                let attr = |n: &str| {
                    tag.attrs
                        .iter()
                        .find(|a| str::eq_ignore_ascii_case(&a.name.local, n))
                        .map(|a| a.value.to_string())
                };
                let mut found = self.found.borrow_mut();
                for a in &tag.attrs {
                    let key = match &a.name.prefix {
                        Some(p) => format!("{}:{}", p, a.name.local),
                        None => a.name.local.to_string(),
                    }
                    .to_ascii_lowercase();
                    let local = str::to_ascii_lowercase(&a.name.local);
                    if self.in_main && (local.starts_with("on") || local == "srcdoc") {
                        found
                            .problems
                            .push(format!("<{name}> has the attribute {key}"));
                    }
                    let is_url = URL_ATTRIBUTES.contains(&key.as_str())
                        || URL_ATTRIBUTES.contains(&local.as_str());
                    if is_url
                        && let Some(scheme) = url_scheme(&a.value)
                        && !matches!(scheme.as_str(), "http" | "https" | "mailto")
                    {
                        found
                            .problems
                            .push(format!("<{name} {key}> leads to a {scheme}: URL"));
                    }
                }
                if name == "script" {
                    let json = attr("type").is_some_and(|t| t.trim() == "application/json");
                    if self.in_main && !json {
                        found.problems.push("<script> in the content".to_owned());
                    } else if !self.in_main && attr("src").is_none() {
                        *self.script.borrow_mut() = Some(String::new());
                    }
                    return TokenSinkResult::RawData(RawKind::ScriptData);
                }
                if self.in_main && FORBIDDEN.contains(&name.as_str()) {
                    found.problems.push(format!("<{name}> in the content"));
                }
                match name.as_str() {
                    "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                        TokenSinkResult::RawData(RawKind::Rawtext)
                    }
                    "textarea" | "title" => TokenSinkResult::RawData(RawKind::Rcdata),
                    _ => TokenSinkResult::Continue,
                }
            }
            Token::CharacterTokens(text) => {
                if let Some(s) = self.script.borrow_mut().as_mut() {
                    s.push_str(&text);
                }
                TokenSinkResult::Continue
            }
            _ => TokenSinkResult::Continue,
        }
    }
}

fn scan(region: &str, in_main: bool) -> Found {
    let sink = Sink {
        in_main,
        found: RefCell::new(Found::default()),
        script: RefCell::new(None),
    };
    let queue = BufferQueue::default();
    queue.push_back(StrTendril::from_slice(region));
    let tok = Tokenizer::new(sink, TokenizerOpts::default());
    let _ = tok.feed(&queue);
    tok.end();
    tok.sink.found.into_inner()
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!DOCTYPE HTML>\n<html><head>\n<meta charset=\"UTF-8\">\n<script>\n    const path_to_root = \"\";\n</script>\n<script src=\"toc.js\"></script></head><body><nav><a href=\"intro.html\">はじめに</a></nav><main>{}</main><nav><a rel=\"next\" href=\"steps.html\">次</a></nav><script>\nif (1 < 2) { window.x = '</b>'; }\n</script></body></html>";

    fn with(content: &str) -> String {
        PAGE.replace("{}", content)
    }

    #[test]
    fn a_clean_page_gets_a_policy_with_the_hashes_of_its_own_scripts() {
        let out = page(&with("<h1 id=\"a\">題</h1><p>本文 &lt;script&gt;</p><svg style=\"max-width:3px\"><a href=\"#row-1\"><rect/></a></svg><script type=\"application/json\" id=\"d\">{\"a\":1}</script>")).unwrap();
        let meta_at = out.find("Content-Security-Policy").unwrap();
        assert!(meta_at < out.find("<script").unwrap());
        let hash = |s: &str| {
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(Sha256::digest(s.as_bytes()))
            )
        };
        assert!(out.contains(&hash("\n    const path_to_root = \"\";\n")));
        assert!(out.contains(&hash("\nif (1 < 2) { window.x = '</b>'; }\n")));
        // The JSON data in the content is not allowed to run.
        assert!(!out.contains(&hash("{\"a\":1}")));
        assert!(out.contains("script-src 'self' 'sha256-"));
        assert!(out.contains("object-src 'none'"));
    }

    #[test]
    fn script_in_the_content_stops_the_page() {
        for (content, expect) in [
            ("<script>alert(1)</script>", "<script> in the content"),
            (
                "<img src=x onerror=alert(1)>",
                "<img> has the attribute onerror",
            ),
            ("<SVG ONLOAD=alert(1)>", "<svg> has the attribute onload"),
            (
                "<iframe src=\"javascript:alert(1)\"></iframe>",
                "<iframe> in the content",
            ),
            (
                "<a href=\" java\tscript:alert(1)\">x</a>",
                "<a href> leads to a javascript: URL",
            ),
            (
                "<form><button formaction=x>x</button></form>",
                "<form> in the content",
            ),
            (
                "<svg><set attributeName=href to=javascript:alert(1)/></svg>",
                "<set> in the content",
            ),
            (
                "<style>body{display:none}</style>",
                "<style> in the content",
            ),
            ("<object data=x.swf></object>", "<object> in the content"),
        ] {
            let found = page(&with(content)).unwrap_err();
            assert!(found.iter().any(|f| f == expect), "{content}: {found:?}");
        }
    }

    #[test]
    fn links_outside_the_content_are_checked_too() {
        let html = PAGE
            .replace("intro.html", "javascript:alert(1).html")
            .replace("{}", "");
        assert_eq!(
            page(&html).unwrap_err(),
            ["<a href> leads to a javascript: URL"]
        );
    }
}
