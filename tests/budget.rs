//! The money a run is made with (`--budget`, `--year`): what the gates see as `pack.budget` and
//! `pack.year`, what a batch funds against, what each decision records, and what `verify`
//! re-assesses under. Made in Sønderjylland gives 200.000 kr. in 2024 and 2025 and 0 in 2026.

use std::fs;
use std::path::Path;

use serde_json::{Value, json};

use crate::util::{decisions, kriterium, temp_dir};

const SAMPLE: &str = "samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json";

/// The sample, asking for `requested` kr. (its total cost raised alike, so its money adds up),
/// written as `NAME.json` in `dir`.
fn asking(dir: &Path, name: &str, requested: u64) -> String {
    let mut app: Value = serde_json::from_str(&fs::read_to_string(SAMPLE).unwrap()).unwrap();
    let extra = requested - app["budget"]["requested"].as_u64().unwrap();
    app["id"] = json!(format!("BUDGET-{name}"));
    app["budget"]["requested"] = json!(requested);
    app["budget"]["total"] = json!(app["budget"]["total"].as_u64().unwrap() + extra);
    let path = dir.join(format!("{name}.json"));
    fs::write(&path, serde_json::to_string(&app).unwrap()).unwrap();
    path.to_string_lossy().into_owned()
}

/// `verify` of `decision`, written to `file`, against the sample: its standard output, after
/// checking it exits with `code`.
fn verify(file: &Path, decision: &Value, code: i32) -> String {
    fs::write(file, serde_json::to_string(decision).unwrap()).unwrap();
    kriterium(&["verify", &file.to_string_lossy(), SAMPLE])
        .run()
        .code(code)
        .stdout
}

/// The reason of the gate `budgetramme` in `decision`.
fn budget_reason(decision: &Value) -> &str {
    decision["gates"]
        .as_array()
        .unwrap()
        .iter()
        .find(|g| g["id"] == "budgetramme")
        .unwrap()["reason"]
        .as_str()
        .unwrap()
}

/// Issue 15's case: `--budget 200000` printed "Pulje: 200.000 kr." while the budget gate said the
/// application fit "puljen på 400.000 kr.", and a 300.000 kr. application passed it.
#[test]
fn the_budget_gate_sees_the_budget_the_batch_is_run_with() {
    let dir = temp_dir();
    let big = asking(dir.path(), "big", 300_000);
    let small = asking(dir.path(), "small", 150_000);
    let out = dir.path().join("out");
    kriterium(&[
        "batch",
        &big,
        &small,
        "--out",
        &out.to_string_lossy(),
        "--budget",
        "200000",
    ])
    .run()
    .code(0);
    let found = decisions(&out);
    let big = found
        .iter()
        .find(|d| d["application_id"] == "BUDGET-big")
        .unwrap();
    assert_eq!(big["eligible"], false, "{big}");
    assert_eq!(big["recommendation"], "ineligible");
    assert_eq!(
        budget_reason(big),
        "Det ansøgte beløb på 300.000 kr. er større end hele puljen på 200.000 kr."
    );
    let small = found
        .iter()
        .find(|d| d["application_id"] == "BUDGET-small")
        .unwrap();
    assert_eq!(
        budget_reason(small),
        "Det ansøgte beløb på 150.000 kr. ligger inden for puljen på 200.000 kr."
    );
    for decision in &found {
        assert_eq!(decision["budget"], 200_000, "{decision}");
        assert_eq!(decision["year"], Value::Null, "{decision}");
        assert_eq!(decision["batch"]["budget"], 200_000, "{decision}");
    }
}

/// Without `--year` or `--budget`, a pack with a budget per year runs with their total.
#[test]
fn without_a_year_the_pack_runs_with_its_whole_budget() {
    let dir = temp_dir();
    let app = asking(dir.path(), "whole", 400_000);
    let out = kriterium(&["assess", &app, "--format", "json"])
        .run()
        .code(0);
    let decision: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(decision["budget"], 400_000);
    assert_eq!(decision["year"], Value::Null);
    assert_eq!(
        budget_reason(&decision),
        "Det ansøgte beløb på 400.000 kr. ligger inden for puljen på 400.000 kr."
    );
}

/// `--year` runs with that year's budget; the decision records both, and the gate names the year.
#[test]
fn a_year_runs_with_its_budget_and_the_decision_records_it() {
    let dir = temp_dir();
    let app = asking(dir.path(), "late", 400_000);
    let out = kriterium(&["assess", &app, "--format", "json", "--year", "2026"])
        .run()
        .code(0);
    let decision: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        (&decision["budget"], &decision["year"]),
        (&json!(0), &json!(2026))
    );
    assert_eq!(decision["eligible"], false);
    assert_eq!(
        budget_reason(&decision),
        "Det ansøgte beløb på 400.000 kr. er større end hele rundens pulje i 2026 på 0 kr."
    );

    // In a batch: funded against the year's budget, `--budget` overriding the amount.
    let batch = |name: &str, more: &[&str]| {
        let out = dir.path().join(name);
        let args = ["batch", "samples/made-in-sonderjylland", "--out"];
        let summary = kriterium(&[&args[..], &[&*out.to_string_lossy()], more].concat())
            .run()
            .code(0)
            .stderr;
        (summary, decisions(&out))
    };
    let (summary, found) = batch("out", &["--year", "2025"]);
    assert!(summary.contains("of DKK 200,000 granted"), "{summary}");
    assert!(
        found
            .iter()
            .all(|d| d["year"] == 2025 && d["budget"] == 200_000)
    );
    let (_, found) = batch("out2", &["--year", "2025", "--budget", "150.000"]);
    assert!(
        found
            .iter()
            .all(|d| d["year"] == 2025 && d["budget"] == 150_000)
    );
    assert!(
        found
            .iter()
            .any(|d| budget_reason(d).ends_with("rundens pulje i 2025 på 150.000 kr.")),
        "{found:?}"
    );
}

/// A year the pack has no budget for is a usage error naming the years it has, in every command
/// that takes `--year`.
#[test]
fn a_year_without_a_budget_is_refused_naming_the_years_there_are() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let out = out.to_string_lossy();
    let samples = "samples/made-in-sonderjylland";
    for args in [
        vec!["assess", SAMPLE, "--year", "2027"],
        vec!["batch", samples, "--out", &out, "--year", "2027"],
        vec!["sensitivity", samples, "--year", "2027"],
        vec![
            "diff",
            "--old",
            "made-in-sonderjylland",
            "--new",
            "made-in-sonderjylland",
            samples,
            "--year",
            "2027",
            "--budget",
            "100000",
        ],
    ] {
        let run = kriterium(&args).run().code(2);
        assert!(
            run.stderr.contains(
                "the pack has no budget for 2027; it has budgets for 2024, 2025 and 2026"
            ),
            "{args:?}: {}",
            run.stderr
        );
    }
    assert!(!Path::new(&*out).exists());
    // Danish, as the secretariat reads it.
    let run = kriterium(&["assess", SAMPLE, "--year", "2027"])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(2);
    assert!(
        run.stderr.contains(
            "regelsættet har intet budget for 2027; det har budgetter for 2024, 2025 og 2026"
        ),
        "{}",
        run.stderr
    );
    // A year no pack can have is refused as a value.
    let run = kriterium(&["assess", SAMPLE, "--year", "27"]).run().code(2);
    assert!(run.stderr.contains("--year"), "{}", run.stderr);
}

/// `verify` re-assesses under the budget and year a decision records: a decision made with
/// `--budget 100000` reproduces, and one whose recorded budget was changed does not.
#[test]
fn verify_reassesses_under_the_recorded_budget() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    kriterium(&[
        "batch",
        SAMPLE,
        "--out",
        &out.to_string_lossy(),
        "--budget",
        "100000",
    ])
    .run()
    .code(0);
    let recorded = out.join("decisions.jsonl");
    let recorded = recorded.to_string_lossy();
    let run = kriterium(&["verify", &recorded, SAMPLE]).run().code(0);
    assert!(run.stdout.contains("reproduces exactly"), "{}", run.stdout);

    let mut decision = decisions(&out).remove(0);
    assert_eq!(decision["budget"], 100_000);
    decision["budget"] = json!(400_000);
    let edited = dir.path().join("edited.json");
    let said = verify(&edited, &decision, 1);
    // Under 400.000 kr. the gate's reason is not the one recorded under 100.000 kr.
    assert!(
        said.contains("/gates/3/reason (gate `budgetramme`)"),
        "{said}"
    );
    assert!(said.contains("100.000 kr."), "{said}");

    // A year recorded without a budget (written by hand) is re-assessed under the year's
    // budget, and the missing budget is named.
    let mut decision = decisions(&out).remove(0);
    decision["year"] = json!(2026);
    decision.as_object_mut().unwrap().remove("budget");
    let said = verify(&edited, &decision, 1);
    assert!(said.contains("/budget: recorded null, now 0"), "{said}");
    assert!(said.contains("rundens pulje i 2026 på 0 kr."), "{said}");
}

/// A decision written before decisions recorded their budget (no `budget`, no `year`) was made
/// with the pack's own funds, and still verifies.
#[test]
fn a_decision_without_recorded_funds_verifies_under_the_pack_budget() {
    let dir = temp_dir();
    let out = kriterium(&["assess", SAMPLE, "--format", "json"])
        .run()
        .code(0);
    let mut decision: Value = serde_json::from_str(&out.stdout).unwrap();
    let fields = decision.as_object_mut().unwrap();
    fields.remove("budget");
    fields.remove("year");
    let said = verify(&dir.path().join("old.json"), &decision, 0);
    assert!(said.contains("reproduces exactly"), "{said}");
}
