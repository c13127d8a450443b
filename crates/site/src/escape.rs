//! Escaping content for generated pages.
//!
//! Generated pages are Markdown that mdBook turns into HTML. Content strings come
//! from pull requests, so they must reach the page as text, never as markup:
//! neither HTML (`<script>`) nor Markdown (`[link](javascript:…)`, `*`, `|`).
//! Every ASCII character that means something to either language is written as
//! a numeric character reference. References are decoded as text both in
//! Markdown paragraphs and table cells and inside raw HTML blocks, so one escape
//! works wherever a value is placed. Line breaks become `<br>` so that a value
//! can never end an HTML block or a table row early.

/// Escapes `s` for any place in a generated Markdown page.
pub fn content(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("<br>");
                }
            }
            '\n' => out.push_str("<br>"),
            '&' | '<' | '>' | '"' | '\'' | '`' | '*' | '_' | '[' | ']' | '(' | ')' | '{' | '}'
            | '#' | '|' | '\\' | '!' | '~' | '=' | '+' | '-' | ':' | '$' | '^' | '@' | '%' => {
                out.push_str(&format!("&#{};", c as u32));
            }
            // Control characters other than tab have no business in a page.
            c if c.is_control() && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A URL for an `href`: only `http:` and `https:` are linked; anything else
/// (`javascript:`, `data:`, relative paths) is not a link.
pub fn safe_url(s: &str) -> Option<String> {
    let t = s.trim();
    let lower = t.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && !t.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        Some(content(t))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_reaches_the_page_as_markup() {
        let e = content("<script>alert(1)</script> [x](javascript:y) *a* | b\n\nc");
        assert!(
            !e.contains('<') || !e.replace("<br>", "").contains('<'),
            "{e}"
        );
        assert!(!e.contains("javascript:"));
        assert!(!e.contains('*') && !e.contains('|') && !e.contains("\n"));
        assert!(e.contains("&#60;script&#62;"));
        assert_eq!(content("取り組み、サーバー。"), "取り組み、サーバー。");
    }

    #[test]
    fn only_web_urls_are_links() {
        assert!(safe_url("https://www.ipa.go.jp/security/").is_some());
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JAVASCRIPT:alert(1)"), None);
        assert_eq!(safe_url("data:text/html,x"), None);
        assert_eq!(safe_url("https://a b"), None);
    }
}
