//! Reading the content of a git revision, with the `git` command line.
//!
//! Why the CLI and not a library (gix): every machine that runs these
//! commands (a contributor's, CI's) has git, its behaviour on shallow clones,
//! replaced refs and odd configurations is the one users know, and a library
//! of git's size would double the build on two cores for a few read-only
//! plumbing calls (`rev-parse`, `ls-tree`, `cat-file --batch`, `merge-base`).

use std::io::{BufRead, BufReader, Read, Write};
use std::path::Path;
use std::process::{Command, Stdio};

/// The folders and files of the content, as `ls-tree` pathspecs.
pub const CONTENT: &[&str] = &[
    "guidelines",
    "mappings",
    "book",
    "lint.toml",
    ".github/CODEOWNERS",
];

fn git(root: &Path) -> Command {
    let mut c = Command::new("git");
    c.arg("-C").arg(root);
    c
}

/// Runs git, returning its standard output, or its error in words.
fn output(root: &Path, args: &[&str]) -> Result<Vec<u8>, String> {
    let out = git(root)
        .args(args)
        .output()
        .map_err(|e| format!("git を実行できません（{e}）。git をインストールしてください"))?;
    if out.status.success() {
        Ok(out.stdout)
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_owned())
    }
}

fn text(root: &Path, args: &[&str]) -> Result<String, String> {
    output(root, args).map(|o| String::from_utf8_lossy(&o).trim().to_owned())
}

/// The commit `rev` names, or an error saying what to fetch when this clone
/// does not have it (a shallow clone in CI usually lacks the base).
pub fn commit(root: &Path, rev: &str) -> Result<String, String> {
    if rev.starts_with('-') {
        return Err(format!("「{rev}」はリビジョンではありません"));
    }
    match text(
        root,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    ) {
        Ok(sha) if !sha.is_empty() => Ok(sha),
        _ => {
            let shallow =
                text(root, &["rev-parse", "--is-shallow-repository"]).is_ok_and(|s| s == "true");
            let hint = if shallow {
                format!(
                    "このクローンは浅い（shallow）ため、「{rev}」が含まれていません。比べる前に取得してください: git fetch --depth=1 origin {rev}（ブランチなら git fetch origin {rev}:{rev}、すべての履歴なら git fetch --unshallow）"
                )
            } else {
                format!(
                    "「{rev}」というコミットはこのリポジトリにありません。取得していないなら git fetch origin {rev} を実行してください"
                )
            };
            Err(hint)
        }
    }
}

/// The default branch as this clone knows it: `origin/HEAD`'s target, else
/// `origin/main`, `main`, `origin/master`, `master`.
pub fn default_branch(root: &Path) -> Option<String> {
    if let Ok(r) = text(
        root,
        &["symbolic-ref", "--quiet", "refs/remotes/origin/HEAD"],
    ) && let Some(b) = r.strip_prefix("refs/remotes/")
    {
        return Some(b.to_owned());
    }
    ["origin/main", "main", "origin/master", "master"]
        .into_iter()
        .find(|b| commit(root, b).is_ok())
        .map(str::to_owned)
}

/// The merge base of `a` and `b`.
pub fn merge_base(root: &Path, a: &str, b: &str) -> Result<String, String> {
    text(root, &["merge-base", a, b]).map_err(|e| {
        format!("{a} と {b} の共通の祖先が見つかりません（{e}）。浅いクローンなら git fetch --unshallow を実行してください")
    })
}

/// Tags, oldest first by the date of their commit.
pub fn tags(root: &Path) -> Vec<String> {
    text(
        root,
        &[
            "tag",
            "--list",
            "--sort=creatordate",
            "--format=%(refname:short)",
        ],
    )
    .map(|t| t.lines().map(str::to_owned).collect())
    .unwrap_or_default()
}

/// Writes the content of commit `sha` (the [`CONTENT`] paths; blobs and
/// symbolic links as they are, submodules left out) into `dir`, so the
/// loader reads it as it reads a work tree, links reported and never
/// followed.
pub fn checkout_content(root: &Path, sha: &str, dir: &Path) -> Result<(), String> {
    let mut args = vec!["ls-tree", "-r", "-z", "--full-tree", sha, "--"];
    args.extend(CONTENT);
    let listing = output(root, &args)?;
    let mut entries = Vec::new();
    for rec in listing.split(|&b| b == 0).filter(|r| !r.is_empty()) {
        let rec = String::from_utf8_lossy(rec);
        let Some((meta, path)) = rec.split_once('\t') else {
            continue;
        };
        let mut parts = meta.split(' ');
        let (Some(mode), Some(kind), Some(object)) = (parts.next(), parts.next(), parts.next())
        else {
            continue;
        };
        if kind != "blob" {
            continue; // a submodule
        }
        entries.push((mode.to_owned(), object.to_owned(), path.to_owned()));
    }
    let mut child = git(root)
        .args(["cat-file", "--batch"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("git を実行できません（{e}）"))?;
    let mut stdin = child.stdin.take().expect("piped");
    let objects: Vec<String> = entries.iter().map(|(_, o, _)| o.clone()).collect();
    let writer = std::thread::spawn(move || {
        for o in objects {
            if writeln!(stdin, "{o}").is_err() {
                break;
            }
        }
    });
    let mut reader = BufReader::new(child.stdout.take().expect("piped"));
    for (mode, _, path) in &entries {
        let mut header = String::new();
        reader
            .read_line(&mut header)
            .map_err(|e| format!("git cat-file: {e}"))?;
        let size: usize = header
            .split(' ')
            .nth(2)
            .and_then(|s| s.trim().parse().ok())
            .ok_or_else(|| format!("git cat-file: {}", header.trim()))?;
        // Paths come from git's own tree; the one rule for writing still
        // checks them (no `..`, nothing absolute).
        let dest = sc3_model::fsx::out_path(dir, path).map_err(|e| e.to_string())?;
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        let mut blob = (&mut reader).take(size as u64);
        if mode == "120000" {
            let mut target = Vec::new();
            blob.read_to_end(&mut target)
                .map_err(|e| format!("git cat-file: {e}"))?;
            #[cfg(unix)]
            std::os::unix::fs::symlink(String::from_utf8_lossy(&target).as_ref(), &dest)
                .map_err(|e| format!("{}: {e}", dest.display()))?;
        } else {
            let mut file =
                std::fs::File::create(&dest).map_err(|e| format!("{}: {e}", dest.display()))?;
            if size as u64 > sc3_model::fsx::MAX_FILE_SIZE {
                // Never held in memory nor written out: a file of the same
                // size, which the loader reports as too large unread.
                let n = std::io::copy(&mut blob, &mut std::io::sink())
                    .map_err(|e| format!("git cat-file: {e}"))?;
                if n != size as u64 {
                    return Err(format!("git cat-file: {path} が途中で切れています"));
                }
                file.set_len(size as u64)
                    .map_err(|e| format!("{}: {e}", dest.display()))?;
            } else {
                let n = std::io::copy(&mut blob, &mut file)
                    .map_err(|e| format!("{}: {e}", dest.display()))?;
                if n != size as u64 {
                    return Err(format!("git cat-file: {path} が途中で切れています"));
                }
            }
        }
        let mut newline = [0u8; 1];
        reader
            .read_exact(&mut newline)
            .map_err(|e| format!("git cat-file: {e}"))?;
    }
    let _ = writer.join();
    let _ = child.wait();
    Ok(())
}

/// The commit time of `HEAD` (seconds since 1970), if `root` is in a git
/// work tree.
pub fn head_time(root: &Path) -> Option<i64> {
    text(root, &["log", "-1", "--format=%ct", "HEAD"])
        .ok()?
        .parse()
        .ok()
}

/// `HEAD` as `git describe --tags --always` names it (`v1.2.0`,
/// `v1.2.0-3-gabc1234`, or the short hash without tags).
pub fn describe(root: &Path) -> Option<String> {
    text(root, &["describe", "--tags", "--always", "HEAD"])
        .ok()
        .filter(|s| !s.is_empty())
}
