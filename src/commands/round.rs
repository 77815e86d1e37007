//! A round assessed in memory, for the commands that compare rounds (`diff`, `sensitivity`):
//! the inputs are read once and assessed under each pack by the batch pipeline.

use std::path::PathBuf;

use anyhow::{Context, Result};
use kriterium_engine::batch::{self, Outcome};
use kriterium_engine::decision;
use kriterium_engine::diff::{Assessed, Rejected};
use kriterium_engine::input::{self, Input};
use kriterium_engine::pack::RulePack;
use kriterium_engine::problem::Problem;

/// The inputs of a round, read once (standard input can only be read once).
pub struct Inputs(Vec<Result<Input, Problem>>);

impl Inputs {
    /// Reads every input the paths name; a path that does not exist becomes a rejected input.
    pub fn read(paths: &[PathBuf]) -> Self {
        let (sources, missing) = input::expand(paths);
        let mut all: Vec<Result<Input, Problem>> = missing.into_iter().map(Err).collect();
        for source in &sources {
            input::read(source, &mut |i| all.push(i));
        }
        Inputs(all)
    }

    /// Assesses every input under `pack`: the assessed applications in reading order, and the
    /// rejected inputs (invalid, failing scripts, or sharing an id with another input).
    pub fn assess(&self, pack: &RulePack) -> Result<(Vec<Assessed>, Vec<Rejected>)> {
        let jobs = std::thread::available_parallelism().map_or(1, |n| n.get());
        let inputs = self.0.clone();
        let produce: batch::Producer = Box::new(move |emit| inputs.into_iter().for_each(emit));
        let mut assessed: Vec<(u64, String, Assessed)> = Vec::new();
        let mut rejected: Vec<(u64, Rejected)> = Vec::new();
        batch::assess_all(
            pack,
            produce,
            jobs,
            &pack.manifest.language,
            &mut |outcome| match outcome {
                Outcome::Assessed(a) => {
                    let title = decision::title_of(a.decision.as_str()).unwrap_or_default();
                    assessed.push((
                        a.seq,
                        input::place(&a.source, a.line),
                        Assessed {
                            entry: a.entry,
                            title,
                        },
                    ));
                }
                Outcome::Rejected(r) => rejected.push((
                    r.seq,
                    Rejected {
                        source: input::place(&r.source, r.line),
                        application_id: r.application_id,
                        problems: r.problems.iter().map(ToString::to_string).collect(),
                    },
                )),
            },
        )
        .map_err(anyhow::Error::msg)
        .context("the applications cannot be assessed")?;
        assessed.sort_by_key(|(seq, ..)| *seq);
        rejected.sort_by_key(|(seq, _)| *seq);

        // An id must name one application: every input sharing one is rejected.
        let mut shared = vec![false; assessed.len()];
        for group in batch::shared_ids(
            assessed
                .iter()
                .map(|(.., a)| a.entry.application_id.as_str()),
        ) {
            let places: Vec<String> = group.iter().map(|&i| assessed[i].1.clone()).collect();
            for &i in &group {
                shared[i] = true;
                let (seq, place, a) = &assessed[i];
                let id = &a.entry.application_id;
                rejected.push((
                    *seq,
                    Rejected {
                        source: place.clone(),
                        application_id: Some(id.clone()),
                        problems: vec![batch::shared_id_message(id, &places)],
                    },
                ));
            }
        }
        let kept = assessed
            .into_iter()
            .zip(shared)
            .filter(|(_, shared)| !shared)
            .map(|((.., a), _)| a)
            .collect();
        rejected.sort_by_key(|(seq, _)| *seq);
        Ok((kept, rejected.into_iter().map(|(_, r)| r).collect()))
    }
}
