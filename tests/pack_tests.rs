//! `kriterium test`: a pack's own test cases pass, and a changed script makes the case about it
//! fail with expected against actual and the reasons the pack gave.

use crate::util::{built_in_packs, edited_pack, files_in, kriterium, root};

#[test]
fn every_built_in_pack_passes_its_own_cases_one_or_more_per_gate_and_criterion() {
    for pack in built_in_packs() {
        let folder = format!("rules/{pack}");
        let out = kriterium(&["test", &folder]).run().code(0);
        let cases = out
            .stdout
            .lines()
            .filter(|l| l.starts_with("ok    tests/"))
            .count();
        // At least six cases a pack (the default pack was written with ten or more).
        let minimum = if pack == "made-in-sonderjylland" {
            10
        } else {
            6
        };
        assert!(cases >= minimum, "{pack}: {}", out.stdout);
        assert!(
            out.stdout
                .contains(&format!("\n{cases} cases: {cases} passed, 0 failed")),
            "{pack}: {}",
            out.stdout
        );
        // Every gate, criterion and portfolio attribute is expected of by some case
        // (`gates.ID`, `points.ID`, `ID = ` under `[expect.attributes]`, or in JSON).
        let cases: Vec<String> = files_in(&root().join(&folder).join("tests"))
            .iter()
            .filter(|f| f.is_file())
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect();
        let manifest: toml::Table = std::fs::read_to_string(root().join(&folder).join("pack.toml"))
            .unwrap()
            .parse()
            .unwrap();
        let ids = |table: Option<&toml::Value>, key: &str| -> Vec<String> {
            table
                .and_then(|t| t.get(key))
                .and_then(|rules| rules.as_array())
                .into_iter()
                .flatten()
                .map(|rule| rule["id"].as_str().unwrap().to_string())
                .collect()
        };
        let top = Some(toml::Value::Table(manifest.clone()));
        let mut all = ids(top.as_ref(), "gates");
        all.extend(ids(top.as_ref(), "criteria"));
        all.extend(ids(manifest.get("portfolio"), "attributes"));
        for id in &all {
            assert!(
                cases.iter().any(|c| c.contains(&format!(".{id} = "))
                    || c.contains(&format!("\n{id} = "))
                    || c.contains(&format!("\"{id}\":"))),
                "{pack}: no case expects anything of `{id}`"
            );
        }
    }
}

#[test]
fn a_changed_script_fails_the_case_about_it_with_a_readable_diff() {
    // One talent event now gives 1 point instead of 2.
    let dir = edited_pack("criteria/talentevents.rhai", |t| {
        t.replace("{ 3 } else { 2 }", "{ 3 } else { 1 }")
    });
    let pack = dir.path().join("pack");
    let out = kriterium(&["test", pack.to_str().unwrap()]).run().code(1);
    let failing: Vec<&str> = out
        .stdout
        .lines()
        .filter(|l| l.starts_with("FAIL"))
        .collect();
    assert_eq!(
        failing,
        [
            "FAIL  tests/11-talentevents-et-lokalt-event.toml  Ét talentevent med deltagere fra én \
          kommune giver 2 point",
            "FAIL  tests/31-talentevents-to-kommuner.toml  Ét talentevent med deltagere fra to \
          kommuner giver 3 point"
        ]
    );
    crate::util::assert_snapshot!(failure_of(&out.stdout, "FAIL"));
    assert!(
        out.stdout.contains("\n46 cases: 44 passed, 2 failed"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_broken_case_names_its_place_and_what_was_meant() {
    let dir = edited_pack("tests/14-erfaringsudveksling-et-moede.toml", |t| {
        t.replace("points.erfaringsudveksling", "points.erfaringsudveksing")
            .replace("[expect]", "[expect]\nelegible = true")
    });
    let pack = dir.path().join("pack");
    let out = kriterium(&["test", pack.to_str().unwrap()]).run().code(1);
    let shown = failure_of(&out.stdout, "ERROR").replace(pack.to_str().unwrap(), "PACK");
    crate::util::assert_snapshot!(shown);
    assert!(
        out.stdout
            .contains("\n46 cases: 45 passed, 0 failed, 1 could not run")
    );
}

/// The lines of the first case whose line starts with `marker`, up to the next case.
fn failure_of(stdout: &str, marker: &str) -> String {
    let mut lines = stdout.lines().skip_while(|l| !l.starts_with(marker));
    let mut out: Vec<&str> = lines.next().into_iter().collect();
    out.extend(lines.take_while(|l| l.starts_with(' ')));
    out.join("\n")
}

/// Under Danish, a failing case is shown in Danish: the marks, the labels, what was checked,
/// and numbers with a decimal comma.
#[test]
fn a_failing_case_is_shown_in_the_language_of_messages() {
    let dir = edited_pack("tests/11-talentevents-et-lokalt-event.toml", |t| {
        t.replace("[expect]", "[expect]\ntotal = 1")
    });
    let pack = dir.path().join("pack");
    let out = kriterium(&["test", pack.to_str().unwrap()])
        .env("KRITERIUM_LANG", "da")
        .run()
        .code(1);
    assert_eq!(
        failure_of(&out.stdout, "FEJLET"),
        "FEJLET     tests/11-talentevents-et-lokalt-event.toml  Ét talentevent med deltagere fra én kommune giver 2 point
      total
        forventet:   1
        faktisk:     35,25
        begrundelse: »drift-efter-tilskud«: 0 point × vægt 3 = 0
        begrundelse: »nye-samarbejder«: 5 point × vægt 2,5 = 12,5
        begrundelse: »talentevents«: 2 point × vægt 2 = 4
        begrundelse: »ungdomsuddannelser«: 5 point × vægt 1,5 = 7,5
        begrundelse: »lokale-ressourcer«: 5 point × vægt 1,25 = 6,25
        begrundelse: »erfaringsudveksling«: 5 point × vægt 1 = 5"
    );
    assert!(out.stdout.contains("\nok         tests/"), "{}", out.stdout);
    assert!(
        out.stdout.contains("\n46 tilfælde: 45 bestået, 1 fejlet"),
        "{}",
        out.stdout
    );
    // Swedish takes the singular for one failed case.
    let out = kriterium(&["test", pack.to_str().unwrap()])
        .env("KRITERIUM_LANG", "sv")
        .run()
        .code(1);
    assert!(
        out.stdout.contains("\n        faktiskt:   35,25\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("\n46 testfall: 45 godkända, 1 underkänt"),
        "{}",
        out.stdout
    );
}

/// The reasons no case shows to be true: every `award`/`note`/`pass`/`fail` call no case reaches
/// is listed with its position; one marked `// defensive:` is listed apart and not counted.
#[test]
fn calls_no_case_reaches_are_listed_by_position_and_defensive_ones_apart() {
    let added = "\nif app.title == \"ingen ansøgning hedder sådan\" {\n    fail(\"aldrig\");\n}\n\
                 if app.title == \"heller ikke sådan\" {\n    // defensive: ingen gyldig ansøgning har den titel\n    fail(\"heller aldrig\");\n}\n";
    let pack = edited_pack("gates/kommuner.rhai", |text| format!("{text}{added}"));
    let script = pack.path().join("pack/gates/kommuner.rhai");
    let text = std::fs::read_to_string(&script).unwrap();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    let (plain, defensive) = (
        line_of("fail(\"aldrig\")"),
        line_of("fail(\"heller aldrig\")"),
    );
    let folder = pack.path().join("pack");
    let out = kriterium(&["test", folder.to_str().unwrap()]).run().code(0);
    let (unreached, marked) = out
        .stdout
        .split_once("Calls marked defensive")
        .expect("a list of defensive calls");
    assert!(
        unreached.contains(&format!("gates/kommuner.rhai:{plain}:5: fail(…)")),
        "{}",
        out.stdout
    );
    assert!(
        marked.contains(&format!("gates/kommuner.rhai:{defensive}:5: fail(…)")),
        "{}",
        out.stdout
    );
    assert!(!unreached.contains(&format!("kommuner.rhai:{defensive}:")));
    // The calls the cases do reach are not listed: the gate's own `pass` for three municipalities.
    let reached = text.lines().position(|l| l.contains("pass(")).unwrap() + 1;
    assert!(
        !out.stdout
            .contains(&format!("gates/kommuner.rhai:{reached}:")),
        "{}",
        out.stdout
    );
}

/// Every reason in every built-in pack is shown true by a case: `kriterium test` lists no
/// `award`/`note`/`pass`/`fail` call that no case reaches, and its summary counts none.
#[test]
fn every_call_in_every_built_in_pack_is_reached_by_a_case() {
    let packs = built_in_packs();
    assert!(
        packs.len() >= 3,
        "the three built-in packs at least: {packs:?}"
    );
    for pack in packs {
        let folder = format!("rules/{pack}");
        let out = kriterium(&["test", &folder]).run().code(0);
        assert!(
            !out.stdout.contains("Calls no test case reaches"),
            "{pack}: {}",
            out.stdout
        );
        let summary = out
            .stdout
            .lines()
            .last()
            .expect("`test` ends with its summary");
        assert!(
            summary.contains(" passed, 0 failed") && !summary.contains("reached by no test case"),
            "{pack}: {}",
            out.stdout
        );
    }
}
