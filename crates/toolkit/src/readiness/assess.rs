//! The report: each criterion's status, path and next steps, by the rules of the module doc.

use super::*;

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
