//! Ranking and the funding line: who is funded within the budget, and why.
//!
//! Eligible applications that meet every minimum (and the pack's threshold) are ranked by total.
//! Ties are broken by the criteria in priority order (more points on the first criterion first,
//! then the second, …), as Horizon Europe breaks ex-aequo proposals; a tie that survives every
//! criterion is broken by the application id in alphabetical order, and the decision records
//! that it happened. The funding line then follows the pack's funding rule ([`FundingRule`]):
//! `skip` (the default) walks the ranking, funding an application while its request fits in what
//! is left; one that does not fit becomes `reserve`, and a smaller one below it may still be
//! funded. `strict` stops at the first that does not fit: it and every one below are `reserve`.
//! `partial` is `skip`, except that the first that does not fit and for which what is left is at
//! least the pack's least share of its request is granted what is left (at most one per round).
//! `optimal` funds the best package (`package.rs`); ranks stay by points. Pure functions of the
//! entries, so the result does not depend on the order they arrive in.

use std::cmp::Ordering;
use std::collections::BTreeMap;

use crate::decimal::Decimal;
use crate::decision::{BatchContext, Decision, Recommendation, Tie};
use crate::package::{self, Goals, PackageError, Solved};
use crate::portfolio::{Attributes, FundingRule};

/// The tie-break key used when every criterion is equal.
pub const FINAL_KEY: &str = "application_id";

/// What ranking needs to know about one assessed application.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The application's id (unique in a batch).
    pub application_id: String,
    /// Amount requested.
    pub requested: u64,
    /// Total weighted points.
    pub total: Decimal,
    /// Points per criterion, in priority order.
    pub points: Vec<Decimal>,
    /// `ineligible` or `below_threshold` when decided before any budget; `None` to be ranked.
    pub excluded: Option<Recommendation>,
    /// Its portfolio attributes (empty when the pack declares none): what the goals count.
    pub attributes: Attributes,
}

/// Whether an application is kept out of the ranking before any budget: `ineligible` when a gate
/// failed; `below_threshold` when a criterion is under its minimum or the total under the pack's
/// threshold. The one rule, for assessing and for weighing other weights (`sensitivity`).
pub fn exclusion(
    eligible: bool,
    awaiting_review: bool,
    meets_minimums: bool,
    total: Decimal,
    threshold: Option<Decimal>,
) -> Option<Recommendation> {
    if !eligible {
        Some(Recommendation::Ineligible)
    } else if awaiting_review {
        Some(Recommendation::AwaitingReview)
    } else if !meets_minimums || threshold.is_some_and(|t| total < t) {
        Some(Recommendation::BelowThreshold)
    } else {
        None
    }
}

/// Where one entry ended up. Kept small (a million of them are held at once): the tie names
/// the entry above by its index, and [`Ranking::apply`] writes the decision's batch context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    /// Place in the ranking, 1 first; `None` when not ranked.
    pub rank: Option<u64>,
    /// `fund`, `reserve`, `below_threshold` or `ineligible`.
    pub recommendation: Recommendation,
    /// Amount granted (0 when not funded).
    pub granted: u64,
    /// Budget left when the funding line reached this entry, kr.; `None` when not ranked.
    pub budget_left_before: Option<u64>,
    /// Whether it was funded although one ranked above it was not (that one asked for more than
    /// was left; under `optimal`, the best package left it out).
    pub funded_past_skipped: bool,
    /// Set when its total equals that of the entry ranked directly above.
    pub tie: Option<TieWith>,
}

/// A tie with the entry ranked directly above, by index: which entry, and what decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TieWith {
    /// The index of the entry ranked directly above.
    pub above: usize,
    /// The index (in priority order) of the first criterion on which the two differ; `None`
    /// when they have the same points on every criterion and the ids decided.
    pub decided_by: Option<usize>,
}

/// The outcome of ranking a batch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ranking {
    /// One placement per entry, in the entries' order.
    pub placements: Vec<Placement>,
    /// Entry indices in output order: ranked first by rank, then the rest (below threshold, then
    /// ineligible, each by total, highest first, then id; then those awaiting review by id
    /// alone, since their totals lack the reviewed criteria and would read as a ranking).
    pub order: Vec<usize>,
    /// Budget granted in all.
    pub used: u64,
    /// The budget the batch was funded against, kr.
    pub budget: u64,
    /// The criterion ids in priority order, which name what broke a tie.
    pub criteria: Vec<String>,
    /// The funding rule the line was drawn with.
    pub rule: FundingRule,
    /// Under `optimal`: the best package meeting the goals, as the solver found it (when it
    /// found none, the line funds the best package without the goals; see [`rank_under`]).
    /// `None` under the other rules.
    pub package: Option<Solved>,
}

impl Ranking {
    /// The batch context of entry `i` as a decision states it. `entries` are the ones ranked.
    pub fn context(&self, i: usize, entries: &[Entry]) -> BatchContext {
        let placement = &self.placements[i];
        BatchContext {
            budget: self.budget,
            budget_left_before: placement.budget_left_before,
            funded_past_skipped: placement.funded_past_skipped,
            funding_rule: self.rule.name(),
            tie: placement.tie.map(|tie| Tie {
                above: entries[tie.above].application_id.clone(),
                decided_by: tie
                    .decided_by
                    .and_then(|c| self.criteria.get(c).cloned())
                    .unwrap_or_else(|| FINAL_KEY.to_string()),
            }),
        }
    }

    /// Sets the batch's fields of entry `i`'s `decision` (recommendation, rank, grant, batch
    /// context): the decision a batch writes. `entries` are the ones ranked.
    pub fn apply(&self, i: usize, entries: &[Entry], decision: &mut Decision) {
        let placement = &self.placements[i];
        decision.recommendation = Some(placement.recommendation);
        decision.rank = placement.rank;
        decision.granted = Some(placement.granted);
        decision.batch = Some(self.context(i, entries));
    }

    /// How many entries got each recommendation, every recommendation listed (0 where none).
    pub fn counts(&self) -> BTreeMap<Recommendation, u64> {
        let mut counts: BTreeMap<Recommendation, u64> =
            Recommendation::ALL.iter().map(|&r| (r, 0)).collect();
        for placement in &self.placements {
            *counts.entry(placement.recommendation).or_default() += 1;
        }
        counts
    }

    /// The entry the funding line is drawn below: the last funded one in rank order.
    pub fn last_funded(&self) -> Option<usize> {
        self.order
            .iter()
            .rposition(|&i| self.placements[i].recommendation == Recommendation::Fund)
            .map(|position| self.order[position])
    }
}

/// Ranks `entries` and draws the funding line at `budget` under the default rule, `skip`.
/// `criteria` are the pack's criterion ids in priority order, to name the one that broke a tie.
pub fn rank(entries: &[Entry], criteria: &[String], budget: u64) -> Ranking {
    let ranked = ranked(entries);
    draw(entries, criteria, budget, FundingRule::Skip, ranked, None)
}

/// Ranks `entries` and draws the funding line at `budget` under `rule`. Under `optimal` the
/// line funds the best package meeting what `goals` leave unmet (`package::best`, at
/// [`package::NODE_LIMIT`]); when no package meets them (or the work limit stops the solver
/// before it finds one) it funds the best package without the goals, and
/// [`Ranking::package`] says why. The other rules ignore `goals`.
///
/// Errors: only under `optimal`, when the solver breaks down ([`PackageError`]).
pub fn rank_under(
    entries: &[Entry],
    criteria: &[String],
    budget: u64,
    rule: FundingRule,
    goals: &Goals,
) -> Result<Ranking, PackageError> {
    let ranked = ranked(entries);
    if rule != FundingRule::Optimal {
        return Ok(draw(entries, criteria, budget, rule, ranked, None));
    }
    let solved = package::best(entries, &ranked, budget, rule, goals, package::NODE_LIMIT)?;
    let fallback = match &solved {
        Solved::Found(_) => None,
        Solved::Infeasible(_) | Solved::Stopped { .. } => Some(package::best(
            entries,
            &ranked,
            budget,
            rule,
            &Goals::default(),
            package::NODE_LIMIT,
        )?),
    };
    let funded = match fallback.as_ref().unwrap_or(&solved) {
        Solved::Found(found) => Some(found.funded.iter().copied().collect()),
        // Without goals a package always exists (the empty one); the work limit alone can
        // leave the solver without one, and then the line walks as under `skip`.
        Solved::Infeasible(_) | Solved::Stopped { .. } => None,
    };
    let mut ranking = draw(entries, criteria, budget, rule, ranked, funded);
    ranking.package = Some(solved);
    Ok(ranking)
}

/// The ranked entries' indices in rank order.
fn ranked(entries: &[Entry]) -> Vec<usize> {
    let mut ranked: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].excluded.is_none())
        .collect();
    ranked.sort_by(|&a, &b| compare(&entries[a], &entries[b]));
    ranked
}

/// Draws the line down `ranked` (indices in rank order) under `rule`; under `optimal`,
/// `package` maps the funded entries to their grants (`None`: walk as under `skip`).
fn draw(
    entries: &[Entry],
    criteria: &[String],
    budget: u64,
    rule: FundingRule,
    ranked: Vec<usize>,
    package: Option<BTreeMap<usize, u64>>,
) -> Ranking {
    let mut placements: Vec<Placement> = entries
        .iter()
        .map(|e| Placement {
            rank: None,
            recommendation: e.excluded.unwrap_or(Recommendation::Reserve),
            granted: 0,
            budget_left_before: None,
            funded_past_skipped: false,
            tie: None,
        })
        .collect();

    let mut left = budget;
    let mut skipped = false;
    // `strict`: the walk has stopped; `partial`: the round's one partial grant is given.
    let mut stopped = false;
    let mut partly = false;
    for (position, &i) in ranked.iter().enumerate() {
        let entry = &entries[i];
        let placement = &mut placements[i];
        placement.rank = Some(position as u64 + 1);
        placement.budget_left_before = Some(left);
        let grant = match (&package, rule) {
            (Some(package), _) => package.get(&i).copied(),
            _ if stopped => None,
            _ if entry.requested <= left => Some(entry.requested),
            (None, FundingRule::Strict) => {
                stopped = true;
                None
            }
            (None, FundingRule::Partial { min_share })
                if !partly && at_least_share(left, entry.requested, min_share) =>
            {
                partly = true;
                Some(left)
            }
            _ => None,
        };
        if let Some(granted) = grant {
            left -= granted;
            placement.recommendation = Recommendation::Fund;
            placement.granted = granted;
            placement.funded_past_skipped = skipped;
        } else {
            placement.recommendation = Recommendation::Reserve;
            skipped = true;
        }
        if position > 0 {
            let above = ranked[position - 1];
            if entries[above].total == entry.total {
                placement.tie = Some(TieWith {
                    above,
                    decided_by: deciding_criterion(&entries[above], entry),
                });
            }
        }
    }

    let mut rest: Vec<usize> = (0..entries.len())
        .filter(|&i| entries[i].excluded.is_some())
        .collect();
    rest.sort_by(|&a, &b| {
        let (x, y) = (&entries[a], &entries[b]);
        let awaiting = x.excluded == Some(Recommendation::AwaitingReview);
        x.excluded
            .cmp(&y.excluded)
            .then_with(|| {
                if awaiting {
                    Ordering::Equal
                } else {
                    y.total.cmp(&x.total)
                }
            })
            .then_with(|| x.application_id.cmp(&y.application_id))
    });
    let mut order = ranked;
    order.extend(rest);
    Ranking {
        placements,
        order,
        used: budget - left,
        budget,
        criteria: criteria.to_vec(),
        rule,
        package: None,
    }
}

/// Whether `left` kr. is at least `min_share` of `requested` kr., exactly.
fn at_least_share(left: u64, requested: u64, min_share: Decimal) -> bool {
    let (left, requested) = (
        rust_decimal::Decimal::from(left),
        rust_decimal::Decimal::from(requested),
    );
    // A product too large for a decimal (beyond 7.9 × 10^28 kr.) is more than any budget.
    requested
        .checked_mul(min_share.0)
        .is_some_and(|least| left >= least)
}

/// Higher total first; then more points on each criterion in priority order; then the id.
fn compare(a: &Entry, b: &Entry) -> Ordering {
    b.total
        .cmp(&a.total)
        .then_with(|| {
            a.points
                .iter()
                .zip(&b.points)
                .map(|(pa, pb)| pb.cmp(pa))
                .find(|o| o.is_ne())
                .unwrap_or(Ordering::Equal)
        })
        .then_with(|| a.application_id.cmp(&b.application_id))
}

/// The first criterion, by index in priority order, on which `above` and `below` differ.
fn deciding_criterion(above: &Entry, below: &Entry) -> Option<usize> {
    above
        .points
        .iter()
        .zip(&below.points)
        .position(|(a, b)| a != b)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: &str, requested: u64, points: &[i64]) -> Entry {
        let points: Vec<Decimal> = points.iter().map(|&p| Decimal::from(p)).collect();
        let total = points
            .iter()
            .fold(Decimal::ZERO, |a, b| a.checked_add(*b).unwrap());
        Entry {
            application_id: id.into(),
            requested,
            total,
            points,
            excluded: None,
            attributes: Attributes::new(),
        }
    }

    fn criteria() -> Vec<String> {
        vec!["first".into(), "second".into(), "third".into()]
    }

    /// (id, rank, recommendation, granted) in output order.
    fn outcome(entries: &[Entry], budget: u64) -> Vec<(String, Option<u64>, Recommendation, u64)> {
        let ranking = rank(entries, &criteria(), budget);
        ranking
            .order
            .iter()
            .map(|&i| {
                let p = &ranking.placements[i];
                (
                    entries[i].application_id.clone(),
                    p.rank,
                    p.recommendation,
                    p.granted,
                )
            })
            .collect()
    }

    #[test]
    fn funds_down_the_ranking_and_skips_what_does_not_fit() {
        let entries = vec![
            entry("c", 300, &[1, 1, 1]),
            entry("a", 500, &[5, 5, 5]),
            entry("b", 400, &[4, 4, 4]),
        ];
        use Recommendation::*;
        assert_eq!(
            outcome(&entries, 850),
            vec![
                ("a".into(), Some(1), Fund, 500),
                ("b".into(), Some(2), Reserve, 0),
                ("c".into(), Some(3), Fund, 300),
            ]
        );
        let ranking = rank(&entries, &criteria(), 850);
        assert!(
            ranking.placements[0].funded_past_skipped,
            "c was funded past b"
        );
        assert_eq!(ranking.placements[2].budget_left_before, Some(350));
        assert_eq!(ranking.used, 800);
    }

    #[test]
    fn ties_are_broken_by_the_first_criterion_that_differs_then_by_id() {
        let entries = vec![
            entry("x", 1, &[2, 3, 1]),
            entry("y", 1, &[3, 1, 2]),
            entry("b", 1, &[2, 3, 1]),
        ];
        let ranking = rank(&entries, &criteria(), 10);
        let ids: Vec<&str> = ranking
            .order
            .iter()
            .map(|&i| entries[i].application_id.as_str())
            .collect();
        assert_eq!(ids, vec!["y", "b", "x"]);
        assert_eq!(ranking.placements[1].tie, None);
        let tie_b = ranking.context(2, &entries).tie.unwrap();
        assert_eq!(
            (tie_b.above.as_str(), tie_b.decided_by.as_str()),
            ("y", "first")
        );
        let tie_x = ranking.context(0, &entries).tie.unwrap();
        assert_eq!(
            (tie_x.above.as_str(), tie_x.decided_by.as_str()),
            ("b", FINAL_KEY)
        );
    }

    #[test]
    fn excluded_applications_come_last_unranked_and_unfunded() {
        let mut low = entry("low", 1, &[0, 0, 1]);
        low.excluded = Some(Recommendation::BelowThreshold);
        let mut out = entry("out", 1, &[5, 5, 5]);
        out.excluded = Some(Recommendation::Ineligible);
        let entries = vec![out, entry("in", 1, &[1, 1, 1]), low];
        use Recommendation::*;
        assert_eq!(
            outcome(&entries, 10),
            vec![
                ("in".into(), Some(1), Fund, 1),
                ("low".into(), None, BelowThreshold, 0),
                ("out".into(), None, Ineligible, 0),
            ]
        );
    }

    #[test]
    fn applications_awaiting_review_come_last_by_id_not_by_their_partial_totals() {
        let mut high = entry("b-high", 1, &[9, 9, 9]);
        high.excluded = Some(Recommendation::AwaitingReview);
        let mut low = entry("a-low", 1, &[0, 0, 1]);
        low.excluded = Some(Recommendation::AwaitingReview);
        let mut out = entry("out", 1, &[5, 5, 5]);
        out.excluded = Some(Recommendation::Ineligible);
        let entries = vec![high, out, low, entry("in", 1, &[1, 1, 1])];
        let order: Vec<&str> = rank(&entries, &criteria(), 10)
            .order
            .iter()
            .map(|&i| entries[i].application_id.as_str())
            .collect();
        assert_eq!(order, ["in", "out", "a-low", "b-high"]);
    }

    #[test]
    fn the_outcome_does_not_depend_on_the_order_of_the_entries() {
        let entries = vec![
            entry("a", 300, &[3, 2, 1]),
            entry("b", 200, &[2, 3, 1]),
            entry("c", 250, &[3, 2, 1]),
            entry("d", 100, &[1, 1, 1]),
            entry("e", 400, &[6, 0, 0]),
        ];
        let expected = outcome(&entries, 700);
        // Every rotation and the reversal.
        for shift in 0..entries.len() {
            let mut turned = entries.clone();
            turned.rotate_left(shift);
            assert_eq!(outcome(&turned, 700), expected, "rotated by {shift}");
            turned.reverse();
            assert_eq!(
                outcome(&turned, 700),
                expected,
                "rotated by {shift} and reversed"
            );
        }
    }

    /// (id, recommendation, granted) in rank order under `rule`, no goals.
    fn under(
        entries: &[Entry],
        budget: u64,
        rule: FundingRule,
    ) -> Vec<(String, Recommendation, u64)> {
        let ranking = rank_under(entries, &criteria(), budget, rule, &Goals::default()).unwrap();
        ranking
            .order
            .iter()
            .map(|&i| {
                let p = &ranking.placements[i];
                (
                    entries[i].application_id.clone(),
                    p.recommendation,
                    p.granted,
                )
            })
            .collect()
    }

    fn walked(rows: &[(&str, Recommendation, u64)]) -> Vec<(String, Recommendation, u64)> {
        rows.iter()
            .map(|&(id, r, kr)| (id.to_string(), r, kr))
            .collect()
    }

    /// a 500 kr. (15 points), b 400 kr. (12), c 300 kr. (3); budget 850 kr.
    fn three() -> Vec<Entry> {
        vec![
            entry("a", 500, &[5, 5, 5]),
            entry("b", 400, &[4, 4, 4]),
            entry("c", 300, &[1, 1, 1]),
        ]
    }

    #[test]
    fn skip_funds_a_smaller_one_below_one_that_does_not_fit() {
        // a fits (850 − 500 = 350 left); b asks 400 > 350: reserve; c asks 300 ≤ 350: funded.
        use Recommendation::*;
        assert_eq!(
            under(&three(), 850, FundingRule::Skip),
            walked(&[("a", Fund, 500), ("b", Reserve, 0), ("c", Fund, 300)])
        );
        // `rank` is the same walk.
        assert_eq!(under(&three(), 850, FundingRule::Skip), {
            let ranking = rank(&three(), &criteria(), 850);
            let entries = three();
            ranking
                .order
                .iter()
                .map(|&i| {
                    let p = &ranking.placements[i];
                    (
                        entries[i].application_id.clone(),
                        p.recommendation,
                        p.granted,
                    )
                })
                .collect::<Vec<_>>()
        });
    }

    #[test]
    fn strict_stops_at_the_first_that_does_not_fit_where_skip_goes_on() {
        // a fits (350 left); b asks 400 > 350: the walk stops, so c (300, which would fit) is
        // reserve too. Skip funded c (test above): 800 kr. used against strict's 500.
        use Recommendation::*;
        let entries = three();
        assert_eq!(
            under(&entries, 850, FundingRule::Strict),
            walked(&[("a", Fund, 500), ("b", Reserve, 0), ("c", Reserve, 0)])
        );
        let ranking = rank_under(
            &entries,
            &criteria(),
            850,
            FundingRule::Strict,
            &Goals::default(),
        )
        .unwrap();
        assert_eq!(ranking.used, 500);
        assert_eq!(
            ranking.context(1, &entries).funding_rule,
            crate::portfolio::FundingRuleName::Strict
        );
    }

    #[test]
    fn partial_offers_what_is_left_to_the_first_that_does_not_fit_if_it_is_enough() {
        // Least share ½. a fits (350 left); b asks 400 > 350, and 350 ≥ ½ × 400 = 200: b is
        // granted the 350 left (a partial grant); nothing is left for c.
        use Recommendation::*;
        let half = FundingRule::Partial {
            min_share: "0.5".parse().unwrap(),
        };
        assert_eq!(
            under(&three(), 850, half),
            walked(&[("a", Fund, 500), ("b", Fund, 350), ("c", Reserve, 0)])
        );
        // Least share 0.9: 350 < 0.9 × 400 = 360, so b is reserve and the walk goes on as
        // `skip`: c (300 ≤ 350) is funded in full, 50 left.
        let most = FundingRule::Partial {
            min_share: "0.9".parse().unwrap(),
        };
        assert_eq!(
            under(&three(), 850, most),
            walked(&[("a", Fund, 500), ("b", Reserve, 0), ("c", Fund, 300)])
        );
    }

    #[test]
    fn partial_goes_past_one_whose_share_is_not_met_and_grants_at_most_one() {
        // Least share ½, budget 850. a 500 fits (350 left). b 800: 350 < 400, reserve. c 300
        // fits (50 left). d 100: 50 ≥ ½ × 100, so d is granted 50 (0 left). e 40: does not
        // fit, and a second partial grant is not allowed (nor is anything left): reserve.
        use Recommendation::*;
        let entries = vec![
            entry("a", 500, &[5, 5, 5]),
            entry("b", 800, &[4, 4, 4]),
            entry("c", 300, &[3, 3, 3]),
            entry("d", 100, &[2, 2, 2]),
            entry("e", 40, &[1, 1, 1]),
        ];
        let half = FundingRule::Partial {
            min_share: "0.5".parse().unwrap(),
        };
        assert_eq!(
            under(&entries, 850, half),
            walked(&[
                ("a", Fund, 500),
                ("b", Reserve, 0),
                ("c", Fund, 300),
                ("d", Fund, 50),
                ("e", Reserve, 0),
            ])
        );
    }

    /// An entry with the flag attribute `both` set to `flag`.
    fn flagged(id: &str, requested: u64, points: &[i64], flag: bool) -> Entry {
        let mut e = entry(id, requested, points);
        e.attributes
            .insert("both".into(), crate::portfolio::AttributeValue::Flag(flag));
        e
    }

    fn at_least(n: u32) -> crate::portfolio::GoalSpec {
        crate::package::fixtures::at_least("both", "both", n)
    }

    /// The ranking under `optimal` with the goal "at least `n` with the flag", and (id, rank,
    /// recommendation, granted) in output order.
    #[allow(clippy::type_complexity)]
    fn optimal(
        entries: &[Entry],
        n: u32,
    ) -> (Ranking, Vec<(&str, Option<u64>, Recommendation, u64)>) {
        let goals = [at_least(n)];
        let goals = Goals {
            specs: &goals,
            earlier: &[],
        };
        let ranking = rank_under(entries, &criteria(), 1000, FundingRule::Optimal, &goals).unwrap();
        let got = ranking
            .order
            .iter()
            .map(|&i| {
                let p = &ranking.placements[i];
                (
                    entries[i].application_id.as_str(),
                    p.rank,
                    p.recommendation,
                    p.granted,
                )
            })
            .collect();
        (ranking, got)
    }

    #[test]
    fn optimal_funds_the_best_package_meeting_the_goal_and_keeps_the_ranks() {
        // Budget 1,000. a 600 kr. 10 points; b 500 kr. 8, with the flag; c 400 kr. 7; d 300
        // kr. 2, with the flag. Goal: at least one funded with the flag.
        // The skip walk: a (400 left), b 500 > 400, c 400 (0 left), d: {a, c}, 17 points, no
        // flag. Packages within 1,000 with a flag: {a, d} 900 kr. 12 points; {b, c} 900 kr.
        // 15; {b, d} 800 kr. 10; {c, d} 700 kr. 9; every other with a flag costs more than
        // 1,000. The best is {b, c}: 15 points, 2 fewer than the line.
        use Recommendation::*;
        let entries = vec![
            flagged("a", 600, &[10, 0, 0], false),
            flagged("b", 500, &[8, 0, 0], true),
            flagged("c", 400, &[7, 0, 0], false),
            flagged("d", 300, &[2, 0, 0], true),
        ];
        let (ranking, got) = optimal(&entries, 1);
        assert_eq!(
            got,
            vec![
                ("a", Some(1), Reserve, 0),
                ("b", Some(2), Fund, 500),
                ("c", Some(3), Fund, 400),
                ("d", Some(4), Reserve, 0),
            ]
        );
        assert!(
            ranking.placements[1].funded_past_skipped,
            "b is funded below a"
        );
        assert_eq!(ranking.used, 900);
        // Without the goal the best package is the line's {a, c}, 17 points, 1,000 kr.
        assert_eq!(
            under(&entries, 1000, FundingRule::Optimal),
            walked(&[
                ("a", Fund, 600),
                ("b", Reserve, 0),
                ("c", Fund, 400),
                ("d", Reserve, 0)
            ])
        );
    }

    #[test]
    fn optimal_without_a_package_meeting_the_goals_funds_the_best_without_them() {
        // The goal asks for two with the flag; only b has it: no package meets it, so the goal
        // is left out and said. The line is then the best package without the goal: a + c
        // (17 points, 1,000 kr.).
        use Recommendation::*;
        let entries = vec![
            flagged("a", 600, &[10, 0, 0], false),
            flagged("b", 500, &[8, 0, 0], true),
            flagged("c", 400, &[7, 0, 0], false),
        ];
        let (ranking, got) = optimal(&entries, 2);
        assert!(
            matches!(&ranking.package, Some(Solved::Found(p)) if p.unreachable.len() == 1),
            "{:?}",
            ranking.package
        );
        let funded: Vec<(&str, Recommendation)> =
            got.iter().map(|&(id, _, r, _)| (id, r)).collect();
        assert_eq!(funded, vec![("a", Fund), ("b", Reserve), ("c", Fund)]);
    }

    #[test]
    fn an_empty_batch_uses_nothing() {
        let ranking = rank(&[], &criteria(), 100);
        assert_eq!((ranking.order.len(), ranking.used), (0, 0));
    }
}
