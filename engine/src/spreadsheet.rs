//! Text in a CSV file that a spreadsheet reads back as that same text.
//!
//! A spreadsheet opening a CSV file guesses what each field is: `0042` becomes the number 42,
//! `1E5` becomes 100000, `3-4` a date, a 19-digit id a rounded number, `=1+1` a formula that is
//! run. An application's id, its title and a pack's criterion ids are text and must come back as
//! written. Such a field is written as a formula whose result is the text, `="0042"` (`"` inside
//! doubled): LibreOffice and Excel both evaluate it to the exact text `0042` and show nothing
//! else, and the text inside the quotes is never run, whatever it holds. A leading apostrophe
//! (`'0042`) is not an alternative: Excel hides it only where it is typed, and LibreOffice's CSV
//! import keeps it as part of the text (checked with LibreOffice in `tests/spreadsheets.rs`).
//!
//! Which fields are protected is decided by [`misread`]: anything that may be taken for a number,
//! date, time, percentage, amount, truth value, error value or formula. Other text, such as the
//! ids `MIS-2025-015` or `A-1`, is written as it is, so tools reading the file see plain text.

use std::borrow::Cow;

/// The most UTF-16 units Excel accepts in one text constant of a formula; longer text is
/// written as several constants joined by `&`.
const MAX_CONSTANT: usize = 255;

/// Characters a number, date, time, percentage or amount is written with besides digits and
/// letters: signs, separators of decimals, groups, dates and times, brackets of a negative
/// amount, currency signs.
const VALUE_MARKS: &str = "+-.,/:%()$€£¥";

/// Month names in Danish, Swedish and English, as a spreadsheet in one of these languages reads
/// them in a date (`3-jan`, `maj 2025`): a word is taken for a month when it is the start of one
/// of these, at least three letters long.
const MONTHS: [&str; 23] = [
    "januar",
    "januari",
    "january",
    "februar",
    "februari",
    "february",
    "marts",
    "mars",
    "march",
    "april",
    "maj",
    "may",
    "juni",
    "june",
    "juli",
    "july",
    "august",
    "augusti",
    "september",
    "oktober",
    "october",
    "november",
    "december",
];

/// Words a spreadsheet in Danish, Swedish or English reads as a truth value.
const TRUTH_VALUES: [&str; 6] = ["true", "false", "sand", "falsk", "sant", "falskt"];

/// Words that may stand in a value beside its digits: a time's `am`/`pm`, the Danish and
/// Swedish currency `kr`.
const VALUE_WORDS: [&str; 3] = ["am", "pm", "kr"];

/// Whether a spreadsheet opening a CSV file may read `text` as something other than this text:
/// a formula (it starts with `=`, `+`, `-` or `@`), an error value (`#`), a truth value
/// (`TRUE`, `falsk`), or a number, date, time, percentage or amount — a field with a digit whose
/// other characters are spaces, [`VALUE_MARKS`], and at most one word that is an exponent's `E`,
/// a month, `am`/`pm` or `kr` (`0042`, `1E5`, `3-4`, `1/2`, `12:30`, `50 %`, `3-jan`, `500 kr.`).
pub fn misread(text: &str) -> bool {
    if text.starts_with(['=', '+', '-', '@', '#']) {
        return true;
    }
    let trimmed = text.trim();
    if TRUTH_VALUES.iter().any(|t| trimmed.eq_ignore_ascii_case(t)) {
        return true;
    }
    if !trimmed.bytes().any(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut words = trimmed
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty());
    let marks_only = trimmed
        .chars()
        .all(|c| c.is_alphanumeric() || c.is_whitespace() || VALUE_MARKS.contains(c));
    let digits_are_ascii = trimmed
        .chars()
        .filter(|c| c.is_numeric())
        .all(|c| c.is_ascii_digit());
    marks_only
        && digits_are_ascii
        && match (words.next(), words.next()) {
            (None, _) => true,
            (Some(word), None) => value_word(word),
            (Some(_), Some(_)) => false,
        }
}

/// Whether `word`, the one word in a field with digits, can be part of a value.
fn value_word(word: &str) -> bool {
    let word = word.to_lowercase();
    let month = |name: &&str| name.starts_with(&word) && word.chars().count() >= 3;
    word == "e" || VALUE_WORDS.contains(&word.as_str()) || MONTHS.iter().any(month)
}

/// `text` as a CSV field a spreadsheet reads back as exactly `text`: unchanged when it is not
/// [`misread`], else the formula `="text"` (`"` doubled; text longer than one formula constant
/// in pieces joined by `&`, `="…"&"…"`). The CSV writer then quotes the field, as it holds `"`.
pub fn protected(text: &str) -> Cow<'_, str> {
    if !misread(text) {
        return Cow::Borrowed(text);
    }
    let mut formula = String::with_capacity(text.len() + 8);
    formula.push('=');
    let mut units = 0;
    formula.push('"');
    for c in text.chars() {
        if units + c.len_utf16() > MAX_CONSTANT {
            formula.push_str("\"&\"");
            units = 0;
        }
        units += c.len_utf16();
        if c == '"' {
            formula.push_str("\"\"");
        } else {
            formula.push(c);
        }
    }
    formula.push('"');
    Cow::Owned(formula)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_a_spreadsheet_would_take_for_a_value_is_protected() {
        let misread_ones = [
            "0042",
            "42",
            "1E5",
            "1e-5",
            "3-4",
            "1/2",
            "1234567890123456789",
            "12:30",
            "1:30 PM",
            "50%",
            "(500)",
            "1.250.000,50",
            "3-jan",
            "Maj 2025",
            "okt-25",
            "500 kr.",
            " 42 ",
            "=1+1",
            "+45 1234",
            "-x",
            "@SUM(A1)",
            "#N/A",
            "TRUE",
            "falsk",
        ];
        for text in misread_ones {
            assert!(misread(text), "{text:?} is protected");
        }
        let plain = [
            "MIS-2025-015",
            "A-1",
            "KM-0042",
            "Sommerlejr 2025",
            "„Sønderjyske Stemmer“ – kor",
            "abc",
            "",
            "Ma 1",
            "2025: ny festival",
        ];
        for text in plain {
            assert!(!misread(text), "{text:?} is written as it is");
        }
    }

    #[test]
    fn protected_text_is_a_formula_whose_result_is_the_text() {
        assert_eq!(protected("MIS-1"), "MIS-1");
        assert_eq!(protected("0042"), "=\"0042\"");
        assert_eq!(protected("=HYPERLINK(\"x\")"), "=\"=HYPERLINK(\"\"x\"\")\"");
        let long = "=".repeat(300);
        let written = protected(&long);
        assert_eq!(
            written,
            format!("=\"{}\"&\"{}\"", "=".repeat(255), "=".repeat(45))
        );
    }
}
