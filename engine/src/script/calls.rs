//! Finds calls of functions that do not exist, before any script runs.
//!
//! Rhai resolves function names only when a call is made, so a misspelt `awrd(2, "…")` would
//! otherwise surface on the first application that reaches that line. This is a small scanner
//! over the script text, not a parser: it skips comments and strings and reports every
//! `name(` that is neither a known function, a keyword, nor a variable the script declares
//! (a variable may hold a function pointer).

/// Words that read like calls but are keywords, or built into the language itself rather than
/// registered as functions.
pub const BUILT_IN_KEYWORD_FUNCTIONS: &[&str] = &[
    "Fn",
    "call",
    "curry",
    "type_of",
    "print",
    "debug",
    "is_def_var",
    "is_def_fn",
    "is_shared",
    "this",
];

const KEYWORDS: &[&str] = &[
    "if", "else", "switch", "while", "loop", "for", "in", "do", "until", "return", "throw", "try",
    "catch", "fn", "let", "const", "private", "break", "continue", "true", "false", "global",
];

/// A call of an unknown function.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownCall {
    /// The function's name as written.
    pub name: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column in characters.
    pub column: usize,
}

/// Every call in `text` of a function for which `is_known` says no.
pub fn unknown_functions(text: &str, is_known: &dyn Fn(&str) -> bool) -> Vec<UnknownCall> {
    let tokens = tokens(text);
    // Names the script binds (let/const, function parameters, closure parameters) may hold
    // function pointers, which Rhai lets a script call like functions; `fn` names are the
    // script's own functions.
    let mut bound: Vec<&str> = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        if let Token::Ident(word, ..) = token
            && matches!(*word, "let" | "const" | "fn")
            && let Some(Token::Ident(name, ..)) = tokens.get(i + 1)
        {
            bound.push(name);
        }
    }
    bound.extend(parameters(&tokens));

    let mut unknown = Vec::new();
    for (i, token) in tokens.iter().enumerate() {
        let Token::Ident(name, line, column) = token else {
            continue;
        };
        if !matches!(tokens.get(i + 1), Some(Token::Punct('(', ..))) {
            continue;
        }
        let defined_here = i > 0 && matches!(tokens[i - 1], Token::Ident("fn", ..));
        if defined_here || KEYWORDS.contains(name) || bound.contains(name) || is_known(name) {
            continue;
        }
        unknown.push(UnknownCall {
            name: name.to_string(),
            line: *line,
            column: *column,
        });
    }
    unknown
}

/// Parameter names of `fn name(a, b)` and of closures `|a, b|`.
fn parameters<'a>(tokens: &[Token<'a>]) -> Vec<&'a str> {
    let mut names = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let opens_list = match (&tokens[i], tokens.get(i + 1), tokens.get(i + 2)) {
            (Token::Ident("fn", ..), Some(Token::Ident(..)), Some(Token::Punct('(', ..))) => {
                Some((i + 3, ')'))
            }
            (Token::Punct('|', ..), ..) => Some((i + 1, '|')),
            _ => None,
        };
        if let Some((start, close)) = opens_list {
            let mut j = start;
            while let Some(token) = tokens.get(j) {
                match token {
                    Token::Punct(c, ..) if *c == close => break,
                    Token::Ident(name, ..) => names.push(*name),
                    Token::Punct(',', ..) => {}
                    // Not a parameter list after all (e.g. `a || b`): stop here.
                    _ => break,
                }
                j += 1;
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    names
}

/// A token of script text: a name or a punctuation character, with its 1-based line and column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Token<'a> {
    Ident(&'a str, usize, usize),
    Punct(char, usize, usize),
}

/// Identifiers and punctuation with their positions; comments, strings, characters and numbers
/// are skipped. A `.` before a name is kept so method calls are seen like other calls.
pub(super) fn tokens(text: &str) -> Vec<Token<'_>> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut out = Vec::new();
    let (mut line, mut column) = (1usize, 1usize);
    let mut i = 0;
    let advance = |i: &mut usize, line: &mut usize, column: &mut usize| {
        if chars[*i].1 == '\n' {
            *line += 1;
            *column = 1;
        } else {
            *column += 1;
        }
        *i += 1;
    };
    while i < chars.len() {
        let c = chars[i].1;
        let next = chars.get(i + 1).map(|p| p.1);
        if c == '/' && next == Some('/') {
            while i < chars.len() && chars[i].1 != '\n' {
                advance(&mut i, &mut line, &mut column);
            }
        } else if c == '/' && next == Some('*') {
            // Block comments nest in Rhai.
            let mut depth = 0;
            while i < chars.len() {
                let here = chars[i].1;
                let after = chars.get(i + 1).map(|p| p.1);
                if here == '/' && after == Some('*') {
                    depth += 1;
                    advance(&mut i, &mut line, &mut column);
                } else if here == '*' && after == Some('/') {
                    depth -= 1;
                    advance(&mut i, &mut line, &mut column);
                    if depth == 0 {
                        advance(&mut i, &mut line, &mut column);
                        break;
                    }
                }
                advance(&mut i, &mut line, &mut column);
            }
        } else if c == '"' || c == '`' || c == '\'' {
            advance(&mut i, &mut line, &mut column);
            while i < chars.len() && chars[i].1 != c {
                if chars[i].1 == '\\' {
                    advance(&mut i, &mut line, &mut column);
                    if i >= chars.len() {
                        break;
                    }
                }
                advance(&mut i, &mut line, &mut column);
            }
            if i < chars.len() {
                advance(&mut i, &mut line, &mut column);
            }
        } else if c.is_alphabetic() || c == '_' {
            let (start, start_line, start_column) = (chars[i].0, line, column);
            while i < chars.len() && (chars[i].1.is_alphanumeric() || chars[i].1 == '_') {
                advance(&mut i, &mut line, &mut column);
            }
            let end = chars.get(i).map_or(text.len(), |p| p.0);
            out.push(Token::Ident(&text[start..end], start_line, start_column));
        } else if c.is_ascii_digit() {
            while i < chars.len()
                && (chars[i].1.is_ascii_alphanumeric() || chars[i].1 == '_' || chars[i].1 == '.')
            {
                advance(&mut i, &mut line, &mut column);
            }
        } else {
            if !c.is_whitespace() {
                out.push(Token::Punct(c, line, column));
            }
            advance(&mut i, &mut line, &mut column);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn unknown(text: &str) -> Vec<(String, usize, usize)> {
        let known: Vec<String> = ["award", "len", "filter", "contains"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        unknown_functions(text, &|name| known.iter().any(|k| k == name))
            .into_iter()
            .map(|c| (c.name, c.line, c.column))
            .collect()
    }

    #[test]
    fn reports_a_misspelt_call_with_its_position() {
        assert_eq!(
            unknown("let n = 1;\n  awrd(n, \"x\");"),
            vec![("awrd".to_string(), 2, 3)]
        );
    }

    #[test]
    fn method_calls_are_checked_too() {
        assert_eq!(
            unknown("app.partners.lenn()"),
            vec![("lenn".to_string(), 1, 14)]
        );
    }

    #[test]
    fn ignores_strings_comments_definitions_keywords_and_bound_names() {
        let script = r#"
            // nothing(1) here
            /* nor /* nested */ here(2) */
            fn helper(f) { f(1) }
            let g = |x| x + 1;
            if (true) { helper(g); g(2); }
            award(1, "call(me) maybe(3)");
        "#;
        assert_eq!(unknown(script), vec![]);
    }
}
