//! The guidelines part: one page per guideline version (groups, items with
//! their anchors, the crosswalk rows that map onto each item) and the index.

use std::collections::HashMap;
use std::fmt::Write as _;

use rayon::prelude::*;
use sc3_model::{Crosswalk, Guideline, GuidelineRef, Item, ItemRef, Repository};

use crate::escape::{self, content as esc};
use crate::links::{self, Anchor};
use crate::markdown::{cell, cell_link, filled, index_page, joined, link};
use crate::notices::{self, Notice};
use crate::{Page, Part};

/// The part: the index of guidelines, then each guideline's page, by id and
/// version.
pub fn part(repo: &Repository) -> Part {
    let mut guidelines: Vec<_> = repo
        .guidelines
        .iter()
        .filter(|g| !g.id.value.is_empty())
        .collect();
    guidelines
        .sort_by(|a, b| (&a.id.value, &a.version.value).cmp(&(&b.id.value, &b.version.value)));
    // Pages are independent of each other: made in parallel, then kept in order.
    let pages: Vec<Page> = guidelines
        .par_iter()
        .map(|g| guideline_page(repo, g))
        .collect();
    let at = links::guidelines_index();
    let rows = guidelines
        .iter()
        .map(|g| {
            vec![
                cell_link(
                    at.depth(),
                    &links::guideline(&g.id.value, &g.version.value),
                    &g.title.value,
                ),
                cell(&g.version.value),
                cell(g.publisher.as_ref().map_or("", |p| p.value.as_str())),
                g.items.len().to_string(),
            ]
        })
        .collect();
    let index = index_page(
        &at,
        "ガイドライン一覧",
        "リポジトリにあるガイドライン（カタログ）の一覧です。各ページで、グループごとの項目と、その要約を見られます。",
        &["ガイドライン", "版", "発行", "項目数"],
        rows,
    );
    Part::nested("ガイドライン", index, pages)
}

/// For each item of `g`: the crosswalk entries that map to it, as links to
/// their rows (the reverse view: which industry requirements this item meets).
fn reverse(repo: &Repository, g: &Guideline) -> HashMap<String, Vec<String>> {
    let depth = links::guideline(&g.id.value, &g.version.value).depth();
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
                    &links::href(
                        depth,
                        &links::crosswalk(cw).at(Anchor::Map(&m.source.value)),
                    ),
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
        Anchor::Group(id).heading_id()
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

/// What a catalog page says of its text: whose words the titles are.
fn holds_sentence(g: &Guideline) -> String {
    let publisher = g
        .publisher
        .as_ref()
        .map_or("発行者".to_owned(), |p| p.value.clone());
    // A made-up publisher published nothing: every word is ours, whatever
    // `holds` says of the fiction.
    if notices::is_fictional(&publisher) || notices::is_fictional(&g.title.value) {
        return format!(
            "{publisher}は架空の団体です。項目の番号、見出し、本文は、説明のためにこのプロジェクトがすべて作ったもので、実在のガイドラインの文ではありません。"
        );
    }
    match g.holds.as_ref().map(|h| h.value) {
        Some(sc3_model::Holds::Titles) => format!(
            "項目の見出しは、{publisher}が公表した文言のままです（このプロジェクトの文ではありません）。要約（見出しの下の文）があれば、それはこのプロジェクトの言葉です。"
        ),
        Some(sc3_model::Holds::Summaries) => format!(
            "項目の見出しと要約は、{publisher}の原文ではなく、このプロジェクトが自分の言葉でまとめたものです。正確な内容は原典で確かめてください。"
        ),
        Some(sc3_model::Holds::Numbers) => format!(
            "{publisher}の項目の{}だけを収めています。項目の内容は、このリポジトリにはありません。原典で確かめてください。",
            if g.levels.is_empty() {
                "番号"
            } else {
                "番号とレベル"
            }
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
    let page = links::guideline(&g.id.value, &g.version.value);
    let reverse = reverse(repo, g);
    let mut md = format!("# {}（{}）\n\n", esc(&g.title.value), esc(&g.version.value));
    let fictional = [g.publisher.as_ref(), Some(&g.title)]
        .into_iter()
        .flatten()
        .find(|v| notices::is_fictional(&v.value));
    if let Some(v) = fictional {
        md.push_str(&Notice::Fictional(&v.value).html());
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
            let report = links::href(page.depth(), &links::migration().at(Anchor::Migration(g)));
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
            "そのファイルは、<code>{}</code> の設定で表から取り込んで作ったもので、手では直しません（何から取り込んだかは「収録範囲」のとおりです）。",
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
        path: page.file(),
        title: format!("{}（{}）", g.title.value, g.version.value),
        markdown: md,
    }
}
