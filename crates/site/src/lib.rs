//! The handbook: hand-written chapters from `book/src/` plus pages generated from
//! the content model, built with mdBook used as a library.
//!
//! The build works in a temporary staging directory: the hand-written sources are
//! copied there, generated pages are written beside them, and the table of
//! contents is extended with them. Nothing generated is ever written into
//! `book/src/`, so generated pages are never committed by accident.
//!
//! How the crate is laid out:
//!
//! - [`generate`] makes every generated page, one call per part of the table
//!   of contents; each part is a module of [`pages`]. A page module depends on
//!   the shared modules below and never on another page module (tested by
//!   `tests/layout.rs`).
//! - Shared by the pages: [`links`] (every page path, anchor and relative
//!   link), [`escape`] (content as text), [`markdown`] (links, cells, index
//!   tables), [`notices`] (who wrote what), [`charts`] (SVG), [`coverage`]
//!   (a crosswalk's counts) and [`regulations`] (the sample-regulation
//!   templates contributors write, also used by the `regulation` command).
//! - [`book`] stages and renders the book; [`harden`] checks every built page
//!   and [`search`] writes the search index. [`kit`] makes each edition's
//!   kit (README, PDF, documents), which [`book::write_kits`] writes.

pub mod book;
pub mod charts;

pub mod escape;
pub mod harden;
pub mod kit;
pub mod links;
pub mod markdown;
pub mod notices;
pub mod pages;
pub mod regulations;
pub mod search;

use std::fmt;

use sc3_model::Repository;

pub use book::{
    KitReport, Printer, Staged, build, build_plain, build_with_kits, render, stage, write_kits,
};
pub use sc3_model::coverage::Coverage;

/// The handbook's title when `book/book.toml` does not give one.
pub const DEFAULT_TITLE: &str = "業界セキュリティガイドライン導入手引き";

/// A generated page: its path under `src/`, its title in the table of contents,
/// and its Markdown.
#[derive(Clone, Debug)]
pub struct Page {
    pub path: String,
    pub title: String,
    pub markdown: String,
}

/// A page handed in by the caller (the rule reference, for instance), already
/// in Markdown. Its content is trusted: it comes from this program, not from
/// pull requests.
#[derive(Clone, Debug)]
pub struct ExtraPage {
    /// The part of the table of contents it belongs to (consecutive pages
    /// of one part share its heading), e.g. `リファレンス`.
    pub part: String,
    /// Nesting in the table of contents (0: a top-level entry of the part).
    pub depth: usize,
    /// Path under `src/`, e.g. `reference/rules.md`.
    pub path: String,
    pub title: String,
    pub markdown: String,
    /// Files the page offers for download: path under `src/`, bytes.
    pub files: Vec<(String, Vec<u8>)>,
}

/// What a build produced.
#[derive(Clone, Debug, Default)]
pub struct BuildSummary {
    /// Chapters in the table of contents.
    pub chapters: usize,
    /// Hand-written Markdown files.
    pub written: usize,
    /// Generated pages.
    pub generated: usize,
}

#[derive(Debug)]
pub struct SiteError(pub String);

impl fmt::Display for SiteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SiteError {}

/// A file a page offers for download: its path under `src/` and its bytes.
pub type File = (String, Vec<u8>);

/// A part of the table of contents: a title and its pages, each with its
/// nesting depth (0: a top-level entry of the part).
pub struct Part {
    pub title: String,
    pub pages: Vec<(usize, Page)>,
}

impl Part {
    /// A part of one index page with the pages it lists nested under it.
    pub fn nested(title: &str, index: Page, pages: Vec<Page>) -> Part {
        Part {
            title: title.to_owned(),
            pages: std::iter::once((0, index))
                .chain(pages.into_iter().map(|p| (1, p)))
                .collect(),
        }
    }
}

/// The self-diagnosis spec (`book/toolkit/diagnosis.toml`), if the
/// repository has one: for the edition kits' spreadsheets.
pub fn diagnosis_spec(
    root: &std::path::Path,
) -> Result<Option<sc3_toolkit::diagnosis::Spec>, SiteError> {
    pages::toolkit::spec(root)
}

/// Every generated page of the repository, in table-of-contents order, and
/// the files the pages offer for download (path under `src/`, bytes).
/// `templates` are the sample-regulation templates (`book/regulations`).
/// `policy` is the sample basic policy's template (`book/policy`), if any.
pub fn generate(
    repo: &Repository,
    templates: &[regulations::Template],
    policy: Option<&regulations::Template>,
) -> Result<(Vec<Part>, Vec<File>), SiteError> {
    let mut parts = vec![pages::guidelines::part(repo)];
    let crosswalks = pages::crosswalks::part(repo)?;
    parts.push(crosswalks.part);
    let mut files = crosswalks.files;
    // New versions of guidelines, and crosswalks inferred through a pivot.
    parts.extend(pages::migration::part(repo));
    parts.extend(pages::inferred::part(repo));
    // Industry editions and the glossary, then the sample regulations.
    parts.push(pages::industries::part(repo, &crosswalks.coverage));
    parts.extend(pages::regulations::part(repo, templates, policy)?);
    // The toolkit: the self-diagnosis page and the worked example.
    if let Some((part, downloads)) = pages::toolkit::part(repo)? {
        parts.push(part);
        files.extend(downloads);
    }
    Ok((parts, files))
}
