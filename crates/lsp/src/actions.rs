//! Code actions: the lint's fixes one by one and all at once, and the
//! missing `[[map]]` entries of a crosswalk (M001) with `suggest`'s best
//! candidates written as comments for the author to judge.
//!
//! Edits are byte spans of the model's text; the server turns them into
//! protocol ranges.

use std::collections::HashSet;
use std::ops::Range;

use sc3_lint::suggest;
use sc3_model::{Diagnostic, FileId, Repository};

/// One action: a title, whether it is the file's fix-all, and its edits
/// (span, new text) in one file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Action {
    pub title: String,
    pub fix_all: bool,
    /// The findings it resolves (indexes into the file's findings).
    pub resolves: Vec<usize>,
    pub edits: Vec<(Range<usize>, String)>,
}

/// Fixes that do not overlap, first by position (as `lint --fix` applies
/// them: the others wait for the next run).
fn disjoint<'d>(
    fixes: impl Iterator<Item = (usize, &'d Diagnostic)>,
) -> Vec<(usize, &'d Diagnostic)> {
    let mut all: Vec<_> = fixes.filter(|(_, d)| d.fix.is_some()).collect();
    all.sort_by_key(|(_, d)| {
        let f = d.fix.as_ref().expect("filtered");
        (f.span.start, f.span.end)
    });
    let mut at = 0;
    let mut out = Vec::new();
    for (i, d) in all {
        let f = d.fix.as_ref().expect("filtered");
        if f.span.start >= at {
            at = f.span.end.max(f.span.start + 1);
            out.push((i, d));
        }
    }
    out
}

/// The actions for the findings of `file` that touch `range` (bytes).
pub fn actions(
    repo: &Repository,
    file: FileId,
    found: &[Diagnostic],
    range: Range<usize>,
) -> Vec<Action> {
    let touches = |d: &Diagnostic| {
        d.span
            .as_ref()
            .is_none_or(|s| s.start <= range.end && range.start <= s.end)
    };
    let mut out = Vec::new();
    for (i, d) in found.iter().enumerate() {
        if !touches(d) {
            continue;
        }
        if let Some(f) = &d.fix {
            let title = if f.replacement.is_empty() {
                format!("{}: 削除する（{}）", d.code, d.message)
            } else {
                format!("{}: 「{}」に直す", d.code, f.replacement)
            };
            out.push(Action {
                title,
                fix_all: false,
                resolves: vec![i],
                edits: vec![(f.span.clone(), f.replacement.clone())],
            });
        }
    }
    let all = disjoint(found.iter().enumerate());
    if all.len() > 1 || (all.len() == 1 && out.is_empty()) {
        out.push(Action {
            title: format!("このファイルの直せる指摘をすべて直す（{} 件）", all.len()),
            fix_all: true,
            resolves: all.iter().map(|(i, _)| *i).collect(),
            edits: all
                .iter()
                .map(|(_, d)| {
                    let f = d.fix.as_ref().expect("disjoint keeps fixes");
                    (f.span.clone(), f.replacement.clone())
                })
                .collect(),
        });
    }
    let unmapped: Vec<usize> = found
        .iter()
        .enumerate()
        .filter(|(_, d)| d.code == "M001")
        .map(|(i, _)| i)
        .collect();
    if !unmapped.is_empty() && found.iter().any(|d| d.code == "M001" && touches(d)) {
        out.extend(missing_maps(repo, file, unmapped));
    }
    out
}

/// "Add the missing `[[map]]` entries": one entry per in-scope source
/// item without one, `relation` left empty (the author decides, and the
/// lint says so until they do), the best target candidates as comments.
fn missing_maps(repo: &Repository, file: FileId, resolves: Vec<usize>) -> Option<Action> {
    // The crosswalk with its catalogs and glossaries only: the file is
    // FileId(0) of this repository.
    let (sub, _) = crate::subset::build(repo, &crate::subset::deps(repo, file));
    let cx = sc3_lint::Context::new(&sub);
    let cw = sub.crosswalks.iter().find(|c| c.file == FileId(0))?;
    let (Some(source), Some(target)) = cx.sides(cw) else {
        return None;
    };
    let scope = cx.in_scope(cw, source);
    let glossaries: Vec<_> = sub.glossaries.iter().collect();
    let mapped: HashSet<&str> = cw.maps.iter().map(|m| m.source.value.as_str()).collect();
    let suggestions = if cw.is_judgment() {
        suggest::suggest(cw, source, target, &scope, &glossaries, 3)
    } else {
        Vec::new()
    };
    let mut text = String::new();
    let mut n = 0;
    for it in &scope {
        if mapped.contains(it.id.value.as_str()) {
            continue;
        }
        n += 1;
        text.push_str(&format!(
            "\n[[map]]\n# {}\nsource = \"{}\"\n",
            one_line(&it.title.value),
            it.id.value
        ));
        if let Some(s) = suggestions.iter().find(|s| s.source == it.id.value) {
            for c in &s.candidates {
                let title = target
                    .item(&c.target)
                    .map_or("", |i| i.title.value.as_str());
                text.push_str(&format!(
                    "# 候補（cargo xtask suggest、スコア {:.2}）: \"{}\" {}\n",
                    c.score,
                    c.target,
                    one_line(title)
                ));
            }
        }
        text.push_str("relation = \"\"\ntargets = []\n");
    }
    if n == 0 {
        return None;
    }
    // Before the block `crosswalk confirm` owns, if there is one.
    let body = &repo.file(file).text;
    let at = body
        .find(sc3_lint::review::MARKER)
        .map_or(body.len(), |i| body[..i].trim_end().len());
    if !body[..at].ends_with('\n') {
        text.insert(0, '\n');
    }
    Some(Action {
        title: format!("突合のない項目の [[map]] を追加する（{n} 件、候補はコメント）"),
        fix_all: false,
        resolves,
        edits: vec![(at..at, text)],
    })
}

/// A title on one line, for a comment.
fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
