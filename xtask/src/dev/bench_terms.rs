//! `cargo xtask dev bench-terms`: the terminology benchmark.
//!
//! Builds a corpus of Japanese Markdown and a prh dictionary (deterministic,
//! from a fixed seed), times `lint` on it, and, with `--textlint`, times
//! textlint + textlint-rule-prh (installed from the npm registry) on the same
//! corpus and dictionary and compares the two tools' findings one by one.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use crate::outcome::{Error, Outcome};

/// A small deterministic generator (SplitMix64), so every run builds the same corpus.
pub(crate) struct Rng(pub(crate) u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub(crate) fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SYLLABLES: &[&str] = &[
    "ア", "イ", "カ", "キ", "ク", "サ", "シ", "ス", "タ", "テ", "ト", "ナ", "ニ", "ハ", "フ", "マ",
    "ミ", "ラ", "リ", "ル", "レ", "ロ", "バ", "ビ", "ド", "ガ", "ジ", "パ", "ポ", "ザ",
];
const KANJI: &[&str] = &[
    "情報", "管理", "対策", "規程", "教育", "点検", "記録", "保管", "委託", "契約", "資産", "台帳",
    "診断", "計画", "体制", "責任", "監査", "訓練", "連絡", "報告",
];
const OKURI: &[(&str, &str)] = &[
    ("取り組み", "取組み"),
    ("打ち合わせ", "打合せ"),
    ("申し込み", "申込み"),
    ("問い合わせ", "問合せ"),
    ("引き継ぎ", "引継ぎ"),
    ("書き換え", "書換え"),
    ("見直し", "見直"),
    ("貸し出し", "貸出し"),
    ("持ち出し", "持出し"),
    ("洗い出し", "洗出し"),
];
const FILLERS: &[&str] = &[
    "加盟企業は",
    "業界団体として",
    "毎年度の初めに",
    "担当者が",
    "必要に応じて",
    "経営者の承認を得て",
    "協力会社と共に",
    "現場の状況を踏まえ",
    "記録を残したうえで",
    "定められた手順に従い",
];
const ENDINGS: &[&str] = &[
    "を確認します。",
    "を定めます。",
    "を見直します。",
    "を周知します。",
    "を記録します。",
    "を実施します。",
];

/// One dictionary rule as written in YAML, and the spellings that make findings.
struct Rule {
    yaml: String,
    /// Strings the corpus uses that the rule reports.
    wrong: Vec<String>,
    /// The right spelling, also used in the corpus.
    right: String,
}

fn katakana_word(rng: &mut Rng, len: usize) -> String {
    (0..len).map(|_| *rng.pick(SYLLABLES)).collect()
}

fn yaml_str(s: &str) -> String {
    format!("\"{}\"", s.replace('\\', "\\\\").replace('"', "\\\""))
}

/// `n` rules of the kinds real dictionaries have: plain string patterns (most),
/// pattern lists, patterns derived from `expected`, and regexes with lookahead
/// and `$1`.
fn rules(rng: &mut Rng, n: usize) -> Vec<Rule> {
    let mut out: Vec<Rule> = Vec::new();
    let mut used = BTreeSet::new();
    let mut i = 0;
    while out.len() < n {
        i += 1;
        let kind = i % 10;
        let rule = if kind < 6 {
            // Small and large kana: ウィルス → ウイルス, as a literal pattern.
            let len = 1 + rng.below(2);
            let (a, b) = (katakana_word(rng, len), katakana_word(rng, 2));
            let right = format!("{a}イ{b}");
            let wrong = format!("{a}ィ{b}");
            Rule {
                yaml: format!(
                    "  - expected: {}\n    pattern: {}\n",
                    yaml_str(&right),
                    yaml_str(&wrong)
                ),
                wrong: vec![wrong],
                right,
            }
        } else if kind < 8 {
            // Okurigana, as a list of spellings of a kanji compound.
            let (r, w) = *rng.pick(OKURI);
            let prefix = *rng.pick(KANJI);
            let right = format!("{prefix}の{r}");
            let wrong = format!("{prefix}の{w}");
            Rule {
                yaml: format!(
                    "  - expected: {}\n    patterns:\n      - {}\n",
                    yaml_str(&right),
                    yaml_str(&wrong)
                ),
                wrong: vec![wrong],
                right,
            }
        } else if kind < 9 {
            // An ASCII product name: prh derives a case- and width-insensitive pattern.
            let name: String = (0..6)
                .map(|k| {
                    let c = (b'a' + rng.below(26) as u8) as char;
                    if k == 0 { c.to_ascii_uppercase() } else { c }
                })
                .collect();
            Rule {
                yaml: format!("  - expected: {}\n", yaml_str(&name)),
                wrong: vec![name.to_lowercase(), name.to_uppercase()],
                right: name,
            }
        } else {
            // A regex with lookahead and a group: サーバ(?!ー) style.
            let stem = katakana_word(rng, 4);
            let right = format!("{stem}ー");
            Rule {
                yaml: format!(
                    "  - expected: {}\n    pattern: /({})(?!ー)/\n    specs:\n      - from: {}\n        to: {}\n",
                    yaml_str("$1ー"),
                    stem,
                    yaml_str(&format!("{stem}を")),
                    yaml_str(&format!("{right}を"))
                ),
                wrong: vec![stem],
                right,
            }
        };
        if used.insert(rule.right.clone()) && rule.wrong.iter().all(|w| used.insert(w.clone())) {
            out.push(rule);
        }
    }
    out
}

/// A sentence: fillers, sometimes a right or wrong spelling of a rule's word.
fn sentence(rng: &mut Rng, rules: &[Rule]) -> String {
    let mut s = String::new();
    s.push_str(rng.pick::<&str>(FILLERS));
    s.push_str(rng.pick::<&str>(KANJI));
    s.push('の');
    let r = rng.pick(rules);
    if rng.below(4) == 0 {
        s.push_str(rng.pick(&r.wrong).as_str());
    } else {
        s.push_str(&r.right);
    }
    s.push_str(rng.pick::<&str>(ENDINGS));
    s
}

/// A Markdown document of about `bytes` bytes.
fn document(rng: &mut Rng, rules: &[Rule], index: usize, bytes: usize) -> String {
    let mut md = format!("# 第{index}章 {}の{}\n\n", rng.pick(KANJI), rng.pick(KANJI));
    let mut section = 1;
    while md.len() < bytes {
        match rng.below(10) {
            0 => {
                section += 1;
                let _ = write!(
                    md,
                    "## {index}.{section} {}の{}\n\n",
                    rng.pick(KANJI),
                    rules[rng.below(rules.len())].right
                );
            }
            1 => {
                for _ in 0..3 {
                    let _ = writeln!(md, "- {}", sentence(rng, rules));
                }
                md.push('\n');
            }
            2 => {
                md.push_str("| 項目 | 内容 |\n| --- | --- |\n");
                for _ in 0..3 {
                    let _ = writeln!(md, "| {} | {} |", rng.pick(KANJI), sentence(rng, rules));
                }
                md.push('\n');
            }
            3 => {
                let w = rng.pick(rules);
                let _ = write!(md, "```text\n{} の設定例\n```\n\n", rng.pick(&w.wrong));
            }
            4 => {
                let w = rng.pick(rules);
                let _ = write!(
                    md,
                    "詳しくは[{}の説明](https://example.org/{index})と*{}*を参照します。{}\n\n",
                    rng.pick(&w.wrong),
                    rng.pick(&w.wrong),
                    sentence(rng, rules)
                );
            }
            5 => {
                let _ = write!(md, "> {}\n\n", sentence(rng, rules));
            }
            _ => {
                let n = 2 + rng.below(4);
                let para: Vec<String> = (0..n).map(|_| sentence(rng, rules)).collect();
                let _ = write!(
                    md,
                    "{}\n{}\n\n",
                    para[..n / 2].join(""),
                    para[n / 2..].join("")
                );
            }
        }
    }
    md
}

/// Writes the corpus: `book/src/*.md` and `guidelines/glossary/bench.yml`.
pub fn generate(dir: &Path, megabytes: f64, rule_count: usize) -> std::io::Result<(usize, usize)> {
    let mut rng = Rng(2024_0329);
    let rules = rules(&mut rng, rule_count);
    if dir.exists() {
        fs::remove_dir_all(dir)?;
    }
    fs::create_dir_all(dir.join("guidelines/glossary"))?;
    fs::create_dir_all(dir.join("book/src"))?;
    let mut yaml = String::from("version: 1\nrules:\n");
    for r in &rules {
        yaml.push_str(&r.yaml);
    }
    fs::write(dir.join("guidelines/glossary/bench.yml"), yaml)?;
    let total = (megabytes * 1024.0 * 1024.0) as usize;
    let per_file = 64 * 1024;
    let mut written = 0;
    let mut index = 0;
    while written < total {
        index += 1;
        let doc = document(
            &mut rng,
            &rules,
            index,
            per_file.min(total - written).max(1024),
        );
        written += doc.len();
        fs::write(dir.join(format!("book/src/{index:03}.md")), doc)?;
    }
    Ok((written, rules.len()))
}

/// A finding both tools can report: file, line, column, the replacement.
type Finding = (String, usize, usize, String);

fn ours(json: &str) -> Result<BTreeSet<Finding>, String> {
    let doc: serde_json::Value = serde_json::from_str(json).map_err(|e| e.to_string())?;
    Ok(doc["diagnostics"]
        .as_array()
        .ok_or("no diagnostics array")?
        .iter()
        .filter(|d| d["code"] == "T001")
        .map(|d| {
            (
                d["file"].as_str().unwrap_or("").to_owned(),
                d["line"].as_u64().unwrap_or(0) as usize,
                d["column"].as_u64().unwrap_or(0) as usize,
                d["fix"]["replacement"].as_str().unwrap_or("").to_owned(),
            )
        })
        .collect())
}

fn theirs(json: &str, root: &Path) -> Result<BTreeSet<Finding>, String> {
    let doc: serde_json::Value =
        serde_json::from_str(json).map_err(|e| format!("textlint output: {e}"))?;
    let mut out = BTreeSet::new();
    for file in doc.as_array().ok_or("textlint output is not a list")? {
        let path = file["filePath"].as_str().unwrap_or("");
        let rel = Path::new(path)
            .strip_prefix(root)
            .map(|p| p.display().to_string())
            .unwrap_or(path.to_owned());
        for m in file["messages"].as_array().into_iter().flatten() {
            let message = m["message"].as_str().unwrap_or("");
            let first = message.lines().next().unwrap_or("");
            let expected = first.split_once(" => ").map_or("", |(_, e)| e);
            out.insert((
                rel.clone(),
                m["line"].as_u64().unwrap_or(0) as usize,
                m["column"].as_u64().unwrap_or(0) as usize,
                expected.to_owned(),
            ));
        }
    }
    Ok(out)
}

/// The best of `runs` timed runs of `cmd`, after `warmup` untimed ones (as
/// hyperfine's `--warmup`: the first run after a pause is slower on a shared
/// machine, whichever tool it is), and the last run's standard output. Only
/// the run is timed (from the spawn to the end of its output), not the
/// reading of what it printed.
fn time(warmup: usize, runs: usize, cmd: &mut Command) -> Result<(Duration, String), String> {
    for _ in 0..warmup {
        cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
    }
    let mut best = Duration::MAX;
    let mut last = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let out = cmd.output().map_err(|e| format!("{cmd:?}: {e}"))?;
        best = best.min(t.elapsed());
        // lint exits 1 only on errors; textlint exits 1 when it reports anything.
        if out.stdout.is_empty() && !out.status.success() {
            return Err(format!(
                "{cmd:?} failed: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        last = out.stdout;
    }
    Ok((best, String::from_utf8_lossy(&last).into_owned()))
}

/// Installs textlint and textlint-rule-prh into `env` (once) and writes the config.
fn textlint_env(env: &Path, dict: &Path) -> Result<PathBuf, String> {
    let bin = env.join("node_modules/.bin/textlint");
    if !bin.exists() {
        fs::create_dir_all(env).map_err(|e| e.to_string())?;
        let status = Command::new("npm")
            .args(["install", "--no-audit", "--no-fund", "--prefix"])
            .arg(env)
            .args(["textlint@15", "textlint-rule-prh@6"])
            .status()
            .map_err(|e| format!("npm: {e}"))?;
        if !status.success() {
            return Err("npm install textlint textlint-rule-prh failed".into());
        }
    }
    let config =
        serde_json::json!({ "rules": { "prh": { "rulePaths": [dict.display().to_string()] } } });
    fs::write(env.join(".textlintrc.json"), config.to_string()).map_err(|e| e.to_string())?;
    Ok(bin)
}

/// Terminology benchmark: generate a corpus and a prh dictionary, time lint (and textlint).
#[derive(clap::Args)]
pub struct Args {
    /// Where to write the corpus.
    #[arg(long, value_name = "DIR", default_value = "target/bench-terms")]
    out: PathBuf,
    /// Size of the Markdown corpus in MB.
    #[arg(long, default_value_t = 1.0)]
    megabytes: f64,
    /// Number of prh rules.
    #[arg(long, default_value_t = 500)]
    rules: usize,
    /// Timed runs of lint (the best is reported).
    #[arg(long, default_value_t = 5)]
    runs: usize,
    /// Also install and run textlint + textlint-rule-prh, and compare findings.
    #[arg(long)]
    textlint: bool,
    /// Timed runs of textlint (the best is reported, as for lint).
    #[arg(long, default_value_t = 3, value_name = "N")]
    textlint_runs: usize,
    /// Untimed runs of each command before its timed runs.
    #[arg(long, default_value_t = 1, value_name = "N")]
    warmup: usize,
}

pub fn run(o: Args) -> Result<Outcome, Error> {
    let (bytes, rule_count) = generate(&o.out, o.megabytes, o.rules).map_err(|e| {
        Error::failed(format!(
            "cannot write the corpus in {}: {e}",
            o.out.display()
        ))
    })?;
    let files = fs::read_dir(o.out.join("book/src"))
        .map(|d| d.count())
        .unwrap_or(0);
    println!(
        "corpus: {} ({:.2} MB of Markdown in {files} files), dictionary: {rule_count} prh rules",
        o.out.display(),
        bytes as f64 / 1_048_576.0
    );
    let exe = std::env::current_exe().expect("the running program has a path");
    let root = o.out.canonicalize().unwrap_or(o.out.clone());
    let (ours_time, ours_json) = time(
        o.warmup,
        o.runs,
        Command::new(&exe)
            .args(["lint", "--format", "json", "--root"])
            .arg(&root),
    )?;
    let mine = ours(&ours_json)?;
    println!(
        "cargo xtask lint: {:.3} s (best of {} after {} warm-up), {} prh findings",
        ours_time.as_secs_f64(),
        o.runs,
        o.warmup,
        mine.len()
    );
    if !o.textlint {
        return Ok(Outcome::Clean);
    }
    let env = o.out.with_extension("textlint-env");
    let (their_time, their_json) = textlint_env(&env, &root.join("guidelines/glossary/bench.yml"))
        .and_then(|bin| {
            time(
                o.warmup,
                o.textlint_runs.max(1),
                Command::new(&bin)
                    .arg("--config")
                    .arg(env.join(".textlintrc.json"))
                    .args(["--format", "json"])
                    .arg(root.join("book/src")),
            )
        })?;
    let other = theirs(&their_json, &root)?;
    println!(
        "textlint + textlint-rule-prh: {:.3} s (best of {} after {} warm-up), {} findings",
        their_time.as_secs_f64(),
        o.textlint_runs.max(1),
        o.warmup,
        other.len()
    );
    println!(
        "speed-up: {:.1}x",
        their_time.as_secs_f64() / ours_time.as_secs_f64()
    );
    let only_ours: Vec<_> = mine.difference(&other).take(10).collect();
    let only_theirs: Vec<_> = other.difference(&mine).take(10).collect();
    if only_ours.is_empty() && only_theirs.is_empty() {
        println!("findings: identical ({} on both sides)", mine.len());
        Ok(Outcome::Clean)
    } else {
        println!(
            "findings differ: {} only here, {} only in textlint; first ones:\n  here: {only_ours:?}\n  textlint: {only_theirs:?}",
            mine.difference(&other).count(),
            other.difference(&mine).count()
        );
        Ok(Outcome::Findings)
    }
}
