//! Editor support: Rhai definition files (`.d.rhai`) for rule scripts, in Rhai's own format.
//!
//! [`ScriptHost::definitions`] asks Rhai's `Engine::definitions_with_scope` (features `metadata`
//! and `internals`) to describe the very engine scripts run in: Rhai's built-in operators and
//! standard library, kriterium's API with parameter names, types and doc comments (`script.rs`
//! registers them with that metadata), and the variables a script sees (`app`, `pack`,
//! `max_points`). [`fields`] declares what a script reads of `app` and `pack` as property getters
//! on `record` (`fn get requested(_: record) -> int;`), each with the paths and descriptions the
//! application schema, the pack's extension schema and its manifest give.

use std::collections::BTreeMap;
use std::fmt::Write;

use rhai::{Dynamic, INT, Scope};
use serde_json::Value;

use super::ScriptHost;
use super::paths::resolve;
use super::record;

/// What Rhai writes as the return type of a native function that returns
/// `Result<T, Box<EvalAltResult>>`: the last `::` segment of that Rust type, `T` lost. Rhai's
/// definitions mark an unknown type `?`, which is what it is then.
const MANGLED_RESULT: &str = "-> EvalAltResult>>;";

impl ScriptHost {
    /// The definition files of this host's engine, as `(file name, text)` in Rhai's order:
    /// `__builtin__.d.rhai` and `__builtin-operators__.d.rhai` (what Rhai's evaluator has
    /// built in), `__static__.d.rhai` (every function a script can call: the standard library
    /// and kriterium's API, with doc comments) and `__scope__.d.rhai` (`let app: record;`,
    /// `let pack: record;`, `let max_points: int;` — the last one in criteria only). Each text
    /// starts with `module static;`.
    pub fn definitions(&self) -> Vec<(String, String)> {
        let empty = record::from_json(&Value::Object(serde_json::Map::new()))
            // INVARIANT: an empty JSON object always converts (only numbers can fail).
            .expect("an empty object is a record");
        let mut scope = Scope::new();
        scope.push_dynamic("app", empty.clone());
        scope.push_dynamic("pack", empty);
        scope.push_dynamic("max_points", Dynamic::from(0 as INT));
        self.engine
            .definitions_with_scope(&scope)
            .iter_files()
            .map(|(name, text)| (name, text.replace(MANGLED_RESULT, "-> ?;")))
            .collect()
    }
}

/// A property a script can read on some record: where, what, and of which type.
struct Field {
    /// e.g. `app.budget.requested`.
    path: String,
    /// The schema's description, on one line (may be empty).
    description: String,
    /// The type as Rhai's definitions write it (`int`, `string`, `array`, `record`, `?`).
    kind: &'static str,
}

/// `fields.d.rhai`: every property a script can read of `app` (from `application`, the
/// application schema with `$defs`, and `extra`, the pack's extension schema) and of `pack` (its
/// fields and `parameters` by name), as Rhai property getters on `record`, one per name, each
/// with a doc comment listing the paths it reads and their descriptions. A name whose paths have
/// different types is declared `?`.
pub fn fields(application: &Value, extra: Option<&Value>, parameters: &[String]) -> String {
    let mut found = Vec::new();
    walk(application, application, "app", 0, &mut found);
    if let Some(extra) = extra {
        walk(extra, extra, "app.extra", 0, &mut found);
    }
    for (name, description, kind) in [
        ("id", "the pack's id", "string"),
        ("version", "the pack's version", "string"),
        ("language", "the pack's language", "string"),
        ("currency", "the currency of all amounts", "string"),
        (
            "budget",
            "the money of this run: the year's budget with --year, --budget, else the pack's total",
            "int",
        ),
        (
            "year",
            "the year the budget is for (--year), or () outside a year",
            "?",
        ),
        (
            "threshold",
            "the lowest total to be recommended, or ()",
            "?",
        ),
        ("parameters", "the parameters in pack.toml", "record"),
    ] {
        found.push(Field {
            path: format!("pack.{name}"),
            description: description.into(),
            kind,
        });
    }
    for name in parameters {
        found.push(Field {
            path: format!("pack.parameters.{name}"),
            description: "a parameter in pack.toml".into(),
            kind: "?",
        });
    }

    // By name, in name order: a getter is declared once, whatever reads it.
    let mut by_name: BTreeMap<&str, Vec<&Field>> = BTreeMap::new();
    for field in &found {
        let name = field.path.rsplit('.').next().unwrap_or(&field.path);
        by_name.entry(name).or_default().push(field);
    }
    let mut out = String::from(
        "module static;\n\n\
         // What a rule script can read of `app` and `pack` (both of type `record`, read-only).\n\
         // Reading a property that is not declared here stops the script, and `kriterium check`\n\
         // reports it first.\n",
    );
    for (name, fields) in by_name {
        out.push('\n');
        for field in &fields {
            // Writing to a String cannot fail.
            let _ = match field.description.as_str() {
                "" => writeln!(out, "/// `{}`", field.path),
                text => writeln!(out, "/// `{}`: {text}", field.path),
            };
        }
        let kind = fields[0].kind;
        let kind = if fields.iter().all(|f| f.kind == kind) {
            kind
        } else {
            "?"
        };
        let _ = writeln!(out, "fn get {name}(_: record) -> {kind};");
    }
    out
}

/// The type Rhai's definitions give a value of this schema: what `script/record.rs` makes of it.
fn kind_of(node: &Value) -> &'static str {
    let single = match node.get("type") {
        Some(Value::String(t)) => Some(t.as_str()),
        // `["string", "null"]`: an optional value may be `()`, so its type is not one.
        _ => None,
    };
    match single {
        Some("integer") => "int",
        Some("number") => "decimal",
        Some("string") => "string",
        Some("boolean") => "bool",
        Some("array") => "array",
        Some("object") => "record",
        _ => "?",
    }
}

/// Adds a [`Field`] for every property below `node`, lists as `path[]`.
fn walk(root: &Value, node: &Value, path: &str, depth: usize, out: &mut Vec<Field>) {
    // Deep enough for any application; a schema that refers to itself cannot loop.
    if depth > 6 {
        return;
    }
    let node = resolve(root, node);
    if let Some(items) = node.get("items") {
        walk(root, items, &format!("{path}[]"), depth + 1, out);
        return;
    }
    let Some(properties) = node.get("properties").and_then(Value::as_object) else {
        return;
    };
    for (name, child) in properties {
        if name == "$schema" {
            continue;
        }
        let child_path = format!("{path}.{name}");
        let resolved = resolve(root, child);
        let description = resolved
            .get("description")
            .or_else(|| child.get("description"))
            .and_then(Value::as_str)
            // A property without a description is still listed, by its path alone.
            .unwrap_or("")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Field {
            path: child_path.clone(),
            description,
            kind: kind_of(resolved),
        });
        walk(root, child, &child_path, depth + 1, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_scripts_read_of_pack_is_declared() {
        let manifest: crate::manifest::Manifest = serde_json::from_value(serde_json::json!({
            "id": "p", "version": "1", "title": {"da": "P"}, "language": "da",
            "currency": "DKK", "budget": {"2024": 1},
            "criteria": [{"id": "c", "title": {"da": "C"}, "weight": 1, "max_points": 1,
                          "script": "c.rhai"}],
        }))
        .unwrap();
        let funds = crate::pack::Funds {
            budget: 1,
            year: Some(2024),
        };
        let text = fields(&crate::schema::application(), None, &[]);
        let view = manifest.script_view(funds);
        for name in view.as_object().unwrap().keys() {
            assert!(
                text.contains(&format!("/// `pack.{name}`: ")),
                "{name}: {text}"
            );
        }
        assert!(view["year"] == 2024, "{view}");
    }

    #[test]
    fn every_field_of_an_application_is_declared_as_a_getter_with_its_paths() {
        let text = fields(&crate::schema::application(), None, &["years".into()]);
        assert!(text.starts_with("module static;"), "{text}");
        assert!(text.contains("/// `app.budget.requested`: "), "{text}");
        assert!(
            text.contains("/// `app.partners[].municipality`: "),
            "{text}"
        );
        assert!(text.contains("/// `pack.parameters.years`: "), "{text}");
        assert!(
            text.contains("\nfn get requested(_: record) -> int;\n"),
            "{text}"
        );
        assert!(text.contains("\nfn get years(_: record) -> ?;\n"), "{text}");
        assert!(!text.contains("$schema"));
        assert!(!text.contains("const "), "{text}");
        // One getter per name, however many paths share it.
        assert_eq!(text.matches("fn get id(").count(), 1, "{text}");
    }

    #[test]
    fn the_engine_definitions_are_rhais_own_with_the_api_documented() {
        let host = ScriptHost::new("da", Vec::new());
        let files: BTreeMap<String, String> = host.definitions().into_iter().collect();
        for name in [
            "__builtin__.d.rhai",
            "__builtin-operators__.d.rhai",
            "__static__.d.rhai",
            "__scope__.d.rhai",
        ] {
            let text = &files[name];
            assert!(text.starts_with("module static;"), "{name}");
            assert!(!text.contains("EvalAltResult"), "{name}");
        }
        let api = &files["__static__.d.rhai"];
        assert!(
            api.contains("fn award(points: int, reason: string) -> ();"),
            "{api}"
        );
        assert!(
            api.contains("/// Gate: the application meets the requirement, for this reason.\nfn pass(reason: string) -> ();"),
            "{api}"
        );
        // Rhai's standard library is part of the engine scripts run in.
        assert!(api.contains("fn sort("), "standard library missing");
        let scope = &files["__scope__.d.rhai"];
        for declaration in [
            "let app: record;",
            "let pack: record;",
            "let max_points: int;",
        ] {
            assert!(scope.contains(declaration), "{scope}");
        }
    }
}
