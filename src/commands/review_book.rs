//! Reviews from the command line: the review sheets of `--reviews FILE…` and the panel of
//! `--panel FILE`, read into the engine's [`ReviewBook`] for `batch`, `assess` and `verify`.
//!
//! Every review keeps where it was written (file, sheet, row), so that a review refused — a
//! mistake in the sheets before anything is assessed, or a member's conflict of interest found
//! while assessing — is said with its place. Mistakes in the sheets (a bad cell, the same
//! reviewer scoring the same thing in two sheets, a reviewer the panel does not have) stop the
//! command before it assesses: every one is said, and the exit status is 2.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use anyhow::{Result, bail};
use kriterium_engine::manifest::{Calibration, Manifest};
use kriterium_engine::panel::Panel;
use kriterium_engine::problem::{Problems, describe_io};
use kriterium_engine::review::{Refusal, RefusalReason, Review, ReviewBook};
use kriterium_intake::{Msg, ReviewForm, Said};

use crate::args::ReviewsArg;
use crate::messages;

kriterium_engine::translation_table! {
    /// What the commands say of reviews.
    Words {
    TwiceInSheets => "{reviewer} har også givet »{application}« point for »{criterion}« i {other}; en bedømmer giver ét tal pr. ansøgning og kriterium, så slet den ene række", "{reviewer} also scored \"{criterion}\" of \"{application}\" in {other}; a reviewer gives one score per application and criterion, so delete one of the rows", "{reviewer} har också gett ”{application}” poäng för ”{criterion}” i {other}; en bedömare ger ett tal per ansökan och kriterium, så ta bort den ena raden";
    NotOnPanel => "»{reviewer}« er ikke med i panelet i {panel}{hint}; skriv navnet, som panelet har det, eller tilføj bedømmeren til panelet", "\"{reviewer}\" is not a member of the panel in {panel}{hint}; write the name as the panel has it, or add the reviewer to the panel", "”{reviewer}” är inte med i panelen i {panel}{hint}; skriv namnet som panelen har det, eller lägg till bedömaren i panelen";
    DidYouMean => "; mente du »{name}«?", "; did you mean \"{name}\"?", "; menade du ”{name}”?";
    Refused => "{reviewer}s bedømmelse af »{criterion}« er ikke talt med: {reason}", "{reviewer}'s review of \"{criterion}\" is not counted: {reason}", "{reviewer}s bedömning av ”{criterion}” räknas inte: {reason}";
    NotInBatch => "ingen ansøgning med id »{application}« er vurderet i kørslen{hint}", "no application with the id \"{application}\" was assessed in this run{hint}", "ingen ansökan med id ”{application}” har bedömts i körningen{hint}";
    UnknownCriterion => "regelsættet har intet kriterium »{criterion}«", "the rule pack has no criterion \"{criterion}\"", "regelpaketet har inget kriterium ”{criterion}”";
    NotReviewed => "kriteriet »{criterion}« bedømmes ikke af bedømmere", "the criterion \"{criterion}\" is not scored by reviewers", "kriteriet ”{criterion}” bedöms inte av bedömare";
    OutsideScale => "{score} point ligger uden for skalaen {min}–{max}", "{score} points is outside the scale {min}–{max}", "{score} poäng ligger utanför skalan {min}–{max}";
    NoPanel => "der er ikke angivet et panel (--panel panel.toml), så bedømmernes inhabilitet er ikke kontrolleret", "no panel was given (--panel panel.toml), so reviewers' conflicts of interest are not checked", "ingen panel har angetts (--panel panel.toml), så bedömarnas jäv har inte kontrollerats";
    SheetsUnusable => "bedømmelserne i {files} kan ikke bruges: {count}; intet er vurderet", "the reviews in {files} cannot be used: {count}; nothing was assessed", "bedömningarna i {files} kan inte användas: {count}; inget har bedömts";
    ProblemOne => "1 fejl", "1 problem", "1 fel";
    Problems => "{count} fejl", "{count} problems", "{count} fel";
    ReviewsChanged => "Bedømmelserne er ikke dem, afgørelsen blev truffet med: deres fingeraftryk var {was}, nu er det {now}; angiv de samme ark med --reviews og det samme panel med --panel.", "The reviews are not the ones the decision was made with: their fingerprint was {was}, it is now {now}; give the same sheets with --reviews and the same panel with --panel.", "Bedömningarna är inte de som beslutet fattades med: deras fingeravtryck var {was}, nu är det {now}; ange samma blad med --reviews och samma panel med --panel.";
    NoReviewsGiven => "Afgørelsen blev truffet med bedømmelser (fingeraftryk {was}), men ingen er angivet nu; angiv de samme ark med --reviews og det samme panel med --panel.", "The decision was made with reviews (fingerprint {was}), but none are given now; give the same sheets with --reviews and the same panel with --panel.", "Beslutet fattades med bedömningar (fingeravtryck {was}), men inga anges nu; ange samma blad med --reviews och samma panel med --panel.";
    CalibrationChanged => "Kalibreringen byggede på andre bedømmelser i runden: deres fingeraftryk var {was}, nu er det {now}.", "The calibration rested on other reviews of the round: their fingerprint was {was}, it is now {now}.", "Kalibreringen byggde på andra bedömningar i omgången: deras fingeravtryck var {was}, nu är det {now}.";
    NoSheetsInFolder => "mappen {folder} har ingen bedømmelsesark (.csv eller .xlsx)", "the folder {folder} holds no review sheets (.csv or .xlsx)", "mappen {folder} har inga bedömningsblad (.csv eller .xlsx)";
    Awaiting => "{count} afventer bedømmelse", "{count} awaiting review", "{count} väntar på bedömning";
    }
}

/// Where a review was written: the file, the worksheet (none for a CSV file) and the row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file as the user named it.
    pub file: String,
    /// The worksheet's name in a workbook.
    pub sheet: Option<String>,
    /// The row as the spreadsheet shows it.
    pub row: usize,
}

impl Place {
    /// `FILE: ark »S«, række R` in `lang`.
    pub fn text(&self, lang: &str) -> String {
        format!(
            "{}: {}",
            self.file,
            kriterium_intake::place(self.sheet.as_deref(), self.row, None).text(lang)
        )
    }
}

/// The reviews of a run, checked and in a book, each with where it was written.
pub struct Entered {
    /// The book assessments read.
    pub book: ReviewBook,
    /// Every review and its place, sorted by application, criterion and reviewer.
    places: BTreeMap<Review, Place>,
    /// Whether sheets or a panel were given at all (else the book is empty and nothing is said).
    pub given: bool,
}

impl Entered {
    /// No reviews and no panel: every reviewed criterion awaits review.
    pub fn none() -> Entered {
        Entered {
            book: ReviewBook::empty(),
            places: BTreeMap::new(),
            given: false,
        }
    }

    /// A round's reviews and panel as the register holds them (`round export`): the book
    /// alone, since each stored review names where it was read from in the register.
    pub fn stored(book: ReviewBook) -> Entered {
        Entered {
            book,
            places: BTreeMap::new(),
            given: true,
        }
    }

    /// The book of `reviews` (each with its place) and `panel` for the pack of `manifest`:
    /// every review from a member not on the panel (when there is one) and every review
    /// refused by [`ReviewBook::new`] is said in the language of messages.
    ///
    /// # Errors
    /// The problems, in words, in the order of the reviews.
    pub fn of(
        manifest: &Manifest,
        reviews: Vec<(Review, Place)>,
        panel: Option<(&str, Panel)>,
    ) -> Result<Entered, Vec<String>> {
        let lang = messages::lang();
        let mut problems = Vec::new();
        let mut places: BTreeMap<Review, Place> = BTreeMap::new();
        let mut first: BTreeMap<(String, String, String), Place> = BTreeMap::new();
        let mut kept = Vec::new();
        for (review, place) in reviews {
            let key = (
                review.application_id.clone(),
                review.criterion.clone(),
                review.reviewer.clone(),
            );
            if let Some(other) = first.get(&key) {
                problems.push(format!(
                    "{}: {}",
                    place.text(lang),
                    Words::TwiceInSheets.fill(
                        lang,
                        &[
                            ("reviewer", &review.reviewer),
                            ("application", &review.application_id),
                            ("criterion", &review.criterion),
                            ("other", &other.text(lang)),
                        ]
                    )
                ));
                continue;
            }
            if let Some((file, panel)) = &panel
                && !panel.has_member(&review.reviewer)
            {
                let hint = kriterium_engine::suggest::closest(
                    &review.reviewer,
                    panel.members.iter().map(|m| m.name.as_str()),
                )
                .map_or(String::new(), |name| {
                    Words::DidYouMean.fill(lang, &[("name", name)])
                });
                problems.push(format!(
                    "{}: {}",
                    place.text(lang),
                    Words::NotOnPanel.fill(
                        lang,
                        &[
                            ("reviewer", &review.reviewer),
                            ("panel", file),
                            ("hint", &hint)
                        ]
                    )
                ));
                continue;
            }
            first.insert(key, place.clone());
            kept.push(review.clone());
            places.insert(review, place);
        }
        let given = panel.is_some() || !places.is_empty();
        let panel = panel.map(|(_, p)| p).unwrap_or_default();
        match ReviewBook::new(manifest, kept, panel) {
            Ok(book) if problems.is_empty() => Ok(Entered {
                book,
                places,
                given,
            }),
            Ok(_) => Err(problems),
            Err(refused) => {
                let entered = Entered {
                    book: ReviewBook::empty(),
                    places,
                    given,
                };
                problems.extend(refused.iter().map(|r| entered.refusal(r, lang)));
                Err(problems)
            }
        }
    }

    /// The same reviews and panel, with scores as given: `Some` only when the pack of
    /// `manifest` calibrates, for the ranking beside the calibrated one.
    pub fn uncalibrated(&self, manifest: &Manifest) -> Option<ReviewBook> {
        let rules = manifest.reviews.as_ref()?;
        if rules.calibration == Calibration::None {
            return None;
        }
        let mut plain = manifest.clone();
        if let Some(rules) = plain.reviews.as_mut() {
            rules.calibration = Calibration::None;
        }
        let reviews: Vec<Review> = self.book.reviews().cloned().collect();
        // The reviews passed every check of `ReviewBook::new` already, which calibration does
        // not take part in.
        ReviewBook::new(&plain, reviews, self.book.panel().clone()).ok()
    }

    /// Every review of an application not among `assessed` (ids), each said in `lang` with its
    /// place: they count for nothing in this run.
    pub fn not_in(&self, assessed: &BTreeSet<&str>, lang: &str) -> Vec<(Review, String)> {
        self.places
            .iter()
            .filter(|(r, _)| !assessed.contains(r.application_id.as_str()))
            .map(|(review, place)| {
                let hint = kriterium_engine::suggest::closest(
                    &review.application_id,
                    assessed.iter().copied(),
                )
                .map_or(String::new(), |name| {
                    Words::DidYouMean.fill(lang, &[("name", name)])
                });
                let reason = Words::NotInBatch.fill(
                    lang,
                    &[("application", &review.application_id), ("hint", &hint)],
                );
                (review.clone(), format!("{}: {reason}", place.text(lang)))
            })
            .collect()
    }

    /// A refused review in `lang`: its place, whose review of what, and why.
    pub fn refusal(&self, refusal: &Refusal, lang: &str) -> String {
        let review = &refusal.review;
        let reason = match &refusal.reason {
            RefusalReason::Conflict(stood_aside) => stood_aside.text(lang),
            RefusalReason::UnknownCriterion => {
                Words::UnknownCriterion.fill(lang, &[("criterion", &review.criterion)])
            }
            RefusalReason::NotReviewed => {
                Words::NotReviewed.fill(lang, &[("criterion", &review.criterion)])
            }
            RefusalReason::OutsideScale { min, max } => Words::OutsideScale.fill(
                lang,
                &[
                    ("score", &review.score.to_string()),
                    ("min", &min.to_string()),
                    ("max", &max.to_string()),
                ],
            ),
            // Caught with both places in `Entered::of`; here only if the book meets one anyway.
            RefusalReason::Twice => Words::TwiceInSheets.fill(
                lang,
                &[
                    ("reviewer", &review.reviewer),
                    ("application", &review.application_id),
                    ("criterion", &review.criterion),
                    ("other", "?"),
                ],
            ),
        };
        let said = Words::Refused.fill(
            lang,
            &[
                ("reviewer", &review.reviewer),
                ("criterion", &review.criterion),
                ("reason", &reason),
            ],
        );
        match self.places.get(review) {
            Some(place) => format!("{}: {said}", place.text(lang)),
            None => said,
        }
    }

    /// Where `review` was written.
    pub fn place(&self, review: &Review) -> Option<&Place> {
        self.places.get(review)
    }
}

/// Reads the sheets and the panel `arg` names and checks them against the pack of `manifest`.
/// Without sheets or a panel, [`Entered::none`]. With sheets but no panel, a note says that
/// conflicts of interest are not checked.
///
/// Returns `None` when the sheets have mistakes: each has been said on standard error, and the
/// command stops with exit status 2 before it assesses.
///
/// # Errors
/// A file that cannot be read; a panel that is not a panel (its file, line and column).
/// The review book of `arg` for the pack of `manifest` (`diff`, `sensitivity`): empty for a
/// pack without reviewer-scored criteria, whatever sheets are given (in `diff`, one of the two
/// packs may have none). `None` when the sheets have mistakes (said on standard error; exit 2).
///
/// # Errors
/// As [`load`].
pub fn book_for(manifest: &Manifest, arg: &ReviewsArg) -> Result<Option<ReviewBook>> {
    if !manifest.criteria.iter().any(|c| c.review.is_some()) {
        return Ok(Some(ReviewBook::empty()));
    }
    Ok(load(manifest, arg)?.map(|entered| entered.book))
}

/// The sheets of `--reviews`: a file as it is; a folder gives every `.csv` and `.xlsx` file in it
/// (not below it; hidden files left out), by name, and its `panel.toml`, if it has one, as the
/// panel when `--panel` is not given.
///
/// # Errors
/// A folder that cannot be read, or holds no sheet.
pub fn expand(
    paths: &[std::path::PathBuf],
) -> Result<(Vec<std::path::PathBuf>, Option<std::path::PathBuf>)> {
    let mut sheets = Vec::new();
    let mut panel = None;
    for path in paths {
        if !path.is_dir() {
            sheets.push(path.clone());
            continue;
        }
        let mut found: Vec<std::path::PathBuf> = std::fs::read_dir(path)
            .map_err(|e| cannot_read(path, &e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| {
                let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                let lower = name.to_lowercase();
                p.is_file()
                    && !name.starts_with('.')
                    && (lower.ends_with(".csv") || lower.ends_with(".xlsx"))
            })
            .collect();
        if found.is_empty() {
            bail!(Words::NoSheetsInFolder.fill(
                messages::lang(),
                &[("folder", &messages::quoted(&path.display().to_string()))]
            ));
        }
        found.sort();
        sheets.extend(found);
        let beside = path.join("panel.toml");
        if panel.is_none() && beside.is_file() {
            panel = Some(beside);
        }
    }
    Ok((sheets, panel))
}

pub fn load(manifest: &Manifest, arg: &ReviewsArg) -> Result<Option<Entered>> {
    if arg.reviews.is_empty() && arg.panel.is_none() {
        return Ok(Some(Entered::none()));
    }
    let lang = messages::lang();
    let (sheets, panel_beside) = expand(&arg.reviews)?;
    let panel = match arg.panel.as_ref().or(panel_beside.as_ref()) {
        Some(path) => {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| cannot_read(path, &e))?;
            match Panel::from_toml(&name, &text) {
                Ok(panel) => Some((name, panel)),
                Err(problems) => bail!("{}", Problems(problems).display_in(lang)),
            }
        }
        None => None,
    };
    if panel.is_none() {
        errln!(
            "{}: {}",
            crate::messages::Message::NotePrefix.text(lang),
            Words::NoPanel.text(lang)
        );
    }
    let form = ReviewForm {
        manifest,
        applications: None,
    };
    let mut problems: Vec<String> = Vec::new();
    let mut reviews = Vec::new();
    for path in &sheets {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| cannot_read(path, &e))?;
        match kriterium_intake::read_review_sheet(&bytes, &name, &form) {
            Ok(sheet) => reviews.extend(sheet.reviews.into_iter().map(|entered| {
                let place = Place {
                    file: name.clone(),
                    sheet: entered.sheet,
                    row: entered.row,
                };
                (entered.review, place)
            })),
            Err(said) => problems.extend(said.iter().map(|s| s.text(lang))),
        }
    }
    let entered = match Entered::of(
        manifest,
        reviews,
        panel.as_ref().map(|(n, p)| (n.as_str(), p.clone())),
    ) {
        Ok(entered) if problems.is_empty() => Some(entered),
        Ok(_) => None,
        Err(more) => {
            problems.extend(more);
            None
        }
    };
    if entered.is_none() {
        for problem in &problems {
            errln!("{problem}");
        }
        let files: Vec<String> = arg
            .reviews
            .iter()
            .map(|p| p.display().to_string())
            .collect();
        let count = match problems.len() {
            1 => Words::ProblemOne.text(lang).to_string(),
            n => Words::Problems.fill(lang, &[("count", &n.to_string())]),
        };
        errln!(
            "{}",
            Words::SheetsUnusable.fill(
                lang,
                &[
                    (
                        "files",
                        &kriterium_engine::labels::list(
                            &files.iter().map(String::as_str).collect::<Vec<_>>(),
                            lang
                        )
                    ),
                    ("count", &count)
                ]
            )
        );
    }
    Ok(entered)
}

/// `FILE kan ikke læses: REASON` in the language of messages.
fn cannot_read(path: &Path, error: &std::io::Error) -> anyhow::Error {
    anyhow::anyhow!(
        "{}",
        Said::new(
            Msg::CannotRead,
            &[
                ("file", &path.display().to_string()),
                ("reason", &describe_io(error))
            ]
        )
        .text(messages::lang())
    )
}

/// `N afventer bedømmelse` in the language of messages, for a summary line.
pub fn awaiting(count: u64) -> String {
    Words::Awaiting.fill(messages::lang(), &[("count", &count.to_string())])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_placeholders() {
        assert_eq!(Words::placeholders_differ(), Vec::<&str>::new());
    }
}
