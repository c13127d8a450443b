//! `cargo xtask diff [BASE] [HEAD]`: what a change does to the content,
//! between two git revisions (by default the merge base with the default
//! branch, and the work tree). The comparison itself is `sc3_review`.

use crate::files;
use std::path::Path;

use clap::ValueEnum;

use crate::git;
use crate::outcome::{Error, Outcome};
use crate::repo::RootArg;

/// 2つの版（git のリビジョン）のあいだで、内容の変更が何をするかを示します
///
/// カタログ、突合表（前後の対応率）、用語集、業界プロファイル、検査の結果の変わったところを示します。BASE の既定は既定のブランチとの分岐点、HEAD の既定は作業中のフォルダです。
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 比べる元の版（既定: 既定のブランチとの分岐点）
    base: Option<String>,
    /// 比べる先の版（既定: 作業中のフォルダ）
    head: Option<String>,
    /// 出力の形
    #[arg(long, value_enum, default_value_t = DiffFormat::Human)]
    format: DiffFormat,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// 端末で読む文
    Human,
    /// プルリクエストに載せる Markdown（ジョブの要約、コメント）
    Markdown,
    /// 変更の JSON（docs/diff.md に説明があります）
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

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let text = compare(&root, a.base.as_deref(), a.head.as_deref(), a.format)
        // A revision git does not know, or no default branch: the
        // arguments cannot work.
        .map_err(Error::usage)?;
    match a.format {
        DiffFormat::Json => files::stdout_data(text.as_bytes()),
        DiffFormat::Human | DiffFormat::Markdown => files::stdout(&text),
    }
    Ok(Outcome::Clean)
}

/// The change from `base_rev` to `head_rev`, rendered in `format`.
fn compare(
    root: &Path,
    base_rev: Option<&str>,
    head_rev: Option<&str>,
    format: DiffFormat,
) -> Result<String, String> {
    base(root, base_rev).and_then(|b| {
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
    })
}
