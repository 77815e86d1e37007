//! A round's reviews and panel as the engine needs them: the [`ReviewBook`] of a [`Basis`]
//! (the panel and the review entries an assessment is made from), and the round's stored
//! applications assessed again with a book through the batch pipeline. `round add`,
//! `reviews add`, `panel set` and `register verify` assess through here, so a stored version
//! and its re-assessment come from one path.

use anyhow::{Context, Result, anyhow};
use kriterium_engine::batch::{self, Outcome};
use kriterium_engine::input::Input;
use kriterium_engine::manifest::Manifest;
use kriterium_engine::pack::RulePack;
use kriterium_engine::panel::Panel;
use kriterium_engine::problem::Problems;
use kriterium_engine::review::{Review, ReviewBook};
use kriterium_register::{Basis, PanelRecord, Register, Round, StoredReview, Versions};

use super::explain;
use super::words::{Words, say};
use crate::messages::{self, Message};

/// The engine's review of a stored one.
pub fn review_of(stored: &StoredReview) -> Review {
    Review {
        application_id: stored.review.application_id.clone(),
        criterion: stored.review.criterion.clone(),
        reviewer: stored.review.reviewer.clone(),
        score: stored.review.score,
        comment: stored.review.comment.clone(),
    }
}

/// The panel the register stored as number `id`, read as `panel set` read it.
///
/// # Errors
/// The panel is not in the register, or its text no longer reads (changed outside kriterium).
pub fn panel(register: &Register, id: i64) -> Result<Panel> {
    let record = register
        .panel(id)
        .map_err(explain)?
        .ok_or_else(|| anyhow!(say(Words::PanelGone, &[("id", &id.to_string())])))?;
    read_panel(&record)
}

/// The panel set for round `round` now, read from the record the register gives for it (no
/// second lookup by id); `None` before `panel set`.
///
/// # Errors
/// The register cannot be read, or the panel's text no longer reads.
pub fn round_panel(register: &Register, round: &str) -> Result<Option<Panel>> {
    register
        .round_panel(round)
        .map_err(explain)?
        .map(|record| read_panel(&record))
        .transpose()
}

/// A stored panel's text, as a panel.
pub fn read_panel(record: &PanelRecord) -> Result<Panel> {
    Panel::from_stored_toml(&record.file, &record.content).map_err(|problems| {
        let problem = Problems(problems).display_in(messages::lang()).to_string();
        anyhow!(say(Words::PanelUnreadable, &[("problem", &problem)]))
    })
}

/// The book of `basis`: its panel (or none) and the reviews of its entries, checked against
/// `manifest` as `reviews add` checked them.
///
/// # Errors
/// The panel cannot be read; a stored review the pack refuses (the register was changed
/// outside kriterium), named with where it was read from.
pub fn of_basis(register: &Register, manifest: &Manifest, basis: &Basis) -> Result<ReviewBook> {
    let panel = match basis.panel {
        Some(id) => panel(register, id)?,
        None => Panel::default(),
    };
    with_panel(register, manifest, panel, &basis.entries)
}

/// The book of the reviews of `entries` with `panel`.
///
/// # Errors
/// As [`of_basis`].
pub fn with_panel(
    register: &Register,
    manifest: &Manifest,
    panel: Panel,
    entries: &[i64],
) -> Result<ReviewBook> {
    let stored = register.reviews_of(entries).map_err(explain)?;
    let reviews = stored.iter().map(review_of).collect();
    ReviewBook::new(manifest, reviews, panel).map_err(|refused| {
        let first = &refused[0].review;
        let source = stored
            .iter()
            .find(|s| review_of(s) == *first)
            .map_or_else(String::new, |s| s.review.source.clone());
        anyhow!(say(
            Words::StoredReviewRefused,
            &[
                ("id", &messages::quoted(&first.application_id)),
                ("reviewer", &messages::quoted(&first.reviewer)),
                ("source", &source),
            ]
        ))
    })
}

/// The book as the round's assessments count it: a stored review from a member who has since
/// declared a conflict with its application (among `inputs`) never counts, nor may it move
/// the calibration offsets of the others (`ReviewBook::leaving_out_conflicts`). Only under
/// calibration: without it, a refused review moves nothing and `book` is as it was. `reviews
/// show` shows leniency from this book, so it shows the offsets the assessments used.
pub fn counting(manifest: &Manifest, book: &ReviewBook, inputs: &[Input]) -> ReviewBook {
    if !book.calibrates() {
        return book.clone();
    }
    let applications: Vec<kriterium_engine::application::Application> = inputs
        .iter()
        .filter_map(|i| serde_json::from_str(&i.text).ok())
        .collect();
    book.clone().leaving_out_conflicts(manifest, &applications)
}

/// The round's stored applications as inputs, named `ROUND/ID`, in the order received.
///
/// # Errors
/// The register cannot be read.
pub fn inputs(register: &Register, round: &Round) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    register
        .for_each_application(&round.id, &mut |a| {
            inputs.push(input(&round.id, &a.application_id, a.application));
            Ok(())
        })
        .map_err(explain)?;
    Ok(inputs)
}

/// Assesses `inputs` under `pack` with `book` through the batch pipeline, in the round's
/// language: the outcomes in reading order.
pub fn assess(
    pack: &RulePack,
    book: &ReviewBook,
    inputs: Vec<Input>,
    language: &str,
) -> Result<Vec<Outcome>> {
    let counting = counting(&pack.manifest, book, &inputs);
    let book = &counting;
    let produce: batch::Producer = Box::new(move |emit| {
        for input in inputs {
            emit(Ok(input));
        }
    });
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
    let mut outcomes = Vec::new();
    batch::assess_all(pack, book, produce, jobs, language, &mut |o| {
        outcomes.push(o)
    })
    .map_err(anyhow::Error::msg)
    .with_context(|| messages::say(Message::CannotAssess, &[]))?;
    outcomes.sort_by_key(Outcome::seq);
    Ok(outcomes)
}

/// The input a stored application is assessed from, named `ROUND/ID`.
pub fn input(round: &str, application_id: &str, text: String) -> Input {
    Input {
        source: format!("{round}/{application_id}"),
        line: None,
        text,
    }
}

/// Round `round`'s applications assessed again under `pack` with `book`: the versions to store,
/// based on `based_on`, and the outcomes (for the reviews refused for a conflict).
///
/// # Errors
/// An application that no longer validates (the register was changed outside kriterium).
pub fn reassess(
    register: &Register,
    round: &Round,
    pack: &RulePack,
    book: &ReviewBook,
    based_on: Basis,
) -> Result<(Versions, Vec<Outcome>)> {
    let outcomes = assess(pack, book, inputs(register, round)?, &round.language)?;
    let mut versions = Versions {
        round: round.id.clone(),
        based_on,
        assessments: Vec::new(),
    };
    for outcome in &outcomes {
        match outcome {
            Outcome::Assessed(a) => versions.assessments.push((
                a.decision.application_id.clone(),
                serde_json::to_string(&a.decision)?,
                a.decision.engine_version.clone(),
            )),
            Outcome::Rejected(r) => {
                return Err(anyhow!(say(
                    Words::NotReassessed,
                    &[
                        ("round", &messages::quoted(&round.id)),
                        ("id", &messages::quoted(&r.source)),
                        (
                            "problem",
                            &r.problems
                                .iter()
                                .map(|p| p.display_in(messages::lang()).to_string())
                                .collect::<Vec<_>>()
                                .join("; ")
                        ),
                    ]
                )));
            }
        }
    }
    Ok((versions, outcomes))
}
