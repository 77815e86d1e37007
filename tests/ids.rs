//! One id, one application: every command rejects every input whose id another input also
//! claims, valid or not, and names all the places.

use serde_json::Value;

use crate::util::{kriterium, temp_dir};

const SAMPLE: &str = "samples/made-in-sonderjylland/01-ungdomssymfoniorkester.json";
const OTHER: &str = "samples/made-in-sonderjylland/02-haandboldakademi.json";

/// A folder with `valid.json` (a sample) and `invalid.json` (the same id, a negative amount).
fn valid_and_invalid_twins() -> (tempfile::TempDir, String, String, String) {
    let dir = temp_dir();
    let valid = std::fs::read_to_string(crate::util::root().join(SAMPLE)).unwrap();
    let mut invalid: Value = serde_json::from_str(&valid).unwrap();
    invalid["budget"]["requested"] = (-5).into();
    let id = invalid["id"].as_str().unwrap().to_string();
    let path = |name: &str| dir.path().join(name).to_string_lossy().into_owned();
    std::fs::write(path("valid.json"), &valid).unwrap();
    std::fs::write(path("invalid.json"), invalid.to_string()).unwrap();
    let (v, i) = (path("valid.json"), path("invalid.json"));
    (dir, v, i, id)
}

/// The problem both twins get, `invalid.json` read first (the folder is read in name order).
fn shared_message(id: &str, invalid: &str, valid: &str) -> String {
    format!(
        "/id: the id `{id}` is used by 2 inputs ({invalid}, {valid}); an id must name one application"
    )
}

#[test]
fn validate_rejects_both_copies_of_an_id_even_when_one_is_invalid() {
    // Regression: validate kept the first copy, and an invalid copy was not counted at all.
    let (dir, valid, invalid, id) = valid_and_invalid_twins();
    let out = kriterium(&["validate", &dir.path().to_string_lossy()])
        .run()
        .code(1);
    let message = shared_message(&id, &invalid, &valid);
    assert!(
        out.stdout.contains(&format!("{valid}: {message}")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("{invalid}: {message}")),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.contains(": ok ("), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("0 valid, 2 invalid\n"),
        "{}",
        out.stdout
    );
}

#[test]
fn batch_rejects_a_valid_input_whose_id_an_invalid_one_shares() {
    let (dir, valid, invalid, id) = valid_and_invalid_twins();
    let out = dir.path().join("out");
    kriterium(&[
        "batch",
        &dir.path().join("invalid.json").to_string_lossy(),
        &dir.path().join("valid.json").to_string_lossy(),
        OTHER,
        "--out",
        &out.to_string_lossy(),
        "--reports",
        "none",
        "--lang",
        "en",
    ])
    .run()
    .code(1);
    let decisions = std::fs::read_to_string(out.join("decisions.jsonl")).unwrap();
    assert_eq!(
        decisions.lines().count(),
        1,
        "only the other sample: {decisions}"
    );
    assert!(!decisions.contains(&format!("\"{id}\"")), "{decisions}");
    let summary: Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("summary.json")).unwrap()).unwrap();
    let problems = |n: usize| summary["rejected"][n]["problems"].clone();
    let message = shared_message(&id, &invalid, &valid);
    assert_eq!(summary["rejected"][0]["source"], invalid.as_str());
    assert_eq!(problems(0).as_array().unwrap().len(), 2, "{}", problems(0));
    assert_eq!(problems(0)[1], format!("{invalid}: {message}").as_str());
    assert_eq!(summary["rejected"][1]["source"], valid.as_str());
    assert_eq!(
        problems(1),
        serde_json::json!([format!("{valid}: {message}")])
    );
}

#[test]
fn diff_and_sensitivity_reject_both_copies_too() {
    let (dir, valid, invalid, id) = valid_and_invalid_twins();
    let folder = dir.path().to_string_lossy().into_owned();
    let message = shared_message(&id, &invalid, &valid);
    let diff = kriterium(&[
        "diff",
        "--old",
        "made-in-sonderjylland",
        "--new",
        "made-in-sonderjylland",
        &folder,
        OTHER,
        "--lang",
        "en",
    ])
    .run()
    .code(1);
    assert!(
        diff.stdout.contains(&format!("{valid}: {message}")),
        "{}",
        diff.stdout
    );
    assert!(
        diff.stdout.contains(&format!("{invalid}: {message}")),
        "{}",
        diff.stdout
    );
    assert!(diff.stdout.contains("Applications: 1\n"), "{}", diff.stdout);

    let sensitivity = kriterium(&["sensitivity", &folder, OTHER]).run().code(1);
    for place in [&valid, &invalid] {
        assert!(
            sensitivity
                .stderr
                .contains(&format!("{place}: not assessed: ")),
            "{}",
            sensitivity.stderr
        );
    }
    assert_eq!(
        sensitivity.stderr.matches(&message).count(),
        2,
        "{}",
        sensitivity.stderr
    );
    assert!(!sensitivity.stdout.contains(&id), "{}", sensitivity.stdout);
}
