//! Deciding: an application's page (its report, recommendation and rank, the current decision
//! and its history, who stands aside) with the form that records the group's decision, and its
//! letter. Every write goes through the `decide` command's core (`decide::record`), every letter
//! through the `letters` command's (`Letters::letter`), so the app and the command line can
//! never disagree. The form carries the decision it was loaded over (`expected`): the register
//! refuses, in the same transaction, a decision over one the person did not see.

use std::sync::Arc;

use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use kriterium_engine::application::Application;
use kriterium_engine::decision::{Decision, Recommendation};
use kriterium_engine::labels::{self, Label};
use kriterium_engine::report;
use kriterium_register::{Access, DecisionRecord, Expected, Register, Round};
use minijinja::value::{Serde, Value};
use serde::{Deserialize, Serialize};

use super::App;
use super::failure::{Answer, Failure};
use super::form::Posted;
use super::page::render;
use super::rounds::with_register;
use super::words::{Ui, say};
use crate::args::DecisionWord;
use crate::commands::register::decide::{self, Asked, outcome_text};
use crate::commands::register::letters::{Letter, Letters};
use crate::commands::register::standing::{Row, Standing};
use crate::commands::register::{Unusable, book, explain};
use crate::messages;

pub mod reviews;
mod today;

/// What the address of an application's page may ask besides the page: to confirm the
/// decision just recorded (`recorded`, its id) or that it was the current one already
/// (`unchanged`).
#[derive(Debug, Default, Deserialize)]
pub struct Shown {
    recorded: Option<String>,
    unchanged: Option<String>,
}

/// The decision form as filled in: what the page shows in it (the values posted, kept when the
/// register refuses them).
#[derive(Debug, Clone, Serialize)]
struct Filled {
    /// `grant`, `partial` or `reject`.
    outcome: String,
    amount: String,
    date: String,
    reason: String,
    abstained: Vec<String>,
    /// `none`, or the id of the current decision the form was loaded over.
    expected: String,
}

/// A decision, as the page shows it.
#[derive(Debug, Serialize)]
struct DecisionShown {
    outcome: String,
    decided_on: String,
    reason: Option<String>,
    abstained: Vec<String>,
    recorded_at: String,
    recorded_by: String,
    recommendation: String,
    differs: bool,
}

/// A panel member in the form: ticked when they stand aside.
#[derive(Debug, Serialize)]
struct MemberBox {
    name: String,
    ticked: bool,
    /// Why they have a conflict of interest with the application, if they have one.
    conflict: Option<String>,
}

/// The address of application `app`'s page in round `round`.
fn page_address(round: &str, app: &str) -> String {
    format!(
        "/rounds/{}/applications/{}",
        urlencoding(round),
        urlencoding(app)
    )
}

/// `text` percent-encoded as one path segment or query value.
fn urlencoding(text: &str) -> String {
    percent_encoding::utf8_percent_encode(text, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// `GET /rounds/{round}/applications/{app}`.
pub async fn application(
    State(app): State<Arc<App>>,
    Path((round, id)): Path<(String, String)>,
    Query(shown): Query<Shown>,
) -> Answer {
    let page = with_register(&app, Access::Read, move |app, register| {
        let notice = notice(register, &round, &id, &shown)?;
        application_page(app, register, &round, &id, None, notice, None)
    })
    .await?;
    render(&app, "application.html", page)
}

/// `POST /rounds/{round}/applications/{app}/decision`: records the decision through
/// `decide::record`; on success 303 to the page with the register's sentences, on refusal the
/// page again (409) with the form as filled and the refusal.
pub async fn decision(
    State(app): State<Arc<App>>,
    Path((round, id)): Path<(String, String)>,
    posted: Posted,
) -> Answer {
    let filled = Filled {
        outcome: posted.optional("outcome")?.unwrap_or_default().to_string(),
        amount: posted.optional("amount")?.unwrap_or_default().to_string(),
        date: posted.optional("date")?.unwrap_or_default().to_string(),
        reason: posted.optional("reason")?.unwrap_or_default().to_string(),
        abstained: posted
            .all("abstained")
            .into_iter()
            .map(str::trim)
            .filter(|n| !n.is_empty())
            .map(str::to_string)
            .collect(),
        expected: posted.one("expected")?.to_string(),
    };
    let outcome = with_register(&app, Access::Write, move |app, register| {
        let tried = asked(&round, &id, &filled).and_then(|(asked, expected)| {
            decide::record(register, &asked, expected).map_err(|e| {
                if e.downcast_ref::<Unusable>().is_some() {
                    NotRecorded::Failed(Failure::failed(&e))
                } else {
                    NotRecorded::Refused(chain(&e))
                }
            })
        });
        match tried {
            Ok(recorded) => Ok(Err(match recorded.record {
                Some(record) => format!("{}?recorded={}", page_address(&round, &id), record.id),
                None => format!("{}?unchanged=1", page_address(&round, &id)),
            })),
            Err(NotRecorded::Failed(failure)) => Err(failure),
            Err(NotRecorded::Refused(refusal)) => application_page(
                app,
                register,
                &round,
                &id,
                Some(filled),
                None,
                Some(refusal),
            )
            .map(Ok),
        }
    })
    .await?;
    match outcome {
        Err(address) => Ok(Redirect::to(&address).into_response()),
        Ok(page) => {
            let mut response = render(&app, "application.html", page)?;
            *response.status_mut() = StatusCode::CONFLICT;
            Ok(response)
        }
    }
}

/// Why a posted decision was not recorded.
enum NotRecorded {
    /// The register or the form's values refused it, in these words: the page again.
    Refused(String),
    /// It could not be tried (a form that cannot be read, an unusable register).
    Failed(Failure),
}

/// An error and its causes as one text.
fn chain(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(|cause| cause.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

/// What the form asks `decide` to record, or the sentence saying what in it cannot be read
/// (as a refusal: the page is shown again with it).
fn asked(round: &str, id: &str, filled: &Filled) -> Result<(Asked, Expected), NotRecorded> {
    let expected = match filled.expected.as_str() {
        "none" => Expected::Nothing,
        other => match other.parse::<i64>() {
            Ok(n) => Expected::Decision(n),
            Err(_) => {
                return Err(NotRecorded::Failed(Failure::bad_form(say(
                    Ui::ExpectedUnreadable,
                    &[("value", &messages::quoted(other))],
                ))));
            }
        },
    };
    // A grant with an amount is `decide … grant AMOUNT`, as on the command line; a partial
    // grant must name it. Amounts are read by the engine's one reader of whole amounts
    // (`amount::parse`: `150.000`, `150 000`, `150.000 kr.`), as `--budget` and `decide` read them.
    let amount = match (filled.outcome.as_str(), filled.amount.trim()) {
        ("partial", "") => return Err(NotRecorded::Refused(say(Ui::AmountNeeded, &[]))),
        ("partial" | "grant", text) if !text.is_empty() => {
            match kriterium_engine::amount::parse(text) {
                Ok(n) => Some(n),
                Err(_) => {
                    return Err(NotRecorded::Refused(say(
                        Ui::AmountUnreadable,
                        &[("value", &messages::quoted(&filled.amount))],
                    )));
                }
            }
        }
        _ => None,
    };
    let outcome = match filled.outcome.as_str() {
        "grant" | "partial" => DecisionWord::Grant,
        "reject" => DecisionWord::Reject,
        _ => return Err(NotRecorded::Refused(say(Ui::OutcomeNeeded, &[]))),
    };
    // The register keeps a reason as one line (it is one sentence in the letter): the box's
    // line breaks become spaces, as the hint under it says.
    let reason = Some(
        filled
            .reason
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" "),
    )
    .filter(|r| !r.is_empty());
    Ok((
        Asked {
            round: round.to_string(),
            application: id.to_string(),
            outcome,
            amount,
            date: filled.date.trim().to_string(),
            reason,
            abstained: filled.abstained.clone(),
        },
        expected,
    ))
}

/// The confirmation the page shows after a decision was recorded (`?recorded=ID`: the
/// register's sentences about it, if it is still the current one) or found unchanged.
fn notice(
    register: &Register,
    round: &str,
    id: &str,
    shown: &Shown,
) -> Result<Option<Vec<String>>, Failure> {
    if shown.recorded.is_none() && shown.unchanged.is_none() {
        return Ok(None);
    }
    let Ok(round) = register.round(round) else {
        return Ok(None);
    };
    let history: Vec<DecisionRecord> = register
        .decisions(&round.id)
        .map_err(|e| Failure::failed(&explain(e)))?
        .into_iter()
        .filter(|d| d.application == id)
        .collect();
    let Some(current) = history.last() else {
        return Ok(None);
    };
    if shown.unchanged.is_some() {
        return Ok(Some(vec![say(
            Ui::DecisionUnchanged,
            &[("at", &current.recorded_at)],
        )]));
    }
    if shown.recorded.as_deref() != Some(current.id.to_string().as_str()) {
        return Ok(None);
    }
    let requested = register
        .application(&round.id, id)
        .map_err(|e| Failure::failed(&explain(e)))?
        .requested;
    let earlier = history.iter().rev().nth(1);
    // A sentence of the command line may hold a line break: the page shows each line apart.
    decide::sentences(register, &round, current, requested, &[], earlier)
        .map(|said| {
            Some(
                said.iter()
                    .flat_map(|s| s.lines())
                    .map(str::to_string)
                    .collect(),
            )
        })
        .map_err(|e| Failure::failed(&e))
}

/// The 404 of an unknown round or application, with the register's sentence (which names
/// the ones there are).
fn not_found(error: anyhow::Error, title: Ui) -> Failure {
    Failure::new(StatusCode::NOT_FOUND, title, chain(&error))
}

/// The round `round` and its application `id`'s row in the standing, or 404.
fn find(register: &Register, round: &str, id: &str) -> Result<(Round, Standing), Failure> {
    let found = register
        .round(round)
        .map_err(|e| not_found(explain(e), Ui::RoundNotFound))?;
    register
        .application(&found.id, id)
        .map_err(|e| not_found(explain(e), Ui::ApplicationNotFound))?;
    let standing = Standing::of(register, &found.id).map_err(|e| Failure::failed(&e))?;
    Ok((found, standing))
}

/// The application page's values. `filled`: the form as posted (else its defaults: the
/// current decision, or the recommendation); `notice`: the sentences confirming a decision;
/// `refusal`: why the posted decision was not recorded.
fn application_page(
    app: &App,
    register: &Register,
    round_id: &str,
    id: &str,
    filled: Option<Filled>,
    notice: Option<Vec<String>>,
    refusal: Option<String>,
) -> Result<Value, Failure> {
    let (round, standing) = find(register, round_id, id)?;
    let Some(row) = standing.row(id) else {
        return Err(Failure::failed(&anyhow::anyhow!(
            "{id} is stored but not ranked; this is a fault of kriterium"
        )));
    };
    let lang = app.lang.as_str();
    let currency = round.currency.as_str();
    let stored = register
        .application(&round.id, id)
        .map_err(|e| Failure::failed(&explain(e)))?;
    let unreadable = |e: serde_json::Error| {
        Failure::failed(&anyhow::anyhow!(say(
            Ui::Unreadable,
            &[("id", &messages::quoted(id)), ("problem", &e.to_string())]
        )))
    };
    let application: Application = serde_json::from_str(&stored.application).map_err(unreadable)?;
    let current = register
        .current_assessment(&round.id, id)
        .map_err(|e| Failure::failed(&explain(e)))?;
    let assessment: Decision = serde_json::from_str(&current).map_err(unreadable)?;
    let facts = report::ApplicationFacts::of(&application);
    let setting = report::Setting::of(&standing.pack, lang);
    let view = report::report(&assessment, &facts, &setting);
    let report_html = Value::from_safe_string(report::html_body(&view));

    let stood_aside: Vec<(String, String)> = assessment
        .reviews
        .as_ref()
        .map(|r| {
            r.stood_aside
                .iter()
                .map(|s| (s.member.clone(), s.text(lang)))
                .collect()
        })
        .unwrap_or_default();
    let panel = book::round_panel(register, &round.id).map_err(|e| Failure::failed(&e))?;
    let history: Vec<DecisionShown> = standing
        .history
        .iter()
        .filter(|d| d.application == id)
        .rev()
        .map(|d| shown_decision(d, row.requested, currency))
        .collect();
    let filled = filled.unwrap_or_else(|| defaults(row, &stood_aside));
    let members: Vec<MemberBox> = match &panel {
        Some(panel) => panel
            .members
            .iter()
            .map(|m| MemberBox {
                ticked: filled.abstained.contains(&m.name),
                conflict: stood_aside
                    .iter()
                    .find(|(name, _)| *name == m.name)
                    .map(|(_, why)| why.clone()),
                name: m.name.clone(),
            })
            .collect(),
        None => Vec::new(),
    };
    let letter = letter_state(register, &round, row);
    let recommendation = Label::recommendation_stated(row.recommendation).text(lang);
    let recommended = if row.recommended > 0 {
        format!(
            "{recommendation} {}",
            messages::amount(row.recommended, currency)
        )
    } else {
        recommendation.to_string()
    };
    let awaiting = row.recommendation == Recommendation::AwaitingReview;
    let departs_hint = say(Ui::ReasonHint, &[("recommendation", &recommended)]);
    Ok(minijinja::context! {
        round => round.id.clone(),
        round_title => round.title.clone(),
        id => id,
        title => row.title.clone(),
        open => round.is_open(),
        closed => round.closing.as_ref().map(|c| say(Ui::ClosedNote, &[("at", &c.at)])),
        rank => row.rank,
        total => if awaiting { "–".to_string() } else { labels::number(row.total, lang) },
        requested => messages::amount(row.requested, currency),
        requested_kr => row.requested,
        recommendation => recommended,
        class => row.recommendation.key(),
        awaiting => awaiting,
        current => row.decision.as_ref().map(|d| Value::from(Serde(shown_decision(d, row.requested, currency)))),
        history => Value::from(Serde(&history)),
        stood_aside => Value::from(Serde(&stood_aside)),
        members => Value::from(Serde(&members)),
        has_panel => panel.is_some(),
        form => Value::from(Serde(&filled)),
        reason_hint => departs_hint,
        report => report_html,
        letter => letter,
        notice => notice,
        refusal => refusal,
        address => page_address(&round.id, id),
    })
}

/// A decision in the page's words.
fn shown_decision(d: &DecisionRecord, requested: u64, currency: &str) -> DecisionShown {
    DecisionShown {
        outcome: outcome_text(d.outcome, requested, currency),
        decided_on: d.decided_on.clone(),
        reason: d.reason.clone(),
        abstained: d.abstained.clone(),
        recorded_at: d.recorded_at.clone(),
        recorded_by: d.recorded_by.clone(),
        recommendation: decide::recommended(&d.recommendation, d.recommended_amount, currency),
        differs: Recommendation::from_key(&d.recommendation)
            .is_some_and(|r| r.departs(d.recommended_amount, d.outcome.granted())),
    }
}

/// The form as it opens: the current decision when there is one, else what kriterium
/// recommends; today's date; the members with a conflict ticked as standing aside.
fn defaults(row: &Row, stood_aside: &[(String, String)]) -> Filled {
    let expected = row
        .decision
        .as_ref()
        .map_or_else(|| "none".to_string(), |d| d.id.to_string());
    let (outcome, amount) = match row.decision.as_ref().map(|d| d.outcome) {
        Some(kriterium_register::Outcome::Grant(n)) if n < row.requested => {
            ("partial", n.to_string())
        }
        Some(kriterium_register::Outcome::Grant(_)) => ("grant", String::new()),
        Some(kriterium_register::Outcome::Reject) => ("reject", String::new()),
        None if row.recommendation == Recommendation::Fund && row.recommended < row.requested => {
            ("partial", row.recommended.to_string())
        }
        None if row.recommendation == Recommendation::Fund => ("grant", String::new()),
        None if row.recommendation == Recommendation::AwaitingReview => ("", String::new()),
        None => ("reject", String::new()),
    };
    let mut abstained: Vec<String> = stood_aside.iter().map(|(n, _)| n.clone()).collect();
    if let Some(d) = &row.decision {
        abstained.extend(d.abstained.iter().cloned());
    }
    abstained.sort();
    abstained.dedup();
    Filled {
        outcome: outcome.to_string(),
        amount,
        date: today::date(),
        reason: row
            .decision
            .as_ref()
            .and_then(|d| d.reason.clone())
            .unwrap_or_default(),
        abstained,
        expected,
    }
}

/// Whether the application's letter can be made: `{ready: true}`, or `{why: sentence}` (the
/// `letters` command's sentence when the pack has no letter words).
fn letter_state(register: &Register, round: &Round, row: &Row) -> Value {
    if row.decision.is_none() {
        return minijinja::context! { ready => false, why => say(Ui::LetterAfterDecision, &[]) };
    }
    match Letters::of(register, &round.id, None) {
        Ok(_) => minijinja::context! { ready => true, why => "" },
        Err(e) => minijinja::context! { ready => false, why => chain(&e) },
    }
}

/// The letter's file format.
#[derive(Debug, Clone, Copy)]
enum LetterFile {
    Pdf,
    Html,
}

/// `GET /rounds/{round}/applications/{app}/letter.pdf`.
pub async fn letter_pdf(
    State(app): State<Arc<App>>,
    Path((round, id)): Path<(String, String)>,
) -> Answer {
    letter_file(app, round, id, LetterFile::Pdf).await
}

/// `GET /rounds/{round}/applications/{app}/letter.html`.
pub async fn letter_html(
    State(app): State<Arc<App>>,
    Path((round, id)): Path<(String, String)>,
) -> Answer {
    letter_file(app, round, id, LetterFile::Html).await
}

/// The application's letter, as the `letters` command writes it, named `ROUND-ID.pdf` (or
/// `.html`) so letters of two rounds to one applicant do not overwrite each other.
async fn letter_file(app: Arc<App>, round: String, id: String, file: LetterFile) -> Answer {
    let (letter, stem) = with_register(&app, Access::Read, move |_, register| {
        let (found, _) = find(register, &round, &id)?;
        let letters = Letters::of(register, &found.id, None).map_err(|e| Failure::refused(&e))?;
        let decided = letters.decided();
        let Some((row, record)) = decided.iter().find(|(row, _)| row.application_id == id) else {
            return Err(Failure::new(
                StatusCode::CONFLICT,
                Ui::NoLetter,
                say(Ui::LetterAfterDecision, &[]),
            ));
        };
        let letter: Letter = letters
            .letter(register, row, record)
            .map_err(|e| Failure::failed(&e))?;
        Ok((letter, format!("{}-{}", found.id, row.application_id)))
    })
    .await?;
    let (bytes, kind, extension) = match file {
        LetterFile::Pdf => (letter.pdf, "application/pdf", "pdf"),
        LetterFile::Html => (
            letter.html().into_bytes(),
            "text/html; charset=utf-8",
            "html",
        ),
    };
    let disposition = match file {
        LetterFile::Pdf => "attachment",
        LetterFile::Html => "inline",
    };
    Ok(download(
        bytes,
        kind,
        disposition,
        &format!("{stem}.{extension}"),
    ))
}

/// A file to download as `name`: `disposition` `attachment` (saved) or `inline` (shown).
fn download(bytes: Vec<u8>, kind: &'static str, disposition: &str, name: &str) -> Response {
    let header_value = format!(
        "{disposition}; filename=\"{}\"; filename*=UTF-8''{}",
        ascii_name(name),
        urlencoding(name)
    );
    let disposition = HeaderValue::from_str(&header_value)
        .unwrap_or_else(|_| HeaderValue::from_static("attachment"));
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(kind)),
            (header::CONTENT_DISPOSITION, disposition),
        ],
        bytes,
    )
        .into_response()
}

/// `name` with every character but ASCII letters, digits, `.`, `-` and `_` as `_`: the
/// `filename` a browser without `filename*` uses.
fn ascii_name(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_name_keeps_only_safe_characters() {
        assert_eq!(ascii_name("A-1.pdf"), "A-1.pdf");
        assert_eq!(ascii_name("æ\"b;.pdf"), "__b_.pdf");
    }
}
