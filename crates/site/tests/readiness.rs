//! The ★3 readiness in the handbook: the diagnosis page carries the basis
//! the browser computes from (as JSON that cannot close its script
//! element), and the worked example's readiness page shows every criterion
//! with its status and path, whose words are whose, and its checklist.

use std::path::Path;

use sc3_site::pages::toolkit::{diagnosis_page, example, spec};
use sc3_toolkit::readiness::Basis;

#[test]
fn the_diagnosis_page_and_the_example_page() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let repo = sc3_model::load(&root).unwrap().repo;
    let spec = spec(&root).unwrap().unwrap();
    let basis = Basis::build(&repo, &spec, "meti-sc@2026", "★3").unwrap();

    let page = diagnosis_page(&repo, &spec, Some(&basis)).markdown;
    let start = page
        .find("<script type=\"application/json\" id=\"sc3-readiness-basis\">")
        .expect("the basis is embedded");
    let json = &page[start..];
    let json = &json[json.find('>').unwrap() + 1..json.find("</script>").unwrap()];
    assert!(!json.contains('<') && !json.contains('>'));
    let data: serde_json::Value = serde_json::from_str(json).unwrap();
    assert_eq!(data["criteria"].as_array().unwrap().len(), 81);
    assert_eq!(
        data["href"]["criteria"]["1-2-1-1"],
        "../guidelines/meti-sc/2026.html#item-1-2-1-1"
    );
    assert!(page.contains("評価でも審査でもありません"));
    assert!(page.contains("自社の証跡を用意することの代わりにはなりません"));
    // Without a basis (a repository without the scheme), no section.
    assert!(
        !diagnosis_page(&repo, &spec, None)
            .markdown
            .contains("sc3-readiness")
    );

    let (pages, files) = example(&repo, &spec, Some(&basis)).unwrap();
    let p = pages
        .iter()
        .find(|p| p.path == "tools/example-readiness.md")
        .expect("the readiness page");
    let md = &p.markdown;
    assert!(md.contains("架空"), "the fictional notice");
    assert!(md.contains("経済産業省「サプライチェーン強化に向けたセキュリティ対策評価制度」"));
    assert!(md.contains("このプロジェクトの判断"));
    assert!(md.contains("## 状況の決め方"));
    // One section per criterion, linked to the criterion, each with its
    // status and its path.
    let sections: Vec<&str> = md.split("\n## <a href=\"").skip(1).collect();
    assert!(
        sections
            .iter()
            .all(|s| s.starts_with("../guidelines/meti&#45;sc/2026.html&#35;item&#45;")),
        "{}",
        sections[0]
    );
    assert_eq!(sections.len(), 81);
    for s in &sections {
        assert!(s.contains("- 状況（推定）: **"), "{s}");
        assert!(s.contains("- 突合表（このプロジェクトの判断）: "), "{s}");
    }
    let s611 = sections
        .iter()
        .find(|s| s.contains(">6&#45;1&#45;1&#45;1</a>"))
        .unwrap();
    assert!(s611.contains("**記録が支える**"), "{s611}");
    assert!(s611.contains("完了 2026&#45;11&#45;30"), "{s611}");
    // Our words never say the company meets anything: 満たす appears only
    // where a rationale (our judgment of IPA's items) says it.
    assert_eq!(md.matches("満た").count(), count_in_rationales(&basis));
    // The checklist is offered beside it.
    let xlsx = &files
        .iter()
        .find(|(p, _)| p == "tools/example/readiness.xlsx")
        .unwrap()
        .1;
    let rows = sc3_toolkit::sheet::xlsx_rows(xlsx).unwrap();
    assert_eq!(rows.iter().filter(|(_, r)| r[1] == "★3").count(), 81);
    assert!(md.contains("example/readiness.xlsx"));
}

/// How often the rationales (our judgment of IPA's items) say 満た….
fn count_in_rationales(b: &Basis) -> usize {
    b.criteria
        .iter()
        .filter_map(|c| c.entry.as_ref())
        .map(|e| e.rationale.matches("満た").count())
        .sum()
}
