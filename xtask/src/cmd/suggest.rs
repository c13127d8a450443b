//! `cargo xtask suggest` and `cargo xtask bench-suggest`: mapping suggestions
//! for a crosswalk, and their leave-one-out benchmark over the repository.

use std::path::Path;
use std::process::ExitCode;

use sc3_lint::suggest::{self, Suggestion};
use sc3_model::{Crosswalk, Glossary, Guideline, Repository};

fn glossaries(repo: &Repository) -> Vec<&Glossary> {
    repo.glossaries.iter().collect()
}

/// Ranks target items for every in-scope source item of FILE with no entry.
pub fn run(root: &Path, file: &Path, json: bool, top: usize) -> ExitCode {
    let repo = match crate::load(root) {
        Ok(l) => l.repo,
        Err(c) => return c,
    };
    let cw = match crate::cmd::crosswalk::find(root, &repo, file) {
        Ok(c) => c,
        Err(code) => return code,
    };
    if !cw.is_judgment() {
        eprintln!(
            "error: {} → {} は参照の対照表（basis = \"citation\"）です。参照は原典の記載を写すもので、候補から選ぶものではありません",
            cw.source.value, cw.target.value
        );
        return ExitCode::from(1);
    }
    let cx = sc3_lint::Context::new(&repo);
    let (Some(source), Some(target)) = cx.sides(cw) else {
        eprintln!(
            "error: {} → {}: a side of the crosswalk is not in the repository (run `cargo xtask lint`)",
            cw.source.value, cw.target.value
        );
        return ExitCode::from(1);
    };
    let scope = cx.in_scope(cw, source);
    let out = suggest::suggest(cw, source, target, &scope, &glossaries(&repo), top);
    if json {
        println!(
            "{}",
            serde_json::to_string_pretty(&serde_json::json!({ "suggestions": out }))
                .expect("suggestions serialize")
        );
    } else {
        print!("{}", text(cw, source, target, &out));
    }
    ExitCode::SUCCESS
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

/// Leave-one-out over every judgment crosswalk of the repository (a citation
/// crosswalk copies what a document cites: there is nothing to suggest, and
/// its entries are no measure of judgments).
pub fn bench(root: &Path) -> ExitCode {
    let repo = match crate::load(root) {
        Ok(l) => l.repo,
        Err(c) => return c,
    };
    let cx = sc3_lint::Context::new(&repo);
    let gl = glossaries(&repo);
    let mut crosswalks: Vec<&Crosswalk> =
        repo.crosswalks.iter().filter(|c| c.is_judgment()).collect();
    crosswalks.sort_by_key(|c| c.key());
    println!("| crosswalk | entries | recall@5 | precision@1 | ceiling from other entries |");
    println!("| --- | ---: | ---: | ---: | ---: |");
    let (mut n, mut r, mut p, mut l) = (0usize, 0.0, 0.0, 0.0);
    let start = std::time::Instant::now();
    for cw in crosswalks {
        let (Some(source), Some(target)) = cx.sides(cw) else {
            continue;
        };
        let ev = suggest::evaluate(cw, source, target, &gl);
        println!(
            "| {} → {} | {} | {:.3} | {:.3} | {:.3} |",
            cw.source.value,
            cw.target.value,
            ev.entries,
            ev.recall_at_5,
            ev.precision_at_1,
            ev.learnable
        );
        l += ev.learnable * ev.entries as f64;
        n += ev.entries;
        r += ev.recall_at_5 * ev.entries as f64;
        p += ev.precision_at_1 * ev.entries as f64;
    }
    if n > 0 {
        println!(
            "| all (weighted by entries) | {n} | {:.3} | {:.3} | {:.3} |",
            r / n as f64,
            p / n as f64,
            l / n as f64
        );
    }
    eprintln!("{:.2?}", start.elapsed());
    ExitCode::SUCCESS
}
