//! The action-plan template: each diagnosis question with the chapters and clauses to read.

use super::*;

/// A dropdown that allows other values after a warning.
fn soft_dropdown(values: &[&str]) -> Result<DataValidation, String> {
    Ok(DataValidation::new()
        .allow_list_strings(values)
        .map_err(err)?
        .set_error_style(DataValidationErrorStyle::Warning))
}

/// The action plan as an XLSX template: one row per self-diagnosis question
/// (the measure in the project's words, the sample regulations' chapters and
/// clauses to read, the base items), then empty rows for measures from the
/// risk analysis; the company fills in the current state, when, who, the
/// due date and progress (dropdowns where there is a fixed choice).
/// `chapter_title` names a chapter (`04-access` → 「第4章 アクセス制御及び認証」).
///
/// Kit file: `action-plan.xlsx`.
pub fn plan_template(
    spec: &diagnosis::Spec,
    chapter_title: &dyn Fn(&str) -> String,
) -> Result<Vec<u8>, String> {
    const HEADINGS: [(&str, f64); 12] = [
        ("No.", 5.0),
        ("対策（自社診断の設問）", 44.0),
        ("現状", 14.0),
        ("時期", 11.0),
        ("参照するサンプル規程", 26.0),
        ("条項", 12.0),
        ("基本項目", 16.0),
        ("担当者", 14.0),
        ("期限", 11.0),
        ("状況", 10.0),
        ("完了日", 11.0),
        ("メモ", 24.0),
    ];
    const EXTRA_ROWS: u32 = 25;
    let f = formats();
    const PLAN_WIDTH: f64 = 198.0;
    let mut book = Workbook::new();
    crate::reproducible(&mut book)?;
    let sheet = book.add_worksheet();
    sheet.set_name("実行計画").map_err(err)?;
    sheet
        .write_string_with_format(0, 0, "情報セキュリティ対策実行計画書", &f.title)
        .map_err(err)?;
    note(
        sheet,
        1,
        11,
        "対策の文は、IPA「5分でできる！情報セキュリティ自社診断」の設問をこのプロジェクトが自分の言葉で書き直したもので、IPA の文ではありません。\
             サンプル規程もこのプロジェクトの文例です。黄色のセルに記入します。リスク分析で中・高となった資産の対策は、下の空いた行に書き足します。",
        PLAN_WIDTH,
        &f.note,
    )?;
    let heading_row = 3;
    for (c, (h, width)) in HEADINGS.iter().enumerate() {
        sheet
            .write_string_with_format(heading_row, c as u16, *h, &f.heading)
            .map_err(err)?;
        sheet.set_column_width(c as u16, *width).map_err(err)?;
    }
    let first = heading_row + 1;
    for (i, q) in spec.question.iter().enumerate() {
        let r = first + i as u32;
        let chapters: Vec<String> = q.chapters.iter().map(|c| chapter_title(c)).collect();
        let clauses: Vec<String> = q.clauses.iter().map(|c| format!("第{c}条")).collect();
        let items: Vec<&str> = q
            .items
            .iter()
            .map(|i| i.rsplit(':').next().unwrap_or(i))
            .collect();
        sheet
            .write_number_with_format(r, 0, f64::from(q.number), &f.cell)
            .map_err(err)?;
        for (c, text) in [
            (1, q.text.clone()),
            (4, chapters.join("\n")),
            (5, clauses.join("、")),
            (6, items.join("、")),
        ] {
            sheet
                .write_string_with_format(r, c, text, &f.cell)
                .map_err(err)?;
        }
        for c in [2, 3, 7, 8, 9, 10, 11] {
            sheet.write_blank(r, c, &f.input).map_err(err)?;
        }
        let chapters = chapters.join("\n");
        sheet
            .set_row_height(
                r,
                row_height(&[
                    (q.text.as_str(), HEADINGS[1].1),
                    (chapters.as_str(), HEADINGS[4].1),
                    (&clauses.join("、"), HEADINGS[5].1),
                    (&items.join("、"), HEADINGS[6].1),
                ]),
            )
            .map_err(err)?;
    }
    let extra = first + spec.question.len() as u32;
    let last = extra + EXTRA_ROWS - 1;
    for r in extra..=last {
        sheet.write_blank(r, 0, &f.cell).map_err(err)?;
        for c in 1..HEADINGS.len() as u16 {
            sheet.write_blank(r, c, &f.input).map_err(err)?;
        }
    }
    sheet
        .add_data_validation(first, 2, last, 2, &soft_dropdown(&diagnosis::ANSWERS)?)
        .map_err(err)?;
    sheet
        .add_data_validation(first, 3, last, 3, &soft_dropdown(&PHASES)?)
        .map_err(err)?;
    sheet
        .add_data_validation(
            first,
            9,
            last,
            9,
            &soft_dropdown(&["未着手", "対応中", "完了"])?,
        )
        .map_err(err)?;
    let done = ConditionalFormatFormula::new()
        .set_rule(format!("=$J{}=\"完了\"", first + 1).as_str())
        .set_format(Format::new().set_font_color(Color::RGB(0x808080)));
    sheet
        .add_conditional_format(first, 0, last, 11, &done)
        .map_err(err)?;
    sheet.set_freeze_panes(first, 2).map_err(err)?;
    print_setup(sheet, true, heading_row)?;
    book.save_to_buffer().map_err(err)
}
