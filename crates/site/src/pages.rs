//! Generated pages: one per guideline, one per crosswalk, and an index of each.
//!
//! Pages are written in Rust, every content string passed through
//! [`escape::content`].

use std::collections::HashMap;

use std::fmt::Write as _;

use sc3_model::{Crosswalk, Guideline, GuidelineRef, Item, ItemRef, Relation, Repository, Spanned};

use crate::escape::{self, content as esc};
use crate::links::{self, Anchor};

/// A generated page: its path under `src/`, its title in the table of contents,
/// and its Markdown.
#[derive(Clone, Debug)]
pub struct Page {
    pub path: String,
    pub title: String,
    pub markdown: String,
}

fn link(href: &str, text: &str) -> String {
    format!("<a href=\"{href}\">{}</a>", escape::content(text))
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
/// then items with no (known) group. Each is written under its heading, with
/// its items' table.
fn sections(md: &mut String, g: &Guideline, reverse: &HashMap<String, Vec<String>>) {
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
        let items = g
            .items
            .iter()
            .filter(|it| it.group.as_ref().is_some_and(|x| x.value == gr.id.value));
        section(md, g, reverse, depth, &gr.title.value, &gr.id.value, items);
        if let Some(kids) = children.get(&Some(gr.id.value.as_str())) {
            stack.extend(kids.iter().rev().map(|&k| (k, depth + 1)));
        }
    }
    if g.ungrouped_items().next().is_some() {
        section(md, g, reverse, 2, "項目", "items", g.ungrouped_items());
    }
}

/// One group's heading (at `depth`, anchored by `id`) and the table of its items.
fn section<'g>(
    md: &mut String,
    g: &Guideline,
    reverse: &HashMap<String, Vec<String>>,
    depth: usize,
    title: &str,
    id: &str,
    items: impl Iterator<Item = &'g Item>,
) {
    let _ = writeln!(
        md,
        "\n\n{} {} {{#{}}}",
        "#".repeat(depth.min(6)),
        esc(title),
        Anchor::Group(id).id()
    );
    let levels = !g.levels.is_empty();
    let mapped = !reverse.is_empty();
    let mut items = items.peekable();
    if items.peek().is_none() {
        return;
    }
    let _ = writeln!(
        md,
        "\n| 番号 | 項目 | {}分類 |{}\n| --- | --- | {}--- |{}",
        if levels { "レベル | " } else { "" },
        if mapped {
            " この項目を突合・参照している要求事項 |"
        } else {
            ""
        },
        if levels { "--- | " } else { "" },
        if mapped { " --- |" } else { "" },
    );
    for it in items {
        let _ = write!(
            md,
            "| <span id=\"{}\"></span>{} | **{}**",
            Anchor::Item(&it.id.value).id(),
            esc(&it.id.value),
            esc(&it.title.value)
        );
        if let Some(text) = filled(it.text.as_ref()) {
            let _ = write!(md, "<br>{}", esc(text));
        }
        md.push_str(" | ");
        if levels {
            let level = it.level.as_ref().map_or("", |l| l.value.as_str());
            let _ = write!(md, "{} | ", esc(level));
        }
        md.push_str(&joined(it.tags.iter().map(|t| t.value.as_str()), "、"));
        md.push_str(" |");
        if mapped {
            let links = reverse.get(&it.id.value).map(|v| v.join("<br>"));
            let _ = write!(md, " {} |", links.unwrap_or_default());
        }
        md.push('\n');
    }
}

/// A value a page shows only when it says something.
fn filled(value: Option<&Spanned<String>>) -> Option<&str> {
    value.map(|v| v.value.as_str()).filter(|v| !v.is_empty())
}

/// Content strings, each escaped, joined by `sep`.
fn joined<'a>(values: impl Iterator<Item = &'a str>, sep: &str) -> String {
    values.map(esc).collect::<Vec<_>>().join(sep)
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

/// A guideline version's page: what it is, where it comes from, whose words
/// it holds, the source's conflicts, and every group with its items (and
/// the crosswalk rows that map onto each).
pub fn guideline_page(repo: &Repository, g: &Guideline) -> Page {
    let reverse = reverse(repo, g);
    let mut md = format!("# {}（{}）\n\n", esc(&g.title.value), esc(&g.version.value));
    let fictional = [g.publisher.as_ref(), Some(&g.title)]
        .into_iter()
        .flatten()
        .find(|v| crate::notices::is_fictional(&v.value));
    if let Some(v) = fictional {
        md.push_str(&crate::notices::Notice::Fictional(&v.value).html());
        md.push('\n');
    }
    md.push_str("| 項目 | 内容 |\n| --- | --- |\n");
    let _ = writeln!(md, "| 識別子 | <code>{}</code> |", esc(&g.key()));
    for (label, value) in [
        ("発行", &g.publisher),
        ("原典", &g.document),
        ("原典の版", &g.edition),
        ("発行日", &g.published),
    ] {
        if let Some(v) = filled(value.as_ref()) {
            let _ = writeln!(md, "| {label} | {} |", esc(v));
        }
    }
    if let Some(url) = g.url.as_ref().and_then(|u| escape::safe_url(&u.value)) {
        let _ = writeln!(md, "| 出典 | <a href=\"{url}\">{url}</a> |");
    }
    if !g.levels.is_empty() {
        let levels = joined(g.levels.iter().map(|l| l.value.as_str()), "、");
        let _ = writeln!(md, "| レベル | {levels} |");
    }
    if let Some(old) = filled(g.supersedes.as_ref()) {
        let _ = write!(md, "| 旧版 | {}", esc(old));
        if sc3_model::versions::superseded(&repo.index(), g).is_some() {
            let report = links::href(2, &links::migration().at(Anchor::Migration(g)));
            let _ = write!(md, "（<a href=\"{report}\">版の移行レポート</a>）");
        }
        md.push_str(" |\n");
    }
    let _ = writeln!(md, "| 項目数 | {} |", g.items.len());
    if let Some(c) = completeness(g) {
        let _ = writeln!(md, "| 収録範囲 | {} |", esc(&c));
    }
    let _ = write!(
        md,
        "\n{}\n\nこのページはリポジトリの <code>{}</code> から自動で作られています。",
        esc(&holds_sentence(g)),
        esc(&repo.file(g.file).path)
    );
    if let Some(config) = filled(g.generated.as_ref()) {
        let _ = write!(
            md,
            "そのファイルは、原典の表を <code>{}</code> の設定で取り込んで作ったものです。",
            esc(config)
        );
    }
    md.push('\n');
    if !g.conflicts.is_empty() {
        md.push_str("\n## 原典の食い違い\n\n原典の中で同じ項目が二通りに書かれていた箇所と、このカタログでの扱いです。\n\n| 項目 | 食い違いと扱い |\n| --- | --- |\n");
        for c in &g.conflicts {
            let _ = writeln!(
                md,
                "| <a href=\"{}\">{}</a> | {} |",
                Anchor::Item(&c.item.value).local(),
                esc(&c.item.value),
                esc(&c.text.value)
            );
        }
    }
    sections(&mut md, g, &reverse);
    Page {
        path: links::guideline(&g.id.value, &g.version.value).file(),
        title: format!("{}（{}）", g.title.value, g.version.value),
        markdown: md,
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
                        &links::href(1, &links::guideline(&g.id.value, &g.version.value).page()),
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
                    1,
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
        "<p id=\"判定の一覧図\"><strong>判定の一覧図</strong></p>\n\n突合元の項目（横）ごとの{}です。灰色で赤枠の列が、まだ記入していない項目です。マスを選ぶと、その項目の行に移ります。\n\n{matrix}\n\n\n",
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

/// An index page: a title, an introduction and a table of prebuilt (escaped) cells.
pub fn index_page(
    path: &str,
    title: &str,
    intro: &str,
    columns: &[&str],
    rows: Vec<Vec<String>>,
) -> Page {
    let mut md = format!("# {}\n\n{}\n\n", esc(title), esc(intro));
    if rows.is_empty() {
        md.push_str("（まだありません）\n");
    } else {
        let header: String = columns.iter().map(|c| format!("{} | ", esc(c))).collect();
        let _ = writeln!(md, "| {header}\n| {}", "--- | ".repeat(columns.len()));
        for row in rows {
            let cells: String = row.iter().map(|c| format!("{c} | ")).collect();
            let _ = writeln!(md, "| {cells}");
        }
    }
    Page {
        path: path.to_owned(),
        title: title.to_owned(),
        markdown: md,
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
