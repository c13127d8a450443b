//! Inferred crosswalks (推定): one page per pair of guidelines a pivot connects,
//! each inferred mapping with its path and its weakest link, and an index.
//! Computed by [`sc3_model::transitive`]; nobody has reviewed these, and every
//! page says so.

use std::fmt::Write as _;

use sc3_model::transitive::{Chain, Pair, pairs};
use sc3_model::{GuidelineRef, Index, Relation, Repository};

use crate::escape::content as esc;
use crate::links::{self, Anchor, PagePath};
use crate::{Page, Part};

fn name(index: &Index<'_>, r: &GuidelineRef) -> String {
    index.guideline(r).map_or_else(
        || r.to_string(),
        |g| format!("{}（{}）", g.title.value, g.version.value),
    )
}

/// A link from a pair's page to an item of `g`.
fn item(index: &Index<'_>, p: &Pair, g: &GuidelineRef, id: &str, with_title: bool) -> String {
    let title = index
        .guideline(g)
        .and_then(|x| x.item(id))
        .map(|it| it.title.value.clone());
    let text = match (&title, with_title) {
        (Some(t), true) => format!("{id} {t}"),
        _ => id.to_owned(),
    };
    format!(
        "<a href=\"{}\"{}>{}</a>",
        links::href(
            links::inferred(p).depth(),
            &links::guideline(&g.id, &g.version).at(Anchor::Item(id)),
        ),
        title.map_or(String::new(), |t| format!(" title=\"{}\"", esc(&t))),
        esc(&text)
    )
}

fn relation(r: Relation, s: sc3_model::Strm) -> String {
    format!("{}（{}）", r.japanese(), s.as_str())
}

/// A link from the pair's page `from` to a crosswalk of one leg.
fn crosswalk_link(from: &PagePath, key: &str, inverted: bool) -> String {
    format!(
        "<a href=\"{}\">{}</a>（{}）",
        links::href(from.depth(), &links::crosswalk_key(key).page()),
        esc(key),
        if inverted {
            "逆向きに読む"
        } else {
            "書かれた向きに読む"
        }
    )
}

fn row(index: &Index<'_>, p: &Pair, c: &Chain) -> String {
    let mut path = vec![format!(
        "1つ目: {}",
        relation(c.first.relation, c.first.strm)
    )];
    for h in &c.hops {
        path.push(format!(
            "{} → 2つ目: {}",
            item(index, p, &p.pivot, &h.pivot, false),
            relation(h.relation, h.strm)
        ));
    }
    for b in &c.broken {
        path.push(format!(
            "{} → 先がない（途切れる）",
            item(index, p, &p.pivot, b, false)
        ));
    }
    let weakest: Vec<String> = c
        .weakest_links()
        .into_iter()
        .map(|w| match w {
            None => "1つ目のつながり".to_owned(),
            Some(pv) => format!("2つ目のつながり（{}）", esc(pv)),
        })
        .chain((!c.broken.is_empty()).then(|| "途切れた経由先".to_owned()))
        .collect();
    let targets: Vec<String> = c
        .targets
        .iter()
        .map(|t| item(index, p, &p.target, t, true))
        .collect();
    format!(
        "| {} | {} | {} | <span class=\"sc3-rel sc3-rel-{}\">{}</span> | {} |",
        item(index, p, &p.source, &c.source, true),
        path.join("<br>"),
        targets.join("<br>"),
        c.relation.as_str(),
        relation(c.relation, c.strm),
        if weakest.is_empty() {
            "―（すべて対応）".to_owned()
        } else {
            weakest.join("、")
        }
    )
}

/// The page of one pair.
pub fn pair_page(repo: &Repository, p: &Pair) -> Page {
    let page = links::inferred(p);
    let index = repo.index();
    let (a, b, via) = (
        name(&index, &p.source),
        name(&index, &p.target),
        name(&index, &p.pivot),
    );
    let covered = p
        .chains
        .iter()
        .filter(|c| c.relation == Relation::Covered)
        .count();
    let mut sources: Vec<&str> = p.chains.iter().map(|c| c.source.as_str()).collect();
    sources.dedup();
    let mut md = format!("# 推定の突合：{} → {}\n\n", esc(&a), esc(&b));
    let _ = writeln!(
        md,
        "<div class=\"warning\">\n\nこのページの対応づけは<b>推定</b>です。{} → {} の突合表はなく、{} との2つの突合表をつないで機械的に導いたもので、誰もこの組み合わせを確かめていません。突合表を作るときの下調べの手がかりとして使い、判定は元の文書で確かめてください。\n\n</div>\n",
        esc(&p.source.to_string()),
        esc(&p.target.to_string()),
        esc(&via)
    );
    md.push_str("| 項目 | 内容 |\n| --- | --- |\n");
    let _ = writeln!(
        md,
        "| 推定元 | {} <code>{}</code> |",
        esc(&a),
        esc(&p.source.to_string())
    );
    let _ = writeln!(
        md,
        "| 経由（ピボット） | {} <code>{}</code> |",
        esc(&via),
        esc(&p.pivot.to_string())
    );
    let _ = writeln!(
        md,
        "| 推定先 | {} <code>{}</code> |",
        esc(&b),
        esc(&p.target.to_string())
    );
    let _ = writeln!(
        md,
        "| 1つ目の突合表 | {} |",
        crosswalk_link(&page, &p.first.0, p.first.1)
    );
    let _ = writeln!(
        md,
        "| 2つ目の突合表 | {} |",
        crosswalk_link(&page, &p.second.0, p.second.1)
    );
    let _ = writeln!(
        md,
        "| 推定した対応づけ | {} 件（対応 {covered} 件、準対応 {} 件）、推定元の項目 {} 件 |",
        p.chains.len(),
        p.chains.len() - covered,
        sources.len()
    );
    md.push_str(concat!(
        "\n## 読み方\n\n",
        "- 1行が1つの経路です。推定元の項目から、1つ目の突合表で経由先の項目へ、2つ目の突合表で推定先の項目へたどります。経由先が複数あるときは、それらを合わせて推定先に届きます。\n",
        "- つながりは最も弱いところで決まります。対応と対応をつなぐと対応、どこかに準対応があれば準対応です。非対応の項目や突合のない項目で経路は途切れ、その経由先は「先がない」と示します（経由先の一部が途切れた経路は、届く先が要求の一部になるので準対応です）。\n",
        "- NIST IR 8477 の関係は控えめに合成します。equal-to（equivalent-to）はもう一方をそのまま残し、subset-of と subset-of は subset-of、superset-of と superset-of は superset-of、それ以外は intersects-with とします。\n",
        "- 突合表を逆向きに読むときは、問いが変わります。「突合先の項目が要求をすべて満たす（対応、superset-of）」からは、要求がその項目のどれだけを満たすかは分からないため、逆向きには準対応（subset-of、突合先が複数なら intersects-with）とします。「突合先の項目が要求の一部（準対応、subset-of）」なら、逆向きには要求がその項目をすべて含むので対応（superset-of）です。equal-to はそのまま（突合先が複数なら superset-of）、intersects-with は intersects-with のままです。\n",
        "\n## 推定した対応づけ\n\n",
        "| 推定元 | 経路（経由先と各つながり） | 推定先 | 推定 | 最も弱いつながり |\n",
        "| --- | --- | --- | --- | --- |\n",
    ));
    for c in &p.chains {
        md.push_str(&row(&index, p, c));
        md.push('\n');
    }
    Page {
        path: page.file(),
        title: format!("（推定）{} → {}", p.source, p.target),
        markdown: md,
    }
}

/// The part: the index of inferred pairs and their pages; nothing when no
/// pivot connects two guidelines.
pub fn part(repo: &Repository) -> Option<Part> {
    inferred_pages(repo).map(|(index, pages)| Part::nested("推定の突合", index, pages))
}

/// The index of inferred pairs and their pages; nothing when no pivot
/// connects two guidelines.
pub fn inferred_pages(repo: &Repository) -> Option<(Page, Vec<Page>)> {
    let all = pairs(repo);
    if all.is_empty() {
        return None;
    }
    let index = repo.index();
    let mut rows = String::new();
    let mut pages = Vec::new();
    for p in &all {
        let covered = p
            .chains
            .iter()
            .filter(|c| c.relation == Relation::Covered)
            .count();
        let _ = writeln!(
            rows,
            "| <a href=\"{}\">{} → {}</a> | {} | {} | {covered} | {} |",
            links::href_near(&links::inferred_index(), &links::inferred(p).page()),
            esc(&name(&index, &p.source)),
            esc(&name(&index, &p.target)),
            esc(&p.pivot.to_string()),
            p.chains.len(),
            p.chains.len() - covered
        );
        pages.push(pair_page(repo, p));
    }
    let md = format!(
        "# 推定の突合（ピボット経由）\n\n<div class=\"warning\">\n\nここにある対応づけはすべて<b>推定</b>で、誰も確かめていません。\n\n</div>\n\n直接の突合表がない2つのガイドラインを、両方と突合表でつながっている別のガイドライン（ピボット）を経由してつないだものです。たとえば ★3 の評価基準（meti-sc）との突合表が自工会/部工会・サイバーセキュリティガイドラインと中小企業の情報セキュリティ対策ガイドラインの両方にあれば、その2つの間の対応づけを推定できます。経路の強さは最も弱いつながりで決まります（各ページの「読み方」を参照）。\n\n| 推定の組 | 経由 | 推定した対応づけ | 対応 | 準対応 |\n| --- | --- | --- | --- | --- |\n{rows}"
    );
    Some((
        Page {
            path: links::inferred_index().file(),
            title: "推定の突合（ピボット経由）".to_owned(),
            markdown: md,
        },
        pages,
    ))
}
