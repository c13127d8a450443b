//! Risk analysis of an information-asset register (付録7 リスク分析シート).
//!
//! Each asset has confidentiality, integrity and availability scores (1-3);
//! its importance comes from them (the maximum by default). The threat's
//! likelihood (1-3) and the vulnerability (1-3) give the likelihood of damage
//! by the table below; the risk value is importance × likelihood, so one of
//! 1, 2, 3, 4, 6, 9: 6-9 high, 4 medium, 1-3 low.
//!
//! ```text
//!              vulnerability 3  2  1
//! threat 3                   3  2  1
//! threat 2                   2  1  1
//! threat 1                   1  1  1
//! ```

use serde::Serialize;

/// The columns a register must have.
pub const REQUIRED: [&str; 7] = [
    "業務分類",
    "情報資産名称",
    "機密性",
    "完全性",
    "可用性",
    "脅威の発生頻度",
    "脆弱性",
];

/// How importance is derived from C, I and A.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum ImportanceRule {
    /// The highest of the three (the usual reading of the sheet).
    #[default]
    Max,
    /// The average, rounded half up.
    Average,
}

impl ImportanceRule {
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "max" => Some(Self::Max),
            "average" => Some(Self::Average),
            _ => None,
        }
    }

    pub fn apply(self, c: u8, i: u8, a: u8) -> u8 {
        match self {
            Self::Max => c.max(i).max(a),
            Self::Average => ((2 * (u16::from(c) + u16::from(i) + u16::from(a)) + 3) / 6) as u8,
        }
    }
}

/// Likelihood of damage from threat and vulnerability (each 1-3).
pub fn likelihood(threat: u8, vulnerability: u8) -> u8 {
    match (threat, vulnerability) {
        (3, 3) => 3,
        (3, 2) | (2, 3) => 2,
        _ => 1,
    }
}

/// 高 / 中 / 低 of a risk value.
pub fn band(risk: u8) -> &'static str {
    match risk {
        6.. => "高",
        4..=5 => "中",
        _ => "低",
    }
}

/// One asset, as read, with its computed values.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Asset {
    /// Row in the file (1-based, as a spreadsheet shows it).
    pub row: usize,
    pub category: String,
    pub name: String,
    pub confidentiality: u8,
    pub integrity: u8,
    pub availability: u8,
    pub threat: u8,
    pub vulnerability: u8,
    pub importance: u8,
    pub likelihood: u8,
    pub risk: u8,
    pub band: &'static str,
}

/// A cell that could not be used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RowError {
    pub row: usize,
    /// 1-based column number, and the column's heading.
    pub column: usize,
    pub heading: String,
    pub message: String,
}

/// A register: its headings, every row as text, the computed assets and the
/// problems. Rows with a problem are reported and left out of the assets; the
/// rest is still computed.
#[derive(Clone, Debug, Default)]
pub struct Register {
    pub headings: Vec<String>,
    /// Data rows as read: (row number, cells).
    pub rows: Rows,
    pub assets: Vec<Asset>,
    pub errors: Vec<RowError>,
}

// Reading a register is reading a spreadsheet: see `sheet` for the encodings,
// row numbers and size limits.
pub use crate::sheet::{Rows, csv_rows, decode, sheet_rows, xlsx_rows};

/// A score 1-3 from a cell: digits in any width, surrounding spaces allowed.
fn score(cell: &str) -> Option<u8> {
    let t: String = cell
        .trim()
        .chars()
        .map(|c| match c {
            '０'..='９' => char::from_u32(c as u32 - '０' as u32 + '0' as u32).unwrap_or(c),
            c => c,
        })
        .collect();
    match t.as_str() {
        "1" | "2" | "3" => t.parse().ok(),
        _ => None,
    }
}

/// Builds the register from rows: the heading row is the first that names
/// 情報資産名称 (title rows above it are skipped).
pub fn register(rows: Rows, rule: ImportanceRule) -> Register {
    let mut reg = Register::default();
    let Some(h) = rows
        .iter()
        .position(|(_, cells)| cells.iter().any(|c| c.trim() == "情報資産名称"))
    else {
        reg.errors.push(RowError {
            row: 1,
            column: 1,
            heading: String::new(),
            message: format!(
                "見出しの行がありません: {} の列が必要です",
                REQUIRED.join("、")
            ),
        });
        return reg;
    };
    reg.headings = rows[h].1.iter().map(|c| c.trim().to_owned()).collect();
    let col = |name: &str| reg.headings.iter().position(|c| c == name);
    let missing: Vec<&str> = REQUIRED
        .iter()
        .copied()
        .filter(|n| col(n).is_none())
        .collect();
    if !missing.is_empty() {
        reg.errors.push(RowError {
            row: rows[h].0,
            column: 1,
            heading: String::new(),
            message: format!("列が足りません: {}", missing.join("、")),
        });
        return reg;
    }
    let idx: Vec<usize> = REQUIRED
        .iter()
        .map(|n| col(n).expect("checked above"))
        .collect();
    for (row, cells) in rows.into_iter().skip(h + 1) {
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue; // Empty rows are common in spreadsheets.
        }
        let cell = |i: usize| cells.get(idx[i]).map_or("", |s| s.as_str());
        let mut bad = false;
        let mut num = |i: usize, reg: &mut Register| -> u8 {
            match score(cell(i)) {
                Some(v) => v,
                None => {
                    bad = true;
                    reg.errors.push(RowError {
                        row,
                        column: idx[i] + 1,
                        heading: REQUIRED[i].to_owned(),
                        message: format!("「{}」は 1〜3 の数字ではありません", cell(i).trim()),
                    });
                    0
                }
            }
        };
        let (c, i, a, t, v) = (
            num(2, &mut reg),
            num(3, &mut reg),
            num(4, &mut reg),
            num(5, &mut reg),
            num(6, &mut reg),
        );
        if cell(1).trim().is_empty() {
            bad = true;
            reg.errors.push(RowError {
                row,
                column: idx[1] + 1,
                heading: REQUIRED[1].to_owned(),
                message: "情報資産名称が空です".into(),
            });
        }
        reg.rows.push((row, cells.clone()));
        if bad {
            continue;
        }
        let importance = rule.apply(c, i, a);
        let l = likelihood(t, v);
        let risk = importance * l;
        reg.assets.push(Asset {
            row,
            category: cell(0).trim().to_owned(),
            name: cell(1).trim().to_owned(),
            confidentiality: c,
            integrity: i,
            availability: a,
            threat: t,
            vulnerability: v,
            importance,
            likelihood: l,
            risk,
            band: band(risk),
        });
    }
    reg
}

/// The register as XLSX: the columns as read, then 重要度, 被害発生可能性,
/// リスク値, リスクの大きさ (and the problem, for rows that have one).
pub fn to_xlsx(reg: &Register) -> Result<Vec<u8>, String> {
    use rust_xlsxwriter::{Format, Workbook};
    let mut book = Workbook::new();
    crate::reproducible(&mut book)?;
    let sheet = book.add_worksheet();
    sheet
        .set_name("情報資産管理台帳")
        .map_err(|e| e.to_string())?;
    let bold = Format::new().set_bold();
    let mut headings = reg.headings.clone();
    headings.extend(
        [
            "重要度",
            "被害発生可能性",
            "リスク値",
            "リスクの大きさ",
            "確認事項",
        ]
        .map(str::to_owned),
    );
    for (c, h) in headings.iter().enumerate() {
        sheet
            .write_string_with_format(0, c as u16, h, &bold)
            .map_err(|e| e.to_string())?;
    }
    let base = reg.headings.len() as u16;
    for (r, (row, cells)) in reg.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, v) in cells.iter().enumerate().take(reg.headings.len()) {
            match v.trim().parse::<f64>() {
                Ok(n) if !v.trim().is_empty() => sheet.write_number(r, c as u16, n),
                _ => sheet.write_string(r, c as u16, v),
            }
            .map_err(|e| e.to_string())?;
        }
        if let Some(a) = reg.assets.iter().find(|a| a.row == *row) {
            sheet
                .write_number(r, base, f64::from(a.importance))
                .map_err(|e| e.to_string())?;
            sheet
                .write_number(r, base + 1, f64::from(a.likelihood))
                .map_err(|e| e.to_string())?;
            sheet
                .write_number(r, base + 2, f64::from(a.risk))
                .map_err(|e| e.to_string())?;
            sheet
                .write_string(r, base + 3, a.band)
                .map_err(|e| e.to_string())?;
        } else {
            let problems: Vec<String> = reg
                .errors
                .iter()
                .filter(|e| e.row == *row)
                .map(|e| format!("{}: {}", e.heading, e.message))
                .collect();
            sheet
                .write_string(r, base + 4, problems.join(" / "))
                .map_err(|e| e.to_string())?;
        }
    }
    sheet.autofit();
    book.save_to_buffer().map_err(|e| e.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_cell_of_the_likelihood_table() {
        // Rows threat 3, 2, 1; columns vulnerability 3, 2, 1.
        let table = [[3, 2, 1], [2, 1, 1], [1, 1, 1]];
        for (ti, t) in [3u8, 2, 1].into_iter().enumerate() {
            for (vi, v) in [3u8, 2, 1].into_iter().enumerate() {
                assert_eq!(
                    likelihood(t, v),
                    table[ti][vi],
                    "threat {t}, vulnerability {v}"
                );
            }
        }
    }

    #[test]
    fn importance_rules_and_bands() {
        assert_eq!(ImportanceRule::Max.apply(1, 3, 2), 3);
        assert_eq!(ImportanceRule::Average.apply(1, 3, 2), 2);
        assert_eq!(ImportanceRule::Average.apply(1, 1, 2), 1); // 1.33 → 1
        assert_eq!(ImportanceRule::Average.apply(2, 2, 3), 2); // 2.33 → 2
        assert_eq!(ImportanceRule::Average.apply(1, 2, 2), 2); // 1.67 → 2
        let risks: Vec<u8> = (1..=3).flat_map(|i| (1..=3).map(move |l| i * l)).collect();
        assert_eq!(risks, [1, 2, 3, 2, 4, 6, 3, 6, 9]);
        assert_eq!(
            risks.iter().map(|&r| band(r)).collect::<Vec<_>>(),
            ["低", "低", "低", "低", "中", "高", "低", "高", "高"]
        );
    }
}
