//! The panel file in the register (`panel set`, `panel show`) and in a batch (`--panel`): every
//! problem of a file named at once in the reader's language, conflicts found by CVR numbers
//! however they are written and by name when the numbers differ, warnings for conflicts naming
//! applications no open round has, and `panel show` for a member who declared nothing.
//!
//! The register is the reviewed pack's round `R` of `tests/fixtures/reviewed-pack`
//! ([`Round`]); MIS-2025-002's applicant is Haderslev Idrætsråd, CVR 29189919.

use std::path::PathBuf;

use crate::register_reviews::Round;
use crate::util::{kriterium, temp_dir};

/// The fixture's three members (so the round's reviews keep their reviewers), then `more`.
fn panel_file(round: &Round, name: &str, more: &str) -> PathBuf {
    let text = format!(
        "[[member]]\nname = \"Anna Holm\"\n\n[[member]]\nname = \"Bo Jensen\"\n\n\
         [[member]]\nname = \"Mette Lauridsen\"\n\
         organisations = [{{ name = \"Sønderborg Musikskole\" }}]\n\n{more}"
    );
    let path = round.dir.path().join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// `panel set FILE` in `lang`.
fn set(round: &Round, file: &std::path::Path, lang: &str) -> crate::util::Output {
    round
        .run(&["panel", "set", file.to_str().unwrap()])
        .env("KRITERIUM_LANG", lang)
        .run()
}

/// Who stood aside from application `id` in its current assessment, and why (the JSON).
fn stood_aside(round: &Round, id: &str) -> serde_json::Value {
    let text: String = round
        .sql()
        .query_row(
            "SELECT json_extract(assessment, '$.reviews.stood_aside') FROM current_assessment \
             WHERE application_id = ?1",
            [id],
            |r| r.get(0),
        )
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

#[test]
fn a_panel_file_with_mistakes_is_refused_naming_every_one_in_danish() {
    let round = Round::new();
    let file = panel_file(
        &round,
        "fejl.toml",
        "[[member]]\nname = \"anna  holm\"\n\n\
         [[member]]\nname = \"Kim\"\norganisatons = [{ name = \"X\" }]\n\n\
         [[member]]\nname = \"Lis\"\norganisations = [{ name = \"Y\", cvr = \"1234\" }]\n\n\
         [[conflict]]\nmember = \"Bo Jensen\"\napplication = \"MIS-2025-003\"\nreason = \"\"\n",
    );
    let out = set(&round, &file, "da").code(2);
    let err = &out.stderr;
    for expected in [
        "fejl.toml« har 4 problemer, og panelet er ikke angivet:",
        "ukendt felt »organisatons«; mente du »organisations«?",
        "»anna  holm« er det samme navn som medlem nr. 1, »Anna Holm«",
        "CVR-nummeret »1234« for »Y« (medlemmet »Lis«) er ikke 8 cifre",
        "inhabiliteten har ingen begrundelse",
        "Registret er uændret.",
    ] {
        assert!(err.contains(expected), "{expected}\n{err}");
    }
    // Nothing English slipped through, and the panel set before is still the panel.
    assert!(
        !err.contains("listed twice") && !err.contains("unknown field"),
        "{err}"
    );
    let shown = round.run(&["panel", "show"]).run().code(0);
    assert!(shown.stdout.contains("(0 earlier"), "{}", shown.stdout);
    assert!(!shown.stdout.contains("Lis"), "{}", shown.stdout);
}

#[test]
fn an_empty_panel_is_refused() {
    let round = Round::new();
    let file = round.dir.path().join("tom.toml");
    std::fs::write(&file, "# medlemmerne kommer senere\n").unwrap();
    let out = set(&round, &file, "en").code(2);
    assert!(
        out.stderr.contains("the panel has no members"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_cvr_number_written_the_usual_way_matches_and_the_same_name_with_another_number_counts() {
    let round = Round::new();
    let file = panel_file(
        &round,
        "cvr.toml",
        // Another name, the applicant's number written with DK and spaces.
        "[[member]]\nname = \"Kim Dal\"\n\
         organisations = [{ name = \"Idrætsrådet\", cvr = \"DK 29 18 99 19\" }]\n\n\
         [[member]]\nname = \"Lis Mose\"\n\
         organisations = [{ name = \"Haderslev Idrætsråd\", cvr = \"13585628\" }]\n",
    );
    let out = set(&round, &file, "da").code(0);
    let aside = stood_aside(&round, "MIS-2025-002");
    let kinds: Vec<(&str, &str)> = aside
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["member"].as_str().unwrap(),
                s["reason"]["kind"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            ("Kim Dal", "organisation"),
            ("Lis Mose", "same_name_other_cvr")
        ]
    );
    assert_eq!(aside[0]["reason"]["by_cvr"], true);
    // Said when the panel is set, with both numbers and what to do.
    assert!(
        out.stderr.contains(
            "regnes »Lis Mose« som inhabil i »MIS-2025-002«: Lis Mose er tilknyttet Haderslev \
             Idrætsråd med CVR-nummer 13585628, mens ansøgningens Haderslev Idrætsråd har \
             CVR-nummer 29189919"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("Tjek CVR-nummeret i panelfilen"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_mistyped_cvr_number_is_refused_by_its_check_digit() {
    let round = Round::new();
    let file = panel_file(
        &round,
        "cvr.toml",
        "[[member]]\nname = \"Lis Mose\"\n\
         organisations = [{ name = \"Haderslev Idrætsråd\", cvr = \"29189918\" }]\n",
    );
    let out = set(&round, &file, "en").code(2);
    assert!(
        out.stderr.contains(
            "`29189918` of `Haderslev Idrætsråd` (the member `Lis Mose`) cannot be a CVR number: \
             its check digit does not fit (modulus 11)"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_conflict_naming_an_application_no_open_round_has_is_kept_with_a_warning() {
    let round = Round::new();
    let file = panel_file(
        &round,
        "panel.toml",
        "[[conflict]]\nmember = \"Bo Jensen\"\napplication = \"MIS-2025-0002\"\n\
         reason = \"Nabo til ansøgeren\"\n",
    );
    let out = set(&round, &file, "da").code(0);
    assert!(
        out.stderr.contains(
            "panelfilen erklærer »Bo Jensen« inhabil i »MIS-2025-0002«, men ingen åben runde har \
             en ansøgning med det id; mente du »MIS-2025-002«? Inhabiliteten er gemt"
        ),
        "{}",
        out.stderr
    );
    assert!(
        out.stdout.contains("1 oplyst inhabilitet"),
        "{}",
        out.stdout
    );
}

/// A round in which Bo Jensen scored MIS-2025-003, and a panel file in which he then declares
/// a conflict with it (a reason ending in a full stop).
fn bo_scored_then_declares_a_conflict() -> (Round, PathBuf) {
    let round = Round::new();
    let sheet = round.sheet("bo.csv", &[("Bo Jensen", "MIS-2025-003", "4", "")]);
    round.add(&[&sheet]).run().code(0);
    let file = panel_file(
        &round,
        "panel.toml",
        "[[conflict]]\nmember = \"Bo Jensen\"\napplication = \"MIS-2025-003\"\n\
         reason = \"Min søster leder kulturskolen.\"\n",
    );
    (round, file)
}

#[test]
fn a_declared_reason_note_has_one_full_stop_and_the_genitive_on_the_name() {
    let (round, file) = bo_scored_then_declares_a_conflict();
    let out = set(&round, &file, "da").code(0);
    assert!(
        out.stderr.contains(
            "tæller Bo Jensens bedømmelse af »MIS-2025-003« ikke længere: Bo Jensen har erklæret \
             sig inhabil: Min søster leder kulturskolen.\n"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn panel_show_has_no_dangling_dash_for_a_member_who_declared_nothing() {
    let round = Round::new();
    let file = panel_file(&round, "panel.toml", "[[member]]\nname = \"Ny Person\"\n");
    set(&round, &file, "en").code(0);
    let shown = round.run(&["panel", "show"]).run().code(0);
    assert!(shown.stdout.contains("\n  Ny Person\n"), "{}", shown.stdout);
    assert!(
        shown
            .stdout
            .contains("  Mette Lauridsen — organisations: Sønderborg Musikskole"),
        "{}",
        shown.stdout
    );
}

#[test]
fn a_batch_panel_file_with_mistakes_names_every_one_in_the_readers_language() {
    let dir = temp_dir();
    let panel = dir.path().join("panel.toml");
    std::fs::write(
        &panel,
        "[[member]]\nname = \"Anna Holm\"\n[[member]]\nname = \"ANNA HOLM\"\n\
         [[conflict]]\nmember = \"Anna Hom\"\napplication = \"MIS-2025-001\"\nreason = \"x\"\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = kriterium(&[
        "batch",
        "tests/fixtures/reviewed-pack/applications",
        "--rules",
        "tests/fixtures/reviewed-pack",
        "--reviews",
        "tests/fixtures/reviewed-pack/reviews/anna.csv",
        "--panel",
        panel.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .env("KRITERIUM_LANG", "sv")
    .run()
    .code(2);
    assert!(
        run.stderr
            .contains("”ANNA HOLM” är samma namn som medlem nr 1, ”Anna Holm”"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr.contains(
            "jävet är anmält för ”Anna Hom”, som inte är medlem i panelen; menade du ”Anna Holm”?"
        ),
        "{}",
        run.stderr
    );
}

#[test]
fn a_panel_file_not_saved_as_utf8_is_named_with_its_line() {
    let round = Round::new();
    let file = round.dir.path().join("latin1.toml");
    // "Søren" in Windows-1252 on line 2.
    std::fs::write(&file, b"[[member]]\nname = \"S\xf8ren\"\n").unwrap();
    let out = set(&round, &file, "da").code(2);
    assert!(
        out.stderr.contains(
            "latin1.toml« kan ikke læses: linje 2 er ikke UTF-8-tekst; gem filen som UTF-8"
        ),
        "{}",
        out.stderr
    );
}

/// `panel set FILE` with no language set and the C locale: the register's round (a Danish
/// pack) decides.
fn set_without_lang(round: &Round, file: &std::path::Path) -> crate::util::Output {
    round
        .run(&["panel", "set", file.to_str().unwrap()])
        .env_remove("KRITERIUM_LANG")
        .env_remove("LC_ALL")
        .env_remove("LC_MESSAGES")
        .env("LANG", "C.UTF-8")
        .run()
}

#[test]
fn without_lang_the_panel_files_problems_speak_the_registers_language() {
    let round = Round::new();
    let file = panel_file(
        &round,
        "fejl.toml",
        "[[member]]\nname = \"anna  holm\"\n\n\
         [[member]]\nname = \"Lis\"\norganisations = [{ name = \"Y\", cvr = \"1234\" }]\n",
    );
    let err = set_without_lang(&round, &file).code(2).stderr;
    assert!(
        err.contains("fejl.toml« har 2 problemer, og panelet er ikke angivet:"),
        "{err}"
    );
    assert!(
        !err.contains("problems") && !err.contains("is not"),
        "{err}"
    );
}

#[test]
fn without_lang_a_conflict_note_is_in_one_language() {
    let (round, file) = bo_scored_then_declares_a_conflict();
    let out = set_without_lang(&round, &file).code(0);
    assert!(
        out.stderr
            .contains("ikke længere: Bo Jensen har erklæret sig inhabil:"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("declared"), "{}", out.stderr);
}

#[test]
fn a_name_ending_in_s_takes_an_apostrophe_in_the_danish_genitive() {
    let round = Round::new();
    let jens = "[[member]]\nname = \"Jens Friis\"\n\n";
    set(&round, &panel_file(&round, "jens.toml", jens), "da").code(0);
    let sheet = round.sheet("jens.csv", &[("Jens Friis", "MIS-2025-003", "4", "")]);
    round.add(&[&sheet]).run().code(0);
    let file = panel_file(
        &round,
        "panel.toml",
        &format!(
            "{jens}[[conflict]]\nmember = \"Jens Friis\"\napplication = \"MIS-2025-003\"\n\
             reason = \"Min søster leder kulturskolen.\"\n"
        ),
    );
    let out = set(&round, &file, "da").code(0);
    assert!(
        out.stderr
            .contains("tæller Jens Friis' bedømmelse af »MIS-2025-003« ikke længere"),
        "{}",
        out.stderr
    );
    let out = set(&round, &file, "sv").code(0);
    assert!(!out.stderr.contains("Friiss"), "{}", out.stderr);
}

#[test]
fn a_sheets_decomposed_name_is_the_panels_composed_member() {
    let round = Round::new();
    // The panel file has the name composed, the sheet decomposed (as macOS gives it).
    let file = panel_file(&round, "panel.toml", "[[member]]\nname = \"Åse Holm\"\n");
    set(&round, &file, "da").code(0);
    let sheet = round.sheet("aase.csv", &[("A\u{30A}se Holm", "MIS-2025-003", "4", "")]);
    round.add(&[&sheet]).run().code(0);
    let stored: String = round
        .sql()
        .query_row(
            "SELECT reviewer FROM current_review WHERE application_id = 'MIS-2025-003' \
             AND reviewer LIKE '%Holm' AND reviewer <> 'Anna Holm'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(stored, "Åse Holm");
}
