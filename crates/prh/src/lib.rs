//! Reading and running prh dictionaries (`prh.yml`), so that a text checked here
//! gives the findings that textlint + textlint-rule-prh give for the same
//! dictionary.
//!
//! # What prh does (prh 5.4.4, textlint-rule-prh 6.1.0), in our words
//!
//! This was worked out from the published sources of both packages and checked by
//! running them (see the tests in `tests/prh.rs`, whose expected values were taken
//! from the real tools).
//!
//! ## The file
//! * The YAML is read with js-yaml 3 (duplicate keys are an error; `1`, `true`,
//!   `~` and dates are not strings). Top-level keys: `version` (defaults to 1,
//!   `+version || 1`), `rules`, `imports`; `targets` and `meta` are not used by
//!   textlint-rule-prh (it always passes an empty file name) and are ignored here.
//! * A rule is a mapping, or a bare string which means `{expected: <string>}`.
//!   `expected` is required. `pattern` wins over `patterns` when both are present
//!   (`pattern || patterns`). An empty string as a pattern is an error.
//!   `options.wordBoundary` (default false), `regexpMustEmpty`, `specs` (list of
//!   `{from, to}`, both required and non-empty) and `prh` (a note that
//!   textlint-rule-prh appends to its message on a new line) are the other keys.
//! * One pattern string becomes one JS regular expression:
//!   - `/source/flags` where the whole string matches `^/(.*)/([gimy]*)$` (`.` does
//!     not cross line ends, the last `/` wins) is taken as a regex. Of the flags
//!     only `i` survives: every rule regex is rebuilt with `g`, `m` and `u`, plus
//!     `i` when it was given. `/x/u` or `/x/s` are *not* regexes but literals.
//!   - any other string is a literal: each of `¥*+.?{}()[]^$-|/` is prefixed with
//!     a backslash (the backslash itself is not escaped). Under the `u` flag
//!     `\-` and `\¥` are invalid escapes, so a literal pattern containing `-` or
//!     `¥` makes prh refuse the whole dictionary ("Invalid escape"); we report the
//!     same error instead of silently accepting it.
//!   - with no pattern at all, the pattern is derived from `expected`: every ASCII
//!     letter `x` becomes the class `[Xxｘ Ｘ]` (upper, lower, full-width of the
//!     upper, full-width of the lower, e.g. `[VvＶｖ]`), every ASCII digit `5`
//!     becomes `[5５]`, and every other character is copied *unescaped*, so a `.`
//!     in `expected` matches any character (`Vue.js` also matches `VUEXJS`).
//!   - `wordBoundary: true` wraps each pattern (or the derived one) as
//!     `\b…\b` with no group around it; JS `\b` is ASCII-only, so `Java` is at a
//!     boundary before `は`.
//!   - a list of patterns becomes `(?:p1|p2|…)`; mixing patterns with and without
//!     `i` is an error ("combining different flags").
//! * Matching is `exec` in a loop from `lastIndex`: non-overlapping, leftmost
//!   first, per rule. A regex that matches the empty string makes prh loop
//!   forever; we refuse such a rule instead.
//! * For every match: if `regexpMustEmpty` is `$N` and group N matched a non-empty
//!   string, the match is dropped (a stand-in for look-behind). If the matched text
//!   equals `expected` *as written* (before `$N` substitution), it is dropped.
//! * `$N` in `expected` (one or two digits, greedy) is replaced by group N; `$0`,
//!   or a number above the group count, is kept literally; a group that did not
//!   take part gives the empty string.
//!
//! ## A text (`Engine.makeChangeSet`, called by textlint-rule-prh per `Str` node)
//! * The text is cut into paragraphs at runs of two or more `\n`. Within one
//!   paragraph, a line containing `prh:disable` with nothing after it (or with
//!   an empty `prh:disable:`) disables every finding of that paragraph;
//!   `prh:disable:PATTERN` drops findings whose matched text matches the JS regex
//!   `(PATTERN)`, and also findings that straddle the pragma itself (from the line
//!   start to the end of the pragma; prh's "collide" test is strict, so a finding
//!   starting exactly where that range starts is kept).
//! * Every rule runs on every paragraph, in dictionary order; all findings are
//!   then sorted (stably) by start, then by end, and overlaps are removed in two
//!   single passes: (1) an entry followed by one with the same start and a larger
//!   end is dropped (the longest match at a start wins); (2) an entry starting
//!   before the end of its *immediate predecessor in the list left by pass 1* is
//!   dropped (so the first rule wins on identical ranges, earlier starts win —
//!   but a dropped entry still serves as the predecessor, so a later overlapping
//!   entry can survive).
//! * textlint-rule-prh then walks the kept entries, replacing each in a working
//!   copy of the text and reading the "actual" text at the original index shifted
//!   by the length change so far (JS `slice`, UTF-16 units). It reports
//!   `actual => expected` (+ `\n` + the rule's `prh` note), at the original
//!   start, unless actual equals the substituted expected. So an entry whose text
//!   already equals its substituted `expected` still takes part in overlap
//!   removal, but is not reported.
//! * textlint-rule-prh looks only at `Str` nodes, and skips those inside `Link`
//!   (`checkLink`, default false), `BlockQuote` (`checkBlockQuote`, default
//!   false), `Emphasis` (`checkEmphasis`, default false), `Header`
//!   (`checkHeader`, default **true**: headers are checked) and `Paragraph`
//!   (`checkParagraph`, default true); `checkCodeComment` lists code-block
//!   languages whose comments are checked. Choosing the nodes is the caller's
//!   job: [`PrhMatcher::find`] stands for one `Str` node.
//!
//! ## Specs and imports
//! * prh runs every rule's specs while loading: the rule is applied to `from`
//!   (no paragraph or pragma handling), overlaps removed as above, every entry
//!   replaced by its substituted `expected`, and the result must equal `to`; a
//!   failure aborts loading. Here [`PrhMatcher::run_specs`] returns the failures.
//! * `imports` is a path or a list of paths or of `{path, disableImports,
//!   ignoreRules}`; the path is joined to the importing file's directory.
//!   `disableImports` skips the imported file's own imports. `ignoreRules` entries
//!   are a string (compared with the rule's compiled regex as JS prints it, e.g.
//!   `/[JjＪｊ]ava/gmu`) or `{pattern, expected}`. The imported rules whose
//!   `expected` already exists among the rules gathered so far are dropped (the
//!   importing file wins); the `version`s must be equal. prh has no cycle
//!   detection (it recurses until the stack overflows); we report cycles, limit
//!   the depth, and refuse absolute import paths (prh would join them under the
//!   directory anyway).
//!
//! # Crates, and why
//! * YAML: `saphyr-parser` (maintained successor of yaml-rust, event parser with
//!   a span on every event). We need positions on every node (to report the line of
//!   a rule, an import, a spec) and js-yaml's typing of plain scalars and its
//!   duplicate-key error, which serde-based crates (`serde_norway`,
//!   `serde_yaml_ng`) do not give on their values.
//! * Regex: the `regex` crate for patterns it can express (guaranteed linear
//!   time), and `fancy-regex` for the rest: real prh dictionaries use look-ahead
//!   (`/ってな(?!く)/` in the WEB+DB PRESS rules), look-behind and back-references,
//!   which `regex` lacks; fancy-regex adds them by backtracking only where needed
//!   and has the same leftmost-first semantics as JS. JS source is translated (it
//!   is parsed in `u` mode, as prh compiles it): `\d`, `\w`, `\b` and `\B` become
//!   ASCII-only, `\s` takes JS's white-space set, `.` stops at `\n`, `\r`,
//!   U+2028 and U+2029.
//!
//! # Known differences
//! * `^`/`$` under `m` only treat `\n` as a line end (JS also treats `\r`,
//!   U+2028, U+2029). Captures inside a repeated group keep the last value the
//!   group took (JS resets them on each repetition). Lone surrogates in a pattern
//!   cannot be matched in Rust strings: such a rule is reported as unsupported.
//! * Budget. A pattern that needs backtracking (look-around, back-references)
//!   can cost the square of its text or more (`/サーバ(?=[^。]*ます)/` reads to
//!   the end of the paragraph from every サーバ). Such a rule is run only on
//!   paragraphs of at most [`MAX_BACKTRACKING_CHARS`] characters, and each
//!   search stops after [`BACKTRACK_LIMIT`] backtracking steps. Where either
//!   is exceeded, [`PrhMatcher::find`] says so ([`Incomplete`]): the rule was
//!   not (fully) applied to that paragraph, where textlint may report more.
//!   Within the budget the findings are textlint's. Rules the `regex` crate
//!   runs (linear time) have no budget.
//! * A `prh:disable:PATTERN` whose PATTERN is not a valid regex (prh would throw)
//!   is treated as a literal string.
//! * Byte offsets are returned; textlint's are in UTF-16 units.

use std::collections::HashMap;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};
use std::sync::OnceLock;

use saphyr_parser::{Event, Parser, ScalarStyle};

/// How deep `imports` may nest.
pub const MAX_IMPORT_DEPTH: usize = 32;

/// How deep JS regex groups may nest before we give up (guards the stack).
const MAX_REGEX_NESTING: usize = 250;

/// How many YAML nodes one file may expand to (guards alias bombs).
const MAX_YAML_NODES: usize = 2_000_000;

/// Backtracking steps one search of a backtracking pattern may take
/// (fancy-regex's limit). A search tries every start position of the rest of
/// the paragraph, a few steps each for patterns prh dictionaries use, so this
/// leaves room for paragraphs of [`MAX_BACKTRACKING_CHARS`].
pub const BACKTRACK_LIMIT: usize = 100_000;

/// The longest paragraph, in characters, a backtracking pattern is run on.
/// Its cost can grow with the square of the paragraph: 2,000 characters take
/// a few milliseconds.
pub const MAX_BACKTRACKING_CHARS: usize = 2_000;

// ---------------------------------------------------------------- errors

/// A problem in a prh dictionary, at a 1-based line and column (in characters).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrhError {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub message: String,
}

impl PrhError {
    fn new(file: &str, line: usize, column: usize, message: impl Into<String>) -> Self {
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

// ---------------------------------------------------------------- model

/// One `prh.yml` file as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrhFile {
    /// The label the file was parsed under (its path, usually).
    pub file: String,
    pub version: Option<u32>,
    /// The import paths, as written.
    pub imports: Vec<String>,
    /// The imports with their options, in the same order as `imports`.
    pub import_specs: Vec<PrhImport>,
    pub rules: Vec<PrhRule>,
}

/// One entry of `imports`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PrhImport {
    pub path: String,
    pub disable_imports: bool,
    pub ignore_rules: Vec<PrhIgnoreRule>,
    pub line: usize,
    pub column: usize,
}

/// One entry of an import's `ignoreRules`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PrhIgnoreRule {
    /// Compared with the rule's regex as JS prints it (`/source/gmu`).
    pub pattern: Option<String>,
    pub expected: Option<String>,
}

/// One pattern of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PrhPattern {
    /// A plain string, matched literally (after prh's escaping).
    Literal(String),
    /// `/source/flags`, or the pattern derived from `expected` (empty flags).
    Regex { source: String, flags: String },
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
    pub expected: String,
    pub patterns: Vec<PrhPattern>,
    pub pattern_form: PatternForm,
    /// `(from, to)` self-tests.
    pub specs: Vec<(String, String)>,
    pub regexp_must_empty: Option<String>,
    pub word_boundary: bool,
    /// The `prh` note that textlint-rule-prh adds to its message.
    pub prh: Option<String>,
    /// The file the rule was read from.
    pub file: String,
    pub line: usize,
    pub column: usize,
}

/// A rule's regex as prh builds it in JS.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsRegex {
    pub source: String,
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

    fn should_ignore(&self, ignore: &PrhIgnoreRule) -> bool {
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
    pub version: u32,
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

fn effective_version(v: Option<u32>) -> u32 {
    match v {
        None | Some(0) => 1,
        Some(v) => v,
    }
}

// ---------------------------------------------------------------- YAML tree

#[derive(Clone, Debug)]
enum Kind {
    /// A string, or a plain scalar that js-yaml reads as a string.
    Str(String),
    Null,
    /// A non-string scalar (number, boolean, date, tagged value): its type and text.
    Other(&'static str, String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug)]
struct Node {
    kind: Kind,
    line: usize,
    column: usize,
}

impl Node {
    fn describe(&self) -> String {
        match &self.kind {
            Kind::Str(_) => "a string".into(),
            Kind::Null => "null".into(),
            Kind::Other(t, s) => format!("{t} `{s}`"),
            Kind::Seq(_) => "a list".into(),
            Kind::Map(_) => "a mapping".into(),
        }
    }

    fn key_text(&self) -> String {
        match &self.kind {
            Kind::Str(s) | Kind::Other(_, s) => s.clone(),
            Kind::Null => "null".into(),
            Kind::Seq(_) | Kind::Map(_) => "[complex key]".into(),
        }
    }

    fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.key_text() == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

fn regex_static(cell: &'static OnceLock<regex::Regex>, src: &str) -> &'static regex::Regex {
    cell.get_or_init(|| regex::Regex::new(src).expect("static regex"))
}

/// How js-yaml 3 (default schema) types a plain scalar.
fn resolve_plain(s: &str) -> Kind {
    static INT: OnceLock<regex::Regex> = OnceLock::new();
    static FLOAT: OnceLock<regex::Regex> = OnceLock::new();
    static DATE: OnceLock<regex::Regex> = OnceLock::new();
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => {
            return Kind::Other("boolean", s.into());
        }
        _ => {}
    }
    let int = regex_static(
        &INT,
        r"^(?:[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$",
    );
    let float = regex_static(
        &FLOAT,
        r"^(?:[-+]?(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
    );
    let date = regex_static(
        &DATE,
        r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$",
    );
    if (int.is_match(s) || float.is_match(s)) && !s.ends_with('_') {
        Kind::Other("number", s.into())
    } else if date.is_match(s) {
        Kind::Other("date", s.into())
    } else {
        Kind::Str(s.into())
    }
}

enum Frame {
    Seq(Vec<Node>, usize, usize, usize),
    Map(Vec<(Node, Node)>, Option<Node>, usize, usize, usize),
}

/// Builds the node tree of a single-document YAML text.
/// Duplicate keys and bad merges are returned beside the tree; syntax errors
/// end the parse.
/// Where each line of a text starts, in characters, with lines ended by `\n`
/// only. The YAML parser also ends a line at a lone `\r`; positions are
/// recomputed from its character index so they are the file's own lines and
/// columns, as every other diagnostic counts them.
/// The parser's index can run past the end of the text (after a directive
/// line, for one), so it is clamped to the end.
struct LineStarts {
    starts: Vec<usize>,
    chars: usize,
}

impl LineStarts {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(
                text.chars()
                    .enumerate()
                    .filter(|&(_, c)| c == '\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineStarts {
            starts,
            chars: text.chars().count(),
        }
    }

    /// 1-based line and column of the character at `index`.
    fn position(&self, index: usize) -> (usize, usize) {
        let index = index.min(self.chars);
        let line = self.starts.partition_point(|&start| start <= index).max(1);
        (line, index - self.starts[line - 1] + 1)
    }
}

fn parse_yaml(label: &str, yaml: &str) -> Result<(Option<Node>, Vec<PrhError>), Vec<PrhError>> {
    let lines = LineStarts::new(yaml);
    let mut parser = Parser::new_from_str(yaml);
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut budget = MAX_YAML_NODES;
    let mut errors = Vec::new();

    // Adds a finished node to its parent (or makes it the root).
    fn push(
        stack: &mut [Frame],
        root: &mut Option<Node>,
        node: Node,
        label: &str,
        errors: &mut Vec<PrhError>,
    ) {
        match stack.last_mut() {
            None => *root = Some(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(entries, pending, ..)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => {
                    if matches!(&key.kind, Kind::Str(s) if s == "<<") {
                        // js-yaml's merge key: copy in the keys not already set.
                        let sources: Vec<Node> = match node.kind {
                            Kind::Seq(items) => items,
                            _ => vec![node],
                        };
                        for src in sources {
                            match src.kind {
                                Kind::Map(more) => {
                                    for (k, v) in more {
                                        let text = k.key_text();
                                        if !entries.iter().any(|(e, _)| e.key_text() == text) {
                                            entries.push((k, v));
                                        }
                                    }
                                }
                                _ => errors.push(PrhError::new(
                                    label,
                                    src.line,
                                    src.column,
                                    "cannot merge a non-mapping with `<<`",
                                )),
                            }
                        }
                        return;
                    }
                    let text = key.key_text();
                    if entries.iter().any(|(e, _)| e.key_text() == text) {
                        errors.push(PrhError::new(
                            label,
                            key.line,
                            key.column,
                            format!("duplicated mapping key `{text}`"),
                        ));
                    } else {
                        entries.push((key, node));
                    }
                }
            },
        }
    }

    fn count(node: &Node) -> usize {
        match &node.kind {
            Kind::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
            Kind::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| count(k) + count(v))
                    .sum::<usize>()
            }
            _ => 1,
        }
    }

    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(e) => e,
            Err(e) => {
                let (line, column) = lines.position(e.marker().index());
                errors.push(PrhError::new(
                    label,
                    line,
                    column,
                    format!("YAML syntax error: {}", e.info()),
                ));
                return Err(errors);
            }
        };
        let (line, column) = lines.position(span.start.index());
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    errors.push(PrhError::new(
                        label,
                        line,
                        column,
                        "expected a single YAML document, found more",
                    ));
                    return Err(errors);
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let kind = match (&tag, style) {
                    (Some(t), _) if t.is_yaml_core_schema() && t.suffix == "str" => {
                        Kind::Str(value.to_string())
                    }
                    (Some(t), _) => Kind::Other("tagged value", format!("{t} {value}")),
                    (None, ScalarStyle::Plain) => resolve_plain(&value),
                    (None, _) => Kind::Str(value.to_string()),
                };
                let node = Node { kind, line, column };
                budget = budget.saturating_sub(1);
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                push(&mut stack, &mut root, node, label, &mut errors);
            }
            Event::Alias(id) => {
                let Some(node) = anchors.get(&id) else {
                    errors.push(PrhError::new(label, line, column, "unknown alias"));
                    return Err(errors);
                };
                let n = count(node);
                if n > budget {
                    errors.push(PrhError::new(
                        label,
                        line,
                        column,
                        "the YAML expands to too many nodes (alias loop?)",
                    ));
                    return Err(errors);
                }
                budget -= n;
                let mut node = node.clone();
                node.line = line;
                node.column = column;
                push(&mut stack, &mut root, node, label, &mut errors);
            }
            Event::SequenceStart(anchor, _) => {
                stack.push(Frame::Seq(Vec::new(), anchor, line, column));
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Frame::Map(Vec::new(), None, anchor, line, column));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match stack.pop() {
                    Some(Frame::Seq(items, anchor, line, column)) => (
                        Node {
                            kind: Kind::Seq(items),
                            line,
                            column,
                        },
                        anchor,
                    ),
                    Some(Frame::Map(entries, _, anchor, line, column)) => (
                        Node {
                            kind: Kind::Map(entries),
                            line,
                            column,
                        },
                        anchor,
                    ),
                    None => continue,
                };
                budget = budget.saturating_sub(1);
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                push(&mut stack, &mut root, node, label, &mut errors);
            }
            Event::StreamEnd => break,
            _ => {}
        }
        if budget == 0 {
            errors.push(PrhError::new(
                label,
                line,
                column,
                "the YAML has too many nodes",
            ));
            return Err(errors);
        }
    }
    Ok((root, errors))
}

/// The double-quoted scalars of a YAML text (keys included), as byte ranges
/// of their source with the quotes: the only places where an escape such as
/// `\u202E` stands for another character. The text is read up to its first
/// syntax error (which the loader reports).
pub fn double_quoted_scalars(yaml: &str) -> Vec<std::ops::Range<usize>> {
    let mut parser = Parser::new_from_str(yaml);
    let mut out = Vec::new();
    // Character index -> byte offset, moving forward (events come in order).
    let mut chars = yaml.char_indices().enumerate().peekable();
    let mut byte = |index: usize| {
        while let Some(&(i, (at, _))) = chars.peek() {
            if i == index {
                return at;
            }
            chars.next();
        }
        yaml.len()
    };
    while let Some(Ok((event, span))) = parser.next_event() {
        if let Event::Scalar(_, ScalarStyle::DoubleQuoted, ..) = event {
            let start = byte(span.start.index());
            out.push(start..byte(span.end.index()).max(start));
        }
    }
    out
}

// ---------------------------------------------------------------- parse

/// Parses one `prh.yml` text. `path_label` names the file in errors.
pub fn parse(path_label: &str, yaml: &str) -> Result<PrhFile, Vec<PrhError>> {
    // Positions are counted as in the loaded file, whose BOM is not a column.
    let yaml = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    let (root, mut errors) = parse_yaml(path_label, yaml)?;
    let err = |errors: &mut Vec<PrhError>, node: &Node, msg: String| {
        errors.push(PrhError::new(path_label, node.line, node.column, msg));
    };
    let Some(root) = root else {
        errors.push(PrhError::new(
            path_label,
            1,
            1,
            "the file is empty: a prh dictionary needs a mapping with `rules`",
        ));
        return Err(errors);
    };
    if !matches!(root.kind, Kind::Map(_)) {
        err(
            &mut errors,
            &root,
            format!(
                "the top level must be a mapping (with `version`, `rules`, `imports`), not {}",
                root.describe()
            ),
        );
        return Err(errors);
    }
    let mut file = PrhFile {
        file: path_label.to_string(),
        ..PrhFile::default()
    };

    if let Some(v) = root.get("version") {
        match &v.kind {
            Kind::Null => {}
            Kind::Str(s) | Kind::Other("number", s) => match s.trim().parse::<u32>() {
                Ok(n) => file.version = Some(n),
                Err(_) => err(
                    &mut errors,
                    v,
                    format!("`version` must be a whole number, not `{s}`"),
                ),
            },
            _ => err(
                &mut errors,
                v,
                format!("`version` must be a number, not {}", v.describe()),
            ),
        }
    }

    if let Some(imports) = root.get("imports") {
        let items: Vec<&Node> = match &imports.kind {
            Kind::Null => Vec::new(),
            Kind::Str(_) => vec![imports],
            Kind::Seq(items) => items.iter().collect(),
            _ => {
                err(
                    &mut errors,
                    imports,
                    format!(
                        "`imports` must be a path or a list, not {}",
                        imports.describe()
                    ),
                );
                Vec::new()
            }
        };
        for item in items {
            if let Some(spec) = parse_import(item, path_label, &mut errors) {
                file.imports.push(spec.path.clone());
                file.import_specs.push(spec);
            }
        }
    }

    if let Some(rules) = root.get("rules") {
        match &rules.kind {
            Kind::Null => {}
            Kind::Seq(items) => {
                for item in items {
                    if let Some(rule) = parse_rule(item, path_label, &mut errors) {
                        file.rules.push(rule);
                    }
                }
            }
            _ => err(
                &mut errors,
                rules,
                format!("`rules` must be a list, not {}", rules.describe()),
            ),
        }
    }

    if errors.is_empty() {
        Ok(file)
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

fn parse_import(item: &Node, label: &str, errors: &mut Vec<PrhError>) -> Option<PrhImport> {
    let mut spec = PrhImport {
        line: item.line,
        column: item.column,
        ..PrhImport::default()
    };
    match &item.kind {
        Kind::Str(s) => spec.path = s.clone(),
        Kind::Map(_) => {
            match item.get("path").map(|n| (n, &n.kind)) {
                Some((_, Kind::Str(s))) if !s.is_empty() => spec.path = s.clone(),
                Some((n, _)) => {
                    errors.push(PrhError::new(
                        label,
                        n.line,
                        n.column,
                        format!("an import's `path` must be a string, not {}", n.describe()),
                    ));
                    return None;
                }
                None => {
                    errors.push(PrhError::new(
                        label,
                        item.line,
                        item.column,
                        "an import needs a `path`",
                    ));
                    return None;
                }
            }
            if let Some(d) = item.get("disableImports") {
                spec.disable_imports = truthy(d);
            }
            if let Some(list) = item.get("ignoreRules") {
                let entries: &[Node] = match &list.kind {
                    Kind::Seq(items) => items,
                    Kind::Null => &[],
                    _ => {
                        errors.push(PrhError::new(
                            label,
                            list.line,
                            list.column,
                            "`ignoreRules` must be a list",
                        ));
                        &[]
                    }
                };
                for e in entries {
                    match &e.kind {
                        Kind::Str(s) => spec.ignore_rules.push(PrhIgnoreRule {
                            pattern: Some(s.clone()),
                            expected: None,
                        }),
                        Kind::Map(_) => {
                            let text = |k: &str| match e.get(k).map(|n| &n.kind) {
                                Some(Kind::Str(s)) | Some(Kind::Other(_, s)) => Some(s.clone()),
                                _ => None,
                            };
                            spec.ignore_rules.push(PrhIgnoreRule {
                                pattern: text("pattern"),
                                expected: text("expected"),
                            });
                        }
                        _ => errors.push(PrhError::new(
                            label,
                            e.line,
                            e.column,
                            format!(
                                "an `ignoreRules` entry must be a string or a mapping, not {}",
                                e.describe()
                            ),
                        )),
                    }
                }
            }
        }
        _ => {
            errors.push(PrhError::new(
                label,
                item.line,
                item.column,
                format!(
                    "an import must be a path or a mapping with `path`, not {}",
                    item.describe()
                ),
            ));
            return None;
        }
    }
    if spec.path.is_empty() {
        errors.push(PrhError::new(
            label,
            item.line,
            item.column,
            "an import path can't be empty",
        ));
        return None;
    }
    Some(spec)
}

/// JS truthiness of a YAML value.
fn truthy(n: &Node) -> bool {
    match &n.kind {
        Kind::Null => false,
        Kind::Str(s) => !s.is_empty(),
        Kind::Other("boolean", s) => s.eq_ignore_ascii_case("true"),
        Kind::Other("number", s) => s.parse::<f64>().map(|f| f != 0.0).unwrap_or(true),
        _ => true,
    }
}

fn parse_pattern_string(s: &str) -> PrhPattern {
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = regex_static(&RE, r"^/([^\n\r\x{2028}\x{2029}]*)/([gimy]*)$");
    match re.captures(s) {
        Some(c) => PrhPattern::Regex {
            source: c[1].to_string(),
            flags: c[2].to_string(),
        },
        None => PrhPattern::Literal(s.to_string()),
    }
}

fn parse_rule(item: &Node, label: &str, errors: &mut Vec<PrhError>) -> Option<PrhRule> {
    let before = errors.len();
    let mut rule = PrhRule {
        file: label.to_string(),
        line: item.line,
        column: item.column,
        ..PrhRule::default()
    };
    let mut e = |n: &Node, msg: String| errors.push(PrhError::new(label, n.line, n.column, msg));
    match &item.kind {
        Kind::Str(s) if !s.is_empty() => rule.expected = s.clone(),
        Kind::Map(_) => {
            match item.get("expected") {
                Some(Node {
                    kind: Kind::Str(s), ..
                }) => rule.expected = s.clone(),
                Some(
                    n @ Node {
                        kind: Kind::Null, ..
                    },
                )
                | Some(
                    n @ Node {
                        kind: Kind::Other(..),
                        ..
                    },
                )
                | Some(
                    n @ Node {
                        kind: Kind::Seq(_) | Kind::Map(_),
                        ..
                    },
                ) => {
                    let what = n.describe();
                    e(
                        n,
                        format!("`expected` must be a string, not {what} (quote it)"),
                    );
                }
                None => e(item, "the rule has no `expected`".into()),
            }
            // `pattern || patterns`: an empty string is an error either way.
            let pattern = item.get("pattern");
            let patterns = item.get("patterns");
            for p in [pattern, patterns].into_iter().flatten() {
                let empty = match &p.kind {
                    Kind::Str(s) => s.is_empty(),
                    Kind::Seq(items) => items
                        .iter()
                        .any(|i| matches!(&i.kind, Kind::Str(s) if s.is_empty())),
                    _ => false,
                };
                if empty {
                    e(p, "a pattern can't be empty".into());
                }
            }
            let chosen = match pattern {
                Some(p) if truthy(p) => Some(p),
                _ => patterns.filter(|p| !matches!(p.kind, Kind::Null)),
            };
            match chosen.map(|n| (n, &n.kind)) {
                None => rule.pattern_form = PatternForm::Derived,
                Some((_, Kind::Str(s))) => {
                    rule.pattern_form = PatternForm::Single;
                    rule.patterns.push(parse_pattern_string(s));
                }
                Some((_, Kind::Seq(items))) => {
                    rule.pattern_form = PatternForm::List;
                    for i in items {
                        match &i.kind {
                            Kind::Str(s) => rule.patterns.push(parse_pattern_string(s)),
                            _ => {
                                let what = i.describe();
                                e(i, format!("a pattern must be a string, not {what}"));
                            }
                        }
                    }
                }
                Some((n, _)) => {
                    let what = n.describe();
                    e(n, format!("a pattern must be a string, not {what}"));
                }
            }
            if let Some(opts) = item.get("options") {
                match &opts.kind {
                    Kind::Map(_) => {
                        if let Some(wb) = opts.get("wordBoundary") {
                            rule.word_boundary = truthy(wb);
                        }
                    }
                    Kind::Null => {}
                    _ => e(opts, "`options` must be a mapping".into()),
                }
            }
            if let Some(m) = item.get("regexpMustEmpty") {
                match &m.kind {
                    Kind::Null => {}
                    Kind::Str(s) if valid_must_empty(s).is_some() => {
                        rule.regexp_must_empty = Some(s.clone())
                    }
                    _ => e(
                        m,
                        "`regexpMustEmpty` must be a group reference like `$1`".into(),
                    ),
                }
            }
            if let Some(n) = item.get("prh") {
                match &n.kind {
                    Kind::Str(s) | Kind::Other(_, s) => rule.prh = Some(s.clone()),
                    _ => {}
                }
            }
            if let Some(specs) = item.get("specs") {
                match &specs.kind {
                    Kind::Null => {}
                    Kind::Seq(items) => {
                        for s in items {
                            let from = s.get("from");
                            let to = s.get("to");
                            match (from.map(|n| &n.kind), to.map(|n| &n.kind)) {
                                (Some(Kind::Str(f)), Some(Kind::Str(t)))
                                    if !f.is_empty() && !t.is_empty() =>
                                {
                                    rule.specs.push((f.clone(), t.clone()))
                                }
                                _ => e(s, "a spec needs non-empty string `from` and `to`".into()),
                            }
                        }
                    }
                    _ => e(specs, "`specs` must be a list".into()),
                }
            }
        }
        _ => {
            let what = item.describe();
            e(
                item,
                format!("a rule must be a mapping or a string, not {what}"),
            );
        }
    }
    if errors.len() > before {
        return None;
    }
    // prh builds the regex while loading: its errors are load errors.
    let js = match rule.js_regex() {
        Ok(js) => js,
        Err(msg) => {
            errors.push(PrhError::new(label, rule.line, rule.column, msg));
            return None;
        }
    };
    if let Err(TrError::Syntax(msg)) = translate(&js.source, false) {
        errors.push(PrhError::new(
            label,
            rule.line,
            rule.column,
            format!("invalid regular expression {js}: {msg}"),
        ));
        return None;
    }
    Some(rule)
}

fn valid_must_empty(s: &str) -> Option<usize> {
    let digits = s.strip_prefix('$')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse::<usize>().unwrap_or(usize::MAX))
}

// ---------------------------------------------------------------- load

/// How [`load_with`] reads a dictionary and its imports.
///
/// prh joins an import's path to the directory of the file that imports it;
/// the result is what these methods get (not normalized: `a/../b.yml` stays
/// as written, so errors name the file as the dictionary wrote it). A caller
/// with a rule for reading files (only inside a folder, never through a
/// link, at most so many bytes) implements it here, and every import obeys
/// it. The message of an error (its `Display`) is what the [`PrhError`]
/// says, at the import that named the file.
///
/// A closure `Fn(&Path) -> io::Result<String>` is a `Files` that reads with
/// itself and identifies files by [`lexical_path`].
///
/// ```
/// use std::path::Path;
///
/// // A dictionary and its import, in memory.
/// let read = |path: &Path| match path.to_str() {
///     Some("dict/prh.yml") => Ok("imports: common.yml\nrules:\n  - GitHub\n".to_owned()),
///     Some("dict/common.yml") => Ok("rules:\n  - Docker\n".to_owned()),
///     _ => Err(std::io::Error::other(format!("no {}", path.display()))),
/// };
/// let dictionary = prh::load_with(Path::new("dict/prh.yml"), &read).unwrap();
/// let expected: Vec<&str> = dictionary.rules.iter().map(|r| r.expected.as_str()).collect();
/// assert_eq!(expected, ["GitHub", "Docker"]);
/// ```
pub trait Files {
    /// The text of the file at `path`.
    fn read_to_string(&self, path: &Path) -> io::Result<String>;

    /// The name under which the file at `path` is known, so that an import
    /// cycle is found however its paths are written; an error refuses the
    /// file before it is read. By default, [`lexical_path`].
    fn identify(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(lexical_path(path))
    }
}

impl<F: Fn(&Path) -> io::Result<String>> Files for F {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        self(path)
    }
}

/// The file system as it is ([`std::fs`]): what [`load`] reads with. Files
/// are known by their canonical path (so a link and its target are one
/// file), or by [`lexical_path`] when they have none.
#[derive(Clone, Copy, Debug, Default)]
pub struct StdFiles;

impl Files for StdFiles {
    fn read_to_string(&self, path: &Path) -> io::Result<String> {
        std::fs::read_to_string(path)
            .map_err(|e| io::Error::new(e.kind(), format!("cannot read {}: {e}", path.display())))
    }

    fn identify(&self, path: &Path) -> io::Result<PathBuf> {
        Ok(std::fs::canonicalize(path).unwrap_or_else(|_| lexical_path(path)))
    }
}

/// Reads a dictionary file and, recursively, its imports, from the file
/// system ([`StdFiles`]).
pub fn load(path: &Path) -> Result<PrhDictionary, Vec<PrhError>> {
    load_with(path, &StdFiles)
}

/// Reads a dictionary file and, recursively, its imports, through `files`.
///
/// Whatever `files` allows, an absolute import path is refused (prh would
/// join it under the importing file's directory), import cycles are
/// reported, and imports nest at most [`MAX_IMPORT_DEPTH`] files deep.
pub fn load_with(path: &Path, files: &dyn Files) -> Result<PrhDictionary, Vec<PrhError>> {
    let mut stack = Vec::new();
    let mut errors = Vec::new();
    let mut read = Vec::new();
    let label = path.display().to_string();
    let result = load_rec(
        path,
        &label,
        None,
        false,
        &mut stack,
        &mut read,
        &mut errors,
        files,
    );
    match result {
        Some((version, rules)) if errors.is_empty() => Ok(PrhDictionary {
            version,
            rules,
            files: read,
        }),
        _ => Err(errors),
    }
}

/// `path` with its `.` parts left out and each `..` taking away the part
/// before it, without asking the file system (a `..` at the start stays).
///
/// ```
/// use std::path::Path;
/// assert_eq!(prh::lexical_path(Path::new("a/./b/../c.yml")), Path::new("a/c.yml"));
/// assert_eq!(prh::lexical_path(Path::new("../x.yml")), Path::new("../x.yml"));
/// ```
pub fn lexical_path(p: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in p.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

// The recursion carries its whole state explicitly; a struct would only rename it.
#[allow(clippy::too_many_arguments)]
fn load_rec(
    path: &Path,
    label: &str,
    from: Option<&PrhImport>,
    disable_imports: bool,
    stack: &mut Vec<PathBuf>,
    read: &mut Vec<PathBuf>,
    errors: &mut Vec<PrhError>,
    files: &dyn Files,
) -> Option<(u32, Vec<PrhRule>)> {
    let at = |msg: String| match (from, stack.last()) {
        (Some(imp), Some(parent)) => {
            PrhError::new(&parent.display().to_string(), imp.line, imp.column, msg)
        }
        _ => PrhError::new(label, 1, 1, msg),
    };
    let key = match files.identify(path) {
        Ok(key) => key,
        Err(e) => {
            errors.push(at(e.to_string()));
            return None;
        }
    };
    if let Some(pos) = stack.iter().position(|p| *p == key) {
        let chain: Vec<String> = stack[pos..]
            .iter()
            .chain(std::iter::once(&key))
            .map(|p| p.display().to_string())
            .collect();
        errors.push(at(format!("import cycle: {}", chain.join(" -> "))));
        return None;
    }
    if stack.len() >= MAX_IMPORT_DEPTH {
        errors.push(at(format!(
            "imports nest deeper than {MAX_IMPORT_DEPTH} files"
        )));
        return None;
    }
    let text = match files.read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            errors.push(at(e.to_string()));
            return None;
        }
    };
    let file = match parse(label, &text) {
        Ok(f) => f,
        Err(mut errs) => {
            errors.append(&mut errs);
            return None;
        }
    };
    read.push(path.to_path_buf());
    let version = effective_version(file.version);
    let mut rules = file.rules;
    if disable_imports {
        return Some((version, rules));
    }
    stack.push(key);
    let dir = path.parent().unwrap_or(Path::new(""));
    for imp in &file.import_specs {
        let rel = Path::new(&imp.path);
        if rel.has_root() || rel.is_absolute() {
            errors.push(PrhError::new(
                label,
                imp.line,
                imp.column,
                format!(
                    "absolute import path `{}` refused: write it relative to this file",
                    imp.path
                ),
            ));
            continue;
        }
        let target = dir.join(rel);
        let target_label = target.display().to_string();
        let Some((v, sub)) = load_rec(
            &target,
            &target_label,
            Some(imp),
            imp.disable_imports,
            stack,
            read,
            errors,
            files,
        ) else {
            continue;
        };
        if v != version {
            errors.push(PrhError::new(
                label,
                imp.line,
                imp.column,
                format!(
                    "version mismatch: this file is version {version}, `{}` is version {v}",
                    imp.path
                ),
            ));
            continue;
        }
        let kept: Vec<PrhRule> = sub
            .into_iter()
            .filter(|r| imp.ignore_rules.iter().all(|ig| !r.should_ignore(ig)))
            .filter(|r| !rules.iter().any(|have| have.expected == r.expected))
            .collect();
        rules.extend(kept);
    }
    stack.pop();
    Some((version, rules))
}

// ---------------------------------------------------------------- JS helpers

const HANKAKU: &str = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
const ZENKAKU: &str = "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚＡＢＣＤＥＦＧＨＩＪＫＬＭＮＯＰＱＲＳＴＵＶＷＸＹＺ０１２３４５６７８９";

/// prh's derivation of a pattern from `expected` (see the module doc).
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

// ---------------------------------------------------------------- JS regex -> Rust

#[derive(Debug, Clone, PartialEq, Eq)]
enum TrError {
    /// Not a valid JS regex (under the `u` flag): prh refuses the dictionary.
    Syntax(String),
    /// Valid in JS but not expressible here.
    Unsupported(String),
}

const JS_SPACE: &str = r"\t\n\x0B\x0C\r\x20\xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
const WORD: &str = "0-9A-Za-z_";

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    fancy: bool,
    needs_fancy: bool,
    group_count: usize,
    group_names: Vec<String>,
}

/// Translates a JS (u-mode) regex source to the syntax of `regex` (or, with
/// `fancy`, of `fancy-regex`). Returns the translation and whether it needs
/// fancy-regex.
fn translate(source: &str, fancy: bool) -> Result<(String, bool), TrError> {
    let mut t = Translator {
        chars: source.chars().collect(),
        pos: 0,
        out: String::new(),
        fancy,
        needs_fancy: false,
        group_count: 0,
        group_names: Vec::new(),
    };
    t.prescan_groups();
    t.disjunction(0)?;
    if t.pos < t.chars.len() {
        return Err(TrError::Syntax("unmatched ')'".into()));
    }
    Ok((t.out, t.needs_fancy))
}

fn push_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_control() && !c.is_whitespace()) {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{{{:X}}}", c as u32));
    }
}

enum ClassAtom {
    Char(char),
    /// Already-translated class content (for `\d`, `\p{…}` …).
    Set(String),
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).copied()
    }

    /// Reads up to and past the next `>`; `None` if the pattern ends first.
    fn read_name(&mut self) -> Option<String> {
        let mut name = String::new();
        loop {
            let ch = self.peek()?;
            self.pos += 1;
            if ch == '>' {
                return Some(name);
            }
            name.push(ch);
        }
    }

    fn starts_with(&self, s: &str) -> bool {
        (self.pos..)
            .zip(s.chars())
            .all(|(i, c)| self.chars.get(i) == Some(&c))
    }

    fn prescan_groups(&mut self) {
        let mut i = 0;
        let mut in_class = false;
        while i < self.chars.len() {
            let c = self.chars[i];
            if c == '\\' {
                i += 2;
                continue;
            }
            if in_class {
                if c == ']' {
                    in_class = false;
                }
            } else if c == '[' {
                in_class = true;
            } else if c == '(' {
                if self.chars.get(i + 1) != Some(&'?') {
                    self.group_count += 1;
                } else if self.chars.get(i + 2) == Some(&'<')
                    && !matches!(self.chars.get(i + 3), Some('=') | Some('!'))
                {
                    self.group_count += 1;
                    let name: String = self.chars[i + 3..]
                        .iter()
                        .take_while(|c| **c != '>')
                        .collect();
                    self.group_names.push(name);
                }
            }
            i += 1;
        }
    }

    fn disjunction(&mut self, depth: usize) -> Result<(), TrError> {
        if depth > MAX_REGEX_NESTING {
            return Err(TrError::Unsupported("groups nest too deeply".into()));
        }
        loop {
            match self.peek() {
                None | Some(')') => return Ok(()),
                Some('|') => {
                    self.pos += 1;
                    self.out.push('|');
                }
                Some(_) => self.term(depth)?,
            }
        }
    }

    fn word_boundary(&mut self, negated: bool) {
        if self.fancy {
            let w = format!("[{WORD}]");
            if negated {
                self.out
                    .push_str(&format!("(?:(?<={w})(?={w})|(?<!{w})(?!{w}))"));
            } else {
                self.out
                    .push_str(&format!("(?:(?<={w})(?!{w})|(?<!{w})(?={w}))"));
            }
        } else if negated {
            self.out.push_str(r"(?-u:\B)");
        } else {
            self.out.push_str(r"(?-u:\b)");
        }
    }

    fn term(&mut self, depth: usize) -> Result<(), TrError> {
        let c = self.peek().unwrap_or('\0');
        let mut quantifiable = true;
        match c {
            '^' | '$' => {
                self.pos += 1;
                self.out.push(c);
                quantifiable = false;
            }
            '.' => {
                self.pos += 1;
                self.out.push_str(r"[^\n\r\x{2028}\x{2029}]");
            }
            '*' | '+' | '?' | '{' => {
                return Err(TrError::Syntax("nothing to repeat".into()));
            }
            ']' | '}' => {
                return Err(TrError::Syntax("lone quantifier brackets".into()));
            }
            '[' => {
                self.pos += 1;
                self.class()?;
            }
            '(' => {
                self.pos += 1;
                if self.starts_with("?:") {
                    self.pos += 2;
                    self.out.push_str("(?:");
                } else if self.starts_with("?=") || self.starts_with("?!") {
                    self.needs_fancy = true;
                    quantifiable = false;
                    self.out
                        .push_str(if self.starts_with("?=") { "(?=" } else { "(?!" });
                    self.pos += 2;
                } else if self.starts_with("?<=") || self.starts_with("?<!") {
                    self.needs_fancy = true;
                    quantifiable = false;
                    self.out.push_str(if self.starts_with("?<=") {
                        "(?<="
                    } else {
                        "(?<!"
                    });
                    self.pos += 3;
                } else if self.starts_with("?<") {
                    self.pos += 2;
                    let name = self
                        .read_name()
                        .ok_or_else(|| TrError::Syntax("invalid capture group name".into()))?;
                    if name.is_empty() {
                        return Err(TrError::Syntax("invalid capture group name".into()));
                    }
                    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        || name.starts_with(|c: char| c.is_ascii_digit())
                    {
                        return Err(TrError::Unsupported(format!(
                            "group name `{name}` is not supported"
                        )));
                    }
                    self.out.push_str(&format!("(?<{name}>"));
                } else if self.peek() == Some('?') {
                    return Err(TrError::Syntax("invalid group".into()));
                } else {
                    self.out.push('(');
                }
                self.disjunction(depth + 1)?;
                if self.peek() != Some(')') {
                    return Err(TrError::Syntax("unterminated group".into()));
                }
                self.pos += 1;
                self.out.push(')');
            }
            ')' => return Err(TrError::Syntax("unmatched ')'".into())),
            '\\' => {
                self.pos += 1;
                quantifiable = self.atom_escape()?;
            }
            _ => {
                self.pos += 1;
                push_char(&mut self.out, c);
            }
        }
        self.quantifier(quantifiable)
    }

    fn quantifier(&mut self, quantifiable: bool) -> Result<(), TrError> {
        let q = match self.peek() {
            Some(c @ ('*' | '+' | '?')) => {
                self.pos += 1;
                c.to_string()
            }
            Some('{') => {
                self.pos += 1;
                let read_num = |t: &mut Translator| -> Option<String> {
                    let mut s = String::new();
                    while let Some(d) = t.peek().filter(char::is_ascii_digit) {
                        s.push(d);
                        t.pos += 1;
                    }
                    (!s.is_empty()).then_some(s)
                };
                let Some(min) = read_num(self) else {
                    return Err(TrError::Syntax("incomplete quantifier".into()));
                };
                let mut q = format!("{{{min}");
                let mut max = None;
                if self.peek() == Some(',') {
                    self.pos += 1;
                    q.push(',');
                    if let Some(m) = read_num(self) {
                        q.push_str(&m);
                        max = Some(m);
                    }
                }
                if self.peek() != Some('}') {
                    return Err(TrError::Syntax("incomplete quantifier".into()));
                }
                self.pos += 1;
                q.push('}');
                let num = |s: &str| s.parse::<u128>().unwrap_or(u128::MAX);
                if let Some(m) = &max
                    && num(m) < num(&min)
                {
                    return Err(TrError::Syntax(
                        "numbers out of order in {} quantifier".into(),
                    ));
                }
                if num(&min) > 100_000 || max.as_deref().is_some_and(|m| num(m) > 100_000) {
                    return Err(TrError::Unsupported("repetition count too large".into()));
                }
                q
            }
            _ => return Ok(()),
        };
        if !quantifiable {
            return Err(TrError::Syntax("nothing to repeat".into()));
        }
        self.out.push_str(&q);
        if self.peek() == Some('?') {
            self.pos += 1;
            self.out.push('?');
        }
        Ok(())
    }

    /// After a `\` outside a class. Returns whether the atom can be quantified.
    fn atom_escape(&mut self) -> Result<bool, TrError> {
        let Some(c) = self.peek() else {
            return Err(TrError::Syntax("\\ at end of pattern".into()));
        };
        match c {
            'b' | 'B' => {
                self.pos += 1;
                self.word_boundary(c == 'B');
                Ok(false)
            }
            '1'..='9' => {
                let mut n = String::new();
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    n.push(d);
                    self.pos += 1;
                }
                let idx = n.parse::<usize>().unwrap_or(usize::MAX);
                if idx > self.group_count {
                    return Err(TrError::Syntax("invalid escape".into()));
                }
                self.needs_fancy = true;
                self.out.push_str(&format!("\\{idx}"));
                Ok(true)
            }
            'k' => {
                self.pos += 1;
                if self.peek() != Some('<') {
                    return Err(TrError::Syntax("invalid named reference".into()));
                }
                self.pos += 1;
                let name = self
                    .read_name()
                    .ok_or_else(|| TrError::Syntax("invalid named reference".into()))?;
                if !self.group_names.contains(&name) {
                    return Err(TrError::Syntax("invalid named capture referenced".into()));
                }
                self.needs_fancy = true;
                self.out.push_str(&format!("\\k<{name}>"));
                Ok(true)
            }
            _ => {
                match self.class_escape(false)? {
                    ClassAtom::Char(ch) => push_char(&mut self.out, ch),
                    ClassAtom::Set(s) => {
                        self.out.push('[');
                        self.out.push_str(&s);
                        self.out.push(']');
                    }
                }
                Ok(true)
            }
        }
    }

    fn hex(&mut self, n: usize) -> Option<u32> {
        let s: String = self.chars.get(self.pos..self.pos + n)?.iter().collect();
        if s.len() != n || !s.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += n;
        u32::from_str_radix(&s, 16).ok()
    }

    /// Character and class escapes after `\` (shared by atoms and classes).
    fn class_escape(&mut self, in_class: bool) -> Result<ClassAtom, TrError> {
        let Some(c) = self.peek() else {
            return Err(TrError::Syntax("\\ at end of pattern".into()));
        };
        self.pos += 1;
        let ch = match c {
            'd' => return Ok(ClassAtom::Set("0-9".into())),
            'D' => return Ok(ClassAtom::Set("[^0-9]".into())),
            'w' => return Ok(ClassAtom::Set(WORD.into())),
            'W' => return Ok(ClassAtom::Set(format!("[^{WORD}]"))),
            's' => return Ok(ClassAtom::Set(JS_SPACE.into())),
            'S' => return Ok(ClassAtom::Set(format!("[^{JS_SPACE}]"))),
            'p' | 'P' => {
                if self.peek() != Some('{') {
                    return Err(TrError::Syntax("invalid property name".into()));
                }
                let mut name = String::new();
                self.pos += 1;
                loop {
                    match self.peek() {
                        Some('}') => {
                            self.pos += 1;
                            break;
                        }
                        Some(ch) if ch.is_ascii_alphanumeric() || ch == '_' || ch == '=' => {
                            name.push(ch);
                            self.pos += 1;
                        }
                        _ => return Err(TrError::Syntax("invalid property name".into())),
                    }
                }
                if name.is_empty() {
                    return Err(TrError::Syntax("invalid property name".into()));
                }
                return Ok(ClassAtom::Set(format!("\\{c}{{{name}}}")));
            }
            'f' => '\x0C',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\x0B',
            'b' if in_class => '\x08',
            '-' if in_class => '-',
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    char::from((l as u8) % 32)
                }
                _ => return Err(TrError::Syntax("invalid unicode escape".into())),
            },
            '0' => {
                if self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    return Err(TrError::Syntax("invalid decimal escape".into()));
                }
                '\0'
            }
            'x' => match self.hex(2) {
                Some(v) => char::from_u32(v).unwrap_or('\0'),
                None => return Err(TrError::Syntax("invalid escape".into())),
            },
            'u' => {
                let cp = if self.peek() == Some('{') {
                    self.pos += 1;
                    let mut s = String::new();
                    while let Some(h) = self.peek().filter(char::is_ascii_hexdigit) {
                        s.push(h);
                        self.pos += 1;
                    }
                    if self.peek() != Some('}') || s.is_empty() {
                        return Err(TrError::Syntax("invalid unicode escape".into()));
                    }
                    self.pos += 1;
                    match u32::from_str_radix(&s, 16) {
                        Ok(v) if v <= 0x10FFFF => v,
                        _ => return Err(TrError::Syntax("invalid unicode escape".into())),
                    }
                } else {
                    let Some(hi) = self.hex(4) else {
                        return Err(TrError::Syntax("invalid unicode escape".into()));
                    };
                    if (0xD800..0xDC00).contains(&hi) && self.starts_with("\\u") {
                        let save = self.pos;
                        self.pos += 2;
                        match self.hex(4) {
                            Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            }
                            _ => {
                                self.pos = save;
                                hi
                            }
                        }
                    } else {
                        hi
                    }
                };
                match char::from_u32(cp) {
                    Some(ch) => ch,
                    None => {
                        return Err(TrError::Unsupported(
                            "lone surrogate escapes can't be matched in UTF-8 text".into(),
                        ));
                    }
                }
            }
            '^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|'
            | '/' => c,
            'k' if in_class => return Err(TrError::Syntax("invalid escape".into())),
            '1'..='9' if in_class => return Err(TrError::Syntax("invalid class escape".into())),
            _ => return Err(TrError::Syntax("invalid escape".into())),
        };
        Ok(ClassAtom::Char(ch))
    }

    fn class_atom(&mut self) -> Result<ClassAtom, TrError> {
        match self.peek() {
            None => Err(TrError::Syntax("unterminated character class".into())),
            Some('\\') => {
                self.pos += 1;
                self.class_escape(true)
            }
            Some(c) => {
                self.pos += 1;
                Ok(ClassAtom::Char(c))
            }
        }
    }

    /// After `[`.
    fn class(&mut self) -> Result<(), TrError> {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut body = String::new();
        loop {
            match self.peek() {
                None => return Err(TrError::Syntax("unterminated character class".into())),
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => {}
            }
            let first = self.class_atom()?;
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                self.pos += 1;
                let second = self.class_atom()?;
                match (first, second) {
                    (ClassAtom::Char(a), ClassAtom::Char(b)) => {
                        if a > b {
                            return Err(TrError::Syntax(
                                "range out of order in character class".into(),
                            ));
                        }
                        push_char(&mut body, a);
                        body.push('-');
                        push_char(&mut body, b);
                    }
                    _ => return Err(TrError::Syntax("invalid character class".into())),
                }
                continue;
            }
            match first {
                ClassAtom::Char(a) => push_char(&mut body, a),
                ClassAtom::Set(s) => {
                    if s.starts_with('[') {
                        body.push_str(&s);
                    } else {
                        body.push('[');
                        body.push_str(&s);
                        body.push(']');
                    }
                }
            }
        }
        match (negated, body.is_empty()) {
            (false, true) => self.out.push_str(r"[^\x{0}-\x{10FFFF}]"),
            (true, true) => self.out.push_str(r"[\x{0}-\x{10FFFF}]"),
            (neg, false) => {
                self.out.push('[');
                if neg {
                    self.out.push('^');
                }
                self.out.push_str(&body);
                self.out.push(']');
            }
        }
        Ok(())
    }
}

// ---------------------------------------------------------------- matcher

#[derive(Debug)]
enum Re {
    Plain(regex::Regex),
    Fancy(Box<fancy_regex::Regex>),
}

type Groups = Vec<Option<(usize, usize)>>;

impl Re {
    fn compile(js: &JsRegex) -> Result<Re, String> {
        let (body, fancy) = translate(&js.source, false).map_err(|e| match e {
            TrError::Syntax(m) | TrError::Unsupported(m) => m,
        })?;
        let flags = if js.ignore_case { "(?mi)" } else { "(?m)" };
        if !fancy {
            return regex::RegexBuilder::new(&format!("{flags}{body}"))
                .size_limit(64 << 20)
                .build()
                .map(Re::Plain)
                .map_err(|e| e.to_string());
        }
        let (body, _) = translate(&js.source, true).map_err(|e| match e {
            TrError::Syntax(m) | TrError::Unsupported(m) => m,
        })?;
        fancy_regex::RegexBuilder::new(&format!("{flags}{body}"))
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .map(|r| Re::Fancy(Box::new(r)))
            .map_err(|e| e.to_string())
    }

    /// Non-empty, non-overlapping matches, left to right. Without `groups`
    /// only the whole match is reported (cheaper, and all a rule needs when its
    /// `expected` has no `$N` and it has no `regexpMustEmpty`).
    /// `false` with the matches found so far when a backtracking search went
    /// over [`BACKTRACK_LIMIT`].
    fn matches(&self, text: &str, groups: bool) -> (Vec<Groups>, bool) {
        let mut out = Vec::new();
        let mut complete = true;
        match self {
            Re::Plain(r) if !groups => {
                out.extend(r.find_iter(text).map(|m| vec![Some((m.start(), m.end()))]));
            }
            Re::Plain(r) => {
                for c in r.captures_iter(text) {
                    let g: Groups = (0..c.len())
                        .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                        .collect();
                    out.push(g);
                }
            }
            Re::Fancy(r) => {
                for c in r.captures_iter(text) {
                    let Ok(c) = c else {
                        complete = false;
                        break;
                    };
                    let g: Groups = (0..c.len())
                        .map(|i| c.get(i).map(|m| (m.start(), m.end())))
                        .collect();
                    out.push(g);
                }
            }
        }
        out.retain(|g| matches!(g.first(), Some(Some((s, e))) if s < e));
        (out, complete)
    }

    /// Whether this pattern backtracks (fancy-regex) and so has a budget.
    fn backtracks(&self) -> bool {
        matches!(self, Re::Fancy(_))
    }

    fn is_match(&self, text: &str) -> bool {
        match self {
            Re::Plain(r) => r.is_match(text),
            Re::Fancy(r) => r.is_match(text).unwrap_or(false),
        }
    }

    fn matches_empty(&self) -> bool {
        match self {
            Re::Plain(r) => r.is_match(""),
            Re::Fancy(r) => r.is_match("").unwrap_or(false),
        }
    }
}

#[derive(Debug)]
struct CompiledRule {
    /// Index into the dictionary's rules.
    index: usize,
    re: Re,
    must_empty: Option<usize>,
}

/// One finding, as textlint-rule-prh reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PrhMatch {
    /// Byte offsets in the text given to [`PrhMatcher::find`].
    pub start: usize,
    pub end: usize,
    /// The "actual" text of the report: `text[start..end]`, except in prh's
    /// rare overlap case where textlint-rule-prh reads it from its partly
    /// replaced copy of the text.
    pub matched: String,
    /// `expected` with `$N` substituted.
    pub expected: String,
    /// Index into [`PrhDictionary::rules`].
    pub rule_index: usize,
}

/// Why a rule was not fully applied to a paragraph.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Budget {
    /// The paragraph has more characters than [`MAX_BACKTRACKING_CHARS`]:
    /// the rule was not run on it.
    TooLong { chars: usize },
    /// A search went over [`BACKTRACK_LIMIT`]: the rule was run up to
    /// there, and the rest of the paragraph was not checked.
    Backtracking,
}

/// A paragraph a backtracking rule was not fully applied to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incomplete {
    /// The paragraph: byte offsets in the text given to [`PrhMatcher::find`].
    pub start: usize,
    pub end: usize,
    /// Index into [`PrhDictionary::rules`].
    pub rule_index: usize,
    pub budget: Budget,
}

/// What [`PrhMatcher::find`] found in a text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The findings, in order.
    pub matches: Vec<PrhMatch>,
    /// Where a rule met its budget, in order: it may have missed findings there.
    pub incomplete: Vec<Incomplete>,
}

/// A spec (`from` → `to`) that the rule does not satisfy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SpecFailure {
    pub file: String,
    pub line: usize,
    pub rule_index: usize,
    pub from: String,
    pub expected_to: String,
    pub actual_to: String,
}

/// A dictionary ready to run.
#[derive(Debug)]
pub struct PrhMatcher {
    rules: Vec<PrhRule>,
    compiled: Vec<CompiledRule>,
    unsupported: Vec<PrhError>,
    /// One pass over a paragraph tells which rules can match at all; only those
    /// run. Every match of a rule starts with one of its prefix literals
    /// (extracted from the rule, or from a superset of it with lookarounds
    /// removed); rules without such literals always run.
    prefilter: Option<aho_corasick::AhoCorasick>,
    /// For each literal of the automaton, the compiled rule it belongs to.
    literal_rule: Vec<usize>,
    /// The compiled rules that run whatever the text.
    always_run: Vec<usize>,
}

/// `source` without its lookaround groups: a pattern that matches wherever the
/// original does (lookarounds only ever restrict a match), or `None` if it has
/// none or cannot be simplified safely.
fn without_lookarounds(source: &str) -> Option<String> {
    let chars: Vec<char> = source.chars().collect();
    let mut out = String::new();
    let mut i = 0;
    let mut in_class = false;
    let mut removed = false;
    while i < chars.len() {
        let c = chars[i];
        if c == '\\' {
            let next = *chars.get(i + 1)?;
            if next.is_ascii_digit() && next != '0' && !in_class {
                return None; // A backreference: its text depends on the match.
            }
            out.push(c);
            out.push(next);
            i += 2;
            continue;
        }
        if in_class {
            in_class = c != ']';
            out.push(c);
            i += 1;
            continue;
        }
        if c == '[' {
            in_class = true;
        }
        let rest: String = chars[i..chars.len().min(i + 4)].iter().collect();
        if rest.starts_with("(?=")
            || rest.starts_with("(?!")
            || rest.starts_with("(?<=")
            || rest.starts_with("(?<!")
        {
            // Skip to the matching parenthesis.
            let mut depth = 0;
            let mut class = false;
            while i < chars.len() {
                match chars[i] {
                    '\\' => i += 1,
                    '[' if !class => class = true,
                    ']' if class => class = false,
                    '(' if !class => depth += 1,
                    ')' if !class => {
                        depth -= 1;
                        if depth == 0 {
                            break;
                        }
                    }
                    _ => {}
                }
                i += 1;
            }
            i += 1;
            removed = true;
            continue;
        }
        out.push(c);
        i += 1;
    }
    removed.then_some(out)
}

/// The literals every match of `pattern` starts with, or `None` when they cannot
/// be listed (an unbounded set, or a match that may start with anything).
fn prefix_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    let seq = Extractor::new().kind(ExtractKind::Prefix).extract(&hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// The prefilter pattern of a rule, in the `regex` crate's syntax.
fn prefilter_pattern(js: &JsRegex) -> Option<String> {
    let flags = if js.ignore_case { "(?mi)" } else { "(?m)" };
    let body = match translate(&js.source, false) {
        Ok((body, false)) => body,
        _ => {
            let relaxed = without_lookarounds(&js.source)?;
            match translate(&relaxed, false) {
                Ok((body, false)) => body,
                _ => return None,
            }
        }
    };
    Some(format!("{flags}{body}"))
}

impl PrhDictionary {
    /// Compiles every rule. Rules whose JS regex can't be expressed here are
    /// left out and listed by [`PrhMatcher::unsupported`]; errors that prh itself
    /// would refuse the dictionary for are returned as `Err`.
    pub fn compile(&self) -> Result<PrhMatcher, Vec<PrhError>> {
        use rayon::prelude::*;
        /// What compiling one rule gives.
        enum Outcome {
            Error(PrhError),
            Unsupported(PrhError),
            Compiled(CompiledRule, Option<Vec<Vec<u8>>>),
        }
        // Rules compile independently: do it on every core, keep the order.
        let outcomes: Vec<Outcome> = self
            .rules
            .par_iter()
            .enumerate()
            .map(|(index, rule)| {
                let at = |msg: String| PrhError::new(&rule.file, rule.line, rule.column, msg);
                let js = match rule.js_regex() {
                    Ok(js) => js,
                    Err(m) => return Outcome::Error(at(m)),
                };
                let must_empty = match &rule.regexp_must_empty {
                    None => None,
                    Some(s) => match valid_must_empty(s) {
                        Some(n) => Some(n),
                        None => return Outcome::Error(at("`regexpMustEmpty` must look like `$1`".into())),
                    },
                };
                if let Err(TrError::Syntax(m)) = translate(&js.source, false) {
                    return Outcome::Error(at(format!("invalid regular expression {js}: {m}")));
                }
                match Re::compile(&js) {
                    Ok(re) if re.matches_empty() => Outcome::Unsupported(at(format!(
                        "the pattern {js} matches the empty string (prh would loop forever); rule skipped"
                    ))),
                    Ok(re) => {
                        let literals = prefilter_pattern(&js).and_then(|p| prefix_literals(&p));
                        Outcome::Compiled(
                            CompiledRule {
                                index,
                                re,
                                must_empty,
                            },
                            literals,
                        )
                    }
                    Err(m) => Outcome::Unsupported(at(format!(
                        "the pattern {js} is not supported here ({m}); rule skipped"
                    ))),
                }
            })
            .collect();
        let mut errors = Vec::new();
        let mut unsupported = Vec::new();
        let mut compiled = Vec::new();
        let mut rule_literals = Vec::new();
        for o in outcomes {
            match o {
                Outcome::Error(e) => errors.push(e),
                Outcome::Unsupported(e) => unsupported.push(e),
                Outcome::Compiled(c, l) => {
                    compiled.push(c);
                    rule_literals.push(l);
                }
            }
        }
        if errors.is_empty() {
            let mut literals: Vec<Vec<u8>> = Vec::new();
            let mut literal_rule = Vec::new();
            let mut always = Vec::new();
            for (i, lits) in rule_literals.into_iter().enumerate() {
                always.push(lits.is_none());
                for l in lits.into_iter().flatten() {
                    literals.push(l);
                    literal_rule.push(i);
                }
            }
            let prefilter = aho_corasick::AhoCorasick::new(&literals).ok();
            if prefilter.is_none() {
                always.iter_mut().for_each(|a| *a = true);
            }
            let always_run: Vec<usize> = always
                .iter()
                .enumerate()
                .filter(|(_, a)| **a)
                .map(|(i, _)| i)
                .collect();
            Ok(PrhMatcher {
                rules: self.rules.clone(),
                compiled,
                unsupported,
                prefilter,
                literal_rule,
                always_run,
            })
        } else {
            Err(errors)
        }
    }
}

#[derive(Clone, Debug)]
struct Diff {
    start: usize,
    end: usize,
    groups: Groups,
    /// Index into the dictionary's rules.
    rule: usize,
}

/// prh's `$N` substitution, groups read from `text`.
fn expand(expected: &str, text: &str, groups: &Groups) -> String {
    let bytes = expected.as_bytes();
    let mut out = String::new();
    let mut i = 0;
    let mut last = 0;
    while i < bytes.len() {
        if bytes[i] == b'$' && i + 1 < bytes.len() && bytes[i + 1].is_ascii_digit() {
            let mut j = i + 2;
            if j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            let n: usize = expected[i + 1..j].parse().unwrap_or(0);
            if n != 0 && n < groups.len() {
                out.push_str(&expected[last..i]);
                if let Some((s, e)) = groups[n] {
                    out.push_str(text.get(s..e).unwrap_or(""));
                }
                last = j;
            }
            i = j;
        } else {
            i += 1;
        }
    }
    out.push_str(&expected[last..]);
    out
}

/// prh's `ChangeSet._prepare`.
fn prepare(mut diffs: Vec<Diff>) -> Vec<Diff> {
    diffs.sort_by_key(|d| (d.start, d.end));
    let pass1: Vec<Diff> = diffs
        .iter()
        .enumerate()
        .filter(|(i, d)| match diffs.get(i + 1) {
            Some(next) => !(d.start == next.start && d.end < next.end),
            None => true,
        })
        .map(|(_, d)| d.clone())
        .collect();
    pass1
        .iter()
        .enumerate()
        .filter(|(i, d)| *i == 0 || d.start >= pass1[i - 1].end)
        .map(|(_, d)| d.clone())
        .collect()
}

/// prh's strict overlap test.
fn collide(a: (usize, usize), b: (usize, usize)) -> bool {
    (b.0 < a.0 && a.0 < b.1) || (a.0 < b.0 && b.0 < a.1)
}

/// JS `String.prototype.slice` index resolution.
fn js_index(i: isize, len: usize) -> usize {
    if i < 0 {
        (len as isize + i).max(0) as usize
    } else {
        (i as usize).min(len)
    }
}

fn utf16_len(s: &str) -> usize {
    s.encode_utf16().count()
}

/// prh's working copy of a text while its diffs are applied: the part
/// already rewritten (`head`), then the original text from `from` on. Each
/// replacement only touches the text after the previous one (or, in prh's
/// overlap case, the end of `head`), so applying every diff of a text costs
/// about its length, not its length times the number of diffs.
struct Work<'a> {
    head: Vec<u16>,
    original: &'a [u16],
    from: usize,
}

impl Work<'_> {
    fn len(&self) -> usize {
        self.head.len() + self.original.len() - self.from
    }

    /// JS's `work.slice(0, a) + repl + work.slice(b)`, and `work.slice(a, b)`.
    fn replace(&mut self, a: isize, b: isize, repl: &[u16]) -> Vec<u16> {
        let n = self.len();
        let (a, b) = (js_index(a, n), js_index(b, n));
        if b < a {
            // Only with a negative start (counted from the end, as in JS):
            // the whole copy, as prh builds it.
            let mut whole = std::mem::take(&mut self.head);
            whole.extend_from_slice(&self.original[self.from..]);
            self.from = self.original.len();
            self.head = whole[..a].to_vec();
            self.head.extend_from_slice(repl);
            self.head.extend_from_slice(&whole[b..]);
            return Vec::new();
        }
        if a >= self.head.len() {
            let skip = a - self.head.len();
            self.head
                .extend_from_slice(&self.original[self.from..self.from + skip]);
            self.from += skip;
            let actual = self.original[self.from..self.from + (b - a)].to_vec();
            self.from += b - a;
            self.head.extend_from_slice(repl);
            return actual;
        }
        let rest = self.head.split_off(a);
        if b - a <= rest.len() {
            self.head.extend_from_slice(repl);
            self.head.extend_from_slice(&rest[b - a..]);
            return rest[..b - a].to_vec();
        }
        let more = b - a - rest.len();
        let mut actual = rest;
        actual.extend_from_slice(&self.original[self.from..self.from + more]);
        self.from += more;
        self.head.extend_from_slice(repl);
        actual
    }

    fn finish(mut self) -> Vec<u16> {
        self.head.extend_from_slice(&self.original[self.from..]);
        self.head
    }
}

/// Replaces each diff in turn in a UTF-16 working copy, as prh and
/// textlint-rule-prh do; calls `each(diff, actual, expanded)`.
fn walk_changes(
    text: &str,
    diffs: &[Diff],
    rules: &[PrhRule],
    mut each: impl FnMut(&Diff, String, String),
) -> String {
    let original: Vec<u16> = text.encode_utf16().collect();
    let mut work = Work {
        head: Vec::new(),
        original: &original,
        from: 0,
    };
    let mut delta: isize = 0;
    // The UTF-16 index of a byte offset, counted on from the previous diff's
    // start (diffs come sorted by start).
    let (mut byte, mut unit) = (0usize, 0usize);
    for d in diffs {
        if d.start < byte {
            (byte, unit) = (0, 0);
        }
        unit += utf16_len(&text[byte..d.start]);
        byte = d.start;
        let idx = unit as isize;
        let len = utf16_len(&text[d.start..d.end]) as isize;
        let expanded = expand(&rules[d.rule].expected, text, &d.groups);
        let repl: Vec<u16> = expanded.encode_utf16().collect();
        let actual = work.replace(idx + delta, idx + delta + len, &repl);
        delta += repl.len() as isize - len;
        each(d, String::from_utf16_lossy(&actual), expanded);
    }
    String::from_utf16_lossy(&work.finish())
}

/// The `prh:disable` pragmas of a paragraph.
struct Pragmas {
    ignore_all: bool,
    /// Each `prh:disable:PATTERN` line, up to the pattern's end, in order.
    ranges: Vec<(usize, usize)>,
    /// The distinct PATTERNs the `regex` crate runs, as one set.
    plain: Option<regex::RegexSet>,
    /// Those that need backtracking.
    fancy: Vec<Re>,
    /// Those that are no valid regex, compared as text (in one automaton
    /// when it builds).
    literals: Vec<String>,
    automaton: Option<aho_corasick::AhoCorasick>,
}

impl Pragmas {
    fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// prh's strict overlap of a diff with a pragma line (the lines are in
    /// order and apart, so two binary searches tell).
    fn collides(&self, (s, e): (usize, usize)) -> bool {
        let before = self.ranges.partition_point(|&(a, _)| a < s);
        let inside = self.ranges.partition_point(|&(a, _)| a <= s);
        (before > 0 && collide((s, e), self.ranges[before - 1]))
            || self.ranges.get(inside).is_some_and(|&r| collide((s, e), r))
    }

    /// Whether some PATTERN matches (or, as text, occurs in) `m`.
    fn disables(&self, m: &str) -> bool {
        let literal = match &self.automaton {
            Some(ac) => ac.is_match(m),
            None => self.literals.iter().any(|l| m.contains(l.as_str())),
        };
        literal
            || self.plain.as_ref().is_some_and(|set| set.is_match(m))
            || self.fancy.iter().any(|re| re.is_match(m))
    }
}

fn pragmas(content: &str) -> Pragmas {
    let mut p = Pragmas {
        ignore_all: false,
        ranges: Vec::new(),
        plain: None,
        fancy: Vec::new(),
        literals: Vec::new(),
        automaton: None,
    };
    if !content.contains("prh:disable") {
        return p;
    }
    static RE: OnceLock<regex::Regex> = OnceLock::new();
    let re = regex_static(
        &RE,
        &format!(r"(?m)^[^\n\r\x{{2028}}\x{{2029}}]*?prh:disable(?::([^\n{JS_SPACE}]*))?"),
    );
    let mut seen = std::collections::HashSet::new();
    let mut plain: Vec<regex::Regex> = Vec::new();
    for c in re.captures_iter(content) {
        let whole = c.get(0).map(|m| (m.start(), m.end())).unwrap_or((0, 0));
        match c.get(1).map(|m| m.as_str()).filter(|s| !s.is_empty()) {
            None => p.ignore_all = true,
            Some(pat) => {
                p.ranges.push(whole);
                if !seen.insert(pat) {
                    continue;
                }
                let js = JsRegex {
                    source: format!("({pat})"),
                    ignore_case: false,
                };
                match Re::compile(&js) {
                    Ok(Re::Plain(r)) => plain.push(r),
                    Ok(fancy) => p.fancy.push(fancy),
                    // prh would throw; it is compared as text.
                    Err(_) => p.literals.push(pat.to_owned()),
                }
            }
        }
    }
    if !plain.is_empty() {
        match regex::RegexSetBuilder::new(plain.iter().map(regex::Regex::as_str))
            .size_limit(64 << 20)
            .build()
        {
            Ok(set) => p.plain = Some(set),
            // Too large together: each on its own, as compiled above.
            Err(_) => p.fancy.extend(plain.into_iter().map(Re::Plain)),
        }
    }
    if !p.literals.is_empty() {
        p.automaton = aho_corasick::AhoCorasick::new(&p.literals).ok();
    }
    p
}

impl PrhMatcher {
    /// The rules (the dictionary's, `rule_index` points here).
    pub fn rules(&self) -> &[PrhRule] {
        &self.rules
    }

    /// Rules left out because their regex can't be run here.
    pub fn unsupported(&self) -> &[PrhError] {
        &self.unsupported
    }

    /// The message textlint-rule-prh prints for a finding.
    pub fn message(&self, m: &PrhMatch) -> String {
        let mut s = format!("{} => {}", m.matched, m.expected);
        if let Some(note) = self.rules.get(m.rule_index).and_then(|r| r.prh.as_ref()) {
            s.push('\n');
            s.push_str(note);
        }
        s
    }

    /// The rule's diffs in `text[base..]`, and whether the search finished.
    fn apply_rule(&self, rule: &CompiledRule, text: &str, base: usize) -> (Vec<Diff>, bool) {
        let expected = &self.rules[rule.index].expected;
        let mut out = Vec::new();
        let groups = rule.must_empty.is_some() || expected.contains('$');
        let (found, complete) = rule.re.matches(&text[base..], groups);
        for g in found {
            if let Some(n) = rule.must_empty
                && let Some(Some((s, e))) = g.get(n)
                && s < e
            {
                continue;
            }
            let Some(Some((s, e))) = g.first().copied() else {
                continue;
            };
            if &text[base + s..base + e] == expected {
                continue;
            }
            out.push(Diff {
                start: base + s,
                end: base + e,
                groups: g
                    .iter()
                    .map(|o| o.map(|(a, b)| (a + base, b + base)))
                    .collect(),
                rule: rule.index,
            });
        }
        (out, complete)
    }

    /// The findings for one text node (a textlint `Str`), in order, and the
    /// paragraphs where a backtracking rule met its budget (see the module
    /// doc): there it may miss what textlint reports.
    pub fn find(&self, text: &str) -> Found {
        let mut all = Vec::new();
        let mut incomplete = Vec::new();
        for (start, end) in paragraphs(text) {
            let content = &text[start..end];
            let prag = pragmas(content);
            if prag.ignore_all {
                continue;
            }
            let mut diffs: Vec<Diff> = Vec::new();
            // Rules that can match here, in dictionary order: a rule none of
            // whose prefix literals occurs cannot.
            let mut candidates: Vec<usize> = self.always_run.clone();
            if let Some(ac) = &self.prefilter {
                candidates.extend(
                    ac.find_overlapping_iter(content)
                        .map(|m| self.literal_rule[m.pattern().as_usize()]),
                );
            }
            candidates.sort_unstable();
            candidates.dedup();
            // Counted only when a backtracking rule may run, and only if the
            // bytes could be too many characters.
            let mut chars = None;
            for i in candidates {
                let rule = &self.compiled[i];
                let mut stop = |budget| {
                    incomplete.push(Incomplete {
                        start,
                        end,
                        rule_index: rule.index,
                        budget,
                    })
                };
                if rule.re.backtracks() && content.len() > MAX_BACKTRACKING_CHARS {
                    let n = *chars.get_or_insert_with(|| content.chars().count());
                    if n > MAX_BACKTRACKING_CHARS {
                        stop(Budget::TooLong { chars: n });
                        continue;
                    }
                }
                let (found, complete) = self.apply_rule(rule, &text[..end], start);
                diffs.extend(found);
                if !complete {
                    stop(Budget::Backtracking);
                }
            }
            if !prag.is_empty() {
                // Each distinct text is checked against the patterns once.
                let mut disabled: HashMap<&str, bool> = HashMap::new();
                diffs.retain(|d| {
                    let m = &text[d.start..d.end];
                    !prag.collides((d.start - start, d.end - start))
                        && !*disabled.entry(m).or_insert_with(|| prag.disables(m))
                });
            }
            all.extend(diffs);
        }
        let kept = prepare(all);
        let mut out = Found::default();
        walk_changes(text, &kept, &self.rules, |d, actual, expanded| {
            if actual != expanded {
                out.matches.push(PrhMatch {
                    start: d.start,
                    end: d.end,
                    matched: actual,
                    expected: expanded,
                    rule_index: d.rule,
                });
            }
        });
        out.incomplete = incomplete;
        out
    }

    /// Runs every rule's specs, as prh does while loading.
    pub fn run_specs(&self) -> Vec<SpecFailure> {
        let mut out = Vec::new();
        for rule in &self.compiled {
            let r = &self.rules[rule.index];
            for (from, to) in &r.specs {
                let diffs = prepare(self.apply_rule(rule, from, 0).0);
                let actual = walk_changes(from, &diffs, &self.rules, |_, _, _| {});
                if actual != *to {
                    out.push(SpecFailure {
                        file: r.file.clone(),
                        line: r.line,
                        rule_index: rule.index,
                        from: from.clone(),
                        expected_to: to.clone(),
                        actual_to: actual,
                    });
                }
            }
        }
        out
    }
}

/// prh's paragraphs: split at runs of two or more `\n`. Byte ranges.
fn paragraphs(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut last = 0;
    let bytes = text.as_bytes();
    loop {
        match text[last..].find("\n\n") {
            None => {
                out.push((last, text.len()));
                return out;
            }
            Some(rel) => {
                let at = last + rel;
                out.push((last, at));
                let mut next = at;
                while next < bytes.len() && bytes[next] == b'\n' {
                    next += 1;
                }
                last = next;
            }
        }
    }
}

#[cfg(test)]
mod prefilter_tests {
    use super::without_lookarounds;

    #[test]
    fn lookarounds_are_removed_and_backreferences_refused() {
        assert_eq!(
            without_lookarounds("サーバ(?!ー)").as_deref(),
            Some("サーバ")
        );
        assert_eq!(
            without_lookarounds("(?<=[a-z])x(?=(y|z))w").as_deref(),
            Some("xw")
        );
        assert_eq!(
            without_lookarounds("[(?!]a"),
            None,
            "inside a class it is not a group"
        );
        assert_eq!(without_lookarounds("(a)\\1"), None);
        assert_eq!(without_lookarounds("plain"), None);
    }
}

#[cfg(test)]
mod walk_tests {
    use super::*;

    /// JS `String.prototype.slice`.
    fn js_slice(s: &[u16], a: isize, b: isize) -> &[u16] {
        let (a, b) = (js_index(a, s.len()), js_index(b, s.len()));
        if b <= a { &[] } else { &s[a..b] }
    }

    /// prh's replacement loop as written in JS: the whole working copy is
    /// rebuilt for every diff.
    fn naive(text: &str, diffs: &[Diff], rules: &[PrhRule]) -> (Vec<String>, String) {
        let mut work: Vec<u16> = text.encode_utf16().collect();
        let mut delta: isize = 0;
        let mut actuals = Vec::new();
        for d in diffs {
            let idx = utf16_len(&text[..d.start]) as isize;
            let len = utf16_len(&text[d.start..d.end]) as isize;
            let expanded = expand(&rules[d.rule].expected, text, &d.groups);
            let (a, b) = (idx + delta, idx + delta + len);
            actuals.push(String::from_utf16_lossy(js_slice(&work, a, b)));
            let repl: Vec<u16> = expanded.encode_utf16().collect();
            let mut next = js_slice(&work, 0, a).to_vec();
            next.extend_from_slice(&repl);
            next.extend_from_slice(js_slice(&work, b, work.len() as isize));
            work = next;
            delta += repl.len() as isize - len;
        }
        (actuals, String::from_utf16_lossy(&work))
    }

    #[test]
    fn the_working_copy_agrees_with_prhs_loop_on_overlaps_and_shrinking_text() {
        let text = "abcdefghijklmnopqrstuvwxyz取組みサーバ𝄞ABCDEFGHIJ";
        let bounds: Vec<usize> = (0..=text.len())
            .filter(|&i| text.is_char_boundary(i))
            .collect();
        let rules: Vec<PrhRule> = ["", "X", "長い置き換え", "𝄞𝄞"]
            .iter()
            .map(|e| PrhRule {
                expected: (*e).into(),
                ..PrhRule::default()
            })
            .collect();
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..2000 {
            let mut diffs: Vec<Diff> = (0..1 + next(6))
                .map(|_| {
                    let a = bounds[next(bounds.len())];
                    let b = bounds[next(bounds.len())];
                    Diff {
                        start: a.min(b),
                        end: a.max(b),
                        groups: vec![Some((a.min(b), a.max(b)))],
                        rule: next(rules.len()),
                    }
                })
                .collect();
            diffs.sort_by_key(|d| (d.start, d.end));
            let (want_actuals, want) = naive(text, &diffs, &rules);
            let mut actuals = Vec::new();
            let got = walk_changes(text, &diffs, &rules, |_, actual, _| actuals.push(actual));
            assert_eq!((&actuals, &got), (&want_actuals, &want), "{diffs:?}");
        }
    }
}

#[cfg(test)]
mod pragma_tests {
    use super::*;

    #[test]
    fn pragmas_agree_with_checking_each_line_in_turn() {
        let content = "サーバ prh:disable:サ(?=ー)\nxx prh:disable:[\nyy prh:disable:バ$\n取組み prh:disable:組\nprh:disable:サ(?=ー)\nzz prh:disable:q|ー\n";
        let p = pragmas(content);
        assert!(!p.ignore_all);
        assert_eq!(p.ranges.len(), 6);
        // As prh checks them: every line's range and every pattern in turn.
        let lines: Vec<((usize, usize), Option<Re>, String)> =
            regex::Regex::new(r"(?m)^[^\n]*?prh:disable:([^\n]*)")
                .unwrap()
                .captures_iter(content)
                .map(|c| {
                    let m = c.get(0).unwrap();
                    let pat = c[1].to_owned();
                    let js = JsRegex {
                        source: format!("({pat})"),
                        ignore_case: false,
                    };
                    ((m.start(), m.end()), Re::compile(&js).ok(), pat)
                })
                .collect();
        let bounds: Vec<usize> = (0..=content.len())
            .filter(|&i| content.is_char_boundary(i))
            .collect();
        for (i, &s) in bounds.iter().enumerate() {
            for &e in &bounds[i + 1..(i + 6).min(bounds.len())] {
                let m = &content[s..e];
                let want_collides = lines.iter().any(|(r, _, _)| collide((s, e), *r));
                let want_disables = lines.iter().any(|(_, re, lit)| match re {
                    Some(re) => re.is_match(m),
                    None => m.contains(lit.as_str()),
                });
                assert_eq!(p.collides((s, e)), want_collides, "{s}..{e}");
                assert_eq!(p.disables(m), want_disables, "{m:?}");
            }
        }
    }
}
