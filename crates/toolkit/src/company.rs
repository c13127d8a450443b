//! A company's settings for its own regulations (`company.toml`).
//!
//! ```toml
//! name = "株式会社例示建設"
//! established = "2026年12月1日"
//! [roles]
//! "情報セキュリティ責任者" = "代表取締役 山田太郎"
//! [options]
//! exclude = ["08-development"]   # chapters the company does not adopt
//! ```

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Company {
    pub name: String,
    /// The industry edition to start from; `--industry` overrides it.
    #[serde(default)]
    pub industry: Option<String>,
    /// 制定日, as the company writes it.
    #[serde(default)]
    pub established: Option<String>,
    /// Role → person, listed at the start of the regulations.
    #[serde(default)]
    pub roles: BTreeMap<String, String>,
    #[serde(default)]
    pub options: Options,
}

#[derive(Clone, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Options {
    /// Chapters (template file stems) left out, e.g. `08-development` for a
    /// company that develops no systems.
    #[serde(default)]
    pub exclude: Vec<String>,
}

impl Company {
    pub fn parse(text: &str) -> Result<Company, String> {
        let c: Company = toml::from_str(text).map_err(|e| e.to_string())?;
        if c.name.trim().is_empty() {
            return Err("name（会社名）が空です".into());
        }
        Ok(c)
    }
}
