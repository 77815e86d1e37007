//! Text people read: which characters an application's text may hold, and how text from
//! applications, packs and scripts is made harmless wherever it is shown.
//!
//! Two kinds of text field exist. A **line** (ids, titles, names, e-mail, municipalities, …)
//! holds no control character at all. A **text** (summaries, plans, descriptions) may also hold
//! line breaks (`\n`) and tabs. Neither may hold the *bidirectional* embedding, override and
//! isolate characters (U+202A–U+202E, U+2066–U+2069): they reorder what is displayed, so a name
//! or an amount can read differently from what was written (the "Trojan Source" trick), and no
//! language needs them (right-to-left scripts are laid out without them). The schema states both
//! kinds as a `pattern` ([`LINE_PATTERN`], [`TEXT_PATTERN`]); validation words the failure with
//! [`first_forbidden`].
//!
//! Whatever still reaches an output (a file name, a value being rejected, a reason a script
//! wrote, an `extra` answer) goes through [`visible`] or [`quote`]: every forbidden character
//! becomes a visible `<U+001B>`, so an ESC sequence can never re-title a terminal and a NUL never
//! reaches a spreadsheet.

use std::borrow::Cow;

use crate::problem::{Message, Wording};

/// The JSON Schema pattern of a one-line field: no control character (C0, DEL, C1) and no
/// bidirectional control. Written with `\u` escapes, which both ECMA-262 and Rust regexes read.
pub const LINE_PATTERN: &str = r"^[^\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$";

/// The JSON Schema pattern of a multi-line field: as [`LINE_PATTERN`], but tab (U+0009) and line
/// feed (U+000A) are allowed. A carriage return is not: a line break is written `\n` alone.
pub const TEXT_PATTERN: &str =
    r"^[^\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]*$";

/// Most characters of a value quoted in a message, a summary or a report; a longer value is cut
/// and ends in `…`. A rejected value can be megabytes long, and it is copied into every message
/// that names it.
pub const MAX_QUOTED_CHARS: usize = 200;

/// Which kind of text field a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One line: no control characters at all.
    Line,
    /// Several lines: line feeds and tabs allowed.
    Text,
}

impl Kind {
    /// The kind whose schema pattern is `pattern`, if it is one of ours.
    pub fn of_pattern(pattern: &str) -> Option<Kind> {
        match pattern {
            LINE_PATTERN => Some(Kind::Line),
            TEXT_PATTERN => Some(Kind::Text),
            _ => None,
        }
    }

    /// Whether a field of this kind may hold `c`.
    pub fn allows(self, c: char) -> bool {
        !forbidden(c) || (self == Kind::Text && matches!(c, '\n' | '\t'))
    }
}

/// A character no field may show as it is: a C0 control (tab and line feed included), DEL, a
/// C1 control, or a bidirectional embedding, override or isolate.
pub fn forbidden(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// The first character `text` may not hold as a field of `kind`, with its 1-based position in
/// characters.
pub fn first_forbidden(text: &str, kind: Kind) -> Option<(usize, char)> {
    text.chars()
        .enumerate()
        .find(|&(_, c)| !kind.allows(c))
        .map(|(i, c)| (i + 1, c))
}

/// Why a field of `kind` may not hold `c` found at `position` (characters, 1-based), in words:
/// "contains a control character (ESC, U+001B) at character 12; this field is one line of text
/// without control characters".
pub fn forbidden_message(kind: Kind, position: usize, c: char) -> Message {
    let wording = match kind {
        _ if !c.is_control() => Wording::TextDirection,
        Kind::Line => Wording::ControlInLine,
        Kind::Text => Wording::ControlInText,
    };
    Message::of(wording)
        .with("character", name(c))
        .with("position", position)
}

/// "ESC, U+001B": the character's short name, if it has one, and its code point.
pub fn name(c: char) -> String {
    const C0: [&str; 32] = [
        "NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "TAB", "LF", "VT", "FF",
        "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB", "CAN", "EM",
        "SUB", "ESC", "FS", "GS", "RS", "US",
    ];
    let short = match c {
        '\u{0}'..='\u{1F}' => Some(C0[c as usize]),
        '\u{7F}' => Some("DEL"),
        '\u{202A}' => Some("LEFT-TO-RIGHT EMBEDDING"),
        '\u{202B}' => Some("RIGHT-TO-LEFT EMBEDDING"),
        '\u{202C}' => Some("POP DIRECTIONAL FORMATTING"),
        '\u{202D}' => Some("LEFT-TO-RIGHT OVERRIDE"),
        '\u{202E}' => Some("RIGHT-TO-LEFT OVERRIDE"),
        '\u{2066}' => Some("LEFT-TO-RIGHT ISOLATE"),
        '\u{2067}' => Some("RIGHT-TO-LEFT ISOLATE"),
        '\u{2068}' => Some("FIRST STRONG ISOLATE"),
        '\u{2069}' => Some("POP DIRECTIONAL ISOLATE"),
        _ => None,
    };
    match short {
        Some(short) => format!("{short}, U+{:04X}", c as u32),
        None => format!("U+{:04X}", c as u32),
    }
}

/// `text` with every character a field of `kind` may not hold written as `<U+001B>`; borrowed
/// when there is none (the usual case). What every output applies to text it did not write.
pub fn visible(text: &str, kind: Kind) -> Cow<'_, str> {
    if !text.chars().any(|c| !kind.allows(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if kind.allows(c) {
            out.push(c);
        } else {
            out.push_str(&format!("<U+{:04X}>", c as u32));
        }
    }
    Cow::Owned(out)
}

/// A character that shows nothing where it stands: a zero-width space or joiner, a
/// left-to-right or right-to-left mark, a word joiner, a soft hyphen, a byte-order mark. A field
/// may hold one (a name pasted from a web page often does), but in a message two names that
/// differ only by one would look the same: "»Hanne Friis« … mente du »Hanne Friis«?".
pub fn invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200F}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
    )
}

/// A value as a message quotes it: on one line ([`visible`]), every [`invisible`] character
/// shown as `<U+200B>` too, and at most [`MAX_QUOTED_CHARS`] characters, then `…`.
pub fn quote(value: &str) -> String {
    let head = match value.char_indices().nth(MAX_QUOTED_CHARS) {
        Some((end, _)) => &value[..end],
        None => value,
    };
    let mut quoted = String::with_capacity(head.len() + 8);
    for c in visible(head, Kind::Line).chars() {
        if invisible(c) {
            quoted.push_str(&format!("<U+{:04X}>", c as u32));
        } else {
            quoted.push(c);
        }
    }
    if head.len() < value.len() {
        quoted.push('…');
    }
    quoted
}

/// A name in Unicode normalisation form C (composed): `å` as the one character U+00E5, not `a`
/// followed by the combining ring U+030A. macOS file names, text copied from a PDF and some
/// spreadsheets give the decomposed form (NFD); the two look the same on screen, so every name
/// people type (panel members, their organisations, a sheet's reviewer, an application's
/// parties) is compared and stored in this one form. Borrowed when already composed (the usual
/// case), so calling it costs nothing for ordinary text.
pub fn nfc(name: &str) -> Cow<'_, str> {
    use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};
    if is_nfc_quick(name.chars()) == IsNormalized::Yes {
        Cow::Borrowed(name)
    } else {
        Cow::Owned(name.nfc().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decomposed_name_is_composed_and_a_composed_one_borrowed() {
        let decomposed = "A\u{30A}se \u{D8}sterga\u{30A}rd";
        assert_eq!(nfc(decomposed), "\u{C5}se \u{D8}sterg\u{E5}rd");
        assert!(matches!(nfc("Åse Østergård"), Cow::Borrowed(_)));
        assert!(matches!(nfc(decomposed), Cow::Owned(_)));
    }

    #[test]
    fn a_line_holds_no_control_character_and_a_text_holds_only_line_feed_and_tab() {
        for c in [
            '\0', '\x07', '\x1b', '\r', '\n', '\t', '\x7f', '\u{85}', '\u{9f}',
        ] {
            assert!(!Kind::Line.allows(c), "{}", name(c));
        }
        for c in [
            '\0', '\x07', '\x1b', '\r', '\x7f', '\u{85}', '\u{202E}', '\u{2066}',
        ] {
            assert!(!Kind::Text.allows(c), "{}", name(c));
        }
        for c in ['\n', '\t', 'æ', 'ø', '€', '\u{200F}', 'ب'] {
            assert!(Kind::Text.allows(c), "{}", name(c));
        }
        assert!(Kind::Line.allows('\u{A0}'), "no-break space is text");
    }

    #[test]
    fn a_quoted_value_shows_its_invisible_characters() {
        // Two names that would look alike in "mente du »…«?" differ visibly.
        assert_eq!(quote("Hanne Friis\u{200B}"), "Hanne Friis<U+200B>");
        assert_eq!(quote("\u{FEFF}Anna\u{200F}"), "<U+FEFF>Anna<U+200F>");
        assert_eq!(
            quote("Søren\u{00A0}Ærø"),
            "Søren\u{00A0}Ærø",
            "a no-break space shows"
        );
        assert_eq!(quote("Hanne Friis"), "Hanne Friis");
    }

    #[test]
    fn the_schema_patterns_say_what_the_kinds_say() {
        // The schema validator and `Kind::allows` must agree on every character that matters.
        let schema = |pattern: &str| {
            crate::validation::compile(&serde_json::json!({"type": "string", "pattern": pattern}))
                .unwrap()
        };
        let (line, text) = (schema(LINE_PATTERN), schema(TEXT_PATTERN));
        for code in (0..0x3000u32).filter_map(char::from_u32) {
            let s = serde_json::Value::String(format!("a{code}b"));
            assert_eq!(line.is_valid(&s), Kind::Line.allows(code), "{}", name(code));
            assert_eq!(text.is_valid(&s), Kind::Text.allows(code), "{}", name(code));
        }
    }

    #[test]
    fn the_message_names_the_character_and_where_it_is() {
        let (at, c) = first_forbidden("Musik i \u{1b}]0;pwned\u{7}", Kind::Line).unwrap();
        assert_eq!(
            forbidden_message(Kind::Line, at, c).to_string(),
            "contains a control character (ESC, U+001B) at character 9; this field is one line \
             of text without control characters"
        );
        assert_eq!(first_forbidden("a\nb\tc", Kind::Text), None);
        assert_eq!(first_forbidden("a\r\nb", Kind::Text), Some((2, '\r')));
    }

    #[test]
    fn visible_writes_forbidden_characters_as_code_points() {
        assert_eq!(visible("a\u{1b}[2Jb", Kind::Line), "a<U+001B>[2Jb");
        assert_eq!(visible("a\nb\r", Kind::Text), "a\nb<U+000D>");
        assert!(matches!(visible("Ærø", Kind::Line), Cow::Borrowed(_)));
    }

    #[test]
    fn quote_cuts_long_values_at_200_characters() {
        let long = "ø".repeat(10_000_000);
        let quoted = quote(&long);
        assert_eq!(quoted.chars().count(), MAX_QUOTED_CHARS + 1);
        assert!(quoted.ends_with("ø…"));
        assert_eq!(quote(&"x".repeat(200)), "x".repeat(200));
        assert_eq!(quote("a\nb"), "a<U+000A>b");
    }

    /// Validates the smallest valid application after `edit`, giving each problem as shown.
    fn problems_after(edit: impl FnOnce(&mut serde_json::Value)) -> Vec<String> {
        let mut app = crate::validation::tests::minimal();
        edit(&mut app);
        match crate::validation::ApplicationValidator::new().validate_value("a.json", app.clone()) {
            Ok(_) => Vec::new(),
            Err(found) => found.iter().map(ToString::to_string).collect(),
        }
    }

    #[test]
    fn one_line_fields_refuse_every_control_character_with_its_name_and_place() {
        let found = problems_after(|app| {
            app["title"] = "Musik i \u{1b}]0;pwned\u{7}".into();
            app["applicant"]["name"] = "Ann\0".into();
            app["organisation"]["name"] = "A\rB".into();
            app["municipalities"] = serde_json::json!(["m", "x\u{85}"]);
            app["partners"] = serde_json::json!([
                {"name": "p\u{202E}gnp.exe", "kind": "club", "new_collaboration": true}
            ]);
        });
        assert_eq!(
            found,
            vec![
                "a.json: /applicant/name: contains a control character (NUL, U+0000) at character 4; this field is one line of text without control characters",
                "a.json: /municipalities/1: contains a control character (U+0085) at character 2; this field is one line of text without control characters",
                "a.json: /organisation/name: contains a control character (CR, U+000D) at character 2; this field is one line of text without control characters",
                "a.json: /partners/0/name: contains a text-direction character (RIGHT-TO-LEFT OVERRIDE, U+202E) at character 2, which can make text display differently from what it says; remove it",
                "a.json: /title: contains a control character (ESC, U+001B) at character 9; this field is one line of text without control characters",
            ]
        );
    }

    #[test]
    fn multi_line_fields_take_line_feeds_and_tabs_only() {
        let ok = problems_after(|app| {
            app["summary"] = "Linje 1\nLinje 2\tmed tab".into();
            app["continuation"]["plan"] = "a\n\nb".into();
        });
        assert_eq!(ok, Vec::<String>::new());
        let found = problems_after(|app| {
            app["summary"] = "Linje 1\r\nLinje 2".into();
            app["title"] = "two\nlines".into();
        });
        assert_eq!(
            found,
            vec![
                "a.json: /summary: contains a control character (CR, U+000D) at character 8; this text may hold line breaks (\\n) and tabs but no other control characters",
                "a.json: /title: contains a control character (LF, U+000A) at character 4; this field is one line of text without control characters",
            ]
        );
    }

    #[test]
    fn answers_in_extra_are_held_to_the_rule_of_multi_line_text() {
        let found = problems_after(|app| {
            app["extra"] = serde_json::json!({
                "fine": "a\nb", "bell": ["x\u{7}"], "k\u{1b}": 1, "deep": {"x": "\u{2066}"}
            });
        });
        assert_eq!(
            found,
            vec![
                "a.json: /extra/bell/0: contains a control character (BEL, U+0007) at character 2; this text may hold line breaks (\\n) and tabs but no other control characters",
                "a.json: /extra/deep/x: contains a text-direction character (LEFT-TO-RIGHT ISOLATE, U+2066) at character 1, which can make text display differently from what it says; remove it",
                "a.json: /extra/k<U+001B>: the name of this answer contains a control character (ESC, U+001B) at character 2; this field is one line of text without control characters",
            ]
        );
    }

    #[test]
    fn a_rejected_value_is_quoted_at_most_200_characters() {
        // Regression: the whole 10 MB title was copied into the message (and from there into
        // summary.json and index.html).
        let found = problems_after(|app| {
            app["title"] = "x".repeat(10_000_000).into();
            app["reach"] = "y".repeat(10_000_000).into();
            app["id"] = format!("{}\u{1b}", "z".repeat(300)).into();
            app["municipalities"] = serde_json::json!(["q".repeat(1_000_000)]);
        });
        assert_eq!(found.len(), 5, "{found:#?}");
        for problem in &found {
            assert!(problem.chars().count() < 600, "{problem:.300}");
            for c in ["x", "y", "z", "q"] {
                assert!(!problem.contains(&c.repeat(201)), "{problem:.300}");
            }
        }
    }
}
