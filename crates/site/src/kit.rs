//! The edition kit (配布キット): for the base edition and each industry
//! edition, one ZIP a member company downloads from the edition's page. It
//! holds a README (what each file is for and whose text it is), the edition
//! as a PDF when one could be printed, and the files the [`GENERATORS`] make.
//!
//! Everything here is pure: the kit's files are computed from the model, the
//! README and the ZIP from those files, the PDF's dates fixed in its bytes.
//! The edition's print book is staged and rendered by [`crate::book`]; the
//! PDF itself is printed by the caller (xtask runs headless Chromium).
//!
//! **Adding a file to the kit** is one line in [`GENERATORS`]: a function
//! from the edition's [`Input`] to the files it makes, each with its name,
//! what it is for and whose text it is ([`Whose`]); the README lists it.

use std::fmt::Write as _;
use std::io::Write as _;

use handlebars::Handlebars;
use sc3_model::Repository;

use crate::escape::content as esc;
use crate::links;
use crate::regulations::{self, Edition, Template};
use crate::{File, Page, SiteError};

/// Whose text a file of the kit holds (the content rule: the reader must be
/// able to tell).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Whose {
    /// This project's sample text (regulations, basic policy, the
    /// diagnosis wording, an industry's handling and measures), with the
    /// publishers' ids and names it refers to.
    Sample,
    /// A made-up example (架空): a fictional company's filled-in files.
    Fictional,
    /// The edition as the handbook shows it: publishers' facts with their
    /// source named, our judgments and our sample text, each labelled on
    /// its page.
    Handbook,
}

impl Whose {
    fn label(self) -> &'static str {
        match self {
            Whose::Sample => {
                "このプロジェクトの文例（サンプル）です。IPA・経済産業省・業界団体の文ではありません。"
            }
            Whose::Fictional => {
                "架空の建設会社の記入例です（架空）。実在の会社・団体とは関係ありません。"
            }
            Whose::Handbook => {
                "ハンドブックの内容そのままです。ガイドラインの番号・名称などの公表された事実は出典を、このプロジェクトの判断や文例はそのことを、各ページに示しています。"
            }
        }
    }
}

/// A file of the kit: its name inside the ZIP (see [`entry_name_problem`]),
/// its bytes, what it is for, and whose text it is.
#[derive(Clone, Debug)]
pub struct KitFile {
    pub name: String,
    pub bytes: Vec<u8>,
    pub purpose: String,
    pub whose: Whose,
}

/// What a generator gets: the edition and everything the handbook already
/// computed for it.
pub struct Input<'a> {
    pub repo: &'a Repository,
    pub edition: &'a Edition<'a>,
    pub templates: &'a [Template],
    /// The templates (and the basic policy) registered, strict.
    pub hb: &'a Handlebars<'static>,
    /// The files the handbook's pages offer for download (path under
    /// `src/`, bytes): the worked example's among them.
    pub downloads: &'a [File],
    /// The self-diagnosis spec, when the repository has one.
    pub diagnosis: Option<&'a sc3_toolkit::diagnosis::Spec>,
}

/// A generator: the kit files it makes for an edition (none when the
/// repository lacks what it needs).
pub type Generator = fn(&Input<'_>) -> Result<Vec<KitFile>, SiteError>;

/// The kit's files after the README and the PDF, in this order. Add a
/// generator here (one line) to put a new file in every edition's kit.
pub const GENERATORS: &[Generator] = &[
    documents,
    register_template,
    plan_template,
    diagnosis_sheet,
    worked_example,
];

/// The edition's sample regulations and basic policy as DOCX
/// ([`regulations::kit_documents`]: the company name held once).
fn documents(input: &Input<'_>) -> Result<Vec<KitFile>, SiteError> {
    if input.templates.is_empty() {
        return Ok(Vec::new());
    }
    let docs = regulations::kit_documents(input.hb, input.templates, input.repo, input.edition)?;
    let mut out = vec![KitFile {
        name: "regulations.docx".to_owned(),
        bytes: docs.regulations,
        purpose: format!(
            "サンプル規程（{}）を1つにまとめた Word 文書です。Word や LibreOffice で開き、会社名（「{}」の欄、1か所を直すと文書全体が変わります）と担当者を書き入れ、採用しない章を除いて、自社の規程の下書きにします。",
            input.edition.name,
            regulations::KIT_COMPANY
        ),
        whose: Whose::Sample,
    }];
    if let Some(policy) = docs.policy {
        out.push(KitFile {
            name: "basic-policy.docx".to_owned(),
            bytes: policy,
            purpose: "情報セキュリティ基本方針のサンプルの Word 文書です。代表者が内容を確かめ、自社の言葉に直して署名し、社内外に示します。".to_owned(),
            whose: Whose::Sample,
        });
    }
    Ok(out)
}

/// The asset register as a spreadsheet that computes the risk itself.
fn register_template(_: &Input<'_>) -> Result<Vec<KitFile>, SiteError> {
    Ok(vec![KitFile {
        name: "asset-register.xlsx".to_owned(),
        bytes: sc3_toolkit::templates::register_template(&[], sc3_toolkit::risk::ImportanceRule::Max)
            .map_err(SiteError)?,
        purpose: "情報資産管理台帳のひな形（Excel、LibreOffice）です。機密性・完全性・可用性と脅威・脆弱性を選ぶと、重要度・被害発生可能性・リスク値とリスクの大きさが、このプロジェクトのリスク分析（cargo xtask risk）と同じ計算で求まります。1〜3の点数、脅威と脆弱性から被害発生可能性を出す表、リスク値＝重要度×被害発生可能性は IPA のガイドライン付録7（リスク分析シート）によるものです。機密性・完全性・可用性から重要度を出す決め方（既定は最大値）と、リスク値1〜3を「低」とする区切りは、このプロジェクトの読み方です。".to_owned(),
        whose: Whose::Sample,
    }])
}

/// The action plan as a spreadsheet to fill in.
fn plan_template(input: &Input<'_>) -> Result<Vec<KitFile>, SiteError> {
    let Some(spec) = input.diagnosis else {
        return Ok(Vec::new());
    };
    let title = |stem: &str| regulations::chapter_title(input.templates, stem);
    Ok(vec![KitFile {
        name: "action-plan.xlsx".to_owned(),
        bytes: sc3_toolkit::templates::plan_template(spec, &title).map_err(SiteError)?,
        purpose: "情報セキュリティ対策実行計画書のひな形（Excel、LibreOffice）です。自社診断の設問ごとの対策と、参照するサンプル規程の章・条項が並んでいます。現状、時期、担当者、期限、進み具合を書き入れます。対策を終えたら、その日を完了日の列に書きます（★3 の準備状況の推定は、完了日の入った行を完了として読みます）。".to_owned(),
        whose: Whose::Sample,
    }])
}

/// The self-diagnosis as a sheet to print and fill in.
fn diagnosis_sheet(input: &Input<'_>) -> Result<Vec<KitFile>, SiteError> {
    let Some(spec) = input.diagnosis else {
        return Ok(Vec::new());
    };
    Ok(vec![KitFile {
        name: "self-diagnosis.xlsx".to_owned(),
        bytes: sc3_toolkit::templates::diagnosis_sheet(spec, None).map_err(SiteError)?,
        purpose: "自社診断の回答用紙（印刷して記入、または Excel・LibreOffice で入力）です。25 の設問に答えると、合計点と区分が求まります。設問の文はこのプロジェクトの言葉で、点数の付け方と区分の境目は IPA が公表しているとおりです。".to_owned(),
        whose: Whose::Sample,
    }])
}

/// The worked example's files, as the toolkit page offers them.
fn worked_example(input: &Input<'_>) -> Result<Vec<KitFile>, SiteError> {
    let folder = links::example_download("");
    let what = |name: &str| match name.rsplit('.').next() {
        Some("csv") => {
            "情報資産管理台帳の入力（CSV）の記入例です。このプロジェクトのリスク分析（cargo xtask risk）が読む形の見本です。"
        }
        Some("xlsx") if name.starts_with("plan") => {
            "情報セキュリティ対策実行計画書（XLSX）の記入例です。"
        }
        Some("xlsx") if name.starts_with("readiness") => {
            "★3 の準備状況（評価基準ごとの推定。評価ではありません）のチェックリスト（XLSX）の記入例です。"
        }
        Some("xlsx") => {
            "リスク分析の結果（重要度・被害発生可能性・リスク値）を加えた情報資産管理台帳（XLSX）の記入例です。"
        }
        Some("docx") if name.contains("policy") => {
            "基本方針のサンプルに架空の会社名を入れた記入例（DOCX）です。"
        }
        Some("docx") => "サンプル規程から架空の会社の規程を作った記入例（DOCX）です。",
        _ => "記入例のファイルです。",
    };
    Ok(input
        .downloads
        .iter()
        .filter_map(|(path, bytes)| {
            let name = path.strip_prefix(&folder)?;
            Some(KitFile {
                name: format!("example/{name}"),
                bytes: bytes.clone(),
                purpose: what(name).to_owned(),
                whose: Whose::Fictional,
            })
        })
        .collect())
}

/// The files every generator makes for `input`'s edition, in
/// [`GENERATORS`] order; a name two generators share, or one a ZIP entry
/// cannot carry safely, is an error.
pub fn files(input: &Input<'_>) -> Result<Vec<KitFile>, SiteError> {
    let mut out: Vec<KitFile> = Vec::new();
    for g in GENERATORS {
        for f in g(input)? {
            if let Some(why) = entry_name_problem(&f.name) {
                return Err(SiteError(format!(
                    "kit of edition {}: the file name 「{}」 is refused ({why})",
                    input.edition.id,
                    f.name.escape_debug()
                )));
            }
            if out.iter().any(|o| o.name == f.name)
                || f.name == README
                || f.name == pdf_name(&input.edition.id)
            {
                return Err(SiteError(format!(
                    "kit of edition {}: two files are named {}",
                    input.edition.id, f.name
                )));
            }
            out.push(f);
        }
    }
    Ok(out)
}

/// Why `name` may not name a ZIP entry, if it may not: entries are relative
/// paths of safe names (`[A-Za-z0-9._-]`, not `.` or `..`), so no archiver
/// can be led to write outside the folder it extracts into.
pub fn entry_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("empty");
    }
    if name.len() > 200 {
        return Some("longer than 200 bytes");
    }
    for part in name.split('/') {
        if part.is_empty() || part == "." || part == ".." {
            return Some("an empty, `.` or `..` part");
        }
        if !part
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
        {
            return Some("a character outside A-Z a-z 0-9 . _ -");
        }
    }
    None
}

/// The README's name in the kit.
pub const README: &str = "README.txt";

/// The edition's PDF's name in the kit.
pub fn pdf_name(edition: &str) -> String {
    format!("handbook-{edition}.pdf")
}

/// The release a kit is built from: a label (a tag, or `git describe`) and
/// the commit's time, which also dates every ZIP entry and the PDF.
#[derive(Clone, Debug)]
pub struct Release {
    /// e.g. `v1.2.0` or `v1.2.0-3-gabc1234`; empty when unknown.
    pub label: String,
    /// Seconds since 1970-01-01 UTC (the commit's, or SOURCE_DATE_EPOCH).
    pub epoch: i64,
}

impl Default for Release {
    /// No label, dated 1980-01-01 (the earliest date a ZIP can hold).
    fn default() -> Self {
        Release {
            label: String::new(),
            epoch: 315_532_800,
        }
    }
}

impl Release {
    /// The release's date, `YYYY-MM-DD` (UTC).
    pub fn date(&self) -> String {
        let (y, m, d, ..) = civil(self.epoch);
        format!("{y:04}-{m:02}-{d:02}")
    }

    /// How the title page and the README name it.
    pub fn describe(&self) -> String {
        if self.label.is_empty() {
            format!("{} 時点", self.date())
        } else {
            format!("{}（{}）", self.label, self.date())
        }
    }
}

/// Seconds since the epoch → (year, month, day, hour, minute, second), UTC,
/// by the proleptic Gregorian calendar (days-from-civil inverted).
fn civil(epoch: i64) -> (i64, u32, u32, u32, u32, u32) {
    let days = epoch.div_euclid(86_400);
    let secs = epoch.rem_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i64::from(m <= 2);
    (
        y,
        m,
        d,
        (secs / 3600) as u32,
        (secs % 3600 / 60) as u32,
        (secs % 60) as u32,
    )
}

/// The PDF's state in the kit, for the README.
pub enum PdfState<'a> {
    /// In the kit.
    Included,
    /// Not made, and why (no Chromium on the build machine, …).
    Missing(&'a str),
}

/// The README (Japanese, UTF-8 with a BOM and CRLF line ends, so Windows'
/// Notepad shows it as written): the edition, the release, every file with
/// what it is for and whose text it is.
pub fn readme(
    edition: &Edition<'_>,
    release: &Release,
    pdf: &PdfState<'_>,
    files: &[KitFile],
) -> String {
    let mut t = String::new();
    let _ = writeln!(
        t,
        "業界セキュリティガイドライン導入手引き 配布キット（{}）",
        edition.name
    );
    let _ = writeln!(t, "リリース: {}", release.describe());
    t.push('\n');
    t.push_str(
        "このキットは、ハンドブックの版ごとに、加盟企業が手元で使うファイルをまとめたものです。\n",
    );
    t.push_str("ハンドブックを作るたびに、同じ内容から作り直されます（cargo xtask book）。\n");
    t.push_str("このキットとハンドブックは、このプロジェクトが作ったものです。IPA がまとめた導入手引きそのものではありません。\n\n");
    t.push_str("■ 含まれるファイル\n\n");
    let _ = writeln!(
        t,
        "・{README}\n    このファイルです。キットの中身と、それぞれが誰の文かを説明します。\n"
    );
    match pdf {
        PdfState::Included => {
            let _ = writeln!(
                t,
                "・{}\n    ハンドブックの{}を印刷用にまとめた PDF です（A4、白黒で印刷できます）。表紙、目次、しおり（章と節）、ページ番号があり、日本語のフォントを埋め込んでいます。\n    {}\n",
                pdf_name(&edition.id),
                edition_label(&edition.name),
                Whose::Handbook.label()
            );
        }
        PdfState::Missing(why) => {
            let _ = writeln!(
                t,
                "・このキットには PDF が含まれていません（{why}）。ハンドブックのページをブラウザーで開いて印刷してください。\n"
            );
        }
    }
    for f in files {
        let _ = writeln!(
            t,
            "・{}\n    {}\n    {}\n",
            f.name,
            f.purpose,
            f.whose.label()
        );
    }
    t.push_str("■ 誰の文か\n\n");
    t.push_str("ガイドラインの項目番号・名称・版などは、それを公表した団体（IPA、経済産業省など）の事実で、ハンドブックの各ページに出典を示しています。\n");
    t.push_str("突合表の対応の判断とその理由は、このプロジェクトの判断です。\n");
    t.push_str("★3 の準備状況の「状況」は、このプロジェクトの突合表の判断と自社の記録から見積もった推定で、評価でも審査でもありません。\n");
    t.push_str("サンプル規程、基本方針、業界の情報取扱いと対策、自社診断の設問の文は、このプロジェクトが書いた文例で、IPA・経済産業省・業界団体の文ではありません。\n");
    t.push_str("自社で使うときは、内容を確かめ、自社に合わせて直してください。\n");
    let mut out = String::from("\u{feff}");
    out.push_str(&t.replace('\n', "\r\n"));
    out
}

/// An edition's name as a noun for 「…の版」: 「建設業」 → 「建設業版」,
/// 「基本版」 as it is.
fn edition_label(name: &str) -> String {
    if name.ends_with('版') {
        name.to_owned()
    } else {
        format!("{name}版")
    }
}

/// The ZIP of `entries` (name, bytes), in the order given, every entry
/// dated `epoch` (clamped to 1980–2107, what a ZIP can hold), with the same
/// permissions and no extra fields: the same entries give the same bytes.
pub fn zip(entries: &[(String, Vec<u8>)], epoch: i64) -> Result<Vec<u8>, SiteError> {
    use zip::write::SimpleFileOptions;
    let (y, mo, d, h, mi, s) = civil(epoch.clamp(315_532_800, 4_354_819_199));
    let time = zip::DateTime::from_date_and_time(
        u16::try_from(y).unwrap_or(1980),
        mo as u8,
        d as u8,
        h as u8,
        mi as u8,
        s as u8,
    )
    .map_err(|e| SiteError(format!("ZIP date: {e}")))?;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        if let Some(why) = entry_name_problem(name) {
            return Err(SiteError(format!(
                "ZIP entry 「{}」 refused ({why})",
                name.escape_debug()
            )));
        }
        w.start_file(name.as_str(), options)
            .map_err(|e| SiteError(format!("ZIP {name}: {e}")))?;
        w.write_all(bytes)
            .map_err(|e| SiteError(format!("ZIP {name}: {e}")))?;
    }
    Ok(w.finish()
        .map_err(|e| SiteError(format!("ZIP: {e}")))?
        .into_inner())
}

/// The PDF with its creation and modification dates (`/CreationDate`,
/// `/ModDate`, as Chromium's Skia writes them: `D:YYYYMMDDHHmmSS+00'00'`)
/// set to `epoch`, written in place with the same length so every offset of
/// the file stays valid. Returns how many dates it replaced.
pub fn fix_pdf_dates(pdf: &mut [u8], epoch: i64) -> usize {
    let (y, mo, d, h, mi, s) = civil(epoch);
    let date = format!("{y:04}{mo:02}{d:02}{h:02}{mi:02}{s:02}");
    let mut n = 0;
    for key in [&b"/CreationDate (D:"[..], &b"/ModDate (D:"[..]] {
        let mut from = 0;
        while let Some(at) = find(&pdf[from..], key) {
            let start = from + at + key.len();
            let digits = pdf[start..]
                .iter()
                .take_while(|b| b.is_ascii_digit())
                .count();
            if digits == 14 {
                pdf[start..start + 14].copy_from_slice(date.as_bytes());
                n += 1;
            }
            from = start;
        }
    }
    n
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

/// An edition's print book: its title, its pages in order (a title page, a
/// table of contents, then the edition's pages, each under the path it has
/// in the handbook, so their links to each other hold).
pub struct PrintBook {
    pub title: String,
    pub pages: Vec<Page>,
}

/// The pages of `edition` among the handbook's generated pages: the
/// industry's page (industry editions), then the sample regulations' index,
/// basic policy and chapters.
pub fn edition_pages<'p>(all: &[&'p Page], edition: &Edition<'_>) -> Vec<&'p Page> {
    let mut out = Vec::new();
    if let Some(ind) = edition.industry {
        let file = links::industry(&ind.id.value).file();
        out.extend(all.iter().copied().filter(|p| p.path == file));
    }
    let index = links::regulations_index(&edition.id).file();
    let folder = index.trim_end_matches("index.md");
    out.extend(all.iter().copied().filter(|p| p.path == index));
    out.extend(
        all.iter()
            .copied()
            .filter(|p| p.path.starts_with(folder) && p.path != index),
    );
    out
}

/// A regulation chapter's clauses as section headings, for the print
/// book's outline and contents: the clause helper writes each clause's
/// title as a bold line (`**第1.1条（目的）**`), which becomes `## …`. An
/// ATX heading may interrupt the paragraph the clause's anchor opens.
fn clause_headings(markdown: &str) -> String {
    let mut out = String::with_capacity(markdown.len() + 64);
    for line in markdown.lines() {
        match line
            .strip_prefix("**第")
            .and_then(|l| l.strip_suffix("）**"))
            .filter(|l| l.contains("条（") && !l.contains("**"))
        {
            Some(inner) => {
                let _ = writeln!(out, "## 第{inner}）");
            }
            None => {
                out.push_str(line);
                out.push('\n');
            }
        }
    }
    out
}

/// The edition's print book: a title page (the handbook's title, the
/// edition, the release), a table of contents (each chapter and its
/// sections), then `pages` (a regulation's clauses made section headings).
pub fn print_book(
    book_title: &str,
    edition: &Edition<'_>,
    release: &Release,
    pages: &[&Page],
) -> PrintBook {
    let suffix = format!("（{}）", edition.name);
    let chapter_title = |p: &Page| -> String {
        p.markdown
            .lines()
            .find_map(|l| l.strip_prefix("# "))
            .map_or_else(
                || esc(p.title.strip_suffix(&suffix).unwrap_or(&p.title)),
                |h| h.trim().to_owned(),
            )
    };
    let title = format!(
        "# {}\n\n<div class=\"sc3-title-page\">\n<p class=\"sc3-title-edition\">{}</p>\n<p>リリース: {}</p>\n<p>このPDFは、ハンドブックの{}のページを印刷用にまとめたものです。ガイドラインの番号・名称などの公表された事実は出典を、このプロジェクトの判断や文例（サンプル規程・基本方針・業界の情報取扱いと対策）はそのことを、各章に示しています。</p>\n</div>\n",
        esc(book_title),
        esc(&edition.name),
        esc(&release.describe()),
        esc(&edition.name),
    );
    let pages: Vec<Page> = pages
        .iter()
        .map(|p| Page {
            markdown: clause_headings(&p.markdown),
            ..(*p).clone()
        })
        .collect();
    let mut toc = String::from("# 目次\n\n");
    for p in &pages {
        let _ = writeln!(
            toc,
            "1. <a href=\"{}\">{}</a>",
            links::href(0, &links::page_of_file(&p.path).page()),
            chapter_title(p)
        );
        for h in p.markdown.lines().filter_map(|l| l.strip_prefix("## ")) {
            let _ = writeln!(toc, "   - {}", h.trim());
        }
    }
    let mut out = vec![
        Page {
            path: links::print_title().file(),
            title: "表紙".into(),
            markdown: title,
        },
        Page {
            path: links::print_contents().file(),
            title: "目次".into(),
            markdown: toc,
        },
    ];
    out.extend(pages);
    PrintBook {
        title: format!("{book_title}{suffix}"),
        pages: out,
    }
}

/// The chapter titles of a print book after its title page and contents,
/// as the PDF shows them (for tests and checks).
pub fn chapter_titles(book: &PrintBook) -> Vec<String> {
    book.pages
        .iter()
        .skip(2)
        .filter_map(|p| p.markdown.lines().find_map(|l| l.strip_prefix("# ")))
        .map(|h| h.trim().to_owned())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates() {
        assert_eq!(civil(0), (1970, 1, 1, 0, 0, 0));
        assert_eq!(civil(315_532_800), (1980, 1, 1, 0, 0, 0));
        // 2026-12-02 12:49:32 UTC
        assert_eq!(civil(1_796_215_772), (2026, 12, 2, 12, 49, 32));
        assert_eq!(civil(951_782_400), (2000, 2, 29, 0, 0, 0));
    }

    #[test]
    fn entry_names() {
        assert_eq!(entry_name_problem("README.txt"), None);
        assert_eq!(entry_name_problem("example/plan.xlsx"), None);
        for bad in [
            "../x",
            "a/../b",
            "/etc/passwd",
            "a//b",
            "./a",
            "a\\b",
            "C:x",
            "規程.docx",
            "",
            "a\u{0}b",
        ] {
            assert!(entry_name_problem(bad).is_some(), "{bad:?}");
        }
        assert!(zip(&[("../evil".into(), vec![1])], 0).is_err());
    }

    #[test]
    fn pdf_dates_are_fixed_in_place() {
        let mut pdf = b"<</Producer (Skia/PDF m156)\n/CreationDate (D:20261202131036+00'00')\n/ModDate (D:20261202131036+00'00')>>".to_vec();
        let len = pdf.len();
        assert_eq!(fix_pdf_dates(&mut pdf, 315_532_800), 2);
        assert_eq!(pdf.len(), len);
        let text = String::from_utf8(pdf).unwrap();
        assert!(text.contains("/CreationDate (D:19800101000000+00'00')"));
        assert!(text.contains("/ModDate (D:19800101000000+00'00')"));
    }

    #[test]
    fn clauses_become_sections() {
        let md = "# 第1章 総則\n\n<a id=\"c11\"></a>\n**第1.1条（目的）**\n\n本文 **強調**\n";
        assert_eq!(
            clause_headings(md),
            "# 第1章 総則\n\n<a id=\"c11\"></a>\n## 第1.1条（目的）\n\n本文 **強調**\n"
        );
    }

    #[test]
    fn zip_is_the_same_for_the_same_entries() {
        let e = vec![
            ("README.txt".to_owned(), b"a".to_vec()),
            ("example/x.csv".to_owned(), b"b".to_vec()),
        ];
        let a = zip(&e, 1_796_215_772).unwrap();
        assert_eq!(a, zip(&e, 1_796_215_772).unwrap());
        // ZIP times have a resolution of two seconds.
        assert_ne!(a, zip(&e, 1_796_215_774).unwrap());
        let mut z = zip::ZipArchive::new(std::io::Cursor::new(a)).unwrap();
        assert_eq!(z.file_names().collect::<Vec<_>>().len(), 2);
        let f = z.by_index(0).unwrap();
        assert_eq!(f.name().unwrap(), "README.txt");
        let t = f.last_modified().unwrap();
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (2026, 12, 2, 12, 49)
        );
    }
}
