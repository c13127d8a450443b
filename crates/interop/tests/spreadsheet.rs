//! Every catalog and crosswalk of the repository, exported to CSV and XLSX and
//! imported back, gives the same content.

use std::path::Path;

use sc3_interop::spreadsheet::{
    catalog_sheet, catalog_toml, crosswalk_sheet, crosswalk_toml, to_csv, to_xlsx,
};
use sc3_toolkit::risk::{csv_rows, decode, xlsx_rows};

fn repository() -> sc3_model::Repository {
    sc3_model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .unwrap()
        .repo
}

/// Both encodings of a sheet, read back.
fn read_back(sheet: &sc3_interop::spreadsheet::Sheet) -> [Vec<(usize, Vec<String>)>; 2] {
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
        // One row per mapping entry below the seven rows of header and headings.
        assert_eq!(sheet.len(), 7 + cw.maps.len());
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
    let rows: Vec<(usize, Vec<String>)> = [
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
