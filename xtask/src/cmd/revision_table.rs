//! `cargo xtask revision-table --from REV --to REV`: the 新旧対照表 of a
//! release as Markdown, XLSX and DOCX (`crate::revision`).

use std::path::PathBuf;

use sc3_review::revision as table;

use crate::outcome::{Error, Outcome};
use crate::repo::RootArg;
use crate::revision::{between, file_part};

/// リリースの新旧対照表を作ります（Markdown、XLSX、DOCX）
///
/// 2つの版（タグ）のあいだで変わったカタログと突合表ごとに、変わった項目と対応づけを、改正後と改正前を並べ、変わったところに傍線を引いて示します。
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 前のリリース（タグ、または任意の版）
    #[arg(long, value_name = "REV")]
    from: String,
    /// 後のリリース
    #[arg(long, value_name = "REV")]
    to: String,
    /// ファイルを書くフォルダ
    #[arg(long, value_name = "DIR", default_value = "target/revision-table")]
    out: PathBuf,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let tables = between(&root, &a.from, &a.to).map_err(Error::usage)?;
    let stem = format!("新旧対照表-{}-{}", file_part(&a.from), file_part(&a.to));
    let title = format!("新旧対照表（{} → {}）", a.from, a.to);
    let md = format!(
        "# {}\n\n（傍線部分は改正部分）\n\n{}",
        title,
        table::markdown(&tables, "##")
    );
    let files = [
        (format!("{stem}.md"), md.into_bytes()),
        (format!("{stem}.xlsx"), table::xlsx(&tables)?),
        (format!("{stem}.docx"), table::docx(&tables, &title)?),
    ];
    for (name, bytes) in &files {
        let path = a.out.join(name);
        crate::files::write_named(&path, bytes)?;
        crate::files::say(&format!("{} を書きました", path.display()));
    }
    println!("{} 件の表（変更のあったカタログと突合表）", tables.len());
    Ok(Outcome::Clean)
}
