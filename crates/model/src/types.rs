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
    pub groups: Vec<Group>,
    pub items: Vec<Item>,
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
    pub handling: Vec<Practice>,
    pub measures: Vec<Practice>,
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

/// 対応 / 準対応 / 非対応.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    Covered,
    Partial,
    None,
}

impl Relation {
    pub const NAMES: &'static [&'static str] = &["covered", "partial", "none"];

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "covered" => Some(Relation::Covered),
            "partial" => Some(Relation::Partial),
            "none" => Some(Relation::None),
            _ => None,
        }
    }

    /// The Japanese word a user might have typed instead, mapped to ours.
    pub fn from_japanese(s: &str) -> Option<Self> {
        match s {
            "対応" => Some(Relation::Covered),
            "準対応" => Some(Relation::Partial),
            "非対応" => Some(Relation::None),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Relation::Covered => "covered",
            Relation::Partial => "partial",
            Relation::None => "none",
        }
    }

    pub fn japanese(self) -> &'static str {
        match self {
            Relation::Covered => "対応",
            Relation::Partial => "準対応",
            Relation::None => "非対応",
        }
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
