//! The self-diagnosis as a sheet to print and mark, or to fill on screen.

use super::*;

/// The self-diagnosis as a sheet to print or fill in (see the module doc):
/// the 25 questions in the project's words with their hints, four answer
/// columns to mark, each question's points, the total and the band, all as
/// [`diagnosis::score`] computes them for one respondent. `answers` marks
/// the answers (an index into [`diagnosis::ANSWERS`] per question) for a
/// filled-in sheet; `None` gives the blank form.
///
/// Kit file: `self-diagnosis.xlsx`.
pub fn diagnosis_sheet(
    spec: &diagnosis::Spec,
    answers: Option<&[usize]>,
) -> Result<Vec<u8>, String> {
    let f = formats();
    const SHEET_WIDTH: f64 = 131.5;
    let mut book = Workbook::new();
    crate::reproducible(&mut book)?;
    let sheet = book.add_worksheet();
    sheet.set_name("自社診断").map_err(err)?;
    sheet.set_formula_result_default("");
    sheet
        .write_string_with_format(0, 0, "情報セキュリティ自社診断 回答用紙", &f.title)
        .map_err(err)?;
    note(
        sheet,
        1,
        8,
        "設問と目安は、IPA「5分でできる！情報セキュリティ自社診断」の設問をこのプロジェクトが自分の言葉で書き直したもので、IPA の文ではありません。\
             点数の付け方と結果の区分の点数の境目は IPA の公表しているとおりで、区分の呼び方はこのプロジェクトのものです。",
        SHEET_WIDTH,
        &f.note,
    )?;
    note(
        sheet,
        2,
        8,
        "各設問について、当てはまる答えの欄に ○ を一つ記入します（画面では、どれか一つの欄に文字を入れると点数が出ます）。",
        SHEET_WIDTH,
        &f.note,
    )?;
    note(
        sheet,
        3,
        8,
        "会社・部署名：　　　　　　　　　　　　　　記入日：　　　年　　月　　日　　記入者：",
        SHEET_WIDTH,
        &f.note,
    )?;
    let heading_row = 4;
    let columns: [(&str, f64); 9] = [
        ("No.", 4.5),
        ("区分", 11.0),
        ("設問", 40.0),
        ("「実施している」と答えてよい目安", 40.0),
        (diagnosis::ANSWERS[0], 7.5),
        (diagnosis::ANSWERS[1], 7.5),
        (diagnosis::ANSWERS[2], 7.5),
        (diagnosis::ANSWERS[3], 7.5),
        ("点数", 6.0),
    ];
    for (c, (h, width)) in columns.iter().enumerate() {
        sheet
            .write_string_with_format(heading_row, c as u16, *h, &f.heading)
            .map_err(err)?;
        sheet.set_column_width(c as u16, *width).map_err(err)?;
    }
    sheet.set_row_height(heading_row, 45).map_err(err)?;
    let first = heading_row + 1;
    let points = diagnosis::POINTS;
    for (i, q) in spec.question.iter().enumerate() {
        let r = first + i as u32;
        let n = r + 1;
        let part = spec
            .part
            .iter()
            .find(|p| p.id == q.part)
            .map_or(String::new(), |p| p.title.clone());
        sheet
            .write_number_with_format(r, 0, f64::from(q.number), &f.cell)
            .map_err(err)?;
        sheet
            .write_string_with_format(r, 1, part, &f.cell)
            .map_err(err)?;
        sheet
            .write_string_with_format(r, 2, &q.text, &f.cell)
            .map_err(err)?;
        sheet
            .write_string_with_format(r, 3, &q.hint, &f.cell)
            .map_err(err)?;
        sheet
            .set_row_height(
                r,
                row_height(&[
                    (q.text.as_str(), columns[2].1),
                    (q.hint.as_str(), columns[3].1),
                ]),
            )
            .map_err(err)?;
        let marked = answers.and_then(|a| a.get(i)).copied();
        for a in 0..4u16 {
            if marked == Some(a as usize) {
                sheet.write_string_with_format(r, 4 + a, "○", &f.input)
            } else {
                sheet.write_blank(r, 4 + a, &f.input)
            }
            .map_err(err)?;
        }
        let formula = format!(
            "=IF(COUNTA(E{n}:H{n})<>1,\"\",IF(E{n}<>\"\",{},IF(F{n}<>\"\",{},IF(G{n}<>\"\",{},{}))))",
            points[0], points[1], points[2], points[3]
        );
        sheet
            .write_formula_with_format(r, 8, Formula::new(formula), &f.computed)
            .map_err(err)?;
    }
    let last = first + spec.question.len() as u32 - 1;
    let total_row = last + 1;
    let count = spec.question.len();
    let center = Format::new().set_align(FormatAlign::Center);
    sheet
        .merge_range(
            total_row,
            0,
            total_row,
            7,
            "合計（25 問すべてに答えると出ます）",
            &f.heading,
        )
        .map_err(err)?;
    sheet
        .write_formula_with_format(
            total_row,
            8,
            Formula::new(format!(
                "=IF(COUNT(I{}:I{})<{count},\"\",SUM(I{}:I{}))",
                first + 1,
                last + 1,
                first + 1,
                last + 1
            )),
            &f.computed,
        )
        .map_err(err)?;
    // The bands, lowest first, so MATCH finds the last minimum ≤ the total.
    let mut bands = spec.scoring.bands.clone();
    bands.sort_by_key(|b| b.min);
    let bands_row = total_row + 4;
    sheet
        .write_string_with_format(bands_row - 1, 0, "結果の区分", &f.bold)
        .map_err(err)?;
    for (i, h) in ["下限", "上限", "区分", "助言"].iter().enumerate() {
        sheet
            .write_string_with_format(bands_row, i as u16, *h, &f.heading)
            .map_err(err)?;
    }
    for (i, b) in bands.iter().enumerate() {
        let r = bands_row + 1 + i as u32;
        sheet
            .write_number_with_format(r, 0, f64::from(b.min), &f.cell)
            .map_err(err)?;
        sheet
            .write_number_with_format(r, 1, f64::from(b.max), &f.cell)
            .map_err(err)?;
        sheet
            .write_string_with_format(r, 2, &b.label, &f.cell)
            .map_err(err)?;
        sheet
            .merge_range(r, 3, r, 8, &b.advice, &f.cell)
            .map_err(err)?;
        sheet
            .set_row_height(r, row_height(&[(b.advice.as_str(), 76.0)]))
            .map_err(err)?;
    }
    let (lo, hi) = (bands_row + 2, bands_row + 1 + bands.len() as u32);
    sheet
        .merge_range(total_row + 1, 0, total_row + 1, 7, "結果", &f.heading)
        .map_err(err)?;
    sheet
        .write_formula_with_format(
            total_row + 1,
            8,
            Formula::new(format!(
                "=IF(I{t}=\"\",\"\",INDEX($C${lo}:$C${hi},MATCH(I{t},$A${lo}:$A${hi},1)))",
                t = total_row + 1
            )),
            &f.computed,
        )
        .map_err(err)?;
    sheet.set_column_format(8, &center).map_err(err)?;
    print_setup(sheet, false, heading_row)?;
    protect(sheet);
    book.save_to_buffer().map_err(err)
}
