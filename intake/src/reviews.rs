//! Review sheets: reviewers' scores of a pack's reviewer-scored criteria, read from a CSV or
//! XLSX sheet, and the XLSX template a reviewer fills in.
//!
//! A sheet holds one reviewer's rows or everyone's. Its columns are found by heading in Danish,
//! English or Swedish (case and surrounding spaces ignored, order free): reviewer, application,
//! title (for the reviewer's eyes; ignored when read), criterion, score, comment. A row whose
//! score is blank is not scored yet and is skipped; every other row is checked cell by cell, and
//! every bad cell is reported by file, sheet, row and column (`intake::place`), not just the
//! first. The same reviewer scoring the same criterion of the same application twice in one
//! sheet is an error naming both rows.
//!
//! The template (`review_template`) has the rows to fill in (applications × reviewed criteria,
//! the reviewer's name filled in when one is named) on its first sheet and the rubric on its
//! second: per reviewed criterion its id, title, scale, disagreement threshold and guidance.
//! Its bytes are reproducible: the workbook's creation date is fixed.

use std::collections::BTreeMap;
use std::io::Cursor;

use calamine::{Reader, Xlsx};
use kriterium_engine::manifest::{CriterionSpec, Manifest, ReviewSpec};
use kriterium_engine::review::Review;
use rust_xlsxwriter::{
    DataValidation, DataValidationRule, DocProperties, ExcelDateTime, Format, Workbook, Worksheet,
    XlsxError,
};

use crate::messages::{Msg, Said};
use crate::sheet::{self, Cell, Sheet};

kriterium_engine::translation_table! {
    /// The words of a review sheet: its columns' headings, its sheets' names and the rubric's
    /// headings. A sheet's headings are read in any of the three languages.
    Word {
        Reviewer => "Bedømmer", "Reviewer", "Bedömare";
        Application => "Ansøgning", "Application", "Ansökan";
        Title => "Titel", "Title", "Titel";
        Criterion => "Kriterium", "Criterion", "Kriterium";
        Score => "Point", "Score", "Poäng";
        Comment => "Kommentar", "Comment", "Kommentar";
        ReviewsSheet => "Bedømmelser", "Reviews", "Bedömningar";
        GuidanceSheet => "Vejledning", "Guidance", "Vägledning";
        Scale => "Skala", "Scale", "Skala";
        Disagreement => "Uenighed ved forskel på", "Disagreement at a difference of", "Oenighet vid skillnad på";
        Guidance => "Vejledning", "Guidance", "Vägledning";
        ScoreHelp => "Helt tal fra {min} til {max}; tom = ikke bedømt endnu", "Whole number from {min} to {max}; blank = not scored yet", "Heltal från {min} till {max}; tomt = inte bedömt ännu";
        Points => "{count} point", "{count} points", "{count} poäng";
    }
}

/// The columns of a review sheet, in the template's order.
const COLUMNS: [Word; 6] = [
    Word::Reviewer,
    Word::Application,
    Word::Title,
    Word::Criterion,
    Word::Score,
    Word::Comment,
];

/// The columns a sheet must have (the title and the comment may be left out).
const REQUIRED: [Word; 4] = [
    Word::Reviewer,
    Word::Application,
    Word::Criterion,
    Word::Score,
];

/// The languages a sheet's headings are read in.
const LANGUAGES: [&str; 3] = ["da", "en", "sv"];

/// What a sheet is checked against: the pack (criteria and their scales) and, when the caller
/// knows them, the applications that may be reviewed.
pub struct ReviewForm<'a> {
    /// The pack whose reviewed criteria the sheet scores.
    pub manifest: &'a Manifest,
    /// Application id → title of the applications that may be reviewed; `None` when they are
    /// not known (a batch reads its sheets before it has read its applications), and then any
    /// id is taken.
    pub applications: Option<&'a BTreeMap<String, String>>,
}

/// A review read from a sheet, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EnteredReview {
    /// The review.
    pub review: Review,
    /// The worksheet's name in a workbook; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The row's number as the spreadsheet shows it (the heading row is 1).
    pub row: usize,
}

/// Where a problem of a sheet is, for sorting it among problems found elsewhere (by file,
/// then sheet, row and column) and for saying a cell the caller finds wrong.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct SheetPlace {
    /// The worksheet's name in a workbook; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The row as the spreadsheet shows it; 0 for the file as a whole.
    pub row: usize,
    /// The column's position in the sheet (0 is the first), when one column is to blame.
    pub column: Option<usize>,
}

/// A problem of a sheet: where, and what (its file, sheet, row and column said first).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetProblem {
    /// Where it is.
    pub place: SheetPlace,
    /// What it is, in any language.
    pub said: Said,
}

/// What a review sheet holds, and what is wrong in it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ReviewSheet {
    /// The worksheet read in a workbook; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The scored rows without a problem, in the sheet's order.
    pub reviews: Vec<EnteredReview>,
    /// Every reviewer named on a row, scored or not (a reviewer's sheet with nothing scored yet
    /// still names them), by name, with the first row naming them.
    pub reviewers: BTreeMap<String, usize>,
    /// The position and heading of the reviewer's column, for a caller that finds a reviewer
    /// wrong (not on the panel).
    pub reviewer_column: Option<(usize, String)>,
    /// The position and heading of the score column, for a caller that finds a score wrong
    /// (a conflict of interest, the same score in another sheet).
    pub score_column: Option<(usize, String)>,
    /// Every problem found, in the sheet's order: by row, then column. Empty when the sheet
    /// can be used.
    pub problems: Vec<SheetProblem>,
    /// The heading row's number as the spreadsheet shows it (0 when the sheet could not be
    /// read).
    pub heading_row: usize,
}

/// One row of the template: an application to be reviewed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TemplateRow {
    /// The application's id.
    pub application_id: String,
    /// Its title, shown to the reviewer.
    pub title: String,
}

/// Most characters a comment may hold. A comment is copied into every report and letter that
/// shows the review; a longer one is a paste gone wrong (Excel's own cell limit is 32.767).
pub const MAX_COMMENT_CHARS: usize = 5_000;

/// Reads the review sheets of the file `file_name` (its `bytes`): XLSX when the name ends in
/// `.xlsx` or the bytes are a zip archive (a workbook), else CSV (`;`, `,` or tab; UTF-8 or
/// Windows-1252). Each review is checked against `form`. Names and ids are read with a
/// no-break space as a plain space (what a paste from a web page or a letter brings).
///
/// A workbook gives one [`ReviewSheet`] per worksheet that has a review sheet's headings (in
/// any language), so a panel's workbook with a worksheet per reviewer is read whole; an empty
/// worksheet and the template's guidance sheet (`Vejledning`/`Guidance`/`Vägledning`) are
/// passed over; any other worksheet holding something is a problem at its heading row, since
/// reviews written there would otherwise be lost unseen. A CSV file gives one.
///
/// Every problem is in [`ReviewSheet::problems`], each naming the file and, where there is
/// one, the sheet, row and column: a file that is not a sheet; a worksheet that is no review
/// sheet; a missing, unknown or doubled column; a file in which no row names a reviewer
/// (nothing to enter); per row a blank application, criterion or (on a scored row) reviewer,
/// an unknown application (when `form` knows them), an unknown criterion or one not scored by
/// reviewers, a score that is not a whole number or outside the criterion's scale (a date cell
/// too), a formula without a computed value, a comment over [`MAX_COMMENT_CHARS`], and a second
/// score by the same reviewer of the same criterion and application in one worksheet (naming
/// the first row). The rows without a problem are in [`ReviewSheet::reviews`] all the same, so
/// a caller can check them further (the panel, conflicts of interest, the same review in two
/// worksheets or files) and say every problem in one run.
pub fn read_review_sheets(bytes: &[u8], file_name: &str, form: &ReviewForm) -> Vec<ReviewSheet> {
    let failed = |sheet: Option<&str>, row: usize, said: Said| ReviewSheet {
        sheet: sheet.map(str::to_string),
        problems: vec![problem(file_name, sheet, row, None, said)],
        ..ReviewSheet::default()
    };
    let xlsx = file_name.to_lowercase().ends_with(".xlsx") || bytes.starts_with(b"PK\x03\x04");
    let mut read = if xlsx {
        let names = match Xlsx::new(Cursor::new(bytes)) {
            Ok(book) => book.sheet_names(),
            Err(e) => return vec![failed(None, 0, sheet::not_xlsx(&e))],
        };
        let mut read = Vec::new();
        for name in names {
            let sheet = match sheet::read_xlsx(bytes, Some(&name)) {
                Ok(sheet) => sheet,
                Err(said) if said.msg == Msg::EmptySheet => continue,
                Err(said) => {
                    read.push(failed(Some(&name), 0, said));
                    continue;
                }
            };
            // The guidance sheet shares the heading `Kriterium` with a review sheet: it is
            // read as one only when it has a reviewer's or a score column.
            let guidance = is_guidance(&name);
            let review_headings = if guidance {
                &[Word::Reviewer, Word::Score][..]
            } else {
                &COLUMNS[..]
            };
            if has_heading(&sheet, review_headings) {
                read.push(review_sheet_of(&sheet, file_name, form));
            } else if !guidance {
                let said = Said::new(Msg::NotAReviewSheet, &[]);
                read.push(failed(Some(&name), sheet.heading_row, said));
            }
        }
        read
    } else {
        match sheet::read_csv(bytes, None) {
            Ok((sheet, _)) => vec![review_sheet_of(&sheet, file_name, form)],
            Err(said) => vec![failed(None, 0, said)],
        }
    };
    let nothing = read
        .iter()
        .all(|sheet| sheet.reviewers.is_empty() && sheet.problems.is_empty());
    if nothing {
        // Nothing to enter: a sheet of headings only, the template sent back unfilled without
        // names, or a workbook of empty worksheets. Said, so the user does not take silence
        // for success.
        let said = Said::new(Msg::ReviewSheetEmpty, &[]);
        match read.first_mut() {
            Some(first) => {
                let row = first.heading_row;
                first
                    .problems
                    .push(problem(file_name, first.sheet.as_deref(), row, None, said));
            }
            None => read.push(failed(None, 0, said)),
        }
    }
    read
}

/// A problem of the file `file_name`, at `row` of `sheet` (0: the file as a whole) and in
/// `column` (its position and heading) when one is to blame.
fn problem(
    file_name: &str,
    sheet: Option<&str>,
    row: usize,
    column: Option<(usize, &str)>,
    said: Said,
) -> SheetProblem {
    let said = if row == 0 {
        said.at(Said::plain(file_name))
    } else {
        said.at(Said::plain(file_name))
            .at(crate::place(sheet, row, column.map(|(_, h)| h)))
    };
    SheetProblem {
        place: SheetPlace {
            sheet: sheet.map(str::to_string),
            row,
            column: column.map(|(i, _)| i),
        },
        said,
    }
}

/// Whether any heading of `sheet` is one of `columns`, in any language.
fn has_heading(sheet: &Sheet, columns: &[Word]) -> bool {
    sheet.headings.iter().any(|heading| {
        columns
            .iter()
            .any(|c| LANGUAGES.iter().any(|l| same_heading(heading, c.text(l))))
    })
}

/// Whether a worksheet named `name` is the template's guidance sheet (the rubric), in any
/// language.
fn is_guidance(name: &str) -> bool {
    LANGUAGES
        .iter()
        .any(|l| same_heading(name, Word::GuidanceSheet.text(l)))
}

/// The reviews of one sheet (a CSV file or one worksheet), checked as [`read_review_sheets`]
/// says; whether the file has any review at all is said by the caller.
fn review_sheet_of(sheet: &Sheet, file_name: &str, form: &ReviewForm) -> ReviewSheet {
    let mut read = ReviewSheet {
        heading_row: sheet.heading_row,
        ..ReviewSheet::default()
    };
    let problem = |sheet: Option<&str>, row: usize, column: Option<(usize, &str)>, said: Said| {
        problem(file_name, sheet, row, column, said)
    };
    read.sheet = sheet.name.clone();
    let heading_row = sheet.heading_row;
    let columns = match columns_of(sheet) {
        Ok(columns) => columns,
        Err(problems) => {
            read.problems.extend(
                problems
                    .into_iter()
                    .map(|said| problem(sheet.name.as_deref(), heading_row, None, said)),
            );
            return read;
        }
    };
    read.reviewer_column = columns.position(Word::Reviewer, sheet);
    read.score_column = columns.position(Word::Score, sheet);
    let mut first_row: BTreeMap<(String, String, String), usize> = BTreeMap::new();
    for row in &sheet.rows {
        if row.cells.iter().all(Cell::is_empty) {
            continue;
        }
        let at = |said: Said, column: Option<Word>| {
            let column = column.and_then(|c| columns.position(c, sheet));
            problem(
                sheet.name.as_deref(),
                row.number,
                column.as_ref().map(|(i, h)| (*i, h.as_str())),
                said,
            )
        };
        if let Some(said) = &row.problem {
            read.problems.push(at(said.clone(), None));
            continue;
        }
        let cell = |column: Word| columns.cell(column, &row.cells);
        let mut bad = Vec::new();
        let mut name_of = |column: Word| match name_of(cell(column)) {
            Ok(name) => name,
            Err(said) => {
                bad.push((column, said));
                String::new()
            }
        };
        let reviewer = kriterium_engine::text::nfc(&name_of(Word::Reviewer)).into_owned();
        let application = name_of(Word::Application);
        let criterion = name_of(Word::Criterion);
        let title = name_of(Word::Title);
        if !reviewer.is_empty() {
            read.reviewers.entry(reviewer.clone()).or_insert(row.number);
        }
        let score_cell = cell(Word::Score);
        if score_cell.is_empty() {
            // Not scored yet: the template's rows stay blank until the reviewer fills them. A
            // formula in a name cell that shows nothing is still said.
            read.problems
                .extend(bad.into_iter().map(|(column, said)| at(said, Some(column))));
            continue;
        }
        if reviewer.is_empty() && !bad.iter().any(|(c, _)| *c == Word::Reviewer) {
            bad.push((Word::Reviewer, Said::new(Msg::ReviewerMissing, &[])));
        }
        if application.is_empty() {
            if !bad.iter().any(|(c, _)| *c == Word::Application) {
                bad.push((Word::Application, Said::new(Msg::EmptyRequired, &[])));
            }
        } else if let Some(known) = form.applications
            && !known.contains_key(&application)
        {
            let hint =
                kriterium_engine::suggest::closest(&application, known.keys().map(String::as_str))
                    .unwrap_or_default();
            bad.push((
                Word::Application,
                Said::new(
                    Msg::ReviewUnknownApplication,
                    &[("value", &application), ("hint", hint)],
                ),
            ));
        }
        if let Some(known) = form.applications
            && let Some(expected) = known.get(&application)
            && let Some(said) = title_mismatch(&title, &application, expected, known)
        {
            bad.push((Word::Title, said));
        }
        let spec = if criterion.is_empty() {
            if !bad.iter().any(|(c, _)| *c == Word::Criterion) {
                bad.push((Word::Criterion, Said::new(Msg::EmptyRequired, &[])));
            }
            None
        } else {
            match criterion_of(form.manifest, &criterion, columns.lang) {
                Ok(found) => Some(found),
                Err(said) => {
                    bad.push((Word::Criterion, said));
                    None
                }
            }
        };
        let score = match score_of(score_cell, spec) {
            Ok(score) => score,
            Err(said) => {
                bad.push((Word::Score, said));
                None
            }
        };
        let comment = match comment_of(cell(Word::Comment)) {
            Ok(comment) => comment,
            Err(said) => {
                bad.push((Word::Comment, said));
                String::new()
            }
        };
        if bad.is_empty()
            && let (Some(score), Some(_)) = (score, spec)
        {
            let key = (reviewer.clone(), application.clone(), criterion.clone());
            if let Some(&earlier) = first_row.get(&key) {
                bad.push((
                    Word::Score,
                    Said::new(
                        Msg::ReviewTwice,
                        &[
                            ("reviewer", &reviewer),
                            ("application", &application),
                            ("criterion", &criterion),
                            ("row", &earlier.to_string()),
                        ],
                    ),
                ));
            } else {
                first_row.insert(key, row.number);
                read.reviews.push(EnteredReview {
                    review: Review {
                        application_id: application,
                        criterion,
                        reviewer,
                        score,
                        comment,
                    },
                    sheet: sheet.name.clone(),
                    row: row.number,
                });
            }
        }
        let mut bad: Vec<SheetProblem> = bad
            .into_iter()
            .map(|(column, said)| at(said, Some(column)))
            .collect();
        bad.sort_by(|a, b| a.place.cmp(&b.place));
        read.problems.extend(bad);
    }
    read
}

/// Whether the heading `found` is `word` (case and surrounding spaces ignored).
fn same_heading(found: &str, word: &str) -> bool {
    found.trim().to_lowercase() == word.to_lowercase()
}

/// Where each column of a sheet is, and the language its headings are in.
struct Columns {
    /// Column → its position in the sheet.
    at: BTreeMap<usize, usize>,
    /// The language most headings are in (Danish when none is known), for lists of headings.
    lang: &'static str,
}

impl Columns {
    /// The cell of `column` in `cells`; empty when the sheet has no such column.
    fn cell<'c>(&self, column: Word, cells: &'c [Cell]) -> &'c Cell {
        const EMPTY: &Cell = &Cell::Empty;
        self.at
            .get(&(column as usize))
            .and_then(|&i| cells.get(i))
            .unwrap_or(EMPTY)
    }

    /// The position of `column` in the sheet and its heading as the sheet writes it.
    fn position(&self, column: Word, sheet: &Sheet) -> Option<(usize, String)> {
        let &i = self.at.get(&(column as usize))?;
        Some((i, sheet.headings.get(i)?.clone()))
    }
}

/// The columns of `sheet` found by their headings.
///
/// # Errors
/// Every heading that is no column of a review sheet, every column given twice, every column
/// without a heading that holds something, and every required column missing.
fn columns_of(sheet: &Sheet) -> Result<Columns, Vec<Said>> {
    let mut at: BTreeMap<usize, usize> = BTreeMap::new();
    let mut votes: BTreeMap<&str, usize> = BTreeMap::new();
    let mut unknown = Vec::new();
    let mut problems = Vec::new();
    for (i, heading) in sheet.headings.iter().enumerate() {
        if heading.trim().is_empty() {
            // The first cell holding something is named, so a stray character far down is
            // found without scrolling (`ALL100000`).
            if let Some(row) = sheet
                .rows
                .iter()
                .find(|r| r.cells.get(i).is_some_and(|c| !c.is_empty()))
            {
                unknown.push((i, Err(sheet::cell_name(sheet.first_column + i, row.number))));
            }
            continue;
        }
        let found = COLUMNS.iter().find_map(|&column| {
            LANGUAGES
                .iter()
                .find(|lang| same_heading(heading, column.text(lang)))
                .map(|&lang| (column, lang))
        });
        match found {
            Some((column, lang)) => {
                *votes.entry(lang).or_default() += 1;
                if let Some(&first) = at.get(&(column as usize)) {
                    problems.push(Said::new(
                        Msg::ReviewColumnTwice,
                        &[
                            ("column", column.text(lang)),
                            ("first", &sheet.headings[first]),
                            ("second", heading),
                        ],
                    ));
                } else {
                    at.insert(column as usize, i);
                }
            }
            None => unknown.push((i, Ok(heading.as_str()))),
        }
    }
    // Ties go to Danish, then English: the order of `LANGUAGES`.
    let lang = LANGUAGES
        .iter()
        .copied()
        .fold(("da", 0), |best, lang| {
            let count = votes.get(lang).copied().unwrap_or(0);
            if count > best.1 { (lang, count) } else { best }
        })
        .0;
    let known = headings_in(&COLUMNS, lang);
    for (i, heading) in unknown {
        problems.push(match heading {
            Ok(heading) => {
                let all: Vec<&str> = COLUMNS
                    .iter()
                    .flat_map(|c| LANGUAGES.iter().map(|l| c.text(l)))
                    .collect();
                let hint = kriterium_engine::suggest::closest(heading, all.iter().copied())
                    .unwrap_or_default();
                Said::new(
                    Msg::ReviewColumnUnknown,
                    &[("column", heading), ("hint", hint), ("known", &known)],
                )
            }
            Err(cell) => Said::new(
                Msg::ReviewColumnUnheaded,
                &[
                    ("number", &(i + 1).to_string()),
                    ("cell", &cell),
                    ("known", &known),
                ],
            ),
        });
    }
    for column in REQUIRED {
        if !at.contains_key(&(column as usize)) {
            problems.push(Said::new(
                Msg::ReviewColumnMissing,
                &[
                    ("column", column.text(lang)),
                    ("required", &headings_in(&REQUIRED, lang)),
                ],
            ));
        }
    }
    if problems.is_empty() {
        Ok(Columns { at, lang })
    } else {
        Err(problems)
    }
}

/// What is wrong when a row's title cell is filled and is not the title of its application
/// `id` (`expected`): the template writes each application's title beside its id, so a
/// mistyped id, or a sheet sorted on one column alone, shows as a title that does not match.
/// The titles are compared without regard to case and to runs of spaces; when the title is
/// another application's (of `known`), that one is named. `None` for a blank title cell (the
/// column may be left out or empty) and a matching one.
fn title_mismatch(
    title: &str,
    id: &str,
    expected: &str,
    known: &BTreeMap<String, String>,
) -> Option<Said> {
    let comparable = |text: &str| {
        text.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let title_key = comparable(title);
    if title_key.is_empty() || title_key == comparable(expected) {
        return None;
    }
    let values = [
        ("title", title),
        ("application", id),
        ("expected", expected),
    ];
    Some(
        match known
            .iter()
            .find(|(_, other)| comparable(other) == title_key)
        {
            Some((other, _)) => {
                let mut values = values.to_vec();
                values.push(("other", other));
                Said::new(Msg::ReviewTitleOther, &values)
            }
            None => Said::new(Msg::ReviewTitleMismatch, &values),
        },
    )
}

/// `words` in `lang`, listed: `Bedømmer, Ansøgning og Point`.
fn headings_in(words: &[Word], lang: &str) -> String {
    let texts: Vec<&str> = words.iter().map(|w| w.text(lang)).collect();
    kriterium_engine::labels::list(&texts, lang)
}

/// A name or an id in a cell, trimmed, a no-break space (U+00A0, U+202F, U+2007) read as a
/// space: a number cell (an id Excel took for a number) as it shows.
///
/// # Errors
/// A formula whose value was never computed (see [`Cell::Uncomputed`]).
fn name_of(cell: &Cell) -> Result<String, Said> {
    uncomputed(cell)?;
    let shown = cell
        .shown()
        .replace(['\u{a0}', '\u{202f}', '\u{2007}'], " ");
    let shown = shown.trim();
    // `="0042"`, as the CSV template protects an id a spreadsheet would misread, is its text.
    let text = match shown
        .strip_prefix("=\"")
        .and_then(|rest| rest.strip_suffix('"'))
    {
        Some(inner) => inner.replace("\"\"", "\""),
        None => shown.to_string(),
    };
    Ok(text)
}

/// A comment, trimmed.
///
/// # Errors
/// A formula whose value was never computed; more than [`MAX_COMMENT_CHARS`] characters.
fn comment_of(cell: &Cell) -> Result<String, Said> {
    uncomputed(cell)?;
    let comment = cell.shown().trim().to_string();
    let chars = comment.chars().count();
    if chars > MAX_COMMENT_CHARS {
        return Err(Said::new(
            Msg::CommentTooLong,
            &[
                ("characters", &chars.to_string()),
                ("limit", &MAX_COMMENT_CHARS.to_string()),
            ],
        ));
    }
    Ok(comment)
}

/// Refuses a formula cell whose value was never computed: read as blank it would pass for
/// "not scored" (or an empty name) unseen.
fn uncomputed(cell: &Cell) -> Result<(), Said> {
    match cell {
        Cell::Uncomputed(formula) => Err(Said::new(Msg::FormulaNoValue, &[("value", formula)])),
        _ => Ok(()),
    }
}

/// The reviewed criterion `id` of the pack and its scale.
///
/// # Errors
/// The pack has no such criterion, or reviewers do not score it (with the ones they score).
fn criterion_of<'m>(
    manifest: &'m Manifest,
    id: &str,
    lang: &str,
) -> Result<(&'m CriterionSpec, &'m ReviewSpec), Said> {
    let reviewed: Vec<&str> = manifest
        .criteria
        .iter()
        .filter(|c| c.review.is_some())
        .map(|c| c.id.as_str())
        .collect();
    let known = kriterium_engine::labels::list(&reviewed, lang);
    match manifest.criteria.iter().find(|c| c.id == id) {
        Some(spec) => match &spec.review {
            Some(review) => Ok((spec, review)),
            None => Err(Said::new(
                Msg::ReviewNotReviewed,
                &[("value", id), ("known", &known)],
            )),
        },
        None => {
            let hint = kriterium_engine::suggest::closest(id, reviewed.iter().copied())
                .unwrap_or_default();
            Err(Said::new(
                Msg::ReviewUnknownCriterion,
                &[("value", id), ("hint", hint), ("known", &known)],
            ))
        }
    }
}

/// The score of a cell that is not empty, checked against the scale of `spec` when the
/// criterion is known (`None` when it is not: nothing to check it against, and the row is
/// refused for its criterion already).
///
/// # Errors
/// A formula without a computed value or showing an error; not a whole number; outside the
/// scale (a date cell is a number far outside it: said as a date).
fn score_of(cell: &Cell, spec: Option<(&CriterionSpec, &ReviewSpec)>) -> Result<Option<u32>, Said> {
    uncomputed(cell)?;
    if let Cell::Error(e) = cell {
        return Err(Said::new(Msg::CellError, &[("value", e)]));
    }
    let shown = cell.shown();
    let whole: Option<i64> = match cell {
        Cell::Number(n) | Cell::Date(n) if n.fract() == 0.0 && n.abs() < 1e15 => Some(*n as i64),
        Cell::Text(text) => text.trim().parse::<i64>().ok(),
        _ => None,
    };
    let Some((criterion, scale)) = spec else {
        return match whole {
            None => Err(Said::new(Msg::ScoreNotNumber, &[("value", shown.trim())])),
            Some(_) => Ok(None),
        };
    };
    let (min, max) = (scale.min.to_string(), scale.max.to_string());
    let Some(n) = whole else {
        return Err(Said::new(
            Msg::ScoreNotWhole,
            &[("value", shown.trim()), ("min", &min), ("max", &max)],
        ));
    };
    match u32::try_from(n) {
        Ok(score) if (scale.min..=scale.max).contains(&score) && !matches!(cell, Cell::Date(_)) => {
            Ok(Some(score))
        }
        _ => {
            let msg = if matches!(cell, Cell::Date(_)) {
                Msg::ScoreIsDate
            } else {
                Msg::ScoreOutsideScale
            };
            Err(Said::new(
                msg,
                &[
                    ("value", &n.to_string()),
                    ("criterion", &criterion.id),
                    ("min", &min),
                    ("max", &max),
                ],
            ))
        }
    }
}

/// The review sheet to fill in, as XLSX bytes, its words in `lang` (`da`, `en`, `sv`; the
/// pack's texts in `lang` where it has them, else in its own language).
///
/// The first sheet (`Bedømmelser`) has a row per application of `rows` and reviewed criterion
/// of the pack, in that order, with the reviewer's name filled in when `reviewer` is given, and
/// the score column limited to each criterion's scale; the second (`Vejledning`) the rubric.
/// The workbook's creation date is fixed, so the same inputs give the same bytes.
///
/// # Errors
/// The pack has no reviewed criterion; the XLSX writer's refusal (a text over Excel's limits).
pub fn review_template(
    manifest: &Manifest,
    rows: &[TemplateRow],
    reviewer: Option<&str>,
    lang: &str,
) -> Result<Vec<u8>, Said> {
    let reviewed = reviewed(manifest)?;
    workbook(manifest, &reviewed, rows, reviewer, lang).map_err(not_written)
}

/// The pack's reviewed criteria and their scales, in the pack's order.
///
/// # Errors
/// The pack has none: there is nothing to review.
fn reviewed(manifest: &Manifest) -> Result<Vec<(&CriterionSpec, &ReviewSpec)>, Said> {
    let reviewed: Vec<(&CriterionSpec, &ReviewSpec)> = manifest
        .criteria
        .iter()
        .filter_map(|c| c.review.as_ref().map(|r| (c, r)))
        .collect();
    if reviewed.is_empty() {
        return Err(Said::new(Msg::ReviewNoneReviewed, &[]));
    }
    Ok(reviewed)
}

/// A template writer's refusal, said.
fn not_written(error: impl std::fmt::Display) -> Said {
    Said::new(
        Msg::ReviewTemplateNotWritten,
        &[("reason", &error.to_string())],
    )
}

/// The review sheet to fill in as CSV bytes, its headings in `lang`: the rows of
/// [`review_template`]'s first sheet, in the Danish CSV the project writes (`;` between
/// fields, UTF-8 with a byte-order mark so Excel reads æøå, lines ending in CRLF). A CSV file
/// has one sheet, so the rubric is not in it (the XLSX template has it). Text a spreadsheet
/// would misread (`0042`, `=1+1`) is written as `="0042"`, which the reader takes back as it
/// was (`kriterium_engine::spreadsheet`).
///
/// # Errors
/// The pack has no reviewed criterion.
pub fn review_template_csv(
    manifest: &Manifest,
    rows: &[TemplateRow],
    reviewer: Option<&str>,
    lang: &str,
) -> Result<Vec<u8>, Said> {
    let reviewed = reviewed(manifest)?;
    let field = |text: &str| {
        let visible = kriterium_engine::text::visible(text, kriterium_engine::text::Kind::Line);
        kriterium_engine::spreadsheet::protected(&visible).into_owned()
    };
    let mut lines: Vec<Vec<String>> =
        vec![COLUMNS.iter().map(|w| w.text(lang).to_string()).collect()];
    for row in rows {
        for (criterion, _) in &reviewed {
            lines.push(vec![
                reviewer.map(&field).unwrap_or_default(),
                field(&row.application_id),
                field(&row.title),
                field(&criterion.id),
                String::new(),
                String::new(),
            ]);
        }
    }
    let mut writer = csv::WriterBuilder::new()
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(b"\xEF\xBB\xBF".to_vec());
    for line in &lines {
        writer.write_record(line).map_err(not_written)?;
    }
    writer.into_inner().map_err(not_written)
}

/// The template's workbook (see [`review_template`]).
fn workbook(
    manifest: &Manifest,
    reviewed: &[(&CriterionSpec, &ReviewSpec)],
    rows: &[TemplateRow],
    reviewer: Option<&str>,
    lang: &str,
) -> Result<Vec<u8>, XlsxError> {
    let mut book = Workbook::new();
    // A fixed creation date: the same reviews template byte for byte (the zip entries carry no
    // time of their own).
    let created = ExcelDateTime::from_ymd(2000, 1, 1)?;
    book.set_properties(&DocProperties::new().set_creation_datetime(&created));
    let bold = Format::new().set_bold().set_text_wrap();
    let wrap = Format::new().set_text_wrap();
    let pack_lang = manifest.language.as_str();

    let sheet = book.add_worksheet();
    sheet.set_name(Word::ReviewsSheet.text(lang))?;
    headings(sheet, &COLUMNS, lang, &bold)?;
    for (c, width) in [(0, 22), (1, 16), (2, 40), (3, 24), (4, 8), (5, 60)] {
        sheet.set_column_width(c, width)?;
    }
    let mut r: u32 = 1;
    for row in rows {
        for (criterion, scale) in reviewed {
            if let Some(name) = reviewer {
                sheet.write_string(r, 0, name)?;
            }
            sheet.write_string(r, 1, &row.application_id)?;
            sheet.write_string(r, 2, &row.title)?;
            sheet.write_string(r, 3, &criterion.id)?;
            let (min, max) = (scale_bound(scale.min)?, scale_bound(scale.max)?);
            let help = Word::ScoreHelp.fill(
                lang,
                &[
                    ("min", &scale.min.to_string()),
                    ("max", &scale.max.to_string()),
                ],
            );
            let validation = DataValidation::new()
                .allow_whole_number(DataValidationRule::Between(min, max))
                .set_input_message(&help)?
                .set_error_message(&help)?;
            sheet.add_data_validation(r, 4, r, 4, &validation)?;
            r += 1;
        }
    }
    sheet.set_freeze_panes(1, 0)?;

    let rubric = book.add_worksheet();
    rubric.set_name(Word::GuidanceSheet.text(lang))?;
    let rubric_columns = [
        Word::Criterion,
        Word::Title,
        Word::Scale,
        Word::Disagreement,
        Word::Guidance,
    ];
    headings(rubric, &rubric_columns, lang, &bold)?;
    for (c, width) in [(0, 24), (1, 36), (2, 8), (3, 16), (4, 90)] {
        rubric.set_column_width(c, width)?;
    }
    for (r, (criterion, scale)) in (1u32..).zip(reviewed) {
        rubric.write_string(r, 0, &criterion.id)?;
        rubric.write_string_with_format(r, 1, criterion.title.get(lang, pack_lang), &wrap)?;
        rubric.write_string(r, 2, format!("{}–{}", scale.min, scale.max))?;
        if let Some(limit) = scale.disagreement {
            rubric.write_string(
                r,
                3,
                Word::Points.fill(lang, &[("count", &limit.to_string())]),
            )?;
        }
        rubric.write_string_with_format(r, 4, scale.guidance.get(lang, pack_lang), &wrap)?;
    }
    rubric.set_freeze_panes(1, 0)?;
    book.save_to_buffer()
}

/// A bold heading row of `words` in `lang`.
fn headings(
    sheet: &mut Worksheet,
    words: &[Word],
    lang: &str,
    bold: &Format,
) -> Result<(), XlsxError> {
    for (c, word) in (0u16..).zip(words) {
        sheet.write_string_with_format(0, c, word.text(lang), bold)?;
    }
    Ok(())
}

/// A scale's bound as Excel's validation takes it.
fn scale_bound(bound: u32) -> Result<i32, XlsxError> {
    i32::try_from(bound)
        .map_err(|_| XlsxError::ParameterError(format!("the score {bound} is too large")))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pack with two reviewed criteria (scales 0–5 and 1–10) and one scored from the facts.
    fn manifest() -> Manifest {
        toml::from_str(
            r#"
            id = "test"
            version = "1.0.0"
            title = { da = "Prøve" }
            language = "da"
            currency = "DKK"
            budget = 100000

            [[criteria]]
            id = "drift"
            title = { da = "Drift efter tilskud", en = "Operation after the grant" }
            weight = 1
            max_points = 5
            script = "criteria/drift.rhai"
            review.min = 0
            review.max = 5
            review.disagreement = 2
            review.guidance.da = "5: driften er sikret af en ansvarlig på Ærø; 0: ingen udsigt til drift"
            review.guidance.en = "5: operation secured; 0: no prospect of operation"

            [[criteria]]
            id = "kvalitet"
            title = { da = "Kunstnerisk kvalitet" }
            weight = 1
            max_points = 10
            script = "criteria/kvalitet.rhai"
            review.min = 1
            review.max = 10
            review.guidance.da = "10: fremragende; 1: svag"

            [[criteria]]
            id = "partnere"
            title = { da = "Partnere" }
            weight = 1
            max_points = 3
            script = "criteria/partnere.rhai"
            "#,
        )
        .unwrap()
    }

    /// The sheet when it has no problem, else its problems.
    /// The one review sheet of a file that has one (a CSV file, a workbook of one review
    /// worksheet).
    fn read_review_sheet(bytes: &[u8], file_name: &str, form: &ReviewForm) -> ReviewSheet {
        let mut sheets = read_review_sheets(bytes, file_name, form);
        assert_eq!(sheets.len(), 1, "{sheets:?}");
        sheets.remove(0)
    }

    fn checked(sheet: ReviewSheet) -> Result<ReviewSheet, Vec<Said>> {
        if sheet.problems.is_empty() {
            Ok(sheet)
        } else {
            Err(sheet.problems.into_iter().map(|p| p.said).collect())
        }
    }

    fn applications() -> BTreeMap<String, String> {
        [
            ("A-1", "Kor på Ærø"),
            ("A-2", "Spillemænd"),
            ("A-3", "Ølfestival"),
        ]
        .into_iter()
        .map(|(id, title)| (id.to_string(), title.to_string()))
        .collect()
    }

    fn read(text: &str, known: bool) -> Result<ReviewSheet, Vec<String>> {
        let manifest = manifest();
        let applications = applications();
        let form = ReviewForm {
            manifest: &manifest,
            applications: known.then_some(&applications),
        };
        checked(read_review_sheet(text.as_bytes(), "søren.csv", &form))
            .map_err(|problems| problems.iter().map(|p| p.text("da")).collect())
    }

    #[test]
    fn a_danish_csv_sheet_gives_its_scored_rows_and_skips_blank_scores() {
        let text = "\u{feff}Bedømmer;Ansøgning;Titel;Kriterium;Point;Kommentar\r\n\
                    Søren Ærø;A-1;Kor på Ærø;drift;4;Kommunen driver videre\r\n\
                    Søren Ærø;A-1;Kor på Ærø;kvalitet;;\r\n\
                    ;;;;;\r\n\
                    Søren Ærø;A-2;Spillemænd;drift; 0 ;\r\n\
                    Åse Øst;A-3;;drift;;\r\n";
        let sheet = read(text, true).unwrap();
        let got: Vec<(&str, &str, u32, &str, usize)> = sheet
            .reviews
            .iter()
            .map(|e| {
                (
                    e.review.application_id.as_str(),
                    e.review.criterion.as_str(),
                    e.review.score,
                    e.review.comment.as_str(),
                    e.row,
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                ("A-1", "drift", 4, "Kommunen driver videre", 2),
                ("A-2", "drift", 0, "", 5)
            ]
        );
        assert!(
            sheet
                .reviews
                .iter()
                .all(|e| e.review.reviewer == "Søren Ærø")
        );
        assert!(sheet.reviews.iter().all(|e| e.sheet.is_none()));
        // A reviewer who has scored nothing yet is still named.
        assert_eq!(
            sheet.reviewers.keys().collect::<Vec<_>>(),
            ["Søren Ærø", "Åse Øst"]
        );
    }

    #[test]
    fn headings_are_read_in_any_language_and_order_and_any_application_when_none_is_known() {
        let text = "criterion,SCORE , reviewer,Application\nkvalitet,10,Anna,X-99\n";
        let sheet = read(text, false).unwrap();
        assert_eq!(sheet.reviews.len(), 1);
        assert_eq!(sheet.reviews[0].review.application_id, "X-99");
        assert_eq!(sheet.reviews[0].review.score, 10);
        let swedish = "Bedömare;Ansökan;Kriterium;Poäng;Kommentar\nAnna;A-1;drift;3;Bra\n";
        assert_eq!(
            read(swedish, true).unwrap().reviews[0].review.comment,
            "Bra"
        );
    }

    #[test]
    fn every_bad_cell_is_said_with_file_row_and_column() {
        let text = "Bedømmer;Ansøgning;Kriterium;Point\n\
                    Anna;A-9;drift;3\n\
                    Anna;A-1;drfit;3\n\
                    Anna;A-1;partnere;2\n\
                    Anna;A-2;drift;4,5\n\
                    Anna;A-2;kvalitet;0\n\
                    ;A-3;drift;2\n\
                    Anna;;drift;x\n\
                    Anna;A-3;drift;5\n\
                    Anna;A-3;drift;1\n\
                    Anna;A-1;;3\n";
        let problems = read(text, true).unwrap_err();
        assert_eq!(
            problems,
            [
                "søren.csv: række 2, kolonne »Ansøgning«: ansøgningen »A-9« er ikke blandt ansøgningerne; mente du »A-1«?",
                "søren.csv: række 3, kolonne »Kriterium«: regelsættet har intet kriterium »drfit«; mente du »drift«?; bedømmerne giver point for drift og kvalitet",
                "søren.csv: række 4, kolonne »Kriterium«: kriteriet »partnere« får point ud fra ansøgningens oplysninger, ikke af bedømmere; bedømmerne giver point for drift og kvalitet",
                "søren.csv: række 5, kolonne »Point«: »4,5« er ikke et helt antal point; skriv et helt tal fra 0 til 5",
                "søren.csv: række 6, kolonne »Point«: 0 point ligger uden for skalaen 1–10 for »kvalitet«; skriv et helt tal fra 1 til 10",
                "søren.csv: række 7, kolonne »Bedømmer«: rækken har point, men intet navn på bedømmeren; skriv navnet, som det står i panelet",
                "søren.csv: række 8, kolonne »Ansøgning«: cellen er tom, men feltet skal udfyldes",
                "søren.csv: række 8, kolonne »Point«: »x« er ikke et helt antal point; skriv et helt tal fra 0 til 5",
                "søren.csv: række 10, kolonne »Point«: Anna har også givet »A-3« point for »drift« i række 9; en bedømmer giver ét tal pr. ansøgning og kriterium, så slet den ene række",
                "søren.csv: række 11, kolonne »Kriterium«: cellen er tom, men feltet skal udfyldes",
            ]
        );
    }

    #[test]
    fn unknown_doubled_and_missing_columns_are_said_before_any_row() {
        let text = "Bedømmer;Ansøgning;Pont;Score;Point;;Noter\nAnna;A-1;1;2;3;x;y\n";
        let problems = read(text, true).unwrap_err();
        assert_eq!(
            problems,
            [
                "søren.csv: række 1: arket har to kolonner for »Point«: »Score« og »Point«; slet den ene",
                "søren.csv: række 1: arket har en kolonne »Pont«, som et bedømmelsesark ikke har; mente du »Point«?; kolonnerne er Bedømmer, Ansøgning, Titel, Kriterium, Point og Kommentar",
                "søren.csv: række 1: kolonne nr. 6 har ingen overskrift, men rummer noget (første gang i celle F2); giv den en af overskrifterne Bedømmer, Ansøgning, Titel, Kriterium, Point og Kommentar, eller slet indholdet",
                "søren.csv: række 1: arket har en kolonne »Noter«, som et bedømmelsesark ikke har; kolonnerne er Bedømmer, Ansøgning, Titel, Kriterium, Point og Kommentar",
                "søren.csv: række 1: arket har ingen kolonne »Kriterium«; et bedømmelsesark skal have kolonnerne Bedømmer, Ansøgning, Kriterium og Point",
            ]
        );
        // A row of the wrong width is said with its row, and the file that is no sheet at all.
        let ragged = "Bedømmer;Ansøgning;Kriterium;Point\nAnna;A-1;drift;3;4\n";
        assert_eq!(
            read(ragged, true).unwrap_err(),
            [
                "søren.csv: række 2: række 2 har 5 felter, men overskriften har 4; ret skilletegn eller anførselstegn i rækken"
            ]
        );
        let manifest = manifest();
        let form = ReviewForm {
            manifest: &manifest,
            applications: None,
        };
        let broken = checked(read_review_sheet(
            b"PK\x03\x04 not really",
            "ark.xlsx",
            &form,
        ))
        .unwrap_err();
        assert!(
            broken[0]
                .text("en")
                .starts_with("ark.xlsx: the file cannot be read as an Excel workbook"),
            "{}",
            broken[0].text("en")
        );
    }

    #[test]
    fn the_template_reads_back_with_nothing_scored_and_holds_the_rubric() {
        let manifest = manifest();
        let rows: Vec<TemplateRow> = applications()
            .into_iter()
            .map(|(application_id, title)| TemplateRow {
                application_id,
                title,
            })
            .collect();
        let bytes = review_template(&manifest, &rows, Some("Søren Ærø"), "da").unwrap();
        // Reproducible: the same inputs, the same bytes.
        assert_eq!(
            review_template(&manifest, &rows, Some("Søren Ærø"), "da").unwrap(),
            bytes
        );
        let applications = applications();
        let form = ReviewForm {
            manifest: &manifest,
            applications: Some(&applications),
        };
        let read = checked(read_review_sheet(&bytes, "skabelon.xlsx", &form)).unwrap();
        assert!(read.reviews.is_empty());
        assert_eq!(read.reviewers.keys().collect::<Vec<_>>(), ["Søren Ærø"]);
        let sheet = sheet::read_xlsx(&bytes, None).unwrap();
        assert_eq!(sheet.name.as_deref(), Some("Bedømmelser"));
        assert_eq!(
            sheet.headings,
            [
                "Bedømmer",
                "Ansøgning",
                "Titel",
                "Kriterium",
                "Point",
                "Kommentar"
            ]
        );
        // Three applications × two reviewed criteria, application by application.
        let cells: Vec<(String, String)> = sheet
            .rows
            .iter()
            .map(|r| (r.cells[1].shown(), r.cells[3].shown()))
            .collect();
        assert_eq!(cells.len(), 6);
        assert_eq!(cells[0], ("A-1".into(), "drift".into()));
        assert_eq!(cells[1], ("A-1".into(), "kvalitet".into()));
        assert_eq!(sheet.rows[0].cells[2], Cell::Text("Kor på Ærø".into()));
        let rubric = sheet::read_xlsx(&bytes, Some("Vejledning")).unwrap();
        assert_eq!(
            rubric.headings,
            [
                "Kriterium",
                "Titel",
                "Skala",
                "Uenighed ved forskel på",
                "Vejledning"
            ]
        );
        assert_eq!(
            rubric.rows[0].cells,
            [
                Cell::Text("drift".into()),
                Cell::Text("Drift efter tilskud".into()),
                Cell::Text("0–5".into()),
                Cell::Text("2 point".into()),
                Cell::Text(
                    "5: driften er sikret af en ansvarlig på Ærø; 0: ingen udsigt til drift".into()
                ),
            ]
        );
        assert_eq!(rubric.rows[1].cells[3], Cell::Empty);
        // In English: English words and the pack's English texts, Danish where it has none.
        let english = review_template(&manifest, &rows, None, "en").unwrap();
        let rubric = sheet::read_xlsx(&english, Some("Guidance")).unwrap();
        assert_eq!(
            rubric.rows[0].cells[1],
            Cell::Text("Operation after the grant".into())
        );
        assert_eq!(
            rubric.rows[1].cells[1],
            Cell::Text("Kunstnerisk kvalitet".into())
        );
        let sheet = sheet::read_xlsx(&english, None).unwrap();
        assert_eq!(sheet.name.as_deref(), Some("Reviews"));
        assert_eq!(sheet.rows[0].cells[0], Cell::Empty);
    }

    #[test]
    fn a_title_that_is_not_the_application_s_names_its_cell_and_the_application_it_belongs_to() {
        // Before, the title column was not read: 5 points meant for "Spillemænd" went to A-1.
        let text = "Bedømmer;Ansøgning;Titel;Kriterium;Point\n\
                    Søren;A-1;Spillemænd;kvalitet;5\n\
                    Søren;A-2;Spillemænd i Tønder;kvalitet;6\n\
                    Søren;A-3;  ølfestival ;kvalitet;7\n\
                    Bo;A-1;;kvalitet;8\n";
        assert_eq!(
            read(text, true).unwrap_err(),
            [
                "søren.csv: række 2, kolonne »Titel«: titlen »Spillemænd« er titlen på »A-2«, ikke på »A-1«, som hedder »Kor på Ærø«; ret id'et eller titlen, så pointene går til den rigtige ansøgning",
                "søren.csv: række 3, kolonne »Titel«: titlen »Spillemænd i Tønder« er ikke titlen på »A-2«, som hedder »Spillemænd«; ret id'et eller titlen, så pointene går til den rigtige ansøgning",
            ]
        );
        // Without the applications (a batch reads its sheets first) no title is known.
        assert_eq!(read(text, false).unwrap().reviews.len(), 4);
    }

    #[test]
    fn every_worksheet_with_review_headings_is_read_and_any_other_holding_something_is_said() {
        // Before, only the sheet named "Bedømmelser" (else the first) was read: Ole's rows,
        // one of them out of scale, vanished without a word, and so did a notes sheet.
        let mut book = Workbook::new();
        let rows: [(&str, &[(&str, f64)]); 2] = [
            ("Lene", &[("A-1", 3.0)]),
            ("Ole", &[("A-1", 4.0), ("A-2", 11.0)]),
        ];
        for (name, scores) in rows {
            let sheet = book.add_worksheet();
            sheet.set_name(name).unwrap();
            for (c, h) in (0u16..).zip(["Bedømmer", "Ansøgning", "Kriterium", "Point"]) {
                sheet.write_string(0, c, h).unwrap();
            }
            for (r, (application, score)) in (1u32..).zip(scores) {
                sheet.write_string(r, 0, format!("{name} Bach")).unwrap();
                sheet.write_string(r, 1, *application).unwrap();
                sheet.write_string(r, 2, "kvalitet").unwrap();
                sheet.write_number(r, 3, *score).unwrap();
            }
        }
        book.add_worksheet().set_name("Tom").unwrap();
        let guidance = book.add_worksheet();
        guidance.set_name("Vejledning").unwrap();
        guidance.write_string(0, 0, "Kriterium").unwrap();
        guidance.write_string(0, 1, "Skala").unwrap();
        let notes = book.add_worksheet();
        notes.set_name("Noter").unwrap();
        notes.write_string(2, 1, "Ole: A-3 giver jeg 5").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let manifest = manifest();
        let form = ReviewForm {
            manifest: &manifest,
            applications: None,
        };
        let sheets = read_review_sheets(&bytes, "panel.xlsx", &form);
        type Read<'s> = (Option<&'s str>, Vec<(&'s str, u32)>);
        let read: Vec<Read> = sheets
            .iter()
            .map(|sheet| {
                let reviews = sheet.reviews.iter();
                let reviews = reviews.map(|r| (r.review.reviewer.as_str(), r.review.score));
                (sheet.sheet.as_deref(), reviews.collect())
            })
            .collect();
        assert_eq!(
            read,
            [
                (Some("Lene"), vec![("Lene Bach", 3)]),
                (Some("Ole"), vec![("Ole Bach", 4)]),
                (Some("Noter"), vec![]),
            ]
        );
        let problems: Vec<String> = sheets
            .iter()
            .flat_map(|sheet| sheet.problems.iter().map(|p| p.said.text("da")))
            .collect();
        assert_eq!(
            problems,
            [
                "panel.xlsx: ark »Ole«, række 3, kolonne »Point«: 11 point ligger uden for skalaen 1–10 for »kvalitet«; skriv et helt tal fra 1 til 10",
                "panel.xlsx: ark »Noter«, række 3: arket rummer noget, men ingen af dets overskrifter er et bedømmelsesarks (Bedømmer, Ansøgning, Titel, Kriterium, Point, Kommentar), så intet i det ville blive læst; giv det overskrifterne i første række, eller slet arket fra projektmappen",
            ]
        );
    }

    #[test]
    fn a_workbook_s_number_cells_are_scores_and_its_guidance_sheet_is_passed_over() {
        // A sheet "Reviews" after another sheet, with Anna's score `score` of application 17.
        let workbook = |score: f64| {
            let mut book = Workbook::new();
            let notes = book.add_worksheet();
            notes.set_name("Vejledning").unwrap();
            notes.write_string(0, 0, "ikke bedømmelser").unwrap();
            let sheet = book.add_worksheet();
            sheet.set_name("Reviews").unwrap();
            for (c, h) in (0u16..).zip(["Reviewer", "Application", "Criterion", "Score"]) {
                sheet.write_string(0, c, h).unwrap();
            }
            sheet.write_string(1, 0, "Anna").unwrap();
            sheet.write_number(1, 1, 17).unwrap();
            sheet.write_string(1, 2, "kvalitet").unwrap();
            sheet.write_number(1, 3, score).unwrap();
            book.save_to_buffer().unwrap()
        };
        let manifest = manifest();
        let form = ReviewForm {
            manifest: &manifest,
            applications: None,
        };
        let problems = checked(read_review_sheet(&workbook(7.5), "anna.xlsx", &form)).unwrap_err();
        assert_eq!(
            problems.iter().map(|p| p.text("en")).collect::<Vec<_>>(),
            [
                "anna.xlsx: sheet \"Reviews\", row 2, column \"Score\": \"7.5\" is not a whole number of points; write a whole number from 1 to 10"
            ]
        );
        let read = checked(read_review_sheet(&workbook(7.0), "anna.xlsx", &form)).unwrap();
        assert_eq!(read.reviews[0].review.application_id, "17");
        assert_eq!(read.reviews[0].review.score, 7);
        assert_eq!(read.reviews[0].sheet.as_deref(), Some("Reviews"));
        assert_eq!(read.reviews[0].row, 2);
    }

    #[test]
    fn a_pasted_no_break_space_is_a_space_and_a_protected_id_is_its_text() {
        let text = "Bedømmer;Ansøgning;Kriterium;Point\n\
                    Søren\u{a0}Ærø;=\"A-1\";drift;4\n";
        let sheet = read(text, true).unwrap();
        assert_eq!(sheet.reviews[0].review.reviewer, "Søren Ærø");
        assert_eq!(sheet.reviews[0].review.application_id, "A-1");
    }

    #[test]
    fn an_over_long_comment_a_date_score_and_a_sheet_without_reviews_are_mistakes() {
        let long = "x".repeat(MAX_COMMENT_CHARS + 1);
        let text =
            format!("Bedømmer;Ansøgning;Kriterium;Point;Kommentar\nAnna;A-1;drift;3;{long}\n");
        assert_eq!(
            read(&text, true).unwrap_err(),
            [
                "søren.csv: række 2, kolonne »Kommentar«: kommentaren har 5.001 tegn; en kommentar må højst have 5.000 tegn, så kort den ned"
            ]
        );
        // A comment of exactly the limit is taken.
        let text = format!(
            "Bedømmer;Ansøgning;Kriterium;Point;Kommentar\nAnna;A-1;drift;3;{}\n",
            "x".repeat(MAX_COMMENT_CHARS)
        );
        assert!(read(&text, true).is_ok());
        // Headings only, or rows that name no reviewer: nothing to enter, said.
        for text in [
            "Bedømmer;Ansøgning;Kriterium;Point\n",
            "Bedømmer;Ansøgning;Kriterium;Point\n;A-1;drift;\n",
        ] {
            assert_eq!(
                read(text, true).unwrap_err(),
                [
                    "søren.csv: række 1: der er ingen bedømmelser i arket: ingen række nævner en bedømmer; udfyld kolonnerne for bedømmer og point, eller udelad filen"
                ]
            );
        }
        // A score cell formatted as a date is out of the scale, and said to be a date.
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in (0u16..).zip(["Bedømmer", "Ansøgning", "Kriterium", "Point"]) {
            sheet.write_string(0, c, h).unwrap();
        }
        sheet.write_string(1, 0, "Anna").unwrap();
        sheet.write_string(1, 1, "A-1").unwrap();
        sheet.write_string(1, 2, "drift").unwrap();
        let date = Format::new().set_num_format("dd-mm-yyyy");
        sheet
            .write_number_with_format(1, 3, 45660.0, &date)
            .unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let manifest = manifest();
        let form = ReviewForm {
            manifest: &manifest,
            applications: None,
        };
        let problems = checked(read_review_sheet(&bytes, "anna.xlsx", &form)).unwrap_err();
        assert_eq!(
            problems[0].text("da"),
            "anna.xlsx: ark »Sheet1«, række 2, kolonne »Point«: cellen er formateret som en dato (tallet 45660), og det ligger uden for skalaen 0–5 for »drift«; formatér cellen som tal og skriv et helt tal fra 0 til 5"
        );
    }

    #[test]
    fn the_csv_template_is_danish_csv_and_reads_back_with_nothing_scored() {
        let manifest = manifest();
        let rows = vec![TemplateRow {
            application_id: "0042".into(),
            title: "=1+1; \"Kor\"".into(),
        }];
        let bytes = review_template_csv(&manifest, &rows, Some("Søren Ærø"), "da").unwrap();
        let text = String::from_utf8(bytes.clone()).unwrap();
        assert_eq!(
            text,
            "\u{feff}Bedømmer;Ansøgning;Titel;Kriterium;Point;Kommentar\r\n\
             Søren Ærø;\"=\"\"0042\"\"\";\"=\"\"=1+1; \"\"\"\"Kor\"\"\"\"\"\"\";drift;;\r\n\
             Søren Ærø;\"=\"\"0042\"\"\";\"=\"\"=1+1; \"\"\"\"Kor\"\"\"\"\"\"\";kvalitet;;\r\n"
        );
        let applications: BTreeMap<String, String> =
            [("0042".to_string(), "=1+1; \"Kor\"".to_string())].into();
        let form = ReviewForm {
            manifest: &manifest,
            applications: Some(&applications),
        };
        let filled = text.replacen(";drift;;", ";drift;4;", 1);
        // The protected title reads back as the application's title.
        let read = checked(read_review_sheet(filled.as_bytes(), "søren.csv", &form)).unwrap();
        assert_eq!(read.reviews.len(), 1);
        assert_eq!(read.reviews[0].review.application_id, "0042");
        assert_eq!(read.reviewers.keys().collect::<Vec<_>>(), ["Søren Ærø"]);
    }

    #[test]
    fn a_pack_without_reviewed_criteria_has_no_template() {
        let mut manifest = manifest();
        for c in &mut manifest.criteria {
            c.review = None;
        }
        let said = review_template(&manifest, &[], None, "sv").unwrap_err();
        assert_eq!(said.msg, Msg::ReviewNoneReviewed);
    }

    #[test]
    fn the_words_have_the_same_placeholders_in_every_language() {
        assert_eq!(Word::placeholders_differ(), Vec::<&str>::new());
    }
}
