use sc3_model::Diagnostic;

use crate::{Context, declare_rule, owners};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// `lint.toml` に `[owners]` があるリポジトリで、`.github/CODEOWNERS` が、
    /// 内容の `maintainers`（カタログ、突合表、業界プロファイル）と `[owners]` から
    /// `cargo xtask codeowners` が書く内容と一致しているかを調べます。
    ///
    /// ## なぜ
    ///
    /// GitHub は CODEOWNERS に書かれた担当者のレビューを、ブランチの保護で
    /// 必須にできます。担当者を変えたのに CODEOWNERS を作り直さないと、
    /// ほかの業界団体がその団体のファイルを、その団体のレビューなしに
    /// 変えられてしまいます。
    ///
    /// ## 悪い例
    ///
    /// 業界プロファイルの担当者を `@new-team` に変えたのに、CODEOWNERS が
    /// `@old-team` のまま:
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
    ///
    /// ```text file=.github/CODEOWNERS
    /// # cargo xtask codeowners が書いたファイルです。手で直さず、内容の maintainers と lint.toml の [owners] を直して作り直してください。
    ///
    /// # 共有の部分（基本のカタログ、テンプレート、プログラム、ワークフロー、取り込んだファイル）
    /// * @core
    ///
    /// # 業界団体のファイル（maintainers）
    /// /guidelines/industries/example-industry.toml @old-team
    /// /mappings/example-assoc@2.0--example-base@1.0.toml @example-association
    /// ```
    ///
    /// ## 良い例
    ///
    /// `cargo xtask codeowners` で作り直し、一緒にコミットする:
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
    ///
    /// ```text file=.github/CODEOWNERS
    /// # cargo xtask codeowners が書いたファイルです。手で直さず、内容の maintainers と lint.toml の [owners] を直して作り直してください。
    ///
    /// # 共有の部分（基本のカタログ、テンプレート、プログラム、ワークフロー、取り込んだファイル）
    /// * @core
    ///
    /// # 業界団体のファイル（maintainers）
    /// /guidelines/industries/example-industry.toml @new-team
    /// /mappings/example-assoc@2.0--example-base@1.0.toml @example-association
    /// ```
    pub struct CodeownersStale {
        code: "O001",
        name: "codeowners-stale",
        severity: Error,
        summary: ".github/CODEOWNERS が担当者（maintainers）と合っていない",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(expected) = owners::codeowners(cx.repo) else {
        return;
    };
    let help = "cargo xtask codeowners を実行して .github/CODEOWNERS を作り直し、一緒にコミットしてください";
    match cx.repo.codeowners {
        None => out.push(
            CodeownersStale::diag(
                "lint.toml に [owners] がありますが、.github/CODEOWNERS がありません",
            )
            .with_help(help),
        ),
        Some(id) => {
            let text = &cx.repo.file(id).text;
            if text.replace("\r\n", "\n") == expected {
                return;
            }
            // Point at the first line that differs.
            let line = text
                .lines()
                .zip(expected.lines())
                .position(|(a, b)| a != b)
                .unwrap_or_else(|| text.lines().count().min(expected.lines().count()));
            let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
            let end = text[start..].find('\n').map_or(text.len(), |p| start + p);
            let want = expected.lines().nth(line).unwrap_or("（この行はない）");
            out.push(
                CodeownersStale::diag(
                    ".github/CODEOWNERS が、内容の maintainers と lint.toml の [owners] から作るものと違います",
                )
                .at(id, start..end.max(start))
                .with_label(format!("ここは「{want}」になるはず"))
                .with_help(help),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::CodeownersStale;
    use crate::tester::{Base, Tester, at};

    const CW: &str = "mappings/assoc@2.0--base@1.0.toml";
    const CATALOG: &str = "guidelines/assoc/2.0.toml";
    const CODEOWNERS: &str = ".github/CODEOWNERS";

    /// The small repository with owners: the association's catalog and
    /// crosswalk maintained by `@assoc-team`, and CODEOWNERS as written by
    /// `cargo xtask codeowners`, crosswalk line given.
    fn owned(crosswalk_line: &str) -> Tester {
        let codeowners = format!(
            "# cargo xtask codeowners が書いたファイルです。手で直さず、内容の maintainers と lint.toml の [owners] を直して作り直してください。\n\n# 共有の部分（基本のカタログ、テンプレート、プログラム、ワークフロー、取り込んだファイル）\n* @core\n\n# 業界団体のファイル（maintainers）\n/guidelines/assoc/2.0.toml @assoc-team\n{crosswalk_line}\n"
        );
        Tester::new(&CodeownersStale::RULE, Base::Small)
            .file(
                "lint.toml",
                "[owners]\nshared = [\"@core\"]\nbase = [\"base\"]\n",
            )
            .edit(
                CATALOG,
                "levels = [\"LV1\", \"LV2\"]\n",
                "levels = [\"LV1\", \"LV2\"]\nmaintainers = [\"@assoc-team\"]\n",
            )
            .edit(
                CW,
                "status = \"draft\"\n",
                "status = \"draft\"\nmaintainers = [\"@assoc-team\"]\n",
            )
            .file(CODEOWNERS, &codeowners)
    }

    #[test]
    fn pass() {
        owned("/mappings/assoc@2.0--base@1.0.toml @assoc-team").pass();
        // Windows line ends are the same file.
        let t = owned("/mappings/assoc@2.0--base@1.0.toml @assoc-team");
        let crlf = t
            .run()
            .repo
            .files
            .iter()
            .find(|f| f.path == CODEOWNERS)
            .unwrap()
            .text
            .replace('\n', "\r\n");
        t.file(CODEOWNERS, &crlf).pass();
    }

    #[test]
    fn fail_points_at_the_first_line_that_differs() {
        let r = owned("/mappings/assoc@2.0--base@1.0.toml @old-team").fail();
        assert_eq!(r.places(), [at(CODEOWNERS, 8, 1)]);
    }

    #[test]
    fn a_missing_line_is_found_at_the_end() {
        let r = owned("")
            .edit(CODEOWNERS, "/guidelines/assoc/2.0.toml @assoc-team\n\n", "")
            .run();
        assert_eq!(r.places(), [at(CODEOWNERS, 7, 1)]);
    }

    #[test]
    fn without_owners_the_rule_is_off() {
        let t = owned("/mappings/assoc@2.0--base@1.0.toml @old-team").file("lint.toml", "");
        assert!(t.run().found().is_empty());
    }

    #[test]
    fn owners_without_codeowners_is_reported() {
        let r = Tester::new(&CodeownersStale::RULE, Base::Empty)
            .file("lint.toml", "[owners]\nshared = [\"@core\"]\n")
            .run();
        assert_eq!(
            r.messages(),
            [(
                0,
                0,
                "lint.toml に [owners] がありますが、.github/CODEOWNERS がありません".to_owned()
            )]
        );
    }
}
