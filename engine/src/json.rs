//! Reading JSON so that a document means one thing: a key written twice in one object is an
//! error, never "the last one wins".
//!
//! serde_json keeps the last value of a repeated key silently, so an application whose first
//! `budget` says 20,000 could be assessed at the second one's 390,000. Every reader of a user's
//! JSON (applications, pack extension schemas, pack test cases, recorded decisions) goes through
//! [`parse`]. Valid input costs one ordinary parse: the repeat is noticed when the map is built
//! (`insert` returns the old value). Only then, on the rare error path, [`find_duplicate`] scans
//! the text again, tracking positions, to name the key's JSON pointer and both places.

use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde_json::{Map, Number, Value};
use serde_path_to_error::Segment;

use crate::problem::{Message, Wording, pointer_segment};
use crate::text::quote;

/// Why a text is not one JSON document.
#[derive(Debug)]
pub enum JsonError {
    /// Not JSON: serde_json's error, with its line and column.
    Syntax(serde_json::Error),
    /// A key written twice in the same object.
    Duplicate(Duplicate),
}

/// A key written twice in one object, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Duplicate {
    /// JSON pointer of the repeated key (`/budget`, `/extra/club/name`).
    pub pointer: String,
    /// The key as the document means it (escapes decoded).
    pub key: String,
    /// Line and column (1-based, column in characters) of the first occurrence's opening quote.
    pub first: (usize, usize),
    /// Line and column of the second occurrence's opening quote.
    pub second: (usize, usize),
}

impl Duplicate {
    /// The message, in plain words, without the file name: positions on one line are given as
    /// columns alone, since a JSON Lines line is placed by its caller.
    pub fn message(&self) -> Message {
        let at = |(line, column): (usize, usize)| {
            if self.first.0 == self.second.0 {
                Message::of(Wording::AtColumn).with("column", column)
            } else {
                Message::of(Wording::AtLineColumn)
                    .with("line", line)
                    .with("column", column)
            }
        };
        Message::of(Wording::DuplicateKey)
            .with("key", quote(&self.key))
            .with("first", at(self.first))
            .with("again", at(self.second))
    }
}

/// The marker our visitor puts into serde_json's error, to tell a repeat from a syntax error.
const DUPLICATE_MARKER: &str = "\u{1}kriterium duplicate key";

/// Parses one JSON document, refusing a key repeated in any object.
///
/// # Errors
/// [`JsonError::Syntax`] when the text is not JSON (serde_json's message and position), or
/// [`JsonError::Duplicate`] with the first repeated key in reading order.
pub fn parse(text: &str) -> Result<Value, JsonError> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let parsed = UniqueKeys
        .deserialize(&mut deserializer)
        .and_then(|value| deserializer.end().map(|()| value));
    match parsed {
        Ok(value) => Ok(value),
        Err(e) if e.is_data() && e.to_string().starts_with(DUPLICATE_MARKER) => {
            match find_duplicate(text) {
                Some(duplicate) => Err(JsonError::Duplicate(duplicate)),
                // The scan and serde_json agree on JSON; this is a safety net, not a path,
                // and it must not show our marker.
                None => Err(JsonError::Syntax(de::Error::custom(
                    "a key is written twice in the same object",
                ))),
            }
        }
        Err(e) => Err(JsonError::Syntax(e)),
    }
}

/// Builds a `serde_json::Value` like serde_json does, except that a repeated key is an error.
#[derive(Clone, Copy)]
struct UniqueKeys;

impl<'de> DeserializeSeed<'de> for UniqueKeys {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for UniqueKeys {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        // serde_json never hands over a non-finite float from JSON text.
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        self.deserialize(deserializer)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(item) = seq.next_element_seed(UniqueKeys)? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut values = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let value = map.next_value_seed(UniqueKeys)?;
            // `insert` hands back the earlier value of a repeated key: no extra lookup.
            if values.insert(key, value).is_some() {
                return Err(de::Error::custom(DUPLICATE_MARKER));
            }
        }
        Ok(Value::Object(values))
    }
}

/// Finds the first key repeated in an object, in reading order, with both positions. `None`
/// when there is none (or the text stops being JSON before one is found).
///
/// Only called after a parse found a repeat, so it may be slower than the parse itself.
pub fn find_duplicate(text: &str) -> Option<Duplicate> {
    let mut scan = Scan {
        text,
        at: 0,
        line: 1,
        column: 1,
    };
    match scan.value("", 0) {
        Found::Duplicate(d) => Some(d),
        Found::Nothing | Found::Broken => None,
    }
}

/// The outcome of scanning one value.
enum Found {
    Nothing,
    Duplicate(Duplicate),
    Broken,
}

/// A cursor over JSON text that knows its line and column.
struct Scan<'a> {
    text: &'a str,
    at: usize,
    line: usize,
    column: usize,
}

/// Deeper than serde_json's own limit (128), so anything it parsed is scanned.
const MAX_DEPTH: usize = 256;

impl Scan<'_> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn bump(&mut self) {
        if let Some(b) = self.peek() {
            self.at += 1;
            if b == b'\n' {
                self.line += 1;
                self.column = 1;
            } else if b & 0xC0 != 0x80 {
                // A byte that starts a character (not a UTF-8 continuation byte).
                self.column += 1;
            }
        }
    }

    fn skip_space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.bump();
        }
    }

    /// Skips a string starting at its opening quote; returns its decoded text.
    fn string(&mut self) -> Option<String> {
        let start = self.at;
        self.bump();
        loop {
            match self.peek()? {
                b'"' => {
                    self.bump();
                    break;
                }
                b'\\' => {
                    self.bump();
                    self.bump();
                }
                _ => self.bump(),
            }
        }
        serde_json::from_str(&self.text[start..self.at]).ok()
    }

    fn value(&mut self, pointer: &str, depth: usize) -> Found {
        if depth > MAX_DEPTH {
            return Found::Broken;
        }
        self.skip_space();
        match self.peek() {
            Some(b'{') => self.object(pointer, depth),
            Some(b'[') => self.array(pointer, depth),
            Some(b'"') => match self.string() {
                Some(_) => Found::Nothing,
                None => Found::Broken,
            },
            Some(_) => {
                // A number, `true`, `false` or `null`: up to the next delimiter.
                while self.peek().is_some_and(|b| {
                    !matches!(b, b',' | b']' | b'}' | b' ' | b'\t' | b'\n' | b'\r')
                }) {
                    self.bump();
                }
                Found::Nothing
            }
            None => Found::Broken,
        }
    }

    fn array(&mut self, pointer: &str, depth: usize) -> Found {
        self.bump();
        let mut index = 0usize;
        loop {
            self.skip_space();
            match self.peek() {
                Some(b']') => {
                    self.bump();
                    return Found::Nothing;
                }
                Some(b',') => self.bump(),
                Some(_) => {
                    match self.value(&format!("{pointer}/{index}"), depth + 1) {
                        Found::Nothing => {}
                        other => return other,
                    }
                    index += 1;
                }
                None => return Found::Broken,
            }
        }
    }

    fn object(&mut self, pointer: &str, depth: usize) -> Found {
        self.bump();
        let mut seen: std::collections::HashMap<String, (usize, usize)> =
            std::collections::HashMap::new();
        loop {
            self.skip_space();
            match self.peek() {
                Some(b'}') => {
                    self.bump();
                    return Found::Nothing;
                }
                Some(b',') => self.bump(),
                Some(b'"') => {
                    let place = (self.line, self.column);
                    let Some(key) = self.string() else {
                        return Found::Broken;
                    };
                    let here = format!("{pointer}/{}", pointer_segment(&key));
                    if let Some(&first) = seen.get(&key) {
                        return Found::Duplicate(Duplicate {
                            pointer: here,
                            key,
                            first,
                            second: place,
                        });
                    }
                    self.skip_space();
                    if self.peek() != Some(b':') {
                        return Found::Broken;
                    }
                    self.bump();
                    match self.value(&here, depth + 1) {
                        Found::Nothing => {}
                        other => return other,
                    }
                    seen.insert(key, place);
                }
                _ => return Found::Broken,
            }
        }
    }
}

/// A value that does not fit the typed model, with where it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeMismatch {
    /// JSON pointer of the value (`/budget/requested`; empty for the whole document).
    pub pointer: String,
    /// What was expected and what was found, in plain words.
    pub message: Message,
}

/// Converts a parsed document into its typed model, naming the JSON pointer of the value that
/// does not fit (serde_json alone says only "invalid type: floating point, expected u64").
///
/// # Errors
/// The first value, in reading order, that does not fit, as a [`TypeMismatch`].
pub fn typed<T: DeserializeOwned>(value: &Value) -> Result<T, TypeMismatch> {
    // Tracking the path costs an allocation per key read, so it is done only to explain a
    // failure: a value that fits is read once, without it.
    if let Ok(typed) = T::deserialize(value) {
        return Ok(typed);
    }
    serde_path_to_error::deserialize(value).map_err(|error| {
        let mut pointer = String::new();
        for segment in error.path().iter() {
            match segment {
                Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
                Segment::Map { key } => {
                    pointer.push('/');
                    pointer.push_str(&pointer_segment(key));
                }
                Segment::Enum { .. } | Segment::Unknown => {}
            }
        }
        TypeMismatch {
            pointer,
            message: plain_serde_message(&error.inner().to_string()),
        }
    })
}

/// serde's "invalid type: floating point `1.5`, expected u64" in our words: the Rust type
/// names become what a person writes. serde's wording of anything else stays as it is.
fn plain_serde_message(message: &str) -> Message {
    let range = |min: &str, max: &str| {
        Message::of(Wording::WholeNumberFromTo)
            .with("min", min)
            .with("max", max)
    };
    // serde quotes a rejected string whole: cut what was found, never what was expected.
    let (found, expected) = match message.split_once(", expected ") {
        Some((found, expected)) => (found, expected),
        None => return Message::plain(quote(message)),
    };
    let expected = match expected {
        "u64" => range("0", "18446744073709551615"),
        "u32" => range("0", "4294967295"),
        "u16" => range("0", "65535"),
        "u8" => range("0", "255"),
        "i64" => range("-9223372036854775808", "9223372036854775807"),
        "i32" => range("-2147483648", "2147483647"),
        "usize" => Message::of(Wording::WholeNumberNotNegative),
        "a string" => Message::of(Wording::AText),
        other => Message::plain(other),
    };
    let found = quote(found);
    let found = found
        .trim_start_matches("invalid type: ")
        .trim_start_matches("invalid value: ");
    let kinds = [
        ("a string", Wording::TextFound),
        ("floating point", Wording::TheNumberFound),
        ("integer", Wording::TheNumberFound),
    ];
    let found = kinds
        .iter()
        .find_map(|(rust, wording)| {
            found
                .strip_prefix(rust)
                .map(|rest| Message::of(*wording).with("rest", rest))
        })
        .unwrap_or_else(|| Message::plain(found));
    Message::of(Wording::Expected)
        .with("expected", expected)
        .with("found", found)
}

/// serde_json's syntax error in our words, without its position (a problem gives that as its
/// line and column). Text after a whole first application is most often a second one: a file of
/// one application per line, which is read as such when named `.jsonl`. A wording serde_json
/// adds in a later version is shown as it gives it.
pub fn syntax_message(error: &serde_json::Error) -> Message {
    let text = error.to_string();
    let text = match text.rfind(" at line ") {
        Some(i) => &text[..i],
        None => &text,
    };
    let wording = match text {
        "trailing characters" => Wording::TrailingAfterApplication,
        "EOF while parsing a list" => Wording::EofList,
        "EOF while parsing an object" => Wording::EofObject,
        "EOF while parsing a string" => Wording::EofString,
        "EOF while parsing a value" => Wording::EofValue,
        "expected `:`" => Wording::ExpectedColon,
        "expected `,` or `]`" => Wording::ExpectedCommaOrBracket,
        "expected `,` or `}`" => Wording::ExpectedCommaOrBrace,
        "expected value" => Wording::ExpectedValue,
        "expected ident" => Wording::ExpectedIdent,
        "expected `\"`" => Wording::ExpectedQuote,
        "invalid escape" => Wording::InvalidEscape,
        "invalid number" => Wording::InvalidNumber,
        "number out of range" => Wording::NumberOutOfRange,
        "invalid unicode code point" => Wording::InvalidUnicode,
        "control character (\\u0000-\\u001F) found while parsing a string" => {
            Wording::ControlInString
        }
        "key must be a string" => Wording::KeyMustBeString,
        "trailing comma" => Wording::TrailingComma,
        "recursion limit exceeded" => Wording::RecursionLimit,
        other => return Message::plain(other),
    };
    Message::of(wording)
}

/// Rewrites every whole number written with a decimal point or an exponent (`60000.0`, `2e4`,
/// `1.5e4`) as the integer it is, so that what JSON Schema's `integer` accepts the typed model
/// accepts too, and `60000.0` and `60000` are the same application (same fingerprint, same
/// value in scripts). Only numbers up to 2^53 are rewritten: beyond that a double no longer
/// holds every whole number, so the written digits may not be the value read, and such a number
/// stays as it is for the checks that refuse it.
pub fn whole_numbers_as_integers(value: &mut Value) {
    /// 2^53: every whole number up to here is exact in a double.
    const EXACT: f64 = 9_007_199_254_740_992.0;
    match value {
        Value::Number(n) if n.is_f64() => {
            if let Some(f) = n.as_f64()
                && f.fract() == 0.0
                && f.abs() <= EXACT
            {
                // INVARIANT: |f| <= 2^53, so the cast is exact.
                *value = Value::Number((f as i64).into());
            }
        }
        Value::Array(items) => items.iter_mut().for_each(whole_numbers_as_integers),
        Value::Object(map) => map.values_mut().for_each(whole_numbers_as_integers),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn duplicate(text: &str) -> Duplicate {
        match parse(text) {
            Err(JsonError::Duplicate(d)) => d,
            other => panic!("expected a duplicate, got {other:?}"),
        }
    }

    #[test]
    fn valid_json_parses_as_serde_json_does() {
        let text = r#"{"a": [1, -2, 2.5, 1e400000, "ø\u0041", null, true], "b": {"c": {}}, "d": 18446744073709551615}"#;
        // 1e400000 is out of range: both parsers must refuse it alike.
        assert!(parse(text).is_err());
        let text = r#"{"a": [1, -2, 2.5, 60000.0, "ø\u0041", null, true], "b": {"c": {}}, "d": 18446744073709551615}"#;
        let ours = parse(text).unwrap();
        let theirs: Value = serde_json::from_str(text).unwrap();
        assert_eq!(ours, theirs);
        assert_eq!(
            serde_json::to_string(&ours).unwrap(),
            serde_json::to_string(&theirs).unwrap()
        );
    }

    #[test]
    fn a_repeated_key_is_refused_with_its_pointer_and_both_places() {
        let text =
            "{\n  \"budget\": {\"requested\": 20000,\n    \"total\": 1},\n  \"budget\": 3\n}";
        let d = duplicate(text);
        assert_eq!(d.pointer, "/budget");
        assert_eq!((d.first, d.second), ((2, 3), (4, 3)));
        assert_eq!(
            d.message().to_string(),
            "the key `budget` is written twice in the same object (first at line 2, column 3, \
             again at line 4, column 3); keep one, since otherwise it is unclear which value is meant"
        );
    }

    #[test]
    fn a_repeat_deep_inside_is_found_through_lists_and_escapes() {
        // `\u0061` is `a`: the same key, however it is written. Columns count characters.
        let d = duplicate(r#"{"ø": 1, "extra": {"list": [0, {"a": 1, "x/y": 2, "\u0061": 3}]}}"#);
        assert_eq!(d.pointer, "/extra/list/1/a");
        assert_eq!(d.key, "a");
        assert_eq!((d.first, d.second), ((1, 33), (1, 51)));
        assert!(
            d.message()
                .to_string()
                .contains("(first at column 33, again at column 51)")
        );
    }

    #[test]
    fn the_same_key_in_different_objects_is_fine() {
        assert!(parse(r#"{"a": {"a": 1}, "b": [{"a": 1}, {"a": 2}]}"#).is_ok());
    }

    #[test]
    fn trailing_text_and_syntax_errors_stay_syntax_errors() {
        assert!(matches!(parse("{} x"), Err(JsonError::Syntax(_))));
        assert!(matches!(parse(r#"{"a": 1,}"#), Err(JsonError::Syntax(_))));
        // A repeat after which the text breaks is still reported as the repeat it is.
        assert!(matches!(
            parse(r#"{"a": 1, "a": 2, "#),
            Err(JsonError::Duplicate(_))
        ));
    }

    #[test]
    fn whole_numbers_however_written_become_integers() {
        let mut v: Value = serde_json::from_str(
            r#"{"a": 60000.0, "b": [2e4, 1.5e4, -3.0], "c": 1.5, "d": 1e300}"#,
        )
        .unwrap();
        whole_numbers_as_integers(&mut v);
        assert_eq!(
            v.to_string(),
            r#"{"a":60000,"b":[20000,15000,-3],"c":1.5,"d":1e+300}"#
        );
    }

    #[test]
    fn a_value_that_does_not_fit_the_model_is_named_by_its_pointer() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Inner {
            n: u32,
        }
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Outer {
            items: Vec<Inner>,
        }
        let v = serde_json::json!({"items": [{"n": 1}, {"n": 5000000000u64}]});
        let e = typed::<Outer>(&v).unwrap_err();
        assert_eq!(e.pointer, "/items/1/n");
        assert_eq!(
            e.message.to_string(),
            "expected a whole number from 0 to 4294967295, found the number `5000000000`"
        );
    }

    #[test]
    fn a_huge_rejected_string_is_cut_in_a_typed_error() {
        let e = typed::<u64>(&Value::String("x".repeat(10_000))).unwrap_err();
        let message = e.message.to_string();
        assert!(message.len() < 300, "{message}");
        assert!(
            message.starts_with("expected a whole number from 0 to"),
            "{message}"
        );
    }
}
