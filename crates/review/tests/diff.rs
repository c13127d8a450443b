//! The diff of two repositories in memory: one change flips two relations,
//! edits an item title a crosswalk uses, and adds a glossary term; the diff
//! reports exactly that, with coverage before and after and the entry the
//! edit made stale.

use sc3_review::change::Status;
use sc3_review::{Side, diff};

const BASE: &str = "[guideline]\nid = \"base\"\nversion = \"1\"\ntitle = \"基本\"\npublisher = \"p\"\nholds = \"summaries\"\n\n[[item]]\nid = \"k-1\"\ntitle = \"体制を定める\"\n\n[[item]]\nid = \"k-2\"\ntitle = \"情報資産を管理する\"\n\n[[item]]\nid = \"k-3\"\ntitle = \"事故に備える\"\n";
const ASSOC: &str = "[guideline]\nid = \"assoc\"\nversion = \"1\"\ntitle = \"業界\"\npublisher = \"p\"\nholds = \"summaries\"\n\n[[item]]\nid = \"A-1\"\ntitle = \"責任者を置く\"\n\n[[item]]\nid = \"A-2\"\ntitle = \"一覧を作る\"\n\n[[item]]\nid = \"A-3\"\ntitle = \"連絡先を決める\"\n\n[[item]]\nid = \"A-4\"\ntitle = \"点検する\"\n";
const GLOSSARY: &str = "[glossary]\nid = \"common\"\nscope = \"all\"\n\n[[term]]\npreferred = \"取り組み\"\nvariants = [\"取組み\"]\n";

fn crosswalk(r1: &str, r2: &str) -> String {
    let rationale = |r: &str| {
        if r == "covered" {
            String::new()
        } else {
            "rationale = \"一部だけ\"\n".to_owned()
        }
    };
    format!(
        "[crosswalk]\nsource = \"assoc@1\"\ntarget = \"base@1\"\n\n[[map]]\nsource = \"A-1\"\nrelation = \"{r1}\"\ntargets = [\"k-1\"]\n{}\n[[map]]\nsource = \"A-2\"\nrelation = \"{r2}\"\ntargets = [\"k-2\"]\n{}\n[[map]]\nsource = \"A-3\"\nrelation = \"covered\"\ntargets = [\"k-3\"]\n\n[[map]]\nsource = \"A-4\"\nrelation = \"none\"\ntargets = []\nrationale = \"点検の定めはない\"\n\n{}\n\n[[reviewed]]\nitem = \"base@1:k-1\"\ntitle = \"体制を定める\"\n\n[[reviewed]]\nitem = \"base@1:k-2\"\ntitle = \"情報資産を管理する\"\n\n[[reviewed]]\nitem = \"base@1:k-3\"\ntitle = \"事故に備える\"\n",
        rationale(r1),
        rationale(r2),
        sc3_lint::review::MARKER
    )
}

fn lint(files: &[(&str, &str)]) -> sc3_lint::Report {
    sc3_lint::lint(sc3_model::load_from_memory(
        files.iter().map(|(p, t)| (*p, t.as_bytes())),
    ))
}

#[test]
fn exactly_the_flips_the_title_the_term_coverage_and_the_stale_entry() {
    let cw_before = crosswalk("partial", "partial");
    let before = lint(&[
        ("guidelines/base/1.toml", BASE),
        ("guidelines/assoc/1.toml", ASSOC),
        ("guidelines/glossary/common.toml", GLOSSARY),
        ("mappings/assoc@1--base@1.toml", &cw_before),
    ]);
    let base_after = BASE.replace("title = \"事故に備える\"", "title = \"事故と災害に備える\"");
    let glossary_after =
        format!("{GLOSSARY}\n[[term]]\npreferred = \"サーバー\"\nvariants = [\"サーバ\"]\n");
    let cw_after = crosswalk("covered", "covered");
    let after = lint(&[
        ("guidelines/base/1.toml", &base_after),
        ("guidelines/assoc/1.toml", ASSOC),
        ("guidelines/glossary/common.toml", &glossary_after),
        ("mappings/assoc@1--base@1.toml", &cw_after),
    ]);
    let c = diff(
        Side {
            repo: &before.repo,
            diagnostics: &before.diagnostics,
        },
        Side {
            repo: &after.repo,
            diagnostics: &after.diagnostics,
        },
    );
    // Catalogs: one item's title.
    assert_eq!(c.catalogs.len(), 1);
    let g = &c.catalogs[0];
    assert_eq!((g.key.as_str(), g.status), ("base@1", Status::Changed));
    assert!(g.header.is_empty() && g.items.added.is_empty() && g.items.removed.is_empty());
    assert_eq!(g.items.changed.len(), 1);
    assert_eq!(g.items.changed[0].before.title, "事故に備える");
    assert_eq!(g.items.changed[0].after.title, "事故と災害に備える");
    // Crosswalks: two relations flipped, coverage before and after, the
    // entry on the edited item is stale.
    assert_eq!(c.crosswalks.len(), 1);
    let x = &c.crosswalks[0];
    assert_eq!(
        (x.key.as_str(), x.status),
        ("assoc@1--base@1", Status::Changed)
    );
    let flips: Vec<(&str, Option<&str>, Option<&str>)> = x
        .entries
        .changed
        .iter()
        .map(|d| {
            (
                d.source.as_str(),
                d.before.relation.as_deref(),
                d.after.relation.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        flips,
        [
            ("A-1", Some("partial"), Some("covered")),
            ("A-2", Some("partial"), Some("covered"))
        ]
    );
    assert!(x.entries.added.is_empty() && x.entries.removed.is_empty());
    let (b, a) = (
        x.coverage.before.as_ref().unwrap(),
        x.coverage.after.as_ref().unwrap(),
    );
    assert_eq!((b.covered, b.partial, b.none), (1, 2, 1));
    assert_eq!((a.covered, a.partial, a.none), (3, 0, 1));
    assert_eq!(a.shares.as_ref().unwrap().covered, 75.0);
    assert_eq!(x.stale.len(), 1);
    assert_eq!(x.stale[0].source, "A-3");
    // Glossaries: one term added.
    assert_eq!(c.glossaries.len(), 1);
    assert_eq!(c.glossaries[0].added, ["サーバー"]);
    assert!(c.glossaries[0].removed.is_empty() && c.glossaries[0].changed.is_empty());
    // Nothing else: no industry, and the only new finding is the stale entry.
    assert!(c.industries.is_empty());
    let new: Vec<&str> = c.findings.new.iter().map(|f| f.code.as_str()).collect();
    assert_eq!(new, ["M008"], "{:#?}", c.findings);
    assert!(c.findings.fixed.is_empty(), "{:#?}", c.findings.fixed);
    // The JSON has the documented top-level shape.
    let json = serde_json::to_value(&c).unwrap();
    let keys: Vec<&String> = json.as_object().unwrap().keys().collect();
    assert_eq!(
        keys,
        [
            "catalogs",
            "crosswalks",
            "glossaries",
            "industries",
            "findings"
        ]
    );
    assert_eq!(json["findings"]["new"][0]["code"], "M008");
}

#[test]
fn an_unchanged_repository_gives_an_empty_change() {
    let cw = crosswalk("partial", "covered");
    let files = [
        ("guidelines/base/1.toml", BASE),
        ("guidelines/assoc/1.toml", ASSOC),
        ("mappings/assoc@1--base@1.toml", cw.as_str()),
    ];
    let (a, b) = (lint(&files), lint(&files));
    let c = diff(
        Side {
            repo: &a.repo,
            diagnostics: &a.diagnostics,
        },
        Side {
            repo: &b.repo,
            diagnostics: &b.diagnostics,
        },
    );
    assert!(c.is_empty(), "{c:#?}");
    assert!(sc3_review::render::markdown(&c).contains("変更はありません"));
}

#[test]
fn a_moved_file_is_the_same_object() {
    let cw = crosswalk("partial", "covered");
    let a = lint(&[
        ("guidelines/base/1.toml", BASE),
        ("guidelines/assoc/1.toml", ASSOC),
        ("mappings/assoc@1--base@1.toml", cw.as_str()),
    ]);
    let b = lint(&[
        ("guidelines/base/1.toml", BASE),
        ("guidelines/old/assoc.toml", ASSOC),
        ("mappings/moved.toml", cw.as_str()),
    ]);
    let c = diff(
        Side {
            repo: &a.repo,
            diagnostics: &a.diagnostics,
        },
        Side {
            repo: &b.repo,
            diagnostics: &b.diagnostics,
        },
    );
    // No catalog or crosswalk appears as removed and added: only the new
    // findings about where the files now are.
    assert!(c.catalogs.is_empty() && c.crosswalks.is_empty(), "{c:#?}");
    assert!(
        c.findings.new.iter().all(|f| f.code == "R005"),
        "{:#?}",
        c.findings
    );
}
