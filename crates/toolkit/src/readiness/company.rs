//! The company: its answers, adopted chapters, completed plan items and register.

use super::*;
use crate::day::Day;

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
/// Given `today`, a 完了日 that is a date still to come (after the day
/// after `today`, so that no time zone makes today's date a future one) is
/// no completion: the row is reported instead. A 完了日 that is not a date
/// (`済`) counts as written.
/// Returns the items and, per row that cannot be read, its number and why.
pub fn plan_progress(
    rows: &[crate::sheet::Row],
    spec: &diagnosis::Spec,
    file: &str,
    today: Option<Day>,
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
        if let (Some(when), Some(today)) = (Day::parse(d), today)
            && Some(when) > today.next()
        {
            problems.push((
                *n,
                format!(
                    "完了日 {d} はまだ来ていない日です（今日は {today}）。終わった対策にだけ完了日を書いてください。予定は「時期」の列に書きます"
                ),
            ));
            continue;
        }
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
