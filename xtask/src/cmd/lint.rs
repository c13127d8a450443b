//! `cargo xtask lint`: check the repository and report, in four formats;
//! `--fix` rewrites what can be fixed first; `--suggest-glossary` prints
//! glossary entries for the spelling variations instead of the report.

use std::io::IsTerminal;
use std::path::Path;
use std::time::{Duration, Instant};

use clap::ValueEnum;
use sc3_lint::report::{self, HumanOptions};
use sc3_model::Severity;

use crate::files;
use crate::outcome::{Error, Outcome};
use crate::repo::{self, RootArg};

/// ガイドライン・突合表・用語集・業界プロファイルを検査します
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 報告の形式
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// human 形式の色づけ
    #[arg(long, value_enum, default_value_t = Color::Auto)]
    color: Color,
    /// 情報（info）の指摘を出しません
    #[arg(long, short)]
    quiet: bool,
    /// 警告だけでも終了コードを 1 にします
    #[arg(long)]
    deny_warnings: bool,
    /// 直せるもの（用語の表記ゆれ、文字幅）をその場で書き換えてから、残りを報告します
    #[arg(long)]
    fix: bool,
    /// 報告の代わりに、見つかった表記ゆれを用語集の項目（[[term]]）として出力します
    #[arg(long, conflicts_with_all = ["fix", "format"])]
    suggest_glossary: bool,
    /// 各段階と各ルールにかかった時間を標準エラー出力に表示します（遅い原因を探すとき）
    #[arg(long)]
    timings: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// 該当箇所に下線を引いた抜き書き（miette）
    Human,
    /// スクリプト向けの一つの JSON 文書
    Json,
    /// GitHub Actions のワークフローコマンド（プルリクエストへの注釈）
    Github,
    /// コードスキャンツール向けの SARIF 2.1.0
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    /// 端末に出すときだけ（NO_COLOR があれば付けません）
    Auto,
    /// いつも付けます
    Always,
    /// 付けません
    Never,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    if a.suggest_glossary {
        return glossary_suggestions(&root);
    }
    if a.fix {
        apply_fixes(&root)?;
    }
    let started = Instant::now();
    let loaded = repo::load(&root)?;
    let load_time = started.elapsed();
    let mut report = sc3_lint::lint(loaded);
    if a.quiet {
        report.diagnostics.retain(|d| d.severity > Severity::Info);
    }
    match a.format {
        Format::Human => {
            let color = match a.color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            // Shown safe by the report itself, which adds its colours after.
            files::stdout_data(
                report::human(&report, HumanOptions { width: 100, color }).as_bytes(),
            );
        }
        // Written as it is made: the document can be megabytes.
        Format::Json => files::stdout_with(|out| report::json_to(&report, out)),
        Format::Github => files::stdout(&report::github(&report, &path_prefix(&root))),
        Format::Sarif => files::stdout_data(report::sarif(&report).as_bytes()),
    }
    let report_time = started.elapsed() - load_time - report.timings.total;
    if a.timings {
        eprint!(
            "{}",
            timings_table(&report.timings, load_time, report_time, started.elapsed())
        );
    }
    let warned = report
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Warning);
    Ok(Outcome::findings_if(
        report.has_errors() || (a.deny_warnings && warned),
    ))
}

/// `--timings`: the steps in the order they ran, then the rules, slowest
/// first (those under a millisecond are counted, not listed).
fn timings_table(
    t: &sc3_lint::Timings,
    load: Duration,
    report: Duration,
    total: Duration,
) -> String {
    let ms = |d: Duration| format!("{:>8.1} ms", d.as_secs_f64() * 1000.0);
    let mut out =
        String::from("段階ごとの時間（並列に動く段階があるため、合計は足し算になりません）\n");
    out.push_str(&format!("  {} 読み込み\n", ms(load)));
    for (step, d) in &t.steps {
        out.push_str(&format!("  {} {step}\n", ms(*d)));
    }
    out.push_str(&format!("  {} 報告の作成\n", ms(report)));
    out.push_str(&format!("  {} 全体\n", ms(total)));
    let mut rules = t.rules.clone();
    rules.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let (slow, fast): (Vec<_>, Vec<_>) = rules
        .iter()
        .partition(|(_, d)| *d >= Duration::from_millis(1));
    out.push_str("ルールごとの時間（遅い順）\n");
    for (code, d) in slow {
        out.push_str(&format!("  {} {code}\n", ms(d)));
    }
    if !fast.is_empty() {
        let sum: Duration = fast.iter().map(|(_, d)| *d).sum();
        out.push_str(&format!(
            "  {} ほか {} ルール（各 1 ms 未満）の合計\n",
            ms(sum),
            fast.len()
        ));
    }
    out
}

/// The root's path relative to the current directory, as a prefix for paths in
/// GitHub annotations (which are relative to the checkout).
fn path_prefix(root: &Path) -> String {
    let (Ok(cwd), Ok(root)) = (
        std::env::current_dir().and_then(|d| d.canonicalize()),
        root.canonicalize(),
    ) else {
        return String::new();
    };
    match root.strip_prefix(&cwd) {
        Ok(rel) if rel.as_os_str().is_empty() => String::new(),
        Ok(rel) => format!("{}/", rel.to_string_lossy().replace('\\', "/")),
        Err(_) => String::new(),
    }
}

/// Writes every fix; a file that cannot be written is left as it was, and
/// the command stops (exit 1) after saying how many fixes were made.
fn apply_fixes(root: &Path) -> Result<(), Error> {
    let report = repo::lint(root)?;
    let fixed = sc3_lint::fix::apply(&report.repo, &report.diagnostics);
    let (mut count, mut written) = (0, 0);
    let mut problems = Vec::new();
    for f in &fixed {
        let rel = &report.repo.file(f.file).path;
        let path = root.join(rel);
        // A read-only file is someone's decision not to have it changed: the
        // rename would replace it regardless of its mode, so it is left alone.
        if std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly()) {
            problems.push(format!(
                "{rel} に書き込めません: 読み取り専用のファイルなので、そのままにしました"
            ));
            continue;
        }
        if let Err(e) = files::write_atomically(&path, &f.bytes) {
            problems.push(format!("{rel} に書き込めません: {e}"));
            continue;
        }
        count += f.applied;
        written += 1;
    }
    eprintln!("{count} 件を修正しました（{written} ファイル）");
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::failed_all(problems))
    }
}

fn glossary_suggestions(root: &Path) -> Result<Outcome, Error> {
    use sc3_lint::rules::spelling_variation::{Variation, groups};
    use sc3_model::prh_convert::toml_string;
    let report = repo::lint(root)?;
    let cx = sc3_lint::Context::new(&report.repo);
    let groups = groups(&cx);
    let mut out = String::from(
        "# cargo xtask lint --suggest-glossary の出力です。guidelines/glossary/ の用語集に貼り付けて使います。\n\
         # 推奨語（preferred）は、文章の中で最も多く使われている書き方です。内容を確かめてから使ってください。\n",
    );
    for g in &groups {
        let what = match g.variation {
            Variation::Okurigana => "送り仮名",
            Variation::LongVowel => "語末の長音符",
        };
        let counts: Vec<String> = g
            .spellings
            .iter()
            .map(|s| format!("{} {}", s.text, s.count))
            .collect();
        let variants: Vec<String> = g.spellings[1..]
            .iter()
            .map(|s| toml_string(&s.text))
            .collect();
        out.push_str(&format!(
            "\n[[term]]\npreferred = {}\nvariants = [{}]\nnote = {}\n",
            toml_string(&g.spellings[0].text),
            variants.join(", "),
            toml_string(&format!(
                "{what}の違い。文章中の出現: {}",
                counts.join("、")
            ))
        ));
    }
    if groups.is_empty() {
        out.push_str("\n# 用語集に未登録の表記ゆれは見つかりませんでした。\n");
    }
    files::stdout(&out);
    Ok(Outcome::Clean)
}
