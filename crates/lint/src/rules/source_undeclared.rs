use sc3_model::Diagnostic;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// カタログ（`[guideline]`）が、出典を示しているかを調べます。
    /// `publisher`（発行者）と `holds`（収めている内容: 発行者の見出しそのまま
    /// `titles`、このプロジェクトの要約 `summaries`、番号とレベルだけ `numbers`）
    /// がないと報告します。原典の一部だけを収めるときは、`total`（原典の項目数）と
    /// `selection`（どの部分を、なぜ）も書きます。
    ///
    /// ## なぜ
    ///
    /// 手引きを読む人は、見出しが発行者の言葉なのか、このプロジェクトの要約なのかを
    /// 区別できなければなりません。区別できないと、このプロジェクトの文が
    /// IPA や業界団体の文として読まれてしまいます。カタログのページには、ここに
    /// 書いた出典と収録範囲がそのまま示されます。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=guidelines/assoc/2.0.toml
    /// [guideline]
    /// id = "assoc"
    /// version = "2.0"
    /// title = "業界ガイドライン"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=guidelines/assoc/2.0.toml
    /// [guideline]
    /// id = "assoc"
    /// version = "2.0"
    /// title = "業界ガイドライン"
    /// publisher = "一般社団法人〇〇工業会"
    /// holds = "summaries"
    /// ```
    pub struct SourceUndeclared {
        code: "P001",
        name: "source-undeclared",
        severity: Info,
        summary: "カタログが出典（発行者と収録内容）を示していない",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for g in &cx.repo.guidelines {
        let mut missing = Vec::new();
        if g.publisher.is_none() {
            missing.push("publisher（発行者）");
        }
        if g.holds.is_none() {
            missing.push("holds（収めている内容）");
        }
        if missing.is_empty() {
            continue;
        }
        out.push(
            SourceUndeclared::diag(format!("{} に {}がありません", g.key(), missing.join("、")))
            .at(g.file, g.span.clone())
            .with_label("出典が示されていないカタログ")
            .with_help("[guideline] に publisher = \"発行者\" と holds = \"titles\"（発行者の見出しそのまま）・\"summaries\"（自分の言葉の要約）・\"numbers\"（番号だけ）のどれかを書いてください"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::SourceUndeclared;
    use crate::tester::{Base, Tester};

    const PASS_ASSOC: &str = r#"[guideline]
id = "assoc"
version = "2.0"
title = "業界ガイドライン"
publisher = "一般社団法人例示工業会（架空）"
holds = "summaries"

[[item]]
id = "L-101"
title = "責任者を置く"
"#;

    const FAIL_ASSOC: &str = r#"[guideline]
id = "assoc"
version = "2.0"
title = "業界ガイドライン"

[[item]]
id = "L-101"
title = "責任者を置く"
"#;

    #[test]
    fn pass() {
        Tester::new(&SourceUndeclared::RULE, Base::Empty)
            .file("guidelines/assoc/2.0.toml", PASS_ASSOC)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&SourceUndeclared::RULE, Base::Empty)
            .file("guidelines/assoc/2.0.toml", FAIL_ASSOC)
            .fail();
        assert_eq!(
            r.messages(),
            [(
                1,
                1,
                "assoc@2.0 に publisher（発行者）、holds（収めている内容）がありません".to_owned()
            )]
        );
    }
}
