//! A form for a network that has none: an XLSX workbook with one column per field of an
//! application, an example row taken from a sample application, lists to pick from for fields
//! with fixed values, and the mapping that imports it (so the form round-trips).
//!
//! The columns follow the schema: an object's fields each get a column, a list of texts one
//! column (`as = "list"`), a list of objects (partners, events) one element's worth of columns
//! under a `[[list]]`. Headings are short words in the language asked for (`headings.rs`); a
//! field the table lacks is headed by its schema description and path.

use std::fmt::Write as _;

use rust_xlsxwriter::{DataValidation, Format, Workbook, XlsxError};
use serde_json::Value;

use crate::convert::Conversion;
use crate::fields;

/// One column of the form.
#[derive(Debug, Clone, PartialEq)]
pub struct Slot {
    /// The heading in the form's first row.
    pub heading: String,
    /// The field's pointer; relative to the list element when `list` is given.
    pub field: String,
    /// The list of objects it belongs to (`/partners`), if any.
    pub list: Option<String>,
    /// Which element of that list (1, 2, …).
    pub item: usize,
    /// How its cells are converted.
    pub conversion: Conversion,
    /// The schema's fixed values for it, if it has them.
    pub choices: Vec<String>,
}

impl Slot {
    /// The pointer of the field in an application: a list's first element for a list column.
    pub fn pointer(&self) -> String {
        match &self.list {
            Some(list) => format!("{list}/{}{}", self.item.saturating_sub(1), self.field),
            None => self.field.clone(),
        }
    }
}

/// The form's columns for the application schema `root` (`$schema` and `extra` left out: a
/// pack's own answers have their own form), in the schema's order of fields; a list of objects
/// gets as many elements' columns as `example` has elements in it (at least one).
pub fn slots(root: &Value, example: &Value, lang: &str) -> Vec<Slot> {
    let mut one = Vec::new();
    walk(root, "", None, &mut one);
    let mut slots: Vec<Slot> = Vec::new();
    let mut lists: Vec<String> = Vec::new();
    for slot in &one {
        match &slot.list {
            None => slots.push(slot.clone()),
            Some(list) if !lists.contains(list) => {
                lists.push(list.clone());
                let count = example
                    .pointer(list)
                    .and_then(Value::as_array)
                    .map_or(1, |a| a.len().max(1));
                for item in 1..=count {
                    for s in one.iter().filter(|s| s.list.as_ref() == Some(list)) {
                        let mut s = s.clone();
                        s.item = item;
                        s.heading = s
                            .heading
                            .replace(&format!("({list}/0"), &format!("({list}/{}", item - 1));
                        slots.push(s);
                    }
                }
            }
            Some(_) => {}
        }
    }
    // The table's short heading in `lang` where it has one; else the description and path.
    for slot in &mut slots {
        let pattern = match &slot.list {
            Some(list) => format!("{list}/#{}", slot.field),
            None => slot.field.clone(),
        };
        if let Some(heading) = crate::headings::of(&pattern) {
            slot.heading = heading.fill(lang, &[("n", &slot.item.to_string())]);
        }
    }
    slots
}

fn walk(root: &Value, pointer: &str, list: Option<&str>, slots: &mut Vec<Slot>) {
    let full = |p: &str| match list {
        Some(l) => format!("{l}/0{p}"),
        None => p.to_string(),
    };
    let Ok(schema) = fields::lookup(root, None, &full(pointer)) else {
        return;
    };
    let Some(properties) = schema.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, property) in properties {
        if pointer.is_empty() && list.is_none() && (name == "$schema" || name == "extra") {
            continue;
        }
        let field = format!("{pointer}/{name}");
        let Ok(resolved) = fields::lookup(root, None, &full(&field)) else {
            continue;
        };
        if resolved.get("properties").is_some() {
            walk(root, &field, list, slots);
            continue;
        }
        let description = property
            .get("description")
            .or_else(|| resolved.get("description"))
            .and_then(Value::as_str)
            .unwrap_or(name);
        let heading = format!("{} ({})", first_sentence(description), full(&field));
        let kind = |s: &Value, t: &str| match s.get("type") {
            Some(Value::String(x)) => x == t,
            Some(Value::Array(xs)) => xs.iter().any(|x| x == t),
            _ => false,
        };
        if kind(resolved, "array") {
            let item_pointer = format!("{}/0", full(&field));
            let item = fields::lookup(root, None, &item_pointer).unwrap_or(&Value::Null);
            if item.get("properties").is_some() && list.is_none() {
                walk(root, "", Some(&field), slots);
                continue;
            }
            slots.push(Slot {
                heading,
                field,
                list: list.map(str::to_string),
                item: 1,
                conversion: Conversion::List,
                choices: fields::enum_values(root, None, &full(&format!("{pointer}/{name}"))),
            });
            continue;
        }
        let conversion = if resolved.get("format").and_then(Value::as_str) == Some("date") {
            Conversion::Date
        } else if kind(resolved, "boolean") {
            Conversion::YesNo
        } else if kind(resolved, "integer") {
            // Money is what reaches the engine's bound for amounts.
            if resolved.get("maximum").and_then(Value::as_u64)
                == Some(kriterium_engine::application::MAX_AMOUNT)
            {
                Conversion::Amount
            } else {
                Conversion::Whole
            }
        } else if kind(resolved, "number") {
            Conversion::Number
        } else {
            Conversion::Text
        };
        let choices = resolved
            .get("enum")
            .and_then(Value::as_array)
            .map(|v| {
                v.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        slots.push(Slot {
            heading,
            field,
            list: list.map(str::to_string),
            item: 1,
            conversion,
            choices,
        });
    }
}

/// `Amount applied for from this programme` of `Amount applied for from this programme. …`.
fn first_sentence(text: &str) -> String {
    // "e.g. x" does not end a sentence.
    let line = text
        .lines()
        .next()
        .unwrap_or_default()
        .replace("e.g. ", "e.g.\u{0}");
    let end = line.find(". ").unwrap_or(line.len());
    line[..end]
        .trim_end_matches('.')
        .replace('\u{0}', " ")
        .replace('`', "")
        .trim()
        .to_string()
}

/// The name of a [`Conversion`] in a mapping.
fn conversion_name(conversion: Conversion) -> &'static str {
    match conversion {
        Conversion::Text => "text",
        Conversion::Amount => "amount",
        Conversion::Number => "number",
        Conversion::Whole => "whole",
        Conversion::Date => "date",
        Conversion::YesNo => "yes_no",
        Conversion::List => "list",
    }
}

/// The mapping that imports the form of `slots` from its sheet `sheet`.
pub fn mapping(slots: &[Slot], sheet: &str) -> String {
    // A JSON string is a TOML basic string: the same quotes and escapes.
    let quote = |s: &str| Value::String(s.to_string()).to_string();
    let mut text = String::from(
        "# The mapping of the form `kriterium import --template` wrote: column heading → field.\n\
         # Rename a heading here when you rename it in the form; docs/import.md describes the rest.\n\n",
    );
    let _ = writeln!(text, "[sheet]\nname = {}\n", quote(sheet));
    let entry = |text: &mut String, slot: &Slot, table: &str| {
        let _ = writeln!(text, "[[{table}]]");
        if slot.list.is_some() {
            let _ = writeln!(text, "item = {}", slot.item);
        }
        let _ = writeln!(
            text,
            "heading = {}\nfield = {}",
            quote(&slot.heading),
            quote(&slot.field)
        );
        if slot.conversion != Conversion::Text {
            let _ = writeln!(text, "as = \"{}\"", conversion_name(slot.conversion));
        }
        text.push('\n');
    };
    for slot in slots.iter().filter(|s| s.list.is_none()) {
        entry(&mut text, slot, "column");
    }
    let mut lists: Vec<&str> = slots.iter().filter_map(|s| s.list.as_deref()).collect();
    lists.dedup();
    for list in lists {
        let _ = writeln!(text, "[[list]]\nfield = {}\n", quote(list));
        for slot in slots.iter().filter(|s| s.list.as_deref() == Some(list)) {
            entry(&mut text, slot, "list.column");
        }
    }
    text
}

/// The example cell of `slot` from the sample application `example`, as the form shows it:
/// lists joined with `, `, yes/no as `yes_word`/`no_word`.
fn example_cell(slot: &Slot, example: &Value, yes_no: (&str, &str)) -> Option<Value> {
    let value = example.pointer(&slot.pointer())?;
    Some(match value {
        Value::Array(items) => Value::String(
            items
                .iter()
                .filter_map(Value::as_str)
                .collect::<Vec<_>>()
                .join(", "),
        ),
        Value::Bool(true) => Value::String(yes_no.0.to_string()),
        Value::Bool(false) => Value::String(yes_no.1.to_string()),
        Value::Null => return None,
        other => other.clone(),
    })
}

/// The form as XLSX bytes: sheet `sheet`, a bold frozen heading row, the example row from
/// `example` (a valid application), and for every field with fixed values a list to pick from
/// in its column.
///
/// # Errors
/// What the XLSX writer says (a heading over Excel's limits).
pub fn workbook(
    slots: &[Slot],
    sheet: &str,
    example: &Value,
    yes_no: (&str, &str),
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    let worksheet = book.add_worksheet();
    worksheet.set_name(sheet)?;
    let bold = Format::new().set_bold().set_text_wrap();
    for (c, slot) in slots.iter().enumerate() {
        let c =
            u16::try_from(c).map_err(|_| XlsxError::ParameterError("too many columns".into()))?;
        worksheet.write_string_with_format(0, c, &slot.heading, &bold)?;
        worksheet.set_column_width(c, 28)?;
        match example_cell(slot, example, yes_no) {
            Some(Value::String(s)) => {
                worksheet.write_string(1, c, s)?;
            }
            Some(Value::Number(n)) => {
                worksheet.write_number(1, c, n.as_f64().unwrap_or_default())?;
            }
            _ => {}
        }
        if !slot.choices.is_empty() && slot.conversion != Conversion::List {
            let validation = DataValidation::new().allow_list_strings(&slot.choices)?;
            worksheet.add_data_validation(1, c, 1000, c, &validation)?;
        }
    }
    worksheet.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_description_gives_its_first_sentence() {
        assert_eq!(
            first_sentence("Role in the organisation, e.g. `musikskoleleder`."),
            "Role in the organisation, e.g. musikskoleleder"
        );
        assert_eq!(
            first_sentence("The money of an initiative. Requested amount, co-funding…"),
            "The money of an initiative"
        );
    }

    #[test]
    fn every_field_has_a_column_and_lists_of_objects_one_element() {
        let example = serde_json::json!({"partners": [{}, {}]});
        let slots = slots(&kriterium_engine::schema::application(), &example, "da");
        let pointers: Vec<String> = slots.iter().map(Slot::pointer).collect();
        for pointer in [
            "/id",
            "/budget/requested",
            "/partners/0/name",
            "/budget/co_funding/0/amount",
            "/municipalities",
            "/events/0/participant_municipalities",
        ] {
            assert!(
                pointers.contains(&pointer.to_string()),
                "{pointer}: {pointers:?}"
            );
        }
        assert!(
            !pointers
                .iter()
                .any(|p| p.starts_with("/extra") || p == "/$schema")
        );
        // Two partners in the example, two partners' columns; one event's where it has none.
        assert!(pointers.contains(&"/partners/1/name".to_string()));
        assert!(!pointers.contains(&"/events/1/title".to_string()));
        let slot = |field: &str| slots.iter().find(|s| s.field == field).unwrap();
        assert_eq!(slot("/applicant/role").heading, "Kontaktpersonens stilling");
        assert_eq!(slot("/budget/requested").conversion, Conversion::Amount);
        assert_eq!(slot("/budget/requested").heading, "Ansøgt beløb");
        let partner_two = slots
            .iter()
            .find(|s| s.pointer() == "/partners/1/name")
            .unwrap();
        assert_eq!(partner_two.heading, "Partner 2: navn");
        // Every field of the schema has a heading in the table: a new field fails here until
        // it is given one (until then its heading is its description and path).
        let untranslated: Vec<&str> = slots
            .iter()
            .filter(|s| s.heading.contains("(/"))
            .map(|s| s.field.as_str())
            .collect();
        assert!(untranslated.is_empty(), "no heading for {untranslated:?}");
        assert_eq!(
            slot("/continuation/likelihood").choices,
            ["high", "medium", "low", "unknown"]
        );
        let headings: std::collections::BTreeSet<&str> =
            slots.iter().map(|s| s.heading.as_str()).collect();
        assert_eq!(headings.len(), slots.len(), "headings are unique");
    }
}
