use sc3_model::{Diagnostic, Severity, Status};

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// `status = "published"`（公開）の突合表のファイルに、警告が一つも
    /// 残っていないかを調べます。警告があれば、その数を示すエラーになります。
    ///
    /// ## なぜ
    ///
    /// 作業中（`draft`）や確認中（`review`）の突合表には、未記入の項目や
    /// 理由のない準対応が残っていてもかまいません。しかし公開した突合表は、
    /// 業界向けサンプル規程や加盟企業の判断の根拠になります。公開の時点で、
    /// すべての項目が理由付きで埋まっている必要があります。
    ///
    /// ## 悪い例
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    /// status = "published"
    ///
    /// [[map]]
    /// source = "2"
    /// relation = "partial"
    /// targets = ["kitei-3"]
    /// # 理由がない（M004 の警告）
    /// ```
    ///
    /// ## 良い例
    ///
    /// 警告をすべて直してから `status = "published"` にする。直すまでは
    /// `status = "review"` のままにしておく:
    ///
    /// ```toml file=mappings/example-assoc@2.0--example-base@1.0.toml
    /// [crosswalk]
    /// source = "example-assoc@2.0"
    /// target = "example-base@1.0"
    /// status = "review"
    ///
    /// [[map]]
    /// source = "2"
    /// relation = "partial"
    /// targets = ["kitei-3"]
    /// # 理由がない（M004 の警告）
    /// ```
    pub struct PublishedHasWarnings {
        code: "M007",
        name: "published-has-warnings",
        severity: Error,
        summary: "公開（published）の突合表に警告が残っている",
        check_findings: check,
    }
}

/// Unlike the other rules this one reads the findings of the rules before it:
/// it turns warnings in a published crosswalk into one error for that file.
fn check(cx: &Context<'_>, found: &[Diagnostic], out: &mut Vec<Diagnostic>) {
    for cw in &cx.repo.crosswalks {
        let Some(status) = &cw.status else { continue };
        if status.value != Status::Published {
            continue;
        }
        let warnings: Vec<&Diagnostic> = found
            .iter()
            .filter(|d| d.file == Some(cw.file) && d.severity == Severity::Warning)
            .collect();
        if warnings.is_empty() {
            continue;
        }
        let mut codes: Vec<&str> = warnings.iter().map(|d| d.code).collect();
        codes.sort_unstable();
        codes.dedup();
        out.push(
            PublishedHasWarnings::diag(format!(
                "公開（published）の突合表に警告が {} 件残っています（{}）",
                warnings.len(),
                codes.join(", ")
            ))
            .at(cw.file, status.span.clone())
            .with_label("公開するには警告をなくす")
            .with_help("警告をすべて直すか、直すまでは status = \"review\" にしてください"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::PublishedHasWarnings;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";

    fn published() -> Tester {
        Tester::new(&PublishedHasWarnings::RULE, Base::Small).edit(
            CW,
            "status = \"draft\"",
            "status = \"published\"",
        )
    }

    #[test]
    fn pass() {
        published().pass();
    }

    #[test]
    fn fail() {
        // An entry without its rationale (M004, a warning).
        let r = published()
            .edit(
                CW,
                "rationale = \"一覧は求めるが、重要度の付け方は定めていない\"\n",
                "",
            )
            .fail();
        assert_eq!(r.places(), [at(CW, 5, 10)]);
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.code == "M007" && d.message.contains("M004"))
        );
    }
}
