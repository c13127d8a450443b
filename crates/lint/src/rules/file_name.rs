use sc3_model::Diagnostic;
use sc3_model::names::file_name_problem;

use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 内容のファイルとフォルダー（`guidelines/`、`mappings/`、`book/`）の名前が、
    /// 半角の英数字と `-` `_` `.` `@` だけでできているかを調べます。
    /// `.` や `-` で始まる名前、100 文字を超える名前も報告します。
    ///
    /// ## なぜ
    ///
    /// ファイル名はハンドブックのページのアドレスになります。
    /// `javascript:…` という名前の章は、目次や検索結果のリンクから
    /// プログラムを動かします。空白、`#`、`?`、`%` はアドレスの意味を変え、
    /// 日本語の名前はコンピューターによって綴りが変わり、リンクが切れます。
    ///
    /// ## 悪い例
    ///
    /// ```text
    /// book/src/javascript:alert(1).md
    /// book/src/はじめに.md
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```text
    /// book/src/intro.md
    /// mappings/meti-sc@2026--ipa-sme@3.1.toml
    /// ```
    pub struct FileName {
        code: "S005",
        name: "file-name",
        severity: Error,
        summary: "ファイルやフォルダーの名前に使えない文字がある",
        check: check,
    }
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let content = cx
        .repo
        .files
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_str(), Some(sc3_model::FileId(i))));
    let others = cx.repo.other_files.iter().map(|p| (p.as_str(), None));
    for (path, file) in content.chain(others) {
        // The first part is the content folder itself (or lint.toml).
        let Some((part, why)) = path
            .split('/')
            .skip(1)
            .find_map(|part| file_name_problem(part).map(|why| (part, why)))
        else {
            continue;
        };
        let mut d = FileName::diag(format!("{path} の「{part}」という名前は使えません: {why}"),
        )
        .with_help("名前を半角の英数字と「-」「_」「.」「@」で付け直してください（例: intro.md、auto-parts.toml）");
        if let Some(id) = file {
            d = d.in_file(id);
        }
        out.push(d);
    }
}
