//! `cargo xtask crosswalk confirm` on a crosswalk whose catalogs changed after
//! it was confirmed (M008): it clears exactly the entries the lint flagged and
//! leaves the entries themselves alone. `crosswalk migrate` on
//! tests/fixtures/migrate.

use std::fs;
use std::path::Path;

mod common;
use common::xtask;

/// Replaces `from` with `to` in the file at `path`.
fn edit(path: &Path, from: &str, to: &str) {
    let text = fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{}: {from}", path.display());
    fs::write(path, text.replacen(from, to, 1)).unwrap();
}

fn stale(root: &str) -> Vec<String> {
    let (_, out, _) = xtask(&["lint", "--root", root, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["code"] == "M008")
        .map(|d| d["message"].as_str().unwrap().to_owned())
        .collect()
}

#[test]
fn confirm_clears_exactly_the_flagged_entries() {
    // The small repository's crosswalk, confirmed; then item 1 of the
    // association's catalog is deleted and kitei-3 reworded (the M008 test
    // case of crates/lint/src/rules/stale_mapping.rs).
    let dir = tempfile::tempdir().unwrap();
    sc3_fixtures::copy("small", dir.path());
    let root = dir.path().to_str().unwrap();
    let cw = dir.path().join("mappings/assoc@2.0--base@1.0.toml");
    let (code, _, err) = xtask(&["crosswalk", "confirm", "--root", root, cw.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    edit(
        &dir.path().join("guidelines/assoc/2.0.toml"),
        "id = \"1\"\ntitle = \"責任者を置く\"\nlevel = \"LV1\"\n\n[[item]]\n",
        "",
    );
    edit(
        &dir.path().join("guidelines/base/1.0.toml"),
        "title = \"情報資産を管理する\"",
        "title = \"情報資産を洗い出し、重要度に応じて管理する\"",
    );
    let before = fs::read_to_string(&cw).unwrap();

    let flagged = stale(root);
    assert_eq!(flagged.len(), 2, "{flagged:#?}");
    assert!(flagged[0].contains("「1」"));
    assert!(flagged[1].contains("「2」"));

    let (code, _, err) = xtask(&["crosswalk", "confirm", "--root", root, cw.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("見直しが必要だった対応づけ 2 件を確認済みにしました"),
        "{err}"
    );
    assert!(stale(root).is_empty());

    let after = fs::read_to_string(&cw).unwrap();
    let marker = sc3_lint::review::MARKER;
    // The entries are byte for byte what they were; only the block changed.
    assert_eq!(
        before.split(marker).next().unwrap(),
        after.split(marker).next().unwrap()
    );
    assert!(after.contains("title = \"情報資産を洗い出し、重要度に応じて管理する\""));
    // The deleted item is no longer recorded.
    assert!(!after.contains("item = \"assoc@2.0:1\""));

    // Confirming again changes nothing.
    xtask(&["crosswalk", "confirm", "--root", root, cw.to_str().unwrap()]);
    assert_eq!(fs::read_to_string(&cw).unwrap(), after);
}

/// A copy of tests/fixtures/migrate (base@1.0 and base@1.1, one crosswalk).
fn migrate_fixture() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    sc3_fixtures::copy("migrate", dir.path());
    dir
}

fn migrate(root: &str, crosswalk: &Path, to: &str) -> (i32, String, String) {
    xtask(&[
        "crosswalk",
        "migrate",
        "--root",
        root,
        crosswalk.to_str().unwrap(),
        "--to",
        to,
    ])
}

#[test]
fn a_review_pending_before_migration_stays_pending_after() {
    // kitei-1 was reworded in 1.0 after the crosswalk was confirmed, and 1.1
    // kept the new wording: entry 1 was never reviewed against it, so it must
    // not be carried forward silently.
    let dir = migrate_fixture();
    for v in ["1.0", "1.1"] {
        let p = dir.path().join(format!("guidelines/base/{v}.toml"));
        let t = fs::read_to_string(&p).unwrap();
        fs::write(
            &p,
            t.replace(
                "title = \"管理体制を定める\"",
                "title = \"管理体制と責任者を定める\"",
            ),
        )
        .unwrap();
    }
    let root = dir.path().to_str().unwrap();
    let old = dir.path().join("mappings/assoc@2.0--base@1.0.toml");
    let (code, out, err) = migrate(root, &old, "base@1.1");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("| 1 | kitei-1 |  |"), "{out}");
}

#[test]
fn migrate_carries_unchanged_entries_and_flags_the_rest() {
    // tests/fixtures/migrate: base@1.1 supersedes base@1.0, rewords kitei-3,
    // drops kitei-2 and keeps kitei-1. Entry 1 uses kitei-1; entry 2 uses
    // kitei-2 and kitei-3.
    let dir = migrate_fixture();
    let root = dir.path().to_str().unwrap();
    let old = dir.path().join("mappings/assoc@2.0--base@1.0.toml");
    let (code, out, err) = migrate(root, &old, "base@1.1");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("対応づけ 2 件のうち 1 件は"), "{out}");
    assert!(out.contains("| 2 | kitei-3 | kitei-2 |"), "{out}");
    let new = fs::read_to_string(dir.path().join("mappings/assoc@2.0--base@1.1.toml")).unwrap();
    assert!(new.contains("target = \"base@1.1\""));
    // Published no more: it needs review.
    assert!(new.contains("status = \"draft\""));
    // The old crosswalk is left as it was.
    assert!(
        fs::read_to_string(&old)
            .unwrap()
            .contains("target = \"base@1.0\"")
    );

    // Lint flags exactly entry 2: M008 for the reworded item, R003 for the dropped one.
    let (_, json, _) = xtask(&["lint", "--root", root, "--format", "json"]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let new_file: Vec<(String, String)> = v["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            d["file"]
                .as_str()
                .is_some_and(|f| f.ends_with("base@1.1.toml"))
        })
        .filter(|d| d["severity"] != "info")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["message"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    assert_eq!(new_file.len(), 2, "{new_file:#?}");
    assert!(
        new_file
            .iter()
            .any(|(c, m)| c == "M008" && m.contains("「2」") && m.contains("kitei-3"))
    );
    assert!(
        new_file
            .iter()
            .any(|(c, m)| c == "R003" && m.contains("kitei-2"))
    );

    // Migrating twice refuses to overwrite; a version that does not supersede is refused.
    for (to, says) in [("base@1.1", "すでにあります"), ("assoc@2.0", "supersedes")] {
        let (code, _, err) = migrate(root, &old, to);
        assert_eq!(code, 1, "{to}");
        assert!(err.contains(says), "{err}");
    }
}
