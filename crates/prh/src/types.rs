//! The public types: a dictionary file as written ([`PrhFile`]), its rules
//! and imports, the merged dictionary ([`PrhDictionary`]), the JS regex prh
//! builds for a rule ([`JsRegex`]) and the error type ([`PrhError`]).

use std::fmt;
use std::path::PathBuf;

/// A problem in a prh dictionary, at a 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrhError {
    /// The file: as it was named to [`parse`](crate::parse), or reached by
    /// [`load`](crate::load) (an import's path joined to its importer's
    /// directory). An import that could not be read is reported in the
    /// importing file, named as [`Files::identify`](crate::Files::identify)
    /// named it.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong (English, as prh's own messages).
    pub message: String,
}

impl PrhError {
    pub(crate) fn new(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
        PrhError {
            file: file.to_string(),
            line,
            column,
            message: message.into(),
        }
    }
}

impl fmt::Display for PrhError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}:{}:{}: {}",
            self.file, self.line, self.column, self.message
        )
    }
}

impl std::error::Error for PrhError {}

/// One `prh.yml` file as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrhFile {
    /// The label the file was parsed under (its path, usually).
    pub file: String,
    /// `version`, when the file gives one (prh reads a missing or zero
    /// version as 1).
    pub version: Option<u32>,
    /// The import paths, as written.
    pub imports: Vec<String>,
    /// The imports with their options, in the same order as `imports`.
    pub import_specs: Vec<PrhImport>,
    /// The file's own rules, in order.
    pub rules: Vec<PrhRule>,
}

/// One entry of `imports`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrhImport {
    /// The path, relative to the importing file's directory.
    pub path: String,
    /// `disableImports`: the imported file's own imports are not read.
    pub disable_imports: bool,
    /// `ignoreRules`: the imported rules left out.
    pub ignore_rules: Vec<PrhIgnoreRule>,
    /// Where the import is written (1-based line).
    pub line: usize,
    /// Where the import is written (1-based column, in characters).
    pub column: usize,
}

/// One entry of an import's `ignoreRules`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrhIgnoreRule {
    /// Compared with the rule's regex as JS prints it (`/source/gmu`).
    pub pattern: Option<String>,
    /// Compared with the rule's `expected`.
    pub expected: Option<String>,
}

/// One pattern of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrhPattern {
    /// A plain string, matched literally (after prh's escaping).
    Literal(String),
    /// `/source/flags`, or the pattern derived from `expected` (empty flags).
    Regex {
        /// The JS source between the slashes.
        source: String,
        /// The flags after the last slash (of `gimy`; only `i` counts).
        flags: String,
    },
}

/// How the rule's patterns were given; it changes the regex prh builds.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PatternForm {
    /// No `pattern(s)`: derived from `expected`.
    #[default]
    Derived,
    /// One string.
    Single,
    /// A list of strings.
    List,
}

/// One rule.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrhRule {
    /// What a match becomes (`$N` stands for group N).
    pub expected: String,
    /// `pattern` or `patterns`, parsed.
    pub patterns: Vec<PrhPattern>,
    /// How the patterns were given.
    pub pattern_form: PatternForm,
    /// `(from, to)` self-tests.
    pub specs: Vec<(String, String)>,
    /// `regexpMustEmpty` (`$N`): a match whose group N is not empty is
    /// dropped.
    pub regexp_must_empty: Option<String>,
    /// `options.wordBoundary`.
    pub word_boundary: bool,
    /// The `prh` note that textlint-rule-prh adds to its message.
    pub prh: Option<String>,
    /// The file the rule was read from.
    pub file: String,
    /// Where the rule starts (1-based line).
    pub line: usize,
    /// Where the rule starts (1-based column, in characters).
    pub column: usize,
}

/// A rule's regex as prh builds it in JS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsRegex {
    /// The JS source (`RegExp.prototype.source` before escaping).
    pub source: String,
    /// The `i` flag (`g`, `m` and `u` are always on).
    pub ignore_case: bool,
}

impl fmt::Display for JsRegex {
    /// As JS's `RegExp.prototype.toString` prints it (used by `ignoreRules`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let flags = if self.ignore_case { "gimu" } else { "gmu" };
        write!(f, "/{}/{}", escape_js_source(&self.source), flags)
    }
}

impl PrhRule {
    /// `source` wrapped in `\b` when the rule asks for word boundaries.
    fn bounded(&self, source: String, ignore_case: bool) -> JsRegex {
        let source = if self.word_boundary {
            format!("\\b{source}\\b")
        } else {
            source
        };
        JsRegex {
            source,
            ignore_case,
        }
    }

    /// The JS regex prh builds for this rule, or prh's reason to refuse it.
    pub fn js_regex(&self) -> Result<JsRegex, String> {
        let single = |p: &PrhPattern| -> Result<JsRegex, String> {
            let (source, ignore_case) = match p {
                PrhPattern::Literal(s) => {
                    if s.is_empty() {
                        return Err("a pattern can't be empty".into());
                    }
                    (escape_special_chars(s), false)
                }
                PrhPattern::Regex { source, flags } => {
                    let mut seen = String::new();
                    for c in flags.chars() {
                        if !"gimy".contains(c) || seen.contains(c) {
                            return Err(format!("invalid regular expression flags '{flags}'"));
                        }
                        seen.push(c);
                    }
                    (source.clone(), flags.contains('i'))
                }
            };
            Ok(self.bounded(source, ignore_case))
        };
        match self.pattern_form {
            PatternForm::Derived => Ok(self.bounded(spread_alpha_num(&self.expected), false)),
            PatternForm::Single => match self.patterns.as_slice() {
                [p] => single(p),
                _ => Err("a single pattern was expected".into()),
            },
            PatternForm::List => {
                if self.patterns.is_empty() {
                    return Err("the pattern list is empty (prh would loop forever)".into());
                }
                let mut parts = Vec::new();
                let mut flags: Option<bool> = None;
                for p in &self.patterns {
                    let r = single(p)?;
                    if let Some(prev) = flags
                        && prev != r.ignore_case
                    {
                        let name = |i: bool| if i { "gimu" } else { "gmu" };
                        return Err(format!(
                            "combining different flags {} and {}: every pattern of a rule must have the same flags",
                            name(prev),
                            name(r.ignore_case)
                        ));
                    }
                    flags = Some(r.ignore_case);
                    parts.push(r.source);
                }
                Ok(JsRegex {
                    source: format!("(?:{})", parts.join("|")),
                    ignore_case: flags.unwrap_or(false),
                })
            }
        }
    }

    pub(crate) fn should_ignore(&self, ignore: &PrhIgnoreRule) -> bool {
        if let Some(p) = &ignore.pattern
            && let Ok(js) = self.js_regex()
            && js.to_string() == *p
        {
            return true;
        }
        ignore.expected.as_deref() == Some(self.expected.as_str())
    }
}

/// The rules of a dictionary with its imports merged in, in prh's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrhDictionary {
    /// The version every file of the dictionary has.
    pub version: u32,
    /// The rules: the root file's, then each import's that are not ignored
    /// and whose `expected` is new.
    pub rules: Vec<PrhRule>,
    /// Every file read, the root first.
    pub files: Vec<PathBuf>,
}

impl PrhDictionary {
    /// A dictionary of one parsed file, its imports not followed.
    pub fn from_file(file: PrhFile) -> Self {
        PrhDictionary {
            version: effective_version(file.version),
            files: vec![PathBuf::from(&file.file)],
            rules: file.rules,
        }
    }
}

pub(crate) fn effective_version(v: Option<u32>) -> u32 {
    match v {
        None | Some(0) => 1,
        Some(v) => v,
    }
}

const HANKAKU: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ZENKAKU: &str = "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ０１２３４５６７８９";

/// prh's derivation of a pattern from `expected` (see the crate doc).
pub fn spread_alpha_num(expected: &str) -> String {
    let zen: Vec<char> = ZENKAKU.chars().collect();
    let idx = |s: &str| HANKAKU.find(s);
    let mut out = String::new();
    for c in expected.chars() {
        let upper: String = c.to_uppercase().collect();
        let lower: String = c.to_lowercase().collect();
        let (i1, i2) = (idx(&upper), idx(&lower));
        match (i1, i2) {
            (None, None) => out.push(c),
            (a, b) if a == b => {
                out.push('[');
                out.push(c);
                if let Some(z) = a.and_then(|i| zen.get(i)) {
                    out.push(*z);
                }
                out.push(']');
            }
            (a, b) => {
                out.push('[');
                out.push_str(&upper);
                out.push_str(&lower);
                for i in [a, b].into_iter().flatten() {
                    if let Some(z) = zen.get(i) {
                        out.push(*z);
                    }
                }
                out.push(']');
            }
        }
    }
    out
}

/// prh's escaping of a literal pattern.
fn escape_special_chars(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if "¥*+.?{}()[]^$-|/".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `RegExp.prototype.source` as V8 prints it.
fn escape_js_source(src: &str) -> String {
    if src.is_empty() {
        return "(?:)".into();
    }
    let mut out = String::new();
    let mut in_class = false;
    let mut escaped = false;
    for c in src.chars() {
        match c {
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\u{2028}' => out.push_str("\\u2028"),
            '\u{2029}' => out.push_str("\\u2029"),
            '/' if !escaped && !in_class => out.push_str("\\/"),
            _ => out.push(c),
        }
        if escaped {
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == '[' {
            in_class = true;
        } else if c == ']' {
            in_class = false;
        }
    }
    out
}
