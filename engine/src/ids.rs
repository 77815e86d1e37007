//! One id, one application: the rule for ids that several inputs claim.
//!
//! An application's id is how a decision, a ranking row and a later `verify` find it, so an id
//! must name exactly one input. When several inputs of a run claim the same id, which one is
//! meant cannot be told, so **every** input that claims it is rejected — the valid ones and the
//! invalid ones alike — and each names all the places the id is used. An input *claims* the id
//! it writes in its top-level `id` member whenever that is a string, even when the application
//! is otherwise invalid: a valid copy must not pass because its twin has a typo elsewhere. Text
//! that is not JSON (a syntax error anywhere) claims no id, as nothing in it can be relied on.
//! Ids are compared exactly, as written.
//! `validate`, `batch`, `diff` and `sensitivity` all apply this one rule through [`shared`].

use serde::Deserialize;

use crate::problem::{Arg, Message, Problem, Wording};
use crate::text;

/// Longest id, in bytes, an input is taken to claim. The schema allows 64 characters; a longer
/// string is rejected anyway, and not keeping megabytes of it per input bounds the memory a
/// run's ids take.
pub const MAX_CLAIMED_ID_BYTES: usize = 1024;

/// Most places a shared-id message lists before saying how many more there are.
const MAX_PLACES_NAMED: usize = 10;

/// One input as the rule sees it: where it is, its position in reading order, the id it claims.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Claim<'a> {
    /// The input's file, as in its problems.
    pub source: &'a str,
    /// Its line in a JSON Lines input.
    pub line: Option<usize>,
    /// The id it claims.
    pub id: &'a str,
}

impl Claim<'_> {
    fn place(&self) -> String {
        crate::input::place(self.source, self.line)
    }
}

/// The id an application's JSON text claims: its top-level `id` when that is a string (of at
/// most [`MAX_CLAIMED_ID_BYTES`]), whatever else is wrong with the application. `None` when the
/// text is not a JSON object, has no string `id`, or names `id` twice.
pub fn claimed_id(text: &str) -> Option<String> {
    /// Only `id` is kept; every other member is skipped without being built.
    #[derive(Deserialize)]
    struct IdOnly {
        id: Option<serde_json::Value>,
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match serde_json::from_str::<IdOnly>(text).ok()?.id? {
        serde_json::Value::String(id) if id.len() <= MAX_CLAIMED_ID_BYTES => Some(id),
        _ => None,
    }
}

/// Applies the rule to `claims`, one per input in reading order (`None` for an input that
/// claims no id): every input whose id another input also claims, by its index in `claims`, with
/// the problem to report (at the pointer `/id`, naming every place the id is used, in reading
/// order). The caller rejects each such input, or adds the problem to one rejected already.
pub fn shared(claims: &[Option<Claim<'_>>]) -> Vec<(usize, Problem)> {
    shared_among(claims.len(), |i| claims[i].clone())
}

/// [`shared`] over `count` inputs whose claims `claim(i)` gives (`i` in reading order), for a
/// caller that holds them in another shape: a batch of a million applications should not also
/// hold a million claims. `claim` is called several times per input and must give the same
/// answer each time.
pub fn shared_among<'a>(
    count: usize,
    claim: impl Fn(usize) -> Option<Claim<'a>>,
) -> Vec<(usize, Problem)> {
    let id = |i: usize| claim(i).map(|c| c.id);
    // The claiming inputs sorted by id, each id's in reading order: an id's inputs stand
    // together. One index per input (a map of ids to lists took ten times the memory).
    let mut claiming: Vec<usize> = (0..count).filter(|&i| id(i).is_some()).collect();
    claiming.sort_unstable_by(|&a, &b| id(a).cmp(&id(b)).then(a.cmp(&b)));
    let mut problems = Vec::new();
    for group in claiming.chunk_by(|&a, &b| id(a) == id(b)) {
        if group.len() < 2 {
            continue;
        }
        let places: Vec<Claim<'a>> = group.iter().filter_map(|&i| claim(i)).collect();
        let message = message(places[0].id, &places);
        for (&i, claim) in group.iter().zip(&places) {
            problems.push((
                i,
                Problem {
                    line: claim.line,
                    ..Problem::at_pointer(claim.source, "/id", message.clone())
                },
            ));
        }
    }
    problems.sort_by_key(|(i, _)| *i);
    problems
}

/// "the id `X` is used by 3 inputs (a.json, b.json, c.jsonl:4); an id must name one
/// application", naming at most [`MAX_PLACES_NAMED`] places.
fn message(id: &str, group: &[Claim<'_>]) -> Message {
    let mut places: Vec<Message> = group
        .iter()
        .take(MAX_PLACES_NAMED)
        .map(|claim| Message::plain(claim.place()))
        .collect();
    if group.len() > MAX_PLACES_NAMED {
        places.push(Message::of(Wording::AndMore).with("count", group.len() - MAX_PLACES_NAMED));
    }
    Message::of(Wording::IdShared)
        .with("id", text::quote(id))
        .with("count", group.len())
        .with("places", Arg::Joined(places, ", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim<'a>(source: &'a str, line: Option<usize>, id: &'a str) -> Option<Claim<'a>> {
        Some(Claim { source, line, id })
    }

    #[test]
    fn every_input_sharing_an_id_gets_the_same_problem_naming_all_places() {
        let claims = [
            claim("a.json", None, "X"),
            claim("b.json", None, "Y"),
            None,
            claim("all.jsonl", Some(3), "X"),
        ];
        let found: Vec<(usize, String)> = shared(&claims)
            .into_iter()
            .map(|(i, p)| (i, p.to_string()))
            .collect();
        let message = "/id: the id `X` is used by 2 inputs (a.json, all.jsonl:3); an id must name one application";
        assert_eq!(
            found,
            vec![
                (0, format!("a.json: {message}")),
                (3, format!("all.jsonl:3: {message}")),
            ]
        );
    }

    #[test]
    fn a_long_list_of_places_is_cut() {
        let claims: Vec<_> = (1..=12).map(|l| claim("x.jsonl", Some(l), "X")).collect();
        let found = shared(&claims);
        let message = found[11].1.message.to_string();
        let danish = found[11].1.message.render("da");
        assert!(
            danish.contains("x.jsonl:10, og 2 flere); et id skal høre til én ansøgning"),
            "{danish}"
        );
        assert!(
            message.contains("x.jsonl:10, and 2 more); an id must"),
            "{message}"
        );
    }

    #[test]
    fn the_id_is_read_from_an_application_that_is_otherwise_invalid() {
        assert_eq!(
            claimed_id(r#"{"title": 5, "id": "A-1", "budget": "many"}"#),
            Some("A-1".to_string())
        );
        assert_eq!(claimed_id(r#"{"id": 7}"#), None);
        assert_eq!(claimed_id(r#"{"id": "A", "id": "B"}"#), None);
        assert_eq!(claimed_id(r#"{"id": "A", "#), None);
        assert_eq!(claimed_id("[1]"), None);
        let long = format!(r#"{{"id": "{}"}}"#, "x".repeat(MAX_CLAIMED_ID_BYTES + 1));
        assert_eq!(claimed_id(&long), None);
    }
}
