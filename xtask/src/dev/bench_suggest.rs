//! `cargo xtask dev bench-suggest`: the leave-one-out benchmark of `suggest`
//! over the repository's crosswalks (`sc3_lint::suggest::evaluate`).

use std::path::PathBuf;

use sc3_model::Crosswalk;

use crate::outcome::{Error, Outcome};
use crate::repo;

/// Leave-one-out benchmark of `suggest` over the repository's crosswalks (recall@5, precision@1).
#[derive(clap::Args)]
pub struct Args {
    /// The repository to measure (default: this repository).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

/// Leave-one-out over every judgment crosswalk of the repository (a citation
/// crosswalk copies what a document cites: there is nothing to suggest, and
/// its entries are no measure of judgments).
pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.unwrap_or_else(repo::default_root);
    if !root.is_dir() {
        return Err(Error::usage(format!(
            "--root {}: not a directory",
            root.display()
        )));
    }
    let repo = sc3_model::load(&root)
        .map_err(|e| Error::usage(format!("cannot read {}: {e}", root.display())))?
        .repo;
    let cx = sc3_lint::Context::new(&repo);
    let gl: Vec<_> = repo.glossaries.iter().collect();
    let mut crosswalks: Vec<&Crosswalk> =
        repo.crosswalks.iter().filter(|c| c.is_judgment()).collect();
    crosswalks.sort_by_key(|c| c.key());
    println!("| crosswalk | entries | recall@5 | precision@1 | ceiling from other entries |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let (mut n, mut r, mut p, mut l) = (0usize, 0.0, 0.0, 0.0);
    let start = std::time::Instant::now();
    for cw in crosswalks {
        let (Some(source), Some(target)) = cx.sides(cw) else {
            continue;
        };
        let ev = sc3_lint::suggest::evaluate(cw, source, target, &gl);
        println!(
            "| {} → {} | {} | {:.3} | {:.3} | {:.3} |",
            cw.source.value,
            cw.target.value,
            ev.entries,
            ev.recall_at_5,
            ev.precision_at_1,
            ev.learnable
        );
        l += ev.learnable * ev.entries as f64;
        n += ev.entries;
        r += ev.recall_at_5 * ev.entries as f64;
        p += ev.precision_at_1 * ev.entries as f64;
    }
    if n > 0 {
        println!(
            "| all (weighted by entries) | {n} | {:.3} | {:.3} | {:.3} |",
            r / n as f64,
            p / n as f64,
            l / n as f64
        );
    }
    eprintln!("{:.2?}", start.elapsed());
    Ok(Outcome::Clean)
}
