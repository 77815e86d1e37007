//! Editor support: Rhai definition files (`.d.rhai`, Rhai's own format) for rule scripts.
//!
//! An editor with a Rhai extension reads them to complete and check names: [`api`] declares the
//! functions kriterium adds and the variables scripts see (a test keeps it complete), [`fields`]
//! lists every field a script can read of `app` and `pack`, with its description, as the
//! application schema and the pack's manifest give them. (Rhai's own generator needs its
//! `internals` feature, which we leave off.)

use std::fmt::Write;

use serde_json::Value;

use super::paths::resolve;

/// `kriterium.d.rhai`: the script API and the variables scripts see.
pub fn api() -> String {
    String::from(
        "module static;

/// The application being assessed, read-only. Its fields are listed in fields.d.rhai.
let app: record;
/// The rule pack: id, version, language, currency, budget, threshold, parameters.
let pack: record;
/// In a criterion: the most points this criterion may award.
let max_points: i64;

/// Criterion: adds `points` (a whole number, or a decimal with at most two decimals) with a
/// reason that is shown in the decision. The sum may not exceed `max_points`.
fn award(points: i64, reason: String);
/// Criterion: adds points with a reason; points may be a decimal such as 1.5.
fn award(points: Decimal, reason: String);
/// Criterion: adds a reason without points.
fn note(reason: String);
/// Gate: the application meets the requirement, for this reason.
fn pass(reason: String);
/// Gate: the application does not meet the requirement, for this reason. Any `fail` fails the gate.
fn fail(reason: String);
/// The year of a date written `YYYY-MM-DD`.
fn year(date: String) -> i64;
/// The items of `a` that are also in `b`, in the order of `a`.
fn common(a: Array, b: Array) -> Array;
/// An amount as the pack's language writes it, e.g. `150.000`.
fn format_amount(amount: i64) -> String;
/// A list as the pack's language writes it, e.g. `a, b og c`.
fn format_list(items: Array) -> String;
/// At most `limit` items of a list, then how many more, e.g. `a, b og 3 andre`.
fn format_list(items: Array, limit: i64) -> String;
/// Whether a record (`app`, a part of it, or `pack`) has a field of this name.
fn contains(record: record, name: String) -> bool;
/// The field names of a record.
fn keys(record: record) -> Array;
/// The number of fields of a record.
fn len(record: record) -> i64;
",
    )
}

/// `fields.d.rhai`: every readable path of `app` (from `application`, the application schema with
/// `$defs`) and of `pack` (its fields and `parameters` by name), as documentation comments.
pub fn fields(application: &Value, extra: Option<&Value>, parameters: &[String]) -> String {
    let mut out = String::from(
        "module static;\n\n\
         // What a rule script can read. `app` and `pack` are read-only; reading a field that is\n\
         // not listed here stops the script (and `kriterium check` reports it first).\n\n",
    );
    // Writing to a String cannot fail; `let _` below keeps that visible without unwraps.
    out.push_str("/// `app`: the application being assessed.\n");
    let mut lines = Vec::new();
    walk(application, application, "app", 0, &mut lines);
    if let Some(extra) = extra {
        walk(extra, extra, "app.extra", 0, &mut lines);
    }
    for line in lines {
        let _ = writeln!(out, "/// {line}");
    }
    out.push_str("const APP_FIELDS = ();\n\n/// `pack`: the rule pack.\n");
    for (name, what) in [
        ("id", "the pack's id"),
        ("version", "the pack's version"),
        ("language", "the pack's language"),
        ("currency", "the currency of all amounts"),
        ("budget", "the money available in a round"),
        ("threshold", "the lowest total to be recommended, or ()"),
    ] {
        let _ = writeln!(out, "/// - `pack.{name}`: {what}");
    }
    for name in parameters {
        let _ = writeln!(
            out,
            "/// - `pack.parameters.{name}`: a parameter in pack.toml"
        );
    }
    out.push_str("const PACK_FIELDS = ();\n");
    out
}

/// Lists `- \`path\`: description` for every property below `node`, lists as `path[]`.
fn walk(root: &Value, node: &Value, path: &str, depth: usize, out: &mut Vec<String>) {
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
        let described = resolve(root, child)
            .get("description")
            .or_else(|| child.get("description"))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        out.push(format!("- `{child_path}`: {described}"));
        walk(root, child, &child_path, depth + 1, out);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_field_of_an_application_is_listed_with_its_description() {
        let text = fields(&crate::schema::application(), None, &["years".into()]);
        assert!(text.contains("/// - `app.budget.requested`: "), "{text}");
        assert!(
            text.contains("/// - `app.partners[].municipality`: "),
            "{text}"
        );
        assert!(text.contains("/// - `pack.parameters.years`: "), "{text}");
        assert!(!text.contains("$schema"));
    }
}
