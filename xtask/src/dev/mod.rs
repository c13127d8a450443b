//! The developers' tasks, `cargo xtask dev …`: benchmarks, corpus
//! generators, the browser test and the plain-mdBook yardstick. They speak
//! English (ARCHITECTURE.md, "The language of the command line"), return
//! `Result<Outcome, Error>` like the user's commands, and are kept out of
//! the user's `cargo xtask --help`.

use std::path::PathBuf;

use crate::outcome::{Error, Outcome};

pub mod bench_lsp;
pub mod bench_scale;
pub mod bench_suggest;
pub mod bench_terms;
pub mod browser_test;
pub mod gen_corpus;
pub mod gen_hostile;

/// Developers' tasks: benchmarks, generated corpora, the browser test.
#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    task: Task,
}

#[derive(clap::Subcommand)]
pub enum Task {
    BenchTerms(bench_terms::Args),
    BenchScale(bench_scale::Args),
    BenchLsp(bench_lsp::Args),
    BenchSuggest(bench_suggest::Args),
    GenCorpus(gen_corpus::Options),
    GenHostile(gen_hostile::Args),
    BrowserTest(browser_test::Args),
    MdbookPlain(MdbookPlainArgs),
}

/// The names the tasks had at the top level (`cargo xtask bench-terms`), still
/// accepted for one release (see `cli::parse`).
pub const OLD_SPELLINGS: [&str; 7] = [
    "bench-terms",
    "bench-scale",
    "bench-suggest",
    "gen-corpus",
    "gen-hostile",
    "browser-test",
    "mdbook-plain",
];

pub fn run(a: Args) -> Result<Outcome, Error> {
    match a.task {
        Task::BenchTerms(a) => bench_terms::run(a),
        Task::BenchScale(a) => bench_scale::run(a),
        Task::BenchLsp(a) => bench_lsp::run(a),
        Task::BenchSuggest(a) => bench_suggest::run(a),
        Task::GenCorpus(a) => gen_corpus::run(a),
        Task::GenHostile(a) => gen_hostile::run(a),
        Task::BrowserTest(a) => browser_test::run(a),
        Task::MdbookPlain(a) => mdbook_plain(a),
    }
}

/// Build a staged book (from `book --staging DIR`) with plain mdBook, as a yardstick for benchmarks.
#[derive(clap::Args)]
pub struct MdbookPlainArgs {
    /// The staged book (a directory with src/SUMMARY.md).
    dir: PathBuf,
    /// Output directory.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

fn mdbook_plain(a: MdbookPlainArgs) -> Result<Outcome, Error> {
    let chapters = sc3_site::build_plain(&a.dir, &a.out).map_err(|e| e.to_string())?;
    println!(
        "{chapters} pages built in {} by plain mdBook",
        a.out.display()
    );
    Ok(Outcome::Clean)
}
