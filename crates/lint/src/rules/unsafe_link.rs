use sc3_model::Diagnostic;

use crate::markup::{self, ALLOWED_SCHEMES};
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// ハンドブックの Markdown（`book/` の `.md`）とサンプル規程のテンプレートの
    /// リンクと画像の行き先が、`http:`、`https:`、`mailto:` か、ハンドブックの中を
    /// 指す相対パスかを調べます。`javascript:`、`data:`、`vbscript:`、`file:` などは
    /// 報告します。ブラウザーと同じく、大文字小文字、先頭の空白や制御文字、
    /// 途中のタブや改行、文字参照（`&#106;avascript:`）を無視して判定します。
    ///
    /// ## なぜ
    ///
    /// `[資料](javascript:…)` のようなリンクは、クリックした人のブラウザーで
    /// プログラムを動かします。ハンドブックを読む加盟企業が、見た目では
    /// 区別できません。
    ///
    /// ## 悪い例
    ///
    /// ```markdown file=book/src/intro.md
    /// [チェックシート](javascript:alert(document.cookie))
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown file=book/src/intro.md
    /// [チェックシート](https://www.ipa.go.jp/) と [導入の進め方](steps.md)
    /// ```
    pub struct UnsafeLink {
        code: "S003",
        name: "unsafe-link",
        severity: Error,
        summary: "リンクの行き先に使えない種類の URL がある",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for &id in cx.repo.markdown.iter().chain(&cx.repo.templates) {
        for (range, dest) in &cx.markup(id).links {
            let Some(scheme) = markup::scheme(dest) else {
                continue;
            };
            if ALLOWED_SCHEMES.contains(&scheme.as_str()) {
                continue;
            }
            out.push(
                UnsafeLink::diag(format!("リンクの行き先に「{scheme}:」は使えません"))
                .at(id, range.clone())
                .with_label("使えない種類の URL")
                .with_help("行き先は https:// で始まる URL か、ハンドブックの中のページ（例: steps.md）にしてください"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnsafeLink;
    use crate::tester::{Base, Tester};

    const PASS_INTRO: &str = r#"# はじめに

[IPA](https://www.ipa.go.jp/)、[連絡](mailto:info@example.com)、[進め方](steps.md#a:b)、[上へ](#top)、<https://example.com>
"#;

    const FAIL_INTRO: &str = r#"# はじめに

[資料](javascript:alert(1)) と [表](JaVaScRiPt:alert(2)) と [図](&#106;avascript:alert(3))

<javascript:alert(4)>

![画像](data:text/html;base64,PHNjcmlwdD4=)

[参照]: vbscript:msgbox(1)

[参照] と [ファイル](file:///etc/passwd)
"#;

    #[test]
    fn pass() {
        Tester::new(&UnsafeLink::RULE, Base::Empty)
            .file("book/src/intro.md", PASS_INTRO)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&UnsafeLink::RULE, Base::Empty)
            .file("book/src/intro.md", FAIL_INTRO)
            .fail();
        let js = "リンクの行き先に「javascript:」は使えません";
        assert_eq!(
            r.messages(),
            [
                (3, 1, js.to_owned()),
                (3, 29, js.to_owned()),
                (3, 56, js.to_owned()),
                (5, 1, js.to_owned()),
                (7, 1, "リンクの行き先に「data:」は使えません".to_owned()),
                (
                    11,
                    1,
                    "リンクの行き先に「vbscript:」は使えません".to_owned()
                ),
                (11, 8, "リンクの行き先に「file:」は使えません".to_owned()),
            ]
        );
    }
}
