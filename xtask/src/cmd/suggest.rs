//! `cargo xtask suggest`: mapping suggestions for the source items of a
//! crosswalk that have no entry yet (`sc3_lint::suggest`).

use std::path::PathBuf;

use sc3_lint::suggest::{self, Suggestion};
use sc3_model::{Crosswalk, Guideline};

use crate::cmd::{Output, crosswalk};
use crate::files;
use crate::outcome::{Error, Outcome};
use crate::repo::{self, RootArg};

/// 突合表でまだ対応づけのない、対象範囲の要求事項ごとに、突合先の項目の候補を順位づけします
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 突合表（mappings/*.toml）
    file: PathBuf,
    /// 出力の形式
    #[arg(long, value_enum, default_value_t = Output::Text)]
    format: Output,
    /// 要求事項ごとの候補の数
    #[arg(long, default_value_t = 5)]
    top: usize,
}

/// Ranks target items for every in-scope source item of FILE with no entry.
pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    let repo = repo::load(&root)?.repo;
    let cw = crosswalk::find(&root, &repo, &a.file)?;
    if !cw.is_judgment() {
        return Err(Error::failed(format!(
            "{} → {} は参照の対照表（basis = \"citation\"）です。参照は原典の記載を写すもので、候補から選ぶものではありません",
            cw.source.value, cw.target.value
        )));
    }
    let cx = sc3_lint::Context::new(&repo);
    let (Some(source), Some(target)) = cx.sides(cw) else {
        return Err(Error::failed(format!(
            "{} → {}: 突合表の一方のカタログがリポジトリにありません（cargo xtask lint で確かめてください）",
            cw.source.value, cw.target.value
        )));
    };
    let scope = cx.in_scope(cw, source);
    let glossaries: Vec<_> = repo.glossaries.iter().collect();
    let out = suggest::suggest(cw, source, target, &scope, &glossaries, a.top);
    if a.format == Output::Json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "suggestions": out }))
                .expect("suggestions serialize")
        );
    } else {
        files::stdout(&text(cw, source, target, &out));
    }
    Ok(Outcome::Clean)
}

fn text(cw: &Crosswalk, source: &Guideline, target: &Guideline, out: &[Suggestion]) -> String {
    let title = |g: &Guideline, id: &str| {
        g.item(id)
            .map(|i| i.title.value.clone())
            .unwrap_or_default()
    };
    if out.is_empty() {
        return format!(
            "{} → {}: 対象のすべての要求事項に突合があります。\n",
            cw.source.value, cw.target.value
        );
    }
    let mut s = format!(
        "{} → {}: 突合のない要求事項 {} 件の候補（スコアの高い順）\n",
        cw.source.value,
        cw.target.value,
        out.len()
    );
    for sg in out {
        s.push_str(&format!("\n{} {}\n", sg.source, title(source, &sg.source)));
        if sg.candidates.is_empty() {
            s.push_str("  （共通する語のある項目はありません）\n");
        }
        for c in &sg.candidates {
            s.push_str(&format!(
                "  {:>7.3}  {} {}",
                c.score,
                c.target,
                title(target, &c.target)
            ));
            if !c.shared.is_empty() {
                s.push_str(&format!("（共通: {}）", c.shared.join("、")));
            }
            s.push('\n');
        }
    }
    s
}
