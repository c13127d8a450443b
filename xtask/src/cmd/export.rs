//! `cargo xtask export` (XLSX or CSV, for editing in Excel) and `cargo xtask
//! export-oscal` (OSCAL 1.2 JSON): every catalog and crosswalk, each path
//! checked before the first file is written (`files::write_all`).

use std::path::PathBuf;

use sc3_interop::spreadsheet::{Sheet, catalog_sheet, crosswalk_sheet, to_csv, to_xlsx};

use crate::files;
use crate::outcome::{Error, Outcome};
use crate::repo::{self, RootArg};

/// すべてのカタログと突合表を、Excel で編集できる XLSX か CSV で書き出します
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// ファイルの形式
    #[arg(long, value_parser = ["xlsx", "csv"], default_value = "xlsx")]
    format: String,
    /// 書き出し先のフォルダ
    #[arg(long, value_name = "DIR", default_value = "target/export")]
    out: PathBuf,
}

/// すべてのカタログと突合表を OSCAL 1.2 の JSON（カタログ、マッピングコレクション）で書き出します
#[derive(clap::Args)]
pub struct OscalArgs {
    #[command(flatten)]
    root: RootArg,
    /// 書き出し先のフォルダ
    #[arg(long, value_name = "DIR", default_value = "target/oscal")]
    out: PathBuf,
}

/// The file name of an exported catalog or crosswalk.
fn export_name(key: &str, ext: &str) -> String {
    format!("{}.{ext}", key.replace('@', "_"))
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let repo = repo::load(&root)?.repo;
    let index = repo.index();
    let mut sheets: Vec<(String, &str, Sheet)> = Vec::new();
    for g in &repo.guidelines {
        sheets.push((g.key(), "カタログ", catalog_sheet(g)));
    }
    for cw in &repo.crosswalks {
        let src = sc3_model::GuidelineRef::parse(&cw.source.value).ok();
        let title = |id: &str| {
            src.as_ref()
                .and_then(|s| index.guideline(s))
                .and_then(|g| g.item(id))
                .map_or(String::new(), |it| it.title.value.clone())
        };
        sheets.push((cw.key(), "突合表", crosswalk_sheet(cw, &title)));
    }
    let mut files = Vec::new();
    for (key, name, sheet) in &sheets {
        let file = export_name(key, &a.format);
        let bytes = if a.format == "csv" {
            to_csv(sheet)
        } else {
            to_xlsx(sheet, name).map_err(|e| format!("{file}: {e}"))?
        };
        files.push((file, bytes));
    }
    // The names come from ids: all are checked before anything is written.
    for path in files::write_all(&a.out, &files)? {
        files::say(&format!("{} を書きました", path.display()));
    }
    Ok(Outcome::Clean)
}

pub fn oscal(a: OscalArgs) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let repo = repo::load(&root)?.repo;
    let files: Vec<(String, Vec<u8>)> = sc3_interop::oscal::export_all(&repo)
        .into_iter()
        .map(|(name, text)| (name, text.into_bytes()))
        .collect();
    files::write_all(&a.out, &files)?;
    files::say(&format!(
        "OSCAL の文書 {} 件を {} に書きました",
        files.len(),
        a.out.display()
    ));
    Ok(Outcome::Clean)
}

#[cfg(test)]
mod tests {
    #[test]
    fn export_names_keep_the_key_without_at_signs() {
        assert_eq!(super::export_name("a@1--b@2", "csv"), "a_1--b_2.csv");
    }
}
