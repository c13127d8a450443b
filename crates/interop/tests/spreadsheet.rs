//! Every catalog and crosswalk of the repository, exported to CSV and XLSX and
//! imported back, gives the same content.

use std::path::Path;

use sc3_interop::spreadsheet::{
    catalog_sheet, catalog_toml, crosswalk_sheet, crosswalk_toml, to_csv, to_xlsx,
};
use sc3_toolkit::risk::{csv_rows, decode, xlsx_rows};
use sc3_toolkit::sheet::Rows;

fn repository() -> sc3_model::Repository {
    sc3_model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .unwrap()
        .repo
}

/// Both encodings of a sheet, read back.
fn read_back(sheet: &sc3_interop::spreadsheet::Sheet) -> [Rows; 2] {
    let csv = csv_rows(&decode(&to_csv(sheet)).unwrap()).unwrap();
    let xlsx = xlsx_rows(&to_xlsx(sheet, "sheet").unwrap()).unwrap();
    [csv, xlsx]
}

#[test]
fn crosswalks_round_trip_through_csv_and_xlsx() {
    let repo = repository();
    assert!(repo.crosswalks.len() >= 3);
    for cw in &repo.crosswalks {
        let sheet = crosswalk_sheet(cw, &|_| String::new());
        // One row per mapping entry below the nine rows of header and headings.
        assert_eq!(sheet.len(), 9 + cw.maps.len());
        for rows in read_back(&sheet) {
            let toml = crosswalk_toml(&rows).unwrap();
            let loaded = sc3_model::load_from_memory([("mappings/x.toml", toml.as_bytes())]);
            assert!(
                loaded.diagnostics.is_empty(),
                "{}: {:?}",
                cw.key(),
                loaded.diagnostics
            );
            let again = &loaded.repo.crosswalks[0];
            assert_eq!(
                crosswalk_sheet(again, &|_| String::new()),
                sheet,
                "{}",
                cw.key()
            );
        }
    }
}

#[test]
fn catalogs_round_trip_through_csv_and_xlsx() {
    let repo = repository();
    for g in &repo.guidelines {
        let sheet = catalog_sheet(g);
        for rows in read_back(&sheet) {
            let toml = catalog_toml(&rows).unwrap();
            let loaded = sc3_model::load_from_memory([("guidelines/x/1.toml", toml.as_bytes())]);
            assert!(
                loaded.diagnostics.is_empty(),
                "{}: {:?}",
                g.key(),
                loaded.diagnostics
            );
            assert_eq!(
                catalog_sheet(&loaded.repo.guidelines[0]),
                sheet,
                "{}",
                g.key()
            );
        }
    }
}

#[test]
fn a_bad_row_is_reported_with_its_row_and_column() {
    let rows: Rows = [
        vec!["source", "a@1"],
        vec!["target", "b@1"],
        vec![],
        vec!["突合元の項目", "突合元の見出し", "判定", "突合先の項目"],
        vec!["1", "", "対応", "x"],
        vec!["2", "", "たぶん", ""],
    ]
    .into_iter()
    .enumerate()
    .map(|(i, r)| (i + 1, r.into_iter().map(str::to_owned).collect()))
    .collect();
    let problems = crosswalk_toml(&rows).unwrap_err();
    assert_eq!((problems[0].row, problems[0].column), (6, 3));
    assert!(problems[0].message.contains("たぶん"));
}

/// LibreOffice opens the exported workbook and converts it to CSV with one
/// row per mapping entry.
#[test]
#[ignore = "needs LibreOffice; .ci/run installs it and runs the ignored tests"]
fn libreoffice_opens_the_exported_crosswalk() {
    let repo = repository();
    let cw = repo
        .crosswalks
        .iter()
        .find(|c| c.key() == "meti-sc@2026--ipa-sme@3.1")
        .unwrap();
    let sheet = crosswalk_sheet(cw, &|_| String::new());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("crosswalk.xlsx");
    std::fs::write(&file, to_xlsx(&sheet, "突合表").unwrap()).unwrap();
    let csv =
        sc3_readers::convert(&file, "csv:Text - txt - csv (StarCalc):44,34,76").run(dir.path());
    let text = std::fs::read_to_string(csv).unwrap();
    let rows = csv_rows(&text).unwrap();
    let table: Vec<_> = rows
        .iter()
        .skip_while(|(_, c)| c.first().is_none_or(|x| x != "突合元の項目"))
        .skip(1)
        .collect();
    assert_eq!(table.len(), cw.maps.len(), "one row per mapping entry");
    assert_eq!(table[0].1[0], cw.maps[0].source.value);
}

/// Found by the `register_import` fuzz target: a `published` cell of ten
/// characters with a dash at the fifth was written bare, so the catalog was
/// not TOML (and a crafted cell could add keys of its own).
#[test]
fn a_published_cell_that_is_not_a_date_stays_a_string() {
    let csv = "id,x\nversion,1\ntitle,t\npublished,abcd-efghi\n\n種類,番号,親グループ,見出し,要約,レベル,タグ\nitem,i,,t,,,\n";
    let toml = catalog_toml(&csv_rows(csv).unwrap()).unwrap();
    assert!(toml.contains("published = \"abcd-efghi\"\n"), "{toml}");
    let loaded = sc3_model::load_from_memory([("guidelines/x/1.toml", toml.as_bytes())]);
    assert_eq!(loaded.diagnostics, vec![]);
    assert_eq!(
        loaded.repo.guidelines[0].published.as_ref().unwrap().value,
        "abcd-efghi"
    );
    // A real date stays a TOML date; an impossible one is quoted.
    for (cell, written) in [
        ("2024-01-15", "published = 2024-01-15\n"),
        ("2024-13-45", "published = \"2024-13-45\"\n"),
        ("2024-01-1\n", "published = \"2024-01-1\"\n"),
    ] {
        let csv = format!("published,\"{cell}\"\n\n種類\n");
        let toml = catalog_toml(&csv_rows(&csv).unwrap()).unwrap();
        assert!(toml.contains(written), "{cell:?}: {toml}");
    }
}
