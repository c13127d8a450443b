//! Row numbers as the user's spreadsheet shows them (issue 15): a register
//! with 「高」 in 可用性 in spreadsheet row 12 is reported at row 12 whatever
//! the line ends (CR, LF, CRLF, mixed), with or without a BOM, in UTF-8 or
//! Shift_JIS, with a quoted line break above the bad row, and as XLSX with
//! title rows above the heading.
//!
//! `fixtures/rows/` holds the register as Excel and other tools save it.
//! Row 1 is a title, row 2 blank, row 3 the heading; the 備考 cell of row 6
//! has a line break in it; row 12 has the bad cell (column 6).

use std::path::{Path, PathBuf};

use sc3_toolkit::risk::{self, ImportanceRule};
use sc3_toolkit::sheet;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/rows")
        .join(name)
}

/// (file, its line break, whether it is Shift_JIS, whether it has a BOM)
const REGISTERS: [(&str, &str, bool, bool); 5] = [
    ("register-sjis-crlf.csv", "\r\n", true, false),
    ("register-sjis-lf.csv", "\n", true, false),
    ("register-sjis-cr.csv", "\r", true, false),
    ("register-utf8-mixed.csv", "", false, false),
    ("register-utf8-bom-crlf.csv", "\r\n", false, true),
];

#[test]
fn the_fixtures_are_what_they_say() {
    for (name, end, sjis, bom) in REGISTERS {
        let bytes = std::fs::read(fixture(name)).unwrap();
        assert_eq!(std::str::from_utf8(&bytes).is_err(), sjis, "{name}");
        assert_eq!(bytes.starts_with(b"\xEF\xBB\xBF"), bom, "{name}");
        let text = sheet::decode(&bytes).unwrap();
        let crlf = text.matches("\r\n").count();
        let cr = text.matches('\r').count() - crlf;
        let lf = text.matches('\n').count() - crlf;
        // 12 rows and one break inside a cell.
        match end {
            "\r\n" => assert_eq!((crlf, cr, lf), (13, 0, 0), "{name}"),
            "\n" => assert_eq!((crlf, cr, lf), (0, 0, 13), "{name}"),
            "\r" => assert_eq!((crlf, cr, lf), (0, 13, 0), "{name}"),
            _ => assert!(crlf > 0 && cr > 0 && lf > 0, "{name}: mixed"),
        }
    }
}

#[test]
fn a_bad_cell_in_row_12_is_reported_at_row_12_whatever_the_line_ends() {
    for (name, ..) in REGISTERS {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let rows = sheet::sheet_rows(name, &bytes).unwrap();
        let numbers: Vec<usize> = rows.iter().map(|(n, _)| *n).collect();
        // Row 2 is blank: a spreadsheet shows it; there are no cells to read.
        assert_eq!(numbers, [1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12], "{name}");
        let reg = risk::register(rows, ImportanceRule::Max);
        assert_eq!(reg.errors.len(), 1, "{name}: {:?}", reg.errors);
        let e = &reg.errors[0];
        assert_eq!(
            (e.row, e.column, e.heading.as_str()),
            (12, 6, "可用性"),
            "{name}"
        );
        let photo = reg.assets.iter().find(|a| a.name == "現場写真").unwrap();
        assert_eq!(photo.row, 6, "{name}");
        assert_eq!(reg.assets.last().unwrap().row, 11, "{name}");
    }
}

#[test]
fn a_quoted_line_break_stays_in_its_cell() {
    for (name, end, ..) in REGISTERS.into_iter().take(3) {
        let bytes = std::fs::read(fixture(name)).unwrap();
        let rows = sheet::sheet_rows(name, &bytes).unwrap();
        assert_eq!(rows[4], (6, row6(end)), "{name}");
    }
}

fn row6(end: &str) -> Vec<String> {
    [
        "工事",
        "現場写真",
        &format!("紙と{end}PDF"),
        "2",
        "2",
        "1",
        "3",
        "2",
    ]
    .map(|s| s.to_owned())
    .to_vec()
}

#[test]
fn an_xlsx_register_is_numbered_as_the_sheet_numbers_it() {
    // The same register in a workbook, the title in A1 and the table from
    // column B: the bad cell is column 7 of row 12.
    let text = sheet::decode(&std::fs::read(fixture("register-sjis-lf.csv")).unwrap()).unwrap();
    let mut book = rust_xlsxwriter::Workbook::new();
    let ws = book.add_worksheet();
    for (number, cells) in sheet::csv_rows(&text).unwrap() {
        for (c, v) in cells.iter().enumerate() {
            let column = if number == 1 { 0 } else { c as u16 + 1 };
            ws.write_string(number as u32 - 1, column, v).unwrap();
        }
    }
    let rows = sheet::sheet_rows("台帳.xlsx", &book.save_to_buffer().unwrap()).unwrap();
    assert_eq!(rows[0].0, 1);
    let reg = risk::register(rows, ImportanceRule::Max);
    assert_eq!(reg.errors.len(), 1, "{:?}", reg.errors);
    let e = &reg.errors[0];
    assert_eq!((e.row, e.column, e.heading.as_str()), (12, 7, "可用性"));
    assert_eq!(
        reg.assets
            .iter()
            .find(|a| a.name == "現場写真")
            .unwrap()
            .row,
        6
    );
}
