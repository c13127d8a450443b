//! Command-line cases (trycmd): each `cmd/*.trycmd` file is a transcript of
//! commands with their exit codes and output.

#[test]
fn cli() {
    trycmd::TestCases::new()
        .case("tests/cmd/*.trycmd")
        .case("tests/cmd/*.toml");
}
