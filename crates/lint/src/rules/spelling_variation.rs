use std::ops::Range;

use hashbrown::HashMap;
use hashbrown::hash_map::Entry;

use sc3_model::{Diagnostic, FileId};

use crate::terms::Kind;
use crate::{Context, declare_rule};

declare_rule! {
    /// ## 何を検査するか
    ///
    /// 用語集がなくても見つけられる表記ゆれを探します。リポジトリの文章全体から、
    ///
    /// - 送り仮名だけが違う書き方（「取組み」「取り組み」「取組」）、
    /// - 語末の長音符「ー」の有無だけが違う書き方（「ユーザ」「ユーザー」）
    ///
    /// が両方使われている語を見つけ、それぞれの書き方が使われているすべての
    /// 場所とともに報告します。どの書き方もすでに用語集に登録されている語は
    /// 報告しません（用語集の検査 T001 に任せます）。
    ///
    /// 辞書を使わない推定なので、情報（info）として出します。
    /// `cargo xtask lint --suggest-glossary` は、見つかった語ごとに、最も多く
    /// 使われている書き方を推奨語とする `[[term]]` の案を出力します。
    ///
    /// ## なぜ
    ///
    /// 用語集に載っていない語の表記ゆれは、T001 では見つかりません。どの語を
    /// 用語集に加えるべきかを、実際の文章から知るための検査です。
    ///
    /// ## 悪い例
    ///
    /// ```markdown file=book/src/meetings.md
    /// 業界団体の打合せを毎月開きます。
    /// 加盟企業との打ち合わせも記録します。
    /// ```
    ///
    /// ## 良い例
    ///
    /// どちらかに揃え、用語集に登録する:
    ///
    /// ```markdown file=book/src/meetings.md
    /// 業界団体の打ち合わせを毎月開きます。
    /// 加盟企業との打ち合わせも記録します。
    /// ```
    ///
    /// ```toml file=guidelines/glossary/meetings.toml
    /// [glossary]
    /// id = "meetings"
    /// scope = "all"
    ///
    /// [[term]]
    /// preferred = "打ち合わせ"
    /// variants = ["打合せ"]
    /// note = "公用文の送り仮名に合わせる"
    /// ```
    pub struct SpellingVariation {
        code: "T004",
        name: "spelling-variation",
        severity: Info,
        summary: "送り仮名や語末の長音符だけが違う書き方が混在している（用語集に未登録）",
        check: check,
    }
}

/// At most this many places are attached to one finding.
const MAX_PLACES: usize = 50;

/// How the spellings of a group differ.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variation {
    Okurigana,
    LongVowel,
}

/// One spelling, how often it occurs, and where: the first [`MAX_PLACES`]
/// places in file order (a finding attaches no more, and a common word
/// occurs thousands of times).
#[derive(Clone, Debug)]
pub struct Spelling {
    pub text: String,
    pub count: usize,
    pub places: Vec<(FileId, Range<usize>)>,
}

/// Spellings of one word, most frequent first.
#[derive(Clone, Debug)]
pub struct SpellingGroup {
    pub variation: Variation,
    pub spellings: Vec<Spelling>,
}

fn is_kanji(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c) || ('\u{3400}'..='\u{4DBF}').contains(&c) || c == '々'
}

fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{3096}').contains(&c)
}

fn is_katakana(c: char) -> bool {
    ('\u{30A1}'..='\u{30FA}').contains(&c) || c == 'ー'
}

/// Hiragana that are particles, never okurigana between two kanji.
fn particle(c: char) -> bool {
    matches!(
        c,
        'の' | 'を' | 'に' | 'は' | 'が' | 'で' | 'と' | 'も' | 'へ' | 'や' | 'か' | 'な'
    )
}

/// Kana a word's trailing okurigana may end with: the endings of nouns made from
/// verbs (取り組み, 打ち合わせ, 手続き). 実施し is read as 実施 plus し too, but
/// spellings that differ only after the last kanji never form a group alone.
fn trailing_end(c: char) -> bool {
    matches!(
        c,
        'い' | 'き'
            | 'し'
            | 'ち'
            | 'ひ'
            | 'み'
            | 'り'
            | 'ぎ'
            | 'じ'
            | 'び'
            | 'え'
            | 'け'
            | 'せ'
            | 'ね'
            | 'め'
            | 'れ'
            | 'げ'
            | 'べ'
    )
}

/// A word written with kanji and okurigana, found in prose.
struct Word<'a> {
    range: Range<usize>,
    /// The kanji alone: words with the same skeleton differ only in okurigana.
    skeleton: &'a str,
    /// The word without its trailing okurigana (a range of the text).
    stem: Range<usize>,
}

/// Words of kanji with okurigana between them (取り組み) or after them (取組み),
/// given to `found` in order. `chars` are the text's characters with their
/// byte offsets; `skeleton` is scratch space the caller keeps from call to
/// call, so a word costs no allocation.
fn okurigana_words(
    text: &str,
    chars: &[(usize, char)],
    base: usize,
    skeleton: &mut String,
    mut found: impl FnMut(Word<'_>),
) {
    let at = |i: usize| chars.get(i).map(|&(_, c)| c);
    let mut i = 0;
    while i < chars.len() {
        if !is_kanji(chars[i].1) || (i > 0 && is_kanji(chars[i - 1].1)) {
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i;
        skeleton.clear();
        let mut kanji = 0;
        loop {
            while let Some(c) = at(j).filter(|&c| is_kanji(c)) {
                skeleton.push(c);
                kanji += 1;
                j += 1;
            }
            // Internal okurigana: one or two non-particle hiragana, then kanji.
            let mut k = j;
            while k < j + 2 && at(k).is_some_and(|c| is_hiragana(c) && !particle(c)) {
                k += 1;
            }
            if k > j && at(k).is_some_and(is_kanji) {
                j = k;
            } else {
                break;
            }
        }
        let stem_end = j;
        // Trailing okurigana: the longest prefix (up to two kana) of the following
        // hiragana that ends with a kana okurigana may end with.
        let mut trail = 0;
        for n in 1..=2 {
            let ok = (0..n).all(|m| at(j + m).is_some_and(|c| is_hiragana(c) && !particle(c)));
            if ok && at(j + n - 1).is_some_and(trailing_end) {
                trail = n;
            }
        }
        let end = j + trail;
        let byte = |idx: usize| chars.get(idx).map_or(text.len(), |&(b, _)| b);
        // More hiragana that are not a particle: an inflected verb or adjective
        // (取り組む, 突き合わされる), not a spelling of a noun.
        let inflected = at(end).is_some_and(|c| is_hiragana(c) && !particle(c));
        if kanji >= 2 && !inflected {
            found(Word {
                range: base + byte(start)..base + byte(end),
                skeleton,
                stem: base + byte(start)..base + byte(stem_end),
            });
        }
        i = end.max(i + 1);
    }
}

/// Runs of katakana (three characters or more, ー included) in a text of
/// `chars` (with their byte offsets) that is `len` bytes long.
fn katakana_words(chars: &[(usize, char)], len: usize, base: usize, out: &mut Vec<Range<usize>>) {
    // (byte offset, character count) where the run began.
    let mut start: Option<(usize, usize)> = None;
    let mut push = |(s, from): (usize, usize), e: usize, to: usize| {
        if to - from >= 3 && chars[from].1 != 'ー' {
            out.push(base + s..base + e);
        }
    };
    for (k, &(i, c)) in chars.iter().enumerate() {
        match (is_katakana(c), start) {
            (true, None) => start = Some((i, k)),
            (false, Some(s)) => {
                push(s, i, k);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push(s, len, chars.len());
    }
}

/// One spelling as it is collected: its stem, how often it occurs, and its
/// first [`MAX_PLACES`] places.
struct Seen<'r> {
    text: &'r str,
    stem: &'r str,
    count: usize,
    places: Vec<(FileId, Range<usize>)>,
}

/// The spellings of one key (a skeleton, or a katakana word without its
/// final ー), as indices into [`Collector::seen`], and their distinct stems.
#[derive(Default)]
struct Spellings<'r> {
    stems: Vec<&'r str>,
    spellings: Vec<usize>,
}

/// Every spelling seen, looked up by its text: a word already seen costs
/// one hash of its text; its key and stem, functions of the text, are
/// worked out and filed the first time only.
#[derive(Default)]
struct Collector<'r> {
    index: HashMap<&'r str, usize>,
    seen: Vec<Seen<'r>>,
    by_key: HashMap<String, Spellings<'r>>,
}

impl<'r> Collector<'r> {
    /// Counts `text` at `place`; `key_and_stem` gives its key and stem if it
    /// is new.
    fn add<'k>(
        &mut self,
        text: &'r str,
        key_and_stem: impl FnOnce() -> (&'k str, &'r str),
        place: (FileId, Range<usize>),
    ) {
        let i = match self.index.entry(text) {
            Entry::Occupied(e) => *e.get(),
            Entry::Vacant(e) => {
                let (key, stem) = key_and_stem();
                let i = self.seen.len();
                self.seen.push(Seen {
                    text,
                    stem,
                    count: 0,
                    places: Vec::new(),
                });
                let spellings = self.by_key.entry_ref(key).or_default();
                spellings.spellings.push(i);
                if !spellings.stems.contains(&stem) {
                    spellings.stems.push(stem);
                }
                *e.insert(i)
            }
        };
        let seen = &mut self.seen[i];
        seen.count += 1;
        if seen.places.len() < MAX_PLACES {
            seen.places.push(place);
        }
    }
}

/// The groups of two spellings or more, each with every spelling's stem, the
/// most frequent spelling first, sorted by key so that the output is stable.
fn group(variation: Variation, collected: Collector<'_>) -> Vec<(SpellingGroup, Vec<String>)> {
    let Collector {
        by_key, mut seen, ..
    } = collected;
    let mut groups: Vec<(String, SpellingGroup, Vec<String>)> = by_key
        .into_iter()
        .filter(|(_, s)| s.spellings.len() >= 2)
        .map(|(key, s)| {
            let mut spellings: Vec<(Spelling, &str)> = s
                .spellings
                .into_iter()
                .map(|i| {
                    let seen = &mut seen[i];
                    (
                        Spelling {
                            text: seen.text.to_owned(),
                            count: seen.count,
                            places: std::mem::take(&mut seen.places),
                        },
                        seen.stem,
                    )
                })
                .collect();
            spellings.sort_by(|(a, _), (b, _)| {
                b.count
                    .cmp(&a.count)
                    .then(b.text.chars().count().cmp(&a.text.chars().count()))
                    .then(a.text.cmp(&b.text))
            });
            let stems = spellings.iter().map(|(_, st)| (*st).to_owned()).collect();
            let spellings = spellings.into_iter().map(|(s, _)| s).collect();
            (
                key,
                SpellingGroup {
                    variation,
                    spellings,
                },
                stems,
            )
        })
        .collect();
    groups.sort_by(|a, b| a.0.cmp(&b.0));
    groups.into_iter().map(|(_, g, stems)| (g, stems)).collect()
}

/// Every group of spellings that differ only in okurigana or in a final ー and
/// that the glossaries do not register yet, most frequent spelling first.
pub fn groups(cx: &Context<'_>) -> Vec<SpellingGroup> {
    // skeleton -> its stems and spellings; katakana word without ー -> its
    // spellings. Spellings and stems borrow the files' text.
    let mut okuri = Collector::default();
    let mut kana = Collector::default();
    let mut chars = Vec::new();
    let mut skeleton = String::new();
    let mut runs = Vec::new();
    for (i, ft) in cx.texts.iter().enumerate() {
        let text: &str = &cx.repo.file(ft.file).text;
        // Words inside a registered term (取組 in 重要7項目の取組) are not
        // spellings. The matches are in order and never overlap, so only the
        // last one starting at or before a word can contain it.
        let registered: Vec<Range<usize>> = cx
            .terms_in(i, None)
            .filter(|(_, e)| e.kind == Kind::Preferred)
            .map(|(x, _)| x)
            .collect();
        let inside = |w: &Range<usize>| {
            let k = registered.partition_point(|x| x.start <= w.start);
            k > 0 && {
                let x = &registered[k - 1];
                w.end <= x.end && x.len() > w.len()
            }
        };
        for r in &ft.ranges {
            let piece = &text[r.clone()];
            chars.clear();
            chars.extend(piece.char_indices());
            okurigana_words(piece, &chars, r.start, &mut skeleton, |w| {
                if !inside(&w.range) {
                    let spelling = &text[w.range.clone()];
                    okuri.add(spelling, || (w.skeleton, &text[w.stem]), (ft.file, w.range));
                }
            });
            runs.clear();
            katakana_words(&chars, piece.len(), r.start, &mut runs);
            for range in runs.drain(..).filter(|range| !inside(range)) {
                let w = &text[range.clone()];
                kana.add(w, || (w.trim_end_matches('ー'), w), (ft.file, range));
            }
        }
    }
    // Spellings that differ only after the last kanji (実施 / 実施し) are too often
    // inflection: a group needs two different stems (取組 / 取り組).
    okuri.by_key.retain(|_, s| s.stems.len() >= 2);
    let dict = cx.dictionary(None);
    let mut all = group(Variation::Okurigana, okuri);
    all.extend(group(Variation::LongVowel, kana));
    // A group is news when a spelling is unregistered and is not just an
    // inflection of a registered one (取り組 of 取り組む beside a registered 取り組み).
    all.into_iter()
        .filter(|(g, stems)| {
            let registered: Vec<&String> = g
                .spellings
                .iter()
                .zip(stems)
                .filter(|(s, _)| dict.registers(&s.text))
                .map(|(_, st)| st)
                .collect();
            g.spellings
                .iter()
                .zip(stems)
                .any(|(s, st)| !dict.registers(&s.text) && !registered.contains(&st))
        })
        .map(|(g, _)| g)
        .collect()
}

fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    for g in groups(cx) {
        let what = match g.variation {
            Variation::Okurigana => "送り仮名",
            Variation::LongVowel => "語末の長音符",
        };
        let counts: Vec<String> = g
            .spellings
            .iter()
            .map(|s| format!("「{}」{} か所", s.text, s.count))
            .collect();
        let majority = &g.spellings[0].text;
        // Point at the first place of the least used spelling: the likely slip.
        let minority = g
            .spellings
            .last()
            .expect("a group has two spellings or more");
        let (file, span) = minority.places[0].clone();
        let mut d = SpellingVariation::diag(format!("{what}だけが違う書き方が混在しています: {}", counts.join("、")))
        .at(file, span)
        .with_label(format!("「{majority}」と揃えるか、用語集に登録する"))
        .with_help(format!(
            "用語集に [[term]] preferred = \"{majority}\" を加えると検査 T001 で揃えられます（cargo xtask lint --suggest-glossary で案を出力）"
        ));
        for s in &g.spellings {
            for (f, r) in &s.places {
                if (*f, r) != (file, &minority.places[0].1) {
                    d = d.with_related(*f, r.clone(), format!("「{}」", s.text));
                }
            }
        }
        out.push(d);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tester::{Base, Tester, at};

    fn words(s: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let chars: Vec<(usize, char)> = s.char_indices().collect();
        okurigana_words(s, &chars, 0, &mut String::new(), |w| {
            out.push((s[w.range].to_owned(), w.skeleton.to_owned()))
        });
        out
    }

    #[test]
    fn okurigana_words_stop_at_particles_and_verb_endings() {
        assert_eq!(
            words("業界の取り組みを進め、取組み状況と取組を確認し、実施している。"),
            [
                ("業界".into(), "業界".into()),
                ("取り組み".into(), "取組".into()),
                // Okurigana between kanji joins a compound.
                ("取組み状況".into(), "取組状況".into()),
                ("取組".into(), "取組".into()),
                ("確認し".into(), "確認".into()),
            ]
        );
        assert_eq!(words("打ち合わせを行う")[0].0, "打ち合わせ");
        // Inflected verbs are not spellings of nouns.
        assert!(words("突き合わされました").is_empty());
    }

    const PASS_INTRO: &str = r#"# はじめに

業界団体の取り組みを紹介します。加盟企業の取り組みも広げます。ユーザーの声とユーザー登録。取り組む会社が増えています。
"#;

    const FAIL_INTRO: &str = r#"# はじめに

業界団体の取組みを紹介します。

加盟企業の取り組みも広げます。取り組みは続きます。

ユーザの声とユーザー登録とユーザーの要望。
"#;

    #[test]
    fn pass() {
        Tester::new(&SpellingVariation::RULE, Base::Empty)
            .file("book/src/intro.md", PASS_INTRO)
            .pass();
    }

    #[test]
    fn fail() {
        let r = Tester::new(&SpellingVariation::RULE, Base::Empty)
            .file("book/src/intro.md", FAIL_INTRO)
            .fail();
        let md = "book/src/intro.md";
        // One finding per word, at the least used spelling, with every other place.
        assert_eq!(r.places(), [at(md, 3, 6), at(md, 7, 1)]);
        let okuri = r
            .found()
            .into_iter()
            .find(|d| d.message.contains("送り仮名"))
            .unwrap();
        assert!(
            okuri
                .message
                .contains("「取り組み」2 か所、「取組み」1 か所"),
            "{}",
            okuri.message
        );
        assert_eq!(okuri.related.len(), 2);
        let kana = r
            .found()
            .into_iter()
            .find(|d| d.message.contains("長音符"))
            .unwrap();
        assert!(
            kana.message
                .contains("「ユーザー」2 か所、「ユーザ」1 か所"),
            "{}",
            kana.message
        );
    }
}
