use std::ops::Range;

use prh::{Found, PrhMatcher};
use sc3_model::{Diagnostic, FileId};

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
    /// ```markdown file=book/src/intro.md
    /// 業界団体の取組みとして、加盟企業への周知を進めます。
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown file=book/src/intro.md
    /// 業界団体の取り組みとして、加盟企業への周知を進めます。
    /// ```
    pub struct TermVariant {
        code: "T001",
        name: "term-variant",
        severity: Warning,
        summary: "用語集で使わないとした表記が使われている",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    glossaries(cx, out);
    prh(cx, out);
}

/// Findings of the prh dictionaries, on the text nodes textlint-rule-prh
/// checks (matched once, in [`Context::new`]), in file order.
fn prh(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    out.reserve(cx.prh_results().map(|(.., f)| f.matches.len()).sum());
    // Where each rule is defined, by dictionary: worked out at a rule's first
    // finding (a corpus has thousands of findings of a few hundred rules).
    let mut places: Vec<(FileId, RulePlaces)> = Vec::new();
    for (dict_file, matcher, ft, found) in cx.prh_results() {
        let k = match places.iter().position(|(f, _)| *f == dict_file) {
            Some(k) => k,
            None => {
                places.push((dict_file, vec![None; matcher.rules().len()]));
                places.len() - 1
            }
        };
        prh_file(cx, dict_file, matcher, ft, found, &mut places[k].1, out);
    }
}

/// The place of each rule of a dictionary, once known.
type RulePlaces = Vec<Option<(FileId, Range<usize>)>>;

fn prh_file(
    cx: &Context<'_>,
    dict_file: FileId,
    matcher: &PrhMatcher,
    ft: &FileText,
    found: &Found,
    places: &mut RulePlaces,
    out: &mut Vec<Diagnostic>,
) {
    let text = &cx.repo.file(ft.file).text;
    for m in &found.matches {
        let span = m.start..m.end;
        let rule = &matcher.rules()[m.rule_index];
        let (rule_file, rule_span) = places[m.rule_index]
            .get_or_insert_with(|| cx.prh_rule_place(dict_file, rule))
            .clone();
        let (matched, expected) = (m.matched.as_str(), m.expected.as_str());
        // `concat` rather than `format!`: one allocation of the exact size,
        // for each of thousands of findings.
        let mut d = TermVariant::diag(
            [
                "「",
                matched,
                "」は用語集（prh）で「",
                expected,
                "」に統一しています",
            ]
            .concat(),
        )
        .at(ft.file, span.clone())
        .with_label(["「", expected, "」にする"].concat())
        .with_help(match &rule.prh {
            Some(note) => ["「", expected, "」と書きます（", note, "）"].concat(),
            None => ["「", expected, "」と書きます"].concat(),
        })
        .with_related(rule_file, rule_span, "prh 辞書の規則");
        // In prh's rare overlap case the reported text is not the file's:
        // no fix is offered then.
        if text.get(span.clone()) == Some(matched) {
            d = d.with_fix(span, expected);
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
                TermVariant::diag(format!(
                    "「{}」は用語集で「{}」に統一しています",
                    e.text, e.preferred
                ))
                .at(ft.file, span.clone())
                .with_label(format!("「{}」にする", e.preferred))
                .with_help(help)
                .with_related(e.file, e.span.clone(), "用語集の定義")
                .with_fix(span, e.preferred.clone()),
            );
        }
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::TermVariant;
    use crate::tester::{Base, Tester, at};

    pub(crate) const GLOSSARY: &str = r#"[glossary]
id = "common"
scope = "all"

[[term]]
preferred = "取り組み"
variants = ["取組み", "取組"]
note = "送り仮名を統一する"

[[term]]
preferred = "サーバー"
variants = ["サーバ"]

[[term]]
preferred = "重要7項目の取組"
variants = []
note = "IPAの見出しのまま"
"#;

    const PASS_INTRO: &str = r#"# はじめに

業界団体の取り組みとして、サーバーの管理を見直します。重要7項目の取組も参照します。

`サーバ` はコードなので検査しません。https://example.org/サーバ も同じです。

<!-- terms: off -->
引用: 取組みの例。
<!-- terms: on -->
"#;

    const FAIL_INTRO: &str = r#"# はじめに

業界団体の取組みとして、サーバの管理を見直します。

| 項目 | 内容 |
| --- | --- |
| 取組 | 年1回 |
"#;

    const PRH_INTRO: &str = r#"# サーバの取組み

本文のサーバと javascript と ＪａｖａＳｃｒｉｐｔ。

[リンクのサーバ](https://example.org) と *強調のサーバ* と **太字のサーバ**。

> 引用のサーバ

`サーバ` はコード。
"#;

    const PRH_WORDS: &str = r#"version: 1
rules:
  - expected: サーバー
    pattern: /サーバ(?!ー)/
    prh: 長音符を付ける
  - expected: JavaScript
  - expected: 取り組み
    patterns:
      - 取組み
      - 取組
"#;

    #[test]
    fn pass() {
        Tester::new(&TermVariant::RULE, Base::Empty)
            .file("guidelines/glossary/common.toml", GLOSSARY)
            .file("book/src/intro.md", PASS_INTRO)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&TermVariant::RULE, Base::Empty)
            .file("guidelines/glossary/common.toml", GLOSSARY)
            .file("book/src/intro.md", FAIL_INTRO)
            .fail();
        let md = "book/src/intro.md";
        assert_eq!(r.places(), [at(md, 3, 6), at(md, 3, 13), at(md, 7, 3)]);
        let fixes: Vec<_> = r
            .diagnostics
            .iter()
            .filter_map(|d| d.fix.as_ref().map(|f| f.replacement.as_str()))
            .collect();
        assert_eq!(fixes, ["取り組み", "サーバー", "取り組み"]);
    }

    #[test]
    fn with_a_prh_dictionary_checks_what_textlint_rule_prh_checks() {
        let r = Tester::new(&TermVariant::RULE, Base::Empty)
            .file("guidelines/glossary/words.yml", PRH_WORDS)
            .file("book/src/intro.md", PRH_INTRO)
            .run();
        let md = "book/src/intro.md";
        // Headings and body text, and strong emphasis; not links, emphasis, quotes or code.
        assert_eq!(
            r.places(),
            [
                at(md, 1, 3),
                at(md, 1, 7),
                at(md, 3, 4),
                at(md, 3, 9),
                at(md, 3, 22),
                at(md, 5, 50)
            ]
        );
        assert_eq!(
            r.fixes(),
            [
                "サーバー",
                "取り組み",
                "サーバー",
                "JavaScript",
                "JavaScript",
                "サーバー"
            ]
        );
        let note = r.found()[0];
        assert_eq!(
            note.help.as_deref(),
            Some("「サーバー」と書きます（長音符を付ける）")
        );
        assert_eq!(
            r.repo.file(note.related[0].file).path,
            "guidelines/glossary/words.yml"
        );
    }
}
