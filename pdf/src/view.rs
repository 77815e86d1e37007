//! The letter's JSON as the template reads it: checked against the LetterView shape, and with
//! every string made printable.
//!
//! The check runs before typst, so a wrong shape is told with its JSON pointer instead of as an
//! error inside `letter.typ`. Only the fields the template reads are passed on.
//!
//! Printable: PDF/A forbids a character drawn with no glyph, and the embedded fonts have none
//! for, say, an emoji in an applicant's title. Such a character is written as its code point,
//! `[U+1F3B5]`, so the letter is still made and shows that something stood there (nothing is
//! dropped silently). Line ends `\r\n` and `\r` become `\n`, a tab a space.

use serde_json::{Map, Value};

use crate::error::{PdfError, Problem};
use crate::fonts::FONTS;

/// The template's input: the checked JSON's bytes, and the case number (the PDF's identifier).
pub struct Printable {
    /// The LetterView as JSON, with only the fields the template reads.
    pub json: Vec<u8>,
    /// The letter's case number, as written in it.
    pub case_number: String,
}

/// The letter made ready for the template.
///
/// # Errors
/// [`PdfError::Shape`] with the JSON pointer of the first value that is not as a LetterView has
/// it.
pub fn printable(letter: &Value) -> Result<Printable, PdfError> {
    let at = Place::root();
    let fields = object(letter, &at)?;
    let lang = text(fields, &at, "lang")?;
    if !kriterium_engine::labels::LANGUAGES.contains(&lang.as_str()) {
        return Err(at.field("lang").problem(Problem::Language(lang)));
    }
    let labels_at = at.field("labels");
    let labels = object(field(fields, &at, "labels")?, &labels_at)?;
    let mut labels_out = Map::new();
    for name in ["date", "case", "page", "of", "appendix"] {
        labels_out.insert(name.into(), Value::String(text(labels, &labels_at, name)?));
    }
    let case_number = text(fields, &at, "case_number")?;
    let mut out = Map::new();
    out.insert("lang".into(), Value::String(lang));
    out.insert("labels".into(), Value::Object(labels_out));
    out.insert("case_number".into(), Value::String(case_number.clone()));
    for name in ["date_text", "title"] {
        out.insert(name.into(), Value::String(text(fields, &at, name)?));
    }
    for name in ["sender", "recipient", "signature"] {
        out.insert(
            name.into(),
            Value::Array(texts(field(fields, &at, name)?, &at.field(name))?),
        );
    }
    for name in ["sections", "appendix"] {
        out.insert(
            name.into(),
            sections(field(fields, &at, name)?, &at.field(name))?,
        );
    }
    let json = serde_json::to_vec(&Value::Object(out))
        .expect("a JSON value made of strings, lists and objects always serialises");
    Ok(Printable { json, case_number })
}

/// A JSON pointer being walked, for the error that names where a value is.
struct Place(String);

impl Place {
    fn root() -> Self {
        Place(String::new())
    }

    fn field(&self, name: &str) -> Place {
        Place(format!("{}/{name}", self.0))
    }

    fn index(&self, i: usize) -> Place {
        Place(format!("{}/{i}", self.0))
    }

    fn problem(&self, problem: Problem) -> PdfError {
        PdfError::Shape {
            pointer: self.0.clone(),
            problem,
        }
    }
}

fn object<'v>(value: &'v Value, at: &Place) -> Result<&'v Map<String, Value>, PdfError> {
    value
        .as_object()
        .ok_or_else(|| at.problem(Problem::NotObject))
}

fn list<'v>(value: &'v Value, at: &Place) -> Result<&'v Vec<Value>, PdfError> {
    value.as_array().ok_or_else(|| at.problem(Problem::NotList))
}

fn field<'v>(
    fields: &'v Map<String, Value>,
    at: &Place,
    name: &str,
) -> Result<&'v Value, PdfError> {
    fields
        .get(name)
        .ok_or_else(|| at.field(name).problem(Problem::Missing))
}

/// The string field `name`, printable.
fn text(fields: &Map<String, Value>, at: &Place, name: &str) -> Result<String, PdfError> {
    let value = field(fields, at, name)?;
    value
        .as_str()
        .map(printable_text)
        .ok_or_else(|| at.field(name).problem(Problem::NotText))
}

/// A list of strings, printable.
fn texts(value: &Value, at: &Place) -> Result<Vec<Value>, PdfError> {
    let items = value
        .as_array()
        .ok_or_else(|| at.problem(Problem::NotTexts))?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| {
            item.as_str()
                .map(|s| Value::String(printable_text(s)))
                .ok_or_else(|| at.index(i).problem(Problem::NotText))
        })
        .collect()
}

/// `sections` or `appendix`: a list of `{heading, blocks}`.
fn sections(value: &Value, at: &Place) -> Result<Value, PdfError> {
    let mut out = Vec::new();
    for (i, section) in list(value, at)?.iter().enumerate() {
        let at = at.index(i);
        let fields = object(section, &at)?;
        let heading = text(fields, &at, "heading")?;
        let blocks_at = at.field("blocks");
        let blocks = list(field(fields, &at, "blocks")?, &blocks_at)?
            .iter()
            .enumerate()
            .map(|(j, b)| block(b, &blocks_at.index(j)))
            .collect::<Result<Vec<_>, _>>()?;
        let mut section = Map::new();
        section.insert("heading".into(), Value::String(heading));
        section.insert("blocks".into(), Value::Array(blocks));
        out.push(Value::Object(section));
    }
    Ok(Value::Array(out))
}

/// One block: exactly one of `paragraph`, `list`, `quote`, `table`.
fn block(value: &Value, at: &Place) -> Result<Value, PdfError> {
    let fields = object(value, at)?;
    let kinds = ["paragraph", "list", "quote", "table"];
    let mut present = kinds
        .iter()
        .filter_map(|&kind| Some((kind, fields.get(kind)?)));
    let (Some((kind, value)), None) = (present.next(), present.next()) else {
        return Err(at.problem(Problem::NotBlock));
    };
    let content = match kind {
        "paragraph" => Value::String(
            value
                .as_str()
                .map(printable_text)
                .ok_or_else(|| at.field(kind).problem(Problem::NotText))?,
        ),
        "list" => Value::Array(texts(value, &at.field(kind))?),
        "quote" => {
            let quote_at = at.field(kind);
            let quote = object(value, &quote_at)?;
            let mut out = Map::new();
            for name in ["label", "text"] {
                out.insert(name.into(), Value::String(text(quote, &quote_at, name)?));
            }
            Value::Object(out)
        }
        _ => table(value, &at.field(kind))?,
    };
    let mut out = Map::new();
    out.insert(kind.into(), content);
    Ok(Value::Object(out))
}

/// A table: `header`, `align` (`left`/`right`) and `rows`, each as wide as the header.
fn table(value: &Value, at: &Place) -> Result<Value, PdfError> {
    let fields = object(value, at)?;
    let header = texts(field(fields, at, "header")?, &at.field("header"))?;
    let width = header.len();
    let align_at = at.field("align");
    let align = list(field(fields, at, "align")?, &align_at)?;
    if align.len() != width {
        return Err(align_at.problem(Problem::Cells {
            count: align.len(),
            width,
        }));
    }
    for (i, a) in align.iter().enumerate() {
        if !matches!(a.as_str(), Some("left" | "right")) {
            return Err(align_at.index(i).problem(Problem::NotAlign));
        }
    }
    let rows_at = at.field("rows");
    let mut rows = Vec::new();
    for (i, row) in list(field(fields, at, "rows")?, &rows_at)?
        .iter()
        .enumerate()
    {
        let row = texts(row, &rows_at.index(i))?;
        if row.len() != width {
            let count = row.len();
            return Err(rows_at.index(i).problem(Problem::Cells { count, width }));
        }
        rows.push(Value::Array(row));
    }
    let mut out = Map::new();
    out.insert("header".into(), Value::Array(header));
    out.insert("align".into(), Value::Array(align.clone()));
    out.insert("rows".into(), Value::Array(rows));
    Ok(Value::Object(out))
}

/// `s` with line ends as `\n`, tabs as spaces, each other control character and bidirectional
/// control as `<U+202E>` (as the HTML and Markdown letters show it), and each character no
/// embedded font can draw written as its code point (`[U+1F3B5]`).
fn printable_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                chars.next_if_eq(&'\n');
                out.push('\n');
            }
            '\n' => out.push('\n'),
            '\t' => out.push(' '),
            // A control or bidirectional control is shown as its code point, as the HTML and
            // Markdown letters show it (`<U+202E>`): an override would turn the rest of a
            // paragraph around.
            c if kriterium_engine::text::forbidden(c) => {
                out.push_str(&format!("<U+{:04X}>", u32::from(c)));
            }
            // typst draws no glyph for a default-ignorable character (a zero-width space, a
            // soft hyphen's kin), so none is missing.
            c if FONTS.covers(c) || typst::text::is_default_ignorable(c) => out.push(c),
            c => out.push_str(&format!("[U+{:04X}]", u32::from(c))),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn minimal() -> Value {
        json!({
            "lang": "da", "date": "2025-03-14",
            "labels": {"date": "Dato", "case": "Sagsnummer", "page": "Side", "of": "af", "appendix": "Bilag"},
            "date_text": "14. marts 2025", "case_number": "X-1",
            "sender": ["A"], "recipient": ["B"], "title": "T",
            "sections": [{"heading": "H", "blocks": [
                {"table": {"header": ["a", "b"], "align": ["left", "right"], "rows": [["1", "2"]]}}
            ]}],
            "signature": [], "appendix": []
        })
    }

    fn shape_error(letter: &Value) -> (String, Problem) {
        match printable(letter) {
            Err(PdfError::Shape { pointer, problem }) => (pointer, problem),
            Err(other) => panic!("another error: {other}"),
            Ok(_) => panic!("accepted"),
        }
    }

    #[test]
    fn a_letter_of_the_right_shape_passes() {
        let p = printable(&minimal()).unwrap();
        assert_eq!(p.case_number, "X-1");
    }

    #[test]
    fn each_wrong_value_is_named_by_its_json_pointer() {
        let mut letter = minimal();
        letter["sections"][0]["blocks"][0]["table"]["rows"][0] = json!(["1"]);
        assert_eq!(
            shape_error(&letter),
            (
                "/sections/0/blocks/0/table/rows/0".into(),
                Problem::Cells { count: 1, width: 2 }
            )
        );
        let mut letter = minimal();
        letter["sections"][0]["blocks"][0]["table"]["align"][1] = json!("centre");
        assert_eq!(
            shape_error(&letter),
            (
                "/sections/0/blocks/0/table/align/1".into(),
                Problem::NotAlign
            )
        );
        let mut letter = minimal();
        letter["sections"][0]["blocks"][0] = json!({"paragraph": "a", "list": ["b"]});
        assert_eq!(
            shape_error(&letter),
            ("/sections/0/blocks/0".into(), Problem::NotBlock)
        );
        let mut letter = minimal();
        letter["sender"][0] = json!(3);
        assert_eq!(shape_error(&letter), ("/sender/0".into(), Problem::NotText));
        let mut letter = minimal();
        letter.as_object_mut().unwrap().remove("appendix");
        assert_eq!(shape_error(&letter), ("/appendix".into(), Problem::Missing));
        let mut letter = minimal();
        letter["lang"] = json!("de");
        assert_eq!(
            shape_error(&letter),
            ("/lang".into(), Problem::Language("de".into()))
        );
    }

    #[test]
    fn a_character_no_font_can_draw_is_written_as_its_code_point_and_line_ends_are_unified() {
        assert_eq!(
            printable_text("Musik 🎵 for alle"),
            "Musik [U+1F3B5] for alle"
        );
        assert_eq!(printable_text("a\r\nb\rc\td"), "a\nb\nc d");
        assert_eq!(printable_text("»Æblegården« – ÅØ"), "»Æblegården« – ÅØ");
        assert_eq!(
            printable_text("a\u{200B}b\u{200D}c\u{AD}d"),
            "a\u{200B}b\u{200D}c\u{AD}d"
        );
    }

    /// A right-to-left override in a title would turn the rest of its paragraph around in the
    /// PDF; like an escape character it is shown as its code point, as in the HTML letter.
    #[test]
    fn controls_and_bidirectional_controls_are_shown_not_obeyed() {
        assert_eq!(
            printable_text("Vej\u{202E}redna\u{1B}[31m"),
            "Vej<U+202E>redna<U+001B>[31m"
        );
        assert_eq!(printable_text("a\u{2066}b\u{85}c"), "a<U+2066>b<U+0085>c");
    }
}
