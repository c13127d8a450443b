//! Reading typed values out of a spanned TOML table, reporting every problem.

use std::cell::Cell;
use std::ops::Range;

use toml::Spanned as TSpanned;
use toml::de::{DeTable, DeValue};

use crate::diag::{Diagnostic, codes};
use crate::source::FileId;
use crate::types::Spanned;

/// The closest of `candidates` to `word`, if it is close enough to be a likely typo.
pub fn did_you_mean<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let lower = word.to_lowercase();
    candidates
        .iter()
        .map(|c| (strsim::jaro_winkler(&lower, c), *c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn type_name(v: &DeValue<'_>) -> &'static str {
    match v {
        DeValue::String(_) => "文字列",
        DeValue::Integer(_) => "整数",
        DeValue::Float(_) => "小数",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(_) => "日付",
        DeValue::Array(_) => "リスト",
        DeValue::Table(_) => "表",
    }
}

/// One table being read: its entries, the span of its header, and what to call it.
pub struct Fields<'t, 'i> {
    pub file: FileId,
    pub table: &'t DeTable<'i>,
    pub span: Range<usize>,
    /// How the table is written in the file, e.g. `[[item]]`.
    pub name: &'static str,
    /// The keys the format declares for this table, once [`Fields::check_keys`]
    /// has been given them: reading any other key is a bug in the loader.
    declared: Cell<&'static [&'static str]>,
}

impl<'t, 'i> Fields<'t, 'i> {
    pub fn new(
        file: FileId,
        table: &'t DeTable<'i>,
        span: Range<usize>,
        name: &'static str,
    ) -> Self {
        Fields {
            file,
            table,
            span,
            name,
            declared: Cell::new(&[]),
        }
    }

    /// Reports every key not in `allowed`, with a did-you-mean.
    pub fn check_keys(&self, allowed: &'static [&'static str], out: &mut Vec<Diagnostic>) {
        self.declared.set(allowed);
        let mut unknown: Vec<_> = self
            .table
            .iter()
            .filter(|(k, _)| !allowed.contains(&k.get_ref().as_ref()))
            .collect();
        unknown.sort_by_key(|(k, _)| k.span().start);
        for (key, _) in unknown {
            let name: &str = key.get_ref();
            let mut d = Diagnostic::error(
                codes::UNKNOWN_KEY,
                format!("{} に `{name}` というキーはありません", self.name),
            )
            .at(self.file, key.span())
            .with_label("この表にないキー");
            d = match did_you_mean(name, allowed) {
                Some(s) => d.with_help(format!("`{s}` のことですか？")),
                None => d.with_help(format!(
                    "{} で使えるキー: {}",
                    self.name,
                    allowed.join(", ")
                )),
            };
            out.push(d);
        }
    }

    fn raw(&self, key: &str) -> Option<&'t TSpanned<DeValue<'i>>> {
        let declared = self.declared.get();
        debug_assert!(
            declared.is_empty() || declared.contains(&key),
            "the loader reads `{key}` in {}, but sc3_model::schema does not declare it",
            self.name
        );
        self.table.get(key)
    }

    fn wrong_type(
        &self,
        key: &str,
        v: &TSpanned<DeValue<'_>>,
        expected: &str,
        out: &mut Vec<Diagnostic>,
    ) {
        let found = type_name(v.get_ref());
        let mut d = Diagnostic::error(
            codes::INVALID_VALUE,
            format!(
                "{} の `{key}` は{expected}で書きます（{found}になっています）",
                self.name
            ),
        )
        .at(self.file, v.span())
        .with_label(format!("{found}になっている"));
        if matches!(
            v.get_ref(),
            DeValue::Integer(_) | DeValue::Float(_) | DeValue::Boolean(_)
        ) && expected == "文字列"
        {
            let raw = v.get_ref();
            let shown = match raw {
                DeValue::Integer(i) => i.as_str().to_owned(),
                DeValue::Float(f) => f.as_str().to_owned(),
                DeValue::Boolean(b) => b.to_string(),
                _ => String::new(),
            };
            d = d.with_help(format!(
                "値をダブルクォートで囲んでください: {key} = \"{shown}\""
            ));
        }
        out.push(d);
    }

    /// A text value, as written (empty strings included).
    pub fn string(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::String(s) => Some(Spanned::new(s.to_string(), v.span())),
            _ => {
                self.wrong_type(key, v, "文字列", out);
                None
            }
        }
    }

    /// A text value that must be present and not blank.
    pub fn required(&self, key: &str, out: &mut Vec<Diagnostic>) -> Spanned<String> {
        match self.string(key, out) {
            Some(s) if s.value.trim().is_empty() => {
                out.push(
                    Diagnostic::error(
                        codes::MISSING_KEY,
                        format!("{} の `{key}` が空です", self.name),
                    )
                    .at(self.file, s.span.clone())
                    .with_label("空")
                    .with_help(format!("{} の `{key}` に値を書いてください", self.name)),
                );
                s
            }
            Some(s) => s,
            None => {
                if self.raw(key).is_none() {
                    out.push(
                        Diagnostic::error(
                            codes::MISSING_KEY,
                            format!("{} に `{key}` がありません", self.name),
                        )
                        .at(self.file, self.span.clone())
                        .with_label(format!("この表に `{key}` がない"))
                        .with_help(format!(
                            "{} の下に `{key} = \"…\"` の行を追加してください",
                            self.name
                        )),
                    );
                }
                Spanned::new(String::new(), self.span.clone())
            }
        }
    }

    /// An optional text value; blank text counts as absent.
    pub fn optional(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
        self.string(key, out).filter(|s| !s.value.trim().is_empty())
    }

    /// A true/false value.
    pub fn boolean(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<bool> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Boolean(b) => Some(*b),
            _ => {
                self.wrong_type(key, v, "true か false", out);
                None
            }
        }
    }

    /// A count: a whole number from 0 to 4,294,967,295.
    pub fn count(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<Spanned<u32>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Integer(i) => match u32::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Some(Spanned::new(n, v.span())),
                Err(_) => {
                    self.wrong_type(key, v, "0 以上の整数", out);
                    None
                }
            },
            _ => {
                self.wrong_type(key, v, "0 以上の整数", out);
                None
            }
        }
    }

    /// A date (or text), kept as written.
    pub fn date(&self, key: &str, out: &mut Vec<Diagnostic>) -> Option<Spanned<String>> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Datetime(d) => Some(Spanned::new(d.to_string(), v.span())),
            DeValue::String(s) if !s.trim().is_empty() => {
                Some(Spanned::new(s.to_string(), v.span()))
            }
            DeValue::String(_) => None,
            _ => {
                self.wrong_type(key, v, "2023-04-26 のような日付", out);
                None
            }
        }
    }

    /// A list of text values. A single text value is accepted (and reported).
    pub fn list(&self, key: &str, out: &mut Vec<Diagnostic>) -> Vec<Spanned<String>> {
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|e| match e.get_ref() {
                    DeValue::String(s) => Some(Spanned::new(s.to_string(), e.span())),
                    other => {
                        out.push(
                            Diagnostic::error(
                                codes::INVALID_VALUE,
                                format!(
                                    "{} の `{key}` には文字列だけを並べます（{}が入っています）",
                                    self.name,
                                    type_name(other)
                                ),
                            )
                            .at(self.file, e.span())
                            .with_label("ダブルクォートが必要"),
                        );
                        None
                    }
                })
                .collect(),
            DeValue::String(s) => {
                out.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        format!("{} の `{key}` はリストで書きます", self.name),
                    )
                    .at(self.file, v.span())
                    .with_label("値が1つだけ")
                    .with_help(format!("角かっこで囲んでください: {key} = [\"{s}\"]")),
                );
                vec![Spanned::new(s.to_string(), v.span())]
            }
            _ => {
                self.wrong_type(key, v, "文字列のリスト", out);
                Vec::new()
            }
        }
    }

    /// An inline or standard sub-table.
    pub fn table(
        &self,
        key: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Option<(&'t DeTable<'i>, Range<usize>)> {
        let v = self.raw(key)?;
        match v.get_ref() {
            DeValue::Table(t) => Some((t, v.span())),
            _ => {
                self.wrong_type(key, v, "表", out);
                None
            }
        }
    }

    /// The tables of an array of tables (`[[key]]`). A single `[key]` table is
    /// accepted (and reported).
    pub fn tables(
        &self,
        key: &str,
        out: &mut Vec<Diagnostic>,
    ) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(v) = self.raw(key) else {
            return Vec::new();
        };
        match v.get_ref() {
            DeValue::Array(items) => items
                .iter()
                .filter_map(|e| match e.get_ref() {
                    DeValue::Table(t) => Some((t, e.span())),
                    other => {
                        out.push(
                            Diagnostic::error(
                                codes::INVALID_VALUE,
                                format!(
                                    "[[{key}]] には表を書きます（{}になっています）",
                                    type_name(other)
                                ),
                            )
                            .at(self.file, e.span()),
                        );
                        None
                    }
                })
                .collect(),
            DeValue::Table(t) => {
                out.push(
                    Diagnostic::error(
                        codes::INVALID_VALUE,
                        format!("`{key}` が角かっこ1つの [{key}] で書かれています"),
                    )
                    .at(self.file, v.span())
                    .with_label("角かっこが1つ")
                    .with_help(format!(
                        "いくつも並べられるので、[[{key}]] と角かっこを2つ重ねて書いてください"
                    )),
                );
                vec![(t, v.span())]
            }
            _ => {
                self.wrong_type(key, v, &format!("[[{key}]] の表"), out);
                Vec::new()
            }
        }
    }

    /// A value from a fixed vocabulary, parsed by `parse`.
    pub fn choice<T>(
        &self,
        key: &str,
        names: &[&str],
        parse: impl Fn(&str) -> Option<T>,
        alias: impl Fn(&str) -> Option<&'static str>,
        out: &mut Vec<Diagnostic>,
    ) -> Option<Spanned<T>> {
        let s = self.optional(key, out)?;
        if let Some(v) = parse(&s.value) {
            return Some(Spanned::new(v, s.span));
        }
        let help = match alias(&s.value).or_else(|| did_you_mean(&s.value, names)) {
            Some(m) => format!("`{m}` のことですか？ 使える値: {}", names.join(", ")),
            None => format!("使える値: {}", names.join(", ")),
        };
        out.push(
            Diagnostic::error(
                codes::INVALID_VALUE,
                format!("「{}」は `{key}` に使える値ではありません", s.value),
            )
            .at(self.file, s.span)
            .with_label(format!("`{key}` に使えない値"))
            .with_help(help),
        );
        None
    }
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn suggests_close_keys_only() {
        assert_eq!(
            did_you_mean("titel", &["id", "title", "text"]),
            Some("title")
        );
        assert_eq!(
            did_you_mean("Targets", &["source", "targets"]),
            Some("targets")
        );
        assert_eq!(did_you_mean("zzz", &["id", "title", "text"]), None);
    }
}
