//! Decisions stand on the assessment they were made on. When `reviews add` or `panel set` give
//! an application that already has a decision a new assessment, the decision is not changed:
//! it keeps the assessment it names (register version 3), its letter states that one, and
//! `decide` again decides on the new one. This module finds such applications and says so.

use anyhow::Result;
use kriterium_register::{Register, Versions, ledger};

use super::standing::Standing;
use super::words::{Words, applications, quoted_list, say};
use crate::messages;

/// The decided applications of round `versions.round` whose assessment `versions` changes: each
/// has a current decision, and its new assessment differs both from its current assessment (so
/// it is a change) and from the one its decision was made on (so the decision no longer
/// matches it). Ids in ranking order.
pub fn changed_by(register: &Register, versions: &Versions) -> Result<Vec<String>> {
    let standing = Standing::of(register, &versions.round)?;
    let mut changed = Vec::new();
    for row in &standing.rows {
        let Some(decision) = &row.decision else {
            continue;
        };
        let Some((_, text, _)) = versions
            .assessments
            .iter()
            .find(|(id, _, _)| *id == row.application_id)
        else {
            continue;
        };
        let new = ledger::text_digest(text);
        let decided_on = decision.assessment_digest.as_deref();
        if new != row.assessment_digest && decided_on != Some(new.as_str()) {
            changed.push(row.application_id.clone());
        }
    }
    Ok(changed)
}

/// The note that `changed` (ids, from [`changed_by`]) in round `round` have a decision and now
/// a new assessment; `None` when there are none.
pub fn note(round: &str, changed: &[String]) -> Option<String> {
    if changed.is_empty() {
        return None;
    }
    Some(say(
        Words::DecidedReassessed,
        &[
            ("round", &messages::quoted(round)),
            ("count", &applications(changed.len())),
            ("list", &quoted_list(changed)),
        ],
    ))
}
