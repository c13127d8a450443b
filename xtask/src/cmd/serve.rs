//! `cargo xtask serve`: build the handbook, serve it on localhost
//! ([`crate::server`]) and rebuild it when the content changes.

use std::io::IsTerminal;
use std::path::Path;

use sc3_lint::report::{self, HumanOptions};

use crate::outcome::{self, Error, Outcome};
use crate::repo::{self, RootArg};
use crate::server::Server;

/// ハンドブックを作って localhost で配信し、内容が変わるたびに作り直します
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 待ち受けるポート
    #[arg(long, default_value_t = 3000)]
    port: u16,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let out = root.join("book").join("build");
    rebuild(&root, &out);
    let server = Server::start(&out, a.port)
        .map_err(|e| Error::failed(format!("127.0.0.1:{} で配信できません: {e}", a.port)))?;
    println!(
        "ハンドブックを {} で配信しています（Ctrl-C で止まります）。guidelines/・mappings/・book/ を編集すると作り直します",
        server.url("")
    );
    let mut seen = content_stamp(&root);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(700));
        let now = content_stamp(&root);
        if now != seen {
            seen = now;
            rebuild(&root, &out);
        }
    }
}

/// Lints and builds; says on standard error what happened, and goes on.
fn rebuild(root: &Path, out: &Path) {
    match repo::lint(root) {
        Ok(report) if report.has_errors() => {
            let color = std::io::stderr().is_terminal();
            eprint!(
                "{}",
                report::human(&report, HumanOptions { width: 100, color })
            );
            eprintln!("ハンドブックは作り直していません。上のエラーを直してください");
        }
        Ok(report) => match repo::build_book(&report.repo, out) {
            Ok(s) => eprintln!("作り直しました: {} ページ", s.chapters),
            Err(e) => outcome::error_line(&e),
        },
        Err(e) => e.messages().iter().for_each(|m| outcome::error_line(m)),
    }
}

/// The newest modification time of the content, to notice edits. Links are
/// never followed (`fsx::walk`); the output `book/build` is left out.
fn content_stamp(root: &Path) -> std::time::SystemTime {
    let mut newest = std::time::SystemTime::UNIX_EPOCH;
    for dir in ["guidelines", "mappings", "book"] {
        if let Some(t) = std::fs::symlink_metadata(root.join(dir))
            .ok()
            .and_then(|m| m.modified().ok())
        {
            newest = newest.max(t);
        }
        let Ok(walk) = sc3_model::fsx::walk(root, dir, |e| e.rel != "book/build") else {
            continue;
        };
        for e in walk.entries {
            if e.rel != "book/build"
                && let Some(t) = e.modified
            {
                newest = newest.max(t);
            }
        }
    }
    newest
}
