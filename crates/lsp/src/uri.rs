//! File URIs and the repository's relative paths.
//!
//! The server works on files inside the repository root only. A URI is read
//! as a `file:` URI, percent-decoded, its path made lexical (`.` and `..`
//! resolved without touching the disk) and then taken relative to the
//! root; anything else (another scheme, a path outside the root, a path
//! that is not valid UTF-8 once decoded, control characters) is refused.
//! The disk is never asked: whether a path is a link is the loader's
//! question ([`sc3_model::fsx`]), and a buffer's text comes from the client.

use std::path::{Component, Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// Why a URI is not one of the repository's files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not a `file:` URI, or not one we can read.
    NotFile,
    /// A file outside the repository root.
    Outside,
}

/// Decodes `%XX` escapes; `None` when an escape is malformed or the result
/// is not UTF-8. (Also the handbook server's, for URL paths.)
pub fn percent_decode(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s.get(i + 1..i + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Whether `b` may stand in a URI path unescaped (RFC 3986 `pchar` and `/`).
fn unescaped(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~!$&'()*+,;=:@/".contains(&b)
}

/// The absolute path a `file:` URI names, made lexical.
pub fn to_path(uri: &str) -> Result<PathBuf, Refused> {
    let rest = uri
        .strip_prefix("file://")
        .or_else(|| uri.strip_prefix("FILE://"))
        .ok_or(Refused::NotFile)?;
    // An authority, if any, must be empty or `localhost`.
    let path = match rest.find('/') {
        Some(0) => rest,
        Some(i) if rest[..i].eq_ignore_ascii_case("localhost") => &rest[i..],
        _ => return Err(Refused::NotFile),
    };
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let decoded = percent_decode(path).ok_or(Refused::NotFile)?;
    if decoded.chars().any(char::is_control) {
        return Err(Refused::NotFile);
    }
    Ok(lexical(Path::new(&decoded)))
}

/// `path` with `.` and `..` resolved lexically (never above `/`).
pub fn lexical(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// The repository path (relative, `/`-separated) of a URI, if it names a
/// file inside `root` (itself lexical and absolute).
pub fn to_relative(root: &Path, uri: &str) -> Result<String, Refused> {
    let path = to_path(uri)?;
    sc3_model::fsx::relative_inside(root, &path).ok_or(Refused::Outside)
}

/// The `file:` URI of a repository path.
pub fn from_relative(root: &Path, rel: &str) -> Uri {
    let path = root.join(rel);
    let mut s = String::from("file://");
    for &b in path.to_string_lossy().as_bytes() {
        if unescaped(b) {
            s.push(b as char);
        } else {
            s.push_str(&format!("%{b:02X}"));
        }
    }
    Uri::from_str(&s).unwrap_or_else(|_| Uri::from_str("file:///").expect("a valid URI"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_inside_the_root_become_relative_paths() {
        let root = Path::new("/work/repo");
        let rel = |u: &str| to_relative(root, u);
        assert_eq!(
            rel("file:///work/repo/mappings/meti-sc%402026--ipa-sme%403.1.toml"),
            Ok("mappings/meti-sc@2026--ipa-sme@3.1.toml".into())
        );
        assert_eq!(
            rel("file://localhost/work/repo/book/src/%E6%89%8B.md"),
            Ok("book/src/手.md".into())
        );
        assert_eq!(
            rel("file:///work/repo/../repo/lint.toml"),
            Ok("lint.toml".into())
        );
        assert_eq!(
            rel("file:///work/repo/../../etc/passwd"),
            Err(Refused::Outside)
        );
        assert_eq!(rel("file:///work/repository/x.toml"), Err(Refused::Outside));
        assert_eq!(rel("file:///work/repo"), Err(Refused::Outside));
        assert_eq!(rel("untitled:Untitled-1"), Err(Refused::NotFile));
        assert_eq!(rel("file://host/work/repo/x.toml"), Err(Refused::NotFile));
        assert_eq!(rel("file:///work/repo/%ZZ"), Err(Refused::NotFile));
        assert_eq!(rel("file:///work/repo/a%0Ab.md"), Err(Refused::NotFile));
        let uri = from_relative(root, "mappings/a@1--b@2 x.toml");
        assert_eq!(uri.as_str(), "file:///work/repo/mappings/a@1--b@2%20x.toml");
        assert_eq!(
            to_relative(root, uri.as_str()),
            Ok("mappings/a@1--b@2 x.toml".into())
        );
    }
}
