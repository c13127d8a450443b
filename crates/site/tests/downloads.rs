//! The worked example's downloads on hostile input: the register offered as
//! CSV is written again with formula-like cells neutralised (and reads back
//! as the same rows), and the regulations' DOCX holds the company name as
//! written, escaped for XML only.

use std::fs;
use std::io::Read;
use std::path::Path;

use sc3_site::pages::toolkit::{EXAMPLE, example, spec};
use sc3_toolkit::sheet::{FORMULA_START, csv_rows, decode};

const ASSETS: &str = "表題\r\n\r\n業務分類,情報資産名称,機密性,完全性,可用性,脅威の発生頻度,脆弱性\r\n\
=cmd|' /C calc'!A0,\"@SUM(1+1)\",3,2,2,2,3\r\n\
工事,\"-図面\r\n（2行）\",3,3,2,3,3\r\n\r\n\
総務,'台帳,1,1,1,1,1\r\n";

#[test]
fn the_example_downloads_carry_no_formula_and_the_name_as_written() {
    let repo_root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut repo = sc3_model::load(&repo_root).unwrap().repo;
    let spec = spec(&repo_root).unwrap().unwrap();
    // The repository's templates, with an example of our own.
    let tmp = tempfile::tempdir().unwrap();
    let regulations = tmp.path().join("book/regulations");
    fs::create_dir_all(&regulations).unwrap();
    for entry in fs::read_dir(repo_root.join("book/regulations")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), regulations.join(entry.file_name())).unwrap();
    }
    let dir = tmp.path().join(EXAMPLE);
    fs::create_dir_all(&dir).unwrap();
    fs::copy(
        repo_root.join(EXAMPLE).join("diagnosis-honsha.toml"),
        dir.join("diagnosis-honsha.toml"),
    )
    .unwrap();
    fs::write(
        dir.join("company.toml"),
        "name = \"ABC-Tech (Japan) <&\\\"'>\"\n",
    )
    .unwrap();
    let (sjis, _, _) = encoding_rs::SHIFT_JIS.encode(ASSETS);
    fs::write(dir.join("assets.csv"), &sjis).unwrap();
    repo.root = tmp.path().to_path_buf();

    let (pages, files) = example(&repo, &spec, None).unwrap();
    let file = |name: &str| {
        &files
            .iter()
            .find(|(p, _)| p == &format!("tools/example/{name}"))
            .unwrap()
            .1
    };
    // The CSV: UTF-8 now, nothing a spreadsheet would run, the same rows at
    // the same numbers as the file it was made from.
    let csv = file("assets.csv");
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(
        text.contains("\"'=cmd|' /C calc'!A0\",\"'@SUM(1+1)\""),
        "{text}"
    );
    let raw: Vec<String> = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(&csv[3..])
        .records()
        .flat_map(|r| r.unwrap().iter().map(str::to_owned).collect::<Vec<_>>())
        .collect();
    assert!(raw.iter().all(|c| !c.starts_with(FORMULA_START)), "{raw:?}");
    assert_eq!(
        csv_rows(&decode(csv).unwrap()).unwrap(),
        csv_rows(&decode(&sjis).unwrap()).unwrap()
    );
    // The page's table numbers the rows as the spreadsheet does.
    let page = &pages[0].markdown;
    assert!(page.contains("| 4 | &#61;cmd"), "{page}");
    assert!(
        page.contains("| 5 | 工事 | &#45;図面<br>（2行） |"),
        "{page}"
    );
    assert!(page.contains("| 7 | 総務 | &#39;台帳 |"), "{page}");

    // The DOCX: the name in document.xml, escaped for XML and nothing else.
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(file("regulations.docx"))).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    assert!(
        xml.contains(">ABC-Tech (Japan) &lt;&amp;&quot;&apos;&gt;</w:t>"),
        "{}",
        &xml[..2000.min(xml.len())]
    );
    assert!(
        !xml.contains("&amp;#"),
        "a character reference reached Word"
    );
}
