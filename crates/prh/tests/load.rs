//! Reading a dictionary with its imports through a caller's `Files`: what
//! the caller refuses is refused at the import that named the file, with the
//! caller's message, and the engine's own checks hold whatever it allows.

use std::collections::HashMap;
use std::io;
use std::path::{Path, PathBuf};

use prh::{Files, MAX_IMPORT_DEPTH, PrhError, load, load_with};

/// Files in memory, by their lexical path.
struct Memory {
    files: HashMap<&'static str, String>,
    /// Paths `identify` refuses, with the message.
    refused: Vec<(&'static str, &'static str)>,
}

impl Memory {
    fn new(files: &[(&'static str, &str)]) -> Self {
        Memory {
            files: files.iter().map(|(p, t)| (*p, (*t).to_owned())).collect(),
            refused: Vec::new(),
        }
    }
}

impl Files for Memory {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        let lexical = prh::lexical_path(path);
        let key = lexical.to_str().unwrap_or_default();
        self.files
            .get(key)
            .cloned()
            .ok_or_else(|| io::Error::new(io::ErrorKind::NotFound, format!("no file {key}")))
    }

    fn identify(&self, path: &Path) -> io::Result<PathBuf> {
        let lexical = prh::lexical_path(path);
        match self.refused.iter().find(|(p, _)| Path::new(p) == lexical) {
            Some((_, why)) => Err(io::Error::new(io::ErrorKind::PermissionDenied, *why)),
            None => Ok(lexical),
        }
    }
}

fn places(errors: &[PrhError]) -> Vec<(String, usize, usize, String)> {
    errors
        .iter()
        .map(|e| (e.file.clone(), e.line, e.column, e.message.clone()))
        .collect()
}

#[test]
fn imports_are_read_through_the_callers_files() {
    let files = Memory::new(&[
        (
            "d/main.yml",
            "imports:\n  - sub/a.yml\nrules:\n  - GitHub\n",
        ),
        ("d/sub/a.yml", "imports: ../b.yml\nrules:\n  - Docker\n"),
        ("d/b.yml", "rules:\n  - expected: Docker\n  - Node.js\n"),
    ]);
    let dict = load_with(Path::new("d/main.yml"), &files).unwrap();
    let expected: Vec<&str> = dict.rules.iter().map(|r| r.expected.as_str()).collect();
    // b.yml's Docker is dropped: the importing file's rule wins.
    assert_eq!(expected, ["GitHub", "Docker", "Node.js"]);
    // Paths as prh joins them, not normalized.
    assert_eq!(
        dict.files,
        [
            PathBuf::from("d/main.yml"),
            PathBuf::from("d/sub/a.yml"),
            PathBuf::from("d/sub/../b.yml")
        ]
    );
}

#[test]
fn what_the_caller_refuses_is_reported_at_the_import_with_its_message() {
    let mut files = Memory::new(&[
        (
            "d/main.yml",
            "rules:\n  - GitHub\nimports:\n  - ok.yml\n  - ../secret.yml\n  - gone.yml\n",
        ),
        ("d/ok.yml", "rules:\n  - Docker\n"),
        ("secret.yml", "rules:\n  - 秘密\n"),
    ]);
    files.refused.push(("secret.yml", "outside the folder"));
    let errors = load_with(Path::new("d/main.yml"), &files).unwrap_err();
    assert_eq!(
        places(&errors),
        [
            ("d/main.yml".into(), 5, 5, "outside the folder".into()),
            ("d/main.yml".into(), 6, 5, "no file d/gone.yml".into()),
        ]
    );
}

#[test]
fn a_closure_is_a_reader() {
    let read = |path: &Path| -> io::Result<String> {
        match path.to_str() {
            Some("prh.yml") => Ok("imports: ./x/../other.yml\nrules:\n  - GitHub\n".into()),
            Some("./x/../other.yml") => Ok("imports: prh.yml\n".into()),
            _ => Err(io::Error::other("unreachable")),
        }
    };
    // The cycle is found through lexical_path: `./x/../other.yml` imports
    // `./x/../prh.yml`, which is `prh.yml`. The error names the importing
    // file as it was identified.
    let errors = load_with(Path::new("prh.yml"), &read).unwrap_err();
    assert_eq!(
        places(&errors),
        [(
            "other.yml".into(),
            1,
            10,
            "import cycle: prh.yml -> other.yml -> prh.yml".into()
        )]
    );
}

#[test]
fn absolute_imports_and_deep_chains_are_refused_whatever_the_reader_allows() {
    let read = |path: &Path| -> io::Result<String> {
        let name = path.to_str().unwrap_or_default();
        if name == "top.yml" {
            return Ok("imports:\n  - /etc/prh.yml\n  - c0.yml\n".into());
        }
        let n: usize = name
            .trim_start_matches('c')
            .trim_end_matches(".yml")
            .parse()
            .unwrap();
        Ok(format!("imports: c{}.yml\nrules:\n  - r{n}\n", n + 1))
    };
    let errors = load_with(Path::new("top.yml"), &read).unwrap_err();
    let last = format!("c{}.yml", MAX_IMPORT_DEPTH - 2);
    assert_eq!(
        places(&errors),
        [
            (
                "top.yml".into(),
                2,
                5,
                "absolute import path `/etc/prh.yml` refused: write it relative to this file"
                    .into()
            ),
            (
                last,
                1,
                10,
                format!("imports nest deeper than {MAX_IMPORT_DEPTH} files")
            ),
        ]
    );
}

#[test]
fn the_file_system_reader_names_the_file_it_cannot_read() {
    let dir = std::env::temp_dir().join(format!("prh-std-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let main = dir.join("prh.yml");
    std::fs::write(&main, "imports: missing.yml\n").unwrap();
    let errors = load(&main).unwrap_err();
    std::fs::remove_dir_all(&dir).ok();
    let missing = dir.join("missing.yml");
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!((errors[0].line, errors[0].column), (1, 10));
    assert!(
        errors[0]
            .message
            .starts_with(&format!("cannot read {}: ", missing.display())),
        "{}",
        errors[0].message
    );
}
