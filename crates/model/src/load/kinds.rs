//! The four file kinds: which keys each table has and how they become the model.

use std::ops::Range;
use std::sync::LazyLock;

use toml::de::{DeTable, DeValue};

use super::fields::{Fields, did_you_mean};
use crate::diag::{Diagnostic, codes};
use crate::schema;
use crate::source::FileId;
use crate::types::*;

const KINDS: &[&str] = &["guideline", "industry", "glossary", "crosswalk"];

/// The keys of each table, taken from the format's one definition in
/// [`crate::schema`]: a key is a documented field there, and nowhere else.
macro_rules! keys {
    ($($(#[$doc:meta])* $name:ident = $table:ty;)*) => {$(
        $(#[$doc])*
        static $name: LazyLock<Vec<&'static str>> = LazyLock::new(schema::keys::<$table>);
    )*};
}

/// A file's top level: its tables, and the other kinds' (naming a second kind
/// is reported on its own, not as an unknown key).
macro_rules! top_keys {
    ($($name:ident = $file:ty;)*) => {$(
        static $name: LazyLock<Vec<&'static str>> = LazyLock::new(|| {
            schema::keys::<$file>().into_iter().chain(KINDS.iter().copied()).collect()
        });
    )*};
}

top_keys! {
    GUIDELINE_TOP = schema::GuidelineFile;
    INDUSTRY_TOP = schema::IndustryFile;
    GLOSSARY_TOP = schema::GlossaryFile;
    CROSSWALK_TOP = schema::CrosswalkFile;
}

keys! {
    GUIDELINE_KEYS = schema::GuidelineHeader;
    CONFLICT_KEYS = schema::Conflict;
    GROUP_KEYS = schema::Group;
    ITEM_KEYS = schema::Item;
    INDUSTRY_KEYS = schema::IndustryHeader;
    /// `[[handling]]` and `[[measure]]`.
    PRACTICE_KEYS = schema::Practice;
    GLOSSARY_KEYS = schema::GlossaryHeader;
    TERM_KEYS = schema::Term;
    CROSSWALK_KEYS = schema::CrosswalkHeader;
    SCOPE_KEYS = schema::Scope;
    MAP_KEYS = schema::MapEntry;
    REVIEWED_KEYS = schema::Reviewed;
}

/// What one content file holds.
pub enum Document {
    Guideline(Box<Guideline>),
    Industry(Industry),
    Glossary(Glossary),
    Crosswalk(Crosswalk),
}

/// Reads one parsed TOML document (the file `path`), reporting problems into `out`.
pub fn read_document(
    path: &str,
    out: &mut Vec<Diagnostic>,
    file: FileId,
    doc: &DeTable<'_>,
    doc_span: Range<usize>,
) -> Option<Document> {
    let mut found: Vec<_> = doc
        .iter()
        .filter(|(k, _)| KINDS.contains(&k.get_ref().as_ref()))
        .collect();
    found.sort_by_key(|(k, _)| k.span().start);
    let kind = match found.as_slice() {
        [] => {
            let mut d = Diagnostic::error(codes::KIND, format!("{path} が何のファイルなのか分かりません"))
                .with_help(
                    "ファイルの先頭に [guideline]、[industry]、[glossary]、[crosswalk] のどれかを書いてください",
                );
            // Point at the first table, which is probably a misspelt kind.
            let first = doc.iter().min_by_key(|(k, _)| k.span().start);
            if let Some((k, _)) = first {
                d = d
                    .at(file, k.span())
                    .with_label("ファイルの種類として使えない表");
                if let Some(s) = did_you_mean(k.get_ref(), KINDS) {
                    d = d.with_help(format!("[{s}] のことですか？"));
                }
            } else {
                d = d.at(file, doc_span.start..doc_span.start);
            }
            out.push(d);
            return None;
        }
        [(k, _)] => k.get_ref().to_string(),
        [(first, _), rest @ ..] => {
            for (k, _) in rest {
                out.push(
                    Diagnostic::error(
                        codes::KIND,
                        format!(
                            "{path} に [{}] と [{}] の両方があります",
                            first.get_ref(),
                            k.get_ref()
                        ),
                    )
                    .at(file, k.span())
                    .with_label("2つ目のファイルの種類")
                    .with_related(file, first.span(), "ここでファイルの種類が決まる")
                    .with_help(
                        "ガイドライン・業界プロファイル・用語集・突合表は、それぞれ別のファイルに分けてください",
                    ),
                );
            }
            first.get_ref().to_string()
        }
    };
    let top = Fields::new(file, doc, doc_span, "ファイルの最上位");
    let (header, header_span) = top.table(&kind, out)?;
    let name = match kind.as_str() {
        "guideline" => "[guideline]",
        "industry" => "[industry]",
        "glossary" => "[glossary]",
        _ => "[crosswalk]",
    };
    let header = Fields::new(file, header, header_span, name);
    Some(match kind.as_str() {
        "guideline" => {
            top.check_keys(&GUIDELINE_TOP, out);
            Document::Guideline(Box::new(read_guideline(&top, &header, out)))
        }
        "industry" => {
            top.check_keys(&INDUSTRY_TOP, out);
            Document::Industry(read_industry(&top, &header, out))
        }
        "glossary" => {
            top.check_keys(&GLOSSARY_TOP, out);
            Document::Glossary(read_glossary(&top, &header, out))
        }
        _ => {
            top.check_keys(&CROSSWALK_TOP, out);
            Document::Crosswalk(read_crosswalk(&top, &header, out))
        }
    })
}

fn read_guideline(top: &Fields, h: &Fields, out: &mut Vec<Diagnostic>) -> Guideline {
    h.check_keys(&GUIDELINE_KEYS, out);
    let groups = top
        .tables("group", out)
        .into_iter()
        .map(|(t, span)| {
            let f = Fields::new(top.file, t, span.clone(), "[[group]]");
            f.check_keys(&GROUP_KEYS, out);
            Group {
                span,
                id: f.required("id", out),
                parent: f.optional("parent", out),
                title: f.required("title", out),
            }
        })
        .collect();
    let items = top
        .tables("item", out)
        .into_iter()
        .map(|(t, span)| {
            let f = Fields::new(top.file, t, span.clone(), "[[item]]");
            f.check_keys(&ITEM_KEYS, out);
            Item {
                span,
                id: f.required("id", out),
                group: f.optional("group", out),
                title: f.required("title", out),
                text: f.optional("text", out),
                level: f.optional("level", out),
                tags: f.list("tags", out),
            }
        })
        .collect();
    let conflicts = top
        .tables("conflict", out)
        .into_iter()
        .map(|(t, span)| {
            let f = Fields::new(top.file, t, span.clone(), "[[conflict]]");
            f.check_keys(&CONFLICT_KEYS, out);
            Conflict {
                span,
                item: f.required("item", out),
                text: f.required("text", out),
            }
        })
        .collect();
    Guideline {
        file: h.file,
        span: h.span.clone(),
        id: h.required("id", out),
        version: h.required("version", out),
        title: h.required("title", out),
        publisher: h.optional("publisher", out),
        published: h.date("published", out),
        url: h.optional("url", out),
        levels: h.list("levels", out),
        supersedes: h.optional("supersedes", out),
        document: h.optional("document", out),
        edition: h.optional("edition", out),
        holds: h.choice("holds", Holds::NAMES, Holds::parse, |_| None, out),
        total: h.count("total", out),
        selection: h.optional("selection", out),
        generated: h.optional("generated", out),
        maintainers: h.list("maintainers", out),
        conflicts,
        groups,
        items,
    }
}

fn read_practices(
    top: &Fields,
    key: &str,
    name: &'static str,
    out: &mut Vec<Diagnostic>,
) -> Vec<Practice> {
    top.tables(key, out)
        .into_iter()
        .map(|(t, span)| {
            let f = Fields::new(top.file, t, span.clone(), name);
            f.check_keys(&PRACTICE_KEYS, out);
            Practice {
                span,
                id: f.required("id", out),
                title: f.required("title", out),
                text: f.optional("text", out),
                relates: f.list("relates", out),
            }
        })
        .collect()
}

fn read_industry(top: &Fields, h: &Fields, out: &mut Vec<Diagnostic>) -> Industry {
    h.check_keys(&INDUSTRY_KEYS, out);
    let mut terms = Vec::new();
    if let Some((t, _)) = top.table("terms", out) {
        let mut entries: Vec<_> = t.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        for (k, v) in entries {
            let key = Spanned::new(k.get_ref().to_string(), k.span());
            match v.get_ref() {
                DeValue::String(s) => terms.push((key, Spanned::new(s.to_string(), v.span()))),
                _ => out.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        format!("[terms] の `{}` は文字列で書きます", key.value),
                    )
                    .at(top.file, v.span())
                    .with_help(format!(
                        "\"{}\" = \"業界での呼び方\" のように書いてください",
                        key.value
                    )),
                ),
            }
        }
    }
    Industry {
        file: h.file,
        span: h.span.clone(),
        id: h.required("id", out),
        name: h.required("name", out),
        association: h.optional("association", out),
        base: h.optional("base", out),
        guidelines: h.list("guidelines", out),
        terms,
        authored_by: h.choice("authored-by", Author::NAMES, Author::parse, |_| None, out),
        maintainers: h.list("maintainers", out),
        handling: read_practices(top, "handling", "[[handling]]", out),
        measures: read_practices(top, "measure", "[[measure]]", out),
    }
}

fn read_glossary(top: &Fields, h: &Fields, out: &mut Vec<Diagnostic>) -> Glossary {
    h.check_keys(&GLOSSARY_KEYS, out);
    let terms = top
        .tables("term", out)
        .into_iter()
        .map(|(t, span)| {
            let f = Fields::new(top.file, t, span.clone(), "[[term]]");
            f.check_keys(&TERM_KEYS, out);
            Term {
                span,
                preferred: f.required("preferred", out),
                variants: f.list("variants", out),
                note: f.optional("note", out),
            }
        })
        .collect();
    Glossary {
        file: h.file,
        span: h.span.clone(),
        id: h.required("id", out),
        scope: h.optional("scope", out),
        terms,
    }
}

fn read_crosswalk(top: &Fields, h: &Fields, out: &mut Vec<Diagnostic>) -> Crosswalk {
    h.check_keys(&CROSSWALK_KEYS, out);
    let scope = h.table("scope", out).map(|(t, span)| {
        let f = Fields::new(h.file, t, span.clone(), "[crosswalk] の `scope`");
        f.check_keys(&SCOPE_KEYS, out);
        Scope {
            span,
            levels: f.list("levels", out),
        }
    });
    let maps = top
        .tables("map", out)
        .into_iter()
        .map(|(t, span)| {
            let f = Fields::new(top.file, t, span.clone(), "[[map]]");
            f.check_keys(&MAP_KEYS, out);
            MapEntry {
                span,
                source: f.required("source", out),
                relation: relation(&f, out),
                targets: f.list("targets", out),
                strm: f.choice("strm", Strm::NAMES, Strm::parse, |_| None, out),
                rationale: f.optional("rationale", out),
                measure: f.optional("measure", out),
                regulations: f.list("regulations", out),
            }
        })
        .collect();
    let reviewed = top
        .tables("reviewed", out)
        .into_iter()
        .map(|(t, span)| {
            let f = Fields::new(top.file, t, span.clone(), "[[reviewed]]");
            f.check_keys(&REVIEWED_KEYS, out);
            Reviewed {
                span,
                item: f.required("item", out),
                title: f.required("title", out),
                text: f.optional("text", out),
            }
        })
        .collect();
    Crosswalk {
        file: h.file,
        span: h.span.clone(),
        source: h.required("source", out),
        target: h.required("target", out),
        scope,
        status: h.choice("status", Status::NAMES, Status::parse, |_| None, out),
        basis: h.choice("basis", Basis::NAMES, Basis::parse, |_| None, out),
        generated: h.optional("generated", out),
        maintainers: h.list("maintainers", out),
        maps,
        reviewed,
    }
}

/// `relation` is required; 対応 / 準対応 / 非対応 get a pointer to the English value.
fn relation(f: &Fields, out: &mut Vec<Diagnostic>) -> Option<Spanned<Relation>> {
    if f.string("relation", &mut Vec::new())
        .is_none_or(|s| s.value.trim().is_empty())
    {
        // Report the missing (or mistyped) value through `required`.
        f.required("relation", out);
        return None;
    }
    f.choice(
        "relation",
        Relation::NAMES,
        Relation::parse,
        |s| Relation::from_japanese(s).map(Relation::as_str),
        out,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each kind is the header table of one of the format's file types.
    #[test]
    fn the_kinds_are_the_file_types_first_tables() {
        let firsts = [
            schema::keys::<schema::GuidelineFile>()[0],
            schema::keys::<schema::IndustryFile>()[0],
            schema::keys::<schema::GlossaryFile>()[0],
            schema::keys::<schema::CrosswalkFile>()[0],
        ];
        assert_eq!(firsts, KINDS);
    }

    /// The lists are the fields of the format's types, in their order, with
    /// the serde names (`authored-by`), and the top levels add the kinds.
    #[test]
    fn key_lists_come_from_the_format_types() {
        assert_eq!(
            *INDUSTRY_KEYS,
            [
                "id",
                "name",
                "association",
                "base",
                "guidelines",
                "authored-by",
                "maintainers"
            ]
        );
        assert_eq!(
            *CROSSWALK_TOP,
            [
                "crosswalk",
                "map",
                "reviewed",
                "guideline",
                "industry",
                "glossary",
                "crosswalk"
            ]
        );
        assert_eq!(*SCOPE_KEYS, ["levels"]);
    }

    /// A key the loader reads must be declared in the format: reading an
    /// undeclared one is caught in debug builds (every test build).
    #[test]
    #[should_panic(expected = "does not declare it")]
    fn reading_an_undeclared_key_is_a_loader_bug() {
        let doc: DeTable<'static> = DeTable::parse("id = \"x\"").unwrap().into_inner();
        let f = Fields::new(FileId(0), &doc, 0..0, "[[term]]");
        f.check_keys(&TERM_KEYS, &mut Vec::new());
        let _ = f.optional("id", &mut Vec::new());
    }
}
