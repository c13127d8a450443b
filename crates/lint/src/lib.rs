//! Lint rules over the content model, and the formats their findings are shown in.
//!
//! Rules are pure functions of the loaded [`Repository`]: they read the model and
//! push [`Diagnostic`]s. They never touch the file system or the terminal. The
//! [`report`] module turns findings into text (miette, JSON, GitHub, SARIF); the
//! command line decides where that text goes and what the exit code is.

// A rule's documented example names its file in the fence (```toml
// file=PATH```), which `docs` reads and rustdoc does not know.
#![allow(rustdoc::invalid_codeblock_attributes)]

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
#[cfg(test)]
mod tester;
pub mod text;
pub mod worst_case;
pub mod written;

pub use context::Context;
use sc3_model::{Diagnostic, Loaded, Repository, Severity};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

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

/// How a rule looks at the repository.
#[derive(Clone, Copy)]
pub enum Check {
    /// Reads the model and pushes its findings: every rule but one. These run
    /// in parallel.
    Model(fn(&Context<'_>, &mut Vec<Diagnostic>)),
    /// Reads the findings of the loader and of every [`Check::Model`] rule
    /// (the second argument) and pushes its own: runs after all of them.
    Findings(fn(&Context<'_>, &[Diagnostic], &mut Vec<Diagnostic>)),
}

/// A lint rule, as [`declare_rule!`] declares it: what it says about itself,
/// its check, and the source file it is declared in (so a test can tell that
/// every rule file is registered in [`rules::ALL`]).
pub struct Rule {
    pub meta: RuleMeta,
    pub check: Check,
    pub file: &'static str,
}

/// Declares a rule, once: its unit struct with `META` (code, name, severity,
/// summary, and the doc comment written above it as `doc`), `RULE` (the meta
/// and the check function, for [`rules::ALL`]) and `diag`, which makes a
/// finding with the rule's code and severity. The check is a function of the
/// file named after `check:` (`fn(&Context, &mut Vec<Diagnostic>)`), or after
/// `check_findings:` for a rule that reads the other rules' findings
/// (`fn(&Context, &[Diagnostic], &mut Vec<Diagnostic>)`).
///
/// ```ignore
/// declare_rule! {
///     /// ## 何を検査するか
///     /// …
///     pub struct DuplicateMapping {
///         code: "M002",
///         name: "duplicate-mapping",
///         severity: Error,
///         summary: "同じ突合元の項目に [[map]] が二つ以上ある",
///         check: check,
///     }
/// }
///
/// fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
///     out.push(DuplicateMapping::diag("…").at(file, span).with_help("…"));
/// }
/// ```
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        pub struct $name:ident {
            code: $code:literal,
            name: $rname:literal,
            severity: $sev:ident,
            summary: $summary:literal,
            $kind:ident: $check:path $(,)?
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

            /// The rule, for [`crate::rules::ALL`].
            pub const RULE: $crate::Rule = $crate::Rule {
                meta: Self::META,
                check: $crate::declare_rule!(@check $kind $check),
                file: file!(),
            };

            /// A finding of this rule: its code and severity, and `message`.
            pub fn diag(message: impl Into<String>) -> sc3_model::Diagnostic {
                sc3_model::Diagnostic::new(Self::META.code, Self::META.severity, message)
            }
        }
    };
    (@check check $f:path) => {
        $crate::Check::Model($f)
    };
    (@check check_findings $f:path) => {
        $crate::Check::Findings($f)
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
    /// How long each step took (`cargo xtask lint --timings`).
    pub timings: Timings,
}

/// How long each step of a lint run took, in the order they ran: the shared
/// analysis ([`Context::new`]'s steps, some of which run side by side), then
/// each rule (on every core at once, so the rules' times add up to more than
/// the wall time), then sorting. Wall-clock times, for finding where a slow
/// run goes; never part of the findings.
#[derive(Clone, Debug, Default)]
pub struct Timings {
    /// (step, time) for the shared analysis and the steps after the rules.
    pub steps: Vec<(&'static str, Duration)>,
    /// (rule code, time) for every rule, in the order of [`rules::ALL`].
    pub rules: Vec<(&'static str, Duration)>,
    /// The wall time of the whole check.
    pub total: Duration,
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
    let timings = check_timed(&repo, &mut diagnostics);
    Report {
        repo,
        diagnostics,
        timings,
    }
}

/// Runs every rule over `repo`, adding the findings to the loader's
/// `diagnostics` and sorting them all; borrows the repository, so other work
/// on it (building the handbook) can run at the same time.
pub fn check(repo: &Repository, diagnostics: &mut Vec<Diagnostic>) {
    check_timed(repo, diagnostics);
}

/// The rules that read every character of the prose, slowest first (by
/// `lint --timings` on the bench-terms corpus, see docs/benchmarks.md):
/// started first, so that none of them is left to run alone at the end.
const SLOWEST_FIRST: [&str; 3] = ["T004", "S002", "T001"];

/// [`check`], and how long each step took.
pub fn check_timed(repo: &Repository, diagnostics: &mut Vec<Diagnostic>) -> Timings {
    let mut timings = Timings::default();
    let whole = Instant::now();
    {
        let started = Instant::now();
        let cx = Context::new(repo);
        timings.steps.extend(cx.timings.iter().copied());
        timings.steps.push(("分析の合計", started.elapsed()));
        // Rules are independent pure functions: run them on every core, then
        // keep their findings in rule order so the output does not depend on
        // scheduling. Each rule is a task, queued first in first out, the
        // rules that read every character of the prose first: each core
        // starts with one of them, and the short rules fill in after
        // (started last, the longest would run alone at the end while the
        // other cores wait).
        let started = Instant::now();
        let mut order: Vec<usize> = (0..rules::ALL.len()).collect();
        order.sort_by_key(|&k| !SLOWEST_FIRST.contains(&rules::ALL[k].meta.code));
        let slots: Vec<OnceLock<(Vec<Diagnostic>, Duration)>> =
            rules::ALL.iter().map(|_| OnceLock::new()).collect();
        rayon::scope_fifo(|scope| {
            for &k in &order {
                let (cx, slot) = (&cx, &slots[k]);
                scope.spawn_fifo(move |_| {
                    let started = Instant::now();
                    let mut out = Vec::new();
                    if let Check::Model(check) = rules::ALL[k].check {
                        check(cx, &mut out);
                    }
                    let _ = slot.set((out, started.elapsed()));
                });
            }
        });
        let found: Vec<(Vec<Diagnostic>, Duration)> = slots
            .into_iter()
            .map(|slot| slot.into_inner().expect("every rule ran"))
            .collect();
        // One allocation for all of them: thousands of findings of a few
        // hundred bytes each would otherwise be copied at every doubling.
        diagnostics.reserve(found.iter().map(|(out, _)| out.len()).sum());
        for (rule, (out, took)) in rules::ALL.iter().zip(found) {
            diagnostics.extend(out);
            timings.rules.push((rule.meta.code, took));
        }
        // The rules about other rules' findings run last.
        for (k, rule) in rules::ALL.iter().enumerate() {
            if let Check::Findings(check) = rule.check {
                let started = Instant::now();
                let mut out = Vec::new();
                check(&cx, diagnostics, &mut out);
                diagnostics.extend(out);
                timings.rules[k].1 = started.elapsed();
            }
        }
        timings.steps.push(("規則（並列）", started.elapsed()));
    }
    let started = Instant::now();
    generated_files(repo, diagnostics);
    sort(repo, diagnostics);
    timings.steps.push(("並べ替え", started.elapsed()));
    timings.total = whole.elapsed();
    timings
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
    // The key borrows the path: thousands of findings are compared many
    // times each.
    diagnostics.sort_by(|a, b| {
        let key = |d: &Diagnostic| {
            (
                d.file.map(|f| repo.file(f).path.as_str()),
                d.span.as_ref().map(|s| (s.start, s.end)),
                d.code,
            )
        };
        key(a).cmp(&key(b))
    });
}

/// The documentation of every rule, in code order.
pub fn all_rules() -> Vec<&'static RuleMeta> {
    let mut v: Vec<_> = rules::ALL.iter().map(|r| &r.meta).collect();
    v.sort_by_key(|m| m.code);
    v
}

#[cfg(test)]
mod scheduling_tests {
    use super::*;

    /// A renamed or moved rule would silently lose its place in the order.
    #[test]
    fn the_rules_started_first_are_model_rules() {
        for code in SLOWEST_FIRST {
            let rule = rules::ALL.iter().find(|r| r.meta.code == code);
            assert!(
                matches!(rule.map(|r| &r.check), Some(Check::Model(_))),
                "{code} is not a rule of the parallel pass"
            );
        }
    }
}
