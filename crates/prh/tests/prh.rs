//! prh dictionaries: parsing, imports, matching and specs.
//!
//! The expected findings in `textlint_parity` are the output of the real
//! textlint 15.8.0 + textlint-rule-prh 6.1.0 (prh 5.4.4) run on
//! `fixtures/sample.txt` with `fixtures/prh.yml`.

use std::path::PathBuf;

use prh::{PatternForm, PrhPattern};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn utf16_col(line: &str, byte: usize) -> usize {
    line[..byte].encode_utf16().count() + 1
}

#[test]
fn textlint_parity() {
    let dict = prh::load(&fixture("prh.yml")).expect("loads");
    let matcher = dict.compile().expect("compiles");
    assert!(
        matcher.unsupported().is_empty(),
        "{:?}",
        matcher.unsupported()
    );
    let text = std::fs::read_to_string(fixture("sample.txt")).unwrap();
    let mut got = Vec::new();
    // The text plugin of textlint makes one Str node of each line here.
    for (i, line) in text.lines().enumerate() {
        for m in matcher.find(line).matches {
            assert_eq!(&line[m.start..m.end], m.matched);
            got.push((i + 1, utf16_col(line, m.start), matcher.message(&m)));
        }
    }
    let expected: Vec<(usize, usize, &str)> = vec![
        (1, 1, "javascript => JavaScript"),
        (1, 12, "ＪａｖａＳｃｒｉｐｔ => JavaScript"),
        (3, 1, "github => GitHub"),
        (3, 8, "docker => Docker"),
        (5, 1, "node.js => Node.js"),
        (5, 9, "NodeXjs => Node.js"),
        (7, 1, "java => Java"),
        (9, 1, "IPhone => iPhone"),
        (11, 1, "WebAPI => Web API"),
        (11, 8, "web api => Web API"),
        (11, 16, "WEB API => Web API"),
        (13, 5, "つくる => 作る"),
        (13, 11, "つくっ => 作っ"),
        (15, 1, "サーバ => サーバー"),
        (17, 3, "ってな => っていな"),
        (19, 9, "留ま => とどま"),
        (21, 3, "頂き => いただき"),
        (21, 11, "戴く => いただ"),
        (23, 1, "3個所 => 3箇所"),
        (25, 6, "出来る => できる"),
        (25, 13, "することが出来る => できる"),
        (27, 1, "ウェブサイト => Webサイト"),
        (27, 8, "ウェブ => Web"),
        (29, 1, "下さい => ください\n補助動詞はひらがなで書く"),
        (29, 5, "例えば => たとえば"),
        (31, 1, "ユーザ => ユーザー"),
        (31, 6, "ユーザー名 => ユーザ名"),
        (31, 12, "ユーザ => ユーザー"),
        (31, 16, "サーバ => サーバー"),
        (33, 1, "100 円 => 100円"),
        (35, 1, "問合せ => 問い合わせ"),
        (35, 5, "問い合せ => 問い合わせ"),
        (35, 10, "貼付け => 貼り付け"),
        (35, 14, "及び => および"),
        (35, 16, "又は => または"),
        (37, 5, "見てる => 見ている"),
    ];
    let expected: Vec<(usize, usize, String)> = expected
        .into_iter()
        .map(|(l, c, m)| (l, c, m.to_string()))
        .collect();
    assert_eq!(got, expected);
}

#[test]
fn dictionary_shape_and_imports() {
    let dict = prh::load(&fixture("prh.yml")).expect("loads");
    assert_eq!(dict.version, 1);
    let main_rules = prh::parse(
        "prh.yml",
        &std::fs::read_to_string(fixture("prh.yml")).unwrap(),
    )
    .unwrap()
    .rules
    .len();
    assert!(main_rules >= 20);
    let expected: Vec<&str> = dict.rules.iter().map(|r| r.expected.as_str()).collect();
    // The imported JavaScript rule is dropped (same expected), 貼り付け is
    // ignored by ignoreRules of the first import but comes back through the
    // second (extra.yml imports common.yml again); および, または are added.
    assert_eq!(expected.len(), main_rules + 3);
    assert_eq!(&expected[main_rules..], &["および", "または", "貼り付け"]);
    assert_eq!(expected.iter().filter(|e| **e == "JavaScript").count(), 1);

    let file = prh::parse(
        "prh.yml",
        &std::fs::read_to_string(fixture("prh.yml")).unwrap(),
    )
    .unwrap();
    assert_eq!(file.imports, vec!["common.yml", "other/extra.yml"]);
    assert_eq!(file.version, Some(1));
    let docker = &file.rules[2];
    assert_eq!(docker.expected, "Docker");
    assert_eq!(docker.pattern_form, PatternForm::Derived);
    assert_eq!(
        docker.js_regex().unwrap().to_string(),
        "/[DdＤｄ][OoＯｏ][CcＣｃ][KkＫｋ][EeＥｅ][RrＲｒ]/gmu"
    );
    let java = &file.rules[4];
    assert!(java.word_boundary);
    assert_eq!(java.line, 20);
    assert_eq!(
        java.js_regex().unwrap().to_string(),
        r"/\b[JjＪｊ][AaＡａ][VvＶｖ][AaＡａ]\b/gmu"
    );
    let web = &file.rules[6];
    assert_eq!(
        web.patterns,
        vec![PrhPattern::Regex {
            source: "web ?api".into(),
            flags: "i".into()
        }]
    );
    assert_eq!(web.js_regex().unwrap().to_string(), "/web ?api/gimu");
}

#[test]
fn specs_pass_in_the_main_dictionary() {
    let matcher = prh::load(&fixture("prh.yml")).unwrap().compile().unwrap();
    assert_eq!(matcher.run_specs(), vec![]);
}

#[test]
fn spec_failures_are_reported() {
    let dict = prh::load(&fixture("bad_spec.yml")).unwrap();
    let failures = dict.compile().unwrap().run_specs();
    assert_eq!(failures.len(), 1, "{failures:?}");
    let f = &failures[0];
    assert_eq!(f.line, 3);
    assert_eq!(f.from, "つくった");
    assert_eq!(f.expected_to, "作った");
    // prh: `作$1 spec failed. "つくった", expected "作った", but got "つくった"`
    assert_eq!(f.actual_to, "つくった");
}

#[test]
fn malformed_yaml_has_a_position() {
    let errs = prh::load(&fixture("malformed.yml")).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    // js-yaml: "missed comma between flow collection entries at line 6, column 5"
    assert_eq!(errs[0].line, 6, "{errs:?}");
    assert!(errs[0].file.ends_with("malformed.yml"));
    assert!(errs[0].message.contains("YAML"), "{errs:?}");
}

#[test]
fn semantic_errors_have_positions() {
    let yaml = "version: 1\nrules:\n  - pattern: e-mail\n    expected: メール\n  - expected: 2020\n  - pattern: [/a/i, b]\n    expected: x\n  - pattern: /a(/\n    expected: y\n  - pattern: \"\"\n    expected: z\n  - expected: ok\n    expected: dup\n";
    let errs = prh::parse("t.yml", yaml).unwrap_err();
    let lines: Vec<usize> = errs.iter().map(|e| e.line).collect();
    assert_eq!(lines, vec![3, 5, 6, 8, 10, 13], "{errs:#?}");
    assert!(errs[0].message.contains("invalid escape"), "{}", errs[0]);
    assert!(
        errs[2].message.contains("combining different flags"),
        "{}",
        errs[2]
    );
    assert!(
        errs[5].message.contains("duplicated mapping key"),
        "{}",
        errs[5]
    );
    assert_eq!(
        errs[1].to_string(),
        format!("t.yml:5:15: {}", errs[1].message)
    );
}

/// Found by a fuzzer: the YAML parser also ends a line at a lone carriage
/// return, so errors after one were reported a line too far down (and past
/// the end of the line the file shows there).
#[test]
fn positions_count_lines_as_the_file_does() {
    let yaml = "version: 1\rrules:\n  - expected: x\n    pattern: \u{0}y\n";
    let errs = prh::parse("p.yml", yaml).unwrap_err();
    assert_eq!((errs[0].line, errs[0].column), (3, 14), "{errs:?}");
    assert!(errs[0].message.contains("unprintable"), "{errs:?}");
    // A BOM is not a column, as in every other file.
    let errs = prh::parse("p.yml", "\u{feff}rules: [x\n").unwrap_err();
    assert_eq!((errs[0].line, errs[0].column), (2, 1), "{errs:?}");
    let errs = prh::parse("p.yml", "\u{feff}rules: \u{0}\n").unwrap_err();
    assert_eq!((errs[0].line, errs[0].column), (1, 8), "{errs:?}");
    // After a directive line the parser's own index runs past the end.
    let fuzzed = b"%%%%%%%%%%%%%%%%%%p\xff\xff\xff\xff\xff\xff\xff\x0f/cted\x82\xb5\xe3\x83\xbc\xe3\x83\x90\r\n";
    let errs = prh::parse("p.yml", &String::from_utf8_lossy(fuzzed)).unwrap_err();
    assert_eq!((errs[0].line, errs[0].column), (2, 1), "{errs:?}");
}

#[test]
fn unsupported_regex_is_reported_and_others_still_work() {
    let dict = prh::load(&fixture("unsupported.yml")).unwrap();
    let matcher = dict.compile().unwrap();
    let uns = matcher.unsupported();
    assert_eq!(uns.len(), 1);
    assert_eq!(uns[0].line, 3);
    let found = matcher.find("これで出来る").matches;
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].expected, "できる");
    assert_eq!(found[0].rule_index, 1);
}

#[test]
fn import_cycle_is_reported() {
    let errs = prh::load(&fixture("cycle_a.yml")).unwrap_err();
    assert_eq!(errs.len(), 1, "{errs:?}");
    assert!(errs[0].message.contains("import cycle"), "{}", errs[0]);
    assert!(errs[0].file.ends_with("cycle_b.yml"));
    assert_eq!((errs[0].line, errs[0].column), (3, 5));
}

#[test]
fn absolute_imports_are_refused() {
    let dir = std::env::temp_dir().join(format!("prh-abs-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let p = dir.join("prh.yml");
    std::fs::write(&p, "imports:\n  - /etc/prh.yml\nrules:\n  - Docker\n").unwrap();
    let errs = prh::load(&p).unwrap_err();
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(errs.len(), 1);
    assert_eq!(errs[0].line, 2);
    assert!(errs[0].message.contains("absolute"));
}

fn matcher_of(yaml: &str) -> prh::PrhMatcher {
    let file = prh::parse("inline.yml", yaml).unwrap();
    prh::PrhDictionary::from_file(file).compile().unwrap()
}

#[test]
fn overlap_quirk_of_prh_is_reproduced() {
    // prh 5.4.4 + textlint-rule-prh: A [0,10) drops B [2,4), but C [9,12)
    // survives because it is compared with B; textlint reads C's "actual"
    // text from its partly replaced copy. Real textlint reports exactly
    // `abcdefghij => X` at column 1 and `Xkl => Z` at column 10.
    let m = matcher_of(
        "rules:\n  - pattern: abcdefghij\n    expected: X\n  - pattern: cd\n    expected: Y\n  - pattern: jkl\n    expected: Z\n",
    );
    let found: Vec<(usize, String, String)> = m
        .find("abcdefghijkl")
        .matches
        .into_iter()
        .map(|f| (f.start, f.matched, f.expected))
        .collect();
    assert_eq!(
        found,
        vec![
            (0, "abcdefghij".into(), "X".into()),
            (9, "Xkl".into(), "Z".into())
        ]
    );
}

#[test]
fn dollar_substitution_details() {
    let m = matcher_of("rules:\n  - pattern: /(a)|(b)/\n    expected: <$1$2$3$0$10>\n");
    let found: Vec<String> = m
        .find("ab")
        .matches
        .into_iter()
        .map(|f| f.expected)
        .collect();
    assert_eq!(found, vec!["<a$3$0$10>", "<b$3$0$10>"]);
}

#[test]
fn never_panics_on_odd_input() {
    for yaml in [
        "",
        "---\n---\n",
        "[1, 2]",
        "rules: {a: 1}",
        "rules:\n  - ~\n",
        "rules:\n  - pattern: []\n    expected: x\n",
        "a: &x [*x]",
        "rules: [\"",
        "\u{feff}rules:\n - x",
        "rules:\n  - pattern: /(?<=a+)b/\n    expected: c\n",
        "rules:\n  - pattern: /\\p{Script=Hiragana}+/\n    expected: か\n",
        "rules:\n  - pattern: /[\\d-x]/\n    expected: c\n",
        "rules:\n  - pattern: /a{2,1}/\n    expected: c\n",
    ] {
        if let Ok(file) = prh::parse("odd.yml", yaml)
            && let Ok(m) = prh::PrhDictionary::from_file(file).compile()
        {
            let _ = m.find("ab\n\nprh:disable:(\nabc");
            let _ = m.run_specs();
        }
    }
}
