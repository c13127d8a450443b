//! The DOCX writer's structure (issue 15): each numbered list restarts at 1,
//! Markdown tables are Word tables, chapters and clause titles are
//! headings, and the company name is held once and bound everywhere.
//! `crates/site/tests/kit_office.rs` checks the same in LibreOffice.

use std::io::Read;

use sc3_toolkit::docx::{
    COMPANY_NAMESPACE, COMPANY_STORE_ITEM, DocxOptions, markdown_to_docx_with,
};

const MD: &str = "# 情報セキュリティ関連規程\n\n**A&#45;B社**\n\n## 役割と担当者\n\n| 役割 | 担当者 |\n| --- | --- |\n| 情報セキュリティ責任者 | 代表 |\n\n## 第1章 組織的対策\n\n<a id=\"clause-1.1\"></a>\n**第1.1条（目的）**\n\nA-B社は次を行う。\n\n1. 一つ目\n2. A-B社の二つ目\n\n<a id=\"clause-1.2\"></a>\n**第1.2条（範囲）**\n\n1. 三つ目ではなく一つ目\n\n- 箇条書き\n";

fn part(docx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn lists_restart_tables_are_tables_and_the_name_is_bound() {
    let docx = markdown_to_docx_with(
        MD,
        &DocxOptions {
            company: Some("A&#45;B社"),
        },
    )
    .unwrap();
    let numbering = part(&docx, "word/numbering.xml");
    // Two numbered lists, each its own instance starting over at 1; the
    // bulleted list needs none.
    assert_eq!(
        numbering.matches("<w:startOverride w:val=\"1\" />").count(),
        2,
        "{numbering}"
    );
    let document = part(&docx, "word/document.xml");
    assert_eq!(document.matches("<w:tbl>").count(), 1);
    assert!(document.contains("情報セキュリティ責任者</w:t></w:r></w:p></w:tc>"));
    assert_eq!(
        document.matches("<w:pStyle w:val=\"Heading1\" />").count(),
        2
    );
    assert_eq!(
        document.matches("<w:pStyle w:val=\"Heading2\" />").count(),
        2
    );
    // The name, decoded, in three content controls bound to one part.
    assert_eq!(document.matches("<w:sdt>").count(), 3);
    assert_eq!(
        document
            .matches(&format!("w:storeItemID=\"{{{COMPANY_STORE_ITEM}}}\""))
            .count(),
        3
    );
    assert_eq!(document.matches("<w:text />").count(), 3);
    assert!(!document.contains("&amp;#45;"));
    let item = part(&docx, "customXml/item1.xml");
    assert!(item.contains(COMPANY_NAMESPACE), "{item}");
    assert!(item.contains(">A-B社</c:company>"), "{item}");
}

#[test]
fn without_a_company_nothing_is_bound() {
    let docx = markdown_to_docx_with(MD, &DocxOptions::default()).unwrap();
    assert!(!part(&docx, "word/document.xml").contains("<w:sdt>"));
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    assert!(zip.by_name("customXml/item1.xml").is_err());
}
