//! The batch summary (`summary.json`) and the ranking table (`ranking.csv`).
//!
//! Both are rendered from decisions in output order; writing them is the caller's business.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::io;

use serde::Serialize;

use crate::ENGINE_VERSION;
use crate::batch::Rejected;
use crate::decimal::Decimal;
use crate::decision::{PackRef, Recommendation};
use crate::labels::Label;
use crate::pack::RulePack;
use crate::ranking::Ranking;
use crate::spreadsheet;

/// `summary.json`: counts, budget, the pack, and every rejected input with its reasons.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// The pack that made the decisions.
    pub pack: PackRef,
    /// Version of kriterium.
    pub engine_version: String,
    /// Inputs read (assessed and rejected).
    pub inputs: u64,
    /// Decisions per recommendation, and how many inputs were rejected; `awaiting_review` only
    /// under a pack with a reviewer-scored criterion.
    pub counts: BTreeMap<String, u64>,
    /// The budget funded against.
    pub budget: u64,
    /// Granted in all.
    pub budget_used: u64,
    /// Not granted.
    pub budget_left: u64,
    /// Inputs that were not assessed, in reading order.
    pub rejected: Vec<RejectedInput>,
    /// Reviews that did not count (from a member with a conflict of interest, or of an
    /// application the batch did not assess), each with its sheet (`source`), row (`line`),
    /// application and reason; sorted by sheet and row. Not inputs, so counted in neither
    /// `inputs` nor `counts.rejected`; left out when there are none.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub reviews_not_counted: Vec<RejectedInput>,
    /// The round's funding rule and portfolio goals: each goal under the ranking's line and
    /// under the best package (`portfolio::report`); left out for a pack without goals whose
    /// rule is not `optimal`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub portfolio: Option<crate::portfolio::PortfolioReport>,
}

/// An input that was not assessed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RejectedInput {
    /// The file, or `<stdin>`.
    pub source: String,
    /// The line in a JSON Lines input.
    pub line: Option<usize>,
    /// The application's id, when a valid one was read.
    pub application_id: Option<String>,
    /// Why, one problem per entry (`file:line: /pointer: message`), in the run's language.
    pub problems: Vec<String>,
}

impl Summary {
    /// The summary of a batch: `ranking` of its assessed applications against `budget`, and
    /// the inputs it rejected (in reading order), their problems in `lang`, the language of
    /// the run's results (`--lang` or the pack's, never the environment's).
    pub fn of(
        pack: &RulePack,
        ranking: &Ranking,
        budget: u64,
        rejected: &[Rejected],
        lang: &str,
    ) -> Self {
        let mut counts: BTreeMap<String, u64> = ranking
            .counts()
            .into_iter()
            .map(|(recommendation, n)| (recommendation.key().to_string(), n))
            .collect();
        counts.insert("rejected".into(), rejected.len() as u64);
        // Under a pack without reviewer-scored criteria no application can await review: its
        // summary says nothing of reviews, as it did before there were any.
        if !pack.manifest.criteria.iter().any(|c| c.review.is_some()) {
            counts.remove(Recommendation::AwaitingReview.key());
        }
        Summary {
            pack: PackRef {
                id: pack.manifest.id.clone(),
                version: pack.manifest.version.clone(),
                fingerprint: pack.fingerprint.clone(),
            },
            engine_version: ENGINE_VERSION.to_string(),
            inputs: (ranking.placements.len() + rejected.len()) as u64,
            counts,
            budget,
            budget_used: ranking.used,
            // The ranking never grants more than the budget.
            budget_left: budget.saturating_sub(ranking.used),
            rejected: rejected
                .iter()
                .map(|r| RejectedInput {
                    source: r.source.clone(),
                    line: r.line,
                    application_id: r.application_id.clone(),
                    problems: r
                        .problems
                        .iter()
                        .map(|p| p.display_in(lang).to_string())
                        .collect(),
                })
                .collect(),
            reviews_not_counted: Vec::new(),
            portfolio: None,
        }
    }

    /// How many decisions got `recommendation` (0 `awaiting_review` under a pack without
    /// reviewer-scored criteria, whose summary does not count them).
    pub fn count(&self, recommendation: Recommendation) -> u64 {
        match self.counts.get(recommendation.key()) {
            Some(&n) => n,
            None => {
                assert!(
                    recommendation == Recommendation::AwaitingReview,
                    "`Summary::of` counts every recommendation but awaiting review"
                );
                0
            }
        }
    }
}

/// The header of `ranking.csv`: rank, id, title, total, points per criterion, requested,
/// granted, recommendation. One line ending in CRLF, as [`RankingCsv`] writes it.
pub fn csv_header(criteria: &[String], lang: &str) -> String {
    csv_line(&header_fields(criteria, lang))
}

/// What one row of `ranking.csv` shows.
#[derive(Debug, Clone, Copy)]
pub struct CsvRow<'a> {
    /// Place in the ranking, if ranked.
    pub rank: Option<u64>,
    /// The application's id.
    pub application_id: &'a str,
    /// The application's title.
    pub title: &'a str,
    /// Total weighted points; `None` while a criterion has no points yet (a blank cell).
    pub total: Option<Decimal>,
    /// Points per criterion in priority order; `None` for a criterion scored by reviewers that
    /// no reviewer has scored (awaiting review, or not reviewed because the application is not
    /// eligible): a blank cell, never a 0 that reads as a score.
    pub points: &'a [Option<Decimal>],
    /// Amount requested.
    pub requested: u64,
    /// Amount granted.
    pub granted: u64,
    /// The batch's recommendation.
    pub recommendation: Recommendation,
}

/// One row of `ranking.csv`, ending in CRLF, as [`RankingCsv`] writes it. Numbers have a
/// decimal comma, as Danish spreadsheets expect.
pub fn csv_row(row: &CsvRow<'_>, lang: &str) -> String {
    csv_line(&row_fields(row, lang))
}

/// `ranking.csv` written as rows arrive: the header first, then one [`CsvRow`] per call. The
/// byte-order mark Danish Excel needs to read UTF-8 is the caller's, written before this starts.
pub struct RankingCsv<W: io::Write> {
    writer: csv::Writer<W>,
    lang: String,
}

impl<W: io::Write> RankingCsv<W> {
    /// Starts the table on `out` with its header: the fixed columns in `lang`, and one column
    /// per criterion (`criteria`, in priority order).
    ///
    /// # Errors
    /// Writing to `out` failed.
    pub fn new(out: W, criteria: &[String], lang: &str) -> io::Result<Self> {
        let mut writer = dialect().from_writer(out);
        write_fields(&mut writer, &header_fields(criteria, lang))?;
        Ok(RankingCsv {
            writer,
            lang: lang.to_string(),
        })
    }

    /// Writes one row.
    ///
    /// # Errors
    /// Writing to the output failed, or the row has another number of criteria than the header
    /// (a mistake of the caller's, refused rather than written in the wrong columns).
    pub fn row(&mut self, row: &CsvRow<'_>) -> io::Result<()> {
        Ok(write_fields(
            &mut self.writer,
            &row_fields(row, &self.lang),
        )?)
    }

    /// Writes out what is buffered and gives the output back.
    ///
    /// # Errors
    /// Writing to the output failed.
    pub fn finish(self) -> io::Result<W> {
        self.writer.into_inner().map_err(|e| e.into_error())
    }
}

/// The header's fields: the fixed columns in `lang`, and the criterion ids.
fn header_fields(criteria: &[String], lang: &str) -> Vec<Field> {
    let label = |l: Label| Field::Text(l.text(lang).to_string());
    let mut fields: Vec<Field> = [Label::Rank, Label::Application, Label::Title, Label::Total]
        .map(label)
        .into();
    fields.extend(criteria.iter().map(|c| Field::Text(c.clone())));
    fields.extend([Label::Requested, Label::Granted, Label::Recommendation].map(label));
    fields
}

/// A row's fields. Points and totals are written as `lang` writes numbers (`12,5` in Danish and
/// Swedish, `12.5` in English), whatever the locale of the machine.
fn row_fields(row: &CsvRow<'_>, lang: &str) -> Vec<Field> {
    let number = |d: Option<Decimal>| {
        Field::Number(d.map_or_else(String::new, |d| crate::labels::number(d, lang)))
    };
    let mut fields = vec![
        Field::Number(row.rank.map(|r| r.to_string()).unwrap_or_default()),
        Field::Text(row.application_id.to_string()),
        Field::Text(row.title.to_string()),
        number(row.total),
    ];
    fields.extend(row.points.iter().map(|&p| number(p)));
    fields.push(Field::Number(row.requested.to_string()));
    fields.push(Field::Number(row.granted.to_string()));
    fields.push(Field::Text(
        Label::recommendation_stated(row.recommendation)
            .text(lang)
            .to_string(),
    ));
    fields
}

/// A field of `ranking.csv`: a number kriterium wrote, or text (labels, ids, an applicant's
/// title) that must reach a spreadsheet as that text.
enum Field {
    Number(String),
    Text(String),
}

/// The CSV dialect of `ranking.csv`, what spreadsheet programs write and Danish ones read:
/// fields separated by `;` (the comma is the decimal sign), quoted only when they hold `;`, `"`
/// or a line break, `"` doubled inside quotes, lines ending in CRLF.
fn dialect() -> csv::WriterBuilder {
    let mut builder = csv::WriterBuilder::new();
    builder
        .delimiter(b';')
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .double_quote(true);
    builder
}

/// One line of fields in the dialect of [`dialect`], as text.
fn csv_line(fields: &[Field]) -> String {
    // A line is short: the writer's buffer need not be its default 8 KiB, allocated per line.
    let mut writer = dialect().buffer_capacity(256).from_writer(Vec::new());
    write_fields(&mut writer, fields)
        .expect("a first record written to memory cannot fail: no I/O, no earlier length");
    let bytes = writer
        .into_inner()
        .expect("flushing into memory cannot fail");
    String::from_utf8(bytes).expect("UTF-8 fields with ASCII quotes and separators are UTF-8")
}

/// One record: numbers as they are, text made [`spreadsheet_text`].
fn write_fields<W: io::Write>(writer: &mut csv::Writer<W>, fields: &[Field]) -> csv::Result<()> {
    for field in fields {
        match field {
            Field::Number(number) => writer.write_field(number.as_bytes())?,
            Field::Text(text) => writer.write_field(spreadsheet_text(text).as_bytes())?,
        }
    }
    // An empty record ends the one the fields were written to.
    writer.write_record(None::<&[u8]>)
}

/// Text made safe for a spreadsheet, whoever wrote it (an applicant's title, a pack's
/// criterion): control characters (a NUL, an ESC) are shown as `<U+0000>`, never written raw,
/// and text a spreadsheet would read as a number, date or formula (`0042`, `3-4`, `=1+1`) is
/// written as `="0042"`, which spreadsheets read back as the exact text ([`spreadsheet`]).
fn spreadsheet_text(text: &str) -> Cow<'_, str> {
    match crate::text::visible(text, crate::text::Kind::Line) {
        Cow::Borrowed(text) => spreadsheet::protected(text),
        Cow::Owned(text) => Cow::Owned(spreadsheet::protected(&text).into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A line of the text `field` and a plain second field, as `ranking.csv` writes it.
    fn line_with(field: &str) -> String {
        csv_line(&[Field::Text(field.to_string()), Field::Text("x".to_string())])
    }

    #[test]
    fn text_is_quoted_and_what_a_spreadsheet_would_misread_protected() {
        let cases = [
            ("plain", "plain"),
            ("MIS-2025-015", "MIS-2025-015"),
            ("a;b", "\"a;b\""),
            ("„Stemmer\" & co", "\"„Stemmer\"\" & co\""),
            // `="…"`, quoted because it holds `"`: the cell is the text, never a formula.
            (
                "=HYPERLINK(\"x\")",
                "\"=\"\"=HYPERLINK(\"\"\"\"x\"\"\"\")\"\"\"",
            ),
            ("+45 1234", "\"=\"\"+45 1234\"\"\""),
            ("@SUM(A1)", "\"=\"\"@SUM(A1)\"\"\""),
            ("-inf", "\"=\"\"-inf\"\"\""),
            ("-5", "\"=\"\"-5\"\"\""),
            ("0042", "\"=\"\"0042\"\"\""),
            ("1E5", "\"=\"\"1E5\"\"\""),
            ("3-4", "\"=\"\"3-4\"\"\""),
            ("", ""),
            ("a\u{0}b\u{1b}[2J", "a<U+0000>b<U+001B>[2J"),
            ("two\nlines\ttab", "two<U+000A>lines<U+0009>tab"),
        ];
        for (field, written) in cases {
            assert_eq!(line_with(field), format!("{written};x\r\n"), "{field:?}");
        }
    }

    /// Numbers kriterium wrote are never protected; their decimal sign is the language's.
    #[test]
    fn points_follow_the_language_of_the_table() {
        let points = [Some("3.5".parse().unwrap()), Some(Decimal::from(-2_i64))];
        let row = row("A-1", "t", &points);
        assert_eq!(
            csv_row(&row, "da"),
            "1;A-1;t;12,5;3,5;-2;1000;500;støttes\r\n"
        );
        assert!(csv_row(&row, "en").starts_with("1;A-1;t;12.5;3.5;-2;1000;500;"));
        assert!(csv_row(&row, "sv").starts_with("1;A-1;t;12,5;3,5;-2;1000;500;"));
    }

    /// A criterion without points yet, and so a total without one, are blank cells, not 0.
    #[test]
    fn points_not_given_yet_are_blank_cells() {
        let points = [None, Some(Decimal::from(2_i64))];
        let row = CsvRow {
            rank: None,
            total: None,
            ..row("A-1", "t", &points)
        };
        assert_eq!(csv_row(&row, "da"), ";A-1;t;;;2;1000;500;støttes\r\n");
    }

    fn row<'a>(id: &'a str, title: &'a str, points: &'a [Option<Decimal>]) -> CsvRow<'a> {
        CsvRow {
            rank: Some(1),
            application_id: id,
            title,
            total: Some("12.5".parse().unwrap()),
            points,
            requested: 1000,
            granted: 500,
            recommendation: Recommendation::Fund,
        }
    }

    /// The streamed table and the line-by-line functions write the same bytes.
    #[test]
    fn the_streamed_table_is_the_header_and_rows_line_by_line() {
        let criteria = vec!["kvalitet".to_string(), "=risiko".to_string()];
        let points = [Some("3.5".parse().unwrap()), Some(Decimal::from(2_i64))];
        let rows = [
            row("A-1", "Kor; og \"orkester\"", &points),
            row("B", "-x", &points),
        ];
        let mut table = RankingCsv::new(Vec::new(), &criteria, "da").unwrap();
        for r in &rows {
            table.row(r).unwrap();
        }
        let streamed = String::from_utf8(table.finish().unwrap()).unwrap();
        let by_line = [
            csv_header(&criteria, "da"),
            csv_row(&rows[0], "da"),
            csv_row(&rows[1], "da"),
        ]
        .concat();
        assert_eq!(streamed, by_line);
        assert!(streamed.contains("\"=\"\"=risiko\"\"\""), "{streamed}");
        assert!(
            streamed.contains("1;A-1;\"Kor; og \"\"orkester\"\"\";12,5;3,5;2;1000;500;"),
            "{streamed}"
        );
    }

    /// A row with another number of criteria than the header is refused, not shifted.
    #[test]
    fn a_row_with_missing_points_is_refused() {
        let criteria = vec!["en".to_string(), "to".to_string()];
        let mut table = RankingCsv::new(Vec::new(), &criteria, "da").unwrap();
        let points = [Some(Decimal::from(1_i64))];
        assert!(table.row(&row("A", "t", &points)).is_err());
    }
}
