//! Which rules can match a paragraph at all: every match of a rule starts
//! with one of its prefix literals (from the rule, or from a superset of it
//! with its look-arounds removed), and one Aho-Corasick pass finds them.

use crate::JsRegex;
use crate::translate::translate;

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
pub(crate) fn prefix_literals(pattern: &str) -> Option<Vec<Vec<u8>>> {
    let hir = regex_syntax::ParserBuilder::new()
        .build()
        .parse(pattern)
        .ok()?;
    literals_of(&hir)
}

/// At most this many literals per rule. A rule made from an English word
/// (prh spreads each letter to four: `[Ss][Ee]…` with the full-width forms)
/// would give 64 three-letter prefixes at the extractor's default limit of
/// 250 and, over a dictionary, thousands of states in the automaton; 16
/// two-letter prefixes still pass a paragraph of Japanese rarely.
const LIMIT_TOTAL: usize = 16;

/// The literals every match of `hir` starts with (see [`prefix_literals`]).
pub(crate) fn literals_of(hir: &regex_syntax::hir::Hir) -> Option<Vec<Vec<u8>>> {
    use regex_syntax::hir::literal::{ExtractKind, Extractor};
    let seq = Extractor::new()
        .kind(ExtractKind::Prefix)
        .limit_total(LIMIT_TOTAL)
        .extract(hir);
    let literals = seq.literals()?;
    if literals.is_empty() || literals.iter().any(|l| l.as_bytes().is_empty()) {
        return None;
    }
    Some(literals.iter().map(|l| l.as_bytes().to_vec()).collect())
}

/// The prefilter pattern of a rule, in the `regex` crate's syntax.
pub(crate) fn prefilter_pattern(js: &JsRegex) -> Option<String> {
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
