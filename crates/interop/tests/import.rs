//! The METI ★3/★4 CSV through the declarative mapping in import/meti-sc.toml.

use std::path::Path;

use sc3_interop::import::{Mapping, run};

use sc3_toolkit::sheet::Rows;

fn root() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The mapping and the METI CSV, which lives in `../shared/data` (not in
/// this repository: it holds METI's own criterion texts).
fn inputs() -> (Mapping, Rows) {
    let root = root();
    let mapping: Mapping =
        toml::from_str(&std::fs::read_to_string(root.join("import/meti-sc.toml")).unwrap())
            .unwrap();
    let bytes = std::fs::read(root.join(&mapping.source.file))
        .unwrap_or_else(|e| panic!("{}: {e}", mapping.source.file));
    let text = sc3_toolkit::risk::decode(&bytes).unwrap();
    (mapping, sc3_toolkit::risk::csv_rows(&text).unwrap())
}

#[test]
#[ignore = "needs ../shared/data beside the repository; .ci/run runs it"]
fn the_committed_generated_files_are_what_the_import_writes() {
    let (mapping, rows) = inputs();
    let out = run(&mapping, "import/meti-sc.toml", &rows).unwrap();
    for (path, text) in &out.files {
        let committed = std::fs::read_to_string(root().join(path)).unwrap();
        assert!(
            committed == *text,
            "{path} differs from what `cargo xtask import import/meti-sc.toml` writes: re-run the import"
        );
    }
}

#[test]
#[ignore = "needs ../shared/data beside the repository; .ci/run runs it"]
fn every_criterion_and_reference_is_accounted_for_and_the_import_repeats() {
    let (mapping, rows) = inputs();
    let a = run(&mapping, "import/meti-sc.toml", &rows).unwrap();
    let b = run(&mapping, "import/meti-sc.toml", &rows).unwrap();
    assert_eq!(a.files, b.files, "the same input gives the same TOML");
    assert_eq!(a.criteria, 153);
    // Nothing is left unparsed; the one inconsistency of the source (No.36
    // given as LV2 and as LV1) is reported, not dropped.
    assert!(a.problems.iter().all(|p| !p.unparsed), "{:#?}", a.problems);
    assert_eq!(a.problems.len(), 1);
    assert!(
        a.problems[0]
            .message
            .starts_with("36 のレベルが LV2 と LV1")
    );
    let names: Vec<&str> = a.files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "guidelines/meti-sc/2026.toml",
            "guidelines/japia/2.3.toml",
            "mappings/meti-sc@2026--japia@2.3.toml",
            "guidelines/iso27001/2022.toml",
            "mappings/meti-sc@2026--iso27001@2022.toml",
        ]
    );
    // The generated content loads and lints without errors, beside the rest.
    let loaded =
        sc3_model::load_from_memory(a.files.iter().map(|(p, t)| (p.as_str(), t.as_bytes())));
    assert!(loaded.diagnostics.is_empty(), "{:#?}", loaded.diagnostics);
    let meti = &loaded.repo.guidelines[0];
    assert_eq!(
        meti.items
            .iter()
            .filter(|i| i.level.as_ref().unwrap().value == "★3")
            .count(),
        81
    );
    // Hand-written reference cells: "No.98, 102 (LV2)" and "No.91, No.92 (LV2)".
    let japia = &loaded.repo.guidelines[1];
    for (id, level) in [
        ("98", "LV2"),
        ("102", "LV2"),
        ("91", "LV2"),
        ("92", "LV2"),
        ("115", "LV1"),
    ] {
        let it = japia
            .item(id)
            .unwrap_or_else(|| panic!("JAMA/JAPIA No.{id}"));
        assert_eq!(it.level.as_ref().unwrap().value, level, "No.{id}");
    }
    // "A 7.14" is read as A.7.14, in the publisher's case.
    assert!(loaded.repo.guidelines[2].item("A.7.14").is_some());
    assert!(loaded.repo.guidelines[2].item("a.7.14").is_none());
    // What each catalog holds, and the conflict kept on the page.
    let holds: Vec<_> = loaded
        .repo
        .guidelines
        .iter()
        .map(|g| g.holds.as_ref().map(|h| h.value))
        .collect();
    use sc3_model::Holds::*;
    assert_eq!(holds, [Some(Titles), Some(Numbers), Some(Numbers)]);
    assert_eq!(japia.total.as_ref().map(|t| t.value), Some(153));
    assert_eq!(japia.conflicts.len(), 1);
    assert_eq!(japia.conflicts[0].item.value, "36");
    assert!(
        japia.conflicts[0]
            .text
            .value
            .contains("LV2（評価基準 4-2-1-4）と LV1（評価基準 4-2-2-2）")
    );
    // Citation crosswalks: cited / not cited, never a judgment.
    for cw in &loaded.repo.crosswalks {
        assert_eq!(cw.basis(), sc3_model::Basis::Citation);
        assert!(cw.maps.iter().all(|m| {
            let r = m.relation.as_ref().unwrap().value;
            let cited = r == sc3_model::Relation::Cited;
            cited == r.has_targets() && cited != m.targets.is_empty() && !r.is_judgment()
        }));
        assert!(
            cw.maps
                .iter()
                .all(|m| m.strm.is_none() && m.rationale.is_none())
        );
    }
    let refs: Vec<(&str, usize)> = a.references.iter().map(|(h, n)| (h.as_str(), *n)).collect();
    assert_eq!(
        refs,
        [
            (
                "自工会/部工会・サイバーセキュリティガイドライン 2.3 版",
                165
            ),
            ("ISO/IEC 27001:2022", 253)
        ]
    );
}
