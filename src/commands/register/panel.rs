//! `kriterium panel set FILE` and `kriterium panel show`: the panel the register holds — its
//! members with their declared affiliations, and the conflicts they declared by hand.
//!
//! Setting a panel keeps the earlier one (the register's history) and makes the new one every
//! open round's panel; since conflicts of interest decide whose reviews count and who stood
//! aside, the open rounds' applications are assessed again with it, in the same transaction.

use std::path::Path;

use anyhow::{Result, anyhow};
use kriterium_engine::panel::Panel;
use kriterium_engine::review::RefusalReason;
use kriterium_register::Access;

use super::book;
use super::words::{Words, count, say};
use super::{explain, open_register, unchanged, usable_pack};
use crate::Status;
use crate::messages;

/// Reads the panel file `file` and makes it the register's panel.
pub fn set(path: &Path, file: &Path) -> Result<Status> {
    let name = file.display().to_string();
    let text = std::fs::read_to_string(file).map_err(|e| {
        anyhow!(unchanged(&say(
            Words::CannotReadFile,
            &[
                ("file", &messages::quoted(&name)),
                ("error", &e.to_string())
            ]
        )))
    })?;
    let panel = Panel::from_toml(&name, &text).map_err(|problem| anyhow!(unchanged(&problem)))?;
    let mut register = open_register(path, Access::Write)?;
    let lang = messages::lang();
    let mut all = Vec::new();
    let mut notes = Vec::new();
    for round in register.rounds().map_err(explain)? {
        if round.closing.is_some() {
            continue;
        }
        let pack = usable_pack(&register, &round)?;
        let basis = register.round_basis(&round.id).map_err(explain)?;
        let book = book::with_panel(&register, &pack.manifest, panel.clone(), &basis.entries)?;
        let (versions, outcomes) = book::reassess(&register, &round, &pack, &book, basis)?;
        for outcome in &outcomes {
            if let kriterium_engine::batch::Outcome::Assessed(a) = outcome {
                for refusal in &a.refused {
                    if let RefusalReason::Conflict(conflict) = &refusal.reason {
                        notes.push(say(
                            Words::ReviewNoLongerCounts,
                            &[
                                ("round", &messages::quoted(&round.id)),
                                ("reviewer", &messages::quoted(&refusal.review.reviewer)),
                                ("id", &messages::quoted(&refusal.review.application_id)),
                                ("reason", &conflict.text(lang)),
                            ],
                        ));
                    }
                }
            }
        }
        notes.extend(super::decided::note(
            &round.id,
            &super::decided::changed_by(&register, &versions)?,
        ));
        all.push(versions);
    }
    register.set_panel(&name, &text, &all).map_err(explain)?;
    notes.sort();
    notes.dedup();
    for note in &notes {
        errln!("{note}");
    }
    let rounds: Vec<String> = all.iter().map(|v| messages::quoted(&v.round)).collect();
    outln!(
        "{}",
        say(
            Words::PanelSet,
            &[
                (
                    "members",
                    &count(panel.members.len(), Words::MemberOne, Words::MemberMany)
                ),
                (
                    "conflicts",
                    &count(
                        panel.conflicts.len(),
                        Words::DeclaredConflictOne,
                        Words::DeclaredConflictMany
                    )
                ),
                (
                    "rounds",
                    &if rounds.is_empty() {
                        say(Words::NoOpenRounds, &[])
                    } else {
                        rounds.join(", ")
                    }
                ),
            ]
        )
    );
    Ok(Status::Ok)
}

/// Shows the panel set last, and how many were set before it.
pub fn show(path: &Path) -> Result<Status> {
    let register = open_register(path, Access::Read)?;
    let panels = register.panels().map_err(explain)?;
    let Some(record) = panels.last() else {
        outln!("{}", say(Words::NoPanel, &[]));
        return Ok(Status::Ok);
    };
    let panel = book::panel(&register, record.id)?;
    outln!(
        "{}",
        say(
            Words::PanelHeading,
            &[
                ("file", &messages::quoted(&record.file)),
                ("at", &record.set_at),
                ("by", &record.set_by),
                ("earlier", &(panels.len() - 1).to_string()),
            ]
        )
    );
    for member in &panel.members {
        let mut parts = Vec::new();
        let organisations: Vec<String> = member
            .organisations
            .iter()
            .map(|o| match &o.cvr {
                Some(cvr) => format!("{} (CVR {cvr})", o.name),
                None => o.name.clone(),
            })
            .collect();
        for (words, items) in [
            (Words::Organisations, organisations),
            (Words::Municipalities, member.municipalities.clone()),
            (Words::Roles, member.roles.clone()),
        ] {
            if !items.is_empty() {
                parts.push(format!("{}: {}", say(words, &[]), items.join(", ")));
            }
        }
        outln!("  {} — {}", member.name, parts.join("; "));
    }
    if !panel.conflicts.is_empty() {
        outln!("{}", say(Words::DeclaredConflicts, &[]));
        for conflict in &panel.conflicts {
            outln!(
                "  {}, {}: {}",
                conflict.member,
                conflict.application,
                conflict.reason
            );
        }
    }
    Ok(Status::Ok)
}
