//! Characters as they reach readers, however a content file writes them: as
//! themselves, as an escape in a TOML basic string or a YAML double-quoted
//! scalar (`\u202E`, `\U0000202E`, `\xAD`), or as an HTML character reference
//! in Markdown and templates (`&#x202E;`, `&#8238;`, `&#x202E` without the
//! `;`, `&zwj;`). T008, T009 and T010 look for their characters with
//! [`find`]: the default ignorables, which show as nothing, and the control
//! characters ([`is_control`]), which a page shows as nothing and a terminal
//! obeys.

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use sc3_model::SourceFile;

/// Unicode's Default_Ignorable_Code_Point: characters that show as nothing
/// (zero-width spaces and joiners, the soft hyphen, variation selectors,
/// bidirectional marks and controls, tag characters, Hangul fillers, and the
/// code points kept for more of them), as listed in DerivedCoreProperties.txt.
pub fn is_default_ignorable(c: char) -> bool {
    matches!(
        c,
        '\u{AD}'
            | '\u{34F}'
            | '\u{61C}'
            | '\u{115F}'..='\u{1160}'
            | '\u{17B4}'..='\u{17B5}'
            | '\u{180B}'..='\u{180F}'
            | '\u{200B}'..='\u{200F}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2060}'..='\u{206F}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
            | '\u{FFF0}'..='\u{FFF8}'
            | '\u{1BCA0}'..='\u{1BCA3}'
            | '\u{1D173}'..='\u{1D17A}'
            | '\u{E0000}'..='\u{E0FFF}'
    )
}

/// The control characters T010 looks for: C0 but tab, line feed and
/// carriage return (line ends in every format read here), DEL and C1.
pub fn is_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// What [`find`] finds: a default ignorable or a control character.
fn is_hidden(c: char) -> bool {
    is_default_ignorable(c) || is_control(c)
}

/// One character of a file, and how it is written there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    /// The bytes that stand for it: the character, or its escape or reference.
    pub span: Range<usize>,
    pub c: char,
    /// Written as an escape or a character reference, not as itself.
    pub escaped: bool,
}

/// How a file's text turns into characters, from its name.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Syntax {
    Toml,
    Yaml,
    /// Markdown and Handlebars templates: both reach the page as HTML.
    Html,
    Other,
}

/// Whether `path` is read as YAML (a prh dictionary).
pub(crate) fn is_yaml(path: &str) -> bool {
    syntax(path) == Syntax::Yaml
}

fn syntax(path: &str) -> Syntax {
    let ext = path.rsplit_once('.').map_or("", |(_, e)| e);
    match ext {
        "toml" => Syntax::Toml,
        "yml" | "yaml" => Syntax::Yaml,
        "md" | "hbs" => Syntax::Html,
        _ => Syntax::Other,
    }
}

/// The first bytes of the UTF-8 encodings of the default ignorables (a
/// test checks every default ignorable against the list), searched for
/// with memchr's SIMD searches, three at a time. `E3` leads kana and much
/// of Japanese text, and only one default ignorable (U+3164), so that one
/// is searched for whole.
const IGNORABLE_LEADS: [[u8; 3]; 2] = [[0xC2, 0xCD, 0xD8], [0xE1, 0xE2, 0xEF]];
const IGNORABLE_LEADS_4: [u8; 2] = [0xF0, 0xF3];
const HANGUL_FILLER: &str = "\u{3164}";

/// The default ignorables and C1 controls (led by `C2`, searched for with
/// the soft hyphen) `text` writes as themselves, with their offsets, in
/// order.
fn ignorables(text: &str) -> Vec<(usize, char)> {
    let bytes = text.as_bytes();
    let [[a, b, c], [d, e, f]] = IGNORABLE_LEADS;
    let [g, h] = IGNORABLE_LEADS_4;
    let mut at: Vec<usize> = memchr::memchr3_iter(a, b, c, bytes)
        .chain(memchr::memchr3_iter(d, e, f, bytes))
        .chain(memchr::memchr2_iter(g, h, bytes))
        .chain(memchr::memmem::find_iter(bytes, HANGUL_FILLER))
        .collect();
    at.sort_unstable();
    at.into_iter()
        .filter_map(|at| {
            // A lead byte always starts a character.
            let c = text[at..].chars().next()?;
            is_hidden(c).then_some((at, c))
        })
        .collect()
}

/// The C0 controls (but tab, line feed and carriage return) and DEL of
/// `text`, with their offsets, in order. Almost no text has one: each block
/// of 64 bytes is tested whole, in a loop the compiler vectorises, and only
/// a block with one is looked at byte by byte.
fn c0_controls(text: &str) -> Vec<(usize, char)> {
    let wanted = |b: u8| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r')) || b == 0x7F;
    let mut found = Vec::new();
    for (k, block) in text.as_bytes().chunks(64).enumerate() {
        if block.iter().fold(false, |any, &b| any | wanted(b)) {
            for (i, &b) in block.iter().enumerate() {
                if wanted(b) {
                    found.push((k * 64 + i, char::from(b)));
                }
            }
        }
    }
    found
}

/// Every default ignorable ([`is_default_ignorable`]) and control character
/// ([`is_control`]) of `file`, written as itself or otherwise, in the order
/// of the file. References in Markdown code are not decoded, so they are
/// left out; characters written as themselves are found everywhere. One
/// scan of the file serves every rule that looks for some of them.
pub fn find(file: &SourceFile) -> Vec<Written> {
    let wanted = is_hidden;
    let text = file.text.as_str();
    let mut raw = ignorables(text);
    let controls = c0_controls(text);
    if !controls.is_empty() {
        raw.extend(controls);
        raw.sort_unstable();
    }
    let mut found: Vec<Written> = raw
        .into_iter()
        .map(|(at, c)| Written {
            span: at..at + c.len_utf8(),
            c,
            escaped: false,
        })
        .collect();
    let escaped = match syntax(&file.path) {
        Syntax::Toml => toml_escapes(text),
        // Finding the scalars parses the YAML again: not needed when no
        // escape can stand for a character anywhere.
        Syntax::Yaml if !may_escape(text) => Vec::new(),
        Syntax::Yaml => prh::double_quoted_scalars(text)
            .into_iter()
            .flat_map(|r| backslash_escapes(text, r.start + 1..r.end.saturating_sub(1)))
            .collect(),
        Syntax::Html if file.path.ends_with(".md") => {
            // Code shows a reference as written (parsed only if there are any).
            let mut refs = references(text);
            refs.retain(|(_, c)| wanted(*c));
            let code = if refs.is_empty() {
                Vec::new()
            } else {
                crate::text::markdown_code(text)
            };
            refs.retain(|(r, _)| {
                let k = code.partition_point(|c| c.start <= r.start);
                k == 0 || code[k - 1].end <= r.start
            });
            refs
        }
        Syntax::Html => references(text),
        Syntax::Other => Vec::new(),
    };
    found.extend(
        escaped
            .into_iter()
            .filter(|(_, c)| wanted(*c))
            .map(|(span, c)| Written {
                span,
                c,
                escaped: true,
            }),
    );
    found.sort_by_key(|w| w.span.start);
    found
}

/// A character from its code point in `digits` (`radix` 16 or 10), if the
/// number is one; leading zeros are allowed and a number too large is none.
fn code_point(digits: &str, radix: u32) -> Option<char> {
    let digits = digits.trim_start_matches('0');
    if digits.len() > 8 {
        return None;
    }
    char::from_u32(u32::from_str_radix(if digits.is_empty() { "0" } else { digits }, radix).ok()?)
}

/// Whether `text` has a `\u`, `\U`, `\x` or an escape of a control
/// character anywhere: without one, [`backslash_escapes`] finds nothing in
/// any part of it.
fn may_escape(text: &str) -> bool {
    let b = text.as_bytes();
    memchr::memchr_iter(b'\\', b).any(|i| {
        b.get(i + 1)
            .is_some_and(|x| matches!(x, b'u' | b'U' | b'x') || control_escape(*x).is_some())
    })
}

/// The control character a one-letter escape stands for: `\b` and `\f`
/// in TOML and YAML, `\e` in YAML and TOML 1.1, `\a`, `\v`, `\0` and
/// `\N` (U+0085) in YAML (TOML refuses those four).
fn control_escape(letter: u8) -> Option<char> {
    Some(match letter {
        b'b' => '\u{8}',
        b'f' => '\u{C}',
        b'e' => '\u{1B}',
        b'a' => '\u{7}',
        b'v' => '\u{B}',
        b'0' => '\0',
        b'N' => '\u{85}',
        _ => return None,
    })
}

/// The escapes of `\` in `text[within]` that stand for one character:
/// `\uXXXX`, `\UXXXXXXXX` and `\xXX` (in YAML double-quoted scalars and, from
/// TOML 1.1, in TOML basic strings), and those of control characters
/// ([`control_escape`]). Other escapes are skipped whole, so an escaped
/// backslash is never the start of one.
fn backslash_escapes(text: &str, within: Range<usize>) -> Vec<(Range<usize>, char)> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut i = within.start;
    while i < within.end {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        let digits = match b.get(i + 1) {
            Some(b'u') => 4,
            Some(b'U') => 8,
            Some(b'x') => 2,
            // A one-letter escape: of a control character, or of nothing
            // this module looks for.
            letter => {
                let control = letter.and_then(|&x| control_escape(x));
                if let Some(c) = control.filter(|_| i + 2 <= within.end) {
                    found.push((i..i + 2, c));
                }
                i += 2;
                continue;
            }
        };
        let end = (i + 2 + digits).min(within.end);
        let c = text
            .get(i + 2..end)
            .filter(|h| h.len() == digits && h.bytes().all(|x| x.is_ascii_hexdigit()))
            .and_then(|h| code_point(h, 16));
        if let Some(c) = c {
            found.push((i..end, c));
        }
        i = end;
    }
    found
}

/// The escapes in the basic strings of a TOML text, keys included: the byte
/// range of each escape and the character it stands for. Comments and literal
/// strings, where a backslash is just a backslash, are skipped.
fn toml_escapes(text: &str) -> Vec<(Range<usize>, char)> {
    let b = text.as_bytes();
    let mut found = Vec::new();
    let mut i = 0;
    while i < b.len() {
        let q = b[i];
        if q == b'#' {
            i = b[i..]
                .iter()
                .position(|&x| x == b'\n')
                .map_or(b.len(), |p| i + p);
            continue;
        }
        if q != b'"' && q != b'\'' {
            i += 1;
            continue;
        }
        let multi = b[i..].starts_with(&[q, q, q]);
        i += if multi { 3 } else { 1 };
        let start = i;
        let mut end = b.len();
        while i < b.len() {
            if b[i] == q && (!multi || b[i..].starts_with(&[q, q, q])) {
                end = i;
                i += if multi { 3 } else { 1 };
                // Up to two more quotes belong to the string's content.
                while multi && i < b.len() && b[i] == q {
                    i += 1;
                }
                break;
            }
            if b[i] == b'\n' && !multi {
                end = i; // An unclosed string: the parser reports it.
                break;
            }
            // A backslash escapes the next byte (a quote, another backslash).
            i += if b[i] == b'\\' && q == b'"' { 2 } else { 1 };
        }
        if q == b'"' {
            found.extend(backslash_escapes(text, start..end.min(b.len())));
        }
    }
    found
}

/// Numeric character references, with or without the closing `;`: HTML
/// parsers decode `&#x202E` followed by any non-digit as U+202E.
static NUMERIC: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&#(?:[xX]([0-9a-fA-F]+)|([0-9]+));?").unwrap());

/// The named references (HTML's list) that stand for an invisible character.
/// Of these only `&shy` is also decoded without its `;`.
const NAMED: &[(&str, char)] = &[
    ("shy", '\u{AD}'),
    ("ZeroWidthSpace", '\u{200B}'),
    ("NegativeVeryThinSpace", '\u{200B}'),
    ("NegativeThinSpace", '\u{200B}'),
    ("NegativeMediumSpace", '\u{200B}'),
    ("NegativeThickSpace", '\u{200B}'),
    ("zwnj", '\u{200C}'),
    ("zwj", '\u{200D}'),
    ("lrm", '\u{200E}'),
    ("rlm", '\u{200F}'),
    ("NoBreak", '\u{2060}'),
    ("af", '\u{2061}'),
    ("ApplyFunction", '\u{2061}'),
    ("it", '\u{2062}'),
    ("InvisibleTimes", '\u{2062}'),
    ("ic", '\u{2063}'),
    ("InvisibleComma", '\u{2063}'),
];

static NAMED_RE: LazyLock<Regex> = LazyLock::new(|| {
    let names: Vec<&str> = NAMED.iter().map(|(n, _)| *n).collect();
    Regex::new(&format!(r"&(?:({});|(shy))", names.join("|"))).unwrap()
});

/// The character references of a Markdown or template text.
fn references(text: &str) -> Vec<(Range<usize>, char)> {
    let mut found: Vec<(Range<usize>, char)> = NUMERIC
        .captures_iter(text)
        .filter_map(|m| {
            let c = match (m.get(1), m.get(2)) {
                (Some(hex), _) => code_point(hex.as_str(), 16)?,
                (_, Some(dec)) => code_point(dec.as_str(), 10)?,
                _ => return None,
            };
            // HTML reads `&#0;` as U+FFFD and `&#x80;`…`&#x9F;` as the
            // characters of windows-1252 (`&#x9B;` is ›), not as controls,
            // but for the five that windows-1252 leaves undefined.
            let windows_1252 = ('\u{80}'..='\u{9F}').contains(&c)
                && !matches!(c, '\u{81}' | '\u{8D}' | '\u{8F}' | '\u{90}' | '\u{9D}');
            if c == '\0' || windows_1252 {
                return None;
            }
            Some((m.get(0)?.range(), c))
        })
        .collect();
    found.extend(NAMED_RE.captures_iter(text).filter_map(|m| {
        let name = m.get(1).or(m.get(2))?.as_str();
        let c = NAMED.iter().find(|(n, _)| *n == name)?.1;
        Some((m.get(0)?.range(), c))
    }));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn escapes(text: &str) -> Vec<(&str, char)> {
        toml_escapes(text)
            .into_iter()
            .map(|(r, c)| (&text[r], c))
            .collect()
    }

    #[test]
    fn toml_escapes_only_in_basic_strings() {
        let text = "a = \"x\\u200By\\\\u202E\" # \"\\u200C\"\nb = 'p\\u200D'\nc = \"\"\"\n\\U0000FEFF\\xAD\"\"\"\n";
        assert_eq!(
            escapes(text),
            [
                ("\\u200B", '\u{200B}'),
                ("\\U0000FEFF", '\u{FEFF}'),
                ("\\xAD", '\u{AD}')
            ]
        );
    }

    #[test]
    fn references_with_and_without_semicolons() {
        let text = "&#x202E;&#x202E &#8238x &#x0000202e; &#x110000; &zwj; &zwj &shy &amp; &#xZZ;";
        let got: Vec<(&str, char)> = references(text)
            .into_iter()
            .map(|(r, c)| (&text[r], c))
            .collect();
        assert_eq!(
            got,
            [
                ("&#x202E;", '\u{202E}'),
                ("&#x202E", '\u{202E}'),
                ("&#8238", '\u{202E}'),
                ("&#x0000202e;", '\u{202E}'),
                ("&zwj;", '\u{200D}'),
                ("&shy", '\u{AD}'),
            ]
        );
    }

    #[test]
    fn yaml_escapes_only_in_double_quoted_scalars() {
        let file = SourceFile::new(
            "guidelines/glossary/p.yml",
            "rules:\n  - expected: \"サー\\u200Bバー\"\n    pattern: 'a\\u202E'\n    prh: a\\u202E \"b\"\n    specs:\n      - from: \"\\\\u202E\\xAD\"\n# \"\\u202E\"\n"
                .into(),
            false,
        );
        let got: Vec<(&str, char)> = find(&file)
            .into_iter()
            .map(|w| (file.slice(&w.span), w.c))
            .collect();
        assert_eq!(got, [("\\u200B", '\u{200B}'), ("\\xAD", '\u{AD}')]);
    }

    #[test]
    fn every_default_ignorable_starts_with_a_searched_lead_byte() {
        let mut searched = [false; 256];
        for b in IGNORABLE_LEADS.iter().flatten().chain(&IGNORABLE_LEADS_4) {
            searched[usize::from(*b)] = true;
        }
        let mut buf = [0; 4];
        let mut used = [false; 256];
        let mut led_by_e3 = Vec::new();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            if is_default_ignorable(c) {
                let lead = c.encode_utf8(&mut buf).as_bytes()[0];
                used[usize::from(lead)] = true;
                if lead == 0xE3 {
                    led_by_e3.push(c);
                }
            }
        }
        // E3 is searched for as the one character it leads.
        assert_eq!(led_by_e3, ['\u{3164}']);
        assert_eq!(HANGUL_FILLER, "\u{3164}");
        used[0xE3] = false;
        assert_eq!(used, searched, "the lead bytes searched for");
    }

    #[test]
    fn characters_written_as_themselves_are_found_among_any_others() {
        // Every default ignorable, each between Japanese, Hangul, ASCII and
        // characters that share its first byte (U+3163 beside U+3164; ‐ and …
        // beside ZWSP; the full-width （ beside the BOM).
        let mut text = String::from("取り組み");
        let mut expected = Vec::new();
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_default_ignorable(c))
        {
            expected.push((text.len(), c));
            text.push(c);
            text.push_str("a\u{3163}ー\u{2010}（…한𝒜");
        }
        let file = SourceFile::new("book/src/x.md", text.clone(), false);
        let got: Vec<(usize, char)> = find(&file).iter().map(|w| (w.span.start, w.c)).collect();
        assert_eq!(got.len(), expected.len());
        assert_eq!(got, expected);
        for w in find(&file) {
            assert_eq!(&text[w.span.clone()], w.c.to_string(), "{w:?}");
            assert!(!w.escaped);
        }
    }

    #[test]
    fn control_characters_are_found_however_they_are_written() {
        let find_in = |path: &str, text: &str| -> Vec<(String, char, bool)> {
            let file = SourceFile::new(path, text.into(), false);
            find(&file)
                .into_iter()
                .map(|w| (file.slice(&w.span).to_owned(), w.c, w.escaped))
                .collect()
        };
        let own = |s: &str, c: char| (s.to_owned(), c, false);
        let esc = |s: &str, c: char| (s.to_owned(), c, true);
        // As themselves, in a block of their own and across blocks; tab,
        // line feed and carriage return are line ends and spacing.
        let mut md = "a\t\r\n".repeat(30);
        md.push_str("\u{1b}[8m隠す\u{7}\u{7f}\u{9b}1m &#x1b; &#27 &#x9B; &#0; &#9; &#x7F; &#x8D;");
        assert_eq!(
            find_in("book/src/x.md", &md),
            [
                own("\u{1b}", '\u{1b}'),
                own("\u{7}", '\u{7}'),
                own("\u{7f}", '\u{7f}'),
                own("\u{9b}", '\u{9b}'),
                esc("&#x1b;", '\u{1b}'),
                esc("&#27", '\u{1b}'),
                esc("&#x7F;", '\u{7f}'),
                esc("&#x8D;", '\u{8d}'),
            ]
        );
        let toml = "a = \"x\\u001b\\e\\b\\f\\t\\n\\\\e\" # \\e\nb = 'p\\e'\n";
        assert_eq!(
            find_in("guidelines/x/1.toml", toml),
            [
                esc("\\u001b", '\u{1b}'),
                esc("\\e", '\u{1b}'),
                esc("\\b", '\u{8}'),
                esc("\\f", '\u{c}')
            ]
        );
        let yaml = "rules:\n  - expected: \"\\a\\v\\0\\x1b\\N\"\n    pattern: /\\bJS\\b/\n";
        assert_eq!(
            find_in("guidelines/glossary/p.yml", yaml),
            [
                esc("\\a", '\u{7}'),
                esc("\\v", '\u{b}'),
                esc("\\0", '\0'),
                esc("\\x1b", '\u{1b}'),
                esc("\\N", '\u{85}')
            ]
        );
    }

    #[test]
    fn every_control_is_found_in_any_block_position() {
        for c in (0..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|&c| is_control(c))
        {
            for pad in [0, 1, 62, 63, 64, 100] {
                let text = format!("{}{c}あ", "x".repeat(pad));
                let file = SourceFile::new("book/src/x.md", text, false);
                let got: Vec<(usize, char)> =
                    find(&file).iter().map(|w| (w.span.start, w.c)).collect();
                assert_eq!(got, [(pad, c)], "U+{:04X} after {pad}", c as u32);
            }
        }
    }

    #[test]
    fn yaml_without_a_character_escape_is_not_parsed_again_and_loses_nothing() {
        assert!(!may_escape("a: \"x\\ny\"\nb: /\\d+/\n"));
        assert!(may_escape("a: \"\\u200B\""));
        assert!(may_escape("a: \"\\x41\""));
        assert!(may_escape("a: '\\U0000202E'"));
        // Every escape backslash_escapes can find starts with one of the three.
        for text in [
            "\\u200B",
            "\\U0000202E",
            "\\xAD",
            "x\\\\u200B",
            "\\e",
            "\\b",
            "\\0",
        ] {
            if !backslash_escapes(text, 0..text.len()).is_empty() {
                assert!(may_escape(text), "{text}");
            }
        }
    }
}
