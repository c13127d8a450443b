//! The edition kits `cargo xtask book` writes: one ZIP per edition, what is
//! in it, that two builds give the same bytes, and (with Chromium and
//! poppler) the edition PDFs: fonts embedded, chapters in order, outline.

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository's own content.
fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .to_path_buf()
}

/// 2026-01-15 03:04:06 UTC: every kit of a build is dated by it.
const EPOCH: &str = "1768446246";

/// Runs `cargo xtask book --out OUT` on the repository with `env`:
/// (exit code, stdout, stderr).
fn book(out: &Path, env: &[(&str, &str)]) -> (i32, String, String) {
    let mut c = Command::new(env!("CARGO_BIN_EXE_xtask"));
    c.args(["book", "--out"]).arg(out);
    c.env("SOURCE_DATE_EPOCH", EPOCH)
        .env_remove("SC3_REQUIRE_PDF");
    for (k, v) in env {
        c.env(k, v);
    }
    let o = c.output().unwrap();
    (
        o.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&o.stdout).into_owned(),
        String::from_utf8_lossy(&o.stderr).into_owned(),
    )
}

/// Without Chromium (a `CHROMIUM` that does not exist).
const NO_CHROMIUM: &[(&str, &str)] = &[("CHROMIUM", "/nonexistent/chromium")];

/// The editions: base, then the industries in id order.
fn editions() -> Vec<String> {
    let mut ids: Vec<String> = std::fs::read_dir(root().join("guidelines/industries"))
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).ok()?;
            (n.ends_with(".toml") && text.contains("[industry]"))
                .then(|| n.trim_end_matches(".toml").to_owned())
        })
        .collect();
    ids.sort();
    ids.insert(0, "base".to_owned());
    ids
}

/// Each entry of a ZIP: name, bytes, modified time (y, m, d, h, min, s).
type Entry = (String, Vec<u8>, (u16, u8, u8, u8, u8, u8));

fn entries(zip: &[u8]) -> Vec<Entry> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(zip)).unwrap();
    (0..z.len())
        .map(|i| {
            let mut f = z.by_index(i).unwrap();
            let mut bytes = Vec::new();
            f.read_to_end(&mut bytes).unwrap();
            let t = f.last_modified().unwrap();
            (
                f.name().unwrap().to_string(),
                bytes,
                (
                    t.year(),
                    t.month(),
                    t.day(),
                    t.hour(),
                    t.minute(),
                    t.second(),
                ),
            )
        })
        .collect()
}

/// The chapters an edition's index lists, as the handbook shows them.
fn chapter_titles(out: &Path, edition: &str) -> Vec<String> {
    let html =
        std::fs::read_to_string(out.join(format!("regulations/{edition}/index.html"))).unwrap();
    let re = regex::Regex::new(r#"<li><a href="[0-9A-Za-z_-]+\.html">([^<]+)</a></li>"#).unwrap();
    re.captures_iter(&html).map(|c| c[1].to_owned()).collect()
}

#[test]
fn every_edition_has_a_kit_with_a_readme_and_the_same_bytes_twice() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let (code, stdout, stderr) = book(&a, NO_CHROMIUM);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    assert!(
        stderr.contains("警告: CHROMIUM=/nonexistent/chromium が見つかりません: 配布キットに PDF を入れませんでした"),
        "{stderr}"
    );
    let (code, _, stderr) = book(&b, NO_CHROMIUM);
    assert_eq!(code, 0, "{stderr}");
    let editions = editions();
    assert!(editions.len() >= 3, "{editions:?}");
    for id in &editions {
        let path = format!("kits/{id}-kit.zip");
        assert!(
            stdout.contains(&format!("配布キット {path} を書きました")),
            "{stdout}"
        );
        let zip = std::fs::read(a.join(&path)).unwrap();
        // Two builds of the same commit: the same bytes.
        assert_eq!(zip, std::fs::read(b.join(&path)).unwrap(), "{path}");
        let entries = entries(&zip);
        let names: Vec<&str> = entries.iter().map(|e| e.0.as_str()).collect();
        assert_eq!(
            names,
            [
                "README.txt",
                "regulations.docx",
                "basic-policy.docx",
                "asset-register.xlsx",
                "action-plan.xlsx",
                "self-diagnosis.xlsx",
                "example/assets.csv",
                "example/register.xlsx",
                "example/plan.xlsx",
                "example/regulations.docx",
                "example/readiness.xlsx",
                "example/basic-policy.docx",
            ],
            "{path}"
        );
        for (name, bytes, time) in &entries {
            assert_eq!(*time, (2026, 1, 15, 3, 4, 6), "{path}: {name}");
            assert!(!bytes.is_empty(), "{path}: {name}");
        }
        // The DOCX files are Word documents with the edition's text.
        let docx = &entries[1].1;
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
        let mut xml = String::new();
        z.by_name("word/document.xml")
            .unwrap()
            .read_to_string(&mut xml)
            .unwrap();
        assert!(xml.contains("情報セキュリティ関連規程"), "{path}");
        assert!(xml.contains("（会社名）"), "{path}");

        let readme = String::from_utf8(entries[0].1.clone()).unwrap();
        assert!(readme.starts_with('\u{feff}'), "{path}: a BOM for Notepad");
        assert!(!readme.replace("\r\n", "").contains('\n'), "CRLF only");
        let readme = readme.replace("\r\n", "\n");
        let edition_name = if id == "base" { "基本版" } else { "" };
        assert!(
            readme.starts_with(&format!(
                "\u{feff}業界セキュリティガイドライン導入手引き 配布キット（{edition_name}"
            )),
            "{readme}"
        );
        assert!(readme.contains("（2026-01-15）\n"), "{readme}");
        // Without Chromium the README says there is no PDF, and why.
        assert!(
            readme.contains("・このキットには PDF が含まれていません（CHROMIUM=/nonexistent/chromium が見つかりません）"),
            "{readme}"
        );
        // Every file is listed with what it is for and whose text it is.
        for name in names.iter().skip(1) {
            assert!(readme.contains(&format!("・{name}\n")), "{name}: {readme}");
        }
        assert!(readme.contains("・regulations.docx\n    サンプル規程（"));
        assert!(readme.contains("・asset-register.xlsx\n    情報資産管理台帳のひな形"));
        assert!(readme.contains("・example/readiness.xlsx\n    ★3 の準備状況"));
        assert!(readme.contains(
            "このプロジェクトの文例（サンプル）です。IPA・経済産業省・業界団体の文ではありません。"
        ));
        assert!(readme.contains(
            "・example/plan.xlsx\n    情報セキュリティ対策実行計画書（XLSX）の記入例です。\n    架空の建設会社の記入例です（架空）。"
        ));
        assert!(readme.contains("■ 誰の文か"));
        // The edition's pages offer the kit.
        let index =
            std::fs::read_to_string(a.join(format!("regulations/{id}/index.html"))).unwrap();
        assert!(
            index.contains(&format!(
                "<a href=\"../../kits/{id}-kit.zip\">配布キット（ZIP）</a>"
            )),
            "{id}"
        );
        if id != "base" {
            let page = std::fs::read_to_string(a.join(format!("industries/{id}.html"))).unwrap();
            assert!(
                page.contains(&format!(
                    "<a href=\"../kits/{id}-kit.zip\">{id}-kit.zip</a>"
                )),
                "{id}"
            );
        }
    }
}

#[test]
fn ci_fails_when_the_pdf_cannot_be_made() {
    let dir = tempfile::tempdir().unwrap();
    let mut env = NO_CHROMIUM.to_vec();
    env.push(("SC3_REQUIRE_PDF", "1"));
    let (code, _, stderr) = book(dir.path(), &env);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("エラー: SC3_REQUIRE_PDF が設定されていますが、PDF を作れませんでした（base: CHROMIUM=/nonexistent/chromium が見つかりません）"),
        "{stderr}"
    );
}

#[test]
#[ignore = "needs chromium and poppler (pdffonts, pdftotext, pdftohtml); CI installs both"]
fn edition_pdfs_embed_their_fonts_and_list_the_chapters_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let required = [("SC3_REQUIRE_PDF", "1")];
    let re = regex::Regex::new(r#"<item page="(\d+)">([^<]*)</item>"#).unwrap();
    let (code, stdout, stderr) = book(&a, &required);
    assert_eq!(code, 0, "{stdout}\n{stderr}");
    let (code, _, stderr) = book(&b, &required);
    assert_eq!(code, 0, "{stderr}");
    for id in editions() {
        let path = format!("kits/{id}-kit.zip");
        let zip = std::fs::read(a.join(&path)).unwrap();
        // Reproducible, PDF included: its dates come from SOURCE_DATE_EPOCH.
        let entries = entries(&zip);
        let other = std::fs::read(b.join(&path)).unwrap();
        if zip != other {
            let differ: Vec<String> = entries
                .iter()
                .zip(self::entries(&other))
                .filter(|(x, y)| x.1 != y.1)
                .map(|(x, y)| format!("{} ({} and {} bytes)", x.0, x.1.len(), y.1.len()))
                .collect();
            let keep = std::env::temp_dir().join(format!("sc3-kit-differ-{id}"));
            let _ = std::fs::create_dir_all(&keep);
            let _ = std::fs::write(keep.join("a.zip"), &zip);
            let _ = std::fs::write(keep.join("b.zip"), &other);
            panic!(
                "{path}: two builds differ in {differ:?} (kept in {})",
                keep.display()
            );
        }
        assert_eq!(entries[1].0, format!("handbook-{id}.pdf"), "{path}");
        let readme = String::from_utf8(entries[0].1.clone()).unwrap();
        assert!(
            readme.contains(&format!("・handbook-{id}.pdf\r\n")),
            "{readme}"
        );
        let pdf = dir.path().join(format!("{id}.pdf"));
        std::fs::write(&pdf, &entries[1].1).unwrap();

        let info = sc3_readers::poppler("pdfinfo", &[], &pdf, &[]);
        assert!(
            info.contains("Page size:       594.96 x 841.92 pts (A4)"),
            "{info}"
        );
        assert!(
            info.contains("CreationDate:    Thu Jan 15 03:04:06 2026 UTC"),
            "{info}"
        );
        assert!(
            info.contains("ModDate:         Thu Jan 15 03:04:06 2026 UTC"),
            "{info}"
        );

        // Every anchor of the print page is a named destination short
        // enough for PDF readers (127 bytes; Japanese headings made longer
        // ones), which poppler reads without a warning.
        let (dests, warnings) =
            sc3_readers::poppler_and_warnings("pdfinfo", &["-dests"], &pdf, &[]);
        assert_eq!(warnings, "", "{id}");
        assert!(dests.lines().count() > 20, "{id}: {dests}");

        // Every font embedded, and each a TrueType subset (not Type 3
        // glyphs, which Chromium makes of CFF and synthesised bold).
        let fonts = sc3_readers::poppler("pdffonts", &[], &pdf, &[]);
        let rows: Vec<&str> = fonts.lines().skip(2).collect();
        assert!(!rows.is_empty(), "{fonts}");
        for row in &rows {
            let cols: Vec<&str> = row.split_whitespace().collect();
            let emb = cols[cols.len() - 5];
            assert_eq!(emb, "yes", "{id}: not embedded: {row}");
            assert!(row.contains("CID TrueType"), "{id}: {row}");
        }
        assert!(fonts.contains("BIZUDPGothic-Regular"), "{fonts}");

        // The chapters, in order, each at the top of a page after the
        // title page and the contents.
        let chapters = chapter_titles(&a, &id);
        assert!(chapters.len() >= 8, "{id}: {chapters:?}");
        let text = sc3_readers::poppler("pdftotext", &["-layout"], &pdf, &["-"]);
        let pages: Vec<&str> = text.split('\u{c}').collect();
        assert!(
            pages[0].contains("業界セキュリティガイドライン導入手引き"),
            "{}",
            pages[0]
        );
        assert!(pages[0].contains("リリース: "), "{}", pages[0]);
        assert!(pages[0].contains("（2026-01-15）"), "{}", pages[0]);
        assert!(pages[1].trim_start().starts_with("目次"), "{}", pages[1]);
        // A long title wraps: compare without white space.
        let bare = |s: &str| s.split_whitespace().collect::<String>();
        let mut last = 1;
        for c in &chapters {
            let at = pages
                .iter()
                .enumerate()
                .skip(last + 1)
                .find(|(_, p)| bare(p).starts_with(&bare(c)))
                .map(|(i, _)| i);
            let at =
                at.unwrap_or_else(|| panic!("{id}: chapter {c} not on a page after page {last}"));
            last = at;
        }
        // Page numbers in the footer: "3 / N" on the third page.
        let n = pages.iter().filter(|p| !p.trim().is_empty()).count();
        assert!(pages[2].contains(&format!("3 / {n}")), "{id}: {}", pages[2]);

        // The outline (bookmarks), as poppler's pdftohtml reads it: the
        // chapters are top-level entries, in order, with their sections
        // nested below.
        let xml = sc3_readers::poppler("pdftohtml", &["-xml", "-i", "-stdout", "-q"], &pdf, &[]);
        let outline = &xml[xml.find("<outline>").expect("an outline")..];
        let items: Vec<(usize, String)> = re
            .captures_iter(outline)
            .map(|c| (c[1].parse().unwrap(), c[2].to_owned()))
            .collect();
        let mut from = 0;
        for c in &chapters {
            let i = items[from..]
                .iter()
                .position(|(_, t)| t == c)
                .unwrap_or_else(|| panic!("{id}: {c} not in the outline after {from}: {items:?}"));
            from += i + 1;
        }
        assert!(items.iter().any(|(_, t)| t == "目次"), "{items:?}");
        assert!(
            outline.matches("<outline>").count() > 3,
            "sections nest under chapters"
        );
    }
}
