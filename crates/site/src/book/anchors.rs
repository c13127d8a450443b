//! Anchors the edition PDFs can name.
//!
//! Chromium turns every `id` of the print page into a named destination of
//! the PDF, written as the id percent-encoded: a Japanese heading of fifteen
//! characters (`第10章-情報セキュリティインシデント対応…`) becomes a name of
//! over 127 bytes, the longest the PDF specification lets a reader expect
//! (ISO 32000-1, annex C). poppler warns on such names, and a reader may
//! refuse them, and with them the links of the table of contents. So every
//! id whose percent-encoding is longer gets a short one, the same for the
//! same id in every build, and each `href="#…"` to it follows.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// The longest a named destination may be, in bytes.
pub const LONGEST_NAME: usize = 127;

/// How long `id` is once percent-encoded as a URL fragment (Chromium's
/// form): unreserved ASCII as itself, every other byte as `%XX`.
fn encoded_len(id: &str) -> usize {
    id.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
                1
            } else {
                3
            }
        })
        .sum()
}

/// FNV-1a, 64 bits: stable across builds and platforms, which `std`'s
/// hasher is not promised to be.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// Where an anchor is named in `html`: the value of each `id` attribute,
/// and of each `href` that starts with `#` (without the `#`), in order, with
/// whether it is a link. Only attributes of tags count: text (code showing
/// `<a id="…">` is text, its `<` written `&lt;`), comments and the contents
/// of `script` and `style` are passed over.
fn anchors(html: &str) -> Vec<(Range<usize>, bool)> {
    let b = html.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(p) = html[i..].find('<') {
        let start = i + p;
        if html[start..].starts_with("<!--") {
            i = html[start..].find("-->").map_or(b.len(), |e| start + e + 3);
            continue;
        }
        let name_end = start
            + 1
            + b[start + 1..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .unwrap_or(b.len() - start - 1);
        let name = html[start + 1..name_end].to_ascii_lowercase();
        // The attributes, up to the `>` that is not in a quoted value.
        let mut j = name_end;
        while j < b.len() && b[j] != b'>' {
            if b[j].is_ascii_whitespace() || b[j] == b'/' {
                j += 1;
                continue;
            }
            let attr_start = j;
            while j < b.len() && !matches!(b[j], b'=' | b'>' | b'/') && !b[j].is_ascii_whitespace()
            {
                j += 1;
            }
            let attr = html[attr_start..j].to_ascii_lowercase();
            if b.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            let value = match b.get(j) {
                Some(&q @ (b'"' | b'\'')) => {
                    let end = html[j + 1..].find(q as char).map_or(b.len(), |e| j + 1 + e);
                    let v = j + 1..end;
                    j = (end + 1).min(b.len());
                    v
                }
                _ => {
                    let from = j;
                    while j < b.len() && b[j] != b'>' && !b[j].is_ascii_whitespace() {
                        j += 1;
                    }
                    from..j
                }
            };
            if attr == "id" {
                found.push((value, false));
            } else if attr == "href" && html[value.clone()].starts_with('#') {
                found.push((value.start + 1..value.end, true));
            }
        }
        i = (j + 1).min(b.len());
        // Raw text: nothing in it is a tag.
        if matches!(name.as_str(), "script" | "style") {
            let close = format!("</{name}");
            i = html[i..]
                .to_ascii_lowercase()
                .find(&close)
                .map_or(b.len(), |e| i + e);
        }
    }
    found
}

/// `html` with every id too long to name a PDF destination replaced by
/// `sc3-` and 16 hex digits of its hash (another digit added on the rare
/// clash), in its `id` and in every `href="#…"` to it.
pub fn short_anchors(html: &str) -> String {
    let found = anchors(html);
    let ids: Vec<&str> = found
        .iter()
        .filter(|(_, link)| !link)
        .map(|(r, _)| &html[r.clone()])
        .collect();
    let taken: HashSet<&str> = ids.iter().copied().collect();
    let mut new_ids: HashSet<String> = HashSet::new();
    let mut short: HashMap<&str, String> = HashMap::new();
    for id in ids {
        if encoded_len(id) <= LONGEST_NAME || short.contains_key(id) {
            continue;
        }
        let hash = fnv1a(id);
        let mut name = format!("sc3-{hash:016x}");
        let mut n = 0;
        while taken.contains(name.as_str()) || new_ids.contains(&name) {
            n += 1;
            name = format!("sc3-{hash:016x}-{n}");
        }
        new_ids.insert(name.clone());
        short.insert(id, name);
    }
    if short.is_empty() {
        return html.to_owned();
    }
    let mut out = String::with_capacity(html.len());
    let mut at = 0;
    for (range, _) in found {
        if let Some(name) = short.get(&html[range.clone()]) {
            out.push_str(&html[at..range.start]);
            out.push_str(name);
            at = range.end;
        }
    }
    out.push_str(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_ids_and_their_links_get_one_short_name() {
        let long = "第10章-情報セキュリティインシデント対応の手順を定める";
        assert!(encoded_len(long) > LONGEST_NAME);
        let html = format!(
            r##"<h1 id="{long}">x</h1><p id="短い見出し">y</p><a href="#{long}">a</a> <a href="#短い見出し">b</a> <a href="https://e/#{long}">c</a>"##
        );
        let out = short_anchors(&html);
        let name = format!("sc3-{:016x}", fnv1a(long));
        assert_eq!(
            out,
            format!(
                r##"<h1 id="{name}">x</h1><p id="短い見出し">y</p><a href="#{name}">a</a> <a href="#短い見出し">b</a> <a href="https://e/#{long}">c</a>"##
            )
        );
        // The same in every build.
        assert_eq!(short_anchors(&html), out);
    }

    #[test]
    fn every_id_left_is_short_enough_and_none_is_shared() {
        let long = "あ".repeat(43); // 43 × 9 = 387 bytes encoded
        let clash = format!("sc3-{:016x}", fnv1a(&long));
        let html = format!(
            r##"<a id="{clash}"></a><h2 id="{long}"></h2><h3 id="{long}-2"></h3><a href="#{long}-2"></a>"##
        );
        let out = short_anchors(&html);
        let got: Vec<&str> = anchors(&out)
            .into_iter()
            .filter(|(_, link)| !link)
            .map(|(r, _)| &out[r])
            .collect();
        assert_eq!(got.len(), 3);
        assert!(
            got.iter().all(|id| encoded_len(id) <= LONGEST_NAME),
            "{got:?}"
        );
        let unique: HashSet<&&str> = got.iter().collect();
        assert_eq!(unique.len(), 3, "{got:?}");
        assert_eq!(got[1], format!("{clash}-1"));
        assert!(out.ends_with(&format!(r##"<a href="#{}"></a>"##, got[2])));
    }

    #[test]
    fn code_text_comments_and_scripts_are_not_tags() {
        let long = "い".repeat(20);
        let html = format!(
            r##"<p><code>&lt;a id="</code> 本文 id="{long}" </p><!-- <a id="{long}"> --><script>if (a <b) {{ x = ' id="{long}"'; }}</script><h2 id='{long}' class=x>h</h2><a class="y" href="#{long}">l</a><pre><code>href="#{long}"</code></pre>"##
        );
        let out = short_anchors(&html);
        let name = format!("sc3-{:016x}", fnv1a(&long));
        assert_eq!(
            out,
            format!(
                r##"<p><code>&lt;a id="</code> 本文 id="{long}" </p><!-- <a id="{long}"> --><script>if (a <b) {{ x = ' id="{long}"'; }}</script><h2 id='{name}' class=x>h</h2><a class="y" href="#{name}">l</a><pre><code>href="#{long}"</code></pre>"##
            )
        );
    }

    #[test]
    fn a_page_without_long_ids_is_unchanged() {
        let html = r##"<h1 id="はじめに">x</h1><a href="#はじめに">y</a><a href="#"></a>"##;
        assert_eq!(short_anchors(html), html);
    }
}
