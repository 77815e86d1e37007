//! TOML turned into JSON for schema validation, remembering where each value was written.
//!
//! The manifest (and the panel file, `panel.toml`) is validated against a JSON Schema, whose
//! errors name JSON pointers. Users edit TOML, so every pointer is mapped back to the line and
//! column of the value in the file ([`read_typed`], [`SpannedJson::worded`]).

use std::collections::BTreeMap;
use std::ops::Range;

use serde::de::DeserializeOwned;
use serde_json::{Map, Number, Value};
use toml::de::{DeTable, DeValue};

use crate::problem::{Message, Problem, Wording, line_column};
use crate::validation::SchemaCheck;

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

    /// Our `message` about the field at `pointer` of the file `name` (whose text is `text`),
    /// placed at the field's line and column and naming the field as a TOML author writes it:
    /// `panel.toml:7:8: »member[1].name«: …`.
    pub fn worded(&self, name: &str, text: &str, pointer: &str, message: Message) -> Problem {
        let (line, column) = line_column(text, self.offset(pointer));
        let message = if pointer.is_empty() {
            message
        } else {
            in_field(pointer, message)
        };
        Problem::at(name, line, column, message)
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

/// The TOML file `name` (whose text is `text`) read as a `T`: its syntax, then `schema` (every
/// problem at once, each at its line and column), then the typed value, with the document
/// kept for placing later problems ([`SpannedJson::worded`]).
///
/// # Errors
/// The syntax error; else every problem the schema finds; else the first value the type
/// cannot hold (what the schema cannot say, such as a weight beyond an exact decimal).
pub(crate) fn read_typed<T: DeserializeOwned>(
    name: &str,
    text: &str,
    schema: &Value,
) -> Result<(T, SpannedJson), Vec<Problem>> {
    let doc = SpannedJson::parse(text).map_err(|error| vec![syntax_problem(name, text, error)])?;
    let check = SchemaCheck::new(schema).map_err(|e| vec![Problem::in_file(name, e)])?;
    // `nan`, `inf` and integers beyond 64 bits stand in the JSON as text; the schema would
    // call them strings, so they are reported here as the numbers they are, and only here.
    let unusable: BTreeMap<&str, &str> = doc.unusable_numbers().collect();
    let mut located: Vec<Problem> = unusable
        .iter()
        .map(|(pointer, message)| {
            let (line, column) = line_column(text, doc.offset(pointer));
            Problem::at(
                name,
                line,
                column,
                format!("`{}`: {message}", dotted(pointer)),
            )
        })
        .collect();
    let problems = check.check(name, "", &doc.value);
    if !problems.is_empty() || !located.is_empty() {
        located.extend(
            problems
                .into_iter()
                .filter(|p| !unusable.contains_key(p.pointer.as_deref().unwrap_or_default()))
                .map(|p| {
                    let pointer = p.pointer.clone().unwrap_or_default();
                    let last = pointer.rsplit('/').next().unwrap_or_default();
                    let named = p.message.to_string().contains(&format!("`{last}`"));
                    if named {
                        let (line, column) = line_column(text, doc.offset(&pointer));
                        Problem::at(name, line, column, p.message)
                    } else {
                        doc.worded(name, text, &pointer, p.message)
                    }
                }),
        );
        return Err(located);
    }
    let typed: T = crate::json::typed(&doc.value)
        .map_err(|e| vec![doc.worded(name, text, &e.pointer, e.message)])?;
    Ok((typed, doc))
}

/// `value` without the fields `schema` does not have (JSON Schema `properties`, following
/// `$ref`s into `$defs` and `items` into arrays): what of a document with unknown fields can
/// still be read, so that the rest of it is checked in the same run.
pub(crate) fn without_unknown_fields(value: &mut Value, schema: &Value) {
    prune(value, schema, schema);
}

fn prune(value: &mut Value, schema: &Value, root: &Value) {
    let schema = match schema.get("$ref").and_then(Value::as_str) {
        Some(reference) => reference
            .strip_prefix("#/$defs/")
            .and_then(|name| root.get("$defs").and_then(|defs| defs.get(name)))
            .unwrap_or(schema),
        None => schema,
    };
    match value {
        Value::Object(map) => {
            if let Some(Value::Object(properties)) = schema.get("properties") {
                map.retain(|key, _| properties.contains_key(key));
                for (key, child) in map.iter_mut() {
                    if let Some(property) = properties.get(key) {
                        prune(child, property, root);
                    }
                }
            }
        }
        Value::Array(items) => {
            if let Some(item) = schema.get("items") {
                for child in items {
                    prune(child, item, root);
                }
            }
        }
        _ => {}
    }
}

/// "`criteria[0].weight`: …": a problem of the field at `pointer`.
pub(crate) fn in_field(pointer: &str, problem: Message) -> Message {
    Message::of(Wording::InField)
        .with("field", dotted(pointer))
        .with("problem", problem)
}

/// `/criteria/0/weight` → `criteria[0].weight`, as a TOML author thinks of it.
pub(crate) fn dotted(pointer: &str) -> String {
    let mut out = String::new();
    for segment in pointer.split('/').skip(1) {
        if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            out.push_str(&format!("[{segment}]"));
        } else {
            if !out.is_empty() {
                out.push('.');
            }
            out.push_str(&segment.replace("~1", "/").replace("~0", "~"));
        }
    }
    out
}

/// The syntax error `SpannedJson::parse` returned, as a problem of the file `name` (whose text
/// is `text`): at its line and column when the parser knows the place, else of the file as a
/// whole, never at a made-up place.
pub(crate) fn syntax_problem(
    name: &str,
    text: &str,
    (offset, message): (Option<usize>, String),
) -> Problem {
    let message = Message::of(Wording::InvalidToml).with("message", message);
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
