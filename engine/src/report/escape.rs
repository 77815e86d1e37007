//! Escaping a value as a report writes it: one scan of its bytes, writing straight into the
//! report, for HTML and for Markdown.
//!
//! Each format escapes in two steps that used to be two passes and two copies of every value:
//! first every character a text field may not hold is shown as `<U+001B>` ([`text::visible`]
//! with [`Kind::Text`]), then the format's own escaping is applied to that. Here both happen in
//! one pass: a table says which bytes can need either step (the ASCII specials, the C0 controls
//! and DEL, and the lead bytes of the C1 controls and the bidirectional controls); every other
//! byte is copied in runs. A batch escapes every value of two reports per application, so this
//! is the renderer's inner loop.

use std::fmt::{self, Write};

use crate::text::Kind;

/// The formats a value is escaped for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Format {
    /// `<`, `>`, `&`, `"`, `'` and `/` as character references, as minijinja's HTML escaping
    /// writes them.
    Html,
    /// Markdown's markup characters behind a backslash, line breaks as spaces (a value stays on
    /// one line, so it cannot start a block).
    Markdown,
}

/// Bytes that may need escaping in some format: ASCII controls and DEL, the ASCII characters
/// either format escapes, and the lead bytes of U+0080–U+00BF (`0xC2`: the C1 controls) and of
/// U+2000–U+2FFF (`0xE2`: the bidirectional controls). A continuation byte is never flagged,
/// so a flagged byte always starts a character.
const FLAGGED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    let specials = b"<>&\"'/\\`*_[]|#~!$";
    let mut i = 0;
    while i < specials.len() {
        table[specials[i] as usize] = true;
        i += 1;
    }
    table[0x7F] = true;
    table[0xC2] = true;
    table[0xE2] = true;
    table
};

/// Writes `value` to `out` escaped for `format`, every character a text may not hold shown as
/// `<U+001B>` (and that escaped too).
///
/// # Errors
/// Only those of `out`.
pub(super) fn write(value: &str, format: Format, out: &mut impl Write) -> fmt::Result {
    let bytes = value.as_bytes();
    // `value[start..i]` is copied as it is when something else has to be written.
    let mut start = 0;
    let mut i = 0;
    while i < bytes.len() {
        if !FLAGGED[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let c = value[i..]
            .chars()
            .next()
            .expect("a flagged byte starts a character, and `i` is inside `value`");
        let end = i + c.len_utf8();
        let next = value[end..].chars().next();
        if let Some(escaped) = escape(c, next, format) {
            out.write_str(&value[start..i])?;
            match escaped {
                Escaped::Text(s) => out.write_str(s)?,
                Escaped::Backslash(c) => {
                    out.write_char('\\')?;
                    out.write_char(c)?;
                }
                Escaped::Shown(c) => match format {
                    Format::Html => write!(out, "&lt;U+{:04X}&gt;", u32::from(c))?,
                    Format::Markdown => write!(out, "\\<U+{:04X}\\>", u32::from(c))?,
                },
            }
            start = end;
        }
        i = end;
    }
    out.write_str(&value[start..])
}

/// What one character becomes.
enum Escaped {
    /// This text instead.
    Text(&'static str),
    /// The character behind a backslash.
    Backslash(char),
    /// The character's code point, `<U+001B>`, escaped for the format.
    Shown(char),
}

/// What `c` becomes in `format`, `None` when it stays as it is; `next` is the character after
/// it in the value.
fn escape(c: char, next: Option<char>, format: Format) -> Option<Escaped> {
    if !Kind::Text.allows(c) {
        return Some(Escaped::Shown(c));
    }
    match format {
        Format::Html => Some(Escaped::Text(match c {
            '<' => "&lt;",
            '>' => "&gt;",
            '&' => "&amp;",
            '"' => "&quot;",
            '\'' => "&#x27;",
            '/' => "&#x2f;",
            _ => return None,
        })),
        Format::Markdown => match c {
            // `$` starts mathematics in the Markdown of GitHub, GitLab and Pandoc.
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' | '$' => {
                Some(Escaped::Backslash(c))
            }
            // `&` starts an entity only before a letter or `#`. A character shown as `<U+…>`
            // is neither, before or after it is shown.
            '&' if next.is_some_and(|n| n.is_ascii_alphabetic() || n == '#') => {
                Some(Escaped::Text("\\&"))
            }
            '\n' => Some(Escaped::Text(" ")),
            _ => None,
        },
    }
}

/// `value` escaped for `format`, as a new string.
#[cfg(test)]
fn escaped(value: &str, format: Format) -> String {
    let mut out = String::with_capacity(value.len());
    write(value, format, &mut out).expect("writing into a String does not fail");
    out
}

/// The two steps one at a time, as the templates' formatter did before this module: what
/// [`write`] must equal.
#[cfg(test)]
fn reference(value: &str, format: Format) -> String {
    let shown = crate::text::visible(value, Kind::Text);
    match format {
        Format::Html => minijinja::HtmlEscape(&shown).to_string(),
        Format::Markdown => {
            let mut out = String::new();
            let mut chars = shown.chars().peekable();
            while let Some(c) = chars.next() {
                match c {
                    // `$` starts mathematics in the Markdown of GitHub, GitLab and Pandoc.
                    '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!'
                    | '$' => {
                        out.push('\\');
                        out.push(c);
                    }
                    '&' if chars
                        .peek()
                        .is_some_and(|n| n.is_ascii_alphabetic() || *n == '#') =>
                    {
                        out.push_str("\\&");
                    }
                    '\r' | '\n' => out.push(' '),
                    _ => out.push(c),
                }
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Format, escaped, reference};

    #[test]
    fn markup_is_escaped_control_characters_shown_and_markdown_kept_on_one_line() {
        let cases = [
            (
                Format::Html,
                "<a href='/x'>\"Ærø\" & co</a>",
                "&lt;a href=&#x27;&#x2f;x&#x27;&gt;&quot;Ærø&quot; &amp; co&lt;&#x2f;a&gt;",
            ),
            (
                Format::Html,
                "A\u{1b}]0;x\u{7} B\nC\u{202E}\u{85}",
                "A&lt;U+001B&gt;]0;x&lt;U+0007&gt; B\nC&lt;U+202E&gt;&lt;U+0085&gt;",
            ),
            (
                Format::Markdown,
                "<script>alert(1)</script>",
                "\\<script\\>alert(1)\\</script\\>",
            ),
            (Format::Markdown, "a | b\nc", "a \\| b c"),
            (Format::Markdown, "$x$ koster $5", "\\$x\\$ koster \\$5"),
            (Format::Html, "$x$", "$x$"),
            (
                Format::Markdown,
                "[x](y) *z* &amp; & y &#1 &\u{1b}",
                "\\[x\\](y) \\*z\\* \\&amp; & y \\&\\#1 &\\<U+001B\\>",
            ),
            (Format::Markdown, "Ærø og Aarhus\t€", "Ærø og Aarhus\t€"),
            (Format::Markdown, "a\r\nb", "a\\<U+000D\\> b"),
        ];
        for (format, value, expected) in cases {
            assert_eq!(escaped(value, format), expected, "{value:?} in {format:?}");
        }
    }

    #[test]
    fn one_pass_equals_the_two_steps_on_every_character_that_matters() {
        // Every character below U+3000 (ASCII, C1, Latin, the bidi controls) at the start, in
        // the middle and at the end of a value, and after `&`.
        for code in (0..0x3000u32).filter_map(char::from_u32) {
            for value in [
                format!("{code}"),
                format!("a{code}b"),
                format!("x&{code}"),
                format!("{code}&y"),
            ] {
                for format in [Format::Html, Format::Markdown] {
                    assert_eq!(
                        escaped(&value, format),
                        reference(&value, format),
                        "U+{code:04X} in {value:?}, {format:?}",
                        code = code as u32
                    );
                }
            }
        }
    }
}
