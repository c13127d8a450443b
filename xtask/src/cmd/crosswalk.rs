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
    let report = match crate::run_lint(root) {
        Ok(r) => r,
        Err(code) => return code,
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

/// Writes the crosswalk moved onto `to` and prints what needs review (Markdown).
pub fn migrate(root: &Path, file: &Path, to: &str) -> ExitCode {
    let to = match sc3_model::GuidelineRef::parse(to) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: --to {to}: {e}");
            return ExitCode::from(2);
        }
    };
    let repo = match crate::load(root) {
        Ok(l) => l.repo,
        Err(code) => return code,
    };
    let cw = match find(root, &repo, file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let cx = sc3_lint::Context::new(&repo);
    let m = match sc3_lint::migrate::migrate(&cx, cw, &to) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    // The path is named after the crosswalk's source: the output rule keeps
    // it inside the root and off any link.
    match sc3_model::fsx::kind(root, &m.path) {
        Ok(None) => {}
        Ok(Some(_)) => {
            eprintln!("error: {} already exists; move it away first", m.path);
            return ExitCode::from(1);
        }
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    }
    if let Err(e) = crate::files::write_inside(root, &m.path, m.text.as_bytes()) {
        eprintln!("error: {e}");
        return ExitCode::from(1);
    }
    print!("{}", report(cw, &to, &m));
    ExitCode::SUCCESS
}

fn report(
    cw: &Crosswalk,
    to: &sc3_model::GuidelineRef,
    m: &sc3_lint::migrate::Migration,
) -> String {
    use sc3_lint::migrate::Outcome;
    let carried = m
        .entries
        .iter()
        .filter(|(_, o)| *o == Outcome::Carried)
        .count();
    let mut s = format!(
        "# {} → {} の突合表を {to} に移行\n\n{} を作りました。対応づけ {} 件のうち {carried} 件は、突合先の項目の文が変わっていないため、そのまま引き継ぎました。\n",
        cw.source.value,
        cw.target.value,
        m.path,
        m.entries.len()
    );
    let review: Vec<_> = m
        .entries
        .iter()
        .filter_map(|(src, o)| match o {
            Outcome::Review { changed, missing } => Some((src, changed, missing)),
            Outcome::Carried => None,
        })
        .collect();
    if review.is_empty() {
        s.push_str("\n見直しが必要な対応づけはありません。\n");
        return s;
    }
    s.push_str(&format!(
        "\n見直しが必要な対応づけ {} 件（cargo xtask lint が M008・R003 として前後の文を示します）:\n\n| 要求事項 | 文が変わった項目 | 新しい版にない項目 |\n| --- | --- | --- |\n",
        review.len()
    ));
    for (src, changed, missing) in review {
        s.push_str(&format!(
            "| {src} | {} | {} |\n",
            changed.join("、"),
            missing.join("、")
        ));
    }
    s
}
