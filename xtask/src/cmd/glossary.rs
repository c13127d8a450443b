//! `cargo xtask glossary import-prh`: a prh dictionary (with its imports)
//! converted into a `[glossary]` file (`sc3_model::prh_convert`).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::files;
use crate::outcome::{Error, Outcome};

/// 用語集の道具
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    ImportPrh(ImportPrhArgs),
}

/// prh の辞書（textlint-rule-prh の prh.yml）を用語集（[glossary]）のファイルに変換します
#[derive(clap::Args)]
struct ImportPrhArgs {
    /// prh の辞書（imports もたどります）
    file: PathBuf,
    /// 用語集の書き先（既定: 標準出力）
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// 用語集の id（既定: 拡張子を除いたファイル名）
    #[arg(long)]
    id: Option<String>,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    match a.command {
        Command::ImportPrh(a) => import_prh(&a.file, a.out.as_deref(), a.id),
    }
}

/// The glossary id made from a file name: lower case, characters outside
/// `[a-z0-9._-]` replaced by `-`, no leading or trailing punctuation.
fn id_from_file(file: &Path) -> String {
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let cleaned: String = stem
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "._-".contains(c) {
                c
            } else {
                '-'
            }
        })
        .collect();
    cleaned
        .trim_matches(|c: char| !c.is_ascii_alphanumeric())
        .to_owned()
}

fn import_prh(file: &Path, out: Option<&Path>, id: Option<String>) -> Result<Outcome, Error> {
    let dict = prh::load(file)
        .map_err(|errors| Error::failed_all(errors.iter().map(|e| e.to_string()).collect()))?;
    let id = id.unwrap_or_else(|| id_from_file(file));
    if !sc3_model::refs::is_valid_id(&id) {
        return Err(Error::usage(format!(
            "`{id}` は用語集の id に使えません。--id で指定してください"
        )));
    }
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let c = sc3_model::prh_convert::to_glossary(&dict, &id, &source);
    match out {
        Some(path) => files::write_named(path, c.toml.as_bytes()),
        None => std::io::stdout()
            .lock()
            .write_all(c.toml.as_bytes())
            .map_err(|e| e.to_string()),
    }
    .map_err(|e| format!("用語集を書き込めません: {e}"))?;
    eprintln!(
        "{} 語を変換しました。変換できなかった規則: {} 件{}",
        c.terms,
        c.skipped.len(),
        if c.skipped.is_empty() {
            ""
        } else {
            "（出力の末尾に一覧があります）"
        }
    );
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    #[test]
    fn ids_from_file_names() {
        let id = |f: &str| super::id_from_file(std::path::Path::new(f));
        assert_eq!(id("dir/Common Terms.yml"), "common-terms");
        assert_eq!(id("_prh.yml"), "prh");
        assert_eq!(id("用語.yml"), "");
    }
}
