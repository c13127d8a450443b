//! Command-line cases (trycmd): each `cmd/*.trycmd` file is a transcript of
//! commands with their exit codes and output.
//!
//! A transcript with a `cmd/<name>.in/` folder runs its commands there. Most
//! of the folders are written here from `tests/fixtures` (and git-ignored),
//! because a fixture may be built on another (`sc3_fixtures`); `diff.in/`
//! holds a bare git history (`make-history.sh`) and is committed.

use std::fs;
use std::path::{Path, PathBuf};

/// Writes `cmd/<case>.in/` afresh from fixture `fixture`.
fn prepare(case: &str, fixture: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cmd")
        .join(format!("{case}.in"));
    if dir.exists() {
        fs::remove_dir_all(&dir).unwrap();
    }
    sc3_fixtures::copy(fixture, &dir);
    dir
}

#[test]
fn cli() {
    prepare("lint-defects", "examples-defects");
    prepare("suggest", "suggest");
    // Only a warning: M004, an entry without its rationale.
    let warnings = prepare("lint-warnings", "small");
    let cw = warnings.join("mappings/assoc@2.0--base@1.0.toml");
    let text = fs::read_to_string(&cw).unwrap();
    let rationale = "rationale = \"一覧は求めるが、重要度の付け方は定めていない\"\n";
    assert!(text.contains(rationale));
    fs::write(&cw, text.replace(rationale, "")).unwrap();

    // Git keeps no empty folder, and a bare repository without `refs/` is
    // not one: a fresh checkout of `diff.in/history.git` lacks it.
    let history = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cmd/diff.in/history.git");
    fs::create_dir_all(history.join("refs/heads")).unwrap();
    fs::create_dir_all(history.join("refs/tags")).unwrap();

    trycmd::TestCases::new()
        .case("tests/cmd/*.trycmd")
        .case("tests/cmd/*.toml");
}
