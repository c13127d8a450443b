//! The build's own defences, without the lint in front of it: a pull request
//! whose content slipped past the lint still cannot make the build read a
//! file of the build machine into a page, publish a page that runs script,
//! or write outside its output (issue 18). `xtask/tests/security.rs` checks
//! the same attacks through the command line, where the lint stops them first.

use std::fs;
use std::path::{Path, PathBuf};

use sc3_site::build;

/// A secret on the build machine: a file outside the repository.
struct Secret {
    _dir: tempfile::TempDir,
    path: PathBuf,
    marker: String,
}

fn secret() -> Secret {
    let dir = tempfile::tempdir().unwrap();
    let marker = format!("SC3-SECRET-{}", std::process::id());
    let path = dir.path().join("secret.md");
    fs::write(&path, format!("# 秘密\n\n{marker}\n")).unwrap();
    Secret {
        _dir: dir,
        path,
        marker,
    }
}

/// A repository with one chapter and a summary, to plant things in.
fn repo(chapter: &str, summary: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("book/src");
    fs::create_dir_all(&src).unwrap();
    fs::write(src.join("intro.md"), chapter).unwrap();
    fs::write(src.join("SUMMARY.md"), summary).unwrap();
    dir
}

const SUMMARY: &str = "# Summary\n\n[はじめに](intro.md)\n";

fn try_build(root: &Path) -> (tempfile::TempDir, Result<sc3_site::BuildSummary, String>) {
    let loaded = sc3_model::load(root).unwrap();
    let out = tempfile::tempdir().unwrap();
    let r = build(&loaded.repo, &out.path().join("site"), &[]).map_err(|e| e.to_string());
    (out, r)
}

/// Every byte written under `dir`, as text.
fn everything(dir: &Path) -> String {
    let mut all = String::new();
    for e in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if e.file_type().is_file() {
            all.push_str(&String::from_utf8_lossy(&fs::read(e.path()).unwrap()));
        }
    }
    all
}

#[test]
fn include_directives_are_not_run() {
    let s = secret();
    let chapter = format!(
        "# はじめに\n\n{{{{#include {}}}}}\n\n{{{{#include ../../../../../../../../..{}}}}}\n",
        s.path.display(),
        s.path.display()
    );
    let root = repo(&chapter, SUMMARY);
    let (out, built) = try_build(root.path());
    built.unwrap();
    let all = everything(out.path());
    assert!(!all.contains(&s.marker), "the secret was published");
    // The directive stays as the text it is.
    assert!(
        fs::read_to_string(out.path().join("site/intro.html"))
            .unwrap()
            .contains("{{#include ")
    );
}

#[test]
fn a_summary_entry_outside_the_book_is_refused_before_it_is_read() {
    let s = secret();
    let outside = format!("../../../../../../../../..{}", s.path.display());
    for entry in [
        outside.as_str(),
        s.path.to_str().unwrap(),
        "javascript:alert(1).md",
    ] {
        let root = repo(
            "# はじめに\n",
            &format!("# Summary\n\n[はじめに](intro.md)\n\n- [秘密]({entry})\n"),
        );
        let (out, built) = try_build(root.path());
        let err = built.unwrap_err();
        assert!(err.contains("SUMMARY.md"), "{entry}: {err}");
        assert!(err.contains("S004"), "{err}");
        assert!(!everything(out.path()).contains(&s.marker));
        // Nothing is written beside the secret either.
        assert_eq!(
            fs::read_dir(s.path.parent().unwrap()).unwrap().count(),
            1,
            "{entry}"
        );
    }
}

#[test]
fn a_page_with_script_is_not_published() {
    for chapter in [
        "# はじめに\n\n<script>document.title='pwned'</script>\n",
        "# はじめに\n\n<img src=x onerror=alert(1)>\n",
        "# はじめに {onclick=alert(1)}\n",
        "# はじめに\n\n[x](javascript:alert(1))\n",
        "# はじめに\n\n<iframe src=\"https://example.com\"></iframe>\n",
    ] {
        let root = repo(chapter, SUMMARY);
        let (out, built) = try_build(root.path());
        let err = built.unwrap_err();
        assert!(err.contains("intro.html"), "{chapter}: {err}");
        assert!(
            !out.path().join("site").exists(),
            "{chapter}: the refused output is removed"
        );
    }
}

#[test]
fn every_page_of_a_clean_book_carries_the_policy() {
    let root = repo("# はじめに\n\n本文 <kbd>K</kbd>\n", SUMMARY);
    let (out, built) = try_build(root.path());
    built.unwrap();
    let mut pages = 0;
    for e in walkdir::WalkDir::new(out.path()).into_iter().flatten() {
        if e.path().extension().is_some_and(|x| x == "html") {
            let html = fs::read_to_string(e.path()).unwrap();
            let policy = html.find("http-equiv=\"Content-Security-Policy\"");
            let first_script = html.find("<script");
            assert!(policy.is_some(), "{}", e.path().display());
            if first_script.is_some() {
                assert!(policy < first_script, "{}", e.path().display());
            }
            pages += 1;
        }
    }
    assert!(pages >= 3, "{pages}");
}

#[test]
fn a_recursive_partial_in_a_template_stops_the_build_with_its_place() {
    let root = repo("# はじめに\n", SUMMARY);
    let dir = root.path().join("book/regulations");
    fs::create_dir_all(&dir).unwrap();
    fs::write(
        dir.join("01-a.hbs"),
        "## 第1章\n\n{{#*inline \"p\"}}{{> p}}{{/inline}}{{> p}}\n",
    )
    .unwrap();
    let (_out, built) = try_build(root.path());
    let err = built.unwrap_err();
    assert!(err.contains("01-a.hbs:3:1"), "{err}");
    assert!(err.contains("S006"), "{err}");
}
