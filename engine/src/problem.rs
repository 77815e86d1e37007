//! A problem found in user input, with the place it was found.
//!
//! Every error a user can cause (in an application, a pack manifest or a script) becomes a
//! [`Problem`]: where it is (file, line and column, JSON pointer) and what was expected. Stages
//! collect all problems of an input rather than stopping at the first, so one run shows
//! everything to fix.

use std::fmt;

use crate::text::{Kind, visible};

pub mod message;

pub use message::{Arg, Message, Wording};

/// Longest message a problem keeps, in characters; a longer one is cut and ends in `…`. Values
/// are quoted at most [`crate::text::MAX_QUOTED_CHARS`] characters where a message is made; this
/// is the backstop for text that reaches a message some other way (a script that `throw`s a
/// megabyte string), so one rejected input can never hold or write megabytes of message.
pub const MAX_MESSAGE_CHARS: usize = 2_000;

/// One problem, with as much position as is known.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Problem {
    /// The file (or `<stdin>`, or a built-in pack's `name/file`) the problem is in.
    pub source: String,
    /// 1-based line, when known.
    pub line: Option<usize>,
    /// 1-based column in characters, when known (only with a line).
    pub column: Option<usize>,
    /// JSON pointer of the value concerned, when the input is JSON-shaped.
    pub pointer: Option<String>,
    /// What is wrong and what was expected: lowercase start, no final period. Rendered in a
    /// language when shown ([`Problem::display_in`]).
    pub message: Message,
}

/// Most characters of a JSON pointer a problem shows before cutting it with `…`: deep enough for
/// any real application (`/extra/events/12/municipalities/3`), short enough that a huge key
/// cannot make a huge message.
pub const MAX_POINTER_CHARS: usize = 300;

impl Problem {
    /// A problem with the file as a whole. A message of plain text (a `String`) is cut at
    /// [`MAX_MESSAGE_CHARS`] when it is made, a worded one when it is rendered.
    pub fn in_file(source: impl Into<String>, message: impl Into<Message>) -> Self {
        Problem {
            source: source.into(),
            line: None,
            column: None,
            pointer: None,
            message: message.into(),
        }
    }

    /// A problem at a line and column.
    pub fn at(
        source: impl Into<String>,
        line: usize,
        column: usize,
        message: impl Into<Message>,
    ) -> Self {
        Problem {
            line: Some(line),
            column: Some(column),
            ..Problem::in_file(source, message)
        }
    }

    /// A problem with the value at a JSON pointer.
    pub fn at_pointer(
        source: impl Into<String>,
        pointer: impl Into<String>,
        message: impl Into<Message>,
    ) -> Self {
        Problem {
            pointer: Some(pointer.into()),
            ..Problem::in_file(source, message)
        }
    }

    /// The same problem, placed on a line of a multi-line input (JSON Lines).
    pub fn on_line(mut self, line: usize) -> Self {
        if self.line.is_none() {
            self.line = Some(line);
        }
        self
    }

    /// The problem as it reads in `lang` (`da`, `en`, `sv`; English for any other): its place,
    /// then its message in that language. Shown with every control character written as
    /// `<U+001B>` (line breaks kept in the message), as a file name or a quoted value may hold
    /// them and a problem is printed to a terminal.
    pub fn display_in<'a>(&'a self, lang: &'a str) -> impl fmt::Display + 'a {
        InLanguage {
            problem: self,
            lang,
        }
    }
}

/// A problem with the language it is shown in.
struct InLanguage<'a> {
    problem: &'a Problem,
    lang: &'a str,
}

impl fmt::Display for InLanguage<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let problem = self.problem;
        problem.write_place(f)?;
        let message = problem.message.render(self.lang);
        write!(f, ": {}", visible(&message, Kind::Text))
    }
}

impl Problem {
    /// `file:line:column: /pointer`, as much as is known.
    fn write_place(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", visible(&self.source, Kind::Line))?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(pointer) = &self.pointer {
            // The empty pointer means the whole document; `/` says so visibly. A pointer holds
            // the user's own keys, so it is cut like a quoted value: a key of 3 MB is no place.
            let shown = if pointer.is_empty() { "/" } else { pointer };
            let shown = match shown.char_indices().nth(MAX_POINTER_CHARS) {
                Some((end, _)) => format!("{}…", &shown[..end]),
                None => shown.to_string(),
            };
            write!(f, ": {}", visible(&shown, Kind::Line))?;
        }
        Ok(())
    }
}

/// The English rendering ([`Problem::display_in`] `"en"`).
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.display_in("en"))
    }
}

/// Several problems, shown one per line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems(pub Vec<Problem>);

impl Problems {
    /// Every problem as it reads in `lang`, one per line.
    pub fn display_in<'a>(&'a self, lang: &'a str) -> impl fmt::Display + 'a {
        ProblemsIn {
            problems: self,
            lang,
        }
    }
}

/// Several problems with the language they are shown in.
struct ProblemsIn<'a> {
    problems: &'a Problems,
    lang: &'a str,
}

impl fmt::Display for ProblemsIn<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.problems.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}", p.display_in(self.lang))?;
        }
        Ok(())
    }
}

/// In English ([`Problems::display_in`] `"en"`).
impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.display_in("en"))
    }
}

impl std::error::Error for Problems {}

/// A JSON pointer segment for `key` (`~` and `/` escaped, RFC 6901).
pub fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A message with its first letter in lower case, as our messages are written.
pub fn lowercase_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// An I/O error in our message style: lowercase, no OS error number.
pub fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        _ => {
            let text = error.to_string();
            let text = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            lowercase_first(&text)
        }
    }
}

/// The 1-based line and column (in characters) of a byte offset in `text`.
pub fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_puts_position_before_pointer_and_message() {
        let p = Problem::at_pointer(
            "a.json",
            "/budget/requested",
            "-5 is less than the minimum of 0",
        );
        assert_eq!(
            p.to_string(),
            "a.json: /budget/requested: -5 is less than the minimum of 0"
        );
        let p = p.on_line(3);
        assert_eq!(
            p.to_string(),
            "a.json:3: /budget/requested: -5 is less than the minimum of 0"
        );
        let p = Problem::at("x.rhai", 12, 7, "variable `evnts` is not found");
        assert_eq!(p.to_string(), "x.rhai:12:7: variable `evnts` is not found");
    }

    #[test]
    fn a_huge_message_is_cut() {
        let p = Problem::at(
            "x.rhai",
            1,
            1,
            format!("the script stopped: {}", "ø".repeat(1 << 20)),
        );
        let message = p.message.to_string();
        assert_eq!(message.chars().count(), MAX_MESSAGE_CHARS + 1);
        assert!(message.starts_with("the script stopped: øø") && message.ends_with("ø…"));
        assert_eq!(Problem::in_file("a", "short").message.to_string(), "short");
    }

    #[test]
    fn display_shows_control_characters_as_code_points() {
        let p = Problem::at_pointer("a\u{1b}]0;x\u{7}.json", "/extra/k\u{1b}", "bad\n\u{9b}31m");
        assert_eq!(
            p.to_string(),
            "a<U+001B>]0;x<U+0007>.json: /extra/k<U+001B>: bad\n<U+009B>31m"
        );
    }

    #[test]
    fn line_column_counts_characters_not_bytes() {
        let text = "ab\nøø x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // `x` is after two two-byte characters and a space.
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 4));
    }
}
