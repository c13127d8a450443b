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
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    ///
    /// [[map]]
    /// source = "2"
    /// relation = "partial"
    /// targets = ["kitei-3"]
    /// rationale = "パスワードの長さは、このプロジェクトのサンプル規程が定めている"
    /// regulations = ["4.99"]
    /// ```
    ///
    /// ## 良い例
    ///
    /// サンプル規程にある条を書く:
    ///
    /// ```handlebars file=book/regulations/04-access.hbs
    /// {{#clause "4.4" title="パスワード"}}
    /// パスワードは 12 文字以上とする。
    /// {{/clause}}
    /// ```
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
    /// rationale = "パスワードの長さは、このプロジェクトのサンプル規程が定めている"
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
                    UnknownClause::diag(format!("サンプル規程に第{}条はありません", c.value))
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

#[cfg(test)]
mod tests {
    use super::UnknownClause;
    use crate::tester::{Base, Tester};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";
    const TEMPLATE: &str = r#"## 第4章 アクセス制御及び認証

{{#clause "4.4" title="パスワード" implements="kitei-1"}}
{{company}}は、パスワードの決め方を定める。
{{/clause}}
"#;

    const CROSSWALK: &str = r#"[crosswalk]
source = "assoc@2.0"
target = "base@1.0"
scope = { levels = ["LV1"] }
status = "draft"

[[map]]
source = "1"
relation = "covered"
targets = ["kitei-1"]

[[map]]
source = "2"
relation = "partial"
targets = ["kitei-2"]
rationale = "パスワードの長さは、このプロジェクトのサンプル規程 4.4 が定めている"
regulations = ["4.4"]
"#;

    #[test]
    fn pass() {
        Tester::new(&UnknownClause::RULE, Base::Small)
            .file("book/regulations/04-access.hbs", TEMPLATE)
            .file(CW, CROSSWALK)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&UnknownClause::RULE, Base::Small)
            .file("book/regulations/04-access.hbs", TEMPLATE)
            .file(CW, CROSSWALK)
            .edit(CW, "[\"4.4\"]", "[\"4.4\", \"4.99\"]")
            .fail();
        assert_eq!(
            r.messages(),
            [(17, 23, "サンプル規程に第4.99条はありません".to_owned())]
        );
    }
}
