//! Terminal output through miette's graphical handler: the offending value is
//! shown in its source line and underlined, with the label and the help.

use std::borrow::Cow;
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

/// Characters shown as U+FFFD in snippets: printed raw, bidirectional
/// controls would reorder the terminal's line, and the other characters that
/// show as nothing would leave an underline under nothing. Only those of
/// three bytes, like U+FFFD, so that they keep their offsets (all of them but
/// the soft hyphen, U+034F, U+061C and the supplementary planes' ones).
fn masked(c: char) -> bool {
    crate::written::is_default_ignorable(c) && c.len_utf8() == 3
}

/// A file's text as snippets show it: [`masked`] characters as U+FFFD, and
/// control characters as their pictures ([`super::visible`]), which are
/// longer than the controls; `grown` maps offsets between the two texts.
struct Shown<'a> {
    text: Cow<'a, str>,
    /// For each replacement that changed the length: where it ends in the
    /// file, where it ends in `text`, and how many bytes `text` has gained
    /// up to there.
    grown: Vec<(usize, usize, usize)>,
}

impl<'a> Shown<'a> {
    fn new(file: &'a str) -> Self {
        let replaced = |i: usize, c: char| {
            masked(c)
                || (super::is_control(c)
                    && !(c == '\r' && file.as_bytes().get(i + 1) == Some(&b'\n')))
        };
        if !file.char_indices().any(|(i, c)| replaced(i, c)) {
            return Shown {
                text: Cow::Borrowed(file),
                grown: Vec::new(),
            };
        }
        let mut text = String::with_capacity(file.len() + 16);
        let mut grown = Vec::new();
        let mut gained = 0;
        for (i, c) in file.char_indices() {
            if !replaced(i, c) {
                text.push(c);
                continue;
            }
            let shown = if masked(c) {
                '\u{FFFD}'
            } else {
                super::visible::picture(c)
            };
            text.push(shown);
            if shown.len_utf8() != c.len_utf8() {
                gained += shown.len_utf8() - c.len_utf8();
                grown.push((i + c.len_utf8(), text.len(), gained));
            }
        }
        Shown {
            text: Cow::Owned(text),
            grown,
        }
    }

    /// An offset of the file in the shown text.
    fn shown(&self, at: usize) -> usize {
        let k = self.grown.partition_point(|&(end, ..)| end <= at);
        at + k.checked_sub(1).map_or(0, |k| self.grown[k].2)
    }

    /// An offset of the shown text in the file.
    fn file(&self, at: usize) -> usize {
        let k = self.grown.partition_point(|&(_, end, _)| end <= at);
        at - k.checked_sub(1).map_or(0, |k| self.grown[k].2)
    }
}

/// Lines longer than this many bytes are not shown whole: a snippet shows
/// [`WINDOW`] bytes either side of the span, and leaves out long context lines.
const LONG_LINE: usize = 2000;
/// Bytes of a long line shown before and after the span.
const WINDOW: usize = 600;

/// The files of one report as miette shows them, each prepared once (its
/// [`Shown`] text) however many findings point into it.
struct Sources<'a> {
    repo: &'a Repository,
    shown: Vec<std::sync::OnceLock<Shown<'a>>>,
}

impl<'a> Sources<'a> {
    fn new(repo: &'a Repository) -> Self {
        Sources {
            repo,
            shown: (0..repo.files.len())
                .map(|_| std::sync::OnceLock::new())
                .collect(),
        }
    }

    fn get(&self, id: sc3_model::FileId) -> Source<'_> {
        let file = self.repo.file(id);
        let shown = self.shown[id.0].get_or_init(|| Shown::new(&file.text));
        Source {
            file,
            shown,
            path: super::visible::visible_line(&file.path).into_owned(),
        }
    }
}

/// A file as miette source code, named by its path. Reading a span costs
/// what the snippet shows: the lines come from the file's line index, and
/// miette's own reader (which scans from the start of what it is given)
/// only sees the snippet's lines.
struct Source<'a> {
    file: &'a SourceFile,
    /// The file's text as shown.
    shown: &'a Shown<'a>,
    /// The file's path as shown.
    path: String,
}

impl Source<'_> {
    /// The largest character boundary at or before `at`, and the smallest at
    /// or after it.
    fn floor(&self, mut at: usize) -> usize {
        while !self.file.text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
    fn ceil(&self, mut at: usize) -> usize {
        while !self.file.text.is_char_boundary(at) {
            at += 1;
        }
        at
    }

    /// The bytes of the file (offsets of the file, not of the shown text) a
    /// snippet of `span` with `before` and `after`
    /// context lines needs, and how many context lines before it they hold.
    fn window(&self, start: usize, end: usize, before: usize, after: usize) -> (usize, usize) {
        let f = self.file;
        let long = |line: usize| f.line_span(line).len() > LONG_LINE;
        let first = f.line_of(start);
        let last = f.line_of(end.saturating_sub(1).max(start));
        let first_span = f.line_span(first);
        let lo = if long(first) && start - first_span.start > WINDOW {
            // Far into a long line: part of that line only.
            self.floor(start - WINDOW)
        } else {
            let mut from = first;
            while from > 0 && first - from < before && !long(from - 1) {
                from -= 1;
            }
            f.line_span(from).start
        };
        let last_span = f.line_span(last);
        let hi = if long(last) && last_span.end - end > WINDOW {
            self.ceil(end + WINDOW)
        } else {
            let mut to = last;
            while to + 1 < f.line_count() && to - last < after && !long(to + 1) {
                to += 1;
            }
            // One line more than miette reads, so it stops where it would on
            // the whole text.
            f.line_span(to + 1).end
        };
        (lo, hi)
    }
}

impl SourceCode for Source<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        before: usize,
        after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        // Spans come in offsets of the shown text (see `view`); the window
        // is found in the file's, with its line index.
        let (text, shown) = (&self.shown.text, self.shown);
        let len = text.len();
        if span.offset() > len || span.offset() + span.len() > len {
            return Err(MietteError::OutOfBounds);
        }
        let (start, end) = (span.offset(), span.offset() + span.len());
        let (lo, hi) = self.window(shown.file(start), shown.file(end), before, after);
        let (lo_shown, hi_shown) = (shown.shown(lo), shown.shown(hi));
        let part = &text[lo_shown..hi_shown];
        let inner = part.read_span(
            &SourceSpan::from(start - lo_shown..end - lo_shown),
            before,
            after,
        )?;
        let offset = lo_shown + inner.span().offset();
        // miette counts columns in bytes; people (and our other formats) count
        // characters, so a header reads file:line:column the same everywhere.
        let column = self.file.position(shown.file(offset)).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.path.clone(),
            inner.data(),
            SourceSpan::from(offset..offset + inner.span().len()),
            self.file.line_of(lo) + inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// One diagnostic, or one of its related places, as a miette diagnostic.
struct View<'a> {
    code: Option<&'a str>,
    severity: miette::Severity,
    /// The message, the help and the label as shown ([`super::visible`]).
    message: Cow<'a, str>,
    help: Option<Cow<'a, str>>,
    source: Option<Source<'a>>,
    label: Option<(SourceSpan, Option<String>)>,
    related: Vec<View<'a>>,
}

impl fmt::Debug for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl fmt::Display for View<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
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
        self.help
            .as_ref()
            .map(|h| Box::new(h) as Box<dyn fmt::Display>)
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

/// `span` of the file, clamped to it, in offsets of its shown text.
fn span_of(source: &Source<'_>, span: &std::ops::Range<usize>) -> SourceSpan {
    let len = source.file.text.len();
    let start = span.start.min(len);
    let end = span.end.clamp(start, len);
    SourceSpan::from(source.shown.shown(start)..source.shown.shown(end))
}

fn shown_label(label: &Option<String>) -> Option<String> {
    label.as_deref().map(|l| super::visible(l).into_owned())
}

fn view<'a>(sources: &'a Sources<'_>, d: &'a Diagnostic) -> View<'a> {
    let source = d.file.map(|f| sources.get(f));
    // A finding about a whole file points at its start, so the path is shown.
    let label = source.as_ref().map(|s| {
        (
            span_of(s, d.span.as_ref().unwrap_or(&(0..0))),
            shown_label(&d.label),
        )
    });
    let related = d
        .related
        .iter()
        .map(|r| {
            let source = sources.get(r.file);
            View {
                code: None,
                severity: miette::Severity::Advice,
                message: super::visible(&r.message),
                help: None,
                label: Some((
                    span_of(&source, &r.span),
                    Some(super::visible(&r.message).into_owned()),
                )),
                source: Some(source),
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
        message: super::visible(&d.message),
        help: d.help.as_deref().map(super::visible),
        source,
        label,
        related,
    }
}

/// Renders one diagnostic.
pub fn render_one(repo: &Repository, d: &Diagnostic, options: HumanOptions) -> String {
    one(&Sources::new(repo), d, options)
}

fn one(sources: &Sources<'_>, d: &Diagnostic, options: HumanOptions) -> String {
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
    if handler.render_report(&mut out, &view(sources, d)).is_err() {
        out = format!("{}: {}\n", d.code, super::visible(&d.message));
    }
    out
}

/// Renders every diagnostic, then the summary line.
pub fn render(report: &Report, options: HumanOptions) -> String {
    let sources = Sources::new(&report.repo);
    let mut out = String::new();
    for d in &report.diagnostics {
        out.push_str(&one(&sources, d, options));
        out.push('\n');
    }
    out.push_str(&super::summary_line(report));
    out.push('\n');
    out
}
