//! The crosswalk page's counts, against `sc3_model::coverage`.

use sc3_site::pages::crosswalks::crosswalk_page;

/// The page counts what `sc3_model::coverage` counts: an item with two
/// entries (M002) once, by its first; an entry for an item the catalog
/// lacks, or out of scope, not at all. The table still shows every row.
#[test]
fn the_page_counts_items_as_the_model_does() {
    let catalog = "[guideline]\nid = \"a\"\nversion = \"1\"\ntitle = \"A\"\nlevels = [\"LV1\", \"LV2\"]\n\n[[item]]\nid = \"1\"\ntitle = \"x\"\nlevel = \"LV1\"\n\n[[item]]\nid = \"2\"\ntitle = \"y\"\nlevel = \"LV1\"\n\n[[item]]\nid = \"3\"\ntitle = \"z\"\nlevel = \"LV1\"\n\n[[item]]\nid = \"4\"\ntitle = \"w\"\nlevel = \"LV2\"\n";
    let maps = "[[map]]\nsource = \"1\"\nrelation = \"covered\"\ntargets = [\"x\"]\nrationale = \"一つ目\"\n\n[[map]]\nsource = \"1\"\nrelation = \"none\"\ntargets = []\nrationale = \"二つ目\"\n\n[[map]]\nsource = \"9\"\nrelation = \"covered\"\ntargets = [\"x\"]\n\n[[map]]\nsource = \"4\"\nrelation = \"partial\"\ntargets = [\"x\"]\n";
    let cw = format!(
        "[crosswalk]\nsource = \"a@1\"\ntarget = \"b@1\"\nscope = {{ levels = [\"LV1\"] }}\n\n{maps}"
    );
    let repo = sc3_model::load_from_memory([
        ("guidelines/a/1.toml", catalog.as_bytes()),
        ("mappings/a@1--b@1.toml", cw.as_bytes()),
    ])
    .repo;
    let cw = &repo.crosswalks[0];
    let (page, counted) = crosswalk_page(&repo, cw);
    let model = sc3_model::coverage::coverage(&repo, cw).unwrap();
    assert_eq!(counted, model);
    assert_eq!(
        (
            counted.covered,
            counted.none,
            counted.unmapped,
            counted.total()
        ),
        (1, 0, 2, 3)
    );
    assert!(
        page.markdown
            .contains("範囲内の突合元の項目 3 件の判定です")
    );
    // Both entries of item 1 are still rows of the table.
    assert!(page.markdown.contains("一つ目") && page.markdown.contains("二つ目"));
}
