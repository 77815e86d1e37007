//! `[portfolio]` and `[funding]` in `pack.toml`: what loads, what is refused and warned of, and
//! the attributes an assessment computes.

use crate::decision::Decision;
use crate::pack::tests::MANIFEST_OK;
use crate::pack::{PackFiles, RulePack};
use crate::portfolio::AttributeValue;
use crate::scoring::{Assessment, Assessor};

/// To add to `MANIFEST_OK`: a period, a deadline, two attributes (`kommuner` from
/// `portfolio/kommuner.rhai`, `kultur` from `portfolio/kultur.rhai`) and two goals over them.
/// `cases.rs` tests with it too.
pub(crate) const PORTFOLIO: &str = r#"
[portfolio]
period = [2024, 2026]
deadline = "2027-12-31"
basis.kind = "source"
basis.quote = "Ultimo 2027 skal disse mål være opfyldt."

[[portfolio.attributes]]
id = "kommuner"
title.da = "Kommuner"
kind = "values"
script = "portfolio/kommuner.rhai"

[[portfolio.attributes]]
id = "kultur"
title.da = "Kultur"
kind = "flag"
script = "portfolio/kultur.rhai"

[[portfolio.goals]]
id = "alle"
title.da = "Alle kommuner"
attribute = "kommuner"
cover = ["Nordby", "Sydby", "Vestby"]
basis.kind = "source"
basis.quote = "Alle kommuner"

[[portfolio.goals]]
id = "kulturen"
title.da = "Kultur"
attribute = "kultur"
at_least = 1
basis.kind = "source"
basis.quote = "Min. én indsats med kultur"
"#;

const FUNDING: &str = r#"
[funding]
rule = "skip"
basis.kind = "reading"
basis.quote = "Kommissoriet siger intet om rækkefølgen."
basis.why.da = "Gruppen følger rangordningen og springer over."
"#;

const KOMMUNER: &str = "app.municipalities + [\"Sydby\"]";
const KULTUR: &str = "app.domains.contains(\"culture\")";

fn files(manifest: &str, scripts: &[(&str, &str)]) -> PackFiles {
    let mut all = vec![
        ("pack.toml", manifest),
        ("g.rhai", "pass(\"ja\");"),
        ("c.rhai", "award(2, \"to\");"),
        ("portfolio/kommuner.rhai", KOMMUNER),
        ("portfolio/kultur.rhai", KULTUR),
    ];
    for (path, text) in scripts {
        match all.iter_mut().find(|(p, _)| p == path) {
            Some(file) => file.1 = text,
            None => all.push((path, text)),
        }
    }
    PackFiles::from_memory("mem", all)
}

fn manifest(portfolio: &str) -> String {
    format!("{MANIFEST_OK}{portfolio}{FUNDING}")
}

fn errors(manifest: &str, scripts: &[(&str, &str)]) -> Vec<String> {
    match RulePack::load(files(manifest, scripts)) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.0.iter().map(|p| p.to_string()).collect(),
    }
}

fn warnings(manifest: &str) -> Vec<String> {
    crate::pack::tests::rule_warnings(files(manifest, &[]))
}

fn assess(pack: &RulePack) -> Result<Assessment, Vec<String>> {
    let text = include_str!("../../review/application.json");
    let valid = pack.validator().validate_text("a.json", text).unwrap();
    Assessor::new(pack)
        .unwrap()
        .assess(&valid)
        .map_err(|p| p.0.iter().map(|p| p.to_string()).collect())
}

#[test]
fn a_sound_portfolio_loads_and_its_scripts_are_part_of_the_fingerprint() {
    let pack = RulePack::load(files(&manifest(PORTFOLIO), &[])).unwrap();
    assert_eq!(pack.manifest.goal_specs().len(), 2);
    let changed = RulePack::load(files(
        &manifest(PORTFOLIO),
        &[("portfolio/kultur.rhai", "app.domains.contains(\"sport\")")],
    ))
    .unwrap();
    assert_ne!(pack.fingerprint, changed.fingerprint);
    assert_eq!(warnings(&manifest(PORTFOLIO)), Vec::<String>::new());
}

#[test]
fn each_attribute_is_computed_sorted_and_once_and_reaches_the_entry_and_the_decision() {
    let pack = RulePack::load(files(&manifest(PORTFOLIO), &[])).unwrap();
    let assessment = assess(&pack).unwrap();
    // The sample names Sydby, Nordby and Østby; the script adds Sydby again.
    let kommuner = AttributeValue::Values(vec!["Nordby".into(), "Sydby".into(), "Østby".into()]);
    assert_eq!(assessment.attributes["kommuner"], kommuner);
    assert_eq!(assessment.attributes["kultur"], AttributeValue::Flag(true));
    assert_eq!(
        assessment.entry(&pack, 150_000).attributes,
        assessment.attributes
    );
    let decision = assessment.to_decision(&pack, "da");
    let json = serde_json::to_value(&decision).unwrap();
    assert_eq!(
        json["attributes"],
        serde_json::json!({"kommuner": ["Nordby", "Sydby", "Østby"], "kultur": true})
    );
    let back: Decision = serde_json::from_value(json).unwrap();
    assert_eq!(back, decision);
}

#[test]
fn a_pack_without_attributes_writes_no_attributes_field() {
    let pack = RulePack::load(files(MANIFEST_OK, &[])).unwrap();
    let assessment = assess(&pack).unwrap();
    assert!(assessment.attributes.is_empty());
    let json = serde_json::to_value(assessment.to_decision(&pack, "da")).unwrap();
    assert!(json.get("attributes").is_none(), "{json}");
}

#[test]
fn an_attribute_of_the_wrong_type_rejects_the_application_naming_the_script_and_what_it_expects() {
    let pack = RulePack::load(files(
        &manifest(PORTFOLIO),
        &[
            ("portfolio/kultur.rhai", "app.domains"),
            ("portfolio/kommuner.rhai", "[\"Sydby\", 2]"),
        ],
    ))
    .unwrap();
    assert_eq!(
        assess(&pack).unwrap_err(),
        vec![
            "mem/portfolio/kommuner.rhai: portfolio attribute `kommuner`: item 2 of the list the \
             script gave is not a text but i64; an attribute with `kind = \"values\"` is a list \
             of texts",
            "mem/portfolio/kultur.rhai: portfolio attribute `kultur`: the script's last \
             expression must be `true` or `false` (the attribute has `kind = \"flag\"`), but it \
             gave array",
        ]
    );
    let pack = RulePack::load(files(
        &manifest(PORTFOLIO),
        &[("portfolio/kommuner.rhai", "let x = 1;")],
    ))
    .unwrap();
    let errors = assess(&pack).unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("must be a list of texts") && errors[0].ends_with("but it gave ()"),
        "{errors:?}"
    );
}

#[test]
fn attribute_scripts_are_compiled_and_their_property_paths_checked() {
    let errors = errors(
        &manifest(PORTFOLIO),
        &[("portfolio/kultur.rhai", "award(1, \"x\");\napp.domain")],
    );
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].starts_with("mem/portfolio/kultur.rhai:2:"),
        "{errors:?}"
    );
    assert!(errors[0].contains("domain"), "{errors:?}");
    let missing = manifest(PORTFOLIO).replace("portfolio/kultur.rhai", "portfolio/kultr.rhai");
    assert_eq!(
        errors_of(&missing),
        vec![
            "mem/pack.toml:38:10: `portfolio.attributes[1].script`: `portfolio/kultr.rhai` does \
             not exist in the pack; did you mean `portfolio/kultur.rhai`?"
        ]
    );
}

fn errors_of(manifest: &str) -> Vec<String> {
    errors(manifest, &[])
}

#[test]
fn goals_must_count_an_attribute_of_their_kind_in_exactly_one_way() {
    let wrong = PORTFOLIO
        .replace("attribute = \"kommuner\"", "attribute = \"kommune\"")
        .replace("at_least = 1", "at_least = 1\ncover = [\"x\"]");
    assert_eq!(
        errors_of(&manifest(&wrong)),
        vec![
            "mem/pack.toml:43:13: `portfolio.goals[0].attribute`: the goal `alle` counts the \
             attribute `kommune`, which is not among `[[portfolio.attributes]]`; did you mean \
             `kommuner`?",
            "mem/pack.toml:53:9: `portfolio.goals[1].cover`: the goal `kulturen` has both \
             `at_least` and `cover`; a goal counts one way: keep one, and make the other a goal \
             of its own",
        ]
    );
    let crossed = PORTFOLIO
        .replace("attribute = \"kommuner\"", "attribute = \"kultur\"")
        .replace(
            "attribute = \"kultur\"\nat_least",
            "attribute = \"kommuner\"\nat_least",
        );
    let errors = errors_of(&manifest(&crossed));
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("`portfolio.goals[0].cover`: the goal `alle` uses `cover`")
            && errors[0].contains("must have `kind = \"values\"`, but has `kind = \"flag\"`"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains("`portfolio.goals[1].at_least`: the goal `kulturen` uses `at_least`"),
        "{errors:?}"
    );
    let neither = PORTFOLIO.replace("at_least = 1\n", "");
    assert_eq!(
        errors_of(&manifest(&neither)),
        vec![
            "mem/pack.toml:48:1: `portfolio.goals[1]`: the goal `kulturen` does not say what it \
             counts: give either `at_least` (at least this many funded initiatives with the \
             attribute) or `cover` (each of these values named by at least one funded \
             initiative)"
        ]
    );
}

#[test]
fn a_goal_asks_for_something_ids_are_unique_and_the_period_and_deadline_make_sense() {
    let wrong = PORTFOLIO
        .replace("at_least = 1", "at_least = 0")
        .replace(
            "[\"Nordby\", \"Sydby\", \"Vestby\"]",
            "[\"Nordby\", \"Sydby\", \"Nordby\"]",
        )
        .replace("id = \"kultur\"", "id = \"kommuner\"")
        .replace("attribute = \"kultur\"", "attribute = \"kommuner\"")
        .replace("id = \"kulturen\"", "id = \"alle\"")
        .replace("[2024, 2026]", "[2026, 2024]")
        .replace("2027-12-31", "31-12-2027");
    let errors = errors_of(&manifest(&wrong));
    let expected = [
        "`portfolio.deadline`: `31-12-2027` is not a date written as YYYY-MM-DD",
        "`portfolio.period`: the period begins in 2026 and ends in 2024",
        "`portfolio.attributes[1].id`: `kommuner` is already the id at `portfolio.attributes[0].id`",
        "`portfolio.goals[1].id`: `alle` is already the id at `portfolio.goals[0].id`",
        "`portfolio.goals[0].cover[2]`: `Nordby` is in `cover` twice",
        "`portfolio.goals[1].at_least`: `at_least = 0` is always met",
    ];
    for part in expected {
        assert!(
            errors.iter().any(|e| e.contains(part)),
            "{part}\n{errors:#?}"
        );
    }
    // Two attributes named `kommuner`: the goals count the last, a flag, so `cover` is refused
    // as well.
    assert!(
        errors.iter().any(|e| e.contains("uses `cover`")),
        "{errors:#?}"
    );
    assert_eq!(errors.len(), expected.len() + 1, "{errors:#?}");

    let empty = PORTFOLIO
        .replace("[\"Nordby\", \"Sydby\", \"Vestby\"]", "[]")
        .replace("[2024, 2026]", "[1024, 2026]");
    let errors = errors_of(&manifest(&empty));
    assert_eq!(errors.len(), 2, "{errors:#?}");
    assert!(
        errors[1].contains("`portfolio.period[0]`: 1024 is not a year from 1900 to 2200"),
        "{errors:#?}"
    );
    assert!(errors[0].contains("`portfolio.goals[0].cover`: `cover` is empty"));
}

#[test]
fn partial_min_share_is_required_with_partial_only_and_lies_in_zero_to_one() {
    let with = |funding: &str| errors_of(&format!("{MANIFEST_OK}{PORTFOLIO}{funding}"));
    assert!(with("[funding]\nrule = \"partial\"\npartial_min_share = 0.5\n").is_empty());
    assert!(with("[funding]\nrule = \"partial\"\npartial_min_share = 1\n").is_empty());
    assert_eq!(
        with("[funding]\nrule = \"partial\"\n"),
        vec![
            "mem/pack.toml:56:8: `funding.rule`: the rule `partial` needs `partial_min_share`: \
             the least share of the requested amount a partial grant may be, e.g. `0.5` for half"
        ]
    );
    for share in ["0", "1.5", "-0.5", "0.125"] {
        let errors = with(&format!(
            "[funding]\nrule = \"partial\"\npartial_min_share = {share}\n"
        ));
        assert_eq!(errors.len(), 1, "{share}: {errors:?}");
        assert!(
            errors[0].contains("must be more than 0 and at most 1"),
            "{errors:?}"
        );
    }
    assert_eq!(
        with("[funding]\nrule = \"optimal\"\npartial_min_share = 0.5\n"),
        vec![
            "mem/pack.toml:57:21: `funding.partial_min_share`: `partial_min_share` belongs to \
             the rule `partial` only, but the rule is `optimal`: remove it, or write `rule = \
             \"partial\"`"
        ]
    );
}

#[test]
fn check_warns_of_goals_and_rules_without_a_basis_and_of_attributes_no_goal_counts() {
    let bare = PORTFOLIO
        .replace(
            "basis.kind = \"source\"\nbasis.quote = \"Ultimo 2027 skal disse mål være opfyldt.\"\n",
            "",
        )
        .replace("at_least = 1", "at_least = 2")
        .replace(
            "attribute = \"kommuner\"",
            "attribute = \"kultur\"\nat_least = 1",
        )
        .replace("cover = [\"Nordby\", \"Sydby\", \"Vestby\"]\n", "");
    let text = format!("{MANIFEST_OK}{bare}[funding]\nrule = \"strict\"\n");
    assert_eq!(
        warnings(&text),
        vec![
            "mem/pack.toml:22:1: `portfolio`: no `basis` says where the portfolio's goals and \
             deadline come from: add it with `kind` and `quote` with the source's own words",
            "mem/pack.toml:27:6: `portfolio.attributes[0].id`: no portfolio goal counts the \
             attribute `kommuner`, so it is computed and never used",
            "mem/pack.toml:50:12: `portfolio.goals[1].at_least`: no `at_least_basis` says where \
             the number 2 in the goal `kulturen` comes from: if the source does not give it, it \
             is your reading; add it with `kind = \"reading\"`, `quote` and `why`",
            "mem/pack.toml:54:8: `funding.rule`: no `basis` says why the programme uses the \
             funding rule `strict`: add it with `kind`, `quote` and, for a reading, `why`; the \
             rule decides who gets money when the budget runs out",
        ]
    );
}
