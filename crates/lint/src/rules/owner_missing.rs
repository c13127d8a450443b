use sc3_model::Diagnostic;

use super::impl_rule;
use crate::{Context, declare_rule, owners};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// `lint.toml` に `[owners]` があるリポジトリで、業界団体のファイル
    /// （基本のカタログでも取り込んだものでもないカタログ、突合表、業界
    /// プロファイル）が `maintainers`（担当者）を書いているかを調べます。
    /// 業界の用語集は、その業界プロファイルの担当者のものです。
    ///
    /// ## なぜ
    ///
    /// 担当者は CODEOWNERS になり、そのファイルを変えるプルリクエストには
    /// 担当者のレビューが要るようになります。担当者のいないファイルは、
    /// どの業界団体でも変えられてしまいます。
    ///
    /// ## 悪い例
    ///
    /// ```toml
    /// [industry]
    /// id = "printing"
    /// name = "印刷業"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml
    /// [industry]
    /// id = "printing"
    /// name = "印刷業"
    /// maintainers = ["@printing-association"]
    /// ```
    pub struct OwnerMissing {
        code: "O002",
        name: "owner-missing",
        severity: Error,
        summary: "業界団体のファイルに担当者（maintainers）がない",
    }
}

impl_rule!(OwnerMissing);

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(config) = &cx.repo.config.owners else {
        return;
    };
    for o in owners::unowned(cx.repo, config) {
        let (message, help) = if o.kind == "業界の用語集" {
            (
                format!("{} の業界に担当者（maintainers）がいません", o.path),
                "業界プロファイル（guidelines/industries/）に maintainers = [\"@団体のチーム\"] を書いてください".to_owned(),
            )
        } else {
            (
                format!("{}「{}」に担当者（maintainers）がありません", o.kind, o.path),
                "maintainers = [\"@団体のチーム\"] のように、このファイルを管理する GitHub のユーザー名かチーム名を書いてください".to_owned(),
            )
        };
        out.push(
            Diagnostic::error(OwnerMissing::META.code, message)
                .at(o.file, o.span.clone())
                .with_label("担当者のいないファイル")
                .with_help(help),
        );
    }
}
