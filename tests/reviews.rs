//! Reviewers' scores in a batch (`--reviews FILE…`, `--panel FILE`), `assess` and `verify`: a
//! missing review leaves an application awaiting review (not scored zero), a conflicted member's
//! review is refused with its sheet and row, a malformed sheet stops the batch with every bad
//! cell, a reviewed decision reproduces only with its reviews, and the review sheet's template
//! opens in LibreOffice with its Danish characters and rubric.
//!
//! The pack and sheets are `tests/fixtures/reviewed-pack/`: one criterion scored by reviewers on
//! 0–5 (the median counts, disagreement at 2), one from the facts; three sample applications;
//! Anna and Bo score all three, Mette works for the applicant of MIS-2025-001.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::util::{decisions, kriterium, root, temp_dir};

const PACK: &str = "tests/fixtures/reviewed-pack";
const APPLICATIONS: &str = "tests/fixtures/reviewed-pack/applications";
const PANEL: &str = "tests/fixtures/reviewed-pack/reviews/panel.toml";

fn sheet(name: &str) -> String {
    format!("{PACK}/reviews/{name}")
}

fn json_file(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// `kriterium batch` of the fixture's applications under `pack` into `out`, with `more`
/// arguments (sheets and panel).
fn batch(pack: &str, out: &Path, more: &[&str]) -> crate::util::Run {
    let mut args = vec![
        "batch",
        APPLICATIONS,
        "--rules",
        pack,
        "--out",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(more);
    kriterium(&args)
}

fn decision<'a>(all: &'a [Value], id: &str) -> &'a Value {
    all.iter()
        .find(|d| d["application_id"] == id)
        .unwrap_or_else(|| panic!("no decision on {id}"))
}

#[test]
fn without_reviews_every_application_awaits_review_and_is_not_ranked() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let run = batch(PACK, &out, &[]).run().code(0);
    assert!(
        run.stderr
            .contains("3 applications: 0 fund, 0 reserve, 0 below threshold, 0 ineligible, 3 awaiting review, 0 rejected;"),
        "{}",
        run.stderr
    );
    let summary = json_file(&out.join("summary.json"));
    assert_eq!(summary["counts"]["awaiting_review"], 3);
    assert_eq!(summary["counts"]["fund"], 0);
    for d in decisions(&out) {
        assert_eq!(d["recommendation"], "awaiting_review", "{d}");
        assert_eq!(d["rank"], Value::Null, "{d}");
        assert_eq!(d["criteria"][0]["review"]["scores"], serde_json::json!([]));
    }
}

#[test]
fn a_pack_without_reviews_says_nothing_of_them() {
    // The built-in pack has a reviewed criterion since 1.4.0; Kulturmetropolen's has none.
    let dir = temp_dir();
    let out = dir.path().join("out");
    let run = kriterium(&[
        "batch",
        "--rules",
        "kulturmetropolen-musik",
        "samples/kulturmetropolen-musik",
        "--out",
        out.to_str().unwrap(),
    ])
    .run()
    .code(0);
    assert!(!run.stderr.contains("awaiting"), "{}", run.stderr);
    assert!(!run.stderr.contains("review"), "{}", run.stderr);
    let summary = json_file(&out.join("summary.json"));
    assert_eq!(summary["counts"].get("awaiting_review"), None, "{summary}");
}

#[test]
fn reviews_rank_the_applications_and_a_conflicted_member_s_review_is_refused_with_its_row() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let (anna, bo, mette) = (sheet("anna.csv"), sheet("bo.csv"), sheet("mette.csv"));
    let run = batch(
        PACK,
        &out,
        &["--reviews", &anna, &bo, &mette, "--panel", PANEL],
    )
    .run()
    .code(1);
    // Nothing lost: the refused review is said with its cell and application, and listed apart
    // from the applications: a review is not a rejected application (the line adds up).
    assert!(
        run.stderr.contains(&format!(
            "{mette}: row 2, column \"Point\": Mette Lauridsen's review of \"MIS-2025-001\" for \"vurdering\" is not counted: Mette Lauridsen is affiliated with the applicant, Sønderborg Musikskole"
        )),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "3 applications: 2 fund, 1 reserve, 0 below threshold, 0 ineligible, 0 rejected; 1 review is not counted;"
        ),
        "{}",
        run.stderr
    );
    let summary = json_file(&out.join("summary.json"));
    assert_eq!(summary["inputs"], 3);
    assert_eq!(summary["counts"]["rejected"], 0);
    assert_eq!(summary["rejected"].as_array().unwrap().len(), 0);
    let refused = &summary["reviews_not_counted"][0];
    assert_eq!(refused["source"], mette.as_str());
    assert_eq!(refused["line"], 2);
    assert_eq!(refused["application_id"], "MIS-2025-001");
    // The pack speaks Danish, and so do its results.
    assert_eq!(
        refused["problems"][0],
        format!(
            "{mette}: række 2, kolonne »Point«: Mette Lauridsens bedømmelse af »MIS-2025-001« for »vurdering« er ikke talt med: Mette Lauridsen er tilknyttet ansøgeren, Sønderborg Musikskole"
        )
    );
    let all = decisions(&out);
    // MIS-2025-001: Anna 4 and Bo 2 (Mette stood aside): median 3, weighted 6, plus 0 for the
    // amount. MIS-2025-003: 5 and 3, median 4 → 8, plus 2 for 90.000 kr. MIS-2025-002: 3, 1 and
    // 4, median 3 → 6.
    let first = decision(&all, "MIS-2025-001");
    assert_eq!(first["criteria"][0]["points"], 3);
    assert_eq!(
        first["reviews"]["assessed_by"],
        serde_json::json!(["Anna Holm", "Bo Jensen"])
    );
    assert_eq!(
        first["reviews"]["stood_aside"][0]["member"],
        "Mette Lauridsen"
    );
    assert_eq!(first["criteria"][0]["review"]["spread"], 2);
    assert_eq!(first["criteria"][0]["review"]["disagreement"], true);
    let ranks: Vec<(&str, i64)> = all
        .iter()
        .map(|d| {
            (
                d["application_id"].as_str().unwrap(),
                d["rank"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        ranks,
        [
            ("MIS-2025-003", 1),
            ("MIS-2025-001", 2),
            ("MIS-2025-002", 3)
        ]
    );
    assert_eq!(
        decision(&all, "MIS-2025-002")["criteria"][0]["review"]["spread"],
        3
    );
}

#[test]
fn a_review_of_an_application_the_batch_did_not_assess_is_listed_as_not_counted() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let extra = dir.path().join("extra.csv");
    fs::write(
        &extra,
        "Bedømmer;Ansøgning;Kriterium;Point\r\nAnna Holm;MIS-2025-004;vurdering;2\r\n",
    )
    .unwrap();
    let run = batch(
        PACK,
        &out,
        &["--reviews", &sheet("anna.csv"), extra.to_str().unwrap()],
    )
    .run()
    .code(1);
    // Without a panel, conflicts of interest cannot be checked: said, not silently skipped.
    assert!(
        run.stderr.contains(
            "note: no panel was given (--panel panel.toml), so reviewers' conflicts of interest are not checked"
        ),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(&format!(
            "{}: row 2: no application with the id \"MIS-2025-004\" was assessed in this run; did you mean \"MIS-2025-001\"?",
            extra.display()
        )),
        "{}",
        run.stderr
    );
    let summary = json_file(&out.join("summary.json"));
    assert_eq!(summary["reviews_not_counted"].as_array().unwrap().len(), 1);
    assert_eq!(
        summary["reviews_not_counted"][0]["application_id"],
        "MIS-2025-004"
    );
}

#[test]
fn a_malformed_sheet_stops_the_batch_before_assessing_and_says_every_bad_cell() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let bad = dir.path().join("bad.csv");
    fs::write(
        &bad,
        "\u{feff}Bedømmer;Ansøgning;Kriterium;Point\r\n\
         Anna Holm;MIS-2025-001;vurdering;6\r\n\
         Anna Holm;MIS-2025-002;beloeb;2\r\n\
         ;MIS-2025-003;vurdering;3,5\r\n\
         Anna Holm;MIS-2025-001;vurdering;4\r\n",
    )
    .unwrap();
    let run = batch(
        PACK,
        &out,
        &["--reviews", bad.to_str().unwrap(), "--panel", PANEL],
    )
    .run()
    .code(2);
    let bad = bad.display();
    for line in [
        format!(
            "{bad}: row 2, column \"Point\": 6 points is outside the scale 0–5 of \"vurdering\"; write a whole number from 0 to 5"
        ),
        format!(
            "{bad}: row 3, column \"Kriterium\": the criterion \"beloeb\" is scored from the application's facts, not by reviewers; reviewers score vurdering"
        ),
        format!(
            "{bad}: row 4, column \"Bedømmer\": the row has a score but no reviewer's name; write the name as the panel has it"
        ),
        format!(
            "{bad}: row 4, column \"Point\": \"3,5\" is not a whole number of points; write a whole number from 0 to 5"
        ),
        format!("the reviews in {bad} cannot be used: 4 problems; nothing was assessed"),
    ] {
        assert!(run.stderr.contains(&line), "{line}\n---\n{}", run.stderr);
    }
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn the_same_review_in_two_sheets_and_a_reviewer_not_on_the_panel_are_said_with_their_places() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let again = dir.path().join("again.csv");
    fs::write(
        &again,
        "Reviewer,Application,Criterion,Score\nAnna Holm,MIS-2025-003,vurdering,1\nAnne Holm,MIS-2025-002,vurdering,1\n",
    )
    .unwrap();
    let anna = sheet("anna.csv");
    let run = batch(
        PACK,
        &out,
        &[
            "--reviews",
            &anna,
            again.to_str().unwrap(),
            "--panel",
            PANEL,
        ],
    )
    .run()
    .code(2);
    let again = again.display();
    for line in [
        format!(
            "{again}: row 2, column \"Score\": Anna Holm also scored \"vurdering\" of \"MIS-2025-003\" in {anna}: row 4; a reviewer gives one score per application and criterion, so delete one of the rows"
        ),
        format!(
            "{again}: row 3, column \"Reviewer\": \"Anne Holm\" is not a member of the panel in {PANEL}; did you mean \"Anna Holm\"?; write the name as the panel has it, or add the reviewer to the panel"
        ),
    ] {
        assert!(run.stderr.contains(&line), "{line}\n---\n{}", run.stderr);
    }
    assert!(!out.exists(), "nothing is written");
}

#[test]
fn a_reviewed_decision_reproduces_only_with_the_reviews_it_was_made_with() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    let (anna, bo) = (sheet("anna.csv"), sheet("bo.csv"));
    batch(PACK, &out, &["--reviews", &anna, &bo, "--panel", PANEL])
        .run()
        .code(0);
    let decisions = out.join("decisions.jsonl");
    let application = format!("{APPLICATIONS}/03-krop-og-rytme.json");
    let verify = |extra: &[&str]| {
        let mut args = vec![
            "verify",
            decisions.to_str().unwrap(),
            application.as_str(),
            "--rules",
            PACK,
        ];
        args.extend_from_slice(extra);
        kriterium(&args).run()
    };
    let same = verify(&["--reviews", &anna, &bo, "--panel", PANEL]).code(0);
    assert!(same.stdout.contains("reproduces"), "{}", same.stdout);
    let without = verify(&[]).code(1);
    // No sheets given now: said as such, not as the fingerprint of no reviews.
    assert!(
        without
            .stdout
            .contains("The decision was made with reviews (fingerprint sha256:")
            && without
                .stdout
                .contains("but none are given now; give the same sheets with --reviews")
            && !without.stdout.contains("it is now"),
        "{}",
        without.stdout
    );
    // The criterion a difference is in, in the reader's language.
    let danish = verify(&["--lang", "da"]).code(1);
    assert!(
        danish
            .stdout
            .contains("/criteria/0/points (kriteriet »vurdering«): gemt "),
        "{}",
        danish.stdout
    );
    // Said once, as the reviews; the fields the reviews decide are listed as they differ.
    assert!(
        !without.stdout.contains("/reviews/fingerprint"),
        "{}",
        without.stdout
    );
    let fewer = verify(&["--reviews", &anna, "--panel", PANEL]).code(1);
    assert!(
        fewer.stdout.contains("The reviews are not the ones"),
        "{}",
        fewer.stdout
    );
}

#[test]
fn assess_reads_the_reviews_and_refuses_a_conflicted_member_s() {
    let run = kriterium(&[
        "assess",
        &format!("{APPLICATIONS}/01-ungdomssymfoniorkester.json"),
        "--rules",
        PACK,
        "--reviews",
        &sheet("anna.csv"),
        &sheet("bo.csv"),
        &sheet("mette.csv"),
        "--panel",
        PANEL,
    ])
    .run()
    .code(1);
    assert!(run.stdout.contains("median 3"), "{}", run.stdout);
    assert!(
        run.stderr
            .contains("row 2, column \"Point\": Mette Lauridsen's review of \"MIS-2025-001\" for \"vurdering\" is not counted"),
        "{}",
        run.stderr
    );
    // Another application, no conflict: every review counts.
    kriterium(&[
        "assess",
        &format!("{APPLICATIONS}/02-haandboldakademi.json"),
        "--rules",
        PACK,
        "--reviews",
        &sheet("anna.csv"),
        &sheet("mette.csv"),
        "--panel",
        PANEL,
    ])
    .run()
    .code(0);
}

#[test]
fn a_calibrating_pack_ranks_by_calibrated_scores() {
    // Under calibration by offset Bo (strict: 1 below the panel on every shared application)
    // and Anna are brought together; the batch assesses everything a second time with scores as
    // given for the overview, and must still succeed and record what the offsets came from.
    let dir = temp_dir();
    let pack = dir.path().join("pack");
    fs::create_dir_all(pack.join("criteria")).unwrap();
    for file in [
        "pack.toml",
        "criteria/vurdering.rhai",
        "criteria/beloeb.rhai",
    ] {
        let text = fs::read_to_string(root().join(PACK).join(file)).unwrap();
        fs::write(
            pack.join(file),
            text.replace("calibration = \"none\"", "calibration = \"offset\""),
        )
        .unwrap();
    }
    let out = dir.path().join("out");
    batch(
        pack.to_str().unwrap(),
        &out,
        &[
            "--reviews",
            &sheet("anna.csv"),
            &sheet("bo.csv"),
            "--panel",
            PANEL,
        ],
    )
    .run()
    .code(0);
    let all = decisions(&out);
    let third = decision(&all, "MIS-2025-003");
    // Anna is 1 above the panel's mean on each shared application (offset +1), Bo 1 below
    // (−1): Anna's 5 counts as 4, Bo's 3 as 4 — median 4.
    let scores = &third["criteria"][0]["review"]["scores"];
    assert_eq!(scores[0]["calibrated"], 4, "{third}");
    assert_eq!(scores[1]["calibrated"], 4, "{third}");
    assert!(
        third["reviews"]["calibrated_from"]
            .as_str()
            .unwrap()
            .starts_with("sha256:")
    );
}

#[test]
fn the_review_template_opens_in_libreoffice_with_danish_characters_and_the_rubric() {
    let manifest: kriterium_engine::manifest::Manifest =
        toml::from_str(&fs::read_to_string(root().join(PACK).join("pack.toml")).unwrap()).unwrap();
    let rows = [
        kriterium_intake::TemplateRow {
            application_id: "MIS-2025-001".into(),
            title: "Sønderjysk Ungdomssymfoniorkester – talentlinje på tværs af kommunerne".into(),
        },
        kriterium_intake::TemplateRow {
            application_id: "MIS-2025-003".into(),
            title: "Krop og rytme – dans og atletik for talenter".into(),
        },
    ];
    let bytes =
        kriterium_intake::review_template(&manifest, &rows, Some("Søren Ærøe"), "da").unwrap();
    let Some(soffice) = crate::util::soffice() else {
        return;
    };
    let dir = temp_dir();
    let xlsx = dir.path().join("bedoemmelser.xlsx");
    fs::write(&xlsx, &bytes).unwrap();
    let converted = dir.path().join("converted");
    crate::spreadsheets::convert(
        &soffice,
        dir.path(),
        "da_DK.UTF-8",
        None,
        &[xlsx.as_path()],
        &converted,
    );
    let fods = fs::read_to_string(converted.join("bedoemmelser.fods")).unwrap();
    for expected in [
        // Both sheets, by their Danish names.
        "table:name=\"Bedømmelser\"",
        "table:name=\"Vejledning\"",
        // The headings, the reviewer filled in, a title with Danish letters and a dash.
        "<text:p>Bedømmer</text:p>",
        "<text:p>Søren Ærøe</text:p>",
        "<text:p>Sønderjysk Ungdomssymfoniorkester – talentlinje på tværs af kommunerne</text:p>",
        // The rubric: the criterion, its title, its scale and threshold, its guidance.
        "<text:p>Bedømmernes vurdering af fortsat drift</text:p>",
        "<text:p>0–5</text:p>",
        "<text:p>2 point</text:p>",
        "5: driften er sikret – en driftsherre og finansiering er på plads; 3: drift er sandsynlig; 0: ingen udsigt til drift.",
    ] {
        assert!(
            fods.contains(expected),
            "{expected} not in the converted workbook"
        );
    }
}

/// An application that is not eligible is never sent to reviewers: its reviewed criterion is
/// "not reviewed" (not "awaiting review", not "below minimum"), and `ranking.csv` leaves the
/// criterion's and the total's cells blank instead of writing a 0 that reads as a score.
#[test]
fn an_ineligible_application_is_not_reviewed_and_has_no_points_for_it() {
    let dir = temp_dir();
    let out = dir.path().join("out");
    kriterium(&[
        "batch",
        "samples/made-in-sonderjylland",
        "--reviews",
        crate::util::SAMPLE_REVIEWS,
        "--out",
        out.to_str().unwrap(),
        "--lang",
        "da",
    ])
    .run()
    .code(0);
    let ranking = fs::read_to_string(out.join("ranking.csv")).unwrap();
    let row = |id: &str| {
        ranking
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("no row of {id} in\n{ranking}"))
            .split(';')
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    // Placering;Ansøgning;Titel;Samlet;drift-efter-tilskud;…
    let ineligible = row("MIS-2025-009");
    assert_eq!(
        (ineligible[3].as_str(), ineligible[4].as_str()),
        ("", ""),
        "{ineligible:?}"
    );
    assert!(
        ineligible
            .last()
            .unwrap()
            .contains("opfylder ikke adgangskravene")
    );
    // A reviewed, ranked application has its numbers.
    let ranked = row("MIS-2025-001");
    assert!(!ranked[3].is_empty() && !ranked[4].is_empty(), "{ranked:?}");
    let report = fs::read_to_string(out.join("reports/MIS-2025-009.md")).unwrap();
    assert!(report.contains("**ikke bedømt**"), "{report}");
    assert!(!report.contains("afventer bedømmelse"), "{report}");
    assert!(!report.contains("under minimum"), "{report}");
}

/// A funding line drawn while applications await review is said to be provisional; once all
/// are reviewed, nothing more is said.
#[test]
fn a_batch_says_the_funding_line_is_provisional_while_applications_await_review() {
    let dir = temp_dir();
    let one = dir.path().join("anna.csv");
    fs::write(
        &one,
        "\u{feff}Bedømmer;Ansøgning;Kriterium;Point;Kommentar\r\nAnna Holm;MIS-2025-002;vurdering;4;\r\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = batch(
        PACK,
        &out,
        &["--reviews", one.to_str().unwrap(), "--panel", PANEL],
    )
    .run()
    .code(0);
    assert!(
        run.stderr.contains("1 fund")
            && run.stderr.contains(
                "Note: the funding line is provisional: 2 applications await review and may come above it"
            ),
        "{}",
        run.stderr
    );
    let (anna, bo) = (sheet("anna.csv"), sheet("bo.csv"));
    let all = batch(
        PACK,
        &dir.path().join("all"),
        &["--reviews", &anna, &bo, "--panel", PANEL],
    )
    .run()
    .code(0);
    assert!(!all.stderr.contains("provisional"), "{}", all.stderr);
}

/// `diff` shows an application that comes to await review as such, not with a partial total
/// and 0 points: a pack that counts the same municipality as a conflict leaves MIS-2025-001
/// and MIS-2025-002 without a reviewer.
#[test]
fn diff_shows_an_application_awaiting_review_without_points() {
    let dir = temp_dir();
    let new = dir.path().join("new");
    fs::create_dir(&new).unwrap();
    for entry in walk(&root().join(PACK)) {
        let relative = entry.strip_prefix(root().join(PACK)).unwrap();
        let target = new.join(relative);
        fs::create_dir_all(target.parent().unwrap()).unwrap();
        fs::copy(&entry, &target).unwrap();
    }
    let manifest = new.join("pack.toml");
    let text = fs::read_to_string(&manifest).unwrap().replace(
        "municipality_conflicts = false",
        "municipality_conflicts = true",
    );
    fs::write(&manifest, text).unwrap();
    let (anna, bo) = (sheet("anna.csv"), sheet("bo.csv"));
    let run = kriterium(&[
        "diff",
        "--old",
        PACK,
        "--new",
        new.to_str().unwrap(),
        APPLICATIONS,
        "--reviews",
        &anna,
        &bo,
        "--panel",
        PANEL,
        "--lang",
        "en",
    ])
    .run();
    for line in [
        "Total: 6 → awaiting review",
        "Points for vurdering: 3 → awaiting review",
    ] {
        assert!(run.stdout.contains(line), "{line}\n---\n{}", run.stdout);
    }
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// Excel's lock file beside a sheet open in it (`~$anna.xlsx`, not a workbook) is no sheet:
/// a folder with one is read as if it were not there.
#[test]
fn excel_s_lock_file_in_a_folder_of_sheets_is_not_a_sheet() {
    let dir = temp_dir();
    let folder = dir.path().join("reviews");
    fs::create_dir(&folder).unwrap();
    for name in ["anna.csv", "bo.csv", "panel.toml"] {
        fs::copy(root().join(sheet(name)), folder.join(name)).unwrap();
    }
    fs::write(folder.join("~$anna.xlsx"), b"\x0bAnna Holm\0\0\0").unwrap();
    let out = dir.path().join("out");
    let run = batch(PACK, &out, &["--reviews", folder.to_str().unwrap()])
        .run()
        .code(0);
    assert!(!run.stderr.contains("~$anna"), "{}", run.stderr);
}
