//! `cargo xtask diff [BASE] [HEAD]`: what a change does to the content,
//! between two git revisions (by default the merge base with the default
//! branch, and the work tree). The comparison itself is `sc3_review`.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use clap::ValueEnum;

use crate::git;

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// Text for the terminal.
    Human,
    /// Markdown for a pull request (job summary, comment).
    Markdown,
    /// The change as JSON (documented in docs/diff.md).
    Json,
}

/// One side of the comparison, loaded and linted.
fn side(
    root: &Path,
    rev: Option<&str>,
) -> Result<(sc3_lint::Report, Option<tempfile::TempDir>), String> {
    match rev {
        None => {
            let loaded = sc3_model::load(root)
                .map_err(|e| format!("{} を読めません: {e}", root.display()))?;
            Ok((sc3_lint::lint(loaded), None))
        }
        Some(rev) => {
            let sha = git::commit(root, rev)?;
            let dir =
                tempfile::tempdir().map_err(|e| format!("一時フォルダーを作れません: {e}"))?;
            git::checkout_content(root, &sha, dir.path())?;
            let loaded = sc3_model::load(dir.path())
                .map_err(|e| format!("{rev} の内容を読めません: {e}"))?;
            Ok((sc3_lint::lint(loaded), Some(dir)))
        }
    }
}

/// The base revision: the one given, or the merge base of HEAD with the
/// default branch.
fn base(root: &Path, given: Option<&str>) -> Result<String, String> {
    if let Some(b) = given {
        return git::commit(root, b);
    }
    let branch = git::default_branch(root).ok_or_else(|| {
        "比べる基準（BASE）が決まりません: 既定のブランチ（origin/HEAD、main）がこのクローンにありません。BASE を指定するか、git fetch origin main を実行してください".to_owned()
    })?;
    let head = git::commit(root, "HEAD")?;
    git::merge_base(root, &branch, &head)
}

pub fn run(
    root: &Path,
    base_rev: Option<&str>,
    head_rev: Option<&str>,
    format: DiffFormat,
) -> ExitCode {
    let result = base(root, base_rev).and_then(|b| {
        let (before, _keep_b) = side(root, Some(&b))?;
        let (after, _keep_a) = side(root, head_rev)?;
        let change = sc3_review::diff(
            sc3_review::Side {
                repo: &before.repo,
                diagnostics: &before.diagnostics,
            },
            sc3_review::Side {
                repo: &after.repo,
                diagnostics: &after.diagnostics,
            },
        );
        Ok(match format {
            DiffFormat::Human => sc3_review::render::human(&change),
            DiffFormat::Markdown => sc3_review::render::markdown(&change),
            DiffFormat::Json => {
                let mut s = serde_json::to_string_pretty(&change).expect("a change serializes");
                s.push('\n');
                s
            }
        })
    });
    match result {
        Ok(text) => {
            let _ = std::io::stdout().lock().write_all(text.as_bytes());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
