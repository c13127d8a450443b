//! The book mdBook reads and builds: [`stage`] writes the hand-written
//! chapters (with their charts), every generated page, the downloads and
//! `SUMMARY.md` into a staging folder; [`render`] runs mdBook on it, checks
//! every built page ([`crate::harden`]) and writes the search index;
//! [`build`] is both. [`build_plain`] is plain mdBook, the yardstick of
//! `bench-scale`.
//!
//! Content is read only through `sc3_model::fsx` (never through a symbolic
//! link, at most 16 MB a file), only the static file types of
//! `fsx::PUBLISHED_EXTENSIONS` are copied from `book/src/`, `book/theme/` is
//! never taken, and every file is written with `fsx::write` inside the
//! staging directory, at paths checked before the first write.

use std::path::{Path, PathBuf};

use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use rayon::prelude::*;
use sc3_model::{GuidelineRef, Repository, fsx};

mod anchors;
mod kits;

pub use kits::{KitReport, Printer, keep_internal_links, write_kits};
use kits::{StagedKit, stage_kits};

use crate::kit::{self, KitFile, PdfState, Release};
use crate::{
    BuildSummary, DEFAULT_TITLE, ExtraPage, Page, SiteError, charts, generate, harden, links,
    regulations, search,
};

/// The stylesheet of the generated pages, written into the staging directory.
const STYLESHEET: &str = "sc3.css";
/// The search script, written into the staging directory.
const SEARCH_SCRIPT: &str = "sc3-search.js";
/// The self-diagnosis page's script.
const DIAGNOSIS_SCRIPT: &str = "sc3-diagnosis.js";
/// The stylesheet of an edition's print book (A4, page numbers, black and
/// white), beside [`STYLESHEET`].
const PRINT_STYLESHEET: &str = "sc3-print.css";

/// Escapes a title for a `SUMMARY.md` link text.
fn summary_text(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('[', "\\[")
        .replace(']', "\\]")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace(['\n', '\r'], " ")
}

/// The hand-written part of the book: the files of `book/src` that the site
/// publishes, read by the content rule (`sc3_model::fsx`).
struct Chapters {
    /// Path under `src/` and bytes, in path order. Markdown is valid UTF-8.
    files: Vec<(String, Vec<u8>)>,
}

/// Where the hand-written chapters are, relative to the root.
const BOOK_SRC: &str = "book/src";

/// Reads the files of `book/src` that are published: Markdown and the static
/// types of [`fsx::PUBLISHED_EXTENSIONS`]. Other files and hidden entries are
/// left out (the lint reports the first, L011); a link anywhere is an error,
/// never followed (the lint reports it, L010).
fn read_chapters(root: &Path) -> Result<Chapters, SiteError> {
    let listing = fsx::walk(root, BOOK_SRC, |e| !e.name().starts_with('.'))
        .map_err(|e| SiteError(e.to_string()))?;
    if let Some(e) = listing.errors.into_iter().next() {
        return Err(SiteError(e.to_string()));
    }
    let mut files = Vec::new();
    for entry in listing.entries {
        if entry.name().starts_with('.') || entry.kind == fsx::Kind::Dir {
            continue;
        }
        if entry.kind == fsx::Kind::File && !fsx::is_published(entry.name()) {
            continue;
        }
        // A link or a special file is refused here, with its path.
        let bytes = fsx::read(root, &entry.rel).map_err(|e| SiteError(e.to_string()))?;
        let rel = entry.rel[BOOK_SRC.len() + 1..].to_owned();
        if is_markdown(&rel) && std::str::from_utf8(&bytes).is_err() {
            return Err(SiteError(format!("{} は UTF-8 ではありません", entry.rel)));
        }
        files.push((rel, bytes));
    }
    Ok(Chapters { files })
}

fn is_markdown(path: &str) -> bool {
    path.ends_with(".md")
}

impl Chapters {
    /// The Markdown files: path under `src/` and text.
    fn markdown(&self) -> impl Iterator<Item = (&str, &str)> {
        self.files
            .iter()
            .filter(|(p, _)| is_markdown(p))
            .map(|(p, b)| {
                (
                    p.as_str(),
                    std::str::from_utf8(b).expect("checked when read"),
                )
            })
    }
}

/// The first `# ` heading of a Markdown text, or the file name of `path`.
fn first_heading(path: &str, text: &str) -> String {
    text.lines()
        .find_map(|l| l.strip_prefix("# ").map(|h| h.trim().to_owned()))
        .unwrap_or_else(|| {
            Path::new(path)
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default()
        })
}

/// A summary for a book without `SUMMARY.md`: `intro.md` (or `README.md`) first,
/// then every other Markdown file in path order.
fn default_summary(chapters: &Chapters) -> String {
    let mut files: Vec<(&str, &str)> = chapters.markdown().collect();
    files.sort_by_key(|(p, _)| (*p != "intro.md" && *p != "README.md", Path::new(*p)));
    let mut out = String::from("# Summary\n\n");
    for (i, (path, text)) in files.iter().enumerate() {
        let title = summary_text(&first_heading(path, text));
        if i == 0 {
            out.push_str(&format!("[{title}]({path})\n\n"));
        } else {
            out.push_str(&format!("- [{title}]({path})\n"));
        }
    }
    out
}

/// Refuses a table of contents that names a chapter outside `src` (or by a
/// URL, or by a name pages cannot carry), reading it with mdBook's own
/// parser: mdBook would read that file and publish it. Lint rule S004 reports
/// the same links with their place; this keeps the build safe without it.
fn check_summary(summary: &str) -> Result<(), SiteError> {
    use mdbook_summary::SummaryItem;
    fn walk(items: &[SummaryItem]) -> Result<(), SiteError> {
        for item in items {
            if let SummaryItem::Link(link) = item {
                let location = link
                    .location
                    .as_ref()
                    .map(|l| l.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if let Some(why) = sc3_model::names::chapter_path_problem(&location) {
                    return Err(SiteError(format!(
                        "book/src/SUMMARY.md: the chapter 「{location}」 is refused ({why}); see `cargo xtask explain S004`"
                    )));
                }
                walk(&link.nested_items)?;
            }
        }
        Ok(())
    }
    let parsed = mdbook_summary::parse_summary(summary)
        .map_err(|e| SiteError(format!("book/src/SUMMARY.md: {e:#}")))?;
    walk(&parsed.prefix_chapters)?;
    walk(&parsed.numbered_chapters)?;
    walk(&parsed.suffix_chapters)
}

/// Pages and downloads are named after ids: a malformed one (the lint's R002)
/// could name a path outside the staging folder. Such a repository is not
/// staged at all, and nothing is written.
fn check_ids(repo: &Repository) -> Result<(), SiteError> {
    let bad = |file: sc3_model::FileId, what: &str, value: &str| {
        SiteError(format!(
            "{}: {what}「{}」が正しくないため、手引きを作りません（cargo xtask lint の R002 を直してください）",
            repo.file(file).path,
            value.escape_debug()
        ))
    };
    let valid = |v: &str| v.is_empty() || sc3_model::refs::is_valid_id(v);
    for g in &repo.guidelines {
        if !valid(&g.id.value) {
            return Err(bad(g.file, "ガイドラインの識別子", &g.id.value));
        }
        if !valid(&g.version.value) {
            return Err(bad(g.file, "版", &g.version.value));
        }
    }
    for i in &repo.industries {
        if !valid(&i.id.value) {
            return Err(bad(i.file, "業界の識別子", &i.id.value));
        }
    }
    for c in &repo.crosswalks {
        for v in [&c.source.value, &c.target.value] {
            if !v.is_empty() && GuidelineRef::parse(v).is_err() {
                return Err(bad(c.file, "突合表の source / target", v));
            }
        }
    }
    Ok(())
}

/// The mdBook configuration: only `[book]` settings are taken from
/// `book/book.toml`. Preprocessors and renderers it may declare are ignored on
/// purpose: they run arbitrary commands, and the content comes from pull requests.
fn config(root: &Path, out: &Path) -> Result<Config, SiteError> {
    let mut cfg = Config::default();
    let file = "book/book.toml";
    if fsx::is_file(root, file).map_err(|e| SiteError(e.to_string()))? {
        let text = fsx::read_to_string(root, file).map_err(|e| SiteError(e.to_string()))?;
        let value: toml_value::Table =
            toml_value::from_str(&text).map_err(|e| SiteError(format!("{file}: {e}")))?;
        if let Some(book) = value.get("book").and_then(|b| b.as_table()) {
            cfg.book.title = book
                .get("title")
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            cfg.book.description = book
                .get("description")
                .and_then(|v| v.as_str())
                .map(str::to_owned);
            if let Some(a) = book.get("authors").and_then(|v| v.as_array()) {
                cfg.book.authors = a
                    .iter()
                    .filter_map(|x| x.as_str().map(str::to_owned))
                    .collect();
            }
        }
    }
    if cfg.book.title.is_none() {
        cfg.book.title = Some(DEFAULT_TITLE.to_owned());
    }
    cfg.book.language = Some("ja".to_owned());
    cfg.build.build_dir = out.to_path_buf();
    cfg.build.create_missing = false;
    // mdBook's default preprocessors read files named in the chapters
    // (`{{#include /any/path}}`) into the page: content from pull requests
    // never gets to do that. Lint rule S001 tells the writer.
    cfg.build.use_default_preprocessors = false;
    cfg.set("output.html.additional-css", vec![STYLESHEET])
        .map_err(|e| SiteError(e.to_string()))?;
    // mdBook's search finds no Japanese; ours replaces it.
    cfg.set("output.html.search.enable", false)
        .map_err(|e| SiteError(e.to_string()))?;
    cfg.set(
        "output.html.additional-js",
        vec![SEARCH_SCRIPT, DIAGNOSIS_SCRIPT],
    )
    .map_err(|e| SiteError(e.to_string()))?;
    Ok(cfg)
}

mod toml_value {
    pub use toml::{Table, from_str};
}

/// `path` from the current directory: mdBook reads a relative build
/// directory against the book's own root.
fn absolute(path: &Path) -> Result<PathBuf, SiteError> {
    if path.is_absolute() {
        return Ok(path.to_path_buf());
    }
    Ok(std::env::current_dir()
        .map_err(|e| SiteError(e.to_string()))?
        .join(path))
}

/// Builds the book in `dir` (a `src/` with `SUMMARY.md`) into `out` with
/// plain mdBook: its default settings (but for the default preprocessors,
/// which read files the chapters name), its own search index, nothing of ours.
/// The yardstick for the cost of generating the handbook.
pub fn build_plain(dir: &Path, out: &Path) -> Result<usize, SiteError> {
    let mut cfg = Config::default();
    cfg.build.build_dir = absolute(out)?;
    cfg.build.create_missing = false;
    cfg.build.use_default_preprocessors = false;
    let book = MDBook::load_with_config(dir, cfg)
        .map_err(|e| SiteError(format!("mdBook could not load {}: {e:#}", dir.display())))?;
    let chapters = book
        .iter()
        .filter(|i| matches!(i, mdbook_driver::book::BookItem::Chapter(_)))
        .count();
    book.build()
        .map_err(|e| SiteError(format!("mdBook could not build {}: {e:#}", dir.display())))?;
    Ok(chapters)
}

/// Builds the handbook of `repo` into `out`, with each edition's kit
/// without its PDF (dated 1980-01-01: see [`build_with_kits`]).
pub fn build(
    repo: &Repository,
    out: &Path,
    extra: &[ExtraPage],
) -> Result<BuildSummary, SiteError> {
    build_with_kits(
        repo,
        out,
        extra,
        &Release::default(),
        Err("PDF を作らない設定でハンドブックを作りました"),
    )
    .map(|(s, _)| s)
}

/// Builds the handbook of `repo` into `out`, then each edition's kit
/// ([`write_kits`]) for `release`, printed with `printer` (or without a
/// PDF, for the reason given).
pub fn build_with_kits(
    repo: &Repository,
    out: &Path,
    extra: &[ExtraPage],
    release: &Release,
    printer: Result<&Printer<'_>, &str>,
) -> Result<(BuildSummary, Vec<KitReport>), SiteError> {
    let staging = tempfile::tempdir()
        .map_err(|e| SiteError(format!("cannot create a staging directory: {e}")))?;
    let staged = stage(repo, staging.path(), extra)?;
    let summary = render(&staged, out)?;
    let kits = write_kits(&staged, out, release, printer)?;
    Ok((summary, kits))
}

/// A book written out for mdBook by [`stage`], ready to [`render`].
pub struct Staged {
    dir: PathBuf,
    root: PathBuf,
    written: usize,
    generated: usize,
    kits: Vec<StagedKit>,
}

/// Writes the book mdBook reads into `staging` (an empty directory): the
/// hand-written chapters with their charts, every generated page, the
/// downloads and `SUMMARY.md`. Needs only the repository, so it can run
/// while the lint does.
///
/// Content is read only by the content rule (`sc3_model::fsx::read`), and
/// every file is written by the output rule (`sc3_model::fsx::write`) inside
/// `staging`: ids are checked and every path is built before anything is
/// written, so a hostile id fails the staging with nothing written, and no
/// path can leave `staging`. `book/theme` is never taken.
pub fn stage(repo: &Repository, staging: &Path, extra: &[ExtraPage]) -> Result<Staged, SiteError> {
    check_ids(repo)?;
    let root = &repo.root;
    let mut chapters = read_chapters(root)?;
    let written = chapters
        .files
        .iter()
        .filter(|(p, _)| is_markdown(p) && p != "SUMMARY.md")
        .count();

    // Charts: `<!-- chart: id -->` in a hand-written chapter becomes the SVG
    // drawn from book/data/*.toml.
    let charts = charts::load_charts(root)?;
    for (path, bytes) in &mut chapters.files {
        if !is_markdown(path) {
            continue;
        }
        let text = std::str::from_utf8(bytes).expect("checked when read");
        if text.contains("<!-- chart:") {
            let placed = charts::place_charts(text, &charts, &format!("{BOOK_SRC}/{path}"))?;
            *bytes = placed.into_bytes();
        }
    }

    let mut summary = match chapters.files.iter().find(|(p, _)| p == "SUMMARY.md") {
        Some((_, bytes)) => String::from_utf8(bytes.clone()).expect("checked when read"),
        None => default_summary(&chapters),
    };
    if !summary.ends_with('\n') {
        summary.push('\n');
    }

    let templates = regulations::read_templates(root)?;
    let policy = regulations::read_policy(root)?;
    let (parts, files) = generate(repo, &templates, policy.as_ref())?;
    let kits = stage_kits(repo, &parts, &files, &templates, policy.as_ref())?;
    // The summary lists every page in order; the pages themselves are then
    // written in parallel (a thousand files at scale).
    let mut pages: Vec<(&str, &[u8])> = Vec::new();
    for part in &parts {
        summary.push_str(&format!("\n# {}\n\n", summary_text(&part.title)));
        for (depth, page) in &part.pages {
            pages.push((&page.path, page.markdown.as_bytes()));
            let indent = "  ".repeat(*depth);
            summary.push_str(&format!(
                "{indent}- [{}]({})\n",
                summary_text(&page.title),
                page.path
            ));
        }
    }
    let mut part: Option<&str> = None;
    for page in extra {
        if part != Some(page.part.as_str()) {
            summary.push_str(&format!("\n# {}\n\n", summary_text(&page.part)));
            part = Some(&page.part);
        }
        pages.push((&page.path, page.markdown.as_bytes()));
        summary.push_str(&format!(
            "{}- [{}]({})\n",
            "  ".repeat(page.depth),
            summary_text(&page.title),
            page.path
        ));
    }
    let generated = pages.len();
    let mut seen = std::collections::HashSet::new();
    if let Some((path, _)) = pages.iter().find(|(p, _)| !seen.insert(*p)) {
        return Err(SiteError(format!(
            "two generated pages have the path {path}: rename one of the guidelines or industries behind them"
        )));
    }
    let hand_written: std::collections::HashSet<&str> =
        chapters.files.iter().map(|(p, _)| p.as_str()).collect();
    if let Some((path, _)) = pages.iter().find(|(p, _)| hand_written.contains(p)) {
        return Err(SiteError(format!(
            "book/src/{path} is hand-written but the build generates that page: rename or remove it"
        )));
    }
    check_summary(&summary)?;
    let summary = summary.into_bytes();
    let src_files: Vec<(&str, &[u8])> = chapters
        .files
        .iter()
        .filter(|(p, _)| p != "SUMMARY.md")
        .map(|(p, b)| (p.as_str(), b.as_slice()))
        .chain(files.iter().map(|(p, b)| (p.as_str(), b.as_slice())))
        .chain(
            extra
                .iter()
                .flat_map(|e| e.files.iter().map(|(p, b)| (p.as_str(), b.as_slice()))),
        )
        .chain(pages)
        .chain(std::iter::once(("SUMMARY.md", summary.as_slice())))
        .collect();
    // Every path is checked before the first file is written.
    for (path, _) in &src_files {
        fsx::out_path(staging, &format!("src/{path}")).map_err(|e| SiteError(e.to_string()))?;
    }
    let write = |rel: &str, bytes: &[u8]| {
        fsx::write(staging, rel, bytes)
            .map(|_| ())
            .map_err(|e| SiteError(e.to_string()))
    };
    write(STYLESHEET, include_str!("../templates/sc3.css").as_bytes())?;
    write(
        SEARCH_SCRIPT,
        include_str!("../templates/sc3-search.js").as_bytes(),
    )?;
    write(
        DIAGNOSIS_SCRIPT,
        include_str!("../templates/sc3-diagnosis.js").as_bytes(),
    )?;
    src_files
        .par_iter()
        .try_for_each(|(path, bytes)| write(&format!("src/{path}"), bytes))?;
    Ok(Staged {
        dir: staging.to_path_buf(),
        root: root.clone(),
        written,
        generated,
        kits,
    })
}

/// Builds a staged book into `out` with mdBook, then writes the search index.
pub fn render(staged: &Staged, out: &Path) -> Result<BuildSummary, SiteError> {
    let Staged {
        dir: staging,
        root,
        written,
        generated,
        kits: _,
    } = staged;
    let out = absolute(out)?;
    let cfg = config(root, &out)?;
    let book = MDBook::load_with_config(staging, cfg)
        .map_err(|e| SiteError(format!("mdBook could not load the handbook: {e:#}")))?;
    let chapters = book
        .iter()
        .filter(|i| matches!(i, mdbook_driver::book::BookItem::Chapter(_)))
        .count();
    book.build()
        .map_err(|e| SiteError(format!("mdBook could not build the handbook: {e:#}")))?;
    // mdBook has emptied `out` and written the pages: a page that could run
    // script takes the whole output with it, so nothing of it is served.
    if let Err(e) = harden::harden(&out) {
        let _ = std::fs::remove_dir_all(&out);
        return Err(e);
    }
    search::write_index(&out)?;
    Ok(BuildSummary {
        chapters,
        written: *written,
        generated: *generated,
    })
}
