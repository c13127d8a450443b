//! The row (and line) each command reports is the one the user's own tool
//! shows (issue 15): `risk` on a register saved with CRLF, LF, CR or mixed
//! line ends, in Shift_JIS or UTF-8, with a quoted line break above the bad
//! row; `import` on a crosswalk sheet saved by Excel on Windows (Shift_JIS,
//! CRLF); `diagnose` on a Shift_JIS CRLF answers file. Each file has its
//! problem in row (line) 12. The files are in
//! `crates/toolkit/tests/fixtures/rows/`.

use std::path::PathBuf;

mod common;
use common::xtask;

fn fixture(name: &str) -> String {
    let path: PathBuf = [
        env!("CARGO_MANIFEST_DIR"),
        "../crates/toolkit/tests/fixtures/rows",
        name,
    ]
    .iter()
    .collect();
    path.to_str().unwrap().to_owned()
}

#[test]
fn risk_reports_row_12_whatever_the_line_ends() {
    for name in [
        "register-sjis-crlf.csv",
        "register-sjis-lf.csv",
        "register-sjis-cr.csv",
        "register-utf8-mixed.csv",
        "register-utf8-bom-crlf.csv",
    ] {
        let file = fixture(name);
        let (code, stdout, stderr) = xtask(&["risk", &file]);
        assert_eq!(code, 1, "{name}");
        assert_eq!(
            stderr,
            format!("エラー: {file}: 12 行目 6 列（可用性）: 「高」は 1〜3 の数字ではありません\n"),
            "{name}"
        );
        // The rows around the quoted line break keep their numbers too.
        assert!(
            stdout.contains("\n  6 行  工事／現場写真"),
            "{name}: {stdout}"
        );
        assert!(
            stdout.contains("\n 11 行  共通／ホームページ"),
            "{name}: {stdout}"
        );
    }
}

#[test]
fn import_reports_row_12_of_a_crosswalk_saved_by_excel() {
    let file = fixture("crosswalk-sjis-crlf.csv");
    let (code, _, stderr) = xtask(&["import", &file]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!(
            "エラー: {file}: 12 行目 3 列: 判定「たぶん」は 対応／準対応／非対応（参照の表では 参照あり／参照なし）のどれでもありません\n"
        )
    );
}

#[test]
fn diagnose_reports_line_12_of_a_shift_jis_crlf_answers_file() {
    let file = fixture("answers-sjis-crlf.toml");
    let (code, _, stderr) = xtask(&["diagnose", &file]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!(
            "エラー: {file}:12:3: 「たぶん」は答えの選択肢ではありません"
        )),
        "{stderr}"
    );
}
