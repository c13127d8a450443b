use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;
use sc3_model::Diagnostic;

use super::impl_rule;
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 内容のファイル（TOML と Markdown）に、文字の表示の向きを変える制御文字
    /// （U+202A〜U+202E の埋め込み・上書き、U+2066〜U+2069 の分離）が
    /// 含まれていないかを調べます。ファイルのどこにあっても報告し、
    /// `--fix` で取り除けます。TOML の文字列のエスケープ（`\u202E`）や
    /// Markdown の文字参照（`&#x202E;`）で書いたものも、ページでは同じ文字に
    /// なるので報告します。
    ///
    /// ## なぜ
    ///
    /// これらの文字は画面に見えないまま、後に続く文字の並び順を入れ替えて
    /// 表示させます。見出しや識別子が、レビューで見た内容と実際の内容とで
    /// 食い違って見えるように細工できるため、外部から届くプルリクエストでは
    /// 見逃せません。日本語の文章で必要になることはありません。
    ///
    /// ## 悪い例
    ///
    /// ```toml
    /// title = "管理体制を定める\u202E（見た目と中身が違う）"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml
    /// title = "管理体制を定める"
    /// ```
    pub struct BidiControl {
        code: "T008",
        name: "bidi-control",
        severity: Error,
        summary: "表示の向きを変える制御文字が含まれている",
    }
}

impl_rule!(BidiControl);

/// The bidirectional embedding, override and isolate controls.
fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Numeric character references in Markdown (`&#x202E;`, `&#8238;`).
static CHAR_REF: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"&#(?:[xX]([0-9a-fA-F]{1,8})|([0-9]{1,10}));").unwrap());

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, file) in cx.repo.files.iter().enumerate() {
        let mut found: Vec<(Range<usize>, char, bool)> = file
            .text
            .char_indices()
            .filter(|(_, c)| is_bidi_control(*c))
            .map(|(at, c)| (at..at + c.len_utf8(), c, false))
            .collect();
        if file.path.ends_with(".toml") {
            found.extend(
                toml_escapes(&file.text)
                    .into_iter()
                    .map(|(r, c)| (r, c, true)),
            );
        } else if file.path.ends_with(".md") {
            found.extend(CHAR_REF.captures_iter(&file.text).filter_map(|m| {
                let value = match (m.get(1), m.get(2)) {
                    (Some(hex), _) => u32::from_str_radix(hex.as_str(), 16).ok()?,
                    (_, Some(dec)) => dec.as_str().parse().ok()?,
                    _ => return None,
                };
                let c = char::from_u32(value).filter(|&c| is_bidi_control(c))?;
                Some((m.get(0)?.range(), c, true))
            }));
        }
        found.sort_by_key(|(r, _, _)| r.start);
        for (span, c, escaped) in found {
            let written = if escaped {
                format!("（{} と書かれています）", &file.text[span.clone()])
            } else {
                String::new()
            };
            out.push(
                Diagnostic::error(
                    BidiControl::META.code,
                    format!(
                        "表示の向きを変える制御文字 U+{:04X} があります{written}",
                        c as u32
                    ),
                )
                .at(sc3_model::FileId(i), span.clone())
                .with_label("見えない制御文字")
                .with_help("この文字を取り除いてください（cargo xtask lint --fix で取り除けます）")
                .with_fix(span, ""),
            );
        }
    }
}

/// Bidirectional controls written as escapes (`\u202E`, `\U0000202E`) in the
/// basic strings of a TOML text, keys included: the byte range of each escape
/// and the character it stands for. Comments and literal strings, where a
/// backslash is just a backslash, are skipped.
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
        while i < b.len() {
            if b[i] == q && (!multi || b[i..].starts_with(&[q, q, q])) {
                i += if multi { 3 } else { 1 };
                // Up to two more quotes belong to the string's content.
                while multi && i < b.len() && b[i] == q {
                    i += 1;
                }
                break;
            }
            if b[i] == b'\n' && !multi {
                break; // An unclosed string: the parser reports it.
            }
            if b[i] != b'\\' || q != b'"' {
                i += 1;
                continue;
            }
            let digits = match b.get(i + 1) {
                Some(b'u') => 4,
                Some(b'U') => 8,
                _ => {
                    i += 2;
                    continue;
                }
            };
            let end = (i + 2 + digits).min(b.len());
            let c = text
                .get(i + 2..end)
                .filter(|h| h.len() == digits)
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .and_then(char::from_u32);
            if let Some(c) = c.filter(|&c| is_bidi_control(c)) {
                found.push((i..end, c));
            }
            i = end;
        }
    }
    found
}
