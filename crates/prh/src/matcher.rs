//! A dictionary compiled ([`PrhDictionary::compile`]) and run over a text
//! ([`PrhMatcher::find`]) as prh's `Engine.makeChangeSet` and
//! textlint-rule-prh run it, within the budget for backtracking rules.

use std::collections::HashMap;

use crate::changes::{Diff, Groups, each_change, prepare, walk_changes};
use crate::lookahead::LiteralAhead;
use crate::parse::valid_must_empty;
use crate::pragma::pragmas;
use crate::prefilter::{literals_of, prefilter_pattern, prefix_literals};
use crate::sequence::Sequence;
use crate::translate::{TranslateError, translate};
use crate::{BACKTRACK_LIMIT, JsRegex, MAX_BACKTRACKING_CHARS, PrhDictionary, PrhError, PrhRule};

/// The literals every match of a pattern starts with, as bytes.
type Literals = Vec<Vec<u8>>;

#[derive(Debug)]
pub(crate) enum Re {
    /// A pattern that is one literal string (most rules: `pattern: サーバ`),
    /// searched for as text. A regex would find the same matches (leftmost,
    /// not overlapping), but compiling one per rule, and the search caches
    /// each keeps per thread, cost more than the search itself. The searcher
    /// is built once here: `str::match_indices` prepares one at every call,
    /// and a rule is searched in every paragraph its literal occurs in.
    Literal(Box<memchr::memmem::Finder<'static>>),
    /// A rule's regex: it only runs on paragraphs where the prefilter found
    /// one of its literals, so it is built without a prefilter of its own.
    Filtered(Box<regex_automata::meta::Regex>),
    /// A literal with a look-ahead after it (see [`LiteralAhead`]).
    Ahead(Box<LiteralAhead>),
    /// Literals and one-character classes in a row (see [`Sequence`]).
    Sequence(Box<Sequence>),
    Plain(regex::Regex),
    Fancy(Box<fancy_regex::Regex>),
}

impl Re {
    pub(crate) fn compile(js: &JsRegex) -> Result<Re, String> {
        let rust = js.to_rust().map_err(|e| e.to_string())?;
        if !rust.backtracking {
            return regex::RegexBuilder::new(&rust.pattern)
                .size_limit(64 << 20)
                .build()
                .map(Re::Plain)
                .map_err(|e| e.to_string());
        }
        fancy_regex::RegexBuilder::new(&rust.pattern)
            .backtrack_limit(BACKTRACK_LIMIT)
            .build()
            .map(|r| Re::Fancy(Box::new(r)))
            .map_err(|e| e.to_string())
    }

    /// A rule's pattern, compiled, and the literals every match of it starts
    /// with (for the prefilter), or `None` when they cannot be listed. The
    /// pattern is parsed once for both; a pattern that is one literal is
    /// not compiled to a regex at all.
    fn compile_rule(js: &JsRegex) -> Result<(Re, Option<Literals>), String> {
        use regex_syntax::hir::HirKind;
        let rust = js.to_rust().map_err(|e| e.to_string())?;
        let hir = match rust.backtracking {
            false => regex_syntax::ParserBuilder::new()
                .build()
                .parse(&rust.pattern)
                .ok(),
            true => None,
        };
        let Some(hir) = hir else {
            if let Some(ahead) = LiteralAhead::new(js) {
                let literals = vec![ahead.literal().as_bytes().to_vec()];
                return Ok((Re::Ahead(Box::new(ahead)), Some(literals)));
            }
            let re = Re::compile(js)?;
            return Ok((re, prefilter_pattern(js).and_then(|p| prefix_literals(&p))));
        };
        if let HirKind::Literal(lit) = hir.kind()
            && let Ok(text) = std::str::from_utf8(&lit.0)
        {
            let finder = memchr::memmem::Finder::new(text).into_owned();
            return Ok((Re::Literal(Box::new(finder)), Some(vec![lit.0.to_vec()])));
        }
        let literals = literals_of(&hir);
        if let Some(sequence) = Sequence::new(&hir) {
            return Ok((Re::Sequence(Box::new(sequence)), literals));
        }
        // Without prefix literals the rule runs on every paragraph, where a
        // prefilter of its own still helps. A paragraph is short: the lazy
        // DFA serves it, and building a full DFA per rule up front (what
        // the engine does for small patterns) cost more than all searches.
        let config = regex_automata::meta::Config::new()
            .nfa_size_limit(Some(64 << 20))
            .auto_prefilter(literals.is_none())
            .dfa(false);
        let re = regex_automata::meta::Builder::new()
            .configure(config)
            .build_from_hir(&hir)
            .map(|r| Re::Filtered(Box::new(r)))
            .map_err(|e| e.to_string())?;
        Ok((re, literals))
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
            Re::Literal(l) => {
                // Leftmost, not overlapping, as `str::match_indices`; a
                // needle of whole characters only matches at their bounds.
                let n = l.needle().len();
                out.extend(l.find_iter(text.as_bytes()).map(|s| vec![Some((s, s + n))]));
            }
            Re::Sequence(q) => q.find(text, |s, e| out.push(vec![Some((s, e))])),
            Re::Ahead(a) => a.find(text, |s, e| {
                let whole = Some((s, e));
                out.push(match a.captured() {
                    true => vec![whole, whole],
                    false => vec![whole],
                });
            }),
            Re::Filtered(r) if !groups => {
                out.extend(r.find_iter(text).map(|m| vec![Some((m.start(), m.end()))]));
            }
            Re::Filtered(r) => {
                for c in r.captures_iter(text) {
                    let g: Groups = (0..c.group_len())
                        .map(|i| c.get_group(i).map(|m| (m.start, m.end)))
                        .collect();
                    out.push(g);
                }
            }
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

    pub(crate) fn is_match(&self, text: &str) -> bool {
        match self {
            Re::Literal(l) => l.find(text.as_bytes()).is_some(),
            Re::Filtered(r) => r.is_match(text),
            Re::Ahead(a) => {
                let mut found = false;
                a.find(text, |_, _| found = true);
                found
            }
            Re::Sequence(q) => {
                let mut found = false;
                q.find(text, |_, _| found = true);
                found
            }
            Re::Plain(r) => r.is_match(text),
            Re::Fancy(r) => r.is_match(text).unwrap_or(false),
        }
    }

    fn matches_empty(&self) -> bool {
        match self {
            Re::Literal(l) => l.needle().is_empty(),
            Re::Filtered(r) => r.is_match(""),
            Re::Ahead(_) | Re::Sequence(_) => false,
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
    /// Byte offset in the text given to [`PrhMatcher::find`].
    pub start: usize,
    /// Byte offset (exclusive) in the text given to [`PrhMatcher::find`].
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
    TooLong {
        /// The paragraph's length, in characters.
        chars: usize,
    },
    /// A search went over [`BACKTRACK_LIMIT`]: the rule was run up to
    /// there, and the rest of the paragraph was not checked.
    Backtracking,
}

/// A paragraph a backtracking rule was not fully applied to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Incomplete {
    /// Where the paragraph starts: a byte offset in the text given to
    /// [`PrhMatcher::find`].
    pub start: usize,
    /// Where the paragraph ends (exclusive).
    pub end: usize,
    /// Index into [`PrhDictionary::rules`].
    pub rule_index: usize,
    /// Which budget the rule met.
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
    /// The file of the rule.
    pub file: String,
    /// The rule's line.
    pub line: usize,
    /// Index into [`PrhDictionary::rules`].
    pub rule_index: usize,
    /// The spec's `from`.
    pub from: String,
    /// The spec's `to`.
    pub expected_to: String,
    /// What the rule makes of `from`.
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

/// What compiling one rule gives.
enum Outcome {
    Error(PrhError),
    Unsupported(PrhError),
    Compiled(CompiledRule, Option<Vec<Vec<u8>>>),
}

/// Compiles the rule at `index`, with its prefilter literals.
fn compile_rule(index: usize, rule: &PrhRule) -> Outcome {
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
    if let Err(TranslateError::Syntax(m)) = translate(&js.source, false) {
        return Outcome::Error(at(format!("invalid regular expression {js}: {m}")));
    }
    match Re::compile_rule(&js) {
        Ok((re, _)) if re.matches_empty() => Outcome::Unsupported(at(format!(
            "the pattern {js} matches the empty string (prh would loop forever); rule skipped"
        ))),
        Ok((re, literals)) => Outcome::Compiled(
            CompiledRule {
                index,
                re,
                must_empty,
            },
            literals,
        ),
        Err(m) => Outcome::Unsupported(at(format!(
            "the pattern {js} is not supported here ({m}); rule skipped"
        ))),
    }
}

impl PrhDictionary {
    /// Compiles every rule. Rules whose JS regex can't be expressed here are
    /// left out and listed by [`PrhMatcher::unsupported`]; errors that prh itself
    /// would refuse the dictionary for are returned as `Err`.
    pub fn compile(&self) -> Result<PrhMatcher, Vec<PrhError>> {
        // Rules compile independently: on every core (the `parallel`
        // feature), in order.
        #[cfg(feature = "parallel")]
        let outcomes: Vec<Outcome> = {
            use rayon::prelude::*;
            self.rules
                .par_iter()
                .enumerate()
                .map(|(index, rule)| compile_rule(index, rule))
                .collect()
        };
        #[cfg(not(feature = "parallel"))]
        let outcomes: Vec<Outcome> = self
            .rules
            .iter()
            .enumerate()
            .map(|(index, rule)| compile_rule(index, rule))
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
        // Reused from paragraph to paragraph.
        let mut candidates: Vec<usize> = Vec::new();
        let mut diffs: Vec<Diff> = Vec::new();
        for (start, end) in paragraphs(text) {
            let content = &text[start..end];
            let prag = pragmas(content);
            if prag.ignore_all {
                continue;
            }
            diffs.clear();
            // Rules that can match here, in dictionary order: a rule none of
            // whose prefix literals occurs cannot.
            candidates.clear();
            candidates.extend_from_slice(&self.always_run);
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
            for &i in &candidates {
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
            all.append(&mut diffs);
        }
        let kept = prepare(all);
        let mut out = Found::default();
        each_change(text, &kept, &self.rules, |d, actual, expanded| {
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

/// prh's paragraphs: split at runs of two or more `\n`. Byte ranges; the
/// last one ends at the end of the text (empty if the text ends in a run).
fn paragraphs(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    let bytes = text.as_bytes();
    // Where the next paragraph starts; `None` once the last was given.
    let mut last = Some(0);
    std::iter::from_fn(move || {
        let start = last?;
        let mut from = start;
        // The first `\n` followed by another (memchr: most paragraphs hold
        // a `\n` or none).
        while let Some(rel) = memchr::memchr(b'\n', &bytes[from..]) {
            let at = from + rel;
            if bytes.get(at + 1) == Some(&b'\n') {
                let next = at + bytes[at..].iter().take_while(|&&b| b == b'\n').count();
                last = Some(next);
                return Some((start, at));
            }
            from = at + 1;
        }
        last = None;
        Some((start, text.len()))
    })
}

#[cfg(test)]
mod engine_tests {
    use super::*;

    #[test]
    fn paragraphs_split_at_runs_of_two_newlines_or_more() {
        let cases: [(&str, &[(usize, usize)]); 8] = [
            ("", &[(0, 0)]),
            ("one", &[(0, 3)]),
            ("a\nb", &[(0, 3)]),
            ("a\n\nb", &[(0, 1), (3, 4)]),
            ("a\n\n\n\nb\nc\n\nd", &[(0, 1), (5, 8), (10, 11)]),
            ("\n\na", &[(0, 0), (2, 3)]),
            ("a\n\n", &[(0, 1), (3, 3)]),
            ("取り組み\n\n\nサーバー\n", &[(0, 12), (15, 28)]),
        ];
        for (text, expected) in cases {
            assert_eq!(paragraphs(text).collect::<Vec<_>>(), expected, "{text:?}");
        }
    }

    fn js(source: &str, ignore_case: bool) -> JsRegex {
        JsRegex {
            source: source.into(),
            ignore_case,
        }
    }

    /// A rule compiled for the matcher (a literal searched for as text, a
    /// sequence of literals and classes, a regex without a prefilter of its
    /// own, a literal with a look-ahead) finds exactly what the `regex` crate, or fancy-regex for look-around,
    /// finds with the same pattern, groups included.
    #[test]
    fn rule_engines_find_what_the_regex_crate_finds() {
        let texts = [
            "",
            "サーバサーバーサーババ",
            "aaaa aaa",
            "ａＡaAａ",
            "取組み取り組み取組",
            "x\ny\n\nサーバ\n",
            "abab ba",
            "𝄞サ𝄞ーバ𝄞",
            "サーバーサーババサーバをaab ab aaa\na\nab",
            "Java JAVA ｊａｖａ Ｊava javaScript jav サｰバ。ます、ます",
        ];
        let patterns = [
            ("サーバ", false, "literal"),
            ("aa", false, "literal"),
            ("a", false, "literal"),
            ("サ", true, "literal"),
            ("[a]a", false, "literal"),
            ("(サ)ーバ", false, "regex"),
            ("[aＡ]a", false, "sequence"),
            ("a", true, "sequence"),
            ("[JjＪｊ][AaＡａ][VvＶｖ][AaＡａ]", false, "sequence"),
            ("java", true, "sequence"),
            ("サ[ーｰ]バ", false, "sequence"),
            ("[^。]ます", false, "sequence"),
            ("a[bc]?", false, "regex"),
            ("(?:取組|取り組)み?", false, "regex"),
            ("a|aa", false, "regex"),
            ("(a)(b)?", false, "regex"),
            ("^サ|バ$", false, "regex"),
            ("\\b[ab]+\\b", false, "regex"),
            ("(サーバ)(?!ー)", false, "ahead"),
            ("サーバ(?=[ーバ])", false, "ahead"),
            ("aa(?!a)", false, "ahead"),
            ("(a)(?=b|$)", false, "ahead"),
            ("a(?!\\b)", false, "ahead"),
            ("サーバ(?=[^。]*ます)", false, "fancy"),
            ("サーバ(?=ーー+)", false, "fancy"),
            ("(a)(?!(b))", false, "fancy"),
            ("(a|b)(?!a)", false, "fancy"),
            ("a(?<!b)", false, "fancy"),
        ];
        for (source, ignore_case, kind) in patterns {
            let js = js(source, ignore_case);
            let (rule, _) = Re::compile_rule(&js).unwrap();
            let got = match rule {
                Re::Literal(_) => "literal",
                Re::Filtered(_) => "regex",
                Re::Ahead(_) => "ahead",
                Re::Sequence(_) => "sequence",
                Re::Fancy(_) => "fancy",
                Re::Plain(_) => "other",
            };
            assert_eq!(got, kind, "{source}");
            // What the regex crate, or fancy-regex for look-around, finds.
            let reference = Re::compile(&js).unwrap();
            assert!(matches!(reference, Re::Plain(_) | Re::Fancy(_)));
            for text in texts {
                for groups in [false, true] {
                    assert_eq!(
                        rule.matches(text, groups),
                        reference.matches(text, groups),
                        "{source} on {text:?}, groups {groups}"
                    );
                }
                assert_eq!(rule.is_match(text), reference.is_match(text));
            }
        }
    }
}
