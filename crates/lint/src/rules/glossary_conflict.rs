use std::collections::HashMap;
use std::ops::Range;

use sc3_model::{Diagnostic, FileId};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 用語集どうし、または用語集の中で、同じ文字列の扱いが食い違っていないかを
    /// 調べます。
    ///
    /// - 使わない表記（`variants`）に、推奨語（`preferred`）と同じ文字列がある。
    /// - 同じ文字列が、別々の推奨語の使わない表記になっている。
    /// - ある語の使わない表記が、別の語の推奨語になっている。
    ///
    /// 用語集の `scope` が違っても（全体と業界）、同じ文章に当てはまるものは
    /// 比べます。
    ///
    /// ## なぜ
    ///
    /// 食い違いがあると、どちらに直せばよいかが決まりません。`--fix` が
    /// 書き換えを繰り返したり、ある語がいつまでも報告されなかったりします。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=guidelines/glossary/common.toml
    /// [glossary]
    /// id = "common"
    /// scope = "all"
    ///
    /// [[term]]
    /// preferred = "サーバー"
    /// variants = ["サーバ"]
    ///
    /// [[term]]
    /// preferred = "サーバ"      # 上で使わないとした表記
    /// variants = ["鯖"]
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=guidelines/glossary/common.toml
    /// [glossary]
    /// id = "common"
    /// scope = "all"
    ///
    /// [[term]]
    /// preferred = "サーバー"
    /// variants = ["サーバ", "鯖"]
    /// ```
    pub struct GlossaryConflict {
        code: "T005",
        name: "glossary-conflict",
        severity: Error,
        summary: "用語集の中で、同じ文字列の扱いが食い違っている",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    // Glossaries that apply together: everything of scope "all" with each industry's.
    let mut scopes: Vec<Option<&str>> = vec![None];
    scopes.extend(cx.repo.industries.iter().map(|i| Some(i.id.value.as_str())));
    let mut reported: Vec<(FileId, Range<usize>)> = Vec::new();
    for scope in scopes {
        let glossaries: Vec<_> = cx
            .repo
            .glossaries
            .iter()
            .filter(|g| {
                let s = g.scope.as_ref().map_or("all", |s| s.value.as_str());
                s == "all" || Some(s) == scope
            })
            .collect();
        let mut preferred: HashMap<&str, (FileId, Range<usize>)> = HashMap::new();
        for g in &glossaries {
            for t in &g.terms {
                preferred
                    .entry(t.preferred.value.as_str())
                    .or_insert((g.file, t.preferred.span.clone()));
            }
        }
        let mut variant_of: HashMap<&str, (&str, FileId, Range<usize>)> = HashMap::new();
        for g in &glossaries {
            for t in &g.terms {
                for v in &t.variants {
                    let place = (g.file, v.span.clone());
                    let problem = if v.value == t.preferred.value {
                        Some((
                            "使わない表記に推奨語そのものが入っています".to_string(),
                            None,
                        ))
                    } else if let Some((f, s)) = preferred.get(v.value.as_str()) {
                        Some((
                            format!("「{}」は別の語の推奨語です", v.value),
                            Some((*f, s.clone())),
                        ))
                    } else if let Some((other, f, s)) = variant_of
                        .get(v.value.as_str())
                        .filter(|(p, _, _)| *p != t.preferred.value)
                    {
                        Some((
                            format!("「{}」は「{other}」の使わない表記でもあります", v.value),
                            Some((*f, s.clone())),
                        ))
                    } else {
                        None
                    };
                    variant_of.entry(v.value.as_str()).or_insert((
                        t.preferred.value.as_str(),
                        g.file,
                        v.span.clone(),
                    ));
                    let Some((message, related)) = problem else {
                        continue;
                    };
                    if reported.contains(&place) {
                        continue;
                    }
                    reported.push(place.clone());
                    let mut d = GlossaryConflict::diag(message)
                        .at(place.0, place.1)
                        .with_label("扱いが食い違う")
                        .with_help("一つの文字列は、一つの語の推奨語か使わない表記のどちらか一方にだけ書きます");
                    if let Some((f, s)) = related {
                        d = d.with_related(f, s, "もう一方の定義");
                    }
                    out.push(d);
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::GlossaryConflict;
    use crate::tester::{Base, Tester, at};

    const GLOSSARY: &str = crate::rules::term_variant::tests::GLOSSARY;

    /// Terms that contradict the glossary, and one that contradicts itself.
    const CONFLICTS: &str = r#"
[[term]]
preferred = "サーバ"
variants = ["鯖"]

[[term]]
preferred = "取組"
variants = ["取組"]
"#;

    #[test]
    fn pass() {
        // The glossary of term-variant's tests, free of conflicts.
        Tester::new(&GlossaryConflict::RULE, Base::Empty)
            .file("guidelines/glossary/common.toml", GLOSSARY)
            .pass();
    }

    #[test]
    fn fail() {
        let g = "guidelines/glossary/common.toml";
        let r = Tester::new(&GlossaryConflict::RULE, Base::Empty)
            .file(g, GLOSSARY)
            .append(g, CONFLICTS)
            .fail();
        // 取組 is now someone's preferred term; サーバ too; and 取組 lists itself.
        assert_eq!(r.places(), [at(g, 7, 20), at(g, 12, 13), at(g, 25, 13)]);
    }
}
