//! Who may use the app, and which requests may change anything.
//!
//! - **Host.** Only `127.0.0.1:PORT` and `localhost:PORT`: a page on another site that makes
//!   its own name point at 127.0.0.1 (DNS rebinding) is refused before anything else.
//! - **Access token.** The printed address carries `?token=…` (64 hex digits from the
//!   operating system's generator). Opening it sets a cookie with the token (HttpOnly,
//!   SameSite=Strict, this port's name) and sends the browser on to the same page without it,
//!   so the token does not stay in the address bar or the history. Every request needs the
//!   cookie or the token; without either the answer is 403 and a page saying how to get in.
//! - **Origin.** A request that can change something (not GET or HEAD) is refused when its
//!   `Origin` is another site's, or when the browser says it came from another site
//!   (`Sec-Fetch-Site: cross-site`).
//! - **CSRF token.** Every form carries the app's form token (another 64 hex digits, printed
//!   into the pages, never into the address); `form::Posted` refuses a post without it.
//!
//! Tokens are compared in constant time.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Redirect, Response};

use super::App;
use super::failure::Failure;
use super::words::Ui;

/// 32 random bytes as 64 lowercase hex digits.
///
/// Errors: the operating system's random generator cannot be read.
pub fn random_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Whether `given` is `expected`, in time that does not depend on where they differ.
pub fn same_token(given: &str, expected: &str) -> bool {
    given.len() == expected.len()
        && given
            .bytes()
            .zip(expected.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

/// The name of the app's cookie: one per port, so two apps on one machine do not clash.
pub fn cookie_name(app: &App) -> String {
    format!("kriterium-{}", app.port)
}

/// The middleware every request passes: host, token, origin (in that order).
pub async fn check(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let headers = request.headers();
    if !known_host(&app, headers) {
        return Failure::new(StatusCode::FORBIDDEN, Ui::ForeignHost, String::new()).into_response();
    }
    let query_token = request.uri().query().and_then(token_in_query);
    if let Some(given) = &query_token
        && same_token(given, &app.token)
    {
        // The address with the token: keep it in a cookie, and leave the address bar clean.
        let mut to = request.uri().path().to_string();
        if let Some(rest) = request.uri().query().map(without_token)
            && !rest.is_empty()
        {
            to.push('?');
            to.push_str(&rest);
        }
        let mut response = Redirect::to(&to).into_response();
        let cookie = format!(
            "{}={}; Path=/; HttpOnly; SameSite=Strict",
            cookie_name(&app),
            app.token
        );
        if let Ok(value) = HeaderValue::from_str(&cookie) {
            response.headers_mut().insert(header::SET_COOKIE, value);
        }
        return response;
    }
    let cookie_ok = cookie_token(headers, &cookie_name(&app))
        .is_some_and(|given| same_token(&given, &app.token));
    if !cookie_ok {
        let which = if query_token.is_some() {
            Ui::WrongToken
        } else {
            Ui::NoToken
        };
        return Failure::new(StatusCode::FORBIDDEN, which, String::new()).into_response();
    }
    if !matches!(*request.method(), Method::GET | Method::HEAD) && !same_origin(&app, headers) {
        return Failure::new(StatusCode::FORBIDDEN, Ui::ForeignOrigin, String::new())
            .into_response();
    }
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    // The pages are the app's own: no other site may frame them, no script from elsewhere
    // runs in them, and nothing is cached (a decision page must show the register as it is).
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
        ),
    );
    headers.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // `same-origin`, not `no-referrer`: under `no-referrer` Chromium sends `Origin: null` with
    // the pages' own form posts, which the origin check refuses (the browser test found it).
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("same-origin"),
    );
    headers
        .entry(header::CACHE_CONTROL)
        .or_insert(HeaderValue::from_static("no-store"));
    response
}

/// Whether the `Host` header names this app: `127.0.0.1:PORT` or `localhost:PORT`.
fn known_host(app: &App, headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(header::HOST).and_then(|h| h.to_str().ok()) else {
        return false;
    };
    let host = host.to_ascii_lowercase();
    host == format!("127.0.0.1:{}", app.port) || host == format!("localhost:{}", app.port)
}

/// Whether a changing request comes from the app's own pages: its `Origin`, when it has one,
/// is this app's, and the browser does not say it came from another site.
fn same_origin(app: &App, headers: &HeaderMap) -> bool {
    if let Some(site) = headers.get("sec-fetch-site")
        && site.as_bytes() == b"cross-site"
    {
        return false;
    }
    match headers.get(header::ORIGIN) {
        None => true,
        Some(origin) => {
            let origin = origin.to_str().unwrap_or("").to_ascii_lowercase();
            origin == format!("http://127.0.0.1:{}", app.port)
                || origin == format!("http://localhost:{}", app.port)
        }
    }
}

/// The value of `token=` in a query string.
fn token_in_query(query: &str) -> Option<String> {
    query
        .split('&')
        .find_map(|pair| pair.strip_prefix("token="))
        .map(str::to_string)
}

/// The query string without its `token=` pair.
fn without_token(query: &str) -> String {
    query
        .split('&')
        .filter(|pair| !pair.starts_with("token=") && !pair.is_empty())
        .collect::<Vec<_>>()
        .join("&")
}

/// The value of cookie `name`, from any `Cookie` header.
fn cookie_token(headers: &HeaderMap, name: &str) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|pair| {
            let (key, value) = pair.trim().split_once('=')?;
            (key == name).then(|| value.to_string())
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_64_hex_digits_and_differ() {
        let a = random_token().unwrap();
        let b = random_token().unwrap();
        assert_eq!(a.len(), 64);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }

    #[test]
    fn a_token_matches_only_itself() {
        assert!(same_token("abc", "abc"));
        assert!(!same_token("abd", "abc"));
        assert!(!same_token("ab", "abc"));
        assert!(!same_token("", "abc"));
    }

    #[test]
    fn the_token_leaves_the_query_and_the_rest_stays() {
        assert_eq!(token_in_query("a=1&token=xyz").as_deref(), Some("xyz"));
        assert_eq!(without_token("a=1&token=xyz&b=2"), "a=1&b=2");
        assert_eq!(without_token("token=xyz"), "");
    }
}
