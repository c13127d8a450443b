//! Spreadsheets a member company fills in and keeps, for the edition kit:
//! the asset register that computes its risks as it is typed in, the action
//! plan with the measures and the clauses to read, and the self-diagnosis
//! as a sheet to print (or fill in on screen). Each is a pure function
//! returning XLSX bytes; the kit names the files.
//!
//! # The register computes as `cargo xtask risk` does
//!
//! The formulas are written from the same definitions as [`crate::risk`]:
//! the threat × vulnerability table and the band of each risk value are
//! cells of the sheet 「計算の基準」 written from [`risk::likelihood`] and
//! [`risk::band`], and the formulas look them up, so the rule exists once.
//! Importance is the maximum of C, I and A, or their average rounded half
//! up ([`risk::ImportanceRule`]); a cell of 「計算の基準」 chooses. A row's
//! computed cells stay empty until its five ratings are all there.
//!
//! Formula cells are written with an empty cached result: Excel and
//! LibreOffice compute them when they open the file (the workbook asks for a
//! full calculation on load), and a row nobody filled in reads as empty to
//! `cargo xtask risk`.
//!
//! # Why the self-diagnosis is an XLSX sheet
//!
//! One file serves both ways a company answers: printed (A4 portrait, one
//! page wide, the heading row on every page, grid lines, page numbers), it
//! is a form to mark with ○ at a meeting or in each office; on screen, a
//! mark in one of the four answer columns scores the question and the sheet
//! totals the 25 and names the band, with the points and bands of
//! [`crate::diagnosis`]. A PDF would only print; the handbook's page needs a
//! browser and scores one respondent at a time.

use rust_xlsxwriter::{
    Color, ConditionalFormatFormula, DataValidation, DataValidationErrorStyle, Format, FormatAlign,
    FormatBorder, Formula, ProtectionOptions, Workbook, Worksheet,
};

use crate::diagnosis;
use crate::plan::PHASES;
use crate::risk::{self, ImportanceRule};

fn err(e: rust_xlsxwriter::XlsxError) -> String {
    e.to_string()
}

/// The input columns of the register template, in order (the columns of
/// the worked example's `assets.csv`, which include [`risk::REQUIRED`]).
pub const REGISTER_INPUTS: [&str; 9] = [
    "業務分類",
    "情報資産名称",
    "備考",
    "利用者範囲",
    "機密性",
    "完全性",
    "可用性",
    "脅威の発生頻度",
    "脆弱性",
];

/// The computed columns, after the inputs.
pub const REGISTER_COMPUTED: [&str; 4] = ["重要度", "被害発生可能性", "リスク値", "リスクの大きさ"];

/// The widths of the register's columns.
const REGISTER_WIDTHS: [f64; 13] = [
    10.0, 24.0, 18.0, 14.0, 7.0, 7.0, 7.0, 9.0, 7.0, 8.0, 10.0, 8.0, 9.0,
];
/// The width of the basis sheet's notes: column A and nine of 8.43.
const BASIS_WIDTH: f64 = 26.0 + 9.0 * 8.43;

/// The sheet names of the register template.
pub const REGISTER_SHEET: &str = "情報資産管理台帳";
pub const BASIS_SHEET: &str = "計算の基準";
pub const CHOICES_SHEET: &str = "選択肢";

/// The row (0-based) of the register's heading; data starts below it, so
/// the first asset is in spreadsheet row 4, as in the worked example.
pub const REGISTER_HEADING_ROW: u32 = 2;
/// Rows ready to fill in (more can be added by copying a row).
pub const REGISTER_ROWS: u32 = 200;

/// Categories offered in the 業務分類 dropdown; the company edits the list
/// on the sheet 「選択肢」 (a value not in it is allowed after a warning).
pub const DEFAULT_CATEGORIES: [&str; 8] = [
    "共通", "経営", "総務", "人事", "経理", "営業", "製造", "工事",
];
/// Room in the category list.
const CATEGORY_SLOTS: u32 = 30;

/// The importance rule as the basis sheet's dropdown names it.
fn rule_label(rule: ImportanceRule) -> &'static str {
    match rule {
        ImportanceRule::Max => "最大値",
        ImportanceRule::Average => "平均",
    }
}

/// A row's height in points that shows every line of its wrapped cells,
/// each `(text, column width)`: spreadsheets do not grow a row for wrapped
/// text they did not lay out themselves, so without it a printed question
/// would be cut off. A full-width character is about two units of column
/// width, others one; a line of the default 11-point font takes 15 points.
fn row_height(cells: &[(&str, f64)]) -> f64 {
    let lines = |text: &str, width: f64| -> f64 {
        text.split('\n')
            .map(|line| {
                let units: f64 = line
                    .chars()
                    .map(|c| if c.is_ascii() { 1.1 } else { 2.0 })
                    .sum();
                (units / (width - 1.0).max(1.0)).ceil().max(1.0)
            })
            .sum()
    };
    let most = cells
        .iter()
        .map(|(text, width)| lines(text, *width))
        .fold(1.0, f64::max);
    most * 15.0 + 4.0
}

/// `text` across columns A to `last` of `row`, the row as high as the
/// text needs over `width` units.
fn note(
    sheet: &mut Worksheet,
    row: u32,
    last: u16,
    text: &str,
    width: f64,
    format: &Format,
) -> Result<(), String> {
    sheet
        .merge_range(row, 0, row, last, text, format)
        .map_err(err)?;
    sheet
        .set_row_height(row, row_height(&[(text, width)]))
        .map_err(err)?;
    Ok(())
}

struct Formats {
    title: Format,
    bold: Format,
    heading: Format,
    input: Format,
    computed: Format,
    note: Format,
    cell: Format,
}

fn formats() -> Formats {
    let border = |f: Format| f.set_border(FormatBorder::Thin);
    Formats {
        title: Format::new().set_bold().set_font_size(14),
        bold: Format::new().set_bold(),
        heading: border(
            Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xD9D9D9)),
        ),
        input: border(
            Format::new()
                .set_unlocked()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xFFF2CC)),
        ),
        computed: border(
            Format::new()
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter)
                .set_background_color(Color::RGB(0xF2F2F2)),
        ),
        note: Format::new().set_text_wrap().set_align(FormatAlign::Top),
        cell: border(
            Format::new()
                .set_text_wrap()
                .set_align(FormatAlign::VerticalCenter),
        ),
    }
}

/// A4, fit to one page wide, grid lines, the heading rows on every page,
/// page numbers in the footer.
fn print_setup(sheet: &mut Worksheet, landscape: bool, heading_row: u32) -> Result<(), String> {
    sheet.set_paper_size(9);
    if landscape {
        sheet.set_landscape();
    } else {
        sheet.set_portrait();
    }
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_gridlines(true);
    sheet.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    sheet.set_footer("&C&P / &N");
    sheet
        .set_repeat_rows(heading_row, heading_row)
        .map_err(err)?;
    Ok(())
}

/// Protection that keeps formulas and fixed text from being overwritten by
/// mistake, without a password (校閲 → シート保護の解除 lifts it), while
/// columns and rows can still be resized.
fn protect(sheet: &mut Worksheet) {
    let options = ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    };
    sheet.protect_with_options(&options);
}

/// A dropdown of fixed values that refuses anything else.
fn dropdown(values: &[&str], title: &str, message: &str) -> Result<DataValidation, String> {
    DataValidation::new()
        .allow_list_strings(values)
        .map_err(err)?
        .set_error_title(title)
        .map_err(err)?
        .set_error_message(message)
        .map_err(err)
}

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
