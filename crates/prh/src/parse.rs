//! A prh dictionary's text read into a [`PrhFile`]: its keys and values
//! checked as prh checks them, every problem with its line and column.

use crate::translate::{TranslateError, translate};
use crate::yaml::{Kind, Node, parse_yaml};
use crate::{PatternForm, PrhError, PrhFile, PrhIgnoreRule, PrhImport, PrhPattern, PrhRule};

/// Parses one `prh.yml` text. `path_label` names the file in errors.
pub fn parse(path_label: &str, yaml: &str) -> Result<PrhFile, Vec<PrhError>> {
    // Positions are counted as in the loaded file, whose BOM is not a column.
    let yaml = yaml.strip_prefix('\u{feff}').unwrap_or(yaml);
    let (root, mut errors) = parse_yaml(path_label, yaml)?;
    let err = |errors: &mut Vec<PrhError>, node: &Node, msg: String| {
        errors.push(PrhError::new(path_label, node.line, node.column, msg));
    };
    let Some(root) = root else {
        errors.push(PrhError::new(
            path_label,
            1,
            1,
            "the file is empty: a prh dictionary needs a mapping with `rules`",
        ));
        return Err(errors);
    };
    if !matches!(root.kind, Kind::Map(_)) {
        err(
            &mut errors,
            &root,
            format!(
                "the top level must be a mapping (with `version`, `rules`, `imports`), not {}",
                root.describe()
            ),
        );
        return Err(errors);
    }
    let mut file = PrhFile {
        file: path_label.to_string(),
        ..PrhFile::default()
    };

    if let Some(v) = root.get("version") {
        match &v.kind {
            Kind::Null => {}
            Kind::Str(s) | Kind::Other("number", s) => match s.trim().parse::<u32>() {
                Ok(n) => file.version = Some(n),
                Err(_) => err(
                    &mut errors,
                    v,
                    format!("`version` must be a whole number, not `{s}`"),
                ),
            },
            _ => err(
                &mut errors,
                v,
                format!("`version` must be a number, not {}", v.describe()),
            ),
        }
    }

    if let Some(imports) = root.get("imports") {
        let items: Vec<&Node> = match &imports.kind {
            Kind::Null => Vec::new(),
            Kind::Str(_) => vec![imports],
            Kind::Seq(items) => items.iter().collect(),
            _ => {
                err(
                    &mut errors,
                    imports,
                    format!(
                        "`imports` must be a path or a list, not {}",
                        imports.describe()
                    ),
                );
                Vec::new()
            }
        };
        for item in items {
            if let Some(spec) = parse_import(item, path_label, &mut errors) {
                file.imports.push(spec.path.clone());
                file.import_specs.push(spec);
            }
        }
    }

    if let Some(rules) = root.get("rules") {
        match &rules.kind {
            Kind::Null => {}
            Kind::Seq(items) => {
                for item in items {
                    if let Some(rule) = parse_rule(item, path_label, &mut errors) {
                        file.rules.push(rule);
                    }
                }
            }
            _ => err(
                &mut errors,
                rules,
                format!("`rules` must be a list, not {}", rules.describe()),
            ),
        }
    }

    if errors.is_empty() {
        Ok(file)
    } else {
        errors.sort_by_key(|e| (e.line, e.column));
        Err(errors)
    }
}

fn parse_import(item: &Node, label: &str, errors: &mut Vec<PrhError>) -> Option<PrhImport> {
    let mut spec = PrhImport {
        line: item.line,
        column: item.column,
        ..PrhImport::default()
    };
    match &item.kind {
        Kind::Str(s) => spec.path = s.clone(),
        Kind::Map(_) => {
            match item.get("path").map(|n| (n, &n.kind)) {
                Some((_, Kind::Str(s))) if !s.is_empty() => spec.path = s.clone(),
                Some((n, _)) => {
                    errors.push(PrhError::new(
                        label,
                        n.line,
                        n.column,
                        format!("an import's `path` must be a string, not {}", n.describe()),
                    ));
                    return None;
                }
                None => {
                    errors.push(PrhError::new(
                        label,
                        item.line,
                        item.column,
                        "an import needs a `path`",
                    ));
                    return None;
                }
            }
            if let Some(d) = item.get("disableImports") {
                spec.disable_imports = truthy(d);
            }
            if let Some(list) = item.get("ignoreRules") {
                let entries: &[Node] = match &list.kind {
                    Kind::Seq(items) => items,
                    Kind::Null => &[],
                    _ => {
                        errors.push(PrhError::new(
                            label,
                            list.line,
                            list.column,
                            "`ignoreRules` must be a list",
                        ));
                        &[]
                    }
                };
                for e in entries {
                    match &e.kind {
                        Kind::Str(s) => spec.ignore_rules.push(PrhIgnoreRule {
                            pattern: Some(s.clone()),
                            expected: None,
                        }),
                        Kind::Map(_) => {
                            let text = |k: &str| match e.get(k).map(|n| &n.kind) {
                                Some(Kind::Str(s)) | Some(Kind::Other(_, s)) => Some(s.clone()),
                                _ => None,
                            };
                            spec.ignore_rules.push(PrhIgnoreRule {
                                pattern: text("pattern"),
                                expected: text("expected"),
                            });
                        }
                        _ => errors.push(PrhError::new(
                            label,
                            e.line,
                            e.column,
                            format!(
                                "an `ignoreRules` entry must be a string or a mapping, not {}",
                                e.describe()
                            ),
                        )),
                    }
                }
            }
        }
        _ => {
            errors.push(PrhError::new(
                label,
                item.line,
                item.column,
                format!(
                    "an import must be a path or a mapping with `path`, not {}",
                    item.describe()
                ),
            ));
            return None;
        }
    }
    if spec.path.is_empty() {
        errors.push(PrhError::new(
            label,
            item.line,
            item.column,
            "an import path can't be empty",
        ));
        return None;
    }
    Some(spec)
}

/// JS truthiness of a YAML value.
fn truthy(n: &Node) -> bool {
    match &n.kind {
        Kind::Null => false,
        Kind::Str(s) => !s.is_empty(),
        Kind::Other("boolean", s) => s.eq_ignore_ascii_case("true"),
        Kind::Other("number", s) => s.parse::<f64>().map(|f| f != 0.0).unwrap_or(true),
        _ => true,
    }
}

/// prh's `/source/flags` test (`^/([^\n\r\u2028\u2029]*)/([gimy]*)$`),
/// written out: the flags follow the last `/`, and a regex that had to be
/// compiled for it took longer than reading a whole dictionary.
fn parse_pattern_string(s: &str) -> PrhPattern {
    let regex = s.strip_prefix('/').and_then(|rest| {
        let (source, flags) = rest.rsplit_once('/')?;
        let flags_ok = flags.chars().all(|c| matches!(c, 'g' | 'i' | 'm' | 'y'));
        let one_line = !source.contains(['\n', '\r', '\u{2028}', '\u{2029}']);
        (flags_ok && one_line).then_some((source, flags))
    });
    match regex {
        Some((source, flags)) => PrhPattern::Regex {
            source: source.to_string(),
            flags: flags.to_string(),
        },
        None => PrhPattern::Literal(s.to_string()),
    }
}

fn parse_rule(item: &Node, label: &str, errors: &mut Vec<PrhError>) -> Option<PrhRule> {
    let before = errors.len();
    let mut rule = PrhRule {
        file: label.to_string(),
        line: item.line,
        column: item.column,
        ..PrhRule::default()
    };
    let mut e = |n: &Node, msg: String| errors.push(PrhError::new(label, n.line, n.column, msg));
    match &item.kind {
        Kind::Str(s) if !s.is_empty() => rule.expected = s.clone(),
        Kind::Map(_) => {
            match item.get("expected") {
                Some(Node {
                    kind: Kind::Str(s), ..
                }) => rule.expected = s.clone(),
                Some(
                    n @ Node {
                        kind: Kind::Null, ..
                    },
                )
                | Some(
                    n @ Node {
                        kind: Kind::Other(..),
                        ..
                    },
                )
                | Some(
                    n @ Node {
                        kind: Kind::Seq(_) | Kind::Map(_),
                        ..
                    },
                ) => {
                    let what = n.describe();
                    e(
                        n,
                        format!("`expected` must be a string, not {what} (quote it)"),
                    );
                }
                None => e(item, "the rule has no `expected`".into()),
            }
            // `pattern || patterns`: an empty string is an error either way.
            let pattern = item.get("pattern");
            let patterns = item.get("patterns");
            for p in [pattern, patterns].into_iter().flatten() {
                let empty = match &p.kind {
                    Kind::Str(s) => s.is_empty(),
                    Kind::Seq(items) => items
                        .iter()
                        .any(|i| matches!(&i.kind, Kind::Str(s) if s.is_empty())),
                    _ => false,
                };
                if empty {
                    e(p, "a pattern can't be empty".into());
                }
            }
            let chosen = match pattern {
                Some(p) if truthy(p) => Some(p),
                _ => patterns.filter(|p| !matches!(p.kind, Kind::Null)),
            };
            match chosen.map(|n| (n, &n.kind)) {
                None => rule.pattern_form = PatternForm::Derived,
                Some((_, Kind::Str(s))) => {
                    rule.pattern_form = PatternForm::Single;
                    rule.patterns.push(parse_pattern_string(s));
                }
                Some((_, Kind::Seq(items))) => {
                    rule.pattern_form = PatternForm::List;
                    for i in items {
                        match &i.kind {
                            Kind::Str(s) => rule.patterns.push(parse_pattern_string(s)),
                            _ => {
                                let what = i.describe();
                                e(i, format!("a pattern must be a string, not {what}"));
                            }
                        }
                    }
                }
                Some((n, _)) => {
                    let what = n.describe();
                    e(n, format!("a pattern must be a string, not {what}"));
                }
            }
            if let Some(opts) = item.get("options") {
                match &opts.kind {
                    Kind::Map(_) => {
                        if let Some(wb) = opts.get("wordBoundary") {
                            rule.word_boundary = truthy(wb);
                        }
                    }
                    Kind::Null => {}
                    _ => e(opts, "`options` must be a mapping".into()),
                }
            }
            if let Some(m) = item.get("regexpMustEmpty") {
                match &m.kind {
                    Kind::Null => {}
                    Kind::Str(s) if valid_must_empty(s).is_some() => {
                        rule.regexp_must_empty = Some(s.clone())
                    }
                    _ => e(
                        m,
                        "`regexpMustEmpty` must be a group reference like `$1`".into(),
                    ),
                }
            }
            if let Some(n) = item.get("prh") {
                match &n.kind {
                    Kind::Str(s) | Kind::Other(_, s) => rule.prh = Some(s.clone()),
                    _ => {}
                }
            }
            if let Some(specs) = item.get("specs") {
                match &specs.kind {
                    Kind::Null => {}
                    Kind::Seq(items) => {
                        for s in items {
                            let from = s.get("from");
                            let to = s.get("to");
                            match (from.map(|n| &n.kind), to.map(|n| &n.kind)) {
                                (Some(Kind::Str(f)), Some(Kind::Str(t)))
                                    if !f.is_empty() && !t.is_empty() =>
                                {
                                    rule.specs.push((f.clone(), t.clone()))
                                }
                                _ => e(s, "a spec needs non-empty string `from` and `to`".into()),
                            }
                        }
                    }
                    _ => e(specs, "`specs` must be a list".into()),
                }
            }
        }
        _ => {
            let what = item.describe();
            e(
                item,
                format!("a rule must be a mapping or a string, not {what}"),
            );
        }
    }
    if errors.len() > before {
        return None;
    }
    // prh builds the regex while loading: its errors are load errors.
    let js = match rule.js_regex() {
        Ok(js) => js,
        Err(msg) => {
            errors.push(PrhError::new(label, rule.line, rule.column, msg));
            return None;
        }
    };
    if let Err(TranslateError::Syntax(msg)) = translate(&js.source, false) {
        errors.push(PrhError::new(
            label,
            rule.line,
            rule.column,
            format!("invalid regular expression {js}: {msg}"),
        ));
        return None;
    }
    Some(rule)
}

pub(crate) fn valid_must_empty(s: &str) -> Option<usize> {
    let digits = s.strip_prefix('$')?;
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(digits.parse::<usize>().unwrap_or(usize::MAX))
}

#[cfg(test)]
mod pattern_string_tests {
    use super::*;

    /// The written-out test agrees with prh's regex, which it replaces.
    #[test]
    fn agrees_with_prhs_regex() {
        let prh = regex::Regex::new(r"^/([^\n\r\x{2028}\x{2029}]*)/([gimy]*)$").unwrap();
        let pieces = [
            "",
            "/",
            "//",
            "a",
            "/a/",
            "/a/g",
            "/a/gimy",
            "/a/x",
            "/a/gx",
            "/a/b/",
            "/a/b/i",
            "/a\n/",
            "/a/\n",
            "/\u{2028}/",
            "/サーバ(?!ー)/u",
            "サーバ",
            "/a/i/",
            "a/b/",
            " /a/",
            "/a\r/i",
            "/(a|b)/yy",
        ];
        for a in pieces {
            for b in ["", "/", "g", "i/", "x"] {
                let s = format!("{a}{b}");
                let want = match prh.captures(&s) {
                    Some(c) => PrhPattern::Regex {
                        source: c[1].to_string(),
                        flags: c[2].to_string(),
                    },
                    None => PrhPattern::Literal(s.clone()),
                };
                assert_eq!(parse_pattern_string(&s), want, "{s:?}");
            }
        }
    }
}
