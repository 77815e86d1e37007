//! `ranking.xlsx`: the ranking as a secretariat opens it in a spreadsheet.
//!
//! The same rows in the same order as `ranking.csv`, appended by the final pass as it writes the
//! CSV. Ids, titles and recommendations are text cells (never read as numbers or dates, never
//! run as formulas); rank, total, points and amounts are numbers, amounts shown with thousands
//! grouping (`#,##0`, which the spreadsheet shows in its reader's way: `1.250.000` in Danish).
//! The header row names the columns in the report's language and the criteria by their titles;
//! each criterion's heading has a note with its id, the name `ranking.csv` and `decisions.jsonl`
//! use. The header row is frozen and as tall as its longest heading wrapped at
//! [`HEADING_WIDTH`]; the columns are as wide as their longest value (at most [`MAX_WIDTH`]).
//!
//! The sheet is written in rust_xlsxwriter's constant-memory mode: each row goes to a temporary
//! file in the staging folder as it is added, so a million applications do not hold the sheet
//! in memory. The file is the same bytes for the same decisions: the document's creation time is
//! fixed ([`CREATED`]) and the zip entries carry no time of their own.

use std::path::{Path, PathBuf};

use anyhow::Result;
use kriterium_engine::decimal::Decimal;
use kriterium_engine::decision::Recommendation;
use kriterium_engine::labels::Label;
use kriterium_engine::pack::RulePack;
use kriterium_engine::text::{self, Kind};
use rust_xlsxwriter::{
    ColNum, DocProperties, ExcelDateTime, Format, FormatAlign, Note, Workbook, Worksheet, XlsxError,
};

use super::super::output::CannotStore;

kriterium_engine::translation_table! {
    /// The words of `ranking.xlsx` that are not report labels.
    Words {
        SheetName => "Prioritering", "Ranking", "Rangordning";
        CriterionId => "Kriteriets id: {id}", "Criterion id: {id}", "Kriteriets id: {id}";
        TooManyRows => "bemærk: ranking.xlsx er ikke skrevet: {count} ansøgninger er flere, end et regneark kan rumme ({max}); hele prioriteringen står i ranking.csv", "note: ranking.xlsx is not written: {count} applications are more than a spreadsheet holds ({max}); the whole ranking is in ranking.csv", "obs: ranking.xlsx har inte skrivits: {count} ansökningar är fler än ett kalkylblad rymmer ({max}); hela rangordningen finns i ranking.csv";
    }
}

/// The most applications one sheet holds: a spreadsheet has 1,048,576 rows, one is the header.
pub const MAX_ROWS: usize = 1_048_575;

/// The widest a column gets, in characters: a long title wraps into the cell's tooltip rather
/// than pushing the amounts off the screen.
const MAX_WIDTH: usize = 60;

/// The narrowest a column gets, in characters, so a short heading stays readable.
const MIN_WIDTH: usize = 6;

/// How wide a heading makes its column at most, in characters: a criterion's long title wraps
/// onto several lines of the header row instead of widening a column of small numbers.
const HEADING_WIDTH: usize = 20;

/// The most lines the header row is made tall for.
const MAX_HEADING_LINES: usize = 8;

/// The height of one line of text in points, in the sheet's default font.
const LINE_HEIGHT: f64 = 15.0;

/// The creation time written into the document's properties: fixed, so two runs write the same
/// bytes (rust_xlsxwriter would write the current time).
const CREATED: (u16, u8, u8) = (2000, 1, 1);

/// What one row shows besides its id and title; the same values `ranking.csv`'s row shows.
#[derive(Debug, Clone)]
pub struct Row {
    /// Place in the ranking, if ranked.
    pub rank: Option<u64>,
    /// Total weighted points; `None` (a blank cell) while a criterion has no points yet.
    pub total: Option<Decimal>,
    /// Points per criterion in priority order; `None` (a blank cell) for a criterion no
    /// reviewer has scored.
    pub points: Vec<Option<Decimal>>,
    /// Amount requested, in whole currency units.
    pub requested: u64,
    /// Amount granted, in whole currency units.
    pub granted: u64,
    /// The batch's recommendation.
    pub recommendation: Recommendation,
}

/// `ranking.xlsx` being written, a row at a time in rank order.
pub struct RankingSheet {
    path: PathBuf,
    workbook: Workbook,
    sheet: Worksheet,
    lang: String,
    /// The next row to write (0 is the header).
    next: u32,
    /// The widest value of each column so far, in characters.
    widths: Vec<usize>,
    /// The most lines a heading needs, wrapped at [`HEADING_WIDTH`].
    heading_lines: usize,
    header: Format,
    amount: Format,
}

impl RankingSheet {
    /// Starts `folder/ranking.xlsx` for `rows` applications with its header in `lang`;
    /// `criteria` are the ranking's criterion ids in priority order. `None` when `rows` is more
    /// than a sheet holds ([`MAX_ROWS`]): then a note in `messages` (the language of the command
    /// line's messages) says so on standard error, and `ranking.csv` holds the ranking alone.
    ///
    /// # Errors
    /// [`CannotStore`] when the temporary file for the rows cannot be created in `folder`.
    pub fn start(
        folder: &Path,
        pack: &RulePack,
        criteria: &[String],
        lang: &str,
        rows: usize,
        messages: &str,
    ) -> Result<Option<RankingSheet>> {
        let path = folder.join("ranking.xlsx");
        if rows > MAX_ROWS {
            errln!(
                "{}",
                Words::TooManyRows.fill(
                    messages,
                    &[("count", &rows.to_string()), ("max", &MAX_ROWS.to_string())]
                )
            );
            return Ok(None);
        }
        let mut workbook = Workbook::new();
        let created =
            ExcelDateTime::from_ymd(CREATED.0, CREATED.1, CREATED.2).expect("a fixed, valid date");
        workbook.set_properties(&DocProperties::new().set_creation_datetime(&created));
        workbook
            .set_tempdir(folder)
            .map_err(|e| cannot_store(&path, e))?;
        let mut sheet = workbook
            .new_worksheet_with_constant_memory()
            .map_err(|e| cannot_store(&path, e))?;
        sheet
            .set_name(Words::SheetName.text(lang))
            .map_err(|e| cannot_store(&path, e))?;
        let mut ranking = RankingSheet {
            path,
            workbook,
            sheet,
            lang: lang.to_string(),
            next: 0,
            widths: Vec::new(),
            heading_lines: 1,
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_align(FormatAlign::Top),
            amount: Format::new().set_num_format("#,##0"),
        };
        ranking.write_header(pack, criteria)?;
        Ok(Some(ranking))
    }

    /// The header row: the fixed columns' labels and the criteria's titles, each criterion with
    /// a note holding its id; frozen, so it stays in view.
    fn write_header(&mut self, pack: &RulePack, criteria: &[String]) -> Result<()> {
        let lang = self.lang.clone();
        let label = |l: Label| l.text(&lang).to_string();
        let before = [Label::Rank, Label::Application, Label::Title, Label::Total].map(label);
        let after = [Label::Requested, Label::Granted, Label::Recommendation].map(label);
        let mut col: ColNum = 0;
        for heading in before {
            self.heading(col, &heading)?;
            col += 1;
        }
        for id in criteria {
            let title = pack
                .manifest
                .criteria
                .iter()
                .find(|c| &c.id == id)
                .map_or(id.as_str(), |c| c.title.get(&lang, &pack.manifest.language));
            self.heading(col, title)?;
            // The note says only the id: no "Author:" line above it.
            let note = Note::new(Words::CriterionId.fill(&lang, &[("id", id)]))
                .set_author("kriterium")
                .add_author_prefix(false);
            self.sheet
                .insert_note(0, col, &note)
                .map_err(|e| cannot_store(&self.path, e))?;
            col += 1;
        }
        for heading in after {
            self.heading(col, &heading)?;
            col += 1;
        }
        // A spreadsheet does not make a row taller for wrapped text it opens, so the header row
        // is given the height of its longest heading.
        let lines = self.heading_lines.min(MAX_HEADING_LINES);
        self.sheet
            .set_row_height(0, LINE_HEIGHT * lines as f64)
            .and_then(|sheet| sheet.set_freeze_panes(1, 0))
            .map_err(|e| cannot_store(&self.path, e))?;
        self.next = 1;
        Ok(())
    }

    /// A bold heading in column `col` of the header row.
    fn heading(&mut self, col: ColNum, heading: &str) -> Result<()> {
        let heading = text::visible(heading, Kind::Line);
        let chars = heading.chars().count();
        self.fit(col, chars.min(HEADING_WIDTH));
        // Wrapped at word boundaries a heading may need a line more than its length says.
        let lines = chars.div_ceil(HEADING_WIDTH - 2);
        self.heading_lines = self.heading_lines.max(lines + usize::from(lines > 1));
        self.sheet
            .write_string_with_format(0, col, heading, &self.header)
            .map_err(|e| cannot_store(&self.path, e))?;
        Ok(())
    }

    /// Appends the row of application `id` titled `title`.
    ///
    /// # Errors
    /// [`CannotStore`] when the temporary file cannot be written; an error naming the file when
    /// a value does not fit in a cell (a title longer than 32,767 characters).
    pub fn add(&mut self, id: &str, title: &str, row: &Row) -> Result<()> {
        let r = self.next;
        let mut col: ColNum = 0;
        if let Some(rank) = row.rank {
            self.number(r, col, rank as f64, None)?;
        }
        col += 1;
        self.text(r, col, id)?;
        col += 1;
        self.text(r, col, title)?;
        col += 1;
        if let Some(total) = row.total {
            self.number(r, col, to_f64(total), None)?;
        }
        col += 1;
        for points in &row.points {
            if let Some(points) = *points {
                self.number(r, col, to_f64(points), None)?;
            }
            col += 1;
        }
        let amount = self.amount.clone();
        self.number(r, col, row.requested as f64, Some(&amount))?;
        self.number(r, col + 1, row.granted as f64, Some(&amount))?;
        let recommendation = Label::recommendation_stated(row.recommendation).text(&self.lang);
        self.text(r, col + 2, recommendation)?;
        self.next += 1;
        Ok(())
    }

    /// A text cell: whatever it holds, the spreadsheet shows it as written.
    fn text(&mut self, row: u32, col: ColNum, value: &str) -> Result<()> {
        let value = text::visible(value, Kind::Line);
        self.fit(col, value.chars().count());
        self.sheet
            .write_string(row, col, value)
            .map_err(|e| cannot_store(&self.path, e))?;
        Ok(())
    }

    /// A number cell, in `format` when given.
    fn number(&mut self, row: u32, col: ColNum, value: f64, format: Option<&Format>) -> Result<()> {
        // As shown: the digits, a decimal sign, and a group separator every three digits.
        let digits = format!("{value}").len();
        let shown = if format.is_some() {
            digits + digits.saturating_sub(1) / 3
        } else {
            digits
        };
        self.fit(col, shown);
        match format {
            Some(format) => self.sheet.write_number_with_format(row, col, value, format),
            None => self.sheet.write_number(row, col, value),
        }
        .map_err(|e| cannot_store(&self.path, e))?;
        Ok(())
    }

    /// Widens column `col` to hold `chars` characters.
    fn fit(&mut self, col: ColNum, chars: usize) {
        let col = usize::from(col);
        if self.widths.len() <= col {
            self.widths.resize(col + 1, 0);
        }
        self.widths[col] = self.widths[col].max(chars);
    }

    /// Sets the column widths and writes the file.
    ///
    /// # Errors
    /// [`CannotStore`] naming the file when it cannot be written.
    pub fn finish(mut self) -> Result<()> {
        for (col, &chars) in self.widths.iter().enumerate() {
            // A little room beside the text, as a spreadsheet's own "fit width" leaves.
            let width = (chars + 2).clamp(MIN_WIDTH, MAX_WIDTH);
            let col = ColNum::try_from(col).expect("the columns were numbered as ColNum");
            self.sheet
                .set_column_width(col, width as f64)
                .map_err(|e| cannot_store(&self.path, e))?;
        }
        self.workbook.push_worksheet(self.sheet);
        self.workbook
            .save(&self.path)
            .map_err(|e| cannot_store(&self.path, e))?;
        Ok(())
    }
}

/// A decimal as the number a spreadsheet holds. Points and totals have at most a few decimals
/// and far fewer than 15 significant digits (`decimal::MAX_SCALE`), so the double is the
/// closest to the decimal and shows as the same digits.
fn to_f64(d: Decimal) -> f64 {
    d.to_string()
        .parse()
        .expect("a Decimal is written as digits, an optional sign and decimal point")
}

/// A failure of the spreadsheet writer: one of the system's ([`CannotStore`], so the batch says
/// the results folder is left as it was), or a value a sheet cannot hold, naming the file.
fn cannot_store(path: &Path, error: XlsxError) -> anyhow::Error {
    match error {
        XlsxError::IoError(e) => CannotStore::write(path)(e).into(),
        other => anyhow::anyhow!("cannot write `{}`: {other}", path.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_the_same_placeholders() {
        assert_eq!(Words::placeholders_differ(), Vec::<&str>::new());
    }
}
