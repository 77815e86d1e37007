//! The JSON Schemas generated from the Rust types, as committed in `schemas/`.
//!
//! `schemas/*.schema.json` are generated here; a test fails when the committed files differ
//! from what the code generates, so the schema editors and other tools see is always the one
//! the engine enforces.

use serde_json::Value;

use crate::application::Application;
use crate::decision::Decision;
use crate::manifest::Manifest;

/// The kinds of document with a schema, by the name used on the command line.
pub const KINDS: [&str; 3] = ["application", "pack", "decision"];

/// The `$id` of the schema of `kind` (one of [`KINDS`]): `urn:kriterium:schema:KIND`. A name,
/// not an address to fetch: the schemas ship in the binary (`kriterium schema KIND`) and in
/// `schemas/`, and a name stays the same wherever the project is hosted or a pack is copied.
pub fn id(kind: &str) -> String {
    format!("urn:kriterium:schema:{kind}")
}

/// `schema` with its `$id` ([`id`]) set.
fn identified(kind: &str, mut schema: Value) -> Value {
    if let Value::Object(map) = &mut schema {
        map.insert("$id".into(), Value::String(id(kind)));
    }
    schema
}

/// The schema of an application.
pub fn application() -> Value {
    identified("application", schemars::schema_for!(Application).to_value())
}

/// The schema of a rule pack's `pack.toml` (as the JSON its TOML corresponds to).
pub fn pack() -> Value {
    identified("pack", schemars::schema_for!(Manifest).to_value())
}

/// The schema of a decision.
pub fn decision() -> Value {
    identified("decision", schemars::schema_for!(Decision).to_value())
}

/// The schema of a kind by name (`application`, `pack`, `decision`).
pub fn by_name(kind: &str) -> Option<Value> {
    match kind {
        "application" => Some(application()),
        "pack" => Some(pack()),
        "decision" => Some(decision()),
        _ => None,
    }
}

/// A schema as written to `schemas/`: pretty JSON with a final newline.
pub fn to_text(schema: &Value) -> String {
    let mut text = serde_json::to_string_pretty(schema)
        .expect("a JSON value always serialises (its keys are strings)");
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_schema_names_itself_with_a_stable_id() {
        for kind in KINDS {
            let schema = by_name(kind).unwrap();
            assert_eq!(
                schema["$id"],
                format!("urn:kriterium:schema:{kind}"),
                "{kind}"
            );
        }
    }

    #[test]
    fn every_generated_schema_compiles() {
        for kind in KINDS {
            let schema = by_name(kind).unwrap();
            crate::validation::compile(&schema).unwrap_or_else(|e| panic!("{kind}: {e}"));
        }
    }

    #[test]
    fn unknown_fields_are_forbidden_in_applications() {
        let schema = application();
        assert_eq!(schema["additionalProperties"], Value::Bool(false));
    }
}
