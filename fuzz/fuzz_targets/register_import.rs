//! The spreadsheet readers on arbitrary bytes: the toolkit's risk register
//! (CSV in UTF-8 or Shift_JIS, and XLSX through calamine), the interop
//! catalog and crosswalk sheets, and the declarative import with the
//! repository's own mapping (import/meti-sc.toml). The first byte chooses CSV
//! or XLSX. Whatever TOML an import writes must be TOML the loader reads.

#![no_main]

use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use sc3_interop::import::{Mapping, run};
use sc3_interop::spreadsheet::{catalog_toml, crosswalk_toml};
use sc3_toolkit::risk::{ImportanceRule, register, sheet_rows};

static MAPPING: LazyLock<Mapping> = LazyLock::new(|| {
    toml::from_str(include_str!("../../import/meti-sc.toml")).expect("the repository's mapping")
});

/// Panics if `text`, written by an import as the file `path`, is not TOML
/// the loader reads (a syntax error means a cell's text escaped its string).
fn check_written(path: &str, text: &str) {
    let loaded = sc3_model::load_from_memory([(path, text.as_bytes())]);
    sc3_fuzz::check_places(&loaded.repo, &loaded.diagnostics);
    assert!(
        loaded.diagnostics.iter().all(|d| d.code != "L002"),
        "{path} as written is not valid TOML:\n{text}\n{:?}",
        loaded.diagnostics
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    let name = if which & 1 == 0 {
        "sheet.csv"
    } else {
        "sheet.xlsx"
    };
    let Ok(rows) = sheet_rows(name, bytes) else {
        return;
    };
    for rule in [ImportanceRule::Max, ImportanceRule::Average] {
        let reg = register(rows.clone(), rule);
        for e in &reg.errors {
            assert!(e.row >= 1 && e.column >= 1, "{e:?}");
        }
        for a in &reg.assets {
            assert!(matches!(a.risk, 1 | 2 | 3 | 4 | 6 | 9), "{a:?}");
        }
    }
    match catalog_toml(&rows) {
        Ok(text) => check_written("guidelines/fuzz/1.toml", &text),
        Err(problems) => assert!(problems.iter().all(|p| p.row >= 1 && p.column >= 1)),
    }
    match crosswalk_toml(&rows) {
        Ok(text) => check_written("mappings/a@1--b@1.toml", &text),
        Err(problems) => assert!(problems.iter().all(|p| p.row >= 1 && p.column >= 1)),
    }
    if let Ok(out) = run(&MAPPING, "import/meti-sc.toml", &rows) {
        for (path, text) in &out.files {
            check_written(path, text);
        }
    }
});
