//! The user's files the toolkit commands and `import` read: the diagnosis
//! spec of the repository, answer files, asset registers and spreadsheets.
//! Messages are Japanese (the user's commands read them).

use std::path::{Path, PathBuf};

use sc3_model::SourceFile;
use sc3_toolkit::{diagnosis, risk};

use crate::outcome;

/// The diagnosis spec of the repository.
pub const DIAGNOSIS_SPEC: &str = "book/toolkit/diagnosis.toml";

fn cannot_read(path: &Path, e: std::io::Error) -> String {
    format!("{} を読めません: {e}", path.display())
}

/// A spreadsheet file's bytes, refused unread when it is larger than
/// `sheet::MAX_FILE_BYTES`, and never more than one byte past that read (a
/// file that grows, or a device, is then refused by `sheet_rows`).
pub fn read_sheet(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let fail = |e| cannot_read(path, e);
    let file = std::fs::File::open(path).map_err(fail)?;
    let size = file.metadata().map_err(fail)?.len();
    sc3_toolkit::sheet::check_file_size(size).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(sc3_toolkit::sheet::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    Ok(bytes)
}

/// A text file of the user's (UTF-8 with or without BOM, or Shift_JIS).
pub fn read_text(path: &Path) -> Result<String, String> {
    let bytes = std::fs::read(path).map_err(|e| cannot_read(path, e))?;
    risk::decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The repository's diagnosis spec, read by the content rule
/// (`sc3_model::fsx`): never through a link.
pub fn spec(root: &Path) -> Result<diagnosis::Spec, String> {
    let bytes = sc3_model::fsx::read(root, DIAGNOSIS_SPEC).map_err(|e| e.to_string())?;
    let text = risk::decode(&bytes).map_err(|e| format!("{DIAGNOSIS_SPEC}: {e}"))?;
    diagnosis::Spec::parse(&text).map_err(|e| format!("{DIAGNOSIS_SPEC}: {e}"))
}

/// Reads answer files; every problem of every file is one message
/// (`file:line:column: …`).
pub fn answers(files: &[PathBuf]) -> Result<Vec<diagnosis::Answers>, Vec<String>> {
    let mut sets = Vec::new();
    let mut problems = Vec::new();
    for f in files {
        let text = match read_text(f) {
            Ok(t) => t,
            Err(e) => {
                problems.push(e);
                continue;
            }
        };
        match diagnosis::parse_answers(&text) {
            Ok(a) => sets.push(a),
            Err(errors) => {
                let source = SourceFile::new(f.display().to_string(), text, false);
                for e in errors {
                    let p = source.position(e.span.start);
                    problems.push(format!(
                        "{}:{}:{}: {}",
                        f.display(),
                        p.line,
                        p.column,
                        e.message
                    ));
                }
            }
        }
    }
    if problems.is_empty() {
        Ok(sets)
    } else {
        Err(problems)
    }
}

/// Reads a register from CSV (UTF-8, UTF-8 with BOM, Shift_JIS) or XLSX.
pub fn register(file: &Path, rule: risk::ImportanceRule) -> Result<risk::Register, String> {
    let bytes = read_sheet(file)?;
    let rows = risk::sheet_rows(&file.to_string_lossy(), &bytes)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(risk::register(rows, rule))
}

/// Prints the rows of a register that need checking, each as an error line;
/// the command goes on with the other rows.
pub fn report_row_errors(file: &Path, reg: &risk::Register) {
    for e in &reg.errors {
        if e.heading.is_empty() {
            outcome::error_line(&format!(
                "{}: {} 行目: {}",
                file.display(),
                e.row,
                e.message
            ));
        } else {
            outcome::error_line(&format!(
                "{}: {} 行目 {} 列（{}）: {}",
                file.display(),
                e.row,
                e.column,
                e.heading,
                e.message
            ));
        }
    }
}

/// Writes a file the command was told to write (`--out`), and says so on
/// standard error or output.
pub fn write_out(path: &Path, bytes: &[u8]) -> Result<(), String> {
    std::fs::write(path, bytes).map_err(|e| format!("{} に書き込めません: {e}", path.display()))
}
