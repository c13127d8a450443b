//! A copy of the design examples with one defect of each kind planted
//! (`tests/fixtures/examples-defects`): every format reports each defect once, at
//! the same file, line and column.

use sc3_lint::report::{self, HumanOptions};
use sc3_lint::{Report, lint};
use serde_json::Value;

/// Lints a copy of `tests/fixtures/<name>` on disk, as the command line does.
fn run(name: &str) -> Report {
    let dir = tempfile::tempdir().unwrap();
    sc3_fixtures::copy(name, dir.path());
    lint(sc3_model::load(dir.path()).unwrap())
}

const CW: &str = "mappings/example-assoc@2.0--example-base@1.0.toml";
const IND: &str = "guidelines/industries/example-industry.toml";

/// Each planted defect: code, severity, file, line, column. The two P001
/// findings are the v1 examples' own: their catalogs predate `holds`.
const EXPECTED: &[(&str, &str, &str, usize, usize)] = &[
    ("P001", "info", "guidelines/example-assoc/2.0.toml", 1, 1),
    ("R004", "error", "guidelines/example-assoc/2.0.toml", 12, 10),
    ("P001", "info", "guidelines/example-base/1.0.toml", 1, 1),
    ("M006", "info", "guidelines/example-base/1.0.toml", 21, 6),
    ("R005", "warning", "guidelines/glossary/terms.toml", 2, 6),
    ("L004", "error", "guidelines/glossary/terms.toml", 4, 1),
    ("R002", "error", IND, 12, 6),
    ("R003", "error", IND, 15, 12),
    ("R001", "error", IND, 24, 6),
    ("M001", "warning", CW, 2, 10),
    ("M007", "error", CW, 5, 10),
    ("M005", "error", CW, 12, 8),
    ("M002", "error", CW, 29, 10),
    ("M004", "warning", CW, 35, 12),
    ("M003", "error", CW, 40, 12),
];

fn expected() -> Vec<(String, String, String, usize, usize)> {
    EXPECTED
        .iter()
        .map(|&(c, s, f, l, col)| (c.into(), s.into(), f.into(), l, col))
        .collect()
}

#[test]
fn the_examples_lint_clean() {
    let r = run("examples");
    let codes: Vec<_> = r.diagnostics.iter().map(|d| d.code).collect();
    // Only information findings: the catalogs (format v1) say nothing of
    // their source, and base items no crosswalk uses yet.
    assert_eq!(codes, ["P001", "P001", "M006", "M006"]);
    assert!(!r.has_errors());
}

#[test]
fn json_reports_each_defect_once_in_the_documented_shape() {
    let r = run("examples-defects");
    let doc: Value = serde_json::from_str(&report::json(&r)).unwrap();
    let got: Vec<_> = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let keys: Vec<_> = d.as_object().unwrap().keys().cloned().collect();
            assert_eq!(
                keys,
                [
                    "code",
                    "severity",
                    "message",
                    "file",
                    "line",
                    "column",
                    "end_line",
                    "end_column",
                    "help",
                    "fix",
                    "related"
                ]
            );
            (
                d["code"].as_str().unwrap().to_owned(),
                d["severity"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap().to_owned(),
                d["line"].as_u64().unwrap() as usize,
                d["column"].as_u64().unwrap() as usize,
            )
        })
        .collect();
    assert_eq!(got, expected());
    assert_eq!(
        doc["summary"],
        serde_json::json!({"errors": 9, "warnings": 3, "infos": 3, "files": 6})
    );
    // No planted defect has an automatic fix; related places are listed.
    let all = doc["diagnostics"].as_array().unwrap();
    assert!(all.iter().all(|d| d["fix"].is_null()));
    let r001 = all.iter().find(|d| d["code"] == "R001").unwrap();
    assert_eq!(r001["related"][0]["line"], 18);
    assert_eq!(r001["related"][0]["message"], "最初の定義");
    // End positions: the R002 span is the quoted value "Drawings" (10 characters).
    let r002 = doc["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["code"] == "R002")
        .unwrap();
    assert_eq!(
        (r002["end_line"].as_u64(), r002["end_column"].as_u64()),
        (Some(12), Some(16))
    );
}

#[test]
fn github_annotations_report_each_defect_once() {
    let r = run("examples-defects");
    let text = report::github(&r, "content/");
    let mut got = Vec::new();
    for line in text.lines().filter(|l| l.starts_with("::")) {
        let (head, message) = line[2..].split_once("::").unwrap();
        let (command, props) = head.split_once(' ').unwrap();
        let prop = |k: &str| {
            props
                .split(',')
                .find_map(|p| p.strip_prefix(&format!("{k}=")))
                .unwrap_or_else(|| panic!("{k} missing in {line}"))
                .to_owned()
        };
        let title = prop("title");
        let code = title
            .split("%20")
            .next()
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_owned();
        let severity = match command {
            "error" => "error",
            "warning" => "warning",
            "notice" => "info",
            other => panic!("unexpected command {other}"),
        };
        let file = prop("file").strip_prefix("content/").unwrap().to_owned();
        got.push((
            code,
            severity.to_owned(),
            file,
            prop("line").parse().unwrap(),
            prop("col").parse().unwrap(),
        ));
        // Messages are one line: newlines in help are escaped.
        assert!(message.contains("%0Ahelp: "), "{line}");
    }
    assert_eq!(got, expected());
    // The file property escapes what would end it.
    assert!(text.contains("file=content/mappings/example-assoc@2.0--example-base@1.0.toml,"));
}

#[test]
fn sarif_reports_each_defect_once() {
    let r = run("examples-defects");
    let doc: Value = serde_json::from_str(&report::sarif(&r)).unwrap();
    assert_eq!(doc["version"], "2.1.0");
    let run = &doc["runs"][0];
    assert_eq!(run["columnKind"], "unicodeCodePoints");
    let rules = run["tool"]["driver"]["rules"].as_array().unwrap();
    let mut got = Vec::new();
    for res in run["results"].as_array().unwrap() {
        let code = res["ruleId"].as_str().unwrap();
        let index = res["ruleIndex"].as_u64().unwrap() as usize;
        assert_eq!(rules[index]["id"], code, "ruleIndex points at the rule");
        let loc = &res["locations"][0]["physicalLocation"];
        assert_eq!(loc["artifactLocation"]["uriBaseId"], "ROOT");
        let severity = match res["level"].as_str().unwrap() {
            "note" => "info",
            s => s,
        };
        got.push((
            code.to_owned(),
            severity.to_owned(),
            loc["artifactLocation"]["uri"]
                .as_str()
                .unwrap()
                .replace("%40", "@"),
            loc["region"]["startLine"].as_u64().unwrap() as usize,
            loc["region"]["startColumn"].as_u64().unwrap() as usize,
        ));
    }
    assert_eq!(got, expected());
    // Rules carry their documentation; related places are kept.
    let r001 = rules.iter().find(|x| x["id"] == "R001").unwrap();
    assert!(
        r001["help"]["markdown"]
            .as_str()
            .unwrap()
            .contains("## 悪い例")
    );
    let dup = run["results"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["ruleId"] == "R001")
        .unwrap();
    assert_eq!(
        dup["relatedLocations"][0]["physicalLocation"]["region"]["startLine"],
        18
    );
}

#[test]
fn human_output_shows_each_defect_once_at_its_place() {
    let r = run("examples-defects");
    let text = report::human(
        &r,
        HumanOptions {
            width: 100,
            color: false,
        },
    );
    for (code, _, file, line, column) in EXPECTED {
        let times = EXPECTED.iter().filter(|e| e.0 == *code).count();
        let headers = text.lines().filter(|l| l.trim() == *code).count();
        assert_eq!(headers, times, "{code} {times} times in:\n{text}");
        assert!(
            text.contains(&format!("[{file}:{line}:{column}]")),
            "{code} at {file}:{line}:{column}"
        );
    }
    assert!(text.ends_with("エラー 9 件、警告 3 件、情報 3 件（6 ファイルを検査）\n"));
    // Underlines and help are shown.
    assert!(text.contains("╰── 形が正しくない"));
    assert!(text.contains("help: "));
}
