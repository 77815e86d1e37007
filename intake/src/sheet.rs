//! A sheet as the intake reads it: headings, then data rows of cells, each row numbered as the
//! spreadsheet shows it (the heading row is row 1).
//!
//! Read from bytes, never from a path: CSV as any form service or Excel writes it (`,`, `;` or
//! tab between fields, told from the heading row; UTF-8 with or without a byte-order mark, or
//! Windows-1252 as Danish Excel saves "CSV (semikolonsepareret)"), and XLSX workbooks through
//! calamine, whose real date cells stay dates.

use std::io::Cursor;

use std::collections::BTreeMap;

use calamine::{Data, DataRef, Reader, Xlsx};
use encoding_rs::Encoding;

use crate::messages::{Msg, Said};

/// One cell's value, as the file holds it.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing, or only spaces.
    Empty,
    /// Text, as written (CSV cells are all text).
    Text(String),
    /// A number cell of a workbook.
    Number(f64),
    /// A date cell of a workbook, as Excel's serial day number (1 = 1900-01-01).
    Date(f64),
    /// A true/false cell of a workbook.
    Bool(bool),
    /// An error a formula shows (`#DIV/0!`).
    Error(String),
    /// A formula (`=1+1`) whose value was never computed: a workbook written by a program, not
    /// saved by Excel or LibreOffice. Not empty: read as blank it would pass unseen.
    Uncomputed(String),
}

impl Cell {
    /// Whether the cell holds nothing a person wrote (empty, or only spaces).
    pub fn is_empty(&self) -> bool {
        match self {
            Cell::Empty => true,
            Cell::Text(text) => text.trim().is_empty(),
            _ => false,
        }
    }

    /// The cell as a person sees it, for messages: a number without a needless `.0`.
    pub fn shown(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(text) => text.clone(),
            Cell::Number(n) | Cell::Date(n) => number_text(*n),
            Cell::Bool(b) => b.to_string(),
            Cell::Error(e) | Cell::Uncomputed(e) => e.clone(),
        }
    }
}

/// `12` for 12.0, `12.5` for 12.5: a number cell as text, without float noise for whole numbers.
pub fn number_text(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}")
    }
}

/// A data row: its number in the spreadsheet and its cells, one per heading (missing cells at
/// the end of a short row are [`Cell::Empty`]). A workbook's row may stop after its last cell
/// when the headings go further (blank headings over a stray cell elsewhere): read cells with
/// `get`.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The row's number as the spreadsheet shows it; the heading row is 1.
    pub number: usize,
    /// One cell per heading, in the headings' order (see the type's note on short rows).
    pub cells: Vec<Cell>,
    /// What is wrong with the row itself, not with one of its cells: a CSV row with more or
    /// fewer fields than the heading row (a stray separator or quote). Such a row is rejected
    /// with it, since which cell belongs under which heading is not known.
    pub problem: Option<Said>,
}

/// A sheet read whole: its name (a workbook's sheet; `None` for a CSV file), the headings of
/// its first row (trimmed), and every row after it, empty ones included (in a workbook, a row
/// it holds no cell for at all is not there: see [`read_xlsx`]).
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// The worksheet's name in a workbook; a CSV file has none.
    pub name: Option<String>,
    /// Where the sheet's first column is in the spreadsheet, counted from 0 (column A): a
    /// workbook's cells may start right of A; a CSV file's always start in its first field.
    /// For naming a cell as the spreadsheet does ([`cell_name`]).
    pub first_column: usize,
    /// The heading row's number as the spreadsheet shows it (1 in a CSV file; a workbook's
    /// headings are in its first row holding anything).
    pub heading_row: usize,
    /// The headings, trimmed of spaces.
    pub headings: Vec<String>,
    /// The data rows in order.
    pub rows: Vec<Row>,
}

/// How the bytes of a CSV file were decoded; said so a wrong guess can be seen.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decoded {
    /// UTF-8 with a byte-order mark.
    Utf8Bom,
    /// UTF-8 without one.
    Utf8,
    /// Another encoding: the one the mapping declared, or Windows-1252 for bytes that are not
    /// UTF-8.
    Other(&'static str),
}

/// Reads a CSV file's `bytes`. `encoding` is the mapping's declared encoding (a WHATWG label
/// such as `windows-1252`, `utf-8`, `iso-8859-1`); without it, bytes that are valid UTF-8 are
/// UTF-8 and any others Windows-1252. The separator is the most frequent of `;`, `,` and tab in
/// the heading row.
///
/// # Errors
/// An unknown encoding, bytes that are not the declared UTF-8, a quote left open, an empty
/// file.
pub fn read_csv(bytes: &[u8], encoding: Option<&str>) -> Result<(Sheet, Decoded), Said> {
    let (text, decoded) = decode(bytes, encoding)?;
    let separator = separator_of(&text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(separator)
        .from_reader(text.as_bytes());
    let mut records = Vec::new();
    let mut last_start = 0;
    for record in reader.records() {
        let record = record.map_err(|e| Said::new(Msg::NotCsv, &[("reason", &e.to_string())]))?;
        if let Some(position) = record.position() {
            last_start = usize::try_from(position.byte()).unwrap_or(usize::MAX);
        }
        records.push(record.iter().map(str::to_string).collect::<Vec<_>>());
    }
    if let Some(rest) = text.get(last_start..)
        && quote_left_open(rest, separator)
    {
        // The csv reader counts records' ends, not line breaks inside quotes, and a record's
        // byte position may be the `\n` of the CRLF before it: the breaks are counted here.
        let start = last_start + rest.len() - rest.trim_start_matches(['\r', '\n']).len();
        let line = text.as_bytes()[..start]
            .iter()
            .filter(|&&b| b == b'\n')
            .count()
            + 1;
        return Err(Said::new(
            Msg::QuoteOpen,
            &[
                ("row", &records.len().to_string()),
                ("line", &line.to_string()),
            ],
        ));
    }
    let mut records = records.into_iter();
    let headings: Vec<String> = records
        .next()
        .ok_or_else(|| Said::new(Msg::EmptySheet, &[]))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let rows = records
        .enumerate()
        .map(|(i, fields)| Row {
            number: i + 2,
            problem: (fields.len() != headings.len()).then(|| {
                Said::new(
                    Msg::FieldCount,
                    &[
                        ("row", &(i + 2).to_string()),
                        ("count", &fields.len().to_string()),
                        ("width", &headings.len().to_string()),
                    ],
                )
            }),
            cells: cells_of(
                fields.into_iter().map(|f| {
                    if f.trim().is_empty() {
                        Cell::Empty
                    } else {
                        Cell::Text(f)
                    }
                }),
                headings.len(),
            ),
        })
        .collect();
    Ok((
        Sheet {
            name: None,
            first_column: 0,
            heading_row: 1,
            headings,
            rows,
        },
        decoded,
    ))
}

/// Whether the last record of a CSV text, `rest` from its start, runs from an opening quote
/// to the end of the file: the csv reader then takes every following line (or the rest of
/// the line) into one field, so rows or text would be lost unseen. A quote opens a field only
/// as the field's first character (`5" skærm` is text); inside, `""` is a quote and `"` closes.
fn quote_left_open(rest: &str, separator: u8) -> bool {
    let separator = char::from(separator);
    let (mut at_start, mut quoted) = (true, false);
    let mut chars = rest.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    chars.next();
                } else {
                    quoted = false;
                }
            }
            continue;
        }
        if at_start && c == '"' {
            quoted = true;
            at_start = false;
            continue;
        }
        at_start = c == separator || c == '\n' || c == '\r';
    }
    quoted
}

/// The text of a CSV file's bytes, and how it was decoded.
fn decode(bytes: &[u8], encoding: Option<&str>) -> Result<(String, Decoded), Said> {
    // Excel's "Unicode text" is UTF-16 with a byte-order mark; its NUL bytes are no sign of a
    // binary file. The mark outweighs a declared encoding, as in every WHATWG decoder.
    if let Some((found, bom)) = Encoding::for_bom(bytes)
        && found != encoding_rs::UTF_8
    {
        let (text, _) = found.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), Decoded::Other(found.name())));
    }
    let utf16 = encoding
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .is_some_and(|e| e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE);
    if let Some(offset) = bytes.iter().position(|&b| b == 0)
        && !utf16
    {
        // No text file holds a NUL: a picture or a workbook named .csv.
        return Err(Said::new(Msg::NotText, &[("offset", &offset.to_string())]));
    }
    if let Some(label) = encoding {
        let found = Encoding::for_label(label.trim().as_bytes())
            .ok_or_else(|| Said::new(Msg::UnknownEncoding, &[("value", label)]))?;
        if found == encoding_rs::UTF_8 {
            return utf8(bytes)
                .map_err(|offset| Said::new(Msg::NotUtf8, &[("offset", &offset.to_string())]));
        }
        // Declared, so decoded as declared; a byte-order mark of that encoding is dropped.
        let (text, _) = found.decode_without_bom_handling(bytes);
        return Ok((text.into_owned(), Decoded::Other(found.name())));
    }
    match utf8(bytes) {
        Ok(found) => Ok(found),
        Err(_) => {
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((
                text.into_owned(),
                Decoded::Other(encoding_rs::WINDOWS_1252.name()),
            ))
        }
    }
}

/// `bytes` as UTF-8 text (a byte-order mark removed), or the offset of the first byte that is
/// not UTF-8.
fn utf8(bytes: &[u8]) -> Result<(String, Decoded), usize> {
    let (body, decoded) = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => (rest, Decoded::Utf8Bom),
        None => (bytes, Decoded::Utf8),
    };
    match std::str::from_utf8(body) {
        Ok(text) => Ok((text.to_string(), decoded)),
        Err(e) => Err(e.valid_up_to() + bytes.len() - body.len()),
    }
}

/// The separator of a CSV text: whichever of `;`, `,` and tab its first line holds most of
/// outside quotes (`,` when it holds none: one column).
fn separator_of(text: &str) -> u8 {
    let (mut counts, mut quoted) = ([0usize; 3], false);
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' | '\r' if !quoted => break,
            ';' if !quoted => counts[0] += 1,
            ',' if !quoted => counts[1] += 1,
            '\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    // Ties go to `;`, then `,`: the order Danish spreadsheets use them in.
    let best = (0..3).fold(0, |best, i| if counts[i] > counts[best] { i } else { best });
    match (best, counts[best]) {
        (_, 0) => b',',
        (0, _) => b';',
        (1, _) => b',',
        _ => b'\t',
    }
}

/// Cells padded or kept to `width`: a short row's missing cells are empty; a long row's extra
/// cells (under no heading) are kept so that nothing written is lost unseen.
fn cells_of(cells: impl Iterator<Item = Cell>, width: usize) -> Vec<Cell> {
    let mut cells: Vec<Cell> = cells.collect();
    if cells.len() < width {
        cells.resize(width, Cell::Empty);
    }
    cells
}

/// Reads the worksheet `name` (the first one when `None`) of an XLSX workbook's `bytes`.
///
/// The cells are read one by one as the file lists them, never as the sheet's whole bounding
/// box: a stray character typed in cell XFD1048576 costs one cell, not a grid of 17 billion
/// (which once aborted the program on a failed allocation). The heading row is the first row
/// holding anything, the first column the leftmost holding anything; a row the workbook holds
/// no cell for at all (Excel writes none for an untouched row) is no row of the [`Sheet`],
/// while a row of blank cells is there, empty.
///
/// # Errors
/// Bytes that are not an XLSX workbook, no sheet of that name (with the names it has), an
/// empty sheet.
pub fn read_xlsx(bytes: &[u8], name: Option<&str>) -> Result<Sheet, Said> {
    let mut book: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| not_xlsx(&e))?;
    let names = book.sheet_names();
    let chosen = match name {
        Some(wanted) => names
            .iter()
            .find(|n| n.trim() == wanted.trim())
            .cloned()
            .ok_or_else(|| {
                let hint =
                    kriterium_engine::suggest::closest(wanted, names.iter().map(String::as_str))
                        .unwrap_or_default();
                Said::new(
                    Msg::NoSuchSheet,
                    &[
                        ("sheet", wanted),
                        ("hint", hint),
                        ("sheets", &names.join(", ")),
                    ],
                )
            })?,
        None => names
            .first()
            .cloned()
            .ok_or_else(|| Said::new(Msg::EmptySheet, &[]))?,
    };
    let cells = sparse_cells(&mut book, &chosen)?;
    sheet_of(chosen, cells)
}

/// Rows of the largest worksheet Excel and LibreOffice make: 1,048,576.
const MAX_XLSX_ROWS: u32 = 1 << 20;
/// Columns of the largest worksheet Excel and LibreOffice make: 16,384 (A to XFD).
const MAX_XLSX_COLUMNS: u32 = 1 << 14;

/// Every cell of the worksheet `name` that holds something, by (row, column), both counted
/// from 0. A formula cell a program wrote without its value (calamine reads it as empty) is
/// [`Cell::Uncomputed`], found by its formula, in the same pass.
fn sparse_cells(
    book: &mut Xlsx<Cursor<&[u8]>>,
    name: &str,
) -> Result<BTreeMap<(u32, u32), Cell>, Said> {
    let mut reader = book
        .worksheet_cells_reader(name)
        .map_err(|e| not_xlsx(&e))?;
    let mut cells = BTreeMap::new();
    while let Some(record) = reader.next_cell_with_formula().map_err(|e| not_xlsx(&e))? {
        // Beyond the largest sheet a spreadsheet program makes, a cell is a damaged or
        // hand-made file: refused by its name, before a row as wide as it is laid out.
        let (row, column) = record.pos;
        if row >= MAX_XLSX_ROWS || column >= MAX_XLSX_COLUMNS {
            return Err(Said::new(
                Msg::CellOutsideSheet,
                &[("cell", &cell_name(column as usize, row as usize + 1))],
            ));
        }
        let written = record.value != DataRef::Empty;
        let mut cell = cell_of(&Data::from(record.value));
        if cell == Cell::Empty
            && let Some(formula) = record.formula.filter(|f| !f.trim().is_empty())
        {
            cell = Cell::Uncomputed(format!("={formula}"));
        }
        // A blank string cell is kept as a blank cell: its row was touched (a row of blank
        // cells is an empty row the caller may say it skipped); an absent value is no cell.
        if written || cell != Cell::Empty {
            cells.insert(record.pos, cell);
        }
    }
    Ok(cells)
}
/// The sheet `name` of a workbook's cells, as [`sparse_cells`] gives them: the first row holding
/// anything is the heading row; columns count from the leftmost column holding anything. Each
/// row is as wide as its headings or its last cell, whichever is further right, so a cell
/// under no heading is kept (and said by the caller).
///
/// # Errors
/// A sheet without a cell.
fn sheet_of(name: String, cells: BTreeMap<(u32, u32), Cell>) -> Result<Sheet, Said> {
    let first_column = cells.keys().map(|&(_, c)| c).min();
    let Some(first_column) = first_column else {
        return Err(Said::new(Msg::EmptySheet, &[]));
    };
    let mut by_row: BTreeMap<u32, Vec<(usize, Cell)>> = BTreeMap::new();
    for ((row, column), cell) in cells {
        by_row
            .entry(row)
            .or_default()
            .push(((column - first_column) as usize, cell));
    }
    let row_cells = |cells: Vec<(usize, Cell)>, width: usize| {
        let last = cells.last().map_or(0, |(c, _)| c + 1);
        let mut row = vec![Cell::Empty; width.max(last)];
        for (column, cell) in cells {
            row[column] = cell;
        }
        row
    };
    // Every column holding anything has a heading, blank when the heading row has none there,
    // so that a cell under no heading is seen; rows are filled out only to the last named
    // heading (or their own last cell), so a stray cell far right widens one row, not all.
    let widest = by_row
        .values()
        .filter_map(|cells| cells.last().map(|(c, _)| c + 1))
        .max()
        .unwrap_or(0);
    let mut rows = by_row.into_iter();
    let (heading_row, heading_cells) = rows.next().unwrap_or_default();
    let mut headings: Vec<String> = row_cells(heading_cells, 0)
        .iter()
        .map(|cell| cell.shown().trim().to_string())
        .collect();
    let named = headings
        .iter()
        .rposition(|h| !h.is_empty())
        .map_or(0, |i| i + 1);
    headings.resize(widest, String::new());
    let rows = rows
        .map(|(row, cells)| Row {
            number: row as usize + 1,
            problem: None,
            cells: row_cells(cells, named),
        })
        .collect();
    Ok(Sheet {
        name: Some(name),
        first_column: first_column as usize,
        heading_row: heading_row as usize + 1,
        headings,
        rows,
    })
}

/// A cell's name as a spreadsheet shows it: `column` counted from 0 (A), `row` as shown (from
/// 1). `cell_name(999, 100000)` is `ALL100000`; `cell_name(16383, 1048576)` is `XFD1048576`.
pub fn cell_name(column: usize, row: usize) -> String {
    let mut letters = Vec::new();
    let mut n = column + 1;
    while n > 0 {
        let digit = (n - 1) % 26;
        // `digit` < 26, so the letter is one of A–Z.
        letters.push(char::from(b'A' + digit as u8));
        n = (n - 1) / 26;
    }
    format!("{}{row}", letters.iter().rev().collect::<String>())
}

/// Why calamine could not read a workbook, in words: not a zip archive at all (a text or a
/// picture named `.xlsx`), or a zip whose content is not a workbook. calamine's own text is
/// English and technical ("Could not find EOCD"), so it is not shown.
pub fn not_xlsx(error: &calamine::XlsxError) -> Said {
    match error {
        calamine::XlsxError::Zip(_) => Said::new(Msg::NotXlsx, &[]),
        _ => Said::new(Msg::XlsxDamaged, &[]),
    }
}

/// A workbook cell as a [`Cell`].
fn cell_of(data: &Data) -> Cell {
    match data {
        Data::Empty => Cell::Empty,
        Data::String(s) if s.trim().is_empty() => Cell::Empty,
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Cell::Text(s.clone()),
        Data::Int(i) => Cell::Number(*i as f64),
        Data::Float(f) => Cell::Number(*f),
        Data::Bool(b) => Cell::Bool(*b),
        Data::DateTime(d) if d.is_datetime() => Cell::Date(serial_1900(d)),
        Data::DateTime(d) => Cell::Number(d.as_f64()),
        Data::Error(e) => Cell::Error(e.to_string()),
    }
}

/// A date cell's serial day number in the 1900 date system, which [`Cell::Date`] holds. A
/// workbook saved with the 1904 system (old Mac Excel) counts from 1904-01-01: its raw serial
/// read as 1900-based is four years and a day early. calamine's own reading of the date knows
/// the workbook's system, so the serial is made again from that date.
fn serial_1900(d: &calamine::ExcelDateTime) -> f64 {
    use crate::convert::days_from_civil;
    let (year, month, day, ..) = d.to_ymd_hms_milli();
    let days =
        days_from_civil(year.into(), month.into(), day.into()) - days_from_civil(1899, 12, 30);
    days as f64 + d.as_f64().rem_euclid(1.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stray_cell_in_the_last_cell_of_a_sheet_costs_one_cell_not_the_grid() {
        // Before, the sheet's bounding box A1:XFD1048576 was allocated (17 billion cells) and
        // the program aborted on the failed allocation.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "Navn").unwrap();
        sheet.write_string(0, 1, "Beløb").unwrap();
        sheet.write_string(1, 0, "Anna").unwrap();
        sheet.write_number(1, 1, 5).unwrap();
        sheet.write_string(1_048_575, 16_383, "x").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let sheet = read_xlsx(&bytes, None).unwrap();
        assert_eq!(
            sheet.headings.len(),
            16_384,
            "the far column has a (blank) heading"
        );
        assert_eq!(sheet.headings[..2], ["Navn", "Beløb"]);
        let numbers: Vec<usize> = sheet.rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 1_048_576]);
        assert_eq!(
            sheet.rows[0].cells,
            [Cell::Text("Anna".into()), Cell::Number(5.0)]
        );
        assert_eq!(sheet.rows[1].cells.len(), 16_384);
        assert_eq!(sheet.rows[1].cells[16_383], Cell::Text("x".into()));
        assert_eq!(cell_name(16_383, 1_048_576), "XFD1048576");
        assert_eq!(cell_name(999, 100_000), "ALL100000");
        assert_eq!(cell_name(25, 1), "Z1");
        assert_eq!(cell_name(26, 1), "AA1");
    }

    #[test]
    fn a_sheet_starting_right_of_a_keeps_its_numbering_and_its_rows_of_blank_cells() {
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(2, 2, "Navn").unwrap();
        sheet.write_string(2, 3, "Sum").unwrap();
        sheet.write_string(3, 2, "Anna").unwrap();
        sheet.write_number(3, 3, 2).unwrap();
        sheet.write_string(4, 2, " ").unwrap();
        sheet.write_string(5, 2, "Bo").unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let sheet = read_xlsx(&bytes, None).unwrap();
        assert_eq!(sheet.first_column, 2);
        assert_eq!(sheet.headings, ["Navn", "Sum"]);
        let rows: Vec<(usize, Vec<Cell>)> = sheet
            .rows
            .iter()
            .map(|r| (r.number, r.cells.clone()))
            .collect();
        assert_eq!(
            rows,
            [
                (4, vec![Cell::Text("Anna".into()), Cell::Number(2.0)]),
                (5, vec![Cell::Empty, Cell::Empty]),
                (6, vec![Cell::Text("Bo".into()), Cell::Empty]),
            ]
        );
    }

    #[test]
    fn a_date_cell_is_the_same_day_in_either_date_system() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        // 2026-08-01 is serial 46235 in the 1900 system and 46235 − 1462 in the 1904 one.
        let of = |value, is_1904| {
            cell_of(&Data::DateTime(ExcelDateTime::new(
                value,
                ExcelDateTimeType::DateTime,
                is_1904,
            )))
        };
        assert_eq!(of(46235.0, false), Cell::Date(46235.0));
        assert_eq!(of(46235.0 - 1462.0, true), Cell::Date(46235.0));
    }

    #[test]
    fn a_quote_left_open_on_the_last_line_is_said_and_a_quote_inside_text_is_text() {
        // Before, only a quote open over several lines was found; on the last line the rest
        // of the line silently became the field.
        let said = read_csv(b"a;b;c\r\n1;2;\"open\r\n", None).unwrap_err();
        assert_eq!(said.msg, Msg::QuoteOpen);
        let said = read_csv(b"a;b;c\n1;2;\"open\n3;4;5\n", None).unwrap_err();
        assert_eq!(said.msg, Msg::QuoteOpen);
        // A quote that is not a field's first character is part of the text; `""` in a quoted
        // field is a quote.
        let (sheet, _) = read_csv(b"a;b\n5\" sk\xc3\xa6rm;\"sagde \"\"ja\"\"\"\n", None).unwrap();
        assert_eq!(sheet.rows[0].cells[0], Cell::Text("5\" skærm".into()));
        assert_eq!(sheet.rows[0].cells[1], Cell::Text("sagde \"ja\"".into()));
    }

    #[test]
    fn windows_1252_is_read_when_the_bytes_are_not_utf8() {
        // "Kommune;Navn\r\nNørreby;Søren\r\n" as Danish Excel saves it: ø is the byte 0xF8.
        let bytes = b"Kommune;Navn\r\nN\xF8rreby;S\xF8ren\r\n";
        let (sheet, decoded) = read_csv(bytes, None).unwrap();
        assert_eq!(decoded, Decoded::Other("windows-1252"));
        assert_eq!(sheet.headings, ["Kommune", "Navn"]);
        assert_eq!(sheet.rows[0].cells[0], Cell::Text("Nørreby".into()));
        assert_eq!(sheet.rows[0].number, 2);
    }

    #[test]
    fn a_byte_order_mark_is_not_part_of_the_first_heading() {
        let bytes = "\u{feff}Id,Kommune\nA-1,Nørreby\n".as_bytes();
        let (sheet, decoded) = read_csv(bytes, None).unwrap();
        assert_eq!(decoded, Decoded::Utf8Bom);
        assert_eq!(sheet.headings, ["Id", "Kommune"]);
        assert_eq!(sheet.rows[0].cells[1], Cell::Text("Nørreby".into()));
    }

    #[test]
    fn the_separator_is_told_from_the_heading_row() {
        assert_eq!(separator_of("a;b;c\n1,5;2;3"), b';');
        assert_eq!(separator_of("a,b,\"c;d\"\n"), b',');
        assert_eq!(separator_of("a\tb\tc\n"), b'\t');
        assert_eq!(separator_of("a\n"), b',');
        let (sheet, _) = read_csv(b"a\tb\n1\t2\n", None).unwrap();
        assert_eq!(
            sheet.rows[0].cells,
            [Cell::Text("1".into()), Cell::Text("2".into())]
        );
    }

    #[test]
    fn a_declared_encoding_is_used_and_a_wrong_one_said() {
        let (sheet, decoded) = read_csv(b"N\n\xF8\n", Some("iso-8859-1")).unwrap();
        assert_eq!(decoded, Decoded::Other("windows-1252"));
        assert_eq!(sheet.rows[0].cells[0], Cell::Text("ø".into()));
        let error = read_csv(b"N\n\xF8\n", Some("utf-8")).unwrap_err();
        assert_eq!(error.msg, Msg::NotUtf8);
        assert_eq!(error.values, [("offset", "2".to_string())]);
        let error = read_csv(b"N\n", Some("klingon")).unwrap_err();
        assert_eq!(error.msg, Msg::UnknownEncoding);
    }

    #[test]
    fn short_rows_are_padded_and_blank_cells_are_empty() {
        let (sheet, _) = read_csv(b"a;b;c\n1;  \n;;\n", None).unwrap();
        assert_eq!(
            sheet.rows[0].cells,
            [Cell::Text("1".into()), Cell::Empty, Cell::Empty]
        );
        assert!(sheet.rows[1].cells.iter().all(Cell::is_empty));
        assert_eq!(sheet.rows[1].number, 3);
        assert_eq!(sheet.rows[1].problem, None);
    }

    #[test]
    fn a_row_with_another_number_of_fields_than_the_headings_is_said() {
        let (sheet, _) = read_csv(b"a;b;c\n1;2\n1;2;3\n1;2;3;4;5\n", None).unwrap();
        let said = |i: usize| sheet.rows[i].problem.as_ref().map(|p| p.text("da"));
        assert_eq!(
            said(0).as_deref(),
            Some(
                "række 2 har 2 felter, men overskriften har 3; ret skilletegn eller anførselstegn i rækken"
            )
        );
        assert_eq!(said(1), None);
        assert_eq!(
            said(2).as_deref(),
            Some(
                "række 4 har 5 felter, men overskriften har 3; ret skilletegn eller anførselstegn i rækken"
            )
        );
        // Nothing written is lost: the long row keeps its extra cells.
        assert_eq!(sheet.rows[2].cells.len(), 5);
    }

    #[test]
    fn a_quote_never_closed_is_said_with_its_row() {
        let text = b"a;b;c\nQ-0;\"two\nlines\";1\nQ-1;\"never closed;2\nQ-2;T;3\nQ-3;T;4\n";
        let error = read_csv(text, None).unwrap_err();
        let crlf = String::from_utf8_lossy(text).replace('\n', "\r\n");
        assert_eq!(read_csv(crlf.as_bytes(), None).unwrap_err(), error);
        assert_eq!(
            error.text("da"),
            "anførselstegnet der åbner et felt i række 3 (linje 4) lukkes aldrig, så resten af filen ville blive ét felt; luk det eller fjern det"
        );
        // Quotes in pairs, a line break inside a closed quote, and a quote inside a field are fine.
        let (sheet, _) =
            read_csv(b"a;b\n1;\"to\nlinjer \"\"x\"\"\"\n2;5\" skaerm\n", None).unwrap();
        assert_eq!(sheet.rows.len(), 2);
        assert_eq!(sheet.rows[1].cells[1], Cell::Text("5\" skaerm".into()));
    }

    #[test]
    fn utf16_with_a_byte_order_mark_is_read_and_binary_files_are_refused() {
        let mut bytes = vec![0xFF, 0xFE];
        for unit in "Navn\tBy\r\nSøren\tNørreby\r\n".encode_utf16() {
            bytes.extend(unit.to_le_bytes());
        }
        let (sheet, decoded) = read_csv(&bytes, None).unwrap();
        assert_eq!(decoded, Decoded::Other("UTF-16LE"));
        assert_eq!(sheet.headings, ["Navn", "By"]);
        assert_eq!(sheet.rows[0].cells[1], Cell::Text("Nørreby".into()));
        let mut big_endian = vec![0xFE, 0xFF];
        for unit in "Navn\nSøren\n".encode_utf16() {
            big_endian.extend(unit.to_be_bytes());
        }
        let (sheet, _) = read_csv(&big_endian, Some("utf-8")).unwrap();
        assert_eq!(sheet.rows[0].cells[0], Cell::Text("Søren".into()));
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert_eq!(
            read_csv(png, None).unwrap_err().text("da"),
            "filen er ikke en tekstfil (CSV): den rummer binære data (byte 8); gem arket som CSV eller .xlsx"
        );
    }

    #[test]
    fn an_empty_file_has_no_headings() {
        assert_eq!(read_csv(b"", None).unwrap_err().msg, Msg::EmptySheet);
        assert_eq!(read_xlsx(b"not a zip", None).unwrap_err().msg, Msg::NotXlsx);
    }
}
