//! Reviews against hand-computed values: calibration offsets, spread and disagreement,
//! conflicts of interest, an application awaiting review, the fingerprint of what counted.

use super::*;
use crate::decision::Recommendation;
use crate::pack::{PackFiles, RulePack};
use crate::panel::{Affiliation, ConflictReason, DeclaredConflict, Member, Party};
use crate::scoring::Assessor;

/// A sample application with the places of its programme replaced by made-up ones (Rust names
/// no programme's places): Nordby Musikskole applies, with partners such as Østby Musikskole.
const SAMPLE: &str = include_str!("application.json");

/// A pack with a reviewed criterion `drift` (scale 0–5, disagreement at 2) and a facts-only
/// `fakta`; `extra` is added to `pack.toml` (e.g. `[reviews]`).
fn pack(extra: &str) -> RulePack {
    pack_with(extra, "", &[])
}

/// [`pack`], with `after` added at the end of `pack.toml` (e.g. a `[[gates]]` table) and
/// `files` beside it.
fn pack_with(extra: &str, after: &str, files: &[(&str, &str)]) -> RulePack {
    let manifest = format!(
        r#"
id = "p"
version = "1"
language = "da"
currency = "DKK"
budget = 100000
title.da = "P"
{extra}

[[criteria]]
id = "drift"
title.da = "Drift"
weight = 2
max_points = 5
script = "drift.rhai"
review.min = 0
review.max = 5
review.guidance.da = "5: sikker drift; 0: ingen drift"
review.disagreement = 2

[[criteria]]
id = "fakta"
title.da = "Fakta"
weight = 1
max_points = 1
script = "fakta.rhai"
{after}
"#
    );
    let drift = r#"award(reviews.median, `${reviews.count} bedømmere: ${reviews.listed} (median ${reviews.median})`);"#;
    let mut all = vec![
        ("pack.toml", manifest.as_str()),
        ("drift.rhai", drift),
        ("fakta.rhai", r#"award(1, "fakta");"#),
    ];
    all.extend_from_slice(files);
    RulePack::load(PackFiles::from_memory("p", all)).expect("the test pack loads")
}

fn review(app: &str, reviewer: &str, score: u32) -> Review {
    Review {
        application_id: app.into(),
        criterion: "drift".into(),
        reviewer: reviewer.into(),
        score,
        comment: String::new(),
    }
}

fn dec(text: &str) -> Decimal {
    text.parse().expect("a decimal")
}

fn offsets(book: &ReviewBook) -> Vec<(String, Decimal)> {
    book.leniency()
        .into_iter()
        .map(|l| (l.reviewer, l.offset))
        .collect()
}

#[test]
fn offsets_are_each_reviewers_mean_difference_from_the_panel_on_shared_applications() {
    let pack = pack("[reviews]\ncalibration = \"offset\"");
    // A1: 4, 2 (mean 3); A2: 5, 3, 4 (mean 4); A3: r3 alone (1), shared with no one.
    let reviews = vec![
        review("A1", "r1", 4),
        review("A1", "r2", 2),
        review("A2", "r1", 5),
        review("A2", "r2", 3),
        review("A2", "r3", 4),
        review("A3", "r3", 1),
    ];
    let book = ReviewBook::new(&pack.manifest, reviews, Panel::default()).unwrap();
    // r1: (4 + 5) / 2 = 4.5 against the panel's (3 + 4) / 2 = 3.5 → +1; r2: 2.5 against 3.5
    // → −1; r3: 4 against 4 on A2 (A3 is shared with no one) → 0.
    let leniency = book.leniency();
    assert_eq!(
        offsets(&book),
        vec![
            ("r1".to_string(), dec("1")),
            ("r2".to_string(), dec("-1")),
            ("r3".to_string(), dec("0"))
        ]
    );
    assert_eq!(
        (leniency[0].mean, leniency[0].panel_mean),
        (Some(dec("4.5")), Some(dec("3.5")))
    );
    assert_eq!((leniency[2].reviews, leniency[2].shared), (2, 1));

    // Calibrated, A1's two reviewers agree: 4 − 1 = 3 and 2 + 1 = 3.
    let app = sample_with_id("A1");
    let got = book.for_application(&pack.manifest, &app);
    let drift = got.criteria[0].as_ref().unwrap();
    let calibrated: Vec<_> = drift.scores.iter().map(|s| s.calibrated).collect();
    assert_eq!(calibrated, vec![Some(dec("3")), Some(dec("3"))]);
    assert!(got.calibrated_from.is_some());
    assert_eq!(
        got.criteria[1], None,
        "a facts-only criterion has no reviews"
    );
}

#[test]
fn offsets_round_to_two_decimals_and_calibrated_scores_stay_on_the_scale() {
    let pack = pack("[reviews]\ncalibration = \"offset\"");
    // r1 is 0.5 above the panel on B1 and even on B2 and B3: 0.5 / 3 = 0.1666… → 0.17.
    // On B4, r2 gives 5 and r1 gives 5: r2's offset −0.17 would lift 5 above the scale.
    let reviews = vec![
        review("B1", "r1", 3),
        review("B1", "r2", 2),
        review("B2", "r1", 4),
        review("B2", "r2", 4),
        review("B3", "r1", 1),
        review("B3", "r2", 1),
    ];
    let book = ReviewBook::new(&pack.manifest, reviews.clone(), Panel::default()).unwrap();
    assert_eq!(
        offsets(&book),
        vec![
            ("r1".to_string(), dec("0.17")),
            ("r2".to_string(), dec("-0.17"))
        ]
    );
    let b1 = book.for_application(&pack.manifest, &sample_with_id("B1"));
    let scores: Vec<_> = b1.criteria[0].as_ref().unwrap().counted();
    assert_eq!(scores, vec![dec("2.83"), dec("2.17")]);

    let mut more = reviews;
    more.push(review("B4", "r1", 5));
    more.push(review("B4", "r2", 5));
    let book = ReviewBook::new(&pack.manifest, more, Panel::default()).unwrap();
    let b4 = book.for_application(&pack.manifest, &sample_with_id("B4"));
    let scores: Vec<_> = b4.criteria[0].as_ref().unwrap().counted();
    // r1's offset is now 0.5 / 4 = 0.125 → 0.13: 5 − 0.13 = 4.87; r2's −0.13 gives 5.13 → 5.
    assert_eq!(scores, vec![dec("4.87"), dec("5")]);
}

#[test]
fn without_calibration_scores_count_as_given() {
    let pack = pack("");
    let reviews = vec![review("A1", "r1", 4), review("A1", "r2", 2)];
    let book = ReviewBook::new(&pack.manifest, reviews, Panel::default()).unwrap();
    let got = book.for_application(&pack.manifest, &sample_with_id("A1"));
    let drift = got.criteria[0].as_ref().unwrap();
    assert_eq!(drift.counted(), vec![dec("4"), dec("2")]);
    assert!(drift.scores.iter().all(|s| s.calibrated.is_none()));
    assert_eq!(got.calibrated_from, None);
}

#[test]
fn a_spread_reaching_the_threshold_flags_disagreement_and_the_script_reads_mean_and_median() {
    let pack = pack("");
    let reviews = vec![
        review("A-001", "Anne", 4),
        review("A-001", "Bo", 4),
        review("A-001", "Carl", 2),
    ];
    let book = ReviewBook::new(&pack.manifest, reviews, Panel::default()).unwrap();
    let app = sample_with_id("A-001");
    let got = book.for_application(&pack.manifest, &app);
    let drift = got.criteria[0].as_ref().unwrap();
    assert_eq!(drift.spread, Some(2));
    assert!(drift.disagreement, "4 − 2 = 2 reaches the threshold of 2");
    let counted = drift.counted();
    assert_eq!(mean(&counted), Some(dec("3.33")));
    assert_eq!(median(&counted), Some(dec("4")));
    assert_eq!(median(&[dec("3"), dec("4")]), Some(dec("3.5")));

    let assessment = assess(&pack, &book, &app);
    assert_eq!(assessment.criteria[0].points, dec("4"));
    assert_eq!(
        assessment.criteria[0].reasons,
        vec!["3 bedømmere: 4, 4 og 2 (median 4)".to_string()]
    );
    assert_eq!(assessment.total, dec("9"));
    assert_eq!(assessment.recommendation(&pack), None, "ranked");

    // One point less apart: no flag.
    let reviews = vec![review("A-001", "Anne", 4), review("A-001", "Carl", 3)];
    let book = ReviewBook::new(&pack.manifest, reviews, Panel::default()).unwrap();
    let got = book.for_application(&pack.manifest, &app);
    assert!(!got.criteria[0].as_ref().unwrap().disagreement);
}

#[test]
fn an_application_a_gate_refuses_is_never_flagged_for_discussion() {
    // The pack of `pack`, with a gate every application fails.
    let gated = pack_with(
        "",
        "[[gates]]\nid = \"lukket\"\ntitle.da = \"Lukket\"\nscript = \"lukket.rhai\"\n",
        &[("lukket.rhai", r#"fail("lukket");"#)],
    );
    let reviews = vec![review("A-001", "Anne", 5), review("A-001", "Bo", 0)];
    let app = sample_with_id("A-001");
    let book = ReviewBook::new(&gated.manifest, reviews.clone(), Panel::default()).unwrap();
    let assessment = assess(&gated, &book, &app);
    assert_eq!(
        assessment.recommendation(&gated),
        Some(Recommendation::Ineligible)
    );
    let decision = assessment.to_decision(&gated, "da");
    let drift = decision.criteria[0].review.as_ref().unwrap();
    assert_eq!(drift.spread, Some(5), "the spread is still shown");
    assert!(!drift.disagreement, "but nothing is to be discussed");
    // The same scores on an eligible application are flagged.
    let open = pack("");
    let book = ReviewBook::new(&open.manifest, reviews, Panel::default()).unwrap();
    let decision = assess(&open, &book, &app).to_decision(&open, "da");
    assert!(decision.criteria[0].review.as_ref().unwrap().disagreement);
}

#[test]
fn without_reviews_an_application_awaits_review_and_is_not_scored_zero() {
    let pack = pack("");
    let app = sample_with_id("A-001");
    let assessment = assess(&pack, &ReviewBook::empty(), &app);
    assert!(assessment.awaiting_review());
    assert_eq!(
        assessment.recommendation(&pack),
        Some(Recommendation::AwaitingReview)
    );
    let decision = assessment.to_decision(&pack, "da");
    assert_eq!(
        decision.recommendation,
        Some(Recommendation::AwaitingReview)
    );
    let drift = decision.criteria[0].review.as_ref().unwrap();
    assert!(drift.awaiting());
    assert!(
        decision.criteria[0].reasons.is_empty(),
        "the script did not run"
    );
    assert!(decision.criteria[1].review.is_none());
    let json = serde_json::to_value(&decision).unwrap();
    assert_eq!(json["recommendation"], "awaiting_review");
    assert_eq!(
        json["criteria"][0]["review"]["scores"],
        serde_json::json!([])
    );
    assert!(json["criteria"][1].get("review").is_none());

    // Reviews of another application do not help.
    let book = ReviewBook::new(
        &pack.manifest,
        vec![review("OTHER", "Anne", 5)],
        Panel::default(),
    )
    .unwrap();
    assert!(assess(&pack, &book, &app).awaiting_review());
}

#[test]
fn a_review_outside_the_scale_of_an_unknown_or_facts_only_criterion_or_given_twice_is_refused() {
    let pack = pack("");
    let mut unknown = review("A", "Anne", 3);
    unknown.criterion = "nope".into();
    let mut facts = review("A", "Anne", 1);
    facts.criterion = "fakta".into();
    let refused = ReviewBook::new(
        &pack.manifest,
        vec![
            review("A", "Anne", 6),
            unknown,
            facts,
            review("A", "Bo", 2),
            review("A", "Bo", 3),
        ],
        Panel::default(),
    )
    .unwrap_err();
    let reasons: Vec<_> = refused.iter().map(|r| r.reason.clone()).collect();
    assert_eq!(
        reasons,
        vec![
            RefusalReason::OutsideScale { min: 0, max: 5 },
            RefusalReason::UnknownCriterion,
            RefusalReason::NotReviewed,
            RefusalReason::Twice,
        ]
    );
    assert_eq!(
        refused[3].review.score, 3,
        "the second of the two is refused"
    );
}

fn member(name: &str, organisation: &str, cvr: Option<&str>, municipality: &str) -> Member {
    Member {
        name: name.into(),
        organisations: vec![Affiliation {
            name: organisation.into(),
            cvr: cvr.map(Into::into),
        }],
        municipalities: vec![municipality.into()],
        roles: Vec::new(),
    }
}

#[test]
fn a_member_affiliated_with_a_party_stands_aside_and_their_review_is_refused() {
    let pack = pack("");
    let app = sample_with_id("A-001");
    let panel = Panel {
        members: vec![
            // The applicant organisation, written differently.
            member("Mette", "nordby  MUSIKSKOLE.", None, "Nordby"),
            // A partner.
            member("Jens", "Østby Musikskole", None, "Østby"),
            // No tie to the application: only the municipality, which this pack does not count.
            member("Ida", "Sydby Idrætsråd", None, "Sydby"),
            // Declared by hand.
            member("Ole", "Tønder Kommune", None, "Tønder"),
        ],
        conflicts: vec![DeclaredConflict {
            member: "Ole".into(),
            // Typed in lower case: still the application A-001.
            application: "a-001".into(),
            reason: "Min datter spiller i orkestret".into(),
        }],
    };
    let reviews = vec![review("A-001", "Mette", 5), review("A-001", "Ida", 3)];
    let book = ReviewBook::new(&pack.manifest, reviews, panel).unwrap();
    let got = book.for_application(&pack.manifest, &app);
    let aside: Vec<(&str, &ConflictReason)> = got
        .stood_aside
        .iter()
        .map(|s| (s.member.as_str(), &s.reason))
        .collect();
    assert_eq!(
        aside,
        vec![
            (
                "Jens",
                &ConflictReason::Organisation {
                    organisation: "Østby Musikskole".into(),
                    party: Party::Partner,
                    by_cvr: false
                }
            ),
            (
                "Mette",
                &ConflictReason::Organisation {
                    organisation: "Nordby Musikskole".into(),
                    party: Party::Applicant,
                    by_cvr: false
                }
            ),
            (
                "Ole",
                &ConflictReason::Declared {
                    reason: "Min datter spiller i orkestret".into()
                }
            ),
        ]
    );
    assert_eq!(
        got.stood_aside[1].text("da"),
        "Mette er tilknyttet ansøgeren, Nordby Musikskole"
    );
    assert_eq!(got.refused.len(), 1);
    assert_eq!(got.refused[0].review.reviewer, "Mette");
    assert_eq!(got.assessed_by, vec!["Ida".to_string()]);
    let scores = &got.criteria[0].as_ref().unwrap().scores;
    assert_eq!(scores.len(), 1, "only Ida's review counts");

    let decision = assess(&pack, &book, &app).to_decision(&pack, "da");
    let reviews = decision.reviews.unwrap();
    assert_eq!(reviews.assessed_by, vec!["Ida".to_string()]);
    assert_eq!(reviews.stood_aside.len(), 3);

    // The same municipality counts when the pack says so.
    let counting = self::pack("[reviews]\nmunicipality_conflicts = true");
    let ida = book
        .conflict(&counting.manifest, &app, "Ida")
        .expect("Sydby is one of the application's municipalities");
    assert_eq!(
        ida.reason,
        ConflictReason::Municipality {
            municipality: "Sydby".into()
        }
    );
    assert_eq!(book.conflict(&pack.manifest, &app, "Ida"), None);
}

#[test]
fn organisations_with_cvr_numbers_on_both_sides_are_compared_by_cvr_and_a_name_with_another_number_still_counts()
 {
    let pack = pack("");
    let mut app = sample_with_id("A-001");
    app.organisation.cvr = Some("29189919".into());
    let panel = Panel {
        members: vec![
            // Another name, the same number written the usual way.
            member(
                "Same number",
                "Musikskolen i Nordby",
                Some("DK 29 18 99 19"),
                "X",
            ),
            // The applicant's name, another (valid) number: counted, out of caution.
            member("Same name", "Nordby Musikskole", Some("13585628"), "X"),
            // Another name and another number: no conflict.
            member("Neither", "Sydby Musikskole", Some("13585628"), "X"),
        ],
        conflicts: Vec::new(),
    };
    let found = panel.conflicts(&pack.manifest, &app);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(found[0].member, "Same name");
    assert_eq!(
        found[0].reason,
        ConflictReason::SameNameOtherCvr {
            organisation: "Nordby Musikskole".into(),
            party: Party::Applicant,
            member_cvr: "13585628".into(),
            cvr: "29189919".into(),
        }
    );
    assert_eq!(
        found[0].text("da"),
        "Same name er tilknyttet Nordby Musikskole med CVR-nummer 13585628, mens ansøgningens \
         Nordby Musikskole har CVR-nummer 29189919; samme navn regnes af forsigtighed som \
         inhabilitet"
    );
    assert_eq!(found[1].member, "Same number");
    assert!(matches!(
        found[1].reason,
        ConflictReason::Organisation { by_cvr: true, .. }
    ));
}

#[test]
fn the_fingerprint_covers_what_counted_and_not_the_order_it_came_in() {
    let pack = pack("");
    let app = sample_with_id("A-001");
    let fingerprint = |reviews: Vec<Review>| {
        let book = ReviewBook::new(&pack.manifest, reviews, Panel::default()).unwrap();
        book.for_application(&pack.manifest, &app)
            .fingerprint
            .unwrap()
    };
    let a = fingerprint(vec![review("A-001", "Anne", 4), review("A-001", "Bo", 2)]);
    let b = fingerprint(vec![review("A-001", "Bo", 2), review("A-001", "Anne", 4)]);
    let c = fingerprint(vec![review("A-001", "Anne", 4), review("A-001", "Bo", 3)]);
    let other_application = fingerprint(vec![
        review("A-001", "Anne", 4),
        review("A-001", "Bo", 2),
        review("ANOTHER", "Bo", 5),
    ]);
    assert_eq!(a, b);
    assert_ne!(a, c);
    assert_eq!(
        a, other_application,
        "only this application's reviews count"
    );
    assert!(a.starts_with("sha256:"));
}

fn sample_with_id(id: &str) -> Application {
    let mut app: Application = serde_json::from_str(SAMPLE).expect("the sample is an application");
    app.id = id.into();
    app
}

fn assess(pack: &RulePack, book: &ReviewBook, app: &Application) -> crate::scoring::Assessment {
    let text = serde_json::to_string(app).unwrap();
    let valid = pack.validator().validate_text("a.json", &text).unwrap();
    Assessor::new(pack)
        .unwrap()
        .assess_reviewed(&valid, book)
        .unwrap()
}

#[test]
fn a_review_refused_for_a_conflict_does_not_move_the_offsets() {
    let pack = pack("[reviews]\ncalibration = \"offset\"");
    let x = sample_with_id("X");
    let mut y = sample_with_id("Y");
    y.organisation.name = "Et andet orkester".into();
    let panel = Panel {
        members: ["Anne", "Bo"]
            .into_iter()
            .map(|n| member(n, "Ingen", None, "Ingen"))
            .chain([member("Karen", "Nordby Musikskole", None, "Ingen")])
            .collect(),
        conflicts: Vec::new(),
    };
    // Karen applied for X (her school is the applicant) and is refused there.
    let reviews = vec![
        review("X", "Anne", 5),
        review("X", "Karen", 1),
        review("X", "Bo", 5),
        review("Y", "Anne", 3),
        review("Y", "Karen", 3),
        review("Y", "Bo", 3),
    ];
    let book = ReviewBook::new(&pack.manifest, reviews, panel).unwrap();
    // Counted in the offsets, Karen's 1 makes Anne and Bo look lenient: X's mean is 11/3, so
    // their offsets are (5 − 3.67 + 0) / 2 = 0.67 and X gets 4.33 from both.
    let naive = book.for_application(&pack.manifest, &x);
    assert_eq!(
        naive.criteria[0].as_ref().unwrap().counted(),
        vec![dec("4.33"), dec("4.33")]
    );
    // Left out, Anne and Bo agree with the panel on X (5 and 5) and on Y: offsets 0.
    let book = book.leaving_out_conflicts(&pack.manifest, [&x, &y]);
    assert!(offsets(&book).iter().all(|(_, o)| *o == Decimal::ZERO));
    let got = book.for_application(&pack.manifest, &x);
    assert_eq!(
        got.criteria[0].as_ref().unwrap().counted(),
        vec![dec("5"), dec("5")]
    );
    assert_eq!(got.refused.len(), 1, "Karen's review is still refused");
    assert_eq!(assess(&pack, &book, &x).criteria[0].points, dec("5"));
}

#[test]
fn scripts_read_listed_scores_with_semicolons_where_a_decimal_comma_would_mislead() {
    let given = |calibrated: Option<&str>| ScoreGiven {
        reviewer: "r".into(),
        score: 4,
        calibrated: calibrated.map(dec),
        comment: String::new(),
    };
    let listed = |review: &CriterionReview, lang: &str| {
        let value = script_value(review, lang);
        let record = value.cast::<crate::script::record::Record>();
        record.get("listed").unwrap().to_string()
    };
    let whole = CriterionReview {
        scores: vec![given(None), given(None), given(None)],
        spread: Some(0),
        disagreement: false,
    };
    assert_eq!(listed(&whole, "da"), "4, 4 og 4");
    let calibrated = CriterionReview {
        scores: vec![given(Some("3.6")), given(Some("4.21")), given(Some("4"))],
        spread: Some(0),
        disagreement: false,
    };
    assert_eq!(listed(&calibrated, "da"), "3,6; 4,21 og 4");
    assert_eq!(listed(&calibrated, "en"), "3.6, 4.21 and 4");
}
