//! Which files under the root are content, and of what kind: the walk of
//! [`super::load`] and the same decision for one path ([`kind_of`]), with
//! the findings about files that are never read (links, unpublished kinds,
//! a `book/theme`).

use std::path::Path;

use crate::diag::{Diagnostic, codes};
use crate::fsx::{self, FsError, Kind};

use super::MAX_FILE_SIZE;

/// The kind of a file found under the root.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum FileKind {
    Toml,
    Markdown,
    /// A prh dictionary in `guidelines/glossary/`.
    Prh,
    /// A Handlebars template of the sample regulations (`book/regulations/`).
    Template,
}

/// Content directories, relative to the root, and what is looked for in each.
const CONTENT_DIRS: &[(&str, FileKind)] = &[
    ("guidelines", FileKind::Toml),
    ("mappings", FileKind::Toml),
    ("book", FileKind::Markdown),
];

/// A file that could not be read, as a diagnostic (without its place).
pub(super) fn read_error(e: FsError) -> Diagnostic {
    match e {
        FsError::Symlink(ref path) => symlink(path),
        FsError::TooLarge { .. } => Diagnostic::error(codes::TOO_LARGE, e.to_string())
            .with_help("内容をいくつかのファイルに分けてください"),
        e => Diagnostic::error(codes::UNREADABLE, e.to_string()),
    }
}

/// The finding for a symbolic link at `path`.
fn symlink(path: &str) -> Diagnostic {
    Diagnostic::error(
        codes::SYMLINK,
        format!(
            "{path} はシンボリックリンクです。GitHub ではシンボリックリンクは1行のファイルに見えますが、リンク先はビルドするマシンのどのファイルでもありえます。内容はシンボリックリンクを通しては読みません"
        ),
    )
    .with_help("シンボリックリンクをやめ、ファイル（フォルダ）そのものを置いてください")
}

/// Whether a path is directly in `guidelines/glossary/` (where prh
/// dictionaries are).
pub(super) fn in_glossary(rel: &str) -> bool {
    rel.strip_prefix("guidelines/glossary/")
        .is_some_and(|n| !n.contains('/'))
}

/// Whether a path is directly in the folders of the sample-regulation
/// templates.
fn in_regulations(rel: &str) -> bool {
    ["book/regulations/", "book/policy/"]
        .iter()
        .any(|dir| rel.strip_prefix(dir).is_some_and(|n| !n.contains('/')))
}

/// What the walk of [`load`] would take a path for, if it reads it.
pub(super) fn kind_of(rel: &str) -> Option<FileKind> {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    if rel.split('/').any(|p| p.starts_with('.') || p.is_empty()) {
        return None;
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e);
    let in_glossary = in_glossary(rel);
    let in_regulations = in_regulations(rel);
    let toml_dir = rel.starts_with("guidelines/") || rel.starts_with("mappings/");
    match ext {
        Some("toml") if toml_dir => Some(FileKind::Toml),
        Some("yml" | "yaml") if in_glossary => Some(FileKind::Prh),
        Some("md") if rel.starts_with("book/") && !rel.starts_with("book/build/") => {
            Some(FileKind::Markdown)
        }
        Some("hbs") if in_regulations => Some(FileKind::Template),
        _ => None,
    }
}

/// A problem the walk found at a path relative to the root.
type Finding = (String, Diagnostic);

/// The content files under `root` (relative paths), in a stable order, and
/// what else the walk found that the lint reports (at a relative path).
///
/// Links are never followed ([`fsx::walk`]) and each is reported, anywhere
/// under the content folders (hidden folders included), the folders
/// themselves included. Files in hidden entries are not read, and
/// `book/build/` (the output) is not entered. Under `book/src`,
/// files the site does not publish ([`fsx::is_published`]) are reported, and
/// so is a `book/theme`.
/// The third list holds every other regular file under the content folders
/// (pictures, downloads, data the site reads): not content, but named like it.
pub(super) fn discover(root: &Path) -> (Vec<(String, FileKind)>, Vec<Finding>, Vec<String>) {
    let mut found = Vec::new();
    let mut findings = Vec::new();
    let mut others = Vec::new();
    for &(dir, kind) in CONTENT_DIRS {
        // Hidden folders are entered only to report links in them.
        let walk = fsx::walk(root, dir, |e| e.rel != "book/build");
        let walk = match walk {
            Ok(w) => w,
            Err(e) => {
                findings.push((e.path().to_owned(), read_error(e)));
                continue;
            }
        };
        for e in walk.errors {
            findings.push((e.path().to_owned(), read_error(e)));
        }
        for entry in walk.entries {
            let rel = entry.rel;
            let name = rel.rsplit('/').next().unwrap_or(&rel);
            let hidden = rel.split('/').any(|part| part.starts_with('.'));
            if rel == "book/theme" {
                findings.push((
                    rel.clone(),
                    Diagnostic::error(
                        codes::THEME,
                        "book/theme は使いません。手引きの見た目（テーマ）はプログラムが決め、リポジトリの内容からは取り込みません",
                    )
                    .with_help("テーマのテンプレートはすべてのページにスクリプトを入れられるため、取り込みません。book/theme を削除してください"),
                ));
            }
            match entry.kind {
                Kind::Symlink => {
                    let d = symlink(&rel);
                    findings.push((rel, d));
                    continue;
                }
                Kind::Other => {
                    let d = read_error(FsError::NotFile(rel.clone()));
                    findings.push((rel, d));
                    continue;
                }
                Kind::Dir => continue,
                Kind::File if hidden || rel.starts_with("book/build/") => continue,
                Kind::File => {}
            }
            let ext = name.rsplit_once('.').map(|(_, e)| e);
            let published = rel.starts_with("book/src/");
            if published && !fsx::is_published(name) {
                findings.push((
                    rel.clone(),
                    Diagnostic::error(
                        codes::UNPUBLISHED_FILE,
                        format!("{rel} は手引きに載せない種類のファイルです。このファイルはサイトにコピーされません"),
                    )
                    .with_help(format!(
                        "載せられるのは .{} のファイルだけです（ブラウザーがスクリプトとして動かしうる .html・.js・.svg・.css などは載せません）。不要なら削除し、図は .png などにしてください",
                        fsx::PUBLISHED_EXTENSIONS.join("・.")
                    )),
                ));
                continue;
            }
            let in_glossary = in_glossary(&rel);
            let in_regulations = in_regulations(&rel);
            let kind = match (kind, ext) {
                (FileKind::Toml, Some("toml")) | (FileKind::Markdown, Some("md")) => kind,
                (FileKind::Toml, Some("yml" | "yaml")) if in_glossary => FileKind::Prh,
                (FileKind::Markdown, Some("hbs")) if in_regulations => FileKind::Template,
                _ => {
                    others.push(rel.clone());
                    if published && entry.len > MAX_FILE_SIZE {
                        let d = read_error(FsError::TooLarge {
                            path: rel.clone(),
                            size: entry.len,
                        });
                        findings.push((rel, d));
                    }
                    continue;
                }
            };
            found.push((rel, kind));
        }
    }
    (found, findings, others)
}
