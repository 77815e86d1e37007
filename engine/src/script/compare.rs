//! Comparisons with a missing value: an error naming the field, never a silent `false`.
//!
//! An optional field the applicant left out reads as `()`. Rhai compares `()` with a number or
//! a text as simply unequal, so `app.budget.annual_cost > 50000` and `app.budget.annual_cost <=
//! 50000` are *both* false: a gate passed or failed depending on which way the comparison was
//! written, and its reason could state an amount the applicant never gave. Here every `<`, `>`,
//! `<=`, `>=`, `==`, `!=` between `()` and a number or text stops the script with
//! "`app.budget.annual_cost` is not given; test it with `== ()` first", at the operator.
//!
//! Testing for a missing value keeps working: `x == ()` and `x != ()` with the literal `()`
//! written in the script are the test itself. A native function cannot see the literal (it only
//! gets values), so when a script is compiled its syntax tree is walked once and every
//! comparison is recorded by position with the text of both sides; the registered operators look
//! their call up there. Rhai calls registered operators only with fast operators off
//! (`Engine::set_fast_operators(false)`); what that costs is measured in BENCHMARKS.md.

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

use rhai::{
    AST, ASTNode, Engine, EvalAltResult, Expr, INT, ImmutableString, NativeCallContext, Stmt,
};

/// The comparison operators checked.
const OPERATORS: [&str; 6] = ["==", "!=", "<", ">", "<=", ">="];

/// One comparison written in a script.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Comparison {
    /// How the left and right sides are written, when they are a variable or a field path
    /// (`app.budget.annual_cost`, `partner["name"]`).
    sides: [Option<String>; 2],
    /// Whether one side is the literal `()`: then the comparison is the test for a missing value.
    tests_missing: bool,
}

/// Every comparison of every compiled script, by script name and (line, column) of the
/// operator. Shared by the host (which fills it when compiling and says which script runs) and
/// the registered operators.
#[derive(Debug, Default)]
pub(crate) struct Comparisons {
    scripts: BTreeMap<String, BTreeMap<(usize, usize), Comparison>>,
    /// The script running now. (Rhai's call source is not set inside a script's functions.)
    running: String,
}

/// The shared table.
pub(crate) type Table = Rc<RefCell<Comparisons>>;

impl Comparisons {
    /// Records the comparisons of `ast`, compiled from the script called `name` (replacing what
    /// an earlier compilation of the same name recorded).
    pub(crate) fn learn(&mut self, name: &str, ast: &AST) {
        let mut found = BTreeMap::new();
        ast.walk(&mut |path: &[ASTNode]| {
            // A call is an expression, or a statement when it stands alone (the last line of a
            // function's body, say).
            let call = match path.last() {
                Some(ASTNode::Expr(Expr::FnCall(call, position)))
                | Some(ASTNode::Stmt(Stmt::FnCall(call, position))) => Some((call, position)),
                _ => None,
            };
            if let Some((call, position)) = call
                && call.op_token.is_some()
                && call.args.len() == 2
                && OPERATORS.contains(&call.name.as_str())
                && let (Some(line), Some(column)) = (position.line(), position.position())
            {
                let comparison = Comparison {
                    sides: [written(&call.args[0]), written(&call.args[1])],
                    tests_missing: call.args.iter().any(|a| matches!(a, Expr::Unit(_))),
                };
                found.insert((line, column), comparison);
            }
            true
        });
        self.scripts.insert(name.to_string(), found);
    }

    /// The script called `name` starts running.
    pub(crate) fn run(&mut self, name: &str) {
        self.running.clear();
        self.running.push_str(name);
    }

    fn at(&self, context: &NativeCallContext) -> Option<&Comparison> {
        let position = context.call_position();
        let place = (position.line()?, position.position()?);
        self.scripts.get(&self.running)?.get(&place)
    }
}

/// How an expression is written, when it is a variable or a path of fields and indices from one.
fn written(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Variable(variable, ..) => Some(variable.1.to_string()),
        Expr::Property(property, ..) => Some(property.2.to_string()),
        Expr::Dot(chain, ..) => Some(format!("{}.{}", written(&chain.lhs)?, written(&chain.rhs)?)),
        Expr::Index(chain, ..) => Some(format!("{}{}", written(&chain.lhs)?, index(&chain.rhs)?)),
        _ => None,
    }
}

/// The rest of a chain after an index: Rhai nests what follows `[i]` inside the index.
fn index(expr: &Expr) -> Option<String> {
    match expr {
        Expr::Dot(chain, ..) => Some(format!("[{}].{}", key(&chain.lhs)?, written(&chain.rhs)?)),
        Expr::Index(chain, ..) => Some(format!("[{}]{}", key(&chain.lhs)?, index(&chain.rhs)?)),
        other => Some(format!("[{}]", key(other)?)),
    }
}

/// An index as written: a number, a text in quotes, or a variable.
fn key(expr: &Expr) -> Option<String> {
    match expr {
        Expr::IntegerConstant(i, _) => Some(i.to_string()),
        Expr::StringConstant(s, _) => Some(format!("{s:?}")),
        other => written(other),
    }
}

/// What a comparison of a missing value on side `missing` (0 left, 1 right) means.
fn missing(
    table: &Table,
    context: &NativeCallContext,
    operator: &str,
    missing: usize,
) -> Result<bool, Box<EvalAltResult>> {
    let table = table.borrow();
    let comparison = table.at(context);
    if operator == "==" || operator == "!=" {
        // `x == ()`: the test itself. A value that is there is not `()`.
        if comparison.is_some_and(|c| c.tests_missing) {
            return Ok(operator == "!=");
        }
    }
    let message = match comparison.and_then(|c| c.sides[missing].as_deref()) {
        Some(field) => format!("`{field}` is not given; test it with `== ()` first"),
        None => format!(
            "the value {} `{operator}` is not given; test it with `== ()` first",
            if missing == 0 { "left of" } else { "right of" }
        ),
    };
    Err(message.into())
}

/// Registers the six comparisons of `()` with integers, decimals and texts, both ways round.
/// The engine must have fast operators off for Rhai to call them.
pub(crate) fn register(engine: &mut Engine, table: &Table) {
    for operator in OPERATORS {
        macro_rules! both_ways {
            ($type:ty) => {
                let t = Rc::clone(table);
                engine.register_fn(
                    operator,
                    move |context: NativeCallContext, _: (), _: $type| {
                        missing(&t, &context, operator, 0)
                    },
                );
                let t = Rc::clone(table);
                engine.register_fn(
                    operator,
                    move |context: NativeCallContext, _: $type, _: ()| {
                        missing(&t, &context, operator, 1)
                    },
                );
            };
        }
        both_ways!(INT);
        both_ways!(rust_decimal::Decimal);
        both_ways!(ImmutableString);
    }
}
