//! What turning Rhai's fast operators off costs (`script/compare.rs` needs them off so that
//! comparing `()` with a number is an error): one criterion-like script, heavy in comparisons,
//! run with fast operators on, and off with the six `()` operators registered as kriterium does.
//!
//! `cargo run --release -p kriterium-engine --example fast_operators` prints ns per run of each.

use std::time::Instant;

use rhai::{Array, Dynamic, Engine, INT, Map, Scope};

const SCRIPT: &str = r#"
let n = 0;
let seen = [];
for e in events {
    if e.amount > 1000 && e.amount <= 50000 { n += 1; }
    if e.kind == "concert" || e.kind != "workshop" { n += 1; }
    if e.municipality in region && !(e.municipality in seen) { seen.push(e.municipality); }
    if e.participants >= 10 && e.participants < 500 { n += 1; }
}
n + seen.len()
"#;

fn engine(fast: bool) -> Engine {
    let mut engine = Engine::new();
    engine.set_fast_operators(fast);
    if !fast {
        for op in ["==", "!=", "<", ">", "<=", ">="] {
            engine.register_fn(
                op,
                |_: (), _: INT| -> Result<bool, Box<rhai::EvalAltResult>> {
                    Err("not given".into())
                },
            );
            engine.register_fn(
                op,
                |_: INT, _: ()| -> Result<bool, Box<rhai::EvalAltResult>> {
                    Err("not given".into())
                },
            );
            engine.register_fn(
                op,
                |_: (), _: rhai::ImmutableString| -> Result<bool, Box<rhai::EvalAltResult>> {
                    Err("not given".into())
                },
            );
            engine.register_fn(
                op,
                |_: rhai::ImmutableString, _: ()| -> Result<bool, Box<rhai::EvalAltResult>> {
                    Err("not given".into())
                },
            );
        }
    }
    engine
}

fn events() -> Array {
    let places = ["Haderslev", "Sønderborg", "Aabenraa", "Tønder", "Kolding"];
    (0..20)
        .map(|i| {
            let mut e = Map::new();
            e.insert("amount".into(), Dynamic::from_int(i * 3_000));
            e.insert(
                "kind".into(),
                Dynamic::from(if i % 3 == 0 { "concert" } else { "workshop" }),
            );
            e.insert("municipality".into(), Dynamic::from(places[i as usize % 5]));
            e.insert("participants".into(), Dynamic::from_int(i * 40));
            Dynamic::from_map(e)
        })
        .collect()
}

fn main() {
    let region: Array = ["Haderslev", "Sønderborg", "Aabenraa"]
        .iter()
        .map(|s| Dynamic::from(*s))
        .collect();
    let runs = 50_000;
    for round in 0..3 {
        for fast in [true, false] {
            let engine = engine(fast);
            let ast = engine.compile(SCRIPT).expect("the script compiles");
            let mut total = 0;
            let start = Instant::now();
            for _ in 0..runs {
                let mut scope = Scope::new();
                scope.push("events", events());
                scope.push("region", region.clone());
                total += engine
                    .eval_ast_with_scope::<INT>(&mut scope, &ast)
                    .expect("it runs");
            }
            let ns = start.elapsed().as_nanos() / runs as u128;
            println!(
                "round {round}: fast operators {}: {ns} ns per run ({total})",
                if fast { "on " } else { "off" }
            );
        }
    }
}
