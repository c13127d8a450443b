//! The crate stands on its own: it can be built and published without the
//! workspace it was written in.

#[test]
fn depends_on_no_crate_beside_it() {
    let manifest = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/Cargo.toml"))
        .expect("the manifest");
    let local: Vec<&str> = manifest
        .lines()
        .filter(|l| l.contains("path = \"../") || l.trim_start().starts_with("sc3-"))
        .collect();
    assert_eq!(
        local,
        Vec::<&str>::new(),
        "dependencies on crates beside this one"
    );
    assert!(
        manifest.contains("\ndescription = "),
        "a published crate needs a description"
    );
}
