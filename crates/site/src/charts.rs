//! Charts drawn as SVG at build time: a crosswalk's coverage matrix, and bar
//! charts from `book/data/*.toml` placed where a chapter says
//! `<!-- chart: <id> -->`.

use std::fmt::Write as _;
use std::path::Path;

use sc3_model::{Relation, fsx};
use serde::Deserialize;

use crate::{SiteError, escape, links};

const COVERED: &str = "#2e7d32";
const PARTIAL: &str = "#f9a825";
const NONE: &str = "#c62828";
const UNMAPPED: &str = "#9e9e9e";
const CITED: &str = "#1565c0";
const NOT_CITED: &str = "#b0bec5";

/// One source item of a crosswalk: its id, its outcome (`None`: no entry),
/// and its title for the tooltip.
pub struct MatrixRow<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub relation: Option<Relation>,
}

/// A matrix of source items (columns) × 対応 / 準対応 / 非対応 / 未記入 (rows),
/// or, for a citation crosswalk, × 参照あり / 参照なし / 未記入.
/// Each item has one filled cell; items without an entry are drawn in the
/// 未記入 row with a red outline so gaps stand out. Cells link to the row of the
/// crosswalk table.
pub fn coverage_matrix(rows: &[MatrixRow<'_>], basis: sc3_model::Basis) -> String {
    let kinds: &[(Option<Relation>, &str, &str)] = match basis {
        sc3_model::Basis::Judgment => &[
            (Some(Relation::Covered), "対応", COVERED),
            (Some(Relation::Partial), "準対応", PARTIAL),
            (Some(Relation::None), "非対応", NONE),
            (None, "未記入", UNMAPPED),
        ],
        sc3_model::Basis::Citation => &[
            (Some(Relation::Cited), "参照あり", CITED),
            (Some(Relation::NotCited), "参照なし", NOT_CITED),
            (None, "未記入", UNMAPPED),
        ],
    };
    let cell = 16.0;
    let label_w = 64.0;
    let per_line = 50usize;
    let lines = rows.len().div_ceil(per_line).max(1);
    let block_h = cell * kinds.len() as f64 + 28.0;
    let width = label_w + cell * per_line.min(rows.len().max(1)) as f64 + 8.0;
    let height = block_h * lines as f64 + 8.0;
    let mut svg = format!(
        "<svg class=\"sc3-matrix\" role=\"img\" aria-label=\"突合の判定の一覧（{} 項目）\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"100%\" style=\"max-width:{width:.0}px\" xmlns=\"http://www.w3.org/2000/svg\">",
        rows.len()
    );
    for line in 0..lines {
        let y0 = block_h * line as f64 + 4.0;
        for (k, (_, label, _)) in kinds.iter().enumerate() {
            let _ = write!(
                svg,
                "<text x=\"{:.0}\" y=\"{:.1}\" font-size=\"11\" text-anchor=\"end\" fill=\"currentColor\">{label}</text>",
                label_w - 6.0,
                y0 + cell * k as f64 + cell * 0.75
            );
        }
        let chunk = rows.iter().skip(line * per_line).take(per_line);
        for (i, row) in chunk.enumerate() {
            let x = label_w + cell * i as f64;
            for (k, (relation, _, color)) in kinds.iter().enumerate() {
                let y = y0 + cell * k as f64;
                let filled = row.relation == *relation;
                let (fill, stroke) = match (filled, relation) {
                    (true, None) => (
                        color.to_string(),
                        "stroke=\"#b71c1c\" stroke-width=\"2\"".to_string(),
                    ),
                    (true, _) => (
                        color.to_string(),
                        "stroke=\"#ffffff\" stroke-width=\"1\"".to_string(),
                    ),
                    (false, _) => (
                        "#eeeeee".to_string(),
                        "stroke=\"#ffffff\" stroke-width=\"1\"".to_string(),
                    ),
                };
                if filled {
                    let _ = write!(
                        svg,
                        "<a href=\"{anchor}\"><rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" {stroke}><title>{id} {title}: {label}</title></rect></a>",
                        anchor = links::Anchor::Map(row.id).local(),
                        id = escape::content(row.id),
                        title = escape::content(row.title),
                        label = kinds[k].1
                    );
                } else {
                    let _ = write!(
                        svg,
                        "<rect x=\"{x:.1}\" y=\"{y:.1}\" width=\"{cell}\" height=\"{cell}\" fill=\"{fill}\" {stroke}/>"
                    );
                }
            }
            // Item ids under the columns, every fifth to stay legible.
            if i % 5 == 0 {
                let _ = write!(
                    svg,
                    "<text x=\"{:.1}\" y=\"{:.1}\" font-size=\"9\" fill=\"currentColor\">{}</text>",
                    x,
                    y0 + cell * 4.0 + 12.0,
                    escape::content(row.id)
                );
            }
        }
    }
    svg.push_str("</svg>");
    svg
}

/// A bar chart in `book/data/<file>.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ChartFile {
    chart: Vec<Chart>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Chart {
    id: String,
    title: String,
    #[serde(default)]
    source: String,
    #[serde(default = "percent")]
    unit: String,
    #[serde(default)]
    max: Option<f64>,
    bar: Vec<Bar>,
}

fn percent() -> String {
    "%".into()
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Bar {
    label: String,
    value: f64,
    #[serde(default)]
    group: String,
}

/// The folder of the chart data, relative to the root.
pub const DATA: &str = "book/data";

/// Every chart in `book/data/*.toml` of the repository at `root`, by id, as
/// SVG. The files are read by the content rule (`sc3_model::fsx`): a link is an
/// error, never followed.
pub fn load_charts(root: &Path) -> Result<Vec<(String, String)>, SiteError> {
    let mut out = Vec::new();
    let listing = fsx::walk(root, DATA, |_| false).map_err(|e| SiteError(e.to_string()))?;
    if let Some(e) = listing.errors.into_iter().next() {
        return Err(SiteError(e.to_string()));
    }
    for entry in listing.entries {
        if !entry.name().ends_with(".toml") {
            continue;
        }
        let text = fsx::read_to_string(root, &entry.rel).map_err(|e| SiteError(e.to_string()))?;
        let file: ChartFile =
            toml::from_str(&text).map_err(|e| SiteError(format!("{}: {e}", entry.rel)))?;
        for c in file.chart {
            out.push((c.id.clone(), bar_chart(&c)));
        }
    }
    Ok(out)
}

fn bar_chart(c: &Chart) -> String {
    let label_w = 300.0;
    let bar_w = 360.0;
    let row_h = 26.0;
    let max = c
        .max
        .unwrap_or_else(|| c.bar.iter().map(|b| b.value).fold(0.0, f64::max).max(1.0));
    let mut groups: Vec<&str> = Vec::new();
    for b in &c.bar {
        if !groups.contains(&b.group.as_str()) {
            groups.push(&b.group);
        }
    }
    let group_rows = groups.iter().filter(|g| !g.is_empty()).count();
    let height = 40.0 + row_h * (c.bar.len() + group_rows) as f64 + 24.0;
    let width = label_w + bar_w + 70.0;
    let mut svg = format!(
        "<figure class=\"sc3-chart\"><svg role=\"img\" aria-label=\"{title}\" viewBox=\"0 0 {width:.0} {height:.0}\" width=\"100%\" style=\"max-width:{width:.0}px\" xmlns=\"http://www.w3.org/2000/svg\"><text x=\"0\" y=\"20\" font-size=\"15\" font-weight=\"bold\" fill=\"currentColor\">{title}</text>",
        title = escape::content(&c.title)
    );
    let mut y = 40.0;
    let palette = ["#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f"];
    for (gi, g) in groups.iter().enumerate() {
        if !g.is_empty() {
            let _ = write!(
                svg,
                "<text x=\"0\" y=\"{:.1}\" font-size=\"12\" font-weight=\"bold\" fill=\"currentColor\">{}</text>",
                y + 17.0,
                escape::content(g)
            );
            y += row_h;
        }
        for b in c.bar.iter().filter(|b| b.group == *g) {
            let w = (b.value / max * bar_w).max(0.0);
            let _ = write!(
                svg,
                "<text x=\"{:.0}\" y=\"{:.1}\" font-size=\"12\" text-anchor=\"end\" fill=\"currentColor\">{label}</text><rect x=\"{label_w:.0}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"18\" rx=\"2\" fill=\"{color}\"><title>{label}: {value}{unit}</title></rect><text x=\"{:.1}\" y=\"{:.1}\" font-size=\"12\" fill=\"currentColor\">{value}{unit}</text>",
                label_w - 8.0,
                y + 14.0,
                y + 2.0,
                label_w + w + 6.0,
                y + 15.0,
                label = escape::content(&b.label),
                value = b.value,
                unit = escape::content(&c.unit),
                color = palette[gi % palette.len()]
            );
            y += row_h;
        }
    }
    svg.push_str("</svg>");
    if !c.source.is_empty() {
        let _ = write!(
            svg,
            "<figcaption>{}</figcaption>",
            escape::content(&c.source)
        );
    }
    svg.push_str("</figure>");
    svg
}

/// Replaces each `<!-- chart: id -->` line in `markdown` with its chart.
/// An unknown id is an error naming the file.
pub fn place_charts(
    markdown: &str,
    charts: &[(String, String)],
    file: &str,
) -> Result<String, SiteError> {
    let mut out = String::with_capacity(markdown.len());
    for line in markdown.split_inclusive('\n') {
        let t = line.trim();
        if let Some(id) = t
            .strip_prefix("<!-- chart:")
            .and_then(|r| r.strip_suffix("-->"))
        {
            let id = id.trim();
            let svg = charts
                .iter()
                .find(|(c, _)| c == id)
                .map(|(_, s)| s)
                .ok_or_else(|| SiteError(format!("{file}: no chart `{id}` in book/data/*.toml")))?;
            out.push('\n');
            out.push_str(svg);
            out.push_str("\n\n");
        } else {
            out.push_str(line);
        }
    }
    Ok(out)
}
