//! `prh:disable` and `prh:disable:PATTERN` lines in a paragraph.

use std::sync::OnceLock;

use crate::JsRegex;
use crate::changes::collide;
use crate::matcher::Re;
use crate::regex_static;
use crate::translate::JS_SPACE;

/// The `prh:disable` pragmas of a paragraph.
pub(crate) struct Pragmas {
    pub(crate) ignore_all: bool,
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
    pub(crate) fn is_empty(&self) -> bool {
        self.ranges.is_empty()
    }

    /// prh's strict overlap of a diff with a pragma line (the lines are in
    /// order and apart, so two binary searches tell).
    pub(crate) fn collides(&self, (s, e): (usize, usize)) -> bool {
        let before = self.ranges.partition_point(|&(a, _)| a < s);
        let inside = self.ranges.partition_point(|&(a, _)| a <= s);
        (before > 0 && collide((s, e), self.ranges[before - 1]))
            || self.ranges.get(inside).is_some_and(|&r| collide((s, e), r))
    }

    /// Whether some PATTERN matches (or, as text, occurs in) `m`.
    pub(crate) fn disables(&self, m: &str) -> bool {
        let literal = match &self.automaton {
            Some(ac) => ac.is_match(m),
            None => self.literals.iter().any(|l| m.contains(l.as_str())),
        };
        literal
            || self.plain.as_ref().is_some_and(|set| set.is_match(m))
            || self.fancy.iter().any(|re| re.is_match(m))
    }
}

pub(crate) fn pragmas(content: &str) -> Pragmas {
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
