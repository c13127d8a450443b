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

mod diagnosis_sheet;
mod plan;
mod register;

pub use diagnosis_sheet::*;
pub use plan::*;
pub use register::*;
