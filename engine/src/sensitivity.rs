//! How robust a ranking is: for each application, the smallest change to one criterion's weight
//! that changes whether it is funded.
//!
//! Changing one weight `w` moves every total along a straight line (`total + points × Δw`), so
//! funding can only change where two totals cross or a total crosses the threshold. Those
//! crossing points are worked out exactly; the weights tried are the nearest weights a pack can
//! hold (two decimals) on either side of each crossing, within ±[`RANGE_PERCENT`]. Each is
//! ranked in full (ties, minimums, threshold and the funding line as in a batch), nearest first,
//! so the first weight that changes an application's funding is the smallest such change, and
//! it is reported as a weight a pack can be given, which reassessing with it reproduces.

use std::collections::{BTreeSet, HashSet};

use serde::Serialize;

use crate::decimal::Decimal;
use crate::decision::Recommendation;
use crate::pack::RulePack;
use crate::package;
use crate::ranking::{self, Entry};
use crate::tuning::Fixed;

/// Largest weight change looked at, in percent either way.
pub const RANGE_PERCENT: i64 = 50;
/// A funding decision that flips within this change, in percent either way, is flagged.
pub const FLAG_PERCENT: i64 = 10;

/// The robustness of a ranking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Sensitivity {
    /// The budget ranked against.
    pub budget: u64,
    /// Largest change looked at, in percent.
    pub range_percent: i64,
    /// Changes within this many percent are flagged.
    pub flag_percent: i64,
    /// Applications whose funding a change of one weight within the range flips, closest to
    /// flipping first.
    pub applications: Vec<Robustness>,
    /// Applications whose funding no such change flips.
    pub robust: usize,
    /// Whether a change of one weight by ±[`FLAG_PERCENT`] changes the best package; `None`
    /// for a pack without goals whose rule is not `optimal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub package: Option<PackageSensitivity>,
}

/// The best package under the weights ±[`FLAG_PERCENT`], one criterion at a time.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageSensitivity {
    /// The changes that give another package, in the criteria's order, lower weight first.
    pub changes: Vec<PackageChange>,
    /// How many weight changes were tried (two per criterion).
    pub tried: usize,
    /// Why the packages could not be compared (the solver broke down, or its work limit
    /// stopped it before a proven best: a difference could then be the limit's, not the
    /// weight's); nothing is flagged then.
    pub failed: Option<String>,
}

/// A weight change that changes the best package.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PackageChange {
    /// The change of weight.
    pub change: WeightChange,
    /// Applications the package funds under the changed weight and not under the pack's.
    pub added: Vec<String>,
    /// Applications the package funds under the pack's weight and not under the changed one.
    pub removed: Vec<String>,
}

/// One application near the funding line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Robustness {
    /// The application's id.
    pub application_id: String,
    /// Its rank as decided (`None` when not ranked).
    pub rank: Option<u64>,
    /// Whether it is funded as decided.
    pub funded: bool,
    /// The smallest change over all criteria.
    pub smallest: WeightChange,
    /// Whether that change is within ±[`FLAG_PERCENT`].
    pub flagged: bool,
    /// Per criterion in priority order, the smallest change that flips funding, if any in range.
    pub criteria: Vec<Option<WeightChange>>,
}

/// A change to one criterion's weight.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct WeightChange {
    /// The criterion's id.
    pub criterion: String,
    /// The weight in the pack.
    pub weight: Decimal,
    /// The weight that flips funding.
    pub new_weight: Decimal,
    /// The change in percent of the weight, to one decimal (rounded away from zero).
    pub percent: Decimal,
}

/// Works out the robustness of funding for `entries` (as a batch assessed them) under `pack`
/// at `budget`, on up to `jobs` threads (the criteria are shared out among them; the result
/// does not depend on `jobs`).
pub fn analyse(pack: &RulePack, entries: &[Entry], budget: u64, jobs: usize) -> Sensitivity {
    let specs = &pack.manifest.criteria;
    let criteria: Vec<String> = specs.iter().map(|c| c.id.clone()).collect();
    let weights: Vec<rust_decimal::Decimal> = specs.iter().map(|c| c.weight.0).collect();
    let threshold = pack.manifest.threshold;
    // What keeps an application out of the ranking apart from its total: the same under
    // every weight tried.
    let fixed = Fixed::of(specs, entries);
    // The line is walked under the pack's rule; under `optimal` the application's funding is
    // the package's, which `package_sensitivity` below weighs, so here the `skip` walk stands
    // in for it (solving a package for every weight tried would be far too slow).
    let rule = match pack.manifest.funding_rule() {
        crate::portfolio::FundingRule::Optimal => crate::portfolio::FundingRule::Skip,
        rule => rule,
    };
    let walk = |entries: &[Entry]| {
        ranking::rank_under(entries, &criteria, budget, rule, &package::Goals::default())
            .expect("only `optimal` calls the solver, and the walk here is never `optimal`")
    };
    let decided = walk(entries);
    let baseline: Vec<bool> = decided
        .placements
        .iter()
        .map(|p| p.recommendation == Recommendation::Fund)
        .collect();
    // Only applications that can be funded at all can flip.
    let candidates: Vec<usize> = (0..entries.len())
        .filter(|&i| fixed.eligible[i] && !fixed.awaiting[i] && fixed.meets_minimums[i])
        .collect();

    // Per application, the smallest change to criterion `c`'s weight that flips its funding.
    let flips = |c: usize| -> Vec<Option<WeightChange>> {
        let spec = &specs[c];
        // One trial set of entries, reused for every weight tried: only totals and exclusions
        // change from one trial to the next (cloning every entry per trial was a third of the
        // analysis). Trying weight `w`, an entry's total is the sum of its other criteria
        // (`rest`) plus its points for `c` times `w`: the same exact sum as adding every
        // criterion again.
        let mut trial: Vec<Entry> = entries.to_vec();
        let rest: Vec<rust_decimal::Decimal> = entries
            .iter()
            .map(|e| {
                e.points
                    .iter()
                    .zip(&weights)
                    .enumerate()
                    .filter(|&(j, _)| j != c)
                    .map(|(_, (p, w))| p.0 * w)
                    .sum()
            })
            .collect();
        let mut found: Vec<Option<WeightChange>> = vec![None; entries.len()];
        for new_weight in trial_weights(entries, &candidates, c, weights[c], threshold.map(|t| t.0))
        {
            for (i, (t, e)) in trial.iter_mut().zip(entries).enumerate() {
                t.total = Decimal(rest[i] + e.points[c].0 * new_weight);
                t.excluded = fixed.exclusion(i, t.total, threshold);
            }
            let placed = walk(&trial);
            for &i in &candidates {
                let funded = placed.placements[i].recommendation == Recommendation::Fund;
                if found[i].is_none() && funded != baseline[i] {
                    found[i] = Some(WeightChange {
                        criterion: spec.id.clone(),
                        weight: spec.weight,
                        new_weight: Decimal(new_weight.normalize()),
                        percent: percent(weights[c], new_weight),
                    });
                }
            }
        }
        found
    };
    // Criterion `c`'s flips are `by_criterion[c]`; thread `t` works out criteria `t`,
    // `t + threads`, … (they are independent).
    let threads = jobs.clamp(1, specs.len().max(1));
    let mut by_criterion: Vec<Vec<Option<WeightChange>>> = vec![Vec::new(); specs.len()];
    std::thread::scope(|scope| {
        let flips = &flips;
        let workers: Vec<_> = (0..threads)
            .map(|t| {
                scope.spawn(move || {
                    (t..specs.len())
                        .step_by(threads)
                        .map(|c| (c, flips(c)))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        for worker in workers {
            // A panic in a worker is a bug; it is raised here as it would have been inline.
            let done = worker
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
            for (c, found) in done {
                by_criterion[c] = found;
            }
        }
    });
    // Per application, per criterion: the smallest change that flips funding.
    let found: Vec<Vec<Option<WeightChange>>> = (0..entries.len())
        .map(|i| by_criterion.iter().map(|f| f[i].clone()).collect())
        .collect();

    let flag = rust_decimal::Decimal::from(FLAG_PERCENT);
    let mut applications: Vec<Robustness> = Vec::new();
    let mut robust = 0;
    for (i, entry) in entries.iter().enumerate() {
        let smallest = found[i]
            .iter()
            .flatten()
            .min_by(|a, b| a.percent.0.abs().cmp(&b.percent.0.abs()))
            .cloned();
        match smallest {
            Some(smallest) => applications.push(Robustness {
                application_id: entry.application_id.clone(),
                rank: decided.placements[i].rank,
                funded: baseline[i],
                flagged: smallest.percent.0.abs() <= flag,
                smallest,
                criteria: found[i].clone(),
            }),
            None => robust += 1,
        }
    }
    applications.sort_by(|a, b| {
        a.smallest
            .percent
            .0
            .abs()
            .cmp(&b.smallest.percent.0.abs())
            .then_with(|| a.rank.unwrap_or(u64::MAX).cmp(&b.rank.unwrap_or(u64::MAX)))
            .then_with(|| a.application_id.cmp(&b.application_id))
    });
    let package = package_sensitivity(
        pack,
        entries,
        &Trial {
            criteria: &criteria,
            weights: &weights,
            fixed: &fixed,
            budget,
        },
    );
    Sensitivity {
        budget,
        range_percent: RANGE_PERCENT,
        flag_percent: FLAG_PERCENT,
        applications,
        robust,
        package,
    }
}

/// What re-ranking under another weight needs of the entries.
struct Trial<'a> {
    criteria: &'a [String],
    weights: &'a [rust_decimal::Decimal],
    fixed: &'a Fixed,
    budget: u64,
}

/// The best package under each weight ±[`FLAG_PERCENT`] (rounded to the two decimals a pack
/// holds), against the one under the pack's weights. `None` for a pack without goals whose
/// rule is not `optimal`.
fn package_sensitivity(
    pack: &RulePack,
    entries: &[Entry],
    trial: &Trial<'_>,
) -> Option<PackageSensitivity> {
    let manifest = &pack.manifest;
    let rule = manifest.funding_rule();
    if manifest.goal_specs().is_empty() && rule != crate::portfolio::FundingRule::Optimal {
        return None;
    }
    let goals = package::Goals {
        specs: manifest.goal_specs(),
        earlier: &[],
    };
    // The funded ids of the best package for `entries`, or why there is none to compare.
    let best = |entries: &[Entry]| -> Result<Option<BTreeSet<String>>, String> {
        let ranked = ranking::rank(entries, trial.criteria, trial.budget);
        let order: Vec<usize> = ranked
            .order
            .iter()
            .copied()
            .filter(|&i| ranked.placements[i].rank.is_some())
            .collect();
        match package::best(
            entries,
            &order,
            trial.budget,
            rule,
            &goals,
            package::NODE_LIMIT,
        )
        .map_err(|e| e.0)?
        {
            package::Solved::Found(found) if found.optimal => Ok(Some(
                found
                    .funded
                    .iter()
                    .map(|&(i, _)| entries[i].application_id.clone())
                    .collect(),
            )),
            package::Solved::Found(_) | package::Solved::Stopped { .. } => {
                Err("the solver's work limit stopped it before a proven best package".into())
            }
            package::Solved::Infeasible(_) => Ok(None),
        }
    };
    let failed = |why: String| PackageSensitivity {
        changes: Vec::new(),
        tried: 0,
        failed: Some(why),
    };
    let base = match best(entries) {
        Ok(base) => base,
        Err(why) => return Some(failed(why)),
    };
    let threshold = manifest.threshold;
    let flag = rust_decimal::Decimal::from(FLAG_PERCENT) / rust_decimal::Decimal::ONE_HUNDRED;
    let mut changes = Vec::new();
    let mut tried = 0;
    let mut changed: Vec<Entry> = entries.to_vec();
    for (c, spec) in manifest.criteria.iter().enumerate() {
        let weight = trial.weights[c];
        for factor in [
            rust_decimal::Decimal::ONE - flag,
            rust_decimal::Decimal::ONE + flag,
        ] {
            let new_weight = (weight * factor).round_dp(2);
            if new_weight == weight || new_weight <= rust_decimal::Decimal::ZERO {
                continue;
            }
            tried += 1;
            for (i, (t, e)) in changed.iter_mut().zip(entries).enumerate() {
                let total: rust_decimal::Decimal = e
                    .points
                    .iter()
                    .zip(trial.weights)
                    .enumerate()
                    .map(|(j, (p, w))| p.0 * if j == c { new_weight } else { *w })
                    .sum();
                t.total = Decimal(total);
                t.excluded = trial.fixed.exclusion(i, t.total, threshold);
            }
            let other = match best(&changed) {
                Ok(other) => other,
                Err(why) => return Some(failed(why)),
            };
            if other != base {
                let (none, ids) = (BTreeSet::new(), |set: &BTreeSet<String>| set.clone());
                let (before, after) = (
                    base.as_ref().map_or_else(|| none.clone(), ids),
                    other.as_ref().map_or_else(|| none.clone(), ids),
                );
                changes.push(PackageChange {
                    change: WeightChange {
                        criterion: spec.id.clone(),
                        weight: spec.weight,
                        new_weight: Decimal(new_weight.normalize()),
                        percent: percent(weight, new_weight),
                    },
                    added: after.difference(&before).cloned().collect(),
                    removed: before.difference(&after).cloned().collect(),
                });
            }
        }
    }
    Some(PackageSensitivity {
        changes,
        tried,
        failed: None,
    })
}

/// The weights to try for criterion `c`: the two-decimal weights next to every point where two
/// totals cross or a total crosses the threshold, within the range, nearest to `weight` first.
fn trial_weights(
    entries: &[Entry],
    candidates: &[usize],
    c: usize,
    weight: rust_decimal::Decimal,
    threshold: Option<rust_decimal::Decimal>,
) -> Vec<rust_decimal::Decimal> {
    let range =
        weight * rust_decimal::Decimal::from(RANGE_PERCENT) / rust_decimal::Decimal::ONE_HUNDRED;
    let (low, high) = (weight - range, weight + range);
    let step = rust_decimal::Decimal::new(1, 2);
    // A crossing `weight + Δ` matters only within a step of the range, `|Δ| ≤ range + step`.
    // A pair whose `|Δ| = |total_b - total_a| / |p_a - p_b|` is over twice that (checked by
    // multiplying, exactly) is left out before dividing: far more than the division's rounding
    // could bring back, so the weights tried are the same, and most pairs are that far apart.
    let reach = (range + step) * rust_decimal::Decimal::TWO;
    let mut trials: BTreeSet<(rust_decimal::Decimal, rust_decimal::Decimal)> = BTreeSet::new();
    // Crossings that round to the same hundredths give the same four weights: each pair once.
    let mut rounded: HashSet<(rust_decimal::Decimal, rust_decimal::Decimal)> = HashSet::new();
    let mut try_crossing = |crossing: rust_decimal::Decimal| {
        if crossing < low - step || crossing > high + step {
            return;
        }
        let hundredths = crossing / step;
        let down = hundredths.floor() * step;
        let up = hundredths.ceil() * step;
        if !rounded.insert((down, up)) {
            return;
        }
        for w in [down - step, down, up, up + step] {
            if w > rust_decimal::Decimal::ZERO && w >= low && w <= high && w != weight {
                trials.insert(((w - weight).abs(), w));
            }
        }
    };
    let points = |i: usize| entries[i].points[c].0;
    let total = |i: usize| entries[i].total.0;
    for (n, &a) in candidates.iter().enumerate() {
        for &b in &candidates[n + 1..] {
            let dp = points(a) - points(b);
            if dp.is_zero() {
                continue;
            }
            let gap = total(b) - total(a);
            if reach
                .checked_mul(dp.abs())
                .is_some_and(|far| gap.abs() > far)
            {
                continue;
            }
            // total_a + p_a·Δ = total_b + p_b·Δ
            if let Some(delta) = gap.checked_div(dp) {
                try_crossing(weight + delta);
            }
        }
        if let Some(t) = threshold
            && !points(a).is_zero()
            && let Some(delta) = (t - total(a)).checked_div(points(a))
        {
            try_crossing(weight + delta);
        }
    }
    trials.into_iter().map(|(_, w)| w).collect()
}

/// `(new - old) / old` in percent, to one decimal, rounded away from zero so the reported
/// change is never smaller than the one that flips.
fn percent(old: rust_decimal::Decimal, new: rust_decimal::Decimal) -> Decimal {
    let exact = (new - old) / old * rust_decimal::Decimal::ONE_HUNDRED;
    Decimal(
        exact
            .round_dp_with_strategy(1, rust_decimal::RoundingStrategy::AwayFromZero)
            .normalize(),
    )
}
