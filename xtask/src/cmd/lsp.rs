//! `cargo xtask lsp`: the language server (`sc3_lsp`) over stdin and
//! stdout, for editors. Nothing else may write to stdout meanwhile: it
//! carries the protocol.

use crate::outcome::{Error, Outcome};
use crate::repo::RootArg;

/// エディター向けの言語サーバー（LSP）を標準入出力で動かします。VS Code・Neovim・Helix などから起動します
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    sc3_lsp::stdio(&root).map_err(|e| Error::failed(format!("言語サーバーが止まりました: {e}")))?;
    Ok(Outcome::Clean)
}
