//! Catalogs and crosswalks as spreadsheets (XLSX and CSV), and back.
//!
//! The layout is meant to be edited in Excel: a few `key, value` rows on top
//! (the file's header), an empty row, a heading row, then one row per item or
//! mapping entry. CSV is written as UTF-8 with a BOM and CRLF, which Excel in
//! Japan opens correctly; reading accepts UTF-8 with or without BOM and
//! Shift_JIS. A CSV cell that Excel would run as a formula (`@maintainer`,
//! `=…`) is written with a `'` in front, which reading removes; XLSX cells
//! are always written as strings. Export then import gives back the same
//! content.

use sc3_model::prh_convert::toml_string as q;
use sc3_model::{Crosswalk, Guideline, Relation};
use sc3_toolkit::sheet::Row;

/// The headings of a crosswalk sheet's table.
pub const CROSSWALK_HEADINGS: [&str; 8] = [
    "突合元の項目",
    "突合元の見出し",
    "判定",
    "突合先の項目",
    "関係（strm）",
    "理由",
    "業界固有の対策",
    "根拠のサンプル規程",
];
/// The headings of a catalog sheet's table.
pub const CATALOG_HEADINGS: [&str; 7] = [
    "種類",
    "番号",
    "親グループ",
    "見出し",
    "要約",
    "レベル",
    "タグ",
];

/// A sheet: rows of cells.
pub type Sheet = Vec<Vec<String>>;

/// A problem found reading a sheet, at its row and column (1-based).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub row: usize,
    pub column: usize,
    pub message: String,
}

fn join(v: &[sc3_model::Spanned<String>]) -> String {
    v.iter()
        .map(|s| s.value.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn split(s: &str) -> Vec<String> {
    s.split([',', '、', '\n'])
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(str::to_owned)
        .collect()
}

fn opt(s: &Option<sc3_model::Spanned<String>>) -> String {
    s.as_ref().map_or(String::new(), |x| x.value.clone())
}

/// A crosswalk as a sheet. `title_of` gives a source item's title.
pub fn crosswalk_sheet(cw: &Crosswalk, title_of: &dyn Fn(&str) -> String) -> Sheet {
    let levels = cw.scope.as_ref().map_or(String::new(), |s| join(&s.levels));
    let mut sheet: Sheet = vec![
        vec!["source".into(), cw.source.value.clone()],
        vec!["target".into(), cw.target.value.clone()],
        vec!["scope.levels".into(), levels],
        vec!["status".into(), cw.status().as_str().into()],
        vec!["basis".into(), cw.basis().as_str().into()],
        vec!["maintainers".into(), join(&cw.maintainers)],
        vec!["generated".into(), opt(&cw.generated)],
        vec![],
        CROSSWALK_HEADINGS.iter().map(|s| s.to_string()).collect(),
    ];
    for m in &cw.maps {
        sheet.push(vec![
            m.source.value.clone(),
            title_of(&m.source.value),
            m.relation
                .as_ref()
                .map_or(String::new(), |r| r.value.japanese().to_owned()),
            join(&m.targets),
            m.strm
                .as_ref()
                .map_or(String::new(), |s| s.value.as_str().to_owned()),
            opt(&m.rationale),
            opt(&m.measure),
            join(&m.regulations),
        ]);
    }
    sheet
}

/// A catalog as a sheet.
pub fn catalog_sheet(g: &Guideline) -> Sheet {
    let mut sheet: Sheet = vec![
        vec!["id".into(), g.id.value.clone()],
        vec!["version".into(), g.version.value.clone()],
        vec!["title".into(), g.title.value.clone()],
        vec!["publisher".into(), opt(&g.publisher)],
        vec!["published".into(), opt(&g.published)],
        vec!["url".into(), opt(&g.url)],
        vec!["levels".into(), join(&g.levels)],
        vec!["supersedes".into(), opt(&g.supersedes)],
        vec!["document".into(), opt(&g.document)],
        vec!["edition".into(), opt(&g.edition)],
        vec![
            "holds".into(),
            g.holds
                .as_ref()
                .map_or(String::new(), |h| h.value.as_str().to_owned()),
        ],
        vec![
            "total".into(),
            g.total
                .as_ref()
                .map_or(String::new(), |t| t.value.to_string()),
        ],
        vec!["selection".into(), opt(&g.selection)],
        vec!["generated".into(), opt(&g.generated)],
        vec![],
        CATALOG_HEADINGS.iter().map(|s| s.to_string()).collect(),
    ];
    for gr in &g.groups {
        sheet.push(vec![
            "group".into(),
            gr.id.value.clone(),
            opt(&gr.parent),
            gr.title.value.clone(),
            String::new(),
            String::new(),
            String::new(),
        ]);
    }
    for it in &g.items {
        sheet.push(vec![
            "item".into(),
            it.id.value.clone(),
            opt(&it.group),
            it.title.value.clone(),
            opt(&it.text),
            opt(&it.level),
            join(&it.tags),
        ]);
    }
    sheet
}

/// CSV bytes: UTF-8 with BOM, CRLF, every non-empty cell quoted, and a cell
/// that a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR,
/// LF first) neutralised with a leading `'`, as OWASP recommends. Reading
/// (`sc3_toolkit::sheet::csv_rows`) removes that `'` again, so export then
/// import gives back the same text; see `sc3_toolkit::sheet` for the rule.
pub fn to_csv(sheet: &Sheet) -> Vec<u8> {
    sc3_toolkit::sheet::to_csv(sheet)
}

/// XLSX bytes, one worksheet, headings in bold. Creation time is fixed so the
/// same content always gives the same bytes.
pub fn to_xlsx(sheet: &Sheet, name: &str) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook};
    let mut book = Workbook::new();
    let epoch = ExcelDateTime::from_ymd(1980, 1, 1)
        .and_then(|d| d.and_hms(0, 0, 0))
        .map_err(|e| e.to_string())?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&epoch));
    let ws = book.add_worksheet();
    ws.set_name(name).map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let heading_row = sheet
        .iter()
        .position(|r| r.is_empty())
        .map_or(usize::MAX, |i| i + 1);
    for (r, row) in sheet.iter().enumerate() {
        for (c, v) in row.iter().enumerate() {
            // Everything is text: ids such as 1.0 or 9 must not become numbers.
            if r == heading_row || (r < heading_row && c == 0) {
                ws.write_string_with_format(r as u32, c as u16, v, &bold)
            } else {
                ws.write_string(r as u32, c as u16, v)
            }
            .map_err(|e| e.to_string())?;
        }
    }
    ws.autofit();
    book.save_to_buffer().map_err(|e| e.to_string())
}

/// The `key, value` rows on top and the table below the heading row (found
/// by its first heading: CSV readers drop the empty row between them).
fn parts<'a>(rows: &'a [Row], first_heading: &str) -> (Vec<(String, String)>, &'a [Row]) {
    let heading = rows
        .iter()
        .position(|(_, c)| c.first().is_some_and(|x| x.trim() == first_heading))
        .unwrap_or(rows.len());
    let meta = rows[..heading]
        .iter()
        .filter(|(_, c)| c.iter().any(|x| !x.trim().is_empty()))
        .map(|(_, c)| {
            (
                c.first().map_or(String::new(), |s| s.trim().to_owned()),
                c.get(1).map_or(String::new(), |s| s.trim().to_owned()),
            )
        })
        .collect();
    let table = rows.get(heading + 1..).unwrap_or(&[]);
    (meta, table)
}

/// The spreadsheet row of a key of the header rows (1 when not found).
fn meta_row(rows: &[Row], key: &str) -> usize {
    rows.iter()
        .find(|(_, cells)| cells.first().is_some_and(|c| c.trim() == key))
        .map_or(1, |(row, _)| *row)
}

fn meta_value(meta: &[(String, String)], key: &str) -> String {
    meta.iter()
        .find(|(k, _)| k == key)
        .map_or(String::new(), |(_, v)| v.clone())
}

/// A date cell as a TOML value: a bare local date (`2024-01-15`) when it is
/// one, otherwise a quoted string: anything else written bare could be a
/// syntax error or add TOML of its own.
pub(crate) fn date_or_string(v: &str) -> String {
    if v.len() == 10
        && v.parse::<toml::value::Datetime>()
            .is_ok_and(|d| d.time.is_none())
    {
        v.to_owned()
    } else {
        q(v)
    }
}

/// A crosswalk sheet (rows as read) back to crosswalk TOML.
pub fn crosswalk_toml(rows: &[Row]) -> Result<String, Vec<Problem>> {
    let (meta, table) = parts(rows, CROSSWALK_HEADINGS[0]);
    let mut problems = Vec::new();
    let mut out = format!(
        "[crosswalk]\nsource = {}\ntarget = {}\n",
        q(&meta_value(&meta, "source")),
        q(&meta_value(&meta, "target"))
    );
    let levels = split(&meta_value(&meta, "scope.levels"));
    if !levels.is_empty() {
        let l: Vec<String> = levels.iter().map(|x| q(x)).collect();
        out.push_str(&format!("scope = {{ levels = [{}] }}\n", l.join(", ")));
    }
    let status = meta_value(&meta, "status");
    if !status.is_empty() {
        out.push_str(&format!("status = {}\n", q(&status)));
    }
    // The default basis is not written, so a v1 crosswalk comes back as it was.
    let basis = meta_value(&meta, "basis");
    if !basis.is_empty() && basis != "judgment" {
        out.push_str(&format!("basis = {}\n", q(&basis)));
    }
    let generated = meta_value(&meta, "generated");
    if !generated.is_empty() {
        out.push_str(&format!("generated = {}\n", q(&generated)));
    }
    let maintainers = split(&meta_value(&meta, "maintainers"));
    if !maintainers.is_empty() {
        let m: Vec<String> = maintainers.iter().map(|x| q(x)).collect();
        out.push_str(&format!("maintainers = [{}]\n", m.join(", ")));
    }
    for (row, cells) in table {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| cells.get(i).map_or(String::new(), |s| s.trim().to_owned());
        let relation = cell(2);
        let rel = Relation::from_japanese(&relation).or_else(|| Relation::parse(&relation));
        let Some(rel) = rel else {
            problems.push(Problem {
                row: *row,
                column: 3,
                message: format!("判定「{relation}」は 対応／準対応／非対応（参照の表では 参照あり／参照なし）のどれでもありません"),
            });
            continue;
        };
        if cell(0).is_empty() {
            problems.push(Problem {
                row: *row,
                column: 1,
                message: "突合元の項目が空です".into(),
            });
            continue;
        }
        let targets: Vec<String> = split(&cell(3)).iter().map(|t| q(t)).collect();
        out.push_str(&format!(
            "\n[[map]]\nsource = {}\nrelation = {}\ntargets = [{}]\n",
            q(&cell(0)),
            q(rel.as_str()),
            targets.join(", ")
        ));
        for (key, i) in [("strm", 4), ("rationale", 5), ("measure", 6)] {
            let v = cell(i);
            if !v.is_empty() {
                out.push_str(&format!("{key} = {}\n", q(&v)));
            }
        }
        let clauses: Vec<String> = split(&cell(7)).iter().map(|c| q(c)).collect();
        if !clauses.is_empty() {
            out.push_str(&format!("regulations = [{}]\n", clauses.join(", ")));
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}

/// A catalog sheet (rows as read) back to catalog TOML.
pub fn catalog_toml(rows: &[Row]) -> Result<String, Vec<Problem>> {
    let (meta, table) = parts(rows, CATALOG_HEADINGS[0]);
    let mut problems = Vec::new();
    let mut out = String::from("[guideline]\n");
    for key in ["id", "version", "title", "publisher", "published", "url"] {
        let v = meta_value(&meta, key);
        if !v.is_empty() || matches!(key, "id" | "version" | "title") {
            if key == "published" {
                out.push_str(&format!("{key} = {}\n", date_or_string(&v)));
            } else {
                out.push_str(&format!("{key} = {}\n", q(&v)));
            }
        }
    }
    let levels: Vec<String> = split(&meta_value(&meta, "levels"))
        .iter()
        .map(|x| q(x))
        .collect();
    out.push_str(&format!("levels = [{}]\n", levels.join(", ")));
    let sup = meta_value(&meta, "supersedes");
    if !sup.is_empty() {
        out.push_str(&format!("supersedes = {}\n", q(&sup)));
    }
    for key in ["document", "edition", "holds"] {
        let v = meta_value(&meta, key);
        if !v.is_empty() {
            out.push_str(&format!("{key} = {}\n", q(&v)));
        }
    }
    let total = meta_value(&meta, "total");
    if !total.is_empty() {
        match total.parse::<u32>() {
            Ok(n) => out.push_str(&format!("total = {n}\n")),
            Err(_) => problems.push(Problem {
                row: meta_row(rows, "total"),
                column: 2,
                message: format!("total（原典の項目数）「{total}」は 0 以上の整数で書きます"),
            }),
        }
    }
    for key in ["selection", "generated"] {
        let v = meta_value(&meta, key);
        if !v.is_empty() {
            out.push_str(&format!("{key} = {}\n", q(&v)));
        }
    }
    for (row, cells) in table {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let cell = |i: usize| cells.get(i).map_or(String::new(), |s| s.trim().to_owned());
        match cell(0).as_str() {
            "group" => {
                out.push_str(&format!("\n[[group]]\nid = {}\n", q(&cell(1))));
                if !cell(2).is_empty() {
                    out.push_str(&format!("parent = {}\n", q(&cell(2))));
                }
                out.push_str(&format!("title = {}\n", q(&cell(3))));
            }
            "item" => {
                out.push_str(&format!("\n[[item]]\nid = {}\n", q(&cell(1))));
                if !cell(2).is_empty() {
                    out.push_str(&format!("group = {}\n", q(&cell(2))));
                }
                out.push_str(&format!("title = {}\n", q(&cell(3))));
                if !cells.get(4).map_or("", |s| s.as_str()).is_empty() {
                    // The summary keeps its line breaks.
                    out.push_str(&format!(
                        "text = {}\n",
                        q(cells[4].trim_matches([' ', '\t']))
                    ));
                }
                if !cell(5).is_empty() {
                    out.push_str(&format!("level = {}\n", q(&cell(5))));
                }
                let tags: Vec<String> = split(&cell(6)).iter().map(|t| q(t)).collect();
                if !tags.is_empty() {
                    out.push_str(&format!("tags = [{}]\n", tags.join(", ")));
                }
            }
            other => problems.push(Problem {
                row: *row,
                column: 1,
                message: format!("種類「{other}」は group か item のどちらかです"),
            }),
        }
    }
    if problems.is_empty() {
        Ok(out)
    } else {
        Err(problems)
    }
}
