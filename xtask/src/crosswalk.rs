//! `cargo xtask crosswalk confirm`: stamp a crosswalk's `[[reviewed]]` block.

use std::path::Path;
use std::process::ExitCode;

use sc3_model::{Crosswalk, Repository};

/// The crosswalk of the repository at `file`, or a usage error.
pub fn find<'r>(root: &Path, repo: &'r Repository, file: &Path) -> Result<&'r Crosswalk, ExitCode> {
    let wanted = std::fs::canonicalize(file).ok();
    repo.crosswalks
        .iter()
        .find(|c| {
            let p = root.join(&repo.file(c.file).path);
            wanted.is_some() && std::fs::canonicalize(p).ok() == wanted
        })
        .ok_or_else(|| {
            eprintln!(
                "error: {} is not a crosswalk under {}/mappings",
                file.display(),
                root.display()
            );
            ExitCode::from(2)
        })
}

/// Rewrites the `[[reviewed]]` block of `file` from the catalogs as they are now.
pub fn confirm(root: &Path, file: &Path) -> ExitCode {
    let report = match sc3_model::load(root) {
        Ok(l) => sc3_lint::lint(l),
        Err(e) => {
            eprintln!("error: cannot read {}: {e}", root.display());
            return ExitCode::from(2);
        }
    };
    let repo = &report.repo;
    let cw = match find(root, repo, file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let stale = report
        .diagnostics
        .iter()
        .filter(|d| d.code == "M008" && d.file == Some(cw.file))
        .count();
    let cx = sc3_lint::Context::new(repo);
    let block = sc3_lint::review::block(&cx, cw);
    let items = block.matches("[[reviewed]]").count();
    let source = repo.file(cw.file);
    let new = sc3_lint::review::replace(&source.text, &block);
    let path = root.join(&source.path);
    if new != source.text
        && let Err(e) = crate::write_atomically(&path, new.as_bytes())
    {
        eprintln!("error: cannot write {}: {e}", path.display());
        return ExitCode::from(1);
    }
    eprintln!(
        "{}: {items} 項目の今の内容を記録しました。見直しが必要だった対応づけ {stale} 件を確認済みにしました。",
        source.path
    );
    ExitCode::SUCCESS
}
