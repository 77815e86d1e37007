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
                .ends_with(&format!("\n{cases} cases: {cases} passed, 0 failed\n")),
            "{pack}: {}",
            out.stdout
        );
        // Every gate and criterion is expected of by some case (`gates.ID`, `points.ID`, or in
        // JSON).
        let cases: Vec<String> = files_in(&root().join(&folder).join("tests"))
            .iter()
            .filter(|f| f.is_file())
            .map(|f| std::fs::read_to_string(f).unwrap())
            .collect();
        let manifest = std::fs::read_to_string(root().join(&folder).join("pack.toml")).unwrap();
        for id in manifest
            .lines()
            .filter_map(|l| l.strip_prefix("id = \""))
            .skip(1)
        {
            let id = id.trim_end_matches('"');
            assert!(
                cases
                    .iter()
                    .any(|c| c.contains(&format!(".{id} = ")) || c.contains(&format!("\"{id}\":"))),
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
          kommune giver 2 point"
        ]
    );
    crate::util::assert_snapshot!(failure_of(&out.stdout, "FAIL"));
    assert!(
        out.stdout.ends_with("23 cases: 22 passed, 1 failed\n"),
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
            .ends_with("23 cases: 22 passed, 0 failed, 1 could not run\n")
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
        faktisk:     50,25
        begrundelse: »drift-efter-tilskud«: 5 point × vægt 3 = 15
        begrundelse: »nye-samarbejder«: 5 point × vægt 2,5 = 12,5
        begrundelse: »talentevents«: 2 point × vægt 2 = 4
        begrundelse: »ungdomsuddannelser«: 5 point × vægt 1,5 = 7,5
        begrundelse: »lokale-ressourcer«: 5 point × vægt 1,25 = 6,25
        begrundelse: »erfaringsudveksling«: 5 point × vægt 1 = 5"
    );
    assert!(out.stdout.contains("\nok         tests/"), "{}", out.stdout);
    assert!(
        out.stdout.ends_with("23 tilfælde: 22 bestået, 1 fejlet\n"),
        "{}",
        out.stdout
    );
    // Swedish takes the singular for one failed case.
    let out = kriterium(&["test", pack.to_str().unwrap()])
        .env("KRITERIUM_LANG", "sv")
        .run()
        .code(1);
    assert!(
        out.stdout.contains("\n        faktiskt:   50,25\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .ends_with("23 testfall: 22 godkända, 1 underkänt\n"),
        "{}",
        out.stdout
    );
}
