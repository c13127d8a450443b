//! Reading a dictionary with its imports ([`load`], [`load_with`]), through
//! a [`Files`] the caller chooses.

use std::io;
use std::path::{Component, Path, PathBuf};

use crate::types::effective_version;
use crate::{PrhDictionary, PrhError, PrhImport, PrhRule, parse};

/// How deep `imports` may nest.
pub const MAX_IMPORT_DEPTH: usize = 32;

/// How [`load_with`] reads a dictionary and its imports.
///
/// prh joins an import's path to the directory of the file that imports it;
/// the result is what these methods get (not normalized: `a/../b.yml` stays
/// as written, so errors name the file as the dictionary wrote it). A caller
/// with a rule for reading files (only inside a folder, never through a
/// link, at most so many bytes) implements it here, and every import obeys
/// it. The message of an error (its `Display`) is what the [`PrhError`]
/// says, at the import that named the file.
///
/// A closure `Fn(&Path) -> io::Result<String>` is a `Files` that reads with
/// itself and identifies files by [`lexical_path`].
///
/// ```
/// use std::path::Path;
///
/// // A dictionary and its import, in memory.
/// let read = |path: &Path| match path.to_str() {
///     Some("dict/prh.yml") => Ok("imports: common.yml\nrules:\n  - GitHub\n".to_owned()),
///     Some("dict/common.yml") => Ok("rules:\n  - Docker\n".to_owned()),
///     _ => Err(std::io::Error::other(format!("no {}", path.display()))),
/// };
/// let dictionary = prh::load_with(Path::new("dict/prh.yml"), &read).unwrap();
/// let expected: Vec<&str> = dictionary.rules.iter().map(|r| r.expected.as_str()).collect();
/// assert_eq!(expected, ["GitHub", "Docker"]);
/// ```
pub trait Files {
    /// The text of the file at `path`.
    fn read_to_string(&self, path: &Path) -> io::Result<String>;

    /// The name under which the file at `path` is known, so that an import
    /// cycle is found however its paths are written; an error refuses the
    /// file before it is read. By default, [`lexical_path`].
    fn identify(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(lexical_path(path))
    }
}

impl<F: Fn(&Path) -> io::Result<String>> Files for F {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        self(path)
    }
}

/// The file system as it is ([`std::fs`]): what [`load`] reads with. Files
/// are known by their canonical path (so a link and its target are one
/// file), or by [`lexical_path`] when they have none.
#[derive(Clone, Copy, Debug, Default)]
pub struct StdFiles;

impl Files for StdFiles {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))
    }

    fn identify(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(std::fs::canonicalize(path).unwrap_or_else(|_| lexical_path(path)))
    }
}

/// Reads a dictionary file and, recursively, its imports, from the file
/// system ([`StdFiles`]).
pub fn load(path: &Path) -> Result<PrhDictionary, Vec<PrhError>> {
    load_with(path, &StdFiles)
}

/// Reads a dictionary file and, recursively, its imports, through `files`.
///
/// Whatever `files` allows, an absolute import path is refused (prh would
/// join it under the importing file's directory), import cycles are
/// reported, and imports nest at most [`MAX_IMPORT_DEPTH`] files deep.
pub fn load_with(path: &Path, files: &dyn Files) -> Result<PrhDictionary, Vec<PrhError>> {
    let mut stack = Vec::new();
    let mut errors = Vec::new();
    let mut read = Vec::new();
    let label = path.display().to_string();
    let result = load_rec(
        path,
        &label,
        None,
        false,
        &mut stack,
        &mut read,
        &mut errors,
        files,
    );
    match result {
        Some((version, rules)) if errors.is_empty() => Ok(PrhDictionary {
            version,
            rules,
            files: read,
        }),
        _ => Err(errors),
    }
}

/// `path` with its `.` parts left out and each `..` taking away the part
/// before it, without asking the file system (a `..` at the start stays).
///
/// ```
/// use std::path::Path;
/// assert_eq!(prh::lexical_path(Path::new("a/./b/../c.yml")), Path::new("a/c.yml"));
/// assert_eq!(prh::lexical_path(Path::new("../x.yml")), Path::new("../x.yml"));
/// ```
pub fn lexical_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

// The recursion carries its whole state explicitly; a struct would only rename it.
#[allow(clippy::too_many_arguments)]
fn load_rec(
    path: &Path,
    label: &str,
    from: Option<&PrhImport>,
    disable_imports: bool,
    stack: &mut Vec<PathBuf>,
    read: &mut Vec<PathBuf>,
    errors: &mut Vec<PrhError>,
    files: &dyn Files,
) -> Option<(u32, Vec<PrhRule>)> {
    let at = |msg: String| match (from, stack.last()) {
        (Some(imp), Some(parent)) => {
            PrhError::new(&parent.display().to_string(), imp.line, imp.column, msg)
        }
        _ => PrhError::new(label, 1, 1, msg),
    };
    let key = match files.identify(path) {
        Ok(key) => key,
        Err(e) => {
            errors.push(at(e.to_string()));
            return None;
        }
    };
    if let Some(pos) = stack.iter().position(|p| *p == key) {
        let chain: Vec<String> = stack[pos..]
            .iter()
            .chain(std::iter::once(&key))
            .map(|p| p.display().to_string())
            .collect();
        errors.push(at(format!("import cycle: {}", chain.join(" -> "))));
        return None;
    }
    if stack.len() >= MAX_IMPORT_DEPTH {
        errors.push(at(format!(
            "imports nest deeper than {MAX_IMPORT_DEPTH} files"
        )));
        return None;
    }
    let text = match files.read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            errors.push(at(e.to_string()));
            return None;
        }
    };
    let file = match parse(label, &text) {
        Ok(f) => f,
        Err(mut errs) => {
            errors.append(&mut errs);
            return None;
        }
    };
    read.push(path.to_path_buf());
    let version = effective_version(file.version);
    let mut rules = file.rules;
    if disable_imports {
        return Some((version, rules));
    }
    stack.push(key);
    let dir = path.parent().unwrap_or(Path::new(""));
    for imp in &file.import_specs {
        let rel = Path::new(&imp.path);
        if rel.has_root() || rel.is_absolute() {
            errors.push(PrhError::new(
                label,
                imp.line,
                imp.column,
                format!(
                    "absolute import path `{}` refused: write it relative to this file",
                    imp.path
                ),
            ));
            continue;
        }
        let target = dir.join(rel);
        let target_label = target.display().to_string();
        let Some((v, sub)) = load_rec(
            &target,
            &target_label,
            Some(imp),
            imp.disable_imports,
            stack,
            read,
            errors,
            files,
        ) else {
            continue;
        };
        if v != version {
            errors.push(PrhError::new(
                label,
                imp.line,
                imp.column,
                format!(
                    "version mismatch: this file is version {version}, `{}` is version {v}",
                    imp.path
                ),
            ));
            continue;
        }
        let kept: Vec<PrhRule> = sub
            .into_iter()
            .filter(|r| imp.ignore_rules.iter().all(|ig| !r.should_ignore(ig)))
            .filter(|r| !rules.iter().any(|have| have.expected == r.expected))
            .collect();
        rules.extend(kept);
    }
    stack.pop();
    Some((version, rules))
}
