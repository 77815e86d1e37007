//! `kriterium verify`: assesses an application again and says whether a recorded decision
//! reproduces exactly, or what differs — the pack and the application's fingerprints first.

use std::path::Path;

use anyhow::{Result, bail};
use kriterium_engine::decision::Decision;
use kriterium_engine::input;
use kriterium_engine::json::{self, JsonError};
use kriterium_engine::problem::Wording;
use kriterium_engine::review::ApplicationReviews;
use kriterium_engine::verify::{self, Verification};

use super::assess::{assess_valid, validate_file};
use super::load_pack;
use super::review_book;
use crate::Status;
use crate::args::{ReviewsArg, RulesArg};
use crate::messages::{self, Message};

/// Checks the decision at `decision_path` against the application at `application`, with the
/// pack `--rules` named, or else the built-in pack the decision names (else the default).
pub fn run(
    decision_path: &Path,
    application: &Path,
    rules: Option<&str>,
    reviews: &ReviewsArg,
) -> Result<Status> {
    let decisions = decisions(decision_path)?;
    let Some((_, first)) = decisions.first() else {
        bail!(messages::say(
            Message::HoldsNoDecision,
            &[("path", &decision_path.display().to_string())]
        ));
    };
    let named = |name: Option<&str>| {
        load_pack(&RulesArg {
            rules: name.map(str::to_string),
        })
    };
    let pack = match rules {
        Some(name) => named(Some(name))?,
        None => match named(Some(&first.pack.id)) {
            Ok(pack) => pack,
            Err(_) => {
                let pack = named(None)?;
                errln!(
                    "{}: {}",
                    Message::NotePrefix.text(messages::lang()),
                    messages::say(
                        Message::PackNotBuiltIn,
                        &[("named", &first.pack.id), ("used", &pack.manifest.id)]
                    )
                );
                pack
            }
        },
    };
    // The reviews the decision was made with: their fingerprint is in it.
    let Some(entered) = review_book::load(&pack.manifest, reviews)? else {
        return Ok(Status::Unusable);
    };
    let Some(valid) = validate_file(&pack, application, "verify")? else {
        return Ok(Status::Rejected);
    };
    let id = &valid.application.id;
    let count = decisions.len();
    let on_this: Vec<&(usize, Decision)> = decisions
        .iter()
        .filter(|(_, d)| d.application_id == *id)
        .collect();
    let recorded = match on_this.as_slice() {
        [] => bail!(messages::say(
            Message::NoDecisionOn,
            &[
                ("path", &decision_path.display().to_string()),
                ("id", id),
                (
                    "count",
                    &messages::count(count, Message::Decision, Message::Decisions)
                ),
            ]
        )),
        [(_, one)] => one,
        several => {
            // As for inputs (`engine/src/ids.rs`): which of two records is the decision cannot
            // be told, so neither is taken, even when one of them reproduces.
            errln!("{}", several_decisions(decision_path, id, several));
            return Ok(Status::Rejected);
        }
    };
    // Under the budget and year the decision records, so its gates see what they saw then.
    let funds = verify::funds_of(recorded, &pack);
    let pack = pack.with_funds(funds);
    let source = application.display().to_string();
    let Some(assessment) = assess_valid(&pack, &valid, &source, &entered.book)? else {
        return Ok(Status::Rejected);
    };
    let verification = verify::verify(recorded, &assessment, &pack);
    let reviews = ReviewsCompared::of(recorded, assessment.reviews.as_ref(), entered.given);
    out!("{}", explain(recorded, &verification, &reviews));
    Ok(if verification.reproduces() {
        Status::Ok
    } else {
        Status::Rejected
    })
}

/// Most lines a message about several decisions on one application names.
const MAX_LINES_NAMED: usize = 10;

/// "FILE:3: /application_id: the file holds 2 decisions on application `X` (lines 1 and 3)…",
/// at the second of them, naming the lines of all (at most [`MAX_LINES_NAMED`]).
fn several_decisions(path: &Path, id: &str, several: &[&(usize, Decision)]) -> String {
    let mut lines: Vec<String> = several
        .iter()
        .take(MAX_LINES_NAMED)
        .map(|(line, _)| line.to_string())
        .collect();
    if several.len() > MAX_LINES_NAMED {
        let more = (several.len() - MAX_LINES_NAMED).to_string();
        lines.push(messages::say(Message::AndMore, &[("n", &more)]));
    }
    let second = several.get(1).map_or(1, |(line, _)| *line);
    let text = messages::say(
        Message::SeveralDecisions,
        &[
            ("n", &several.len().to_string()),
            ("id", &kriterium_engine::text::quote(id)),
            ("lines", &lines.join(", ")),
        ],
    );
    format!("{}:{second}: /application_id: {text}", path.display())
}

/// The fingerprints of the reviews a decision records against those of the reviews given now:
/// `(recorded, now)` of each that differs (`—` for none).
struct ReviewsCompared {
    /// The reviews that counted for the application.
    counted: Option<(String, String)>,
    /// Every review of the round, which calibration took the offsets from.
    calibrated_from: Option<(String, String)>,
    /// The decision was made with reviews, and no sheets or panel are given now: said as
    /// such, rather than as the fingerprint of no reviews.
    none_given: bool,
}

impl ReviewsCompared {
    fn of(recorded: &Decision, now: Option<&ApplicationReviews>, given: bool) -> ReviewsCompared {
        let shown = |f: Option<&str>| f.unwrap_or("—").to_string();
        let differ =
            |was: Option<&str>, now: Option<&str>| (was != now).then(|| (shown(was), shown(now)));
        let was = recorded.reviews.as_ref();
        ReviewsCompared {
            none_given: !given && was.is_some_and(|r| !r.assessed_by.is_empty()),
            counted: differ(
                was.map(|r| r.fingerprint.as_str()),
                now.and_then(|r| r.fingerprint.as_deref()),
            ),
            calibrated_from: differ(
                was.and_then(|r| r.calibrated_from.as_deref()),
                now.and_then(|r| r.calibrated_from.as_deref()),
            ),
        }
    }
}

/// The verdict in words.
fn explain(recorded: &Decision, v: &Verification, reviews: &ReviewsCompared) -> String {
    let id = &recorded.application_id;
    let mut out = String::new();
    let lang = messages::lang();
    let reviews_said: Vec<String> = if reviews.none_given {
        // One sentence: the fingerprints of "no reviews" say nothing to a reader.
        let was = recorded
            .reviews
            .as_ref()
            .map_or("—", |r| r.fingerprint.as_str());
        vec![review_book::Words::NoReviewsGiven.fill(lang, &[("was", was)])]
    } else {
        [
            (&reviews.counted, review_book::Words::ReviewsChanged),
            (
                &reviews.calibrated_from,
                review_book::Words::CalibrationChanged,
            ),
        ]
        .into_iter()
        .filter_map(|(changed, words)| {
            let (was, now) = changed.as_ref()?;
            Some(words.fill(lang, &[("was", was), ("now", now)]))
        })
        .collect()
    };
    // Each sentence on its own line.
    let say_line = |out: &mut String, line: &str| {
        out.push_str(line);
        out.push('\n');
    };
    let say = |out: &mut String, message: Message, values: &[(&str, &str)]| {
        say_line(out, &messages::say(message, values));
    };
    if v.reproduces() {
        say(
            &mut out,
            Message::Reproduces,
            &[
                ("id", id),
                ("pack", &recorded.pack.id),
                ("version", &recorded.pack.version.to_string()),
                ("fingerprint", &recorded.pack.fingerprint.to_string()),
                ("application", &recorded.input_fingerprint.to_string()),
            ],
        );
    } else {
        say(&mut out, Message::DoesNotReproduce, &[("id", id)]);
        if let Some((was, now)) = &v.pack_changed {
            say(
                &mut out,
                Message::PackChanged,
                &[
                    (
                        "was",
                        &format!("{} {} ({})", was.id, was.version, was.fingerprint),
                    ),
                    (
                        "now",
                        &format!("{} {} ({})", now.id, now.version, now.fingerprint),
                    ),
                ],
            );
        }
        if let Some((was, now)) = &v.input_changed {
            say(
                &mut out,
                Message::ApplicationChanged,
                &[("was", &was.to_string()), ("now", &now.to_string())],
            );
        }
        for line in &reviews_said {
            say_line(&mut out, line);
        }
        let fields: Vec<_> = v
            .differences
            .iter()
            .filter(|d| {
                !matches!(
                    d.pointer.as_str(),
                    "/pack/fingerprint"
                        | "/input_fingerprint"
                        | "/reviews/fingerprint"
                        | "/reviews/calibrated_from"
                )
            })
            .collect();
        if fields.is_empty() {
            say(&mut out, Message::OtherFieldsSame, &[]);
        } else {
            let n = fields.len().to_string();
            let differ = if fields.len() == 1 {
                Message::FieldDiffers
            } else {
                Message::FieldsDiffer
            };
            say(&mut out, differ, &[("n", &n)]);
            for d in fields {
                let item = d.item.as_ref().map_or(String::new(), |item| {
                    let (words, id) = match item {
                        verify::Item::Criterion(id) => (Message::CriterionItem, id),
                        verify::Item::Gate(id) => (Message::GateItem, id),
                    };
                    format!(" ({})", messages::say(words, &[("id", id)]))
                });
                say(
                    &mut out,
                    Message::DifferenceIndented,
                    &[
                        ("field", &format!("{}{item}", d.pointer)),
                        ("recorded", &d.recorded.to_string()),
                        ("now", &d.now.to_string()),
                    ],
                );
            }
        }
    }
    if v.from_batch {
        say(&mut out, Message::FromBatch, &[]);
    }
    out
}

/// Largest decision file (`.json`) or line of one (`.jsonl`) read, in bytes: a decision is a
/// few kilobytes, and a cap keeps a pipe or a wrong file from taking the memory.
const MAX_DECISION_BYTES: u64 = 16 * 1024 * 1024;

/// Why a decision over [`MAX_DECISION_BYTES`] is refused, for the message.
const DECISION_NOTE: Wording = Wording::DecisionSize;

/// The decisions in the file at `path`: one JSON document, or JSON Lines as a batch writes them.
/// Each is read with a cap, and parsed refusing a key written twice, as applications are; each
/// comes with its line in the file (1 for a `.json`).
fn decisions(path: &Path) -> Result<Vec<(usize, Decision)>> {
    if path.extension().is_some_and(|e| e == "jsonl") {
        let file = std::fs::File::open(path).map_err(|e| {
            let reason = kriterium_engine::problem::Message::io(&e);
            anyhow::anyhow!(
                "{}: {}",
                path.display(),
                reason.display_in(messages::lang())
            )
        })?;
        let name = path.display().to_string();
        let mut found = Vec::new();
        let mut first_problem = None;
        input::read_lines_capped(
            &name,
            std::io::BufReader::new(file),
            MAX_DECISION_BYTES,
            DECISION_NOTE,
            &mut |line| {
                if first_problem.is_some() {
                    return;
                }
                let parsed = line.map_err(|p| anyhow::anyhow!("{p}")).and_then(|line| {
                    let at = line.line.unwrap_or(1);
                    decision(path, &line.text, at).map(|d| (at, d))
                });
                match parsed {
                    Ok(decision) => found.push(decision),
                    Err(e) => first_problem = Some(e),
                }
            },
        );
        match first_problem {
            Some(e) => Err(e),
            None => Ok(found),
        }
    } else {
        let text = input::read_text(path, MAX_DECISION_BYTES, DECISION_NOTE)
            .map_err(|p| anyhow::anyhow!("{p}"))?;
        Ok(vec![(1, decision(path, &text, 1)?)])
    }
}

/// One decision from its JSON text, which starts on line `first_line` of the file.
fn decision(path: &Path, text: &str, first_line: usize) -> Result<Decision> {
    let value = json::parse(text).map_err(|error| match error {
        JsonError::Duplicate(d) => anyhow::anyhow!(
            "{}:{}:{}: {}: {}",
            path.display(),
            first_line + d.second.0 - 1,
            d.second.1,
            d.pointer,
            d.message()
        ),
        JsonError::Syntax(e) => anyhow::anyhow!(
            "{}:{}:{}: not a decision as kriterium writes it: {}",
            path.display(),
            first_line + e.line().saturating_sub(1),
            e.column().max(1),
            strip_position(&e.to_string())
        ),
    })?;
    json::typed(&value).map_err(|e| {
        let pointer = if e.pointer.is_empty() {
            "/"
        } else {
            &e.pointer
        };
        anyhow::anyhow!(
            "{}:{first_line}: {pointer}: not a decision as kriterium writes it: {}",
            path.display(),
            e.message
        )
    })
}

/// serde_json ends messages with " at line L column C"; the position is given separately.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
