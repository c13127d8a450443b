//! The command line's side of the rules for reading content and writing
//! output (`sc3_model::fsx`): files named on the command line, and output
//! written through a temporary file and a rename. Messages are Japanese:
//! the user's commands read them.

use std::io::Write;
use std::path::{Component, Path, PathBuf};

use sc3_model::fsx;

/// Writes `bytes` at `rel` inside `base` through a temporary file and a
/// rename ([`write_atomically`]), at a path built by the output rule
/// (`fsx::prepare`): never outside `base`, never through a link.
pub fn write_inside(base: &Path, rel: &str, bytes: &[u8]) -> Result<PathBuf, String> {
    let path = fsx::prepare(base, rel).map_err(|e| e.to_string())?;
    write_atomically(&path, bytes)
        .map_err(|e| format!("{} に書き込めません: {e}", path.display()))?;
    Ok(path)
}

/// Writes a file the user named (`--out FILE`): the folder is theirs, the
/// file itself is written by [`write_inside`] (a link there is refused).
pub fn write_named(path: &Path, bytes: &[u8]) -> Result<(), String> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .ok_or_else(|| format!("{} はファイル名ではありません", path.display()))?;
    write_inside(dir, name, bytes).map(|_| ())
}

/// Writes every file (path relative to `out`, bytes) inside `out`, which is
/// created if needed. Every path is checked before the first is written, so
/// a path that would leave `out` writes nothing at all. Returns the paths
/// written, in order.
pub fn write_all(out: &Path, files: &[(String, Vec<u8>)]) -> Result<Vec<PathBuf>, String> {
    for (rel, _) in files {
        fsx::out_path(out, rel).map_err(|e| e.to_string())?;
    }
    std::fs::create_dir_all(out).map_err(|e| format!("{} を作れません: {e}", out.display()))?;
    files
        .iter()
        .map(|(rel, bytes)| fsx::write(out, rel, bytes).map_err(|e| e.to_string()))
        .collect()
}

/// `path` relative to `root`, `/`-separated, if it lies inside it (read
/// lexically, both made absolute from the current directory).
fn inside(root: &Path, path: &Path) -> Option<String> {
    let absolute = |p: &Path| -> Option<PathBuf> {
        let p = if p.is_absolute() {
            p.to_path_buf()
        } else {
            std::env::current_dir().ok()?.join(p)
        };
        let mut out = PathBuf::new();
        for c in p.components() {
            match c {
                Component::CurDir => {}
                Component::ParentDir => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        Some(out)
    };
    let rel = absolute(path)?
        .strip_prefix(absolute(root)?)
        .ok()?
        .to_path_buf();
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    let parts = parts?;
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Reads a file named on the command line: by the content rule (`fsx::read`)
/// when it lies inside the repository `root`, since the repository's files
/// come from pull requests; as the user's own file otherwise.
pub fn read_named(root: &Path, path: &Path) -> Result<Vec<u8>, String> {
    match inside(root, path) {
        Some(rel) => fsx::read(root, &rel).map_err(|e| e.to_string()),
        None => std::fs::read(path).map_err(|e| format!("{} を読めません: {e}", path.display())),
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a
/// rename, so the file is never seen half-written; keeps the file's permissions.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes human-readable `text` to standard output, control characters from
/// the content shown as pictures (`sc3_lint::report::visible`: a value in a
/// pull request must not drive the reader's terminal); a closed pipe
/// (`| head`) is not an error worth a panic.
pub fn stdout(text: &str) {
    stdout_data(sc3_lint::report::visible(text).as_bytes());
}

/// One line of human-readable text on standard output, shown as [`stdout`]
/// shows text: the paths and values in it came from the user or the
/// content.
pub fn say(line: &str) {
    stdout(&format!("{line}\n"));
}

/// One line of human-readable text on standard error, shown the same way.
pub fn tell(line: &str) {
    eprintln!("{}", sc3_lint::report::visible(line));
}

/// Writes `bytes` to standard output as they are: data for programs (JSON,
/// SARIF, TOML, which escape what they hold), or text already made safe to
/// show (the lint's report, whose colours are escape sequences).
pub fn stdout_data(bytes: &[u8]) {
    let _ = std::io::stdout().lock().write_all(bytes);
}

/// Lets `write` write to standard output through a buffer, as it makes
/// its output; a closed pipe is not an error worth a panic.
pub fn stdout_with(
    write: impl FnOnce(&mut std::io::BufWriter<std::io::StdoutLock<'static>>) -> std::io::Result<()>,
) {
    widen_stdout_pipe();
    let mut out = std::io::BufWriter::with_capacity(64 << 10, std::io::stdout().lock());
    let _ = write(&mut out).and_then(|()| out.flush());
}

/// Where standard output is a pipe (a script or an editor reading the
/// report), asks Linux for a 1 MiB pipe buffer instead of 64 KiB, so that a
/// report of megabytes does not stop the writer at every 64 KiB until the
/// reader has caught up. Anything else, or a refusal, leaves it as it is.
fn widen_stdout_pipe() {
    #[cfg(target_os = "linux")]
    // SAFETY: fcntl on descriptor 1 with integer arguments; fstat into a
    // zeroed struct of the right type. Neither touches memory of ours
    // beyond that struct.
    unsafe {
        let mut st: libc::stat = std::mem::zeroed();
        if libc::fstat(1, &mut st) == 0 && (st.st_mode & libc::S_IFMT) == libc::S_IFIFO {
            libc::fcntl(1, libc::F_SETPIPE_SZ, 1 << 20);
        }
    }
}

/// Makes `dir` an empty directory holding only the file `marker`. An existing
/// `dir` is removed only if it is empty or holds `marker`, that is, if this
/// program made it: a mistyped path never deletes someone's files. (The
/// developers' tasks use it, so its message is English.)
pub fn replace_dir(dir: &Path, marker: &str) -> std::io::Result<()> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)?.next().is_none();
        if !empty && !dir.join(marker).is_file() {
            return Err(std::io::Error::other(format!(
                "{} exists and was not written by this command (no {marker} in it): remove it yourself or choose another directory",
                dir.display()
            )));
        }
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join(marker),
        "written by cargo xtask; replaced on the next run\n",
    )
}
