//! The read-only values scripts read: `app` and `pack`, built once per application.
//!
//! A JSON object becomes a [`Record`]: a reference-counted map with getters and no setters, so a
//! script cannot change the application, not even through a copy of a part of it, and handing
//! the same application to every script costs a reference count instead of a deep copy. Lists
//! become Rhai arrays (of records, strings, numbers), which a script may copy and change freely
//! as its own.

use std::collections::BTreeMap;
use std::rc::Rc;

use rhai::{Array, Dynamic, Engine, EvalAltResult, INT, ImmutableString, Position};
use serde_json::Value;

use super::meter::Meter;

mod typed;
pub use typed::from_typed;

/// The Rhai type name scripts see (`type_of(app)`).
pub const TYPE_NAME: &str = "record";

/// A read-only JSON object.
#[derive(Debug, Clone)]
pub struct Record(Rc<BTreeMap<ImmutableString, Dynamic>>);

impl Record {
    /// Whether both are the same map (not merely equal ones).
    pub fn is_same(&self, other: &Record) -> bool {
        Rc::ptr_eq(&self.0, &other.0)
    }

    /// The field `name`, if the record has it.
    pub fn get(&self, name: &str) -> Option<&Dynamic> {
        self.0.get(name)
    }
}

/// A read-only record of `fields`, as scripts read `app`'s objects: for values the host builds
/// itself (`reviews`), with exact decimals where JSON would go through a binary float.
pub fn from_fields(fields: BTreeMap<ImmutableString, Dynamic>) -> Dynamic {
    Dynamic::from(Record(Rc::new(fields)))
}

/// Converts JSON into the values scripts read. Numbers become integers or exact decimals;
/// a number neither can hold is an error (validation refuses such input before this).
pub fn from_json(value: &Value) -> Result<Dynamic, String> {
    Ok(match value {
        Value::Null => Dynamic::UNIT,
        Value::Bool(b) => Dynamic::from_bool(*b),
        Value::String(s) => Dynamic::from(ImmutableString::from(s.as_str())),
        Value::Number(n) => number(n)?,
        Value::Array(items) => {
            Dynamic::from_array(items.iter().map(from_json).collect::<Result<Array, _>>()?)
        }
        Value::Object(map) => {
            let mut fields = BTreeMap::new();
            for (key, item) in map {
                fields.insert(ImmutableString::from(key.as_str()), from_json(item)?);
            }
            Dynamic::from(Record(Rc::new(fields)))
        }
    })
}

/// A JSON number as scripts read it: an integer when it is one that fits, else an exact decimal;
/// an error for a number neither can hold.
fn number(n: &serde_json::Number) -> Result<Dynamic, String> {
    if let Some(i) = n.as_i64() {
        return Ok(Dynamic::from_int(i as INT));
    }
    let decimal = n
        .as_f64()
        .filter(|_| !n.is_u64())
        .and_then(|f| rust_decimal::Decimal::try_from(f).ok())
        .ok_or_else(|| format!("the number {n} is too large for rule scripts"))?;
    Ok(Dynamic::from_decimal(decimal))
}

/// Registers a getter on records for each of `names` (the properties compiled scripts read).
///
/// Without one, Rhai answers `r.name` by looking for a getter, formatting an "unknown property"
/// error when there is none, and only then asking the indexer: text formatted and thrown away
/// on every property read. A getter reads the field directly. When the record has no such
/// field the getter declines (an unformatted `ErrorDotExpr`, which makes Rhai ask the indexer),
/// so a missing property still fails exactly as it always did, with the same message and
/// position.
pub(crate) fn register_getters<'a>(engine: &mut Engine, names: impl IntoIterator<Item = &'a str>) {
    for name in names {
        let key = ImmutableString::from(name);
        engine.register_get(
            name,
            move |record: &mut Record| -> Result<Dynamic, Box<EvalAltResult>> {
                record.0.get(&key).cloned().ok_or_else(|| {
                    EvalAltResult::ErrorDotExpr(String::new(), Position::NONE).into()
                })
            },
        );
    }
}

/// Registers the record type: `r.name` and `r["name"]` read a field, `"name" in r` tells
/// whether it exists, `r.keys()` lists the fields (charged one operation per field to `meter`),
/// `r.len()` counts them.
pub(crate) fn register(engine: &mut Engine, meter: &Rc<Meter>) {
    engine.register_type_with_name::<Record>(TYPE_NAME);
    // Property syntax (`r.name`) falls back to this indexer, as no property getters exist.
    engine.register_indexer_get(
        |record: &mut Record, name: &str| -> Result<Dynamic, Box<EvalAltResult>> {
            record.0.get(name).cloned().ok_or_else(|| {
                EvalAltResult::ErrorPropertyNotFound(name.to_string(), Position::NONE).into()
            })
        },
    );
    engine.register_fn("contains", |record: &mut Record, name: &str| {
        record.0.contains_key(name)
    });
    let meter = Rc::clone(meter);
    engine.register_fn(
        "keys",
        move |record: &mut Record| -> Result<Array, Box<EvalAltResult>> {
            meter.charge(record.0.len() as u64)?;
            Ok(record.0.keys().cloned().map(Dynamic::from).collect())
        },
    );
    engine.register_fn("len", |record: &mut Record| record.0.len() as INT);
}
