//! Rows into applications: each data row's cells converted and set at their fields, fixed
//! values added, list elements gathered; then every application validated exactly as `batch`
//! validates its inputs (the engine's validator, a pack's extension schema included), and the
//! rule that an id names one application applied across the sheet.
//!
//! Nothing is lost: every row of the sheet ends as an application, a rejection with every reason
//! found (each by row and column), or an empty row, counted.

use std::collections::BTreeMap;

use kriterium_engine::ids;
use kriterium_engine::validation::ApplicationValidator;
use serde_json::{Map, Value};

use crate::convert::convert;
use crate::mapping::{Column, Mapping};
use crate::messages::{Msg, Said};
use crate::sheet::{Row, Sheet};

/// One problem of a row: the column it is in (when one is to blame) and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The column's heading; `None` when no single column is to blame.
    pub column: Option<String>,
    /// What is wrong.
    pub said: Said,
}

/// A row that did not become an application, with every reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rejection {
    /// The row's number in the spreadsheet.
    pub row: usize,
    /// Every problem found in it.
    pub findings: Vec<Finding>,
}

/// What became of every row of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The valid applications with their row numbers, in the sheet's order.
    pub applications: Vec<(usize, Value)>,
    /// The rows that were rejected, in the sheet's order.
    pub rejected: Vec<Rejection>,
    /// The numbers of the rows with nothing in any cell (skipped, and said).
    pub empty: Vec<usize>,
}

impl Outcome {
    /// How many rows the sheet has after its heading row.
    pub fn rows(&self) -> usize {
        self.applications.len() + self.rejected.len() + self.empty.len()
    }
}

/// What one row became before the id rule is applied across the sheet.
struct Read {
    row: usize,
    id: Option<String>,
    result: Result<Value, Vec<Finding>>,
}

/// Turns every row of `sheet` into an application by `mapping` (already checked against the
/// sheet with [`crate::mapping::check`], so every heading it names is there) and validates each
/// with `validator`, the one `batch` would use.
pub fn assemble(sheet: &Sheet, mapping: &Mapping, validator: &ApplicationValidator) -> Outcome {
    let mut empty = Vec::new();
    let mut read = Vec::new();
    for row in &sheet.rows {
        if row.cells.iter().all(|c| c.is_empty()) {
            empty.push(row.number);
            continue;
        }
        if let Some(problem) = &row.problem {
            read.push(Read {
                row: row.number,
                id: None,
                result: Err(vec![Finding {
                    column: None,
                    said: problem.clone(),
                }]),
            });
            continue;
        }
        read.push(one_row(row, &sheet.headings, mapping, validator));
    }

    // An id must name one application, valid or not: every row claiming a shared id is
    // rejected (the engine's rule, as `batch` applies it).
    let claims: Vec<Option<ids::Claim<'_>>> = read
        .iter()
        .map(|r| {
            Some(ids::Claim {
                source: "",
                line: Some(r.row),
                id: r.id.as_deref()?,
            })
        })
        .collect();
    let shared: Vec<usize> = ids::shared(&claims).into_iter().map(|(i, _)| i).collect();
    for &i in &shared {
        let id = read[i].id.clone().unwrap_or_default();
        let others: Vec<String> = shared
            .iter()
            .filter(|&&j| j != i && read[j].id.as_deref() == Some(&id))
            .map(|&j| read[j].row.to_string())
            .collect();
        let finding = Finding {
            column: None,
            said: Said::new(Msg::SharedId, &[("id", &id), ("rows", &others.join(", "))]),
        };
        match &mut read[i].result {
            Ok(_) => read[i].result = Err(vec![finding]),
            Err(findings) => findings.push(finding),
        }
    }

    let mut outcome = Outcome {
        applications: Vec::new(),
        rejected: Vec::new(),
        empty,
    };
    for r in read {
        match r.result {
            Ok(value) => outcome.applications.push((r.row, value)),
            Err(findings) => outcome.rejected.push(Rejection {
                row: r.row,
                findings,
            }),
        }
    }
    outcome
}

/// One row: its cells converted and set at their fields, then validated.
fn one_row(
    row: &Row,
    headings: &[String],
    mapping: &Mapping,
    validator: &ApplicationValidator,
) -> Read {
    let cell = |column: &Column| {
        headings
            .iter()
            .position(|h| h == column.heading.get_ref().trim())
            .and_then(|i| row.cells.get(i))
    };
    let mut document = Value::Object(Map::new());
    let mut findings = Vec::new();
    // Pointer → heading of every field a column filled, or would have filled but for its
    // problem, or left empty: to say which column an engine problem is about.
    let mut filled: BTreeMap<String, String> = BTreeMap::new();
    let mut failed: BTreeMap<String, String> = BTreeMap::new();
    let mut left_empty: BTreeMap<String, String> = BTreeMap::new();

    for (pointer, value) in &mapping.fixed {
        set(&mut document, pointer, toml_to_json(value.get_ref()));
    }
    // The value of `column`'s cell, noted under `pointer` as filled, failed or left empty.
    let mut take =
        |pointer: String, column: &Column, findings: &mut Vec<Finding>| -> Option<Value> {
            let heading = column.heading.get_ref().trim().to_string();
            match cell(column).map(|c| convert(c, &column.rule())) {
                Some(Ok(Some(value))) => {
                    filled.insert(pointer, heading);
                    Some(value)
                }
                Some(Ok(None)) | None => {
                    left_empty.insert(pointer, heading);
                    None
                }
                Some(Err(said)) => {
                    findings.push(Finding {
                        column: Some(heading.clone()),
                        said,
                    });
                    failed.insert(pointer, heading);
                    None
                }
            }
        };
    for column in &mapping.column {
        let pointer = column.field.get_ref();
        if let Some(value) = take(pointer.clone(), column, &mut findings) {
            set(&mut document, pointer, value);
        }
    }
    for list in &mapping.list {
        let mut items: BTreeMap<u32, Vec<&Column>> = BTreeMap::new();
        for column in &list.column {
            if let Some(item) = &column.item {
                items.entry(*item.get_ref()).or_default().push(column);
            }
        }
        let base = list.field.get_ref();
        let mut elements = Vec::new();
        for columns in items.values() {
            // An element none of whose cells holds anything is not there (partner 3 of 2).
            if columns.iter().all(|c| cell(c).is_none_or(|c| c.is_empty())) {
                continue;
            }
            let position = elements.len();
            let mut element = Value::Object(Map::new());
            for (name, value) in &list.fixed {
                set(
                    &mut element,
                    &format!("/{name}"),
                    toml_to_json(value.get_ref()),
                );
            }
            for column in columns {
                let inner = column.field.get_ref();
                if let Some(value) =
                    take(format!("{base}/{position}{inner}"), column, &mut findings)
                {
                    set(&mut element, inner, value);
                }
            }
            elements.push(element);
        }
        if !elements.is_empty() {
            set(&mut document, base, Value::Array(elements));
        }
    }

    let id = document
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_string);
    let column_of = |pointer: &str| -> Option<String> {
        [&filled, &failed, &left_empty]
            .iter()
            .flat_map(|m| m.iter())
            .filter(|(p, _)| pointer == p.as_str() || pointer.starts_with(&format!("{p}/")))
            .max_by_key(|(p, _)| p.len())
            .map(|(_, h)| h.clone())
    };
    // The application is written as built, which is what was validated: its conversions give
    // whole numbers as integers, so it has the fingerprint `batch` will take of it.
    match validator.validate_value("", document.clone()) {
        Ok(_) if findings.is_empty() => Read {
            row: row.number,
            id,
            result: Ok(document),
        },
        Ok(_) => Read {
            row: row.number,
            id,
            result: Err(findings),
        },
        Err(problems) => {
            for problem in problems {
                let pointer = problem.pointer.clone().unwrap_or_default();
                // A field whose cell could not be converted is missing: its problem is said.
                if failed
                    .keys()
                    .any(|p| pointer == *p || pointer.starts_with(&format!("{p}/")))
                {
                    continue;
                }
                if let Some(heading) = left_empty.get(&pointer) {
                    findings.push(Finding {
                        column: Some(heading.clone()),
                        said: Said::new(Msg::EmptyRequired, &[]),
                    });
                    continue;
                }
                let column = column_of(&pointer);
                let prefix = match (&column, pointer.is_empty()) {
                    (Some(_), _) | (None, true) => String::new(),
                    (None, false) => format!("{pointer}: "),
                };
                findings.push(Finding {
                    column,
                    said: Said::engine(&prefix, problem.message),
                });
            }
            Read {
                row: row.number,
                id,
                result: Err(findings),
            }
        }
    }
}

/// Sets `value` at `pointer` in `document`, making the objects on the way. Mapping pointers
/// name object members (a list's elements are built whole by [`one_row`], then set as one
/// array), and `check` has made sure each names a field of the schema.
fn set(document: &mut Value, pointer: &str, value: Value) {
    let mut here = document;
    let segments: Vec<String> = pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect();
    let Some((last, path)) = segments.split_last() else {
        *here = value;
        return;
    };
    for segment in path {
        if !here.is_object() {
            *here = Value::Object(Map::new());
        }
        here = here
            .as_object_mut()
            .expect("made an object just above")
            .entry(segment.clone())
            .or_insert_with(|| Value::Object(Map::new()));
    }
    if !here.is_object() {
        *here = Value::Object(Map::new());
    }
    here.as_object_mut()
        .expect("made an object just above")
        .insert(last.clone(), value);
}

/// A TOML value of the mapping as JSON: a date written in TOML becomes its text.
pub fn toml_to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s.clone()),
        toml::Value::Integer(i) => Value::from(*i),
        toml::Value::Float(f) => {
            serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
        }
        toml::Value::Boolean(b) => Value::Bool(*b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}
