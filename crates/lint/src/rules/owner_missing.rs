use sc3_model::Diagnostic;

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
    /// ```toml file=lint.toml
    /// [owners]
    /// shared = ["@core"]
    /// base = ["example-base"]
    /// ```
    ///
    /// ```toml file=guidelines/industries/example-industry.toml
    /// [industry]
    /// id = "example-industry"
    /// name = "例示業"
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```toml file=lint.toml
    /// [owners]
    /// shared = ["@core"]
    /// base = ["example-base"]
    /// ```
    ///
    /// ```toml file=guidelines/industries/example-industry.toml
    /// [industry]
    /// id = "example-industry"
    /// name = "例示業"
    /// maintainers = ["@new-team"]
    /// ```
    pub struct OwnerMissing {
        code: "O002",
        name: "owner-missing",
        severity: Error,
        summary: "業界団体のファイルに担当者（maintainers）がない",
        check: check,
    }
}

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
            OwnerMissing::diag(message)
                .at(o.file, o.span.clone())
                .with_label("担当者のいないファイル")
                .with_help(help),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::OwnerMissing;
    use crate::tester::{Base, Tester};

    const PRINTING: &str = "guidelines/industries/printing.toml";
    const OWNERS: &str = "[owners]\nshared = [\"@core\"]\nbase = [\"base\"]\n";

    fn printing(extra: &str) -> Tester {
        Tester::new(&OwnerMissing::RULE, Base::Empty)
            .file("lint.toml", OWNERS)
            .file(
                PRINTING,
                &format!("[industry]\nid = \"printing\"\nname = \"印刷業\"\n{extra}"),
            )
    }

    #[test]
    fn pass() {
        let codeowners = format!(
            "{}\n\n# 共有の部分（基本のカタログ、テンプレート、プログラム、ワークフロー、取り込んだファイル）\n* @core\n\n# 業界団体のファイル（maintainers）\n/{PRINTING} @printing-association\n",
            crate::owners::HEADER
        );
        printing("maintainers = [\"@printing-association\"]\n")
            .file(".github/CODEOWNERS", &codeowners)
            .pass();
        // Without [owners] nobody is asked for.
        printing("").file("lint.toml", "").pass();
    }

    #[test]
    fn fail() {
        let r = printing("").fail();
        assert_eq!(
            r.messages(),
            [(
                1,
                1,
                "業界プロファイル「guidelines/industries/printing.toml」に担当者（maintainers）がありません".to_owned()
            )]
        );
    }

    #[test]
    fn every_association_file_needs_one_but_the_base_does_not() {
        let r = Tester::new(&OwnerMissing::RULE, Base::Small)
            .file("lint.toml", OWNERS)
            .run();
        let mut paths: Vec<&str> = r.found().into_iter().map(|d| r.path(d)).collect();
        paths.sort();
        assert_eq!(
            paths,
            [
                "guidelines/assoc/2.0.toml",
                "mappings/assoc@2.0--base@1.0.toml"
            ]
        );
    }
}
