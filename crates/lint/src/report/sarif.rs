//! `--format sarif`: SARIF 2.1.0, for code-scanning tools.

use sc3_model::{Repository, Severity};
use serde_json::{Value, json};

use super::{all_codes, place};
use crate::Report;

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

/// Percent-encodes a relative path for a URI reference (RFC 3986), keeping `/`.
fn uri_path(path: &str) -> String {
    let mut out = String::new();
    for b in path.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' | b'@' => {
                out.push(b as char)
            }
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}

fn location(repo: &Repository, file: sc3_model::FileId, span: &std::ops::Range<usize>) -> Value {
    let f = repo.file(file);
    let (s, e) = f.range(span);
    json!({
        "physicalLocation": {
            "artifactLocation": { "uri": uri_path(&f.path), "uriBaseId": "ROOT" },
            "region": {
                "startLine": s.line,
                "startColumn": s.column,
                "endLine": e.line,
                "endColumn": e.column,
            }
        }
    })
}

pub fn render(report: &Report) -> String {
    let codes = all_codes();
    let rules: Vec<Value> = codes
        .iter()
        .map(|m| {
            let mut rule = json!({
                "id": m.code,
                "name": m.name,
                "shortDescription": { "text": m.summary },
                "defaultConfiguration": { "level": level(m.severity) },
            });
            if !m.doc.is_empty() {
                rule["help"] = json!({ "text": m.summary, "markdown": crate::docs::markdown(m) });
            }
            rule
        })
        .collect();
    let results: Vec<Value> = report
        .diagnostics
        .iter()
        .map(|d| {
            let mut text = d.message.clone();
            if let Some(h) = &d.help {
                text.push('\n');
                text.push_str(h);
            }
            let mut r = json!({
                "ruleId": d.code,
                "ruleIndex": codes.iter().position(|m| m.code == d.code),
                "level": level(d.severity),
                "message": { "text": text },
            });
            if let Some(file) = d.file {
                let span = d.span.clone().unwrap_or(0..0);
                r["locations"] = json!([location(&report.repo, file, &span)]);
                let p = place(&report.repo, d).expect("a diagnostic with a file has a place");
                r["partialFingerprints"] = json!({
                    "sc3/v1": format!("{}:{}:{}", d.code, p.path, d.message),
                });
            }
            if let (Some(file), Some(fix)) = (d.file, &d.fix) {
                let loc = location(&report.repo, file, &fix.span);
                r["fixes"] = json!([{
                    "description": { "text": format!("「{}」に置き換える", fix.replacement) },
                    "artifactChanges": [{
                        "artifactLocation": loc["physicalLocation"]["artifactLocation"].clone(),
                        "replacements": [{
                            "deletedRegion": loc["physicalLocation"]["region"].clone(),
                            "insertedContent": { "text": fix.replacement },
                        }],
                    }],
                }]);
            }
            if !d.related.is_empty() {
                r["relatedLocations"] = d
                    .related
                    .iter()
                    .enumerate()
                    .map(|(i, rel)| {
                        let mut l = location(&report.repo, rel.file, &rel.span);
                        l["id"] = json!(i);
                        l["message"] = json!({ "text": rel.message });
                        l
                    })
                    .collect();
            }
            r
        })
        .collect();
    let root = report
        .repo
        .root
        .canonicalize()
        .unwrap_or_else(|_| report.repo.root.clone());
    let mut root_uri = format!("file://{}", uri_path(&root.to_string_lossy()));
    if !root_uri.ends_with('/') {
        root_uri.push('/');
    }
    let doc = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "sc3-lint",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": { "ROOT": { "uri": root_uri } },
            "results": results,
        }]
    });
    let mut text = serde_json::to_string_pretty(&doc).expect("a JSON value always serialises");
    text.push('\n');
    text
}
