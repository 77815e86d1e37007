//! `kriterium panel set FILE` and `kriterium panel show`: the panel the register holds — its
//! members with their declared affiliations, and the conflicts they declared by hand.
//!
//! Setting a panel keeps the earlier one (the register's history) and makes the new one every
//! open round's panel; since conflicts of interest decide whose reviews count and who stood
//! aside, the open rounds' applications are assessed again with it, in the same transaction.
//!
//! A file with problems is refused with every problem at once. What is likely a mistake but may
//! be right is said and set: a conflict declared for an application no open round has (it may
//! not have arrived yet), and an organisation with the applicant's name but another CVR number
//! (counted as a conflict, out of caution).

use std::collections::BTreeSet;
use std::path::Path;

use anyhow::{Result, anyhow};
use kriterium_engine::batch::Outcome;
use kriterium_engine::panel::{ConflictReason, Panel};
use kriterium_engine::problem::{Message, Problem, Problems};
use kriterium_engine::review::RefusalReason;
use kriterium_engine::text::{Kind, visible};
use kriterium_register::Access;

use super::book;
use super::words::{Words, count, say};
use super::{explain, open_register, unchanged, usable_pack};
use crate::Status;
use crate::messages;

kriterium_engine::translation_table! {
    /// What `panel set` says besides the register's common words.
    PanelWords {
    UnknownApplication => "Bemærk: panelfilen erklærer {member} inhabil i {id}, men ingen åben runde har en ansøgning med det id{hint} Inhabiliteten er gemt; tjek id'et, hvis ansøgningen allerede er modtaget.", "Note: the panel file declares {member} to have a conflict with {id}, but no open round has an application with that id{hint} The conflict is kept; check the id if the application has arrived.", "Obs: panelfilen anmäler {member} som jävig i {id}, men ingen öppen omgång har en ansökan med det id:t{hint} Jävet sparas; kontrollera id:t om ansökan redan har kommit in.";
    NoHint => ".", ".", ".";
    Hint => "; mente du {id}?", "; did you mean {id}?", "; menade du {id}?";
    OtherCvr => "Bemærk: i runde {round} regnes {member} som inhabil i {id}: {reason}. Tjek CVR-nummeret i panelfilen; er det forkert, så ret det og kør »kriterium panel set« igen.", "Note: in round {round}, {member} counts as having a conflict with {id}: {reason}. Check the CVR number in the panel file; if it is wrong, correct it and run `kriterium panel set` again.", "Obs: i omgång {round} räknas {member} som jävig i {id}: {reason}. Kontrollera CVR-numret i panelfilen; är det fel, rätta det och kör ”kriterium panel set” igen.";
    NotUtf8 => "linje {line} er ikke UTF-8-tekst; gem filen som UTF-8 (i Notesblok: »Gem som«, »Kodning: UTF-8«)", "line {line} is not UTF-8 text; save the file as UTF-8 (in Notepad: `Save as`, `Encoding: UTF-8`)", "rad {line} är inte UTF-8-text; spara filen som UTF-8 (i Anteckningar: ”Spara som”, ”Kodning: UTF-8”)";
    Problems => "{file} har {count} problemer, og panelet er ikke angivet:", "{file} has {count} problems, and the panel is not set:", "{file} har {count} problem, och panelen är inte angiven:";
    }
}

/// The refusal of a panel file with `problems`: one problem on the line of the error, several
/// each on a line of their own under a heading; then that the register is unchanged.
fn refused(name: &str, problems: Vec<Problem>) -> anyhow::Error {
    let lang = messages::lang();
    if problems.len() == 1 {
        return anyhow!(unchanged(&Problems(problems).display_in(lang).to_string()));
    }
    let heading = PanelWords::Problems.fill(
        lang,
        &[
            ("file", &messages::quoted(name)),
            ("count", &problems.len().to_string()),
        ],
    );
    let list: Vec<String> = problems
        .iter()
        .map(|p| format!("  {}", p.display_in(lang)))
        .collect();
    anyhow!(
        "{heading}\n{}\n{}",
        list.join("\n"),
        say(Words::NothingChanged, &[])
    )
}

/// Reads the panel file `file` and makes it the register's panel.
pub fn set(path: &Path, file: &Path) -> Result<Status> {
    let name = file.display().to_string();
    // The register first: until then messages follow the locale, and its rounds' language
    // (as every other register command speaks it) must word the file's problems too.
    let mut register = open_register(path, Access::Write)?;
    let lang = messages::lang();
    let cannot_read = |error: &str| {
        anyhow!(unchanged(&say(
            Words::CannotReadFile,
            &[("file", &messages::quoted(&name)), ("error", error)]
        )))
    };
    let bytes = std::fs::read(file).map_err(|e| cannot_read(&Message::io(&e).render(lang)))?;
    // A panel file is edited by hand, often in Notepad: one saved in another encoding is named
    // with the line where it stops being UTF-8 and how to save it, not as a stream error.
    let text = String::from_utf8(bytes).map_err(|e| {
        let valid = &e.as_bytes()[..e.utf8_error().valid_up_to()];
        let line = valid.iter().filter(|&&b| b == b'\n').count() + 1;
        cannot_read(&PanelWords::NotUtf8.fill(lang, &[("line", &line.to_string())]))
    })?;
    let panel = Panel::from_toml(&name, &text).map_err(|problems| refused(&name, problems))?;
    let mut all = Vec::new();
    let mut notes = Vec::new();
    let mut known_ids = BTreeSet::new();
    for round in register.rounds().map_err(explain)? {
        if round.closing.is_some() {
            continue;
        }
        let pack = usable_pack(&register, &round)?;
        let basis = register.round_basis(&round.id).map_err(explain)?;
        let book = book::with_panel(&register, &pack.manifest, panel.clone(), &basis.entries)?;
        let (versions, outcomes) = book::reassess(&register, &round, &pack, &book, basis)?;
        for outcome in &outcomes {
            if let Outcome::Assessed(a) = outcome {
                for refusal in &a.refused {
                    if let RefusalReason::Conflict(conflict) = &refusal.reason {
                        notes.push(say(
                            Words::ReviewNoLongerCounts,
                            &[
                                ("round", &messages::quoted(&round.id)),
                                // "Karen Vestergaards": the genitive on the name itself.
                                ("reviewer", &visible(&refusal.review.reviewer, Kind::Line)),
                                ("id", &messages::quoted(&refusal.review.application_id)),
                                // The round's pack's language, as `say` words the rest.
                                ("reason", &conflict.text(messages::lang())),
                            ],
                        ));
                    }
                }
                notes.extend(other_cvr_notes(&round.id, a));
            }
        }
        notes.extend(super::decided::note(
            &round.id,
            &super::decided::changed_by(&register, &versions)?,
        ));
        known_ids.extend(versions.assessments.iter().map(|(id, ..)| id.clone()));
        all.push(versions);
    }
    notes.extend(unknown_application_notes(&panel, &known_ids));
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

/// A note for each member counted as having a conflict with the assessed application `a` of
/// round `round` because an organisation has its name but another CVR number.
fn other_cvr_notes(round: &str, a: &kriterium_engine::batch::Assessed) -> Vec<String> {
    let lang = messages::lang();
    let Some(reviews) = &a.decision.reviews else {
        return Vec::new();
    };
    reviews
        .stood_aside
        .iter()
        .filter(|s| matches!(s.reason, ConflictReason::SameNameOtherCvr { .. }))
        .map(|stood| {
            PanelWords::OtherCvr.fill(
                lang,
                &[
                    ("round", &messages::quoted(round)),
                    ("member", &messages::quoted(&stood.member)),
                    ("id", &messages::quoted(&a.decision.application_id)),
                    ("reason", &stood.text(lang)),
                ],
            )
        })
        .collect()
}

/// A note for each application a conflict of `panel` names that no open round has
/// (`known`), with the closest known id when one is close: a typo in an id would otherwise
/// drop the conflict without a word.
fn unknown_application_notes(panel: &Panel, known: &BTreeSet<String>) -> Vec<String> {
    let lang = messages::lang();
    panel
        .conflicts
        .iter()
        .filter(|c| !known.contains(c.application.trim()))
        .map(|c| {
            let hint = kriterium_engine::suggest::closest(
                c.application.trim(),
                known.iter().map(String::as_str),
            )
            .map_or_else(
                || PanelWords::NoHint.text(lang).to_string(),
                |id| PanelWords::Hint.fill(lang, &[("id", &messages::quoted(id))]),
            );
            PanelWords::UnknownApplication.fill(
                lang,
                &[
                    ("member", &messages::quoted(&c.member)),
                    ("id", &messages::quoted(c.application.trim())),
                    ("hint", &hint),
                ],
            )
        })
        .collect()
}

/// Shows the panel set last, and how many were set before it.
pub fn show(path: &Path) -> Result<Status> {
    let register = open_register(path, Access::Read)?;
    let panels = register.panels().map_err(explain)?;
    let Some(record) = panels.last() else {
        outln!("{}", say(Words::NoPanel, &[]));
        return Ok(Status::Ok);
    };
    let panel = book::read_panel(record)?;
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
        if parts.is_empty() {
            outln!("  {}", member.name);
        } else {
            outln!("  {} — {}", member.name, parts.join("; "));
        }
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
