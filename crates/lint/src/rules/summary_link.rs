use pulldown_cmark::{Event, Options, Parser, Tag};
use sc3_model::Diagnostic;
use sc3_model::names::chapter_path_problem;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// ハンドブックの目次（`book/src/SUMMARY.md`）のリンクが、`book/src` の中の
    /// `.md` ファイルを相対パスで指しているかを調べます。絶対パス（`/etc/…`）、
    /// `..` で外に出るパス、URL（`https:`、`javascript:` など）、`\` を使った
    /// パス、使えない文字を含む名前（`cargo xtask explain S005`）を報告します。
    ///
    /// ## なぜ
    ///
    /// mdBook は目次に書かれたファイルを読み、そのページを作ります。
    /// `../../../../etc/passwd` と書けば、ハンドブックを作るコンピューターの
    /// ファイルが公開され、書き出し先の外にまでページが書かれます。
    /// `javascript:` で始まる名前は、目次や前後のページへのリンクから
    /// プログラムを動かします。
    ///
    /// ## 悪い例
    ///
    /// ```markdown file=book/src/SUMMARY.md
    /// - [設定](../../../../etc/passwd)
    /// - [はじめに](/home/user/intro.md)
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown file=book/src/SUMMARY.md
    /// - [はじめに](intro.md)
    /// - [業界の例](industries/example.md)
    /// ```
    pub struct SummaryLink {
        code: "S004",
        name: "summary-link",
        severity: Error,
        summary: "目次のリンクが book/src の中の .md ファイルを指していない",
        check: check,
    }
}

/// The table of contents, relative to the root.
pub const SUMMARY: &str = "book/src/SUMMARY.md";

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for &id in &cx.repo.markdown {
        let file = cx.repo.file(id);
        if file.path != SUMMARY {
            continue;
        }
        for (event, range) in Parser::new_ext(&file.text, Options::empty()).into_offset_iter() {
            let Event::Start(Tag::Link { dest_url, .. }) = event else {
                continue;
            };
            // mdBook reads `%20` in a summary link as a space.
            let dest = dest_url.replace("%20", " ");
            if let Some(why) = chapter_path_problem(&dest) {
                out.push(
                    SummaryLink::diag(format!("目次のリンク「{dest}」は使えません: {why}"))
                    .at(id, range)
                    .with_label("book/src の中の .md ではない")
                    .with_help("章のファイルを book/src に置き、SUMMARY.md からの相対パス（例: steps.md）で書いてください"),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::SummaryLink;
    use crate::tester::{Base, Tester};

    const INTRO: &str = r#"# はじめに
"#;

    const PASS_SUMMARY: &str = r#"# Summary

[はじめに](intro.md)

- [進め方](./steps.md)
- [下書き]()
"#;

    const PASS_STEPS: &str = r#"# 進め方
"#;

    const FAIL_SUMMARY: &str = r#"# Summary

[はじめに](intro.md)

- [設定](../../../../etc/passwd)
- [家](/home/user/intro.md)
- [外](https://example.com/a.md)
- [空白](a%20b.md)
- [ページ](page.html)
"#;

    #[test]
    fn pass() {
        Tester::new(&SummaryLink::RULE, Base::Empty)
            .file("book/src/SUMMARY.md", PASS_SUMMARY)
            .file("book/src/intro.md", INTRO)
            .file("book/src/steps.md", PASS_STEPS)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&SummaryLink::RULE, Base::Empty)
            .file("book/src/SUMMARY.md", FAIL_SUMMARY)
            .file("book/src/intro.md", INTRO)
            .fail();
        let lines: Vec<usize> = r.messages().iter().map(|m| m.0).collect();
        assert_eq!(lines, [5, 6, 7, 8, 9]);
        assert!(r.messages()[0].2.contains("../../../../etc/passwd"));
    }
}
