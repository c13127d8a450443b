use sc3_model::{Diagnostic, Strm};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// `strm`（NIST IR 8477 の集合論的な関係）を書いた場合に、それが
    /// `relation` と合っているかを調べます。
    ///
    /// | relation | 使える strm |
    /// | --- | --- |
    /// | `covered`（対応） | `equal-to`、`equivalent-to`、`superset-of` |
    /// | `partial`（準対応） | `subset-of`、`intersects-with` |
    /// | `none`（非対応） | `no-relationship` |
    ///
    /// ## なぜ
    ///
    /// `strm` は OSCAL などの国際的な形式に書き出すときの関係になります。
    /// 「対応」としながら `subset-of`（突合先が要求の一部しか満たさない）と
    /// 書くと、国内向けの表と国外向けの表で結論が食い違います。
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
    /// strm = "subset-of"
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
    /// targets = ["kitei-1"]
    /// strm = "superset-of"
    /// ```
    pub struct StrmMismatch {
        code: "M005",
        name: "strm-mismatch",
        severity: Error,
        summary: "strm が relation と合っていない",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for cw in &cx.repo.crosswalks {
        for m in &cw.maps {
            let (Some(rel), Some(strm)) = (&m.relation, &m.strm) else {
                continue;
            };
            if strm.value.relation() == rel.value {
                continue;
            }
            let fitting: Vec<_> = Strm::NAMES
                .iter()
                .filter(|n| Strm::parse(n).is_some_and(|s| s.relation() == rel.value))
                .map(|n| format!("\"{n}\""))
                .collect();
            out.push(
                StrmMismatch::diag(format!(
                    "strm「{}」は {}（{}）を意味しますが、relation は {}（{}）です",
                    strm.value.as_str(),
                    strm.value.relation().as_str(),
                    strm.value.relation().japanese(),
                    rel.value.as_str(),
                    rel.value.japanese()
                ))
                .at(cw.file, strm.span.clone())
                .with_label("relation と合わない")
                .with_related(cw.file, rel.span.clone(), "relation")
                .with_help(format!(
                    "relation = \"{}\" に合う strm: {}",
                    rel.value.as_str(),
                    fitting.join("、")
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::StrmMismatch;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    #[test]
    fn pass() {
        Tester::new(&StrmMismatch::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&StrmMismatch::RULE, Base::Small)
            .edit(CW, "strm = \"equal-to\"", "strm = \"subset-of\"")
            .fail();
        assert_eq!(r.places(), [at(CW, 11, 8)]);
    }
}
