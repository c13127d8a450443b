use sc3_model::Diagnostic;
use sc3_model::names::{TEMPLATE_VOCABULARY, template_problems};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// サンプル規程のテンプレート（`book/regulations/*.hbs`）の `{{ }}` が、
    /// ハンドブックの使う書き方だけかを調べます。使えるのは次のものです:
    /// `{{#clause "番号" title="…" implements="…"}}…{{/clause}}`、
    /// `{{term "語"}}`、`{{industry_additions "項目"}}`、`{{company}}`、
    /// `{{edition.name}}`、コメント（`{{!-- … --}}`）。
    ///
    /// ## なぜ
    ///
    /// `{{{ }}}` や `{{& }}` は内容を HTML としてそのままページに入れるので、
    /// 業界プロファイルなどに書かれた文字列がプログラムとして動きます。
    /// 部分テンプレート（`{{> }}`、`{{#*inline}}`）は互いを際限なく呼び出せ、
    /// ハンドブックの作成を止めてしまいます。
    ///
    /// ## 悪い例
    ///
    /// ```handlebars file=book/regulations/01-a.hbs
    /// {{#*inline "p"}}{{> p}}{{/inline}}{{> p}}
    /// {{{company}}}
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```handlebars file=book/regulations/01-a.hbs
    /// {{#clause "1.1" title="目的" implements="kitei-1"}}
    /// {{company}}は、{{term "委託先"}}と秘密保持の契約を結ぶ。
    /// {{/clause}}
    /// ```
    pub struct TemplateExpression {
        code: "S006",
        name: "template-expression",
        severity: Error,
        summary: "サンプル規程のテンプレートに使えない書き方がある",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for &id in &cx.repo.templates {
        for p in template_problems(&cx.repo.file(id).text) {
            out.push(
                TemplateExpression::diag(format!(
                    "テンプレートの「{}」は使えません: {}",
                    p.written, p.reason
                ))
                .at(id, p.span)
                .with_label("使えない書き方")
                .with_help(format!("使える書き方: {}", TEMPLATE_VOCABULARY.join("、"))),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::TemplateExpression;
    use crate::tester::{Base, Tester};

    const PASS_TEMPLATE: &str = r#"## 第1章 組織

{{!-- 本文は {{company}} を使う --}}
{{#clause "1.1" title="目的" implements="kitei-1"}}
{{company}}は、{{term "委託先"}}と秘密保持の契約を結ぶ。{{industry_additions "kitei-1"}}
{{/clause}}
"#;

    const FAIL_TEMPLATE: &str = r#"## 第1章 {{{edition.name}}}

{{#*inline "p"}}{{> p}}{{/inline}}{{> p}}
{{#each items}}{{&this}}{{/each}}
"#;

    #[test]
    fn pass() {
        Tester::new(&TemplateExpression::RULE, Base::Empty)
            .file("book/regulations/01-a.hbs", PASS_TEMPLATE)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&TemplateExpression::RULE, Base::Empty)
            .file("book/regulations/01-a.hbs", FAIL_TEMPLATE)
            .fail();
        let written: Vec<String> = r
            .messages()
            .into_iter()
            .map(|(l, c, m)| format!("{l}:{c} {}", m.split('」').next().unwrap()))
            .collect();
        assert_eq!(
            written,
            [
                "1:8 テンプレートの「{{{edition.name}}}",
                "3:1 テンプレートの「{{#*inline \"p\"}}",
                "3:17 テンプレートの「{{> p}}",
                "3:24 テンプレートの「{{/inline}}",
                "3:35 テンプレートの「{{> p}}",
                "4:1 テンプレートの「{{#each items}}",
                "4:16 テンプレートの「{{&this}}",
                "4:25 テンプレートの「{{/each}}",
            ]
        );
    }
}
