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
        path: "reference/rules.md".into(),
        title: "検査ルール一覧".into(),
        markdown: "# 検査ルール一覧\n\n本文\n".into(),
    }];
    let summary = build(&loaded.repo, out.path(), &extra).unwrap();
    (out, summary)
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
    assert!(base.contains("この項目に突合された要求事項"));
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
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    for entry in walkdir::WalkDir::new(fixtures().join("examples")) {
        let entry = entry.unwrap();
        let rel = entry
            .path()
            .strip_prefix(fixtures().join("examples"))
            .unwrap();
        if entry.file_type().is_dir() {
            fs::create_dir_all(root.join(rel)).unwrap();
        } else {
            fs::copy(entry.path(), root.join(rel)).unwrap();
        }
    }
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
    let construction = read(out, "regulations/construction/09-outsourcing.html");
    let base = read(out, "regulations/base/09-outsourcing.html");
    // Terms: the base edition says 委託先, the construction edition 協力会社.
    assert!(base.contains("委託先") && !base.contains("協力会社を選"));
    assert!(construction.contains("協力会社") && !construction.contains("委託先を"));
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
    // Every anchored link in the whole book, hand-written chapters included.
    assert_links_resolve(out);
}
