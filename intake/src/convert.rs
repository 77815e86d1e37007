//! Conversions of a cell into a field's value: text, amounts and numbers as Danes write them,
//! dates in the forms Danish and Swedish forms use (and Excel's own date cells), yes/no, lists,
//! and the translation of a form's words into the schema's values ("Høj" → `high`).
//!
//! Each conversion takes one [`Cell`] and gives a JSON value, or says why the cell is not one
//! (with the cell quoted, for the row and column the caller adds).

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use crate::messages::{Msg, Said};
use crate::sheet::Cell;

/// How a column's cells become a field's value (`as = "…"` in the mapping).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Conversion {
    /// The text, spaces around it removed.
    #[default]
    Text,
    /// Whole units of money: `250000`, `250.000`, `250 000`, `kr. 250.000`, `250.000,00 kr.`.
    Amount,
    /// Any number, Danish style: `1.250,5`, `12`.
    Number,
    /// A whole number: `45`, `1.200`.
    Whole,
    /// A date written `YYYY-MM-DD`: from `14-03-2025`, `14.3.2025`, `14/3/2025`, `2025-03-14`, or
    /// Excel's date cells and serial day numbers.
    Date,
    /// `true` or `false`: ja/nej, j/n, x, sand/falsk, sant/falskt, yes/no, true/false, 1/0.
    YesNo,
    /// A list of texts, split on the column's `separator` (`,` unless it says otherwise).
    List,
}

/// What a mapping says about converting one column: how, the words it translates, the
/// separator of a list.
#[derive(Debug, Clone, Default)]
pub struct Rule<'a> {
    /// The conversion.
    pub conversion: Conversion,
    /// Sheet text → value (`"Høj" = "high"`); when any are given, every value must be one of them.
    pub values: Option<&'a BTreeMap<String, String>>,
    /// The separator of a list.
    pub separator: Option<&'a str>,
}

/// The value of `cell` under `rule`: `None` for an empty cell.
///
/// # Errors
/// What the cell holds and what was expected, e.g. »ca. 50.000« er ikke et beløb.
pub fn convert(cell: &Cell, rule: &Rule<'_>) -> Result<Option<Value>, Said> {
    if cell.is_empty() {
        return Ok(None);
    }
    match cell {
        Cell::Error(e) => return Err(Said::new(Msg::CellError, &[("value", e)])),
        Cell::Uncomputed(f) => return Err(Said::new(Msg::FormulaNoValue, &[("value", f)])),
        _ => {}
    }
    let value = match rule.conversion {
        Conversion::Text => translate(text_of(cell)?.trim(), rule.values)?,
        Conversion::Amount => amount(cell)?,
        Conversion::Number => number(cell, Msg::NotNumber)?,
        Conversion::Whole => whole(cell, Msg::NotWhole, Msg::NotWhole)?,
        Conversion::Date => Value::String(date(cell)?),
        Conversion::YesNo => Value::Bool(yes_no(cell)?),
        Conversion::List => Value::Array(
            text_of(cell)?
                .split(rule.separator.unwrap_or(","))
                .map(str::trim)
                .filter(|item| !item.is_empty())
                .map(|item| translate(item, rule.values))
                .collect::<Result<_, _>>()?,
        ),
    };
    Ok(Some(value))
}

/// The text of a cell for a text field: a text cell as written, a whole number cell as its
/// digits. A date, a true/false cell, a number with a fraction or too many digits to be held
/// exactly would become a text other than the one the sheet shows (`45000` for a date, `true`
/// for SAND, `1234567890123457000` for a 19-digit id), so each is refused, asking for text.
fn text_of(cell: &Cell) -> Result<String, Said> {
    let refused = match cell {
        Cell::Number(n) if n.fract() == 0.0 && n.abs() <= EXACT => return Ok(cell.shown()),
        Cell::Number(_) => Msg::CellIsNumber,
        Cell::Date(_) => Msg::CellIsDate,
        Cell::Bool(_) => Msg::CellIsBool,
        _ => return Ok(cell.shown()),
    };
    Err(Said::new(refused, &[("value", &cell.shown())]))
}

/// The largest whole number a sheet's number cell (a 64-bit float) holds exactly, 2^53 − 1:
/// beyond it, neighbouring whole numbers share one float.
const EXACT: f64 = 9_007_199_254_740_991.0;

/// `text` as the value the mapping's `values` give it, matched exactly or else ignoring case
/// and repeated spaces; `text` itself when the mapping translates nothing.
fn translate(text: &str, values: Option<&BTreeMap<String, String>>) -> Result<Value, Said> {
    let Some(values) = values.filter(|v| !v.is_empty()) else {
        return Ok(Value::String(text.to_string()));
    };
    let loose = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    let found = values.get(text).or_else(|| {
        values
            .iter()
            .find(|(k, _)| loose(k) == loose(text))
            .map(|(_, v)| v)
    });
    match found {
        Some(value) => Ok(Value::String(value.clone())),
        None => {
            let hint = kriterium_engine::suggest::closest(text, values.keys().map(String::as_str))
                .unwrap_or_default();
            let known = values
                .keys()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .join(", ");
            Err(Said::new(
                Msg::NotKnownValue,
                &[("value", text), ("known", &known), ("hint", hint)],
            ))
        }
    }
}

/// A number as Danes write it, as its digits before and after the decimal comma:
/// `1.250.000,50` → ("1250000", "50"), `250 000` → ("250000", ""). Points and spaces group
/// thousands (each group after the first exactly three digits); a comma starts the decimals.
/// `kr.`, `kr`, `DKK`, `SEK` before or after and a closing `,-` are allowed. `None` when the
/// text is not such a number (`ca. 50.000`, `12.5`, `50 tusind`).
fn danish_digits(text: &str) -> Option<(bool, String, String)> {
    let mut t = text.trim().to_lowercase();
    for prefix in ["kr.", "kr", "dkk", "sek"] {
        if let Some(rest) = t.strip_prefix(prefix) {
            t = rest.trim_start().to_string();
        }
    }
    for suffix in [",-", ".-", "kr.", "kr", "dkk", "sek"] {
        if let Some(rest) = t.strip_suffix(suffix) {
            t = rest.trim_end().to_string();
        }
    }
    let t = t.as_str();
    let (negative, t) = match t.strip_prefix('-') {
        Some(rest) => (true, rest.trim_start()),
        None => (false, t),
    };
    let (whole, decimals) = match t.split_once(',') {
        Some((w, d)) => (w, d),
        None => (t, ""),
    };
    if !decimals.chars().all(|c| c.is_ascii_digit()) || (t.contains(',') && decimals.is_empty()) {
        return None;
    }
    let groups: Vec<&str> = whole.split(['.', ' ', '\u{a0}', '\u{202f}']).collect();
    let first_ok = groups[0].len() <= 3 || groups.len() == 1;
    let grouped = groups.iter().skip(1).all(|g| g.len() == 3);
    let digits = groups
        .iter()
        .all(|g| !g.is_empty() && g.chars().all(|c| c.is_ascii_digit()));
    (first_ok && grouped && digits).then(|| (negative, groups.concat(), decimals.to_string()))
}

/// A whole amount: a whole number cell, or text as [`kriterium_engine::amount::parse`] reads
/// it (the rule `--budget` follows too); beyond that rule, a sign or zero decimals
/// (`-5.000`, `250.000,00`) as a Danish number. A lone comma before three digits (`400,000`)
/// is refused as ambiguous, a fraction as not whole.
fn amount(cell: &Cell) -> Result<Value, Said> {
    use kriterium_engine::amount::{self, AmountError};
    if let Cell::Text(text) = cell {
        let said = |msg| Said::new(msg, &[("value", text)]);
        match amount::parse(text) {
            Ok(n) => return Ok(Value::from(n)),
            Err(AmountError::Ambiguous) => return Err(said(Msg::AmountAmbiguous)),
            Err(AmountError::TooLarge) => return Err(said(Msg::TooLarge)),
            Err(AmountError::Empty | AmountError::NotAnAmount) => {}
        }
    }
    whole(cell, Msg::NotAmount, Msg::AmountNotWhole)
}

/// Whether `text` (a currency word around it allowed) is a lone comma between one to three
/// digits and exactly three (`1,000`, `-12,500`): a decimal comma to a Dane or a Swede,
/// a thousands separator to an English reader.
fn ambiguous_comma(text: &str) -> bool {
    let t = text.trim().trim_start_matches('-').trim_start();
    let digits = |s: &str, range: std::ops::RangeInclusive<usize>| {
        range.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    matches!(t.split_once(','), Some((w, d)) if digits(w, 1..=3) && digits(d, 3..=3))
}

/// A number cell, or text written as a Danish number; `wrong` is the message for anything else.
fn number(cell: &Cell, wrong: Msg) -> Result<Value, Said> {
    let said = || Said::new(wrong, &[("value", &cell.shown())]);
    match cell {
        Cell::Number(n) => serde_json::Number::from_f64(*n)
            .map(|n| whole_if_whole(Value::Number(n)))
            .ok_or_else(said),
        Cell::Text(text) => {
            if ambiguous_comma(text) {
                let msg = if wrong == Msg::NotAmount {
                    Msg::AmountAmbiguous
                } else {
                    Msg::NumberAmbiguous
                };
                return Err(Said::new(msg, &[("value", text)]));
            }
            let (negative, whole, decimals) = danish_digits(text).ok_or_else(said)?;
            let sign = if negative { "-" } else { "" };
            let written = if decimals.is_empty() {
                format!("{sign}{whole}")
            } else {
                format!("{sign}{whole}.{decimals}")
            };
            serde_json::from_str::<Value>(&written)
                .map(whole_if_whole)
                .map_err(|_| said())
        }
        _ => Err(said()),
    }
}

/// `60000.0` as `60000`: a number with nothing after the point is a whole number.
fn whole_if_whole(value: Value) -> Value {
    match value.as_f64() {
        Some(f) if value.is_f64() && f.fract() == 0.0 && f.abs() < 9.0e15 => Value::from(f as i64),
        _ => value,
    }
}

/// A whole number (an amount of money when `wrong` is [`Msg::NotAmount`]; any sign, the
/// schema says which are allowed): `wrong` for what is no number, `fraction` for one with a
/// fraction.
fn whole(cell: &Cell, wrong: Msg, fraction: Msg) -> Result<Value, Said> {
    let value = number(cell, wrong)?;
    match value.as_f64() {
        _ if value.is_i64() || value.is_u64() => Ok(value),
        // Whole, but beyond what a float holds exactly (`100000000000000000000`).
        Some(f) if f.fract() == 0.0 => Err(Said::new(Msg::TooLarge, &[("value", &cell.shown())])),
        _ => Err(Said::new(fraction, &[("value", &cell.shown())])),
    }
}

/// Yes or no in Danish, Swedish or English, a check mark `x`, `1`/`0`, or a true/false cell.
fn yes_no(cell: &Cell) -> Result<bool, Said> {
    let said = || Said::new(Msg::NotYesNo, &[("value", &cell.shown())]);
    match cell {
        Cell::Bool(b) => Ok(*b),
        Cell::Number(n) if *n == 1.0 => Ok(true),
        Cell::Number(n) if *n == 0.0 => Ok(false),
        Cell::Text(text) => match text.trim().to_lowercase().as_str() {
            "ja" | "j" | "x" | "sand" | "sant" | "yes" | "y" | "true" | "1" => Ok(true),
            "nej" | "n" | "falsk" | "falskt" | "no" | "false" | "0" => Ok(false),
            _ => Err(said()),
        },
        _ => Err(said()),
    }
}

/// Serial day numbers of 1990-01-01 to 2100-12-31: the dates a serial written as text in a
/// sheet is believed to be.
const PLAUSIBLE_SERIALS: std::ops::RangeInclusive<f64> = 32_874.0..=73_415.0;

/// A date as `YYYY-MM-DD`.
fn date(cell: &Cell) -> Result<String, Said> {
    let not_date = || Said::new(Msg::NotDate, &[("value", &cell.shown())]);
    let (year, month, day) = match cell {
        Cell::Date(serial) | Cell::Number(serial) => from_serial(*serial).ok_or_else(not_date)?,
        Cell::Text(text) => {
            let text = text.trim();
            if !text.is_empty() && text.len() <= 5 && text.chars().all(|c| c.is_ascii_digit()) {
                // A serial day number written as text (a date column exported as numbers) is
                // taken only within 1990–2100: a bare year (`2026`) or a small number would
                // otherwise become a date in 1905 or 1900 without a word.
                let serial: f64 = text.parse().map_err(|_| not_date())?;
                if !PLAUSIBLE_SERIALS.contains(&serial) {
                    return Err(not_date());
                }
                from_serial(serial).ok_or_else(not_date)?
            } else {
                let (day, time) = split_time(text);
                match time.map(is_midnight) {
                    Some(None) => return Err(not_date()),
                    Some(Some(false)) => {
                        return Err(Said::new(Msg::TimeNotMidnight, &[("value", &cell.shown())]));
                    }
                    Some(Some(true)) | None => {}
                }
                written_date(day).ok_or_else(not_date)?
            }
        }
        _ => return Err(not_date()),
    };
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return Err(Said::new(Msg::NoSuchDay, &[("value", &cell.shown())]));
    }
    Ok(format!("{year:04}-{month:02}-{day:02}"))
}

/// A written date and the time of day after it, if any: `14.03.2025 00:00` (as Danish Excel
/// exports a date) → (`14.03.2025`, `00:00`), `2025-03-14T00:00:00` → (`2025-03-14`,
/// `00:00:00`).
fn split_time(text: &str) -> (&str, Option<&str>) {
    match text.split_once(['T', ' ']) {
        Some((day, time)) if time.contains(':') => (day.trim(), Some(time.trim())),
        _ => (text, None),
    }
}

/// Whether a time of day `HH:MM` or `HH:MM:SS` (seconds may have a fraction) is midnight;
/// `None` when it is no such time.
fn is_midnight(time: &str) -> Option<bool> {
    let parts: Vec<&str> = time.split(':').collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let mut zero = true;
    for part in parts {
        let number: f64 = part
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.')
            .then(|| part.parse().ok())
            .flatten()?;
        zero &= number == 0.0;
    }
    Some(zero)
}

/// Year, month and day of `2025-03-14`, `14-03-2025`, `14.3.2025` or `14/3/2025` (a year of
/// four digits), not yet checked against the calendar.
fn written_date(text: &str) -> Option<(i64, u32, u32)> {
    let parts: Vec<&str> = text.split(['-', '.', '/']).map(str::trim).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.chars().all(|ch| ch.is_ascii_digit()))
    {
        return None;
    }
    let (year, month, day) = if a.len() == 4 {
        (a, b, c)
    } else if c.len() == 4 {
        (c, b, a)
    } else {
        return None;
    };
    if month.len() > 2 || day.len() > 2 {
        return None;
    }
    Some((year.parse().ok()?, month.parse().ok()?, day.parse().ok()?))
}

/// The date of an Excel serial day number (1900 date system: 1 = 1900-01-01, with Excel's
/// fictitious 1900-02-29 as 60, so only numbers from 61, 1900-03-01, are taken). A time of day
/// after the point is not part of a date and is left out.
fn from_serial(serial: f64) -> Option<(i64, u32, u32)> {
    if !(61.0..=2_958_465.0).contains(&serial) {
        return None;
    }
    // Day 0 of this count is 1899-12-30, which makes every serial from 61 on right.
    Some(kriterium_engine::date::from_days(
        serial.floor() as i64 + days_from_civil(1899, 12, 30),
    ))
}

/// Days since 1970-01-01 of a date (proleptic Gregorian; H. Hinnant's `days_from_civil`).
pub(crate) fn days_from_civil(year: i64, month: u32, day: u32) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(month);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(day) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days in `month` of `year`, leap years counted.
fn days_in_month(year: i64, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(s: &str) -> Cell {
        Cell::Text(s.to_string())
    }

    fn with(conversion: Conversion, cell: Cell) -> Result<Option<Value>, Said> {
        convert(
            &cell,
            &Rule {
                conversion,
                ..Rule::default()
            },
        )
    }

    fn said(conversion: Conversion, cell: Cell) -> String {
        with(conversion, cell).unwrap_err().text("da")
    }

    #[test]
    fn amounts_as_danes_write_them() {
        for (written, value) in [
            ("250000", 250_000),
            ("250.000", 250_000),
            ("1.250.000", 1_250_000),
            ("250 000", 250_000),
            ("250\u{a0}000", 250_000),
            ("kr. 250.000", 250_000),
            ("250.000 kr.", 250_000),
            ("250.000,-", 250_000),
            ("250.000,00", 250_000),
            ("DKK 40000", 40_000),
            ("SEK 40 000", 40_000),
            ("40.000 DKK", 40_000),
            ("-5.000", -5_000),
            ("  60.000  ", 60_000),
        ] {
            assert_eq!(
                with(Conversion::Amount, text(written)).unwrap(),
                Some(json!(value)),
                "{written}"
            );
        }
        assert_eq!(
            with(Conversion::Amount, Cell::Number(180000.0)).unwrap(),
            Some(json!(180000))
        );
    }

    #[test]
    fn what_is_not_an_amount_is_said() {
        assert_eq!(
            said(Conversion::Amount, text("ca. 50.000")),
            "»ca. 50.000« er ikke et beløb; skriv fx 50000 eller 50.000"
        );
        for wrong in ["12.5", "50 tusind", "1.25.000", "50.000,", "1,2,3"] {
            assert_eq!(
                with(Conversion::Amount, text(wrong)).unwrap_err().msg,
                Msg::NotAmount,
                "{wrong}"
            );
        }
        // A lone comma before three digits: 400 kr. to a Dane, 400000 to an English reader.
        for ambiguous in ["1,000", "400,000", "kr. 400,000", "-12,500"] {
            assert_eq!(
                said(Conversion::Amount, text(ambiguous)),
                format!(
                    "»{ambiguous}« kan læses som et decimaltal eller som tusinder; skriv 400000 eller 400.000"
                )
            );
        }
        assert_eq!(
            with(Conversion::Number, text("1,500")).unwrap_err().msg,
            Msg::NumberAmbiguous
        );
        assert_eq!(
            with(Conversion::Whole, text("2,000")).unwrap_err().msg,
            Msg::NumberAmbiguous
        );
        // Both separators, or more than one comma group, say which is meant.
        assert_eq!(
            with(Conversion::Number, text("1.250,500")).unwrap(),
            Some(json!(1250.5))
        );
        assert_eq!(
            with(Conversion::Amount, text("1,250,000")).unwrap(),
            Some(json!(1_250_000))
        );
        assert_eq!(
            said(Conversion::Amount, text("100000000000000000000")),
            "»100000000000000000000« er for stort et tal til at blive læst nøjagtigt"
        );
        assert_eq!(
            said(Conversion::Whole, text("100.000.000.000.000.000.000")),
            "»100.000.000.000.000.000.000« er for stort et tal til at blive læst nøjagtigt"
        );
        assert_eq!(
            with(Conversion::Amount, Cell::Number(1e20))
                .unwrap_err()
                .msg,
            Msg::TooLarge
        );
        assert_eq!(
            said(Conversion::Amount, text("1.250.000,50")),
            "»1.250.000,50« er ikke et helt beløb; skriv beløbet i hele kroner, fx 50000"
        );
    }

    #[test]
    fn numbers_and_whole_numbers() {
        assert_eq!(
            with(Conversion::Number, text("1.250,5")).unwrap(),
            Some(json!(1250.5))
        );
        assert_eq!(
            with(Conversion::Number, text("-3")).unwrap(),
            Some(json!(-3))
        );
        assert_eq!(
            with(Conversion::Whole, text("1.200")).unwrap(),
            Some(json!(1200))
        );
        assert_eq!(
            with(Conversion::Whole, Cell::Number(45.0)).unwrap(),
            Some(json!(45))
        );
        assert_eq!(
            said(Conversion::Whole, text("4,5")),
            "»4,5« er ikke et helt tal; skriv fx 45"
        );
        assert_eq!(
            said(Conversion::Number, text("mange")),
            "»mange« er ikke et tal; skriv fx 12 eller 1.250,5"
        );
    }

    #[test]
    fn dates_in_every_written_form() {
        for written in [
            "14-03-2025",
            "14.3.2025",
            "14/3/2025",
            "2025-03-14",
            "2025-3-14",
            " 14-03-2025 ",
            "14.03.2025 00:00",
            "14-03-2025 00:00:00",
            "2025-03-14T00:00:00",
            "2025-03-14 00:00:00.000",
        ] {
            assert_eq!(
                with(Conversion::Date, text(written)).unwrap(),
                Some(json!("2025-03-14")),
                "{written}"
            );
        }
        // Excel's serial day numbers, as a date cell, a number cell or text: 45730 is 2025-03-14.
        assert_eq!(
            with(Conversion::Date, Cell::Date(45730.0)).unwrap(),
            Some(json!("2025-03-14"))
        );
        assert_eq!(
            with(Conversion::Date, Cell::Number(45730.5)).unwrap(),
            Some(json!("2025-03-14"))
        );
        assert_eq!(
            with(Conversion::Date, text("45730")).unwrap(),
            Some(json!("2025-03-14"))
        );
        assert_eq!(
            with(Conversion::Date, Cell::Date(61.0)).unwrap(),
            Some(json!("1900-03-01"))
        );
        assert_eq!(
            with(Conversion::Date, text("29-02-2024")).unwrap(),
            Some(json!("2024-02-29"))
        );
    }

    #[test]
    fn dates_that_are_not_said() {
        // A bare year or a small number written as text is no serial day number of a round.
        for written in ["2026", "61", "12"] {
            assert_eq!(
                with(Conversion::Date, text(written)).unwrap_err().msg,
                Msg::NotDate,
                "{written}"
            );
        }
        assert_eq!(
            said(Conversion::Date, text("31-02-2025")),
            "»31-02-2025« findes ikke i kalenderen; ret dag eller måned"
        );
        assert_eq!(
            with(Conversion::Date, text("29-02-2025")).unwrap_err().msg,
            Msg::NoSuchDay
        );
        assert_eq!(
            with(Conversion::Date, text("14-13-2025")).unwrap_err().msg,
            Msg::NoSuchDay
        );
        assert_eq!(
            said(Conversion::Date, text("næste forår")),
            "»næste forår« er ikke en dato; skriv fx 14-03-2025 eller 2025-03-14"
        );
        for time in ["14.03.2025 10:30", "2025-03-14T00:00:01"] {
            assert_eq!(
                said(Conversion::Date, text(time)),
                format!(
                    "»{time}« har et klokkeslæt; feltet er en dato, så skriv kun datoen, fx 14-03-2025"
                )
            );
        }
        for wrong in [
            "14-03-25",
            "2025-03",
            "1.2.3.4",
            "14-03-2025 kl. 10",
            "14-03-2025 0:x",
        ] {
            assert_eq!(
                with(Conversion::Date, text(wrong)).unwrap_err().msg,
                Msg::NotDate,
                "{wrong}"
            );
        }
    }

    #[test]
    fn yes_and_no_in_danish_swedish_and_english() {
        for yes in [
            "ja", "Ja", "J", "x", "X", "sand", "sant", "yes", "true", "1",
        ] {
            assert_eq!(
                with(Conversion::YesNo, text(yes)).unwrap(),
                Some(json!(true)),
                "{yes}"
            );
        }
        for no in ["nej", "NEJ", "n", "falsk", "falskt", "no", "false", "0"] {
            assert_eq!(
                with(Conversion::YesNo, text(no)).unwrap(),
                Some(json!(false)),
                "{no}"
            );
        }
        assert_eq!(
            with(Conversion::YesNo, Cell::Bool(true)).unwrap(),
            Some(json!(true))
        );
        assert_eq!(
            with(Conversion::YesNo, Cell::Number(0.0)).unwrap(),
            Some(json!(false))
        );
        assert_eq!(
            said(Conversion::YesNo, text("måske")),
            "»måske« er hverken ja eller nej; skriv ja, nej eller x"
        );
    }

    #[test]
    fn lists_split_on_the_separator_and_translate_each_item() {
        let values: BTreeMap<String, String> = [("Idræt", "sport"), ("Kultur", "culture")]
            .map(|(k, v)| (k.into(), v.into()))
            .into();
        let rule = Rule {
            conversion: Conversion::List,
            values: Some(&values),
            separator: Some(";"),
        };
        assert_eq!(
            convert(&text(" Idræt ; kultur ;"), &rule).unwrap(),
            Some(json!(["sport", "culture"]))
        );
        let plain = Rule {
            conversion: Conversion::List,
            ..Rule::default()
        };
        assert_eq!(
            convert(&text("Vesterby, Nørreby,Østerby"), &plain).unwrap(),
            Some(json!(["Vesterby", "Nørreby", "Østerby"]))
        );
    }

    #[test]
    fn values_translate_sheet_words_and_refuse_others() {
        let values: BTreeMap<String, String> =
            [("Høj", "high"), ("Middel", "medium"), ("Lav", "low")]
                .map(|(k, v)| (k.into(), v.into()))
                .into();
        let rule = Rule {
            values: Some(&values),
            ..Rule::default()
        };
        assert_eq!(convert(&text("Høj"), &rule).unwrap(), Some(json!("high")));
        assert_eq!(
            convert(&text("  høj "), &rule).unwrap(),
            Some(json!("high"))
        );
        assert_eq!(
            convert(&text("Middl"), &rule).unwrap_err().text("da"),
            "»Middl« er ikke en af de kendte værdier (Høj, Lav, Middel); mente du »Middel«?"
        );
    }

    #[test]
    fn text_is_trimmed_and_empty_cells_give_nothing() {
        assert_eq!(
            with(Conversion::Text, text("  Nørreby Kulturskole ")).unwrap(),
            Some(json!("Nørreby Kulturskole"))
        );
        assert_eq!(
            with(Conversion::Text, Cell::Number(29189919.0)).unwrap(),
            Some(json!("29189919"))
        );
        assert_eq!(with(Conversion::Amount, Cell::Empty).unwrap(), None);
        // A cell whose text would differ from what the sheet shows is refused, not guessed.
        assert_eq!(
            said(Conversion::Text, Cell::Date(45000.0)),
            "cellen er en dato, men feltet er tekst, og datoen ville blive et løbenummer (45000); skriv den som tekst i arket"
        );
        assert_eq!(
            with(Conversion::Text, Cell::Bool(true)).unwrap_err().msg,
            Msg::CellIsBool
        );
        for number in [1_234_567_890_123_456_789.0, 12.5] {
            assert_eq!(
                with(Conversion::Text, Cell::Number(number))
                    .unwrap_err()
                    .msg,
                Msg::CellIsNumber
            );
        }
        assert_eq!(
            with(Conversion::List, Cell::Date(45000.0)).unwrap_err().msg,
            Msg::CellIsDate
        );
        assert_eq!(with(Conversion::Text, text("   ")).unwrap(), None);
        assert_eq!(
            said(Conversion::Amount, Cell::Error("#DIV/0!".into())),
            "cellen viser fejlen »#DIV/0!«; ret formlen i regnearket"
        );
    }
}
