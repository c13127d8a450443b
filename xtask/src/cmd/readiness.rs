//! `cargo xtask readiness`: a company's readiness for a level of a scheme
//! (METI's ★3) from what its folder records (`sc3_toolkit::readiness`):
//! the diagnosis answers, `company.toml`'s adopted chapters, the plan's
//! completion dates and the asset register. Human, JSON, Markdown; XLSX
//! checklist with `--xlsx`.

use std::path::{Path, PathBuf};

use sc3_toolkit::readiness::{self, Basis, Company};
use sc3_toolkit::{company, risk, sheet};

use crate::outcome::{self, Error, Outcome};
use crate::repo::RootArg;
use crate::{files, inputs, repo};

/// 会社のフォルダーの記録（自社診断の回答、company.toml で採用した規程の章、計画書の完了日、情報資産の台帳）から、評価制度の区分（★3 など）の評価基準ごとの準備状況を推定します。評価ではありません
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 会社のフォルダー（diagnosis*.toml、company.toml、plan.xlsx か plan.csv、assets.csv か assets.xlsx）
    #[arg(long, value_name = "DIR")]
    company: PathBuf,
    /// 評価制度のカタログ（id@version）
    #[arg(long, default_value = readiness::DEFAULT_SCHEME, value_name = "SCHEME")]
    scheme: String,
    /// 区分
    #[arg(long, default_value = readiness::DEFAULT_LEVEL, value_name = "LEVEL")]
    level: String,
    /// 出力の形式
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// チェックリストを XLSX で書きます
    #[arg(long, value_name = "FILE")]
    xlsx: Option<PathBuf>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// 人が読む文
    Text,
    /// スクリプト向けの JSON
    Json,
    /// Markdown
    Markdown,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    if !a.company.is_dir() {
        return Err(Error::usage(format!(
            "--company {}: フォルダーではありません",
            a.company.display()
        )));
    }
    let spec = inputs::spec(&root)?;
    let loaded = repo::load(&root)?;
    let basis = Basis::build(&loaded.repo, &spec, &a.scheme, &a.level).map_err(Error::usage)?;
    let (company, name, problems) = read_company(&a.company, &basis, &spec)?;
    let report = readiness::assess(&basis, &company);
    let out = match a.format {
        Format::Json => format!(
            "{}\n",
            serde_json::to_string_pretty(&report).expect("plain data serialises")
        ),
        Format::Text => readiness::to_text(&report, &name, &basis.chapters),
        Format::Markdown => readiness::to_markdown_with(
            &report,
            &name,
            &basis.chapters,
            &|l| format!("## {} {}\n\n", l.id, l.title.replace('\n', " ")),
            &|s| s.replace('|', "｜").replace('\n', " "),
        ),
    };
    files::stdout(&out);
    if let Some(path) = &a.xlsx {
        let bytes = readiness::to_xlsx(&report, &name, &basis.chapters).map_err(Error::failed)?;
        files::write_named(path, &bytes).map_err(Error::failed)?;
        files::tell(&format!("{} を書きました", path.display()));
    }
    Ok(Outcome::findings_if(problems > 0))
}

/// The company's records in its folder; problems in rows of the plan or the
/// register are printed and counted, a file that cannot be read stops.
fn read_company(
    dir: &Path,
    basis: &Basis,
    spec: &sc3_toolkit::diagnosis::Spec,
) -> Result<(Company, String, usize), Error> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::failed(format!("{} を読めません: {e}", dir.display())))?
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .collect();
    names.sort();
    let settings = if names.iter().any(|n| n == "company.toml") {
        let path = dir.join("company.toml");
        let text = inputs::read_text(&path).map_err(Error::failed)?;
        Some(
            company::Company::parse(&text)
                .map_err(|e| Error::failed(format!("{}: {e}", path.display())))?,
        )
    } else {
        None
    };
    let answer_files: Vec<PathBuf> = names
        .iter()
        .filter(|n| n.starts_with("diagnosis") && n.ends_with(".toml"))
        .map(|n| dir.join(n))
        .collect();
    let answers = inputs::answers(&answer_files).map_err(|mut problems| {
        problems.push(format!("回答に {} 件の問題があります", problems.len()));
        Error::failed_all(problems)
    })?;
    let mut problems = 0;
    let mut done = Vec::new();
    if let Some(plan) = ["plan.xlsx", "plan.csv"]
        .iter()
        .find(|p| names.iter().any(|n| n == *p))
    {
        let path = dir.join(plan);
        let bytes = inputs::read_sheet(&path).map_err(Error::failed)?;
        let rows = sheet::sheet_rows(plan, &bytes)
            .map_err(|e| Error::failed(format!("{}: {e}", path.display())))?;
        let (items, errors) = readiness::plan_progress(&rows, spec, plan, today());
        for (row, message) in &errors {
            outcome::error_line(&format!("{}: {row} 行目: {message}", path.display()));
        }
        problems += errors.len();
        done = items;
    }
    let mut register = None;
    if let Some(file) = ["assets.csv", "assets.xlsx"]
        .iter()
        .find(|p| names.iter().any(|n| n == *p))
    {
        let path = dir.join(file);
        let reg = inputs::register(&path, risk::ImportanceRule::Max).map_err(Error::failed)?;
        inputs::report_row_errors(&path, &reg);
        problems += reg.errors.len();
        if !reg.assets.is_empty() {
            register = Some((*file).to_owned());
        }
    }
    let name = settings
        .as_ref()
        .map_or_else(|| "当社".to_owned(), |s| s.name.clone());
    let company = Company::gather(basis, settings.as_ref(), &answers, done, register);
    Ok((company, name, problems))
}

/// Today (UTC) by the system clock, if it reads a date from 1970 to 9999.
/// `plan_progress` allows a day for the time zone: in Japan the date may
/// already be tomorrow's.
fn today() -> Option<sc3_toolkit::day::Day> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    sc3_toolkit::day::Day::from_unix_days(i64::try_from(secs / 86_400).ok()?)
}
