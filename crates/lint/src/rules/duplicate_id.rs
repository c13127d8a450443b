use std::collections::HashMap;

use sc3_model::{Diagnostic, FileId, Spanned};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 同じ識別子が二度定義されていないかを調べます。対象は、ガイドラインの版
    /// （`id@version`）、一つのカタログの中の項目（`[[item]]`）とグループ
    /// （`[[group]]`）、業界プロファイル、その中の業界固有の情報取扱い
    /// （`[[handling]]`）と対策（`[[measure]]`）、用語集とその中の推奨語、
    /// そして同じ組み合わせ（突合元と突合先）の突合表です。一つのカタログの中で
    /// 大文字・小文字だけが違う項目やグループの識別子（`A.5.1` と `a.5.1`）も
    /// 報告します。
    ///
    /// ## なぜ
    ///
    /// 参照（`ipa-sme@3.1:diag-05` など）は識別子で相手を探します。同じ識別子が
    /// 二つあると、どちらを指すのかが決まらず、突合表の集計も二重になります。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=guidelines/ipa-sme/3.1.toml
    /// [guideline]
    /// id = "ipa-sme"
    /// version = "3.1"
    /// title = "中小企業の情報セキュリティ対策ガイドライン"
    ///
    /// [[item]]
    /// id = "diag-05"
    /// title = "新しい脅威や攻撃の手口を知る"
    ///
    /// [[item]]
    /// id = "diag-05"   # 二度目
    /// title = "電子メールの添付ファイルに注意する"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=guidelines/ipa-sme/3.1.toml
    /// [guideline]
    /// id = "ipa-sme"
    /// version = "3.1"
    /// title = "中小企業の情報セキュリティ対策ガイドライン"
    ///
    /// [[item]]
    /// id = "diag-05"
    /// title = "新しい脅威や攻撃の手口を知る"
    ///
    /// [[item]]
    /// id = "diag-06"
    /// title = "電子メールの添付ファイルに注意する"
    /// ```
    pub struct DuplicateId {
        code: "R001",
        name: "duplicate-id",
        severity: Error,
        summary: "同じ識別子が二度定義されている",
        check: check,
    }
}

/// Reports every occurrence of a key after the first.
fn report<'a>(
    what: &str,
    entries: impl IntoIterator<Item = (FileId, &'a str, std::ops::Range<usize>)>,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<&str, (FileId, std::ops::Range<usize>)> = HashMap::new();
    for (file, key, span) in entries {
        if key.is_empty() {
            continue;
        }
        match first.get(key) {
            Some((f0, s0)) => out.push(
                DuplicateId::diag(format!("{what}「{key}」が二度定義されています"))
                .at(file, span)
                .with_label("二度目の定義")
                .with_related(*f0, s0.clone(), "最初の定義")
                .with_help(
                    "識別子は一つにつき一か所で定義します。別のものなら別の識別子を付けてください",
                ),
            ),
            None => {
                first.insert(key, (file, span));
            }
        }
    }
}

/// Two different ids of one catalog that differ only in case (`A.5.1` and
/// `a.5.1`): a reference to one could be meant for the other.
fn case_only<'a>(
    what: &str,
    file: FileId,
    ids: impl Iterator<Item = &'a Spanned<String>>,
    out: &mut Vec<Diagnostic>,
) {
    let mut first: HashMap<String, &Spanned<String>> = HashMap::new();
    for id in ids {
        match first.get(&id.value.to_lowercase()) {
            Some(f) if f.value != id.value => out.push(
                DuplicateId::diag(format!(
                        "{what}「{}」と「{}」は大文字・小文字だけが違います",
                        f.value, id.value
                    ),
                )
                .at(file, id.span.clone())
                .with_label("大文字・小文字だけが違う識別子")
                .with_related(file, f.span.clone(), "こちらと紛らわしい")
                .with_help("同じ項目なら一つにまとめ、別の項目なら発行者の番号どおりに区別できる識別子にしてください"),
            ),
            Some(_) => {}
            None => {
                first.insert(id.value.to_lowercase(), id);
            }
        }
    }
}

fn local<'a>(
    file: FileId,
    ids: impl Iterator<Item = &'a Spanned<String>>,
) -> impl Iterator<Item = (FileId, &'a str, std::ops::Range<usize>)> {
    ids.map(move |s| (file, s.value.as_str(), s.span.clone()))
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let repo = cx.repo;
    let keys: Vec<String> = repo.guidelines.iter().map(|g| g.key()).collect();
    report(
        "ガイドラインの版",
        repo.guidelines
            .iter()
            .zip(&keys)
            .filter(|(g, _)| !g.id.value.is_empty() && !g.version.value.is_empty())
            .map(|(g, k)| (g.file, k.as_str(), g.id.span.clone())),
        out,
    );
    for g in &repo.guidelines {
        report("項目", local(g.file, g.items.iter().map(|i| &i.id)), out);
        report(
            "グループ",
            local(g.file, g.groups.iter().map(|i| &i.id)),
            out,
        );
        case_only("項目", g.file, g.items.iter().map(|i| &i.id), out);
        case_only("グループ", g.file, g.groups.iter().map(|i| &i.id), out);
    }
    report(
        "業界",
        repo.industries
            .iter()
            .map(|i| (i.file, i.id.value.as_str(), i.id.span.clone())),
        out,
    );
    for i in &repo.industries {
        report(
            "業界固有の情報取扱い",
            local(i.file, i.handling.iter().map(|h| &h.id)),
            out,
        );
        report(
            "業界固有の対策",
            local(i.file, i.measures.iter().map(|m| &m.id)),
            out,
        );
    }
    report(
        "用語集",
        repo.glossaries
            .iter()
            .map(|g| (g.file, g.id.value.as_str(), g.id.span.clone())),
        out,
    );
    for g in &repo.glossaries {
        report(
            "推奨語",
            local(g.file, g.terms.iter().map(|t| &t.preferred)),
            out,
        );
    }
    let pairs: Vec<String> = repo.crosswalks.iter().map(|c| c.key()).collect();
    report(
        "突合表",
        repo.crosswalks
            .iter()
            .zip(&pairs)
            .filter(|(c, _)| !c.source.value.is_empty() && !c.target.value.is_empty())
            .map(|(c, k)| (c.file, k.as_str(), c.span.clone())),
        out,
    );
}

#[cfg(test)]
mod tests {
    use super::DuplicateId;
    use crate::tester::{Base, Tester, at};

    #[test]
    fn pass() {
        Tester::new(&DuplicateId::RULE, Base::Small).pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&DuplicateId::RULE, Base::Small)
            .append(
                "guidelines/base/1.0.toml",
                r#"
[[item]]
id = "kitei-2"
group = "kitei"
title = "教育の記録を残す"
"#,
            )
            .fail();
        assert_eq!(r.places(), [at("guidelines/base/1.0.toml", 26, 6)]);
        assert_eq!(r.found()[0].related.len(), 1);
    }
}
