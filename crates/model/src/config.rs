//! Repository settings for the linter, from `lint.toml` at the root (optional).
//!
//! ```toml
//! [terms]
//! fullwidth-alnum = true   # ＰＣ, ２０２４ → PC, 2024
//! halfwidth-kana = true    # ｻｰﾊﾞｰ → サーバー
//! compatibility = true     # other NFKC-foldable characters: ①, ㈱, ﬁ, ㍻ …
//! allow = ["①", "②"]       # characters never reported
//!
//! [owners]                 # who owns what (cargo xtask codeowners)
//! shared = ["@sc3-guidelines"]   # base catalogs, templates, code, generated files
//! base = ["ipa-sme"]             # the catalogs every association builds on
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

/// Who owns what: with it, every association's file must name its
/// maintainers, and `.github/CODEOWNERS` is written from them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Owners {
    /// The owners of what every association shares: the base catalogs, the
    /// templates, the code, the workflows, generated files.
    pub shared: Vec<String>,
    /// Ids of the catalogs every association builds on (`ipa-sme`).
    pub base: Vec<String>,
}

/// Everything `lint.toml` can set.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Config {
    pub width: WidthConfig,
    /// `[owners]`, when the repository uses code owners.
    pub owners: Option<Owners>,
}

/// The name of the settings file at the repository root.
pub const FILE_NAME: &str = "lint.toml";
