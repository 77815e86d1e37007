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

use crate::problem::Problem;
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

/// Applies the rule to `claims` (in reading order): for each claim, the problem to report when
/// another claim has the same id (at the pointer `/id`, naming every place it is used, in
/// reading order), `None` otherwise. The caller rejects every input that gets a problem, and
/// adds it to the problems of an input that is rejected already.
pub fn shared(claims: &[Claim<'_>]) -> Vec<Option<Problem>> {
    let mut by_id: std::collections::BTreeMap<&str, Vec<usize>> = Default::default();
    for (i, claim) in claims.iter().enumerate() {
        by_id.entry(claim.id).or_default().push(i);
    }
    let mut problems = vec![None; claims.len()];
    for (id, group) in by_id {
        if group.len() < 2 {
            continue;
        }
        let message = message(id, &group, claims);
        for &i in &group {
            problems[i] = Some(Problem {
                line: claims[i].line,
                ..Problem::at_pointer(claims[i].source, "/id", message.clone())
            });
        }
    }
    problems
}

/// "the id `X` is used by 3 inputs (a.json, b.json, c.jsonl:4); an id must name one
/// application", naming at most [`MAX_PLACES_NAMED`] places.
fn message(id: &str, group: &[usize], claims: &[Claim<'_>]) -> String {
    let mut places: Vec<String> = group
        .iter()
        .take(MAX_PLACES_NAMED)
        .map(|&i| claims[i].place())
        .collect();
    if group.len() > MAX_PLACES_NAMED {
        places.push(format!("and {} more", group.len() - MAX_PLACES_NAMED));
    }
    format!(
        "the id `{}` is used by {} inputs ({}); an id must name one application",
        text::quote(id),
        group.len(),
        places.join(", ")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn claim<'a>(source: &'a str, line: Option<usize>, id: &'a str) -> Claim<'a> {
        Claim { source, line, id }
    }

    #[test]
    fn every_input_sharing_an_id_gets_the_same_problem_naming_all_places() {
        let claims = [
            claim("a.json", None, "X"),
            claim("b.json", None, "Y"),
            claim("all.jsonl", Some(3), "X"),
        ];
        let found: Vec<Option<String>> = shared(&claims)
            .into_iter()
            .map(|p| p.map(|p| p.to_string()))
            .collect();
        let message = "/id: the id `X` is used by 2 inputs (a.json, all.jsonl:3); an id must name one application";
        assert_eq!(
            found,
            vec![
                Some(format!("a.json: {message}")),
                None,
                Some(format!("all.jsonl:3: {message}")),
            ]
        );
    }

    #[test]
    fn a_long_list_of_places_is_cut() {
        let claims: Vec<Claim<'_>> = (1..=12).map(|l| claim("x.jsonl", Some(l), "X")).collect();
        let found = shared(&claims);
        let message = &found[11].as_ref().unwrap().message;
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
