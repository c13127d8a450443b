//! `cargo xtask gen-hostile`: writes one of the inputs on which the lint once
//! did work growing faster than the content (`sc3_lint::worst_case`), so that
//! `lint --root DIR` can be timed on it. The figures are in
//! `docs/benchmarks.md`.

use std::path::PathBuf;

use sc3_lint::worst_case;

use crate::outcome::{Error, Outcome};

/// Write a small repository on which the lint once did work growing faster than the content (to time it).
#[derive(clap::Args)]
pub struct Args {
    /// Which input.
    #[arg(long = "case", value_enum)]
    case: Case,
    /// Its size: findings (report), bytes (spelling), levels (cycle) or characters (prh).
    #[arg(long)]
    size: usize,
    /// Where to write the repository (replaced if it exists).
    #[arg(long, value_name = "DIR", default_value = "target/hostile")]
    out: PathBuf,
}

/// The file that marks a directory this command wrote, which it may replace.
const MARKER: &str = ".sc3-hostile";

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
enum Case {
    /// N term variants in one Markdown file (the human report).
    Report,
    /// A single-line paragraph of N bytes (spelling-variation, T004).
    Spelling,
    /// A parent chain of N groups (group-cycle, R004).
    Cycle,
    /// A prh look-ahead rule on a line of N characters.
    Prh,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let (size, out) = (a.size, &a.out);
    let files = match a.case {
        Case::Report => worst_case::report(size),
        Case::Spelling => worst_case::spelling(size),
        Case::Cycle => worst_case::cycle(size),
        Case::Prh => worst_case::prh(size),
    };
    let written = crate::files::replace_dir(out, MARKER).and_then(|()| {
        let mut bytes = 0;
        for (path, text) in &files {
            let path = out.join(path);
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            std::fs::write(&path, text)?;
            bytes += text.len();
        }
        Ok(bytes)
    });
    let bytes =
        written.map_err(|e| Error::failed(format!("cannot write {}: {e}", out.display())))?;
    println!(
        "{}: {} files, {:.1} KB",
        out.display(),
        files.len(),
        bytes as f64 / 1024.0
    );
    Ok(Outcome::Clean)
}
