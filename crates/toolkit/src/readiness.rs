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
//!    - a completed plan item for such a question: full, from its date;
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
//!    entry, or a `none` (非対応) entry, is [`Status::NotCovered`]; unknown
//!    evidence is `NotCovered`; none is [`Status::NotYet`]; otherwise the
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
    /// Nothing the company recorded reaches it.
    NotCovered,
}

impl Status {
    pub const ALL: [Status; 4] = [
        Status::Met,
        Status::Partly,
        Status::NotYet,
        Status::NotCovered,
    ];

    /// The words the reports use. Never "満たす": this is an estimate.
    pub fn label(self) -> &'static str {
        match self {
            Status::Met => "記録が支える",
            Status::Partly => "一部を支える",
            Status::NotYet => "まだ",
            Status::NotCovered => "記録なし",
        }
    }

    pub fn key(self) -> &'static str {
        match self {
            Status::Met => "met",
            Status::Partly => "partly",
            Status::NotYet => "not-yet",
            Status::NotCovered => "not-covered",
        }
    }
}

/// The status of one chain (rule 3 of the module doc).
pub fn status(relation: Option<Relation>, evidence: Strength) -> Status {
    let Some(r @ (Relation::Covered | Relation::Partial)) = relation else {
        return Status::NotCovered;
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

// ---------------------------------------------------------------- the basis

/// What the rules read from the repository, generated once (the site embeds
/// it in the diagnosis page for the browser's own computation).
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Basis {
    /// `meti-sc@2026`.
    pub scheme: String,
    /// The scheme's title and publisher, as the catalog gives them.
    pub scheme_title: String,
    pub publisher: String,
    pub level: String,
    /// The guideline the diagnosis and the sample regulations are built on
    /// (`ipa-sme@3.1`).
    pub base: String,
    /// The crosswalk's file (`mappings/meti-sc@2026--ipa-sme@3.1.toml`).
    pub crosswalk: String,
    /// The criteria in scope, in the catalog's order.
    pub criteria: Vec<Criterion>,
    /// Base item id → title.
    pub items: BTreeMap<String, String>,
    pub questions: Vec<QuestionRef>,
    pub clauses: Vec<ClauseRef>,
    /// Chapter (template stem) → title (`第4章 アクセス制御`).
    pub chapters: BTreeMap<String, String>,
    pub register_items: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Criterion {
    pub id: String,
    /// The publisher's title (for METI's criteria, their requirement's name).
    pub title: String,
    pub entry: Option<Entry>,
}

/// A crosswalk entry, as written (our judgment).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// `covered`, `partial` or `none`.
    pub relation: String,
    pub strm: Option<String>,
    /// Bare ids in the base.
    pub targets: Vec<String>,
    pub rationale: String,
    /// Clauses of our sample regulations the judgment rests on.
    pub regulations: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct QuestionRef {
    /// `diag-08`.
    pub id: String,
    pub number: u32,
    pub text: String,
    /// Bare ids in the base.
    pub items: Vec<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct ClauseRef {
    pub number: String,
    /// Template stem (`04-access`).
    pub chapter: String,
    pub title: String,
    pub implements: Vec<String>,
}

impl Basis {
    /// The basis for `scheme` (`id@version`) at `level`, through the
    /// crosswalk from the scheme to the guideline the diagnosis spec names.
    pub fn build(
        repo: &Repository,
        spec: &diagnosis::Spec,
        scheme: &str,
        level: &str,
    ) -> Result<Basis, String> {
        let scheme_ref = GuidelineRef::parse(scheme)
            .map_err(|_| format!("「{scheme}」は id@version の形ではありません"))?;
        let base = spec
            .question
            .iter()
            .flat_map(|q| &q.items)
            .find_map(|r| ItemRef::parse(r).ok())
            .map(|r| r.guideline)
            .ok_or("自社診断の設問が基本項目を挙げていません")?;
        let guideline = repo
            .guidelines
            .iter()
            .find(|g| g.id.value == scheme_ref.id && g.version.value == scheme_ref.version)
            .ok_or_else(|| format!("{scheme} のカタログがありません"))?;
        if !guideline.levels.iter().any(|l| l.value == level) {
            return Err(format!(
                "{scheme} に「{level}」という区分はありません（{}）",
                guideline
                    .levels
                    .iter()
                    .map(|l| l.value.as_str())
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
        let key = format!("{scheme}--{base}");
        let cw = repo
            .crosswalks
            .iter()
            .find(|c| c.key() == key && c.is_judgment())
            .ok_or_else(|| format!("突合表 {key} がありません"))?;
        let mut entries: BTreeMap<String, Entry> = BTreeMap::new();
        for m in &cw.maps {
            let Some(rel) = &m.relation else { continue };
            let Ok(src) = ItemRef::parse_in(&m.source.value, &scheme_ref) else {
                continue;
            };
            if src.guideline != scheme_ref {
                continue;
            }
            entries.entry(src.item).or_insert_with(|| Entry {
                relation: rel.value.as_str().to_owned(),
                strm: m.strm.as_ref().map(|s| s.value.as_str().to_owned()),
                targets: m
                    .targets
                    .iter()
                    .filter_map(|t| ItemRef::parse_in(&t.value, &base).ok())
                    .filter(|t| t.guideline == base)
                    .map(|t| t.item)
                    .collect(),
                rationale: m
                    .rationale
                    .as_ref()
                    .map(|r| r.value.clone())
                    .unwrap_or_default(),
                regulations: m.regulations.iter().map(|r| r.value.clone()).collect(),
            });
        }
        let criteria = guideline
            .items
            .iter()
            .filter(|i| i.level.as_ref().is_some_and(|l| l.value == level))
            .map(|i| Criterion {
                id: i.id.value.clone(),
                title: i.title.value.clone(),
                entry: entries.get(&i.id.value).cloned(),
            })
            .collect();
        let items = repo
            .guidelines
            .iter()
            .find(|g| g.id.value == base.id && g.version.value == base.version)
            .map(|g| {
                g.items
                    .iter()
                    .map(|i| (i.id.value.clone(), i.title.value.clone()))
                    .collect()
            })
            .unwrap_or_default();
        let questions = spec
            .question
            .iter()
            .map(|q| QuestionRef {
                id: q.id.clone(),
                number: q.number,
                text: q.text.clone(),
                items: q
                    .items
                    .iter()
                    .filter_map(|r| ItemRef::parse(r).ok())
                    .filter(|r| r.guideline == base)
                    .map(|r| r.item)
                    .collect(),
            })
            .collect();
        let regulation_files: BTreeSet<_> = repo
            .templates
            .iter()
            .filter(|&&id| repo.file(id).path.starts_with("book/regulations/"))
            .copied()
            .collect();
        let clauses = repo
            .clauses()
            .into_iter()
            .filter(|c| regulation_files.contains(&c.file))
            .map(|c| ClauseRef {
                number: c.number,
                chapter: c.template,
                title: c.title,
                implements: c.implements,
            })
            .collect();
        let chapters = regulation_files
            .iter()
            .map(|&id| {
                let f = repo.file(id);
                let stem = f
                    .path
                    .rsplit('/')
                    .next()
                    .unwrap_or("")
                    .trim_end_matches(".hbs")
                    .to_owned();
                let title = f
                    .text
                    .lines()
                    .next()
                    .unwrap_or("")
                    .trim_start_matches("# ")
                    .trim()
                    .to_owned();
                (stem, title)
            })
            .collect();
        Ok(Basis {
            scheme: scheme.to_owned(),
            scheme_title: guideline.title.value.clone(),
            publisher: guideline
                .publisher
                .as_ref()
                .map(|p| p.value.clone())
                .unwrap_or_default(),
            level: level.to_owned(),
            base: base.to_string(),
            crosswalk: repo.file(cw.file).path.clone(),
            criteria,
            items,
            questions,
            clauses,
            chapters,
            register_items: REGISTER_ITEMS.iter().map(|s| (*s).to_owned()).collect(),
        })
    }

    /// Every chapter of the sample regulations (template stems), in order.
    pub fn all_chapters(&self) -> BTreeSet<String> {
        self.chapters.keys().cloned().collect()
    }
}

// ---------------------------------------------------------------- the company

/// A plan item the company marked completed (the plan's 完了日 column).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Done {
    /// The question the plan item is for (`diag-08`).
    pub question: String,
    /// 完了日, as written.
    pub date: String,
    /// Where it is written (`plan.xlsx 5 行目`).
    pub place: String,
}

/// What the company has recorded.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Company {
    /// One answer per question (index into `diagnosis::ANSWERS`; `None`
    /// unanswered) for each answer set (office), with its name.
    pub answers: Vec<(String, Vec<Option<usize>>)>,
    /// Adopted chapters (template stems).
    pub adopted: BTreeSet<String>,
    pub done: Vec<Done>,
    /// The asset register's file name, if the company keeps one.
    pub register: Option<String>,
}

impl Company {
    /// The company's records: the chapters its `company.toml` adopts (all but
    /// `exclude`; none without a `company.toml`), its answer sets, its
    /// completed plan items, and its register's file name.
    pub fn gather(
        basis: &Basis,
        settings: Option<&crate::company::Company>,
        answers: &[diagnosis::Answers],
        done: Vec<Done>,
        register: Option<String>,
    ) -> Company {
        Company {
            answers: answers
                .iter()
                .enumerate()
                .map(|(i, a)| {
                    (
                        a.name.clone().unwrap_or_else(|| format!("回答{}", i + 1)),
                        a.answers.iter().map(|&x| Some(x)).collect(),
                    )
                })
                .collect(),
            adopted: settings.map_or_else(BTreeSet::new, |s| {
                basis
                    .all_chapters()
                    .into_iter()
                    .filter(|c| !s.options.exclude.contains(c))
                    .collect()
            }),
            done,
            register,
        }
    }

    /// The company's answer to question `q` (its index): the weakest of its
    /// answer sets, わからない (and no answer) weakest of all.
    pub fn answer(&self, q: usize) -> Option<usize> {
        if self.answers.is_empty() {
            return None;
        }
        let mut worst = Some(0);
        for (_, set) in &self.answers {
            match set.get(q).copied().flatten() {
                Some(a) if a < 3 => worst = worst.map(|w: usize| w.max(a)),
                _ => return None,
            }
        }
        worst
    }
}

/// Plan items completed, from the rows of the plan as `plan` writes it (XLSX
/// or CSV): the header row names 対策 and 完了日; a row with a 完了日 whose
/// 対策 starts `設問N` completes question N. Rows of risks are not read.
/// Returns the items and, per row that cannot be read, its number and why.
pub fn plan_progress(
    rows: &[crate::sheet::Row],
    spec: &diagnosis::Spec,
    file: &str,
) -> (Vec<Done>, Vec<(usize, String)>) {
    let mut done = Vec::new();
    let mut problems = Vec::new();
    let Some((h, header)) = rows
        .iter()
        .enumerate()
        .find(|(_, (_, r))| r.iter().any(|c| c == "対策") && r.iter().any(|c| c == "完了日"))
    else {
        problems.push((
            rows.first().map_or(1, |r| r.0),
            "「対策」と「完了日」の見出しの行がありません（cargo xtask plan が書く計画書の形で読みます）".into(),
        ));
        return (done, problems);
    };
    let col = |name: &str| header.1.iter().position(|c| c == name).unwrap_or(0);
    let (action, date) = (col("対策"), col("完了日"));
    for (n, row) in &rows[h + 1..] {
        let d = row.get(date).map_or("", |s| s.trim());
        if d.is_empty() {
            continue;
        }
        let a = row.get(action).map_or("", |s| s.trim());
        let Some(rest) = a.strip_prefix("設問") else {
            continue;
        };
        let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
        match spec
            .question
            .iter()
            .find(|q| digits.parse::<u32>().ok() == Some(q.number))
        {
            Some(q) => done.push(Done {
                question: q.id.clone(),
                date: d.to_owned(),
                place: format!("{file} {n} 行目"),
            }),
            None => problems.push((*n, format!("「{a}」の設問の番号が分かりません"))),
        }
    }
    (done, problems)
}

// ---------------------------------------------------------------- the report

/// One source of evidence for a target item.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Source {
    /// The company's answer (`None`: わからない or unanswered).
    Answer {
        question: String,
        number: u32,
        answer: Option<String>,
        strength: Strength,
    },
    /// A completed plan item for the question.
    Done {
        question: String,
        number: u32,
        date: String,
        place: String,
    },
    /// An adopted clause implementing the item.
    Clause {
        number: String,
        chapter: String,
        title: String,
    },
    Register {
        file: String,
    },
}

/// One target item of the entry, with the company's evidence for it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Target {
    pub item: String,
    pub title: String,
    pub strength: Strength,
    pub sources: Vec<Source>,
}

/// What to do next for a criterion.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum Next {
    /// Answer, or improve the answer to, a diagnosis question; the plan item
    /// that does it and its phase.
    Question {
        question: String,
        number: u32,
        text: String,
        answer: Option<String>,
        phase: String,
    },
    /// Adopt a clause of the sample regulations (its chapter).
    Clause {
        number: String,
        chapter: String,
        title: String,
    },
    /// The adopted clauses are the only record for a base item no diagnosis
    /// question asks about: keep a record that they are practised.
    Practice { item: String, title: String },
    /// The crosswalk finds part of the criterion outside the base (準対応):
    /// the rest needs the company's own measure, as the rationale says.
    Gap,
    /// The crosswalk links nothing (非対応, or no entry).
    Unmapped,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Line {
    pub id: String,
    pub title: String,
    pub status: Status,
    pub entry: Option<Entry>,
    /// The targets' evidence together.
    pub evidence: Strength,
    pub targets: Vec<Target>,
    pub next: Vec<Next>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Report {
    pub scheme: String,
    pub scheme_title: String,
    pub publisher: String,
    pub level: String,
    pub base: String,
    pub crosswalk: String,
    /// How many criteria have each status (`met`, `partly`, …).
    pub counts: BTreeMap<Status, usize>,
    pub criteria: Vec<Line>,
}

/// The plan's phase for an answer, as `plan::plan` gives it.
fn phase(answer: Option<usize>) -> &'static str {
    match answer.map(|a| diagnosis::POINTS[a]) {
        Some(p) if p > 0 => crate::plan::PHASES[1],
        _ => crate::plan::PHASES[0],
    }
}

/// The report: every criterion of the basis, with its status, its path and
/// what to do next.
pub fn assess(basis: &Basis, company: &Company) -> Report {
    let answer_word = |a: Option<usize>| a.map(|a| diagnosis::ANSWERS[a].to_owned());
    let answers: Vec<Option<usize>> = (0..basis.questions.len())
        .map(|q| company.answer(q))
        .collect();
    let done: BTreeMap<&str, &Done> = company
        .done
        .iter()
        .map(|d| (d.question.as_str(), d))
        .collect();
    let target = |item: &str| -> Target {
        let mut sources = Vec::new();
        for (q, question) in basis.questions.iter().enumerate() {
            if !question.items.iter().any(|i| i == item) {
                continue;
            }
            sources.push(Source::Answer {
                question: question.id.clone(),
                number: question.number,
                answer: answer_word(answers[q]),
                strength: Strength::of_answer(answers[q]),
            });
            if let Some(d) = done.get(question.id.as_str()) {
                sources.push(Source::Done {
                    question: question.id.clone(),
                    number: question.number,
                    date: d.date.clone(),
                    place: d.place.clone(),
                });
            }
        }
        for c in &basis.clauses {
            if company.adopted.contains(&c.chapter) && c.implements.iter().any(|i| i == item) {
                sources.push(Source::Clause {
                    number: c.number.clone(),
                    chapter: c.chapter.clone(),
                    title: c.title.clone(),
                });
            }
        }
        if let Some(file) = &company.register
            && basis.register_items.iter().any(|i| i == item)
        {
            sources.push(Source::Register { file: file.clone() });
        }
        let strength = sources
            .iter()
            .map(|s| match s {
                Source::Answer { strength, .. } => *strength,
                Source::Done { .. } | Source::Register { .. } => Strength::Full,
                Source::Clause { .. } => Strength::Partial,
            })
            .max()
            .unwrap_or(Strength::Unknown);
        Target {
            item: item.to_owned(),
            title: basis.items.get(item).cloned().unwrap_or_default(),
            strength,
            sources,
        }
    };
    let criteria: Vec<Line> = basis
        .criteria
        .iter()
        .map(|c| {
            let relation = c.entry.as_ref().and_then(|e| Relation::parse(&e.relation));
            let targets: Vec<Target> = match (&c.entry, relation) {
                (Some(e), Some(Relation::Covered | Relation::Partial)) => {
                    e.targets.iter().map(|t| target(t)).collect()
                }
                _ => Vec::new(),
            };
            let evidence = together(&targets.iter().map(|t| t.strength).collect::<Vec<_>>());
            let status = status(relation, evidence);
            let next = next_steps(basis, company, &answers, c, relation, &targets, status);
            Line {
                id: c.id.clone(),
                title: c.title.clone(),
                status,
                entry: c.entry.clone(),
                evidence,
                targets,
                next,
            }
        })
        .collect();
    let mut counts: BTreeMap<Status, usize> = Status::ALL.iter().map(|s| (*s, 0)).collect();
    for l in &criteria {
        *counts.entry(l.status).or_default() += 1;
    }
    Report {
        scheme: basis.scheme.clone(),
        scheme_title: basis.scheme_title.clone(),
        publisher: basis.publisher.clone(),
        level: basis.level.clone(),
        base: basis.base.clone(),
        crosswalk: basis.crosswalk.clone(),
        counts,
        criteria,
    }
}

/// What to do next: for each target not fully supported, the questions that
/// list it and are not 実施している (nor completed in the plan); the
/// clauses the entry rests on that are not adopted, and for a target nothing
/// supports and no question asks about, the clauses that implement it;
/// then the gap a 準対応 entry leaves, or that nothing is mapped.
fn next_steps(
    basis: &Basis,
    company: &Company,
    answers: &[Option<usize>],
    c: &Criterion,
    relation: Option<Relation>,
    targets: &[Target],
    status: Status,
) -> Vec<Next> {
    let mut next = Vec::new();
    let Some(entry) = c
        .entry
        .as_ref()
        .filter(|_| matches!(relation, Some(Relation::Covered | Relation::Partial)))
    else {
        next.push(Next::Unmapped);
        return next;
    };
    let mut seen_q = BTreeSet::new();
    let mut clauses: Vec<&str> = Vec::new();
    for t in targets.iter().filter(|t| t.strength < Strength::Full) {
        let mut asked = false;
        for (q, question) in basis.questions.iter().enumerate() {
            if !question.items.contains(&t.item) {
                continue;
            }
            asked = true;
            if answers[q] == Some(0)
                || company.done.iter().any(|d| d.question == question.id)
                || !seen_q.insert(q)
            {
                continue;
            }
            next.push(Next::Question {
                question: question.id.clone(),
                number: question.number,
                text: question.text.clone(),
                answer: answers[q].map(|a| diagnosis::ANSWERS[a].to_owned()),
                phase: phase(answers[q]).to_owned(),
            });
        }
        if !asked && t.strength == Strength::Partial {
            next.push(Next::Practice {
                item: t.item.clone(),
                title: t.title.clone(),
            });
        }
        if !asked && t.strength == Strength::Unknown {
            for cl in &basis.clauses {
                if cl.implements.contains(&t.item) {
                    clauses.push(&cl.number);
                }
            }
        }
    }
    if status != Status::Met {
        clauses.splice(0..0, entry.regulations.iter().map(String::as_str));
    }
    let mut seen_c = BTreeSet::new();
    for number in clauses {
        let Some(cl) = basis.clauses.iter().find(|cl| cl.number == number) else {
            continue;
        };
        if company.adopted.contains(&cl.chapter) || !seen_c.insert(number) {
            continue;
        }
        next.push(Next::Clause {
            number: cl.number.clone(),
            chapter: cl.chapter.clone(),
            title: cl.title.clone(),
        });
    }
    if relation == Some(Relation::Partial) {
        next.push(Next::Gap);
    }
    next
}

// ---------------------------------------------------------------- wording

/// What every report says first: an estimate, not an assessment, and whose
/// words are whose.
pub fn notice(report: &Report) -> [String; 2] {
    [
        format!(
            "これは、自社が記録したこと（自社診断の答え、採用した規程の章、計画の完了日、情報資産の台帳）から、このプロジェクトの突合表の判断を通して見積もった推定です。評価でも審査でもありません。{level}の自己評価では、評価基準ごとに自社の証跡が要ります。",
            level = report.level
        ),
        format!(
            "評価基準の番号と、見出しにした要求事項の名前は、{publisher}「{title}」（{scheme}）が公表したものです。対応・準対応の判定と理由は、このプロジェクトの判断（{crosswalk}）です。状況は、その判断と自社の記録からのこのプロジェクトの推定です。",
            publisher = report.publisher,
            title = report.scheme_title,
            scheme = report.scheme,
            crosswalk = report.crosswalk
        ),
    ]
}

/// 対応 / 準対応 / 非対応.
pub fn relation_label(relation: &str) -> &'static str {
    match relation {
        "covered" => "対応",
        "partial" => "準対応",
        "none" => "非対応",
        _ => "（不明）",
    }
}

/// One source of evidence in words.
pub fn source_text(s: &Source) -> String {
    match s {
        Source::Answer { number, answer, .. } => match answer {
            Some(a) => format!("設問{number}「{a}」"),
            None => format!("設問{number}（わからない・未回答）"),
        },
        Source::Done {
            number,
            date,
            place,
            ..
        } => {
            format!("設問{number}の計画の項目（完了 {date}、{place}）")
        }
        Source::Clause { number, title, .. } => format!("採用した第{number}条「{title}」"),
        Source::Register { file } => format!("情報資産の台帳（{file}）"),
    }
}

/// One target and its evidence in words.
pub fn target_text(t: &Target) -> String {
    if t.sources.is_empty() {
        return format!("{}（{}）: 記録なし", t.item, t.title);
    }
    let sources = t
        .sources
        .iter()
        .map(source_text)
        .collect::<Vec<_>>()
        .join("、");
    format!(
        "{}（{}）: {} → {}",
        t.item,
        t.title,
        sources,
        t.strength.label()
    )
}

/// One next step in words.
pub fn next_text(n: &Next, basis_chapters: &BTreeMap<String, String>) -> String {
    match n {
        Next::Question {
            number,
            answer,
            phase,
            ..
        } => match answer {
            Some(a) => format!(
                "設問{number}（今は「{a}」）を実施している状態にする（計画の時期: {phase}）"
            ),
            None => format!("設問{number}に答える（わからない・未回答。計画の時期: {phase}）"),
        },
        Next::Clause {
            number,
            chapter,
            title,
        } => format!(
            "第{number}条「{title}」を採用する（{}）",
            basis_chapters
                .get(chapter)
                .map_or(chapter.as_str(), String::as_str)
        ),
        Next::Practice { item, title } => format!(
            "{item}（{title}）は採用した条だけが記録: その条を運用している記録（証跡）を残す"
        ),
        Next::Gap => {
            "準対応: 理由に書いた残りの部分は基本項目の外にあり、自社の対策と証跡で補う".to_owned()
        }
        Next::Unmapped => "突合表に対応する基本項目がない: 自社の対策と証跡で直接備える".to_owned(),
    }
}

/// The path of a criterion in one line: the entry and its targets.
pub fn path_text(l: &Line) -> String {
    match &l.entry {
        None => "突合表に行がない".to_owned(),
        Some(e) => format!(
            "{}{} → {}",
            relation_label(&e.relation),
            e.strm
                .as_ref()
                .map(|s| format!("（{s}）"))
                .unwrap_or_default(),
            if e.targets.is_empty() {
                "（なし）".to_owned()
            } else {
                e.targets.join("、")
            }
        ),
    }
}

/// The counts in one line (`記録が支える 5、一部を支える 70、…`).
pub fn counts_text(report: &Report) -> String {
    Status::ALL
        .iter()
        .map(|s| {
            format!(
                "{} {}",
                s.label(),
                report.counts.get(s).copied().unwrap_or(0)
            )
        })
        .collect::<Vec<_>>()
        .join("、")
}

/// The report for a terminal.
pub fn to_text(report: &Report, company: &str, chapters: &BTreeMap<String, String>) -> String {
    let mut out = format!(
        "{company}: {} {} の準備状況（推定）\n",
        report.scheme, report.level
    );
    for n in notice(report) {
        out.push_str(&n);
        out.push('\n');
    }
    out.push_str(&format!(
        "\n{} 件: {}\n\n",
        report.criteria.len(),
        counts_text(report)
    ));
    for l in &report.criteria {
        out.push_str(&format!(
            "{} {}  [{}]  {}\n",
            l.id,
            l.title,
            l.status.label(),
            path_text(l)
        ));
        for t in &l.targets {
            out.push_str(&format!("    {}\n", target_text(t)));
        }
        for n in &l.next {
            out.push_str(&format!("    次に: {}\n", next_text(n, chapters)));
        }
    }
    out
}

/// How a status is decided, for the handbook and the Markdown report (the
/// module doc and `docs/readiness.md` say the same).
pub const RULES: &str = "## 状況の決め方\n\n\
評価基準ごとに、突合表の行 → その行の基本項目（まとめて） → 基本項目ごとの自社の記録、とたどります。\n\n\
1. 基本項目ごとの記録は、次のうち最も強いものです。その項目を挙げる自社診断の設問の答え（実施している＝記録あり、一部実施している＝一部、実施していない＝未実施、わからない・未回答＝記録なし。複数の事業所の答えは設問ごとに最も弱いもの）、その設問の計画の項目の完了（記録あり）、その項目を実施する条として採用した規程の条（一部: 規程があることで、運用の記録ではありません）、情報資産の台帳（kitei-3 について記録あり）。\n\
2. 行の基本項目をまとめると、すべて記録ありなら記録あり、すべて記録なしなら記録なし、記録ありも一部もなく未実施があれば未実施、それ以外は一部です。\n\
3. 状況は、つながりの最も弱いところで決まります（推定の突合表と同じ考え方です）。非対応の行と行のない評価基準は「記録なし」、記録なしは「記録なし」、未実施は「まだ」、対応の行で記録ありなら「記録が支える」、それ以外は「一部を支える」です。\n\n\
このため、準対応の行からは「記録が支える」になりません。わからない・未回答の設問だけでは「記録なし」のままで、「記録が支える」にはなりません。\n";

/// The report as Markdown; every text value goes through `cell` (the site
/// passes its escape).
pub fn to_markdown_with(
    report: &Report,
    company: &str,
    chapters: &BTreeMap<String, String>,
    heading: &dyn Fn(&Line) -> String,
    cell: &dyn Fn(&str) -> String,
) -> String {
    let mut md = format!(
        "# {} {} の準備状況（推定）: {}\n\n",
        cell(&report.scheme),
        cell(&report.level),
        cell(company)
    );
    for n in notice(report) {
        md.push_str(&cell(&n));
        md.push_str("\n\n");
    }
    md.push_str("| 状況（推定） | 評価基準の数 |\n| --- | ---: |\n");
    for s in Status::ALL {
        md.push_str(&format!(
            "| {} | {} |\n",
            s.label(),
            report.counts.get(&s).copied().unwrap_or(0)
        ));
    }
    md.push_str(&format!(
        "| 合計 | {} |\n\n{}\n",
        report.criteria.len(),
        RULES
    ));
    for l in &report.criteria {
        md.push_str(&heading(l));
        md.push_str(&format!("- 状況（推定）: **{}**\n", l.status.label()));
        match &l.entry {
            Some(e) => {
                md.push_str(&format!(
                    "- 突合表（このプロジェクトの判断）: {}\n",
                    cell(&path_text(l))
                ));
                if !e.rationale.is_empty() {
                    md.push_str(&format!("- 理由: {}\n", cell(&e.rationale)));
                }
                if !e.regulations.is_empty() {
                    md.push_str(&format!(
                        "- 判断が挙げるサンプル規程の条: {}\n",
                        cell(&e.regulations.join("、"))
                    ));
                }
            }
            None => md.push_str("- 突合表: 行がありません\n"),
        }
        for t in &l.targets {
            md.push_str(&format!("- 自社の記録: {}\n", cell(&target_text(t))));
        }
        for n in &l.next {
            md.push_str(&format!(
                "- 次にすること: {}\n",
                cell(&next_text(n, chapters))
            ));
        }
        md.push('\n');
    }
    md
}

/// The checklist as XLSX, in the scheme's order: status and evidence filled
/// in, and empty columns for the company's own notes. Every value is written
/// as a string cell, never as a formula.
pub fn to_xlsx(
    report: &Report,
    company: &str,
    chapters: &BTreeMap<String, String>,
) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let e = |e: rust_xlsxwriter::XlsxError| e.to_string();
    let mut book = Workbook::new();
    crate::reproducible(&mut book)?;
    let sheet = book.add_worksheet();
    sheet.set_name("準備状況").map_err(e)?;
    let bold = Format::new().set_bold();
    let wrap = Format::new().set_text_wrap();
    sheet
        .write_string_with_format(
            0,
            0,
            format!(
                "{} {} の準備状況（推定）: {company}",
                report.scheme, report.level
            ),
            &bold,
        )
        .map_err(e)?;
    for (r, n) in notice(report).iter().enumerate() {
        sheet.write_string(1 + r as u32, 0, n).map_err(e)?;
    }
    for (c, h) in CHECKLIST_HEADINGS.iter().enumerate() {
        sheet
            .write_string_with_format(4, c as u16, *h, &bold)
            .map_err(e)?;
    }
    for (r, row) in checklist_rows(report, chapters).iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            sheet
                .write_string_with_format(5 + r as u32, c as u16, v, &wrap)
                .map_err(e)?;
        }
    }
    for (c, w) in [
        10.0, 14.0, 22.0, 12.0, 30.0, 40.0, 60.0, 50.0, 30.0, 14.0, 30.0,
    ]
    .iter()
    .enumerate()
    {
        sheet.set_column_width(c as u16, *w).map_err(e)?;
    }
    book.save_to_buffer().map_err(e)
}

/// The checklist's columns: ours, then the company's own (left empty).
pub const CHECKLIST_HEADINGS: [&str; 11] = [
    "評価基準",
    "区分",
    "名前（経済産業省の要求事項名）",
    "状況（推定）",
    "突合表（このプロジェクトの判断）",
    "理由（このプロジェクトの判断）",
    "自社の記録",
    "次にすること",
    "自社の証跡",
    "担当者",
    "メモ",
];

/// The checklist's rows (the company's columns empty).
pub fn checklist_rows(report: &Report, chapters: &BTreeMap<String, String>) -> Vec<Vec<String>> {
    report
        .criteria
        .iter()
        .map(|l| {
            vec![
                l.id.clone(),
                report.level.clone(),
                l.title.clone(),
                l.status.label().to_owned(),
                path_text(l),
                l.entry
                    .as_ref()
                    .map(|e| e.rationale.clone())
                    .unwrap_or_default(),
                l.targets
                    .iter()
                    .map(target_text)
                    .collect::<Vec<_>>()
                    .join("\n"),
                l.next
                    .iter()
                    .map(|n| next_text(n, chapters))
                    .collect::<Vec<_>>()
                    .join("\n"),
                String::new(),
                String::new(),
                String::new(),
            ]
        })
        .collect()
}
