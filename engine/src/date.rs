//! Calendar dates as packs and records write them: `YYYY-MM-DD`, a real day.

/// The year, month and day of `text` when it is a real day written `YYYY-MM-DD` (four, two
/// and two digits, years 1900–9999, a 29 February only in a leap year); else `None`.
pub fn parse(text: &str) -> Option<(u32, u32, u32)> {
    let bytes = text.as_bytes();
    let form = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    if !form {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<u32>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    if !(1900..=9999).contains(&year) {
        return None;
    }
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    (1..=days).contains(&day).then_some((year, month, day))
}

/// The proleptic Gregorian year, month and day `days` after 1970-01-01 (negative: before),
/// by Howard Hinnant's `civil_from_days`: the one conversion for spreadsheet serial dates
/// (`kriterium-intake`) and the clock's today (`kriterium serve`'s default meeting date).
pub fn from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    // In range by construction: day 1–31, month 1–12.
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::{from_days, parse};

    #[test]
    fn days_since_1970_are_calendar_dates() {
        assert_eq!(from_days(0), (1970, 1, 1));
        assert_eq!(from_days(59), (1970, 3, 1));
        assert_eq!(from_days(11_016), (2000, 2, 29));
        assert_eq!(from_days(20_513), (2026, 3, 1));
        assert_eq!(from_days(-1), (1969, 12, 31));
    }

    #[test]
    fn a_date_is_a_real_day_written_year_month_day() {
        assert_eq!(parse("2027-12-31"), Some((2027, 12, 31)));
        assert_eq!(parse("2028-02-29"), Some((2028, 2, 29)));
        for wrong in [
            "2027-02-29",
            "2100-02-29",
            "2027-13-01",
            "2027-04-31",
            "2027-12-00",
            "27-12-31",
            "2027-1-31",
            "2027/12/31",
            "31-12-2027",
            "1899-12-31",
            "2027-12-31 ",
            "+027-12-31",
            "",
        ] {
            assert_eq!(parse(wrong), None, "{wrong}");
        }
    }
}
