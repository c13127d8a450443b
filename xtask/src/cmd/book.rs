//! `cargo xtask book`: load once, then lint and stage the handbook on two
//! threads; render it with mdBook only if the lint found no errors.

use std::io::IsTerminal;
use std::path::PathBuf;

use sc3_lint::report::{self, HumanOptions};
use sc3_model::Severity;

use crate::files;
use crate::outcome::{Error, Outcome};
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
        sc3_lint::check(&repo, &mut diagnostics);
        stage.join()
    });
    let report = sc3_lint::Report { repo, diagnostics };
    if report.has_errors() {
        let errors = sc3_lint::Report {
            diagnostics: report
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect(),
            repo: report.repo,
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
    let built = match staged {
        Ok(staged) => staged.and_then(|s| sc3_site::render(&s, &out)),
        Err(panic) => std::panic::resume_unwind(panic),
    };
    let summary = built.map_err(|e| Error::failed(e.to_string()))?;
    println!(
        "ハンドブックを {} に作りました（{} ページ: 手書き {}、生成 {}）",
        out.display(),
        summary.chapters,
        summary.written,
        summary.generated
    );
    Ok(Outcome::Clean)
}
