//! Reviews: reviewers' scores of the criteria a pack marks `review`, the conflicts of interest
//! that keep a member from reviewing, and the calibration of reviewers' leniency.
//!
//! A [`ReviewBook`] holds the reviews that count in one round (or batch), checked against the
//! pack (criterion, scale, one review per reviewer, application and criterion) and the panel
//! ([`crate::panel`]). For each application it gives an [`ApplicationReviews`]: per reviewed
//! criterion the scores scripts read as `reviews`, who stood aside and why, and the
//! fingerprint of the reviews that counted, which the decision records so `verify` reproduces
//! it (PRODUCT.md, "Determinism").
//!
//! **Calibration** (`[reviews] calibration = "offset"`). A lenient reviewer lifts every
//! application they review. Under the additive model of reviewer bias — a score is the
//! application's merit plus the reviewer's own offset (MacKay, Kenna, Low & Parker 2017,
//! "Calibration with confidence: a principled method for panel assessment", Royal Society Open
//! Science 4:160760, which fits that model by least squares) — we use its one-step estimate,
//! per criterion: a reviewer's offset is the mean, over the applications they reviewed, of
//! their score less the panel's mean score of that application. Their calibrated score is the
//! score less the offset, rounded to two decimals and kept within the scale. A reviewer who
//! shares no application with another has an offset of 0 (nothing to compare with). Offsets
//! come from every review of the round, so one application's calibrated score depends on
//! other applications' reviews: the decision records that, with the fingerprint of all of them.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::RoundingStrategy;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::application::Application;
use crate::decimal::Decimal;
use crate::fingerprint;
use crate::manifest::{Calibration, Manifest};
use crate::panel::{Panel, StoodAside};

/// One reviewer's score of one criterion of one application, as entered from a sheet.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Review {
    /// The application's id.
    pub application_id: String,
    /// The criterion's id in the pack.
    pub criterion: String,
    /// The reviewer's name, as the panel has it.
    pub reviewer: String,
    /// The score, a whole number on the criterion's scale (`review.min` to `review.max`).
    pub score: u32,
    /// The reviewer's comment; may be empty.
    #[serde(default)]
    pub comment: String,
}

/// Why a review cannot count: the words for a message, and which review it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The review refused.
    pub review: Review,
    /// Why, in English (the caller words it for its user when it knows more, e.g. the cell).
    pub reason: RefusalReason,
}

/// Why a review is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RefusalReason {
    /// The pack has no criterion of that id.
    UnknownCriterion,
    /// The criterion is not scored by reviewers.
    NotReviewed,
    /// The score is outside the criterion's scale.
    OutsideScale {
        /// Lowest score allowed.
        min: u32,
        /// Highest score allowed.
        max: u32,
    },
    /// The same reviewer scored the same criterion of the same application before (in the same
    /// entry).
    Twice,
    /// The reviewer has a conflict of interest with the application.
    Conflict(StoodAside),
}

/// The reviews of a round, checked, with the calibration offsets they give.
#[derive(Debug, Clone, Default)]
pub struct ReviewBook {
    /// By application id, sorted by criterion and reviewer.
    by_application: BTreeMap<String, Vec<Review>>,
    /// By (criterion, reviewer), when the pack calibrates.
    offsets: BTreeMap<(String, String), Decimal>,
    /// The fingerprint of every review in the book, when the pack calibrates: the reviews the
    /// offsets came from.
    all_fingerprint: Option<String>,
    /// The panel, for conflicts of interest.
    panel: Panel,
    /// (application, reviewer) pairs whose reviews the offsets and leniency leave out: the
    /// reviewer has a conflict of interest with the application
    /// ([`ReviewBook::leaving_out_conflicts`]).
    conflicted: BTreeSet<(String, String)>,
}

/// A reviewer's leniency on one criterion: their mean score against the panel's mean on the
/// same applications, and the offset calibration takes off.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Leniency {
    /// The criterion's id.
    pub criterion: String,
    /// The reviewer's name.
    pub reviewer: String,
    /// How many applications they reviewed on this criterion.
    pub reviews: u64,
    /// Of those, how many another reviewer also reviewed (the ones the offset rests on).
    pub shared: u64,
    /// The reviewer's mean score on the shared applications (two decimals); `null` when none.
    pub mean: Option<Decimal>,
    /// The panel's mean score on the same applications (each application's mean, averaged; two
    /// decimals); `null` when none.
    pub panel_mean: Option<Decimal>,
    /// The reviewer's offset: the mean of their score less each application's panel mean
    /// (two decimals). Positive for a lenient reviewer, negative for a strict one.
    pub offset: Decimal,
}

/// What one reviewer gave one criterion of one application, as the decision records it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScoreGiven {
    /// The reviewer's name.
    pub reviewer: String,
    /// The score as given.
    pub score: u32,
    /// The score after calibration (the score less the reviewer's offset, two decimals, within
    /// the scale); `null` when the pack does not calibrate.
    pub calibrated: Option<Decimal>,
    /// The reviewer's comment (may be empty).
    pub comment: String,
}

/// The reviews of one criterion of one application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CriterionReview {
    /// The reviewers' scores, by reviewer name; empty while the criterion awaits review.
    pub scores: Vec<ScoreGiven>,
    /// Highest score less lowest (as given); `null` without scores.
    pub spread: Option<u32>,
    /// Whether the spread reaches the pack's `review.disagreement`: the reviewers disagree and
    /// the application is to be discussed.
    pub disagreement: bool,
}

impl CriterionReview {
    /// Whether no reviewer has scored the criterion yet.
    pub fn awaiting(&self) -> bool {
        self.scores.is_empty()
    }

    /// The scores that count: calibrated where the pack calibrates, else as given.
    pub fn counted(&self) -> Vec<Decimal> {
        self.scores
            .iter()
            .map(|s| s.calibrated.unwrap_or(Decimal::from(s.score)))
            .collect()
    }
}

/// The reviews of one application: per criterion of the pack (`None` for one scored from the
/// facts alone), who stood aside, and the fingerprint of what counted.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ApplicationReviews {
    /// One per criterion of the pack, in priority order.
    pub criteria: Vec<Option<CriterionReview>>,
    /// Members of the panel with a conflict of interest, by name.
    pub stood_aside: Vec<StoodAside>,
    /// Reviews the book holds from members who stood aside: refused, never counted.
    pub refused: Vec<Refusal>,
    /// The reviewers whose scores counted, by name.
    pub assessed_by: Vec<String>,
    /// `sha256:` of the reviews that counted (see [`ApplicationReviews::fingerprint_of`]);
    /// `None` when the pack has no reviewed criterion.
    pub fingerprint: Option<String>,
    /// `sha256:` of every review of the round, when calibration made this application's scores
    /// depend on them.
    pub calibrated_from: Option<String>,
}

impl ApplicationReviews {
    /// Whether a reviewed criterion has no review yet.
    pub fn awaiting(&self) -> bool {
        self.criteria
            .iter()
            .flatten()
            .any(CriterionReview::awaiting)
    }

    /// The fingerprint of reviews: the digest of their canonical JSON (sorted by application,
    /// criterion, reviewer; keys sorted; no white space).
    pub fn fingerprint_of(reviews: &[Review]) -> String {
        let mut sorted: Vec<&Review> = reviews.iter().collect();
        sorted.sort();
        let value = serde_json::to_value(&sorted).unwrap_or_default();
        fingerprint::sha256(value.to_string().as_bytes())
    }
}

/// The mean of `scores`, rounded to two decimals (half away from zero); `None` without scores.
pub fn mean(scores: &[Decimal]) -> Option<Decimal> {
    if scores.is_empty() {
        return None;
    }
    let sum: rust_decimal::Decimal = scores.iter().map(|s| s.0).sum();
    Some(round2(
        sum / rust_decimal::Decimal::from(scores.len() as u64),
    ))
}

/// The median of `scores` (the mean of the middle two for an even count), rounded to two
/// decimals; `None` without scores.
pub fn median(scores: &[Decimal]) -> Option<Decimal> {
    let mut sorted = scores.to_vec();
    sorted.sort();
    let n = sorted.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(sorted[n / 2]),
        _ => Some(round2(
            (sorted[n / 2 - 1].0 + sorted[n / 2].0) / rust_decimal::Decimal::TWO,
        )),
    }
}

fn round2(value: rust_decimal::Decimal) -> Decimal {
    Decimal(
        value
            .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
            .normalize(),
    )
}

impl ReviewBook {
    /// An empty book (no reviews, no panel): every reviewed criterion awaits review.
    pub fn empty() -> ReviewBook {
        ReviewBook::default()
    }

    /// Checks `reviews` against the pack and builds the book. Refused: a review of a criterion
    /// the pack lacks or does not have reviewed, a score outside the scale, a second review by
    /// the same reviewer of the same criterion and application. Conflicts of interest are
    /// checked per application ([`ReviewBook::for_application`], [`ReviewBook::conflict`]),
    /// where the application's parties are known.
    ///
    /// # Errors
    /// Every refused review, in the order given.
    pub fn new(
        manifest: &Manifest,
        reviews: Vec<Review>,
        panel: Panel,
    ) -> Result<ReviewBook, Vec<Refusal>> {
        let mut refused = Vec::new();
        let mut seen = BTreeSet::new();
        let mut kept = Vec::new();
        for review in reviews {
            let reason = match manifest.criteria.iter().find(|c| c.id == review.criterion) {
                None => Some(RefusalReason::UnknownCriterion),
                Some(spec) => match &spec.review {
                    None => Some(RefusalReason::NotReviewed),
                    Some(r) if review.score < r.min || review.score > r.max => {
                        Some(RefusalReason::OutsideScale {
                            min: r.min,
                            max: r.max,
                        })
                    }
                    Some(_) => None,
                },
            };
            let key = (
                review.application_id.clone(),
                review.criterion.clone(),
                review.reviewer.clone(),
            );
            let reason = reason.or_else(|| (!seen.insert(key)).then_some(RefusalReason::Twice));
            match reason {
                Some(reason) => refused.push(Refusal { review, reason }),
                None => kept.push(review),
            }
        }
        if !refused.is_empty() {
            return Err(refused);
        }
        Ok(ReviewBook::of_checked(manifest, kept, panel))
    }

    fn of_checked(manifest: &Manifest, mut reviews: Vec<Review>, panel: Panel) -> ReviewBook {
        reviews.sort();
        let calibrates = manifest
            .reviews
            .as_ref()
            .is_some_and(|r| r.calibration == Calibration::Offset);
        let mut by_application: BTreeMap<String, Vec<Review>> = BTreeMap::new();
        for review in reviews {
            by_application
                .entry(review.application_id.clone())
                .or_default()
                .push(review);
        }
        let mut book = ReviewBook {
            by_application,
            offsets: BTreeMap::new(),
            all_fingerprint: None,
            panel,
            conflicted: BTreeSet::new(),
        };
        if calibrates {
            book.calibrate();
        }
        book
    }

    /// The same book with calibration offsets computed without the reviews from members who
    /// have a conflict of interest with the application reviewed (among `applications`): such a
    /// review never counts ([`ReviewBook::for_application`] refuses it), so it must not move
    /// other reviewers' calibrated scores either. The reviews stay in the book, so
    /// `for_application` still reports them as refused. A book that does not calibrate is
    /// returned as it is.
    pub fn leaving_out_conflicts<'a>(
        mut self,
        manifest: &Manifest,
        applications: impl IntoIterator<Item = &'a Application>,
    ) -> ReviewBook {
        if !self.calibrates() {
            return self;
        }
        let mut conflicted = BTreeSet::new();
        for application in applications {
            for stood in self.panel.conflicts(manifest, application) {
                conflicted.insert((application.id.clone(), stood.member));
            }
        }
        if conflicted.is_empty() {
            return self;
        }
        self.conflicted = conflicted;
        self.calibrate();
        self
    }

    /// Whether the pack calibrates: scores count less each reviewer's offset.
    pub fn calibrates(&self) -> bool {
        self.all_fingerprint.is_some()
    }

    /// Works out the offsets and the fingerprint of the reviews they rest on, from the reviews
    /// that count ([`ReviewBook::counting`]).
    fn calibrate(&mut self) {
        let counting = self.counting();
        self.offsets = leniency(&counting)
            .into_iter()
            .map(|l| ((l.criterion, l.reviewer), l.offset))
            .collect();
        self.all_fingerprint = Some(ApplicationReviews::fingerprint_of(&counting));
    }

    /// Every review in the book, sorted by application, criterion and reviewer.
    pub fn reviews(&self) -> impl Iterator<Item = &Review> {
        self.by_application.values().flatten()
    }

    /// The panel the book checks conflicts against.
    pub fn panel(&self) -> &Panel {
        &self.panel
    }

    /// Each reviewer's leniency per criterion, by criterion and reviewer.
    pub fn leniency(&self) -> Vec<Leniency> {
        leniency(&self.counting())
    }

    /// The reviews calibration rests on: all but those left out for a conflict.
    fn counting(&self) -> Vec<Review> {
        self.reviews()
            .filter(|r| {
                !self
                    .conflicted
                    .contains(&(r.application_id.clone(), r.reviewer.clone()))
            })
            .cloned()
            .collect()
    }

    /// Whether `reviewer` has a conflict of interest with `application` under the pack's rules:
    /// why, if so.
    pub fn conflict(
        &self,
        manifest: &Manifest,
        application: &Application,
        reviewer: &str,
    ) -> Option<StoodAside> {
        self.panel
            .conflicts(manifest, application)
            .into_iter()
            .find(|s| s.member == reviewer)
    }

    /// The reviews of `application` for the pack of `manifest`: per criterion, who stood aside,
    /// the reviews refused for a conflict, and the fingerprints.
    pub fn for_application(
        &self,
        manifest: &Manifest,
        application: &Application,
    ) -> ApplicationReviews {
        let reviewed_pack = manifest.criteria.iter().any(|c| c.review.is_some());
        let stood_aside = self.panel.conflicts(manifest, application);
        let empty = Vec::new();
        let given = self.by_application.get(&application.id).unwrap_or(&empty);
        let mut refused = Vec::new();
        let mut counted = Vec::new();
        for review in given {
            match stood_aside.iter().find(|s| s.member == review.reviewer) {
                Some(conflict) => refused.push(Refusal {
                    review: review.clone(),
                    reason: RefusalReason::Conflict(conflict.clone()),
                }),
                None => counted.push(review.clone()),
            }
        }
        let criteria = manifest
            .criteria
            .iter()
            .map(|spec| {
                let rule = spec.review.as_ref()?;
                let scores: Vec<ScoreGiven> = counted
                    .iter()
                    .filter(|r| r.criterion == spec.id)
                    .map(|r| ScoreGiven {
                        reviewer: r.reviewer.clone(),
                        score: r.score,
                        calibrated: self.all_fingerprint.as_ref().map(|_| {
                            let offset = self
                                .offsets
                                .get(&(r.criterion.clone(), r.reviewer.clone()))
                                .copied()
                                .unwrap_or(Decimal::ZERO);
                            let value = round2(rust_decimal::Decimal::from(r.score) - offset.0);
                            value
                                .max(Decimal::from(rule.min))
                                .min(Decimal::from(rule.max))
                        }),
                        comment: r.comment.clone(),
                    })
                    .collect();
                let spread = scores
                    .iter()
                    .map(|s| s.score)
                    .max()
                    .zip(scores.iter().map(|s| s.score).min())
                    .map(|(hi, lo)| hi - lo);
                Some(CriterionReview {
                    disagreement: spread
                        .zip(rule.disagreement)
                        .is_some_and(|(s, limit)| s >= limit),
                    scores,
                    spread,
                })
            })
            .collect();
        let assessed_by: BTreeSet<String> = counted.iter().map(|r| r.reviewer.clone()).collect();
        ApplicationReviews {
            criteria,
            stood_aside,
            refused,
            assessed_by: assessed_by.into_iter().collect(),
            fingerprint: reviewed_pack.then(|| ApplicationReviews::fingerprint_of(&counted)),
            calibrated_from: if reviewed_pack {
                self.all_fingerprint.clone()
            } else {
                None
            },
        }
    }
}

/// Leniency per criterion and reviewer over `reviews` (see the module's documentation).
fn leniency(reviews: &[Review]) -> Vec<Leniency> {
    // (criterion, application) → scores
    let mut by_item: BTreeMap<(&str, &str), Vec<u32>> = BTreeMap::new();
    for r in reviews {
        by_item
            .entry((&r.criterion, &r.application_id))
            .or_default()
            .push(r.score);
    }
    let item_mean = |criterion: &str, application: &str| {
        let scores = &by_item[&(criterion, application)];
        let sum: u64 = scores.iter().map(|&s| u64::from(s)).sum();
        rust_decimal::Decimal::from(sum) / rust_decimal::Decimal::from(scores.len() as u64)
    };
    let mut by_reviewer: BTreeMap<(&str, &str), Vec<&Review>> = BTreeMap::new();
    for r in reviews {
        by_reviewer
            .entry((&r.criterion, &r.reviewer))
            .or_default()
            .push(r);
    }
    by_reviewer
        .into_iter()
        .map(|((criterion, reviewer), own)| {
            let shared: Vec<&&Review> = own
                .iter()
                .filter(|r| by_item[&(criterion, r.application_id.as_str())].len() > 1)
                .collect();
            let n = rust_decimal::Decimal::from(shared.len() as u64);
            let (mean, panel_mean, offset) = if shared.is_empty() {
                (None, None, Decimal::ZERO)
            } else {
                let own_sum: rust_decimal::Decimal = shared
                    .iter()
                    .map(|r| rust_decimal::Decimal::from(r.score))
                    .sum();
                let panel_sum: rust_decimal::Decimal = shared
                    .iter()
                    .map(|r| item_mean(criterion, &r.application_id))
                    .sum();
                (
                    Some(round2(own_sum / n)),
                    Some(round2(panel_sum / n)),
                    round2((own_sum - panel_sum) / n),
                )
            };
            Leniency {
                criterion: criterion.to_string(),
                reviewer: reviewer.to_string(),
                reviews: own.len() as u64,
                shared: shared.len() as u64,
                mean,
                panel_mean,
                offset,
            }
        })
        .collect()
}

/// What a criterion's script reads as `reviews`: a read-only record of
/// - `count`: how many reviewers scored it;
/// - `scores`: one record per reviewer, by name: `reviewer`, `score` (the score that counts:
///   calibrated where the pack calibrates, else as given), `given` (as given), `comment`;
/// - `mean`, `median` (of the scores that count, two decimals), `min`, `max`, `spread` (of
///   the scores as given);
/// - `listed`: the scores that count as the pack's language lists them (`4, 4 og 2`; with
///   semicolons where a decimal comma would make commas ambiguous: `3,6; 4,21 og 4,29`);
/// - `calibrated`: whether the scores are calibrated.
///
/// Numbers are integers where whole, else exact decimals.
pub(crate) fn script_value(review: &CriterionReview, lang: &str) -> rhai::Dynamic {
    use rhai::{Dynamic, ImmutableString};
    let number = |d: Decimal| match i64::try_from(d.0.normalize()) {
        Ok(i) if d.0.fract().is_zero() => Dynamic::from_int(i),
        _ => Dynamic::from_decimal(d.0.normalize()),
    };
    let key = |s: &str| ImmutableString::from(s);
    let counted = review.counted();
    let scores: rhai::Array = review
        .scores
        .iter()
        .zip(&counted)
        .map(|(s, &c)| {
            let mut fields = BTreeMap::new();
            fields.insert(key("reviewer"), Dynamic::from(key(s.reviewer.as_str())));
            fields.insert(key("score"), number(c));
            fields.insert(key("given"), Dynamic::from_int(i64::from(s.score)));
            fields.insert(key("comment"), Dynamic::from(key(s.comment.as_str())));
            crate::script::record::from_fields(fields)
        })
        .collect();
    let optional = |d: Option<Decimal>| d.map_or(Dynamic::UNIT, number);
    let given = review.scores.iter().map(|s| s.score);
    let texts: Vec<String> = counted
        .iter()
        .map(|&c| {
            if lang == "en" {
                c.to_string()
            } else {
                c.with_comma()
            }
        })
        .collect();
    let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut fields = BTreeMap::new();
    fields.insert(key("count"), Dynamic::from_int(review.scores.len() as i64));
    fields.insert(key("scores"), Dynamic::from_array(scores));
    fields.insert(key("mean"), optional(mean(&counted)));
    fields.insert(key("median"), optional(median(&counted)));
    fields.insert(
        key("min"),
        given
            .clone()
            .min()
            .map_or(Dynamic::UNIT, |m| Dynamic::from_int(i64::from(m))),
    );
    fields.insert(
        key("max"),
        given
            .max()
            .map_or(Dynamic::UNIT, |m| Dynamic::from_int(i64::from(m))),
    );
    fields.insert(
        key("spread"),
        review
            .spread
            .map_or(Dynamic::UNIT, |s| Dynamic::from_int(i64::from(s))),
    );
    // With a decimal comma, "3,6, 4,21 og 4,29" reads as five numbers: semicolons then.
    let separator = if texts.iter().any(|t| t.contains(',')) {
        "; "
    } else {
        ", "
    };
    let listed = crate::labels::list_with(&texts, separator, lang);
    fields.insert(key("listed"), Dynamic::from(key(&listed)));
    fields.insert(
        key("calibrated"),
        Dynamic::from_bool(review.scores.iter().any(|s| s.calibrated.is_some())),
    );
    crate::script::record::from_fields(fields)
}

#[cfg(test)]
mod tests;

/// What the overview of a batch or round shows of its reviews: each reviewer's leniency side by
/// side, the method of calibration, and — when the pack calibrates — each ranked application's
/// place in the ranking of the scores as given (the decisions hold the calibrated ranking).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewsOverview {
    /// By criterion and reviewer ([`ReviewBook::leniency`]).
    pub leniency: Vec<Leniency>,
    /// The pack's calibration.
    pub calibration: Calibration,
    /// When the pack calibrates: application id → rank under the scores as given (uncalibrated);
    /// empty otherwise.
    pub uncalibrated_rank: BTreeMap<String, u64>,
}
