use sc3_model::Diagnostic;
use sc3_model::config::WidthConfig;
use unicode_normalization::UnicodeNormalization;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 文章の中の、全角の英数字（`ＰＣ`、`２０２４`）、半角カタカナ（`ｻｰﾊﾞｰ`）、
    /// そのほか Unicode の互換分解（NFKC）で別の文字にまとまる文字（`①`、`㈱`、
    /// `ﬁ` など）を見つけ、まとめた後の文字（`PC`、`2024`、`サーバー`）に
    /// 置き換えるよう報告します（`--fix` で置き換えられます）。
    ///
    /// 日本語の文章でふつうに使う全角の記号（`（）`、`！`、`？`、`：`、全角空白
    /// など）は対象外です。リポジトリの `lint.toml` で、種類ごとに検査を止めたり、
    /// 特定の文字を許したりできます:
    ///
    /// ```toml
    /// [terms]
    /// fullwidth-alnum = true
    /// halfwidth-kana = true
    /// compatibility = false
    /// allow = ["①", "②"]
    /// ```
    ///
    /// ## なぜ
    ///
    /// 「ＰＣ」と「PC」、「ｻｰﾊﾞｰ」と「サーバー」は、人には同じに見えても
    /// 検索や用語の照合では別の文字列です。表記ゆれの検査をすり抜ける原因に
    /// なります。
    ///
    /// ## 悪い例
    ///
    /// ```markdown file=book/src/intro.md
    /// ２０２４年度から、ＰＣの更新を毎月確認します。
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown file=book/src/intro.md
    /// 2024年度から、PCの更新を毎月確認します。
    /// ```
    pub struct CharacterWidth {
        code: "T003",
        name: "character-width",
        severity: Warning,
        summary: "全角英数字・半角カタカナなど、NFKCでまとまる文字が使われている",
        check: check,
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    FullwidthAlnum,
    HalfwidthKana,
    Compatibility,
}

/// Full-width punctuation and symbols that Japanese prose uses on purpose.
fn japanese_convention(c: char) -> bool {
    matches!(c,
        '\u{3000}'                      // ideographic space
        | '\u{FF01}'..='\u{FF0F}'       // ！＂＃＄％＆＇（）＊＋，－．／
        | '\u{FF1A}'..='\u{FF20}'       // ：；＜＝＞？＠
        | '\u{FF3B}'..='\u{FF40}'       // ［＼］＾＿｀
        | '\u{FF5B}'..='\u{FF60}'       // ｛｜｝～⦅⦆
        | '\u{FFE0}'..='\u{FFEE}'       // ￠￡￢￣￤￥￦ …
        | '…' | '‥' | '℃'
    )
}

/// Characters NFKC never changes, checked first because they make up almost all
/// Japanese prose: ASCII, hiragana, katakana and the unified ideographs.
#[inline(always)]
fn plainly_stable(c: char) -> bool {
    c.is_ascii()
        || ('\u{3001}'..='\u{3096}').contains(&c)
        || ('\u{30A1}'..='\u{30FE}').contains(&c)
        || ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

fn class(c: char, cfg: &WidthConfig) -> Option<Class> {
    // Invisible characters are T009's (NFKC turns a Hangul filler into another).
    if plainly_stable(c)
        || cfg.allow.contains(&c)
        || japanese_convention(c)
        || crate::written::is_default_ignorable(c)
    {
        return None;
    }
    let class = match c {
        '\u{FF10}'..='\u{FF19}' | '\u{FF21}'..='\u{FF3A}' | '\u{FF41}'..='\u{FF5A}' => {
            Class::FullwidthAlnum
        }
        '\u{FF61}'..='\u{FF9F}' => Class::HalfwidthKana,
        _ => {
            let mut folded = std::iter::once(c).nfkc();
            if folded.next() == Some(c) && folded.next().is_none() {
                return None;
            }
            Class::Compatibility
        }
    };
    let on = match class {
        Class::FullwidthAlnum => cfg.fullwidth_alnum,
        Class::HalfwidthKana => cfg.halfwidth_kana,
        Class::Compatibility => cfg.compatibility,
    };
    on.then_some(class)
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let cfg = &cx.repo.config.width;
    for ft in &cx.texts {
        let text = &cx.repo.file(ft.file).text;
        for r in &ft.ranges {
            let mut chars = text[r.clone()].char_indices().peekable();
            while let Some((i, c)) = chars.next() {
                // Almost every character: no call for it.
                if plainly_stable(c) {
                    continue;
                }
                let Some(k) = class(c, cfg) else { continue };
                // One finding per run of the same class, so ＰＣ or ｻｰﾊﾞｰ is one fix
                // (and half-width voiced marks fold together with their letter).
                let start = r.start + i;
                let mut end = start + c.len_utf8();
                while let Some(&(j, d)) = chars.peek() {
                    if class(d, cfg) != Some(k) {
                        break;
                    }
                    end = r.start + j + d.len_utf8();
                    chars.next();
                }
                let found = &text[start..end];
                let folded: String = found.nfkc().collect();
                let what = match k {
                    Class::FullwidthAlnum => "全角の英数字",
                    Class::HalfwidthKana => "半角カタカナ",
                    Class::Compatibility => "互換文字",
                };
                out.push(
                    CharacterWidth::diag(format!("{what}「{found}」は「{folded}」と書きます"))
                        .at(ft.file, start..end)
                        .with_label(format!("「{folded}」にする"))
                        .with_help(
                            "この文字を使い続けるなら、lint.toml の [terms] allow に加えてください",
                        )
                        .with_fix(start..end, folded),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CharacterWidth;
    use crate::tester::{Base, Tester, at};

    const PASS_INTRO: &str = r#"# はじめに

2024年度から、PCとサーバーの更新を確認します（月1回）。全角の記号！？：と…は日本語の文章の書き方です。
"#;

    const FAIL_INTRO: &str = r#"# はじめに

２０２４年度から、ＰＣとｻｰﾊﾞｰの更新を確認します。㈱例示の①の手順。
"#;

    const SETTINGS: &str = r#"[terms]
fullwidth-alnum = false
allow = ["①"]
"#;

    #[test]
    fn pass() {
        Tester::new(&CharacterWidth::RULE, Base::Empty)
            .file("book/src/intro.md", PASS_INTRO)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&CharacterWidth::RULE, Base::Empty)
            .file("book/src/intro.md", FAIL_INTRO)
            .fail();
        let md = "book/src/intro.md";
        assert_eq!(
            r.places(),
            [
                at(md, 3, 1),
                at(md, 3, 10),
                at(md, 3, 13),
                at(md, 3, 28),
                at(md, 3, 32)
            ]
        );
        let fixes: Vec<_> = r
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref().map(|f| f.replacement.as_str()))
            .collect();
        assert_eq!(fixes, ["2024", "PC", "サーバー", "(株)", "1"]);
    }

    #[test]
    fn lint_toml_turns_a_class_off_and_allows_single_characters() {
        let allowed = Tester::new(&CharacterWidth::RULE, Base::Empty)
            .file("lint.toml", SETTINGS)
            .file("book/src/intro.md", FAIL_INTRO)
            .run();
        assert_eq!(allowed.fixes(), ["サーバー", "(株)"]);
    }
}
