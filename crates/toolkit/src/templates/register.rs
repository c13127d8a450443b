//! The asset register template: formulas that compute as `cargo xtask risk` does.

use super::*;

/// The asset register as an XLSX template that computes importance,
/// likelihood of damage, risk value and band in the spreadsheet, exactly as
/// `cargo xtask risk` does (see the module doc). `rows` are filled in
/// (each the cells under [`REGISTER_INPUTS`], in order; empty for the blank
/// template); `rule` is the importance rule the sheet starts with.
///
/// Kit file: `asset-register.xlsx` (`register_template(&[], ImportanceRule::Max)`).
pub fn register_template(rows: &[Vec<String>], rule: ImportanceRule) -> Result<Vec<u8>, String> {
    let f = formats();
    let mut book = Workbook::new();
    crate::reproducible(&mut book)?;

    // ------------------------------------------------ the register
    let sheet = book.add_worksheet();
    sheet.set_name(REGISTER_SHEET).map_err(err)?;
    sheet.set_formula_result_default("");
    sheet
        .write_string_with_format(0, 0, "情報資産管理台帳（リスク分析）", &f.title)
        .map_err(err)?;
    note(
        sheet,
        1,
        12,
        "黄色のセルに記入します。機密性・完全性・可用性・脅威の発生頻度・脆弱性は 1〜3 から選びます。\
             灰色の列（重要度、被害発生可能性、リスク値、リスクの大きさ）は自動で計算され、\
             計算のしかたはシート「計算の基準」にあります。シートは誤って式を消さないよう保護しています（パスワードなし）。",
        REGISTER_WIDTHS.iter().sum(),
        &f.note,
    )?;
    let headings = REGISTER_INPUTS.iter().chain(REGISTER_COMPUTED.iter());
    for (c, h) in headings.enumerate() {
        sheet
            .write_string_with_format(REGISTER_HEADING_ROW, c as u16, *h, &f.heading)
            .map_err(err)?;
    }
    for (c, width) in [
        10.0, 24.0, 18.0, 14.0, 7.0, 7.0, 7.0, 9.0, 7.0, 8.0, 10.0, 8.0, 9.0,
    ]
    .into_iter()
    .enumerate()
    {
        sheet.set_column_width(c as u16, width).map_err(err)?;
    }
    sheet
        .set_row_height(REGISTER_HEADING_ROW, 33)
        .map_err(err)?;
    let first = REGISTER_HEADING_ROW + 1;
    let count = REGISTER_ROWS.max(rows.len() as u32);
    let last = first + count - 1;
    let basis = format!("'{BASIS_SHEET}'");
    for r in first..=last {
        let n = r + 1; // the spreadsheet's row number
        let given = rows.get((r - first) as usize);
        for c in 0..REGISTER_INPUTS.len() as u16 {
            let value = given
                .and_then(|cells| cells.get(c as usize))
                .map_or("", |v| v.trim());
            match value.parse::<f64>() {
                Ok(x) if c >= 4 => sheet.write_number_with_format(r, c, x, &f.input),
                _ if value.is_empty() => sheet.write_blank(r, c, &f.input),
                _ => sheet.write_string_with_format(r, c, value, &f.input),
            }
            .map_err(err)?;
        }
        let formulas = [
            format!(
                "IF(COUNT(E{n}:G{n})<3,\"\",IF({basis}!$B$4=\"平均\",ROUND(AVERAGE(E{n}:G{n}),0),MAX(E{n}:G{n})))"
            ),
            format!("IF(COUNT(H{n}:I{n})<2,\"\",INDEX({basis}!$B$9:$D$11,4-H{n},4-I{n}))"),
            format!("IF(OR(J{n}=\"\",K{n}=\"\"),\"\",J{n}*K{n})"),
            format!(
                "IF(L{n}=\"\",\"\",INDEX({basis}!$B$15:$J$15,MATCH(L{n},{basis}!$B$14:$J$14,0)))"
            ),
        ];
        for (i, formula) in formulas.iter().enumerate() {
            sheet
                .write_formula_with_format(
                    r,
                    9 + i as u16,
                    Formula::new(format!("={formula}")),
                    &f.computed,
                )
                .map_err(err)?;
        }
    }
    let rating = dropdown(
        &["1", "2", "3"],
        "1〜3 で記入します",
        "1、2、3 のどれかを選んでください。",
    )?;
    sheet
        .add_data_validation(first, 4, last, 8, &rating)
        .map_err(err)?;
    let category = DataValidation::new()
        .allow_list_formula(Formula::new(format!(
            "='{CHOICES_SHEET}'!$A$2:$A${}",
            CATEGORY_SLOTS + 1
        )))
        .set_error_style(DataValidationErrorStyle::Warning)
        .set_error_title("選択肢にない業務分類です")
        .map_err(err)?
        .set_error_message(
            "このまま入れてよければ「はい」を選びます。選択肢はシート「選択肢」で増やせます。",
        )
        .map_err(err)?;
    sheet
        .add_data_validation(first, 0, last, 0, &category)
        .map_err(err)?;
    // The bands in colour (the text stays, for black-and-white printing).
    for (band, fill, font) in [
        ("高", 0xFFC7CE, 0x9C0006),
        ("中", 0xFFEB9C, 0x9C5700),
        ("低", 0xC6EFCE, 0x006100),
    ] {
        let rule = ConditionalFormatFormula::new()
            .set_rule(format!("=$M{}=\"{band}\"", first + 1).as_str())
            .set_format(
                Format::new()
                    .set_background_color(Color::RGB(fill))
                    .set_font_color(Color::RGB(font)),
            );
        sheet
            .add_conditional_format(first, 11, last, 12, &rule)
            .map_err(err)?;
    }
    sheet.set_freeze_panes(first, 2).map_err(err)?;
    print_setup(sheet, true, REGISTER_HEADING_ROW)?;
    protect(sheet);

    // ------------------------------------------------ the basis
    let sheet = book.add_worksheet();
    sheet.set_name(BASIS_SHEET).map_err(err)?;
    sheet
        .write_string_with_format(0, 0, "計算の基準", &f.title)
        .map_err(err)?;
    sheet
        .write_string_with_format(2, 0, "重要度の出し方", &f.bold)
        .map_err(err)?;
    sheet
        .write_string_with_format(3, 0, "機密性・完全性・可用性から", &f.cell)
        .map_err(err)?;
    sheet
        .write_string_with_format(3, 1, rule_label(rule), &f.input)
        .map_err(err)?;
    sheet
        .add_data_validation(
            3,
            1,
            3,
            1,
            &dropdown(
                &["最大値", "平均"],
                "最大値か平均です",
                "最大値（3 つのうち最も高い値）か平均（四捨五入）を選んでください。",
            )?,
        )
        .map_err(err)?;
    note(
        sheet,
        4,
        9,
        "最大値: 3 つのうち最も高い値。平均: 3 つの平均を四捨五入した値。cargo xtask risk --importance max / average と同じです。",
        BASIS_WIDTH,
        &f.note,
    )?;
    sheet
        .write_string_with_format(6, 0, "被害発生可能性（脅威の発生頻度 × 脆弱性）", &f.bold)
        .map_err(err)?;
    sheet
        .write_string_with_format(7, 0, "脅威の発生頻度 ＼ 脆弱性", &f.heading)
        .map_err(err)?;
    for (i, level) in [3u8, 2, 1].into_iter().enumerate() {
        let i = i as u16;
        sheet
            .write_number_with_format(7, 1 + i, f64::from(level), &f.heading)
            .map_err(err)?;
        sheet
            .write_number_with_format(8 + u32::from(i), 0, f64::from(level), &f.heading)
            .map_err(err)?;
        for (j, v) in [3u8, 2, 1].into_iter().enumerate() {
            sheet
                .write_number_with_format(
                    8 + u32::from(i),
                    1 + j as u16,
                    f64::from(risk::likelihood(level, v)),
                    &f.computed,
                )
                .map_err(err)?;
        }
    }
    sheet
        .write_string_with_format(
            12,
            0,
            "リスク値（重要度 × 被害発生可能性）とリスクの大きさ",
            &f.bold,
        )
        .map_err(err)?;
    sheet
        .write_string_with_format(13, 0, "リスク値", &f.heading)
        .map_err(err)?;
    sheet
        .write_string_with_format(14, 0, "リスクの大きさ", &f.heading)
        .map_err(err)?;
    for (i, value) in (1u8..=9).enumerate() {
        let c = 1 + i as u16;
        sheet
            .write_number_with_format(13, c, f64::from(value), &f.heading)
            .map_err(err)?;
        sheet
            .write_string_with_format(14, c, risk::band(value), &f.computed)
            .map_err(err)?;
    }
    for (r, line) in [
        "出典: 被害発生可能性の表と、リスク値 = 重要度 × 被害発生可能性は、IPA「中小企業の情報セキュリティ対策ガイドライン」付録7 リスク分析シートのとおりです。\
         リスク値 6〜9 を高、4 を中とするのは同ガイドライン第4.0版のとおりで、1〜3 を低とするのはこのプロジェクトの読み方です。",
        "重要度を機密性・完全性・可用性から出す規則は公表資料で確かめられなかったため、最大値を既定とし、平均も選べるようにしています（このプロジェクトの判断）。",
        "このシートはこのプロジェクト（ハンドブック）が作った記入用の様式で、IPA の配布するシートではありません。",
    ]
    .into_iter()
    .enumerate()
    {
        note(sheet, 16 + r as u32, 9, line, BASIS_WIDTH, &f.note)?;
    }
    sheet.set_column_width(0, 26).map_err(err)?;
    print_setup(sheet, false, 0)?;
    protect(sheet);

    // ------------------------------------------------ the choices
    let sheet = book.add_worksheet();
    sheet.set_name(CHOICES_SHEET).map_err(err)?;
    sheet
        .write_string_with_format(0, 0, "業務分類の選択肢（自由に書き換えられます）", &f.bold)
        .map_err(err)?;
    for r in 0..CATEGORY_SLOTS {
        match DEFAULT_CATEGORIES.get(r as usize) {
            Some(c) => sheet.write_string_with_format(r + 1, 0, *c, &f.input),
            None => sheet.write_blank(r + 1, 0, &f.input),
        }
        .map_err(err)?;
    }
    sheet.set_column_width(0, 40).map_err(err)?;

    book.save_to_buffer().map_err(err)
}
