//! `kriterium-intake`: applications in from where they arrive. A form service's export (CSV or
//! XLSX) and a mapping (TOML) a secretariat edits become application JSON, row by row, each row
//! an application or a rejection with every reason by row and column.
//!
//! Pure logic on bytes and text: the command line (`kriterium import`) reads the files, writes
//! the JSON Lines and decides the language messages are said in.
//!
//! - [`sheet`]: CSV (separator and encoding found) and XLSX into headings and numbered rows.
//! - [`mapping`]: the mapping file, and its check against the schema and the sheet.
//! - [`convert`]: a cell into a field's value (amounts, dates, yes/no, lists, translations).
//! - [`fields`]: looking a JSON pointer up in the application schema.
//! - [`assemble`]: rows into validated applications, nothing lost.
//! - [`template`]: a form (XLSX) and its mapping for a network that has none; [`headings`]: its
//!   column headings in three languages.
//! - [`reviews`]: reviewers' scores read from a review sheet (CSV or XLSX), and the XLSX
//!   template they fill in, with the rubric.
//! - [`messages`]: every sentence in Danish, English and Swedish.

pub mod assemble;
pub mod convert;
pub mod fields;
pub mod headings;
pub mod mapping;
pub mod messages;
pub mod reviews;
pub mod sheet;
pub mod template;

pub use assemble::{Finding, Outcome, Rejection, assemble};
pub use mapping::{Mapping, MappingProblem, Schemas};
pub use messages::{Msg, Said};
pub use reviews::{
    EnteredReview, ReviewForm, ReviewSheet, TemplateRow, read_review_sheets, review_template,
    review_template_csv,
};
pub use sheet::{Cell, Row, Sheet};

/// Where a finding is: `ark »Ansøgninger«, række 14, kolonne »Ansøgt beløb«` (without a sheet
/// name for a CSV file, without a column when no single column is to blame).
pub fn place(sheet: Option<&str>, row: usize, column: Option<&str>) -> Said {
    let row = row.to_string();
    match (sheet, column) {
        (Some(sheet), Some(column)) => Said::new(
            Msg::SheetRowColumn,
            &[("sheet", sheet), ("row", &row), ("column", column)],
        ),
        (None, Some(column)) => Said::new(Msg::RowColumn, &[("row", &row), ("column", column)]),
        (Some(sheet), None) => Said::new(Msg::SheetRow, &[("sheet", sheet), ("row", &row)]),
        (None, None) => Said::new(Msg::Row, &[("row", &row)]),
    }
}
