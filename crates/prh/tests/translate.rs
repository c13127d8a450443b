//! The JS → Rust regex translation, as a table: a JS source (as prh compiles
//! it, with the `u` flag), and the Rust pattern it becomes or the refusal it
//! gives. Then the flags of pattern strings, the patterns prh derives, the
//! rules JS allows and Rust cannot run, and `$N` in `expected`.
//!
//! Every translation in the table is also compiled by the engine it is
//! meant for (the `regex` crate, or fancy-regex when it backtracks).

use prh::{JsRegex, PrhDictionary, TranslateError, parse};

/// What a JS source becomes.
#[derive(Debug)]
enum Want {
    /// This pattern for the `regex` crate (linear time), after `(?m)`.
    Linear(&'static str),
    /// This pattern for fancy-regex (look-around, back-references).
    Backtracking(&'static str),
    /// Not a JS regex under the `u` flag: prh refuses the dictionary.
    Syntax(&'static str),
    /// A JS regex Rust cannot run: the rule is skipped.
    Unsupported(&'static str),
}
use Want::*;

/// JS's white space (`\s`), as a class body.
const SPACE: &str = r"\t\n\x0B\x0C\r\x20\xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";

const TABLE: &[(&str, Want)] = &[
    // Characters: letters and non-ASCII as they are, the rest as \x{…}.
    ("abc", Linear("abc")),
    ("サーバ", Linear("サーバ")),
    ("a b", Linear(r"a\x{20}b")),
    ("#-", Linear(r"\x{23}\x{2D}")),
    ("a|b", Linear("a|b")),
    // `.` stops at every JS line end, not only `\n`.
    ("a.b", Linear(r"a[^\n\r\x{2028}\x{2029}]b")),
    ("^a$", Linear("^a$")),
    // Class escapes: ASCII-only `\d` and `\w` as in JS; `\s` is JS's set.
    (r"\d+", Linear("[0-9]+")),
    (r"\D", Linear("[[^0-9]]")),
    (r"\w", Linear("[0-9A-Za-z_]")),
    (r"\W", Linear("[[^0-9A-Za-z_]]")),
    // `\b` is ASCII-only in JS: the regex crate's ASCII word boundary.
    (r"Java\b", Linear(r"Java(?-u:\b)")),
    (r"\B", Linear(r"(?-u:\B)")),
    // Character escapes.
    (r"\u3042", Linear("あ")),
    (r"\u{1F600}", Linear("😀")),
    (r"\uD83D\uDE00", Linear("😀")),
    (r"\x41", Linear("A")),
    (r"\cJ", Linear(r"\x{A}")),
    (r"\0", Linear(r"\x{0}")),
    (r"\t\n\r\v\f", Linear(r"\x{9}\x{A}\x{D}\x{B}\x{C}")),
    (r"\/", Linear(r"\x{2F}")),
    (r"\p{Script=Hiragana}", Linear(r"[\p{Script=Hiragana}]")),
    (r"\P{L}", Linear(r"[\P{L}]")),
    // Character classes.
    ("[abc]", Linear("[abc]")),
    ("[^abc]", Linear("[^abc]")),
    ("[a-z]", Linear("[a-z]")),
    (r"[\w]", Linear("[[0-9A-Za-z_]]")),
    (r"[\b]", Linear(r"[\x{8}]")),
    (r"[\-]", Linear(r"[\x{2D}]")),
    // JS's empty class matches nothing, and `[^]` anything.
    ("[]", Linear(r"[^\x{0}-\x{10FFFF}]")),
    ("[^]", Linear(r"[\x{0}-\x{10FFFF}]")),
    // Groups and quantifiers.
    ("(?:ab)+", Linear("(?:ab)+")),
    ("(a)(b)", Linear("(a)(b)")),
    (r"(?<y>\d{4})年", Linear("(?<y>[0-9]{4})年")),
    ("a{2}", Linear("a{2}")),
    ("a{2,}", Linear("a{2,}")),
    ("a{2,3}", Linear("a{2,3}")),
    ("a*?", Linear("a*?")),
    ("a??", Linear("a??")),
    // Look-around and back-references need backtracking.
    ("a(?=b)", Backtracking("a(?=b)")),
    ("a(?!b)", Backtracking("a(?!b)")),
    ("(?<=a)b", Backtracking("(?<=a)b")),
    ("(?<!a)b", Backtracking("(?<!a)b")),
    (r"(a)\1", Backtracking(r"(a)\1")),
    (r"(?<y>a)\k<y>", Backtracking(r"(?<y>a)\k<y>")),
    // With fancy-regex, `\b` is spelled with look-arounds over JS's word
    // characters.
    (
        r"\bJava(?=Script)",
        Backtracking(
            "(?:(?<=[0-9A-Za-z_])(?![0-9A-Za-z_])|(?<![0-9A-Za-z_])(?=[0-9A-Za-z_]))Java(?=Script)",
        ),
    ),
    (
        r"\Bx(?!y)",
        Backtracking(
            "(?:(?<=[0-9A-Za-z_])(?=[0-9A-Za-z_])|(?<![0-9A-Za-z_])(?![0-9A-Za-z_]))x(?!y)",
        ),
    ),
    // Not JS under the `u` flag (what prh refuses).
    (r"\-", Syntax("invalid escape")),
    (r"\¥", Syntax("invalid escape")),
    (r"\e", Syntax("invalid escape")),
    (r"\1", Syntax("invalid escape")),
    (r"\00", Syntax("invalid decimal escape")),
    (r"\k<x>", Syntax("invalid named capture referenced")),
    (r"\p", Syntax("invalid property name")),
    (r"\", Syntax(r"\ at end of pattern")),
    (r"[\d-x]", Syntax("invalid character class")),
    ("[z-a]", Syntax("range out of order in character class")),
    ("a{3,2}", Syntax("numbers out of order in {} quantifier")),
    ("a{,2}", Syntax("incomplete quantifier")),
    ("*a", Syntax("nothing to repeat")),
    ("a**", Syntax("nothing to repeat")),
    ("{", Syntax("nothing to repeat")),
    ("}", Syntax("lone quantifier brackets")),
    ("]", Syntax("lone quantifier brackets")),
    ("a)", Syntax("unmatched ')'")),
    ("(a", Syntax("unterminated group")),
    ("(?i)a", Syntax("invalid group")),
    ("(?<>a)", Syntax("invalid capture group name")),
    // JS, but not for Rust.
    ("(?<年>a)", Unsupported("group name `年` is not supported")),
    (
        r"\uD83D",
        Unsupported("lone surrogate escapes can't be matched in UTF-8 text"),
    ),
    ("a{200000}", Unsupported("repetition count too large")),
];

#[test]
fn js_sources_translate_as_the_table_says() {
    let mut wrong = Vec::new();
    for (source, want) in TABLE {
        let js = JsRegex {
            source: (*source).to_owned(),
            ignore_case: false,
        };
        let got = js.to_rust();
        let ok = match (want, &got) {
            (Linear(p), Ok(r)) => !r.backtracking && r.pattern == format!("(?m){p}"),
            (Backtracking(p), Ok(r)) => r.backtracking && r.pattern == format!("(?m){p}"),
            (Syntax(m), Err(TranslateError::Syntax(g))) => m == g,
            (Unsupported(m), Err(TranslateError::Unsupported(g))) => m == g,
            _ => false,
        };
        if !ok {
            wrong.push(format!("{source:?}: want {want:?}, got {got:?}"));
        }
        // What the table accepts, its engine compiles.
        if let Ok(r) = got {
            let compiled = if r.backtracking {
                fancy_regex::Regex::new(&r.pattern)
                    .map(drop)
                    .map_err(|e| e.to_string())
            } else {
                regex::Regex::new(&r.pattern)
                    .map(drop)
                    .map_err(|e| e.to_string())
            };
            if let Err(e) = compiled {
                wrong.push(format!("{source:?}: {} does not compile: {e}", r.pattern));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn js_white_space_is_one_class() {
    let js = |source: &str| JsRegex {
        source: source.to_owned(),
        ignore_case: false,
    };
    assert_eq!(
        js(r"\s").to_rust().unwrap().pattern,
        format!("(?m)[{SPACE}]")
    );
    assert_eq!(
        js(r"[^\s]").to_rust().unwrap().pattern,
        format!("(?m)[^[{SPACE}]]")
    );
    assert_eq!(
        js(r"(?<=\s)a").to_rust().unwrap().pattern,
        format!("(?m)(?<=[{SPACE}])a")
    );
}

/// The rule of a one-rule dictionary whose `pattern` is `pattern`.
fn rule_regex(pattern: &str) -> Result<String, String> {
    let yaml = format!("rules:\n  - pattern: {pattern:?}\n    expected: Z\n");
    let file = parse("t.yml", &yaml).map_err(|e| e[0].message.clone())?;
    let js = file.rules[0].js_regex()?;
    let rust = js.to_rust().map_err(|e| e.to_string())?;
    Ok(format!("{js} → {}", rust.pattern))
}

#[test]
fn flags_and_literal_patterns_become_what_prh_compiles() {
    let table: &[(&str, Result<&str, &str>)] = &[
        // Only `i` of `gimy` survives; `g`, `m` and `u` are always on.
        ("/a/i", Ok("/a/gimu → (?mi)a")),
        ("/a/gimy", Ok("/a/gimu → (?mi)a")),
        ("/a/g", Ok("/a/gmu → (?m)a")),
        ("/web ?api/i", Ok(r"/web ?api/gimu → (?mi)web\x{20}?api")),
        ("/a/ii", Err("invalid regular expression flags 'ii'")),
        // Other flags make the string a literal, escaped as prh escapes it.
        ("/a/u", Ok(r"/\/a\/u/gmu → (?m)\x{2F}a\x{2F}u")),
        ("/a/s", Ok(r"/\/a\/s/gmu → (?m)\x{2F}a\x{2F}s")),
        ("a.b", Ok(r"/a\.b/gmu → (?m)a\x{2E}b")),
        // prh escapes `-` and `¥` in literals, which the `u` flag refuses.
        (
            "e-mail",
            Err(r"invalid regular expression /e\-mail/gmu: invalid escape"),
        ),
        (
            "¥100",
            Err(r"invalid regular expression /\¥100/gmu: invalid escape"),
        ),
    ];
    for (pattern, want) in table {
        let want = want.map(str::to_owned).map_err(str::to_owned);
        assert_eq!(rule_regex(pattern), want, "{pattern}");
    }
    let mixed = parse(
        "t.yml",
        "rules:\n  - expected: Z\n    patterns: [/a/i, b]\n",
    )
    .unwrap_err();
    assert_eq!(
        mixed[0].message,
        "combining different flags gimu and gmu: every pattern of a rule must have the same flags"
    );
}

#[test]
fn derived_patterns_spread_letters_and_digits() {
    let derived = |expected: &str, word_boundary: bool| {
        let yaml = format!(
            "rules:\n  - expected: {expected:?}\n    options:\n      wordBoundary: {word_boundary}\n"
        );
        let js = parse("t.yml", &yaml).unwrap().rules[0].js_regex().unwrap();
        format!("{js} → {}", js.to_rust().unwrap().pattern)
    };
    // A `.` in `expected` is copied unescaped: it matches any character.
    assert_eq!(
        derived("Vue.js", false),
        r"/[VvＶｖ][UuＵｕ][EeＥｅ].[JjＪｊ][SsＳｓ]/gmu → (?m)[VvＶｖ][UuＵｕ][EeＥｅ][^\n\r\x{2028}\x{2029}][JjＪｊ][SsＳｓ]"
    );
    assert_eq!(
        derived("Java", true),
        r"/\b[JjＪｊ][AaＡａ][VvＶｖ][AaＡａ]\b/gmu → (?m)(?-u:\b)[JjＪｊ][AaＡａ][VvＶｖ][AaＡａ](?-u:\b)"
    );
    assert_eq!(
        derived("5G", false),
        "/[5５][GgＧｇ]/gmu → (?m)[5５][GgＧｇ]"
    );
}

/// What compiling a one-rule dictionary leaves out, as its messages.
fn skipped(pattern: &str) -> Vec<String> {
    let yaml = format!("rules:\n  - pattern: {pattern:?}\n    expected: Z\n");
    let matcher = PrhDictionary::from_file(parse("t.yml", &yaml).unwrap())
        .compile()
        .unwrap();
    matcher
        .unsupported()
        .iter()
        .map(|e| e.message.clone())
        .collect()
}

#[test]
fn rules_js_allows_and_rust_cannot_run_are_skipped_with_a_reason() {
    assert_eq!(
        skipped("/(?<年>a)/"),
        [
            "the pattern /(?<年>a)/gmu is not supported here (group name `年` is not supported); rule skipped"
        ]
    );
    assert_eq!(
        skipped(r"/\uD83D/"),
        [
            r"the pattern /\uD83D/gmu is not supported here (lone surrogate escapes can't be matched in UTF-8 text); rule skipped"
        ]
    );
    assert_eq!(
        skipped("/a{200000}/"),
        [
            "the pattern /a{200000}/gmu is not supported here (repetition count too large); rule skipped"
        ]
    );
    // prh would loop forever on a pattern that matches the empty string.
    assert_eq!(
        skipped("/a*/"),
        ["the pattern /a*/gmu matches the empty string (prh would loop forever); rule skipped"]
    );
    // Variable-length look-behind is JS, and fancy-regex runs it.
    assert_eq!(skipped("/(?<=a+)b/"), Vec::<String>::new());
}

/// A pattern, its `expected`, a text, and the findings (matched, expected).
type Substitution = (
    &'static str,
    &'static str,
    &'static str,
    &'static [(&'static str, &'static str)],
);

#[test]
fn dollar_n_in_expected_is_substituted_as_prh_does() {
    let table: &[Substitution] = &[
        (
            r"/(\d+)個所/",
            "$1箇所",
            "3個所と12個所",
            &[("3個所", "3箇所"), ("12個所", "12箇所")],
        ),
        // A named group is numbered too.
        (
            r"/(?<y>\d{4})年/",
            "$1年度",
            "2024年",
            &[("2024年", "2024年度")],
        ),
        // Two digits are read greedily: `$11` is group 11, `$10` group 10.
        (
            "/(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)/",
            "$11$10$1",
            "abcdefghijk",
            &[("abcdefghijk", "kja")],
        ),
        // `$0` and numbers past the last group stay as written.
        (
            "/(a)|(b)/",
            "<$1$2$3$0$10>",
            "ab",
            &[("a", "<a$3$0$10>"), ("b", "<b$3$0$10>")],
        ),
        ("/(a)(b)/", "$12", "ab", &[("ab", "$12")]),
        // A group that took no part gives the empty string.
        (
            "/ん(か)?/",
            "ン$1",
            "んかん",
            &[("んか", "ンか"), ("ん", "ン")],
        ),
        // `$$` is not an escape for prh.
        ("/x(y)/", "$$1", "xy", &[("xy", "$y")]),
    ];
    for (pattern, expected, text, want) in table {
        let yaml = format!("rules:\n  - pattern: {pattern:?}\n    expected: {expected:?}\n");
        let matcher = PrhDictionary::from_file(parse("t.yml", &yaml).unwrap())
            .compile()
            .unwrap();
        let got: Vec<(String, String)> = matcher
            .find(text)
            .matches
            .into_iter()
            .map(|m| (m.matched, m.expected))
            .collect();
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        assert_eq!(got, want, "{pattern} → {expected} on {text}");
    }
}
