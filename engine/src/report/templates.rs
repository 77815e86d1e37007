//! The template engine: one environment for every report, built once, with the templates
//! compiled into the binary.
//!
//! Escaping follows the template's kind: `.html` templates HTML-escape every value, `.md`
//! templates backslash-escape Markdown's special characters, so nothing from an application
//! or a script can become markup. Labels go through the same escaping; they contain none of
//! those characters.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::sync::OnceLock;

use minijinja::value::{Serde, Value};
use minijinja::{AutoEscape, Environment, context};

use super::view::ReportView;
use crate::labels::{LANGUAGES, Label};
use crate::text::{self, Kind};

/// The escaping of `.md` templates.
const MARKDOWN: &str = "markdown";

/// The templates, by name.
const TEMPLATES: [(&str, &str); 8] = [
    ("style.css", include_str!("../../templates/style.css")),
    ("report.html", include_str!("../../templates/report.html")),
    ("report.md", include_str!("../../templates/report.md")),
    (
        "overview-head.html",
        include_str!("../../templates/overview-head.html"),
    ),
    (
        "overview-row.html",
        include_str!("../../templates/overview-row.html"),
    ),
    (
        "overview-foot.html",
        include_str!("../../templates/overview-foot.html"),
    ),
    ("changes.md", include_str!("../../templates/changes.md")),
    ("changes.html", include_str!("../../templates/changes.html")),
];

/// The environment every report is rendered with.
pub(super) fn environment() -> &'static Environment<'static> {
    static ENVIRONMENT: OnceLock<Environment<'static>> = OnceLock::new();
    ENVIRONMENT.get_or_init(|| {
        let mut env = Environment::new();
        let mut syntax = minijinja::syntax::SyntaxConfig::builder();
        syntax.trim_blocks(true).lstrip_blocks(true);
        env.set_syntax(
            syntax
                .build()
                .expect("only whitespace is set, and no delimiters that could clash"),
        );
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".html") {
                AutoEscape::Html
            } else if name.ends_with(".md") {
                AutoEscape::Custom(MARKDOWN.into())
            } else {
                AutoEscape::None
            }
        });
        env.set_formatter(|out, state, value| {
            // Text from applications, packs and scripts shows its control characters as
            // `<U+001B>` (line feeds and tabs kept) before the format's own escaping.
            let cleaned;
            let value = match value.as_str().map(|s| text::visible(s, Kind::Text)) {
                Some(Cow::Owned(shown)) if !value.is_safe() => {
                    cleaned = Value::from(shown);
                    &cleaned
                }
                _ => value,
            };
            let markdown =
                matches!(state.auto_escape(), AutoEscape::Custom(name) if name == MARKDOWN);
            if markdown && !value.is_safe() {
                if value.is_none() || value.is_undefined() {
                    return Ok(());
                }
                out.write_str(&escape_markdown(&value.to_string()))
                    .map_err(minijinja::Error::from)
            } else {
                minijinja::escape_formatter(out, state, value)
            }
        });
        for (name, source) in TEMPLATES {
            // The templates are part of the binary and covered by tests; a broken one is a
            // bug of ours, found by the first test that renders it.
            if let Err(e) = env.add_template(name, source) {
                panic!("template {name} does not compile: {e:#}");
            }
        }
        env
    })
}

/// The labels of `lang`, as templates read them (`l.Total`): built once per language, as a
/// batch renders them for every report and every row of the overview.
fn labels(lang: &str) -> Value {
    static TABLES: OnceLock<BTreeMap<&'static str, Value>> = OnceLock::new();
    let tables = TABLES.get_or_init(|| {
        LANGUAGES
            .iter()
            .map(|&lang| {
                let map: BTreeMap<&str, &str> = Label::ALL
                    .iter()
                    .map(|label| (label.key(), label.text(lang)))
                    .collect();
                (lang, Value::from(map))
            })
            .collect()
    });
    // A language without labels gets English, as `Label::text` gives it.
    tables
        .get(lang)
        .or_else(|| tables.get("en"))
        .cloned()
        .expect("English is one of `LANGUAGES`, so its labels are in the table")
}

/// Renders `template` with `r` (what the template shows) and `l`, the labels of `lang`.
pub(crate) fn render(template: &str, lang: &str, r: Value) -> String {
    let result = environment()
        .get_template(template)
        .and_then(|t| t.render(context! { r => r, l => labels(lang) }));
    match result {
        Ok(text) => text,
        // Rendering our own templates with our own view types fails only through a bug, which
        // the snapshot tests would show; a report must not silently lose content.
        Err(e) => panic!("template {template} failed: {e:#}"),
    }
}

/// The report as Markdown.
pub fn markdown(view: &ReportView) -> String {
    render("report.md", &view.lang, Value::from(Serde(view)))
}

/// The report as a self-contained HTML page.
pub fn html(view: &ReportView) -> String {
    render("report.html", &view.lang, Value::from(Serde(view)))
}

/// Escapes what Markdown would read as markup (emphasis, links, code, HTML, table cells,
/// headings) with a backslash, and keeps a value on one line so it cannot start a block.
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '#' | '~' | '!' => {
                out.push('\\');
                out.push(c);
            }
            // `&` starts an entity only before a letter or `#`.
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

#[cfg(test)]
mod tests {
    use super::{environment, escape_markdown};

    #[test]
    fn control_characters_are_shown_not_written_in_html_and_markdown() {
        let value = "A\u{1b}]0;x\u{7} B\nC\u{202E}";
        let env = environment();
        let html = env
            .render_named_str("x.html", "{{ v }}", minijinja::context! { v => value })
            .unwrap();
        assert_eq!(html, "A&lt;U+001B&gt;]0;x&lt;U+0007&gt; B\nC&lt;U+202E&gt;");
        let md = env
            .render_named_str("x.md", "{{ v }}", minijinja::context! { v => value })
            .unwrap();
        assert_eq!(md, "A\\<U+001B\\>\\]0;x\\<U+0007\\> B C\\<U+202E\\>");
    }

    #[test]
    fn markdown_escaping_neutralises_markup() {
        assert_eq!(
            escape_markdown("<script>alert(1)</script>"),
            "\\<script\\>alert(1)\\</script\\>"
        );
        assert_eq!(escape_markdown("a | b\nc"), "a \\| b c");
        assert_eq!(
            escape_markdown("[x](y) *z* &amp; & y"),
            "\\[x\\](y) \\*z\\* \\&amp; & y"
        );
        assert_eq!(escape_markdown("Ærø og Aarhus"), "Ærø og Aarhus");
    }
}
