//! The kit's spreadsheet templates (issue 15): the asset register computes
//! in the spreadsheet what `cargo xtask risk` computes, the action plan
//! lists the measures with their clauses, the self-diagnosis sheet scores
//! as `diagnose` does.
//!
//! The tests marked "needs LibreOffice" fill a template with the worked
//! example (`book/toolkit/example/`), have LibreOffice recalculate it
//! headless (`soffice --convert-to xlsx`), read the result back with
//! calamine and compare cell by cell; `.ci/run` installs LibreOffice and
//! runs them.

use std::io::Read;
use std::path::{Path, PathBuf};

use calamine::{Data, Reader, Xlsx};
use sc3_toolkit::diagnosis;
use sc3_toolkit::risk::{self, ImportanceRule};
use sc3_toolkit::templates::{
    self, BASIS_SHEET, REGISTER_COMPUTED, REGISTER_HEADING_ROW, REGISTER_INPUTS, REGISTER_SHEET,
};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn spec() -> diagnosis::Spec {
    diagnosis::Spec::parse(
        &std::fs::read_to_string(repo().join("book/toolkit/diagnosis.toml")).unwrap(),
    )
    .unwrap()
}

/// The worked example's register, as `cargo xtask risk` reads it.
fn example(rule: ImportanceRule) -> risk::Register {
    let bytes = std::fs::read(repo().join("book/toolkit/example/assets.csv")).unwrap();
    risk::register(risk::sheet_rows("assets.csv", &bytes).unwrap(), rule)
}

/// The example's rows as the template's input cells, each in the row it
/// has in the example (the template's first row is row 4, as the
/// example's; a blank line stays a blank row).
fn example_inputs(reg: &risk::Register) -> Vec<Vec<String>> {
    let first = REGISTER_HEADING_ROW as usize + 2;
    let mut rows = Vec::new();
    for (number, cells) in &reg.rows {
        while first + rows.len() < *number {
            rows.push(Vec::new());
        }
        rows.push(
            REGISTER_INPUTS
                .iter()
                .map(|h| {
                    let c = reg.headings.iter().position(|x| x == h).unwrap();
                    cells.get(c).cloned().unwrap_or_default()
                })
                .collect(),
        );
    }
    rows
}

/// A part of an XLSX file as text.
fn part(xlsx: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_blank_register_has_formulas_dropdowns_bands_and_protection() {
    let xlsx = templates::register_template(&[], ImportanceRule::Max).unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(xlsx.clone())).unwrap();
    assert_eq!(
        book.sheet_names(),
        [REGISTER_SHEET, BASIS_SHEET, templates::CHOICES_SHEET]
    );
    // The formulas of the first data row (row 4).
    let formulas = book.worksheet_formula(REGISTER_SHEET).unwrap();
    let f = |c: u32| formulas.get_value((3, c)).cloned().unwrap_or_default();
    assert_eq!(
        f(9),
        "IF(COUNT(E4:G4)<3,\"\",IF('計算の基準'!$B$4=\"平均\",ROUND(AVERAGE(E4:G4),0),MAX(E4:G4)))"
    );
    assert_eq!(
        f(10),
        "IF(COUNT(H4:I4)<2,\"\",INDEX('計算の基準'!$B$9:$D$11,4-H4,4-I4))"
    );
    assert_eq!(f(11), "IF(OR(J4=\"\",K4=\"\"),\"\",J4*K4)");
    assert!(f(12).contains("MATCH(L4,'計算の基準'!$B$14:$J$14,0)"));
    // The threat × vulnerability table and the bands, from risk.rs.
    let basis = book.worksheet_range(BASIS_SHEET).unwrap();
    for (i, t) in [3u8, 2, 1].into_iter().enumerate() {
        for (j, v) in [3u8, 2, 1].into_iter().enumerate() {
            assert_eq!(
                basis.get_value((8 + i as u32, 1 + j as u32)),
                Some(&Data::Float(f64::from(risk::likelihood(t, v))))
            );
        }
    }
    for value in 1u8..=9 {
        let c = u32::from(value);
        assert_eq!(
            basis.get_value((13, c)),
            Some(&Data::Float(f64::from(value)))
        );
        assert_eq!(
            basis.get_value((14, c)),
            Some(&Data::String(risk::band(value).into()))
        );
    }
    // Dropdowns, colours for the bands, a protected sheet.
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("<sheetProtection"), "protected");
    assert!(
        sheet.contains("sqref=\"E4:I203\"") && sheet.contains("<formula1>\"1,2,3\"</formula1>"),
        "ratings dropdown"
    );
    assert!(sheet.contains("sqref=\"A4:A203\""), "category dropdown");
    assert_eq!(sheet.matches("<cfRule type=\"expression\"").count(), 3);
    // Input cells are unlocked, computed ones are not.
    let styles = part(&xlsx, "xl/styles.xml");
    assert!(styles.contains("<protection locked=\"0\"/>"));

    // `cargo xtask risk` reads the blank template: its heading, no rows.
    let reg = risk::register(risk::xlsx_rows(&xlsx).unwrap(), ImportanceRule::Max);
    assert!(reg.errors.is_empty(), "{:?}", reg.errors);
    assert!(reg.assets.is_empty());
    let mut headings = REGISTER_INPUTS.to_vec();
    headings.extend(REGISTER_COMPUTED);
    assert_eq!(reg.headings, headings);
}

#[test]
fn a_filled_register_reads_back_as_the_example() {
    let reg = example(ImportanceRule::Max);
    let xlsx = templates::register_template(&example_inputs(&reg), ImportanceRule::Max).unwrap();
    let again = risk::register(risk::xlsx_rows(&xlsx).unwrap(), ImportanceRule::Max);
    assert!(again.errors.is_empty(), "{:?}", again.errors);
    // Same assets, same rows: the template's table starts in row 4 like the
    // example's.
    assert_eq!(again.assets, reg.assets);
}

#[test]
fn the_plan_lists_every_question_with_its_clauses() {
    let spec = spec();
    let xlsx = templates::plan_template(&spec, &|c| format!("章 {c}")).unwrap();
    let rows = risk::xlsx_rows(&xlsx).unwrap();
    let heading = rows.iter().position(|(n, _)| *n == 4).unwrap();
    assert_eq!(rows[heading].1[1], "対策（自社診断の設問）");
    for q in &spec.question {
        let (_, cells) = &rows[heading + q.number as usize];
        assert_eq!(cells[0], q.number.to_string());
        assert_eq!(cells[1], q.text);
        let clauses: Vec<String> = q.clauses.iter().map(|c| format!("第{c}条")).collect();
        assert_eq!(cells[5], clauses.join("、"), "question {}", q.number);
        assert!(cells[4].contains(&format!("章 {}", q.chapters[0])));
    }
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains("実施している,一部実施している"),
        "answers dropdown"
    );
    assert!(
        sheet.contains("すぐに,3か月以内,1年以内"),
        "phases dropdown"
    );
}

#[test]
fn the_diagnosis_sheet_prints_on_a4_one_page_wide_with_the_heading_repeated() {
    let xlsx = templates::diagnosis_sheet(&spec(), None).unwrap();
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains("paperSize=\"9\""), "A4");
    assert!(sheet.contains("fitToHeight=\"0\""), "one page wide");
    assert!(sheet.contains("<printOptions gridLines=\"1\"/>"));
    assert!(sheet.contains("&amp;P / &amp;N"), "page numbers");
    let workbook = part(&xlsx, "xl/workbook.xml");
    assert!(workbook.contains("_xlnm.Print_Titles"), "heading repeated");
}

// ---------------------------------------------------------------- LibreOffice

/// LibreOffice recalculating `xlsx` headless: the workbook it saves again.
/// The template's cached results are empty, so what comes back is
/// LibreOffice's own arithmetic.
fn recalculated(xlsx: &[u8]) -> Vec<u8> {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in").join("book.xlsx");
    std::fs::create_dir(input.parent().unwrap()).unwrap();
    std::fs::write(&input, xlsx).unwrap();
    let saved = sc3_readers::convert(&input, "xlsx:Calc MS Excel 2007 XML")
        .recalculating()
        .run(dir.path());
    std::fs::read(saved).unwrap()
}

fn open(bytes: &[u8]) -> Xlsx<std::io::Cursor<Vec<u8>>> {
    Xlsx::new(std::io::Cursor::new(bytes.to_vec())).unwrap()
}

/// A cell's value as text, whole numbers without a decimal point.
fn text(d: Option<&Data>) -> String {
    match d {
        None | Some(Data::Empty) => String::new(),
        Some(Data::Float(f)) if f.fract() == 0.0 => format!("{f:.0}"),
        Some(other) => other.to_string(),
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn libreoffice_computes_the_register_as_cargo_xtask_risk_does() {
    for rule in [ImportanceRule::Max, ImportanceRule::Average] {
        let reg = example(rule);
        assert!(reg.errors.is_empty() && reg.assets.len() == 9);
        let xlsx = templates::register_template(&example_inputs(&reg), rule).unwrap();
        let saved = recalculated(&xlsx);
        let range = open(&saved).worksheet_range(REGISTER_SHEET).unwrap();
        let first = REGISTER_HEADING_ROW + 1;
        for a in &reg.assets {
            // The row `cargo xtask risk` reports for the example.
            let r = a.row as u32 - 1;
            let got: Vec<String> = (9..13).map(|c| text(range.get_value((r, c)))).collect();
            let want = [
                a.importance.to_string(),
                a.likelihood.to_string(),
                a.risk.to_string(),
                a.band.to_owned(),
            ];
            assert_eq!(got, want, "{rule:?}: row {} ({})", a.row, a.name);
        }
        // The rows nobody filled in stay empty.
        let filled: Vec<u32> = reg.assets.iter().map(|a| a.row as u32 - 1).collect();
        let blank: Vec<u32> = (first..first + 30)
            .filter(|r| !filled.contains(r))
            .collect();
        assert!(blank.len() > 20);
        for r in blank {
            for c in 9..13 {
                assert_eq!(text(range.get_value((r, c))), "", "{rule:?} row {}", r + 1);
            }
        }
        // And `cargo xtask risk` reads LibreOffice's file as the example.
        let again = risk::register(risk::xlsx_rows(&saved).unwrap(), rule);
        assert!(again.errors.is_empty(), "{rule:?}: {:?}", again.errors);
        assert_eq!(again.assets, reg.assets, "{rule:?}");
    }
}

#[test]
#[ignore = "needs LibreOffice (soffice); .ci/run runs it"]
fn libreoffice_scores_the_diagnosis_sheet_as_diagnose_does() {
    let spec = spec();
    for file in ["diagnosis-honsha.toml", "diagnosis-genba.toml"] {
        let text_in =
            std::fs::read_to_string(repo().join("book/toolkit/example").join(file)).unwrap();
        let answers = diagnosis::parse_answers(&text_in).unwrap();
        let outcome = diagnosis::score(&spec, std::slice::from_ref(&answers));
        let xlsx = templates::diagnosis_sheet(&spec, Some(&answers.answers)).unwrap();
        let range = open(&recalculated(&xlsx))
            .worksheet_range("自社診断")
            .unwrap();
        let first = 5u32;
        for (i, &a) in answers.answers.iter().enumerate() {
            assert_eq!(
                text(range.get_value((first + i as u32, 8))),
                diagnosis::POINTS[a].to_string(),
                "{file}: question {}",
                i + 1
            );
        }
        let total_row = first + spec.question.len() as u32;
        assert_eq!(
            text(range.get_value((total_row, 8))),
            format!("{}", outcome.total),
            "{file}"
        );
        assert_eq!(
            text(range.get_value((total_row + 1, 8))),
            outcome.band,
            "{file}"
        );
    }
}

#[test]
fn the_same_input_gives_the_same_bytes() {
    // The kit's ZIP is reproducible: every file in it must be.
    let spec = spec();
    let once = [
        templates::register_template(&[], ImportanceRule::Max).unwrap(),
        templates::plan_template(&spec, &|c| c.to_owned()).unwrap(),
        templates::diagnosis_sheet(&spec, None).unwrap(),
    ];
    let again = [
        templates::register_template(&[], ImportanceRule::Max).unwrap(),
        templates::plan_template(&spec, &|c| c.to_owned()).unwrap(),
        templates::diagnosis_sheet(&spec, None).unwrap(),
    ];
    assert!(once == again);
    let options = sc3_toolkit::docx::DocxOptions {
        company: Some("例示株式会社"),
    };
    let md = "# 規程\n\n**例示株式会社**\n\n## 第1章\n\n1. 一\n2. 二\n\n| 役割 | 担当者 |\n| --- | --- |\n| 責任者 | 例示株式会社 社長 |\n";
    let first = sc3_toolkit::docx::markdown_to_docx_with(md, &options).unwrap();
    // Another document in between: counters inside docx-rs must not leak.
    sc3_toolkit::docx::markdown_to_docx("# 別\n\n本文\n").unwrap();
    assert!(first == sc3_toolkit::docx::markdown_to_docx_with(md, &options).unwrap());
}
