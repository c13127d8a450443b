//! One rule for reading content and one for writing output (`sc3_model::fsx`),
//! and what the loader reports about links, unpublished files and a theme.

use std::fs;
use std::path::Path;

use sc3_model::fsx::{self, FsError, Kind};

fn write(path: &Path, text: &str) {
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

#[test]
fn output_paths_stay_inside_their_folder() {
    let base = Path::new("/srv/out");
    let accepted = [
        ("a.md", "/srv/out/a.md"),
        (
            "guidelines/ipa-sme/3.1.md",
            "/srv/out/guidelines/ipa-sme/3.1.md",
        ),
        (
            "mappings/meti-sc@2026--ipa-sme@3.1.csv",
            "/srv/out/mappings/meti-sc@2026--ipa-sme@3.1.csv",
        ),
        ("画像/図1.png", "/srv/out/画像/図1.png"),
        ("a..b/c", "/srv/out/a..b/c"),
        (".hidden", "/srv/out/.hidden"),
        ("...", "/srv/out/..."),
    ];
    for (rel, want) in accepted {
        assert_eq!(
            fsx::out_path(base, rel).unwrap(),
            Path::new(want),
            "{rel} is accepted"
        );
    }
    let refused = [
        ("", "空のパス"),
        ("/etc/passwd", "絶対パス"),
        ("//server/share", "絶対パス"),
        ("..", "「..」"),
        ("../x", "「..」"),
        ("a/../../x", "「..」"),
        ("guidelines/../../../../tmp/x/1.md", "「..」"),
        ("a/./b", "「.」"),
        (".", "「.」"),
        ("a//b", "空の部分"),
        ("a/", "空の部分"),
        ("a\0b", "制御文字"),
        ("a\nb", "制御文字"),
        ("a\u{7f}", "制御文字"),
        ("a\u{85}", "制御文字"),
        ("..\\..\\x", "バックスラッシュ"),
        ("a\\b", "バックスラッシュ"),
        ("C:/Windows/x", "「:」"),
        ("c:x", "「:」"),
        ("a.md:stream", "「:」"),
    ];
    for (rel, why) in refused {
        let e = fsx::out_path(base, rel).unwrap_err();
        assert!(
            matches!(e, FsError::Unsafe { .. }) && e.to_string().contains(why),
            "{rel:?} is refused because of {why}: {e}"
        );
    }
}

#[cfg(unix)]
#[test]
fn content_is_never_read_through_a_link() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    write(&outside.join("secret.txt"), "SECRET");
    write(&outside.join("dir/secret.txt"), "SECRET");
    let root = tmp.path().join("repo");
    write(&root.join("book/src/ok.md"), "# ok\n");
    symlink(
        outside.join("secret.txt"),
        root.join("book/src/file-link.md"),
    )
    .unwrap();
    symlink(outside.join("dir"), root.join("book/src/dir-link")).unwrap();
    symlink(outside.join("dir"), root.join("guidelines")).unwrap();
    // A link inside the root, to a file inside the root, is refused too.
    symlink(root.join("book/src/ok.md"), root.join("book/src/inner.md")).unwrap();

    assert_eq!(fsx::read(&root, "book/src/ok.md").unwrap(), b"# ok\n");
    let refused = [
        ("book/src/file-link.md", "book/src/file-link.md"),
        ("book/src/dir-link/secret.txt", "book/src/dir-link"),
        ("guidelines/secret.txt", "guidelines"),
        ("book/src/inner.md", "book/src/inner.md"),
    ];
    for (rel, link) in refused {
        match fsx::read(&root, rel) {
            Err(FsError::Symlink(p)) => assert_eq!(p, link, "{rel}"),
            other => panic!("{rel}: {other:?}"),
        }
        assert!(fsx::is_file(&root, rel).is_err(), "{rel}");
    }
    assert!(fsx::is_dir(&root, "guidelines").is_err());
    assert_eq!(fsx::kind(&root, "guidelines").unwrap(), Some(Kind::Symlink));
    assert!(matches!(
        fsx::walk(&root, "guidelines", |_| true),
        Err(FsError::Symlink(p)) if p == "guidelines"
    ));
    assert!(matches!(
        fsx::read(&root, "../outside/secret.txt"),
        Err(FsError::Unsafe { .. })
    ));
    assert!(matches!(
        fsx::read(&root, "/etc/passwd"),
        Err(FsError::Unsafe { .. })
    ));
    let e = fsx::read(&root, "book/src/file-link.md").unwrap_err();
    assert_eq!(
        e.to_string(),
        "book/src/file-link.md はシンボリックリンクです。内容はシンボリックリンクを通しては読みません"
    );
}

#[cfg(unix)]
#[test]
fn the_walk_yields_links_and_never_enters_them() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    write(&outside.join("deep/secret.md"), "SECRET");
    let root = tmp.path().join("repo");
    write(&root.join("book/src/a.md"), "a");
    write(&root.join("book/src/b/c.md"), "c");
    write(&root.join("book/src-x.md"), "x");
    symlink(&outside, root.join("book/src/b/link")).unwrap();
    let w = fsx::walk(&root, "book", |_| true).unwrap();
    assert!(w.errors.is_empty(), "{:?}", w.errors);
    let got: Vec<_> = w
        .entries
        .iter()
        .map(|e| (e.rel.as_str(), e.kind, e.depth))
        .collect();
    assert_eq!(
        got,
        [
            ("book/src", Kind::Dir, 1),
            ("book/src/a.md", Kind::File, 2),
            ("book/src/b", Kind::Dir, 2),
            ("book/src/b/c.md", Kind::File, 3),
            ("book/src/b/link", Kind::Symlink, 3),
            ("book/src-x.md", Kind::File, 1),
        ]
    );
    // A folder not entered is still listed.
    let w = fsx::walk(&root, "book", |e| e.name() != "b").unwrap();
    let rels: Vec<_> = w.entries.iter().map(|e| e.rel.as_str()).collect();
    assert_eq!(
        rels,
        ["book/src", "book/src/a.md", "book/src/b", "book/src-x.md"]
    );
    assert!(
        fsx::walk(&root, "missing", |_| true)
            .unwrap()
            .entries
            .is_empty()
    );
}

#[cfg(unix)]
#[test]
fn devices_fifos_and_huge_files_are_not_read() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    fs::create_dir_all(root.join("book/data")).unwrap();
    let fifo = root.join("book/data/fifo.toml");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    // A sparse file one byte over the limit: nothing is read.
    let big = fs::File::create(root.join("book/data/big.toml")).unwrap();
    big.set_len(fsx::MAX_FILE_SIZE + 1).unwrap();
    symlink("/dev/zero", root.join("book/data/zero.toml")).unwrap();

    // Each returns at once: a FIFO without a writer would block an open, and
    // /dev/zero would be read until memory runs out.
    assert!(matches!(
        fsx::read(root, "book/data/fifo.toml"),
        Err(FsError::NotFile(p)) if p == "book/data/fifo.toml"
    ));
    assert!(matches!(
        fsx::read(root, "book/data/zero.toml"),
        Err(FsError::Symlink(_))
    ));
    let e = fsx::read(root, "book/data/big.toml").unwrap_err();
    assert!(matches!(e, FsError::TooLarge { size, .. } if size == fsx::MAX_FILE_SIZE + 1));
    assert_eq!(
        e.to_string(),
        "book/data/big.toml は 16.0 MB あります。16 MB を超えるファイルは読み込みません"
    );
    assert!(matches!(
        fsx::read(root, "book/data"),
        Err(FsError::NotFile(_))
    ));
}

#[cfg(unix)]
#[test]
fn writes_never_follow_a_link_or_leave_the_folder() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    fs::create_dir_all(&outside).unwrap();
    write(&outside.join("victim.txt"), "original");
    let out = tmp.path().join("out");
    fs::create_dir_all(&out).unwrap();
    symlink(&outside, out.join("linked-dir")).unwrap();
    symlink(outside.join("victim.txt"), out.join("linked-file.txt")).unwrap();

    let written = fsx::write(&out, "a/b/c.txt", b"hello").unwrap();
    assert_eq!(written, out.join("a/b/c.txt"));
    assert_eq!(fs::read(&written).unwrap(), b"hello");
    fsx::write(&out, "a/b/c.txt", b"again").unwrap();
    assert_eq!(
        fs::read(&written).unwrap(),
        b"again",
        "an existing file is replaced"
    );

    assert!(matches!(
        fsx::write(&out, "linked-dir/new.txt", b"x"),
        Err(FsError::Symlink(p)) if p == "linked-dir"
    ));
    assert!(matches!(
        fsx::write(&out, "linked-file.txt", b"x"),
        Err(FsError::Symlink(_))
    ));
    assert!(matches!(
        fsx::write(&out, "../outside/new.txt", b"x"),
        Err(FsError::Unsafe { .. })
    ));
    assert!(matches!(
        fsx::write(&out, "a/b", b"x"),
        Err(FsError::NotFile(_))
    ));
    assert!(matches!(
        fsx::write(&out, "a/b/c.txt/d", b"x"),
        Err(FsError::NotDir(p)) if p == "a/b/c.txt"
    ));
    let mut left: Vec<_> = fs::read_dir(&outside)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    left.sort();
    assert_eq!(left, ["victim.txt"], "nothing was written outside");
    assert_eq!(fs::read(outside.join("victim.txt")).unwrap(), b"original");
}

#[test]
fn the_published_file_types_are_an_allowlist() {
    for name in [
        "a.md", "図.png", "a.PNG", "a.jpg", "a.jpeg", "a.gif", "a.webp", "a.pdf", "a.csv",
        "a.xlsx", "a.docx", "a.txt",
    ] {
        assert!(fsx::is_published(name), "{name}");
    }
    for name in [
        "a.html",
        "a.htm",
        "a.HTML",
        "a.js",
        "a.mjs",
        "a.svg",
        "a.css",
        "a.hbs",
        "Makefile",
        "README",
        ".png",
        "a.png.html",
        "a.",
        "a.xhtml",
        "a.wasm",
    ] {
        assert!(!fsx::is_published(name), "{name}");
    }
}

/// (code, path, message) of each diagnostic, sorted by path.
fn findings(l: &sc3_model::Loaded) -> Vec<(&'static str, String, String)> {
    let mut v: Vec<_> = l
        .diagnostics
        .iter()
        .map(|d| {
            let path = d
                .file
                .map_or(String::new(), |f| l.repo.file(f).path.clone());
            (d.code, path, d.message.clone())
        })
        .collect();
    v.sort();
    v
}

#[cfg(unix)]
#[test]
fn the_loader_reports_every_link_at_any_depth() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    write(&outside.join("secret.toml"), "[terms]\nallow = [\"秘\"]\n");
    write(
        &outside.join("guidelines/x/1.toml"),
        "[guideline]\nid = \"x\"\nversion = \"1\"\ntitle = \"SECRET\"\n",
    );
    write(&outside.join("src/secret.md"), "# SECRET\n");
    let root = tmp.path().join("repo");
    write(&root.join("book/src/intro.md"), "# はじめに\n");
    write(&root.join("mappings/.keep"), "");
    fs::create_dir_all(root.join("guidelines/a/b/c")).unwrap();
    // A link deep inside guidelines/, a linked lint.toml, links in book/.
    symlink(
        outside.join("guidelines/x/1.toml"),
        root.join("guidelines/a/b/c/1.toml"),
    )
    .unwrap();
    symlink(outside.join("secret.toml"), root.join("lint.toml")).unwrap();
    symlink("/dev/zero", root.join("book/data.toml")).unwrap();
    fs::create_dir_all(root.join("book/data")).unwrap();
    symlink("/dev/zero", root.join("book/data/x.toml")).unwrap();
    symlink(outside.join("src"), root.join("book/toolkit")).unwrap();
    // Links in hidden places are reported too (nothing there is read).
    symlink(
        outside.join("secret.toml"),
        root.join("book/src/.hidden.md"),
    )
    .unwrap();
    fs::create_dir_all(root.join("guidelines/.cache")).unwrap();
    symlink(&outside, root.join("guidelines/.cache/link")).unwrap();
    write(&root.join("guidelines/.cache/x.toml"), "not read");
    // The default output folder as a link: mdBook empties its output folder
    // before it writes, so this would empty the folder it points at.
    symlink(&outside, root.join("book/build")).unwrap();

    let l = sc3_model::load(&root).unwrap();
    assert!(
        l.repo.guidelines.is_empty(),
        "nothing behind a link is read"
    );
    assert_eq!(l.repo.config, sc3_model::config::Config::default());
    let got = findings(&l);
    let codes: Vec<_> = got.iter().map(|(c, p, _)| (*c, p.as_str())).collect();
    assert_eq!(
        codes,
        [
            ("L010", "book/build"),
            ("L010", "book/data.toml"),
            ("L010", "book/data/x.toml"),
            ("L010", "book/src/.hidden.md"),
            ("L010", "book/toolkit"),
            ("L010", "guidelines/.cache/link"),
            ("L010", "guidelines/a/b/c/1.toml"),
            ("L010", "lint.toml"),
        ],
        "{got:#?}"
    );
    for (_, path, message) in &got {
        assert!(
            message.starts_with(&format!("{path} はシンボリックリンクです。GitHub では")),
            "{message}"
        );
    }
    let d = &l.diagnostics[0];
    assert_eq!(d.severity, sc3_model::Severity::Error);
    assert_eq!(
        d.help.as_deref(),
        Some("シンボリックリンクをやめ、ファイル（フォルダ）そのものを置いてください")
    );
}

#[cfg(unix)]
#[test]
fn linked_content_folders_are_reported_and_not_read() {
    use std::os::unix::fs::symlink;
    let tmp = tempfile::tempdir().unwrap();
    let outside = tmp.path().join("outside");
    write(
        &outside.join("x/1.toml"),
        "[guideline]\nid = \"x\"\nversion = \"1\"\ntitle = \"SECRET\"\n",
    );
    write(&outside.join("intro.md"), "# SECRET\n");
    let root = tmp.path().join("repo");
    fs::create_dir_all(root.join("book")).unwrap();
    symlink(&outside, root.join("guidelines")).unwrap();
    symlink(&outside, root.join("book/src")).unwrap();
    let l = sc3_model::load(&root).unwrap();
    assert!(l.repo.guidelines.is_empty() && l.repo.markdown.is_empty());
    let codes: Vec<_> = findings(&l).into_iter().map(|(c, p, _)| (c, p)).collect();
    assert_eq!(
        codes,
        [("L010", "book/src".into()), ("L010", "guidelines".into())]
    );

    // The whole book folder as a link.
    fs::remove_file(root.join("book/src")).unwrap();
    fs::remove_dir(root.join("book")).unwrap();
    symlink(&outside, root.join("book")).unwrap();
    let l = sc3_model::load(&root).unwrap();
    let codes: Vec<_> = findings(&l).into_iter().map(|(c, p, _)| (c, p)).collect();
    assert_eq!(
        codes,
        [("L010", "book".into()), ("L010", "guidelines".into())]
    );
}

#[test]
fn files_the_site_does_not_publish_and_a_theme_are_reported() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for (path, text) in [
        ("book/src/intro.md", "# はじめに\n"),
        ("book/src/img/図.png", "png"),
        ("book/src/a.html", "<script>alert(1)</script>"),
        ("book/src/deep/x.js", "alert(1)"),
        ("book/src/logo.svg", "<svg onload=alert(1)>"),
        ("book/src/Makefile", "all:"),
        ("book/src/.gitkeep", ""),
        ("book/theme/head.hbs", "<script>alert(1)</script>"),
        ("book/regulations/01.hbs", "{{company}}"),
        ("book/data/survey.toml", ""),
    ] {
        write(&root.join(path), text);
    }
    let l = sc3_model::load(root).unwrap();
    let got = findings(&l);
    let codes: Vec<_> = got.iter().map(|(c, p, _)| (*c, p.as_str())).collect();
    assert_eq!(
        codes,
        [
            ("L011", "book/src/Makefile"),
            ("L011", "book/src/a.html"),
            ("L011", "book/src/deep/x.js"),
            ("L011", "book/src/logo.svg"),
            ("L012", "book/theme"),
        ],
        "{got:#?}"
    );
    assert_eq!(
        got[1].2,
        "book/src/a.html は手引きに載せない種類のファイルです。このファイルはサイトにコピーされません"
    );
    let help = l.diagnostics.iter().find(|d| d.code == "L011").unwrap();
    assert!(
        help.help
            .as_deref()
            .unwrap()
            .starts_with("載せられるのは .md・.png・.jpg"),
        "{:?}",
        help.help
    );
}
