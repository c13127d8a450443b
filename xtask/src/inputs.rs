//! `cargo xtask diagnose | risk | plan | regulation`: the SME toolkit's commands.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use sc3_model::SourceFile;
use sc3_toolkit::{company::Company, diagnosis, plan, risk};

/// The diagnosis spec of the repository.
pub const DIAGNOSIS_SPEC: &str = "book/toolkit/diagnosis.toml";

fn read(path: &Path) -> Result<Vec<u8>, String> {
    std::fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

/// A spreadsheet file's bytes, refused unread when it is larger than
/// `sheet::MAX_FILE_BYTES`, and never more than one byte past that read (a
/// file that grows, or a device, is then refused by `sheet_rows`).
pub fn read_sheet(path: &Path) -> Result<Vec<u8>, String> {
    use std::io::Read;
    let fail = |e: std::io::Error| format!("cannot read {}: {e}", path.display());
    let file = std::fs::File::open(path).map_err(fail)?;
    let size = file.metadata().map_err(fail)?.len();
    sc3_toolkit::sheet::check_file_size(size).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut bytes = Vec::new();
    file.take(sc3_toolkit::sheet::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(fail)?;
    Ok(bytes)
}

fn read_text(path: &Path) -> Result<String, String> {
    let bytes = read(path)?;
    risk::decode(&bytes).map_err(|e| format!("{}: {e}", path.display()))
}

/// The repository's diagnosis spec, read by the content rule
/// (`sc3_model::fsx`): never through a link.
pub fn spec(root: &Path) -> Result<diagnosis::Spec, String> {
    let bytes = sc3_model::fsx::read(root, DIAGNOSIS_SPEC).map_err(|e| e.to_string())?;
    let text = risk::decode(&bytes).map_err(|e| format!("{DIAGNOSIS_SPEC}: {e}"))?;
    diagnosis::Spec::parse(&text).map_err(|e| format!("{DIAGNOSIS_SPEC}: {e}"))
}

/// Reads answer files; problems are printed as file:line:column and counted.
pub fn answers(files: &[PathBuf]) -> Result<Vec<diagnosis::Answers>, usize> {
    let mut sets = Vec::new();
    let mut problems = 0;
    for f in files {
        let text = match read_text(f) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("error: {e}");
                problems += 1;
                continue;
            }
        };
        match diagnosis::parse_answers(&text) {
            Ok(a) => sets.push(a),
            Err(errors) => {
                let source = SourceFile::new(f.display().to_string(), text, false);
                for e in errors {
                    let p = source.position(e.span.start);
                    eprintln!(
                        "error: {}:{}:{}: {}",
                        f.display(),
                        p.line,
                        p.column,
                        e.message
                    );
                    problems += 1;
                }
            }
        }
    }
    if problems == 0 {
        Ok(sets)
    } else {
        Err(problems)
    }
}

fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

pub fn diagnose(root: &Path, files: &[PathBuf], json: bool) -> ExitCode {
    let spec = match spec(root) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    let Ok(sets) = answers(files) else {
        return ExitCode::from(1);
    };
    let result = diagnosis::score(&spec, &sets);
    if json {
        out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&result).expect("plain data serialises")
        ));
    } else {
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
        out(&t);
    }
    ExitCode::SUCCESS
}

/// Reads a register from CSV (UTF-8, UTF-8 with BOM, Shift_JIS) or XLSX.
pub fn register(file: &Path, rule: risk::ImportanceRule) -> Result<risk::Register, String> {
    let bytes = read_sheet(file)?;
    let rows = risk::sheet_rows(&file.to_string_lossy(), &bytes)
        .map_err(|e| format!("{}: {e}", file.display()))?;
    Ok(risk::register(rows, rule))
}

fn report_row_errors(file: &Path, reg: &risk::Register) {
    for e in &reg.errors {
        if e.heading.is_empty() {
            eprintln!("error: {}: {} 行目: {}", file.display(), e.row, e.message);
        } else {
            eprintln!(
                "error: {}: {} 行目 {} 列（{}）: {}",
                file.display(),
                e.row,
                e.column,
                e.heading,
                e.message
            );
        }
    }
}

pub fn risk_command(
    file: &Path,
    json: bool,
    xlsx: Option<&Path>,
    rule: risk::ImportanceRule,
) -> ExitCode {
    let reg = match register(file, rule) {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::from(1);
        }
    };
    report_row_errors(file, &reg);
    if json {
        out(&format!(
            "{}\n",
            serde_json::to_string_pretty(&reg.assets).expect("plain data serialises")
        ));
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
        out(&t);
    }
    if let Some(path) = xlsx {
        match risk::to_xlsx(&reg) {
            Ok(bytes) => {
                if let Err(e) = std::fs::write(path, bytes) {
                    eprintln!("error: cannot write {}: {e}", path.display());
                    return ExitCode::from(1);
                }
                eprintln!("wrote {}", path.display());
            }
            Err(e) => {
                eprintln!("error: {e}");
                return ExitCode::from(1);
            }
        }
    }
    if reg.errors.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Chapter titles from the templates' first lines (`# 第9章 委託管理`).
pub fn chapter_titles(root: &Path) -> Vec<(String, String)> {
    sc3_site::regulations::read_templates(root)
        .unwrap_or_default()
        .into_iter()
        .map(|t| {
            let title = t
                .text
                .lines()
                .next()
                .unwrap_or("")
                .trim_start_matches("# ")
                .trim()
                .to_owned();
            (t.name, title)
        })
        .collect()
}

pub struct PlanArgs<'a> {
    pub root: &'a Path,
    pub diagnosis: &'a [PathBuf],
    pub risk: Option<&'a Path>,
    pub company: &'a str,
    pub out: Option<&'a Path>,
}

/// The plan as Markdown and XLSX bytes.
pub fn build_plan(a: &PlanArgs<'_>) -> Result<(String, Vec<u8>, usize), String> {
    let spec = spec(a.root)?;
    let diag = if a.diagnosis.is_empty() {
        None
    } else {
        let sets = answers(a.diagnosis).map_err(|n| format!("{n} problems in the answers"))?;
        Some(diagnosis::score(&spec, &sets))
    };
    let (assets, problems) = match a.risk {
        Some(f) => {
            let reg = register(f, risk::ImportanceRule::Max)?;
            report_row_errors(f, &reg);
            (reg.assets, reg.errors.len())
        }
        None => (Vec::new(), 0),
    };
    let actions = plan::plan(diag.as_ref(), &assets);
    let titles = chapter_titles(a.root);
    let title = |stem: &str| {
        titles
            .iter()
            .find(|(n, _)| n == stem)
            .map_or(stem.to_owned(), |(_, t)| t.clone())
    };
    let md = plan::to_markdown(a.company, &actions, &title);
    let xlsx = plan::to_xlsx(a.company, &actions, &title)?;
    Ok((md, xlsx, problems))
}

pub fn plan_command(a: &PlanArgs<'_>) -> ExitCode {
    if a.diagnosis.is_empty() && a.risk.is_none() {
        eprintln!("error: give --diagnosis FILE and/or --risk FILE");
        return ExitCode::from(2);
    }
    match build_plan(a) {
        Ok((md, xlsx, problems)) => {
            out(&md);
            if let Some(prefix) = a.out {
                for (ext, bytes) in [("md", md.as_bytes()), ("xlsx", xlsx.as_slice())] {
                    let path = prefix.with_extension(ext);
                    if let Err(e) = std::fs::write(&path, bytes) {
                        eprintln!("error: cannot write {}: {e}", path.display());
                        return ExitCode::from(1);
                    }
                    eprintln!("wrote {}", path.display());
                }
            }
            if problems == 0 {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}

/// A document the `regulation` command writes: its file-name suffix, its
/// Markdown and its DOCX bytes.
pub struct Written {
    pub suffix: &'static str,
    pub markdown: String,
    pub docx: Vec<u8>,
}

/// A company's regulations, and its basic policy when the repository has the
/// sample, each as Markdown and DOCX bytes.
pub fn build_regulation(
    root: &Path,
    industry: Option<&str>,
    company_file: &Path,
) -> Result<Vec<Written>, String> {
    let company = Company::parse(&read_text(company_file)?)
        .map_err(|e| format!("{}: {e}", company_file.display()))?;
    let loaded =
        sc3_model::load(root).map_err(|e| format!("cannot read {}: {e}", root.display()))?;
    let repo = loaded.repo;
    let wanted = industry.map(str::to_owned).or(company.industry.clone());
    let editions = sc3_site::regulations::editions(&repo);
    let edition = match &wanted {
        None => &editions[0],
        Some(id) => editions.iter().find(|e| &e.id == id).ok_or_else(|| {
            let ids: Vec<&str> = editions.iter().map(|e| e.id.as_str()).collect();
            format!("no industry `{id}`; the editions are: {}", ids.join(", "))
        })?,
    };
    let templates = sc3_site::regulations::read_templates(root).map_err(|e| e.to_string())?;
    if let Some(x) = company
        .options
        .exclude
        .iter()
        .find(|x| !templates.iter().any(|t| &t.name == *x))
    {
        return Err(format!(
            "{}: options.exclude names no chapter `{x}`",
            company_file.display()
        ));
    }
    let mut hb = sc3_site::regulations::registry(&templates).map_err(|e| e.to_string())?;
    if let Some(p) = sc3_site::regulations::read_policy(root).map_err(|e| e.to_string())? {
        sc3_site::regulations::register(&mut hb, &p).map_err(|e| e.to_string())?;
    }
    let roles: Vec<(String, String)> = company.roles.clone().into_iter().collect();
    let doc = sc3_site::regulations::CompanyDoc {
        name: &company.name,
        established: company.established.as_deref(),
        roles: &roles,
        exclude: &company.options.exclude,
        depth: 0,
    };
    let md = sc3_site::regulations::render_company(&hb, &templates, &repo, edition, &doc)
        .map_err(|e| e.to_string())?;
    let mut out = vec![Written {
        suffix: "",
        docx: sc3_toolkit::docx::markdown_to_docx(&md)?,
        markdown: md,
    }];
    if let Some(policy) = sc3_site::regulations::render_company_policy(&hb, &repo, edition, &doc)
        .map_err(|e| e.to_string())?
    {
        out.push(Written {
            suffix: "-基本方針",
            docx: sc3_toolkit::docx::markdown_to_docx(&policy)?,
            markdown: policy,
        });
    }
    Ok(out)
}

pub fn regulation_command(
    root: &Path,
    industry: Option<&str>,
    company: &Path,
    out_prefix: &Path,
) -> ExitCode {
    match build_regulation(root, industry, company) {
        Ok(documents) => {
            for d in &documents {
                let mut prefix = out_prefix.as_os_str().to_owned();
                prefix.push(d.suffix);
                let prefix = std::path::PathBuf::from(prefix);
                for (ext, bytes) in [("md", d.markdown.as_bytes()), ("docx", d.docx.as_slice())] {
                    let path = prefix.with_extension(ext);
                    if let Err(e) = std::fs::write(&path, bytes) {
                        eprintln!("error: cannot write {}: {e}", path.display());
                        return ExitCode::from(1);
                    }
                    println!("wrote {}", path.display());
                }
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
