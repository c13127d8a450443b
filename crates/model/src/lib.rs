//! The content model of the guideline repository, and its loader.
//!
//! This crate knows how content is written (the four TOML file kinds and the
//! handbook's Markdown) and what it means. It knows nothing of lint rules, of the
//! handbook's pages or of terminals: those layers depend on this one, never the
//! other way round.

pub mod config;
pub mod coverage;
pub mod diag;
pub mod fsx;
pub mod load;
pub mod names;
pub mod prh_convert;
pub mod refs;
pub mod schema;
pub mod source;
pub mod transitive;
pub mod types;
pub mod versions;

use std::collections::HashMap;
use std::path::PathBuf;

pub use diag::{Diagnostic, Fix, Related, Severity};
pub use load::{Loaded, load, load_from_memory};
pub use refs::{GuidelineRef, ItemRef, MeasureRef};
pub use source::{FileId, Position, SourceFile};
pub use types::*;

/// Everything loaded from one repository root.
#[derive(Clone, Debug, Default)]
pub struct Repository {
    pub root: PathBuf,
    /// Settings from `lint.toml`, or the defaults.
    pub config: config::Config,
    /// Every file read, TOML and Markdown, in discovery order.
    pub files: Vec<SourceFile>,
    pub guidelines: Vec<Guideline>,
    pub industries: Vec<Industry>,
    pub glossaries: Vec<Glossary>,
    pub crosswalks: Vec<Crosswalk>,
    /// The handbook's Markdown files.
    pub markdown: Vec<FileId>,
    /// The templates of this project's sample text: the regulations
    /// (`book/regulations/*.hbs`) and the basic policy (`book/policy/*.hbs`),
    /// read as text so the lint can check them; the site renders them.
    pub templates: Vec<FileId>,
    /// `.github/CODEOWNERS`, when the repository has one.
    pub codeowners: Option<FileId>,
    /// Every other regular file under the content folders (pictures,
    /// downloads, the data the site reads), by path: not content, but named
    /// like it, and published or read by the build.
    pub other_files: Vec<String>,
    /// prh dictionaries (`guidelines/glossary/*.yml`), glossaries of scope `all`.
    pub prh: Vec<PrhSource>,
}

/// A prh dictionary read as a glossary source.
#[derive(Clone, Debug)]
pub struct PrhSource {
    pub file: FileId,
    pub dictionary: prh::PrhDictionary,
}

/// A clause of the sample regulations, as a template defines it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Clause {
    /// `4.4`.
    pub number: String,
    /// The template file.
    pub file: FileId,
    /// The template's name: its file name without `.hbs` (`04-access`).
    pub template: String,
    /// The clause's title (`title="…"`).
    pub title: String,
    /// The base items it implements (`implements="…"`, bare ids).
    pub implements: Vec<String>,
}

impl Repository {
    /// The import mapping a file is generated from, if it is generated (a
    /// catalog or crosswalk whose `generated` names one).
    pub fn generated_by(&self, file: FileId) -> Option<&str> {
        self.guidelines
            .iter()
            .filter(|g| g.file == file)
            .filter_map(|g| g.generated.as_ref())
            .chain(
                self.crosswalks
                    .iter()
                    .filter(|c| c.file == file)
                    .filter_map(|c| c.generated.as_ref()),
            )
            .map(|g| g.value.as_str())
            .next()
    }

    /// Every clause of the sample-regulation templates, in file order.
    pub fn clauses(&self) -> Vec<Clause> {
        self.templates
            .iter()
            .flat_map(|&id| {
                let f = self.file(id);
                let template = names::template_name(&f.path);
                names::template_clause_heads(&f.text)
                    .into_iter()
                    .map(move |h| Clause {
                        number: h.number,
                        file: id,
                        template: template.clone(),
                        title: h.title,
                        implements: h.implements,
                    })
            })
            .collect()
    }

    pub fn add_file(&mut self, file: SourceFile) -> FileId {
        self.files.push(file);
        FileId(self.files.len() - 1)
    }

    pub fn file(&self, id: FileId) -> &SourceFile {
        &self.files[id.0]
    }

    /// Lookup tables by id. Where an id is defined twice, the first wins (the
    /// duplicate is a lint finding).
    pub fn index(&self) -> Index<'_> {
        let mut guidelines = HashMap::new();
        for g in &self.guidelines {
            guidelines
                .entry((g.id.value.as_str(), g.version.value.as_str()))
                .or_insert(g);
        }
        let mut industries = HashMap::new();
        for i in &self.industries {
            industries.entry(i.id.value.as_str()).or_insert(i);
        }
        Index {
            guidelines,
            industries,
        }
    }
}

/// Lookup of guidelines and industries by id.
#[derive(Debug)]
pub struct Index<'r> {
    guidelines: HashMap<(&'r str, &'r str), &'r Guideline>,
    industries: HashMap<&'r str, &'r Industry>,
}

impl<'r> Index<'r> {
    pub fn guideline(&self, r: &GuidelineRef) -> Option<&'r Guideline> {
        self.guidelines
            .get(&(r.id.as_str(), r.version.as_str()))
            .copied()
    }

    pub fn industry(&self, id: &str) -> Option<&'r Industry> {
        self.industries.get(id).copied()
    }

    /// The versions of guideline `id` that exist, for did-you-mean help.
    pub fn versions_of(&self, id: &str) -> Vec<&'r str> {
        let mut v: Vec<_> = self
            .guidelines
            .keys()
            .filter(|(gid, _)| *gid == id)
            .map(|(_, ver)| *ver)
            .collect();
        v.sort_unstable();
        v
    }

    /// Every guideline id@version, sorted.
    pub fn guideline_keys(&self) -> Vec<String> {
        let mut v: Vec<_> = self
            .guidelines
            .keys()
            .map(|(id, ver)| format!("{id}@{ver}"))
            .collect();
        v.sort_unstable();
        v
    }

    pub fn item(&self, r: &ItemRef) -> Option<&'r Item> {
        self.guideline(&r.guideline)?.item(&r.item)
    }
}
