//! TOML turned into JSON for schema validation, remembering where each value was written.
//!
//! The manifest is validated against a JSON Schema, whose errors name JSON pointers. Users edit
//! TOML, so every pointer is mapped back to the line and column of the value in `pack.toml`.

use std::collections::BTreeMap;
use std::ops::Range;

use serde_json::{Map, Number, Value};
use toml::de::{DeTable, DeValue};

/// A TOML document as JSON, with the byte span of every value by JSON pointer.
pub struct SpannedJson {
    /// The document as JSON.
    pub value: Value,
    spans: BTreeMap<String, Range<usize>>,
}

impl SpannedJson {
    /// Parses TOML; on a syntax error, returns its byte offset (if known) and message.
    pub fn parse(text: &str) -> Result<SpannedJson, (Option<usize>, String)> {
        let table = DeTable::parse(text).map_err(|e| {
            let message = e.message().trim().to_string();
            (e.span().map(|s| s.start), message)
        })?;
        let mut spans = BTreeMap::new();
        spans.insert(String::new(), table.span());
        let value = convert_table(table.get_ref(), "", &mut spans);
        Ok(SpannedJson { value, spans })
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

fn convert_table(
    table: &DeTable<'_>,
    pointer: &str,
    spans: &mut BTreeMap<String, Range<usize>>,
) -> Value {
    let mut map = Map::new();
    for (key, value) in table.iter() {
        let key = key.get_ref().to_string();
        let child = format!("{pointer}/{}", crate::problem::pointer_segment(&key));
        spans.insert(child.clone(), value.span());
        map.insert(key, convert(value.get_ref(), &child, spans));
    }
    Value::Object(map)
}

fn convert(
    value: &DeValue<'_>,
    pointer: &str,
    spans: &mut BTreeMap<String, Range<usize>>,
) -> Value {
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
                // Out of range: keep the text so the schema reports a type error on it.
                Err(_) => Value::String(i.as_str().to_string()),
            }
        }
        DeValue::Float(f) => {
            let text = f.as_str().replace('_', "");
            text.parse::<f64>()
                .ok()
                .and_then(Number::from_f64)
                .map_or_else(|| Value::String(f.as_str().to_string()), Value::Number)
        }
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::String(d.to_string()),
        DeValue::Array(items) => Value::Array(
            items
                .iter()
                .enumerate()
                .map(|(i, item)| {
                    let child = format!("{pointer}/{i}");
                    spans.insert(child.clone(), item.span());
                    convert(item.get_ref(), &child, spans)
                })
                .collect(),
        ),
        DeValue::Table(t) => convert_table(t, pointer, spans),
    }
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
}
