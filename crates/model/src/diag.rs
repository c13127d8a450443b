//! Diagnostics: what the loader and the lint rules report.
//!
//! A [`Diagnostic`] is plain data: a stable code, a severity, a message and an
//! optional place (file and byte span). Turning it into text for a terminal, JSON,
//! GitHub annotations or SARIF is the job of the layers above.

use std::ops::Range;

use crate::source::FileId;

/// How serious a finding is. The order is meaningful: `Error > Warning > Info`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Info,
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A secondary place that explains a finding ("first defined here").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Related {
    pub file: FileId,
    pub span: Range<usize>,
    pub message: String,
}

/// A replacement that fixes a finding: `span` (in the diagnostic's file) becomes
/// `replacement`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fix {
    pub span: Range<usize>,
    pub replacement: String,
}

/// One finding.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code such as `R003`. Never reused for another meaning.
    pub code: &'static str,
    pub severity: Severity,
    /// One sentence saying what is wrong, naming the offending value.
    pub message: String,
    /// The file the finding is in; `None` for findings about the repository as a whole.
    pub file: Option<FileId>,
    /// Byte range inside the file's text (after any BOM was removed).
    pub span: Option<Range<usize>>,
    /// Short text shown under the underlined value.
    pub label: Option<String>,
    /// What to do about it.
    pub help: Option<String>,
    pub related: Vec<Related>,
    /// The replacement `--fix` applies, when the fix is certain.
    pub fix: Option<Fix>,
}

impl Diagnostic {
    pub fn new(code: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity,
            message: message.into(),
            file: None,
            span: None,
            label: None,
            help: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn error(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Error, message)
    }

    pub fn warning(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Warning, message)
    }

    pub fn info(code: &'static str, message: impl Into<String>) -> Self {
        Self::new(code, Severity::Info, message)
    }

    /// Places the finding at `span` in `file`.
    pub fn at(mut self, file: FileId, span: Range<usize>) -> Self {
        self.file = Some(file);
        self.span = Some(span);
        self
    }

    /// Places the finding in `file` without a span (the whole file).
    pub fn in_file(mut self, file: FileId) -> Self {
        self.file = Some(file);
        self
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn with_fix(mut self, span: Range<usize>, replacement: impl Into<String>) -> Self {
        self.fix = Some(Fix {
            span,
            replacement: replacement.into(),
        });
        self
    }

    pub fn with_related(
        mut self,
        file: FileId,
        span: Range<usize>,
        message: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            file,
            span,
            message: message.into(),
        });
        self
    }
}

/// Stable codes of the problems the loader reports before any rule runs.
///
/// Rules live in the lint layer; these are about reading files at all.
pub mod codes {
    /// A file could not be read, or is not valid UTF-8.
    pub const UNREADABLE: &str = "L001";
    /// The file is not valid TOML.
    pub const SYNTAX: &str = "L002";
    /// The file does not start with exactly one of `[guideline]`, `[industry]`,
    /// `[glossary]`, `[crosswalk]`.
    pub const KIND: &str = "L003";
    /// A key the format does not define.
    pub const UNKNOWN_KEY: &str = "L004";
    /// A value of the wrong type (a number where text is expected, …) or outside
    /// its allowed set (`relation = "maybe"`).
    pub const INVALID_VALUE: &str = "L005";
    /// A required key is missing.
    pub const MISSING_KEY: &str = "L006";
    /// The file is larger than the loader accepts.
    pub const TOO_LARGE: &str = "L007";
    /// The file is empty.
    pub const EMPTY: &str = "L008";
    /// A prh dictionary (`guidelines/glossary/*.yml`) cannot be read.
    pub const PRH: &str = "L009";
    /// A symbolic link under the content folders, or a content folder or
    /// `lint.toml` that is one. Content is never read through a link.
    pub const SYMLINK: &str = "L010";
    /// A file under `book/src` of a type the site does not publish
    /// ([`crate::fsx::PUBLISHED_EXTENSIONS`]).
    pub const UNPUBLISHED_FILE: &str = "L011";
    /// A `book/theme` folder: the site's theme is the program's, never the
    /// content's.
    pub const THEME: &str = "L012";

    /// Every loader code with its name and one-line summary, for the rule reference.
    pub const ALL: &[(&str, &str, &str)] = &[
        (
            UNREADABLE,
            "unreadable",
            "ファイルを読めない、またはUTF-8として正しくない",
        ),
        (SYNTAX, "toml-syntax", "TOMLとして正しくない"),
        (
            KIND,
            "file-kind",
            "[guideline] / [industry] / [glossary] / [crosswalk] のどれか一つで始まっていない",
        ),
        (
            UNKNOWN_KEY,
            "unknown-key",
            "形式に定義されていないキー（似たキーを提案）",
        ),
        (INVALID_VALUE, "invalid-value", "値の型や選択肢が正しくない"),
        (MISSING_KEY, "missing-key", "必須のキーがない"),
        (TOO_LARGE, "file-too-large", "ファイルが大きすぎる"),
        (EMPTY, "empty-file", "ファイルが空"),
        (
            PRH,
            "prh-dictionary",
            "prh 辞書（guidelines/glossary/*.yml）を読めない",
        ),
        (
            SYMLINK,
            "symlink",
            "シンボリックリンクがある。GitHub ではシンボリックリンクは1行のファイルに見え、リンク先がビルドするマシンのどのファイルでもありうるため、内容はシンボリックリンクを通しては読まない（guidelines/、mappings/、book/ の下と lint.toml）。リンクをやめ、ファイルそのものを置く",
        ),
        (
            UNPUBLISHED_FILE,
            "unpublished-file-type",
            "book/src に手引きへ載せない種類のファイルがある。載せるのは Markdown（.md）と .png .jpg .jpeg .gif .webp .pdf .csv .xlsx .docx .txt だけで、ブラウザーがスクリプトとして動かしうる .html .htm .js .mjs .svg .css .hbs や拡張子のないファイルは載せない",
        ),
        (
            THEME,
            "content-theme",
            "book/theme がある。手引きの見た目（テーマ）はプログラムが決め、リポジトリの内容からは取り込まない（テーマのテンプレートはすべてのページにスクリプトを入れられるため）。book/theme を削除する",
        ),
    ];
}
