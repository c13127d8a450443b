//! The action plan (情報セキュリティ対策実行計画書): what to do, why, where the
//! sample regulations say how, who does it, and by when.
//!
//! Actions come from the self-diagnosis (every question not fully in place)
//! and from the risk analysis (every asset whose risk is medium or high).
//! Phases: すぐに for answers scoring 0 or less and for risks of 9; 3か月以内
//! for partly implemented answers and risks of 6; 1年以内 for the rest.

use serde::Serialize;

use crate::diagnosis;
use crate::risk::Asset;

/// When an action is due.
pub const PHASES: [&str; 3] = ["すぐに", "3か月以内", "1年以内"];

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Action {
    /// 1, 2, 3 … in priority order.
    pub number: usize,
    pub phase: &'static str,
    pub action: String,
    pub reason: String,
    /// Sample-regulation chapters (template stems) and clauses.
    pub chapters: Vec<String>,
    pub clauses: Vec<String>,
    /// Base items the action implements.
    pub items: Vec<String>,
    /// Left empty for the company to fill in.
    pub owner: String,
}

/// Chapters that protect an asset, from which of C, I, A makes it important.
fn asset_chapters(a: &Asset) -> (Vec<String>, Vec<String>) {
    let top = a.confidentiality.max(a.integrity).max(a.availability);
    let mut chapters = vec!["03-assets".to_owned()];
    let mut items = vec!["ipa-sme@3.1:kitei-3".to_owned()];
    if a.confidentiality == top {
        chapters.push("04-access".into());
        items.push("ipa-sme@3.1:kitei-4".into());
    }
    if a.integrity == top || a.availability == top {
        chapters.push("07-operations".into());
        items.push("ipa-sme@3.1:kitei-7".into());
    }
    (chapters, items)
}

/// Builds the plan. `answer_of` gives, for a weak question, the answer words
/// to quote (or an average).
pub fn plan(diag: Option<&diagnosis::Outcome>, assets: &[Asset]) -> Vec<Action> {
    let mut actions: Vec<(usize, f64, Action)> = Vec::new();
    if let Some(d) = diag {
        for w in &d.weak {
            let phase = if w.score <= 0.0 {
                0
            } else if w.score <= 2.0 {
                1
            } else {
                2
            };
            let answer = if d.respondents == 1 {
                match w.score as i32 {
                    2 => "一部実施している".to_string(),
                    0 => "実施していない".to_string(),
                    -1 => "わからない".to_string(),
                    _ => format!("{} 点", w.score),
                }
            } else {
                format!("平均 {} 点（{} 部署）", w.score, d.respondents)
            };
            actions.push((
                phase,
                w.score,
                Action {
                    number: 0,
                    phase: PHASES[phase],
                    action: format!(
                        "設問{}「{}」を実施できるようにする",
                        w.number,
                        w.text.trim_end_matches('？')
                    ),
                    reason: format!("自社診断の答えが「{answer}」"),
                    chapters: w.chapters.clone(),
                    clauses: w.clauses.clone(),
                    items: w.items.clone(),
                    owner: String::new(),
                },
            ));
        }
    }
    for a in assets.iter().filter(|a| a.risk >= 4) {
        let phase = match a.risk {
            9 => 0,
            6 => 1,
            _ => 2,
        };
        let (chapters, items) = asset_chapters(a);
        actions.push((
            phase,
            // Order risks among answers: a 9 before a 0-point answer's peers.
            -f64::from(a.risk),
            Action {
                number: 0,
                phase: PHASES[phase],
                action: format!("「{}」（{}）の保護を強化する", a.name, a.category),
                reason: format!(
                    "リスク値 {}（{}）: 重要度 {} × 被害発生可能性 {}（台帳 {} 行目）",
                    a.risk, a.band, a.importance, a.likelihood, a.row
                ),
                chapters,
                clauses: Vec::new(),
                items,
                owner: String::new(),
            },
        ));
    }
    actions.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    actions
        .into_iter()
        .enumerate()
        .map(|(i, (_, _, mut a))| {
            a.number = i + 1;
            a
        })
        .collect()
}

/// The plan as a Markdown document. `chapter_title` names a chapter stem.
pub fn to_markdown(
    company: &str,
    actions: &[Action],
    chapter_title: &dyn Fn(&str) -> String,
) -> String {
    to_markdown_with(company, actions, chapter_title, &|s: &str| {
        s.replace('|', "｜").replace('\n', " ")
    })
}

/// [`to_markdown`] with every text value (the company's name, the actions,
/// the reasons, the references, the owners) written by `cell`: the site
/// passes its escape, so a value from the repository or a company's
/// register stays text on a page.
pub fn to_markdown_with(
    company: &str,
    actions: &[Action],
    chapter_title: &dyn Fn(&str) -> String,
    cell: &dyn Fn(&str) -> String,
) -> String {
    let mut md = format!(
        "# 情報セキュリティ対策実行計画書（{}）\n\n自社診断とリスク分析の結果から、取り組む対策を優先順に並べた計画です。担当者の欄を埋め、経営者の承認を得て進めます。\n\n",
        cell(company)
    );
    for phase in PHASES {
        let mine: Vec<&Action> = actions.iter().filter(|a| a.phase == phase).collect();
        if mine.is_empty() {
            continue;
        }
        md.push_str(&format!("## {phase}\n\n| No. | 対策 | 理由 | 参照するサンプル規程 | 基本項目 | 担当者 |\n| ---: | --- | --- | --- | --- | --- |\n"));
        for a in mine {
            let chapters: Vec<String> = a.chapters.iter().map(|c| chapter_title(c)).collect();
            let mut refs = chapters.join("、");
            if !a.clauses.is_empty() {
                refs.push_str(&format!("（第{}条）", a.clauses.join("・")));
            }
            let items: Vec<&str> = a
                .items
                .iter()
                .map(|i| i.rsplit(':').next().unwrap_or(i))
                .collect();
            md.push_str(&format!(
                "| {} | {} | {} | {} | {} | {} |\n",
                a.number,
                cell(&a.action),
                cell(&a.reason),
                cell(&refs),
                cell(&items.join("、")),
                cell(&a.owner)
            ));
        }
        md.push('\n');
    }
    md
}

/// The plan as XLSX, one row per action.
pub fn to_xlsx(
    company: &str,
    actions: &[Action],
    chapter_title: &dyn Fn(&str) -> String,
) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    crate::reproducible(&mut book)?;
    let sheet = book.add_worksheet();
    sheet.set_name("実行計画").map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    sheet
        .write_string_with_format(
            0,
            0,
            format!("情報セキュリティ対策実行計画書（{company}）"),
            &bold,
        )
        .map_err(|e| e.to_string())?;
    let headings = [
        "No.",
        "時期",
        "対策",
        "理由",
        "参照するサンプル規程",
        "条",
        "基本項目",
        "担当者",
        "完了日",
    ];
    for (c, h) in headings.iter().enumerate() {
        sheet
            .write_string_with_format(2, c as u16, *h, &bold)
            .map_err(|e| e.to_string())?;
    }
    for (r, a) in actions.iter().enumerate() {
        let r = r as u32 + 3;
        let chapters: Vec<String> = a.chapters.iter().map(|c| chapter_title(c)).collect();
        let cells = [
            a.phase.to_owned(),
            a.action.clone(),
            a.reason.clone(),
            chapters.join("、"),
            a.clauses.join("、"),
            a.items.join("、"),
            a.owner.clone(),
            String::new(),
        ];
        sheet
            .write_number(r, 0, a.number as f64)
            .map_err(|e| e.to_string())?;
        for (c, v) in cells.iter().enumerate() {
            sheet
                .write_string(r, c as u16 + 1, v)
                .map_err(|e| e.to_string())?;
        }
    }
    sheet.autofit();
    book.save_to_buffer().map_err(|e| e.to_string())
}
