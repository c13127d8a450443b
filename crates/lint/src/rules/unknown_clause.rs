use std::collections::HashSet;

use sc3_model::Diagnostic;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 突合表の `regulations`（判定の根拠にしたサンプル規程の条）に書いた番号が、
    /// サンプル規程のテンプレート（`book/regulations/*.hbs`）の
    /// `{{#clause "番号" …}}` にあるかを調べます。
    ///
    /// ## なぜ
    ///
    /// `regulations` は、判定がこのプロジェクトの文例にもとづくことを読み手に示し、
    /// ハンドブックではその条へのリンクになります。ない条を書くと、根拠を
    /// たどれない判定が残り、リンクも切れます。
    ///
    /// ## 悪い例
    ///
    /// ```toml
    /// [[map]]
    /// source = "4-1-2-1"
    /// relation = "partial"
    /// targets = ["kitei-4"]
    /// rationale = "パスワードの長さは、このプロジェクトのサンプル規程が定めている"
    /// regulations = ["4.99"]
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml
    /// regulations = ["4.4"]
    /// ```
    pub struct UnknownClause {
        code: "R006",
        name: "unknown-clause",
        severity: Error,
        summary: "サンプル規程にない条を根拠に挙げている",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let clauses = cx.repo.clauses();
    let known: HashSet<&str> = clauses.iter().map(|c| c.number.as_str()).collect();
    for cw in &cx.repo.crosswalks {
        for m in &cw.maps {
            for c in &m.regulations {
                if known.contains(c.value.as_str()) {
                    continue;
                }
                let mut shown: Vec<&str> = known.iter().copied().collect();
                shown.sort_by_key(|n| {
                    n.split('.')
                        .map(|p| p.parse::<u32>().unwrap_or(u32::MAX))
                        .collect::<Vec<_>>()
                });
                out.push(
                    UnknownClause::diag(format!("サンプル規程に第{}条はありません", c.value),
                    )
                    .at(cw.file, c.span.clone())
                    .with_label("ない条")
                    .with_help(if shown.is_empty() {
                        "book/regulations/ にサンプル規程のテンプレートがありません".to_owned()
                    } else {
                        format!(
                            "条の番号は {{{{#clause \"番号\" …}}}} のとおりに書きます（例: {}）",
                            shown.iter().take(5).copied().collect::<Vec<_>>().join("、")
                        )
                    }),
                );
            }
        }
    }
}
