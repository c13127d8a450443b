use sc3_model::Diagnostic;

use crate::markup::{self, ALLOWED_TAGS, Html};
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// ハンドブックの Markdown（`book/` の `.md`）とサンプル規程のテンプレート
    /// （`book/regulations/*.hbs`）に、HTML がそのまま書かれていないかを調べます。
    /// 書いてよいのは、属性を持たない次の要素だけです:
    /// `abbr` `b` `br` `dd` `del` `details` `dl` `dt` `em` `i` `ins` `kbd` `mark`
    /// `rb` `rp` `rt` `ruby` `s` `small` `strong` `sub` `summary` `sup` `u` `wbr`。
    /// コメント（`<!-- … -->`）は書けます。見出しの属性（`# 見出し {.class}`、
    /// `{key=value}`）も、id（`{#id}`）のほかは報告します。
    ///
    /// ## なぜ
    ///
    /// HTML はページにそのまま入ります。`<script>`、`<img onerror=…>`、
    /// `<iframe>`、`<form>`、`<style>` を使えば、ハンドブックを開いた加盟企業の
    /// ブラウザーでプログラムを動かしたり、ページ全体を偽の画面で覆ったり
    /// できてしまいます。プルリクエストは外部から届くので、文字の飾り以外の
    /// HTML は受け付けません。
    ///
    /// ## 悪い例
    ///
    /// ```markdown
    /// <img src="x" onerror="alert(1)">
    /// <div style="position:fixed;inset:0">お知らせ</div>
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown
    /// **お知らせ**: 保存するときは <kbd>Ctrl</kbd>+<kbd>S</kbd> を押します。
    /// ```
    pub struct RawHtml {
        code: "S002",
        name: "raw-html",
        severity: Error,
        summary: "使えない HTML が書かれている",
        check: check,
    }
}

const HELP: &str = "HTML の代わりに Markdown で書いてください（強調は **…** など）。書ける HTML の一覧は cargo xtask explain S002 にあります";

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for &id in cx.repo.markdown.iter().chain(&cx.repo.templates) {
        let found = markup::markdown(&cx.repo.file(id).text);
        for raw in &found.html {
            for (range, html) in markup::scan_html(&raw.text) {
                let message = match html {
                    Html::Tag { name, end, .. } if !ALLOWED_TAGS.contains(&name.as_str()) => {
                        format!(
                            "HTML の <{}{name}> 要素は書けません",
                            if end { "/" } else { "" }
                        )
                    }
                    Html::Tag {
                        name,
                        attributes: true,
                        end,
                    } => format!(
                        "HTML の <{}{name}> に属性は書けません",
                        if end { "/" } else { "" }
                    ),
                    Html::Tag { .. } => continue,
                    Html::Declaration => {
                        "HTML の宣言や処理命令（<!…>、<?…>）は書けません".to_owned()
                    }
                    Html::TrickComment => "「--!>」で閉じる HTML コメントは書けません".to_owned(),
                };
                out.push(
                    RawHtml::diag(message)
                        .at(id, raw.source(range))
                        .with_label("ページにそのまま入る HTML")
                        .with_help(HELP),
                );
            }
        }
        for (range, attribute) in found.heading_attributes {
            out.push(
                RawHtml::diag(format!("見出しに属性「{attribute}」は書けません"))
                    .at(id, range)
                    .with_label("属性のある見出し")
                    .with_help("見出しに付けられるのは {#id} だけです。属性を取り除いてください"),
            );
        }
    }
}
