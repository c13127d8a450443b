use std::collections::HashMap;

use sc3_model::{Diagnostic, Item, ItemRef, Reviewed};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 突合表の `[[reviewed]]` には、対応づけを確認したときの項目のタイトルと
    /// 本文が記録されています（`cargo xtask crosswalk confirm` が書きます）。
    /// 記録と今のガイドラインを比べ、タイトルか本文が変わった項目、または
    /// なくなった項目を使っている `[[map]]` を、確認が必要なものとして報告します。
    /// 報告には、確認したときの文と今の文を並べて示します。
    ///
    /// ## なぜ
    ///
    /// ガイドラインは改訂されます。項目の文が変わっても突合表は何も言わず、
    /// 古い判断のまま残ってしまいます。どの対応づけを見直せばよいかを
    /// はっきりさせ、見直したら `confirm` で記録を新しくします。
    ///
    /// ## 悪い例
    ///
    /// 確認したあとで、基本ガイドラインの kitei-1 のタイトルが
    /// 「情報セキュリティの管理体制を定める」に変わった:
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
    /// [[reviewed]]
    /// item = "example-base@1.0:kitei-1"
    /// title = "管理体制を定める"
    /// ```
    ///
    /// ## 良い例
    ///
    /// 対応づけを見直してから `cargo xtask crosswalk confirm mappings/….toml`
    /// を実行し、`[[reviewed]]` を今の文に合わせる:
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
    /// [[reviewed]]
    /// item = "example-base@1.0:kitei-1"
    /// title = "情報セキュリティの管理体制を定める"
    /// ```
    pub struct StaleMapping {
        code: "M008",
        name: "stale-mapping",
        severity: Warning,
        summary: "確認したあとで、突合に使っている項目の文が変わった",
        check: check,
    }
}

fn text_of(title: &str, text: Option<&str>) -> String {
    match text {
        Some(t) if !t.is_empty() => format!("{title}／{t}"),
        _ => title.to_owned(),
    }
}

/// What changed about one reviewed item, if anything.
fn change(snap: &Reviewed, now: Option<&Item>) -> Option<String> {
    let before = text_of(
        &snap.title.value,
        snap.text.as_ref().map(|t| t.value.as_str()),
    );
    let Some(it) = now else {
        return Some(format!("確認したとき: {before}\n今: （項目がありません）"));
    };
    let after = text_of(&it.title.value, it.text.as_ref().map(|t| t.value.as_str()));
    (before != after).then(|| format!("確認したとき: {before}\n今: {after}"))
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cw in &cx.repo.crosswalks {
        if cw.reviewed.is_empty() {
            continue;
        }
        let snaps: HashMap<&str, &Reviewed> = cw
            .reviewed
            .iter()
            .map(|r| (r.item.value.as_str(), r))
            .collect();
        for m in &cw.maps {
            let mut refs: Vec<ItemRef> = cx.entry_source(cw, m).into_iter().collect();
            refs.extend(m.targets.iter().filter_map(|t| cx.entry_target(cw, t)));
            for r in refs {
                let key = r.to_string();
                let Some(snap) = snaps.get(key.as_str()) else {
                    continue;
                };
                let Some(diff) = change(snap, cx.index.item(&r)) else {
                    continue;
                };
                out.push(
                    StaleMapping::diag(format!(
                            "「{}」の対応づけは、確認したあとで {key} の文が変わったため見直しが必要です",
                            m.source.value
                        ),
                    )
                    .at(cw.file, m.source.span.clone())
                    .with_label("確認したときと項目の文が違う")
                    .with_help(format!(
                        "{diff}\n見直したら cargo xtask crosswalk confirm {} を実行してください",
                        cx.repo.file(cw.file).path
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::StaleMapping;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    /// The crosswalk as `crosswalk confirm` leaves it.
    fn confirmed() -> Tester {
        Tester::new(&StaleMapping::RULE, Base::Small).append(
            CW,
            r#"
# cargo xtask crosswalk confirm が書いた、突合を確認したときの項目の内容です。手で直さないでください。

[[reviewed]]
item = "assoc@2.0:1"
title = "責任者を置く"

[[reviewed]]
item = "assoc@2.0:2"
title = "重要な情報の一覧を作る"

[[reviewed]]
item = "base@1.0:kitei-1"
title = "管理体制を定める"

[[reviewed]]
item = "base@1.0:kitei-2"
title = "従業員に教育を行う"

[[reviewed]]
item = "base@1.0:kitei-3"
title = "情報資産を管理する"
"#,
        )
    }

    #[test]
    fn pass() {
        confirmed().pass();
    }

    #[test]
    fn fail() {
        // Item 1 of the association's catalog was deleted and kitei-3 reworded
        // after the crosswalk was confirmed: entries 1 and 2 need review, and
        // each finding shows the reviewed and the current text.
        let r = confirmed()
            .edit(
                "guidelines/assoc/2.0.toml",
                "id = \"1\"\ntitle = \"責任者を置く\"\nlevel = \"LV1\"\n\n[[item]]\n",
                "",
            )
            .edit(
                "guidelines/base/1.0.toml",
                "title = \"情報資産を管理する\"",
                "title = \"情報資産を洗い出し、重要度に応じて管理する\"",
            )
            .fail();
        assert_eq!(r.places(), [at(CW, 8, 10), at(CW, 14, 10)]);
        let helps: Vec<&str> = r
            .found()
            .into_iter()
            .filter_map(|d| d.help.as_deref())
            .collect();
        assert!(helps[0].contains("確認したとき: 責任者を置く\n今: （項目がありません）"));
        assert!(helps[1].contains(
            "確認したとき: 情報資産を管理する\n今: 情報資産を洗い出し、重要度に応じて管理する"
        ));
    }
}
