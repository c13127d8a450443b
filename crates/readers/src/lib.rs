//! The programs the tests read our files with, as a member company or a
//! reviewer would: LibreOffice, headless, and poppler's `pdftotext`,
//! `pdffonts` and `pdfinfo`.
//!
//! Every test that opens a DOCX, an XLSX or a CSV in LibreOffice, or reads a
//! PDF back as text, goes through here, so that each does it the same way:
//!
//! - each conversion has a LibreOffice profile of its own, so that tests
//!   running at the same time never meet in one (the second instance would
//!   hand its work to the first, or fail);
//! - a conversion that writes nothing fails the test with what LibreOffice
//!   printed: LibreOffice exits with 0 when it cannot load a file;
//! - a missing program fails the test with the package to install.
//!
//! The tests that use this are `#[ignore]`d with the tool's name in theirs;
//! `.ci/run` installs the programs and runs them.
//!
//! ```no_run
//! # let (docx, dir) = (std::path::Path::new("a.docx"), std::path::Path::new("out"));
//! let pdf = sc3_readers::convert(docx, "pdf").run(dir);
//! let text = sc3_readers::pdftotext(&pdf, false);
//! ```

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The LibreOffice command on `PATH`: `libreoffice`, or `soffice` as some
/// packages name it.
pub fn libreoffice() -> PathBuf {
    ["libreoffice", "soffice"]
        .into_iter()
        .find_map(on_path)
        .expect("this test needs LibreOffice (libreoffice or soffice on PATH; Debian: libreoffice-writer-nogui, libreoffice-calc-nogui)")
}

/// `name` as found in a folder of `PATH`, if it is there.
fn on_path(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .find(|file| file.is_file())
}

/// A conversion of `file` to `to`, LibreOffice's `--convert-to` argument:
/// `pdf`, `html`, `xlsx:Calc MS Excel 2007 XML`, `txt:Text (encoded):UTF8`…
pub fn convert<'a>(file: &'a Path, to: &'a str) -> Conversion<'a> {
    Conversion {
        file,
        to,
        infilter: None,
        recalculate: false,
    }
}

/// One LibreOffice conversion; [`convert`] makes one, [`Conversion::run`]
/// runs it.
#[derive(Debug, Clone)]
pub struct Conversion<'a> {
    file: &'a Path,
    to: &'a str,
    infilter: Option<&'a str>,
    recalculate: bool,
}

impl<'a> Conversion<'a> {
    /// How LibreOffice reads the file (`--infilter`), for a CSV file its
    /// separator, quote, encoding and language: `CSV:44,34,76,1,,1041`.
    pub fn infilter(mut self, filter: &'a str) -> Self {
        self.infilter = Some(filter);
        self
    }

    /// Recalculate every formula on load (Tools → Options → Calc → Formula →
    /// Recalculation on File Load → Always), so that what a workbook shows
    /// is LibreOffice's own arithmetic, not the results cached in the file.
    pub fn recalculating(mut self) -> Self {
        self.recalculate = true;
        self
    }

    /// Runs LibreOffice, writing into `outdir`: the file it wrote, named as
    /// LibreOffice names it (the input's stem, the extension of `to`).
    ///
    /// # Panics
    ///
    /// If LibreOffice is missing, fails, or writes no file: the message has
    /// what it printed.
    pub fn run(self, outdir: &Path) -> PathBuf {
        let profile = tempfile::tempdir().expect("a folder for LibreOffice's profile");
        if self.recalculate {
            let user = profile.path().join("user");
            std::fs::create_dir_all(&user).unwrap();
            std::fs::write(user.join("registrymodifications.xcu"), RECALCULATE).unwrap();
        }
        let output = self.output_in(outdir);
        let mut cmd = Command::new(libreoffice());
        cmd.arg(profile_argument(profile.path())).arg("--headless");
        if let Some(filter) = self.infilter {
            cmd.arg(format!("--infilter={filter}"));
        }
        let out = cmd
            .args([OsStr::new("--convert-to"), OsStr::new(self.to)])
            .arg("--outdir")
            .arg(outdir)
            .arg(self.file)
            .output()
            .expect("LibreOffice starts");
        assert!(
            out.status.success() && output.is_file(),
            "LibreOffice did not convert {} to {} ({}; expected {}):\n{}{}",
            self.file.display(),
            self.to,
            out.status,
            output.display(),
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        output
    }

    /// The file LibreOffice writes for this conversion into `outdir`.
    pub fn output_in(&self, outdir: &Path) -> PathBuf {
        let stem = self.file.file_stem().expect("a file name");
        let extension = self.to.split(':').next().unwrap_or(self.to);
        // Not `with_extension`: the stem of `a.b.docx` is `a.b`.
        let mut name = stem.to_os_string();
        name.push(".");
        name.push(extension);
        outdir.join(name)
    }
}

/// LibreOffice's `-env:UserInstallation` for a profile in `dir`, as a file
/// URL (spaces and other bytes a URL cannot hold percent-encoded).
fn profile_argument(dir: &Path) -> String {
    let mut url = String::from("-env:UserInstallation=file://");
    for b in dir.as_os_str().as_encoded_bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(*b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// The profile setting that recalculates formulas on load, always
/// (`OOXMLRecalcMode` 0).
const RECALCULATE: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"#;

/// The text of a PDF as `pdftotext` reads it; with `layout`, laid out as on
/// the page (`-layout`).
pub fn pdftotext(pdf: &Path, layout: bool) -> String {
    let options: &[&str] = if layout { &["-layout"] } else { &[] };
    poppler("pdftotext", options, pdf, &["-"])
}

/// One of poppler's programs (`pdftotext`, `pdffonts`, `pdfinfo`…) on
/// `pdf`, with `options` before it and `after` it: what it printed.
///
/// # Panics
///
/// If the program is missing or fails: the message has what it printed.
pub fn poppler(program: &str, options: &[&str], pdf: &Path, after: &[&str]) -> String {
    poppler_and_warnings(program, options, pdf, after).0
}

/// [`poppler`], with what the program warned of on standard error (`Syntax
/// Error (…): Warning: …` for what a PDF gets wrong but can still be read).
pub fn poppler_and_warnings(
    program: &str,
    options: &[&str],
    pdf: &Path,
    after: &[&str],
) -> (String, String) {
    let out = Command::new(program)
        .args(options)
        .arg(pdf)
        .args(after)
        .output()
        .unwrap_or_else(|e| panic!("{program}: {e} (this test needs poppler-utils)"));
    assert!(
        out.status.success(),
        "{program} {}: {}",
        pdf.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_output_is_named_after_the_input_and_the_filter() {
        let dir = Path::new("/tmp/out");
        let name = |file: &str, to: &str| convert(Path::new(file), to).output_in(dir);
        assert_eq!(name("a/規程.docx", "pdf"), dir.join("規程.pdf"));
        assert_eq!(
            name("book.xlsx", "xlsx:Calc MS Excel 2007 XML"),
            dir.join("book.xlsx")
        );
        assert_eq!(
            name("x/plan.csv", "txt:Text (encoded):UTF8"),
            dir.join("plan.txt")
        );
        assert_eq!(name("a.b.docx", "html"), dir.join("a.b.html"));
    }

    #[test]
    fn the_profile_is_a_file_url_with_unsafe_bytes_encoded() {
        assert_eq!(
            profile_argument(Path::new("/tmp/a b/プ%")),
            "-env:UserInstallation=file:///tmp/a%20b/%E3%83%97%25"
        );
    }

    #[test]
    #[ignore = "needs LibreOffice and poppler-utils; .ci/run installs them"]
    fn libreoffice_converts_text_to_a_pdf_that_pdftotext_reads() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("メモ 1.txt");
        std::fs::write(&file, "架空の会社\n第1条\n").unwrap();
        let pdf = convert(&file, "pdf").run(dir.path());
        assert_eq!(pdf, dir.path().join("メモ 1.pdf"));
        let text = pdftotext(&pdf, false);
        assert!(
            text.contains("架空の会社") && text.contains("第1条"),
            "{text}"
        );
        assert!(poppler("pdfinfo", &[], &pdf, &[]).contains("Pages:"));
    }

    #[test]
    #[ignore = "needs LibreOffice; .ci/run installs it"]
    fn libreoffice_failing_to_load_a_file_fails_with_what_it_printed() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.docx");
        let result = std::panic::catch_unwind(|| convert(&missing, "pdf").run(dir.path()));
        let message = *result.unwrap_err().downcast::<String>().unwrap();
        assert!(message.contains("did not convert"), "{message}");
        assert!(message.contains("none.pdf"), "{message}");
    }
}
