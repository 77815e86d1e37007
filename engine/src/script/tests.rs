//! Sandbox and API tests of the Rhai host: runaway scripts are stopped by a limit (which bounds
//! their time deterministically; the time itself is measured by hand and in benchmarks, not
//! here) with a position, the application cannot be changed, typos are errors.

use super::*;

fn host() -> ScriptHost {
    ScriptHost::new("da", vec!["budget".to_string(), "events".to_string()])
}

fn app() -> Dynamic {
    let json = serde_json::json!({
        "budget": {"requested": 100_000, "total": 150_000},
        "events": [{"title": "Stævne"}],
        "period": {"start": "2025-03-01", "end": "2026-12-31"},
        "note": null
    });
    record::from_json(&json).unwrap()
}

fn pack() -> Dynamic {
    record::from_json(&serde_json::json!({"budget": 400_000})).unwrap()
}

/// Compiles and runs a criterion script with `max_points = 5`.
fn criterion(text: &str) -> Result<Scored, Problem> {
    let host = host();
    let ast = host
        .compile(ScriptKind::Criterion, "c.rhai", text)
        .map_err(|mut p| p.remove(0))?;
    host.run_criterion("c.rhai", &ast, &app(), &pack(), 5, &Dynamic::UNIT)
}

fn gate(text: &str) -> Result<Verdict, Problem> {
    let host = host();
    let ast = host
        .compile(ScriptKind::Gate, "g.rhai", text)
        .map_err(|mut p| p.remove(0))?;
    host.run_gate("g.rhai", &ast, &app(), &pack())
}

#[test]
fn awards_add_up_with_their_reasons() {
    let scored =
        criterion("award(2, \"to\");\naward(1.5, \"halvanden\");\nnote(\"bemærkning\");").unwrap();
    assert_eq!(scored.points.to_string(), "3.5");
    assert_eq!(scored.reasons, vec!["to", "halvanden", "bemærkning"]);
}

#[test]
fn an_endless_loop_is_stopped_at_its_position() {
    let err = criterion("let x = 0;\nloop {\n    x += 1;\n}").unwrap_err();
    assert_eq!(err.line, Some(3), "{err}");
    assert!(err.message.to_string().contains("endless loop"), "{err}");
    assert_eq!(err.source, "c.rhai");
}

#[test]
fn a_script_problem_reads_in_danish_and_swedish_around_the_authors_words() {
    let err = criterion("throw \"for få arrangementer\";").unwrap_err();
    assert_eq!(
        err.message.render("da"),
        "scriptet stoppede: for få arrangementer"
    );
    assert_eq!(
        err.message.render("sv"),
        "skriptet stoppade: for få arrangementer"
    );
    let err = criterion("let x = 0;\nloop {\n    x += 1;\n}").unwrap_err();
    assert!(
        err.message
            .render("da")
            .starts_with("stoppet af begrænsningen »operations«: scriptet kørte længere"),
        "{}",
        err.message.render("da")
    );
}

#[test]
fn endless_recursion_fails_without_overflowing_the_stack() {
    // Runs on a thread with the stack size the CLI gives its workers.
    let err = std::thread::Builder::new()
        .stack_size(STACK_SIZE)
        .spawn(|| criterion("fn f(x) { f(x + 1) }\nf(0);").unwrap_err())
        .unwrap()
        .join()
        .unwrap();
    assert!(
        err.message.to_string().contains("endless recursion"),
        "{err}"
    );
    // Rhai reports the overflow at the outermost call.
    assert_eq!(err.line, Some(2), "{err}");
}

#[test]
fn a_huge_string_is_stopped() {
    let err = criterion("let s = \"ab\";\nloop { s += s; }").unwrap_err();
    assert!(err.message.to_string().contains("over the limit"), "{err}");
    assert_eq!(err.line, Some(2));
}

#[test]
fn a_huge_array_is_stopped() {
    let err = criterion("let a = [];\nloop { a.push(1); }").unwrap_err();
    assert!(err.message.to_string().contains("over the limit"), "{err}");
}

#[test]
fn the_application_is_read_only() {
    let err = criterion("app.budget.requested = 1;\naward(1, \"x\");").unwrap_err();
    assert!(err.message.to_string().contains("read-only"), "{err}");
    // A record stays read-only when a script holds it in a variable of its own.
    let err = criterion("let b = app.budget;\nb.requested = 1;\naward(1, \"x\");").unwrap_err();
    assert!(err.message.to_string().contains("read-only"), "{err}");
    assert_eq!(err.line, Some(2));
}

#[test]
fn a_changed_copy_does_not_reach_the_next_script() {
    let host = host();
    // Lists are copied when read; changing the copy (even in place) leaves `app` as it was.
    let changer = host
        .compile(
            ScriptKind::Criterion,
            "a.rhai",
            "app.events.push(1);\nlet e = app.events; e.push(2); e.push(3);\naward(e.len(), \"kopi\");",
        )
        .unwrap();
    let reader = host
        .compile(
            ScriptKind::Criterion,
            "b.rhai",
            "award(app.events.len(), \"original\");",
        )
        .unwrap();
    let (app, pack) = (app(), pack());
    let changed = host
        .run_criterion("a.rhai", &changer, &app, &pack, 5, &Dynamic::UNIT)
        .unwrap();
    assert_eq!(changed.points, Decimal::from(3i64));
    let read = host
        .run_criterion("b.rhai", &reader, &app, &pack, 5, &Dynamic::UNIT)
        .unwrap();
    assert_eq!(read.points, Decimal::from(1i64));
}

#[test]
fn records_answer_membership_keys_and_length() {
    let scored = criterion(
        "note(`${\"budget\" in app} ${\"budjet\" in app} ${app.budget.keys().len()} ${app.budget.len()} ${type_of(app)}`);",
    )
    .unwrap();
    assert_eq!(scored.reasons, vec!["true false 2 2 record"]);
}

#[test]
fn a_misspelt_property_is_an_error_with_a_suggestion() {
    let err = criterion("award(app.budjet.requested, \"x\");").unwrap_err();
    assert_eq!(
        err.message.to_string(),
        "no property `budjet` here; did you mean `budget`?"
    );
    // Rhai places a property error at the dot before the name.
    assert_eq!((err.line, err.column), (Some(1), Some(10)));
}

#[test]
fn an_empty_optional_field_reads_as_unit() {
    let scored = criterion("if app.note == () { award(1, \"tom\") }").unwrap();
    assert_eq!(scored.points, Decimal::from(1i64));
}

#[test]
fn points_outside_the_range_are_an_error_not_clamped() {
    let err = criterion("award(6, \"for mange\");").unwrap_err();
    assert!(err.message.to_string().contains("from 0 to 5"), "{err}");
    let err = criterion("award(-1, \"negativ\");").unwrap_err();
    assert!(err.message.to_string().contains("from 0 to 5"), "{err}");
    let err = criterion("award(max_points, \"alle\");").map(|s| s.points);
    assert_eq!(err, Ok(Decimal::from(5i64)));
}

#[test]
fn points_with_more_than_two_decimals_are_refused() {
    let err = criterion("award(1.125, \"x\");").unwrap_err();
    assert!(
        err.message.to_string().contains("more than 2 decimals"),
        "{err}"
    );
}

#[test]
fn a_script_without_a_reason_is_an_error() {
    let err = criterion("let x = 1;").unwrap_err();
    assert!(err.message.to_string().contains("gave no reason"), "{err}");
    let err = criterion("award(1, \"  \");").unwrap_err();
    assert!(
        err.message.to_string().contains("must not be empty"),
        "{err}"
    );
}

#[test]
fn gates_fail_when_any_fail_is_called() {
    assert_eq!(
        gate("pass(\"ok\");").unwrap(),
        Verdict {
            passed: true,
            reason: "ok".into()
        }
    );
    let verdict = gate("fail(\"nej\");\npass(\"ja\");").unwrap();
    assert_eq!(
        verdict,
        Verdict {
            passed: false,
            reason: "nej".into()
        }
    );
    assert!(
        gate("let x = 1;")
            .unwrap_err()
            .message
            .to_string()
            .contains("decided nothing")
    );
}

#[test]
fn gate_and_criterion_functions_are_not_mixed() {
    assert!(
        gate("award(1, \"x\");")
            .unwrap_err()
            .message
            .to_string()
            .contains("for criteria")
    );
    assert!(
        criterion("pass(\"x\");")
            .unwrap_err()
            .message
            .to_string()
            .contains("for gates")
    );
}

#[test]
fn no_clock_no_eval_no_imports() {
    let err = criterion("let t = timestamp();\naward(1, \"x\");").unwrap_err();
    assert!(
        err.message
            .to_string()
            .contains("unknown function `timestamp`"),
        "{err}"
    );
    assert_eq!(err.line, Some(1));
    let err = criterion("eval(\"1\");").unwrap_err();
    assert!(
        err.message.to_string().contains("`eval` is not allowed"),
        "{err}"
    );
    let err = criterion("import \"x\" as y;").unwrap_err();
    assert!(
        err.message.to_string().contains("`import` is not allowed"),
        "{err}"
    );
}

#[test]
fn unknown_functions_are_found_in_code_the_optimiser_would_drop() {
    // Rhai's optimiser removes `if false { … }`; the check walks the tree before it does.
    let err = criterion("if false { awrd(1, \"x\"); }\naward(1, \"x\");").unwrap_err();
    assert_eq!(
        err.to_string(),
        "c.rhai:1:12: unknown function `awrd`; did you mean `award`?"
    );
    // What runs is still optimised and gives the same result.
    let scored = criterion("if false { award(5, \"no\"); }\naward(1, \"x\");").unwrap();
    assert_eq!(scored.points, Decimal::from(1u32));
}

#[test]
fn unknown_methods_in_closures_and_interpolations_get_a_suggestion() {
    let err = criterion("let n = [1].filter(|x| x.lenn() > 0);\naward(1, \"x\");").unwrap_err();
    assert_eq!(
        err.to_string(),
        "c.rhai:1:26: unknown function `lenn`; did you mean `len`?"
    );
    let err = criterion("award(1, `${format_amout(5)}`);").unwrap_err();
    assert_eq!(
        err.to_string(),
        "c.rhai:1:13: unknown function `format_amout`; did you mean `format_amount`?"
    );
}

#[test]
fn unknown_variables_are_compile_errors() {
    let err = criterion("award(ap.budget.requested, \"x\");").unwrap_err();
    assert_eq!(
        err.message.to_string(),
        "unknown variable `ap`; did you mean `app`?"
    );
    assert_eq!((err.line, err.column), (Some(1), Some(7)));
}

#[test]
fn syntax_errors_have_positions() {
    let err = criterion("award(1, \"x\"\n").unwrap_err();
    assert!(err.line.is_some(), "{err}");
}

#[test]
fn helpers_read_years_and_format_amounts() {
    let scored =
        criterion("note(`${year(app.period.end)} ${format_amount(app.budget.requested)}`);")
            .unwrap();
    assert_eq!(scored.reasons, vec!["2026 100.000"]);
    let err = criterion("note(`${year(app.note)}`);").unwrap_err();
    assert!(err.message.to_string().contains("no date"), "{err}");
}

#[test]
fn host_function_errors_point_at_the_call() {
    let err = criterion("let x = 1;\n  award(1.125, \"x\");").unwrap_err();
    assert_eq!(err.line, Some(2), "{err}");
}

#[test]
fn lists_are_joined_in_the_pack_language() {
    let scored =
        criterion("note(format_list([\"a\", \"b\", \"c\"]));\nnote(format_list([\"a\"]));")
            .unwrap();
    assert_eq!(scored.reasons, vec!["a, b og c", "a"]);
}

#[test]
fn long_lists_are_cut_to_a_limit_and_say_how_many_more() {
    let scored = criterion(
        "let l = [\"a\", \"b\", \"c\", \"d\"];\nnote(format_list(l, 2));\nnote(format_list(l, 4));\nnote(format_list(l, 1));",
    )
    .unwrap();
    assert_eq!(
        scored.reasons,
        vec!["a, b og 2 andre", "a, b, c og d", "a og 3 andre"]
    );
    let scored = criterion("note(format_list([\"a\", \"b\", \"c\"], 2));").unwrap();
    assert_eq!(scored.reasons, vec!["a, b og 1 anden"]);
    let err = criterion("note(format_list([\"a\"], 0));").unwrap_err();
    assert!(
        err.to_string().contains("a limit of at least 1, not 0"),
        "{err}"
    );
}

#[test]
fn every_application_field_can_be_read_by_a_script() {
    // A field named like a Rhai reserved word (`new`, `shared`, …) could not be read as
    // `app.name`; this guards the application model as it grows.
    let host = host();
    for name in crate::validation::property_names(&crate::schema::application()) {
        if name.starts_with('$') {
            continue;
        }
        let script = format!("let x = app.{name};\nnote(\"x\");");
        assert!(
            host.compile(ScriptKind::Criterion, "c.rhai", &script)
                .is_ok(),
            "`app.{name}` does not compile"
        );
    }
}

#[test]
fn common_keeps_the_items_of_the_first_list_found_in_the_second() {
    let scored = criterion(
        "let a = common([\"x\", \"y\", \"z\", 1, ()], [\"z\", \"x\", 1]);\nnote(`${a}`);\nnote(`${common([], [1])}`);",
    )
    .unwrap();
    assert_eq!(scored.reasons, vec!["[\"x\", \"z\", 1]", "[]"]);
}

#[test]
fn the_editor_definitions_declare_every_function_of_the_script_api() {
    // Every function kriterium adds is declared with a doc comment, so an editor can show it.
    let host = ScriptHost::new("da", Vec::new());
    let files = host.definitions();
    let api = &files
        .iter()
        .find(|(name, _)| name == "__static__.d.rhai")
        .expect("Rhai writes __static__.d.rhai")
        .1;
    for signature in host.api_signatures() {
        let name = signature.split('(').next().unwrap_or_default();
        let declared = api
            .split("\n\n")
            .filter(|d| d.contains(&format!("fn {name}(")))
            .collect::<Vec<_>>();
        assert!(!declared.is_empty(), "{name} is not declared: {signature}");
        for declaration in declared.iter().filter(|d| !d.contains("record")) {
            assert!(
                declaration.starts_with("///"),
                "{name} has no doc comment: {declaration}"
            );
        }
    }
}

#[test]
fn what_runs_is_what_rhai_would_have_compiled() {
    // The host compiles unoptimised for the checks and then optimises; what runs must be exactly
    // what compiling at Rhai's default level gives, for every built-in pack's scripts too.
    let mut scripts = vec![
        "let x = 2 + 3;\nif false { award(9, \"no\"); }\nfn f(a) { a * (1 + 1) }\naward(f(x), `${x}`);"
            .to_string(),
    ];
    let rules = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../rules");
    for pack in std::fs::read_dir(&rules).unwrap().flatten() {
        for folder in ["gates", "criteria"] {
            let Ok(files) = std::fs::read_dir(pack.path().join(folder)) else {
                continue;
            };
            for file in files.flatten() {
                scripts.push(std::fs::read_to_string(file.path()).unwrap());
            }
        }
    }
    assert!(scripts.len() > 20, "{} scripts", scripts.len());
    let checked = host();
    let mut simple = host();
    simple
        .engine
        .set_optimization_level(OptimizationLevel::Simple);
    for text in &scripts {
        let kind = if text.contains("pass(") {
            ScriptKind::Gate
        } else {
            ScriptKind::Criterion
        };
        let ours = checked.compile(kind, "s.rhai", text).unwrap();
        let rhai = simple
            .engine
            .compile_with_scope(&compile_scope(kind), text)
            .unwrap();
        assert_eq!(
            format!("{:?}", ours.statements()),
            format!("{:?}", rhai.statements()),
            "{text}"
        );
        let functions = |ast: &AST| {
            let mut all: Vec<String> = ast.iter_fn_def().map(|f| format!("{f:?}")).collect();
            all.sort();
            all
        };
        assert_eq!(functions(&ours), functions(&rhai), "{text}");
    }
}

#[test]
fn learned_property_getters_read_and_fail_exactly_as_the_indexer_did() {
    // Reads that work, reads of what is not there (the message and the position must not
    // change), and attempts to write, each run twice (the second run uses the cached lookups).
    let scripts = [
        "award(app.budget.requested / 50000, `${app.budget.total} ${app.note}`);",
        "award(app.budjet.requested, \"x\");",
        "let b = app.budget;\nnote(`${b.requested} ${b.annual_cost}`);",
        "fn f(a) { a.period.ende }\nnote(f(app));",
        "for e in app.events { note(e.title); note(e.tittel); }",
        "app.budget.requested += 1;\nnote(\"x\");",
        "app.budget.requested = 1;\nnote(\"x\");",
        "let b = app.budget;\nb.requested = 1;\nnote(\"x\");",
        "note(`${app[\"budget\"].requested} ${app.budget[\"total\"]}`);",
    ];
    for text in scripts {
        let outcomes = |learn: bool| {
            let mut host = host();
            let script = host.compile(ScriptKind::Criterion, "c.rhai", text).unwrap();
            if learn {
                host.learn_properties([&script]);
            }
            [0, 1].map(|_| {
                format!(
                    "{:?}",
                    host.run_criterion("c.rhai", &script, &app(), &pack(), 5, &Dynamic::UNIT)
                )
            })
        };
        let plain = outcomes(false);
        assert_eq!(outcomes(true), plain, "{text}");
        assert_eq!(plain[0], plain[1], "{text}");
    }
}

#[test]
fn scripts_keep_their_own_function_lookups_between_runs() {
    // Each compiled script keeps its resolution cache from run to run; two scripts defining a
    // function of the same name must each keep calling their own, however the runs alternate.
    let host = host();
    let one = host
        .compile(
            ScriptKind::Criterion,
            "one.rhai",
            "fn f() { 1 }\naward(f(), \"one\");",
        )
        .unwrap();
    let two = host
        .compile(
            ScriptKind::Criterion,
            "two.rhai",
            "fn f() { 2 }\naward(f(), \"two\");",
        )
        .unwrap();
    for _ in 0..3 {
        let a = host
            .run_criterion("one.rhai", &one, &app(), &pack(), 5, &Dynamic::UNIT)
            .unwrap();
        let b = host
            .run_criterion("two.rhai", &two, &app(), &pack(), 5, &Dynamic::UNIT)
            .unwrap();
        assert_eq!(
            (a.points.to_string(), b.points.to_string()),
            ("1".into(), "2".into())
        );
    }
}

#[test]
fn the_scripts_of_one_application_share_its_records_and_nothing_else() {
    let host = host();
    let (app, pack) = (app(), pack());
    // Whatever a script tries on `app` and `pack` (or leaves behind), the next script of the
    // same application, which reuses the scope's `app` and `pack`, sees them as the first did.
    let attempts = [
        "let f = || app.budget; let g = || pack.budget; f.call(); g.call(); pass(\"x\");",
        "try { app.set_tag(7) } catch {} try { pack.set_tag(7) } catch {} pass(\"x\");",
        "let app = 1; let pack = 2; let x = 3; pass(\"x\");",
    ];
    let probe = "pass(`${is_shared(app)} ${is_shared(pack)} ${app.tag} ${pack.tag} \
                 ${app.budget.requested} ${pack.budget} ${is_def_var(\"x\")}`);";
    let probe = host.compile(ScriptKind::Gate, "p.rhai", probe).unwrap();
    let expected = "false false 0 0 100000 400000 false";
    assert_eq!(
        host.run_gate("p.rhai", &probe, &app, &pack).unwrap().reason,
        expected
    );
    // Kept for the next run, and not rebuilt for it.
    assert!(holds(&host.scope.borrow(), &app, &pack));
    for attempt in attempts {
        let script = host.compile(ScriptKind::Gate, "g.rhai", attempt).unwrap();
        host.run_gate("g.rhai", &script, &app, &pack).unwrap();
        let seen = host.run_gate("p.rhai", &probe, &app, &pack).unwrap().reason;
        assert_eq!(seen, expected, "after {attempt}");
    }
    // Another application's records replace them.
    let other = record::from_json(&serde_json::json!({"budget": {"requested": 5}})).unwrap();
    let seen = host
        .run_gate("p.rhai", &probe, &other, &pack)
        .unwrap()
        .reason;
    assert_eq!(seen, "false false 0 0 5 400000 false");
}

#[test]
fn format_points_writes_points_as_the_packs_language_does() {
    // `host()` is a Danish pack's host.
    let scored = criterion(r#"award(0, `${format_points(3.50)} / ${format_points(4)}`);"#).unwrap();
    assert_eq!(scored.reasons, vec!["3,5 / 4".to_string()]);
    let english = ScriptHost::new("en", Vec::new());
    let ast = english
        .compile(
            ScriptKind::Criterion,
            "c.rhai",
            r#"award(0, format_points(2.25));"#,
        )
        .unwrap();
    let scored = english
        .run_criterion("c.rhai", &ast, &app(), &pack(), 5, &Dynamic::UNIT)
        .unwrap();
    assert_eq!(scored.reasons, vec!["2.25".to_string()]);
}
