//! Which file names, chapter paths and template expressions content may use.
//!
//! These are the limits a pull request cannot step over: the lint reports
//! what breaks them (rules `S004`–`S006`), and the handbook build checks them
//! again before it publishes anything, with these same functions.

use std::ops::Range;

/// Why a file or folder name cannot be used, or `None` when it can.
///
/// A name is ASCII letters, digits, `-`, `_`, `.` and `@`, does not start with
/// `.` or `-`, and is at most 100 characters long. Names become parts of page
/// addresses: a `:` makes `javascript:x.html` a script link, `#`, `?`, `%`
/// and spaces change what an address means, and non-ASCII names are spelt
/// differently by different systems.
pub fn file_name_problem(name: &str) -> Option<&'static str> {
    if name.is_empty() {
        return Some("名前が空です");
    }
    if name.len() > 100 {
        return Some("名前が長すぎます（100 文字まで）");
    }
    if name.starts_with('.') || name.starts_with('-') {
        return Some("名前を「.」や「-」で始めることはできません");
    }
    if !name
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'@'))
    {
        return Some("名前に使えるのは半角の英数字と「-」「_」「.」「@」だけです");
    }
    None
}

/// Why a `SUMMARY.md` link cannot name a chapter, or `None` when it can.
///
/// A chapter is a Markdown file inside `book/src`, named by a relative path
/// of safe names (see [`file_name_problem`]), `/`-separated, optionally
/// starting with `./`. An empty destination is a draft chapter and is
/// allowed. mdBook reads `%20` as a space; such a path is refused too.
pub fn chapter_path_problem(dest: &str) -> Option<&'static str> {
    if dest.is_empty() {
        return None;
    }
    if dest.contains(':') {
        return Some("URL やドライブ名ではなく、book/src の中の .md ファイルを相対パスで書きます");
    }
    if dest.starts_with('/') || dest.contains('\\') {
        return Some(
            "絶対パスや「\\」は使えません。book/src からの相対パスを「/」で区切って書きます",
        );
    }
    let path = dest.strip_prefix("./").unwrap_or(dest);
    for part in path.split('/') {
        if part == ".." {
            return Some("「..」で book/src の外を指すことはできません");
        }
        if let Some(why) = file_name_problem(part) {
            return Some(why);
        }
    }
    if !path.ends_with(".md") {
        return Some("章には .md ファイルを指定します");
    }
    None
}

/// The scheme of a URL as a browser reads it (leading control characters and
/// spaces dropped, tabs and line breaks removed anywhere), in lower case;
/// `None` for a relative URL.
pub fn url_scheme(url: &str) -> Option<String> {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    let (candidate, _) = cleaned.split_once(':')?;
    let mut chars = candidate.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic()
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
    .then(|| candidate.to_ascii_lowercase())
}

/// A Handlebars expression in a sample-regulation template that the handbook
/// does not render.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateProblem {
    /// Byte range of the whole expression (`{{…}}`).
    pub span: Range<usize>,
    /// The expression as written.
    pub written: String,
    pub reason: &'static str,
}

/// The expressions a sample-regulation template may use. Anything else is
/// refused: unescaped output (`{{{…}}}`, `{{&…}}`) would put content on the
/// page as markup, and partials (`{{>…}}`, `{{#*inline}}`) can call each
/// other without end.
pub const TEMPLATE_VOCABULARY: &[&str] = &[
    "{{#clause \"番号\" title=\"…\" implements=\"…\"}}…{{/clause}}",
    "{{term \"語\"}}",
    "{{industry_additions \"項目\"}}",
    "{{company}}",
    "{{edition.name}}",
    "{{!-- コメント --}}",
];

/// Every expression of `text` outside [`TEMPLATE_VOCABULARY`].
pub fn template_problems(text: &str) -> Vec<TemplateProblem> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = text[i..].find("{{") {
        let start = i + p;
        // `\{{` is a literal `{{` in Handlebars.
        if start > 0 && b[start - 1] == b'\\' {
            i = start + 2;
            continue;
        }
        let mut body = start + 2;
        if b.get(body) == Some(&b'{') {
            let end = text[body..].find("}}").map_or(b.len(), |q| body + q + 2);
            let end = if b.get(end) == Some(&b'}') {
                end + 1
            } else {
                end
            };
            out.push(problem(
                text,
                start..end,
                "「{{{ }}}」は内容をエスケープせずに出力するので使えません",
            ));
            i = end;
            continue;
        }
        if b.get(body) == Some(&b'~') {
            body += 1;
        }
        // Comments: `{{!-- … --}}` may contain `}}`; `{{! … }}` may not.
        if text[body..].starts_with("!--") {
            let from = body + 3;
            let close = ["--}}", "--~}}"]
                .iter()
                .filter_map(|t| text[from..].find(t).map(|q| from + q + t.len()))
                .min();
            i = close.unwrap_or(b.len());
            continue;
        }
        let Some(q) = text[body..].find("}}") else {
            out.push(problem(
                text,
                start..b.len(),
                "「{{」が「}}」で閉じられていません",
            ));
            break;
        };
        let end = body + q + 2;
        let inner = text[body..body + q].trim_end_matches('~').trim();
        if let Some(reason) = expression_problem(inner) {
            out.push(problem(text, start..end, reason));
        }
        i = end;
    }
    out
}

/// The clauses a sample-regulation template defines: the number of each
/// `{{#clause "4.4" …}}` and the span of that number (without the quotes).
pub fn template_clauses(text: &str) -> Vec<(String, Range<usize>)> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(p) = text[i..].find("{{#clause") {
        let after = i + p + "{{#clause".len();
        i = after;
        let rest = &text[after..];
        let trimmed = rest.trim_start();
        let Some(body) = trimmed.strip_prefix('"') else {
            continue;
        };
        let start = after + (rest.len() - trimmed.len()) + 1;
        if let Some(end) = body
            .find(['"', '}', '\n'])
            .filter(|&e| body[e..].starts_with('"'))
        {
            out.push((body[..end].to_owned(), start..start + end));
        }
    }
    out
}

/// A sample-regulation template's name: its file name without `.hbs`
/// (`book/regulations/04-access.hbs` → `04-access`).
pub fn template_name(path: &str) -> String {
    path.rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".hbs")
        .to_owned()
}

/// A template's chapter title, from its first line (`# 第4章 アクセス管理`
/// → `第4章 アクセス管理`).
pub fn template_title(text: &str) -> String {
    text.lines()
        .next()
        .unwrap_or("")
        .trim_start_matches("# ")
        .trim()
        .to_owned()
}

/// A clause's opening tag as a template writes it: its number (and the
/// span of the number), its `title` and the base items it `implements`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClauseHead {
    pub number: String,
    pub span: Range<usize>,
    /// Empty when the tag has no `title="…"`.
    pub title: String,
    /// The bare item ids of `implements="…"`, in the order written.
    pub implements: Vec<String>,
}

/// Every clause of a template with the attributes of its opening tag
/// (`{{#clause "4.4" title="パスワード" implements="kitei-4 diag-03"}}`).
/// The clauses are those of [`template_clauses`]; an attribute the tag does
/// not have is left empty (the build refuses such a tag).
pub fn template_clause_heads(text: &str) -> Vec<ClauseHead> {
    template_clauses(text)
        .into_iter()
        .map(|(number, span)| {
            // The rest of the opening tag, after the number's closing quote.
            let rest = &text[(span.end + 1).min(text.len())..];
            let tag = &rest[..rest.find("}}").unwrap_or(rest.len())];
            let attribute = |key: &str| -> String {
                let pattern = format!("{key}=\"");
                tag.find(&pattern)
                    .map(|at| &tag[at + pattern.len()..])
                    .and_then(|v| v.find('"').map(|end| v[..end].to_owned()))
                    .unwrap_or_default()
            };
            ClauseHead {
                title: attribute("title"),
                implements: attribute("implements")
                    .split_whitespace()
                    .map(str::to_owned)
                    .collect(),
                number,
                span,
            }
        })
        .collect()
}

fn problem(text: &str, span: Range<usize>, reason: &'static str) -> TemplateProblem {
    TemplateProblem {
        written: text[span.clone()].to_owned(),
        span,
        reason,
    }
}

/// Why one expression (between `{{` and `}}`, trimmed) is not allowed.
fn expression_problem(inner: &str) -> Option<&'static str> {
    if inner.starts_with('!') {
        return None;
    }
    if inner.starts_with('&') {
        return Some("「{{& }}」は内容をエスケープせずに出力するので使えません");
    }
    if inner.starts_with('>') || inner.starts_with("#>") || inner.starts_with("#*") {
        return Some("部分テンプレート（partial）は使えません");
    }
    let (head, rest) = inner
        .split_once(|c: char| c.is_whitespace())
        .unwrap_or((inner, ""));
    let rest = rest.trim();
    let quoted = |s: &str| {
        s.len() >= 2
            && s.starts_with('"')
            && s.ends_with('"')
            && !s[1..s.len() - 1].contains(['"', '{', '}'])
    };
    let ok = match head {
        "#clause" => !rest.is_empty() && !rest.contains(['{', '}', '(', ')']),
        "/clause" | "company" | "edition.name" => rest.is_empty(),
        "term" | "industry_additions" => quoted(rest),
        _ => false,
    };
    if ok {
        None
    } else {
        Some("サンプル規程のテンプレートで使える書き方ではありません")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names() {
        for ok in [
            "intro.md",
            "meti-sc@2026--ipa-sme@3.1.toml",
            "2.3.toml",
            "a_b",
        ] {
            assert_eq!(file_name_problem(ok), None, "{ok}");
        }
        for bad in [
            "javascript:alert(1).md",
            ".hidden",
            "-rf",
            "名前.md",
            "a b.md",
            "a#b.md",
            "a%2e.md",
            "",
        ] {
            assert!(file_name_problem(bad).is_some(), "{bad}");
        }
    }

    #[test]
    fn chapter_paths() {
        for ok in ["intro.md", "./intro.md", "industries/auto-parts.md", ""] {
            assert_eq!(chapter_path_problem(ok), None, "{ok}");
        }
        for bad in [
            "../../../../etc/passwd",
            "/etc/passwd",
            "a/../../b.md",
            "javascript:alert(1).md",
            "https://example.com/x.md",
            "C:\\x.md",
            "a//b.md",
            "x.html",
            "a%20b.md",
        ] {
            assert!(chapter_path_problem(bad).is_some(), "{bad}");
        }
    }

    fn reasons(text: &str) -> Vec<String> {
        template_problems(text)
            .into_iter()
            .map(|p| p.written)
            .collect()
    }

    #[test]
    fn clauses_are_found_with_the_span_of_their_number() {
        let text = "## 第4章\n{{#clause \"4.4\" title=\"パスワード\" implements=\"kitei-4\"}}x{{/clause}}\n{{#clause  \"4.10\" title=\"t\" implements=\"kitei-4\"}}{{/clause}}{{#clause x}}";
        let found = template_clauses(text);
        assert_eq!(
            found
                .iter()
                .map(|(n, r)| (n.as_str(), &text[r.clone()]))
                .collect::<Vec<_>>(),
            [("4.4", "4.4"), ("4.10", "4.10")]
        );
    }

    #[test]
    fn clause_heads_carry_title_and_implements() {
        let text = "{{#clause \"4.4\" title=\"パスワード\" implements=\"kitei-4  diag-03\"}}x{{/clause}}\n{{#clause \"4.5\" implements=\"kitei-4\"}}{{/clause}}";
        let heads = template_clause_heads(text);
        assert_eq!(heads.len(), 2);
        assert_eq!(heads[0].number, "4.4");
        assert_eq!(heads[0].title, "パスワード");
        assert_eq!(heads[0].implements, ["kitei-4", "diag-03"]);
        assert_eq!(&text[heads[0].span.clone()], "4.4");
        // A missing attribute is empty, never taken from the next tag.
        assert_eq!(heads[1].title, "");
        assert_eq!(heads[1].implements, ["kitei-4"]);
    }

    #[test]
    fn the_template_vocabulary_is_closed() {
        let ok = "{{#clause \"1.1\" title=\"目的\" implements=\"kitei-1 diag-3\"}}{{company}}は{{term \"委託先\"}}を{{industry_additions \"kitei-1\"}}{{/clause}}{{edition.name}}{{!-- a }} b --}}{{! note }}\\{{literal}}{{~company~}}";
        assert_eq!(reasons(ok), Vec::<String>::new());
        assert_eq!(
            reasons(
                "{{{company}}} {{&company}} {{> p}} {{#*inline \"p\"}}{{> p}}{{/inline}} {{#each x}}{{lookup a b}}"
            ),
            [
                "{{{company}}}",
                "{{&company}}",
                "{{> p}}",
                "{{#*inline \"p\"}}",
                "{{> p}}",
                "{{/inline}}",
                "{{#each x}}",
                "{{lookup a b}}"
            ]
        );
        assert_eq!(
            reasons("{{term x}} {{term \"a\" \"b\"}} {{company x}} {{oops"),
            [
                "{{term x}}",
                "{{term \"a\" \"b\"}}",
                "{{company x}}",
                "{{oops"
            ]
        );
    }
}
