//! Wording: the report as text, Markdown and the XLSX checklist. Never 満たす: this is an estimate.

use super::*;

// ---------------------------------------------------------------- wording

/// What every report says first: an estimate, not an assessment, and whose
/// words are whose.
pub fn notice(report: &Report) -> [String; 2] {
    [
        "これは、自社が記録したこと（自社診断の答え、採用した規程の章、計画の完了日、情報資産の台帳）から、このプロジェクトの突合表の判断を通して見積もった推定です。評価でも審査でもありません。この推定は、評価基準ごとに自社の証跡を用意することの代わりにはなりません。ここでいう「記録」は自社診断の答えや採用した条など自社が書いたもので、評価に出せる証跡とは限りません。評価制度が何を求めるかは、経済産業省の公表資料で確かめてください。"
            .to_owned(),
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
        report.scheme_title, report.level
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
1. 基本項目ごとの記録は、次のうち最も強いものです。その項目を挙げる自社診断の設問の答え（実施している＝記録あり、一部実施している＝一部、実施していない＝未実施、わからない・未回答＝記録なし。複数の事業所の答えは設問ごとに最も弱いもの）、計画書でその設問の対策の行に完了日が入っていること（記録あり。まだ来ていない日付の行は数えません）、その項目を実施する条として採用した規程の条（一部: 規程があることで、運用の記録ではありません）、情報資産の台帳（kitei-3 について記録あり）。\n\
2. 行の基本項目をまとめると、すべて記録ありなら記録あり、すべて記録なしなら記録なし、記録ありも一部もなく未実施があれば未実施、それ以外は一部です。\n\
3. 状況は、つながりの最も弱いところで決まります（ハンドブックの「推定の突合」と同じ、最も弱いつながりで決める考え方です）。非対応の行（このプロジェクトの判断）と行のない評価基準は、突合表で基本項目につながらないため「基本項目の外」（記録があってもなくても、基本項目の記録からは推定できません。自社の対策と証跡で確かめます）、記録なしは「記録なし」、未実施は「まだ」、対応の行で記録ありなら「記録が支える」、それ以外は「一部を支える」です。\n\n\
ここでいう「記録」は、自社診断の答えや採用した条など自社が書いたもので、評価に出せる証跡とは限りません。このため、準対応の行からは「記録が支える」になりません。わからない・未回答の設問だけでは「記録なし」のままで、「記録が支える」にはなりません。\n";

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
        cell(&report.scheme_title),
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
                        "- 判断が挙げる、このプロジェクトのサンプル規程の条: {}\n",
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
                report.scheme_title, report.level
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
