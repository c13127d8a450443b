//! The sample regulations part: for the base edition and each industry
//! edition, the basic policy, one page per chapter (the templates of
//! `book/regulations`, rendered by [`crate::regulations`]) and the
//! edition's index.

use handlebars::Handlebars;
use rayon::prelude::*;
use sc3_model::Repository;

use crate::escape;
use crate::links;
use crate::notices::{self, Notice};
use crate::regulations::{self, Edition, POLICY, POLICY_NAME, SAMPLE_COMPANY, Template};
use crate::{Page, Part, SiteError};

/// The part: each edition's index, then its pages; nothing when the
/// repository has no templates. `policy` is the basic policy's template.
pub fn part(
    repo: &Repository,
    templates: &[Template],
    policy: Option<&Template>,
) -> Result<Option<Part>, SiteError> {
    if templates.is_empty() {
        return Ok(None);
    }
    let mut reg = regulations::registry(templates)?;
    if let Some(p) = policy {
        regulations::register(&mut reg, p)?;
    }
    let editions = regulations::editions(repo)
        .par_iter()
        .map(|ed| render_edition(&reg, templates, repo, ed))
        .collect::<Result<Vec<_>, _>>()?;
    let mut pages = Vec::new();
    for rendered in editions {
        let mut it = rendered.into_iter();
        if let Some(index) = it.next() {
            pages.push((0, index));
        }
        pages.extend(it.map(|p| (1, p)));
    }
    Ok(Some(Part {
        title: "サンプル規程".to_owned(),
        pages,
    }))
}

/// The chapter title: the template's first `# ` line, rendered.
fn title_of(markdown: &str) -> String {
    markdown
        .lines()
        .find_map(|l| l.strip_prefix("# "))
        .unwrap_or("")
        .trim()
        .to_owned()
}

/// Renders every template for `edition` into pages under
/// `regulations/<edition>/`, plus the edition's index page.
pub fn render_edition(
    hb: &Handlebars<'_>,
    templates: &[Template],
    repo: &Repository,
    edition: &Edition<'_>,
) -> Result<Vec<Page>, SiteError> {
    let index_page = links::regulations_index(&edition.id);
    // Every page of the edition is in its folder, at the index's depth.
    let depth = index_page.depth();
    let data = regulations::context(repo, edition, SAMPLE_COMPANY, depth);
    // Whose text it is; for an industry edition, also whose the industry's
    // terms, handling and measures are (and, for a made-up association, that
    // the association is made up).
    let industry = edition.industry.map(notices::industry).unwrap_or_default();
    let notice = Notice::Regulations.html() + &industry;
    let mut chapters = Vec::new();
    // The basic policy comes first: the company's commitment, which the
    // regulations then carry out (clause 1.4 refers to it).
    if hb.has_template(POLICY_NAME) {
        let markdown = hb
            .render(POLICY_NAME, &data)
            .map_err(|e| SiteError(format!("{POLICY}: {} (edition {})", e.reason(), edition.id)))?;
        let markdown = notices::with_notice(
            &markdown.replacen(
                "# 情報セキュリティ基本方針",
                "# 情報セキュリティ基本方針（サンプル）",
                1,
            ),
            &(Notice::Policy.html() + &industry),
        );
        chapters.push(Page {
            path: links::regulation(&edition.id, POLICY_NAME).file(),
            title: format!("{}（{}）", title_of(&markdown), edition.name),
            markdown,
        });
    }
    let first_template = chapters.len();
    for t in templates {
        let markdown = hb.render(&t.name, &data).map_err(|e| {
            let place = match (e.line_no, e.column_no) {
                (Some(l), Some(c)) => format!("{}:{l}:{c}", t.path.display()),
                (Some(l), None) => format!("{}:{l}", t.path.display()),
                _ => t.path.display().to_string(),
            };
            SiteError(format!("{place}: {} (edition {})", e.reason(), edition.id))
        })?;
        // Every chapter says whose text it is, under its title.
        let markdown = notices::with_notice(&markdown, &notice);
        // The edition in the title tells the editions' chapters apart in
        // search results and browser tabs.
        chapters.push(Page {
            path: links::regulation(&edition.id, &t.name).file(),
            title: format!("{}（{}）", title_of(&markdown), edition.name),
            markdown,
        });
    }
    let mut index = format!("# サンプル規程（{}）\n\n", escape::content(&edition.name));
    index.push_str(&notice);
    index.push('\n');
    match edition.industry {
        Some(ind) => index.push_str(&format!(
            "{}向けのサンプル規程です。基本版の語を業界の言葉に置き換え、業界固有の情報取扱いと対策を関係する章に加えています。業界の設定は<a href=\"{}\">業界版のページ</a>を見てください。\n\n",
            escape::content(&ind.name.value),
            links::href(depth, &links::industry(&ind.id.value).page())
        )),
        None => index.push_str(
            "中小企業がそのまま使える、またはいまの規程を見直すときの手本にできる情報セキュリティ関連規程のサンプルです。各条の末尾の「基本項目」は、その条に関係する基本ガイドラインの項目を、このプロジェクトの判断で挙げたものです。\n\n",
        ),
    }
    if hb.has_template(POLICY_NAME) {
        index.push_str(&format!(
            "規程の前に、会社としての約束を示す<a href=\"{}\">情報セキュリティ基本方針（サンプル）</a>があります（4つの達成目標の1つ目）。\n\n",
            // The policy's name is ours and needs no escape.
            links::url_near(&index_page, &links::regulation(&edition.id, POLICY_NAME).page())
        ));
    }
    // The kit is written beside the pages after mdBook (`book::write_kits`).
    index.push_str(&format!(
        "この版の<a href=\"{}\">配布キット（ZIP）</a>には、この版を印刷用にまとめた PDF、サンプル規程と基本方針の Word 文書（DOCX）、情報資産管理台帳・実行計画書・自社診断のひな形（XLSX）、記入例のファイルが入っています。何のためのファイルかは、ZIP の中の README.txt に書いてあります。\n\n",
        links::href(depth, &links::Target::file(&links::kit(&edition.id)))
    ));
    // The edition's name may itself hold parentheses: 「精密部品製造業（架空）」.
    let suffix = format!("（{}）", edition.name);
    for (t, c) in templates
        .iter()
        .zip(&chapters[first_template..])
        .filter(|(t, _)| t.name != POLICY_NAME)
    {
        let chapter = c.title.strip_suffix(&suffix).unwrap_or(&c.title);
        index.push_str(&format!(
            "1. <a href=\"{}\">{}</a>\n",
            links::href_near(&index_page, &links::regulation(&edition.id, &t.name).page()),
            escape::content(chapter)
        ));
    }
    let mut pages = vec![Page {
        path: index_page.file(),
        title: format!("サンプル規程（{}）", edition.name),
        markdown: index,
    }];
    pages.extend(chapters);
    Ok(pages)
}
