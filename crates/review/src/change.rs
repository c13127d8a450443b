//! What a change does to the content, as data: the shape of
//! `cargo xtask diff --format json` (documented in `docs/diff.md`).

use serde::Serialize;

/// Everything a change does, by kind of content. Objects are keyed by what
/// they are (`id@version`, `source--target`, a glossary or industry id), not
/// by their file, so a renamed or moved file is the same object.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Change {
    pub catalogs: Vec<CatalogChange>,
    pub crosswalks: Vec<CrosswalkChange>,
    pub glossaries: Vec<GlossaryChange>,
    pub industries: Vec<IndustryChange>,
    pub findings: Findings,
}

impl Change {
    /// Whether the change touches no content and no finding.
    pub fn is_empty(&self) -> bool {
        self.catalogs.is_empty()
            && self.crosswalks.is_empty()
            && self.glossaries.is_empty()
            && self.industries.is_empty()
            && self.findings.new.is_empty()
            && self.findings.fixed.is_empty()
    }
}

/// Whether an object is new, gone, or different.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Added,
    Removed,
    Changed,
}

/// A header value that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// A catalog (`[guideline]`) that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CatalogChange {
    /// `id@version`.
    pub key: String,
    pub title: String,
    pub status: Status,
    /// The file, after the change (before, when removed).
    pub file: String,
    pub header: Vec<FieldChange>,
    pub items: Changes<ItemView, ItemDelta>,
}

/// Added, removed and changed members of something.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Changes<V, D> {
    pub added: Vec<V>,
    pub removed: Vec<V>,
    pub changed: Vec<D>,
}

impl<V, D> Default for Changes<V, D> {
    fn default() -> Self {
        Changes {
            added: Vec::new(),
            removed: Vec::new(),
            changed: Vec::new(),
        }
    }
}

impl<V, D> Changes<V, D> {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.removed.is_empty() && self.changed.is_empty()
    }
}

/// An item as it reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemView {
    pub id: String,
    pub title: String,
    pub text: Option<String>,
    pub level: Option<String>,
}

/// An item that reads differently.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ItemDelta {
    pub id: String,
    pub before: ItemView,
    pub after: ItemView,
}

/// A crosswalk that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CrosswalkChange {
    /// `source--target`.
    pub key: String,
    pub status: Status,
    pub file: String,
    /// `judgment` or `citation`, after the change.
    pub basis: String,
    pub header: Vec<FieldChange>,
    pub entries: Changes<EntryView, EntryDelta>,
    /// Coverage before and after (absent on the side where the crosswalk or
    /// its source catalog does not exist).
    pub coverage: CoverageChange,
    /// Entries that rest on an item that changed since they were reviewed
    /// (M008) after the change, and did not before.
    pub stale: Vec<Stale>,
}

/// One `[[map]]` entry as it reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntryView {
    pub source: String,
    pub relation: Option<String>,
    pub targets: Vec<String>,
    pub strm: Option<String>,
    pub rationale: Option<String>,
    pub measure: Option<String>,
    pub regulations: Vec<String>,
}

/// An entry that reads differently.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct EntryDelta {
    pub source: String,
    pub before: EntryView,
    pub after: EntryView,
}

/// Coverage on each side.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct CoverageChange {
    pub before: Option<CoverageView>,
    pub after: Option<CoverageView>,
}

/// Counts of in-scope source items by outcome; shares (percent) only for a
/// judgment crosswalk.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CoverageView {
    pub covered: usize,
    pub partial: usize,
    pub none: usize,
    pub cited: usize,
    pub not_cited: usize,
    pub unmapped: usize,
    pub total: usize,
    pub shares: Option<Shares>,
}

/// Percent of the total, one decimal.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Shares {
    pub covered: f64,
    pub partial: f64,
    pub none: f64,
    pub unmapped: f64,
}

/// An entry made stale by the change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Stale {
    pub source: String,
    /// The M008 finding's message: which item changed.
    pub message: String,
}

/// A glossary whose terms changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GlossaryChange {
    pub id: String,
    pub status: Status,
    pub file: String,
    /// Preferred terms added and removed.
    pub added: Vec<String>,
    pub removed: Vec<String>,
    /// Preferred terms whose variants or note changed.
    pub changed: Vec<String>,
}

/// An industry profile that changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct IndustryChange {
    pub id: String,
    pub name: String,
    pub status: Status,
    pub file: String,
    pub header: Vec<FieldChange>,
    pub terms: Changes<TermView, FieldChange>,
    pub handling: Changes<PracticeView, PracticeDelta>,
    pub measures: Changes<PracticeView, PracticeDelta>,
}

/// A `[terms]` entry: base term → the industry's word.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TermView {
    pub base: String,
    pub word: String,
}

/// A `[[handling]]` or `[[measure]]` as it reads.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PracticeView {
    pub id: String,
    pub title: String,
    pub text: Option<String>,
    pub relates: Vec<String>,
}

/// A practice that reads differently.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PracticeDelta {
    pub id: String,
    pub before: PracticeView,
    pub after: PracticeView,
}

/// Lint findings the change introduces and fixes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Findings {
    pub new: Vec<FindingView>,
    pub fixed: Vec<FindingView>,
}

/// One finding, where it is on its side of the change.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FindingView {
    pub code: String,
    pub severity: String,
    pub file: Option<String>,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}
