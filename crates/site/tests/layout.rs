//! The crate's layout, read from its source: a page module (`src/pages/*.rs`)
//! uses the shared modules and never another page module; no shared module
//! uses a page module (only `lib.rs`'s `generate` calls them); and page
//! paths and anchors are spelled in `links.rs` alone.

use std::fs;
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

/// The `.rs` files of a folder, by name (without extension), sorted.
fn modules(dir: &Path) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = fs::read_dir(dir)
        .unwrap()
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let stem = name.strip_suffix(".rs")?.to_owned();
            Some((stem, fs::read_to_string(e.path()).unwrap()))
        })
        .collect();
    out.sort();
    out
}

/// The text of `source` outside comments, string and character literals
/// (each literal's text is returned apart, in order).
fn code_and_literals(source: &str) -> (String, Vec<String>) {
    let chars: Vec<char> = source.chars().collect();
    let (mut code, mut literals) = (String::new(), Vec::new());
    let mut i = 0;
    while i < chars.len() {
        match chars[i] {
            '/' if chars.get(i + 1) == Some(&'/') => {
                while i < chars.len() && chars[i] != '\n' {
                    i += 1;
                }
            }
            '"' => {
                let mut literal = String::new();
                i += 1;
                while i < chars.len() && chars[i] != '"' {
                    if chars[i] == '\\' {
                        literal.push(chars[i]);
                        i += 1;
                    }
                    if let Some(&c) = chars.get(i) {
                        literal.push(c);
                    }
                    i += 1;
                }
                i += 1;
                literals.push(literal);
                code.push_str("\"\"");
            }
            // A character literal ('"', '\''); a lifetime ('a) is code.
            '\'' if chars.get(i + 1) == Some(&'\\') => {
                i += 2;
                while i < chars.len() && chars[i] != '\'' {
                    i += 1;
                }
                i += 1;
            }
            '\'' if chars.get(i + 2) == Some(&'\'') => i += 3,
            c => {
                code.push(c);
                i += 1;
            }
        }
    }
    (code, literals)
}

/// Every path below `crate::` or `super::` that the code names, `use`
/// groups expanded: `use crate::{links, pages::{a, b}};` names
/// `crate::links`, `crate::pages::a` and `crate::pages::b`.
fn paths(source: &str) -> Vec<String> {
    let (code, _) = code_and_literals(source);
    let code: Vec<char> = code.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < code.len() {
        let rest: String = code[i..code.len().min(i + 7)].iter().collect();
        let starts_word = i == 0 || !is_ident(code[i - 1]);
        let root = ["crate::", "super::"]
            .into_iter()
            .find(|r| rest.starts_with(r));
        match root {
            Some(root) if starts_word => {
                i += root.len();
                expand(&code, &mut i, root.trim_end_matches(':'), &mut out);
            }
            _ => i += 1,
        }
    }
    out
}

fn is_ident(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn skip_space(code: &[char], i: &mut usize) {
    while code.get(*i).is_some_and(|c| c.is_whitespace()) {
        *i += 1;
    }
}

/// Reads the path (or `{…}` group) at `i`, below `prefix`.
fn expand(code: &[char], i: &mut usize, prefix: &str, out: &mut Vec<String>) {
    skip_space(code, i);
    if code.get(*i) == Some(&'{') {
        *i += 1;
        loop {
            skip_space(code, i);
            match code.get(*i) {
                None => return,
                Some('}') => {
                    *i += 1;
                    return;
                }
                _ => expand(code, i, prefix, out),
            }
            // Past `as name` to the next item.
            while code.get(*i).is_some_and(|c| *c != ',' && *c != '}') {
                *i += 1;
            }
            if code.get(*i) == Some(&',') {
                *i += 1;
            }
        }
    }
    let start = *i;
    while code.get(*i).is_some_and(|c| is_ident(*c) || *c == '*') {
        *i += 1;
    }
    let segment: String = code[start..*i].iter().collect();
    let path = format!("{prefix}::{segment}");
    if code.get(*i) == Some(&':') && code.get(*i + 1) == Some(&':') {
        *i += 2;
        expand(code, i, &path, out);
    } else {
        out.push(path);
    }
}

/// What of `pages` (page module names) a module uses: each path naming a
/// page module, from `crate::` or, in a page module, from `super::`.
fn page_uses(source: &str, pages: &[String], is_page: bool) -> Vec<String> {
    paths(source)
        .into_iter()
        .filter(|p| {
            p == "crate::pages"
                || p.starts_with("crate::pages::")
                || (is_page
                    && pages.iter().any(|m| {
                        *p == format!("super::{m}") || p.starts_with(&format!("super::{m}::"))
                    }))
        })
        .collect()
}

#[test]
fn the_checks_read_imports_as_rust_does() {
    let source = "use crate::{links, pages::{toolkit, guidelines::part as g}};\n\
                  // use crate::pages::industries;\n\
                  fn f() { let s = \"crate::pages::migration\"; super::inferred::part(r); }\n\
                  mod tests { use super::*; }\n";
    assert_eq!(
        paths(source),
        [
            "crate::links",
            "crate::pages::toolkit",
            "crate::pages::guidelines::part",
            "super::inferred::part",
            "super::*",
        ]
    );
    let pages = ["inferred".to_owned(), "toolkit".to_owned()];
    assert_eq!(
        page_uses(source, &pages, true),
        [
            "crate::pages::toolkit",
            "crate::pages::guidelines::part",
            "super::inferred::part",
        ]
    );
    assert_eq!(
        page_uses("use crate::{escape, links};", &pages, true),
        [] as [&str; 0]
    );
    let (code, literals) = code_and_literals("let c = '\"'; let s = \"a\\\"b\"; 'x';");
    assert_eq!(literals, ["a\\\"b"]);
    assert!(!code.contains('a'), "{code}");
}

#[test]
fn page_modules_never_use_each_other() {
    let pages = modules(&src().join("pages"));
    let names: Vec<String> = pages
        .iter()
        .map(|(n, _)| n.clone())
        .filter(|n| n != "mod")
        .collect();
    assert!(names.len() >= 7, "{names:?}");
    let mut found = Vec::new();
    for (name, source) in pages.iter().filter(|(n, _)| n != "mod") {
        for p in page_uses(source, &names, true) {
            found.push(format!("pages/{name}.rs uses {p}"));
        }
    }
    for (name, source) in modules(&src()).iter().filter(|(n, _)| n != "lib") {
        for p in page_uses(source, &names, false) {
            found.push(format!("{name}.rs (shared) uses {p}"));
        }
    }
    assert!(
        found.is_empty(),
        "move what two parts share to a shared module:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_links_spells_page_paths_and_anchors() {
    let spellings = [
        ".html",
        "#item",
        "item-",
        "group-",
        "map-",
        "clause-",
        "handling-",
        "measure-",
        "term-",
        "migration-",
    ];
    let folders = [
        "guidelines/",
        "mappings/",
        "industries/",
        "regulations/",
        "inferred/",
        "tools/",
    ];
    // Every module that writes pages; harden, search and book read or name
    // mdBook's own files.
    let mut writers: Vec<(String, String)> = modules(&src().join("pages"))
        .into_iter()
        .map(|(n, s)| (format!("pages/{n}.rs"), s))
        .collect();
    writers.extend(
        modules(&src())
            .into_iter()
            .filter(|(n, _)| !["links", "harden", "search", "book"].contains(&n.as_str()))
            .map(|(n, s)| (format!("{n}.rs"), s)),
    );
    let mut found = Vec::new();
    for (file, source) in &writers {
        for literal in code_and_literals(source).1 {
            let spelled = spellings.iter().find(|s| literal.contains(**s));
            let folder = folders.iter().find(|f| literal.starts_with(**f));
            if let Some(s) = spelled.or(folder) {
                found.push(format!("{file}: \"{literal}\" spells {s}"));
            }
        }
    }
    assert!(
        found.is_empty(),
        "page paths and anchors come from links.rs:\n{}",
        found.join("\n")
    );
}
