//! Text from a pull request as a terminal may show it.
//!
//! A value a contributor wrote (a title, an id, a line of Markdown, a file
//! name) can hold control characters: a TOML string may write ESC as
//! `\u001b`, and Markdown may hold it raw. Printed as they are, `ESC ]0;…`
//! renames the reviewer's terminal window, `ESC [2J` clears it, `ESC [8m`
//! hides what follows, and a lone carriage return lets a line overwrite
//! itself, so a finding could be made to vanish from the screen or the CI
//! log. Every human-readable output shows them as Unicode's control
//! pictures instead (`␛` for ESC), one column wide, so the reader sees that
//! something is there and where.

use std::borrow::Cow;

/// C0 controls but tab and line feed, DEL, and C1 controls: what a terminal
/// acts on instead of showing. T010's controls ([`crate::written::is_control`])
/// and the carriage return, which [`visible`] keeps only right before a line
/// feed (a CRLF line end).
pub fn is_control(c: char) -> bool {
    c == '\r' || crate::written::is_control(c)
}

/// What [`visible`] shows for `c`: for C0 controls and DEL their control
/// pictures (U+2400–U+241F, U+2421), for C1 controls U+FFFD.
pub fn picture(c: char) -> char {
    match c {
        '\0'..='\u{1F}' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
        '\u{7F}' => '\u{2421}',
        _ => '\u{FFFD}',
    }
}

/// `text` with every control character shown as its [`picture`], except
/// tab, line feed and the carriage return of a CRLF. Borrowed when there is
/// none, which is almost always.
pub fn visible(text: &str) -> Cow<'_, str> {
    let Some(first) = first_control(text) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len() + 8);
    out.push_str(&text[..first]);
    let mut chars = text[first..].chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() == Some(&'\n') {
            out.push(c);
        } else if is_control(c) {
            out.push(picture(c));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`] for a value that must stay on one line (a file's path in a
/// report's header): line feeds and every carriage return are shown as
/// pictures too (`␊`, `␍`), so a file named `x\nエラー 0 件.md` cannot print
/// a line of its own.
pub fn visible_line(text: &str) -> Cow<'_, str> {
    if !text.contains(['\n', '\r']) {
        return visible(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| {
                if is_control(c) || c == '\n' {
                    picture(c)
                } else {
                    c
                }
            })
            .collect(),
    )
}

/// The byte offset of the first character [`visible`] replaces.
fn first_control(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\t' | b'\n' => {}
            b'\r' if bytes.get(i + 1) == Some(&b'\n') => i += 1,
            0..=0x1F | 0x7F => return Some(i),
            // U+0080–U+009F are C2 80–C2 9F in UTF-8.
            0xC2 if matches!(bytes.get(i + 1), Some(0x80..=0x9F)) => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_show_as_pictures_and_do_nothing() {
        assert_eq!(
            visible("kitei-\u{1b}]0;PWNED\u{7}\u{1b}[2J1"),
            "kitei-␛]0;PWNED␇␛[2J1"
        );
        assert_eq!(visible("a\u{7f}b\u{9b}31mc\0"), "a␡b\u{FFFD}31mc␀");
    }

    #[test]
    fn a_carriage_return_shows_unless_it_ends_a_line() {
        assert_eq!(visible("済\r新\r\n次"), "済␍新\r\n次");
        assert_eq!(visible("end\r"), "end␍");
    }

    #[test]
    fn a_path_stays_on_its_line() {
        assert_eq!(
            visible_line("book/x\nエラー 0 件\r\n\u{1b}.md"),
            "book/x␊エラー 0 件␍␊␛.md"
        );
        assert!(matches!(
            visible_line("book/src/はじめに.md"),
            Cow::Borrowed(_)
        ));
    }

    #[test]
    fn tabs_line_feeds_and_other_text_are_left_as_they_are() {
        for text in [
            "",
            "a\tb\nc\r\n",
            "第1条（目的）",
            "¢£ \u{A0}\u{AD}",
            "é\u{80}",
        ] {
            let shown = visible(text);
            if text.contains('\u{80}') {
                assert_eq!(shown, "é\u{FFFD}");
            } else {
                assert!(matches!(shown, Cow::Borrowed(_)), "{text:?}");
            }
        }
    }

    #[test]
    fn every_control_is_found_and_nothing_else() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            let text = format!("あ{c}い");
            let replaced = matches!(visible(&text), Cow::Owned(_));
            assert_eq!(replaced, is_control(c) || c == '\r', "{:04X}", c as u32);
            if replaced {
                assert!(!visible(&text).chars().any(is_control));
            }
        }
    }
}
