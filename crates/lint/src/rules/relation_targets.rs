use sc3_model::{Diagnostic, Relation};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// `relation` と `targets` が食い違っていないかを調べます。
    ///
    /// - `covered`（対応）と `partial`（準対応）には、突合先の項目が
    ///   少なくとも一つ必要です。
    /// - `none`（非対応）には突合先を書きません。
    /// - 参照による対照表（`basis = "citation"`）では、`cited`（参照あり）に
    ///   参照している項目が必要で、`not-cited`（参照なし）には書きません。
    ///
    /// ## なぜ
    ///
    /// 「対応している」と言うなら、どの項目で対応しているのかを示さなければ
    /// 確かめようがありません。逆に「非対応」なのに突合先があると、読み手は
    /// どちらを信じればよいか分かりません。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    ///
    /// [[map]]
    /// source = "1"
    /// relation = "covered"
    /// targets = []
    ///
    /// [[map]]
    /// source = "3"
    /// relation = "none"
    /// targets = ["kitei-4"]
    /// rationale = "二次以降の取引先は扱っていない"
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
    /// source = "1"
    /// relation = "covered"
    /// targets = ["kitei-1"]
    ///
    /// [[map]]
    /// source = "3"
    /// relation = "none"
    /// targets = []
    /// rationale = "二次以降の取引先は扱っていない"
    /// ```
    pub struct RelationTargets {
        code: "M003",
        name: "relation-targets",
        severity: Error,
        summary: "対応・準対応に突合先がない、または非対応に突合先がある",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cw in &cx.repo.crosswalks {
        for m in &cw.maps {
            let Some(rel) = &m.relation else { continue };
            match (rel.value, m.targets.first()) {
                (Relation::Covered | Relation::Partial | Relation::Cited, None) => out.push(
                    RelationTargets::diag(format!(
                            "「{}」は {}（{}）なのに突合先がありません",
                            m.source.value,
                            rel.value.as_str(),
                            rel.value.japanese()
                        ),
                    )
                    .at(cw.file, rel.span.clone())
                    .with_label("突合先が必要")
                    .with_help(format!(
                        "targets = [\"…\"] に {} の項目を書くか、当たる項目がなければ relation = \"none\" にしてください",
                        cw.target.value
                    )),
                ),
                (Relation::None | Relation::NotCited, Some(first)) => out.push(
                    RelationTargets::diag(format!(
                            "「{}」は {}（{}）なのに突合先があります",
                            m.source.value,
                            rel.value.as_str(),
                            rel.value.japanese()
                        ),
                    )
                    .at(cw.file, first.span.clone())
                    .with_label(format!("{}には突合先を書かない", rel.value.japanese()))
                    .with_help(if rel.value == Relation::None {
                        "一部でも当たるなら relation = \"partial\" に、当たらないなら targets = [] にしてください"
                    } else {
                        "参照している項目があるなら relation = \"cited\" に、なければ targets = [] にしてください"
                    }),
                ),
                _ => {}
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::RelationTargets;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    #[test]
    fn pass() {
        Tester::new(&RelationTargets::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&RelationTargets::RULE, Base::Small)
            // Entry 1 is covered by nothing; entry 2 by nothing, with a target.
            .edit(
                CW,
                "targets = [\"kitei-1\"]\nstrm = \"equal-to\"\n",
                "targets = []\n",
            )
            .edit(
                CW,
                r#"
[[map]]
source = "2"
relation = "partial"
targets = ["kitei-2", "kitei-3"]
strm = "subset-of"
rationale = "一覧は求めるが、重要度の付け方は定めていない"
"#,
                r#"
[[map]]
source = "2"
relation = "none"
targets = ["kitei-3"]
rationale = "重要度の付け方は扱っていない"
"#,
            )
            .fail();
        assert_eq!(r.places(), [at(CW, 9, 12), at(CW, 15, 12)]);
    }
}
