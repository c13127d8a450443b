//! `cargo xtask gen-hostile`: writes one of the inputs on which the lint once
//! did work growing faster than the content (`sc3_lint::worst_case`), so that
//! `lint --root DIR` can be timed on it. The figures are in
//! `docs/benchmarks.md`.

use std::path::Path;
use std::process::ExitCode;

use sc3_lint::worst_case;

/// The file that marks a directory this command wrote, which it may replace.
const MARKER: &str = ".sc3-hostile";

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Case {
    /// N term variants in one Markdown file (the human report).
    Report,
    /// A single-line paragraph of N bytes (spelling-variation, T004).
    Spelling,
    /// A parent chain of N groups (group-cycle, R004).
    Cycle,
    /// A prh look-ahead rule on a line of N characters.
    Prh,
}

pub fn run(case: Case, size: usize, out: &Path) -> ExitCode {
    let files = match case {
        Case::Report => worst_case::report(size),
        Case::Spelling => worst_case::spelling(size),
        Case::Cycle => worst_case::cycle(size),
        Case::Prh => worst_case::prh(size),
    };
    let written = crate::replace_dir(out, MARKER).and_then(|()| {
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
    match written {
        Ok(bytes) => {
            println!(
                "{}: {} files, {:.1} KB",
                out.display(),
                files.len(),
                bytes as f64 / 1024.0
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
