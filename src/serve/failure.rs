//! A request the app cannot answer as asked, as a page in the user's words with its HTTP
//! status: refused access, a form it cannot read, a change the register refuses, a page that
//! does not exist. Never a panic, never Rust's or a library's own text alone.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};

use super::page;
use super::words::Ui;

/// Why a request was not done, and what status says so.
#[derive(Debug)]
pub struct Failure {
    pub status: StatusCode,
    /// The page's heading.
    pub title: Ui,
    /// What happened and what to do, in words (may be empty when the title says it all).
    pub detail: String,
}

impl Failure {
    pub fn new(status: StatusCode, title: Ui, detail: String) -> Failure {
        Failure {
            status,
            title,
            detail,
        }
    }

    /// The register or a command refused the change, in its own words (which end by saying
    /// nothing changed): 409, as the request was fine but the register's state says no.
    pub fn refused(error: &anyhow::Error) -> Failure {
        Failure::new(StatusCode::CONFLICT, Ui::Refused, chain(error))
    }

    /// The register cannot be used, or the work failed: 500 with the reason in words.
    pub fn failed(error: &anyhow::Error) -> Failure {
        Failure::new(StatusCode::INTERNAL_SERVER_ERROR, Ui::Failed, chain(error))
    }

    /// A form that cannot be read: 400 with what was wrong.
    pub fn bad_form(detail: String) -> Failure {
        Failure::new(StatusCode::BAD_REQUEST, Ui::BadForm, detail)
    }
}

/// An error and its causes, one sentence after another.
fn chain(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(|cause| cause.to_string())
        .collect::<Vec<_>>()
        .join(": ")
}

impl IntoResponse for Failure {
    fn into_response(self) -> Response {
        let body = page::failure_page(&self);
        (self.status, Html(body)).into_response()
    }
}

/// A result of a page: the page, or why not.
pub type Answer = Result<Response, Failure>;
