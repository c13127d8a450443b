use sc3_model::{Diagnostic, Relation};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// `partial`（準対応）と `none`（非対応）の `[[map]]` に、理由
    /// （`rationale`）が書かれているかを調べます。空白だけの理由は、ないものと
    /// みなします。
    ///
    /// ## なぜ
    ///
    /// 準対応・非対応は、業界固有の対策やサンプル規程の書き足しが必要になる
    /// ところです。何が足りないのかが書かれていないと、後から読む人（加盟企業や
    /// 次の改訂の担当者）が同じ検討をやり直すことになります。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    ///
    /// [[map]]
    /// source = "2"
    /// relation = "partial"
    /// targets = ["kitei-3"]
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    ///
    /// [[map]]
    /// source = "2"
    /// relation = "partial"
    /// targets = ["kitei-3"]
    /// rationale = "一覧の作成は求めるが、重要度の付け方までは定めていない"
    /// ```
    pub struct MissingRationale {
        code: "M004",
        name: "missing-rationale",
        severity: Warning,
        summary: "準対応・非対応に理由（rationale）がない",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cw in &cx.repo.crosswalks {
        for m in &cw.maps {
            let Some(rel) = &m.relation else { continue };
            if !matches!(rel.value, Relation::Partial | Relation::None) || m.rationale.is_some() {
                continue;
            }
            out.push(
                MissingRationale::diag(format!(
                    "「{}」は {}（{}）なのに理由がありません",
                    m.source.value,
                    rel.value.as_str(),
                    rel.value.japanese()
                ))
                .at(cw.file, rel.span.clone())
                .with_label("理由が必要")
                .with_help("rationale = \"…\" に、何が足りないのかを一文で書いてください"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MissingRationale;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    #[test]
    fn pass() {
        Tester::new(&MissingRationale::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&MissingRationale::RULE, Base::Small)
            .edit(
                CW,
                "rationale = \"一覧は求めるが、重要度の付け方は定めていない\"\n",
                "",
            )
            .fail();
        assert_eq!(r.places(), [at(CW, 15, 12)]);
    }
}
