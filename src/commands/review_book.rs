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
use kriterium_engine::problem::Problems;
use kriterium_engine::review::{Refusal, RefusalReason, Review, ReviewBook};
use kriterium_engine::text;
use kriterium_intake::reviews::{ReviewSheet, SheetPlace};
use kriterium_intake::{Msg, ReviewForm, Said};

use crate::args::ReviewsArg;
use crate::messages;

kriterium_engine::translation_table! {
    /// What the commands say of reviews.
    Words {
    TwiceInSheets => "{reviewer} har også givet »{application}« point for »{criterion}« i {other}; en bedømmer giver ét tal pr. ansøgning og kriterium, så slet den ene række", "{reviewer} also scored \"{criterion}\" of \"{application}\" in {other}; a reviewer gives one score per application and criterion, so delete one of the rows", "{reviewer} har också gett ”{application}” poäng för ”{criterion}” i {other}; en bedömare ger ett tal per ansökan och kriterium, så ta bort den ena raden";
    NotOnPanel => "»{reviewer}« er ikke med i panelet i {panel}{hint}; skriv navnet, som panelet har det, eller tilføj bedømmeren til panelet", "\"{reviewer}\" is not a member of the panel in {panel}{hint}; write the name as the panel has it, or add the reviewer to the panel", "”{reviewer}” är inte med i panelen i {panel}{hint}; skriv namnet som panelen har det, eller lägg till bedömaren i panelen";
    DidYouMean => "; mente du »{name}«?", "; did you mean \"{name}\"?", "; menade du ”{name}”?";
    Refused => "{reviewer's} bedømmelse af »{application}« for »{criterion}« er ikke talt med: {reason}", "{reviewer's} review of \"{application}\" for \"{criterion}\" is not counted: {reason}", "{reviewer's} bedömning av ”{application}” för ”{criterion}” räknas inte: {reason}";
    MoreMistakes => "… og {count} fejl mere, som ikke er vist her; ret dem ovenfor, og kør igen", "… and {count} more problems not shown here; correct the ones above and run again", "… och {count} fel till som inte visas här; rätta dem ovan och kör igen";
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
    NotCountedOne => "; {count} bedømmelse er ikke talt med", "; {count} review is not counted", "; {count} bedömning har inte räknats";
    NotCountedMany => "; {count} bedømmelser er ikke talt med", "; {count} reviews are not counted", "; {count} bedömningar har inte räknats";
    ProvisionalLineOne => "Bemærk: finansieringslinjen er foreløbig: {count} ansøgning afventer bedømmelse og kan komme over linjen; »støttes« og »på venteliste« gælder først, når alle er bedømt.", "Note: the funding line is provisional: {count} application awaits review and may come above it; \"fund\" and \"reserve\" hold only once all are reviewed.", "Obs: finansieringsgränsen är preliminär: {count} ansökan väntar på bedömning och kan hamna över gränsen; ”beviljas” och ”på reservlista” gäller först när alla är bedömda.";
    ProvisionalLineMany => "Bemærk: finansieringslinjen er foreløbig: {count} ansøgninger afventer bedømmelse og kan komme over linjen; »støttes« og »på venteliste« gælder først, når alle er bedømt.", "Note: the funding line is provisional: {count} applications await review and may come above it; \"fund\" and \"reserve\" hold only once all are reviewed.", "Obs: finansieringsgränsen är preliminär: {count} ansökningar väntar på bedömning och kan hamna över gränsen; ”beviljas” och ”på reservlista” gäller först när alla är bedömda.";
    Awaiting => "{count} afventer bedømmelse", "{count} awaiting review", "{count} väntar på bedömning";
    }
}

/// Where a review was written: the file, the worksheet (none for a CSV file) and the row, and
/// where that sheet has its reviewer's and score columns (to name the cell of a review refused
/// for its reviewer or its score).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Place {
    /// The file as the user named it.
    pub file: String,
    /// The worksheet's name in a workbook.
    pub sheet: Option<String>,
    /// The row as the spreadsheet shows it.
    pub row: usize,
    /// The position and heading of the sheet's reviewer column.
    pub reviewer_column: Option<(usize, String)>,
    /// The position and heading of the sheet's score column.
    pub score_column: Option<(usize, String)>,
}

/// Which cell of a review's row a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Column {
    /// The row as a whole.
    Row,
    /// The reviewer's name.
    Reviewer,
    /// The score.
    Score,
}

impl Place {
    /// The place of every review of `sheet`, read from the file `file`.
    pub fn of_sheet(file: &str, sheet: &ReviewSheet, row: usize) -> Place {
        Place {
            file: file.to_string(),
            sheet: sheet.sheet.clone(),
            row,
            reviewer_column: sheet.reviewer_column.clone(),
            score_column: sheet.score_column.clone(),
        }
    }

    /// `FILE: ark »S«, række R` in `lang`.
    pub fn text(&self, lang: &str) -> String {
        self.cell(Column::Row, lang)
    }

    /// `FILE: ark »S«, række R, kolonne »C«` in `lang`: the cell of `column` in the row.
    pub fn cell(&self, column: Column, lang: &str) -> String {
        let heading = self.column(column).map(|(_, h)| h.as_str());
        format!(
            "{}: {}",
            self.file,
            kriterium_intake::place(self.sheet.as_deref(), self.row, heading).text(lang)
        )
    }

    /// The position and heading of `column`, when the sheet has it.
    fn column(&self, column: Column) -> Option<&(usize, String)> {
        match column {
            Column::Row => None,
            Column::Reviewer => self.reviewer_column.as_ref(),
            Column::Score => self.score_column.as_ref(),
        }
    }

    /// Where a problem with `column` of this review's row sorts among the sheets' problems.
    fn key(&self, column: Column) -> MistakeKey {
        MistakeKey {
            file: self.file.clone(),
            place: SheetPlace {
                sheet: self.sheet.clone(),
                row: self.row,
                column: self.column(column).map(|(i, _)| *i),
            },
        }
    }
}

/// Where a mistake in the sheets is: the file, then the sheet, row and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct MistakeKey {
    file: String,
    place: SheetPlace,
}

/// The mistakes found in review sheets by every check (the sheet's own cells, the panel,
/// conflicts of interest, the same review in two sheets), said together sorted by file, sheet,
/// row and column, so one run shows them all in the order a person corrects them.
#[derive(Debug, Default)]
pub struct Mistakes(Vec<(MistakeKey, String)>);

/// Most mistakes said one by one; the rest are counted ("og 12 fejl mere"), since thousands of
/// lines hide the first ones and usually repeat one mistake.
pub const MAX_MISTAKES_SAID: usize = 50;

impl Mistakes {
    /// Every problem `sheet` (read from `file`) has, in `lang`.
    pub fn of_sheet(&mut self, file: &str, sheet: &ReviewSheet, lang: &str) {
        self.0.extend(sheet.problems.iter().map(|p| {
            (
                MistakeKey {
                    file: file.to_string(),
                    place: p.place.clone(),
                },
                p.said.text(lang),
            )
        }));
    }

    /// A file that cannot be read at all, said as `text`.
    pub fn of_file(&mut self, file: &str, text: String) {
        let key = MistakeKey {
            file: file.to_string(),
            place: SheetPlace {
                sheet: None,
                row: 0,
                column: None,
            },
        };
        self.0.push((key, text));
    }

    /// A mistake in `column` of the review written at `place`, said as `text` (with no place:
    /// `place` is said before it).
    pub fn at(&mut self, place: &Place, column: Column, text: &str, lang: &str) {
        self.0.push((
            place.key(column),
            format!("{}: {text}", place.cell(column, lang)),
        ));
    }

    /// Whether nothing is wrong.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// How many mistakes there are.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Adds `other`'s mistakes.
    pub fn extend(&mut self, other: Mistakes) {
        self.0.extend(other.0);
    }

    /// Says every mistake on standard error, sorted by file, sheet, row and column, at most
    /// [`MAX_MISTAKES_SAID`] of them and then how many more there are.
    pub fn say(self, lang: &str) {
        for line in self.lines(lang) {
            errln!("{line}");
        }
    }

    /// The lines [`Mistakes::say`] prints: sorted by file, sheet, row and column, at most
    /// [`MAX_MISTAKES_SAID`] of them and then how many more.
    pub fn lines(mut self, lang: &str) -> Vec<String> {
        // Stable: two mistakes in one cell keep the order they were found in.
        self.0.sort_by(|a, b| a.0.cmp(&b.0));
        let total = self.0.len();
        let mut lines: Vec<String> = self
            .0
            .into_iter()
            .take(MAX_MISTAKES_SAID)
            .map(|(_, text)| text)
            .collect();
        if total > MAX_MISTAKES_SAID {
            let more = total - MAX_MISTAKES_SAID;
            lines.push(Words::MoreMistakes.fill(lang, &[("count", &more.to_string())]));
        }
        lines
    }
}

/// `1 fejl` or `N fejl` in `lang`.
pub fn mistakes_count(n: usize, lang: &str) -> String {
    match n {
        1 => Words::ProblemOne.text(lang).to_string(),
        n => Words::Problems.fill(lang, &[("count", &n.to_string())]),
    }
}

/// The first review of each key of `reviews` (application, criterion, reviewer), in their
/// order; every later one, in another sheet or row, is a mistake naming the first one's place.
pub fn once_each(
    reviews: Vec<(Review, Place)>,
    mistakes: &mut Mistakes,
    lang: &str,
) -> Vec<(Review, Place)> {
    let mut first: BTreeMap<(String, String, String), Place> = BTreeMap::new();
    let mut kept = Vec::new();
    for (review, place) in reviews {
        let key = (
            review.application_id.clone(),
            review.criterion.clone(),
            review.reviewer.clone(),
        );
        if let Some(other) = first.get(&key) {
            let text = Words::TwiceInSheets.fill(
                lang,
                &[
                    ("reviewer", &text::quote(&review.reviewer)),
                    ("application", &review.application_id),
                    ("criterion", &review.criterion),
                    ("other", &other.text(lang)),
                ],
            );
            mistakes.at(&place, Column::Score, &text, lang);
            continue;
        }
        first.insert(key, place.clone());
        kept.push((review, place));
    }
    kept
}

/// The reviews of a run, checked and in a book, each with where it was written.
pub struct Entered {
    /// The book assessments read.
    pub book: ReviewBook,
    /// Every review and its place, sorted by application, criterion and reviewer.
    places: BTreeMap<Review, Place>,
    /// Whether sheets or a panel were given at all (else the book is empty and nothing is said).
    pub given: bool,
    /// Whether they are a register's (`round export`): the register refused every bad review
    /// when it was entered, so a review that does not count was set aside by the rules (a
    /// conflict declared later), not rejected input.
    pub stored: bool,
}

impl Entered {
    /// No reviews and no panel: every reviewed criterion awaits review.
    pub fn none() -> Entered {
        Entered {
            book: ReviewBook::empty(),
            places: BTreeMap::new(),
            given: false,
            stored: false,
        }
    }

    /// A round's reviews and panel as the register holds them (`round export`): the book
    /// alone, since each stored review names where it was read from in the register.
    pub fn stored(book: ReviewBook) -> Entered {
        Entered {
            book,
            places: BTreeMap::new(),
            given: true,
            stored: true,
        }
    }

    /// The book of `reviews` (each with its place) and `panel` for the pack of `manifest`:
    /// every review given twice, every review from a member not on the panel (when there is
    /// one) and every review refused by [`ReviewBook::new`] is a mistake, said in the language
    /// of messages.
    ///
    /// # Errors
    /// The mistakes, to be said with the sheets' own ([`Mistakes::say`]).
    pub fn of(
        manifest: &Manifest,
        reviews: Vec<(Review, Place)>,
        panel: Option<(&str, Panel)>,
    ) -> Result<Entered, Mistakes> {
        let lang = messages::lang();
        let mut mistakes = Mistakes::default();
        let mut places: BTreeMap<Review, Place> = BTreeMap::new();
        let mut kept = Vec::new();
        // One mistake per reviewer not on the panel and file, at their first row there.
        let mut not_on_panel: BTreeSet<(String, String)> = BTreeSet::new();
        for (review, place) in once_each(reviews, &mut mistakes, lang) {
            if let Some((file, panel)) = &panel
                && !panel.has_member(&review.reviewer)
            {
                if not_on_panel.insert((place.file.clone(), review.reviewer.clone())) {
                    let hint = kriterium_engine::suggest::closest(
                        &review.reviewer,
                        panel.members.iter().map(|m| m.name.as_str()),
                    )
                    .map_or(String::new(), |name| {
                        Words::DidYouMean.fill(lang, &[("name", &text::quote(name))])
                    });
                    let text = Words::NotOnPanel.fill(
                        lang,
                        &[
                            ("reviewer", &text::quote(&review.reviewer)),
                            ("panel", file),
                            ("hint", &hint),
                        ],
                    );
                    mistakes.at(&place, Column::Reviewer, &text, lang);
                }
                continue;
            }
            kept.push(review.clone());
            places.insert(review, place);
        }
        let given = panel.is_some() || !places.is_empty();
        let panel = panel.map(|(_, p)| p).unwrap_or_default();
        match ReviewBook::new(manifest, kept, panel) {
            Ok(book) if mistakes.is_empty() => Ok(Entered {
                book,
                places,
                given,
                stored: false,
            }),
            Ok(_) => Err(mistakes),
            Err(refused) => {
                let entered = Entered {
                    book: ReviewBook::empty(),
                    places,
                    given,
                    stored: false,
                };
                for refusal in &refused {
                    let said = entered.refusal_said(refusal, lang);
                    match entered.places.get(&refusal.review) {
                        Some(place) => mistakes.at(place, Column::Score, &said, lang),
                        None => mistakes.of_file("", said),
                    }
                }
                Err(mistakes)
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

    /// Whose review of what was refused, and why, in `lang` (without its place).
    fn refusal_said(&self, refusal: &Refusal, lang: &str) -> String {
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
                    ("reviewer", &text::quote(&review.reviewer)),
                    ("application", &review.application_id),
                    ("criterion", &review.criterion),
                    ("other", "?"),
                ],
            ),
        };
        Words::Refused.fill(
            lang,
            &[
                ("reviewer", &text::quote(&review.reviewer)),
                ("application", &review.application_id),
                ("criterion", &review.criterion),
                ("reason", &reason),
            ],
        )
    }

    /// A refused review in `lang`: its place (the score's cell), whose review of what, and why.
    pub fn refusal(&self, refusal: &Refusal, lang: &str) -> String {
        let said = self.refusal_said(refusal, lang);
        match self.places.get(&refusal.review) {
            Some(place) => format!("{}: {said}", place.cell(Column::Score, lang)),
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
                    // Excel's lock file beside a sheet open in it (`~$anna.xlsx`) is no sheet.
                    && !name.starts_with("~$")
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
    let ReadSheets {
        reviews,
        mut mistakes,
        ..
    } = read_sheets(&sheets, &form);
    let entered = match Entered::of(
        manifest,
        reviews,
        panel.as_ref().map(|(n, p)| (n.as_str(), p.clone())),
    ) {
        Ok(entered) if mistakes.is_empty() => Some(entered),
        Ok(_) => None,
        Err(more) => {
            mistakes.extend(more);
            None
        }
    };
    if entered.is_none() {
        let count = mistakes_count(mistakes.len(), lang);
        mistakes.say(lang);
        let files: Vec<String> = arg
            .reviews
            .iter()
            .map(|p| p.display().to_string())
            .collect();
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

/// What [`read_sheets`] found in the sheets.
pub struct ReadSheets {
    /// The review of every row without a problem, with its place, in the sheets' order.
    pub reviews: Vec<(Review, Place)>,
    /// Every reviewer each sheet names (scored or not), with the first row naming them there.
    pub named: Vec<(String, Place)>,
    /// A file that cannot be read or is no sheet, and every bad cell.
    pub mistakes: Mistakes,
}

/// Reads every sheet of `sheets` against `form`, so that the caller's own checks of the
/// reviews (the panel, conflicts of interest, the same review in two sheets) join the sheets'
/// mistakes in one run.
pub fn read_sheets(sheets: &[std::path::PathBuf], form: &ReviewForm) -> ReadSheets {
    let mut read = ReadSheets {
        reviews: Vec::new(),
        named: Vec::new(),
        mistakes: Mistakes::default(),
    };
    for path in sheets {
        let name = path.display().to_string();
        match std::fs::read(path) {
            Ok(bytes) => read_one(&mut read, &name, &bytes, form),
            Err(e) => read
                .mistakes
                .of_file(&name, cannot_read(path, &e).to_string()),
        }
    }
    read
}

/// Reads every sheet of `sheets` (a name, as mistakes and the register's sources name the file,
/// and its bytes: sheets uploaded to the web app) as [`read_sheets`] reads files.
pub fn read_sheet_bytes(sheets: &[(String, Vec<u8>)], form: &ReviewForm) -> ReadSheets {
    let mut read = ReadSheets {
        reviews: Vec::new(),
        named: Vec::new(),
        mistakes: Mistakes::default(),
    };
    for (name, bytes) in sheets {
        read_one(&mut read, name, bytes, form);
    }
    read
}

/// Adds what file `name` (its `bytes`) holds to `read`.
fn read_one(read: &mut ReadSheets, name: &str, bytes: &[u8], form: &ReviewForm) {
    let lang = messages::lang();
    for sheet in kriterium_intake::read_review_sheets(bytes, name, form) {
        read.mistakes.of_sheet(name, &sheet, lang);
        for entered in &sheet.reviews {
            let place = Place::of_sheet(name, &sheet, entered.row);
            read.reviews.push((entered.review.clone(), place));
        }
        for (reviewer, &row) in &sheet.reviewers {
            read.named
                .push((reviewer.clone(), Place::of_sheet(name, &sheet, row)));
        }
    }
}

/// `FILE kan ikke læses: REASON` in the language of messages, the reason in its words
/// (`filen eller mappen findes ikke`), never the operating system's English.
pub fn cannot_read(path: &Path, error: &std::io::Error) -> anyhow::Error {
    let lang = messages::lang();
    anyhow::anyhow!(
        "{}",
        Said::new(
            Msg::CannotRead,
            &[
                ("file", &path.display().to_string()),
                (
                    "reason",
                    &kriterium_engine::problem::Message::io(error)
                        .display_in(lang)
                        .to_string()
                )
            ]
        )
        .text(lang)
    )
}

/// `; N bedømmelser er ikke talt med` in the language of messages, for a batch's summary line.
pub fn not_counted(count: usize) -> String {
    let word = if count == 1 {
        Words::NotCountedOne
    } else {
        Words::NotCountedMany
    };
    word.fill(messages::lang(), &[("count", &count.to_string())])
}

/// That the funding line is provisional while `count` applications await review, in the
/// language of messages: said after a batch's summary line.
pub fn provisional_line(count: u64) -> String {
    let words = if count == 1 {
        Words::ProvisionalLineOne
    } else {
        Words::ProvisionalLineMany
    };
    words.fill(messages::lang(), &[("count", &count.to_string())])
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
