//! Spreadsheets in and out: reading CSV and XLSX within fixed limits, and
//! writing CSV that a spreadsheet never runs as formulas.
//!
//! # Limits
//!
//! A spreadsheet comes from outside (a member company's register, a sheet
//! exported and edited in Excel, a pull request), so reading one must neither
//! exhaust memory nor run for minutes. An XLSX file is a ZIP of XML parts:
//! a 1.5 KB file that declares cells A1 and XFD1048576 would make a dense
//! reader allocate 17 billion cells, and 4 MB of ZIP can expand to a
//! gigabyte. Everything is therefore checked before it is allocated:
//!
//! 1. the file's size ([`MAX_FILE_BYTES`]);
//! 2. for XLSX, the ZIP's central directory: the declared size of every part
//!    and their sum ([`MAX_UNZIPPED_BYTES`]); then every part is decompressed
//!    once, counting, with a hard cap, so a part that expands beyond what it
//!    declares is refused as well;
//! 3. the number of shared strings the workbook declares (calamine reserves
//!    that many before reading them), at most [`MAX_CELLS`];
//! 4. the sheet's declared range (`<dimension ref="…"/>`) and the position of
//!    every cell, within [`MAX_ROWS`] × [`MAX_COLUMNS`];
//! 5. the number of cells read and the area of the table they make, at most
//!    [`MAX_CELLS`].
//!
//! CSV is bounded by the same file size, rows, columns and cells. Each error
//! names the limit it hit, in Japanese, as the user reads it.
//!
//! # Rows and columns
//!
//! Rows are numbered as the user's spreadsheet shows them (1-based): for CSV,
//! every line break outside a quoted cell starts a row, whether it is CR, LF
//! or CRLF, and blank lines count; a line break inside a quoted cell does
//! not. For XLSX, row and column numbers are the sheet's own (title rows
//! above a table keep their numbers; a table that starts in column C has two
//! empty cells before it).
//!
//! # Formulas in CSV
//!
//! A spreadsheet opening a CSV file reads a cell that begins with `=`, `+`,
//! `-` or `@` as a formula (`=cmd|' /C calc'!A0`, `=HYPERLINK(…)`), and tab,
//! carriage return and line feed can hide such a start. As OWASP recommends
//! (<https://owasp.org/www-community/attacks/CSV_Injection>), every CSV the
//! program writes puts a single quote `'` before a cell that begins with one
//! of `= + - @`, tab, CR or LF, and quotes every non-empty cell (`"…"`, a
//! `"` inside doubled), so no separator or quote in a value can start a new
//! cell. So that reading the file back is exact, a cell that begins with `'`
//! itself gets one more `'` in front. Reading a CSV reverses this: one
//! leading `'` is removed when the next character is one of those seven or
//! `'`. `@maintainer` is written `'@maintainer` and read as `@maintainer`;
//! `'quoted` is written `''quoted` and read as `'quoted`; `'plain` written
//! by hand is read as it is. XLSX needs none of this: cells are written as
//! strings, which a spreadsheet never evaluates.

use std::borrow::Cow;
use std::io::{Cursor, Read};

/// Largest spreadsheet file read, in bytes (CSV or XLSX, before
/// decompression): 16 MiB, the loader's limit for content files.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;
/// Largest total size of an XLSX file's parts once decompressed, in bytes:
/// 64 MiB, room for a sheet of [`MAX_CELLS`] cells.
pub const MAX_UNZIPPED_BYTES: u64 = 64 * 1024 * 1024;
/// Highest row number read (a register or requirements list is far shorter).
pub const MAX_ROWS: u32 = 100_000;
/// Highest column number read (column GR).
pub const MAX_COLUMNS: u32 = 200;
/// Most cells read from one sheet, and most strings an XLSX file may declare.
pub const MAX_CELLS: u64 = 1_000_000;

/// The limits a reading stays within. [`Limits::DEFAULT`] holds the
/// constants above; tests and the fuzz target use smaller ones.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Limits {
    pub file_bytes: u64,
    pub unzipped_bytes: u64,
    pub rows: u32,
    pub columns: u32,
    pub cells: u64,
}

impl Limits {
    pub const DEFAULT: Limits = Limits {
        file_bytes: MAX_FILE_BYTES,
        unzipped_bytes: MAX_UNZIPPED_BYTES,
        rows: MAX_ROWS,
        columns: MAX_COLUMNS,
        cells: MAX_CELLS,
    };

    /// 「上限は 100,000 行 × 200 列です」
    fn shape(&self) -> String {
        format!(
            "上限は {} 行 × {} 列です",
            thousands(u64::from(self.rows)),
            thousands(u64::from(self.columns))
        )
    }
}

impl Default for Limits {
    fn default() -> Self {
        Limits::DEFAULT
    }
}

/// A row as read: (row number as the spreadsheet shows it, cells). Every
/// reader in this module returns rows this way, and every message about a
/// row uses that number.
pub type Row = (usize, Vec<String>);

/// Rows as read, in order (blank rows left out, numbers kept).
pub type Rows = Vec<Row>;

/// `1234567` as `1,234,567`.
fn thousands(n: impl Into<u128>) -> String {
    let n: u128 = n.into();
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// A limit in bytes as the user reads it, in MiB as well when it is a whole
/// number of them: `16 MiB（16,777,216 バイト）`.
fn size_label(n: u64) -> String {
    if n >= 1024 * 1024 && n.is_multiple_of(1024 * 1024) {
        format!(
            "{} MiB（{} バイト）",
            thousands(n / (1024 * 1024)),
            thousands(n)
        )
    } else {
        format!("{} バイト", thousands(n))
    }
}

/// A cell's name as a spreadsheet shows it: `(0, 0)` is `A1`.
fn cell_name(row: u32, column: u32) -> String {
    let mut letters = Vec::new();
    let mut c = u64::from(column) + 1;
    while c > 0 {
        c -= 1;
        letters.push(b'A' + (c % 26) as u8);
        c /= 26;
    }
    letters.reverse();
    format!(
        "{}{}",
        String::from_utf8(letters).unwrap_or_default(),
        u64::from(row) + 1
    )
}

/// Refuses a file of `size` bytes over [`MAX_FILE_BYTES`], before it is read
/// (the command line asks this of the file's metadata).
pub fn check_file_size(size: u64) -> Result<(), String> {
    if size > Limits::DEFAULT.file_bytes {
        Err(too_large(size, &Limits::DEFAULT))
    } else {
        Ok(())
    }
}

fn too_large(size: u64, limits: &Limits) -> String {
    format!(
        "ファイルが大きすぎます（{} バイト）。上限は {}です",
        thousands(size),
        size_label(limits.file_bytes)
    )
}

fn too_many_cells(limits: &Limits) -> String {
    format!(
        "セルが多すぎます。上限は 1 シート {} セルです",
        thousands(limits.cells)
    )
}

// ---------------------------------------------------------------- CSV cells

/// The first characters that make a spreadsheet read a CSV cell as a formula
/// (OWASP's list: `=`, `+`, `-`, `@`, tab, carriage return, line feed).
pub const FORMULA_START: [char; 7] = ['=', '+', '-', '@', '\t', '\r', '\n'];

fn needs_quote_prefix(cell: &str) -> bool {
    cell.starts_with(FORMULA_START) || cell.starts_with('\'')
}

/// A cell as written to CSV: a `'` in front when it begins with one of
/// [`FORMULA_START`] or with `'` (see the module doc).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if needs_quote_prefix(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// The reverse of [`neutralise`]: `restore(&neutralise(x)) == x` for every `x`.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if needs_quote_prefix(rest) => rest,
        _ => cell,
    }
}

/// CSV bytes as Excel in Japan opens them: UTF-8 with a BOM, CRLF after
/// every row, every non-empty cell neutralised and quoted.
pub fn to_csv(rows: &[Vec<String>]) -> Vec<u8> {
    let mut out = b"\xEF\xBB\xBF".to_vec();
    for row in rows {
        for (i, cell) in row.iter().enumerate() {
            if i > 0 {
                out.push(b',');
            }
            if !cell.is_empty() {
                out.push(b'"');
                out.extend(neutralise(cell).replace('"', "\"\"").as_bytes());
                out.push(b'"');
            }
        }
        out.extend(b"\r\n");
    }
    out
}

/// Rows as read, as a sheet to write again: an empty row for each number
/// skipped (blank lines), so every row keeps the number it had.
pub fn with_blank_rows(rows: &[Row]) -> Vec<Vec<String>> {
    let mut sheet = Vec::new();
    for (number, cells) in rows {
        while sheet.len() + 1 < *number {
            sheet.push(Vec::new());
        }
        sheet.push(cells.clone());
    }
    sheet
}

// ---------------------------------------------------------------- reading

/// Text as UTF-8: a BOM is removed; bytes that are not UTF-8 are read as
/// Shift_JIS (cp932), the encoding Excel in Japan saves CSV in.
pub fn decode(bytes: &[u8]) -> Result<String, String> {
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(s) = std::str::from_utf8(body) {
        return Ok(s.to_owned());
    }
    let (text, _, had_errors) = encoding_rs::SHIFT_JIS.decode(body);
    if had_errors {
        return Err("UTF-8 としても Shift_JIS としても読めません".into());
    }
    Ok(text.into_owned())
}

/// Line breaks in `bytes` as a spreadsheet counts rows: CRLF, CR and LF are
/// one each.
fn line_breaks(bytes: &[u8]) -> usize {
    let mut n = 0;
    let mut after_cr = false;
    for &b in bytes {
        match b {
            b'\r' => n += 1,
            b'\n' if !after_cr => n += 1,
            _ => {}
        }
        after_cr = b == b'\r';
    }
    n
}

/// The cells of a CSV text, row by row, within [`Limits::DEFAULT`].
pub fn csv_rows(text: &str) -> Result<Rows, String> {
    csv_rows_within(text, &Limits::DEFAULT)
}

/// The cells of a CSV text, row by row, numbered as a spreadsheet shows them
/// (see the module doc), each cell [`restore`]d.
pub fn csv_rows_within(text: &str, limits: &Limits) -> Result<Rows, String> {
    if text.len() as u64 > limits.file_bytes {
        return Err(too_large(text.len() as u64, limits));
    }
    read_csv(text, limits)
}

/// [`csv_rows_within`] once the file's size is known to be within the limit
/// (decoded from Shift_JIS, the text may be half as large again as the file).
fn read_csv(text: &str, limits: &Limits) -> Result<Rows, String> {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let raw = text.as_bytes();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(raw);
    let mut out = Vec::new();
    let mut cells = 0u64;
    // The row of the previous record, where it started, and the line breaks
    // inside its quoted cells (which do not start rows).
    let (mut row, mut start, mut inner) = (1usize, 0usize, 0usize);
    for record in reader.records() {
        let record = record.map_err(|e| format!("CSV として読めません: {e}"))?;
        // The csv crate gives the position where it began looking for this
        // record: after the first byte of the previous one's line break. The
        // record itself starts after the rest of that break and any blank
        // lines (a record cannot begin with CR or LF outside quotes).
        let from = record
            .position()
            .map_or(start, |p| (p.byte() as usize).min(raw.len()));
        let at = from
            + raw[from..]
                .iter()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        row += line_breaks(&raw[start.min(at)..at]).saturating_sub(inner);
        start = at;
        inner = record.iter().map(|f| line_breaks(f.as_bytes())).sum();
        if row > limits.rows as usize {
            return Err(format!(
                "{} 行目は上限を超えています。{}",
                thousands(row as u64),
                limits.shape()
            ));
        }
        if record.len() > limits.columns as usize {
            return Err(format!(
                "{row} 行目の列が多すぎます（{} 列）。{}",
                thousands(record.len() as u64),
                limits.shape()
            ));
        }
        cells += record.len() as u64;
        if cells > limits.cells {
            return Err(too_many_cells(limits));
        }
        out.push((row, record.iter().map(|c| restore(c).to_owned()).collect()));
    }
    Ok(out)
}

/// Counts what passes through, so a part's real decompressed size is known.
struct Counted<R> {
    inner: R,
    read: u64,
}

impl<R: Read> Read for Counted<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read += n as u64;
        Ok(n)
    }
}

/// Refuses a shared-strings part that declares more strings than
/// `limits.cells` on its `<sst>` element: calamine reserves room for that
/// many before reading one. The XML is read as calamine reads it (same
/// quick-xml, same settings); the first digits after each `uniqueCount` are
/// checked, which covers every value calamine could take.
fn check_shared_strings(part: impl std::io::BufRead, limits: &Limits) -> Result<(), String> {
    use quick_xml::events::Event;
    let mut xml = quick_xml::Reader::from_reader(part);
    let config = xml.config_mut();
    config.check_end_names = false;
    config.trim_text(false);
    config.check_comments = false;
    config.expand_empty_elements = true;
    let mut buf = Vec::new();
    loop {
        buf.clear();
        match xml.read_event_into(&mut buf) {
            Ok(Event::Start(e) | Event::Empty(e)) if e.local_name().as_ref() == "sst" => {
                let attrs = e.attributes_raw();
                for (i, _) in attrs.match_indices("uniqueCount") {
                    let value = attrs[i + "uniqueCount".len()..]
                        .trim_start_matches(|c: char| c.is_whitespace() || "=\"'".contains(c))
                        .trim_start_matches('0');
                    let digits = value.bytes().take_while(u8::is_ascii_digit).count();
                    let n = value[..digits].parse::<u128>().unwrap_or(u128::MAX);
                    if digits > 0 && n > u128::from(limits.cells) {
                        return Err(format!(
                            "共有文字列の数 {} が多すぎます。上限は {} 個です",
                            if digits > 30 {
                                format!("（{digits} 桁の数）")
                            } else {
                                thousands(n)
                            },
                            thousands(u128::from(limits.cells))
                        ));
                    }
                }
            }
            Ok(Event::Eof) | Err(_) => return Ok(()),
            _ => {}
        }
    }
}

/// A part's name in the archive, for messages and to find shared strings.
fn part_name<R: Read + ?Sized>(part: &zip::read::ZipFile<'_, R>) -> String {
    part.name().map_or_else(
        |_| String::from_utf8_lossy(part.name_raw()).into_owned(),
        Cow::into_owned,
    )
}

/// The ZIP container of an XLSX file, checked before calamine opens it: the
/// declared sizes from the central directory, then every part decompressed
/// with a hard cap on the total, so a part is never trusted to be as large
/// as it says (the zip crate also stops reading a part at its declared
/// size). A part whose method this build cannot decompress, or that is
/// encrypted, is passed over: calamine cannot read it either. A part that
/// breaks off while decompressing makes the file unreadable.
fn check_zip(bytes: &[u8], limits: &Limits) -> Result<(), String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| format!("XLSX（ZIP）として読めません: {e}"))?;
    let unzipped = |name: &str| {
        format!(
            "展開すると大きすぎます（{name}）。上限は展開後の合計 {}です",
            size_label(limits.unzipped_bytes)
        )
    };
    let mut declared = 0u64;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index_raw(i) else {
            continue;
        };
        declared = declared.saturating_add(part.size());
        if declared > limits.unzipped_bytes {
            return Err(unzipped(&part_name(&part)));
        }
    }
    let mut budget = limits.unzipped_bytes;
    for i in 0..zip.len() {
        let Ok(part) = zip.by_index(i) else {
            continue;
        };
        let name = part_name(&part);
        let mut counted = Counted {
            inner: part.take(budget + 1),
            read: 0,
        };
        if name
            .replace('\\', "/")
            .to_ascii_lowercase()
            .ends_with("sharedstrings.xml")
        {
            check_shared_strings(std::io::BufReader::new(&mut counted), limits)?;
        }
        let drained = std::io::copy(&mut counted, &mut std::io::sink());
        if counted.read > budget {
            return Err(unzipped(&name));
        }
        if let Err(e) = drained {
            return Err(format!("XLSX の {name} を展開できません: {e}"));
        }
        budget -= counted.read;
    }
    Ok(())
}

/// A cell's value as text: whole numbers without a decimal point, dates and
/// times as [`excel_date_text`] writes them.
fn cell_text(value: &calamine::DataRef<'_>) -> String {
    match calamine::Data::from(value.clone()) {
        calamine::Data::Empty => String::new(),
        calamine::Data::Float(f) if f.fract() == 0.0 => format!("{f:.0}"),
        calamine::Data::DateTime(d) if d.is_datetime() => excel_date_text(&d),
        other => other.to_string(),
    }
}

/// A cell Excel shows as a date or a time (a number of days with a date
/// format; calamine gives the number, `46357`, which nobody would
/// recognise): `2026-12-01`, `2026-12-01 09:30`, or `09:30` for a time of
/// day alone.
fn excel_date_text(d: &calamine::ExcelDateTime) -> String {
    // Outside Excel's dates (it shows ##### for them), the number as it is.
    let value = d.as_f64();
    if !(0.0..2_958_466.0).contains(&value) {
        return calamine::Data::Float(value).to_string();
    }
    let (year, month, day, hour, minute, second, _) = d.to_ymd_hms_milli();
    let time = match (hour, minute, second) {
        (0, 0, 0) => None,
        (h, m, 0) => Some(format!("{h:02}:{m:02}")),
        (h, m, s) => Some(format!("{h:02}:{m:02}:{s:02}")),
    };
    if value < 1.0 {
        return time.unwrap_or_else(|| "00:00".to_owned());
    }
    let date = format!("{year:04}-{month:02}-{day:02}");
    match time {
        Some(t) => format!("{date} {t}"),
        None => date,
    }
}

/// The cells of the first worksheet of an XLSX file, within [`Limits::DEFAULT`].
pub fn xlsx_rows(bytes: &[u8]) -> Result<Rows, String> {
    xlsx_rows_within(bytes, &Limits::DEFAULT)
}

/// The cells of the first worksheet of an XLSX file: every row from the
/// first with a value to the last, each from column A to the last column
/// with a value, numbered as the sheet numbers them.
pub fn xlsx_rows_within(bytes: &[u8], limits: &Limits) -> Result<Rows, String> {
    use calamine::{DataRef, Reader, Xlsx, XlsxError};
    if bytes.len() as u64 > limits.file_bytes {
        return Err(too_large(bytes.len() as u64, limits));
    }
    check_zip(bytes, limits)?;
    let not_xlsx = |e: XlsxError| format!("XLSX として読めません: {e}");
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(not_xlsx)?;
    let Some(name) = book.sheet_names().first().cloned() else {
        return Err("ワークシートがありません".into());
    };
    let mut sheet = match book.worksheet_cells_reader(&name) {
        Ok(sheet) => sheet,
        // A chart sheet first: no cells, as calamine's own range reader says.
        Err(XlsxError::NotAWorksheet(_)) => return Ok(Vec::new()),
        Err(e) => return Err(not_xlsx(e)),
    };
    let outside = |row: u32, column: u32| row >= limits.rows || column >= limits.columns;
    let dim = sheet.dimensions();
    if outside(dim.end.0, dim.end.1) {
        return Err(format!(
            "シートの範囲が {}:{} まであると書かれていて、大きすぎます。{}",
            cell_name(dim.start.0, dim.start.1),
            cell_name(dim.end.0, dim.end.1),
            limits.shape()
        ));
    }
    let mut cells: Vec<(u32, u32, String)> = Vec::new();
    let mut seen = 0u64;
    while let Some(cell) = sheet.next_cell().map_err(not_xlsx)? {
        seen += 1;
        if seen > limits.cells {
            return Err(too_many_cells(limits));
        }
        if matches!(cell.get_value(), DataRef::Empty) {
            continue;
        }
        let (row, column) = cell.get_position();
        if outside(row, column) {
            return Err(format!(
                "セル {} は読める範囲の外にあります。{}",
                cell_name(row, column),
                limits.shape()
            ));
        }
        cells.push((row, column, cell_text(cell.get_value())));
    }
    let Some(first) = cells.iter().map(|c| c.0).min() else {
        return Ok(Vec::new());
    };
    let last = cells.iter().map(|c| c.0).max().unwrap_or(first);
    let width = cells.iter().map(|c| c.1).max().unwrap_or(0) + 1;
    // Both factors are within the limits checked above, so this cannot overflow.
    if u64::from(last - first + 1) * u64::from(width) > limits.cells {
        return Err(too_many_cells(limits));
    }
    let mut rows: Rows = (first..=last)
        .map(|r| (r as usize + 1, vec![String::new(); width as usize]))
        .collect();
    for (row, column, text) in cells {
        rows[(row - first) as usize].1[column as usize] = text;
    }
    Ok(rows)
}

/// The rows of a spreadsheet file within [`Limits::DEFAULT`]: XLSX when
/// `file_name` ends in `.xlsx`, otherwise CSV in UTF-8 (with or without BOM)
/// or Shift_JIS.
pub fn sheet_rows(file_name: &str, bytes: &[u8]) -> Result<Rows, String> {
    sheet_rows_within(file_name, bytes, &Limits::DEFAULT)
}

/// [`sheet_rows`] within `limits`.
pub fn sheet_rows_within(file_name: &str, bytes: &[u8], limits: &Limits) -> Result<Rows, String> {
    if bytes.len() as u64 > limits.file_bytes {
        return Err(too_large(bytes.len() as u64, limits));
    }
    if file_name.to_ascii_lowercase().ends_with(".xlsx") {
        xlsx_rows_within(bytes, limits)
    } else {
        decode(bytes).and_then(|t| read_csv(&t, limits))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_times_excel_shows_read_as_excel_shows_them() {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        let date = Format::new().set_num_format("yyyy/m/d");
        let stamp = Format::new().set_num_format("yyyy/m/d h:mm");
        let clock = Format::new().set_num_format("h:mm");
        let cells = [
            (ExcelDateTime::from_ymd(2026, 12, 1).unwrap(), &date),
            (
                ExcelDateTime::from_ymd(2026, 11, 30)
                    .unwrap()
                    .and_hms(9, 30, 0)
                    .unwrap(),
                &stamp,
            ),
            (ExcelDateTime::from_hms(17, 5, 0).unwrap(), &clock),
            (ExcelDateTime::from_ymd(2028, 2, 29).unwrap(), &date),
        ];
        for (c, (value, format)) in cells.iter().enumerate() {
            sheet
                .write_datetime_with_format(0, c as u16, value, format)
                .unwrap();
        }
        sheet.write_number(0, 4, 46357.0).unwrap();
        sheet.write_string(0, 5, "2026/12/1").unwrap();
        // Numbers with a date format that are no date Excel can show.
        sheet.write_number_with_format(0, 6, -5.0, &date).unwrap();
        sheet.write_number_with_format(0, 7, 1e9, &date).unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let rows = xlsx_rows(&bytes).unwrap();
        assert_eq!(
            rows[0].1,
            [
                "2026-12-01",
                "2026-11-30 09:30",
                "17:05",
                "2028-02-29",
                // A number without a date format stays a number, a date
                // typed as text stays as typed.
                "46357",
                "2026/12/1",
                "-5",
                "1000000000"
            ]
        );
    }

    #[test]
    fn names_and_numbers_as_the_user_reads_them() {
        assert_eq!(cell_name(0, 0), "A1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(cell_name(9, 26), "AA10");
        assert_eq!(thousands(100_000u32), "100,000");
        assert_eq!(thousands(999u32), "999");
        assert_eq!(size_label(MAX_FILE_BYTES), "16 MiB（16,777,216 バイト）");
        assert_eq!(size_label(1000), "1,000 バイト");
        assert_eq!(Limits::DEFAULT.shape(), "上限は 100,000 行 × 200 列です");
    }

    #[test]
    fn line_breaks_count_as_spreadsheet_rows() {
        assert_eq!(line_breaks(b"a\r\nb\rc\nd"), 3);
        assert_eq!(line_breaks(b"\r\r\n\n"), 3);
        assert_eq!(line_breaks(b""), 0);
    }

    #[test]
    fn neutralise_and_restore_are_inverse() {
        for (cell, written) in [
            ("=cmd|' /C calc'!A0", "'=cmd|' /C calc'!A0"),
            ("+81", "'+81"),
            ("-1", "'-1"),
            ("@maintainer", "'@maintainer"),
            ("\tx", "'\tx"),
            ("\rx", "'\rx"),
            ("\nx", "'\nx"),
            ("'quoted", "''quoted"),
            ("''", "'''"),
            ("'", "''"),
            ("plain", "plain"),
            ("a=b", "a=b"),
            ("", ""),
            ("＝全角", "＝全角"),
        ] {
            assert_eq!(neutralise(cell), written, "{cell:?}");
            assert_eq!(restore(written), cell, "{written:?}");
        }
        // Written by hand: a quote before ordinary text stays.
        assert_eq!(restore("'plain"), "'plain");
    }
}
