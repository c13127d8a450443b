use sc3_model::Diagnostic;

use super::impl_rule;
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
    /// ```toml
    /// [crosswalk]
    /// source = "assoc@2.0"
    /// target = "base@1.0"
    /// maintainers = ["@new-team"]   # CODEOWNERS には @old-team のまま
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```text
    /// maintainers を変えたら cargo xtask codeowners を実行し、
    /// 書き直された .github/CODEOWNERS も一緒にコミットする
    /// ```
    pub struct CodeownersStale {
        code: "O001",
        name: "codeowners-stale",
        severity: Error,
        summary: ".github/CODEOWNERS が担当者（maintainers）と合っていない",
    }
}

impl_rule!(CodeownersStale);

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let Some(expected) = owners::codeowners(cx.repo) else {
        return;
    };
    let help = "cargo xtask codeowners を実行して .github/CODEOWNERS を作り直し、一緒にコミットしてください";
    match cx.repo.codeowners {
        None => out.push(
            Diagnostic::error(
                CodeownersStale::META.code,
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
                Diagnostic::error(
                    CodeownersStale::META.code,
                    ".github/CODEOWNERS が、内容の maintainers と lint.toml の [owners] から作るものと違います",
                )
                .at(id, start..end.max(start))
                .with_label(format!("ここは「{want}」になるはず"))
                .with_help(help),
            );
        }
    }
}
