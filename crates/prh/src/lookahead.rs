//! Rules of the form `LITERAL(?=AHEAD)` or `LITERAL(?!AHEAD)`, the literal
//! optionally in a group: the shape prh dictionaries use most for
//! look-around (`/(サーバ)(?!ー)/` with `expected: $1ー`). JS can only match
//! such a pattern at an occurrence of the literal, so trying the look-ahead
//! once at the end of each occurrence, left to right, finds what a
//! backtracking engine finds. When the look-ahead reads at most
//! [`MAX_AHEAD_BYTES`], that is linear in the paragraph: the rule needs no
//! backtracking budget. A longer look-ahead (`(?=[^。]*ます)` reads to the
//! end of the sentence from every occurrence) keeps the budget.

use regex_automata::{Anchored, Input, meta};
use regex_syntax::hir::{Hir, HirKind};

use crate::JsRegex;
use crate::translate::translate;

/// The longest look-ahead (in bytes of text it can match) run this way.
pub(crate) const MAX_AHEAD_BYTES: usize = 64;

/// A rule of this shape, ready to run.
#[derive(Debug)]
pub(crate) struct LiteralAhead {
    literal: Box<str>,
    /// Its searcher, built once (not at every paragraph it runs on).
    finder: memchr::memmem::Finder<'static>,
    /// Whether the literal is the pattern's group 1 (`(サーバ)(?!ー)`).
    captured: bool,
    /// The look-ahead's pattern, run anchored at the literal's end.
    ahead: meta::Regex,
    /// `(?!…)` rather than `(?=…)`.
    negative: bool,
}

/// A JS source split as `body` + `(?=ahead)` or `(?!ahead)` at its end,
/// where the body has no top-level alternative (which the look-ahead would
/// not apply to): (body, ahead, negative).
fn split(source: &str) -> Option<(&str, &str, bool)> {
    let mut depth = 0usize;
    let mut class = false;
    let mut escaped = false;
    let mut alternative = false;
    let mut last_group = None;
    for (i, c) in source.char_indices() {
        if escaped {
            escaped = false;
            continue;
        }
        match c {
            '\\' => escaped = true,
            '[' if !class => class = true,
            ']' if class => class = false,
            _ if class => {}
            '(' => {
                if depth == 0 {
                    last_group = Some(i);
                }
                depth += 1;
            }
            ')' => depth = depth.checked_sub(1)?,
            '|' if depth == 0 => alternative = true,
            _ => {}
        }
    }
    if depth != 0 || class || escaped || alternative || !source.ends_with(')') {
        return None;
    }
    let start = last_group?;
    let (body, group) = source.split_at(start);
    let negative = match group.get(..3)? {
        "(?=" => false,
        "(?!" => true,
        _ => return None,
    };
    // The group that opens at `start` must be the one that closes at the end.
    let inner = &group[3..group.len() - 1];
    (!body.is_empty()).then_some((body, inner, negative))
}

impl LiteralAhead {
    /// The rule, if `js` has this shape and both parts run without
    /// backtracking.
    pub(crate) fn new(js: &JsRegex) -> Option<Self> {
        let (body, ahead, negative) = split(&js.source)?;
        let flags = if js.ignore_case { "(?mi)" } else { "(?m)" };
        let parse = |source: &str| -> Option<Hir> {
            let (rust, backtracking) = translate(source, false).ok()?;
            if backtracking {
                return None;
            }
            regex_syntax::ParserBuilder::new()
                .build()
                .parse(&format!("{flags}{rust}"))
                .ok()
        };
        let body = parse(body)?;
        let ahead = parse(ahead)?;
        // Groups in the look-ahead would be numbered after the body's and
        // could be named by `$N`.
        if ahead.properties().explicit_captures_len() > 0 {
            return None;
        }
        if ahead
            .properties()
            .maximum_len()
            .is_none_or(|n| n > MAX_AHEAD_BYTES)
        {
            return None;
        }
        let (literal, captured) = match body.kind() {
            HirKind::Literal(l) => (l, false),
            HirKind::Capture(c) if c.index == 1 => match c.sub.kind() {
                HirKind::Literal(l) => (l, true),
                _ => return None,
            },
            _ => return None,
        };
        let literal = std::str::from_utf8(&literal.0).ok()?;
        if literal.is_empty() {
            return None;
        }
        let config = meta::Config::new()
            .nfa_size_limit(Some(64 << 20))
            .auto_prefilter(false)
            .dfa(false);
        let ahead = meta::Builder::new()
            .configure(config)
            .build_from_hir(&ahead)
            .ok()?;
        Some(LiteralAhead {
            finder: memchr::memmem::Finder::new(literal.as_bytes()).into_owned(),
            literal: literal.into(),
            captured,
            ahead,
            negative,
        })
    }

    /// The literal every match is.
    pub(crate) fn literal(&self) -> &str {
        &self.literal
    }

    /// Whether a match has groups 0 and 1 (the literal in a group) or 0 alone.
    pub(crate) fn captured(&self) -> bool {
        self.captured
    }

    /// Each match in `text` (start, end), left to right, not overlapping.
    pub(crate) fn find(&self, text: &str, mut each: impl FnMut(usize, usize)) {
        let mut at = 0;
        while let Some(i) = self.finder.find(&text.as_bytes()[at..]) {
            let start = at + i;
            let end = start + self.literal.len();
            let input = Input::new(text).range(end..).anchored(Anchored::Yes);
            if self.ahead.search_half(&input).is_some() != self.negative {
                each(start, end);
                at = end;
            } else {
                // The next occurrence may overlap this one.
                at = start + text[start..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::split;

    #[test]
    fn only_a_trailing_lookahead_after_a_body_without_alternatives_splits() {
        assert_eq!(split("(サーバ)(?!ー)"), Some(("(サーバ)", "ー", true)));
        assert_eq!(split("サーバ(?=[をは])"), Some(("サーバ", "[をは]", false)));
        assert_eq!(split("a(?!(b|c))"), Some(("a", "(b|c)", true)));
        assert_eq!(split("a|b(?!c)"), None, "the look-ahead belongs to b alone");
        assert_eq!(split("(?!c)"), None, "no body");
        assert_eq!(split("a(?!c)d"), None);
        assert_eq!(split("a(?<!c)"), None);
        assert_eq!(split("a(b)"), None);
        assert_eq!(split("a\\(?!c\\)"), None, "escaped parentheses");
        assert_eq!(split("[(]a(?!c)"), Some(("[(]a", "c", true)));
        assert_eq!(split("a(?!c)(?!d)"), Some(("a(?!c)", "d", true)));
    }
}
