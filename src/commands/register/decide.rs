//! `kriterium decide ROUND APP grant [AMOUNT] | reject --date YYYY-MM-DD [--reason …]
//! [--abstained NAME …]`: records the group's decision apart from the recommendation. A decision
//! that differs from the recommendation needs a reason (forvaltningsloven § 24: a decision states
//! the reasons it rests on); the register keeps the grant within the year's money.

use std::path::Path;

use anyhow::{Result, bail};
use kriterium_engine::decision::Recommendation;
use kriterium_engine::labels::Label;
use kriterium_register::{Access, DecisionRecord, Expected, NewDecision, Outcome, Register};

use super::standing::{Row, Standing};
use super::words::{Words, say};
use super::{amount, explain, open_register};
use crate::Status;
use crate::args::DecisionWord;
use crate::messages;

/// What the command line asked to record.
pub struct Asked {
    pub round: String,
    pub application: String,
    pub outcome: DecisionWord,
    /// kr.; a grant without it grants the amount requested.
    pub amount: Option<u64>,
    pub date: String,
    pub reason: Option<String>,
    pub abstained: Vec<String>,
}

/// What [`record`] did: the decision it recorded, and what to tell the user.
#[derive(Debug)]
pub struct Recorded {
    /// The decision recorded; `None` when the very same decision was current already.
    pub record: Option<DecisionRecord>,
    /// The sentences `decide` prints, in order (a sentence may hold a line break).
    pub said: Vec<String>,
}

/// Records the decision, and prints what was recorded.
pub fn run(path: &Path, asked: Asked) -> Result<Status> {
    // Opened first, so the refusals below speak the register's language.
    let mut register = open_register(path, Access::Write)?;
    for line in record(&mut register, &asked, Expected::Anything)?.said {
        outln!("{line}");
    }
    Ok(Status::Ok)
}

/// Records the decision `asked` in `register`, over the current decision `expected` (the
/// register refuses in the same transaction when another is current: the web app's two tabs;
/// the command line passes [`Expected::Anything`]).
///
/// Errors: every refusal in the user's words ending "nothing was changed": a bad date, a
/// reason or name too long, an amount with a refusal, a closed round or unknown application,
/// an application awaiting review, a departure without a reason, a grant over the money left,
/// a decision changed meanwhile; an unusable register.
pub fn record(register: &mut Register, asked: &Asked, expected: Expected) -> Result<Recorded> {
    let mut said = Vec::new();
    let decided_in = check_date(&asked.date)?;
    if let Some(reason) = &asked.reason {
        super::check_line("--reason", reason, super::MAX_REASON)?;
    }
    for name in &asked.abstained {
        super::check_line("--abstained", name, super::MAX_NAME)?;
    }
    match (asked.outcome, asked.amount) {
        (DecisionWord::Reject, Some(n)) => bail!(super::unchanged(&say(
            Words::AmountWithReject,
            &[("amount", &messages::quoted(&n.to_string()))]
        ))),
        (DecisionWord::Grant, Some(0)) => bail!(super::unchanged(&say(Words::ZeroGrant, &[]))),
        _ => {}
    }
    let round = super::open_round_of(register, &asked.round)?;
    // A meeting about a round of 2025 is held in 2024–2026: a date further off is a typing
    // mistake that would stay in the record once the round is closed.
    if i64::from(decided_in).abs_diff(round.year) > 1 {
        bail!(super::unchanged(&say(
            Words::DateFarFromRound,
            &[
                ("value", &messages::quoted(&asked.date)),
                ("round", &messages::quoted(&round.id)),
                ("year", &round.year.to_string()),
            ]
        )));
    }
    register
        .application(&round.id, &asked.application)
        .map_err(explain)?;
    let standing = Standing::of(register, &round.id)?;
    let Some(row) = standing.row(&asked.application) else {
        bail!(
            "internal error: {} is stored but not ranked",
            asked.application
        );
    };
    // Reviewers have not scored it yet: its points are not known, so neither is its place.
    if row.recommendation == Recommendation::AwaitingReview {
        // Reviews cannot come when every member stands aside: the panel must grow.
        if let Some(members) = no_one_may_review(register, &round, &asked.application)? {
            bail!(super::unchanged(&say(
                Words::DecideNoOneMayReview,
                &[
                    ("id", &messages::quoted(&asked.application)),
                    ("members", &super::words::quoted_list(&members)),
                ]
            )));
        }
        bail!(super::unchanged(&say(
            Words::DecideAwaiting,
            &[("id", &messages::quoted(&asked.application))]
        )));
    }
    // An application that competes for the budget is placed among the others: while one awaits
    // review, its place (and the funding line) is not known yet.
    if matches!(
        row.recommendation,
        Recommendation::Fund | Recommendation::Reserve
    ) {
        let awaiting = standing.awaiting();
        if !awaiting.is_empty() {
            bail!(super::unchanged(&say(
                Words::DecideRankingOpen,
                &[
                    ("id", &messages::quoted(&asked.application)),
                    ("count", &super::words::applications(awaiting.len())),
                    ("listed", &super::words::quoted_list(&awaiting)),
                ]
            )));
        }
    }
    let outcome = match asked.outcome {
        DecisionWord::Grant => Outcome::Grant(asked.amount.unwrap_or(row.requested)),
        DecisionWord::Reject => Outcome::Reject,
    };
    let reason = asked
        .reason
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty())
        .map(str::to_string);
    let earlier = row.decision.clone();
    let (abstained, stood_aside) = abstentions(register, &round, asked)?;
    // The same decision again records nothing: the history holds changes, not repetitions.
    if let Some(same) = &earlier
        && same.outcome == outcome
        && same.decided_on == asked.date
        && same.reason == reason
        && same.abstained == abstained
        && same.assessment_digest.as_deref() == Some(row.assessment_digest.as_str())
    {
        said.push(say(
            Words::AlreadyDecided,
            &[
                ("id", &messages::quoted(&asked.application)),
                ("at", &same.recorded_at),
            ],
        ));
        return Ok(Recorded { record: None, said });
    }
    let record = register
        .decide(&NewDecision {
            round: round.id.clone(),
            application: asked.application.clone(),
            outcome,
            decided_on: asked.date.clone(),
            reason,
            recommendation: row.recommendation.key().to_string(),
            recommended_amount: row.recommended,
            abstained,
            differs: differs(row, outcome),
            assessment_digest: row.assessment_digest.clone(),
            expected,
        })
        .map_err(explain)?;
    said.extend(sentences(
        register,
        &round,
        &record,
        row.requested,
        &stood_aside,
        earlier.as_ref(),
    )?);
    Ok(Recorded {
        record: Some(record),
        said,
    })
}

/// What `decide` says once `record` is recorded in `round`: the decision with the year's money
/// granted and left, the members added as standing aside from it as from the assessment
/// (`stood_aside`), and the `earlier` decision it replaces. `requested` is the application's
/// amount (kr.), to tell a partial grant. The web app says the same after a decision.
///
/// Errors: the register cannot be read.
pub fn sentences(
    register: &Register,
    round: &kriterium_register::Round,
    record: &DecisionRecord,
    requested: u64,
    stood_aside: &[String],
    earlier: Option<&DecisionRecord>,
) -> Result<Vec<String>> {
    let currency = &round.currency;
    let mut said = Vec::new();
    let granted = register
        .granted_in_year(&round.pack_id, round.year)
        .map_err(explain)?;
    let year_budget = register
        .year_budget(&round.pack_id, round.year)
        .map_err(explain)?
        .unwrap_or(round.year_budget);
    said.push(say(
        Words::Decided,
        &[
            ("round", &messages::quoted(&round.id)),
            ("id", &messages::quoted(&record.application)),
            (
                "outcome",
                &outcome_text(record.outcome, requested, currency),
            ),
            ("year", &round.year.to_string()),
            ("granted", &amount(granted, currency)),
            (
                "left",
                &amount(year_budget.saturating_sub(granted), currency),
            ),
            ("budget", &amount(year_budget, currency)),
        ],
    ));
    if !stood_aside.is_empty() {
        said.push(say(
            Words::AbstainedFromAssessment,
            &[(
                "names",
                &kriterium_engine::labels::list(
                    &stood_aside.iter().map(String::as_str).collect::<Vec<_>>(),
                    messages::lang(),
                ),
            )],
        ));
    }
    if let Some(earlier) = earlier {
        said.push(say(
            Words::Replaces,
            &[
                ("at", &earlier.recorded_at),
                (
                    "outcome",
                    &outcome_text(earlier.outcome, requested, currency),
                ),
            ],
        ));
    }
    Ok(said)
}

/// The current assessment of application `id` in `round`, as its decision JSON.
fn current_assessment(
    register: &kriterium_register::Register,
    round: &kriterium_register::Round,
    id: &str,
) -> Result<kriterium_engine::decision::Decision> {
    let current = register
        .current_assessment(&round.id, id)
        .map_err(super::explain)?;
    serde_json::from_str(&current).map_err(|e| {
        anyhow::anyhow!(say(
            Words::AssessmentUnreadable,
            &[
                ("round", &messages::quoted(&round.id)),
                ("id", &messages::quoted(id)),
                ("problem", &e.to_string()),
            ]
        ))
    })
}

/// The members of `round`'s panel when every one of them stands aside from application `id`
/// (no one may review it: the panel must be extended), else `None`.
fn no_one_may_review(
    register: &kriterium_register::Register,
    round: &kriterium_register::Round,
    id: &str,
) -> Result<Option<Vec<String>>> {
    let Some(panel) = super::book::round_panel(register, &round.id)? else {
        return Ok(None);
    };
    let assessment = current_assessment(register, round, id)?;
    let stood: Vec<&str> = assessment
        .reviews
        .iter()
        .flat_map(|r| r.stood_aside.iter().map(|s| s.member.as_str()))
        .collect();
    let members: Vec<String> = panel.members.iter().map(|m| m.name.clone()).collect();
    Ok(
        (!members.is_empty() && members.iter().all(|m| stood.contains(&m.as_str())))
            .then_some(members),
    )
}

/// The members who stood aside from the decision, sorted and each once (as the register keeps
/// them, so a repetition compares equal): the names given with `--abstained`, and every member
/// the application's assessment records as having stood aside for a conflict of interest
/// (returned apart too, to say that they were added). With a panel, a name not on it is refused
/// (with the closest member's name), and so is a member whose review counted in the assessment:
/// they assessed the application, so they were not inhabile. Every such name is said at once.
fn abstentions(
    register: &kriterium_register::Register,
    round: &kriterium_register::Round,
    asked: &Asked,
) -> Result<(Vec<String>, Vec<String>)> {
    let mut abstained: Vec<String> = asked
        .abstained
        .iter()
        .map(|n| kriterium_engine::text::nfc(n.trim()).into_owned())
        .collect();
    abstained.sort();
    abstained.dedup();
    let panel = super::book::round_panel(register, &round.id)?;
    let assessment = current_assessment(register, round, &asked.application)?;
    let (assessed_by, stood): (&[String], Vec<String>) = match &assessment.reviews {
        Some(reviews) => (
            &reviews.assessed_by,
            reviews
                .stood_aside
                .iter()
                .map(|s| s.member.clone())
                .collect(),
        ),
        None => (&[], Vec::new()),
    };
    let mut problems = Vec::new();
    for name in &abstained {
        if let Some(panel) = &panel
            && !panel.has_member(name)
        {
            problems.push(super::words::not_on_panel(panel, name));
        } else if assessed_by.contains(name) {
            problems.push(say(
                Words::AbstainedButAssessed,
                // Unquoted: the genitive s goes on the name itself (»Lene Bachs«).
                &[
                    ("name", name),
                    ("id", &messages::quoted(&asked.application)),
                ],
            ));
        }
    }
    if !problems.is_empty() {
        bail!(super::unchanged(&format!(
            "--abstained: {}",
            problems.join("; ")
        )));
    }
    let added: Vec<String> = stood
        .into_iter()
        .filter(|m| !abstained.contains(m))
        .collect();
    abstained.extend(added.iter().cloned());
    abstained.sort();
    abstained.dedup();
    Ok((abstained, added))
}

/// Whether deciding `outcome` departs from what kriterium recommends for `row`
/// ([`Recommendation::departs`]).
pub fn differs(row: &Row, outcome: Outcome) -> bool {
    row.recommendation
        .departs(row.recommended, outcome.granted())
}

/// The recommendation in words, with its amount when it funds: "støttes, 150.000 kr.".
/// `recommendation` is its JSON name (`fund`, `reserve`, …), as the register keeps it.
pub fn recommended(recommendation: &str, amount: u64, currency: &str) -> String {
    match Recommendation::from_key(recommendation) {
        Some(known) => Label::recommendation_with_amount(known, amount, currency, messages::lang()),
        None => recommendation.to_string(),
    }
}

/// A decision in words: "tilsagn 150.000 kr.", "delvist tilsagn 100.000 kr.", "afslag".
pub fn outcome_text(outcome: Outcome, requested: u64, currency: &str) -> String {
    let lang = messages::lang();
    match outcome {
        Outcome::Grant(n) if n < requested => {
            format!("{} {}", Words::PartialGrant.text(lang), amount(n, currency))
        }
        Outcome::Grant(n) => format!("{} {}", Words::Grant.text(lang), amount(n, currency)),
        Outcome::Reject => Words::Reject.text(lang).to_string(),
    }
}

/// A meeting's date: `YYYY-MM-DD`, a real day of a year from 1900 to 9999. Its year.
fn check_date(text: &str) -> Result<u32> {
    let refuse = |words: Words| {
        Err(anyhow::anyhow!(super::unchanged(&say(
            words,
            &[("value", &messages::quoted(text))]
        ))))
    };
    let numbers: Vec<u32> = text
        .split('-')
        .filter(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|part| part.parse().ok())
        .collect();
    let form = text.len() == 10 && text.as_bytes()[4] == b'-' && text.as_bytes()[7] == b'-';
    let [y, m, d] = numbers[..] else {
        return refuse(Words::BadDate);
    };
    if !form || !(1900..=9999).contains(&y) {
        return refuse(Words::BadDate);
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => 0,
    };
    if (1..=days).contains(&d) {
        Ok(y)
    } else {
        refuse(Words::NoSuchDay)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_is_a_real_day_written_year_month_day() {
        for good in [
            "2025-03-14",
            "2024-02-29",
            "2000-02-29",
            "1999-12-31",
            "2999-01-01",
        ] {
            assert!(check_date(good).is_ok(), "{good}");
        }
        for bad in [
            "2025-02-29",
            "1900-02-29",
            "2025-13-01",
            "2025-04-31",
            "14-03-2025",
            "2025-3-14",
            "2025-03-14T10",
            "1899-12-31",
            "+025-03-14",
            "",
        ] {
            assert!(check_date(bad).is_err(), "{bad}");
        }
        assert_eq!(check_date("2024-02-29").unwrap(), 2024);
        // Written right but not in the calendar, and written wrong, are told apart.
        let no_day = check_date("2025-02-29").unwrap_err().to_string();
        let wrong = check_date("14-03-2025").unwrap_err().to_string();
        assert!(no_day.contains("no such day"), "{no_day}");
        assert!(wrong.contains("such as 2025-03-14"), "{wrong}");
    }
}
