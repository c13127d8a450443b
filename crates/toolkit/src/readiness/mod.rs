//! A member company's readiness for a level of a scheme (METI's ★3), from
//! what it has already recorded with this toolkit: its self-diagnosis
//! answers, the sample-regulation chapters it adopted, the plan items it
//! completed, and its asset register.
//!
//! This is an estimate from the company's own records through our crosswalk
//! judgments, never an assessment: it says which criteria the recorded work
//! supports and how, and what to do next.
//!
//! # The rules
//!
//! A criterion reaches the company through a chain: criterion → (the
//! crosswalk entry's relation) → the entry's target items, together → (the
//! company's evidence for each) → the company's answers, clauses, plan and
//! register.
//!
//! 1. **Evidence for one target item** ([`Strength`]) is the strongest of its
//!    sources (any one of them is enough, as in [`transitive::union`]):
//!    - each diagnosis question that lists the item in the spec's `items`:
//!      実施している is full, 一部実施している partial, 実施していない none,
//!      and わからない (or no answer) **unknown**: an unanswered question is
//!      no evidence at all. Several answer sets (offices) give, per
//!      question, the weakest answer (わからない is the weakest);
//!    - a completed plan item for such a question: full, from its date (a
//!      date still to come is no completion, see [`plan_progress`]);
//!    - an adopted clause whose `implements` lists the item: partial (a rule
//!      written down, not a record that it is practised);
//!    - the asset register, for the items in [`REGISTER_ITEMS`]: full.
//!
//!    No source at all is unknown.
//! 2. **The targets together** (an entry's targets meet the criterion only
//!    together): all full is full; all unknown is unknown; nothing full or
//!    partial but something none is none; anything else is partial.
//! 3. **The status** is the chain's weakest link
//!    ([`transitive::weakest`], the rule of the inferred crosswalks): no
//!    entry, or a `none` (非対応) entry, is [`Status::Outside`] (the base's
//!    records cannot speak of it); unknown evidence is
//!    [`Status::NotCovered`]; none is [`Status::NotYet`]; otherwise the
//!    weaker of the entry's relation and the evidence: covered and full is
//!    [`Status::Met`], anything with partial is [`Status::Partly`]. So a
//!    準対応 entry never yields `Met`, and neither does an unanswered
//!    question.
//!
//! Pure functions: the command line and the site read the files.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};

use sc3_model::{GuidelineRef, ItemRef, Relation, Repository, transitive};

use crate::diagnosis;

/// The scheme and level the handbook and the command use by default.
pub const DEFAULT_SCHEME: &str = "meti-sc@2026";
pub const DEFAULT_LEVEL: &str = "★3";

/// Base items the asset register is a record of: the information-asset
/// chapter of IPA's sample regulations (付録5 第3章), which our plan also
/// cites for every asset (`plan::asset_chapters`). Our judgment.
pub const REGISTER_ITEMS: &[&str] = &["kitei-3"];

/// How well the company's records support one base item (weakest first).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Strength {
    Unknown,
    None,
    Partial,
    Full,
}

impl Strength {
    /// The evidence an answer (an index into `diagnosis::ANSWERS`) gives.
    pub fn of_answer(answer: Option<usize>) -> Strength {
        match answer {
            Some(0) => Strength::Full,
            Some(1) => Strength::Partial,
            Some(2) => Strength::None,
            _ => Strength::Unknown,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Strength::Full => "記録あり",
            Strength::Partial => "一部",
            Strength::None => "未実施",
            Strength::Unknown => "記録なし",
        }
    }

    fn relation(self) -> Option<Relation> {
        match self {
            Strength::Full => Some(Relation::Covered),
            Strength::Partial => Some(Relation::Partial),
            Strength::None | Strength::Unknown => None,
        }
    }
}

/// A criterion's status: our estimate, from the company's own records.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    /// The recorded work supports the criterion along a covered chain.
    Met,
    /// The recorded work supports part of it.
    Partly,
    /// The company recorded that the measures it rests on are not in place.
    NotYet,
    /// Nothing the company recorded reaches it: the crosswalk links it to
    /// base items, but no record speaks of them (unanswered, わからない).
    NotCovered,
    /// The crosswalk links it to no base item (非対応, or no entry): the
    /// company's records of the base cannot speak of it either way, which
    /// is not the same as having no records.
    Outside,
}

impl Status {
    pub const ALL: [Status; 5] = [
        Status::Met,
        Status::Partly,
        Status::NotYet,
        Status::NotCovered,
        Status::Outside,
    ];

    /// The words the reports use. Never "満たす": this is an estimate.
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "記録が支える",
            Status::Partly => "一部を支える",
            Status::NotYet => "まだ",
            Status::NotCovered => "記録なし",
            Status::Outside => "基本項目の外",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partly => "partly",
            Status::NotYet => "not-yet",
            Status::NotCovered => "not-covered",
            Status::Outside => "outside",
        }
    }
}

/// The status of one chain (rule 3 of the module doc).
pub fn status(relation: Option<Relation>, evidence: Strength) -> Status {
    let Some(r @ (Relation::Covered | Relation::Partial)) = relation else {
        return Status::Outside;
    };
    match evidence {
        Strength::Unknown => Status::NotCovered,
        Strength::None => Status::NotYet,
        e => match e.relation().map(|e| transitive::weakest(r, e)) {
            Some(Relation::Covered) => Status::Met,
            _ => Status::Partly,
        },
    }
}

/// The evidence of an entry's targets together (rule 2).
pub fn together(targets: &[Strength]) -> Strength {
    if targets.is_empty() || targets.iter().all(|s| *s == Strength::Unknown) {
        Strength::Unknown
    } else if targets.iter().all(|s| *s == Strength::Full) {
        Strength::Full
    } else if targets.iter().all(|s| *s <= Strength::None) {
        Strength::None
    } else {
        Strength::Partial
    }
}

mod assess;
mod basis;
mod company;
mod wording;

pub use assess::*;
pub use basis::*;
pub use company::*;
pub use wording::*;
