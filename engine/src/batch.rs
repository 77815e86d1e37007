//! Assessing many applications in parallel, losing none.
//!
//! A reader thread reads inputs and hands them out in chunks; each worker thread builds its own
//! [`Assessor`] (a Rhai engine is not shareable, and one per thread is what scales) and
//! validates and assesses; the calling thread receives every outcome, in whatever order the
//! workers finish. Each input becomes exactly one [`Outcome`]: assessed, or rejected with its
//! problems. Reading files is the caller's business: it passes a producer that emits inputs.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::sync::{Arc, Mutex};

use crate::decision::Decision;
use crate::ids;
use crate::input::Input;
use crate::pack::RulePack;
use crate::problem::{Message, Problem, Problems, Wording};
use crate::ranking::Entry;
use crate::report::ApplicationFacts;
use crate::review::{Refusal, ReviewBook};
use crate::scoring::{Assessor, LimitHit};
use crate::script::STACK_SIZE;

mod chunks;
pub mod conclusion;
pub mod spill;
mod tally;

pub use tally::ENV as WORKER_COUNTS_ENV;

/// On how many applications in all one script may be stopped by a limit (operations, memory,
/// time, size, call depth) before the whole run is stopped. A script that hits a limit on
/// application after application is broken, not the applications, and each such run can cost up
/// to the time backstop: without this, 100,000 applications would take hours to be rejected
/// one by one. 25 tolerates a few extreme applications in a large round (each is rejected with
/// its reason) while stopping a runaway script within seconds. Whether a run stops depends only
/// on the total count, so neither `--jobs` nor the order of the inputs changes it.
pub const MAX_LIMIT_HITS: u64 = 25;

/// What a worker sends back for a chunk: its outcomes and the scripts stopped by a limit.
type Done = Result<(Vec<Outcome>, Vec<LimitHit>), Problems>;

/// One input, numbered in reading order.
#[derive(Debug)]
struct Job {
    seq: u64,
    input: Result<Input, Problem>,
}

/// What became of one input.
#[derive(Debug, Clone)]
pub enum Outcome {
    /// Validated and assessed.
    Assessed(Box<Assessed>),
    /// Not assessed, with every reason.
    Rejected(Rejected),
}

/// An assessed application: what ranking needs, and the decision before ranking.
#[derive(Debug, Clone)]
pub struct Assessed {
    /// Position in reading order (0 first).
    pub seq: u64,
    /// Where it came from.
    pub source: String,
    /// Its line in a JSON Lines input.
    pub line: Option<usize>,
    /// What ranking needs.
    pub entry: Entry,
    /// The decision before ranking: no rank, grant or batch context, and a recommendation only
    /// where the application cannot be ranked (`ineligible`, `below_threshold`). A batch sets
    /// the rest with [`crate::ranking::Ranking::apply`].
    pub decision: Decision,
    /// What reports show of the application besides the decision.
    pub facts: ApplicationFacts,
    /// Reviews of it that the book holds from members with a conflict of interest: refused,
    /// not counted (the decision names the members as having stood aside).
    pub refused: Vec<Refusal>,
}

/// An input that could not be assessed.
#[derive(Debug, Clone)]
pub struct Rejected {
    /// Position in reading order (0 first).
    pub seq: u64,
    /// Where it came from.
    pub source: String,
    /// Its line in a JSON Lines input.
    pub line: Option<usize>,
    /// The application's id, when it got as far as having a valid one.
    pub application_id: Option<String>,
    /// The id the input claims even if invalid (see [`ids::claimed_id`]), for the rule that an
    /// id names one input.
    pub claimed_id: Option<String>,
    /// Every problem found.
    pub problems: Vec<Problem>,
}

impl Outcome {
    /// Position in reading order.
    pub fn seq(&self) -> u64 {
        match self {
            Outcome::Assessed(a) => a.seq,
            Outcome::Rejected(r) => r.seq,
        }
    }

    /// The id the input claims ([`ids::claimed_id`]), valid or not.
    pub fn claimed_id(&self) -> Option<&str> {
        match self {
            Outcome::Assessed(a) => Some(&a.entry.application_id),
            Outcome::Rejected(r) => r.claimed_id.as_deref(),
        }
    }
}

/// Applies the rule that an id names one input ([`ids::shared`]) to a round's outcomes held in
/// memory: each assessed input whose id another input claims becomes rejected, and a rejected
/// one gets the problem added. Returns the outcomes in reading order.
pub fn reject_shared_ids(mut outcomes: Vec<Outcome>) -> Vec<Outcome> {
    outcomes.sort_by_key(Outcome::seq);
    let claims: Vec<Option<ids::Claim<'_>>> = outcomes
        .iter()
        .map(|outcome| {
            let (source, line) = match outcome {
                Outcome::Assessed(a) => (a.source.as_str(), a.line),
                Outcome::Rejected(r) => (r.source.as_str(), r.line),
            };
            let id = outcome.claimed_id()?;
            Some(ids::Claim { source, line, id })
        })
        .collect();
    let shared = ids::shared(&claims);
    for (i, problem) in shared {
        match &mut outcomes[i] {
            Outcome::Rejected(r) => r.problems.push(problem),
            Outcome::Assessed(a) => {
                let id = a.entry.application_id.clone();
                outcomes[i] = Outcome::Rejected(Rejected {
                    seq: a.seq,
                    source: a.source.clone(),
                    line: a.line,
                    application_id: Some(id.clone()),
                    claimed_id: Some(id),
                    problems: vec![problem],
                });
            }
        }
    }
    outcomes
}

/// Produces inputs by calling the function it is given, once per input, on the reader thread.
pub type Producer = Box<dyn FnOnce(&mut dyn FnMut(Result<Input, Problem>)) + Send>;

/// Assesses every input `produce` emits with `jobs` worker threads, calling `each` on the calling
/// thread for every outcome. Titles in decisions are in `lang`.
///
/// Fails when the pack's scripts do not compile, or when one script has been stopped by a limit
/// on [`MAX_LIMIT_HITS`] applications (the run is then cut short; the problem names the script
/// and the caller must write no results).
pub fn assess_all(
    pack: &RulePack,
    book: &ReviewBook,
    produce: Producer,
    jobs: usize,
    lang: &str,
    each: &mut dyn FnMut(Outcome),
) -> Result<(), Problems> {
    let jobs = jobs.max(1);
    let (work_tx, work_rx) = sync_channel::<Vec<Job>>(jobs * 4);
    let work_rx = Arc::new(Mutex::new(work_rx));
    let (done_tx, done_rx) = sync_channel::<Done>(jobs * 4);
    // Set when the run is cut short: the reader stops handing out work and workers stop early.
    let stop = AtomicBool::new(false);
    let stop = &stop;

    std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name("reader".into())
            .spawn_scoped(scope, move || read(produce, work_tx, stop));
        if let Err(e) = reader {
            return Err(Problems(vec![Problem::in_file(
                "batch",
                Message::of(Wording::CannotStartThread).with("error", e.to_string()),
            )]));
        }
        for n in 0..jobs {
            let (work_rx, done_tx) = (Arc::clone(&work_rx), done_tx.clone());
            let worker = std::thread::Builder::new()
                .name(format!("worker-{n}"))
                .stack_size(STACK_SIZE)
                .spawn_scoped(scope, move || {
                    work(pack, book, lang, &work_rx, &done_tx, stop)
                });
            if let Err(e) = worker {
                return Err(Problems(vec![Problem::in_file(
                    "batch",
                    Message::of(Wording::CannotStartThread).with("error", e.to_string()),
                )]));
            }
        }
        // Only the workers hold the work queue's receiver now: once they have all stopped (the
        // run cut short), the reader's next send fails instead of waiting for ever on a full
        // queue.
        drop(work_rx);
        drop(done_tx);
        let mut failure = None;
        let mut hits = LimitCount::default();
        for result in done_rx {
            match result {
                Ok((outcomes, stopped)) => {
                    if let Some(problem) = hits.add(stopped) {
                        failure = Some(Problems(vec![problem]));
                        stop.store(true, Ordering::Relaxed);
                        // Dropping the receiver makes every worker's next send fail.
                        break;
                    }
                    outcomes.into_iter().for_each(&mut *each)
                }
                Err(problems) => failure = Some(problems),
            }
        }
        failure.map_or(Ok(()), Err)
    })
}

/// How many applications each script was stopped by a limit on.
#[derive(Default)]
struct LimitCount(BTreeMap<String, u64>);

impl LimitCount {
    /// Counts `hits`; the problem that stops the run once a script reaches [`MAX_LIMIT_HITS`].
    fn add(&mut self, hits: Vec<LimitHit>) -> Option<Problem> {
        let mut over = None;
        for hit in hits {
            let count = self.0.entry(hit.script.clone()).or_default();
            *count += 1;
            if *count >= MAX_LIMIT_HITS && over.is_none() {
                over = Some(Problem::in_file(
                    hit.script,
                    format!(
                        "this script was stopped by a limit on {MAX_LIMIT_HITS} applications (the last time by the {} limit{}), so the run was stopped and no results were written; fix the script there (`kriterium assess` of one of those applications shows the whole message) and run again",
                        hit.limit, hit.place
                    ),
                ));
            }
        }
        over
    }
}

fn read(produce: Producer, work_tx: SyncSender<Vec<Job>>, stop: &AtomicBool) {
    let mut seq = 0;
    let mut chunk = Vec::with_capacity(chunks::size(0));
    produce(&mut |input| {
        if stop.load(Ordering::Relaxed) {
            return;
        }
        chunk.push(Job { seq, input });
        seq += 1;
        if chunk.len() >= chunks::size(seq) {
            // A send fails only when every worker has stopped; their error is reported.
            let next = Vec::with_capacity(chunks::size(seq));
            let _ = work_tx.send(std::mem::replace(&mut chunk, next));
        }
    });
    if !chunk.is_empty() {
        let _ = work_tx.send(chunk);
    }
}

fn work(
    pack: &RulePack,
    book: &ReviewBook,
    lang: &str,
    work_rx: &Mutex<Receiver<Vec<Job>>>,
    done_tx: &SyncSender<Done>,
    stop: &AtomicBool,
) {
    let assessor = match Assessor::new(pack) {
        Ok(assessor) => assessor,
        Err(problems) => {
            let _ = done_tx.send(Err(problems));
            return;
        }
    };
    let validator = pack.validator();
    let mut tally = tally::Tally::default();
    loop {
        // The lock is held only to take the next chunk.
        let next = match work_rx.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok(chunk) = next else { return };
        let mut outcomes = Vec::with_capacity(chunk.len());
        for job in chunk {
            if stop.load(Ordering::Relaxed) {
                return;
            }
            outcomes.push(assess_one(pack, book, lang, &assessor, &validator, job));
        }
        tally.add(outcomes.len());
        if done_tx
            .send(Ok((outcomes, assessor.take_limit_hits())))
            .is_err()
        {
            return;
        }
    }
}

fn assess_one(
    pack: &RulePack,
    book: &ReviewBook,
    lang: &str,
    assessor: &Assessor<'_>,
    validator: &crate::validation::ApplicationValidator,
    job: Job,
) -> Outcome {
    let seq = job.seq;
    let input = match job.input {
        Ok(input) => input,
        Err(problem) => {
            return Outcome::Rejected(Rejected {
                seq,
                source: problem.source.clone(),
                line: problem.line,
                application_id: None,
                claimed_id: None,
                problems: vec![problem],
            });
        }
    };
    let rejected = |application_id: Option<String>, claimed_id, problems: Vec<Problem>| {
        Outcome::Rejected(Rejected {
            seq,
            source: input.source.clone(),
            line: input.line,
            application_id,
            claimed_id,
            // A script's problem keeps its own line in the script; only the input's problems
            // get the input's line in JSON Lines.
            problems: problems
                .into_iter()
                .map(|p| {
                    if p.source == input.source {
                        input.locate(p)
                    } else {
                        p
                    }
                })
                .collect(),
        })
    };
    let valid = match validator.validate_text(&input.source, &input.text) {
        Ok(valid) => valid,
        // Read again for its id only: rejections are rare, valid input is not parsed twice.
        Err(problems) => return rejected(None, ids::claimed_id(&input.text), problems),
    };
    let assessment = match assessor.assess_reviewed(&valid, book) {
        Ok(assessment) => assessment,
        Err(problems) => {
            let id = Some(valid.application.id.clone());
            return rejected(id.clone(), id, problems.0);
        }
    };
    let decision = assessment.to_decision(pack, lang);
    Outcome::Assessed(Box::new(Assessed {
        seq,
        source: input.source.clone(),
        line: input.line,
        entry: assessment.entry(pack, valid.application.budget.requested),
        decision,
        facts: ApplicationFacts::of(&valid.application),
        refused: assessment.reviews.map(|r| r.refused).unwrap_or_default(),
    }))
}
