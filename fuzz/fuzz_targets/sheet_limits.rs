//! The spreadsheet readers (`sc3_toolkit::sheet`) against their size limits.
//!
//! The input is read as a recipe (`arbitrary::Unstructured`) rather than as
//! a file, so most runs reach past the ZIP and XML layers:
//!
//! - a workbook built here: a declared range, cells at any position (up to
//!   XFD1048576) as inline strings, shared strings or numbers, a declared
//!   shared-string count, padding that inflates the sheet, deflated or
//!   stored parts;
//! - a CSV file written as the program writes one (every cell neutralised and
//!   quoted) with LF, CR or CRLF after each row, UTF-8 or Shift_JIS, with or
//!   without a BOM;
//! - raw bytes as CSV or XLSX.
//!
//! The readers run with small limits ([`LIMITS`]) so that every limit is
//! within reach of a few kilobytes of input. Besides "no panic":
//!
//! - whatever is read stays within the limits (rows, columns, cells);
//! - when the recipe exceeds a limit, the reader refuses it with a message
//!   that names the limit (「上限は…」);
//! - otherwise the workbook reads back with every cell where it was put, and
//!   the CSV with every cell as it was before neutralising, in the row a
//!   spreadsheet shows it in.
//!
//! Run it with `-rss_limit_mb=2048 -malloc_limit_mb=64`: no reading within
//! these limits needs a single allocation of 64 MB, and the attacks this
//! target is about (a dense range of XFD1048576, a reserved 2^64 strings)
//! need far more.

#![no_main]

use std::collections::BTreeMap;
use std::io::Write;

use libfuzzer_sys::arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use sc3_toolkit::sheet::{self, Limits, Rows};

const LIMITS: Limits = Limits {
    file_bytes: 1024 * 1024,
    unzipped_bytes: 64 * 1024,
    rows: 300,
    columns: 30,
    cells: 2_000,
};

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// Pieces of cell text: formula starts, quotes, separators, line breaks,
/// XML's special characters, Japanese.
const PIECES: [&str; 16] = [
    "=", "+", "-", "@", "'", "\"", ",", ";", "\t", "\r", "\n", "\r\n", "<&>", "台帳", "a", "1",
];

fn cell_text(u: &mut Unstructured<'_>, line_breaks: bool) -> Result<String> {
    let mut s = String::new();
    for _ in 0..u.int_in_range(0..=6)? {
        let p = *u.choose(&PIECES)?;
        if line_breaks || !p.contains(['\r', '\n', '\t']) {
            s.push_str(p);
        }
    }
    Ok(s)
}

/// A row or column: mostly near the limits, sometimes anywhere in a sheet.
fn position(u: &mut Unstructured<'_>, limit: u32, max: u32) -> Result<u32> {
    Ok(match u.int_in_range(0..=9)? {
        0 => u.int_in_range(0..=max)?,
        1 => limit - 1 + u.int_in_range(0..=2)?,
        _ => u.int_in_range(0..=limit.min(40))?,
    })
}

fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut c = column + 1;
    while c > 0 {
        c -= 1;
        letters.push(b'A' + (c % 26) as u8);
        c /= 26;
    }
    letters.reverse();
    format!("{}{}", String::from_utf8(letters).unwrap(), row + 1)
}

fn xml_escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Cells by (row, column), 0-based.
type Cells = BTreeMap<(u32, u32), String>;

/// Builds a workbook from the recipe; returns it, whether it exceeds a
/// limit, and the cells expected when it does not.
fn workbook(u: &mut Unstructured<'_>) -> Result<(Vec<u8>, bool, Cells)> {
    let mut exceeds = false;
    let mut sheet = format!("<?xml version=\"1.0\"?><worksheet xmlns=\"{NS}\">");
    if u.arbitrary()? {
        let (r, c) = (
            position(u, LIMITS.rows, 1_048_575)?,
            position(u, LIMITS.columns, 16_383)?,
        );
        exceeds |= r >= LIMITS.rows || c >= LIMITS.columns;
        sheet.push_str(&format!("<dimension ref=\"A1:{}\"/>", cell_name(r, c)));
    }
    sheet.push_str("<sheetData>");
    let mut shared: Vec<String> = Vec::new();
    let mut expected = BTreeMap::new();
    let count = u.int_in_range(0..=60)?;
    for _ in 0..count {
        let (r, c) = (
            position(u, LIMITS.rows, 1_048_575)?,
            position(u, LIMITS.columns, 16_383)?,
        );
        exceeds |= r >= LIMITS.rows || c >= LIMITS.columns;
        // Never empty, never surrounded by white space: read back as written.
        let value = format!("x{}y", cell_text(u, false)?);
        let name = cell_name(r, c);
        match u.int_in_range(0..=2)? {
            0 => sheet.push_str(&format!(
                "<row r=\"{}\"><c r=\"{name}\" t=\"inlineStr\"><is><t>{}</t></is></c></row>",
                r + 1,
                xml_escape(&value)
            )),
            1 => {
                sheet.push_str(&format!(
                    "<row r=\"{}\"><c r=\"{name}\" t=\"s\"><v>{}</v></c></row>",
                    r + 1,
                    shared.len()
                ));
                shared.push(value.clone());
            }
            _ => {
                let n = u.int_in_range(0..=9999u32)?;
                sheet.push_str(&format!(
                    "<row r=\"{}\"><c r=\"{name}\"><v>{n}</v></c></row>",
                    r + 1
                ));
                expected.insert((r, c), n.to_string());
                continue;
            }
        }
        expected.insert((r, c), value);
    }
    if let (Some(first), Some(last)) = (
        expected.keys().map(|k| k.0).min(),
        expected.keys().map(|k| k.0).max(),
    ) {
        let width = expected.keys().map(|k| k.1).max().unwrap_or(0) + 1;
        exceeds |= u64::from(last - first + 1) * u64::from(width) > LIMITS.cells;
    }
    let padding = match u.int_in_range(0..=3)? {
        0 => 70 * 1024,
        _ => u.int_in_range(0..=1024)?,
    };
    sheet.push_str(&" ".repeat(padding));
    sheet.push_str("</sheetData></worksheet>");
    let declared_count = match u.int_in_range(0..=3)? {
        0 => {
            exceeds = true;
            *u.choose(&["2001", "18446744073709551616", "000000000000000002001"])?
        }
        _ => "0",
    };
    let declared_count = if declared_count == "0" {
        shared.len().to_string()
    } else {
        declared_count.to_owned()
    };
    let strings: String = shared
        .iter()
        .map(|s| format!("<si><t>{}</t></si>", xml_escape(s)))
        .collect();
    let parts = [
        (
            "[Content_Types].xml",
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>".to_owned(),
        ),
        (
            "_rels/.rels",
            format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"),
        ),
        (
            "xl/workbook.xml",
            format!("<?xml version=\"1.0\"?><workbook xmlns=\"{NS}\" xmlns:r=\"{REL}\"><sheets><sheet name=\"s\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>"),
        ),
        (
            "xl/_rels/workbook.xml.rels",
            format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/><Relationship Id=\"rId2\" Type=\"{REL}/sharedStrings\" Target=\"sharedStrings.xml\"/></Relationships>"),
        ),
        (
            "xl/sharedStrings.xml",
            format!("<?xml version=\"1.0\"?><sst xmlns=\"{NS}\" uniqueCount=\"{declared_count}\">{strings}</sst>"),
        ),
        ("xl/worksheets/sheet1.xml", sheet),
    ];
    let total: usize = parts.iter().map(|(_, p)| p.len()).sum();
    exceeds |= total as u64 > LIMITS.unzipped_bytes;
    exceeds |= count as u64 > LIMITS.cells;
    let method = if u.arbitrary()? {
        zip::CompressionMethod::Stored
    } else {
        zip::CompressionMethod::Deflated
    };
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, part) in &parts {
        w.start_file(*name, options).unwrap();
        w.write_all(part.as_bytes()).unwrap();
    }
    let bytes = w.finish().unwrap().into_inner();
    exceeds |= bytes.len() as u64 > LIMITS.file_bytes;
    Ok((bytes, exceeds, expected))
}

/// Whatever a reader returns stays within the limits.
fn check_bounds(rows: &Rows) {
    let mut cells = 0u64;
    let mut last = 0;
    for (n, row) in rows {
        assert!(
            *n > last && *n <= LIMITS.rows as usize,
            "row {n} after {last}"
        );
        assert!(
            row.len() <= LIMITS.columns as usize,
            "{} columns",
            row.len()
        );
        cells += row.len() as u64;
        last = *n;
    }
    assert!(cells <= LIMITS.cells, "{cells} cells");
}

fn check_refusal(result: &std::result::Result<Rows, String>) {
    match result {
        Ok(rows) => panic!("a recipe over the limits was read: {} rows", rows.len()),
        Err(e) => assert!(e.contains("上限"), "the message names no limit: {e}"),
    }
}

fn run_workbook(u: &mut Unstructured<'_>) -> Result<()> {
    let (bytes, exceeds, expected) = workbook(u)?;
    let result = sheet::xlsx_rows_within(&bytes, &LIMITS);
    if let Ok(rows) = &result {
        check_bounds(rows);
    }
    if exceeds {
        check_refusal(&result);
        return Ok(());
    }
    let rows = result.unwrap_or_else(|e| panic!("a workbook within the limits was refused: {e}"));
    let at: BTreeMap<usize, &Vec<String>> = rows.iter().map(|(n, c)| (*n, c)).collect();
    for ((r, c), value) in &expected {
        let row = at.get(&(*r as usize + 1)).expect("the row of a cell");
        assert_eq!(&row[*c as usize], value, "{}", cell_name(*r, *c));
    }
    let filled: usize = rows
        .iter()
        .map(|(_, c)| c.iter().filter(|x| !x.is_empty()).count())
        .sum();
    assert_eq!(
        filled,
        expected.len(),
        "no cell appears that was not written"
    );
    Ok(())
}

/// Writes a CSV as `sheet::to_csv` does, with the line break after each row
/// chosen by the recipe.
fn run_csv(u: &mut Unstructured<'_>) -> Result<()> {
    let mut text = String::new();
    let mut expected: Rows = Vec::new();
    let mut exceeds = false;
    let mut cells = 0u64;
    let mut after_cr = false;
    let count = u.int_in_range(0..=40)?;
    for i in 0..count {
        let width = u.int_in_range(0..=4)?;
        let mut row = Vec::new();
        for _ in 0..width {
            row.push(cell_text(u, true)?);
        }
        if u.int_in_range(0..=30)? == 0 {
            row.resize(LIMITS.columns as usize + 1, "c".to_owned());
        }
        let line: Vec<String> = row
            .iter()
            .map(|c| {
                if c.is_empty() {
                    String::new()
                } else {
                    format!("\"{}\"", sheet::neutralise(c).replace('"', "\"\""))
                }
            })
            .collect();
        let line = line.join(",");
        let blank = line.is_empty();
        // A blank row after a CR ending in LF would make one CRLF: a
        // spreadsheet reads one line break there, so the recipe does too.
        let end = if blank && after_cr {
            "\r"
        } else {
            *u.choose(&["\n", "\r", "\r\n"])?
        };
        after_cr = end == "\r";
        text.push_str(&line);
        text.push_str(end);
        if !blank {
            cells += row.len() as u64;
            exceeds |= i + 1 > LIMITS.rows as usize || row.len() > LIMITS.columns as usize;
            expected.push((i + 1, row));
        }
    }
    exceeds |= cells > LIMITS.cells;
    let mut bytes = Vec::new();
    if u.arbitrary()? {
        bytes.extend(b"\xEF\xBB\xBF");
        bytes.extend(text.as_bytes());
    } else {
        let (sjis, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
        // Shift_JIS that happens to be valid UTF-8 is read as UTF-8, as it
        // must be: nothing to compare then.
        if unmappable || (std::str::from_utf8(&sjis).is_ok() && !text.is_ascii()) {
            return Ok(());
        }
        bytes.extend(sjis.iter());
    }
    let result = sheet::sheet_rows_within("x.csv", &bytes, &LIMITS);
    if let Ok(rows) = &result {
        check_bounds(rows);
    }
    if exceeds {
        check_refusal(&result);
        return Ok(());
    }
    let rows = result.unwrap_or_else(|e| panic!("a CSV within the limits was refused: {e}"));
    assert_eq!(rows, expected, "{text:?}");
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let mut u = Unstructured::new(data);
    let _ = match u.int_in_range(0..=3u8) {
        Ok(0) => run_workbook(&mut u),
        Ok(1) => run_csv(&mut u),
        Ok(kind) => {
            let name = if kind == 2 { "x.xlsx" } else { "x.csv" };
            if let Ok(rows) = sheet::sheet_rows_within(name, u.take_rest(), &LIMITS) {
                check_bounds(&rows);
            }
            Ok(())
        }
        Err(_) => Ok(()),
    };
});
