//! The programmes beyond the first, hosted as plugins (`packs.rs` and `pack_tests.rs` check every
//! built-in pack): the KulturMetropolen music pack and the Swedish Skåne pack assess their samples
//! (decisions and reports held fixed by snapshots, reports in the pack's language), and the
//! music pack's extension schema is part of validation.

use std::fs;

use crate::util::{built_in_packs, files_in, kriterium, relative, root, temp_dir};

#[test]
fn there_are_three_programmes_and_rules_list_names_them_all() {
    let packs = built_in_packs();
    assert_eq!(
        packs,
        [
            "kulturmetropolen-musik",
            "made-in-sonderjylland",
            "skane-barn-och-unga"
        ]
    );
    let out = kriterium(&["rules", "list"]).run().code(0);
    for pack in &packs {
        assert!(
            out.stdout.lines().any(|l| l.starts_with(pack.as_str())),
            "{pack} not listed:\n{}",
            out.stdout
        );
    }
}

/// Snapshots every sample of `pack` assessed alone, as `name@<file>.snap`: the decision as JSON,
/// or the text report.
fn assess_samples(pack: &str, json: bool, name: &str) {
    insta::glob!("..", &format!("samples/{pack}/*.json"), |path| {
        let file = relative(path);
        let mut args = vec!["assess", "--rules", pack, &file];
        if json {
            args.extend(["--format", "json"]);
        }
        let out = kriterium(&args).run().code(0);
        crate::util::assert_snapshot!(name, out.stdout);
    });
}

#[test]
fn music_decisions_as_json() {
    assess_samples("kulturmetropolen-musik", true, "music_decisions_as_json");
}

#[test]
fn music_reports_as_text() {
    assess_samples("kulturmetropolen-musik", false, "music_reports_as_text");
}

#[test]
fn swedish_decisions_as_json() {
    assess_samples("skane-barn-och-unga", true, "swedish_decisions_as_json");
}

#[test]
fn swedish_reports_as_text() {
    assess_samples("skane-barn-och-unga", false, "swedish_reports_as_text");
}

/// The results of a batch of `pack` over its samples, which must all be assessed, each with an
/// HTML and a Markdown report.
struct Round {
    dir: tempfile::TempDir,
}

impl Round {
    fn of(pack: &str) -> Round {
        let dir = temp_dir();
        let out = dir.path().join("out");
        let run = kriterium(&[
            "batch",
            "--rules",
            pack,
            &format!("samples/{pack}"),
            "--out",
            out.to_str().unwrap(),
        ])
        .run()
        .code(0);
        // The summary goes to standard error.
        let samples = files_in(&root().join("samples").join(pack)).len();
        assert!(
            run.stderr.starts_with(&format!("{samples} applications: ")),
            "{}",
            run.stderr
        );
        assert!(run.stderr.contains(" 0 rejected"), "{}", run.stderr);
        assert_eq!(files_in(&out.join("reports")).len(), 2 * samples);
        Round { dir }
    }

    /// A result file, e.g. `ranking.csv` or `reports/ID.md`.
    fn read(&self, file: &str) -> String {
        fs::read_to_string(self.dir.path().join("out").join(file)).unwrap()
    }
}

#[test]
fn a_music_round_is_ranked_and_reported_in_danish() {
    let round = Round::of("kulturmetropolen-musik");
    crate::util::assert_snapshot!("music-ranking", round.read("ranking.csv"));
    crate::util::assert_snapshot!(
        "music-report-KM-2025-004.md",
        round.read("reports/KM-2025-004.md")
    );
    let index = round.read("index.html");
    assert!(
        index.starts_with("<!DOCTYPE html>\n<html lang=\"da\">"),
        "{index:.80}"
    );
    assert!(index.contains("Samlet prioritering"));
}

#[test]
fn a_swedish_round_is_ranked_and_reported_in_swedish() {
    let round = Round::of("skane-barn-och-unga");
    crate::util::assert_snapshot!("swedish-ranking", round.read("ranking.csv"));
    // A reserve-list decision: the funding line sentence in Swedish, amounts as Swedish writes them.
    crate::util::assert_snapshot!(
        "swedish-report-SK-2025-002.md",
        round.read("reports/SK-2025-002.md")
    );
    let html = round.read("reports/SK-2025-002.html");
    assert!(html.contains("<html lang=\"sv\">"), "{html:.80}");
    assert!(html.contains("Förslag till beslut"));
    assert!(!html.contains("Indstilling") && !html.contains("Recommendation"));
    assert!(round.read("index.html").contains("Samlad prioritering"));
}

#[test]
fn any_pack_reports_in_swedish_on_request() {
    let out = kriterium(&[
        "assess",
        "samples/made-in-sonderjylland/02-haandboldakademi.json",
        "--lang",
        "sv",
    ])
    .run()
    .code(0);
    // The pack's titles have no Swedish: they fall back to the pack's language; every label is
    // Swedish.
    assert!(
        out.stdout.contains("Behörighetskrav: alla uppfyllda"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("Kriterier i prioritetsordning"));
    assert!(
        out.stdout
            .contains("Afprøvning af nye sønderjyske samarbejder")
    );
    assert!(!out.stdout.contains("Adgangskrav"));
}

#[test]
fn a_music_application_missing_an_answer_the_pack_requires_is_rejected_by_its_pointer() {
    let sample = root().join("samples/kulturmetropolen-musik/02-piger-paa-scenen.json");
    let mut app: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(sample).unwrap()).unwrap();
    app["extra"].as_object_mut().unwrap().remove("needs");
    app["extra"]["quality_of_life"]
        .as_object_mut()
        .unwrap()
        .remove("measured");
    let dir = temp_dir();
    let file = dir.path().join("app.json");
    fs::write(&file, app.to_string()).unwrap();
    let file = file.to_str().unwrap();

    let out = kriterium(&["validate", "--rules", "kulturmetropolen-musik", file])
        .run()
        .code(1);
    assert!(
        out.stdout.contains(&format!(
            "{file}: /extra/needs: required field `needs` is missing"
        )),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!(
            "{file}: /extra/quality_of_life/measured: required field `measured` is missing"
        )),
        "{}",
        out.stdout
    );
    // Assessing it is refused the same way; the built-in default pack has no such question.
    let out = kriterium(&["assess", "--rules", "kulturmetropolen-musik", file])
        .run()
        .code(1);
    assert!(out.stderr.contains("/extra/needs"), "{}", out.stderr);
    kriterium(&["validate", file]).run().code(0);

    // Left out altogether, `extra` still misses every required answer.
    app.as_object_mut().unwrap().remove("extra");
    fs::write(dir.path().join("app.json"), app.to_string()).unwrap();
    let out = kriterium(&["validate", "--rules", "kulturmetropolen-musik", file])
        .run()
        .code(1);
    assert!(
        out.stdout
            .contains("/extra/cannot_lift_alone: required field"),
        "{}",
        out.stdout
    );
}

/// `n` distinct names of exactly `len` characters.
fn long_names(prefix: &str, n: usize, len: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let head = format!("{prefix} {i} ");
            format!("{head}{}", "x".repeat(len - head.chars().count()))
        })
        .collect()
}

#[test]
fn the_longest_answers_an_application_may_give_still_get_a_decision() {
    // Every list filled to the schema's limit with the longest names: the packs' reasons stay
    // within the 1,000 characters a reason may have (`format_list(items, limit)`), so the
    // application is assessed instead of failing.
    let dir = temp_dir();
    let read = |file: &str| -> serde_json::Value {
        serde_json::from_str(&fs::read_to_string(root().join(file)).unwrap()).unwrap()
    };
    let mut music = read("samples/kulturmetropolen-musik/01-sangskriverakademi.json");
    let places = long_names("By", 48, 100);
    let mut municipalities = vec![serde_json::json!("Roskilde"), serde_json::json!("Køge")];
    municipalities.extend(places.iter().map(|p| serde_json::json!(p)));
    music["municipalities"] = serde_json::json!(places);
    music["partners"] = long_names("Spillested", 200, 200)
        .into_iter()
        .map(|name| serde_json::json!({"name": name, "kind": "venue", "new_collaboration": true}))
        .collect();
    music["events"] = long_names("Koncert", 200, 200)
        .into_iter()
        .map(|title| {
            serde_json::json!({"title": title, "kind": "concert", "municipality": "Roskilde",
                "participant_municipalities": municipalities})
        })
        .collect();
    music["exchange_activities"] = long_names("Seminar", 200, 200)
        .into_iter()
        .map(|title| {
            serde_json::json!({"title": title, "kind": "seminar",
                "municipalities": ["Roskilde"], "occurrences": 1})
        })
        .collect();
    music["extra"]["needs"] = (0..20)
        .map(|i| {
            serde_json::json!({"description": "Behov", "raised_by": long_names(&format!("Aktør {i}"), 50, 200)})
        })
        .collect();

    let mut swedish = read("samples/skane-barn-och-unga/03-unga-kulturarrangorer.json");
    swedish["municipalities"] = serde_json::json!(places);
    swedish["partners"] = long_names("Museum", 200, 200)
        .into_iter()
        .map(|name| {
            serde_json::json!({"name": name, "kind": "cultural_institution", "new_collaboration": true})
        })
        .collect();
    swedish["exchange_activities"] = long_names("Workshop", 200, 200)
        .into_iter()
        .map(|title| {
            serde_json::json!({"title": title, "kind": "workshop", "municipalities": ["Lund"], "occurrences": 1})
        })
        .collect();
    swedish["extra"]["armkrok"] = serde_json::json!(long_names("Roll", 10, 100));
    swedish["extra"]["forvaltningar"] = serde_json::json!(long_names("Förvaltning", 10, 100));
    swedish["extra"]["sakfragor"] = long_names("Fråga", 10, 200)
        .into_iter()
        .map(|fraga| serde_json::json!({"fraga": fraga, "kommuner": ["Lund"]}))
        .collect();

    for (pack, app) in [
        ("kulturmetropolen-musik", music),
        ("skane-barn-och-unga", swedish),
    ] {
        let file = dir.path().join(format!("{pack}.json"));
        fs::write(&file, app.to_string()).unwrap();
        let file = file.to_str().unwrap();
        let out = kriterium(&["assess", "--rules", pack, file, "--format", "json"])
            .run()
            .code(0);
        let decision: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
        let reasons: Vec<&str> = decision["criteria"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|c| c["reasons"].as_array().unwrap())
            .chain(
                decision["gates"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|g| &g["reason"]),
            )
            .map(|r| r.as_str().unwrap())
            .collect();
        // The lists were cut: "… og 197 andre", "… och 197 andra".
        assert!(
            reasons
                .iter()
                .any(|r| r.contains(" 197 andre") || r.contains(" 197 andra")),
            "{pack}: {reasons:#?}"
        );
        assert!(reasons.iter().all(|r| r.chars().count() <= 1000), "{pack}");
    }
}
