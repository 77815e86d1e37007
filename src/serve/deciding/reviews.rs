//! A round's reviews: the page that says what awaits review, and the upload of filled review
//! sheets, entered by `reviews add`'s own core (`reviews::enter`): the same checks, the same
//! sentences, every mistake named by file, sheet, row and column.

use std::sync::Arc;

use axum::extract::multipart::{Multipart, MultipartRejection};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use kriterium_register::{Access, Register};
use minijinja::value::Value;

use super::super::App;
use super::super::access::same_token;
use super::super::failure::{Answer, Failure};
use super::super::form::CSRF_FIELD;
use super::super::page::render;
use super::super::rounds::with_register;
use super::super::words::{Ui, say};
use super::{chain, not_found};
use crate::commands::register::reviews::{ReviewState, SheetsRefused, Template, enter};
use crate::commands::register::{Unusable, explain};
use crate::commands::review_book;

/// Most bytes an upload of review sheets may have: a panel's sheets of a large round fit many
/// times over (a filled sheet of 1,000 rows is some 100 KiB).
pub const UPLOAD_LIMIT: usize = 8 * 1024 * 1024;

/// What the page says after an upload.
#[derive(Default)]
struct Outcome {
    entered: Vec<String>,
    mistakes: Vec<String>,
    refusal: Option<String>,
}

/// `GET /rounds/{round}/reviews`.
pub async fn page(State(app): State<Arc<App>>, Path(round): Path<String>) -> Answer {
    let page = with_register(&app, Access::Read, move |_, register| {
        reviews_page(register, &round, Outcome::default())
    })
    .await?;
    render(&app, "reviews.html", page)
}

/// `POST /rounds/{round}/reviews` (multipart: `csrf`, `sheet` files, `replace`): enters the
/// sheets; the page again with the sentences of `reviews add`, or every mistake (409).
pub async fn upload(
    State(app): State<Arc<App>>,
    Path(round): Path<String>,
    multipart: Result<Multipart, MultipartRejection>,
) -> Answer {
    let mut multipart = multipart.map_err(|e| {
        Failure::bad_form(say(Ui::ReviewsUnreadable, &[("problem", &e.body_text())]))
    })?;
    let mut csrf = Vec::new();
    let mut sheets: Vec<(String, Vec<u8>)> = Vec::new();
    let mut replace = false;
    loop {
        let field = match multipart.next_field().await {
            Ok(Some(field)) => field,
            Ok(None) => break,
            Err(e) => return Err(unreadable(&e)),
        };
        let name = field.name().unwrap_or_default().to_string();
        let file_name = field.file_name().map(str::to_string);
        let bytes = field.bytes().await.map_err(|e| unreadable(&e))?;
        match name.as_str() {
            CSRF_FIELD => csrf.push(String::from_utf8_lossy(&bytes).into_owned()),
            "replace" => replace = true,
            // A file input left empty sends a part without a name or bytes.
            "sheet" if !bytes.is_empty() => sheets.push((
                file_name
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| format!("sheet-{}", sheets.len() + 1)),
                bytes.to_vec(),
            )),
            _ => {}
        }
    }
    if csrf.len() != 1 || !same_token(&csrf[0], &app.csrf) {
        return Err(Failure::new(
            StatusCode::FORBIDDEN,
            Ui::BadForm,
            say(Ui::FormNoCsrf, &[]),
        ));
    }
    let (page, refused) = with_register(&app, Access::Write, move |_, register| {
        let outcome = if sheets.is_empty() {
            Outcome {
                refusal: Some(say(Ui::ReviewsNoSheet, &[])),
                ..Outcome::default()
            }
        } else {
            let read = |form: &kriterium_intake::reviews::ReviewForm| {
                Ok(review_book::read_sheet_bytes(&sheets, form))
            };
            match enter(register, &round, read, replace) {
                Ok(entered) => Outcome {
                    entered: entered.said.into_iter().chain(entered.notes).collect(),
                    ..Outcome::default()
                },
                Err(e) if e.downcast_ref::<Unusable>().is_some() => {
                    return Err(Failure::failed(&e));
                }
                Err(e) => match e.downcast::<SheetsRefused>() {
                    Ok(refused) => Outcome {
                        mistakes: refused.mistakes,
                        refusal: Some(refused.summary),
                        ..Outcome::default()
                    },
                    Err(e) => Outcome {
                        refusal: Some(chain(&e)),
                        ..Outcome::default()
                    },
                },
            }
        };
        let refused = outcome.refusal.is_some();
        Ok((reviews_page(register, &round, outcome)?, refused))
    })
    .await?;
    let mut response = render(&app, "reviews.html", page)?;
    if refused {
        *response.status_mut() = StatusCode::CONFLICT;
    }
    Ok(response)
}

/// `GET /rounds/{round}/reviews/template.xlsx`: the sheet to fill in, as `reviews template`
/// makes it (for any reviewer; the command line makes one per reviewer).
pub async fn template(State(app): State<Arc<App>>, Path(round): Path<String>) -> Answer {
    let (bytes, name) = with_register(&app, Access::Read, move |_, register| {
        let found = register
            .round(&round)
            .map_err(|e| not_found(explain(e), Ui::RoundNotFound))?;
        let made = Template::of(register, &found.id, None, None, true)
            .map_err(|e| Failure::refused(&e))?;
        Ok((made.bytes, format!("reviews-{}.xlsx", found.id)))
    })
    .await?;
    Ok(super::download(
        bytes,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "attachment",
        &name,
    ))
}

/// A part of the upload that cannot be read: too large (413), or not a form with files (400).
fn unreadable(error: &axum::extract::multipart::MultipartError) -> Failure {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        Failure::new(
            StatusCode::PAYLOAD_TOO_LARGE,
            Ui::BadForm,
            say(
                Ui::ReviewsTooLarge,
                &[("limit", &format!("{} MiB", UPLOAD_LIMIT / 1024 / 1024))],
            ),
        )
    } else {
        Failure::bad_form(say(
            Ui::ReviewsUnreadable,
            &[("problem", &error.body_text())],
        ))
    }
}

/// The reviews page's values: the round, what awaits review, and `outcome`.
fn reviews_page(register: &Register, id: &str, outcome: Outcome) -> Result<Value, Failure> {
    let round = register
        .round(id)
        .map_err(|e| not_found(explain(e), Ui::RoundNotFound))?;
    let state = ReviewState::in_round(register, &round).map_err(|e| Failure::failed(&e))?;
    let state: Vec<String> = state
        .text()
        .map(|t| t.lines().map(str::to_string).collect())
        .unwrap_or_default();
    Ok(minijinja::context! {
        round => round.id.clone(),
        heading => say(Ui::ReviewsOf, &[("round", &round.id)]),
        open => round.is_open(),
        closed => round.closing.as_ref().map(|c| say(Ui::ClosedNote, &[("at", &c.at)])),
        state => state,
        entered => outcome.entered,
        mistakes => outcome.mistakes,
        refusal => outcome.refusal,
    })
}
