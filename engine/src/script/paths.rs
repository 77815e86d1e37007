//! Finds property paths a script reads that an application (or the pack) cannot have.
//!
//! Reading a property that does not exist stops a script at run time, but only on the first
//! application that reaches that line. What can be known before anything runs is found by
//! following values through the script's syntax tree (`flow.rs`): from `app` and `pack` through
//! variables, loops, closures of list methods, interpolations and script functions. Each step is
//! looked up here, in the application's JSON Schema (its `extra` in the pack's extension schema)
//! or in the pack's manifest. A name is missing only from an object the schema closes
//! (`additionalProperties: false`); anything else is not checked.

use std::collections::BTreeSet;

use rhai::AST;
use serde_json::{Map, Value, json};

use super::flow;
use crate::manifest::Manifest;
use crate::pack::Funds;

/// What scripts can read: the application and the pack, as JSON Schemas.
#[derive(Debug, Clone)]
pub struct Shapes {
    application: Value,
    extra: Option<Value>,
    pack: Value,
}

/// A property read that cannot exist (or probably cannot), with its 1-based position in the
/// script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingProperty {
    /// 1-based line of the property name.
    pub line: usize,
    /// 1-based column of the property name, in characters.
    pub column: usize,
    /// What is wrong, with a "did you mean" when a known name is close.
    pub message: String,
    /// True when the read fails on every way the script reaches it (an error); false when only
    /// some values the script can have there lack the property (a warning).
    pub certain: bool,
}

/// What a scan of one script found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Reads of properties that cannot exist, or probably cannot (see `certain`), in order.
    pub missing: Vec<MissingProperty>,
    /// Names read as `pack.parameters.NAME`.
    pub parameters: BTreeSet<String>,
    /// Whether the script uses `pack.parameters` other than by naming a parameter (indexing it,
    /// passing it on), so any parameter may be read.
    pub parameters_whole: bool,
    /// Names the script calls as functions or methods.
    pub calls: BTreeSet<String>,
    /// Variables the script reads without declaring them: the host's (`app`, `pack`,
    /// `max_points`, `reviews`), or names nothing declares.
    pub globals: BTreeSet<String>,
}

/// Where a schema node sits, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    Application,
    Pack,
    Parameters,
    Inside,
}

/// A schema node, the document its `$ref`s point into, and where it sits.
#[derive(Debug, Clone, Copy)]
pub(super) struct Node<'a> {
    root: &'a Value,
    pub(super) schema: &'a Value,
    pub(super) place: Place,
}

/// What a property of a schema node is.
pub(super) enum Lookup<'a> {
    /// A node of the schema.
    Found(Node<'a>),
    /// Not allowed: the object is closed; the names it has.
    Missing(Vec<&'a str>),
    /// Anything may be there.
    Unknown,
}

impl Shapes {
    /// The shapes for a pack: the application schema, the pack's extension schema for `extra`
    /// (if any), and the pack's own fields and parameters from its manifest (with `funds`, whose
    /// values do not change the shape: `pack.year` is known whether or not it is `()`).
    pub fn new(
        application: Value,
        extra: Option<Value>,
        manifest: &Manifest,
        funds: Funds,
    ) -> Self {
        Shapes {
            application,
            extra,
            pack: shape_of(&manifest.script_view(funds)),
        }
    }

    /// Every property path a script reads, checked against the shapes. `tree` is the script
    /// compiled without optimisation (`ScriptHost::syntax_tree`), so nothing is folded away.
    pub fn scan(&self, tree: &AST) -> Reads {
        let flow = flow::walk(tree, Some(self));
        Reads {
            missing: flow
                .findings
                .into_iter()
                .map(|f| MissingProperty {
                    line: f.line,
                    column: f.column,
                    message: f.message,
                    certain: f.certain,
                })
                .collect(),
            parameters: flow.parameters,
            parameters_whole: flow.parameters_whole,
            calls: flow.calls.into_iter().map(|c| c.name).collect(),
            globals: flow.globals,
        }
    }

    /// The node of a host variable (`app`, `pack`).
    pub(super) fn root(&self, name: &str) -> Option<Node<'_>> {
        match name {
            "app" => Some(Node {
                root: &self.application,
                schema: &self.application,
                place: Place::Application,
            }),
            "pack" => Some(Node {
                root: &self.pack,
                schema: &self.pack,
                place: Place::Pack,
            }),
            _ => None,
        }
    }

    /// Property `name` of `node`.
    pub(super) fn property<'a>(&'a self, node: Node<'a>, name: &str) -> Lookup<'a> {
        if node.place == Place::Application
            && name == "extra"
            && let Some(extra) = &self.extra
        {
            return Lookup::Found(Node {
                root: extra,
                schema: extra,
                place: Place::Inside,
            });
        }
        let schema = resolve(node.root, node.schema);
        let place = if node.place == Place::Pack && name == "parameters" {
            Place::Parameters
        } else {
            Place::Inside
        };
        let properties = schema.get("properties").and_then(Value::as_object);
        if let Some(child) = properties.and_then(|p| p.get(name)) {
            return Lookup::Found(Node {
                root: node.root,
                schema: child,
                place,
            });
        }
        match schema.get("additionalProperties") {
            Some(Value::Bool(false)) => Lookup::Missing(
                properties
                    .map(|p| p.keys().map(String::as_str).collect())
                    .unwrap_or_default(),
            ),
            Some(additional @ Value::Object(_)) => Lookup::Found(Node {
                root: node.root,
                schema: additional,
                place: Place::Inside,
            }),
            _ => Lookup::Unknown,
        }
    }

    /// The items of a list `node`, if it is one.
    pub(super) fn items<'a>(&'a self, node: Node<'a>) -> Option<Node<'a>> {
        let schema = resolve(node.root, node.schema);
        schema.get("items").map(|items| Node {
            root: node.root,
            schema: items,
            place: Place::Inside,
        })
    }
}

/// The schema a value has: objects closed to the keys they have, lists of the shape of their
/// first item (how `pack` and its parameters are checked).
fn shape_of(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let properties: Map<String, Value> =
                map.iter().map(|(k, v)| (k.clone(), shape_of(v))).collect();
            json!({"type": "object", "additionalProperties": false, "properties": properties})
        }
        Value::Array(items) => match items.first() {
            Some(first) => json!({"type": "array", "items": shape_of(first)}),
            None => json!({"type": "array"}),
        },
        _ => json!({}),
    }
}

/// Follows `$ref`s and unwraps optional values (`anyOf` of a schema and `null`).
pub(super) fn resolve<'a>(root: &'a Value, mut schema: &'a Value) -> &'a Value {
    // Bounded, so a schema that refers to itself cannot loop.
    for _ in 0..32 {
        if let Some(reference) = schema.get("$ref").and_then(Value::as_str) {
            match reference.strip_prefix('#').and_then(|p| root.pointer(p)) {
                Some(target) => {
                    schema = target;
                    continue;
                }
                None => break,
            }
        }
        let branches = schema
            .get("anyOf")
            .or_else(|| schema.get("oneOf"))
            .and_then(Value::as_array);
        if let Some(branches) = branches {
            let mut not_null = branches
                .iter()
                .filter(|b| b.get("type").and_then(Value::as_str) != Some("null"));
            if let (Some(only), None) = (not_null.next(), not_null.next()) {
                schema = only;
                continue;
            }
        }
        break;
    }
    schema
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;

    /// The funds of a run outside a year: scripts can read `pack.year` all the same.
    const FUNDS: Funds = Funds {
        budget: 100,
        year: None,
    };

    fn manifest() -> Manifest {
        serde_json::from_value(json!({
            "id": "p", "version": "1", "title": {"da": "P"}, "language": "da",
            "currency": "DKK", "budget": 100,
            "parameters": {"municipalities": ["A", "B"], "limits": {"low": 1}},
            "criteria": [{"id": "c", "title": {"da": "C"}, "weight": 1, "max_points": 1,
                          "script": "c.rhai"}],
        }))
        .unwrap()
    }

    fn scan(text: &str) -> Reads {
        Shapes::new(schema::application(), None, &manifest(), FUNDS).scan(&flow::tree(text))
    }

    fn messages(text: &str) -> Vec<(usize, usize, String)> {
        scan(text)
            .missing
            .into_iter()
            .map(|m| (m.line, m.column, m.message))
            .collect()
    }

    /// Each finding's message and whether it is certain (an error) or likely (a warning).
    fn findings(text: &str) -> Vec<(String, bool)> {
        scan(text)
            .missing
            .into_iter()
            .map(|m| (m.message, m.certain))
            .collect()
    }

    fn error(message: &str) -> Vec<(String, bool)> {
        vec![(message.to_string(), true)]
    }

    fn warning(message: &str) -> Vec<(String, bool)> {
        vec![(message.to_string(), false)]
    }

    #[test]
    fn a_misspelt_field_in_an_interpolation_is_found() {
        let found = messages("let s = `Ansøgt: ${app.budjet.requested} kr.`;");
        assert_eq!(
            found,
            vec![(
                1,
                24,
                "no field `budjet` in an application; did you mean `budget`?".to_string()
            )]
        );
        assert_eq!(
            findings("let s = `Ansøgt: ${app.budget.requested} kr.`;"),
            vec![]
        );
    }

    #[test]
    fn a_function_handed_app_is_checked_certainly_when_every_call_hands_it() {
        let certain = "no field `budjet` in an application; did you mean `budget`?";
        assert_eq!(findings("fn f(a) { a.budjet }\nf(app);"), error(certain));
        // Handed on again, and called as a method (`this`).
        assert_eq!(
            findings("fn g(b) { b.requsted }\nfn f(a) { g(a.budget) }\nf(app);"),
            error("no field `requsted` in `b`; did you mean `requested`?")
        );
        assert_eq!(findings("fn f() { this.budjet }\napp.f();"), error(certain));
        // Valid reads, and a function never called, give nothing.
        assert_eq!(findings("fn f(a) { a.budget.requested }\nf(app);"), vec![]);
        assert_eq!(findings("fn f(a) { a.budjet }"), vec![]);
    }

    #[test]
    fn a_function_handed_app_at_only_some_calls_gets_a_warning() {
        assert_eq!(
            findings("fn f(a) { a.budjet }\nf(app);\nf(#{budjet: 1});"),
            warning("`a` may be `app`, which has no field `budjet`; did you mean `budget`?")
        );
        // Reachable by name from anywhere: what it is handed is not known for sure.
        assert_eq!(
            findings("fn f(a) { a.budjet }\nf(app);\nlet p = Fn(\"f\");"),
            warning("`a` may be `app`, which has no field `budjet`; did you mean `budget`?")
        );
    }

    #[test]
    fn variables_follow_what_was_last_assigned() {
        assert_eq!(
            findings("let b = app.budget;\nb.requsted"),
            error("no field `requsted` in `b`; did you mean `requested`?")
        );
        // Valid Rhai: `x` holds the period when `start` is read.
        assert_eq!(
            findings("let x = app.budget; x = app.period; let s = x.start;"),
            vec![]
        );
        assert_eq!(
            findings("let x = app.period; x = app.budget; let s = x.start;"),
            error("no field `start` in `x`")
        );
        // Assigned in one branch only: `x` may be either.
        assert_eq!(
            findings("let x = app.budget; if app.title == \"\" { x = app.period; } x.start"),
            warning("`x` may be `app.budget`, which has no field `start`")
        );
        // A number in one branch: unknown there, so only likely.
        assert_eq!(
            findings("let x = 5; if app.title == \"\" { x = app.budget; } x.requsted"),
            warning(
                "`x` may be `app.budget`, which has no field `requsted`; did you mean `requested`?"
            )
        );
    }

    #[test]
    fn what_may_change_a_variable_behind_its_back_makes_it_unsure() {
        let likely = warning("`x` may be `app.budget`, which has no field `start`");
        // A closure kept for later sees the variable as it is when called.
        let script = "let x = app.budget;\nlet g = |p| x.start;\nx = app.period;\ng.call(1);";
        assert_eq!(findings(script), likely);
        // A script method that assigns to `this`.
        let script = "fn swap() { this = 1 }\nlet x = app.budget;\nx.swap();\nx.start";
        assert_eq!(findings(script), likely);
        // A list given items of the script's own.
        let script = "let ps = app.partners;\nps.push(#{nme: 1});\nfor p in ps { p.nme }";
        assert_eq!(
            findings(script),
            warning("`p` may be `app.partners[…]`, which has no field `nme`; did you mean `name`?")
        );
        // A read-only method leaves it sure.
        let script = "let x = app.budget;\nx.len();\nx.start";
        assert_eq!(findings(script), error("no field `start` in `x`"));
    }

    #[test]
    fn loops_carry_what_a_variable_may_be_around_and_out_of_the_loop() {
        // Left by `break` holding the budget, by the condition holding the period: `requested`
        // is valid on one of the two ways out, so it is not an error.
        let script = "let x = app.period;\nwhile app.title != \"\" {\n  x = app.budget;\n  \
                      if x.requested > 0 { break; }\n  x = app.period;\n}\nx.requested";
        assert_eq!(
            findings(script),
            warning("`x` may be `app.period`, which has no field `requested`")
        );
        // Reassigned at the end of the body: at its start `x` may be either.
        let script = "let x = app.period;\nfor p in app.partners { x.end; x = app.budget; }";
        assert_eq!(
            findings(script),
            warning("`x` may be `app.budget`, which has no field `end`")
        );
    }

    #[test]
    fn loops_from_three_deep_are_walked_once_with_what_they_assign_unknown() {
        // In rounds at every level this would be some 3^12 walks of the innermost body. From
        // three loops deep, a variable a loop assigns is unknown there instead (so `x.start`
        // is not checked); after the loops it may be either.
        let depth = 12;
        let mut script = String::from("let x = app.period;\n");
        for i in 0..depth {
            script.push_str(&format!("for i{i} in app.partners {{\n"));
        }
        script.push_str("x.start; x = app.budget;\n");
        script.push_str(&"}\n".repeat(depth));
        script.push_str("x.nothing;");
        assert_eq!(
            findings(&script),
            warning("`x` may be `app.period` or `app.budget`, which have no field `nothing`")
        );
        // Shallower, the rounds still find what `x` may be.
        let script = "let x = app.period;\nfor a in app.partners { for b in app.partners {\n\
                      x.start; x = app.budget; } }";
        assert_eq!(
            findings(script),
            warning("`x` may be `app.budget`, which has no field `start`")
        );
    }

    #[test]
    fn chains_are_followed_as_rhai_evaluates_them() {
        assert_eq!(
            findings("let r = (app.budget).requsted;"),
            error("no field `requsted` in `app.budget`; did you mean `requested`?")
        );
        assert_eq!(
            findings("let n = app.partners[app.events.len() - 1].nme;"),
            error("no field `nme` in `app.partners[…]`; did you mean `name`?")
        );
        assert_eq!(
            findings("let n = app.partners[app.evnts.len()].name;"),
            error("no field `evnts` in an application; did you mean `events`?")
        );
        // A map read by a key in brackets is not followed; writing a field is not a read.
        assert_eq!(findings("let b = app[\"budjet\"];"), vec![]);
        assert_eq!(findings("let m = #{a: 1};\nm.b = 2;\nm.c"), vec![]);
    }

    #[test]
    fn closures_of_list_methods_get_items_and_what_they_capture() {
        assert_eq!(
            findings("app.partners.filter(|p| p.nme != \"\")"),
            error("no field `nme` in `p`; did you mean `name`?")
        );
        assert_eq!(
            findings("let limit = app.budget;\napp.partners.filter(|p| limit.totl > 0)"),
            error("no field `totl` in `limit`; did you mean `total`?")
        );
        // The item is the second parameter of `reduce`; the first is the running value.
        assert_eq!(
            findings("app.partners.reduce(|sum, p| sum + p.nme.len(), 0)"),
            error("no field `nme` in `p`; did you mean `name`?")
        );
        assert_eq!(
            findings("app.partners.reduce(|sum, p| sum.anything + p.name.len(), 0)"),
            vec![]
        );
        // `this` is the item too.
        assert_eq!(
            findings("app.partners.filter(|| this.nme != \"\")"),
            error("no field `nme` in `this`; did you mean `name`?")
        );
    }

    #[test]
    fn a_misspelt_field_is_named_with_its_position_and_the_likely_name() {
        assert_eq!(
            messages("let x = 1;\nlet r = app.budjet.requested;"),
            vec![(
                2,
                13,
                "no field `budjet` in an application; did you mean `budget`?".to_string()
            )]
        );
        assert_eq!(
            messages("app.budget.requestd"),
            vec![(
                1,
                12,
                "no field `requestd` in `app.budget`; did you mean `requested`?".to_string()
            )]
        );
    }

    #[test]
    fn variables_loops_and_closures_carry_the_shape() {
        let script = "let b = app.budget;\nb.totl;\nfor p in app.partners { p.municipalty; }\n\
                      app.events.filter(|e| e.participnts > 1);\nfor (m, i) in app.partners { m.nme }";
        let found: Vec<String> = messages(script).into_iter().map(|m| m.2).collect();
        assert_eq!(
            found,
            vec![
                "no field `totl` in `b`; did you mean `total`?",
                "no field `municipalty` in `p`; did you mean `municipality`?",
                "no field `participnts` in `e`; did you mean `participants`?",
                "no field `nme` in `m`; did you mean `name`?",
            ]
        );
    }

    #[test]
    fn parameters_are_checked_against_the_manifest_and_recorded() {
        let reads =
            scan("pack.parameters.municipalites;\npack.parameters.limits.low;\npack.budget");
        assert_eq!(reads.missing.len(), 1);
        assert_eq!(
            reads.missing[0].message.to_string(),
            "no parameter `municipalites` in the pack's `[parameters]` (pack.toml); did you mean `municipalities`?"
        );
        assert_eq!(
            reads.parameters,
            BTreeSet::from(["limits".to_string(), "municipalites".to_string()])
        );
        assert!(!reads.parameters_whole);
        assert!(scan("let all = pack.parameters; all").parameters_whole);
        assert!(scan("pack.parameters[\"x\"]").parameters_whole);
        assert!(scan("for p in pack.parameters { }").parameters_whole);
        assert!(scan("fn f(p) { p.limits }\nf(pack.parameters);").parameters_whole);
        // Read by name inside a function handed the pack.
        let reads = scan("fn f(p) { p.parameters.municipalities }\nf(pack);");
        assert_eq!(
            reads.parameters,
            BTreeSet::from(["municipalities".to_string()])
        );
        assert!(!reads.parameters_whole);
    }

    #[test]
    fn what_cannot_be_followed_is_not_checked() {
        let script = r#"
            // app.nothing in a comment
            let s = "app.nothing in a string";
            app.extra.anything.goes;
            let n = app.partners.len();
            n.whatever;
            fn f(p) { p.whatever }
            for p in app.partners { p.name }
            let g = |p| p.whatever;
            app.partners[0].name;
            app.period?.end;
        "#;
        assert_eq!(messages(script), vec![]);
    }

    #[test]
    fn a_pack_extension_schema_describes_extra() {
        let extra = json!({"type": "object", "additionalProperties": false,
                           "properties": {"genre": {"type": "string"}}});
        let shapes = Shapes::new(schema::application(), Some(extra), &manifest(), FUNDS);
        let found = shapes.scan(&flow::tree("app.extra.genre; app.extra.genr;"));
        assert_eq!(found.missing.len(), 1);
        assert_eq!(
            found.missing[0].message.to_string(),
            "no field `genr` in `app.extra`; did you mean `genre`?"
        );
    }
}
