//! Loading packs from memory: what is accepted, what is refused, and where problems are placed.

use super::*;

/// A sound manifest: one gate (`g.rhai`), one criterion `en` (`c.rhai`). Other modules' tests
/// load packs with it too.
pub(crate) const MANIFEST_OK: &str = r#"
id = "test-pack"
version = "1.0.0"
language = "da"
currency = "DKK"
budget = 1000
title.da = "Prøve"

[[gates]]
id = "altid"
title.da = "Altid"
script = "g.rhai"

[[criteria]]
id = "en"
title.da = "Én"
weight = 1.25
max_points = 4
min_points = 1.5
script = "c.rhai"
"#;

fn load(manifest: &str, scripts: &[(&str, &str)]) -> Result<RulePack, Vec<String>> {
    let mut files = vec![("pack.toml", manifest)];
    files.extend_from_slice(scripts);
    RulePack::load(PackFiles::from_memory("mem", files))
        .map_err(|p| p.0.iter().map(|p| p.to_string()).collect())
}

fn ok_scripts() -> Vec<(&'static str, &'static str)> {
    vec![("g.rhai", "pass(\"ja\");"), ("c.rhai", "award(2, \"to\");")]
}

#[test]
fn a_sound_pack_loads_with_exact_weights() {
    let pack = load(MANIFEST_OK, &ok_scripts()).unwrap();
    assert_eq!(pack.manifest.criteria[0].weight.to_string(), "1.25");
    assert_eq!(
        pack.manifest.criteria[0].min_points.map(|d| d.to_string()),
        Some("1.5".to_string())
    );
    assert_eq!(pack.max_total().to_string(), "5");
    assert!(pack.fingerprint.starts_with("sha256:"));
}

#[test]
fn files_the_manifest_does_not_use_do_not_change_the_fingerprint() {
    let one = load(MANIFEST_OK, &ok_scripts()).unwrap();
    let mut more = ok_scripts();
    more.push(("README.md", "notes"));
    let two = load(MANIFEST_OK, &more).unwrap();
    assert_eq!(one.fingerprint, two.fingerprint);
    let mut changed = ok_scripts();
    changed[1] = ("c.rhai", "award(3, \"tre\");");
    assert_ne!(
        one.fingerprint,
        load(MANIFEST_OK, &changed).unwrap().fingerprint
    );
}

#[test]
fn toml_syntax_errors_have_a_position() {
    let errors = load("id = \"x\"\nversion = = 1\n", &[]).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(errors[0].starts_with("mem/pack.toml:2:"), "{errors:?}");
    assert!(errors[0].contains("invalid TOML"), "{errors:?}");
}

#[test]
fn schema_errors_point_at_the_line_of_the_value() {
    let manifest = MANIFEST_OK.replace("max_points = 4", "max_points = \"fire\"");
    let errors = load(&manifest, &ok_scripts()).unwrap_err();
    assert_eq!(
        errors,
        vec![
            "mem/pack.toml:18:14: `criteria[0].max_points`: expected a whole number, found a string (`fire`)"
        ]
    );
}

#[test]
fn a_missing_manifest_is_named() {
    let errors = RulePack::load(PackFiles::from_memory("mem", [("c.rhai", "")])).unwrap_err();
    assert_eq!(
        errors.to_string(),
        "mem/pack.toml: missing: a rule pack is a folder with a `pack.toml`"
    );
}

#[test]
fn semantic_problems_are_all_reported() {
    let manifest = MANIFEST_OK
        .replace("weight = 1.25", "weight = 1.125")
        .replace("min_points = 1.5", "min_points = 5")
        .replace("id = \"en\"", "id = \"altid\"")
        .replace("title.da = \"Én\"", "title.en = \"One\"")
        .replace("script = \"g.rhai\"", "script = \"../g.rhai\"");
    let errors = load(&manifest, &ok_scripts()).unwrap_err();
    let joined = errors.join("\n");
    assert!(
        joined.contains("`criteria[0].id`: `altid` is already the id at `gates[0].id`"),
        "{joined}"
    );
    assert!(
        joined.contains("`criteria[0].title`: no text in the pack's language `da`"),
        "{joined}"
    );
    assert!(
        joined.contains("`criteria[0].weight`: 1.125 must be"),
        "{joined}"
    );
    assert!(
        joined.contains("`criteria[0].min_points`: 5 must be from 0 to max_points (4)"),
        "{joined}"
    );
    assert!(
        joined.contains("`gates[0].script`: `../g.rhai` must be a relative path inside the pack"),
        "{joined}"
    );
    assert_eq!(errors.len(), 5, "{joined}");
}

#[test]
fn a_missing_script_gets_a_suggestion() {
    let manifest = MANIFEST_OK.replace("script = \"c.rhai\"", "script = \"cc.rhai\"");
    let errors = load(&manifest, &ok_scripts()).unwrap_err();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].contains(
            "`criteria[0].script`: `cc.rhai` does not exist in the pack; did you mean `c.rhai`?"
        ),
        "{errors:?}"
    );
}

#[test]
fn script_compile_errors_name_the_script_and_position() {
    let errors = load(
        MANIFEST_OK,
        &[
            ("g.rhai", "pass(\"ja\");"),
            ("c.rhai", "\n  awrd(2, \"to\");"),
        ],
    )
    .unwrap_err();
    assert_eq!(
        errors,
        vec!["mem/c.rhai:2:3: unknown function `awrd`; did you mean `award`?"]
    );
}

#[test]
fn the_extension_schema_is_checked_and_used() {
    let manifest = MANIFEST_OK.replace(
        "budget = 1000",
        "budget = 1000\nextra_schema = \"extra.json\"",
    );
    let extension =
        r#"{"type": "object", "required": ["genre"], "properties": {"genre": {"type": "string"}}}"#;
    let mut files = ok_scripts();
    files.push(("extra.json", extension));
    let pack = load(&manifest, &files).unwrap();
    let validator = pack.validator();
    // Left out entirely, `extra` answers nothing: the required answer is still missing.
    for application in [serde_json::json!({"extra": {}}), serde_json::json!({})] {
        let errors = validator
            .validate_value("a.json", application.clone())
            .unwrap_err();
        assert!(
            errors
                .iter()
                .any(|p| p.pointer.as_deref() == Some("/extra/genre")
                    && p.message.to_string().contains("missing")),
            "{application}: {errors:?}"
        );
    }

    // Not an object at all: one problem, from the application schema.
    let errors = validator
        .validate_value("a.json", serde_json::json!({"extra": "ja"}))
        .unwrap_err();
    let at_extra: Vec<_> = errors
        .iter()
        .filter(|p| p.pointer.as_deref() == Some("/extra"))
        .collect();
    assert_eq!(at_extra.len(), 1, "{errors:?}");

    let mut broken = ok_scripts();
    broken.push(("extra.json", "{\"type\": 5}"));
    let errors = load(&manifest, &broken).unwrap_err();
    assert!(
        errors[0].contains("is not a valid JSON Schema"),
        "{errors:?}"
    );
}

#[test]
fn a_script_that_does_not_parse_may_read_any_parameter() {
    let manifest = MANIFEST_OK.replace("[[gates]]", "[parameters]\nlimit = 5\n\n[[gates]]");
    let inspect = |criterion: &'static str| {
        let files = vec![
            ("pack.toml", manifest.as_str()),
            ("g.rhai", "pass(\"ja\");"),
            ("c.rhai", criterion),
        ];
        let unread: Vec<String> = RulePack::inspect(PackFiles::from_memory("mem", files))
            .warnings
            .iter()
            .map(|w| w.to_string())
            .filter(|w| w.contains("no script reads this parameter"))
            .collect();
        unread
    };
    // Its syntax error is the problem, not a parameter it may well read.
    assert_eq!(
        inspect("award(pack.parameters.limit, \"x\""),
        Vec::<String>::new()
    );
    assert_eq!(inspect("award(1, \"x\")").len(), 1);
    assert_eq!(
        inspect("award(pack.parameters.limit, \"x\")"),
        Vec::<String>::new()
    );
}

/// `MANIFEST_OK` with a budget per year instead of one amount.
fn per_year(table: &str) -> String {
    MANIFEST_OK.replace("budget = 1000\n", "") + "\n[budget]\n" + table
}

#[test]
fn a_budget_per_year_loads_and_runs_with_its_total_by_default() {
    let pack = load(
        &per_year("2024 = 200000\n2025 = 200000\n2026 = 0\n"),
        &ok_scripts(),
    )
    .unwrap();
    let manifest = &pack.manifest;
    assert_eq!(manifest.budget_for_year(2025), Some(200_000));
    assert_eq!(manifest.budget_for_year(2026), Some(0));
    assert_eq!(manifest.budget_for_year(2027), None);
    assert_eq!(manifest.budget_total(), 400_000);
    assert_eq!(
        pack.funds(),
        Funds {
            budget: 400_000,
            year: None
        }
    );
    // One amount is the budget of any year.
    let single = load(MANIFEST_OK, &ok_scripts()).unwrap();
    assert_eq!(single.manifest.budget_for_year(2031), Some(1000));
    assert_eq!(single.year_budget(2031), Ok(1000));
    assert_eq!(single.funds().budget, 1000);
}

#[test]
fn a_year_without_a_budget_is_a_problem_naming_the_years_there_are() {
    let pack = load(
        &per_year("2026 = 0\n2024 = 200000\n2025 = 200000\n"),
        &ok_scripts(),
    )
    .unwrap();
    assert_eq!(pack.year_budget(2024), Ok(200_000));
    let problem = pack.year_budget(2027).unwrap_err();
    assert_eq!(
        problem.to_string(),
        "mem/pack.toml: the pack has no budget for 2027; it has budgets for 2024, 2025 and 2026"
    );
    assert_eq!(
        problem.display_in("da").to_string(),
        "mem/pack.toml: regelsættet har intet budget for 2027; det har budgetter for 2024, 2025 og 2026"
    );
    let one = load(&per_year("2025 = 5\n"), &ok_scripts()).unwrap();
    assert_eq!(
        one.year_budget(2024).unwrap_err().message.to_string(),
        "the pack has no budget for 2024; it has budgets for 2025"
    );
}

#[test]
fn with_funds_changes_what_scripts_read_of_the_pack_and_nothing_else() {
    let pack = load(&per_year("2024 = 7\n2025 = 9\n"), &ok_scripts()).unwrap();
    assert_eq!(pack.script_view()["budget"], 16);
    assert_eq!(pack.script_view()["year"], Value::Null);
    let fingerprint = pack.fingerprint.clone();
    let funds = Funds {
        budget: 9,
        year: Some(2025),
    };
    let run = pack.with_funds(funds);
    assert_eq!(run.funds(), funds);
    assert_eq!(run.script_view()["budget"], 9);
    assert_eq!(run.script_view()["year"], 2025);
    assert_eq!(run.fingerprint, fingerprint);
    assert!(run.known_properties().contains(&"year".to_string()));
}

#[test]
fn a_budget_table_is_refused_unless_it_gives_years_and_amounts() {
    let cases = [
        (
            "2300 = 5\n",
            "`budget`: `2300` is not a year from 1900 to 2200",
        ),
        (
            "1899 = 5\n",
            "`budget`: `1899` is not a year from 1900 to 2200",
        ),
        ("2024 = -1\n", "-1 is less than the minimum of 0"),
        (
            "2024 = 1000000000001\n",
            "is more than the maximum of 1000000000000",
        ),
        ("2024 = \"x\"\n", "expected a whole number, found a string"),
        ("\"20x4\" = 5\n", "the field name `20x4` is not allowed"),
        ("", "`budget`: needs at least 1 field"),
    ];
    for (table, expected) in cases {
        let errors = load(&per_year(table), &ok_scripts()).unwrap_err();
        assert_eq!(errors.len(), 1, "{table}: {errors:?}");
        assert!(errors[0].starts_with("mem/pack.toml:"), "{errors:?}");
        assert!(errors[0].contains(expected), "{table}: {errors:?}");
        // The form the value is not written in (one amount) is not offered as a problem.
        assert!(!errors[0].contains("found an object"), "{errors:?}");
    }
}

/// A letter's case number fills in `{round}`, `{application}` and `{year}` and nothing else: an
/// unknown placeholder, or one never closed, would print as it stands in every letter.
#[test]
fn a_case_number_may_use_only_round_application_and_year() {
    assert!(case_number_problems("MiS-{year}-{application}-{round}").is_empty());
    let render = |pattern: &str| -> Vec<String> {
        case_number_problems(pattern)
            .iter()
            .map(|m| m.render("da"))
            .collect()
    };
    // Without the application every letter of a round would share its number.
    assert_eq!(
        render("uden pladsholdere"),
        [
            "sagsnummeret indeholder ikke »{application}«, så alle breve i en runde ville få samme \
          nummer"
        ]
    );
    // A `}` that closes nothing, before a placeholder or after the last.
    assert_eq!(
        render("MiS/round}/{application}"),
        ["»}« ved tegn nr. 10 lukker ingen pladsholder; en pladsholder skrives som »{round}«"]
    );
    assert_eq!(
        render("{application}}"),
        ["»}« ved tegn nr. 14 lukker ingen pladsholder; en pladsholder skrives som »{round}«"]
    );
    let found: Vec<String> = case_number_problems("X-{aar}-{application}-{år")
        .iter()
        .map(|m| m.render("da"))
        .collect();
    assert_eq!(
        found,
        [
            "»{aar}« kan ikke stå i et sagsnummer; brug »{round}« eller »{application}« eller \
             »{year}«",
            "en pladsholder begynder ved tegn nr. 23 uden at blive lukket med »}«; skriv den som \
             »{application}«",
        ]
    );
    // Loading refuses it at the line of the case number.
    let manifest = format!(
        "{MANIFEST_OK}\n[letter]\nsender.da = \"A\"\ncase_number = \"S-{{nr}}-{{application}}\"\n\
         legal_basis.da = \"B\"\nconditions.da = \"C\"\ncomplaints.da = \"D\"\nsignature.da = \"E\"\n"
    );
    let errors = load(&manifest, &ok_scripts()).unwrap_err();
    assert_eq!(
        errors,
        [
            "mem/pack.toml:24:15: `letter.case_number`: `{nr}` cannot stand in a case number; use \
          `{round}` or `{application}` or `{year}`"
        ]
    );
}

/// A letter is written in one language: each `[letter]` text and each basis name must be there
/// in the pack's language, or the letter would borrow another language's.
#[test]
fn the_letter_words_must_be_in_the_packs_language() {
    let manifest = format!(
        "{MANIFEST_OK}\n[basis_names]\nsource.en = \"The source\"\nreading.da = \"Læsning\"\n\
         [letter]\nsender.da = \"A\"\ncase_number = \"S-{{application}}\"\n\
         legal_basis.da = \"B\"\nconditions.da = \"C\"\ncomplaints.en = \"D\"\nsignature.da = \"E\"\n"
    );
    let errors = load(&manifest, &ok_scripts()).unwrap_err();
    assert_eq!(
        errors,
        [
            "mem/pack.toml:23:1: `basis_names.source`: no text in the pack's language `da`",
            "mem/pack.toml:30:1: `letter.complaints`: no text in the pack's language `da`",
        ]
    );
}

/// `MANIFEST_OK` with its criterion scored by reviewers on `min..=max`, guidance in `guidance`'s
/// language, and `extra` lines added to `[criteria.review]`-level keys.
fn reviewed_manifest(min: u32, max: u32, guidance_lang: &str, extra: &str) -> String {
    MANIFEST_OK.replace(
        "script = \"c.rhai\"\n",
        &format!(
            "script = \"c.rhai\"\nreview.min = {min}\nreview.max = {max}\nreview.guidance.{guidance_lang} = \"5: sikker drift\"\n{extra}"
        ),
    )
}

fn warnings_of(manifest: &str, criterion: &str) -> Vec<String> {
    let files = [
        ("pack.toml", manifest),
        ("g.rhai", "pass(\"ja\");"),
        ("c.rhai", criterion),
    ];
    rule_warnings(PackFiles::from_memory("mem", files))
}

/// The warnings of a pack that loads, as text, without those about the bases of the gates,
/// criteria, weights and minimums a test pack lacks (another test's).
pub(crate) fn rule_warnings(files: PackFiles) -> Vec<String> {
    let inspection = RulePack::inspect(files);
    assert!(inspection.pack.is_ok(), "{:?}", inspection.pack.err());
    inspection
        .warnings
        .iter()
        .map(|w| w.to_string())
        .filter(|w| {
            !w.contains("no `weight_basis`")
                && !w.contains("no `min_points_basis`")
                && !w.contains("does not say where")
        })
        .collect()
}

#[test]
fn a_reviewers_scale_must_leave_a_choice_and_its_rubric_must_be_in_the_packs_language() {
    const READS: &str = "award(reviews.median, \"x\");";
    let scripts = [("g.rhai", "pass(\"ja\");"), ("c.rhai", READS)];
    assert!(load(&reviewed_manifest(0, 5, "da", ""), &scripts).is_ok());
    let errors = load(&reviewed_manifest(3, 3, "en", ""), &scripts).unwrap_err();
    assert_eq!(
        errors,
        vec![
            "mem/pack.toml:23:8: `criteria[0].review.guidance`: no text in the pack's language `da`",
            "mem/pack.toml:21:14: `criteria[0].review.min`: `review.min` (3) must be less than `review.max` (3); otherwise reviewers have nothing to choose from",
        ]
    );
    // Scores on 1..=4 differ by at most 3: a threshold of 4 would never flag anything.
    let errors = load(
        &reviewed_manifest(1, 4, "da", "review.disagreement = 4\n"),
        &scripts,
    )
    .unwrap_err();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains(
            "`criteria[0].review.disagreement`: `review.disagreement` (4) is more than the scale allows (`review.max` − `review.min` = 3)"
        ),
        "{errors:?}"
    );
    assert!(
        load(
            &reviewed_manifest(1, 4, "da", "review.disagreement = 3\n"),
            &scripts
        )
        .is_ok()
    );
}

#[test]
fn check_warns_of_reviews_never_read_read_without_review_and_review_rules_without_basis() {
    let reviewed = reviewed_manifest(0, 4, "da", "review.disagreement = 2\n");
    // Read through a variable and a function: still read.
    let reads = "fn half(r) { r.median / 2 }\nlet r = reviews;\naward(half(r), \"x\");";
    let warnings = warnings_of(&reviewed, reads);
    assert_eq!(
        warnings,
        vec![
            "mem/pack.toml:24:23: `criteria[0].review.disagreement`: no `review.disagreement_basis` says where the disagreement threshold of 2 points on the criterion `en` comes from: add it with `kind`, `quote` and, for a reading, `why`"
        ]
    );
    // Never read: the reviewers' scores count for nothing. A script variable of the same name
    // is the script's own, not the reviews.
    let warnings = warnings_of(&reviewed, "let reviews = 2;\naward(reviews, \"x\");");
    assert!(
        warnings.iter().any(|w| w.contains(
            "the criterion `en` is scored by reviewers (`review`), but its script never reads `reviews`"
        )),
        "{warnings:?}"
    );
    // Read by a criterion scored from the facts alone.
    let warnings = warnings_of(MANIFEST_OK, "if reviews == () { award(1, \"x\"); }");
    assert_eq!(
        warnings,
        vec![
            "mem/pack.toml:20:10: `criteria[0].script`: the script of the criterion `en` reads `reviews`, but the criterion has no `review` in pack.toml, so `reviews` is always empty (`()`) there"
        ]
    );
    // Calibration changes points: it needs its basis; without calibration, none is asked for.
    let calibrated = format!("{reviewed}\n[reviews]\ncalibration = \"offset\"\n");
    let warnings = warnings_of(&calibrated, reads);
    assert!(
        warnings.iter().any(|w| w.contains(
            "`reviews.calibration`: no `calibration_basis` says why reviewers' scores are calibrated (`offset`)"
        )),
        "{warnings:?}"
    );
    let uncalibrated = format!("{reviewed}\n[reviews]\nmunicipality_conflicts = true\n");
    assert_eq!(warnings_of(&uncalibrated, reads).len(), 1);
}
