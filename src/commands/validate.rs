//! `kriterium validate`: checks every input and reports every problem of each.

use std::path::PathBuf;

use anyhow::Result;
use kriterium_engine::ids;
use kriterium_engine::input;
use kriterium_engine::pack::RulePack;
use kriterium_engine::problem::Problem;

use super::stdin;

use crate::Status;
use crate::messages::{self, Message};

/// One input read: where it is, the id it claims, and its problems (none when valid).
struct Checked {
    source: String,
    line: Option<usize>,
    claimed_id: Option<String>,
    problems: Vec<Problem>,
}

pub fn run(pack: &RulePack, paths: &[PathBuf]) -> Result<Status> {
    let validator = pack.validator();
    let (sources, missing) = input::expand(paths);
    let messages = crate::messages::lang();
    stdin::refuse_pretty_printed(&sources, messages)?;
    let mut checked: Vec<Checked> = missing
        .into_iter()
        .map(|problem| Checked {
            source: problem.source.clone(),
            line: None,
            claimed_id: None,
            problems: vec![problem],
        })
        .collect();

    for source in &sources {
        stdin::read(source, messages, &mut |read| {
            checked.push(match read {
                Err(problem) => Checked {
                    source: problem.source.clone(),
                    line: problem.line,
                    claimed_id: None,
                    problems: vec![problem],
                },
                Ok(input) => {
                    let (claimed_id, problems) =
                        match validator.validate_text(&input.source, &input.text) {
                            Ok(app) => (Some(app.application.id), Vec::new()),
                            Err(found) => (
                                ids::claimed_id(&input.text),
                                found.into_iter().map(|p| input.locate(p)).collect(),
                            ),
                        };
                    Checked {
                        source: input.source,
                        line: input.line,
                        claimed_id,
                        problems,
                    }
                }
            });
        });
    }

    // An id must name one application, whichever of the inputs claiming it are valid.
    let claims: Vec<Option<ids::Claim<'_>>> = checked
        .iter()
        .map(|c| {
            Some(ids::Claim {
                source: &c.source,
                line: c.line,
                id: c.claimed_id.as_deref()?,
            })
        })
        .collect();
    let shared = ids::shared(&claims);
    for (i, problem) in shared {
        checked[i].problems.push(problem);
    }

    let (mut valid, mut invalid) = (0usize, 0usize);
    for c in &checked {
        if c.problems.is_empty() {
            valid += 1;
            let id = c
                .claimed_id
                .as_deref()
                .expect("an input without problems is a valid application, whose id is kept");
            let place = input::place(&c.source, c.line);
            outln!(
                "{}",
                messages::say(Message::ValidOne, &[("place", &place), ("id", id)])
            );
        } else {
            invalid += 1;
        }
    }
    let lang = messages::lang();
    for problem in checked.iter().flat_map(|c| &c.problems) {
        outln!("{}", problem.display_in(lang));
    }
    outln!(
        "{}",
        messages::say(
            Message::ValidSummary,
            &[
                (
                    "valid",
                    &messages::count(valid, Message::ValidOneCount, Message::ValidManyCount)
                ),
                (
                    "invalid",
                    &messages::count(invalid, Message::InvalidOneCount, Message::InvalidManyCount)
                )
            ]
        )
    );
    Ok(if invalid == 0 {
        Status::Ok
    } else {
        Status::Rejected
    })
}
