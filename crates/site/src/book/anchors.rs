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

/// The values of the `id="…"` attributes of `html`.
fn ids(html: &str) -> Vec<&str> {
    html.match_indices(" id=\"")
        .filter_map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

/// `html` with every id too long to name a PDF destination replaced by
/// `sc3-` and 16 hex digits of its hash (another digit added on the rare
/// clash), in its `id="…"` and in every `href="#…"` to it.
pub fn short_anchors(html: &str) -> String {
    let all = ids(html);
    let taken: HashSet<&str> = all.iter().copied().collect();
    let mut new_ids: HashSet<String> = HashSet::new();
    let mut short: HashMap<&str, String> = HashMap::new();
    for id in all {
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
    let mut rest = html;
    loop {
        let next = [" id=\"", "href=\"#"]
            .iter()
            .filter_map(|p| rest.find(p).map(|at| (at, p.len())))
            .min();
        let Some((at, len)) = next else {
            out.push_str(rest);
            return out;
        };
        let value_start = at + len;
        let Some(end) = rest[value_start..].find('"') else {
            out.push_str(rest);
            return out;
        };
        out.push_str(&rest[..value_start]);
        let value = &rest[value_start..value_start + end];
        out.push_str(short.get(value).map_or(value, String::as_str));
        rest = &rest[value_start + end..];
    }
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
        let got = ids(&out);
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
    fn a_page_without_long_ids_is_unchanged() {
        let html = r##"<h1 id="はじめに">x</h1><a href="#はじめに">y</a><a href="#"></a>"##;
        assert_eq!(short_anchors(html), html);
    }
}
