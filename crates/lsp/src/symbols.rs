//! Every place the content defines or names an item, a catalog, an industry
//! measure or a regulation clause, with the byte span of the value as
//! written. Hover, go to definition, find references and rename read it.
//! References are resolved as the lint resolves them: a bare item id in a
//! crosswalk against its `source` or `target` catalog, anything else as
//! `id@version:item`.

use std::ops::Range;

use sc3_model::{FileId, GuidelineRef, ItemRef, MeasureRef, Repository, Spanned};

/// What an occurrence is about.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Target {
    Item(ItemRef),
    Guideline(GuidelineRef),
    Measure(MeasureRef),
    /// A clause of this project's sample regulations, `4.4`.
    Clause(String),
}

/// One place a [`Target`] is defined or named.
#[derive(Clone, Debug)]
pub struct Occurrence {
    pub file: FileId,
    /// The value's span as written (quotes included for a string).
    pub span: Range<usize>,
    pub target: Target,
    pub definition: bool,
}

fn item_ref(s: &Spanned<String>, default: Option<&GuidelineRef>) -> Option<Target> {
    let r = match default {
        Some(d) => ItemRef::parse_in(&s.value, d),
        None => ItemRef::parse(&s.value),
    };
    r.ok().map(Target::Item)
}

fn guideline_ref(s: &Spanned<String>) -> Option<Target> {
    GuidelineRef::parse(&s.value).ok().map(Target::Guideline)
}

/// Every occurrence in the repository, or in one file.
pub fn occurrences(repo: &Repository, only: Option<FileId>) -> Vec<Occurrence> {
    let wanted = |f: FileId| only.is_none_or(|o| o == f);
    let mut out = Vec::new();
    let mut push = |file: FileId, s: &Spanned<String>, t: Option<Target>, definition: bool| {
        if let Some(target) = t {
            out.push(Occurrence {
                file,
                span: s.span.clone(),
                target,
                definition,
            });
        }
    };
    for g in repo.guidelines.iter().filter(|g| wanted(g.file)) {
        let key = GuidelineRef {
            id: g.id.value.clone(),
            version: g.version.value.clone(),
        };
        push(g.file, &g.id, Some(Target::Guideline(key.clone())), true);
        if let Some(s) = &g.supersedes {
            push(g.file, s, guideline_ref(s), false);
        }
        for it in &g.items {
            push(g.file, &it.id, item_ref(&it.id, Some(&key)), true);
        }
    }
    for c in repo.crosswalks.iter().filter(|c| wanted(c.file)) {
        push(c.file, &c.source, guideline_ref(&c.source), false);
        push(c.file, &c.target, guideline_ref(&c.target), false);
        let source = GuidelineRef::parse(&c.source.value).ok();
        let target = GuidelineRef::parse(&c.target.value).ok();
        for m in &c.maps {
            if let Some(s) = &source {
                push(c.file, &m.source, item_ref(&m.source, Some(s)), false);
            }
            if let Some(t) = &target {
                for x in &m.targets {
                    push(c.file, x, item_ref(x, Some(t)), false);
                }
            }
            if let Some(x) = &m.measure {
                let t = MeasureRef::parse(&x.value).ok().map(Target::Measure);
                push(c.file, x, t, false);
            }
            for x in &m.regulations {
                push(c.file, x, Some(Target::Clause(x.value.clone())), false);
            }
        }
        for r in &c.reviewed {
            push(c.file, &r.item, item_ref(&r.item, None), false);
        }
    }
    for i in repo.industries.iter().filter(|i| wanted(i.file)) {
        for g in i.base.iter().chain(&i.guidelines) {
            push(i.file, g, guideline_ref(g), false);
        }
        for p in i.handling.iter().chain(&i.measures) {
            for r in &p.relates {
                push(i.file, r, item_ref(r, None), false);
            }
        }
        for p in &i.measures {
            let t = Target::Measure(MeasureRef {
                industry: i.id.value.clone(),
                measure: p.id.value.clone(),
            });
            push(i.file, &p.id, Some(t), true);
        }
    }
    for &t in repo.templates.iter().filter(|&&t| wanted(t)) {
        for (number, span) in sc3_model::names::template_clauses(&repo.file(t).text) {
            let s = Spanned::new(number.clone(), span);
            push(t, &s, Some(Target::Clause(number)), true);
        }
    }
    out
}

/// The occurrence at byte `offset` of `file`, if any (the innermost).
pub fn at(repo: &Repository, file: FileId, offset: usize) -> Option<Occurrence> {
    occurrences(repo, Some(file))
        .into_iter()
        .filter(|o| o.span.start <= offset && offset <= o.span.end)
        .min_by_key(|o| o.span.len())
}

/// The span of the part of a written value that names the item (or
/// measure): inside the quotes, after `id@version:` or `industry:` when
/// the value is qualified. `None` when the value is written with escapes,
/// so its bytes are not its text.
pub fn name_part(text: &str, o: &Occurrence) -> Option<Range<usize>> {
    let raw = text.get(o.span.clone())?;
    let inner = if (raw.starts_with('"') && raw.ends_with('"')
        || raw.starts_with('\'') && raw.ends_with('\''))
        && raw.len() >= 2
    {
        o.span.start + 1..o.span.end - 1
    } else {
        o.span.clone()
    };
    let value = &text[inner.clone()];
    if value.contains('\\') && raw.starts_with('"') {
        return None;
    }
    match value.rfind(':') {
        Some(i) if !matches!(o.target, Target::Clause(_)) => Some(inner.start + i + 1..inner.end),
        _ => Some(inner),
    }
}
