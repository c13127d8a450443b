use std::collections::{BTreeMap, HashSet};

use sc3_model::{Diagnostic, Guideline};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 基本となるガイドライン（業界プロファイルの `base`、または突合表の
    /// `target` になっているガイドライン）の項目のうち、どの突合表からも
    /// 突合先として参照されていないものを一覧にします。これは誤りではなく、
    /// 情報（info）です。
    ///
    /// ## なぜ
    ///
    /// 業界の要求事項が触れていない基本ガイドラインの項目は、業界向け
    /// サンプル規程で業界の言葉に置き換えたり、加盟企業に改めて伝えたりする
    /// 必要がある候補です。逆向きの抜けを見るための一覧です。
    ///
    /// ## 悪い例
    ///
    /// この検査は情報を出すだけです。どの突合表の `targets` にもない項目が
    /// 一覧に出ます（ここでは kitei-2）:
    ///
    /// ```toml file=guidelines/example-base/1.0.toml
    /// [guideline]
    /// id = "example-base"
    /// version = "1.0"
    /// title = "例示用の基本ガイドライン"
    ///
    /// [[item]]
    /// id = "kitei-1"
    /// title = "情報セキュリティの管理体制を定める"
    ///
    /// [[item]]
    /// id = "kitei-2"
    /// title = "従業員に守秘義務と教育を課す"
    /// ```
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
    /// ```
    ///
    /// ## 良い例
    ///
    /// 一覧に出た項目について、業界の要求事項に当たるものが本当にないかを
    /// 確かめ、あれば突合表の `targets` に加えます:
    ///
    /// ```toml file=guidelines/example-base/1.0.toml
    /// [guideline]
    /// id = "example-base"
    /// version = "1.0"
    /// title = "例示用の基本ガイドライン"
    ///
    /// [[item]]
    /// id = "kitei-1"
    /// title = "情報セキュリティの管理体制を定める"
    ///
    /// [[item]]
    /// id = "kitei-2"
    /// title = "従業員に守秘義務と教育を課す"
    /// ```
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    ///
    /// [[map]]
    /// source = "1"
    /// relation = "covered"
    /// targets = ["kitei-1", "kitei-2"]
    /// ```
    pub struct UnreferencedBaseItem {
        code: "M006",
        name: "unreferenced-base-item",
        severity: Info,
        summary: "基本ガイドラインの項目がどの突合表からも参照されていない",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = cx.repo;
    // Base catalogs by key, in a stable order.
    let mut bases: BTreeMap<String, &Guideline> = BTreeMap::new();
    for ind in &repo.industries {
        if let Some(g) = ind.base.as_ref().and_then(|b| cx.guideline(b)) {
            bases.insert(g.key(), g);
        }
    }
    for cw in &repo.crosswalks {
        if let (_, Some(g)) = cx.sides(cw) {
            bases.insert(g.key(), g);
        }
    }
    let mut referenced: HashSet<(String, String)> = HashSet::new();
    for cw in &repo.crosswalks {
        for m in &cw.maps {
            for t in &m.targets {
                if let Some(r) = cx.entry_target(cw, t) {
                    referenced.insert((r.guideline.to_string(), r.item));
                }
            }
        }
    }
    for (key, g) in bases {
        for item in &g.items {
            if item.id.value.is_empty()
                || referenced.contains(&(key.clone(), item.id.value.clone()))
            {
                continue;
            }
            out.push(
                UnreferencedBaseItem::diag(format!(
                    "{key} の項目「{}」（{}）はどの突合表からも参照されていません",
                    item.id.value, item.title.value
                ))
                .at(g.file, item.id.span.clone())
                .with_label("突合先として参照されていない")
                .with_help("業界の要求事項に当たるものがないか確かめてください"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnreferencedBaseItem;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    #[test]
    fn pass() {
        Tester::new(&UnreferencedBaseItem::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&UnreferencedBaseItem::RULE, Base::Small)
            .edit(CW, "[\"kitei-2\", \"kitei-3\"]", "[\"kitei-2\"]")
            .fail();
        assert_eq!(r.places(), [at("guidelines/base/1.0.toml", 21, 6)]);
    }
}
