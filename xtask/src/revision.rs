//! The 新旧対照表 between two revisions (for `cmd::revision_table`) and the
//! handbook's 改訂履歴 (one page per release tag). The tables are
//! `sc3_review::revision`; this module reads the two revisions with git.

use std::path::Path;

use sc3_review::revision::{self, Table};

use crate::git;

/// The content of `rev`, loaded (not linted: the tables compare content).
fn repo_at(root: &Path, rev: &str) -> Result<sc3_model::Repository, String> {
    let sha = git::commit(root, rev)?;
    let dir = tempfile::tempdir().map_err(|e| format!("一時フォルダーを作れません: {e}"))?;
    git::checkout_content(root, &sha, dir.path())?;
    sc3_model::load(dir.path())
        .map(|l| l.repo)
        .map_err(|e| format!("{rev} の内容を読めません: {e}"))
}

/// The tables from `from` to `to`.
pub fn between(root: &Path, from: &str, to: &str) -> Result<Vec<Table>, String> {
    Ok(revision::tables(&repo_at(root, from)?, &repo_at(root, to)?))
}

/// A revision's name as a file name: characters outside the safe set
/// become `_`.
pub fn file_part(rev: &str) -> String {
    rev.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .collect::<String>()
        .trim_start_matches(['.', '-'])
        .to_owned()
}

/// The handbook's 改訂履歴: an index of the release tags (newest first) and,
/// for each tag after the first, a page with its 新旧対照表 and their XLSX
/// and DOCX. No pages when the root is not a git repository; an index that
/// says so when it has no tags.
pub fn history_pages(root: &Path) -> Vec<sc3_site::ExtraPage> {
    if git::commit(root, "HEAD").is_err() {
        return Vec::new();
    }
    let tags = git::tags(root);
    let part = "改訂履歴".to_owned();
    let mut index = String::from(
        "# 改訂履歴\n\nリリース（git のタグ）ごとに、前のリリースから変わったガイドラインの項目と突合表の対応づけを、新旧対照表（改正後と改正前を並べ、変わったところに傍線を引いた表）にまとめています。\n\n",
    );
    let mut pages = Vec::new();
    if tags.is_empty() {
        index.push_str("（まだリリースのタグがありません）\n");
    }
    for pair in tags.windows(2).rev() {
        let (from, to) = (&pair[0], &pair[1]);
        let tables = match between(root, from, to) {
            Ok(t) => t,
            Err(e) => {
                index.push_str(&format!(
                    "- {}（新旧対照表を作れませんでした: {}）\n",
                    sc3_site::escape::content(to),
                    sc3_site::escape::content(&e)
                ));
                continue;
            }
        };
        let stem = file_part(to);
        let title = format!("新旧対照表（{from} → {to}）");
        let mut files = Vec::new();
        if let (Ok(x), Ok(d)) = (revision::xlsx(&tables), revision::docx(&tables, &title)) {
            files.push((format!("history/{stem}.xlsx"), x));
            files.push((format!("history/{stem}.docx"), d));
        }
        let md = format!(
            "# {}\n\n（傍線部分は改正部分）表計算ソフトやワープロで開く: <a href=\"{stem}.xlsx\">XLSX</a>、<a href=\"{stem}.docx\">DOCX</a>\n\n{}",
            sc3_site::escape::content(&title),
            if tables.is_empty() {
                "このリリースでは、ガイドラインと突合表の内容は変わっていません。\n".to_owned()
            } else {
                revision::markdown(&tables, "##")
            }
        );
        index.push_str(&format!(
            "- <a href=\"history/{stem}.html\">{}</a>（{} 件の表）\n",
            sc3_site::escape::content(to),
            tables.len()
        ));
        pages.push(sc3_site::ExtraPage {
            part: part.clone(),
            depth: 1,
            path: format!("history/{stem}.md"),
            title: format!("{to} の新旧対照表"),
            markdown: md,
            files,
        });
    }
    if let Some(first) = tags.first() {
        index.push_str(&format!(
            "- {}（最初のリリース）\n",
            sc3_site::escape::content(first)
        ));
    }
    let mut out = vec![sc3_site::ExtraPage {
        part,
        depth: 0,
        path: "history.md".into(),
        title: "改訂履歴".into(),
        markdown: index,
        files: Vec::new(),
    }];
    out.extend(pages);
    out
}
