//! `kriterium reviews template|add|show ROUND`: reviewers' scores of a round.
//!
//! `template` writes the sheet to fill in (intake's `review_template`): a row per application
//! and reviewed criterion, the rubric on a second sheet; for one reviewer, the applications
//! they have a conflict of interest with are left out and said so. `add` reads filled sheets
//! (intake's `read_review_sheets`: every bad cell reported), refuses a reviewer not on the panel
//! and a review from a member with a conflict (naming the cell and the reason), and stores them
//! all or nothing: each reviewer's new sheet replaces their earlier reviews of the round, which
//! stay in the history; the round's applications are assessed again with the reviews in force
//! and the changed assessments stored as new versions, in the same transaction. `show` says per
//! reviewer and criterion their leniency against the panel, which applications reviewers
//! disagree on, and how many await review.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use anyhow::{Result, anyhow, bail};
use kriterium_engine::batch::Outcome;
use kriterium_engine::decision::{Decision, Recommendation};
use kriterium_engine::manifest::Calibration;
use kriterium_engine::review::{RefusalReason, Review, ReviewBook};
use kriterium_engine::text;
use kriterium_intake::reviews::{ReviewForm, TemplateRow, review_template, review_template_csv};
use kriterium_register::{Access, NewReview, Register, Round};

use super::super::output::{CannotStore, OutputFile};
use super::super::review_book::{self, Column, Mistakes, Place, ReadSheets};
use super::book;
use super::show::layout;
use super::standing::Standing;
use super::words::{Words, count, say};
use super::{explain, open_register, unchanged, usable_pack};
use crate::Status;
use crate::args::ListFormat;
use crate::messages;

kriterium_engine::translation_table! {
    /// What `reviews template` and `reviews show` say beyond the register's words.
    TemplateWords {
        OutExists => "{out} findes allerede; vælg et andet navn, eller skriv --force for at overskrive den (et udfyldt ark i den går tabt)", "{out} exists already; choose another name, or give --force to overwrite it (a filled-in sheet in it is lost)", "{out} finns redan; välj ett annat namn, eller ange --force för att skriva över den (ett ifyllt blad i den går förlorat)";
        OutIsFolder => "{out} er en mappe; skriv navnet på den fil, arket skal skrives til, fx --out bedoemmelser.xlsx", "{out} is a folder; give the name of the file to write the sheet to, e.g. --out reviews.xlsx", "{out} är en mapp; ange namnet på filen som bladet ska skrivas till, t.ex. --out bedomningar.xlsx";
        OutExtension => "{out}: bedømmelsesarket skrives som .xlsx (med vejledningen på et ark for sig) eller .csv; skriv fx --out bedoemmelser.xlsx", "{out}: the review sheet is written as .xlsx (with the guidance on a sheet of its own) or .csv; write e.g. --out reviews.xlsx", "{out}: bedömningsbladet skrivs som .xlsx (med vägledningen på ett eget blad) eller .csv; skriv t.ex. --out bedomningar.xlsx";
        CsvNoGuidance => "CSV-filen har ét ark, så vejledningen til bedømmerne er ikke med; skriv --out …xlsx for at få den med", "a CSV file has one sheet, so the reviewers' guidance is not in it; write --out …xlsx to include it", "CSV-filen har ett blad, så vägledningen till bedömarna finns inte med; skriv --out …xlsx för att få med den";
    }
}

/// The file formats a review template is written in.
enum TemplateFormat {
    Xlsx,
    Csv,
}

/// The format `out` asks for by its extension, after checking that `out` may be written:
/// refused when it exists (unless `force`), is a folder, or ends in neither `.xlsx` nor `.csv`.
fn template_format(out: &Path, force: bool) -> Result<TemplateFormat> {
    let lang = messages::lang();
    let shown = messages::quoted(&out.display().to_string());
    if out.is_dir() {
        bail!(TemplateWords::OutIsFolder.fill(lang, &[("out", &shown)]));
    }
    let name = out
        .file_name()
        .map(|n| n.to_string_lossy().to_lowercase())
        .unwrap_or_default();
    let format = if name.ends_with(".xlsx") {
        TemplateFormat::Xlsx
    } else if name.ends_with(".csv") {
        TemplateFormat::Csv
    } else {
        bail!(TemplateWords::OutExtension.fill(lang, &[("out", &shown)]));
    };
    if !force && out.exists() {
        bail!(TemplateWords::OutExists.fill(lang, &[("out", &shown)]));
    }
    Ok(format)
}

/// The applications of round `round` with their current assessments, in the order received.
fn current(register: &Register, round: &Round) -> Result<Vec<Decision>> {
    let mut decisions = Vec::new();
    let mut unreadable = None;
    register
        .for_each_current(&round.id, &mut |stored| {
            match serde_json::from_str::<Decision>(&stored.assessment) {
                Ok(decision) => decisions.push(decision),
                Err(e) => {
                    unreadable.get_or_insert((stored.application_id, e.to_string()));
                }
            }
            Ok(())
        })
        .map_err(explain)?;
    if let Some((id, problem)) = unreadable {
        bail!(say(
            Words::AssessmentUnreadable,
            &[
                ("round", &messages::quoted(&round.id)),
                ("id", &messages::quoted(&id)),
                ("problem", &problem)
            ]
        ));
    }
    Ok(decisions)
}

/// Refuses `reviewer` when round `round`'s panel does not have them (or there is no panel).
fn on_panel(register: &Register, round: &Round, reviewer: &str) -> Result<()> {
    let Some(panel) = book::round_panel(register, &round.id)? else {
        bail!(unchanged(&say(
            Words::NoPanelForRound,
            &[("round", &messages::quoted(&round.id))]
        )));
    };
    if panel.has_member(reviewer) {
        return Ok(());
    }
    bail!(super::words::not_on_panel(&panel, reviewer))
}

/// A review sheet to fill in, made by [`Template::of`].
pub struct Template {
    /// The sheet's bytes (XLSX or CSV).
    pub bytes: Vec<u8>,
    /// Applications on the sheet.
    pub rows: usize,
    /// Applications left out as ineligible.
    pub ineligible: usize,
    /// Applications left out for the reviewer's conflict of interest, each with the reason.
    pub left_out: Vec<String>,
}

impl Template {
    /// Round `id`'s review sheet as XLSX (`xlsx`) or CSV, for `reviewer` (their conflicts left
    /// out) or anyone, in `lang` (the round's when `None`). A closed round takes no reviews,
    /// so it has no template.
    ///
    /// Errors: no such or a closed round; an unusable pack; a reviewer not on the panel.
    pub fn of(
        register: &Register,
        id: &str,
        reviewer: Option<&str>,
        lang: Option<&str>,
        xlsx: bool,
    ) -> Result<Template> {
        let round = super::open_round_of(register, id)?;
        let pack = usable_pack(register, &round)?;
        // The panel stores names composed (NFC); a name typed on a Mac may be decomposed.
        let reviewer = reviewer.map(kriterium_engine::text::nfc);
        let reviewer = reviewer.as_deref();
        if let Some(reviewer) = reviewer {
            on_panel(register, &round, reviewer)?;
        }
        let mut rows = Vec::new();
        let mut left_out = Vec::new();
        let mut ineligible = 0;
        for decision in current(register, &round)? {
            // An application that fails a gate is not ranked whatever reviewers say.
            if decision.recommendation == Some(Recommendation::Ineligible) {
                ineligible += 1;
                continue;
            }
            let conflict = reviewer.and_then(|name| {
                decision
                    .reviews
                    .as_ref()
                    .and_then(|r| r.stood_aside.iter().find(|s| s.member == name))
            });
            if let Some(conflict) = conflict {
                left_out.push(format!(
                    "{} ({})",
                    messages::quoted(&decision.application_id),
                    conflict.text(messages::lang())
                ));
                continue;
            }
            rows.push(TemplateRow {
                application_id: decision.application_id,
                title: decision.title,
            });
        }
        let language = lang.unwrap_or(&round.language);
        let bytes = if xlsx {
            review_template(&pack.manifest, &rows, reviewer, language)
        } else {
            review_template_csv(&pack.manifest, &rows, reviewer, language)
        }
        .map_err(|said| anyhow!(said.text(messages::lang())))?;
        Ok(Template {
            bytes,
            rows: rows.len(),
            ineligible,
            left_out,
        })
    }
}

/// Writes the review sheet of round `id` to `out`: XLSX or CSV by its extension; an existing
/// file only with `force`. A closed round takes no reviews, so it has no template.
pub fn template(
    path: &Path,
    id: &str,
    out: &Path,
    reviewer: Option<&str>,
    lang: Option<&str>,
    force: bool,
) -> Result<Status> {
    let register = open_register(path, Access::Read)?;
    // Checked first, as before: the round, then the reviewer, then where to write.
    let round = super::open_round_of(&register, id)?;
    usable_pack(&register, &round)?;
    if let Some(reviewer) = reviewer {
        on_panel(&register, &round, &kriterium_engine::text::nfc(reviewer))?;
    }
    let format = template_format(out, force)?;
    let made = Template::of(
        &register,
        id,
        reviewer,
        lang,
        matches!(format, TemplateFormat::Xlsx),
    )?;
    if matches!(format, TemplateFormat::Csv) {
        errln!(
            "{}: {}",
            crate::messages::Message::NotePrefix.text(messages::lang()),
            TemplateWords::CsvNoGuidance.text(messages::lang())
        );
    }
    let mut file = OutputFile::create(out)?;
    file.write_all(&made.bytes)
        .map_err(CannotStore::write(out))?;
    file.commit()?;
    let reviewer = reviewer.map(kriterium_engine::text::nfc);
    for conflict in &made.left_out {
        errln!(
            "{}",
            say(
                Words::LeftOutForConflict,
                &[
                    // Unquoted, so the genitive reads »Karen Vestergaards ark«.
                    (
                        "reviewer",
                        &text::quote(reviewer.as_deref().unwrap_or_default())
                    ),
                    ("conflict", conflict)
                ]
            )
        );
    }
    let (rows, ineligible) = (made.rows, made.ineligible);
    outln!(
        "{}",
        say(
            Words::TemplateWritten,
            &[
                ("out", &messages::quoted(&out.display().to_string())),
                (
                    "count",
                    &count(rows, Words::ApplicationOne, Words::ApplicationMany)
                ),
                (
                    "ineligible",
                    &if ineligible == 0 {
                        String::new()
                    } else {
                        say(
                            Words::IneligibleLeftOut,
                            &[(
                                "count",
                                &count(ineligible, Words::ApplicationOne, Words::ApplicationMany),
                            )],
                        )
                    }
                ),
            ]
        )
    );
    Ok(Status::Ok)
}

/// What [`enter`] entered, in words.
#[derive(Debug)]
pub struct Entered {
    /// What `reviews add` prints on standard output: per reviewer the reviews stored (and
    /// replaced), then how many applications await review and which are flagged.
    pub said: Vec<String>,
    /// What it prints on standard error: decided applications whose assessment changed.
    pub notes: Vec<String>,
}

/// The sheets were refused: every mistake found (file, sheet, row, column), and the sentence
/// that says how many and that nothing was stored (the error's text).
#[derive(Debug)]
pub struct SheetsRefused {
    /// The mistakes, sorted, at most [`review_book::MAX_MISTAKES_SAID`] and then how many more.
    pub mistakes: Vec<String>,
    pub summary: String,
}

impl std::fmt::Display for SheetsRefused {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.summary)
    }
}

impl std::error::Error for SheetsRefused {}

/// Enters the review sheets `sheets` into round `id`. A reviewer's new sheet that leaves out
/// applications they reviewed before is refused unless `replace` (it would withdraw those
/// reviews).
pub fn add(path: &Path, id: &str, sheets: &[PathBuf], replace: bool) -> Result<Status> {
    let mut register = open_register(path, Access::Write)?;
    let read = |form: &ReviewForm| -> Result<ReadSheets> {
        // A folder gives every sheet in it; its panel.toml is not read here (`panel set` sets
        // it).
        let (sheets, _) = review_book::expand(sheets)?;
        Ok(review_book::read_sheets(&sheets, form))
    };
    match enter(&mut register, id, read, replace) {
        Ok(entered) => {
            for line in entered.said {
                outln!("{line}");
            }
            for note in entered.notes {
                errln!("{note}");
            }
            Ok(Status::Ok)
        }
        Err(error) => match error.downcast::<SheetsRefused>() {
            Ok(refused) => {
                for mistake in refused.mistakes {
                    errln!("{mistake}");
                }
                Err(anyhow!(refused.summary))
            }
            Err(other) => Err(other),
        },
    }
}

/// Enters the sheets `read` gives (called with the round's form, once the round is known to
/// be open) into round `id` of `register`: what `reviews add` does, its sentences returned.
///
/// Errors: [`SheetsRefused`] with every mistake in the sheets; otherwise a closed or unknown
/// round, a round without a panel, an unusable pack or register, in words.
pub fn enter(
    register: &mut Register,
    id: &str,
    read: impl FnOnce(&ReviewForm) -> Result<ReadSheets>,
    replace: bool,
) -> Result<Entered> {
    let round = super::open_round_of(register, id)?;
    let pack = usable_pack(register, &round)?;
    let lang = messages::lang();
    let decisions = current(register, &round)?;
    let applications: BTreeMap<String, String> = decisions
        .iter()
        .map(|d| (d.application_id.clone(), d.title.clone()))
        .collect();
    let form = ReviewForm {
        manifest: &pack.manifest,
        applications: Some(&applications),
    };
    // Every sheet is read, and every check below made, before anything is refused: one run
    // says every mistake, sorted by file, sheet, row and column.
    let ReadSheets {
        reviews: read,
        named,
        mut mistakes,
    } = read(&form)?;
    let Some(panel) = book::round_panel(register, &round.id)? else {
        bail!(unchanged(&say(
            Words::NoPanelForRound,
            &[("round", &messages::quoted(&round.id))]
        )));
    };
    for (reviewer, place) in &named {
        if !panel.has_member(reviewer) {
            let text = super::words::not_on_panel(&panel, reviewer);
            mistakes.at(place, Column::Reviewer, &text, lang);
        }
    }
    let read: Vec<(Review, Place)> = read
        .into_iter()
        .filter(|(r, _)| panel.has_member(&r.reviewer))
        .collect();
    let entered = review_book::once_each(read, &mut mistakes, lang);
    // A member who stands aside from an application (as its current assessment, made with the
    // round's panel, records) may not review it.
    let stood_aside: BTreeMap<&str, &Decision> = decisions
        .iter()
        .map(|d| (d.application_id.as_str(), d))
        .collect();
    for (review, place) in &entered {
        let conflict = stood_aside
            .get(review.application_id.as_str())
            .and_then(|d| d.reviews.as_ref())
            .and_then(|r| r.stood_aside.iter().find(|s| s.member == review.reviewer));
        if let Some(conflict) = conflict {
            mistakes.at(
                place,
                Column::Score,
                &conflict_refused(review, &conflict.text(lang)),
                lang,
            );
        }
    }
    // The sheets' reviewers: each one's new sheet replaces their reviews in force.
    if !replace {
        withdrawn(register, &round, &named, &entered, &mut mistakes, lang)?;
    }
    let reviewers: BTreeSet<String> = named.into_iter().map(|(name, _)| name).collect();
    if !mistakes.is_empty() {
        return refuse(mistakes);
    }
    // Reviews in force stay, but for the reviewers whose new sheets replace theirs.
    let basis = register.round_basis(&round.id).map_err(explain)?;
    let mut reviews: Vec<Review> = register
        .reviews_of(&basis.entries)
        .map_err(explain)?
        .iter()
        .filter(|r| !reviewers.contains(&r.review.reviewer))
        .map(book::review_of)
        .collect();
    reviews.extend(entered.iter().map(|(r, _)| r.clone()));
    let book = match ReviewBook::new(&pack.manifest, reviews, panel) {
        Ok(book) => book,
        Err(refused) => {
            // The sheets' own cells and the same review in two sheets were checked above;
            // here only if the book meets one anyway.
            for refusal in refused {
                let text = say(
                    Words::ReviewTwice,
                    &[
                        ("reviewer", &messages::quoted(&refusal.review.reviewer)),
                        ("id", &messages::quoted(&refusal.review.application_id)),
                        ("criterion", &messages::quoted(&refusal.review.criterion)),
                    ],
                );
                match entered.iter().find(|(r, _)| *r == refusal.review) {
                    Some((_, place)) => mistakes.at(place, Column::Row, &text, lang),
                    None => mistakes.of_file("", text),
                }
            }
            return refuse(mistakes);
        }
    };
    let (versions, outcomes) = book::reassess(register, &round, &pack, &book, basis)?;
    // The assessments refuse a conflicted member's review too: should one escape the check
    // above (an application whose assessment records no review state), it is said here.
    for outcome in &outcomes {
        let Outcome::Assessed(a) = outcome else {
            continue;
        };
        for refusal in &a.refused {
            let RefusalReason::Conflict(conflict) = &refusal.reason else {
                continue;
            };
            for (_, place) in entered.iter().filter(|(r, _)| *r == refusal.review) {
                let text = conflict_refused(&refusal.review, &conflict.text(lang));
                mistakes.at(place, Column::Score, &text, lang);
            }
        }
    }
    if !mistakes.is_empty() {
        return refuse(mistakes);
    }
    let new: Vec<NewReview> = entered
        .iter()
        .map(|(review, place)| NewReview {
            reviewer: review.reviewer.clone(),
            application_id: review.application_id.clone(),
            criterion: review.criterion.clone(),
            score: review.score,
            comment: review.comment.clone(),
            source: place.text(lang),
        })
        .collect();
    let earlier: BTreeMap<String, usize> = register
        .review_entries(&round.id)
        .map_err(explain)?
        .into_iter()
        .filter(|e| e.current && reviewers.contains(&e.reviewer))
        .map(|e| (e.reviewer, e.reviews.len()))
        .collect();
    let names: Vec<String> = reviewers.iter().cloned().collect();
    let reassessed = super::decided::changed_by(register, &versions)?;
    register
        .add_reviews(&names, &new, &versions)
        .map_err(explain)?;
    let mut said = Vec::new();
    for reviewer in &reviewers {
        let mine = new.iter().filter(|r| r.reviewer == *reviewer).count();
        let mut line = say(
            Words::ReviewsStored,
            &[
                ("reviewer", reviewer),
                ("count", &count(mine, Words::ReviewOne, Words::ReviewMany)),
            ],
        );
        if let Some(replaced) = earlier.get(reviewer) {
            line.push(' ');
            line.push_str(&say(
                Words::ReviewsReplaced,
                &[(
                    "count",
                    &count(*replaced, Words::ReviewOne, Words::ReviewMany),
                )],
            ));
        }
        said.push(line);
    }
    said.extend(state_lines(register, &round)?);
    Ok(Entered {
        said,
        notes: super::decided::note(&round.id, &reassessed)
            .into_iter()
            .collect(),
    })
}

/// For each reviewer named in the sheets (`named`: name and first row) whose reviews in force in
/// `round` include applications (and criteria) their new reviews `entered` leave out: a mistake
/// at their first row naming those applications. A new sheet replaces all of a reviewer's
/// reviews, so a one-row correction, or a shared sheet with their rows still blank, would
/// silently withdraw the rest; `--replace` says that is meant.
fn withdrawn(
    register: &Register,
    round: &Round,
    named: &[(String, Place)],
    entered: &[(Review, Place)],
    mistakes: &mut Mistakes,
    lang: &str,
) -> Result<()> {
    for entry in register.review_entries(&round.id).map_err(explain)? {
        let Some((_, place)) = named.iter().find(|(name, _)| *name == entry.reviewer) else {
            continue;
        };
        if !entry.current {
            continue;
        }
        let left_out: BTreeSet<&str> = entry
            .reviews
            .iter()
            .map(|r| &r.review)
            .filter(|r| {
                !entered.iter().any(|(e, _)| {
                    e.reviewer == entry.reviewer
                        && e.application_id == r.application_id
                        && e.criterion == r.criterion
                })
            })
            .map(|r| r.application_id.as_str())
            .collect();
        if left_out.is_empty() {
            continue;
        }
        let said = say(
            Words::SheetWithdraws,
            &[
                ("reviewer", &entry.reviewer),
                ("count", &super::words::applications(left_out.len())),
                ("list", &super::words::quoted_list(&left_out)),
            ],
        );
        mistakes.at(place, Column::Reviewer, &said, lang);
    }
    Ok(())
}

/// `review` refused for a member's conflict of interest, `reason` said, in the language of
/// messages. The reviewer's name stands unquoted, so its genitive reads »Karen Vestergaards«
/// (not »Karen Vestergaard«s); invisible characters in it are shown all the same.
fn conflict_refused(review: &Review, reason: &str) -> String {
    say(
        Words::ConflictRefused,
        &[
            ("reviewer", &text::quote(&review.reviewer)),
            ("id", &messages::quoted(&review.application_id)),
            ("reason", reason),
        ],
    )
}

/// Says every mistake (sorted, at most [`review_book::MAX_MISTAKES_SAID`]), then that nothing
/// was stored: exit 2.
fn refuse<T>(mistakes: Mistakes) -> Result<T> {
    let total = mistakes.len();
    Err(anyhow::Error::new(SheetsRefused {
        mistakes: mistakes.lines(messages::lang()),
        summary: unchanged(&say(
            Words::ReviewsRefused,
            &[(
                "count",
                &count(total, Words::ProblemOne, Words::ProblemMany),
            )],
        )),
    }))
}

/// The applications of round `round` awaiting review, and those reviewers disagree on (with
/// the criteria), from the current assessments.
pub struct ReviewState {
    pub awaiting: Vec<String>,
    pub flagged: Vec<(String, Vec<String>)>,
}

impl ReviewState {
    /// The state of `decisions`.
    pub fn of(decisions: &[Decision]) -> ReviewState {
        let awaiting = decisions
            .iter()
            .filter(|d| d.recommendation == Some(Recommendation::AwaitingReview))
            .map(|d| d.application_id.clone())
            .collect();
        let flagged = decisions
            .iter()
            .filter_map(|d| {
                let criteria: Vec<String> = d
                    .criteria
                    .iter()
                    .filter(|c| c.review.as_ref().is_some_and(|r| r.disagreement))
                    .map(|c| c.id.clone())
                    .collect();
                (!criteria.is_empty()).then(|| (d.application_id.clone(), criteria))
            })
            .collect();
        ReviewState { awaiting, flagged }
    }

    /// The lines `round show` and `round list` add: how many await review and which are
    /// flagged; `None` when neither (so a round without reviews shows what it showed before).
    pub fn text(&self) -> Option<String> {
        let mut lines = Vec::new();
        if !self.awaiting.is_empty() {
            lines.push(say(
                Words::AwaitingReviewList,
                &[
                    (
                        "count",
                        &count(
                            self.awaiting.len(),
                            Words::ApplicationOne,
                            Words::ApplicationMany,
                        ),
                    ),
                    ("list", &self.awaiting.join(", ")),
                ],
            ));
        }
        if !self.flagged.is_empty() {
            lines.push(say(Words::Disagreement, &[("list", &self.flagged_list())]));
        }
        (!lines.is_empty()).then(|| lines.join("\n"))
    }

    /// `ID (criterion, …), …`.
    fn flagged_list(&self) -> String {
        self.flagged
            .iter()
            .map(|(id, criteria)| format!("{} ({})", id, criteria.join(", ")))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Adds `awaiting_review` and `disagreement` to a round's JSON, when there are any (so a
    /// round without reviews writes what it wrote before).
    pub fn add_to(&self, value: &mut serde_json::Value) {
        if !self.awaiting.is_empty() {
            value["awaiting_review"] = serde_json::json!(self.awaiting);
        }
        if !self.flagged.is_empty() {
            let flagged: BTreeMap<&String, &Vec<String>> =
                self.flagged.iter().map(|(id, c)| (id, c)).collect();
            value["disagreement"] = serde_json::json!(flagged);
        }
    }

    /// Round `round`'s state from the register.
    pub fn in_round(register: &Register, round: &Round) -> Result<ReviewState> {
        Ok(ReviewState::of(&current(register, round)?))
    }
}

/// How many of round `round`'s applications await review and which are flagged: the lines
/// `reviews add` ends with.
fn state_lines(register: &Register, round: &Round) -> Result<Vec<String>> {
    let state = ReviewState::in_round(register, round)?;
    let mut lines = vec![say(
        Words::AwaitingReview,
        &[(
            "count",
            &count(
                state.awaiting.len(),
                Words::ApplicationOne,
                Words::ApplicationMany,
            ),
        )],
    )];
    if !state.flagged.is_empty() {
        lines.push(say(Words::Disagreement, &[("list", &state.flagged_list())]));
    }
    Ok(lines)
}

/// Shows round `id`'s reviews, as text or JSON: how many are in force, each reviewer's
/// leniency per criterion (from exactly the reviews the assessments count: under calibration,
/// without those from a member with a conflict, `book::counting`), what awaits review and is
/// flagged, and under calibration the ranking with and without it.
pub fn show(path: &Path, id: &str, format: ListFormat) -> Result<Status> {
    let register = open_register(path, Access::Read)?;
    let round = super::round_of(&register, id)?;
    let pack = usable_pack(&register, &round)?;
    let basis = register.round_basis(&round.id).map_err(explain)?;
    let inputs = book::inputs(&register, &round)?;
    let book = book::counting(
        &pack.manifest,
        &book::of_basis(&register, &pack.manifest, &basis)?,
        &inputs,
    );
    let entries = register.review_entries(&round.id).map_err(explain)?;
    let in_force: usize = entries
        .iter()
        .filter(|e| e.current)
        .map(|e| e.reviews.len())
        .sum();
    let reviewers = entries.iter().filter(|e| e.current).count();
    let superseded = entries.iter().filter(|e| !e.current).count();
    let leniency = book.leniency();
    let state = ReviewState::in_round(&register, &round)?;
    // Under calibration: each application's rank with the scores as given beside the
    // calibrated one; not before any review is in force, when every rank is "–".
    let ranks = if book.calibrates() && in_force > 0 {
        let mut manifest = pack.manifest.clone();
        if let Some(rules) = manifest.reviews.as_mut() {
            rules.calibration = Calibration::None;
        }
        let raw_book = book::of_basis(&register, &manifest, &basis)?;
        let (raw, _) = book::reassess(&register, &round, &pack, &raw_book, basis.clone())?;
        let standing = Standing::of(&register, &round.id)?;
        let raw_rank = super::standing::ranks_of(&register, &round, &raw.assessments)?;
        Some(
            standing
                .rows
                .iter()
                .map(|row| {
                    let uncalibrated = raw_rank.get(&row.application_id).copied().flatten();
                    (row.application_id.clone(), row.rank, uncalibrated)
                })
                .collect::<Vec<_>>(),
        )
    } else {
        None
    };
    if format == ListFormat::Json {
        let mut value = serde_json::json!({
            "round": round.id,
            "reviewers": reviewers,
            "reviews": in_force,
            "superseded_sheets": superseded,
            "leniency": leniency,
        });
        state.add_to(&mut value);
        if let Some(ranks) = &ranks {
            value["ranking"] = ranks
                .iter()
                .map(|(id, rank, uncalibrated)| {
                    serde_json::json!({
                        "application_id": id,
                        "rank": rank,
                        "uncalibrated_rank": uncalibrated,
                    })
                })
                .collect();
        }
        outln!("{}", serde_json::to_string_pretty(&value)?);
        return Ok(Status::Ok);
    }
    outln!(
        "{}",
        say(
            Words::ReviewsHeading,
            &[
                ("round", &messages::quoted(&round.id)),
                (
                    "reviewers",
                    &count(reviewers, Words::ReviewerOne, Words::ReviewerMany)
                ),
                (
                    "reviews",
                    &count(in_force, Words::ReviewOne, Words::ReviewMany)
                ),
                ("superseded", &superseded.to_string()),
            ]
        )
    );
    let lang = messages::lang();
    if !leniency.is_empty() {
        let number = |d| kriterium_engine::labels::number(d, lang);
        let shown = |d: Option<kriterium_engine::decimal::Decimal>| {
            d.map_or_else(|| "–".to_string(), number)
        };
        let mut table = vec![
            [
                Words::ReviewerCol,
                Words::CriterionCol,
                Words::ReviewsCol,
                Words::SharedCol,
                Words::MeanCol,
                Words::PanelMeanCol,
                Words::OffsetCol,
            ]
            .map(|w| w.text(lang).to_string())
            .to_vec(),
        ];
        for l in &leniency {
            table.push(vec![
                l.reviewer.clone(),
                l.criterion.clone(),
                l.reviews.to_string(),
                l.shared.to_string(),
                shown(l.mean),
                shown(l.panel_mean),
                number(l.offset),
            ]);
        }
        outln!(
            "{}",
            layout(&table, &[false, false, true, true, true, true, true])
        );
    }
    for line in state_lines(&register, &round)? {
        outln!("{line}");
    }
    if let Some(ranks) = ranks {
        let rank = |r: Option<u64>| r.map_or_else(|| "–".to_string(), |r| r.to_string());
        let mut table = vec![
            [Words::RankCol, Words::RawRankCol, Words::ApplicationCol]
                .map(|w| w.text(lang).to_string())
                .to_vec(),
        ];
        for (id, calibrated, uncalibrated) in ranks {
            table.push(vec![rank(calibrated), rank(uncalibrated), id]);
        }
        outln!("{}", say(Words::CalibrationHeading, &[]));
        outln!("{}", layout(&table, &[true, true, false]));
    }
    Ok(Status::Ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_template_words_have_the_same_placeholders_in_every_language() {
        assert_eq!(TemplateWords::placeholders_differ(), Vec::<&str>::new());
    }
}
