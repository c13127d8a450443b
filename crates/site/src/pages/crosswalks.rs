//! The crosswalks part: one page per crosswalk (coverage summary, bar,
//! matrix, rows with links to the items on both sides), the index of
//! judgments and of citations, and each crosswalk as XLSX and CSV beside
//! its page.

use std::collections::HashMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use sc3_model::{Crosswalk, Guideline, GuidelineRef, ItemRef, Relation, Repository};

use crate::escape::content as esc;
use crate::links::{self, Anchor, PagePath, Target};
use crate::markdown::{cell, cell_link, index_page, joined, link};
use crate::notices::{self, Notice};
use crate::{File, Page, Part, SiteError};
use sc3_model::coverage::Coverage;

/// What the crosswalks part makes: its pages, the spreadsheets beside them,
/// and each crosswalk's coverage (page, title, counts) for the industry
/// pages.
pub struct Crosswalks {
    pub part: Part,
    pub files: Vec<File>,
    pub coverage: Vec<(PagePath, String, Coverage)>,
}

/// The part: the index, then each crosswalk's page, by key.
pub fn part(repo: &Repository) -> Result<Crosswalks, SiteError> {
    let mut crosswalks: Vec<_> = repo.crosswalks.iter().collect();
    crosswalks.sort_by_key(|c| c.key());
    let index = repo.index();
    let built = crosswalks
        .par_iter()
        .map(|cw| {
            let (page, cov) = crosswalk_page(repo, cw);
            // The crosswalk as spreadsheets, next to its page.
            let src = GuidelineRef::parse(&cw.source.value).ok();
            let title = |id: &str| {
                src.as_ref()
                    .and_then(|s| index.guideline(s))
                    .and_then(|g| g.item(id))
                    .map_or(String::new(), |it| it.title.value.clone())
            };
            let sheet = sc3_interop::spreadsheet::crosswalk_sheet(cw, &title);
            let xlsx = sc3_interop::spreadsheet::to_xlsx(&sheet, "突合表").map_err(SiteError)?;
            Ok((page, cov, sc3_interop::spreadsheet::to_csv(&sheet), xlsx))
        })
        .collect::<Result<Vec<_>, SiteError>>()?;
    let at = links::crosswalks_index();
    let mut pages = Vec::new();
    let mut files = Vec::new();
    let mut coverage = Vec::new();
    let mut judged_rows = Vec::new();
    let mut cited_rows = Vec::new();
    for (cw, (page, cov, csv, xlsx)) in crosswalks.iter().zip(built) {
        files.push((links::crosswalk_download(cw, "csv"), csv));
        files.push((links::crosswalk_download(cw, "xlsx"), xlsx));
        coverage.push((links::crosswalk(cw), page.title.clone(), cov.clone()));
        let total = cov.total();
        let name = cell_link(at.depth(), &links::crosswalk(cw), &page.title);
        let status = cell(cw.status().as_str());
        if cw.is_judgment() {
            let share = |n: usize| format!("{n}（{}）", percent(n, total));
            judged_rows.push(vec![
                name,
                status,
                share(cov.covered),
                share(cov.partial),
                share(cov.none),
                cov.unmapped.to_string(),
            ]);
        } else {
            // A citation is not coverage: counts only, no shares.
            cited_rows.push(vec![
                name,
                status,
                cov.cited.to_string(),
                cov.not_cited.to_string(),
                cov.unmapped.to_string(),
            ]);
        }
        pages.push(page);
    }
    let mut index = index_page(
        &at,
        "突合表一覧",
        "業界の要求事項を基本となるガイドラインと突き合わせた表（突合表）の一覧です。対応・準対応・非対応は、各突合表の担当者の判定です。割合は、範囲内の突合元の項目に対するものです。",
        &["突合表", "状態", "対応", "準対応", "非対応", "未記入"],
        judged_rows,
    );
    if !cited_rows.is_empty() {
        let cited = index_page(
            &at,
            "参照の対照表",
            "発行者の文書の参照欄が、別のガイドラインのどの項目を挙げているかを写した表です。参照は要求を満たすかどうかの判定ではないので、件数だけを示し、割合は示しません。",
            &["対照表", "状態", "参照あり", "参照なし", "未記入"],
            cited_rows,
        );
        // The second table, one heading level down.
        index.markdown.push_str("\n#");
        index.markdown.push_str(&cited.markdown);
    }
    Ok(Crosswalks {
        part: Part::nested("突合表", index, pages),
        files,
        coverage,
    })
}

fn percent(n: usize, total: usize) -> String {
    if total == 0 {
        "0.0%".into()
    } else {
        format!("{:.1}%", n as f64 * 100.0 / total as f64)
    }
}

/// A horizontal bar of the four outcomes, as inline SVG.
fn coverage_bar(c: &Coverage) -> String {
    let total = c.total().max(1) as f64;
    let parts = [
        (c.covered, "#2e7d32", "対応"),
        (c.partial, "#f9a825", "準対応"),
        (c.none, "#c62828", "非対応"),
        (c.unmapped, "#9e9e9e", "未記入"),
    ];
    let mut x = 0.0;
    let mut rects = String::new();
    for (n, color, label) in parts {
        let w = n as f64 * 600.0 / total;
        if n > 0 {
            rects.push_str(&format!(
                "<rect x=\"{x:.1}\" y=\"0\" width=\"{w:.1}\" height=\"24\" fill=\"{color}\"><title>{label} {n}</title></rect>"
            ));
        }
        x += w;
    }
    format!(
        "<svg class=\"sc3-coverage\" role=\"img\" aria-label=\"対応 {} 件、準対応 {} 件、非対応 {} 件、未記入 {} 件\" viewBox=\"0 0 600 24\" width=\"100%\" height=\"24\" preserveAspectRatio=\"none\">{rects}</svg>",
        c.covered, c.partial, c.none, c.unmapped
    )
}

/// The last column of a crosswalk row, escaped: rationale, the sample-
/// regulation clauses it rests on (linked, and said to be ours),
/// set-theory relation, industry measure.
fn notes(
    rationale: Option<String>,
    clauses: &[String],
    strm: Option<sc3_model::Strm>,
    measure: Option<String>,
) -> Vec<String> {
    let mut v = Vec::new();
    v.extend(rationale.map(|r| esc(&r)));
    if !clauses.is_empty() {
        v.push(format!(
            "関係するサンプル規程（このプロジェクトの文例）: {}",
            clauses.join("、")
        ));
    }
    v.extend(strm.map(|s| esc(&format!("関係（NIST IR 8477）: {}", s.as_str()))));
    v.extend(measure.map(|m| esc(&format!("業界固有の対策: {m}"))));
    v
}

/// Links to sample-regulation clauses (base edition) from a page `depth`
/// directories below `src/`; a number no template defines stays text (the
/// lint reports it).
pub(crate) fn clause_links(repo: &Repository, depth: usize, numbers: &[String]) -> Vec<String> {
    let clauses = repo.clauses();
    numbers
        .iter()
        .map(|n| match clauses.iter().find(|c| &c.number == n) {
            Some(c) => link(
                &links::href(
                    depth,
                    &links::regulation("base", &c.template).at(Anchor::Clause(n)),
                ),
                &format!("第{n}条"),
            ),
            None => esc(n),
        })
        .collect()
}

/// One row of a crosswalk's table, its cells escaped.
struct Row<'a> {
    /// The source item's id.
    source_id: &'a str,
    source: String,
    relation: &'static str,
    class: &'static str,
    targets: Vec<String>,
    notes: Vec<String>,
}

/// A crosswalk's page: what it maps and who decided, its coverage (summary,
/// matrix, counts) and every row, with links to the items on both sides.
pub fn crosswalk_page(repo: &Repository, cw: &Crosswalk) -> (Page, Coverage) {
    let index = repo.index();
    let page = links::crosswalk(cw);
    let depth = page.depth();
    // A side of the crosswalk: its title, version and link (or the
    // reference as written, when the repository lacks that guideline).
    let side = |r: &str| {
        let parsed = GuidelineRef::parse(r).ok();
        match parsed.as_ref().and_then(|p| index.guideline(p)) {
            Some(g) => (
                esc(&g.title.value),
                esc(&g.version.value),
                format!(
                    "{} <code>{}</code>",
                    link(
                        &links::href(
                            depth,
                            &links::guideline(&g.id.value, &g.version.value).page()
                        ),
                        &g.title.value
                    ),
                    esc(&g.key())
                ),
            ),
            None => (esc(r), String::new(), esc(r)),
        }
    };
    let src_ref = GuidelineRef::parse(&cw.source.value).ok();
    let tgt_ref = GuidelineRef::parse(&cw.target.value).ok();
    let source = src_ref.as_ref().and_then(|r| index.guideline(r));
    let target = tgt_ref.as_ref().and_then(|r| index.guideline(r));
    let levels: Vec<&str> = cw
        .scope
        .iter()
        .flat_map(|s| s.levels.iter().map(|l| l.value.as_str()))
        .collect();
    let in_scope =
        |level: Option<&str>| levels.is_empty() || level.is_some_and(|l| levels.contains(&l));

    let item_cell = |g: Option<&Guideline>, r: &ItemRef| -> String {
        match g.and_then(|g| g.item(&r.item).map(|it| (g, it))) {
            Some((g, it)) => link(
                &links::href(
                    depth,
                    &links::guideline(&g.id.value, &g.version.value).at(Anchor::Item(&it.id.value)),
                ),
                &format!("{} {}", it.id.value, it.title.value),
            ),
            None => esc(&r.item),
        }
    };

    let mut coverage = Coverage {
        judgment: cw.is_judgment(),
        ..Coverage::default()
    };
    let mut rows = Vec::new();
    // Counted as `sc3_model::coverage` counts: each in-scope item of the
    // source catalog once, by its first entry. A second entry for an item
    // (M002) and an entry for an item the catalog lacks are rows of the
    // table, never counts.
    let mut mapped = std::collections::HashSet::new();
    for m in &cw.maps {
        let Some(src) = src_ref
            .as_ref()
            .and_then(|s| ItemRef::parse_in(&m.source.value, s).ok())
        else {
            continue;
        };
        let first = mapped.insert(src.item.clone());
        let item = source.and_then(|g| g.item(&src.item));
        let level = item
            .and_then(|it| it.level.as_ref())
            .map(|l| l.value.as_str());
        let rel = m.relation.as_ref().map(|r| r.value);
        if first && (item.is_some() || source.is_none()) && in_scope(level) {
            coverage.add(rel);
        }
        let targets: Vec<String> = m
            .targets
            .iter()
            .filter_map(|t| {
                tgt_ref
                    .as_ref()
                    .and_then(|g| ItemRef::parse_in(&t.value, g).ok())
            })
            .map(|r| item_cell(target, &r))
            .collect();
        let measure = m.measure.as_ref().map(|ms| {
            sc3_model::MeasureRef::parse(&ms.value)
                .ok()
                .and_then(|r| {
                    let ind = index.industry(&r.industry)?;
                    let x = ind.measures.iter().find(|x| x.id.value == r.measure)?;
                    Some(format!("{}（{}）", x.title.value, ind.name.value))
                })
                .unwrap_or_else(|| ms.value.clone())
        });
        rows.push(Row {
            source: item_cell(source, &src),
            source_id: &m.source.value,
            relation: rel.map_or("—", Relation::japanese),
            class: rel.map_or("unknown", Relation::as_str),
            targets,
            notes: notes(
                m.rationale.as_ref().map(|r| r.value.clone()),
                &clause_links(
                    repo,
                    depth,
                    &m.regulations
                        .iter()
                        .map(|c| c.value.clone())
                        .collect::<Vec<_>>(),
                ),
                m.strm.as_ref().map(|s| s.value),
                measure,
            ),
        });
    }
    if let (Some(g), Some(s)) = (source, src_ref.as_ref()) {
        for it in &g.items {
            if in_scope(it.level.as_ref().map(|l| l.value.as_str()))
                && !mapped.contains(&it.id.value)
            {
                coverage.unmapped += 1;
                let r = ItemRef {
                    guideline: s.clone(),
                    item: it.id.value.clone(),
                };
                rows.push(Row {
                    source: item_cell(source, &r),
                    source_id: &it.id.value,
                    relation: "未記入",
                    class: "unmapped",
                    targets: Vec::new(),
                    notes: Vec::new(),
                });
            }
        }
    }
    // The matrix: every in-scope source item, in the catalog's order.
    let mut matrix_rows = Vec::new();
    if let (Some(g), Some(s)) = (source, src_ref.as_ref()) {
        // Each item's first entry, found once rather than by a search per item.
        let mut first_entry: HashMap<String, Option<Relation>> = HashMap::new();
        for m in &cw.maps {
            if let Ok(r) = ItemRef::parse_in(&m.source.value, s) {
                first_entry
                    .entry(r.item)
                    .or_insert(m.relation.as_ref().map(|r| r.value));
            }
        }
        for it in &g.items {
            if !in_scope(it.level.as_ref().map(|l| l.value.as_str())) {
                continue;
            }
            let relation = first_entry.get(&it.id.value).copied().flatten();
            matrix_rows.push(crate::charts::MatrixRow {
                id: &it.id.value,
                title: &it.title.value,
                relation,
            });
        }
    }
    let matrix = crate::charts::coverage_matrix(&matrix_rows, cw.basis());
    let status = match cw.status() {
        sc3_model::Status::Draft => "作業中（draft）",
        sc3_model::Status::Review => "確認中（review）",
        sc3_model::Status::Published => "公開（published）",
    };
    let notice = Notice::Crosswalk {
        cw,
        source_publisher: source
            .and_then(|g| g.publisher.as_ref())
            .map(|p| p.value.as_str()),
        target_publisher: target
            .and_then(|g| g.publisher.as_ref())
            .map(|p| p.value.as_str()),
    }
    .html();
    let fictional: String = [source, target]
        .into_iter()
        .flatten()
        .filter_map(|g| g.publisher.as_ref())
        .filter(|p| notices::is_fictional(&p.value))
        .map(|p| Notice::Fictional(&p.value).html())
        .collect();
    let near = |ext| links::href_near(&page, &Target::file(&links::crosswalk_download(cw, ext)));
    let judgment = cw.is_judgment();
    // What the page calls things: judgments, or citations copied.
    let word = |judged: &'static str, cited: &'static str| if judgment { judged } else { cited };
    let (source_title, source_version, source_link) = side(&cw.source.value);
    let (target_title, target_version, target_link) = side(&cw.target.value);
    let scope = if levels.is_empty() {
        "すべての項目".to_string()
    } else {
        format!("レベル {}", levels.join("、"))
    };
    let mut md = format!(
        "# {}: {source_title}（{source_version}）→ {target_title}（{target_version}）\n\n",
        word("突合表", "参照の対照表")
    );
    let _ = write!(
        md,
        "| 項目 | 内容 |\n| --- | --- |\n| 突合元 | {source_link} |\n| 突合先 | {target_link} |\n| 範囲 | {} |\n| 根拠 | {} |\n| 状態 | {} |\n",
        esc(&scope),
        word(
            "担当者の判定（対応・準対応・非対応）",
            "発行者の文書の参照（参照あり・参照なし）"
        ),
        esc(status)
    );
    if !cw.maintainers.is_empty() {
        let names = cw.maintainers.iter().map(|m| m.value.as_str());
        let _ = writeln!(md, "| 担当 | {} |", joined(names, "、"));
    }
    let total = coverage.total();
    let _ = write!(
        md,
        "\n{fictional}{notice}\nこのページはリポジトリの <code>{}</code> から自動で作られています。表計算ソフトで開く: <a href=\"{}\">XLSX</a>、<a href=\"{}\">CSV</a>\n\n## 集計\n\n",
        esc(&repo.file(cw.file).path),
        near("xlsx"),
        near("csv")
    );
    if judgment {
        let _ = write!(
            md,
            "範囲内の突合元の項目 {total} 件の判定です。\n\n{}\n",
            coverage_bar(&coverage)
        );
    } else {
        let _ = writeln!(
            md,
            "範囲内の突合元の項目 {total} 件について、参照があるかどうかです。参照は判定ではないため、割合は示しません。"
        );
    }
    let _ = write!(
        md,
        "<p id=\"判定の一覧図\"><strong>{}の一覧図</strong></p>\n\n突合元の項目（横）ごとの{}です。灰色で赤枠の列が、まだ記入していない項目です。マスを選ぶと、その項目の行に移ります。\n\n{matrix}\n\n\n",
        word("判定", "参照"),
        word("判定", "参照の有無")
    );
    // The counts: with shares for judgments, without for citations.
    if judgment {
        md.push_str("| 判定 | 件数 | 割合 |\n| --- | ---: | ---: |\n");
        for (label, n) in [
            ("対応", coverage.covered),
            ("準対応", coverage.partial),
            ("非対応", coverage.none),
            ("未記入", coverage.unmapped),
        ] {
            let _ = writeln!(md, "| {label} | {n} | {} |", esc(&percent(n, total)));
        }
        let _ = writeln!(md, "| 合計 | {total} | 100.0% |");
    } else {
        md.push_str("| 参照 | 件数 |\n| --- | ---: |\n");
        for (label, n) in [
            ("参照あり", coverage.cited),
            ("参照なし", coverage.not_cited),
            ("未記入", coverage.unmapped),
        ] {
            let _ = writeln!(md, "| {label} | {n} |");
        }
        let _ = writeln!(md, "| 合計 | {total} |");
    }
    let _ = write!(
        md,
        "## {}\n\n| 突合元の項目 | {} | {} | 理由・補足 |\n| --- | --- | --- | --- |\n",
        word("突合の一覧", "参照の一覧"),
        word("判定", "参照"),
        word("突合先", "参照している項目")
    );
    for r in &rows {
        let _ = writeln!(
            md,
            "| <span id=\"{}\"></span>{} | <span class=\"sc3-rel sc3-rel-{}\">{}</span> | {} | {} |",
            Anchor::Map(r.source_id).id(),
            r.source,
            r.class,
            esc(r.relation),
            r.targets.join("<br>"),
            r.notes.join("<br>")
        );
    }
    let title = match (source, target) {
        (Some(s), Some(t)) => format!(
            "{}（{}）→ {}（{}）",
            s.title.value, s.version.value, t.title.value, t.version.value
        ),
        _ => format!("{} → {}", cw.source.value, cw.target.value),
    };
    let page = Page {
        path: page.file(),
        title,
        markdown: md,
    };
    (page, coverage)
}
