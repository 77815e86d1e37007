//! Reweighing by hand-worked examples: a weight change that moves funding from one application
//! to another, one that drops an application under the threshold, and weights refused.

use super::*;
use crate::decision::Recommendation;
use crate::diff::{self, Assessed, Round};
use crate::pack::PackFiles;

/// Two criteria `a` and `b`, weight 1 each, at most 10 points; threshold 8.
const MANIFEST: &str = r#"
id = "tune-test"
version = "1.5.0"
language = "da"
currency = "DKK"
budget = 100
title.da = "Prøve"
threshold = 8

[[gates]]
id = "altid"
title.da = "Altid"
script = "g.rhai"

[[criteria]]
id = "a"
title.da = "A"
weight = 1
max_points = 10
script = "c.rhai"

[[criteria]]
id = "b"
title.da = "B"
weight = 1
max_points = 10
script = "c.rhai"
"#;

fn pack() -> RulePack {
    RulePack::load(PackFiles::from_memory(
        "mem",
        [
            ("pack.toml", MANIFEST),
            ("g.rhai", "pass(\"ja\");"),
            ("c.rhai", "award(2, \"to\");"),
        ],
    ))
    .expect("the test pack loads")
}

fn d(text: &str) -> Decimal {
    Decimal(text.parse().expect("a decimal"))
}

fn entry(id: &str, a: &str, b: &str) -> Entry {
    let total = Decimal(d(a).0 + d(b).0);
    Entry {
        application_id: id.to_string(),
        requested: 100,
        total,
        points: vec![d(a), d(b)],
        excluded: None,
        attributes: Default::default(),
    }
}

/// `x` has 8 + 2 = 10 points, `y` 3 + 6 = 9; the budget (100) funds one of them.
fn entries() -> Vec<Entry> {
    vec![entry("x", "8", "2"), entry("y", "3", "6")]
}

fn assessed(entries: &[Entry]) -> Vec<Assessed> {
    entries
        .iter()
        .map(|e| Assessed {
            entry: e.clone(),
            title: e.application_id.clone(),
            awaiting: Vec::new(),
        })
        .collect()
}

#[test]
fn doubling_b_moves_funding_from_x_to_y() {
    let pack = pack();
    let old = entries();
    let (tuned, new) = reweigh(&pack, &old, &[d("1"), d("2")]).expect("valid weights");
    // x: 8×1 + 2×2 = 12; y: 3×1 + 6×2 = 15.
    assert_eq!(new[0].total, d("12"));
    assert_eq!(new[1].total, d("15"));
    assert_eq!(tuned.manifest.criteria[1].weight, d("2"));
    assert_eq!(
        pack.manifest.criteria[1].weight,
        d("1"),
        "the pack is untouched"
    );
    let (old_a, new_a) = (assessed(&old), assessed(&new));
    let diff = diff::compare(
        Round {
            pack: &pack,
            budget: 100,
            assessed: &old_a,
            rejected: &[],
        },
        Round {
            pack: &tuned,
            budget: 100,
            assessed: &new_a,
            rejected: &[],
        },
    )
    .expect("no solver");
    assert_eq!(diff.summary.newly_funded, 1);
    assert_eq!(diff.summary.no_longer_funded, 1);
    assert_eq!(diff.summary.moved, 2);
    let y = &diff.applications[0];
    assert_eq!(y.application_id, "y");
    assert_eq!((y.rank.old, y.rank.new), (Some(2), Some(1)));
    assert_eq!(y.recommendation.new, Recommendation::Fund);
    assert_eq!((y.granted.old, y.granted.new), (0, 100));
    assert_eq!(diff.criteria.len(), 1, "only b's weight changed");
}

#[test]
fn halving_b_drops_y_under_the_threshold() {
    let (_, new) = reweigh(&pack(), &entries(), &[d("1"), d("0.5")]).expect("valid weights");
    // x: 8 + 1 = 9, still over 8; y: 3 + 3 = 6, under 8.
    assert_eq!(new[0].excluded, None);
    assert_eq!(new[1].total, d("6"));
    assert_eq!(new[1].excluded, Some(Recommendation::BelowThreshold));
}

#[test]
fn an_excluded_application_stays_excluded_whatever_the_weights() {
    let mut old = entries();
    old[0].excluded = Some(Recommendation::Ineligible);
    old[1].excluded = Some(Recommendation::AwaitingReview);
    let (_, new) = reweigh(&pack(), &old, &[d("3"), d("3")]).expect("valid weights");
    assert_eq!(new[0].excluded, Some(Recommendation::Ineligible));
    assert_eq!(new[1].excluded, Some(Recommendation::AwaitingReview));
}

#[test]
fn weights_pack_loading_refuses_are_refused() {
    let pack = pack();
    for bad in ["0", "-1", "1.005", "1000.01"] {
        let problem = reweigh(&pack, &entries(), &[d("1"), d(bad)]).expect_err(bad);
        assert!(
            matches!(&problem, WeightProblem::OutOfRange { criterion, .. } if criterion == "b"),
            "{bad}: {problem}"
        );
        assert!(problem.to_string().contains("more than 0 and at most 1000"));
    }
    assert_eq!(
        reweigh(&pack, &entries(), &[d("1")]).expect_err("one weight"),
        WeightProblem::Count {
            expected: 2,
            given: 1
        }
    );
    // Highest total 10 × 0.3 + 10 × 0.4 = 7, under the threshold 8.
    assert_eq!(
        reweigh(&pack, &entries(), &[d("0.3"), d("0.4")]).expect_err("unreachable"),
        WeightProblem::ThresholdUnreachable {
            threshold: d("8"),
            max_total: d("7.0")
        }
    );
}
