//! The app's state and its routes: which page answers which address.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use anyhow::Result;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::middleware;
use axum::routing::{get, post};

use super::{access, deciding, page, rounds, tune};
use crate::commands::register::explain;
use crate::commands::register::standing::Standing;
use kriterium_register::Register;

/// A round's standing and the ledger head it was worked out at.
type Kept = (Option<String>, Arc<Standing>);

/// What every request shares: the register's path, the tokens and the page templates.
pub struct App {
    /// The register file, opened anew by each request.
    pub register: PathBuf,
    /// The port on 127.0.0.1 the app listens on: the only origin its pages come from.
    pub port: u16,
    /// The language of the pages and messages (`da`, `en`, `sv`).
    pub lang: String,
    /// The access token (64 hex digits) of the printed address, then of the session cookie.
    pub token: String,
    /// The token every form carries (64 hex digits), so a page of another site cannot post one.
    pub csrf: String,
    /// Each round's standing as last worked out, with the ledger head it was worked out at: a
    /// slider move re-ranks from it instead of reading and parsing every stored assessment
    /// again. A change to the register moves the head, and the standing is worked out anew.
    standings: Mutex<BTreeMap<String, Kept>>,
}

impl App {
    /// A new app on `port` with fresh random tokens.
    ///
    /// Errors: the operating system's random generator cannot be read.
    pub fn new(register: PathBuf, port: u16, lang: &str) -> Result<App> {
        Ok(App {
            register,
            port,
            lang: lang.to_string(),
            token: access::random_token()
                .map_err(|e| anyhow::anyhow!("cannot make an access token: {e}"))?,
            csrf: access::random_token()
                .map_err(|e| anyhow::anyhow!("cannot make a form token: {e}"))?,
            standings: Mutex::new(BTreeMap::new()),
        })
    }

    /// Round `id`'s standing (`Standing::of`), from the cache while the register's ledger head
    /// is the one it was worked out at.
    ///
    /// Errors: the register cannot be read, or the round cannot be ranked.
    pub fn standing(&self, register: &Register, id: &str) -> Result<Arc<Standing>> {
        let head = register.ledger_head().map_err(explain)?;
        if let Ok(cache) = self.standings.lock()
            && let Some((at, standing)) = cache.get(id)
            && *at == head
        {
            return Ok(standing.clone());
        }
        let standing = Arc::new(Standing::of(register, id)?);
        // A poisoned lock (a panic elsewhere while holding it) only costs the cache.
        if let Ok(mut cache) = self.standings.lock() {
            cache.insert(id.to_string(), (head, standing.clone()));
        }
        Ok(standing)
    }

    /// The address to open, with the access token: what `kriterium serve` prints.
    pub fn entry_url(&self) -> String {
        format!("http://127.0.0.1:{}/?token={}", self.port, self.token)
    }
}

/// Largest form the app reads, in bytes: a decision's reason and a few fields fit many times
/// over; anything larger is refused with a message before it is read whole.
pub const FORM_LIMIT: usize = 64 * 1024;

/// The routes. Every request passes [`access::check`] first (host, token, origin).
pub fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(rounds::list))
        .route("/rounds/{round}", get(rounds::show))
        .route(
            "/rounds/{round}/applications/{app}",
            get(deciding::application),
        )
        .route(
            "/rounds/{round}/applications/{app}/decision",
            post(deciding::decision),
        )
        .route(
            "/rounds/{round}/applications/{app}/letter.pdf",
            get(deciding::letter_pdf),
        )
        .route(
            "/rounds/{round}/applications/{app}/letter.html",
            get(deciding::letter_html),
        )
        .route(
            "/rounds/{round}/reviews/template.xlsx",
            get(deciding::reviews::template),
        )
        .route(
            "/rounds/{round}/reviews",
            get(deciding::reviews::page)
                .post(deciding::reviews::upload)
                .layer(DefaultBodyLimit::max(deciding::reviews::UPLOAD_LIMIT)),
        )
        .route("/rounds/{round}/tune", get(tune::page))
        .route("/rounds/{round}/tune/changes", get(tune::changes_fragment))
        .route("/rounds/{round}/tune/save", post(tune::save_version))
        .route("/style.css", get(page::style))
        .route("/app.js", get(page::script))
        .fallback(page::not_found)
        .method_not_allowed_fallback(page::method_not_allowed)
        .layer(DefaultBodyLimit::max(FORM_LIMIT))
        .layer(middleware::from_fn_with_state(app.clone(), access::check))
        .with_state(app)
}
