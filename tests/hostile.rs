//! Hostile rule scripts: every script in `tests/fixtures/hostile/` is stopped by a limit, with a
//! message naming the script, the position and the limit, and the other applications of the
//! same batch get exactly the decisions the untouched pack gives them. A script that hits a
//! limit on application after application stops the whole run. Comparing a missing value is an
//! error naming the field.
//!
//! Each fixture is a piece of Rhai that misbehaves only when the variable `hostile` is true, and
//! names the limit that must stop it in a `// limit: …` line (`memory or time` where a debug
//! build on a busy machine may reach the wall-clock backstop first). All fixtures go into one copy of
//! the default pack, spread over its gates and criteria (so that no script reaches the number of
//! limit hits that stops a run), each preceded by `let hostile = app.id == "HOSTILE-NN";`; one
//! batch then assesses the samples and one application `HOSTILE-NN` per fixture.

use std::fs;
use std::path::Path;

use crate::util::{export_default_pack, files_in, kriterium, root, temp_dir};

/// The default pack's scripts, in the order fixtures are spread over them. Not the criterion
/// scored by reviewers (`drift-efter-tilskud`): without reviews its script does not run.
const SCRIPTS: [&str; 10] = [
    "criteria/talentevents.rhai",
    "criteria/erfaringsudveksling.rhai",
    "criteria/lokale-ressourcer.rhai",
    "criteria/nye-samarbejder.rhai",
    "criteria/ungdomsuddannelser.rhai",
    "gates/afslutning-2027.rhai",
    "gates/budgetramme.rhai",
    "gates/kommuner.rhai",
    "gates/medfinansiering.rhai",
    "gates/talentudvikling.rhai",
];

/// One fixture placed in the pack.
struct Placed {
    name: String,
    application_id: String,
    script: &'static str,
    /// The fixture's first and last line in the script.
    lines: (usize, usize),
    limit: String,
    /// Whether the fixture says Rhai gives no position for where it stops (`// position: none`).
    positionless: bool,
}

/// Puts every fixture into the pack at `pack`; returns where each went.
fn place_fixtures(pack: &Path) -> Vec<Placed> {
    let fixtures = files_in(&root().join("tests/fixtures/hostile"));
    assert!(fixtures.len() >= 30, "at least 30 hostile scripts");
    let mut prefixes: Vec<String> = vec![String::new(); SCRIPTS.len()];
    let mut placed = Vec::new();
    for (i, fixture) in fixtures.iter().enumerate() {
        let name = fixture.file_name().unwrap().to_string_lossy().into_owned();
        let text = fs::read_to_string(fixture).unwrap();
        let limit = text
            .lines()
            .find_map(|l| l.strip_prefix("// limit: "))
            .unwrap_or_else(|| panic!("{name} names no `// limit: …`"))
            .to_string();
        let application_id = format!("HOSTILE-{:02}", i + 1);
        let prefix = &mut prefixes[i % SCRIPTS.len()];
        prefix.push_str(&format!("let hostile = app.id == \"{application_id}\";\n"));
        let first = prefix.lines().count() + 1;
        prefix.push_str(&text);
        let last = prefix.lines().count();
        placed.push(Placed {
            name,
            application_id,
            script: SCRIPTS[i % SCRIPTS.len()],
            lines: (first, last),
            positionless: text.lines().any(|l| l == "// position: none"),
            limit,
        });
    }
    for (script, prefix) in SCRIPTS.iter().zip(prefixes) {
        let path = pack.join(script);
        let original = fs::read_to_string(&path).unwrap();
        fs::write(&path, prefix + original.as_str()).unwrap();
    }
    placed
}

/// The first sample, once per id, as JSON Lines.
fn copies_of_a_sample(ids: impl IntoIterator<Item = String>) -> String {
    let sample = root().join("samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json");
    let value: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(sample).unwrap()).unwrap();
    ids.into_iter()
        .map(|id| {
            let mut copy = value.clone();
            copy["id"] = serde_json::json!(id);
            serde_json::to_string(&copy).unwrap() + "\n"
        })
        .collect()
}

/// Each decision of a batch by application id, without the pack's fingerprint (which changes
/// with any edit of the pack).
fn decisions(out: &Path) -> Vec<(String, serde_json::Value)> {
    let text = fs::read_to_string(out.join("decisions.jsonl")).unwrap();
    let mut all: Vec<(String, serde_json::Value)> = text
        .lines()
        .map(|line| {
            let mut decision: serde_json::Value = serde_json::from_str(line).unwrap();
            decision["pack"]["fingerprint"] = serde_json::Value::Null;
            (
                decision["application_id"].as_str().unwrap().to_string(),
                decision,
            )
        })
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

#[test]
fn every_hostile_script_is_stopped_by_its_limit_and_the_others_are_untouched() {
    let dir = temp_dir();
    let pack = export_default_pack(dir.path())
        .to_string_lossy()
        .into_owned();
    let untouched_out = dir.path().join("untouched");
    kriterium(&[
        "batch",
        "--rules",
        &pack,
        "samples/made-in-sonderjylland",
        "--out",
        untouched_out.to_str().unwrap(),
        // In the language of the hostile run below, so their decisions compare.
        "--lang",
        "en",
    ])
    .run()
    .code(0);

    let placed = place_fixtures(Path::new(&pack));
    let inputs = dir.path().join("hostile.jsonl");
    fs::write(
        &inputs,
        copies_of_a_sample(placed.iter().map(|p| p.application_id.clone())),
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = kriterium(&[
        "batch",
        "--rules",
        &pack,
        "samples/made-in-sonderjylland",
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jobs",
        "2",
        // The results in English, whose wording the checks below quote.
        "--lang",
        "en",
    ])
    .run()
    .code(1);

    let summary: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let rejected = summary["rejected"].as_array().unwrap();
    let mut failures = Vec::new();
    for fixture in &placed {
        let Some(entry) = rejected
            .iter()
            .find(|r| r["application_id"] == fixture.application_id.as_str())
        else {
            failures.push(format!("{}: not rejected", fixture.name));
            continue;
        };
        let problems: Vec<&str> = entry["problems"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p.as_str().unwrap())
            .collect();
        let [problem] = problems.as_slice() else {
            failures.push(format!("{}: {problems:?}", fixture.name));
            continue;
        };
        // `…/pack/criteria/x.rhai:LINE:COLUMN: criterion `x`: stopped by the … limit: …`
        let line = problem
            .split_once(&format!("{}:", fixture.script))
            .and_then(|(_, rest)| rest.split(':').next())
            .and_then(|l| l.parse::<usize>().ok());
        let within = match line {
            Some(l) => l >= fixture.lines.0 && l <= fixture.lines.1,
            None => fixture.positionless && problem.contains(&format!("{}: ", fixture.script)),
        };
        // `memory or time`: a debug build on a busy machine may reach the wall-clock backstop
        // before the memory limit; either stops the script.
        let limited = fixture
            .limit
            .split(" or ")
            .any(|limit| problem.contains(&format!("stopped by the {limit} limit: ")));
        if !within || !limited {
            failures.push(format!(
                "{} (lines {}-{} of {}, the {} limit): {problem}",
                fixture.name, fixture.lines.0, fixture.lines.1, fixture.script, fixture.limit
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert_eq!(rejected.len(), placed.len(), "{}", run.stderr);

    // The samples' decisions are the untouched pack's, byte for byte but the pack fingerprint.
    assert_eq!(decisions(&out), decisions(&untouched_out));
}

/// A pack whose `talentevents` criterion builds an endless text for every application.
fn runaway_pack(dir: &Path) -> String {
    let pack = export_default_pack(dir).to_string_lossy().into_owned();
    let script = Path::new(&pack).join("criteria/talentevents.rhai");
    let original = fs::read_to_string(&script).unwrap();
    fs::write(
        &script,
        format!("let s = \"ab\";\nloop {{ s += s; }}\n{original}"),
    )
    .unwrap();
    pack
}

#[test]
fn a_script_stopped_on_25_applications_stops_the_run_whatever_the_jobs() {
    let dir = temp_dir();
    let pack = runaway_pack(dir.path());
    let ids = |n: usize| (0..n).map(|i| format!("RUNAWAY-{i:02}"));
    let (just_under, enough) = (dir.path().join("24.jsonl"), dir.path().join("25.jsonl"));
    fs::write(&just_under, copies_of_a_sample(ids(24))).unwrap();
    fs::write(&enough, copies_of_a_sample(ids(25))).unwrap();
    for jobs in ["1", "2"] {
        // 24 applications: each rejected with its reason, the run completes.
        let out = dir.path().join(format!("under-{jobs}"));
        let run = |inputs: &Path, out: &Path| {
            kriterium(&[
                "batch",
                "--rules",
                &pack,
                inputs.to_str().unwrap(),
                "--out",
                out.to_str().unwrap(),
                "--jobs",
                jobs,
            ])
            .run()
        };
        run(&just_under, &out).code(1);
        let summary: serde_json::Value =
            serde_json::from_str(&fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
        assert_eq!(summary["counts"]["rejected"], 24);

        // 25: the run stops, naming the script, and writes no results.
        let out = dir.path().join(format!("over-{jobs}"));
        let stopped = run(&enough, &out).code(2);
        assert!(
            stopped
                .stderr
                .contains("criteria/talentevents.rhai: this script was stopped by a limit on 25 applications (the last time by the size limit at line 2, column 10)"),
            "{}",
            stopped.stderr
        );
        for file in ["decisions.jsonl", "summary.json", "ranking.csv"] {
            assert!(!out.join(file).exists(), "{file} was written");
        }
    }
}

#[test]
fn a_missing_amount_compared_in_a_gate_is_an_error_naming_the_field() {
    // Every sample lacks `continuation.annual_cost` or has it; those that lack it were silently
    // "not over 50,000" before, whichever way the comparison was written.
    let dir = temp_dir();
    let pack = export_default_pack(dir.path())
        .to_string_lossy()
        .into_owned();
    let script = Path::new(&pack).join("gates/budgetramme.rhai");
    let original = fs::read_to_string(&script).unwrap();
    fs::write(
        &script,
        format!(
            "if app.continuation.annual_cost > 50000 {{ fail(\"for dyr i drift\"); }}\n{original}"
        ),
    )
    .unwrap();
    let out = kriterium(&[
        "assess",
        "--rules",
        &pack,
        "samples/made-in-sonderjylland/14-minimal-ansoegning.json",
    ])
    .run()
    .code(1);
    assert!(
        out.stderr.contains(
            "gates/budgetramme.rhai:1:33: gate `budgetramme`: the script stopped: `app.continuation.annual_cost` is not given; test it with `== ()` first"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_script_that_prints_a_closure_decides_the_same_in_every_process() {
    // Regression: Rhai names a closure after a hash with a seed drawn at random per process, so
    // a script could read `${|x| x}` and give other points and reasons on every run.
    let dir = temp_dir();
    let pack = export_default_pack(dir.path());
    let script = pack.join("criteria/talentevents.rhai");
    let original = fs::read_to_string(&script).unwrap();
    fs::write(
        &script,
        format!("let f = |x| x;\nnote(`Lukning: ${{f}}`);\n{original}"),
    )
    .unwrap();
    let assess = || {
        kriterium(&[
            "assess",
            "--rules",
            pack.to_str().unwrap(),
            "samples/made-in-sonderjylland/04-svoemmetalenter.json",
            "--format",
            "json",
        ])
        .run()
        .code(0)
        .stdout
    };
    let first = assess();
    assert!(first.contains("Lukning: Fn(anon$"), "{first:.2000}");
    for _ in 0..3 {
        assert_eq!(assess(), first, "the same script gave another decision");
    }
}

#[test]
fn a_run_stopped_by_a_runaway_script_ends_even_when_its_work_queue_is_full() {
    // Regression: with more inputs than the work queue holds, the reader waited for ever to hand
    // out work after every worker had stopped, so the stopped run never ended.
    let dir = temp_dir();
    let pack = export_default_pack(dir.path());
    // An endless loop: each application holds its worker until the operation limit, long
    // enough for the reader to fill the queue behind it.
    fs::write(pack.join("criteria/talentevents.rhai"), "loop {}\n").unwrap();
    let pack = pack.to_string_lossy().into_owned();
    let inputs = dir.path().join("many.jsonl");
    fs::write(
        &inputs,
        copies_of_a_sample((0..2000).map(|i| format!("MANY-{i:04}"))),
    )
    .unwrap();
    let out = dir.path().join("out");
    let stopped = kriterium(&[
        "batch",
        "--rules",
        &pack,
        inputs.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
        "--jobs",
        "2",
    ])
    .run()
    .code(2);
    assert!(
        stopped
            .stderr
            .contains("this script was stopped by a limit on 25 applications"),
        "{}",
        stopped.stderr
    );
    assert!(!out.exists(), "results were written");
}

#[test]
fn a_script_cannot_sleep() {
    // Regression: `sleep(30)` ran no operation for 30 s, so neither the count nor the clock,
    // checked between operations, could stop it.
    let dir = temp_dir();
    let pack = export_default_pack(dir.path());
    let script = pack.join("criteria/talentevents.rhai");
    let original = fs::read_to_string(&script).unwrap();
    fs::write(&script, format!("sleep(30);\n{original}")).unwrap();
    let run = kriterium(&[
        "assess",
        "--rules",
        pack.to_str().unwrap(),
        "samples/made-in-sonderjylland/04-svoemmetalenter.json",
    ])
    .run()
    .code(1);
    assert!(
        run.stderr
            .contains("talentevents.rhai:1:1: criterion `talentevents`: the script stopped: `sleep` is not available to rule scripts"),
        "{}",
        run.stderr
    );
}
