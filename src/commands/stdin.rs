//! Standard input as an input (`-`): what a person at a terminal is told it waits for, and the
//! hint when a pretty-printed JSON file is piped to it.
//!
//! Standard input is read as JSON Lines, one application per line. Two mistakes a new user makes
//! with it looked like a hang or like a pile of errors: typing `-` with nothing piped (the
//! command waited, silently, for the terminal), and piping an ordinary, indented `.json` file
//! (every line of it was refused as broken JSON).

use std::io::{BufRead, IsTerminal};

use kriterium_engine::input::{self, Input, InputSource};
use kriterium_engine::problem::Problem;
use kriterium_engine::text;

kriterium_engine::translation_table! {
    /// What is said on standard error about reading standard input.
    Message {
        /// Standard input is a terminal: nothing was piped.
        Waiting => "venter på ansøgninger på standard input, én JSON pr. linje; afslut med {eof}",
            "waiting for applications on standard input, one JSON per line; finish with {eof}",
            "väntar på ansökningar på standard in, en JSON per rad; avsluta med {eof}";
        /// The first line read is the start of a JSON document spread over several lines.
        PrettyPrinted => "standard input (`-`) læser én ansøgning pr. linje (JSON Lines), men første linje er »{line}«: begyndelsen på en JSON-tekst over flere linjer. Brug filnavnet, eller skriv ansøgningen på én linje (jq -c)",
            "standard input (`-`) reads one application per line (JSON Lines), but its first line is “{line}”: the start of JSON spread over several lines. Give the file's name instead, or write the application on one line (jq -c)",
            "standard in (`-`) läser en ansökan per rad (JSON Lines), men första raden är ”{line}”: början på en JSON-text över flera rader. Ange filnamnet i stället, eller skriv ansökan på en rad (jq -c)";
    }
}

/// The keys that end input at a terminal, as the platform has them.
const END_OF_INPUT: &str = if cfg!(windows) {
    "Ctrl-Z, Enter"
} else {
    "Ctrl-D"
};

/// Reads `source` as `input::read` does, handing each application to `each`. For standard input
/// it also says on standard error, in `lang` (`da`, `en`, `sv`), what it waits for when standard
/// input is a terminal, and, once it has read everything, that standard input takes one
/// application per line when the first line is the start of a pretty-printed JSON document.
pub fn read(source: &InputSource, lang: &str, each: &mut dyn FnMut(Result<Input, Problem>)) {
    if *source != InputSource::Stdin {
        input::read(source, each);
        return;
    }
    if std::io::stdin().is_terminal() {
        errln!("{}", Message::Waiting.fill(lang, &[("eof", END_OF_INPUT)]));
    }
    let mut first: Option<String> = None;
    input::read(source, &mut |read| {
        if let (None, Ok(input)) = (&first, &read) {
            first = Some(input.text.clone());
        }
        each(read);
    });
    if let Some(hint) = first.and_then(|line| hint(&line, lang)) {
        errln!("{hint}");
    }
}

/// Refuses, before anything is assessed or written, standard input whose first line is the start
/// of a pretty-printed JSON document: every line of it would be rejected as broken JSON and a
/// results folder of rejections written, when the user only needs to give the file's name. The
/// error (exit 2, as a usage error) is the hint in `lang`.
///
/// Looks only at what standard input has already delivered (its buffer, not consumed, so the
/// reading that follows sees every byte); standard input at a terminal is not looked at, since
/// that would wait for typing before saying what is awaited. When the first line has not
/// arrived whole, [`read`] still gives the hint after reading.
pub fn refuse_pretty_printed(sources: &[InputSource], lang: &str) -> anyhow::Result<()> {
    let stdin = std::io::stdin();
    if !sources.contains(&InputSource::Stdin) || stdin.is_terminal() {
        return Ok(());
    }
    let mut stdin = stdin.lock();
    // A read error is reported by the reading itself, with the input it belongs to.
    let Ok(buffered) = stdin.fill_buf() else {
        return Ok(());
    };
    let Some(end) = buffered.iter().rposition(|b| *b == b'\n') else {
        return Ok(());
    };
    let whole_lines = String::from_utf8_lossy(&buffered[..end]);
    let first = whole_lines
        .lines()
        .map(|line| line.trim_start_matches('\u{feff}'))
        .find(|line| !line.trim().is_empty());
    match first.and_then(|line| hint(line, lang)) {
        Some(hint) => Err(anyhow::anyhow!(hint)),
        None => Ok(()),
    }
}

/// The hint for a first line of standard input that starts a JSON document spread over several
/// lines, in `lang`; `None` for a line that is whole JSON (or broken in another way, which its
/// own problem describes).
pub fn hint(first_line: &str, lang: &str) -> Option<String> {
    starts_multi_line_json(first_line)
        .then(|| Message::PrettyPrinted.fill(lang, &[("line", &text::quote(first_line.trim()))]))
}

/// Whether `line` is the beginning of a JSON object or list that goes on past the line's end: `{`
/// or `[` alone, or `{"id": "X-1",` — JSON that ends too early, not JSON that is wrong.
fn starts_multi_line_json(line: &str) -> bool {
    let line = line.trim();
    if !line.starts_with(['{', '[']) {
        return false;
    }
    match serde_json::from_str::<serde::de::IgnoredAny>(line) {
        Ok(_) => false,
        Err(e) => e.is_eof(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_placeholders() {
        assert_eq!(Message::placeholders_differ(), Vec::<&str>::new());
    }

    #[test]
    fn a_line_that_opens_json_it_does_not_close_gets_the_hint() {
        for line in ["{", "  [ ", "{\"id\": \"X-1\",", "{\n"] {
            assert!(hint(line, "en").is_some(), "{line:?}");
        }
        for line in ["{}", "{\"id\": 1}", "}", "\"id\": 1,", "{\"id\" 1}", "x"] {
            assert_eq!(hint(line, "en"), None, "{line:?}");
        }
    }

    #[test]
    fn the_hint_speaks_each_language_and_says_what_to_do() {
        let da = hint("{", "da").unwrap_or_default();
        assert!(
            da.contains("én ansøgning pr. linje") && da.contains("jq -c"),
            "{da}"
        );
        let sv = hint("{", "sv").unwrap_or_default();
        assert!(
            sv.contains("en ansökan per rad") && sv.contains("jq -c"),
            "{sv}"
        );
        let en = hint("{", "en").unwrap_or_default();
        assert!(
            en.contains("one application per line") && en.contains("jq -c"),
            "{en}"
        );
    }
}
