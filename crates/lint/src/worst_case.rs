//! Content on which the lint once did work that grew faster than the content
//! (issue 18): a report of many findings in one file, a long single-line
//! paragraph, a deep chain of groups and a prh lookaround rule on a long line.
//!
//! Each function returns the files of a small repository as (path, text).
//! The regression tests lint them at sizes where the old code was clearly
//! superlinear; `cargo xtask dev gen-hostile` writes them to disk so the lint can
//! be timed on them (figures in `docs/benchmarks.md`).

/// The files of one generated repository: (path relative to the root, text).
pub type Files = Vec<(String, String)>;

/// A glossary in which サーバ is a variant of サーバー.
const GLOSSARY: &str = "[glossary]\nid = \"common\"\nscope = \"all\"\n\n[[term]]\npreferred = \"サーバー\"\nvariants = [\"サーバ\"]\n";

/// `findings` lines of Markdown in one file, each with one term variant
/// (T001): about 110 bytes per finding, so 2,000 findings make a 213 KB file.
pub fn report(findings: usize) -> Files {
    let mut md = String::from("# 点検の記録\n\n");
    for i in 0..findings {
        md.push_str(&format!(
            "{i:05}. サーバの設定を点検し、担当者が結果を記録して、手順書と照らし合わせます。\n"
        ));
    }
    vec![
        ("guidelines/glossary/common.toml".into(), GLOSSARY.into()),
        ("book/src/report.md".into(), md),
    ]
}

/// One Markdown paragraph on a single line of about `bytes` bytes: a
/// registered term (資産) followed by a particle, over and over, with the two
/// spellings of 取り組み at its start (one T004 finding).
pub fn spelling(bytes: usize) -> Files {
    let mut md = String::from("# 資産の一覧\n\n取組み、取り組み、");
    for _ in 0..bytes.div_ceil("資産の".len()) {
        md.push_str("資産の");
    }
    md.push_str("一覧です。\n");
    vec![
        (
            "guidelines/glossary/common.toml".into(),
            "[glossary]\nid = \"common\"\nscope = \"all\"\n\n[[term]]\npreferred = \"資産\"\nvariants = []\n".into(),
        ),
        ("book/src/spelling.md".into(), md),
    ]
}

/// A catalog whose `levels` groups form one parent chain (g2 is the child of
/// g1, g3 of g2, and so on) hanging from a two-group cycle g0 ⇄ g1 (R004).
pub fn cycle(levels: usize) -> Files {
    let levels = levels.max(2);
    let mut toml =
        String::from("[guideline]\nid = \"deep\"\nversion = \"1\"\ntitle = \"深い入れ子\"\n");
    for i in 0..levels {
        let parent = if i == 0 { 1 } else { i - 1 };
        toml.push_str(&format!(
            "\n[[group]]\nid = \"g{i}\"\nparent = \"g{parent}\"\ntitle = \"第{i}階層\"\n"
        ));
    }
    toml.push_str(&format!(
        "\n[[item]]\nid = \"1\"\ngroup = \"g{}\"\ntitle = \"いちばん深い項目\"\n",
        levels - 1
    ));
    vec![("guidelines/deep/1.toml".into(), toml)]
}

/// A prh dictionary with one look-ahead rule, and a Markdown paragraph of one
/// line of about `chars` characters in which every サーバ matches it and the
/// look-ahead reads to the end of the line.
pub fn prh(chars: usize) -> Files {
    let yaml = "version: 1\nrules:\n  - expected: サーバー\n    pattern: /サーバ(?=[^。]*ます)/\n";
    let mut md = String::from("# 構成\n\n");
    for _ in 0..chars.div_ceil(4) {
        md.push_str("サーバと");
    }
    md.push_str("接続します。\n");
    vec![
        ("guidelines/glossary/hostile.yml".into(), yaml.into()),
        ("book/src/prh.md".into(), md),
    ]
}
