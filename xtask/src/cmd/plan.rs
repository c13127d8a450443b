//! `cargo xtask plan`: the action plan from weak answers of a diagnosis and
//! medium or high risks of a register (`sc3_toolkit::plan`), as Markdown and
//! XLSX.

use std::path::{Path, PathBuf};

use sc3_toolkit::{diagnosis, plan, risk};

use crate::outcome::{Error, Outcome};
use crate::repo::RootArg;
use crate::{files, inputs};

/// 自社診断の回答と情報資産の台帳から対策計画を作ります（Markdown。--out で XLSX も）
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 自社診断の回答のファイル（何度でも指定できます）
    #[arg(long = "diagnosis", value_name = "FILE")]
    diagnosis: Vec<PathBuf>,
    /// 情報資産の台帳
    #[arg(long = "risk", value_name = "FILE")]
    risk: Option<PathBuf>,
    /// 会社名
    #[arg(long, default_value = "当社")]
    company: String,
    /// PREFIX.md と PREFIX.xlsx を書きます
    #[arg(long, value_name = "PREFIX")]
    out: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    if a.diagnosis.is_empty() && a.risk.is_none() {
        return Err(Error::usage(
            "--diagnosis FILE と --risk FILE の一方か両方を指定してください",
        ));
    }
    let spec = inputs::spec(&root)?;
    let diag = if a.diagnosis.is_empty() {
        None
    } else {
        let sets = inputs::answers(&a.diagnosis).map_err(|mut problems| {
            problems.push(format!("回答に {} 件の問題があります", problems.len()));
            Error::failed_all(problems)
        })?;
        Some(diagnosis::score(&spec, &sets))
    };
    let (assets, problems) = match &a.risk {
        Some(f) => {
            let reg = inputs::register(f, risk::ImportanceRule::Max)?;
            inputs::report_row_errors(f, &reg);
            (reg.assets, reg.errors.len())
        }
        None => (Vec::new(), 0),
    };
    let actions = plan::plan(diag.as_ref(), &assets);
    let titles = chapter_titles(&root);
    let title = |stem: &str| {
        titles
            .iter()
            .find(|(n, _)| n == stem)
            .map_or(stem.to_owned(), |(_, t)| t.clone())
    };
    let md = plan::to_markdown(&a.company, &actions, &title);
    let xlsx = plan::to_xlsx(&a.company, &actions, &title)?;
    files::stdout(&md);
    if let Some(prefix) = &a.out {
        for (ext, bytes) in [("md", md.as_bytes()), ("xlsx", xlsx.as_slice())] {
            let path = prefix.with_extension(ext);
            inputs::write_out(&path, bytes)?;
            files::tell(&format!("{} を書きました", path.display()));
        }
    }
    Ok(Outcome::findings_if(problems > 0))
}

/// Chapter titles from the templates' first lines (`# 第9章 委託管理`).
fn chapter_titles(root: &Path) -> Vec<(String, String)> {
    sc3_site::regulations::read_templates(root)
        .unwrap_or_default()
        .into_iter()
        .map(|t| {
            let title = sc3_model::names::template_title(&t.text);
            (t.name, title)
        })
        .collect()
}
