//! Tests of what bounds a script run beyond Rhai's own limits: native helpers charged by their
//! work, the host's guard (memory, time) asked during a run, and comparisons with a missing
//! value (`()`), which are errors naming the field instead of a silent `false`.

use std::cell::Cell;
use std::rc::Rc;

use super::meter::{Limit, RunGuard, Stop};
use super::*;

fn app() -> Dynamic {
    let json = serde_json::json!({
        "budget": {"requested": 100_000, "annual_cost": null},
        "title": "Stævne",
        "note": null
    });
    record::from_json(&json).unwrap()
}

fn pack() -> Dynamic {
    record::from_json(&serde_json::json!({"budget": 400_000})).unwrap()
}

/// Runs `text` as a criterion on a fresh host (no guard unless `guard` is given).
fn run(text: &str, guard: Option<Box<dyn RunGuard>>) -> (Result<Scored, Problem>, ScriptHost) {
    let host = ScriptHost::new("da", Vec::new());
    host.set_guard(guard);
    let ast = match host.compile(ScriptKind::Criterion, "c.rhai", text) {
        Ok(ast) => ast,
        Err(mut p) => return (Err(p.remove(0)), host),
    };
    let result = host.run_criterion("c.rhai", &ast, &app(), &pack(), 5, &Dynamic::UNIT);
    (result, host)
}

fn criterion(text: &str) -> Result<Scored, Problem> {
    run(text, None).0
}

#[test]
fn common_is_charged_for_the_items_it_compares() {
    // 600 calls over two lists of 1,000 items: 600 operations to Rhai, 1.2 million compared
    // items. Charged by size, the run is over the limit of a million operations.
    let text = "let a = [];\nfor i in 0..1000 { a.push(`item ${i}`); }\nlet n = 0;\nfor i in 0..600 {\n    n += common(a, a).len();\n}\nnote(`${n}`);";
    let (result, host) = run(text, None);
    let err = result.unwrap_err();
    assert!(
        err.message
            .to_string()
            .starts_with("stopped by the operations limit"),
        "{err}"
    );
    // At the call of `common` that went over.
    assert_eq!(err.line, Some(5), "{err}");
    assert_eq!(host.last_limit(), Some(Limit::Operations));
}

#[test]
fn common_keeps_the_order_of_the_first_list_and_compares_by_value() {
    let scored = criterion(
        "let a = common([3, \"x\", 1, true, (), \"1\", 3], [1, (), \"x\", true, 3]);\nnote(`${a}`);",
    )
    .unwrap();
    assert_eq!(scored.reasons, vec!["[3, \"x\", 1, true, (), 3]"]);
}

#[test]
fn format_list_is_charged_for_the_items_it_names() {
    let text = "let a = [];\nfor i in 0..10000 { a.push(\"en lang tekst om et arrangement i kommunen\"); }\nlet n = 0;\nfor i in 0..100 {\n    n += format_list(a).len();\n}\nnote(`${n}`);";
    let err = criterion(text).unwrap_err();
    assert!(
        err.message
            .to_string()
            .starts_with("stopped by the operations limit"),
        "{err}"
    );
    assert_eq!(err.line, Some(5), "{err}");
}

/// A guard that stops a run after it has been asked `after` times, and counts the runs begun.
struct Countdown {
    after: u64,
    asked: Cell<u64>,
    started: Rc<Cell<u64>>,
}

impl RunGuard for Countdown {
    fn start(&self) {
        self.asked.set(0);
        self.started.set(self.started.get() + 1);
    }

    fn exceeded(&self) -> Option<Stop> {
        self.asked.set(self.asked.get() + 1);
        (self.asked.get() > self.after).then(|| Stop {
            limit: Limit::Memory,
            message: "the script held too much".to_string(),
        })
    }
}

#[test]
fn the_hosts_guard_stops_a_run_with_its_reason_and_position() {
    let started = Rc::new(Cell::new(0));
    let guard = Countdown {
        after: 3,
        asked: Cell::new(0),
        started: Rc::clone(&started),
    };
    let (result, host) = run(
        "let s = [];\nloop {\n    s.push(\"x\");\n}",
        Some(Box::new(guard)),
    );
    let err = result.unwrap_err();
    assert_eq!(
        err.message.to_string(),
        "stopped by the memory limit: the script held too much"
    );
    assert_eq!(err.source, "c.rhai");
    assert!(err.line.is_some_and(|l| l >= 2), "{err}");
    assert_eq!(host.last_limit(), Some(Limit::Memory));
    assert_eq!(started.get(), 1);
}

#[test]
fn the_guard_is_told_of_every_run_and_lets_a_short_one_finish() {
    let started = Rc::new(Cell::new(0));
    let guard = Countdown {
        after: 1_000,
        asked: Cell::new(0),
        started: Rc::clone(&started),
    };
    let host = ScriptHost::new("da", Vec::new());
    host.set_guard(Some(Box::new(guard)));
    let ast = host
        .compile(ScriptKind::Criterion, "c.rhai", "award(1, \"ok\");")
        .unwrap();
    for _ in 0..3 {
        assert!(
            host.run_criterion("c.rhai", &ast, &app(), &pack(), 5, &Dynamic::UNIT)
                .is_ok()
        );
        assert_eq!(host.last_limit(), None);
    }
    assert_eq!(started.get(), 3);
}

#[test]
fn a_missing_value_compared_with_a_number_names_the_field_at_the_operator() {
    for (text, column) in [
        (
            "if app.budget.annual_cost > 50000 { award(1, \"x\"); } else { note(\"y\"); }",
            27,
        ),
        (
            "if app.budget.annual_cost <= 50000 { award(1, \"x\"); } else { note(\"y\"); }",
            27,
        ),
        (
            "if app.budget.annual_cost == 50000 { award(1, \"x\"); } else { note(\"y\"); }",
            27,
        ),
        (
            "if 50000 < app.budget.annual_cost { award(1, \"x\"); } else { note(\"y\"); }",
            10,
        ),
        (
            "if app.budget.annual_cost >= 1.5 { award(1, \"x\"); } else { note(\"y\"); }",
            27,
        ),
    ] {
        let err = criterion(text).unwrap_err();
        assert_eq!(
            err.message.to_string(),
            "the script stopped: `app.budget.annual_cost` is not given; test it with `== ()` first",
            "{text}"
        );
        assert_eq!((err.line, err.column), (Some(1), Some(column)), "{text}");
    }
}

#[test]
fn a_missing_value_compared_with_a_text_names_the_variable() {
    let err = criterion("let n = app.note;\nif n != \"x\" { note(\"y\"); }").unwrap_err();
    assert_eq!(
        err.message.to_string(),
        "the script stopped: `n` is not given; test it with `== ()` first"
    );
    assert_eq!((err.line, err.column), (Some(2), Some(6)));
    // Inside a function of the script, the parameter is named.
    let err = criterion("fn big(x) { x > 5 }\nif big(app.note) { note(\"y\"); }").unwrap_err();
    assert!(
        err.message
            .to_string()
            .ends_with("`x` is not given; test it with `== ()` first"),
        "{err}"
    );
    // An index is named as written.
    let err = criterion("let m = #{a: ()};\nif m[\"a\"] < 5 { note(\"y\"); }").unwrap_err();
    assert!(
        err.message.to_string().contains("`m[\"a\"]` is not given"),
        "{err}"
    );
}

#[test]
fn testing_for_a_missing_value_keeps_working() {
    let scored = criterion(
        "note(`${app.note == ()} ${app.note != ()} ${app.budget.requested == ()} ${app.budget.requested != ()} ${() == app.title} ${() == ()}`);",
    )
    .unwrap();
    assert_eq!(scored.reasons, vec!["true false false true false true"]);
    // A present value compares as before.
    let scored =
        criterion("note(`${app.budget.requested > 5} ${app.title == \"Stævne\"}`);").unwrap();
    assert_eq!(scored.reasons, vec!["true true"]);
}
