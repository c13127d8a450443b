//! The TOML loader (`sc3_model::load_from_memory`) and the lint on arbitrary
//! bytes. The first byte chooses which file of the example repository the rest
//! replaces, so the fuzzed file is read as a catalog, glossary, industry
//! profile or crosswalk and its references meet real content.

#![no_main]

use libfuzzer_sys::fuzz_target;
use sc3_fuzz::{EXAMPLES, lint_and_check};

fuzz_target!(|data: &[u8]| {
    let Some((&which, bytes)) = data.split_first() else {
        return;
    };
    // The TOML files of the examples (the Markdown one is markdown_terms').
    let toml: Vec<_> = EXAMPLES
        .iter()
        .filter(|(p, _)| p.ends_with(".toml"))
        .collect();
    let slot = usize::from(which) % toml.len();
    let files = EXAMPLES.iter().map(|&(path, text)| {
        if path == toml[slot].0 {
            (path, bytes)
        } else {
            (path, text.as_bytes())
        }
    });
    lint_and_check(sc3_model::load_from_memory(files));
});
