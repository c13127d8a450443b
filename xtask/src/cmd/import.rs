//! `cargo xtask import`: a mapping file (`import/*.toml`) imports the
//! spreadsheet it names into catalogs and crosswalks (`sc3_interop::import`);
//! a spreadsheet written by `export` becomes TOML again
//! (`sc3_interop::spreadsheet`).

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::outcome::{self, Error, Outcome};
use crate::repo::RootArg;
use crate::{files, inputs};

/// 取り込み: 対応づけのファイル（import/*.toml）が示す表を取り込みます。export で書き出した .xlsx・.csv は、カタログか突合表に戻します
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 対応づけのファイル、または表のファイル
    mapping: PathBuf,
    /// 対応づけが読む表（既定: 対応づけの source.file。ルートからの相対パス）
    #[arg(long, value_name = "FILE")]
    source: Option<PathBuf>,
    /// 表から戻した TOML の書き先（既定: 標準出力）
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let sheet = a
        .mapping
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("csv"));
    if sheet {
        from_sheet(&a.mapping, a.out.as_deref())
    } else {
        with_mapping(&root, &a.mapping, a.source.as_deref())
    }
}

fn with_mapping(root: &Path, mapping_path: &Path, source: Option<&Path>) -> Result<Outcome, Error> {
    // The mapping is read by the content rule when it is in the repository.
    let bytes = files::read_named(root, mapping_path)?;
    let text = String::from_utf8(bytes)
        .map_err(|_| format!("{}: UTF-8 ではありません", mapping_path.display()))?;
    let mapping: sc3_interop::import::Mapping =
        toml::from_str(&text).map_err(|e| format!("{}: {e}", mapping_path.display()))?;
    let source = source.map_or_else(|| root.join(&mapping.source.file), Path::to_path_buf);
    let bytes = inputs::read_sheet(&source)?;
    let rows = sc3_toolkit::risk::sheet_rows(&source.to_string_lossy(), &bytes)
        .map_err(|e| format!("{}: {e}", source.display()))?;
    // The generated files name their mapping as the repository knows it.
    let label = repo_relative(root, mapping_path);
    let out =
        sc3_interop::import::run(&mapping, &label, &rows).map_err(|e| format!("{label}: {e}"))?;
    // The paths come from the mapping's ids: every one is checked before
    // the first file is written, and none may leave the root.
    for (path, _) in &out.files {
        sc3_model::fsx::out_path(root, path).map_err(|e| e.to_string())?;
    }
    for (path, text) in &out.files {
        files::write_inside(root, path, text.as_bytes())?;
        files::say(&format!("{path} を書きました"));
    }
    println!("要求事項 {} 件", out.criteria);
    for (header, n) in &out.references {
        files::say(&format!("「{header}」から参照 {n} 件を読み取りました"));
    }
    for p in &out.problems {
        let line = format!(
            "{}: {} 行目 {} 列: {}",
            source.display(),
            p.row,
            p.column,
            p.message
        );
        if p.unparsed {
            outcome::error_line(&line);
        } else {
            outcome::warning_line(&line);
        }
    }
    Ok(Outcome::findings_if(
        out.problems.iter().any(|p| p.unparsed),
    ))
}

/// `path` relative to `root` with `/` separators when it lies inside it, as
/// given otherwise.
fn repo_relative(root: &Path, path: &Path) -> String {
    let (Ok(root), Ok(full)) = (root.canonicalize(), path.canonicalize()) else {
        return path.to_string_lossy().replace('\\', "/");
    };
    match full.strip_prefix(&root) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

/// A catalog or crosswalk spreadsheet written by `export`, as TOML.
fn from_sheet(file: &Path, out: Option<&Path>) -> Result<Outcome, Error> {
    use sc3_interop::spreadsheet::{CROSSWALK_HEADINGS, catalog_toml, crosswalk_toml};
    let bytes = inputs::read_sheet(file)?;
    let rows = sc3_toolkit::risk::sheet_rows(&file.to_string_lossy(), &bytes)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    let is_crosswalk = rows
        .iter()
        .any(|(_, c)| c.first().is_some_and(|x| x.trim() == CROSSWALK_HEADINGS[0]));
    let result = if is_crosswalk {
        crosswalk_toml(&rows)
    } else {
        catalog_toml(&rows)
    };
    let toml = result.map_err(|problems| {
        Error::failed_all(
            problems
                .into_iter()
                .map(|p| {
                    format!(
                        "{}: {} 行目 {} 列: {}",
                        file.display(),
                        p.row,
                        p.column,
                        p.message
                    )
                })
                .collect(),
        )
    })?;
    // Tell exactly what is left to fix: lint the result on its own.
    let loaded = sc3_model::load_from_memory([("imported.toml", toml.as_bytes())]);
    for d in &loaded.diagnostics {
        outcome::warning_line(&format!("{}: {}", d.code, d.message));
    }
    match out {
        Some(p) => files::write_named(p, toml.as_bytes())?,
        None => std::io::stdout()
            .lock()
            .write_all(toml.as_bytes())
            .map_err(|e| format!("標準出力に書き込めません: {e}"))?,
    }
    Ok(Outcome::findings_if(!loaded.diagnostics.is_empty()))
}
