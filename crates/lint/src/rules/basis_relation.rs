use sc3_model::{Basis, Diagnostic};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 突合表の `basis`（何にもとづく表か）と、各対応づけの `relation` の語が
    /// 合っているかを調べます。
    ///
    /// - 専門家の判定による突合表（`basis = "judgment"`、書かなければこちら）では、
    ///   `covered`（対応）、`partial`（準対応）、`none`（非対応）を使います。
    /// - 発行者の文書が項目を参照していることを写した対照表
    ///   （`basis = "citation"`）では、`cited`（参照あり）と `not-cited`（参照なし）を
    ///   使います。判定ではないので、`strm` も書きません。
    ///
    /// ## なぜ
    ///
    /// 「参照している」ことは「要求を満たしている」ことではありません。
    /// 参照を対応・準対応として記録すると、誰も判断していない対応率が
    /// ハンドブックの表や推定の突合に出てしまいます。逆に判定の表に
    /// 「参照あり」と書くと、判定が抜けたままになります。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    /// basis = "citation"
    ///
    /// [[map]]
    /// source = "1"
    /// relation = "partial"
    /// targets = ["kitei-1"]
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    /// basis = "citation"
    ///
    /// [[map]]
    /// source = "1"
    /// relation = "cited"
    /// targets = ["kitei-1"]
    /// ```
    pub struct BasisRelation {
        code: "M009",
        name: "basis-relation",
        severity: Error,
        summary: "突合表の根拠（判定か参照か）と判定の語が合っていない",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cw in &cx.repo.crosswalks {
        let basis = cw.basis();
        let allowed = basis.relations();
        let words: Vec<String> = allowed
            .iter()
            .map(|r| format!("{}（{}）", r.as_str(), r.japanese()))
            .collect();
        let what = match basis {
            Basis::Judgment => "専門家の判定による突合表",
            Basis::Citation => "参照による対照表（basis = \"citation\"）",
        };
        for m in &cw.maps {
            if let Some(rel) = &m.relation
                && !allowed.contains(&rel.value)
            {
                out.push(
                    BasisRelation::diag(format!(
                            "{what}に「{}」（{}）は使えません",
                            rel.value.as_str(),
                            rel.value.japanese()
                        ),
                    )
                    .at(cw.file, rel.span.clone())
                    .with_label("この表では使えない語")
                    .with_help(match basis {
                        Basis::Judgment => format!(
                            "使える語: {}。発行者の参照を写した表なら [crosswalk] に basis = \"citation\" と書きます",
                            words.join("、")
                        ),
                        Basis::Citation => format!(
                            "使える語: {}。内容を比べて判定したなら basis を書かずに（judgment）、別の突合表にします",
                            words.join("、")
                        ),
                    }),
                );
            }
            if basis == Basis::Citation
                && let Some(strm) = &m.strm
            {
                out.push(
                    BasisRelation::diag("参照による対照表に strm（集合の関係）は書けません")
                        .at(cw.file, strm.span.clone())
                        .with_label("判定の語")
                        .with_help(
                            "参照していることは集合の関係を示しません。strm の行を消してください",
                        ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::BasisRelation;
    use crate::tester::{Base, Tester};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";
    const CITATION: &str = r#"[crosswalk]
source = "assoc@2.0"
target = "base@1.0"
scope = { levels = ["LV1"] }
status = "draft"
basis = "citation"

[[map]]
source = "1"
relation = "cited"
targets = ["kitei-1"]

[[map]]
source = "2"
relation = "not-cited"
targets = []
"#;

    const FAIL_OTHER: &str = r#"[guideline]
id = "other"
version = "1.0"
title = "別の業界ガイドライン"

[[item]]
id = "A-1"
title = "委託先を選ぶ基準を決める"
"#;

    const FAIL_OTHER_CROSSWALK: &str = r#"[crosswalk]
source = "other@1.0"
target = "base@1.0"
status = "draft"

[[map]]
source = "A-1"
relation = "cited"
targets = ["kitei-1"]
"#;

    #[test]
    fn pass() {
        Tester::new(&BasisRelation::RULE, Base::Small)
            .file(CW, CITATION)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&BasisRelation::RULE, Base::Small)
            .file(CW, CITATION)
            .edit(
                CW,
                "relation = \"cited\"\ntargets = [\"kitei-1\"]\n",
                r#"relation = "partial"
targets = ["kitei-1"]
strm = "intersects-with"
rationale = "参照文献に挙げられている"
"#,
            )
            .file("guidelines/other/1.0.toml", FAIL_OTHER)
            .file("mappings/other@1.0--base@1.0.toml", FAIL_OTHER_CROSSWALK)
            .fail();
        assert_eq!(
            r.messages(),
            [
                (
                    10,
                    12,
                    "参照による対照表（basis = \"citation\"）に「partial」（準対応）は使えません"
                        .to_owned()
                ),
                (
                    12,
                    8,
                    "参照による対照表に strm（集合の関係）は書けません".to_owned()
                ),
                (
                    8,
                    12,
                    "専門家の判定による突合表に「cited」（参照あり）は使えません".to_owned()
                ),
            ]
        );
    }
}
