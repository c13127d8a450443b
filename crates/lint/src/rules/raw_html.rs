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
    /// ```markdown file=book/src/intro.md
    /// <img src="x" onerror="alert(1)">
    /// <div style="position:fixed;inset:0">お知らせ</div>
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown file=book/src/intro.md
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
        let found = cx.markup(id);
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
        for (range, attribute) in &found.heading_attributes {
            out.push(
                RawHtml::diag(format!("見出しに属性「{attribute}」は書けません"))
                    .at(id, range.clone())
                    .with_label("属性のある見出し")
                    .with_help("見出しに付けられるのは {#id} だけです。属性を取り除いてください"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RawHtml;
    use crate::tester::{Base, Tester};

    const PASS_INTRO: &str = r#"# はじめに {#hajimeni}

<!-- chart: survey -->

保存は <kbd>Ctrl</kbd>+<kbd>S</kbd>、単位は m<sup>2</sup>、<ruby>突合<rt>とつごう</rt></ruby>。

<details>
<summary>詳しく</summary>

本文 a < b と 3<4 は文字です。`<script>` はコードです。

</details>

```html
<script>alert(1)</script>
```
"#;

    const FAIL_INTRO: &str = r#"# はじめに {.sidebar onclick=alert(1)}

<script>alert(1)</script>

本文 <img src=x onerror=alert(1)> と <b onclick="x">太字</b>。

<div
style="position:fixed;inset:0">偽の画面</div>

> <svg onload=alert(1)>

<!-- a --!><iframe src=javascript:alert(1)></iframe> -->
"#;

    const FAIL_TEMPLATE: &str = r#"## 第1章 {{edition.name}}

<form action="https://example.com"><input name=p></form>
"#;

    #[test]
    fn pass() {
        Tester::new(&RawHtml::RULE, Base::Empty)
            .file("book/src/intro.md", PASS_INTRO)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&RawHtml::RULE, Base::Empty)
            .file("book/src/intro.md", FAIL_INTRO)
            .file("book/regulations/01-a.hbs", FAIL_TEMPLATE)
            .fail();
        assert_eq!(
            r.messages()
                .into_iter()
                .zip(r.places())
                .map(|((_, _, m), (path, line, col))| format!("{path}:{line}:{col} {m}"))
                .collect::<Vec<_>>(),
            [
                "book/regulations/01-a.hbs:3:1 HTML の <form> 要素は書けません",
                "book/regulations/01-a.hbs:3:36 HTML の <input> 要素は書けません",
                "book/regulations/01-a.hbs:3:50 HTML の </form> 要素は書けません",
                "book/src/intro.md:1:1 見出しに属性「.sidebar」は書けません",
                "book/src/intro.md:1:1 見出しに属性「onclick=alert(1)」は書けません",
                "book/src/intro.md:3:1 HTML の <script> 要素は書けません",
                "book/src/intro.md:3:17 HTML の </script> 要素は書けません",
                "book/src/intro.md:5:4 HTML の <img> 要素は書けません",
                "book/src/intro.md:5:35 HTML の <b> に属性は書けません",
                "book/src/intro.md:7:1 HTML の <div> 要素は書けません",
                "book/src/intro.md:8:36 HTML の </div> 要素は書けません",
                "book/src/intro.md:10:3 HTML の <svg> 要素は書けません",
                "book/src/intro.md:12:1 「--!>」で閉じる HTML コメントは書けません",
                "book/src/intro.md:12:12 HTML の <iframe> 要素は書けません",
                "book/src/intro.md:12:44 HTML の </iframe> 要素は書けません",
            ]
        );
    }
}
