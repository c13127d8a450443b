//! The row (and line) each command reports is the one the user's own tool
//! shows (issue 15): `risk` on a register saved with CRLF, LF, CR or mixed
//! line ends, in Shift_JIS or UTF-8, with a quoted line break above the bad
//! row; `import` on a crosswalk sheet saved by Excel on Windows (Shift_JIS,
//! CRLF, and the same as LF, CR, mixed and UTF-8 with a BOM); `risk` on an
//! XLSX register under title rows; `diagnose` on a Shift_JIS CRLF (and LF)
//! answers file. Each file has its problem in row (line) 12. The files are
//! in `crates/toolkit/tests/fixtures/rows/`, or made from them in the test.

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

/// `bytes` with each CRLF replaced by the line end `end(i)` gives the
/// `i`-th one (Shift_JIS never uses CR or LF inside a character, so this is
/// safe on its bytes); written to `dir/name`.
fn relined(
    dir: &std::path::Path,
    name: &str,
    bytes: &[u8],
    end: impl Fn(usize) -> &'static [u8],
) -> String {
    let mut out = Vec::new();
    let mut i = 0;
    let mut rest = bytes;
    while let Some(at) = rest.windows(2).position(|w| w == b"\r\n") {
        out.extend_from_slice(&rest[..at]);
        out.extend_from_slice(end(i));
        i += 1;
        rest = &rest[at + 2..];
    }
    out.extend_from_slice(rest);
    let path = dir.join(name);
    std::fs::write(&path, out).unwrap();
    path.to_str().unwrap().to_owned()
}

#[test]
fn import_reports_row_12_whatever_the_line_ends_and_encoding() {
    let dir = tempfile::tempdir().unwrap();
    let sjis = std::fs::read(fixture("crosswalk-sjis-crlf.csv")).unwrap();
    let utf8 = sc3_toolkit::sheet::decode(&sjis).unwrap().into_bytes();
    let bom: Vec<u8> = b"\xEF\xBB\xBF".iter().chain(&utf8).copied().collect();
    let files = [
        relined(dir.path(), "sjis-lf.csv", &sjis, |_| b"\n"),
        relined(dir.path(), "sjis-cr.csv", &sjis, |_| b"\r"),
        relined(dir.path(), "utf8-bom-crlf.csv", &bom, |_| b"\r\n"),
        relined(dir.path(), "utf8-mixed.csv", &utf8, |i| {
            [&b"\r\n"[..], b"\n", b"\r"][i % 3]
        }),
    ];
    for file in files {
        let (code, _, stderr) = xtask(&["import", &file]);
        assert_eq!(code, 1, "{file}");
        assert_eq!(
            stderr,
            format!(
                "エラー: {file}: 12 行目 3 列: 判定「たぶん」は 対応／準対応／非対応（参照の表では 参照あり／参照なし）のどれでもありません\n"
            )
        );
    }
}

#[test]
fn risk_reports_row_12_of_an_xlsx_register_under_title_rows() {
    // The kit's register template: a title and a note above the heading in
    // row 3, the assets from row 4; the ninth asset, in row 12, has 「高」
    // for 可用性 (column G).
    let mut rows: Vec<Vec<String>> = (1..=9)
        .map(|i| {
            ["共通", &format!("資産{i}"), "", "", "2", "2", "2", "2", "2"]
                .map(str::to_owned)
                .to_vec()
        })
        .collect();
    rows[8][6] = "高".into();
    let xlsx =
        sc3_toolkit::templates::register_template(&rows, sc3_toolkit::risk::ImportanceRule::Max)
            .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("台帳.xlsx");
    std::fs::write(&file, xlsx).unwrap();
    let file = file.to_str().unwrap();
    let (code, stdout, stderr) = xtask(&["risk", file]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        format!("エラー: {file}: 12 行目 7 列（可用性）: 「高」は 1〜3 の数字ではありません\n")
    );
    assert!(stdout.starts_with("  4 行  共通／資産1"), "{stdout}");
    assert!(stdout.contains("\n 11 行  共通／資産8"), "{stdout}");
}

#[test]
fn diagnose_reports_line_12_of_an_lf_answers_file() {
    let dir = tempfile::tempdir().unwrap();
    let sjis = std::fs::read(fixture("answers-sjis-crlf.toml")).unwrap();
    let file = relined(dir.path(), "answers-lf.toml", &sjis, |_| b"\n");
    let (code, _, stderr) = xtask(&["diagnose", &file]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with(&format!(
            "エラー: {file}:12:3: 「たぶん」は答えの選択肢ではありません"
        )),
        "{stderr}"
    );
}
