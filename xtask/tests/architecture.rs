//! The layers in `ARCHITECTURE.md` ("Crates and layers") are the truth, and
//! every `Cargo.toml` must follow them: a crate depends only on crates of a
//! lower layer, `sc3-fixtures` only as a dev-dependency, and every crate of
//! the workspace has its one line in the table.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The table: crate name → (layer, its one job).
fn layers() -> BTreeMap<String, (u32, String)> {
    let doc = fs::read_to_string(root().join("ARCHITECTURE.md")).unwrap();
    let section = doc
        .split("## Crates and layers")
        .nth(1)
        .expect("ARCHITECTURE.md has a section \"Crates and layers\"");
    let section = section.split("\n## ").next().unwrap();
    section
        .lines()
        .filter_map(|l| {
            let cells: Vec<&str> = l
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let [layer, name, job] = cells.as_slice() else {
                return None;
            };
            let layer = layer.parse().ok()?;
            Some((
                name.trim_matches('`').to_owned(),
                (layer, (*job).to_owned()),
            ))
        })
        .collect()
}

/// Every manifest of the workspace: (package name, dependencies, dev-dependencies),
/// with only the workspace's own crates kept.
fn manifests() -> Vec<(String, Vec<String>, Vec<String>)> {
    let mut dirs: Vec<PathBuf> = fs::read_dir(root().join("crates"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.join("Cargo.toml").is_file())
        .collect();
    dirs.push(root().join("xtask"));
    dirs.sort();
    let mut out = Vec::new();
    for dir in dirs {
        let text = fs::read_to_string(dir.join("Cargo.toml")).unwrap();
        let manifest: toml::Table = toml::from_str(&text).unwrap();
        let name = manifest["package"]["name"].as_str().unwrap().to_owned();
        let ours = |key: &str| -> Vec<String> {
            manifest
                .get(key)
                .and_then(|d| d.as_table())
                .map(|d| {
                    d.iter()
                        .filter(|(_, v)| v.get("path").is_some())
                        .map(|(k, _)| k.clone())
                        .collect()
                })
                .unwrap_or_default()
        };
        out.push((name, ours("dependencies"), ours("dev-dependencies")));
    }
    out
}

#[test]
fn every_crate_has_its_one_job_in_architecture_md() {
    let layers = layers();
    let crates = manifests();
    assert!(crates.len() >= 9, "{crates:?}");
    let missing: Vec<_> = crates
        .iter()
        .filter(|(name, ..)| !layers.contains_key(name))
        .map(|(name, ..)| name)
        .collect();
    assert!(
        missing.is_empty(),
        "crates without a line in ARCHITECTURE.md: {missing:?}"
    );
    let gone: Vec<_> = layers
        .keys()
        .filter(|name| !crates.iter().any(|(n, ..)| n == *name))
        .collect();
    assert!(
        gone.is_empty(),
        "ARCHITECTURE.md lists crates that do not exist: {gone:?}"
    );
    for (name, (_, job)) in &layers {
        assert!(job.len() > 20, "{name}: say its one job");
    }
}

type Manifest = (String, Vec<String>, Vec<String>);

/// What breaks the layers, one sentence per edge.
fn violations(layers: &BTreeMap<String, (u32, String)>, manifests: &[Manifest]) -> Vec<String> {
    let mut wrong = Vec::new();
    for (name, deps, dev) in manifests {
        let Some((own, _)) = layers.get(name) else {
            continue; // reported by the test above
        };
        for dep in deps {
            match layers.get(dep) {
                _ if dep == "sc3-fixtures" => {
                    wrong.push(format!("{name} → {dep}: only as a dev-dependency"))
                }
                Some((layer, _)) if layer < own => {}
                Some((layer, _)) => wrong.push(format!(
                    "{name} (layer {own}) → {dep} (layer {layer}): a dependency must be of a lower layer"
                )),
                None => wrong.push(format!("{name} → {dep}: not in ARCHITECTURE.md")),
            }
        }
        // Tests may use a crate of the same layer (review's tests lint both
        // revisions), never one above.
        for dep in dev {
            if let Some((layer, _)) = layers.get(dep)
                && layer > own
            {
                wrong.push(format!(
                    "{name} (layer {own}) → {dep} (layer {layer}) in dev-dependencies"
                ));
            }
        }
    }
    wrong
}

#[test]
fn dependencies_point_down_the_layers() {
    let wrong = violations(&layers(), &manifests());
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The check itself: upward, sideways and fixture edges are refused.
#[test]
fn an_edge_up_or_sideways_is_refused() {
    let layers = layers();
    assert_eq!(layers["sc3-model"].0, 1);
    assert_eq!(layers["xtask"].0, 5);
    let m = |name: &str, deps: &[&str], dev: &[&str]| -> Manifest {
        let v = |d: &[&str]| d.iter().map(|s| s.to_string()).collect();
        (name.to_owned(), v(deps), v(dev))
    };
    let wrong = violations(
        &layers,
        &[
            m("sc3-model", &["sc3-lint"], &[]),
            m("sc3-lint", &["sc3-toolkit", "sc3-fixtures"], &["sc3-site"]),
            m("sc3-site", &["sc3-model", "sc3-interop"], &["sc3-fixtures"]),
        ],
    );
    assert_eq!(
        wrong,
        [
            "sc3-model (layer 1) → sc3-lint (layer 2): a dependency must be of a lower layer",
            "sc3-lint (layer 2) → sc3-toolkit (layer 2): a dependency must be of a lower layer",
            "sc3-lint → sc3-fixtures: only as a dev-dependency",
            "sc3-lint (layer 2) → sc3-site (layer 4) in dev-dependencies",
        ]
    );
}
