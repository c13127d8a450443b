//! Every catalog and crosswalk of the repository, exported to OSCAL, validates
//! against NIST's official OSCAL 1.2.1 JSON schemas (../shared/data/oscal).

use std::path::Path;

fn schema(name: &str) -> serde_json::Value {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/oscal")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap()
}

fn repository() -> sc3_model::Repository {
    sc3_model::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("../.."))
        .unwrap()
        .repo
}

#[test]
#[ignore = "needs ../shared/data/oscal beside the repository; .ci/run runs it"]
fn every_export_validates_against_the_official_schemas() {
    let (catalog, mapping) = (
        schema("oscal_catalog_schema.json"),
        schema("oscal_mapping_schema.json"),
    );
    let catalog = jsonschema::validator_for(&catalog).unwrap();
    let mapping = jsonschema::validator_for(&mapping).unwrap();
    let repo = repository();
    let files = sc3_interop::oscal::export_all(&repo);
    let (mut catalogs, mut mappings) = (0, 0);
    for (name, text) in &files {
        let doc: serde_json::Value = serde_json::from_str(text).unwrap();
        let validator = if name.ends_with(".catalog.json") {
            catalogs += 1;
            &catalog
        } else {
            mappings += 1;
            &mapping
        };
        let errors: Vec<String> = validator
            .iter_errors(&doc)
            .take(5)
            .map(|e| format!("{} (schema {})", e.instance_path(), e.schema_path()))
            .collect();
        assert!(errors.is_empty(), "{name}: {errors:#?}");
    }
    assert_eq!(catalogs, repo.guidelines.len());
    // Judgments are mappings; citations are links from the citing catalog.
    assert_eq!(
        mappings,
        repo.crosswalks.iter().filter(|c| c.is_judgment()).count()
    );
    assert!(mappings >= 2, "the repository's crosswalks are exported");
    let (_, meti) = files
        .iter()
        .find(|(n, _)| n == "meti-sc_2026.catalog.json")
        .unwrap();
    let meti: serde_json::Value = serde_json::from_str(meti).unwrap();
    let control = &meti["catalog"]["groups"][0]["groups"][0]["groups"][0]["controls"][0];
    assert_eq!(control["id"], "item-1-1-1-1");
    let links = control["links"].as_array().unwrap();
    assert!(
        links.contains(&serde_json::json!({
            "href": "japia_2.3.catalog.json#item-9",
            "rel": "reference",
            "text": "japia@2.3 9"
        })),
        "{links:#?}"
    );
    assert!(links.iter().all(|l| l["rel"] == "reference"));
    assert!(
        files.iter().all(
            |(_, t)| !t.contains("\"relationship\": \"intersects-with\"") || !t.contains("japia")
        ),
        "no citation becomes a relationship"
    );
}

#[test]
fn exports_are_stable_and_keep_every_entry() {
    let repo = repository();
    let a = sc3_interop::oscal::export_all(&repo);
    let b = sc3_interop::oscal::export_all(&repository());
    assert_eq!(a, b, "re-export gives the same documents, UUIDs included");
    let (_, text) = a
        .iter()
        .find(|(n, _)| n == "meti-sc_2026--ipa-sme_3.1.mapping.json")
        .unwrap();
    let doc: serde_json::Value = serde_json::from_str(text).unwrap();
    let maps = doc["mapping-collection"]["mappings"][0]["maps"]
        .as_array()
        .unwrap();
    let cw = repo
        .crosswalks
        .iter()
        .find(|c| c.key() == "meti-sc@2026--ipa-sme@3.1")
        .unwrap();
    let gaps = doc["mapping-collection"]["mappings"][0]["source-gap-summary"]["unmapped-controls"]
        [0]["with-ids"]
        .as_array()
        .map_or(0, Vec::len);
    assert_eq!(
        gaps,
        cw.maps.iter().filter(|m| m.targets.is_empty()).count()
    );
    assert_eq!(
        maps.len() + gaps,
        cw.maps.len(),
        "every entry is a map or a listed gap"
    );
    // The relationship comes from strm where given.
    let first = &cw.maps[0];
    assert_eq!(
        maps[0]["relationship"],
        first.strm.as_ref().unwrap().value.as_str()
    );
    assert_eq!(
        maps[0]["sources"][0]["id-ref"],
        format!("item-{}", first.source.value)
    );
}
