//! The handbook: hand-written chapters from `book/src/` plus pages generated from
//! the content model, built with mdBook used as a library.
//!
//! The build works in a temporary staging directory: the hand-written sources are
//! copied there, generated pages are written beside them, and the table of
//! contents is extended with them. Nothing generated is ever written into
//! `book/src/`, so generated pages are never committed by accident.
//!
//! Content is read only through `sc3_model::fsx` (never through a symbolic
//! link, at most 16 MB a file), only the static file types of
//! `fsx::PUBLISHED_EXTENSIONS` are copied from `book/src/`, `book/theme/` is
//! never taken, and every file is written with `fsx::write` inside the
//! staging directory, at paths checked before the first write.

pub mod charts;
pub mod escape;
pub mod harden;
pub mod industries;
pub mod inferred;
pub mod links;
pub mod migration;
pub mod notices;
pub mod pages;
pub mod regulations;
pub mod search;
pub mod toolkit_pages;

use std::fmt;
use std::path::{Path, PathBuf};

use mdbook_driver::MDBook;
use mdbook_driver::config::Config;
use rayon::prelude::*;
use sc3_model::{GuidelineRef, Repository, fsx};

pub use pages::{Coverage, Page};

/// The handbook's title when `book/book.toml` does not give one.
pub const DEFAULT_TITLE: &str = "業界セキュリティガイドライン導入手引き";

/// The stylesheet of the generated pages, written into the staging directory.
const STYLESHEET: &str = "sc3.css";
/// The search script, written into the staging directory.
const SEARCH_SCRIPT: &str = "sc3-search.js";
/// The self-diagnosis page's script.
const DIAGNOSIS_SCRIPT: &str = "sc3-diagnosis.js";

/// A page handed in by the caller (the rule reference, for instance), already
/// in Markdown. Its content is trusted: it comes from this program, not from
/// pull requests.
#[derive(Clone, Debug)]
pub struct ExtraPage {
    /// Path under `src/`, e.g. `reference/rules.md`.
    pub path: String,
    pub title: String,
    pub markdown: String,
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

/// Every generated page of the repository, in table-of-contents order, and
/// the files the pages offer for download (path under `src/`, bytes).
/// `templates` are the sample-regulation templates (`book/regulations`).
/// `policy` is the sample basic policy's template (`book/policy`), if any.
pub fn generate(
    repo: &Repository,
    templates: &[regulations::Template],
    policy: Option<&regulations::Template>,
) -> Result<(Vec<Part>, Vec<File>), SiteError> {
    let mut guidelines: Vec<_> = repo
        .guidelines
        .iter()
        .filter(|g| !g.id.value.is_empty())
        .collect();
    guidelines
        .sort_by(|a, b| (&a.id.value, &a.version.value).cmp(&(&b.id.value, &b.version.value)));
    let mut crosswalks: Vec<_> = repo.crosswalks.iter().collect();
    crosswalks.sort_by_key(|c| c.key());

    // Pages are independent of each other: each kind is generated in
    // parallel, then assembled in order.
    let g_built: Vec<Page> = guidelines
        .par_iter()
        .map(|g| pages::guideline_page(repo, g))
        .collect();
    let mut g_pages = Vec::new();
    let mut g_rows = Vec::new();
    for (g, page) in guidelines.iter().zip(g_built) {
        g_rows.push(vec![
            pages::cell_link(
                1,
                &links::guideline(&g.id.value, &g.version.value),
                &g.title.value,
            ),
            pages::cell(&g.version.value),
            pages::cell(g.publisher.as_ref().map_or("", |p| p.value.as_str())),
            g.items.len().to_string(),
        ]);
        g_pages.push(page);
    }
    let g_index = pages::index_page(
        &links::guidelines_index().file(),
        "ガイドライン一覧",
        "リポジトリにあるガイドライン（カタログ）の一覧です。各ページで、グループごとの項目と、その要約を見られます。",
        &["ガイドライン", "版", "発行", "項目数"],
        g_rows,
    );

    let mut c_pages = Vec::new();
    let mut c_rows = Vec::new();
    let mut cited_rows = Vec::new();
    let mut coverage = Vec::new();
    let mut files = Vec::new();
    let index = repo.index();
    let c_built = crosswalks
        .par_iter()
        .map(|cw| {
            let (page, cov) = pages::crosswalk_page(repo, cw);
            // The crosswalk as spreadsheets, next to its page.
            let src = GuidelineRef::parse(&cw.source.value).ok();
            let title = |id: &str| {
                src.as_ref()
                    .and_then(|s| index.guideline(s))
                    .and_then(|g| g.item(id))
                    .map_or(String::new(), |it| it.title.value.clone())
            };
            let sheet = sc3_interop::spreadsheet::crosswalk_sheet(cw, &title);
            let xlsx = sc3_interop::spreadsheet::to_xlsx(&sheet, "突合表").map_err(SiteError)?;
            Ok((page, cov, sc3_interop::spreadsheet::to_csv(&sheet), xlsx))
        })
        .collect::<Result<Vec<_>, SiteError>>()?;
    for (cw, (page, cov, csv, xlsx)) in crosswalks.iter().zip(c_built) {
        files.push((links::crosswalk_download(cw, "csv"), csv));
        files.push((links::crosswalk_download(cw, "xlsx"), xlsx));
        coverage.push((links::crosswalk(cw), page.title.clone(), cov.clone()));
        let total = cov.total();
        if !cw.is_judgment() {
            // A citation is not coverage: counts only, no shares.
            cited_rows.push(vec![
                pages::cell_link(1, &links::crosswalk(cw), &page.title),
                pages::cell(cw.status().as_str()),
                cov.cited.to_string(),
                cov.not_cited.to_string(),
                cov.unmapped.to_string(),
            ]);
            c_pages.push(page);
            continue;
        }
        c_rows.push(vec![
            pages::cell_link(1, &links::crosswalk(cw), &page.title),
            pages::cell(cw.status().as_str()),
            format!(
                "{}（{}）",
                cov.covered,
                pages::percent_of(cov.covered, total)
            ),
            format!(
                "{}（{}）",
                cov.partial,
                pages::percent_of(cov.partial, total)
            ),
            format!("{}（{}）", cov.none, pages::percent_of(cov.none, total)),
            cov.unmapped.to_string(),
        ]);
        c_pages.push(page);
    }
    let mut c_index = pages::index_page(
        &links::crosswalks_index().file(),
        "突合表一覧",
        "業界の要求事項を基本となるガイドラインと突き合わせた表（突合表）の一覧です。対応・準対応・非対応は、各突合表の担当者の判定です。割合は、範囲内の突合元の項目に対するものです。",
        &["突合表", "状態", "対応", "準対応", "非対応", "未記入"],
        c_rows,
    );
    if !cited_rows.is_empty() {
        let cited = pages::index_page(
            &links::crosswalks_index().file(),
            "参照の対照表",
            "発行者の文書の参照欄が、別のガイドラインのどの項目を挙げているかを写した表です。参照は要求を満たすかどうかの判定ではないので、件数だけを示し、割合は示しません。",
            &["対照表", "状態", "参照あり", "参照なし", "未記入"],
            cited_rows,
        );
        // The second table, one heading level down.
        c_index.markdown.push_str(
            "
#",
        );
        c_index.markdown.push_str(&cited.markdown);
    }

    let nested = |index: Page, rest: Vec<Page>| -> Vec<(usize, Page)> {
        std::iter::once((0, index))
            .chain(rest.into_iter().map(|p| (1, p)))
            .collect()
    };
    let mut parts = vec![
        Part {
            title: "ガイドライン".to_owned(),
            pages: nested(g_index, g_pages),
        },
        Part {
            title: "突合表".to_owned(),
            pages: nested(c_index, c_pages),
        },
    ];
    // New versions of guidelines, and crosswalks inferred through a pivot.
    if let Some(page) = migration::migration_page(repo) {
        parts.push(Part {
            title: "版の移行".to_owned(),
            pages: vec![(0, page)],
        });
    }
    if let Some((index, pages)) = inferred::inferred_pages(repo) {
        parts.push(Part {
            title: "推定の突合".to_owned(),
            pages: nested(index, pages),
        });
    }

    // Industry editions, the glossary, and the sample regulations.
    let eds = regulations::editions(repo);
    let mut i_rows = Vec::new();
    let mut i_pages = Vec::new();
    for ed in &eds {
        if let Some(ind) = ed.industry {
            let page = industries::industry_page(repo, ind, &coverage);
            i_rows.push(vec![
                pages::cell_link(1, &links::industry(&ind.id.value), &ind.name.value),
                pages::cell(ind.association.as_ref().map_or("", |a| a.value.as_str())),
                (ind.handling.len()).to_string(),
                (ind.measures.len()).to_string(),
                pages::cell_link(1, &links::regulations_index(&ind.id.value), "サンプル規程"),
            ]);
            i_pages.push(page);
        }
    }
    let i_index = pages::index_page(
        &links::industries_index().file(),
        "業界版一覧",
        "業界団体ごとの業界版です。業界の用語、業界固有の情報取扱いと対策、突合表、業界向けのサンプル規程をまとめています。",
        &["業界", "業界団体", "情報取扱い", "対策", "サンプル規程"],
        i_rows,
    );
    let mut industry_part = nested(i_index, i_pages);
    industry_part.push((0, industries::glossary_page(repo)));
    parts.push(Part {
        title: "業界版と用語集".to_owned(),
        pages: industry_part,
    });
    if !templates.is_empty() {
        let mut reg = regulations::registry(templates)?;
        if let Some(p) = policy {
            regulations::register(&mut reg, p)?;
        }
        let mut pages_out = Vec::new();
        let editions = eds
            .par_iter()
            .map(|ed| regulations::render_edition(&reg, templates, repo, ed))
            .collect::<Result<Vec<_>, _>>()?;
        for rendered in editions {
            let mut it = rendered.into_iter();
            if let Some(index) = it.next() {
                pages_out.push((0, index));
            }
            pages_out.extend(it.map(|p| (1, p)));
        }
        parts.push(Part {
            title: "サンプル規程".to_owned(),
            pages: pages_out,
        });
    }
    // The toolkit: the self-diagnosis page and the worked example.
    if let Some(spec) = toolkit_pages::spec(&repo.root)? {
        let mut tools = vec![(0, toolkit_pages::diagnosis_page(repo, &spec))];
        let (example, example_files) = toolkit_pages::example(repo, &spec)?;
        let mut example = example.into_iter();
        if let Some(first) = example.next() {
            tools.push((0, first));
            tools.extend(example.map(|p| (1, p)));
        }
        files.extend(example_files);
        parts.push(Part {
            title: "加盟企業のためのツール".to_owned(),
            pages: tools,
        });
    }
    Ok((parts, files))
}

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

/// Builds the handbook of `repo` into `out`.
pub fn build(
    repo: &Repository,
    out: &Path,
    extra: &[ExtraPage],
) -> Result<BuildSummary, SiteError> {
    let staging = tempfile::tempdir()
        .map_err(|e| SiteError(format!("cannot create a staging directory: {e}")))?;
    render(&stage(repo, staging.path(), extra)?, out)
}

/// A book written out for mdBook by [`stage`], ready to [`render`].
pub struct Staged {
    dir: PathBuf,
    root: PathBuf,
    written: usize,
    generated: usize,
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
    if !extra.is_empty() {
        summary.push_str("\n# リファレンス\n\n");
        for page in extra {
            pages.push((&page.path, page.markdown.as_bytes()));
            summary.push_str(&format!(
                "- [{}]({})\n",
                summary_text(&page.title),
                page.path
            ));
        }
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
    })
}

/// Builds a staged book into `out` with mdBook, then writes the search index.
pub fn render(staged: &Staged, out: &Path) -> Result<BuildSummary, SiteError> {
    let Staged {
        dir: staging,
        root,
        written,
        generated,
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
