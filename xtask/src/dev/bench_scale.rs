//! `cargo xtask dev bench-scale`: the scale budgets of issue 8, measured.
//!
//! For each corpus size it writes a corpus with `gen-corpus`, then times this
//! same binary's `lint` on it as a whole command (process start included),
//! several runs, and reads each run's peak resident memory from the kernel
//! (`wait4`). For the handbook it times `book` and plain mdBook on the Markdown
//! that `book` staged (`dev mdbook-plain`), alternating the two. It prints a
//! Markdown table for `docs/benchmarks.md` and whether each budget is met.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::dev::gen_corpus;
use crate::outcome::{Error, Outcome};

/// Scale benchmark: lint time and memory over corpus sizes, and the handbook against plain mdBook.
#[derive(clap::Args)]
pub struct Args {
    /// Corpus sizes, in industries.
    #[arg(
        long = "industries",
        value_delimiter = ',',
        default_value = "15,30,60,120"
    )]
    sizes: Vec<usize>,
    /// Timed runs of each command.
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Corpus size for the handbook comparison (0 for none).
    #[arg(long, default_value_t = 60)]
    book: usize,
    /// Where to write the corpora and books.
    #[arg(long, value_name = "DIR", default_value = "target/bench-scale")]
    out: PathBuf,
}

/// One run of a command: wall time and peak resident memory in bytes.
struct Run {
    wall: Duration,
    peak: Option<u64>,
}

/// Runs `args` with this binary, output discarded; fails on a non-zero exit.
fn timed(args: &[&str]) -> Result<Run, String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let start = Instant::now();
    let mut child = Command::new(&exe)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start {}: {e}", exe.display()))?;
    let (ok, peak) = wait(&mut child)?;
    let wall = start.elapsed();
    if !ok {
        return Err(format!("`xtask {}` failed", args.join(" ")));
    }
    Ok(Run { wall, peak })
}

/// Waits for `child`: whether it succeeded, and its peak resident memory.
#[cfg(unix)]
fn wait(child: &mut std::process::Child) -> Result<(bool, Option<u64>), String> {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: `rusage` is plain data the kernel fills in; `pid` is our own
    // child, not yet waited for (std has not reaped it).
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    if r != pid {
        return Err(format!("wait4 failed: {}", std::io::Error::last_os_error()));
    }
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    // Linux reports ru_maxrss in kibibytes.
    Ok((ok, Some(usage.ru_maxrss as u64 * 1024)))
}

#[cfg(not(unix))]
fn wait(child: &mut std::process::Child) -> Result<(bool, Option<u64>), String> {
    let status = child.wait().map_err(|e| e.to_string())?;
    Ok((status.success(), None))
}

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v[v.len() / 2]
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

fn mb(bytes: u64) -> String {
    format!("{:.0} MB", bytes as f64 / 1_048_576.0)
}

/// The lint row for one size: files, content size, median and best time, peak memory.
struct LintRow {
    industries: usize,
    files: usize,
    bytes: usize,
    median: Duration,
    best: Duration,
    peak: u64,
}

fn lint_row(dir: &Path, industries: usize, runs: usize) -> Result<LintRow, String> {
    let written = gen_corpus::for_bench(dir, industries)?;
    let root = dir.to_str().ok_or("the corpus path is not UTF-8")?;
    let args = ["lint", "--root", root, "--quiet"];
    timed(&args)?; // warm the page cache
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..runs {
        let r = timed(&args)?;
        times.push(r.wall);
        peak = peak.max(r.peak.unwrap_or(0));
    }
    Ok(LintRow {
        industries,
        files: written.files,
        bytes: written.bytes,
        best: *times.iter().min().expect("at least one run"),
        median: median(times),
        peak,
    })
}

/// Exit 1 when a budget is not met.
pub fn run(a: Args) -> Result<Outcome, Error> {
    let met = measure(&a)?;
    Ok(Outcome::findings_if(!met))
}

fn measure(o: &Args) -> Result<bool, String> {
    let runs = o.runs.max(1);
    let mut met = true;
    println!("## lint (whole command, median and best of {runs} runs, peak resident memory)\n");
    println!("| industries | files | content | median | best | per 1,000 files | peak memory |");
    println!("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    let mut rows = Vec::new();
    for &n in &o.sizes {
        let row = lint_row(&o.out.join(format!("corpus-{n}")), n, runs)?;
        println!(
            "| {} | {} | {:.1} MB | {} | {} | {} | {} |",
            row.industries,
            row.files,
            row.bytes as f64 / 1_048_576.0,
            ms(row.median),
            ms(row.best),
            ms(row.median * 1000 / row.files as u32),
            mb(row.peak)
        );
        rows.push(row);
    }
    if let Some(row) = rows.iter().find(|r| r.industries == 60) {
        let ok = row.median < Duration::from_secs(1) && row.peak < 300 * 1_048_576;
        met &= ok;
        println!(
            "\nBudget at 60 industries: under 1 s and under 300 MB: {} ({}, {})",
            if ok { "met" } else { "NOT MET" },
            ms(row.median),
            mb(row.peak)
        );
    }
    if o.book > 0 {
        let dir = o.out.join(format!("corpus-{}", o.book));
        if !dir.join("guidelines").is_dir() {
            lint_row(&dir, o.book, 1)?;
        }
        let root = dir.to_str().ok_or("the corpus path is not UTF-8")?;
        let staging = o.out.join("book-staging");
        let (ours_out, plain_out) = (o.out.join("book-ours"), o.out.join("book-plain"));
        let (staging_s, ours_s, plain_s) = (
            staging.to_str().ok_or("not UTF-8")?,
            ours_out.to_str().ok_or("not UTF-8")?,
            plain_out.to_str().ok_or("not UTF-8")?,
        );
        let ours_args = ["book", "--root", root, "--out", ours_s];
        let plain_args = ["dev", "mdbook-plain", staging_s, "--out", plain_s];
        // Stage once (and warm up), then alternate the two commands.
        timed(&[
            "book",
            "--root",
            root,
            "--out",
            ours_s,
            "--staging",
            staging_s,
        ])?;
        timed(&plain_args)?;
        let (mut ours, mut plain) = (Vec::new(), Vec::new());
        let (mut ours_peak, mut plain_peak) = (0, 0);
        for _ in 0..runs {
            let r = timed(&ours_args)?;
            ours.push(r.wall);
            ours_peak = ours_peak.max(r.peak.unwrap_or(0));
            let r = timed(&plain_args)?;
            plain.push(r.wall);
            plain_peak = plain_peak.max(r.peak.unwrap_or(0));
        }
        let pages = walkdir::WalkDir::new(&ours_out)
            .into_iter()
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
            .count();
        let (o_med, p_med) = (median(ours), median(plain));
        let ratio = o_med.as_secs_f64() / p_med.as_secs_f64();
        println!(
            "\n## handbook at {} industries ({pages} HTML pages; median of {runs} runs, alternated)\n",
            o.book
        );
        println!("| command | median | peak memory |");
        println!("| --- | ---: | ---: |");
        println!(
            "| `xtask book` (lint, generate, mdBook, search index) | {} | {} |",
            ms(o_med),
            mb(ours_peak)
        );
        println!(
            "| plain mdBook on the same Markdown (`xtask dev mdbook-plain`) | {} | {} |",
            ms(p_med),
            mb(plain_peak)
        );
        let ok = ratio <= 1.5;
        met &= ok;
        println!(
            "\nBudget: the handbook build at most 1.5 times plain mdBook: {} ({ratio:.2}×)",
            if ok { "met" } else { "NOT MET" }
        );
    }
    Ok(met)
}
