//! The command line on hostile content: `lint --fix` on a read-only file (left
//! alone), in a directory it cannot write to, and on bidirectional controls
//! written as TOML escapes (a fix never leaves a temporary or half-written file behind);
//! and `book` with markup in every free-text field.

use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::path::Path;

mod common;
use common::xtask;

const CATALOG: &str = "[guideline]\nid = \"x\"\nversion = \"1\"\ntitle = \"題\\u202E名\"\n";
const FIXED: &str = "[guideline]\nid = \"x\"\nversion = \"1\"\ntitle = \"題名\"\n";

fn repo() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("guidelines/x/1.toml");
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(&path, CATALOG).unwrap();
    dir
}

fn names(dir: &Path) -> Vec<String> {
    let mut v: Vec<_> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    v.sort();
    v
}

#[test]
fn an_escaped_bidi_control_is_reported_and_fixed() {
    let repo = repo();
    let root = repo.path().to_str().unwrap();
    let (code, stdout, _) = xtask(&["lint", "--root", root, "--format", "json"]);
    assert_eq!(code, 1, "{stdout}");
    let json: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let all = json["diagnostics"].as_array().unwrap();
    let d = all.iter().find(|d| d["code"] == "T008").unwrap();
    assert_eq!(all.len(), 2, "T008 and P001 (no source): {stdout}");
    assert_eq!(d["file"], "guidelines/x/1.toml");
    assert_eq!((&d["line"], &d["column"]), (&4.into(), &11.into()), "{d}");

    let (code, _, stderr) = xtask(&["lint", "--root", root, "--fix", "--quiet"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("1 件を修正しました（1 ファイル）"),
        "{stderr}"
    );
    let dir = repo.path().join("guidelines/x");
    assert_eq!(fs::read_to_string(dir.join("1.toml")).unwrap(), FIXED);
    assert_eq!(names(&dir), ["1.toml"], "no temporary file is left");
}

#[test]
fn a_read_only_file_is_left_as_it_was() {
    let repo = repo();
    let dir = repo.path().join("guidelines/x");
    let file = dir.join("1.toml");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o444)).unwrap();
    let root = repo.path().to_str().unwrap();
    let (code, _, stderr) = xtask(&["lint", "--root", root, "--fix", "--quiet"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(
            "エラー: guidelines/x/1.toml に書き込めません: 読み取り専用のファイルなので、そのままにしました"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains("0 件を修正しました（0 ファイル）"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(&file).unwrap(), CATALOG);
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o444
    );
    assert_eq!(names(&dir), ["1.toml"], "no temporary file is left");
}

#[test]
fn a_fix_that_cannot_be_written_leaves_the_file_as_it_was() {
    let repo = repo();
    let dir = repo.path().join("guidelines/x");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o555)).unwrap();
    // The superuser (CI runs as root) writes into the directory anyway: then
    // the write is made to fail by a file size limit of 0, which binds root
    // too (the signal it raises is ignored, so the write returns EFBIG).
    let probe = dir.join(".probe");
    let root_writes = fs::write(&probe, "").is_ok();
    if root_writes {
        fs::remove_file(&probe).unwrap();
    }
    let root = repo.path().to_str().unwrap();
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(if root_writes {
            "ulimit -f 0; trap '' XFSZ; exec \"$0\" \"$@\""
        } else {
            "exec \"$0\" \"$@\""
        })
        .arg(env!("CARGO_BIN_EXE_xtask"))
        .args(["lint", "--root", root, "--fix", "--quiet"])
        .output()
        .unwrap();
    let (code, stderr) = (out.status.code(), String::from_utf8_lossy(&out.stderr));
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.contains("エラー: guidelines/x/1.toml に書き込めません"),
        "{stderr}"
    );
    assert_eq!(fs::read_to_string(dir.join("1.toml")).unwrap(), CATALOG);
    assert_eq!(names(&dir), ["1.toml"], "no temporary file is left");
}

/// Copies the example repository (tests/fixtures/examples) into `to`.
fn copy_examples(to: &Path) {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/examples");
    for entry in walkdir::WalkDir::new(&from) {
        let entry = entry.unwrap();
        let dest = to.join(entry.path().strip_prefix(&from).unwrap());
        if entry.file_type().is_dir() {
            fs::create_dir_all(&dest).unwrap();
        } else {
            fs::copy(entry.path(), &dest).unwrap();
        }
    }
}

/// Markup naming the field it was planted in.
fn payload(field: &str) -> String {
    format!(
        "<script>alert('{field}')</script><img src=x onerror=alert('{field}')>[{field}](javascript:alert('{field}'))"
    )
}

#[test]
fn markup_in_every_content_field_reaches_the_book_as_text() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    copy_examples(&root);
    // Every free-text field of every TOML file gets markup naming it.
    let fields = [
        "title",
        "text",
        "name",
        "association",
        "publisher",
        "note",
        "rationale",
    ];
    let mut planted = Vec::new();
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "toml") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).unwrap();
        let mut out = String::new();
        for line in text.lines() {
            let key = line.split(" = \"").next().unwrap_or("");
            if fields.contains(&key) && line.ends_with('"') {
                let field = format!("{key}{}", planted.len());
                // A TOML basic string: escape the quotes of the payload.
                let value = payload(&field).replace('"', "\\\"");
                out.push_str(&format!("{}{value}\"\n", &line[..line.len() - 1]));
                planted.push(field);
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        fs::write(entry.path(), out).unwrap();
    }
    assert!(planted.len() >= 15, "{planted:?}");
    let out = tmp.path().join("out");
    let (code, stdout, stderr) = xtask(&[
        "book",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let mut html = String::new();
    for entry in walkdir::WalkDir::new(&out) {
        let entry = entry.unwrap();
        if entry.path().extension().is_some_and(|e| e == "html") {
            html.push_str(&fs::read_to_string(entry.path()).unwrap());
        }
    }
    for bad in [
        "<script>alert",
        "<img src=x",
        "href=\"javascript",
        "<a href=\"javascript",
    ] {
        assert!(!html.contains(bad), "{bad} reached a page as markup");
    }
    // Each field is on some page, as text.
    let hidden: Vec<_> = planted
        .iter()
        .filter(|f| {
            !html.contains(&format!("&lt;script&gt;alert('{f}')&lt;/script&gt;"))
                && !html.contains(&format!(
                    "&lt;script&gt;alert(&#39;{f}&#39;)&lt;/script&gt;"
                ))
        })
        .collect();
    assert_eq!(hidden, Vec::<&String>::new(), "fields not shown as text");
}

#[test]
fn a_hand_written_page_where_the_build_generates_one_stops_the_build() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    copy_examples(&root);
    // glossary.md is generated from the glossaries: a pull request that adds
    // its own would silently replace it.
    fs::write(root.join("book/src/glossary.md"), "# 用語集（手書き）\n").unwrap();
    let out = tmp.path().join("out");
    let (code, _, stderr) = xtask(&[
        "book",
        "--root",
        root.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("book/src/glossary.md is hand-written but the build generates that page"),
        "{stderr}"
    );
    assert!(!out.join("glossary.html").exists(), "nothing is rendered");
}

/// Control characters in the content, in a file's name or in an argument
/// are shown as pictures on standard output and standard error: a pull
/// request cannot rename, clear or recolour the terminal that lints it.
#[test]
fn no_control_character_reaches_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    fs::create_dir_all(root.join("guidelines/x")).unwrap();
    fs::write(
        root.join("guidelines/x/1.toml"),
        "[guideline]\nid = \"x\"\nversion = \"1\"\ntitle = \"題\"\n\n[[item]]\nid = \"a\\u001b[8m\"\ntitle = \"項目\"\n",
    )
    .unwrap();
    fs::create_dir_all(root.join("book")).unwrap();
    fs::write(root.join("book/\u{1b}[2Jx.md"), "# \u{1b}]0;PWNED\u{7}題\n").unwrap();
    let shown = |text: &str| {
        text.chars()
            .all(|c| c == '\n' || !sc3_lint::report::is_control(c))
    };
    let r = root.to_str().unwrap();
    for format in ["human", "github", "json"] {
        let (code, stdout, stderr) = xtask(&["lint", "--root", r, "--format", format]);
        assert_eq!(code, 1, "{stdout}{stderr}");
        assert!(shown(&stdout), "{format}:\n{stdout}");
        assert!(shown(&stderr), "{format}:\n{stderr}");
        if format != "json" {
            assert!(stdout.contains("a␛[8m"), "{format}:\n{stdout}");
            assert!(stdout.contains("book/␛[2Jx.md"), "{format}:\n{stdout}");
        }
    }
    let missing = root.join("\u{1b}]0;PWNED\u{7}");
    let (code, _, stderr) = xtask(&["lint", "--root", missing.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(stderr.contains("␛]0;PWNED␇"), "{stderr}");
    assert!(shown(&stderr), "{stderr}");
    // An output folder named so: the lines saying what was written.
    let out = root.join("out\u{1b}[2J");
    let (code, stdout, stderr) = xtask(&[
        "export",
        "--root",
        r,
        "--format",
        "csv",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("out␛[2J"), "{stdout}");
    assert!(shown(&stdout) && shown(&stderr), "{stdout}{stderr}");
    // An argument clap cannot use, quoted back in its error.
    for args in [
        &["dev", "\u{1b}]0;PWNED\u{7}x"][..],
        &["\u{1b}]0;PWNED\u{7}x"],
    ] {
        let (code, _, stderr) = xtask(args);
        assert_eq!(code, 2, "{stderr}");
        assert!(shown(&stderr), "{args:?}: {stderr}");
    }
}
