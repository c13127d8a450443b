//! The repository a command works on: where it is (`--root`), loading it,
//! linting it, and building its handbook with the 改訂履歴 and the rule
//! reference.

use std::path::{Path, PathBuf};

use crate::outcome::Error;

// `--root DIR`, shared by the commands that work on a repository. (A plain
// comment: a doc comment here would become the about of the commands.)
#[derive(clap::Args)]
pub struct RootArg {
    /// 対象のリポジトリ（既定: このリポジトリ）
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

impl RootArg {
    /// The root, or a usage error when it is not a directory.
    pub fn resolve(self) -> Result<PathBuf, Error> {
        let root = self.root.unwrap_or_else(default_root);
        if !root.is_dir() {
            return Err(Error::usage(format!(
                "--root {}: フォルダではありません",
                root.display()
            )));
        }
        Ok(root)
    }
}

/// The repository this xtask belongs to.
pub fn default_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a subdirectory of the repository")
        .to_path_buf()
}

/// The repository at `root`, or a usage error (exit 2) when it cannot be read.
pub fn load(root: &Path) -> Result<sc3_model::Loaded, Error> {
    sc3_model::load(root).map_err(|e| Error::usage(format!("{} を読めません: {e}", root.display())))
}

/// The repository at `root`, linted.
pub fn lint(root: &Path) -> Result<sc3_lint::Report, Error> {
    load(root).map(sc3_lint::lint)
}

/// The pages the book gets from outside the content: the 改訂履歴 (from the
/// repository's git tags, when it is a git repository) and the rule reference.
pub fn extra_pages(root: &Path) -> Vec<sc3_site::ExtraPage> {
    let mut pages = crate::revision::history_pages(root);
    pages.push(sc3_site::ExtraPage {
        part: "リファレンス".into(),
        depth: 0,
        files: Vec::new(),
        path: "reference/rules.md".into(),
        title: "検査ルール一覧".into(),
        markdown: sc3_lint::docs::reference_page(),
    });
    pages
}

/// Builds the handbook of `repo` into `out`, with the rule reference and
/// the edition kits without their PDF (`serve`, `dev browser-test`: quick
/// rebuilds; `cargo xtask book` prints the PDFs).
pub fn build_book(
    repo: &sc3_model::Repository,
    out: &Path,
) -> Result<sc3_site::BuildSummary, String> {
    sc3_site::build_with_kits(
        repo,
        out,
        &extra_pages(&repo.root),
        &crate::kit::release(&repo.root),
        Err("PDF を作らない設定でハンドブックを作りました（cargo xtask book は PDF を作ります）"),
    )
    .map(|(summary, _)| summary)
    .map_err(|e| e.to_string())
}
