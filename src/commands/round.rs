//! A round assessed in memory, for the commands that compare rounds (`diff`, `sensitivity`):
//! the inputs are read once and assessed under each pack by the batch pipeline.

use kriterium_engine::review::ReviewBook;
use std::path::PathBuf;

use anyhow::{Context, Result};
use kriterium_engine::batch::{self, Outcome};
use kriterium_engine::diff::{Assessed, Rejected};
use kriterium_engine::input::{self, Input};
use kriterium_engine::pack::RulePack;
use kriterium_engine::problem::Problem;

use super::stdin;

/// The inputs of a round, read once (standard input can only be read once).
pub struct Inputs(Vec<Result<Input, Problem>>);

impl Inputs {
    /// Reads every input the paths name; a path that does not exist becomes a rejected input.
    pub fn read(paths: &[PathBuf]) -> Self {
        let (sources, missing) = input::expand(paths);
        let mut all: Vec<Result<Input, Problem>> = missing.into_iter().map(Err).collect();
        // The language of messages as the command has settled it (`messages::lang`).
        let lang = crate::messages::lang();
        for source in &sources {
            stdin::read(source, lang, &mut |i| all.push(i));
        }
        Inputs(all)
    }

    /// Assesses every input under `pack` with the reviews of `book`: the assessed applications in reading order, and the
    /// rejected inputs (invalid, failing scripts, or sharing an id with another input), their
    /// problems in the results' language: `lang` (`--lang`), else the pack's.
    pub fn assess(
        &self,
        pack: &RulePack,
        book: &ReviewBook,
        lang: Option<&str>,
    ) -> Result<(Vec<Assessed>, Vec<Rejected>)> {
        let results = lang.unwrap_or(&pack.manifest.language);
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        let inputs = self.0.clone();
        let produce: batch::Producer = Box::new(move |emit| inputs.into_iter().for_each(emit));
        let mut outcomes = Vec::new();
        batch::assess_all(
            pack,
            book,
            produce,
            jobs,
            &pack.manifest.language,
            &mut |mut outcome| {
                // Only the title of a decision is kept (with the entry), so a large round does
                // not hold every reason of every decision.
                if let Outcome::Assessed(a) = &mut outcome {
                    a.decision.gates = Vec::new();
                    // Only which criteria await review is kept of them.
                    a.decision
                        .criteria
                        .retain(|c| c.review.as_ref().is_some_and(|r| r.awaiting()));
                }
                outcomes.push(outcome);
            },
        )
        .map_err(anyhow::Error::msg)
        .context("the applications cannot be assessed")?;
        // An id must name one application: every input sharing one is rejected.
        let (mut assessed, mut rejected) = (Vec::new(), Vec::new());
        for outcome in batch::reject_shared_ids(outcomes) {
            match outcome {
                Outcome::Assessed(a) => assessed.push(Assessed {
                    awaiting: a.decision.criteria.into_iter().map(|c| c.id).collect(),
                    title: a.decision.title,
                    entry: a.entry,
                }),
                Outcome::Rejected(r) => rejected.push(Rejected {
                    source: input::place(&r.source, r.line),
                    application_id: r.application_id,
                    problems: r
                        .problems
                        .iter()
                        .map(|p| p.display_in(results).to_string())
                        .collect(),
                }),
            }
        }
        Ok((assessed, rejected))
    }
}
