//! The prh dictionary reader (`prh::parse`) on arbitrary bytes;
//! when a dictionary reads and compiles, its rules run over a short fixed text
//! and over the input itself, and its specs run as prh runs them.

#![no_main]

use libfuzzer_sys::fuzz_target;
use prh::{PrhDictionary, PrhError, parse};

const TEXT: &str = "# 見出し\n\nJavascriptとjavaとＧｉｔｈｕｂ、web api を使う。\n\nつくられた文書。prh:disable:web\n\n\n\u{202E}逆順\r\nサーバ\n";

/// Panics unless the error's line and column lie inside `yaml` (the column may
/// be one past the end of its line: the end of the input).
fn check_error(yaml: &str, e: &PrhError) {
    let lines: Vec<&str> = yaml.split('\n').collect();
    assert!(
        e.line >= 1 && e.line <= lines.len(),
        "line outside the input: {e:?}"
    );
    let width = lines[e.line - 1].chars().count();
    assert!(
        e.column >= 1 && e.column <= width + 1,
        "column outside line {} ({width} characters): {e:?}",
        e.line
    );
}

fn check_matches(dict: &prh::PrhMatcher, text: &str) {
    let found = dict.find(text);
    for i in &found.incomplete {
        assert!(i.start <= i.end && i.end <= text.len(), "{i:?}");
        assert!(i.rule_index < dict.rules().len(), "{i:?}");
    }
    for m in found.matches {
        assert!(m.start <= m.end && m.end <= text.len(), "{m:?}");
        assert!(
            text.is_char_boundary(m.start) && text.is_char_boundary(m.end),
            "{m:?}"
        );
        assert!(m.rule_index < dict.rules().len(), "{m:?}");
        let _ = dict.message(&m);
    }
}

fuzz_target!(|data: &[u8]| {
    let yaml = String::from_utf8_lossy(data);
    let file = match parse("fuzz.yml", &yaml) {
        Ok(file) => file,
        Err(errors) => {
            assert!(!errors.is_empty(), "a refusal must say why");
            for e in &errors {
                check_error(&yaml, e);
            }
            return;
        }
    };
    let dictionary = PrhDictionary::from_file(file);
    let matcher = match dictionary.compile() {
        Ok(m) => m,
        Err(errors) => {
            for e in &errors {
                check_error(&yaml, e);
            }
            return;
        }
    };
    for e in matcher.unsupported() {
        check_error(&yaml, e);
    }
    check_matches(&matcher, TEXT);
    check_matches(&matcher, &yaml);
    let _ = matcher.run_specs();
    // `glossary import-prh` writes this file: it must be TOML the loader reads.
    let glossary = sc3_model::prh_convert::to_glossary(&dictionary, "fuzz", "fuzz.yml");
    let loaded =
        sc3_model::load_from_memory([("guidelines/glossary/fuzz.toml", glossary.toml.as_bytes())]);
    sc3_fuzz::check_places(&loaded.repo, &loaded.diagnostics);
    assert!(
        loaded.diagnostics.iter().all(|d| d.code != "L002"),
        "the converted glossary is not valid TOML:\n{}\n{:?}",
        glossary.toml,
        loaded.diagnostics
    );
});
