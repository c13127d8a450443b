//! The toolkit part: the self-diagnosis page (answered in the browser,
//! nothing sent anywhere) and the worked example of a fictional construction
//! company, generated at build time by the same functions the `diagnose`,
//! `risk`, `plan` and `regulation` commands use, with its downloads.

use std::fmt::Write as _;
use std::path::Path;

use sc3_model::{Repository, fsx};
use sc3_toolkit::readiness::{self, Basis};
use sc3_toolkit::{company::Company, diagnosis, plan, risk};
use serde_json::json;

use crate::escape::content as esc;
use crate::links::{self, Anchor, Target};
use crate::markdown::table_row;
use crate::notices::Notice;
use crate::{File, Page, Part, SiteError, regulations};

/// The diagnosis spec and the example, relative to the root.
pub const SPEC: &str = "book/toolkit/diagnosis.toml";
pub const EXAMPLE: &str = "book/toolkit/example";

/// The worked example's downloads, by name.
const ASSETS_CSV: &str = "assets.csv";
const REGISTER_XLSX: &str = "register.xlsx";
const PLAN_XLSX: &str = "plan.xlsx";
const REGULATIONS_DOCX: &str = "regulations.docx";
const POLICY_DOCX: &str = "basic-policy.docx";
const READINESS_XLSX: &str = "readiness.xlsx";
/// The example's plan with the dates it completed items on.
const PLAN_CSV: &str = "plan.csv";

/// JSON that can sit inside a `<script>` element: `<`, `>` and `&` escaped.
fn script_json(v: &serde_json::Value) -> String {
    v.to_string()
        .replace('<', "\\u003c")
        .replace('>', "\\u003e")
        .replace('&', "\\u0026")
}

/// The bytes of a content file, by the content rule (`sc3_model::fsx`): a
/// link is an error, never followed.
fn read_bytes(root: &Path, rel: &str) -> Result<Vec<u8>, SiteError> {
    fsx::read(root, rel).map_err(|e| SiteError(e.to_string()))
}

fn read(root: &Path, rel: &str) -> Result<String, SiteError> {
    risk::decode(&read_bytes(root, rel)?).map_err(|e| SiteError(format!("{rel}: {e}")))
}

/// The part, when the repository has a diagnosis spec: the diagnosis page,
/// then the worked example's pages and the files they offer.
pub fn part(repo: &Repository) -> Result<Option<(Part, Vec<File>)>, SiteError> {
    let Some(spec) = spec(&repo.root)? else {
        return Ok(None);
    };
    // The ★3 readiness needs the scheme's catalog and its crosswalk onto the
    // diagnosis' base; a repository without them has no readiness section.
    let basis = Basis::build(
        repo,
        &spec,
        readiness::DEFAULT_SCHEME,
        readiness::DEFAULT_LEVEL,
    )
    .ok();
    let mut pages = vec![(0, diagnosis_page(repo, &spec, basis.as_ref()))];
    let (example, files) = example(repo, &spec, basis.as_ref())?;
    let mut example = example.into_iter();
    if let Some(first) = example.next() {
        pages.push((0, first));
        pages.extend(example.map(|p| (1, p)));
    }
    let part = Part {
        title: "加盟企業のためのツール".to_owned(),
        pages,
    };
    Ok(Some((part, files)))
}

/// The diagnosis spec, if the repository has one.
pub fn spec(root: &Path) -> Result<Option<diagnosis::Spec>, SiteError> {
    if !fsx::is_file(root, SPEC).map_err(|e| SiteError(e.to_string()))? {
        return Ok(None);
    }
    diagnosis::Spec::parse(&read(root, SPEC)?)
        .map(Some)
        .map_err(|e| SiteError(format!("{SPEC}: {e}")))
}

/// The self-diagnosis page. The questions and scoring are embedded as JSON;
/// `sc3-diagnosis.js` draws the form and scores it in the browser.
pub fn diagnosis_page(repo: &Repository, spec: &diagnosis::Spec, basis: Option<&Basis>) -> Page {
    let index = repo.index();
    let page = links::diagnosis();
    let depth = page.depth();
    let questions: Vec<serde_json::Value> = spec
        .question
        .iter()
        .map(|q| {
            let items: Vec<serde_json::Value> = q
                .items
                .iter()
                .filter_map(|r| {
                    let r = sc3_model::ItemRef::parse(r).ok()?;
                    let it = index.item(&r)?;
                    Some(json!({
                        "id": r.item,
                        "title": it.title.value,
                        "href": links::url(depth, &links::guideline(&r.guideline.id, &r.guideline.version).at(Anchor::Item(&r.item))),
                    }))
                })
                .collect();
            let chapters: Vec<serde_json::Value> = q
                .chapters
                .iter()
                .map(|c| {
                    let clause = q.clauses.iter().find(|cl| cl.split('.').next() == c.split('-').next().map(|n| n.trim_start_matches('0')));
                    let chapter = links::regulation("base", c);
                    let href = links::url(depth, &clause.map_or_else(|| chapter.page(), |cl| chapter.at(Anchor::Clause(cl))));
                    json!({
                        "id": c,
                        "href": href,
                        "clause": clause,
                    })
                })
                .collect();
            json!({ "id": q.id, "part": q.part, "number": q.number, "text": q.text, "hint": q.hint, "items": items, "chapters": chapters })
        })
        .collect();
    let data = json!({
        "answers": spec.scoring.answers,
        "points": spec.scoring.points,
        "bands": spec.scoring.bands,
        "parts": spec.part,
        "questions": questions,
    });
    let markdown = format!(
        "# 自社診断（5分でできる！情報セキュリティ自社診断）\n\n{}\n\
25 の設問に答えると、合計点、パートごとの点数、診断の区分と、見直したい設問ごとに参考になる基本項目とサンプル規程の章が表示されます。\
答えはこのページの中だけで計算され、どこにも送信されません。事業所や部署ごとに答えたファイルは、コマンド \
<code>cargo xtask diagnose</code> でまとめて集計できます。\n\n\
<div id=\"sc3-diagnosis\"><noscript>この診断は JavaScript で動きます。コマンド <code>cargo xtask diagnose</code> でも同じ集計ができます。</noscript></div>\n\n\
<script type=\"application/json\" id=\"sc3-diagnosis-spec\">{}</script>\n{}",
        Notice::Diagnosis.html(),
        script_json(&data),
        basis.map_or_else(String::new, |b| readiness_section(b, depth)),
    );
    Page {
        path: page.file(),
        title: "自社診断".into(),
        markdown,
    }
}

/// The diagnosis page's ★3 readiness section: what it is (our estimate, not
/// an assessment), and the basis as JSON for `sc3-diagnosis.js`, which
/// computes it in the browser by the rules of `sc3_toolkit::readiness`.
fn readiness_section(basis: &Basis, depth: usize) -> String {
    let mut data = serde_json::to_value(basis).expect("plain data serialises");
    let scheme = sc3_model::GuidelineRef::parse(&basis.scheme).ok();
    let base = sc3_model::GuidelineRef::parse(&basis.base).ok();
    let criteria: serde_json::Map<String, serde_json::Value> = basis
        .criteria
        .iter()
        .filter_map(|c| {
            let s = scheme.as_ref()?;
            let href = links::url(
                depth,
                &links::guideline(&s.id, &s.version).at(Anchor::Item(&c.id)),
            );
            Some((c.id.clone(), json!(href)))
        })
        .collect();
    let items: serde_json::Map<String, serde_json::Value> = basis
        .items
        .keys()
        .filter_map(|i| {
            let b = base.as_ref()?;
            let href = links::url(
                depth,
                &links::guideline(&b.id, &b.version).at(Anchor::Item(i)),
            );
            Some((i.clone(), json!(href)))
        })
        .collect();
    let clauses: serde_json::Map<String, serde_json::Value> = basis
        .clauses
        .iter()
        .map(|c| {
            let href = links::url(
                depth,
                &links::regulation("base", &c.chapter).at(Anchor::Clause(&c.number)),
            );
            (c.number.clone(), json!(href))
        })
        .collect();
    data["href"] = json!({ "criteria": criteria, "items": items, "clauses": clauses });
    data["answers"] = json!(diagnosis::ANSWERS);
    data["points"] = json!(diagnosis::POINTS);
    data["phases"] = json!(plan::PHASES);
    let report = readiness::assess(basis, &readiness::Company::default());
    let notice = readiness::notice(&report);
    format!(
        "\n## {level} の準備状況（推定）\n\n\
<div id=\"sc3-readiness-notice\" class=\"sc3-notice\"><p>{n0}</p><p>{n1}</p></div>\n\n\
上の答えと、下で選んだ採用済みの規程の章と情報資産の台帳から、{publisher}「{title}」の{level}の評価基準（{count} 件）ごとに、自社の記録がどこまで支えるかを、このページの中で計算します（どこにも送信しません）。\
準対応の行からは「記録が支える」になりません。わからない・未回答の設問は記録なしと同じで、「記録が支える」になりません。非対応の行と行のない評価基準は、基本項目の記録からは推定できないため「基本項目の外」です。つながりは最も弱いところで決まります。\
計画書の完了日も含めた推定は、コマンド `cargo xtask readiness --company フォルダー` で作れます。決め方の詳細と記入例の会社の結果は<a href=\"{example}\">記入例: ★3 の準備状況</a>にあります。\n\n\
<div id=\"sc3-readiness\"><noscript>この計算は JavaScript で動きます。コマンド <code>cargo xtask readiness</code> でも同じ結果を作れます。</noscript></div>\n\n\
<script type=\"application/json\" id=\"sc3-readiness-basis\">{json}</script>\n",
        level = esc(&basis.level),
        n0 = esc(&notice[0]),
        n1 = esc(&notice[1]),
        publisher = esc(&basis.publisher),
        title = esc(&basis.scheme_title),
        count = basis.criteria.len(),
        example = links::href(depth, &links::example_readiness().page()),
        json = script_json(&data),
    )
}

/// The worked example: pages, and files to download (path under `src/`, bytes).
pub fn example(
    repo: &Repository,
    spec: &diagnosis::Spec,
    basis: Option<&Basis>,
) -> Result<(Vec<Page>, Vec<File>), SiteError> {
    let root = &repo.root;
    if !fsx::is_dir(root, EXAMPLE).map_err(|e| SiteError(e.to_string()))? {
        return Ok((Vec::new(), Vec::new()));
    }
    let company = Company::parse(&read(root, &format!("{EXAMPLE}/company.toml"))?)
        .map_err(|e| SiteError(format!("{EXAMPLE}/company.toml: {e}")))?;
    // Diagnosis: every diagnosis-*.toml, aggregated.
    let listing = fsx::walk(root, EXAMPLE, |_| false).map_err(|e| SiteError(e.to_string()))?;
    if let Some(e) = listing.errors.into_iter().next() {
        return Err(SiteError(e.to_string()));
    }
    let names: Vec<String> = listing
        .entries
        .iter()
        .map(|e| e.name().to_owned())
        .filter(|n| n.starts_with("diagnosis-") && n.ends_with(".toml"))
        .collect();
    let mut sets = Vec::new();
    for n in &names {
        let a = diagnosis::parse_answers(&read(root, &format!("{EXAMPLE}/{n}"))?).map_err(|e| {
            SiteError(format!(
                "{EXAMPLE}/{n}: {}",
                e.iter()
                    .map(|x| x.message.clone())
                    .collect::<Vec<_>>()
                    .join("; ")
            ))
        })?;
        sets.push(a);
    }
    let result = diagnosis::score(spec, &sets);
    let rows = risk::csv_rows(&read(root, &format!("{EXAMPLE}/assets.csv"))?)
        .map_err(|e| SiteError(format!("{EXAMPLE}/assets.csv: {e}")))?;
    // The register offered for download is written again rather than copied:
    // every CSV the handbook offers has its formula-like cells neutralised
    // (`sc3_toolkit::sheet`), and each row keeps its number.
    let csv = sc3_toolkit::sheet::to_csv(&sc3_toolkit::sheet::with_blank_rows(&rows));
    let register = risk::register(rows, risk::ImportanceRule::Max);
    let actions = plan::plan(Some(&result), &register.assets);
    let templates = regulations::read_templates(root)?;
    let title = |stem: &str| regulations::chapter_title(&templates, stem);

    let editions = regulations::editions(repo);
    let edition = company
        .industry
        .as_ref()
        .and_then(|id| editions.iter().find(|e| &e.id == id))
        .unwrap_or(&editions[0]);
    let mut hb = regulations::registry(&templates)?;
    if let Some(p) = regulations::read_policy(root)? {
        regulations::register(&mut hb, &p)?;
    }
    let roles: Vec<(String, String)> = company.roles.clone().into_iter().collect();
    let doc = regulations::CompanyDoc {
        name: &company.name,
        established: company.established.as_deref(),
        roles: &roles,
        exclude: &company.options.exclude,
        // The regulations' and the policy's pages, beside each other.
        depth: links::example_regulations().depth(),
    };
    let policy_md = regulations::render_company_policy(&hb, repo, edition, &doc)?;
    // The company is made up, and its policy and regulations are our sample
    // text with its name filled in: the pages say so, the documents do not.
    let fictional = if crate::notices::is_fictional(&company.name) {
        crate::notices::Notice::Fictional(&company.name).html()
    } else {
        String::new()
    };
    let industry = edition
        .industry
        .map(crate::notices::industry)
        .unwrap_or_default();

    // The page's own links: the example's other pages beside it, its
    // downloads below it. Our names, which need no escape.
    let download = |name: &str| Target::file(&links::example_download(name));
    let near = |to: &Target| links::url_near(&links::example(), to);
    let mut md = format!(
        "# 記入例: {}\n\n{fictional}\n架空の小さな建設会社が、4つの達成目標に沿って作ったものの例です。このページは、リポジトリの <code>{EXAMPLE}/</code> にある入力から、\
コマンド <code>cargo xtask diagnose</code>、<code>risk</code>、<code>plan</code>、<code>regulation</code> と同じ処理で、ハンドブックを作るたびに作り直されます。\
診断の設問と結果の区分の文、基本方針と規程の本文は、このプロジェクトが書いた文例をもとにしたもので、IPA の文ではありません。\n\n",
        esc(&company.name)
    );
    if policy_md.is_some() {
        let _ = write!(
            md,
            "## 1. 情報セキュリティ基本方針\n\n基本方針のサンプル（このプロジェクトの文例）に会社名と制定日を入れて作った、この会社の基本方針です。代表者が内容を確かめ、署名して社内外に示します。\n\n- <a href=\"{}\">基本方針の本文</a>\n- <a href=\"{}\">DOCX（Word、LibreOffice）</a>\n\n",
            near(&links::example_policy().page()),
            near(&download(POLICY_DOCX)),
        );
    }
    let n = usize::from(policy_md.is_some());
    let _ = write!(
        md,
        "## {}. 自社診断\n\n{} か所（{}）の回答をまとめた結果です。\n\n| 項目 | 点数 |\n| --- | ---: |\n",
        n + 1,
        sets.len(),
        esc(&sets
            .iter()
            .filter_map(|s| s.name.clone())
            .collect::<Vec<_>>()
            .join("、"))
    );
    let _ = writeln!(md, "| **合計** | **{} / 100** |", result.total);
    for p in &result.parts {
        let _ = writeln!(md, "| {} | {} / {} |", esc(&p.title), p.score, p.max);
    }
    let _ = write!(
        md,
        "\n**{}**: {}\n\n",
        esc(&result.band),
        esc(&result.advice)
    );
    let _ = write!(
        md,
        "点数の低い設問（{} 問）は、下の実行計画に対策として入っています。\n\n",
        result.weak.len()
    );

    let _ = write!(md, "## {}. 情報資産の洗い出しとリスク分析\n\n", n + 2);
    md.push_str("重要度は機密性・完全性・可用性の最大値、被害発生可能性は脅威の発生頻度と脆弱性の表から求め、リスク値は重要度×被害発生可能性です。最大値をとる規則と、リスク値1〜3を「低」とする区分は、この手引きの読み方です。\n\n");
    md.push_str("| 行 | 業務分類 | 情報資産 | 機密性 | 完全性 | 可用性 | 重要度 | 脅威 | 脆弱性 | 可能性 | リスク値 |\n| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n");
    for a in &register.assets {
        md.push_str(&table_row(&[
            a.row.to_string(),
            esc(&a.category),
            esc(&a.name),
            a.confidentiality.to_string(),
            a.integrity.to_string(),
            a.availability.to_string(),
            a.importance.to_string(),
            a.threat.to_string(),
            a.vulnerability.to_string(),
            a.likelihood.to_string(),
            format!("{}（{}）", a.risk, a.band),
        ]));
    }
    let _ = write!(
        md,
        "\n台帳: <a href=\"{}\">入力の CSV</a>、<a href=\"{}\">計算結果を加えた XLSX</a>\n\n",
        near(&download(ASSETS_CSV)),
        near(&download(REGISTER_XLSX)),
    );

    let _ = write!(md, "## {}. 情報セキュリティ対策実行計画書\n\n", n + 3);
    // Every value of the plan is content (the diagnosis spec's measures, the
    // register's assets), escaped like any other.
    let plan_md = plan::to_markdown_with(&company.name, &actions, &title, &|s: &str| esc(s));
    // The plan's own title becomes this section; its tables follow.
    for line in plan_md.lines().skip(2) {
        let line = line
            .strip_prefix("## ")
            .map_or(line.to_owned(), |h| format!("### {h}"));
        md.push_str(&line);
        md.push('\n');
    }
    let _ = write!(
        md,
        "\n計画書: <a href=\"{}\">XLSX</a>\n\n",
        near(&download(PLAN_XLSX))
    );

    let _ = write!(md, "## {}. 自社の情報セキュリティ関連規程\n\n", n + 4);
    let _ = write!(
        md,
        "建設業のサンプル規程から、会社名・役割・採用する章（{chapters}）を設定して作った規程です。Word や LibreOffice で編集できる形式でも用意しています。\n\n\
- <a href=\"{page}\">規程の本文</a>\n- <a href=\"{docx}\">DOCX（Word、LibreOffice）</a>\n",
        page = near(&links::example_regulations().page()),
        docx = near(&download(REGULATIONS_DOCX)),
        chapters = if company.options.exclude.is_empty() {
            "全章".to_string()
        } else {
            format!(
                "{} を除く",
                company
                    .options
                    .exclude
                    .iter()
                    .map(|c| title(c))
                    .collect::<Vec<_>>()
                    .join("、")
            )
        }
    );

    // The company's ★3 readiness, from the same records.
    let readiness = match basis {
        Some(b) => Some(example_readiness(
            root, spec, b, &company, &sets, &register,
        )?),
        None => None,
    };
    if readiness.is_some() {
        let _ = write!(
            md,
            "\n## {}. ★3 の準備状況（推定）\n\n上の診断の答え、採用した章、計画書の完了日（<code>{EXAMPLE}/{PLAN_CSV}</code>）と台帳から、コマンド <code>cargo xtask readiness</code> と同じ処理で推定した、評価基準ごとの状況です。評価ではありません。\n\n- <a href=\"{}\">★3 の準備状況</a>\n- <a href=\"{}\">チェックリスト（XLSX）</a>\n",
            n + 5,
            near(&links::example_readiness().page()),
            near(&download(READINESS_XLSX)),
        );
    }

    let reg_md = regulations::render_company(&hb, &templates, repo, edition, &doc)?;
    let docx_options = sc3_toolkit::docx::DocxOptions {
        company: Some(&company.name),
    };
    let docx =
        sc3_toolkit::docx::markdown_to_docx_with(&reg_md, &docx_options).map_err(SiteError)?;
    let register_xlsx = risk::to_xlsx(&register).map_err(SiteError)?;
    let plan_xlsx = plan::to_xlsx(&company.name, &actions, &title).map_err(SiteError)?;
    let mut pages = vec![
        Page {
            path: links::example().file(),
            title: "記入例: 架空の建設会社".into(),
            markdown: md,
        },
        Page {
            path: links::example_regulations().file(),
            title: "記入例: 自社の規程".into(),
            markdown: crate::notices::with_notice(
                &reg_md,
                &(crate::notices::Notice::Regulations.html() + &industry + &fictional),
            ),
        },
    ];
    let mut files = vec![
        (links::example_download(ASSETS_CSV), csv),
        (links::example_download(REGISTER_XLSX), register_xlsx),
        (links::example_download(PLAN_XLSX), plan_xlsx),
        (links::example_download(REGULATIONS_DOCX), docx),
    ];
    if let Some((page_md, xlsx)) = readiness {
        pages.push(Page {
            path: links::example_readiness().file(),
            title: "記入例: ★3 の準備状況".into(),
            markdown: page_md.replacen("\n\n", &format!("\n\n{fictional}\n"), 1),
        });
        files.push((links::example_download(READINESS_XLSX), xlsx));
    }
    if let Some(p) = policy_md {
        files.push((
            links::example_download(POLICY_DOCX),
            sc3_toolkit::docx::markdown_to_docx_with(&p, &docx_options).map_err(SiteError)?,
        ));
        pages.insert(
            1,
            Page {
                path: links::example_policy().file(),
                title: "記入例: 基本方針".into(),
                markdown: crate::notices::with_notice(
                    &p,
                    &(crate::notices::Notice::Policy.html() + &industry + &fictional),
                ),
            },
        );
    }
    Ok((pages, files))
}

/// The worked example's readiness page (Markdown) and checklist (XLSX): its
/// `company.toml`, its answers, the completed items of its `plan.csv` and
/// its register, through `sc3_toolkit::readiness`.
fn example_readiness(
    root: &Path,
    spec: &diagnosis::Spec,
    basis: &Basis,
    company: &Company,
    sets: &[diagnosis::Answers],
    register: &risk::Register,
) -> Result<(String, Vec<u8>), SiteError> {
    let plan_path = format!("{EXAMPLE}/{PLAN_CSV}");
    let done = if fsx::is_file(root, &plan_path).map_err(|e| SiteError(e.to_string()))? {
        let rows = sc3_toolkit::sheet::sheet_rows(PLAN_CSV, &read_bytes(root, &plan_path)?)
            .map_err(|e| SiteError(format!("{plan_path}: {e}")))?;
        // No "today": the handbook's build must not depend on the day it runs.
        let (done, problems) = readiness::plan_progress(&rows, spec, PLAN_CSV, None);
        if let Some((row, message)) = problems.first() {
            return Err(SiteError(format!("{plan_path}: {row} 行目: {message}")));
        }
        done
    } else {
        Vec::new()
    };
    let records = readiness::Company::gather(
        basis,
        Some(company),
        sets,
        done,
        (!register.assets.is_empty()).then(|| ASSETS_CSV.to_owned()),
    );
    let report = readiness::assess(basis, &records);
    let page = links::example_readiness();
    let depth = page.depth();
    let scheme = sc3_model::GuidelineRef::parse(&basis.scheme)
        .map_err(|_| SiteError(format!("{}: not id@version", basis.scheme)))?;
    let heading = |l: &readiness::Line| {
        format!(
            "## <a href=\"{}\">{}</a> {}\n\n",
            links::href(
                depth,
                &links::guideline(&scheme.id, &scheme.version).at(Anchor::Item(&l.id))
            ),
            esc(&l.id),
            esc(&l.title)
        )
    };
    let mut md = readiness::to_markdown_with(
        &report,
        &company.name,
        &basis.chapters,
        &heading,
        &|s: &str| esc(s),
    );
    let download = links::url_near(
        &page,
        &Target::file(&links::example_download(READINESS_XLSX)),
    );
    md = md.replacen(
        "| 状況（推定） |",
        &format!("チェックリスト: <a href=\"{download}\">XLSX</a>（評価基準の順。状況と根拠を記入済みで、自社の証跡・担当者・メモの列は空けてあります）\n\n| 状況（推定） |"),
        1,
    );
    let xlsx = readiness::to_xlsx(&report, &company.name, &basis.chapters).map_err(SiteError)?;
    Ok((md, xlsx))
}
