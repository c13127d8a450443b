//! `cargo xtask risk`: the risk analysis of an asset register
//! (`sc3_toolkit::risk`); rows that need checking are reported and the others
//! still computed.

use std::path::PathBuf;

use sc3_toolkit::risk;

use crate::cmd::Output;
use crate::files;
use crate::inputs;
use crate::outcome::{Error, Outcome};

/// 情報資産の台帳（UTF-8 か Shift_JIS の CSV、または XLSX）のリスクを分析します
#[derive(clap::Args)]
pub struct Args {
    /// 台帳のファイル
    file: PathBuf,
    /// 出力の形式
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// 計算した列を加えた台帳を XLSX で書きます
    #[arg(long, value_name = "FILE.xlsx")]
    out: Option<PathBuf>,
    /// 機密性・完全性・可用性から重要度を出す方法（max: 最大値、average: 平均）
    #[arg(long, value_parser = ["max", "average"], default_value = "max")]
    importance: String,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let rule = risk::ImportanceRule::parse(&a.importance).unwrap_or_default();
    let reg = inputs::register(&a.file, rule)?;
    inputs::report_row_errors(&a.file, &reg);
    if a.format == Output::Json {
        files::stdout_data(
            format!(
                "{}\n",
                serde_json::to_string_pretty(&reg.assets).expect("plain data serialises")
            )
            .as_bytes(),
        );
    } else {
        let mut t = String::new();
        for a in &reg.assets {
            t.push_str(&format!(
                "{:>3} 行  {}／{}  機密性{} 完全性{} 可用性{} → 重要度 {} × 被害発生可能性 {}（脅威{}・脆弱性{}）= リスク値 {}（{}）\n",
                a.row, a.category, a.name, a.confidentiality, a.integrity, a.availability, a.importance, a.likelihood, a.threat, a.vulnerability, a.risk, a.band
            ));
        }
        let high = reg.assets.iter().filter(|a| a.band == "高").count();
        t.push_str(&format!(
            "\n{} 件の資産（リスク高 {} 件）、確認が必要な行 {} 件\n",
            reg.assets.len(),
            high,
            reg.errors.len()
        ));
        files::stdout(&t);
    }
    if let Some(path) = &a.out {
        inputs::write_out(path, &risk::to_xlsx(&reg)?)?;
        files::tell(&format!("{} を書きました", path.display()));
    }
    Ok(Outcome::findings_if(!reg.errors.is_empty()))
}
