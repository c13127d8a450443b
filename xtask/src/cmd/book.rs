//! `cargo xtask book`: load once, then lint and stage the handbook on two
//! threads; render it with mdBook only if the lint found no errors.

use std::io::IsTerminal;
use std::path::PathBuf;

use sc3_lint::report::{self, HumanOptions};
use sc3_model::Severity;

use crate::files;
use crate::kit;
use crate::outcome::{Error, Outcome, warning_line};
use crate::repo::{self, RootArg};

/// 検査してから、mdBook で導入手引き（ハンドブック）を作ります
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 出力先のフォルダ（既定: ROOT/book/build）
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Keep the Markdown mdBook reads in DIR (replaced if it exists), for `dev mdbook-plain`.
    #[arg(long, value_name = "DIR", hide = true)]
    staging: Option<PathBuf>,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let sc3_model::Loaded {
        repo,
        mut diagnostics,
    } = repo::load(&root)?;
    let temp;
    let staging = match &a.staging {
        Some(dir) => {
            files::replace_dir(dir, ".sc3-staging").map_err(|e| Error::failed(e.to_string()))?;
            dir.as_path()
        }
        None => {
            temp = tempfile::tempdir()
                .map_err(|e| Error::failed(format!("作業用のフォルダを作れません: {e}")))?;
            temp.path()
        }
    };
    // The lint and the staging of the book only read the repository, so they
    // run side by side; the book is rendered only if the lint finds no errors.
    let extra = repo::extra_pages(&root);
    let staged = std::thread::scope(|s| {
        let stage = s.spawn(|| sc3_site::stage(&repo, staging, &extra));
        let timings = sc3_lint::check_timed(&repo, &mut diagnostics);
        (stage.join(), timings)
    });
    let (staged, timings) = staged;
    let report = sc3_lint::Report {
        repo,
        diagnostics,
        timings,
    };
    if report.has_errors() {
        let errors = sc3_lint::Report {
            diagnostics: report
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect(),
            repo: report.repo,
            timings: report.timings,
        };
        let color = std::io::stderr().is_terminal();
        eprint!(
            "{}",
            report::human(&errors, HumanOptions { width: 100, color })
        );
        return Err(Error::failed(
            "内容にエラーがあるため、ハンドブックは作りませんでした（上の報告を見てください）",
        ));
    }
    // The repository and the findings are not needed to render: give their
    // memory back before mdBook makes its own.
    drop(report);
    let out = a.out.unwrap_or_else(|| root.join("book").join("build"));
    let staged = match staged {
        Ok(staged) => staged.map_err(|e| Error::failed(e.to_string()))?,
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let summary = sc3_site::render(&staged, &out).map_err(|e| Error::failed(e.to_string()))?;
    files::say(&format!(
        "ハンドブックを {} に作りました（{} ページ: 手書き {}、生成 {}）",
        out.display(),
        summary.chapters,
        summary.written,
        summary.generated
    ));
    write_kits(&root, &staged, &out)
}

/// Each edition's kit, with its PDF when Chromium is here. Without
/// Chromium the kits are written without a PDF and a warning says so;
/// with `SC3_REQUIRE_PDF=1` (CI) a missing PDF is an error.
fn write_kits(
    root: &std::path::Path,
    staged: &sc3_site::Staged,
    out: &std::path::Path,
) -> Result<Outcome, Error> {
    let release = kit::release(root);
    let chromium = kit::chromium();
    let reports = match &chromium {
        Ok(bin) => {
            let print = |page: &std::path::Path| kit::print(bin, page);
            sc3_site::write_kits(staged, out, &release, Ok(&print))
        }
        Err(why) => {
            warning_line(&format!("{why}: 配布キットに PDF を入れませんでした"));
            sc3_site::write_kits(staged, out, &release, Err(why))
        }
    }
    .map_err(|e| Error::failed(e.to_string()))?;
    let mut missing = Vec::new();
    for k in &reports {
        let pdf = match &k.pdf {
            Ok(n) => format!("PDF {} KB", n.div_ceil(1024)),
            Err(why) => {
                missing.push(format!("{}: {why}", k.edition));
                "PDF なし".to_owned()
            }
        };
        files::say(&format!(
            "配布キット {} を書きました（{} KB、{pdf}）",
            k.path,
            k.bytes.div_ceil(1024)
        ));
    }
    let required = std::env::var(kit::REQUIRE_PDF).is_ok_and(|v| v == "1");
    if required && !missing.is_empty() {
        return Err(Error::failed_all(
            missing
                .into_iter()
                .map(|m| {
                    format!(
                        "{} が設定されていますが、PDF を作れませんでした（{m}）",
                        kit::REQUIRE_PDF
                    )
                })
                .collect(),
        ));
    }
    if !missing.is_empty() && chromium.is_ok() {
        for m in &missing {
            warning_line(&format!("PDF を作れませんでした（{m}）"));
        }
    }
    Ok(Outcome::Clean)
}
