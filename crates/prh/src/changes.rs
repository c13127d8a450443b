//! prh's change set: overlapping findings removed (`ChangeSet._prepare`),
//! `$N` substituted, and the changes applied in turn to a UTF-16 working
//! copy of the text, as prh and textlint-rule-prh apply them.

use crate::PrhRule;

/// The span of each group of a match (group 0 is the whole match).
pub(crate) type Groups = Vec<Option<(usize, usize)>>;

#[derive(Clone, Debug)]
pub(crate) struct Diff {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) groups: Groups,
    /// Index into the dictionary's rules.
    pub(crate) rule: usize,
}

/// prh's `$N` substitution, groups read from `text`.
pub(crate) fn expand(expected: &str, text: &str, groups: &Groups) -> String {
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
pub(crate) fn prepare(mut diffs: Vec<Diff>) -> Vec<Diff> {
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
pub(crate) fn collide(a: (usize, usize), b: (usize, usize)) -> bool {
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
struct Work {
    head: Vec<u16>,
    original: Vec<u16>,
    from: usize,
}

impl Work {
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
/// textlint-rule-prh do; calls `each(diff, actual, expanded)` and returns
/// the text with every change made.
pub(crate) fn walk_changes(
    text: &str,
    diffs: &[Diff],
    rules: &[PrhRule],
    each: impl FnMut(&Diff, String, String),
) -> String {
    String::from_utf16_lossy(&walk(text, diffs, rules, each).finish())
}

/// [`walk_changes`] without the changed text, which finding the changes
/// does not need.
///
/// When no diff starts before the previous one ends (all but prh's rare
/// overlap case), each replacement leaves the text after it as it was, so
/// the text a diff replaces is the file's own: no working copy is needed.
pub(crate) fn each_change(
    text: &str,
    diffs: &[Diff],
    rules: &[PrhRule],
    mut each: impl FnMut(&Diff, String, String),
) {
    if diffs.windows(2).all(|w| w[1].start >= w[0].end) {
        for d in diffs {
            let expanded = expand(&rules[d.rule].expected, text, &d.groups);
            each(d, text[d.start..d.end].to_owned(), expanded);
        }
    } else {
        walk(text, diffs, rules, each);
    }
}

fn walk(
    text: &str,
    diffs: &[Diff],
    rules: &[PrhRule],
    mut each: impl FnMut(&Diff, String, String),
) -> Work {
    let original: Vec<u16> = text.encode_utf16().collect();
    let mut work = Work {
        head: Vec::new(),
        original,
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
    work
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
        let mut disjoint = 0;
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
            // Without the working copy when the diffs do not overlap.
            let mut changes = Vec::new();
            each_change(text, &diffs, &rules, |_, actual, _| changes.push(actual));
            assert_eq!(changes, want_actuals, "{diffs:?}");
            disjoint += usize::from(diffs.windows(2).all(|w| w[1].start >= w[0].end));
        }
        // Both ways of each_change were taken.
        assert!(
            (100..1900).contains(&disjoint),
            "{disjoint} of 2000 disjoint"
        );
    }
}
