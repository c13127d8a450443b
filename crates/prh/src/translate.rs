//! JS regular expressions (as prh compiles them: the `u` flag) translated
//! into the syntax of the `regex` crate, or of `fancy-regex` where they need
//! look-around or back-references.

use std::fmt;

use crate::JsRegex;

/// How deep JS regex groups may nest before we give up (guards the stack).
const MAX_REGEX_NESTING: usize = 250;

/// Why a JS regex has no Rust translation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TranslateError {
    /// Not a valid JS regex (under the `u` flag): prh refuses the dictionary.
    Syntax(String),
    /// Valid in JS but not expressible here.
    Unsupported(String),
}

impl fmt::Display for TranslateError {
    /// The reason alone, as prh's messages and ours quote it.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TranslateError::Syntax(m) | TranslateError::Unsupported(m) => f.write_str(m),
        }
    }
}

impl std::error::Error for TranslateError {}

/// A JS regex in Rust syntax: what [`JsRegex::to_rust`] gives.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RustRegex {
    /// The pattern with its flags (`(?m)`, or `(?mi)` for JS's `i`).
    pub pattern: String,
    /// Whether it needs backtracking (look-around, back-references): then
    /// `pattern` is in fancy-regex's syntax; otherwise in the `regex`
    /// crate's, which runs it in linear time.
    pub backtracking: bool,
}

impl JsRegex {
    /// This regex as Rust runs it, matching what JS matches (see the crate
    /// doc for the known differences): `\d`, `\w`, `\b` are ASCII-only as in
    /// JS, `\s` is JS's white space, `.` stops at every JS line end.
    ///
    /// ```
    /// let js = prh::JsRegex { source: r"\d+(?=円)".into(), ignore_case: false };
    /// let rust = js.to_rust().unwrap();
    /// assert_eq!(rust.pattern, "(?m)[0-9]+(?=円)");
    /// assert!(rust.backtracking);
    /// ```
    pub fn to_rust(&self) -> Result<RustRegex, TranslateError> {
        let (body, backtracking) = translate(&self.source, false)?;
        let body = if backtracking {
            translate(&self.source, true)?.0
        } else {
            body
        };
        let flags = if self.ignore_case { "(?mi)" } else { "(?m)" };
        Ok(RustRegex {
            pattern: format!("{flags}{body}"),
            backtracking,
        })
    }
}

pub(crate) const JS_SPACE: &str = r"\t\n\x0B\x0C\r\x20\xA0\x{1680}\x{2000}-\x{200A}\x{2028}\x{2029}\x{202F}\x{205F}\x{3000}\x{FEFF}";
const WORD: &str = "0-9A-Za-z_";

struct Translator {
    chars: Vec<char>,
    pos: usize,
    out: String,
    fancy: bool,
    needs_fancy: bool,
    group_count: usize,
    group_names: Vec<String>,
}

/// Translates a JS (u-mode) regex source to the syntax of `regex` (or, with
/// `fancy`, of `fancy-regex`). Returns the translation and whether it needs
/// fancy-regex.
pub(crate) fn translate(source: &str, fancy: bool) -> Result<(String, bool), TranslateError> {
    let mut t = Translator {
        chars: source.chars().collect(),
        pos: 0,
        out: String::new(),
        fancy,
        needs_fancy: false,
        group_count: 0,
        group_names: Vec::new(),
    };
    t.prescan_groups();
    t.disjunction(0)?;
    if t.pos < t.chars.len() {
        return Err(TranslateError::Syntax("unmatched ')'".into()));
    }
    Ok((t.out, t.needs_fancy))
}

fn push_char(out: &mut String, c: char) {
    if c.is_ascii_alphanumeric() || (!c.is_ascii() && !c.is_control() && !c.is_whitespace()) {
        out.push(c);
    } else {
        out.push_str(&format!("\\x{{{:X}}}", c as u32));
    }
}

enum ClassAtom {
    Char(char),
    /// Already-translated class content (for `\d`, `\p{…}` …).
    Set(String),
}

impl Translator {
    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn peek_at(&self, k: usize) -> Option<char> {
        self.chars.get(self.pos + k).copied()
    }

    /// Reads up to and past the next `>`; `None` if the pattern ends first.
    fn read_name(&mut self) -> Option<String> {
        let mut name = String::new();
        loop {
            let ch = self.peek()?;
            self.pos += 1;
            if ch == '>' {
                return Some(name);
            }
            name.push(ch);
        }
    }

    fn starts_with(&self, s: &str) -> bool {
        (self.pos..)
            .zip(s.chars())
            .all(|(i, c)| self.chars.get(i) == Some(&c))
    }

    fn prescan_groups(&mut self) {
        let mut i = 0;
        let mut in_class = false;
        while i < self.chars.len() {
            let c = self.chars[i];
            if c == '\\' {
                i += 2;
                continue;
            }
            if in_class {
                if c == ']' {
                    in_class = false;
                }
            } else if c == '[' {
                in_class = true;
            } else if c == '(' {
                if self.chars.get(i + 1) != Some(&'?') {
                    self.group_count += 1;
                } else if self.chars.get(i + 2) == Some(&'<')
                    && !matches!(self.chars.get(i + 3), Some('=') | Some('!'))
                {
                    self.group_count += 1;
                    let name: String = self.chars[i + 3..]
                        .iter()
                        .take_while(|c| **c != '>')
                        .collect();
                    self.group_names.push(name);
                }
            }
            i += 1;
        }
    }

    fn disjunction(&mut self, depth: usize) -> Result<(), TranslateError> {
        if depth > MAX_REGEX_NESTING {
            return Err(TranslateError::Unsupported("groups nest too deeply".into()));
        }
        loop {
            match self.peek() {
                None | Some(')') => return Ok(()),
                Some('|') => {
                    self.pos += 1;
                    self.out.push('|');
                }
                Some(_) => self.term(depth)?,
            }
        }
    }

    fn word_boundary(&mut self, negated: bool) {
        if self.fancy {
            let w = format!("[{WORD}]");
            if negated {
                self.out
                    .push_str(&format!("(?:(?<={w})(?={w})|(?<!{w})(?!{w}))"));
            } else {
                self.out
                    .push_str(&format!("(?:(?<={w})(?!{w})|(?<!{w})(?={w}))"));
            }
        } else if negated {
            self.out.push_str(r"(?-u:\B)");
        } else {
            self.out.push_str(r"(?-u:\b)");
        }
    }

    fn term(&mut self, depth: usize) -> Result<(), TranslateError> {
        let c = self.peek().unwrap_or('\0');
        let mut quantifiable = true;
        match c {
            '^' | '$' => {
                self.pos += 1;
                self.out.push(c);
                quantifiable = false;
            }
            '.' => {
                self.pos += 1;
                self.out.push_str(r"[^\n\r\x{2028}\x{2029}]");
            }
            '*' | '+' | '?' | '{' => {
                return Err(TranslateError::Syntax("nothing to repeat".into()));
            }
            ']' | '}' => {
                return Err(TranslateError::Syntax("lone quantifier brackets".into()));
            }
            '[' => {
                self.pos += 1;
                self.class()?;
            }
            '(' => {
                self.pos += 1;
                if self.starts_with("?:") {
                    self.pos += 2;
                    self.out.push_str("(?:");
                } else if self.starts_with("?=") || self.starts_with("?!") {
                    self.needs_fancy = true;
                    quantifiable = false;
                    self.out
                        .push_str(if self.starts_with("?=") { "(?=" } else { "(?!" });
                    self.pos += 2;
                } else if self.starts_with("?<=") || self.starts_with("?<!") {
                    self.needs_fancy = true;
                    quantifiable = false;
                    self.out.push_str(if self.starts_with("?<=") {
                        "(?<="
                    } else {
                        "(?<!"
                    });
                    self.pos += 3;
                } else if self.starts_with("?<") {
                    self.pos += 2;
                    let name = self.read_name().ok_or_else(|| {
                        TranslateError::Syntax("invalid capture group name".into())
                    })?;
                    if name.is_empty() {
                        return Err(TranslateError::Syntax("invalid capture group name".into()));
                    }
                    if !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                        || name.starts_with(|c: char| c.is_ascii_digit())
                    {
                        return Err(TranslateError::Unsupported(format!(
                            "group name `{name}` is not supported"
                        )));
                    }
                    self.out.push_str(&format!("(?<{name}>"));
                } else if self.peek() == Some('?') {
                    return Err(TranslateError::Syntax("invalid group".into()));
                } else {
                    self.out.push('(');
                }
                self.disjunction(depth + 1)?;
                if self.peek() != Some(')') {
                    return Err(TranslateError::Syntax("unterminated group".into()));
                }
                self.pos += 1;
                self.out.push(')');
            }
            ')' => return Err(TranslateError::Syntax("unmatched ')'".into())),
            '\\' => {
                self.pos += 1;
                quantifiable = self.atom_escape()?;
            }
            _ => {
                self.pos += 1;
                push_char(&mut self.out, c);
            }
        }
        self.quantifier(quantifiable)
    }

    fn quantifier(&mut self, quantifiable: bool) -> Result<(), TranslateError> {
        let q = match self.peek() {
            Some(c @ ('*' | '+' | '?')) => {
                self.pos += 1;
                c.to_string()
            }
            Some('{') => {
                self.pos += 1;
                let read_num = |t: &mut Translator| -> Option<String> {
                    let mut s = String::new();
                    while let Some(d) = t.peek().filter(char::is_ascii_digit) {
                        s.push(d);
                        t.pos += 1;
                    }
                    (!s.is_empty()).then_some(s)
                };
                let Some(min) = read_num(self) else {
                    return Err(TranslateError::Syntax("incomplete quantifier".into()));
                };
                let mut q = format!("{{{min}");
                let mut max = None;
                if self.peek() == Some(',') {
                    self.pos += 1;
                    q.push(',');
                    if let Some(m) = read_num(self) {
                        q.push_str(&m);
                        max = Some(m);
                    }
                }
                if self.peek() != Some('}') {
                    return Err(TranslateError::Syntax("incomplete quantifier".into()));
                }
                self.pos += 1;
                q.push('}');
                let num = |s: &str| s.parse::<u128>().unwrap_or(u128::MAX);
                if let Some(m) = &max
                    && num(m) < num(&min)
                {
                    return Err(TranslateError::Syntax(
                        "numbers out of order in {} quantifier".into(),
                    ));
                }
                if num(&min) > 100_000 || max.as_deref().is_some_and(|m| num(m) > 100_000) {
                    return Err(TranslateError::Unsupported(
                        "repetition count too large".into(),
                    ));
                }
                q
            }
            _ => return Ok(()),
        };
        if !quantifiable {
            return Err(TranslateError::Syntax("nothing to repeat".into()));
        }
        self.out.push_str(&q);
        if self.peek() == Some('?') {
            self.pos += 1;
            self.out.push('?');
        }
        Ok(())
    }

    /// After a `\` outside a class. Returns whether the atom can be quantified.
    fn atom_escape(&mut self) -> Result<bool, TranslateError> {
        let Some(c) = self.peek() else {
            return Err(TranslateError::Syntax("\\ at end of pattern".into()));
        };
        match c {
            'b' | 'B' => {
                self.pos += 1;
                self.word_boundary(c == 'B');
                Ok(false)
            }
            '1'..='9' => {
                let mut n = String::new();
                while let Some(d) = self.peek().filter(char::is_ascii_digit) {
                    n.push(d);
                    self.pos += 1;
                }
                let idx = n.parse::<usize>().unwrap_or(usize::MAX);
                if idx > self.group_count {
                    return Err(TranslateError::Syntax("invalid escape".into()));
                }
                self.needs_fancy = true;
                self.out.push_str(&format!("\\{idx}"));
                Ok(true)
            }
            'k' => {
                self.pos += 1;
                if self.peek() != Some('<') {
                    return Err(TranslateError::Syntax("invalid named reference".into()));
                }
                self.pos += 1;
                let name = self
                    .read_name()
                    .ok_or_else(|| TranslateError::Syntax("invalid named reference".into()))?;
                if !self.group_names.contains(&name) {
                    return Err(TranslateError::Syntax(
                        "invalid named capture referenced".into(),
                    ));
                }
                self.needs_fancy = true;
                self.out.push_str(&format!("\\k<{name}>"));
                Ok(true)
            }
            _ => {
                match self.class_escape(false)? {
                    ClassAtom::Char(ch) => push_char(&mut self.out, ch),
                    ClassAtom::Set(s) => {
                        self.out.push('[');
                        self.out.push_str(&s);
                        self.out.push(']');
                    }
                }
                Ok(true)
            }
        }
    }

    fn hex(&mut self, n: usize) -> Option<u32> {
        let s: String = self.chars.get(self.pos..self.pos + n)?.iter().collect();
        if s.len() != n || !s.chars().all(|c| c.is_ascii_hexdigit()) {
            return None;
        }
        self.pos += n;
        u32::from_str_radix(&s, 16).ok()
    }

    /// Character and class escapes after `\` (shared by atoms and classes).
    fn class_escape(&mut self, in_class: bool) -> Result<ClassAtom, TranslateError> {
        let Some(c) = self.peek() else {
            return Err(TranslateError::Syntax("\\ at end of pattern".into()));
        };
        self.pos += 1;
        let ch = match c {
            'd' => return Ok(ClassAtom::Set("0-9".into())),
            'D' => return Ok(ClassAtom::Set("[^0-9]".into())),
            'w' => return Ok(ClassAtom::Set(WORD.into())),
            'W' => return Ok(ClassAtom::Set(format!("[^{WORD}]"))),
            's' => return Ok(ClassAtom::Set(JS_SPACE.into())),
            'S' => return Ok(ClassAtom::Set(format!("[^{JS_SPACE}]"))),
            'p' | 'P' => {
                if self.peek() != Some('{') {
                    return Err(TranslateError::Syntax("invalid property name".into()));
                }
                let mut name = String::new();
                self.pos += 1;
                loop {
                    match self.peek() {
                        Some('}') => {
                            self.pos += 1;
                            break;
                        }
                        Some(ch) if ch.is_ascii_alphanumeric() || ch == '_' || ch == '=' => {
                            name.push(ch);
                            self.pos += 1;
                        }
                        _ => return Err(TranslateError::Syntax("invalid property name".into())),
                    }
                }
                if name.is_empty() {
                    return Err(TranslateError::Syntax("invalid property name".into()));
                }
                return Ok(ClassAtom::Set(format!("\\{c}{{{name}}}")));
            }
            'f' => '\x0C',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'v' => '\x0B',
            'b' if in_class => '\x08',
            '-' if in_class => '-',
            'c' => match self.peek() {
                Some(l) if l.is_ascii_alphabetic() => {
                    self.pos += 1;
                    char::from((l as u8) % 32)
                }
                _ => return Err(TranslateError::Syntax("invalid unicode escape".into())),
            },
            '0' => {
                if self.peek().is_some_and(|d| d.is_ascii_digit()) {
                    return Err(TranslateError::Syntax("invalid decimal escape".into()));
                }
                '\0'
            }
            'x' => match self.hex(2) {
                Some(v) => char::from_u32(v).unwrap_or('\0'),
                None => return Err(TranslateError::Syntax("invalid escape".into())),
            },
            'u' => {
                let cp = if self.peek() == Some('{') {
                    self.pos += 1;
                    let mut s = String::new();
                    while let Some(h) = self.peek().filter(char::is_ascii_hexdigit) {
                        s.push(h);
                        self.pos += 1;
                    }
                    if self.peek() != Some('}') || s.is_empty() {
                        return Err(TranslateError::Syntax("invalid unicode escape".into()));
                    }
                    self.pos += 1;
                    match u32::from_str_radix(&s, 16) {
                        Ok(v) if v <= 0x10FFFF => v,
                        _ => return Err(TranslateError::Syntax("invalid unicode escape".into())),
                    }
                } else {
                    let Some(hi) = self.hex(4) else {
                        return Err(TranslateError::Syntax("invalid unicode escape".into()));
                    };
                    if (0xD800..0xDC00).contains(&hi) && self.starts_with("\\u") {
                        let save = self.pos;
                        self.pos += 2;
                        match self.hex(4) {
                            Some(lo) if (0xDC00..0xE000).contains(&lo) => {
                                0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00)
                            }
                            _ => {
                                self.pos = save;
                                hi
                            }
                        }
                    } else {
                        hi
                    }
                };
                match char::from_u32(cp) {
                    Some(ch) => ch,
                    None => {
                        return Err(TranslateError::Unsupported(
                            "lone surrogate escapes can't be matched in UTF-8 text".into(),
                        ));
                    }
                }
            }
            '^' | '$' | '\\' | '.' | '*' | '+' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '|'
            | '/' => c,
            'k' if in_class => return Err(TranslateError::Syntax("invalid escape".into())),
            '1'..='9' if in_class => {
                return Err(TranslateError::Syntax("invalid class escape".into()));
            }
            _ => return Err(TranslateError::Syntax("invalid escape".into())),
        };
        Ok(ClassAtom::Char(ch))
    }

    fn class_atom(&mut self) -> Result<ClassAtom, TranslateError> {
        match self.peek() {
            None => Err(TranslateError::Syntax(
                "unterminated character class".into(),
            )),
            Some('\\') => {
                self.pos += 1;
                self.class_escape(true)
            }
            Some(c) => {
                self.pos += 1;
                Ok(ClassAtom::Char(c))
            }
        }
    }

    /// After `[`.
    fn class(&mut self) -> Result<(), TranslateError> {
        let negated = self.peek() == Some('^');
        if negated {
            self.pos += 1;
        }
        let mut body = String::new();
        loop {
            match self.peek() {
                None => {
                    return Err(TranslateError::Syntax(
                        "unterminated character class".into(),
                    ));
                }
                Some(']') => {
                    self.pos += 1;
                    break;
                }
                Some(_) => {}
            }
            let first = self.class_atom()?;
            if self.peek() == Some('-') && self.peek_at(1).is_some_and(|c| c != ']') {
                self.pos += 1;
                let second = self.class_atom()?;
                match (first, second) {
                    (ClassAtom::Char(a), ClassAtom::Char(b)) => {
                        if a > b {
                            return Err(TranslateError::Syntax(
                                "range out of order in character class".into(),
                            ));
                        }
                        push_char(&mut body, a);
                        body.push('-');
                        push_char(&mut body, b);
                    }
                    _ => return Err(TranslateError::Syntax("invalid character class".into())),
                }
                continue;
            }
            match first {
                ClassAtom::Char(a) => push_char(&mut body, a),
                ClassAtom::Set(s) => {
                    if s.starts_with('[') {
                        body.push_str(&s);
                    } else {
                        body.push('[');
                        body.push_str(&s);
                        body.push(']');
                    }
                }
            }
        }
        match (negated, body.is_empty()) {
            (false, true) => self.out.push_str(r"[^\x{0}-\x{10FFFF}]"),
            (true, true) => self.out.push_str(r"[\x{0}-\x{10FFFF}]"),
            (neg, false) => {
                self.out.push('[');
                if neg {
                    self.out.push('^');
                }
                self.out.push_str(&body);
                self.out.push(']');
            }
        }
        Ok(())
    }
}
