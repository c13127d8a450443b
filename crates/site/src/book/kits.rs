//! Each edition's kit: staged with the book ([`stage_kits`]), then written
//! after it is rendered ([`write_kits`]), its PDF printed from the edition's
//! own print book.

use super::*;

/// An edition's kit as staged: the edition, the pages of its print book and
/// the files its generators made.
pub(super) struct StagedKit {
    id: String,
    name: String,
    pages: Vec<Page>,
    files: Vec<KitFile>,
}

/// Prints an edition's print page (the path of its `print.html`) to PDF
/// bytes, or says why it could not. xtask gives one that runs headless
/// Chromium; this crate runs no program.
pub type Printer<'a> = dyn Fn(&Path) -> Result<Vec<u8>, String> + Sync + 'a;

/// What [`write_kits`] wrote for one edition.
#[derive(Clone, Debug)]
pub struct KitReport {
    pub edition: String,
    /// The ZIP's path under the output folder.
    pub path: String,
    pub bytes: usize,
    /// The entries, in order.
    pub entries: Vec<String>,
    /// The PDF's size, or why the kit has none.
    pub pdf: Result<usize, String>,
}

/// Writes each edition's kit (`links::kit`) into `out`, after [`render`]:
/// the README, the edition's PDF when `printer` is given and succeeds (the
/// README says why when not), and
/// the generators' files, in one ZIP dated by `release`. The PDF is printed
/// from the edition's own print book, built with mdBook and checked by
/// [`harden`] like the handbook, with every link that leaves the edition
/// made plain text ([`keep_internal_links`]) and every anchor short enough
/// to name a PDF destination (`anchors::short_anchors`).
pub fn write_kits(
    staged: &Staged,
    out: &Path,
    release: &Release,
    printer: Result<&Printer<'_>, &str>,
) -> Result<Vec<KitReport>, SiteError> {
    let out = absolute(out)?;
    let edition = |k: &StagedKit| regulations::Edition {
        id: k.id.clone(),
        name: k.name.clone(),
        industry: None,
    };
    // The editions print side by side: Chromium spends most of its time
    // waiting, not computing.
    let pdfs: Vec<Result<Vec<u8>, String>> = staged
        .kits
        .par_iter()
        .map(|k| match printer {
            Ok(print) => print_edition(staged, k, &edition(k), release, print),
            Err(why) => Err(why.to_owned()),
        })
        .collect();
    let mut reports = Vec::new();
    for (k, pdf) in staged.kits.iter().zip(pdfs) {
        let edition = edition(k);
        let readme = kit::readme(
            &edition,
            release,
            &match &pdf {
                Ok(_) => PdfState::Included,
                Err(why) => PdfState::Missing(why),
            },
            &k.files,
        );
        let mut entries = vec![(kit::README.to_owned(), readme.into_bytes())];
        let pdf_size = pdf.as_ref().map(Vec::len).map_err(Clone::clone);
        if let Ok(bytes) = pdf {
            entries.push((kit::pdf_name(&k.id), bytes));
        }
        entries.extend(k.files.iter().map(|f| (f.name.clone(), f.bytes.clone())));
        let zip = kit::zip(&entries, release.epoch)?;
        let path = links::kit(&k.id);
        fsx::write(&out, &path, &zip).map_err(|e| SiteError(e.to_string()))?;
        reports.push(KitReport {
            edition: k.id.clone(),
            path,
            bytes: zip.len(),
            entries: entries.into_iter().map(|(n, _)| n).collect(),
            pdf: pdf_size,
        });
    }
    Ok(reports)
}

/// Stages, builds and hardens an edition's print book in a temporary
/// folder and prints its `print.html`; the PDF's dates are `release`'s.
fn print_edition(
    staged: &Staged,
    k: &StagedKit,
    edition: &regulations::Edition<'_>,
    release: &Release,
    print: &Printer<'_>,
) -> Result<Vec<u8>, String> {
    let dir = tempfile::tempdir().map_err(|e| format!("作業用のフォルダを作れません: {e}"))?;
    let mut cfg = config(&staged.root, &dir.path().join("out")).map_err(|e| e.0)?;
    let book_title = cfg
        .book
        .title
        .clone()
        .unwrap_or_else(|| DEFAULT_TITLE.to_owned());
    let pages: Vec<&Page> = k.pages.iter().collect();
    let book = kit::print_book(&book_title, edition, release, &pages);
    cfg.book.title = Some(book.title.clone());
    let set =
        |cfg: &mut Config, key: &str, v: Vec<&str>| cfg.set(key, v).map_err(|e| e.to_string());
    set(
        &mut cfg,
        "output.html.additional-css",
        vec![STYLESHEET, PRINT_STYLESHEET],
    )?;
    set(&mut cfg, "output.html.additional-js", Vec::new())?;
    let mut summary = String::from("# Summary\n\n");
    for p in &book.pages {
        summary.push_str(&format!("- [{}]({})\n", summary_text(&p.title), p.path));
    }
    check_summary(&summary).map_err(|e| e.0)?;
    let write = |rel: &str, bytes: &[u8]| {
        fsx::write(dir.path(), rel, bytes)
            .map(|_| ())
            .map_err(|e| e.to_string())
    };
    write(
        STYLESHEET,
        include_str!("../../templates/sc3.css").as_bytes(),
    )?;
    write(
        PRINT_STYLESHEET,
        include_str!("../../templates/sc3-print.css").as_bytes(),
    )?;
    for p in &book.pages {
        write(&format!("src/{}", p.path), p.markdown.as_bytes())?;
    }
    write("src/SUMMARY.md", summary.as_bytes())?;
    let md = MDBook::load_with_config(dir.path(), cfg)
        .map_err(|e| format!("mdBook could not load the print book: {e:#}"))?;
    md.build()
        .map_err(|e| format!("mdBook could not build the print book: {e:#}"))?;
    let built = dir.path().join("out");
    harden::harden(&built).map_err(|e| e.0)?;
    let print_page = built.join("print.html");
    let html = std::fs::read_to_string(&print_page)
        .map_err(|e| format!("cannot read {}: {e}", print_page.display()))?;
    let html = super::anchors::short_anchors(&keep_internal_links(&html));
    std::fs::write(&print_page, html)
        .map_err(|e| format!("cannot write {}: {e}", print_page.display()))?;
    let mut pdf = print(&print_page)?;
    kit::fix_pdf_dates(&mut pdf, release.epoch);
    Ok(pdf)
}

/// The print page with every link that leaves the edition made plain text:
/// in the print page, mdBook turns links between the edition's chapters into
/// `#…` anchors; any other relative link would become a `file://` link to
/// the build machine in the PDF. Web links (`http(s):`, `mailto:`) stay.
pub fn keep_internal_links(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<a href=\"") {
        let (before, tail) = rest.split_at(at);
        out.push_str(before);
        let value_start = "<a href=\"".len();
        let Some(end) = tail[value_start..].find('"') else {
            out.push_str(tail);
            return out;
        };
        let value = &tail[value_start..value_start + end];
        let keep = value.starts_with('#')
            || value.starts_with("http://")
            || value.starts_with("https://")
            || value.starts_with("mailto:");
        if keep {
            out.push_str(&tail[..value_start + end + 1]);
        } else {
            out.push_str("<a");
        }
        rest = &tail[value_start + end + 1..];
    }
    out.push_str(rest);
    out
}

/// Each edition's kit files and print-book pages; an edition without pages
/// (a repository without sample regulations) has no kit.
pub(super) fn stage_kits(
    repo: &Repository,
    parts: &[crate::Part],
    files: &[crate::File],
    templates: &[regulations::Template],
    policy: Option<&regulations::Template>,
) -> Result<Vec<StagedKit>, SiteError> {
    let all: Vec<&Page> = parts
        .iter()
        .flat_map(|p| p.pages.iter().map(|(_, page)| page))
        .collect();
    let mut hb = regulations::registry(templates)?;
    if let Some(p) = policy {
        regulations::register(&mut hb, p)?;
    }
    let diagnosis = crate::diagnosis_spec(&repo.root)?;
    let mut kits = Vec::new();
    for edition in regulations::editions(repo) {
        let pages: Vec<Page> = kit::edition_pages(&all, &edition)
            .into_iter()
            .cloned()
            .collect();
        if pages.is_empty() {
            continue;
        }
        let input = kit::Input {
            repo,
            edition: &edition,
            templates,
            hb: &hb,
            downloads: files,
            diagnosis: diagnosis.as_ref(),
        };
        kits.push(StagedKit {
            files: kit::files(&input)?,
            id: edition.id,
            name: edition.name,
            pages,
        });
    }
    Ok(kits)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_leaving_the_edition_become_text() {
        let html = r##"<a href="#regulations-base-01">a</a> <a href="../../guidelines/x.html#item-1">b</a> <a href="https://www.ipa.go.jp/">c</a> <a href="../../kits/base-kit.zip">d</a> <link href="css/x.css">"##;
        assert_eq!(
            keep_internal_links(html),
            r##"<a href="#regulations-base-01">a</a> <a>b</a> <a href="https://www.ipa.go.jp/">c</a> <a>d</a> <link href="css/x.css">"##
        );
    }
}
