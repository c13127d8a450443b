//! One rule for reading content, one rule for writing output.
//!
//! Content arrives in pull requests, and whatever the build reads may end up on
//! the published site. A pull request must not be able to make the build read
//! a file of the build machine, or write a file outside its output folder.
//! Every read of content and every write of output in this repository goes
//! through this module.
//!
//! # Reading: [`read`]
//!
//! The repository root is trusted (the person running the command names it);
//! everything below it is content. A content file is read only
//!
//! - from inside the root, by a relative path without `..`, `.` or empty parts;
//! - never through a symbolic link, at any depth: each part of the path below
//!   the root is checked with `symlink_metadata`, the top folders themselves
//!   (`book`, `guidelines`, `book/src`, …) and `lint.toml` included. On GitHub
//!   a symbolic link shows as a one-line file, which reviewers easily miss, and
//!   a link can point anywhere on the build machine (`/proc/self/environ`);
//! - when it is a regular file: a folder, FIFO, device or socket is refused, so
//!   nothing waits on a pipe or reads `/dev/zero` until memory runs out;
//! - by an open that does not follow a link (`O_NOFOLLOW`, and `O_NONBLOCK` so
//!   that opening a FIFO never waits), and only if the file opened is the one
//!   checked (same device and inode);
//! - up to [`MAX_FILE_SIZE`] bytes; a larger file is an error naming the limit.
//!
//! Folders are walked with [`walk`], which never follows a link and yields the
//! links it meets, so the lint can report each one with its path.
//!
//! # Writing: [`out_path`] and [`write`]
//!
//! Every output path is built by [`out_path`] from an output folder and a
//! relative path, `/`-separated. Anything that could leave the folder is
//! refused: an absolute path, `..`, empty or `.` parts, control characters
//! (NUL included), backslashes and `:` (a Windows drive prefix or stream).
//! [`write`] then creates the missing folders one by one, refuses a symbolic
//! link among the existing ones, and opens the file without following a link.
//! The output folder itself is the caller's choice and may be anything.
//!
//! # What is published: [`is_published`]
//!
//! Of the files under `book/src`, only Markdown and the static types of
//! [`PUBLISHED_EXTENSIONS`] are copied to the site.

use std::fmt;
use std::fs;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Files larger than this are not read.
pub const MAX_FILE_SIZE: u64 = 16 * 1024 * 1024;

/// The extensions (lower case, compared without regard to case) of the files
/// under `book/src` that are copied to the site besides Markdown (`md`):
/// images, documents and data a chapter may link to or show. Nothing a browser
/// runs or renders as a page: no `html`/`htm` (markup), `js`/`mjs` (script),
/// `svg` (may hold script), `css` (may hide or fake content), `hbs` (mdBook
/// theme templates), and no file without an extension (served with a guessed
/// type). Every other file is left out of the site and reported by the lint
/// (L011) so that its author learns why.
pub const PUBLISHED_EXTENSIONS: &[&str] = &[
    "md", "png", "jpg", "jpeg", "gif", "webp", "pdf", "csv", "xlsx", "docx", "txt",
];

/// Whether a file named `name` under `book/src` is copied to the site.
pub fn is_published(name: &str) -> bool {
    match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => PUBLISHED_EXTENSIONS
            .iter()
            .any(|e| e.eq_ignore_ascii_case(ext)),
        _ => false,
    }
}

/// Why a path could not be read or written.
#[derive(Debug)]
pub enum FsError {
    /// The path (relative to the root, `/`-separated) is, or passes through, a
    /// symbolic link; `path` names the link.
    Symlink(String),
    /// The path is not a regular file: a folder, FIFO, device or socket.
    NotFile(String),
    /// A part of the path that should be a folder is something else.
    NotDir(String),
    /// The file is larger than [`MAX_FILE_SIZE`].
    TooLarge { path: String, size: u64 },
    /// A relative path that would leave its folder, and why.
    Unsafe { path: String, why: &'static str },
    /// The system refused: reading, writing or creating `path`.
    Io {
        path: String,
        op: Op,
        error: io::Error,
    },
}

/// What was being done when the system refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Op {
    Read,
    Write,
    CreateDir,
}

impl FsError {
    /// Whether the file or a folder on its way does not exist.
    pub fn is_not_found(&self) -> bool {
        matches!(self, FsError::Io { error, .. } if error.kind() == io::ErrorKind::NotFound)
    }

    /// The path the error is about, as shown in its message.
    pub fn path(&self) -> &str {
        match self {
            FsError::Symlink(p) | FsError::NotFile(p) | FsError::NotDir(p) => p,
            FsError::TooLarge { path, .. }
            | FsError::Unsafe { path, .. }
            | FsError::Io { path, .. } => path,
        }
    }
}

impl fmt::Display for FsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FsError::Symlink(p) => write!(
                f,
                "{p} はシンボリックリンクです。内容はシンボリックリンクを通しては読みません"
            ),
            FsError::NotFile(p) => write!(f, "{p} は通常のファイルではありません"),
            FsError::NotDir(p) => write!(f, "{p} はフォルダではありません"),
            FsError::TooLarge { path, size } => write!(
                f,
                "{path} は {:.1} MB あります。{} MB を超えるファイルは読み込みません",
                *size as f64 / 1_048_576.0,
                MAX_FILE_SIZE / 1_048_576
            ),
            FsError::Unsafe { path, why } => write!(
                f,
                "「{path}」はフォルダの外を指すおそれがあるため使えません（{why}）"
            ),
            FsError::Io { path, op, error } => {
                let what = match op {
                    Op::Read => "読み込めません",
                    Op::Write => "書き込めません",
                    Op::CreateDir => "フォルダを作れません",
                };
                write!(f, "{path} を{what}: {error}")
            }
        }
    }
}

impl std::error::Error for FsError {}

/// The kind of an entry, as `symlink_metadata` sees it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    File,
    Dir,
    Symlink,
    /// A FIFO, device or socket.
    Other,
}

impl Kind {
    fn of(t: fs::FileType) -> Kind {
        if t.is_symlink() {
            Kind::Symlink
        } else if t.is_dir() {
            Kind::Dir
        } else if t.is_file() {
            Kind::File
        } else {
            Kind::Other
        }
    }
}

/// Checks a relative path and returns its parts. `strict` adds the rules for
/// output paths (no control characters, backslashes or `:`).
fn parts(rel: &str, strict: bool) -> Result<Vec<&str>, FsError> {
    let unsafe_ = |why| {
        Err(FsError::Unsafe {
            path: rel.escape_debug().to_string(),
            why,
        })
    };
    if rel.is_empty() {
        return unsafe_("空のパス");
    }
    if rel.starts_with('/') {
        return unsafe_("絶対パス");
    }
    if strict {
        if rel.chars().any(char::is_control) {
            return unsafe_("制御文字");
        }
        if rel.contains('\\') {
            return unsafe_("バックスラッシュ");
        }
        if rel.contains(':') {
            return unsafe_("ドライブ名などの「:」");
        }
    }
    let parts: Vec<&str> = rel.split('/').collect();
    for p in &parts {
        match *p {
            "" => return unsafe_("空の部分"),
            "." => return unsafe_("「.」"),
            ".." => return unsafe_("「..」"),
            _ => {}
        }
    }
    Ok(parts)
}

/// Checks every part of `rel` below `root` without following links: each
/// folder on the way is a real folder. Returns the full path and the last
/// part's metadata (itself possibly a link).
fn lstat_below(root: &Path, rel: &str) -> Result<(PathBuf, fs::Metadata), FsError> {
    let parts = parts(rel, false)?;
    let mut full = root.to_path_buf();
    let mut shown = String::new();
    let last = parts.len() - 1;
    for (i, part) in parts.into_iter().enumerate() {
        full.push(part);
        if !shown.is_empty() {
            shown.push('/');
        }
        shown.push_str(part);
        let meta = fs::symlink_metadata(&full).map_err(|error| FsError::Io {
            path: shown.clone(),
            op: Op::Read,
            error,
        })?;
        if meta.file_type().is_symlink() {
            return Err(FsError::Symlink(shown));
        }
        if i == last {
            return Ok((full, meta));
        }
        if !meta.is_dir() {
            return Err(FsError::NotDir(shown));
        }
    }
    unreachable!("parts() never returns an empty list")
}

/// `path` below `root` as a relative, `/`-separated path, both read
/// lexically (`.` and `..` resolved without asking the disk); `None` when
/// it lies outside `root`, is `root` itself, or a part is not UTF-8.
pub fn relative_inside(root: &Path, path: &Path) -> Option<String> {
    let rel = prh::lexical_path(path);
    let rel = rel.strip_prefix(prh::lexical_path(root)).ok()?;
    let parts: Option<Vec<&str>> = rel
        .components()
        .map(|c| match c {
            std::path::Component::Normal(p) => p.to_str(),
            _ => None,
        })
        .collect();
    let parts = parts?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// What `rel` below `root` is, without following links: `None` if it does not
/// exist. A link on the way to it (in a folder above it) is an error; a link
/// at `rel` itself is [`Kind::Symlink`].
pub fn kind(root: &Path, rel: &str) -> Result<Option<Kind>, FsError> {
    match lstat_below(root, rel) {
        Ok((_, meta)) => Ok(Some(Kind::of(meta.file_type()))),
        Err(FsError::Symlink(p)) if p == rel => Ok(Some(Kind::Symlink)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `rel` below `root` is a real folder: `false` when it does not
/// exist, an error when it (or a folder above it) is a link or not a folder.
pub fn is_dir(root: &Path, rel: &str) -> Result<bool, FsError> {
    match kind(root, rel)? {
        None => Ok(false),
        Some(Kind::Dir) => Ok(true),
        Some(Kind::Symlink) => Err(FsError::Symlink(rel.to_owned())),
        Some(_) => Err(FsError::NotDir(rel.to_owned())),
    }
}

/// Whether `rel` below `root` is a regular file: `false` when it does not
/// exist, an error when it (or a folder above it) is a link or not a file.
pub fn is_file(root: &Path, rel: &str) -> Result<bool, FsError> {
    match kind(root, rel)? {
        None => Ok(false),
        Some(Kind::File) => Ok(true),
        Some(Kind::Symlink) => Err(FsError::Symlink(rel.to_owned())),
        Some(_) => Err(FsError::NotFile(rel.to_owned())),
    }
}

/// Reads the content file `rel` (relative to `root`, `/`-separated) by the
/// rules in the module documentation.
pub fn read(root: &Path, rel: &str) -> Result<Vec<u8>, FsError> {
    let (full, meta) = lstat_below(root, rel)?;
    if !meta.is_file() {
        return Err(FsError::NotFile(rel.to_owned()));
    }
    if meta.len() > MAX_FILE_SIZE {
        return Err(FsError::TooLarge {
            path: rel.to_owned(),
            size: meta.len(),
        });
    }
    let io = |error| FsError::Io {
        path: rel.to_owned(),
        op: Op::Read,
        error,
    };
    let file = open_no_follow(&full).map_err(|e| {
        if is_loop(&e) {
            FsError::Symlink(rel.to_owned())
        } else {
            io(e)
        }
    })?;
    let opened = file.metadata().map_err(io)?;
    if !opened.is_file() || !same_file(&meta, &opened) {
        // Replaced between the check and the open.
        return Err(FsError::NotFile(rel.to_owned()));
    }
    let mut bytes = Vec::with_capacity(opened.len().min(MAX_FILE_SIZE) as usize);
    file.take(MAX_FILE_SIZE + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_SIZE {
        return Err(FsError::TooLarge {
            path: rel.to_owned(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// [`read`], as UTF-8 text (an error if it is not).
pub fn read_to_string(root: &Path, rel: &str) -> Result<String, FsError> {
    String::from_utf8(read(root, rel)?).map_err(|_| FsError::Io {
        path: rel.to_owned(),
        op: Op::Read,
        error: io::Error::new(io::ErrorKind::InvalidData, "UTF-8 ではありません"),
    })
}

#[cfg(unix)]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(not(unix))]
fn open_no_follow(path: &Path) -> io::Result<fs::File> {
    fs::File::open(path)
}

/// Whether an open failed because the path was a link (`O_NOFOLLOW`).
fn is_loop(e: &io::Error) -> bool {
    #[cfg(unix)]
    {
        e.raw_os_error() == Some(libc::ELOOP)
    }
    #[cfg(not(unix))]
    {
        let _ = e;
        false
    }
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    a.len() == b.len()
}

/// An entry met by [`walk`].
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    /// Path relative to the root, `/`-separated.
    pub rel: String,
    pub kind: Kind,
    /// Size in bytes (of the link itself for a link).
    pub len: u64,
    /// 1 for the entries of the folder walked, 2 below them, and so on.
    pub depth: usize,
    /// When it was last modified (of the link itself for a link).
    pub modified: Option<std::time::SystemTime>,
}

impl Entry {
    /// The last part of the path.
    pub fn name(&self) -> &str {
        self.rel.rsplit('/').next().unwrap_or(&self.rel)
    }
}

/// What [`walk`] found: every entry in order, and the folders or names it
/// could not read.
#[derive(Debug, Default)]
pub struct Walk {
    pub entries: Vec<Entry>,
    pub errors: Vec<FsError>,
}

/// Every entry below the folder `dir` (relative to `root`), depth first and
/// sorted by name in each folder, without ever following a link: links are
/// yielded as [`Kind::Symlink`] and not entered. `descend` says whether to
/// enter a folder (a folder not entered is still yielded).
///
/// A `dir` that does not exist gives nothing; a `dir` that is, or lies below,
/// a link is an error naming the link.
pub fn walk(root: &Path, dir: &str, descend: impl Fn(&Entry) -> bool) -> Result<Walk, FsError> {
    let mut out = Walk::default();
    if !is_dir(root, dir)? {
        return Ok(out);
    }
    // (relative path, depth) of folders still to list.
    let mut stack = vec![(dir.to_owned(), 0usize)];
    while let Some((folder, depth)) = stack.pop() {
        let listing = match fs::read_dir(root.join(&folder)) {
            Ok(l) => l,
            Err(error) => {
                out.errors.push(FsError::Io {
                    path: folder,
                    op: Op::Read,
                    error,
                });
                continue;
            }
        };
        let mut here = Vec::new();
        for item in listing {
            let item = match item {
                Ok(i) => i,
                Err(error) => {
                    out.errors.push(FsError::Io {
                        path: folder.clone(),
                        op: Op::Read,
                        error,
                    });
                    continue;
                }
            };
            let name = item.file_name();
            let Some(name) = name.to_str() else {
                out.errors.push(FsError::Unsafe {
                    path: format!("{folder}/{}", name.to_string_lossy()),
                    why: "名前が UTF-8 ではない",
                });
                continue;
            };
            let rel = format!("{folder}/{name}");
            // DirEntry::metadata does not follow links.
            match item.metadata() {
                Ok(m) => here.push(Entry {
                    rel,
                    kind: Kind::of(m.file_type()),
                    len: m.len(),
                    depth: depth + 1,
                    modified: m.modified().ok(),
                }),
                Err(error) => out.errors.push(FsError::Io {
                    path: rel,
                    op: Op::Read,
                    error,
                }),
            }
        }
        for e in here {
            if e.kind == Kind::Dir && descend(&e) {
                stack.push((e.rel.clone(), depth + 1));
            }
            out.entries.push(e);
        }
    }
    // Each folder right before its own entries, names in order.
    out.entries.sort_by(|a, b| path_order(&a.rel, &b.rel));
    Ok(out)
}

/// Depth-first order of `/`-separated paths: part by part.
fn path_order(a: &str, b: &str) -> std::cmp::Ordering {
    a.split('/').cmp(b.split('/'))
}

/// `rel` inside `base`, or an error if `rel` could leave it: see the module
/// documentation. Nothing is touched on disk.
pub fn out_path(base: &Path, rel: &str) -> Result<PathBuf, FsError> {
    let mut path = base.to_path_buf();
    for part in parts(rel, true)? {
        path.push(part);
    }
    Ok(path)
}

/// Creates the folders of `rel` below `base` (which must exist) that are
/// missing, refusing a link or a file among those that exist. Returns the
/// path of `rel`, whose last part is neither created nor checked.
fn make_parents(base: &Path, rel: &str) -> Result<PathBuf, FsError> {
    let parts = parts(rel, true)?;
    let mut full = base.to_path_buf();
    let mut shown = String::new();
    let last = parts.len() - 1;
    for part in &parts[..last] {
        full.push(part);
        if !shown.is_empty() {
            shown.push('/');
        }
        shown.push_str(part);
        match fs::symlink_metadata(&full) {
            Ok(m) if m.file_type().is_symlink() => return Err(FsError::Symlink(shown)),
            Ok(m) if m.is_dir() => continue,
            Ok(_) => return Err(FsError::NotDir(shown)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(error) => {
                return Err(FsError::Io {
                    path: full.display().to_string(),
                    op: Op::CreateDir,
                    error,
                });
            }
        }
        if let Err(error) = fs::create_dir(&full) {
            // Another thread may have made it meanwhile: check again.
            let made = fs::symlink_metadata(&full)
                .is_ok_and(|m| m.is_dir() && !m.file_type().is_symlink());
            if !made {
                return Err(FsError::Io {
                    path: full.display().to_string(),
                    op: Op::CreateDir,
                    error,
                });
            }
        }
    }
    full.push(parts[last]);
    Ok(full)
}

/// The path where `rel` is to be written inside `base`, with its folders made:
/// [`out_path`]'s checks, no link among the folders below `base`, and no link
/// or folder at `rel` itself. For callers that write the file their own way
/// (through a temporary file and a rename).
pub fn prepare(base: &Path, rel: &str) -> Result<PathBuf, FsError> {
    let full = make_parents(base, rel)?;
    match fs::symlink_metadata(&full) {
        Ok(m) if m.file_type().is_symlink() => Err(FsError::Symlink(rel.to_owned())),
        Ok(m) if !m.is_file() => Err(FsError::NotFile(rel.to_owned())),
        _ => Ok(full),
    }
}

/// Writes `bytes` to `rel` inside `base` (which must exist): [`prepare`], then
/// an open that does not follow a link.
pub fn write(base: &Path, rel: &str, bytes: &[u8]) -> Result<PathBuf, FsError> {
    let full = prepare(base, rel)?;
    let io = |error| FsError::Io {
        path: full.display().to_string(),
        op: Op::Write,
        error,
    };
    let mut file = create_no_follow(&full).map_err(|e| {
        if is_loop(&e) {
            FsError::Symlink(rel.to_owned())
        } else {
            io(e)
        }
    })?;
    file.write_all(bytes).map_err(io)?;
    Ok(full)
}

#[cfg(unix)]
fn create_no_follow(path: &Path) -> io::Result<fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    fs::OpenOptions::new()
        .write(true)
        .create(true)
        .truncate(true)
        .custom_flags(libc::O_NOFOLLOW)
        .open(path)
}

#[cfg(not(unix))]
fn create_no_follow(path: &Path) -> io::Result<fs::File> {
    fs::File::create(path)
}
