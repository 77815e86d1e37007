//! The Rhai host: a sandboxed engine, the script API, and script errors with positions.
//!
//! Scripts are untrusted user input. The engine built here has no file, network, clock or random
//! access (Rhai's `no_time` feature, no module imports, no `eval`), fails on reading a property
//! the application does not have or comparing one that was not given (`script/compare.rs`), and
//! stops any script that runs too long (native helpers included, `script/meter.rs`), recurses
//! too deep, builds values too large or — through the host's guard — holds too much memory or
//! outlives the wall-clock backstop, so a broken script fails its own criterion and nothing else.
//!
//! The API a script sees (documented for pack authors in `docs/rule-authoring.md`):
//! - `app`: the application, read-only; `pack`: the pack's id, version, language, currency,
//!   budget, threshold and `parameters`, read-only; in criteria also `max_points`.
//! - criteria: `award(points, reason)` adds points with a reason, `note(reason)` adds a reason only;
//! - gates: `pass(reason)`, `fail(reason)`: any `fail` makes the gate fail;
//! - helpers: `year(date)`, `common(a, b)` (items of `a` also in `b`), `format_amount(amount)` and
//!   `format_list(list)`, the last two in the pack's language (`150.000`, `a, b og c`).

mod calls;
mod compare;
pub mod definitions;
mod flow;
pub mod meter;
pub mod paths;
pub mod record;
mod text_costs;

use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::rc::Rc;

use rhai::Caches;
use rhai::packages::{Package, StandardPackage};
use rhai::{
    AST, Dynamic, Engine, EvalAltResult, INT, ImmutableString, NativeCallContext,
    OptimizationLevel, ParseErrorType, Position, Scope,
};

use crate::decimal::{Decimal, MAX_SCALE};
use crate::labels::{group_digits, thousands_separator};
use crate::portfolio::{AttributeKind, AttributeValue};
use crate::problem::{Arg, Message, Problem, Wording};
use crate::suggest;
use meter::{Limit, Meter};

/// Most operations one script run may take. An endless loop reaches it in well under a second
/// even in a debug build; a real criterion over a few hundred partners uses a few thousand.
pub const MAX_OPERATIONS: u64 = 1_000_000;
/// Deepest nesting of function calls. Each level costs native stack (see `STACK_SIZE`).
pub const MAX_CALL_LEVELS: usize = 24;
/// Longest string a script may build, in bytes. Rhai counts the text of a whole list or map
/// against it too, so it must hold the names a script collects from a large valid application
/// (200 partners, 200 events with up to 50 municipalities each): 10,000 bytes did not. 1 MiB
/// does, and a runaway loop that doubles a string still reaches it in twenty steps.
pub const MAX_STRING_SIZE: usize = 1 << 20;
/// Most items in an array or map a script builds.
pub const MAX_COLLECTION_SIZE: usize = 10_000;
/// Longest reason, in characters: a reason is a sentence or two for a report.
pub const MAX_REASON_CHARS: usize = 1_000;
/// Most reasons one script run may give.
pub const MAX_REASONS: usize = 100;
/// Native stack a thread running scripts should have. A Rhai call level takes tens of KiB of
/// stack, more in debug builds, and a stack overflow aborts the process and cannot be caught;
/// this leaves a wide margin over `MAX_CALL_LEVELS`.
pub const STACK_SIZE: usize = 64 * 1024 * 1024;

/// Rhai's hashing seed, fixed. Rhai names each closure after a hash of its body (`anon$…`), and
/// a script can print that name (`` `${|x| x}` ``); with Rhai's default, a seed drawn at random
/// per process, the same script gave other text, and so other points or reasons, on each run.
const HASHING_SEED: [u64; 4] = [0x6b72_6974, 0x6572_6975, 0x6d5f_6861, 0x7368_696e];

/// Fixes Rhai's hashing seed for this process, so nothing a script computes depends on a random
/// draw. Must run before anything else uses Rhai (hashes made earlier would not match):
/// `ScriptHost::new` calls it first; calling it again does nothing.
pub fn fixed_hashing() {
    // An error only says the seed is set already: by an earlier call, the one that counts.
    let _ = rhai::config::hashing::set_hashing_seed(Some(HASHING_SEED));
}

/// Whether a script decides a gate, scores a criterion or computes a portfolio attribute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScriptKind {
    /// An eligibility requirement: calls `pass` or `fail`.
    Gate,
    /// A criterion: calls `award` or `note`.
    Criterion,
    /// A portfolio attribute (`[[portfolio.attributes]]`): its last expression is the value.
    Attribute,
}

/// A compiled script, with what its runs keep from one application to the next.
///
/// Rhai's own entry points (`run_ast_with_scope`, `call_fn`) start every run with empty caches,
/// so each run resolved every function it calls again, walking the engine's modules. A script
/// keeps its function-resolution cache here instead, its own: the cache maps a call to the
/// function it resolves to among the engine's functions and *this script's* functions, so it is
/// never shared with another script (which may define a function of the same name).
pub struct Script {
    ast: AST,
    /// The script's name, as Rhai's source of positions.
    source: ImmutableString,
    caches: RefCell<Caches>,
    /// Every call of an [`OUTCOME_FUNCTIONS`] function written in the script, in order, as
    /// (name, 1-based line, 1-based column): what a pack's cases should each reach.
    outcome_calls: Vec<(String, usize, usize)>,
}

impl Script {
    /// Every `award`/`note`/`pass`/`fail` call written in the script (name, line, column).
    pub fn outcome_calls(&self) -> &[(String, usize, usize)] {
        &self.outcome_calls
    }
}

impl std::ops::Deref for Script {
    type Target = AST;

    /// The compiled (optimised) syntax tree.
    fn deref(&self) -> &AST {
        &self.ast
    }
}

/// What one script run said.
#[derive(Debug, Default)]
struct Record {
    kind: Option<ScriptKind>,
    awards: Vec<(Option<Decimal>, String)>,
    passes: Vec<String>,
    fails: Vec<String>,
    /// Where each `award`, `note`, `pass` and `fail` of the run was called: line and column.
    reached: Vec<(usize, usize)>,
}

/// A criterion's points and reasons from one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Scored {
    /// Sum of awarded points.
    pub points: Decimal,
    /// Reasons in the order the script gave them.
    pub reasons: Vec<String>,
}

/// A gate's verdict from one run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verdict {
    /// Whether no `fail` was called (and at least one `pass` was).
    pub passed: bool,
    /// The reasons of the deciding calls, joined.
    pub reason: String,
}

/// A sandboxed Rhai engine with the script API registered.
///
/// Not `Send`: it shares its record of `award`/`pass` calls with the registered functions
/// through an `Rc`. Each thread that assesses builds its own, which is also what scales (one
/// shared engine contends on reference counts).
pub struct ScriptHost {
    engine: Engine,
    record: Rc<RefCell<Record>>,
    /// What the current run has spent; shared with the progress callback and the helpers.
    meter: Rc<Meter>,
    /// Every comparison in the compiled scripts, for the comparison operators on `()`.
    comparisons: compare::Table,
    /// The limit that stopped the last run, if one did.
    last_limit: Cell<Option<Limit>>,
    known_properties: Vec<String>,
    /// Every function a script can call; generating the list is costly, so it is made once.
    function_names: Vec<String>,
    /// The scope of the running script, kept for its allocation.
    scope: RefCell<Scope<'static>>,
    /// When tracked (`kriterium test`): every `award`/`note`/`pass`/`fail` call reached, by
    /// script name, line and column.
    reached: RefCell<Option<BTreeSet<ReachedCall>>>,
}

/// A call of `award`, `note`, `pass` or `fail` that a run reached: the script as messages name
/// it, the 1-based line and column of the call.
pub type ReachedCall = (String, usize, usize);

/// The functions by which a script decides: what `kriterium test` checks its cases reach.
pub const OUTCOME_FUNCTIONS: [&str; 4] = ["award", "note", "pass", "fail"];

impl ScriptHost {
    /// A host for a pack written in `language` (used by `format_amount`). `known_properties` are
    /// the names scripts may read, for "did you mean" hints.
    pub fn new(language: &str, known_properties: Vec<String>) -> Self {
        fixed_hashing();
        let mut engine = Engine::new_raw();
        engine.register_global_module(StandardPackage::new().as_shared_module());
        engine
            .set_max_operations(MAX_OPERATIONS)
            .set_max_call_levels(MAX_CALL_LEVELS)
            .set_max_expr_depths(64, 32)
            .set_max_string_size(MAX_STRING_SIZE)
            .set_max_array_size(MAX_COLLECTION_SIZE)
            .set_max_map_size(MAX_COLLECTION_SIZE)
            .set_max_variables(1_000)
            .set_max_functions(200)
            // Imports would read files; `import` is refused at compile time below as well.
            .set_max_modules(0)
            .set_strict_variables(true)
            .set_fail_on_invalid_map_property(true)
            // `compile` optimises explicitly, after `check` has walked the whole tree.
            .set_optimization_level(OptimizationLevel::None)
            // Else Rhai compares `()` with a number itself (always unequal) and never calls the
            // operators `compare` registers to make that an error.
            .set_fast_operators(false);
        engine.disable_symbol("eval").disable_symbol("import");
        // Output from `print`/`debug` would be noise in reports and on a terminal; drop it.
        engine.on_print(|_| {}).on_debug(|_, _, _| {});

        // Rhai's own count stops a run too, but only the meter also counts the native helpers'
        // work and asks the host's guard about memory and time.
        let meter = Rc::new(Meter::new(MAX_OPERATIONS));
        let m = Rc::clone(&meter);
        engine.on_progress(move |operations| m.progress(operations).then_some(Dynamic::UNIT));

        record::register(&mut engine, &meter);
        let record = Rc::new(RefCell::new(Record::default()));
        register_api(&mut engine, &record, &meter, language);
        let comparisons = compare::Table::default();
        compare::register(&mut engine, &comparisons);
        text_costs::register(&mut engine, &meter);
        let function_names = function_names(&engine);
        ScriptHost {
            engine,
            record,
            meter,
            comparisons,
            last_limit: Cell::new(None),
            known_properties,
            function_names,
            scope: RefCell::new(Scope::new()),
            reached: RefCell::new(None),
        }
    }

    /// Compiles a script. `name` is how the file is shown in messages. Problems are syntax
    /// errors, unknown variables and calls of functions that do not exist, each with its line
    /// and column.
    pub fn compile(
        &self,
        kind: ScriptKind,
        name: &str,
        text: &str,
    ) -> Result<Script, Vec<Problem>> {
        let tree = self.syntax_tree(kind, name, text).map_err(|p| vec![p])?;
        self.comparisons.borrow_mut().learn(name, &tree);
        let own: Vec<&str> = tree.iter_functions().map(|f| f.name).collect();
        // INVARIANT: `function_names` is sorted (see `function_names`).
        let is_known = |name: &str| {
            own.contains(&name)
                || self
                    .function_names
                    .binary_search_by(|n| n.as_str().cmp(name))
                    .is_ok()
        };
        let problems = calls::unknown_functions(&tree, &is_known)
            .into_iter()
            .map(|call| {
                let known = self
                    .function_names
                    .iter()
                    .map(String::as_str)
                    .chain(own.iter().copied());
                let hint = suggest::did_you_mean(&call.name, known);
                Problem::at(
                    name,
                    call.line,
                    call.column,
                    format!("unknown function `{}`{hint}", call.name),
                )
            })
            .collect::<Vec<_>>();
        if !problems.is_empty() {
            return Err(problems);
        }
        // From the tree as written: optimising may drop a branch whose condition is constant.
        let outcome_calls = flow::walk(&tree, None)
            .calls
            .into_iter()
            .filter(|c| !c.variable && !c.method && OUTCOME_FUNCTIONS.contains(&c.name.as_str()))
            .map(|c| (c.name, c.line, c.column))
            .collect();
        // What runs is optimised as Rhai's `compile` would have done it (the engine compiles
        // at `OptimizationLevel::None`, so the checks above see every line).
        let mut ast =
            self.engine
                .optimize_ast(&compile_scope(kind), tree, OptimizationLevel::Simple);
        ast.set_source(name);
        Ok(Script {
            ast,
            source: name.into(),
            caches: RefCell::new(Caches::new()),
            outcome_calls,
        })
    }

    /// Makes reading the properties `scripts` read (`r.name`) on records fast (see
    /// `record::register_getters`); what a read gives, or the error it fails with, is unchanged.
    /// Call once, after compiling, before running.
    pub fn learn_properties<'a>(&mut self, scripts: impl IntoIterator<Item = &'a Script>) {
        let mut names = std::collections::BTreeSet::new();
        for script in scripts {
            script.ast.walk(&mut |path: &[rhai::ASTNode]| {
                if let Some(rhai::ASTNode::Expr(rhai::Expr::Property(property, _))) = path.last() {
                    names.insert(property.2.to_string());
                }
                true
            });
        }
        record::register_getters(&mut self.engine, names.iter().map(String::as_str));
    }

    /// The script's syntax tree as Rhai parsed it, not optimised (nothing folded or dropped):
    /// what `check` walks (`paths::Shapes::scan`). The problem is a syntax error or an unknown
    /// variable, with its line and column.
    pub fn syntax_tree(&self, kind: ScriptKind, name: &str, text: &str) -> Result<AST, Problem> {
        let mut tree = self
            .engine
            .compile_with_scope(&compile_scope(kind), text)
            .map_err(|e| parse_problem(name, kind, &e))?;
        tree.set_source(name);
        Ok(tree)
    }

    /// The signatures of the functions kriterium adds for scripts (not Rhai's standard ones),
    /// e.g. `award(_: i64, _: string)`: what the editor definitions must declare (a test checks).
    #[cfg(test)]
    fn api_signatures(&self) -> Vec<String> {
        // The comparison operators on `()` (`compare.rs`) refine Rhai's own operators,
        // `text_costs.rs` replaces Rhai's own text functions with charged ones, and `sleep`
        // replaces Rhai's with a refusal: none is kriterium's API.
        callable_signatures(&self.engine, false)
            .into_iter()
            .filter(|s| s.starts_with(|c: char| c.is_alphanumeric() || c == '_'))
            .filter(|s| {
                !text_costs::REPLACED.iter().chain(&["sleep"]).any(|name| {
                    s.starts_with(&format!("{name}(")) || s.starts_with(&format!("get${name}("))
                })
            })
            .collect()
    }

    /// Runs a gate script.
    /// From now on, remembers every `award`/`note`/`pass`/`fail` call its runs reach
    /// ([`take_reached`](Self::take_reached)); `kriterium test` uses it, a batch does not.
    pub fn track_calls(&self) {
        self.reached.borrow_mut().get_or_insert_with(BTreeSet::new);
    }

    /// The calls reached since tracking began (empty when not tracking).
    pub fn take_reached(&self) -> BTreeSet<ReachedCall> {
        self.reached
            .borrow_mut()
            .as_mut()
            .map(std::mem::take)
            .unwrap_or_default()
    }

    /// Adds a run's reached calls of script `name`, when tracking.
    fn note_reached(&self, name: &str, record: &Record) {
        if let Some(reached) = self.reached.borrow_mut().as_mut() {
            for &(line, column) in &record.reached {
                reached.insert((name.to_string(), line, column));
            }
        }
    }

    pub fn run_gate(
        &self,
        name: &str,
        script: &Script,
        app: &Dynamic,
        pack: &Dynamic,
    ) -> Result<Verdict, Problem> {
        let (record, _) = self.run(ScriptKind::Gate, name, script, app, pack, None)?;
        self.note_reached(name, &record);
        if record.fails.is_empty() && record.passes.is_empty() {
            return Err(Problem::in_file(
                name,
                "the gate decided nothing: call `pass(reason)` or `fail(reason)`",
            ));
        }
        let passed = record.fails.is_empty();
        let reasons = if passed { record.passes } else { record.fails };
        Ok(Verdict {
            passed,
            reason: reasons.join(" "),
        })
    }

    /// Runs a criterion script; the points must add up to between 0 and `max_points`.
    /// `reviews` is what the script reads as `reviews` (`()` for a criterion without reviewers).
    pub fn run_criterion(
        &self,
        name: &str,
        script: &Script,
        app: &Dynamic,
        pack: &Dynamic,
        max_points: u32,
        reviews: &Dynamic,
    ) -> Result<Scored, Problem> {
        let (record, _) = self.run(
            ScriptKind::Criterion,
            name,
            script,
            app,
            pack,
            Some((max_points, reviews)),
        )?;
        self.note_reached(name, &record);
        if record.awards.is_empty() {
            return Err(Problem::in_file(
                name,
                "the criterion gave no reason: call `award(points, reason)` or `note(reason)`",
            ));
        }
        let mut points = Decimal::ZERO;
        for (p, _) in &record.awards {
            points = points
                .checked_add(p.unwrap_or(Decimal::ZERO))
                .ok_or_else(|| Problem::in_file(name, "the awarded points overflow"))?;
        }
        if points < Decimal::ZERO || points > Decimal::from(max_points) {
            return Err(Problem::in_file(
                name,
                format!(
                    "the script awarded {points} points in all; a criterion gives from 0 to {max_points}"
                ),
            ));
        }
        Ok(Scored {
            points,
            reasons: record.awards.into_iter().map(|(_, r)| r).collect(),
        })
    }

    /// Runs a portfolio attribute's script: its last expression is the value, `true`/`false`
    /// for a `flag`, an array of texts for `values` (sorted and each kept once here).
    ///
    /// # Errors
    /// The script's own problem, or one naming what it returned and what `kind` expects.
    pub fn run_attribute(
        &self,
        name: &str,
        script: &Script,
        app: &Dynamic,
        pack: &Dynamic,
        kind: AttributeKind,
    ) -> Result<AttributeValue, Problem> {
        let (_, value) = self.run(ScriptKind::Attribute, name, script, app, pack, None)?;
        let type_name = |value: &Dynamic| self.engine.map_type_name(value.type_name()).to_string();
        attribute_value(value, kind, type_name).map_err(|message| Problem::in_file(name, message))
    }

    fn run(
        &self,
        kind: ScriptKind,
        name: &str,
        script: &Script,
        app: &Dynamic,
        pack: &Dynamic,
        criterion: Option<(u32, &Dynamic)>,
    ) -> Result<(Record, Dynamic), Problem> {
        *self.record.borrow_mut() = Record {
            kind: Some(kind),
            ..Record::default()
        };
        // One scope for every run, so a run allocates none. It keeps `app` and `pack` from one
        // run to the next of the same application (a script's own variables are removed after
        // every run), which saves cloning and dropping them for each of its scripts; the last
        // application's records are dropped here, when the next one's first run begins (before
        // the meter starts, so a script is never charged for them).
        let mut scope = self.scope.borrow_mut();
        if holds(&scope, app, pack) {
            scope.rewind(HOST_CONSTANTS);
        } else {
            scope.clear();
            // INVARIANT: `app` and `pack` are built of read-only records (see `record.rs`): a
            // script that tries to change them gets an error, and a list it copies and changes
            // is its own, so nothing a script does reaches the next script.
            scope.push_constant_dynamic("app", app.clone());
            scope.push_constant_dynamic("pack", pack.clone());
        }
        if let Some((max, reviews)) = criterion {
            scope.push_constant("max_points", INT::from(max));
            scope.push_constant_dynamic("reviews", reviews.clone());
        }
        self.last_limit.set(None);
        self.comparisons.borrow_mut().run(name);
        self.meter.start();
        // What `Engine::run_ast_with_scope` does, but with the script's own caches kept from
        // its last run (see `Script`); the rest of the state (operation count, call depth) is
        // new for every run, so every limit counts from zero.
        let mut global = self.engine.new_global_runtime_state();
        global.source = Some(script.source.clone());
        global.lib.push(script.ast.shared_lib().clone());
        let mut caches = script.caches.borrow_mut();
        #[allow(deprecated)] // the internals' one entry point that takes caches
        let result = self.engine.eval_statements_raw(
            &mut global,
            &mut caches,
            &mut scope,
            script.ast.statements(),
        );
        // A run stopped inside a function may leave that function's cache stacked: the next run
        // starts from the script's own.
        let kept = caches.fn_resolution_caches_len().min(1);
        caches.rewind_fn_resolution_caches(kept);
        scope.rewind(HOST_CONSTANTS);
        let record = std::mem::take(&mut *self.record.borrow_mut());
        let value = result.map_err(|e| self.runtime_problem(name, &e))?;
        Ok((record, value))
    }

    /// The limit that stopped the last run (`run_gate`, `run_criterion`, `run_attribute`), if
    /// one did.
    pub fn last_limit(&self) -> Option<Limit> {
        self.last_limit.get()
    }

    /// Replaces the host's guard on memory and time (tests).
    #[cfg(test)]
    fn set_guard(&self, guard: Option<Box<dyn meter::RunGuard>>) {
        self.meter.set_guard(guard);
    }

    fn runtime_problem(&self, name: &str, error: &EvalAltResult) -> Problem {
        // A fault inside a script-defined function arrives wrapped; the inner one has the
        // position of the actual fault.
        let mut inner = error;
        let mut in_function = None;
        while let EvalAltResult::ErrorInFunctionCall(function, _, next, _) = inner {
            in_function.get_or_insert_with(|| function.clone());
            inner = next;
        }
        let limit = |limit: Limit, message: Message| {
            self.last_limit.set(Some(limit));
            Message::of(Wording::StoppedByLimit)
                .with("limit", limit.to_string())
                .with("message", message)
        };
        let message = match inner {
            EvalAltResult::ErrorTooManyOperations(_) => limit(
                Limit::Operations,
                Message::of(Wording::TooManyOperations).with("max", MAX_OPERATIONS.to_string()),
            ),
            // The meter (operations charged by helpers) or the host's guard (memory, time).
            EvalAltResult::ErrorTerminated(..) => match self.meter.stopped() {
                Some(stop) => limit(stop.limit, Message::plain(stop.message)),
                None => Message::of(Wording::ScriptStoppedByHost),
            },
            EvalAltResult::ErrorStackOverflow(_) => limit(
                Limit::CallDepth,
                Message::of(Wording::CallsTooDeep).with("max", MAX_CALL_LEVELS.to_string()),
            ),
            // Rhai names what grew ("length of string"): its words.
            EvalAltResult::ErrorDataTooLarge(what, _) => limit(
                Limit::Size,
                Message::of(Wording::DataTooLarge)
                    .with("what", what.to_lowercase())
                    .with("string", MAX_STRING_SIZE.to_string())
                    .with("items", MAX_COLLECTION_SIZE.to_string()),
            ),
            EvalAltResult::ErrorPropertyNotFound(property, _) => {
                let hint =
                    suggest::closest(property, self.known_properties.iter().map(String::as_str))
                        .map_or(Arg::from(""), |known| {
                            Message::of(Wording::DidYouMean).with("name", known).into()
                        });
                Message::of(Wording::NoProperty)
                    .with("property", property.as_str())
                    .with("hint", hint)
            }
            EvalAltResult::ErrorAssignmentToConstant(variable, _) => {
                Message::of(Wording::ReadOnlyVariable).with("variable", variable.as_str())
            }
            EvalAltResult::ErrorDotExpr(message, _)
                if message.starts_with("No writable property") =>
            {
                Message::of(Wording::ReadOnlyApplication)
            }
            EvalAltResult::ErrorNonPureMethodCallOnConstant(method, _) => {
                Message::of(Wording::ReadOnlyMethod).with("method", method.as_str())
            }
            EvalAltResult::ErrorFunctionNotFound(signature, _) => {
                Message::of(Wording::NoFunction).with("signature", signature.as_str())
            }
            // What the script threw, in the pack author's words.
            EvalAltResult::ErrorRuntime(value, _) => {
                let text = value
                    .clone()
                    .into_string()
                    .unwrap_or_else(|_| value.to_string());
                Message::of(Wording::ScriptStopped).with("text", text)
            }
            // Any other of Rhai's errors, as Rhai words it.
            other => Message::plain(crate::problem::lowercase_first(&strip_position(
                &other.to_string(),
            ))),
        };
        let message = match in_function {
            Some(function) => Message::of(Wording::InFunction)
                .with("function", function.as_str())
                .with("problem", message),
            None => message,
        };
        let position = inner.position();
        match (position.line(), position.position()) {
            (Some(line), column) => Problem::at(name, line, column.unwrap_or(1), message),
            _ => Problem::in_file(name, message),
        }
    }
}

/// An attribute script's value as `kind` asks for it; else what it returned, in words.
/// `type_name` names a value's type as scripts know it (`string`, `i64`, `()`).
fn attribute_value(
    value: Dynamic,
    kind: AttributeKind,
    type_name: impl Fn(&Dynamic) -> String,
) -> Result<AttributeValue, Message> {
    let wrong = |value: &Dynamic| {
        let expected = match kind {
            AttributeKind::Flag => Wording::AttributeExpectsFlag,
            AttributeKind::Values => Wording::AttributeExpectsValues,
        };
        Message::of(Wording::AttributeWrongValue)
            .with("expected", Message::of(expected))
            .with("found", type_name(value))
    };
    match kind {
        AttributeKind::Flag => value
            .as_bool()
            .map(AttributeValue::Flag)
            .map_err(|_| wrong(&value)),
        AttributeKind::Values => {
            let Some(items) = value.read_lock::<rhai::Array>().map(|a| a.clone()) else {
                return Err(wrong(&value));
            };
            let mut texts = Vec::with_capacity(items.len());
            for (i, item) in items.iter().enumerate() {
                match item.read_lock::<ImmutableString>() {
                    Some(text) => texts.push(text.to_string()),
                    None => {
                        return Err(Message::of(Wording::AttributeItemNotText)
                            .with("position", i + 1)
                            .with("found", type_name(item)));
                    }
                }
            }
            texts.sort();
            texts.dedup();
            Ok(AttributeValue::Values(texts))
        }
    }
}

/// `app` and `pack`: the first entries of a run's scope, kept between the runs of one
/// application.
const HOST_CONSTANTS: usize = 2;

/// Whether `scope` holds just these `app` and `pack` (the same records, not equal ones), as
/// constants, as a run pushed them. A closure that captured one of them made it a shared
/// value in the scope (Rhai shares captured variables in place): a script could tell
/// (`is_shared`), so then the next run starts from a new scope.
fn holds(scope: &Scope, app: &Dynamic, pack: &Dynamic) -> bool {
    if scope.len() != HOST_CONSTANTS {
        return false;
    }
    // `iter_raw` goes from the last entry to the first.
    let mut entries = scope.iter_raw();
    [("pack", pack), ("app", app)].iter().all(|(name, value)| {
        entries.next().is_some_and(|(held_name, constant, held)| {
            held_name == *name && constant && !held.is_shared() && same_record(held, value)
        })
    })
}

/// Whether two values are the same record (one reference-counted map).
fn same_record(a: &Dynamic, b: &Dynamic) -> bool {
    match (
        a.read_lock::<record::Record>(),
        b.read_lock::<record::Record>(),
    ) {
        (Some(a), Some(b)) => a.is_same(&b),
        _ => false,
    }
}

/// Signatures of the functions a script can call by name (property and index accessors left
/// out), with or without Rhai's standard library.
fn callable_signatures(engine: &Engine, include_standard: bool) -> Vec<String> {
    engine
        .gen_fn_signatures(include_standard)
        .into_iter()
        .filter(|s| !s.starts_with("get$") && !s.starts_with("set$") && !s.starts_with("index$"))
        .collect()
}

/// Names of every function a script can call: Rhai's standard library and our API.
fn function_names(engine: &Engine) -> Vec<String> {
    let mut names: Vec<String> = callable_signatures(engine, true)
        .iter()
        .filter_map(|s| s.split('(').next())
        .map(str::to_string)
        .collect();
    names.extend(
        calls::BUILT_IN_KEYWORD_FUNCTIONS
            .iter()
            .map(|s| s.to_string()),
    );
    names.sort();
    names.dedup();
    names
}

/// The scope scripts are compiled in: the host variables as plain placeholders. Constants
/// would be folded into the compiled script by the optimiser, baking one application into it.
fn compile_scope(kind: ScriptKind) -> Scope<'static> {
    let mut scope = Scope::new();
    for variable in variables(kind) {
        scope.push_dynamic(*variable, Dynamic::UNIT);
    }
    scope
}

/// The host variables of a kind of script.
fn variables(kind: ScriptKind) -> &'static [&'static str] {
    match kind {
        ScriptKind::Gate => &["app", "pack"],
        ScriptKind::Criterion => &["app", "pack", "max_points", "reviews"],
        ScriptKind::Attribute => &["app", "pack"],
    }
}

fn parse_problem(name: &str, kind: ScriptKind, error: &rhai::ParseError) -> Problem {
    let message = match error.err_type() {
        ParseErrorType::VariableUndefined(variable) => {
            let hint = suggest::did_you_mean(variable, variables(kind).iter().copied());
            format!("unknown variable `{variable}`{hint}")
        }
        ParseErrorType::BadInput(rhai::LexError::ImproperSymbol(symbol, _))
        | ParseErrorType::Reserved(symbol)
            if symbol == "eval" || symbol == "import" =>
        {
            format!("`{symbol}` is not allowed in rule scripts")
        }
        other => crate::problem::lowercase_first(&strip_position(&other.to_string())),
    };
    let position: Position = error.position();
    match (position.line(), position.position()) {
        (Some(line), column) => Problem::at(name, line, column.unwrap_or(1), message),
        _ => Problem::in_file(name, message),
    }
}

/// Operations charged per item a native helper handles, and per this many bytes of text it reads
/// or writes: about what the same work costs as script steps, so a helper is never a way
/// around the operation limit.
const BYTES_PER_OPERATION: u64 = 64;

/// What handling `items` costs: one operation per item and per [`BYTES_PER_OPERATION`] bytes
/// of their text.
fn cost_of_items(items: &[Dynamic]) -> u64 {
    let bytes: u64 = items
        .iter()
        .map(|i| match i.read_lock::<ImmutableString>() {
            Some(s) => s.len() as u64,
            None => 0,
        })
        .sum();
    items.len() as u64 + bytes / BYTES_PER_OPERATION
}

/// What handling a text of `bytes` bytes costs.
fn cost_of_text(bytes: usize) -> u64 {
    1 + bytes as u64 / BYTES_PER_OPERATION
}

fn register_api(
    engine: &mut Engine,
    record: &Rc<RefCell<Record>>,
    meter: &Rc<Meter>,
    language: &str,
) {
    type Res<T> = Result<T, Box<EvalAltResult>>;

    let (r, m) = (Rc::clone(record), Rc::clone(meter));
    api("award", &["points: int", "reason: string", "()"],
        "/// Criterion: adds `points` (a whole number) with a reason that is shown in the decision.\n\
         /// The sum may not exceed `max_points`.")
    .register_into_engine(
        engine,
        move |context: NativeCallContext, points: INT, reason: ImmutableString| -> Res<()> {
            m.charge(cost_of_text(reason.len()))?;
            reached(&r, &context);
            add_award(&r, Some(Decimal::from(points)), &reason)
        },
    );
    let (r, m) = (Rc::clone(record), Rc::clone(meter));
    api(
        "award",
        &["points: decimal", "reason: string", "()"],
        "/// Criterion: adds points with a reason; points may be a decimal with at most two\n\
         /// decimals, such as 1.5. The sum may not exceed `max_points`.",
    )
    .register_into_engine(
        engine,
        move |context: NativeCallContext,
              points: rust_decimal::Decimal,
              reason: ImmutableString|
              -> Res<()> {
            m.charge(cost_of_text(reason.len()))?;
            reached(&r, &context);
            add_award(&r, Some(Decimal(points)), &reason)
        },
    );
    let (r, m) = (Rc::clone(record), Rc::clone(meter));
    api(
        "note",
        &["reason: string", "()"],
        "/// Criterion: adds a reason without points.",
    )
    .register_into_engine(
        engine,
        move |context: NativeCallContext, reason: ImmutableString| -> Res<()> {
            m.charge(cost_of_text(reason.len()))?;
            reached(&r, &context);
            add_award(&r, None, &reason)
        },
    );
    let (r, m) = (Rc::clone(record), Rc::clone(meter));
    api(
        "pass",
        &["reason: string", "()"],
        "/// Gate: the application meets the requirement, for this reason.",
    )
    .register_into_engine(
        engine,
        move |context: NativeCallContext, reason: ImmutableString| -> Res<()> {
            m.charge(cost_of_text(reason.len()))?;
            reached(&r, &context);
            add_verdict(&r, true, &reason)
        },
    );
    let (r, m) = (Rc::clone(record), Rc::clone(meter));
    api(
        "fail",
        &["reason: string", "()"],
        "/// Gate: the application does not meet the requirement, for this reason.\n\
         /// Any `fail` fails the gate.",
    )
    .register_into_engine(
        engine,
        move |context: NativeCallContext, reason: ImmutableString| -> Res<()> {
            m.charge(cost_of_text(reason.len()))?;
            reached(&r, &context);
            add_verdict(&r, false, &reason)
        },
    );

    // `year` reads four bytes and `format_amount` formats one number: constant work, one
    // operation like any call.
    api(
        "year",
        &["date: string", "int"],
        "/// The year of a date written `YYYY-MM-DD`.",
    )
    .register_into_engine(engine, |date: ImmutableString| -> Res<INT> {
        date.get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|y| y.parse::<INT>().ok())
            .ok_or_else(|| format!("`{date}` is not a date written YYYY-MM-DD").into())
    });
    // Rhai's standard `sleep` waits without running an operation, so neither the operation
    // count nor the clock (asked between operations) could stop it: it is replaced by a refusal.
    let refuse_sleep = || -> Res<()> { Err("`sleep` is not available to rule scripts".into()) };
    engine.register_fn("sleep", move |_: INT| refuse_sleep());
    engine.register_fn("sleep", move |_: rust_decimal::Decimal| refuse_sleep());
    api(
        "year",
        &["date: ()", "int"],
        "/// An empty field has no year: an error that says to check for `()` first.",
    )
    .register_into_engine(engine, |_: ()| -> Res<INT> {
        Err("`year` was given no date (the field is empty); check for `()` first".into())
    });
    let separator = thousands_separator(language);
    api(
        "format_amount",
        &["amount: int", "string"],
        "/// An amount as the pack's language writes it, e.g. `150.000`.",
    )
    .register_into_engine(engine, move |amount: INT| -> String {
        group_digits(i128::from(amount), separator)
    });
    // `format_points(x)`: a number of points as the pack's language writes it (`3,5` in Danish
    // and Swedish), for reasons that quote reviewers' means and medians.
    let comma = matches!(language, "da" | "sv" | "nb" | "de");
    api(
        "format_points",
        &["points: decimal", "string"],
        "/// Points as the pack's language writes them, e.g. `3,5` in Danish.",
    )
    .register_into_engine(engine, move |points: rust_decimal::Decimal| -> String {
        let d = Decimal(points.normalize());
        if comma { d.with_comma() } else { d.to_string() }
    });
    api(
        "format_points",
        &["points: int", "string"],
        "/// Whole points as text, e.g. `4`.",
    )
    .register_into_engine(engine, move |points: INT| -> String { points.to_string() });
    let and = crate::labels::and_word(language);
    // `common(a, b)`: the items of `a` that are also in `b`, in `a`'s order. The set logic most
    // criteria need ("which of the partners' municipalities are in the region?") in one native
    // call instead of a closure per item. Linear: `b` becomes a set first.
    let m = Rc::clone(meter);
    api(
        "common",
        &["a: array", "b: array", "array"],
        "/// The items of `a` that are also in `b`, in the order of `a`.",
    )
    .register_into_engine(
        engine,
        move |a: rhai::Array, b: rhai::Array| -> Res<rhai::Array> {
            m.charge(cost_of_items(&a) + cost_of_items(&b))?;
            Ok(common(a, &b))
        },
    );
    let m = Rc::clone(meter);
    api(
        "format_list",
        &["items: array", "string"],
        "/// A list as the pack's language writes it, e.g. `a, b og c`.",
    )
    .register_into_engine(engine, move |items: rhai::Array| -> Res<String> {
        m.charge(cost_of_items(&items))?;
        Ok(join_list(&items, and))
    });
    // `format_list(items, limit)`: at most `limit` items, then how many more. Lists an applicant
    // fills (partners, events, municipalities) have no natural length, and a reason has at most
    // `MAX_REASON_CHARS`; this keeps a reason that names them within it.
    // "and 1 other" / "and 2 others", as the language says it.
    let (other, others) = match language {
        "da" | "nb" => ("anden", "andre"),
        "sv" => ("annan", "andra"),
        "de" => ("weiterer", "weitere"),
        _ => ("other", "others"),
    };
    let m = Rc::clone(meter);
    api(
        "format_list",
        &["items: array", "limit: int", "string"],
        "/// At most `limit` items of a list, then how many more, e.g. `a, b og 3 andre`.",
    )
    .register_into_engine(
        engine,
        move |items: rhai::Array, limit: INT| -> Res<String> {
            let Some(limit) = usize::try_from(limit).ok().filter(|&l| l >= 1) else {
                return Err(
                    format!("`format_list` needs a limit of at least 1, not {limit}").into(),
                );
            };
            // Only the items named are formatted; counting the rest is free.
            m.charge(cost_of_items(&items[..limit.min(items.len())]))?;
            if items.len() <= limit {
                return Ok(join_list(&items, and));
            }
            let shown: Vec<String> = items[..limit].iter().map(|i| i.to_string()).collect();
            let rest = items.len() - limit;
            let word = if rest == 1 { other } else { others };
            Ok(format!("{} {and} {rest} {word}", shown.join(", ")))
        },
    );
}

/// A function of the script API, with what the editor definitions say of it (`kriterium rules
/// definitions` writes them from this engine's metadata): parameter names and types, the return
/// type last (Rhai's own `name: type` notation), and a `///` doc comment.
fn api(name: &str, params: &[&str], doc: &str) -> rhai::FuncRegistration {
    rhai::FuncRegistration::new(name)
        .with_params_info(params)
        .with_comments([doc])
}

/// A script value as `common` compares it: strings, numbers and booleans by value, `()` equal
/// to `()`; anything else (records, lists, decimals) equals nothing.
#[derive(PartialEq, Eq, Hash)]
enum Key {
    Text(ImmutableString),
    Int(INT),
    Bool(bool),
    Unit,
}

impl Key {
    fn of(x: &Dynamic) -> Option<Key> {
        if let Some(s) = x.read_lock::<ImmutableString>() {
            return Some(Key::Text(s.clone()));
        }
        if let Ok(i) = x.as_int() {
            return Some(Key::Int(i));
        }
        if let Ok(b) = x.as_bool() {
            return Some(Key::Bool(b));
        }
        x.is_unit().then_some(Key::Unit)
    }
}

/// The items of `a` that are also in `b`, in `a`'s order, in time linear in both lengths.
fn common(a: rhai::Array, b: &[Dynamic]) -> rhai::Array {
    // Only membership is asked of the set, so its iteration order never reaches a result.
    let wanted: std::collections::HashSet<Key> = b.iter().filter_map(Key::of).collect();
    a.into_iter()
        .filter(|x| Key::of(x).is_some_and(|k| wanted.contains(&k)))
        .collect()
}

/// `["a", "b", "c"]` → `a, b og c`.
fn join_list(items: &[Dynamic], and: &str) -> String {
    let items: Vec<String> = items.iter().map(|i| i.to_string()).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} {and} {last}", init.join(", ")),
    }
}

/// Notes where the running script called an outcome function (`kriterium test` reports the
/// calls no case reaches).
fn reached(record: &Rc<RefCell<Record>>, context: &NativeCallContext) {
    let position = context.call_position();
    if let (Some(line), Some(column)) = (position.line(), position.position()) {
        record.borrow_mut().reached.push((line, column));
    }
}

fn add_award(
    record: &Rc<RefCell<Record>>,
    points: Option<Decimal>,
    reason: &str,
) -> Result<(), Box<EvalAltResult>> {
    let mut record = record.borrow_mut();
    if record.kind != Some(ScriptKind::Criterion) {
        return Err("`award` and `note` are for criteria; a gate calls `pass` or `fail`".into());
    }
    if let Some(p) = points
        && !p.within_scale()
    {
        return Err(format!("{p} points has more than {MAX_SCALE} decimals").into());
    }
    let reason = check_reason(reason, record.awards.len())?;
    record.awards.push((points, reason));
    Ok(())
}

fn add_verdict(
    record: &Rc<RefCell<Record>>,
    passed: bool,
    reason: &str,
) -> Result<(), Box<EvalAltResult>> {
    let mut record = record.borrow_mut();
    if record.kind != Some(ScriptKind::Gate) {
        return Err("`pass` and `fail` are for gates; a criterion calls `award` or `note`".into());
    }
    let reason = check_reason(reason, record.passes.len() + record.fails.len())?;
    if passed {
        record.passes.push(reason)
    } else {
        record.fails.push(reason)
    }
    Ok(())
}

fn check_reason(reason: &str, given: usize) -> Result<String, Box<EvalAltResult>> {
    let reason = reason.trim();
    if reason.is_empty() {
        return Err("a reason must not be empty: say why, for the applicant and the group".into());
    }
    if reason.chars().count() > MAX_REASON_CHARS {
        return Err(format!("a reason is longer than {MAX_REASON_CHARS} characters").into());
    }
    if given >= MAX_REASONS {
        return Err(format!("more than {MAX_REASONS} reasons from one script").into());
    }
    Ok(reason.to_string())
}

/// Rhai ends messages with " (line L, position C)"; we report positions separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" (line ") {
        Some(i) if message.ends_with(')') => message[..i].to_string(),
        _ => message.to_string(),
    }
}

#[cfg(test)]
mod limit_tests;
#[cfg(test)]
mod tests;
