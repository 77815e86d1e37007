//! TOML turned into JSON for schema validation, remembering where each value was written.
//!
//! The manifest is validated against a JSON Schema, whose errors name JSON pointers. Users edit
//! TOML, so every pointer is mapped back to the line and column of the value in `pack.toml`.

use std::collections::BTreeMap;
use std::ops::Range;

use serde_json::{Map, Number, Value};
use toml::de::{DeTable, DeValue};

use crate::problem::{Problem, line_column};

/// A TOML document as JSON, with the byte span of every value by JSON pointer.
pub struct SpannedJson {
    /// The document as JSON.
    pub value: Value,
    spans: BTreeMap<String, Range<usize>>,
    /// Numbers JSON cannot hold (`nan`, `inf`, integers beyond 64 bits), by pointer, with what
    /// is wrong with each. In `value` they stand as their text.
    unusable: BTreeMap<String, String>,
}

impl SpannedJson {
    /// Parses TOML; on a syntax error, returns its byte offset (if known) and message.
    pub fn parse(text: &str) -> Result<SpannedJson, (Option<usize>, String)> {
        let table = DeTable::parse(text).map_err(|e| {
            let message = e.message().trim().to_string();
            (e.span().map(|s| s.start), message)
        })?;
        let mut found = Found::default();
        found.spans.insert(String::new(), table.span());
        let value = convert_table(table.get_ref(), "", &mut found);
        Ok(SpannedJson {
            value,
            spans: found.spans,
            unusable: found.unusable,
        })
    }

    /// Every number written that no JSON number can hold (`nan`, `inf`, an integer beyond 64
    /// bits), as (pointer, what is wrong), in document order of pointers. A schema would call
    /// them strings, since they stand in `value` as their text; these messages call them the
    /// numbers they are.
    pub fn unusable_numbers(&self) -> impl Iterator<Item = (&str, &str)> {
        self.unusable
            .iter()
            .map(|(pointer, message)| (pointer.as_str(), message.as_str()))
    }

    /// The byte offset of the value at `pointer`, or of its nearest written parent.
    pub fn offset(&self, pointer: &str) -> usize {
        let mut pointer = pointer;
        loop {
            if let Some(span) = self.spans.get(pointer) {
                return span.start;
            }
            match pointer.rfind('/') {
                Some(i) => pointer = &pointer[..i],
                None => return 0,
            }
        }
    }
}

/// What a conversion collects besides the value.
#[derive(Default)]
struct Found {
    spans: BTreeMap<String, Range<usize>>,
    unusable: BTreeMap<String, String>,
}

fn convert_table(table: &DeTable<'_>, pointer: &str, found: &mut Found) -> Value {
    let mut map = Map::new();
    for (key, value) in table.iter() {
        let key = key.get_ref().to_string();
        let child = format!("{pointer}/{}", crate::problem::pointer_segment(&key));
        found.spans.insert(child.clone(), value.span());
        map.insert(key, convert(value.get_ref(), &child, found));
    }
    Value::Object(map)
}

fn convert(value: &DeValue<'_>, pointer: &str, found: &mut Found) -> Value {
    match value {
        DeValue::String(s) => Value::String(s.to_string()),
        DeValue::Integer(i) => {
            let digits = i.as_str().replace('_', "");
            match i64::from_str_radix(
                digits
                    .trim_start_matches("0x")
                    .trim_start_matches("0o")
                    .trim_start_matches("0b"),
                i.radix(),
            ) {
                Ok(n) => Value::Number(n.into()),
                Err(_) => {
                    found.unusable.insert(
                        pointer.to_string(),
                        format!(
                            "the number {} is too large; whole numbers go up to {}",
                            quoted(i.as_str()),
                            i64::MAX
                        ),
                    );
                    Value::String(i.as_str().to_string())
                }
            }
        }
        DeValue::Float(f) => {
            let text = f.as_str().replace('_', "");
            match text.parse::<f64>().ok().and_then(Number::from_f64) {
                Some(n) => Value::Number(n),
                None => {
                    let what = if text.contains("nan") {
                        "is \"not a number\""
                    } else {
                        "is infinite"
                    };
                    found.unusable.insert(
                        pointer.to_string(),
                        format!(
                            "the number {} {what}; write a finite number such as 1.5",
                            quoted(f.as_str())
                        ),
                    );
                    Value::String(f.as_str().to_string())
                }
            }
        }
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let child = format!("{pointer}/{i}");
                    found.spans.insert(child.clone(), item.span());
                    convert(item.get_ref(), &child, found)
                })
                .collect(),
        ),
        DeValue::Table(t) => convert_table(t, pointer, found),
    }
}

/// The syntax error `SpannedJson::parse` returned, as a problem of the file `name` (whose text
/// is `text`): at its line and column when the parser knows the place, else of the file as a
/// whole, never at a made-up place.
pub(crate) fn syntax_problem(
    name: &str,
    text: &str,
    (offset, message): (Option<usize>, String),
) -> Problem {
    let message = format!("invalid TOML: {message}");
    match offset {
        Some(offset) => {
            let (line, column) = line_column(text, offset);
            Problem::at(name, line, column, message)
        }
        None => Problem::in_file(name, message),
    }
}

/// A number's text in backquotes, cut after 200 characters (a TOML number has no length limit).
fn quoted(text: &str) -> String {
    format!("`{}`", crate::text::quote(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_values_and_remembers_where_they_are() {
        let text = "id = \"x\"\nweight = 1.25\n\n[[criteria]]\nid = \"a\"\nmax_points = 5\n";
        let doc = SpannedJson::parse(text).unwrap();
        assert_eq!(doc.value["weight"], serde_json::json!(1.25));
        assert_eq!(doc.value["criteria"][0]["max_points"], serde_json::json!(5));
        let offset = doc.offset("/criteria/0/max_points");
        assert_eq!(crate::problem::line_column(text, offset), (6, 14));
        // A pointer below a written value falls back to that value.
        assert_eq!(doc.offset("/criteria/0/max_points/x"), offset);
    }

    #[test]
    fn syntax_errors_carry_an_offset() {
        let (offset, message) = SpannedJson::parse("id = \"x\"\nweight = = 2\n")
            .err()
            .unwrap();
        assert!(offset.is_some());
        assert!(!message.is_empty());
    }

    #[test]
    fn numbers_json_cannot_hold_are_called_numbers() {
        let doc =
            SpannedJson::parse("a = nan\nb = -inf\nc = 99999999999999999999\nd = 1.5\n").unwrap();
        let found: Vec<(&str, &str)> = doc.unusable_numbers().collect();
        assert_eq!(
            found,
            vec![
                (
                    "/a",
                    "the number `nan` is \"not a number\"; write a finite number such as 1.5"
                ),
                (
                    "/b",
                    "the number `-inf` is infinite; write a finite number such as 1.5"
                ),
                (
                    "/c",
                    "the number `99999999999999999999` is too large; whole numbers go up to 9223372036854775807"
                ),
            ]
        );
    }

    #[test]
    fn a_key_written_twice_is_a_syntax_error_with_its_place() {
        let text = "id = \"x\"\n[a]\nb = 1\nb = 2\n";
        let (offset, message) = SpannedJson::parse(text).err().unwrap();
        assert!(message.contains("duplicate key"), "{message}");
        assert_eq!(crate::problem::line_column(text, offset.unwrap()), (4, 1));
    }

    /// A pack test case's TOML error without a place was shown at 1:1, a place it does not have.
    #[test]
    fn a_syntax_error_without_a_place_is_of_the_whole_file() {
        let problem = syntax_problem("tests/a.toml", "x = [", (None, "unexpected end".into()));
        assert_eq!((problem.line, problem.column), (None, None));
        assert_eq!(
            problem.to_string(),
            "tests/a.toml: invalid TOML: unexpected end"
        );
        let text = "id = \"x\"\n[a]\nb = 1\nb = 2\n";
        let placed = syntax_problem("pack.toml", text, SpannedJson::parse(text).err().unwrap());
        assert_eq!((placed.line, placed.column), (Some(4), Some(1)));
    }
}
