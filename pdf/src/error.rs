//! What can stop a letter from becoming a PDF, told in Danish, English and Swedish.

use std::fmt;

kriterium_engine::translation_table! {
    /// A sentence about a letter that could not be made; `{name}` placeholders are filled by
    /// [`PdfError::message`].
    Msg {
        Shape => "brevets data kan ikke sættes op som PDF: {pointer} {problem}", "the letter's data cannot be set as a PDF: {pointer} {problem}", "brevets data kan inte sättas som PDF: {pointer} {problem}";
        Missing => "mangler", "is missing", "saknas";
        NotText => "skal være en tekst", "must be a text", "ska vara en text";
        NotTexts => "skal være en liste af tekster", "must be a list of texts", "ska vara en lista med texter";
        NotObject => "skal være et objekt med navngivne felter", "must be an object of named fields", "ska vara ett objekt med namngivna fält";
        NotList => "skal være en liste", "must be a list", "ska vara en lista";
        NotBlock => "skal have netop ét af felterne paragraph, list, quote eller table", "must have exactly one of the fields paragraph, list, quote or table", "ska ha exakt ett av fälten paragraph, list, quote eller table";
        NotAlign => "skal være »left« eller »right«", "must be \"left\" or \"right\"", "ska vara ”left” eller ”right”";
        Language => "er sproget »{value}«, men et brev kan skrives på da, en eller sv", "is the language \"{value}\", but a letter can be written in da, en or sv", "är språket ”{value}”, men ett brev kan skrivas på da, en eller sv";
        Cells => "har {count} celler, men tabellens overskrift har {width}", "has {count} cells, but the table's header has {width}", "har {count} celler, men tabellens rubrikrad har {width}";
        Date => "afgørelsens dato {date} findes ikke i kalenderen", "the decision's date {date} is not a day of the calendar", "beslutets datum {date} finns inte i kalendern";
        Typeset => "brevet kunne ikke sættes som PDF; det er en fejl i kriterium (brevskabelonen), ikke i dine data, så meld den gerne: {details}", "the letter could not be set as a PDF; this is a fault of kriterium (the letter template), not of your data, so please report it: {details}", "brevet kunde inte sättas som PDF; det är ett fel i kriterium (brevmallen), inte i dina data, så rapportera det gärna: {details}";
    }
}

/// Why a letter's PDF was not made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// The letter's JSON is not a LetterView: the value at `pointer` (a JSON pointer such as
    /// `/sections/1/blocks/0`, or `""` for the whole letter) has `problem`.
    Shape { pointer: String, problem: Problem },
    /// The decision's date is not a day of the calendar.
    Date { year: i32, month: u8, day: u8 },
    /// typst stopped with errors (`letter.typ:LINE:COLUMN: message` each): a fault of the
    /// template, since the data was checked before it ran.
    Typeset { diagnostics: Vec<String> },
}

/// What is wrong with one value of a letter's JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// A field the letter needs is absent.
    Missing,
    /// Not a string.
    NotText,
    /// Not a list of strings.
    NotTexts,
    /// Not a JSON object.
    NotObject,
    /// Not a JSON array.
    NotList,
    /// A block without exactly one of `paragraph`, `list`, `quote`, `table`.
    NotBlock,
    /// A column alignment other than `left` or `right`.
    NotAlign,
    /// A language with no words for it (not `da`, `en` or `sv`).
    Language(String),
    /// A table row (or the alignments) with `count` cells where the header has `width`.
    Cells { count: usize, width: usize },
}

impl PdfError {
    /// The error in `lang` (`da`, `en`, `sv`; English for any other).
    pub fn message(&self, lang: &str) -> String {
        match self {
            PdfError::Shape { pointer, problem } => {
                let pointer = if pointer.is_empty() { "/" } else { pointer };
                Msg::Shape.fill(
                    lang,
                    &[("pointer", pointer), ("problem", &problem.message(lang))],
                )
            }
            PdfError::Date { year, month, day } => {
                Msg::Date.fill(lang, &[("date", &format!("{year:04}-{month:02}-{day:02}"))])
            }
            PdfError::Typeset { diagnostics } => {
                Msg::Typeset.fill(lang, &[("details", &diagnostics.join("; "))])
            }
        }
    }
}

impl Problem {
    /// The problem in `lang`, to follow the value's JSON pointer.
    fn message(&self, lang: &str) -> String {
        match self {
            Problem::Missing => Msg::Missing.text(lang).to_owned(),
            Problem::NotText => Msg::NotText.text(lang).to_owned(),
            Problem::NotTexts => Msg::NotTexts.text(lang).to_owned(),
            Problem::NotObject => Msg::NotObject.text(lang).to_owned(),
            Problem::NotList => Msg::NotList.text(lang).to_owned(),
            Problem::NotBlock => Msg::NotBlock.text(lang).to_owned(),
            Problem::NotAlign => Msg::NotAlign.text(lang).to_owned(),
            Problem::Language(value) => Msg::Language.fill(lang, &[("value", value)]),
            Problem::Cells { count, width } => Msg::Cells.fill(
                lang,
                &[("count", &count.to_string()), ("width", &width.to_string())],
            ),
        }
    }
}

/// In English, for logs and `?` into `anyhow`; a user's message comes from [`PdfError::message`].
impl fmt::Display for PdfError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message("en"))
    }
}

impl std::error::Error for PdfError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_message_has_the_same_placeholders_and_its_own_words_in_each_language() {
        assert!(
            Msg::placeholders_differ().is_empty(),
            "{:?}",
            Msg::placeholders_differ()
        );
        // Danish and Swedish may share a word (»{text}«-like entries); English is never a copy.
        assert!(
            Msg::alike("da", "en").is_empty(),
            "{:?}",
            Msg::alike("da", "en")
        );
        assert!(
            Msg::alike("sv", "en").is_empty(),
            "{:?}",
            Msg::alike("sv", "en")
        );
    }

    #[test]
    fn a_shape_error_names_the_json_pointer_and_what_was_expected() {
        let error = PdfError::Shape {
            pointer: "/sections/0/blocks/2/table/rows/4".into(),
            problem: Problem::Cells { count: 3, width: 4 },
        };
        assert_eq!(
            error.message("da"),
            "brevets data kan ikke sættes op som PDF: /sections/0/blocks/2/table/rows/4 har 3 \
             celler, men tabellens overskrift har 4"
        );
        assert!(
            error
                .to_string()
                .contains("has 3 cells, but the table's header has 4")
        );
    }
}
