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

#[cfg(test)]
mod tests {
    use super::parse;

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
