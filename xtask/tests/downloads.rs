//! Files the program writes for people to open, and spreadsheets it reads
//! from them, through the command line: a company's regulations as DOCX keep
//! the company name as written (XML-escaped, not Markdown-escaped), a CSV
//! export has no cell Excel would run and imports back as it was, and a
//! hostile workbook or an oversized file is refused with the limit it hit.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

mod common;
use common::xtask;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The text of each paragraph of a DOCX file (`w:t` runs joined, `w:br` as
/// a line break), read from `word/document.xml`, which must be well-formed.
fn docx_paragraphs(bytes: &[u8]) -> Vec<String> {
    use quick_xml::events::Event;
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut xml = String::new();
    zip.by_name("word/document.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    let mut reader = quick_xml::Reader::from_str(&xml);
    reader.config_mut().check_end_names = true;
    let (mut paragraphs, mut in_text) = (Vec::new(), false);
    loop {
        match reader.read_event().unwrap() {
            Event::Start(e) if e.name().as_ref() == "w:p" => paragraphs.push(String::new()),
            Event::Start(e) if e.name().as_ref() == "w:t" => in_text = true,
            Event::End(e) if e.name().as_ref() == "w:t" => in_text = false,
            Event::Empty(e) if e.name().as_ref() == "w:br" => {
                paragraphs.last_mut().unwrap().push('\n')
            }
            Event::Text(t) if in_text => {
                paragraphs.last_mut().unwrap().push_str(&t.xml10_content())
            }
            Event::GeneralRef(r) if in_text => {
                let c = match r.resolve_char_ref().unwrap() {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_xml_entity(r.as_ref())
                        .unwrap()
                        .to_owned(),
                };
                paragraphs.last_mut().unwrap().push_str(&c);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    paragraphs
}

const NAME: &str = "ABC-Tech (Japan) <&\"'>";

/// Runs `regulation` for a company file with `company_toml` in a temporary
/// folder: the folder and the output prefix (`規程`).
fn regulation(company_toml: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let company = dir.path().join("company.toml");
    fs::write(&company, company_toml).unwrap();
    let out = dir.path().join("規程");
    let root = root();
    let (code, _, stderr) = xtask(&[
        "regulation",
        "--root",
        root.to_str().unwrap(),
        "--company",
        company.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    (dir, out)
}

#[test]
fn the_company_name_reaches_the_docx_as_written() {
    let (_dir, out) = regulation(
        "name = \"ABC-Tech (Japan) <&\\\"'>\"\nestablished = \"2026年*1*月\"\n[roles]\n\"情報セキュリティ責任者\" = \"代表取締役 [山田](javascript:x) | 太郎\"\n",
    );
    let docx = fs::read(out.with_extension("docx")).unwrap();
    let paragraphs = docx_paragraphs(&docx);
    assert_eq!(paragraphs[1], NAME, "{:?}", &paragraphs[..4]);
    assert_eq!(paragraphs[2], "制定日: 2026年*1*月");
    // The roles are a table: role and person each a cell (a paragraph).
    let role = paragraphs
        .iter()
        .position(|p| p == "情報セキュリティ責任者")
        .expect("the role's cell");
    assert_eq!(
        paragraphs[role + 1],
        "代表取締役 [山田](javascript:x) | 太郎",
        "{paragraphs:?}"
    );
    let all = paragraphs.concat();
    for leak in ["&#", "&amp;", "&lt;"] {
        assert!(!all.contains(leak), "{leak} in the text");
    }
    // The Markdown page keeps its escaping: it is read by mdBook, not Word.
    let md = fs::read_to_string(out.with_extension("md")).unwrap();
    assert!(md.contains("**ABC&#45;Tech &#40;Japan&#41; &#60;&#38;&#34;&#39;&#62;**"));
}

/// LibreOffice shows the company name as written, with no entity left.
#[test]
#[ignore = "needs LibreOffice; .ci/run installs it and runs the ignored tests"]
fn libreoffice_shows_the_company_name_as_written() {
    let (dir, out) = regulation("name = \"ABC-Tech (Japan) <&\\\"'>\"\n");
    let docx = out.with_extension("docx");
    let text = sc3_readers::convert(&docx, "txt:Text (encoded):UTF8").run(dir.path());
    let text = fs::read_to_string(text).unwrap();
    assert!(
        text.lines()
            .any(|l| l.trim_start_matches('\u{FEFF}') == NAME),
        "{text}"
    );
    assert!(!text.contains("&#"));
}

#[test]
fn control_characters_never_make_the_docx_invalid() {
    // A bell, an escape and U+FFFF: none may appear in XML 1.0.
    let (_dir, out) = regulation("name = \"制御\\u0007文字\\u001B\\uFFFF社\"\n");
    // docx_paragraphs parses the whole document.xml.
    let paragraphs = docx_paragraphs(&fs::read(out.with_extension("docx")).unwrap());
    assert_eq!(paragraphs[1], "制御\u{FFFD}文字\u{FFFD}\u{FFFD}社");
}

#[test]
fn a_csv_export_runs_no_formula_and_imports_back_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let root = root();
    let (code, _, stderr) = xtask(&[
        "export",
        "--root",
        root.to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        dir.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let csv = dir.path().join("meti-sc_2026--ipa-sme_3.1.csv");
    let text = fs::read_to_string(&csv).unwrap();
    // The maintainer handle, which Excel would read as a formula.
    assert!(
        text.contains("\r\n\"maintainers\",\"'@sc3-guidelines\"\r\n"),
        "{}",
        &text[..300]
    );
    let toml_file = dir.path().join("imported.toml");
    let (code, _, stderr) = xtask(&[
        "import",
        csv.to_str().unwrap(),
        "--out",
        toml_file.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let imported: toml::Table = toml::from_str(&fs::read_to_string(&toml_file).unwrap()).unwrap();
    let original: toml::Table = toml::from_str(
        &fs::read_to_string(root.join("mappings/meti-sc@2026--ipa-sme@3.1.toml")).unwrap(),
    )
    .unwrap();
    assert_eq!(
        imported["crosswalk"]["maintainers"],
        toml::Value::Array(vec!["@sc3-guidelines".into()])
    );
    assert_eq!(imported["map"], original["map"]);
}

/// The formulas in the first worksheet of an XLSX file.
fn formulas(xlsx: &Path) -> usize {
    let mut zip = zip::ZipArchive::new(fs::File::open(xlsx).unwrap()).unwrap();
    let mut xml = String::new();
    zip.by_name("xl/worksheets/sheet1.xml")
        .unwrap()
        .read_to_string(&mut xml)
        .unwrap();
    xml.matches("<f").count()
}

/// LibreOffice evaluates formulas in a CSV file it opens, quoted or not;
/// the cells of a CSV export stay text.
#[test]
#[ignore = "needs LibreOffice; .ci/run installs it and runs the ignored tests"]
fn libreoffice_runs_no_formula_from_a_csv_export() {
    let repo = tempfile::tempdir().unwrap();
    fs::create_dir_all(repo.path().join("mappings")).unwrap();
    fs::write(
        repo.path().join("mappings/a@1--b@1.toml"),
        "[crosswalk]\nsource = \"a@1\"\ntarget = \"b@1\"\nmaintainers = [\"@x\"]\n\n[[map]]\nsource = \"1\"\nrelation = \"partial\"\ntargets = [\"2\"]\nrationale = \"=1+1\"\nmeasure = \"-2+3\"\n\n[[map]]\nsource = \"3\"\nrelation = \"none\"\ntargets = []\nrationale = \"+4*5\"\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = xtask(&[
        "export",
        "--root",
        repo.path().to_str().unwrap(),
        "--format",
        "csv",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    // Such values as a CSV writer without neutralising would write them:
    // LibreOffice runs the two beginning with `=`.
    fs::write(
        out.path().join("control.csv"),
        "\"=1+1\",\"=2*3\",\"-2+3\",\"+4*5\"\r\n",
    )
    .unwrap();
    for name in ["a_1--b_1", "control"] {
        let csv = out.path().join(format!("{name}.csv"));
        sc3_readers::convert(&csv, "xlsx")
            .infilter("CSV:44,34,76,1")
            .run(out.path());
    }
    assert_eq!(
        formulas(&out.path().join("control.xlsx")),
        2,
        "LibreOffice evaluates them"
    );
    assert_eq!(formulas(&out.path().join("a_1--b_1.xlsx")), 0);
}

#[test]
fn a_workbook_that_declares_the_whole_sheet_is_refused_by_risk_and_import() {
    // The reported file: cells A1 and XFD1048576, 1.5 KB, which made
    // calamine allocate 512 GiB and abort.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("台帳.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.write_string(0, 0, "情報資産名称").unwrap();
    sheet.write_string(1_048_575, 16_383, "x").unwrap();
    book.save(&file).unwrap();
    assert!(fs::metadata(&file).unwrap().len() < 10_000);
    let limit = "シートの範囲が A1:XFD1048576 まであると書かれていて、大きすぎます。上限は 100,000 行 × 200 列です";
    let (code, stdout, stderr) = xtask(&["risk", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert_eq!(stderr, format!("エラー: {}: {limit}\n", file.display()));
    let (code, _, stderr) = xtask(&["import", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(stderr, format!("エラー: {}: {limit}\n", file.display()));
}

#[test]
fn a_file_over_16_mib_is_refused_unread() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("台帳.csv");
    // Sparse: nothing is written, and nothing is read.
    fs::File::create(&file)
        .unwrap()
        .set_len(16 * 1024 * 1024 + 1)
        .unwrap();
    let (code, _, stderr) = xtask(&["risk", file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!(
            "エラー: {}: ファイルが大きすぎます（16,777,217 バイト）。上限は 16 MiB（16,777,216 バイト）です\n",
            file.display()
        )
    );
}
