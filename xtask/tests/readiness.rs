//! `cargo xtask readiness` on company folders: the worked example as JSON
//! (one entry per ★3 criterion) and as an XLSX checklist, and folders whose
//! files have problems, each reported at its place.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::xtask;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[test]
fn the_worked_example_as_json_and_as_a_checklist() {
    let out = tempfile::tempdir().unwrap();
    let xlsx = out.path().join("checklist.xlsx");
    let (code, stdout, stderr) = xtask(&[
        "readiness",
        "--company",
        root().join("book/toolkit/example").to_str().unwrap(),
        "--format",
        "json",
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("checklist.xlsx を書きました"), "{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let criteria = json["criteria"].as_array().unwrap();
    assert_eq!(criteria.len(), 81);
    assert_eq!(json["level"], "★3");
    assert_eq!(
        json["counts"],
        serde_json::json!({ "met": 3, "partly": 75, "not-yet": 0, "not-covered": 1, "outside": 2 })
    );
    // 6-1-1-1 is supported by the plan item completed on 2026-11-30.
    let c = criteria.iter().find(|c| c["id"] == "6-1-1-1").unwrap();
    assert_eq!(c["status"], "met");
    assert_eq!(c["entry"]["relation"], "covered");
    let sources = &c["targets"][1]["sources"];
    assert!(
        sources
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["kind"] == "done"
                && s["date"] == "2026-11-30"
                && s["place"] == "plan.csv 8 行目"),
        "{sources}"
    );
    // The checklist: the same criteria, in the same order, with the same
    // statuses, and the company's columns empty.
    let rows = sc3_toolkit::sheet::xlsx_rows(&fs::read(&xlsx).unwrap()).unwrap();
    let header = rows.iter().position(|(_, r)| r[0] == "評価基準").unwrap();
    assert_eq!(rows[header].1[8..], ["自社の証跡", "担当者", "メモ"]);
    let body = &rows[header + 1..];
    assert_eq!(body.len(), 81);
    let label = |key: &str| match key {
        "met" => "記録が支える",
        "partly" => "一部を支える",
        "not-yet" => "まだ",
        "not-covered" => "記録なし",
        "outside" => "基本項目の外",
        other => panic!("status {other}"),
    };
    for ((_, row), c) in body.iter().zip(criteria) {
        assert_eq!(row[0], c["id"].as_str().unwrap());
        assert_eq!(row[3], label(c["status"].as_str().unwrap()));
    }
}

#[test]
fn problems_in_the_folder_are_reported_at_their_place() {
    let dir = tempfile::tempdir().unwrap();
    let answers = vec!["\"実施している\""; 25].join(", ");
    fs::write(
        dir.path().join("diagnosis.toml"),
        format!("answers = [{answers}]\n"),
    )
    .unwrap();
    fs::write(
        dir.path().join("plan.csv"),
        "No.,時期,対策,理由,参照するサンプル規程,条,基本項目,担当者,完了日\n\
         1,すぐに,設問99「ない設問」を実施できるようにする,,,,,,2026-01-01\n\
         2,すぐに,設問2「…」を実施できるようにする,,,,,,2026-01-02\n\
         3,1年以内,設問3「…」を実施できるようにする,,,,,,2999/1/1\n",
    )
    .unwrap();
    let (code, stdout, stderr) = xtask(&[
        "readiness",
        "--company",
        dir.path().to_str().unwrap(),
        "--format",
        "json",
    ]);
    // The bad row is reported with its number; the rest is still read.
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("plan.csv: 2 行目: 「設問99「ない設問」を実施できるようにする」の設問の番号が分かりません"), "{stderr}");
    // A completion date still to come is no completion.
    assert!(
        stderr.contains("plan.csv: 4 行目: 完了日 2999/1/1 はまだ来ていない日です（今日は "),
        "{stderr}"
    );
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let done: Vec<&str> = json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["targets"].as_array().into_iter().flatten())
        .flat_map(|t| t["sources"].as_array().into_iter().flatten())
        .filter(|s| s["kind"] == "done")
        .map(|s| s["place"].as_str().unwrap())
        .collect();
    assert!(done.contains(&"plan.csv 3 行目"), "{done:?}");
    assert!(!done.contains(&"plan.csv 4 行目"), "{done:?}");
    let c = json["criteria"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["id"] == "4-4-5-3")
        .unwrap();
    assert_eq!(c["status"], "met");

    // An answer file with a wrong answer stops the command at its place.
    fs::write(
        dir.path().join("diagnosis.toml"),
        "answers = [\"たぶん\"]\n",
    )
    .unwrap();
    let (code, _, stderr) = xtask(&["readiness", "--company", dir.path().to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("diagnosis.toml:1:12: 「たぶん」は答えの選択肢ではありません"),
        "{stderr}"
    );
}
