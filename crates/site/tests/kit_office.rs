//! The edition kit's DOCX files as LibreOffice reads them (issue 15): every
//! edition's sample regulations and basic policy open and convert to PDF;
//! in the PDF every numbered list starts at 1 and the roles are a table;
//! changing the company name in the one place that holds it changes it
//! throughout.
//!
//! LibreOffice and poppler-utils (`pdftotext`) are needed, so the tests are
//! ignored by default; `.ci/run` installs both and runs them.

use std::io::{Read, Write};
use std::path::Path;

use sc3_site::regulations::{self as regs, KIT_COMPANY, KIT_ROLES};

const NEW_NAME: &str = "有限会社テスト&商事";

/// The DOCX with the company part's name replaced: what a company does once.
fn renamed(docx: &[u8], name: &str) -> Vec<u8> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(docx)).unwrap();
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let mut replaced = 0;
    for i in 0..zip.len() {
        let mut part = zip.by_index(i).unwrap();
        let part_name = part.name().unwrap().to_string();
        let mut bytes = Vec::new();
        part.read_to_end(&mut bytes).unwrap();
        if part_name == "customXml/item1.xml" {
            let xml = String::from_utf8(bytes).unwrap();
            let old = format!("<c:company>{KIT_COMPANY}</c:company>");
            assert!(xml.contains(&old), "{xml}");
            let new = format!("<c:company>{}</c:company>", name.replace('&', "&amp;"));
            bytes = xml.replace(&old, &new).into_bytes();
            replaced += 1;
        }
        out.start_file(part_name, zip::write::SimpleFileOptions::default())
            .unwrap();
        out.write_all(&bytes).unwrap();
    }
    assert_eq!(replaced, 1, "one part holds the company name");
    out.finish().unwrap().into_inner()
}

/// The numbers of the numbered items of each list of the Markdown, in order.
fn markdown_lists(md: &str) -> Vec<Vec<u32>> {
    let mut lists: Vec<Vec<u32>> = Vec::new();
    let mut open = false;
    for line in md.lines() {
        let number = line
            .split_once(". ")
            .and_then(|(n, _)| n.parse::<u32>().ok());
        match number {
            Some(n) => {
                if !open {
                    lists.push(Vec::new());
                    open = true;
                }
                lists.last_mut().unwrap().push(n);
            }
            None if line.trim().is_empty() => open = false,
            None => open = false,
        }
    }
    lists
}

/// The list numbers in the PDF's text, in order (`1. ` at a line's start).
fn pdf_numbers(text: &str) -> Vec<u32> {
    // An item whose text begins with a digit comes out as `1.` on a line of
    // its own.
    text.lines()
        .filter_map(|l| {
            let l = l.trim_start_matches(['\u{c}', ' ']);
            let (n, _) = l
                .split_once(". ")
                .or_else(|| Some((l.strip_suffix('.')?, "")))?;
            n.parse().ok()
        })
        .collect()
}

#[test]
#[ignore = "needs LibreOffice (soffice) and poppler-utils (pdftotext); .ci/run runs it"]
fn libreoffice_shows_kit_docx_lists_from_1_roles_as_a_table_and_the_name_set_once() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let repo = sc3_model::load(&root).unwrap().repo;
    let templates = regs::read_templates(&root).unwrap();
    let mut hb = regs::registry(&templates).unwrap();
    let policy = regs::read_policy(&root).unwrap().expect("a basic policy");
    regs::register(&mut hb, &policy).unwrap();
    let editions = regs::editions(&repo);
    assert!(editions.len() > 1, "the base and an industry edition");
    let dir = tempfile::tempdir().unwrap();
    for edition in [&editions[0], &editions[1]] {
        let kit = regs::kit_documents(&hb, &templates, &repo, edition).unwrap();
        let md = regs::render_company(
            &hb,
            &templates,
            &repo,
            edition,
            &regs::CompanyDoc {
                name: KIT_COMPANY,
                established: None,
                roles: &[],
                exclude: &[],
                depth: 0,
            },
        )
        .unwrap();
        let id = &edition.id;
        let regulations = dir.path().join(format!("{id}-regulations.docx"));
        std::fs::write(&regulations, &kit.regulations).unwrap();
        let pdf = sc3_readers::convert(&regulations, "pdf").run(dir.path());
        let text = sc3_readers::pdftotext(&pdf, false);

        // Every list starts at 1 and counts on from there, as the Markdown.
        let want: Vec<u32> = markdown_lists(&md).concat();
        assert!(want.len() > 20, "{id}: the sample has numbered lists");
        assert_eq!(pdf_numbers(&text), want, "{id}:\n{text}");

        // The roles are a table: LibreOffice reads a table, and the PDF
        // shows the heading row's two cells side by side.
        let html = sc3_readers::convert(&regulations, "html").run(dir.path());
        let html = std::fs::read_to_string(html).unwrap();
        let table = &html[html.find("<table").expect("a table")..];
        let table = &table[..table.find("</table>").unwrap()];
        for cell in ["役割", "担当者"].iter().chain(KIT_ROLES.iter()) {
            assert!(table.contains(cell), "{id}: {cell} in the table\n{table}");
        }
        let layout = sc3_readers::pdftotext(&pdf, true);
        assert!(
            layout
                .lines()
                .any(|l| l.trim_start().starts_with("役割") && l.contains("担当者")),
            "{id}:\n{layout}"
        );

        // The company name, set once, shows everywhere.
        // pdftotext breaks lines where the PDF does: count on the text
        // without them.
        let flat = |t: &str| t.replace(['\n', '\u{c}'], "");
        let before = flat(&text).matches(KIT_COMPANY).count();
        assert!(before > 20, "{id}: {before} places show the name");
        for (name, bytes) in [
            ("regulations", &kit.regulations),
            ("policy", kit.policy.as_ref().expect("the policy")),
        ] {
            let file = dir.path().join(format!("{id}-{name}-renamed.docx"));
            std::fs::write(&file, renamed(bytes, NEW_NAME)).unwrap();
            let pdf = sc3_readers::convert(&file, "pdf").run(dir.path());
            let text = flat(&sc3_readers::pdftotext(&pdf, false));
            assert_eq!(text.matches(KIT_COMPANY).count(), 0, "{id} {name}:\n{text}");
            let after = text.matches(NEW_NAME).count();
            assert!(after > 2, "{id} {name}: {after}");
            if name == "regulations" {
                assert_eq!(after, before, "{id}: every place");
            }
        }
    }
}
