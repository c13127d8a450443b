//! Reading and running prh dictionaries (`prh.yml`), so that a text checked here
//! gives the findings that textlint + textlint-rule-prh give for the same
//! dictionary.
//!
//! [prh](https://github.com/prh/prh) is a proofreading helper for Japanese
//! technical writing: a YAML dictionary of rules, each an `expected` spelling
//! and the patterns (strings or JS regular expressions) that should become
//! it. This crate reads such a dictionary with its imports, reports every
//! problem in it with its line and column, and runs it over text with prh's
//! semantics: the same matches, the same overlap resolution, the same
//! `$N` substitution and `prh:disable` pragmas, so its findings are the ones
//! textlint-rule-prh reports.
//!
//! ```
//! let yaml = "version: 1
//! rules:
//!   - expected: JavaScript
//!   - expected: サーバー
//!     pattern: /サーバ(?!ー)/
//!     prh: 長音を付ける
//! ";
//! let file = prh::parse("prh.yml", yaml).expect("a valid dictionary");
//! let matcher = prh::PrhDictionary::from_file(file).compile().expect("rules compile");
//! let found = matcher.find("javascript のサーバと、サーバー。");
//! let messages: Vec<String> = found.matches.iter().map(|m| matcher.message(m)).collect();
//! assert_eq!(messages, ["javascript => JavaScript", "サーバ => サーバー\n長音を付ける"]);
//! // Byte offsets into the text.
//! assert_eq!((found.matches[1].start, found.matches[1].end), (14, 23));
//! ```
//!
//! # Using it
//!
//! * [`parse`] reads one dictionary text into a [`PrhFile`]; [`load`] reads
//!   a file and its `imports` from the file system, and [`load_with`] reads
//!   them through a [`Files`] of your own (a closure will do), so a caller
//!   that must not read anywhere a dictionary points (a dictionary from a
//!   pull request, say) decides what may be read. Both merge the imports
//!   into a [`PrhDictionary`] as prh does. Errors are [`PrhError`]s with a
//!   file, line and column.
//! * [`PrhDictionary::compile`] gives a [`PrhMatcher`]; rules whose regex
//!   cannot run in Rust are left out and listed ([`PrhMatcher::unsupported`]).
//!   [`PrhMatcher::find`] returns the findings ([`PrhMatch`]) of one text
//!   node, [`PrhMatcher::message`] the message textlint-rule-prh prints for
//!   one, and [`PrhMatcher::run_specs`] checks the rules' `specs`.
//! * [`JsRegex::to_rust`] is the JS → Rust regex translation on its own;
//!   [`PrhRule::js_regex`] is the JS regex prh builds for a rule.
//! * [`double_quoted_scalars`] lists the YAML scalars in which escapes such
//!   as `\u202E` stand for other characters (for checks on the raw text).
//! * The default feature `parallel` compiles rules on every core (rayon).
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
//!   runs (linear time) have no budget, and neither has a literal followed
//!   by a short look-ahead (`/(サーバ)(?!ー)/`, one that reads at most 64
//!   bytes): it is tried once at each occurrence of the literal, which is
//!   linear too.
//! * A `prh:disable:PATTERN` whose PATTERN is not a valid regex (prh would throw)
//!   is treated as a literal string.
//! * Byte offsets are returned; textlint's are in UTF-16 units.

#![warn(missing_docs)]

mod changes;
mod load;
mod lookahead;
mod matcher;
mod parse;
mod pragma;
mod prefilter;
mod sequence;
mod translate;
mod types;
mod yaml;

use std::sync::OnceLock;

pub use load::{Files, MAX_IMPORT_DEPTH, StdFiles, lexical_path, load, load_with};
pub use matcher::{Budget, Found, Incomplete, PrhMatch, PrhMatcher, SpecFailure};
pub use parse::parse;
pub use translate::{RustRegex, TranslateError};
pub use types::{
    JsRegex, PatternForm, PrhDictionary, PrhError, PrhFile, PrhIgnoreRule, PrhImport, PrhPattern,
    PrhRule, spread_alpha_num,
};
pub use yaml::double_quoted_scalars;

/// Backtracking steps one search of a backtracking pattern may take
/// (fancy-regex's limit). A search tries every start position of the rest of
/// the paragraph, a few steps each for patterns prh dictionaries use, so this
/// leaves room for paragraphs of [`MAX_BACKTRACKING_CHARS`].
pub const BACKTRACK_LIMIT: usize = 100_000;

/// The longest paragraph, in characters, a backtracking pattern is run on.
/// Its cost can grow with the square of the paragraph: 2,000 characters take
/// a few milliseconds.
pub const MAX_BACKTRACKING_CHARS: usize = 2_000;

fn regex_static(cell: &'static OnceLock<regex::Regex>, src: &str) -> &'static regex::Regex {
    cell.get_or_init(|| regex::Regex::new(src).expect("static regex"))
}
