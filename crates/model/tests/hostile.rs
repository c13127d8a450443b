//! Hostile input to the loader, beyond tests/load.rs: what the fuzz targets
//! found, and the cases of issue 8 that file does not cover.

use sc3_model::{Loaded, load_from_memory};

/// (code, path, line, column, end line, end column) of each diagnostic.
fn places(l: &Loaded) -> Vec<(&'static str, String, usize, usize, usize, usize)> {
    l.diagnostics
        .iter()
        .map(|d| {
            let f = l.repo.file(d.file.unwrap());
            let span = d.span.clone().unwrap_or(0..0);
            let (a, b) = f.range(&span);
            (d.code, f.path.clone(), a.line, a.column, b.line, b.column)
        })
        .collect()
}

/// Every span lies in its file's text, on character boundaries.
fn assert_spans_inside(l: &Loaded) {
    for d in &l.diagnostics {
        if let (Some(file), Some(span)) = (d.file, &d.span) {
            let text = &l.repo.file(file).text;
            assert!(span.end <= text.len(), "{d:?}");
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "{d:?}"
            );
        }
    }
}

/// Found by the `load_toml` fuzz target: a syntax error the parser places
/// before a multi-byte character (an empty span) was widened by one byte, so
/// it ended inside the character.
#[test]
fn a_syntax_error_at_a_japanese_character_underlines_the_whole_character() {
    let l = load_from_memory([("guidelines/x/1.toml", "a = の\"\n".as_bytes())]);
    assert_spans_inside(&l);
    assert_eq!(
        places(&l),
        vec![("L002", "guidelines/x/1.toml".into(), 1, 5, 1, 6)]
    );
    let span = l.diagnostics[0].span.as_ref().unwrap();
    assert_eq!(l.repo.files[0].slice(span), "の");
    // The fuzzer's input: invalid UTF-8 (shown as U+FFFD) inside an array.
    let l = load_from_memory([(
        "guidelines/x/1.toml",
        b"[guideline]\nlevels = [\x94\xa8\xe3\x81\xae\"\npublisher = \"x\"\n".as_slice(),
    )]);
    assert_spans_inside(&l);
    assert_eq!(
        places(&l)[..2],
        [
            ("L001", "guidelines/x/1.toml".into(), 2, 11, 2, 12),
            ("L002", "guidelines/x/1.toml".into(), 2, 11, 2, 12),
        ]
    );
}
