//! `kriterium batch`: ranking and funding line on the samples, determinism across input orders,
//! and nothing lost when inputs are broken.

use std::fs;
use std::path::Path;

use crate::util::{SAMPLE_REVIEWS, edited_pack, files_in, kriterium, root, temp_dir};

fn read(dir: &Path, file: &str) -> String {
    fs::read_to_string(dir.join(file)).unwrap_or_else(|e| panic!("{file}: {e}"))
}

/// Every sample application as one compact JSON line each, in file-name order.
fn sample_lines() -> Vec<String> {
    files_in(&root().join("samples/made-in-sonderjylland"))
        .iter()
        .map(|f| {
            let value: serde_json::Value =
                serde_json::from_str(&fs::read_to_string(f).unwrap()).unwrap();
            serde_json::to_string(&value).unwrap()
        })
        .collect()
}

#[test]
fn the_samples_are_ranked_and_funded_within_the_pack_budget() {
    let dir = temp_dir();
    let out = dir.path().to_string_lossy().into_owned();
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--reviews",
        SAMPLE_REVIEWS,
        "--out",
        &out,
    ])
    .run()
    .code(0);

    let summary: serde_json::Value =
        serde_json::from_str(&read(dir.path(), "summary.json")).unwrap();
    let budget = summary["budget"].as_u64().unwrap();
    assert_eq!(budget, 400_000, "the pack's budget");
    let decisions: Vec<serde_json::Value> = read(dir.path(), "decisions.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let samples = sample_lines().len();
    assert_eq!(decisions.len(), samples, "one decision per sample");
    let granted: u64 = decisions
        .iter()
        .map(|d| d["granted"].as_u64().unwrap())
        .sum();
    assert!(granted <= budget);
    assert_eq!(granted, summary["budget_used"].as_u64().unwrap());

    // Ranked decisions come first, in rank order, with totals not increasing.
    let ranked: Vec<&serde_json::Value> =
        decisions.iter().filter(|d| !d["rank"].is_null()).collect();
    for (i, d) in ranked.iter().enumerate() {
        assert_eq!(d["rank"].as_u64(), Some(i as u64 + 1));
        assert!(d["eligible"].as_bool().unwrap());
    }
    for pair in ranked.windows(2) {
        assert!(pair[0]["total"].as_f64() >= pair[1]["total"].as_f64());
    }
    // A reserve above a funded one: the funding line skipped what did not fit.
    let skipped = ranked
        .iter()
        .position(|d| d["recommendation"] == "reserve")
        .unwrap();
    let funded_below = ranked[skipped..]
        .iter()
        .find(|d| d["recommendation"] == "fund")
        .unwrap();
    assert_eq!(funded_below["batch"]["funded_past_skipped"], true);

    // The sample built to tie with another on the total is placed by the first criterion.
    let tied = decisions
        .iter()
        .find(|d| d["batch"]["tie"].is_object())
        .expect("a tie in the samples");
    assert_eq!(tied["batch"]["tie"]["decided_by"], "drift-efter-tilskud");

    crate::util::assert_snapshot!("summary", read(dir.path(), "summary.json"));
    // For Danish spreadsheets: a byte-order mark, `;` between fields, CRLF after every row. The
    // snapshot holds the rows with plain newlines so editors and git cannot change it.
    let csv = read(dir.path(), "ranking.csv");
    let rows = csv
        .strip_prefix('\u{feff}')
        .expect("a UTF-8 byte-order mark");
    assert!(
        rows.ends_with("\r\n") && !rows.replace("\r\n", "").contains('\n'),
        "CRLF rows"
    );
    assert_eq!(
        rows.lines().count(),
        samples + 1,
        "a header and one row per application"
    );
    crate::util::assert_snapshot!("ranking_csv", rows.replace("\r\n", "\n"));
}

#[test]
fn a_budget_on_the_command_line_overrides_the_pack() {
    let dir = temp_dir();
    let out = dir.path().to_string_lossy().into_owned();
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--reviews",
        SAMPLE_REVIEWS,
        "--out",
        &out,
        "--budget",
        "150000",
    ])
    .run()
    .code(0);
    let summary: serde_json::Value =
        serde_json::from_str(&read(dir.path(), "summary.json")).unwrap();
    assert_eq!(summary["budget"], 150_000);
    assert_eq!(summary["budget_used"], 150_000);
    assert_eq!(summary["counts"]["fund"], 1);
}

/// The order of the inputs changes nothing (job counts on rounds large enough to keep several
/// workers busy: `tests/parallel.rs`).
#[test]
fn decisions_are_byte_identical_for_any_input_order() {
    let lines = sample_lines();
    let dir = temp_dir();
    let run = |name: &str, order: &[usize], jobs: &str| -> String {
        let input = dir.path().join(format!("{name}.jsonl"));
        let text: String = order.iter().map(|&i| format!("{}\n", lines[i])).collect();
        fs::write(&input, text).unwrap();
        let out = dir.path().join(name);
        kriterium(&[
            "batch",
            &input.to_string_lossy(),
            "--out",
            &out.to_string_lossy(),
            "--jobs",
            jobs,
        ])
        .run()
        .code(0);
        read(&out, "decisions.jsonl") + read(&out, "ranking.csv").as_str()
    };
    let n = lines.len();
    let forward: Vec<usize> = (0..n).collect();
    let reversed: Vec<usize> = (0..n).rev().collect();
    // A fixed shuffle: the even positions, then the odd ones, each half reversed.
    let shuffled: Vec<usize> = (0..n)
        .filter(|i| i % 2 == 0)
        .rev()
        .chain((0..n).filter(|i| i % 2 == 1).rev())
        .collect();
    let expected = run("serial", &forward, "1");
    assert_eq!(run("parallel", &forward, "2"), expected);
    assert_eq!(run("reversed", &reversed, "2"), expected);
    assert_eq!(run("shuffled", &shuffled, "1"), expected);
    assert_eq!(run("shuffled-parallel", &shuffled, "2"), expected);
}

#[test]
fn broken_lines_are_rejected_with_reasons_and_nothing_is_lost() {
    let lines = sample_lines();
    let mut invalid: serde_json::Value = serde_json::from_str(&lines[3]).unwrap();
    invalid["id"] = "INVALID-1".into();
    invalid["budget"]["requested"] = (-5).into();
    let input = [
        lines[0].clone(),                         // 1 good
        "{\"id\": \"MIS-9\", \"title\": ".into(), // 2 malformed
        lines[1].clone(),                         // 3 good, but its id returns on line 6
        invalid.to_string(),                      // 4 invalid
        lines[2].clone(),                         // 5 good
        lines[1].clone(),                         // 6 duplicate of line 3
        "".into(),                                // 7 blank: not an input
        lines[4].clone(),                         // 8 good
    ]
    .join("\n");
    let dir = temp_dir();
    let out = dir.path().to_string_lossy().into_owned();
    // The results in English, whose wording the reasons below quote.
    let run = kriterium(&["batch", "-", "--out", &out, "--lang", "en"])
        .stdin(&input)
        .run()
        .code(1);

    let decisions = read(dir.path(), "decisions.jsonl");
    let mut assessed: Vec<String> = decisions
        .lines()
        .map(|l| {
            serde_json::from_str::<serde_json::Value>(l).unwrap()["application_id"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assessed.sort();
    assert_eq!(
        assessed,
        vec!["MIS-2025-001", "MIS-2025-003", "MIS-2025-005"]
    );

    let summary: serde_json::Value =
        serde_json::from_str(&read(dir.path(), "summary.json")).unwrap();
    let rejected = summary["rejected"].as_array().unwrap();
    let lines_rejected: Vec<u64> = rejected
        .iter()
        .map(|r| r["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines_rejected, vec![2, 3, 4, 6]);
    assert_eq!(summary["inputs"], 7, "every non-blank line once");
    assert_eq!(summary["counts"]["rejected"], 4);
    let reason = |i: usize| rejected[i]["problems"][0].as_str().unwrap().to_string();
    assert!(reason(0).starts_with("<stdin>:2:"), "{}", reason(0));
    assert!(reason(0).contains("malformed JSON"), "{}", reason(0));
    assert_eq!(
        reason(1),
        "<stdin>:3: /id: the id `MIS-2025-002` is used by 2 inputs (<stdin>:3, <stdin>:6); an id must name one application"
    );
    assert!(
        reason(2).starts_with("<stdin>:4: /budget/requested: -5 is less than the minimum"),
        "{}",
        reason(2)
    );
    assert!(run.stderr.contains("4 rejected"), "{}", run.stderr);
}

#[test]
fn a_missing_input_is_rejected_and_the_rest_assessed() {
    let dir = temp_dir();
    let out = dir.path().to_string_lossy().into_owned();
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json",
        "samples/nowhere.json",
        "--out",
        &out,
        "--lang",
        "en",
    ])
    .run()
    .code(1);
    let summary: serde_json::Value =
        serde_json::from_str(&read(dir.path(), "summary.json")).unwrap();
    assert_eq!(
        summary["rejected"][0]["problems"][0],
        "samples/nowhere.json: no such file or folder"
    );
    assert_eq!(read(dir.path(), "decisions.jsonl").lines().count(), 1);
}

#[test]
fn a_script_error_in_one_application_does_not_stop_the_batch() {
    // Fails only for applications with events in Haderslev.
    let dir = edited_pack("criteria/talentevents.rhai", |_| {
        "if app.events.some(|e| e.municipality == \"Haderslev\") { throw \"stop\" }\naward(1, \"ok\");\n"
            .to_string()
    });
    let pack = dir.path().join("pack");
    let out = dir.path().join("out");
    let run = kriterium(&[
        "batch",
        "--rules",
        &pack.to_string_lossy(),
        "samples/made-in-sonderjylland",
        "--out",
        &out.to_string_lossy(),
        "--lang",
        "en",
    ])
    .run()
    .code(1);
    let summary: serde_json::Value = serde_json::from_str(&read(&out, "summary.json")).unwrap();
    // The terminal says which application each script failure was on, before the script's place.
    let first_source = summary["rejected"][0]["source"].as_str().unwrap();
    let line = run
        .stderr
        .lines()
        .find(|l| l.contains("the script stopped: stop"))
        .unwrap();
    assert!(
        line.starts_with(&format!("{first_source}: ")) && line.contains("talentevents.rhai"),
        "{line}"
    );
    let rejected = summary["rejected"].as_array().unwrap().len() as u64;
    let assessed = read(&out, "decisions.jsonl").lines().count() as u64;
    assert!(
        rejected > 0 && assessed > 0,
        "{rejected} rejected, {assessed} assessed"
    );
    assert_eq!(rejected + assessed, sample_lines().len() as u64);
    let first = summary["rejected"][0]["problems"][0].as_str().unwrap();
    assert!(
        first.contains("criterion `talentevents`: the script stopped: stop"),
        "{first}"
    );
}

#[test]
fn the_output_must_be_a_folder() {
    let out = kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--out",
        "README.md",
    ])
    .run()
    .code(2);
    assert_eq!(
        out.stderr,
        "error: `README.md` is a file; --out needs a folder\n"
    );
}

#[test]
fn generated_applications_are_valid_and_the_same_for_the_same_seed() {
    let one = kriterium(&["samples", "generate", "--count", "200", "--seed", "9"])
        .run()
        .code(0)
        .stdout;
    let two = kriterium(&["samples", "generate", "--count", "200", "--seed", "9"])
        .run()
        .code(0)
        .stdout;
    let other = kriterium(&["samples", "generate", "--count", "200", "--seed", "10"])
        .run()
        .code(0)
        .stdout;
    assert_eq!(one, two);
    assert_ne!(one, other);
    assert_eq!(one.lines().count(), 200);
    let validated = kriterium(&["validate", "-"]).stdin(&one).run().code(0);
    assert!(
        validated.stdout.ends_with("200 valid, 0 invalid\n"),
        "{}",
        validated.stdout
    );
}

/// Regression: with the results inside the input folder (`batch w --out w/res`), the second run
/// read `w/res/summary.json` as an application (and rejected it). A results folder is not input,
/// wherever it lies, and the second run is the first one again.
#[test]
fn a_results_folder_inside_the_input_folder_is_not_read_back() {
    let dir = temp_dir();
    let apps = dir.path().join("w");
    fs::create_dir(&apps).unwrap();
    for (i, line) in sample_lines().iter().take(3).enumerate() {
        fs::write(apps.join(format!("{i}.json")), line).unwrap();
    }
    let w = apps.to_string_lossy().into_owned();
    let out = apps.join("res").to_string_lossy().into_owned();
    let first = kriterium(&["batch", &w, "--out", &out]).run().code(0);
    let summary = read(&apps.join("res"), "summary.json");
    let decisions = read(&apps.join("res"), "decisions.jsonl");
    let second = kriterium(&["batch", &w, "--out", &out]).run().code(0);
    assert_eq!(read(&apps.join("res"), "summary.json"), summary);
    assert_eq!(read(&apps.join("res"), "decisions.jsonl"), decisions);
    assert_eq!(second.stdout, first.stdout);
}
