use sc3_model::refs::{RefError, is_valid_id, is_valid_item_id};
use sc3_model::{Diagnostic, FileId, GuidelineRef, ItemRef, MeasureRef, Spanned};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 識別子と参照が決められた形で書かれているかを調べます。
    ///
    /// - このプロジェクトの識別子（ガイドライン、版、業界、用語集、業界固有の
    ///   対策など）は、半角の小文字英字・数字・`.`・`_`・`-` だけを使い、英字か
    ///   数字で始めます（`ipa-sme`、`3.1`）。
    /// - 項目とグループの識別子は、発行者の番号をそのまま書きます。半角の英字
    ///   （大文字も）・数字・`.`・`_`・`-` を使い、英字か数字で始めます
    ///   （`1-1-1-1`、`A.5.1`、`PR.AA-01`、`L-101`）。
    /// - ガイドラインの版は `id@version`（`ipa-sme@3.1`）。
    /// - 項目は `id@version:item`（`ipa-sme@3.1:kitei-3`）。突合表の中では、
    ///   突合元・突合先の項目を `item` だけで書けます。
    /// - 業界固有の対策は `industry:measure`（`construction:second-tier`）。
    ///
    /// ## なぜ
    ///
    /// このプロジェクトの識別子はファイル名やハンドブックのURLにもなります。
    /// 全角文字や空白、大文字が混じると、参照が見つからなかったり、リンクが
    /// 壊れたりします。項目の番号は発行者が決めた事実なので、書き換えずに
    /// そのまま持ちます。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=guidelines/industries/construction.toml
    /// [industry]
    /// id = "Construction"
    /// name = "建設業"
    /// association = "一般社団法人例示建設業協会"
    /// base = "example-base 1.0"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=guidelines/industries/construction.toml
    /// [industry]
    /// id = "construction"
    /// name = "建設業"
    /// association = "一般社団法人例示建設業協会"
    /// base = "example-base@1.0"
    /// ```
    pub struct MalformedId {
        code: "R002",
        name: "malformed-id",
        severity: Error,
        summary: "識別子や参照の書き方が正しくない",
        check: check,
    }
}

fn push(file: FileId, s: &Spanned<String>, err: Result<(), RefError>, out: &mut Vec<Diagnostic>) {
    if let Err(e) = err {
        out.push(
            MalformedId::diag(format!("「{}」は正しい形ではありません", s.value))
                .at(file, s.span.clone())
                .with_label("形が正しくない")
                .with_help(e.0),
        );
    }
}

/// An item or group id: the publisher's, case and punctuation as written.
fn item_id(file: FileId, s: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    if !s.value.is_empty() && !is_valid_item_id(&s.value) {
        push(
            file,
            s,
            Err(RefError(format!(
                "項目とグループの識別子には半角の英字・数字・'.'・'_'・'-' だけを使い、英字か数字で始めます。大文字・小文字は発行者の書き方のままにします（例: {}）",
                suggest_item(&s.value)
            ))),
            out,
        );
    }
}

/// A plausible well-formed spelling of a malformed item id.
fn suggest_item(s: &str) -> String {
    let mut out: String = s
        .trim()
        .chars()
        .map(|c| match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '.' | '_' | '-' => c,
            _ => '-',
        })
        .collect();
    while out.starts_with(['-', '.', '_']) {
        out.remove(0);
    }
    if out.is_empty() { "item-1".into() } else { out }
}

fn id(file: FileId, s: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    // Empty required ids were reported by the loader.
    if !s.value.is_empty() && !is_valid_id(&s.value) {
        push(
            file,
            s,
            Err(RefError(format!(
                "識別子には半角の小文字英字・数字・'.'・'_'・'-' だけを使い、英字か数字で始めます（例: {}）",
                suggest(&s.value)
            ))),
            out,
        );
    }
}

/// A plausible well-formed spelling of a malformed id, for the help text.
fn suggest(s: &str) -> String {
    let mut out: String = s
        .trim()
        .chars()
        .map(|c| match c {
            'A'..='Z' => c.to_ascii_lowercase(),
            'a'..='z' | '0'..='9' | '.' | '_' | '-' => c,
            _ => '-',
        })
        .collect();
    while out.starts_with(['-', '.', '_']) {
        out.remove(0);
    }
    if out.is_empty() { "item-1".into() } else { out }
}

fn guideline_ref(file: FileId, s: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    push(file, s, GuidelineRef::parse(&s.value).map(drop), out);
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = cx.repo;
    for g in &repo.guidelines {
        id(g.file, &g.id, out);
        id(g.file, &g.version, out);
        if let Some(s) = &g.supersedes {
            guideline_ref(g.file, s, out);
        }
        for gr in &g.groups {
            item_id(g.file, &gr.id, out);
        }
        for it in &g.items {
            item_id(g.file, &it.id, out);
        }
    }
    for i in &repo.industries {
        id(i.file, &i.id, out);
        for r in i.base.iter().chain(&i.guidelines) {
            guideline_ref(i.file, r, out);
        }
        for p in i.handling.iter().chain(&i.measures) {
            id(i.file, &p.id, out);
            for r in &p.relates {
                push(i.file, r, ItemRef::parse(&r.value).map(drop), out);
            }
        }
    }
    for g in &repo.glossaries {
        id(g.file, &g.id, out);
        if let Some(s) = &g.scope {
            id(g.file, s, out);
        }
    }
    for cw in &repo.crosswalks {
        guideline_ref(cw.file, &cw.source, out);
        guideline_ref(cw.file, &cw.target, out);
        let (Ok(src), Ok(tgt)) = (
            GuidelineRef::parse(&cw.source.value),
            GuidelineRef::parse(&cw.target.value),
        ) else {
            continue;
        };
        for m in &cw.maps {
            if !m.source.value.is_empty() {
                push(
                    cw.file,
                    &m.source,
                    ItemRef::parse_in(&m.source.value, &src).map(drop),
                    out,
                );
            }
            for t in &m.targets {
                push(cw.file, t, ItemRef::parse_in(&t.value, &tgt).map(drop), out);
            }
            if let Some(ms) = &m.measure {
                push(cw.file, ms, MeasureRef::parse(&ms.value).map(drop), out);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MalformedId;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    #[test]
    fn pass() {
        Tester::new(&MalformedId::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&MalformedId::RULE, Base::Small)
            .edit("guidelines/assoc/2.0.toml", "id = \"3\"", "id = \"No 3\"")
            .append(
                CW,
                r#"
[[map]]
source = "3"
relation = "none"
rationale = "基本ガイドラインに該当する項目がない"
measure = "second tier"
"#,
            )
            .fail();
        assert_eq!(
            r.places(),
            [at("guidelines/assoc/2.0.toml", 18, 6), at(CW, 24, 11)]
        );
    }
}
