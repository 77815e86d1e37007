//! `kriterium diff`: what a pack change does to the samples' decisions.

use serde_json::Value;

use crate::util::{edited_pack, kriterium};

const SAMPLES: &str = "samples/made-in-sonderjylland";

/// The built-in pack with the weight of `talentevents` (2) doubled.
fn doubled_events_weight() -> tempfile::TempDir {
    edited_pack("pack.toml", |t| {
        t.replacen("\nweight = 2\n", "\nweight = 4\n", 1)
    })
}

#[test]
fn a_doubled_weight_moves_applications_and_is_shown_per_application() {
    let dir = doubled_events_weight();
    let new = dir.path().join("pack");
    let new = new.to_str().unwrap();
    let out = kriterium(&[
        "diff",
        "--old",
        "made-in-sonderjylland",
        "--new",
        new,
        SAMPLES,
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
    ])
    .run()
    .code(0);
    crate::util::assert_snapshot!(out.stdout);

    let diff = diff_json(&["--new", new, SAMPLES]);
    let moved: Vec<(&str, u64, u64)> = diff["applications"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["rank"]["old"] != a["rank"]["new"])
        .map(|a| {
            (
                a["application_id"].as_str().unwrap(),
                a["rank"]["old"].as_u64().unwrap(),
                a["rank"]["new"].as_u64().unwrap(),
            )
        })
        .collect();
    // Golf holds more events than the writing and table-tennis initiatives, and moves past both;
    // at 400.000 kr. that funds golf and table tennis instead of writing.
    assert_eq!(
        moved,
        [
            ("MIS-2025-016", 6, 4),
            ("MIS-2025-005", 4, 5),
            ("MIS-2025-017", 5, 6),
        ]
    );
    assert_eq!(diff["summary"]["moved"], 3);
    assert_eq!(diff["summary"]["funding_changed"], 3);
    // Nothing lost: every sample is listed once.
    assert_eq!(diff["applications"].as_array().unwrap().len(), 17);
}

#[test]
fn a_doubled_weight_flips_funding_near_the_line_and_says_what_it_costs() {
    // With 350.000 kr., the fourth place is the last funded one; doubling the weight of talent
    // events swaps the fourth and fifth.
    let dir = doubled_events_weight();
    let new = dir.path().join("pack");
    let new = new.to_str().unwrap();
    let args = [
        "diff",
        "--old",
        "made-in-sonderjylland",
        "--new",
        new,
        SAMPLES,
        "--budget",
        "350000",
    ];
    let md = kriterium(&[&args[..], &["--format", "md"]].concat())
        .run()
        .code(0);
    crate::util::assert_snapshot!(md.stdout);
    let diff = diff_json(&["--new", new, SAMPLES, "--budget", "350000"]);
    let summary = &diff["summary"];
    assert_eq!(
        (
            &summary["funding_changed"],
            &summary["newly_funded"],
            &summary["no_longer_funded"]
        ),
        (&Value::from(2), &Value::from(1), &Value::from(1))
    );
    assert_eq!(summary["budget_used"]["old"], 340000);
    assert_eq!(summary["budget_used"]["new"], 345000);
    let html = kriterium(&[&args[..], &["--format", "html"]].concat())
        .run()
        .code(0);
    assert!(
        html.stdout.contains("<td>MIS-2025-016</td>"),
        "{}",
        html.stdout
    );
    assert!(html.stdout.contains("på venteliste → støttes"));
}

#[test]
fn identical_packs_report_no_change() {
    let out = kriterium(&[
        "diff",
        "--old",
        "made-in-sonderjylland",
        "--new",
        "rules/made-in-sonderjylland",
        SAMPLES,
    ])
    .run()
    .code(0);
    crate::util::assert_snapshot!(out.stdout);
    let diff = diff_json(&["--new", "made-in-sonderjylland", SAMPLES]);
    assert_eq!(diff["summary"]["changed"], 0);
    assert_eq!(diff["criteria"], Value::Array(vec![]));
    assert!(
        diff["applications"]
            .as_array()
            .unwrap()
            .iter()
            .all(|a| a["changed"] == false && a["points"] == Value::Array(vec![]))
    );
}

#[test]
fn an_input_rejected_under_a_pack_is_listed_with_its_reasons() {
    let dir = crate::util::temp_dir();
    let broken = dir.path().join("broken.json");
    std::fs::write(&broken, "{\"id\": \"X\"").unwrap();
    let out = kriterium(&[
        "diff",
        "--old",
        "made-in-sonderjylland",
        "--new",
        "made-in-sonderjylland",
        broken.to_str().unwrap(),
        &format!("{SAMPLES}/01-ungdomssymfoniorkester.json"),
    ])
    .run()
    .code(1);
    assert!(
        out.stdout.contains("Afviste indsendelser"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("broken.json"), "{}", out.stdout);
    assert!(out.stdout.contains("Ansøgninger: 1\n"), "{}", out.stdout);
}

/// `kriterium diff --old made-in-sonderjylland ARGS --format json`, parsed; it must exit with 0.
fn diff_json(args: &[&str]) -> Value {
    let out = kriterium(
        &[
            &["diff", "--old", "made-in-sonderjylland"],
            args,
            &["--reviews", crate::util::SAMPLE_REVIEWS, "--format", "json"],
        ]
        .concat(),
    )
    .run()
    .code(0);
    serde_json::from_str(&out.stdout).unwrap()
}
