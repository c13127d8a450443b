use std::collections::HashMap;

use sc3_model::Diagnostic;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 一つの突合表の中で、同じ突合元の項目に `[[map]]` が二つ以上ないかを
    /// 調べます。
    ///
    /// ## なぜ
    ///
    /// 一つの要求事項に「対応」と「非対応」の両方が書かれていると、どちらが
    /// 正しいのか読み手には分かりません。集計（対応率）も狂います。
    /// 複数の突合先に当たる場合は、一つの `[[map]]` の `targets` に並べます。
    ///
    /// ## 悪い例
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
    /// [[map]]
    /// source = "1"
    /// relation = "partial"
    /// targets = ["kitei-2"]
    /// rationale = "教育の一部だけ"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    ///
    /// [[map]]
    /// source = "1"
    /// relation = "covered"
    /// targets = ["kitei-1", "kitei-2"]
    /// ```
    pub struct DuplicateMapping {
        code: "M002",
        name: "duplicate-mapping",
        severity: Error,
        summary: "同じ突合元の項目に [[map]] が二つ以上ある",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cw in &cx.repo.crosswalks {
        let mut first = HashMap::new();
        for m in &cw.maps {
            let Some(r) = cx.entry_source(cw, m) else {
                continue;
            };
            match first.get(&r) {
                None => {
                    first.insert(r, m.source.span.clone());
                }
                Some(span) => out.push(
                    DuplicateMapping::diag(format!(
                        "突合元の項目「{}」の [[map]] が二つあります",
                        m.source.value
                    ))
                    .at(cw.file, m.source.span.clone())
                    .with_label("二つ目の [[map]]")
                    .with_related(cw.file, span.clone(), "最初の [[map]]")
                    .with_help("一つにまとめ、突合先が複数なら targets に並べてください"),
                ),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::DuplicateMapping;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    #[test]
    fn pass() {
        Tester::new(&DuplicateMapping::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&DuplicateMapping::RULE, Base::Small)
            .append(
                CW,
                r#"
[[map]]
source = "1"
relation = "partial"
targets = ["kitei-2"]
rationale = "教育の一部だけ"
"#,
            )
            .fail();
        assert_eq!(r.places(), [at(CW, 21, 10)]);
    }
}
