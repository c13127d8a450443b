//! Reading spreadsheets within limits (`sc3_toolkit::sheet`): hostile XLSX
//! files built here with the zip crate (a declared range of a million rows,
//! cells at XFD1048576, a ZIP bomb, a part that expands beyond what it
//! declares, a shared-string count of 2^64, more cells than allowed) and
//! hostile CSV. Each must be refused with a Japanese message naming the
//! limit, before anything of that size is allocated; normal files still read.

use std::io::Write;

use sc3_toolkit::sheet::{self, Limits};
use zip::write::SimpleFileOptions;

const NS: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

/// The parts of a one-sheet workbook around `sheet_xml`, plus `extra` parts.
fn parts(sheet_xml: &str, shared: Option<&str>) -> Vec<(String, Vec<u8>)> {
    let shared_rel = if shared.is_some() {
        format!(
            "<Relationship Id=\"rId2\" Type=\"{REL}/sharedStrings\" Target=\"sharedStrings.xml\"/>"
        )
    } else {
        String::new()
    };
    let mut v = vec![
        (
            "[Content_Types].xml".to_owned(),
            "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"xml\" ContentType=\"application/xml\"/></Types>".as_bytes().to_vec(),
        ),
        (
            "_rels/.rels".to_owned(),
            format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{REL}/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>").into_bytes(),
        ),
        (
            "xl/workbook.xml".to_owned(),
            format!("<?xml version=\"1.0\"?><workbook xmlns=\"{NS}\" xmlns:r=\"{REL}\"><sheets><sheet name=\"台帳\" sheetId=\"1\" r:id=\"rId1\"/></sheets></workbook>").into_bytes(),
        ),
        (
            "xl/_rels/workbook.xml.rels".to_owned(),
            format!("<?xml version=\"1.0\"?><Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"{REL}/worksheet\" Target=\"worksheets/sheet1.xml\"/>{shared_rel}</Relationships>").into_bytes(),
        ),
        ("xl/worksheets/sheet1.xml".to_owned(), sheet_xml.as_bytes().to_vec()),
    ];
    if let Some(s) = shared {
        v.push(("xl/sharedStrings.xml".to_owned(), s.as_bytes().to_vec()));
    }
    v
}

/// A ZIP of `parts`, deflated.
fn zip_of(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    for (name, bytes) in parts {
        w.start_file(name.as_str(), options).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap().into_inner()
}

/// A worksheet with `dimension` (if any) and cells given as (reference, inline text).
fn sheet_xml(dimension: Option<&str>, cells: &[(&str, &str)]) -> String {
    let mut x = format!("<?xml version=\"1.0\"?><worksheet xmlns=\"{NS}\">");
    if let Some(d) = dimension {
        x.push_str(&format!("<dimension ref=\"{d}\"/>"));
    }
    x.push_str("<sheetData>");
    for (r, text) in cells {
        x.push_str(&format!(
            "<row><c r=\"{r}\" t=\"inlineStr\"><is><t>{text}</t></is></c></row>"
        ));
    }
    x.push_str("</sheetData></worksheet>");
    x
}

fn xlsx(dimension: Option<&str>, cells: &[(&str, &str)]) -> Vec<u8> {
    zip_of(&parts(&sheet_xml(dimension, cells), None))
}

#[test]
fn a_normal_sheet_reads_with_the_sheets_own_row_and_column_numbers() {
    // A title in A1, the table from C3: rows keep their numbers, cells start
    // at column A.
    let bytes = xlsx(
        Some("A1:D4"),
        &[
            ("A1", "台帳"),
            ("C3", "名称"),
            ("D3", "機密性"),
            ("C4", "図面"),
            ("D4", "3"),
        ],
    );
    let rows = sheet::xlsx_rows(&bytes).unwrap();
    assert_eq!(
        rows,
        [
            (
                1,
                vec!["台帳".into(), String::new(), String::new(), String::new()]
            ),
            (2, vec![String::new(); 4]),
            (
                3,
                vec![String::new(), String::new(), "名称".into(), "機密性".into()]
            ),
            (
                4,
                vec![String::new(), String::new(), "図面".into(), "3".into()]
            ),
        ]
    );
}

#[test]
fn a_declared_range_of_the_whole_sheet_is_refused() {
    // The reported file: cells A1 and XFD1048576, and the range they declare.
    let bytes = xlsx(Some("A1:XFD1048576"), &[("A1", "a"), ("XFD1048576", "b")]);
    assert!(bytes.len() < 2_000, "{} bytes", bytes.len());
    let e = sheet::xlsx_rows(&bytes).unwrap_err();
    assert_eq!(
        e,
        "シートの範囲が A1:XFD1048576 まであると書かれていて、大きすぎます。上限は 100,000 行 × 200 列です"
    );
    // The same cells without the declaration: refused at the far cell.
    let e = sheet::xlsx_rows(&xlsx(None, &[("A1", "a"), ("XFD1048576", "b")])).unwrap_err();
    assert_eq!(
        e,
        "セル XFD1048576 は読める範囲の外にあります。上限は 100,000 行 × 200 列です"
    );
    // Through the entry point the commands use, by file name.
    let e = sheet::sheet_rows("台帳.XLSX", &bytes).unwrap_err();
    assert!(e.contains("上限は 100,000 行 × 200 列です"), "{e}");
}

#[test]
fn two_cells_far_apart_make_too_large_a_table() {
    // Both inside 100,000 × 200, but the table between them would be 20
    // million cells.
    let e = sheet::xlsx_rows(&xlsx(None, &[("A1", "a"), ("GR100000", "b")])).unwrap_err();
    assert_eq!(e, "セルが多すぎます。上限は 1 シート 1,000,000 セルです");
    // At the edge itself it reads: GR is column 200, row 100,000 is allowed.
    let rows = sheet::xlsx_rows(&xlsx(None, &[("GR99996", "a"), ("GR100000", "b")])).unwrap();
    assert_eq!(rows.len(), 5);
    assert_eq!(rows[4].0, 100_000);
    assert_eq!(rows[4].1.len(), 200);
    assert_eq!(rows[4].1[199], "b");
}

#[test]
fn many_tiny_cells_beyond_the_limit_are_refused() {
    let limits = Limits {
        cells: 1_000,
        ..Limits::DEFAULT
    };
    let names: Vec<String> = (1..=1_001).map(|r| format!("A{r}")).collect();
    let cells: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "x")).collect();
    let e = sheet::xlsx_rows_within(&xlsx(None, &cells), &limits).unwrap_err();
    assert_eq!(e, "セルが多すぎます。上限は 1 シート 1,000 セルです");
    // Empty cells count too: they cost reading time.
    let mut x = format!("<worksheet xmlns=\"{NS}\"><sheetData><row r=\"1\">");
    for _ in 0..1_001 {
        x.push_str("<c/>");
    }
    x.push_str("</row></sheetData></worksheet>");
    let e = sheet::xlsx_rows_within(&zip_of(&parts(&x, None)), &limits).unwrap_err();
    assert!(e.contains("上限は 1 シート 1,000 セル"), "{e}");
    // 1,000 cells read.
    let rows = sheet::xlsx_rows_within(&xlsx(None, &cells[..1_000]), &limits).unwrap();
    assert_eq!(rows.len(), 1_000);
}

#[test]
fn a_zip_bomb_is_refused_from_its_declared_size() {
    // 4 MB of ZIP would expand to a gigabyte; 65 MiB of spaces inside the
    // worksheet is enough to pass the 64 MiB limit and compresses to 65 KB.
    let mut x = sheet_xml(None, &[("A1", "a")]);
    x.insert_str(
        x.len() - "</worksheet>".len(),
        &" ".repeat(65 * 1024 * 1024),
    );
    let bytes = zip_of(&parts(&x, None));
    assert!(bytes.len() < 1024 * 1024, "{} bytes", bytes.len());
    let e = sheet::xlsx_rows(&bytes).unwrap_err();
    assert_eq!(
        e,
        "展開すると大きすぎます（xl/worksheets/sheet1.xml）。上限は展開後の合計 64 MiB（67,108,864 バイト）です"
    );
}

/// Rewrites the uncompressed size of the part `name` in its local header and
/// in the central directory to `size`.
fn lie_about_size(zip: &mut [u8], name: &str, size: u32) {
    let mut patched = 0;
    // (signature, offset of the uncompressed size, of the name's length, of the name)
    for (signature, field, name_len, name_at) in
        [(b"PK\x03\x04", 22, 26, 30), (b"PK\x01\x02", 24, 28, 46)]
    {
        let mut i = 0;
        while let Some(p) = zip[i..].windows(4).position(|w| w == signature) {
            let at = i + p;
            let len = u16::from_le_bytes([zip[at + name_len], zip[at + name_len + 1]]) as usize;
            if zip.get(at + name_at..at + name_at + len) == Some(name.as_bytes()) {
                zip[at + field..at + field + 4].copy_from_slice(&size.to_le_bytes());
                patched += 1;
            }
            i = at + 4;
        }
    }
    assert_eq!(patched, 2, "the local header and the central directory");
}

#[test]
fn a_part_that_expands_beyond_what_it_declares_is_refused() {
    // Declares 1,000 bytes and holds 65 MiB: reading stops at the declared
    // size, and the part is reported as broken.
    let mut x = sheet_xml(None, &[("A1", "a")]);
    x.insert_str(
        x.len() - "</worksheet>".len(),
        &" ".repeat(65 * 1024 * 1024),
    );
    let mut bytes = zip_of(&parts(&x, None));
    lie_about_size(&mut bytes, "xl/worksheets/sheet1.xml", 1_000);
    let e = sheet::xlsx_rows(&bytes).unwrap_err();
    assert_eq!(
        e,
        "XLSX の xl/worksheets/sheet1.xml を展開できません: File is larger than its declared uncompressed size"
    );
}

#[test]
fn a_shared_string_count_of_two_to_the_64_is_refused() {
    // calamine reserves room for the declared count before reading a string.
    let sheet = format!(
        "<worksheet xmlns=\"{NS}\"><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>0</v></c></row></sheetData></worksheet>"
    );
    for (count, shown) in [
        ("18446744073709551616", "18,446,744,073,709,551,616"),
        (&"9".repeat(40), "（40 桁の数）"),
        ("0000000000000000000000099999999", "99,999,999"),
        ("1000001", "1,000,001"),
    ] {
        let shared = format!(
            "<sst xmlns=\"{NS}\" count=\"1\" uniqueCount=\"{count}\"><si><t>名称</t></si></sst>"
        );
        let e = sheet::xlsx_rows(&zip_of(&parts(&sheet, Some(&shared)))).unwrap_err();
        assert_eq!(
            e,
            format!("共有文字列の数 {shown} が多すぎます。上限は 1,000,000 個です")
        );
    }
    let shared =
        format!("<sst xmlns=\"{NS}\" count=\"1\" uniqueCount=\"1\"><si><t>名称</t></si></sst>");
    let rows = sheet::xlsx_rows(&zip_of(&parts(&sheet, Some(&shared)))).unwrap();
    assert_eq!(rows, [(1, vec!["名称".to_owned()])]);
}

#[test]
fn files_over_the_size_limit_are_refused_unread() {
    let limits = Limits {
        file_bytes: 1_000,
        ..Limits::DEFAULT
    };
    let big = vec![b'a'; 1_001];
    for name in ["x.csv", "x.xlsx"] {
        let e = sheet::sheet_rows_within(name, &big, &limits).unwrap_err();
        assert_eq!(
            e,
            "ファイルが大きすぎます（1,001 バイト）。上限は 1,000 バイトです"
        );
    }
    // The limit is the file's: Shift_JIS just under it decodes to more
    // UTF-8 bytes than the limit, and still reads.
    let text = "台帳,".repeat(199);
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
    assert!(sjis.len() <= 1_000 && text.len() > 1_000);
    let rows = sheet::sheet_rows_within("x.csv", &sjis, &limits).unwrap();
    assert_eq!(rows[0].1.len(), 200);
    let e = sheet::sheet_rows("x.csv", &vec![b','; 16 * 1024 * 1024 + 1]).unwrap_err();
    assert_eq!(
        e,
        "ファイルが大きすぎます（16,777,217 バイト）。上限は 16 MiB（16,777,216 バイト）です"
    );
}

#[test]
fn csv_rows_columns_and_cells_are_bounded() {
    let text = "a\n".repeat(100_001);
    let e = sheet::csv_rows(&text).unwrap_err();
    assert_eq!(
        e,
        "100,001 行目は上限を超えています。上限は 100,000 行 × 200 列です"
    );
    assert_eq!(sheet::csv_rows(&text[2..]).unwrap().len(), 100_000);
    // Blank lines are rows too.
    let e = sheet::csv_rows(&format!("{}a\n", "\r\n".repeat(100_000))).unwrap_err();
    assert!(e.starts_with("100,001 行目"), "{e}");
    let e = sheet::csv_rows(&format!("見出し\n{}\n", ",".repeat(200))).unwrap_err();
    assert_eq!(
        e,
        "2 行目の列が多すぎます（201 列）。上限は 100,000 行 × 200 列です"
    );
    let limits = Limits {
        cells: 10,
        ..Limits::DEFAULT
    };
    let e = sheet::csv_rows_within("a,b,c,d\ne,f,g,h\ni,j,k,l\n", &limits).unwrap_err();
    assert_eq!(e, "セルが多すぎます。上限は 1 シート 10 セルです");
}
