//! What a batch makes of its reviews once every application is assessed: the reviews that did
//! not count (from a member with a conflict of interest, or of an application the batch did not
//! assess) as rejected inputs, each with its sheet and row — nothing is lost — and, when the
//! pack calibrates reviewers' scores, the ranking under the scores as given, for the overview
//! beside the calibrated one.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{Context, Result};
use kriterium_engine::batch::{self, Outcome};
use kriterium_engine::input::Input;
use kriterium_engine::pack::RulePack;
use kriterium_engine::ranking::{self, Entry};
use kriterium_engine::report::RejectedRow;
use kriterium_engine::review::{Refusal, ReviewBook, ReviewsOverview};
use kriterium_engine::summary::{RejectedInput, Summary};

use super::super::review_book::{Entered, Place};
use crate::messages::{self, Message};

/// A review that did not count, said in the results' language and in the messages'.
struct Rejected {
    place: Option<Place>,
    application_id: String,
    /// The place in the language of the results, for the overview.
    source: String,
    /// In the language of the results (`summary.json`, the overview).
    result: String,
    /// In the language of messages (standard error).
    said: String,
}

/// The reviews that did not count, and what the overview shows of the reviews.
pub struct Reviewed {
    /// Sorted by file, sheet and row.
    rejected: Vec<Rejected>,
    /// Leniency, calibration and the uncalibrated ranking; `None` when the batch has no
    /// reviews, or the pack no reviewer-scored criterion.
    pub overview: Option<ReviewsOverview>,
}

/// What [`Reviewed::of`] needs of the run.
pub struct Run<'a> {
    pub pack: &'a RulePack,
    pub entered: &'a Entered,
    /// The language of the results.
    pub lang: &'a str,
    pub budget: u64,
    pub jobs: usize,
}

impl Reviewed {
    /// The reviews of `run` that did not count: `refused` (conflicts of interest, found while
    /// assessing) and those of applications not among `entries` (the ones ranked); and, when the
    /// pack calibrates, `inputs` assessed again with the scores as given and ranked.
    ///
    /// # Errors
    /// The pack's scripts fail to run for the second assessment (they ran for the first).
    pub fn of(
        run: &Run<'_>,
        entries: &[Entry],
        refused: &[Refusal],
        inputs: Vec<Input>,
    ) -> Result<Reviewed> {
        let entered = run.entered;
        let messages = messages::lang();
        let mut rejected: Vec<Rejected> = refused
            .iter()
            .map(|r| Rejected {
                place: entered.place(&r.review).cloned(),
                source: source_of(entered.place(&r.review), run.lang),
                application_id: r.review.application_id.clone(),
                result: entered.refusal(r, run.lang),
                said: entered.refusal(r, messages),
            })
            .collect();
        let assessed: BTreeSet<&str> = entries.iter().map(|e| e.application_id.as_str()).collect();
        let results = entered.not_in(&assessed, run.lang);
        let said = entered.not_in(&assessed, messages);
        rejected.extend(
            results
                .into_iter()
                .zip(said)
                .map(|((review, result), (_, said))| Rejected {
                    place: entered.place(&review).cloned(),
                    source: source_of(entered.place(&review), run.lang),
                    application_id: review.application_id,
                    result,
                    said,
                }),
        );
        // Refusals arrive in the order the worker threads finish: sorted, the output is the
        // same on every run.
        rejected.sort_by(|a, b| {
            let key = |r: &Rejected| {
                r.place
                    .as_ref()
                    .map(|p| (p.file.clone(), p.sheet.clone(), p.row))
            };
            key(a).cmp(&key(b)).then(a.result.cmp(&b.result))
        });
        let manifest = &run.pack.manifest;
        let reviewed = manifest.criteria.iter().any(|c| c.review.is_some());
        let overview = if entered.given && reviewed {
            let uncalibrated_rank = match entered.uncalibrated(manifest) {
                Some(book) => uncalibrated_ranks(run, &book, inputs, &assessed)?,
                None => BTreeMap::new(),
            };
            Some(ReviewsOverview {
                leniency: entered.book.leniency(),
                calibration: manifest
                    .reviews
                    .as_ref()
                    .map(|r| r.calibration)
                    .unwrap_or_default(),
                uncalibrated_rank,
            })
        } else {
            None
        };
        Ok(Reviewed { rejected, overview })
    }

    /// Whether every review counted.
    pub fn is_empty(&self) -> bool {
        self.rejected.is_empty()
    }

    /// Adds the reviews that did not count to `summary`'s `reviews_not_counted` (its source
    /// the sheet's file, its line the sheet's row): apart from the rejected inputs, since a
    /// review is not an application, so "17 ansøgninger: …, 1 afvist" never counts one.
    pub fn add_to(&self, summary: &mut Summary) {
        for r in &self.rejected {
            summary.reviews_not_counted.push(RejectedInput {
                source: r.place.as_ref().map_or(String::new(), |p| p.file.clone()),
                line: r.place.as_ref().map(|p| p.row),
                application_id: Some(r.application_id.clone()),
                problems: vec![r.result.clone()],
            });
        }
    }

    /// The overview's rows of the reviews that did not count.
    pub fn rows(&self) -> Vec<RejectedRow> {
        self.rejected
            .iter()
            .map(|r| RejectedRow {
                source: r.source.clone(),
                problems: vec![r.result.clone()],
            })
            .collect()
    }

    /// Says every review that did not count on standard error.
    pub fn say(&self) {
        for r in &self.rejected {
            errln!("{}", r.said);
        }
    }

    /// `; 1 bedømmelse er ikke talt med` in the language of messages, for the summary line;
    /// empty when every review counted.
    pub fn said_count(&self) -> String {
        match self.rejected.len() {
            0 => String::new(),
            n => super::super::review_book::not_counted(n),
        }
    }
}

/// `FILE: ark »S«, række R` in `lang`; empty for a review whose place is not known.
fn source_of(place: Option<&Place>, lang: &str) -> String {
    place.map_or(String::new(), |p| p.text(lang))
}

/// Each ranked application's rank when `inputs` are assessed with `book` (scores as given),
/// by id; only applications among `assessed` (the batch's ranking) are ranked.
fn uncalibrated_ranks(
    run: &Run<'_>,
    book: &ReviewBook,
    inputs: Vec<Input>,
    assessed: &BTreeSet<&str>,
) -> Result<BTreeMap<String, u64>> {
    let mut entries: Vec<Entry> = Vec::new();
    let produce: batch::Producer = Box::new(move |emit| {
        for input in inputs {
            emit(Ok(input));
        }
    });
    batch::assess_all(
        run.pack,
        book,
        produce,
        run.jobs,
        run.lang,
        &mut |outcome| {
            if let Outcome::Assessed(a) = outcome
                && assessed.contains(a.entry.application_id.as_str())
            {
                entries.push(a.entry);
            }
        },
    )
    .map_err(anyhow::Error::msg)
    .with_context(|| messages::say(Message::CannotAssess, &[]))?;
    let ranking = ranking::rank(&entries, &run.pack.manifest.criterion_ids(), run.budget);
    Ok(entries
        .iter()
        .zip(&ranking.placements)
        .filter_map(|(e, p)| Some((e.application_id.clone(), p.rank?)))
        .collect())
}
