//! The panel file against hand-made mistakes: every problem of a file in one run, in the
//! reader's language; CVR numbers normalised and checked (modulus 11); a declared reason's
//! own full stop not doubled.

use super::*;

/// Every problem of `text` as `panel.toml` rendered in `lang`, one string each.
fn problems_in(text: &str, lang: &str) -> Vec<String> {
    Panel::from_toml("panel.toml", text)
        .expect_err("the panel has mistakes")
        .iter()
        .map(|p| p.display_in(lang).to_string())
        .collect()
}

#[test]
fn a_panel_file_is_read_with_its_members_and_conflicts() {
    let panel = Panel::from_toml(
        "panel.toml",
        "[[member]]\nname = \"Mette\"\norganisations = [{ name = \"Nordby Musikskole\", cvr = \"DK 29 18 99 19\" }]\n\
         [[conflict]]\nmember = \"Mette\"\napplication = \"A\"\nreason = \"nabo\"\n",
    )
    .unwrap();
    assert_eq!(panel.members[0].organisations[0].name, "Nordby Musikskole");
    assert_eq!(panel.conflicts.len(), 1);
}

#[test]
fn every_problem_of_a_panel_file_is_named_in_one_run_in_file_order() {
    let text = "\
[[member]]
name = \"Anna Berg\"
organisations = [{ name = \"Nordby Musikskole\", cvr = \"1234\" }]
[[member]]
name = \"anna  berg\"
[[member]]
name = \"  \"
organisations = [{ name = \"X\", cvr = \"29189918\" }]
[[conflict]]
member = \"Anna Bergh\"
application = \"A-1\"
reason = \"nabo\"
[[conflict]]
member = \"Anna Berg\"
application = \"A-1\"
reason = \" \"
[[conflict]]
member = \"Anna Berg\"
application = \"A-1\"
reason = \"igen\"
";
    let found = problems_in(text, "da");
    assert_eq!(
        found,
        vec![
            "panel.toml:3:54: »member[0].organisations[0].cvr«: CVR-nummeret »1234« for \
             »Nordby Musikskole« (medlemmet »Anna Berg«) er ikke 8 cifre; »DK«, mellemrum, \
             bindestreger og punktummer tæller ikke med",
            "panel.toml:5:8: »member[1].name«: »anna  berg« er det samme navn som medlem nr. 1, \
             »Anna Berg«; et medlem må kun stå én gang (store og små bogstaver, mellemrum og \
             tegnsætning tæller ikke)",
            "panel.toml:7:8: »member[2].name«: medlemmet har intet navn",
            "panel.toml:8:38: »member[2].organisations[0].cvr«: »29189918« for »X« (medlemmet \
             »  «) kan ikke være et CVR-nummer: kontrolcifferet passer ikke (modulus 11); tjek \
             nummeret på datacvr.virk.dk",
            "panel.toml:10:10: »conflict[0].member«: inhabiliteten er erklæret for »Anna Bergh«, \
             som ikke er medlem af panelet; mente du »Anna Berg«?",
            "panel.toml:16:10: »conflict[1].reason«: inhabiliteten har ingen begrundelse; skriv i \
             »reason«, hvorfor medlemmet er inhabilt",
            "panel.toml:17:1: »conflict[2]«: »Anna Berg« og »A-1« er allerede erklæret som \
             inhabilitet nr. 2; erklær hver inhabilitet én gang",
        ]
    );
    // The same problems in English and Swedish, our words and not the TOML parser's.
    let english = problems_in(text, "en");
    assert!(english[1].contains("`anna  berg` is the same name as member no. 1"));
    let swedish = problems_in(text, "sv");
    assert!(
        swedish[2].ends_with("medlemmen har inget namn"),
        "{swedish:?}"
    );
}

#[test]
fn every_unknown_key_is_named_with_the_key_it_likely_meant_and_the_rest_still_checked() {
    let found = problems_in(
        "[[member]]\nname = \"A\"\norganisatons = [{ name = \"X\" }]\n[[membr]]\nname = \"B\"\n\
         [[member]]\nname = \"a\"\n",
        "da",
    );
    assert_eq!(found.len(), 3, "{found:?}");
    assert!(
        found[2].starts_with("panel.toml:7:8: »member[1].name«: »a« er det samme navn"),
        "{found:?}"
    );
    assert!(
        found[0].contains("ukendt felt »organisatons«; mente du »organisations«?"),
        "{found:?}"
    );
    assert!(
        found[1].contains("ukendt felt »membr«; mente du »member«?"),
        "{found:?}"
    );
}

#[test]
fn a_panel_without_members_is_refused() {
    assert_eq!(
        problems_in("# no one yet\n", "en"),
        vec![
            "panel.toml:1:1: the panel has no members; write each member as a `[[member]]` \
             with a `name`"
        ]
    );
}

#[test]
fn a_stored_panel_reads_without_the_checks_added_since_it_was_set() {
    // An earlier kriterium accepted these; the register's history must stay readable.
    let text = "[[member]]\nname = \"A\"\norganisations = [{ name = \"X\", cvr = \"1234\" }]\n\
                [[member]]\nname = \"a\"\n";
    assert!(Panel::from_toml("panel.toml", text).is_err());
    let stored = Panel::from_stored_toml("panel.toml", text).unwrap();
    assert_eq!(stored.members.len(), 2);
    // A text that is no panel at all still does not read.
    assert!(Panel::from_stored_toml("panel.toml", "[[member]\n").is_err());
}

#[test]
fn cvr_numbers_are_normalised_and_checked_with_modulus_11() {
    assert_eq!(normalise_cvr("DK 12 34 56 78"), "12345678");
    assert_eq!(normalise_cvr("dk-2918.9919"), "29189919");
    assert_eq!(normalise_cvr(" 29189919 "), "29189919");
    // 2·2 + 9·7 + 1·6 + 8·5 + 9·4 + 9·3 + 1·2 + 9·1 = 187 = 17·11.
    assert_eq!(cvr_problem("29189919"), None);
    assert_eq!(cvr_problem("13585628"), None);
    // One digit off: the sum moves by 1, never a multiple of 11.
    assert_eq!(cvr_problem("29189918"), Some(Wording::PanelCvrCheckDigit));
    for wrong in ["1234", "123456789", "1234567a", "", "１２３４５６７８"] {
        assert_eq!(
            cvr_problem(wrong),
            Some(Wording::PanelCvrNotEightDigits),
            "{wrong}"
        );
    }
}

#[test]
fn a_declared_reason_ending_in_a_full_stop_gives_a_sentence_without_one() {
    let stood = StoodAside {
        member: "Hanne Friis".into(),
        reason: ConflictReason::Declared {
            reason: "Min søster leder dansegruppen. ".into(),
        },
    };
    assert_eq!(
        format!("{}.", stood.text("da")),
        "Hanne Friis har erklæret sig inhabil: Min søster leder dansegruppen."
    );
}

/// `Åse Østergård` with `å` decomposed (`a` and the combining ring U+030A), as macOS and text
/// copied from a PDF give it.
const DECOMPOSED: &str = "A\u{30A}se \u{D8}sterga\u{30A}rd";

#[test]
fn a_name_given_composed_and_decomposed_is_one_member() {
    let text =
        format!("[[member]]\nname = \"Åse Østergård\"\n[[member]]\nname = \"{DECOMPOSED}\"\n");
    let problems = problems_in(&text, "en");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].contains("Åse Østergård"), "{problems:?}");
}

#[test]
fn names_are_stored_composed_and_compared_composed() {
    let text = format!(
        "[[member]]\nname = \"{DECOMPOSED}\"\norganisations = [{{ name = \"Nordby Idrætsra\u{30A}d\" }}]\n\
         [[conflict]]\nmember = \"{DECOMPOSED}\"\napplication = \"A\"\nreason = \"nabo\"\n"
    );
    let panel = Panel::from_toml("panel.toml", &text).unwrap();
    assert_eq!(panel.members[0].name, "Åse Østergård");
    assert_eq!(panel.conflicts[0].member, "Åse Østergård");
    assert_eq!(panel.members[0].organisations[0].name, "Nordby Idrætsråd");
    assert!(panel.has_member(DECOMPOSED) && panel.has_member("Åse Østergård"));
    assert_eq!(
        normalise_name("Nordby Idrætsra\u{30A}d"),
        normalise_name("nordby idrætsråd")
    );
}
