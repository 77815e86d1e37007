//! `kriterium round add ID INPUT...`: validates and assesses like `batch` (the same pipeline,
//! under the round's stored pack and budget) and stores each application with its assessment.
//!
//! Assessing happens before the register is written, and everything is stored in one short
//! transaction at the end: a killed `add` leaves the round as it was, and another process is held
//! up only while the rows are written. Nothing is lost: every input is stored, already there, or
//! rejected with its reasons on standard error.

use kriterium_engine::review::ReviewBook;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use anyhow::{Context, Result, bail};
use kriterium_engine::batch::{self, Outcome, Rejected};
use kriterium_engine::fingerprint;
use kriterium_engine::input;
use kriterium_engine::json;
use kriterium_register::{Access, NewApplication};

use super::super::batch::progress::{Progress, Total};
use super::super::{crash, stdin};
use super::words::{Words, count, say};
use super::{book, explain, open_register, usable_pack};
use crate::Status;
use crate::messages::{self, Message};

/// Adds the applications `inputs` name to round `id`.
pub fn run(path: &Path, id: &str, inputs: &[PathBuf], jobs: Option<u32>) -> Result<Status> {
    let mut register = open_register(path, Access::Write)?;
    // Refused before assessing anything: the register refuses it again when storing.
    let round = super::open_round_of(&register, id)?;
    let pack = usable_pack(&register, &round)?;
    let jobs = jobs.map_or_else(
        || std::thread::available_parallelism().map_or(1, |n| n.get()),
        |j| j as usize,
    );
    let (sources, missing) = input::expand(inputs);
    stdin::refuse_pretty_printed(&sources, messages::lang())?;

    // The texts as read, by reading order (`seq`): the register keeps each application's
    // canonical JSON, which the assessment does not carry.
    let texts: Arc<Mutex<Vec<Option<String>>>> = Arc::default();
    let kept = Arc::clone(&texts);
    let lang = messages::lang();
    // The same progress bar as `batch` (shown only on a terminal).
    let progress = Progress::new(Total::of(&sources), lang);
    let reading = progress.clone();
    let produce: batch::Producer = Box::new(move |emit| {
        for source in &sources {
            stdin::read(source, lang, &mut |read| {
                reading.read_one(&read);
                if let Ok(mut texts) = kept.lock() {
                    texts.push(read.as_ref().ok().map(|input| input.text.clone()));
                }
                emit(read);
            });
        }
    });
    let mut outcomes: Vec<Outcome> = super::super::batch::not_found(missing)
        .into_iter()
        .map(Outcome::Rejected)
        .collect();
    batch::assess_all(
        &pack,
        &ReviewBook::empty(),
        produce,
        jobs,
        &round.language,
        &mut |o| {
            progress.assessed_one();
            outcomes.push(o)
        },
    )
    .map_err(anyhow::Error::msg)
    .with_context(|| messages::say(Message::CannotAssess, &[]))?;
    progress.finish();
    let outcomes = batch::reject_shared_ids(outcomes);
    let mut texts = std::mem::take(&mut *texts.lock().map_err(|_| anyhow::anyhow!("texts"))?);

    let mut rejected: Vec<Rejected> = Vec::new();
    let mut new = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Rejected(r) => rejected.push(r),
            Outcome::Assessed(a) => {
                let text = usize::try_from(a.seq)
                    .ok()
                    .and_then(|seq| texts.get_mut(seq).and_then(Option::take));
                // Assessed, so it was read and parsed: the text is there, and its canonical
                // JSON has the fingerprint the assessment states.
                let canonical = text
                    .and_then(|t| canonical(&t))
                    .filter(|c| fingerprint::sha256(c.as_bytes()) == a.decision.input_fingerprint);
                let Some(canonical) = canonical else {
                    bail!(
                        "internal error: the canonical JSON of {} does not match its fingerprint",
                        input::place(&a.source, a.line)
                    );
                };
                new.push(NewApplication {
                    application_id: a.decision.application_id.clone(),
                    input_fingerprint: a.decision.input_fingerprint.clone(),
                    application: canonical,
                    requested: a.entry.requested,
                    assessment: serde_json::to_string(&a.decision)?,
                    engine_version: a.decision.engine_version.clone(),
                    source: input::place(&a.source, a.line),
                });
            }
        }
    }
    // The first assessment is made without reviews or panel; with the round's panel and
    // reviews, the current version (stored in the same transaction when it differs).
    let basis = register.round_basis(&round.id).map_err(explain)?;
    let versions = if basis.is_empty() {
        None
    } else {
        let book = book::of_basis(&register, &pack.manifest, &basis)?;
        let inputs = new
            .iter()
            .map(|a| book::input(&round.id, &a.application_id, a.application.clone()))
            .collect();
        let mut versions = kriterium_register::Versions {
            round: round.id.clone(),
            based_on: basis,
            assessments: Vec::new(),
        };
        for outcome in book::assess(&pack, &book, inputs, &round.language)? {
            if let Outcome::Assessed(a) = outcome {
                versions.assessments.push((
                    a.decision.application_id.clone(),
                    serde_json::to_string(&a.decision)?,
                    a.decision.engine_version.clone(),
                ));
            }
        }
        Some(versions)
    };
    let halfway = new.len() / 2;
    let added = register
        .add_applications_assessed(&round.id, &new, versions.as_ref(), &mut |stored| {
            if stored == halfway.max(1) {
                crash::point("storing");
            }
        })
        .map_err(explain)?;

    super::super::batch::say_rejected(&rejected, messages::lang());
    for conflict in &added.conflicts {
        errln!(
            "{}: {}",
            conflict.source,
            say(
                Words::Conflict,
                &[
                    ("id", &messages::quoted(&conflict.application_id)),
                    ("stored", &conflict.stored_source),
                ]
            )
        );
    }
    let total = register.application_count(&round.id).map_err(explain)?;
    let refused = rejected.len() + added.conflicts.len();
    errln!(
        "{}",
        say(
            Words::Added,
            &[
                ("id", &messages::quoted(&round.id)),
                ("added", &added.added.len().to_string()),
                ("already", &added.already.len().to_string()),
                (
                    "rejected",
                    &messages::count(refused, Message::RejectedOne, Message::RejectedMany)
                ),
                (
                    "total",
                    &count(total, Words::ApplicationOne, Words::ApplicationMany)
                ),
            ]
        )
    );
    Ok(if refused == 0 {
        Status::Ok
    } else {
        Status::Rejected
    })
}

/// The canonical JSON of an application's text, as its fingerprint was taken.
fn canonical(text: &str) -> Option<String> {
    let mut value = json::parse(text).ok()?;
    json::whole_numbers_as_integers(&mut value);
    Some(fingerprint::canonical(&value))
}
