//! The Markdown scanner (`sc3_lint::text`) and the terminology check
//! (`sc3_lint::terms`) on arbitrary text, with the examples' small glossary.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sc3_fuzz::{EXAMPLES, lint_and_check};

fuzz_target!(|data: &[u8]| {
    // The scanner itself, on the text as the loader decodes it.
    let text = String::from_utf8_lossy(data);
    let md = sc3_lint::text::markdown_text(&text);
    for r in md.prose.iter().chain(&md.nodes) {
        assert!(r.start <= r.end && r.end <= text.len(), "{r:?}");
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "{r:?}"
        );
    }
    // The whole path: the fuzzed page replaces the examples' Markdown.
    let files = EXAMPLES.iter().map(|&(path, t)| {
        if path.ends_with(".md") {
            (path, data)
        } else {
            (path, t.as_bytes())
        }
    });
    lint_and_check(sc3_model::load_from_memory(files));
});
