//! A YAML reader that keeps the position of every node and types plain
//! scalars as js-yaml 3 does (the `1`, `true`, `~` and dates that are not
//! strings), with js-yaml's duplicate-key error and merge keys. Built on
//! saphyr-parser's events.

use std::collections::HashMap;
use std::sync::OnceLock;

use saphyr_parser::{Event, Parser, ScalarStyle};

use crate::PrhError;
use crate::regex_static;

/// How many YAML nodes one file may expand to (guards alias bombs).
const MAX_YAML_NODES: usize = 2_000_000;

#[derive(Clone, Debug)]
pub(crate) enum Kind {
    /// A string, or a plain scalar that js-yaml reads as a string.
    Str(String),
    Null,
    /// A non-string scalar (number, boolean, date, tagged value): its type and text.
    Other(&'static str, String),
    Seq(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug)]
pub(crate) struct Node {
    pub(crate) kind: Kind,
    pub(crate) line: usize,
    pub(crate) column: usize,
}

impl Node {
    pub(crate) fn describe(&self) -> String {
        match &self.kind {
            Kind::Str(_) => "a string".into(),
            Kind::Null => "null".into(),
            Kind::Other(t, s) => format!("{t} `{s}`"),
            Kind::Seq(_) => "a list".into(),
            Kind::Map(_) => "a mapping".into(),
        }
    }

    pub(crate) fn key_text(&self) -> String {
        match &self.kind {
            Kind::Str(s) | Kind::Other(_, s) => s.clone(),
            Kind::Null => "null".into(),
            Kind::Seq(_) | Kind::Map(_) => "[complex key]".into(),
        }
    }

    pub(crate) fn get(&self, key: &str) -> Option<&Node> {
        match &self.kind {
            Kind::Map(entries) => entries
                .iter()
                .find(|(k, _)| k.key_text() == key)
                .map(|(_, v)| v),
            _ => None,
        }
    }
}

/// How js-yaml 3 (default schema) types a plain scalar.
fn resolve_plain(s: &str) -> Kind {
    static INT: OnceLock<regex::Regex> = OnceLock::new();
    static FLOAT: OnceLock<regex::Regex> = OnceLock::new();
    static DATE: OnceLock<regex::Regex> = OnceLock::new();
    match s {
        "" | "~" | "null" | "Null" | "NULL" => return Kind::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => {
            return Kind::Other("boolean", s.into());
        }
        _ => {}
    }
    // Every number and date starts with one of these: other scalars are
    // strings without a regex (or its compilation, at each run).
    if !s.starts_with(|c: char| c.is_ascii_digit() || matches!(c, '-' | '+' | '.')) {
        return Kind::Str(s.into());
    }
    let int = || {
        regex_static(
            &INT,
            r"^(?:[-+]?0b[01_]+|[-+]?0x[0-9a-fA-F_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$",
        )
    };
    let float = || {
        regex_static(
            &FLOAT,
            r"^(?:[-+]?(?:0|[1-9][0-9_]*)(?:\.[0-9_]*)?(?:[eE][-+]?[0-9]+)?|\.[0-9_]+(?:[eE][-+]?[0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        )
    };
    let date = || {
        regex_static(
            &DATE,
            r"^[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)?$",
        )
    };
    if (int().is_match(s) || float().is_match(s)) && !s.ends_with('_') {
        Kind::Other("number", s.into())
    } else if date().is_match(s) {
        Kind::Other("date", s.into())
    } else {
        Kind::Str(s.into())
    }
}

enum Frame {
    Seq(Vec<Node>, usize, usize, usize),
    Map(Vec<(Node, Node)>, Option<Node>, usize, usize, usize),
}

/// Builds the node tree of a single-document YAML text.
/// Duplicate keys and bad merges are returned beside the tree; syntax errors
/// end the parse.
/// Where each line of a text starts, in characters, with lines ended by `\n`
/// only. The YAML parser also ends a line at a lone `\r`; positions are
/// recomputed from its character index so they are the file's own lines and
/// columns, as every other diagnostic counts them.
/// The parser's index can run past the end of the text (after a directive
/// line, for one), so it is clamped to the end.
struct LineStarts {
    starts: Vec<usize>,
    chars: usize,
}

impl LineStarts {
    fn new(text: &str) -> Self {
        let starts = std::iter::once(0)
            .chain(
                text.chars()
                    .enumerate()
                    .filter(|&(_, c)| c == '\n')
                    .map(|(i, _)| i + 1),
            )
            .collect();
        LineStarts {
            starts,
            chars: text.chars().count(),
        }
    }

    /// 1-based line and column of the character at `index`.
    fn position(&self, index: usize) -> (usize, usize) {
        let index = index.min(self.chars);
        let line = self.starts.partition_point(|&start| start <= index).max(1);
        (line, index - self.starts[line - 1] + 1)
    }
}

pub(crate) fn parse_yaml(
    label: &str,
    yaml: &str,
) -> Result<(Option<Node>, Vec<PrhError>), Vec<PrhError>> {
    let lines = LineStarts::new(yaml);
    let mut parser = Parser::new_from_str(yaml);
    let mut anchors: HashMap<usize, Node> = HashMap::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Node> = None;
    let mut documents = 0usize;
    let mut budget = MAX_YAML_NODES;
    let mut errors = Vec::new();

    // Adds a finished node to its parent (or makes it the root).
    fn push(
        stack: &mut [Frame],
        root: &mut Option<Node>,
        node: Node,
        label: &str,
        errors: &mut Vec<PrhError>,
    ) {
        match stack.last_mut() {
            None => *root = Some(node),
            Some(Frame::Seq(items, ..)) => items.push(node),
            Some(Frame::Map(entries, pending, ..)) => match pending.take() {
                None => *pending = Some(node),
                Some(key) => {
                    if matches!(&key.kind, Kind::Str(s) if s == "<<") {
                        // js-yaml's merge key: copy in the keys not already set.
                        let sources: Vec<Node> = match node.kind {
                            Kind::Seq(items) => items,
                            _ => vec![node],
                        };
                        for src in sources {
                            match src.kind {
                                Kind::Map(more) => {
                                    for (k, v) in more {
                                        let text = k.key_text();
                                        if !entries.iter().any(|(e, _)| e.key_text() == text) {
                                            entries.push((k, v));
                                        }
                                    }
                                }
                                _ => errors.push(PrhError::new(
                                    label,
                                    src.line,
                                    src.column,
                                    "cannot merge a non-mapping with `<<`",
                                )),
                            }
                        }
                        return;
                    }
                    let text = key.key_text();
                    if entries.iter().any(|(e, _)| e.key_text() == text) {
                        errors.push(PrhError::new(
                            label,
                            key.line,
                            key.column,
                            format!("duplicated mapping key `{text}`"),
                        ));
                    } else {
                        entries.push((key, node));
                    }
                }
            },
        }
    }

    fn count(node: &Node) -> usize {
        match &node.kind {
            Kind::Seq(items) => 1 + items.iter().map(count).sum::<usize>(),
            Kind::Map(entries) => {
                1 + entries
                    .iter()
                    .map(|(k, v)| count(k) + count(v))
                    .sum::<usize>()
            }
            _ => 1,
        }
    }

    while let Some(next) = parser.next_event() {
        let (event, span) = match next {
            Ok(e) => e,
            Err(e) => {
                let (line, column) = lines.position(e.marker().index());
                errors.push(PrhError::new(
                    label,
                    line,
                    column,
                    format!("YAML syntax error: {}", e.info()),
                ));
                return Err(errors);
            }
        };
        let (line, column) = lines.position(span.start.index());
        match event {
            Event::DocumentStart(_) => {
                documents += 1;
                if documents > 1 {
                    errors.push(PrhError::new(
                        label,
                        line,
                        column,
                        "expected a single YAML document, found more",
                    ));
                    return Err(errors);
                }
            }
            Event::Scalar(value, style, anchor, tag) => {
                let kind = match (&tag, style) {
                    (Some(t), _) if t.is_yaml_core_schema() && t.suffix == "str" => {
                        Kind::Str(value.to_string())
                    }
                    (Some(t), _) => Kind::Other("tagged value", format!("{t} {value}")),
                    (None, ScalarStyle::Plain) => resolve_plain(&value),
                    (None, _) => Kind::Str(value.to_string()),
                };
                let node = Node { kind, line, column };
                budget = budget.saturating_sub(1);
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                push(&mut stack, &mut root, node, label, &mut errors);
            }
            Event::Alias(id) => {
                let Some(node) = anchors.get(&id) else {
                    errors.push(PrhError::new(label, line, column, "unknown alias"));
                    return Err(errors);
                };
                let n = count(node);
                if n > budget {
                    errors.push(PrhError::new(
                        label,
                        line,
                        column,
                        "the YAML expands to too many nodes (alias loop?)",
                    ));
                    return Err(errors);
                }
                budget -= n;
                let mut node = node.clone();
                node.line = line;
                node.column = column;
                push(&mut stack, &mut root, node, label, &mut errors);
            }
            Event::SequenceStart(anchor, _) => {
                stack.push(Frame::Seq(Vec::new(), anchor, line, column));
            }
            Event::MappingStart(anchor, _) => {
                stack.push(Frame::Map(Vec::new(), None, anchor, line, column));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match stack.pop() {
                    Some(Frame::Seq(items, anchor, line, column)) => (
                        Node {
                            kind: Kind::Seq(items),
                            line,
                            column,
                        },
                        anchor,
                    ),
                    Some(Frame::Map(entries, _, anchor, line, column)) => (
                        Node {
                            kind: Kind::Map(entries),
                            line,
                            column,
                        },
                        anchor,
                    ),
                    None => continue,
                };
                budget = budget.saturating_sub(1);
                if anchor > 0 {
                    anchors.insert(anchor, node.clone());
                }
                push(&mut stack, &mut root, node, label, &mut errors);
            }
            Event::StreamEnd => break,
            _ => {}
        }
        if budget == 0 {
            errors.push(PrhError::new(
                label,
                line,
                column,
                "the YAML has too many nodes",
            ));
            return Err(errors);
        }
    }
    Ok((root, errors))
}

/// The double-quoted scalars of a YAML text (keys included), as byte ranges
/// of their source with the quotes: the only places where an escape such as
/// `\u202E` stands for another character. The text is read up to its first
/// syntax error (which the loader reports).
pub fn double_quoted_scalars(yaml: &str) -> Vec<std::ops::Range<usize>> {
    let mut parser = Parser::new_from_str(yaml);
    let mut out = Vec::new();
    // Character index -> byte offset, moving forward (events come in order).
    let mut chars = yaml.char_indices().enumerate().peekable();
    let mut byte = |index: usize| {
        while let Some(&(i, (at, _))) = chars.peek() {
            if i == index {
                return at;
            }
            chars.next();
        }
        yaml.len()
    };
    while let Some(Ok((event, span))) = parser.next_event() {
        if let Event::Scalar(_, ScalarStyle::DoubleQuoted, ..) = event {
            let start = byte(span.start.index());
            out.push(start..byte(span.end.index()).max(start));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{Kind, resolve_plain};

    /// How js-yaml 3 types plain scalars: numbers (with its octal, binary,
    /// hex, underscores and base-60 forms), dates, null, booleans; anything
    /// else, however close, is a string.
    #[test]
    fn plain_scalars_typed_as_js_yaml_types_them() {
        let kind = |s: &str| match resolve_plain(s) {
            Kind::Str(_) => "string",
            Kind::Null => "null",
            Kind::Other(t, text) => {
                assert_eq!(text, s);
                t
            }
            Kind::Seq(_) | Kind::Map(_) => "collection",
        };
        let cases = [
            ("1", "number"),
            ("-12", "number"),
            ("+7", "number"),
            ("0x1F", "number"),
            ("0b101", "number"),
            ("017", "number"),
            ("1_000", "number"),
            ("1:30", "number"),
            ("3.14", "number"),
            (".5", "number"),
            ("-.inf", "number"),
            (".NaN", "number"),
            ("1e3", "number"),
            ("2024-01-02", "date"),
            ("2024-1-2 10:20:30 +09:00", "date"),
            ("~", "null"),
            ("", "null"),
            ("True", "boolean"),
            ("1_", "string"),
            ("1.2.3", "string"),
            ("-", "string"),
            ("+", "string"),
            (".hidden", "string"),
            ("-foo", "string"),
            ("/サーバ(?!ー)/", "string"),
            ("サーバー", "string"),
            ("JavaScript", "string"),
            ("yes", "string"),
        ];
        for (s, expected) in cases {
            assert_eq!(kind(s), expected, "{s:?}");
        }
    }
}
