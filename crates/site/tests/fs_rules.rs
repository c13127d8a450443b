//! The book build on hostile repositories (issue 18, rows 3–5): links are
//! never followed, ids never name a path outside the staging folder, and only
//! static file types from `book/src` reach the site.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

use sc3_site::{ExtraPage, build, stage};

fn repository() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A copy of `from`'s content folders (`guidelines`, `mappings`, `book`
/// without its output) in `to`.
fn copy_content(from: &Path, to: &Path) {
    for dir in ["guidelines", "mappings", "book"] {
        for entry in walkdir::WalkDir::new(from.join(dir)) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(from).unwrap();
            if rel.starts_with("book/build") {
                continue;
            }
            if entry.file_type().is_dir() {
                fs::create_dir_all(to.join(rel)).unwrap();
            } else {
                fs::copy(entry.path(), to.join(rel)).unwrap();
            }
        }
    }
}

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Every file below `dir` that contains `marker`.
fn files_containing(dir: &Path, marker: &str) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .filter(|e| {
            fs::read(e.path())
                .unwrap()
                .windows(marker.len())
                .any(|w| w == marker.as_bytes())
        })
        .map(|e| e.into_path())
        .collect()
}

/// Stages `root` into a fresh folder: the error, and the folder.
fn stage_error(root: &Path) -> (String, tempfile::TempDir) {
    let loaded = sc3_model::load(root).unwrap();
    let staging = tempfile::tempdir().unwrap();
    let err = stage(&loaded.repo, staging.path(), &[])
        .err()
        .expect("staging fails");
    (err.to_string(), staging)
}

/// The codes and paths the loader reports.
fn findings(root: &Path) -> Vec<(&'static str, String)> {
    let l = sc3_model::load(root).unwrap();
    let mut v: Vec<_> = l
        .diagnostics
        .iter()
        .map(|d| (d.code, l.repo.file(d.file.unwrap()).path.clone()))
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn a_linked_download_is_never_published() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    copy_content(&repository(), &root);
    // Outside the repository: a valid asset register with a secret in it,
    // which the build would publish as tools/example/assets.csv if it
    // followed the link.
    let marker = format!("SC3-SECRET-{}", std::process::id());
    let assets = root.join("book/toolkit/example/assets.csv");
    let mut secret = fs::read_to_string(&assets).unwrap();
    secret.push_str(&format!("{marker},{marker},{marker}\n"));
    let outside = tmp.path().join("outside.csv");
    fs::write(&outside, secret).unwrap();
    fs::remove_file(&assets).unwrap();
    symlink(&outside, &assets).unwrap();

    assert!(
        findings(&root).contains(&("L010", "book/toolkit/example/assets.csv".into())),
        "the lint reports the link at its path"
    );
    let (err, staging) = stage_error(&root);
    assert_eq!(
        err,
        "book/toolkit/example/assets.csv はシンボリックリンクです。内容はシンボリックリンクを通しては読みません"
    );
    assert_eq!(
        files_containing(staging.path(), &marker),
        Vec::<PathBuf>::new()
    );

    let out = tmp.path().join("out");
    let loaded = sc3_model::load(&root).unwrap();
    assert!(build(&loaded.repo, &out, &[]).is_err());
    assert!(!out.exists() || files_containing(&out, &marker).is_empty());
    assert_eq!(
        files_containing(tmp.path(), &marker),
        [outside],
        "the secret is nowhere but where it was"
    );
}

#[cfg(unix)]
#[test]
fn a_linked_book_src_is_not_copied() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let marker = format!("SC3-SECRET-{}", std::process::id());
    let outside = tmp.path().join("outside");
    write(&outside.join("intro.md"), &format!("# {marker}\n"));
    write(&outside.join("secret.txt"), &marker);
    let root = tmp.path().join("repo");
    write(&root.join("guidelines/.keep"), "");
    fs::create_dir_all(root.join("book")).unwrap();
    symlink(&outside, root.join("book/src")).unwrap();

    assert_eq!(findings(&root), [("L010", "book/src".into())]);
    let (err, staging) = stage_error(&root);
    assert!(
        err.starts_with("book/src はシンボリックリンクです"),
        "{err}"
    );
    assert!(files_containing(staging.path(), &marker).is_empty());
}

#[cfg(unix)]
#[test]
fn chart_data_linked_to_dev_zero_is_refused_at_once() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().to_path_buf();
    write(&root.join("book/src/intro.md"), "# はじめに\n");
    fs::create_dir_all(root.join("book/data")).unwrap();
    symlink("/dev/zero", root.join("book/data/x.toml")).unwrap();

    assert_eq!(findings(&root), [("L010", "book/data/x.toml".into())]);
    // Reading /dev/zero would never end: the staging must return within
    // seconds, with the link named.
    let (tx, rx) = mpsc::channel();
    let r = root.clone();
    std::thread::spawn(move || {
        let _ = tx.send(stage_error(&r).0);
    });
    let err = rx
        .recv_timeout(Duration::from_secs(60))
        .expect("staging returns instead of reading /dev/zero");
    assert_eq!(
        err,
        "book/data/x.toml はシンボリックリンクです。内容はシンボリックリンクを通しては読みません"
    );
}

/// A catalog whose id, walked up from the staging folder, names a folder of
/// its own under /tmp.
fn hostile_catalog(id: &str) -> String {
    format!(
        "[guideline]\nid = \"{id}\"\nversion = \"1\"\ntitle = \"題\"\n\n[[item]]\nid = \"a\"\ntitle = \"項目\"\n"
    )
}

#[test]
fn a_hostile_id_writes_nothing_outside_the_staging_folder() {
    let unique = format!("sc3-hostile-{}-stage", std::process::id());
    let target = Path::new("/tmp").join(&unique);
    let _ = fs::remove_dir_all(&target);
    let id = format!("../../../../tmp/{unique}/x");
    for (path, text) in [
        ("guidelines/x/1.toml", hostile_catalog(&id)),
        (
            "guidelines/industries/y.toml",
            format!("[industry]\nid = \"{id}\"\nname = \"業界\"\n"),
        ),
    ] {
        let tmp = tempfile::tempdir().unwrap();
        write(&tmp.path().join("book/src/intro.md"), "# はじめに\n");
        write(&tmp.path().join(path), &text);
        let (err, staging) = stage_error(tmp.path());
        assert!(
            err.starts_with(&format!("{path}: ")) && err.contains(&id) && err.contains("R002"),
            "{err}"
        );
        let written: Vec<_> = walkdir::WalkDir::new(staging.path())
            .min_depth(1)
            .into_iter()
            .collect();
        assert!(written.is_empty(), "nothing is written: {written:?}");
        assert!(!target.exists(), "{} was created", target.display());
    }
}

#[test]
fn only_static_file_types_from_book_src_are_published() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("repo");
    copy_content(&repository().join("tests/fixtures/examples"), &root);
    let marker = "SC3-ACTIVE-CONTENT";
    for (path, text) in [
        ("book/src/evil.html", format!("<script>{marker}</script>")),
        ("book/src/evil.htm", format!("<script>{marker}</script>")),
        ("book/src/deep/evil.js", format!("alert('{marker}')")),
        ("book/src/evil.mjs", format!("alert('{marker}')")),
        ("book/src/logo.svg", format!("<svg onload=\"{marker}\"/>")),
        ("book/src/evil.css", format!("body{{content:'{marker}'}}")),
        ("book/src/evil.hbs", format!("{{{{{marker}}}}}")),
        ("book/src/LICENSE", marker.to_owned()),
        // The theme is the program's: a head.hbs would reach every page.
        ("book/theme/head.hbs", format!("<script>{marker}</script>")),
        ("book/theme/index.hbs", format!("<script>{marker}</script>")),
        // Allowed: a picture and a text file, published as they are.
        ("book/src/img/figure.png", "PNG-BYTES".to_owned()),
        ("book/src/notes.txt", "テキスト".to_owned()),
        // Hidden files are neither copied nor reported.
        ("book/src/.evil.html", format!("<script>{marker}</script>")),
    ] {
        write(&root.join(path), &text);
    }
    let got = findings(&root);
    assert_eq!(
        got,
        [
            ("L011", "book/src/LICENSE".into()),
            ("L011", "book/src/deep/evil.js".into()),
            ("L011", "book/src/evil.css".into()),
            ("L011", "book/src/evil.hbs".into()),
            ("L011", "book/src/evil.htm".into()),
            ("L011", "book/src/evil.html".into()),
            ("L011", "book/src/evil.mjs".into()),
            ("L011", "book/src/logo.svg".into()),
            ("L012", "book/theme".into()),
        ]
    );

    let loaded = sc3_model::load(&root).unwrap();
    let out = tmp.path().join("out");
    let extra = [ExtraPage {
        part: "リファレンス".into(),
        depth: 0,
        files: Vec::new(),
        path: "reference/rules.md".into(),
        title: "検査ルール一覧".into(),
        markdown: "# 検査ルール一覧\n".into(),
    }];
    build(&loaded.repo, &out, &extra).unwrap();
    assert_eq!(files_containing(&out, marker), Vec::<PathBuf>::new());
    for gone in [
        "evil.html",
        "evil.htm",
        "deep/evil.js",
        "evil.mjs",
        "logo.svg",
        "evil.css",
        "evil.hbs",
        "LICENSE",
        ".evil.html",
    ] {
        assert!(!out.join(gone).exists(), "{gone} is published");
    }
    assert_eq!(fs::read(out.join("img/figure.png")).unwrap(), b"PNG-BYTES");
    assert_eq!(
        fs::read_to_string(out.join("notes.txt")).unwrap(),
        "テキスト"
    );
    assert!(
        fs::read_to_string(out.join("intro.html"))
            .unwrap()
            .contains("sc3-search-"),
        "the pages still use the program's own theme and scripts"
    );
}
