//! `cargo xtask`: the project's command line.
//!
//! This is the only layer that touches the terminal and decides exit codes:
//! 0 when there are no errors, 1 when there are, 2 for usage errors (including a
//! `--root` that is not a directory).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

mod cmd {
    pub mod crosswalk;
    pub mod new;
    pub mod suggest;
}
mod dev {
    pub mod bench_scale;
    pub mod bench_terms;
    pub mod browser_test;
    pub mod gen_corpus;
    pub mod gen_hostile;
}
mod files;
mod inputs;
mod server;
use cmd::{crosswalk, new as scaffold, suggest};
use dev::{bench_scale, bench_terms as bench, browser_test, gen_corpus, gen_hostile};
use inputs as toolkit;
use sc3_lint::report::{self, HumanOptions};
use sc3_model::Severity;
use server as serve;

#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "cargo xtask",
    bin_name = "cargo xtask",
    version,
    about = "業界セキュリティガイドラインのリポジトリを検査し、導入手引きを作ります"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Format {
    /// Source snippets with the value underlined (miette).
    Human,
    /// One JSON document for scripts.
    Json,
    /// GitHub Actions workflow commands (annotations on pull requests).
    Github,
    /// SARIF 2.1.0 for code-scanning tools.
    Sarif,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Output {
    Text,
    Json,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

#[derive(clap::Args)]
struct RootArg {
    /// The repository to work on (default: this repository).
    #[arg(long, value_name = "DIR")]
    root: Option<PathBuf>,
}

#[derive(Subcommand)]
enum Command {
    /// Check guidelines, crosswalks, glossaries and industry profiles.
    Lint {
        #[command(flatten)]
        root: RootArg,
        #[arg(long, value_enum, default_value_t = Format::Human)]
        format: Format,
        /// Colours in the human format.
        #[arg(long, value_enum, default_value_t = Color::Auto)]
        color: Color,
        /// Leave out info findings.
        #[arg(long, short)]
        quiet: bool,
        /// Exit 1 on warnings too.
        #[arg(long)]
        deny_warnings: bool,
        /// Rewrite what can be fixed (term variants, character widths) in place, then report what is left.
        #[arg(long)]
        fix: bool,
        /// Print glossary entries ([[term]]) for the spelling variations found, instead of the report.
        #[arg(long, conflicts_with_all = ["fix", "format"])]
        suggest_glossary: bool,
    },
    /// Lint, then build the handbook with mdBook.
    Book {
        #[command(flatten)]
        root: RootArg,
        /// Output directory (default: ROOT/book/build).
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Keep the Markdown mdBook reads in DIR (replaced if it exists), for `mdbook-plain`.
        #[arg(long, value_name = "DIR", hide = true)]
        staging: Option<PathBuf>,
    },
    /// Scale benchmark: lint time and memory over corpus sizes, and the handbook against plain mdBook.
    BenchScale {
        /// Corpus sizes, in industries.
        #[arg(long, value_delimiter = ',', default_value = "15,30,60,120")]
        industries: Vec<usize>,
        /// Timed runs of each command.
        #[arg(long, default_value_t = 5)]
        runs: usize,
        /// Corpus size for the handbook comparison (0 for none).
        #[arg(long, default_value_t = 60)]
        book: usize,
        /// Where to write the corpora and books.
        #[arg(long, value_name = "DIR", default_value = "target/bench-scale")]
        out: PathBuf,
    },
    /// Build a staged book (from `book --staging DIR`) with plain mdBook, as a yardstick for benchmarks.
    #[command(hide = true)]
    MdbookPlain {
        /// The staged book (a directory with src/SUMMARY.md).
        dir: PathBuf,
        /// Output directory.
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// Terminology benchmark: generate a corpus and a prh dictionary, time lint (and textlint).
    BenchTerms {
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
    },
    /// Write a repository at scale (N industries with catalogs, glossaries, crosswalks and Markdown), optionally with planted defects.
    GenCorpus {
        /// Number of industry profiles.
        #[arg(long, default_value_t = 60)]
        industries: usize,
        /// Defects to plant (listed on output and in DIR/planted.json).
        #[arg(long, default_value_t = 0)]
        defects: usize,
        /// Japanese Markdown in the book, in MB, spread over the industries.
        #[arg(long, default_value_t = 2.0)]
        markdown_mb: f64,
        /// Where to write the repository (replaced if it exists).
        #[arg(long, value_name = "DIR", default_value = "target/corpus")]
        out: PathBuf,
    },
    /// Write a small repository on which the lint once did work growing faster than the content (to time it).
    GenHostile {
        /// Which input.
        #[arg(long = "case", value_enum)]
        case: gen_hostile::Case,
        /// Its size: findings (report), bytes (spelling), levels (cycle) or characters (prh).
        #[arg(long)]
        size: usize,
        /// Where to write the repository (replaced if it exists).
        #[arg(long, value_name = "DIR", default_value = "target/hostile")]
        out: PathBuf,
    },
    /// Build the handbook and check it in headless Chromium (search, links, escaping); saves screenshots.
    BrowserTest {
        /// Where to build, and to save screenshots.
        #[arg(long, value_name = "DIR", default_value = "target/browser-test")]
        out: PathBuf,
    },
    /// Build the handbook, serve it on localhost and rebuild when content changes.
    Serve {
        #[command(flatten)]
        root: RootArg,
        #[arg(long, default_value_t = 3000)]
        port: u16,
    },
    /// Score self-diagnosis answers (TOML: answers = [25 answers]); several files are aggregated.
    Diagnose {
        #[command(flatten)]
        root: RootArg,
        #[arg(required = true)]
        files: Vec<PathBuf>,
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
    },
    /// Risk analysis of an asset register (CSV in UTF-8 or Shift_JIS, or XLSX).
    Risk {
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
        /// Write the register with the computed columns as XLSX.
        #[arg(long, value_name = "FILE.xlsx")]
        out: Option<PathBuf>,
        /// How importance comes from C, I and A.
        #[arg(long, value_parser = ["max", "average"], default_value = "max")]
        importance: String,
    },
    /// Action plan from a diagnosis and a risk register (Markdown, and XLSX with --out).
    Plan {
        #[command(flatten)]
        root: RootArg,
        #[arg(long = "diagnosis", value_name = "FILE")]
        diagnosis: Vec<PathBuf>,
        #[arg(long = "risk", value_name = "FILE")]
        risk: Option<PathBuf>,
        #[arg(long, default_value = "当社")]
        company: String,
        /// Write PREFIX.md and PREFIX.xlsx.
        #[arg(long, value_name = "PREFIX")]
        out: Option<PathBuf>,
    },
    /// A company's own regulations from an industry's sample (Markdown and DOCX).
    Regulation {
        #[command(flatten)]
        root: RootArg,
        /// The industry edition (default: the company file's `industry`, else the base edition).
        #[arg(long)]
        industry: Option<String>,
        /// The company's settings (name, established, [roles], [options] exclude).
        #[arg(long, value_name = "FILE")]
        company: PathBuf,
        /// Write PREFIX.md and PREFIX.docx, and the basic policy as
        /// PREFIX-基本方針.md and PREFIX-基本方針.docx.
        #[arg(long, value_name = "PREFIX", default_value = "regulations")]
        out: PathBuf,
    },
    /// Import: a mapping file (import/*.toml) imports the spreadsheet it names; an
    /// .xlsx or .csv exported by `export` becomes a catalog or crosswalk again.
    Import {
        #[command(flatten)]
        root: RootArg,
        /// The mapping file, or the spreadsheet.
        mapping: PathBuf,
        /// The spreadsheet of a mapping (default: the mapping's source.file, relative to the root).
        #[arg(long, value_name = "FILE")]
        source: Option<PathBuf>,
        /// Where to write the TOML of an imported spreadsheet (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
    },
    /// Export every catalog and crosswalk as XLSX or CSV, for editing in Excel.
    Export {
        #[command(flatten)]
        root: RootArg,
        #[arg(long, value_parser = ["xlsx", "csv"], default_value = "xlsx")]
        format: String,
        #[arg(long, value_name = "DIR", default_value = "target/export")]
        out: PathBuf,
    },
    /// Export every catalog and crosswalk as OSCAL 1.2 JSON (catalogs, mapping collections).
    ExportOscal {
        #[command(flatten)]
        root: RootArg,
        #[arg(long, value_name = "DIR", default_value = "target/oscal")]
        out: PathBuf,
    },
    /// Rank candidate target items for each in-scope source item of a crosswalk that has no entry yet.
    Suggest {
        #[command(flatten)]
        root: RootArg,
        /// The crosswalk (mappings/*.toml).
        file: PathBuf,
        #[arg(long, value_enum, default_value_t = Output::Text)]
        format: Output,
        /// Candidates per source item.
        #[arg(long, default_value_t = 5)]
        top: usize,
    },
    /// Leave-one-out benchmark of `suggest` over the repository's crosswalks (recall@5, precision@1).
    BenchSuggest {
        #[command(flatten)]
        root: RootArg,
    },
    /// Create the files of something new, ready to fill in.
    New {
        #[command(subcommand)]
        what: NewCommand,
    },
    /// Crosswalk tools.
    Crosswalk {
        #[command(subcommand)]
        command: CrosswalkCommand,
    },
    /// Glossary tools.
    Glossary {
        #[command(subcommand)]
        command: GlossaryCommand,
    },
    /// Show the documentation of a rule or loader code, e.g. `R003`.
    Explain {
        /// The code (R003) or the rule's name (unknown-reference).
        code: String,
    },
}

#[derive(Subcommand)]
enum NewCommand {
    /// An industry: its profile, glossary, the association's guideline catalog and a crosswalk.
    Industry {
        #[command(flatten)]
        root: RootArg,
        /// The industry's id, e.g. `printing` (lower case letters, digits, '-').
        id: String,
        /// The industry's name in Japanese, e.g. 印刷業.
        #[arg(long, default_value = "（業界名）")]
        name: String,
        /// The association's name.
        #[arg(long, default_value = "（業界団体名）")]
        association: String,
    },
}

#[derive(Subcommand)]
enum CrosswalkCommand {
    /// Record the items a crosswalk's entries use as they read now ([[reviewed]]), after reviewing them.
    Confirm {
        #[command(flatten)]
        root: RootArg,
        /// The crosswalk (mappings/*.toml).
        file: PathBuf,
    },
    /// Move a crosswalk to a newer version of its target (one whose `supersedes` leads back):
    /// writes mappings/<source>--<new>.toml, carrying unchanged mappings and listing the rest.
    Migrate {
        #[command(flatten)]
        root: RootArg,
        /// The crosswalk (mappings/*.toml).
        file: PathBuf,
        /// The new target version, `id@version`.
        #[arg(long, value_name = "ID@VERSION")]
        to: String,
    },
}

#[derive(Subcommand)]
enum GlossaryCommand {
    /// Convert a prh dictionary (prh.yml, as used by textlint-rule-prh) into a [glossary] file.
    ImportPrh {
        /// The prh dictionary; its imports are followed.
        file: PathBuf,
        /// Where to write the glossary (default: standard output).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The glossary's id (default: the file name without extension).
        #[arg(long)]
        id: Option<String>,
    },
}

/// The repository this xtask belongs to.
pub(crate) fn default_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in a subdirectory of the repository")
        .to_path_buf()
}

fn resolve_root(arg: RootArg) -> Result<PathBuf, ExitCode> {
    let root = arg.root.unwrap_or_else(default_root);
    if !root.is_dir() {
        eprintln!("error: --root {}: not a directory", root.display());
        return Err(ExitCode::from(2));
    }
    Ok(root)
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Lint {
            root,
            format,
            color,
            quiet,
            deny_warnings,
            fix,
            suggest_glossary,
        } => {
            let root = match resolve_root(root) {
                Ok(r) => r,
                Err(code) => return code,
            };
            if suggest_glossary {
                return glossary_suggestions(&root);
            }
            if fix && let Err(code) = apply_fixes(&root) {
                return code;
            }
            lint(&root, format, color, quiet, deny_warnings)
        }
        Command::Book { root, out, staging } => {
            let root = match resolve_root(root) {
                Ok(r) => r,
                Err(code) => return code,
            };
            book(&root, out, staging.as_deref())
        }
        Command::BenchScale {
            industries,
            runs,
            book,
            out,
        } => bench_scale::bench(&bench_scale::Options {
            sizes: industries,
            runs,
            book,
            out,
        }),
        Command::MdbookPlain { dir, out } => match sc3_site::build_plain(&dir, &out) {
            Ok(chapters) => {
                println!(
                    "{chapters} pages built in {} by plain mdBook",
                    out.display()
                );
                ExitCode::SUCCESS
            }
            Err(e) => {
                eprintln!("error: {e}");
                ExitCode::from(1)
            }
        },
        Command::Explain { code } => explain(&code),
        Command::Crosswalk {
            command: CrosswalkCommand::Confirm { root, file },
        } => match resolve_root(root) {
            Ok(root) => crosswalk::confirm(&root, &file),
            Err(code) => code,
        },
        Command::Crosswalk {
            command: CrosswalkCommand::Migrate { root, file, to },
        } => match resolve_root(root) {
            Ok(root) => crosswalk::migrate(&root, &file, &to),
            Err(code) => code,
        },
        Command::Suggest {
            root,
            file,
            format,
            top,
        } => match resolve_root(root) {
            Ok(root) => suggest::run(&root, &file, format == Output::Json, top),
            Err(code) => code,
        },
        Command::BenchSuggest { root } => match resolve_root(root) {
            Ok(root) => suggest::bench(&root),
            Err(code) => code,
        },
        Command::BenchTerms {
            out,
            megabytes,
            rules,
            runs,
            textlint,
        } => bench::bench(&bench::Options {
            out,
            megabytes,
            rules,
            runs,
            textlint,
        }),
        Command::GenCorpus {
            industries,
            defects,
            markdown_mb,
            out,
        } => gen_corpus::run(
            &default_root(),
            &gen_corpus::Options {
                industries,
                defects,
                markdown_mb,
                out,
            },
        ),
        Command::GenHostile { case, size, out } => gen_hostile::run(case, size, &out),
        Command::Glossary {
            command: GlossaryCommand::ImportPrh { file, out, id },
        } => import_prh(&file, out.as_deref(), id),
        Command::Diagnose {
            root,
            files,
            format,
        } => match resolve_root(root) {
            Ok(root) => toolkit::diagnose(&root, &files, format == Output::Json),
            Err(code) => code,
        },
        Command::Risk {
            file,
            format,
            out,
            importance,
        } => toolkit::risk_command(
            &file,
            format == Output::Json,
            out.as_deref(),
            sc3_toolkit::risk::ImportanceRule::parse(&importance).unwrap_or_default(),
        ),
        Command::Plan {
            root,
            diagnosis,
            risk,
            company,
            out,
        } => match resolve_root(root) {
            Ok(root) => toolkit::plan_command(&toolkit::PlanArgs {
                root: &root,
                diagnosis: &diagnosis,
                risk: risk.as_deref(),
                company: &company,
                out: out.as_deref(),
            }),
            Err(code) => code,
        },
        Command::Regulation {
            root,
            industry,
            company,
            out,
        } => match resolve_root(root) {
            Ok(root) => toolkit::regulation_command(&root, industry.as_deref(), &company, &out),
            Err(code) => code,
        },
        Command::Import {
            root,
            mapping,
            source,
            out,
        } => match resolve_root(root) {
            Ok(root) => {
                let sheet = mapping.extension().is_some_and(|e| {
                    e.eq_ignore_ascii_case("xlsx") || e.eq_ignore_ascii_case("csv")
                });
                if sheet {
                    import_sheet(&mapping, out.as_deref())
                } else {
                    import(&root, &mapping, source.as_deref())
                }
            }
            Err(code) => code,
        },
        Command::Export { root, format, out } => match resolve_root(root) {
            Ok(root) => export(&root, &format, &out),
            Err(code) => code,
        },
        Command::ExportOscal { root, out } => match resolve_root(root) {
            Ok(root) => match sc3_model::load(&root) {
                Ok(loaded) => {
                    let files: Vec<(String, Vec<u8>)> =
                        sc3_interop::oscal::export_all(&loaded.repo)
                            .into_iter()
                            .map(|(name, text)| (name, text.into_bytes()))
                            .collect();
                    if let Err(e) = files::write_all(&out, &files) {
                        eprintln!("error: {e}");
                        return ExitCode::from(1);
                    }
                    println!("wrote {} OSCAL documents to {}", files.len(), out.display());
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("error: cannot read {}: {e}", root.display());
                    ExitCode::from(2)
                }
            },
            Err(code) => code,
        },
        Command::BrowserTest { out } => browser_test::run(&default_root(), &out, |root, out| {
            let report = run_lint(root).map_err(|_| format!("cannot read {}", root.display()))?;
            if report.has_errors() {
                return Err(format!(
                    "{} has lint errors: run cargo xtask lint --root {}",
                    root.display(),
                    root.display()
                ));
            }
            build_book(&report.repo, out).map(|_| ())
        }),
        Command::Serve { root, port } => match resolve_root(root) {
            Ok(root) => serve(&root, port),
            Err(code) => code,
        },
        Command::New {
            what:
                NewCommand::Industry {
                    root,
                    id,
                    name,
                    association,
                },
        } => match resolve_root(root) {
            Ok(root) => scaffold::industry(&root, &id, &name, &association),
            Err(code) => code,
        },
    }
}

/// The repository at `root`, or a usage error (2) said on standard error.
pub(crate) fn load(root: &Path) -> Result<sc3_model::Loaded, ExitCode> {
    sc3_model::load(root).map_err(|e| {
        eprintln!("error: cannot read {}: {e}", root.display());
        ExitCode::from(2)
    })
}

pub(crate) fn run_lint(root: &Path) -> Result<sc3_lint::Report, ExitCode> {
    load(root).map(sc3_lint::lint)
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

fn lint(root: &Path, format: Format, color: Color, quiet: bool, deny_warnings: bool) -> ExitCode {
    let mut report = match run_lint(root) {
        Ok(r) => r,
        Err(code) => return code,
    };
    if quiet {
        report.diagnostics.retain(|d| d.severity > Severity::Info);
    }
    let text = match format {
        Format::Human => {
            let color = match color {
                Color::Always => true,
                Color::Never => false,
                Color::Auto => {
                    std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none()
                }
            };
            report::human(&report, HumanOptions { width: 100, color })
        }
        Format::Json => report::json(&report),
        Format::Github => report::github(&report, &path_prefix(root)),
        Format::Sarif => report::sarif(&report),
    };
    // A closed pipe (`| head`) is not an error worth a panic.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    let failed = report.has_errors()
        || (deny_warnings
            && report
                .diagnostics
                .iter()
                .any(|d| d.severity == Severity::Warning));
    if failed {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Writes `bytes` to `path` through a temporary file in the same directory and a
/// rename, so the file is never seen half-written; keeps the file's permissions.
pub(crate) fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    if let Ok(meta) = std::fs::metadata(path) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

fn apply_fixes(root: &Path) -> Result<(), ExitCode> {
    let report = run_lint(root)?;
    let fixed = sc3_lint::fix::apply(&report.repo, &report.diagnostics);
    let (mut count, mut files, mut failed) = (0, 0, false);
    for f in &fixed {
        let rel = &report.repo.file(f.file).path;
        let path = root.join(rel);
        // A read-only file is someone's decision not to have it changed: the
        // rename would replace it regardless of its mode, so it is left alone.
        if std::fs::metadata(&path).is_ok_and(|m| m.permissions().readonly()) {
            eprintln!("error: cannot write {rel}: the file is read-only; it was left as it was");
            failed = true;
            continue;
        }
        if let Err(e) = write_atomically(&path, &f.bytes) {
            eprintln!("error: cannot write {rel}: {e}");
            failed = true;
            continue;
        }
        count += f.applied;
        files += 1;
    }
    eprintln!("{count} 件を修正しました（{files} ファイル）");
    if failed {
        return Err(ExitCode::from(1));
    }
    Ok(())
}

fn glossary_suggestions(root: &Path) -> ExitCode {
    let report = match run_lint(root) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let cx = sc3_lint::Context::new(&report.repo);
    let groups = sc3_lint::rules::spelling_variation::groups(&cx);
    let mut out = String::from(
        "# cargo xtask lint --suggest-glossary の出力です。guidelines/glossary/ の用語集に貼り付けて使います。\n\
         # 推奨語（preferred）は、文章の中で最も多く使われている書き方です。内容を確かめてから使ってください。\n",
    );
    for g in &groups {
        let what = match g.variation {
            sc3_lint::rules::spelling_variation::Variation::Okurigana => "送り仮名",
            sc3_lint::rules::spelling_variation::Variation::LongVowel => "語末の長音符",
        };
        let counts: Vec<String> = g
            .spellings
            .iter()
            .map(|s| format!("{} {}", s.text, s.places.len()))
            .collect();
        let variants: Vec<String> = g.spellings[1..]
            .iter()
            .map(|s| sc3_model::prh_convert::toml_string(&s.text))
            .collect();
        out.push_str(&format!(
            "\n[[term]]\npreferred = {}\nvariants = [{}]\nnote = {}\n",
            sc3_model::prh_convert::toml_string(&g.spellings[0].text),
            variants.join(", "),
            sc3_model::prh_convert::toml_string(&format!(
                "{what}の違い。文章中の出現: {}",
                counts.join("、")
            ))
        ));
    }
    if groups.is_empty() {
        out.push_str("\n# 用語集に未登録の表記ゆれは見つかりませんでした。\n");
    }
    let _ = std::io::stdout().lock().write_all(out.as_bytes());
    ExitCode::SUCCESS
}

fn book(root: &Path, out: Option<PathBuf>, staging: Option<&Path>) -> ExitCode {
    let sc3_model::Loaded {
        repo,
        mut diagnostics,
    } = match load(root) {
        Ok(l) => l,
        Err(code) => return code,
    };
    let temp;
    let staging = match staging {
        Some(dir) => {
            if let Err(e) = replace_dir(dir, ".sc3-staging") {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
            dir
        }
        None => match tempfile::tempdir() {
            Ok(t) => {
                temp = t;
                temp.path()
            }
            Err(e) => {
                eprintln!("error: cannot create a staging directory: {e}");
                return ExitCode::from(1);
            }
        },
    };
    // The lint and the staging of the book only read the repository, so they
    // run side by side; the book is rendered only if the lint finds no errors.
    let extra = extra_pages();
    let staged = std::thread::scope(|s| {
        let stage = s.spawn(|| sc3_site::stage(&repo, staging, &extra));
        sc3_lint::check(&repo, &mut diagnostics);
        stage.join()
    });
    let report = sc3_lint::Report { repo, diagnostics };
    if report.has_errors() {
        let errors = sc3_lint::Report {
            diagnostics: report
                .diagnostics
                .into_iter()
                .filter(|d| d.severity == Severity::Error)
                .collect(),
            repo: report.repo,
        };
        eprint!(
            "{}",
            report::human(
                &errors,
                HumanOptions {
                    width: 100,
                    color: std::io::stderr().is_terminal()
                }
            )
        );
        eprintln!("error: the handbook is not built while the content has errors (see above)");
        return ExitCode::from(1);
    }
    // The repository and the findings are not needed to render: give their
    // memory back before mdBook makes its own.
    drop(report);
    let out = out.unwrap_or_else(|| root.join("book").join("build"));
    let built = match staged {
        Ok(staged) => staged.and_then(|s| sc3_site::render(&s, &out)),
        Err(panic) => std::panic::resume_unwind(panic),
    };
    match built {
        Ok(summary) => {
            println!(
                "handbook built in {} ({} pages: {} written, {} generated)",
                out.display(),
                summary.chapters,
                summary.written,
                summary.generated
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn import_prh(file: &Path, out: Option<&Path>, id: Option<String>) -> ExitCode {
    let dict = match sc3_model::prh::load(file) {
        Ok(d) => d,
        Err(errors) => {
            for e in errors {
                eprintln!("error: {e}");
            }
            return ExitCode::from(1);
        }
    };
    let stem = file
        .file_stem()
        .map(|s| s.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let id = id.unwrap_or_else(|| {
        let cleaned: String = stem
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "._-".contains(c) {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        cleaned
            .trim_matches(|c: char| !c.is_ascii_alphanumeric())
            .to_owned()
    });
    if !sc3_model::refs::is_valid_id(&id) {
        eprintln!("error: `{id}` is not a valid glossary id; give one with --id");
        return ExitCode::from(2);
    }
    let source = file
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let c = sc3_model::prh_convert::to_glossary(&dict, &id, &source);
    let written = match out {
        Some(path) => files::write_named(path, c.toml.as_bytes()),
        None => std::io::stdout()
            .lock()
            .write_all(c.toml.as_bytes())
            .map_err(|e| e.to_string()),
    };
    if let Err(e) = written {
        eprintln!("error: cannot write the glossary: {e}");
        return ExitCode::from(1);
    }
    eprintln!(
        "{} 語を変換しました。変換できなかった規則: {} 件{}",
        c.terms,
        c.skipped.len(),
        if c.skipped.is_empty() {
            ""
        } else {
            "（出力の末尾に一覧があります）"
        }
    );
    ExitCode::SUCCESS
}

/// Builds the handbook of `repo` into `out`, with the rule reference.
/// Makes `dir` an empty directory holding only the file `marker`. An existing
/// `dir` is removed only if it is empty or holds `marker`, that is, if this
/// program made it: a mistyped path never deletes someone's files.
pub(crate) fn replace_dir(dir: &Path, marker: &str) -> std::io::Result<()> {
    if dir.exists() {
        let empty = std::fs::read_dir(dir)?.next().is_none();
        if !empty && !dir.join(marker).is_file() {
            return Err(std::io::Error::other(format!(
                "{} exists and was not written by this command (no {marker} in it): remove it yourself or choose another directory",
                dir.display()
            )));
        }
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    std::fs::write(
        dir.join(marker),
        "written by cargo xtask; replaced on the next run\n",
    )
}

/// The pages the book gets from outside the content: the rule reference.
fn extra_pages() -> Vec<sc3_site::ExtraPage> {
    vec![sc3_site::ExtraPage {
        path: "reference/rules.md".into(),
        title: "検査ルール一覧".into(),
        markdown: sc3_lint::docs::reference_page(),
    }]
}

fn build_book(repo: &sc3_model::Repository, out: &Path) -> Result<sc3_site::BuildSummary, String> {
    sc3_site::build(repo, out, &extra_pages()).map_err(|e| e.to_string())
}

/// The newest modification time of the content, to notice edits. Links are
/// never followed (`fsx::walk`); the output `book/build` is left out.
fn content_stamp(root: &Path) -> std::time::SystemTime {
    let mut newest = std::time::SystemTime::UNIX_EPOCH;
    for dir in ["guidelines", "mappings", "book"] {
        if let Some(t) = std::fs::symlink_metadata(root.join(dir))
            .ok()
            .and_then(|m| m.modified().ok())
        {
            newest = newest.max(t);
        }
        let Ok(walk) = sc3_model::fsx::walk(root, dir, |e| e.rel != "book/build") else {
            continue;
        };
        for e in walk.entries {
            if e.rel != "book/build"
                && let Some(t) = e.modified
            {
                newest = newest.max(t);
            }
        }
    }
    newest
}

fn serve(root: &Path, port: u16) -> ExitCode {
    let out = root.join("book").join("build");
    let rebuild = || match run_lint(root) {
        Ok(report) if report.has_errors() => {
            eprint!(
                "{}",
                report::human(
                    &report,
                    HumanOptions {
                        width: 100,
                        color: std::io::stderr().is_terminal()
                    }
                )
            );
            eprintln!("the handbook was not rebuilt: fix the errors above");
        }
        Ok(report) => match build_book(&report.repo, &out) {
            Ok(s) => eprintln!("rebuilt: {} pages", s.chapters),
            Err(e) => eprintln!("error: {e}"),
        },
        Err(_) => eprintln!("error: cannot read {}", root.display()),
    };
    rebuild();
    let server = match serve::Server::start(&out, port) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot serve on 127.0.0.1:{port}: {e}");
            return ExitCode::from(1);
        }
    };
    println!(
        "serving the handbook at {} (Ctrl-C to stop); edits to guidelines/, mappings/ and book/ rebuild it",
        server.url("")
    );
    let mut seen = content_stamp(root);
    loop {
        std::thread::sleep(std::time::Duration::from_millis(700));
        let now = content_stamp(root);
        if now != seen {
            seen = now;
            rebuild();
        }
    }
}

fn import(root: &Path, mapping_path: &Path, source: Option<&Path>) -> ExitCode {
    let fail = |e: String| {
        eprintln!("error: {e}");
        ExitCode::from(1)
    };
    // The mapping is read by the content rule when it is in the repository.
    let text = match files::read_named(root, mapping_path).and_then(|b| {
        String::from_utf8(b).map_err(|_| format!("{}: not UTF-8", mapping_path.display()))
    }) {
        Ok(t) => t,
        Err(e) => return fail(e),
    };
    let mapping: sc3_interop::import::Mapping = match toml::from_str(&text) {
        Ok(m) => m,
        Err(e) => return fail(format!("{}: {e}", mapping_path.display())),
    };
    let source = source.map_or_else(|| root.join(&mapping.source.file), Path::to_path_buf);
    let bytes = match toolkit::read_sheet(&source) {
        Ok(b) => b,
        Err(e) => return fail(e),
    };
    let rows = sc3_toolkit::risk::sheet_rows(&source.to_string_lossy(), &bytes);
    let rows = match rows {
        Ok(r) => r,
        Err(e) => return fail(format!("{}: {e}", source.display())),
    };
    // The generated files name their mapping as the repository knows it.
    let label = repo_relative(root, mapping_path);
    let out = match sc3_interop::import::run(&mapping, &label, &rows) {
        Ok(o) => o,
        Err(e) => return fail(format!("{label}: {e}")),
    };
    // The paths come from the mapping's ids: every one is checked before
    // the first file is written, and none may leave the root.
    for (path, _) in &out.files {
        if let Err(e) = sc3_model::fsx::out_path(root, path) {
            return fail(e.to_string());
        }
    }
    for (path, text) in &out.files {
        if let Err(e) = files::write_inside(root, path, text.as_bytes()) {
            return fail(e);
        }
        println!("wrote {path}");
    }
    println!("{} criteria", out.criteria);
    for (header, n) in &out.references {
        println!("{n} references parsed from 「{header}」");
    }
    for p in &out.problems {
        let kind = if p.unparsed { "error" } else { "warning" };
        eprintln!(
            "{kind}: {}: {} 行目 {} 列: {}",
            source.display(),
            p.row,
            p.column,
            p.message
        );
    }
    if out.problems.iter().any(|p| p.unparsed) {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `path` relative to `root` with `/` separators when it lies inside it, as
/// given otherwise.
fn repo_relative(root: &Path, path: &Path) -> String {
    let (Ok(root), Ok(full)) = (root.canonicalize(), path.canonicalize()) else {
        return path.to_string_lossy().replace('\\', "/");
    };
    match full.strip_prefix(&root) {
        Ok(rel) => rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/"),
        Err(_) => path.to_string_lossy().replace('\\', "/"),
    }
}

/// The file name of an exported catalog or crosswalk.
fn export_name(key: &str, ext: &str) -> String {
    format!("{}.{ext}", key.replace('@', "_"))
}

fn export(root: &Path, format: &str, out: &Path) -> ExitCode {
    use sc3_interop::spreadsheet::{catalog_sheet, crosswalk_sheet, to_csv, to_xlsx};
    let repo = match load(root) {
        Ok(l) => l.repo,
        Err(code) => return code,
    };
    let index = repo.index();
    let mut sheets: Vec<(String, &str, sc3_interop::spreadsheet::Sheet)> = Vec::new();
    for g in &repo.guidelines {
        sheets.push((g.key(), "カタログ", catalog_sheet(g)));
    }
    for cw in &repo.crosswalks {
        let src = sc3_model::GuidelineRef::parse(&cw.source.value).ok();
        let title = |id: &str| {
            src.as_ref()
                .and_then(|s| index.guideline(s))
                .and_then(|g| g.item(id))
                .map_or(String::new(), |it| it.title.value.clone())
        };
        sheets.push((cw.key(), "突合表", crosswalk_sheet(cw, &title)));
    }
    let mut files = Vec::new();
    for (key, name, sheet) in &sheets {
        let bytes = if format == "csv" {
            Ok(to_csv(sheet))
        } else {
            to_xlsx(sheet, name)
        };
        let file = export_name(key, format);
        match bytes {
            Ok(b) => files.push((file, b)),
            Err(e) => {
                eprintln!("error: {file}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    // The names come from ids: all are checked before anything is written.
    match files::write_all(out, &files) {
        Ok(written) => {
            for path in written {
                println!("wrote {}", path.display());
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

fn import_sheet(file: &Path, out: Option<&Path>) -> ExitCode {
    use sc3_interop::spreadsheet::{CROSSWALK_HEADINGS, catalog_toml, crosswalk_toml};
    let bytes = match toolkit::read_sheet(file) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let rows = sc3_toolkit::risk::sheet_rows(&file.to_string_lossy(), &bytes);
    let rows = match rows {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {}: {e}", file.display());
            return ExitCode::from(1);
        }
    };
    let is_crosswalk = rows
        .iter()
        .any(|(_, c)| c.first().is_some_and(|x| x.trim() == CROSSWALK_HEADINGS[0]));
    let result = if is_crosswalk {
        crosswalk_toml(&rows)
    } else {
        catalog_toml(&rows)
    };
    match result {
        Ok(toml) => {
            // Tell exactly what is left to fix: lint the result on its own.
            let loaded = sc3_model::load_from_memory([("imported.toml", toml.as_bytes())]);
            for d in &loaded.diagnostics {
                eprintln!("warning: {}: {}", d.code, d.message);
            }
            let written = match out {
                Some(p) => files::write_named(p, toml.as_bytes()),
                None => std::io::stdout()
                    .lock()
                    .write_all(toml.as_bytes())
                    .map_err(|e| e.to_string()),
            };
            if let Err(e) = written {
                eprintln!("error: cannot write: {e}");
                return ExitCode::from(1);
            }
            if loaded.diagnostics.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(problems) => {
            for p in problems {
                eprintln!(
                    "error: {}: {} 行目 {} 列: {}",
                    file.display(),
                    p.row,
                    p.column,
                    p.message
                );
            }
            ExitCode::from(1)
        }
    }
}

fn explain(code: &str) -> ExitCode {
    let wanted = code.to_ascii_lowercase();
    if let Some(m) = sc3_lint::all_rules()
        .into_iter()
        .find(|m| m.code.to_ascii_lowercase() == wanted || m.name == wanted)
    {
        println!(
            "{} {} ({})\n\n{}",
            m.code,
            m.name,
            m.severity.as_str(),
            sc3_lint::docs::markdown(m)
        );
        return ExitCode::SUCCESS;
    }
    if let Some((c, n, s)) = sc3_model::diag::codes::ALL
        .iter()
        .find(|(c, n, _)| c.to_ascii_lowercase() == wanted || *n == wanted)
    {
        println!("{c} {n} (error)\n\n{s}");
        return ExitCode::SUCCESS;
    }
    eprintln!("error: no rule or code named `{code}`; see `cargo xtask explain --help`");
    ExitCode::from(2)
}
