//! Finds property paths a script reads that an application (or the pack) cannot have.
//!
//! Reading a property that does not exist stops a script at run time, but only on the first
//! application that reaches that line. This scanner follows what can be known before anything
//! runs: chains that start at `app` or `pack` (`app.budget.requested`, `pack.parameters.x`),
//! variables bound to such a chain (`let b = app.budget;`), loop variables over a list
//! (`for p in app.partners`) and closure parameters of list methods
//! (`app.partners.filter(|p| p.new_collaboration)`). Each step is looked up in the application's
//! JSON Schema (its `extra` in the pack's extension schema) or in the pack's manifest. Only what is
//! certain is reported: a name missing from an object the schema closes
//! (`additionalProperties: false`). Anything the scanner cannot follow is not checked.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Map, Value, json};

use super::calls::{Token, tokens};
use crate::manifest::Manifest;
use crate::suggest;

/// What scripts can read: the application and the pack, as JSON Schemas.
#[derive(Debug, Clone)]
pub struct Shapes {
    application: Value,
    extra: Option<Value>,
    pack: Value,
}

/// A property read that cannot exist, with its 1-based position in the script.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MissingProperty {
    /// 1-based line of the property name.
    pub line: usize,
    /// 1-based column of the property name, in characters.
    pub column: usize,
    /// What is wrong, with a "did you mean" when a known name is close.
    pub message: String,
}

/// What a scan of one script found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Reads {
    /// Reads of properties that cannot exist.
    pub missing: Vec<MissingProperty>,
    /// Names read as `pack.parameters.NAME`.
    pub parameters: BTreeSet<String>,
    /// Whether the script uses `pack.parameters` other than by naming a parameter (indexing it,
    /// passing it on), so any parameter may be read.
    pub parameters_whole: bool,
    /// Names the script calls as functions or methods.
    pub calls: BTreeSet<String>,
}

/// Where a schema node sits, for messages.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    Application,
    Pack,
    Parameters,
    Inside,
}

/// A schema node, the document its `$ref`s point into, and where it sits.
#[derive(Debug, Clone, Copy)]
struct Node<'a> {
    root: &'a Value,
    schema: &'a Value,
    place: Place,
}

enum Lookup<'a> {
    Found(Node<'a>),
    Missing(Vec<&'a str>),
    Unknown,
}

impl Shapes {
    /// The shapes for a pack: the application schema, the pack's extension schema for `extra`
    /// (if any), and the pack's own fields and parameters from its manifest.
    pub fn new(application: Value, extra: Option<Value>, manifest: &Manifest) -> Self {
        Shapes {
            application,
            extra,
            pack: shape_of(&manifest.script_view()),
        }
    }

    /// Every property path `text` reads, checked against the shapes.
    pub fn scan(&self, text: &str) -> Reads {
        let tokens = tokens(text);
        let mut scan = Scan {
            shapes: self,
            tokens: &tokens,
            aliases: BTreeMap::new(),
            reads: Reads::default(),
        };
        scan.run();
        scan.reads
    }

    fn root(&self, name: &str) -> Option<Node<'_>> {
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

    fn property<'a>(&'a self, node: Node<'a>, name: &str) -> Lookup<'a> {
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

    fn items<'a>(&'a self, node: Node<'a>) -> Option<Node<'a>> {
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

struct Scan<'s, 't> {
    shapes: &'s Shapes,
    tokens: &'t [Token<'t>],
    aliases: BTreeMap<&'t str, Node<'s>>,
    reads: Reads,
}

impl<'s, 't> Scan<'s, 't> {
    fn ident(&self, i: usize) -> Option<&'t str> {
        match self.tokens.get(i) {
            Some(Token::Ident(name, ..)) => Some(name),
            _ => None,
        }
    }

    fn punct(&self, i: usize, c: char) -> bool {
        matches!(self.tokens.get(i), Some(Token::Punct(p, ..)) if *p == c)
    }

    fn run(&mut self) {
        // A variable bound to the chain starting at a token index: (start, name, to its items).
        let mut binding: Option<(usize, &'t str, bool)> = None;
        let mut i = 0;
        while i < self.tokens.len() {
            let word = self.ident(i);
            if matches!(word, Some("let" | "const"))
                && let Some(name) = self.ident(i + 1)
            {
                self.aliases.remove(name);
                if self.punct(i + 2, '=') {
                    binding = Some((i + 3, name, false));
                }
                i += 2;
                continue;
            }
            if word == Some("for") {
                // `for p in …` or `for (p, i) in …`
                let name_at = if self.punct(i + 1, '(') { i + 2 } else { i + 1 };
                if let Some(name) = self.ident(name_at) {
                    self.aliases.remove(name);
                    let mut j = name_at + 1;
                    while let Some(token) = self.tokens.get(j) {
                        match token {
                            Token::Ident("in", ..) => break,
                            Token::Ident(other, ..) => {
                                self.aliases.remove(other);
                            }
                            _ => {}
                        }
                        j += 1;
                    }
                    binding = Some((j + 1, name, true));
                    i = j + 1;
                    continue;
                }
            }
            if word == Some("fn") {
                // Parameters shadow any variable of the same name.
                let mut j = i + 2;
                while let Some(token) = self.tokens.get(j) {
                    match token {
                        Token::Punct(')', ..) => break,
                        Token::Ident(name, ..) => {
                            self.aliases.remove(name);
                        }
                        _ => {}
                    }
                    j += 1;
                }
                i = j;
                continue;
            }
            if self.punct(i, '|') {
                // Closure parameters not bound by a list method shadow variables too.
                let mut j = i + 1;
                while let Some(name) = self.ident(j) {
                    self.aliases.remove(name);
                    if !self.punct(j + 1, ',') {
                        break;
                    }
                    j += 2;
                }
                i += 1;
                continue;
            }
            if let Some(name) = word
                && self.punct(i + 1, '(')
            {
                self.reads.calls.insert(name.to_string());
            }
            let after_dot = i > 0 && self.punct(i - 1, '.');
            if let Some(name) = word
                && !after_dot
                && let Some(start) = self
                    .aliases
                    .get(name)
                    .copied()
                    .or_else(|| self.shapes.root(name))
            {
                let (node, end) = self.chain(i, start);
                if let Some((at, variable, to_items)) = binding.take()
                    && at == i
                    && let Some(node) = node
                {
                    let bound = if to_items {
                        self.shapes.items(node)
                    } else if self.punct(end, ';') {
                        Some(node)
                    } else {
                        None
                    };
                    if let Some(bound) = bound {
                        self.aliases.insert(variable, bound);
                    }
                }
                i = end.max(i + 1);
                continue;
            }
            i += 1;
        }
    }

    /// Follows the chain starting with the name at `start`, whose node is `node`. Returns the
    /// node reached (`None` when it cannot be followed) and the index after the chain.
    fn chain(&mut self, start: usize, mut node: Node<'s>) -> (Option<Node<'s>>, usize) {
        let mut written = self.ident(start).unwrap_or_default().to_string();
        let mut known = true;
        let mut j = start + 1;
        loop {
            let k = if self.punct(j, '?') { j + 1 } else { j };
            if self.punct(k, '.') {
                let Some(Token::Ident(name, line, column)) = self.tokens.get(k + 1) else {
                    break;
                };
                if self.punct(k + 2, '(') {
                    // A method call: its result is not followed. A list method's closure
                    // parameter is an item of the list.
                    if node.place == Place::Parameters {
                        self.reads.parameters_whole = true;
                    }
                    let mut end = k + 3;
                    if known
                        && self.punct(k + 3, '|')
                        && let (Some(param), Some(items)) =
                            (self.ident(k + 4), self.shapes.items(node))
                    {
                        self.aliases.insert(param, items);
                        end = k + 6;
                    }
                    return (None, end);
                }
                if known {
                    if node.place == Place::Parameters {
                        self.reads.parameters.insert(name.to_string());
                    }
                    match self.shapes.property(node, name) {
                        Lookup::Found(child) => node = child,
                        Lookup::Missing(names) => {
                            let hint = suggest::did_you_mean(name, names);
                            let within = match node.place {
                                Place::Application => "in an application".to_string(),
                                Place::Parameters => {
                                    "in the pack's `[parameters]` (pack.toml)".to_string()
                                }
                                Place::Pack | Place::Inside => format!("in `{written}`"),
                            };
                            let noun = if node.place == Place::Parameters {
                                "parameter"
                            } else {
                                "field"
                            };
                            self.reads.missing.push(MissingProperty {
                                line: *line,
                                column: *column,
                                message: format!("no {noun} `{name}` {within}{hint}"),
                            });
                            known = false;
                        }
                        Lookup::Unknown => known = false,
                    }
                }
                written.push('.');
                written.push_str(name);
                j = k + 2;
            } else if self.punct(k, '[') {
                if node.place == Place::Parameters {
                    self.reads.parameters_whole = true;
                }
                let mut depth = 0usize;
                let mut m = k;
                while let Some(token) = self.tokens.get(m) {
                    match token {
                        Token::Punct('[', ..) => depth += 1,
                        Token::Punct(']', ..) => {
                            depth -= 1;
                            if depth == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    m += 1;
                }
                match self.shapes.items(node) {
                    Some(items) if known => node = items,
                    _ => known = false,
                }
                written.push_str("[…]");
                j = m + 1;
            } else {
                break;
            }
        }
        if known && node.place == Place::Parameters {
            // `pack.parameters` itself, handed on whole.
            self.reads.parameters_whole = true;
        }
        (known.then_some(node), j)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schema;

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
        Shapes::new(schema::application(), None, &manifest()).scan(text)
    }

    fn messages(text: &str) -> Vec<(usize, usize, String)> {
        scan(text)
            .missing
            .into_iter()
            .map(|m| (m.line, m.column, m.message))
            .collect()
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
            reads.missing[0].message,
            "no parameter `municipalites` in the pack's `[parameters]` (pack.toml); did you mean `municipalities`?"
        );
        assert_eq!(
            reads.parameters,
            BTreeSet::from(["limits".to_string(), "municipalites".to_string()])
        );
        assert!(!reads.parameters_whole);
        assert!(scan("let all = pack.parameters; all").parameters_whole);
        assert!(scan("pack.parameters[\"x\"]").parameters_whole);
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
        let shapes = Shapes::new(schema::application(), Some(extra), &manifest());
        let found = shapes.scan("app.extra.genre; app.extra.genr;");
        assert_eq!(found.missing.len(), 1);
        assert_eq!(
            found.missing[0].message,
            "no field `genr` in `app.extra`; did you mean `genre`?"
        );
    }
}
