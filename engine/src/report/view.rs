//! What a report shows, worked out in words before any template sees it: numbers written as the
//! language writes them, amounts with their currency, and the reasons for the recommendation as
//! whole sentences. Templates only lay this out, so the wording lives in one tested place.

use serde::{Deserialize, Serialize};

use crate::application::Application;
use crate::decimal::Decimal;
use crate::decision::CriterionResult;
use crate::decision::{Decision, Recommendation};
use crate::labels::{self, Label, Sentence, amount, number};
use crate::manifest::Manifest;

use std::collections::BTreeMap;

use super::basis::BasisLine;

/// What a report says about the application besides what the decision holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApplicationFacts {
    /// The person responsible.
    pub applicant: String,
    /// The organisation applying.
    pub organisation: String,
    /// Municipalities taking part, as the application names them.
    pub municipalities: Vec<String>,
    /// Amount requested, in whole units of the pack's currency.
    pub requested: u64,
    /// First day, `YYYY-MM-DD`.
    pub period_start: String,
    /// Last day, `YYYY-MM-DD`.
    pub period_end: String,
}

impl ApplicationFacts {
    /// The facts of `app`.
    pub fn of(app: &Application) -> Self {
        ApplicationFacts {
            applicant: app.applicant.name.clone(),
            organisation: app.organisation.name.clone(),
            municipalities: app.municipalities.clone(),
            requested: app.budget.requested,
            period_start: app.period.start.0.clone(),
            period_end: app.period.end.0.clone(),
        }
    }
}

/// What every report of one run shares.
#[derive(Debug, Clone)]
pub struct Setting<'a> {
    /// Language of labels and sentences.
    pub lang: &'a str,
    /// The pack's currency code, e.g. `DKK`.
    pub currency: &'a str,
    /// The pack's threshold on the total, if any.
    pub threshold: Option<Decimal>,
    /// The pack's manifest.
    pub manifest: &'a Manifest,
    /// Where each gate comes from, by id, worded once for every report of the run.
    gate_bases: BTreeMap<&'a str, BasisLine>,
    /// Where each criterion comes from, by id.
    criterion_bases: BTreeMap<&'a str, BasisLine>,
}

impl<'a> Setting<'a> {
    /// The setting of `pack`'s reports in `lang`.
    pub fn of(pack: &'a crate::pack::RulePack, lang: &'a str) -> Self {
        Setting {
            lang,
            currency: &pack.manifest.currency,
            threshold: pack.manifest.threshold,
            manifest: &pack.manifest,
            gate_bases: BasisLine::of_gates(&pack.manifest, lang),
            criterion_bases: BasisLine::of_criteria(&pack.manifest, lang),
        }
    }
}

/// One application's report, ready to lay out.
#[derive(Debug, Serialize)]
pub struct ReportView<'s> {
    pub lang: String,
    pub id: String,
    pub title: String,
    pub applicant: String,
    pub organisation: String,
    pub municipalities: String,
    pub requested: String,
    pub period: String,
    pub eligible: bool,
    pub gates: Vec<GateView<'s>>,
    pub criteria: Vec<CriterionView<'s>>,
    pub total: String,
    pub max_total: String,
    pub threshold: Option<String>,
    /// `fund`, `reserve`, `below_threshold`, `ineligible`, or `open` outside a batch.
    pub recommendation_key: &'static str,
    pub recommendation: &'static str,
    pub why: Vec<String>,
    /// Whether a criterion scored by reviewers has no review yet: the total is not one.
    pub awaiting_review: bool,
    /// Who assessed the application and who stood aside; `None` for a pack without a criterion
    /// scored by reviewers.
    pub reviews: Option<ReviewsView>,
    pub batch: Option<BatchView>,
    pub pack_id: String,
    pub pack_version: String,
    pub pack_fingerprint: String,
    pub input_fingerprint: String,
    pub engine_version: String,
}

/// One gate as a report shows it.
#[derive(Debug, Serialize)]
pub struct GateView<'s> {
    pub title: String,
    pub passed: bool,
    pub state: &'static str,
    pub reason: String,
    /// Where the requirement comes from, when the pack says it.
    pub basis: Option<&'s BasisLine>,
}

/// One criterion as a report shows it.
#[derive(Debug, Serialize)]
pub struct CriterionView<'s> {
    pub priority: u32,
    pub title: String,
    pub points: String,
    pub max_points: String,
    pub weight: String,
    pub weighted: String,
    /// "mindst 1 point", when the criterion has a minimum.
    pub minimum: Option<String>,
    pub below_minimum: bool,
    pub reasons: Vec<String>,
    /// Where the criterion comes from, when the pack says it.
    pub basis: Option<&'s BasisLine>,
    /// The reviewers' scores, for a criterion scored by reviewers.
    pub review: Option<CriterionReviewView>,
}

/// The reviews of one criterion as a report shows them.
#[derive(Debug, Serialize)]
pub struct CriterionReviewView {
    /// Why it has no points yet, when no reviewer has scored it: `afventer bedømmelse`, or
    /// `ikke bedømt` for an application that is not eligible (it is never sent to reviewers).
    /// Its points then say the same, instead of a number.
    pub pending: Option<String>,
    /// The reviewers' scale: `0–5`.
    pub scale: String,
    /// One per reviewer, by name.
    pub scores: Vec<ScoreView>,
    /// Whether the scores were calibrated (the table then has a column for it).
    pub calibrated: bool,
    /// Highest score less lowest, `2 point`; `None` without scores.
    pub spread: Option<String>,
    /// Whether the spread reaches the pack's threshold: the reviewers disagree.
    pub disagreement: bool,
}

/// One reviewer's score of one criterion.
#[derive(Debug, Serialize)]
pub struct ScoreView {
    pub reviewer: String,
    /// As given.
    pub score: String,
    /// After calibration, when the pack calibrates.
    pub calibrated: Option<String>,
    /// May be empty.
    pub comment: String,
}

/// Who assessed an application and who stood aside, and what makes the reviews traceable.
#[derive(Debug, Serialize)]
pub struct ReviewsView {
    /// The reviewers whose scores counted, as a list in words (`A, B og C`), or `ingen endnu`.
    pub assessed_by: String,
    /// Each member who stood aside, with the reason, as a sentence.
    pub stood_aside: Vec<String>,
    /// `sha256:` of the reviews that counted.
    pub fingerprint: String,
    /// `sha256:` of every review of the round, when calibration made the scores depend on them.
    pub calibrated_from: Option<String>,
}

/// Where the application stood in its batch.
#[derive(Debug, Serialize)]
pub struct BatchView {
    pub rank: Option<u64>,
    pub budget: String,
    pub left_before: Option<String>,
    pub granted: String,
}

/// The report of `decision` on the application described by `facts`.
///
/// # Panics
/// On a decision no assessment or batch makes: batch context without a grant, or funded or
/// reserved without a rank and the funding line's place (a report never fills them with 0).
pub fn report<'s>(
    decision: &Decision,
    facts: &ApplicationFacts,
    s: &'s Setting<'_>,
) -> ReportView<'s> {
    let lang = s.lang;
    let l = |label: Label| label.text(lang);
    let money = |n: u64| amount(n, s.currency, lang);
    let recommendation_key = decision.recommendation.map_or("open", Recommendation::key);
    let awaiting = |c: &CriterionResult| c.review.as_ref().is_some_and(|r| r.awaiting());
    let awaiting_review = decision.criteria.iter().any(awaiting);
    // An application that is not eligible is never sent to reviewers: its reviewed criteria
    // are "not reviewed", not "awaiting review", and its total is not a partial sum.
    let unscored = l(if decision.eligible {
        Label::AwaitingReview
    } else {
        Label::NotReviewed
    });
    let recommendation = decision
        .recommendation
        .map_or(l(Label::NotYetDecided), |r| {
            l(Label::recommendation_stated(r))
        });
    ReportView {
        lang: lang.to_string(),
        id: decision.application_id.clone(),
        title: decision.title.clone(),
        applicant: facts.applicant.clone(),
        organisation: facts.organisation.clone(),
        municipalities: facts.municipalities.join(", "),
        requested: money(facts.requested),
        period: format!("{} – {}", facts.period_start, facts.period_end),
        eligible: decision.eligible,
        gates: decision
            .gates
            .iter()
            .map(|g| GateView {
                title: g.title.clone(),
                passed: g.passed,
                state: l(if g.passed { Label::Met } else { Label::NotMet }),
                reason: g.reason.clone(),
                basis: s.gate_bases.get(g.id.as_str()),
            })
            .collect(),
        criteria: decision
            .criteria
            .iter()
            .map(|c| CriterionView {
                priority: c.priority,
                title: c.title.clone(),
                points: if awaiting(c) {
                    unscored.to_string()
                } else {
                    number(c.points, lang)
                },
                max_points: number(c.max_points, lang),
                weight: number(c.weight, lang),
                weighted: if awaiting(c) {
                    "–".to_string()
                } else {
                    number(c.weighted, lang)
                },
                minimum: c.min_points.map(|m| {
                    let unit = if m == Decimal::from(1u32) {
                        Label::Point
                    } else {
                        Label::PointsUnit
                    };
                    format!("{} {} {}", l(Label::Minimum), number(m, lang), l(unit))
                }),
                // Points not given yet are not below anything.
                below_minimum: !awaiting(c) && c.min_points.is_some_and(|m| c.points < m),
                reasons: c.reasons.clone(),
                basis: s.criterion_bases.get(c.id.as_str()),
                review: c.review.as_ref().map(|r| review_view(c, r, unscored, s)),
            })
            .collect(),
        total: if awaiting_review {
            unscored.to_string()
        } else {
            number(decision.total, lang)
        },
        max_total: number(decision.max_total, lang),
        threshold: s.threshold.map(|t| number(t, lang)),
        recommendation_key,
        recommendation,
        why: why(decision, facts, s),
        awaiting_review,
        reviews: decision.reviews.as_ref().map(|r| ReviewsView {
            assessed_by: if r.assessed_by.is_empty() {
                l(Label::NoReviewer).to_string()
            } else {
                let names: Vec<&str> = r.assessed_by.iter().map(String::as_str).collect();
                labels::list(&names, lang)
            },
            stood_aside: r
                .stood_aside
                .iter()
                .map(|a| labels::full_stop(&a.text(lang)))
                .collect(),
            fingerprint: r.fingerprint.clone(),
            calibrated_from: r.calibrated_from.clone(),
        }),
        batch: decision.batch.as_ref().map(|b| BatchView {
            rank: decision.rank,
            budget: money(b.budget),
            left_before: b.budget_left_before.map(money),
            granted: money(
                decision
                    .granted
                    .expect("a batch sets the grant with the batch's context"),
            ),
        }),
        pack_id: decision.pack.id.clone(),
        pack_version: decision.pack.version.clone(),
        pack_fingerprint: decision.pack.fingerprint.clone(),
        input_fingerprint: decision.input_fingerprint.clone(),
        engine_version: decision.engine_version.clone(),
    }
}

/// The reviews of criterion `c` as a report shows them; `unscored` says why it has no points
/// when no reviewer has scored it.
fn review_view(
    c: &CriterionResult,
    review: &crate::review::CriterionReview,
    unscored: &str,
    s: &Setting<'_>,
) -> CriterionReviewView {
    let lang = s.lang;
    let scale = s
        .manifest
        .criteria
        .iter()
        .find(|spec| spec.id == c.id)
        .and_then(|spec| spec.review.as_ref())
        .map_or_else(String::new, |r| format!("{}–{}", r.min, r.max));
    CriterionReviewView {
        pending: review.awaiting().then(|| unscored.to_string()),
        scale,
        scores: review
            .scores
            .iter()
            .map(|g| ScoreView {
                reviewer: g.reviewer.clone(),
                score: g.score.to_string(),
                calibrated: g.calibrated.map(|d| number(d, lang)),
                comment: g.comment.clone(),
            })
            .collect(),
        calibrated: review.scores.iter().any(|g| g.calibrated.is_some()),
        spread: review.spread.map(|n| {
            let unit = if n == 1 {
                Label::Point
            } else {
                Label::PointsUnit
            };
            format!("{n} {}", unit.text(lang))
        }),
        disagreement: review.disagreement,
    }
}

/// The reasons for the recommendation, as sentences: which requirement or minimum was not met,
/// or where the funding line stood when it reached the application, and how a tie was broken.
fn why(decision: &Decision, facts: &ApplicationFacts, s: &Setting<'_>) -> Vec<String> {
    let lang = s.lang;
    let money = |n: u64| amount(n, s.currency, lang);
    let num = |d: Decimal| number(d, lang);
    let mut out = Vec::new();
    match decision.recommendation {
        Some(Recommendation::Ineligible) => {
            for gate in decision.gates.iter().filter(|g| !g.passed) {
                out.push(
                    Sentence::GateNotMet
                        .fill(lang, &[("title", &gate.title), ("reason", &gate.reason)]),
                );
            }
            out.push(Sentence::IneligibleSo.fill(lang, &[]));
        }
        Some(Recommendation::BelowThreshold) => {
            for c in &decision.criteria {
                let Some(min) = c.min_points.filter(|&m| c.points < m) else {
                    continue;
                };
                out.push(Sentence::BelowMinimum.fill(
                    lang,
                    &[
                        ("title", &c.title),
                        ("points", &num(c.points)),
                        ("min", &num(min)),
                    ],
                ));
            }
            if let Some(t) = s.threshold.filter(|&t| decision.total < t) {
                out.push(Sentence::BelowThreshold.fill(
                    lang,
                    &[("total", &num(decision.total)), ("threshold", &num(t))],
                ));
            }
            out.push(Sentence::BelowSo.fill(lang, &[]));
        }
        None => out.push(Sentence::Pending.fill(lang, &[])),
        Some(Recommendation::AwaitingReview) => {
            let awaiting: Vec<&str> = decision
                .criteria
                .iter()
                .filter(|c| c.review.as_ref().is_some_and(|r| r.awaiting()))
                .map(|c| c.title.as_str())
                .collect();
            out.push(
                Sentence::AwaitingReviewSo
                    .fill(lang, &[("criteria", &crate::labels::list(&awaiting, lang))]),
            );
        }
        Some(recommendation @ (Recommendation::Fund | Recommendation::Reserve)) => {
            let rank = decision
                .rank
                .expect("only ranking funds or reserves, and it gives the rank with it")
                .to_string();
            let requested = money(facts.requested);
            let batch = decision
                .batch
                .as_ref()
                .expect("only a batch funds or reserves, and it sets its context");
            let budget = batch.budget;
            let left_amount = batch
                .budget_left_before
                .expect("the funding line reaches every ranked application");
            let sentence = match recommendation {
                Recommendation::Fund => Sentence::Funded,
                _ if left_amount == 0 => Sentence::ReserveUsedUp,
                _ => Sentence::ReserveNoFit,
            };
            out.push(sentence.fill(
                lang,
                &[
                    ("rank", &rank),
                    ("left", &money(left_amount)),
                    ("budget", &money(budget)),
                    ("requested", &requested),
                ],
            ));
            if decision
                .batch
                .as_ref()
                .is_some_and(|b| b.funded_past_skipped)
            {
                out.push(Sentence::FundedPastSkipped.fill(lang, &[]));
            }
        }
    }
    // Reviewers who disagree: the application is to be discussed, whatever it is recommended.
    for c in &decision.criteria {
        let Some(review) = c.review.as_ref().filter(|r| r.disagreement) else {
            continue;
        };
        let limit = s
            .manifest
            .criteria
            .iter()
            .find(|spec| spec.id == c.id)
            .and_then(|spec| spec.review.as_ref()?.disagreement);
        if let (Some(spread), Some(limit)) = (review.spread, limit) {
            out.push(Sentence::Disagreement.fill(
                lang,
                &[
                    ("title", &c.title),
                    ("spread", &spread.to_string()),
                    ("limit", &limit.to_string()),
                ],
            ));
        }
    }
    if let Some(tie) = decision.batch.as_ref().and_then(|b| b.tie.as_ref()) {
        let criterion = decision.criteria.iter().find(|c| c.id == tie.decided_by);
        let sentence = match criterion {
            Some(_) => Sentence::TieByCriterion,
            None => Sentence::TieById,
        };
        // A sentence without a placeholder ignores its value.
        out.push(sentence.fill(
            lang,
            &[
                ("total", &num(decision.total)),
                ("above", &tie.above),
                ("title", criterion.map_or("", |c| c.title.as_str())),
            ],
        ));
    }
    out
}
