//! The edition kits' side on the build machine: the release they are dated
//! by (from git, or `SOURCE_DATE_EPOCH`) and the printer that turns an
//! edition's print page into a PDF with headless Chromium. `sc3_site::kit`
//! makes everything else, without running a program.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use sc3_site::kit::Release;

/// How long one edition may take to print.
const PRINT_TIMEOUT: Duration = Duration::from_secs(300);

/// The environment variable that makes a missing PDF an error (CI sets it).
pub const REQUIRE_PDF: &str = "SC3_REQUIRE_PDF";

/// The release of the repository at `root`: `git describe` and the commit
/// time of `HEAD`; `SOURCE_DATE_EPOCH`, when set, gives the time instead.
/// Outside git: no label, and 1980-01-01 unless `SOURCE_DATE_EPOCH` is set.
pub fn release(root: &Path) -> Release {
    let env_epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok());
    let default = Release::default();
    Release {
        label: crate::git::describe(root).unwrap_or_default(),
        epoch: env_epoch
            .or_else(|| crate::git::head_time(root))
            .unwrap_or(default.epoch),
    }
}

/// The Chromium to print with: `CHROMIUM` when set (a path that does not
/// exist means none), else the first of `chromium`, `chromium-browser`,
/// `google-chrome` on `PATH`.
pub fn chromium() -> Result<PathBuf, String> {
    if let Some(p) = std::env::var_os("CHROMIUM") {
        let p = PathBuf::from(p);
        return if p.is_file() {
            Ok(p)
        } else {
            Err(format!("CHROMIUM={} が見つかりません", p.display()))
        };
    }
    let path = std::env::var_os("PATH").unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            let candidate = dir.join(name);
            if candidate.is_file() {
                return Ok(candidate);
            }
        }
    }
    Err(
        "Chromium が見つかりません（apt-get install chromium fonts-ipaexfont-gothic で入ります）"
            .to_owned(),
    )
}

/// Prints `page` (an edition's `print.html`) to PDF with headless Chromium:
/// A4 and page numbers come from the print stylesheet, the outline from the
/// headings (`--generate-pdf-document-outline`), no header or footer of
/// Chromium's own (they would carry the date and the file's path). A second
/// try when the first writes nothing (seen once on a busy machine).
pub fn print(bin: &Path, page: &Path) -> Result<Vec<u8>, String> {
    print_once(bin, page).or_else(|_| print_once(bin, page))
}

fn print_once(bin: &Path, page: &Path) -> Result<Vec<u8>, String> {
    let work = tempfile::tempdir().map_err(|e| format!("作業用のフォルダを作れません: {e}"))?;
    let pdf = work.path().join("edition.pdf");
    let url = format!("file://{}", page.display());
    let log = std::fs::File::create(work.path().join("chromium.log"))
        .map_err(|e| format!("作業用のファイルを作れません: {e}"))?;
    let mut child = Command::new(bin)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--no-pdf-header-footer",
            "--generate-pdf-document-outline",
        ])
        .arg(format!(
            "--user-data-dir={}",
            work.path().join("profile").display()
        ))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&url)
        .env("TZ", "UTC")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| format!("Chromium（{}）を実行できません: {e}", bin.display()))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > PRINT_TIMEOUT => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!(
                    "Chromium が {} 秒で印刷を終えませんでした",
                    PRINT_TIMEOUT.as_secs()
                ));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(100)),
            Err(e) => return Err(format!("Chromium を待てません: {e}")),
        }
    };
    match std::fs::read(&pdf) {
        Ok(bytes) if bytes.starts_with(b"%PDF-") => Ok(bytes),
        _ => Err(format!(
            "Chromium が PDF を書きませんでした（終了状態 {status}）"
        )),
    }
}
