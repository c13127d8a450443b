//! Converting a prh dictionary into a `[glossary]` file.
//!
//! A glossary holds plain strings, so a prh rule converts when its patterns are
//! plain strings, or when it has none (prh then matches `expected` with any
//! case and full-width letters: the glossary gets the lower- and upper-case
//! spellings, and full-width letters are left to the character-width rule).
//! Rules written as regular expressions cannot be expressed as strings: they
//! are listed, with their line, and the prh file itself can stay in
//! `guidelines/glossary/` to keep using them.

use prh::{PatternForm, PrhDictionary, PrhPattern};

/// The result of a conversion.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conversion {
    /// The glossary, as TOML text.
    pub toml: String,
    /// How many `[[term]]` entries it has.
    pub terms: usize,
    /// Rules that could not be converted: (file, line, why).
    pub skipped: Vec<(String, usize, String)>,
}

/// A TOML basic string.
pub fn toml_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Text for a TOML comment: control characters (a line break would end the
/// comment and let the rest be read as TOML) are written as `\uXXXX`, as in
/// [`toml_string`]; a tab is kept.
fn comment_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() && c != '\t' {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Converts `dict` into a glossary with id `id`, naming `source` in its header.
pub fn to_glossary(dict: &PrhDictionary, id: &str, source: &str) -> Conversion {
    // preferred -> (variants, notes), in the dictionary's order.
    let mut terms: Vec<(String, Vec<String>, Vec<String>)> = Vec::new();
    let mut skipped = Vec::new();
    for rule in &dict.rules {
        if rule.expected.contains('$') {
            skipped.push((
                rule.file.clone(),
                rule.line,
                format!("expected「{}」が正規表現のグループを使う", rule.expected),
            ));
            continue;
        }
        let mut variants: Vec<String> = Vec::new();
        match rule.pattern_form {
            PatternForm::Derived => {
                for v in [rule.expected.to_lowercase(), rule.expected.to_uppercase()] {
                    if v != rule.expected && !variants.contains(&v) {
                        variants.push(v);
                    }
                }
            }
            PatternForm::Single | PatternForm::List => {
                let mut regex = None;
                for p in &rule.patterns {
                    match p {
                        PrhPattern::Literal(s) => {
                            if *s != rule.expected && !variants.contains(s) {
                                variants.push(s.clone());
                            }
                        }
                        PrhPattern::Regex { source, flags } => {
                            regex = Some(format!("/{source}/{flags}"))
                        }
                    }
                }
                if let Some(re) = regex {
                    skipped.push((
                        rule.file.clone(),
                        rule.line,
                        format!("パターン {re} は正規表現"),
                    ));
                    continue;
                }
            }
        }
        if rule.word_boundary {
            skipped.push((
                rule.file.clone(),
                rule.line,
                "wordBoundary は用語集で表せない（語の境界を見ずに照合する）".into(),
            ));
        }
        let note = rule.prh.clone();
        match terms.iter_mut().find(|(p, _, _)| *p == rule.expected) {
            Some((_, vs, notes)) => {
                for v in variants {
                    if !vs.contains(&v) {
                        vs.push(v);
                    }
                }
                notes.extend(note);
            }
            None => terms.push((rule.expected.clone(), variants, note.into_iter().collect())),
        }
    }
    let mut toml = format!(
        "# {} から cargo xtask glossary import-prh で変換した用語集です。\n[glossary]\nid = {}\nscope = \"all\"\n",
        comment_text(source),
        toml_string(id)
    );
    for (preferred, variants, notes) in &terms {
        toml.push_str(&format!(
            "\n[[term]]\npreferred = {}\n",
            toml_string(preferred)
        ));
        let vs: Vec<String> = variants.iter().map(|v| toml_string(v)).collect();
        toml.push_str(&format!("variants = [{}]\n", vs.join(", ")));
        if !notes.is_empty() {
            toml.push_str(&format!("note = {}\n", toml_string(&notes.join(" "))));
        }
    }
    if !skipped.is_empty() {
        toml.push_str(
            "\n# 変換できなかった規則（prh 辞書のまま guidelines/glossary/ に置けば使えます）:\n",
        );
        for (file, line, why) in &skipped {
            let name = std::path::Path::new(file)
                .file_name()
                .map_or(file.as_str(), |n| n.to_str().unwrap_or(file));
            toml.push_str(&format!(
                "# - {}:{line}: {}\n",
                comment_text(name),
                comment_text(why)
            ));
        }
    }
    Conversion {
        toml,
        terms: terms.len(),
        skipped,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use prh::{PrhDictionary, parse};

    #[test]
    fn literals_convert_and_regexes_are_listed() {
        let yaml = "version: 1\nrules:\n  - expected: 取り組み\n    patterns:\n      - 取組み\n      - 取組\n    prh: 送り仮名\n  - expected: JavaScript\n  - expected: サーバー\n    pattern: /サーバ(?!ー)/\n";
        let dict = PrhDictionary::from_file(parse("words.yml", yaml).unwrap());
        let c = to_glossary(&dict, "words", "words.yml");
        assert_eq!(c.terms, 2);
        assert!(
            c.toml.contains(
                "preferred = \"取り組み\"\nvariants = [\"取組み\", \"取組\"]\nnote = \"送り仮名\"\n"
            ),
            "{}",
            c.toml
        );
        assert!(
            c.toml.contains(
                "preferred = \"JavaScript\"\nvariants = [\"javascript\", \"JAVASCRIPT\"]\n"
            )
        );
        assert_eq!(c.skipped.len(), 1);
        assert_eq!(c.skipped[0].1, 9);
        // The result is a glossary the loader reads without a problem.
        let loaded =
            crate::load_from_memory([("guidelines/glossary/words.toml", c.toml.as_bytes())]);
        assert_eq!(loaded.diagnostics, vec![]);
        assert_eq!(loaded.repo.glossaries[0].terms.len(), 2);
    }
}
