use std::sync::LazyLock;

use regex::Regex;
use sc3_model::Diagnostic;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// ハンドブックの Markdown（`book/` の `.md`）に、mdBook のファイル取り込みの
    /// 指示（`{{#include …}}`、`{{#rustdoc_include …}}`、`{{#playground …}}`、
    /// `{{#title …}}`）が書かれていないかを調べます。コードブロックの中も
    /// 対象です。先頭に `\` を付けたもの（`\{{#include …}}`）は、指示ではなく
    /// 文字として書いたものとみなします。
    ///
    /// ## なぜ
    ///
    /// これらの指示は、ハンドブックを作るコンピューターの上のファイルを読んで、
    /// そのままページに載せます。`{{#include /proc/self/environ}}` と書くだけで、
    /// 公開作業の環境にある秘密の値まで公開サイトに出てしまいます。
    /// このリポジトリのハンドブックはこれらの指示を実行しません（mdBook の
    /// 既定の前処理を止めています）。書いた内容がページに出ない理由が
    /// 分かるように、エラーとして知らせます。
    ///
    /// ## 悪い例
    ///
    /// ```markdown file=book/src/intro.md
    /// {{#include ../../guidelines/ipa-sme/3.1.toml}}
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown file=book/src/intro.md
    /// 項目の一覧は、自動で作られるガイドラインのページにあります。
    /// ```
    pub struct MdbookDirective {
        code: "S001",
        name: "mdbook-directive",
        severity: Error,
        summary: "mdBook のファイル取り込みの指示が書かれている",
        check: check,
    }
}

/// The directives of mdBook's `links` preprocessor.
static DIRECTIVE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\{\{\s*#\s*(include|rustdoc_include|playground|title)\b[^}\n]*(\}\})?").unwrap()
});

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for &id in cx.repo.markdown.iter().chain(&cx.repo.templates) {
        let text = &cx.repo.file(id).text;
        for m in DIRECTIVE.find_iter(text) {
            if text[..m.start()].ends_with('\\') {
                continue;
            }
            let name = DIRECTIVE
                .captures(m.as_str())
                .map_or("", |c| c.get(1).map_or("", |n| n.as_str()));
            out.push(
                MdbookDirective::diag(format!("mdBook の「{{{{#{name}}}}}」は使えません"))
                .at(id, m.range())
                .with_label("ファイルを取り込む指示")
                .with_help(
                    "ハンドブックはファイルを取り込みません。内容を本文に書くか、そのページへリンクしてください。文字として見せたいときは先頭に「\\」を付けます",
                ),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MdbookDirective;
    use crate::tester::{Base, Tester};

    const PASS_INTRO: &str = r#"# はじめに

取り込みの指示は \{{#include file.md}} のように書くと文字として表示されます。
"#;

    const FAIL_INTRO: &str = r#"# はじめに

{{#include ../../../../etc/passwd}}

```text
{{ #rustdoc_include /proc/self/environ }}
```

{{#playground x.rs}} と {{#title 偽の題}}
"#;

    #[test]
    fn pass() {
        Tester::new(&MdbookDirective::RULE, Base::Empty)
            .file("book/src/intro.md", PASS_INTRO)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&MdbookDirective::RULE, Base::Empty)
            .file("book/src/intro.md", FAIL_INTRO)
            .fail();
        assert_eq!(
            r.messages(),
            [
                (3, 1, "mdBook の「{{#include}}」は使えません".to_owned()),
                (
                    6,
                    1,
                    "mdBook の「{{#rustdoc_include}}」は使えません".to_owned()
                ),
                (9, 1, "mdBook の「{{#playground}}」は使えません".to_owned()),
                (9, 24, "mdBook の「{{#title}}」は使えません".to_owned()),
            ]
        );
    }
}
