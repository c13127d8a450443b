//! Lint rules over the content model, and the formats their findings are shown in.
//!
//! Rules are pure functions of the loaded [`Repository`]: they read the model and
//! push [`Diagnostic`]s. They never touch the file system or the terminal. The
//! [`report`] module turns findings into text (miette, JSON, GitHub, SARIF); the
//! command line decides where that text goes and what the exit code is.

mod context;
pub mod docs;
pub mod fix;
pub mod markup;
pub mod migrate;
pub mod owners;
pub mod report;
pub mod review;
pub mod rules;
pub mod suggest;
pub mod terms;
pub mod text;
pub mod worst_case;
pub mod written;

pub use context::Context;
use rayon::prelude::*;
use sc3_model::{Diagnostic, Loaded, Repository, Severity};

/// What every rule declares about itself. `doc` is the rule's doc comment, which
/// the handbook's rule reference is generated from.
#[derive(Clone, Copy, Debug)]
pub struct RuleMeta {
    /// Stable code, e.g. `R003`. Never reused.
    pub code: &'static str,
    /// Stable kebab-case name, e.g. `unknown-reference`.
    pub name: &'static str,
    /// The severity of the rule's findings.
    pub severity: Severity,
    /// One line, in Japanese, for tables of rules.
    pub summary: &'static str,
    /// The rule's documentation (Markdown): what it checks, why, bad and good examples.
    pub doc: &'static str,
}

/// A lint rule.
pub trait Rule: Sync {
    fn meta(&self) -> &'static RuleMeta;
    /// Pushes this rule's findings about the repository onto `out`.
    fn check(&self, cx: &Context<'_>, out: &mut Vec<Diagnostic>);
}

/// Declares a rule's unit struct and its [`RuleMeta`], taking `doc` from the doc
/// comment written above it, so the documentation has one source.
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            severity: $sev:ident,
            summary: $summary:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        pub struct $name;

        impl $name {
            pub const META: $crate::RuleMeta = $crate::RuleMeta {
                code: $code,
                name: $rname,
                severity: sc3_model::Severity::$sev,
                summary: $summary,
                doc: concat!($($doc, "\n"),*),
            };
        }
    };
}
pub(crate) use declare_rule;

/// Counts of findings by severity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub errors: usize,
    pub warnings: usize,
    pub infos: usize,
    /// Files checked.
    pub files: usize,
}

/// The result of a lint run: the repository and every finding, sorted by place.
#[derive(Debug)]
pub struct Report {
    pub repo: Repository,
    pub diagnostics: Vec<Diagnostic>,
}

impl Report {
    pub fn summary(&self) -> Summary {
        let mut s = Summary {
            files: self.repo.files.len(),
            ..Summary::default()
        };
        for d in &self.diagnostics {
            match d.severity {
                Severity::Error => s.errors += 1,
                Severity::Warning => s.warnings += 1,
                Severity::Info => s.infos += 1,
            }
        }
        s
    }

    pub fn has_errors(&self) -> bool {
        self.diagnostics
            .iter()
            .any(|d| d.severity == Severity::Error)
    }
}

/// Runs every rule over a loaded repository. The loader's own findings come first
/// in the input and are kept.
pub fn lint(loaded: Loaded) -> Report {
    let Loaded {
        repo,
        mut diagnostics,
    } = loaded;
    check(&repo, &mut diagnostics);
    Report { repo, diagnostics }
}

/// Runs every rule over `repo`, adding the findings to the loader's
/// `diagnostics` and sorting them all; borrows the repository, so other work
/// on it (building the handbook) can run at the same time.
pub fn check(repo: &Repository, diagnostics: &mut Vec<Diagnostic>) {
    {
        let cx = Context::new(repo);
        // Rules are independent pure functions: run them on every core, then
        // keep their findings in rule order so the output does not depend on
        // scheduling.
        let found: Vec<Vec<Diagnostic>> = rules::ALL
            .par_iter()
            .map(|rule| {
                let mut out = Vec::new();
                rule.check(&cx, &mut out);
                out
            })
            .collect();
        diagnostics.extend(found.into_iter().flatten());
        // The one rule about other rules' findings runs last.
        let published = rules::published_has_warnings::check(&cx, diagnostics);
        diagnostics.extend(published);
    }
    generated_files(repo, diagnostics);
    sort(repo, diagnostics);
}

/// Findings in a generated file are still reported, but never fixed there:
/// the file is the importer's, and what it says comes from its mapping and
/// the original. The finding says where to make the change instead.
fn generated_files(repo: &Repository, diagnostics: &mut [Diagnostic]) {
    for d in diagnostics.iter_mut() {
        let Some(mapping) = d.file.and_then(|f| repo.generated_by(f)) else {
            continue;
        };
        if d.fix.take().is_some() || d.code.starts_with('T') {
            d.help = Some(format!(
                "このファイルは {mapping} の設定で原典から作られています（cargo xtask import {mapping}）。手で直さず、直すべきなら {mapping} か原典の側で直して作り直してください。発行者の文言（正式な名前など）はそのまま残します"
            ));
        }
    }
}

/// Sorts by file path, then position, then code, so output is stable.
fn sort(repo: &Repository, diagnostics: &mut [Diagnostic]) {
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.file.map(|f| repo.file(f).path.clone()),
                d.span.as_ref().map(|s| (s.start, s.end)),
                d.code,
            )
        };
        key(a).cmp(&key(b))
    });
}

/// The documentation of every rule, in code order, including the meta rule.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    let mut v: Vec<_> = rules::ALL.iter().map(|r| r.meta()).collect();
    v.push(&rules::published_has_warnings::PublishedHasWarnings::META);
    v.sort_by_key(|m| m.code);
    v
}
