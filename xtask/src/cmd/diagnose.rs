//! `cargo xtask diagnose`: score self-diagnosis answers against the
//! repository's spec (`sc3_toolkit::diagnosis`); several files are
//! aggregated, as several offices of one company.

use std::path::PathBuf;

use crate::cmd::Output;
use crate::files;
use crate::inputs;
use crate::outcome::{Error, Outcome};
use crate::repo::RootArg;

/// 自社診断の回答（TOML: answers = [25 の答え]）を採点します。複数のファイルは合算します
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 回答のファイル
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// 出力の形式
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let spec = inputs::spec(&root)?;
    let sets = inputs::answers(&a.files).map_err(Error::failed_all)?;
    let result = sc3_toolkit::diagnosis::score(&spec, &sets);
    if a.format == Output::Json {
        files::stdout_data(
            format!(
                "{}\n",
                serde_json::to_string_pretty(&result).expect("plain data serialises")
            )
            .as_bytes(),
        );
        return Ok(Outcome::Clean);
    }
    let mut t = format!(
        "自社診断の結果（{} 件の回答）\n\n合計: {} 点 / 100 点 — {}\n",
        result.respondents, result.total, result.band
    );
    for p in &result.parts {
        t.push_str(&format!("  {}: {} / {} 点\n", p.title, p.score, p.max));
    }
    t.push_str(&format!("\n{}\n", result.advice));
    if !result.weak.is_empty() {
        t.push_str("\n見直す設問（点数の低い順）:\n");
        for w in &result.weak {
            t.push_str(&format!(
                "  設問{:>2}（{} 点）{}\n          サンプル規程: {}  基本項目: {}\n",
                w.number,
                w.score,
                w.text,
                w.chapters.join("、"),
                w.items
                    .iter()
                    .map(|i| i.rsplit(':').next().unwrap_or(i))
                    .collect::<Vec<_>>()
                    .join("、")
            ));
        }
    }
    files::stdout(&t);
    Ok(Outcome::Clean)
}
