//! Repository settings for the linter, from `lint.toml` at the root (optional).
//!
//! ```toml
//! [terms]
//! fullwidth-alnum = true   # ＰＣ, ２０２４ → PC, 2024
//! halfwidth-kana = true    # ｻｰﾊﾞｰ → サーバー
//! compatibility = true     # other NFKC-foldable characters: ①, ㈱, ﬁ, ㍻ …
//! allow = ["①", "②"]       # characters never reported
//! ```

/// What the character-width rule reports.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WidthConfig {
    pub fullwidth_alnum: bool,
    pub halfwidth_kana: bool,
    pub compatibility: bool,
    /// Characters that are never reported.
    pub allow: Vec<char>,
}

impl Default for WidthConfig {
    fn default() -> Self {
        WidthConfig {
            fullwidth_alnum: true,
            halfwidth_kana: true,
            compatibility: true,
            allow: Vec::new(),
        }
    }
}

/// Everything `lint.toml` can set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub width: WidthConfig,
}

/// The name of the settings file at the repository root.
pub const FILE_NAME: &str = "lint.toml";
