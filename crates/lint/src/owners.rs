//! Who owns which file: the `maintainers` of catalogs, crosswalks and
//! industry profiles, and `[owners]` of `lint.toml` for everything shared.
//! [`codeowners`] is the `.github/CODEOWNERS` that `cargo xtask codeowners`
//! writes and rule O001 compares with the committed one; [`unowned`] lists the
//! association files rule O002 reports. Pure functions of the model.

use sc3_model::config::Owners;
use sc3_model::{FileId, Repository, Spanned};

/// The first line of the file the command writes.
pub const HEADER: &str = "# cargo xtask codeowners が書いたファイルです。手で直さず、内容の maintainers と lint.toml の [owners] を直して作り直してください。";

/// A file whose owners are its maintainers, with the file they are in.
pub struct Owned<'r> {
    pub file: FileId,
    /// The header table (`[guideline]`, `[crosswalk]`…), where maintainers go.
    pub span: std::ops::Range<usize>,
    /// Path relative to the root.
    pub path: &'r str,
    pub maintainers: &'r [Spanned<String>],
    /// What it is, for messages: 「カタログ」「突合表」「業界プロファイル」.
    pub kind: &'static str,
}

/// The files an association owns (as opposed to the shared ones): catalogs
/// that are neither base catalogs nor generated, crosswalks that are not
/// generated, industry profiles, and glossaries scoped to an industry (owned
/// by that industry's maintainers).
pub fn association_files<'r>(repo: &'r Repository, owners: &Owners) -> Vec<Owned<'r>> {
    let mut out = Vec::new();
    for g in &repo.guidelines {
        if owners.base.contains(&g.id.value) || g.generated.is_some() {
            continue;
        }
        out.push(Owned {
            file: g.file,
            span: g.span.clone(),
            path: &repo.file(g.file).path,
            maintainers: &g.maintainers,
            kind: "カタログ",
        });
    }
    for c in &repo.crosswalks {
        if c.generated.is_some() {
            continue;
        }
        out.push(Owned {
            file: c.file,
            span: c.span.clone(),
            path: &repo.file(c.file).path,
            maintainers: &c.maintainers,
            kind: "突合表",
        });
    }
    for i in &repo.industries {
        out.push(Owned {
            file: i.file,
            span: i.span.clone(),
            path: &repo.file(i.file).path,
            maintainers: &i.maintainers,
            kind: "業界プロファイル",
        });
    }
    for g in &repo.glossaries {
        let Some(ind) = g
            .scope
            .as_ref()
            .and_then(|s| repo.industries.iter().find(|i| i.id.value == s.value))
        else {
            continue;
        };
        out.push(Owned {
            file: g.file,
            span: g.span.clone(),
            path: &repo.file(g.file).path,
            maintainers: &ind.maintainers,
            kind: "業界の用語集",
        });
    }
    out.sort_by(|a, b| a.path.cmp(b.path));
    out
}

/// The association files without maintainers.
pub fn unowned<'r>(repo: &'r Repository, owners: &Owners) -> Vec<Owned<'r>> {
    association_files(repo, owners)
        .into_iter()
        .filter(|o| o.maintainers.is_empty())
        .collect()
}

/// `.github/CODEOWNERS` for `repo`: the shared owners for everything, then
/// each association file with its maintainers (a later line wins in
/// CODEOWNERS). `None` when the repository has no `[owners]`.
pub fn codeowners(repo: &Repository) -> Option<String> {
    let owners = repo.config.owners.as_ref()?;
    let mut out = format!(
        "{HEADER}\n\n# 共有の部分（基本のカタログ、テンプレート、プログラム、ワークフロー、取り込んだファイル）\n"
    );
    let shared = owners.shared.join(" ");
    out.push_str(&format!("* {shared}\n"));
    let files = association_files(repo, owners);
    if !files.is_empty() {
        out.push_str("\n# 業界団体のファイル（maintainers）\n");
    }
    for o in files {
        if o.maintainers.is_empty() {
            continue; // O002 reports it; the shared owners keep it meanwhile.
        }
        let names: Vec<&str> = o.maintainers.iter().map(|m| m.value.as_str()).collect();
        out.push_str(&format!("/{} {}\n", o.path, names.join(" ")));
    }
    Some(out)
}
