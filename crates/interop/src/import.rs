//! Declarative import of a requirements spreadsheet (METI's ★3/★4 CSV is the
//! first): a small TOML file says which column is what and how a reference
//! cell is parsed; the import writes the catalog, a catalog for each referenced
//! document (ids and levels only, as the references reveal them, ids as the
//! publisher writes them), and a citation crosswalk to each (参照あり /
//! 参照なし: the spreadsheet cites, it does not judge coverage). Each file says
//! what it holds and which mapping generated it; a level the source gives two
//! ways is kept as first seen and listed as a `[[conflict]]`. Every reference cell is accounted for: each part of it is
//! parsed, or the row is reported.

use std::collections::{BTreeMap, BTreeSet};

use regex::Regex;
use serde::Deserialize;
use unicode_normalization::UnicodeNormalization;

use sc3_model::prh_convert::toml_string as q;
use sc3_toolkit::sheet::Row;

/// The mapping file (`import/*.toml`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    pub source: Source,
    pub catalog: CatalogHeader,
    pub columns: Columns,
    #[serde(default)]
    pub reference: Vec<Reference>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The spreadsheet, relative to the repository root.
    pub file: String,
    /// Heading rows before the data (their cells name the columns).
    pub header_rows: usize,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CatalogHeader {
    pub id: String,
    pub version: String,
    pub title: String,
    #[serde(default)]
    pub publisher: String,
    #[serde(default)]
    pub published: String,
    #[serde(default)]
    pub url: String,
    #[serde(default)]
    pub levels: Vec<String>,
    /// The original document's name, as the publisher gives it.
    #[serde(default)]
    pub document: String,
    /// The original's edition, as the publisher writes it.
    #[serde(default)]
    pub edition: String,
    /// What the catalog holds of the original: `titles` for the imported
    /// catalog (the spreadsheet's own names), `numbers` for a referenced
    /// document (only ids and levels are known).
    #[serde(default)]
    pub holds: String,
    /// How many items the original has, when the catalog holds fewer.
    #[serde(default)]
    pub total: Option<u32>,
    /// Which part of the original the catalog holds, and why.
    #[serde(default)]
    pub selection: String,
}

/// Column headings (as in any heading row) of each field.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Columns {
    pub category_no: String,
    pub category: String,
    pub subcategory_no: String,
    pub subcategory: String,
    pub requirement_no: String,
    pub requirement: String,
    pub criterion_no: String,
    pub level: String,
    #[serde(default)]
    pub tag: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Reference {
    /// The heading of the reference column.
    pub header: String,
    pub target: CatalogHeader,
    /// A regex matched repeatedly over the (NFKC-normalised) cell; group
    /// `items` holds one or more ids separated by commas, optional group
    /// `level` their level. Ids are kept as the publisher writes them.
    pub pattern: String,
    /// Prefix of an item's title before its id, e.g. "No.".
    #[serde(default)]
    pub title_prefix: String,
    /// A prefix some parts of a list repeat ("No.91, No.92"), removed from each.
    #[serde(default)]
    pub item_prefix: String,
    /// Spellings of an id fixed before use, e.g. ["A ", "A."] for "A 7.14".
    #[serde(default)]
    pub replace: Vec<(String, String)>,
}

/// A cell the import could not fully account for (`unparsed`), or an
/// inconsistency in what it could read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub column: usize,
    pub message: String,
    pub unparsed: bool,
}

/// The files an import writes: (path relative to the root, TOML text).
#[derive(Clone, Debug, Default)]
pub struct Output {
    pub files: Vec<(String, String)>,
    pub problems: Vec<Problem>,
    pub criteria: usize,
    /// For each reference: references parsed.
    pub references: Vec<(String, usize)>,
}

fn norm(s: &str) -> String {
    s.nfkc().collect::<String>().trim().to_owned()
}

/// A referenced item: id and title, the level when the cell gives one, and
/// the criterion that first gave it.
#[derive(Clone, Debug)]
struct RefItem {
    id: String,
    title: String,
    level: Option<String>,
    first: String,
}

/// A referenced item whose level the source gives two ways: the item, the
/// level kept (first seen, with its criterion) and the other (with its).
#[derive(Clone, Debug)]
struct LevelConflict {
    item: String,
    kept: (String, String),
    other: (String, String),
}

fn generated_header(mapping_file: &str) -> String {
    format!(
        "# cargo xtask import {mapping_file} で作成したファイルです。手で直さず、取り込みの設定を直して作り直してください。\n"
    )
}

/// Items sorted as people number them: numeric parts compared as numbers.
fn natural_key(id: &str) -> Vec<(u8, u64, String)> {
    id.split(['.', '-'])
        .map(|p| match p.parse::<u64>() {
            Ok(n) => (1, n, String::new()),
            Err(_) => (0, 0, p.to_owned()),
        })
        .collect()
}

fn catalog_header(h: &CatalogHeader, mapping_file: &str, holds: &str, out: &mut String) {
    out.push_str(&format!(
        "[guideline]\nid = {}\nversion = {}\ntitle = {}\n",
        q(&h.id),
        q(&h.version),
        q(&h.title)
    ));
    for (key, value) in [("document", &h.document), ("edition", &h.edition)] {
        if !value.is_empty() {
            out.push_str(&format!("{key} = {}\n", q(value)));
        }
    }
    if !h.publisher.is_empty() {
        out.push_str(&format!("publisher = {}\n", q(&h.publisher)));
    }
    if !h.published.is_empty() {
        out.push_str(&format!(
            "published = {}\n",
            crate::spreadsheet::date_or_string(&h.published)
        ));
    }
    if !h.url.is_empty() {
        out.push_str(&format!("url = {}\n", q(&h.url)));
    }
    let levels: Vec<String> = h.levels.iter().map(|l| q(l)).collect();
    out.push_str(&format!("levels = [{}]\n", levels.join(", ")));
    let holds = if h.holds.is_empty() { holds } else { &h.holds };
    out.push_str(&format!("holds = {}\n", q(holds)));
    if let Some(t) = h.total {
        out.push_str(&format!("total = {t}\n"));
    }
    if !h.selection.is_empty() {
        out.push_str(&format!("selection = {}\n", q(&h.selection)));
    }
    out.push_str(&format!("generated = {}\n", q(mapping_file)));
}

/// Runs the import of `rows` (all rows of the spreadsheet, numbered).
pub fn run(mapping: &Mapping, mapping_file: &str, rows: &[Row]) -> Result<Output, String> {
    // The files written are named after these ids: check them first.
    let headers = std::iter::once(("[catalog]", &mapping.catalog)).chain(
        mapping
            .reference
            .iter()
            .map(|r| ("[[reference]] target", &r.target)),
    );
    for (table, h) in headers {
        for (key, value) in [("id", &h.id), ("version", &h.version)] {
            if !sc3_model::refs::is_valid_id(value) {
                return Err(format!(
                    "{table} の {key}「{}」は使えません。半角の小文字英字・数字・'.'・'_'・'-' だけを使い、英字か数字で始めます",
                    value.escape_debug()
                ));
            }
        }
    }
    let headers = &rows[..mapping.source.header_rows.min(rows.len())];
    let col = |name: &str| -> Result<usize, String> {
        headers
            .iter()
            .find_map(|(_, cells)| cells.iter().position(|c| norm(c) == norm(name)))
            .ok_or_else(|| format!("no column headed 「{name}」"))
    };
    let c = &mapping.columns;
    let (cat_no, cat, sub_no, sub, req_no, req, crit_no, level) = (
        col(&c.category_no)?,
        col(&c.category)?,
        col(&c.subcategory_no)?,
        col(&c.subcategory)?,
        col(&c.requirement_no)?,
        col(&c.requirement)?,
        col(&c.criterion_no)?,
        col(&c.level)?,
    );
    let tag = c.tag.as_deref().map(col).transpose()?;
    let refs: Vec<(usize, Regex, &Reference)> = mapping
        .reference
        .iter()
        .map(|r| {
            let re =
                Regex::new(&r.pattern).map_err(|e| format!("pattern of 「{}」: {e}", r.header))?;
            Ok((col(&r.header)?, re, r))
        })
        .collect::<Result<_, String>>()?;

    let mut out = Output::default();
    // Groups in order of first appearance: (id, parent, title).
    let mut groups: Vec<(String, Option<String>, String)> = Vec::new();
    let mut seen_groups: BTreeSet<String> = BTreeSet::new();
    let mut items = String::new();
    // For each reference: criterion → referenced items; and all referenced items.
    let mut links: Vec<Vec<(String, Vec<String>)>> = vec![Vec::new(); refs.len()];
    let mut referenced: Vec<BTreeMap<String, RefItem>> = vec![BTreeMap::new(); refs.len()];
    let mut conflicts: Vec<Vec<LevelConflict>> = vec![Vec::new(); refs.len()];
    let mut counts = vec![0usize; refs.len()];
    let mut last = (
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    );
    for (row, cells) in &rows[headers.len()..] {
        let cell = |i: usize| cells.get(i).map_or(String::new(), |s| norm(s));
        let id = cell(crit_no);
        if id.is_empty() {
            if cells.iter().any(|c| !c.trim().is_empty()) {
                out.problems.push(Problem {
                    row: *row,
                    column: crit_no + 1,
                    message: "評価基準の番号がない行です（取り込みません）".into(),
                    unparsed: true,
                });
            }
            continue;
        }
        // Category cells are often left blank under the first row of a block.
        let pick = |i: usize, prev: &String| {
            let v = cell(i);
            if v.is_empty() { prev.clone() } else { v }
        };
        last = (
            pick(cat_no, &last.0),
            pick(cat, &last.1),
            pick(sub_no, &last.2),
            pick(sub, &last.3),
            pick(req_no, &last.4),
            pick(req, &last.5),
        );
        let (cn, ct, sn, st, rn, rt) = &last;
        for (gid, parent, title) in [
            (cn.clone(), None, ct.clone()),
            (sn.clone(), Some(cn.clone()), st.clone()),
            (rn.clone(), Some(sn.clone()), rt.clone()),
        ] {
            if seen_groups.insert(gid.clone()) {
                groups.push((gid, parent, title));
            }
        }
        let lv = cell(level);
        items.push_str(&format!(
            "\n[[item]]\nid = {}\ngroup = {}\ntitle = {}\nlevel = {}\n",
            q(&id),
            q(rn),
            // A criterion has no name of its own in the source: its title is
            // its requirement's, as the publisher writes it (the id tells the
            // criteria apart; a suffix of ours would not be the publisher's
            // words).
            q(rt),
            q(&lv)
        ));
        if let Some(t) = tag {
            let v = cell(t);
            if !v.is_empty() {
                items.push_str(&format!("tags = [{}]\n", q(&v)));
            }
        }
        out.criteria += 1;
        for (k, (column, re, r)) in refs.iter().enumerate() {
            let raw = cell(*column).replace(['\n', '\r'], " ");
            let mut found = Vec::new();
            for m in re.captures_iter(&raw) {
                let level = m.name("level").map(|l| {
                    l.as_str()
                        .to_uppercase()
                        .split_whitespace()
                        .collect::<String>()
                });
                for part in m
                    .name("items")
                    .map_or("", |x| x.as_str())
                    .split([',', '、'])
                {
                    let mut p = part.trim().to_owned();
                    if !r.item_prefix.is_empty() {
                        p = p
                            .trim_start_matches(r.item_prefix.as_str())
                            .trim()
                            .to_owned();
                    }
                    for (from, to) in &r.replace {
                        p = p.replace(from.as_str(), to);
                    }
                    let p = p.as_str();
                    if p.is_empty() {
                        continue;
                    }
                    let item_id = p.to_owned();
                    let entry = referenced[k].entry(item_id.clone()).or_insert(RefItem {
                        id: item_id.clone(),
                        title: format!("{}{p}", r.title_prefix),
                        level: level.clone(),
                        first: id.clone(),
                    });
                    if entry.level != level && level.is_some() {
                        if entry.level.is_none() {
                            entry.level = level.clone();
                        } else {
                            let known = conflicts[k]
                                .iter()
                                .any(|c| c.item == item_id && Some(&c.other.0) == level.as_ref());
                            if !known {
                                conflicts[k].push(LevelConflict {
                                    item: item_id.clone(),
                                    kept: (
                                        entry.level.clone().unwrap_or_default(),
                                        entry.first.clone(),
                                    ),
                                    other: (level.clone().unwrap_or_default(), id.clone()),
                                });
                            }
                            out.problems.push(Problem {
                                row: *row,
                                column: column + 1,
                                message: format!(
                                    "{item_id} のレベルが {} と {} で食い違います（先に出た {} を使います）",
                                    entry.level.clone().unwrap_or_default(),
                                    level.clone().unwrap_or_default(),
                                    entry.level.clone().unwrap_or_default()
                                ),
                                unparsed: false,
                            });
                        }
                    }
                    if !found.contains(&item_id) {
                        found.push(item_id);
                    }
                    counts[k] += 1;
                }
            }
            // Whatever the pattern did not take must be only separators.
            let left = re.replace_all(&raw, "");
            let leftover: String = left
                .chars()
                .filter(|c| !(c.is_whitespace() || ",、;；()（）".contains(*c)))
                .collect();
            if !leftover.is_empty() {
                out.problems.push(Problem {
                    row: *row,
                    column: column + 1,
                    message: format!("「{}」の一部を読めません: 「{leftover}」", raw.trim()),
                    unparsed: true,
                });
            }
            links[k].push((id.clone(), found));
        }
    }

    // The catalog.
    let h = &mapping.catalog;
    let mut text = generated_header(mapping_file);
    catalog_header(h, mapping_file, "titles", &mut text);
    for (gid, parent, title) in &groups {
        text.push_str(&format!("\n[[group]]\nid = {}\n", q(gid)));
        if let Some(p) = parent {
            text.push_str(&format!("parent = {}\n", q(p)));
        }
        text.push_str(&format!("title = {}\n", q(title)));
    }
    text.push_str(&items);
    out.files
        .push((format!("guidelines/{}/{}.toml", h.id, h.version), text));

    // Each referenced document, and the crosswalk to it.
    for (k, (_, _, r)) in refs.iter().enumerate() {
        let t = &r.target;
        let mut text = generated_header(mapping_file);
        text.push_str(
            "# 番号とレベルだけを、参照の書き方から読み取っています（本文は含みません）。\n",
        );
        catalog_header(t, mapping_file, "numbers", &mut text);
        for c in &conflicts[k] {
            text.push_str(&format!(
                "\n[[conflict]]\nitem = {}\ntext = {}\n",
                q(&c.item),
                q(&format!(
                    "{}の「{}」の欄で、この項目のレベルが {}（評価基準 {}）と {}（評価基準 {}）の二通りに書かれています。このカタログには先に出た {} を収めています。",
                    h.title, r.header, c.kept.0, c.kept.1, c.other.0, c.other.1, c.kept.0
                ))
            ));
        }
        let mut list: Vec<&RefItem> = referenced[k].values().collect();
        list.sort_by_key(|i| natural_key(&i.id));
        for i in list {
            text.push_str(&format!(
                "\n[[item]]\nid = {}\ntitle = {}\n",
                q(&i.id),
                q(&i.title)
            ));
            if let Some(l) = &i.level {
                text.push_str(&format!("level = {}\n", q(l)));
            }
        }
        out.files
            .push((format!("guidelines/{}/{}.toml", t.id, t.version), text));

        let source = format!("{}@{}", h.id, h.version);
        let target = format!("{}@{}", t.id, t.version);
        let mut cw = generated_header(mapping_file);
        cw.push_str(&format!(
            "# {} の参照文献の欄（{}）を写した対照表です。参照していることは分かりますが、要求を満たすかどうかの判定ではありません。\n[crosswalk]\nsource = {}\ntarget = {}\nstatus = \"draft\"\nbasis = \"citation\"\ngenerated = {}\n",
            h.title,
            r.header,
            q(&source),
            q(&target),
            q(mapping_file)
        ));
        for (criterion, targets) in &links[k] {
            if targets.is_empty() {
                cw.push_str(&format!(
                    "\n[[map]]\nsource = {}\nrelation = \"not-cited\"\ntargets = []\n",
                    q(criterion)
                ));
            } else {
                let ts: Vec<String> = targets.iter().map(|x| q(x)).collect();
                cw.push_str(&format!(
                    "\n[[map]]\nsource = {}\nrelation = \"cited\"\ntargets = [{}]\n",
                    q(criterion),
                    ts.join(", ")
                ));
            }
        }
        out.files
            .push((format!("mappings/{source}--{target}.toml"), cw));
        out.references.push((r.header.clone(), counts[k]));
    }
    Ok(out)
}
