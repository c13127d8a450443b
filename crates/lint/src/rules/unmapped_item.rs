use std::collections::HashSet;

use sc3_model::Diagnostic;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 突合表の範囲（`scope`）に入る突合元の項目それぞれに、`[[map]]` が
    /// あるかを調べます。`scope` を省くと、突合元のすべての項目が範囲です。
    /// `scope = { levels = ["LV1"] }` なら、レベルが LV1 の項目だけが範囲です。
    ///
    /// ## なぜ
    ///
    /// 突合表の価値は、要求事項を一つ残らず見たことにあります。抜けた項目は
    /// 「対応」なのか「まだ見ていない」のか区別できません。作業中（`draft`）の
    /// 突合表では警告にとどめ、公開（`published`）するときは残っていては
    /// いけません（M007）。
    ///
    /// ## 悪い例
    ///
    /// 突合元に LV1 の項目 1、2、3 があるのに、1 と 2 しか書いていない:
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    /// scope = { levels = ["LV1"] }
    ///
    /// [[map]]
    /// source = "1"
    /// relation = "covered"
    /// targets = ["kitei-1"]
    ///
    /// [[map]]
    /// source = "2"
    /// relation = "covered"
    /// targets = ["kitei-3"]
    /// ```
    ///
    /// ## 良い例
    ///
    /// 項目 3 も、対応する項目がないなら「非対応」として書く:
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    /// scope = { levels = ["LV1"] }
    ///
    /// [[map]]
    /// source = "1"
    /// relation = "covered"
    /// targets = ["kitei-1"]
    ///
    /// [[map]]
    /// source = "2"
    /// relation = "covered"
    /// targets = ["kitei-3"]
    ///
    /// [[map]]
    /// source = "3"
    /// relation = "none"
    /// rationale = "基本ガイドラインは二次以降の取引先を扱っていない"
    /// ```
    pub struct UnmappedItem {
        code: "M001",
        name: "unmapped-item",
        severity: Warning,
        summary: "範囲内の突合元の項目に [[map]] がない",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cw in &cx.repo.crosswalks {
        let (Some(source), _) = cx.sides(cw) else {
            continue;
        };
        let mapped: HashSet<String> = cw
            .maps
            .iter()
            .filter_map(|m| cx.entry_source(cw, m))
            .filter(|r| r.guideline.to_string() == source.key())
            .map(|r| r.item)
            .collect();
        for item in cx.in_scope(cw, source) {
            if item.id.value.is_empty() || mapped.contains(&item.id.value) {
                continue;
            }
            out.push(
                UnmappedItem::diag(format!(
                        "突合元 {} の項目「{}」（{}）に [[map]] がありません",
                        source.key(),
                        item.id.value,
                        item.title.value
                    ),
                )
                .at(cw.file, cw.source.span.clone())
                .with_label(format!("項目「{}」の突合がない", item.id.value))
                .with_related(source.file, item.id.span.clone(), "突合元の項目")
                .with_help(format!(
                    "[[map]] を追加してください: source = \"{}\"、relation = \"covered\" / \"partial\" / \"none\"",
                    item.id.value
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnmappedItem;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    #[test]
    fn pass() {
        Tester::new(&UnmappedItem::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&UnmappedItem::RULE, Base::Small)
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
                "",
            )
            .fail();
        // Item 2 (LV1) is missing; item 3 is LV2, outside the scope.
        assert_eq!(r.places(), [at(CW, 2, 10)]);
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.code == "M001" && d.message.contains("「2」"))
        );
    }
}
