//! Script values straight from a typed value (the `Application`), without a JSON tree between.
//!
//! A serde [`Serializer`] whose output is the [`Dynamic`] scripts read: the same values
//! [`from_json`](super::from_json) makes of `serde_json::to_value` of the same input — objects
//! become [`Record`]s, `None` becomes `()`, lists become arrays, numbers go through the one
//! conversion both share ([`number`](super::number)) — but in one pass, with no
//! intermediate `serde_json::Value` to build and drop for every application.

use std::collections::BTreeMap;
use std::fmt;
use std::rc::Rc;

use rhai::{Array, Dynamic, ImmutableString};
use serde::Serialize;
use serde::ser::{self, Serializer};
use serde_json::Number;

use super::{Record, number};

/// The script value of `value`: what `from_json(&serde_json::to_value(value)?)` gives. The error
/// names a number scripts cannot hold, or a map key that is not text.
pub fn from_typed<T: Serialize + ?Sized>(value: &T) -> std::result::Result<Dynamic, String> {
    value.serialize(ToDynamic).map_err(|e| e.0)
}

/// Why a value cannot be given to scripts.
#[derive(Debug)]
pub struct Error(String);

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for Error {}

impl ser::Error for Error {
    fn custom<T: fmt::Display>(message: T) -> Self {
        Error(message.to_string())
    }
}

type Result<T> = std::result::Result<T, Error>;

/// The serializer: each value becomes one [`Dynamic`].
struct ToDynamic;

fn num(n: Number) -> Result<Dynamic> {
    number(&n).map_err(Error)
}

/// `{variant: value}`, as serde_json writes an enum variant that carries data.
fn variant(name: &'static str, value: Dynamic) -> Dynamic {
    let mut fields = BTreeMap::new();
    fields.insert(ImmutableString::from(name), value);
    Dynamic::from(Record(Rc::new(fields)))
}

impl Serializer for ToDynamic {
    type Ok = Dynamic;
    type Error = Error;
    type SerializeSeq = Items;
    type SerializeTuple = Items;
    type SerializeTupleStruct = Items;
    type SerializeTupleVariant = Items;
    type SerializeMap = Fields;
    type SerializeStruct = Fields;
    type SerializeStructVariant = Fields;

    fn serialize_bool(self, v: bool) -> Result<Dynamic> {
        Ok(Dynamic::from_bool(v))
    }
    fn serialize_i8(self, v: i8) -> Result<Dynamic> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<Dynamic> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<Dynamic> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<Dynamic> {
        num(Number::from(v))
    }
    fn serialize_i128(self, v: i128) -> Result<Dynamic> {
        match (i64::try_from(v), u64::try_from(v)) {
            (Ok(i), _) => num(Number::from(i)),
            (_, Ok(u)) => num(Number::from(u)),
            _ => Err(Error(format!(
                "the number {v} is too large for rule scripts"
            ))),
        }
    }
    fn serialize_u8(self, v: u8) -> Result<Dynamic> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u16(self, v: u16) -> Result<Dynamic> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u32(self, v: u32) -> Result<Dynamic> {
        self.serialize_u64(u64::from(v))
    }
    fn serialize_u64(self, v: u64) -> Result<Dynamic> {
        num(Number::from(v))
    }
    fn serialize_u128(self, v: u128) -> Result<Dynamic> {
        match u64::try_from(v) {
            Ok(u) => num(Number::from(u)),
            Err(_) => Err(Error(format!(
                "the number {v} is too large for rule scripts"
            ))),
        }
    }
    fn serialize_f32(self, v: f32) -> Result<Dynamic> {
        self.serialize_f64(f64::from(v))
    }
    fn serialize_f64(self, v: f64) -> Result<Dynamic> {
        // serde_json writes a number that is not finite as `null`.
        Number::from_f64(v).map_or(Ok(Dynamic::UNIT), num)
    }
    fn serialize_char(self, v: char) -> Result<Dynamic> {
        Ok(Dynamic::from(ImmutableString::from(v.to_string())))
    }
    fn serialize_str(self, v: &str) -> Result<Dynamic> {
        Ok(Dynamic::from(ImmutableString::from(v)))
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<Dynamic> {
        Ok(Dynamic::from_array(
            v.iter()
                .map(|b| Dynamic::from_int(rhai::INT::from(*b)))
                .collect(),
        ))
    }
    fn serialize_none(self) -> Result<Dynamic> {
        Ok(Dynamic::UNIT)
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Dynamic> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<Dynamic> {
        Ok(Dynamic::UNIT)
    }
    fn serialize_unit_struct(self, _name: &'static str) -> Result<Dynamic> {
        Ok(Dynamic::UNIT)
    }
    fn serialize_unit_variant(
        self,
        _name: &'static str,
        _index: u32,
        variant: &'static str,
    ) -> Result<Dynamic> {
        self.serialize_str(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        value: &T,
    ) -> Result<Dynamic> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _name: &'static str,
        _index: u32,
        name: &'static str,
        value: &T,
    ) -> Result<Dynamic> {
        Ok(variant(name, value.serialize(self)?))
    }
    fn serialize_seq(self, len: Option<usize>) -> Result<Items> {
        Ok(Items::new(None, len.unwrap_or(0)))
    }
    fn serialize_tuple(self, len: usize) -> Result<Items> {
        Ok(Items::new(None, len))
    }
    fn serialize_tuple_struct(self, _name: &'static str, len: usize) -> Result<Items> {
        Ok(Items::new(None, len))
    }
    fn serialize_tuple_variant(
        self,
        _name: &'static str,
        _index: u32,
        name: &'static str,
        len: usize,
    ) -> Result<Items> {
        Ok(Items::new(Some(name), len))
    }
    fn serialize_map(self, _len: Option<usize>) -> Result<Fields> {
        Ok(Fields::new(None))
    }
    fn serialize_struct(self, _name: &'static str, _len: usize) -> Result<Fields> {
        Ok(Fields::new(None))
    }
    fn serialize_struct_variant(
        self,
        _name: &'static str,
        _index: u32,
        name: &'static str,
        _len: usize,
    ) -> Result<Fields> {
        Ok(Fields::new(Some(name)))
    }
}

/// A list being built; `variant` when it is the data of an enum variant.
struct Items {
    variant: Option<&'static str>,
    items: Array,
}

impl Items {
    fn new(variant: Option<&'static str>, len: usize) -> Self {
        Items {
            variant,
            items: Array::with_capacity(len),
        }
    }

    fn push<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        self.items.push(value.serialize(ToDynamic)?);
        Ok(())
    }

    fn done(self) -> Result<Dynamic> {
        let list = Dynamic::from_array(self.items);
        Ok(match self.variant {
            Some(name) => variant(name, list),
            None => list,
        })
    }
}

/// A list's elements, one serde trait at a time: every kind of sequence becomes an array.
macro_rules! items {
    ($($trait:ident :: $method:ident),*) => {$(
        impl ser::$trait for Items {
            type Ok = Dynamic;
            type Error = Error;
            fn $method<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
                self.push(value)
            }
            fn end(self) -> Result<Dynamic> {
                self.done()
            }
        }
    )*};
}

items!(
    SerializeSeq::serialize_element,
    SerializeTuple::serialize_element,
    SerializeTupleStruct::serialize_field,
    SerializeTupleVariant::serialize_field
);

/// A record being built; `variant` when it is the data of an enum variant.
struct Fields {
    variant: Option<&'static str>,
    fields: BTreeMap<ImmutableString, Dynamic>,
    /// A map's key, between `serialize_key` and `serialize_value`.
    key: Option<ImmutableString>,
}

impl Fields {
    fn new(variant: Option<&'static str>) -> Self {
        Fields {
            variant,
            fields: BTreeMap::new(),
            key: None,
        }
    }

    fn insert<T: Serialize + ?Sized>(&mut self, key: ImmutableString, value: &T) -> Result<()> {
        // A later field of the same name wins, as in serde_json's map.
        self.fields.insert(key, value.serialize(ToDynamic)?);
        Ok(())
    }

    fn done(self) -> Result<Dynamic> {
        let record = Dynamic::from(Record(Rc::new(self.fields)));
        Ok(match self.variant {
            Some(name) => variant(name, record),
            None => record,
        })
    }
}

/// A map key as serde_json writes it: text as it is, numbers and booleans as their text.
fn key_text(key: Dynamic) -> Result<ImmutableString> {
    if key.is_string() {
        return key
            .into_immutable_string()
            .map_err(|t| Error(format!("a key of type {t}")));
    }
    if let Ok(i) = key.as_int() {
        return Ok(i.to_string().into());
    }
    if let Ok(b) = key.as_bool() {
        return Ok(b.to_string().into());
    }
    Err(Error(format!(
        "a key must be text, not {}",
        key.type_name()
    )))
}

impl ser::SerializeMap for Fields {
    type Ok = Dynamic;
    type Error = Error;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<()> {
        self.key = Some(key_text(key.serialize(ToDynamic)?)?);
        Ok(())
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<()> {
        let key = self
            .key
            .take()
            .ok_or_else(|| Error("a map value came without its key".to_string()))?;
        self.insert(key, value)
    }
    fn end(self) -> Result<Dynamic> {
        self.done()
    }
}

/// A struct's fields, for plain structs and struct variants alike.
macro_rules! fields {
    ($($trait:ident),*) => {$(
        impl ser::$trait for Fields {
            type Ok = Dynamic;
            type Error = Error;
            fn serialize_field<T: Serialize + ?Sized>(
                &mut self,
                key: &'static str,
                value: &T,
            ) -> Result<()> {
                self.insert(ImmutableString::from(key), value)
            }
            fn end(self) -> Result<Dynamic> {
                self.done()
            }
        }
    )*};
}

fields!(SerializeStruct, SerializeStructVariant);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::Application;
    use crate::synthetic;

    /// A script value written out with its types, so `2` (integer) and `2` (decimal) differ.
    fn shown(value: &Dynamic) -> String {
        if let Some(record) = value.read_lock::<Record>() {
            let fields: Vec<String> = record
                .0
                .iter()
                .map(|(k, v)| format!("{k}: {}", shown(v)))
                .collect();
            return format!("{{{}}}", fields.join(", "));
        }
        if let Some(items) = value.read_lock::<Array>() {
            let items: Vec<String> = items.iter().map(shown).collect();
            return format!("[{}]", items.join(", "));
        }
        format!("{}:{value:?}", value.type_name())
    }

    fn through_json<T: Serialize>(value: &T) -> std::result::Result<Dynamic, String> {
        super::super::from_json(&serde_json::to_value(value).map_err(|e| e.to_string())?)
    }

    /// The sample applications of every pack that read as an `Application`.
    fn sample_templates() -> Vec<serde_json::Value> {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../samples");
        let mut files = Vec::new();
        for pack in std::fs::read_dir(root).unwrap() {
            for file in std::fs::read_dir(pack.unwrap().path()).unwrap() {
                files.push(file.unwrap().path());
            }
        }
        files.sort();
        files
            .iter()
            .filter(|f| f.extension().is_some_and(|e| e == "json"))
            // `samples/invalid` holds broken JSON on purpose.
            .filter_map(|f| serde_json::from_str(&std::fs::read_to_string(f).unwrap()).ok())
            .filter(|v: &serde_json::Value| {
                serde_json::from_value::<Application>(v.clone()).is_ok()
            })
            .collect()
    }

    #[test]
    fn generated_applications_give_scripts_what_the_json_tree_gave() {
        let templates = sample_templates();
        assert!(
            templates.len() >= 10,
            "{} sample applications",
            templates.len()
        );
        let mut seen = 0;
        synthetic::generate(&templates, 300, 7, &mut |value| {
            let application: Application = serde_json::from_value(value).unwrap();
            let typed = from_typed(&application).expect("generated applications convert");
            let json = through_json(&application).expect("generated applications convert");
            assert_eq!(shown(&typed), shown(&json), "{}", application.id);
            seen += 1;
        });
        assert_eq!(seen, 300);
    }

    #[test]
    fn extra_fields_and_every_kind_of_json_value_convert_alike() {
        let value = serde_json::json!({
            "none": null, "yes": true, "int": -3, "big": 9_007_199_254_740_993_u64,
            "decimal": 2.5, "whole_decimal": 2.0, "text": "æøå",
            "list": [1, "a", null, [], {}], "nested": {"b": {"c": [1.25]}}
        });
        assert_eq!(
            shown(&from_typed(&value).unwrap()),
            shown(&through_json(&value).unwrap())
        );
        assert!(shown(&from_typed(&value).unwrap()).contains("whole_decimal: decimal:2"));
    }

    #[test]
    fn a_number_scripts_cannot_hold_is_an_error_both_ways() {
        let value = serde_json::json!({ "huge": u64::MAX });
        assert_eq!(
            from_typed(&value).unwrap_err(),
            through_json(&value).unwrap_err()
        );
        assert!(from_typed(&u128::MAX).unwrap_err().contains("too large"));
    }
}
