//! Terminal output through miette's graphical handler: the offending value is
//! shown in its source line and underlined, with the label and the help.

use std::fmt;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use sc3_model::{Diagnostic, Repository, Severity, SourceFile};

use crate::Report;

/// Options of the human-readable format.
#[derive(Clone, Copy, Debug)]
pub struct HumanOptions {
    /// Terminal width the text is wrapped to.
    pub width: usize,
    /// Colours and Unicode box drawing (for a terminal), or neither (for files, tests).
    pub color: bool,
}

impl Default for HumanOptions {
    fn default() -> Self {
        HumanOptions {
            width: 80,
            color: false,
        }
    }
}

/// A file's text as miette source code, named by its path. Bidirectional
/// control characters are shown as U+FFFD (the same number of bytes, so every
/// span stays valid): printed raw they would reorder the terminal's line.
struct Source<'a>(&'a SourceFile, std::borrow::Cow<'a, str>);

impl<'a> Source<'a> {
    fn new(file: &'a SourceFile) -> Self {
        let bidi = |c: char| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
        let text = if file.text.contains(bidi) {
            std::borrow::Cow::Owned(
                file.text
                    .chars()
                    .map(|c| if bidi(c) { '\u{FFFD}' } else { c })
                    .collect(),
            )
        } else {
            std::borrow::Cow::Borrowed(file.text.as_str())
        };
        Source(file, text)
    }
}

impl SourceCode for Source<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let text: &str = &self.1;
        let inner = text.read_span(span, before, after)?;
        // miette counts columns in bytes; people (and our other formats) count
        // characters, so a header reads file:line:column the same everywhere.
        let offset = inner.span().offset().min(text.len());
        let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
        let column = text
            .get(line_start..offset)
            .map_or(0, |s| s.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.0.path.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// One diagnostic, or one of its related places, as a miette diagnostic.
struct View<'a> {
    code: Option<&'a str>,
    severity: miette::Severity,
    message: &'a str,
    help: Option<&'a str>,
    source: Option<Source<'a>>,
    label: Option<(SourceSpan, Option<String>)>,
    related: Vec<View<'a>>,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.message)
    }
}

impl std::error::Error for View<'_> {}

impl miette::Diagnostic for View<'_> {
    fn code<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.code.map(|c| Box::new(c) as Box<dyn fmt::Display>)
    }
    fn severity(&self) -> Option<miette::Severity> {
        Some(self.severity)
    }
    fn help<'b>(&'b self) -> Option<Box<dyn fmt::Display + 'b>> {
        self.help.map(|h| Box::new(h) as Box<dyn fmt::Display>)
    }
    fn source_code(&self) -> Option<&dyn SourceCode> {
        self.source.as_ref().map(|s| s as &dyn SourceCode)
    }
    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let (span, text) = self.label.clone()?;
        Some(Box::new(std::iter::once(LabeledSpan::new_with_span(
            text, span,
        ))))
    }
    fn related<'b>(&'b self) -> Option<Box<dyn Iterator<Item = &'b dyn miette::Diagnostic> + 'b>> {
        if self.related.is_empty() {
            return None;
        }
        Some(Box::new(
            self.related.iter().map(|r| r as &dyn miette::Diagnostic),
        ))
    }
}

fn span_of(file: &SourceFile, span: &std::ops::Range<usize>) -> SourceSpan {
    let start = span.start.min(file.text.len());
    let end = span.end.clamp(start, file.text.len());
    SourceSpan::from(start..end)
}

fn view<'a>(repo: &'a Repository, d: &'a Diagnostic) -> View<'a> {
    let file = d.file.map(|f| repo.file(f));
    let label = match (file, &d.span) {
        (Some(f), Some(span)) => Some((span_of(f, span), d.label.clone())),
        // A finding about a whole file: point at its start so the path is shown.
        (Some(f), None) => Some((span_of(f, &(0..0)), d.label.clone())),
        _ => None,
    };
    let related = d
        .related
        .iter()
        .map(|r| {
            let f = repo.file(r.file);
            View {
                code: None,
                severity: miette::Severity::Advice,
                message: &r.message,
                help: None,
                source: Some(Source::new(f)),
                label: Some((span_of(f, &r.span), Some(r.message.clone()))),
                related: Vec::new(),
            }
        })
        .collect();
    View {
        code: Some(d.code),
        severity: match d.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
            Severity::Info => miette::Severity::Advice,
        },
        message: &d.message,
        help: d.help.as_deref(),
        source: file.map(Source::new),
        label,
        related,
    }
}

/// Renders one diagnostic.
pub fn render_one(repo: &Repository, d: &Diagnostic, options: HumanOptions) -> String {
    let theme = if options.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(options.width)
        .with_links(false);
    let mut out = String::new();
    // Rendering into a String cannot fail for lack of space; a failure would be a
    // bug in the span arithmetic, so show the plain message rather than nothing.
    if handler.render_report(&mut out, &view(repo, d)).is_err() {
        out = format!("{}: {}\n", d.code, d.message);
    }
    out
}

/// Renders every diagnostic, then the summary line.
pub fn render(report: &Report, options: HumanOptions) -> String {
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&render_one(&report.repo, d, options));
        out.push('\n');
    }
    out.push_str(&super::summary_line(report));
    out.push('\n');
    out
}
