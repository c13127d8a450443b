//! The security regression suite (issue 18): each attack a pull request was
//! found to make, planted in a repository, run through the command line as CI
//! and the pages workflow run it. Each case asserts that the lint reports it
//! (exit 1, with the rule's code and the file) and that `book` publishes
//! nothing of it. `crates/site/tests/security.rs` checks the build's own
//! defences without the lint; `cargo xtask dev browser-test` checks in Chromium
//! that script planted in a built page does not run.

use std::fs;
use std::path::{Path, PathBuf};

mod common;
use common::xtask;

/// A file outside the repository, standing for the build machine's secrets.
struct Secret {
    dir: tempfile::TempDir,
    marker: String,
}

impl Secret {
    fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let marker = format!("SC3-SECRET-{}-{}", std::process::id(), line!());
        fs::write(dir.path().join("secret.md"), format!("# s\n\n{marker}\n")).unwrap();
        Secret { dir, marker }
    }

    fn path(&self) -> PathBuf {
        self.dir.path().join("secret.md")
    }
}

/// A copy of the design examples (a repository that lints clean and builds).
fn examples() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/examples");
    for e in walkdir::WalkDir::new(&from).into_iter().flatten() {
        let rel = e.path().strip_prefix(&from).unwrap();
        if e.file_type().is_dir() {
            fs::create_dir_all(tmp.path().join(rel)).unwrap();
        } else {
            fs::copy(e.path(), tmp.path().join(rel)).unwrap();
        }
    }
    tmp
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// (code, file) of every error the lint reports, and its exit code.
fn lint_errors(root: &Path) -> (i32, Vec<(String, String)>) {
    let (code, stdout, stderr) =
        xtask(&["lint", "--root", root.to_str().unwrap(), "--format", "json"]);
    let json: serde_json::Value =
        serde_json::from_str(&stdout).unwrap_or_else(|e| panic!("{e}: {stdout} {stderr}"));
    let errors = json["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| d["severity"] == "error")
        .map(|d| {
            (
                d["code"].as_str().unwrap().to_owned(),
                d["file"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    (code, errors)
}

/// Runs `book` into a fresh folder; returns its exit code, stderr and every
/// byte it wrote.
fn book(root: &Path) -> (i32, String, String) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let (code, _, stderr) = xtask(&[
        "book",
        "--root",
        root.to_str().unwrap(),
        "--out",
        site.to_str().unwrap(),
    ]);
    let mut all = String::new();
    for e in walkdir::WalkDir::new(out.path()).into_iter().flatten() {
        if e.file_type().is_file() {
            all.push_str(&String::from_utf8_lossy(&fs::read(e.path()).unwrap()));
        }
    }
    (code, stderr, all)
}

/// Asserts the lint reports `code` in `file` and the book is not built, and
/// nothing of the secret is published.
fn refused(root: &Path, code: &str, file: &str, secret: Option<&Secret>) {
    let (exit, errors) = lint_errors(root);
    assert_eq!(exit, 1, "{errors:?}");
    assert!(
        errors.iter().any(|(c, f)| c == code && f == file),
        "expected {code} in {file}: {errors:?}"
    );
    let (exit, stderr, written) = book(root);
    assert_eq!(exit, 1, "{stderr}");
    assert!(stderr.contains(code), "book says why it stopped: {stderr}");
    assert!(
        !written.contains(".html"),
        "no page is written when the lint fails"
    );
    if let Some(s) = secret {
        assert!(!written.contains(&s.marker), "the secret was published");
    }
}

#[test]
fn t1_include_directives_are_errors_and_never_read() {
    let s = Secret::new();
    for directive in [
        format!("{{{{#include {}}}}}", s.path().display()),
        format!(
            "{{{{#include ../../../../../../../..{}}}}}",
            s.path().display()
        ),
        "{{#include /proc/self/environ}}".to_owned(),
        "{{ #rustdoc_include /etc/passwd }}".to_owned(),
        "{{#playground /etc/passwd}}".to_owned(),
    ] {
        let root = examples();
        write(
            root.path(),
            "book/src/intro.md",
            &format!("# はじめに\n\n{directive}\n"),
        );
        refused(root.path(), "S001", "book/src/intro.md", Some(&s));
    }
}

#[test]
fn t2_raw_html_in_a_chapter_or_a_template_is_an_error() {
    for (file, text) in [
        (
            "book/src/intro.md",
            "# はじめに\n\n<script>alert(1)</script>\n",
        ),
        (
            "book/src/intro.md",
            "# はじめに\n\n本文 <img src=x onerror=alert(1)>\n",
        ),
        (
            "book/src/intro.md",
            "# はじめに\n\n<svg onload=alert(1)></svg>\n",
        ),
        (
            "book/src/intro.md",
            "# はじめに\n\n<iframe src=\"javascript:alert(1)\"></iframe>\n",
        ),
        (
            "book/src/intro.md",
            "# はじめに\n\n<form action=https://example.com><input name=p></form>\n",
        ),
        (
            "book/src/intro.md",
            "# はじめに\n\n<style>body{display:none}</style>\n",
        ),
        (
            "book/src/intro.md",
            "# はじめに\n\n<div style=\"position:fixed;inset:0;background:#fff\">偽</div>\n",
        ),
        ("book/src/intro.md", "# はじめに {onclick=alert(1)}\n"),
        (
            "book/regulations/01-a.hbs",
            "## 第1章\n\n<img src=x onerror=alert(1)>\n",
        ),
    ] {
        let root = examples();
        write(root.path(), file, text);
        refused(root.path(), "S002", file, None);
    }
}

#[test]
fn t3_a_summary_entry_outside_book_src_is_an_error_and_never_read() {
    let s = Secret::new();
    let parent = s.dir.path().to_path_buf();
    for entry in [
        format!("../../../../../../../..{}", s.path().display()),
        s.path().display().to_string(),
    ] {
        let root = examples();
        write(
            root.path(),
            "book/src/SUMMARY.md",
            &format!("# Summary\n\n[はじめに](intro.md)\n\n- [秘密]({entry})\n"),
        );
        refused(root.path(), "S004", "book/src/SUMMARY.md", Some(&s));
        // Nothing was written beside the secret (mdBook would have written
        // `secret.html` there).
        assert_eq!(fs::read_dir(&parent).unwrap().count(), 1);
    }
}

#[test]
fn t6_a_chapter_named_like_a_script_url_is_an_error() {
    let root = examples();
    write(root.path(), "book/src/javascript:alert(1).md", "# x\n");
    write(
        root.path(),
        "book/src/SUMMARY.md",
        "# Summary\n\n[はじめに](intro.md)\n\n- [x](javascript:alert(1).md)\n",
    );
    refused(root.path(), "S005", "book/src/javascript:alert(1).md", None);
    let (_, errors) = lint_errors(root.path());
    assert!(errors.contains(&("S004".into(), "book/src/SUMMARY.md".into())));
}

#[test]
fn t6_links_to_script_urls_are_errors() {
    let root = examples();
    write(
        root.path(),
        "book/src/intro.md",
        "# はじめに\n\n[資料](&#106;avascript:alert(1)) <javascript:alert(2)>\n",
    );
    refused(root.path(), "S003", "book/src/intro.md", None);
}

#[test]
fn t8_a_recursive_partial_is_an_error_not_a_stack_overflow() {
    let root = examples();
    write(
        root.path(),
        "book/regulations/01-a.hbs",
        "## 第1章\n\n{{#*inline \"p\"}}{{> p}}{{/inline}}{{> p}}\n",
    );
    refused(root.path(), "S006", "book/regulations/01-a.hbs", None);
}

#[test]
fn the_examples_themselves_pass_and_build_with_a_policy_on_every_page() {
    let root = examples();
    let (exit, errors) = lint_errors(root.path());
    assert_eq!((exit, errors), (0, vec![]));
    let (exit, stderr, written) = book(root.path());
    assert_eq!(exit, 0, "{stderr}");
    assert!(written.contains("http-equiv=\"Content-Security-Policy\""));
}
