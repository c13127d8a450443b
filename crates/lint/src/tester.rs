//! Rule tests on repositories in memory, beside each rule (after oxc's
//! `Tester`): a base repository, the files a case adds, replaces, edits or moves,
//! and assertions about one rule's findings.
//!
//! ```ignore
//! let r = Tester::new(&MissingRationale::RULE, Base::Small)
//!     .edit("mappings/assoc@2.0--base@1.0.toml", "rationale = \"…\"\n", "")
//!     .fail();
//! assert_eq!(r.places(), [at("mappings/assoc@2.0--base@1.0.toml", 15, 12)]);
//! ```
//!
//! [`Tester::fail`] snapshots the rule's findings as a user sees them
//! (`src/rules/snapshots/<CODE>-<name>.snap`); [`doc_problems`] tests the
//! examples of a rule's documentation.

use std::collections::BTreeMap;
use std::ops::Deref;
use std::path::Path;

use sc3_model::{Diagnostic, Severity};

use crate::report::{HumanOptions, human_one};
use crate::{Report, Rule, RuleMeta};

/// The repository a case starts from.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Base {
    /// No file at all.
    Empty,
    /// `tests/fixtures/small`: an association's catalog `assoc@2.0` (items 1
    /// and 2 at LV1, 3 at LV2), a base catalog `base@1.0` (group `kitei`,
    /// items `kitei-1`..`kitei-3`) and a draft crosswalk between them that
    /// maps the two LV1 items.
    Small,
    /// `tests/fixtures/examples`: the design examples. The examples in the
    /// rules' documentation are files added to it.
    Examples,
}

/// Where `load` reads a path: the settings first, then `guidelines`,
/// `mappings` and `book`, each depth-first with names in order. In-memory
/// files are loaded in this order so ids and output are those of the disk.
fn load_order(path: &str) -> (usize, Vec<&str>) {
    let rank = ["lint.toml", "guidelines", "mappings", "book"]
        .iter()
        .position(|d| path.split('/').next() == Some(*d))
        .unwrap_or(4);
    (rank, path.split('/').collect())
}

/// One rule's test case: a repository in memory.
#[derive(Clone)]
pub(crate) struct Tester {
    rule: &'static Rule,
    meta: &'static RuleMeta,
    files: BTreeMap<String, String>,
}

impl Tester {
    pub(crate) fn new(rule: &'static Rule, base: Base) -> Self {
        let fixture = match base {
            Base::Empty => None,
            Base::Small => Some("small"),
            Base::Examples => Some("examples"),
        };
        let files = fixture.map(sc3_fixtures::files).unwrap_or_default();
        let files = files
            .into_iter()
            .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
            .collect();
        Tester {
            rule,
            meta: &rule.meta,
            files,
        }
    }

    /// Adds the file at `path`, or replaces the base's.
    pub(crate) fn file(mut self, path: &str, text: &str) -> Self {
        self.files.insert(path.to_owned(), text.to_owned());
        self
    }

    /// Replaces `from`, which the file at `path` must contain exactly once,
    /// with `to`: a case that differs from the base in a few lines says so.
    pub(crate) fn edit(mut self, path: &str, from: &str, to: &str) -> Self {
        let text = self.files.get_mut(path);
        let text = text.unwrap_or_else(|| panic!("no file {path} to edit"));
        assert_eq!(text.matches(from).count(), 1, "{path} has {from:?} once");
        *text = text.replacen(from, to, 1);
        self
    }

    /// Adds `more` at the end of the file at `path`.
    pub(crate) fn append(mut self, path: &str, more: &str) -> Self {
        let text = self.files.get_mut(path);
        let text = text.unwrap_or_else(|| panic!("no file {path} to append to"));
        text.push_str(more);
        self
    }

    /// Moves the base's file at `from` to `to`.
    pub(crate) fn moved(mut self, from: &str, to: &str) -> Self {
        let text = self.files.remove(from);
        let text = text.unwrap_or_else(|| panic!("no file {from} to move"));
        self.files.insert(to.to_owned(), text);
        self
    }

    /// Loads and lints the repository, with no assertion.
    pub(crate) fn run(&self) -> Outcome {
        let mut files: Vec<(&String, &String)> = self.files.iter().collect();
        files.sort_by(|a, b| load_order(a.0).cmp(&load_order(b.0)));
        let loaded =
            sc3_model::load_from_memory(files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())));
        Outcome {
            report: crate::lint(loaded),
            code: self.meta.code,
        }
    }

    /// Asserts that the repository has no finding of the rule and no error.
    pub(crate) fn pass(&self) {
        let r = self.run();
        let offending: Vec<_> = r
            .diagnostics
            .iter()
            .filter(|d| d.code == self.meta.code || d.severity == Severity::Error)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        assert!(
            offending.is_empty(),
            "{} pass case: {offending:#?}",
            self.meta.code
        );
    }

    /// Asserts that the rule finds something, each finding with the rule's
    /// severity and a help, and snapshots the findings as rendered for a
    /// terminal (no colour, 80 columns) in
    /// `src/rules/snapshots/<CODE>-<name>.snap`.
    pub(crate) fn fail(&self) -> Outcome {
        let r = self.run();
        let code = self.meta.code;
        assert!(!r.found().is_empty(), "{code} fail case finds nothing");
        for d in r.found() {
            assert_eq!(
                d.severity, self.meta.severity,
                "{code} reports with its declared severity"
            );
            assert!(d.help.is_some(), "{code} findings say what to do");
        }
        let mut settings = insta::Settings::clone_current();
        settings.set_snapshot_path("rules/snapshots");
        settings.set_prepend_module_to_snapshot(false);
        settings.set_omit_expression(true);
        settings.set_input_file(self.rule.file);
        let name = format!("{code}-{}", self.meta.name);
        settings.bind(|| insta::assert_snapshot!(name, r.rendered()));
        r
    }
}

/// A linted case, read for one rule's findings. It dereferences to the
/// whole [`Report`].
pub(crate) struct Outcome {
    pub(crate) report: Report,
    code: &'static str,
}

impl Deref for Outcome {
    type Target = Report;
    fn deref(&self) -> &Report {
        &self.report
    }
}

impl Outcome {
    /// The rule's findings, in output order.
    pub(crate) fn found(&self) -> Vec<&Diagnostic> {
        self.diagnostics
            .iter()
            .filter(|d| d.code == self.code)
            .collect()
    }

    /// The path of the file a finding is in.
    pub(crate) fn path(&self, d: &Diagnostic) -> &str {
        &self.repo.file(d.file.unwrap()).path
    }

    /// (path, line, column) of each finding.
    pub(crate) fn places(&self) -> Vec<(String, usize, usize)> {
        self.found()
            .into_iter()
            .map(|d| {
                let f = self.repo.file(d.file.unwrap());
                let p = f.position(d.span.clone().unwrap().start);
                (f.path.clone(), p.line, p.column)
            })
            .collect()
    }

    /// (line, column, message) of each finding; (0, 0) for a finding
    /// without a file, line 1 column 1 for a whole file.
    pub(crate) fn messages(&self) -> Vec<(usize, usize, String)> {
        self.found()
            .into_iter()
            .map(|d| match d.file {
                Some(f) => {
                    let p = self
                        .repo
                        .file(f)
                        .position(d.span.clone().map_or(0, |s| s.start));
                    (p.line, p.column, d.message.clone())
                }
                None => (0, 0, d.message.clone()),
            })
            .collect()
    }

    /// The replacement of each finding's fix.
    pub(crate) fn fixes(&self) -> Vec<&str> {
        self.found()
            .into_iter()
            .map(|d| d.fix.as_ref().expect("a fix").replacement.as_str())
            .collect()
    }

    /// The findings as miette renders them without colour at 80 columns.
    pub(crate) fn rendered(&self) -> String {
        let opts = HumanOptions {
            width: 80,
            color: false,
        };
        self.found()
            .into_iter()
            .map(|d| human_one(&self.repo, d, opts))
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Loads and lints a repository on disk (for what only a disk has: names
/// of files that are not content), with no assertion.
pub(crate) fn on_disk(rule: &'static Rule, root: &Path) -> Outcome {
    let loaded = sc3_model::load(root).unwrap_or_else(|e| panic!("{}: {e}", root.display()));
    Outcome {
        report: crate::lint(loaded),
        code: rule.meta.code,
    }
}

/// `(path, line, column)`, as [`Outcome::places`] gives them.
pub(crate) fn at(path: &str, line: usize, column: usize) -> (String, usize, usize) {
    (path.to_owned(), line, column)
}

/// What is wrong with a rule's documented examples (see
/// [`crate::docs::examples`]), each added to the design examples: a 悪い例
/// the rule does not find in its files, a 良い例 in whose files the rule, or
/// any error, finds something, a section without an example. The examples of
/// a section are one case, except that an example naming a file the case
/// already has starts the next one.
pub(crate) fn doc_problems(rule: &'static Rule) -> Vec<String> {
    let code = rule.meta.code;
    let examples = crate::docs::examples(&rule.meta);
    let mut problems = Vec::new();
    for (bad, section) in [(true, "悪い例"), (false, "良い例")] {
        if !examples.iter().any(|e| e.bad == bad) {
            problems.push(format!(
                "{code}: {section} has no example that names its file"
            ));
        }
    }
    let mut cases: Vec<Vec<&crate::docs::Example>> = Vec::new();
    for e in &examples {
        match cases.last_mut() {
            Some(case) if case[0].bad == e.bad && case.iter().all(|c| c.path != e.path) => {
                case.push(e)
            }
            _ => cases.push(vec![e]),
        }
    }
    for case in cases {
        let tester = case.iter().fold(Tester::new(rule, Base::Examples), |t, e| {
            t.file(&e.path, &e.text)
        });
        let r = tester.run();
        let in_case = |d: &&Diagnostic| {
            d.file
                .is_some_and(|f| case.iter().any(|e| e.path == r.repo.file(f).path))
        };
        let paths: Vec<&str> = case.iter().map(|e| e.path.as_str()).collect();
        let all: Vec<String> = r
            .diagnostics
            .iter()
            .filter(in_case)
            .map(|d| format!("{} {}", d.code, d.message))
            .collect();
        if case[0].bad {
            if !r.found().iter().any(in_case) {
                problems.push(format!(
                    "{code}: 悪い例 {paths:?} is not found; found: {all:#?}"
                ));
            }
        } else if r
            .diagnostics
            .iter()
            .filter(in_case)
            .any(|d| d.code == code || d.severity == Severity::Error)
        {
            problems.push(format!("{code}: 良い例 {paths:?} does not pass: {all:#?}"));
        }
    }
    problems
}
