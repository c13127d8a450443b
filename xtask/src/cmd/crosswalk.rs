//! `cargo xtask crosswalk confirm | migrate`: write what `sc3_lint::review`
//! and `sc3_lint::migrate` compute for a crosswalk found by its path.

use std::path::{Path, PathBuf};

use sc3_model::{Crosswalk, Repository};

use crate::files;
use crate::outcome::{Error, Outcome};
use crate::repo::{self, RootArg};

/// 突合表の道具
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    Confirm(ConfirmArgs),
    Migrate(MigrateArgs),
}

/// 見直したあとで、突合表の対応づけが使う項目の今の内容を記録します（[[reviewed]]）
#[derive(clap::Args)]
struct ConfirmArgs {
    #[command(flatten)]
    root: RootArg,
    /// 突合表（mappings/*.toml）
    file: PathBuf,
}

/// 突合表を、突合先の新しい版（supersedes でたどれる版）に移します。mappings/<突合元>--<新しい版>.toml を書き、文の変わっていない対応づけは引き継ぎ、残りを一覧にします
#[derive(clap::Args)]
struct MigrateArgs {
    #[command(flatten)]
    root: RootArg,
    /// 突合表（mappings/*.toml）
    file: PathBuf,
    /// 新しい突合先の版（id@version）
    #[arg(long, value_name = "ID@VERSION")]
    to: String,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    match a.command {
        Command::Confirm(c) => confirm(&c.root.resolve()?, &c.file),
        Command::Migrate(m) => migrate(&m.root.resolve()?, &m.file, &m.to),
    }
}

/// The crosswalk of the repository at `file`, or a usage error.
pub fn find<'r>(root: &Path, repo: &'r Repository, file: &Path) -> Result<&'r Crosswalk, Error> {
    let wanted = std::fs::canonicalize(file).ok();
    repo.crosswalks
        .iter()
        .find(|c| {
            let p = root.join(&repo.file(c.file).path);
            wanted.is_some() && std::fs::canonicalize(p).ok() == wanted
        })
        .ok_or_else(|| {
            Error::usage(format!(
                "{} は {}/mappings の突合表ではありません",
                file.display(),
                root.display()
            ))
        })
}

/// Rewrites the `[[reviewed]]` block of `file` from the catalogs as they are now.
fn confirm(root: &Path, file: &Path) -> Result<Outcome, Error> {
    let report = repo::lint(root)?;
    let repo = &report.repo;
    let cw = find(root, repo, file)?;
    let stale = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "M008" && d.file == Some(cw.file))
        .count();
    let cx = sc3_lint::Context::new(repo);
    let block = sc3_lint::review::block(&cx, cw);
    let items = block.matches("[[reviewed]]").count();
    let source = repo.file(cw.file);
    let new = sc3_lint::review::replace(&source.text, &block);
    let path = root.join(&source.path);
    if new != source.text {
        files::write_atomically(&path, new.as_bytes())
            .map_err(|e| format!("{} に書き込めません: {e}", path.display()))?;
    }
    files::tell(&format!(
        "{}: {items} 項目の今の内容を記録しました。見直しが必要だった対応づけ {stale} 件を確認済みにしました。",
        source.path
    ));
    Ok(Outcome::Clean)
}

/// Writes the crosswalk moved onto `to` and prints what needs review (Markdown).
fn migrate(root: &Path, file: &Path, to: &str) -> Result<Outcome, Error> {
    let to =
        sc3_model::GuidelineRef::parse(to).map_err(|e| Error::usage(format!("--to {to}: {e}")))?;
    let repo = repo::load(root)?.repo;
    let cw = find(root, &repo, file)?;
    let cx = sc3_lint::Context::new(&repo);
    let m = sc3_lint::migrate::migrate(&cx, cw, &to).map_err(|e| e.to_string())?;
    // The path is named after the crosswalk's source: the output rule keeps
    // it inside the root and off any link.
    if sc3_model::fsx::kind(root, &m.path)
        .map_err(|e| e.to_string())?
        .is_some()
    {
        return Err(Error::failed(format!(
            "{} はすでにあります。先に別の場所へ移してください",
            m.path
        )));
    }
    files::write_inside(root, &m.path, m.text.as_bytes())?;
    files::stdout(&report(cw, &to, &m));
    Ok(Outcome::Clean)
}

fn report(
    cw: &Crosswalk,
    to: &sc3_model::GuidelineRef,
    m: &sc3_lint::migrate::Migration,
) -> String {
    use sc3_lint::migrate::Outcome;
    let carried = m
        .entries
        .iter()
        .filter(|(_, o)| *o == Outcome::Carried)
        .count();
    let mut s = format!(
        "# {} → {} の突合表を {to} に移行\n\n{} を作りました。対応づけ {} 件のうち {carried} 件は、突合先の項目の文が変わっていないため、そのまま引き継ぎました。\n",
        cw.source.value,
        cw.target.value,
        m.path,
        m.entries.len()
    );
    let review: Vec<_> = m
        .entries
        .iter()
        .filter_map(|(src, o)| match o {
            Outcome::Review { changed, missing } => Some((src, changed, missing)),
            Outcome::Carried => None,
        })
        .collect();
    if review.is_empty() {
        s.push_str("\n見直しが必要な対応づけはありません。\n");
        return s;
    }
    s.push_str(&format!(
        "\n見直しが必要な対応づけ {} 件（cargo xtask lint が M008・R003 として前後の文を示します）:\n\n| 要求事項 | 文が変わった項目 | 新しい版にない項目 |\n| --- | --- | --- |\n",
        review.len()
    ));
    for (src, changed, missing) in review {
        s.push_str(&format!(
            "| {src} | {} | {} |\n",
            changed.join("、"),
            missing.join("、")
        ));
    }
    s
}
