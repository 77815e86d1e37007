//! Follows values through a script's syntax tree: which property paths and which functions it uses.
//!
//! This walks the tree Rhai itself compiled (feature `internals`), so it sees what Rhai sees:
//! interpolations `${…}`, script functions and the values handed to them, variables and their
//! reassignments, loops, closures of list methods, `this`. It interprets the script abstractly:
//! instead of an application it carries *shapes* (nodes of the application's JSON Schema or of the
//! pack's manifest), and every property read on a shape is looked up.
//!
//! Certainty is tracked so `check` never rejects valid code. A value is *sure* when every way the
//! script can reach that point gives it one of the known shapes; a property none of them has is
//! then an error. When a value may also be something else (a variable assigned in one branch
//! only, a function called with `app` at one place and with a number at another) a missing
//! property is only a warning. Anything the walk cannot follow is unknown and not checked.
//!
//! Functions are followed by collecting, at every call site, what is passed, and re-walking
//! until nothing changes; loops the same way. Diagnostics come only from the last walk, so each
//! is reported once.

use std::collections::{BTreeMap, BTreeSet};
use std::rc::Rc;

use rhai::{
    AST, ASTFlags, ASTNode, Expr, FnCallExpr, FnPtr, Position, Stmt, StmtBlock, is_valid_identifier,
};

use super::paths::{Lookup, Node, Place, Shapes};
use crate::suggest;

/// Most shapes one value may be one of before it is treated as unknown.
const MAX_SHAPES: usize = 8;
/// Most walks of a loop body or of the whole script before values still changing are made
/// unknown. Real scripts settle in two or three.
const MAX_ROUNDS: usize = 6;
/// Loops nested this deep or deeper are walked once instead of in rounds (see `repeat`).
const MAX_ROUNDS_DEPTH: usize = 3;

/// A property read that cannot exist, or probably cannot.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Finding {
    /// 1-based line of the property name.
    pub line: usize,
    /// 1-based column of the property name, in characters.
    pub column: usize,
    /// What is wrong, with a "did you mean" when a known name is close.
    pub message: String,
    /// Whether every way of reaching the read gives a value without the property (an error), or
    /// only some (a warning).
    pub certain: bool,
}

/// A call of a function or method by name. Ordered by position.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Call {
    /// 1-based line of the name.
    pub line: usize,
    /// 1-based column of the name, in characters.
    pub column: usize,
    /// The name as written.
    pub name: String,
    /// Whether a variable of that name was in scope (it may hold a function pointer).
    pub variable: bool,
    /// Whether it was written as a method, `x.name(…)`.
    pub method: bool,
}

/// What a walk of one script found.
#[derive(Debug, Clone, Default)]
pub struct Flow {
    /// Property reads that cannot exist (errors) or probably cannot (warnings).
    pub findings: BTreeSet<Finding>,
    /// Names read as a property of `pack.parameters`.
    pub parameters: BTreeSet<String>,
    /// Whether `pack.parameters` is used other than by naming a parameter.
    pub parameters_whole: bool,
    /// Every call of a function or method by name, operators left out.
    pub calls: BTreeSet<Call>,
    /// Keys of map literals: a map may hold a function called as its method.
    pub map_keys: BTreeSet<String>,
    /// Variables read that the script does not declare itself: those the host gives it
    /// (`app`, `pack`, `max_points`, `reviews`), or names nothing declares.
    pub globals: BTreeSet<String>,
}

/// One schema node a value may be, and how it was reached (`app.partners[…]`), for messages.
#[derive(Debug, Clone)]
struct Shape<'s> {
    node: Node<'s>,
    label: Rc<str>,
}

impl PartialEq for Shape<'_> {
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self.node.schema, other.node.schema)
            && self.node.place == other.node.place
            && self.label == other.label
    }
}

/// What the walk knows about a value.
#[derive(Debug, Clone, PartialEq)]
enum Value<'s> {
    /// Nothing (a number, a map the script built, what a function returns).
    Unknown,
    /// One of these shapes; `sure` is false when it may also be something unknown.
    Shaped { shapes: Vec<Shape<'s>>, sure: bool },
}

impl<'s> Value<'s> {
    fn join(&self, other: &Self) -> Self {
        match (self, other) {
            (Value::Unknown, Value::Unknown) => Value::Unknown,
            (Value::Shaped { shapes, .. }, Value::Unknown)
            | (Value::Unknown, Value::Shaped { shapes, .. }) => Value::Shaped {
                shapes: shapes.clone(),
                sure: false,
            },
            (Value::Shaped { shapes: a, sure: x }, Value::Shaped { shapes: b, sure: y }) => {
                let mut shapes = a.clone();
                for shape in b {
                    if !shapes.contains(shape) {
                        shapes.push(shape.clone());
                    }
                }
                if shapes.len() > MAX_SHAPES {
                    Value::Unknown
                } else {
                    Value::Shaped {
                        shapes,
                        sure: *x && *y,
                    }
                }
            }
        }
    }

    fn unsure(self) -> Self {
        match self {
            Value::Shaped { shapes, .. } => Value::Shaped {
                shapes,
                sure: false,
            },
            other => other,
        }
    }

    fn is_parameters(&self) -> bool {
        matches!(self, Value::Shaped { shapes, .. }
            if shapes.iter().any(|s| s.node.place == Place::Parameters))
    }
}

fn join_all<'s>(values: &[Option<Value<'s>>]) -> Option<Value<'s>> {
    values.iter().flatten().fold(None, |acc, v| {
        Some(match acc {
            None => v.clone(),
            Some(a) => a.join(v),
        })
    })
}

/// A script-defined function (or closure) of the tree.
struct Function {
    params: Vec<String>,
    body: Vec<Stmt>,
    /// Whether the body assigns to `this`, changing the variable it is called on as a method.
    assigns_this: bool,
}

/// What is passed to a function at the call sites seen so far (`None`: no call site yet).
#[derive(Debug, Clone, PartialEq, Default)]
struct Passed<'s> {
    params: Vec<Option<Value<'s>>>,
    this: Option<Value<'s>>,
}

/// Variables in scope, innermost last.
type Env<'s> = Vec<(String, Value<'s>)>;

/// Walks `ast` (compiled without optimisation, so nothing is folded away). `shapes` gives `app`
/// and `pack` their shapes; without it only calls are collected.
pub fn walk(ast: &AST, shapes: Option<&Shapes>) -> Flow {
    let mut functions = BTreeMap::new();
    for def in ast.iter_fn_def() {
        let (name, arity) = (def.name.to_string(), def.params.len());
        // The tree of this function alone: its body's statements are the walk's top level.
        let mut one = ast.clone_functions_only();
        one.retain_functions(|_, _, n, a| n == name && a == arity);
        let mut body = Vec::new();
        one.walk(&mut |path: &[ASTNode]| {
            if let [ASTNode::Stmt(stmt)] = path {
                body.push((*stmt).clone());
            }
            true
        });
        let params = def.params.iter().map(|p| p.to_string()).collect();
        let assigns_this = assigns(&body, "this");
        functions.insert(
            (name, arity),
            Function {
                params,
                body,
                assigns_this,
            },
        );
    }
    let mut walker = Walker {
        shapes,
        functions: &functions,
        passed: BTreeMap::new(),
        frozen: false,
        muted: true,
        env: Vec::new(),
        this: Value::Unknown,
        exits: Vec::new(),
        roots: 0,
        flow: Flow::default(),
    };
    let statements = ast.statements();
    // Until what functions are handed stops changing; functions not called yet are skipped so
    // what they pass on is not taken for unknown too early.
    let mut settled = false;
    for _ in 0..MAX_ROUNDS {
        let before = walker.passed.clone();
        walker.main(statements);
        for (key, function) in &functions {
            if walker.passed.contains_key(key) {
                walker.function(key, function);
            }
        }
        if walker.passed == before {
            settled = true;
            break;
        }
    }
    if !settled {
        for passed in walker.passed.values_mut() {
            for p in passed.params.iter_mut().chain([&mut passed.this]) {
                *p = Some(p.take().map_or(Value::Unknown, Value::unsure));
            }
        }
    }
    walker.frozen = true;
    walker.muted = false;
    walker.main(statements);
    for (key, function) in &functions {
        walker.function(key, function);
    }
    walker.flow
}

struct Walker<'s, 'f> {
    shapes: Option<&'s Shapes>,
    functions: &'f BTreeMap<(String, usize), Function>,
    passed: BTreeMap<(String, usize), Passed<'s>>,
    /// In the last walk what functions are handed no longer changes.
    frozen: bool,
    /// Findings are only recorded when not muted (the last walk, outside loop rounds).
    muted: bool,
    env: Env<'s>,
    this: Value<'s>,
    /// For each loop being walked, the variables where a `break` leaves it.
    exits: Vec<Vec<Env<'s>>>,
    /// How many variables at the bottom of `env` are the host's (`app`, `pack`), not the
    /// script's own.
    roots: usize,
    flow: Flow,
}

impl<'s> Walker<'s, '_> {
    fn main(&mut self, statements: &[Stmt]) {
        self.env = Vec::new();
        if let Some(shapes) = self.shapes {
            for name in ["app", "pack"] {
                if let Some(node) = shapes.root(name) {
                    let value = Value::Shaped {
                        shapes: vec![Shape {
                            node,
                            label: name.into(),
                        }],
                        sure: true,
                    };
                    self.env.push((name.to_string(), value));
                }
            }
        }
        self.roots = self.env.len();
        self.this = Value::Unknown;
        self.statements(statements);
    }

    fn function(&mut self, key: &(String, usize), function: &Function) {
        self.roots = 0;
        let passed = self.passed.get(key).cloned().unwrap_or_default();
        self.env = function
            .params
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let value = passed.params.get(i).cloned().flatten();
                (name.clone(), value.unwrap_or(Value::Unknown))
            })
            .collect();
        self.this = passed.this.unwrap_or(Value::Unknown);
        self.statements(&function.body);
    }

    /// Records what a call site hands to a function: `args[i]` for parameter `offset + i`.
    fn pass(
        &mut self,
        key: &(String, usize),
        offset: usize,
        args: &[Value<'s>],
        this: Option<Value<'s>>,
    ) {
        if self.frozen {
            return;
        }
        let arity = key.1;
        let passed = self.passed.entry(key.clone()).or_insert_with(|| Passed {
            params: vec![None; arity],
            this: None,
        });
        for (i, value) in args.iter().enumerate() {
            if let Some(slot) = passed.params.get_mut(offset + i) {
                *slot = join_all(&[slot.take(), Some(value.clone())]);
            }
        }
        if let Some(this) = this {
            passed.this = join_all(&[passed.this.take(), Some(this)]);
        }
    }

    /// A function reachable in ways the walk does not follow (`Fn("name")`, a closure kept in a
    /// variable): it may be handed anything.
    fn escape(&mut self, name: &str) {
        let keys: Vec<(String, usize)> = self
            .functions
            .keys()
            .filter(|(n, _)| n == name)
            .cloned()
            .collect();
        for key in keys {
            let unknown = vec![Value::Unknown; key.1];
            self.pass(&key, 0, &unknown, Some(Value::Unknown));
        }
    }

    fn lookup(&self, name: &str) -> Value<'s> {
        self.env
            .iter()
            .rev()
            .find(|(n, _)| n == name)
            .map_or(Value::Unknown, |(_, v)| v.clone())
    }

    fn set(&mut self, name: &str, value: Value<'s>) {
        if let Some(slot) = self.env.iter_mut().rev().find(|(n, _)| n == name) {
            slot.1 = value;
        }
    }

    fn join_env(a: &Env<'s>, b: &Env<'s>) -> Env<'s> {
        a.iter()
            .zip(b)
            .map(|((name, x), (_, y))| (name.clone(), x.join(y)))
            .collect()
    }

    fn statements(&mut self, statements: &[Stmt]) -> Value<'s> {
        let depth = self.env.len();
        let mut last = Value::Unknown;
        for stmt in statements {
            last = self.stmt(stmt);
        }
        self.env.truncate(depth);
        last
    }

    fn block(&mut self, block: &StmtBlock) -> Value<'s> {
        self.statements(block.statements())
    }

    fn stmt(&mut self, stmt: &Stmt) -> Value<'s> {
        match stmt {
            Stmt::If(flow, _) => {
                self.expr(&flow.expr);
                let entry = self.env.clone();
                let a = self.block(&flow.body);
                let after_body = std::mem::replace(&mut self.env, entry);
                let b = self.block(&flow.branch);
                self.env = Self::join_env(&after_body, &self.env);
                a.join(&b)
            }
            Stmt::Switch(switch, _) => {
                let (on, cases) = &**switch;
                self.expr(on);
                let entry = self.env.clone();
                let mut joined = entry.clone();
                let mut value: Option<Value<'s>> = None;
                for case in &cases.expressions {
                    self.env = entry.clone();
                    self.expr(&case.lhs);
                    let v = self.expr(&case.rhs);
                    value = join_all(&[value, Some(v)]);
                    joined = Self::join_env(&joined, &self.env);
                }
                self.env = joined;
                value.unwrap_or(Value::Unknown)
            }
            Stmt::While(flow, _) | Stmt::Do(flow, _, _) => {
                self.repeat(&flow.body, |w| {
                    w.expr(&flow.expr);
                    w.block(&flow.body);
                });
                Value::Unknown
            }
            Stmt::For(for_loop, _) => {
                let (variable, counter, flow) = &**for_loop;
                // Iterating `pack.parameters` itself reads every parameter.
                let iterable = self.expr(&flow.expr);
                let item = self.items(&iterable);
                self.repeat(&flow.body, |w| {
                    let depth = w.env.len();
                    w.env.push((variable.name.to_string(), item.clone()));
                    if let Some(counter) = counter {
                        w.env.push((counter.name.to_string(), Value::Unknown));
                    }
                    w.block(&flow.body);
                    w.env.truncate(depth);
                });
                Value::Unknown
            }
            Stmt::Var(var, _, _) => {
                let (ident, value, _) = &**var;
                let value = self.expr_inner(value);
                self.env.push((ident.name.to_string(), value));
                Value::Unknown
            }
            Stmt::Assignment(assignment) => {
                let (op, target) = &**assignment;
                let value = if op.is_op_assignment() {
                    self.expr(&target.rhs);
                    Value::Unknown
                } else {
                    self.expr_inner(&target.rhs)
                };
                self.assign(&target.lhs, value);
                Value::Unknown
            }
            Stmt::FnCall(call, pos) => {
                self.call(call, *pos);
                Value::Unknown
            }
            Stmt::Block(block) => self.block(block),
            Stmt::TryCatch(flow, _) => {
                let entry = self.env.clone();
                self.block(&flow.body);
                // The catch block may start from anywhere in the body.
                self.env = Self::join_env(&entry, &self.env);
                let depth = self.env.len();
                if let Expr::Variable(variable, ..) = &flow.expr {
                    self.env.push((variable.1.to_string(), Value::Unknown));
                }
                self.block(&flow.branch);
                self.env.truncate(depth);
                Value::Unknown
            }
            Stmt::Expr(expr) => self.expr(expr),
            Stmt::BreakLoop(value, flags, _) => {
                if let Some(value) = value {
                    self.expr(value);
                }
                if flags.contains(ASTFlags::BREAK)
                    && let Some(exits) = self.exits.last_mut()
                {
                    exits.push(self.env.clone());
                }
                Value::Unknown
            }
            Stmt::Return(value, _, _) => {
                if let Some(value) = value {
                    self.expr(value);
                }
                Value::Unknown
            }
            _ => Value::Unknown,
        }
    }

    /// Walks a loop: rounds without findings until the variables at its start stop changing,
    /// then one round with findings. Leaves the variables as they may be after the loop.
    /// Deeply nested loops would multiply the rounds, so from `MAX_ROUNDS_DEPTH` loops deep a
    /// loop is walked once, with every variable its body assigns taken as unknown.
    fn repeat(&mut self, statements: &StmtBlock, mut body: impl FnMut(&mut Self)) {
        let muted = self.muted;
        self.muted = true;
        let mut head = self.env.clone();
        let mut settled = false;
        if self.exits.len() >= MAX_ROUNDS_DEPTH {
            for (name, value) in &mut head {
                if assigns(statements.statements(), name) {
                    *value = Value::Unknown;
                }
            }
            settled = true;
        }
        for _ in 0..if settled { 0 } else { MAX_ROUNDS } {
            self.env = head.clone();
            self.exits.push(Vec::new());
            body(self);
            self.exits.pop();
            let next = Self::join_env(&head, &self.env);
            if next == head {
                settled = true;
                break;
            }
            head = next;
        }
        if !settled {
            for (_, value) in &mut head {
                *value = std::mem::replace(value, Value::Unknown).unsure();
            }
        }
        self.muted = muted;
        self.env = head.clone();
        self.exits.push(Vec::new());
        body(self);
        let exits = self
            .exits
            .pop()
            .expect("pushed above, and `body` pops every list it pushes");
        let mut after = Self::join_env(&head, &self.env);
        for exit in &exits {
            after = Self::join_env(&after, exit);
        }
        self.env = after;
    }

    /// An assignment to a variable, or to a property or item of one.
    fn assign(&mut self, target: &Expr, value: Value<'s>) {
        match target {
            Expr::Variable(variable, ..) => self.set(&variable.1, value),
            Expr::Dot(binary, flags, _) | Expr::Index(binary, flags, _) => {
                // The path up to the last step is read; the last step is written, which may
                // add a property, so it is not checked, and the variable is no longer sure.
                let dotting = matches!(target, Expr::Dot(..));
                let (base, written) = self.base(&binary.lhs);
                self.tail(base, written, dotting, &binary.rhs, *flags, true);
                if let Expr::Variable(variable, ..) = &binary.lhs {
                    let value = self.lookup(&variable.1).unsure();
                    self.set(&variable.1, value);
                }
            }
            other => {
                self.expr(other);
            }
        }
    }

    /// A value used as a whole: `pack.parameters` handed on means any parameter may be read.
    fn expr(&mut self, expr: &Expr) -> Value<'s> {
        let value = self.expr_inner(expr);
        if value.is_parameters() {
            self.flow.parameters_whole = true;
        }
        value
    }

    fn expr_inner(&mut self, expr: &Expr) -> Value<'s> {
        if let Some((function, captured)) = closure(expr) {
            self.closure(&function, &captured, None);
            return Value::Unknown;
        }
        match expr {
            Expr::Variable(variable, ..) => {
                if variable.2.is_empty() {
                    let name = variable.1.as_str();
                    let declared = self.env[self.roots.min(self.env.len())..]
                        .iter()
                        .any(|(n, _)| n == name);
                    if !declared {
                        self.flow.globals.insert(name.to_string());
                    }
                    self.lookup(&variable.1)
                } else {
                    Value::Unknown
                }
            }
            Expr::ThisPtr(_) => self.this.clone(),
            Expr::Dot(binary, flags, _) | Expr::Index(binary, flags, _) => {
                let dotting = matches!(expr, Expr::Dot(..));
                let (base, written) = self.base(&binary.lhs);
                let value = self.tail(base, written, dotting, &binary.rhs, *flags, false);
                if let (Expr::Variable(variable, ..), true) = (&binary.lhs, dotting)
                    && let Some(call) = first_method(&binary.rhs, *flags)
                    && self.may_change(call)
                {
                    let changed = self.lookup(&variable.1).unsure();
                    self.set(&variable.1, changed);
                }
                value
            }
            Expr::FnCall(call, pos) => {
                self.call(call, *pos);
                Value::Unknown
            }
            Expr::DynamicConstant(value, _) => {
                if let Some(pointer) = value.read_lock::<FnPtr>() {
                    let name = pointer.fn_name().to_string();
                    drop(pointer);
                    self.escape(&name);
                }
                Value::Unknown
            }
            Expr::InterpolatedString(parts, _) | Expr::Array(parts, _) => {
                for part in parts.iter() {
                    self.expr(part);
                }
                Value::Unknown
            }
            Expr::Map(map, _) => {
                for (key, value) in &map.0 {
                    self.flow.map_keys.insert(key.name.to_string());
                    self.expr(value);
                }
                Value::Unknown
            }
            Expr::Stmt(block) => self.block(block),
            Expr::Coalesce(parts, _) => {
                let values: Vec<Option<Value<'s>>> =
                    parts.iter().map(|p| Some(self.expr(p))).collect();
                join_all(&values).unwrap_or(Value::Unknown)
            }
            Expr::And(parts, _) | Expr::Or(parts, _) => {
                for part in parts.iter() {
                    self.expr(part);
                }
                Value::Unknown
            }
            Expr::MethodCall(call, pos) => {
                self.method(Value::Unknown, call, *pos);
                Value::Unknown
            }
            _ => Value::Unknown,
        }
    }

    /// The start of a chain `x.a[0].b`, and how it is written, for messages.
    fn base(&mut self, expr: &Expr) -> (Value<'s>, String) {
        let written = match expr {
            Expr::Variable(variable, ..) => variable.1.to_string(),
            Expr::ThisPtr(_) => "this".to_string(),
            Expr::FnCall(call, _) => format!("{}(…)", call.name),
            // `(…).name`: there is no short way to write what the value is.
            _ => String::new(),
        };
        (self.expr_inner(expr), written)
    }

    /// Follows the rest of a chain as Rhai evaluates it: a `Dot` or `Index` whose flags lack
    /// `BREAK` continues the chain with its `rhs`. `write` leaves the last step unchecked.
    fn tail(
        &mut self,
        base: Value<'s>,
        written: String,
        dotting: bool,
        rhs: &Expr,
        parent: ASTFlags,
        write: bool,
    ) -> Value<'s> {
        if !parent.contains(ASTFlags::BREAK)
            && let Expr::Dot(binary, flags, _) | Expr::Index(binary, flags, _) = rhs
        {
            let (value, written) = self.step(base, written, dotting, &binary.lhs, false);
            let next = matches!(rhs, Expr::Dot(..));
            return self.tail(value, written, next, &binary.rhs, *flags, write);
        }
        self.step(base, written, dotting, rhs, write).0
    }

    fn step(
        &mut self,
        base: Value<'s>,
        written: String,
        dotting: bool,
        expr: &Expr,
        write: bool,
    ) -> (Value<'s>, String) {
        if !dotting {
            self.expr(expr);
            if base.is_parameters() {
                self.flow.parameters_whole = true;
            }
            let value = match expr {
                // `map["name"]` reads no schema path the walk follows.
                Expr::StringConstant(..) => Value::Unknown,
                _ => self.items(&base),
            };
            return (value, format!("{written}[…]"));
        }
        match expr {
            Expr::Property(property, pos) => {
                let name = property.2.as_str();
                let value = if write {
                    Value::Unknown
                } else {
                    self.property(&base, &written, name, *pos)
                };
                (value, format!("{written}.{name}"))
            }
            Expr::MethodCall(call, pos) => {
                if base.is_parameters() {
                    self.flow.parameters_whole = true;
                }
                self.method(base, call, *pos);
                (Value::Unknown, format!("{written}.{}(…)", call.name))
            }
            other => (self.expr(other), written),
        }
    }

    /// Reads property `name` of `base`, reporting it when the shapes lack it.
    fn property(
        &mut self,
        base: &Value<'s>,
        written: &str,
        name: &str,
        pos: Position,
    ) -> Value<'s> {
        let (Value::Shaped { shapes, sure }, Some(schemas)) = (base, self.shapes) else {
            return Value::Unknown;
        };
        let mut found = Vec::new();
        let mut lacking: Vec<(&Shape<'s>, Vec<&str>)> = Vec::new();
        let mut open = false;
        for shape in shapes {
            if shape.node.place == Place::Parameters {
                self.flow.parameters.insert(name.to_string());
            }
            match schemas.property(shape.node, name) {
                Lookup::Found(node) => found.push(Shape {
                    node,
                    label: format!("{}.{name}", shape.label).into(),
                }),
                Lookup::Missing(names) => lacking.push((shape, names)),
                Lookup::Unknown => open = true,
            }
        }
        if let Some((first, names)) = lacking.first()
            && !self.muted
            && let (Some(line), Some(column)) = (pos.line(), pos.position())
        {
            let certain = *sure && found.is_empty() && !open;
            let hint = suggest::did_you_mean(name, names.iter().copied());
            let noun = if first.node.place == Place::Parameters {
                "parameter"
            } else {
                "field"
            };
            let message = if certain {
                let within = match first.node.place {
                    Place::Application => "in an application".to_string(),
                    Place::Parameters => "in the pack's `[parameters]` (pack.toml)".to_string(),
                    Place::Pack | Place::Inside => format!("in {}", quoted(written)),
                };
                format!("no {noun} `{name}` {within}{hint}")
            } else {
                let labels: Vec<String> = lacking
                    .iter()
                    .map(|(s, _)| format!("`{}`", s.label))
                    .collect();
                let verb = if labels.len() == 1 { "has" } else { "have" };
                format!(
                    "{} may be {}, which {verb} no {noun} `{name}`{hint}",
                    quoted(written),
                    labels.join(" or ")
                )
            };
            self.flow.findings.insert(Finding {
                line,
                column,
                message,
                certain,
            });
        }
        if found.is_empty() {
            Value::Unknown
        } else {
            Value::Shaped {
                shapes: found,
                sure: *sure && lacking.is_empty() && !open,
            }
        }
    }

    /// An item of a list `base`.
    fn items(&self, base: &Value<'s>) -> Value<'s> {
        let (Value::Shaped { shapes, sure }, Some(schemas)) = (base, self.shapes) else {
            return Value::Unknown;
        };
        let mut found = Vec::new();
        for shape in shapes {
            if let Some(node) = schemas.items(shape.node) {
                found.push(Shape {
                    node,
                    label: format!("{}[…]", shape.label).into(),
                });
            }
        }
        if found.is_empty() {
            Value::Unknown
        } else {
            let all = found.len() == shapes.len();
            Value::Shaped {
                shapes: found,
                sure: *sure && all,
            }
        }
    }

    fn record_call(&mut self, name: &str, pos: Position, method: bool) {
        if self.muted {
            return;
        }
        if let (Some(line), Some(column)) = (pos.line(), pos.position()) {
            let variable = self.env.iter().any(|(n, _)| n == name);
            self.flow.calls.insert(Call {
                name: name.to_string(),
                line,
                column,
                variable,
                method,
            });
        }
    }

    /// Whether a method call may change the variable it is called on into something else: a
    /// list method that adds items of any kind, or a script function that assigns to `this`.
    fn may_change(&self, call: &FnCallExpr) -> bool {
        const ADDING: &[&str] = &[
            "push",
            "append",
            "insert",
            "splice",
            "pad",
            "mixin",
            "fill_with",
        ];
        ADDING.contains(&call.name.as_str())
            || self
                .functions
                .iter()
                .any(|((name, _), function)| *name == call.name && function.assigns_this)
    }

    /// A call `name(args)`.
    fn call(&mut self, call: &FnCallExpr, pos: Position) {
        // Operators (`+`, `!`, `..`) are calls in the tree too, but not of named functions.
        if call.op_token.is_none() && is_valid_identifier(&call.name) && !call.is_qualified() {
            self.record_call(&call.name, pos, false);
        }
        let args: Vec<Value<'s>> = call.args.iter().map(|a| self.expr(a)).collect();
        if call.name == "Fn"
            && let Some(Expr::StringConstant(name, _)) = call.args.first()
        {
            self.escape(name);
        }
        let key = (call.name.to_string(), args.len());
        if !call.is_qualified() && self.functions.contains_key(&key) {
            self.pass(&key, 0, &args, None);
        }
    }

    /// A method call `base.name(args)`.
    fn method(&mut self, base: Value<'s>, call: &FnCallExpr, pos: Position) {
        self.record_call(&call.name, pos, true);
        let item = self.items(&base);
        let mut args = Vec::new();
        for arg in call.args.iter() {
            if let Some((function, captured)) = closure(arg) {
                let handed = item_callback(&call.name).map(|place| (place, item.clone()));
                self.closure(&function, &captured, handed);
                args.push(Value::Unknown);
            } else {
                args.push(self.expr(arg));
            }
        }
        // A script function called as a method binds `this`, or takes the object first.
        let key = (call.name.to_string(), args.len());
        if self.functions.contains_key(&key) {
            self.pass(&key, 0, &args, Some(base.clone()));
        }
        let key = (call.name.to_string(), args.len() + 1);
        if self.functions.contains_key(&key) {
            let mut all = vec![base];
            all.extend(args);
            self.pass(&key, 0, &all, None);
        }
    }

    /// A closure literal: its captured variables are handed to its first parameters now; its own
    /// parameters get `handed` (which of them get a list's item, and the item) when a list
    /// method calls it, and may be anything otherwise.
    fn closure(
        &mut self,
        function: &str,
        captured: &[&Expr],
        handed: Option<(Callback, Value<'s>)>,
    ) {
        let Some((key, def)) = self.functions.iter().find(|((n, _), _)| n == function) else {
            return;
        };
        let key = key.clone();
        // Captured variables are shared: a closure kept for later sees what they hold when it is
        // called, which may differ. Only one a list method calls right away sees them as now.
        let now = handed.is_some();
        let values: Vec<Value<'s>> = captured
            .iter()
            .map(|e| {
                let value = self.expr_inner(e);
                if now { value } else { value.unsure() }
            })
            .collect();
        self.pass(&key, 0, &values, None);
        // A closure that assigns to a captured variable changes it where it was captured.
        for (i, expr) in captured.iter().enumerate() {
            if let (Expr::Variable(variable, ..), Some(param)) = (expr, def.params.get(i))
                && assigns(&def.body, param)
            {
                let value = self.lookup(&variable.1).unsure();
                self.set(&variable.1, value);
            }
        }
        let own = key.1.saturating_sub(captured.len());
        let mut params = vec![Value::Unknown; own];
        let mut this = Value::Unknown;
        if let Some((callback, item)) = handed {
            for i in callback.items() {
                if let Some(slot) = params.get_mut(i) {
                    *slot = item.clone();
                }
            }
            this = item;
        }
        self.pass(&key, captured.len(), &params, Some(this));
    }
}

/// How a chain's start is named in a message: `` `b.budget` ``, or "this value" when it is an
/// expression with no short name (its steps are then written `.budget`, `[…]`).
fn quoted(written: &str) -> String {
    if written.is_empty() || written.starts_with(['.', '[']) {
        "this value".to_string()
    } else {
        format!("`{written}`")
    }
}

/// Which parameters of a list method's callback receive an item of the list.
#[derive(Debug, Clone, Copy)]
enum Callback {
    /// `filter(|item, index| …)` and the like.
    First,
    /// `sort(|a, b| …)`, `dedup(|a, b| …)`.
    FirstTwo,
    /// `reduce(|sum, item| …)`.
    Second,
}

impl Callback {
    fn items(self) -> std::ops::Range<usize> {
        match self {
            Callback::First => 0..1,
            Callback::FirstTwo => 0..2,
            Callback::Second => 1..2,
        }
    }
}

/// Rhai's list methods that call a function with items of the list (`packages/array_basic.rs`).
fn item_callback(method: &str) -> Option<Callback> {
    match method {
        "all" | "any" | "some" | "none" | "filter" | "map" | "find" | "find_map" | "for_each"
        | "index_of" | "retain" | "drain" => Some(Callback::First),
        "sort" | "sort_by" | "dedup" | "order" | "order_by" => Some(Callback::FirstTwo),
        "reduce" | "reduce_rev" => Some(Callback::Second),
        _ => None,
    }
}

/// A closure literal as Rhai compiles it: a pointer to an anonymous function, curried with the
/// variables it captures (`curry(Fn("anon$…"), x, y)`, in a block that shares them).
fn closure(expr: &Expr) -> Option<(String, Vec<&Expr>)> {
    match expr {
        Expr::DynamicConstant(value, _) => {
            let pointer = value.read_lock::<FnPtr>()?;
            pointer
                .is_anonymous()
                .then(|| (pointer.fn_name().to_string(), Vec::new()))
        }
        Expr::FnCall(call, _) if call.name == "curry" && !call.is_qualified() => {
            let (first, rest) = call.args.split_first()?;
            let (name, mut captured) = closure(first)?;
            captured.extend(rest.iter());
            Some((name, captured))
        }
        Expr::Stmt(block) => match block.statements() {
            [shares @ .., Stmt::Expr(last)]
                if shares
                    .iter()
                    .all(|s| !matches!(s, Stmt::Expr(..) | Stmt::Var(..))) =>
            {
                closure(last)
            }
            _ => None,
        },
        _ => None,
    }
}

/// The method a chain `x.method(…)…` calls first, if it starts with one.
fn first_method(rhs: &Expr, parent: ASTFlags) -> Option<&FnCallExpr> {
    match rhs {
        Expr::MethodCall(call, _) => Some(call),
        Expr::Dot(binary, ..) | Expr::Index(binary, ..) if !parent.contains(ASTFlags::BREAK) => {
            match &binary.lhs {
                Expr::MethodCall(call, _) => Some(call),
                _ => None,
            }
        }
        _ => None,
    }
}

/// Whether `body` assigns to the variable `name` (to it, or to a property or item of it);
/// `"this"` stands for `this`.
fn assigns(body: &[Stmt], name: &str) -> bool {
    let mut found = false;
    for stmt in body {
        stmt.walk(&mut Vec::new(), &mut |path: &[ASTNode]| {
            if let Some(ASTNode::Stmt(Stmt::Assignment(assignment))) = path.last() {
                let mut target = &assignment.1.lhs;
                while let Expr::Dot(binary, ..) | Expr::Index(binary, ..) = target {
                    target = &binary.lhs;
                }
                let assigned = match target {
                    Expr::Variable(v, ..) => v.1 == name,
                    Expr::ThisPtr(_) => name == "this",
                    _ => false,
                };
                if assigned {
                    found = true;
                }
            }
            !found
        });
    }
    found
}

/// The tree of `text` as the host's checks see it (not optimised), for tests.
#[cfg(test)]
pub(super) fn tree(text: &str) -> AST {
    // Rhai's hashing seed is process-wide: set before any engine hashes (see `fixed_hashing`).
    super::fixed_hashing();
    let mut engine = rhai::Engine::new_raw();
    engine
        .set_optimization_level(rhai::OptimizationLevel::None)
        .set_max_expr_depths(64, 32);
    engine.compile(text).unwrap()
}
