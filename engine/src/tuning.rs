//! Other weights for a round already assessed: each application's total and exclusion worked
//! out again from its stored points under new criterion weights, without running a script.
//!
//! A weight only scales a criterion's points, so a total is `Σ points × weight` (the exact sum
//! assessing makes) and what keeps an application out of the ranking — a failed gate, a
//! criterion awaiting review, a criterion under its minimum — does not depend on the weights;
//! only the threshold does. [`Fixed`] holds the part that does not change, and
//! [`Fixed::exclusion`] applies [`ranking::exclusion`] with a new total: the one rule that
//! both [`reweigh`] and [`crate::sensitivity`] use. The difference new weights make is then
//! [`crate::diff::compare`]'s, as for any other change of pack.

use crate::decimal::{Decimal, MAX_SCALE};
use crate::decision::Recommendation;
use crate::manifest::CriterionSpec;
use crate::pack::{MAX_WEIGHT, RulePack};
use crate::ranking::{self, Entry};

/// What of each entry's exclusion does not depend on the weights, in the entries' order.
#[derive(Debug, Clone)]
pub struct Fixed {
    /// Every gate passed (not `ineligible`).
    pub eligible: Vec<bool>,
    /// A criterion awaits review.
    pub awaiting: Vec<bool>,
    /// Every criterion's points reach its minimum.
    pub meets_minimums: Vec<bool>,
}

impl Fixed {
    /// Reads the fixed part of `entries` (as assessing left them) under criteria `specs`
    /// (points in the specs' order).
    pub fn of(specs: &[CriterionSpec], entries: &[Entry]) -> Fixed {
        Fixed {
            eligible: entries
                .iter()
                .map(|e| e.excluded != Some(Recommendation::Ineligible))
                .collect(),
            awaiting: entries
                .iter()
                .map(|e| e.excluded == Some(Recommendation::AwaitingReview))
                .collect(),
            meets_minimums: entries
                .iter()
                .map(|e| {
                    specs
                        .iter()
                        .zip(&e.points)
                        .all(|(spec, p)| spec.meets_minimum(*p))
                })
                .collect(),
        }
    }

    /// Entry `i`'s exclusion with total `total` against `threshold`.
    pub fn exclusion(
        &self,
        i: usize,
        total: Decimal,
        threshold: Option<Decimal>,
    ) -> Option<Recommendation> {
        ranking::exclusion(
            self.eligible[i],
            self.awaiting[i],
            self.meets_minimums[i],
            total,
            threshold,
        )
    }
}

/// Why weights cannot be used: what pack loading would refuse of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WeightProblem {
    /// Not one weight per criterion.
    Count { expected: usize, given: usize },
    /// Criterion `criterion`'s weight is not more than 0 and at most `max`, or has more than
    /// `scale` decimals.
    OutOfRange {
        criterion: String,
        weight: Decimal,
        max: i64,
        scale: u32,
    },
    /// The pack's threshold is above the highest total the weights allow (`max_total`), so
    /// no application could be recommended.
    ThresholdUnreachable {
        threshold: Decimal,
        max_total: Decimal,
    },
}

impl std::fmt::Display for WeightProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WeightProblem::Count { expected, given } => {
                write!(f, "{given} weights given for {expected} criteria")
            }
            WeightProblem::OutOfRange {
                criterion,
                weight,
                max,
                scale,
            } => write!(
                f,
                "the weight {weight} of `{criterion}` must be more than 0 and at most {max}, with at most {scale} decimals"
            ),
            WeightProblem::ThresholdUnreachable {
                threshold,
                max_total,
            } => write!(
                f,
                "the threshold {threshold} is above the highest possible total {max_total} under these weights"
            ),
        }
    }
}

impl std::error::Error for WeightProblem {}

/// `pack` with its criteria's weights replaced by `weights` (one per criterion, in the
/// manifest's order), and `entries` (assessed under `pack`, points in the same order) with
/// their totals and exclusions worked out under them.
///
/// The returned pack is for ranking and comparing ([`crate::diff::compare`],
/// [`crate::sensitivity::analyse`]): its files, version and fingerprint are still `pack`'s
/// (the edited pack as files is the caller's to write and load). Cloning a pack copies its
/// manifest and file texts (a few kilobytes; no compiled script is held in it).
///
/// Errors: a weight pack loading refuses (not more than 0 and at most 1000 with at most two
/// decimals), a count that is not the criteria's, or a threshold no total can reach.
pub fn reweigh(
    pack: &RulePack,
    entries: &[Entry],
    weights: &[Decimal],
) -> Result<(RulePack, Vec<Entry>), WeightProblem> {
    let specs = &pack.manifest.criteria;
    if weights.len() != specs.len() {
        return Err(WeightProblem::Count {
            expected: specs.len(),
            given: weights.len(),
        });
    }
    for (spec, &weight) in specs.iter().zip(weights) {
        if weight <= Decimal::ZERO || weight > Decimal::from(MAX_WEIGHT) || !weight.within_scale() {
            return Err(WeightProblem::OutOfRange {
                criterion: spec.id.clone(),
                weight,
                max: MAX_WEIGHT,
                scale: MAX_SCALE,
            });
        }
    }
    let mut tuned = pack.clone();
    for (spec, &weight) in tuned.manifest.criteria.iter_mut().zip(weights) {
        spec.weight = weight;
    }
    let threshold = tuned.manifest.threshold;
    // At most 50 criteria × 1000 points × weight 1000: the sum always fits.
    let max_total = tuned.manifest.max_total().unwrap_or(Decimal::ZERO);
    if let Some(threshold) = threshold
        && threshold > max_total
    {
        return Err(WeightProblem::ThresholdUnreachable {
            threshold,
            max_total,
        });
    }
    let fixed = Fixed::of(specs, entries);
    let reweighed = entries
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let total: rust_decimal::Decimal =
                e.points.iter().zip(weights).map(|(p, w)| p.0 * w.0).sum();
            let total = Decimal(total);
            Entry {
                total,
                excluded: fixed.exclusion(i, total, threshold),
                ..e.clone()
            }
        })
        .collect();
    Ok((tuned, reweighed))
}

#[cfg(test)]
mod tests;
