//! `kriterium serve`'s tuning pages over HTTP, against the real binary: a weight change that
//! flips funding, weights and budgets the app refuses with a sentence, and saving the weights
//! as a new pack version (checked by `kriterium check`, refused into a folder that holds files,
//! refused without the form token).
//!
//! The round is the 17 samples with every review, at the year's 200.000 kr. With the pack's
//! weights the line funds MIS-2025-015 (150.000 kr.) and then, skipping what does not fit,
//! MIS-2025-017 (40.000 kr.): 190.000 kr. MIS-2025-016 (45.000 kr.) has the same 23,37 points
//! and is below it by the tie-break (first criterion: 3,29 against 4,29). MIS-2025-016 has 4
//! points for `talentevents` where MIS-2025-017 has 3, so raising that weight by one slider
//! step, 2 → 2,05, puts MIS-2025-016 above (23,57 against 23,52): it is funded (195.000 kr.)
//! and MIS-2025-017 no longer fits in the 5.000 kr. left — two funding flips. Lowering it
//! (1,95) only widens the gap the other way: nothing flips.

use crate::serve_util::{Reply, Server, demo_register};
use crate::util::kriterium;

/// `POST path` of the already encoded form `body`.
fn post(server: &Server, path: &str, body: &str) -> Reply {
    server.post(
        path,
        body.as_bytes(),
        &[("Content-Type", "application/x-www-form-urlencoded")],
    )
}

/// The `data-app` of every row marked as a funding flip.
fn flips(html: &str) -> Vec<String> {
    html.match_indices("class=\"flip\" data-app=\"")
        .map(|(at, m)| {
            let rest = &html[at + m.len()..];
            rest[..rest.find('"').unwrap()].to_string()
        })
        .collect()
}

#[test]
fn serve_tune_a_weight_change_flips_funding() {
    let dir = crate::util::temp_dir();
    let server = Server::start(&demo_register(dir.path()));

    let page = server.get("/rounds/2025-1/tune");
    assert_eq!(page.status, 200, "{}", page.body);
    for id in [
        "id=\"tune\"",
        "id=\"w-talentevents\" name=\"w.talentevents\"",
        "id=\"budget\" name=\"budget\"",
        "id=\"recompute\"",
        "<section id=\"changes\" aria-live=\"polite\">",
        "id=\"save\"",
    ] {
        assert!(page.body.contains(id), "the page lacks {id}");
    }
    assert!(
        flips(&page.body).is_empty(),
        "the pack's own weights flip nothing"
    );

    // The page with the weight in its address, and the fragment the script fetches, agree.
    let query = "w.talentevents=2.05";
    let tuned = server.get(&format!("/rounds/2025-1/tune?{query}"));
    let fragment = server.get(&format!("/rounds/2025-1/tune/changes?{query}"));
    assert_eq!(fragment.status, 200, "{}", fragment.body);
    assert_eq!(flips(&fragment.body), ["MIS-2025-016", "MIS-2025-017"]);
    assert_eq!(flips(&tuned.body), flips(&fragment.body));
    assert!(
        fragment.body.contains(
            "Budget used: DKK 190,000 → DKK 195,000; 2 move, 1 newly funded, 1 no longer funded."
        ),
        "{}",
        fragment.body
    );
    assert!(!fragment.body.contains("<html"), "a fragment, not a page");
    // The tuned weight is in the slider and in the save form.
    assert!(
        tuned.body.contains(
            "name=\"w.talentevents\" min=\"0.05\" max=\"6\" step=\"0.05\" value=\"2.05\""
        )
    );
    assert!(
        tuned
            .body
            .contains("<input type=\"hidden\" name=\"w.talentevents\" value=\"2.05\">")
    );

    let lower = server.get("/rounds/2025-1/tune/changes?w.talentevents=1.95");
    assert!(flips(&lower.body).is_empty(), "{}", lower.body);

    // The budget alone: with 220.000 kr. the 70.000 kr. left after MIS-2025-015 fund
    // MIS-2025-005 (70.000 kr.), and nothing is left for MIS-2025-017.
    let budget = server.get("/rounds/2025-1/tune/changes?budget=220000");
    assert_eq!(flips(&budget.body), ["MIS-2025-005", "MIS-2025-017"]);

    // The sensitivity flags, when asked for: the two tied applications flip within 10 %.
    assert!(
        !page.body.contains("is funded, but loses it"),
        "not unless asked for"
    );
    let flagged = server.get("/rounds/2025-1/tune/changes?flags=1");
    assert!(
        flagged
            .body
            .contains("MIS-2025-017 is funded, but loses it if the weight of"),
        "{}",
        flagged.body
    );
    let flagged_page = server.get("/rounds/2025-1/tune?flags=1");
    assert!(
        flagged_page
            .body
            .contains("<input type=\"hidden\" name=\"flags\" value=\"1\">")
    );
}

#[test]
fn serve_tune_bad_weights_and_budgets_are_refused_with_a_sentence() {
    let dir = crate::util::temp_dir();
    let server = Server::start(&demo_register(dir.path()));
    for (query, says) in [
        ("w.talentevents=abc", "is not a number"),
        ("w.talentevents=1e309", "is not a number"),
        ("w.talentevents=", "is not a number"),
        ("w.unknown=1", "is not a criterion of the round"),
        ("w.talentevents=-1", "must be more than 0 and at most 1000"),
        ("w.talentevents=0", "must be more than 0 and at most 1000"),
        ("w.talentevents=1.005", "with at most 2 decimals"),
        (
            "w.talentevents=1001",
            "must be more than 0 and at most 1000",
        ),
        (
            "w.talentevents=1&w.talentevents=2",
            "appears more than once",
        ),
        ("budget=-5", "cannot be used: write a whole number"),
        (
            "budget=99999999999999999999999",
            "cannot be used: write a whole number",
        ),
        (
            "budget=1000000000001",
            "cannot be used: write a whole number",
        ),
        ("w.talentevents=%FF", "not text in UTF-8"),
        ("w.talentevents=NaN", "is not a number"),
        ("w.talentevents=1,5", "is not a number"),
    ] {
        for route in ["tune", "tune/changes"] {
            let answer = server.get(&format!("/rounds/2025-1/{route}?{query}"));
            assert_eq!(answer.status, 400, "{route}?{query}: {}", answer.body);
            assert!(
                answer.body.contains(says),
                "{route}?{query}: {}",
                answer.body
            );
        }
    }
    assert_eq!(server.get("/rounds/no-such/tune").status, 404);
}

#[test]
fn serve_tune_saves_a_new_pack_version_that_checks() {
    let dir = crate::util::temp_dir();
    let server = Server::start(&demo_register(dir.path()));
    let csrf = server.csrf();
    let saved = post(
        &server,
        "/rounds/2025-1/tune/save",
        &format!("csrf={csrf}&w.talentevents=3.75&w.erfaringsudveksling=0.5&folder=tuned"),
    );
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert!(
        saved.body.contains("Saved as version 1.6.0"),
        "{}",
        saved.body
    );
    assert!(
        saved.body.contains("--rules"),
        "says how to open a round with it"
    );
    // The folder is beside the register, whole: pack.toml with the new weights and version,
    // its comments kept, the scripts and test cases beside it.
    let folder = dir.path().join("tuned");
    let manifest = std::fs::read_to_string(folder.join("pack.toml")).unwrap();
    assert!(manifest.contains("\nversion = \"1.6.0\""), "{manifest}");
    assert!(manifest.contains("\nweight = 3.75\n"), "{manifest}");
    assert!(manifest.contains("\nweight = 0.5\n"), "{manifest}");
    assert!(
        manifest.contains("\nweight = 3\n"),
        "the others stay: {manifest}"
    );
    assert!(
        manifest.contains("# --- Finansieringsreglen"),
        "comments stay"
    );
    assert!(folder.join("tests").is_dir());
    let checked = kriterium(&["check", folder.to_str().unwrap()])
        .run()
        .code(0);
    assert!(
        checked.stdout.contains("made-in-sonderjylland 1.6.0"),
        "{}",
        checked.stdout
    );
    // The page showed check's and test's own reports: the test cases' totals moved.
    assert!(saved.body.contains("made-in-sonderjylland 1.6.0"));
    assert!(
        saved.body.contains("id=\"tests\" class=\"failed\""),
        "{}",
        saved.body
    );

    // The round stays bound to its snapshot.
    let round = server.get("/rounds/2025-1");
    assert!(round.body.contains("made-in-sonderjylland 1.5.0"));

    // Again into the same folder: refused, the folder as it was.
    let again = post(
        &server,
        "/rounds/2025-1/tune/save",
        &format!("csrf={csrf}&w.talentevents=2&folder=tuned"),
    );
    assert_eq!(again.status, 409, "{}", again.body);
    assert!(again.body.contains("tuned"), "{}", again.body);
    assert_eq!(
        std::fs::read_to_string(folder.join("pack.toml")).unwrap(),
        manifest
    );

    // Without the form token: refused before anything is written.
    let forged = post(
        &server,
        "/rounds/2025-1/tune/save",
        "w.talentevents=2&folder=forged",
    );
    assert_eq!(forged.status, 403, "{}", forged.body);
    assert!(!dir.path().join("forged").exists());

    // A bad weight: refused before anything is written.
    let bad = post(
        &server,
        "/rounds/2025-1/tune/save",
        &format!("csrf={csrf}&w.talentevents=0&folder=zero"),
    );
    assert_eq!(bad.status, 400, "{}", bad.body);
    assert!(!dir.path().join("zero").exists());

    // A folder that cannot be made is the folder asked for, not a fault: 409 in words.
    let unwritable = post(
        &server,
        "/rounds/2025-1/tune/save",
        &format!("csrf={csrf}&w.talentevents=2&folder=/proc/kriterium-test"),
    );
    assert_eq!(unwritable.status, 409, "{}", unwritable.body);
    assert!(
        unwritable.body.contains("role=\"alert\""),
        "{}",
        unwritable.body
    );

    // The save's answer reloaded as a GET: 405 with a way back, not an empty page.
    let reloaded = server.get("/rounds/2025-1/tune/save");
    assert_eq!(reloaded.status, 405, "{}", reloaded.body);
    assert!(
        reloaded.body.contains("answers a form"),
        "{}",
        reloaded.body
    );
}
