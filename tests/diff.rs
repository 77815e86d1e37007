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
    // Under the reviewed ranking golf (4 points for events) and the Talent Games (5 points) gain
    // more than table tennis (3 points), with which golf was tied, and both move past it; the
    // writing school keeps its lead (the reviewers' median of continued operation weighs 3). The
    // expected values changed with the reviews (before them golf also passed the writing school,
    // and funding changed at 400.000 kr.): now the three moves are all below the last funded place
    // (after the writing school's 70.000 kr., 30.000 kr. are left, too little for any of them), so
    // no funding changes at 400.000 kr.; the next test shows a budget where it does.
    assert_eq!(
        moved,
        [
            ("MIS-2025-016", 6, 5),
            ("MIS-2025-013", 7, 6),
            ("MIS-2025-017", 5, 7),
        ]
    );
    assert_eq!(diff["summary"]["moved"], 3);
    assert_eq!(diff["summary"]["funding_changed"], 0);
    // Nothing lost: every sample is listed once.
    assert_eq!(diff["applications"].as_array().unwrap().len(), 17);
}

#[test]
fn a_doubled_weight_flips_funding_near_the_line_and_says_what_it_costs() {
    // With 350.000 kr. and the sample reviews, 50.000 kr. are left after the first two places:
    // too little for the handball academy (3rd) and the writing school (4th), enough for the fifth
    // place, the last funded one. Doubling the weight of talent events moves golf (45.000 kr.)
    // into it past table tennis (40.000 kr.), with which it was tied.
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
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
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
