//! Builds real handbooks with mdBook and reads the HTML back.

use std::fs;
use std::path::{Path, PathBuf};

use regex::Regex;
use sc3_site::{ExtraPage, build};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures")
}

fn build_from(root: &Path) -> (tempfile::TempDir, sc3_site::BuildSummary) {
    let loaded = sc3_model::load(root).unwrap();
    let out = tempfile::tempdir().unwrap();
    let extra = [ExtraPage {
        part: "リファレンス".into(),
        depth: 0,
        files: Vec::new(),
        path: "reference/rules.md".into(),
        title: "検査ルール一覧".into(),
        markdown: "# 検査ルール一覧\n\n本文\n".into(),
    }];
    let summary = build(&loaded.repo, out.path(), &extra).unwrap();
    (out, summary)
}

/// A temporary copy of `tests/fixtures/<name>` (with its base), to change
/// before building.
fn copy_fixture(name: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    sc3_fixtures::copy(name, tmp.path());
    tmp
}

fn read(dir: &Path, rel: &str) -> String {
    fs::read_to_string(dir.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

fn html_files(dir: &Path) -> Vec<PathBuf> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| e.into_path())
        .collect()
}

/// Every relative link with an anchor in the generated pages points at an
/// existing page that has that id.
fn assert_links_resolve(out: &Path) {
    let href = Regex::new(r##"href="([^"#:]+\.html)#([^"]+)""##).unwrap();
    let mut checked = 0;
    for page in html_files(out) {
        let rel = page
            .strip_prefix(out)
            .unwrap()
            .to_string_lossy()
            .into_owned();
        // print.html repeats every page with rewritten links.
        if rel == "print.html" {
            continue;
        }
        let text = fs::read_to_string(&page).unwrap();
        for c in href.captures_iter(&text) {
            let target = page.parent().unwrap().join(&c[1]);
            let body = fs::read_to_string(&target)
                .unwrap_or_else(|_| panic!("{rel}: broken link {}", &c[1]));
            assert!(
                body.contains(&format!("id=\"{}\"", &c[2])),
                "{rel}: no anchor #{} in {}",
                &c[2],
                &c[1]
            );
            checked += 1;
        }
    }
    assert!(
        checked > 0,
        "no links were checked in {} pages of {}",
        html_files(out).len(),
        out.display()
    );
}

#[test]
fn the_examples_build_into_a_handbook_with_generated_pages() {
    let (out, summary) = build_from(&fixtures().join("examples"));
    let out = out.path();
    assert_eq!(summary.written, 1);
    // Two catalogs, one crosswalk, one industry, three indexes, the glossary,
    // the extra page (the examples have no sample-regulation templates).
    assert_eq!(summary.generated, 9);
    let industry = read(out, "industries/example-industry.html");
    assert!(industry.contains("例示業（業界版）"));
    assert!(industry.contains("<a href=\"../guidelines/example-base/1.0.html#item-kitei-3\" title=\"情報資産を洗い出し、重要度に応じて管理する\">kitei-3</a>"));
    assert!(industry.contains("id=\"measure-second-tier\""));
    assert!(industry.contains("<td>委託先</td><td>協力会社</td>"));
    // The gap report: 非対応 and 準対応 requirements with the measure that fills them.
    assert!(industry.contains("<tr><td>3 二次以降の取引先にも対策を求める</td><td>非対応</td><td>―</td><td>基本ガイドラインは二次以降の取引先を扱っていない</td><td><a href=\"example-industry.html#measure-second-tier\">二次以降の協力会社への周知</a></td></tr>"));
    assert!(industry.contains("<tr><td>2 重要な情報の一覧を作る</td><td>準対応</td>"));
    assert!(!industry.contains("<tr><td>1 情報セキュリティの責任者を置く</td>"));
    let glossary = read(out, "glossary.html");
    assert!(glossary.contains("取組み、取組"));
    // Search: the index holds the sections' text and bigrams.
    let index: serde_json::Value =
        serde_json::from_str(&read(out, "sc3-search-index.json")).unwrap();
    let docs = index["docs"].as_array().unwrap();
    assert!(docs.iter().any(|d| {
        d["b"]
            .as_str()
            .unwrap()
            .contains("二次以降の協力会社への周知")
    }));
    let hits = index["bigrams"]["協力"].as_array().unwrap();
    assert!(!hits.is_empty());
    // The coverage matrix: one cell per in-scope item, linked to its row.
    let cw_page = read(out, "mappings/example-assoc@2.0--example-base@1.0.html");
    assert_eq!(cw_page.matches("<a href=\"#map-").count(), 3);
    assert!(read(out, "intro.html").contains("はじめに"));

    let base = read(out, "guidelines/example-base/1.0.html");
    assert!(base.contains("例示用の基本ガイドライン（1.0）"));
    for id in ["kitei-1", "kitei-2", "kitei-3", "kitei-4"] {
        assert!(
            base.contains(&format!("id=\"item-{id}\"")),
            "anchor for {id}"
        );
    }
    assert!(base.contains("id=\"group-kitei\""));
    // The reverse view: each base item lists the requirements mapped onto it.
    assert!(base.contains("この項目を突合・参照している要求事項"));
    assert!(base.contains(
        "<a href=\"../../mappings/example-assoc@2.0--example-base@1.0.html#map-2\">example-assoc 2（準対応）</a>"
    ));

    let cw = read(out, "mappings/example-assoc@2.0--example-base@1.0.html");
    assert!(cw.contains("<a href=\"../guidelines/example-base/1.0.html#item-kitei-1\">kitei-1 情報セキュリティの管理体制を定める</a>"));
    assert!(cw.contains("一覧の作成は求めるが、重要度の付け方までは定めていない"));
    assert!(cw.contains("二次以降の協力会社への周知（例示業）"));
    // Coverage: one of each of the three outcomes among three in-scope items.
    let row = |label: &str| {
        format!(
            "<tr><td>{label}</td><td style=\"text-align: right\">1</td><td style=\"text-align: right\">33.3%</td></tr>"
        )
    };
    for label in ["対応", "準対応", "非対応"] {
        assert!(cw.contains(&row(label)), "{label} row");
    }
    // Item 4 is LV2, outside the scope: not listed as missing.
    assert!(!cw.contains("年に一度、対策状況を点検する"));

    let index = read(out, "mappings/index.html");
    assert!(
        index.contains("mappings/example-assoc@2.0--example-base@1.0.html")
            || index.contains("example-assoc@2.0--example-base@1.0.html")
    );
    let toc = read(out, "toc.html");
    assert!(toc.contains("突合表一覧") && toc.contains("検査ルール一覧"));
    assert_links_resolve(out);
}

#[test]
fn the_repository_handbook_has_every_base_item_anchor() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (out, summary) = build_from(&root);
    assert!(
        summary.written >= 6,
        "hand-written chapters: {}",
        summary.written
    );
    let page = read(out.path(), "guidelines/ipa-sme/3.1.html");
    let anchors = Regex::new(r#"id="item-[a-z0-9.-]+""#)
        .unwrap()
        .find_iter(&page)
        .count();
    let catalog = sc3_model::load(&root).unwrap();
    let sme = catalog
        .repo
        .guidelines
        .iter()
        .find(|g| g.key() == "ipa-sme@3.1")
        .unwrap();
    assert_eq!(anchors, sme.items.len());
    assert!(page.contains("id=\"item-diag-25\""));
}

#[test]
fn hostile_content_reaches_the_page_as_text() {
    let tmp = copy_fixture("examples");
    let root = tmp.path();
    let base = root.join("guidelines/example-base/1.0.toml");
    let text = fs::read_to_string(&base)
        .unwrap()
        .replace(
            "title = \"例示用の基本ガイドライン\"",
            "title = \"<script>alert('t')</script>\"",
        )
        .replace(
            "url = \"https://example.org/base\"",
            "url = \"javascript:alert('u')\"",
        )
        .replace(
            "title = \"情報セキュリティの管理体制を定める\"",
            "title = \"[x](javascript:alert('m')) <img src=x onerror=alert('i')>\"",
        )
        .replace(
            "title = \"関連規程\"",
            "title = \"関連規程 {#evil} *強調* | 列\\n\\n<iframe>\"",
        );
    fs::write(&base, text).unwrap();
    let cw = root.join("mappings/example-assoc@2.0--example-base@1.0.toml");
    let text = fs::read_to_string(&cw).unwrap().replace(
        "rationale = \"一覧の作成は求めるが、重要度の付け方までは定めていない\"",
        "rationale = \"</td></tr></table><script>alert('r')</script>\\n\\n# 見出し\"",
    );
    fs::write(&cw, text).unwrap();

    let (out, _) = build_from(root);
    for page in html_files(out.path()) {
        let html = fs::read_to_string(&page).unwrap();
        // Markup the content tried to inject; the same words shown as text are fine.
        for bad in [
            "<script>alert",
            "href=\"javascript",
            "<a href=\"javascript",
            "<img src=x",
            "<iframe>",
            "id=\"evil\"",
            "<em>強調</em>",
        ] {
            assert!(!html.contains(bad), "{} contains {bad}", page.display());
        }
    }
    let g = read(out.path(), "guidelines/example-base/1.0.html");
    assert!(
        g.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;")
            || g.contains("&lt;script&gt;alert('t')&lt;/script&gt;"),
        "the title is shown as text"
    );
    assert!(
        g.contains("[x](javascript:alert(&#39;m&#39;)) &lt;img")
            || g.contains("[x](javascript:alert('m')) &lt;img"),
        "the link syntax is shown as text"
    );
    let c = read(
        out.path(),
        "mappings/example-assoc@2.0--example-base@1.0.html",
    );
    assert!(
        c.contains("&lt;/td&gt;&lt;/tr&gt;&lt;/table&gt;"),
        "the rationale is shown as text"
    );
}

/// Markup in every free-text value of the repository (titles, texts, names,
/// rationales, notes, maintainers, variants…) reaches every kind of generated
/// page as text: the invariant "content never becomes markup", page by page.
#[test]
fn every_content_string_reaches_every_page_as_text() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let tmp = tempfile::tempdir().unwrap();
    let text_value = Regex::new(
        r#"(?m)^((?:title|text|name|association|rationale|note|publisher|document|edition|selection) = "|(?:maintainers|variants) = \[")"#,
    )
    .unwrap();
    for folder in ["guidelines", "mappings", "book"] {
        for entry in walkdir::WalkDir::new(root.join(folder)) {
            let entry = entry.unwrap();
            let rel = entry.path().strip_prefix(&root).unwrap();
            let to = tmp.path().join(rel);
            if entry.file_type().is_dir() {
                fs::create_dir_all(&to).unwrap();
            } else if rel.extension().is_some_and(|x| x == "toml") {
                let text = fs::read_to_string(entry.path()).unwrap();
                fs::write(
                    &to,
                    text_value.replace_all(&text, "${1}<sc3x>*sc3y* ").as_ref(),
                )
                .unwrap();
            } else {
                fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
    let (out, _) = build_from(tmp.path());
    for page in html_files(out.path()) {
        let html = fs::read_to_string(&page).unwrap();
        for bad in ["<sc3x>", "<em>sc3y</em>"] {
            assert!(!html.contains(bad), "{} contains {bad}", page.display());
        }
    }
    for page in [
        "guidelines/index.html",
        "guidelines/ipa-sme/3.1.html",
        "mappings/index.html",
        "mappings/meti-sc@2026--ipa-sme@3.1.html",
        "migration.html",
        "industries/index.html",
        "industries/construction.html",
        "glossary.html",
        "regulations/construction/index.html",
        "regulations/construction/01-organization.html",
        "tools/example.html",
    ] {
        let html = read(out.path(), page);
        assert!(
            html.contains("&lt;sc3x&gt;*sc3y*"),
            "{page} shows the marked content as text"
        );
    }
}

/// Every file of a built book, as (relative path, bytes).
fn tree(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<_> = walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn two_builds_of_the_same_content_are_byte_identical() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (a, _) = build_from(&root);
    let (b, _) = build_from(&root);
    let (ta, tb) = (tree(a.path()), tree(b.path()));
    assert!(ta.len() > 50, "a whole handbook: {} files", ta.len());
    let names = |t: &[(String, Vec<u8>)]| t.iter().map(|(n, _)| n.clone()).collect::<Vec<_>>();
    assert_eq!(names(&ta), names(&tb));
    for ((name, x), (_, y)) in ta.iter().zip(&tb) {
        assert!(x == y, "{name} differs between two builds");
    }
}

#[test]
fn the_repository_handbook_has_both_editions_and_their_regulations() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let (out, _) = build_from(&root);
    let out = out.path();
    scope_and_telework_keep_their_meaning_in_every_edition(&root, out);
    // A practice that relates to several items of a chapter is shown once.
    for page in html_files(&out.join("regulations")) {
        let html = fs::read_to_string(&page).unwrap();
        let mut seen = std::collections::BTreeSet::new();
        for link in html.split("href=\"../../industries/").skip(1) {
            let target = link.split('"').next().unwrap();
            if target.contains("#handling-") || target.contains("#measure-") {
                assert!(
                    seen.insert(target.to_owned()),
                    "{} shows {target} twice",
                    page.display()
                );
            }
        }
    }
    // A group's heading carries the anchor its fragment names.
    let g = read(out, "guidelines/kakuu-seimitsu/1.0.html");
    assert!(g.contains("id=\"group-K-1\""), "group anchor as written");
    the_fictional_example_is_marked_and_fills_its_gaps(&root, out);
    let construction = read(out, "regulations/construction/09-outsourcing.html");
    let base = read(out, "regulations/base/09-outsourcing.html");
    // Terms: the base edition says 顧客, the construction edition 発注者
    // (clause 9.6). 委託先 stays in both: 協力会社 would narrow chapter 9,
    // whose outsourcing includes payroll and system maintenance.
    assert!(base.contains("顧客又は") && !base.contains("発注者"));
    assert!(construction.contains("発注者又は") && !construction.contains("顧客又は"));
    assert!(construction.contains("給与計算") && construction.contains("委託先を"));
    // Clauses link the base items they implement.
    assert!(base.contains("href=\"../../guidelines/ipa-sme/3.1.html#item-kitei-9\""));
    // Industry additions appear in the industry edition only.
    assert!(construction.contains("class=\"sc3-industry\""));
    assert!(!base.contains("class=\"sc3-industry\""));
    for id in ["auto-parts", "construction"] {
        let page = read(out, &format!("industries/{id}.html"));
        assert!(page.contains(&format!("../regulations/{id}/index.html")));
        assert!(page.contains("id=\"handling-"));
    }
    // The survey chart is drawn from book/data/survey.toml.
    let why = read(out, "why.html");
    assert!(why.contains("<figure class=\"sc3-chart\"><svg"));
    assert!(why.contains("52.1%"));
    assert!(!why.contains("<!-- chart:"));
    // The 3.1 → 4.0 migration report: every 4.0 item differs from 3.1 (the
    // carried ones say they were not checked against the 4.0 text), and the
    // one change facts.md knows of reads side by side with the old text.
    let migration = read(out, "migration.html");
    assert!(migration.contains("<tr><td>0</td><td>59</td><td>0</td><td>0</td></tr>"));
    let row = migration
        .split("<tr>")
        .find(|r| r.contains("#item-practice-3\">practice-3</a>"))
        .expect("practice-3 is a changed item");
    assert!(row.contains("規程のサンプルは付録5（情報セキュリティ関連規程）にあります。</td>"));
    assert!(row.contains(
        "リスク値（重要度と被害の起こりやすさの積）が6〜9のものを「高」、4のものを「中」とします"
    ));
    // The crosswalk moved to 4.0: the two 非対応 entries (no targets) carried,
    // 79 to review, none reviewed yet.
    assert!(migration.contains("<tr><td>2</td><td>0</td><td>79</td></tr>"));
    for carried in ["4-4-1-2", "5-1-1-3"] {
        assert!(migration.contains(&format!(
            "<a href=\"mappings/meti-sc@2026--ipa-sme@4.0.html#map-{carried}\">{carried}</a>"
        )));
    }
    assert!(migration.contains("<tr><td><a href=\"mappings/meti-sc@2026--ipa-sme@4.0.html#map-1-2-1-2\">1-2-1-2</a></td><td><a href=\"guidelines/ipa-sme/4.0.html#item-practice-1\">practice-1</a></td><td>―</td></tr>"));
    let sme4 = read(out, "guidelines/ipa-sme/4.0.html");
    assert!(sme4.contains(
        "ipa-sme@3.1（<a href=\"../../migration.html#migration-ipa-sme-4-0\">版の移行レポート</a>）"
    ));
    assert!(
        !sme4.contains("発行日"),
        "4.0's date is unknown and not invented"
    );

    // The METI → JAMA/JAPIA and METI → ISO crosswalks copy citations: they
    // are shown as 参照あり / 参照なし with no shares, and nothing is inferred
    // through them.
    assert!(
        !out.join("inferred/japia@2.3--meti-sc@2026--ipa-sme@3.1.html")
            .exists()
    );
    let japia_cw = read(out, "mappings/meti-sc@2026--japia@2.3.html");
    assert!(japia_cw.contains("参照の対照表"));
    assert!(japia_cw.contains("<td>参照あり</td><td style=\"text-align: right\">"));
    assert!(!japia_cw.contains("準対応"));
    let share = Regex::new(r"\d\.\d%").unwrap();
    assert!(!share.is_match(&japia_cw) && !japia_cw.contains("割合</th>"));
    let index = read(out, "mappings/index.html");
    let cited = index.split("参照の対照表").nth(1).unwrap();
    assert!(!share.is_match(cited), "no shares for citations");
    assert!(share.is_match(index.split("参照の対照表").next().unwrap()));
    let japia = read(out, "guidelines/japia/2.3.html");
    assert!(japia.contains("原典の 153 項目のうち 93 項目"));
    assert!(japia.contains("番号とレベルだけを収めています"));
    assert!(japia.contains("<a href=\"#item-36\">36</a>"));
    assert!(japia.contains("（参照あり）"));
    assert!(!japia.contains("（準対応）"));
    let iso = read(out, "guidelines/iso27001/2022.html");
    assert!(iso.contains("id=\"item-A.5.1\""));
    let meti = read(out, "guidelines/meti-sc/2026.html");
    assert!(meti.contains("経済産業省が公表した文言のまま"));
    assert!(
        meti.contains("ユーザIDの管理手続"),
        "the publisher's spelling is kept"
    );
    let toc = read(out, "toc.html");
    assert!(toc.contains("版の移行レポート"));
    // Every anchored link in the whole book, hand-written chapters included.
    assert_links_resolve(out);
}

/// A copy of the migrate fixture with `assoc@2.0--base@1.1` as `crosswalk
/// migrate` writes it, after someone confirmed entry 3 against the new text.
#[test]
fn the_migration_report_sorts_items_and_entries() {
    let tmp = copy_fixture("migrate");
    let root = tmp.path();
    fs::write(
        root.join("mappings/assoc@2.0--base@1.1.toml"),
        r#"[crosswalk]
source = "assoc@2.0"
target = "base@1.1"
status = "draft"

[[map]]
source = "1"
relation = "covered"
targets = ["kitei-1"]
strm = "equal-to"

[[map]]
source = "2"
relation = "partial"
targets = ["kitei-2", "kitei-3"]
strm = "subset-of"
rationale = "一覧は求めるが、重要度の付け方は定めていない"

[[map]]
source = "3"
relation = "covered"
targets = ["kitei-3"]

[[reviewed]]
item = "base@1.1:kitei-1"
title = "管理体制を定める"

[[reviewed]]
item = "base@1.1:kitei-3"
title = "情報資産を洗い出し、重要度に応じて管理する"
"#,
    )
    .unwrap();
    let (out, _) = build_from(root);
    let out = out.path();
    let page = read(out, "migration.html");
    // Items: kitei-1 unchanged, kitei-3 reworded, kitei-4 added, kitei-2 dropped.
    assert!(page.contains("<tr><td>1</td><td>1</td><td>1</td><td>1</td></tr>"));
    assert!(page.contains("<tr><td><a href=\"guidelines/base/1.1.html#item-kitei-3\">kitei-3</a></td><td><b>情報資産を管理する</b></td><td><b>情報資産を洗い出し、重要度に応じて管理する</b></td></tr>"));
    assert!(page.contains("<tr><td><a href=\"guidelines/base/1.1.html#item-kitei-4\">kitei-4</a></td><td><b>委託先を管理する</b></td></tr>"));
    assert!(page.contains("<tr><td><a href=\"guidelines/base/1.0.html#item-kitei-2\">kitei-2</a></td><td><b>従業員に教育を行う</b></td></tr>"));
    // Entries: 1 carried, 3 reviewed since (its stamp reads as 1.1 does), 2
    // still pending because kitei-2 is gone (kitei-3 was confirmed).
    assert!(page.contains("<tr><td>1</td><td>1</td><td>1</td></tr>"));
    assert!(page.contains("<tr><td><a href=\"mappings/assoc@2.0--base@1.1.html#map-2\">2</a></td><td>―</td><td>kitei-2</td></tr>"));
    assert!(page.contains("そのまま引き継いだ対応づけ</a></h4>\n<p><a href=\"mappings/assoc@2.0--base@1.1.html#map-1\">1</a></p>"));
    assert!(page.contains("見直し済みの対応づけ</a></h4>\n<p><a href=\"mappings/assoc@2.0--base@1.1.html#map-3\">3</a></p>"));
    assert!(page.contains("移行元: <a href=\"mappings/assoc@2.0--base@1.0.html\">"));
    // Two versions of one guideline are never an inferred pair.
    assert!(!out.join("inferred").exists());
    assert_links_resolve(out);
}

/// Inferred crosswalks through a pivot come from judgments only: `other`
/// judged against the examples' association guideline reaches the base
/// through it; the same entries as citations reach nothing.
#[test]
fn inferred_crosswalks_chain_judgments_never_citations() {
    let tmp = copy_fixture("examples");
    let root = tmp.path();
    fs::create_dir_all(root.join("guidelines/other")).unwrap();
    fs::write(
        root.join("guidelines/other/1.0.toml"),
        "[guideline]\nid = \"other\"\nversion = \"1.0\"\ntitle = \"別の業界ガイドライン\"\nholds = \"summaries\"\n\n[[item]]\nid = \"O-1\"\ntitle = \"責任者を決める\"\n",
    )
    .unwrap();
    let crosswalk = |basis: &str, relation: &str| {
        format!(
            "[crosswalk]\nsource = \"other@1.0\"\ntarget = \"example-assoc@2.0\"\n{basis}\n[[map]]\nsource = \"O-1\"\nrelation = \"{relation}\"\ntargets = [\"1\"]\nrationale = \"責任者を置くことは同じ\"\n"
        )
    };
    let path = root.join("mappings/other@1.0--example-assoc@2.0.toml");
    fs::write(&path, crosswalk("", "covered")).unwrap();
    let (out, _) = build_from(root);
    let page = read(
        out.path(),
        "inferred/other@1.0--example-assoc@2.0--example-base@1.0.html",
    );
    assert!(page.contains("推定"));
    assert!(page.contains("O-1"));
    assert!(page.contains("kitei-1"));

    fs::write(&path, crosswalk("basis = \"citation\"", "cited")).unwrap();
    let (out, _) = build_from(root);
    assert!(!out.path().join("inferred").exists());
}

/// The worked example of the handbook's core process (導入の進め方): a made-up
/// association's guideline, its published crosswalk onto the base, and its
/// industry edition. Everything about it says it is made up, and every gap
/// its crosswalk finds is filled by one of its measures.
fn the_fictional_example_is_marked_and_fills_its_gaps(root: &Path, out: &Path) {
    let fiction = "<strong>架空の例です。</strong>";
    let catalog = read(out, "guidelines/kakuu-seimitsu/1.0.html");
    assert!(catalog.contains(fiction));
    assert!(catalog.contains("は架空の団体です。項目の番号、見出し、本文は"));
    assert!(
        !catalog.contains("公表した文言のまま"),
        "a made-up association published nothing"
    );
    assert!(
        catalog.contains("id=\"item-K-303\""),
        "ids as the association writes them"
    );

    let repo = sc3_model::load(root).unwrap().repo;
    let cw = repo
        .crosswalks
        .iter()
        .find(|c| c.key() == "kakuu-seimitsu@1.0--ipa-sme@3.1")
        .expect("the example's crosswalk");
    assert_eq!(cw.status(), sc3_model::Status::Published);
    let industry = repo
        .industries
        .iter()
        .find(|i| i.id.value == "kakuu-seimitsu")
        .expect("the example's industry edition");
    let page = read(out, "mappings/kakuu-seimitsu@1.0--ipa-sme@3.1.html");
    assert!(page.contains(fiction));
    for (label, n) in [("対応", 14), ("準対応", 15), ("非対応", 3), ("未記入", 0)] {
        assert!(
            page.contains(&format!(
                "<td>{label}</td><td style=\"text-align: right\">{n}</td>"
            )),
            "{label}: {n}"
        );
    }
    let edition = read(out, "industries/kakuu-seimitsu.html");
    let gaps = &edition[edition
        .find("基本ガイドラインで賄えない要求事項")
        .expect("the gap report")..];
    let mut gap_count = 0;
    for m in &cw.maps {
        let rel = m.relation.as_ref().unwrap().value;
        if !matches!(
            rel,
            sc3_model::Relation::Partial | sc3_model::Relation::None
        ) {
            continue;
        }
        gap_count += 1;
        assert!(m.rationale.is_some(), "{}: why", m.source.value);
        let measure = m
            .measure
            .as_ref()
            .unwrap_or_else(|| panic!("{}: no measure fills the gap", m.source.value));
        let id = measure.value.strip_prefix("kakuu-seimitsu:").unwrap();
        assert!(industry.measures.iter().any(|x| x.id.value == id), "{id}");
        let row = gaps
            .split("<tr>")
            .find(|r| r.contains(&format!("<td>{} ", m.source.value)))
            .unwrap_or_else(|| panic!("{} is in the gap report", m.source.value));
        assert!(row.contains(&format!("kakuu-seimitsu.html#measure-{id}")));
    }
    assert_eq!(gap_count, 18);
    assert!(!gaps.contains("（未登録）"), "every gap is filled");
    assert!(edition.contains(fiction));
    assert!(
        !edition.contains("が書いたもの、または認めたものではありません"),
        "a made-up association endorses nothing, not even by denial"
    );
    assert!(read(out, "industries/construction.html").contains("認めたものではありません"));

    // Its sample regulations say they are made up, and the index lists the
    // chapters by their titles although the edition's name holds parentheses.
    let index = read(out, "regulations/kakuu-seimitsu/index.html");
    assert!(index.contains(fiction));
    assert!(index.contains(">第1章 組織的対策</a>"), "{index}");
    assert!(read(out, "regulations/kakuu-seimitsu/07-operations.html").contains(fiction));
    assert!(read(out, "regulations/construction/index.html").contains(">第1章 組織的対策</a>"));
    assert!(!read(out, "regulations/base/index.html").contains(fiction));

    // 導入の進め方 walks through it.
    let steps = read(out, "steps.html");
    for target in [
        "guidelines/kakuu-seimitsu/1.0.html",
        "mappings/kakuu-seimitsu@1.0--ipa-sme@3.1.html",
        "industries/kakuu-seimitsu.html",
        "regulations/kakuu-seimitsu/index.html",
    ] {
        assert!(steps.contains(&format!("href=\"{target}")), "{target}");
    }
    assert!(steps.contains("id=\"worked-example\""));
}

/// The text of a built page: tags removed, entities decoded, white space
/// collapsed.
fn page_text(out: &Path, rel: &str) -> String {
    let html = read(out, rel);
    let tags = Regex::new(r"<[^>]*>").unwrap();
    let text = tags
        .replace_all(&html, "")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#x27;", "'");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// An industry's word for a base term must not narrow what a clause covers:
/// in every edition (the base one and each industry's, whatever industries
/// the repository has), the scope clause covers every place of business, the
/// head office included, and telework is work outside all of them. The
/// industry's own word for 事業所 appears inside that list, not instead of it.
fn scope_and_telework_keep_their_meaning_in_every_edition(root: &Path, out: &Path) {
    let repo = sc3_model::load(root).unwrap().repo;
    let mut editions: Vec<(String, String)> = vec![("base".into(), "事業所".into())];
    for ind in &repo.industries {
        let word = ind
            .terms
            .iter()
            .find(|(base, _)| base.value == "事業所")
            .map_or("事業所".to_owned(), |(_, w)| w.value.clone());
        editions.push((ind.id.value.clone(), word));
    }
    assert!(editions.len() >= 3, "the base edition and the industries");
    for (edition, word) in &editions {
        let places = format!("拠点（本社、支店、{word}など");
        let org = page_text(out, &format!("regulations/{edition}/01-organization.html"));
        let scope = org
            .split("第1.2条（適用範囲）")
            .nth(1)
            .and_then(|s| s.split("第1.3条").next())
            .unwrap_or_else(|| panic!("{edition}: no clause 1.2"));
        assert!(
            scope.contains(&format!("当社のすべての{places}")),
            "{edition}: the scope names every place of business: {scope}"
        );
        let defined = org
            .split("第1.3条（用語の定義）")
            .nth(1)
            .unwrap_or_else(|| panic!("{edition}: no clause 1.3"));
        assert!(
            defined.contains(&format!(
                "拠点：本社、支店、{word}など、当社が業務を行うために設けたすべての場所"
            )),
            "{edition}: 拠点 is defined with the head office"
        );
        let telework = page_text(out, &format!("regulations/{edition}/12-telework.html"));
        assert!(
            telework.contains(&format!("当社の{places}。第1章の定義による。）の外で")),
            "{edition}: telework is work outside every place of business: {}",
            &telework[..telework.len().min(600)]
        );
        for narrowed in [format!("すべての{word}と"), format!("、{word}の外で")] {
            assert!(
                !org.contains(&narrowed) && !telework.contains(&narrowed),
                "{edition}: 「{narrowed}」 narrows a clause"
            );
        }
    }
}
