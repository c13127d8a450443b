//! The industries part: one page per industry edition, their index, and the
//! glossary page.

use std::fmt::Write as _;

use sc3_model::{GuidelineRef, Index, Industry, ItemRef, Relation, Repository};

use crate::escape::content as esc;
use crate::links::{self, Anchor, PagePath, Practice};
use crate::markdown::{cell, cell_link, index_page};
use crate::{Page, Part, regulations};
use sc3_model::coverage::Coverage;

/// The part: the index of industry editions, each edition's page (in the
/// editions' order), then the glossary. `coverage` is each crosswalk's
/// (page, title, counts), from the crosswalks part.
pub fn part(repo: &Repository, coverage: &[(PagePath, String, Coverage)]) -> Part {
    let at = links::industries_index();
    let mut rows = Vec::new();
    let mut pages = Vec::new();
    for ind in regulations::editions(repo)
        .iter()
        .filter_map(|e| e.industry)
    {
        rows.push(vec![
            cell_link(at.depth(), &links::industry(&ind.id.value), &ind.name.value),
            cell(ind.association.as_ref().map_or("", |a| a.value.as_str())),
            ind.handling.len().to_string(),
            ind.measures.len().to_string(),
            cell_link(
                at.depth(),
                &links::regulations_index(&ind.id.value),
                "サンプル規程",
            ),
        ]);
        pages.push(industry_page(repo, ind, coverage));
    }
    let index = index_page(
        &at,
        "業界版一覧",
        "業界団体ごとの業界版です。業界の用語、業界固有の情報取扱いと対策、突合表、業界向けのサンプル規程をまとめています。",
        &["業界", "業界団体", "情報取扱い", "対策", "サンプル規程"],
        rows,
    );
    let mut part = Part::nested("業界版と用語集", index, pages);
    part.pages.push((0, glossary_page(repo)));
    part
}

/// A link to a base item from a page `depth` directories below `src/`.
fn item_link(index: &Index<'_>, depth: usize, reference: &str) -> String {
    match ItemRef::parse(reference)
        .ok()
        .and_then(|r| index.item(&r).map(|it| (r, it)))
    {
        Some((r, it)) => format!(
            "<a href=\"{}\" title=\"{}\">{}</a>",
            links::href(
                depth,
                &links::guideline(&r.guideline.id, &r.guideline.version).at(Anchor::Item(&r.item))
            ),
            esc(&it.title.value),
            esc(&r.item)
        ),
        None => esc(reference),
    }
}

/// The page of one industry edition: its profile, terms, handling, measures,
/// crosswalks, glossary and sample regulations.
pub fn industry_page(
    repo: &Repository,
    ind: &Industry,
    coverage: &[(PagePath, String, Coverage)],
) -> Page {
    let index = repo.index();
    let page = links::industry(&ind.id.value);
    let mut md = format!("# {}（業界版）\n\n", esc(&ind.name.value));
    md.push_str(&crate::notices::industry(ind));
    md.push_str("\n| 項目 | 内容 |\n| --- | --- |\n");
    if let Some(a) = &ind.association {
        let _ = writeln!(md, "| 業界団体 | {} |", esc(&a.value));
    }
    if let Some(b) = &ind.base {
        let cell = match GuidelineRef::parse(&b.value)
            .ok()
            .and_then(|r| index.guideline(&r))
        {
            Some(g) => format!(
                "<a href=\"{}\">{}（{}）</a>",
                links::href(
                    page.depth(),
                    &links::guideline(&g.id.value, &g.version.value).page()
                ),
                esc(&g.title.value),
                esc(&g.version.value)
            ),
            None => esc(&b.value),
        };
        let _ = writeln!(md, "| 基本とするガイドライン | {cell} |");
    }
    let own: Vec<String> = ind
        .guidelines
        .iter()
        .map(|g| {
            match GuidelineRef::parse(&g.value)
                .ok()
                .and_then(|r| index.guideline(&r))
            {
                Some(gl) => format!(
                    "<a href=\"{}\">{}（{}）</a>",
                    links::href(
                        page.depth(),
                        &links::guideline(&gl.id.value, &gl.version.value).page()
                    ),
                    esc(&gl.title.value),
                    esc(&gl.version.value)
                ),
                None => esc(&g.value),
            }
        })
        .collect();
    let _ = writeln!(
        md,
        "| 業界のガイドライン | {} |",
        if own.is_empty() {
            "（リポジトリに未登録）".to_string()
        } else {
            own.join("、")
        }
    );
    let _ = writeln!(
        md,
        "| サンプル規程 | <a href=\"{}\">{}向けサンプル規程</a> |",
        links::href(
            page.depth(),
            &links::regulations_index(&ind.id.value).page()
        ),
        esc(&ind.name.value)
    );
    // The kit is written beside the pages after mdBook (`book::write_kits`).
    let _ = writeln!(
        md,
        "| 配布キット | <a href=\"{}\">{}-kit.zip</a>（印刷用 PDF、Word の規程と基本方針、Excel の台帳・計画書・自社診断、記入例。中身は ZIP の README.txt に） |",
        links::href(
            page.depth(),
            &links::Target::file(&links::kit(&ind.id.value))
        ),
        esc(&ind.id.value)
    );
    let _ = write!(
        md,
        "\nこのページはリポジトリの <code>{}</code> から自動で作られています。\n",
        esc(&repo.file(ind.file).path)
    );

    md.push_str("\n## 業界の用語\n\n");
    if ind.terms.is_empty() {
        md.push_str("（業界で言い換える語は登録されていません）\n");
    } else {
        md.push_str("サンプル規程では、基本版の語を次の業界の言葉に置き換えています。\n\n| 基本版の語 | 業界の言葉 |\n| --- | --- |\n");
        for (base, word) in &ind.terms {
            let _ = writeln!(md, "| {} | {} |", esc(&base.value), esc(&word.value));
        }
    }

    for (title, kind, list) in [
        ("業界固有の情報取扱い", Practice::Handling, &ind.handling),
        (
            "業界固有のセキュリティ対策",
            Practice::Measure,
            &ind.measures,
        ),
    ] {
        let _ = write!(md, "\n## {title}\n\n");
        if list.is_empty() {
            md.push_str("（登録されていません）\n");
        }
        for p in list {
            let _ = write!(
                md,
                "<a id=\"{}\"></a>\n\n### {}\n\n",
                Anchor::Practice(kind, &p.id.value).id(),
                esc(&p.title.value)
            );
            if let Some(t) = &p.text {
                let _ = write!(md, "{}\n\n", esc(&t.value));
            }
            if !p.relates.is_empty() {
                let links: Vec<String> = p
                    .relates
                    .iter()
                    .map(|r| item_link(&index, page.depth(), &r.value))
                    .collect();
                let _ = write!(
                    md,
                    "<p class=\"sc3-implements\">関係する基本項目: {}</p>\n\n",
                    links.join("、")
                );
            }
        }
    }

    md.push_str("\n## 突合表\n\n");
    let keys: Vec<&str> = ind.guidelines.iter().map(|g| g.value.as_str()).collect();
    // Coverage comes from judgments only: a citation crosswalk is no gap report.
    let mine: Vec<_> = repo
        .crosswalks
        .iter()
        .filter(|c| c.is_judgment() && keys.contains(&c.source.value.as_str()))
        .collect();
    if mine.is_empty() {
        md.push_str("（この業界のガイドラインの突合表はまだありません）\n");
    } else {
        md.push_str(
            "| 突合表 | 対応 | 準対応 | 非対応 | 未記入 |\n| --- | ---: | ---: | ---: | ---: |\n",
        );
        for c in &mine {
            let path = links::crosswalk(c);
            let (title, cov) = coverage
                .iter()
                .find(|(p, _, _)| *p == path)
                .map(|(_, t, c)| (t.clone(), c.clone()))
                .unwrap_or_else(|| (c.key(), Coverage::default()));
            let _ = writeln!(
                md,
                "| <a href=\"{}\">{}</a> | {} | {} | {} | {} |",
                links::href(page.depth(), &path.page()),
                esc(&title),
                cov.covered,
                cov.partial,
                cov.none,
                cov.unmapped
            );
        }
    }

    md.push_str(&gaps(repo, ind, &mine));

    md.push_str("\n## 業界の用語集\n\n");
    let glossaries: Vec<_> = repo
        .glossaries
        .iter()
        .filter(|g| g.scope.as_ref().is_some_and(|s| s.value == ind.id.value))
        .collect();
    if glossaries.is_empty() {
        let _ = writeln!(
            md,
            "（この業界だけに当てはまる用語集はありません。全体の用語集は<a href=\"{}\">用語集</a>を見てください）",
            links::href(page.depth(), &links::glossary().page())
        );
    } else {
        for g in glossaries {
            md.push_str(&terms_table(g));
        }
        let _ = write!(
            md,
            "\n全体の用語集は<a href=\"{}\">用語集</a>にあります。\n",
            links::href(page.depth(), &links::glossary().page())
        );
    }
    Page {
        path: page.file(),
        title: format!("{}（業界版）", ind.name.value),
        markdown: md,
    }
}

fn terms_table(g: &sc3_model::Glossary) -> String {
    let mut md = String::from("| 推奨する表記 | 使わない表記 | 理由 |\n| --- | --- | --- |\n");
    for t in &g.terms {
        let variants: Vec<String> = t.variants.iter().map(|v| esc(&v.value)).collect();
        let _ = writeln!(
            md,
            "| <span id=\"{}\"></span>{} | {} | {} |",
            Anchor::Term(&t.preferred.value).id(),
            esc(&t.preferred.value),
            if variants.is_empty() {
                "—".to_string()
            } else {
                variants.join("、")
            },
            t.note.as_ref().map_or(String::new(), |n| esc(&n.value))
        );
    }
    md
}

/// The glossary page: every glossary, the repository-wide ones first.
pub fn glossary_page(repo: &Repository) -> Page {
    let page = links::glossary();
    let mut md = String::from(
        "# 用語集\n\nこのリポジトリで表記を揃えている語の一覧です。`cargo xtask lint` は「使わない表記」を見つけると、推奨する表記に直すよう知らせます（`--fix` で置き換えられます）。\n",
    );
    let mut glossaries: Vec<_> = repo.glossaries.iter().collect();
    glossaries.sort_by_key(|g| {
        let scope = g.scope.as_ref().map_or("all", |s| s.value.as_str());
        (scope != "all", scope.to_owned(), g.id.value.clone())
    });
    for g in glossaries {
        let scope = g.scope.as_ref().map_or("all", |s| s.value.as_str());
        let heading = if scope == "all" {
            format!("全体（{}）", g.id.value)
        } else {
            let name = repo
                .industries
                .iter()
                .find(|i| i.id.value == scope)
                .map_or(scope.to_owned(), |i| i.name.value.clone());
            format!("{name}（{}）", g.id.value)
        };
        let _ = write!(md, "\n## {}\n\n{} 語。", esc(&heading), g.terms.len());
        if scope != "all" {
            let _ = write!(
                md,
                "<a href=\"{}\">業界版のページ</a>の文章だけに当てはめます。",
                links::href(page.depth(), &links::industry(scope).page())
            );
        }
        md.push_str("\n\n");
        md.push_str(&terms_table(g));
    }
    if !repo.prh.is_empty() {
        md.push_str("\n## prh 辞書\n\n次の prh 辞書（textlint-rule-prh と同じ形式）も用語集として使っています。\n\n");
        for p in &repo.prh {
            let _ = writeln!(
                md,
                "- <code>{}</code>（{} 規則）",
                esc(&repo.file(p.file).path),
                p.dictionary.rules.len()
            );
        }
    }
    Page {
        path: page.file(),
        title: "用語集".into(),
        markdown: md,
    }
}

/// Link to an industry measure (`industry:measure`) from the industry page `from`.
fn measure_link(repo: &Repository, from: &PagePath, reference: &str) -> String {
    let Some((ind, id)) = reference.split_once(':') else {
        return esc(reference);
    };
    let found = repo
        .industries
        .iter()
        .find(|i| i.id.value == ind)
        .and_then(|i| i.measures.iter().find(|m| m.id.value == id));
    match found {
        Some(m) => format!(
            "<a href=\"{}\">{}</a>",
            links::href_near(
                from,
                &links::industry(ind).at(Anchor::Practice(Practice::Measure, id))
            ),
            esc(&m.title.value)
        ),
        None => esc(reference),
    }
}

/// The gap report: the industry's requirements its crosswalks mark 非対応 (no
/// base item covers them) or 準対応, with why and the industry measure that
/// fills the gap.
fn gaps(repo: &Repository, ind: &Industry, crosswalks: &[&sc3_model::Crosswalk]) -> String {
    let from = links::industry(&ind.id.value);
    let index = repo.index();
    let mut rows = Vec::new();
    for cw in crosswalks.iter().filter(|c| c.is_judgment()) {
        let Ok(sref) = GuidelineRef::parse(&cw.source.value) else {
            continue;
        };
        for m in &cw.maps {
            let Some(rel) = &m.relation else { continue };
            if !matches!(rel.value, Relation::Partial | Relation::None) {
                continue;
            }
            let title = ItemRef::parse_in(&m.source.value, &sref)
                .ok()
                .and_then(|r| index.item(&r))
                .map(|it| it.title.value.clone())
                .unwrap_or_default();
            let targets: Vec<String> = m
                .targets
                .iter()
                .map(|t| match GuidelineRef::parse(&cw.target.value) {
                    Ok(tref) => match ItemRef::parse_in(&t.value, &tref) {
                        Ok(r) => item_link(&index, from.depth(), &r.to_string()),
                        Err(_) => esc(&t.value),
                    },
                    Err(_) => esc(&t.value),
                })
                .collect();
            rows.push(format!(
                "| {} {} | {} | {} | {} | {} |",
                esc(&m.source.value),
                esc(&title),
                rel.value.japanese(),
                if targets.is_empty() {
                    "―".to_owned()
                } else {
                    targets.join("<br>")
                },
                m.rationale
                    .as_ref()
                    .map_or(String::new(), |r| esc(&r.value)),
                m.measure
                    .as_ref()
                    .map_or("（未登録）".to_owned(), |x| measure_link(
                        repo, &from, &x.value
                    )),
            ));
        }
    }
    let mut md = String::from("\n## 基本ガイドラインで賄えない要求事項\n\n");
    if crosswalks.is_empty() {
        md.push_str("（突合表がないため、まだ分かりません）\n");
    } else if rows.is_empty() {
        let _ = writeln!(
            md,
            "{}の要求事項は、すべて基本ガイドラインの項目で賄えます。",
            esc(&ind.name.value)
        );
    } else {
        md.push_str("突合表で「非対応」「準対応」とした要求事項と、その差を埋める業界固有の対策です。判定と理由は突合表の担当者の判断で、ガイドラインの発行者の見解ではありません。理由の「見当たらない」は、基本ガイドラインのカタログが収めている範囲（見出しや要約）に見当たらないという意味です。\n\n| 要求事項 | 突合 | 基本の項目 | 理由 | 業界固有の対策 |\n| --- | --- | --- | --- | --- |\n");
        for r in rows {
            md.push_str(&r);
            md.push('\n');
        }
    }
    md
}
