//! Generated pages: one per guideline, one per crosswalk, and an index of each.
//!
//! Pages are rendered from handlebars templates (in `templates/`) with every
//! content string passed through [`escape::content`]; values placed with `{{{ }}}`
//! are built here from already escaped parts.

use std::collections::HashMap;

use handlebars::Handlebars;
use sc3_model::{Crosswalk, Guideline, GuidelineRef, ItemRef, Relation, Repository};
use serde_json::{Value, json};

use crate::escape;
use crate::links::{self, Anchor};

/// A generated page: its path under `src/`, its title in the table of contents,
/// and its Markdown.
#[derive(Clone, Debug)]
pub struct Page {
    pub path: String,
    pub title: String,
    pub markdown: String,
}

pub(crate) fn templates() -> Handlebars<'static> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.register_escape_fn(escape::content);
    for (name, text) in [
        ("guideline", include_str!("../templates/guideline.hbs")),
        ("crosswalk", include_str!("../templates/crosswalk.hbs")),
        ("index", include_str!("../templates/index.hbs")),
    ] {
        hb.register_template_string(name, text)
            .unwrap_or_else(|e| panic!("built-in template {name} is invalid: {e}"));
    }
    hb
}

fn link(href: &str, text: &str) -> String {
    format!("<a href=\"{href}\">{}</a>", escape::content(text))
}

fn render(hb: &Handlebars<'_>, name: &str, data: &Value) -> String {
    hb.render(name, data)
        .unwrap_or_else(|e| panic!("built-in template {name} does not fit its data: {e}"))
}

/// For each item of `g`: the crosswalk entries that map to it, as links to
/// their rows (the reverse view: which industry requirements this item meets).
fn reverse(repo: &Repository, g: &Guideline) -> HashMap<String, Vec<String>> {
    let key = g.key();
    let mut out: HashMap<String, Vec<String>> = HashMap::new();
    let mut crosswalks: Vec<&Crosswalk> = repo.crosswalks.iter().collect();
    crosswalks.sort_by_key(|c| c.key());
    for cw in crosswalks {
        let Ok(target) = GuidelineRef::parse(&cw.target.value) else {
            continue;
        };
        if target.to_string() != key {
            continue;
        }
        let source_id = cw.source.value.split('@').next().unwrap_or("");
        for m in &cw.maps {
            let Some(rel) = &m.relation else { continue };
            for t in &m.targets {
                let Ok(r) = ItemRef::parse_in(&t.value, &target) else {
                    continue;
                };
                let link = link(
                    &links::href(2, &links::crosswalk(cw).at(Anchor::Map(&m.source.value))),
                    &format!("{source_id} {}（{}）", m.source.value, rel.value.japanese()),
                );
                out.entry(r.item).or_default().push(link);
            }
        }
    }
    out
}

/// Groups in display order: each top-level group followed by its descendants,
/// then items with no (known) group.
fn sections(g: &Guideline, reverse: &HashMap<String, Vec<String>>) -> Vec<Value> {
    let mut children: HashMap<Option<&str>, Vec<usize>> = HashMap::new();
    let known: Vec<&str> = g.groups.iter().map(|x| x.id.value.as_str()).collect();
    for (i, gr) in g.groups.iter().enumerate() {
        let parent = gr
            .parent
            .as_ref()
            .map(|p| p.value.as_str())
            .filter(|p| known.contains(p) && *p != gr.id.value);
        children.entry(parent).or_default().push(i);
    }
    let item_row = |it: &sc3_model::Item| {
        json!({
            "anchor": escape::content(&it.id.value),
            "id": it.id.value,
            "title": it.title.value,
            "text": it.text.as_ref().map(|t| t.value.clone()),
            "level": it.level.as_ref().map(|l| l.value.clone()).unwrap_or_default(),
            "tags": it.tags.iter().map(|t| t.value.clone()).collect::<Vec<_>>(),
            "mapped": reverse.get(&it.id.value).map(|v| v.join("<br>")).unwrap_or_default(),
        })
    };
    let mut out = Vec::new();
    let mut visited = vec![false; g.groups.len()];
    let mut stack: Vec<(usize, usize)> = children
        .get(&None)
        .map(|v| v.iter().rev().map(|&i| (i, 2)).collect())
        .unwrap_or_default();
    while let Some((i, depth)) = stack.pop() {
        if std::mem::replace(&mut visited[i], true) {
            continue; // A cycle (reported by the lint); show each group once.
        }
        let gr = &g.groups[i];
        let items: Vec<Value> = g
            .items
            .iter()
            .filter(|it| it.group.as_ref().is_some_and(|x| x.value == gr.id.value))
            .map(item_row)
            .collect();
        out.push(json!({
            "heading": "#".repeat(depth.min(6)),
            "title": gr.title.value,
            "anchor": escape::content(&gr.id.value),
            "items": items,
        }));
        if let Some(kids) = children.get(&Some(gr.id.value.as_str())) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
    let loose: Vec<Value> = g.ungrouped_items().map(item_row).collect();
    if !loose.is_empty() {
        out.push(json!({ "heading": "##", "title": "項目", "anchor": "items", "items": loose }));
    }
    out
}

/// What a catalog page says of its text: whose words the titles are.
fn holds_sentence(g: &Guideline) -> String {
    let publisher = g
        .publisher
        .as_ref()
        .map_or("発行者".to_owned(), |p| p.value.clone());
    match g.holds.as_ref().map(|h| h.value) {
        Some(sc3_model::Holds::Titles) => format!(
            "項目の見出しは、{publisher}が公表した文言のままです（このプロジェクトの文ではありません）。要約（見出しの下の文）があれば、それはこのプロジェクトの言葉です。"
        ),
        Some(sc3_model::Holds::Summaries) => format!(
            "項目の見出しと要約は、{publisher}の原文ではなく、このプロジェクトが自分の言葉でまとめたものです。正確な内容は原典で確かめてください。"
        ),
        Some(sc3_model::Holds::Numbers) => format!(
            "{publisher}の項目の番号とレベルだけを収めています。項目の内容は、このリポジトリにはありません。原典で確かめてください。"
        ),
        None => "このカタログは、見出しが原文のままか、このプロジェクトの要約かを示していません。"
            .to_owned(),
    }
}

/// How much of the original the catalog holds.
fn completeness(g: &Guideline) -> Option<String> {
    let held = g.items.len();
    let count = match &g.total {
        Some(t) if t.value as usize != held => format!("原典の {} 項目のうち {held} 項目", t.value),
        Some(t) => format!("原典の全 {} 項目", t.value),
        None if g.selection.is_some() => format!("{held} 項目"),
        None => return None,
    };
    Some(match &g.selection {
        Some(sel) => format!("{count}。{}", sel.value),
        None => count,
    })
}

pub fn guideline_page(hb: &Handlebars<'_>, repo: &Repository, g: &Guideline) -> Page {
    let reverse = reverse(repo, g);
    let fictional = [g.publisher.as_ref(), Some(&g.title)]
        .into_iter()
        .flatten()
        .find(|v| crate::notices::is_fictional(&v.value))
        .map(|v| crate::notices::Notice::Fictional(&v.value).html());
    let data = json!({
        "notice": fictional,
        "document": g.document.as_ref().map(|d| d.value.clone()),
        "edition": g.edition.as_ref().map(|e| e.value.clone()),
        "holds": holds_sentence(g),
        "completeness": completeness(g),
        "generated": g.generated.as_ref().map(|x| x.value.clone()),
        "conflicts": g.conflicts.iter().map(|c| json!({
            "anchor": escape::content(&c.item.value),
            "item": c.item.value,
            "text": c.text.value,
        })).collect::<Vec<_>>(),
        "title": g.title.value,
        "version": g.version.value,
        "key": g.key(),
        "publisher": g.publisher.as_ref().map(|p| p.value.clone()),
        "published": g.published.as_ref().map(|p| p.value.clone()),
        "url": g.url.as_ref().and_then(|u| escape::safe_url(&u.value)),
        "levels": g.levels.iter().map(|l| l.value.clone()).collect::<Vec<_>>(),
        "has_levels": !g.levels.is_empty(),
        "supersedes": g.supersedes.as_ref().map(|s| s.value.clone()),
        "migration": sc3_model::versions::superseded(&repo.index(), g).map(|_| {
            links::href(2, &links::migration().at(Anchor::Migration(g)))
        }),
        "item_count": g.items.len(),
        "path": repo.file(g.file).path,
        "has_reverse": !reverse.is_empty(),
        "sections": sections(g, &reverse),
    });
    Page {
        path: links::guideline(&g.id.value, &g.version.value).file(),
        title: format!("{}（{}）", g.title.value, g.version.value),
        markdown: render(hb, "guideline", &data),
    }
}

/// Counts of a crosswalk's in-scope items by outcome, with `unmapped` for no
/// entry. Only a judgment crosswalk has coverage: a citation crosswalk's
/// counts are `cited` and `not_cited`, and no share of them is ever shown.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub judgment: bool,
    pub covered: usize,
    pub partial: usize,
    pub none: usize,
    pub cited: usize,
    pub not_cited: usize,
    pub unmapped: usize,
}

impl Coverage {
    pub fn total(&self) -> usize {
        self.covered + self.partial + self.none + self.cited + self.not_cited + self.unmapped
    }

    fn add(&mut self, relation: Option<Relation>) {
        match relation {
            Some(Relation::Covered) => self.covered += 1,
            Some(Relation::Partial) => self.partial += 1,
            Some(Relation::None) => self.none += 1,
            Some(Relation::Cited) => self.cited += 1,
            Some(Relation::NotCited) => self.not_cited += 1,
            None => self.unmapped += 1,
        }
    }
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
    v.extend(rationale.map(|r| escape::content(&r)));
    if !clauses.is_empty() {
        v.push(format!(
            "根拠のサンプル規程（このプロジェクトの文例）: {}",
            clauses.join("、")
        ));
    }
    v.extend(strm.map(|s| escape::content(&format!("関係（NIST IR 8477）: {}", s.as_str()))));
    v.extend(measure.map(|m| escape::content(&format!("業界固有の対策: {m}"))));
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
            None => escape::content(n),
        })
        .collect()
}

pub fn crosswalk_page(hb: &Handlebars<'_>, repo: &Repository, cw: &Crosswalk) -> (Page, Coverage) {
    let index = repo.index();
    let side = |r: &str| {
        let parsed = GuidelineRef::parse(r).ok();
        let g = parsed.as_ref().and_then(|p| index.guideline(p));
        match g {
            Some(g) => json!({
                "title": g.title.value,
                "version": g.version.value,
                "link": format!(
                    "{} <code>{}</code>",
                    link(&links::href(1, &links::guideline(&g.id.value, &g.version.value).page()), &g.title.value),
                    escape::content(&g.key())
                ),
            }),
            None => json!({ "title": r, "version": "", "link": escape::content(r) }),
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
                    1,
                    &links::guideline(&g.id.value, &g.version.value).at(Anchor::Item(&it.id.value)),
                ),
                &format!("{} {}", it.id.value, it.title.value),
            ),
            None => escape::content(&r.item),
        }
    };

    let mut coverage = Coverage {
        judgment: cw.is_judgment(),
        ..Coverage::default()
    };
    let mut rows = Vec::new();
    let mut mapped = Vec::new();
    for m in &cw.maps {
        let Some(src) = src_ref
            .as_ref()
            .and_then(|s| ItemRef::parse_in(&m.source.value, s).ok())
        else {
            continue;
        };
        mapped.push(src.item.clone());
        let level = source
            .and_then(|g| g.item(&src.item))
            .and_then(|it| it.level.as_ref())
            .map(|l| l.value.as_str());
        let rel = m.relation.as_ref().map(|r| r.value);
        if in_scope(level) {
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
        rows.push(json!({
            "anchor": escape::content(&src.item),
            "source": item_cell(source, &src),
            "relation": rel.map_or("—", Relation::japanese),
            "class": rel.map_or("unknown", Relation::as_str),
            "targets": targets,
            "notes": notes(
                m.rationale.as_ref().map(|r| r.value.clone()),
                &clause_links(
                    repo,
                    1,
                    &m.regulations.iter().map(|c| c.value.clone()).collect::<Vec<_>>(),
                ),
                m.strm.as_ref().map(|s| s.value),
                measure,
            ),
        }));
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
                rows.push(json!({
                    "anchor": escape::content(&it.id.value),
                    "source": item_cell(source, &r),
                    "relation": "未記入",
                    "class": "unmapped",
                    "targets": [],
                    "notes": [],
                }));
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
    let total = coverage.total();
    let counts = if cw.is_judgment() {
        vec![
            ("対応", coverage.covered),
            ("準対応", coverage.partial),
            ("非対応", coverage.none),
            ("未記入", coverage.unmapped),
        ]
    } else {
        vec![
            ("参照あり", coverage.cited),
            ("参照なし", coverage.not_cited),
            ("未記入", coverage.unmapped),
        ]
    }
    .into_iter()
    .map(|(label, n)| json!({ "label": label, "count": n, "percent": percent(n, total) }))
    .collect::<Vec<_>>();
    let status = match cw.status() {
        sc3_model::Status::Draft => "作業中（draft）",
        sc3_model::Status::Review => "確認中（review）",
        sc3_model::Status::Published => "公開（published）",
    };
    let notice = crate::notices::Notice::Crosswalk {
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
        .filter(|p| crate::notices::is_fictional(&p.value))
        .map(|p| crate::notices::Notice::Fictional(&p.value).html())
        .collect();
    let page = links::crosswalk(cw);
    let near = |ext| {
        links::href_near(
            &page,
            &links::Target::file(&links::crosswalk_download(cw, ext)),
        )
    };
    let downloads = format!(
        "<a href=\"{}\">XLSX</a>、<a href=\"{}\">CSV</a>",
        near("xlsx"),
        near("csv")
    );
    let data = json!({
        "judgment": cw.is_judgment(),
        "fictional": fictional,
        "notice": notice,
        "source": side(&cw.source.value),
        "target": side(&cw.target.value),
        "scope": if levels.is_empty() { "すべての項目".to_string() } else { format!("レベル {}", levels.join("、")) },
        "status": status,
        "maintainers": cw.maintainers.iter().map(|m| m.value.clone()).collect::<Vec<_>>(),
        "path": repo.file(cw.file).path,
        "bar": if cw.is_judgment() { coverage_bar(&coverage) } else { String::new() },
        "matrix": matrix,
        "downloads": downloads,
        "counts": counts,
        "total": total,
        "rows": rows,
    });
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
        markdown: render(hb, "crosswalk", &data),
    };
    (page, coverage)
}

/// An index page: a title, an introduction and a table of prebuilt (escaped) cells.
pub fn index_page(
    hb: &Handlebars<'_>,
    path: &str,
    title: &str,
    intro: &str,
    columns: &[&str],
    rows: Vec<Vec<String>>,
) -> Page {
    let data = json!({ "title": title, "intro": intro, "columns": columns, "rows": rows });
    Page {
        path: path.to_owned(),
        title: title.to_owned(),
        markdown: render(hb, "index", &data),
    }
}

pub(crate) fn cell(s: &str) -> String {
    escape::content(s)
}

pub(crate) fn cell_link(depth: usize, to: &links::PagePath, text: &str) -> String {
    link(&links::href(depth, &to.page()), text)
}

pub(crate) fn percent_of(n: usize, total: usize) -> String {
    percent(n, total)
}
