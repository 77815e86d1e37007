//! The template engine: one environment for the pages written once a run (the overview's head
//! and foot, `diff`'s changes), built once and shared by every thread, with the templates
//! compiled into the binary.
//!
//! Escaping follows the template's kind (`escape.rs`, as in `layout.rs`): `.html` templates
//! HTML-escape every value, `.md` templates backslash-escape Markdown's special characters, so
//! nothing from an application or a script can become markup. Labels go through the same
//! escaping; they contain none of those characters.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, context};

use super::escape::{self, Format};
use crate::labels::{LANGUAGES, Label};

/// The escaping of `.md` templates.
const MARKDOWN: &str = "markdown";

/// The templates, by name.
const TEMPLATES: [(&str, &str); 5] = [
    ("style.css", include_str!("../../templates/style.css")),
    (
        "overview-head.html",
        include_str!("../../templates/overview-head.html"),
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
        configure(&mut env);
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

/// Sets up `env` as every report's environment is: `.html` templates HTML-escape every value
/// (control characters shown as `<U+001B>` first, `escape.rs`), `.md` templates escape
/// Markdown's specials, an undefined value is an error, and block tags trim their lines. The
/// web app (`kriterium serve`) renders its pages with an environment set up by this, so its
/// escaping is the reports' own.
pub fn configure(env: &mut Environment<'static>) {
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
        let format = match state.auto_escape() {
            AutoEscape::Html => Format::Html,
            AutoEscape::Custom(name) if name == MARKDOWN => Format::Markdown,
            // `style.css`, which prints no values.
            _ => return minijinja::escape_formatter(out, state, value),
        };
        if value.is_safe() {
            return minijinja::escape_formatter(out, state, value);
        }
        // Text from applications, packs and scripts shows its control characters as
        // `<U+001B>` (line feeds and tabs kept), and then gets the format's own escaping:
        // both in one pass (`escape.rs`), straight into the report.
        let written = match (value.as_str(), format) {
            (Some(text), _) => escape::write(text, format, out),
            (None, Format::Html) => return minijinja::escape_formatter(out, state, value),
            (None, Format::Markdown) if value.is_none() || value.is_undefined() => {
                return Ok(());
            }
            // Numbers and the like: their text holds no control character.
            (None, Format::Markdown) => escape::write(&value.to_string(), format, out),
        };
        written.map_err(minijinja::Error::from)
    });
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

#[cfg(test)]
mod tests {
    use super::environment;

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
}
