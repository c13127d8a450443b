//! The content model: the four file kinds of the content format (version 1).
//!
//! Every value that a diagnostic may point at is kept with its byte span. Values
//! the loader could not read are absent (and were reported), so rules see only
//! well-typed data and never need to re-report a type error.

use std::ops::Range;

use crate::source::FileId;

/// A value with the byte span of its source text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Spanned<T> {
    pub value: T,
    pub span: Range<usize>,
}

impl<T> Spanned<T> {
    pub fn new(value: T, span: Range<usize>) -> Self {
        Spanned { value, span }
    }
}

impl Spanned<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

/// `[guideline]`: one version of one guideline (a catalog).
#[derive(Clone, Debug)]
pub struct Guideline {
    pub file: FileId,
    /// Span of the `[guideline]` header table.
    pub span: Range<usize>,
    pub id: Spanned<String>,
    pub version: Spanned<String>,
    pub title: Spanned<String>,
    pub publisher: Option<Spanned<String>>,
    /// `published`, as written (a TOML date or a string).
    pub published: Option<Spanned<String>>,
    pub url: Option<Spanned<String>>,
    pub levels: Vec<Spanned<String>>,
    pub supersedes: Option<Spanned<String>>,
    /// The original document's name as its publisher gives it.
    pub document: Option<Spanned<String>>,
    /// The original's edition as its publisher writes it (第3.1版).
    pub edition: Option<Spanned<String>>,
    /// What this file holds of the original.
    pub holds: Option<Spanned<Holds>>,
    /// How many items the original has, when this file holds fewer.
    pub total: Option<Spanned<u32>>,
    /// Which part of the original this file holds, and why.
    pub selection: Option<Spanned<String>>,
    /// The import mapping this file is generated from (`import/meti-sc.toml`).
    pub generated: Option<Spanned<String>>,
    /// Who keeps this file (GitHub users or teams): its code owners.
    pub maintainers: Vec<Spanned<String>>,
    /// `[[conflict]]`: what the original says two ways, and what was kept.
    pub conflicts: Vec<Conflict>,
    pub groups: Vec<Group>,
    pub items: Vec<Item>,
}

/// What a catalog holds of its original.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Holds {
    /// The publisher's own item titles, as published.
    Titles,
    /// Summaries in this project's own words.
    Summaries,
    /// Ids and levels only.
    Numbers,
}

impl Holds {
    pub const NAMES: &'static [&'static str] = &["titles", "summaries", "numbers"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "titles" => Some(Holds::Titles),
            "summaries" => Some(Holds::Summaries),
            "numbers" => Some(Holds::Numbers),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// `[[conflict]]`: a place where the original contradicts itself, and how the
/// catalog resolved it.
#[derive(Clone, Debug)]
pub struct Conflict {
    pub span: Range<usize>,
    /// The item concerned (a bare id of this catalog).
    pub item: Spanned<String>,
    pub text: Spanned<String>,
}

impl Guideline {
    /// `id@version`.
    pub fn key(&self) -> String {
        format!("{}@{}", self.id.value, self.version.value)
    }

    pub fn item(&self, id: &str) -> Option<&Item> {
        self.items.iter().find(|i| i.id.value == id)
    }

    pub fn group(&self, id: &str) -> Option<&Group> {
        self.groups.iter().find(|g| g.id.value == id)
    }

    /// Items with no group, or whose group is not defined (shown after the
    /// groups, so nothing is lost).
    pub fn ungrouped_items(&self) -> impl Iterator<Item = &Item> {
        self.items.iter().filter(|it| {
            it.group
                .as_ref()
                .is_none_or(|x| self.group(&x.value).is_none())
        })
    }
}

/// `[[group]]`: a heading that items belong to; groups nest through `parent`.
#[derive(Clone, Debug)]
pub struct Group {
    pub span: Range<usize>,
    pub id: Spanned<String>,
    pub parent: Option<Spanned<String>>,
    pub title: Spanned<String>,
}

/// `[[item]]`: one requirement, question or chapter.
#[derive(Clone, Debug)]
pub struct Item {
    pub span: Range<usize>,
    pub id: Spanned<String>,
    pub group: Option<Spanned<String>>,
    pub title: Spanned<String>,
    pub text: Option<Spanned<String>>,
    pub level: Option<Spanned<String>>,
    pub tags: Vec<Spanned<String>>,
}

/// `[industry]`: an industry's profile, the basis of its industry edition.
#[derive(Clone, Debug)]
pub struct Industry {
    pub file: FileId,
    pub span: Range<usize>,
    pub id: Spanned<String>,
    pub name: Spanned<String>,
    pub association: Option<Spanned<String>>,
    /// The guideline the edition is built on, `id@version`.
    pub base: Option<Spanned<String>>,
    /// The association's own guidelines, `id@version` each.
    pub guidelines: Vec<Spanned<String>>,
    /// `[terms]`: base term → the industry's word, in file order.
    pub terms: Vec<(Spanned<String>, Spanned<String>)>,
    /// Who wrote the edition's own text (handling and measures): this project
    /// as an example (the default), or the association itself.
    pub authored_by: Option<Spanned<Author>>,
    /// Who keeps this file (GitHub users or teams): its code owners.
    pub maintainers: Vec<Spanned<String>>,
    pub handling: Vec<Practice>,
    pub measures: Vec<Practice>,
}

impl Industry {
    pub fn author(&self) -> Author {
        self.authored_by
            .as_ref()
            .map_or(Author::Project, |a| a.value)
    }
}

/// Who wrote an industry edition's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Author {
    /// This project, as an example; not the association's text.
    Project,
    /// The association, whose maintainers set it as theirs.
    Association,
}

impl Author {
    pub const NAMES: &'static [&'static str] = &["project", "association"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "project" => Some(Author::Project),
            "association" => Some(Author::Association),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }
}

/// `[[handling]]` or `[[measure]]` of an industry profile.
#[derive(Clone, Debug)]
pub struct Practice {
    pub span: Range<usize>,
    pub id: Spanned<String>,
    pub title: Spanned<String>,
    pub text: Option<Spanned<String>>,
    /// Item references, `id@version:item` each.
    pub relates: Vec<Spanned<String>>,
}

/// `[glossary]`: preferred terms and their variants.
#[derive(Clone, Debug)]
pub struct Glossary {
    pub file: FileId,
    pub span: Range<usize>,
    pub id: Spanned<String>,
    /// `"all"` or an industry id.
    pub scope: Option<Spanned<String>>,
    pub terms: Vec<Term>,
}

#[derive(Clone, Debug)]
pub struct Term {
    pub span: Range<usize>,
    pub preferred: Spanned<String>,
    pub variants: Vec<Spanned<String>>,
    pub note: Option<Spanned<String>>,
}

/// `[crosswalk]`: a mapping table (突合表) from a source guideline to a target.
#[derive(Clone, Debug)]
pub struct Crosswalk {
    pub file: FileId,
    pub span: Range<usize>,
    pub source: Spanned<String>,
    pub target: Spanned<String>,
    pub scope: Option<Scope>,
    pub status: Option<Spanned<Status>>,
    /// What the entries rest on: an expert's judgment (the default) or
    /// citations found in a publisher's document.
    pub basis: Option<Spanned<Basis>>,
    /// The import mapping this file is generated from.
    pub generated: Option<Spanned<String>>,
    pub maintainers: Vec<Spanned<String>>,
    pub maps: Vec<MapEntry>,
    /// `[[reviewed]]`: the items as they read when the entries were last
    /// confirmed (written by `cargo xtask crosswalk confirm`).
    pub reviewed: Vec<Reviewed>,
}

impl Crosswalk {
    /// `source--target`, the name the file should have.
    pub fn key(&self) -> String {
        format!("{}--{}", self.source.value, self.target.value)
    }

    pub fn status(&self) -> Status {
        self.status.as_ref().map_or(Status::Draft, |s| s.value)
    }

    pub fn basis(&self) -> Basis {
        self.basis.as_ref().map_or(Basis::Judgment, |b| b.value)
    }

    /// Whether the entries are judgments of coverage (対応 / 準対応 / 非対応),
    /// the only crosswalks coverage figures may come from.
    pub fn is_judgment(&self) -> bool {
        self.basis() == Basis::Judgment
    }
}

/// What a crosswalk's entries rest on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Basis {
    /// An expert compared the two sides: 対応 / 準対応 / 非対応.
    Judgment,
    /// A publisher's document cites the target items: 参照あり / 参照なし.
    /// Says nothing about coverage.
    Citation,
}

impl Basis {
    pub const NAMES: &'static [&'static str] = &["judgment", "citation"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "judgment" => Some(Basis::Judgment),
            "citation" => Some(Basis::Citation),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The relations an entry of such a crosswalk may have.
    pub fn relations(self) -> &'static [Relation] {
        match self {
            Basis::Judgment => &[Relation::Covered, Relation::Partial, Relation::None],
            Basis::Citation => &[Relation::Cited, Relation::NotCited],
        }
    }
}

/// Which source items must have an entry. Absent means all.
#[derive(Clone, Debug, Default)]
pub struct Scope {
    pub span: Range<usize>,
    pub levels: Vec<Spanned<String>>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Status {
    Draft,
    Review,
    Published,
}

impl Status {
    pub const NAMES: &'static [&'static str] = &["draft", "review", "published"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "draft" => Some(Status::Draft),
            "review" => Some(Status::Review),
            "published" => Some(Status::Published),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Published => "published",
        }
    }
}

/// `[[map]]`: one source item's entry.
#[derive(Clone, Debug)]
pub struct MapEntry {
    pub span: Range<usize>,
    pub source: Spanned<String>,
    pub relation: Option<Spanned<Relation>>,
    pub targets: Vec<Spanned<String>>,
    pub strm: Option<Spanned<Strm>>,
    pub rationale: Option<Spanned<String>>,
    /// `industry:measure`, the industry measure that fills a gap.
    pub measure: Option<Spanned<String>>,
    /// Clauses of this project's sample regulations the judgment rests on
    /// (`"4.4"`): our text, not the target's.
    pub regulations: Vec<Spanned<String>>,
}

/// `[[reviewed]]`: one item's title and text as the crosswalk's entries were
/// reviewed against.
#[derive(Clone, Debug)]
pub struct Reviewed {
    pub span: Range<usize>,
    /// `id@version:item`.
    pub item: Spanned<String>,
    pub title: Spanned<String>,
    pub text: Option<Spanned<String>>,
}

/// 対応 / 準対応 / 非対応 (judgments), or 参照あり / 参照なし (citations).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    Covered,
    Partial,
    None,
    /// The source item's publisher cites the target items.
    Cited,
    /// The source item's publisher cites nothing of the target.
    NotCited,
}

impl Relation {
    pub const NAMES: &'static [&'static str] =
        &["covered", "partial", "none", "cited", "not-cited"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "covered" => Some(Relation::Covered),
            "partial" => Some(Relation::Partial),
            "none" => Some(Relation::None),
            "cited" => Some(Relation::Cited),
            "not-cited" => Some(Relation::NotCited),
            _ => None,
        }
    }

    /// The Japanese word a user might have typed instead, mapped to ours.
    pub fn from_japanese(s: &str) -> Option<Self> {
        match s {
            "対応" => Some(Relation::Covered),
            "準対応" => Some(Relation::Partial),
            "非対応" => Some(Relation::None),
            "参照あり" => Some(Relation::Cited),
            "参照なし" => Some(Relation::NotCited),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    pub fn japanese(self) -> &'static str {
        match self {
            Relation::Covered => "対応",
            Relation::Partial => "準対応",
            Relation::None => "非対応",
            Relation::Cited => "参照あり",
            Relation::NotCited => "参照なし",
        }
    }

    /// Whether this is a judgment of coverage (not a citation).
    pub fn is_judgment(self) -> bool {
        matches!(self, Relation::Covered | Relation::Partial | Relation::None)
    }

    /// Whether the entry names target items (everything but 非対応 and 参照なし).
    pub fn has_targets(self) -> bool {
        matches!(
            self,
            Relation::Covered | Relation::Partial | Relation::Cited
        )
    }
}

/// NIST IR 8477 set-theory relationship (also OSCAL 1.2's mapping vocabulary).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Strm {
    EqualTo,
    EquivalentTo,
    SubsetOf,
    SupersetOf,
    IntersectsWith,
    NoRelationship,
}

impl Strm {
    pub const NAMES: &'static [&'static str] = &[
        "equal-to",
        "equivalent-to",
        "subset-of",
        "superset-of",
        "intersects-with",
        "no-relationship",
    ];

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "equal-to" => Strm::EqualTo,
            "equivalent-to" => Strm::EquivalentTo,
            "subset-of" => Strm::SubsetOf,
            "superset-of" => Strm::SupersetOf,
            "intersects-with" => Strm::IntersectsWith,
            "no-relationship" => Strm::NoRelationship,
            _ => return None,
        })
    }

    pub fn as_str(self) -> &'static str {
        Self::NAMES[self as usize]
    }

    /// The relation this set-theory relationship implies: the base item fully
    /// meets the requirement (covered), partly (partial), or not at all (none).
    pub fn relation(self) -> Relation {
        match self {
            Strm::EqualTo | Strm::EquivalentTo | Strm::SupersetOf => Relation::Covered,
            Strm::SubsetOf | Strm::IntersectsWith => Relation::Partial,
            Strm::NoRelationship => Relation::None,
        }
    }
}
