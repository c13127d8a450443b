use prh::{Found, PrhMatcher};
use sc3_model::{Diagnostic, FileId};

use super::impl_rule;
use crate::terms::Kind;
use crate::text::FileText;
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 用語集（`guidelines/glossary/*.toml`）で「使わない表記」（`variants`）と
    /// した語が、ハンドブックの Markdown や、カタログ・業界プロファイル・突合表の
    /// 文章（見出し、要約、理由）に出てこないかを調べます。見つかった語は、
    /// `cargo xtask lint --fix` で推奨の表記（`preferred`）に置き換えられます。
    ///
    /// 照合は「最長一致」です。同じ位置から始まる登録語のうち最も長いものだけを
    /// 見るので、推奨語や登録語の一部になっている表記（「サーバー」の中の
    /// 「サーバ」など）は報告しません。コード（`` `…` ``、コードブロック）、URL、
    /// リンク先、`<!-- terms: off -->` と `<!-- terms: on -->` で囲んだ部分は
    /// 調べません。用語集の `scope` が業界の id なら、その業界の文章だけに
    /// 当てはめます。
    ///
    /// `guidelines/glossary/` に置いた prh 辞書（`*.yml`、textlint-rule-prh と
    /// 同じ形式）も用語集として使います。prh の規則は textlint-rule-prh と同じ
    /// 箇所（リンク・引用・強調の中を除く本文）に、同じ結果になるように当てはめます。
    ///
    /// ## なぜ
    ///
    /// 同じものが「取組み」「取り組み」「取組」と書き分けられていると、読む人は
    /// 別のものかと迷い、検索でも見落とします。ガイドラインの正式名称の
    /// 書き間違いは、参照先を取り違える原因にもなります。
    ///
    /// ## 悪い例
    ///
    /// 用語集に `preferred = "取り組み"`、`variants = ["取組み", "取組"]` があるとき:
    ///
    /// ```markdown
    /// 業界団体の取組みとして、加盟企業への周知を進めます。
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown
    /// 業界団体の取り組みとして、加盟企業への周知を進めます。
    /// ```
    pub struct TermVariant {
        code: "T001",
        name: "term-variant",
        severity: Warning,
        summary: "用語集で使わないとした表記が使われている",
    }
}

impl_rule!(TermVariant);

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    glossaries(cx, out);
    prh(cx, out);
}

/// Findings of the prh dictionaries, on the text nodes textlint-rule-prh
/// checks (matched once, in [`Context::new`]), in file order.
fn prh(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (dict_file, matcher, ft, found) in cx.prh_results() {
        prh_file(cx, dict_file, matcher, ft, found, out);
    }
}

fn prh_file(
    cx: &Context<'_>,
    dict_file: FileId,
    matcher: &PrhMatcher,
    ft: &FileText,
    found: &Found,
    out: &mut Vec<Diagnostic>,
) {
    let text = &cx.repo.file(ft.file).text;
    for m in &found.matches {
        let span = m.start..m.end;
        let rule = &matcher.rules()[m.rule_index];
        let (rule_file, rule_span) = cx.prh_rule_place(dict_file, rule);
        let mut d = Diagnostic::warning(
            TermVariant::META.code,
            format!(
                "「{}」は用語集（prh）で「{}」に統一しています",
                m.matched, m.expected
            ),
        )
        .at(ft.file, span.clone())
        .with_label(format!("「{}」にする", m.expected))
        .with_help(match &rule.prh {
            Some(note) => format!("「{}」と書きます（{note}）", m.expected),
            None => format!("「{}」と書きます", m.expected),
        })
        .with_related(rule_file, rule_span, "prh 辞書の規則");
        // In prh's rare overlap case the reported text is not the file's:
        // no fix is offered then.
        if text.get(span.clone()) == Some(m.matched.as_str()) {
            d = d.with_fix(span, m.expected.clone());
        }
        out.push(d);
    }
}

fn glossaries(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for (i, ft) in cx.texts.iter().enumerate() {
        for (span, e) in cx.terms_in(i, None) {
            if e.kind != Kind::Variant {
                continue;
            }
            let mut help = format!("「{}」と書きます", e.preferred);
            if let Some(note) = &e.note {
                help.push_str(&format!("（{note}）"));
            }
            out.push(
                Diagnostic::warning(
                    TermVariant::META.code,
                    format!(
                        "「{}」は用語集で「{}」に統一しています",
                        e.text, e.preferred
                    ),
                )
                .at(ft.file, span.clone())
                .with_label(format!("「{}」にする", e.preferred))
                .with_help(help)
                .with_related(e.file, e.span.clone(), "用語集の定義")
                .with_fix(span, e.preferred.clone()),
            );
        }
    }
}
