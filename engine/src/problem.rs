//! A problem found in user input, with the place it was found.
//!
//! Every error a user can cause (in an application, a pack manifest or a script) becomes a
//! [`Problem`]: where it is (file, line and column, JSON pointer) and what was expected. Stages
//! collect all problems of an input rather than stopping at the first, so one run shows
//! everything to fix.

use std::fmt;

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
    /// What is wrong and what was expected: lowercase start, no final period.
    pub message: String,
}

impl Problem {
    /// A problem with the file as a whole.
    pub fn in_file(source: impl Into<String>, message: impl Into<String>) -> Self {
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
        message: impl Into<String>,
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
        message: impl Into<String>,
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
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.source)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if let Some(pointer) = &self.pointer {
            // The empty pointer means the whole document; `/` says so visibly.
            let shown = if pointer.is_empty() { "/" } else { pointer };
            write!(f, ": {shown}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Several problems, shown one per line.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Problems(pub Vec<Problem>);

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, p) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{p}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Problems {}

/// A JSON pointer segment for `key` (`~` and `/` escaped, RFC 6901).
pub fn pointer_segment(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// Most characters of a user's value a message quotes before cutting it with `…`: enough to
/// recognise the value, never so much that one huge value makes a huge message.
pub const MAX_QUOTED_CHARS: usize = 200;

/// `text` cut after [`MAX_QUOTED_CHARS`] characters, with `…` where it was cut.
pub fn shorten(text: &str) -> String {
    match text.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
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
    fn line_column_counts_characters_not_bytes() {
        let text = "ab\nøø x";
        assert_eq!(line_column(text, 0), (1, 1));
        assert_eq!(line_column(text, 3), (2, 1));
        // `x` is after two two-byte characters and a space.
        assert_eq!(line_column(text, text.find('x').unwrap()), (2, 4));
    }
}
