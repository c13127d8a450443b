//! What a hover shows about a reference: the item's title, level and text,
//! the catalog it comes from (and whose words those are), and where else
//! it is used.

use sc3_model::{Holds, Repository};

use crate::symbols::{self, Target};

/// At most this many uses are listed.
const MAX_USES: usize = 20;

/// Markdown for a hover over `target`.
pub fn text(repo: &Repository, target: &Target) -> String {
    let mut s = String::new();
    match target {
        Target::Item(r) => {
            let g = repo
                .guidelines
                .iter()
                .find(|g| g.id.value == r.guideline.id && g.version.value == r.guideline.version);
            let Some(g) = g else {
                return format!("`{r}`: カタログ {} がリポジトリにありません", r.guideline);
            };
            let Some(it) = g.item(&r.item) else {
                return format!("`{r}`: {} にこの項目はありません", g.key());
            };
            s.push_str(&format!("**{}** {}\n\n", it.id.value, it.title.value));
            if let Some(l) = &it.level {
                s.push_str(&format!("水準: {}\n\n", l.value));
            }
            if let Some(t) = &it.text {
                s.push_str(&format!("{}\n\n", t.value));
            }
            s.push_str(&format!("出典: {}（{}）", g.title.value, g.key()));
            if let Some(p) = &g.publisher {
                s.push_str(&format!("、発行 {}", p.value));
            }
            if let Some(d) = &g.document {
                s.push_str(&format!("『{}』", d.value));
            }
            s.push_str(match g.holds.as_ref().map(|h| h.value) {
                Some(Holds::Titles) => "。題名は発行者のもの",
                Some(Holds::Summaries) => {
                    "。題名と本文はこのプロジェクトの要約で、発行者の文ではありません"
                }
                Some(Holds::Numbers) => "。番号と水準だけを収録",
                None => "",
            });
            if g.generated.is_some() {
                s.push_str("（原典から生成したカタログ）");
            }
            s.push_str(&format!("\n\n`{}`", repo.file(g.file).path));
        }
        Target::Guideline(r) => {
            let g = repo
                .guidelines
                .iter()
                .find(|g| g.id.value == r.id && g.version.value == r.version);
            match g {
                Some(g) => {
                    s.push_str(&format!("**{}** {}\n\n", g.key(), g.title.value));
                    if let Some(p) = &g.publisher {
                        s.push_str(&format!("発行: {}\n\n", p.value));
                    }
                    s.push_str(&format!(
                        "項目 {} 件 — `{}`",
                        g.items.len(),
                        repo.file(g.file).path
                    ));
                }
                None => return format!("`{r}` はリポジトリにありません"),
            }
        }
        Target::Measure(m) => {
            let ind = repo.industries.iter().find(|i| i.id.value == m.industry);
            let p = ind.and_then(|i| i.measures.iter().find(|p| p.id.value == m.measure));
            match (ind, p) {
                (Some(i), Some(p)) => {
                    s.push_str(&format!(
                        "**{}:{}** {}\n\n",
                        m.industry, m.measure, p.title.value
                    ));
                    if let Some(t) = &p.text {
                        s.push_str(&format!("{}\n\n", t.value));
                    }
                    s.push_str(&format!(
                        "{} の対策 — `{}`",
                        i.name.value,
                        repo.file(i.file).path
                    ));
                }
                _ => {
                    return format!(
                        "`{}:{}` という業界の対策はありません",
                        m.industry, m.measure
                    );
                }
            }
        }
        Target::Clause(c) => {
            let found: Vec<_> = repo
                .clauses()
                .into_iter()
                .filter(|x| &x.number == c)
                .collect();
            if found.is_empty() {
                return format!("サンプル規程に {c} 条はありません");
            }
            s.push_str(&format!(
                "サンプル規程 {c}（このプロジェクトの文例で、発行者の文ではありません） — `{}`",
                repo.file(found[0].file).path
            ));
        }
    }
    let uses: Vec<_> = symbols::occurrences(repo, None)
        .into_iter()
        .filter(|o| !o.definition && &o.target == target)
        .collect();
    if !uses.is_empty() {
        s.push_str(&format!("\n\n使われている所（{} か所）:\n", uses.len()));
        for o in uses.iter().take(MAX_USES) {
            let f = repo.file(o.file);
            let line = f.position(o.span.start).line;
            s.push_str(&format!("- `{}:{line}`{}\n", f.path, entry(repo, o)));
        }
        if uses.len() > MAX_USES {
            s.push_str(&format!("- ほか {} か所\n", uses.len() - MAX_USES));
        }
    }
    s
}

/// For a use inside a crosswalk entry: the entry's source and relation.
fn entry(repo: &Repository, o: &symbols::Occurrence) -> String {
    for c in repo.crosswalks.iter().filter(|c| c.file == o.file) {
        for m in &c.maps {
            if m.span.start <= o.span.start && o.span.end <= m.span.end {
                let rel = m
                    .relation
                    .as_ref()
                    .map_or(String::new(), |r| format!(" {}", r.value.japanese()));
                return format!(
                    " {} → {}: {}{rel}",
                    c.source.value, c.target.value, m.source.value
                );
            }
        }
    }
    String::new()
}
