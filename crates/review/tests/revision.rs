//! 新旧対照表 between two releases: the rows are the changed items and
//! entries, and the marks sit on the changed passages, in DOCX and XLSX.

use std::io::Read;

use sc3_review::revision::{docx, tables, xlsx};

const BEFORE: &str = "[guideline]\nid = \"base\"\nversion = \"1\"\ntitle = \"基本\"\n\n[[item]]\nid = \"k-1\"\ntitle = \"体制を定める\"\n\n[[item]]\nid = \"k-2\"\ntitle = \"パスワードは8文字以上にする\"\n\n[[item]]\nid = \"k-3\"\ntitle = \"事故に備える\"\n";

fn repos() -> (sc3_model::Repository, sc3_model::Repository) {
    let after = BEFORE
        .replace("8文字以上", "10文字以上")
        .replace("事故に備える", "事故と災害に備える");
    let a = sc3_model::load_from_memory([("guidelines/base/1.toml", BEFORE.as_bytes())]).repo;
    let b = sc3_model::load_from_memory([("guidelines/base/1.toml", after.as_bytes())]).repo;
    (a, b)
}

fn document_xml(bytes: &[u8]) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut s = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut s)
        .unwrap();
    s
}

/// The texts of the underlined runs of a document.xml, in order.
fn underlined(xml: &str) -> Vec<String> {
    let mut out = Vec::new();
    for run in xml.split("<w:r>").skip(1) {
        let run = run.split("</w:r>").next().unwrap();
        if run.contains("<w:u w:val=\"single\"") {
            let text = run
                .split("<w:t xml:space=\"preserve\">")
                .nth(1)
                .and_then(|t| t.split("</w:t>").next())
                .unwrap_or("");
            out.push(text.to_owned());
        }
    }
    out
}

#[test]
fn rows_are_the_changed_items_and_marks_sit_on_the_changed_passages() {
    let (before, after) = repos();
    let t = tables(&before, &after);
    assert_eq!(t.len(), 1);
    let labels: Vec<&str> = t[0].rows.iter().map(|r| r.label.as_str()).collect();
    assert_eq!(labels, ["k-2", "k-3"], "unchanged k-1 is not a row");
    let xml = document_xml(&docx(&t, "新旧対照表").unwrap());
    assert!(xml.contains("<w:tbl>"), "a real table");
    // k-2: 10 (after) and 8 (before); k-3: と災害 (after), nothing (before).
    assert_eq!(underlined(&xml), ["10", "8", "と災害"]);
    assert!(xml.contains("改正後") && xml.contains("改正前"));
}

#[test]
fn the_xlsx_has_a_sheet_per_table_with_both_texts() {
    use calamine::{Reader, Xlsx};
    let (before, after) = repos();
    let bytes = xlsx(&tables(&before, &after)).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let names = book.sheet_names();
    assert_eq!(names, ["1 base@1"]);
    let range = book.worksheet_range("1 base@1").unwrap();
    let cell = |r: u32, c: u32| {
        range
            .get_value((r, c))
            .map(|v| v.to_string())
            .unwrap_or_default()
    };
    assert_eq!(
        (cell(2, 1), cell(2, 2)),
        ("改正後".to_owned(), "改正前".to_owned())
    );
    assert_eq!(cell(3, 0), "k-2");
    assert_eq!(cell(3, 1), "パスワードは10文字以上にする");
    assert_eq!(cell(3, 2), "パスワードは8文字以上にする");
}

#[test]
#[ignore = "needs LibreOffice and poppler-utils; .ci/run runs it"]
fn libreoffice_opens_the_docx_and_the_pdf_has_the_rows() {
    let (before, after) = repos();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("table.docx");
    std::fs::write(&file, docx(&tables(&before, &after), "新旧対照表").unwrap()).unwrap();
    let pdf = sc3_readers::convert(&file, "pdf").run(dir.path());
    let text = sc3_readers::pdftotext(&pdf, false);
    // pdftotext puts a space between runs of different styles (the marks).
    let text: String = text.chars().filter(|c| *c != ' ').collect();
    for want in [
        "改正後",
        "改正前",
        "k-2",
        "パスワードは10文字以上にする",
        "事故と災害に備える",
    ] {
        assert!(text.contains(want), "{want} in\n{text}");
    }
}
