//! prh dictionaries (`guidelines/glossary/*.yml`) as the loader finds them:
//! each is read with its imports by the `prh` crate, every file through the
//! repository's rule for reading ([`fsx`]), and kept as a [`PrhSource`] or
//! reported as L009.

use std::collections::BTreeMap;
use std::io;
use std::path::{Path, PathBuf};

use super::decode;
use crate::diag::{Diagnostic, codes};
use crate::fsx;
use crate::source::SourceFile;
use crate::{Position, PrhSource, Repository};

/// Reads a prh dictionary and its imports (never outside the root): the
/// dictionary from `bytes`, as the walk read it, its imports from disk.
/// Needs only the root, so that the loader reads dictionaries in parallel
/// with the other files; [`Read::merge`] adds the result to the model.
pub(super) fn read_prh(root: &Path, rel: String, bytes: &[u8]) -> Read {
    let overlay = Overlay {
        root,
        rel: &rel,
        bytes,
    };
    let result = prh::load_with(&root.join(&rel), &overlay);
    Read::new(rel, bytes, result)
}

/// A prh dictionary read, not yet in the model.
pub(super) struct Read {
    source: SourceFile,
    result: Result<prh::PrhDictionary, Vec<prh::PrhError>>,
}

/// Reads a prh dictionary given in memory, its imports among the other
/// files given (`files`, by relative path): a dictionary tested in memory
/// behaves as it does on disk.
pub(super) fn read_prh_in_memory(
    repo: &mut Repository,
    diagnostics: &mut Vec<Diagnostic>,
    rel: &str,
    bytes: &[u8],
    files: &BTreeMap<String, &[u8]>,
) {
    let memory = |path: &Path| -> io::Result<String> {
        let key = prh::lexical_path(path).to_string_lossy().replace('\\', "/");
        match files.get(&key) {
            Some(bytes) => Ok(decode(bytes).0),
            None => Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("`{key}` is not among the files given"),
            )),
        }
    };
    read_prh_with(repo, diagnostics, rel.to_owned(), bytes, &memory);
}

/// The files of a dictionary as [`Within`] reads them, except the
/// dictionary itself, which is the buffer given.
pub(super) struct Overlay<'a> {
    pub root: &'a Path,
    pub rel: &'a str,
    pub bytes: &'a [u8],
}

impl prh::Files for Overlay<'_> {
    fn identify(&self, path: &Path) -> io::Result<PathBuf> {
        Within { root: self.root }.identify(path)
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        let within = Within { root: self.root };
        if within.relative(path).as_deref() == Some(self.rel) {
            return Ok(decode(self.bytes).0);
        }
        within.read_to_string(path)
    }
}

pub(super) fn read_prh_with(
    repo: &mut Repository,
    diagnostics: &mut Vec<Diagnostic>,
    rel: String,
    bytes: &[u8],
    files: &dyn prh::Files,
) {
    let result = prh::load_with(&repo.root.join(&rel), files);
    Read::new(rel, bytes, result).merge(repo, diagnostics);
}

impl Read {
    fn new(
        rel: String,
        bytes: &[u8],
        result: Result<prh::PrhDictionary, Vec<prh::PrhError>>,
    ) -> Read {
        let (text, bom, _) = decode(bytes);
        Read {
            source: SourceFile::new(rel, text, bom),
            result,
        }
    }

    /// Adds the dictionary to the model, or its errors (L009) to `diagnostics`.
    pub(super) fn merge(self, repo: &mut Repository, diagnostics: &mut Vec<Diagnostic>) {
        let path = repo.root.join(&self.source.path);
        let id = repo.add_file(self.source);
        match self.result {
            Ok(dictionary) => repo.prh.push(PrhSource {
                file: id,
                dictionary,
            }),
            Err(errors) => {
                let here = path.display().to_string();
                for e in errors {
                    let d = Diagnostic::error(
                        codes::PRH,
                        format!("prh 辞書を読めません: {}", e.message),
                    );
                    let file = &repo.files[id.0];
                    let d = if e.file == here {
                        let span = file.char_span(Position {
                            line: e.line,
                            column: e.column,
                        });
                        d.at(id, span)
                    } else {
                        let other = Path::new(&e.file);
                        let shown = other
                            .strip_prefix(&repo.root)
                            .unwrap_or(other)
                            .display()
                            .to_string();
                        d.in_file(id)
                            .with_help(format!("{shown} の {} 行 {} 列", e.line, e.column))
                    };
                    diagnostics.push(d);
                }
            }
        }
    }
}

/// The files of a dictionary as the repository's rule reads them
/// ([`fsx::read`]): never a file outside `root` (an import with `../`),
/// never through a symbolic link, never more than [`fsx::MAX_FILE_SIZE`]
/// bytes. Dictionaries arrive in pull requests.
struct Within<'a> {
    root: &'a Path,
}

impl Within<'_> {
    /// `path` relative to the root (both read lexically, `/`-separated), if
    /// it lies inside it.
    fn relative(&self, path: &Path) -> Option<String> {
        fsx::relative_inside(self.root, path)
    }

    fn inside(&self, path: &Path) -> io::Result<String> {
        self.relative(path).ok_or_else(|| {
            io::Error::new(
                io::ErrorKind::PermissionDenied,
                format!(
                    "`{}` is outside the repository: only files inside it are read",
                    path.display()
                ),
            )
        })
    }
}

impl prh::Files for Within<'_> {
    /// Inside the repository a file is known by its path below the root (no
    /// link is ever followed, so it is the file's only name).
    fn identify(&self, path: &Path) -> io::Result<PathBuf> {
        self.inside(path)?;
        Ok(prh::lexical_path(path))
    }

    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        let rel = self.inside(path)?;
        fsx::read_to_string(self.root, &rel).map_err(|e| io::Error::other(e.to_string()))
    }
}
