//! The command line on hostile repositories (issue 18, rows 3–5): the lint
//! reports links at their paths, and `book`, `export`, `export-oscal` and
//! `import` write nothing outside their output folder whatever the ids say.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs the xtask binary with the system's temporary folder at `/tmp`, so a
/// path climbing out of a temporary folder lands where the test looks:
/// (exit code, stdout, stderr).
fn xtask(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args(args)
        .env("TMPDIR", "/tmp")
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// A fresh folder under /tmp that a hostile id points at, and the id: walked
/// up from any folder at most four deep (a temporary folder, an output folder
/// inside one), `../../../../tmp/<unique>/x` is `/tmp/<unique>/x`.
fn target(name: &str) -> (PathBuf, String) {
    let unique = format!("sc3-hostile-{}-{name}", std::process::id());
    let dir = Path::new("/tmp").join(&unique);
    let _ = fs::remove_dir_all(&dir);
    (dir, format!("../../../../tmp/{unique}/x"))
}

/// Every path below `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut v: Vec<_> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .flatten()
        .map(|e| {
            e.path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    v.sort();
    v
}

/// (code, file) of each finding in `lint --format json`.
fn lint_findings(root: &Path) -> Vec<(String, String)> {
    let (code, stdout, stderr) =
        xtask(&["lint", "--root", root.to_str().unwrap(), "--format", "json"]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let mut v: Vec<_> = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    v.sort();
    v
}

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

#[cfg(unix)]
#[test]
fn a_linked_download_is_reported_and_the_book_publishes_nothing() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    for dir in ["guidelines", "mappings", "book"] {
        for e in walkdir::WalkDir::new(repository().join(dir)) {
            let e = e.unwrap();
            let rel = e.path().strip_prefix(repository()).unwrap();
            if rel.starts_with("book/build") {
                continue;
            }
            if e.file_type().is_dir() {
                fs::create_dir_all(root.join(rel)).unwrap();
            } else {
                fs::copy(e.path(), root.join(rel)).unwrap();
            }
        }
    }
    let marker = format!("SC3-SECRET-{}", std::process::id());
    let assets = root.join("book/toolkit/example/assets.csv");
    let mut secret = fs::read_to_string(&assets).unwrap();
    secret.push_str(&format!("{marker},{marker},{marker}\n"));
    let outside = tmp.path().join("environ");
    fs::write(&outside, secret).unwrap();
    fs::remove_file(&assets).unwrap();
    symlink(&outside, &assets).unwrap();

    let l010: Vec<_> = lint_findings(&root)
        .into_iter()
        .filter(|(c, _)| c == "L010")
        .collect();
    assert_eq!(
        l010,
        [("L010".into(), "book/toolkit/example/assets.csv".into())]
    );
    let out = tmp.path().join("site");
    let (code, stdout, stderr) = xtask(&[
        "book",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(
        stderr.contains("L010")
            && stderr.contains("book/toolkit/example/assets.csv はシンボリックリンクです"),
        "{stderr}"
    );
    assert!(!out.exists(), "nothing is rendered");
    // The secret is in no file but its own.
    let holding: Vec<_> = walkdir::WalkDir::new(tmp.path())
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| fs::read_to_string(e.path()).is_ok_and(|t| t.contains(&marker)))
        .map(|e| e.into_path())
        .collect();
    assert_eq!(holding, [outside]);
}

#[cfg(unix)]
#[test]
fn the_lint_reports_linked_folders_lint_toml_and_deep_links() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    write(
        &outside.join("x/1.toml"),
        "[guideline]\nid = \"x\"\nversion = \"1\"\ntitle = \"題\"\n",
    );
    write(&outside.join("lint.toml"), "[terms]\n");
    let root = tmp.path().join("repo");
    write(&root.join("book/src/intro.md"), "# はじめに\n");
    fs::create_dir_all(root.join("mappings/a/b")).unwrap();
    symlink(&outside, root.join("guidelines")).unwrap();
    symlink(outside.join("lint.toml"), root.join("lint.toml")).unwrap();
    symlink(outside.join("x/1.toml"), root.join("mappings/a/b/c.toml")).unwrap();
    assert_eq!(
        lint_findings(&root),
        [
            ("L010".into(), "guidelines".into()),
            ("L010".into(), "lint.toml".into()),
            ("L010".into(), "mappings/a/b/c.toml".into()),
        ]
    );
    let (_, stdout, _) = xtask(&["lint", "--root", root.to_str().unwrap(), "--color", "never"]);
    assert!(
        stdout.contains("guidelines はシンボリックリンクです。GitHub ではシンボリックリンクは1行のファイルに見えます"),
        "{stdout}"
    );
    assert!(
        stdout.contains("シンボリックリンクをやめ、ファイル（フォルダ）そのものを置いてください"),
        "{stdout}"
    );
}

fn hostile_repository(id: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    write(&tmp.path().join("book/src/intro.md"), "# はじめに\n");
    write(
        &tmp.path().join("guidelines/x/1.toml"),
        &format!(
            "[guideline]\nid = \"{id}\"\nversion = \"1\"\ntitle = \"題\"\n\n[[item]]\nid = \"a\"\ntitle = \"項目\"\n"
        ),
    );
    tmp
}

#[test]
fn a_hostile_id_makes_the_book_write_nothing_outside() {
    let (target, id) = target("book");
    let repo = hostile_repository(&id);
    let root = repo.path().to_str().unwrap();
    let out = repo.path().join("site");
    let (code, stdout, stderr) = xtask(&["book", "--root", root, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    assert!(stderr.contains("R002"), "{stderr}");
    assert!(!target.exists(), "{} was written", target.display());
    assert!(!out.exists());
    assert_eq!(
        tree(repo.path()),
        [
            "book",
            "book/src",
            "book/src/intro.md",
            "guidelines",
            "guidelines/x",
            "guidelines/x/1.toml"
        ]
    );
}

#[test]
fn export_and_oscal_write_nothing_for_a_hostile_id() {
    for command in [
        &["export"][..],
        &["export", "--format", "csv"],
        &["export-oscal"],
    ] {
        let (target, id) = target(command.last().unwrap());
        // The folder exists: the export used to write x_1.xlsx into it.
        fs::create_dir_all(&target).unwrap();
        let repo = hostile_repository(&id);
        let out = repo.path().join("out");
        let mut args = command.to_vec();
        args.extend([
            "--root",
            repo.path().to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]);
        let (code, stdout, stderr) = xtask(&args);
        assert_eq!(code, 1, "{command:?}: {stdout}{stderr}");
        assert!(
            stderr.contains(&id) && stderr.contains("「..」"),
            "{command:?}: {stderr}"
        );
        assert_eq!(
            tree(&target),
            Vec::<String>::new(),
            "{command:?} wrote there"
        );
        assert!(!out.exists(), "{command:?}: nothing is written at all");
        fs::remove_dir(&target).unwrap();
    }
}

const MAPPING: &str = r#"[source]
file = "import/data.csv"
header_rows = 1

[catalog]
id = "CATALOG_ID"
version = "1"
title = "題"

[columns]
category_no = "大分類No."
category = "大分類"
subcategory_no = "中分類No."
subcategory = "中分類"
requirement_no = "要求事項No."
requirement = "要求事項名"
criterion_no = "評価基準No."
level = "レベル"

[[reference]]
header = "参照"
pattern = '(?P<items>\d+)'
[reference.target]
id = "ref"
version = "TARGET_VERSION"
title = "参照先"
"#;

const DATA: &str = "大分類No.,大分類,中分類No.,中分類,要求事項No.,要求事項名,評価基準No.,レベル,参照\n\
1,組織,1,方針,1,方針を定める,1,★3,5\n";

/// The mapping with these ids.
fn mapping(catalog: &str, version: &str) -> String {
    MAPPING
        .replace("CATALOG_ID", catalog)
        .replace("TARGET_VERSION", version)
}

/// `cargo xtask import` of `root`'s `import/m.toml`.
fn import(root: &Path) -> (i32, String, String) {
    xtask(&[
        "import",
        "--root",
        root.to_str().unwrap(),
        root.join("import/m.toml").to_str().unwrap(),
    ])
}

#[test]
fn import_writes_nothing_for_hostile_ids_in_its_mapping() {
    let (target, id) = target("import");
    for (catalog, version) in [(id.as_str(), "1"), ("ok", id.as_str()), ("ok", "1")] {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        write(&root.join("import/data.csv"), DATA);
        write(&root.join("import/m.toml"), &mapping(catalog, version));
        let before = tree(root);
        let (code, stdout, stderr) = import(root);
        if catalog == "ok" && version == "1" {
            // Good ids import, inside the root.
            assert_eq!(code, 0, "{stdout}{stderr}");
            assert!(
                stdout.contains("guidelines/ok/1.toml を書きました"),
                "{stdout}"
            );
            assert!(root.join("mappings/ok@1--ref@1.toml").is_file());
            continue;
        }
        assert_eq!(code, 1, "{stdout}{stderr}");
        assert!(stderr.contains("は使えません"), "{stderr}");
        assert!(stderr.contains(&id), "{stderr}");
        assert!(!target.exists(), "{} was written", target.display());
        assert_eq!(tree(root), before, "nothing is written in the repository");
    }
}

#[cfg(unix)]
#[test]
fn import_does_not_read_a_linked_mapping_in_the_repository() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("mapping.toml");
    fs::write(&outside, mapping("ok", "1")).unwrap();
    let root = tmp.path().join("repo");
    write(&root.join("import/data.csv"), DATA);
    symlink(&outside, root.join("import/m.toml")).unwrap();
    let (code, _, stderr) = import(&root);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("import/m.toml はシンボリックリンクです"),
        "{stderr}"
    );
    assert!(!root.join("guidelines").exists());
}
