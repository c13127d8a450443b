use sc3_model::{Diagnostic, FileId};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 内容のファイル（TOML、Markdown、prh 辞書の YAML、見本規程の
    /// テンプレート `book/regulations/*.hbs`）に、文字の表示の向きを変える
    /// 制御文字（U+202A〜U+202E の埋め込み・上書き、U+2066〜U+2069 の分離）が
    /// 含まれていないかを調べます。ファイルのどこにあっても報告し、
    /// `--fix` で取り除けます。
    ///
    /// 別の書き方をしたものも、読む人には同じ文字になるので報告します。
    /// TOML の文字列や YAML の `"…"` で囲んだ値のエスケープ（`\u202E`、
    /// `\U0000202E`）、Markdown とテンプレートの文字参照（`&#x202E;`、
    /// `&#8238;`）です。文字参照は `;` がなくても（`&#x202E`）報告します。
    /// Markdown の本文では `;` のない参照は文字になりませんが、HTML として
    /// 書いた部分やテンプレートではブラウザが `;` なしでも文字にするからです。
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
    /// ```toml file=guidelines/ipa-sme/3.1.toml
    /// [guideline]
    /// id = "ipa-sme"
    /// version = "3.1"
    /// title = "中小企業の情報セキュリティ対策ガイドライン"
    ///
    /// [[item]]
    /// id = "kitei-1"
    /// title = "管理体制を定める\u202E（見た目と中身が違う）"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=guidelines/ipa-sme/3.1.toml
    /// [guideline]
    /// id = "ipa-sme"
    /// version = "3.1"
    /// title = "中小企業の情報セキュリティ対策ガイドライン"
    ///
    /// [[item]]
    /// id = "kitei-1"
    /// title = "管理体制を定める"
    /// ```
    pub struct BidiControl {
        code: "T008",
        name: "bidi-control",
        severity: Error,
        summary: "表示の向きを変える制御文字が含まれている",
        check: check,
    }
}

/// The bidirectional embedding, override and isolate controls.
pub(crate) fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, file) in cx.repo.files.iter().enumerate() {
        for w in cx.hidden(FileId(i)).iter().filter(|w| is_bidi_control(w.c)) {
            let how = if w.escaped {
                format!("（{} と書かれています）", file.slice(&w.span))
            } else {
                String::new()
            };
            out.push(
                BidiControl::diag(format!(
                    "表示の向きを変える制御文字 U+{:04X} があります{how}",
                    w.c as u32
                ))
                .at(sc3_model::FileId(i), w.span.clone())
                .with_label("見えない制御文字")
                .with_help("この文字を取り除いてください（cargo xtask lint --fix で取り除けます）")
                .with_fix(w.span.clone(), ""),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BidiControl;
    use crate::tester::{Base, Tester, at};

    const PASS_INTRO: &str = r#"# はじめに

管理体制を定める。
"#;

    const PASS_TEMPLATE: &str = r#"# 情報セキュリティ規程

{{company}} は、情報資産を管理します。
"#;

    const FAIL_INTRO: &str = "# はじめに

管理体制を定める\u{202E}。

参照で書いた&#x202E（セミコロンなし）も、HTML では同じ文字になります。

`&#x202E;` はコードなので、そのまま表示されます。
";

    const FAIL_TEMPLATE: &str = "# 情報セキュリティ規程

{{company}} は\u{202E}、情報資産を管理します&#x202E;。
";

    const FAIL_WORDS: &str = r#"version: 1
rules:
  - expected: "サーバー"
    pattern: /サーバ(?!ー)/
    prh: "長音符を\u202E付ける"
"#;

    const FAIL_CATALOG: &str = "[guideline]
id = \"x\"
version = \"1\"
title = \"例\u{2066}示\"
";

    #[test]
    fn pass() {
        Tester::new(&BidiControl::RULE, Base::Empty)
            .file("book/src/intro.md", PASS_INTRO)
            .file("book/regulations/kitei.hbs", PASS_TEMPLATE)
            .pass();
    }

    #[test]
    fn fail() {
        let hbs = "book/regulations/kitei.hbs";
        let r = Tester::new(&BidiControl::RULE, Base::Empty)
            .file("book/src/intro.md", FAIL_INTRO)
            .file(hbs, FAIL_TEMPLATE)
            .file("guidelines/glossary/words.yml", FAIL_WORDS)
            .file("guidelines/x/1.toml", FAIL_CATALOG)
            .fail();
        // Literal, as a reference without `;`, in a template, as a YAML escape.
        assert_eq!(
            r.places(),
            [
                at(hbs, 3, 14),
                at(hbs, 3, 26),
                at("book/src/intro.md", 3, 9),
                at("book/src/intro.md", 5, 7),
                at("guidelines/glossary/words.yml", 5, 15),
                at("guidelines/x/1.toml", 4, 11)
            ]
        );
        assert!(r.fixes().iter().all(|f| f.is_empty()));
    }
}
