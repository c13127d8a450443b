//! References between content: `id@version`, `id@version:item`, `industry:measure`.
//!
//! Parsing only checks the shape; whether the referenced thing exists is a
//! question for the lint rules, which see the whole repository.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

/// The syntax of an id of guidelines, industries, glossaries and measures,
/// and of versions: this project's own keys, which also name files and pages.
/// The one definition: the loader's check and the JSON Schemas' patterns
/// ([`crate::schema`]) are both built from it.
#[macro_export]
#[doc(hidden)]
macro_rules! id_syntax {
    () => {
        "[a-z0-9][a-z0-9._-]*"
    };
}

/// The syntax of an item or group id: the publisher's numbering as it is
/// written (`A.5.1`, `PR.AA-01`, `L-101`, `1-1-1-1`). The one definition, like
/// [`id_syntax!`].
#[macro_export]
#[doc(hidden)]
macro_rules! item_id_syntax {
    () => {
        "[A-Za-z0-9][A-Za-z0-9._-]*"
    };
}

static ID: LazyLock<Regex> = LazyLock::new(|| Regex::new(concat!("^", id_syntax!(), "$")).unwrap());

static ITEM_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(concat!("^", item_id_syntax!(), "$")).unwrap());

/// Whether `s` is a well-formed item or group id (`[A-Za-z0-9][A-Za-z0-9._-]*`):
/// case and punctuation as the publisher writes them.
pub fn is_valid_item_id(s: &str) -> bool {
    ITEM_ID.is_match(s)
}

/// Whether `s` is a well-formed id (`[a-z0-9][a-z0-9._-]*`).
pub fn is_valid_id(s: &str) -> bool {
    ID.is_match(s)
}

/// Why a reference could not be parsed: a sentence for the diagnostic.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RefError(pub String);

impl fmt::Display for RefError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

fn check_item_id(s: &str) -> Result<(), RefError> {
    if s.is_empty() {
        return Err(RefError("項目の識別子が空です".into()));
    }
    if !is_valid_item_id(s) {
        let hint = if s.chars().any(char::is_whitespace) {
            "（空白を除きます）"
        } else {
            ""
        };
        return Err(RefError(format!(
            "項目の識別子「{s}」には半角の英字・数字・'.'・'_'・'-' だけを使い、英字か数字で始めます（大文字・小文字は発行者の書き方のままにします）{hint}"
        )));
    }
    Ok(())
}

fn check_id(what: &str, s: &str) -> Result<(), RefError> {
    if s.is_empty() {
        return Err(RefError(format!("{what}が空です")));
    }
    if !is_valid_id(s) {
        let hint = if s.chars().any(|c| c.is_ascii_uppercase()) {
            "（小文字で書きます）"
        } else if s.chars().any(char::is_whitespace) {
            "（空白を除きます）"
        } else {
            ""
        };
        return Err(RefError(format!(
            "{what}「{s}」には半角の小文字英字・数字・'.'・'_'・'-' だけを使い、英字か数字で始めます{hint}"
        )));
    }
    Ok(())
}

/// `id@version`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct GuidelineRef {
    pub id: String,
    pub version: String,
}

impl GuidelineRef {
    pub fn parse(s: &str) -> Result<Self, RefError> {
        let Some((id, version)) = s.split_once('@') else {
            return Err(RefError(format!(
                "「{s}」はガイドラインの版の書き方になっていません。`id@version` の形で書いてください（例: `ipa-sme@3.1`）"
            )));
        };
        check_id("ガイドラインの識別子", id)?;
        check_id("版", version)?;
        Ok(GuidelineRef {
            id: id.to_owned(),
            version: version.to_owned(),
        })
    }
}

impl fmt::Display for GuidelineRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}@{}", self.id, self.version)
    }
}

/// An item, `id@version:item`, or a bare `item` read against a default guideline.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct ItemRef {
    pub guideline: GuidelineRef,
    pub item: String,
}

impl ItemRef {
    /// Parses a fully qualified `id@version:item`.
    pub fn parse(s: &str) -> Result<Self, RefError> {
        let Some((g, item)) = s.split_once(':') else {
            return Err(RefError(format!(
                "「{s}」は項目の参照の書き方になっていません。`id@version:item` の形で書いてください（例: `ipa-sme@3.1:kitei-3`）"
            )));
        };
        let guideline = GuidelineRef::parse(g)?;
        check_item_id(item)?;
        Ok(ItemRef {
            guideline,
            item: item.to_owned(),
        })
    }

    /// Parses `s` inside a crosswalk: a bare item id is read against `default`.
    pub fn parse_in(s: &str, default: &GuidelineRef) -> Result<Self, RefError> {
        if s.contains(':') || s.contains('@') {
            return Self::parse(s);
        }
        check_item_id(s)?;
        Ok(ItemRef {
            guideline: default.clone(),
            item: s.to_owned(),
        })
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.guideline, self.item)
    }
}

/// An industry measure, `industry:measure`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct MeasureRef {
    pub industry: String,
    pub measure: String,
}

impl MeasureRef {
    pub fn parse(s: &str) -> Result<Self, RefError> {
        let Some((industry, measure)) = s.split_once(':') else {
            return Err(RefError(format!(
                "「{s}」は対策の参照の書き方になっていません。`industry:measure` の形で書いてください（例: `construction:second-tier`）"
            )));
        };
        check_id("業界の識別子", industry)?;
        check_id("対策の識別子", measure)?;
        Ok(MeasureRef {
            industry: industry.to_owned(),
            measure: measure.to_owned(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_form() {
        let g = GuidelineRef::parse("ipa-sme@3.1").unwrap();
        assert_eq!((g.id.as_str(), g.version.as_str()), ("ipa-sme", "3.1"));
        let i = ItemRef::parse("ipa-sme@3.1:kitei-3.2").unwrap();
        assert_eq!(i.to_string(), "ipa-sme@3.1:kitei-3.2");
        let bare = ItemRef::parse_in("1-1-1-1", &g).unwrap();
        assert_eq!(bare.to_string(), "ipa-sme@3.1:1-1-1-1");
        let m = MeasureRef::parse("construction:second-tier").unwrap();
        assert_eq!(m.measure, "second-tier");
        // Items keep their publisher's case and punctuation.
        for id in ["A.5.1", "PR.AA-01", "L-101"] {
            assert_eq!(ItemRef::parse_in(id, &g).unwrap().item, id);
        }
        assert!(GuidelineRef::parse("ISO@2022").is_err());
    }

    #[test]
    fn explains_malformed_references() {
        assert!(
            GuidelineRef::parse("ipa-sme")
                .unwrap_err()
                .0
                .contains("id@version")
        );
        assert!(
            GuidelineRef::parse("IPA@3.1")
                .unwrap_err()
                .0
                .contains("ガイドラインの識別子「IPA」")
        );
        assert!(
            GuidelineRef::parse("IPA@3.1")
                .unwrap_err()
                .0
                .ends_with("（小文字で書きます）")
        );
        assert!(
            ItemRef::parse("ipa-sme@3.1")
                .unwrap_err()
                .0
                .contains("id@version:item")
        );
        assert!(
            ItemRef::parse("ipa-sme@3.1:")
                .unwrap_err()
                .0
                .contains("項目の識別子が空です")
        );
        assert!(
            ItemRef::parse_in("kitei 3", &GuidelineRef::parse("a@1").unwrap())
                .unwrap_err()
                .0
                .contains("「kitei 3」")
        );
        assert!(
            ItemRef::parse_in("kitei 3", &GuidelineRef::parse("a@1").unwrap())
                .unwrap_err()
                .0
                .ends_with("（空白を除きます）")
        );
        assert!(
            MeasureRef::parse("second-tier")
                .unwrap_err()
                .0
                .contains("industry:measure")
        );
    }
}
