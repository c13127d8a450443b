use sc3_model::{Diagnostic, FileId, Guideline, GuidelineRef, ItemRef, MeasureRef, Spanned};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 参照している相手が実在するかを調べます。
    ///
    /// - ガイドラインの版: 業界プロファイルの `base` と `guidelines`、突合表の
    ///   `source` と `target`。
    /// - 項目: `[[map]]` の `source`（突合元の項目）と `targets`（突合先の項目）、
    ///   業界固有の情報取扱いと対策の `relates`。突合表の `targets` は突合先の
    ///   ガイドラインの項目でなければなりません。
    /// - グループ: 項目の `group`、グループの `parent`。
    /// - レベル: 項目の `level` と突合表の `scope.levels` は、そのガイドラインの
    ///   `levels` にあるもの。
    /// - 業界固有の対策: `[[map]]` の `measure`（`industry:measure`）、用語集の `scope`。
    ///
    /// `supersedes` は旧版がリポジトリにない場合もあるため、ここでは調べません。
    ///
    /// ## なぜ
    ///
    /// 存在しない項目を指す突合は、読み手には正しく見えても中身がありません。
    /// 版の書き間違い（`ipa-sme@3.0` と `ipa-sme@3.1`）はとくに気づきにくい誤りです。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@0.9.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@0.9"   # リポジトリにあるのは 1.0
    ///
    /// [[map]]
    /// source = "1"
    /// relation = "covered"
    /// targets = ["kitei-99"]        # 存在しない章
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
    /// ```
    pub struct UnknownReference {
        code: "R003",
        name: "unknown-reference",
        severity: Error,
        summary: "参照先（版・項目・グループ・レベル・対策）が存在しない",
        check: check,
    }
}

fn closest<'a>(word: &str, candidates: impl Iterator<Item = &'a str>) -> Option<&'a str> {
    candidates
        .map(|c| (strsim::jaro_winkler(word, c), c))
        .filter(|(s, _)| *s >= 0.75)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn unknown(file: FileId, s: &Spanned<String>, message: String, help: String) -> Diagnostic {
    UnknownReference::diag(message)
        .at(file, s.span.clone())
        .with_label("見つからない")
        .with_help(help)
}

/// Checks a well-formed `id@version`; returns the guideline when it exists.
fn guideline<'r>(
    cx: &Context<'r>,
    file: FileId,
    s: &Spanned<String>,
    out: &mut Vec<Diagnostic>,
) -> Option<&'r Guideline> {
    let r = GuidelineRef::parse(&s.value).ok()?;
    if let Some(g) = cx.index.guideline(&r) {
        return Some(g);
    }
    let versions = cx.index.versions_of(&r.id);
    let help = if !versions.is_empty() {
        format!("リポジトリにある「{}」の版: {}", r.id, versions.join(", "))
    } else {
        let keys = cx.index.guideline_keys();
        match closest(&r.to_string(), keys.iter().map(String::as_str)) {
            Some(k) => format!("「{k}」のことですか？ ガイドラインは guidelines/<id>/<version>.toml に置きます"),
            None => "ガイドラインは guidelines/<id>/<version>.toml に置きます。まだなければ、そのカタログを追加してください".into(),
        }
    };
    out.push(unknown(
        file,
        s,
        format!("ガイドライン「{}」はリポジトリにありません", s.value),
        help,
    ));
    None
}

/// Checks that item `r` exists in `g`.
fn item(g: &Guideline, r: &ItemRef, file: FileId, s: &Spanned<String>, out: &mut Vec<Diagnostic>) {
    if g.item(&r.item).is_some() {
        return;
    }
    let help = match closest(&r.item, g.items.iter().map(|i| i.id.value.as_str())) {
        Some(c) => format!("「{c}」のことですか？"),
        None => format!("{} の項目の識別子を指定してください", g.key()),
    };
    out.push(unknown(
        file,
        s,
        format!("項目「{}」は {} にありません", r.item, g.key()),
        help,
    ));
}

fn check_guideline(g: &Guideline, out: &mut Vec<Diagnostic>) {
    let levels: Vec<&str> = g.levels.iter().map(|l| l.value.as_str()).collect();
    let group_ids = || g.groups.iter().map(|x| x.id.value.as_str());
    let group_ref = |s: &Spanned<String>, out: &mut Vec<Diagnostic>| {
        if g.group(&s.value).is_none() {
            let help = match closest(&s.value, group_ids()) {
                Some(c) => format!("「{c}」のことですか？"),
                None => "[[group]] でグループを定義してから参照してください".into(),
            };
            out.push(unknown(
                g.file,
                s,
                format!("グループ「{}」は {} にありません", s.value, g.key()),
                help,
            ));
        }
    };
    for gr in &g.groups {
        if let Some(p) = &gr.parent {
            group_ref(p, out);
        }
    }
    for it in &g.items {
        if let Some(p) = &it.group {
            group_ref(p, out);
        }
        if let Some(l) = &it.level
            && !levels.contains(&l.value.as_str())
        {
            let help = if levels.is_empty() {
                "[guideline] の levels にレベルを並べるか、level を消してください".to_string()
            } else {
                format!("使えるレベル: {}", levels.join(", "))
            };
            out.push(unknown(
                g.file,
                l,
                format!("レベル「{}」は {} の levels にありません", l.value, g.key()),
                help,
            ));
        }
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = cx.repo;
    for g in &repo.guidelines {
        check_guideline(g, out);
    }
    for ind in &repo.industries {
        for r in ind.base.iter().chain(&ind.guidelines) {
            guideline(cx, ind.file, r, out);
        }
        for p in ind.handling.iter().chain(&ind.measures) {
            for rel in &p.relates {
                if let Ok(r) = ItemRef::parse(&rel.value) {
                    let gs = Spanned::new(r.guideline.to_string(), rel.span.clone());
                    if let Some(g) = guideline(cx, ind.file, &gs, out) {
                        item(g, &r, ind.file, rel, out);
                    }
                }
            }
        }
    }
    for gl in &repo.glossaries {
        if let Some(s) = &gl.scope
            && s.value != "all"
            && cx.index.industry(&s.value).is_none()
        {
            out.push(unknown(
                gl.file,
                s,
                format!("用語集の scope「{}」という業界はありません", s.value),
                "scope には \"all\" か、guidelines/industries/ にある業界の id を書きます".into(),
            ));
        }
    }
    for cw in &repo.crosswalks {
        let src = guideline(cx, cw.file, &cw.source, out);
        let tgt = guideline(cx, cw.file, &cw.target, out);
        if let (Some(src), Some(scope)) = (src, &cw.scope) {
            let levels: Vec<&str> = src.levels.iter().map(|l| l.value.as_str()).collect();
            for l in &scope.levels {
                if !levels.contains(&l.value.as_str()) {
                    out.push(unknown(
                        cw.file,
                        l,
                        format!(
                            "レベル「{}」は {} の levels にありません",
                            l.value,
                            src.key()
                        ),
                        format!(
                            "使えるレベル: {}",
                            if levels.is_empty() {
                                "（なし）".to_string()
                            } else {
                                levels.join(", ")
                            }
                        ),
                    ));
                }
            }
        }
        for m in &cw.maps {
            if let (Some(src), Some(r)) = (src, cx.entry_source(cw, m)) {
                if r.guideline.to_string() != src.key() {
                    out.push(unknown(
                        cw.file,
                        &m.source,
                        format!(
                            "「{}」は突合元 {} の項目ではありません",
                            m.source.value,
                            src.key()
                        ),
                        "source には突合元の項目の識別子だけを書きます".into(),
                    ));
                } else {
                    item(src, &r, cw.file, &m.source, out);
                }
            }
            for t in &m.targets {
                if let (Some(tgt), Some(r)) = (tgt, cx.entry_target(cw, t)) {
                    if r.guideline.to_string() != tgt.key() {
                        out.push(unknown(
                            cw.file,
                            t,
                            format!("「{}」は突合先 {} の項目ではありません", t.value, tgt.key()),
                            "targets には突合先の項目の識別子だけを書きます".into(),
                        ));
                    } else {
                        item(tgt, &r, cw.file, t, out);
                    }
                }
            }
            if let Some(ms) = &m.measure
                && let Ok(r) = MeasureRef::parse(&ms.value)
            {
                match cx.index.industry(&r.industry) {
                    None => out.push(unknown(
                        cw.file,
                        ms,
                        format!("業界「{}」はリポジトリにありません", r.industry),
                        "業界プロファイルは guidelines/industries/<id>.toml に置きます".into(),
                    )),
                    Some(ind) if !ind.measures.iter().any(|x| x.id.value == r.measure) => {
                        let help = match closest(
                            &r.measure,
                            ind.measures.iter().map(|x| x.id.value.as_str()),
                        ) {
                            Some(c) => format!("「{}:{c}」のことですか？", r.industry),
                            None => {
                                format!("{} の [[measure]] に対策を追加してください", r.industry)
                            }
                        };
                        out.push(unknown(
                            cw.file,
                            ms,
                            format!("業界「{}」に対策「{}」はありません", r.industry, r.measure),
                            help,
                        ));
                    }
                    Some(_) => {}
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::UnknownReference;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    #[test]
    fn pass() {
        Tester::new(&UnknownReference::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&UnknownReference::RULE, Base::Small)
            .edit(
                "guidelines/assoc/2.0.toml",
                "level = \"LV2\"",
                "level = \"LV3\"",
            )
            .edit(CW, "[\"kitei-1\"]", "[\"kitei-4\"]")
            .append(
                CW,
                r#"
[[map]]
source = "7"
relation = "none"
rationale = "該当なし"
"#,
            )
            .fail();
        assert_eq!(
            r.places(),
            [
                at("guidelines/assoc/2.0.toml", 20, 9),
                at(CW, 10, 12),
                at(CW, 21, 10)
            ]
        );
        let helps: Vec<_> = r
            .diagnostics
            .iter()
            .filter_map(|d| d.help.as_deref())
            .collect();
        assert!(helps.iter().any(|h| h.contains("LV1, LV2")), "{helps:?}");
    }
}
