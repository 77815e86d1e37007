//! Warnings about a pack: what loads and runs but is likely a mistake.
//!
//! Errors stop a pack from loading; warnings do not, because each of these can be meant. They
//! are shown by `kriterium check` so the person tuning criteria sees them before the network
//! group adopts the change.

use std::collections::{BTreeMap, BTreeSet};

use super::PackFiles;
use crate::decimal::Decimal;
use crate::manifest::{Basis, BasisKind, Calibration, CriterionSpec, Manifest};
use crate::problem::{Arg, Message, Problem, Wording};
use crate::script::paths::Reads;

/// Every warning about a pack whose manifest parsed. `at` places a message at a JSON pointer in
/// `pack.toml`, and `worded` places one of our messages (read in the language of messages)
/// there; `reads` says what each script (by path) reads and calls.
pub(super) fn warnings(
    manifest: &Manifest,
    files: &PackFiles,
    at: &dyn Fn(&str, String) -> Problem,
    worded: &dyn Fn(&str, Message) -> Problem,
    reads: &BTreeMap<String, Reads>,
) -> Vec<Problem> {
    let mut warnings = Vec::new();
    bases(manifest, worded, &mut warnings);
    unused_scripts(manifest, files, &mut warnings);
    unread_parameters(manifest, files, at, reads, &mut warnings);
    priorities(manifest, at, &mut warnings);
    scripts_that_decide_nothing(manifest, files, reads, &mut warnings);
    reviews(manifest, worded, reads, &mut warnings);
    portfolio(manifest, worded, &mut warnings);
    warnings.sort();
    warnings.dedup();
    warnings
}

fn unused_scripts(manifest: &Manifest, files: &PackFiles, warnings: &mut Vec<Problem>) {
    let used: BTreeSet<&str> = manifest
        .gates
        .iter()
        .map(|g| g.script.as_str())
        .chain(manifest.criteria.iter().map(|c| c.script.as_str()))
        .chain(manifest.attribute_specs().iter().map(|a| a.script.as_str()))
        .collect();
    for path in files.paths().filter(|p| p.ends_with(".rhai")) {
        if !used.contains(path) {
            warnings.push(Problem::at(
                files.display(path),
                1,
                1,
                "no gate or criterion uses this script: name it in pack.toml, or delete it",
            ));
        }
    }
}

fn unread_parameters(
    manifest: &Manifest,
    files: &PackFiles,
    at: &dyn Fn(&str, String) -> Problem,
    reads: &BTreeMap<String, Reads>,
    warnings: &mut Vec<Problem>,
) {
    // A script that hands `pack.parameters` on whole may read any of them, and so may one that
    // does not parse (its syntax error is reported; it has no reads).
    let unparsed = manifest
        .gates
        .iter()
        .map(|g| &g.script)
        .chain(manifest.criteria.iter().map(|c| &c.script))
        .chain(manifest.attribute_specs().iter().map(|a| &a.script))
        .any(|path| files.get(path).is_some() && !reads.contains_key(path));
    if unparsed || reads.values().any(|r| r.parameters_whole) {
        return;
    }
    let read: BTreeSet<&str> = reads
        .values()
        .flat_map(|r| r.parameters.iter().map(String::as_str))
        .collect();
    for name in manifest.parameters.keys() {
        if !read.contains(name.as_str()) {
            let pointer = format!(
                "/parameters/{}",
                crate::problem::pointer_segment(name.as_str())
            );
            warnings.push(at(
                &pointer,
                "no script reads this parameter (as `pack.parameters.NAME`)".to_string(),
            ));
        }
    }
}

/// Criteria are listed in priority order, the first the most important. A criterion that can
/// give more weighted points than one above it turns that order around, and a minimum equal to
/// the maximum lets only full points through.
fn priorities(
    manifest: &Manifest,
    at: &dyn Fn(&str, String) -> Problem,
    warnings: &mut Vec<Problem>,
) {
    // A weight whose product overflows is an error of its own; no order is judged with it.
    let most: Option<Vec<Decimal>> = manifest
        .criteria
        .iter()
        .map(CriterionSpec::max_weighted)
        .collect();
    for (j, criterion) in manifest.criteria.iter().enumerate() {
        if let Some(most) = &most
            && let Some(i) = (0..j).rev().find(|&i| most[i] < most[j])
        {
            warnings.push(at(
                &format!("/criteria/{j}/weight"),
                format!(
                    "`{}` can give {} weighted points (weight {} × max_points {}), more than the \
                     higher-priority `{}` ({}); criteria are listed in priority order, the most \
                     important first",
                    criterion.id,
                    most[j],
                    criterion.weight,
                    criterion.max_points,
                    manifest.criteria[i].id,
                    most[i],
                ),
            ));
        }
        if criterion.min_points == Some(Decimal::from(criterion.max_points)) {
            warnings.push(at(
                &format!("/criteria/{j}/min_points"),
                format!(
                    "equals max_points ({}): only an application with full points on `{}` can \
                     be recommended",
                    criterion.max_points, criterion.id
                ),
            ));
        }
    }
}

fn scripts_that_decide_nothing(
    manifest: &Manifest,
    files: &PackFiles,
    reads: &BTreeMap<String, Reads>,
    warnings: &mut Vec<Problem>,
) {
    let calls = |path: &str, names: &[&str]| {
        reads
            .get(path)
            .is_none_or(|r| names.iter().any(|n| r.calls.contains(*n)))
    };
    for gate in &manifest.gates {
        if !calls(&gate.script, &["pass", "fail"]) {
            warnings.push(Problem::at(
                files.display(&gate.script),
                1,
                1,
                format!(
                    "the gate `{}` never calls `pass` or `fail`, so it cannot decide",
                    gate.id
                ),
            ));
        }
    }
    for criterion in &manifest.criteria {
        if !calls(&criterion.script, &["award"]) {
            warnings.push(Problem::at(
                files.display(&criterion.script),
                1,
                1,
                format!(
                    "the criterion `{}` never calls `award`, so every application gets 0 points",
                    criterion.id
                ),
            ));
        }
    }
}

/// The host variable a criterion's script reads reviewers' scores through.
const REVIEWS: &str = "reviews";

/// A criterion scored by reviewers whose script never reads `reviews` lets their scores count
/// for nothing; a criterion scored from the facts alone whose script reads `reviews` reads `()`
/// (a forgotten `review` in pack.toml). A script that does not parse has no reads; its syntax
/// error is reported.
fn reviews(
    manifest: &Manifest,
    worded: &dyn Fn(&str, Message) -> Problem,
    reads: &BTreeMap<String, Reads>,
    warnings: &mut Vec<Problem>,
) {
    for (i, criterion) in manifest.criteria.iter().enumerate() {
        let Some(read) = reads.get(&criterion.script) else {
            continue;
        };
        let id = &criterion.id;
        match (&criterion.review, read.globals.contains(REVIEWS)) {
            (Some(_), false) => warnings.push(worded(
                &format!("/criteria/{i}/review"),
                Message::of(Wording::ReviewsNeverRead).with("id", id),
            )),
            (None, true) => warnings.push(worded(
                &format!("/criteria/{i}/script"),
                Message::of(Wording::ReviewsReadWithoutReview).with("id", id),
            )),
            _ => {}
        }
    }
}

/// Every gate and criterion, weight, minimum and threshold says where it comes from, and every
/// reading says why in the pack's language: a decision letter quotes them as the rules it rests
/// on and its main considerations, and must not present the pack's choice as the source's.
/// Missing ones are warnings, not errors: a pack being drafted still runs.
fn bases(
    manifest: &Manifest,
    worded: &dyn Fn(&str, Message) -> Problem,
    warnings: &mut Vec<Problem>,
) {
    let lang = &manifest.language;
    // A basis that is there: a reading explains itself in the pack's language.
    let explained = |pointer: String, basis: &Basis, warnings: &mut Vec<Problem>| {
        let why = basis.why.as_ref().and_then(|why| why.0.get(lang));
        if basis.kind == BasisKind::Reading && why.is_none_or(|w| w.trim().is_empty()) {
            warnings.push(worded(
                &pointer,
                Message::of(Wording::ReadingWithoutWhy).with("lang", lang),
            ));
        }
    };
    let missing = |rule: Message| Message::of(Wording::BasisMissing).with("rule", rule);
    for (i, gate) in manifest.gates.iter().enumerate() {
        let pointer = format!("/gates/{i}");
        match &gate.basis {
            Some(basis) => explained(format!("{pointer}/basis"), basis, warnings),
            None => warnings.push(worded(
                &pointer,
                missing(Message::of(Wording::BasisRuleGate).with("id", &gate.id)),
            )),
        }
    }
    for (i, criterion) in manifest.criteria.iter().enumerate() {
        let pointer = format!("/criteria/{i}");
        let id = &criterion.id;
        match &criterion.basis {
            Some(basis) => explained(format!("{pointer}/basis"), basis, warnings),
            None => warnings.push(worded(
                &pointer,
                missing(Message::of(Wording::BasisRuleCriterion).with("id", id)),
            )),
        }
        match &criterion.weight_basis {
            Some(basis) => explained(format!("{pointer}/weight_basis"), basis, warnings),
            None => warnings.push(worded(
                &format!("{pointer}/weight"),
                Message::of(Wording::WeightBasisMissing)
                    .with("id", id)
                    .with("weight", Arg::Number(criterion.weight)),
            )),
        }
        match (&criterion.min_points_basis, criterion.min_points) {
            (Some(basis), _) => explained(format!("{pointer}/min_points_basis"), basis, warnings),
            (None, Some(min)) => warnings.push(worded(
                &format!("{pointer}/min_points"),
                Message::of(Wording::MinimumBasisMissing)
                    .with("id", id)
                    .with("min", Arg::Number(min)),
            )),
            (None, None) => {}
        }
        if let Some(review) = &criterion.review {
            match (&review.disagreement_basis, review.disagreement) {
                (Some(basis), _) => explained(
                    format!("{pointer}/review/disagreement_basis"),
                    basis,
                    warnings,
                ),
                (None, Some(disagreement)) => warnings.push(worded(
                    &format!("{pointer}/review/disagreement"),
                    Message::of(Wording::DisagreementBasisMissing)
                        .with("id", id)
                        .with("disagreement", u64::from(disagreement)),
                )),
                (None, None) => {}
            }
        }
    }
    if let Some(rules) = &manifest.reviews {
        if let Some(basis) = &rules.municipality_conflicts_basis {
            explained(
                "/reviews/municipality_conflicts_basis".to_string(),
                basis,
                warnings,
            );
        }
        match (&rules.calibration_basis, rules.calibration) {
            (Some(basis), _) => {
                explained("/reviews/calibration_basis".to_string(), basis, warnings)
            }
            (None, Calibration::Offset) => warnings.push(worded(
                "/reviews/calibration",
                Message::of(Wording::CalibrationBasisMissing).with("calibration", "offset"),
            )),
            (None, Calibration::None) => {}
        }
    }
    match (&manifest.threshold_basis, manifest.threshold) {
        (Some(basis), _) => explained("/threshold_basis".to_string(), basis, warnings),
        (None, Some(threshold)) => warnings.push(worded(
            "/threshold",
            Message::of(Wording::ThresholdBasisMissing).with("threshold", Arg::Number(threshold)),
        )),
        (None, None) => {}
    }
    if let Some(portfolio) = &manifest.portfolio {
        match &portfolio.basis {
            Some(basis) => explained("/portfolio/basis".to_string(), basis, warnings),
            None if !portfolio.goals.is_empty() => warnings.push(worded(
                "/portfolio",
                Message::of(Wording::PortfolioBasisMissing),
            )),
            None => {}
        }
        for (i, goal) in portfolio.goals.iter().enumerate() {
            let pointer = format!("/portfolio/goals/{i}");
            explained(format!("{pointer}/basis"), &goal.basis, warnings);
            match (&goal.at_least_basis, goal.at_least) {
                (Some(basis), _) => explained(format!("{pointer}/at_least_basis"), basis, warnings),
                // "Mindst én" is in the source's words; a larger number seldom is.
                (None, Some(at_least)) if at_least > 1 => warnings.push(worded(
                    &format!("{pointer}/at_least"),
                    Message::of(Wording::AtLeastBasisMissing)
                        .with("id", &goal.id)
                        .with("at_least", u64::from(at_least)),
                )),
                (None, _) => {}
            }
        }
    }
    if let Some(funding) = &manifest.funding {
        match &funding.basis {
            Some(basis) => explained("/funding/basis".to_string(), basis, warnings),
            None => warnings.push(worded(
                "/funding/rule",
                Message::of(Wording::FundingBasisMissing)
                    .with("rule", super::portfolio::rule_key(funding.rule)),
            )),
        }
    }
}

/// An attribute no goal counts is computed for every application and shown nowhere: most
/// likely a goal's `attribute` names another by mistake, or the goal was removed.
fn portfolio(
    manifest: &Manifest,
    worded: &dyn Fn(&str, Message) -> Problem,
    warnings: &mut Vec<Problem>,
) {
    let counted: BTreeSet<&str> = manifest
        .goal_specs()
        .iter()
        .map(|g| g.attribute.as_str())
        .collect();
    for (i, attribute) in manifest.attribute_specs().iter().enumerate() {
        if !counted.contains(attribute.id.as_str()) {
            warnings.push(worded(
                &format!("/portfolio/attributes/{i}/id"),
                Message::of(Wording::AttributeUnused).with("id", &attribute.id),
            ));
        }
    }
}
