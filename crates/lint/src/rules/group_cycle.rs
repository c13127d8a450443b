use std::collections::HashMap;

use sc3_model::Diagnostic;

use super::impl_rule;
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// グループの `parent` をたどると元のグループに戻ってしまう（循環している）
    /// 箇所を見つけます。
    ///
    /// ## なぜ
    ///
    /// グループは見出しの入れ子です。循環があると、ハンドブックの目次も
    /// 項目の所属も決まりません。
    ///
    /// ## 悪い例
    ///
    /// ```toml
    /// [[group]]
    /// id = "diag"
    /// parent = "diag-1"
    /// title = "自社診断"
    ///
    /// [[group]]
    /// id = "diag-1"
    /// parent = "diag"
    /// title = "基本的対策"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml
    /// [[group]]
    /// id = "diag"
    /// title = "自社診断"
    ///
    /// [[group]]
    /// id = "diag-1"
    /// parent = "diag"
    /// title = "基本的対策"
    /// ```
    pub struct GroupCycle {
        code: "R004",
        name: "group-cycle",
        severity: Error,
        summary: "グループの親子関係が循環している",
    }
}

impl_rule!(GroupCycle);

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for g in &cx.repo.guidelines {
        let parent: HashMap<&str, &str> = g
            .groups
            .iter()
            .filter_map(|gr| Some((gr.id.value.as_str(), gr.parent.as_ref()?.value.as_str())))
            .collect();
        // Report each cycle once, at the group of the cycle that comes first in the file.
        let mut reported: Vec<&str> = Vec::new();
        for gr in &g.groups {
            let start = gr.id.value.as_str();
            let mut path = vec![start];
            let mut at = start;
            while let Some(&p) = parent.get(at) {
                if p == start {
                    if !path.iter().any(|x| reported.contains(x)) {
                        reported.extend(path.iter().copied());
                        path.push(start);
                        let span = gr
                            .parent
                            .as_ref()
                            .map_or(gr.id.span.clone(), |p| p.span.clone());
                        out.push(
                            Diagnostic::error(
                                GroupCycle::META.code,
                                format!("グループの親子関係が循環しています: {}", path.join(" → ")),
                            )
                            .at(g.file, span)
                            .with_label("ここから親をたどると元に戻る")
                            .with_help("いちばん外側のグループの parent を消してください"),
                        );
                    }
                    break;
                }
                if path.contains(&p) {
                    break; // A cycle that does not pass through `start`: reported from its own members.
                }
                path.push(p);
                at = p;
            }
        }
    }
}
