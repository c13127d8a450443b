//! `cargo xtask gen-corpus`: a repository at the scale of every SC3 association.
//!
//! Writes a valid content repository with N industry profiles, each with its
//! own 200-item catalog, a 100-term glossary and a crosswalk against the real
//! base catalog (copied from this repository, with the common glossary and
//! the sample-regulation templates), plus Japanese Markdown spread over the
//! book. Everything comes from a fixed seed, so the same
//! arguments give the same bytes.
//!
//! It lints clean. `--defects K` plants K defects of nine kinds, spread over
//! the industries, and writes where it planted them to `planted.json` (code,
//! file, line, and a word the finding's message must contain), so a test can
//! check that each one is reported and nothing else is.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::dev::bench_terms::Rng;
use crate::outcome::{Error, Outcome};
use sc3_model::fsx;

/// The file that marks a directory as a corpus this command wrote, which it
/// may therefore replace.
const MARKER: &str = ".sc3-corpus";

/// Items in each industry's catalog.
pub const ITEMS: usize = 200;
/// Terms in each industry's glossary.
pub const TERMS: usize = 100;

/// Write a repository at scale (N industries with catalogs, glossaries, crosswalks and Markdown), optionally with planted defects.
#[derive(clap::Args)]
pub struct Options {
    /// Number of industry profiles.
    #[arg(long, default_value_t = 60)]
    pub industries: usize,
    /// Defects to plant (listed on output and in DIR/planted.json).
    #[arg(long, default_value_t = 0)]
    pub defects: usize,
    /// Japanese Markdown in the book, in MB, spread over the industries.
    #[arg(long, default_value_t = 2.0)]
    pub markdown_mb: f64,
    /// Where to write the repository (replaced if it exists).
    #[arg(long, value_name = "DIR", default_value = "target/corpus")]
    pub out: PathBuf,
}

/// One planted defect: the finding the lint must report.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Planted {
    pub code: &'static str,
    /// Path relative to the corpus root, with `/`.
    pub file: String,
    pub line: usize,
    /// A word the finding's message contains (an item id, a term).
    pub detail: String,
}

/// The kinds of defect, in the order they are handed out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// A glossary variant in the industry's Markdown (T001). Variants of the
    /// `…装置` / `…機器` kind, so T004's discovery of a missing final ー does
    /// not report the same spelling a second time.
    MarkdownVariant,
    /// A bidirectional override character in an item title (T008).
    BidiTitle,
    /// A partial mapping without a rationale (M004).
    MissingRationale,
    /// A mapping target that does not exist (R003).
    UnknownTarget,
    /// An in-scope item with no mapping (M001).
    Unmapped,
    /// Two items with the same id (R001).
    DuplicateItem,
    /// A covered mapping with no targets (M003).
    CoveredWithoutTargets,
    /// A glossary variant in an item's text (T001).
    TomlVariant,
    /// The base word the industry replaces, in its own Markdown (T002).
    IndustryTerm,
}

const KINDS: [Kind; 9] = [
    Kind::MarkdownVariant,
    Kind::BidiTitle,
    Kind::MissingRationale,
    Kind::UnknownTarget,
    Kind::Unmapped,
    Kind::DuplicateItem,
    Kind::CoveredWithoutTargets,
    Kind::TomlVariant,
    Kind::IndustryTerm,
];

/// A defect to plant in one industry, at one item.
#[derive(Clone, Copy, Debug)]
struct Plan {
    kind: Kind,
    /// 1-based item number in the industry's catalog.
    item: usize,
}

/// Which defects go where: defect `j` goes to industry `j % n`, round
/// `j / n`; within an industry each round has its own kind and its own item,
/// so no two defects touch the same line.
fn plans(n: usize, defects: usize) -> Vec<Vec<Plan>> {
    let mut out = vec![Vec::new(); n];
    for j in 0..defects {
        let (industry, round) = (j % n, j / n);
        out[industry].push(Plan {
            kind: KINDS[(round + industry) % KINDS.len()],
            item: 7 + round * 19,
        });
    }
    out
}

const SYLLABLES: &[&str] = &[
    "ア", "イ", "カ", "キ", "ク", "サ", "シ", "ス", "タ", "テ", "ト", "ナ", "ニ", "ハ", "フ", "マ",
    "ミ", "ラ", "リ", "ル", "レ", "ロ", "バ", "ビ", "ド", "ガ", "ジ", "パ", "ポ", "ザ",
];
const SUBJECTS: &[&str] = &[
    "加盟企業は",
    "各社の担当者は",
    "経営者は",
    "現場の責任者は",
    "情報システムの担当者は",
    "品質保証の部門は",
];
const NOUNS: &[&str] = &[
    "点検表",
    "保管庫",
    "教育資料",
    "入退室の記録",
    "鍵の台帳",
    "接続の設定",
    "作業の手順",
    "廃棄の記録",
];
const VERBS: &[&str] = &[
    "を確認します。",
    "を定期的に点検します。",
    "を記録に残します。",
    "を年に一度見直します。",
    "を全員に周知します。",
    "を責任者が承認します。",
];
/// Base words of the sample regulations and the industry words for them.
const TERM_CHOICES: &[(&str, &[&str])] = &[
    ("委託先", &["協力会社", "外注先", "取引先"]),
    ("事業所", &["工場", "作業所", "店舗", "営業所"]),
];

/// A katakana word unique to `n` (four syllables, base 30).
fn word(n: usize) -> String {
    let mut s = String::new();
    let mut k = n;
    for _ in 0..4 {
        s.push_str(SYLLABLES[k % SYLLABLES.len()]);
        k /= SYLLABLES.len();
    }
    s
}

/// One glossary term of an industry: the preferred spelling and its variant.
struct Term {
    preferred: String,
    variant: String,
}

fn terms(industry: usize) -> Vec<Term> {
    (0..TERMS)
        .map(|k| {
            let w = word(1000 + industry * TERMS + k);
            if k % 2 == 0 {
                Term {
                    preferred: format!("{w}ー"),
                    variant: w,
                }
            } else {
                Term {
                    preferred: format!("{w}装置"),
                    variant: format!("{w}機器"),
                }
            }
        })
        .collect()
}

/// A sentence in the industry's words.
fn sentence(rng: &mut Rng, terms: &[Term]) -> String {
    format!(
        "{}{}の{}{}",
        rng.pick(SUBJECTS),
        rng.pick(terms).preferred,
        rng.pick(NOUNS),
        rng.pick(VERBS)
    )
}

/// The line the next character written to `s` will be on.
fn line_here(s: &str) -> usize {
    s.matches('\n').count() + 1
}

/// Item ids of a catalog, read from its `[[item]]` tables.
fn item_ids(catalog: &str) -> Vec<String> {
    let mut ids = Vec::new();
    let mut in_item = false;
    for line in catalog.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            in_item = line == "[[item]]";
        } else if in_item && let Some(rest) = line.strip_prefix("id = \"") {
            ids.push(rest.trim_end_matches('"').to_owned());
            in_item = false;
        }
    }
    ids
}

struct Industry<'a> {
    index: usize,
    id: String,
    terms: Vec<Term>,
    plans: &'a [Plan],
    /// The base word → industry word pairs of its `[terms]`.
    words: Vec<(&'static str, &'static str)>,
}

impl Industry<'_> {
    fn planned(&self, item: usize) -> Option<Kind> {
        self.plans.iter().find(|p| p.item == item).map(|p| p.kind)
    }

    fn profile(&self, base_ids: &[String]) -> String {
        let n = self.index + 1;
        let mut s = format!(
            "# 生成した規模試験用の業界プロファイル（cargo xtask gen-corpus）。\n\n[industry]\nid = \"{}\"\nname = \"業種{n:03}\"\nassociation = \"一般社団法人業種{n:03}協会\"\nbase = \"ipa-sme@3.1\"\nguidelines = [\"{}@1.0\"]\n\n[terms]\n",
            self.id, self.id
        );
        for (base, word) in &self.words {
            let _ = writeln!(s, "\"{base}\" = \"{word}\"");
        }
        for (table, prefix) in [("handling", "h"), ("measure", "m")] {
            for k in 1..=3 {
                let t = &self.terms[(k * 7 + prefix.len()) % TERMS];
                let _ = write!(
                    s,
                    "\n[[{table}]]\nid = \"{prefix}-{k}\"\ntitle = \"{}の扱い{k}\"\ntext = \"{}の{}は、責任者を決めて管理します。\"\nrelates = [\"ipa-sme@3.1:{}\"]\n",
                    t.preferred,
                    t.preferred,
                    NOUNS[k % NOUNS.len()],
                    base_ids[(self.index + k * 5) % base_ids.len()]
                );
            }
        }
        s
    }

    /// The catalog, and the defects planted in it.
    fn catalog(&self, rng: &mut Rng, planted: &mut Vec<Planted>) -> String {
        let file = format!("guidelines/{}/1.0.toml", self.id);
        let n = self.index + 1;
        let mut s = format!(
            "# 生成した規模試験用のカタログ（cargo xtask gen-corpus）。\n\n[guideline]\nid = \"{}\"\nversion = \"1.0\"\ntitle = \"業種{n:03}の情報セキュリティガイドライン\"\npublisher = \"一般社団法人業種{n:03}協会（架空）\"\npublished = 2025-04-01\nlevels = [\"LV1\", \"LV2\", \"LV3\"]\nholds = \"summaries\"\n",
            self.id
        );
        for g in 1..=ITEMS / 20 {
            let _ = write!(
                s,
                "\n[[group]]\nid = \"g{g:02}\"\ntitle = \"{}に関する要求事項\"\n",
                self.terms[g].preferred
            );
        }
        for i in 1..=ITEMS {
            let kind = self.planned(i);
            let t = &self.terms[(i * 3) % TERMS];
            let _ = write!(
                s,
                "\n[[item]]\nid = \"{i}\"\ngroup = \"g{:02}\"\n",
                (i - 1) / 20 + 1
            );
            if kind == Some(Kind::BidiTitle) {
                planted.push(Planted {
                    code: "T008",
                    file: file.clone(),
                    line: line_here(&s),
                    detail: "U+202E".into(),
                });
                let _ = writeln!(s, "title = \"{}の\u{202E}管理{i}\"", t.preferred);
            } else {
                let _ = writeln!(s, "title = \"{}の管理{i}\"", t.preferred);
            }
            let mut text = format!(
                "{}{}",
                sentence(rng, &self.terms),
                sentence(rng, &self.terms)
            );
            if kind == Some(Kind::TomlVariant) {
                let v = &self.terms[(2 * i + 1) % TERMS];
                planted.push(Planted {
                    code: "T001",
                    file: file.clone(),
                    line: line_here(&s),
                    detail: v.variant.clone(),
                });
                let _ = write!(text, "{}の{}を確認します。", v.variant, NOUNS[0]);
            }
            let _ = writeln!(s, "text = \"{text}\"\nlevel = \"LV{}\"", 1 + i % 3);
            if kind == Some(Kind::DuplicateItem) {
                s.push_str("\n[[item]]\n");
                planted.push(Planted {
                    code: "R001",
                    file: file.clone(),
                    line: line_here(&s),
                    detail: i.to_string(),
                });
                let _ = writeln!(
                    s,
                    "id = \"{i}\"\ngroup = \"g01\"\ntitle = \"{}の再掲\"\nlevel = \"LV1\"",
                    t.preferred
                );
            }
        }
        s
    }

    /// The crosswalk against the base, and the defects planted in it.
    fn crosswalk(&self, base_ids: &[String], planted: &mut Vec<Planted>) -> String {
        let file = format!("mappings/{}@1.0--ipa-sme@3.1.toml", self.id);
        let mut s = String::from(
            "# 生成した規模試験用の突合表（cargo xtask gen-corpus）。\n\n[crosswalk]\n",
        );
        let header_line = line_here(&s);
        let _ = write!(
            s,
            "source = \"{}@1.0\"\ntarget = \"ipa-sme@3.1\"\nstatus = \"draft\"\nmaintainers = [\"@{}\"]\n",
            self.id, self.id
        );
        for i in 1..=ITEMS {
            let kind = self.planned(i);
            if kind == Some(Kind::Unmapped) {
                planted.push(Planted {
                    code: "M001",
                    file: file.clone(),
                    line: header_line,
                    detail: format!("「{i}」"),
                });
                continue;
            }
            let _ = write!(s, "\n[[map]]\nsource = \"{i}\"\n");
            let a = &base_ids[(i + self.index) % base_ids.len()];
            let b = &base_ids[(i * 7 + self.index) % base_ids.len()];
            match (i % 10, kind) {
                (_, Some(Kind::CoveredWithoutTargets)) => {
                    planted.push(Planted {
                        code: "M003",
                        file: file.clone(),
                        line: line_here(&s),
                        detail: "covered".into(),
                    });
                    s.push_str("relation = \"covered\"\ntargets = []\n");
                }
                (_, Some(Kind::UnknownTarget)) => {
                    s.push_str("relation = \"covered\"\n");
                    planted.push(Planted {
                        code: "R003",
                        file: file.clone(),
                        line: line_here(&s),
                        detail: format!("no-such-{i}"),
                    });
                    let _ = writeln!(s, "targets = [\"{a}\", \"no-such-{i}\"]");
                }
                (_, Some(Kind::MissingRationale)) => {
                    planted.push(Planted {
                        code: "M004",
                        file: file.clone(),
                        line: line_here(&s),
                        detail: "partial".into(),
                    });
                    let _ = writeln!(s, "relation = \"partial\"\ntargets = [\"{a}\"]");
                }
                (0, _) => {
                    let _ = writeln!(
                        s,
                        "relation = \"none\"\ntargets = []\nrationale = \"基本ガイドラインには{}に当たる項目がないため、業界の対策で補う。\"\nmeasure = \"{}:m-{}\"",
                        self.terms[i % TERMS].preferred,
                        self.id,
                        1 + i % 3
                    );
                }
                (1..=3, _) => {
                    let _ = writeln!(
                        s,
                        "relation = \"partial\"\ntargets = [\"{a}\"]\nstrm = \"intersects-with\"\nrationale = \"基本ガイドラインは{}の記録までは求めていない。\"",
                        self.terms[(i + 1) % TERMS].preferred
                    );
                }
                _ => {
                    if a == b {
                        let _ = writeln!(s, "relation = \"covered\"\ntargets = [\"{a}\"]");
                    } else {
                        let _ = writeln!(s, "relation = \"covered\"\ntargets = [\"{a}\", \"{b}\"]");
                    }
                }
            }
        }
        s
    }

    /// The industry's glossary.
    fn glossary(&self) -> String {
        let mut s = format!(
            "# 生成した規模試験用の用語集（cargo xtask gen-corpus）。\n\n[glossary]\nid = \"{}\"\nscope = \"{}\"\n",
            self.id, self.id
        );
        for t in &self.terms {
            let _ = write!(
                s,
                "\n[[term]]\npreferred = \"{}\"\nvariants = [\"{}\"]\nnote = \"業界内の表記をそろえる\"\n",
                t.preferred, t.variant
            );
        }
        s
    }

    /// The industry's chapters (about `bytes` in all), and the defects planted in them.
    fn markdown(
        &self,
        rng: &mut Rng,
        bytes: usize,
        planted: &mut Vec<Planted>,
    ) -> Vec<(String, String)> {
        let mut files = Vec::new();
        let mut written = 0;
        let per_file = 48 * 1024;
        let mut to_plant: Vec<Kind> = self
            .plans
            .iter()
            .map(|p| p.kind)
            .filter(|k| matches!(k, Kind::MarkdownVariant | Kind::IndustryTerm))
            .collect();
        while written < bytes || !to_plant.is_empty() {
            let k = files.len() + 1;
            let path = format!("book/src/industries/{}/notes-{k:02}.md", self.id);
            let mut md = format!("# 業種{:03}の手引き {k}\n\n", self.index + 1);
            let mut section = 0;
            while md.len() < per_file.min(bytes.saturating_sub(written)).max(2048) {
                match rng.below(6) {
                    0 => {
                        section += 1;
                        let _ = write!(
                            md,
                            "## {k}.{section} {}について\n\n",
                            rng.pick(&self.terms).preferred
                        );
                    }
                    1 => {
                        for _ in 0..3 {
                            let _ = writeln!(md, "- {}", sentence(rng, &self.terms));
                        }
                        md.push('\n');
                    }
                    2 => {
                        md.push_str("| 項目 | 内容 |\n| --- | --- |\n");
                        for _ in 0..3 {
                            let _ = writeln!(
                                md,
                                "| {} | {} |",
                                rng.pick(NOUNS),
                                sentence(rng, &self.terms)
                            );
                        }
                        md.push('\n');
                    }
                    3 => {
                        let _ = write!(
                            md,
                            "```text\n{} の設定例\n```\n\n",
                            rng.pick(&self.terms).variant
                        );
                    }
                    _ => {
                        let n = 2 + rng.below(4);
                        for _ in 0..n {
                            md.push_str(&sentence(rng, &self.terms));
                        }
                        md.push_str("\n\n");
                    }
                }
            }
            if let Some(kind) = to_plant.pop() {
                let (code, word) = match kind {
                    Kind::MarkdownVariant => {
                        ("T001", self.terms[(2 * k + 1) % TERMS].variant.clone())
                    }
                    _ => ("T002", self.words[0].0.to_owned()),
                };
                planted.push(Planted {
                    code,
                    file: path.clone(),
                    line: line_here(&md),
                    detail: word.clone(),
                });
                let _ = write!(
                    md,
                    "{}は{word}の{}を確認します。\n\n",
                    SUBJECTS[0], NOUNS[1]
                );
            }
            written += md.len();
            files.push((path, md));
        }
        files
    }
}

/// What was written.
pub struct Written {
    pub files: usize,
    pub bytes: usize,
    pub markdown_bytes: usize,
    pub planted: Vec<Planted>,
}

/// The corpus of `industries` industries with no defects and the default
/// Markdown, written into `dir` from this repository: what the benchmarks
/// measure on.
pub fn for_bench(dir: &Path, industries: usize) -> Result<Written, String> {
    generate(
        &crate::repo::default_root(),
        &Options {
            industries,
            defects: 0,
            markdown_mb: 2.0,
            out: dir.to_path_buf(),
        },
    )
    .map_err(|e| format!("cannot write the corpus: {e}"))
}

/// Writes the corpus into `o.out` (removed first), from the repository at `from`.
pub fn generate(from: &Path, o: &Options) -> std::io::Result<Written> {
    crate::files::replace_dir(&o.out, MARKER)?;
    let mut w = Written {
        files: 0,
        bytes: 0,
        markdown_bytes: 0,
        planted: Vec::new(),
    };
    // Written by the output rule: no path leaves `o.out`.
    let emit = |rel: &str, text: &str, w: &mut Written| -> std::io::Result<()> {
        fsx::write(&o.out, rel, text.as_bytes()).map_err(std::io::Error::other)?;
        w.files += 1;
        w.bytes += text.len();
        Ok(())
    };

    // The real base, its glossary, the sample regulations and the book settings.
    let mut copied = vec![
        "guidelines/ipa-sme/3.1.toml".to_owned(),
        "guidelines/glossary/common.toml".to_owned(),
    ];
    // Read by the content rule: a link in the source repository is an error.
    let listing = fsx::walk(from, "book/regulations", |_| false).map_err(std::io::Error::other)?;
    copied.extend(listing.entries.into_iter().map(|e| e.rel));
    let mut base = String::new();
    for rel in &copied {
        let text = fsx::read_to_string(from, rel).map_err(std::io::Error::other)?;
        emit(rel, &text, &mut w)?;
        if base.is_empty() {
            base = text;
        }
    }
    let base_ids = item_ids(&base);

    let plans = plans(o.industries.max(1), o.defects);
    let markdown_each = (o.markdown_mb * 1024.0 * 1024.0) as usize / o.industries.max(1);
    let mut rng = Rng(2026_1125);
    let mut intro = String::from(
        "# はじめに\n\nこのリポジトリは `cargo xtask gen-corpus` が規模の試験のために生成したものです。\n\n",
    );
    for i in 0..o.industries {
        let mut words = Vec::new();
        for (k, (base_word, choices)) in TERM_CHOICES.iter().enumerate() {
            words.push((*base_word, choices[(i + k) % choices.len()]));
        }
        let ind = Industry {
            index: i,
            id: format!("ind-{:03}", i + 1),
            terms: terms(i),
            plans: &plans[i],
            words,
        };
        let _ = writeln!(intro, "- 業種{:03}（`{}`）", i + 1, ind.id);
        emit(
            &format!("guidelines/industries/{}.toml", ind.id),
            &ind.profile(&base_ids),
            &mut w,
        )?;
        let mut planted = Vec::new();
        let catalog = ind.catalog(&mut rng, &mut planted);
        emit(&format!("guidelines/{}/1.0.toml", ind.id), &catalog, &mut w)?;
        let cw = ind.crosswalk(&base_ids, &mut planted);
        emit(
            &format!("mappings/{}@1.0--ipa-sme@3.1.toml", ind.id),
            &cw,
            &mut w,
        )?;
        emit(
            &format!("guidelines/glossary/{}.toml", ind.id),
            &ind.glossary(),
            &mut w,
        )?;
        for (path, md) in ind.markdown(&mut rng, markdown_each, &mut planted) {
            w.markdown_bytes += md.len();
            emit(&path, &md, &mut w)?;
        }
        w.planted.extend(planted);
    }
    emit("book/src/intro.md", &intro, &mut w)?;
    w.planted.sort();
    let json = serde_json::to_string_pretty(&serde_json::json!({
        "planted": w.planted.iter().map(|p| serde_json::json!({
            "code": p.code, "file": p.file, "line": p.line, "detail": p.detail,
        })).collect::<Vec<_>>()
    }))
    .expect("plain data serializes");
    fsx::write(&o.out, "planted.json", (json + "\n").as_bytes()).map_err(std::io::Error::other)?;
    Ok(w)
}

/// The command: generate, then say what was written and where the defects are.
pub fn run(o: Options) -> Result<Outcome, Error> {
    if o.industries == 0 {
        return Err(Error::usage("--industries must be at least 1"));
    }
    if o.defects > o.industries * KINDS.len() {
        return Err(Error::usage(format!(
            "at most {} defects fit in {} industries ({} per industry)",
            o.industries * KINDS.len(),
            o.industries,
            KINDS.len()
        )));
    }
    let w = generate(&crate::repo::default_root(), &o)
        .map_err(|e| Error::failed(format!("cannot write {}: {e}", o.out.display())))?;
    println!(
        "{}: {} industries, {} files, {:.2} MB ({:.2} MB of Markdown), {} defects planted",
        o.out.display(),
        o.industries,
        w.files,
        w.bytes as f64 / 1_048_576.0,
        w.markdown_bytes as f64 / 1_048_576.0,
        w.planted.len()
    );
    for p in &w.planted {
        println!("  {} {}:{} ({})", p.code, p.file, p.line, p.detail);
    }
    if !w.planted.is_empty() {
        println!("(also in {})", o.out.join("planted.json").display());
    }
    Ok(Outcome::Clean)
}
