//! The server driven in-process with LSP messages, on this repository's own
//! content (read, never written: the server returns edits, it does not
//! apply them).

mod common;

use common::*;
use serde_json::{Value, json};

/// The done-when session of issue 16: a new `[[map]]` entry typed into the
/// crosswalk gets completion of `targets` with titles, a diagnostic on an
/// unknown id within one change, and a code action that fixes a term variant.
#[test]
fn typing_a_new_map_entry() {
    let text = std::fs::read_to_string(root().join(CROSSWALK)).unwrap();
    let mut c = Client::start();
    let first = c.open(CROSSWALK, &text);
    assert!(
        !codes(&first).iter().any(|c| c.starts_with('L')),
        "the saved crosswalk reads cleanly: {first:?}"
    );
    // Type a new entry before the block `crosswalk confirm` owns.
    let (line, _) = find(&text, sc3_lint::review::MARKER);
    let typed = "[[map]]\nsource = \"1-2-1-1\"\nrelation = \"covered\"\ntargets = [\"";
    let d = c.change(
        CROSSWALK,
        2,
        json!([{ "range": { "start": pos(line, 0), "end": pos(line, 0) }, "text": format!("{typed}\n") }]),
    );
    assert!(
        codes(&d).iter().any(|c| c == "L002"),
        "half-typed TOML is a syntax finding: {d:?}"
    );
    let items = c.request("textDocument/completion", at(CROSSWALK, line + 3, 12));
    let items = items.as_array().expect("a list of items");
    let practice = items
        .iter()
        .find(|i| i["label"] == "practice-1")
        .unwrap_or_else(|| panic!("practice-1 offered: {items:?}"));
    assert_eq!(
        practice["labelDetails"]["detail"],
        " 情報セキュリティの管理体制をつくる"
    );
    assert!(
        practice["documentation"]["value"]
            .as_str()
            .unwrap()
            .contains("ipa-sme@3.1")
    );
    assert_eq!(practice["textEdit"]["newText"], "practice-1");
    assert_eq!(practice["textEdit"]["range"]["start"], pos(line + 3, 12));
    // Only the target catalog's items: no METI criteria.
    assert!(items.iter().all(|i| i["label"] != "1-2-1-1"));

    // One change finishes the array with an id the target does not have.
    let d = c.change(
        CROSSWALK,
        3,
        json!([{ "range": { "start": pos(line + 3, 12), "end": pos(line + 3, 12) }, "text": "no-such-item\"]" }]),
    );
    let unknown: Vec<_> = d.iter().filter(|d| d["code"] == "R003").collect();
    assert_eq!(unknown.len(), 1, "{d:?}");
    assert!(
        unknown[0]["message"]
            .as_str()
            .unwrap()
            .contains("no-such-item")
    );
    assert_eq!(unknown[0]["range"]["start"], pos(line + 3, 11));

    // A rationale with a variant of a glossary term, and its fix.
    let d = c.change(
        CROSSWALK,
        4,
        json!([{ "range": { "start": pos(line + 4, 0), "end": pos(line + 4, 0) },
                 "text": "rationale = \"サンプル規定の2.2が定める。\"\n" }]),
    );
    let variant = d
        .iter()
        .find(|d| d["code"] == "T001")
        .unwrap_or_else(|| panic!("a T001 finding: {d:?}"));
    let range = variant["range"].clone();
    assert_eq!(range["start"], pos(line + 4, 13));
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri_of(CROSSWALK) }, "range": range,
                "context": { "diagnostics": [variant] } }),
    );
    let actions = actions.as_array().unwrap();
    let fix = actions
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("サンプル規程"))
        .unwrap_or_else(|| panic!("a fix to the preferred term: {actions:?}"));
    assert_eq!(fix["kind"], "quickfix");
    let edits = &fix["edit"]["changes"][uri_of(CROSSWALK)];
    assert_eq!(edits[0]["newText"], "サンプル規程");
    assert_eq!(edits[0]["range"], range);
    c.stop();
}

#[test]
fn hover_definition_references_and_rename() {
    let text = std::fs::read_to_string(root().join(CROSSWALK)).unwrap();
    let mut c = Client::start();
    c.open(CROSSWALK, &text);
    // `targets = ["practice-1", "action-2"]` in the first entry.
    let (line, col) = find(&text, "\"practice-1\"");
    let hover = c.request("textDocument/hover", at(CROSSWALK, line, col + 3));
    let md = hover["contents"]["value"].as_str().unwrap();
    assert!(
        md.contains("**practice-1** 情報セキュリティの管理体制をつくる"),
        "{md}"
    );
    assert!(md.contains("ipa-sme@3.1"), "{md}");
    assert!(md.contains("使われている所"), "{md}");
    assert!(md.contains(CROSSWALK), "{md}");

    let def = c.request("textDocument/definition", at(CROSSWALK, line, col + 3));
    let def = def.as_array().unwrap();
    assert_eq!(def.len(), 1);
    assert_eq!(def[0]["uri"], uri_of("guidelines/ipa-sme/3.1.toml"));
    let catalog = std::fs::read_to_string(root().join("guidelines/ipa-sme/3.1.toml")).unwrap();
    let (dl, dc) = find(&catalog, "\"practice-1\"");
    assert_eq!(def[0]["range"]["start"], pos(dl, dc));

    // From a catalog item: every crosswalk entry and industry measure.
    let (dl, dc) = find(&catalog, "\"practice-4\"");
    let refs = c.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri_of("guidelines/ipa-sme/3.1.toml") },
                "position": pos(dl, dc + 2), "context": { "includeDeclaration": false } }),
    );
    let refs = refs.as_array().unwrap();
    let files: Vec<&str> = refs.iter().map(|r| r["uri"].as_str().unwrap()).collect();
    assert!(files.contains(&uri_of(CROSSWALK).as_str()), "{files:?}");
    for industry in ["auto-parts", "construction", "kakuu-seimitsu"] {
        let f = uri_of(&format!("guidelines/industries/{industry}.toml"));
        assert!(
            files.contains(&f.as_str()),
            "{industry}'s measures relate to it: {files:?}"
        );
    }
    assert!(!files.contains(&uri_of("guidelines/ipa-sme/3.1.toml").as_str()));

    // Rename: the definition and every use, only the id part of
    // `ipa-sme@3.1:practice-4`.
    let (line, col) = find(&text, "\"practice-4\"");
    let edit = c.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri_of(CROSSWALK) }, "position": pos(line, col + 3),
                "newName": "practice-04" }),
    );
    let changes = edit["changes"].as_object().unwrap();
    let in_catalog = changes[&uri_of("guidelines/ipa-sme/3.1.toml")]
        .as_array()
        .unwrap();
    assert_eq!(in_catalog.len(), 1);
    assert_eq!(in_catalog[0]["range"]["start"], pos(dl, dc + 1));
    assert_eq!(in_catalog[0]["range"]["end"], pos(dl, dc + 11));
    let industry =
        std::fs::read_to_string(root().join("guidelines/industries/auto-parts.toml")).unwrap();
    let (il, ic) = find(&industry, "ipa-sme@3.1:practice-4");
    let in_industry = changes[&uri_of("guidelines/industries/auto-parts.toml")]
        .as_array()
        .unwrap();
    assert_eq!(in_industry.len(), 3);
    assert!(in_industry.iter().all(|e| e["newText"] == "practice-04"));
    let first = in_industry
        .iter()
        .find(|e| e["range"]["start"]["line"] == il)
        .unwrap();
    assert_eq!(
        first["range"]["start"]["character"],
        ic + "ipa-sme@3.1:".len()
    );
    let total: usize = changes.values().map(|v| v.as_array().unwrap().len()).sum();
    assert_eq!(total, refs.len() + 1, "every use and the definition");

    // A bad new name is refused.
    let r = c.request_raw(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri_of(CROSSWALK) }, "position": pos(line, col + 3),
                "newName": "a b" }),
    );
    assert!(r.unwrap_err().message.contains("識別子に使えません"));
    c.stop();
}

#[test]
fn rename_is_refused_in_a_generated_catalog() {
    let mut c = Client::start();
    let text = std::fs::read_to_string(root().join(CROSSWALK)).unwrap();
    c.open(CROSSWALK, &text);
    // The entries' sources are items of meti-sc@2026, generated by import.
    let (line, col) = find(&text, "source = \"1-2-1-1\"");
    let r = c.request_raw(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri_of(CROSSWALK) }, "position": pos(line, col + 12),
                "newName": "x-1" }),
    );
    let e = r.expect_err("refused");
    assert!(e.message.contains("generated"), "{}", e.message);
    c.stop();
}

#[test]
fn strm_completion_agrees_with_relation() {
    let mut c = Client::start();
    let text = std::fs::read_to_string(root().join(CROSSWALK)).unwrap();
    c.open(CROSSWALK, &text);
    let (line, _) = find(&text, sc3_lint::review::MARKER);
    c.change(
        CROSSWALK,
        2,
        json!([{ "range": { "start": pos(line, 0), "end": pos(line, 0) },
                 "text": "[[map]]\nsource = \"1-2-1-1\"\nrelation = \"partial\"\nstrm = \"\n" }]),
    );
    let items = c.request("textDocument/completion", at(CROSSWALK, line + 3, 8));
    let mut labels: Vec<&str> = items
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["label"].as_str().unwrap())
        .collect();
    labels.sort();
    assert_eq!(labels, ["intersects-with", "subset-of"]);
    // relation itself: the judgment vocabulary, in Japanese too.
    let items = c.request("textDocument/completion", at(CROSSWALK, line + 2, 12));
    let items = items.as_array().unwrap();
    let covered = items.iter().find(|i| i["label"] == "covered").unwrap();
    assert_eq!(covered["detail"], "対応");
    assert!(items.iter().all(|i| i["label"] != "cited"));
    c.stop();
}

/// Bad buffers and bad positions never crash the server: each request gets
/// an answer (empty, or an error), and the server still works afterwards.
#[test]
fn bad_input_never_crashes() {
    let mut c = Client::start();
    // Half-typed TOML, binary noise, an unterminated string.
    let d = c.open(
        "mappings/x@1--y@2.toml",
        "[crosswalk\nsource = \"x@1\ntargets = [\"\u{0}\u{FFFF}",
    );
    assert!(codes(&d).iter().any(|c| c == "L002"), "{d:?}");
    for (line, ch) in [
        (0, 0),
        (1, 9999),
        (9999, 0),
        (2, 11),
        (u32::MAX as usize, u32::MAX as usize),
    ] {
        for method in [
            "textDocument/completion",
            "textDocument/hover",
            "textDocument/definition",
            "textDocument/prepareRename",
        ] {
            let r = c.request_raw(method, at("mappings/x@1--y@2.toml", line, ch));
            assert!(
                r.as_ref().err().is_none_or(|e| e.code != -32603),
                "{method}: {r:?}"
            );
        }
    }
    // A position in the middle of a surrogate pair.
    let text = "[crosswalk]\nsource = \"𝄞𝄞\"\n";
    c.change("mappings/x@1--y@2.toml", 2, json!([{ "text": text }]));
    let d = c.change(
        "mappings/x@1--y@2.toml",
        3,
        json!([{ "range": { "start": pos(1, 11), "end": pos(1, 12) }, "text": "a" }]),
    );
    assert!(!d.is_empty());
    // A range whose end is before its start, and a range past the end.
    c.change(
        "mappings/x@1--y@2.toml",
        4,
        json!([{ "range": { "start": pos(1, 5), "end": pos(0, 1) }, "text": "" },
               { "range": { "start": pos(99, 0), "end": pos(120, 3) }, "text": "\n" }]),
    );
    // Files outside the root and other schemes: no answer, no crash.
    let outside = "file:///etc/passwd";
    c.notify(
        "textDocument/didOpen",
        json!({ "textDocument": { "uri": outside, "languageId": "toml", "version": 1, "text": "x" } }),
    );
    let r = c.request(
        "textDocument/hover",
        json!({ "textDocument": { "uri": outside }, "position": pos(0, 0) }),
    );
    assert_eq!(r, Value::Null);
    let r = c.request(
        "textDocument/completion",
        json!({ "textDocument": { "uri": "untitled:Untitled-1" }, "position": pos(0, 0) }),
    );
    assert_eq!(r, Value::Null);
    // Parameters of the wrong shape.
    let r = c.request_raw("textDocument/hover", json!({ "nonsense": true }));
    assert_eq!(r.unwrap_err().code, -32602);
    let r = c.request_raw("no/such/method", json!({}));
    assert_eq!(r.unwrap_err().code, -32601);
    // Still working.
    let text = std::fs::read_to_string(root().join(CROSSWALK)).unwrap();
    let d = c.open(CROSSWALK, &text);
    assert!(!codes(&d).iter().any(|c| c.starts_with('L')));
    c.stop();
}

#[test]
fn missing_map_entries_with_candidates() {
    let text = std::fs::read_to_string(root().join(CROSSWALK)).unwrap();
    // Remove the first entry: its source item becomes unmapped (M001).
    let start = text.find("[[map]]").unwrap();
    let end = start + 1 + text[start + 1..].find("[[map]]").unwrap();
    let edited = format!("{}{}", &text[..start], &text[end..]);
    let mut c = Client::start();
    let d = c.open(CROSSWALK, &edited);
    let m001 = d
        .iter()
        .find(|d| d["code"] == "M001")
        .unwrap_or_else(|| panic!("M001: {d:?}"));
    let actions = c.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri_of(CROSSWALK) }, "range": m001["range"],
                "context": { "diagnostics": [m001] } }),
    );
    let add = actions
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["title"].as_str().unwrap().contains("[[map]] を追加"))
        .unwrap_or_else(|| panic!("{actions}"));
    let new_text = add["edit"]["changes"][uri_of(CROSSWALK)][0]["newText"]
        .as_str()
        .unwrap();
    assert!(new_text.contains("[[map]]\n"), "{new_text}");
    assert!(new_text.contains("source = \"1-2-1-1\""), "{new_text}");
    assert!(
        new_text.contains("# 候補（cargo xtask suggest"),
        "{new_text}"
    );
    // Inserted before the block `crosswalk confirm` owns.
    let (marker_line, _) = find(&edited, sc3_lint::review::MARKER);
    let at_line = add["edit"]["changes"][uri_of(CROSSWALK)][0]["range"]["start"]["line"]
        .as_u64()
        .unwrap() as usize;
    assert!(at_line < marker_line);
    c.stop();
}

/// An edit to a catalog re-checks the open crosswalk that reads it at once,
/// without waiting for the whole lint.
#[test]
fn an_edited_catalog_rechecks_the_open_crosswalk() {
    const CATALOG: &str = "guidelines/ipa-sme/3.1.toml";
    let crosswalk = std::fs::read_to_string(root().join(CROSSWALK)).unwrap();
    let catalog = std::fs::read_to_string(root().join(CATALOG)).unwrap();
    let mut c = Client::start();
    c.open(CROSSWALK, &crosswalk);
    c.open(CATALOG, &catalog);
    let (line, col) = find(&catalog, "\"practice-1\"");
    c.change(
        CATALOG,
        2,
        json!([{ "range": { "start": pos(line, col + 1), "end": pos(line, col + 11) }, "text": "practice-x" }]),
    );
    let d = c.diagnostics_until(&uri_of(CROSSWALK), 1, |d| {
        d.iter().any(|d| d["code"] == "R003")
    });
    let unknown: Vec<_> = d.iter().filter(|d| d["code"] == "R003").collect();
    assert_eq!(
        unknown.len(),
        crosswalk.matches("\"practice-1\"").count(),
        "{unknown:?}"
    );
    assert!(
        unknown
            .iter()
            .all(|d| d["message"].as_str().unwrap().contains("practice-1"))
    );
    // Closing the catalog unsaved: the saved file counts again, and the
    // crosswalk is clean again.
    c.notify(
        "textDocument/didClose",
        json!({ "textDocument": { "uri": uri_of(CATALOG) } }),
    );
    c.diagnostics_until(&uri_of(CROSSWALK), 1, |d| {
        !d.iter().any(|d| d["code"] == "R003")
    });
    c.stop();
}
