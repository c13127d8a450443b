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
    /// 確認したあとで、基本ガイドラインの kitei-1 のタイトルが変わった。
    ///
    /// ```toml
    /// [[map]]
    /// source = "1"
    /// relation = "covered"
    /// targets = ["kitei-1"]
    ///
    /// [[reviewed]]
    /// item = "example-base@1.0:kitei-1"
    /// title = "情報セキュリティの管理体制を定める"
    /// ```
    ///
    /// ## 良い例
    ///
    /// 対応づけを見直してから `cargo xtask crosswalk confirm mappings/….toml`
    /// を実行し、`[[reviewed]]` を今の文に合わせる。
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
