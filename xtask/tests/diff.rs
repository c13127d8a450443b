//! `diff` and `revision-table` on real git repositories, built here with the
//! git command line: a commit that flips two relations, edits an item title
//! a crosswalk uses and adds a glossary term; a renamed crosswalk file; an
//! added industry; a shallow clone without its base; a merge commit; two tags.

use std::fs;
use std::path::Path;
use std::process::Command;

mod common;
use common::xtask;

fn git(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_AUTHOR_NAME", "t")
        .env("GIT_AUTHOR_EMAIL", "t@example.com")
        .env("GIT_COMMITTER_NAME", "t")
        .env("GIT_COMMITTER_EMAIL", "t@example.com")
        .env("GIT_AUTHOR_DATE", "2026-01-01T00:00:00Z")
        .env("GIT_COMMITTER_DATE", "2026-01-01T00:00:00Z")
        .output()
        .expect("git runs");
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

const BASE: &str = "[guideline]\nid = \"base\"\nversion = \"1\"\ntitle = \"基本\"\npublisher = \"発行者\"\nholds = \"summaries\"\n\n[[item]]\nid = \"k-1\"\ntitle = \"体制を定める\"\n\n[[item]]\nid = \"k-2\"\ntitle = \"情報資産を管理する\"\n\n[[item]]\nid = \"k-3\"\ntitle = \"事故に備える\"\n";
const ASSOC: &str = "[guideline]\nid = \"assoc\"\nversion = \"1\"\ntitle = \"業界\"\npublisher = \"業界団体（架空）\"\nholds = \"summaries\"\nmaintainers = [\"@assoc\"]\n\n[[item]]\nid = \"A-1\"\ntitle = \"責任者を置く\"\n\n[[item]]\nid = \"A-2\"\ntitle = \"一覧を作る\"\n\n[[item]]\nid = \"A-3\"\ntitle = \"連絡先を決める\"\n";
const GLOSSARY: &str = "[glossary]\nid = \"common\"\nscope = \"all\"\n\n[[term]]\npreferred = \"取り組み\"\nvariants = [\"取組み\"]\n";

fn crosswalk(r1: &str, r2: &str) -> String {
    let why = |r: &str| {
        if r == "partial" {
            "rationale = \"一部だけ\"\n"
        } else {
            ""
        }
    };
    format!(
        "[crosswalk]\nsource = \"assoc@1\"\ntarget = \"base@1\"\nmaintainers = [\"@assoc\"]\n\n[[map]]\nsource = \"A-1\"\nrelation = \"{r1}\"\ntargets = [\"k-1\"]\n{}\n[[map]]\nsource = \"A-2\"\nrelation = \"{r2}\"\ntargets = [\"k-2\"]\n{}\n[[map]]\nsource = \"A-3\"\nrelation = \"covered\"\ntargets = [\"k-3\"]\n\n{}\n\n[[reviewed]]\nitem = \"assoc@1:A-1\"\ntitle = \"責任者を置く\"\n\n[[reviewed]]\nitem = \"assoc@1:A-2\"\ntitle = \"一覧を作る\"\n\n[[reviewed]]\nitem = \"assoc@1:A-3\"\ntitle = \"連絡先を決める\"\n\n[[reviewed]]\nitem = \"base@1:k-1\"\ntitle = \"体制を定める\"\n\n[[reviewed]]\nitem = \"base@1:k-2\"\ntitle = \"情報資産を管理する\"\n\n[[reviewed]]\nitem = \"base@1:k-3\"\ntitle = \"事故に備える\"\n",
        why(r1),
        why(r2),
        sc3_lint::review::MARKER
    )
}

fn write(root: &Path, rel: &str, text: &str) {
    let p = root.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// A repository with one commit (tagged v1) and the change of the issue on
/// top (tagged v2).
fn repository() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    git(root, &["init", "-q", "-b", "main"]);
    write(root, "guidelines/base/1.toml", BASE);
    write(root, "guidelines/assoc/1.toml", ASSOC);
    write(root, "guidelines/glossary/common.toml", GLOSSARY);
    write(
        root,
        "mappings/assoc@1--base@1.toml",
        &crosswalk("partial", "partial"),
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "v1"]);
    git(root, &["tag", "v1"]);
    write(
        root,
        "guidelines/base/1.toml",
        &BASE.replace("title = \"事故に備える\"", "title = \"事故と災害に備える\""),
    );
    write(
        root,
        "guidelines/glossary/common.toml",
        &format!("{GLOSSARY}\n[[term]]\npreferred = \"サーバー\"\nvariants = [\"サーバ\"]\n"),
    );
    write(
        root,
        "mappings/assoc@1--base@1.toml",
        &crosswalk("covered", "covered"),
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "v2"]);
    git(root, &["tag", "v2"]);
    dir
}

fn diff_json(root: &Path, args: &[&str]) -> serde_json::Value {
    let mut all = vec!["diff", "--root", root.to_str().unwrap()];
    all.extend(args);
    all.extend(["--format", "json"]);
    let (code, stdout, stderr) = xtask(&all);
    assert_eq!(code, 0, "{stderr}");
    serde_json::from_str(&stdout).unwrap()
}

#[test]
fn the_change_exactly_with_coverage_and_stale_entries() {
    let repo = repository();
    let j = diff_json(repo.path(), &["v1", "v2"]);
    // Catalogs: one title.
    let cats = j["catalogs"].as_array().unwrap();
    assert_eq!(cats.len(), 1, "{j:#}");
    assert_eq!(cats[0]["key"], "base@1");
    assert_eq!(
        cats[0]["items"]["changed"][0]["before"]["title"],
        "事故に備える"
    );
    assert_eq!(
        cats[0]["items"]["changed"][0]["after"]["title"],
        "事故と災害に備える"
    );
    assert_eq!(cats[0]["items"]["added"], serde_json::json!([]));
    // Crosswalks: two flips, coverage before and after, one stale entry.
    let cws = j["crosswalks"].as_array().unwrap();
    assert_eq!(cws.len(), 1);
    let changed = cws[0]["entries"]["changed"].as_array().unwrap();
    let flips: Vec<(&str, &str, &str)> = changed
        .iter()
        .map(|d| {
            (
                d["source"].as_str().unwrap(),
                d["before"]["relation"].as_str().unwrap(),
                d["after"]["relation"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        flips,
        [("A-1", "partial", "covered"), ("A-2", "partial", "covered")]
    );
    assert_eq!(cws[0]["coverage"]["before"]["covered"], 1);
    assert_eq!(cws[0]["coverage"]["before"]["partial"], 2);
    assert_eq!(cws[0]["coverage"]["after"]["covered"], 3);
    assert_eq!(cws[0]["coverage"]["after"]["shares"]["covered"], 100.0);
    assert_eq!(cws[0]["stale"].as_array().unwrap().len(), 1);
    assert_eq!(cws[0]["stale"][0]["source"], "A-3");
    // Glossaries: one term.
    assert_eq!(j["glossaries"][0]["added"], serde_json::json!(["サーバー"]));
    // Nothing else.
    assert_eq!(j["industries"], serde_json::json!([]));
    let new: Vec<&str> = j["findings"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(new, ["M008"]);
    assert_eq!(j["findings"]["fixed"], serde_json::json!([]));
}

#[test]
fn a_renamed_file_an_added_industry_and_the_work_tree() {
    let repo = repository();
    let root = repo.path();
    git(
        root,
        &[
            "mv",
            "guidelines/assoc/1.toml",
            "guidelines/assoc-renamed.toml",
        ],
    );
    write(
        root,
        "guidelines/industries/kakuu.toml",
        "[industry]\nid = \"kakuu\"\nname = \"架空業\"\nassociation = \"業界団体（架空）\"\nbase = \"base@1\"\n",
    );
    // HEAD defaults to the work tree (the rename and the new file are not
    // committed).
    let j = diff_json(root, &["v2"]);
    assert_eq!(
        j["catalogs"],
        serde_json::json!([]),
        "a moved catalog is the same catalog"
    );
    assert_eq!(j["crosswalks"], serde_json::json!([]));
    let inds = j["industries"].as_array().unwrap();
    assert_eq!(inds.len(), 1);
    assert_eq!(
        (&inds[0]["id"], &inds[0]["status"]),
        (&"kakuu".into(), &"added".into())
    );
}

#[test]
fn a_shallow_clone_without_its_base_says_what_to_fetch() {
    let repo = repository();
    let v1 = git(repo.path(), &["rev-parse", "v1"]);
    let clone = tempfile::tempdir().unwrap();
    let url = format!("file://{}", repo.path().display());
    let target = clone.path().join("c");
    Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url])
        .arg(&target)
        .output()
        .unwrap();
    let (code, _, stderr) = xtask(&["diff", "--root", target.to_str().unwrap(), &v1]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("shallow"), "{stderr}");
    assert!(
        stderr.contains(&format!("git fetch --depth=1 origin {v1}")),
        "{stderr}"
    );
    // Once the base is fetched, the diff works.
    git(&target, &["fetch", "-q", "--depth=1", "origin", &v1]);
    let j = diff_json(&target, &[&v1, "HEAD"]);
    assert_eq!(j["crosswalks"].as_array().unwrap().len(), 1);
}

#[test]
fn by_default_the_base_is_the_merge_base_with_the_default_branch() {
    let repo = repository();
    let root = repo.path();
    git(root, &["checkout", "-q", "-b", "topic", "v1"]);
    write(
        root,
        "guidelines/glossary/more.toml",
        "[glossary]\nid = \"more\"\nscope = \"all\"\n\n[[term]]\npreferred = \"ユーザー\"\nvariants = [\"ユーザ\"]\n",
    );
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "term"]);
    // On the branch, the default base is where it left main (v1): only the
    // branch's own change shows, not main's later commits.
    let j = diff_json(root, &[]);
    assert_eq!(j["glossaries"][0]["id"], "more");
    assert_eq!(j["glossaries"][0]["status"], "added");
    assert_eq!(j["glossaries"][0]["added"], serde_json::json!(["ユーザー"]));
    assert_eq!(j["glossaries"].as_array().unwrap().len(), 1);
    assert_eq!(j["crosswalks"], serde_json::json!([]));
    // A merge commit compared with its first parent shows what it brought.
    git(root, &["checkout", "-q", "main"]);
    git(root, &["merge", "-q", "--no-ff", "-m", "merge", "topic"]);
    let j = diff_json(root, &["HEAD^1", "HEAD"]);
    assert_eq!(j["glossaries"][0]["id"], "more");
    assert_eq!(j["glossaries"].as_array().unwrap().len(), 1);
    assert_eq!(j["catalogs"], serde_json::json!([]));
}

#[test]
fn the_revision_table_between_two_tags() {
    let repo = repository();
    let out = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = xtask(&[
        "revision-table",
        "--root",
        repo.path().to_str().unwrap(),
        "--from",
        "v1",
        "--to",
        "v2",
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("2 件の表"), "{stdout}");
    let md = fs::read_to_string(out.path().join("新旧対照表-v1-v2.md")).unwrap();
    assert!(
        md.contains("<td>k-3</td><td>事故<ins>と災害</ins>に備える</td><td>事故に備える</td>"),
        "{md}"
    );
    // 準対応 → 対応: the mark sits on 準 in the old text.
    assert!(
        md.contains("<td>A-1</td><td>判定: 対応<br>突合先: k-1</td><td>判定: <del>準</del>対応"),
        "{md}"
    );
    for ext in ["xlsx", "docx"] {
        let bytes = fs::read(out.path().join(format!("新旧対照表-v1-v2.{ext}"))).unwrap();
        assert!(bytes.starts_with(b"PK"));
    }
}

#[test]
fn the_handbook_lists_each_release_in_its_history() {
    let repo = repository();
    let out = tempfile::tempdir().unwrap();
    let (code, _, stderr) = xtask(&[
        "book",
        "--root",
        repo.path().to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stderr}");
    let history = fs::read_to_string(out.path().join("history.html")).unwrap();
    assert!(
        history.contains("<a href=\"history/v2.html\">v2</a>（2 件の表）"),
        "{history}"
    );
    assert!(history.contains("v1（最初のリリース）"));
    let v2 = fs::read_to_string(out.path().join("history/v2.html")).unwrap();
    assert!(v2.contains("<ins>と災害</ins>"));
    assert!(out.path().join("history/v2.docx").is_file());
}

/// A pull request that commits a link to a file of the build machine and a
/// blob far over the loader's limit: the diff reports both as new findings
/// at their paths, reads neither (the secret behind the link is nowhere in
/// the output) and does not hold the blob in memory.
#[test]
fn a_committed_link_and_a_huge_blob_are_findings_not_reads() {
    let repo = repository();
    let root = repo.path();
    let secret_dir = tempfile::tempdir().unwrap();
    let secret = secret_dir.path().join("secret.toml");
    fs::write(&secret, "title = \"SC3-SECRET-7f3a\"\n").unwrap();
    #[cfg(unix)]
    std::os::unix::fs::symlink(&secret, root.join("guidelines/evil.toml")).unwrap();
    // 17 MiB of one byte compresses to almost nothing in git.
    let big = root.join("guidelines/big.toml");
    fs::write(&big, vec![b'#'; 17 * 1024 * 1024]).unwrap();
    git(root, &["add", "-A"]);
    git(root, &["commit", "-q", "-m", "hostile"]);
    let all = vec!["diff", "--root", root.to_str().unwrap(), "v2", "HEAD"];
    let (code, human, stderr) = xtask(&all);
    assert_eq!(code, 0, "{stderr}");
    assert!(!human.contains("SC3-SECRET-7f3a"), "{human}");
    let j = diff_json(root, &["v2", "HEAD"]);
    assert!(!j.to_string().contains("SC3-SECRET-7f3a"));
    let new: Vec<(String, String)> = j["findings"]["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_owned(),
                f["file"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect();
    assert!(
        new.contains(&("L010".to_owned(), "guidelines/evil.toml".to_owned())),
        "{new:?}"
    );
    assert!(
        new.contains(&("L007".to_owned(), "guidelines/big.toml".to_owned())),
        "{new:?}"
    );
}

/// A title that carries escape sequences (`\u001b` in TOML) reaches the
/// reviewer's terminal shown, not obeyed; JSON keeps the value itself.
#[test]
fn escape_sequences_in_a_change_are_shown_not_obeyed() {
    let repo = repository();
    let root = repo.path();
    write(
        root,
        "guidelines/base/1.toml",
        &BASE.replace(
            "title = \"事故に備える\"",
            "title = \"事故\\u001b]0;PWNED\\u0007\\u001b[2J\\r済\"",
        ),
    );
    let r = root.to_str().unwrap();
    for (format, title) in [
        ("human", "事故␛]0;PWNED␇␛[2J␍済"),
        // Markdown escapes the brackets as well.
        ("markdown", "事故␛&#93;0;PWNED␇␛&#91;2J␍済"),
    ] {
        let (code, stdout, stderr) = xtask(&["diff", "--root", r, "v1", "--format", format]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains(title), "{format}:\n{stdout}");
        let controls: Vec<char> = stdout
            .chars()
            .filter(|&c| c != '\n' && sc3_lint::report::is_control(c))
            .collect();
        assert!(controls.is_empty(), "{format}: {controls:?}");
    }
    let json = diff_json(root, &["v1"]);
    assert!(
        json.to_string()
            .contains("事故\\u001b]0;PWNED\\u0007\\u001b[2J\\r")
    );
}
