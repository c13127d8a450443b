//! Finding and reading content files into a [`Repository`].
//!
//! The loader never stops at the first problem and never panics on bad input:
//! every file is read, every problem becomes a [`Diagnostic`] with its place,
//! and whatever could be understood is kept in the model.

mod discover;
mod fields;
mod kinds;
mod prh_source;

use std::fs;
use std::io;
use std::ops::Range;
use std::path::Path;

use rayon::prelude::*;
use toml::de::DeTable;

use crate::Repository;
use crate::diag::{Diagnostic, codes};
use crate::fsx;
use crate::source::{FileId, SourceFile};

use discover::{FileKind, discover, in_glossary, kind_of, read_error};

/// The code owners file, relative to the root.
pub const CODEOWNERS: &str = ".github/CODEOWNERS";

/// Files larger than this are reported and not read ([`fsx::MAX_FILE_SIZE`]).
pub const MAX_FILE_SIZE: u64 = fsx::MAX_FILE_SIZE;

/// At most this many syntax errors are reported per file: later ones are
/// usually echoes of the first.
const MAX_SYNTAX_ERRORS: usize = 5;

/// The loaded repository and every problem found while reading it.
#[derive(Debug)]
pub struct Loaded {
    pub repo: Repository,
    pub diagnostics: Vec<Diagnostic>,
}

/// Loads every content file under `root`.
///
/// Fails only if `root` is not a readable directory; every problem with the
/// content itself is a diagnostic in the result. Every file is read through
/// [`fsx::read`]: never through a symbolic link, and at most
/// [`MAX_FILE_SIZE`] bytes.
pub fn load(root: &Path) -> io::Result<Loaded> {
    let meta = fs::metadata(root)?;
    if !meta.is_dir() {
        return Err(io::Error::new(
            io::ErrorKind::NotADirectory,
            format!("{} はフォルダではありません", root.display()),
        ));
    }
    let mut diagnostics = Vec::new();
    let (found, findings, others) = discover(root);
    let mut repo = Repository {
        root: root.to_path_buf(),
        other_files: others,
        ..Repository::default()
    };
    let config = crate::config::FILE_NAME;
    match fsx::kind(root, config) {
        Ok(None) => {}
        Ok(Some(_)) => match fsx::read(root, config) {
            Ok(bytes) => read_config(&mut repo, &mut diagnostics, &bytes),
            Err(e) => {
                let id = repo.add_file(SourceFile::new(config, String::new(), false));
                diagnostics.push(read_error(e).in_file(id));
            }
        },
        Err(e) => diagnostics.push(read_error(e)),
    }
    // The code owners, as text: the lint checks them against the content.
    match fsx::kind(root, CODEOWNERS) {
        Ok(None) => {}
        Ok(Some(_)) => match fsx::read(root, CODEOWNERS) {
            Ok(bytes) => {
                let (text, bom, _) = decode(&bytes);
                let id = repo.add_file(SourceFile::new(CODEOWNERS, text, bom));
                repo.codeowners = Some(id);
            }
            Err(e) => {
                let id = repo.add_file(SourceFile::new(CODEOWNERS, String::new(), false));
                diagnostics.push(read_error(e).in_file(id));
            }
        },
        Err(e) => diagnostics.push(read_error(e)),
    }
    // Files are read and parsed in parallel, each on its own with the id it
    // will have, then added in discovery order, so ids and diagnostics do
    // not depend on the scheduling. A file is parsed as soon as it is read
    // (a dictionary takes longest: it starts while others are still read).
    // prh dictionaries are read (with their imports) in the same pass; the
    // merge gives them their ids.
    let first = repo.files.len();
    let done: Vec<Done> = found
        .into_par_iter()
        .enumerate()
        .map(|(i, (rel, kind))| match (kind, fsx::read(root, &rel)) {
            (_, Err(e)) => Done::Unread(rel, read_error(e)),
            (FileKind::Prh, Ok(bytes)) => Done::Prh(prh_source::read_prh(root, rel, &bytes)),
            (_, Ok(bytes)) => Done::File(Box::new(parse_file(FileId(first + i), rel, kind, bytes))),
        })
        .collect();
    for done in done {
        match done {
            Done::File(p) => p.merge(&mut repo, &mut diagnostics),
            Done::Prh(p) => p.merge(&mut repo, &mut diagnostics),
            Done::Unread(rel, d) => {
                let id = repo.add_file(SourceFile::new(rel, String::new(), false));
                diagnostics.push(d.in_file(id));
            }
        }
    }
    // What the walk found besides content: links, files the site does not
    // publish, a theme. Each is reported at its path.
    for (rel, d) in findings {
        let id = repo.add_file(SourceFile::new(rel, String::new(), false));
        diagnostics.push(d.in_file(id));
    }
    Ok(Loaded { repo, diagnostics })
}

/// Loads content given as (path, bytes) pairs, as if they were files under a root.
/// Paths ending in `.md` are Markdown, in `.hbs` templates; `.yml` and `.yaml`
/// files directly in `guidelines/glossary/` are prh dictionaries (whose
/// imports are read among the files given; other YAML files are read only
/// as imports); `.github/CODEOWNERS` is kept as text; `lint.toml` is the settings file; all others TOML.
/// Used by tests and fuzzing.
pub fn load_from_memory<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> Loaded {
    let mut repo = Repository::default();
    let mut diagnostics = Vec::new();
    let files: Vec<(&str, &[u8])> = files.into_iter().collect();
    // What a prh dictionary's imports read.
    let all: std::collections::BTreeMap<String, &[u8]> =
        files.iter().map(|(p, b)| ((*p).to_owned(), *b)).collect();
    for (path, bytes) in files {
        if path == CODEOWNERS {
            let (text, bom, _) = decode(bytes);
            let id = repo.add_file(SourceFile::new(path, text, bom));
            repo.codeowners = Some(id);
            continue;
        }
        let in_glossary = in_glossary(path);
        let yaml = path.ends_with(".yml") || path.ends_with(".yaml");
        if yaml && !in_glossary {
            // As on disk, not content: only a dictionary's import reads it.
            continue;
        }
        let kind = if path.ends_with(".md") {
            FileKind::Markdown
        } else if path.ends_with(".hbs") {
            FileKind::Template
        } else if yaml {
            FileKind::Prh
        } else {
            FileKind::Toml
        };
        if path == crate::config::FILE_NAME {
            read_config(&mut repo, &mut diagnostics, bytes);
        } else if kind == FileKind::Prh {
            prh_source::read_prh_in_memory(&mut repo, &mut diagnostics, path, bytes, &all);
        } else {
            read_file(&mut repo, &mut diagnostics, path.to_owned(), kind, bytes);
        }
    }
    Loaded { repo, diagnostics }
}

/// Reads one file again, from `bytes` (an editor's unsaved buffer), into a
/// repository already loaded: the file keeps its [`FileId`] (a new path gets
/// the next one), what it defined before is taken out of the model, and
/// what it defines now is added. Only this file is parsed; a prh dictionary
/// reads its imports from disk, as [`load`] does. Returns the loader's
/// findings in this file, or `None` for a path that is not content the
/// loader reads (`lint.toml`, `.github/CODEOWNERS`, any other file): the
/// caller loads the repository again for those.
///
/// A document read again is added after the others of its kind, so where
/// an id is defined twice the first definition may change; the duplicate is
/// reported either way.
pub fn replace_file(repo: &mut Repository, rel: &str, bytes: &[u8]) -> Option<Vec<Diagnostic>> {
    let kind = kind_of(rel)?;
    let id = match repo.files.iter().position(|f| f.path == rel) {
        Some(i) => FileId(i),
        None => FileId(repo.files.len()),
    };
    repo.guidelines.retain(|g| g.file != id);
    repo.industries.retain(|i| i.file != id);
    repo.glossaries.retain(|g| g.file != id);
    repo.crosswalks.retain(|c| c.file != id);
    repo.markdown.retain(|&f| f != id);
    repo.templates.retain(|&f| f != id);
    repo.prh.retain(|p| p.file != id);
    let mut diagnostics = Vec::new();
    if kind == FileKind::Prh {
        // Read into a repository of its own, then moved to `id`.
        let mut own = Repository {
            root: repo.root.clone(),
            ..Repository::default()
        };
        let overlay = prh_source::Overlay {
            root: &repo.root,
            rel,
            bytes,
        };
        prh_source::read_prh_with(&mut own, &mut diagnostics, rel.to_owned(), bytes, &overlay);
        let source = own.files.swap_remove(0);
        put_file(repo, id, source);
        repo.prh.extend(own.prh.into_iter().map(|mut p| {
            p.file = id;
            p
        }));
        for d in &mut diagnostics {
            d.file = Some(id);
        }
        return Some(diagnostics);
    }
    let parsed = parse_file(id, rel.to_owned(), kind, bytes.to_vec());
    put_file(repo, id, parsed.source);
    diagnostics.extend(parsed.diagnostics);
    add_document(repo, id, kind, parsed.document);
    Some(diagnostics)
}

/// Sets file `id` (an existing one, or the next).
fn put_file(repo: &mut Repository, id: FileId, source: SourceFile) {
    if id.0 < repo.files.len() {
        repo.files[id.0] = source;
    } else {
        repo.add_file(source);
    }
}

/// Decodes bytes as UTF-8: removes a BOM, replaces invalid sequences and tells
/// where the first one was.
fn decode(bytes: &[u8]) -> (String, bool, Option<usize>) {
    decode_owned(bytes.to_vec())
}

/// [`decode`] of bytes the caller gives away: valid UTF-8 becomes the
/// text without a copy (a megabyte of Markdown is not copied twice).
fn decode_owned(mut bytes: Vec<u8>) -> (String, bool, Option<usize>) {
    let bom = bytes.starts_with(b"\xEF\xBB\xBF");
    if bom {
        bytes.drain(..3);
    }
    match String::from_utf8(bytes) {
        Ok(s) => (s, bom, None),
        Err(e) => (
            String::from_utf8_lossy(e.as_bytes()).into_owned(),
            bom,
            Some(e.utf8_error().valid_up_to()),
        ),
    }
}

fn read_file(
    repo: &mut Repository,
    diagnostics: &mut Vec<Diagnostic>,
    rel: String,
    kind: FileKind,
    bytes: &[u8],
) {
    parse_file(FileId(repo.files.len()), rel, kind, bytes.to_vec()).merge(repo, diagnostics);
}

/// One file, read on its own: what goes into the repository once it has the
/// id `id`.
/// A file read in the parallel pass, not yet in the model.
enum Done {
    File(Box<Parsed>),
    Prh(prh_source::Read),
    /// A file that could not be read (its path and why).
    Unread(String, Diagnostic),
}

struct Parsed {
    id: FileId,
    source: SourceFile,
    kind: FileKind,
    document: Option<kinds::Document>,
    diagnostics: Vec<Diagnostic>,
}

impl Parsed {
    fn merge(self, repo: &mut Repository, diagnostics: &mut Vec<Diagnostic>) {
        let id = repo.add_file(self.source);
        debug_assert_eq!(
            id, self.id,
            "files are added in the order their ids were given"
        );
        diagnostics.extend(self.diagnostics);
        add_document(repo, id, self.kind, self.document);
    }
}

/// Adds what file `id` defines to the model.
fn add_document(
    repo: &mut Repository,
    id: FileId,
    kind: FileKind,
    document: Option<kinds::Document>,
) {
    match document {
        Some(kinds::Document::Guideline(g)) => repo.guidelines.push(*g),
        Some(kinds::Document::Industry(i)) => repo.industries.push(i),
        Some(kinds::Document::Glossary(g)) => repo.glossaries.push(g),
        Some(kinds::Document::Crosswalk(c)) => repo.crosswalks.push(c),
        None if kind == FileKind::Markdown => repo.markdown.push(id),
        None if kind == FileKind::Template => repo.templates.push(id),
        None => {}
    }
}

fn parse_file(id: FileId, rel: String, kind: FileKind, bytes: Vec<u8>) -> Parsed {
    let (text, bom, invalid_at) = decode_owned(bytes);
    let file = SourceFile::new(rel, text, bom);
    let mut diagnostics = Vec::new();
    if let Some(at) = invalid_at {
        let width = file.text[at..].chars().next().map_or(0, char::len_utf8);
        diagnostics.push(
            Diagnostic::error(
                codes::UNREADABLE,
                format!("{} の文字コードが UTF-8 ではありません", file.path),
            )
            .at(id, at..at + width)
            .with_label("UTF-8 ではない文字")
            .with_help("ファイルを UTF-8 で保存し直してください（Excel やメモ帳では、保存するときに文字コード「UTF-8」を選びます）。読めない文字は � と表示されます"),
        );
    }
    let document = match kind {
        FileKind::Markdown | FileKind::Template => None,
        FileKind::Toml | FileKind::Prh => read_toml(&file, &mut diagnostics, id),
    };
    Parsed {
        id,
        source: file,
        kind,
        document,
        diagnostics,
    }
}

/// Reads `lint.toml` into `repo.config`, reporting problems like any content file.
fn read_config(repo: &mut Repository, diagnostics: &mut Vec<Diagnostic>, bytes: &[u8]) {
    let (text, bom, invalid_at) = decode(bytes);
    let id = repo.add_file(SourceFile::new(crate::config::FILE_NAME, text, bom));
    if invalid_at.is_some() {
        diagnostics.push(
            Diagnostic::error(
                codes::UNREADABLE,
                format!(
                    "{} の文字コードが UTF-8 ではありません",
                    crate::config::FILE_NAME
                ),
            )
            .in_file(id),
        );
        return;
    }
    let text = repo.files[id.0].text.clone();
    let (table, errors) = DeTable::parse_recoverable(&text);
    if let Some(e) = errors.first() {
        let span = e.span().unwrap_or(0..0);
        diagnostics.push(
            Diagnostic::error(
                codes::SYNTAX,
                format!("TOML の書き方が正しくありません: {}", e.message()),
            )
            .at(id, whole_chars(&text, span)),
        );
        return;
    }
    let top = fields::Fields::new(id, table.get_ref(), table.span(), "lint.toml");
    top.check_keys(&["terms", "owners"], diagnostics);
    if let Some((owners, span)) = top.table("owners", diagnostics) {
        let f = fields::Fields::new(id, owners, span, "[owners]");
        f.check_keys(&["shared", "base"], diagnostics);
        repo.config.owners = Some(crate::config::Owners {
            shared: f
                .list("shared", diagnostics)
                .into_iter()
                .map(|s| s.value)
                .collect(),
            base: f
                .list("base", diagnostics)
                .into_iter()
                .map(|s| s.value)
                .collect(),
        });
    }
    if let Some((terms, span)) = top.table("terms", diagnostics) {
        let f = fields::Fields::new(id, terms, span, "[terms]");
        f.check_keys(
            &[
                "fullwidth-alnum",
                "halfwidth-kana",
                "compatibility",
                "allow",
            ],
            diagnostics,
        );
        let w = &mut repo.config.width;
        if let Some(b) = f.boolean("fullwidth-alnum", diagnostics) {
            w.fullwidth_alnum = b;
        }
        if let Some(b) = f.boolean("halfwidth-kana", diagnostics) {
            w.halfwidth_kana = b;
        }
        if let Some(b) = f.boolean("compatibility", diagnostics) {
            w.compatibility = b;
        }
        for s in f.list("allow", diagnostics) {
            let mut chars = s.value.chars();
            match (chars.next(), chars.next()) {
                (Some(c), None) => w.allow.push(c),
                _ => diagnostics.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        format!("allow には1文字ずつ書きます（「{}」）", s.value),
                    )
                    .at(id, s.span.clone())
                    .with_help("例: allow = [\"①\", \"②\"]"),
                ),
            }
        }
    }
}

/// A parser's error span as whole characters of `text`, at least one when
/// there is one: an empty span still underlines something, and no span starts
/// or ends inside a multi-byte character.
fn whole_chars(text: &str, span: Range<usize>) -> Range<usize> {
    let mut start = span.start.min(text.len());
    while !text.is_char_boundary(start) {
        start -= 1;
    }
    let mut end = span.end.clamp(start, text.len());
    while !text.is_char_boundary(end) {
        end += 1;
    }
    if end == start {
        end += text[start..].chars().next().map_or(0, char::len_utf8);
    }
    start..end
}

fn read_toml(
    file: &SourceFile,
    diagnostics: &mut Vec<Diagnostic>,
    id: FileId,
) -> Option<kinds::Document> {
    if file.text.trim().is_empty() {
        diagnostics.push(
            Diagnostic::error(codes::EMPTY, format!("{} は空です", file.path))
                .in_file(id)
                .with_help("ファイルの先頭に [guideline]、[industry]、[glossary]、[crosswalk] のどれかを書くか、ファイルを削除してください"),
        );
        return None;
    }
    let text = &file.text;
    let (table, errors) = DeTable::parse_recoverable(text);
    let mut syntax: Vec<_> = errors
        .iter()
        .map(|e| (e.span().unwrap_or(0..0), e.message().to_owned()))
        .collect();
    syntax.sort_by_key(|(span, _)| (span.start, span.end));
    let mut last_line = 0;
    let mut reported = 0;
    for (span, message) in &syntax {
        let line = file.position(span.start).line;
        if line == last_line || reported == MAX_SYNTAX_ERRORS {
            continue;
        }
        last_line = line;
        reported += 1;
        diagnostics.push(
            Diagnostic::error(codes::SYNTAX, format!("TOML の書き方が正しくありません: {message}"))
                .at(id, whole_chars(text, span.clone()))
                .with_label("ここの書き方が正しくない")
                .with_help("文字列はダブルクォートで囲み（title = \"…\"）、リストは角かっこで囲みます（tags = [\"…\"]）"),
        );
    }
    // Keep what the parser recovered so references to it still resolve, but do not
    // report its shape: those reports would mostly echo the syntax error.
    let mut shape = Vec::new();
    let document = kinds::read_document(&file.path, &mut shape, id, table.get_ref(), table.span());
    if syntax.is_empty() {
        shape.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
        diagnostics.append(&mut shape);
    }
    document
}

#[cfg(test)]
mod tests {
    use super::decode;

    #[test]
    fn bytes_decode_to_text_with_the_bom_and_the_first_invalid_byte() {
        let cases: [(&[u8], &str, bool, Option<usize>); 7] = [
            (b"", "", false, None),
            ("取り組み\n".as_bytes(), "取り組み\n", false, None),
            (b"\xEF\xBB\xBFtitle = 1\n", "title = 1\n", true, None),
            (b"\xEF\xBB\xBF", "", true, None),
            (
                b"ok \xFF\xFE then more",
                "ok \u{FFFD}\u{FFFD} then more",
                false,
                Some(3),
            ),
            (
                b"\xEF\xBB\xBFbom \xE3\x81 cut",
                "bom \u{FFFD} cut",
                true,
                Some(4),
            ),
            (b"\xEF\xBB\xBFa\xFFb", "a\u{FFFD}b", true, Some(1)),
        ];
        for (bytes, text, bom, invalid) in cases {
            assert_eq!(decode(bytes), (text.to_owned(), bom, invalid), "{bytes:?}");
        }
    }
}
