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
    /// ```markdown
    /// [チェックシート](javascript:alert(document.cookie))
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown
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
        for (range, dest) in markup::markdown(&cx.repo.file(id).text).links {
            let Some(scheme) = markup::scheme(&dest) else {
                continue;
            };
            if ALLOWED_SCHEMES.contains(&scheme.as_str()) {
                continue;
            }
            out.push(
                UnsafeLink::diag(format!("リンクの行き先に「{scheme}:」は使えません"),
                )
                .at(id, range)
                .with_label("使えない種類の URL")
                .with_help("行き先は https:// で始まる URL か、ハンドブックの中のページ（例: steps.md）にしてください"),
            );
        }
    }
}
