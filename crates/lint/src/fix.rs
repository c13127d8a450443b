//! Applying fixes: the new contents of each file, computed without I/O.
//!
//! Only the bytes of each fixed span change; everything else (a byte-order mark,
//! CRLF line ends, trailing spaces) is kept as it was. Overlapping fixes are
//! never combined: the first (by position) wins and the other waits for the next
//! run.

use sc3_model::{Diagnostic, FileId, Repository};

/// The new contents of one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FixedFile {
    pub file: FileId,
    /// The whole file as bytes, BOM included if it had one.
    pub bytes: Vec<u8>,
    /// How many fixes were applied.
    pub applied: usize,
}

/// The files that `diagnostics`' fixes change. Files that were not valid UTF-8
/// are left alone: their text holds replacement characters, not the original bytes.
pub fn apply(repo: &Repository, diagnostics: &[Diagnostic]) -> Vec<FixedFile> {
    let unreadable: Vec<FileId> = diagnostics
        .iter()
        .filter(|d| d.code == sc3_model::diag::codes::UNREADABLE)
        .filter_map(|d| d.file)
        .collect();
    let mut by_file: Vec<Vec<&sc3_model::Fix>> = vec![Vec::new(); repo.files.len()];
    for d in diagnostics {
        if let (Some(file), Some(fix)) = (d.file, &d.fix)
            && !unreadable.contains(&file)
        {
            by_file[file.0].push(fix);
        }
    }
    let mut out = Vec::new();
    for (i, mut fixes) in by_file.into_iter().enumerate() {
        if fixes.is_empty() {
            continue;
        }
        let source = repo.file(FileId(i));
        fixes.sort_by_key(|f| (f.span.start, f.span.end));
        let mut text = String::with_capacity(source.text.len());
        let mut at = 0;
        let mut applied = 0;
        for f in fixes {
            let valid = f.span.start >= at
                && f.span.end <= source.text.len()
                && source.text.is_char_boundary(f.span.start)
                && source.text.is_char_boundary(f.span.end);
            if !valid {
                continue;
            }
            text.push_str(&source.text[at..f.span.start]);
            text.push_str(&f.replacement);
            at = f.span.end;
            applied += 1;
        }
        text.push_str(&source.text[at..]);
        let mut bytes = Vec::with_capacity(text.len() + 3);
        if source.bom {
            bytes.extend_from_slice(b"\xEF\xBB\xBF");
        }
        bytes.extend_from_slice(text.as_bytes());
        out.push(FixedFile {
            file: FileId(i),
            bytes,
            applied,
        });
    }
    out
}
