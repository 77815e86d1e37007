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
use crate::portfolio::FundingRuleName;

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
    /// Why the group chose its funding rule (`[funding] basis`), when the pack says.
    funding_basis: Option<BasisLine>,
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
            funding_basis: pack
                .manifest
                .funding
                .as_ref()
                .and_then(|f| f.basis.as_ref())
                .map(|b| BasisLine::of(b, &pack.manifest, lang)),
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
    /// The sentence stating the batch's funding rule (»Finansieringsreglen: …«); `None`
    /// outside a batch.
    pub funding_rule: Option<String>,
    /// Why the group chose that rule, when the pack says.
    pub funding_basis: Option<&'s BasisLine>,
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
        funding_rule: decision
            .batch
            .as_ref()
            .map(|b| Sentence::funding_rule(b.funding_rule, partial_min_share(s.manifest), lang)),
        funding_basis: decision.batch.as_ref().and(s.funding_basis.as_ref()),
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

/// The least share of a request a partial grant may be, when `manifest`'s rule is `partial`.
fn partial_min_share(manifest: &Manifest) -> Option<Decimal> {
    manifest
        .funding
        .as_ref()
        .filter(|f| f.rule == FundingRuleName::Partial)
        .and_then(|f| f.partial_min_share)
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
            let granted = decision
                .granted
                .expect("a batch sets the grant with the batch's context");
            let rule = batch.funding_rule;
            let sentence = match recommendation {
                // Under `optimal` the package decides, not what was left at the rank.
                Recommendation::Fund if rule == FundingRuleName::Optimal => {
                    Sentence::FundedInPackage
                }
                _ if rule == FundingRuleName::Optimal => Sentence::ReserveNotInPackage,
                Recommendation::Fund if granted < facts.requested => Sentence::FundedPartly,
                Recommendation::Fund => Sentence::Funded,
                _ if left_amount == 0 => Sentence::ReserveUsedUp,
                // `strict` stopped above: what is left would have covered it.
                _ if rule == FundingRuleName::Strict && left_amount >= facts.requested => {
                    Sentence::ReserveStrictStopped
                }
                _ => Sentence::ReserveNoFit,
            };
            // Only `partial` grants less than requested, and loading requires its share; without
            // one the whole request is the least (as `Sentence::funding_rule` says it).
            let share = labels::share(
                partial_min_share(s.manifest).unwrap_or(Decimal::from(1u32)),
                lang,
            );
            // A sentence without a placeholder ignores its value.
            out.push(sentence.fill(
                lang,
                &[
                    ("rank", &rank),
                    ("left", &money(left_amount)),
                    ("budget", &money(budget)),
                    ("requested", &requested),
                    ("granted", &money(granted)),
                    ("share", &share),
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A pack whose funding rule is `rule` (with a least share of a half under `partial`).
    fn manifest(rule: &str) -> Manifest {
        let mut funding = serde_json::json!({"rule": rule});
        if rule == "partial" {
            funding["partial_min_share"] = serde_json::json!(0.5);
        }
        serde_json::from_value(serde_json::json!({
            "id": "x", "version": "1", "title": {"da": "X"}, "language": "da",
            "currency": "DKK", "budget": 200000,
            "criteria": [{"id": "a", "title": {"da": "A"}, "weight": 1, "max_points": 5,
                          "script": "a.rhai"}],
            "funding": funding,
        }))
        .expect("the test's manifest is valid")
    }

    fn setting(m: &Manifest) -> Setting<'_> {
        Setting {
            lang: "da",
            currency: "DKK",
            threshold: None,
            manifest: m,
            gate_bases: BTreeMap::new(),
            criterion_bases: BTreeMap::new(),
            funding_basis: None,
        }
    }

    /// Ranked 3rd of a 200.000 kr. budget, requesting 80.000 kr. (the facts), with `left` kr.
    /// left when the line reached it, under `rule`.
    fn decision(
        recommendation: Recommendation,
        granted: u64,
        left: u64,
        rule: FundingRuleName,
    ) -> Decision {
        Decision::ranked_for_test(recommendation, 3, granted, left, rule)
    }

    fn facts() -> ApplicationFacts {
        ApplicationFacts {
            applicant: "Ida".into(),
            organisation: "O".into(),
            municipalities: Vec::new(),
            requested: 80_000,
            period_start: "2025-01-01".into(),
            period_end: "2025-12-31".into(),
        }
    }

    #[test]
    fn a_partial_grant_says_what_is_granted_of_what_was_requested_and_why() {
        let m = manifest("partial");
        let s = setting(&m);
        // 50.000 kr. left of 200.000 kr.; 80.000 kr. requested: 50.000 ≥ ½ × 80.000 = 40.000,
        // so the rule offers the 50.000 kr. left.
        let d = decision(
            Recommendation::Fund,
            50_000,
            50_000,
            FundingRuleName::Partial,
        );
        assert_eq!(
            why(&d, &facts(), &s),
            [
                "Ansøgningen er nr. 3 i prioriteringen. Da prioriteringen nåede den, var der \
              50.000 kr. tilbage af puljen på 200.000 kr., og ansøgningen søger 80.000 kr., som \
              ikke kan rummes. Det, der er tilbage, er mindst 50\u{a0}% af det ansøgte, så \
              finansieringsreglen giver et delvist tilskud på 50.000 kr., som indstilles."
            ]
        );
        let view = report(&d, &facts(), &s);
        assert_eq!(
            view.funding_rule.as_deref(),
            Some(
                "Finansieringsreglen: rangordningen følges, og en ansøgning, der ikke kan \
                 rummes, springes over; den første af dem, hvor det, der er tilbage af puljen, \
                 er mindst 50\u{a0}% af det ansøgte beløb, tilbydes dog det, der er tilbage \
                 (højst ét delvist tilskud pr. runde)."
            )
        );
    }

    #[test]
    fn strict_says_it_stopped_above_where_skip_would_have_funded() {
        let m = manifest("strict");
        let s = setting(&m);
        // 100.000 kr. left covers the 80.000 kr. requested: only a rule that stopped above
        // leaves it on the reserve list.
        let d = decision(Recommendation::Reserve, 0, 100_000, FundingRuleName::Strict);
        let why = why(&d, &facts(), &s);
        assert!(
            why[0].contains(
                "Finansieringsreglen stopper ved den første ansøgning, der ikke kan rummes"
            ),
            "{why:?}"
        );
        // When it does not fit, strict and skip say the same.
        for rule in [FundingRuleName::Strict, FundingRuleName::Skip] {
            let d = decision(Recommendation::Reserve, 0, 60_000, rule);
            assert!(
                super::why(&d, &facts(), &s)[0]
                    .contains("som ikke kan rummes. Den kommer derfor på venteliste.")
            );
        }
    }

    #[test]
    fn under_optimal_the_package_not_the_line_explains_the_recommendation() {
        let m = manifest("optimal");
        let s = setting(&m);
        let d = decision(
            Recommendation::Reserve,
            0,
            100_000,
            FundingRuleName::Optimal,
        );
        let why_reserve = why(&d, &facts(), &s);
        assert!(
            why_reserve[0].contains("men indgår ikke i den bedste pakke"),
            "{why_reserve:?}"
        );
        let d = decision(Recommendation::Fund, 80_000, 0, FundingRuleName::Optimal);
        let why_fund = why(&d, &facts(), &s);
        assert!(
            why_fund[0].contains("og indgår i den bedste pakke"),
            "{why_fund:?}"
        );
        assert!(
            report(&d, &facts(), &s)
                .funding_rule
                .is_some_and(|r| r.starts_with("Finansieringsreglen: der støttes den kombination"))
        );
    }

    #[test]
    fn outside_a_batch_no_funding_rule_is_stated() {
        let m = manifest("skip");
        let s = setting(&m);
        let mut d = decision(Recommendation::Fund, 80_000, 200_000, FundingRuleName::Skip);
        d.batch = None;
        d.recommendation = None;
        d.rank = None;
        d.granted = None;
        assert_eq!(report(&d, &facts(), &s).funding_rule, None);
    }
}
