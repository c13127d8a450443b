//! `cargo xtask codeowners`: `.github/CODEOWNERS` from the maintainers of
//! the content and `[owners]` in `lint.toml` (`sc3_lint::owners`); O001
//! checks that the committed file is this one.

use crate::files;
use crate::outcome::{Error, Outcome};
use crate::repo::{self, RootArg};

/// 内容の担当者（maintainers）と lint.toml の [owners] から .github/CODEOWNERS を書きます
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let repo = repo::load(&root)?.repo;
    let text = sc3_lint::owners::codeowners(&repo).ok_or_else(|| {
        Error::usage(
            "lint.toml に [owners] がありません。[owners] に shared（共有の部分の担当者）を書いてください",
        )
    })?;
    files::write_inside(&root, sc3_model::load::CODEOWNERS, text.as_bytes())?;
    println!("{} を書きました", sc3_model::load::CODEOWNERS);
    let unowned = repo
        .config
        .owners
        .as_ref()
        .map_or(0, |o| sc3_lint::owners::unowned(&repo, o).len());
    if unowned > 0 {
        crate::outcome::warning_line(&format!(
            "担当者（maintainers）のないファイルが {unowned} 件あります（cargo xtask lint の O002）"
        ));
    }
    Ok(Outcome::Clean)
}
