//! The migration report: for each guideline version that `supersedes` another,
//! which items are unchanged, changed (old and new side by side), added and
//! removed; and for each crosswalk onto the new version, which entries were
//! carried forward and which need review. Computed with
//! [`sc3_model::versions`], the same comparison `crosswalk migrate` uses.

use std::fmt::Write as _;

use sc3_model::versions::{self, Outcome};
use sc3_model::{Crosswalk, Guideline, GuidelineRef, Item, Repository};

use crate::escape::content as esc;
use crate::links::{self, Anchor, Target};
use crate::{Page, Part};

/// A link from the report to `to`.
fn href(to: &Target) -> String {
    links::href(links::migration().depth(), to)
}

/// A link from the report to an item of `g`.
fn item_link(g: &Guideline, id: &str) -> String {
    format!(
        "<a href=\"{}\">{}</a>",
        href(&links::guideline(&g.id.value, &g.version.value).at(Anchor::Item(id))),
        esc(id)
    )
}

fn reads(it: &Item) -> String {
    let mut s = format!("<b>{}</b>", esc(&it.title.value));
    if let Some(t) = &it.text {
        let _ = write!(s, "<br>{}", esc(&t.value));
    }
    s
}

/// What a crosswalk's entry needs now that its target moved to a new version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum State {
    /// Every target reads the same in both versions.
    Carried,
    /// Targets changed, and the crosswalk has been confirmed against the new
    /// text of each since.
    Reviewed,
    /// Changed targets not yet confirmed against the new text, or targets the
    /// new version no longer has.
    Pending {
        changed: Vec<String>,
        missing: Vec<String>,
    },
}

/// The state of each entry of `cw` (onto `new`), in file order. `before` is
/// the crosswalk onto `old` it was migrated from, when it still exists: its
/// stamps say what the old text was when it was reviewed.
pub fn entry_states(
    cw: &Crosswalk,
    before: Option<&Crosswalk>,
    old: &Guideline,
    new: &Guideline,
) -> Vec<(String, State)> {
    let Ok(old_ref) = GuidelineRef::parse(&old.key()) else {
        return Vec::new();
    };
    let new_key = new.key();
    let stamps = before.unwrap_or(cw);
    cw.maps
        .iter()
        .map(|m| {
            let moves = versions::target_moves(stamps, m, &old_ref, old, new);
            let state = match versions::outcome(&moves) {
                Outcome::Carried => State::Carried,
                Outcome::Review { changed, missing } => {
                    // Confirmed since: the new crosswalk's stamp reads as now.
                    let pending: Vec<String> = changed
                        .into_iter()
                        .filter(|id| {
                            let now = new.item(id);
                            let key = format!("{new_key}:{id}");
                            !now.is_some_and(|now| {
                                cw.reviewed.iter().any(|r| {
                                    r.item.value == key
                                        && r.title.value == now.title.value
                                        && r.text.as_ref().map(|t| &t.value)
                                            == now.text.as_ref().map(|t| &t.value)
                                })
                            })
                        })
                        .collect();
                    if pending.is_empty() && missing.is_empty() {
                        State::Reviewed
                    } else {
                        State::Pending {
                            changed: pending,
                            missing,
                        }
                    }
                }
            };
            (m.source.value.clone(), state)
        })
        .collect()
}

fn catalog_section(md: &mut String, old: &Guideline, new: &Guideline) {
    let d = versions::diff(old, new);
    let _ = writeln!(
        md,
        "\n## {}：{} → {} {{#{}}}\n",
        esc(&new.title.value),
        esc(&old.version.value),
        esc(&new.version.value),
        Anchor::Migration(new).id()
    );
    let _ = writeln!(
        md,
        "<a href=\"{}\">{}</a> は <a href=\"{}\">{}</a> の新しい版です（<code>supersedes</code>）。項目を番号で突き合わせ、見出しと本文を比べました。\n",
        href(&links::guideline(&new.id.value, &new.version.value).page()),
        esc(&new.key()),
        href(&links::guideline(&old.id.value, &old.version.value).page()),
        esc(&old.key()),
    );
    md.push_str("| 変わらない項目 | 変わった項目 | 加わった項目 | 無くなった項目 |\n| --- | --- | --- | --- |\n");
    let _ = writeln!(
        md,
        "| {} | {} | {} | {} |",
        d.unchanged.len(),
        d.changed.len(),
        d.added.len(),
        d.removed.len()
    );
    if !d.changed.is_empty() {
        let _ = writeln!(
            md,
            "\n### 変わった項目\n\n| 項目 | {}（旧） | {}（新） |\n| --- | --- | --- |",
            esc(&old.version.value),
            esc(&new.version.value)
        );
        for (o, n) in &d.changed {
            let _ = writeln!(
                md,
                "| {} | {} | {} |",
                item_link(new, &n.id.value),
                reads(o),
                reads(n)
            );
        }
    }
    for (heading, items, g) in [
        ("加わった項目", &d.added, new),
        ("無くなった項目", &d.removed, old),
    ] {
        if items.is_empty() {
            continue;
        }
        let _ = writeln!(md, "\n### {heading}\n\n| 項目 | 内容 |\n| --- | --- |");
        for it in items.iter() {
            let _ = writeln!(md, "| {} | {} |", item_link(g, &it.id.value), reads(it));
        }
    }
    if !d.unchanged.is_empty() {
        let links: Vec<String> = d
            .unchanged
            .iter()
            .map(|(_, n)| item_link(new, &n.id.value))
            .collect();
        let _ = writeln!(md, "\n### 変わらない項目\n\n{}", links.join("、"));
    }
}

fn crosswalk_section(
    md: &mut String,
    cw: &Crosswalk,
    before: Option<&Crosswalk>,
    old: &Guideline,
    new: &Guideline,
) {
    let states = entry_states(cw, before, old, new);
    let count = |f: fn(&State) -> bool| states.iter().filter(|(_, s)| f(s)).count();
    let carried = count(|s| *s == State::Carried);
    let reviewed = count(|s| *s == State::Reviewed);
    let pending = count(|s| matches!(s, State::Pending { .. }));
    let page = links::crosswalk(cw);
    let _ = writeln!(
        md,
        "\n### 突合表 <a href=\"{}\">{} → {}</a>\n",
        href(&page.page()),
        esc(&cw.source.value),
        esc(&cw.target.value)
    );
    if let Some(b) = before {
        let _ = writeln!(
            md,
            "移行元: <a href=\"{}\">{} → {}</a>\n",
            href(&links::crosswalk(b).page()),
            esc(&b.source.value),
            esc(&b.target.value)
        );
    }
    let _ = writeln!(
        md,
        "対応づけ {} 件のうち、そのまま引き継いだもの {carried} 件、見直し済み {reviewed} 件、見直しが必要なもの {pending} 件。\n",
        states.len()
    );
    md.push_str("| 引き継ぎ | 見直し済み | 要見直し |\n| --- | --- | --- |\n");
    let _ = writeln!(md, "| {carried} | {reviewed} | {pending} |");
    if pending > 0 {
        md.push_str("\n#### 見直しが必要な対応づけ\n\n`cargo xtask lint` が M008（文が変わった）と R003（項目がない）として、確認したときの文と今の文を示します。新しい版の本文で確かめて判定を直し、`cargo xtask crosswalk confirm` で確認済みにします。\n\n| 要求事項 | 文が変わった項目 | 新しい版にない項目 |\n| --- | --- | --- |\n");
        for (src, s) in &states {
            if let State::Pending { changed, missing } = s {
                let cell = |v: &[String]| {
                    if v.is_empty() {
                        "―".to_owned()
                    } else {
                        v.iter()
                            .map(|id| item_link(new, id))
                            .collect::<Vec<_>>()
                            .join("、")
                    }
                };
                let _ = writeln!(
                    md,
                    "| <a href=\"{}\">{}</a> | {} | {} |",
                    href(&page.at(Anchor::Map(src))),
                    esc(src),
                    cell(changed),
                    if missing.is_empty() {
                        "―".to_owned()
                    } else {
                        esc(&missing.join("、"))
                    }
                );
            }
        }
    }
    for (label, want) in [
        ("そのまま引き継いだ対応づけ", State::Carried),
        ("見直し済みの対応づけ", State::Reviewed),
    ] {
        let ids: Vec<String> = states
            .iter()
            .filter(|(_, s)| *s == want)
            .map(|(src, _)| {
                format!(
                    "<a href=\"{}\">{}</a>",
                    href(&page.at(Anchor::Map(src))),
                    esc(src)
                )
            })
            .collect();
        if !ids.is_empty() {
            let _ = writeln!(md, "\n#### {label}\n\n{}", ids.join("、"));
        }
    }
}

/// The part: the report alone, when some guideline in the repository
/// supersedes another that is there too.
pub fn part(repo: &Repository) -> Option<Part> {
    migration_page(repo).map(|page| Part {
        title: "版の移行".to_owned(),
        pages: vec![(0, page)],
    })
}

/// The report, when some guideline in the repository supersedes another that
/// is there too.
pub fn migration_page(repo: &Repository) -> Option<Page> {
    let index = repo.index();
    let mut pairs: Vec<(&Guideline, &Guideline)> = repo
        .guidelines
        .iter()
        .filter_map(|g| versions::superseded(&index, g).map(|old| (old, g)))
        .collect();
    if pairs.is_empty() {
        return None;
    }
    pairs.sort_by_key(|(_, g)| (g.id.value.clone(), g.version.value.clone()));
    let mut crosswalks: Vec<&Crosswalk> = repo.crosswalks.iter().collect();
    crosswalks.sort_by_key(|c| c.key());
    let mut md = String::from(
        "# 版の移行レポート\n\nガイドラインに新しい版ができたときに、何が変わり、古い版に向けた突合表のどの対応づけをそのまま使えて、どれを見直す必要があるかをまとめたページです。リポジトリのデータから自動で作られ、`cargo xtask crosswalk migrate` と同じ比べ方をしています。\n\n比べるのは、このプロジェクトが書いた項目の見出しと要約です。「変わらない」は要約が同じという意味で、原文どうしを比べたものではありません。新しい版のカタログに「照合していない」「未確認」と書かれた項目は、古い版の要約を引き継いだだけのものです。\n",
    );
    for (old, new) in pairs {
        catalog_section(&mut md, old, new);
        let new_key = new.key();
        let old_key = old.key();
        for cw in crosswalks.iter().filter(|c| c.target.value == new_key) {
            let before = crosswalks
                .iter()
                .find(|c| c.source.value == cw.source.value && c.target.value == old_key)
                .copied();
            crosswalk_section(&mut md, cw, before, old, new);
        }
    }
    Some(Page {
        path: links::migration().file(),
        title: "版の移行レポート".to_owned(),
        markdown: md,
    })
}
