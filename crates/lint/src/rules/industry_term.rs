use sc3_model::Diagnostic;

use crate::terms::Kind;
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 業界プロファイルの `[terms]`（基本ガイドラインの語 → 業界での呼び方）を、
    /// その業界の文章に当てはめます。業界の文章とは、業界プロファイル自身、
    /// 業界の `guidelines` に挙げたガイドライン、それを突合元とする突合表、
    /// ハンドブックの `book/src/industries/<業界のid>/` の下のページです。
    /// 基本ガイドラインの語が残っていれば、業界の語に置き換えるよう報告します
    /// （`--fix` で置き換えられます）。
    ///
    /// ## なぜ
    ///
    /// 業界版のサンプル規程や手引きは、加盟企業がふだん使う言葉で書かれていて
    /// はじめて、そのまま使えます。建設業で「委託先」と「協力会社」が混ざると、
    /// どの相手の話なのかが分からなくなります。
    ///
    /// ## 悪い例
    ///
    /// 業界プロファイルに `"委託先" = "協力会社"` があるとき、その業界の対策に:
    ///
    /// ```toml file=guidelines/industries/example-industry.toml
    /// [industry]
    /// id = "example-industry"
    /// name = "例示業"
    /// association = "一般社団法人例示業協会"
    /// base = "example-base@1.0"
    ///
    /// [terms]
    /// "委託先" = "協力会社"
    ///
    /// [[measure]]
    /// id = "second-tier"
    /// title = "二次以降の委託先への周知"
    /// text = "一次の協力会社を通じて伝える。"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=guidelines/industries/example-industry.toml
    /// [industry]
    /// id = "example-industry"
    /// name = "例示業"
    /// association = "一般社団法人例示業協会"
    /// base = "example-base@1.0"
    ///
    /// [terms]
    /// "委託先" = "協力会社"
    ///
    /// [[measure]]
    /// id = "second-tier"
    /// title = "二次以降の協力会社への周知"
    /// text = "一次の協力会社を通じて伝える。"
    /// ```
    pub struct IndustryTerm {
        code: "T002",
        name: "industry-term",
        severity: Warning,
        summary: "業界の文章に、業界の呼び方ではなく基本ガイドラインの語が使われている",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, ft) in cx.texts.iter().enumerate() {
        if ft.industry.is_none() {
            continue;
        }
        for (span, e) in cx.terms_in(i, None) {
            let Kind::IndustryTerm { industry: name } = &e.kind else {
                continue;
            };
            out.push(
                IndustryTerm::diag(format!(
                    "{name}の文章では「{}」を「{}」と書きます",
                    e.text, e.preferred
                ))
                .at(ft.file, span.clone())
                .with_label(format!("「{}」にする", e.preferred))
                .with_help(format!(
                    "業界プロファイルの [terms] で「{}」は「{}」と決めています",
                    e.text, e.preferred
                ))
                .with_related(e.file, e.span.clone(), "業界の用語の定義")
                .with_fix(span, e.preferred.clone()),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::IndustryTerm;
    use crate::tester::{Base, Tester, at};

    const BASE: &str = r#"[guideline]
id = "base"
version = "1.0"
title = "基本ガイドライン"

[[item]]
id = "kitei-9"
title = "委託先の管理"
"#;

    const INDUSTRY: &str = r#"[industry]
id = "construction"
name = "建設業"
base = "base@1.0"
guidelines = ["nikkenren@2023"]

[terms]
"委託先" = "協力会社"

[[measure]]
id = "second-tier"
title = "二次以降の協力会社への周知"
text = "一次の協力会社を通じて伝える。"
relates = ["base@1.0:kitei-9"]
"#;

    const CATALOG: &str = r#"[guideline]
id = "nikkenren"
version = "2023"
title = "協力会社における情報セキュリティガイドライン"

[[item]]
id = "1"
title = "協力会社との契約で守秘義務を定める"
"#;

    const PASS_INTRO: &str = r#"# はじめに

業界に属さないページでは委託先と書きます。
"#;

    const FAIL_CHAPTER: &str = r#"# 建設業のサンプル規程

委託先を選ぶときは、過去の実績を確かめる。
"#;

    #[test]
    fn pass() {
        Tester::new(&IndustryTerm::RULE, Base::Empty)
            .file("guidelines/base/1.0.toml", BASE)
            .file("guidelines/industries/construction.toml", INDUSTRY)
            .file("guidelines/nikkenren/2023.toml", CATALOG)
            .file("book/src/intro.md", PASS_INTRO)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&IndustryTerm::RULE, Base::Empty)
            .file("guidelines/base/1.0.toml", BASE)
            .file("guidelines/industries/construction.toml", INDUSTRY)
            .edit(
                "guidelines/industries/construction.toml",
                "二次以降の協力会社",
                "二次以降の委託先",
            )
            .file("guidelines/nikkenren/2023.toml", CATALOG)
            .edit(
                "guidelines/nikkenren/2023.toml",
                "協力会社との契約",
                "委託先との契約",
            )
            .file("book/src/industries/construction/kitei.md", FAIL_CHAPTER)
            .fail();
        assert_eq!(
            r.places(),
            [
                at("book/src/industries/construction/kitei.md", 3, 1),
                at("guidelines/industries/construction.toml", 12, 15),
                at("guidelines/nikkenren/2023.toml", 8, 10),
            ]
        );
        assert!(r.fixes().iter().all(|f| *f == "協力会社"));
    }
}
