//! `cargo xtask regulation`: a company's own regulations, and its basic
//! policy, from an industry edition of the sample regulations
//! (`sc3_site::regulations`), as Markdown and DOCX.

use std::path::{Path, PathBuf};

use sc3_site::regulations as regs;
use sc3_toolkit::company::Company;

use crate::inputs;
use crate::outcome::{Error, Outcome};
use crate::repo::RootArg;

/// 業界のサンプル規程から、自社の規程を作ります（Markdown と DOCX）
#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    root: RootArg,
    /// 業界版（既定: 会社のファイルの industry、なければ基本版）
    #[arg(long)]
    industry: Option<String>,
    /// 会社の設定のファイル（name、established、[roles]、[options] exclude）
    #[arg(long, value_name = "FILE")]
    company: PathBuf,
    /// PREFIX.md と PREFIX.docx、基本方針を PREFIX-基本方針.md と PREFIX-基本方針.docx に書きます
    #[arg(long, value_name = "PREFIX", default_value = "regulations")]
    out: PathBuf,
}

pub fn run(a: Args) -> Result<Outcome, Error> {
    let root = a.root.resolve()?;
    for d in &build(&root, a.industry.as_deref(), &a.company)? {
        let mut prefix = a.out.as_os_str().to_owned();
        prefix.push(d.suffix);
        let prefix = PathBuf::from(prefix);
        for (ext, bytes) in [("md", d.markdown.as_bytes()), ("docx", d.docx.as_slice())] {
            let path = prefix.with_extension(ext);
            inputs::write_out(&path, bytes)?;
            crate::files::say(&format!("{} を書きました", path.display()));
        }
    }
    Ok(Outcome::Clean)
}

/// A document the command writes: its file-name suffix, its Markdown and its
/// DOCX bytes.
struct Written {
    suffix: &'static str,
    markdown: String,
    docx: Vec<u8>,
}

/// A company's regulations, and its basic policy when the repository has the
/// sample, each as Markdown and DOCX bytes.
fn build(root: &Path, industry: Option<&str>, company_file: &Path) -> Result<Vec<Written>, String> {
    let company = Company::parse(&inputs::read_text(company_file)?)
        .map_err(|e| format!("{}: {e}", company_file.display()))?;
    let loaded =
        sc3_model::load(root).map_err(|e| format!("{} を読めません: {e}", root.display()))?;
    let repo = loaded.repo;
    let wanted = industry.map(str::to_owned).or(company.industry.clone());
    let editions = regs::editions(&repo);
    let edition = match &wanted {
        None => &editions[0],
        Some(id) => editions.iter().find(|e| &e.id == id).ok_or_else(|| {
            let ids: Vec<&str> = editions.iter().map(|e| e.id.as_str()).collect();
            format!("業界 `{id}` はありません。業界版: {}", ids.join(", "))
        })?,
    };
    let templates = regs::read_templates(root).map_err(|e| e.to_string())?;
    if let Some(x) = company
        .options
        .exclude
        .iter()
        .find(|x| !templates.iter().any(|t| &t.name == *x))
    {
        return Err(format!(
            "{}: options.exclude の `{x}` という章はありません",
            company_file.display()
        ));
    }
    let mut hb = regs::registry(&templates).map_err(|e| e.to_string())?;
    if let Some(p) = regs::read_policy(root).map_err(|e| e.to_string())? {
        regs::register(&mut hb, &p).map_err(|e| e.to_string())?;
    }
    let roles: Vec<(String, String)> = company.roles.clone().into_iter().collect();
    let doc = regs::CompanyDoc {
        name: &company.name,
        established: company.established.as_deref(),
        roles: &roles,
        exclude: &company.options.exclude,
        depth: 0,
    };
    let md =
        regs::render_company(&hb, &templates, &repo, edition, &doc).map_err(|e| e.to_string())?;
    let options = sc3_toolkit::docx::DocxOptions {
        company: Some(&company.name),
    };
    let mut out = vec![Written {
        suffix: "",
        docx: sc3_toolkit::docx::markdown_to_docx_with(&md, &options)?,
        markdown: md,
    }];
    if let Some(policy) =
        regs::render_company_policy(&hb, &repo, edition, &doc).map_err(|e| e.to_string())?
    {
        out.push(Written {
            suffix: "-基本方針",
            docx: sc3_toolkit::docx::markdown_to_docx_with(&policy, &options)?,
            markdown: policy,
        });
    }
    Ok(out)
}
