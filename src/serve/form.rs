//! A posted form, read whole (at most [`FORM_LIMIT`](super::app::FORM_LIMIT) bytes), checked
//! for the app's CSRF token, and kept as its name–value pairs in order. Every way a post can be
//! wrong is a [`Failure`] saying so in words: not a form, too large, not UTF-8, no token, a
//! field missing or given twice. Nothing is assumed about which fields a stranger sends.

use std::sync::Arc;

use axum::extract::{FromRequest, Request};
use axum::http::{StatusCode, header};

use super::App;
use super::access::same_token;
use super::app::FORM_LIMIT;
use super::failure::Failure;
use super::words::{Ui, say};

/// The name of the field that carries the CSRF token in every form.
pub const CSRF_FIELD: &str = "csrf";

/// A form posted from one of the app's pages.
#[derive(Debug, Clone)]
pub struct Posted {
    fields: Vec<(String, String)>,
}

impl FromRequest<Arc<App>> for Posted {
    type Rejection = Failure;

    async fn from_request(request: Request, app: &Arc<App>) -> Result<Self, Self::Rejection> {
        let is_form = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| {
                v.split(';').next().is_some_and(|t| {
                    t.trim()
                        .eq_ignore_ascii_case("application/x-www-form-urlencoded")
                })
            });
        if !is_form {
            return Err(Failure::bad_form(say(Ui::FormNotForm, &[])));
        }
        let bytes = axum::body::to_bytes(request.into_body(), FORM_LIMIT)
            .await
            .map_err(|_| {
                Failure::new(
                    StatusCode::PAYLOAD_TOO_LARGE,
                    Ui::BadForm,
                    say(
                        Ui::FormTooLarge,
                        &[("limit", &format!("{} KiB", FORM_LIMIT / 1024))],
                    ),
                )
            })?;
        Posted::parse(&bytes, &app.csrf)
    }
}

impl Posted {
    /// The pairs of `body` (`application/x-www-form-urlencoded`), if it carries `csrf`.
    pub fn parse(body: &[u8], csrf: &str) -> Result<Posted, Failure> {
        let fields = pairs(body).ok_or_else(|| Failure::bad_form(say(Ui::FormNotText, &[])))?;
        let posted = Posted { fields };
        let tokens = posted.all(CSRF_FIELD);
        if tokens.len() != 1 || !same_token(tokens[0], csrf) {
            return Err(Failure::new(
                StatusCode::FORBIDDEN,
                Ui::BadForm,
                say(Ui::FormNoCsrf, &[]),
            ));
        }
        Ok(posted)
    }

    /// Every value of `name`, in the form's order.
    pub fn all(&self, name: &str) -> Vec<&str> {
        self.fields
            .iter()
            .filter(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The one value of `name`, if the form has it; given twice is refused.
    pub fn optional(&self, name: &str) -> Result<Option<&str>, Failure> {
        match self.all(name).as_slice() {
            [] => Ok(None),
            [one] => Ok(Some(one)),
            _ => Err(Failure::bad_form(say(
                Ui::FormTwice,
                &[("field", &crate::messages::quoted(name))],
            ))),
        }
    }

    /// The one value of `name`; missing or given twice is refused.
    pub fn one(&self, name: &str) -> Result<&str, Failure> {
        self.optional(name)?.ok_or_else(|| {
            Failure::bad_form(say(
                Ui::FormMissing,
                &[("field", &crate::messages::quoted(name))],
            ))
        })
    }

    /// Every pair, in the form's order.
    pub fn fields(&self) -> &[(String, String)] {
        &self.fields
    }
}

/// The name–value pairs of an `application/x-www-form-urlencoded` body (`+` a space, `%XX` a
/// byte), or `None` when a name or value is not UTF-8 once decoded.
pub(super) fn pairs(body: &[u8]) -> Option<Vec<(String, String)>> {
    let decode = |raw: &[u8]| -> Option<String> {
        let spaced: Vec<u8> = raw
            .iter()
            .map(|&b| if b == b'+' { b' ' } else { b })
            .collect();
        let bytes: Vec<u8> = percent_encoding::percent_decode(&spaced).collect();
        String::from_utf8(bytes).ok()
    };
    body.split(|&b| b == b'&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = match pair.iter().position(|&b| b == b'=') {
                Some(i) => (&pair[..i], &pair[i + 1..]),
                None => (pair, &b""[..]),
            };
            Some((decode(name)?, decode(value)?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "abc";

    #[test]
    fn a_form_without_its_token_or_with_another_is_refused() {
        assert_eq!(
            Posted::parse(b"a=1", TOKEN).unwrap_err().status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            Posted::parse(b"a=1&csrf=abd", TOKEN).unwrap_err().status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            Posted::parse(b"csrf=abc&csrf=abc", TOKEN)
                .unwrap_err()
                .status,
            StatusCode::FORBIDDEN
        );
    }

    #[test]
    fn fields_are_read_in_order_and_a_field_twice_is_refused() {
        let posted = Posted::parse(b"w=1&csrf=abc&w=2&r=%C3%A6+x", TOKEN).unwrap();
        assert_eq!(posted.all("w"), ["1", "2"]);
        assert_eq!(posted.one("r").unwrap(), "æ x");
        assert!(posted.one("w").is_err());
        assert!(posted.one("missing").is_err());
        assert_eq!(posted.optional("missing").unwrap(), None);
    }

    #[test]
    fn bytes_that_are_not_utf8_are_refused_as_not_text() {
        let failure = Posted::parse(b"csrf=abc&r=%FF", TOKEN).unwrap_err();
        assert_eq!(failure.status, StatusCode::BAD_REQUEST);
    }

    /// Random bodies (a seeded xorshift, so every run the same 20,000): `parse` answers each
    /// with pairs or a failure of status 400 or 403, never a panic; and what it reads carries
    /// the token exactly once.
    #[test]
    fn random_bodies_never_panic_and_fail_only_as_400_or_403() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            state.wrapping_mul(0x2545_F491_4F6C_DD1D)
        };
        let alphabet = b"csrf=abc&%+=0123456789ABCDEFabcdef\xc3\xa6\xff \x00";
        let mut accepted = 0;
        for _ in 0..20_000 {
            let len = (next() % 64) as usize;
            let mut body: Vec<u8> = (0..len)
                .map(|_| {
                    let r = next();
                    if r % 5 == 0 {
                        r as u8
                    } else {
                        alphabet[(r >> 8) as usize % alphabet.len()]
                    }
                })
                .collect();
            if next() % 2 == 0 {
                body.extend_from_slice(b"&csrf=abc");
            }
            match Posted::parse(&body, TOKEN) {
                Ok(posted) => {
                    accepted += 1;
                    assert_eq!(posted.all(CSRF_FIELD), [TOKEN]);
                }
                Err(failure) => assert!(
                    failure.status == StatusCode::BAD_REQUEST
                        || failure.status == StatusCode::FORBIDDEN,
                    "{failure:?}"
                ),
            }
        }
        assert!(accepted > 100, "only {accepted} bodies read");
    }
}
