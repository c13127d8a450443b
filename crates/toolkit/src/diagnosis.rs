//! The 5-minute self-diagnosis (5分でできる！情報セキュリティ自社診断).
//!
//! 25 questions in three parts; each answer scores 実施している 4,
//! 一部実施している 2, 実施していない 0, わからない -1, so the total runs from
//! -25 to 100 and falls in one of four bands. Offices or departments can answer
//! separately: their results are aggregated by averaging each question's score.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// The four answers, in the order of their points.
pub const ANSWERS: [&str; 4] = [
    "実施している",
    "一部実施している",
    "実施していない",
    "わからない",
];
/// The points of each answer.
pub const POINTS: [i32; 4] = [4, 2, 0, -1];

/// `book/data/diagnosis.toml`: the questions, the scoring and the bands.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    pub scoring: Scoring,
    pub part: Vec<Part>,
    pub question: Vec<Question>,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scoring {
    pub answers: Vec<String>,
    pub points: Vec<i32>,
    pub bands: Vec<Band>,
}

#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Band {
    pub min: i32,
    pub max: i32,
    pub label: String,
    pub advice: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Part {
    pub id: u32,
    pub title: String,
}

#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    pub id: String,
    pub part: u32,
    pub number: u32,
    pub text: String,
    pub hint: String,
    /// Base items that address the question (`id@version:item`).
    pub items: Vec<String>,
    /// Sample-regulation chapters (template file stems) that address it.
    pub chapters: Vec<String>,
    #[serde(default)]
    pub clauses: Vec<String>,
}

impl Spec {
    /// Reads and checks the spec: the scoring must be the published one and
    /// there must be 25 questions numbered 1-25 in known parts.
    pub fn parse(text: &str) -> Result<Spec, String> {
        let spec: Spec = toml::from_str(text).map_err(|e| e.to_string())?;
        if spec.scoring.answers != ANSWERS || spec.scoring.points != POINTS {
            return Err("the answers and points must be 実施している 4, 一部実施している 2, 実施していない 0, わからない -1".into());
        }
        let numbers: Vec<u32> = spec.question.iter().map(|q| q.number).collect();
        if numbers != (1..=25).collect::<Vec<_>>() {
            return Err(format!(
                "there must be 25 questions numbered 1 to 25 in order, found {numbers:?}"
            ));
        }
        if let Some(q) = spec
            .question
            .iter()
            .find(|q| !spec.part.iter().any(|p| p.id == q.part))
        {
            return Err(format!(
                "question {} is in an unknown part {}",
                q.number, q.part
            ));
        }
        Ok(spec)
    }

    /// The band of a total.
    pub fn band(&self, total: i32) -> Option<&Band> {
        self.scoring
            .bands
            .iter()
            .find(|b| b.min <= total && total <= b.max)
    }
}

/// A problem in an answers file, at a byte span of it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AnswerError {
    pub span: Range<usize>,
    pub message: String,
}

/// One company's (or office's) answers: an index into [`ANSWERS`] per question.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answers {
    pub name: Option<String>,
    pub answers: Vec<usize>,
}

/// Reads an answers file: `answers = [25 values]`, optionally `name = "…"`.
/// Every problem is reported with its span; nothing is guessed.
pub fn parse_answers(text: &str) -> Result<Answers, Vec<AnswerError>> {
    use toml::de::{DeTable, DeValue};
    let (doc, errors) = DeTable::parse_recoverable(text);
    if let Some(e) = errors.first() {
        return Err(vec![AnswerError {
            span: e.span().unwrap_or(0..0),
            message: format!("TOML の書き方が正しくありません: {}", e.message()),
        }]);
    }
    let doc = doc.get_ref();
    let mut problems = Vec::new();
    for (k, _) in doc.iter() {
        if !["answers", "name"].contains(&k.get_ref().as_ref()) {
            problems.push(AnswerError {
                span: k.span(),
                message: format!(
                    "`{}` というキーはありません（answers と name だけを書きます）",
                    k.get_ref()
                ),
            });
        }
    }
    let name = doc
        .get("name")
        .and_then(|v| v.get_ref().as_str())
        .map(str::to_owned);
    let mut answers = Vec::new();
    match doc.get("answers").map(|v| (v.get_ref(), v.span())) {
        None => problems.push(AnswerError {
            span: 0..0,
            message: "answers = [ … ] がありません".into(),
        }),
        Some((DeValue::Array(items), span)) => {
            for item in items.iter() {
                match item.get_ref().as_str() {
                    Some(s) => match ANSWERS.iter().position(|a| *a == s.trim()) {
                        Some(i) => answers.push(i),
                        None => problems.push(AnswerError {
                            span: item.span(),
                            message: format!(
                                "「{s}」は答えの選択肢ではありません（{}）",
                                ANSWERS.join("／")
                            ),
                        }),
                    },
                    None => problems.push(AnswerError {
                        span: item.span(),
                        message: "答えは \"実施している\" のように文字列で書きます".into(),
                    }),
                }
            }
            if problems.is_empty() && answers.len() != 25 {
                problems.push(AnswerError {
                    span,
                    message: format!("答えは 25 個必要です（{} 個あります）", answers.len()),
                });
            }
        }
        Some((_, span)) => problems.push(AnswerError {
            span,
            message: "answers は [ … ] のリストで書きます".into(),
        }),
    }
    if problems.is_empty() {
        Ok(Answers { name, answers })
    } else {
        Err(problems)
    }
}

/// A part's subtotal.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PartScore {
    pub part: u32,
    pub title: String,
    pub score: f64,
    pub max: f64,
}

/// A question not answered 実施している (on average, below 4 points), with
/// where its measures are. The weakest come first.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Weak {
    pub question: String,
    pub number: u32,
    pub text: String,
    pub score: f64,
    pub items: Vec<String>,
    pub chapters: Vec<String>,
    pub clauses: Vec<String>,
}

/// The result of one or several answer sets.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Outcome {
    pub total: f64,
    pub parts: Vec<PartScore>,
    pub band: String,
    pub advice: String,
    pub weak: Vec<Weak>,
    /// How many answer sets were aggregated.
    pub respondents: usize,
}

/// Scores one answer set, or the average of several (per question).
pub fn score(spec: &Spec, sets: &[Answers]) -> Outcome {
    let n = sets.len().max(1) as f64;
    let per_question: Vec<f64> = (0..spec.question.len())
        .map(|q| {
            sets.iter()
                .map(|s| f64::from(POINTS[s.answers[q]]))
                .sum::<f64>()
                / n
        })
        .collect();
    let round = |x: f64| (x * 10.0).round() / 10.0;
    let total = round(per_question.iter().sum());
    let parts = spec
        .part
        .iter()
        .map(|p| {
            let qs: Vec<usize> = (0..spec.question.len())
                .filter(|&i| spec.question[i].part == p.id)
                .collect();
            PartScore {
                part: p.id,
                title: p.title.clone(),
                score: round(qs.iter().map(|&i| per_question[i]).sum()),
                max: 4.0 * qs.len() as f64,
            }
        })
        .collect();
    // Bands are defined on whole points; an average is banded by its floor.
    let band = spec.band(total.floor() as i32);
    let mut weak: Vec<Weak> = spec
        .question
        .iter()
        .zip(&per_question)
        .filter(|(_, s)| **s < 4.0)
        .map(|(q, s)| Weak {
            question: q.id.clone(),
            number: q.number,
            text: q.text.clone(),
            score: round(*s),
            items: q.items.clone(),
            chapters: q.chapters.clone(),
            clauses: q.clauses.clone(),
        })
        .collect();
    weak.sort_by(|a, b| a.score.total_cmp(&b.score).then(a.number.cmp(&b.number)));
    Outcome {
        total,
        parts,
        band: band.map_or_else(String::new, |b| b.label.clone()),
        advice: band.map_or_else(String::new, |b| b.advice.clone()),
        weak,
        respondents: sets.len(),
    }
}
