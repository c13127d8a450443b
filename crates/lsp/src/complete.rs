//! Completion: what may be written at the cursor.
//!
//! The buffer is often half-typed TOML (`targets = ["act`), which the
//! parser cannot read; where the cursor is is read from the text itself:
//! the key whose value the cursor is in (on this line, or an array opened
//! on an earlier line), the table the key belongs to (`[[map]]`,
//! `[crosswalk]`, `[[measure]]`, …) and whether the cursor is inside a
//! string. What to offer comes from the model: the catalogs a crosswalk's
//! `source` and `target` name (or its file name, while the header is being
//! typed), the industries' measures, the clauses of the sample regulations,
//! and the glossaries.

use std::ops::Range;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionItemLabelDetails, CompletionTextEdit,
    Documentation, MarkupContent, MarkupKind, TextEdit,
};
use sc3_model::{Basis, FileId, Guideline, GuidelineRef, Item, Relation, Repository, Status, Strm};

/// Where the cursor is, as read from the text.
#[derive(Debug, PartialEq, Eq)]
pub struct Place {
    /// The table header above (`map` for `[[map]]`), if any.
    pub table: Option<String>,
    /// The key whose value the cursor is in.
    pub key: Option<String>,
    /// The byte range of what is typed of the current string (from after
    /// its opening quote to the cursor), when the cursor is inside one.
    pub typed: Option<Range<usize>>,
    /// The byte range of the table the cursor is in (header to next header).
    pub block: Range<usize>,
}

fn header(line: &str) -> Option<String> {
    let t = line.trim();
    let name = t
        .strip_prefix("[[")
        .and_then(|r| r.split_once("]]"))
        .or_else(|| t.strip_prefix('[').and_then(|r| r.split_once(']')))?
        .0;
    Some(name.trim().to_owned())
}

fn key_of(line: &str) -> Option<(String, usize)> {
    let t = line.trim_start();
    let eq = t.find('=')?;
    let key = t[..eq].trim();
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    ok.then(|| (key.to_owned(), line.len() - t.len() + eq + 1))
}

/// Whether the cursor, after `value` (the text from the `=` to the cursor),
/// is inside a basic or literal string; the offset in `value` after its
/// opening quote.
fn open_string(value: &str) -> Option<usize> {
    let mut open: Option<(char, usize)> = None;
    let mut escaped = false;
    for (i, c) in value.char_indices() {
        match open {
            Some((q, _)) if escaped => {
                let _ = q;
                escaped = false;
            }
            Some(('"', _)) if c == '\\' => escaped = true,
            Some((q, _)) if c == q => open = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => open = Some((c, i + 1)),
            None if c == '#' => return None,
            None => {}
        }
    }
    open.map(|(_, at)| at)
}

/// Reads where `offset` is in a TOML `text`.
pub fn place(text: &str, offset: usize) -> Place {
    let offset = offset.min(text.len());
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    // The table: the last header line before the cursor, and where the
    // next one begins.
    let mut table = None;
    let mut block_start = 0;
    let mut at = 0;
    for line in text[..line_start].split_inclusive('\n') {
        if let Some(h) = header(line) {
            table = Some(h);
            block_start = at;
        }
        at += line.len();
    }
    let mut block_end = text.len();
    let mut at = line_start;
    for line in text[line_start..].split_inclusive('\n') {
        if at > line_start && header(line).is_some() {
            block_end = at;
            break;
        }
        at += line.len();
    }
    // The key: on this line, or the last `key = [` above whose array is
    // still open at the cursor.
    let mut key = None;
    let mut value_from = None;
    let mut at = line_start;
    loop {
        let line_end = text[at..].find('\n').map_or(text.len(), |i| at + i);
        let line = &text[at..line_end.min(text.len())];
        if let Some((k, eq)) = key_of(line) {
            let from = at + eq;
            if from > offset {
                // The cursor is before this line's `=`: in a key, not a value.
                break;
            }
            let value = &text[from..offset];
            let opened = value.matches('[').count() > value.matches(']').count();
            if at == line_start || opened {
                key = Some(k);
                value_from = Some(from);
            }
            break;
        }
        if header(line).is_some() || at == 0 || at < block_start {
            break;
        }
        let prev = text[..at - 1].rfind('\n').map_or(0, |i| i + 1);
        at = prev;
    }
    let typed = value_from.and_then(|from| {
        let value = &text[from..offset];
        open_string(value).map(|i| from + i..offset)
    });
    Place {
        table,
        key,
        typed,
        block: block_start..block_end,
    }
}

/// The value of `key = "…"` in a block of text, if written plainly.
fn value_in(block: &str, key: &str) -> Option<String> {
    block.lines().find_map(|l| {
        let (k, eq) = key_of(l)?;
        if k != key {
            return None;
        }
        let v = l[eq..].trim();
        let v = v.strip_prefix('"')?;
        Some(v[..v.find('"')?].to_owned())
    })
}

/// How a completion replaces text: inside a string, what is typed of it;
/// elsewhere, a new quoted string at the cursor.
pub struct Edit {
    pub range: lsp_types::Range,
    pub quoted: bool,
}

fn item(label: String, kind: CompletionItemKind, edit: &Edit) -> CompletionItem {
    let new_text = if edit.quoted {
        format!("\"{label}\"")
    } else {
        label.clone()
    };
    CompletionItem {
        label,
        kind: Some(kind),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit {
            range: edit.range,
            new_text,
        })),
        ..CompletionItem::default()
    }
}

fn markdown(value: String) -> Documentation {
    Documentation::MarkupContent(MarkupContent {
        kind: MarkupKind::Markdown,
        value,
    })
}

/// An item of a catalog: its id (qualified with `prefix` if given), title
/// and level in the label, its text in the documentation.
fn catalog_item(
    g: &Guideline,
    it: &Item,
    prefix: Option<&str>,
    edit: &Edit,
    rank: usize,
) -> CompletionItem {
    let id = match prefix {
        Some(p) => format!("{p}:{}", it.id.value),
        None => it.id.value.clone(),
    };
    let level = it.level.as_ref().map(|l| l.value.clone());
    let mut c = item(id.clone(), CompletionItemKind::REFERENCE, edit);
    c.label_details = Some(CompletionItemLabelDetails {
        detail: Some(format!(" {}", it.title.value)),
        description: level.clone(),
    });
    c.detail = Some(match &level {
        Some(l) => format!("{}（{l}）", it.title.value),
        None => it.title.value.clone(),
    });
    let mut doc = format!("**{}** {}", it.id.value, it.title.value);
    if let Some(l) = &level {
        doc.push_str(&format!("\n\n水準: {l}"));
    }
    if let Some(t) = &it.text {
        doc.push_str(&format!("\n\n{}", t.value));
    }
    doc.push_str(&format!("\n\n— {}（{}）", g.title.value, g.key()));
    c.documentation = Some(markdown(doc));
    c.filter_text = Some(format!("{id} {}", it.title.value));
    c.sort_text = Some(format!("{rank:06}"));
    c
}

fn words(values: &[&str], kind: CompletionItemKind, edit: &Edit) -> Vec<CompletionItem> {
    values
        .iter()
        .map(|v| item((*v).to_owned(), kind, edit))
        .collect()
}

/// The two sides of the crosswalk in `file`: from its `[crosswalk]` table,
/// or from its file name (`mappings/<source>--<target>.toml`) while that
/// table is still being typed.
fn sides(repo: &Repository, file: FileId) -> (Option<String>, Option<String>, Basis) {
    if let Some(c) = repo.crosswalks.iter().find(|c| c.file == file) {
        return (
            Some(c.source.value.clone()).filter(|s| !s.is_empty()),
            Some(c.target.value.clone()).filter(|s| !s.is_empty()),
            c.basis(),
        );
    }
    let path = &repo.file(file).path;
    let name = path.rsplit('/').next().unwrap_or(path);
    match name.trim_end_matches(".toml").split_once("--") {
        Some((s, t)) => (Some(s.to_owned()), Some(t.to_owned()), Basis::Judgment),
        None => (None, None, Basis::Judgment),
    }
}

fn guideline<'r>(repo: &'r Repository, key: &str) -> Option<&'r Guideline> {
    let r = GuidelineRef::parse(key).ok()?;
    repo.guidelines
        .iter()
        .find(|g| g.id.value == r.id && g.version.value == r.version)
}

/// The completions at `place` in `file`.
pub fn complete(
    repo: &Repository,
    file: FileId,
    place: &Place,
    edit: &Edit,
) -> Vec<CompletionItem> {
    let text = &repo.file(file).text;
    let path = &repo.file(file).path;
    let block = text.get(place.block.clone()).unwrap_or("");
    let table = place.table.as_deref().unwrap_or("");
    let Some(key) = place.key.as_deref() else {
        return Vec::new();
    };
    let keys = || {
        let mut v: Vec<String> = repo.guidelines.iter().map(Guideline::key).collect();
        v.sort();
        v.dedup();
        v.into_iter()
            .map(|k| {
                let mut c = item(k.clone(), CompletionItemKind::MODULE, edit);
                if let Some(g) = guideline(repo, &k) {
                    c.detail = Some(g.title.value.clone());
                }
                c
            })
            .collect::<Vec<_>>()
    };
    if path.starts_with("mappings/") {
        let (source, target, basis) = sides(repo, file);
        return match (table, key) {
            ("crosswalk", "source" | "target") => keys(),
            ("crosswalk", "status") => words(Status::NAMES, CompletionItemKind::ENUM_MEMBER, edit),
            ("crosswalk", "basis") => words(Basis::NAMES, CompletionItemKind::ENUM_MEMBER, edit),
            ("map", "source") => {
                let Some(g) = source.as_deref().and_then(|s| guideline(repo, s)) else {
                    return Vec::new();
                };
                // Items with no entry yet come first.
                let mapped: Vec<&str> = repo
                    .crosswalks
                    .iter()
                    .filter(|c| c.file == file)
                    .flat_map(|c| c.maps.iter().map(|m| m.source.value.as_str()))
                    .collect();
                let mut items: Vec<&Item> = g.items.iter().collect();
                items.sort_by_key(|i| mapped.contains(&i.id.value.as_str()));
                items
                    .into_iter()
                    .enumerate()
                    .map(|(n, it)| catalog_item(g, it, None, edit, n))
                    .collect()
            }
            ("map", "targets") => {
                let Some(g) = target.as_deref().and_then(|s| guideline(repo, s)) else {
                    return Vec::new();
                };
                g.items
                    .iter()
                    .enumerate()
                    .map(|(n, it)| catalog_item(g, it, None, edit, n))
                    .collect()
            }
            ("map", "relation") => basis
                .relations()
                .iter()
                .map(|r| {
                    let mut c = item(r.as_str().to_owned(), CompletionItemKind::ENUM_MEMBER, edit);
                    c.detail = Some(r.japanese().to_owned());
                    c
                })
                .collect(),
            ("map", "strm") => {
                let relation = value_in(block, "relation").and_then(|r| Relation::parse(&r));
                Strm::NAMES
                    .iter()
                    .filter_map(|s| Strm::parse(s))
                    .filter(|s| relation.is_none_or(|r| s.relation() == r))
                    .map(|s| {
                        let mut c =
                            item(s.as_str().to_owned(), CompletionItemKind::ENUM_MEMBER, edit);
                        c.detail = Some(s.relation().japanese().to_owned());
                        c
                    })
                    .collect()
            }
            ("map", "measure") => measures(repo, edit),
            ("map", "regulations") => clauses(repo, edit),
            ("map", "rationale") => terms(repo, edit),
            _ => Vec::new(),
        };
    }
    if path.starts_with("guidelines/") {
        return match (table, key) {
            ("industry", "base" | "guidelines") | ("guideline", "supersedes") => keys(),
            ("measure" | "handling", "relates") => {
                let ind = repo.industries.iter().find(|i| i.file == file);
                let own: Vec<String> = ind
                    .map(|i| {
                        i.base
                            .iter()
                            .chain(&i.guidelines)
                            .map(|g| g.value.clone())
                            .collect()
                    })
                    .unwrap_or_default();
                let mut n = 0;
                let mut out = Vec::new();
                for g in &repo.guidelines {
                    if !own.is_empty() && !own.contains(&g.key()) {
                        continue;
                    }
                    for it in &g.items {
                        out.push(catalog_item(g, it, Some(&g.key()), edit, n));
                        n += 1;
                    }
                }
                out
            }
            ("item", "group") | ("group", "parent") => {
                let Some(g) = repo.guidelines.iter().find(|g| g.file == file) else {
                    return Vec::new();
                };
                g.groups
                    .iter()
                    .map(|gr| {
                        let mut c = item(gr.id.value.clone(), CompletionItemKind::FOLDER, edit);
                        c.detail = Some(gr.title.value.clone());
                        c
                    })
                    .collect()
            }
            ("item", "level") => {
                let Some(g) = repo.guidelines.iter().find(|g| g.file == file) else {
                    return Vec::new();
                };
                g.levels
                    .iter()
                    .map(|l| item(l.value.clone(), CompletionItemKind::ENUM_MEMBER, edit))
                    .collect()
            }
            (_, "title" | "text" | "note" | "selection" | "name") => terms(repo, edit),
            _ => Vec::new(),
        };
    }
    Vec::new()
}

/// Every industry measure, `industry:measure`.
fn measures(repo: &Repository, edit: &Edit) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    for i in &repo.industries {
        for p in &i.measures {
            let mut c = item(
                format!("{}:{}", i.id.value, p.id.value),
                CompletionItemKind::REFERENCE,
                edit,
            );
            c.label_details = Some(CompletionItemLabelDetails {
                detail: Some(format!(" {}", p.title.value)),
                description: Some(i.name.value.clone()),
            });
            c.detail = Some(p.title.value.clone());
            if let Some(t) = &p.text {
                c.documentation = Some(markdown(t.value.clone()));
            }
            c.filter_text = Some(format!("{}:{} {}", i.id.value, p.id.value, p.title.value));
            out.push(c);
        }
    }
    out
}

/// The clauses of the sample regulations (this project's text).
fn clauses(repo: &Repository, edit: &Edit) -> Vec<CompletionItem> {
    let mut seen = std::collections::HashSet::new();
    repo.clauses()
        .into_iter()
        .filter(|c| seen.insert(c.number.clone()))
        .map(|c| {
            let mut i = item(c.number.clone(), CompletionItemKind::REFERENCE, edit);
            i.detail = Some(format!(
                "サンプル規程 {}（このプロジェクトの文例）",
                c.template
            ));
            i
        })
        .collect()
}

/// The glossaries' preferred terms, with their variants.
pub fn terms(repo: &Repository, edit: &Edit) -> Vec<CompletionItem> {
    let mut out = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for g in &repo.glossaries {
        for t in &g.terms {
            if !seen.insert(t.preferred.value.clone()) {
                continue;
            }
            let mut c = item(t.preferred.value.clone(), CompletionItemKind::TEXT, edit);
            if !t.variants.is_empty() {
                let v: Vec<&str> = t.variants.iter().map(|v| v.value.as_str()).collect();
                c.detail = Some(format!("用語集の表記（使わない表記: {}）", v.join("、")));
            } else {
                c.detail = Some("用語集の表記".to_owned());
            }
            if let Some(n) = &t.note {
                c.documentation = Some(markdown(n.value.clone()));
            }
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_place_is_read_from_half_typed_toml() {
        let text =
            "[crosswalk]\nsource = \"a@1\"\n\n[[map]]\nsource = \"x\"\ntargets = [\"p-1\", \"ac";
        let p = place(text, text.len());
        assert_eq!(p.table.as_deref(), Some("map"));
        assert_eq!(p.key.as_deref(), Some("targets"));
        assert_eq!(&text[p.typed.unwrap()], "ac");
        // An array over several lines.
        let text = "[[map]]\ntargets = [\n  \"p-1\",\n  \"";
        let p = place(text, text.len());
        assert_eq!(p.key.as_deref(), Some("targets"));
        assert_eq!(&text[p.typed.unwrap()], "");
        // After a closed array the key is over.
        let text = "[[map]]\ntargets = [\"a\"]\n";
        assert_eq!(place(text, text.len()).key, None);
        // Outside a string: a new string is inserted.
        let text = "[[map]]\nrelation = ";
        let p = place(text, text.len());
        assert_eq!((p.key.as_deref(), p.typed), (Some("relation"), None));
        // A comment is not a string.
        let text = "[[map]]\nrelation = # \"x";
        assert_eq!(place(text, text.len()).typed, None);
        // The cursor in a key, before its `=` (this panicked).
        let text = "[[map]]\ntargets = [\"a\"]\n";
        for at in 8..15 {
            let p = place(text, at);
            assert_eq!((p.key, p.typed), (None, None), "at {at}");
        }
    }
}
