//! Sample regulations (サンプル規程): handlebars templates under
//! `book/regulations/*.hbs`, rendered once for the base edition and once for
//! each industry edition.
//!
//! What a template may use (strict mode: anything else fails the build with the
//! template's file and line):
//!
//! - `{{#clause "3.1" title="目的" implements="kitei-3 diag-13"}}…{{/clause}}` —
//!   a clause, its title, and the base items it implements (bare ids of the
//!   edition's base guideline; at least one, each must exist);
//! - `{{term "委託先"}}` — a base term, replaced by the industry's word in an
//!   industry edition; the term must be known (a glossary's preferred term or a
//!   key of some industry's `[terms]`);
//! - `{{industry_additions "kitei-3"}}` — the industry's information handling
//!   and measures that relate to that base item (nothing in the base edition);
//! - `{{company}}` (「当社」 in the sample) and `{{edition.name}}`.
//!
//! Values inserted from content pass through [`escape::content`]; the
//! templates' own text is trusted (it is the handbook's source).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use handlebars::{
    Context, Handlebars, Helper, HelperDef, HelperResult, Output, RenderContext, RenderError,
    RenderErrorReason, Renderable,
};
use sc3_model::{GuidelineRef, Industry, ItemRef, Repository, fsx};
use serde_json::{Value, json};

use crate::links::{self, Anchor, Practice};
use crate::{SiteError, escape};

/// The directory of the templates, relative to the repository root.
pub const DIR: &str = "book/regulations";

/// The sample basic policy's template, relative to the repository root.
pub const POLICY: &str = "book/policy/basic-policy.hbs";

/// The name the basic policy is registered and published under.
pub const POLICY_NAME: &str = "basic-policy";

/// The company name used in the sample editions.
pub const SAMPLE_COMPANY: &str = "当社";

/// One template file.
#[derive(Clone, Debug)]
pub struct Template {
    /// File name without extension, e.g. `01-organization`.
    pub name: String,
    pub path: PathBuf,
    pub text: String,
}

/// Reads the templates in file-name order, by the content rule
/// (`sc3_model::fsx`): a link is an error, never followed.
pub fn read_templates(root: &Path) -> Result<Vec<Template>, SiteError> {
    let listing = fsx::walk(root, DIR, |_| false).map_err(|e| SiteError(e.to_string()))?;
    if let Some(e) = listing.errors.into_iter().next() {
        return Err(SiteError(e.to_string()));
    }
    let mut out = Vec::new();
    for entry in listing.entries {
        let Some(name) = entry.name().strip_suffix(".hbs") else {
            continue;
        };
        if name.is_empty() || entry.kind == fsx::Kind::Dir {
            continue;
        }
        let text = fsx::read_to_string(root, &entry.rel).map_err(|e| SiteError(e.to_string()))?;
        out.push(Template {
            name: name.to_owned(),
            path: root.join(&entry.rel),
            text,
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(out)
}

/// The sample basic policy's template, if the repository has one.
pub fn read_policy(root: &Path) -> Result<Option<Template>, SiteError> {
    if !fsx::is_file(root, POLICY).map_err(|e| SiteError(e.to_string()))? {
        return Ok(None);
    }
    let text = fsx::read_to_string(root, POLICY).map_err(|e| SiteError(e.to_string()))?;
    Ok(Some(Template {
        name: POLICY_NAME.to_owned(),
        path: root.join(POLICY),
        text,
    }))
}

fn param_str<'a>(
    h: &'a Helper<'_>,
    i: usize,
    helper: &'static str,
) -> Result<&'a str, RenderError> {
    h.param(i)
        .and_then(|p| p.value().as_str())
        .ok_or_else(|| RenderErrorReason::ParamNotFoundForIndex(helper, i).into())
}

fn data<'a>(ctx: &'a Context, key: &str) -> &'a Value {
    &ctx.data()[key]
}

fn term(
    h: &Helper,
    _: &Handlebars,
    ctx: &Context,
    _: &mut RenderContext,
    out: &mut dyn Output,
) -> HelperResult {
    let base = param_str(h, 0, "term")?;
    let known = data(ctx, "known_terms")
        .as_array()
        .is_some_and(|a| a.iter().any(|t| t == base));
    if !known {
        return Err(RenderErrorReason::Other(format!(
            "unknown term 「{base}」: {{{{term}}}} takes a glossary's preferred term or a base term of an industry's [terms]"
        ))
        .into());
    }
    let word = data(ctx, "terms")[base].as_str().unwrap_or(base);
    out.write(&escape::content(word))?;
    Ok(())
}

fn clause<'reg, 'rc>(
    h: &Helper<'rc>,
    r: &'reg Handlebars<'reg>,
    ctx: &'rc Context,
    rc: &mut RenderContext<'reg, 'rc>,
    out: &mut dyn Output,
) -> HelperResult {
    let number = param_str(h, 0, "clause")?;
    let title = h
        .hash_get("title")
        .and_then(|v| v.value().as_str())
        .ok_or_else(|| RenderErrorReason::ParamNotFoundForName("clause", "title".into()))?;
    let implements = h
        .hash_get("implements")
        .and_then(|v| v.value().as_str())
        .ok_or_else(|| RenderErrorReason::ParamNotFoundForName("clause", "implements".into()))?;
    let ids: Vec<&str> = implements.split_whitespace().collect();
    if ids.is_empty() {
        return Err(RenderErrorReason::Other(format!(
            "clause {number}: implements names no base item"
        ))
        .into());
    }
    let items = data(ctx, "base_items");
    let mut links = Vec::new();
    for id in &ids {
        let Some(item_title) = items[*id].as_str() else {
            return Err(RenderErrorReason::Other(format!(
                "clause {number}: 「{id}」 is not an item of {}",
                data(ctx, "base").as_str().unwrap_or("the base guideline")
            ))
            .into());
        };
        let href = links::url_at(
            data(ctx, "base_page").as_str().unwrap_or(""),
            Anchor::Item(id),
        );
        links.push(format!(
            "<a href=\"{}\" title=\"{}\">{}</a>",
            escape::content(&href),
            escape::content(item_title),
            escape::content(id)
        ));
    }
    out.write(&format!(
        "\n<a id=\"{anchor}\"></a>\n**第{num}条（{title}）**\n\n",
        anchor = Anchor::Clause(number).id(),
        num = escape::content(number),
        title = escape::content(title)
    ))?;
    if let Some(t) = h.template() {
        t.render(r, ctx, rc, out)?;
    }
    // A company's own regulations leave the cross-references out.
    if data(ctx, "show_implements").as_bool() != Some(false) {
        out.write(&format!(
            "\n\n<p class=\"sc3-implements\">基本項目: {}</p>\n",
            links.join("、")
        ))?;
    }
    Ok(())
}

/// `{{industry_additions "item"}}`: the industry's handling and measures
/// that relate to the item. A practice that relates to several items of one
/// chapter is shown once, at the first of them: `order` holds each
/// template's `industry_additions` items in the order they are written.
struct IndustryAdditions {
    order: HashMap<String, Vec<String>>,
}

impl IndustryAdditions {
    fn new(templates: &[Template]) -> Self {
        let order = templates
            .iter()
            .map(|t| (t.name.clone(), additions_items(&t.text)))
            .collect();
        IndustryAdditions { order }
    }
}

/// The items of a template's `{{industry_additions "…"}}` calls, in order.
fn additions_items(text: &str) -> Vec<String> {
    text.split("industry_additions")
        .skip(1)
        .filter_map(|rest| {
            let rest = rest.trim_start().strip_prefix('"')?;
            rest.split_once('"').map(|(item, _)| item.to_owned())
        })
        .collect()
}

impl HelperDef for IndustryAdditions {
    fn call<'reg: 'rc, 'rc>(
        &self,
        h: &Helper<'rc>,
        _: &'reg Handlebars<'reg>,
        ctx: &'rc Context,
        rc: &mut RenderContext<'reg, 'rc>,
        out: &mut dyn Output,
    ) -> HelperResult {
        let id = param_str(h, 0, "industry_additions")?;
        // The items this chapter shows additions for before this one.
        let earlier: Vec<&str> = rc
            .get_root_template_name()
            .and_then(|t| self.order.get(t.as_str()))
            .map(|items| {
                items
                    .iter()
                    .take_while(|i| i.as_str() != id)
                    .map(String::as_str)
                    .collect()
            })
            .unwrap_or_default();
        industry_additions(id, &earlier, ctx, out)
    }
}

fn industry_additions(
    id: &str,
    earlier: &[&str],
    ctx: &Context,
    out: &mut dyn Output,
) -> HelperResult {
    if data(ctx, "base_items")[id].is_null() {
        return Err(RenderErrorReason::Other(format!(
            "industry_additions: 「{id}」 is not an item of the base guideline"
        ))
        .into());
    }
    let Some(entries) = data(ctx, "additions")[id].as_array() else {
        return Ok(());
    };
    // Shown already, after an earlier item of this chapter.
    let shown = |e: &Value| {
        earlier.iter().any(|i| {
            data(ctx, "additions")[*i]
                .as_array()
                .is_some_and(|before| before.iter().any(|b| b["href"] == e["href"]))
        })
    };
    let entries: Vec<&Value> = entries.iter().filter(|e| !shown(e)).collect();
    let industry = data(ctx, "edition")["name"].as_str().unwrap_or("");
    for (kind, label) in [
        ("handling", "業界固有の情報取扱い"),
        ("measure", "業界固有の対策"),
    ] {
        let mine: Vec<&Value> = entries
            .iter()
            .copied()
            .filter(|e| e["kind"] == kind)
            .collect();
        if mine.is_empty() {
            continue;
        }
        out.write(&format!(
            "\n\n<div class=\"sc3-industry\">\n\n**{label}（{}）**\n\n",
            escape::content(industry)
        ))?;
        for e in mine {
            out.write(&format!(
                "- <a href=\"{}\">{}</a>: {}\n",
                escape::content(e["href"].as_str().unwrap_or("")),
                escape::content(e["title"].as_str().unwrap_or("")),
                escape::content(e["text"].as_str().unwrap_or(""))
            ))?;
        }
        out.write("\n</div>\n\n")?;
    }
    Ok(())
}

/// A registry with the templates and helpers, in strict mode.
pub fn registry(templates: &[Template]) -> Result<Handlebars<'static>, SiteError> {
    let mut hb = Handlebars::new();
    hb.set_strict_mode(true);
    hb.set_dev_mode(false);
    hb.register_escape_fn(escape::content);
    hb.register_helper("term", Box::new(term));
    hb.register_helper("clause", Box::new(clause));
    hb.register_helper(
        "industry_additions",
        Box::new(IndustryAdditions::new(templates)),
    );
    for t in templates {
        register(&mut hb, t)?;
    }
    Ok(hb)
}

/// Registers one template (a chapter, or the basic policy) after checking
/// its expressions.
pub fn register(hb: &mut Handlebars<'static>, t: &Template) -> Result<(), SiteError> {
    // Unescaped output and partials (which may call each other without
    // end) are refused before Handlebars sees them; lint rule S006
    // reports the same expressions.
    if let Some(p) = sc3_model::names::template_problems(&t.text).first() {
        let before = &t.text[..p.span.start];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        return Err(SiteError(format!(
            "{}:{line}:{column}: 「{}」: {}; see `cargo xtask explain S006`",
            t.path.display(),
            p.written,
            p.reason
        )));
    }
    hb.register_template_string(&t.name, &t.text)
        .map_err(|e| SiteError(format!("{}: {e}", t.path.display())))?;
    Ok(())
}

/// An edition: the base one (no industry) or an industry's.
pub struct Edition<'r> {
    /// `base`, or the industry id: the directory of its pages.
    pub id: String,
    pub name: String,
    pub industry: Option<&'r Industry>,
}

/// Every edition of the repository: the base edition, then each industry.
pub fn editions(repo: &Repository) -> Vec<Edition<'_>> {
    let mut v = vec![Edition {
        id: "base".into(),
        name: "基本版".into(),
        industry: None,
    }];
    let mut industries: Vec<_> = repo
        .industries
        .iter()
        .filter(|i| !i.id.value.is_empty())
        .collect();
    industries.sort_by(|a, b| a.id.value.cmp(&b.id.value));
    v.extend(industries.into_iter().map(|i| Edition {
        id: i.id.value.clone(),
        name: i.name.value.clone(),
        industry: Some(i),
    }));
    v
}

/// The data a template is rendered with, for `edition` and company name `company`.
pub fn context(repo: &Repository, edition: &Edition<'_>, company: &str, depth: usize) -> Value {
    let index = repo.index();
    // The base guideline: the industry's, or the one industries are built on.
    let base_key = edition
        .industry
        .and_then(|i| i.base.as_ref().map(|b| b.value.clone()))
        .or_else(|| {
            repo.industries
                .iter()
                .find_map(|i| i.base.as_ref().map(|b| b.value.clone()))
        })
        .unwrap_or_else(|| "ipa-sme@3.1".into());
    let base = GuidelineRef::parse(&base_key)
        .ok()
        .and_then(|r| index.guideline(&r));
    let mut base_items = serde_json::Map::new();
    let mut base_page = String::new();
    if let Some(g) = base {
        base_page = links::url(
            depth,
            &links::guideline(&g.id.value, &g.version.value).page(),
        );
        for it in &g.items {
            base_items.insert(it.id.value.clone(), json!(it.title.value));
        }
    }
    let mut known: BTreeSet<String> = BTreeSet::new();
    for g in &repo.glossaries {
        if g.scope.as_ref().is_none_or(|s| s.value == "all") {
            known.extend(g.terms.iter().map(|t| t.preferred.value.clone()));
        }
    }
    for i in &repo.industries {
        known.extend(i.terms.iter().map(|(k, _)| k.value.clone()));
    }
    let mut terms = serde_json::Map::new();
    let mut additions: BTreeMap<String, Vec<Value>> = BTreeMap::new();
    if let Some(ind) = edition.industry {
        for (k, v) in &ind.terms {
            terms.insert(k.value.clone(), json!(v.value));
        }
        for (kind, list) in [
            (Practice::Handling, &ind.handling),
            (Practice::Measure, &ind.measures),
        ] {
            for p in list {
                for rel in &p.relates {
                    let Ok(r) = ItemRef::parse(&rel.value) else {
                        continue;
                    };
                    if r.guideline.to_string() != base_key {
                        continue;
                    }
                    additions.entry(r.item).or_default().push(json!({
                        "kind": kind.name(),
                        "title": p.title.value,
                        "text": p.text.as_ref().map(|t| t.value.clone()).unwrap_or_default(),
                        "href": links::url(depth, &links::industry(&ind.id.value).at(Anchor::Practice(kind, &p.id.value))),
                    }));
                }
            }
        }
    }
    json!({
        "company": company,
        "edition": { "id": edition.id, "name": edition.name },
        "base": base_key,
        "base_page": base_page,
        "base_items": base_items,
        "known_terms": known.into_iter().collect::<Vec<_>>(),
        "terms": terms,
        "additions": additions,
        "show_implements": true,
    })
}

/// What a company's own regulations say about the company.
pub struct CompanyDoc<'a> {
    pub name: &'a str,
    pub established: Option<&'a str>,
    /// Role → person.
    pub roles: &'a [(String, String)],
    /// Chapters (template stems) not adopted.
    pub exclude: &'a [String],
    /// How many directories below the book's root the document's page is
    /// (0 for a standalone file), for the links it contains.
    pub depth: usize,
}

/// One company's regulations as a single Markdown document: a title, the
/// roles, then every adopted chapter (headings one level down), without the
/// cross-reference lines of the sample.
pub fn render_company(
    hb: &Handlebars<'_>,
    templates: &[Template],
    repo: &Repository,
    edition: &Edition<'_>,
    company: &CompanyDoc<'_>,
) -> Result<String, SiteError> {
    let CompanyDoc {
        name: company,
        established,
        roles,
        exclude,
        depth,
    } = *company;
    let mut data = context(repo, edition, company, depth);
    data["show_implements"] = json!(false);
    let mut md = format!(
        "# 情報セキュリティ関連規程

**{}**

",
        escape::content(company)
    );
    if let Some(d) = established {
        md.push_str(&format!(
            "制定日: {}

",
            escape::content(d)
        ));
    }
    if !roles.is_empty() {
        md.push_str(
            "## 役割と担当者

| 役割 | 担当者 |
| --- | --- |
",
        );
        for (role, person) in roles {
            md.push_str(&format!(
                "| {} | {} |
",
                escape::content(role),
                escape::content(person)
            ));
        }
        md.push('\n');
    }
    for t in templates.iter().filter(|t| !exclude.contains(&t.name)) {
        let chapter = hb
            .render(&t.name, &data)
            .map_err(|e| SiteError(format!("{}: {}", t.path.display(), e.reason())))?;
        for line in chapter.lines() {
            if line.starts_with('#') {
                md.push('#');
            }
            md.push_str(line);
            md.push('\n');
        }
        md.push('\n');
    }
    Ok(md)
}

/// One company's basic policy as a Markdown document: its title, the
/// company's name and date, the policy, and a line for the representative
/// to sign. `None` when the repository has no policy template.
pub fn render_company_policy(
    hb: &Handlebars<'_>,
    repo: &Repository,
    edition: &Edition<'_>,
    company: &CompanyDoc<'_>,
) -> Result<Option<String>, SiteError> {
    if !hb.has_template(POLICY_NAME) {
        return Ok(None);
    }
    let mut data = context(repo, edition, company.name, company.depth);
    data["show_implements"] = json!(false);
    let body = hb
        .render(POLICY_NAME, &data)
        .map_err(|e| SiteError(format!("{POLICY}: {}", e.reason())))?;
    let mut lines = body.lines();
    let title = lines.next().unwrap_or("# 情報セキュリティ基本方針");
    let mut md = format!("{title}\n\n**{}**\n\n", escape::content(company.name));
    if let Some(d) = company.established {
        md.push_str(&format!("制定日: {}\n\n", escape::content(d)));
    }
    for line in lines {
        md.push_str(line);
        md.push('\n');
    }
    md.push_str(&format!(
        "\n{}　代表者　＿＿＿＿＿＿＿＿＿＿（署名）\n",
        escape::content(company.name)
    ));
    Ok(Some(md))
}

/// A chapter's title from its template's first line (`# 第4章 …`), or the
/// stem itself when there is no such chapter: for the action plan's
/// references (`sc3_toolkit::templates::plan_template`).
pub fn chapter_title(templates: &[Template], stem: &str) -> String {
    templates
        .iter()
        .find(|t| t.name == stem)
        .map_or(stem.to_owned(), |t| {
            sc3_model::names::template_title(&t.text)
        })
}

/// The company name a kit's documents show until the company sets its own
/// (in Word, typing into any one of them changes them all).
pub const KIT_COMPANY: &str = "（会社名）";

/// The roles a kit's regulations list, each with an empty cell for the
/// person the company names: the roles chapter 1 of the sample defines.
pub const KIT_ROLES: [&str; 3] = [
    "情報セキュリティ責任者",
    "情報セキュリティ担当者",
    "部門責任者",
];

/// An edition's documents for its kit, as DOCX bytes.
pub struct KitDocuments {
    /// Every chapter of the edition's sample regulations
    /// (kit file: `regulations.docx`).
    pub regulations: Vec<u8>,
    /// The sample basic policy, when the repository has one
    /// (kit file: `basic-policy.docx`).
    pub policy: Option<Vec<u8>>,
}

/// The sample regulations and basic policy of `edition` as DOCX for the
/// edition's kit: [`KIT_COMPANY`] as the company name, held once and shown
/// everywhere by bound content controls (`sc3_toolkit::docx::DocxOptions`),
/// the roles table with the persons left blank, the date left to fill in.
/// `hb` must have the policy registered ([`register`]) for the policy to be
/// made.
pub fn kit_documents(
    hb: &Handlebars<'_>,
    templates: &[Template],
    repo: &Repository,
    edition: &Edition<'_>,
) -> Result<KitDocuments, SiteError> {
    use sc3_toolkit::docx::{DocxOptions, markdown_to_docx_with};
    let roles: Vec<(String, String)> = KIT_ROLES
        .iter()
        .map(|r| ((*r).to_owned(), String::new()))
        .collect();
    let doc = CompanyDoc {
        name: KIT_COMPANY,
        established: Some("　　　　年　　月　　日"),
        roles: &roles,
        exclude: &[],
        depth: 0,
    };
    let options = DocxOptions {
        company: Some(KIT_COMPANY),
    };
    let md = render_company(hb, templates, repo, edition, &doc)?;
    let regulations = markdown_to_docx_with(&md, &options).map_err(SiteError)?;
    let policy = match render_company_policy(hb, repo, edition, &doc)? {
        Some(p) => Some(markdown_to_docx_with(&p, &options).map_err(SiteError)?),
        None => None,
    };
    Ok(KitDocuments {
        regulations,
        policy,
    })
}
