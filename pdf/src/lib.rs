//! Decision letters as PDF/A-2b, typeset in-process with typst.
//!
//! A letter arrives as its `LetterView` JSON (the shape is described in `ARCHITECTURE.md`,
//! "Letters as PDF"). [`view`] checks that shape and makes every string printable with the
//! embedded fonts; [`world`] gives typst an in-memory world whose only files are the template
//! `letter.typ` and that JSON, so user text is data and never markup; typst-pdf writes PDF/A-2b
//! with the fonts embedded and subset. No system font, file or clock is read: the same letter and
//! date give the same bytes on every machine.

mod error;
mod fonts;
mod view;
mod world;

pub use error::{PdfError, Problem};

use typst::foundations::{Datetime, Smart};
use typst::layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

/// How many compilations typst's memo cache keeps an unused entry: a few letters' worth of
/// shaped text and layout stays for the next letter, older entries go.
const CACHE_AGE: usize = 10;

/// The PDF/A-2b of a letter: `letter` is the LetterView JSON; `date` the decision's date
/// (year, month 1–12, day 1–31), the document's only date: no creation timestamp beyond it.
///
/// Returns the PDF's bytes, identical for the same `letter` and `date`.
///
/// # Errors
/// - [`PdfError::Shape`] when `letter` is not a LetterView (with the JSON pointer of the value);
/// - [`PdfError::Date`] when `date` is not a day of the calendar;
/// - [`PdfError::Typeset`] with typst's diagnostics when the template fails: a fault in
///   `letter.typ`, not in the letter's data.
pub fn letter(letter: &serde_json::Value, date: (i32, u8, u8)) -> Result<Vec<u8>, PdfError> {
    let (year, month, day) = date;
    let today = Datetime::from_ymd(year, month, day).ok_or(PdfError::Date { year, month, day })?;
    let printable = view::printable(letter)?;
    let world = world::LetterWorld::new(&printable.json, today);
    typeset(&world, &printable.case_number, today)
}

/// The PDF/A-2b of `world`'s main file, identified by `ident`, dated `today`.
///
/// # Errors
/// [`PdfError::Typeset`] with typst's diagnostics, each placed in the template.
fn typeset(world: &world::LetterWorld, ident: &str, today: Datetime) -> Result<Vec<u8>, PdfError> {
    // One standard alone cannot conflict with another; typst still reports it as a `Result`.
    let standards =
        PdfStandards::new(&[PdfStandard::A_2b]).map_err(|message| PdfError::Typeset {
            diagnostics: vec![message.to_string()],
        })?;
    let options = PdfOptions {
        ident: Smart::Custom(ident),
        timestamp: Some(Timestamp::new_utc(today)),
        standards,
        ..PdfOptions::default()
    };
    let pdf = typst::compile::<PagedDocument>(world)
        .output
        .and_then(|document| typst_pdf::pdf(&document, &options));
    comemo::evict(CACHE_AGE);
    pdf.map_err(|diagnostics| PdfError::Typeset {
        diagnostics: diagnostics.iter().map(|d| world.describe(d)).collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_fault_in_the_template_is_returned_with_its_place_not_a_panic() {
        let today = Datetime::from_ymd(2025, 3, 14).unwrap();
        let world = world::LetterWorld::with_template("= Brev\n#let x = (1 +)\n", b"{}", today);
        let Err(PdfError::Typeset { diagnostics }) = typeset(&world, "X-1", today) else {
            panic!("a broken template was set");
        };
        assert!(
            diagnostics[0].starts_with("letter.typ:2:"),
            "{diagnostics:?}"
        );
        let world = world::LetterWorld::with_template("#json(\"/etc/passwd\")", b"{}", today);
        let Err(PdfError::Typeset { diagnostics }) = typeset(&world, "X-1", today) else {
            panic!("a file outside the letter was read");
        };
        assert!(diagnostics[0].contains("not found"), "{diagnostics:?}");
    }

    #[test]
    fn today_in_a_letter_is_the_decisions_date() {
        let today = Datetime::from_ymd(2025, 3, 14).unwrap();
        let template = "#let d = datetime.today()\n#assert(d.year() == 2025 and d.month() == 3 and d.day() == 14, message: \"today is \" + d.display())";
        let world = world::LetterWorld::with_template(template, b"{}", today);
        assert!(typeset(&world, "X-1", today).is_ok());
    }
}
