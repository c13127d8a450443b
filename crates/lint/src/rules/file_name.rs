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
    /// ```markdown file=book/src/javascript:alert(1).md
    /// # はじめに
    /// ```
    ///
    /// ```markdown file=book/src/はじめに.md
    /// # はじめに
    /// ```
    ///
    /// ## 良い例
    ///
    /// ```markdown file=book/src/intro.md
    /// # はじめに
    /// ```
    ///
    /// 突合表なら `mappings/meti-sc@2026--ipa-sme@3.1.toml` のように名付けます。
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
        let mut d = FileName::diag(format!("{path} の「{part}」という名前は使えません: {why}"))
        .with_help("名前を半角の英数字と「-」「_」「.」「@」で付け直してください（例: intro.md、auto-parts.toml）");
        if let Some(id) = file {
            d = d.in_file(id);
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::FileName;
    use crate::tester::{Base, Tester, on_disk};

    const CHAPTER: &str = r#"# はじめに
"#;

    const PASS_INDUSTRY: &str = r#"# 章
"#;

    const FAIL_SPACE: &str = r#"# 章
"#;

    #[test]
    fn pass() {
        Tester::new(&FileName::RULE, Base::Empty)
            .file("book/src/intro.md", CHAPTER)
            .file("book/src/industries/auto-parts.md", PASS_INDUSTRY)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&FileName::RULE, Base::Empty)
            .file("book/src/a b/c.md", FAIL_SPACE)
            .file("book/src/a#b.md", CHAPTER)
            .file("book/src/はじめに.md", CHAPTER)
            .fail();
        let paths: Vec<&str> = r.found().into_iter().map(|d| r.path(d)).collect();
        assert_eq!(
            paths,
            [
                "book/src/a b/c.md",
                "book/src/a#b.md",
                "book/src/はじめに.md"
            ]
        );
    }

    #[test]
    fn names_of_pictures_and_downloads_are_checked_too() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("book/src");
        std::fs::create_dir_all(src.join("図")).unwrap();
        std::fs::write(src.join("intro.md"), "# x\n").unwrap();
        std::fs::write(src.join("図/配置 図.png"), b"\x89PNG").unwrap();
        std::fs::write(src.join("ok.png"), b"\x89PNG").unwrap();
        let r = on_disk(&FileName::RULE, dir.path());
        assert_eq!(
            r.messages().into_iter().map(|m| m.2).collect::<Vec<_>>(),
            [
                "book/src/図/配置 図.png の「図」という名前は使えません: 名前に使えるのは半角の英数字と「-」「_」「.」「@」だけです"
            ]
        );
    }

    #[test]
    fn a_script_url_as_a_chapter_name_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("book/src");
        std::fs::create_dir_all(&src).unwrap();
        std::fs::write(src.join("javascript:alert(1).md"), "# x\n").unwrap();
        let r = on_disk(&FileName::RULE, dir.path());
        assert_eq!(
            r.messages().into_iter().map(|m| m.2).collect::<Vec<_>>(),
            [
                "book/src/javascript:alert(1).md の「javascript:alert(1).md」という名前は使えません: 名前に使えるのは半角の英数字と「-」「_」「.」「@」だけです"
            ]
        );
    }
}
